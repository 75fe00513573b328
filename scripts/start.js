#!/usr/bin/env node
// `npm start`
//  - Windows/macOS with office-addin-debugging installed: `office-addin-debugging start
//    manifest.xml desktop --app excel` (starts the dev server, sideloads into Excel desktop),
//    and checks that it really worked: the tool prints its errors but still exits 0.
//  - otherwise (Linux, or the optional package missing): builds and serves the add-in with
//    webpack-dev-server in the background over HTTPS (a CA and localhost certificate generated into
//    .dev-certs/ by scripts/dev-certs.js: no root, no trust store touched), waits for the first
//    build, checks every file Excel loads is served and the certificate is the one generated, opens
//    the preview in a browser where there is a display, and prints how to trust the certificate and
//    sideload manifest.xml into Excel on the web. Exits non-zero, saying why, when any step fails.
// `npm stop` stops whatever this started (state in node_modules/.cache/award-model/).
"use strict";
const fs = require("fs");
const path = require("path");
const { spawn, spawnSync } = require("child_process");
const s = require("./dev-state");
const devCerts = require("./dev-certs");

const START_TIMEOUT_MS = Number(process.env.AWARD_START_TIMEOUT_MS) || 180000;
const rel = (p) => path.relative(process.cwd(), p) || ".";

function fail(message, details) {
  console.error(`\nnpm start FAILED: ${message}`);
  if (details) console.error(details);
  process.exit(1);
}

function webSideloadHelp(paneUrl) {
  const lines = [
    "Sideload into Excel on the web:",
    "  1. Open a workbook in Excel on the web (https://www.office.com), in the browser that trusts the certificate (above).",
    "  2. Insert > Add-ins > Upload My Add-in (newer ribbons: Home > Add-ins > More Add-ins > Upload My Add-in).",
    `  3. Choose ${s.MANIFEST} and Upload; type =AWARD. in a cell, or open Home > Award Pane (测算面板).`,
  ];
  if (s.PORT !== 3000) lines.push(`  NOTE: this server is on port ${s.PORT} (AWARD_DEV_PORT) but manifest.xml points at port 3000: Excel will not find it.`);
  return lines.join("\n");
}

/** How to make a browser trust the generated CA (nothing here needs root except the system store). */
function trustHelp(paneUrl) {
  const ca = rel(devCerts.CA);
  return [
    `Trust the development certificate (CA: ${ca}; generated here, valid 30 days, installed nowhere):`,
    `  - quickest: open ${paneUrl} once in the browser you use for Excel and accept the warning`,
    "    (Chrome/Edge: Advanced > Proceed to localhost; the add-in loads for the rest of the session);",
    `  - Chrome/Edge on Linux, lasting: certutil -d sql:$HOME/.pki/nssdb -A -t "C,," -n "award-model dev CA" -i ${ca}`,
    "    (certutil is in libnss3-tools), or Settings > Privacy and security > Security > Manage certificates > Authorities > Import;",
    `  - Firefox: Settings > Privacy & Security > Certificates > View Certificates > Authorities > Import ${ca};`,
    `  - system-wide (curl, node; needs root): sudo cp ${ca} /usr/local/share/ca-certificates/award-model-dev.crt && sudo update-ca-certificates.`,
  ].join("\n");
}

/** Opens url in the desktop's browser where there is one; true only when the opener reported success. */
function openInBrowser(url) {
  if (process.env.AWARD_NO_OPEN === "1" || process.env.CI) return false;
  if (process.platform === "linux" && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY) return false;
  const opener = process.platform === "darwin" ? "open" : process.platform === "win32" ? "explorer" : "xdg-open";
  const r = spawnSync(opener, [url], { stdio: "ignore", timeout: 10000 });
  return !r.error && r.status === 0;
}

