// INTEGRATION POINT (issue 3, the clause catalogue). PORTFOLIO and `award-model exposure` price a row
// that names a clause (not a voucher programme) through the function returned here. Until the
// catalogue exists it returns undefined, and such a row is an error for that row ("clause rows need
// the clause catalogue"), never 0.
//
// To wire it: return (app) => {
//   const { award, trace } = engine.clauseAward(app.policy, clauseId, inputs, route, app.year, app.year);
//   return { kind: "clause", awardId: clauseId, label, version, single: award, binding, oneTime, quota,
//            caps, pools, steps: trace };
// } where app.programme is "clause[:route]", inputs come from app.amount (and app.domestic), oneTime
// is the clause's 一次性 (a later award under the same clause is then a promotion: topped up where
// the version has topUp), caps are the clause's per-recipient caps keyed as in awardForRow, and pools
// are the programme pool the clause belongs to (if any) and version.pools.
import type { Engine } from "../index";
import type { RowAwardFn } from "./portfolio";

export function clauseRowAward(_engine: Engine): RowAwardFn | undefined {
  return undefined;
}
