// The portfolio rules: what is owed once every rule of the texts is applied to a set of
// applications, not to one award at a time. Each rule comes from the policy files:
//   non-duplication (nonDuplication), one-time awards (oneTime), top-up on promotion (topUp),
//   annual quotas (quota), caps per recipient or per project (cap.per, recipientCap), and annual
//   pools (programme pool, measure pools).
import Decimal from "decimal.js";
import { formatFen, formatYuan, normalizeText } from "../amount";
import { AwardError, invalidNumber, invalidValue, notAvailable } from "../errors";
import type { ResolvedVersion, Resolver } from "../resolve";
import { bindLimits, ENTITY_COLUMNS, LimitState, type BoundLimit, type LimitContext } from "../limits/apply";
import { voucherRouteLimits } from "../limits/derive";
import { poolId } from "../limits/types";
import { compiledAward } from "../compiled";
import { bi, tr, type Lang, type Text } from "../text";
import { columnIn } from "../messages/tables";
import { clauseLabel } from "../messages/labels";
import type { Instalments, PolicyVersion, Programme, Route } from "../types";
import { computeVoucher, type Step } from "../voucher";
import { allocateSafe, fenToYuan, fenToYuanNumber, toFenBig, type AllocationMethod } from "./allocate";
import { serialToISO } from "./dates";
import type { Application, ParsedRow } from "./table";

/** One application's award on its own, with the limits that act across rows, bound to it. */
export interface RowAward {
  kind: "voucher" | "clause";
  /** The award's identity within its version: "compute:standard", or a clause id. */
  awardId: string;
  /** What the award is, in both languages: 算力券 compute:standard (clause 6); 算力券 compute:standard（（六）） (the clause as the text numbers it). */
  label: Text;
  version: PolicyVersion;
  /** The award on its own (after its own rate, threshold, cap), exact, in 元. */
  single: Decimal;
  /** The single-award rule that set it ("rate", "cap", "threshold", "lump-sum", …). */
  binding: string;
  /** Every limit acting across rows (caps, quotas, one-time, top-up, years of support, pools), in the order applied. */
  limits: BoundLimit[];
  /** Paid in instalments (分三年按4:3:3拨付): each year's pools draw on that year's cash. */
  instalments?: Instalments;
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
  readonly paid: Decimal | null;
  /** The same in whole fen (exact as a Number: the pass keeps a table's total below 2^53 fen). */
  paidFen?: number;
  /** Portfolio rules that lowered the award, in the order applied. */
  cuts: string[];
  /** Portfolio steps, after the single-award steps. */
  steps: Step[];
  /** The cash of each year, where the award is paid in instalments (after every rule). */
  cash?: { year: number; amount: Decimal }[];
  /** What each payer pays, where the cost is shared (市、区按1:1分担). */
  payers?: { payer: string; amount: Decimal }[];
}

