/* eslint-disable no-console */
// Builds the add-in: one shared-runtime page (taskpane.html) that loads office.js, then the
// `functions` chunk (custom functions, registered with CustomFunctions.associate) and the
// `taskpane` chunk (React UI). Also emits functions.json (custom functions metadata), the
// manifest (URLs rewritten to $ADDIN_HOST in production), the icons and, with AWARD_OFFICE_JS=local,
// office.js itself (otherwise the page loads it from Office's CDN). The plugins are in webpack/.
//
//   npx webpack --mode production          -> dist/
//   npx webpack serve --mode development   -> https://localhost:3000/ (http if no dev certs)
"use strict";

// TypeScript for node (the policy loader below): tsx 4's CommonJS API, scoped to this file.
const tsx = require("tsx/cjs/api").register({ namespace: "award-model-webpack" });

const fs = require("fs");
const path = require("path");
const webpack = require("webpack");
const HtmlWebpackPlugin = require("html-webpack-plugin");
const CopyWebpackPlugin = require("copy-webpack-plugin");
const CustomFunctionsMetadataPlugin = require("custom-functions-metadata-plugin");
const { SingleAssociationPlugin } = require("./webpack/single-association-plugin");
const { SharedEntryModulesPlugin } = require("./webpack/shared-entry-modules-plugin");
const { LocalizedMetadataPlugin } = require("./webpack/localized-metadata-plugin");
const { FirstLoadSizePlugin } = require("./webpack/first-load-size-plugin");
const { devHttpsOptions } = require("./webpack/dev-https");
const { corsHeaders } = require("./webpack/cors");

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

/** Office's CDN copy of office.js, which Microsoft's store validation requires of a production add-in. */
const OFFICE_JS_CDN = "https://appsforoffice.microsoft.com/lib/1/hosted/office.js";

/**
 * Where the page loads office.js from: AWARD_OFFICE_JS=cdn (Office's CDN; the default of a production
 * build) or local (the @microsoft/office-js package's copy, served as office-js/office.js: the default
 * of a development build and the dev server, and what the tests and air-gapped intranets use).
 */
function officeJsSource(dev) {
  const v = process.env.AWARD_OFFICE_JS || (dev ? "local" : "cdn");
  if (v !== "cdn" && v !== "local") throw new Error(`AWARD_OFFICE_JS=${v}: give cdn or local`);
  return v;
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
  const localOfficeJs = officeJsSource(dev) === "local";

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
      new SingleAssociationPlugin(REGISTER_SOURCE, FUNCTION_SOURCES, ROOT),
      new SharedEntryModulesPlugin(),
      new HtmlWebpackPlugin({
        filename: "taskpane.html",
        template: "./src/taskpane/taskpane.html",
        chunks: ["functions", "taskpane"],
        chunksSortMode: "manual",
        scriptLoading: "defer",
        inject: "head",
        officeJs: localOfficeJs ? "office-js/office.js" : OFFICE_JS_CDN,
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
          ...(localOfficeJs
            ? [{
                from: "node_modules/@microsoft/office-js/dist",
                to: "office-js",
                globOptions: { ignore: ["**/*.debug.js", "**/*-vsdoc.js", "**/*.d.ts"] },
                info: { minimized: true },
              }]
            : []),
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
    const https = await devHttpsOptions(DEV_PORT);
    config.devServer = {
      port: DEV_PORT,
      host: "localhost",
      // CORS for Office's own origins and this server's only, never a wildcard: another site in the
      // developer's browser must not read the sources (or their maps) from localhost.
      headers: (req) => corsHeaders(req.headers.origin, DEV_PORT),
      server: https ? { type: "https", options: https } : { type: "http" },
      static: false,
      hot: false,
      liveReload: true,
      client: { overlay: { errors: true, warnings: false } },
      // https://localhost:3000/ is the pane
      devMiddleware: { writeToDisk: false, index: "taskpane.html" },
    };
  }

  return config;
};

module.exports.corsHeaders = (origin) => corsHeaders(origin, DEV_PORT);
