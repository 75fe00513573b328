// VOUCHER_DETAILS: COMPUTE_VOUCHER's answer as an Excel entity card (data types, ExcelApi 1.16):
// the award, the rate, the cap, which limit bound, the clause and the sentence it rests on. Where the
// host has no data types it degrades to the plain award (the number COMPUTE_VOUCHER returns).
import { defaultEngine, formatRate, formatYuan, toFen, type VoucherResult } from "../engine";
import { excel } from "./excel-error";
import { memoize } from "./memo";
import { policyYear } from "./policy-year";

/** The requirement set that brought entity values (Excel.EntityCellValue) to Excel. */
export const ENTITY_REQUIREMENT = { set: "ExcelApi", version: "1.16" } as const;

/** The entity value returned to Excel: the subset of Excel.EntityCellValue used here. */
export interface VoucherCard {
  type: "Entity";
  text: string;
  properties: Record<string, { type: "Double"; basicValue: number } | { type: "String"; basicValue: string } | { type: "Boolean"; basicValue: boolean }>;
  layouts: { card: { title: { property: string }; sections: { layout: "List"; title?: string; properties: string[]; collapsed?: boolean }[] } };
}

const BINDING_WORDS: Record<VoucherResult["binding"], string> = {
  threshold: "threshold not passed: no award",
  rate: "rate × spend (no cap reached)",
  cap: "cap of the route",
  "recipient-cap": "cap shared by all routes",
  pool: "annual pool",
  "lump-sum": "lump sum",
};

/** The step whose sentence decided the amount: the last binding cap, else the rate, threshold or lump sum. */
function decidingStep(r: VoucherResult): { quote: string; source: string } {
  const withQuote = r.steps.filter((s) => s.quote);
  const pick =
    r.binding === "cap" || r.binding === "recipient-cap" || r.binding === "pool"
      ? [...withQuote].reverse().find((s) => /the cap binds/.test(s.value))
      : withQuote.find((s) => s.step === (r.binding === "lump-sum" ? "lump sum" : r.binding));
  return { quote: pick?.quote ?? "", source: pick?.source ?? "" };
}

/** The card for a computed voucher (pure: no Office needed). */
export function voucherCard(r: VoucherResult): VoucherCard {
  const award = toFen(r.award);
  const { quote, source } = decidingStep(r);
  const str = (basicValue: string) => ({ type: "String" as const, basicValue });
  const num = (basicValue: number) => ({ type: "Double" as const, basicValue });
  const properties: VoucherCard["properties"] = {
    award: num(award),
    "award (text)": str(formatYuan(r.award.toDecimalPlaces(2))),
    rate: r.rate ? num(r.rate.toNumber()) : str(""),
    "rate (text)": str(r.rate ? formatRate(r.rate) : "none (lump sum or no award)"),
    cap: r.cap ? num(r.cap.toNumber()) : str("no cap"),
    "binding limit": str(BINDING_WORDS[r.binding]),
    base: num(r.base.toNumber()),
    version: str(r.version.key),
    programme: str(`${r.programme.id} (${r.programme.name})`),
    route: str(r.route.id),
    clause: str(r.programme.clause),
    quote: str(quote),
    source: str(source),
  };
  return {
    type: "Entity",
    text: `${award} 元 (${r.version.key} ${r.programme.id}:${r.route.id})`,
    properties,
    layouts: {
      card: {
        title: { property: "award (text)" },
        sections: [
          { layout: "List", properties: ["award", "rate (text)", "cap", "binding limit", "base"] },
          { layout: "List", title: "Source", properties: ["version", "programme", "route", "clause", "quote", "source"] },
        ],
      },
    },
  };
}

/** True where the host can show entity values; outside Office (CLI, preview, tests) cards are returned as they are. */
export function hostSupportsEntities(): boolean {
  const office = (globalThis as { Office?: { context?: { requirements?: { isSetSupported?: (n: string, v: string) => boolean } } } }).Office;
  const isSetSupported = office?.context?.requirements?.isSetSupported;
  if (typeof isSetSupported !== "function") return office === undefined;
  try {
    return isSetSupported.call(office!.context!.requirements, ENTITY_REQUIREMENT.set, ENTITY_REQUIREMENT.version);
  } catch {
    return false;
  }
}

const card = memoize((jurisdiction: any, type: any, spend: any, domestic?: any, year?: any): VoucherCard =>
  voucherCard(defaultEngine().voucher(jurisdiction, type, spend, domestic, year, policyYear())),
);

/**
 * COMPUTE_VOUCHER as a card: award, rate, cap, the limit that bound, clause and quote. Without Excel data types: the award.
 * @customfunction VOUCHER_DETAILS
 * @param jurisdiction Jurisdiction id or name: "hangzhou-binjiang" (滨江), "guangzhou" (广州), "langfang" (廊坊); optionally @version, e.g. "guangzhou@draft".
 * @param type Programme: compute, corpus, data, model, innovation, scenario, or its Chinese name (算力券 …); optionally :route.
 * @param spend Amount in 元 the rate applies to: a number, or text such as "200万", "2000万元", "1.5亿".
 * @param [domestic] TRUE where the compute is domestic (国产); matters only where the text distinguishes it. Empty: FALSE.
 * @param [year] Year of the award, e.g. 2026. Empty: the workbook's policy year.
 * @returns {any} An entity card (Excel.EntityCellValue), or the award in 元 where the host lacks ExcelApi 1.16.
 */
export function voucherDetails(jurisdiction: any, type: any, spend: any, domestic?: any, year?: any): any {
  return excel(() => {
    const c = card(jurisdiction, type, spend, domestic, year);
    return hostSupportsEntities() ? c : c.properties.award.basicValue;
  });
}
