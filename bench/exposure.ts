// award-model exposure on a generated 100,000-row applications table (CSV and XLSX), then on a
// 1,000,000-row one with --out (BENCH_BIG_ROWS; issue 12's target: 60 s and 1 GiB on two cores):
// time and peak memory, each run in its own process so that its peak RSS is its own, through the
// built command (lib/award-model.js, rebuilt first), as users run it.
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import ExcelJS from "exceljs";
import { budget } from "../src/engine";

const ROWS = Number(process.env.BENCH_ROWS ?? 100_000);
/** The province-sized run of issue 12: CSV in, .xlsx out with every trace (0 skips it). */
const BIG_ROWS = Number(process.env.BENCH_BIG_ROWS ?? 1_000_000);
const TARGET = { seconds: 60, rssMiB: 1024 };

/** The engine's seeded generator (the one FORECAST uses), so every run times the same inputs. */
function rng(seed: number): () => number {
  const prng = new budget.Prng(seed);
  return () => prng.next();
}

const KINDS: [string, string, string, number][] = [
  ["滨江", "算力券", "", 3000], ["滨江", "语料券", "", 900], ["滨江", "模型券", "", 900], ["滨江", "创新券", "", 300],
  ["广州", "算力券", "", 1000], ["广州", "算力券", "large-model", 4000], ["广州", "数据券", "usage", 800], ["广州", "数据券", "benchmark", 0],
  ["广州", "模型券", "first-purchaser", 600], ["广州", "模型券", "filing", 0], ["廊坊", "算力券", "local-platform", 300], ["廊坊", "算力券", "new-entrant", 0],
];

/** One application a row: 5,000 recipients, a few projects each, dates through 2025 (廊坊) and 2026. */
export function generateRows(n: number, seed = 0): (string | number | boolean)[][] {
  const next = rng(100000 + seed);
  const rows: (string | number | boolean)[][] = [];
  for (let i = 0; i < n; i++) {
    const [policy, programme, route, maxWan] = KINDS[Math.floor(next() * KINDS.length)];
    const recipient = `企业${Math.floor(next() * 5000)}`;
    const project = `项目${Math.floor(next() * 4)}`;
    const amount = maxWan === 0 ? "" : Math.round(next() * maxWan * 100) * 100;
    const year = policy === "廊坊" ? 2025 : 2026;
    const date = `${year}-${String(1 + Math.floor(next() * 12)).padStart(2, "0")}-${String(1 + Math.floor(next() * 28)).padStart(2, "0")}`;
    rows.push([recipient, project, policy, programme, route, amount, next() < 0.5, date]);
  }
  return rows;
}

const HEADER = ["申请单位", "项目", "政策", "项目类型", "路径", "金额", "国产", "日期"];

const ROOT = path.resolve(__dirname, "..");

/** The command users run is the bundle (lib/award-model.js): built first from the sources as they are. */
function buildCli(): void {
  const built = spawnSync(process.execPath, [path.join(ROOT, "scripts/build-cli.js")], { cwd: ROOT, encoding: "utf8" });
  if (built.status !== 0) throw new Error(`scripts/build-cli.js failed (exit ${built.status}): ${built.stderr.trim()}`);
}

export async function benchExposure(): Promise<void> {
  buildCli();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "award-bench-"));
  try {
    const rows = generateRows(ROWS);
    const csv = path.join(dir, "applications.csv");
    fs.writeFileSync(csv, [HEADER, ...rows].map((r) => r.join(",")).join("\n") + "\n");
    const writeCsv = (file: string, n: number) => {
      const fd = fs.openSync(file, "w");
      fs.writeSync(fd, HEADER.join(",") + "\n");
      for (let done = 0; done < n; done += 100_000) fs.writeSync(fd, generateRows(Math.min(100_000, n - done), done + 1).map((r) => r.join(",")).join("\n") + "\n");
      fs.closeSync(fd);
    };
    const xlsx = path.join(dir, "applications.xlsx");
    const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: xlsx });
    const ws = wb.addWorksheet("applications");
    ws.addRow(HEADER).commit();
    for (const r of rows) ws.addRow(r).commit();
    ws.commit();
    await wb.commit();
    const fmt = (n: number) => n.toLocaleString("en-US");
    const runs: [string, number, string[]][] = [
      ["CSV in, summary only", ROWS, [csv]],
      ["XLSX in, summary only", ROWS, [xlsx]],
      ["CSV in, .xlsx out with every trace", ROWS, [csv, "--out", path.join(dir, "out.xlsx")]],
    ];
    if (BIG_ROWS > 0) {
      const big = path.join(dir, "province.csv");
      writeCsv(big, BIG_ROWS);
      runs.push(["CSV in, .xlsx out with every trace", BIG_ROWS, [big, "--out", path.join(dir, "province.xlsx")]]);
    }
    let baseline: { rows: number; ms: number } | null = null;
    for (const [label, n, args] of runs) {
      const child = spawnSync(process.execPath, [path.join(__dirname, "exposure-child.js"), ...args, "--year", "2026"], { cwd: ROOT, encoding: "utf8", maxBuffer: 1 << 24 });
      if (child.status !== 0) {
        console.log(`exposure ${fmt(n)} rows, ${label}: FAILED (exit ${child.status}, ${child.signal ?? "no signal"}): ${child.stderr.trim().split("\n").slice(-3).join(" | ")}`);
        continue;
      }
      const r = JSON.parse(child.stdout.trim().split("\n").pop()!) as { code: number; ms: number; maxRssKiB: number; peakHeapBytes: number };
      const rss = r.maxRssKiB / 1024;
      let line = `exposure ${fmt(n)} rows, ${label}: ${(r.ms / 1000).toFixed(2)} s (${fmt(Math.round(n / (r.ms / 1000)))} rows/s), peak RSS ${rss.toFixed(0)} MiB, peak heap ${(r.peakHeapBytes / 2 ** 20).toFixed(0)} MiB, exit ${r.code}`;
      if (args.includes("--out") && n === ROWS) baseline = { rows: n, ms: r.ms };
      if (n === BIG_ROWS && baseline) {
        line += `; ${(r.ms / baseline.ms).toFixed(1)}× the time of ${fmt(baseline.rows)} rows for ${(n / baseline.rows).toFixed(0)}× the rows`;
        line += `; target ${TARGET.seconds} s and ${TARGET.rssMiB} MiB: ${r.ms / 1000 <= TARGET.seconds && rss <= TARGET.rssMiB ? "met" : "NOT met"}`;
      }
      console.log(line);
    }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

if (require.main === module) void benchExposure();
