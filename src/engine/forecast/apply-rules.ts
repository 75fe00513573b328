// THE ADAPTER between the forecast and the rule model: the only file that calls the portfolio.
// Every rule PORTFOLIO and `award-model exposure` apply is applied here through the same entry
// (budget/portfolio.ts runPortfolio, with the clause hook of budget/clause-hook.ts for clause rows),
// and what the forecast needs is read back from its result. When the rule model changes, only this
// file changes.
//
// The interface the rest of the forecast assumes:
//   rulesOf(engine)                     → Rules (a resolver and the clause hook)
//   applyRules(rules, apps, method)     → Priced: per pool and year (fresh each year: the portfolio keys
//                                         every pool by the award year and runs the rules year by year,
//                                         later years' caps and one-time awards counting what earlier
//                                         years paid), the limit, requested, awarded, exhaustion date
//                                         and cumulative awarded/requested by calendar month (what
//                                         each row asked of each pool and was given, as the portfolio
//                                         reports it); per
//                                         recipient what it asked and got; the rows in error.
import type { Engine } from "../index";
import type { AwardError } from "../errors";
import type { Text } from "../text";
import type { Resolver } from "../resolve";
import { toFenBig, type AllocationMethod } from "../budget/allocate";
import { clauseRowAward } from "../budget/clause-hook";
import { serialToISO } from "../budget/dates";
import { awardFen, runPortfolio, type PoolDrawFn, type RowAwardFn } from "../budget/portfolio";
import type { Application, ParsedRow } from "../budget/table";

export interface Rules { resolver: Resolver; clauseAward?: RowAwardFn }

export function rulesOf(engine: Engine): Rules {
  return { resolver: engine.resolver, clauseAward: clauseRowAward(engine) };
}

/** Which pool and year: `name` is `${version} ${pool}`, as `award-model exposure --json` names it. */
export interface PoolIdentity {
  name: string;
  version: string;
  jurisdiction: string;
  pool: string;
  year: number;
  label: Text;
  /** In whole fen. */
  limit: number;
}

/** One annual pool (fresh each year) as the rules left it, amounts in whole fen. */
export interface PricedPool extends PoolIdentity {
  requested: number;
  awarded: number;
  /** Excel serial of the day the requests reach the limit, or null (never, or on an undated row). */
  exhaustion: number | null;
  /** Cumulative awarded and requested by the end of each calendar month of the year (12 entries). */
  awardedByMonth: Float64Array;
  requestedByMonth: Float64Array;
}

export interface Priced {
  pools: PricedPool[];
  /** recipient → [requested, awarded] in fen over the window (requested: each award on its own). */
  recipients: Map<string, [number, number]>;
  errors: { line: number; error: AwardError }[];
}

const monthOf = new Map<number, number>();
/** 0-based calendar month of a serial date (undated rows: December, as the portfolio puts them last). */
function month(serial: number | null): number {
  if (serial === null) return 11;
  let m = monthOf.get(serial);
  if (m === undefined) {
    if (monthOf.size > 200000) monthOf.clear();
    monthOf.set(serial, (m = Number(serialToISO(serial).slice(5, 7)) - 1));
  }
  return m;
}

/** Running sums by month, capped by the pool's own figure so that December is exactly the pool's. */
function cumulate(byMonth: Float64Array, total: number): void {
  for (let m = 1; m < 12; m++) byMonth[m] += byMonth[m - 1];
  for (let m = 0; m < 12; m++) byMonth[m] = Math.min(byMonth[m], total);
  byMonth[11] = total;
}

/** Each pool's draws by calendar month, exactly as the pools shared them out (an instalment falling due in a later year: January). */
function monthlyDraws(): { draws: Map<string, [Float64Array, Float64Array]>; onPoolDraw: PoolDrawFn } {
  const draws = new Map<string, [Float64Array, Float64Array]>();
  const onPoolDraw: PoolDrawFn = (row, pool, requested, given, due) => {
    let d = draws.get(pool);
    if (!d) draws.set(pool, (d = [new Float64Array(12), new Float64Array(12)]));
    const m = due === null ? month(row.app!.date) : 0;
    d[0][m] += given;
    d[1][m] += requested;
  };
  return { draws, onPoolDraw };
}

/** Prices one trial's applications under every rule. */
export function applyRules(rules: Rules, apps: readonly Application[], method: AllocationMethod): Priced {
  const parsed: ParsedRow[] = apps.map((app) => ({ ok: true, app }));
  const { draws, onPoolDraw } = monthlyDraws();
  const result = runPortfolio(rules.resolver, parsed, { method, clauseAward: rules.clauseAward, onPoolDraw });
  const pools: PricedPool[] = result.pools.map((p) => {
    const [awardedByMonth, requestedByMonth] = draws.get(p.key) ?? [new Float64Array(12), new Float64Array(12)];
    const pool: PricedPool = {
      name: `${p.version} ${p.pool}`, version: p.version, jurisdiction: p.version.split("@")[0], pool: p.pool, year: p.year, label: p.label,
      limit: Number(toFenBig(p.limit)), requested: Number(toFenBig(p.requested)), awarded: Number(toFenBig(p.awarded)), exhaustion: p.exhaustion,
      awardedByMonth, requestedByMonth,
    };
    cumulate(pool.awardedByMonth, pool.awarded);
    cumulate(pool.requestedByMonth, pool.requested);
    return pool;
  });
  const recipients = new Map<string, [number, number]>();
  const errors: Priced["errors"] = [];
  for (const r of result.rows) {
    if (r.error) {
      errors.push({ line: r.line, error: r.error });
      continue;
    }
    if (!r.award || r.paid === null || !r.app) continue;
    const paid = r.paidFen!;
    const single = awardFen(r.award);
    const t = recipients.get(r.app.recipient);
    if (t) {
      t[0] += single;
      t[1] += paid;
    } else recipients.set(r.app.recipient, [single, paid]);
  }
  return { pools, recipients, errors };
}
