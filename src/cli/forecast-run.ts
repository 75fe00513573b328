// Runs a forecast from a pipeline file, in this thread or split among worker threads: trial t always
// draws from trialRng(seed, t), so the figures do not depend on how the trials are split.
import * as os from "os";
import * as path from "path";
import { Worker } from "worker_threads";
import { engineWith, type Engine } from "../engine";
import * as fc from "../engine/forecast";
import { readApplicationFile, type TableRows } from "./exposure";

export interface RunSpec extends fc.ForecastSettings {
  file: string;
}

export async function loadPipeline(file: string, year: number): Promise<{ table: TableRows; pipeline: fc.Pipeline }> {
  const table = await readApplicationFile(file);
  return { table, pipeline: fc.readPipeline(table.header, table.rows, year) };
}

export function scenariosOf(spec: Pick<RunSpec, "compare" | "variants">): { engine: Engine; scenarios: fc.Scenario[] } {
  const engine = engineWith({ variants: spec.variants });
  return { engine, scenarios: fc.scenariosFor(engine, spec.compare) };
}

export function runPart(spec: RunSpec, pipeline: fc.Pipeline, first: number, count: number, progress?: (done: number) => void): fc.Accumulator[] {
  const { scenarios } = scenariosOf(spec);
  return fc.simulateRange({ pipeline, trials: spec.trials, seed: spec.seed, method: spec.method, scenarios, progress: progress && ((d) => progress(d)) }, first, count);
}

/** Young generation of each forecast thread, in MB (V8's default is 16–48). */
export const YOUNG_MB = 96;

/** Threads worth starting: one per core (at most 8), and one only for small runs (trials × expected applications). */
export function defaultThreads(trials: number, rows: number): number {
  const cores = typeof os.availableParallelism === "function" ? os.availableParallelism() : os.cpus().length;
  return trials * Math.max(1, rows) < 50000 ? 1 : Math.max(1, Math.min(8, cores, trials));
}

/** Runs every trial, split among `threads` threads; per scenario one merged accumulator. */
export async function runForecast(spec: RunSpec, pipeline: fc.Pipeline, threads: number, progress?: (done: number, total: number) => void): Promise<fc.Accumulator[]> {
  if (threads <= 1) return runPart(spec, pipeline, 0, spec.trials, progress && ((d) => progress(d, spec.trials)));
  const done = new Array(threads).fill(0);
  const parts = await Promise.all(Array.from({ length: threads }, (_, k) => {
    const first = Math.floor((spec.trials * k) / threads);
    const count = Math.floor((spec.trials * (k + 1)) / threads) - first;
    return new Promise<fc.Accumulator[]>((resolve, reject) => {
      // A larger young generation: each trial allocates a few MB of short-lived objects (the portfolio's
      // rows and decimals), and fewer scavenges make a trial about a third faster. A fixed size, not per trial.
      const w = new Worker(path.join(__dirname, "forecast-worker.js"), { workerData: { spec, first, count }, resourceLimits: { maxYoungGenerationSizeMb: YOUNG_MB } });
      w.on("message", (m: { done?: number; result?: fc.Accumulator[]; error?: string }) => {
        if (m.done !== undefined) {
          done[k] = m.done;
          progress?.(done.reduce((a, b) => a + b, 0), spec.trials);
        } else if (m.result) resolve(m.result);
        else if (m.error) reject(new Error(m.error));
      });
      w.on("error", reject);
      w.on("exit", (code) => code !== 0 && reject(new Error(`forecast thread stopped with code ${code}`)));
    });
  }));
  return parts[0].map((_, s) => fc.mergeAccumulators(parts.map((p) => p[s]), spec.trials));
}
