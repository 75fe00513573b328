// Trial results streamed into one accumulator per pool and year: a few numbers per trial, so memory
// grows with the pools and the trials, never with trials × applications. Accumulators of disjoint
// trial ranges (threads) merge into one.
import type { PoolIdentity, Priced } from "./apply-rules";

export interface PoolAccumulator extends PoolIdentity {
  /** Per trial (index t − first), in fen: awarded, requested; exhaustion serial or +Infinity (never). */
  awarded: Float64Array;
  requested: Float64Array;
  exhaustion: Float64Array;
  /** Per trial, 12 months each: cumulative awarded and requested by the end of the month. */
  awardedByMonth: Float64Array;
  requestedByMonth: Float64Array;
}

export interface Accumulator {
  /** First trial and number of trials held. */
  first: number;
  count: number;
  pools: Map<string, PoolAccumulator>;
  /** recipient → [sum over trials of requested, of awarded], fen. */
  recipients: Map<string, [number, number]>;
  /** line → first error met there, and in how many trials. */
  errors: Map<number, { message: { en: string; zh: string }; code: string; trials: number }>;
}

export function newAccumulator(first: number, count: number): Accumulator {
  return { first, count, pools: new Map(), recipients: new Map(), errors: new Map() };
}

/** An empty accumulator of a pool for `count` trials: nothing awarded, never exhausted. */
function poolAccumulator(p: PoolIdentity, count: number): PoolAccumulator {
  return {
    name: p.name, version: p.version, jurisdiction: p.jurisdiction, pool: p.pool, year: p.year, label: p.label, limit: p.limit,
    awarded: new Float64Array(count), requested: new Float64Array(count), exhaustion: new Float64Array(count).fill(Infinity),
    awardedByMonth: new Float64Array(12 * count), requestedByMonth: new Float64Array(12 * count),
  };
}

function addRecipients(to: Map<string, [number, number]>, from: Map<string, [number, number]>): void {
  for (const [who, [req, got]] of from) {
    const r = to.get(who);
    if (r) {
      r[0] += req;
      r[1] += got;
    } else to.set(who, [req, got]);
  }
}

/** Adds trial t's priced applications. A pool that a trial never reaches stays at 0, never exhausted. */
export function addTrial(acc: Accumulator, t: number, priced: Priced): void {
  const i = t - acc.first;
  for (const p of priced.pools) {
    const k = `${p.name}|${p.year}`;
    let a = acc.pools.get(k);
    if (!a) acc.pools.set(k, (a = poolAccumulator(p, acc.count)));
    a.awarded[i] = p.awarded;
    a.requested[i] = p.requested;
    a.exhaustion[i] = p.exhaustion === null ? Infinity : p.exhaustion;
    a.awardedByMonth.set(p.awardedByMonth, 12 * i);
    a.requestedByMonth.set(p.requestedByMonth, 12 * i);
  }
  addRecipients(acc.recipients, priced.recipients);
  for (const { line, error } of priced.errors) {
    const e = acc.errors.get(line);
    if (e) e.trials++;
    else acc.errors.set(line, { message: error.text, code: error.code, trials: 1 });
  }
}

/** Merges accumulators of disjoint trial ranges covering [0, trials). */
export function mergeAccumulators(parts: readonly Accumulator[], trials: number): Accumulator {
  const out = newAccumulator(0, trials);
  for (const part of parts) {
    for (const [k, a] of part.pools) {
      let m = out.pools.get(k);
      if (!m) {
        out.pools.set(k, (m = poolAccumulator(a, trials)));
      }
      m.awarded.set(a.awarded, part.first);
      m.requested.set(a.requested, part.first);
      m.exhaustion.set(a.exhaustion, part.first);
      m.awardedByMonth.set(a.awardedByMonth, 12 * part.first);
      m.requestedByMonth.set(a.requestedByMonth, 12 * part.first);
    }
    addRecipients(out.recipients, part.recipients);
    for (const [line, e] of part.errors) {
      const o = out.errors.get(line);
      if (o) o.trials += e.trials;
      else out.errors.set(line, { ...e });
    }
  }
  return out;
}
