// The draws of a forecast, from the engine's seeded generator (sfc32, the one FORECAST uses): only
// integer arithmetic, IEEE-exact operations (+ − × ÷ √) and decimal.js, so the same seed gives the
// same numbers on every machine. Each trial has its own stream, derived from the seed and the trial's
// number, so the trials can be split among threads without changing a figure.
import { PoissonSampler, Prng } from "../budget/forecast";

export { Prng, PoissonSampler };

/** The generator of trial t (0-based) of a run seeded with seed. */
export function trialRng(seed: number, trial: number): Prng {
  let z = Math.imul((seed >>> 0) ^ 0x5bd1e995, 0x9e3779b1) ^ Math.imul(trial + 1, 0x85ebca6b);
  z = Math.imul(z ^ (z >>> 15), 0xc2b2ae35);
  return new Prng((z ^ (z >>> 13)) >>> 0);
}

/** True with probability p (p ≥ 1 draws nothing, so a certain row uses no randomness). */
export function bernoulli(rng: Prng, p: number): boolean {
  if (p >= 1) return true;
  if (p <= 0) return false;
  return rng.next() < p;
}

const samplers = new Map<number, PoissonSampler>();
/** A Poisson count of mean λ (the sampler's cumulative table is built once per mean). */
export function poisson(rng: Prng, mean: number): number {
  let s = samplers.get(mean);
  if (!s) {
    if (samplers.size > 10000) samplers.clear();
    samplers.set(mean, (s = new PoissonSampler(mean)));
  }
  return s.draw(rng);
}

/**
 * The quantile of the triangular distribution on [low, high] with mode `mode` at u ∈ [0, 1):
 * low + √(u(high−low)(mode−low)) below the mode, high − √((1−u)(high−low)(high−mode)) above it.
 */
export function triangularQuantile(u: number, low: number, mode: number, high: number): number {
  if (high <= low) return mode;
  const width = high - low;
  const split = (mode - low) / width;
  return u < split ? low + Math.sqrt(u * width * (mode - low)) : high - Math.sqrt((1 - u) * width * (high - mode));
}

/** A triangular draw (low ≤ mode ≤ high); a degenerate range draws nothing. */
export function triangular(rng: Prng, low: number, mode: number, high: number): number {
  if (high <= low) return mode;
  return triangularQuantile(rng.next(), low, mode, high);
}

/** A whole number uniform in [from, to] (dates as serial numbers). */
export function uniformInt(rng: Prng, from: number, to: number): number {
  if (to <= from) return from;
  return from + rng.below(to - from + 1);
}
