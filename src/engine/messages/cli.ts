// The command line's own words (award-model), in both languages. The commands' results come from the
// functions and the engine, which answer in the same language (see src/functions/language.ts).
import { bi, type Text } from "../text";

export const CLI = {
  usage: bi(
    `usage:
  award-model eval [--json] [--year Y] FORMULA...   evaluate AWARD formulas (- or none: read them from standard input, one a line)
  award-model policies [--json]                     list the policy versions, their status and in-force windows
  award-model diff [--json] A B                     clauses added, removed and changed from version A to version B,
                                                    e.g. hangzhou-binjiang@2025-draft hangzhou-binjiang@2025
  award-model exposure FILE [--year Y] [--method fcfs|pro-rata] [--out FILE.xlsx] [--json]
                                                    apply every rule to a table of applications (.xlsx or .csv)
  award-model forecast FILE [--trials N] [--seed S] [--method fcfs|pro-rata] [--compare POLICY] [--variants FILE]
                       [--year Y] [--threads N] [--out FILE.xlsx] [--json]
                                                    chance each annual pool runs out, by when, over draws of a pipeline
  award-model --help

Every command takes --lang en|zh; without it the language follows LC_ALL, LC_MESSAGES or LANG (zh* → Chinese).
A formula is =AWARD.NAME(args) or =NAME(args) with literal arguments: numbers, "strings", TRUE/FALSE,
omitted arguments and array constants such as {1,2;3,4}. --year sets the policy year of formulas that
give none (default: the current year).
Exit status: 0 when every formula has a value, 1 when any gives an Excel error, 2 for a usage error.
Example:
  award-model eval --json '=AWARD.COMPUTE_VOUCHER("hangzhou-binjiang","compute",20000000,TRUE,2026)'`,
    `用法：
  award-model eval [--json] [--year 年度] 公式...     计算补贴公式（- 或不给公式：从标准输入逐行读取）
  award-model policies [--json]                     列出政策版本、状态与有效期
  award-model diff [--json] 甲 乙                    版本甲到版本乙新增、删除、修改的条款，
                                                    如 hangzhou-binjiang@2025-draft hangzhou-binjiang@2025
  award-model exposure 文件 [--year 年度] [--method fcfs|pro-rata] [--out 文件.xlsx] [--json]
                                                    对申请表（.xlsx 或 .csv）逐条适用全部规则
  award-model forecast 文件 [--trials 次数] [--seed 种子] [--method fcfs|pro-rata] [--compare 政策] [--variants 文件]
                       [--year 年度] [--threads 线程数] [--out 文件.xlsx] [--json]
                                                    按申报预测表多次抽样：各年度资金池用完的概率与日期
  award-model --help

各命令均可加 --lang en|zh；不加时按 LC_ALL、LC_MESSAGES 或 LANG 选择语言（zh* 为中文）。
公式写作 =补贴.函数名(参数)、=AWARD.NAME(参数) 或 =NAME(参数)，参数为字面值：数字、"文本"、TRUE/FALSE、
省略的参数及数组常量如 {1,2;3,4}。--year 为未写年份的公式设定政策年度（默认：当前年份）。
退出码：全部公式有值为 0，任一公式返回 Excel 错误为 1，用法错误为 2。
示例：
  award-model eval --json '=补贴.券补贴金额("滨江","算力券",20000000,TRUE,2026)'`,
  ),
  unknownCommand: (c: string): Text => bi(`unknown command "${c}"`, `未知命令 "${c}"`),
  noFormula: bi("give at least one formula", "请至少给出一个公式"),
  noFormulaOnStdin: bi("no formula on standard input", "标准输入中没有公式"),
  badLang: (l: string): Text => bi(`--lang "${l}" is not a language: give en or zh`, `--lang "${l}" 不是语言：请填 en 或 zh`),
  badYear: (y: string, min: number, max: number): Text =>
    bi(`--year "${y}" is not a year from ${min} to ${max}, such as 2026`, `--year "${y}" 不是 ${min} 至 ${max} 之间的年份，如 2026`),
  neverInForce: bi("never in force", "未生效"),
  window: (from: string, to: string): Text => bi(`${from} to ${to}`, `${from} 至 ${to}`),
  programmes: (list: string): Text => bi(`programmes: ${list}`, `券种：${list}`),
  none: bi("none", "无"),
  status: { final: bi("final", "正式"), draft: bi("draft", "征求意见稿"), variant: bi("what-if", "假设") } as Record<string, Text>,
};
