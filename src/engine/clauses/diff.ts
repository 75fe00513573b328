// Compares the clause catalogues of two versions, number by number. Only what the model computes
// with counts (rates, amounts, caps, thresholds, tests, tiers, years, quotas, pools, conditions and
// eligible subjects, departments); wording (punctuation width, quotation marks, sentence order) does not.
import type Decimal from "decimal.js";
import { formatRate, formatYuan } from "../amount";
import type { PolicyVersion } from "../types";
import type { Clause, Route } from "./types";

/** Folds wording: full/half width, spaces, punctuation and quotation marks. */
export function foldWording(text: string): string {
  return text.normalize("NFKC").replace(/[\s\p{P}\p{S}]/gu, "");
}

function units(department: string | undefined): string {
  if (!department) return "";
  return [...new Set(department.split(/[、,，;；]/).map((s) => s.trim()).filter(Boolean))].sort().join("、");
}

const yuan = (d: { value: Decimal }) => formatYuan(d.value);

/** The facts of one route: label → value. Lists become one fact per element. */
function routeFacts(r: Route, put: (key: string, value: string) => void): void {
  put("kind", r.programme ? "programme" : r.kind);
  if (r.base && r.base.baseYear === "previous") put("base year", "previous year (上一年度)");
  if (r.rate) put("rate", formatRate(r.rate.value));
  if (r.domesticRate) put("domestic rate", formatRate(r.domesticRate.value));
  for (const c of r.rateCaps) put(`limit ${c.input}`, formatRate(c.rate.value));
  if (r.amount) put(r.kind === "lump-sum" ? "lump sum" : r.kind === "maximum" || r.kind === "range" ? "maximum" : "amount", yuan(r.amount));
  if (r.minimum) put("minimum", yuan(r.minimum));
  if (r.quantity) put("quantity", `${r.quantity.value.toString()} ${r.unit}`);
  if (r.tiers) r.tiers.steps.forEach((s) => put(`tier ${r.tiers!.input} ≥ ${formatYuan(s.threshold.value)}`, formatYuan(s.amount.value)));
  if (r.cap) put("cap", `${yuan(r.cap)} per ${r.cap.per}`);
  const th = r.threshold;
  if (th) put("threshold", `${th.inclusive ? "≥" : ">"} ${formatYuan(th.value)}`);
  if (r.uplift) put("uplift", formatRate(r.uplift.value));
  for (const t of r.tests) put(`condition ${t.input}`, `${t.op === ">=" ? "≥" : ">"} ${t.type === "rate" ? formatRate(t.value) : t.type === "count" ? t.value.toString() : formatYuan(t.value)}`);
  if (r.years) put("years", String(r.years.value));
  if (r.decreasing) put("rate falls year by year", "yes");
  if (r.quota) put("quota per year", String(r.quota.value));
  if (r.oneTime) put("one-time", "yes");
  if (r.unit !== "元") put("unit", r.unit);
  for (const s of r.subjects?.values ?? []) put(`eligible subject ${s}`, "listed");
  for (const c of r.conditions) put(`condition “${c.quote}”`, "required");
}

/** Every fact of a clause, keyed by "route id: label" (or the clause-level label), with how to show it. */
export function clauseFacts(c: Clause): Map<string, { value: string; label: string }> {
  const facts = new Map<string, { value: string; label: string }>();
  const set = (key: string, value: string, label = key) => facts.set(key, { value, label });
  if (c.department) set("department", units(c.department));
  if (c.programme) {
    set("programme", c.programme.id);
    if (c.programme.pool) set("annual pool", formatYuan(c.programme.pool.value));
    if (c.programme.recipientCap) set("cap shared by all routes", `${formatYuan(c.programme.recipientCap.value)} per ${c.programme.recipientCap.per}`);
  }
  if (c.choose) set("choose rule", "the highest");
  for (const r of c.routes) {
    const seen = new Map<string, number>();
    routeFacts(r, (key, value) => {
      // Conditions are keyed by their folded wording, so punctuation width does not count.
      const isCondition = key.startsWith("condition “");
      const folded = isCondition ? `condition “${foldWording(key.slice(11, -1))}”` : key;
      const n = (seen.get(folded) ?? 0) + 1;
      seen.set(folded, n);
      const suffix = n > 1 ? ` #${n}` : "";
      set(`route ${r.id}: ${folded}${suffix}`, value, `route ${r.id}: ${key}${suffix}`);
    });
  }
  return facts;
}

