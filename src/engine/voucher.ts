import Decimal from "decimal.js";
import { formatRate, formatYuan, parseAmount } from "./amount";
import { notAvailable } from "./errors";
import { parseDomestic, type ResolvedVersion, type Resolver } from "./resolve";
import { ceilingBinding, limitStepName, singleCeilings, voucherRouteLimits } from "./limits/derive";
import type { Limit } from "./limits/types";
import type { Text } from "./text";
import type { Cited, PolicyVersion, Programme, Route } from "./types";

/** One step of a computation, with the sentence it rests on. */
export interface Step {
  step: string;
  /** The value in English. */
  value: string;
  /** The value in both languages, where the step is written so (tr(text, lang); value is its English). */
  text?: Text;
  quote?: string;
  source?: string;
}

/** A step written in both languages. */
export function biStep(step: string, text: Text, cited?: { quote?: string; source?: string }): Step {
  return { step, value: text.en, text, ...(cited?.quote ? { quote: cited.quote, source: cited.source } : {}) };
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

/** The first step of every trace: the version used, why, and its window with the sentence that sets it. */
export function versionStep(resolved: ResolvedVersion): Step {
  const { version } = resolved;
  return {
    step: "version",
    value: `${version.key}: ${resolved.reason}${version.inForce ? ` (${version.inForce.from} to ${version.inForce.to})` : " (never in force)"}`,
    ...(version.inForce ? { quote: version.inForce.quote, source: version.source } : {}),
  };
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
      note(() => ({ step, value: `min(${formatYuan(before)}, ${formatYuan(value)}) = ${formatYuan(value)}: the cap binds`, quote: limit.quote, source: limit.source }));
      award = value;
      binding = ceilingBinding(limit);
    } else if (!(quietPools && limit.for === "measure")) {
      note(() => ({ step, value: `${formatYuan(value)}: not reached`, quote: limit.quote, source: limit.source }));
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
  note(() => ({ step: "programme", value: `${programme.id} (${programme.name}), clause ${programme.clause}, route ${route.id}${route.isDefault ? " (default)" : ""}: ${route.name}` }));
  for (const c of route.conditions) {
    note(() => ({ step: "condition", value: `assumed met: ${c.note ?? c.quote}`, quote: c.quote, source: version.source }));
  }
  note(() => ({
    step: "base",
    value: `${formatYuan(base)}${route.base?.label ? ` of ${route.base.label}` : ""}${route.base?.baseYear === "previous" ? ` (上一年度: spend of ${year - 1} for an award in ${year})` : ""}`,
  }));

  if (route.kind === "lump-sum") {
    const lump = route.amount!;
    note(() => ({ step: "lump sum", value: `${formatYuan(lump.value)}, whatever the spend${lump.assumption ? `; ${lump.assumption}` : ""}`, ...cite(lump) }));
    const r = applyCeilings(lump.value, "lump-sum", limits, note);
    return { award: r.award, version, programme, route, base, rate: null, cap: r.cap, binding: r.binding as Binding, steps };
  }

  if (route.threshold) {
    const t = route.threshold;
    const passes = t.inclusive ? base.greaterThanOrEqualTo(t.value) : base.greaterThan(t.value);
    note(() => ({ step: "threshold", value: `${formatYuan(base)} ${passes ? "passes" : "fails"} ${t.inclusive ? "≥" : ">"} ${formatYuan(t.value)}${passes ? "" : ": no award"}`, ...cite(t) }));
    if (!passes) {
      return { award: new Decimal(0), version, programme, route, base, rate: null, cap: route.cap?.value ?? null, binding: "threshold", steps };
    }
  }

  const rateCited = domestic && route.domesticRate ? route.domesticRate : route.rate;
  if (!rateCited) throw notAvailable(`${version.key} ${programme.id}:${route.id} gives no rate`);
  const rate = rateCited.value;
  let award = base.times(rate);
  const product = award;
  note(() => {
    let rateNote = "";
    if (route.domesticRate) rateNote = domestic ? " (domestic compute)" : given ? " (not domestic compute)" : " (domestic not given: the non-domestic rate applies)";
    else if (given) rateNote = " (the text does not distinguish domestic compute)";
    return { step: "rate", value: `${formatYuan(base)} × ${formatRate(rate)} = ${formatYuan(product)}${rateNote}`, ...cite(rateCited) };
  });

  // The route's own cap applies before an uplift (上浮), the shared caps and pools after it.
  const capped = applyCeilings(award, "rate", limits.filter((l) => l.id === "cap"), note);
  award = capped.award;
  if (route.uplift) {
    const uplift = route.uplift;
    const raised = award.times(uplift.value.plus(1));
    note(() => ({ step: "uplift", value: `${formatYuan(capped.award)} × (1 + ${formatRate(uplift.value)}) = ${formatYuan(raised)}`, ...cite(uplift) }));
    award = raised;
  }
  const pooled = applyCeilings(award, capped.binding, limits.filter((l) => l.id !== "cap"), note);
  const cap = capped.cap === null ? pooled.cap : pooled.cap === null ? capped.cap : Decimal.min(capped.cap, pooled.cap);
  return { award: pooled.award, version, programme, route, base, rate, cap, binding: pooled.binding as Binding, steps };
}
