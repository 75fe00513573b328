// The budget questions as the AWARD functions ask them: arguments as Excel passes them (ranges as
// rows of columns, dates as serial numbers), answers as numbers and tables.
import Decimal from "decimal.js";
import { labelText, parseAmount, type Label } from "../amount";
import { invalidNumber, invalidValue, notAvailable } from "../errors";
import { describe, describeIn, type Resolver } from "../resolve";
import { parseWhen } from "../when";
import { bi, type Lang } from "../text";
import { columnIn } from "../messages/tables";
import { allocate, parseMethod } from "./allocate";
import { parseDate, serialToISO } from "./dates";
import { describeNotReached, fundExhaustion, type Dated } from "./exhaustion";
import { FORECAST_MAX_YUAN, MAX_TRIALS, forecast, type ForecastMonth } from "./forecast";
import { runPortfolio, type PortfolioResult, type RowAwardFn } from "./portfolio";
import { readTable } from "./table";

const isBlank = (c: unknown) => c === null || c === undefined || (typeof c === "string" && c.trim() === "");

/**
 * A range as rows of columns: a single value is a 1×1 range, a flat list a column. Rows of
 * different lengths (which Excel never sends, but a formula typed elsewhere can) are refused.
 */
export function asRange(input: unknown, what: Label = bi("the range", "区域")): unknown[][] {
  if (!Array.isArray(input)) return [[input]];
  const w = labelText(what);
  if (input.length === 0) return [];
  if (input.every((r) => Array.isArray(r))) {
    const rows = input as unknown[][];
    const ragged = rows.findIndex((r) => r.length !== rows[0].length);
    if (ragged >= 0) {
      throw invalidValue(bi(`${w.en} is not a rectangular range: row 1 has ${rows[0].length} cells and row ${ragged + 1} has ${rows[ragged].length}.`, `${w.zh} 不是矩形区域：第 1 行有 ${rows[0].length} 个单元格，第 ${ragged + 1} 行有 ${rows[ragged].length} 个。`));
    }
    return rows;
  }
  if (input.some((r) => Array.isArray(r))) throw invalidValue(bi(`${w.en} mixes rows and single values; give a rectangular range.`, `${w.zh} 混有行和单个值：请给矩形区域。`));
  return input.map((c) => [c]);
}

/** The cells of a range, row by row, with their position for messages. */
function cells(input: unknown, what: Label): { value: unknown; at: string }[] {
  const out: { value: unknown; at: string }[] = [];
  asRange(input, what).forEach((row, i) => row.forEach((value, j) => out.push({ value, at: `row ${i + 1}${row.length > 1 ? `, column ${j + 1}` : ""}` })));
  return out;
}

function scalar(input: unknown, what: Label): unknown {
  if (!Array.isArray(input)) return input;
  const c = cells(input, what);
  if (c.length === 1) return c[0].value;
  const w = labelText(what);
  throw invalidValue(bi(`${w.en} is a range or array; give one value.`, `${w.zh} 是区域或数组：请给一个值。`));
}

/** ALLOCATE: the pool shared among the requests, in the shape of the requests; blank cells stay blank. */
export function allocateRange(pool: unknown, requests: unknown, method: unknown): (number | string)[][] {
  const poolAmount = parseAmount(scalar(pool, "pool"), "pool");
  const m = parseMethod(method);
  const range = asRange(requests, "requests");
  const amounts: Decimal[] = [];
  range.forEach((row, i) => row.forEach((v, j) => {
    if (!isBlank(v)) amounts.push(parseAmount(v, `request (row ${i + 1}${row.length > 1 ? `, column ${j + 1}` : ""})`));
  }));
  if (amounts.length === 0) throw invalidValue(bi("requests is empty: give a range of amounts in 元.", "申请额为空：请给一列以元为单位的金额。"));
  const given = allocate(poolAmount, amounts, m);
  let k = 0;
  return range.map((row) => row.map((v) => (isBlank(v) ? "" : given[k++].toNumber())));
}

