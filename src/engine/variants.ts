// What-if variants: a shipped policy version with some of its numbers edited (a rate, a cap, a
// threshold, a pool), under a name such as hangzhou-binjiang@2025~draft-40pct that every AWARD
// function accepts. Edits are data ({field, value}); the edited numbers carry a quote saying that
// they were edited and from what, so a trace never passes them off as the text's.
import Decimal from "decimal.js";
import { formatRate, formatYuan, parseAmount } from "./amount";
import { invalidValue, type AwardError } from "./errors";
import { bi, type Text } from "./text";
import type { PolicyRegistry } from "./registry";
import { Resolver } from "./resolve";
import type { AppliedEdit, Cited, Clause, PolicyVersion, Programme, Route } from "./types";

/** One edit: which number (see EDITABLE_FIELDS) and its new value ("40%", "1500万", 15000000). */
export interface PolicyEdit { field: string; value: string | number }

/** A named variant of a shipped version: base "hangzhou-binjiang@2025", name "draft-40pct". */
export interface VariantSpec { base: string; name: string; edits: PolicyEdit[] }

/**
 * The fields an edit may name:
 *  - `<programme>[:<route>].<attr>` with attr rate, domesticRate, cap, threshold, lumpSum, uplift
 *    (the programme's default route when no route is given), e.g. `compute.rate`, `compute:large-model.cap`;
 *  - `<programme>.pool` (the programme's annual pool), `<programme>.recipientCap` (cap shared by its routes);
 *  - `pools.<id>` (a measure-wide annual limit, e.g. `pools.total`).
 * Programmes and routes may be named as in formulas (compute, 算力券, compute:large-model).
 */
export const ROUTE_ATTRS = ["rate", "domesticRate", "cap", "threshold", "lumpSum", "uplift"] as const;
export const PROGRAMME_ATTRS = ["pool", "recipientCap"] as const;
type RouteAttr = (typeof ROUTE_ATTRS)[number];
type ProgrammeAttr = (typeof PROGRAMME_ATTRS)[number];

const RATE_ATTRS = new Set<string>(["rate", "domesticRate", "uplift"]);

/** The route field an editable attribute names (a lump sum is a lump-sum route's amount). */
function routeField(route: Route, attr: RouteAttr): "rate" | "domesticRate" | "cap" | "threshold" | "amount" | "uplift" | null {
  if (attr !== "lumpSum") return attr;
  return route.kind === "lump-sum" ? "amount" : null;
}

/** The number an editable attribute of a route names, if the route has it. */
export function routeNumber(route: Route, attr: RouteAttr): Cited<Decimal> | undefined {
  const f = routeField(route, attr);
  return f === null ? undefined : route[f];
}
const NAME = /^[\p{L}\p{N}][\p{L}\p{N}._-]{0,39}$/u;

/** The key a variant gets: base key + "~" + name. */
export function variantKey(spec: Pick<VariantSpec, "base" | "name">): string {
  return `${spec.base}~${spec.name}`;
}

/** Reads a rate: "40%", "40 %", 0.4 or "0.4". */
export function parseRateInput(input: unknown, what: string | Text): Decimal {
  const w = typeof what === "string" ? bi(what, what) : what;
  let value: Decimal | null = null;
  if (typeof input === "number" && Number.isFinite(input)) value = new Decimal(input);
  else if (typeof input === "string") {
    const t = input.normalize("NFKC").replace(/\s+/g, "");
    const pct = /^(\d+(?:\.\d+)?)%$/.exec(t);
    if (pct) value = new Decimal(pct[1]).dividedBy(100);
    else if (/^\d+(?:\.\d+)?$/.test(t)) value = new Decimal(t);
  }
  if (value === null) {
    throw invalidValue(bi(`${w.en}: "${String(input)}" is not a rate; give a percentage such as "40%" or a fraction such as 0.4.`,
      `${w.zh}："${String(input)}" 不是比例：请填百分数如 "40%"，或小数如 0.4。`));
  }
  if (value.isNegative() || value.greaterThan(1)) {
    throw invalidValue(bi(`${w.en}: ${formatRate(value)} is outside 0% to 100%.`, `${w.zh}：${formatRate(value)} 不在 0% 至 100% 之间。`));
  }
  return value;
}

function edited<T extends Cited<Decimal>>(old: T, value: Decimal, key: string, field: string, isRate: boolean, edits: AppliedEdit[]): T {
  const fmt = (d: Decimal) => (isRate ? formatRate(d) : formatYuan(d));
  edits.push({ field, from: fmt(old.value), to: fmt(value) });
  return {
    ...old,
    value,
    quote: `what-if edit in ${key}: ${field} ${fmt(old.value)} → ${fmt(value)} (not from the text; the text says: ${old.quote})`,
    source: `variant ${key}`,
    assumption: undefined,
  };
}

