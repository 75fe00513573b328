// What the pane needs from a workbook. Two implementations: OfficeWorkbook (Excel, office.ts) and
// MemoryWorkbook (preview in a plain browser, tests; memory.ts).
import type { Unreadable, WorkbookState } from "./state";

export type CellValue = string | number | boolean;

/**
 * A table to write: header and rows. Only the add-in's own formulas are written as formulas: the
 * strings starting with "=" in `formulaColumns`. Every other cell is written as a value, and text
 * stays text (a label "=HYPERLINK(…)", "+cmd|…", "@SUM(…)" or "-1+1" is shown as typed, never run).
 */
export interface SheetTable {
  /** 0-based columns holding the add-in's own formulas (built by the pane, never typed by a user) */
  formulaColumns?: readonly number[];
  /** name of the new worksheet, e.g. "AWARD scenarios" (made unique if taken) */
  sheet: string;
  title: string;
  header: string[];
  rows: CellValue[][];
  /** Excel number format per column, e.g. "#,##0.00", "0%"; "" leaves the column as it is */
  formats: string[];
}

/** A line chart of columns of a table: x = first column, one series per other listed column. */
export interface ChartSpec extends SheetTable {
  chartTitle: string;
  /** 0-based columns plotted as series (the first column is the x axis) */
  series: number[];
}

export interface WorkbookHost {
  /** "excel" inside Excel, "preview" in a plain browser */
  readonly kind: "excel" | "preview";
  load(): Promise<WorkbookState>;
  /** The saved state, and the saved value itself where it could not be read (to keep aside). */
  loadSettings(): Promise<{ state: WorkbookState; unreadable: Unreadable | null }>;
  /** Copies a value that could not be read, untouched, to a backup key of its own. */
  keepAside(raw: string): Promise<void>;
  /** Saves the state (writeState: kept items written back; refused past the size limit). */
  save(state: WorkbookState): Promise<void>;
  /** Recalculates every formula (AWARD functions are not volatile: Excel would not redo them). */
  recalculate(): Promise<void>;
  /** Writes a table on a new sheet; returns where, e.g. "'AWARD scenarios'!A3:H6". */
  insertTable(table: SheetTable): Promise<string>;
  /** The values of the selected cells (an applications table: date, amount[, label]), with its address. */
  readSelection(): Promise<{ address: string; values: CellValue[][] }>;
  /** Writes the table on a new sheet and adds a native line chart of it; returns where. */
  insertChart(chart: ChartSpec): Promise<string>;
}

/**
 * What is written into the cells' `formulas`: a formula of the add-in where formulaColumns allows
 * it; any other text behind Excel's quote prefix ('), which keeps it text (not a formula, number,
 * date or boolean); numbers and booleans as they are.
 */
export function sheetCells(table: SheetTable): (string | number | boolean)[][] {
  const own = new Set(table.formulaColumns ?? []);
  const text = (v: CellValue) => (typeof v === "string" ? (v === "" ? "" : `'${v}`) : v);
  return [
    table.header.map(text),
    ...table.rows.map((row) => row.map((v, i) => (own.has(i) && typeof v === "string" && v.startsWith("=") ? v : text(v)))),
  ];
}

/** The title cell: text, never a formula. */
export const titleCell = (title: string): string => (title === "" ? "" : `'${title}`);
