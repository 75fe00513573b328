// The day an annual pool runs out: the running total of awards, in date order, reaches the pool.
import Decimal from "decimal.js";
import { formatYuan } from "../amount";
import { bi, type Text } from "../text";

export interface Dated { date: number; amount: Decimal }

export type Exhaustion =
  | { reached: true; date: number; index: number; total: Decimal }
  | { reached: false; total: Decimal; left: Decimal };

/**
 * The first date on which the running total of amounts, taken in date order (the given order among
 * equal dates), reaches the pool (total ≥ pool). Exact decimals.
 */
export function fundExhaustion(pool: Decimal, items: readonly Dated[]): Exhaustion {
  const order = items.map((_, i) => i).sort((a, b) => items[a].date - items[b].date || a - b);
  let total = new Decimal(0);
  for (const i of order) {
    total = total.plus(items[i].amount);
    if (total.greaterThanOrEqualTo(pool) && (items[i].amount.greaterThan(0) || pool.isZero())) {
      return { reached: true, date: items[i].date, index: i, total };
    }
  }
  return { reached: false, total, left: pool.minus(total) };
}

export function describeNotReached(e: Exclude<Exhaustion, { reached: true }>, pool: Decimal): Text {
  const [total, left] = [formatYuan(e.total), formatYuan(e.left)];
  return bi(
    `the pool of ${formatYuan(pool)} is never reached: the amounts add up to ${total}, leaving ${left} (${e.left.toFixed(2)} 元).`,
    `资金池 ${formatYuan(pool)} 始终未用完：各金额合计 ${total}，尚余 ${left}（${e.left.toFixed(2)} 元）。`,
  );
}
