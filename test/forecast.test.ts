// The budget forecast engine (src/engine/forecast): pipelines read, draws checked statistically with
// fixed seeds, every rule applied through the portfolio (the exposure figures exactly where nothing is
// uncertain), a fresh pool each year, common random numbers across compared policies.
import { budget, defaultEngine, engineWith } from "../src/engine";
import * as fc from "../src/engine/forecast";

const engine = defaultEngine();
const HEADER = ["申请单位", "项目", "政策", "项目类型", "路径", "金额", "日期", "最低", "最高", "概率", "数量", "从", "至"];
const pipelineOf = (rows: unknown[][], year = 2026) => fc.readPipelineRange([HEADER, ...rows], year);
const run = (p: fc.Pipeline, trials: number, seed = 7, compare?: string, e = engine) => {
  const scenarios = [fc.baselineScenario(e), ...(compare ? [fc.compareScenario(e, compare)] : [])];
  return fc.simulate({ pipeline: p, trials, seed, method: "fcfs", scenarios });
};

describe("draws (fixed seeds)", () => {
  test("Poisson: mean and variance are λ, for a small λ and for a large one drawn in parts", () => {
    for (const [lambda, n, tolMean, tolVar] of [[4, 200000, 0.03, 0.1], [1200, 20000, 1.5, 60]]) {
      const rng = new fc.Prng(11);
      let s = 0;
      let s2 = 0;
      for (let i = 0; i < n; i++) {
        const k = fc.poisson(rng, lambda);
        s += k;
        s2 += k * k;
      }
      const mean = s / n;
      expect(Math.abs(mean - lambda)).toBeLessThan(tolMean);
      expect(Math.abs(s2 / n - mean * mean - lambda)).toBeLessThan(tolVar);
    }
  });

  test("triangular: empirical p10/p50/p90 and mean match the distribution's", () => {
    const rng = new fc.Prng(3);
    const n = 100000;
    const xs = new Float64Array(n);
    for (let i = 0; i < n; i++) xs[i] = fc.triangular(rng, 0, 3, 10);
    xs.sort();
    for (const p of [0.1, 0.5, 0.9]) expect(Math.abs(xs[Math.floor(p * n)] - fc.triangularQuantile(p, 0, 3, 10))).toBeLessThan(0.05);
    // F(3) = 0.3 at the mode; the median √(0.5·10·7) below 10: 10 − √35 = 4.0839
    expect(fc.triangularQuantile(0.3, 0, 3, 10)).toBeCloseTo(3, 12);
    expect(fc.triangularQuantile(0.5, 0, 3, 10)).toBeCloseTo(10 - Math.sqrt(35), 12);
    expect(Math.abs(xs.reduce((a, b) => a + b, 0) / n - 13 / 3)).toBeLessThan(0.03);
    expect(xs[0]).toBeGreaterThanOrEqual(0);
    expect(xs[n - 1]).toBeLessThanOrEqual(10);
  });

  test("Bernoulli and uniform dates: rates within tolerance, dates within the window", () => {
    const rng = new fc.Prng(5);
    const n = 100000;
    let yes = 0;
    const seen = new Array(5).fill(0);
    for (let i = 0; i < n; i++) {
      if (fc.bernoulli(rng, 0.3)) yes++;
      const d = fc.uniformInt(rng, 46023, 46027);
      expect(d >= 46023 && d <= 46027).toBe(true);
      seen[d - 46023]++;
    }
    expect(Math.abs(yes / n - 0.3)).toBeLessThan(0.005);
    for (const c of seen) expect(Math.abs(c / n - 0.2)).toBeLessThan(0.006);
  });

  test("each trial has its own stream; the same seed and trial give the same numbers", () => {
    const a = fc.trialRng(1, 0).next();
    expect(fc.trialRng(1, 0).next()).toBe(a);
    expect(fc.trialRng(1, 1).next()).not.toBe(a);
    expect(fc.trialRng(2, 0).next()).not.toBe(a);
  });
});

