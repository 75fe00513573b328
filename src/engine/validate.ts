import Ajv, { type ErrorObject, type ValidateFunction } from "ajv";
import { parseDocument } from "yaml";
import policySchema from "../../policies/schema/policy.schema.json";
import jurisdictionSchema from "../../policies/schema/jurisdiction.schema.json";
import programmesSchema from "../../policies/schema/programmes.schema.json";
import { normalizeText } from "./amount";
import { writtenShows } from "./written";
import { PolicyRegistry, parsePolicyFiles } from "./registry";
import type { PolicyFile } from "./types";

/** One fault in one policy file: the file, the JSON path inside it, and what is wrong. */
export interface PolicyFault { file: string; path: string; message: string }

/**
 * A fault as a message: the file under policies/, or under `dir` (the folder given, by its real
 * path) when one is given.
 */
export function formatFaultIn(f: PolicyFault, dir: string | undefined): string {
  const file = dir ? `${dir.replace(/[\\/]+$/, "")}/${f.file}` : `policies/${f.file}`;
  return `${file}: ${f.path || "/"}: ${f.message.trim()}`;
}

/** A fault of this project's policies/ as a message. */
export const formatFault = (f: PolicyFault): string => formatFaultIn(f, undefined);

/** YAML the loader would read as something else: a tag it does not know (!!js/function, !include) is a fault, not a string. */
function yamlFaults(file: PolicyFile): PolicyFault[] {
  const doc = parseDocument(file.text);
  if (doc.errors.length > 0) return []; // not YAML at all: the loader says so, once
  return doc.warnings
    .filter((w) => w.code === "TAG_RESOLVE_FAILED")
    .map((w) => {
      const line = w.linePos?.[0]?.line;
      return { file: file.path, path: line ? `line ${line}` : "", message: `unknown YAML tag: ${w.message.split("\n")[0]}; policy files use plain YAML (no tags)` };
    });
}

/** Every date-shaped string (YYYY-MM-DD) of a document that names no day of the calendar (2028-02-31). */
function* impossibleDates(node: unknown, path = ""): Generator<{ path: string; value: string }> {
  if (Array.isArray(node)) {
    for (let i = 0; i < node.length; i++) yield* impossibleDates(node[i], `${path}/${i}`);
  } else if (node && typeof node === "object") {
    for (const [k, v] of Object.entries(node)) yield* impossibleDates(v, `${path}/${k}`);
  } else if (typeof node === "string" && /^\d{4}-\d{2}-\d{2}$/.test(node)) {
    const [y, m, d] = node.split("-").map(Number);
    const back = new Date(Date.UTC(y, m - 1, d));
    if (back.getUTCFullYear() !== y || back.getUTCMonth() !== m - 1 || back.getUTCDate() !== d) yield { path, value: node };
  }
}

let validators: { policy: ValidateFunction; jurisdiction: ValidateFunction; programmes: ValidateFunction } | null = null;
function getValidators() {
  if (!validators) {
    const ajv = new Ajv({ allErrors: true, strict: true });
    validators = {
      policy: ajv.compile(policySchema),
      jurisdiction: ajv.compile(jurisdictionSchema),
      programmes: ajv.compile(programmesSchema),
    };
  }
  return validators;
}

function schemaFaults(file: string, errors: ErrorObject[] | null | undefined): PolicyFault[] {
  return (errors ?? []).map((e) => {
    let message = e.message ?? "is invalid";
    if (e.keyword === "additionalProperties") message = `unknown key "${(e.params as { additionalProperty: string }).additionalProperty}"`;
    if (e.keyword === "enum") message += `: ${(e.params as { allowedValues: unknown[] }).allowedValues.join(", ")}`;
    return { file, path: e.instancePath, message };
  });
}

/** Walks a document and yields every object that carries a quote, with its JSON path. */
function* quotedObjects(node: unknown, path = ""): Generator<{ path: string; obj: Record<string, unknown> }> {
  if (Array.isArray(node)) {
    for (let i = 0; i < node.length; i++) yield* quotedObjects(node[i], `${path}/${i}`);
  } else if (node && typeof node === "object") {
    const obj = node as Record<string, unknown>;
    if (typeof obj.quote === "string") yield { path, obj };
    for (const [k, v] of Object.entries(obj)) yield* quotedObjects(v, `${path}/${k}`);
  }
}

