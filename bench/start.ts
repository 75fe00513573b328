// How long award-model takes to answer one formula, against a bare `node -e 0`, both started here,
// alternately, in the same run. Builds the bundle first when a source is newer (scripts/build-cli.js).
import { execFileSync, spawnSync } from "child_process";
import * as path from "path";

const ROOT = path.resolve(__dirname, "..");
const BIN = path.join(ROOT, "bin/award-model.js");
const FORMULA = '=AWARD.COMPUTE_VOUCHER("hangzhou-binjiang","compute",20000000,TRUE,2026)';
const RUNS = Number(process.env.BENCH_START_RUNS) || 15;

function startMs(args: string[]): number {
  const t = process.hrtime.bigint();
  const r = spawnSync(process.execPath, args, { encoding: "utf8" });
  const ms = Number(process.hrtime.bigint() - t) / 1e6;
  if (r.status !== 0) throw new Error(`${args.join(" ")} failed: ${r.stderr}`);
  return ms;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

export function benchStart(): void {
  execFileSync(process.execPath, [path.join(ROOT, "scripts/build-cli.js"), "--if-stale"], { stdio: "inherit" });
  const bare: number[] = [];
  const cli: number[] = [];
  startMs(["-e", "0"]);
  startMs([BIN, "eval", FORMULA]); // warm the file cache
  for (let i = 0; i < RUNS; i++) {
    bare.push(startMs(["-e", "0"]));
    cli.push(startMs([BIN, "eval", FORMULA]));
  }
  const b = median(bare);
  const c = median(cli);
  console.log(`start: award-model eval (one formula) ${c.toFixed(0)} ms, node -e 0 ${b.toFixed(0)} ms (medians of ${RUNS}): ${(c / b).toFixed(2)}× (target ≤ 2×)`);
}
