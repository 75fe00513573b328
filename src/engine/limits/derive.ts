// Every limit a route's awards are subject to, as data: the limits a policy file writes out
// (`limits:`), and the limits its shorter fields stand for (cap, recipientCap, quota, oneTime,
// years, pool, the measure's pools, topUp). A written limit with the same id replaces a derived one.
import Decimal from "decimal.js";
import { parsePolicyAmount, parsePolicyRate } from "../amount";
import { bi, noteOf, type Text } from "../text";
import { scopeIn, wordIn } from "../messages/tables";
import type { CapScope, Instalments, InstalmentsDoc, PolicyVersion, Programme, Route } from "../types";
import type { Clause } from "../clauses/types";
import { poolId, type Limit, type LimitDoc, type LimitPeriod, type LimitShare } from "./types";

/** Limits as written in a policy file, checked and modelled; throws naming the file on a mistake. */
export function buildLimits(docs: readonly LimitDoc[] | undefined, source: string, where: string): Limit[] {
  return (docs ?? []).map((d, i) => {
    const at = `${where}: limits/${i}`;
    if (d.counts === "money" && !d.ownAward && d.amount === undefined) throw new Error(`${at}: a money limit needs amount (or ownAward: true)`);
    if (d.counts !== "money" && d.number === undefined) throw new Error(`${at}: a limit on ${d.counts} needs number`);
    const amount = d.counts === "money" ? (d.ownAward ? "own-award" : parsePolicyAmount(d.amount!)) : new Decimal(d.number!);
    return {
      id: d.id, counts: d.counts, for: d.for, period: d.period, sharedBy: d.sharedBy, amount,
      name: d.name ? bi(d.name, d.nameZh ?? d.name) : defaultName(d.counts, d.for, amount === "own-award", d.number),
      title: d.name ? poolTitle(bi(d.name, d.nameZh ?? d.name), d.id) : undefined,
      share: d.share === undefined ? undefined : parseShare(d.share, at),
      payer: d.payer,
      quote: d.quote, source, assumption: noteOf(d.assumption, d.assumptionZh),
    };
  });
}

/** A pool's title in both languages: its name and id, and what it is (" annual pool"): 算力券 (compute) annual pool, 算力券（compute）年度资金池. */
function poolTitle(name: string | Text, id: string, what: Text = bi("", "")): Text {
  const [en, zh] = typeof name === "string" ? [name, name] : [name.en, name.zh];
  return bi(`${en} (${id})${what.en}`, `${zh}（${id}）${what.zh}`);
}

/** A payer's share: "1/2" or "50%" (spaces around it, as the schema allows); null where it is neither, or divides by 0. */
function shareValue(text: string): Decimal | null {
  const t = text.trim();
  const m = /^(\d+)\s*\/\s*(\d+)$/.exec(t);
  if (m) return Number(m[2]) === 0 ? null : new Decimal(m[1]).dividedBy(m[2]);
  try {
    return parsePolicyRate(t);
  } catch {
    return null;
  }
}

/** A payer's share, more than 0 and at most 1; throws naming the field. */
function parseShare(text: string, at: string): Decimal {
  const v = shareValue(text);
  if (v === null) throw new Error(`${at}: share "${text}" is not a fraction such as 1/2 or a percentage such as 50%`);
  if (v.lte(0) || v.gt(1)) throw new Error(`${at}: share ${text} must be more than 0 and at most 1`);
  return v;
}

/** The "cut by" name of a limit the file does not name: the names PORTFOLIO has always shown. */
function defaultName(counts: Limit["counts"], who: string, own: boolean, n?: number): Text {
  if (counts === "years") return bi("years of support", "补助年限");
  if (counts === "awards") return who === "measure" ? bi("quota", "名额") : n === 1 ? bi("one-time", "一次性") : bi(`at most ${n} awards`, `限${n}次`);
  if (own) return bi("top-up", "补足差额");
  if (who === "measure") return bi("pool", "资金总额");
  return who === "recipient" || who === "project" ? bi("recipient cap", "单位上限") : bi(`${who} cap`, `单个${who}上限`);
}

