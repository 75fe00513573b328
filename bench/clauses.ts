// BENCH=clauses npm run bench: AWARD.CLAUSE through the function entry Excel calls, over every route of
// every clause of the five texts with generated inputs, and EXPLAIN (which builds the trace).
import { clause, explain } from "../src/functions/clauses";
import { defaultEngine } from "../src/engine";

const CALLS = Number(process.env.BENCH_CALLS ?? 200_000);

export function benchClauses(): void {
  const engine = defaultEngine();
  // One call per route of every clause, with a base and every other input it reads.
  const calls: unknown[][] = [];
  let seed = 7;
  const next = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
  for (const v of engine.registry.allVersions()) {
    const year = v.inForce ? Number(v.inForce.from.slice(0, 4)) : 2026;
    for (const c of v.clauses) {
      for (const r of c.routes) {
        const pairs = r.inputs.filter((s) => s.required).map((s) => [s.name,
          s.type === "rate" ? 0.1 + next() * 0.3 : s.type === "count" ? Math.floor(next() * 2e9) : Math.round(next() * 5e7)]);
        calls.push([v.key, c.id, pairs.length ? pairs : null, r.id, year]);
      }
    }
  }
  let sink = 0;
  for (let i = 0; i < 10000; i++) sink += clause(...(calls[i % calls.length] as [unknown, unknown, unknown, unknown, unknown]));
  let t0 = process.hrtime.bigint();
  for (let i = 0; i < CALLS; i++) sink += clause(...(calls[i % calls.length] as [unknown, unknown, unknown, unknown, unknown]));
  const s1 = Number(process.hrtime.bigint() - t0) / 1e9;
  const n2 = Math.floor(CALLS / 10);
  t0 = process.hrtime.bigint();
  for (let i = 0; i < n2; i++) sink += explain(...(calls[i % calls.length] as [unknown, unknown, unknown, unknown, unknown])).length;
  const s2 = Number(process.hrtime.bigint() - t0) / 1e9;
  console.log(`${calls.length} clause routes over ${engine.registry.allVersions().length} versions`);
  console.log(`CLAUSE:  ${Math.round(CALLS / s1).toLocaleString("en")} calls/s (${((s1 / CALLS) * 1e6).toFixed(1)} µs a call)`);
  console.log(`EXPLAIN: ${Math.round(n2 / s2).toLocaleString("en")} calls/s (${((s2 / n2) * 1e6).toFixed(1)} µs a call)`);
  if (Number.isNaN(sink)) console.log(sink);
}

if (require.main === module) benchClauses();
