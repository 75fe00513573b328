import { clip, normalizeText } from "./amount";
import { invalidValue, notAvailable } from "./errors";
import { bi, type Text } from "./text";
import { clauseLabel } from "./messages/labels";
import type { Jurisdiction, PolicyVersion, Programme, ProgrammeType, Route } from "./types";
import type { PolicyRegistry } from "./registry";
import { FUNCTION_NAMES } from "./messages/functions";

export const MIN_YEAR = 1900;
export const MAX_YEAR = 9999;

/** Reads a year argument; empty means the default (the workbook's policy year). */
export function parseYear(input: unknown, defaultYear: number): number {
  if (input === null || input === undefined || input === "") return defaultYear;
  let n: number;
  if (typeof input === "number") n = input;
  else if (typeof input === "string" && /^\s*\d{4}\s*(年)?\s*$/.test(input.normalize("NFKC"))) n = Number.parseInt(input.normalize("NFKC"), 10);
  else throw invalidValue(bi(`year ${describe(input)} is not a year: give a whole number such as 2026, or leave it empty for the workbook's policy year.`,
    `年度 ${describeIn(input).zh} 不是年份：请填整数年份，如 2026；留空则用工作簿的政策年度。`));
  if (!Number.isInteger(n) || n < MIN_YEAR || n > MAX_YEAR) {
    throw invalidValue(bi(`year ${describe(input)} is not a year: give a whole number from ${MIN_YEAR} to ${MAX_YEAR}, such as 2026.`,
      `年度 ${describeIn(input).zh} 不是年份：请填 ${MIN_YEAR} 至 ${MAX_YEAR} 之间的整数，如 2026。`));
  }
  return n;
}

/** Reads the domestic flag: TRUE/FALSE, 1/0, or text such as 是/否, 国产/非国产, yes/no. */
export function parseDomestic(input: unknown): { domestic: boolean; given: boolean } {
  if (input === null || input === undefined || input === "") return { domestic: false, given: false };
  if (typeof input === "boolean") return { domestic: input, given: true };
  if (typeof input === "number" && (input === 0 || input === 1)) return { domestic: input === 1, given: true };
  if (typeof input === "string") {
    const t = normalizeText(input);
    if (["true", "yes", "y", "1", "是", "国产", "domestic"].includes(t)) return { domestic: true, given: true };
    if (["false", "no", "n", "0", "否", "非国产", "foreign", "imported"].includes(t)) return { domestic: false, given: true };
  }
  throw invalidValue(bi(`domestic ${describe(input)} is not TRUE or FALSE: give TRUE for domestic (国产) compute, FALSE otherwise, or leave it empty (FALSE).`,
    `国产 ${describeIn(input).zh} 不是 TRUE 或 FALSE：国产算力填 TRUE，否则填 FALSE，留空即 FALSE。`));
}

/** What the user gave, as a message quotes it: "text", a number, (empty), (a range). */
export function describeIn(input: unknown): Text {
  if (typeof input === "string") return bi(`"${clip(input)}"`, `"${clip(input)}"`);
  if (Array.isArray(input)) return bi("(a range or array)", "（区域或数组）");
  if (input === null || input === undefined) return bi("(empty)", "（空）");
  return bi(String(input), String(input));
}

export function describe(input: unknown): string {
  return describeIn(input).en;
}

/** Whether a route goes by a name (normalizeText'd): its id, its name, its English name or an alias. */
export function routeNamed(r: Route, n: string): boolean {
  return [r.id, r.name, r.nameEn, ...r.aliases].some((x) => x !== undefined && normalizeText(x) === n);
}

const STATUS_ZH: Record<string, string> = { final: "正式", draft: "征求意见稿", variant: "假设" };

/** How a version's window reads in a message, in both languages. */
export function windowText(v: PolicyVersion): Text {
  const zhStatus = STATUS_ZH[v.status] ?? v.status;
  if (!v.inForce) return bi(`${v.status}, never in force`, `${zhStatus}，未生效`);
  const en = [`${v.status}, in force ${v.inForce.from} to ${v.inForce.to}`];
  const zh = [`${zhStatus}，${v.inForce.from} 至 ${v.inForce.to} 有效`];
  if (v.inForce.repealedBy) {
    en.push(`repealed by ${v.inForce.repealedBy.version}`);
    zh.push(`被 ${v.inForce.repealedBy.version} 废止`);
  }
  if (v.inForce.assumption) {
    en.push("window assumed");
    zh.push("有效期为假设");
  }
  return bi(en.join(", "), zh.join("，"));
}

