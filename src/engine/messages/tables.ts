// The tables the functions spill (ROUTES, CLAUSES, EXPLAIN, PORTFOLIO, FORECAST, BUDGET_FORECAST) and
// the sheets `award-model exposure` writes, in the user's language: headers, step names, clause labels
// as the text writes them, titles and route names. The engine builds each table once in English (its
// documented columns); these put it into the language asked for.
import type { Lang, Text } from "../text";
import { tr } from "../text";
import { nameIn } from "./names";
import { clauseLabel, titleIn } from "./labels";

type Cell = string | number | boolean;

/**
 * Every column header in Chinese, the one table of them: programme is 项目类型 as the applications
 * table heads it; pool is 资金池 as the pane and the exposure workbook's sheet name say it; what a
 * forecast pays out of the pool is 兑现, as the pane's forecast says it.
 */
const COLUMNS_ZH: Record<string, string> = {
  // CLAUSES, ROUTES, EXPLAIN
  clause: "条款", route: "路径", title: "标题", "route name": "路径名称", kind: "类型", rate: "比例", amount: "金额",
  cap: "上限", "cap per": "上限计算单位", threshold: "门槛", pool: "资金池", "quota per year": "年度名额", years: "年限",
  inputs: "输入", unit: "单位", department: "责任单位", assumption: "假设", version: "版本",
  name: "名称", default: "默认", "domestic rate": "国产比例", "threshold rule": "门槛规则", "shared cap": "共享上限",
  "lump sum": "定额", uplift: "上浮", "one-time": "一次性", base: "基数", "base year": "基数年度",
  step: "步骤", value: "值", quote: "原文", source: "出处", award: "补贴额",
  // PORTFOLIO and the exposure workbook
  "cut by": "核减原因", "award on its own": "单项补贴额", programme: "项目类型", year: "年度", row: "行号",
  recipient: "申请单位", project: "项目", policy: "政策", date: "日期", error: "错误", label: "名称", limit: "额度",
  requested: "申请额", awarded: "补贴额", remaining: "余额", "exhausted on": "用尽日期", applications: "申请数", method: "分配方式",
  "quote id": "原文编号", "quote (verbatim from the policy text)": "原文（逐字引自政策文本）", file: "文件", sha256: "sha256", input: "输入文件",
  // FORECAST and BUDGET_FORECAST (a comparison's columns: "Δ " before these)
  month: "月份", "probability exhausted": "用尽概率", "P(used up)": "用尽概率",
  "committed p10": "兑现 p10", "committed median": "兑现中位数", "committed p90": "兑现 p90", "applied for median": "申请额中位数",
  "awarded p10": "兑现 p10", "awarded p50": "兑现 p50", "awarded p90": "兑现 p90", "unmet p50": "未满足 p50",
  // the forecast workbook (award-model forecast --out): each header in both languages
  "unmet p10": "未满足 p10", "unmet p90": "未满足 p90", "requested p50": "申请额 p50",
  "used up p10": "用尽日 p10", "used up p50": "用尽日 p50", "used up p90": "用尽日 p90",
  "requested, mean over trials": "平均申请额", "awarded, mean over trials": "平均兑现", what: "项目",
};

/** Step names of EXPLAIN in Chinese (a limit's step names its scope: "cap (per recipient)"). */
const STEPS_ZH: Record<string, string> = {
  version: "版本", programme: "券种", condition: "条件", base: "基数", "lump sum": "定额", threshold: "门槛", rate: "比例",
  uplift: "上浮", choose: "择一", limit: "限额", clause: "条款", eligible: "适用对象", years: "支持年限", amount: "金额",
  awarded: "获批金额", cap: "上限", tier: "档次", year: "支持年度", rounding: "取整", unit: "单位", "what-if variant": "假设方案",
  award: "补贴额", "annual pool of the programme": "券种年度资金池",
};
const SCOPES_ZH: Record<string, string> = {
  recipient: "每家单位", "recipient-year": "每家单位每年", project: "每个项目", "project-year": "每个项目每年", award: "每个奖项", "award-year": "每个奖项每年",
};

