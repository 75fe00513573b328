import { parse as parseYaml } from "yaml";
import { citeAmount, normalizeText } from "./amount";
import { bi, noteOf, type Text } from "./text";
import { buildClauses } from "./clauses/build";
import { buildLimits } from "./limits/derive";
import type {
  Jurisdiction, JurisdictionDoc, PolicyDoc, PolicyFile, PolicyVersion, Pool, ProgrammeType, ProgrammeTypeDoc,
} from "./types";

/** What a policy file is, by where it lies under policies/. */
export type PolicyFileKind = "programmes" | "jurisdiction" | "version" | "other";

export function policyFileKind(path: string): PolicyFileKind {
  const p = path.replace(/\\/g, "/");
  if (!/\.ya?ml$/.test(p) || /\.examples\.ya?ml$/.test(p)) return "other"; // worked examples: test tables, not policy
  if (/^programmes\.ya?ml$/.test(p)) return "programmes";
  if (/^[^/]+\/jurisdiction\.ya?ml$/.test(p)) return "jurisdiction";
  if (/^[^/]+\/[^/]+\.ya?ml$/.test(p)) return "version";
  return "other";
}

export interface ParsedPolicyFiles {
  programmes: { path: string; doc: ProgrammeTypeDoc[] } | null;
  jurisdictions: { path: string; doc: JurisdictionDoc }[];
  versions: { path: string; doc: PolicyDoc }[];
}

/** Parses the YAML of every policy file; a file that is not YAML throws naming it. bases: false leaves a
 * version written as changes from another (basedOn) as written, for checking one file alone. */
export function parsePolicyFiles(files: PolicyFile[], options: { bases?: boolean } = {}): ParsedPolicyFiles {
  const out: ParsedPolicyFiles = { programmes: null, jurisdictions: [], versions: [] };
  for (const file of files) {
    const kind = policyFileKind(file.path);
    if (kind === "other") continue;
    let doc: unknown = file.doc;
    if (doc === undefined) try {
      doc = parseYaml(file.text);
    } catch (e) {
      throw new Error(`policies/${file.path}: not valid YAML: ${(e as Error).message}`);
    }
    if (kind === "programmes") out.programmes = { path: file.path, doc: doc as ProgrammeTypeDoc[] };
    else if (kind === "jurisdiction") out.jurisdictions.push({ path: file.path, doc: doc as JurisdictionDoc });
    else out.versions.push({ path: file.path, doc: resolveQuotes(doc, `policies/${file.path}`) as PolicyDoc });
  }
  if (options.bases !== false) applyBases(out.versions);
  return out;
}

/**
 * A version may quote a sentence once, in `quotes: { id: sentence }`, and refer to it wherever it is
 * the source of a number as `quote: "@id"` (one sentence of 滨江（六） gives the rate, the domestic rate
 * and the cap). References are replaced by their sentence as the file is read, so every check sees the
 * sentence itself; an unknown id is an error naming the file and the path.
 */
function resolveQuotes(doc: unknown, where: string): unknown {
  const root = doc as { quotes?: Record<string, unknown> } | null;
  const quotes = root && typeof root === "object" && root.quotes && typeof root.quotes === "object" ? root.quotes : {};
  const walk = (node: unknown, path: string): unknown => {
    if (Array.isArray(node)) return node.map((v, i) => walk(v, `${path}/${i}`));
    if (!node || typeof node !== "object") return node;
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(node as Record<string, unknown>)) {
      if (k === "quote" && typeof v === "string" && v.startsWith("@")) {
        const q = quotes[v.slice(1)];
        if (typeof q !== "string") throw new Error(`${where}: ${path}/quote: "${v}" names no sentence under quotes (${Object.keys(quotes).join(", ") || "none"})`);
        out[k] = q;
      } else out[k] = path === "" && k === "quotes" ? v : walk(v, `${path}/${k}`);
    }
    return out;
  };
  return walk(doc, "");
}

/** One change of a version written from another: a JSON pointer into the other's file, and what to do there. */
interface Change { op: "replace" | "add" | "remove"; path: string; value?: unknown }

