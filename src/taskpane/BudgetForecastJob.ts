// The Budget view's forecast job: the same engine as award-model forecast, run in a Web Worker (the
// pane stays responsive; cancel ends the worker) or, where there is no Worker (tests, old hosts), in
// this thread in small slices between which the page repaints and a cancel is seen.
import { engineWith } from "../engine";
import * as fc from "../engine/forecast";
import type { CellValue } from "../workbook/host";

export interface ForecastJob extends fc.ForecastSettings {
  /** The pipeline, header row first. */
  cells: CellValue[][];
  pins: Record<string, string>;
}

export type JobMessage = { kind: "progress"; done: number; total: number } | { kind: "done"; report: fc.ForecastReport } | { kind: "error"; message: string };

/** Runs a job in slices of trials, awaiting `pause` between them; stops (returns null) when `stopped()`. */
export async function runJob(job: ForecastJob, progress: (done: number, total: number) => void, pause: () => Promise<void>, stopped: () => boolean): Promise<fc.ForecastReport | null> {
  const engine = engineWith({ variants: job.variants, pins: job.pins });
  const pipeline = fc.readPipelineRange(job.cells, job.year);
  if (pipeline.bad.length > 0) {
    const b = pipeline.bad[0];
    throw new Error(`row ${b.line} 第 ${b.line} 行: ${b.error.in("en")} / ${b.error.in("zh")}`);
  }
  if (pipeline.rows.length === 0) throw new Error("the pipeline has no row 申报预测表没有数据行");
  const scenarios = fc.scenariosFor(engine, job.compare);
  const input = { pipeline, trials: job.trials, seed: job.seed, method: job.method, scenarios };
  const parts: fc.Accumulator[][] = [];
  const slice = Math.max(1, Math.min(50, Math.ceil(job.trials / 40)));
  for (let first = 0; first < job.trials; first += slice) {
    if (stopped()) return null;
    parts.push(fc.simulateRange(input, first, Math.min(slice, job.trials - first)));
    progress(Math.min(first + slice, job.trials), job.trials);
    await pause();
  }
  const merged = scenarios.map((_, s) => fc.mergeAccumulators(parts.map((p) => p[s]), job.trials));
  return fc.forecastReport({ trials: job.trials, seed: job.seed, method: job.method }, merged[0], job.compare ? { policy: job.compare, acc: merged[1] } : undefined);
}

export interface Running { promise: Promise<fc.ForecastReport | null>; cancel: () => void }

/** Starts a job: in a Web Worker where the page can make one, else in slices in this thread. */
export function startJob(job: ForecastJob, progress: (done: number, total: number) => void, makeWorker: (() => Worker) | null): Running {
  if (makeWorker) {
    let worker: Worker | null = null;
    let settle: ((r: fc.ForecastReport | null) => void) | null = null;
    const promise = new Promise<fc.ForecastReport | null>((resolve, reject) => {
      settle = resolve;
      worker = makeWorker();
      worker.onmessage = (e: MessageEvent<JobMessage>) => {
        const m = e.data;
        if (m.kind === "progress") progress(m.done, m.total);
        else {
          worker?.terminate();
          if (m.kind === "done") resolve(m.report);
          else reject(new Error(m.message));
        }
      };
      worker.onerror = (e) => {
        worker?.terminate();
        reject(new Error(e.message));
      };
      worker.postMessage(job);
    });
    return { promise, cancel: () => { worker?.terminate(); settle?.(null); } };
  }
  let cancelled = false;
  const promise = runJob(job, progress, () => new Promise((r) => setTimeout(r, 0)), () => cancelled);
  return { promise, cancel: () => { cancelled = true; } };
}
