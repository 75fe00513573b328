// AWARD.BUDGET_FORECAST: the budget forecast over the policy window in a cell (see src/engine/forecast).
import { defaultEngine } from "../engine";
import { budgetForecastRange } from "../engine/forecast";
import { excel } from "./excel-error";
import { policyYear } from "./policy-year";
import { displayLang } from "./language";

/**
 * Budget forecast: a pipeline of expected applications drawn many times, every rule applied; per annual pool and month the chance it is used up, awarded and unmet.
 * @customfunction BUDGET_FORECAST
 * @param pipeline The applications table's columns (header row first) plus optional probability/概率, low/最低, high/最高, count/数量, from/从, to/至.
 * @param [trials] Number of draws, 1 to 100000. Empty: 1000.
 * @param [seed] Seed of the draws, a whole number; the same seed gives the same numbers. Empty: 1.
 * @param [method] How an oversubscribed pool is shared: "fcfs" or "pro-rata". Empty: fcfs.
 * @param [compare] A version or variant to price the same draws under, e.g. "hangzhou-binjiang@2023". Empty: none.
 * @param [year] Award year of rows with no date, no from/to and no year. Empty: the workbook's policy year.
 * @returns A header row, then per pool, year and month: P(used up by month end), awarded p10/p50/p90, unmet p50; with compare, the differences.
 */
export function budgetForecast(pipeline: any[][], trials?: any, seed?: any, method?: any, compare?: any, year?: any): any[][] {
  return excel(() => budgetForecastRange(defaultEngine(), pipeline, trials, seed, method, compare, year, policyYear(), displayLang()));
}
