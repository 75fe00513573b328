import { computeVoucher, fundLimit, policies, routes, version } from "./functions";
import { voucherDetails } from "./details";
import { clause, clauses, explain } from "./clauses";
import { allocate, forecast, fundExhaustion, portfolio } from "./budget";
import { budgetForecast } from "./forecast";

export interface FunctionEntry {
  /** The function Excel calls (the same one associated with the id). */
  fn: (...args: any[]) => unknown;
  minArgs: number;
  maxArgs: number;
}

/** The AWARD functions by id, for evaluating formulas outside Excel (CLI, preview pane). */
export const FUNCTION_TABLE: Readonly<Record<string, FunctionEntry>> = {
  COMPUTE_VOUCHER: { fn: computeVoucher, minArgs: 3, maxArgs: 5 },
  ROUTES: { fn: routes, minArgs: 2, maxArgs: 3 },
  FUND_LIMIT: { fn: fundLimit, minArgs: 2, maxArgs: 3 },
  VERSION: { fn: version, minArgs: 1, maxArgs: 2 },
  POLICIES: { fn: policies, minArgs: 0, maxArgs: 0 },
  VOUCHER_DETAILS: { fn: voucherDetails, minArgs: 3, maxArgs: 5 },
  CLAUSE: { fn: clause, minArgs: 3, maxArgs: 5 },
  CLAUSES: { fn: clauses, minArgs: 1, maxArgs: 2 },
  EXPLAIN: { fn: explain, minArgs: 3, maxArgs: 5 },
  PORTFOLIO: { fn: portfolio, minArgs: 1, maxArgs: 3 },
  FUND_EXHAUSTION: { fn: fundExhaustion, minArgs: 3, maxArgs: 3 },
  ALLOCATE: { fn: allocate, minArgs: 2, maxArgs: 3 },
  FORECAST: { fn: forecast, minArgs: 3, maxArgs: 7 },
  BUDGET_FORECAST: { fn: budgetForecast, minArgs: 1, maxArgs: 6 },
};
