// Every word in the user's language: the command line under a Chinese locale (and --lang), the pane's
// catalogue, the engine's messages. English prose in Chinese output fails; so does a Chinese-only name
// in English output. Quotes of the texts, ids, codes and formulas are the same in both and not checked.
import { spawnSync } from "child_process";
import * as path from "path";
import { PANE, CLI } from "../src/engine/messages";
import { defaultEngine, defaultRegistry } from "../src/engine";
import { AwardError } from "../src/engine/errors";
import { budget } from "../src/engine";
import { parsePolicyRate } from "../src/engine/amount";
import { clause, clauses } from "../src/functions/clauses";
import { allocate, forecast, fundExhaustion, portfolio } from "../src/functions/budget";
import { budgetForecast } from "../src/functions/forecast";
import { BUDGET_FORECAST_COLUMNS } from "../src/engine/forecast";
import { columnIn } from "../src/engine/messages";
import { BUDGET_STRINGS } from "../src/taskpane/i18n-budget";
import { computeVoucher } from "../src/functions/functions";
import { ExcelError } from "../src/functions/excel-error";
import { setLanguageSource } from "../src/functions/language";

const BIN = path.resolve(__dirname, "../bin/award-model.js");
const ROOT = path.resolve(__dirname, "..");
/** The command line run from the repository's root with PATH and the locale given: its output, its errors, and both. */
function run(env: Record<string, string>, args: string[]): { out: string; err: string; all: string } {
  const r = spawnSync(process.execPath, [BIN, ...args], { encoding: "utf8", cwd: ROOT, env: { PATH: process.env.PATH, ...env } });
  return { out: r.stdout, err: r.stderr, all: `${r.stdout}${r.stderr}` };
}

/** The words of a text that are neither a quote ("…", '…'), a formula line, nor an id or code. */
function prose(text: string): string {
  return text
    .split("\n")
    .filter((l) => !/^\s*=/.test(l)) // the formula, echoed
    .join("\n")
    .replace(/"[^"\n]*"|'[^'\n]*'|“[^”\n]*”/g, " ");
}
/** English prose: three English words in a row ("is not a", "give one of"). */
const ENGLISH = /\b[A-Za-z]{2,} [A-Za-z]{2,} [A-Za-z]{2,}\b/;
const HAN = /\p{Script=Han}/u;

const BAD_FORMULAS = [
  '=AWARD.VERSION("nowhere",2026)',
  '=AWARD.COMPUTE_VOUCHER("滨江","算力券",2000000,"maybe",2026)',
  '=AWARD.VERSION("guangzhou",2031)',
  '=AWARD.VERSION("guangzhou",1)',
  '=AWARD.COMPUTE_VOUCHER("langfang","corpus",100,FALSE,2025)',
  '=AWARD.COMPUTE_VOUCHER("hangzhou-binjiang","compute:nowhere",100,FALSE,2026)',
  '=AWARD.VERSION("hangzhou-binjiang@1999")',
  '=AWARD.NOPE(1)',
  '=AWARD.VERSION("guangzhou"',
  '=AWARD.VERSION()',
];

describe("the command line under LANG=zh_CN.UTF-8 answers in Chinese", () => {
  const zh = { LANG: "zh_CN.UTF-8" };
  test.each([
    ["help", ["--help"]],
    ["errors of formulas", ["eval", ...BAD_FORMULAS]],
    ["the policy list", ["policies"]],
    ["an unknown command", ["frobnicate"]],
    ["a bad --year", ["eval", "--year", "20", "=AWARD.VERSION(\"guangzhou\")"]],
  ])("%s", (_, args) => {
    const out = run(zh, args as string[]).all;
    expect(out).toMatch(HAN);
    expect(prose(out)).not.toMatch(ENGLISH);
  });

  test("the same commands in English are English (the check above can fail)", () => {
    const out = run({ LANG: "C" }, ["eval", ...BAD_FORMULAS]).all;
    expect(prose(out)).toMatch(ENGLISH);
    expect(run({ LANG: "en_US.UTF-8" }, ["--help"]).all).toMatch(/^usage:/);
  });

  test("--lang wins over the locale, LC_ALL over LANG", () => {
    expect(run({ LANG: "zh_CN.UTF-8" }, ["--lang", "en", "--help"]).all).toMatch(/^usage:/);
    expect(run({ LANG: "C" }, ["--help", "--lang=zh"]).all).toMatch(/^用法：/);
    expect(run({ LANG: "C", LC_ALL: "zh_CN.UTF-8" }, ["--help"]).all).toMatch(/^用法：/);
    expect(run({ LANG: "zh_CN.UTF-8", LC_ALL: "en_US.UTF-8" }, ["--help"]).all).toMatch(/^usage:/);
  });
});

