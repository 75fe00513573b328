// What the policy-year view shows per jurisdiction: its versions (and variants) with status and
// window, the one formulas use for the chosen year (or the pinned one), and why to worry.
import type { Engine, PolicyVersion } from "../../engine";
import { ROUTE_ATTRS, PROGRAMME_ATTRS, routeNumber } from "../../engine";
import { formatRate, formatYuan } from "../../engine";

export type OutsideReason =
  | { kind: "never" }
  | { kind: "variant"; base: string }
  | { kind: "expired"; date: string }
  | { kind: "repealed"; date: string; by: string }
  | { kind: "not-yet"; date: string };

export interface VersionRow {
  key: string;
  version: string;
  title: string;
  titleEn?: string;
  status: "final" | "draft";
  variant: boolean;
  window: { from: string; to: string } | null;
  /** the window is the model's assumption (the text gives no dates), not the text's */
  windowAssumed: boolean;
  inUse: boolean;
}

export interface JurisdictionView {
  id: string;
  name: string;
  nameEn: string;
  versions: VersionRow[];
  pin: string | null;
  /** the version a bare name resolves to now (pin or year), or null when none */
  inUse: string | null;
  /** the version the year alone would give */
  byYear: string | null;
  warning: { kind: "none-in-force" } | { kind: "pinned-outside"; key: string; reason: OutsideReason } | null;
  /** the version in use is in force for only part of the year (e.g. from 2025-06-10), or null */
  partial: { key: string; from: string; to: string } | null;
}

/** Why a version is not in force in a year, or null when it is (at any time in the year). */
export function outsideReason(v: PolicyVersion, year: number): OutsideReason | null {
  if (v.variant) return { kind: "variant", base: v.variant.base };
  if (!v.inForce) return { kind: "never" };
  const from = Number(v.inForce.from.slice(0, 4));
  const to = Number(v.inForce.to.slice(0, 4));
  if (year < from) return { kind: "not-yet", date: v.inForce.from };
  if (year > to) {
    const rep = v.inForce.repealedBy;
    return rep ? { kind: "repealed", date: rep.on, by: rep.version } : { kind: "expired", date: v.inForce.to };
  }
  return null;
}

export function jurisdictionViews(engine: Engine, year: number, pins: Record<string, string>): JurisdictionView[] {
  return [...engine.registry.jurisdictions.values()].map((j) => {
    let byYear: PolicyVersion | null = null;
    try {
      byYear = engine.resolver.versionInForce(j, year);
    } catch {
      byYear = null;
    }
    const pin = pins[j.id] ?? null;
    const pinned = pin === null ? null : j.versions.find((v) => v.version === pin) ?? null;
    const inUse = pinned ?? byYear;
    let warning: JurisdictionView["warning"] = null;
    if (pinned) {
      const reason = outsideReason(pinned, year);
      if (reason) warning = { kind: "pinned-outside", key: pinned.key, reason };
    } else if (!byYear) warning = { kind: "none-in-force" };
    let partial: JurisdictionView["partial"] = null;
    if (inUse?.inForce && !warning) {
      const { from, to } = inUse.inForce;
      if (from > `${year}-01-01` || to < `${year}-12-31`) partial = { key: inUse.key, from, to };
    }
    return {
      id: j.id,
      name: j.name,
      partial,
      nameEn: j.nameEn,
      pin,
      inUse: inUse?.key ?? null,
      byYear: byYear?.key ?? null,
      warning,
      versions: j.versions.map((v) => ({
        key: v.key, version: v.version, title: v.title, titleEn: v.titleEn, status: v.status, variant: Boolean(v.variant),
        window: v.inForce && { from: v.inForce.from, to: v.inForce.to }, windowAssumed: Boolean(v.inForce?.assumption), inUse: v === inUse,
      })),
    };
  });
}

export interface EditableField {
  field: string;
  current: string;
  isRate: boolean;
  /** what is edited, for people: programme name, route (when not the default), attribute */
  owner: string;
  attr: string;
}

/** The numbers of a version a variant may edit, with their current values. */
export function editableFields(version: PolicyVersion): EditableField[] {
  const out: EditableField[] = [];
  for (const p of version.programmes) {
    for (const r of p.routes) {
      for (const a of ROUTE_ATTRS) {
        const c = routeNumber(r, a);
        if (!c) continue;
        const isRate = a === "rate" || a === "domesticRate" || a === "uplift";
        const field = `${p.id}:${r.id}.${a}`;
        out.push({ field, isRate, current: isRate ? formatRate(c.value) : formatYuan(c.value), owner: r.isDefault ? p.name : `${p.name} ${r.id}`, attr: a });
      }
    }
    for (const a of PROGRAMME_ATTRS) {
      const c = p[a];
      if (c) out.push({ field: `${p.id}.${a}`, isRate: false, current: formatYuan(c.value), owner: p.name, attr: a });
    }
  }
  for (const pool of version.pools) out.push({ field: `pools.${pool.id}`, isRate: false, current: formatYuan(pool.amount.value), owner: pool.name, attr: "pool" });
  return out;
}
