// Issue 12, finding 8: the output workbook keeps Excel's limits (1,048,576 rows a sheet: traces
// continue on further sheets; 32,767 characters a cell), writes dates as Excel dates with a date
// format and amounts with a number format, names no absolute path of this machine, and is read
// back by programs other than the one that wrote it (exceljs; LibreOffice headless where installed).
import { execFileSync, spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import ExcelJS from "exceljs";
import JSZip from "jszip";
import { budget, defaultEngine } from "../src/engine";
import { tr } from "../src/engine/text";
import { readApplicationFile, writeWorkbook } from "../src/cli/exposure";
import { cellText, EXCEL_MAX_CELL_CHARS, XlsxStreamWriter } from "../src/cli/xlsx-write";

const BIN = path.resolve(__dirname, "../bin/award-model.js");
const DIR = fs.mkdtempSync(path.join(os.tmpdir(), "award-output-"));
afterAll(() => fs.rmSync(DIR, { recursive: true, force: true }));

// 廊坊 item 2 (每年总额不超过1000万元; 一次性50万元): 22 new entrants, the pool runs out on the 20th.
const CSV = ["申请单位,项目,政策,项目类型,路径,金额,日期", ...Array.from({ length: 22 }, (_, i) => `新企业${i + 1},,廊坊,算力券,new-entrant,,2025-02-${String(i + 1).padStart(2, "0")}`)].join("\n");

async function run(maxRows?: number) {
  const input = path.join(DIR, "apps.csv");
  fs.writeFileSync(input, CSV);
  const table = await readApplicationFile(input);
  const cols = budget.readHeader(table.header);
  const parsed = table.rows.map((r, i) => budget.readRow(cols, r.cells, i, r.line, 2025));
  const engine = defaultEngine();
  const result = budget.runPortfolio(engine.resolver, parsed, { method: "fcfs", clauseAward: budget.clauseRowAward(engine), trace: true });
  const out = path.join(DIR, `out-${maxRows ?? "all"}.xlsx`);
  await writeWorkbook(out, result, input, "fcfs", { maxRows });
  return { out, result };
}

test("dates are Excel dates with a date format, amounts numbers with a number format; no absolute path", async () => {
  const { out } = await run();
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(out);
  expect(wb.worksheets.map((w) => w.name)).toEqual(["awards", "pools", "trace", "quotes", "policies"]);
  const awards = wb.getWorksheet("awards")!;
  const row2 = awards.getRow(2);
  expect(row2.getCell(7).value).toEqual(new Date(Date.UTC(2025, 1, 1))); // 2025-02-01, a date, not text
  expect(row2.getCell(7).numFmt).toMatch(/^yyyy\\?-mm\\?-dd$/);
  expect(row2.getCell(10).value).toBe(500000); // 一次性50万元
  expect(row2.getCell(10).numFmt).toBe("#,##0.00");
  expect(awards.getRow(21).getCell(10).value).toBe(500000); // the 20th entrant: 20 × 50万 = 1000万, the pool
  expect(awards.getRow(22).getCell(10).value).toBe(0); // the 21st: the pool is spent
  const pools = wb.getWorksheet("pools")!;
  expect(pools.getRow(2).getCell(9).value).toEqual(new Date(Date.UTC(2025, 1, 20)));
  // every part of the file, unzipped: no path of this machine
  const zip = await JSZip.loadAsync(fs.readFileSync(out));
  for (const name of Object.keys(zip.files)) {
    const text = await zip.files[name].async("string");
    expect(text).not.toContain(DIR);
    expect(text).not.toContain(os.tmpdir());
  }
});

test("past the row limit a sheet continues on another, its header repeated, no row lost", async () => {
  const { out, result } = await run(10);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(out);
  const names = wb.worksheets.map((w) => w.name);
  expect(names.slice(0, 3)).toEqual(["awards", "awards 2", "awards 3"]);
  const traceSheets = wb.worksheets.filter((w) => /^trace( \d+)?$/.test(w.name));
  const steps = result.rows.reduce((n, r) => n + (r.award ? r.award.steps.length + r.steps.length : 0), 0);
  expect(traceSheets.length).toBe(Math.ceil(steps / 9));
  let seen = 0;
  for (const ws of traceSheets) {
    expect(ws.rowCount).toBeLessThanOrEqual(10);
    expect(ws.getRow(1).values).toEqual([undefined, "row", "step", "value", "quote id"]);
    seen += ws.rowCount - 1;
  }
  expect(seen).toBe(steps);
});

test("exposure's traces, made again as they are written, are the traces the run keeps (shared strings and all)", async () => {
  // 廊坊 item 2 (每年总额不超过1000万元): the 21st and 22nd entrants are cut by the pool, the others paid in full.
  const { out: kept } = await run();
  const input = path.join(DIR, "apps.csv");
  const table = await readApplicationFile(input);
  const cols = budget.readHeader(table.header);
  const parsed = table.rows.map((r, i) => budget.readRow(cols, r.cells, i, r.line, 2025));
  const engine = defaultEngine();
  const clauseAward = budget.clauseRowAward(engine);
  const result = budget.runPortfolio(engine.resolver, parsed, { method: "fcfs", clauseAward, trace: true, awardSteps: false });
  expect(result.rows.every((r) => r.award!.steps.length === 0)).toBe(true);
  const again = path.join(DIR, "again.xlsx");
  await writeWorkbook(again, result, input, "fcfs", { ownSteps: (app) => budget.awardTrace(engine.resolver, app, clauseAward), release: true });
  expect(result.rows).toHaveLength(0); // let go once the awards were written
  const sheetValues = async (file: string) => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(file);
    return ["awards", "trace", "quotes"].map((n) => wb.getWorksheet(n)!.getSheetValues().map((r) => JSON.stringify(r)));
  };
  const [a, b] = [await sheetValues(kept), await sheetValues(again)];
  expect(b).toEqual(a);
  const trace = b[1].map((r) => JSON.parse(r ?? "null")).filter(Boolean);
  // the 21st entrant (row 22): 50万元 cut to 0 by the pool, after 20 × 50万 = 1000万
  expect(trace.some((r: unknown[]) => r[1] === 22 && r[2] === "pool" && /^50万元 → 0元: .*first come first served/.test(String(r[3])))).toBe(true);
  // the same step of every entrant is one shared string in the file
  const zip = await JSZip.loadAsync(fs.readFileSync(again));
  const sst = await zip.file("xl/sharedStrings.xml")!.async("string");
  expect(sst.match(/<si><t>version<\/t><\/si>/g)).toHaveLength(1);
});

