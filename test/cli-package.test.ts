// The package `npm pack` makes: award-model runs from it with no dependency installed at all (the
// bundle carries the engine, the checked policies and the packages it uses).
import { execFileSync, spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";

const ROOT = path.resolve(__dirname, "..");
let dir: string;
let files: string[];

beforeAll(() => {
  // lib/ is built already (jest's globalSetup); --ignore-scripts: no rebuild under the other tests' feet
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "award-pack-"));
  const out = execFileSync("npm", ["pack", "--json", "--ignore-scripts", "--pack-destination", dir], { cwd: ROOT, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });
  const [info] = JSON.parse(out.slice(out.indexOf("["))) as { filename: string; files: { path: string }[] }[];
  files = info.files.map((f) => f.path);
  execFileSync("tar", ["-xzf", path.join(dir, info.filename), "-C", dir]);
}, 120000);
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

const run = (...args: string[]) =>
  spawnSync(process.execPath, [path.join(dir, "package/bin/award-model.js"), ...args], { cwd: dir, encoding: "utf8", env: { PATH: process.env.PATH, LANG: "C" } });

test("the package holds the launcher and the bundle, not the sources", () => {
  expect(files).toEqual(expect.arrayContaining(["bin/award-model.js", "lib/award-model.js", "package.json"]));
  expect(files.filter((f) => f.startsWith("src/") || f.startsWith("node_modules/"))).toEqual([]);
  expect(fs.existsSync(path.join(dir, "package/node_modules"))).toBe(false);
});

test("award-model answers from the unpacked package with nothing installed", () => {
  // 滨江 2025 第六条 算力券: 30% of the spend for non-domestic compute — 200万元 × 30% = 60万元
  const r = run("eval", "--json", '=AWARD.COMPUTE_VOUCHER("hangzhou-binjiang","compute",2000000,FALSE,2026)');
  expect(r.stderr).toBe("");
  expect(JSON.parse(r.stdout)).toMatchObject({ value: 600000, error: null });
  expect(r.status).toBe(0);
});

test("the bundle's compiled policies are the policy files as they are (rebuilt when stale)", () => {
  const { defaultRegistry } = require("../src/engine") as typeof import("../src/engine");
  const r = run("policies", "--json");
  expect(r.status).toBe(0);
  // the same versions, windows, titles and programmes as the engine reads from policies/ now
  // (--json keeps the window note and the assumptions English strings, as it always printed them)
  const engine = defaultRegistry().listVersions().map((v) => ({ ...v, windowNote: v.windowNote.en, assumptions: v.assumptions.map((a) => a.en) }));
  expect(JSON.parse(r.stdout)).toEqual(JSON.parse(JSON.stringify(engine)));
});

test("exposure reads a workbook and writes one from the package too (exceljs inside the bundle)", () => {
  const out = path.join(dir, "out.xlsx");
  const r = run("exposure", path.join(ROOT, "examples/langfang-2025.xlsx"), "--out", out);
  expect(r.stderr).not.toMatch(/Warning|Error/);
  expect(r.status).toBe(0);
  expect(fs.statSync(out).size).toBeGreaterThan(1000);
});
