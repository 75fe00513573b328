// The engine: pure TypeScript, no Office, no DOM. Everything the add-in computes is computed here.
import Decimal from "decimal.js";
import { formatYuan, toFen } from "./amount";
import { notAvailable } from "./errors";
import { PolicyRegistry } from "./registry";
import { Resolver, parseYear, describeWindow } from "./resolve";
import { computeVoucher, type Step, type VoucherResult } from "./voucher";
import type { Cited, PolicyFile, PolicyVersion } from "./types";

export { AwardError, type ErrorCode } from "./errors";
export { parseAmount, toFen, formatYuan, formatRate, normalizeText } from "./amount";
export { PolicyRegistry, type VersionSummary } from "./registry";
export { Resolver, parseYear, parseDomestic, describeWindow } from "./resolve";
export type { Step, VoucherResult, Binding } from "./voucher";
export type * from "./types";
export * as budget from "./budget";

/** Words that name a measure-wide limit in FUND_LIMIT. */
const TOTAL_NAMES = new Set(["total", "all", "measure", "总额", "总计", "全部", "合计", "本措施"]);

export type Cell = string | number | boolean;

export const ROUTE_COLUMNS = [
  "route", "name", "default", "rate", "domestic rate", "threshold", "threshold rule", "cap", "cap per",
  "shared cap", "lump sum", "uplift", "quota per year", "one-time", "base", "base year", "clause", "version",
] as const;

/** The questions the AWARD functions ask, answered from one set of policies. */
export class Engine {
  readonly resolver: Resolver;

  constructor(readonly registry: PolicyRegistry) {
    this.resolver = new Resolver(registry);
  }

  /** The version a jurisdiction[@version] resolves to in a year. */
  version(jurisdiction: unknown, year: unknown, defaultYear: number): PolicyVersion {
    return this.resolver.resolve(jurisdiction, parseYear(year, defaultYear)).version;
  }

  voucher(jurisdiction: unknown, type: unknown, spend: unknown, domestic: unknown, year: unknown, defaultYear: number): VoucherResult {
    const y = parseYear(year, defaultYear);
    const resolved = this.resolver.resolve(jurisdiction, y);
    const result = computeVoucher(this.resolver, resolved, type, spend, domestic, y);
    const rounded = toFen(result.award);
    result.steps.push({ step: "rounding", value: `${result.award.toString()} 元 rounded half up to the fen: ${rounded}` });
    return result;
  }

  /** The award in 元, rounded to the fen: what COMPUTE_VOUCHER returns. */
  voucherAmount(jurisdiction: unknown, type: unknown, spend: unknown, domestic: unknown, year: unknown, defaultYear: number): number {
    const y = parseYear(year, defaultYear);
    return toFen(computeVoucher(this.resolver, this.resolver.resolve(jurisdiction, y), type, spend, domestic, y, false).award);
  }

  /** A programme's routes as a table with a header row: what ROUTES spills. */
  routes(jurisdiction: unknown, type: unknown, year: unknown, defaultYear: number): Cell[][] {
    const version = this.version(jurisdiction, year, defaultYear);
    const { programme, route } = this.resolver.findProgramme(version, type);
    const routes = route === null ? programme.routes : [this.resolver.findRoute(version, programme, route)];
    const num = (c: Cited<Decimal> | undefined): Cell => (c ? c.value.toNumber() : "");
    const rows: Cell[][] = [[...ROUTE_COLUMNS]];
    for (const r of routes) {
      rows.push([
        r.id, r.name, r.isDefault, num(r.rate), num(r.domesticRate), num(r.threshold),
        r.threshold ? (r.threshold.inclusive ? ">=" : ">") : "", num(r.cap), r.cap?.per ?? "",
        num(programme.recipientCap), num(r.lumpSum), num(r.uplift), r.quota?.value ?? "", r.oneTime !== undefined,
        r.base, r.baseYear === "previous" ? "previous year (上一年度)" : "same year", programme.clause, version.key,
      ]);
    }
    return rows;
  }

  /** The annual pool of a programme, or the measure-wide limit ("total"): what FUND_LIMIT returns. */
  fundLimit(jurisdiction: unknown, programme: unknown, year: unknown, defaultYear: number): { amount: Decimal; label: string; quote: string; source: string; version: PolicyVersion } {
    const version = this.version(jurisdiction, year, defaultYear);
    const poolList = () => {
      const parts = [
        ...version.pools.map((p) => `${p.id} ${formatYuan(p.amount.value)} (clause ${p.clause})`),
        ...version.programmes.filter((p) => p.pool).map((p) => `${p.id} ${formatYuan(p.pool!.value)} (clause ${p.clause})`),
      ];
      return parts.length ? parts.join(", ") : "none";
    };
    if (typeof programme === "string" && TOTAL_NAMES.has(programme.normalize("NFKC").trim().toLowerCase())) {
      const total = version.pools.find((p) => p.id === "total") ?? version.pools[0];
      if (!total) throw notAvailable(`${version.key} sets no measure-wide annual limit; the pools it sets: ${poolList()}.`);
      return { amount: total.amount.value, label: total.name, quote: total.amount.quote, source: total.amount.source, version };
    }
    const { programme: p } = this.resolver.findProgramme(version, programme);
    if (!p.pool) {
      throw notAvailable(`${version.key} sets no annual pool for ${p.id} (${p.name}); the pools it sets: ${poolList()}.`);
    }
    return { amount: p.pool.value, label: `${p.name} annual pool`, quote: p.pool.quote, source: p.pool.source, version };
  }

  describeWindow(v: PolicyVersion): string {
    return describeWindow(v);
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
