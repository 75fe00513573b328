// The engine: pure TypeScript, no Office, no DOM. Everything the add-in computes is computed here.
import Decimal from "decimal.js";
import { formatYuan, toFen } from "./amount";
import { notAvailable } from "./errors";
import { PolicyRegistry } from "./registry";
import { Resolver, parseDomestic, type ResolvedVersion } from "./resolve";
import { parseWhen } from "./when";
import { CompiledVouchers } from "./compiled";
import { MAX_YEAR, MIN_YEAR } from "./resolve";
import { biStep, computeVoucher, type Step, type VoucherResult } from "./voucher";
import { bi } from "./text";
import type { Cited, PolicyFile, PolicyVersion, Route } from "./types";
import type { Lang, Text } from "./text";
import { clauseLabel, clauseTableIn, headerIn, nameIn, scopeIn, stepRowsIn } from "./messages";
import { clauseIdOf, clauseTable, computeClause, requireClauseArgument, roundAward, roundingStep, stepTable, type ClauseResult } from "./clauses";
import { withVariants, type VariantSpec } from "./variants";

export { AwardError, messageIn, type ErrorCode } from "./errors";
export { parseAmount, toFen, formatYuan, formatRate, normalizeText } from "./amount";
export { PolicyRegistry, type VersionSummary } from "./registry";
export { Resolver, parseYear, parseDomestic, describeWindow } from "./resolve";
export type { Step, VoucherResult, Binding } from "./voucher";
export type * from "./types";
export { CLAUSE_COLUMNS, EXPLAIN_COLUMNS, roundAward, diffVersions, diffIn, clauseIdOf, parseClauseInputs, type ClauseResult, type VersionDiff } from "./clauses";
export { buildVariant, withVariants, variantKey, parseRateInput, routeNumber, ROUTE_ATTRS, PROGRAMME_ATTRS, type PolicyEdit, type VariantSpec } from "./variants";
export * as budget from "./budget";

/** EXPLAIN's table in the language (the English one is stepTable's, as documented). */
function stepTableIn(lang: Lang, steps: Step[], result: { award: Decimal; unit: string }): Cell[][] {
  const table = stepTable(steps, result);
  if (lang === "en") return table;
  return [headerIn(lang, table[0]), ...stepRowsIn(lang, steps), headerIn(lang, table[table.length - 1])];
}

/** Words that name a measure-wide limit in FUND_LIMIT. */
const TOTAL_NAMES = new Set(["total", "all", "measure", "总额", "总计", "全部", "合计", "本措施"]);

export type Cell = string | number | boolean;

export const ROUTE_COLUMNS = [
  "route", "name", "default", "rate", "domestic rate", "threshold", "threshold rule", "cap", "cap per",
  "shared cap", "lump sum", "uplift", "quota per year", "one-time", "base", "base year", "clause", "version",
] as const;

/** ROUTES' route name: in English a route the file names in Chinese only shows its id (as ROUTES always has; CLAUSES shows the Chinese name). */
const routesName = (lang: Lang, r: Route): string => (lang === "en" && r.nameEn === undefined ? r.id : nameIn(lang, r));

/** The questions the AWARD functions ask, answered from one set of policies. */
export class Engine {
  readonly resolver: Resolver;

  /** @param options.pins per jurisdiction id, the version a name without @version resolves to (see Resolver). */
  constructor(readonly registry: PolicyRegistry, options: { pins?: Readonly<Record<string, string>> } = {}) {
    this.resolver = new Resolver(registry, options.pins);
    this.compiled = new CompiledVouchers(this.resolver);
  }

  /** COMPUTE_VOUCHER's evaluators in whole fen (compiled.ts). */
  private readonly compiled: CompiledVouchers;

  /** The version a jurisdiction[@version] resolves to in a year. */
  version(jurisdiction: unknown, year: unknown, defaultYear: number): PolicyVersion {
    return this.at(jurisdiction, year, defaultYear).resolved.version;
  }

  /** The version in force in a year, or on a day where `year` is a date (a serial or "2025-06-10"). */
  at(policy: unknown, year: unknown, defaultYear: number): { y: number; resolved: ResolvedVersion } {
    const when = parseWhen(year, defaultYear);
    return { y: when.year, resolved: this.resolver.resolve(policy, when.year, when.date) };
  }

  voucher(jurisdiction: unknown, type: unknown, spend: unknown, domestic: unknown, year: unknown, defaultYear: number): VoucherResult {
    const { y, resolved } = this.at(jurisdiction, year, defaultYear);
    const result = computeVoucher(this.resolver, resolved, type, spend, domestic, y);
    const variant = resolved.version.variant;
    if (variant) {
      const edits = variant.edits.map((e) => `${e.field} ${e.from} → ${e.to}`);
      result.steps.splice(1, 0, biStep("what-if variant", bi(
        `${resolved.version.key} is ${variant.base} with edited numbers (not from the text): ${edits.join("; ")}`,
        `${resolved.version.key} 是 ${variant.base} 改动数字后的假设方案（并非原文）：${edits.join("；")}`)));
    }
    result.steps.push(roundingStep(result.award, "元"));
    return result;
  }

