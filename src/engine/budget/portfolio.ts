// The portfolio rules: what is owed once every rule of the texts is applied to a set of
// applications, not to one award at a time. Each rule comes from the policy files:
//   non-duplication (nonDuplication), one-time awards (oneTime), top-up on promotion (topUp),
//   annual quotas (quota), caps per recipient or per project (cap.per, recipientCap), and annual
//   pools (programme pool, measure pools).
import Decimal from "decimal.js";
import { formatYuan, normalizeText } from "../amount";
import { AwardError, invalidValue, notAvailable } from "../errors";
import type { Resolver } from "../resolve";
import type { PolicyVersion } from "../types";
import { computeVoucher, type Step } from "../voucher";
import { allocateFen, fenToYuan, toFenBig, type AllocationMethod } from "./allocate";
import { serialToISO } from "./dates";
import type { Application, ParsedRow } from "./table";

/** A limit shared by several awards: a cap per recipient (or project, or year) or an annual pool. */
export interface SharedLimit {
  /** Awards with the same key share the limit. */
  key: string;
  amount: Decimal;
  /** What the limit is, for the trace and the "cut by" column. */
  label: string;
  quote: string;
}

export interface PoolLimit extends SharedLimit {
  /** jurisdiction@version */
  version: string;
  /** programme id or measure pool id */
  pool: string;
  year: number;
}

/** One application's award on its own, with what the portfolio rules need to know about it. */
export interface RowAward {
  kind: "voucher" | "clause";
  /** The award's identity within its version: "compute:standard", or a clause id. */
  awardId: string;
  label: string;
  version: PolicyVersion;
  /** The award on its own (after its own rate, threshold, cap), exact, in 元. */
  single: Decimal;
  /** The single-award rule that set it ("rate", "cap", "threshold", "lump-sum", …). */
  binding: string;
  oneTime: { quote: string } | null;
  quota: (SharedLimit & { count: number }) | null;
  /** Caps shared by several awards (per recipient, per recipient and year, per project), tightest last. */
  caps: SharedLimit[];
  /** Annual pools the award is paid from, the programme's before the measure's. */
  pools: PoolLimit[];
  steps: Step[];
}

/** Computes one application's award on its own. */
export type RowAwardFn = (app: Application) => RowAward;

export interface PortfolioRow {
  index: number;
  line: number;
  app: Application | null;
  /** Set when the row could not be computed; its award is then null, never 0. */
  error: AwardError | null;
  award: RowAward | null;
  /** The amount paid after every rule, in 元 (whole fen), or null for a blank or bad row. */
  paid: Decimal | null;
  /** Portfolio rules that lowered the award, in the order applied. */
  cuts: string[];
  /** Portfolio steps, after the single-award steps. */
  steps: Step[];
}

export interface PoolSummary {
  key: string;
  version: string;
  pool: string;
  label: string;
  year: number;
  limit: Decimal;
  /** Applications reaching the pool (after every other rule), in 元. */
  requested: Decimal;
  awarded: Decimal;
  remaining: Decimal;
  /** Excel serial of the day the requests reach the limit, in date order; null if never (or undated). */
  exhaustion: number | null;
  rows: number;
  quote: string;
}

export interface PortfolioResult {
  rows: PortfolioRow[];
  pools: PoolSummary[];
  method: AllocationMethod;
  versions: PolicyVersion[];
}

const key = (s: string) => normalizeText(s);

/**
 * THE ONE PLACE a row becomes an award. A programme row (a type such as compute or 算力券, with an
 * optional :route) goes through the voucher computation. A row naming a clause instead goes through
 * `clauseAward`, which the clause catalogue provides (issue 3: Engine.clauseAward); until it is wired
 * in, such a row is an error for that row, never 0.
 */
