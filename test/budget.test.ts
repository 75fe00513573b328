// The budget functions: allocation, fund exhaustion, forecasts. Amounts in 元.
import fc from "fast-check";
import { allocate, forecast, fundExhaustion } from "../src/functions/budget";
import { budget } from "../src/engine";
import { call, expectError } from "./helpers/call";

describe("ALLOCATE", () => {
  test("pro-rata: 600万 among 200万, 300万, 400万 (900万 asked) scales each by 2/3, to the fen, adding up to the pool", () => {
    // 2000000 × 2/3 = 1333333.333…, 4000000 × 2/3 = 2666666.666…: one fen left over goes to the larger remainder.
    const r = allocate(6000000, [[2000000], [3000000], [4000000]], "pro-rata");
    expect(r).toEqual([[1333333.33], [2000000], [2666666.67]]);
  });
  test("fcfs: in order, the request that crosses the line gets what is left, later ones 0", () => {
    expect(allocate(6000000, [[2000000], [3000000], [4000000]], "fcfs")).toEqual([[2000000], [3000000], [1000000]]);
    expect(allocate(6000000, [[4000000], [3000000], [2000000]])).toEqual([[4000000], [2000000], [0]]);
  });
  test("a pool that covers every request pays each in full, under either method", () => {
    // each request in whole fen, rounded down: 3000000.555 is paid 3000000.55, never more than asked (issue 12)
    expect(allocate("1亿", [[2000000, 3000000.555]], "pro-rata")).toEqual([[2000000, 3000000.55]]);
    expect(allocate(5000000, [[2000000], [3000000]], "pro-rata")).toEqual([[2000000], [3000000]]);
  });
  test("remainders: 100元 among three equal requests gives 33.34, 33.33, 33.33", () => {
    expect(allocate(100, [[50], [50], [50]], "按比例")).toEqual([[33.34], [33.33], [33.33]]);
  });
  test("keeps the shape; blank cells stay blank and ask for nothing", () => {
    expect(allocate(300, [[100, "", 400]], "pro-rata")).toEqual([[60, "", 240]]);
    expect(allocate(300, 500, "fcfs")).toEqual([[300]]);
  });
  test("bad input", () => {
    expectError(() => allocate(100, [[1], [2]], "lottery"), "#VALUE!", /fcfs.*pro-rata/);
    expectError(() => allocate(100, [[1], ["lots"]]), "#VALUE!", /request \(row 2\) "lots" is not an amount/);
    expectError(() => allocate(-5, [[1]]), "#VALUE!", /pool is negative/);
    expectError(() => allocate(100, [[""]]), "#VALUE!", /requests is empty/);
    expectError(() => allocate([[1, 2]], [[1]]), "#VALUE!", /pool is a range/);
  });

  const fen = fc.bigInt({ min: 0n, max: 10n ** 12n });
  test("property: allocations never exceed the pool or a request, and add up to the pool when oversubscribed", () => {
    fc.assert(
      fc.property(fen, fc.array(fen, { minLength: 1, maxLength: 40 }), fc.constantFrom<budget.AllocationMethod>("fcfs", "pro-rata"), (pool, requests, method) => {
        const given = budget.allocateFen(pool, requests, method);
        const total = requests.reduce((a, b) => a + b, 0n);
        const sum = given.reduce((a, b) => a + b, 0n);
        expect(sum <= pool || sum === total).toBe(true);
        given.forEach((g, i) => expect(g >= 0n && g <= requests[i]).toBe(true));
        if (total > pool) expect(sum).toBe(pool);
        else expect(given).toEqual(requests);
      }),
      { numRuns: 500 },
    );
  });
  test("property: pro-rata gives each request its exact share, within one fen", () => {
    fc.assert(
      fc.property(fen, fc.array(fen, { minLength: 1, maxLength: 40 }), (pool, requests) => {
        const total = requests.reduce((a, b) => a + b, 0n);
        fc.pre(total > pool);
        const given = budget.allocateFen(pool, requests, "pro-rata");
        given.forEach((g, i) => {
          const exactFloor = (requests[i] * pool) / total;
          expect(g === exactFloor || g === exactFloor + 1n).toBe(true);
        });
      }),
      { numRuns: 500 },
    );
  });
});

