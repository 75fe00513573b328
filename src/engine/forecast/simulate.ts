// The simulation: N trials; each draws the pipeline once, then prices the same applications under the
// baseline and under each compared policy (common random numbers), every rule applied through
// apply-rules.ts. Trials can be run in ranges (threads) and merged: trial t always uses the stream
// trialRng(seed, t).
import type { AllocationMethod } from "../budget/allocate";
import type { Application } from "../budget/table";
import { invalidValue } from "../errors";
import { bi } from "../text";
import { addTrial, newAccumulator, type Accumulator } from "./accumulate";
import { applyRules, type Priced, type Rules } from "./apply-rules";
import { drawTrial } from "./draw";
import type { Pipeline } from "./pipeline";
import { trialRng } from "./random";

export const MAX_FORECAST_TRIALS = 100000;

/** A policy to price the pipeline under: the rules, and how each drawn application is rewritten for it. */
export interface Scenario {
  label: string;
  rules: Rules;
  /** e.g. the rows of one jurisdiction pointed at another version; identity for the baseline. */
  rewrite?: (app: Application) => Application;
}

export interface SimulationInput {
  pipeline: Pipeline;
  trials: number;
  seed: number;
  method: AllocationMethod;
  scenarios: readonly Scenario[];
  /** Called now and then with the trials done (of this range). */
  progress?: (done: number, total: number) => void;
}

export function checkTrials(trials: number, seed: number): void {
  if (!Number.isInteger(trials) || trials < 1 || trials > MAX_FORECAST_TRIALS) {
    throw invalidValue(bi(`trials ${trials} is not a whole number from 1 to ${MAX_FORECAST_TRIALS}.`, `试验次数 ${trials} 不是 1 至 ${MAX_FORECAST_TRIALS} 之间的整数。`));
  }
  if (!Number.isInteger(seed) || seed < 0 || seed > 4294967295) {
    throw invalidValue(bi(`seed ${seed} is not a whole number from 0 to 4294967295.`, `随机种子 ${seed} 不是 0 至 4294967295 之间的整数。`));
  }
}

/** One trial's applications priced under each scenario (the same draws in all: common random numbers). */
function price(input: SimulationInput, apps: Application[]): Priced[] {
  return input.scenarios.map((s) => applyRules(s.rules, s.rewrite ? apps.map(s.rewrite) : apps, input.method));
}

/** Runs trials [first, first + count): one accumulator per scenario. */
export function simulateRange(input: SimulationInput, first: number, count: number): Accumulator[] {
  checkTrials(input.trials, input.seed);
  const accs = input.scenarios.map(() => newAccumulator(first, count));
  const step = Math.max(1, Math.floor(count / 20));
  // A pipeline without uncertainty draws the same applications in every trial: priced once.
  const once = input.pipeline.uncertain ? null : price(input, drawTrial(input.pipeline, trialRng(input.seed, 0)));
  for (let t = first; t < first + count; t++) {
    const priced = once ?? price(input, drawTrial(input.pipeline, trialRng(input.seed, t)));
    priced.forEach((p, k) => addTrial(accs[k], t, p));
    if (input.progress && ((t - first + 1) % step === 0 || t === first + count - 1)) input.progress(t - first + 1, count);
  }
  return accs;
}

/** Every trial in this thread. */
export function simulate(input: SimulationInput): Accumulator[] {
  return simulateRange(input, 0, input.trials);
}
