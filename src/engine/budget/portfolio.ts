// The portfolio rules: what is owed once every rule of the texts is applied to a set of
// applications, not to one award at a time. Each rule comes from the policy files:
//   non-duplication (nonDuplication), one-time awards (oneTime), top-up on promotion (topUp),
//   annual quotas (quota), caps per recipient or per project (cap.per, recipientCap), and annual
//   pools (programme pool, measure pools).
import Decimal from "decimal.js";
import { formatYuan, normalizeText } from "../amount";
import { AwardError, invalidValue, notAvailable } from "../errors";
import type { Resolver } from "../resolve";
import type { PolicyVersion, Programme, Route } from "../types";
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
  /**
   * 一次性: paid once per recipient (a voucher's settling award), or once per recipient and project
   * (a clause's award tied to a 成果, a platform or a project, whose levels are grades of one award).
   */
  oneTime: { quote: string; per: "recipient" | "project" } | null;
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

/** normalizeText, memoized: recipients and projects repeat across a table. */
const keyCache = new Map<string, string>();
function key(s: string): string {
  let k = keyCache.get(s);
  if (k === undefined) {
    k = normalizeText(s);
    if (keyCache.size > 200000) keyCache.clear();
    keyCache.set(s, k);
  }
  return k;
}

/** What does not depend on the row, worked out once per version, programme and route. */
interface RouteTemplate {
  awardId: string;
  label: string;
  routeCap: { prefix: string; per: string; amount: Decimal; label: (year: number) => string; quote: string } | null;
  programmeCap: { prefix: string; per: string; amount: Decimal; label: (year: number) => string; quote: string } | null;
  pools: { prefix: string; pool: string; amount: Decimal; label: (year: number) => string; quote: string }[];
}
const templates = new WeakMap<PolicyVersion, Map<string, RouteTemplate>>();
const isProgramme = new WeakMap<Resolver, Map<string, boolean>>();

function routeTemplate(version: PolicyVersion, programme: Programme, route: Route): RouteTemplate {
  let byRoute = templates.get(version);
  if (!byRoute) templates.set(version, (byRoute = new Map()));
  const id = `${programme.id}:${route.id}`;
  let t = byRoute.get(id);
  if (t) return t;
  const perText = (per: string) => (year: number) => per === "recipient" ? "per recipient" : per === "recipient-year" ? `per recipient in ${year}` : "per project";
  const rc = route.cap && route.cap.per !== "award" ? route.cap : null;
  const pc = programme.recipientCap && programme.recipientCap.per !== "award" ? programme.recipientCap : null;
  t = {
    awardId: id,
    label: `${programme.name} ${id} (clause ${programme.clause})`,
    routeCap: rc && { prefix: `${version.key}|cap|${id}|`, per: rc.per, amount: rc.value, quote: rc.quote, label: (y) => `cap of ${id} ${perText(rc.per)(y)}, ${formatYuan(rc.value)}` },
    programmeCap: pc && { prefix: `${version.key}|rcap|${programme.id}|`, per: pc.per, amount: pc.value, quote: pc.quote, label: (y) => `cap shared by all ${programme.id} routes ${perText(pc.per)(y)}, ${formatYuan(pc.value)}` },
    pools: [
      ...(programme.pool ? [{ prefix: `${version.key}|pool|${programme.id}|`, pool: programme.id, amount: programme.pool.value, quote: programme.pool.quote, label: (y: number) => `${programme.name} (${programme.id}) annual pool ${y}, ${formatYuan(programme.pool!.value)}` }] : []),
      ...version.pools.map((p) => ({ prefix: `${version.key}|pool|${p.id}|`, pool: p.id, amount: p.amount.value, quote: p.amount.quote, label: (y: number) => `${p.name} (${p.id}) ${y}, ${formatYuan(p.amount.value)}` })),
    ],
  };
  byRoute.set(id, t);
  return t;
}

/** A limit whose label (only needed when it cuts something or a trace is written) is made on demand. */
class LazyLimit implements SharedLimit {
  private made: string | null = null;
  constructor(readonly key: string, readonly amount: Decimal, readonly quote: string, private readonly labelOf: (year: number) => string, readonly year: number) {}
  get label(): string {
    return (this.made ??= this.labelOf(this.year));
  }
}
class LazyPool extends LazyLimit implements PoolLimit {
  constructor(key: string, amount: Decimal, quote: string, labelOf: (year: number) => string, year: number, readonly version: string, readonly pool: string) {
    super(key, amount, quote, labelOf, year);
  }
}

function capScope(per: string, who: string, app: Application): string {
  return per === "recipient" ? who : per === "recipient-year" ? `${who}|${app.year}` : `${who}|${key(app.project)}`;
}