function applyChange(doc: Record<string, unknown>, c: Change, where: string): void {
  const keys = c.path.split("/").slice(1).map((k) => k.replace(/~1/g, "/").replace(/~0/g, "~"));
  const last = keys.pop();
  let node: unknown = doc;
  for (const k of keys) node = node && typeof node === "object" ? (node as Record<string, unknown>)[k] : undefined;
  if (!node || typeof node !== "object" || last === undefined) throw new Error(`${where}: changes: ${c.path} is not in the version it is based on`);
  if (Array.isArray(node)) {
    const i = last === "-" ? node.length : Number(last);
    if (!Number.isInteger(i) || i < 0 || i > node.length - (c.op === "add" ? 0 : 1)) throw new Error(`${where}: changes: ${c.path} is not in the version it is based on`);
    if (c.op === "remove") node.splice(i, 1);
    else if (c.op === "add") node.splice(i, 0, c.value);
    else node[i] = c.value;
    return;
  }
  const obj = node as Record<string, unknown>;
  // replace of a missing field sets it (so a fault in the other file is reported there, not here)
  if (c.op === "remove" && !(last in obj)) throw new Error(`${where}: changes: ${c.path} is not in the version it is based on`);
  if (c.op === "remove") delete obj[last];
  else obj[last] = c.value;
}

/**
 * A version written as its changes from another of the same jurisdiction (the 2025 draft from the
 * final): the other's file, with the changes applied and this file's own fields over it. The result
 * is checked like any version (its quotes against its own text).
 */
function applyBases(versions: { path: string; doc: PolicyDoc }[]): void {
  for (const v of versions) {
    const d = v.doc as PolicyDoc & { basedOn?: string; changes?: Change[] };
    if (d.basedOn === undefined) continue;
    const dir = v.path.split("/")[0];
    const base = versions.find((x) => x.path.split("/")[0] === dir && String(x.doc.version) === String(d.basedOn) && !(x.doc as { basedOn?: string }).basedOn);
    if (!base) throw new Error(`policies/${v.path}: basedOn: policies/${dir}/ has no version "${d.basedOn}" written in full`);
    const out = JSON.parse(JSON.stringify(base.doc)) as Record<string, unknown>; // plain YAML data (no structuredClone in every host)
    delete out.quotes;
    for (const c of d.changes ?? []) applyChange(out, c, `policies/${v.path}`);
    const { basedOn: _b, changes: _c, ...own } = d;
    v.doc = { ...out, ...own } as PolicyDoc;
  }
}

/**
 * The names a version gives its programmes (name, nameEn, aliases) become names of their types, so
 * that a formula and a table row may use any of them; a name another type already has is refused.
 */
function addProgrammeNames(owner: Map<string, ProgrammeType>, version: PolicyVersion, path: string): void {
  for (const p of version.programmes) {
    const mine = owner.get(normalizeText(p.id))!;
    for (const n of [p.name, p.nameEn, ...p.aliases]) {
      const t = owner.get(normalizeText(n));
      if (t && t !== mine) throw new Error(`policies/${path}: programme "${p.id}": the name "${n}" is already the programme type ${t.id} (${t.name}); give another`);
      if (!t) {
        mine.names.push(n);
        owner.set(normalizeText(n), mine);
      }
    }
  }
}

/** Each programme type by every name it goes by (normalized): its id, names and the names versions add. */
function namesOfTypes(types: ProgrammeType[]): Map<string, ProgrammeType> {
  const owner = new Map<string, ProgrammeType>();
  for (const t of types) for (const n of [t.id, t.name, t.nameEn, ...t.names]) owner.set(normalizeText(n), t);
  return owner;
}

