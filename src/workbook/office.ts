// The workbook inside Excel: the ONLY code of the add-in that calls Office (settings, Excel.run).
//
// The pane's state lives in the document settings (Office.context.document.settings), one key
// holding JSON, written with saveAsync. Why settings and not a custom XML part: the state is a
// few KB of JSON that only this add-in reads; settings are loaded with the document, so the
// policy year is there synchronously when Excel first calls an AWARD function (a custom XML
// part needs an async read and an XML encoding for the same data), and they are saved in the
// .xlsx, so they survive closing and reopening.
/* global Office, Excel */
import { sheetCells, titleCell, type CellValue, type ChartSpec, type SheetTable, type WorkbookHost } from "./host";
import { columnName } from "./memory";
import { readSettings, writeState, type Unreadable, type WorkbookState } from "./state";

export const SETTINGS_KEY = "award-model.pane";
/** Where a settings value that could not be read is kept, untouched, until the user chooses. */
export const BACKUP_KEY = "award-model.pane.unreadable";

export class OfficeWorkbook implements WorkbookHost {
  readonly kind = "excel" as const;

  async load(): Promise<WorkbookState> {
    return (await this.loadSettings()).state;
  }

  async loadSettings(): Promise<{ state: WorkbookState; unreadable: Unreadable | null }> {
    return readSettings(Office.context.document.settings.get(SETTINGS_KEY));
  }

  keepAside(raw: string): Promise<void> {
    Office.context.document.settings.set(BACKUP_KEY, raw);
    return saveSettings();
  }

  save(state: WorkbookState): Promise<void> {
    const text = writeState(state); // throws past the size limit: nothing is set
    Office.context.document.settings.set(SETTINGS_KEY, text);
    return saveSettings();
  }

  recalculate(): Promise<void> {
    // AWARD functions are not volatile: without this Excel keeps their old answers after the
    // policy year, a pin or a variant changes. Full = mark every cell dirty and recalculate.
    return Excel.run(async (context) => {
      context.workbook.application.calculate(Excel.CalculationType.full);
      await context.sync();
    });
  }

  insertTable(table: SheetTable): Promise<string> {
    return Excel.run(async (context) => (await writeTable(context, table)).address);
  }

  readSelection(): Promise<{ address: string; values: CellValue[][] }> {
    return Excel.run(async (context) => {
      const range = context.workbook.getSelectedRange();
      range.load("address, values");
      await context.sync();
      return { address: range.address, values: range.values as CellValue[][] };
    });
  }

  insertChart(chart: ChartSpec): Promise<string> {
    return Excel.run(async (context) => {
      const { sheet, address, first, last } = await writeTable(context, chart);
      const n = chart.rows.length;
      // x axis = first column; series = the listed columns (contiguous block after it)
      const lo = Math.min(...chart.series);
      const hi = Math.max(...chart.series);
      const data = sheet.getRange(`${columnName(lo)}${first}:${columnName(hi)}${last}`);
      const c = sheet.charts.add(Excel.ChartType.line, data, Excel.ChartSeriesBy.columns);
      c.title.text = chart.chartTitle;
      c.series.getItemAt(0).setXAxisValues(sheet.getRange(`A${first + 1}:A${first + n}`));
      c.setPosition(`${columnName(chart.header.length + 1)}3`);
      await context.sync();
      return address;
    });
  }
}

function saveSettings(): Promise<void> {
  return new Promise((resolve, reject) => {
    Office.context.document.settings.saveAsync((result) => {
      if (result.status === Office.AsyncResultStatus.Failed) reject(new Error(`the workbook settings could not be saved: ${result.error?.message ?? "unknown error"}`));
      else resolve();
    });
  });
}

/** Adds a sheet (a fresh name), writes title, header and rows (formulas as formulas), formats it as a table. */
async function writeTable(context: Excel.RequestContext, table: SheetTable) {
  const sheets = context.workbook.worksheets;
  sheets.load("items"); // (every sheet with its name)
  await context.sync();
  const taken = new Set(sheets.items.map((s) => s.name));
  let name = table.sheet.slice(0, 28);
  for (let i = 2; taken.has(name); i++) name = `${table.sheet.slice(0, 26)} ${i}`;
  const sheet = sheets.add(name);
  sheet.getRange("A1").formulas = [[titleCell(table.title)]];
  sheet.getRange("A1").format.font.bold = true;
  const first = 3;
  const last = first + table.rows.length;
  const lastCol = columnName(table.header.length - 1);
  const address = `A${first}:${lastCol}${last}`;
  sheet.getRange(address).formulas = sheetCells(table) as unknown as string[][];
  const t = sheet.tables.add(address, true);
  t.style = "TableStyleMedium2";
  table.formats.forEach((f, i) => {
    if (f) sheet.getRange(`${columnName(i)}${first + 1}:${columnName(i)}${last}`).numberFormat = table.rows.map(() => [f]);
  });
  sheet.getRange(address).format.autofitColumns();
  sheet.activate();
  await context.sync();
  return { sheet, address: `'${name}'!${address}`, first, last };
}

/**
 * Waits for office.js: the host ("Excel") and Office's display language, or a null host in a
 * plain browser (preview mode), where office.js may be absent or never report a host.
 */
export function officeReady(): Promise<{ host: string | null; displayLanguage: string | null }> {
  if (typeof Office === "undefined" || typeof Office.onReady !== "function") return Promise.resolve({ host: null, displayLanguage: null });
  return new Promise((resolve) => {
    Office.onReady((info) => {
      const host = info && info.host ? String(info.host) : null;
      if (!host) quietOutsideOffice();
      resolve({ host, displayLanguage: host && Office.context ? Office.context.displayLanguage ?? null : null });
    });
  });
}

/**
 * Outside Office (preview in a plain browser) office.js has no host to talk to, yet 3 s after
 * loading it opens Microsoft's telemetry frame (telemetryservice.firstpartyapps.oaspapps.com).
 * A preview has nothing to report and must not call out of localhost: the frame is not loaded.
 * Inside Office nothing is changed.
 */
function quietOutsideOffice(): void {
  const endpoint = (window as unknown as { OSF?: { Logger?: { ulsEndpoint?: { loadProxyFrame?: () => void } } } }).OSF?.Logger?.ulsEndpoint;
  if (endpoint && typeof endpoint.loadProxyFrame === "function") endpoint.loadProxyFrame = () => undefined;
}
