#!/usr/bin/env node
// award-model: the AWARD functions on the command line. Runs lib/award-model.js, the bundle that
// scripts/build-cli.js makes (npm ci, npm pack and the tests build it; after a change to src/ or
// policies/: npm run build:cli). Without the bundle (or with AWARD_CLI_SOURCES=1) it runs the
// TypeScript sources through tsx, which takes about ten times as long to start.
"use strict";
const path = require("path");
const bundle = path.join(__dirname, "../lib/award-model.js");
let built = process.env.AWARD_CLI_SOURCES !== "1";
if (built) {
  try {
    require.resolve(bundle);
  } catch {
    built = false;
  }
}
if (built) {
  require(bundle);
} else {
  require("tsx/cjs/api").register();
  require("../src/cli/bin.ts");
}