describe("pipelines", () => {
  test("extra columns in English or Chinese; bad rows named, in both languages", () => {
    const p = fc.readPipelineRange([
      ["recipient", "policy", "programme", "amount", "probability", "low", "high", "count", "from", "to"],
      ["甲", "广州", "算力券", "300万", "80%", "200万", "500万", 3, "2026-02-01", "2026-05-31"],
      ["乙", "广州", "算力券", "300万", 1.5, "", "", "", "", ""],
      ["丙", "广州", "算力券", "600万", "", "100万", "500万", "", "", ""],
      ["丁", "广州", "算力券", "300万", "", "", "", "", "2026-02-01", ""],
    ], 2026);
    expect(p.rows).toHaveLength(1);
    expect(p.rows[0]).toMatchObject({ probability: 0.8, count: 3, range: { low: 2e6, mode: 3e6, high: 5e6 } });
    expect(p.rows[0].window).toEqual({ from: 46054, to: 46173 });
    expect(p.bad.map((b) => b.line)).toEqual([3, 4, 5]);
    expect(p.bad[0].error.in("en")).toMatch(/probability \(概率\) "1.5" is not a number from 0 to 1/);
    expect(p.bad[1].error.in("zh")).toMatch(/金额 6000000 须在最低 1000000 与最高 5000000 之间/);
    expect(p.bad[2].error.in("en")).toMatch(/give both from \(从\) and to \(至\)/);
  });

  test("a count row draws that many different applicants, each within its window", () => {
    const p = pipelineOf([["企业", "", "广州", "算力券", "", "300万", "", "", "", "", 50, "2026-03-01", "2026-03-31"]]);
    const apps = fc.drawTrial(p, fc.trialRng(9, 0));
    expect(apps.length).toBeGreaterThan(25);
    expect(new Set(apps.map((a) => a.recipient)).size).toBe(apps.length);
    for (const a of apps) expect(a.date! >= 46082 && a.date! <= 46112 && a.year === 2026).toBe(true);
  });
});

// 广州 第八条: large-model developers, 50% of last year's compute purchases, 最高…1000万元; 第二十七条:
// 5亿元 a year for the whole measure. 60 applications of 3000万 each ask 1000万: the pool runs out at the 50th.
const yearRows = (year: number, n: number) => Array.from({ length: n }, (_, i) => [`企业${i}`, "大模型", "广州", "算力券", "large-model", 30000000, `${year}-01-${String(1 + (i % 28)).padStart(2, "0")}`]);

