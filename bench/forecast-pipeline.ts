// award-model forecast's engine on a generated 1,000-row pipeline over three years (2026–2028), 1,000
// trials, split over worker threads as the command line does; against a baseline in the same run: the
// portfolio (exposure) on one draw of the pipeline, × trials — what the rules alone cost.
import { execFileSync, spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { budget, defaultEngine } from "../src/engine";
import * as fc from "../src/engine/forecast";
import { loadPipeline, runForecast, type RunSpec } from "../src/cli/forecast-run";

const ROWS = Number(process.env.BENCH_PIPELINE_ROWS ?? 1000);
const TRIALS = Number(process.env.BENCH_TRIALS ?? 1000);

const KINDS: [string, string, string, number][] = [
  ["广州", "算力券", "standard", 600], ["广州", "算力券", "large-model", 4000], ["广州", "数据券", "usage", 800], ["广州", "模型券", "first-purchaser", 500],
  ["滨江", "算力券", "", 3000], ["滨江", "语料券", "", 900], ["滨江", "模型券", "", 900], ["滨江", "创新券", "", 300],
];
const HEADER = ["申请单位", "项目", "政策", "项目类型", "路径", "金额", "最低", "最高", "概率", "从", "至"];

/** 1,000 expected applications: 600 recipients, amounts uncertain (±50%), 80% likely, dated within their year. */
export function generatePipeline(n: number): (string | number)[][] {
  const prng = new budget.Prng(2026);
  const rows: (string | number)[][] = [];
  for (let i = 0; i < n; i++) {
    const [policy, programme, route, maxWan] = KINDS[prng.below(KINDS.length)];
    const year = 2026 + prng.below(3);
    const mode = Math.round((0.3 + 0.7 * prng.next()) * maxWan) * 10000;
    // 滨江 2025 is in force to 2028-06-09: its 2028 rows come by May
    const month = 1 + prng.below(policy === "滨江" && year === 2028 ? 4 : 11);
    rows.push([`企业${prng.below(600)}`, `项目${prng.below(3)}`, policy, programme, route, mode, Math.round(mode * 0.5), Math.round(mode * 1.5), 0.8,
      `${year}-${String(month).padStart(2, "0")}-01`, `${year}-${String(month + 1).padStart(2, "0")}-28`]);
  }
  return rows;
}

export async function benchBudgetForecast(): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "award-bench-forecast-"));
  try {
    const file = path.join(dir, "pipeline.csv");
    fs.writeFileSync(file, [HEADER, ...generatePipeline(ROWS)].map((r) => r.join(",")).join("\n") + "\n");
    const { pipeline } = await loadPipeline(file, 2026);
    // Baseline: the rules on one draw, the cost a trial cannot avoid.
    const engine = defaultEngine();
    const rules = fc.rulesOf(engine);
    const apps = fc.drawTrial(pipeline, fc.trialRng(1, 0));
    for (let i = 0; i < 3; i++) fc.applyRules(rules, apps, "fcfs");
    const reps = 20;
    let t0 = process.hrtime.bigint();
    for (let i = 0; i < reps; i++) budget.runPortfolio(engine.resolver, apps.map((app) => ({ ok: true as const, app })), { method: "fcfs", clauseAward: rules.clauseAward });
    const portfolioMs = Number(process.hrtime.bigint() - t0) / 1e6 / reps;
    const threads = Math.min(2, os.availableParallelism?.() ?? os.cpus().length);
    const spec: RunSpec = { file, year: 2026, trials: TRIALS, seed: 1, method: "fcfs", compare: null, variants: [] };
    const rssBefore = process.memoryUsage().rss;
    t0 = process.hrtime.bigint();
    const [acc] = await runForecast(spec, pipeline, threads);
    const ms = Number(process.hrtime.bigint() - t0) / 1e6;
    const report = fc.forecastReport({ trials: TRIALS, seed: 1, method: "fcfs" }, acc);
    const baseline = portfolioMs * TRIALS;
    console.log(`forecast ${ROWS.toLocaleString("en-US")}-row pipeline (≈${apps.length} applications a trial, 2026–2028) × ${TRIALS.toLocaleString("en-US")} trials on ${threads} thread(s): ${(ms / 1000).toFixed(2)} s (${(ms / TRIALS).toFixed(1)} ms a trial); ` +
      `baseline, the portfolio alone on one draw × ${TRIALS} on 1 thread: ${(baseline / 1000).toFixed(2)} s (${portfolioMs.toFixed(1)} ms a draw); ratio ${(ms / baseline).toFixed(2)}; target 5 s`);
    console.log(`  ${report.pools.length} pool-years; main-thread RSS ${(rssBefore / 2 ** 20).toFixed(0)} → ${(process.memoryUsage().rss / 2 ** 20).toFixed(0)} MiB; ` +
      `accumulators ${(([...acc.pools.values()].length * TRIALS * 27 * 8) / 2 ** 20).toFixed(1)} MiB (pools × trials, not trials × rows)`);
    const p = report.pools.find((x) => x.pool === "guangzhou@draft total" && x.year === 2027);
    if (p) console.log(`  (guangzhou@draft total 2027: P(used up) ${p.pExhausted}, awarded p50 ${p.awarded.p50} 元)`);
    benchShippedCommand(file, threads, baseline);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * The command as users run it: the bundled award-model (its threads start from the bundle, not from
 * the TypeScript sources as above), end to end with reading the pipeline and printing --json.
 */
function benchShippedCommand(file: string, threads: number, baselineMs: number): void {
  const root = path.resolve(__dirname, "..");
  execFileSync(process.execPath, [path.join(root, "scripts/build-cli.js"), "--if-stale"], { stdio: "ignore" });
  const args = [path.join(root, "bin/award-model.js"), "forecast", file, "--trials", String(TRIALS), "--year", "2026", "--threads", String(threads), "--json"];
  const t0 = process.hrtime.bigint();
  const r = spawnSync(process.execPath, args, { encoding: "utf8", maxBuffer: 64 * 2 ** 20, env: { ...process.env, LC_ALL: "C.UTF-8" } });
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  if (r.status !== 0 && r.status !== 1) {
    console.log(`  award-model forecast failed (exit ${r.status}): ${r.stderr.split("\n")[0]}`);
    return;
  }
  console.log(`  award-model forecast (the bundled command, end to end, ${threads} thread(s)): ${(ms / 1000).toFixed(2)} s; ratio ${(ms / baselineMs).toFixed(2)} to the baseline; ` +
    `target 5 s ${ms <= 5000 ? "met" : "NOT met"}`);
}

if (require.main === module) void benchBudgetForecast();