export interface PoolSummary {
  key: string;
  version: string;
  pool: string;
  /** What the pool is called, in both languages: 算力券 (compute) annual pool 2026, 1亿元; 算力券（compute）年度资金池 2026，1亿元. */
  label: Text;
  year: number;
  /** The pool's period: the year (2026), a quarter (2026Q1), a batch, or the version for its whole window. */
  period: string;
  limit: Decimal;
  /** Applications reaching the pool (after every other rule), in 元. */
  requested: Decimal;
  /** Paid from the pool in its period (for a pool over the window: in all periods so far). */
  awarded: Decimal;
  /** Requested in the period and not paid from the pool (requested − what the pool paid them). */
  unmet: Decimal;
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

const isProgramme = new WeakMap<Resolver, Map<string, boolean>>();
type RowVersions = { size: number; byPolicy: Map<string, Map<number, Map<number | null, ResolvedVersion>>> };
const resolvedRows = new WeakMap<Resolver, RowVersions>();

/**
 * The version a row is priced under: in force on its date (滨江 on 2025-03-01: the 2023 text), or in
 * its year. Remembered per policy, year and date (nested maps: no key string a row), as a table
 * repeats them (errors are not remembered).
 */
export function resolveRow(resolver: Resolver, app: Application): ResolvedVersion {
  let memo = resolvedRows.get(resolver);
  if (!memo || memo.size > 100000) resolvedRows.set(resolver, (memo = { size: 0, byPolicy: new Map() }));
  let byYear = memo.byPolicy.get(app.policy);
  if (!byYear) memo.byPolicy.set(app.policy, (byYear = new Map()));
  let byDate = byYear.get(app.year);
  if (!byDate) byYear.set(app.year, (byDate = new Map()));
  let r = byDate.get(app.date);
  if (!r) {
    r = resolver.resolve(app.policy, app.year, app.date === null ? undefined : serialToISO(app.date));
    byDate.set(app.date, r);
    memo.size++;
  }
  return r;
}

/** What a limit needs to know of a row. */
export function limitContext(app: Application, version: PolicyVersion, clause: string, route: string, level: string): LimitContext {
  return {
    index: app.index, recipient: key(app.recipient), project: key(app.project), extra: app.extra ?? null, year: app.year, date: app.date,
    version: version.key, jurisdiction: version.jurisdiction, clause, route, level,
  };
}

/** Whether a row's type names a voucher programme (else it names a clause), remembered per type. */
function isProgrammeRow(resolver: Resolver, type: string): boolean {
  let known = isProgramme.get(resolver);
  if (!known) isProgramme.set(resolver, (known = new Map()));
  let programmeRow = known.get(type);
  if (programmeRow === undefined) {
    programmeRow = resolver.parseType(type).type !== null;
    if (known.size < 10000) known.set(type, programmeRow);
  }
  return programmeRow;
}

/**
 * THE ONE PLACE a row becomes an award. A programme row (a type such as compute or 算力券, with an
 * optional :route) goes through the voucher computation. A row naming a clause instead goes through
 * `clauseAward` (clause-hook.ts: the clause catalogue, Engine.clauseAward); without one, such a row is
 * an error for that row, never 0.
 */
export function awardForRow(resolver: Resolver, app: Application, trace: boolean, clauseAward?: RowAwardFn, bind = true): RowAward {
  if (!isProgrammeRow(resolver, app.programme)) {
    if (clauseAward) return clauseAward(app);
    const types = resolver.registry.programmeTypes.map((t) => `${t.id}/${t.name}`);
    throw notAvailable(bi(
      `"${app.programme}" is not a voucher programme (${types.join(", ")}), and clause rows are not priced here.`,
      `“${app.programme}”不是券种（${types.join("、")}），此处也不计算条款行。`,
    ));
  }
  // A dated application is priced under the version in force on its date (滨江 on 2025-03-01: the
  // 2023 text, though the 2025 text is in force later that year); an undated one by its year.
  const resolved = resolveRow(resolver, app);
  const { version } = resolved;
  const { programme, route } = resolver.findProgrammeRoute(version, app.programme);
  let amount = app.amount;
  if (amount === null) {
    if (route.kind !== "lump-sum") {
      throw invalidValue(bi(
        `amount (金额) is empty: ${programme.id}:${route.id} pays a share of ${route.base?.label || "the spend"}, so give that amount in 元.`,
        `金额为空：${programme.id}:${route.id} 按${route.base?.label || "支出金额"}的一定比例支付，请填写该金额（元）。`,
      ));
    }
    amount = 0;
  }
  const n = routeNames(version, programme, route);
  // Without a trace, the route's compiled evaluator (whole fen) gives the same award far cheaper.
  const fast = trace ? null : compiledAward(version, programme, route, amount, app.domestic);
  const r = fast ? null : computeVoucher(resolver, resolved, app.programme, amount, app.domestic, app.year, trace);
  const limits = bind ? bindLimits(voucherRouteLimits(version, programme, route), limitContext(app, version, programme.id, route.id, route.id)) : [];
  return r ? new VoucherAward(n, limits, r.award, undefined, r.binding, r.steps) : new VoucherAward(n, limits, undefined, fast![0], fast![1], NO_STEPS);
}

/** A voucher row's award: in 元 as computed, or in whole fen with the 元 made only when read (most runs never read it). */
class VoucherAward implements RowAward {
  constructor(private readonly n: RouteNames, readonly limits: BoundLimit[], private exact: Decimal | undefined, readonly fen: number | undefined, readonly binding: string, public steps: Step[]) {}
  // what every row under the route shares, read from it (a million rows hold one copy)
  get kind() {
    return "voucher" as const;
  }
  get awardId(): string {
    return this.n.awardId;
  }
  get label(): Text {
    return this.n.label;
  }
  get version(): PolicyVersion {
    return this.n.version;
  }
  get instalments(): Instalments | undefined {
    return this.n.instalments;
  }
  get single(): Decimal {
    return (this.exact ??= fenToYuan(this.fen!));
  }
}

/** What every row under one route of one version shares: its award id, labels and instalments. */
interface RouteNames { version: PolicyVersion; programme: object; awardId: string; label: Text; instalments?: Instalments }

const names = new WeakMap<object, RouteNames>();

/** A route's award id and labels, made once per route (every row under it shares them). */
function routeNames(version: PolicyVersion, programme: Programme, route: Route): RouteNames {
  let n = names.get(route);
  if (!n || n.programme !== programme || n.version !== version) {
    const awardId = `${programme.id}:${route.id}`;
    const label = bi(`${programme.name} ${awardId} (clause ${programme.clause})`, `${programme.name} ${awardId}（${clauseLabel(version, programme.clause, "zh")}）`);
    n = { version, programme, awardId, label, instalments: route.instalments };
    names.set(route, n);
  }
  return n;
}

export interface PortfolioOptions {
  method: AllocationMethod;
  /** Build each award's trace (the CLI does; the spreadsheet function does not need it). */
  trace?: boolean;
  /** Prices rows that name a clause (see awardForRow). */
  clauseAward?: RowAwardFn;
  /** Called about ten times while rows are computed (for progress on long runs). */
  progress?: (done: number, total: number) => void;
  /**
   * With trace: false leaves each award's own steps out, the portfolio's steps being kept; the caller
   * makes them again with awardTrace when it writes each trace (a table of a million rows: exposure).
   */
  awardSteps?: boolean;
  /** Called as the rules across rows start on each year (for progress on long runs). */
  onYear?: (year: number, rows: number) => void;
  /** Called about ten times through a long year taken row by row (first come first served): rows done of the year's. */
  onYearRows?: (year: number, done: number, rows: number) => void;
  /** Told what each row asked of each pool and was given from it (the forecast's months). */
  onPoolDraw?: PoolDrawFn;
  /**
   * The parsed rows are the pass's to let go: each entry of `parsed` is emptied once its row is made
   * (a million rows' wrappers are not held through the pass). The caller reads the result instead.
   */
  consume?: boolean;
}

/**
 * A row's draw on one pool: the pool's key (as PoolSummary.key), what it asked and what the pool gave,
 * in whole fen; `due` is the year an instalment falls due where it is not the row's own year.
 */
export type PoolDrawFn = (row: PortfolioRow, pool: string, requested: number, given: number, due: number | null) => void;

/** Order of processing: by year, then date (undated rows last in their year), then row order. */
function compareRows(a: PortfolioRow, b: PortfolioRow): number {
  const x = a.app!;
  const y = b.app!;
  if (x.year !== y.year) return x.year - y.year;
  if (x.date !== y.date) return x.date === null ? 1 : y.date === null ? -1 : x.date - y.date;
  return a.index - b.index;
}

/** Days an Excel serial date may count (9999-12-31 is 2958465); an undated row sorts after every date of its year. */
const DAYS = 3_000_000;

/**
 * The rows' order by compareRows (year, date, undated last, table order): position k in date order
 * is row order[k]. Sorted as numbers: each row's key is its year and day with its place in the
 * table below them, exact while the keys stay below 2^53 (else the comparison sorts them).
 */
function dateOrder(rows: readonly PortfolioRow[]): Int32Array {
  const n = rows.length;
  let [first, last, dated] = [Infinity, -Infinity, true];
  for (const { app } of rows) {
    if (app!.year < first) first = app!.year;
    if (app!.year > last) last = app!.year;
    if (app!.date !== null && !(app!.date >= 0 && app!.date < DAYS - 1)) dated = false;
  }
  const place = 2 ** Math.ceil(Math.log2(n + 1));
  const order = new Int32Array(n);
  if (!dated || !((last - first + 1) * DAYS * place <= Number.MAX_SAFE_INTEGER)) {
    const sorted = Array.from({ length: n }, (_, i) => i).sort((a, b) => compareRows(rows[a], rows[b]));
    order.set(sorted);
    return order;
  }
  const keys = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const { year, date } = rows[i].app!;
    keys[i] = ((year - first) * DAYS + (date ?? DAYS - 1)) * place + i;
  }
  keys.sort();
  for (let i = 0; i < n; i++) order[i] = keys[i] % place;
  return order;
}

