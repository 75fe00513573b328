/* eslint-disable no-console */
// Builds the add-in: one shared-runtime page (taskpane.html) that loads office.js, then the
// `functions` chunk (custom functions, registered with CustomFunctions.associate) and the
// `taskpane` chunk (React UI). Also emits functions.json (custom functions metadata), the
// manifest (URLs rewritten to $ADDIN_HOST in production), the icons and office.js itself.
//
//   npx webpack --mode production          -> dist/
//   npx webpack serve --mode development   -> https://localhost:3000/ (http if no dev certs)
"use strict";

// TypeScript for node (the policy loader below): tsx 4's CommonJS API, scoped to this file.
const tsx = require("tsx/cjs/api").register({ namespace: "award-model-webpack" });

const fs = require("fs");
const path = require("path");
const zlib = require("zlib");
const webpack = require("webpack");
const HtmlWebpackPlugin = require("html-webpack-plugin");
const CopyWebpackPlugin = require("copy-webpack-plugin");
const CustomFunctionsMetadataPlugin = require("custom-functions-metadata-plugin");
const functionMetadata = require("./scripts/function-metadata");

const DEV_HOST = "https://localhost:3000/";
/** The dev server's port: 3000, the manifest's; AWARD_DEV_PORT only for tests of npm start. */
const DEV_PORT = Number(process.env.AWARD_DEV_PORT) || 3000;
const ROOT = __dirname;
const POLICIES_DIR = path.resolve(ROOT, "policies");
const FUNCTIONS_DIR = path.resolve(ROOT, "src/functions");
/**
 * Every file of src/functions that declares a @customfunction: the metadata plugin reads them
 * all into one functions.json and appends their CustomFunctions.associate calls. A new file of
 * functions needs no change here (register.ts must import it).
 */
const FUNCTION_SOURCES = fs
  .readdirSync(FUNCTIONS_DIR)
  .filter((f) => /\.ts$/.test(f) && /@customfunction\b/.test(fs.readFileSync(path.join(FUNCTIONS_DIR, f), "utf8")))
  .sort()
  .map((f) => path.join(FUNCTIONS_DIR, f));
const REGISTER_SOURCE = path.resolve(ROOT, "src/functions/register.ts");
const LOAD_FILES_SOURCE = path.resolve(ROOT, "src/engine/load-files.ts");

/** Reads and validates every policy file; throws (naming the file) when one is invalid. */
function readPolicies() {
  if (!fs.existsSync(LOAD_FILES_SOURCE)) {
    throw new Error(`${path.relative(ROOT, LOAD_FILES_SOURCE)} is missing: cannot embed the policies.`);
  }
  const { readPolicyFiles } = tsx.require(LOAD_FILES_SOURCE, __filename);
  return readPolicyFiles(POLICIES_DIR);
}

/** ADDIN_HOST as an absolute URL ending in "/", e.g. https://addin.example.com/award/ */
function addinHost() {
  const raw = process.env.ADDIN_HOST || DEV_HOST;
  let url;
  try {
    url = new URL(raw);
  } catch {
    throw new Error(`ADDIN_HOST is not an absolute URL: ${raw}`);
  }
  if (url.protocol !== "https:") {
    console.warn(`warning: ADDIN_HOST=${raw} is not https; Office only loads add-ins over https.`);
  }
  return url.href.endsWith("/") ? url.href : `${url.href}/`;
}

/**
 * custom-functions-metadata-plugin does not only write functions.json: through a loader of its
 * own it appends `CustomFunctions.associate("ID", fn);` for every @customfunction to the end of
 * its input, functions.ts. register.ts relies on that (it only imports functions.ts), so:
 *  - the functions.ts module must run once in the page. `taskpane` depends on `functions`
 *    (dependOn) and so shares its module instances; this plugin fails the build if functions.ts
 *    ever lands in two webpack runtimes (its associate calls would run twice: an error in Excel).
 *  - should register.ts one day call CustomFunctions.associate itself, the plugin's injection is
 *    removed, so that each function is still associated exactly once.
 */