test("in English, programme names are English (policies lists them by their English name)", () => {
  const lines = run({ LANG: "C" }, ["policies"]).all.split("\n").filter((l) => /^\s+programmes:/.test(l));
  expect(lines.length).toBeGreaterThan(3);
  for (const l of lines) expect(l).not.toMatch(HAN);
  // and an error naming a programme names it in English
  const out = run({ LANG: "C" }, ["eval", '=AWARD.COMPUTE_VOUCHER("langfang","corpus",100,FALSE,2025)']).all;
  expect(out).toMatch(/corpus voucher|has no/);
  expect(prose(out.split("\n")[1]).replace(/（[^）]*）|\([^)]*\)/g, "")).not.toMatch(HAN);
});

test("engine errors carry both languages (resolve.ts, variants.ts)", () => {
  const cases: (() => unknown)[] = [
    () => defaultEngine().version("nowhere", 2026, 2026),
    () => defaultEngine().version("guangzhou", 2031, 2026),
    () => defaultEngine().voucherAmount("hangzhou-binjiang", "compute", 100, "maybe", 2026, 2026),
    () => defaultEngine().voucherAmount("hangzhou-binjiang", "compute:nowhere", 100, false, 2026, 2026),
  ];
  for (const c of cases) {
    let err: unknown;
    try {
      c();
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(AwardError);
    const e = err as AwardError;
    expect(e.in("en")).toMatch(ENGLISH);
    expect(e.in("zh")).toMatch(HAN);
    expect(prose(e.in("zh"))).not.toMatch(ENGLISH);
  }
});

// ---- Errors provoked through the functions (and the engine where no function reaches): each says in
// Chinese what it says in English. A plain English string in a Chinese message fails here even where it
// has no three English words in a row.
const POLICY_ROW = ["recipient", "policy", "programme", "amount", "date"];
/** PORTFOLIO's engine without the clause hook: the first row's error (a row in error is not thrown). */
const rowError = (header: string[], row: unknown[], year = 2026) => () => {
  throw budget.portfolioRange(defaultEngine().resolver, [header, row], year, "", 2026).rows[0].error;
};
const forecastOf = (o: Partial<budget.ForecastInput>) => () => budget.forecast({ poolFen: 100, monthlyMeans: [1], amountsFen: [1], trials: 10, seed: 1, ...o });
/** Errors that describe what the user gave (describeIn): empty, or a range; with the Chinese description expected. */
const GIVEN: [string, () => unknown, RegExp, string][] = [
  ["a jurisdiction left empty", () => computeVoucher(null, "compute", 100, false, 2026), /^jurisdiction \(empty\) is not a name/, "地区 （空） 不是名称"],
  ["a programme left empty", () => computeVoucher("guangzhou", null, 100, false, 2026), /^programme \(empty\) is not a name/, "券种 （空） 不是名称"],
  ["a programme given as a range", () => computeVoucher("guangzhou", [["compute"], ["data"]], 100, false, 2026), /^programme \(a range or array\) is not a name/, "券种 （区域或数组） 不是名称"],
  ["domestic given as a range", () => computeVoucher("guangzhou", "compute", 100, [[true], [false]], 2026), /^domestic \(a range or array\) is not TRUE or FALSE/, "国产 （区域或数组） 不是 TRUE 或 FALSE"],
  ["a year given as a range", () => computeVoucher("guangzhou", "compute", 100, false, [[2026], [2027]]), /^year \(a range or array\) is not a year/, "年度 （区域或数组） 不是年份"],
  ["ALLOCATE's method given as a range", () => allocate("5000万", [[1], [2]], [["fcfs"], ["pro-rata"]]), /^method \(a range or array\) is not a way to share a pool/, "分配方式 （区域或数组） 无效"],
];
const ERRORS: [string, () => unknown, RegExp][] = [
  ["inputs: a row of three", () => clause("hangzhou-binjiang@2025", "21", [[1, 2, 3]]), /row 1 is not a name and a value/],
  ["inputs: a row with no name", () => clause("hangzhou-binjiang@2025", "21", [[5, 5]]), /has no name in its first column/],
  ["inputs: a name twice", () => clause("hangzhou-binjiang@2025", "21", [["interest", 1], ["interest", 2]]), /is given twice/],
  ["a bad rate", () => clause("hangzhou-binjiang@2023", "5", [["increment", 100], ["growth-y1", "lots"], ["growth-y2", 0.1], ["intensity", 0.1]], "high-rd"), /"lots" is not a rate/],
  ["a rate typed as a percentage", () => clause("hangzhou-binjiang@2023", "5", [["increment", 100], ["growth-y1", 15], ["growth-y2", 0.1], ["intensity", 0.1]], "high-rd"), /is read as 1500%/],
  ["a bad count", () => clause("hangzhou-binjiang@2023", "6", [["income", 100], ["callers", "many"]]), /is not a count/],
  ["a bad year of support", () => clause("hangzhou-binjiang@2025", "19", [["premium", 100000], ["support-year", "x"]]), /is not a year of support/],
  ["a missing input", () => clause("hangzhou-binjiang@2025", "21", [["lpr-interest", 100]]), /needs the input "interest"/],
  ["an unknown input", () => clause("hangzhou-binjiang@2025", "21", [["nope", 1]]), /reads no input "nope"/],
  ["an unknown route", () => clause("guangzhou@draft", "3", 100, "nowhere"), /has no route "nowhere"/],
  ["a route that is not a name", () => clause("guangzhou@draft", "3", 100, 5), /route 5 is not a name/],
  ["no route named", () => clause("guangzhou@draft", "5", ""), /pays differently by route/],
  ["a base a fixed route does not read", () => clause("guangzhou@draft", "5", 100, "national"), /reads no base amount \(it is a fixed award\)/],
  ["awarded below the least", () => clause("guangzhou@draft", "19", [["awarded", 1]]), /is below the .* the text sets as the least/],
  ["a later year's rate not given", () => clause("hangzhou-binjiang@2025", "19", [["premium", 100000], ["support-year", 2]]), /needs the input "rate"/],
  ["no clause", () => clause("guangzhou", "", 100, "", 2026), /clause is missing/],
  ["a pool never reached", () => fundExhaustion("1亿", [["2026-01-01"]], [[5]]), /is never reached/],
  ["a negative pool", () => budget.allocateFen(-1n, [1n], "fcfs"), /the pool is negative/],
  ["a negative request", () => budget.allocateFen(5n, [-1n], "fcfs"), /a request is negative/],
  ["no trials", forecastOf({ trials: 0 }), /trials must be a whole number/],
  ["no amounts to resample", forecastOf({ amountsFen: [] }), /amounts is empty/],
  ["a bad monthly mean", forecastOf({ monthlyMeans: [-1] }), /is not a mean number of applications/],
  ["too many draws", forecastOf({ trials: 100000, monthlyMeans: [1000000, 1000000, 1000000] }), /FORECAST would draw about/],
  ["a policy rate", () => parsePolicyRate("thirty"), /is not a percentage/],
  ["a row that names no programme", rowError(POLICY_ROW, ["甲", "guangzhou", "nothing", 5, "2026-03-01"]), /is not a voucher programme/],
  ["a rate route's amount empty", rowError(POLICY_ROW, ["甲", "guangzhou", "compute", "", "2026-03-01"]), /amount \(金额\) is empty/],
  ["a unit in a column headed in 万元", rowError(["recipient", "policy", "programme", "金额（万元）"], ["甲", "guangzhou", "compute", "5万"]), /carries its own unit/],
  ["paid before with no top-up rule", rowError([...POLICY_ROW, "paid before"], ["甲", "langfang", "compute", 1000000, "2025-03-01", 100000], 2025), /has no top-up rule/],
  ["an amount with a space between digits", () => computeVoucher("guangzhou", "compute", "1 2", false, 2026), /has a space between its digits/],
  ["a bad date", () => fundExhaustion("1亿", [["2026-13-45"]], [[5]]), /is not a date/],
  // what the user gave, described: an empty argument, a range where one value is wanted
  ...GIVEN.map(([name, fn, english]): [string, () => unknown, RegExp] => [name, fn, english]),
];

/** The message of the error fn throws, in the language (a function's Excel error, or the engine's AwardError). */
function messageOf(fn: () => unknown, lang: "en" | "zh"): string {
  setLanguageSource(() => lang);
  try {
    fn();
  } catch (e) {
    if (e instanceof ExcelError) return e.message;
    if (e instanceof AwardError) return e.in(lang);
    throw e;
  } finally {
    setLanguageSource(() => null);
  }
  throw new Error("no error was thrown");
}

describe("errors a user provokes are in Chinese, not the English again", () => {
  test.each(ERRORS)("%s", (_, fn, english) => {
    const [en, zh] = [messageOf(fn, "en"), messageOf(fn, "zh")];
    expect(en).toMatch(english);
    expect(zh).toMatch(HAN);
    expect(zh).not.toBe(en);
    expect([zh, ENGLISH.test(prose(zh))]).toEqual([zh, false]);
  });
  test.each(GIVEN)("%s: described in Chinese, not (empty) or (a range or array)", (_, fn, _english, zh) => {
    const message = messageOf(fn, "zh");
    expect(message).toContain(zh);
    expect(message).not.toMatch(/\(empty\)|\(a range or array\)/);
  });
  test("they are distinct messages", () => {
    expect(new Set(ERRORS.map(([, fn]) => messageOf(fn, "en"))).size).toBe(ERRORS.length);
  });
});

// ---- Column headers in Chinese: one table of them (columnIn), the same word for the same column in every
// table a function spills, the exposure workbook and the pane.
describe("tables in Chinese under a Chinese display language", () => {
  /** What fn spills with the functions' language set to Chinese. */
  const inChinese = <T>(fn: () => T): T => {
    setLanguageSource(() => "zh");
    try {
      return fn();
    } finally {
      setLanguageSource(() => null);
    }
  };
  test("CLAUSES: the kind column is Chinese (比例, 定额, 最高额, 券种（compute）)", () => {
    const [header, ...rows] = inChinese(() => clauses("guangzhou@draft"));
    const kind = header.indexOf("类型");
    expect(kind).toBeGreaterThan(0);
    const kinds = new Set(rows.map((r) => r[kind] as string));
    expect([...kinds].filter((k) => !HAN.test(k))).toEqual([]);
    for (const k of ["比例", "定额", "最高额", "区间", "未定金额", "券种（compute）"]) expect(kinds).toContain(k);
    expect(clauses("guangzhou@draft").slice(1).map((r) => r[4])).toContain("voucher (compute)"); // English as documented
  });
  test("BUDGET_FORECAST and FORECAST: headers in Chinese, what is paid out of the pool 兑现 as the pane says it", () => {
    const pipeline = [["申请单位", "政策", "项目类型", "金额", "数量", "从", "至"], ["企业", "广州", "算力券", 30000000, 5, "2026-01-01", "2026-03-31"]];
    const budgetZh = inChinese(() => budgetForecast(pipeline, 20, 1, "", "", 2026));
    expect(budgetZh[0]).toEqual(["资金池", "年度", "月份", "用尽概率", "兑现 p10", "兑现 p50", "兑现 p90", "未满足 p50"]);
    expect(budgetForecast(pipeline, 20, 1, "", "", 2026)[0]).toEqual([...BUDGET_FORECAST_COLUMNS]);
    const forecastZh = inChinese(() => forecast(10000000, 3, [[3000000]], 2, 20, 1));
    expect(forecastZh[0]).toEqual(["月份", "用尽概率", "兑现 p10", "兑现中位数", "兑现 p90", "申请额中位数"]);
    // the pane's forecast table: the same words for the same columns
    expect(BUDGET_STRINGS.zh.header).toEqual(["月份", "用尽概率", "兑现 p10", "兑现 p50", "兑现 p90", "资金池"]);
    expect(columnIn("zh", "Δ awarded p50")).toBe("Δ 兑现 p50");
  });
  test("programme is 项目类型 and pool 资金池: PORTFOLIO, CLAUSES, and columnIn (which the exposure workbook heads its sheets with)", () => {
    const table = inChinese(() => portfolio([["recipient", "policy", "programme", "amount"], ["甲", "guangzhou", "compute", 1000000]], 2026));
    expect(table[0]).toEqual(["补贴额", "核减原因", "单项补贴额", "版本", "项目类型", "年度", "行号"]);
    expect(inChinese(() => clauses("guangzhou@draft"))[0]).toContain("资金池");
    expect(["programme", "pool", "recipient", "exhausted on"].map((c) => columnIn("zh", c))).toEqual(["项目类型", "资金池", "申请单位", "用尽日期"]);
  });
});

/** Every string of a catalogue table, functions called with sample arguments. */
function strings(table: Record<string, unknown>, sample: unknown[]): string[] {
  return Object.values(table).flatMap((v): string[] => {
    if (typeof v === "string") return [v];
    if (Array.isArray(v)) return v.map(String);
    if (typeof v === "function") {
      const r = (v as (...a: unknown[]) => unknown)(...sample);
      return typeof r === "string" ? [r] : strings({ r }, sample);
    }
    if (v && typeof v === "object") return strings(v as Record<string, unknown>, sample);
    return [];
  });
}

test("the pane's and the command line's catalogues: Chinese has no English prose, every entry in both", () => {
  expect(Object.keys(PANE.zh).sort()).toEqual(Object.keys(PANE.en).sort());
  for (const s of strings(PANE.zh as unknown as Record<string, unknown>, ["甲", "乙", "丙", "丁"])) expect([s, ENGLISH.test(prose(s))]).toEqual([s, false]);
  for (const s of strings(PANE.en as unknown as Record<string, unknown>, ["x", "y", "z", "w"])) {
    // units (万, 亿, 元) and a gloss in parentheses, "(国产)", are how English-reading users see them too
    expect([s, HAN.test(s.replace(/\([^)]*\)|[万亿元]/g, ""))]).toEqual([s, false]);
  }
  // the command line's: the Chinese of each entry (command syntax lines, "  award-model …", apart)
  const texts = strings(CLI as unknown as Record<string, unknown>, ["x", 2026, 2027]);
  expect(texts.length).toBeGreaterThan(5);
  const zhCli = Object.values(CLI).flatMap((v) => {
    const t = typeof v === "function" ? (v as (...a: unknown[]) => { zh: string })("x", 1900, 9999) : v;
    return "zh" in (t as object) ? [(t as { zh: string }).zh] : Object.values(t as Record<string, { zh: string }>).map((x) => x.zh);
  });
  for (const s of zhCli) expect([s, ENGLISH.test(prose(s.replace(/^\s*award-model .*$/gm, "")))]).toEqual([s, false]);
});

