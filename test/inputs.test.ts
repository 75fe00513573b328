// Bad and odd input: every question gets a value or an Excel error whose message says what is accepted.
import { parseAmount, AwardError } from "../src/engine";
import { bi } from "../src/engine/text";
import { computeVoucher, fundLimit, routes, version } from "../src/functions/functions";
import { setPolicyYearSource } from "../src/functions/policy-year";
import { toExcelError } from "../src/functions/excel-error";
import { expectError } from "./helpers/call";

describe("amounts", () => {
  test.each([
    [2000000, 2000000],
    ["200万", 2000000],
    ["2000万元", 20000000],
    ["1.5亿", 150000000],
    ["1,000,000", 1000000],
    ["1,000,000.50", 1000000.5],
    ["1,000.5万", 10005000],
    ["2.5E+07", 25000000], // how Excel writes large numbers into CSV files
    ["５０万元", 500000],
    ["  3 000 元 ", 3000],
    ["￥1,200", 1200],
    ["1千万", 10000000],
    ["0.5万亿", 500000000000],
    ["0", 0],
    [0, 0],
    [-0, 0],
  ])("%p is %p 元", (input, expected) => {
    expect(parseAmount(input).toNumber()).toBe(expected);
  });

  test.each([
    ["abc", "#VALUE!", /"abc" is not an amount; give a number of 元 such as 2000000, or text such as "200万"/],
    ["", "#VALUE!", /empty text/],
    ["200万美元", "#VALUE!", /not an amount/],
    ["1,00", "#VALUE!", /not an amount/],
    ["12,345678", "#VALUE!", /its commas do not separate thousands/], // not 12345678
    ["1,000,0000", "#VALUE!", /its commas do not separate thousands/],
    ["1,2345", "#VALUE!", /its commas do not separate thousands/],
    [-1, "#VALUE!", /negative/],
    ["-200万", "#VALUE!", /negative/],
    [true, "#VALUE!", /TRUE, not an amount/],
    [null, "#VALUE!", /missing/],
    [undefined, "#VALUE!", /missing/],
    [[[1, 2]], "#VALUE!", /range or array/],
    [NaN, "#NUM!", /NaN/],
    [Infinity, "#NUM!", /infinite/],
    [-Infinity, "#NUM!", /infinite/],
    [1e308, "#NUM!", /larger than 10\^15/],
  ])("%p is refused with %s", (input, code, message) => {
    try {
      parseAmount(input, "spend");
      throw new Error("accepted");
    } catch (e) {
      expect(e).toBeInstanceOf(AwardError);
      expect((e as AwardError).code).toBe(code);
      expect((e as AwardError).message).toMatch(message);
    }
  });
});

