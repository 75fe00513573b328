import Decimal from "decimal.js";
import { formatRate, formatYuan, parseAmount } from "./amount";
import { notAvailable } from "./errors";
import { parseDomestic, type ResolvedVersion, type Resolver } from "./resolve";
import type { Cited, PolicyVersion, Programme, Route } from "./types";

/** One step of a computation, with the sentence it rests on. */
export interface Step {
  step: string;
  value: string;
  quote?: string;
  source?: string;
}

/** Which rule set the final amount. */
export type Binding = "threshold" | "rate" | "cap" | "recipient-cap" | "pool" | "lump-sum";

export interface VoucherResult {
  /** Exact award in 元, before rounding to the fen. */
  award: Decimal;
  version: PolicyVersion;
  programme: Programme;
  route: Route;
  base: Decimal;
  rate: Decimal | null;
  /** The tightest cap applied (route cap, recipient cap or pool), if any. */
  cap: Decimal | null;
  binding: Binding;
  steps: Step[];
}

const cite = (c: Cited<unknown>) => ({ quote: c.quote, source: c.source });

/** A limit that may cut the award: a route cap, a recipient cap, a programme pool or a measure pool. */
interface Limit { binding: Binding; label: string; amount: Cited<Decimal> }

function limitsOf(version: PolicyVersion, programme: Programme, route: Route): { before: Limit[]; after: Limit[] } {
  const before: Limit[] = [];
  const after: Limit[] = [];
  if (route.cap) before.push({ binding: "cap", label: `cap (per ${route.cap.per})`, amount: route.cap });
  if (programme.recipientCap) after.push({ binding: "recipient-cap", label: `cap shared by all routes (per ${programme.recipientCap.per})`, amount: programme.recipientCap });
  if (programme.pool) after.push({ binding: "pool", label: "annual pool of the programme", amount: programme.pool });
  for (const pool of version.pools) after.push({ binding: "pool", label: `annual limit of the measure (${pool.id})`, amount: pool.amount });
  return { before, after };
}

function applyLimits(award: Decimal, binding: Binding, limits: Limit[], steps: Step[]): { award: Decimal; binding: Binding; cap: Decimal | null } {
  let cap: Decimal | null = null;
  for (const limit of limits) {
    const value = limit.amount.value;
    if (cap === null || value.lessThan(cap)) cap = value;
    if (award.greaterThan(value)) {
      steps.push({ step: limit.label, value: `min(${formatYuan(award)}, ${formatYuan(value)}) = ${formatYuan(value)}: the cap binds`, ...cite(limit.amount) });
      award = value;
      binding = limit.binding;
    } else {
      steps.push({ step: limit.label, value: `${formatYuan(value)}: not reached`, ...cite(limit.amount) });
    }
  }
  return { award, binding, cap };
}

/**
 * The award a voucher programme pays: the version in force (or named), the programme and route,
 * the spend, and whether the compute is domestic where the text distinguishes it.
 */
export function computeVoucher(
  resolver: Resolver,
  resolved: ResolvedVersion,
  type: unknown,
  spendInput: unknown,
  domesticInput: unknown,
  year: number,
): VoucherResult {
  const { version } = resolved;
  const { programme, route: routeName } = resolver.findProgramme(version, type);
  const route = resolver.findRoute(version, programme, routeName);
  const base = parseAmount(spendInput, "spend");
  const { domestic, given } = parseDomestic(domesticInput);
  const steps: Step[] = [];
  steps.push({
    step: "version",
    value: `${version.key}: ${resolved.reason}${version.inForce ? ` (${version.inForce.from} to ${version.inForce.to})` : " (never in force)"}`,
    ...(version.inForce ? { quote: version.inForce.quote, source: version.source } : {}),
  });
  steps.push({ step: "programme", value: `${programme.id} (${programme.name}), clause ${programme.clause}, route ${route.id}${route.isDefault ? " (default)" : ""}: ${route.name}` });
  for (const c of route.conditions) {
    steps.push({ step: "condition", value: `assumed met: ${c.note ?? c.quote}`, quote: c.quote, source: version.source });
  }
  const baseNote = route.baseYear === "previous" ? ` (上一年度: spend of ${year - 1} for an award in ${year})` : "";
  steps.push({ step: "base", value: `${formatYuan(base)}${route.base ? ` of ${route.base}` : ""}${baseNote}` });

  if (route.lumpSum) {
    const lump = route.lumpSum;
    steps.push({ step: "lump sum", value: `${formatYuan(lump.value)}, whatever the spend${lump.assumption ? `; ${lump.assumption}` : ""}`, ...cite(lump) });
    const limits = limitsOf(version, programme, route);
    const r = applyLimits(lump.value, "lump-sum", [...limits.before, ...limits.after], steps);
    return { award: r.award, version, programme, route, base, rate: null, cap: r.cap, binding: r.binding, steps };
  }

  if (route.threshold) {
    const t = route.threshold;
    const passes = t.inclusive ? base.greaterThanOrEqualTo(t.value) : base.greaterThan(t.value);
    steps.push({ step: "threshold", value: `${formatYuan(base)} ${passes ? "passes" : "fails"} ${t.inclusive ? "≥" : ">"} ${formatYuan(t.value)}${passes ? "" : ": no award"}`, ...cite(t) });
    if (!passes) {
      return { award: new Decimal(0), version, programme, route, base, rate: null, cap: route.cap?.value ?? null, binding: "threshold", steps };
    }
  }

  const rateCited = domestic && route.domesticRate ? route.domesticRate : route.rate;
  if (!rateCited) throw notAvailable(`${version.key} ${programme.id}:${route.id} gives no rate`);
  const rate = rateCited.value;
  let rateNote = "";
  if (route.domesticRate) rateNote = domestic ? " (domestic compute)" : given ? " (not domestic compute)" : " (domestic not given: the non-domestic rate applies)";
  else if (given) rateNote = " (the text does not distinguish domestic compute)";
  let award = base.times(rate);
  steps.push({ step: "rate", value: `${formatYuan(base)} × ${formatRate(rate)} = ${formatYuan(award)}${rateNote}`, ...cite(rateCited) });

  const limits = limitsOf(version, programme, route);
  let r = applyLimits(award, "rate", limits.before, steps);
  award = r.award;
  let cap = r.cap;
  if (route.uplift) {
    const raised = award.times(route.uplift.value.plus(1));
    steps.push({ step: "uplift", value: `${formatYuan(award)} × (1 + ${formatRate(route.uplift.value)}) = ${formatYuan(raised)}`, ...cite(route.uplift) });
    award = raised;
  }
  const r2 = applyLimits(award, r.binding, limits.after, steps);
  if (r2.cap !== null && (cap === null || r2.cap.lessThan(cap))) cap = r2.cap;
  r = r2;
  return { award: r.award, version, programme, route, base, rate, cap, binding: r.binding, steps };
}
