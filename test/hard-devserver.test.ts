// Issue 12, finding 9: the dev server answers no origin but Office's and its own (no wildcard
// CORS), a production build ships no source maps, and a port already taken on ::1 is found.
import { spawn, spawnSync } from "child_process";
import * as net from "net";
import * as path from "path";

const ROOT = path.resolve(__dirname, "..");
// eslint-disable-next-line @typescript-eslint/no-require-imports
const webpackConfig = require("../webpack.config.js") as { corsHeaders(origin?: string): Record<string, string> };

test("CORS: Office on the web and the server itself are allowed by name; any other origin gets no Access-Control-Allow-Origin", () => {
  for (const evil of ["https://evil.example", "http://attacker.test:3000", "https://officeapps.live.com.evil.example", "null", undefined]) {
    expect(webpackConfig.corsHeaders(evil)["Access-Control-Allow-Origin"]).toBeUndefined();
  }
  expect(webpackConfig.corsHeaders("https://excel.officeapps.live.com")["Access-Control-Allow-Origin"]).toBe("https://excel.officeapps.live.com");
  expect(webpackConfig.corsHeaders("https://localhost:3000")["Access-Control-Allow-Origin"]).toBe("https://localhost:3000");
  expect(Object.values(webpackConfig.corsHeaders("https://excel.officeapps.live.com"))).not.toContain("*");
});

test("a production build has no source maps; a development build keeps them", () => {
  // in a process of its own: the config loads the policies through tsx, which jest's loader is not
  const devtool = (mode: string) =>
    spawnSync(process.execPath, ["-e", `require("./webpack.config.js")({}, { mode: "${mode}" }).then((c) => console.log(JSON.stringify(c.devtool)))`], { cwd: ROOT, encoding: "utf8" }).stdout.trim();
  expect(devtool("production")).toBe("false");
  expect(devtool("development")).toBe('"source-map"');
});

function listen(host: string): Promise<net.Server | null> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer(() => undefined); // holds connections, answers nothing
    srv.once("error", (e: NodeJS.ErrnoException) => (e.code === "EADDRNOTAVAIL" || e.code === "EAFNOSUPPORT" ? resolve(null) : reject(e)));
    srv.listen(0, host, () => resolve(srv));
  });
}

test("a program on [::1]:PORT (only there) is found before start", async () => {
  const srv = await listen("::1");
  if (!srv) {
    console.warn("no IPv6 loopback on this machine: the [::1] port test is skipped");
    return;
  }
  const port = (srv.address() as net.AddressInfo).port;
  try {
    const child = spawn(process.execPath, ["-e", 'require("./scripts/dev-state").portAnswers().then((b) => console.log(String(b)))'], { cwd: ROOT, env: { ...process.env, AWARD_DEV_PORT: String(port) } });
    let out = "";
    child.stdout.on("data", (d) => (out += d));
    await new Promise((resolve) => child.on("exit", resolve));
    expect(out.trim()).toBe("true");
  } finally {
    srv.close();
  }
  // and a free port is free
  const free = spawnSync(process.execPath, ["-e", 'require("./scripts/dev-state").portAnswers().then((b) => console.log(String(b)))'], { cwd: ROOT, env: { ...process.env, AWARD_DEV_PORT: String(port) }, encoding: "utf8" });
  expect(free.stdout.trim()).toBe("false");
});
