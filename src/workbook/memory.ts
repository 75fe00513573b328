// The workbook of preview mode (a plain browser, tests): state in memory, tables and charts kept
// as written so the pane can say what Excel would have received.
import type { CellValue, ChartSpec, SheetTable, WorkbookHost } from "./host";
import { EMPTY_STATE, readSettings, writeState, type Unreadable, type WorkbookState } from "./state";

export class MemoryWorkbook implements WorkbookHost {
  readonly kind = "preview" as const;
  private saved: string;
  recalculations = 0;
  readonly tables: SheetTable[] = [];
  readonly charts: ChartSpec[] = [];

  /** the backup key: a saved value that could not be read, kept aside */
  backup: string | null = null;

  /** a state, or the saved settings text itself (tests give text that is not JSON) */
  constructor(initial: WorkbookState | string = EMPTY_STATE) {
    this.saved = typeof initial === "string" ? initial : JSON.stringify(initial);
  }

  /** the settings text as saved */
  get savedText(): string {
    return this.saved;
  }

  async load(): Promise<WorkbookState> {
    return (await this.loadSettings()).state;
  }
  async loadSettings(): Promise<{ state: WorkbookState; unreadable: Unreadable | null }> {
    return readSettings(this.saved);
  }
  async keepAside(raw: string): Promise<void> {
    this.backup = raw;
  }
  async save(state: WorkbookState): Promise<void> {
    this.saved = writeState(state);
  }
  async recalculate(): Promise<void> {
    this.recalculations++;
  }
  /** what "the selected cells" are in preview (tests set it) */
  selection: { address: string; values: CellValue[][] } = { address: "A1", values: [[""]] };
  async readSelection(): Promise<{ address: string; values: CellValue[][] }> {
    return this.selection;
  }
  async insertTable(table: SheetTable): Promise<string> {
    this.tables.push(table);
    return `'${table.sheet}'!A3:${columnName(table.header.length - 1)}${3 + table.rows.length}`;
  }
  async insertChart(chart: ChartSpec): Promise<string> {
    this.charts.push(chart);
    return `'${chart.sheet}'!A3:${columnName(chart.header.length - 1)}${3 + chart.rows.length}`;
  }
}

/** 0 → A, 25 → Z, 26 → AA */
export function columnName(index: number): string {
  let s = "";
  for (let n = index + 1; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}
