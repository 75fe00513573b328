import Decimal from "decimal.js";
import { invalidNumber, invalidValue } from "./errors";
import { bi, noteOf, type Text } from "./text";
import type { Cited } from "./types";

/** What a message names: an argument or a cell ("spend", "amount (row 3)"), in one or both languages. */
export type Label = string | Text;

/** Argument and column words as the Chinese messages say them. */
const LABEL_WORDS_ZH: [RegExp, string][] = [
  [/\bpaid before\b/g, "已获资助"], [/\bspend\b/g, "支出金额"], [/\bpool\b/g, "资金池"], [/\brequests?\b/g, "申请额"],
  [/\bamounts?\b/g, "金额"], [/\bdates?\b/g, "日期"], [/\binput\b/g, "输入"], [/\bvalue\b/g, "数值"],
  [/\bon line (\d+)/g, "第$1行"], [/\brow (\d+)/g, "第$1行"], [/\bcolumn (\d+)/g, "第$1列"], [/, /g, "，"],
];

/** A label in both languages: a Text as given; an English label with its words in Chinese. */
export function labelText(what: Label): Text {
  if (typeof what !== "string") return what;
  return bi(what, LABEL_WORDS_ZH.reduce((t, [re, zh]) => t.replace(re, zh), what));
}

/** At most this many characters of an input are quoted back in a message. */
export const QUOTE_MAX = 80;

/** An input as a message quotes it: whole when short, else its first characters and its length. */
export function clip(text: string, max = QUOTE_MAX): string {
  if (text.length <= max) return text;
  return `${Array.from(text).slice(0, max - 1).join("")}…(${text.length.toLocaleString("en-US")} characters)`;
}

/** Digits a number may be written with: ASCII and full-width. Any other digit (①, ², ٣, 〇) is refused. */
const FOREIGN_DIGIT = /[^0-9\uFF10-\uFF19\P{N}]/u;

/** Spaces that group thousands ("3 000", "1 000 000.5") taken out: the one place a space may stand between digits. */
export function withoutSpaceGroups(raw: string): string {
  return raw.normalize("NFKC").trim().replace(/^([+-]?(?:rmb|cny|¥|￥)?\s*)(\d{1,3}(?:\s\d{3})+)(?![\d,])/i, (_m, pre: string, g: string) => pre + g.replace(/\s/g, ""));
}

/**
 * Refuses number text that NFKC would silently turn into other digits (circled ①, superscript ²,
 * other scripts' digits) or, unless `spaces` is false (a date and its time), that has spaces between
 * its digits ("1 2" is not 12).
 */
export function checkNumberText(raw: string, label: Label, accepted: Text, spaces = true): void {
  const what = labelText(label);
  const foreign = FOREIGN_DIGIT.exec(raw);
  if (foreign) {
    throw invalidValue(bi(
      `${what.en} "${clip(raw)}" has the character "${foreign[0]}", which is not a digit 0-9: write numbers with the digits 0-9 (or full-width ０-９); give ${accepted.en}.`,
      `${what.zh}“${clip(raw)}”含有字符“${foreign[0]}”，不是数字0-9：请用数字0-9（或全角０-９）书写；请填${accepted.zh}。`,
    ));
  }
  if (spaces && /[\d.,]\s+[\d.,]/.test(withoutSpaceGroups(raw))) {
    throw invalidValue(bi(
      `${what.en} "${clip(raw)}" has a space between its digits: a space may only group thousands (3 000 000); "1 2" is not 12. Give ${accepted.en}.`,
      `${what.zh}“${clip(raw)}”的数字之间有空格：空格只能用于千位分组（3 000 000），“1 2”不是12。请填${accepted.zh}。`,
    ));
  }
}

/** The largest amount accepted, in 元 (10^15 元 = 1000万亿元): beyond it an input is a mistake. */
export const MAX_AMOUNT = new Decimal("1e15");

const UNITS: Record<string, Decimal> = {
  "": new Decimal(1),
  十: new Decimal(10),
  百: new Decimal(100),
  千: new Decimal(1000),
  万: new Decimal(1e4),
  十万: new Decimal(1e5),
  百万: new Decimal(1e6),
  千万: new Decimal(1e7),
  亿: new Decimal(1e8),
  万亿: new Decimal(1e12),
};