/** How a version's window reads in an English message. */
export function describeWindow(v: PolicyVersion): string {
  return windowText(v).en;
}

/** "key (window)" for each version, joined, in both languages. */
function versionsText(versions: readonly PolicyVersion[]): Text {
  return bi(versions.map((v) => `${v.key} (${windowText(v).en})`).join("; "), versions.map((v) => `${v.key}（${windowText(v).zh}）`).join("；"));
}

export interface ResolvedVersion {
  jurisdiction: Jurisdiction;
  version: PolicyVersion;
  /** Why this version, in both languages: "named explicitly" or "in force in 2026". */
  why: Text;
}

/** Turns what a user types (a jurisdiction, an @version, a programme:route) into the policy model. */
export class Resolver {
  private readonly names = new Map<string, Jurisdiction>();
  private readonly typeNames = new Map<string, ProgrammeType>();
  private readonly cache = new Map<string, ResolvedVersion>();
  /** Per version, what each type a user typed names (bounded): no key string made per call. */
  private readonly routeCache = new WeakMap<PolicyVersion, Map<string, { programme: Programme; route: Route }>>();

  private readonly pins = new Map<string, string>();

  /**
   * @param pins per jurisdiction id, the version (or variant, "2025~draft-40pct") that a name without
   *   @version resolves to whatever the year: the workbook's pinned versions.
   */
  constructor(readonly registry: PolicyRegistry, pins: Readonly<Record<string, string>> = {}) {
    for (const [id, version] of Object.entries(pins)) {
      const j = registry.jurisdictions.get(id);
      const ids = [...registry.jurisdictions.keys()].join(", ");
      if (!j) throw invalidValue(bi(`cannot pin "${id}": not a jurisdiction id (${ids}).`, `无法指定 "${id}"：不是地区代码（${ids}）。`));
      this.pins.set(id, version);
    }
    for (const j of registry.jurisdictions.values()) {
      for (const n of [j.id, j.name, j.nameEn, ...j.names]) this.names.set(normalizeText(n), j);
    }
    for (const t of registry.programmeTypes) {
      for (const n of [t.id, t.name, t.nameEn, ...t.names]) this.typeNames.set(normalizeText(n), t);
    }
  }

  private acceptedJurisdictions(): Text {
    const js = [...this.registry.jurisdictions.values()];
    const zhNames = (j: Jurisdiction) => [j.name, ...j.names.filter((n) => /[^\x00-\x7f]/.test(n) && n !== j.name)].slice(0, 3);
    return bi(
      js.map((j) => `${j.id} (${zhNames(j).join(", ")})`).join("; "),
      js.map((j) => `${j.id}（${zhNames(j).join("、")}）`).join("；"),
    );
  }

  private findJurisdictionError(input: unknown) {
    const accepted = this.acceptedJurisdictions();
    return invalidValue(bi(`jurisdiction ${describe(input)} is not a name: give one of ${accepted.en}, optionally with @version.`,
      `地区 ${describeIn(input).zh} 不是名称：请填 ${accepted.zh} 之一，可加 @版本。`));
  }

  findJurisdiction(input: unknown): Jurisdiction {
    if (typeof input !== "string" || input.trim() === "") throw this.findJurisdictionError(input);
    const j = this.names.get(normalizeText(input));
    if (!j) {
      const accepted = this.acceptedJurisdictions();
      throw invalidValue(bi(`unknown jurisdiction "${clip(input)}": give one of ${accepted.en}, optionally with @version, e.g. hangzhou-binjiang@2025-draft.`,
        `未知地区 "${clip(input)}"：请填 ${accepted.zh} 之一，可加 @版本，如 hangzhou-binjiang@2025-draft。`));
    }
    return j;
  }

  /** Resolves "jurisdiction[@version]" for a year: an explicit version always wins. */
  /**
   * @param date an ISO day (2026-03-01) where the question has one (a dated application): the
   *   version in force on that day, rather than at any time in the year.
   */
  resolve(spec: unknown, year: number, date?: string): ResolvedVersion {
    const key = typeof spec === "string" ? `${spec}\u0000${year}\u0000${date ?? ""}` : null;
    const hit = key === null ? undefined : this.cache.get(key);
    if (hit) return hit;
    const result = this.resolveUncached(spec, year, date);
    if (key !== null && this.cache.size < 10000) this.cache.set(key, result);
    return result;
  }

