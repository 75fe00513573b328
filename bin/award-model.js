#!/usr/bin/env node
// award-model: the AWARD functions on the command line. Runs the TypeScript sources through tsx,
// so `npx award-model` works right after `npm ci`, with no build step.
require("tsx/cjs/api").register();
// A closed pipe (award-model policies | head) ends the output quietly.
process.stdout.on("error", (err) => {
  if (err && err.code === "EPIPE") process.exit(process.exitCode || 0);
  throw err;
});
const { main } = require("../src/cli/main.ts");
main(process.argv.slice(2), { stdout: process.stdout, stderr: process.stderr, stdin: process.stdin }).then(
  (code) => {
    process.exitCode = code;
  },
  (err) => {
    process.stderr.write(`award-model: ${err && err.stack ? err.stack : err}\n`);
    process.exitCode = 2;
  },
);
