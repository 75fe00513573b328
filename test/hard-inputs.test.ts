// Issue 12, finding 11: inputs that used to be read as something else, and messages that repeated
// a whole input. Each case failed before its fix.
import Decimal from "decimal.js";
import { parseAmount, clip } from "../src/engine/amount";
import { AwardError } from "../src/engine/errors";
import { allocate } from "../src/engine/budget/allocate";
import { parseDate } from "../src/engine/budget/dates";
import { readTable } from "../src/engine/budget/table";
import { allocate as ALLOCATE } from "../src/functions/budget";
import { clause as CLAUSE, explain as EXPLAIN } from "../src/functions/clauses";
import { computeVoucher as COMPUTE_VOUCHER, fundLimit as FUND_LIMIT } from "../src/functions/functions";
import { evaluateFormula } from "../src/functions/evaluate";
import { call, expectError } from "./helpers/call";

const valueError = (f: () => unknown) => {
  try {
    f();
  } catch (e) {
    expect(e).toBeInstanceOf(AwardError);
    return e as AwardError;
  }
  throw new Error("no error");
};

describe("amounts", () => {
  test.each(["1 2", "10 00", "1 0000", "2 00万", "1.5 0", "1 000.5 0"])("%j: a space between digits is refused, not read as one number", (t) => {
    const e = valueError(() => parseAmount(t, "spend"));
    expect(e.code).toBe("#VALUE!");
    expect(e.message).toMatch(/space between its digits/);
    expect(e.in("zh")).toMatch(/空格/);
  });
  test.each(["①②", "2²", "٣٠٠", "¹⁰⁰万", "𝟏𝟎𝟎"])("%j: digits other than 0-9 and ０-９ are refused", (t) => {
    const e = valueError(() => parseAmount(t, "spend"));
    expect(e.message).toMatch(/not a digit 0-9/);
  });
  test("what was accepted still is: full-width digits, a unit after a space, spaces around", () => {
    expect(parseAmount("２００万").toNumber()).toBe(2000000);
    expect(parseAmount(" 200 万元 ").toNumber()).toBe(2000000);
    expect(parseAmount("1,000,000").toNumber()).toBe(1000000);
    expect(parseAmount("1 000 000").toNumber()).toBe(1000000); // a space grouping thousands, as commas do
    expect(parseAmount("2 000万").toNumber()).toBe(20000000);
  });
  test("in a cell: COMPUTE_VOUCHER on \"1 2\" is #VALUE!, not the voucher of 12 元", () => {
    expectError(() => COMPUTE_VOUCHER("hangzhou-binjiang", "compute", "1 2", true, 2026), "#VALUE!", /space between its digits/);
    expectError(() => COMPUTE_VOUCHER("hangzhou-binjiang", "compute", "①0000", true, 2026), "#VALUE!", /not a digit/);
  });
});

describe("dates", () => {
  test.each(["2026-03-01 oops", "2026-03-01T", "2026年3月1日 上午", "2026-03-01 12:00 and more"])("%j: trailing text is not a date", (t) => {
    expect(() => parseDate(t, "date")).toThrow(/is not a date/);
  });
  test("a date with a time of day is still a date", () => {
    expect(parseDate("2026-03-01 12:30")).toBe(parseDate("2026-03-01"));
    expect(parseDate("2026-03-01T12:30:15Z")).toBe(parseDate("2026-03-01"));
  });
  test("a row whose date has trailing text is a bad row, named by its line", () => {
    const { rows } = readTable([["申请单位", "政策", "项目类型", "金额", "日期"], ["甲", "滨江", "算力券", 1000000, "2026-03-01 x"]], 2026);
    expect(rows[0]).toMatchObject({ ok: false, bad: { line: 2 } });
  });
});

describe("ALLOCATE never pays more than a request", () => {
  test("a request of 0.005 元 is paid 0, not 0.01; 1.239 元 at most 1.23", () => {
    expect(allocate(new Decimal(100), [new Decimal("0.005")], "fcfs").map(Number)).toEqual([0]);
    expect(allocate(new Decimal(100), [new Decimal("1.239"), new Decimal(5)], "pro-rata").map(Number)).toEqual([1.23, 5]);
    expect(call(() => ALLOCATE(100, [[0.005], [10]], "fcfs"))).toEqual([[0], [10]]);
  });
});

describe("messages quote at most about 80 characters of an input", () => {
  const long = "x".repeat(100_000);
  test.each([
    ["jurisdiction", () => COMPUTE_VOUCHER(long, "compute", 1000000, true, 2026)],
    ["programme", () => COMPUTE_VOUCHER("滨江", long, 1000000, true, 2026)],
    ["spend", () => COMPUTE_VOUCHER("滨江", "compute", long, true, 2026)],
    ["year", () => FUND_LIMIT("滨江", "compute", long)],
    ["clause", () => CLAUSE("guangzhou", long, 1000000)],
    ["method", () => ALLOCATE(100, [[1]], long)],
  ])("%s of 100,000 characters", (_what, f) => {
    const r = call(f) as { code: string; message: string };
    expect(r.code).toMatch(/^#/);
    expect(r.message.length).toBeLessThan(1500);
    expect(r.message).not.toContain("x".repeat(81));
    expect(r.message).toContain("100,000 characters");
  });
  test("clip keeps short inputs whole", () => {
    expect(clip("滨江")).toBe("滨江");
    expect(clip("y".repeat(200))).toMatch(/^y{79}…\(200 characters\)$/);
  });
});

test("a range where one value goes is #VALUE!: CLAUSE's and EXPLAIN's clause", () => {
  expectError(() => CLAUSE("guangzhou", [["7"], ["10"]], 1000000), "#VALUE!", /range or array/);
  expectError(() => EXPLAIN("guangzhou", [["7", "10"]], 1000000), "#VALUE!", /range or array/);
  expect(evaluateFormula('=AWARD.CLAUSE("guangzhou",{"7","10"},1000000)').error?.code).toBe("#VALUE!");
});

test("hangzhou and 杭州 are treated alike: both name 杭州高新区（滨江）, the one Hangzhou policy shipped", () => {
  // 滨江 2025 （一） compute voucher, 30000000 of domestic compute: the same answer either way
  const a = call(() => COMPUTE_VOUCHER("hangzhou", "compute", 30000000, true, 2026));
  const b = call(() => COMPUTE_VOUCHER("杭州", "compute", 30000000, true, 2026));
  expect(typeof a).toBe("number");
  expect(b).toEqual(a);
  expect(b).toEqual(call(() => COMPUTE_VOUCHER("hangzhou-binjiang", "compute", 30000000, true, 2026)));
});