/** The names "cut by" shows, in both languages: the fixed ones, and each limit's as it cuts (limits name themselves). */
const CUT_NAMES = new Map<string, Text>([
  ["non-duplication", bi("non-duplication", "不重复")], ["cap", bi("cap", "上限")], ["recipient cap", bi("recipient cap", "单位上限")],
  ["pool", bi("pool", "资金总额")], ["threshold", bi("threshold", "门槛")], ["years of support", bi("years of support", "补助年限")],
]);

/** A "cut by" name in both languages (PORTFOLIO's column is the English; tr(cutName(c), lang) gives either). */
export function cutName(en: string): Text {
  return CUT_NAMES.get(en) ?? bi(en, en);
}

/** A row's "cut by" cell: the rules that cut it, in the user's language. */
export function cutsText(cuts: readonly string[], lang: Lang): string {
  return lang === "en" ? cuts.join("; ") : cuts.map((c) => tr(cutName(c), lang)).join("；");
}

/** A limit's name as "cut by" shows it (English), remembered with its Chinese for cutName. */
function cutRule(name: Text): string {
  if (!CUT_NAMES.has(name.en) && CUT_NAMES.size < 1000) CUT_NAMES.set(name.en, name);
  return name.en;
}

/** How "cut by" names the single-award rule that set an award on its own, where it cut it. */
const SINGLE_CUTS: Record<string, string> = { cap: "cap", "recipient-cap": "recipient cap", pool: "pool", threshold: "threshold", years: "years of support" };

const yuanOf = formatFen;

/** An award on its own in whole fen, as a Number (the compiled evaluator's, or its 元 rounded half up). */
export function awardFen(a: RowAward): number {
  return a instanceof VoucherAward && a.fen !== undefined ? a.fen : Number(toFenBig(a.single));
}

/**
 * The rows being worked on, in date order, with their amounts in whole fen and the rules that cut them.
 * The amounts are Numbers: every count of the pass is a sum of them, exact while their total (with
 * what was paid before) stays below 2^53 fen (9×10^13 元), which the pass checks first.
 */
class Pass {
  readonly fen: Float64Array;
  readonly own: Float64Array;
  readonly paidBefore: Float64Array;
  /** Each row's amount before the pools of its chunk cut it (see runChunk). */
  readonly provisional: Float64Array;
  /** Each row's year, and its bound limits: row i's are lims[limStart[i]] up to lims[limStart[i + 1]]. */
  readonly year: Int32Array;
  readonly limStart: Int32Array;
  readonly lims: BoundLimit[];
  /**
   * Each row's project under a non-duplication rule, as a number: one for each jurisdiction,
   * recipient and project (names that read alike share it); -1 where no such rule applies.
   */
  readonly project: Float64Array;
  /** Each row's award as a number, one for each award id (compute:standard, a clause id). */
  readonly award: Int32Array;
  /** Each instalment of a row paid in instalments, as its pools left it. */
  readonly instalments = new Map<number, CashEntry[]>();
  /** The rows, in date order. */
  readonly live: Row[];
  /**
   * What the pass reads of each row, copied once into arrays in date order (row order[k] of `rows`,
   * in table order, is the pass's row k): the rules then read them in sequence instead of following
   * each row to its application and award again and again. The rows are read in table order, the
   * order their objects were made in, each written straight to its place in date order.
   */
  constructor(rows: readonly Row[], order: Int32Array, readonly trace: boolean, readonly onPoolDraw?: PoolDrawFn) {
    const n = rows.length;
    this.live = Array.from(order, (j) => rows[j]);
    const at = new Int32Array(n); // row j of the table is the pass's row at[j]
    for (let k = 0; k < n; k++) at[order[k]] = k;
    [this.fen, this.paidBefore, this.year, this.project, this.award] = [new Float64Array(n), new Float64Array(n), new Int32Array(n), new Float64Array(n), new Int32Array(n)];
    this.limStart = new Int32Array(n + 1);
    const awardIds = new Map<string, number>();
    const projects = new ProjectIds(n);
    let total = 0;
    for (let j = 0; j < n; j++) {
      const { app, award } = rows[j];
      const k = at[j];
      const before = app!.paidBefore;
      this.fen[k] = awardFen(award!);
      this.paidBefore[k] = before ? Number(toFenBig(before)) : 0;
      this.year[k] = app!.year;
      this.project[k] = award!.version.nonDuplication && app!.project ? projects.of(award!.version.jurisdiction, app!.recipient, app!.project) : -1;
      let no = awardIds.get(award!.awardId);
      if (no === undefined) awardIds.set(award!.awardId, (no = awardIds.size));
      this.award[k] = no;
      this.limStart[k + 1] = award!.limits.length; // counts first, made starts below
      total += this.fen[k] + this.paidBefore[k];
    }
    if (!(total <= Number.MAX_SAFE_INTEGER)) throw invalidNumber(bi("the awards of the table add up to more than 9×10^13 元, more than is counted exactly: split the table.", "表中补贴合计超过 9×10^13 元，无法精确计算：请拆分表格。"));
    for (let k = 0; k < n; k++) this.limStart[k + 1] += this.limStart[k];
    this.lims = new Array<BoundLimit>(this.limStart[n]);
    for (let j = 0; j < n; j++) {
      let x = this.limStart[at[j]];
      for (const b of rows[j].award!.limits) this.lims[x++] = b;
    }
    this.own = this.fen.slice();
    this.provisional = new Float64Array(n);
  }

  /** Adds a step to a row's trace. */
  add(i: number, s: Step): void {
    this.live[i].addStep(s);
  }
  /** Lowers a row's amount; `why` is given where the pass keeps a trace (`pass.trace && …`: nothing made otherwise). */
  cut(i: number, rule: string, to: number, why: false | Why, quote?: string): void {
    const from = this.fen[i];
    if (to >= from) return;
    addCut(this.live[i], rule);
    this.fen[i] = to;
    if (this.trace && why) this.add(i, new CutStep(rule, from, to, why, quote ? { quote, source: this.live[i].award!.version.source } : undefined));
  }
}

