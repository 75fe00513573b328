// The words of `award-model exposure`: usage, summary, progress and the .xlsx it writes (sheet names,
// column headers: columnIn in tables.ts), in both languages. --json keys stay English.
import { bi, type Text } from "../text";

export const EXPOSURE = {
  usage: bi(
    `usage: award-model exposure FILE [--year Y] [--method fcfs|pro-rata] [--out FILE.xlsx] [--json]
  FILE        .xlsx (first sheet) or .csv with a header row: recipient/申请单位, project/项目, policy/政策,
              programme or clause/项目类型/条款, route, amount/金额, domestic/国产, date/日期 (optional: year/年度,
              paid before/已获资助); extra columns are ignored.
  --year      award year of rows with neither a date nor a year (default: the current year)
  --method    how an oversubscribed pool is shared: fcfs (by date, default) or pro-rata
  --out       write an .xlsx: awards per row, per-pool summary, each award's trace, policy versions and hashes
  --json      print the summary as JSON
Exit status: 0 when every row is computed, 1 when any row is bad (each reported by row number), 2 for a usage or file error.`,
    `用法：award-model exposure 文件 [--year 年度] [--method fcfs|pro-rata] [--out 文件.xlsx] [--json]
  文件        .xlsx（第一个工作表）或 .csv，首行为表头：recipient/申请单位、project/项目、policy/政策、
              programme 或 clause/项目类型/条款、route、amount/金额、domestic/国产、date/日期（可选：year/年度、
              paid before/已获资助）；其他列忽略。
  --year      既无日期也无年度的行的补贴年度（默认：当前年份）
  --method    资金池申请超额时的分配方式：fcfs（按日期先到先得，默认）或 pro-rata（同比例核减）
  --out       写出 .xlsx：逐行补贴、各资金池汇总、每项补贴的计算过程、政策版本及其哈希
  --json      以 JSON 输出汇总
退出码：全部行均已计算为 0，任一行有误为 1（逐行报告行号），用法或文件错误为 2。`,
  ),
  noFile: bi("give the applications file", "请给出申请表文件"),
  oneFile: (n: number): Text => bi(`give one file, not ${n}`, `请只给一个文件，而非 ${n} 个`),
  outXlsx: (out: string): Text => bi(`--out "${out}" must be an .xlsx file`, `--out "${out}" 须为 .xlsx 文件`),
  row: (line: number): Text => bi(`row ${line}`, `第 ${line} 行`),
  summary: (file: string, rows: number, computed: number, bad: number, blank: number, method: string): Text => bi(
    `${file}: ${rows} rows, ${computed} computed, ${bad} bad${blank ? `, ${blank} blank` : ""}; method ${method}`,
    `${file}：共 ${rows} 行，已计算 ${computed} 行，有误 ${bad} 行${blank ? `，空行 ${blank} 行` : ""}；分配方式 ${method}`),
  awardedInAll: (yuan: string, exact: string): Text => bi(`awarded in all: ${yuan} (${exact} 元)`, `补贴合计：${yuan}（${exact} 元）`),
  noPool: bi("no annual pool applies to these rows", "这些行不涉及年度资金池"),
  pool: (version: string, rows: number, requested: string, awarded: string, limit: string, remaining: string, exhausted: string): Text => bi(
    `  version ${version}, ${rows} applications\n  requested ${requested}  awarded ${awarded}  limit ${limit}  remaining ${remaining}\n  exhausted on ${exhausted}`,
    `  版本 ${version}，申请 ${rows} 项\n  申请额 ${requested}  补贴额 ${awarded}  额度 ${limit}  余额 ${remaining}\n  用尽日期 ${exhausted}`),
  notReached: (maybeUndated: boolean): Text => maybeUndated
    ? bi("— (not reached, or reached on an undated row)", "—（未用尽，或在无日期的行用尽）")
    : bi("— (not reached)", "—（未用尽）"),
  emptyFile: (file: string): Text => bi(`${file}: the file is empty; it needs a header row and one row per application`, `${file}：文件为空；需要一行表头，每项申请一行`),
  emptySheet: (file: string): Text => bi(`${file}: the first sheet is empty; it needs a header row and one row per application`, `${file}：第一个工作表为空；需要一行表头，每项申请一行`),
  noSuchFile: (file: string): Text => bi(`${file}: no such file`, `${file}：文件不存在`),
  notTable: (file: string, ext: string): Text => bi(`${file}: give a .xlsx or .csv file (not "${ext || "no extension"}")`, `${file}：请给出 .xlsx 或 .csv 文件（而非 "${ext || "无扩展名"}"）`),
  unreadableCsv: bi("not a readable CSV file", "无法读取的 CSV 文件"),
  unreadableXlsx: bi("not a readable .xlsx workbook", "无法读取的 .xlsx 工作簿"),
  applyingYear: (year: number, rows: string): Text => bi(`applying the rules across rows: ${year} (${rows} rows)`, `逐行适用跨行规则：${year} 年（${rows} 行）`),
  appliedRows: (year: number, done: string, rows: string): Text => bi(`applied the rules across rows: ${year}, ${done} of ${rows} rows`, `已逐行适用跨行规则：${year} 年，${done}/${rows} 行`),
  wrote: (out: string): Text => bi(`wrote ${out}`, `已写出 ${out}`),
  writing: (out: string): Text => bi(`writing ${out}`, `正在写出 ${out}`),
  read: (n: string, file?: string): Text => bi(`read ${n} rows${file ? ` from ${file}` : ""}`, `已读取${file ? ` ${file} 的` : ""} ${n} 行`),
  computed: (done: string, total: string, last: boolean): Text => bi(
    `computed ${done} of ${total} rows${last ? "; applying the caps, pools and shares across rows" : ""}`,
    `已计算 ${done}/${total} 行${last ? "；正在跨行适用上限、资金池与分摊" : ""}`),
  wroteAwards: (n: string): Text => bi(`wrote ${n} award rows`, `已写出 ${n} 行补贴`),
  wroteTraces: (n: string): Text => bi(`wrote the traces of ${n} rows`, `已写出 ${n} 行的计算过程`),
  /** Sheet names of the .xlsx. */
  sheets: {
    awards: bi("awards", "补贴"), pools: bi("pools", "资金池"), trace: bi("trace", "计算过程"), quotes: bi("quotes", "原文"), policies: bi("policies", "政策"),
  },
};
