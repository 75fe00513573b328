// VOUCHER_DETAILS: COMPUTE_VOUCHER's answer as an Excel entity card (data types, ExcelApi 1.16):
// the award, the rate, the cap, which limit bound, the clause and the sentence it rests on. Where the
// host has no data types it degrades to the plain award (the number COMPUTE_VOUCHER returns).
import { defaultEngine, formatRate, formatYuan, toFen, type VoucherResult } from "../engine";
import { excel } from "./excel-error";
import { memoize } from "./memo";
import { policyYear } from "./policy-year";
import { displayLang } from "./language";
import { bi, tr, type Lang, type Text } from "../engine/text";
import { clauseLabel } from "../engine/messages";

/** The requirement set that brought entity values (Excel.EntityCellValue) to Excel. */
export const ENTITY_REQUIREMENT = { set: "ExcelApi", version: "1.16" } as const;

/** What a property may carry beside its value: features of Excel it is left out of (ExcelApi 1.16). */
interface PropertyMetadata { excludeFrom: { cardView?: boolean; autoComplete?: boolean; calcCompare?: boolean; dotNotation?: boolean } }
type CardValue = ({ type: "Double"; basicValue: number } | { type: "String"; basicValue: string } | { type: "Boolean"; basicValue: boolean }) & { propertyMetadata?: PropertyMetadata };

/** The entity value returned to Excel: the subset of Excel.EntityCellValue used here. */
export interface VoucherCard {
  type: "Entity";
  text: string;
  properties: Record<string, CardValue>;
  layouts: { card: { title: { property: string }; sections: { layout: "List"; title?: string; properties: string[]; collapsed?: boolean }[] } };
}

const BINDING_WORDS: Record<VoucherResult["binding"], Text> = {
  threshold: bi("threshold not passed: no award", "未达门槛：不予支持"),
  rate: bi("rate × spend (no cap reached)", "比例 × 支出（未达上限）"),
  cap: bi("cap of the route", "路径上限"),
  "recipient-cap": bi("cap shared by all routes", "各路径共享上限"),
  pool: bi("annual pool", "年度资金池"),
  "lump-sum": bi("lump sum", "定额"),
};

/**
 * The card's property names: shown in the display language, and reachable by the other language's
 * name too (=A1.award and =A1.补贴额 both work, whichever language the workbook is opened in).
 */
const KEYS = {
  award: bi("award", "补贴额"), awardText: bi("award (text)", "补贴额（文字）"), rate: bi("rate", "比例"), rateText: bi("rate (text)", "比例（文字）"),
  cap: bi("cap", "上限"), binding: bi("binding limit", "约束项"), base: bi("base", "基数"), version: bi("version", "版本"),
  programme: bi("programme", "券种"), route: bi("route", "路径"), clause: bi("clause", "条款"), quote: bi("quote", "原文"), source: bi("source", "出处"),
};
const SOURCE = bi("Source", "依据");

/** The step whose sentence decided the amount: the last binding cap, else the rate, threshold or lump sum. */
function decidingStep(r: VoucherResult): { quote: string; source: string } {
  const withQuote = r.steps.filter((s) => s.quote);
  const pick =
    r.binding === "cap" || r.binding === "recipient-cap" || r.binding === "pool"
      ? [...withQuote].reverse().find((s) => /the cap binds/.test(s.value))
      : withQuote.find((s) => s.step === (r.binding === "lump-sum" ? "lump sum" : r.binding));
  return { quote: pick?.quote ?? "", source: pick?.source ?? "" };
}

/** The card for a computed voucher in the language (pure: no Office needed). */
export function voucherCard(r: VoucherResult, lang: Lang = "en"): VoucherCard {
  const award = toFen(r.award);
  const { quote, source } = decidingStep(r);
  const str = (basicValue: string) => ({ type: "String" as const, basicValue });
  const num = (basicValue: number) => ({ type: "Double" as const, basicValue });
  const k = Object.fromEntries(Object.entries(KEYS).map(([id, t]) => [id, tr(t, lang)])) as Record<keyof typeof KEYS, string>;
  const shown: VoucherCard["properties"] = {
    [k.award]: num(award),
    [k.awardText]: str(formatYuan(r.award.toDecimalPlaces(2))),
    [k.rate]: r.rate ? num(r.rate.toNumber()) : str(""),
    [k.rateText]: str(r.rate ? formatRate(r.rate) : tr(bi("none (lump sum or no award)", "无（定额或不予支持）"), lang)),
    [k.cap]: r.cap ? num(r.cap.toNumber()) : str(tr(bi("no cap", "无上限"), lang)),
    [k.binding]: str(tr(BINDING_WORDS[r.binding], lang)),
    [k.base]: num(r.base.toNumber()),
    [k.version]: str(r.version.key),
    [k.programme]: str(lang === "zh" ? `${r.programme.name}（${r.programme.id}）` : `${r.programme.id} (${r.programme.nameEn})`),
    [k.route]: str(r.route.id),
    [k.clause]: str(lang === "zh" ? clauseLabel(r.version, r.programme.clause, "zh") : r.programme.clause),
    [k.quote]: str(quote),
    [k.source]: str(source),
  };
  const properties = { ...shown, ...aliasesIn(lang === "zh" ? "en" : "zh", k, shown) };
  return {
    type: "Entity",
    text: `${award} 元 (${r.version.key} ${r.programme.id}:${r.route.id})`,
    properties,
    layouts: {
      card: {
        title: { property: k.awardText },
        sections: [
          { layout: "List", properties: [k.award, k.rateText, k.cap, k.binding, k.base] },
          { layout: "List", title: tr(SOURCE, lang), properties: [k.version, k.programme, k.route, k.clause, k.quote, k.source] },
        ],
      },
    },
  };
}

/** Each property again under its name in the other language, left out of the card, autocomplete and recalc's comparison: reachable by name only. */
function aliasesIn(other: Lang, k: Record<keyof typeof KEYS, string>, shown: VoucherCard["properties"]): VoucherCard["properties"] {
  const hidden: PropertyMetadata = { excludeFrom: { cardView: true, autoComplete: true, calcCompare: true } };
  const out: VoucherCard["properties"] = {};
  for (const id of Object.keys(KEYS) as (keyof typeof KEYS)[]) {
    const name = tr(KEYS[id], other);
    if (!(name in shown)) out[name] = { ...shown[k[id]], propertyMetadata: hidden };
  }
  return out;
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

const card = memoize((lang: Lang, jurisdiction: any, type: any, spend: any, domestic?: any, year?: any): VoucherCard =>
  voucherCard(defaultEngine().voucher(jurisdiction, type, spend, domestic, year, policyYear()), lang),
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
    const lang = displayLang();
    const c = card(lang, jurisdiction, type, spend, domestic, year);
    return hostSupportsEntities() ? c : c.properties[tr(KEYS.award, lang)].basicValue;
  });
}
