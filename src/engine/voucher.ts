import Decimal from "decimal.js";
import { formatRate, formatYuan, parseAmount } from "./amount";
import { notAvailable } from "./errors";
import { parseDomestic, type ResolvedVersion, type Resolver } from "./resolve";
import { ceilingBinding, limitStepName, singleCeilings, voucherRouteLimits } from "./limits/derive";
import type { Limit } from "./limits/types";
import { bi, type Text } from "./text";
import { clauseLabel } from "./messages/labels";
import { nameIn } from "./messages/names";
import type { Cited, PolicyVersion, Programme, Route } from "./types";

/** One step of a computation, with the sentence it rests on. */
export interface Step {
  /** The step's name: an English word the trace tables translate (wordIn), or the English of `name`. */
  step: string;
  /** The name in both languages, where it carries a part of its own ("cap (per project)", 上限（每个项目）). */
  name?: Text;
  /** The value in English. */
  value: string;
  /** The value in both languages, where the step is written so (tr(text, lang); value is its English). */
  text?: Text;
  quote?: string;
  source?: string;
}

/** A step written in both languages. */
export function biStep(step: string | Text, text: Text, cited?: { quote?: string; source?: string }): Step {
  const s: Step = typeof step === "string" ? { step, value: text.en, text } : { step: step.en, name: step, value: text.en, text };
  if (cited?.quote) {
    s.quote = cited.quote;
    s.source = cited.source;
  }
  return s;
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

/**
 * Steps that do not depend on the amount (the version, the programme and route, conditions, a lump
 * sum, a cap not reached) are made once and shared by every trace that has them: a table of a
 * million rows formats them a few hundred times, not millions. Shared steps are never changed.
 */
const sharedSteps = new WeakMap<object, Map<unknown, Step | Step[]>>();
function shared<T extends Step | Step[]>(owner: object, key: unknown, make: () => T): T {
  let m = sharedSteps.get(owner);
  if (!m) sharedSteps.set(owner, (m = new Map()));
  let s = m.get(key) as T | undefined;
  if (s === undefined) m.set(key, (s = make()));
  return s;
}

/** The first step of every trace: the version used, why, and its window with the sentence that sets it. */
export function versionStep(resolved: ResolvedVersion): Step {
  return shared(resolved, "version", () => makeVersionStep(resolved));
}

function makeVersionStep(resolved: ResolvedVersion): Step {
  const { version, why } = resolved;
  const text = version.inForce
    ? bi(`${version.key}: ${why.en} (${version.inForce.from} to ${version.inForce.to})`, `${version.key}：${why.zh}（${version.inForce.from} 至 ${version.inForce.to}）`)
    : bi(`${version.key}: ${why.en} (never in force)`, `${version.key}：${why.zh}（从未生效）`);
  return biStep("version", text, version.inForce ? { quote: version.inForce.quote, source: version.source } : undefined);
}

/** A route's base as Chinese shows it: the file's name of it, without an English note ("none (no rate is given)" → ""). */
function baseZh(base: string): string {
  return /\p{Script=Han}/u.test(base) ? base.replace(/\s*\([^()]*[A-Za-z]{2,}[^()]*\)/g, "") : "";
}

/**
 * 上一年度 (base.baseYear previous): an award assessed in a year reads the base of the year before.
 * Said alike in every trace that shows a base (what: the base as the trace names it); nothing otherwise.
 */
export function baseYearNote(route: Route, year: number, what: Text): Text {
  if (route.base?.baseYear !== "previous") return bi("", "");
  return bi(` (上一年度: ${what.en} of ${year - 1} for an award in ${year})`, `（上一年度：${year} 年的补贴按 ${year - 1} 年的${what.zh}）`);
}

/** Records a step when a trace is wanted; the step is only built then (formatting amounts is costly). */
export type Note = (make: () => Step) => void;

/**
 * Bounds one award by every fixed money limit it draws on (a cap per award, per recipient, per
 * project, a pool): no single award can exceed any of them. The same for vouchers and clauses; what
 * the limits do across rows is the portfolio's (limits/apply.ts). quietPools: name a pool only where it binds.
 */
export function applyCeilings(award: Decimal, binding: string, limits: readonly Limit[], note: Note, quietPools = false): { award: Decimal; binding: string; cap: Decimal | null } {
  let cap: Decimal | null = null;
  for (const limit of singleCeilings(limits)) {
    const value = limit.share ? limit.amount.dividedBy(limit.share) : limit.amount; // a payer's pool bounds its share
    if (cap === null || value.lessThan(cap)) cap = value;
    const step = limitStepName(limit);
    if (award.greaterThan(value)) {
      const before = award;
      const min = `min(${formatYuan(before)}, ${formatYuan(value)}) = ${formatYuan(value)}`;
      note(() => biStep(step, bi(`${min}: the cap binds`, `${min}：受此上限约束`), limit));
      award = value;
      binding = ceilingBinding(limit);
    } else if (!(quietPools && limit.for === "measure")) {
      const make = () => biStep(step, bi(`${formatYuan(value)}: not reached`, `${formatYuan(value)}：未达到`), limit);
      note(() => (limit.share ? make() : shared(limit, "not reached", make))); // a payer's share is worked out each time
    }
  }
  return { award, binding, cap };
}

/** The steps naming the programme and route, and the conditions assumed met: the same for every award under the route. */
function routeSteps(version: PolicyVersion, programme: Programme, route: Route): Step[] {
  return shared(route, version, () => [
    biStep("programme", bi(
      `${programme.id} (${programme.nameEn}), clause ${programme.clause}, route ${route.id}${route.isDefault ? " (default)" : ""}: ${nameIn("en", route)}`,
      `${programme.name}（${programme.id}），${clauseLabel(version, programme.clause, "zh")}，路径 ${route.id}${route.isDefault ? "（默认）" : ""}：${route.name}`)),
    ...assumedSteps(route, version.source),
  ]);
}

/** What a route assumes without checking it, each with its sentence: its conditions met, the recipient one of those eligible. */
export function assumedSteps(route: Route, source: string): Step[] {
  const { conditions, subjects } = route;
  const steps = conditions.map((c) => biStep("condition", bi(`assumed met: ${c.note ?? c.quote}`, `假定满足：${c.quote}`), { quote: c.quote, source }));
  if (subjects) {
    const list = subjects.values.join("、");
    steps.push(biStep("eligible", bi(`assumed one of: ${list}`, `假定为以下之一：${list}`), { quote: subjects.quote, source }));
  }
  return steps;
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
  trace = true,
): VoucherResult {
  const { version } = resolved;
  const { programme, route } = resolver.findProgrammeRoute(version, type);
  const base = parseAmount(spendInput, "spend");
  const { domestic, given } = parseDomestic(domesticInput);
  const steps: Step[] = [];
  const limits = voucherRouteLimits(version, programme, route);
  const note: Note = trace ? (make) => void steps.push(make()) : () => undefined;
  note(() => versionStep(resolved));
  if (trace) for (const s of routeSteps(version, programme, route)) note(() => s);
  note(() => {
    const previous = baseYearNote(route, year, bi("spend", "支出"));
    return biStep("base", bi(`${formatYuan(base)}${route.base?.label ? ` of ${route.base.label}` : ""}${previous.en}`, `${baseZh(route.base?.label ?? "")}${formatYuan(base)}${previous.zh}`));
  });

  if (route.kind === "lump-sum") {
    const lump = route.amount!;
    note(() => shared(lump, version, () => biStep("lump sum", bi(`${formatYuan(lump.value)}, whatever the spend${lump.assumption ? `; ${lump.assumption.en}` : ""}`, `${formatYuan(lump.value)}，与支出无关${lump.assumption ? `；${lump.assumption.zh}` : ""}`), cite(lump))));
    const r = applyCeilings(lump.value, "lump-sum", limits, note);
    return { award: r.award, version, programme, route, base, rate: null, cap: r.cap, binding: r.binding as Binding, steps };
  }

  if (route.threshold) {
    const t = route.threshold;
    const passes = t.inclusive ? base.greaterThanOrEqualTo(t.value) : base.greaterThan(t.value);
    const op = t.inclusive ? "≥" : ">";
    note(() => biStep("threshold", bi(
      `${formatYuan(base)} ${passes ? "passes" : "fails"} ${op} ${formatYuan(t.value)}${passes ? "" : ": no award"}`,
      `${formatYuan(base)} ${passes ? "满足" : "不满足"} ${op} ${formatYuan(t.value)}${passes ? "" : "：不予支持"}`), cite(t)));
    if (!passes) {
      return { award: new Decimal(0), version, programme, route, base, rate: null, cap: route.cap?.value ?? null, binding: "threshold", steps };
    }
  }

  const rateCited = domestic && route.domesticRate ? route.domesticRate : route.rate;
  if (!rateCited) throw notAvailable(bi(`${version.key} ${programme.id}:${route.id} gives no rate`, `${version.key} ${programme.id}:${route.id} 未给出比例`));
  const rate = rateCited.value;
  let award = base.times(rate);
  const product = award;
  note(() => {
    let rateNote = bi("", "");
    if (route.domesticRate) rateNote = domestic ? bi(" (domestic compute)", "（国产算力）") : given ? bi(" (not domestic compute)", "（非国产算力）") : bi(" (domestic not given: the non-domestic rate applies)", "（未说明是否国产：按非国产比例）");
    else if (given) rateNote = bi(" (the text does not distinguish domestic compute)", "（原文不区分国产算力）");
    const product_ = `${formatYuan(base)} × ${formatRate(rate)} = ${formatYuan(product)}`;
    return biStep("rate", bi(product_ + rateNote.en, product_ + rateNote.zh), cite(rateCited));
  });

  // The route's own cap applies before an uplift (上浮), the shared caps and pools after it.
  const capped = applyCeilings(award, "rate", limits.filter((l) => l.id === "cap"), note);
  award = capped.award;
  if (route.uplift) {
    const uplift = route.uplift;
    const raised = award.times(uplift.value.plus(1));
    note(() => ({ step: "uplift", value: `${formatYuan(capped.award)} × (1 + ${formatRate(uplift.value)}) = ${formatYuan(raised)}`, ...cite(uplift) })); // the same in both languages
    award = raised;
  }
  const pooled = applyCeilings(award, capped.binding, limits.filter((l) => l.id !== "cap"), note);
  const cap = capped.cap === null ? pooled.cap : pooled.cap === null ? capped.cap : Decimal.min(capped.cap, pooled.cap);
  return { award: pooled.award, version, programme, route, base, rate, cap, binding: pooled.binding as Binding, steps };
}