async function startWithOfficeAddinDebugging(cli) {
  const args = [
    cli,
    "start",
    s.MANIFEST,
    "desktop",
    "--app",
    "excel",
    "--dev-server",
    "npm run dev-server",
    "--dev-server-port",
    String(s.PORT),
  ];
  console.log(`Starting Excel desktop with the add-in: office-addin-debugging ${args.slice(1).join(" ")}`);
  s.ensureStateDir();
  // Record before running: a half-done start (dev server up, sideload failed) is undone by `npm stop`.
  fs.writeFileSync(s.DEBUGGING_FILE, JSON.stringify({ manifest: s.MANIFEST, startedAt: new Date().toISOString() }, null, 2));
  let output = "";
  const code = await new Promise((resolve) => {
    const child = spawn(process.execPath, args, { cwd: s.ROOT, stdio: ["inherit", "pipe", "pipe"] });
    child.stdout.on("data", (d) => {
      output += d;
      process.stdout.write(d);
    });
    child.stderr.on("data", (d) => {
      output += d;
      process.stderr.write(d);
    });
    child.on("error", (err) => {
      output += `\n${err.message}`;
      resolve(-1);
    });
    child.on("exit", (c) => resolve(c === null ? -1 : c));
  });

  const problems = [];
  if (code !== 0) problems.push(`office-addin-debugging exited with code ${code}`);
  if (!/^(Debugging started\.|Started\.)\s*$/m.test(output)) problems.push('it never printed "Debugging started."');
  for (const line of output.split(/\r?\n/)) if (/Unable to|^Error:/.test(line)) problems.push(line.trim());
  let paneUrl = null;
  for (let i = 0; i < 10 && !paneUrl; i++) {
    paneUrl = await s.findPaneUrl();
    if (!paneUrl) await s.sleep(1000);
  }
  if (!paneUrl) problems.push(`nothing serves the pane at https://localhost:${s.PORT}${s.PANE_PATH}`);
  else if (paneUrl.startsWith("http:")) {
    problems.push(`the pane is served over plain HTTP (${paneUrl}): no trusted dev certificate, Excel will not load it`);
  }
  if (problems.length > 0) {
    fail("Excel desktop was not started with the add-in.", `  - ${problems.join("\n  - ")}\nRun \`npm stop\` to undo what was set up.`);
  }
  console.log(`\nExcel desktop is starting with the add-in sideloaded (pane: ${paneUrl}).`);
  console.log("Type =AWARD. in a cell, or open Home > Award Pane. Stop with: npm stop");
}

