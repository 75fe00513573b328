// Committed against each pool of a version: the programme pools (算力券 1亿 …) and the
// measure-wide limit ("total", which every commitment counts against).
import Decimal from "decimal.js";
import type { Engine, PolicyVersion } from "../../engine";
import type { BudgetEntry } from "../../workbook/state";
import { fundExhaustion, type Exhaustion } from "./exhaustion";

const TOTAL = new Set(["total", "all", "measure", "总额", "总计", "全部", "合计", "本措施"]);

export interface PoolRow { id: string; label: string; limit: Decimal; count: number; result: Exhaustion }

/** The pool an entry names, as a programme id or "total"; throws naming the line when it names none. */
export function poolOf(engine: Engine, version: PolicyVersion, name: string, line: number): string {
  if (TOTAL.has(name.normalize("NFKC").trim().toLowerCase())) return "total";
  try {
    return engine.resolver.findProgramme(version, name).programme.id;
  } catch (e) {
    throw new Error(`line ${line}: pool "${name}": ${(e as Error).message}`);
  }
}

/** The entries that count against a pool: "total" takes them all; a programme, those naming it (or none, when it is the chosen one). */
export function entriesFor(engine: Engine, version: PolicyVersion, entries: readonly BudgetEntry[], pool: string, chosen: string): BudgetEntry[] {
  if (pool === "total") return [...entries];
  return entries.filter((e, i) => (e.pool ? poolOf(engine, version, e.pool, i + 1) : chosen) === pool);
}

/** One row per pool that has commitments (and the chosen pool), with its limit and exhaustion. */
export function poolRows(engine: Engine, spec: string, year: number, entries: readonly BudgetEntry[], chosenInput: string): PoolRow[] {
  const version = engine.version(spec, null, year);
  const chosen = poolOf(engine, version, chosenInput, 0);
  const named = new Set(entries.map((e, i) => (e.pool ? poolOf(engine, version, e.pool, i + 1) : chosen)));
  const rows: PoolRow[] = [];
  const candidates = [
    ...version.programmes.filter((p) => p.pool).map((p) => ({ id: p.id, label: `${p.name} ${p.id}`, limit: p.pool!.value })),
    ...(version.pools.length ? [{ id: "total", label: `${version.pools[0].name} total`, limit: (version.pools.find((p) => p.id === "total") ?? version.pools[0]).amount.value }] : []),
  ];
  for (const c of candidates) {
    const mine = entriesFor(engine, version, entries, c.id, chosen);
    if (c.id !== chosen && (c.id === "total" ? entries.length === 0 : !named.has(c.id))) continue;
    rows.push({ ...c, count: mine.length, result: fundExhaustion(c.limit, mine) });
  }
  return rows;
}