describe("jurisdictions, programmes and routes", () => {
  test.each(["hangzhou-binjiang", "Hangzhou-Binjiang", " 滨江 ", "滨江区", "杭州高新区", "杭州高新区（滨江）", "杭州高新区(滨江)", "binjiang"])(
    "%p is Binjiang", (name) => expect(version(name, 2026)).toBe("hangzhou-binjiang@2025"));
  test.each(["guangzhou", "广州", "广州市", "GUANGZHOU"])("%p is Guangzhou", (name) => expect(version(name, 2026)).toBe("guangzhou@draft"));
  test.each(["langfang", "廊坊", "廊坊市"])("%p is Langfang", (name) => expect(version(name, 2024)).toBe("langfang@2023"));
  test("versions by name, full-width @ too", () => {
    expect(version("滨江@2025-draft", 2026)).toBe("hangzhou-binjiang@2025-draft");
    expect(version("广州＠draft", 2026)).toBe("guangzhou@draft");
    expect(version("HANGZHOU-BINJIANG@2023", 2026)).toBe("hangzhou-binjiang@2023");
  });
  test("unknown jurisdiction or version: #VALUE! naming what is accepted", () => {
    expectError(() => computeVoucher("shanghai", "compute", 1, true, 2026), "#VALUE!", /unknown jurisdiction "shanghai": give one of guangzhou \(广州市.*hangzhou-binjiang.*langfang/);
    expectError(() => computeVoucher("滨江@2024", "compute", 1, true, 2026), "#VALUE!", /hangzhou-binjiang has no version "2024"; its versions are hangzhou-binjiang@2023.*@2025-draft.*@2025/);
    expectError(() => computeVoucher(42, "compute", 1, true, 2026), "#VALUE!", /jurisdiction 42 is not a name/);
    expectError(() => computeVoucher("", "compute", 1, true, 2026), "#VALUE!", /is not a name/);
  });
  test("programme names in English or Chinese, with a route, full-width colon too", () => {
    expect(computeVoucher("guangzhou", "COMPUTE：large-model", "3000万", true, 2026)).toBe(10000000);
    expect(computeVoucher("guangzhou", "算力券:大模型", "3000万", true, 2026)).toBe(10000000); // a route alias
    expect(computeVoucher("guangzhou", "compute:default", "3000万", true, 2026)).toBe(3000000);
  });
  test("unknown programme or route: #VALUE! naming what is accepted", () => {
    expectError(() => computeVoucher("guangzhou", "talent", 1, true, 2026), "#VALUE!", /unknown programme "talent": give one of compute \(算力券\), corpus \(语料券\), data \(数据券\), model \(模型券\), innovation \(创新券\), scenario \(场景券\)/);
    expectError(() => computeVoucher("guangzhou", "compute:gpu", 1, true, 2026), "#VALUE!", /guangzhou@draft compute \(Compute voucher\) has no route "gpu"; its routes are standard \(default\), large-model/);
    expectError(() => computeVoucher("guangzhou", "compute:", 1, true, 2026), "#VALUE!", /empty route/);
    expectError(() => computeVoucher("guangzhou", 3, 1, true, 2026), "#VALUE!", /programme 3 is not a name/);
  });
  test("domestic: booleans, 1/0 and words; anything else is #VALUE!", () => {
    expect(computeVoucher("滨江", "compute", 1000000, 1, 2026)).toBe(600000);
    expect(computeVoucher("滨江", "compute", 1000000, "国产", 2026)).toBe(600000);
    expect(computeVoucher("滨江", "compute", 1000000, "否", 2026)).toBe(300000);
    expectError(() => computeVoucher("滨江", "compute", 1000000, "maybe", 2026), "#VALUE!", /domestic "maybe" is not TRUE or FALSE/);
    expectError(() => computeVoucher("滨江", "compute", 1000000, 2, 2026), "#VALUE!", /not TRUE or FALSE/);
  });
  test("year: a whole number; empty is the workbook's policy year", () => {
    expect(computeVoucher("滨江", "compute", 1000000, true, "2024")).toBe(500000);
    expectError(() => computeVoucher("滨江", "compute", 1000000, true, 2025.5), "#VALUE!", /whole number from 1900 to 9999/);
    expectError(() => computeVoucher("滨江", "compute", 1000000, true, "next year"), "#VALUE!", /is not a year/);
    expectError(() => computeVoucher("滨江", "compute", 1000000, true, true), "#VALUE!", /is not a year/);
  });
  test("the policy year source decides formulas without a year", () => {
    try {
      setPolicyYearSource(() => 2024);
      expect(version("滨江")).toBe("hangzhou-binjiang@2023");
      expect(computeVoucher("滨江", "compute", 1000000, true)).toBe(500000); // 2023 text: 50%
      setPolicyYearSource(() => 2026);
      expect(computeVoucher("滨江", "compute", 1000000, true)).toBe(600000); // 2025 text: 60%
      setPolicyYearSource(() => null);
      expect(version("滨江")).toBe(version("滨江", new Date().getFullYear()));
    } finally {
      setPolicyYearSource(() => null);
    }
  });
  test("below a threshold the award is 0, not an error", () => {
    expect(computeVoucher("guangzhou", "compute", 0, true, 2026)).toBe(0);
    expect(computeVoucher("guangzhou", "compute", 999999.99, true, 2026)).toBe(0);
  });
  test("a zero spend on a rate route is 0", () => {
    expect(computeVoucher("滨江", "compute", 0, true, 2026)).toBe(0);
  });
  test("rounding is half up to the fen, on the exact decimal", () => {
    // 0.05 × 30% = 0.015 exactly; a float product 0.015 would round down to 0.01
    expect(computeVoucher("滨江", "compute", 0.05, false, 2026)).toBe(0.02);
    expect(computeVoucher("滨江", "compute", 0.04, false, 2026)).toBe(0.01); // 0.012
    expect(computeVoucher("langfang", "compute", 0.01, false, 2024)).toBe(0.01); // 0.005 → 0.01
  });
  test("FUND_LIMIT and ROUTES refuse what they cannot answer", () => {
    expectError(() => fundLimit("guangzhou", "corpus", 2026), "#N/A", /guangzhou@draft has no corpus voucher/);
    expectError(() => fundLimit("guangzhou", "", 2026), "#VALUE!", /programme "" is not a name/);
    expectError(() => routes("langfang", "model", 2024), "#N/A", /langfang@2023 has no model voucher \(model\) programme; it has compute \(Compute voucher, clause 2\)/);
  });
});

describe("errors inside Excel", () => {
  const g = globalThis as unknown as { CustomFunctions?: unknown };
  afterEach(() => delete g.CustomFunctions);
  test("become CustomFunctions.Error with the Excel code and the message", () => {
    class FakeError {
      constructor(readonly code: string, readonly message: string) {}
    }
    g.CustomFunctions = { Error: FakeError, ErrorCode: { invalidValue: "#VALUE!", notAvailable: "#N/A", invalidNumber: "#NUM!" } };
    for (const [e, code] of [
      [new AwardError("#VALUE!", bi("bad", "有误")), "#VALUE!"],
      [new AwardError("#N/A", bi("none", "无")), "#N/A"],
      [new AwardError("#NUM!", bi("big", "过大")), "#NUM!"],
      [new TypeError("boom"), "#VALUE!"],
    ] as const) {
      const x = toExcelError(e) as unknown as FakeError;
      expect(x).toBeInstanceOf(FakeError);
      expect(x.code).toBe(code);
    }
    expect((toExcelError(new TypeError("boom")) as unknown as FakeError).message).toBe("internal error: boom");
    let thrown: unknown;
    try {
      computeVoucher("nowhere", "compute", 1);
    } catch (e) {
      thrown = e;
    }
    expect(thrown).toEqual(expect.objectContaining({ code: "#VALUE!", message: expect.stringMatching(/unknown jurisdiction "nowhere"/) }));
  });
});