/** Refuses a spec whose name, base or edits are not what a variant needs. */
function checkSpec(spec: VariantSpec): void {
  if (typeof spec.name !== "string" || !NAME.test(spec.name)) {
    throw invalidValue(bi(`variant name "${String(spec.name)}" is not a name: use letters, digits, ".", "_" or "-" (at most 40), e.g. draft-40pct.`,
      `方案名 "${String(spec.name)}" 不可用：请用字母、数字、"."、"_" 或 "-"（最多 40 个），如 draft-40pct。`));
  }
  if (typeof spec.base !== "string" || spec.base.includes("~") || !spec.base.includes("@")) {
    throw invalidValue(bi(`variant base "${String(spec.base)}" must name a shipped version as jurisdiction@version, e.g. hangzhou-binjiang@2025.`,
      `方案基准 "${String(spec.base)}" 须是随附的版本，写作 地区@版本，如 hangzhou-binjiang@2025。`));
  }
  if (!Array.isArray(spec.edits) || spec.edits.length === 0) {
    throw invalidValue(bi(`variant ${variantKey(spec)} edits nothing: give at least one edit.`, `假设方案 ${variantKey(spec)} 没有修改：请至少修改一项。`));
  }
}

/** The variant as a copy of its base (clauses, programmes, routes and pools copied, so editing never touches the shipped version). */
function copyOf(base: PolicyVersion, spec: VariantSpec, edits: AppliedEdit[]): PolicyVersion {
  const copies = new Map<string, Programme>(base.programmes.map((p) => {
    const routes = p.routes.map((r) => ({ ...r }));
    return [p.id, { ...p, routes, defaultRoute: routes[p.routes.indexOf(p.defaultRoute)] }];
  }));
  // a voucher clause holds its programme and the programme's routes: point them at the copies
  const clauses: Clause[] = base.clauses.map((c) => {
    if (!c.programme) return c;
    const p = copies.get(c.programme.id)!;
    const from = c.programme.routes;
    return { ...c, programme: p, routes: c.routes.map((r) => (r.programme ? p.routes[from.indexOf(r)] : r)), defaultRoute: p.defaultRoute };
  });
  const programmes = clauses.flatMap((c) => (c.programme ? [c.programme] : []));
  return {
    ...base,
    key: `${base.key}~${spec.name}`,
    version: `${base.version}~${spec.name}`,
    title: `${base.title}（假设方案：${spec.name}）`,
    titleEn: `${base.titleEn ?? base.title} (what-if: ${spec.name})`,
    status: base.status,
    inForce: null,
    commencement: { quote: "", note: `what-if variant of ${base.key}: name it or pin it` },
    clauses,
    programmes,
    pools: base.pools.map((p) => ({ ...p })),
    variant: { base: base.key, name: spec.name, edits },
  };
}

/** One edit being applied: where it goes and how a refusal names it. */
interface EditContext {
  base: PolicyVersion;
  version: PolicyVersion;
  resolver: Resolver;
  edits: AppliedEdit[];
  fail: (en: string, zh: string) => AwardError;
  /** Marks a field edited; refuses it the second time. */
  once: (name: string) => void;
}

function editPool(c: EditContext, attr: string, value: Decimal): void {
  const pools = c.version.pools;
  const i = pools.findIndex((p) => p.id === attr);
  const set = pools.map((p) => `pools.${p.id}`).join(", ");
  if (i < 0) throw c.fail(`${c.base.key} sets no measure-wide pool "${attr}"; it sets ${set || "none"}.`, `${c.base.key} 没有总资金池 "${attr}"；它有 ${set || "无"}。`);
  c.once(`pools.${attr}`);
  pools[i] = { ...pools[i], amount: edited(pools[i].amount, value, c.version.key, `pools.${attr}`, false, c.edits) };
}

function editProgramme(c: EditContext, programme: Programme, routeName: string | null, attr: string, value: Decimal): void {
  if (routeName !== null) throw c.fail(`${attr} belongs to the programme; write ${programme.id}.${attr}.`, `${attr} 属于券种：请写 ${programme.id}.${attr}。`);
  const a = attr as ProgrammeAttr;
  const old = programme[a];
  if (!old) throw c.fail(`${c.base.key} ${programme.id} has no ${attr} to edit.`, `${c.base.key} ${programme.name} 没有可修改的 ${attr}。`);
  const name = `${programme.id}.${a}`;
  c.once(name);
  (programme as unknown as Record<string, unknown>)[a] = edited(old, value, c.version.key, name, false, c.edits);
}