// ---- Every function, good and bad input, the policy list, diff and exposure: Chinese under a Chinese
// locale, English names under C. Policy quotes are the same in both languages: a cell that is a piece of
// a policy text (a quote of it) is not prose. What stays English in Chinese output is named below.
import * as fs from "fs";
let texts: string[] | undefined;
/** The policy texts, read when first asked for (not while the tests are collected). */
const TEXTS = (): string[] => (texts ??= fs.readdirSync(path.resolve(__dirname, "../policies/texts")).filter((f) => f.endsWith(".txt"))
  .map((f) => fs.readFileSync(path.resolve(__dirname, "../policies/texts", f), "utf8").normalize("NFKC").replace(/\s+/g, "")));
const isQuote = (cell: string) => cell.length > 6 && HAN.test(cell) && TEXTS().some((t) => t.includes(cell.normalize("NFKC").replace(/\s+/g, "")));

/** Each function of the add-in with an answer and with a bad argument (the Excel error it gives). */
const EVERY_FUNCTION = [
  '=AWARD.COMPUTE_VOUCHER("hangzhou-binjiang","compute",20000000,TRUE,2026)',
  '=AWARD.COMPUTE_VOUCHER("hangzhou-binjiang","compute",-5,TRUE,2026)',
  '=AWARD.ROUTES("guangzhou","compute",2026)',
  '=AWARD.ROUTES("guangzhou","nothing",2026)',
  '=AWARD.FUND_LIMIT("guangzhou","total",2026)',
  '=AWARD.FUND_LIMIT("guangzhou","compute",2026)',
  '=AWARD.VERSION("langfang",2025)',
  '=AWARD.VERSION("langfang",2031)',
  "=AWARD.POLICIES()",
  '=AWARD.VOUCHER_DETAILS("guangzhou","compute",30000000,,2026)',
  '=AWARD.VOUCHER_DETAILS("guangzhou","compute","lots",,2026)',
  '=AWARD.CLAUSE("hangzhou-binjiang","5",0,"national",2026)',
  '=AWARD.CLAUSE("hangzhou-binjiang","99",100,,2026)',
  '=AWARD.CLAUSES("guangzhou",2026)',
  '=AWARD.CLAUSES("hangzhou-binjiang@2023")',
  '=AWARD.CLAUSES("langfang@2023")',
  '=AWARD.CLAUSES("hangzhou-binjiang@2025")',
  '=AWARD.CLAUSES("nowhere")',
  '=AWARD.EXPLAIN("hangzhou-binjiang","compute",20000000,TRUE,2026)',
  '=AWARD.EXPLAIN("guangzhou","compute",500000,,2026)',
  '=AWARD.EXPLAIN("guangzhou","3",{"investment",100000000},"municipal",2026)',
  '=AWARD.EXPLAIN("langfang","7",{"revenue",100000000},,2025)',
  '=AWARD.EXPLAIN("hangzhou-binjiang","19",{"premium",100000;"support-year",2},,2026)',
  '=AWARD.EXPLAIN("hangzhou-binjiang","21",{"lpr-interest",100000;"interest",200000},,2026)',
  '=AWARD.EXPLAIN("hangzhou-binjiang","7","x",,2026)',
  '=AWARD.PORTFOLIO({"recipient","policy","programme","amount","date";"甲","hangzhou-binjiang","compute",50000000,"2026-03-01";"甲","hangzhou-binjiang","compute",50000000,"2026-04-01"})',
  '=AWARD.PORTFOLIO({"recipient","amount";"甲",5})',
  '=AWARD.FUND_EXHAUSTION("1亿",{"2026-01-01";"2026-02-01"},{60000000;60000000})',
  '=AWARD.FUND_EXHAUSTION("1亿",{"2026-01-01"},{60000000;60000000})',
  '=AWARD.ALLOCATE("5000万",{30000000;30000000},"pro-rata")',
  '=AWARD.ALLOCATE("5000万",{30000000;30000000},"lottery")',
  '=AWARD.FORECAST("1亿",3,{5000000;8000000},12,200,1)',
  '=AWARD.FORECAST("1亿",-3,{5000000},12,200,1)',
  '=AWARD.BUDGET_FORECAST({"recipient","policy","programme","amount","date","probability";"甲","hangzhou-binjiang","compute",50000000,"2026-03-01",0.5},200,1)',
  '=AWARD.BUDGET_FORECAST({"policy","amount";"x",1},200,1)',
  '=AWARD.PORTFOLIO({"recipient","policy","programme","route","amount";"","hangzhou-binjiang","compute","",5;"甲","","compute","",5;"甲","guangzhou","","",5;"甲","guangzhou","compute:a","b",5})',
  '=AWARD.ALLOCATE("5000万",{"";""},"pro-rata")',
  '=AWARD.FORECAST("1亿",{""},{5000000},12,200,1)',
  '=AWARD.FORECAST("1亿",3,{""},12,200,1)',
  '=AWARD.FORECAST("1亿",3,{5000000},{1;2},200,1)',
];
const EXAMPLES = fs.readdirSync(path.resolve(__dirname, "../examples")).filter((f) => f.endsWith(".csv")).map((f) => `examples/${f}`);
const COMMANDS: [string, string[]][] = [
  ["eval of every function", ["eval", ...EVERY_FUNCTION]],
  ["policies", ["policies"]],
  ["diff draft → final", ["diff", "hangzhou-binjiang@2025-draft", "hangzhou-binjiang@2025"]],
  ["diff 2023 → 2025", ["diff", "hangzhou-binjiang@2023", "hangzhou-binjiang@2025"]],
  ["diff of two jurisdictions", ["diff", "guangzhou", "langfang"]],
  ...EXAMPLES.map((f): [string, string[]] => [`exposure ${f}`, ["exposure", f]]),
  ["exposure of no file", ["exposure", "examples/none.csv"]],
];