/** FUND_EXHAUSTION: the Excel serial of the day the pool is reached; #N/A with the amount left otherwise. */
export function fundExhaustionRange(pool: unknown, dates: unknown, amounts: unknown): number {
  const poolAmount = parseAmount(scalar(pool, "pool"), "pool");
  const d = cells(dates, "dates");
  const a = cells(amounts, "amounts");
  if (d.length !== a.length) {
    throw invalidValue(bi(`dates has ${d.length} cells and amounts ${a.length}: give two ranges of the same size, one date per amount.`, `日期有 ${d.length} 个单元格，金额有 ${a.length} 个：请给两个同样大小的区域，每个金额一个日期。`));
  }
  const items: Dated[] = [];
  for (let i = 0; i < d.length; i++) {
    const blankD = isBlank(d[i].value);
    const blankA = isBlank(a[i].value);
    if (blankD && blankA) continue;
    if (blankD) throw invalidValue(bi(`the date at ${d[i].at} is empty but its amount is not: give each amount its date.`, `${d[i].at} 的日期为空而金额不为空：请给每个金额配上日期。`));
    if (blankA) throw invalidValue(bi(`the amount at ${a[i].at} is empty but its date is not: give each date its amount (0 if none).`, `${a[i].at} 的金额为空而日期不为空：请给每个日期配上金额（没有则填 0）。`));
    items.push({ date: parseDate(d[i].value, `date (${d[i].at})`), amount: parseAmount(a[i].value, `amount (${a[i].at})`) });
  }
  const e = fundExhaustion(poolAmount, items);
  if (!e.reached) throw notAvailable(describeNotReached(e, poolAmount));
  return e.date;
}

export const FORECAST_COLUMNS = ["month", "probability exhausted", "committed p10", "committed median", "committed p90", "applied for median"] as const;

function wholeNumber(input: unknown, what: Label, min: number, max: number, dflt: number): number {
  const v = scalar(input, what);
  if (isBlank(v)) return dflt;
  const n = typeof v === "number" ? v : typeof v === "string" && /^\s*\d+\s*$/.test(v) ? Number(v) : NaN;
  if (!Number.isInteger(n) || n < min || n > max) {
    const w = labelText(what);
    throw invalidValue(bi(`${w.en} ${describe(v)} is not a whole number from ${min} to ${max}.`, `${w.zh} ${describeIn(v).zh} 不是 ${min} 至 ${max} 之间的整数。`));
  }
  return n;
}

/** FORECAST_MAX_YUAN as messages write it: 10^13. */
const FORECAST_MAX_TEXT = `10^${FORECAST_MAX_YUAN.e}`;

function boundedFen(v: Decimal, what: Label): number {
  if (v.greaterThan(FORECAST_MAX_YUAN)) {
    const w = labelText(what);
    throw invalidNumber(bi(`${w.en} is above ${FORECAST_MAX_TEXT} 元, the most FORECAST takes.`, `${w.zh} 超过 ${FORECAST_MAX_TEXT} 元（FORECAST 的上限）。`));
  }
  return Number(v.times(100).toDecimalPlaces(0, Decimal.ROUND_HALF_UP).toFixed(0));
}

