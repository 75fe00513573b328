// The production build, as `npm run build` makes it: what Excel loads must be there and agree.
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { FUNCTION_TABLE } from "../src/functions/function-table";

const ROOT = path.resolve(__dirname, "..");
const OUT = fs.mkdtempSync(path.join(os.tmpdir(), "award-build-"));
let build: { status: number | null; stdout: string; stderr: string };

beforeAll(() => {
  build = spawnSync(process.execPath, [require.resolve("webpack-cli/bin/cli.js"), "--mode", "production"], {
    cwd: ROOT, encoding: "utf8", env: { ...process.env, AWARD_OUT_DIR: OUT, ADDIN_HOST: "https://addin.example.com/award/" }, timeout: 300000,
  });
}, 300000);
afterAll(() => fs.rmSync(OUT, { recursive: true, force: true }));

interface Metadata {
  allowCustomDataForDataTypeAny?: boolean;
  functions: { id: string; name: string; description: string; helpUrl?: string; parameters: { name: string; optional?: boolean; description: string }[] }[];
}

test("the build succeeds and prints the first-load size", () => {
  expect(build.stderr + build.stdout).not.toMatch(/ERROR/);
  expect(build.status).toBe(0);
  expect(build.stdout).toMatch(/first-load JS of taskpane\.html: [\d.]+ KiB gzipped/);
  // no source maps shipped, nor pointed at (issue 12, finding 9)
  const files = fs.readdirSync(OUT, { recursive: true }).map(String);
  expect(files.filter((f) => f.endsWith(".map"))).toEqual([]);
  for (const f of files.filter((f) => /^[^/]*\.js$/.test(f))) expect(fs.readFileSync(path.join(OUT, f), "utf8")).not.toMatch(/sourceMappingURL=/);
});

test("functions.json names every AWARD function with its arguments, described", () => {
  const meta = JSON.parse(fs.readFileSync(path.join(OUT, "functions.json"), "utf8")) as Metadata;
  expect(meta.functions.map((f) => f.id).sort()).toEqual(Object.keys(FUNCTION_TABLE).sort());
  for (const f of meta.functions) {
    const entry = FUNCTION_TABLE[f.id];
    expect(f.parameters.length).toBe(entry.maxArgs);
    expect(f.parameters.filter((p) => !p.optional).length).toBe(entry.minArgs);
    expect(f.description.length).toBeGreaterThan(10);
    for (const p of f.parameters) expect(p.description.length).toBeGreaterThan(10);
  }
  const cv = meta.functions.find((f) => f.id === "COMPUTE_VOUCHER")!;
  expect(cv.parameters.map((p) => p.name)).toEqual(["jurisdiction", "type", "spend", "domestic", "year"]);
  expect(cv.parameters[0].description).toMatch(/hangzhou-binjiang@2025-draft/);
});

test("every function is associated once, in functions.js", () => {
  const js = fs.readFileSync(path.join(OUT, "functions.js"), "utf8");
  for (const id of Object.keys(FUNCTION_TABLE)) {
    expect(js.split(`associate("${id}"`).length - 1).toBe(1);
  }
  expect(fs.readFileSync(path.join(OUT, "taskpane.js"), "utf8")).not.toMatch(/associate\("/);
});

test("the policies are embedded: the bundle answers without reading files", () => {
  const js = fs.readFileSync(path.join(OUT, "functions.js"), "utf8");
  expect(js).toContain("给予单家企业最高2000万元补助");
  expect(js).not.toMatch(/readFileSync/);
});

test("the production page loads office.js from Office's CDN, and ships no copy of it", () => {
  const html = fs.readFileSync(path.join(OUT, "taskpane.html"), "utf8");
  const scripts = [...html.matchAll(/<script[^>]*src="?([^" >]+)/g)].map((m) => m[1]);
  expect(scripts[0]).toBe("https://appsforoffice.microsoft.com/lib/1/hosted/office.js");
  // everything else from the add-in's own host
  expect(scripts.slice(1).filter((s) => /^https?:/.test(s))).toEqual([]);
  expect(fs.existsSync(path.join(OUT, "office-js"))).toBe(false);
});

