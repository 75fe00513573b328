// `npm start` on Linux as a new user runs it: serves the add-in over HTTPS with a certificate it
// generated (no root, no trust store), says so only when it is true, and `npm stop` undoes it. Never
// on port 3000 (AWARD_DEV_PORT moves the dev server; AWARD_STATE_DIR and AWARD_CERT_DIR keep this
// test's state apart from a developer's own `npm start`).
import { spawn, spawnSync } from "child_process";
import * as fs from "fs";
import * as https from "https";
import * as net from "net";
import * as os from "os";
import * as path from "path";

const ROOT = path.resolve(__dirname, "..");
const onLinux = process.platform === "linux";

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once("error", reject);
    srv.listen(0, "127.0.0.1", () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
  });
}

function run(script: string, env: Record<string, string>, cwd = ROOT) {
  const r = spawnSync(process.execPath, [path.join(cwd, "scripts", script)], {
    cwd,
    env: { ...process.env, AWARD_NO_OPEN: "1", ...env },
    encoding: "utf8",
    timeout: 240000,
  });
  return { status: r.status, out: `${r.stdout}${r.stderr}` };
}

/** GET with TLS verification against the given CA only. */
function get(url: string, ca: Buffer): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    https
      .get(url, { ca, rejectUnauthorized: true }, (res) => {
        let body = "";
        res.setEncoding("utf8");
        res.on("data", (d) => (body += d));
        res.on("end", () => resolve({ status: res.statusCode ?? 0, body }));
      })
      .on("error", reject);
  });
}

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "award-start-"));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

(onLinux ? describe : describe.skip)("npm start on Linux", () => {
  test("serves over HTTPS with a generated certificate, prints how to trust it and sideload, and npm stop undoes it", async () => {
    const port = await freePort();
    const env = { AWARD_DEV_PORT: String(port), AWARD_STATE_DIR: path.join(tmp, "state"), AWARD_CERT_DIR: path.join(tmp, "certs") };
    const start = run("start.js", env);
    try {
      expect(start.out).not.toMatch(/FAILED/);
      expect(start.status).toBe(0);
      expect(start.out).toContain(`Pane in preview mode (a plain browser, no Excel): https://localhost:${port}/taskpane.html`);
      expect(start.out).toMatch(/Trust the development certificate \(CA: .*certs\/ca\.crt; generated here, valid 30 days, installed nowhere\)/);
      expect(start.out).toMatch(/Upload My Add-in/);
      expect(start.out).toMatch(new RegExp(`this server is on port ${port} \\(AWARD_DEV_PORT\\) but manifest\\.xml points at port 3000`));
      // the generated CA verifies what is served, and what Excel loads is there
      const ca = fs.readFileSync(path.join(tmp, "certs", "ca.crt"));
      for (const f of ["taskpane.html", "functions.js", "functions.json", "functions-zh.json", "office-js/office.js", "manifest.xml"]) {
        expect([f, (await get(`https://localhost:${port}/${f}`, ca)).status]).toEqual([f, 200]);
      }
      // https://localhost:PORT/ is the pane itself, not a 404
      const root = await get(`https://localhost:${port}/`, ca);
      expect([root.status, /<div id="root">/.test(root.body)]).toEqual([200, true]);
      // the development CA is named for this project, not like Microsoft's
      expect(new (require("crypto").X509Certificate)(ca).subject).toMatch(/AI Subsidy Award Model development CA/);
      const zh = JSON.parse((await get(`https://localhost:${port}/functions-zh.json`, ca)).body) as { functions: { id: string; name: string }[] };
      expect(zh.functions.find((f) => f.id === "COMPUTE_VOUCHER")?.name).toBe("券补贴金额");
      // a second start finds it running and says so
      const again = run("start.js", env);
      expect(again.status).toBe(0);
      expect(again.out).toMatch(/already running/);
    } finally {
      const stop = run("stop.js", env);
      expect(stop.out).toMatch(/Stopped the dev server/);
      expect(stop.status).toBe(0);
    }
    await expect(get(`https://localhost:${port}/taskpane.html`, Buffer.from(""))).rejects.toThrow();
    expect(run("stop.js", env).out).toMatch(/Nothing to stop/);
  }, 240000);

  test("fails, exit 1, when the port is taken by another program", async () => {
    const port = await freePort();
    // another program on the port (a child process: spawnSync below blocks this one)
    const other = spawn(process.execPath, [
      "-e",
      `require("net").createServer((s) => s.end("HTTP/1.1 200 OK\\r\\nContent-Length: 2\\r\\n\\r\\nno")).listen(${port}, "localhost", () => console.log("up"))`,
    ]);
    await new Promise<void>((resolve, reject) => {
      other.stdout.once("data", () => resolve());
      other.once("exit", (c) => reject(new Error(`the port holder exited (${c})`)));
    });
    try {
      const r = run("start.js", { AWARD_DEV_PORT: String(port), AWARD_STATE_DIR: path.join(tmp, "state-busy") });
      expect(r.status).toBe(1);
      expect(r.out).toMatch(new RegExp(`npm start FAILED: port ${port} is already in use`));
      expect(r.out).not.toMatch(/Dev server running/);
    } finally {
      other.kill();
    }
  });

  test("fails, exit 1, naming the file, when a policy file is broken (and leaves nothing running)", async () => {
    const port = await freePort();
    const tree = path.join(tmp, "tree");
    for (const p of ["webpack.config.js", "webpack", "scripts", "src", "policies", "README.md", "manifest.xml", "tsconfig.json", "package.json", "assets"]) {
      fs.cpSync(path.join(ROOT, p), path.join(tree, p), { recursive: true });
    }
    fs.symlinkSync(path.join(ROOT, "node_modules"), path.join(tree, "node_modules"), "dir");
    const file = path.join(tree, "policies/langfang/2023.yaml");
    fs.writeFileSync(file, fs.readFileSync(file, "utf8").replace("value: 60%", "value: -60%"));
    const env = { AWARD_DEV_PORT: String(port), AWARD_STATE_DIR: path.join(tmp, "state-broken"), AWARD_CERT_DIR: path.join(tmp, "certs") };
    const r = run("start.js", env, tree);
    expect(r.status).toBe(1);
    expect(r.out).toMatch(/npm start FAILED: the dev server exited/);
    expect(r.out).toMatch(/policies\/langfang\/2023\.yaml: \/clauses\/1\/routes\/1\/rate\/value/);
    expect(r.out).not.toMatch(/Dev server running/);
    expect(run("stop.js", env, tree).out).toMatch(/Nothing to stop/);
  }, 120000);
});
