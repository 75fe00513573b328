// The workbook layer (src/workbook): OfficeWorkbook against office-addin-mock (settings,
// recalculation, tables and charts through Excel.run), and the session that applies the saved
// policy year, pins and variants to the AWARD functions.
import { OfficeMockObject } from "office-addin-mock";

// office-addin-mock only needs the OfficeApp enum of office-addin-manifest, whose dependencies
// include an ES-module-only package that jest (CommonJS) cannot load.
jest.mock("office-addin-manifest", () => ({
  OfficeApp: { Excel: "excel", OneNote: "onenote", Outlook: "outlook", PowerPoint: "powerpoint", Project: "project", Word: "word" },
}));
import { setDefaultEngine } from "../src/engine";
import { evaluateFormula } from "../src/functions/evaluate";
import { policyYear, setPolicyYearSource } from "../src/functions/policy-year";
import { MemoryWorkbook, columnName } from "../src/workbook/memory";
import { OfficeWorkbook, SETTINGS_KEY } from "../src/workbook/office";
import { WorkbookSession } from "../src/workbook/session";
import { EMPTY_STATE, readState } from "../src/workbook/state";
import { installOffice } from "./helpers/office-settings";

const g = global as unknown as { Office?: unknown; Excel?: unknown };

afterEach(() => {
  setDefaultEngine(null);
  setPolicyYearSource(() => null);
  delete g.Office;
  delete g.Excel;
});

interface FakeRange { address: string; values?: unknown; formulas?: unknown[][]; numberFormat?: unknown; format: { font: { bold?: boolean }; autofitColumns: () => void } }


function installExcel(sheetNames: string[] = ["Sheet1"]) {
  const log = {
    calculate: [] as unknown[],
    added: [] as string[],
    ranges: [] as FakeRange[],
    tables: [] as { address: string; hasHeaders: boolean; style: string }[],
    charts: [] as { type: unknown; source: FakeRange; by: unknown; title: { text: string }; xValues?: FakeRange; position?: string }[],
    activated: [] as string[],
  };
  const makeSheet = (name: string) => ({
    name,
    getRange(address: string): FakeRange {
      const r: FakeRange = { address, format: { font: {}, autofitColumns: () => undefined } };
      log.ranges.push(r);
      return r;
    },
    tables: {
      add(address: string, hasHeaders: boolean) {
        const t = { address, hasHeaders, style: "" };
        log.tables.push(t);
        return t;
      },
    },
    charts: {
      add(type: unknown, source: FakeRange, by: unknown) {
        const c = {
          type, source, by, title: { text: "" } as { text: string }, xValues: undefined as FakeRange | undefined, position: undefined as string | undefined,
          series: { getItemAt: () => ({ setXAxisValues: (r: FakeRange) => void (c.xValues = r) }) },
          setPosition: (p: string) => void (c.position = p),
        };
        log.charts.push(c);
        return c;
      },
    },
    activate: () => void log.activated.push(name),
  });
  const excel = new OfficeMockObject({
    context: {
      workbook: {
        selected: { address: "Sheet1!A1:B2", values: [["Date", "Amount"], [46037, 1000]] },
        getSelectedRange: function (this: { selected: unknown }) {
          return this.selected;
        },
        application: { calculate: (type: unknown) => void log.calculate.push(type) },
        worksheets: {
          items: sheetNames.map((name) => ({ name })),
          add: (name: string) => {
            log.added.push(name);
            return makeSheet(name);
          },
        },
      },
    },
    run: async function (this: { context: unknown }, callback: (context: unknown) => Promise<unknown>) {
      return callback(this.context);
    },
  });
  Object.assign(excel, { CalculationType: { full: "Full", recalculate: "Recalculate" }, ChartType: { line: "Line" }, ChartSeriesBy: { columns: "Columns" } });
  g.Excel = excel;
  return log;
}