/**
 * The prose of a command's output, cell by cell (tab-separated): quotes of the texts, quoted strings,
 * 《titles》, file names, ids (hangzhou-binjiang@2025) and codes are not prose. The policy files' own
 * notes (CLAUSES' assumption column) are prose too: they are written in both languages.
 */
function cells(out: string): string[] {
  const lines = out.split("\n").filter((l) => !/^\s*=/.test(l));
  const kept: string[] = [];
  for (const line of lines) for (const c of line.replace(/^ {2}/, "").split("\t")) if (!isQuote(c)) kept.push(c);
  return kept.map((c) => prose(c).replace(/《[^》]*》|\S+\.(csv|xlsx|txt|yaml)\b|[\w-]+@[\w.-]+/g, " "));
}

describe("every command under LC_ALL=zh_CN.UTF-8: no English prose", () => {
  test.each(COMMANDS)("%s", (_, args) => {
    const r = run({ LC_ALL: "zh_CN.UTF-8" }, args);
    expect(r.all).toMatch(HAN);
    const english = cells(r.all).filter((c) => ENGLISH.test(c));
    expect(english).toEqual([]);
  });

  test("the check fails on English: the same commands under LC_ALL=C have English prose", () => {
    const r = run({ LC_ALL: "C" }, ["eval", ...EVERY_FUNCTION.slice(0, 4)]);
    expect(cells(r.all).filter((c) => ENGLISH.test(c)).length).toBeGreaterThan(0);
    const x = run({ LC_ALL: "C" }, ["exposure", EXAMPLES[0]]);
    expect(cells(x.out).some((c) => ENGLISH.test(c))).toBe(true);
  });
});