export interface FactChange { fact: string; from: string | null; to: string | null }
export interface ClauseChange { id: string; title: string; changes: FactChange[] }
export interface VersionDiff {
  from: string;
  to: string;
  added: { id: string; title: string }[];
  removed: { id: string; title: string }[];
  changed: ClauseChange[];
  unchanged: string[];
  /** Measure-wide pools that differ. */
  pools: FactChange[];
}

const clauseOrder = (a: string, b: string) => Number(a) - Number(b);

/**
 * Pairs the clauses of two versions: the same id and title (wording folded), then the same voucher
 * programme, then the same title under another id. The rest are added or removed.
 */
function pairClauses(a: Clause[], b: Clause[]): { pairs: [Clause, Clause][]; added: Clause[]; removed: Clause[] } {
  const left = new Set(a);
  const right = new Set(b);
  const pairs: [Clause, Clause][] = [];
  const match = (same: (x: Clause, y: Clause) => boolean) => {
    for (const x of [...left]) {
      const y = [...right].find((c) => same(x, c));
      if (y) {
        pairs.push([x, y]);
        left.delete(x);
        right.delete(y);
      }
    }
  };
  match((x, y) => x.id === y.id && foldWording(x.title) === foldWording(y.title));
  match((x, y) => x.programme !== undefined && x.programme.id === y.programme?.id);
  match((x, y) => foldWording(x.title) === foldWording(y.title));
  return { pairs, added: [...right], removed: [...left] };
}

/** What changed from version a to version b, clause by clause and number by number. */
export function diffVersions(a: PolicyVersion, b: PolicyVersion): VersionDiff {
  const { pairs, added, removed } = pairClauses(a.clauses, b.clauses);
  const changed: ClauseChange[] = [];
  const unchanged: string[] = [];
  for (const [ca, cb] of pairs) {
    const fa = clauseFacts(ca);
    const fb = clauseFacts(cb);
    const changes: FactChange[] = [];
    if (ca.id !== cb.id) changes.push({ fact: "clause id", from: ca.id, to: cb.id });
    if (foldWording(ca.title) !== foldWording(cb.title)) changes.push({ fact: "title", from: ca.title, to: cb.title });
    for (const [k, v] of fa) {
      const w = fb.get(k);
      if (w?.value !== v.value) changes.push({ fact: (w ?? v).label, from: v.value, to: w?.value ?? null });
    }
    for (const [k, w] of fb) if (!fa.has(k)) changes.push({ fact: w.label, from: null, to: w.value });
    if (changes.length) changed.push({ id: cb.id, title: cb.title, changes });
    else unchanged.push(cb.id);
  }
  const summary = (c: Clause) => ({ id: c.id, title: c.title });
  changed.sort((x, y) => clauseOrder(x.id, y.id));
  const pools: FactChange[] = [];
  const pa = new Map(a.pools.map((p) => [p.id, formatYuan(p.amount.value)]));
  const pb = new Map(b.pools.map((p) => [p.id, formatYuan(p.amount.value)]));
  for (const [k, v] of pa) if (pb.get(k) !== v) pools.push({ fact: `pool ${k}`, from: v, to: pb.get(k) ?? null });
  for (const [k, v] of pb) if (!pa.has(k)) pools.push({ fact: `pool ${k}`, from: null, to: v });
  changed.sort((x, y) => clauseOrder(x.id, y.id));
  return {
    from: a.key, to: b.key,
    added: added.map(summary).sort((x, y) => clauseOrder(x.id, y.id)),
    removed: removed.map(summary).sort((x, y) => clauseOrder(x.id, y.id)),
    changed, unchanged, pools,
  };
}
