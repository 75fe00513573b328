// Monte Carlo forecast of an annual pool: applications per month drawn around a mean (Poisson),
// award sizes resampled from given amounts. Integer fen throughout; a seeded PRNG, so the same
// seed gives the same numbers on every machine.
import Decimal from "decimal.js";
import { invalidNumber, invalidValue } from "../errors";
import { bi } from "../text";

/** sfc32 seeded through splitmix32: small, fast, and the same sequence everywhere. */
export class Prng {
  private a: number;
  private b: number;
  private c: number;
  private d: number;
  constructor(seed: number) {
    let s = seed >>> 0;
    const split = () => {
      s = (s + 0x9e3779b9) | 0;
      let z = s;
      z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
      z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
      return (z ^ (z >>> 16)) >>> 0;
    };
    this.a = split();
    this.b = split();
    this.c = split();
    this.d = split();
    for (let i = 0; i < 12; i++) this.next32();
  }
  /** A uniform 32-bit unsigned integer. */
  next32(): number {
    const t = (((this.a + this.b) | 0) + this.d) | 0;
    this.d = (this.d + 1) | 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) | 0;
    this.c = (this.c << 21) | (this.c >>> 11);
    this.c = (this.c + t) | 0;
    return t >>> 0;
  }
  /** A uniform number in [0, 1) with 53 random bits. */
  next(): number {
    return ((this.next32() >>> 5) * 67108864 + (this.next32() >>> 6)) / 9007199254740992;
  }
  /** A uniform integer in [0, n), n ≤ 2^32. */
  below(n: number): number {
    return Math.floor((this.next32() / 4294967296) * n);
  }
}

/** Poisson(λ) by inversion on a cumulative table; λ above 500 is drawn as a sum of smaller parts. */
export class PoissonSampler {
  private readonly parts: number;
  private readonly cdf: Float64Array;
  constructor(readonly mean: number) {
    this.parts = Math.max(1, Math.ceil(mean / 500));
    const lambda = mean / this.parts;
    // e^-λ computed with decimal.js, so the table does not depend on the platform's Math.exp.
    const p0 = new Decimal(-lambda).exp().toNumber();
    const table: number[] = [];
    let p = p0;
    let sum = 0;
    const limit = lambda + 40 * Math.sqrt(lambda) + 50;
    for (let k = 0; k <= limit; k++) {
      if (k > 0) p = (p * lambda) / k;
      sum += p;
      table.push(sum);
      if (k > lambda && sum >= 1 - 1e-16) break;
    }
    this.cdf = Float64Array.from(table);
  }
  draw(rng: Prng): number {
    if (this.mean === 0) return 0;
    let n = 0;
    const cdf = this.cdf;
    for (let part = 0; part < this.parts; part++) {
      const u = rng.next();
      let lo = 0;
      let hi = cdf.length - 1;
      if (u >= cdf[hi]) {
        n += hi;
        continue;
      }
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if (cdf[mid] > u) hi = mid;
        else lo = mid + 1;
      }
      n += lo;
    }
    return n;
  }
}

export interface ForecastInput {
  /** The pool in whole fen. */
  poolFen: number;
  /** Mean applications in each month (one per month). */
  monthlyMeans: number[];
  /** Award sizes to resample from, in whole fen. */
  amountsFen: number[];
  trials: number;
  seed: number;
  /** Calendar month (0 = January) of the first month, with its year: then the pool starts afresh each January. */
  start?: { year: number; month: number };
}

export interface ForecastMonth {
  month: number;
  /** YYYY-MM where a start month is given. */
  calendar?: string;
  /** Share of trials in which the pool is exhausted by the end of the month. */
  probabilityExhausted: number;
  /** Amount committed by the end of the month (at most the pool), in whole fen: 10th percentile, median, 90th. */
  p10: number;
  median: number;
  p90: number;
  /** Median of the amount applied for by the end of the month, which may exceed the pool, in fen. */
  demandMedian: number;
}

/** Largest pool or award FORECAST takes, in 元: keeps every running total in fen an exact integer. */
export const FORECAST_MAX_YUAN = new Decimal("1e13");
export const MAX_TRIALS = 100000;
export const MAX_MEAN = 1000000;