/** FORECAST's arguments read and checked, then the simulation. */
export function forecastRange(pool: unknown, monthly: unknown, amounts: unknown, months: unknown, trials: unknown, seed: unknown, startMonth?: unknown): ForecastMonth[] {
  const poolFen = boundedFen(parseAmount(scalar(pool, "pool"), "pool"), "pool");
  const monthlyCells = cells(monthly, "monthly_applications").filter((c) => !isBlank(c.value));
  if (monthlyCells.length === 0) throw invalidValue(bi("monthly_applications is empty: give the mean number of applications a month (one number, or one per month).", "monthly_applications 为空：请给每月的平均申请数（一个数，或每月一个）。"));
  const means = monthlyCells.map((c) => {
    const n = typeof c.value === "number" ? c.value : typeof c.value === "string" && /^\s*\d+(\.\d+)?\s*$/.test(c.value) ? Number(c.value) : NaN;
    if (!Number.isFinite(n) || n < 0) throw invalidValue(bi(`monthly_applications ${describe(c.value)} (${c.at}) is not a number of applications: give a mean of 0 or more.`, `monthly_applications ${describeIn(c.value).zh}（${c.at}）不是申请数：请给 0 或以上的月均数。`));
    return n;
  });
  const defaultMonths = means.length > 1 ? means.length : 12;
  const m = wholeNumber(months, "months", 1, 120, defaultMonths);
  let monthlyMeans: number[];
  if (means.length === 1) monthlyMeans = new Array(m).fill(means[0]);
  else if (means.length === m) monthlyMeans = means;
  else throw invalidValue(bi(`monthly_applications gives ${means.length} months but months is ${m}: give one mean, or one per month.`, `monthly_applications 给了 ${means.length} 个月，而 months 为 ${m}：请给一个均值，或每月一个。`));
  const amountsFen = cells(amounts, "amounts").filter((c) => !isBlank(c.value)).map((c) => boundedFen(parseAmount(c.value, `amount (${c.at})`), `amount (${c.at})`));
  if (amountsFen.length === 0) throw invalidValue(bi("amounts is empty: give a range of award amounts to resample from, e.g. a column of COMPUTE_VOUCHER results.", "金额为空：请给一列用于重抽样的资助金额，例如一列 COMPUTE_VOUCHER 的结果。"));
  const trialCount = wholeNumber(trials, "trials", 1, MAX_TRIALS, 1000);
  return forecast({
    poolFen,
    monthlyMeans,
    amountsFen,
    trials: trialCount,
    seed: wholeNumber(seed, "seed", 0, 4294967295, 1),
    start: parseStartMonth(scalar(startMonth, "start_month")),
  });
}

/** FORECAST's start month: a date (its month) or text such as 2026-03; empty: months are numbered. */
function parseStartMonth(v: unknown): { year: number; month: number } | undefined {
  if (isBlank(v)) return undefined;
  const text = typeof v === "string" ? v.normalize("NFKC").trim() : null;
  const ym = text ? /^(\d{4})[-/.年](\d{1,2})月?$/.exec(text) : null;
  const iso = ym ? `${ym[1]}-${ym[2].padStart(2, "0")}-01` : serialToISO(parseDate(v, "start_month"));
  const month = Number(iso.slice(5, 7));
  if (ym && (month < 1 || month > 12)) throw invalidValue(bi(`start_month ${describe(v)} is not a month: give a date or text such as 2026-03.`, `start_month ${describeIn(v).zh} 不是月份：请给日期或如 2026-03 的文本。`));
  return { year: Number(iso.slice(0, 4)), month: month - 1 };
}

/** FORECAST's table: its header (FORECAST_COLUMNS, as documented) in the language, then a row a month. */
export function forecastTable(months: ForecastMonth[], lang: Lang = "en"): (string | number)[][] {
  return [FORECAST_COLUMNS.map((c) => columnIn(lang, c)), ...months.map((m) => [m.calendar ?? m.month, m.probabilityExhausted, m.p10 / 100, m.median / 100, m.p90 / 100, m.demandMedian / 100])];
}

/** PORTFOLIO: the table read, every rule applied. */
export function portfolioRange(resolver: Resolver, applications: unknown, year: unknown, method: unknown, defaultYear: number, clauseAward?: RowAwardFn): PortfolioResult {
  const y = parseWhen(scalar(year, "year"), defaultYear).year;
  const m = parseMethod(scalar(method, "method"));
  const range = asRange(applications, "applications");
  const { rows } = readTable(range, y);
  return runPortfolio(resolver, rows, { method: m, clauseAward });
}
