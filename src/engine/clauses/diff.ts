// Compares the clause catalogues of two versions, number by number. Only what the model computes
// with counts (rates, amounts, caps, thresholds, tests, tiers, years, quotas, pools, conditions and
// eligible subjects, departments); wording (punctuation width, quotation marks, sentence order) does not.
import type Decimal from "decimal.js";
import { formatRate, formatYuan } from "../amount";
import { kindIn, scopeIn } from "../messages/tables";
import { bi, type Lang, type Text } from "../text";
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

/** A value the same in both languages: an amount, a rate, an id, a quote. */
const same = (s: string): Text => bi(s, s);
const yuan = (d: { value: Decimal }): Text => same(formatYuan(d.value));
const rate = (d: { value: Decimal }): Text => same(formatRate(d.value));
const YES = bi("yes", "是");
/** An amount and whom it is counted for: 2000万元 per recipient, 2000万元（每家单位）. */
const per = (amount: Decimal, scope: string): Text => bi(`${formatYuan(amount)} per ${scope}`, `${formatYuan(amount)}（${scopeIn("zh", scope)}）`);
const kindOf = (kind: string): Text => bi(kind, kindIn("zh", kind));

/** What a route's amount is: a lump sum, a maximum, an amount. */
function amountFact(kind: Route["kind"]): Text {
  if (kind === "lump-sum") return bi("lump sum", "定额");
  return kind === "maximum" || kind === "range" ? bi("maximum", "最高额") : bi("amount", "金额");
}

/** Puts a fact in both languages; id (the English, unless given) pairs it across versions. */
type Put = (fact: Text, value: Text, id?: string) => void;

/** The facts of one route. Lists become one fact per element. */
function routeFacts(r: Route, put: Put): void {
  put(bi("kind", "类型"), kindOf(r.programme ? "programme" : r.kind));
  if (r.base && r.base.baseYear === "previous") put(bi("base year", "基数年度"), bi("previous year (上一年度)", "上一年度"));
  if (r.rate) put(bi("rate", "比例"), rate(r.rate));
  if (r.domesticRate) put(bi("domestic rate", "国产比例"), rate(r.domesticRate));
  for (const c of r.rateCaps) put(bi(`limit ${c.input}`, `限额 ${c.input}`), rate(c.rate));
  if (r.amount) put(amountFact(r.kind), yuan(r.amount));
  if (r.minimum) put(bi("minimum", "最低额"), yuan(r.minimum));
  if (r.quantity) put(bi("quantity", "数量"), same(`${r.quantity.value.toString()} ${r.unit}`));
  if (r.tiers) r.tiers.steps.forEach((s) => put(bi(`tier ${r.tiers!.input} ≥ ${formatYuan(s.threshold.value)}`, `档次 ${r.tiers!.input} ≥ ${formatYuan(s.threshold.value)}`), yuan(s.amount)));
  if (r.cap) put(bi("cap", "上限"), per(r.cap.value, r.cap.per));
  const th = r.threshold;
  if (th) put(bi("threshold", "门槛"), same(`${th.inclusive ? "≥" : ">"} ${formatYuan(th.value)}`));
  if (r.uplift) put(bi("uplift", "上浮"), rate(r.uplift));
  for (const t of r.tests) put(bi(`condition ${t.input}`, `条件 ${t.input}`), same(`${t.op === ">=" ? "≥" : ">"} ${t.type === "rate" ? formatRate(t.value) : t.type === "count" ? t.value.toString() : formatYuan(t.value)}`));
  if (r.years) put(bi("years", "支持年限"), same(String(r.years.value)));
  if (r.decreasing) put(bi("rate falls year by year", "比例逐年递减"), YES);
  if (r.quota) put(bi("quota per year", "年度名额"), same(String(r.quota.value)));
  if (r.oneTime) put(bi("one-time", "一次性"), YES);
  if (r.unit !== "元") put(bi("unit", "单位"), same(r.unit));
  for (const s of r.subjects?.values ?? []) put(bi(`eligible subject ${s}`, `适用对象 ${s}`), bi("listed", "列明"));
  // A condition is paired by its folded wording, so punctuation width does not count.
  for (const c of r.conditions) put(bi(`condition “${c.quote}”`, `条件“${c.quote}”`), bi("required", "须满足"), `condition “${foldWording(c.quote)}”`);
}

