// A reform to compare with the baseline: another version (the draft, the 2023 text) or a what-if
// variant (variants.ts), named jurisdiction@version[~variant]. Each drawn application of that
// jurisdiction is priced under it; the others as in the baseline.
import type { Engine } from "../index";
import type { Application } from "../budget/table";
import { AwardError, invalidValue } from "../errors";
import { bi } from "../text";
import { rulesOf } from "./apply-rules";
import type { VariantSpec } from "../variants";
import type { AllocationMethod } from "../budget/allocate";
import type { Scenario } from "./simulate";

/** What a forecast run is asked for, wherever it runs (command line, task pane, worker). */
export interface ForecastSettings {
  /** Award year of rows with no date, no from/to and no year. */
  year: number;
  trials: number;
  seed: number;
  method: AllocationMethod;
  /** jurisdiction@version[~variant] to price the same draws under, or null. */
  compare: string | null;
  /** What-if variants the compared policy (or the pipeline) may name. */
  variants: VariantSpec[];
}

/** The baseline, and the compared policy where there is one. */
export function scenariosFor(engine: Engine, compare: string | null): Scenario[] {
  return compare ? [baselineScenario(engine), compareScenario(engine, compare)] : [baselineScenario(engine)];
}

export function baselineScenario(engine: Engine): Scenario {
  return { label: "baseline", rules: rulesOf(engine) };
}

/** The scenario pricing the pipeline under `policy` (a version key, possibly a variant of the engine's registry). */
export function compareScenario(engine: Engine, policy: string): Scenario {
  const text = policy.normalize("NFKC").trim();
  if (!text.includes("@")) {
    throw invalidValue(bi(`the policy to compare with, "${policy}", must name a version: jurisdiction@version, e.g. hangzhou-binjiang@2023 or guangzhou@draft~lower-rate.`, `对比政策“${policy}”须写明版本：地区@版本，例如 hangzhou-binjiang@2023 或 guangzhou@draft~lower-rate。`));
  }
  const { jurisdiction, version } = engine.resolver.resolve(text, 2000);
  const juris = new Map<string, string | null>();
  const jurisdictionOf = (name: string) => {
    let j = juris.get(name);
    if (j === undefined) {
      try {
        j = engine.resolver.findJurisdiction(name.normalize("NFKC").split("@")[0]).id;
      } catch (e) {
        if (!(e instanceof AwardError)) throw e;
        j = null; // the row's own error shows when it is priced
      }
      juris.set(name, j);
    }
    return j;
  };
  return {
    label: version.key,
    rules: rulesOf(engine),
    rewrite: (app: Application) => (jurisdictionOf(app.policy) === jurisdiction.id ? { ...app, policy: version.key } : app),
  };
}
