// Does a `written` phrase show the number it stands for? `written` says how the text writes a value
// (不少于十亿, 前三年, 6折, 1:1, 300 万元); a phrase with no such number (一定比例, 适当) would hide a
// number the route uses, and the validator refuses it.
import Decimal from "decimal.js";
import { parsePolicyAmount, parsePolicyRate } from "./amount";

const CN: Record<string, number> = { 零: 0, 〇: 0, 一: 1, 二: 2, 两: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9 };
const CN_UNIT: Record<string, number> = { 十: 10, 百: 100, 千: 1000 };
const BIG: Record<string, number> = { 万: 1e4, 亿: 1e8 };

/** 三 → 3, 十 → 10, 三十五 → 35, 两千 → 2000. */
function chinese(s: string): number {
  let total = 0;
  let digit = 0;
  for (const ch of s) {
    if (ch in CN_UNIT) {
      total += (digit || 1) * CN_UNIT[ch];
      digit = 0;
    } else digit = CN[ch];
  }
  return total + digit;
}

/** Every number the phrase writes, as it could be read: bare, with its 万/亿, as a percentage, 折, a ratio. */
function numbersIn(text: string): Decimal[] {
  const t = text.normalize("NFKC");
  const out: Decimal[] = [];
  for (const m of t.matchAll(/(\d+(?:\.\d+)?)\s*:\s*(\d+(?:\.\d+)?)/g)) out.push(new Decimal(m[1]).dividedBy(m[2]));
  for (const m of t.matchAll(/(\d+(?:\.\d+)?|[零〇一二两三四五六七八九十百千]+)\s*(%|折|万|亿)?/g)) {
    const n = /\d/.test(m[1]) ? new Decimal(m[1]) : new Decimal(chinese(m[1]));
    const unit = m[2];
    if (unit === "%") out.push(n.dividedBy(100));
    else if (unit === "折") out.push(n.dividedBy(10), new Decimal(1).minus(n.dividedBy(10)));
    else if (unit) out.push(n.times(BIG[unit]));
    else out.push(n, n.times(1e4)); // a bare number in a 万元 text (500-3000万元) reads as 万
  }
  return out;
}

/** The value a `written` phrase stands for: a count, an amount (300万元) or a rate (30%). */
function valueOf(value: string | number): Decimal | null {
  if (typeof value === "number") return new Decimal(value);
  try {
    return /%$/.test(value.normalize("NFKC")) ? parsePolicyRate(value) : parsePolicyAmount(value);
  } catch {
    return null;
  }
}

/** True where the phrase writes the value (in any of the forms above). */
export function writtenShows(written: string, value: string | number): boolean {
  const v = valueOf(value);
  if (v === null) return true;
  // 不超过企业上一年度地方财政贡献: at most the whole of another amount is 100%.
  if (v.equals(1) && /不超过|不高于|全额/.test(written)) return true;
  return numbersIn(written).some((n) => n.equals(v));
}
