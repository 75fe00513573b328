// Computes what one clause pays for the inputs a user gives, with a trace of every step.
import Decimal from "decimal.js";
import { formatRate, formatYuan, normalizeText, parseAmount } from "../amount";
import { invalidNumber, invalidValue, notAvailable, type AwardError } from "../errors";
import { bi, type Text } from "../text";
import { clauseLabel } from "../messages/labels";
import { kindIn } from "../messages/tables";
import { describe, describeIn, routeNamed, type ResolvedVersion, type Resolver } from "../resolve";
import { applyCeilings, assumedSteps, baseYearNote, biStep, computeVoucher, versionStep, type Step } from "../voucher";
import { clauseRouteLimits } from "../limits/derive";
import { bandsAward, rateFromTable, scheduledRate } from "./formulas";
import type { Cited, PolicyVersion } from "../types";
import { AWARDED, DOMESTIC, GRANTED, SPEND, SUPPORT_YEAR, YEAR_RATE } from "./build";
import type { Clause, Route, InputSpec, InputTest } from "./types";
import { FUNCTION_NAMES } from "../messages/functions";

export interface ClauseResult {
  /** Exact award, before rounding; in `unit` (元, or e.g. P for compute). */
  award: Decimal;
  unit: string;
  version: PolicyVersion;
  clause: Clause;
  /** The route that pays (under a choose rule: the highest). */
  route: Route;
  /** Which rule set the amount: rate, cap, fixed, maximum, condition (not met: 0), years, … */
  binding: string;
  steps: Step[];
}

/** Named inputs as given: a map from normalized name to the raw value. */
export type ClauseInputs = Map<string, unknown>;

const BASE_NAMES = new Set(["base", "基数", "spend", "amount-base"]);

/**
 * Reads the inputs argument: one value (the clause's base), a two-column range of name/value pairs
 * (what Excel passes: a 2-D array), or an object of name → value. Empty means no inputs.
 */
export function parseClauseInputs(input: unknown): ClauseInputs {
  const out: ClauseInputs = new Map();
  if (input === null || input === undefined || input === "") return out;
  if (Array.isArray(input)) {
    const rows = input as unknown[];
    if (rows.length === 1 && Array.isArray(rows[0]) && (rows[0] as unknown[]).length === 1) return parseClauseInputs((rows[0] as unknown[])[0]);
    for (let i = 0; i < rows.length; i++) {
      const row = rows[i];
      if (!Array.isArray(row) || row.length !== 2) {
        throw invalidValue(bi(
          `inputs: row ${i + 1} is not a name and a value; give one number (the base) or a two-column range of name/value pairs, e.g. {"increment",1500000;"intensity",0.12}.`,
          `inputs：第${i + 1}行不是一个名称加一个值：请给一个数（基数），或两列的名称/值区域，例如 {"increment",1500000;"intensity",0.12}。`,
        ));
      }
      const [name, value] = row as unknown[];
      if ((name === null || name === "") && (value === null || value === "")) continue; // blank row
      if (i === 0 && typeof name === "string" && typeof value === "string" && /^(name|input|名称|输入)$/i.test(name.trim()) && /^(value|值|数值)$/i.test(value.trim())) continue; // a header row
      if (typeof name !== "string" || name.trim() === "") {
        throw invalidValue(bi(
          `inputs: row ${i + 1} has no name in its first column; names are such as base, increment, support-year.`,
          `inputs：第${i + 1}行第一列没有名称；名称如 base、increment、support-year。`,
        ));
      }
      const key = normalizeText(name);
      if (out.has(key)) throw invalidValue(bi(`inputs: "${name}" is given twice.`, `inputs：“${name}”给了两次。`));
      out.set(key, value);
    }
    return out;
  }
  if (typeof input === "object") {
    if (Decimal.isDecimal(input)) {
      out.set("base", (input as Decimal).toString());
      return out;
    }
    for (const [k, v] of Object.entries(input as Record<string, unknown>)) out.set(normalizeText(k), Decimal.isDecimal(v) ? (v as Decimal).toString() : v);
    return out;
  }
  out.set("base", input);
  return out;
}

