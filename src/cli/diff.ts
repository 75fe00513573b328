// award-model diff A B: the clauses added, removed and changed from one policy version to another,
// number by number.
import { parseArgs } from "util";
import { AwardError, defaultEngine, diffVersions, type VersionDiff } from "../engine";
import type { Io } from "./main";

export const DIFF_USAGE = `  award-model diff [--json] A B                     clauses added, removed and changed from version A to version B,
                                                    e.g. hangzhou-binjiang@2025-draft hangzhou-binjiang@2025`;

const show = (v: string | null) => (v === null ? "—" : v);

export function formatDiff(d: VersionDiff): string {
  const out: string[] = [`${d.from} → ${d.to}`];
  for (const p of d.pools) out.push(`changed ${p.fact}: ${show(p.from)} → ${show(p.to)}`);
  for (const c of d.removed) out.push(`removed clause ${c.id} ${c.title}`);
  for (const c of d.added) out.push(`added clause ${c.id} ${c.title}`);
  for (const c of d.changed) {
    out.push(`changed clause ${c.id} ${c.title}`);
    for (const f of c.changes) {
      if (f.from === null) out.push(`  + ${f.fact}: ${f.to}`);
      else if (f.to === null) out.push(`  - ${f.fact}: ${f.from}`);
      else out.push(`  ~ ${f.fact}: ${f.from} → ${f.to}`);
    }
  }
  const n = d.changed.reduce((s, c) => s + c.changes.length, 0);
  out.push(`${d.added.length} added, ${d.removed.length} removed, ${d.changed.length} changed (${n} differences), ${d.unchanged.length} unchanged`);
  return `${out.join("\n")}\n`;
}

/** Returns the exit status: 0 when the versions are the same, 1 when they differ, 2 for a usage error. */
export function diffCommand(args: string[], io: Io, usageError: (m: string) => Error): number {
  const { values, positionals } = parseArgs({ args, options: { json: { type: "boolean", default: false } }, allowPositionals: true });
  if (positionals.length !== 2) throw usageError("diff takes two versions, e.g. hangzhou-binjiang@2025-draft hangzhou-binjiang@2025");
  const engine = defaultEngine();
  const year = new Date().getFullYear();
  let d: VersionDiff;
  try {
    const [a, b] = positionals.map((p) => engine.resolver.resolve(p, year).version);
    if (a.jurisdiction !== b.jurisdiction) {
      throw usageError(`diff compares two versions of one jurisdiction; ${a.key} and ${b.key} are different jurisdictions (compare them clause by clause with AWARD.CLAUSES)`);
    }
    d = diffVersions(a, b);
  } catch (e) {
    if (e instanceof AwardError) {
      io.stderr.write(`award-model: ${e.code} ${e.message}\n`);
      return 2;
    }
    throw e;
  }
  io.stdout.write(values.json ? `${JSON.stringify(d, null, 2)}\n` : formatDiff(d));
  return d.added.length + d.removed.length + d.changed.length + d.pools.length > 0 ? 1 : 0;
}
