// The AWARD budget functions: what a set of applications costs once every rule is applied, when a
// pool runs out, how an oversubscribed pool is shared, and how likely it is to run out.
import { budget, defaultEngine } from "../engine";
import { excel } from "./excel-error";
import { policyYear } from "./policy-year";
import { displayLang } from "./language";

// A parameter that takes a range is declared any[][] (the first signature, which the metadata generator
// reads): Excel passes a range only to a matrix parameter, and a single value there as [[value]]. The
// second signature lets the CLI, the pane and tests pass a single value as it is; the engine takes both.

/**
 * Applies every rule of the texts to a table of applications: caps per recipient, non-duplication, one-time awards, top-up on promotion, annual quotas and annual pools.
 * @customfunction PORTFOLIO
 * @param applications A table with a header row (for an Excel table, Table1[#All]): recipient/申请单位, project/项目, policy/政策, programme or clause/项目类型/条款, route, amount/金额, domestic/国产, date/日期; optional year/年度 and paid before/已获资助. Extra columns are ignored.
 * @param [year] Award year of rows with neither a date nor a year. Empty: the workbook's policy year.
 * @param [method] How an oversubscribed pool is shared: "fcfs" (first come first served, by date) or "pro-rata". Empty: fcfs.
 * @returns A header row, then one row per application: award, the rules that cut it, the award on its own, version, programme, year, row.
 */
export function portfolio(applications: any[][], year?: any, method?: any): any[][];
export function portfolio(applications: unknown, year?: any, method?: any): any[][];
export function portfolio(applications: unknown, year?: any, method?: any): any[][] {
  return excel(() => {
    const engine = defaultEngine();
    return budget.portfolioTable(budget.portfolioRange(engine.resolver, applications, year, method, policyYear(), budget.clauseRowAward(engine)), displayLang());
  });
}

/**
 * The first date on which the running total of the amounts, in date order, reaches the pool.
 * @customfunction FUND_EXHAUSTION
 * @param pool The pool in 元: a number or text such as "1亿".
 * @param dates Dates of the amounts (Excel dates, or text such as 2026-01-15), one per amount.
 * @param amounts Amounts in 元, one per date.
 * @returns The date (an Excel serial number; format the cell as a date), or #N/A with the amount left where the pool is never reached.
 */
export function fundExhaustion(pool: any, dates: any[][], amounts: any[][]): number;
export function fundExhaustion(pool: any, dates: unknown, amounts: unknown): number;
export function fundExhaustion(pool: any, dates: unknown, amounts: unknown): number {
  return excel(() => budget.fundExhaustionRange(pool, dates, amounts));
}

/**
 * Shares a pool among requests: first come first served, or pro rata when oversubscribed, to the fen.
 * @customfunction ALLOCATE
 * @param pool The pool in 元: a number or text such as "5000万".
 * @param requests The amounts requested in 元, in order of arrival (a column or a row).
 * @param [method] "fcfs": in order, the request that crosses the line gets what is left, later ones 0. "pro-rata": every request scaled by pool ÷ total when oversubscribed. Empty: fcfs.
 * @returns The allocations, in the shape of the requests; they never exceed the pool and add up to it exactly when oversubscribed.
 */
export function allocate(pool: any, requests: any[][], method?: any): any[][];
export function allocate(pool: any, requests: unknown, method?: any): any[][];
export function allocate(pool: any, requests: unknown, method?: any): any[][] {
  return excel(() => budget.allocateRange(pool, requests, method));
}

/**
 * Monte Carlo forecast of a pool: the chance it is exhausted by each month and the amount committed.
 * @customfunction FORECAST
 * @param pool The annual pool in 元.
 * @param monthly_applications Mean number of applications a month: one number, or one per month.
 * @param amounts Award amounts in 元 to resample from, e.g. a column of COMPUTE_VOUCHER results.
 * @param [months] Number of months. Empty: 12, or one per monthly_applications value.
 * @param [trials] Number of simulated years, 1 to 100000. Empty: 1000.
 * @param [seed] Seed of the random numbers, a whole number; the same seed gives the same numbers. Empty: 1.
 * @param [start_month] First month as a date or text such as 2026-03: rows are then calendar months and the pool starts afresh each January. Empty: months 1, 2, …
 * @returns A header row, then per month: probability the pool is exhausted by then, committed amount at the 10th percentile, median and 90th percentile, median applied for.
 */
export function forecast(pool: any, monthly_applications: any[][], amounts: any[][], months?: any, trials?: any, seed?: any, start_month?: any): any[][];
export function forecast(pool: any, monthly_applications: unknown, amounts: unknown, months?: any, trials?: any, seed?: any, start_month?: any): any[][];
export function forecast(pool: any, monthly_applications: unknown, amounts: unknown, months?: any, trials?: any, seed?: any, start_month?: any): any[][] {
  return excel(() => budget.forecastTable(budget.forecastRange(pool, monthly_applications, amounts, months, trials, seed, start_month), displayLang()));
}
