#!/usr/bin/env node
// npm run validate [-- DIR]: checks every policy file (default: policies/) as the build and the tests
// do — the schema, every quote verbatim in its source text, every number in its quote, the files
// fitting together — and lists each fault with its file and JSON path. Exit 1 on any fault.
"use strict";
const path = require("path");
require("tsx/cjs/api").register();
const { POLICY_DIR, readPolicyFiles } = require("../src/engine/load-files.ts");

const dir = process.argv[2] ? path.resolve(process.argv[2]) : POLICY_DIR;
try {
  const files = readPolicyFiles(dir);
  console.log(`${files.length} policy files in ${dir}: valid (schema, quotes, numbers, cross-checks).`);
} catch (err) {
  console.error(err && err.message ? err.message : String(err));
  process.exitCode = 1;
}
