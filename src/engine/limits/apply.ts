// The one mechanism that applies limits: each row's limits are bound to keys (who shares them, for
// whom, over what period), then applied in date order against what earlier rows used. Pools (money
// limits for the whole measure) are shared out by the allocation method once the other limits are
// applied, narrowest first (a programme's pool before the measure's).
import { toFenBig } from "../budget/allocate";
import { serialToISO } from "../budget/dates";
import { normalizeText } from "../amount";
import { isPool, SHARE_RANK, type Limit, type LimitShare } from "./types";

/** What binding a limit needs to know about the row. */
export interface LimitContext {
  index: number;
  /** The recipient and project as keys: normalized (normalizeText), so spellings that read alike count together. */
  recipient: string;
  project: string;
  /** Other columns of the row by normalized header (platform, event, team, batch, …). */
  extra: ReadonlyMap<string, unknown> | null;
  year: number;
  date: number | null;
  version: string;
  jurisdiction: string;
  /** The clause (or programme) and route of the award, and the level reached (a tier, or the route). */
  clause: string;
  route: string;
  level: string;
}

/** A limit bound to one row: the key of the count it shares, and its amount (fen, or a count). */
export interface BoundLimit {
  limit: Limit;
  key: string;
  /** The key without its period: a pool's key in another year is base + year (instalments). */
  base: string;
  /** The period's name, e.g. 2026, 2026Q1, or the version for a window. */
  period: string;
  /** In fen for money; a count for awards and years; null: the row's own award (top-up). */
  amount: bigint | null;
  /**
   * The amount as the pass counts it, a Number: a count, or fen; a limit above 2^53 fen is taken as
   * 2^53, more than a pass ever counts (it checks its total), so it still never binds. 0 for null.
   */
  n: number;
  pool: boolean;
  rank: number;
  /** The count's slot in the LimitState that last saw it (set by that state; -1 before). */
  slot: number;
  /** Which LimitState the slot belongs to. */
  owner: number;
  /**
   * A limit of one award (period award, e.g. a top-up to the row's own award): no other row shares its
   * count, so it is bound once per limit, share and entity, and never counted.
   */
  alone: boolean;
}

/** The header names an entity column may have beside its id (data: a new kind of entity is one line). */
export const ENTITY_COLUMNS: Readonly<Record<string, readonly string[]>> = {
  platform: ["platform", "平台", "平台名称"],
  event: ["event", "活动", "活动名称", "赛事"],
  team: ["team", "团队", "团队名称"],
  batch: ["batch", "批次", "受理批次"],
};

/** The normalized headers a column named `name` may have (its own, and an entity's other names), made once a name. */
const headersOf = new Map<string, string[]>();
function headers(name: string): string[] {
  let h = headersOf.get(name);
  if (!h) headersOf.set(name, (h = [name, ...(ENTITY_COLUMNS[name] ?? [])].map(normalizeText)));
  return h;
}

function column(ctx: LimitContext, name: string): string {
  if (name === "project") return ctx.project;
  if (!ctx.extra) return "";
  for (const n of headers(name)) {
    const v = ctx.extra.get(n);
    if (v !== undefined && v !== null && String(v).trim() !== "") return normalizeText(String(v));
  }
  return "";
}

/**
 * For whom: the whole measure, a recipient, or an entity named by a column (the project column when
 * the named column is absent). With no name, a cap cannot be shared (the row is its own entity),
 * while a count of awards or years falls back to the recipient.
 */
function entityKey(l: Limit, ctx: LimitContext): string {
  if (l.for === "measure") return "*";
  if (l.for === "recipient") return ctx.recipient;
  const v = column(ctx, l.for) || (l.for !== "project" ? column(ctx, "project") : "");
  if (v) return pairKey(ctx.recipient, v);
  return l.counts === "money" && l.amount !== "own-award" ? `#${ctx.index}` : ctx.recipient;
}

const quarters = new Map<number, string>();

function quarterOf(ctx: LimitContext): string {
  if (ctx.date === null) return String(ctx.year);
  let q = quarters.get(ctx.date);
  if (q === undefined) {
    const month = Number(serialToISO(ctx.date).slice(5, 7));
    q = `Q${Math.floor((month - 1) / 3) + 1}`;
    if (quarters.size > 100000) quarters.clear();
    quarters.set(ctx.date, q);
  }
  return `${ctx.year}${q}`;
}

function periodKey(l: Limit, ctx: LimitContext): string {
  switch (l.period) {
    case "award": return `#${ctx.index}`;
    case "year": return String(ctx.year);
    case "quarter": return quarterOf(ctx);
    case "batch": return column(ctx, "batch") || quarterOf(ctx);
    case "window": return ctx.version;
    case "ever": return "";
  }
}

function shareKey(s: LimitShare, ctx: LimitContext): string {
  switch (s) {
    case "route": return interned(ctx.version, ctx.clause, ctx.route);
    case "level": return interned(ctx.version, ctx.clause, ctx.level);
    case "clause":
    case "programme": return interned(ctx.version, ctx.clause, null);
    case "version": return ctx.version;
    case "jurisdiction": return ctx.jurisdiction;
  }
}

