// award-model forecast as a budget office runs it: a real process, --json as the issue specifies.
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import ExcelJS from "exceljs";

const BIN = path.resolve(__dirname, "../bin/award-model.js");
const EXAMPLES = path.resolve(__dirname, "../examples");
const DIR = fs.mkdtempSync(path.join(os.tmpdir(), "award-forecast-"));
afterAll(() => fs.rmSync(DIR, { recursive: true, force: true }));
function run(args: string[], env: Record<string, string> = {}) {
  const r = spawnSync(process.execPath, [BIN, ...args], { encoding: "utf8", timeout: 120000, env: { ...process.env, LC_ALL: "C.UTF-8", LANG: "en_US.UTF-8", ...env } });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

test("an applications table is a pipeline without uncertainty: exposure's figures at every percentile", () => {
  const file = path.join(EXAMPLES, "guangzhou-2026.csv");
  const f = run(["forecast", file, "--trials", "20", "--json"]);
  const e = run(["exposure", file, "--json"]);
  expect(f.code).toBe(0);
  const fj = JSON.parse(f.out);
  const ej = JSON.parse(e.out);
  expect(fj).toMatchObject({ trials: 20, seed: 1 });
  expect(fj.pools).toHaveLength(ej.pools.length);
  ej.pools.forEach((x: { pool: string; year: number; limit: number; awarded: number; requested: number; exhaustion: string | null }, i: number) => {
    const p = fj.pools[i];
    expect(p).toMatchObject({ pool: x.pool, year: x.year, limit: x.limit, pExhausted: x.exhaustion ? 1 : 0 });
    expect(p.exhaustion).toEqual({ p10: x.exhaustion, p50: x.exhaustion, p90: x.exhaustion });
    expect(p.awarded).toEqual({ p10: x.awarded, p50: x.awarded, p90: x.awarded });
    expect(p.unmet.p50).toBe(Math.round((x.requested - x.awarded) * 100) / 100);
  });
  // 第二十七条 5亿元: the example's requests (594,963,500 元) pass it on 2026-03-14. Rows refused only
  // because the pool was spent (paid 0) use no quota (数据券 benchmark, 场景券) and no one-time award
  // (模型券 备案): the later rows of those companies are requests to the pool too, so 94,963,500 is unmet.
  expect(fj.pools[0]).toMatchObject({ pool: "guangzhou@draft total", exhaustion: { p50: "2026-03-14" }, unmet: { p50: 94963500 } });
});

test("--variants with the same numbers shows no difference; a lower 算力券 rate does, on the same draws", () => {
  const same = path.join(DIR, "same.json");
  fs.writeFileSync(same, JSON.stringify({ schema: 1, variants: [{ base: "guangzhou@draft", name: "same", edits: [{ field: "compute:large-model.rate", value: "50%" }] }] }));
  const pipe = path.join(EXAMPLES, "guangzhou-pipeline-2026.csv");
  const r = run(["forecast", pipe, "--trials", "40", "--seed", "9", "--year", "2026", "--variants", same, "--json"]);
  expect(r.code).toBe(0);
  const j = JSON.parse(r.out);
  expect(j.compare.policy).toBe("guangzhou@draft~same");
  expect(j.compare.pools[0].difference).toEqual({ baseline: "guangzhou@draft total", pExhausted: 0, awarded: { p10: 0, p50: 0, p90: 0 }, unmet: { p50: 0 } });
  expect(j.compare.pools[0].awarded).toEqual(j.pools[0].awarded);
  const low = run(["forecast", pipe, "--trials", "40", "--seed", "9", "--year", "2026", "--variants", path.join(EXAMPLES, "guangzhou-variants.json"), "--json"]);
  const l = JSON.parse(low.out);
  expect(l.pools).toEqual(j.pools); // the baseline does not depend on what it is compared with
  expect(l.compare.pools[0].awarded.p50).toBeLessThan(l.pools[0].awarded.p50);
  expect(l.compare.pools[0].difference.awarded.p90).toBeLessThan(0);
});

test("threads do not change a figure; progress goes to standard error", () => {
  const pipe = path.join(EXAMPLES, "guangzhou-pipeline-2026.csv");
  const one = run(["forecast", pipe, "--trials", "100", "--year", "2026", "--threads", "1", "--json"]);
  const two = run(["forecast", pipe, "--trials", "100", "--year", "2026", "--threads", "2", "--json"]);
  expect(two.code).toBe(0);
  expect(JSON.parse(two.out)).toEqual(JSON.parse(one.out));
  expect(two.err).toMatch(/forecast: 100 of 100 trials/);
});

test("--out: the workbook and the fan chart, never over an input; bad options exit 2 in the user's language", async () => {
  const input = path.join(DIR, "pipe.csv");
  fs.copyFileSync(path.join(EXAMPLES, "guangzhou-pipeline-2026.csv"), input);
  const before = fs.readFileSync(input);
  const over = run(["forecast", input, "--out", input.replace(/\.csv$/, ".xlsx"), "--trials", "5"]);
  expect(over.code).toBe(0);
  const clash = run(["forecast", input, "--out", input]);
  expect(clash.code).toBe(2);
  expect(clash.err).toMatch(/must be an \.xlsx file/);
  expect(fs.readFileSync(input)).toEqual(before);
  const out = path.join(DIR, "fc.xlsx");
  const r = run(["forecast", input, "--trials", "10", "--seed", "5", "--year", "2026", "--out", out]);
  expect(r.code).toBe(0);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(out);
  expect(wb.worksheets.map((w) => w.name)).toEqual(["months 逐月", "pools 资金池", "recipients 申请单位", "pipeline 申报预测", "reproduce 复现"]);
  expect(wb.getWorksheet("months 逐月")!.rowCount).toBe(13); // a header and 12 months of the one pool
  // every header of the workbook's own sheets in both languages ("used up p50 用尽日 p50"; it had English-only ones)
  for (const name of ["months 逐月", "pools 资金池", "recipients 申请单位", "reproduce 复现"]) {
    const header = (wb.getWorksheet(name)!.getRow(1).values as unknown[]).slice(1).map(String);
    expect([name, header.filter((h) => h !== "sha256" && !/[A-Za-z].* \S*[\u4e00-\u9fff]/.test(h))]).toEqual([name, []]);
  }
  expect((wb.getWorksheet("pools 资金池")!.getRow(1).values as unknown[]).slice(1)).toContain("used up p50 用尽日 p50");
  const repro = wb.getWorksheet("reproduce 复现")!;
  const values = repro.getSheetValues().flat().map(String);
  expect(values).toContain("5");
  expect(values.some((v) => /^[0-9a-f]{64}$/.test(v))).toBe(true);
  expect(values.some((v) => v.includes("policies/guangzhou/draft.yaml"))).toBe(true);
  expect(fs.readFileSync(out.replace(/\.xlsx$/, "-fan.html"), "utf8")).toMatch(/<svg[^>]*>.*<path d="M/s);
  expect(fs.readdirSync(DIR).filter((f) => f.endsWith(".tmp"))).toEqual([]);
  const bad = run(["forecast", input, "--trials", "0"], { LC_ALL: "zh_CN.UTF-8", LANG: "zh_CN.UTF-8" });
  expect(bad.code).toBe(2);
  expect(bad.err).toMatch(/--trials“0”不是 1 至 100000 之间的整数/);
});

test("a pool is named in the language of the report (广州 第二十七条 5亿元)", () => {
  const file = path.join(EXAMPLES, "guangzhou-2026.csv");
  const zh = run(["forecast", file, "--trials", "5", "--lang", "zh"]);
  expect(zh.out.split("\n")).toContain("guangzhou@draft total 2026: 本措施每年投入财政资金（total） 2026，5亿元");
  const en = run(["forecast", file, "--trials", "5", "--lang", "en"]);
  expect(en.out.split("\n")).toContain("guangzhou@draft total 2026: 本措施每年投入财政资金 (total) 2026, 5亿元");
});