/** A fact of a clause, with how to show it. */
export interface Fact { value: Text; label: Text }

/** Every fact of a clause, keyed by "route id: fact" (or the clause-level fact) in English, wording folded. */
export function clauseFacts(c: Clause): Map<string, Fact> {
  const facts = new Map<string, Fact>();
  const set: Put = (label, value, key = label.en) => facts.set(key, { value, label });
  if (c.department) set(bi("department", "责任单位"), same(units(c.department)));
  if (c.programme) {
    set(bi("programme", "券种"), same(c.programme.id));
    if (c.programme.pool) set(bi("annual pool", "年度资金池"), yuan(c.programme.pool));
    if (c.programme.recipientCap) set(bi("cap shared by all routes", "各路径共享上限"), per(c.programme.recipientCap.value, c.programme.recipientCap.per));
  }
  if (c.choose) set(bi("choose rule", "择一规则"), bi("the highest", "取最高一项"));
  for (const r of c.routes) {
    const seen = new Map<string, number>();
    routeFacts(r, (fact, value, id = fact.en) => {
      const n = (seen.get(id) ?? 0) + 1;
      seen.set(id, n);
      const suffix = n > 1 ? ` #${n}` : "";
      set(bi(`route ${r.id}: ${fact.en}${suffix}`, `路径 ${r.id}：${fact.zh}${suffix}`), value, `route ${r.id}: ${id}${suffix}`);
    });
  }
  return facts;
}

/** A fact that differs, in both languages (Text), or in one (string: diffIn). */
export interface FactChange<T = Text> { fact: T; from: T | null; to: T | null }
export interface ClauseChange<T = Text> { id: string; title: string; changes: FactChange<T>[] }
export interface VersionDiff<T = Text> {
  from: string;
  to: string;
  added: { id: string; title: string }[];
  removed: { id: string; title: string }[];
  changed: ClauseChange<T>[];
  unchanged: string[];
  /** Measure-wide pools that differ. */
  pools: FactChange<T>[];
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
    if (ca.id !== cb.id) changes.push({ fact: bi("clause id", "条款编号"), from: same(ca.id), to: same(cb.id) });
    if (foldWording(ca.title) !== foldWording(cb.title)) changes.push({ fact: bi("title", "标题"), from: same(ca.title), to: same(cb.title) });
    for (const [k, v] of fa) {
      const w = fb.get(k);
      if (w?.value.en !== v.value.en) changes.push({ fact: (w ?? v).label, from: v.value, to: w?.value ?? null });
    }
    for (const [k, w] of fb) if (!fa.has(k)) changes.push({ fact: w.label, from: null, to: w.value });
    if (changes.length) changed.push({ id: cb.id, title: cb.title, changes });
    else unchanged.push(cb.id);
  }
  const summary = (c: Clause) => ({ id: c.id, title: c.title });
  const pools: FactChange[] = [];
  const pa = new Map(a.pools.map((p) => [p.id, formatYuan(p.amount.value)]));
  const pb = new Map(b.pools.map((p) => [p.id, formatYuan(p.amount.value)]));
  const pool = (k: string) => bi(`pool ${k}`, `资金池 ${k}`);
  const now = (k: string) => (pb.has(k) ? same(pb.get(k)!) : null);
  for (const [k, v] of pa) if (pb.get(k) !== v) pools.push({ fact: pool(k), from: same(v), to: now(k) });
  for (const [k, v] of pb) if (!pa.has(k)) pools.push({ fact: pool(k), from: null, to: same(v) });
  changed.sort((x, y) => clauseOrder(x.id, y.id));
  return {
    from: a.key, to: b.key,
    added: added.map(summary).sort((x, y) => clauseOrder(x.id, y.id)),
    removed: removed.map(summary).sort((x, y) => clauseOrder(x.id, y.id)),
    changed, unchanged, pools,
  };
}

const factIn = (f: FactChange, lang: Lang): FactChange<string> => ({ fact: f.fact[lang], from: f.from && f.from[lang], to: f.to && f.to[lang] });

/** The diff in one language: the English is what `award-model diff --json` prints. */
export function diffIn(d: VersionDiff, lang: Lang): VersionDiff<string> {
  return { ...d, changed: d.changed.map((c) => ({ ...c, changes: c.changes.map((f) => factIn(f, lang)) })), pools: d.pools.map((f) => factIn(f, lang)) };
}
