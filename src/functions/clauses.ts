// AWARD.CLAUSE, AWARD.CLAUSES, AWARD.EXPLAIN: every quantified clause of the texts, thin wrappers
// over the engine (src/engine/clauses).
import { defaultEngine } from "../engine";
import { excel } from "./excel-error";
import { policyYear } from "./policy-year";
import { displayLang } from "./language";

// A parameter that takes a range is declared any[][] (the first signature, which the metadata generator
// reads): Excel passes a range only to a matrix parameter, and a single value there as [[value]]. The
// second signature lets the CLI, the pane and tests pass a single value as it is; the engine takes both.

/**
 * What one clause of a policy pays for your inputs, in 元 (or in the clause's own unit, e.g. P of compute).
 * @customfunction CLAUSE
 * @param policy Jurisdiction id or name, optionally with a version: "guangzhou", "滨江", "hangzhou-binjiang@2023".
 * @param clause Clause id as the text numbers it, in Arabic numerals: "7" for 第七条, "6" for （六）; or a programme such as "compute".
 * @param inputs The clause's base (the spend, investment, fee or contract amount), or a two-column range of name/value pairs for clauses with several inputs (see AWARD.CLAUSES).
 * @param [route] Route of the clause, e.g. "national" (see AWARD.CLAUSES). Empty: the default route, or the highest where the text says so.
 * @param [year] Year of the award, e.g. 2026. Empty: the workbook's policy year.
 * @returns The award in 元, rounded to the fen; 0 where a condition is not met.
 */
export function clause(policy: any, clause: any, inputs: any[][], route?: any, year?: any): number;
export function clause(policy: any, clause: any, inputs: unknown, route?: any, year?: any): number;
export function clause(policy: any, clause: any, inputs: unknown, route?: any, year?: any): number {
  return excel(() => defaultEngine().clauseAmount(policy, clause, inputs, route, year, policyYear()));
}

/**
 * Every clause of a policy version that gives an amount, rate, cap, threshold, tier, quota or duration, one row per clause and route.
 * @customfunction CLAUSES
 * @param policy Jurisdiction id or name, optionally with a version such as "hangzhou-binjiang@2025-draft".
 * @param [year] Year, e.g. 2026. Empty: the workbook's policy year.
 * @returns A table with a header row: clause, route, title, kind, rate, amount, cap, threshold, pool, inputs, unit, department, assumption.
 */
export function clauses(policy: any, year?: any): any[][] {
  return excel(() => defaultEngine().clauses(policy, year, policyYear(), displayLang()));
}

/**
 * Why a clause (or a voucher) pays what it pays: each step with its value and the sentence it rests on.
 * @customfunction EXPLAIN
 * @param policy Jurisdiction id or name, optionally with a version.
 * @param clause Clause id ("7", "6"), or a programme as in COMPUTE_VOUCHER ("compute", "算力券", "compute:large-model").
 * @param inputs The base, or a two-column range of name/value pairs; for a programme, the spend.
 * @param [route] Route of the clause; for a programme, COMPUTE_VOUCHER's domestic flag (TRUE/FALSE).
 * @param [year] Year of the award, e.g. 2026. Empty: the workbook's policy year.
 * @returns A table with a header row: step, value, quote, source; the last row is the award.
 */
export function explain(policy: any, clause: any, inputs: any[][], route?: any, year?: any): any[][];
export function explain(policy: any, clause: any, inputs: unknown, route?: any, year?: any): any[][];
export function explain(policy: any, clause: any, inputs: unknown, route?: any, year?: any): any[][] {
  return excel(() => defaultEngine().explain(policy, clause, inputs, route, year, policyYear(), displayLang()));
}