const ACCEPTED = bi('a number of 元 such as 2000000, or text such as "200万", "2000万元", "1.5亿", "1,000,000"', "以元计的数字如 2000000，或文本如“200万”“2000万元”“1.5亿”“1,000,000”");
// A number with an optional Chinese unit, or in the scientific notation Excel writes into CSV files (2.5E+07).
const AMOUNT_TEXT = /^(\d+(?:\.\d+)?(?:e[+-]?\d+)?)(十万|百万|千万|万亿|十|百|千|万|亿)?$/;

/** Folds full-width characters and spaces, so "２００ 万元" reads as "200万元". */
export function normalizeText(text: string): string {
  return text.normalize("NFKC").replace(/\s+/g, "").toLowerCase();
}

/**
 * Parses an amount in 元 given as a number or as text with Chinese units (万 = 10^4, 亿 = 10^8).
 * @param what names the argument in error messages ("spend").
 */
export function parseAmount(input: unknown, label: Label = "amount"): Decimal {
  const what = labelText(label);
  const bad = (en: string, zh: string) => invalidValue(bi(`${what.en} ${en}`, `${what.zh}${zh}`));
  if (input === null || input === undefined) throw bad(`is missing: give ${ACCEPTED.en}.`, `为空：请填${ACCEPTED.zh}。`);
  if (typeof input === "boolean") throw bad(`is ${input ? "TRUE" : "FALSE"}, not an amount: give ${ACCEPTED.en}.`, `为 ${input ? "TRUE" : "FALSE"}，不是金额：请填${ACCEPTED.zh}。`);
  if (Array.isArray(input)) throw bad(`is a range or array; give one amount: ${ACCEPTED.en}.`, `是区域或数组：请只填一个金额，${ACCEPTED.zh}。`);
  let value: Decimal;
  if (typeof input === "number") {
    if (Number.isNaN(input)) throw invalidNumber(bi(`${what.en} is not a number (NaN).`, `${what.zh}不是数字（NaN）。`));
    if (!Number.isFinite(input)) throw invalidNumber(bi(`${what.en} is infinite; give a finite amount in 元.`, `${what.zh}为无穷大：请填有限的金额（元）。`));
    value = new Decimal(input);
  } else if (typeof input === "string") {
    value = parseAmountText(input, what);
  } else {
    throw bad(`has an unsupported type (${typeof input}): give ${ACCEPTED.en}.`, `的类型（${typeof input}）不受支持：请填${ACCEPTED.zh}。`);
  }
  if (value.isNegative() && !value.isZero()) throw bad(`is negative (${clip(String(input))}); give an amount of 0 or more in 元.`, `为负数（${clip(String(input))}）：请填 0 或以上的金额（元）。`);
  if (value.greaterThan(MAX_AMOUNT)) throw invalidNumber(bi(`${what.en} is larger than 10^15 元 (1000万亿元); no award is computed for it.`, `${what.zh}超过 10^15 元（1000万亿元），不予计算。`));
  return value.abs(); // -0 becomes 0
}

function parseAmountText(raw: string, what: Text): Decimal {
  checkNumberText(raw, what, ACCEPTED);
  let text = normalizeText(raw).replace(/^(rmb|cny|¥|￥)/, "").replace(/(人民币)?(元|rmb|cny)$/, "");
  if (text === "") throw invalidValue(bi(`${what.en} is empty text; give ${ACCEPTED.en}.`, `${what.zh}为空文本：请填${ACCEPTED.zh}。`));
  const negative = text.startsWith("-");
  if (negative || text.startsWith("+")) text = text.slice(1);
  // Thousands separators: groups of three digits from the decimal point, or the text is not an amount.
  if (text.includes(",")) {
    const grouped = /^(\d{1,3}(?:,\d{3})+)((?:\.\d+)?(?:十万|百万|千万|万亿|十|百|千|万|亿)?)$/.exec(text);
    if (!grouped) throw invalidValue(bi(`${what.en} "${clip(raw)}" is not an amount: its commas do not separate thousands; give ${ACCEPTED.en}.`, `${what.zh}“${clip(raw)}”不是金额：逗号未按千位分组；请填${ACCEPTED.zh}。`));
    text = grouped[1].replace(/,/g, "") + grouped[2];
  }
  const match = AMOUNT_TEXT.exec(text);
  if (!match) throw invalidValue(bi(`${what.en} "${clip(raw)}" is not an amount; give ${ACCEPTED.en}.`, `${what.zh}“${clip(raw)}”不是金额：请填${ACCEPTED.zh}。`));
  const value = new Decimal(match[1]).times(UNITS[match[2] ?? ""]);
  return negative ? value.negated() : value;
}