function buildVersion(doc: PolicyDoc, path: string, types: Map<string, ProgrammeType>): PolicyVersion {
  const where = `policies/${path}`;
  const source = doc.source;
  const clauses = buildClauses(doc, types, where);
  const programmes = clauses.flatMap((c) => (c.programme ? [c.programme] : []));
  const pools: Pool[] = (doc.pools ?? []).map((p) => ({ id: p.id, name: p.name, clause: p.clause, amount: citeAmount(p.amount, source) }));
  let inForce: PolicyVersion["inForce"] = null;
  if (doc.inForce) {
    const rep = doc.inForce.repealedBy;
    let to = doc.inForce.to;
    if (rep) {
      const dayBefore = new Date(Date.parse(`${rep.on}T00:00:00Z`) - 86400000).toISOString().slice(0, 10);
      if (dayBefore < to) to = dayBefore;
    }
    if (doc.inForce.from > to) throw new Error(`${where}: inForce: from ${doc.inForce.from} is after to ${to}`);
    inForce = {
      from: doc.inForce.from,
      to,
      quote: doc.inForce.quote,
      assumption: noteOf(doc.inForce.assumption, doc.inForce.assumptionZh),
      repealedBy: rep && { version: rep.version, on: rep.on, quote: rep.quote },
    };
  }
  return {
    key: `${doc.jurisdiction}@${doc.version}`,
    file: path,
    jurisdiction: doc.jurisdiction,
    version: doc.version,
    title: doc.title,
    titleEn: doc.titleEn,
    clauseLabel: doc.clauseLabel,
    issuer: doc.issuer,
    documentNumber: doc.documentNumber ?? null,
    status: doc.status,
    source,
    issued: doc.issued,
    inForce,
    commencement: doc.commencement,
    assumptions: (doc.assumptions ?? []).map((a) => ({ id: a.id, text: noteOf(a.text, a.textZh)! })),
    nonDuplication: doc.nonDuplication,
    topUp: doc.topUp,
    pools,
    limits: buildLimits(doc.limits, source, where),
    programmes,
    clauses,
  };
}

/** Sort key: versions in force by start date; drafts never in force after the version they draft. */
function versionOrder(v: PolicyVersion): string {
  return v.inForce?.from ?? v.issued ?? `${v.version.replace(/[^0-9].*$/, "") || "9999"}-00`;
}

/** The jurisdictions, their versions and the programme types, built from the policy files. */
export class PolicyRegistry {
  readonly jurisdictions: ReadonlyMap<string, Jurisdiction>;
  readonly programmeTypes: readonly ProgrammeType[];
  /** The policy files it was built from, as read: what a result can be traced back to (and hashed). */
  readonly files: readonly PolicyFile[];

  private constructor(jurisdictions: Map<string, Jurisdiction>, types: ProgrammeType[], files: readonly PolicyFile[]) {
    this.jurisdictions = jurisdictions;
    this.programmeTypes = types;
    this.files = files;
  }

  /** Builds the registry from files already validated (see validate.ts); throws on an inconsistency. */
  static fromFiles(files: PolicyFile[]): PolicyRegistry {
    const parsed = parsePolicyFiles(files);
    if (!parsed.programmes) throw new Error("policies/programmes.yaml is missing");
    const types = parsed.programmes.doc.map((t) => ({ id: t.id, name: t.name, nameEn: t.nameEn, names: [...t.names] }));
    const typeMap = new Map(types.map((t) => [t.id, t]));
    const owner = namesOfTypes(types);
    const jurisdictions = new Map<string, Jurisdiction>();
    for (const { path, doc } of parsed.jurisdictions) {
      const dir = path.split("/")[0];
      if (doc.id !== dir) throw new Error(`policies/${path}: id "${doc.id}" does not match its folder "${dir}"`);
      jurisdictions.set(doc.id, { id: doc.id, name: doc.name, nameEn: doc.nameEn, names: doc.names, versions: [] });
    }
    for (const { path, doc } of parsed.versions) {
      const j = jurisdictions.get(doc.jurisdiction);
      if (!j) throw new Error(`policies/${path}: jurisdiction "${doc.jurisdiction}" has no policies/${doc.jurisdiction}/jurisdiction.yaml`);
      const dir = path.split("/")[0];
      if (doc.jurisdiction !== dir) throw new Error(`policies/${path}: jurisdiction "${doc.jurisdiction}" does not match its folder "${dir}"`);
      if (j.versions.some((v) => v.version === doc.version)) {
        throw new Error(`policies/${path}: version "${doc.version}" of ${doc.jurisdiction} is defined twice`);
      }
      j.versions.push(buildVersion(doc, path, typeMap));
      addProgrammeNames(owner, j.versions[j.versions.length - 1], path);
    }
    for (const j of jurisdictions.values()) {
      j.versions.sort((a, b) => (versionOrder(a) < versionOrder(b) ? -1 : versionOrder(a) > versionOrder(b) ? 1 : 0));
    }
    return new PolicyRegistry(jurisdictions, types, files);
  }

