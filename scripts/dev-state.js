// Shared by scripts/start.js and scripts/stop.js: where `npm start` records what it started,
// and small process/HTTP helpers. State lives in node_modules/.cache/award-model/:
//   dev-server.pid   pid of the detached webpack-dev-server started by `npm start` (Linux path)
//   dev-server.log   its output
//   debugging.json   present when `npm start` used office-addin-debugging (Windows/macOS)
"use strict";
const fs = require("fs");
const path = require("path");
const http = require("http");
const https = require("https");
const net = require("net");
const { spawnSync } = require("child_process");

const ROOT = path.resolve(__dirname, "..");
const STATE_DIR = process.env.AWARD_STATE_DIR ? path.resolve(process.env.AWARD_STATE_DIR) : path.join(ROOT, "node_modules", ".cache", "award-model");
const PID_FILE = path.join(STATE_DIR, "dev-server.pid");
const LOG_FILE = path.join(STATE_DIR, "dev-server.log");
const DEBUGGING_FILE = path.join(STATE_DIR, "debugging.json");
const MANIFEST = path.join(ROOT, "manifest.xml");
/** The manifest's port; AWARD_DEV_PORT moves the dev server elsewhere (tests only: the manifest says 3000). */
const PORT = Number(process.env.AWARD_DEV_PORT) || 3000;
const PANE_PATH = "/taskpane.html";

function ensureStateDir() {
  fs.mkdirSync(STATE_DIR, { recursive: true });
}

function readPid() {
  try {
    const pid = Number.parseInt(fs.readFileSync(PID_FILE, "utf8").trim(), 10);
    return Number.isInteger(pid) && pid > 0 ? pid : null;
  } catch {
    return null;
  }
}

function isAlive(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return err.code === "EPERM";
  }
}

/** True when pid is alive and (where the OS lets us look) is a webpack process of ours. */
function isOurDevServer(pid) {
  if (!isAlive(pid)) return false;
  if (process.platform === "linux") {
    try {
      const cmdline = fs.readFileSync(`/proc/${pid}/cmdline`, "utf8").split("\0").join(" ");
      return /webpack/.test(cmdline);
    } catch {
      return false;
    }
  }
  if (process.platform === "darwin") {
    const r = spawnSync("ps", ["-p", String(pid), "-o", "command="], { encoding: "utf8" });
    return r.status === 0 && /webpack/.test(r.stdout);
  }
  return true; // win32: the pid file is the record
}

/** GET url; resolves { status, body } or null when nothing answers (or, with tls.rejectUnauthorized, the certificate fails). */
function probe(url, timeoutMs = 3000, tls = {}) {
  return new Promise((resolve) => {
    const lib = url.startsWith("https:") ? https : http;
    const options = url.startsWith("https:") ? { rejectUnauthorized: false, ...tls, timeout: timeoutMs } : { timeout: timeoutMs };
    const req = lib.get(url, options, (res) => {
      let body = "";
      res.setEncoding("utf8");
      res.on("data", (d) => {
        if (body.length < 200000) body += d;
      });
      res.on("end", () => resolve({ status: res.statusCode, body }));
    });
    req.on("timeout", () => req.destroy(new Error("timeout")));
    req.on("error", () => resolve(null));
  });
}

/** The URL the dev server answers on (https preferred), or null. */
async function findPaneUrl() {
  for (const scheme of ["https", "http"]) {
    const url = `${scheme}://localhost:${PORT}${PANE_PATH}`;
    const r = await probe(url);
    if (r && r.status === 200 && /office-js\/office\.js/.test(r.body)) return url;
  }
  return null;
}

/** Anything listening on the port at all (whatever it serves)? */
async function portAnswers() {
  for (const scheme of ["https", "http"]) {
    if (await probe(`${scheme}://localhost:${PORT}/`, 1500)) return true;
  }
  // "localhost" may be 127.0.0.1 or ::1: a program on either address holds the port for us
  for (const host of ["127.0.0.1", "::1"]) if (await portBusyOn(host)) return true;
  return false;
}

/** True when something listens on host:PORT (binding fails with EADDRINUSE); false where the address does not exist. */
function portBusyOn(host) {
  return new Promise((resolve) => {
    const srv = net.createServer();
    srv.once("error", (e) => resolve(e.code === "EADDRINUSE" || e.code === "EACCES"));
    srv.listen({ port: PORT, host, exclusive: true }, () => srv.close(() => resolve(false)));
  });
}

function tail(file, lines = 30) {
  try {
    return fs.readFileSync(file, "utf8").split("\n").slice(-lines).join("\n");
  } catch {
    return "";
  }
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** Stops a process tree we started (detached, so it leads its own process group). */
async function stopTree(pid) {
  if (process.platform === "win32") {
    spawnSync("taskkill", ["/pid", String(pid), "/T", "/F"], { stdio: "ignore" });
  } else {
    try {
      process.kill(-pid, "SIGTERM");
    } catch {
      try {
        process.kill(pid, "SIGTERM");
      } catch {
        /* already gone */
      }
    }
    for (let i = 0; i < 50 && isAlive(pid); i++) await sleep(100);
    if (isAlive(pid)) {
      try {
        process.kill(-pid, "SIGKILL");
      } catch {
        try {
          process.kill(pid, "SIGKILL");
        } catch {
          /* already gone */
        }
      }
    }
  }
  for (let i = 0; i < 20 && isAlive(pid); i++) await sleep(100);
  return !isAlive(pid);
}

function officeAddinDebuggingCli() {
  try {
    const pkg = require.resolve("office-addin-debugging/package.json", { paths: [ROOT] });
    const bin = require(pkg).bin;
    const rel = typeof bin === "string" ? bin : bin && bin["office-addin-debugging"];
    return rel ? path.join(path.dirname(pkg), rel) : null;
  } catch {
    return null;
  }
}

module.exports = {
  ROOT,
  STATE_DIR,
  PID_FILE,
  LOG_FILE,
  DEBUGGING_FILE,
  MANIFEST,
  PORT,
  PANE_PATH,
  ensureStateDir,
  readPid,
  isAlive,
  isOurDevServer,
  probe,
  findPaneUrl,
  portAnswers,
  tail,
  sleep,
  stopTree,
  officeAddinDebuggingCli,
};