  private resolveUncached(spec: unknown, year: number, date?: string): ResolvedVersion {
    if (typeof spec !== "string") throw this.findJurisdictionError(spec);
    const text = spec.normalize("NFKC");
    const at = text.lastIndexOf("@");
    const jurisdiction = this.findJurisdiction(at >= 0 ? text.slice(0, at) : text);
    if (at >= 0) {
      return { jurisdiction, version: this.namedVersion(jurisdiction, text.slice(at + 1)), why: bi("named explicitly", "明确指定") };
    }
    const pinned = this.pins.get(jurisdiction.id);
    if (pinned !== undefined) {
      return { jurisdiction, version: this.namedVersion(jurisdiction, pinned), why: bi("pinned in the workbook (task pane)", "工作簿中指定（任务窗格）") };
    }
    if (date !== undefined) return { jurisdiction, version: this.versionOnDate(jurisdiction, date), why: bi(`in force on ${date}`, `${date} 有效`) };
    return { jurisdiction, version: this.versionInForce(jurisdiction, year), why: bi(`in force in ${year}`, `${year} 年有效`) };
  }

  /** The latest version in force on a day (ISO date). */
  versionOnDate(j: Jurisdiction, date: string): PolicyVersion {
    let best: PolicyVersion | null = null;
    for (const v of j.versions) {
      if (v.inForce && v.inForce.from <= date && date <= v.inForce.to && (!best || v.inForce.from > best.inForce!.from)) best = v;
    }
    if (!best) {
      const all = versionsText(j.versions);
      const last = j.versions[j.versions.length - 1].key;
      throw notAvailable(bi(`${j.id} has no version in force on ${date}. Versions: ${all.en}. Check the date, or name a version, e.g. "${last}".`,
        `${j.id} 在 ${date} 没有有效版本。版本：${all.zh}。请核对日期，或指定版本，如 "${last}"。`));
    }
    return best;
  }

  /** A version by name: "2025", "2025-draft", or a what-if variant "2025~draft-40pct". */
  private namedVersion(jurisdiction: Jurisdiction, name: string): PolicyVersion {
    const wanted = normalizeText(name);
    const version = jurisdiction.versions.find((v) => normalizeText(v.version) === wanted);
    if (version) return version;
    const tilde = name.indexOf("~");
    const texts = jurisdiction.versions.filter((v) => !v.variant);
    const variants = jurisdiction.versions.filter((v) => v.variant);
    if (tilde >= 0 && texts.some((v) => normalizeText(v.version) === normalizeText(name.slice(0, tilde)))) {
      const base = `${jurisdiction.id}@${name.slice(0, tilde)}`;
      const missing = name.slice(tilde + 1);
      const keys = variants.map((v) => v.key).join(", ");
      throw invalidValue(variants.length
        ? bi(`${base} has no what-if variant "${clip(missing)}"; the variants saved in this workbook are ${keys}.`, `${base} 没有假设方案 "${clip(missing)}"；本工作簿保存的方案有 ${keys}。`)
        : bi(`${base} has no what-if variant "${clip(missing)}"; this workbook defines no variants (add one in the task pane).`, `${base} 没有假设方案 "${clip(missing)}"；本工作簿没有假设方案（可在任务窗格中添加）。`));
    }
    const all = versionsText(texts);
    const keys = variants.map((v) => v.key).join(", ");
    throw invalidValue(bi(`${jurisdiction.id} has no version "${clip(name)}"; its versions are ${all.en}${variants.length ? `; what-if variants: ${keys}` : ""}.`,
      `${jurisdiction.id} 没有版本 "${clip(name)}"；其版本为 ${all.zh}${variants.length ? `；假设方案：${keys}` : ""}。`));
  }

  /** The latest version in force at any time in the year. */
  versionInForce(j: Jurisdiction, year: number): PolicyVersion {
    let best: PolicyVersion | null = null;
    for (const v of j.versions) {
      if (!v.inForce) continue;
      if (Number(v.inForce.from.slice(0, 4)) <= year && year <= Number(v.inForce.to.slice(0, 4))) {
        if (!best || v.inForce.from > best.inForce!.from) best = v;
      }
    }
    if (!best) {
      const all = versionsText(j.versions);
      const last = j.versions[j.versions.length - 1].key;
      throw notAvailable(bi(`${j.id} has no version in force in ${year}. Versions: ${all.en}. Give another year, or name a version, e.g. "${last}".`,
        `${j.id} 在 ${year} 年没有有效版本。版本：${all.zh}。请换一个年度，或指定版本，如 "${last}"。`));
    }
    return best;
  }

  private acceptedTypes(): Text {
    const ts = this.registry.programmeTypes;
    return bi(ts.map((t) => `${t.id} (${t.name})`).join(", "), ts.map((t) => `${t.name}（${t.id}）`).join("、"));
  }