/**
 * A cut in a row's trace, "from → to: why", its words made only when read: a million rows' traces
 * hold two amounts and a shared reason each, not their text in two languages.
 */
class CutStep implements Step {
  readonly quote?: string;
  readonly source?: string;
  constructor(readonly step: string, private readonly from: number, private readonly to: number, private readonly why: Why, cited?: { quote: string; source: string }) {
    if (cited) [this.quote, this.source] = [cited.quote, cited.source];
  }
  get text(): Text {
    const move = `${yuanOf(this.from)} → ${yuanOf(this.to)}`;
    const why = this.why.text();
    return bi(`${move}: ${why.en}`, `${move}：${why.zh}`);
  }
  get value(): string {
    return this.text.en;
  }
}

/**
 * Why a rule cut a row, worded only when its trace is read: a million rows' traces hold a few
 * numbers and shared objects each, not their text in two languages.
 */
interface Why {
  text(): Text;
}

/** A reason worded once, shared by every row it cut (a pool's). */
class Worded implements Why {
  constructor(private readonly words: Text) {}
  text(): Text {
    return this.words;
  }
}

/** A limit cut the row: what earlier rows used of it (and what the row was paid before). */
class LimitWhy implements Why {
  constructor(private readonly b: BoundLimit, private readonly before: number, private readonly paidBefore: number) {}
  text(): Text {
    return reason(this.b, this.before, this.paidBefore);
  }
}

/** Non-duplication cut the row: the same project's better award (its label and row, kept: not looked up again when worded). */
class BetterAward implements Why {
  private readonly label: Text;
  private readonly line: number;
  constructor(best: PortfolioRow) {
    this.label = best.award!.label;
    this.line = best.line;
  }
  text(): Text {
    return bi(
      `the same project also qualifies for ${this.label.en} (row ${this.line}), which pays more: only the highest award is paid`,
      `同一项目亦符合${this.label.zh}（第${this.line}行），金额更高：只按最高一项支持`,
    );
  }
}

/** The empty lists every row starts with, shared (frozen): a row gets its own at its first cut or step. */
const NO_CUTS: string[] = Object.freeze([]) as unknown as string[];
const NO_STEPS: Step[] = Object.freeze([]) as unknown as Step[];

/** The list of one cut, one per rule, shared by every row it is all that cut (frozen: a second cut makes a list of its own). */
const ONE_CUT = new Map<string, string[]>();
function oneCut(rule: string): string[] {
  let one = ONE_CUT.get(rule);
  if (!one) ONE_CUT.set(rule, (one = Object.freeze([rule]) as unknown as string[]));
  return one;
}

/** Names a rule in a row's "cut by", once. */
function addCut(r: PortfolioRow, rule: string): void {
  if (r.cuts === NO_CUTS) r.cuts = oneCut(rule);
  else if (!r.cuts.includes(rule)) r.cuts = [...r.cuts, rule]; // a new list: the first is shared
}

/** A row of the result; what it is paid is kept in whole fen, its 元 made only when read. */
class Row implements PortfolioRow {
  paidFen?: number;
  private paidYuan?: Decimal;
  cuts: string[] = NO_CUTS;
  /** The portfolio's steps: one step as it is (most rows have one), several in a list of their own size. */
  private own: Step | Step[] | null = null;
  cash?: { year: number; amount: Decimal }[];
  payers?: { payer: string; amount: Decimal }[];
  constructor(readonly index: number, readonly line: number, readonly app: Application | null, public error: AwardError | null, public award: RowAward | null) {}
  get paid(): Decimal | null {
    return this.paidFen === undefined ? null : (this.paidYuan ??= fenToYuan(this.paidFen));
  }
  get steps(): Step[] {
    return this.own === null ? NO_STEPS : Array.isArray(this.own) ? this.own : [this.own];
  }
  addStep(s: Step): void {
    this.own = this.own === null ? s : Array.isArray(this.own) ? [...this.own, s] : [this.own, s];
  }
}

/** Computes each row's award on its own; a row that cannot be computed keeps its error, never 0. */
function computeRows(resolver: Resolver, parsed: readonly (ParsedRow | undefined)[], options: PortfolioOptions): Row[] {
  const rows: Row[] = [];
  const total = parsed.length;
  const every = Math.max(5000, Math.ceil(total / 10)); // about ten lines on a long run
  for (let i = 0; i < parsed.length; i++) {
    const p = parsed[i]!;
    if (options.consume) (parsed as (ParsedRow | undefined)[])[i] = undefined;
    if (options.progress && i % every === 0 && i > 0) options.progress(i, total);
    if (p.ok === "blank") rows.push(new Row(p.index, p.line, null, null, null));
    else if (p.ok === false) rows.push(new Row(p.bad.index, p.bad.line, null, p.bad.error, null));
    else {
      try {
        const award = awardForRow(resolver, p.app, (options.trace ?? false) && options.awardSteps !== false, options.clauseAward);
        if (options.awardSteps === false) award.steps = NO_STEPS;
        rows.push(new Row(p.app.index, p.app.line, p.app, null, award));
      } catch (e) {
        if (!(e instanceof AwardError)) throw e;
        rows.push(new Row(p.app.index, p.app.line, p.app, e, null));
      }
    }
  }
  if (options.progress) options.progress(total, total);
  return rows;
}

const paidBeforeUnused = (paid: Decimal, key: string, awardId: string): AwardError => invalidValue(bi(
  `paid before (已获资助) is ${formatYuan(paid)}, but ${key} has no top-up rule (补足差额) for ${awardId}: leave the column empty for this row.`,
  `已获资助为 ${formatYuan(paid)}，但 ${key} 对 ${awardId} 没有补足差额的规定：请将该行的这一列留空。`,
));

/**
 * An amount paid before only means something where a limit counts it: a top-up (补足差额) or a
 * one-time award. Checked first, so that a row in error takes no part in any rule.
 */
function checkPaidBefore(rows: PortfolioRow[]): void {
  for (const r of rows) {
    const a = r.award;
    if (!a || r.app!.paidBefore === null || !r.app!.paidBefore.greaterThan(0)) continue;
    const counted = a.limits.some((b) => (b.limit.counts === "money" && b.amount === null) || (b.limit.counts === "awards" && b.limit.for !== "measure"));
    if (!counted) r.error = paidBeforeUnused(r.app!.paidBefore, a.version.key, a.awardId);
  }
}