/** The cells of a spilled table's named columns (header row first), from `award-model eval` output. */
function columns(out: string, formula: string, names: string[]): string[] {
  const block = out.split(`${formula}\n`)[1].split(/\n=/)[0].split("\n").map((l) => l.replace(/^ {2}/, "").split("\t"));
  const idx = names.map((n) => block[0].indexOf(n));
  expect(idx.every((i) => i >= 0)).toBe(true);
  return block.slice(1).filter((r) => r.length > 1).flatMap((r) => idx.map((i) => r[i]));
}
/** Han outside a gloss in parentheses ("(揭榜挂帅)", "(国产)") or a 《title》. */
const chineseOnly = (s: string) => HAN.test(s.replace(/\([^)]*\)|（[^）]*）|《[^》]*》|[万亿元]/g, ""));

describe("every name under LC_ALL=C is English (titles, programmes, routes, clauses)", () => {
  let r: ReturnType<typeof run>;
  beforeAll(() => {
    r = run({ LC_ALL: "C" }, ["eval", ...EVERY_FUNCTION]);
  });
  test.each([
    ['=AWARD.CLAUSES("guangzhou",2026)', ["title", "route name"]],
    ['=AWARD.CLAUSES("hangzhou-binjiang@2023")', ["title", "route name"]],
    ['=AWARD.CLAUSES("langfang@2023")', ["title", "route name"]],
    ['=AWARD.CLAUSES("hangzhou-binjiang@2025")', ["title", "route name"]],
    ['=AWARD.ROUTES("guangzhou","compute",2026)', ["name"]],
    ["=AWARD.POLICIES()", ["title"]],
  ])("%s", (formula, names) => {
    const values = columns(r.out, formula, names as string[]);
    expect(values.length).toBeGreaterThan(1);
    expect(values.filter(chineseOnly)).toEqual([]);
  });
  test("EXPLAIN names the programme and route in English", () => {
    const step = r.out.split("\n").find((l) => /^\s+programme\t/.test(l))!;
    expect(step).toMatch(/Compute voucher/);
    expect(chineseOnly(step)).toBe(false);
  });
  test("policies gives each version's English title (its own after it, as a quote)", () => {
    const titles = run({ LC_ALL: "C" }, ["policies"]).out.split("\n").filter((l) => /^ {2}\S/.test(l) && /《/.test(l));
    expect(titles).toHaveLength(defaultRegistry().listVersions().length);
    for (const t of titles) expect(chineseOnly(t.replace(/, [^,)]*〔[^)]*$/, ""))).toBe(false);
  });
  test("the check can fail: the same columns in Chinese are Chinese", () => {
    const zh = run({ LC_ALL: "zh_CN.UTF-8" }, ["eval", '=AWARD.CLAUSES("guangzhou",2026)']);
    expect(columns(zh.out, '=AWARD.CLAUSES("guangzhou",2026)', ["标题", "路径名称"]).filter(chineseOnly).length).toBeGreaterThan(10);
  });
});