describe("FUND_EXHAUSTION", () => {
  test("the first date the running total reaches the pool", () => {
    // 200万 on 2026-01-01, 2026-02-01, 2026-03-01: 400万 after February, 600万 ≥ 500万 on 1 March.
    expect(fundExhaustion(5000000, [[46023], [46054], [46082]], [[2000000], [2000000], [2000000]])).toBe(46082);
    // reaching exactly counts
    expect(fundExhaustion(4000000, [[46023], [46054], [46082]], [[2000000], [2000000], [2000000]])).toBe(46054);
  });
  test("dates are taken in date order, whatever the order of the rows, and may be text", () => {
    expect(fundExhaustion("500万", [["2026-03-01"], ["2026-01-01"], ["2026年2月1日"]], [[2000000], [2000000], [2000000]])).toBe(46082);
    expect(fundExhaustion(3000000, [[46082], [46023], [46054]], [[2000000], [2000000], [2000000]])).toBe(46054);
  });
  test("#N/A with the amount left where the pool is never reached", () => {
    expectError(() => fundExhaustion(7000000, [[46023], [46054], [46082]], [[2000000], [2000000], [2000000]]), "#N/A", /leaving 100万元 \(1000000\.00 元\)/);
  });
  test("bad input", () => {
    expectError(() => fundExhaustion(5, [[46023], [46054]], [[1]]), "#VALUE!", /2 cells and amounts 1/);
    expectError(() => fundExhaustion(5, [["soon"]], [[1]]), "#VALUE!", /date \(row 1\) "soon" is not a date/);
    expectError(() => fundExhaustion(5, [[""]], [[1]]), "#VALUE!", /date at row 1 is empty/);
    expectError(() => fundExhaustion(5, [["2026-02-30"]], [[1]]), "#VALUE!", /not a date/);
  });
  test("Excel serials: 1 is 1900-01-01, 61 is 1900-03-01, 46023 is 2026-01-01", () => {
    expect(budget.serialToISO(1)).toBe("1900-01-01");
    expect(budget.serialToISO(61)).toBe("1900-03-01");
    expect(budget.serialToISO(46023)).toBe("2026-01-01");
    expect(budget.parseDate("1900-01-01")).toBe(1);
    expect(budget.parseDate(new Date(Date.UTC(2026, 2, 1)))).toBe(46082);
  });
});