/**
 * Non-duplication (从优从高不重复 / 就高不重复 / 仅享受其中一项): one recipient's project qualifying
 * under several awards in a year is paid the highest single award only. Several rows under the same
 * award (two contracts of one project) are one claim under it; levels of one award are the top-up's.
 */
function nonDuplication(pass: Pass, year: number[]): void {
  const { live, fen, award } = pass;
  for (const g of projectGroups(pass, year)) {
    if (g.every((i) => award[i] === award[g[0]])) continue;
    // each award's total over the group, in the order first seen (a group is a few rows: a list, not a map)
    const ids: number[] = [];
    const sums: number[] = [];
    for (const i of g) {
      const k = ids.indexOf(award[i]);
      if (k < 0) {
        ids.push(award[i]);
        sums.push(fen[i]);
      } else sums[k] += fen[i];
    }
    let top = 0;
    for (let k = 1; k < ids.length; k++) if (sums[k] > sums[top]) top = k;
    const best = ids[top];
    const bestRow = live[g.find((i) => award[i] === best)!];
    for (const i of g) {
      if (award[i] === best) continue;
      pass.cut(i, "non-duplication", 0, pass.trace && new BetterAward(bestRow), live[i].award!.version.nonDuplication!.quote);
    }
  }
}

/**
 * The year's rows under a non-duplication rule that share a jurisdiction, recipient and project with
 * another row (a row alone in its group is never cut by the rule, so it is not listed). Keyed by
 * the pass's project numbers: no key string, and no list for a row alone.
 */
function projectGroups(pass: Pass, year: number[]): number[][] {
  const first = new Map<number, number | number[]>();
  const out: number[][] = [];
  for (const i of year) {
    const k = pass.project[i];
    if (k < 0) continue;
    const seen = first.get(k);
    if (seen === undefined) first.set(k, i);
    else if (typeof seen === "number") {
      const g = [seen, i];
      first.set(k, g);
      out.push(g);
    } else seen.push(i);
  }
  return out;
}

/**
 * Numbers for the projects of a pass: one for each jurisdiction, recipient and project, names that
 * read alike once normalized (全角/半角, case, spaces) sharing one. Made per pass, so a run's numbers
 * never change under it.
 */
class ProjectIds {
  private readonly raw = new Map<string, number>();
  private readonly normal = new Map<string, number>();
  /** (jurisdiction, recipient) → a number of its own: keys of two numbers stay below size² */
  private readonly pairs = new Map<number, number>();
  /** More than any name's number (each row names at most three: recipient, project, jurisdiction): keys stay exact. */
  private readonly size: number;
  constructor(rows: number) {
    this.size = 3 * rows + 16;
  }
  of(jurisdiction: string, recipient: string, project: string): number {
    const jr = this.name(jurisdiction) * this.size + this.name(recipient);
    let pair = this.pairs.get(jr);
    if (pair === undefined) this.pairs.set(jr, (pair = this.pairs.size));
    return pair * this.size + this.name(project);
  }
  private name(name: string): number {
    let id = this.raw.get(name);
    if (id === undefined) {
      const k = key(name);
      id = this.normal.get(k);
      if (id === undefined) this.normal.set(k, (id = this.normal.size));
      this.raw.set(name, id);
    }
    return id;
  }
}

/** Why a limit cut a row, for the trace, in both languages. */
function reason(b: BoundLimit, before: number, paidBefore: number): Text {
  const l = b.limit;
  const [en, zh] = [tr(l.name, "en"), tr(l.name, "zh")];
  const period = b.period || "";
  if (l.counts === "years") return bi(`${en}: ${b.amount} years of support already paid for this ${l.for}: no further year`, `${zh}：该${l.for}已获${b.amount}年支持，不再支持`);
  if (l.counts === "awards") {
    return l.for === "measure"
      ? bi(`${en}: ${b.amount} award${b.amount === 1n ? "" : "s"} already given in ${period}`, `${zh}：${period}已支持${b.amount}个`)
      : bi(`${en}: ${b.amount} award${b.amount === 1n ? "" : "s"} already given to this ${l.for}`, `${zh}：该${l.for}已获支持${b.amount}次`);
  }
  if (b.amount === null) return bi(`${en}: ${yuanOf(before + paidBefore)} already paid for this award: on promotion only the difference is paid`, `${zh}：同一奖项已资助${yuanOf(before + paidBefore)}，晋升后只补足差额`);
  return bi(`${en}, ${yuanOf(b.amount)} per ${l.for}${period ? ` (${period})` : ""}: ${yuanOf(before)} already awarded`, `${zh}${yuanOf(b.amount)}${period ? `（${period}）` : ""}：已支持${yuanOf(before)}`);
}

/** Every limit but the pools, row by row in date order; what each row used is counted as it goes. */
function applyRowLimits(pass: Pass, year: number[], state: LimitState): void {
  const { lims, limStart } = pass;
  for (const i of year) {
    const y = pass.year[i];
    for (let x = limStart[i]; x < limStart[i + 1]; x++) {
      const b = lims[x];
      if (b.pool) continue;
      const to = state.allowed(b, pass.fen[i], pass.own[i], pass.paidBefore[i], y);
      if (to >= pass.fen[i]) continue;
      const before = state.usedBy(b); // the state is unchanged since allowed: what earlier rows used
      pass.cut(i, cutRule(b.limit.name), to, pass.trace && new LimitWhy(b, before, pass.paidBefore[i]), b.limit.quote);
    }
    for (let x = limStart[i]; x < limStart[i + 1]; x++) if (!lims[x].pool) state.record(lims[x], pass.fen[i], y, 1);
  }
}

/** Re-counts what the year's rows used once the pools have cut them: later years count what was paid. */
function settle(pass: Pass, year: number[], state: LimitState): void {
  for (const i of year) {
    const from = pass.provisional[i];
    if (pass.fen[i] === from) continue;
    for (let x = pass.limStart[i]; x < pass.limStart[i + 1]; x++) if (!pass.lims[x].pool) state.recount(pass.lims[x], from, pass.fen[i], pass.year[i]);
  }
}