/** Nearest-rank percentile of sorted values: the smallest value with at least p of them at or below it. */
function percentile(sorted: Float64Array, p: number): number {
  const rank = Math.max(1, Math.ceil(p * sorted.length));
  return sorted[rank - 1];
}

/** The most awards one FORECAST may draw: about 3 s at the benchmarked 60 million draws a second. */
export const MAX_FORECAST_DRAWS = 200_000_000;

export function forecast(input: ForecastInput): ForecastMonth[] {
  const { poolFen, monthlyMeans, amountsFen, trials, seed, start } = input;
  if (!Number.isInteger(trials) || trials < 1 || trials > MAX_TRIALS) throw invalidNumber(bi(`trials must be a whole number from 1 to ${MAX_TRIALS}.`, `trials 须为 1 至 ${MAX_TRIALS} 之间的整数。`));
  if (amountsFen.length === 0) throw invalidValue(bi("amounts is empty: give at least one award amount to resample from.", "金额为空：请至少给一个用于重抽样的资助金额。"));
  for (const m of monthlyMeans) {
    if (!Number.isFinite(m) || m < 0 || m > MAX_MEAN) {
      throw invalidValue(bi(
        `monthly applications ${m} is not a mean number of applications: give a number from 0 to ${MAX_MEAN}.`,
        `月申请数 ${m} 不是平均申请数：请填 0 至 ${MAX_MEAN} 之间的数。`,
      ));
    }
  }
  // A cell must answer in seconds, not hours (it runs in Excel's runtime): bound the awards drawn.
  const draws = trials * monthlyMeans.reduce((a, b) => a + b, 0);
  if (draws > MAX_FORECAST_DRAWS) {
    const [about, limit] = [Math.round(draws).toLocaleString("en-US"), MAX_FORECAST_DRAWS.toLocaleString("en-US")];
    throw invalidNumber(bi(
      `FORECAST would draw about ${about} awards (trials × applications over the months); the limit is ${limit} (a few seconds): lower trials, months or monthly_applications.`,
      `FORECAST 将抽取约 ${about} 笔资助（trials × 各月申请数），上限为 ${limit}（约几秒）：请调低 trials、months 或 monthly_applications。`,
    ));
  }
  const months = monthlyMeans.length;
  const samplers = new Map<number, PoissonSampler>();
  const sampler = monthlyMeans.map((m) => {
    let s = samplers.get(m);
    if (!s) samplers.set(m, (s = new PoissonSampler(m)));
    return s;
  });
  const rng = new Prng(seed);
  const demand = Array.from({ length: months }, () => new Float64Array(trials));
  const count = amountsFen.length;
  for (let t = 0; t < trials; t++) {
    let cum = 0;
    for (let m = 0; m < months; m++) {
      if (start && m > 0 && (start.month + m) % 12 === 0) cum = 0; // a fresh annual pool each January
      const n = sampler[m].draw(rng);
      for (let i = 0; i < n; i++) cum += amountsFen[rng.below(count)];
      if (cum > Number.MAX_SAFE_INTEGER) throw invalidNumber(bi("the amounts applied for add up to more than 9×10^13 元 in a trial: lower the amounts or the applications a month.", "一次模拟中申请金额合计超过 9×10^13 元：请调低金额或每月申请数。"));
      demand[m][t] = cum;
    }
  }
  const out: ForecastMonth[] = [];
  for (let m = 0; m < months; m++) {
    const d = demand[m];
    let exhausted = 0;
    for (let t = 0; t < trials; t++) if (d[t] >= poolFen) exhausted++;
    d.sort();
    const committed = (v: number) => Math.min(v, poolFen);
    const calendar = start && `${start.year + Math.floor((start.month + m) / 12)}-${String(((start.month + m) % 12) + 1).padStart(2, "0")}`;
    out.push({
      month: m + 1,
      ...(calendar ? { calendar } : {}),
      probabilityExhausted: exhausted / trials,
      p10: committed(percentile(d, 0.1)),
      median: committed(percentile(d, 0.5)),
      p90: committed(percentile(d, 0.9)),
      demandMedian: percentile(d, 0.5),
    });
  }
  return out;
}
