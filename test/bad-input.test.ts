// The bad-input matrix: every function in FUNCTION_TABLE gets every odd argument a spreadsheet can
// send, one argument at a time (the others valid), and must answer the documented value or the Excel
// error with a message saying what was wrong — never a crash, never a promise that does not settle.
// A function this file does not know fails the test: add its SPECS entry (roles of its arguments).
import { FUNCTION_TABLE } from "../src/functions/function-table";
import { ExcelError } from "../src/functions/excel-error";

type Kind =
  | "missing" | "null" | "empty text" | "text" | "text amount" | "negative" | "zero" | "NaN" | "Infinity" | "-Infinity"
  | "1e308" | "TRUE" | "FALSE" | "number" | "2x2 array" | "ragged array" | "100000-row array";

const BIG = Array.from({ length: 100000 }, (_, i) => [i]);
const ODD: [Kind, unknown][] = [
  ["missing", undefined], ["null", null], ["empty text", ""], ["text", "abc"], ["text amount", "200万"],
  ["negative", -1], ["zero", 0], ["NaN", NaN], ["Infinity", Infinity], ["-Infinity", -Infinity], ["1e308", 1e308],
  ["TRUE", true], ["FALSE", false], ["number", 42], ["2x2 array", [[1, 2], [3, 4]]], ["ragged array", [[1], [2, 3]]],
  ["100000-row array", BIG],
];

/** What an argument is: decides what odd values mean for it. */
type Role = "jurisdiction" | "programme" | "spend" | "domestic" | "year" | "clause" | "inputs" | "route";

/** Expected: an Excel error with its message, the base answer unchanged, or a given award. */
type Expect = { code: string; message: RegExp } | { same: true } | { award: number } | { check: (value: unknown) => void };
const err = (code: string, message: RegExp): Expect => ({ code, message });
const SAME: Expect = { same: true };

