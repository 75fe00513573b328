// COMPUTE_VOUCHER compiled: each programme route of a version, once, into an evaluator in whole fen
// (exact integer arithmetic: a rate is a fraction n/d, caps and thresholds are fen), so a first
// calculation costs a few integer operations instead of decimal arithmetic and a trace. Inputs it
// cannot take exactly (text amounts, fractions of a fen, very large numbers, bad arguments) go the
// ordinary way (computeVoucher), which is also what gives every message; the answers are the same
// (test/compiled.test.ts checks them against each other).
import Decimal from "decimal.js";
import { parseDomestic, type Resolver } from "./resolve";
import { ceilingBinding, singleCeilings, voucherRouteLimits } from "./limits/derive";
import type { PolicyVersion, Programme, Route } from "./types";

/** A fraction of whole numbers, both below 2^31. */
type Fraction = [number, number];

/**
 * The award in whole fen, or null where the integers would leave the exact range; `out`, where given,
 * receives the rule that set it (as computeVoucher names it). Nothing is allocated a call.
 */
type Evaluator = (spendFen: number, out?: { binding: string }) => number | null;

const SAFE = 2 ** 52;

function fraction(d: Decimal): Fraction | null {
  const [n, q] = d.toFraction(1e9).map((x) => x.toNumber());
  return new Decimal(n).dividedBy(q).equals(d) ? [n, q] : null;
}

/** Caps in whole fen, or null where one is not a whole number of fen. */
function fenOf(d: Decimal): number | null {
  const f = d.times(100);
  return f.isInteger() && f.lessThan(SAFE) ? f.toNumber() : null;
}

/** Rounds p/q fen half up to a whole fen (p, q ≥ 0 whole numbers with 2p + q < 2^52). */
const halfUp = (p: number, q: number) => Math.floor((2 * p + q) / (2 * q));

function compileRoute(version: PolicyVersion, programme: Programme, route: Route, domestic: boolean): Evaluator | null {
  const limits = singleCeilings(voucherRouteLimits(version, programme, route));
  // The tightest ceiling and the binding it gives (the first of equal ones, as computeVoucher applies them in order).
  const ceiling = (ls: typeof limits): [number | null, string] | undefined => {
    let min: number | null = null;
    let binding = "";
    for (const l of ls) {
      const f = fenOf(l.share ? l.amount.dividedBy(l.share) : l.amount);
      if (f === null) return undefined;
      if (min === null || f < min) [min, binding] = [f, ceilingBinding(l)];
    }
    return [min, binding];
  };
  const b = ceiling(limits.filter((l) => l.id === "cap"));
  const a = ceiling(limits.filter((l) => l.id !== "cap"));
  const all = ceiling(limits);
  if (!b || !a || !all) return null;
  const [before, beforeBinding] = b;
  const [after, afterBinding] = a;
  if (route.kind === "lump-sum") {
    const lump = fenOf(route.amount!.value);
    if (lump === null) return null;
    const [fen, binding] = all[0] !== null && all[0] < lump ? [all[0], all[1]] : [lump, "lump-sum"];
    return (_s, out) => {
      if (out) out.binding = binding;
      return fen;
    };
  }
  const rateD = domestic && route.domesticRate ? route.domesticRate.value : route.rate?.value;
  const rate = rateD && fraction(rateD);
  const uplift = route.uplift ? fraction(route.uplift.value.plus(1)) : ([1, 1] as Fraction);
  const threshold = route.threshold ? fenOf(route.threshold.value) : null;
  if (!rate || !uplift || (route.threshold && threshold === null)) return null;
  const inclusive = route.threshold?.inclusive ?? true;
  return (s, out) => {
    let fen = 0;
    let binding = "threshold";
    if (threshold === null || (inclusive ? s >= threshold : s > threshold)) {
      // award = s × n / d fen, capped, raised, capped again: kept as p/q.
      let p = s * rate[0];
      let q = rate[1];
      binding = "rate";
      if (p * uplift[0] >= SAFE) return null;
      if (before !== null && p > before * q) {
        p = before;
        q = 1;
        binding = beforeBinding;
      }
      p *= uplift[0];
      q *= uplift[1];
      if (after !== null && p > after * q) {
        p = after;
        q = 1;
        binding = afterBinding;
      }
      if (2 * p + q >= SAFE) return null;
      fen = halfUp(p, q);
    }
    if (out) out.binding = binding;
    return fen;
  };
}

/** A number of 元 as whole fen, where it is one exactly. */
function numberFen(spend: number): number | null {
  const fen = Math.round(spend * 100);
  return spend >= 0 && fen < SAFE && fen / 100 === spend ? fen : null;
}

const TEXT = /^(\d{1,15})(?:\.(\d{1,8}))?(万|亿)?元?$/;

