// The AWARD custom functions: thin wrappers over the engine. Excel's metadata (functions.json) is
// generated from the JSDoc here by custom-functions-metadata-plugin, which also adds the
// CustomFunctions.associate calls when webpack bundles this file.
import { defaultEngine, toFen } from "../engine";
import { excel, toExcelError } from "./excel-error";
import { memoize } from "./memo";
import { policyYear } from "./policy-year";
import { displayLang } from "./language";
import { CLI, HEADERS, titleIn } from "../engine/messages";
import { tr, type Lang } from "../engine/text";

// Repeated calls with the same arguments are answered from a memo (memo.ts; it remembers the engine's
// answer or AwardError, excel() turns the error into the host's each time); the exported functions
// stay plain declarations, which is what the metadata generator reads.
const voucherAmount = memoize((jurisdiction: any, type: any, spend: any, domestic?: any, year?: any): number =>
  defaultEngine().voucherAmount(jurisdiction, type, spend, domestic, year, policyYear()),
);
const routeRows = memoize((lang: Lang, jurisdiction: any, type: any, year?: any): any[][] =>
  defaultEngine().routes(jurisdiction, type, year, policyYear(), lang),
);
const fundLimitAmount = memoize((jurisdiction: any, programme: any, year?: any): number =>
  toFen(defaultEngine().fundLimit(jurisdiction, programme, year, policyYear()).amount),
);
const versionKey = memoize((jurisdiction: any, year?: any): string => defaultEngine().version(jurisdiction, year, policyYear()).key);

/**
 * The award in 元 that a voucher programme pays for a spend, under the policy in force in the year.
 * @customfunction COMPUTE_VOUCHER
 * @param jurisdiction Jurisdiction id or name: "hangzhou-binjiang" (滨江), "guangzhou" (广州), "langfang" (廊坊); optionally followed by a version, e.g. "hangzhou-binjiang@2025-draft".
 * @param type Programme: compute, corpus, data, model, innovation, scenario, or 算力券, 语料券, 数据券, 模型券, 创新券, 场景券; optionally :route, e.g. "compute:large-model" (see AWARD.ROUTES).
 * @param spend Amount in 元 the rate applies to: a number, or text such as "200万", "2000万元", "1.5亿".
 * @param [domestic] TRUE where the compute is domestic (国产); matters only where the text distinguishes it. Empty: FALSE.
 * @param [year] Year of the award, e.g. 2026. Empty: the workbook's policy year.
 * @returns The award in 元, rounded to the fen.
 */
export function computeVoucher(jurisdiction: any, type: any, spend: any, domestic?: any, year?: any): number {
  // The compiled evaluator answers a plain call faster than the memo could (engine/compiled.ts): no
  // closure for it, and the policy year is read only where the call gives no year.
  let fast: number | null;
  try {
    const empty = year === undefined || year === null || year === "";
    fast = defaultEngine().voucherCompiled(jurisdiction, type, spend, domestic, year, empty ? policyYear() : 0);
  } catch (e) {
    throw toExcelError(e);
  }
  return fast ?? excel(() => voucherAmount(jurisdiction, type, spend, domestic, year));
}

/**
 * A programme's routes with their rate, cap and threshold, as a table with a header row.
 * @customfunction ROUTES
 * @param jurisdiction Jurisdiction id or name, optionally followed by a version such as "guangzhou@draft".
 * @param type Programme: compute, corpus, data, model, innovation, scenario or its Chinese name.
 * @param [year] Year, e.g. 2026. Empty: the workbook's policy year.
 * @returns One row per route: route, name, default, rate, domestic rate, threshold, cap, and more.
 */
export function routes(jurisdiction: any, type: any, year?: any): any[][] {
  return excel(() => routeRows(displayLang(), jurisdiction, type, year));
}

/**
 * The annual pool in 元 of a programme, or the measure-wide annual limit ("total").
 * @customfunction FUND_LIMIT
 * @param jurisdiction Jurisdiction id or name, optionally followed by a version such as "guangzhou@draft".
 * @param programme "total" for the measure-wide limit, or a programme: compute, corpus, model, 算力券 …
 * @param [year] Year, e.g. 2026. Empty: the workbook's policy year.
 * @returns The annual pool in 元.
 */
export function fundLimit(jurisdiction: any, programme: any, year?: any): number {
  return excel(() => fundLimitAmount(jurisdiction, programme, year));
}

/**
 * The policy version a jurisdiction resolves to in a year, e.g. "hangzhou-binjiang@2025".
 * @customfunction VERSION
 * @param jurisdiction Jurisdiction id or name, optionally followed by a version such as "guangzhou@draft".
 * @param [year] Year, e.g. 2026. Empty: the workbook's policy year.
 * @returns The version key, e.g. "hangzhou-binjiang@2025".
 */
export function version(jurisdiction: any, year?: any): string {
  return excel(() => versionKey(jurisdiction, year));
}

/**
 * Every policy version with its status and in-force window, as a table with a header row.
 * @customfunction POLICIES
 * @returns One row per version: key, status, in force from, to, title, document number, note.
 */
export function policies(): any[][] {
  return excel(() => {
    const lang = displayLang();
    return [
      tr(HEADERS.policies, lang).split("\t"),
      ...defaultEngine().registry.listVersions().map((v) => [
        v.key, tr(CLI.status[v.status], lang), v.window?.from ?? "", v.window?.to ?? "", titleIn(lang, v), v.documentNumber ?? "", tr(v.windowNote, lang),
      ]),
    ];
  });
}
