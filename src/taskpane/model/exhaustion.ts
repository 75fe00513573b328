// When a pool runs out, for the budget view: the engine's FUND_EXHAUSTION rule (budget.fundExhaustion:
// the first date on which the running total, in date order, reaches the pool) and, for the chart
// and the table, each commitment's running total and what the pool can still pay of it.
//
// Reading: commitments are taken in date order (equal dates in the order given); the commitment
// that brings the total to the limit is paid only the remainder; later ones get nothing.
import Decimal from "decimal.js";
import { budget, parseAmount } from "../../engine";

export interface Commitment { date: string; amount: Decimal; label?: string }

export interface ExhaustionPoint extends Commitment {
  cumulative: Decimal;
  /** what the pool can still pay of this commitment */
  paid: Decimal;
}

export interface Exhaustion {
  limit: Decimal;
  committed: Decimal;
  paid: Decimal;
  remaining: Decimal;
  /** the date the pool runs out, or null if it does not */
  exhaustedOn: string | null;
  /** commitment − paid, summed: what is asked for beyond the pool */
  shortfall: Decimal;
  points: ExhaustionPoint[];
}

/** Reads a date typed as 2026-03-01, 2026/3/1 or 2026年3月1日 (as FUND_EXHAUSTION does); throws with a message otherwise. */
export function parseDate(text: string): string {
  return budget.serialToISO(budget.parseDate(text));
}

export function fundExhaustion(limit: Decimal, entries: readonly { date: string; amount: unknown; label?: string }[]): Exhaustion {
  const serials = entries.map((e) => budget.parseDate(e.date));
  const items: Commitment[] = entries.map((e, i) => ({
    date: budget.serialToISO(serials[i]),
    amount: parseAmount(e.amount, `amount on line ${i + 1}`),
    label: e.label,
  }));
  const order = items.map((c, i) => ({ c, i })).sort((a, b) => serials[a.i] - serials[b.i] || a.i - b.i);
  const rule = budget.fundExhaustion(limit, items.map((c, i) => ({ date: serials[i], amount: c.amount })));
  const exhaustedOn = rule.reached ? budget.serialToISO(rule.date) : null;
  let cumulative = new Decimal(0);
  let paid = new Decimal(0);
  const points: ExhaustionPoint[] = [];
  for (const { c } of order) {
    cumulative = cumulative.plus(c.amount);
    const room = Decimal.max(limit.minus(paid), 0);
    const pay = Decimal.min(room, c.amount);
    paid = paid.plus(pay);
    points.push({ ...c, cumulative, paid: pay });
  }
  return { limit, committed: cumulative, paid, remaining: Decimal.max(limit.minus(cumulative), 0), exhaustedOn, shortfall: cumulative.minus(paid), points };
}