/** One year's cash of a row drawing on the pools: the whole award, or one instalment of it. */
interface CashEntry {
  i: number;
  year: number;
  /** What is still asked of the pools, in fen (lowered by each pool that cuts it). */
  cash: number;
  /** The amount split between payers, fixed at the first payer's pool; and what earlier payers' shares took. */
  split: number | null;
  splitTaken: number;
  sharesLeft: number;
}

/** The key of a pool for an entry: the row's own, or the same pool in the year an instalment falls due. */
function poolKey(b: BoundLimit, e: CashEntry, rowYear: number): string {
  return e.year === rowYear ? b.key : b.base + String(e.year);
}

/** Shares each pool the entries draw on among them, narrowest pools first. */
function allocatePools(pass: Pass, entries: CashEntry[], state: LimitState, method: AllocationMethod, summaries: Map<string, Tally>): void {
  if (entries.length === 1 && allocateAlone(pass, entries[0], state, method, summaries)) return;
  const groups = new Map<string, { b: BoundLimit; entries: CashEntry[] }>();
  const { lims, limStart } = pass;
  for (const e of entries) {
    e.sharesLeft = sharesOf(pass, e.i);
    for (let x = limStart[e.i]; x < limStart[e.i + 1]; x++) {
      const b = lims[x];
      if (!b.pool) continue;
      const k = poolKey(b, e, pass.year[e.i]);
      const g = groups.get(k);
      if (g) g.entries.push(e);
      else groups.set(k, { b, entries: [e] });
    }
  }
  const order = [...groups.entries()].sort((a, b) => a[1].b.rank - b[1].b.rank);
  for (const [k, g] of order) allocatePool(pass, k, g.entries, g.b, state, method, summaries);
}

/** How many payers share a row's cost (pools with a share). */
function sharesOf(pass: Pass, i: number): number {
  let n = 0;
  for (let x = pass.limStart[i]; x < pass.limStart[i + 1]; x++) if (pass.lims[x].pool && pass.lims[x].limit.share) n++;
  return n;
}

/**
 * allocatePools for one entry (first come first served goes row by row) without the grouping: its
 * pools in rank order, the same order the grouping gives. Declines (false) where two of its pools
 * share a key, which the grouping treats as one pool.
 */
function allocateAlone(pass: Pass, e: CashEntry, state: LimitState, method: AllocationMethod, summaries: Map<string, Tally>): boolean {
  const rowYear = pass.year[e.i];
  let pools: BoundLimit[] | BoundLimit | null = null; // most rows have one pool: no array for it
  for (let x = pass.limStart[e.i]; x < pass.limStart[e.i + 1]; x++) {
    const b = pass.lims[x];
    if (b.pool) pools = pools === null ? b : Array.isArray(pools) ? [...pools, b] : [pools, b];
  }
  e.sharesLeft = sharesOf(pass, e.i);
  if (pools === null) return true;
  if (!Array.isArray(pools)) {
    allocatePool(pass, poolKey(pools, e, rowYear), [e], pools, state, method, summaries);
    return true;
  }
  for (let x = 1; x < pools.length; x++) for (let y = 0; y < x; y++) if (poolKey(pools[x], e, rowYear) === poolKey(pools[y], e, rowYear)) return false;
  pools.sort(byRank); // stable: pools of one rank keep their order
  for (const b of pools) allocatePool(pass, poolKey(b, e, rowYear), [e], b, state, method, summaries);
  return true;
}

/** Why a pool cut a row (or the instalment due in a later year), for the trace, in both languages. */
function poolCut(label: Text, dueYear: number | null, method: AllocationMethod): Text {
  const due = dueYear === null ? ["", ""] : [` (the instalment due in ${dueYear})`, `（${dueYear}年应拨部分）`];
  return method === "fcfs"
    ? bi(`${label.en}${due[0]}: first come first served: the pool is used up by earlier applications`, `${label.zh}${due[1]}：先到先得，资金已由在先申请用完`)
    : bi(`${label.en}${due[0]}: oversubscribed: every award scaled by pool ÷ requests`, `${label.zh}${due[1]}：申请超出资金总额，各项按资金÷申请额同比例核减`);
}

const byRank = (x: BoundLimit, y: BoundLimit) => x.rank - y.rank;

/** What an entry asks of one pool: all its cash, or a payer's share of it (the last payer takes the remainder of a fen). */
function requestOf(e: CashEntry, b: BoundLimit): number {
  const share = b.limit.share;
  if (!share) return e.cash;
  if (e.split === null) e.split = e.cash;
  e.sharesLeft -= 1;
  const r = e.sharesLeft === 0 ? e.split - e.splitTaken : share.times(e.split).floor().toNumber();
  e.splitTaken += r;
  return r;
}

function allocatePool(pass: Pass, k: string, entries: CashEntry[], b: BoundLimit, state: LimitState, method: AllocationMethod, summaries: Map<string, Tally>): void {
  const l = b.limit;
  const limit = b.n;
  const usedBefore = k === b.key ? state.usedBy(b) : state.used(k);
  const left = limit > usedBefore ? limit - usedBefore : 0;
  const requests = entries.map((e) => requestOf(e, b));
  const given = allocateSafe(left, requests, method);
  const t = tallyOf(summaries, k, b, pass.live[entries[0].i], entries[0].year);
  const label = t.label;
  let requested = 0;
  let exhaustion: number | null = null;
  for (let j = 0; j < entries.length; j++) {
    const e = entries[j];
    const i = e.i;
    requested += requests[j];
    const own = e.year === pass.year[i]; // the row's own year, not an instalment due later
    pass.onPoolDraw?.(pass.live[i], k, requests[j], given[j], own ? null : e.year);
    if (exhaustion === null && requested >= left && requests[j] > 0) exhaustion = own ? pass.live[i].app!.date : null;
    if (l.payer) (pass.live[i].payers ??= []).push({ payer: l.payer, amount: fenToYuan(given[j]) });
    if (requests[j] > given[j]) {
      const short = requests[j] - given[j];
      e.cash -= short;
      const instalment = !own;
      pass.cut(i, cutRule(l.name), pass.fen[i] - short, pass.trace && (instalment ? new Worded(poolCut(label, e.year, method)) : (t.cut ??= new Worded(poolCut(label, null, method)))), l.quote);
    } else if (pass.trace) {
      pass.add(i, requests[j] === 0 ? (t.nothing ??= poolStep(l, bi(`${label.en}: nothing to pay from it`, `${label.zh}：无需支付`))) : (t.full ??= poolStep(l, bi(`${label.en}: paid in full`, `${label.zh}：全额支付`))));
    }
  }
  const awarded = requested <= left ? requested : left; // what allocateFen gave: all, or the whole pool
  // an instalment draws on its own year's pool, which counts it: later rows of that year see it spent
  if (k === b.key) state.record(b, awarded, entries[0].year, 1);
  else state.recordMoney(k, awarded);
  t.requested += requested;
  t.given += awarded;
  t.awarded = usedBefore + awarded;
  t.exhaustion ??= exhaustion;
  t.rows += entries.length;
}