describe("FORECAST", () => {
  const rows = (v: unknown) => v as (string | number)[][];
  test("same seed, same numbers; another seed, other numbers", () => {
    const a = forecast("1亿", 100, [[500000], [1000000], [2000000]], 12, 2000, 7);
    expect(forecast("1亿", 100, [[500000], [1000000], [2000000]], 12, 2000, 7)).toEqual(a);
    expect(forecast("1亿", 100, [[500000], [1000000], [2000000]], 12, 2000, 8)).not.toEqual(a);
    expect(rows(a)[0]).toEqual(["month", "probability exhausted", "committed p10", "committed median", "committed p90", "applied for median"]);
    expect(rows(a).length).toBe(13);
  });
  test("one award size, one application a month on average: P(exhausted in month 1) = 1 − e^−1", () => {
    // pool 100万, every award 100万: the pool is gone with the first application; N ~ Poisson(1).
    const r = rows(forecast(1000000, 1, [[1000000]], 3, 100000, 42));
    expect(r[1][1] as number).toBeCloseTo(1 - Math.exp(-1), 2);
    expect(r[2][1] as number).toBeCloseTo(1 - Math.exp(-2), 2);
    expect(r[3][1] as number).toBeCloseTo(1 - Math.exp(-3), 2);
  });
  test("committed never exceeds the pool; amounts are whole fen; probabilities grow month by month", () => {
    const r = rows(forecast(20000000, [[10], [20], [30]], [[123456.78], [2000000]], null, 3000, 1));
    expect(r.length).toBe(4); // months from the monthly means
    let last = 0;
    for (const m of r.slice(1)) {
      expect(m[1] as number).toBeGreaterThanOrEqual(last);
      last = m[1] as number;
      for (const v of m.slice(2, 5) as number[]) {
        expect(v).toBeLessThanOrEqual(20000000);
        expect(Number(v.toFixed(2))).toBe(v);
      }
      expect(m[2] as number).toBeLessThanOrEqual(m[3] as number);
      expect(m[3] as number).toBeLessThanOrEqual(m[4] as number);
    }
  });
  test("no applications: nothing committed, never exhausted", () => {
    const r = rows(forecast(1000, 0, [[5]], 2, 10, 3));
    expect(r.slice(1)).toEqual([[1, 0, 0, 0, 0, 0], [2, 0, 0, 0, 0, 0]]);
  });
  test("the Poisson draws average the mean", () => {
    const rng = new budget.Prng(9);
    for (const mean of [3, 100, 1234]) {
      const s = new budget.PoissonSampler(mean);
      let sum = 0;
      for (let i = 0; i < 20000; i++) sum += s.draw(rng);
      expect(sum / 20000).toBeCloseTo(mean, mean > 1000 ? -1 : 0);
    }
  });
  test("bad input", () => {
    expectError(() => forecast(100, 5, [[""]]), "#VALUE!", /amounts is empty/);
    expectError(() => forecast(100, [[1], [2]], [[1]], 3), "#VALUE!", /gives 2 months but months is 3/);
    expectError(() => forecast(100, -1, [[1]]), "#VALUE!", /not a number of applications/);
    expectError(() => forecast(100, 1, [[1]], 12, 0), "#VALUE!", /trials 0 is not a whole number from 1 to 100000/);
    expectError(() => forecast(100, 1, [[1]], 12, 10, 1.5), "#VALUE!", /seed 1.5/);
    expectError(() => forecast("2e14", 1, [[1]]), "#NUM!", /above 10\^13/); // text in scientific notation, as Excel writes into CSV
    expectError(() => forecast(2e14, 1, [[1]]), "#NUM!", /above 10\^13/);
    expect(call(() => forecast(100, 1, [[1]], 1, 10))).toEqual(expect.any(Array));
  });
});

describe("limits that keep a cell answering", () => {
  const { forecast: fc } = require("../src/functions/budget") as typeof import("../src/functions/budget");
  test("FORECAST refuses more than 200 million draws with #NUM! instead of freezing Excel", () => {
    expect(() => fc(100, 1000000, [[1]], 120, 100000, 1)).toThrow(expect.objectContaining({ code: "#NUM!", message: expect.stringMatching(/would draw about 12,000,000,000,000 awards.*the limit is 200,000,000/) }));
    // the benchmark's case, 10,000 trials × 12 months × 100 a month = 12 million draws, is well inside
    expect(() => fc(100, 100, [[1]], 12, 1000, 1)).not.toThrow();
  });
});

describe("edges found in review", () => {
  const b = require("../src/functions/budget") as typeof import("../src/functions/budget");
  test("ALLOCATE never gives out more than the pool: 0.005 元 shares nothing", () => {
    expect(b.allocate(0.005, [[1], [1], [1]], "pro-rata")).toEqual([[0], [0], [0]]);
  });
  test("a date serial past 9999-12-31 is not a date", () => {
    expect(() => b.fundExhaustion(5, [[2958466]], [[5]])).toThrow(expect.objectContaining({ code: "#VALUE!", message: expect.stringMatching(/2958466 is not a date/) }));
    expect(b.fundExhaustion(5, [[2958465]], [[5]])).toBe(2958465);
  });
});
