#!/usr/bin/env node
// Builds the command line: src/cli/bin.ts and everything it imports (engine, functions, yaml,
// decimal.js, exceljs …) bundled by esbuild into one file, lib/award-model.js, with the policy files
// read and checked here, once, and compiled in (as webpack does for the add-in). bin/award-model.js
// loads it; the package needs no dependency at run time.
//   node scripts/build-cli.js            build (npm run build:cli; also run by npm ci/pack via prepare)
//   node scripts/build-cli.js --if-stale build only when a source is newer than the bundle (tests)
"use strict";
const fs = require("fs");
const path = require("path");

const ROOT = path.resolve(__dirname, "..");
const OUT = path.join(ROOT, "lib/award-model.js");
/** What the bundle is made from: a change in any of these makes it stale. */
const INPUTS = ["src", "policies", "package.json", "scripts/build-cli.js"].map((p) => path.join(ROOT, p));

function newestMtime(p) {
  const st = fs.statSync(p, { throwIfNoEntry: false });
  if (!st) return 0;
  if (!st.isDirectory()) return st.mtimeMs;
  return Math.max(0, ...fs.readdirSync(p).map((e) => newestMtime(path.join(p, e))));
}

function isStale() {
  const built = fs.statSync(OUT, { throwIfNoEntry: false });
  return !built || Math.max(...INPUTS.map(newestMtime)) > built.mtimeMs;
}

/** The policy files, checked (schema, quotes, numbers): a bad file stops the build, naming it. */
function checkedPolicies() {
  const tsx = require("tsx/cjs/api").register({ namespace: "award-model-build-cli" });
  try {
    const files = tsx.require(path.join(ROOT, "src/engine/load-files.ts"), __filename).readPolicyFiles();
    // parsed here too, so that a start does not parse YAML (the text stays: results cite and hash it)
    const { parse } = require("yaml");
    const dir = path.join(ROOT, "policies");
    // and the source texts the versions quote, which exposure hashes into its report
    const sources = [...new Set(files.map((f) => parse(f.text)?.source).filter((s) => typeof s === "string"))].sort();
    return [
      ...files.map((f) => ({ ...f, doc: parse(f.text) })),
      ...sources.map((s) => ({ path: s, text: fs.readFileSync(path.join(dir, s), "utf8") })),
    ];
  } finally {
    tsx.unregister();
  }
}

/**
 * Packages that only some commands use (exceljs and csv-parse: exposure; ajv: checking variants; yaml:
 * reading variants) are bundled into files of their own, lib/vendor/*.js, loaded when first used: each
 * import of one of them gets a stand-in that requires its file on first property access or call. A
 * start compiles only the code it runs.
 */
/** Each lazy package with the names imported from it besides its default export. */
const LAZY = { exceljs: [], "csv-parse/sync": ["parse"], "csv-parse": ["parse"], ajv: [], yaml: ["parse", "stringify", "parseDocument"] };
const vendorFile = (name) => `${name.replace(/[^a-z0-9]+/gi, "-")}.js`;
const lazyModules = {
  name: "lazy-modules",
  setup(b) {
    const filter = new RegExp(`^(${Object.keys(LAZY).map((m) => m.replace(/[/]/g, "\\/")).join("|")})$`);
    b.onResolve({ filter }, (args) => ({ path: args.path, namespace: "lazy" }));
    b.onLoad({ filter: /.*/, namespace: "lazy" }, (args) => ({
      contents: `let real;
const load = () => real || (real = require(require("path").join(__dirname, "vendor", ${JSON.stringify(vendorFile(args.path))})));
export default new Proxy(function () {}, {
  get: (_, k) => load()[k],
  has: (_, k) => k in load(),
  apply: (_, self, a) => load().apply(self, a),
  construct: (_, a) => new (load())(...a),
});
${LAZY[args.path].map((n) => `export function ${n}(...a) { return load().${n}(...a); }`).join("\n")}`,
    }));
  },
};

/** Buffer, with new Buffer(n) and new Buffer(data) made Buffer.alloc(n) and Buffer.from(data). */
const BUFFER_SHIM = `const AwardBuffer = (() => {
  const B = require("buffer").Buffer;
  function AwardBuffer(a, b, c) { return typeof a === "number" ? B.alloc(a) : B.from(a, b, c); }
  Object.setPrototypeOf(AwardBuffer, B);
  AwardBuffer.prototype = B.prototype;
  return AwardBuffer;
})();`;

const COMMON = { bundle: true, platform: "node", target: "node20", format: "cjs", minify: true, legalComments: "linked", logLevel: "warning" };

async function build() {
  const policies = checkedPolicies();
  // built beside lib/ and swapped in, so that a running award-model never reads a half-written bundle
  const final = path.dirname(OUT);
  const staging = `${final}.building-${process.pid}`;
  try {
    await bundle(policies, staging);
    const old = `${final}.old-${process.pid}`;
    if (fs.existsSync(final)) fs.renameSync(final, old);
    fs.renameSync(staging, final);
    fs.rmSync(old, { recursive: true, force: true });
  } finally {
    fs.rmSync(staging, { recursive: true, force: true });
  }
  return policies.filter((f) => f.doc !== undefined).length;
}

/** The bundle and its vendor files, written into dir. */
async function bundle(policies, dir) {
  const esbuild = require("esbuild");
  await esbuild.build({
    entryPoints: [path.join(ROOT, "src/cli/bin.ts")],
    outfile: path.join(dir, path.basename(OUT)),
    ...COMMON,
    plugins: [lazyModules],
    define: { __AWARD_POLICIES__: JSON.stringify(policies) },
    banner: { js: "// award-model, built by scripts/build-cli.js from src/cli/bin.ts: do not edit." },
  });
  // A forecast's worker threads (src/cli/forecast-run.ts starts forecast-worker.js beside itself).
  await esbuild.build({
    entryPoints: [path.join(ROOT, "src/cli/forecast-thread.ts")],
    outfile: path.join(dir, "forecast-worker.js"),
    ...COMMON,
    plugins: [lazyModules],
    define: { __AWARD_POLICIES__: JSON.stringify(policies) },
    banner: { js: "// award-model forecast thread, built by scripts/build-cli.js from src/cli/forecast-thread.ts: do not edit." },
  });
  for (const name of Object.keys(LAZY)) {
    await esbuild.build({
      ...COMMON,
      stdin: { contents: `module.exports = require(${JSON.stringify(name)});`, resolveDir: ROOT, loader: "js" },
      outfile: path.join(dir, "vendor", vendorFile(name)),
      // Old packages call new Buffer(); Node warns (DEP0005) about code outside node_modules that does.
      define: { Buffer: "AwardBuffer" },
      banner: { js: BUFFER_SHIM },
    });
  }
}

if (require.main === module) {
  if (process.argv.includes("--if-stale") && !isStale()) process.exit(0);
  build().then(
    (n) => console.log(`award-model: ${path.relative(ROOT, OUT)} built, ${n} policy files checked and compiled in`),
    (err) => {
      console.error(`award-model not built:\n${(err && err.message) || err}`);
      process.exitCode = 1;
    },
  );
}

module.exports = { build, isStale, OUT };
