// A pipeline: the applications a budget office expects. The applications table's columns (read by
// budget/table.ts, so a plain applications table is a pipeline without uncertainty), plus optional
//   probability/概率   the chance the application comes (0–1, default 1),
//   low/最低, high/最高 the range of its amount, the amount column being the most likely value,
//   count/数量         the expected number of such applications (drawn from a Poisson distribution),
//   from/从, to/至     the dates between which it arrives (uniform).
import Decimal from "decimal.js";
import { normalizeText, parseAmount } from "../amount";
import { AwardError, invalidValue } from "../errors";
import { parseDate, serialToISO } from "../budget/dates";
import { headerUnit, readHeader, readRow, type Application, type BadRow } from "../budget/table";
import { bi, type Text } from "../text";

export type PipelineColumn = "probability" | "low" | "high" | "count" | "from" | "to";

export const PIPELINE_HEADER_NAMES: Readonly<Record<PipelineColumn, readonly string[]>> = {
  probability: ["probability", "chance", "likelihood", "prob", "概率", "可能性", "申报概率"],
  low: ["low", "min", "minimum", "amount low", "最低", "最低金额", "下限"],
  high: ["high", "max", "maximum", "amount high", "最高", "最高金额", "上限"],
  count: ["count", "expected count", "number", "expected number", "数量", "预计数量", "件数"],
  from: ["from", "earliest", "start", "from date", "从", "最早", "起始日期"],
  to: ["to", "latest", "end", "to date", "至", "最晚", "截止日期"],
};

const LOOKUP = new Map<string, PipelineColumn>();
for (const [col, names] of Object.entries(PIPELINE_HEADER_NAMES) as [PipelineColumn, readonly string[]][]) {
  for (const n of names) LOOKUP.set(normalizeText(n).replace(/[_-]/g, ""), col);
}

function pipelineColumn(cell: unknown): PipelineColumn | null {
  if (typeof cell !== "string") return null;
  return LOOKUP.get(normalizeText(cell).replace(/[_-]/g, "").replace(/[（(].*[)）]$/, "")) ?? null;
}

/** One row of a pipeline: the application as the table gives it, and how uncertain it is. */
export interface PipelineRow {
  app: Application;
  /** Chance each application of the row comes (1: certain). */
  probability: number;
  /** Expected number of such applications (Poisson), or null for exactly one. */
  count: number | null;
  /** The amount's range in 元 (mode = the amount column), or null where the amount is fixed. */
  range: { low: number; mode: number; high: number } | null;
  /** Serial dates between which it arrives, or null where its date (or year) is fixed. */
  window: { from: number; to: number } | null;
  /** The year column was given: the award year does not follow the drawn date. */
  fixedYear: boolean;
}

export interface Pipeline {
  rows: PipelineRow[];
  bad: BadRow[];
  /** Rows the table had, blank ones included (for messages). */
  size: number;
  /** Whether any row is uncertain (a pipeline without uncertainty is an applications table). */
  uncertain: boolean;
}

const isBlank = (c: unknown) => c === null || c === undefined || (typeof c === "string" && c.trim() === "");

function readNumber(cell: unknown, what: Text, min: number, max: number): number {
  const t = typeof cell === "string" ? cell.normalize("NFKC").trim() : cell;
  const pct = typeof t === "string" ? /^(\d+(?:\.\d+)?)%$/.exec(t) : null;
  const n = pct ? Number(pct[1]) / 100 : typeof t === "number" ? t : typeof t === "string" && /^\d+(\.\d+)?$/.test(t) ? Number(t) : NaN;
  if (!Number.isFinite(n) || n < min || n > max) {
    throw invalidValue(bi(`${what.en} "${String(cell)}" is not a number from ${min} to ${max}.`, `${what.zh}“${String(cell)}”不是 ${min} 至 ${max} 之间的数。`));
  }
  return n;
}

const MAX_COUNT = 100000;

