// The forecast as one object: what `award-model forecast --json` prints, the workbook and the pane show.
import type { Accumulator } from "./accumulate";
import { differences, summarize, type PoolDifference, type PoolForecast } from "./summarize";

export interface RecipientForecast { recipient: string; requestedMean: number; awardedMean: number }
export interface ForecastReport {
  trials: number;
  seed: number;
  method: string;
  pools: PoolForecast[];
  recipients: RecipientForecast[];
  compare?: { policy: string; pools: (PoolForecast & { difference: PoolDifference | null })[]; recipients: RecipientForecast[] };
  /** Rows the rules could not price, with the share of trials in which they came. */
  errors: { line: number; code: string; message: { en: string; zh: string }; trials: number }[];
}

function recipients(acc: Accumulator): RecipientForecast[] {
  return [...acc.recipients].map(([recipient, [req, got]]) => ({ recipient, requestedMean: Math.round(req / acc.count) / 100, awardedMean: Math.round(got / acc.count) / 100 }))
    .sort((a, b) => b.awardedMean - a.awardedMean || (a.recipient < b.recipient ? -1 : 1));
}

function errors(acc: Accumulator): ForecastReport["errors"] {
  return [...acc.errors].sort((a, b) => a[0] - b[0]).map(([line, e]) => ({ line, code: e.code, message: e.message, trials: e.trials }));
}

/** The report of merged accumulators: the baseline's, and the compared policy's where there is one. */
export function forecastReport(opts: { trials: number; seed: number; method: string }, base: Accumulator, reform?: { policy: string; acc: Accumulator }): ForecastReport {
  const out: ForecastReport = { ...opts, pools: summarize(base), recipients: recipients(base), errors: errors(base) };
  if (reform) {
    const diff = differences(base, reform.acc);
    const keyOf = (p: PoolForecast) => `${p.pool}|${p.year}`;
    out.compare = {
      policy: reform.policy,
      pools: summarize(reform.acc).map((p) => ({ ...p, difference: diff.get(keyOf(p)) ?? null })),
      recipients: recipients(reform.acc),
    };
  }
  return out;
}
