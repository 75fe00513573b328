// The portfolio pass without a trace (compiled whole-fen awards, no notes, interned limit keys,
// first-come pools without grouping) must give exactly what the traced pass gives: every row's award,
// its "cut by", its error, and every pool's figures, on random tables of the shipped policies'
// programmes (several recipients and projects, so caps, quotas, non-duplication and pools act).
import fc from "fast-check";
import { budget, defaultEngine } from "../src/engine";
import type { PortfolioResult } from "../src/engine/budget/portfolio";

const engine = defaultEngine();
const clauseAward = budget.clauseRowAward(engine);
const H = ["申请单位", "项目", "政策", "项目类型", "路径", "金额", "国产", "日期"];
const KINDS: [string, string, string][] = [
  ["滨江", "算力券", ""], ["滨江", "语料券", ""], ["滨江", "模型券", ""], ["滨江", "创新券", ""],
  ["广州", "算力券", ""], ["广州", "算力券", "large-model"], ["广州", "数据券", "usage"], ["广州", "数据券", "benchmark"],
  ["广州", "模型券", "first-purchaser"], ["廊坊", "算力券", "local-platform"], ["廊坊", "算力券", "new-entrant"],
];

const row = fc.record({
  kind: fc.constantFrom(...KINDS),
  recipient: fc.integer({ min: 0, max: 4 }),
  project: fc.integer({ min: 0, max: 2 }),
  // up to 5亿元, in whole 元 or with fen, or empty (a lump sum, or an error for a share of spend)
  amount: fc.oneof(fc.integer({ min: 0, max: 5e8 }), fc.integer({ min: 0, max: 5e10 }).map((f) => f / 100), fc.constant("")),
  domestic: fc.boolean(),
  year: fc.constantFrom(2025, 2026, 2027),
  month: fc.integer({ min: 1, max: 12 }),
  day: fc.integer({ min: 1, max: 28 }),
});

function summary(r: PortfolioResult) {
  return {
    rows: r.rows.map((x) => [x.index, x.paid?.toString() ?? null, x.cuts.join("; "), x.error?.code ?? null, x.cash?.map((c) => `${c.year}:${c.amount}`) ?? null]),
    pools: r.pools.map((p) => [p.key, p.limit.toString(), p.requested.toString(), p.awarded.toString(), p.unmet.toString(), p.remaining.toString(), p.exhaustion, p.rows]),
  };
}

test.each(["fcfs", "pro-rata"] as const)("%s: the fast pass gives the traced pass's awards, cuts and pools", (method) => {
  fc.assert(fc.property(fc.array(row, { minLength: 1, maxLength: 40 }), (rows) => {
    const table = [H, ...rows.map((r) => [`企业${r.recipient}`, `项目${r.project}`, r.kind[0], r.kind[1], r.kind[2], r.amount, r.domestic,
      `${r.year}-${String(r.month).padStart(2, "0")}-${String(r.day).padStart(2, "0")}`])];
    const parse = () => budget.readTable(table, 2026).rows;
    const fast = budget.runPortfolio(engine.resolver, parse(), { method, clauseAward });
    const traced = budget.runPortfolio(engine.resolver, parse(), { method, clauseAward, trace: true });
    expect(summary(fast)).toEqual(summary(traced));
    // the traced pass did build every award's trace, the fast one none (two different paths compared)
    expect(traced.rows.every((x) => x.award === null || x.award.steps.length > 0)).toBe(true);
    expect(fast.rows.every((x) => x.award === null || x.award.steps.length === 0)).toBe(true);
  }), { numRuns: 150 });
});