const SCOPE: Record<Exclude<CapScope, "award">, { for: string; period: LimitPeriod }> = {
  project: { for: "project", period: "ever" },
  recipient: { for: "recipient", period: "ever" },
  "recipient-year": { for: "recipient", period: "year" },
};

interface CapLike { value: Decimal; quote: string; source: string; assumption?: Text; per: CapScope; sharedBy?: LimitShare }

function capLimit(id: string, cap: CapLike, sharedBy: LimitShare, name: Text): Limit {
  const scope = cap.per === "award" ? { for: "award", period: "award" as const } : SCOPE[cap.per];
  return { id, counts: "money", ...scope, sharedBy: cap.sharedBy ?? sharedBy, amount: cap.value, name, quote: cap.quote, source: cap.source, assumption: cap.assumption };
}

/** The fields every route shares, voucher or clause, read as limits. */
interface RouteFields {
  cap?: CapLike;
  quota?: { value: number; quote: string };
  oneTime?: { quote: string; sharedBy?: LimitShare; for?: string };
  years?: { value: number; quote: string; for?: string; sharedBy?: LimitShare };
}

function fieldLimits(version: PolicyVersion, r: RouteFields, oneTimeFor: string, oneTimeShare: LimitShare, levels: boolean): Limit[] {
  const src = version.source;
  const out: Limit[] = [];
  const cap = r.cap && capLimit("cap", r.cap, "route", defaultName("money", r.cap.per === "award" ? "recipient" : SCOPE[r.cap.per].for, false));
  const who = r.oneTime?.for ?? oneTimeFor;
  const sharedBy = r.oneTime?.sharedBy ?? oneTimeShare;
  // 补足差额: a one-time award, or levels of one award, count what was paid before across rows; any
  // other award counts only the amount its own row says was paid before (period award).
  if (version.topUp) {
    const period: LimitPeriod = r.oneTime || levels ? "ever" : "award";
    out.push({ id: "top-up", counts: "money", for: who, period, sharedBy, amount: "own-award", name: defaultName("money", who, true), quote: version.topUp.quote, source: src });
  } else if (r.oneTime) {
    out.push({ id: "one-time", counts: "awards", for: who, period: "ever", sharedBy, amount: new Decimal(1), name: defaultName("awards", who, false, 1), quote: r.oneTime.quote, source: src });
  }
  if (r.quota) out.push({ id: "quota", counts: "awards", for: "measure", period: "year", sharedBy: oneTimeShare === "clause" ? "clause" : "route", amount: new Decimal(r.quota.value), name: defaultName("awards", "measure", false), quote: r.quota.quote, source: src });
  if (r.years) out.push({ id: "years", counts: "years", for: r.years.for ?? "recipient", period: "ever", sharedBy: r.years.sharedBy ?? "route", amount: new Decimal(r.years.value), name: defaultName("years", "recipient", false), quote: r.years.quote, source: src });
  if (cap) out.push(cap);
  return out;
}

/** A written limit replaces a derived one of the same id; the others keep their order. */
function merge(derived: Limit[], written: readonly Limit[]): Limit[] {
  const ids = new Set(written.map((l) => l.id));
  return [...derived.filter((l) => !ids.has(l.id)), ...written];
}

function poolLimits(version: PolicyVersion, programme: Programme | undefined): Limit[] {
  const out: Limit[] = [];
  if (programme?.pool) {
    const p = programme.pool;
    out.push({ id: `pool:${programme.id}`, counts: "money", for: "measure", period: "year", sharedBy: "programme", amount: p.value, name: bi("pool", "资金总额"), title: poolTitle(programme.name, programme.id, bi(" annual pool", "年度资金池")), quote: p.quote, source: p.source, assumption: p.assumption });
  }
  for (const p of version.pools) {
    out.push({ id: `pool:${p.id}`, counts: "money", for: "measure", period: "year", sharedBy: "version", amount: p.amount.value, name: bi("pool", "资金总额"), title: poolTitle(p.name, p.id), quote: p.amount.quote, source: p.amount.source });
  }
  return merge(out, version.limits);
}

