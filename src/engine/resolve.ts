import { clip, normalizeText } from "./amount";
import { invalidValue, notAvailable } from "./errors";
import type { Jurisdiction, PolicyVersion, Programme, ProgrammeType, Route } from "./types";
import type { PolicyRegistry } from "./registry";

export const MIN_YEAR = 1900;
export const MAX_YEAR = 9999;

/** Reads a year argument; empty means the default (the workbook's policy year). */
export function parseYear(input: unknown, defaultYear: number): number {
  if (input === null || input === undefined || input === "") return defaultYear;
  let n: number;
  if (typeof input === "number") n = input;
  else if (typeof input === "string" && /^\s*\d{4}\s*(年)?\s*$/.test(input.normalize("NFKC"))) n = Number.parseInt(input.normalize("NFKC"), 10);
  else throw invalidValue(`year ${describe(input)} is not a year: give a whole number such as 2026, or leave it empty for the workbook's policy year.`);
  if (!Number.isInteger(n) || n < MIN_YEAR || n > MAX_YEAR) {
    throw invalidValue(`year ${describe(input)} is not a year: give a whole number from ${MIN_YEAR} to ${MAX_YEAR}, such as 2026.`);
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
  throw invalidValue(`domestic ${describe(input)} is not TRUE or FALSE: give TRUE for domestic (国产) compute, FALSE otherwise, or leave it empty (FALSE).`);
}

export function describe(input: unknown): string {
  if (typeof input === "string") return `"${clip(input)}"`;
  if (Array.isArray(input)) return "(a range or array)";
  if (input === null || input === undefined) return "(empty)";
  return String(input);
}

/** How a version's window reads in a message. */
export function describeWindow(v: PolicyVersion): string {
  if (!v.inForce) return `${v.status}, never in force`;
  let s = `${v.status}, in force ${v.inForce.from} to ${v.inForce.to}`;
  if (v.inForce.repealedBy) s += `, repealed by ${v.inForce.repealedBy.version}`;
  if (v.inForce.assumption) s += ", window assumed";
  return s;
}

export interface ResolvedVersion {
  jurisdiction: Jurisdiction;
  version: PolicyVersion;
  /** Why this version: "named explicitly" or "in force in 2026". */
  reason: string;
}

/** Turns what a user types (a jurisdiction, an @version, a programme:route) into the policy model. */
export class Resolver {
  private readonly names = new Map<string, Jurisdiction>();
  private readonly typeNames = new Map<string, ProgrammeType>();
  private readonly cache = new Map<string, ResolvedVersion>();
  private readonly routeCache = new Map<string, { programme: Programme; route: Route }>();

  private readonly pins = new Map<string, string>();

  /**
   * @param pins per jurisdiction id, the version (or variant, "2025~draft-40pct") that a name without
   *   @version resolves to whatever the year: the workbook's pinned versions.
   */
  constructor(readonly registry: PolicyRegistry, pins: Readonly<Record<string, string>> = {}) {
    for (const [id, version] of Object.entries(pins)) {
      const j = registry.jurisdictions.get(id);
      if (!j) throw invalidValue(`cannot pin "${id}": not a jurisdiction id (${[...registry.jurisdictions.keys()].join(", ")}).`);
      this.pins.set(id, version);
    }
    for (const j of registry.jurisdictions.values()) {
      for (const n of [j.id, j.name, j.nameEn, ...j.names]) this.names.set(normalizeText(n), j);
    }
    for (const t of registry.programmeTypes) {
      for (const n of [t.id, t.name, t.nameEn, ...t.names]) this.typeNames.set(normalizeText(n), t);
    }
  }

  private acceptedJurisdictions(): string {
    return [...this.registry.jurisdictions.values()]
      .map((j) => `${j.id} (${[j.name, ...j.names.filter((n) => /[^\x00-\x7f]/.test(n) && n !== j.name)].slice(0, 3).join(", ")})`)
      .join("; ");
  }

  private findJurisdictionError(input: unknown) {
    return invalidValue(`jurisdiction ${describe(input)} is not a name: give one of ${this.acceptedJurisdictions()}, optionally with @version.`);
  }

  findJurisdiction(input: unknown): Jurisdiction {
    if (typeof input !== "string" || input.trim() === "") throw this.findJurisdictionError(input);
    const j = this.names.get(normalizeText(input));
    if (!j) throw invalidValue(`unknown jurisdiction "${clip(input)}": give one of ${this.acceptedJurisdictions()}, optionally with @version, e.g. hangzhou-binjiang@2025-draft.`);
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
      return { jurisdiction, version: this.namedVersion(jurisdiction, text.slice(at + 1)), reason: "named explicitly" };
    }
    const pinned = this.pins.get(jurisdiction.id);
    if (pinned !== undefined) {
      return { jurisdiction, version: this.namedVersion(jurisdiction, pinned), reason: "pinned in the workbook (task pane)" };
    }
    if (date !== undefined) return { jurisdiction, version: this.versionOnDate(jurisdiction, date), reason: `in force on ${date}` };
    return { jurisdiction, version: this.versionInForce(jurisdiction, year), reason: `in force in ${year}` };
  }

  /** The latest version in force on a day (ISO date). */
  versionOnDate(j: Jurisdiction, date: string): PolicyVersion {
    let best: PolicyVersion | null = null;
    for (const v of j.versions) {
      if (v.inForce && v.inForce.from <= date && date <= v.inForce.to && (!best || v.inForce.from > best.inForce!.from)) best = v;
    }
    if (!best) {
      throw notAvailable(`${j.id} has no version in force on ${date}. Versions: ${j.versions.map((v) => `${v.key} (${describeWindow(v)})`).join("; ")}. Check the date, or name a version, e.g. "${j.versions[j.versions.length - 1].key}".`);
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
      throw invalidValue(`${jurisdiction.id}@${name.slice(0, tilde)} has no what-if variant "${clip(name.slice(tilde + 1))}"; ${variants.length ? `the variants saved in this workbook are ${variants.map((v) => v.key).join(", ")}` : "this workbook defines no variants (add one in the task pane)"}.`);
    }
    throw invalidValue(`${jurisdiction.id} has no version "${clip(name)}"; its versions are ${texts.map((v) => `${v.key} (${describeWindow(v)})`).join("; ")}${variants.length ? `; what-if variants: ${variants.map((v) => v.key).join(", ")}` : ""}.`);
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
      throw notAvailable(`${j.id} has no version in force in ${year}. Versions: ${j.versions.map((v) => `${v.key} (${describeWindow(v)})`).join("; ")}. Give another year, or name a version, e.g. "${j.versions[j.versions.length - 1].key}".`);
    }
    return best;
  }

  private acceptedTypes(): string {
    return this.registry.programmeTypes.map((t) => `${t.id} (${t.name})`).join(", ");
  }

  /** Splits "type[:route]" and finds the programme type. */
  parseType(input: unknown): { type: ProgrammeType | null; token: string; route: string | null } {
    if (typeof input !== "string" || input.trim() === "") {
      throw invalidValue(`programme ${describe(input)} is not a name: give one of ${this.acceptedTypes()}, optionally with :route (see AWARD.ROUTES).`);
    }
    const text = input.normalize("NFKC");
    const colon = text.indexOf(":");
    const token = colon >= 0 ? text.slice(0, colon) : text;
    const route = colon >= 0 ? text.slice(colon + 1).trim() : null;
    if (route === "") throw invalidValue(`programme "${clip(input)}" has an empty route after ":"; list the routes with AWARD.ROUTES.`);
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
      throw invalidValue(`unknown programme "${clip(token)}": give one of ${this.acceptedTypes()}, optionally with :route, e.g. compute:large-model.`);
    }
    throw notAvailable(`${version.key} has no ${type.name} (${type.id}) programme; it has ${this.programmesOf(version)}.`);
  }

  programmesOf(version: PolicyVersion): string {
    if (version.programmes.length === 0) return "no voucher programmes";
    return version.programmes.map((p) => `${p.id} (${p.name}, clause ${p.clause})`).join(", ");
  }

  /** Finds the programme and route that "type[:route]" names in a version (memoized). */
  findProgrammeRoute(version: PolicyVersion, type: unknown): { programme: Programme; route: Route } {
    const key = typeof type === "string" ? `${version.key}\u0000${type}` : null;
    const hit = key === null ? undefined : this.routeCache.get(key);
    if (hit) return hit;
    const { programme, route } = this.findProgramme(version, type);
    const found = { programme, route: this.findRoute(version, programme, route) };
    if (key !== null && this.routeCache.size < 10000) this.routeCache.set(key, found);
    return found;
  }

  /** Finds a route of a programme; null means the default route. */
  findRoute(version: PolicyVersion, programme: Programme, route: string | null): Route {
    if (route === null) return programme.defaultRoute;
    const n = normalizeText(route);
    const found = n === "default" ? programme.defaultRoute : programme.routes.find((r) =>
      [r.id, r.name, r.nameEn, ...r.aliases].some((name) => normalizeText(name) === n));
    if (!found) {
      throw invalidValue(`${version.key} ${programme.id} (${programme.name}) has no route "${clip(route)}"; its routes are ${programme.routes.map((r) => `${r.id}${r.isDefault ? " (default)" : ""}`).join(", ")}.`);
    }
    return found;
  }
}