/** The kinds of route (CLAUSES' kind column; diff's kind) in Chinese. */
const KINDS_ZH: Record<string, string> = {
  rate: "比例", fixed: "定额", maximum: "最高额", range: "区间", tiers: "分档", bands: "分段累进",
  "lump-sum": "定额", "in-kind": "非现金", unquantified: "未定金额", programme: "券种",
};

/** A route's kind in the language ("maximum": 最高额); a voucher programme's route by its programme ("voucher (compute)": 券种（compute）). */
export function kindIn(lang: Lang, kind: string, programme?: string): string {
  if (programme) return lang === "en" ? `voucher (${programme})` : `${KINDS_ZH.programme}（${programme}）`;
  return lang === "en" ? kind : KINDS_ZH[kind] ?? kind;
}

/** Whom a cap is counted for ("recipient-year") in the language: 每家单位每年. */
export function scopeIn(lang: Lang, per: string): string {
  return lang === "en" ? per : SCOPES_ZH[per] ?? per;
}

/** A column header or step name in the language. */
export function wordIn(lang: Lang, word: string): string {
  if (lang === "en") return word;
  return STEPS_ZH[word] ?? COLUMNS_ZH[word] ?? word;
}

/** A trace step's name in the language: its own where it has one in both languages, else the word's. */
export function stepNameIn(lang: Lang, s: { step: string; name?: Text }): string {
  return s.name ? tr(s.name, lang) : wordIn(lang, s.step);
}

/** A column header in the language; a comparison's "Δ awarded p50" as Δ and its column's word. */
export function columnIn(lang: Lang, header: string): string {
  if (lang === "en") return header;
  const delta = /^Δ (.+)$/.exec(header);
  return delta ? `Δ ${columnIn(lang, delta[1])}` : COLUMNS_ZH[header] ?? wordIn(lang, header);
}

export function headerIn(lang: Lang, header: readonly Cell[]): Cell[] {
  return header.map((h) => (typeof h === "string" ? columnIn(lang, h) : h));
}

interface StepLike { step: string; name?: Text; value: string; text?: Text; quote?: string; source?: string }

/** EXPLAIN's rows in the language: step names, and values where the step is written in both. */
export function stepRowsIn(lang: Lang, steps: readonly StepLike[]): Cell[][] {
  return steps.map((s) => [stepNameIn(lang, s), s.text ? tr(s.text, lang) : s.value, s.quote ?? "", s.source ?? ""]);
}

interface ClauseLike { id: string; title: string; titleEn?: string; routes: { id: string; name: string; nameEn?: string }[] }
interface VersionLike { title: string; titleEn?: string; clauseLabel?: { zh: string; en: string }; clauses: ClauseLike[] }

/**
 * CLAUSES' table in the language: header, titles and route names (its kinds and assumptions are made
 * in the language by clauseTable); in Chinese the clause as the
 * text labels it (（六）, 第八条, which CLAUSE accepts), in English the documented id ("6").
 */
export function clauseTableIn(lang: Lang, version: VersionLike, rows: Cell[][]): Cell[][] {
  const [header, ...body] = rows;
  const col = (name: string) => header.indexOf(name);
  const [ci, ri, ti, ni, pi] = [col("clause"), col("route"), col("title"), col("route name"), col("cap per")];
  return [headerIn(lang, header), ...body.map((row) => {
    const out = [...row];
    const clause = version.clauses.find((c) => c.id === String(row[ci]));
    const route = clause?.routes.find((r) => r.id === row[ri]);
    if (lang === "zh") {
      out[ci] = clauseLabel(version, String(row[ci]), lang);
      out[pi] = scopeIn(lang, String(row[pi]));
    }
    if (clause) out[ti] = titleIn(lang, clause);
    if (route) out[ni] = nameIn(lang, route);
    return out;
  })];
}
