// Percentiles over the trials, per pool and year and per month: what the CLI, the Excel function and
// the pane show. Nearest-rank percentiles (the smallest value with at least p of the trials at or
// below it), as FORECAST; exhaustion dates with "never" after every date, so a percentile whose share
// of trials never runs out is null.
import { serialFromUTC, serialToISO } from "../budget/dates";
import type { Accumulator, PoolAccumulator } from "./accumulate";
import type { Text } from "../text";

export interface Spread { p10: number; p50: number; p90: number }
export interface MonthSummary {
  /** YYYY-MM */
  month: string;
  /** Share of trials in which the pool is used up by the end of the month. */
  pExhausted: number;
  /** Cumulative awarded by the end of the month, 元. */
  awarded: Spread;
  requested: { p50: number };
  unmet: { p50: number };
}
export interface PoolForecast {
  /** `${version} ${pool}`, as `award-model exposure --json` names it. */
  pool: string;
  version: string;
  jurisdiction: string;
  poolId: string;
  label: Text;
  year: number;
  limit: number;
  pExhausted: number;
  exhaustion: { p10: string | null; p50: string | null; p90: string | null };
  awarded: Spread;
  requested: Spread;
  unmet: Spread;
  months: MonthSummary[];
}
export interface PoolDifference {
  /** The baseline pool it is compared with. */
  baseline: string;
  /** Reform − baseline: the share of trials exhausted, and per-trial differences (common random numbers). */
  pExhausted: number;
  awarded: Spread;
  unmet: { p50: number };
  months: { month: string; pExhausted: number; awarded: { p50: number }; unmet: { p50: number } }[];
}

const rank = (n: number, p: number) => Math.max(1, Math.ceil(p * n)) - 1;

function spreadOf(values: Float64Array, scale = 100): Spread {
  const s = Float64Array.from(values).sort();
  return { p10: s[rank(s.length, 0.1)] / scale, p50: s[rank(s.length, 0.5)] / scale, p90: s[rank(s.length, 0.9)] / scale };
}

function column(arr: Float64Array, m: number, n: number): Float64Array {
  const out = new Float64Array(n);
  for (let t = 0; t < n; t++) out[t] = arr[12 * t + m];
  return out;
}
function minus(a: Float64Array, b: Float64Array): Float64Array {
  const out = new Float64Array(a.length);
  for (let i = 0; i < a.length; i++) out[i] = a[i] - b[i];
  return out;
}

const monthEnd = (year: number, m: number) => serialFromUTC(Date.UTC(year, m + 1, 1)) - 1;
const monthName = (year: number, m: number) => `${year}-${String(m + 1).padStart(2, "0")}`;
/** Later than any date: a trial whose exhaustion is at or before it ran out at all. */
const EVER = Number.MAX_VALUE;
const share = (ex: Float64Array, by: number) => ex.reduce((n, e) => (e <= by ? n + 1 : n), 0) / ex.length;

function summarizePool(a: PoolAccumulator, n: number): PoolForecast {
  const ex = Float64Array.from(a.exhaustion).sort();
  const date = (p: number) => {
    const e = ex[rank(n, p)];
    return e === Infinity ? null : serialToISO(e);
  };
  const months: MonthSummary[] = [];
  for (let m = 0; m < 12; m++) {
    const aw = column(a.awardedByMonth, m, n);
    const rq = column(a.requestedByMonth, m, n);
    months.push({
      month: monthName(a.year, m),
      pExhausted: share(a.exhaustion, monthEnd(a.year, m)),
      awarded: spreadOf(aw),
      requested: { p50: spreadOf(rq).p50 },
      unmet: { p50: spreadOf(minus(rq, aw)).p50 },
    });
  }
  return {
    pool: a.name, version: a.version, jurisdiction: a.jurisdiction, poolId: a.pool, label: a.label, year: a.year, limit: a.limit / 100,
    pExhausted: share(a.exhaustion, EVER),
    exhaustion: { p10: date(0.1), p50: date(0.5), p90: date(0.9) },
    awarded: spreadOf(a.awarded), requested: spreadOf(a.requested), unmet: spreadOf(minus(a.requested, a.awarded)), months,
  };
}

const byName = (x: PoolAccumulator, y: PoolAccumulator) => (x.year !== y.year ? x.year - y.year : x.name < y.name ? -1 : x.name > y.name ? 1 : 0);

/** Every pool and year met in any trial, in year then name order. */
export function summarize(acc: Accumulator): PoolForecast[] {
  return [...acc.pools.values()].sort(byName).map((a) => summarizePool(a, acc.count));
}

/** Pools of two runs are the same pool when jurisdiction, pool id and year match (the versions may differ). */
const matchKey = (a: PoolAccumulator) => `${a.jurisdiction}|${a.pool}|${a.year}`;

/** Reform − baseline per pool, per trial (the same drawn applications in both). */
export function differences(base: Accumulator, reform: Accumulator): Map<string, PoolDifference> {
  const n = base.count;
  const count = new Map<string, number>();
  for (const a of base.pools.values()) count.set(matchKey(a), (count.get(matchKey(a)) ?? 0) + 1);
  const baseBy = new Map([...base.pools.values()].filter((a) => count.get(matchKey(a)) === 1).map((a) => [matchKey(a), a]));
  const out = new Map<string, PoolDifference>();
  for (const [k, r] of reform.pools) {
    const b = baseBy.get(matchKey(r));
    if (!b) continue;
    const months = [];
    for (let m = 0; m < 12; m++) {
      const end = monthEnd(r.year, m);
      const ra = column(r.awardedByMonth, m, n);
      const ba = column(b.awardedByMonth, m, n);
      months.push({
        month: monthName(r.year, m),
        pExhausted: share(r.exhaustion, end) - share(b.exhaustion, end),
        awarded: { p50: spreadOf(minus(ra, ba)).p50 },
        unmet: { p50: spreadOf(minus(minus(column(r.requestedByMonth, m, n), ra), minus(column(b.requestedByMonth, m, n), ba))).p50 },
      });
    }
    out.set(k, {
      baseline: b.name,
      pExhausted: share(r.exhaustion, EVER) - share(b.exhaustion, EVER),
      awarded: spreadOf(minus(r.awarded, b.awarded)),
      unmet: { p50: spreadOf(minus(minus(r.requested, r.awarded), minus(b.requested, b.awarded))).p50 },
      months,
    });
  }
  return out;
}