/** A pool's summary as it is counted, in whole fen (made PoolSummary once, at the end). */
interface Tally {
  key: string; version: string; pool: string; label: Text; year: number; period: string; quote: string;
  limit: bigint; requested: number; given: number; awarded: number; exhaustion: number | null; rows: number;
  /** The pool's steps "paid in full" and "nothing to pay", and why it cut a row, made once and shared by every row's trace. */
  full?: Step; nothing?: Step; cut?: Why;
}

/** A pool's step in a trace (shared by the rows it names: never changed). */
const poolStep = (l: BoundLimit["limit"], text: Text): Step => ({ step: tr(l.name, "en"), value: text.en, text });

/** A pool's label in summaries and traces: its title, period and amount, 算力券 (compute) annual pool 2026, 1亿元. */
const poolLabel = (title: Text, period: string, amount: string): Text => bi(`${title.en} ${period}, ${amount}`, `${title.zh} ${period}，${amount}`);

function tallyOf(tallies: Map<string, Tally>, k: string, b: BoundLimit, first: PortfolioRow, year: number): Tally {
  let t = tallies.get(k);
  if (!t) {
    const l = b.limit;
    const pool = poolId(l);
    const period = year === first.app!.year ? b.period : String(year);
    t = {
      key: k, version: first.award!.version.key, pool, label: poolLabel(l.title ?? bi(`${pool} ${l.name.en}`, `${pool} ${l.name.zh}`), period, yuanOf(b.amount!)), year, period, quote: l.quote,
      limit: b.amount!, requested: 0, given: 0, awarded: 0, exhaustion: null, rows: 0,
    };
    tallies.set(k, t);
  }
  return t;
}

function summaryOf(t: Tally): PoolSummary {
  return {
    key: t.key, version: t.version, pool: t.pool, label: t.label, year: t.year, period: t.period, limit: fenToYuan(t.limit),
    requested: fenToYuan(t.requested), awarded: fenToYuan(t.awarded), unmet: fenToYuan(t.requested - t.given),
    remaining: fenToYuan(t.limit - BigInt(t.awarded)), // what the pool never paid (its limit in BigInt: it may pass 2^53)
    exhaustion: t.exhaustion, rows: t.rows, quote: t.quote,
  };
}

/**
 * The cash entries of a year's rows: the whole award, or for an award in instalments its first
 * part now and the others queued for the years they fall due (a fen's remainder in the last).
 */
function cashEntries(pass: Pass, year: number[], carry: Map<number, CashEntry[]>): CashEntry[] {
  const out: CashEntry[] = [];
  for (const i of year) {
    const y = pass.year[i];
    const shares = pass.live[i].award!.instalments?.shares;
    if (!shares) {
      out.push({ i, year: y, cash: pass.fen[i], split: null, splitTaken: 0, sharesLeft: 0 });
      continue;
    }
    let taken = 0;
    shares.forEach((s, k) => {
      const part = k === shares.length - 1 ? pass.fen[i] - taken : s.times(pass.fen[i]).floor().toNumber();
      taken += part;
      const e: CashEntry = { i, year: y + k, cash: part, split: null, splitTaken: 0, sharesLeft: 0 };
      if (k === 0) out.push(e);
      else {
        const q = carry.get(y + k) ?? [];
        q.push(e);
        carry.set(y + k, q);
      }
      pass.instalments.set(i, [...(pass.instalments.get(i) ?? []), e]);
    });
  }
  return out;
}

/**
 * Applies every rule to a table of applications: THE entry for PORTFOLIO, exposure and the forecast.
 * Each award on its own is rounded half up to the fen once; then, year by year in date order, the
 * non-duplication rule, every limit of each row (limits/), and the pools, which draw on each year's
 * cash (an instalment falls on its year's pools). The rules are all subtractions, minimums and
 * shares of whole-fen limits, so nothing is rounded twice.
 */
export function runPortfolio(resolver: Resolver, parsed: readonly ParsedRow[], options: PortfolioOptions): PortfolioResult {
  if (parsed.some((p) => p.ok === true && !isProgrammeRow(resolver, p.app.programme))) inferSupportYears(parsed);
  const rows = computeRows(resolver, parsed, options);
  checkPaidBefore(rows);
  const priced = rows.filter((r) => r.award !== null && !r.error);
  for (const r of priced) {
    const named = SINGLE_CUTS[r.award!.binding];
    if (named) addCut(r, named); // the single-award rule that cut it (its trace has the step)
  }
  const pass = new Pass(priced, dateOrder(priced), options.trace ?? false, options.onPoolDraw);
  const { live } = pass;
  if (options.awardSteps !== false) noteRounding(pass);
  const byYear = new Map<number, number[]>();
  for (let i = 0; i < live.length; i++) {
    const list = byYear.get(pass.year[i]);
    if (list) list.push(i);
    else byYear.set(pass.year[i], [i]);
  }
  const state = new LimitState();
  const summaries = new Map<string, Tally>();
  const carry = new Map<number, CashEntry[]>();
  const years = new Set(byYear.keys());
  const run: YearRun = { pass, state, carry, method: options.method, summaries, onRows: options.onYearRows };
  for (let y = Math.min(...years); years.size > 0; y++) {
    years.delete(y);
    options.onYear?.(y, byYear.get(y)?.length ?? 0);
    runYear(run, byYear.get(y) ?? [], y);
    for (const k of carry.keys()) years.add(k);
  }
  const versions = new Set<PolicyVersion>();
  for (let i = 0; i < live.length; i++) {
    const r = live[i];
    r.paidFen = pass.fen[i]; // paid (元) follows from it when read
    versions.add(r.award!.version);
  }
  for (const [i, parts] of pass.instalments) live[i].cash = parts.map((e) => ({ year: e.year, amount: fenToYuan(e.cash) }));
  return { rows, pools: [...summaries.values()].map(summaryOf), method: options.method, versions: [...versions] };
}