describe("the rules through the portfolio", () => {
  test("no uncertainty: exactly exposure's figures at every percentile", () => {
    const rows = [...yearRows(2026, 30), ...yearRows(2026, 30).map((r) => [`${r[0]}乙`, ...r.slice(1, 6), String(r[6]).replace("-01-", "-02-")])];
    const p = pipelineOf(rows);
    expect(p.uncertain).toBe(false);
    const exposure = budget.runPortfolio(engine.resolver, p.rows.map((r) => ({ ok: true, app: r.app })), { method: "fcfs", clauseAward: budget.clauseRowAward(engine) });
    const [acc] = run(p, 5);
    const [f] = fc.summarize(acc);
    const [e] = exposure.pools;
    expect(f.pool).toBe(`${e.version} ${e.pool}`);
    expect(f.pool).toBe("guangzhou@draft total");
    const iso = budget.serialToISO(e.exhaustion!);
    expect(iso).toBe("2026-02-18"); // the 50th: 30 in January, then 2 on each of 1 and 2 February, 1 a day after
    expect(f.exhaustion).toEqual({ p10: iso, p50: iso, p90: iso });
    expect(f.awarded).toEqual({ p10: 5e8, p50: 5e8, p90: 5e8 });
    expect(f.requested.p50).toBe(e.requested.toNumber());
    expect(f.unmet).toEqual({ p10: 1e8, p50: 1e8, p90: 1e8 });
    expect(f.pExhausted).toBe(1);
    expect(f.months[0].pExhausted).toBe(0);
    expect(f.months[1].pExhausted).toBe(1);
    expect(f.months[0].awarded.p50).toBe(3e8); // January: 30 × 1000万
  });

  test("two years: a fresh pool each year", () => {
    const p = pipelineOf([...yearRows(2026, 60), ...yearRows(2027, 60)]);
    const pools = fc.summarize(run(p, 3)[0]);
    expect(pools.map((x) => [x.pool, x.year, x.awarded.p50, x.unmet.p50, x.exhaustion.p50])).toEqual([
      // days 1–4 carry three applications each, days 5–28 two: the 50th is on the 23rd (12 + 2 × 19)
      ["guangzhou@draft total", 2026, 5e8, 1e8, "2026-01-23"],
      ["guangzhou@draft total", 2027, 5e8, 1e8, "2027-01-23"],
    ]);
  });

  test("uncertain rows: percentiles ordered, never-exhausted trials give null dates", () => {
    // 50 possible applicants at 1000万 with probability 0.98: most trials stay below 5亿 (at most 50 awards).
    const p = pipelineOf([["企业", "", "广州", "算力券", "large-model", 30000000, "", "", "", 0.98, "", "2026-01-01", "2026-12-31"]].flatMap((r) => Array.from({ length: 50 }, (_, i) => [`${r[0]}${i}`, ...r.slice(1)])));
    const [f] = fc.summarize(run(p, 400)[0]);
    // P(all 50 come) = 0.98^50 = 0.364
    expect(Math.abs(f.pExhausted - 0.364)).toBeLessThan(0.08);
    expect(f.exhaustion.p10).not.toBeNull();
    expect(f.exhaustion.p90).toBeNull();
    expect(f.awarded.p10).toBeLessThanOrEqual(f.awarded.p50);
    expect(f.awarded.p90).toBe(5e8);
    for (let m = 1; m < 12; m++) expect(f.months[m].pExhausted).toBeGreaterThanOrEqual(f.months[m - 1].pExhausted);
  });

  test("a reform of the same numbers shows no difference in any trial (common random numbers)", () => {
    const e = engineWith({ variants: [{ base: "guangzhou@draft", name: "same", edits: [{ field: "compute:large-model.rate", value: "50%" }] }] });
    const p = pipelineOf([["企业", "", "广州", "算力券", "large-model", 24000000, "", 12000000, 40000000, 0.9, 60, "2026-01-01", "2026-12-31"]]);
    const [base, reform] = run(p, 60, 3, "guangzhou@draft~same", e);
    const [b] = [...base.pools.values()];
    const [r] = [...reform.pools.values()];
    expect(r.name).toBe("guangzhou@draft~same total");
    expect(Array.from(r.awarded)).toEqual(Array.from(b.awarded));
    expect(Array.from(r.exhaustion)).toEqual(Array.from(b.exhaustion));
    const d = fc.differences(base, reform).get([...reform.pools.keys()][0])!;
    expect(d).toMatchObject({ baseline: "guangzhou@draft total", pExhausted: 0, awarded: { p10: 0, p50: 0, p90: 0 }, unmet: { p50: 0 } });
    expect(new Set(b.awarded).size).toBeGreaterThan(10); // the draws did vary
  });

  test("a lower 算力券 rate on the same draws awards less in every trial", () => {
    const e = engineWith({ variants: [{ base: "guangzhou@draft", name: "low", edits: [{ field: "compute:large-model.rate", value: "30%" }] }] });
    const p = pipelineOf([["企业", "", "广州", "算力券", "large-model", 24000000, "", 12000000, 40000000, 0.9, 40, "2026-01-01", "2026-12-31"]]);
    const [base, reform] = run(p, 40, 3, "guangzhou@draft~low", e);
    const b = [...base.pools.values()][0].awarded;
    const r = [...reform.pools.values()][0].awarded;
    for (let t = 0; t < 40; t++) expect(r[t]).toBeLessThanOrEqual(b[t]);
    expect(fc.differences(base, reform).values().next().value!.awarded.p50).toBeLessThan(0);
  });

  test("trials split in ranges and merged give the same figures as one run", () => {
    const p = pipelineOf([["企业", "", "广州", "算力券", "", 5000000, "", 1500000, 9000000, 0.8, 30, "2026-01-01", "2027-06-30"]]);
    const input = { pipeline: p, trials: 20, seed: 4, method: "fcfs" as const, scenarios: [fc.baselineScenario(engine)] };
    const whole = fc.summarize(fc.simulate(input)[0]);
    const parts = [fc.simulateRange(input, 0, 7)[0], fc.simulateRange(input, 7, 13)[0]];
    expect(fc.summarize(fc.mergeAccumulators(parts, 20))).toEqual(whole);
    expect(whole.map((x) => x.year)).toEqual([2026, 2027]);
  });
});

