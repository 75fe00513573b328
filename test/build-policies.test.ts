// A broken policy file stops the BUILD (not only the tests), and the build says which file and
// which path inside it. Each case copies the project (not node_modules) into a temporary tree, breaks
// one file and runs webpack there; the config validates the policies before any compilation, so each
// run takes a few seconds. Likewise a function without its Chinese name fails the build, naming it
// (checked before compiling, too).
import { spawn } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";

const ROOT = path.resolve(__dirname, "..");
const WEBPACK_CLI = require.resolve("webpack-cli/bin/cli.js");

interface Run { status: number | null; output: string }

function buildWith(file: string, change: (text: string) => string): Promise<Run> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "award-broken-"));
  for (const p of ["webpack.config.js", "webpack", "scripts", "src", "policies", "README.md", "manifest.xml", "tsconfig.json", "package.json", "assets"]) {
    fs.cpSync(path.join(ROOT, p), path.join(dir, p), { recursive: true });
  }
  fs.symlinkSync(path.join(ROOT, "node_modules"), path.join(dir, "node_modules"), "dir");
  const target = path.join(dir, file);
  const before = fs.readFileSync(target, "utf8");
  const after = change(before);
  if (after === before) throw new Error(`the edit of ${file} changed nothing: fix the test`);
  fs.writeFileSync(target, after);
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [WEBPACK_CLI, "--mode", "production"], {
      cwd: dir,
      env: { ...process.env, AWARD_OUT_DIR: path.join(dir, "dist") },
    });
    let output = "";
    child.stdout.on("data", (d) => (output += d));
    child.stderr.on("data", (d) => (output += d));
    child.on("close", (status) => {
      fs.rmSync(dir, { recursive: true, force: true });
      resolve({ status, output });
    });
  });
}

const CASES: [string, string, (t: string) => string, RegExp][] = [
  ["bad YAML", "policies/langfang/2023.yaml", (t) => t.replace("clauses:", "clauses: ["), /policies\/langfang\/2023\.yaml: .*not valid YAML/],
  ["a negative rate", "policies/langfang/2023.yaml", (t) => t.replace("value: 60%", "value: -60%"), /policies\/langfang\/2023\.yaml: \/clauses\/1\/routes\/1\/rate\/value: must match pattern/],
  [
    "a missing quote",
    "policies/hangzhou-binjiang/2025.yaml",
    (t) => t.replace(/(pool:\n\s+value: 1亿元\n)\s+quote: .*\n/, "$1"),
    /policies\/hangzhou-binjiang\/2025\.yaml: \/clauses\/5\/programme\/pool: must have required property 'quote'/,
  ],
  ["an unknown key", "policies/hangzhou-binjiang/2023.yaml", (t) => t.replace("status: final", "status: final\nstatuss: final"), /policies\/hangzhou-binjiang\/2023\.yaml: \/: unknown key "statuss"/],
];


/** A function whose Chinese name and description are missing from src/functions/i18n-zh.json. */
const UNTRANSLATED = (t: string) => {
  const table = JSON.parse(t) as { functions: Record<string, unknown> };
  delete table.functions.VERSION;
  return JSON.stringify(table, null, 2);
};
let untranslated: Run;
let runs: Run[];
beforeAll(async () => {
  // all at once: each stops within seconds
  [untranslated, ...runs] = await Promise.all([
    buildWith("src/functions/i18n-zh.json", UNTRANSLATED),
    ...CASES.map(([, file, change]) => buildWith(file, change)),
  ]);
}, 240000);

test("a function without its Chinese name and description: the build fails naming it", () => {
  expect(untranslated.status).not.toBe(0);
  expect(untranslated.output).toMatch(/function metadata incomplete, build stopped:\n\s+src\/functions\/i18n-zh\.json: no entry for function VERSION \(add functions\.VERSION with name, description and parameters jurisdiction, year\)/);
  expect(untranslated.output).not.toMatch(/compiled successfully/);
});

test.each(CASES.map((c, i) => [c[0], i] as const))("%s: the build fails naming the file and the path", (_, i) => {
  const run = runs[i];
  expect(run.status).not.toBe(0);
  expect(run.output).toMatch(/policies\/ could not be embedded, build stopped/);
  expect(run.output).toMatch(CASES[i][3]);
  expect(run.output).not.toMatch(/compiled successfully/);
});