/** The extra columns of one row, checked; throws naming what is wrong. */
function readExtras(cols: Map<PipelineColumn, number>, units: Map<PipelineColumn, Decimal>, row: readonly unknown[], app: Application): Omit<PipelineRow, "app" | "fixedYear"> {
  const get = (c: PipelineColumn) => (cols.has(c) ? row[cols.get(c)!] : undefined);
  const probability = isBlank(get("probability")) ? 1 : readNumber(get("probability"), bi("probability (概率)", "概率 (probability)"), 0, 1);
  const count = isBlank(get("count")) ? null : readNumber(get("count"), bi("count (数量)", "数量 (count)"), 0, MAX_COUNT);
  const amountOf = (c: "low" | "high", en: string, zh: string) => {
    const v = get(c);
    if (isBlank(v)) return null;
    const unit = units.get(c);
    const d = parseAmount(v, `${en} (${zh})`);
    return (unit ? d.times(unit) : d).toNumber();
  };
  const low = amountOf("low", "low", "最低");
  const high = amountOf("high", "high", "最高");
  let range: PipelineRow["range"] = null;
  if (low !== null || high !== null) {
    if (low === null || high === null) throw invalidValue(bi("give both low (最低) and high (最高), or neither.", "最低 (low) 与 最高 (high) 须同时填写或同时留空。"));
    const mode = app.amount === null ? (low + high) / 2 : parseAmount(app.amount, "amount (金额)").toNumber();
    if (!(low <= mode && mode <= high)) {
      throw invalidValue(bi(`the amount ${mode} must lie between low ${low} and high ${high}: the amount column is the most likely value.`, `金额 ${mode} 须在最低 ${low} 与最高 ${high} 之间：金额列为最可能的值。`));
    }
    range = { low, mode, high };
  }
  const fromCell = get("from");
  const toCell = get("to");
  let window: PipelineRow["window"] = null;
  if (!isBlank(fromCell) || !isBlank(toCell)) {
    if (isBlank(fromCell) || isBlank(toCell)) throw invalidValue(bi("give both from (从) and to (至), or neither.", "从 (from) 与 至 (to) 须同时填写或同时留空。"));
    if (app.date !== null) throw invalidValue(bi("give a date (日期) or from/to (从/至), not both.", "日期 (date) 与 从/至 (from/to) 只能填写其一。"));
    const from = parseDate(fromCell, "from (从)");
    const to = parseDate(toCell, "to (至)");
    if (to < from) throw invalidValue(bi(`to (至) ${serialToISO(to)} is before from (从) ${serialToISO(from)}.`, `至 ${serialToISO(to)} 早于 从 ${serialToISO(from)}。`));
    window = { from, to };
  }
  return { probability, count, range, window };
}

/**
 * Reads a pipeline: a header row, then one row per expected application (or kind of application,
 * with a count). Bad rows are returned with their row number and why, never dropped silently.
 */
export function readPipeline(header: readonly unknown[], data: readonly { line: number; cells: readonly unknown[] }[], yearArg: number): Pipeline {
  const columns = readHeader(header);
  const cols = new Map<PipelineColumn, number>();
  const units = new Map<PipelineColumn, Decimal>();
  header.forEach((cell, i) => {
    const c = pipelineColumn(cell);
    if (c && !cols.has(c)) {
      cols.set(c, i);
      if (c === "low" || c === "high") {
        const u = headerUnit(cell);
        if (u) units.set(c, u.factor);
      }
    }
  });
  const yearCol = columns.get("year");
  const rows: PipelineRow[] = [];
  const bad: BadRow[] = [];
  let uncertain = false;
  data.forEach(({ line, cells }, i) => {
    const p = readRow(columns, cells, i, line, yearArg);
    if (p.ok === "blank") return;
    if (p.ok === false) {
      bad.push(p.bad);
      return;
    }
    try {
      const extras = readExtras(cols, units, cells, p.app);
      const row: PipelineRow = { app: p.app, ...extras, fixedYear: yearCol !== undefined && !isBlank(cells[yearCol]) };
      if (row.probability < 1 || row.count !== null || row.range !== null || row.window !== null) uncertain = true;
      rows.push(row);
    } catch (e) {
      if (!(e instanceof AwardError)) throw e;
      bad.push({ index: i, line, error: e });
    }
  });
  return { rows, bad, size: data.length, uncertain };
}

/** A pipeline from a range as Excel passes it: a header row first. */
export function readPipelineRange(range: readonly (readonly unknown[])[], yearArg: number): Pipeline {
  if (range.length === 0) throw invalidValue(bi("the pipeline is empty: give a range with a header row and one row per expected application.", "申报预测表为空：请给出含表头行、每行一项预计申报的区域。"));
  return readPipeline(range[0], range.slice(1).map((cells, i) => ({ line: i + 2, cells })), yearArg);
}
