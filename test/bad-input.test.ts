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
type Expect = { code: string; message: RegExp } | { same: true } | { award: number };
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
const noClause = (shown: string) => err("#N/A", new RegExp(`^guangzhou@draft has no clause ${shown}; its clauses are 1, 3, 4, 5, 6, 7, 8`));
const ROUTE_LIST = /its routes are standard \(首次提出行业攻关/;
const notRoute = (shown: string) => err("#VALUE!", new RegExp(`^route ${shown} is not a name: ${ROUTE_LIST.source}`));
const noRoute = (shown: string) => err("#VALUE!", new RegExp(`^guangzhou@draft clause 7 \\(支持重点行业应用攻关及推广\\) has no route "${shown}"; ${ROUTE_LIST.source}`));
const NEEDS_INVESTMENT = err("#VALUE!", /^guangzhou@draft clause 7 route standard needs the input "investment" \(项目固定资产投入\)/);
const INPUT_NOT_PAIRS = err("#VALUE!", /^inputs: row 1 is not a name and a value; give one number \(the base\) or a two-column range of name\/value pairs/);

const ROLES: Record<Role, Record<Kind, Expect>> = {
  // Clause ids of guangzhou@draft: a number that names no clause is #N/A listing them.
  clause: {
    missing: CLAUSE_MISSING, null: CLAUSE_MISSING, "empty text": CLAUSE_MISSING,
    text: noClause('"abc"'), "text amount": noClause('"200万"'), negative: noClause("-1"), zero: noClause("0"), NaN: noClause("NaN"),
    Infinity: noClause("Infinity"), "-Infinity": noClause("-Infinity"), "1e308": noClause("1e\\+308"), TRUE: noClause("true"),
    FALSE: noClause("false"), number: noClause("42"), "2x2 array": noClause("\\(a range or array\\)"),
    "ragged array": noClause("\\(a range or array\\)"), "100000-row array": noClause("\\(a range or array\\)"),
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

interface Spec {
  /** Valid arguments, all of them (optional ones too). */
  base: unknown[];
  roles: Role[];
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

beforeAll(() => require("../src/functions/policy-year").setPolicyYearSource(() => 2026));
afterAll(() => require("../src/functions/policy-year").setPolicyYearSource(() => null));

test("every function in FUNCTION_TABLE has expectations here", () => {
  const missing = Object.keys(FUNCTION_TABLE).filter((id) => !SPECS[id]);
  if (missing.length) throw new Error(`add expectations for ${missing.join(", ")} to SPECS in test/bad-input.test.ts (the roles of its arguments and its answer to valid ones)`);
  for (const [id, spec] of Object.entries(SPECS)) {
    expect([id, spec.base.length, spec.roles.length]).toEqual([id, FUNCTION_TABLE[id]?.maxArgs, FUNCTION_TABLE[id]?.maxArgs]);
  }
});

const cases: [string, number, Role, Kind, unknown][] = [];
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
  test.each(mine.map(([, i, role, kind, value]) => [i, role, kind, value] as const))("argument %i (%s) = %s", async (i, role, kind, value) => {
    const args = [...spec.base];
    args[i] = value;
    const r = await answer(fn, args);
    const want = ROLES[role][kind];
    if ("code" in want) {
      expect(r).toEqual({ code: want.code, message: expect.stringMatching(want.message) });
      expect(r.message).not.toMatch(/undefined|\[object|internal error/);
    } else if ("same" in want) {
      expect(r.code).toBeUndefined();
      spec.check(r.value);
    } else {
      expect(r.code).toBeUndefined();
      if (!spec.award) throw new Error(`${id}: a spend argument needs award() in its SPECS entry`);
      expect(spec.award(r.value)).toBe(want.award);
    }
  });
});
