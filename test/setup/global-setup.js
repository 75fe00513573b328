// Jest's globalSetup: builds what the tests run and a fresh clone lacks, before any test starts —
// the award-model bundle (lib/, about a second) when a source is newer than it. The tests that spawn
// award-model then start the built command, not the TypeScript sources.
"use strict";
const { execFileSync } = require("child_process");
const path = require("path");

module.exports = async function globalSetup() {
  // award-model answers in the locale's language: the tests expect English unless they set a locale
  // themselves (test/messages.test.ts), whatever the machine's LANG
  process.env.LC_ALL = "C.UTF-8";
  execFileSync(process.execPath, [path.resolve(__dirname, "../../scripts/build-cli.js"), "--if-stale"], { stdio: "inherit" });
};