function readRate(v: unknown, what: Text): Decimal {
  const shown = describeIn(v);
  let d: Decimal;
  if (typeof v === "number") {
    if (!Number.isFinite(v)) throw invalidNumber(bi(`${what.en} is not a finite number.`, `${what.zh}不是有限数。`));
    d = new Decimal(v);
  } else if (typeof v === "string" && /^\s*[+-]?\d+(\.\d+)?\s*[%％]\s*$/.test(v)) {
    d = new Decimal(v.normalize("NFKC").replace(/[%\s]/g, "")).dividedBy(100);
  } else if (typeof v === "string" && /^\s*[+-]?\d+(\.\d+)?\s*$/.test(v)) {
    d = new Decimal(v.trim());
  } else {
    throw invalidValue(bi(
      `${what.en} ${shown.en} is not a rate: give a fraction such as 0.2 or text such as "20%".`,
      `${what.zh} ${shown.zh} 不是比例：请填小数如 0.2，或文本如 "20%"。`,
    ));
  }
  // A rate is a fraction (0.15) or a percentage as text ("15%"). A bare number above 10 (1000%) is
  // taken for a percentage typed without its sign, and refused rather than read 100 times too large.
  if (typeof v !== "string" || !/[%％]/.test(v)) {
    if (d.abs().greaterThan(10)) {
      const [pct, fraction] = [d.times(100).toString(), d.dividedBy(100).toString()];
      throw invalidValue(bi(
        `${what.en} ${shown.en} is read as ${pct}%: give a rate as a fraction (${fraction}) or as text ("${d.toString()}%").`,
        `${what.zh} ${shown.zh} 会被读作 ${pct}%：请以小数（${fraction}）或文本（"${d.toString()}%"）填写比例。`,
      ));
    }
  } else if (d.abs().greaterThan(1e4)) throw invalidNumber(bi(`${what.en} is out of range.`, `${what.zh}超出范围。`));
  return d;
}

function readCount(v: unknown, what: Text): Decimal {
  const n = typeof v === "string" && /^\s*\d+\s*$/.test(v) ? Number(v) : v;
  if (typeof n !== "number" || !Number.isInteger(n) || n < 0) {
    const shown = describeIn(v);
    throw invalidValue(bi(
      `${what.en} ${shown.en} is not a count: give a whole number of 0 or more.`,
      `${what.zh} ${shown.zh} 不是个数：请填 0 或以上的整数。`,
    ));
  }
  if (n > 1e15) throw invalidNumber(bi(`${what.en} is larger than 10^15.`, `${what.zh}超过 10^15。`));
  return new Decimal(n);
}

function readYear(v: unknown, what: Text): number {
  const n = typeof v === "string" && /^\s*\d+\s*$/.test(v) ? Number(v) : v;
  if (typeof n !== "number" || !Number.isInteger(n) || n < 1 || n > 100) {
    const shown = describeIn(v);
    throw invalidValue(bi(
      `${what.en} ${shown.en} is not a year of support: give 1 for the first year of support, 2 for the second, …`,
      `${what.zh} ${shown.zh} 不是支持年度：支持第一年填 1，第二年填 2，依此类推。`,
    ));
  }
  return n;
}

/** The inputs of a route, read and checked; a missing required input is #VALUE! naming it. */
class RouteInputs {
  constructor(private readonly raw: ClauseInputs, private readonly route: Route, private readonly where: Text) {}

  private lookup(spec: InputSpec): unknown {
    const names = [spec.name, spec.label];
    for (const n of names) {
      const v = this.raw.get(normalizeText(n));
      if (v !== undefined) return v;
    }
    if (spec.role === "base") for (const n of BASE_NAMES) if (this.raw.has(n)) return this.raw.get(n);
    return undefined;
  }

  has(name: string): boolean {
    const spec = this.route.inputs.find((s) => s.name === name);
    if (!spec) return false;
    const v = this.lookup(spec);
    return v !== undefined && v !== null && v !== "";
  }

  private spec(name: string): InputSpec {
    return this.route.inputs.find((s) => s.name === name)!;
  }

  private value(name: string): unknown {
    const spec = this.spec(name);
    const v = this.lookup(spec);
    if (v === undefined || v === null || v === "") {
      const [base, all] = [spec.role === "base", describeInputs(this.route)];
      throw invalidValue(bi(
        `${this.where.en} needs the input "${spec.name}" (${spec.label}); give it as a name/value pair${base ? ", or as the single number of inputs" : ""}. Inputs of this route: ${all.en}.`,
        `${this.where.zh} 需要输入“${spec.name}”（${spec.label}）：请以名称/值对给出${base ? "，或作为 inputs 的单个数" : ""}。该路径的输入：${all.zh}。`,
      ));
    }
    return v;
  }

  /** The value as given (checked only for presence): for handing on to COMPUTE_VOUCHER, which reads it. */
  given(name: string): unknown {
    return this.value(name);
  }
  amount(name: string): Decimal {
    return parseAmount(this.value(name), inputWords(name));
  }
  rate(name: string): Decimal {
    return readRate(this.value(name), inputWords(name));
  }
  count(name: string): Decimal {
    return readCount(this.value(name), inputWords(name));
  }
  year(name: string): number {
    return readYear(this.value(name), inputWords(name));
  }
  flag(name: string): unknown {
    return this.has(name) ? this.lookup(this.spec(name)) : null;
  }
  byType(name: string, type: string): Decimal {
    return type === "rate" ? this.rate(name) : type === "count" ? this.count(name) : this.amount(name);
  }
}

