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
type Role = "jurisdiction" | "programme" | "spend" | "domestic" | "year";

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
const ROLES: Record<Role, Record<Kind, Expect>> = {
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