class SingleAssociationPlugin {
  apply(compiler) {
    const name = "SingleAssociationPlugin";
    const injected = require.resolve("custom-functions-metadata-plugin/lib/loader.js");
    compiler.hooks.compilation.tap({ name, stage: 100 }, (compilation) => {
      const registerCode = fs.existsSync(REGISTER_SOURCE)
        ? fs.readFileSync(REGISTER_SOURCE, "utf8").replace(/\/\*[\s\S]*?\*\/|\/\/.*$/gm, "")
        : "";
      if (/CustomFunctions\s*\.\s*associate\s*\(/.test(registerCode)) {
        webpack.NormalModule.getCompilationHooks(compilation).beforeLoaders.tap({ name, stage: 100 }, (loaders, module) => {
          module.loaders = module.loaders.filter((l) => l.loader !== injected);
        });
      }
      // before module concatenation hides functions.ts inside another module
      compilation.hooks.afterChunks.tap(name, () => {
        const { chunkGraph } = compilation;
        for (const module of compilation.modules) {
          if (!FUNCTION_SOURCES.includes(module.resource)) continue;
          const runtimes = new Set();
          for (const r of chunkGraph.getModuleRuntimes(module)) {
            for (const one of typeof r === "string" ? [r] : r || []) runtimes.add(one);
          }
          if (runtimes.size > 1) {
            compilation.errors.push(
              new webpack.WebpackError(
                `${path.relative(ROOT, module.resource)} is bundled into ${runtimes.size} webpack runtimes ` +
                  `(${[...runtimes].join(", ")}): its CustomFunctions.associate calls would run twice in taskpane.html.`,
              ),
            );
          }
        }
      });
    });
  }
}

/**
 * webpack inlines an entry module into its chunk's startup code when that chunk carries the
 * runtime. With `taskpane` depending on `functions`, a module that is an entry of BOTH
 * entrypoints (the dev server's client, which webpack-dev-server adds to every entry) is then
 * inlined into functions.js and missing when taskpane.js asks for it ("Cannot find module
 * .../webpack-dev-server/client/index.js"). Keep such modules out of line.
 */
class SharedEntryModulesPlugin {
  apply(compiler) {
    const name = "SharedEntryModulesPlugin";
    compiler.hooks.compilation.tap(name, (compilation) => {
      const hooks = webpack.javascript.JavascriptModulesPlugin.getCompilationHooks(compilation);
      hooks.inlineInRuntimeBailout.tap(name, (module) => {
        let entrypoints = 0;
        for (const chunk of compilation.chunks) {
          if (compilation.chunkGraph.isEntryModuleInChunk(module, chunk)) entrypoints++;
        }
        return entrypoints > 1 ? "it is an entry module of several entrypoints (dependOn)" : undefined;
      });
    });
  }
}

/**
 * Finishes the generated functions.json (a helpUrl per function into help.html, the README rendered;
 * Excel data types allowed for VOUCHER_DETAILS' entity card) and emits its Chinese twin functions-zh.json
 * from src/functions/i18n-zh.json. A function or parameter without a Chinese name and description, or
 * without a README heading, fails the build with a message naming it.
 */
class LocalizedMetadataPlugin {
  constructor(helpBase, sources) {
    this.helpBase = helpBase;
    this.sources = sources;
  }
  apply(compiler) {
    const name = "LocalizedMetadataPlugin";
    // Check before compiling (a fraction of a second), so that a missing translation or help section
    // stops the build at once with the list, instead of after a full compilation.
    compiler.hooks.beforeCompile.tapPromise(name, async () => {
      const { generateCustomFunctionsMetadata } = require("custom-functions-metadata");
      const generated = await generateCustomFunctionsMetadata(this.sources, false);
      if (generated.errors.length) return; // CustomFunctionsMetadataPlugin reports those
      const metadata = JSON.parse(generated.metadataJson);
      const problems = [
        ...functionMetadata.localize(metadata, functionMetadata.readTable()).problems,
        ...functionMetadata.addHelpUrls(metadata, this.helpBase),
      ];
      if (problems.length) {
        const e = new Error(`function metadata incomplete, build stopped:\n  ${problems.join("\n  ")}`);
        e.stack = `Error: ${e.message}`;
        throw e;
      }
    });
    compiler.hooks.thisCompilation.tap(name, (compilation) => {
      compilation.fileDependencies.add(functionMetadata.I18N_ZH);
      compilation.fileDependencies.add(functionMetadata.README);
      compilation.hooks.processAssets.tap({ name, stage: webpack.Compilation.PROCESS_ASSETS_STAGE_ADDITIONAL }, () => {
        const asset = compilation.getAsset("functions.json");
        if (!asset) return; // the metadata plugin reported why
        const fail = (message) => compilation.errors.push(new webpack.WebpackError(message));
        const metadata = JSON.parse(asset.source.source().toString());
        const readme = fs.readFileSync(functionMetadata.README, "utf8");
        const helpProblems = functionMetadata.addHelpUrls(metadata, this.helpBase, readme);
        metadata.allowCustomDataForDataTypeAny = true;
        let table;
        try {
          table = functionMetadata.readTable();
        } catch (err) {
          fail(`functions-zh.json not made: ${err.message}`);
          return;
        }
        const zh = functionMetadata.localize(metadata, table);
        for (const p of [...zh.problems, ...helpProblems]) fail(`function metadata: ${p}`);
        compilation.updateAsset("functions.json", new webpack.sources.RawSource(JSON.stringify(metadata, null, 2)));
        compilation.emitAsset("functions-zh.json", new webpack.sources.RawSource(JSON.stringify(zh.metadata, null, 2)));
        compilation.emitAsset("help.html", new webpack.sources.RawSource(functionMetadata.renderHelpPage(readme)), { minimized: true });
      });
    });
  }
}

/** Prints one line: the gzipped size of the JS that taskpane.html loads (our chunks). */
class FirstLoadSizePlugin {
  apply(compiler) {
    const name = "FirstLoadSizePlugin";
    let line = null;
    compiler.hooks.thisCompilation.tap(name, (compilation) => {
      compilation.hooks.processAssets.tap({ name, stage: webpack.Compilation.PROCESS_ASSETS_STAGE_REPORT }, () => {
        const files = new Set();
        for (const entry of ["functions", "taskpane"]) {
          const ep = compilation.entrypoints.get(entry);
          if (ep) for (const f of ep.getFiles()) if (f.endsWith(".js")) files.add(f);
        }
        const sizeOf = (f) => {
          const asset = compilation.getAsset(f);
          if (!asset) return { raw: 0, gz: 0 };
          const buf = asset.source.buffer();
          return { raw: buf.length, gz: zlib.gzipSync(buf, { level: 9 }).length };
        };
        let raw = 0;
        let gz = 0;
        for (const f of files) {
          const size = sizeOf(f);
          raw += size.raw;
          gz += size.gz;
        }
        const office = sizeOf("office-js/office.js");
        const kib = (n) => `${(n / 1024).toFixed(1)} KiB`;
        line =
          `first-load JS of taskpane.html: ${kib(gz)} gzipped (${kib(raw)} raw) in ${[...files].join(" + ")}` +
          (office.raw ? `; plus office-js/office.js ${kib(office.gz)} gzipped` : "");
      });
    });
    compiler.hooks.done.tap(name, (stats) => {
      if (line && !stats.hasErrors()) console.log(line);
    });
  }
}

/**
 * https options for the dev server, or null (plain HTTP) where no certificate can be had.
 *  - Windows/macOS (desktop Excel): office-addin-dev-certs' CA in ~/.office-addin-dev-certs, installed
 *    into the OS trust store (desktop Excel needs that), as office-addin-debugging expects.
 *  - Linux, or where that fails: a CA and localhost certificate generated into .dev-certs/ by
 *    scripts/dev-certs.js, with no root and no trust store touched (npm start says how to trust it).
 */
async function devHttpsOptions() {
  if (process.env.AWARD_DEV_HTTP === "1") return null;
  const warn = (what, err) => console.warn(`warning: ${what}: ${String((err && err.message) || err).split("\n")[0]}`);
  if (process.platform === "win32" || process.platform === "darwin") {
    try {
      return await require("office-addin-dev-certs").getHttpsServerOptions();
    } catch (err) {
      warn("no trusted office-addin-dev-certs certificate, using the project's own (.dev-certs/)", err);
    }
  }
  try {
    const { ca, cert, key } = await require("./scripts/dev-certs").ensureDevCerts({ log: (m) => console.log(m) });
    return { ca, cert, key };
  } catch (err) {
    warn("no development certificate could be made", err);
    console.warn(
      [
        `warning: serving over plain HTTP at http://localhost:${DEV_PORT}/ instead. The preview page works,`,
        "warning: but Excel only loads add-ins over HTTPS.",
      ].join("\n"),
    );
    return null;
  }
}

/** Origins that may read the dev server's files: Office on the web, and the server itself. */
const CORS_ORIGINS = /^https:\/\/(?:[a-z0-9-]+\.)*(?:officeapps\.live\.com|office\.com|office365\.com|office\.net|microsoft\.com|sharepoint\.com)$/;
function corsHeaders(origin) {
  const own = new RegExp(`^https?://(?:localhost|127\\.0\\.0\\.1|\\[::1\\]):${DEV_PORT}$`);
  if (typeof origin === "string" && (CORS_ORIGINS.test(origin) || own.test(origin))) return { "Access-Control-Allow-Origin": origin, Vary: "Origin" };
  return { Vary: "Origin" };
}

module.exports = async (env = {}, argv = {}) => {
  const mode = argv.mode || process.env.NODE_ENV || "production";
  const dev = mode === "development";
  const serving = Boolean(env.WEBPACK_SERVE);

  // Invalid policy files stop the build here, with the loader's message (file and JSON path).
  let policies;
  try {
    policies = readPolicies();
  } catch (err) {
    const e = new Error(`policies/ could not be embedded, build stopped:\n${(err && err.message) || err}`);
    e.stack = `Error: ${e.message}`; // the loader's message is the point, not this stack
    throw e;
  }
  const host = dev ? DEV_HOST : addinHost();

  const config = {
    mode,
    context: ROOT,
    // Source maps only in development, for the dev server's own pages: a production build ships none.
    devtool: dev ? "source-map" : false,
    entry: {
      functions: "./src/functions/register.ts",
      // taskpane reuses the modules (engine, policies) already loaded by functions: one copy of
      // each, one registry, shared by cell formulas and the pane. functions.js stays standalone.
      taskpane: { import: "./src/taskpane/index.tsx", dependOn: "functions" },
    },
    output: {
      // AWARD_OUT_DIR lets the build test write elsewhere than dist/.
      path: path.resolve(ROOT, process.env.AWARD_OUT_DIR || "dist"),
      filename: "[name].js",
      publicPath: "auto",
      clean: true,
    },
    resolve: {
      extensions: [".ts", ".tsx", ".js", ".json"],
      extensionAlias: { ".js": [".ts", ".tsx", ".js"] },
      fallback: { fs: false, path: false },
    },
    module: {
      rules: [
        {
          test: /\.tsx?$/,
          exclude: /node_modules/,
          use: {
            loader: "ts-loader",
            options: {
              transpileOnly: true,
              configFile: path.resolve(ROOT, "tsconfig.json"),
              // ES modules for webpack (tree shaking); tsconfig.json keeps commonjs for node/jest.
              compilerOptions: { module: "esnext", sourceMap: true },
            },
          },
        },
      ],
    },
    plugins: [
      new webpack.DefinePlugin({
        __AWARD_POLICIES__: serving
          ? // dev server: re-read on every rebuild, and rebuild when a policy file changes
            webpack.DefinePlugin.runtimeValue(() => JSON.stringify(readPolicies()), {
              contextDependencies: [POLICIES_DIR],
            })
          : JSON.stringify(policies),
      }),
      new CustomFunctionsMetadataPlugin({
        input: FUNCTION_SOURCES,
        output: "functions.json",
      }),
      new LocalizedMetadataPlugin(process.env.AWARD_HELP_URL || `${host}help.html`, FUNCTION_SOURCES),
      new SingleAssociationPlugin(),
      new SharedEntryModulesPlugin(),
      new HtmlWebpackPlugin({
        filename: "taskpane.html",
        template: "./src/taskpane/taskpane.html",
        chunks: ["functions", "taskpane"],
        chunksSortMode: "manual",
        scriptLoading: "defer",
        inject: "head",
      }),
      new CopyWebpackPlugin({
        patterns: [
          { from: "assets/*.png", to: "assets/[name][ext]" },
          {
            from: "manifest.xml",
            to: "manifest.xml",
            transform: {
              transformer: (content) => content.toString().split(DEV_HOST).join(host),
              cache: false,
            },
          },
          {
            from: "node_modules/@microsoft/office-js/dist",
            to: "office-js",
            globOptions: { ignore: ["**/*.debug.js", "**/*-vsdoc.js", "**/*.d.ts"] },
            info: { minimized: true },
          },
        ],
      }),
      ...(dev ? [] : [new FirstLoadSizePlugin()]),
    ],
    performance: {
      // office-js/ is Microsoft's, already minified and not ours to size; FirstLoadSizePlugin
      // reports what the pane loads.
      hints: false,
    },
    stats: dev ? "minimal" : "errors-warnings",
  };

  if (serving) {
    const https = await devHttpsOptions();
    config.devServer = {
      port: DEV_PORT,
      host: "localhost",
      // CORS for Office's own origins and this server's only, never a wildcard: another site in the
      // developer's browser must not read the sources (or their maps) from localhost.
      headers: (req) => corsHeaders(req.headers.origin),
      server: https ? { type: "https", options: https } : { type: "http" },
      static: false,
      hot: false,
      liveReload: true,
      client: { overlay: { errors: true, warnings: false } },
      devMiddleware: { writeToDisk: false },
    };
  }

  return config;
};

module.exports.corsHeaders = corsHeaders;
