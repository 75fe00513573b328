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

/** The first step of every trace: the version used, why, and its window with the sentence that sets it. */
export function versionStep(resolved: ResolvedVersion): Step {
  const { version } = resolved;
  return {
    step: "version",
    value: `${version.key}: ${resolved.reason}${version.inForce ? ` (${version.inForce.from} to ${version.inForce.to})` : " (never in force)"}`,
    ...(version.inForce ? { quote: version.inForce.quote, source: version.source } : {}),
  };
}

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

/** Records a step when a trace is wanted; the step is only built then (formatting amounts is costly). */
type Note = (make: () => Step) => void;

function applyLimits(award: Decimal, binding: Binding, limits: Limit[], note: Note): { award: Decimal; binding: Binding; cap: Decimal | null } {
  let cap: Decimal | null = null;
  for (const limit of limits) {
    const value = limit.amount.value;
    if (cap === null || value.lessThan(cap)) cap = value;
    if (award.greaterThan(value)) {
      const before = award;
      note(() => ({ step: limit.label, value: `min(${formatYuan(before)}, ${formatYuan(value)}) = ${formatYuan(value)}: the cap binds`, ...cite(limit.amount) }));
      award = value;
      binding = limit.binding;
    } else {
      note(() => ({ step: limit.label, value: `${formatYuan(value)}: not reached`, ...cite(limit.amount) }));
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
  const note: Note = trace ? (make) => void steps.push(make()) : () => undefined;
  note(() => versionStep(resolved));
  note(() => ({ step: "programme", value: `${programme.id} (${programme.name}), clause ${programme.clause}, route ${route.id}${route.isDefault ? " (default)" : ""}: ${route.name}` }));
  for (const c of route.conditions) {
    note(() => ({ step: "condition", value: `assumed met: ${c.note ?? c.quote}`, quote: c.quote, source: version.source }));
  }
  note(() => ({
    step: "base",
    value: `${formatYuan(base)}${route.base ? ` of ${route.base}` : ""}${route.baseYear === "previous" ? ` (上一年度: spend of ${year - 1} for an award in ${year})` : ""}`,
  }));

  if (route.lumpSum) {
    const lump = route.lumpSum;
    note(() => ({ step: "lump sum", value: `${formatYuan(lump.value)}, whatever the spend${lump.assumption ? `; ${lump.assumption}` : ""}`, ...cite(lump) }));
    const limits = limitsOf(version, programme, route);
    const r = applyLimits(lump.value, "lump-sum", [...limits.before, ...limits.after], note);
    return { award: r.award, version, programme, route, base, rate: null, cap: r.cap, binding: r.binding, steps };
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

  const limits = limitsOf(version, programme, route);
  const capped = applyLimits(award, "rate", limits.before, note);
  award = capped.award;
  if (route.uplift) {
    const uplift = route.uplift;
    const raised = award.times(uplift.value.plus(1));
    note(() => ({ step: "uplift", value: `${formatYuan(capped.award)} × (1 + ${formatRate(uplift.value)}) = ${formatYuan(raised)}`, ...cite(uplift) }));
    award = raised;
  }
  const pooled = applyLimits(award, capped.binding, limits.after, note);
  const cap = capped.cap === null ? pooled.cap : pooled.cap === null ? capped.cap : Decimal.min(capped.cap, pooled.cap);
  return { award: pooled.award, version, programme, route, base, rate, cap, binding: pooled.binding, steps };
}
