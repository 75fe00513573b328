// One trial's applications drawn from a pipeline: the same draws whatever policy prices them
// (common random numbers), in the pipeline's order, so a certain row is the applications table's row.
import { serialYear } from "../budget/dates";
import type { Application } from "../budget/table";
import type { Pipeline, PipelineRow } from "./pipeline";
import { bernoulli, poisson, triangular, uniformInt, type Prng } from "./random";

const yearOf = new Map<number, number>();
function yearOfSerial(serial: number): number {
  let y = yearOf.get(serial);
  if (y === undefined) {
    if (yearOf.size > 200000) yearOf.clear();
    yearOf.set(serial, (y = serialYear(serial)));
  }
  return y;
}

/** One application of a row, its amount and date drawn where they are uncertain. */
function instance(row: PipelineRow, rng: Prng, index: number, k: number): Application {
  // A row with a count stands for that many different applicants: each its own recipient.
  const app = row.count === null ? row.app : { ...row.app, recipient: `${row.app.recipient} #${k + 1}` };
  if (row.range === null && row.window === null) return index === app.index ? app : { ...app, index };
  const amount = row.range === null ? app.amount : Math.round(triangular(rng, row.range.low, row.range.mode, row.range.high) * 100) / 100;
  const date = row.window === null ? app.date : uniformInt(rng, row.window.from, row.window.to);
  const year = row.fixedYear || date === null ? app.year : yearOfSerial(date);
  return { ...app, index, amount, date, year };
}

/**
 * The applications of one trial. Every row consumes its draws in a fixed order (count, then for each
 * application: whether it comes, its amount, its date), so trials are reproducible row by row.
 */
export function drawTrial(pipeline: Pipeline, rng: Prng): Application[] {
  const out: Application[] = [];
  for (const row of pipeline.rows) {
    const n = row.count === null ? 1 : poisson(rng, row.count);
    for (let k = 0; k < n; k++) {
      const comes = bernoulli(rng, row.probability);
      // the amount and date are drawn whether or not it comes, so one row's chance never shifts another's draws
      const app = instance(row, rng, out.length, k);
      if (comes) out.push(app.index === out.length ? app : { ...app, index: out.length });
    }
  }
  return out;
}