async function startDevServer(desktopNote) {
  const existing = s.readPid();
  if (existing && s.isOurDevServer(existing)) {
    const url = await s.findPaneUrl();
    if (url) {
      console.log(`The dev server started by npm start is already running (pid ${existing}): ${url}`);
      console.log(`${webSideloadHelp(url)}\n${desktopNote}\nStop with: npm stop`);
      return;
    }
    fail(`a dev server started earlier (pid ${existing}) is running but does not serve the pane; run \`npm stop\` first.`);
  }
  if (existing) fs.rmSync(s.PID_FILE, { force: true }); // stale
  if (await s.portAnswers()) {
    fail(`port ${s.PORT} is already in use by another program; stop it first (the manifest expects localhost:${s.PORT}).`);
  }

  s.ensureStateDir();
  const log = fs.openSync(s.LOG_FILE, "w");
  const webpackCli = require.resolve("webpack-cli/bin/cli.js", { paths: [s.ROOT] });
  console.log(`Building and serving the add-in (webpack serve --mode development), log: ${rel(s.LOG_FILE)}`);
  const child = spawn(process.execPath, [webpackCli, "serve", "--mode", "development"], {
    cwd: s.ROOT,
    detached: true,
    windowsHide: true,
    stdio: ["ignore", log, log],
    env: process.env,
  });
  fs.closeSync(log);
  let exited = null;
  child.on("exit", (code, signal) => {
    exited = signal || `code ${code}`;
  });
  fs.writeFileSync(s.PID_FILE, `${child.pid}\n`);
  child.unref();

  const deadline = Date.now() + START_TIMEOUT_MS;
  let paneUrl = null;
  while (!paneUrl) {
    if (exited) {
      fs.rmSync(s.PID_FILE, { force: true });
      fail(`the dev server exited (${exited}) before serving the pane.`, s.tail(s.LOG_FILE));
    }
    if (Date.now() > deadline) {
      await s.stopTree(child.pid);
      fs.rmSync(s.PID_FILE, { force: true });
      fail(`the dev server did not serve the pane within ${START_TIMEOUT_MS / 1000} s (stopped it).`, s.tail(s.LOG_FILE));
    }
    await s.sleep(1000);
    paneUrl = await s.findPaneUrl();
  }

  // The pane answers once the first build is done: check that build, and the other files.
  const logText = fs.readFileSync(s.LOG_FILE, "utf8");
  const base = paneUrl.slice(0, -s.PANE_PATH.length);
  const missing = [];
  for (const f of ["/", "/functions.js", "/functions.json", "/functions-zh.json", "/help.html", "/taskpane.js", "/office-js/office.js", "/manifest.xml"]) {
    const r = await s.probe(base + f, 10000);
    if (!r || r.status !== 200) missing.push(`${f} (${r ? r.status : "no answer"})`);
  }
  if (/compiled with \d+ errors?|Failed to compile|^ERROR\b/m.test(logText) || missing.length > 0) {
    await s.stopTree(child.pid);
    fs.rmSync(s.PID_FILE, { force: true });
    fail(
      "the first build failed (dev server stopped).",
      (missing.length ? `not served: ${missing.join(", ")}\n` : "") + s.tail(s.LOG_FILE, 40),
    );
  }

  // The certificate served must be the generated one (then trusting its CA is enough), checked with TLS verification on.
  let certNote = "";
  if (paneUrl.startsWith("https:")) {
    const ca = fs.existsSync(devCerts.CA) ? fs.readFileSync(devCerts.CA) : null;
    const verified = ca ? await s.probe(paneUrl, 10000, { ca, rejectUnauthorized: true }) : null;
    certNote = verified && verified.status === 200
      ? trustHelp(paneUrl)
      : `The server's certificate is not the one in ${rel(devCerts.DIR)}/ (office-addin-dev-certs' own, if installed, is used instead).`;
  }

  console.log(`\nDev server running (pid ${child.pid}); it rebuilds when sources or policies/ change.`);
  console.log(`Served: taskpane.html (also at /), functions.js, functions.json, functions-zh.json, office-js/office.js, manifest.xml at ${base}/`);
  if (paneUrl.startsWith("http:")) {
    console.log(
      [
        "WARNING: no development certificate could be made (see the log), so this is plain HTTP. The preview",
        "works, but Excel (web or desktop) only loads add-ins over HTTPS. Excel was NOT given the add-in.",
      ].join("\n"),
    );
  }
  const opened = openInBrowser(paneUrl);
  console.log(`Pane in preview mode (a plain browser, no Excel): ${paneUrl}${opened ? " (opened in your browser)" : ""}`);
  if (certNote) console.log(certNote);
  console.log(webSideloadHelp(paneUrl));
  console.log(desktopNote);
  console.log("Stop with: npm stop");
}

async function main() {
  const desktopCapable = process.platform === "win32" || process.platform === "darwin";
  const cli = desktopCapable ? s.officeAddinDebuggingCli() : null;
  if (cli) return startWithOfficeAddinDebugging(cli);
  const note = desktopCapable
    ? "Excel desktop was NOT started: office-addin-debugging (optional dependency) is not installed; `npm install` it, or sideload manually."
    : `Desktop sideloading is not available on this OS (${process.platform}): Excel desktop runs on Windows and macOS only.`;
  return startDevServer(note);
}

main().catch((err) => fail(err && err.stack ? err.stack : String(err)));
