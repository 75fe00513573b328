// Function metadata in two languages, without running webpack: functions.json as the build generates
// it (custom-functions-metadata over every src/functions file with a @customfunction), its Chinese
// twin from src/functions/i18n-zh.json, and the help URLs into the README. test/build.test.ts checks
// the files the build really emits.
import * as fs from "fs";
import * as path from "path";
import { generateCustomFunctionsMetadata } from "custom-functions-metadata";
import { FUNCTION_TABLE } from "../src/functions/function-table";

// eslint-disable-next-line @typescript-eslint/no-require-imports
const fm = require("../scripts/function-metadata") as {
  localize: (m: Metadata, t: unknown) => { metadata: Metadata; problems: string[] };
  addHelpUrls: (m: Metadata, base: string, readme?: string) => string[];
  readTable: () => { namespace: string; functions: Record<string, unknown> };
  renderHelpPage: (md: string) => string;
  headings: (md: string) => { level: number; text: string; anchor: string }[];
};

interface Param { name: string; description: string; optional?: boolean }
interface Fn { id: string; name: string; description: string; helpUrl?: string; parameters: Param[]; result: unknown }
interface Metadata { functions: Fn[] }

const ROOT = path.resolve(__dirname, "..");
const FUNCTIONS_DIR = path.join(ROOT, "src/functions");
const SOURCES = fs
  .readdirSync(FUNCTIONS_DIR)
  .filter((f) => /\.ts$/.test(f) && /@customfunction\b/.test(fs.readFileSync(path.join(FUNCTIONS_DIR, f), "utf8")))
  .map((f) => path.join(FUNCTIONS_DIR, f));

let generated: Metadata;
beforeAll(async () => {
  const r = await generateCustomFunctionsMetadata(SOURCES, false);
  if (r.errors.length) throw new Error(`custom-functions-metadata: ${r.errors.join("\n")}`);
  generated = JSON.parse(r.metadataJson) as Metadata;
});
const copy = (): Metadata => JSON.parse(JSON.stringify(generated)) as Metadata;

test("the generated metadata names every function of FUNCTION_TABLE", () => {
  expect(generated.functions.map((f) => f.id).sort()).toEqual(Object.keys(FUNCTION_TABLE).sort());
});

test("every function and parameter has a Chinese name and description (src/functions/i18n-zh.json)", () => {
  const { metadata: zh, problems } = fm.localize(copy(), fm.readTable());
  expect(problems).toEqual([]);
  // the twin, id by id: same ids, same parameters in the same order, same options; names and descriptions in Chinese
  expect(zh.functions.map((f) => f.id)).toEqual(generated.functions.map((f) => f.id));
  for (const [i, f] of zh.functions.entries()) {
    const en = generated.functions[i];
    expect(f.parameters.map((p) => p.optional ?? false)).toEqual(en.parameters.map((p) => p.optional ?? false));
    expect(f.result).toEqual(en.result);
    expect(f.name).not.toBe(en.name);
    expect(f.name).toMatch(/\p{Script=Han}/u);
    expect(f.description).toMatch(/\p{Script=Han}/u);
    expect(f.description.length).toBeLessThanOrEqual(128);
    for (const p of f.parameters) {
      expect(p.name).toMatch(/\p{Script=Han}/u);
      expect(p.description).toMatch(/\p{Script=Han}/u);
      expect(p.description.length).toBeLessThanOrEqual(128);
    }
  }
  const cv = zh.functions.find((f) => f.id === "COMPUTE_VOUCHER")!;
  expect(cv.name).toBe("券补贴金额");
  expect(cv.parameters.map((p) => p.name)).toEqual(["地区", "券种", "支出", "国产", "年度"]);
});

test("a function or parameter missing from the table is named, so whoever adds one knows what to write", () => {
  const meta = copy();
  meta.functions.push({ id: "NOT_YET_TRANSLATED", name: "NOT_YET_TRANSLATED", description: "x", parameters: [{ name: "jurisdiction", description: "x" }], result: {} });
  const table = fm.readTable() as { functions: Record<string, { parameters: Record<string, unknown>; description?: string; name?: string }> };
  delete table.functions.VERSION.parameters.year;
  table.functions.ROUTES.description = "太长".repeat(70);
  table.functions.FUND_LIMIT.name = "1abc";
  table.functions.POLICIES.parameters.extra = { name: "多余", description: "多余的参数" };
  const { problems } = fm.localize(meta, table);
  expect(problems).toEqual(
    expect.arrayContaining([
      expect.stringMatching(/no entry for function NOT_YET_TRANSLATED \(add functions\.NOT_YET_TRANSLATED with name, description and parameters jurisdiction\)/),
      expect.stringMatching(/functions\.VERSION\.parameters\.year is missing/),
      expect.stringMatching(/functions\.ROUTES\.description is 140 characters; Excel takes at most 128/),
      expect.stringMatching(/functions\.FUND_LIMIT\.name "1abc" is missing or not a valid function name/),
      expect.stringMatching(/functions\.POLICIES\.parameters\.extra: POLICIES has no parameter "extra"/),
    ]),
  );
  expect(problems).toHaveLength(5);
});

test("every function's helpUrl points at its own README section", () => {
  const meta = copy();
  const readme = fs.readFileSync(path.join(ROOT, "README.md"), "utf8");
  expect(fm.addHelpUrls(meta, "https://addin.example.com/help.html", readme)).toEqual([]);
  const anchors = new Map(fm.headings(readme).map((h) => [h.anchor, h]));
  for (const f of meta.functions) {
    const m = /^https:\/\/addin\.example\.com\/help\.html#(.+)$/.exec(f.helpUrl ?? "");
    expect(m).not.toBeNull();
    expect(anchors.get(m![1])).toEqual(expect.objectContaining({ level: 3, text: f.id }));
  }
  // "### ROUTES" follows an earlier "### Routes": GitHub's anchor for it is routes-1
  expect(meta.functions.find((f) => f.id === "ROUTES")?.helpUrl).toMatch(/#routes-1$/);
  // a function without a section is reported
  meta.functions.push({ id: "NOT_YET_DOCUMENTED", name: "NOT_YET_DOCUMENTED", description: "x", parameters: [], result: {} });
  expect(fm.addHelpUrls(meta, "https://h/help.html", readme)).toEqual([expect.stringMatching(/README\.md has no heading "### NOT_YET_DOCUMENTED"/)]);
});

test("help.html carries the anchors the help URLs use", () => {
  const readme = fs.readFileSync(path.join(ROOT, "README.md"), "utf8");
  const html = fm.renderHelpPage(readme);
  for (const id of Object.keys(FUNCTION_TABLE)) {
    const anchor = fm.headings(readme).find((h) => h.level === 3 && h.text === id)!.anchor;
    expect(html).toContain(`<h3 id="${anchor}">${id}</h3>`);
  }
  expect(html).not.toMatch(/<script/);
});

test("the Chinese namespace in the table is the manifest's zh-CN namespace", () => {
  const manifest = fs.readFileSync(path.join(ROOT, "manifest.xml"), "utf8");
  const ns = /<bt:String id="Functions\.Namespace" DefaultValue="AWARD">\s*<bt:Override Locale="zh-CN" Value="([^"]+)"\/>/.exec(manifest);
  expect(ns?.[1]).toBe(fm.readTable().namespace);
});