export function awardForRow(resolver: Resolver, app: Application, trace: boolean, clauseAward?: RowAwardFn): RowAward {
  const { type } = resolver.parseType(app.programme);
  if (!type) {
    // INTEGRATION POINT (issue 3): pass clauseAward (built on Engine.clauseAward) to price clause rows.
    if (clauseAward) return clauseAward(app);
    throw notAvailable(`"${app.programme}" is not a voucher programme (${resolver.registry.programmeTypes.map((t) => `${t.id}/${t.name}`).join(", ")}); clause rows need the clause catalogue, which this build does not have yet.`);
  }
  const resolved = resolver.resolve(app.policy, app.year);
  const { version } = resolved;
  const { programme, route } = resolver.findProgrammeRoute(version, app.programme);
  let amount = app.amount;
  if (amount === null) {
    if (!route.lumpSum) throw invalidValue(`amount (金额) is empty: ${programme.id}:${route.id} pays a share of ${route.base || "the spend"}, so give that amount in 元.`);
    amount = 0;
  }
  const r = computeVoucher(resolver, resolved, app.programme, amount, app.domestic, app.year, trace);
  const who = key(app.recipient);
  const caps: SharedLimit[] = [];
  const rc = route.cap;
  if (rc && rc.per !== "award" && !(rc.per === "project" && !app.project)) {
    const scope = rc.per === "recipient" ? who : rc.per === "recipient-year" ? `${who}|${app.year}` : `${who}|${key(app.project)}`;
    const per = rc.per === "recipient" ? "per recipient" : rc.per === "recipient-year" ? `per recipient in ${app.year}` : "per project";
    caps.push({ key: `${version.key}|cap|${programme.id}:${route.id}|${scope}`, amount: rc.value, label: `cap of ${programme.id}:${route.id} ${per}, ${formatYuan(rc.value)}`, quote: rc.quote });
  }
  const pc = programme.recipientCap;
  if (pc && pc.per !== "award") {
    const scope = pc.per === "recipient-year" ? `${who}|${app.year}` : pc.per === "project" ? `${who}|${key(app.project)}` : who;
    const per = pc.per === "recipient-year" ? `per recipient in ${app.year}` : pc.per === "project" ? "per project" : "per recipient";
    caps.push({ key: `${version.key}|rcap|${programme.id}|${scope}`, amount: pc.value, label: `cap shared by all ${programme.id} routes ${per}, ${formatYuan(pc.value)}`, quote: pc.quote });
  }
  const pools: PoolLimit[] = [];
  if (programme.pool) {
    pools.push({ key: `${version.key}|pool|${programme.id}|${app.year}`, version: version.key, pool: programme.id, year: app.year, amount: programme.pool.value, label: `${programme.name} (${programme.id}) annual pool ${app.year}, ${formatYuan(programme.pool.value)}`, quote: programme.pool.quote });
  }
  for (const p of version.pools) {
    pools.push({ key: `${version.key}|pool|${p.id}|${app.year}`, version: version.key, pool: p.id, year: app.year, amount: p.amount.value, label: `${p.name} (${p.id}) ${app.year}, ${formatYuan(p.amount.value)}`, quote: p.amount.quote });
  }
  return {
    kind: "voucher",
    awardId: `${programme.id}:${route.id}`,
    label: `${programme.name} ${programme.id}:${route.id} (clause ${programme.clause})`,
    version,
    single: r.award,
    binding: r.binding,
    oneTime: route.oneTime ?? null,
    quota: route.quota
      ? { key: `${version.key}|quota|${programme.id}:${route.id}|${app.year}`, count: route.quota.value, amount: new Decimal(route.quota.value), label: `quota of ${route.quota.value} ${programme.id}:${route.id} awards in ${app.year}`, quote: route.quota.quote }
      : null,
    caps,
    pools,
    steps: r.steps,
  };
}

export interface PortfolioOptions {
  method: AllocationMethod;
  /** Build each award's trace (the CLI does; the spreadsheet function does not need it). */
  trace?: boolean;
  /** Prices rows that name a clause (see awardForRow). */
  clauseAward?: RowAwardFn;
  /** Called every so often while rows are computed (for progress on long runs). */
  progress?: (done: number, total: number) => void;
}

/** Order of processing: by year, then date (undated rows last in their year), then row order. */
function compareRows(a: PortfolioRow, b: PortfolioRow): number {
  const x = a.app!;
  const y = b.app!;
  return x.year - y.year || (x.date ?? Infinity) - (y.date ?? Infinity) || a.index - b.index;
}