  /** Splits "type[:route]" and finds the programme type. */
  parseType(input: unknown): { type: ProgrammeType | null; token: string; route: string | null } {
    if (typeof input !== "string" || input.trim() === "") {
      const accepted = this.acceptedTypes();
      const routes = FUNCTION_NAMES.ROUTES;
      throw invalidValue(bi(`programme ${describe(input)} is not a name: give one of ${accepted.en}, optionally with :route (see ${routes.en}).`,
        `券种 ${describeIn(input).zh} 不是名称：请填 ${accepted.zh} 之一，可加 :路径（见 ${routes.zh}）。`));
    }
    const text = input.normalize("NFKC");
    const colon = text.indexOf(":");
    const token = colon >= 0 ? text.slice(0, colon) : text;
    const route = colon >= 0 ? text.slice(colon + 1).trim() : null;
    if (route === "") throw invalidValue(bi(`programme "${clip(input)}" has an empty route after ":"; list the routes with ${FUNCTION_NAMES.ROUTES.en}.`, `券种 "${clip(input)}" 的 ":" 后路径为空；可用 ${FUNCTION_NAMES.ROUTES.zh} 列出路径。`));
    return { type: this.typeNames.get(normalizeText(token)) ?? null, token, route };
  }

  /** Finds a version's programme for what the user typed, e.g. "compute", "算力券". */
  findProgramme(version: PolicyVersion, input: unknown): { programme: Programme; route: string | null } {
    const { type, token, route } = this.parseType(input);
    const n = normalizeText(token);
    const programme =
      (type && version.programmes.find((p) => p.id === type.id)) ||
      version.programmes.find((p) => normalizeText(p.name) === n || normalizeText(p.nameEn) === n);
    if (programme) return { programme, route };
    if (!type) {
      const accepted = this.acceptedTypes();
      throw invalidValue(bi(`unknown programme "${clip(token)}": give one of ${accepted.en}, optionally with :route, e.g. compute:large-model.`,
        `未知券种 "${clip(token)}"：请填 ${accepted.zh} 之一，可加 :路径，如 compute:large-model。`));
    }
    const has = this.programmesIn(version);
    throw notAvailable(bi(`${version.key} has no ${type.nameEn} (${type.id}) programme; it has ${has.en}.`, `${version.key} 没有${type.name}（${type.id}）；它有 ${has.zh}。`));
  }

  programmesOf(version: PolicyVersion): string {
    return this.programmesIn(version).en;
  }

  /** The programmes of a version, as a message lists them. */
  programmesIn(version: PolicyVersion): Text {
    if (version.programmes.length === 0) return bi("no voucher programmes", "无券种");
    return bi(
      version.programmes.map((p) => `${p.id} (${p.nameEn}, clause ${p.clause})`).join(", "),
      version.programmes.map((p) => `${p.name}（${p.id}，${clauseLabel(version, p.clause, "zh")}）`).join("、"),
    );
  }

  /** Finds the programme and route that "type[:route]" names in a version (memoized). */
  findProgrammeRoute(version: PolicyVersion, type: unknown): { programme: Programme; route: Route } {
    let byType = this.routeCache.get(version);
    if (!byType) this.routeCache.set(version, (byType = new Map()));
    const hit = typeof type === "string" ? byType.get(type) : undefined;
    if (hit) return hit;
    const { programme, route } = this.findProgramme(version, type);
    const found = { programme, route: this.findRoute(version, programme, route) };
    if (typeof type === "string" && byType.size < 10000) byType.set(type, found);
    return found;
  }

  /** Finds a route of a programme; null means the default route. */
  findRoute(version: PolicyVersion, programme: Programme, route: string | null): Route {
    if (route === null) return programme.defaultRoute;
    const n = normalizeText(route);
    const found = n === "default" ? programme.defaultRoute : programme.routes.find((r) => routeNamed(r, n));
    if (!found) {
      const en = programme.routes.map((r) => `${r.id}${r.isDefault ? " (default)" : ""}`).join(", ");
      const zh = programme.routes.map((r) => `${r.id}${r.isDefault ? "（默认）" : ""}`).join("、");
      throw invalidValue(bi(`${version.key} ${programme.id} (${programme.nameEn}) has no route "${clip(route)}"; its routes are ${en}.`,
        `${version.key} ${programme.name}（${programme.id}）没有路径 "${clip(route)}"；其路径为 ${zh}。`));
    }
    return found;
  }
}
