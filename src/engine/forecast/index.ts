// Budget forecast over the policy window: a pipeline of expected applications, drawn N times and
// priced under every rule of the texts (through the portfolio, apply-rules.ts), per pool and year.
export { readPipeline, readPipelineRange, PIPELINE_HEADER_NAMES, type Pipeline, type PipelineRow } from "./pipeline";
export { Prng, trialRng, bernoulli, poisson, triangular, triangularQuantile, uniformInt } from "./random";
export { drawTrial } from "./draw";
export { applyRules, rulesOf, type Rules, type Priced, type PricedPool, type PoolIdentity } from "./apply-rules";
export { newAccumulator, addTrial, mergeAccumulators, type Accumulator, type PoolAccumulator } from "./accumulate";
export { summarize, differences, type PoolForecast, type PoolDifference, type MonthSummary, type Spread } from "./summarize";
export { simulate, simulateRange, checkTrials, MAX_FORECAST_TRIALS, type Scenario, type SimulationInput } from "./simulate";
export { baselineScenario, compareScenario, scenariosFor, type ForecastSettings } from "./compare";
export { forecastReport, type ForecastReport, type RecipientForecast } from "./report";
export { fanGeometry, type FanGeometry } from "./fan";
export { budgetForecastRange, BUDGET_FORECAST_COLUMNS, BUDGET_FORECAST_DIFF_COLUMNS, MAX_CELL_PRICINGS } from "./excel";