/** Each route's limits, once per version (a what-if variant is a version of its own). */
const cache = new WeakMap<Route, Map<PolicyVersion, Limit[]>>();

function memo(k: Route, v: PolicyVersion, make: () => Limit[]): Limit[] {
  let m = cache.get(k);
  if (!m) cache.set(k, (m = new Map()));
  let l = m.get(v);
  if (!l) m.set(v, (l = make()));
  return l;
}

/** Every limit of a voucher programme's route: its own, the programme's, then the pools. */
export function voucherRouteLimits(version: PolicyVersion, programme: Programme, route: Route): Limit[] {
  return memo(route, version, () => {
    const own = merge(fieldLimits(version, route, "recipient", "route", false), route.limits);
    const rc = programme.recipientCap && capLimit("programme-cap", programme.recipientCap, "programme", defaultName("money", "recipient", false));
    return [...own, ...merge(rc ? [rc] : [], programme.limits), ...poolLimits(version, programme)];
  });
}

/** Every limit of a clause's route: its own, the clause's, then the measure's pools. */
export function clauseRouteLimits(version: PolicyVersion, clause: Clause, route: Route): Limit[] {
  if (route.programme && clause.programme) return voucherRouteLimits(version, clause.programme, route);
  return memo(route, version, () => {
    const own = merge(fieldLimits(version, route, "project", "clause", clause.levels === true), route.limits);
    return [...own, ...clause.limits, ...poolLimits(version, undefined)];
  });
}

/** The name a trace gives a money limit when it bounds one award, in both languages: "cap (per project)", 上限（每个项目）. */
export function limitStepName(l: Limit): Text {
  if (l.for === "measure") {
    if (l.sharedBy === "programme") return bi("annual pool of the programme", wordIn("zh", "annual pool of the programme"));
    const id = poolId(l);
    return bi(`annual limit of the measure (${id})`, `本措施年度总额（${id}）`);
  }
  const scope = `${l.for}${l.period === "year" ? "-year" : ""}`;
  return l.id === "programme-cap"
    ? bi(`cap shared by all routes (per ${scope})`, `各路径共享上限（${scopeIn("zh", scope)}）`)
    : bi(`cap (per ${scope})`, `上限（${scopeIn("zh", scope)}）`);
}

/** The money limits that bound one award on its own (every fixed amount it draws on), in order. */
export function singleCeilings(limits: readonly Limit[]): (Limit & { amount: Decimal })[] {
  return limits.filter((l): l is Limit & { amount: Decimal } => l.counts === "money" && l.amount !== "own-award");
}

/** The binding a ceiling names when it sets an award: cap, recipient-cap (a programme's shared cap) or pool. */
export function ceilingBinding(l: Limit): "cap" | "recipient-cap" | "pool" {
  return l.for === "measure" ? "pool" : l.id === "programme-cap" ? "recipient-cap" : "cap";
}

/** Instalments as written (parts 4, 3, 3) as shares of the award (0.4, 0.3, 0.3). */
export function buildInstalments(doc: InstalmentsDoc | undefined, where: string): Instalments | undefined {
  if (!doc) return undefined;
  if (doc.parts.length < 2 || doc.parts.some((p) => !(p > 0))) throw new Error(`${where}/instalments/parts: instalments need two or more parts, each above 0 (parts: ${doc.parts.join(", ")})`);
  const total = doc.parts.reduce((a, b) => a + b, 0);
  return { shares: doc.parts.map((p) => new Decimal(p).dividedBy(total)), written: doc.written, quote: doc.quote };
}