  /**
   * A registry with more versions (what-if variants, see variants.ts) added to their jurisdictions;
   * this one is left as it is.
   */
  withVersions(extra: readonly PolicyVersion[]): PolicyRegistry {
    const jurisdictions = new Map<string, Jurisdiction>();
    for (const [id, j] of this.jurisdictions) jurisdictions.set(id, { ...j, versions: [...j.versions] });
    for (const v of extra) {
      const j = jurisdictions.get(v.jurisdiction);
      if (!j) throw new Error(`version ${v.key}: no jurisdiction "${v.jurisdiction}"`);
      if (j.versions.some((w) => w.version === v.version)) throw new Error(`version ${v.key} is defined twice`);
      j.versions.push(v);
    }
    return new PolicyRegistry(jurisdictions, [...this.programmeTypes], this.files);
  }

  /** Every version of every jurisdiction. */
  allVersions(): PolicyVersion[] {
    return [...this.jurisdictions.values()].flatMap((j) => j.versions);
  }

  /** Every version with its status and window, jurisdiction by jurisdiction, oldest first. */
  listVersions(): VersionSummary[] {
    return [...this.jurisdictions.values()].flatMap((j) => j.versions.map((v) => summarizeVersion(j, v)));
  }
}

/** One line of the list of versions: what `award-model policies` and the task pane show. */
export interface VersionSummary {
  key: string;
  jurisdiction: string;
  jurisdictionName: string;
  version: string;
  title: string;
  titleEn?: string;
  documentNumber: string | null;
  status: "final" | "draft";
  window: { from: string; to: string } | null;
  /** How the window was found (the text, an assumption, a repeal, never in force), in both languages. */
  windowNote: Text;
  programmes: string[];
  /** The version's readings where the text leaves room (its window's first), in both languages. */
  assumptions: Text[];
}

/** How a version's window was found (the text, an assumption, a repeal, never in force, a variant), in both languages. */
function windowNoteOf(v: PolicyVersion): Text {
  if (v.variant) {
    const edits = (sep: string) => v.variant!.edits.map((e) => `${e.field} ${e.from} → ${e.to}`).join(sep);
    return bi(`what-if variant of ${v.variant.base} (${edits("; ")}); not a text: name it or pin it`, `基于 ${v.variant.base} 的假设方案（改动：${edits("；")}），并非原文：请指定或在面板中选用`);
  }
  if (!v.inForce) return bi(v.commencement?.note ?? "never in force; name it explicitly", "从未生效：请明确指定该版本");
  if (v.inForce.assumption) return bi(`assumed: ${v.inForce.assumption.en}`, `有效期为假设：${v.inForce.assumption.zh}`);
  if (v.inForce.repealedBy) return bi(`repealed on ${v.inForce.repealedBy.on} by ${v.inForce.repealedBy.version}`, `${v.inForce.repealedBy.on} 起由 ${v.inForce.repealedBy.version} 废止`);
  return bi(`as the text says: ${v.inForce.quote}`, `原文：${v.inForce.quote}`);
}

export function summarizeVersion(j: Jurisdiction, v: PolicyVersion): VersionSummary {
  return {
    key: v.key,
    jurisdiction: j.id,
    jurisdictionName: j.name,
    version: v.version,
    title: v.title,
    titleEn: v.titleEn,
    documentNumber: v.documentNumber,
    status: v.status,
    window: v.inForce && { from: v.inForce.from, to: v.inForce.to },
    windowNote: windowNoteOf(v),
    programmes: v.programmes.map((p) => p.id),
    assumptions: [...(v.inForce?.assumption ? [v.inForce.assumption] : []), ...v.assumptions.map((a) => a.text)],
  };
}
