// The production build of the add-in that the runtime and browser tests load: .test-build/ (not dist/,
// which is what `npm run build` makes for deployment), built with office.js from the package
// (AWARD_OFFICE_JS=local, so the tests run offline), rebuilt only when a source is newer than it or it
// was built otherwise. Test files in parallel workers share one build.
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as path from "path";

const ROOT = path.resolve(__dirname, "../..");
export const DIST = path.join(ROOT, ".test-build");
const STAMP = path.join(DIST, ".test-build.json");
const LOCK = path.join(ROOT, ".dist-build.lock");
const CONFIG = { AWARD_OFFICE_JS: "local" };
const INPUTS = ["src", "policies", "assets", "manifest.xml", "webpack.config.js", "webpack", "scripts/function-metadata.js", "README.md", "package.json"];

function newest(p: string): number {
  const st = fs.statSync(p, { throwIfNoEntry: false });
  if (!st) return 0;
  if (!st.isDirectory()) return st.mtimeMs;
  return Math.max(0, ...fs.readdirSync(p).map((e) => newest(path.join(p, e))));
}

function fresh(): boolean {
  const stamp = fs.statSync(STAMP, { throwIfNoEntry: false });
  if (!stamp) return false;
  if (fs.readFileSync(STAMP, "utf8") !== JSON.stringify(CONFIG)) return false;
  return Math.max(...INPUTS.map((p) => newest(path.join(ROOT, p)))) <= stamp.mtimeMs;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** .test-build/, built for the tests; the first test file that needs it builds it, the others wait. */
export async function ensureAddinBuilt(): Promise<string> {
  for (;;) {
    try {
      fs.mkdirSync(LOCK);
      break;
    } catch {
      // another worker builds: wait for it (a lock older than five minutes is a crashed build's)
      const st = fs.statSync(LOCK, { throwIfNoEntry: false });
      if (st && Date.now() - st.mtimeMs > 300000) fs.rmSync(LOCK, { recursive: true, force: true });
      await sleep(500);
    }
  }
  try {
    if (!fresh()) {
      const r = spawnSync(process.execPath, [require.resolve("webpack-cli/bin/cli.js"), "--mode", "production"], {
        cwd: ROOT, env: { ...process.env, ...CONFIG, AWARD_OUT_DIR: DIST, ADDIN_HOST: "" }, encoding: "utf8",
      });
      if (r.status !== 0) throw new Error(`production build failed:\n${r.stdout}\n${r.stderr}`);
      fs.writeFileSync(STAMP, JSON.stringify(CONFIG));
    }
  } finally {
    fs.rmSync(LOCK, { recursive: true, force: true });
  }
  return DIST;
}