/**
 * Years of support from the table: a recipient's first row under a clause, for one entity (project,
 * platform, event, team), is its first year of support, a row a year later its second (首年、次年…).
 * A support-year column, where given, says otherwise. Only a clause row reads it (a table of voucher
 * rows only is not walked for it).
 */
function inferSupportYears(parsed: readonly ParsedRow[]): void {
  const entityNames = Object.values(ENTITY_COLUMNS).map((names) => names.map(normalizeText));
  const heads = new Map<string, string>();
  type Group = { first: number };
  // nested maps, recipient → policy → programme → project → entity columns: no key string a row
  const groups = new Map<string, Map<string, Map<string, Map<string, Map<string, Group>>>>>();
  const groupOf = (a: Application): Group => {
    let head = heads.get(a.programme);
    if (head === undefined) heads.set(a.programme, (head = key(a.programme.split(":")[0])));
    const byPolicy = getOrMake(groups, key(a.recipient), () => new Map<string, Map<string, Map<string, Map<string, Group>>>>());
    const byHead = getOrMake(byPolicy, key(a.policy), () => new Map<string, Map<string, Map<string, Group>>>());
    const byProject = getOrMake(byHead, head, () => new Map<string, Map<string, Group>>());
    const byEntity = getOrMake(byProject, key(a.project), () => new Map<string, Group>());
    let k = "";
    for (const names of entityNames) {
      k += "|";
      if (a.extra) for (const n of names) k += a.extra.get(n) ?? "";
    }
    return getOrMake(byEntity, k, () => ({ first: a.year }));
  };
  const of: Group[] = [];
  for (const p of parsed) {
    if (p.ok !== true) continue;
    const g = groupOf(p.app);
    of.push(g);
    if (p.app.year < g.first) g.first = p.app.year;
  }
  let j = 0;
  for (const p of parsed) if (p.ok === true) p.app.supportYear = p.app.year - of[j++].first + 1;
}

function getOrMake<K, V>(m: Map<K, V>, k: K, make: () => V): V {
  let v = m.get(k);
  if (v === undefined) m.set(k, (v = make()));
  return v;
}

interface YearRun { pass: Pass; state: LimitState; carry: Map<number, CashEntry[]>; method: AllocationMethod; summaries: Map<string, Tally>; onRows?: PortfolioOptions["onYearRows"] }

/**
 * One year: non-duplication, then every row's limits and pools. First come first served goes row by
 * row in date order (a row cut by a pool counts only what it was paid); pro rata shares each pool
 * among all the year's requests once every row's other limits are applied. Instalments due this year
 * draw on its pools first.
 */
function runYear(run: YearRun, year: number[], y: number): void {
  const { pass, state, carry, method, summaries } = run;
  nonDuplication(pass, year);
  const due = carry.get(y) ?? [];
  carry.delete(y);
  if (method !== "fcfs") return runChunk(run, year, due);
  if (due.length > 0) allocatePools(pass, due, state, method, summaries);
  const one = [0]; // row by row, in one array reused
  const every = Math.max(50000, Math.ceil(year.length / 10));
  for (let k = 0; k < year.length; k++) {
    one[0] = year[k];
    runChunk(run, one, []);
    if (run.onRows && (k + 1) % every === 0 && k + 1 < year.length) run.onRows(y, k + 1, year.length);
  }
}

/** A chunk of a year's rows (one row, or all of them): their limits, then the pools (with the instalments due first), then the counts settled. */
function runChunk(run: YearRun, chunk: number[], due: CashEntry[]): void {
  const { pass, state, carry, method, summaries } = run;
  applyRowLimits(pass, chunk, state);
  for (const i of chunk) pass.provisional[i] = pass.fen[i];
  const entries = cashEntries(pass, chunk, carry);
  allocatePools(pass, due.length > 0 ? [...due, ...entries] : entries, state, method, summaries);
  settle(pass, chunk, state);
}

/** The rounding of each award on its own, in its trace. */
function noteRounding(pass: Pass): void {
  if (!pass.trace) return;
  pass.live.forEach((r, i) => {
    const step = roundingStep(r.award!);
    if (step) pass.add(i, step);
  });
}

/** The step rounding an award on its own to the fen (half up, once), or null where it is whole fen. */
function roundingStep(award: RowAward): Step | null {
  const exact = award.single;
  const fen = fenToYuan(awardFen(award));
  return fen.equals(exact) ? null : { step: "rounding", value: `${exact.toString()} 元 rounded half up to the fen: ${fen.toFixed(2)} 元 (once, before the portfolio rules)` };
}

/**
 * A row's award on its own with its trace, made again (runPortfolio with awardSteps: false kept
 * none): its own steps, then its rounding to the fen where there is one — as the trace has them.
 */
export function awardTrace(resolver: Resolver, app: Application, clauseAward?: RowAwardFn): Step[] {
  const award = awardForRow(resolver, app, true, clauseAward, false); // its limits are not needed again
  const rounding = roundingStep(award);
  return rounding ? [...award.steps, rounding] : award.steps;
}

export const PORTFOLIO_COLUMNS = ["award", "cut by", "award on its own", "version", "programme", "year", "row"] as const;

/** The table PORTFOLIO spills: a header row, then one row per application, in the table's order. */
export function portfolioTable(result: PortfolioResult, lang: Lang = "en"): (string | number)[][] {
  const out: (string | number)[][] = [PORTFOLIO_COLUMNS.map((c) => columnIn(lang, c))];
  for (const r of result.rows) {
    if (r.error) out.push([r.error.code, lang === "en" ? `error: ${r.error.message}` : `错误：${r.error.in(lang)}`, "", r.award?.version.key ?? "", r.app?.programme ?? "", r.app?.year ?? "", r.line]);
    else if (!r.app || !r.award || r.paidFen === undefined) out.push(["", "", "", "", "", "", r.line]);
    else out.push([fenToYuanNumber(r.paidFen), cutsText(r.cuts, lang), fenToYuanNumber(awardFen(r.award)), r.award.version.key, r.award.awardId, r.app.year, r.line]);
  }
  return out;
}

export function describeDate(serial: number | null): string {
  return serial === null ? "" : serialToISO(serial);
}
