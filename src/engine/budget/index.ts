// Budget exposure: portfolio rules, pools, allocation, exhaustion and forecasts.
export { allocate, allocateFen, parseMethod, toFenBig, fenToYuan, fenToYuanNumber, type AllocationMethod } from "./allocate";
export { parseDate, serialToISO, serialYear, serialFromUTC } from "./dates";
export { fundExhaustion, describeNotReached, type Exhaustion, type Dated } from "./exhaustion";
export { forecast, Prng, PoissonSampler, type ForecastInput, type ForecastMonth } from "./forecast";
export {
  awardForRow, awardTrace, awardFen, runPortfolio, portfolioTable, describeDate, PORTFOLIO_COLUMNS, cutName, cutsText,
  type RowAward, type RowAwardFn, type PortfolioRow, type PortfolioResult, type PoolSummary, type PortfolioOptions, limitContext,
} from "./portfolio";
export { readTable, readHeader, readRow, headerColumn, HEADER_NAMES, type Application, type ParsedRow, type BadRow, type Column } from "./table";
export { allocateRange, fundExhaustionRange, forecastRange, forecastTable, portfolioRange, asRange, FORECAST_COLUMNS } from "./api";
export { clauseRowAward } from "./clause-hook";