const notAName = (what: string, accepted: RegExp) => (shown: string) => err("#VALUE!", new RegExp(`${what} ${shown} is not a name: give one of ${accepted.source}`));
const J_ACCEPTED = /guangzhou \(广州市.*hangzhou-binjiang.*langfang/;
const P_ACCEPTED = /compute \(算力券\), corpus \(语料券\), data \(数据券\), model \(模型券\), innovation \(创新券\), scenario \(场景券\)/;
const AMOUNT_ACCEPTED = /give .*a number of 元 such as 2000000, or text such as "200万"/;
const YEAR_WHOLE = /is not a year: give a whole number from 1900 to 9999, such as 2026/;
const YEAR_TEXT = /is not a year: give a whole number such as 2026, or leave it empty for the workbook's policy year/;
const NOT_BOOL = /is not TRUE or FALSE: give TRUE for domestic \(国产\) compute, FALSE otherwise, or leave it empty/;

function nameRole(what: "jurisdiction" | "programme", accepted: RegExp): Record<Kind, Expect> {
  const n = notAName(what, accepted);
  const unknown = (s: string) => err("#VALUE!", new RegExp(`unknown ${what} "${s}": give one of ${accepted.source}`));
  return {
    missing: n("\\(empty\\)"), null: n("\\(empty\\)"), "empty text": n('""'), text: unknown("abc"), "text amount": unknown("200万"),
    negative: n("-1"), zero: n("0"), NaN: n("NaN"), Infinity: n("Infinity"), "-Infinity": n("-Infinity"), "1e308": n("1e\\+308"),
    TRUE: n("true"), FALSE: n("false"), number: n("42"),
    "2x2 array": n("\\(a range or array\\)"), "ragged array": n("\\(a range or array\\)"), "100000-row array": n("\\(a range or array\\)"),
  };
}

/**
 * Roles of arguments. Awards are for guangzhou@draft compute (第八条: 超过100万元 … 按照实际采购金额的50% …
 * 最高不超过300万元), the base spend being 3000万 (award 300万, the cap).
 */
const CLAUSE_MISSING = err("#VALUE!", /^clause is missing: give a clause id as the text numbers it, e.g. "7" for 第七条/);
const CLAUSE_RANGE = err("#VALUE!", /^clause is a range or array: give one clause id/);
const noClause = (shown: string) => err("#N/A", new RegExp(`^guangzhou@draft has no clause ${shown}; its clauses are 1, 3, 4, 5, 6, 7, 8`));
const ROUTE_LIST = /its routes are standard \(首次提出行业攻关/;
const notRoute = (shown: string) => err("#VALUE!", new RegExp(`^route ${shown} is not a name: ${ROUTE_LIST.source}`));
const noRoute = (shown: string) => err("#VALUE!", new RegExp(`^guangzhou@draft clause 7 \\(支持重点行业应用攻关及推广\\) has no route "${shown}"; ${ROUTE_LIST.source}`));
const NEEDS_INVESTMENT = err("#VALUE!", /^guangzhou@draft clause 7 route standard needs the input "investment" \(项目固定资产投入\)/);
const INPUT_NOT_PAIRS = err("#VALUE!", /^inputs: row 1 is not a name and a value; give one number \(the base\) or a two-column range of name\/value pairs/);

const re = (text: string) => text.replace(/[()[\]^$.*+?{}|\\]/g, "\\$&");

/** An amount argument (a pool): the errors every amount gives; the valid answers are the function's own. */
function amountRole(what: string, valid: Pick<Record<Kind, Expect>, "text amount" | "zero" | "number">): OwnRole {
  const w = re(what);
  return {
    name: what,
    table: {
      missing: err("#VALUE!", new RegExp(`^${w} is missing: give a number of 元`)),
      null: err("#VALUE!", new RegExp(`^${w} is missing: give a number of 元`)),
      "empty text": err("#VALUE!", new RegExp(`^${w} is empty text; give a number of 元`)),
      text: err("#VALUE!", new RegExp(`^${w} "abc" is not an amount; give a number of 元`)),
      negative: err("#VALUE!", new RegExp(`^${w} is negative \\(-1\\); give an amount of 0 or more in 元`)),
      NaN: err("#NUM!", new RegExp(`^${w} is not a number \\(NaN\\)`)),
      Infinity: err("#NUM!", new RegExp(`^${w} is infinite`)),
      "-Infinity": err("#NUM!", new RegExp(`^${w} is infinite`)),
      "1e308": err("#NUM!", new RegExp(`^${w} is larger than 10\\^15 元`)),
      TRUE: err("#VALUE!", new RegExp(`^${w} is TRUE, not an amount`)),
      FALSE: err("#VALUE!", new RegExp(`^${w} is FALSE, not an amount`)),
      "2x2 array": err("#VALUE!", new RegExp(`^${w} is a range or array; give one value`)),
      "ragged array": err("#VALUE!", new RegExp(`^${w} is not a rectangular range: row 1 has 1 cells and row 2 has 2`)),
      "100000-row array": err("#VALUE!", new RegExp(`^${w} is a range or array; give one value`)),
      ...valid,
    },
  };
}

/** A range argument that must match another in size (FUND_EXHAUSTION's dates and amounts, 3 cells each). */
function pairedRangeRole(what: "dates" | "amounts"): OwnRole {
  const size = (n: number) => err("#VALUE!", what === "dates"
    ? new RegExp(`^dates has ${n} cells and amounts 3: give two ranges of the same size, one date per amount`)
    : new RegExp(`^dates has 3 cells and amounts ${n}: give two ranges of the same size, one date per amount`));
  const one = size(1);
  return {
    name: what,
    table: {
      missing: one, null: one, "empty text": one, text: one, "text amount": one, negative: one, zero: one, NaN: one, Infinity: one,
      "-Infinity": one, "1e308": one, TRUE: one, FALSE: one, number: one, "2x2 array": size(4),
      "ragged array": err("#VALUE!", new RegExp(`^${what} is not a rectangular range`)), "100000-row array": size(100000),
    },
  };
}

/** A whole-number argument of FORECAST (months, trials, seed) within its bounds. */
function wholeRole(what: string, max: string, valid: Partial<Record<Kind, Expect>> & Pick<Record<Kind, Expect>, "zero" | "number">): OwnRole {
  const bad = (shown: string) => err("#VALUE!", new RegExp(`^${what} ${shown} is not a whole number from \\d to ${max}`));
  const range = err("#VALUE!", new RegExp(`^${what} is a range or array; give one value`));
  return {
    name: what,
    table: {
      missing: SAME, null: SAME, "empty text": SAME, // the default
      text: bad('"abc"'), "text amount": bad('"200万"'), negative: bad("-1"), NaN: bad("NaN"), Infinity: bad("Infinity"),
      "-Infinity": bad("-Infinity"), "1e308": bad("1e\\+308"), TRUE: bad("true"), FALSE: bad("false"),
      "2x2 array": range, "ragged array": err("#VALUE!", new RegExp(`^${what} is not a rectangular range`)), "100000-row array": range,
      ...valid,
    },
  };
}

/** The method argument ("fcfs" or "pro-rata"); missing means fcfs. */
function methodRole(emptyIs: Expect, arrayShown: "named" | "inline"): OwnRole {
  const bad = (shown: string) => err("#VALUE!", new RegExp(`^method ${shown} is not a way to share a pool: give "fcfs" \\(first come first served, 先到先得\\) or "pro-rata" \\(按比例\\)`));
  const range = arrayShown === "named" ? err("#VALUE!", /^method is a range or array; give one value/) : bad("\\(a range or array\\)");
  return {
    name: "method",
    table: {
      missing: emptyIs, null: emptyIs, "empty text": emptyIs,
      text: bad('"abc"'), "text amount": bad('"200万"'), negative: bad("-1"), zero: bad("0"), NaN: bad("NaN"), Infinity: bad("Infinity"),
      "-Infinity": bad("-Infinity"), "1e308": bad("1e\\+308"), TRUE: bad("true"), FALSE: bad("false"), number: bad("42"),
      "2x2 array": range, "ragged array": arrayShown === "named" ? err("#VALUE!", /^method is not a rectangular range/) : range, "100000-row array": range,
    },
  };
}

/** FORECAST's table: a header, one row per month; probabilities in [0, 1] never falling; p10 ≤ median ≤ p90 ≤ pool. */
const forecastShape = (months: number, pool: number) => (v: unknown) => {
  const rows = v as number[][];
  expect(rows).toHaveLength(months + 1);
  let last = 0;
  for (const [month, p, p10, median, p90] of rows.slice(1)) {
    expect(Number.isInteger(month)).toBe(true);
    expect(p).toBeGreaterThanOrEqual(last);
    expect(p).toBeLessThanOrEqual(1);
    last = p;
    expect(p10).toBeLessThanOrEqual(median);
    expect(median).toBeLessThanOrEqual(p90);
    expect(p90).toBeLessThanOrEqual(pool);
  }
};

/** FORECAST's start_month: a date or text such as 2026-03; empty keeps numbered months. */
function startMonthRole(): OwnRole {
  const notDate = (shown: string) => err("#VALUE!", new RegExp(`^start_month ${shown} is not a date: give an Excel date`));
  const range = err("#VALUE!", /^start_month is a range or array; give one value/);
  return {
    name: "start_month",
    table: {
      missing: SAME, null: SAME, "empty text": SAME,
      text: notDate('"abc"'), "text amount": notDate('"200万"'), negative: notDate("-1"), zero: notDate("0"), NaN: notDate("NaN"),
      Infinity: notDate("Infinity"), "-Infinity": notDate("-Infinity"), "1e308": notDate("1e\\+308"), TRUE: notDate("true"), FALSE: notDate("false"),
      // serial 42 is 1900-02-11: calendar months from February 1900
      number: { check: (v) => expect((v as unknown[][]).slice(1).map((r) => r[0])).toEqual(["1900-02", "1900-03", "1900-04"]) },
      "2x2 array": range, "ragged array": err("#VALUE!", /^start_month is not a rectangular range/), "100000-row array": range,
    },
  };
}

/** BUDGET_FORECAST's pipeline: two certain 广州 large-model applications and one at 50% in April. */
const PIPELINE = [
  ["申请单位", "项目", "政策", "项目类型", "路径", "金额", "日期", "概率", "从", "至"],
  ["甲", "大模型", "广州", "算力券", "large-model", 30000000, "2026-02-01", "", "", ""],
  ["乙", "大模型", "广州", "算力券", "large-model", 30000000, "2026-03-01", "", "", ""],
  ["丙", "大模型", "广州", "算力券", "large-model", 30000000, "", 0.5, "2026-04-01", "2026-04-30"],
];
/** 1000万 each (50% of 3000万, 第八条's 1000万 cap): Feb 1000万, Mar 2000万, from April 2000万 or 3000万. */
function budgetForecastShape(v: unknown): void {
  const rows = v as (string | number)[][];
  expect(rows[0]).toEqual(["pool", "year", "month", "P(used up)", "awarded p10", "awarded p50", "awarded p90", "unmet p50"]);
  expect(rows).toHaveLength(13);
  expect(rows[2]).toEqual(["guangzhou@draft total", 2026, "2026-02", 0, 10000000, 10000000, 10000000, 0]);
  expect(rows[3]).toEqual(["guangzhou@draft total", 2026, "2026-03", 0, 20000000, 20000000, 20000000, 0]);
  for (const r of rows.slice(4)) {
    expect([20000000, 30000000]).toContain(r[5]);
    expect(r[4]).toBeLessThanOrEqual(r[6] as number);
    expect(r[3]).toBe(0);
  }
}

const ROLES: Record<Role, Record<Kind, Expect>> = {
  // Clause ids of guangzhou@draft: a number that names no clause is #N/A listing them.
  clause: {
    missing: CLAUSE_MISSING, null: CLAUSE_MISSING, "empty text": CLAUSE_MISSING,
    text: noClause('"abc"'), "text amount": noClause('"200万"'), negative: noClause("-1"), zero: noClause("0"), NaN: noClause("NaN"),
    Infinity: noClause("Infinity"), "-Infinity": noClause("-Infinity"), "1e308": noClause("1e\\+308"), TRUE: noClause("true"),
    // a range where one clause goes: #VALUE! (what was given is wrong), not #N/A (issue 12, finding 11)
    FALSE: noClause("false"), number: noClause("42"), "2x2 array": CLAUSE_RANGE, "ragged array": CLAUSE_RANGE, "100000-row array": CLAUSE_RANGE,
  },
  // 广州 第七条: 按照项目固定资产投入的30%补助，最高不超过2000万元 (base 4000万 → 1200万).
  inputs: {
    missing: NEEDS_INVESTMENT, null: NEEDS_INVESTMENT, "empty text": NEEDS_INVESTMENT,
    text: err("#VALUE!", /^input "investment" "abc" is not an amount; give a number of 元/),
    "text amount": { award: 600000 }, // 200万 × 30%
    negative: err("#VALUE!", /^input "investment" is negative \(-1\); give an amount of 0 or more in 元/),
    zero: { award: 0 },
    NaN: err("#NUM!", /^input "investment" is not a number \(NaN\)/),
    Infinity: err("#NUM!", /^input "investment" is infinite/), "-Infinity": err("#NUM!", /^input "investment" is infinite/),
    "1e308": err("#NUM!", /^input "investment" is larger than 10\^15 元/),
    TRUE: err("#VALUE!", /^input "investment" is TRUE, not an amount/), FALSE: err("#VALUE!", /^input "investment" is FALSE, not an amount/),
    number: { award: 12.6 }, // 42 × 30%
    "2x2 array": err("#VALUE!", /^inputs: row 1 has no name in its first column; names are such as/),
    "ragged array": INPUT_NOT_PAIRS, "100000-row array": INPUT_NOT_PAIRS,
  },
  route: {
    missing: SAME, null: SAME, "empty text": SAME, // the default (only) route
    text: noRoute("abc"), "text amount": noRoute("200万"), negative: notRoute("-1"), zero: notRoute("0"), NaN: notRoute("NaN"),
    Infinity: notRoute("Infinity"), "-Infinity": notRoute("-Infinity"), "1e308": notRoute("1e\\+308"), TRUE: notRoute("true"),
    FALSE: notRoute("false"), number: notRoute("42"), "2x2 array": notRoute("\\(a range or array\\)"),
    "ragged array": notRoute("\\(a range or array\\)"), "100000-row array": notRoute("\\(a range or array\\)"),
  },
  jurisdiction: nameRole("jurisdiction", J_ACCEPTED),
  programme: nameRole("programme", P_ACCEPTED),
  spend: {
    missing: err("#VALUE!", /^spend is missing: give a number of 元/),
    null: err("#VALUE!", /^spend is missing: give a number of 元/),
    "empty text": err("#VALUE!", /^spend is empty text; give a number of 元/),
    text: err("#VALUE!", /^spend "abc" is not an amount; give a number of 元/),
    "text amount": { award: 1000000 }, // 200万 × 50% = 100万 (超过100万元: 200万 passes)
    negative: err("#VALUE!", /^spend is negative \(-1\); give an amount of 0 or more in 元/),
    zero: { award: 0 }, // 0 is not 超过100万元
    NaN: err("#NUM!", /^spend is not a number \(NaN\)/),
    Infinity: err("#NUM!", /^spend is infinite; give a finite amount in 元/),
    "-Infinity": err("#NUM!", /^spend is infinite/),
    "1e308": err("#NUM!", /^spend is larger than 10\^15 元/),
    TRUE: err("#VALUE!", /^spend is TRUE, not an amount/),
    FALSE: err("#VALUE!", /^spend is FALSE, not an amount/),
    number: { award: 0 }, // 42 元 is not 超过100万元
    "2x2 array": err("#VALUE!", /^spend is a range or array; give one amount/),
    "ragged array": err("#VALUE!", /^spend is a range or array; give one amount/),
    "100000-row array": err("#VALUE!", /^spend is a range or array; give one amount/),
  },
  domestic: {
    // Guangzhou's compute clause does not distinguish domestic compute: TRUE or FALSE, the same award.
    missing: SAME, null: SAME, "empty text": SAME, zero: SAME, TRUE: SAME, FALSE: SAME,
    text: err("#VALUE!", new RegExp(`^domestic "abc" ${NOT_BOOL.source}`)),
    "text amount": err("#VALUE!", new RegExp(`^domestic "200万" ${NOT_BOOL.source}`)),
    negative: err("#VALUE!", new RegExp(`^domestic -1 ${NOT_BOOL.source}`)),
    NaN: err("#VALUE!", new RegExp(`^domestic NaN ${NOT_BOOL.source}`)),
    Infinity: err("#VALUE!", new RegExp(`^domestic Infinity ${NOT_BOOL.source}`)),
    "-Infinity": err("#VALUE!", new RegExp(`^domestic -Infinity ${NOT_BOOL.source}`)),
    "1e308": err("#VALUE!", new RegExp(`^domestic 1e\\+308 ${NOT_BOOL.source}`)),
    number: err("#VALUE!", new RegExp(`^domestic 42 ${NOT_BOOL.source}`)),
    "2x2 array": err("#VALUE!", new RegExp(`^domestic \\(a range or array\\) ${NOT_BOOL.source}`)),
    "ragged array": err("#VALUE!", new RegExp(`^domestic \\(a range or array\\) ${NOT_BOOL.source}`)),
    "100000-row array": err("#VALUE!", new RegExp(`^domestic \\(a range or array\\) ${NOT_BOOL.source}`)),
  },
  year: {
    // empty: the policy year (set to 2026 below, the base year), so the same answer
    missing: SAME, null: SAME, "empty text": SAME,
    text: err("#VALUE!", new RegExp(`^year "abc" ${YEAR_TEXT.source}`)),
    "text amount": err("#VALUE!", new RegExp(`^year "200万" ${YEAR_TEXT.source}`)),
    negative: err("#VALUE!", new RegExp(`^year -1 ${YEAR_WHOLE.source}`)),
    zero: err("#VALUE!", new RegExp(`^year 0 ${YEAR_WHOLE.source}`)),
    NaN: err("#VALUE!", new RegExp(`^year NaN ${YEAR_WHOLE.source}`)),
    Infinity: err("#VALUE!", new RegExp(`^year Infinity ${YEAR_WHOLE.source}`)),
    "-Infinity": err("#VALUE!", new RegExp(`^year -Infinity ${YEAR_WHOLE.source}`)),
    "1e308": err("#VALUE!", new RegExp(`^year 1e\\+308 ${YEAR_WHOLE.source}`)),
    TRUE: err("#VALUE!", new RegExp(`^year true ${YEAR_TEXT.source}`)),
    FALSE: err("#VALUE!", new RegExp(`^year false ${YEAR_TEXT.source}`)),
    number: err("#VALUE!", new RegExp(`^year 42 ${YEAR_WHOLE.source}`)),
    "2x2 array": err("#VALUE!", new RegExp(`^year \\(a range or array\\) ${YEAR_TEXT.source}`)),
    "ragged array": err("#VALUE!", new RegExp(`^year \\(a range or array\\) ${YEAR_TEXT.source}`)),
    "100000-row array": err("#VALUE!", new RegExp(`^year \\(a range or array\\) ${YEAR_TEXT.source}`)),
  },
};

/** A role specific to one function: a name for the test title and what each odd value gives. */
interface OwnRole { name: string; table: Record<Kind, Expect> }

interface Spec {
  /** Valid arguments, all of them (optional ones too). */
  base: unknown[];
  roles: (Role | OwnRole)[];
  /** The answer to the base arguments, worked out from the texts. */
  check: (value: unknown) => void;
  /** The award inside an answer, for functions with a spend. */
  award?: (value: unknown) => number;
}

const card = (v: unknown) => (v as { properties: { award: { basicValue: number } } }).properties.award.basicValue;
const VOUCHER_BASE = ["guangzhou", "compute", "3000万", true, 2026];

/** Every AWARD function, by id. Add an entry for each new function. */
const SPECS: Record<string, Spec> = {
  COMPUTE_VOUCHER: {
    base: VOUCHER_BASE,
    roles: ["jurisdiction", "programme", "spend", "domestic", "year"],
    check: (v) => expect(v).toBe(3000000), // 3000万 × 50% = 1500万, capped at 300万 (第八条)
    award: (v) => v as number,
  },
  VOUCHER_DETAILS: {
    base: VOUCHER_BASE,
    roles: ["jurisdiction", "programme", "spend", "domestic", "year"],
    check: (v) => {
      expect(v).toEqual(expect.objectContaining({ type: "Entity" }));
      expect(card(v)).toBe(3000000);
    },
    award: card,
  },
  ROUTES: {
    base: ["guangzhou", "compute", 2026],
    roles: ["jurisdiction", "programme", "year"],
    check: (v) => expect((v as unknown[][]).map((r) => r[0])).toEqual(["route", "standard", "large-model"]),
  },
  FUND_LIMIT: {
    base: ["guangzhou", "total", 2026],
    roles: ["jurisdiction", "programme", "year"],
    check: (v) => expect(v).toBe(500000000), // 第二十七条: 每年总额不超过5亿元
  },
  VERSION: {
    base: ["guangzhou", 2026],
    roles: ["jurisdiction", "year"],
    check: (v) => expect(v).toBe("guangzhou@draft"),
  },
  CLAUSE: {
    base: ["guangzhou", "7", 40000000, null, 2026],
    roles: ["jurisdiction", "clause", "inputs", "route", "year"],
    check: (v) => expect(v).toBe(12000000), // 第七条: 4000万 × 30% = 1200万 (cap 2000万)
    award: (v) => v as number,
  },
  EXPLAIN: {
    base: ["guangzhou", "7", 40000000, null, 2026],
    roles: ["jurisdiction", "clause", "inputs", "route", "year"],
    check: (v) => expect((v as unknown[][]).at(-1)?.slice(0, 2)).toEqual(["award", 12000000]),
    award: (v) => (v as unknown[][]).at(-1)?.[1] as number,
  },
  CLAUSES: {
    base: ["langfang", 2024],
    roles: ["jurisdiction", "year"],
    check: (v) => {
      const rows = v as unknown[][];
      expect(rows[0][0]).toBe("clause");
      expect(rows.length).toBe(22); // 21 clause routes of the 13 measures, under the header
    },
  },
  // 2026-01-01, 2026-02-01, 2026-03-01 (Excel serials 46023, 46054, 46082): 200万 each against 500万.
  FUND_EXHAUSTION: {
    base: [5000000, [[46023], [46054], [46082]], [[2000000], [2000000], [2000000]]],
    roles: [
      // a pool of 200万, 0 or 42 元 is reached by the first 200万, on 2026-01-01
      amountRole("pool", { "text amount": { award: 46023 }, zero: { award: 46023 }, number: { award: 46023 } }),
      pairedRangeRole("dates"),
      pairedRangeRole("amounts"),
    ],
    check: (v) => expect(v).toBe(46082), // 200万 + 200万 + 200万 reaches 500万 on the third date
    award: (v) => v as number,
  },
  // 600万 shared pro rata among 200万, 300万, 400万 (900万 asked): 6/9 of each, to the fen.
  ALLOCATE: {
    base: [6000000, [[2000000], [3000000], [4000000]], "pro-rata"],
    roles: [
      amountRole("pool", { "text amount": { award: 2000000 }, zero: { award: 0 }, number: { award: 42 } }), // the sum is the pool when oversubscribed
      {
        name: "requests",
        table: {
          missing: err("#VALUE!", /^requests is empty: give a range of amounts in 元/),
          null: err("#VALUE!", /^requests is empty: give a range of amounts in 元/),
          "empty text": err("#VALUE!", /^requests is empty: give a range of amounts in 元/),
          text: err("#VALUE!", /^request \(row 1\) "abc" is not an amount; give a number of 元/),
          "text amount": { award: 2000000 }, // one request of 200万 within 600万: untouched
          negative: err("#VALUE!", /^request \(row 1\) is negative \(-1\)/),
          zero: { award: 0 },
          NaN: err("#NUM!", /^request \(row 1\) is not a number \(NaN\)/),
          Infinity: err("#NUM!", /^request \(row 1\) is infinite/), "-Infinity": err("#NUM!", /^request \(row 1\) is infinite/),
          "1e308": err("#NUM!", /^request \(row 1\) is larger than 10\^15 元/),
          TRUE: err("#VALUE!", /^request \(row 1\) is TRUE, not an amount/), FALSE: err("#VALUE!", /^request \(row 1\) is FALSE, not an amount/),
          number: { award: 42 },
          "2x2 array": { check: (v) => expect(v).toEqual([[1, 2], [3, 4]]) }, // 10 元 asked of 600万: untouched, same shape
          "ragged array": err("#VALUE!", /^requests is not a rectangular range: row 1 has 1 cells and row 2 has 2/),
          "100000-row array": { award: 6000000 }, // 0 + 1 + … + 99999 元 far exceeds 600万: scaled to exactly 600万
        },
      },
      // empty: fcfs — 200万 and 300万 in full, the 400万 that crosses the line gets the 100万 left
      methodRole({ check: (v) => expect(v).toEqual([[2000000], [3000000], [1000000]]) }, "inline"),
    ],
    check: (v) => expect(v).toEqual([[1333333.33], [2000000], [2666666.67]]),
    award: (v) => Math.round((v as number[][]).flat().reduce((a, b) => a + b, 0) * 100) / 100,
  },
  // 1000万 pool, 2 applications a month on average, awards resampled from 100万 and 300万, 3 months, 200 trials, seed 7.
  FORECAST: {
    base: [10000000, 2, [[1000000], [3000000]], 3, 200, 7, undefined],
    roles: [
      amountRole("pool", {
        "text amount": { check: forecastShape(3, 2000000) },
        zero: { check: (v) => { forecastShape(3, 0)(v); expect((v as number[][])[3][1]).toBe(1); } }, // nothing left to commit: exhausted
        number: { check: forecastShape(3, 42) },
      }),
      {
        name: "monthly_applications",
        table: {
          missing: err("#VALUE!", /^monthly_applications is empty: give the mean number of applications a month/),
          null: err("#VALUE!", /^monthly_applications is empty/), "empty text": err("#VALUE!", /^monthly_applications is empty/),
          text: err("#VALUE!", /^monthly_applications "abc" \(row 1\) is not a number of applications: give a mean of 0 or more/),
          "text amount": err("#VALUE!", /^monthly_applications "200万" \(row 1\) is not a number of applications/),
          negative: err("#VALUE!", /^monthly_applications -1 \(row 1\) is not a number of applications/),
          zero: { check: (v) => expect((v as number[][]).slice(1).map((r) => r[1])).toEqual([0, 0, 0]) }, // no applications: never exhausted
          NaN: err("#VALUE!", /^monthly_applications NaN \(row 1\)/), Infinity: err("#VALUE!", /^monthly_applications Infinity \(row 1\)/),
          "-Infinity": err("#VALUE!", /^monthly_applications -Infinity \(row 1\)/),
          "1e308": err("#VALUE!", /^monthly applications 1e\+308 is not a mean number of applications: give a number from 0 to 1000000/),
          TRUE: err("#VALUE!", /^monthly_applications true \(row 1\)/), FALSE: err("#VALUE!", /^monthly_applications false \(row 1\)/),
          number: { check: (v) => expect((v as number[][])[3][1]).toBe(1) }, // 42 a month of at least 100万 each: 1000万 gone in every trial
          "2x2 array": err("#VALUE!", /^monthly_applications gives 4 months but months is 3: give one mean, or one per month/),
          "ragged array": err("#VALUE!", /^monthly_applications is not a rectangular range/),
          "100000-row array": err("#VALUE!", /^monthly_applications gives 100000 months but months is 3/),
        },
      },
      {
        name: "amounts",
        table: {
          ...amountRole("amount (row 1)", { "text amount": SAME, zero: SAME, number: SAME }).table,
          missing: err("#VALUE!", /^amounts is empty: give a range of award amounts to resample from/),
          null: err("#VALUE!", /^amounts is empty/), "empty text": err("#VALUE!", /^amounts is empty/),
          "text amount": { check: forecastShape(3, 10000000) },
          zero: { check: (v) => expect((v as number[][]).slice(1).map((r) => r[1])).toEqual([0, 0, 0]) }, // awards of 0 never exhaust it
          number: { check: (v) => expect((v as number[][]).slice(1).map((r) => r[1])).toEqual([0, 0, 0]) }, // 42 元 awards: never
          "2x2 array": { check: (v) => expect((v as number[][])[3][1]).toBe(0) }, // awards of 1 to 4 元
          "100000-row array": { check: (v) => expect((v as number[][])[3][1]).toBe(0) }, // awards up to 99999 元, a few a month
          "ragged array": err("#VALUE!", /^amounts is not a rectangular range/),
        },
      },
      wholeRole("months", "120", {
        // empty: 12 months (one a month of monthly_applications when it gives several)
        missing: { check: forecastShape(12, 10000000) }, null: { check: forecastShape(12, 10000000) }, "empty text": { check: forecastShape(12, 10000000) },
        zero: err("#VALUE!", /^months 0 is not a whole number from 1 to 120/), number: { check: forecastShape(42, 10000000) },
      }),
      wholeRole("trials", "100000", { zero: err("#VALUE!", /^trials 0 is not a whole number from 1 to 100000/), number: { check: forecastShape(3, 10000000) } }),
      wholeRole("seed", "4294967295", { zero: { check: forecastShape(3, 10000000) }, number: { check: forecastShape(3, 10000000) } }),
      startMonthRole(),
    ],
    check: (v) => {
      forecastShape(3, 10000000)(v);
      expect((v as unknown[][])[0][0]).toBe("month");
    },
  },
  // 广州 第八条: large-model developers, 50% of 3000万 capped at 1000万元; 第二十七条's 5亿 is never reached.
  BUDGET_FORECAST: {
    base: [PIPELINE, 20, 1, "fcfs", "", 2026],
    roles: [
      {
        name: "pipeline",
        table: Object.fromEntries(ODD.map(([k]) => [k, k === "ragged array"
          ? err("#VALUE!", /^pipeline is not a rectangular range/)
          : err("#VALUE!", /^the first row must be a header row naming the columns; missing: recipient/)])) as Record<Kind, Expect>,
      },
      wholeRole("trials", "100000", { zero: err("#VALUE!", /^trials 0 is not a whole number from 1 to 100000/), number: SAME }),
      wholeRole("seed", "4294967295", { zero: SAME, number: SAME }),
      methodRole(SAME, "named"),
      {
        name: "compare",
        table: {
          missing: SAME, null: SAME, "empty text": SAME,
          text: err("#VALUE!", /^the policy to compare with, "abc", must name a version: jurisdiction@version/),
          "text amount": err("#VALUE!", /^the policy to compare with, "200万", must name a version/),
          ...Object.fromEntries(([["negative", "-1"], ["zero", "0"], ["NaN", "NaN"], ["Infinity", "Infinity"], ["-Infinity", "-Infinity"], ["1e308", "1e\\+308"], ["TRUE", "true"], ["FALSE", "false"], ["number", "42"]] as const)
            .map(([k, shown]) => [k, err("#VALUE!", new RegExp(`^compare ${shown} is not a policy: give jurisdiction@version`))])),
          "2x2 array": err("#VALUE!", /^compare is a range or array; give one value/),
          "ragged array": err("#VALUE!", /^compare is not a rectangular range/),
          "100000-row array": err("#VALUE!", /^compare is a range or array; give one value/),
        } as Record<Kind, Expect>,
      },
      yearOneValueRole(),
    ],
    check: budgetForecastShape,
  },
  // 廊坊 item 2: 300万 of local-platform compute × 50% = 150万, cut to 每个单位每年最高享受100万元算力券.
  PORTFOLIO: {
    base: [[["recipient", "project", "policy", "programme", "route", "amount", "domestic", "date"], ["A", "p1", "langfang", "compute", "", 3000000, "", 45700]], 2025, "fcfs"],
    roles: [
      {
        name: "applications",
        table: Object.fromEntries(ODD.map(([k]) => [k, k === "ragged array"
          ? err("#VALUE!", /^applications is not a rectangular range/)
          : err("#VALUE!", /^the first row must be a header row naming the columns; missing: recipient \(申请企业\/申报企业\), policy/)])) as Record<Kind, Expect>,
      },
      yearOneValueRole(),
      methodRole(SAME, "named"),
    ],
    check: (v) => {
      const rows = v as unknown[][];
      expect(rows).toHaveLength(2);
      expect(rows[1].slice(0, 4)).toEqual([1000000, "recipient cap", 1000000, "langfang@2023"]);
    },
  },
  POLICIES: {
    base: [],
    roles: [],
    check: (v) => {
      const rows = v as unknown[][];
      expect(rows[0][0]).toBe("version");
      expect(rows.map((r) => r[0])).toEqual(expect.arrayContaining(["guangzhou@draft", "hangzhou-binjiang@2025", "langfang@2023"]));
    },
  },
};

/** Calls a function; awaits a promise (which must settle) and returns a value or {code, message}. */
async function answer(fn: (...a: unknown[]) => unknown, args: unknown[]): Promise<{ value?: unknown; code?: string; message?: string }> {
  const settle = (p: PromiseLike<unknown>) =>
    Promise.race([
      Promise.resolve(p),
      new Promise((_, reject) => setTimeout(() => reject(new Error("the promise never settled (a #BUSY! that never ends)")), 20000).unref()),
    ]);
  try {
    let v = fn(...args);
    if (v !== null && typeof v === "object" && typeof (v as PromiseLike<unknown>).then === "function") v = await settle(v as PromiseLike<unknown>);
    return { value: v };
  } catch (e) {
    if (e instanceof ExcelError) return { code: e.code, message: e.message };
    throw new Error(`crashed instead of an Excel error: ${e instanceof Error ? e.stack : String(e)}`);
  }
}

/** The year of a budget function: read as ROLES.year, a range being refused as not one value. */
function yearOneValueRole(): OwnRole {
  return {
    name: "year",
    table: {
      ...ROLES_YEAR(),
      "2x2 array": err("#VALUE!", /^year is a range or array; give one value/),
      "ragged array": err("#VALUE!", /^year is not a rectangular range/),
      "100000-row array": err("#VALUE!", /^year is a range or array; give one value/),
    },
  };
}

/** The year role's answers (ROLES.year), for functions whose year is read the same way. */
function ROLES_YEAR(): Record<Kind, Expect> {
  return { ...ROLES.year };
}

beforeAll(() => require("../src/functions/policy-year").setPolicyYearSource(() => 2026));
afterAll(() => require("../src/functions/policy-year").setPolicyYearSource(() => null));

test("every function in FUNCTION_TABLE has expectations here", () => {
  const missing = Object.keys(FUNCTION_TABLE).filter((id) => !SPECS[id]);
  if (missing.length) throw new Error(`add expectations for ${missing.join(", ")} to SPECS in test/bad-input.test.ts (the roles of its arguments and its answer to valid ones)`);
  for (const [id, spec] of Object.entries(SPECS)) {
    expect([id, spec.base.length, spec.roles.length]).toEqual([id, FUNCTION_TABLE[id]?.maxArgs, FUNCTION_TABLE[id]?.maxArgs]);
  }
});

const cases: [string, number, Role | OwnRole, Kind, unknown][] = [];
for (const id of Object.keys(FUNCTION_TABLE)) {
  const spec = SPECS[id];
  if (!spec) continue;
  spec.roles.forEach((role, i) => {
    for (const [kind, value] of ODD) cases.push([id, i, role, kind, value]);
  });
}

describe.each(Object.keys(SPECS).filter((id) => FUNCTION_TABLE[id]))("%s", (id) => {
  const spec = SPECS[id];
  const fn = FUNCTION_TABLE[id].fn as (...a: unknown[]) => unknown;

  test("answers its valid base arguments (worked out from the text)", async () => {
    const r = await answer(fn, spec.base);
    expect(r.code).toBeUndefined();
    spec.check(r.value);
  });

  const mine = cases.filter((c) => c[0] === id);
  if (mine.length === 0) return;
  test.each(mine.map(([, i, role, kind, value]) => [i, typeof role === "string" ? role : role.name, kind, value, role] as const))("argument %i (%s) = %s", async (i, _name, kind, value, role) => {
    const args = [...spec.base];
    args[i] = value;
    const r = await answer(fn, args);
    const want = typeof role === "string" ? ROLES[role][kind] : role.table[kind];
    if ("code" in want) {
      expect(r).toEqual({ code: want.code, message: expect.stringMatching(want.message) });
      expect(r.message).not.toMatch(/undefined|\[object|internal error/);
    } else if ("same" in want) {
      expect(r.code).toBeUndefined();
      spec.check(r.value);
    } else if ("check" in want) {
      expect(r).toEqual({ value: expect.anything() });
      want.check(r.value);
    } else {
      expect(r.code).toBeUndefined();
      if (!spec.award) throw new Error(`${id}: a spend argument needs award() in its SPECS entry`);
      expect(spec.award(r.value)).toBe(want.award);
    }
  });
});