type TrieNode<V> = Map<string, V>;
type Trie<V> = Map<unknown, Map<string, TrieNode<V>>>;
/**
 * Under a limit, share and entity: the bound limit of its one period, or a map of them by period
 * where it has several (most have one: a million rows' tries hold no map for it).
 */
type Periods = BoundLimit | Map<string, BoundLimit>;
/** The tries, cleared past a million leaves; gen counts the clearings (what holds a node checks it). */
const tries = { keys: new Map() as Trie<Periods>, shares: new Map() as Trie<Map<string, string>>, size: 0, gen: 0 };

function clearFullTries(): void {
  if (tries.size <= 1_000_000) return;
  tries.keys.clear();
  tries.shares.clear();
  pairs.clear();
  tries.size = 0;
  tries.gen++;
}

/** A trie's node under (a, b): below it, c, then the leaf's keys. */
function trieNode<V>(trie: Trie<V>, a: unknown, b: string): TrieNode<V> {
  let m1 = trie.get(a);
  if (!m1) trie.set(a, (m1 = new Map()));
  let m2 = m1.get(b);
  if (!m2) m1.set(b, (m2 = new Map()));
  return m2;
}

/**
 * The last level of a trie for (a, b, c): under it, a string made once per distinct (a, b, c, d) and
 * then reused. The keys of a table's rows repeat (a recipient's rows share their keys), and a key made
 * once is hashed once wherever it is counted. No closure a lookup: the caller makes what is missing.
 */
function nodeLeaf<T>(node: TrieNode<Map<string, T>>, c: string): Map<string, T> {
  let m3 = node.get(c);
  if (!m3) {
    node.set(c, (m3 = new Map()));
    tries.size++;
  }
  return m3;
}

const pairs = new Map<string, Map<string, string>>();

/** `${a}|${b}` (a recipient and its entity), made once a pair: a row's key is then not made and hashed anew. */
function pairKey(a: string, b: string): string {
  let m = pairs.get(a);
  if (!m) pairs.set(a, (m = new Map()));
  let k = m.get(b);
  if (k === undefined) {
    m.set(b, (k = `${a}|${b}`));
    tries.size++;
  }
  return k;
}

/** `${version}|${clause}`, with `:${part}` for a route or level (part not null), made once. */
function interned(version: string, clause: string, part: string | null): string {
  clearFullTries();
  const leaf = nodeLeaf(trieNode(tries.shares, version, clause), part ?? "");
  const k = part === null ? "clause" : "part";
  let v = leaf.get(k);
  if (v === undefined) leaf.set(k, (v = part === null ? `${version}|${clause}` : `${version}|${clause}:${part}`));
  return v;
}

const amounts = new WeakMap<Limit, bigint | null>();

/** A limit's amount as the pass counts it (see BoundLimit.n). */
const countable = (a: bigint | null) => (a === null ? 0 : a > 2n ** 53n ? 2 ** 53 : Number(a));

/** A limit's amount in fen (money) or as a count, made once per limit. */
function amountOf(l: Limit): bigint | null {
  let a = amounts.get(l);
  if (a === undefined) {
    a = l.amount === "own-award" ? null : l.counts === "money" ? toFenBig(l.amount) : BigInt(l.amount.toNumber());
    amounts.set(l, a);
  }
  return a;
}

/** Each limit's share key and its node of the keys trie, for rows of one version, clause, route and level. */
interface RouteNodes { gen: number; version: string; jurisdiction: string; clause: string; route: string; level: string; shares: string[]; nodes: TrieNode<Periods>[] }
const routeNodes = new WeakMap<readonly Limit[], RouteNodes>();

/** A route's RouteNodes, remembered per limits array (derive.ts makes one a route and version) while its rows agree. */
function routeNodesOf(limits: readonly Limit[], ctx: LimitContext): RouteNodes {
  const r = routeNodes.get(limits);
  if (r && r.gen === tries.gen && r.version === ctx.version && r.jurisdiction === ctx.jurisdiction && r.clause === ctx.clause && r.route === ctx.route && r.level === ctx.level) return r;
  const shares = limits.map((l) => shareKey(l.sharedBy, ctx));
  const made = { gen: tries.gen, version: ctx.version, jurisdiction: ctx.jurisdiction, clause: ctx.clause, route: ctx.route, level: ctx.level, shares, nodes: limits.map((l, x) => trieNode(tries.keys, l, shares[x])) };
  routeNodes.set(limits, made);
  return made;
}

