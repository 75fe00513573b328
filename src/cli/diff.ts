// award-model diff A B: the clauses added, removed and changed from one policy version to another,
// number by number.
import { parseArgs } from "util";
import { AwardError, defaultEngine, diffIn, diffVersions, type VersionDiff } from "../engine";
import type { Io } from "./io";
import { bi, tr, type Lang, type Text } from "../engine/text";
import { clauseLabel, FUNCTION_NAMES } from "../engine/messages";

const show = (v: string | null) => (v === null ? "—" : v);

/** The diff read line by line, in the language; clauses labelled as the text numbers them in Chinese. */
export function formatDiff(both: VersionDiff, lang: Lang = "en", label: (id: string) => string = (id) => id): string {
  const d = diffIn(both, lang);
  const zh = lang === "zh";
  const sep = zh ? "：" : ": ";
  const clause = (verb: Text, c: { id: string; title: string }) => (zh ? `${verb.zh} ${label(c.id)} ${c.title}` : `${verb.en} clause ${c.id} ${c.title}`);
  const out: string[] = [`${d.from} → ${d.to}`];
  for (const p of d.pools) out.push(`${zh ? "修改" : "changed"} ${p.fact}${sep}${show(p.from)} → ${show(p.to)}`);
  for (const c of d.removed) out.push(clause(bi("removed", "删除"), c));
  for (const c of d.added) out.push(clause(bi("added", "新增"), c));
  for (const c of d.changed) {
    out.push(clause(bi("changed", "修改"), c));
    for (const f of c.changes) {
      if (f.from === null) out.push(`  + ${f.fact}${sep}${show(f.to)}`);
      else if (f.to === null) out.push(`  - ${f.fact}${sep}${show(f.from)}`);
      else out.push(`  ~ ${f.fact}${sep}${show(f.from)} → ${show(f.to)}`);
    }
  }
  const n = d.changed.reduce((s, c) => s + c.changes.length, 0);
  out.push(zh
    ? `新增 ${d.added.length} 条，删除 ${d.removed.length} 条，修改 ${d.changed.length} 条（${n} 处不同），未变 ${d.unchanged.length} 条`
    : `${d.added.length} added, ${d.removed.length} removed, ${d.changed.length} changed (${n} differences), ${d.unchanged.length} unchanged`);
  return `${out.join("\n")}\n`;
}

/** Returns the exit status: 0 when the versions are the same, 1 when they differ, 2 for a usage error. */
export function diffCommand(args: string[], io: Io, usageError: (m: string) => Error, lang: Lang = "en"): number {
  const { values, positionals } = parseArgs({ args, options: { json: { type: "boolean", default: false } }, allowPositionals: true });
  if (positionals.length !== 2) {
    throw usageError(tr(bi("diff takes two versions, e.g. hangzhou-binjiang@2025-draft hangzhou-binjiang@2025", "diff 需要两个版本，例如 hangzhou-binjiang@2025-draft hangzhou-binjiang@2025"), lang));
  }
  const engine = defaultEngine();
  const year = new Date().getFullYear();
  let d: VersionDiff;
  let labelOf: (id: string) => string = (id) => id;
  try {
    const [a, b] = positionals.map((p) => engine.resolver.resolve(p, year).version);
    if (a.jurisdiction !== b.jurisdiction) {
      throw usageError(tr(bi(
        `diff compares two versions of one jurisdiction; ${a.key} and ${b.key} are different jurisdictions (compare them clause by clause with ${FUNCTION_NAMES.CLAUSES.en})`,
        `diff 比较同一地区的两个版本；${a.key} 与 ${b.key} 属于不同地区（请用 ${FUNCTION_NAMES.CLAUSES.zh} 逐条比较）`), lang));
    }
    d = diffVersions(a, b);
    labelOf = (id) => clauseLabel(b.clauses.some((c) => c.id === id) ? b : a, id, lang);
  } catch (e) {
    if (e instanceof AwardError) {
      io.stderr.write(`award-model: ${e.code} ${e.in(lang)}\n`);
      return 2;
    }
    throw e;
  }
  io.stdout.write(values.json ? `${JSON.stringify(diffIn(d, "en"), null, 2)}\n` : formatDiff(d, lang, labelOf));
  return d.added.length + d.removed.length + d.changed.length + d.pools.length > 0 ? 1 : 0;
}