/**
 * THE ONE PLACE a row becomes an award. A programme row (a type such as compute or 算力券, with an
 * optional :route) goes through the voucher computation. A row naming a clause instead goes through
 * `clauseAward` (clause-hook.ts: the clause catalogue, Engine.clauseAward); without one, such a row is
 * an error for that row, never 0.
 */
export function awardForRow(resolver: Resolver, app: Application, trace: boolean, clauseAward?: RowAwardFn): RowAward {
  let known = isProgramme.get(resolver);
  if (!known) isProgramme.set(resolver, (known = new Map()));
  let programmeRow = known.get(app.programme);
  if (programmeRow === undefined) {
    programmeRow = resolver.parseType(app.programme).type !== null;
    if (known.size < 10000) known.set(app.programme, programmeRow);
  }
  if (!programmeRow) {
    if (clauseAward) return clauseAward(app);
    throw notAvailable(`"${app.programme}" is not a voucher programme (${resolver.registry.programmeTypes.map((t) => `${t.id}/${t.name}`).join(", ")}), and clause rows are not priced here.`);
  }
  // A dated application is priced under the version in force on its date (滨江 on 2025-03-01: the
  // 2023 text, though the 2025 text is in force later that year); an undated one by its year.
  const resolved = resolver.resolve(app.policy, app.year, app.date === null ? undefined : serialToISO(app.date));
  const { version } = resolved;
  const { programme, route } = resolver.findProgrammeRoute(version, app.programme);
  let amount = app.amount;
  if (amount === null) {
    if (!route.lumpSum) throw invalidValue(`amount (金额) is empty: ${programme.id}:${route.id} pays a share of ${route.base || "the spend"}, so give that amount in 元.`);
    amount = 0;
  }
  const r = computeVoucher(resolver, resolved, app.programme, amount, app.domestic, app.year, trace);
  const t = routeTemplate(version, programme, route);
  const who = key(app.recipient);
  const caps: SharedLimit[] = [];
  for (let k = 0; k < 2; k++) {
    const c = k === 0 ? t.routeCap : t.programmeCap;
    if (!c || (c.per === "project" && !app.project)) continue;
    caps.push(new LazyLimit(c.prefix + capScope(c.per, who, app), c.amount, c.quote, c.label, app.year));
  }
  const pools: PoolLimit[] = [];
  for (const p of t.pools) pools.push(new LazyPool(p.prefix + app.year, p.amount, p.quote, p.label, app.year, version.key, p.pool));
  return {
    kind: "voucher",
    awardId: t.awardId,
    label: t.label,
    version,
    single: r.award,
    binding: r.binding,
    oneTime: route.oneTime ? { quote: route.oneTime.quote, per: "recipient" } : null,
    quota: route.quota
      ? { key: `${version.key}|quota|${t.awardId}|${app.year}`, count: route.quota.value, amount: new Decimal(route.quota.value), label: `quota of ${route.quota.value} ${t.awardId} awards in ${app.year}`, quote: route.quota.quote }
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
  /**
   * Receives each award's own trace steps as soon as the award is computed; they are then not kept
   * in the result (a table of a million rows: the CLI writes them to a temporary file).
   */
  onAwardSteps?: (index: number, steps: Step[]) => void;
}

/** Order of processing: by year, then date (undated rows last in their year), then row order. */
function compareRows(a: PortfolioRow, b: PortfolioRow): number {
  const x = a.app!;
  const y = b.app!;
  if (x.year !== y.year) return x.year - y.year;
  if (x.date !== y.date) return x.date === null ? 1 : y.date === null ? -1 : x.date - y.date;
  return a.index - b.index;
}

/** How "cut by" names the single-award rule that set an award on its own, where it cut it. */
const SINGLE_CUTS: Record<string, string> = { cap: "cap", "recipient-cap": "recipient cap", pool: "pool", threshold: "threshold" };

/** Whole fen of a limit, memoized by the decimal (limits are shared by many rows). */
const fenOfLimit = new WeakMap<Decimal, bigint>();
function limitFen(d: Decimal): bigint {
  let f = fenOfLimit.get(d);
  if (f === undefined) fenOfLimit.set(d, (f = toFenBig(d)));
  return f;
}
const yuanOf = (fen: bigint) => formatYuan(fenToYuan(fen));

/**
 * Applies every rule to a table of applications. Each award on its own is rounded half up to the
 * fen once, when the portfolio rules start; the rules (all of them subtractions, minimums and
 * shares of limits that are whole fen) then work in whole fen, so nothing is rounded twice.
 */
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
      if (options.onAwardSteps) {
        options.onAwardSteps(p.app.index, award.steps);
        award.steps = [];
      }
      rows.push({ index: p.app.index, line: p.app.line, app: p.app, error: null, award, paid: null, cuts: [], steps: [] });
    } catch (e) {
      if (!(e instanceof AwardError)) throw e;
      rows.push({ index: p.app.index, line: p.app.line, app: p.app, error: e, award: null, paid: null, cuts: [], steps: [] });
    }
  }
  if (options.progress) options.progress(total, total);

  // An amount paid before only means something under a top-up rule (or for a one-time award): checked
  // first, so that a row in error takes no part in any rule.
  for (const r of rows) {
    const a = r.award;
    if (a && r.app!.paidBefore !== null && r.app!.paidBefore.greaterThan(0) && !a.version.topUp && !a.oneTime) {
      r.error = invalidValue(`paid before (已获资助) is ${formatYuan(r.app!.paidBefore)}, but ${a.version.key} has no top-up rule (补足差额) for ${a.awardId}: leave the column empty for this row.`);
    }
  }
  const live = rows.filter((r) => r.award !== null && !r.error).sort(compareRows);
  // The single-award rule that cut an award on its own is named too (its trace has the step).
  for (const r of live) {
    const named = SINGLE_CUTS[r.award!.binding];
    if (named) r.cuts.push(named);
  }
  const fen: bigint[] = live.map((r) => toFenBig(r.award!.single));
  const note = (i: number, step: string, value: () => string, quote?: string) => {
    if (trace) live[i].steps.push({ step, value: value(), ...(quote ? { quote, source: live[i].award!.version.source } : {}) });
  };
  const cut = (i: number, rule: string, to: bigint, why: () => string, quote?: string) => {
    const from = fen[i];
    if (to < from) {
      if (!live[i].cuts.includes(rule)) live[i].cuts.push(rule); // "cut by" names each rule once

      fen[i] = to;
      note(i, rule, () => `${yuanOf(from)} → ${yuanOf(to)}: ${why()}`, quote);
    }
  };
  const zero = 0n;
  if (trace) {
    live.forEach((r, i) => {
      const exact = r.award!.single;
      if (!fenToYuan(fen[i]).equals(exact)) note(i, "rounding", () => `${exact.toString()} 元 rounded half up to the fen: ${fenToYuan(fen[i]).toFixed(2)} 元 (once, before the portfolio rules)`);
    });
  }

  // The rules run year by year, as the pools are annual: what earlier years actually paid (after
  // their pools) is what later years' per-recipient caps and one-time awards count.
  const years: number[][] = [];
  live.forEach((r, i) => {
    if (i === 0 || r.app!.year !== live[i - 1].app!.year) years.push([]);
    years[years.length - 1].push(i);
  });
  const paidBefore = new Map<string, bigint>(); // one-time awards paid in earlier years, by recipient and award
  const usedBefore = new Map<string, bigint>(); // paid in earlier years under each shared cap
  const taken = new Map<string, number>();
  const summaries = new Map<string, PoolSummary>();
  const oneTimeKey = (r: PortfolioRow) =>
    `${r.award!.version.jurisdiction}|${key(r.app!.recipient)}|${r.award!.awardId}${r.award!.oneTime?.per === "project" && r.app!.project ? `|${key(r.app!.project)}` : ""}`;

  for (const year of years) {
    // 1. Non-duplication (从优从高不重复 / 就高不重复 / 仅享受其中一项): one recipient's project qualifying
    //    under several awards in a year is paid the highest single award only.
    const groups = new Map<string, number[]>();
    for (const i of year) {
      const r = live[i];
      if (!r.award!.version.nonDuplication || !r.app!.project) continue;
      const k = `${r.award!.version.jurisdiction}|${key(r.app!.recipient)}|${key(r.app!.project)}`;
      const g = groups.get(k);
      if (g) g.push(i);
      else groups.set(k, [i]);
    }
    for (const g of groups.values()) {
      if (g.length < 2 || g.every((i) => live[i].award!.awardId === live[g[0]].award!.awardId)) continue;
      // Several applications under the same award (two contracts of one project) are one claim under it.
      const byAward = new Map<string, bigint>();
      for (const i of g) byAward.set(live[i].award!.awardId, (byAward.get(live[i].award!.awardId) ?? zero) + fen[i]);
      let best: string | null = null;
      for (const [id, v] of byAward) if (best === null || v > byAward.get(best)!) best = id;
      const bestRow = live[g.find((i) => live[i].award!.awardId === best)!];
      for (const i of g) {
        if (live[i].award!.awardId === best) continue;
        cut(i, "non-duplication", zero, () => `the same project also qualifies for ${bestRow.award!.label} (row ${bestRow.line}), which pays more: only the highest award is paid`, live[i].award!.version.nonDuplication!.quote);
      }
    }

    // 2. One-time awards and top-up on promotion: a recipient's later one-time award under the same
    //    clause, or a row that declares an amount paid before, is topped up by the difference where the
    //    version says 补足差额, and otherwise not paid again.
    const paidThisYear = new Map<string, bigint>();
    for (const i of year) {
      const r = live[i];
      const a = r.award!;
      const app = r.app!;
      if (!a.oneTime && app.paidBefore === null) continue;
      const k = oneTimeKey(r);
      const earlier = a.oneTime ? (paidBefore.get(k) ?? zero) + (paidThisYear.get(k) ?? zero) : zero;
      const before = earlier + (app.paidBefore ? toFenBig(app.paidBefore) : zero);
      if (fen[i] === zero && !a.oneTime) continue;
      if (before > zero) {
        if (a.version.topUp) {
          cut(i, "top-up", fen[i] > before ? fen[i] - before : zero, () => `${yuanOf(before)} already paid for this award: on promotion only the difference is paid (补足差额)`, a.version.topUp.quote);
        } else {
          cut(i, "one-time", zero, () => `a one-time award already paid to this recipient${a.oneTime!.per === "project" ? " for this project" : ""} (${yuanOf(before)})`, a.oneTime!.quote);
        }
      }
      if (a.oneTime) paidThisYear.set(k, (paidThisYear.get(k) ?? zero) + fen[i]);
    }

    // 3. Annual quotas (每年…不超过N个): the first N awards of the year, in date order.
    for (const i of year) {
      const q = live[i].award!.quota;
      if (!q || fen[i] === zero) continue;
      const n = taken.get(q.key) ?? 0;
      if (n >= q.count) cut(i, "quota", zero, () => `${q.label} already given`, q.quote);
      else taken.set(q.key, n + 1);
    }

    // 4. Caps shared by a recipient's awards (单家企业最高, 每个单位每年最高…), in date order.
    const usedThisYear = new Map<string, bigint>();
    for (const i of year) {
      const caps = live[i].award!.caps;
      for (const c of caps) {
        const cap = limitFen(c.amount);
        const u = (usedBefore.get(c.key) ?? zero) + (usedThisYear.get(c.key) ?? zero);
        const left = cap > u ? cap - u : zero;
        if (fen[i] > left) cut(i, "recipient cap", left, () => `${c.label}: ${yuanOf(cap - left)} already awarded`, c.quote);
      }
      for (const c of caps) usedThisYear.set(c.key, (usedThisYear.get(c.key) ?? zero) + fen[i]);
    }

    // 5. Annual pools: the programme's pool, then the measure's; fcfs or pro rata, in whole fen.
    let levels = 0;
    for (const i of year) levels = Math.max(levels, live[i].award!.pools.length);
    for (let level = 0; level < levels; level++) {
      const byPool = new Map<string, number[]>();
      for (const i of year) {
        const p = live[i].award!.pools[level];
        if (!p) continue;
        const g = byPool.get(p.key);
        if (g) g.push(i);
        else byPool.set(p.key, [i]);
      }
      for (const [k, g] of byPool) {
        const p = live[g[0]].award!.pools[level];
        const limit = limitFen(p.amount);
        const requests = g.map((i) => fen[i]);
        const given = allocateFen(limit, requests, options.method);
        let requested = zero;
        let awarded = zero;
        let exhaustion: number | null = null;
        g.forEach((i, j) => {
          requested += requests[j];
          awarded += given[j];
          if (exhaustion === null && requested >= limit && requests[j] > zero) exhaustion = live[i].app!.date ?? null;
          if (given[j] < requests[j]) {
            cut(i, "pool", given[j], () => `${p.label}: ${options.method === "fcfs" ? "first come first served: the pool is used up by earlier applications" : "oversubscribed: every award scaled by pool ÷ requests"}`, p.quote);
          } else {
            note(i, "pool", () => (requests[j] === zero ? `${p.label}: nothing to pay from it` : `${p.label}: paid in full`));
          }
        });
        summaries.set(k, {
          key: k, version: p.version, pool: p.pool, label: p.label, year: p.year, limit: p.amount,
          requested: fenToYuan(requested), awarded: fenToYuan(awarded), remaining: fenToYuan(limit - awarded),
          exhaustion, rows: g.length, quote: p.quote,
        });
      }
    }

    // What the year paid, for the years after it.
    for (const i of year) {
      const r = live[i];
      for (const c of r.award!.caps) usedBefore.set(c.key, (usedBefore.get(c.key) ?? zero) + fen[i]);
      if (r.award!.oneTime) paidBefore.set(oneTimeKey(r), (paidBefore.get(oneTimeKey(r)) ?? zero) + fen[i]);
    }
  }
  live.forEach((r, i) => {
    if (!r.error) r.paid = fenToYuan(fen[i]);
  });
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
