// BUDGET_FORECAST as Excel asks it: a pipeline range (header row first), trials, seed, method, a policy
// to compare with and a default year; the answer spilled per pool × year × month.
import { asRange } from "../budget/api";
import { parseMethod } from "../budget/allocate";
import { invalidNumber, invalidValue, notAvailable } from "../errors";
import type { Engine } from "../index";
import { describe, describeIn, parseYear } from "../resolve";
import { bi, type Lang } from "../text";
import { columnIn } from "../messages/tables";
import { scenariosFor } from "./compare";
import { readPipelineRange } from "./pipeline";
import { forecastReport } from "./report";
import { MAX_FORECAST_TRIALS, simulate } from "./simulate";

/** The most applications one cell prices (trials × expected applications): a few seconds. */
export const MAX_CELL_PRICINGS = 300_000;

const isBlank = (c: unknown) => c === null || c === undefined || (typeof c === "string" && c.trim() === "");

function one(input: unknown, what: string): unknown {
  if (!Array.isArray(input)) return input;
  const cells = asRange(input, what).flat();
  if (cells.length === 1) return cells[0];
  throw invalidValue(bi(`${what} is a range or array; give one value.`, `${what} 是区域或数组；请给出一个值。`));
}

function whole(input: unknown, what: string, max: number, dflt: number): number {
  const v = one(input, what);
  if (isBlank(v)) return dflt;
  const n = typeof v === "number" ? v : typeof v === "string" && /^\s*\d+\s*$/.test(v) ? Number(v) : NaN;
  if (!Number.isInteger(n) || n < (what === "seed" ? 0 : 1) || n > max) {
    throw invalidValue(bi(`${what} ${describe(v)} is not a whole number from ${what === "seed" ? 0 : 1} to ${max}.`, `${what} ${describeIn(v).zh} 不是 ${what === "seed" ? 0 : 1} 至 ${max} 之间的整数。`));
  }
  return n;
}

export const BUDGET_FORECAST_COLUMNS = ["pool", "year", "month", "P(used up)", "awarded p10", "awarded p50", "awarded p90", "unmet p50"] as const;
export const BUDGET_FORECAST_DIFF_COLUMNS = ["Δ P(used up)", "Δ awarded p50", "Δ unmet p50"] as const;

/** BUDGET_FORECAST's table: a header row (BUDGET_FORECAST_COLUMNS, as documented) in the language, then a row per pool and month. */
export function budgetForecastRange(engine: Engine, pipeline: unknown, trials: unknown, seed: unknown, method: unknown, compare: unknown, year: unknown, defaultYear: number, lang: Lang = "en"): (string | number)[][] {
  const y = parseYear(one(year, "year"), defaultYear);
  const p = readPipelineRange(asRange(pipeline, "pipeline"), y);
  if (p.bad.length > 0) {
    const b = p.bad[0];
    throw invalidValue(bi(`pipeline row ${b.line}: ${b.error.in("en")}${p.bad.length > 1 ? ` (and ${p.bad.length - 1} more bad rows)` : ""}`, `申报预测表第 ${b.line} 行：${b.error.in("zh")}${p.bad.length > 1 ? `（另有 ${p.bad.length - 1} 行有误）` : ""}`));
  }
  if (p.rows.length === 0) throw invalidValue(bi("the pipeline has a header row but no application.", "申报预测表只有表头，没有申报行。"));
  const n = whole(trials, "trials", MAX_FORECAST_TRIALS, 1000);
  const s = whole(seed, "seed", 4294967295, 1);
  const m = parseMethod(one(method, "method"));
  const c = one(compare, "compare");
  const expected = p.rows.reduce((sum, r) => sum + (r.count ?? 1) * r.probability, 0);
  if (n * expected * (isBlank(c) ? 1 : 2) > MAX_CELL_PRICINGS) {
    throw invalidNumber(bi(`BUDGET_FORECAST would price about ${Math.round(n * expected).toLocaleString("en-US")} applications (trials × expected applications${isBlank(c) ? "" : ", twice with a comparison"}); a cell takes at most ${MAX_CELL_PRICINGS.toLocaleString("en-US")}: lower trials, or run the task pane's Budget view or award-model forecast.`,
      `预算预测约需计价 ${Math.round(n * expected).toLocaleString("en-US")} 项申报（抽样次数 × 预计申报数${isBlank(c) ? "" : "，对比时加倍"}）；单元格最多 ${MAX_CELL_PRICINGS.toLocaleString("en-US")} 项：请减少抽样次数，或使用任务窗格的预算视图或 award-model forecast。`));
  }
  if (!isBlank(c) && typeof c !== "string") {
    throw invalidValue(bi(`compare ${describe(c)} is not a policy: give jurisdiction@version, e.g. hangzhou-binjiang@2023.`, `对比政策 ${describeIn(c).zh} 不是政策名：请写 地区@版本，例如 hangzhou-binjiang@2023。`));
  }
  const scenarios = scenariosFor(engine, isBlank(c) ? null : String(c));
  const [base, reform] = simulate({ pipeline: p, trials: n, seed: s, method: m, scenarios });
  const report = forecastReport({ trials: n, seed: s, method: m }, base, reform ? { policy: String(c), acc: reform } : undefined);
  if (report.errors.length > 0) {
    const e = report.errors[0];
    throw notAvailable(bi(`pipeline row ${e.line}: ${e.message.en}`, `申报预测表第 ${e.line} 行：${e.message.zh}`));
  }
  if (report.pools.length === 0) throw notAvailable(bi("no annual pool applies to the pipeline's rows.", "申报预测表的各行不涉及年度资金池。"));
  const diffs = new Map((report.compare?.pools ?? []).filter((x) => x.difference).map((x) => [`${x.jurisdiction}|${x.poolId}|${x.year}`, x.difference!]));
  const header = [...BUDGET_FORECAST_COLUMNS, ...(report.compare ? BUDGET_FORECAST_DIFF_COLUMNS : [])].map((c) => columnIn(lang, c));
  const rows: (string | number)[][] = [header];
  for (const pool of report.pools) {
    const d = diffs.get(`${pool.jurisdiction}|${pool.poolId}|${pool.year}`);
    pool.months.forEach((mo, i) => {
      const row: (string | number)[] = [pool.pool, pool.year, mo.month, mo.pExhausted, mo.awarded.p10, mo.awarded.p50, mo.awarded.p90, mo.unmet.p50];
      if (report.compare) row.push(...(d ? [d.months[i].pExhausted, d.months[i].awarded.p50, d.months[i].unmet.p50] : ["", "", ""]));
      rows.push(row);
    });
  }
  return rows;
}