/** An input as messages name it: input "increment". */
const inputWords = (name: string): Text => bi(`input "${name}"`, `输入“${name}”`);

/** A route's inputs, each with its label, the optional ones marked. */
export function describeInputs(route: Route): Text {
  if (route.inputs.length === 0) return bi("none", "无");
  return bi(
    route.inputs.map((s) => `${s.name}${s.required ? "" : " (optional)"}: ${s.label}`).join("; "),
    route.inputs.map((s) => `${s.name}${s.required ? "" : "（可选）"}：${s.label}`).join("；"),
  );
}

/** A clause as messages name it: "hangzhou-binjiang@2025 clause 6"; in Chinese as the text labels it, （六）. */
function clauseWords(version: PolicyVersion, clause: Clause): Text {
  return bi(`${version.key} clause ${clause.id}`, `${version.key} ${clauseLabel(version, clause.id, "zh")}`);
}

/** A route as messages name it: "hangzhou-binjiang@2025 clause 6 route standard". */
function routeWords(version: PolicyVersion, clause: Clause, route: Route): Text {
  const c = clauseWords(version, clause);
  return bi(`${c.en} route ${route.id}`, `${c.zh} 路径 ${route.id}`);
}

const cite = (c: { quote: string; source?: string }, source: string) => ({ quote: c.quote, source: c.source ?? source });
const showValue = (type: string, d: Decimal, unit = "元") =>
  type === "rate" ? formatRate(d) : type === "count" ? (unit === "元" ? d.toString() : `${d.toString()} ${unit}`) : unit === "元" ? formatYuan(d) : `${d.toString()} ${unit}`;

/** Finds a clause by what the user typed: "7", 7, "第七条", "（六）", "item 5". */
export function findClause(version: PolicyVersion, input: unknown): Clause | null {
  const id = clauseIdOf(input);
  if (id === null) return null;
  return version.clauses.find((c) => c.id === id) ?? null;
}

const DIGITS: Record<string, number> = { 零: 0, 〇: 0, 一: 1, 二: 2, 两: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9 };

function chineseNumber(s: string): number | null {
  if (!/^[零〇一二两三四五六七八九十百]+$/.test(s)) return null;
  let total = 0;
  let digit = 0;
  for (const ch of s) {
    if (ch === "百") { total += (digit || 1) * 100; digit = 0; }
    else if (ch === "十") { total += (digit || 1) * 10; digit = 0; }
    else digit = DIGITS[ch];
  }
  return total + digit;
}

