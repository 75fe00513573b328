// The Budget view's forecast words in English and Chinese (the rest of the pane's words: i18n.ts).
import { STRINGS, useStrings } from "./i18n";
import { columnIn } from "../engine/messages";

const en = {
  forecast: "Forecast over the policy window",
  forecastIntro: "Paste a pipeline (the applications table plus probability, low, high, count, from, to) or use the selected table. Every rule of the text is applied, a fresh pool each year.",
  pipeline: "Pipeline",
  pipelineHint: "Header row first; tab, comma or semicolon between columns.",
  rowsRead: (n: number) => `${n} rows`,
  trials: "Trials",
  seed: "Seed",
  method: "Sharing",
  fcfs: "first come first served",
  proRata: "pro rata",
  compare: "Compare with",
  noCompare: "no comparison",
  run: "Run forecast",
  cancel: "Cancel",
  cancelled: "Forecast cancelled.",
  progress: (done: number, total: number) => `${done} of ${total} trials`,
  useSelection: "Use selected table",
  selectionRead: (n: number, address: string) => `Read ${n} rows from ${address}.`,
  baseline: "Baseline",
  reform: "Reform",
  usedUp: "Chance used up",
  usedUpBy: "Used up by (median)",
  never: "never",
  awardedMedian: "Awarded (median)",
  unmetMedian: "Unmet (median)",
  byMonth: "Chance used up by the end of the month",
  month: "Month",
  fanLegend: "Band: awarded p10–p90, cumulative; line: median; dashed: the pool; brown: chance used up (0–100%).",
  insert: "Insert table and chart",
  inserted: (address: string) => `Inserted at ${address}.`,
  chartTitle: (pool: string) => `Forecast: cumulative awards, ${pool}`,
  header: ["month", "P(used up)", "awarded p10", "awarded p50", "awarded p90", "pool"],
  reformHeader: (policy: string) => [`${policy} P(used up)`, `${policy} awarded p50`],
  rowErrors: (n: number) => `${n} pipeline rows could not be priced in some trials:`,
  noPool: "No annual pool applies to these rows.",
};

const zh: typeof en = {
  forecast: "政策期内预算预测",
  forecastIntro: "粘贴申报预测表（申报表各列，可加 概率、最低、最高、数量、从、至），或使用所选表格。按文件全部规则计价，资金池每年重新起算。",
  pipeline: "申报预测表",
  pipelineHint: "首行为表头；各列以制表符、逗号或分号分隔。",
  rowsRead: (n: number) => `${n} 行`,
  trials: "抽样次数",
  seed: "随机种子",
  method: "分配方式",
  fcfs: "先到先得",
  proRata: "按比例",
  compare: "对比",
  noCompare: "不对比",
  run: "开始预测",
  cancel: "取消",
  cancelled: "预测已取消。",
  progress: (done: number, total: number) => `已完成 ${done}/${total} 次抽样`,
  useSelection: "使用所选表格",
  selectionRead: (n: number, address: string) => `已从 ${address} 读取 ${n} 行。`,
  baseline: "基准",
  reform: "对比方案",
  usedUp: "用尽概率",
  usedUpBy: "用尽日期（中位数）",
  never: "不会用尽",
  awardedMedian: "兑现（中位数）",
  unmetMedian: "未满足（中位数）",
  byMonth: "月末前用尽概率",
  month: "月份",
  fanLegend: "色带：累计兑现 p10–p90；实线：中位数；虚线：资金池额度；棕线：用尽概率（0–100%）。",
  insert: "插入表格与图表",
  inserted: (address: string) => `已插入 ${address}。`,
  chartTitle: (pool: string) => `预测：累计兑现，${pool}`,
  header: en.header.map((c) => columnIn("zh", c)), // the one table of Chinese column names: 月份, 用尽概率, 兑现 p10, …
  reformHeader: (policy: string) => [`${policy} 用尽概率`, `${policy} 兑现 p50`],
  rowErrors: (n: number) => `申报预测表中有 ${n} 行在部分抽样中无法计价：`,
  noPool: "这些行不涉及年度资金池。",
};

export type BudgetStrings = typeof en;
export const BUDGET_STRINGS = { en, zh };

/** The forecast's words in the pane's language. */
export function useBudgetStrings(): { s: BudgetStrings; lang: "en" | "zh" } {
  const lang = useStrings() === STRINGS.zh ? "zh" : "en";
  return { s: BUDGET_STRINGS[lang], lang };
}
