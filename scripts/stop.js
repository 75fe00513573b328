#!/usr/bin/env node
// `npm stop`: stops what `npm start` started, as recorded in node_modules/.cache/award-model/.
"use strict";
const fs = require("fs");
const path = require("path");
const { spawnSync } = require("child_process");
const s = require("./dev-state");

async function main() {
  let stoppedSomething = false;
  let failed = false;

  if (fs.existsSync(s.DEBUGGING_FILE)) {
    const cli = s.officeAddinDebuggingCli();
    if (!cli) {
      console.error("npm start used office-addin-debugging, which is no longer installed: cannot unregister the add-in.");
      failed = true;
    } else {
      const r = spawnSync(process.execPath, [cli, "stop", s.MANIFEST], { cwd: s.ROOT, encoding: "utf8" });
      const out = `${r.stdout || ""}${r.stderr || ""}`;
      process.stdout.write(out);
      if (r.status === 0 && /Debugging has been stopped\./.test(out) && !/Unable to stop/.test(out)) {
        fs.rmSync(s.DEBUGGING_FILE, { force: true });
        stoppedSomething = true;
      } else {
        console.error("office-addin-debugging stop did not complete (see above).");
        failed = true;
      }
    }
  }

  const pid = s.readPid();
  if (pid) {
    if (s.isOurDevServer(pid)) {
      if (await s.stopTree(pid)) {
        console.log(`Stopped the dev server (pid ${pid}).`);
        stoppedSomething = true;
      } else {
        console.error(`Could not stop the dev server (pid ${pid}).`);
        failed = true;
      }
    } else {
      console.log(`The dev server recorded in ${path.relative(s.ROOT, s.PID_FILE)} (pid ${pid}) was not running.`);
    }
    if (!failed) fs.rmSync(s.PID_FILE, { force: true });
  }

  if (!stoppedSomething && !failed && !pid) console.log("Nothing to stop: npm start has not started anything.");
  if (failed) process.exit(1);
}

main().catch((err) => {
  console.error(err && err.stack ? err.stack : String(err));
  process.exit(1);
});