  /**
   * COMPUTE_VOUCHER by its compiled evaluator (whole fen, compiled.ts), or null where the arguments
   * need the ordinary computation (text it cannot read exactly, a date as the year, a bad argument).
   * Cheaper than a memo lookup, so the function asks it first.
   */
  voucherCompiled(jurisdiction: unknown, type: unknown, spend: unknown, domestic: unknown, year: unknown, defaultYear: number): number | null {
    const y = year === undefined || year === null || year === "" ? defaultYear : year;
    if (typeof y !== "number" || !Number.isInteger(y) || y < MIN_YEAR || y > MAX_YEAR) return null;
    return this.compiled.amount(jurisdiction, type, spend, domestic, y);
  }

  /** The award in 元, rounded to the fen: what COMPUTE_VOUCHER returns. */
  voucherAmount(jurisdiction: unknown, type: unknown, spend: unknown, domestic: unknown, year: unknown, defaultYear: number): number {
    const fast = this.voucherCompiled(jurisdiction, type, spend, domestic, year, defaultYear);
    if (fast !== null) return fast;
    const { y, resolved } = this.at(jurisdiction, year, defaultYear);
    return toFen(computeVoucher(this.resolver, resolved, type, spend, domestic, y, false).award);
  }

  /** A programme's routes as a table with a header row: what ROUTES spills. */
  routes(jurisdiction: unknown, type: unknown, year: unknown, defaultYear: number, lang: Lang = "en"): Cell[][] {
    const version = this.version(jurisdiction, year, defaultYear);
    const { programme, route } = this.resolver.findProgramme(version, type);
    const routes = route === null ? programme.routes : [this.resolver.findRoute(version, programme, route)];
    const num = (c: Cited<Decimal> | undefined): Cell => (c ? c.value.toNumber() : "");
    const rows: Cell[][] = [headerIn(lang, ROUTE_COLUMNS)];
    const baseYear = (r: Route) => (r.base?.baseYear === "previous" ? (lang === "zh" ? "上一年度" : "previous year (上一年度)") : lang === "zh" ? "当年" : "same year");
    for (const r of routes) {
      rows.push([
        r.id, routesName(lang, r), r.isDefault, num(r.rate), num(r.domesticRate), num(r.threshold),
        r.threshold ? (r.threshold.inclusive ? ">=" : ">") : "", num(r.cap), r.cap ? scopeIn(lang, r.cap.per) : "",
        num(programme.recipientCap), num(r.kind === "lump-sum" ? r.amount : undefined), num(r.uplift), r.quota?.value ?? "", r.oneTime !== undefined,
        r.base?.label ?? "", baseYear(r), lang === "zh" ? clauseLabel(version, programme.clause, lang) : programme.clause, version.key,
      ]);
    }
    return rows;
  }

  /** The annual pool of a programme, or the measure-wide limit ("total"): what FUND_LIMIT returns. */
  fundLimit(jurisdiction: unknown, programme: unknown, year: unknown, defaultYear: number): { amount: Decimal; text: Text; quote: string; source: string; version: PolicyVersion } {
    const version = this.version(jurisdiction, year, defaultYear);
    const poolList = (): Text => {
      const en = [
        ...version.pools.map((p) => `${p.id} ${formatYuan(p.amount.value)} (clause ${p.clause})`),
        ...version.programmes.filter((p) => p.pool).map((p) => `${p.id} ${formatYuan(p.pool!.value)} (clause ${p.clause})`),
      ];
      const zh = [
        ...version.pools.map((p) => `${p.name}（${p.id}）${formatYuan(p.amount.value)}（${clauseLabel(version, p.clause, "zh")}）`),
        ...version.programmes.filter((p) => p.pool).map((p) => `${p.name}（${p.id}）${formatYuan(p.pool!.value)}（${clauseLabel(version, p.clause, "zh")}）`),
      ];
      return en.length ? bi(en.join(", "), zh.join("、")) : bi("none", "无");
    };
    if (typeof programme === "string" && TOTAL_NAMES.has(programme.normalize("NFKC").trim().toLowerCase())) {
      const total = version.pools.find((p) => p.id === "total") ?? version.pools[0];
      if (!total) {
        const list = poolList();
        throw notAvailable(bi(`${version.key} sets no measure-wide annual limit; the pools it sets: ${list.en}.`, `${version.key} 未设本措施年度总额；它设的资金池：${list.zh}。`));
      }
      return { amount: total.amount.value, text: bi(`measure-wide annual limit (${total.name})`, total.name), quote: total.amount.quote, source: total.amount.source, version };
    }
    const { programme: p } = this.resolver.findProgramme(version, programme);
    if (!p.pool) {
      const list = poolList();
      throw notAvailable(bi(`${version.key} sets no annual pool for ${p.id} (${p.name}); the pools it sets: ${list.en}.`, `${version.key} 未给${p.name}（${p.id}）设年度资金池；它设的资金池：${list.zh}。`));
    }
    const text = bi(`${p.nameEn} (${p.name}) annual pool`, `${p.name}年度资金池`);
    return { amount: p.pool.value, text, quote: p.pool.quote, source: p.pool.source, version };
  }