describe("OfficeWorkbook (office-addin-mock)", () => {
  test("saves the state as JSON in the document settings with saveAsync, and reads it back", async () => {
    const { store, saves } = installOffice();
    const wb = new OfficeWorkbook();
    expect(await wb.load()).toEqual(EMPTY_STATE);
    const state = { ...EMPTY_STATE, year: 2027, pins: { "hangzhou-binjiang": "2025-draft" } };
    await wb.save(state);
    expect(saves).toHaveLength(1);
    expect(JSON.parse(store[SETTINGS_KEY] as string)).toEqual(state);
    // a reopened workbook: a new OfficeWorkbook over the same settings
    expect(await new OfficeWorkbook().load()).toEqual(state);
  });

  test("a failed saveAsync is an error naming the cause", async () => {
    installOffice({}, true);
    await expect(new OfficeWorkbook().save(EMPTY_STATE)).rejects.toThrow(/could not be saved: read-only workbook/);
  });

  test("recalculate asks Excel for a full calculation", async () => {
    const log = installExcel();
    await new OfficeWorkbook().recalculate();
    expect(log.calculate).toEqual(["Full"]);
  });

  test("readSelection loads the selected range's address and values", async () => {
    installExcel();
    expect(await new OfficeWorkbook().readSelection()).toEqual({ address: "Sheet1!A1:B2", values: [["Date", "Amount"], [46037, 1000]] });
  });

  test("insertTable adds a fresh sheet with the formulas as formulas, as a formatted table", async () => {
    const log = installExcel(["Sheet1", "AWARD scenarios"]);
    const address = await new OfficeWorkbook().insertTable({
      sheet: "AWARD scenarios", title: "Comparison", header: ["Scenario", "Award"],
      rows: [["a", '=AWARD.COMPUTE_VOUCHER("滨江","compute",1)'], ["b", "=B4*2"]], formats: ["", "#,##0.00"], formulaColumns: [1],
    });
    expect(log.added).toEqual(["AWARD scenarios 2"]); // the name was taken
    expect(address).toBe("'AWARD scenarios 2'!A3:B5");
    const body = log.ranges.find((r) => r.address === "A3:B5" && r.formulas)!;
    // text behind Excel's quote prefix (stays text); the add-in's formulas as formulas
    expect(body.formulas).toEqual([["'Scenario", "'Award"], ["'a", '=AWARD.COMPUTE_VOUCHER("滨江","compute",1)'], ["'b", "=B4*2"]]);
    expect(log.tables).toEqual([{ address: "A3:B5", hasHeaders: true, style: "TableStyleMedium2" }]);
    expect(log.ranges.find((r) => r.address === "B4:B5")!.numberFormat).toEqual([["#,##0.00"], ["#,##0.00"]]);
    expect(log.activated).toEqual(["AWARD scenarios 2"]);
  });

  test("insertChart writes the data and adds a native line chart of the listed columns", async () => {
    const log = installExcel();
    await new OfficeWorkbook().insertChart({
      sheet: "AWARD budget", title: "Budget", header: ["Date", "Amount", "Cumulative", "Pool"],
      rows: [["2026-01-15", 1, "=SUM(B$4:B4)", 5], ["2026-02-15", 2, "=SUM(B$4:B5)", 5]], formats: ["yyyy-mm-dd", "", "", ""],
      chartTitle: "Cumulative vs pool", series: [2, 3], formulaColumns: [2],
    });
    expect(log.charts).toHaveLength(1);
    const c = log.charts[0];
    expect(c.type).toBe("Line");
    expect(c.by).toBe("Columns");
    expect(c.source.address).toBe("C3:D5");
    expect(c.xValues!.address).toBe("A4:A5");
    expect(c.title.text).toBe("Cumulative vs pool");
  });
});

test("Insert: hostile labels from the settings are written as text, never as formulas; the add-in's own formulas stay live (finding 5)", async () => {
  const log = installExcel();
  const { comparisonTable } = await import("../src/taskpane/model/compare");
  const hostile = ['=HYPERLINK("http://example.invalid/x","details")', "+cmd|' /C calc'!A0", "@SUM(1+1)*cmd|' /C calc'!A0", "-1+1", "=1+1", "TRUE", "0012", "2026-01-15"];
  const scenarios = hostile.map((label, i) => ({ id: `s${i}`, label, jurisdiction: i === 0 ? '=HYPERLINK("x")' : "hangzhou-binjiang", programme: i === 1 ? "+compute" : "compute", amount: i === 2 ? "=1+1" : "5000万", domestic: true }));
  const table = comparisonTable(scenarios, "s0", { sheet: "AWARD scenarios", title: '=HYPERLINK("http://example.invalid","title")', header: ["=A", "+B", "-C", "@D", "E", "F", "G", "H"] });
  await new OfficeWorkbook().insertTable(table);
  const title = log.ranges.find((r) => r.address === "A1" && r.formulas)!;
  expect(title.formulas).toEqual([['\'=HYPERLINK("http://example.invalid","title")']]);
  const body = log.ranges.find((r) => r.formulas && r.address.startsWith("A3:"))!;
  const cells = body.formulas as unknown[][];
  expect(cells[0]).toEqual(["'=A", "'+B", "'-C", "'@D", "'E", "'F", "'G", "'H"]);
  hostile.forEach((label, i) => {
    const row = cells[i + 1];
    expect(row[0]).toBe(`'${label}`); // the label: text as typed
    expect(row[1]).toBe(`'${scenarios[i].jurisdiction}`);
    expect(row[2]).toBe(`'${scenarios[i].programme}`);
    expect(row[3]).toBe(`'${scenarios[i].amount}`);
    expect(row[4]).toBe(true);
    expect(row[5]).toBe(`=AWARD.COMPUTE_VOUCHER(B${i + 4},C${i + 4},D${i + 4},E${i + 4})`);
    expect(row[6]).toBe(`=AWARD.VERSION(B${i + 4})`);
    expect(row[7]).toBe(`=F${i + 4}-F$4`);
  });
  // every cell that is not the add-in's formula: a value, so no user text starts a formula
  const live = cells.flat().filter((c) => typeof c === "string" && /^[=+\-@]/.test(c));
  expect(live.every((c) => /^=(AWARD\.|F\d)/.test(c as string))).toBe(true);
});