function editRoute(c: EditContext, found: Programme, programme: Programme, routeName: string | null, attr: string, value: Decimal, isRate: boolean): void {
  const route: Route = programme.routes[found.routes.indexOf(c.resolver.findRoute(c.base, found, routeName))];
  const a = attr as RouteAttr;
  const old = routeNumber(route, a);
  if (!old) throw c.fail(`${c.base.key} ${programme.id}:${route.id} has no ${attr} to edit.`, `${c.base.key} ${programme.id}:${route.id} 没有可修改的 ${attr}。`);
  const name = `${programme.id}:${route.id}.${a}`;
  c.once(name);
  (route as unknown as Record<string, unknown>)[routeField(route, a)!] = edited(old, value, c.version.key, name, isRate, c.edits);
}

/** Applies one edit (programme[:route].attribute, programme.pool, pools.<id>) to the copy. */
function applyEdit(c: EditContext, edit: PolicyEdit, field: string): void {
  const at = bi(`variant ${c.version.key}, edit "${field}"`, `假设方案 ${c.version.key} 的修改 "${field}"`);
  const dot = field.lastIndexOf(".");
  if (dot <= 0) {
    throw c.fail(`not a field; give programme[:route].attribute (${ROUTE_ATTRS.join(", ")}), programme.pool, programme.recipientCap or pools.<id>.`,
      `不是可修改项：请写 券种[:路径].属性（${ROUTE_ATTRS.join("、")}）、券种.pool、券种.recipientCap 或 pools.<代码>。`);
  }
  const target = field.slice(0, dot);
  const attr = field.slice(dot + 1);
  const isRate = RATE_ATTRS.has(attr);
  const value = isRate ? parseRateInput(edit.value, at) : parseAmount(edit.value, at);
  if (target === "pools") return editPool(c, attr, value);
  const { programme: found, route: routeName } = c.resolver.findProgramme(c.base, target);
  const programme = c.version.programmes.find((p) => p.id === found.id)!;
  if ((PROGRAMME_ATTRS as readonly string[]).includes(attr)) return editProgramme(c, programme, routeName, attr, value);
  if (!(ROUTE_ATTRS as readonly string[]).includes(attr)) {
    const all = [...ROUTE_ATTRS, ...PROGRAMME_ATTRS];
    throw c.fail(`"${attr}" is not an editable number; give one of ${all.join(", ")}.`, `"${attr}" 不是可修改的数：请填 ${all.join("、")} 之一。`);
  }
  editRoute(c, found, programme, routeName, attr, value, isRate);
}

/** Builds the variant version from its base; throws #VALUE! naming the bad edit. */
export function buildVariant(registry: PolicyRegistry, spec: VariantSpec): PolicyVersion {
  checkSpec(spec);
  const resolver = new Resolver(registry);
  const base = resolver.resolve(spec.base, 2000).version;
  if (base.variant) throw invalidValue(bi(`variant base ${base.key} is itself a variant; edit the shipped version instead.`, `方案基准 ${base.key} 本身是假设方案；请修改随附的版本。`));
  const edits: AppliedEdit[] = [];
  const version = copyOf(base, spec, edits);
  const seen = new Set<string>();
  for (const edit of spec.edits) {
    const field = typeof edit?.field === "string" ? edit.field.normalize("NFKC").trim() : "";
    const fail = (en: string, zh: string) => invalidValue(bi(`variant ${version.key}, edit "${field}": ${en}`, `假设方案 ${version.key} 的修改 "${field}"：${zh}`));
    const once = (name: string) => {
      if (seen.has(name)) throw fail("edited twice.", "重复修改。");
      seen.add(name);
    };
    applyEdit({ base, version, resolver, edits, fail, once }, edit, field);
  }
  return version;
}

/** The registry with every variant added to its jurisdiction; throws on the first bad variant. */
export function withVariants(registry: PolicyRegistry, specs: readonly VariantSpec[]): PolicyRegistry {
  if (specs.length === 0) return registry;
  const built: PolicyVersion[] = [];
  for (const spec of specs) {
    const v = buildVariant(registry, spec);
    if (built.some((w) => w.key === v.key)) throw invalidValue(bi(`variant ${v.key} is given twice: give each variant its own name.`, `假设方案 ${v.key} 重复：每个方案须有自己的名称。`));
    built.push(v);
  }
  return registry.withVersions(built);
}