test("the manifest's URLs point at ADDIN_HOST and at files the build emitted", () => {
  const xml = fs.readFileSync(path.join(OUT, "manifest.xml"), "utf8");
  expect(xml).not.toContain("https://localhost");
  const urls = [...xml.matchAll(/(?:DefaultValue|Value)="(https:\/\/addin\.example\.com\/award\/[^"]*)"/g)].map((m) => m[1]);
  expect(urls.length).toBeGreaterThan(5);
  expect(urls).toContain("https://addin.example.com/award/functions-zh.json");
  for (const url of urls) {
    const file = url.replace("https://addin.example.com/award/", "").split(/[?#]/)[0];
    expect(fs.existsSync(path.join(OUT, file))).toBe(true);
  }
});

test("functions-zh.json is functions.json in Chinese, id by id and parameter by parameter", () => {
  const en = JSON.parse(fs.readFileSync(path.join(OUT, "functions.json"), "utf8")) as Metadata;
  const zh = JSON.parse(fs.readFileSync(path.join(OUT, "functions-zh.json"), "utf8")) as Metadata;
  expect(zh.functions.map((f) => f.id)).toEqual(en.functions.map((f) => f.id));
  for (const [i, f] of zh.functions.entries()) {
    const e = en.functions[i];
    expect(f.name).toMatch(/^\p{Script=Han}/u);
    expect(f.description).toMatch(/\p{Script=Han}/u);
    expect(f.helpUrl).toBe(e.helpUrl);
    expect(f.parameters).toHaveLength(e.parameters.length);
    for (const [j, p] of f.parameters.entries()) {
      expect(p.optional).toBe(e.parameters[j].optional);
      expect(p.name).toMatch(/\p{Script=Han}/u);
      expect(p.description).toMatch(/\p{Script=Han}/u);
    }
  }
  expect(zh.functions.find((f) => f.id === "COMPUTE_VOUCHER")?.name).toBe("券补贴金额");
});

test("every function has a help URL into help.html (the README, rendered), on ADDIN_HOST", () => {
  const meta = JSON.parse(fs.readFileSync(path.join(OUT, "functions.json"), "utf8")) as Metadata;
  const help = fs.readFileSync(path.join(OUT, "help.html"), "utf8");
  for (const f of meta.functions) {
    const m = /^https:\/\/addin\.example\.com\/award\/help\.html#([\w-]+)$/.exec(f.helpUrl ?? "");
    expect([f.id, m !== null]).toEqual([f.id, true]);
    expect(help).toContain(`<h3 id="${m![1]}">${f.id}</h3>`);
  }
  // VOUCHER_DETAILS returns an entity (Excel data types)
  expect(meta.allowCustomDataForDataTypeAny).toBe(true);
});

test("the emitted manifest validates against the schemas, with the zh-CN metadata on ADDIN_HOST", () => {
  const xml = fs.readFileSync(path.join(OUT, "manifest.xml"), "utf8");
  expect(xml).toContain('<bt:Override Locale="zh-CN" Value="https://addin.example.com/award/functions-zh.json"/>');
  const validator = path.resolve(ROOT, "../shared/tools/validate-manifest");
  if (!fs.existsSync(validator) || spawnSync("sh", ["-c", "command -v xmllint"]).status !== 0) {
    console.log(`schema check of dist/manifest.xml skipped: ${fs.existsSync(validator) ? "xmllint missing" : `${validator} not found`}`);
    return;
  }
  const r = spawnSync(validator, [path.join(OUT, "manifest.xml")], { encoding: "utf8" });
  expect(`${r.stdout}${r.stderr}`).toMatch(/validates/);
  expect(r.status).toBe(0);
});