test("a pool's steps read in Chinese, its label too (廊坊 item 2: 每年总额不超过1000万元)", async () => {
  const { result } = await run();
  const words = (line: number, step: string) => result.rows.find((r) => r.line === line)!.steps.filter((s) => s.step === step).map((s) => tr(s.text!, "zh"));
  expect(words(2, "pool")).toEqual(["算力券（compute）年度资金池 2025，1000万元：全额支付"]);
  // the 21st entrant, after 20 × 50万 = 1000万
  expect(words(22, "pool")).toEqual(["50万元 → 0元：算力券（compute）年度资金池 2025，1000万元：先到先得，资金已由在先申请用完"]);
});

test("a cell keeps at most 32,767 characters, and characters XML cannot carry are dropped", () => {
  expect(cellText("x".repeat(40000)).length).toBeLessThanOrEqual(EXCEL_MAX_CELL_CHARS);
  expect(cellText("x".repeat(40000))).toMatch(/cut at Excel's 32,767 characters a cell\)$/);
  expect(cellText("a\u0001b<c>&\"")).toBe("ab&lt;c&gt;&amp;&quot;");
});

test("long and wide texts go through the byte writer whole: a cell of 32,767 characters, Chinese, many rows", async () => {
  const file = path.join(DIR, "long.xlsx");
  const wb = new XlsxStreamWriter(file);
  const sheet = wb.sheet("long", [{ header: "n", kind: "int" }, { header: "text", kind: "text" }, { header: "元", kind: "yuan" }]);
  const han = "补".repeat(20000); // 3 bytes each in UTF-8: more than the writer's buffer holds at once
  await sheet.addRow([1, "x".repeat(40000), 0.5]);
  await sheet.addRow([2, han, 1234567.89]);
  for (let i = 3; i < 20003; i++) {
    const wait = sheet.addRow([i, `第${i}行 <&>`, i]);
    if (wait) await wait;
  }
  await sheet.end();
  await wb.finish();
  const back = new ExcelJS.Workbook();
  await back.xlsx.readFile(file);
  const ws = back.getWorksheet("long")!;
  expect(String(ws.getRow(2).getCell(2).value)).toHaveLength(EXCEL_MAX_CELL_CHARS);
  expect(ws.getRow(2).getCell(3).value).toBe(0.5);
  expect(ws.getRow(3).getCell(2).value).toBe(han);
  expect(ws.getRow(3).getCell(3).value).toBe(1234567.89);
  expect(ws.rowCount).toBe(20003);
  expect(ws.getRow(20003).values).toEqual([undefined, 20002, "第20002行 <&>", 20002]);
});

const soffice = ["/usr/bin/soffice", "/usr/bin/libreoffice"].find((p) => fs.existsSync(p));
(soffice ? test : test.skip)("LibreOffice headless reads the workbook back: the same awards", async () => {
  const { out } = await run();
  const profile = fs.mkdtempSync(path.join(DIR, "lo-"));
  execFileSync(soffice!, [`-env:UserInstallation=file://${profile}`, "--headless", "--convert-to", "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,true,false,false,-1", "--outdir", DIR, out], { timeout: 120000, stdio: "ignore" });
  // cells as shown (formats applied); -1: every sheet to its own file, named after the sheet
  const awardsCsv = fs.readdirSync(DIR).find((f) => /^out-all-awards\.csv$/.test(f));
  expect(awardsCsv).toBeDefined();
  const lines = fs.readFileSync(path.join(DIR, awardsCsv!), "utf8").trim().split("\n");
  expect(lines[0]).toBe("row,recipient,project,policy,programme,year,date,version,award on its own,award,cut by,error");
  expect(lines[1]).toMatch(/^2,新企业1,,廊坊,算力券:new-entrant,2025,2025-02-01,langfang@2023,"500,000\.00","500,000\.00",,$/);
  expect(lines).toHaveLength(23);
  // the trace sheet, its repeated texts in sharedStrings.xml: read back as text, row by row
  const trace = fs.readFileSync(path.join(DIR, "out-all-trace.csv"), "utf8").trim().split("\n");
  expect(trace[0]).toBe("row,step,value,quote id");
  expect(trace.filter((l) => /^\d+,version,langfang@2023: /.test(l))).toHaveLength(22); // every entrant's first step
  expect(trace.some((l) => /^22,pool,"?50万元 → 0元: .*first come first served/.test(l))).toBe(true);
});
if (!soffice) console.warn("LibreOffice not installed: the read-back test with LibreOffice headless is skipped (apt-get install libreoffice-calc)");
