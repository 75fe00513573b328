// Compares the clause catalogues of two versions, number by number. Only what the model computes
// with counts (rates, amounts, caps, thresholds, tests, tiers, years, quotas, pools, conditions and
// eligible subjects, departments); wording (punctuation width, quotation marks, sentence order) does not.
import { formatRate, formatYuan } from "../amount";
import type { PolicyVersion } from "../types";
import type { Clause, ClauseRoute } from "./types";

/** Folds wording: full/half width, spaces, punctuation and quotation marks. */
export function foldWording(text: string): string {
  return text.normalize("NFKC").replace(/[\s\p{P}\p{S}]/gu, "");
}

function units(department: string | undefined): string {
  if (!department) return "";
  return [...new Set(department.split(/[、,，;；]/).map((s) => s.trim()).filter(Boolean))].sort().join("、");
}

const yuan = (d: { value: { toString(): string } } & { value: import("decimal.js").default }) => formatYuan(d.value);

/** The facts of one route: label → value. Lists become one fact per element. */
function routeFacts(r: ClauseRoute, put: (key: string, value: string) => void): void {
  put("kind", r.kind);
  if (r.base && r.base.baseYear === "previous") put("base year", "previous year (上一年度)");
  if (r.rate) put("rate", formatRate(r.rate.value));
  if (r.domesticRate) put("domestic rate", formatRate(r.domesticRate.value));
  for (const c of r.rateCaps) put(`limit ${c.input}`, formatRate(c.rate.value));
  if (r.amount) put(r.kind === "programme" ? "lump sum" : r.kind === "maximum" || r.kind === "range" ? "maximum" : "amount", yuan(r.amount));
  if (r.minimum) put("minimum", yuan(r.minimum));
  if (r.quantity) put("quantity", `${r.quantity.value.toString()} ${r.unit}`);
  if (r.tiers) r.tiers.steps.forEach((s) => put(`tier ${r.tiers!.input} ≥ ${formatYuan(s.threshold.value)}`, formatYuan(s.amount.value)));
  if (r.cap) put("cap", `${yuan(r.cap)} per ${r.cap.per}`);
  const th = r.programmeRoute?.threshold;
  if (th) put("threshold", `${th.inclusive ? "≥" : ">"} ${formatYuan(th.value)}`);
  if (r.programmeRoute?.uplift) put("uplift", formatRate(r.programmeRoute.uplift.value));
  for (const t of r.tests) put(`condition ${t.input}`, `${t.op === ">=" ? "≥" : ">"} ${t.type === "rate" ? formatRate(t.value) : t.type === "count" ? t.value.toString() : formatYuan(t.value)}`);
  if (r.years) put("years", String(r.years.value));
  if (r.decreasing) put("rate falls year by year", "yes");
  if (r.quota) put("quota per year", String(r.quota.value));
  if (r.oneTime) put("one-time", "yes");
  if (r.unit !== "元") put("unit", r.unit);
  for (const s of r.subjects?.values ?? []) put(`eligible subject ${s}`, "listed");
  for (const c of r.conditions) put(`condition “${c.quote}”`, "required");
}

/** Every fact of a clause, keyed by "route id: label" (or the clause-level label). */
export function clauseFacts(c: Clause): Map<string, string> {
  const facts = new Map<string, string>();
  if (c.department) facts.set("department", units(c.department));
  if (c.programme) {
    facts.set("programme", c.programme.id);
    if (c.programme.pool) facts.set("annual pool", formatYuan(c.programme.pool.value));
    if (c.programme.recipientCap) facts.set("cap shared by all routes", `${formatYuan(c.programme.recipientCap.value)} per ${c.programme.recipientCap.per}`);
  }
  if (c.choose) facts.set("choose rule", "the highest");
  for (const r of c.routes) {
    const seen = new Map<string, number>();
    routeFacts(r, (key, value) => {
      // Conditions are keyed by their folded wording, so punctuation width does not count.
      const folded = key.startsWith("condition “") ? `condition “${foldWording(key.slice(11, -1))}”` : key;
      const n = (seen.get(folded) ?? 0) + 1;
      seen.set(folded, n);
      facts.set(`route ${r.id}: ${folded}${n > 1 ? ` #${n}` : ""}`, key.startsWith("condition “") ? `${value} (${key.slice(11, -1)})` : value);
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

/** What changed from version a to version b, clause by clause and number by number. */
export function diffVersions(a: PolicyVersion, b: PolicyVersion): VersionDiff {
  const ia = new Map(a.clauses.map((c) => [c.id, c]));
  const ib = new Map(b.clauses.map((c) => [c.id, c]));
  const added = b.clauses.filter((c) => !ia.has(c.id)).map((c) => ({ id: c.id, title: c.title }));
  const removed = a.clauses.filter((c) => !ib.has(c.id)).map((c) => ({ id: c.id, title: c.title }));
  const changed: ClauseChange[] = [];
  const unchanged: string[] = [];
  for (const ca of a.clauses) {
    const cb = ib.get(ca.id);
    if (!cb) continue;
    const fa = clauseFacts(ca);
    const fb = clauseFacts(cb);
    const changes: FactChange[] = [];
    if (foldWording(ca.title) !== foldWording(cb.title)) changes.push({ fact: "title", from: ca.title, to: cb.title });
    for (const [k, v] of fa) if (fb.get(k) !== v) changes.push({ fact: k, from: v, to: fb.get(k) ?? null });
    for (const [k, v] of fb) if (!fa.has(k)) changes.push({ fact: k, from: null, to: v });
    if (changes.length) changed.push({ id: ca.id, title: cb.title, changes });
    else unchanged.push(ca.id);
  }
  const pools: FactChange[] = [];
  const pa = new Map(a.pools.map((p) => [p.id, formatYuan(p.amount.value)]));
  const pb = new Map(b.pools.map((p) => [p.id, formatYuan(p.amount.value)]));
  for (const [k, v] of pa) if (pb.get(k) !== v) pools.push({ fact: `pool ${k}`, from: v, to: pb.get(k) ?? null });
  for (const [k, v] of pb) if (!pa.has(k)) pools.push({ fact: `pool ${k}`, from: null, to: v });
  changed.sort((x, y) => clauseOrder(x.id, y.id));
  return { from: a.key, to: b.key, added, removed, changed, unchanged, pools };
}