/**
 * Checks every policy file: its schema; that every quote occurs, character for character, in the
 * source text it cites; that every number appears in its quote as the text writes it; and that the
 * files fit together (folders, default routes, programme types).
 * @param readText reads a file under policies/ (the source texts), or returns null where it is missing.
 */
export function validatePolicyFiles(files: PolicyFile[], readText: (path: string) => string | null): PolicyFault[] {
  const faults: PolicyFault[] = [];
  for (const file of files) {
    const tags = yamlFaults(file);
    if (tags.length > 0) {
      faults.push(...tags);
      continue;
    }
    try {
      parsePolicyFiles([file], { bases: false });
    } catch (e) {
      faults.push({ file: file.path, path: "", message: (e as Error).message.replace(/^policies\/[^:]+: /, "") });
    }
  }
  if (faults.length > 0) return faults;
  let parsed;
  try {
    parsed = parsePolicyFiles(files); // versions written as changes from another are resolved here
  } catch (e) {
    const m = /^policies\/([^:]+): (.*)$/s.exec((e as Error).message);
    return [m ? { file: m[1], path: "", message: m[2] } : { file: "", path: "", message: (e as Error).message }];
  }
  const v = getValidators();
  if (!parsed.programmes) faults.push({ file: "programmes.yaml", path: "", message: "file is missing" });
  else if (!v.programmes(parsed.programmes.doc)) faults.push(...schemaFaults(parsed.programmes.path, v.programmes.errors));
  for (const { path, doc } of parsed.jurisdictions) {
    if (!v.jurisdiction(doc)) faults.push(...schemaFaults(path, v.jurisdiction.errors));
  }
  for (const { path, doc } of [...parsed.jurisdictions, ...parsed.versions]) {
    for (const d of impossibleDates(doc)) faults.push({ file: path, path: d.path, message: `${d.value} is not a date of the calendar` });
  }
  for (const { path, doc } of parsed.versions) {
    if (!v.policy(doc)) {
      faults.push(...schemaFaults(path, v.policy.errors));
      continue;
    }
    const texts = new Map<string, string | null>();
    const text = (p: string) => {
      if (!texts.has(p)) texts.set(p, readText(p));
      return texts.get(p) ?? null;
    };
    if (text(doc.source) === null) faults.push({ file: path, path: "/source", message: `source text ${doc.source} not found` });
    for (const { path: at, obj } of quotedObjects(doc)) {
      const source = typeof obj.source === "string" ? obj.source : doc.source;
      const body = text(source);
      const quote = obj.quote as string;
      if (body !== null && !body.includes(quote)) {
        faults.push({ file: path, path: `${at}/quote`, message: `quote does not occur in ${source}: "${quote.slice(0, 60)}${quote.length > 60 ? "…" : ""}"` });
      }
      const shown = typeof obj.written === "string" ? obj.written : typeof obj.value === "string" ? obj.value : typeof obj.amount === "string" ? obj.amount : null;
      if (shown !== null && !normalizeText(quote).includes(normalizeText(shown))) {
        faults.push({ file: path, path: `${at}/value`, message: `"${shown}" does not appear in its quote; set "written" to how the text writes it` });
      }
      if (Array.isArray(obj.subjects)) {
        obj.subjects.forEach((subject, i) => {
          if (typeof subject === "string" && !normalizeText(quote).includes(normalizeText(subject))) {
            faults.push({ file: path, path: `${at}/subjects/${i}`, message: `"${subject}" does not appear in its quote` });
          }
        });
      }
      const stands = typeof obj.value === "string" || typeof obj.value === "number" ? obj.value : typeof obj.amount === "string" ? obj.amount : typeof obj.number === "number" ? obj.number : null;
      if (typeof obj.written === "string" && stands !== null && !writtenShows(obj.written, stands)) {
        faults.push({ file: path, path: `${at}/written`, message: `written "${obj.written}" does not show the number ${stands}: write how the text writes that number` });
      }
      if (typeof obj.value === "number" && typeof obj.written !== "string" && !quote.includes(String(obj.value))) {
        faults.push({ file: path, path: `${at}/value`, message: `${obj.value} does not appear in its quote; set "written"` });
      }
    }
  }
  if (faults.length === 0) {
    try {
      PolicyRegistry.fromFiles(files);
    } catch (e) {
      const m = /^policies\/([^:]+): (?:(\S+): )?(.*)$/s.exec((e as Error).message);
      faults.push(m ? { file: m[1], path: m[2] ? `/${m[2]}` : "", message: m[3] } : { file: "", path: "", message: (e as Error).message });
    }
  }
  return faults;
}