describe("FORECAST with a start month", () => {
  test("rows are calendar months and the pool starts afresh each January", () => {
    const { forecast } = require("../src/functions/budget") as typeof import("../src/functions/budget");
    // 1000万 pool, 3 applications a month of 300万: used up within two months most years
    const withStart = forecast(10000000, 3, [[3000000]], 4, 2000, 5, "2026-11") as (string | number)[][];
    expect(withStart.slice(1).map((r) => r[0])).toEqual(["2026-11", "2026-12", "2027-01", "2027-02"]);
    const p = withStart.slice(1).map((r) => r[1] as number);
    expect(p[1]).toBeGreaterThan(0.5);
    expect(p[2]).toBeLessThan(p[1]); // January: a fresh pool, so less likely gone than December's
    expect(p[2]).toBeCloseTo(withStart[1][1] as number, 1); // as likely as in the first month
    const without = forecast(10000000, 3, [[3000000]], 4, 2000, 5) as (string | number)[][];
    expect(without.slice(1).map((r) => r[0])).toEqual([1, 2, 3, 4]);
    expect(without[4][1]).toBeGreaterThanOrEqual(without[3][1] as number);
  });
});

describe("BUDGET_FORECAST in a cell", () => {
  test("with a comparison: three more columns, the differences on the same draws", () => {
    const { setDefaultEngine } = require("../src/engine") as typeof import("../src/engine");
    const { budgetForecast } = require("../src/functions/forecast") as typeof import("../src/functions/forecast");
    setDefaultEngine(engineWith({ variants: [
      { base: "guangzhou@draft", name: "same", edits: [{ field: "compute:large-model.rate", value: "50%" }] },
      { base: "guangzhou@draft", name: "r30", edits: [{ field: "compute:large-model.rate", value: "30%" }] },
    ] }));
    try {
      // 广州 第八条 large-model: 50% of 3000万 → 1000万 each (cap); at 30% 900万; Poisson(60) of them against 5亿
      const pipeline = [HEADER, ["企业", "", "广州", "算力券", "large-model", 30000000, "", "", "", "", 60, "2026-01-01", "2026-06-30"]];
      const same = budgetForecast(pipeline, 50, 2, "", "guangzhou@draft~same", 2026) as (string | number)[][];
      expect(same[0].slice(8)).toEqual(["Δ P(used up)", "Δ awarded p50", "Δ unmet p50"]);
      expect(same.slice(1).every((r) => r[8] === 0 && r[9] === 0 && r[10] === 0)).toBe(true);
      const lower = budgetForecast(pipeline, 50, 2, "", "guangzhou@draft~r30", 2026) as (string | number)[][];
      const june = lower.find((r) => r[2] === "2026-06")!;
      expect(june[8] as number).toBeLessThan(0); // less often used up at 900万 an award
      expect(june[9] as number).toBeLessThanOrEqual(0);
      expect(lower.slice(1).map((r) => r.slice(0, 8))).toEqual(same.slice(1).map((r) => r.slice(0, 8))); // the baseline is the baseline
    } finally {
      setDefaultEngine(null);
    }
  });
});
