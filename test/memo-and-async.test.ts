// No hangs and no recomputation: the memo answers repeated calls (and forgets when the engine or the
// policy year changes), and a function returning a promise settles on every path.
import { defaultEngine, Engine, engineGeneration, setDefaultEngine } from "../src/engine";
import { computeVoucher, version } from "../src/functions/functions";
import { excel, ExcelError } from "../src/functions/excel-error";
import { clearMemos, memoize } from "../src/functions/memo";
import { setPolicyYearSource } from "../src/functions/policy-year";
import { expectError } from "./helpers/call";

afterEach(() => {
  jest.restoreAllMocks();
  setPolicyYearSource(() => null);
  clearMemos();
});

describe("memo", () => {
  test("the same arguments are answered without asking the engine again", () => {
    // Plain calls are answered by the compiled evaluator before the memo (engine/compiled.ts); without it, by the memo.
    jest.spyOn(defaultEngine(), "voucherCompiled").mockReturnValue(null);
    const spy = jest.spyOn(defaultEngine(), "voucherAmount");
    // 滨江 2025 （六）: 国产算力 60%: 2000万 × 60% = 1200万
    expect(computeVoucher("hangzhou-binjiang", "compute", 20000000, true, 2026)).toBe(12000000);
    expect(computeVoucher("hangzhou-binjiang", "compute", 20000000, true, 2026)).toBe(12000000);
    expect(spy).toHaveBeenCalledTimes(1);
    // a different argument (or type of argument) is a different question
    expect(computeVoucher("hangzhou-binjiang", "compute", "2000万", true, 2026)).toBe(12000000);
    expect(computeVoucher("hangzhou-binjiang", "compute", 20000000, "TRUE", 2026)).toBe(12000000);
    expect(spy).toHaveBeenCalledTimes(3);
  });

  test("errors are remembered too, and still become the host's error each time", () => {
    const spy = jest.spyOn(defaultEngine(), "voucherAmount");
    expectError(() => computeVoucher("nowhere", "compute", 1, true, 2026), "#VALUE!", /unknown jurisdiction "nowhere"/);
    const g = globalThis as unknown as { CustomFunctions?: unknown };
    class FakeError {
      constructor(readonly code: string, readonly message: string) {}
    }
    g.CustomFunctions = { Error: FakeError, ErrorCode: { invalidValue: "#VALUE!", notAvailable: "#N/A", invalidNumber: "#NUM!" } };
    try {
      let thrown: unknown;
      try {
        computeVoucher("nowhere", "compute", 1, true, 2026);
      } catch (e) {
        thrown = e;
      }
      expect(thrown).toBeInstanceOf(FakeError);
      expect((thrown as FakeError).message).toMatch(/unknown jurisdiction "nowhere"/);
    } finally {
      delete g.CustomFunctions;
    }
    expect(spy).toHaveBeenCalledTimes(1);
  });

  test("an empty year follows the policy year: the memo keys on it", () => {
    setPolicyYearSource(() => 2024);
    expect(version("滨江")).toBe("hangzhou-binjiang@2023");
    expect(computeVoucher("滨江", "compute", 1000000, true)).toBe(500000); // 2023 text: 50%
    setPolicyYearSource(() => 2026);
    expect(version("滨江")).toBe("hangzhou-binjiang@2025");
    expect(computeVoucher("滨江", "compute", 1000000, true)).toBe(600000); // 2025 text （六）: 60% for domestic
  });

  test("replacing the engine (policy variants) drops the remembered answers", () => {
    expect(computeVoucher("guangzhou", "compute", 2000000, false, 2026)).toBe(1000000); // 第八条 50%
    const before = engineGeneration();
    const replacement = new Engine(defaultEngine().registry);
    jest.spyOn(replacement, "voucherCompiled").mockReturnValue(null);
    const spy = jest.spyOn(replacement, "voucherAmount").mockReturnValue(42);
    try {
      setDefaultEngine(replacement);
      expect(engineGeneration()).toBe(before + 1);
      expect(computeVoucher("guangzhou", "compute", 2000000, false, 2026)).toBe(42);
      expect(spy).toHaveBeenCalledTimes(1);
    } finally {
      setDefaultEngine(null);
    }
    expect(computeVoucher("guangzhou", "compute", 2000000, false, 2026)).toBe(1000000);
  });

  test("is bounded: the oldest answers go first", () => {
    const calls: number[] = [];
    const square = memoize((x: number) => {
      calls.push(x);
      return x * x;
    }, 3);
    for (const x of [1, 2, 3, 4]) square(x); // 1 is dropped when 4 comes
    expect(square(4)).toBe(16);
    expect(square(2)).toBe(4);
    expect(calls).toEqual([1, 2, 3, 4]);
    expect(square(1)).toBe(1);
    expect(calls).toEqual([1, 2, 3, 4, 1]);
  });

  test("ranges are not memoized (no key built from 100,000 cells), and still answered", () => {
    const calls: unknown[] = [];
    const f = memoize((x: unknown) => {
      calls.push(x);
      return 1;
    });
    const big = Array.from({ length: 100000 }, (_, i) => [i]);
    f(big);
    f(big);
    expect(calls).toHaveLength(2);
  });

  test("distinguishes arguments that print alike", () => {
    const f = memoize((...a: unknown[]) => JSON.stringify(a.map((x) => typeof x)));
    expect(f("1")).toBe('["string"]');
    expect(f(1)).toBe('["number"]');
    expect(f(true)).toBe('["boolean"]');
    expect(f("true")).toBe('["string"]');
    expect(f(null)).toBe('["object"]');
    expect(f(undefined)).toBe('["undefined"]');
    expect(f("a|s1:b")).toBe('["string"]');
    expect(f("a", "b")).toBe('["string","string"]');
  });
});

describe("promises settle on every path", () => {
  test("a computation returning a promise resolves with its value", async () => {
    await expect(excel(() => Promise.resolve(7))).resolves.toBe(7);
  });

  test("a rejected promise rejects with the Excel error and its message", async () => {
    const { AwardError } = await import("../src/engine");
    const { bi } = await import("../src/engine/text");
    await expect(excel(() => Promise.reject(new AwardError("#N/A", bi("no such pool", "没有该资金池"))))).rejects.toEqual(
      expect.objectContaining({ code: "#N/A", message: "no such pool" }),
    );
    await expect(excel(() => Promise.reject(new TypeError("boom")))).rejects.toBeInstanceOf(ExcelError);
  });
});