/** A clause id from what the user typed, or null where it is not one. */
export function clauseIdOf(input: unknown): string | null {
  if (typeof input === "number") return Number.isInteger(input) && input > 0 ? String(input) : null;
  if (typeof input !== "string") return null;
  const t = input.normalize("NFKC").replace(/\s+/g, "").replace(/^(item|article|clause|no\.?|#)/i, "").replace(/^第/, "").replace(/(条|项|款)$/, "")
    .replace(/^[(（]/, "").replace(/[)）.、]$/, "");
  if (/^\d+$/.test(t)) return String(Number(t));
  const n = chineseNumber(t);
  return n !== null && n > 0 ? String(n) : null;
}

/** Finds a route of a clause; null means none was named. */
export function findClauseRoute(version: PolicyVersion, clause: Clause, route: unknown): Route | null {
  if (route === null || route === undefined || route === "") return null;
  const list = routeList(clause);
  if (typeof route !== "string") {
    const shown = describeIn(route);
    throw invalidValue(bi(`route ${shown.en} is not a name: ${list.en}.`, `路径 ${shown.zh} 不是名称：${list.zh}。`));
  }
  const n = normalizeText(route);
  if (n === "default") return clause.defaultRoute;
  const found = clause.routes.find((r) => routeNamed(r, n));
  if (!found) {
    const c = clauseWords(version, clause);
    throw invalidValue(bi(`${c.en} (${clause.title}) has no route "${route}"; ${list.en}.`, `${c.zh}（${clause.title}）没有路径“${route}”；${list.zh}。`));
  }
  return found;
}

/** A clause's routes, the default marked: "its routes are a (default) (名称), b (名称)". */
export function routeList(clause: Clause): Text {
  return bi(
    `its routes are ${clause.routes.map((r) => `${r.id}${r.isDefault ? " (default)" : ""} (${r.name})`).join(", ")}`,
    `其路径为 ${clause.routes.map((r) => `${r.id}${r.isDefault ? "（默认）" : ""}（${r.name}）`).join("、")}`,
  );
}

/** Every input name any route of the clause reads, for checking what the user gave. */
const knownCache = new WeakMap<Clause, Set<string>>();
function knownInputs(clause: Clause): Set<string> {
  const hit = knownCache.get(clause);
  if (hit) return hit;
  const names = new Set<string>(["base", ...BASE_NAMES]);
  for (const r of clause.routes) for (const s of r.inputs) { names.add(normalizeText(s.name)); names.add(normalizeText(s.label)); }
  knownCache.set(clause, names);
  return names;
}

/** A clause argument that names nothing: #VALUE! saying what is accepted (not #N/A, which means "the version has none"). */
export function requireClauseArgument(clauseInput: unknown): void {
  if (Array.isArray(clauseInput)) {
    throw invalidValue(bi(
      `clause is a range or array: give one clause id, e.g. "7" for 第七条, or one programme such as "compute".`,
      `条款参数是一个区域或数组：请只给一个条款编号，例如第七条写"7"，或一个项目类型，例如"compute"。`,
    ));
  }
  if (clauseInput === null || clauseInput === undefined || (typeof clauseInput === "string" && clauseInput.trim() === "")) {
    throw invalidValue(bi(
      `clause is missing: give a clause id as the text numbers it, e.g. "7" for 第七条 or "6" for （六）, or a programme such as "compute" (list them with ${FUNCTION_NAMES.CLAUSES.en}).`,
      `条款参数为空：请按原文的编号给出条款编号，例如第七条写"7"、（六）写"6"，或给一个项目类型，例如"compute"（可用 ${FUNCTION_NAMES.CLAUSES.zh} 列出）。`,
    ));
  }
}

/**
 * What a clause pays: the version (in force in the year, or named), the clause, the route (named,
 * the default, or under the text's choose rule the highest of the routes the inputs qualify for).
 */
export function computeClause(
  resolver: Resolver,
  resolved: ResolvedVersion,
  clauseInput: unknown,
  inputsArg: unknown,
  routeArg: unknown,
  year: number,
  trace = true,
): ClauseResult {
  const { version } = resolved;
  requireClauseArgument(clauseInput);
  let clause = findClause(version, clauseInput);
  let route: Route | null = null;
  if (!clause) {
    // A programme name works too: "compute", "算力券", "compute:large-model".
    const viaProgramme = programmeClause(resolver, version, clauseInput);
    if (!viaProgramme) {
      const ids = version.clauses.map((c) => c.id);
      throw notAvailable(bi(
        `${version.key} has no clause ${describe(clauseInput)}; its clauses are ${ids.join(", ") || "none"} (list them with ${FUNCTION_NAMES.CLAUSES.en}).`,
        `${version.key} 没有条款 ${describeIn(clauseInput).zh}；其条款为 ${ids.map((id) => clauseLabel(version, id, "zh")).join("、") || "无"}（可用 ${FUNCTION_NAMES.CLAUSES.zh} 列出）。`));
    }
    clause = viaProgramme.clause;
    route = viaProgramme.route;
  }
  const inputs = parseClauseInputs(inputsArg);
  const known = knownInputs(clause);
  for (const name of inputs.keys()) {
    if (!known.has(name)) throw unknownInput(version, clause, name);
  }
  route = findClauseRoute(version, clause, routeArg) ?? route;
  const head: Step[] = !trace ? [] : [versionStep(resolved)];
  if (route === null && clause.defaultRoute === null) {
    if (!clause.choose) {
      const [c, list] = [clauseWords(version, clause), routeList(clause)];
      throw invalidValue(bi(
        `${c.en} (${clause.title}) pays differently by route: name one; ${list.en}.`,
        `${c.zh}（${clause.title}）各路径支付的方式不同：请指定一条；${list.zh}。`,
      ));
    }
  }
  if (route === null && clause.choose) {
    // The text says how to choose: every route the inputs are given for is computed, the highest paid.
    const candidates = clause.routes.filter((r) => r.kind !== "unquantified" && r.inputs.every((s) => !s.required || new RouteInputs(inputs, r, routeWords(version, clause!, r)).has(s.name)));
    if (candidates.length === 0) {
      const r = clause.defaultRoute ?? clause.routes[0];
      return computeRoute(version, clause, r, inputs, year, head, resolver, resolved, trace); // throws naming the missing input
    }
    const results = candidates.map((r) => computeRoute(version, clause!, r, inputs, year, [], resolver, resolved, trace));
    let best = results[0];
    for (const r of results) if (r.award.greaterThan(best.award)) best = r;
    const each = results.map((r) => `${r.route.id} ${showValue("amount", r.award, r.unit)}`);
    const steps: Step[] = !trace ? [] : [...head, biStep("choose", bi(
      `the routes the inputs are given for: ${each.join(", ")}; the highest is paid: ${best.route.id}`,
      `按所给输入适用的路径：${each.join("，")}；只按最高一项支持：${best.route.id}`), cite(clause.choose!, version.source)), ...best.steps];
    return { ...best, steps };
  }
  const chosen = route ?? clause.defaultRoute!;
  rejectUnreadBase(routeWords(version, clause, chosen), chosen, inputs);
  return computeRoute(version, clause, chosen, inputs, year, head, resolver, resolved, trace);
}

/**
 * A single amount given to a route that reads no base (a fixed award, a maximum with no rate, tiers
 * by named inputs) would otherwise be ignored without a word: refuse it, naming what the route reads.
 * An empty or zero amount (an empty cell) is not an amount given.
 */
function rejectUnreadBase(where: Text, route: Route, inputs: ClauseInputs): void {
  if (!inputs.has("base") || route.programme || route.inputs.some((s) => s.role === "base")) return;
  const v = inputs.get("base");
  if (v === null || v === undefined || v === "" || v === 0 || v === "0") return;
  const all = describeInputs(route);
  throw invalidValue(bi(
    `${where.en} reads no base amount (it is a ${route.kind} award): leave inputs empty, or give its inputs by name: ${all.en}.`,
    `${where.zh} 不读取基数金额（它是${kindIn("zh", route.kind)}类补贴）：请将 inputs 留空，或按名称给出其输入：${all.zh}。`,
  ));
}

/** An input no route of the clause reads: #VALUE! naming what each route reads. */
function unknownInput(version: PolicyVersion, clause: Clause, name: string): AwardError {
  const c = clauseWords(version, clause);
  const each = clause.routes.map((r) => [r.id, describeInputs(r)] as const);
  return invalidValue(bi(
    `${c.en} reads no input "${name}"; it reads ${each.map(([id, d]) => `${id}: ${d.en}`).join(" | ")}.`,
    `${c.zh} 不读取输入“${name}”；它读取的输入为 ${each.map(([id, d]) => `${id}：${d.zh}`).join(" | ")}。`,
  ));
}

function programmeClause(resolver: Resolver, version: PolicyVersion, input: unknown): { clause: Clause; route: Route | null } | null {
  if (typeof input !== "string") return null;
  let found;
  try {
    found = resolver.findProgramme(version, input);
  } catch {
    return null;
  }
  const clause = version.clauses.find((c) => c.programme?.id === found.programme.id);
  if (!clause) return null;
  const route = found.route === null ? null : findClauseRoute(version, clause, found.route);
  return { clause, route };
}

/** Caps tied to another amount the user gives: at most r% of it (r = 100%: not more than it). */
function applyTiedCaps(route: Route, inputs: RouteInputs, award: Decimal, binding: string, note: (make: () => Step) => void, src: string): { award: Decimal; binding: string } {
  for (const c of route.rateCaps) {
    const other = inputs.amount(c.input);
    const limit = other.times(c.rate.value);
    const before = award;
    if (award.greaterThan(limit)) {
      const calc = `${c.label} ${formatYuan(other)} × ${formatRate(c.rate.value)} = ${formatYuan(limit)}`;
      note(() => biStep("limit", bi(`${calc} < ${formatYuan(before)}: the limit binds`, `${calc} < ${formatYuan(before)}：受此限额约束`), cite(c.rate, src)));
      award = limit;
      binding = "limit";
    } else {
      const calc = `${c.label} ${formatYuan(other)} × ${formatRate(c.rate.value)} = ${formatYuan(limit)}`;
      note(() => biStep("limit", bi(`${calc}: not reached`, `${calc}：未达到`), cite(c.rate, src)));
    }
  }
  return { award, binding };
}

function computeRoute(
  version: PolicyVersion, clause: Clause, route: Route, raw: ClauseInputs, year: number, head: Step[],
  resolver: Resolver, resolved: ResolvedVersion, trace: boolean,
): ClauseResult {
  const where = routeWords(version, clause, route);
  const note = (make: () => Step) => {
    if (trace) steps.push(make());
  };
  const inputs = new RouteInputs(raw, route, where);
  const src = version.source;
  const steps: Step[] = !trace ? [] : [...head, biStep("clause", bi(
    `clause ${clause.id} ${clause.title}; route ${route.id}${route.isDefault ? " (default)" : ""}: ${route.name}${clause.department ? `; 责任单位 ${clause.department}` : ""}`,
    `${clauseLabel(version, clause.id, "zh")} ${clause.title}；路径 ${route.id}${route.isDefault ? "（默认）" : ""}：${route.name}${clause.department ? `；责任单位 ${clause.department}` : ""}`))];
  const done = (award: Decimal, binding: string): ClauseResult => ({ award, unit: route.unit, version, clause, route, binding, steps });
  // Caps tied to another amount (不超过上一年度地方财政贡献), then every fixed money limit of the
  // route (a cap, a pool) bound the award on its own.
  const finish = (award: Decimal, binding: string): ClauseResult => {
    const tied = applyTiedCaps(route, inputs, award, binding, note, src);
    const c = applyCeilings(tied.award, tied.binding, clauseRouteLimits(version, clause, route), note, true);
    return done(c.award, c.binding);
  };

  if (route.programme) {
    const spend = route.inputs[0].required || inputs.has(SPEND) ? inputs.given(SPEND) : 0;
    const v = computeVoucher(resolver, resolved, `${route.programme}:${route.id}`, spend, inputs.flag(DOMESTIC), year, trace);
    // The voucher engine's own trace (as COMPUTE_VOUCHER computes it); the version step is already there.
    steps.push(...v.steps.slice(1).filter((s) => s.step !== "rounding"));
    return done(v.award, v.binding);
  }

  const { years } = route;
  if (trace) steps.push(...assumedSteps(route, src));

  // Years of support.
  let supportYear = 1;
  if (route.years || route.decreasing || route.schedule) {
    supportYear = inputs.has(SUPPORT_YEAR) ? inputs.year(SUPPORT_YEAR) : 1;
    if (years) {
      const ok = supportYear <= years.value;
      const given = inputs.has(SUPPORT_YEAR);
      note(() => biStep("years", bi(
        `year ${supportYear} of support${given ? "" : " (support-year not given: the first)"} ${ok ? "is within" : "is beyond"} the ${years.value} years the text allows${ok ? "" : ": no award"}`,
        `支持第${supportYear}年${given ? "" : "（未给 support-year：按第一年）"}${ok ? "在" : "超出"}原文允许的${years.value}年${ok ? "之内" : "：不予支持"}`), cite(years, src)));
      if (!ok) return done(new Decimal(0), "years");
    }
  }

  // Conditions on inputs.
  for (const t of route.tests) {
    const v = inputs.byType(t.input, t.type);
    const pass = t.op === ">=" ? v.greaterThanOrEqualTo(t.value) : v.greaterThan(t.value);
    note(() => testStep(t, v, pass, src));
    if (!pass) return done(new Decimal(0), "condition");
  }

  return FORMULAS[route.kind]({ route, inputs, where, src, year, supportYear, note, done, finish });
}

/** A test on an input, passed or failed, with its sentence and the reading the file assumes of it. */
function testStep(t: InputTest, v: Decimal, pass: boolean, src: string): Step {
  const [op, shown, limit] = [t.op === ">=" ? "≥" : ">", showValue(t.type, v, t.unit), showValue(t.type, t.value, t.unit)];
  const [a, az] = t.assumption ? [`; ${t.assumption.en}`, `；${t.assumption.zh}`] : ["", ""];
  return biStep("condition", bi(
    `${t.input} (${t.label}) ${shown} ${pass ? "passes" : "fails"} ${op} ${limit} (${t.shown})${pass ? "" : ": no award"}${a}`,
    `${t.input}（${t.label}）${shown} ${pass ? "满足" : "不满足"} ${op} ${limit}（${t.shown}）${pass ? "" : "：不予支持"}${az}`), cite(t, src));
}

/** What a formula needs of the route being computed. */
interface RouteContext {
  route: Route;
  inputs: RouteInputs;
  where: Text;
  src: string;
  /** The year the award is assessed in. */
  year: number;
  supportYear: number;
  note: (make: () => Step) => void;
  /** The result as it stands. */
  done: (award: Decimal, binding: string) => ClauseResult;
  /** The result after the caps tied to other amounts and the route's money limits. */
  finish: (award: Decimal, binding: string) => ClauseResult;
}

function fixedAward({ route, note, done, src }: RouteContext): ClauseResult {
  const a = route.amount!;
  note(() => biStep("amount", bi(`${formatYuan(a.value)}${route.oneTime ? ", once" : ""}`, `${formatYuan(a.value)}${route.oneTime ? "，一次性" : ""}`), cite(a, src)));
  return done(a.value, "fixed");
}

function inKindAward({ route, note, done, src }: RouteContext): ClauseResult {
  const q = route.quantity!;
  note(() => biStep("amount", bi(`${q.value.toString()} ${route.unit} (non-cash, never added to 元)`, `${q.value.toString()} ${route.unit}（非现金，不计入元）`), cite(q, src)));
  return done(q.value, "in-kind");
}

/** A maximum (or a range): the most the text allows, or the amount awarded up to it. */
function maximumAward({ route, inputs, where, note, done, src }: RouteContext): ClauseResult {
  const max = route.amount!;
  if (!inputs.has(AWARDED)) {
    note(() => biStep("amount", bi(`${formatYuan(max.value)}: the most the text allows${max.assumption ? ` (${max.assumption.en})` : ""}`, `${formatYuan(max.value)}：原文允许的最高额${max.assumption ? `（${max.assumption.zh}）` : ""}`), cite(max, src)));
    return done(max.value, "maximum");
  }
  const awarded = inputs.amount(AWARDED);
  note(() => biStep("awarded", bi(`${formatYuan(awarded)} (input awarded)`, `${formatYuan(awarded)}（输入 awarded）`)));
  if (route.minimum && awarded.lessThan(route.minimum.value)) {
    const [least, most] = [formatYuan(route.minimum.value), formatYuan(max.value)];
    throw invalidValue(bi(
      `${where.en}: awarded ${formatYuan(awarded)} is below the ${least} the text sets as the least; give an amount from ${least} to ${most}.`,
      `${where.zh}：获批金额（awarded）${formatYuan(awarded)} 低于原文规定的最低额 ${least}：请填 ${least} 至 ${most} 之间的金额。`,
    ));
  }
  if (awarded.greaterThan(max.value)) {
    const min = `min(${formatYuan(awarded)}, ${formatYuan(max.value)}) = ${formatYuan(max.value)}`;
    note(() => biStep("cap", bi(`${min}: the maximum binds`, `${min}：受最高额约束`), cite(max, src)));
    return done(max.value, "cap");
  }
  note(() => biStep("cap", bi(`${formatYuan(max.value)}: not reached`, `${formatYuan(max.value)}：未达到`), cite(max, src)));
  return done(awarded, "awarded");
}

function unquantifiedAward({ route, inputs, note, done, src }: RouteContext): ClauseResult {
  const granted = inputs.amount(GRANTED);
  const basis = route.conditions[0] ?? route.years;
  note(() => biStep("amount", bi(`${formatYuan(granted)}: the amount granted, as given (the text sets no amount)`, `${formatYuan(granted)}：按所给的批准金额（原文未定金额）`), basis ? cite(basis, src) : undefined));
  return done(granted, "unquantified");
}

/** The highest tier the input reaches; a count is shown in its unit (户, 个), never as 元. */
function tiersAward({ route, inputs, note, done, src }: RouteContext): ClauseResult {
  const t = route.tiers!;
  const v = t.unit ? inputs.count(t.input) : inputs.amount(t.input);
  const show = (d: Decimal) => (t.unit ? `${d.toString()} ${t.unit}` : formatYuan(d));
  let reached: (typeof t.steps)[number] | null = null;
  for (const s of t.steps) {
    const ok = s.threshold.inclusive ? v.greaterThanOrEqualTo(s.threshold.value) : v.greaterThan(s.threshold.value);
    if (ok) reached = s;
  }
  if (!reached) {
    note(() => biStep("tier", bi(`${t.input} (${t.label}) ${show(v)} reaches no tier (the lowest is ${show(t.steps[0].threshold.value)}): no award`, `${t.input}（${t.label}）${show(v)} 未达任何档次（最低为 ${show(t.steps[0].threshold.value)}）：不予支持`), cite(t.steps[0].threshold, src)));
    return done(new Decimal(0), "condition");
  }
  note(() => biStep("tier", bi(`${t.input} (${t.label}) ${show(v)} reaches ${show(reached.threshold.value)}: the highest tier reached pays ${formatYuan(reached.amount.value)}`, `${t.input}（${t.label}）${show(v)} 达到 ${show(reached.threshold.value)}：所达最高档支持 ${formatYuan(reached.amount.value)}`), cite(reached.amount, src)));
  return done(reached.amount.value, "tier");
}

function bandsFormula({ route, inputs, note, finish }: RouteContext): ClauseResult {
  const b = route.bands!;
  const x = inputs.amount(b.input);
  const { award, parts } = bandsAward(b, x);
  const sum = parts.join(" + ");
  note(() => biStep("bands", bi(`${b.label} ${formatYuan(x)}: ${sum || "below the first band"} = ${formatYuan(award)}`, `${b.label}${formatYuan(x)}：${sum || "未达第一档"} = ${formatYuan(award)}`), b));
  return finish(award, "bands");
}

/** A rate step's note when it has none. */
const NO_NOTE: Text = bi("", "");

/** The rate of a rate route: one rate, a schedule by year of support, or a rate by categories; null: no award this year. */
function routeRate(ctx: RouteContext): { rate: Cited<Decimal>; note: Text } | null {
  const { route, inputs, where, src, supportYear, note } = ctx;
  if (route.schedule) {
    const s = scheduledRate(route.schedule, supportYear);
    const rates = route.schedule.rates.map(formatRate).join(", ");
    const n = route.schedule.rates.length;
    note(() => biStep("schedule", s
      ? bi(`year ${supportYear} of support: ${formatRate(s.value)} (${rates})`, `支持第${supportYear}年：${formatRate(s.value)}（${rates}）`)
      : bi(`year ${supportYear} of support is beyond the ${n} years of the schedule: no award`, `支持第${supportYear}年，超出${n}年：不予支持`), { quote: route.schedule!.quote, source: src }));
    return s && { rate: s, note: NO_NOTE };
  }
  if (route.rateBy) {
    const r = rateFromTable(route.rateBy, (name) => inputs.flag(name), where);
    note(() => biStep("rate by", bi(`${r.shown}: ${formatRate(r.rate.value)}`, `${r.shown}：${formatRate(r.rate.value)}`), r.rate));
    return { rate: r.rate, note: NO_NOTE };
  }
  return route.decreasing ? decreasingRate(ctx, route.rate!, route.decreasing) : { rate: route.rate!, note: NO_NOTE };
}

/** 逐年递减 with no schedule in the text: the first year's rate is the most; later years' rates are given. */
function decreasingRate({ inputs, where, src, supportYear, note }: RouteContext, rate: Cited<Decimal>, decreasing: { quote: string; assumption: Text }): { rate: Cited<Decimal>; note: Text } {
  if (supportYear === 1 && !inputs.has(YEAR_RATE)) {
    note(() => biStep("year", bi(`year 1 of support: ${formatRate(rate.value)}`, `支持第1年：${formatRate(rate.value)}`), { quote: decreasing.quote, source: src }));
    return { rate, note: bi(" (first year of support: the highest rate)", "（支持第一年：最高比例）") };
  }
  if (!inputs.has(YEAR_RATE)) {
    throw invalidValue(bi(
      `${where.en}: the rate falls year by year (逐年递减) and the text gives no schedule, so year ${supportYear} of support needs the input "rate" (that year's rate, below ${formatRate(rate.value)}).`,
      `${where.zh}：比例逐年递减，原文未给具体安排，支持第${supportYear}年须给输入 "rate"（当年比例，低于 ${formatRate(rate.value)}）。`));
  }
  const r = inputs.rate(YEAR_RATE);
  if (supportYear === 1 && (r.isNegative() || r.greaterThan(rate.value))) {
    throw invalidValue(bi(`${where.en}: input "rate" ${formatRate(r)} must be from 0% to the ${formatRate(rate.value)} the text allows.`, `${where.zh}：输入 "rate" ${formatRate(r)} 须在 0% 至原文允许的 ${formatRate(rate.value)} 之间。`));
  }
  if (supportYear > 1 && (r.isNegative() || !r.lessThan(rate.value))) {
    throw invalidValue(bi(`${where.en}: input "rate" ${formatRate(r)} for year ${supportYear} must be 0% or more and below the first year's ${formatRate(rate.value)} (逐年递减).`, `${where.zh}：第${supportYear}年的输入 "rate" ${formatRate(r)} 须不小于 0% 且低于第一年的 ${formatRate(rate.value)}（逐年递减）。`));
  }
  const why = supportYear === 1 ? `at most ${formatRate(rate.value)}` : `below ${formatRate(rate.value)}; ${decreasing.assumption.en}`;
  const whyZh = supportYear === 1 ? `至多 ${formatRate(rate.value)}` : `低于 ${formatRate(rate.value)}（逐年递减）；${decreasing.assumption.zh}`;
  note(() => biStep("year", bi(`year ${supportYear} of support: rate ${formatRate(r)} as given (${why})`, `支持第${supportYear}年：按所给比例 ${formatRate(r)}（${whyZh}）`), { quote: decreasing.quote, source: src }));
  return { rate: { value: r, quote: supportYear === 1 ? rate.quote : decreasing.quote, source: src }, note: bi(" (the year's rate, as given)", "（按所给的当年比例）") };
}

/** A share of the base. */
function rateAward(ctx: RouteContext): ClauseResult {
  const { route, inputs, note, done, finish } = ctx;
  const base = inputs.amount(route.base!.input);
  note(() => {
    const { input, label } = route.base!;
    const previous = baseYearNote(route, ctx.year, bi("base", "基数"));
    return biStep("base", bi(`${formatYuan(base)} of ${label} (input ${input})${previous.en}`, `${label}${formatYuan(base)}（输入 ${input}）${previous.zh}`));
  });
  const r = routeRate(ctx);
  if (!r) return done(new Decimal(0), "years");
  const award = base.times(r.rate.value);
  const calc = `${formatYuan(base)} × ${formatRate(r.rate.value)} = ${formatYuan(award)}`;
  note(() => biStep("rate", bi(calc + r.note.en, calc + r.note.zh), cite(r.rate, ctx.src)));
  return finish(award, "rate");
}

/** Each kind of route, its formula: a fixed set. */
const FORMULAS: Record<Route["kind"], (ctx: RouteContext) => ClauseResult> = {
  rate: rateAward, fixed: fixedAward, maximum: maximumAward, range: maximumAward, tiers: tiersAward, bands: bandsFormula,
  "in-kind": inKindAward, unquantified: unquantifiedAward,
  "lump-sum": fixedAward,
};

