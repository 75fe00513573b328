// When a pool runs out: the cumulative commitments of dated amounts against a limit, in exact
// decimals. Computed here until the budget functions (AWARD.FUND_EXHAUSTION) land; the pane
// only calls fundExhaustion(), so switching to the engine's version is a one-line change.
//
// Reading: commitments are taken in date order (equal dates in the order given); the pool is
// exhausted on the date of the first commitment that brings the cumulative total to the limit
// or beyond. That commitment is paid only the remainder (limit − what was committed before);
// later ones get nothing.
import Decimal from "decimal.js";
import { parseAmount } from "../../engine";

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

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Reads a date typed as 2026-03-01 or 2026/3/1; throws with a message otherwise. */
export function parseDate(text: string): string {
  const t = text.normalize("NFKC").trim().replace(/[/.年月]/g, "-").replace(/日$/, "");
  const m = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(t);
  const iso = m ? `${m[1]}-${m[2].padStart(2, "0")}-${m[3].padStart(2, "0")}` : "";
  const d = DATE.exec(iso);
  if (!d || Number.isNaN(Date.parse(`${iso}T00:00:00Z`)) || new Date(`${iso}T00:00:00Z`).toISOString().slice(0, 10) !== iso) {
    throw new Error(`"${text}" is not a date: give it as 2026-03-01.`);
  }
  return iso;
}

export function fundExhaustion(limit: Decimal, entries: readonly { date: string; amount: unknown; label?: string }[]): Exhaustion {
  const items: Commitment[] = entries.map((e, i) => ({
    date: parseDate(e.date),
    amount: parseAmount(e.amount, `amount on line ${i + 1}`),
    label: e.label,
  }));
  const order = items.map((c, i) => ({ c, i })).sort((a, b) => (a.c.date < b.c.date ? -1 : a.c.date > b.c.date ? 1 : a.i - b.i));
  let cumulative = new Decimal(0);
  let paid = new Decimal(0);
  let exhaustedOn: string | null = null;
  const points: ExhaustionPoint[] = [];
  for (const { c } of order) {
    cumulative = cumulative.plus(c.amount);
    const room = Decimal.max(limit.minus(paid), 0);
    const pay = Decimal.min(room, c.amount);
    paid = paid.plus(pay);
    if (exhaustedOn === null && cumulative.greaterThanOrEqualTo(limit) && limit.greaterThan(0) && c.amount.greaterThan(0)) exhaustedOn = c.date;
    points.push({ ...c, cumulative, paid: pay });
  }
  return { limit, committed: cumulative, paid, remaining: Decimal.max(limit.minus(cumulative), 0), exhaustedOn, shortfall: cumulative.minus(paid), points };
}
