// The geometry of a fan chart: cumulative awards by month (p10–p90 band, median) against the pool,
// as SVG path strings. Pure: the CLI's HTML report and the task pane draw the same picture.
import type { PoolForecast } from "./summarize";

export interface FanGeometry {
  width: number;
  height: number;
  /** p10–p90 band (closed path), median line, pool line, reform median (dashed) where compared. */
  band: string;
  median: string;
  limit: string;
  /** y of the pool line, for its label. */
  limitY: number;
  reform: string | null;
  /** Probability of exhaustion by month as a step line on the same box (0 at the bottom, 1 at the top). */
  exhausted: string;
  /** x of each month's end, for labels. */
  monthX: number[];
  /** Largest amount on the y axis, 元. */
  top: number;
}

const f = (n: number) => (Math.round(n * 10) / 10).toString();

export function fanGeometry(pool: PoolForecast, width: number, height: number, reform?: PoolForecast): FanGeometry {
  const pad = { l: 4, r: 4, t: 14, b: 10 };
  const w = width - pad.l - pad.r;
  const h = height - pad.t - pad.b;
  const months = pool.months;
  const top = Math.max(pool.limit, ...months.map((m) => m.awarded.p90), ...(reform ? reform.months.map((m) => m.awarded.p90) : []), 1) * 1.05;
  const x = (i: number) => pad.l + (w * (i + 1)) / months.length;
  const y = (v: number) => pad.t + h - (h * v) / top;
  const line = (vals: number[]) => [`M${f(pad.l)},${f(y(0))}`, ...vals.map((v, i) => `L${f(x(i))},${f(y(v))}`)].join(" ");
  const hi = months.map((m) => m.awarded.p90);
  const lo = months.map((m) => m.awarded.p10);
  const band = `${line(hi)} ${lo.map((_, i) => `L${f(x(lo.length - 1 - i))},${f(y(lo[lo.length - 1 - i]))}`).join(" ")} L${f(pad.l)},${f(y(0))} Z`;
  const py = (p: number) => pad.t + h - h * p;
  const exhausted = [`M${f(pad.l)},${f(py(0))}`, ...months.map((m, i) => `H${f(x(i))} V${f(py(m.pExhausted))}`)].join(" ");
  return {
    width, height, band, median: line(months.map((m) => m.awarded.p50)),
    limit: `M${f(pad.l)},${f(y(pool.limit))} H${f(pad.l + w)}`,
    limitY: y(pool.limit),
    reform: reform ? line(reform.months.map((m) => m.awarded.p50)) : null,
    exhausted, monthX: months.map((_, i) => x(i)), top,
  };
}