describe("state read back defensively", () => {
  test("garbage, wrong types and unknown fields fall back field by field", () => {
    expect(readState("not json")).toEqual(EMPTY_STATE);
    expect(readState(null)).toEqual(EMPTY_STATE);
    const s = readState(JSON.stringify({ year: "2026", pins: { a: 3, b: "2025" }, scenarios: [{ label: "x", amount: 5 }], baseline: "nope", language: "fr" }));
    expect(s.year).toBeNull();
    expect(s.pins).toEqual({ b: "2025" });
    expect(s.scenarios[0]).toMatchObject({ id: "s1", label: "x", amount: "5", programme: "compute", domestic: false });
    expect(s.baseline).toBeNull();
    expect(s.language).toBeNull();
  });

  test("column names", () => {
    expect([0, 25, 26, 27, 701, 702].map(columnName)).toEqual(["A", "Z", "AA", "AB", "ZZ", "AAA"]);
  });
});

describe("WorkbookSession", () => {
  const voucher = (f: string) => evaluateFormula(f);

  test("the policy year feeds formulas without a year, and changing it recalculates the workbook", async () => {
    const wb = new MemoryWorkbook();
    const session = new WorkbookSession(wb);
    await session.open();
    expect(wb.recalculations).toBe(0); // nothing saved: nothing to redo
    expect(policyYear()).toBe(new Date().getFullYear());
    await session.update((s) => ({ ...s, year: 2024 }));
    expect(policyYear()).toBe(2024);
    expect(wb.recalculations).toBe(1);
    // 2024: the 2023 Binjiang text (in force 2023-05-08 to 2025-06-09) → VERSION says so
    expect(voucher('=AWARD.VERSION("滨江")').value).toBe("hangzhou-binjiang@2023");
    await session.update((s) => ({ ...s, year: 2026 }));
    expect(voucher('=AWARD.VERSION("滨江")').value).toBe("hangzhou-binjiang@2025");
    // scenarios and language do not change what formulas compute: no recalculation
    await session.update((s) => ({ ...s, language: "zh" }));
    expect(wb.recalculations).toBe(2);
  });

  test("a pin makes 滨江 resolve to the pinned version in every formula without @version", async () => {
    const session = new WorkbookSession(new MemoryWorkbook());
    await session.open();
    await session.update((s) => ({ ...s, year: 2026, pins: { "hangzhou-binjiang": "2023" } }));
    // 2023 text: 算力券 ... 最高100万 → 5000万 domestic gives 100万 (cap), not the 2025 text's 2000万
    expect(voucher('=AWARD.COMPUTE_VOUCHER("滨江","compute",50000000,TRUE)').value).toBe(1000000);
    expect(voucher('=AWARD.COMPUTE_VOUCHER("滨江@2025","compute",50000000,TRUE)').value).toBe(20000000);
  });

  test("a variant saved in the workbook is accepted by every AWARD function; a bad one is refused and not saved", async () => {
    const wb = new MemoryWorkbook();
    const session = new WorkbookSession(wb);
    await session.open();
    const variant = { base: "hangzhou-binjiang@2025", name: "draft-40pct", edits: [{ field: "compute.rate", value: "40%" }, { field: "compute.cap", value: "1500万" }] };
    await session.update((s) => ({ ...s, variants: [variant] }));
    // 3000万 × 40% = 1200万 (under the edited 1500万 cap)
    expect(voucher('=AWARD.COMPUTE_VOUCHER("hangzhou-binjiang@2025~draft-40pct","compute",30000000)').value).toBe(12000000);
    await expect(session.update((s) => ({ ...s, variants: [...s.variants, { ...variant, name: "bad", edits: [{ field: "compute.rate", value: "abc" }] }] }))).rejects.toThrow(/not a rate/);
    expect((await wb.load()).variants).toHaveLength(1);
    // reopening the workbook: a new session over the same saved state
    setDefaultEngine(null);
    const again = new WorkbookSession(wb);
    await again.open();
    expect(voucher('=AWARD.COMPUTE_VOUCHER("hangzhou-binjiang@2025~draft-40pct","compute",30000000)').value).toBe(12000000);
  });

  test("changes made at once are applied one after the other, none lost", async () => {
    const wb = new MemoryWorkbook();
    const session = new WorkbookSession(wb);
    await session.open();
    await Promise.all([
      session.update((s) => ({ ...s, year: 2025 })),
      session.update((s) => ({ ...s, pins: { langfang: "2023" } })),
      session.update((s) => ({ ...s, language: "zh" })),
    ]);
    expect(await wb.load()).toMatchObject({ year: 2025, pins: { langfang: "2023" }, language: "zh" });
  });

  test("a saved state that no longer builds opens without its variants and pins, and says why", async () => {
    const wb = new MemoryWorkbook({ ...EMPTY_STATE, year: 2026, pins: { "hangzhou-binjiang": "2019" } });
    const session = new WorkbookSession(wb);
    await session.open();
    expect(session.loadError).toMatch(/no version "2019"/);
    // the saved year differs from the default: cells computed before the pane opened are redone
    expect(wb.recalculations).toBe(1);
    expect(voucher('=AWARD.VERSION("滨江")').value).toBe("hangzhou-binjiang@2025");
  });
});
