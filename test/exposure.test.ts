// award-model exposure on tables written here, as a user runs it: a real process.
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import ExcelJS from "exceljs";

const BIN = path.resolve(__dirname, "../bin/award-model.js");
const DIR = fs.mkdtempSync(path.join(os.tmpdir(), "award-exposure-"));
afterAll(() => fs.rmSync(DIR, { recursive: true, force: true }));
// GBK bytes of the characters the GBK test uses (from Python's gbk codec).
const GBK: Record<string, number[]> = {"位": [206, 187], "券": [200, 175], "单": [181, 165], "型": [208, 205], "政": [213, 254], "料": [193, 207], "日": [200, 213], "期": [198, 218], "江": [189, 173], "滨": [177, 245], "甲": [188, 215], "申": [201, 234], "目": [196, 191], "策": [178, 223], "类": [192, 224], "语": [211, 239], "请": [199, 235], "金": [189, 240], "项": [207, 238], "额": [182, 238]};
function run(args: string[]) {
  const r = spawnSync(process.execPath, [BIN, ...args], { encoding: "utf8", timeout: 120000 });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

// 廊坊 item 2 (每年总额不超过1000万元; 一次性50万元; 每个单位每年最高100万元) and 滨江 2025 （七） (30%, 200万 per company).
const CSV = [
  "申请单位,项目,政策,项目类型,路径,金额,国产,日期,备注",
  ...Array.from({ length: 22 }, (_, i) => `新企业${i + 1},,廊坊,算力券,new-entrant,,,2025-02-${String(i + 1).padStart(2, "0")},落户`),
  "甲,语料,滨江,语料券,,5000000,,2026-03-01,30% = 150万",
  "乙,语料,nowhere,语料券,,5000000,,2026-03-01,bad policy",
  "丙,语料,滨江,语料券,,lots,,2026-03-01,bad amount",
].join("\n");

test("a CSV: per-pool summary, bad rows by row number, exit status 1", () => {
  const file = path.join(DIR, "apps.csv");
  fs.writeFileSync(file, CSV);
  const r = run(["exposure", file, "--json"]);
  expect(r.code).toBe(1);
  expect(r.err).toContain("apps.csv: row 25: #VALUE! unknown jurisdiction \"nowhere\"");
  expect(r.err).toMatch(/apps\.csv: row 26: #VALUE! spend "lots" is not an amount/);
  const s = JSON.parse(r.out);
  expect(s).toMatchObject({ rows: 25, computed: 23, bad: 2, method: "fcfs", awarded: 11500000 });
  expect(s.pools).toEqual([
    { pool: "langfang@2023 compute", year: 2025, limit: 10000000, requested: 11000000, awarded: 10000000, remaining: 0, exhaustion: "2025-02-20", applications: 22 },
    { pool: "hangzhou-binjiang@2025 corpus", year: 2026, limit: 50000000, requested: 1500000, awarded: 1500000, remaining: 48500000, exhaustion: null, applications: 1 },
  ]);
  const plain = run(["exposure", file, "--method", "pro-rata"]);
  expect(plain.out).toMatch(/算力券 \(compute\) annual pool 2025, 1000万元\n {2}version langfang@2023, 22 applications\n {2}requested 11000000\.00 {2}awarded 10000000\.00 {2}limit 10000000\.00 {2}remaining 0\.00\n {2}exhausted on 2025-02-20/);
});

test("an .xlsx in, an .xlsx out: awards, pools, traces, quotes, policy files with their sha256", async () => {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet("申请");
  ws.addRow(["recipient", "project", "policy", "programme", "route", "amount", "domestic", "date", "comment"]);
  ws.addRow(["甲", "P", "hangzhou-binjiang", "compute", null, 30000000, true, new Date(Date.UTC(2026, 2, 1)), "60% = 1800万"]);
  ws.addRow(["甲", "Q", "hangzhou-binjiang", "compute", null, 10000000, true, new Date(Date.UTC(2026, 2, 2)), "600万, 200万 left of 2000万"]);
  ws.addRow(["乙", "R", "guangzhou", "scenario", null, null, null, new Date(Date.UTC(2026, 4, 2)), "第十条 50万"]);
  const input = path.join(DIR, "apps.xlsx");
  await wb.xlsx.writeFile(input);
  const out = path.join(DIR, "out.xlsx");
  const r = run(["exposure", input, "--out", out, "--json"]);
  expect(r.err).toContain("wrote");
  expect(r.code).toBe(0);
  expect(JSON.parse(r.out).awarded).toBe(18000000 + 2000000 + 500000);
  const res = new ExcelJS.Workbook();
  await res.xlsx.readFile(out);
  expect(res.worksheets.map((w) => w.name)).toEqual(["awards", "pools", "trace", "quotes", "policies"]);
  const awards = res.getWorksheet("awards")!;
  expect(awards.getRow(3).values).toEqual(expect.arrayContaining([3, "甲", "Q", "hangzhou-binjiang@2025", 6000000, 2000000, "recipient cap"]));
  const trace = res.getWorksheet("trace")!;
  const steps: string[] = [];
  trace.eachRow((row) => { if (row.getCell(1).value === 3) steps.push(String(row.getCell(2).value)); });
  expect(steps).toEqual(expect.arrayContaining(["version", "rate", "recipient cap", "pool"]));
  const pol = res.getWorksheet("policies")!;
  const hashes: Record<string, string> = {};
  pol.eachRow((row) => { hashes[String(row.getCell(2).value)] = String(row.getCell(3).value); });
  const yaml = fs.readFileSync(path.resolve(__dirname, "../policies/hangzhou-binjiang/2025.yaml"));
  expect(hashes["policies/hangzhou-binjiang/2025.yaml"]).toBe(require("crypto").createHash("sha256").update(yaml).digest("hex"));
  expect(Object.keys(hashes)).toEqual(expect.arrayContaining(["policies/guangzhou/draft.yaml", "policies/texts/guangzhou-draft.txt"]));
});

test("a CSV saved by Excel in Chinese (GBK, not UTF-8) is read too", () => {
  const file = path.join(DIR, "gbk.csv");
  // one application in GBK: 滨江 2025 （七） 30% of 500万 = 150万
  const utf8 = "申请单位,项目,政策,项目类型,金额,日期\n甲,语料,滨江,语料券,5000000,2026-03-01\n";
  const bytes: number[] = [];
  for (const ch of utf8) {
    if (ch.charCodeAt(0) < 128) bytes.push(ch.charCodeAt(0));
    else bytes.push(...GBK[ch]);
  }
  fs.writeFileSync(file, Buffer.from(bytes));
  const r = run(["exposure", file, "--json"]);
  expect(r.code).toBe(0);
  expect(JSON.parse(r.out).awarded).toBe(1500000);
});

test("semicolon- and tab-separated files", () => {
  const semi = path.join(DIR, "semi.csv");
  fs.writeFileSync(semi, "申请单位;项目;政策;项目类型;金额;日期\n甲;语料;滨江;语料券;5000000;2026-03-01\n"); // （七） 30% = 150万
  expect(JSON.parse(run(["exposure", semi, "--json"]).out).awarded).toBe(1500000);
  const tab = path.join(DIR, "tab.csv");
  fs.writeFileSync(tab, "recipient\tpolicy\tprogramme\tamount\tdate\nA\tguangzhou\tscenario\t\t2026-03-01\n"); // 第十条 50万
  expect(JSON.parse(run(["exposure", tab, "--json"]).out).awarded).toBe(500000);
});

test("usage and file errors: a message and exit status 2", () => {
  expect(run(["exposure"]).code).toBe(2);
  const missing = run(["exposure", path.join(DIR, "nope.csv")]);
  expect(missing.code).toBe(2);
  expect(missing.err).toMatch(/nope\.csv: no such file/);
  const txt = path.join(DIR, "apps.txt");
  fs.writeFileSync(txt, "x");
  expect(run(["exposure", txt]).err).toMatch(/give a \.xlsx or \.csv file/);
  const noHeader = path.join(DIR, "noheader.csv");
  fs.writeFileSync(noHeader, "甲,P,滨江,compute,,100,,\n");
  const nh = run(["exposure", noHeader]);
  expect(nh.code).toBe(2);
  expect(nh.err).toMatch(/first row must be a header row/);
  expect(run(["exposure", noHeader, "--method", "lottery"]).err).toMatch(/--method: method "lottery"/);
  expect(run(["exposure", noHeader, "--out", "x.pdf"]).err).toMatch(/must be an \.xlsx file/);
  const broken = path.join(DIR, "broken.xlsx");
  fs.writeFileSync(broken, "not a zip");
  const b = run(["exposure", broken]);
  expect(b.code).toBe(2);
  expect(b.err).toMatch(/not a readable \.xlsx workbook/);
});

test("the examples run as the README walks through them", () => {
  const ex = (f: string, ...more: string[]) => run(["exposure", path.resolve(__dirname, "../examples", f), "--json", ...more]);
  const bj = ex("hangzhou-binjiang-2026.csv");
  expect(bj.code).toBe(1);
  expect(bj.err).toMatch(/row 44: #N\/A hangzhou-binjiang@2025 has no data voucher/);
  expect(JSON.parse(bj.out).pools[0]).toMatchObject({ pool: "hangzhou-binjiang@2025 compute", limit: 100000000, awarded: 100000000, exhaustion: "2026-03-14" });
  const gz = ex("guangzhou-2026.csv", "--method", "pro-rata");
  expect(gz.code).toBe(0);
  expect(JSON.parse(gz.out).pools).toEqual([expect.objectContaining({ pool: "guangzhou@draft total", limit: 500000000, awarded: 500000000, remaining: 0 })]);
  const lf = ex("langfang-2025.xlsx");
  expect(lf.code).toBe(0);
  expect(JSON.parse(lf.out).pools).toEqual([expect.objectContaining({ pool: "langfang@2023 compute", limit: 10000000, awarded: 10000000, exhaustion: "2025-02-15" })]);
});

describe("units in the amount header", () => {
  const { budget } = require("../src/engine") as typeof import("../src/engine");
  test("金额（万元） is read in 万元; a cell with its own unit there, or an unknown unit, is refused", () => {
    const { rows } = budget.readTable([["申请单位", "政策", "项目类型", "金额（万元）"], ["A", "滨江", "算力券", 200], ["B", "滨江", "算力券", "200万"]], 2026);
    expect(rows[0]).toMatchObject({ ok: true, app: { amount: "2000000" } }); // 200 万元 = 2000000 元
    expect(rows[1]).toMatchObject({ ok: false, bad: { error: { code: "#VALUE!", message: expect.stringMatching(/carries its own unit in a column headed in 万元/) } } });
    expect(() => budget.readTable([["申请单位", "政策", "项目类型", "金额（美元）"]], 2026)).toThrow(/names the unit "美元": amounts are read in 元, 万元 or 亿元/);
    const yuan = budget.readTable([["recipient", "policy", "programme", "amount (CNY)"], ["A", "滨江", "compute", 200]], 2026).rows[0];
    expect(yuan).toMatchObject({ ok: true, app: { amount: 200 } });
  });
});

describe("a pool named in the language: the summary and the pools sheet", () => {
  const poolsSheet = async (file: string, name: string) => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(file);
    const labels: string[] = [];
    wb.getWorksheet(name)!.eachRow((row, n) => { if (n > 1) labels.push(String(row.getCell(4).value)); });
    return labels;
  };

  // 滨江 2025 （六）: 每年安排最高1亿元“算力券”; 60% of 1000万 of domestic compute = 600万.
  test("滨江 2025's 算力券 pool in Chinese and in English", async () => {
    const file = path.join(DIR, "binjiang-pool.csv");
    fs.writeFileSync(file, "申请单位,政策,项目类型,金额,国产,日期\n甲,滨江,算力券,10000000,是,2026-03-01\n");
    const [zhOut, enOut] = [path.join(DIR, "pool-zh.xlsx"), path.join(DIR, "pool-en.xlsx")];
    const zh = run(["exposure", file, "--lang", "zh", "--out", zhOut]);
    expect(zh.code).toBe(0);
    expect(zh.out.split("\n")).toContain("算力券（compute）年度资金池 2026，1亿元");
    expect(await poolsSheet(zhOut, "资金池")).toEqual(["算力券（compute）年度资金池 2026，1亿元"]);
    const en = run(["exposure", file, "--lang", "en", "--out", enOut]);
    expect(en.out.split("\n")).toContain("算力券 (compute) annual pool 2026, 1亿元");
    expect(await poolsSheet(enOut, "pools")).toEqual(["算力券 (compute) annual pool 2026, 1亿元"]);
  });

  // 星河 (test/fixtures/policies/xinghe) 第一条: a quarterly pool (季度额度); 第八条: the city's and the district's pools (市级资金, 区级资金).
  test("a named limit's pool by its Chinese name: 星河's quarterly pool and payers' pools", async () => {
    const { Engine, setDefaultEngine } = require("../src/engine") as typeof import("../src/engine");
    const { PolicyRegistry } = require("../src/engine/registry") as typeof import("../src/engine/registry");
    const { readPolicyFilesUnchecked } = require("../src/engine/load-files") as typeof import("../src/engine/load-files");
    const { exposureCommand } = require("../src/cli/exposure") as typeof import("../src/cli/exposure");
    const file = path.join(DIR, "xinghe.csv");
    fs.writeFileSync(file, "recipient,policy,clause,amount,date,size,domestic\nA1,xinghe,1,1000000,2026-01-10,中小企业,yes\n");
    setDefaultEngine(new Engine(PolicyRegistry.fromFiles([...readPolicyFilesUnchecked(), ...readPolicyFilesUnchecked(path.resolve(__dirname, "fixtures/policies"))])));
    try {
      const summary = async (lang: "zh" | "en", out: string) => {
        let text = "";
        const io = { stdout: { write: (s: string) => (text += s) }, stderr: { write: () => true } };
        expect(await exposureCommand([file, "--out", out], io, lang)).toBe(0);
        return text;
      };
      const zhOut = path.join(DIR, "xinghe-zh.xlsx");
      const zh = await summary("zh", zhOut);
      const zhLabels = ["季度额度（quarterly-pool） 2026Q1，2500万元", "市级资金（city） 2026，1亿元", "区级资金（district） 2026，2000万元"];
      for (const l of zhLabels) expect(zh.split("\n")).toContain(l);
      expect(await poolsSheet(zhOut, "资金池")).toEqual(expect.arrayContaining(zhLabels));
      const en = await summary("en", path.join(DIR, "xinghe-en.xlsx"));
      // in English a named limit's own English name (name), in Chinese its nameZh
      for (const l of ["quarterly pool (quarterly-pool) 2026Q1, 2500万元", "city pool (city) 2026, 1亿元", "district pool (district) 2026, 2000万元"]) expect(en.split("\n")).toContain(l);
    } finally {
      setDefaultEngine(null);
    }
  });
});

test("a long run says how far it is in every phase, the rules across rows too (in Chinese as well)", () => {
  // 60,000 rows of 滨江 2025 （六） 算力券 in 2026: read, computed, then the year taken row by row (first come first served)
  const file = path.join(DIR, "long.csv");
  const rows = Array.from({ length: 60000 }, (_, i) => `企业${i % 3000},,滨江,算力券,,${100000 + (i % 97) * 1000},,2026-${String(1 + (i % 12)).padStart(2, "0")}-15`);
  fs.writeFileSync(file, ["申请单位,项目,政策,项目类型,路径,金额,国产,日期", ...rows].join("\n"));
  const en = run(["exposure", file, "--year", "2026"]);
  expect(en.code).toBe(0);
  const lines = en.err.split("\n").map((l) => l.replace(/ \([\d.]+ s\)$/, ""));
  expect(lines).toEqual(expect.arrayContaining([
    "exposure: read 60,000 rows from " + file,
    "exposure: computed 6,000 of 60,000 rows",
    "exposure: computed 60,000 of 60,000 rows; applying the caps, pools and shares across rows",
    "exposure: applying the rules across rows: 2026 (60,000 rows)",
    "exposure: applied the rules across rows: 2026, 50,000 of 60,000 rows",
  ]));
  const zh = spawnSync(process.execPath, [BIN, "exposure", file, "--year", "2026"], { encoding: "utf8", env: { ...process.env, LC_ALL: "zh_CN.UTF-8" } });
  expect(zh.stderr).toMatch(/已逐行适用跨行规则：2026 年，50,000\/60,000 行/);
});