  /**
   * What one clause pays: the exact award (in result.unit, 元 unless the text gives another unit)
   * and a trace of steps, each with its sentence; the last step is the rounding. `clause` is the id
   * ("7", 7, "第七条", "（六）") or a programme ("compute", "compute:large-model"); `inputs` one number
   * (the base), a two-column name/value array, or an object of name → value; `route` null for the
   * default (or the text's choose rule).
   */
  clauseAward(policy: unknown, clause: unknown, inputs: unknown, route: unknown, year: unknown, defaultYear: number): ClauseResult {
    const { y, resolved } = this.at(policy, year, defaultYear);
    const result = computeClause(this.resolver, resolved, clause, inputs, route, y);
    return { ...result, steps: [...result.steps, roundingStep(result.award, result.unit)] };
  }

  /** What CLAUSE returns: the award rounded (元 to the fen), computed without building a trace. */
  clauseAmount(policy: unknown, clause: unknown, inputs: unknown, route: unknown, year: unknown, defaultYear: number): number {
    const { y, resolved } = this.at(policy, year, defaultYear);
    const result = computeClause(this.resolver, resolved, clause, inputs, route, y, false);
    return roundAward(result.award, result.unit);
  }

  /** Every clause and route of the version, with a header row: what CLAUSES spills. */
  clauses(policy: unknown, year: unknown, defaultYear: number, lang: Lang = "en"): Cell[][] {
    const version = this.version(policy, year, defaultYear);
    return clauseTableIn(lang, version, clauseTable(version, lang));
  }

  /**
   * The trace of a clause award, or of a voucher when `clause` names a programme and the fourth
   * argument is COMPUTE_VOUCHER's domestic flag: what EXPLAIN spills.
   */
  explain(policy: unknown, clause: unknown, inputs: unknown, routeOrDomestic: unknown, year: unknown, defaultYear: number, lang: Lang = "en"): Cell[][] {
    const isDomesticFlag = (v: unknown) => {
      try {
        parseDomestic(v);
        return true;
      } catch {
        return false;
      }
    };
    parseWhen(year, defaultYear); // a bad year is refused before anything else
    const y = year;
    requireClauseArgument(clause);
    const asVoucher = typeof clause === "string" && clauseIdOf(clause) === null && !Array.isArray(inputs) && isDomesticFlag(routeOrDomestic)
      && this.resolver.parseType(clause).type !== null;
    if (asVoucher) {
      const v = this.voucher(policy, clause, inputs, routeOrDomestic, y, defaultYear);
      return stepTableIn(lang, v.steps, { award: v.award, unit: "元" });
    }
    const r = this.clauseAward(policy, clause, inputs, routeOrDomestic, y, defaultYear);
    return stepTableIn(lang, r.steps, r);
  }
}

declare const __AWARD_POLICIES__: PolicyFile[] | undefined;

let registry: PolicyRegistry | null = null;
let engine: Engine | null = null;

/**
 * The policies shipped with the add-in: injected by the build in the browser, read (and checked)
 * from policies/ in Node.
 */
export function defaultRegistry(): PolicyRegistry {
  if (!registry) {
    const files: PolicyFile[] =
      typeof __AWARD_POLICIES__ !== "undefined"
        ? __AWARD_POLICIES__
        : (require("./load-files") as typeof import("./load-files")).readPolicyFiles();
    registry = PolicyRegistry.fromFiles(files);
  }
  return registry;
}

export function defaultEngine(): Engine {
  if (!engine) engine = new Engine(defaultRegistry());
  return engine;
}

/**
 * An engine over the shipped policies plus what-if variants, with pinned versions: what the
 * workbook's settings (task pane) ask for. Throws #VALUE! naming the first bad variant.
 */
export function engineWith(options: { variants?: readonly VariantSpec[]; pins?: Readonly<Record<string, string>> }): Engine {
  const engine = new Engine(withVariants(defaultRegistry(), options.variants ?? []), { pins: options.pins });
  // a pin naming no version fails here, not in every formula
  for (const [id, version] of Object.entries(options.pins ?? {})) engine.resolver.resolve(`${id}@${version}`, 2000);
  return engine;
}

let generation = 0;

/**
 * Replaces the engine every AWARD function uses (for example with policy variants added), or with
 * null goes back to the shipped policies. Bumps engineGeneration(), so memoized answers are dropped.
 */
export function setDefaultEngine(next: Engine | null): void {
  engine = next;
  generation++;
}

/** A number that changes whenever the default engine is replaced: part of any memo key. */
export function engineGeneration(): number {
  return generation;
}
