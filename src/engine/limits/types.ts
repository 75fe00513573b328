// Limits as data. Every rule that acts across applications and years — an annual pool, a quota, a
// cap per recipient, per platform or per event, years of support, a one-time award, a top-up on
// promotion, a cap shared by a clause's routes — is one Limit: what it counts, for whom, over what
// period, and which awards share it. One generic pass (apply.ts) applies them in date order.
import type Decimal from "decimal.js";
import type { Text } from "../text";

/** What a limit counts: money (元), awards (how many are given), or years of support (distinct years paid). */
export type LimitCounts = "money" | "awards" | "years";
/** Over what period the count runs: one award, a calendar year, a quarter, a batch, the version's window, for ever. */
export type LimitPeriod = "award" | "year" | "quarter" | "batch" | "window" | "ever";
/**
 * Which awards share the limit: one route, one level (the tier or route reached, each its own award),
 * all routes of a clause (a programme is a clause), all clauses of the version, all versions of the
 * jurisdiction.
 */
export type LimitShare = "route" | "level" | "clause" | "programme" | "version" | "jurisdiction";

/** A limit as written in a policy file (`limits:` on a version, programme, clause or route). */
export interface LimitDoc {
  id: string;
  counts: LimitCounts;
  /** recipient, measure (the whole measure: a pool or quota), or a column naming an entity: project, platform, event, team. */
  for: string;
  period: LimitPeriod;
  sharedBy: LimitShare;
  /** For money: an amount such as 5000万元. */
  amount?: string;
  /** For awards or years: how many. */
  number?: number;
  /** For money: the limit is the award itself (补足差额: on promotion only the difference is paid). */
  ownAward?: boolean;
  /** For a pool paid by one of several payers (市、区按1:1分担): the payer's share of each award, "1/2" or "50%". */
  share?: string;
  /** Who pays from this pool (市, 区): each payer's share is shown per row. */
  payer?: string;
  /** The name "cut by" shows, in English and Chinese. */
  name?: string;
  nameZh?: string;
  written?: string;
  quote: string;
  assumption?: string;
  assumptionZh?: string;
}

/** A limit as modelled. */
export interface Limit {
  id: string;
  counts: LimitCounts;
  for: string;
  period: LimitPeriod;
  sharedBy: LimitShare;
  /** 元 for money, a count for awards and years; "own-award" where the award itself is the limit. */
  amount: Decimal | "own-award";
  /** The name in "cut by" and in traces. */
  name: Text;
  /** What a pool is called in summaries, e.g. 算力券 (compute) annual pool, 算力券（compute）年度资金池. */
  title?: Text;
  /** A payer's share of each award (cost shared between city and district), and the payer. */
  share?: Decimal;
  payer?: string;
  quote: string;
  source: string;
  assumption?: Text;
}

/** A pool is a money limit for the whole measure: shared out by the allocation method. */
export const isPool = (l: Limit): boolean => l.counts === "money" && l.for === "measure";

/** A pool's id as summaries and traces name it: the limit's id without its "pool:" prefix. */
export const poolId = (l: Limit): string => l.id.replace(/^pool:/, "");

/** How far a limit is shared, narrowest first: pools are applied in this order. */
export const SHARE_RANK: Readonly<Record<LimitShare, number>> = { route: 0, level: 1, clause: 2, programme: 3, version: 4, jurisdiction: 5 };