/** Binds a route's limits to a row. Limits of one award (period award) are left to the single-award computation. */
export function bindLimits(limits: readonly Limit[], ctx: LimitContext): BoundLimit[] {
  clearFullTries();
  const { shares, nodes } = routeNodesOf(limits, ctx);
  let n = 0;
  for (const l of limits) if (!leftToTheAward(l)) n++;
  const out = new Array<BoundLimit>(n); // a list of its own size: every row keeps one
  let j = 0;
  for (let x = 0; x < limits.length; x++) {
    const l = limits[x];
    if (leftToTheAward(l)) continue;
    const alone = l.period === "award" && l.counts === "money" && !isPool(l);
    const period = alone ? "" : periodKey(l, ctx);
    const share = shares[x];
    const entity = entityKey(l, ctx);
    // Rows with the same key share one bound limit (it holds nothing of the row's own).
    const node = nodes[x];
    const periods = node.get(entity);
    let b = periods === undefined ? undefined : periods instanceof Map ? periods.get(period) : periods.period === period ? periods : undefined;
    if (b === undefined) {
      const base = `${l.id}|${share}|${entity}|`;
      const amount = amountOf(l);
      b = { limit: l, key: base + period, base, period, amount, n: countable(amount), pool: isPool(l), rank: SHARE_RANK[l.sharedBy], slot: -1, owner: 0, alone };
      if (periods === undefined) {
        node.set(entity, b);
        tries.size++;
      } else if (periods instanceof Map) periods.set(period, b);
      else node.set(entity, new Map([[periods.period, periods], [period, b]]));
    }
    out[j++] = b;
  }
  return out;
}

/** A limit of one award with an amount of its own: the single-award computation applies it, not the pass. */
const leftToTheAward = (l: Limit) => l.period === "award" && l.amount !== "own-award";

let states = 0;

/**
 * What every limit has counted so far: money in fen, awards, and the years paid with how many rows
 * each. Each key is looked up once per bound limit; its counts then live in arrays by slot.
 */
export class LimitState {
  private readonly id = ++states;
  private readonly slots = new Map<string, number>();
  /** Whole fen, as Numbers: exact, as the pass keeps every total below 2^53. */
  private readonly money: number[] = [];
  private readonly awards: number[] = [];
  private readonly years: (Map<number, number> | undefined)[] = [];

  private slotOfKey(key: string): number {
    let s = this.slots.get(key);
    if (s === undefined) {
      s = this.money.length;
      this.slots.set(key, s);
      this.money.push(0);
      this.awards.push(0);
      this.years.push(undefined);
    }
    return s;
  }

  private slotOf(b: BoundLimit): number {
    if (b.owner !== this.id) {
      b.slot = this.slotOfKey(b.key);
      b.owner = this.id;
    }
    return b.slot;
  }

  /** Money counted under a key (a pool's key in another year, for instalments). */
  used(key: string): number {
    const s = this.slots.get(key);
    return s === undefined ? 0 : this.money[s];
  }

  /** Money counted under a bound limit's own key. */
  usedBy(b: BoundLimit): number {
    return b.alone ? 0 : this.money[this.slotOf(b)];
  }

  /** What a row may be paid under one limit, given what was counted before it. */
  allowed(b: BoundLimit, fen: number, own: number, paidBefore: number, year: number): number {
    const l = b.limit;
    const s = b.alone ? -1 : this.slotOf(b);
    if (l.counts === "money") {
      const limit = b.amount === null ? own : b.n;
      const counted = b.alone ? 0 : this.money[s];
      const used = b.amount === null ? counted + paidBefore : counted;
      const left = limit > used ? limit - used : 0;
      return fen < left ? fen : left;
    }
    if (l.counts === "awards") {
      const given = this.awards[s] + (paidBefore > 0 && l.for !== "measure" ? 1 : 0);
      return given >= b.n ? 0 : fen;
    }
    const seen = this.years[s];
    if (!seen || seen.has(year) || seen.size < b.n) return fen;
    return 0;
  }

  /** Counts money paid from a pool under a key: the same pool in the year an instalment falls due. */
  recordMoney(key: string, fen: number): void {
    this.money[this.slotOfKey(key)] += fen;
  }

  /** A row's payment under a limit counted again: it was `from`, it is `to`. */
  recount(b: BoundLimit, from: number, to: number, year: number): void {
    if (b.alone) return;
    if (b.limit.counts === "money") {
      if (to !== from) this.money[this.slotOf(b)] += to - from;
    } else {
      this.record(b, from, year, -1);
      this.record(b, to, year, 1);
    }
  }

  /** Counts (sign 1) or uncounts (sign -1) a row's payment under a limit. */
  record(b: BoundLimit, fen: number, year: number, sign: 1 | -1): void {
    if (b.alone) return;
    const l = b.limit;
    const s = this.slotOf(b);
    if (l.counts === "money") this.money[s] += sign * fen;
    else if (fen === 0) return;
    else if (l.counts === "awards") this.awards[s] += sign;
    else {
      let seen = this.years[s];
      if (!seen) this.years[s] = seen = new Map();
      const n = (seen.get(year) ?? 0) + sign;
      if (n > 0) seen.set(year, n);
      else seen.delete(year);
    }
  }
}
