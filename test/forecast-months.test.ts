// The forecast's months come from what each row asked of each pool and was given from it, as the
// portfolio shared the pool out: a row first cut by a cap asks the pool only what the cap left.
import { budget, defaultEngine } from "../src/engine";
import { applyRules, rulesOf } from "../src/engine/forecast/apply-rules";
import type { Application } from "../src/engine/budget/table";
import { serialToISO } from "../src/engine/budget/dates";

const H = ["recipient", "project", "policy", "programme", "route", "amount", "domestic", "date"];
const WAN = 10000 * 100; // 1万元 in fen

test("滨江 2025 算力券: monthly requested counts what reached the pool, after the per-company cap", () => {
  // （六）: 30% of non-domestic compute, 单家企业最高2000万元; 每年安排最高1亿元“算力券” (the pool).
  const rows = [
    ["A", "p", "滨江", "算力券", "", 5000e4, false, "2026-01-10"], // 1500万
    ...["B", "C", "D", "E"].map((c) => [c, "p", "滨江", "算力券", "", 10000e4, false, "2026-02-10"]), // 2000万 each (cap)
    ["F", "p", "滨江", "算力券", "", 1000e4, false, "2026-02-20"], // 300万: 9800万 used, 200万 left
    ["A", "q", "滨江", "算力券", "", 5000e4, false, "2026-03-10"], // 1500万 on its own, 500万 after A's cap, 200万 from the pool
    ["G", "p", "滨江", "算力券", "", 1000e4, false, "2026-04-10"], // 300万 asked, the pool is used up: 0
  ];
  const apps = budget.readTable([H, ...rows], 2026).rows.map((p) => (p.ok === true ? p.app : null)).filter((a): a is Application => a !== null);
  const priced = applyRules(rulesOf(defaultEngine()), apps, "fcfs");
  const pool = priced.pools.find((p) => p.pool === "compute" && p.year === 2026)!;
  expect(pool.limit).toBe(10000 * WAN);
  expect(pool.requested).toBe(10600 * WAN); // 1500 + 8000 + 300 + 500 + 300 万
  expect([...pool.requestedByMonth.slice(0, 4)]).toEqual([1500 * WAN, 9800 * WAN, 10300 * WAN, 10600 * WAN]);
  expect([...pool.awardedByMonth.slice(0, 4)]).toEqual([1500 * WAN, 9800 * WAN, 10000 * WAN, 10000 * WAN]);
  expect(serialToISO(pool.exhaustion!)).toBe("2026-03-10"); // the requests pass 1亿 with A's second row
});