describe("clauses labelled as the texts number them", () => {
  test("（六） in 滨江 2025, 第八条 in 广州, 9. in 滨江 2023, 2. in 廊坊; every clause of every version has a label", () => {
    const { clauseLabel } = require("../src/engine/messages") as typeof import("../src/engine/messages");
    const v = (k: string) => defaultEngine().resolver.resolve(k, 2026).version;
    expect(clauseLabel(v("hangzhou-binjiang@2025"), "6", "zh")).toBe("（六）");
    expect(clauseLabel(v("hangzhou-binjiang@2025"), "21", "zh")).toBe("（二十一）");
    expect(clauseLabel(v("hangzhou-binjiang@2025-draft"), "6", "zh")).toBe("（六）");
    expect(clauseLabel(v("guangzhou@draft"), "8", "zh")).toBe("第八条");
    expect(clauseLabel(v("guangzhou@draft"), "27", "zh")).toBe("第二十七条");
    expect(clauseLabel(v("guangzhou@draft"), "8", "en")).toBe("Article 8");
    expect(clauseLabel(v("hangzhou-binjiang@2023"), "9", "zh")).toBe("9.");
    expect(clauseLabel(v("langfang@2023"), "2", "zh")).toBe("2.");
    for (const j of defaultEngine().registry.jurisdictions.values()) {
      for (const version of j.versions) {
        expect(version.clauseLabel).toBeDefined();
        expect(version.titleEn).toBeTruthy();
        for (const c of version.clauses) {
          const label = clauseLabel(version, c.id, "zh");
          expect([version.key, c.id, label === c.id]).toEqual([version.key, c.id, false]);
          // the label is how the text writes it: it occurs in the policy text
          const text = fs.readFileSync(path.resolve(__dirname, "../policies", version.source), "utf8").normalize("NFKC");
          expect([version.key, label, text.includes(label.normalize("NFKC"))]).toEqual([version.key, label, true]);
        }
      }
    }
  });
  test("in EXPLAIN, CLAUSES, diff and VOUCHER_DETAILS under a Chinese locale", () => {
    const r = run({ LC_ALL: "zh_CN.UTF-8" }, ["eval", '=AWARD.EXPLAIN("guangzhou","compute",5000000,,2026)', '=AWARD.CLAUSES("hangzhou-binjiang@2025")']);
    expect(r.out).toMatch(/券种\t算力券（compute），第八条，/);
    expect(r.out).toMatch(/\n {2}（六）\tstandard\t降低算力使用成本/);
    expect(run({ LC_ALL: "zh_CN.UTF-8" }, ["diff", "hangzhou-binjiang@2025-draft", "hangzhou-binjiang@2025"]).out).toMatch(/^修改 （六） 降低算力使用成本$/m);
  });
});

test("a message names a function as the user's Excel calls it (the names of i18n-zh.json, not the English ones in Chinese)", () => {
  const zh = require("../src/functions/i18n-zh.json") as { namespace: string; functions: Record<string, { name: string }> };
  const { FUNCTION_NAMES } = require("../src/engine/messages") as typeof import("../src/engine/messages");
  for (const [id, name] of Object.entries(FUNCTION_NAMES)) {
    expect([id, name.en]).toEqual([id, `AWARD.${id}`]);
    expect([id, name.zh]).toEqual([id, `${zh.namespace}.${zh.functions[id].name}`]);
  }
  // a programme left empty: in Chinese the routes are listed by 补贴.补贴路径 (it said 补贴.路径, no such function)
  const { defaultEngine } = require("../src/engine") as typeof import("../src/engine");
  let err: unknown;
  try {
    defaultEngine().resolver.parseType("");
  } catch (e) {
    err = e;
  }
  expect((err as import("../src/engine").AwardError).in("zh")).toMatch(/（见 补贴\.补贴路径）。$/);
});