/** Text such as 1500万, 3333.34万 or 2.5亿元 as whole fen, where it is one exactly (others: the ordinary way). */
function textFen(spend: string): number | null {
  const m = TEXT.exec(spend);
  if (!m) return null;
  const frac = m[2] ?? "";
  const exp = (m[3] === "亿" ? 8 : m[3] === "万" ? 4 : 0) + 2 - frac.length;
  const digits = (m[1] + frac).replace(/^0+(?=\d)/, "");
  if (exp >= 0) return fenFromDigits(digits + "0".repeat(exp));
  const keep = digits.length + exp; // the digits below the fen must be zeros
  if (!/^0*$/.test(digits.slice(Math.max(keep, 0)))) return null;
  return keep <= 0 ? 0 : fenFromDigits(digits.slice(0, keep));
}

function fenFromDigits(d: string): number | null {
  const n = Number(d);
  return n < SAFE ? n : null;
}

/** A spend in whole fen, where it is one exactly (a number, or text such as 1500万). */
function spendFen(spend: unknown): number | null {
  return typeof spend === "number" ? numberFen(spend) : typeof spend === "string" ? textFen(spend) : null;
}

/** The domestic argument as a flag, or null where it is none (the ordinary way gives the message). */
function domesticFlag(domestic: unknown): boolean | null {
  if (domestic === true || domestic === false) return domestic;
  if (domestic === null || domestic === undefined || domestic === "") return false;
  try {
    return parseDomestic(domestic).domestic;
  } catch {
    return null;
  }
}

/** What the arguments resolve to, with the route's evaluators (not domestic, domestic) once first used. */
interface Found { version: PolicyVersion; programme: Programme; route: Route; pair?: Pair }
type Pair = [Evaluator | null, Evaluator | null];

/** The compiled evaluators and what the arguments resolve to, remembered per resolver. */
export class CompiledVouchers {
  /** By jurisdiction, type and year (nested maps: no key string a call). */
  private readonly where = new Map<string, Map<string, Map<number, Found | null>>>();
  private size = 0;

  constructor(private readonly resolver: Resolver) {}

  /** The award in 元 (to the fen), or null: compute it the ordinary way. */
  amount(jurisdiction: unknown, type: unknown, spend: unknown, domestic: unknown, year: number): number | null {
    if (typeof jurisdiction !== "string" || typeof type !== "string") return null;
    const found = this.find(jurisdiction, type, year);
    const f = found && evaluateFen((found.pair ??= evaluatorPair(found.version, found.programme, found.route)), spend, domestic);
    return f === null ? null : f / 100;
  }

  private find(jurisdiction: string, type: string, year: number): Found | null {
    if (this.size > 10000) {
      this.where.clear();
      this.size = 0;
    }
    let byType = this.where.get(jurisdiction);
    if (!byType) this.where.set(jurisdiction, (byType = new Map()));
    let byYear = byType.get(type);
    if (!byYear) byType.set(type, (byYear = new Map()));
    let hit = byYear.get(year);
    if (hit === undefined) {
      try {
        const { version } = this.resolver.resolve(jurisdiction, year);
        hit = { version, ...this.resolver.findProgrammeRoute(version, type) };
      } catch {
        hit = null; // the ordinary way gives the message
      }
      byYear.set(year, hit);
      this.size++;
    }
    return hit;
  }
}

const evaluators = new WeakMap<Route, Map<PolicyVersion, Pair>>();

function evaluatorPair(version: PolicyVersion, programme: Programme, route: Route): Pair {
  let byVersion = evaluators.get(route);
  if (!byVersion) evaluators.set(route, (byVersion = new Map()));
  let pair = byVersion.get(version);
  if (!pair) byVersion.set(version, (pair = [compileRoute(version, programme, route, false), compileRoute(version, programme, route, true)]));
  return pair;
}

/**
 * A voucher route's award on its own in whole fen with the rule that set it, for a portfolio row
 * that needs no trace; null: compute it the ordinary way.
 */
export function compiledAward(version: PolicyVersion, programme: Programme, route: Route, spend: unknown, domestic: unknown): [number, string] | null {
  const out = { binding: "" };
  const f = evaluateFen(evaluatorPair(version, programme, route), spend, domestic, out);
  return f === null ? null : [f, out.binding];
}

/** A route's award in whole fen from the call's spend and domestic arguments, or null where they are not taken exactly. */
function evaluateFen(pair: Pair, spend: unknown, domestic: unknown, out?: { binding: string }): number | null {
  const fen = spendFen(spend);
  const d = fen === null ? null : domesticFlag(domestic);
  const evaluate = d === null ? null : pair[d ? 1 : 0];
  return evaluate ? evaluate(fen!, out) : null;
}