/** Applies every rule to a table of applications. */
export function runPortfolio(resolver: Resolver, parsed: readonly ParsedRow[], options: PortfolioOptions): PortfolioResult {
  const trace = options.trace ?? false;
  const rows: PortfolioRow[] = [];
  const total = parsed.length;
  for (let i = 0; i < parsed.length; i++) {
    const p = parsed[i];
    if (options.progress && i % 5000 === 0 && i > 0) options.progress(i, total);
    if (p.ok === "blank") {
      rows.push({ index: p.index, line: p.line, app: null, error: null, award: null, paid: null, cuts: [], steps: [] });
      continue;
    }
    if (p.ok === false) {
      rows.push({ index: p.bad.index, line: p.bad.line, app: null, error: p.bad.error, award: null, paid: null, cuts: [], steps: [] });
      continue;
    }
    try {
      const award = awardForRow(resolver, p.app, trace, options.clauseAward);
      rows.push({ index: p.app.index, line: p.app.line, app: p.app, error: null, award, paid: null, cuts: [], steps: [] });
    } catch (e) {
      if (!(e instanceof AwardError)) throw e;
      rows.push({ index: p.app.index, line: p.app.line, app: p.app, error: e, award: null, paid: null, cuts: [], steps: [] });
    }
  }
  if (options.progress) options.progress(total, total);

  const live = rows.filter((r) => r.award !== null).sort(compareRows);
  const amount = new Map<PortfolioRow, Decimal>(live.map((r) => [r, r.award!.single]));
  const note = (r: PortfolioRow, step: string, value: string, quote?: string) => {
    if (trace) r.steps.push({ step, value, ...(quote ? { quote, source: r.award!.version.source } : {}) });
  };
  const cut = (r: PortfolioRow, rule: string, to: Decimal, why: string, quote?: string) => {
    const from = amount.get(r)!;
    if (to.lessThan(from)) {
      r.cuts.push(rule);
      amount.set(r, to);
      note(r, rule, `${formatYuan(from)} → ${formatYuan(to)}: ${why}`, quote);
    }
  };

  // 1. Non-duplication (从优从高不重复 / 就高不重复 / 仅享受其中一项): one recipient's project qualifying
  //    under several awards in a year is paid the highest single award only.
  const groups = new Map<string, PortfolioRow[]>();
  for (const r of live) {
    const a = r.award!;
    if (!a.version.nonDuplication || !r.app!.project) continue;
    const k = `${a.version.jurisdiction}|${key(r.app!.recipient)}|${key(r.app!.project)}|${r.app!.year}`;
    const g = groups.get(k);
    if (g) g.push(r);
    else groups.set(k, [r]);
  }
  for (const g of groups.values()) {
    if (new Set(g.map((r) => r.award!.awardId)).size < 2) continue;
    // Several applications under the same award (two contracts of one project) are one claim under it.
    const byAward = new Map<string, Decimal>();
    for (const r of g) byAward.set(r.award!.awardId, (byAward.get(r.award!.awardId) ?? new Decimal(0)).plus(amount.get(r)!));
    let best: string | null = null;
    for (const [id, v] of byAward) if (best === null || v.greaterThan(byAward.get(best)!)) best = id;
    const bestRow = g.find((r) => r.award!.awardId === best)!;
    for (const r of g) {
      if (r.award!.awardId === best) continue;
      cut(r, "non-duplication", new Decimal(0), `the same project also qualifies for ${bestRow.award!.label} (row ${bestRow.line}), which pays more: only the highest award is paid`, r.award!.version.nonDuplication!.quote);
    }
  }

  // 2. One-time awards and top-up on promotion: a recipient's later one-time award under the same
  //    clause, or a row that declares an amount paid before, is topped up by the difference where the
  //    version says 补足差额, and otherwise not paid again.
  const paidSoFar = new Map<string, Decimal>();
  for (const r of live) {
    const a = r.award!;
    const app = r.app!;
    const x = amount.get(r)!;
    const k = `${a.version.jurisdiction}|${key(app.recipient)}|${a.awardId}`;
    const before = (a.oneTime ? paidSoFar.get(k) ?? new Decimal(0) : new Decimal(0)).plus(app.paidBefore ?? 0);
    if (x.isZero() && !a.oneTime) continue;
    if (before.greaterThan(0)) {
      if (a.version.topUp) {
        cut(r, "top-up", Decimal.max(0, x.minus(before)), `${formatYuan(before)} already paid for this award: on promotion only the difference is paid (补足差额)`, a.version.topUp.quote);
      } else if (a.oneTime) {
        cut(r, "one-time", new Decimal(0), `a one-time award already paid to this recipient (${formatYuan(before)})`, a.oneTime.quote);
      } else {
        r.error = invalidValue(`paid before (已获资助) is ${formatYuan(app.paidBefore!)}, but ${a.version.key} has no top-up rule (补足差额) for ${a.awardId}: leave the column empty for this row.`);
        continue;
      }
    }
    if (a.oneTime) paidSoFar.set(k, (paidSoFar.get(k) ?? new Decimal(0)).plus(amount.get(r)!));
  }

  // 3. Annual quotas (每年…不超过N个): the first N awards of the year, in date order.
  const taken = new Map<string, number>();
  for (const r of live) {
    const q = r.award!.quota;
    if (!q || r.error || amount.get(r)!.isZero()) continue;
    const n = taken.get(q.key) ?? 0;
    if (n >= q.count) cut(r, "quota", new Decimal(0), `${q.label} already given`, q.quote);
    else taken.set(q.key, n + 1);
  }

  // 4. Caps shared by a recipient's awards (单家企业最高, 每个单位每年最高…), in date order.
  const used = new Map<string, Decimal>();
  for (const r of live) {
    if (r.error) continue;
    for (const c of r.award!.caps) {
      const left = Decimal.max(0, c.amount.minus(used.get(c.key) ?? 0));
      if (amount.get(r)!.greaterThan(left)) cut(r, "recipient cap", left, `${c.label}: ${formatYuan(c.amount.minus(left))} already awarded in this table`, c.quote);
    }
    const x = amount.get(r)!;
    for (const c of r.award!.caps) used.set(c.key, (used.get(c.key) ?? new Decimal(0)).plus(x));
  }

  // 5. Annual pools: the programme's pool, then the measure's; fcfs or pro rata, in whole fen.
  const fen = new Map<PortfolioRow, bigint>();
  for (const r of live) if (!r.error) fen.set(r, toFenBig(amount.get(r)!));
  const summaries = new Map<string, PoolSummary>();
  const levels = Math.max(0, ...live.map((r) => r.award!.pools.length));
  for (let level = 0; level < levels; level++) {
    const byPool = new Map<string, PortfolioRow[]>();
    for (const r of live) {
      const p = r.award!.pools[level];
      if (!p || r.error) continue;
      const g = byPool.get(p.key);
      if (g) g.push(r);
      else byPool.set(p.key, [r]);
    }
    for (const [k, g] of byPool) {
      const p = g[0].award!.pools[level];
      const limitFen = toFenBig(p.amount);
      const requests = g.map((r) => fen.get(r)!);
      const given = allocateFen(limitFen, requests, options.method);
      let requested = 0n;
      let awarded = 0n;
      let exhaustion: number | null = null;
      g.forEach((r, i) => {
        requested += requests[i];
        awarded += given[i];
        if (exhaustion === null && requested >= limitFen && requests[i] > 0n) exhaustion = r.app!.date ?? null;
        if (given[i] < requests[i]) {
          const how = options.method === "fcfs" ? "first come first served: the pool is used up by earlier applications" : "oversubscribed: every award scaled by pool ÷ requests";
          cut(r, "pool", fenToYuan(given[i]), `${p.label}: ${how}`, p.quote);
          fen.set(r, given[i]);
        } else {
          note(r, "pool", `${p.label}: paid in full`);
        }
      });
      summaries.set(k, {
        key: k, version: p.version, pool: p.pool, label: p.label, year: p.year, limit: p.amount,
        requested: fenToYuan(requested), awarded: fenToYuan(awarded), remaining: p.amount.minus(fenToYuan(awarded)),
        exhaustion, rows: g.length, quote: p.quote,
      });
    }
  }
  for (const r of live) if (!r.error) r.paid = fenToYuan(fen.get(r)!);
  const versions = [...new Map(live.filter((r) => r.award).map((r) => [r.award!.version.key, r.award!.version])).values()];
  return { rows, pools: [...summaries.values()], method: options.method, versions };
}

export const PORTFOLIO_COLUMNS = ["award", "cut by", "award on its own", "version", "programme", "year", "row"] as const;

/** The table PORTFOLIO spills: a header row, then one row per application, in the table's order. */
export function portfolioTable(result: PortfolioResult): (string | number)[][] {
  const out: (string | number)[][] = [[...PORTFOLIO_COLUMNS]];
  for (const r of result.rows) {
    if (r.error) out.push([r.error.code, `error: ${r.error.message}`, "", r.award?.version.key ?? "", r.app?.programme ?? "", r.app?.year ?? "", r.line]);
    else if (!r.app || !r.award || !r.paid) out.push(["", "", "", "", "", "", r.line]);
    else {
      const single = r.award.single.toDecimalPlaces(2, Decimal.ROUND_HALF_UP).toNumber();
      out.push([r.paid.toNumber(), r.cuts.join("; "), single, r.award.version.key, r.award.awardId, r.app.year, r.line]);
    }
  }
  return out;
}

export function describeDate(serial: number | null): string {
  return serial === null ? "" : serialToISO(serial);
}
