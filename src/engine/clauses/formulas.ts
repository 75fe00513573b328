// Formulas beyond rate × base, as data: marginal bands (100万以下部分按30%、100万至500万元部分按20%),
// a rate schedule by year of support (首年70%、次年50%、第三年30%; 三免两减半), and rates by categories
// at once (company size × domestic compute). Each reads its numbers from the route, never from code.
import Decimal from "decimal.js";
import { formatRate, formatYuan, normalizeText } from "../amount";
import { invalidValue } from "../errors";
import { bi, type Text } from "../text";

/** A number with the sentence it comes from (as Cited of ../types, kept here so that types.ts can import this module). */
type Cited<T> = { value: T; quote: string; source: string };

/** Marginal bands: each band's rate applies to the part of the input between its start and the next band's. */
export interface Bands { input: string; label: string; steps: { from: Decimal; rate: Decimal }[]; quote: string; source: string }

/** A rate for each year of support, the first year first. */
export interface Schedule { rates: Decimal[]; written?: string; quote: string; source: string }

/** Rates by categories: one rate per combination of the inputs' values. */
export interface RateBy {
  inputs: { input: string; label: string; values: string[] }[];
  rates: { when: string[]; rate: Decimal }[];
  quote: string;
  source: string;
}

/** The award under marginal bands, with each band's part for the trace. */
export function bandsAward(b: Bands, x: Decimal): { award: Decimal; parts: string[] } {
  let award = new Decimal(0);
  const parts: string[] = [];
  b.steps.forEach((s, i) => {
    const to = b.steps[i + 1]?.from ?? null;
    if (!x.greaterThan(s.from)) return;
    const top = to === null || x.lessThan(to) ? x : to;
    const part = top.minus(s.from).times(s.rate);
    award = award.plus(part);
    parts.push(`(${formatYuan(top)} − ${formatYuan(s.from)}) × ${formatRate(s.rate)} = ${formatYuan(part)}`);
  });
  return { award, parts };
}

/** The rate of a year of support under a schedule; null beyond its last year (no award). */
export function scheduledRate(s: Schedule, supportYear: number): Cited<Decimal> | null {
  const r = s.rates[supportYear - 1];
  return r === undefined ? null : { value: r, quote: s.quote, source: s.source };
}

/** A category value as given: text compared without case or width; TRUE/FALSE read as yes/no. */
function categoryOf(v: unknown): string {
  if (typeof v === "boolean") return v ? "yes" : "no";
  if (v === 1 || v === 0) return v === 1 ? "yes" : "no";
  const t = normalizeText(String(v));
  if (["true", "是", "国产", "y"].includes(t)) return "yes";
  if (["false", "否", "非国产", "n"].includes(t)) return "no";
  return t;
}

/** The rate for the categories given; #VALUE! naming the accepted values where one is not among them. */
export function rateFromTable(t: RateBy, read: (input: string) => unknown, where: Text): { rate: Cited<Decimal>; shown: string } {
  const given = t.inputs.map((spec) => {
    const v = categoryOf(read(spec.input));
    const allowed = spec.values.map(normalizeText);
    if (!allowed.includes(v)) {
      throw invalidValue(bi(`${where.en}: input "${spec.input}" (${spec.label}) must be one of ${spec.values.join(", ")}.`, `${where.zh}：输入“${spec.input}”（${spec.label}）应为以下之一：${spec.values.join("、")}。`));
    }
    return v;
  });
  const row = t.rates.find((r) => r.when.every((w, i) => normalizeText(w) === given[i]));
  if (!row) throw invalidValue(bi(`${where.en}: the text gives no rate for ${given.join(" × ")}.`, `${where.zh}：文本未规定${given.join(" × ")}的比例。`));
  return { rate: { value: row.rate, quote: t.quote, source: t.source }, shown: t.inputs.map((s, i) => `${s.label} ${given[i]}`).join(", ") };
}
