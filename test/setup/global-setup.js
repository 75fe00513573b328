// Jest's globalSetup: builds what the tests run and a fresh clone lacks, before any test starts —
// the award-model bundle (lib/, about a second) when a source is newer than it. The tests that spawn
// award-model then start the built command, not the TypeScript sources.
"use strict";
const { execFileSync } = require("child_process");
const path = require("path");

module.exports = async function globalSetup() {
  execFileSync(process.execPath, [path.resolve(__dirname, "../../scripts/build-cli.js"), "--if-stale"], { stdio: "inherit" });
};