/** Parses a policy file's amount as the text writes it ("2000万元", "1亿元", "50万"). */
export function parsePolicyAmount(text: string): Decimal {
  return parseAmountText(text, bi("policy amount", "政策金额"));
}

/** Parses a policy file's rate ("30%") to a fraction. */
export function parsePolicyRate(text: string): Decimal {
  const m = /^(\d+(?:\.\d+)?)%$/.exec(text.normalize("NFKC"));
  if (!m) throw invalidValue(bi(`policy rate "${text}" is not a percentage`, `政策比例“${text}”不是百分数`));
  return new Decimal(m[1]).dividedBy(100);
}

/** A number as a policy file writes it, with the sentence it rests on. */
interface WrittenValue { value: string; quote: string; assumption?: string; assumptionZh?: string }

const citeWith = (parse: (text: string) => Decimal) => (d: WrittenValue, source: string): Cited<Decimal> =>
  ({ value: parse(d.value), quote: d.quote, source, assumption: noteOf(d.assumption, d.assumptionZh) });

/** A policy file's amount ("2000万元") as a value cited from its source text. */
export const citeAmount = citeWith(parsePolicyAmount);

/** A policy file's rate ("30%") as a value cited from its source text. */
export const citeRate = citeWith(parsePolicyRate);

/** Rounds 元 to the fen, half up: done once, at the output. */
export function toFen(value: Decimal): number {
  return value.toDecimalPlaces(2, Decimal.ROUND_HALF_UP).toNumber();
}

/** Formats 元 for messages: 20000000 → "2000万元", 150000000 → "1.5亿元", 1234.5 → "1234.5元". */
export function formatYuan(value: Decimal): string {
  // whole 元 (written out, never with an exponent) are shifted as digits; anything else is as it is
  const digits = value.toFixed();
  return /^\d+$/.test(digits) ? digitsYuan(digits) : `${value.toString()}元`;
}

/**
 * formatYuan of a whole number of fen (a safe integer or a BigInt), made from its digits with no
 * decimal: 90000000000 → "9亿元", 123450 → "1234.5元". A trace of a million rows formats millions.
 */
export function formatFen(fen: number | bigint): string {
  if (fen < 0 || (typeof fen === "number" && !Number.isSafeInteger(fen))) return formatYuan(new Decimal(String(fen)).dividedBy(100));
  const s = String(fen).padStart(3, "0");
  const [whole, cents] = [s.slice(0, -2), s.slice(-2)];
  return cents === "00" ? digitsYuan(whole) : `${whole}.${cents[1] === "0" ? cents[0] : cents}元`;
}

/** formatYuan of a whole number of 元 given as its digits: 亿 where it is whole 万, 万 where it is whole 百. */
function digitsYuan(s: string): string {
  const n = s.length;
  if (n >= 9 && s.endsWith("0000")) return `${s.slice(0, n - 8)}${point(s.slice(n - 8))}亿元`;
  if (n >= 5 && s.endsWith("00")) return `${s.slice(0, n - 4)}${point(s.slice(n - 4))}万元`;
  return `${s}元`;
}

/** The digits after a decimal point, trailing zeros dropped: "5000" → ".5", "0000" → "". */
function point(digits: string): string {
  const t = digits.replace(/0+$/, "");
  return t ? `.${t}` : "";
}

export function formatRate(rate: Decimal): string {
  return `${rate.times(100).toString()}%`;
}
