// The award-model command as a user runs it: a real process through bin/award-model.js.
import { spawnSync } from "child_process";
import * as path from "path";

const BIN = path.resolve(__dirname, "../bin/award-model.js");
function run(args: string[], input?: string) {
  const r = spawnSync(process.execPath, [BIN, ...args], { encoding: "utf8", input, timeout: 60000 });
  return { code: r.status, out: r.stdout, err: r.stderr };
}
const lines = (out: string) => out.trim().split("\n").map((l) => JSON.parse(l));

describe("award-model eval", () => {
  test("--json prints one line per formula", () => {
    const r = run(["eval", "--json",
      '=AWARD.COMPUTE_VOUCHER("hangzhou-binjiang","compute",20000000,TRUE,2026)', // （六）60% of 2000万
      '=COMPUTE_VOUCHER("guangzhou","compute:large-model","3000万",TRUE,2026)', // 第八条 50%, cap 1000万
      '=AWARD.ROUTES("langfang","compute",2024)',
    ]);
    expect(r.code).toBe(0);
    const [a, b, c] = lines(r.out);
    expect(a).toEqual({ formula: '=AWARD.COMPUTE_VOUCHER("hangzhou-binjiang","compute",20000000,TRUE,2026)', value: 12000000, error: null });
    expect(b.value).toBe(10000000);
    expect(c.value[0][0]).toBe("route");
    expect(c.value.slice(1).map((row: unknown[]) => [row[0], row[3], row[10]])).toEqual([
      ["local-platform", 0.5, ""], ["major-project", 0.6, ""], ["new-entrant", "", 500000],
    ]);
  });
  test("errors are JSON too, and the exit status is 1", () => {
    const r = run(["eval", "--json", '=AWARD.FUND_LIMIT("guangzhou","total",2026)', '=AWARD.FUND_LIMIT("hangzhou-binjiang","total",2026)']);
    expect(r.code).toBe(1);
    const [ok, bad] = lines(r.out);
    expect(ok.value).toBe(500000000); // 第二十七条 5亿元
    expect(bad).toEqual({ formula: '=AWARD.FUND_LIMIT("hangzhou-binjiang","total",2026)', value: null, error: { code: "#N/A", message: expect.stringMatching(/no measure-wide annual limit/) } });
  });
  test("--year sets the policy year of formulas that give none", () => {
    const r = run(["eval", "--json", "--year", "2024", '=AWARD.COMPUTE_VOUCHER("滨江","compute",1000000,TRUE)', '=AWARD.VERSION("滨江")']);
    expect(lines(r.out).map((l) => l.value)).toEqual([500000, "hangzhou-binjiang@2023"]); // 2023 text item 9: 50%
  });
  test("formulas from standard input", () => {
    const r = run(["eval", "--json", "-"], '=AWARD.VERSION("langfang",2025)\n# a comment\n\n=AWARD.FUND_LIMIT("廊坊","算力券",2025)\n');
    expect(lines(r.out).map((l) => l.value)).toEqual(["langfang@2023", 10000000]);
  });
  test("plain output", () => {
    const r = run(["eval", '=AWARD.COMPUTE_VOUCHER("langfang","compute:new-entrant",0,,2024)', '=AWARD.VERSION("nowhere")']);
    expect(r.out).toContain("\n  500000\n");
    expect(r.out).toMatch(/\n {2}#VALUE! unknown jurisdiction "nowhere"/);
    expect(r.code).toBe(1);
  });
  test("usage errors: message and exit status 2", () => {
    expect(run([]).code).toBe(2);
    const bad = run(["frobnicate"]);
    expect(bad.code).toBe(2);
    expect(bad.err).toMatch(/unknown command "frobnicate"/);
    expect(run(["eval", "--year", "soon", "=AWARD.POLICIES()"]).err).toMatch(/--year "soon" is not a year/);
    const early = run(["eval", "--year", "1899", "=AWARD.POLICIES()"]);
    expect([early.code, early.err]).toEqual([2, expect.stringMatching(/--year "1899" is not a year from 1900 to 9999/)]);
    const apart = run(["diff", "guangzhou", "langfang"]);
    expect([apart.code, apart.err]).toEqual([2, expect.stringMatching(/diff compares two versions of one jurisdiction/)]);
    expect(run(["eval", "--bogus", "=AWARD.POLICIES()"]).code).toBe(2);
  });
});

describe("award-model policies", () => {
  test("--json lists versions, status and windows", () => {
    const r = run(["policies", "--json"]);
    expect(r.code).toBe(0);
    const v = JSON.parse(r.out) as { key: string; status: string; window: { from: string; to: string } | null }[];
    // The five texts' versions (a city added as data adds its own rows: no list of versions here).
    expect(v.map((x) => [x.key, x.status, x.window])).toEqual(expect.arrayContaining([
      ["guangzhou@draft", "draft", { from: "2025-01-01", to: "2029-12-31" }],
      ["hangzhou-binjiang@2023", "final", { from: "2023-05-08", to: "2025-06-09" }],
      ["hangzhou-binjiang@2025-draft", "draft", null],
      ["hangzhou-binjiang@2025", "final", { from: "2025-06-10", to: "2028-06-09" }],
      ["langfang@2023", "final", { from: "2023-01-04", to: "2026-01-03" }],
    ]));
  });
  test("plain listing", () => {
    const r = run(["policies"]);
    expect(r.out).toMatch(/hangzhou-binjiang@2023\s+final\s+2023-05-08 to 2025-06-09\n.*杭高新〔2023〕5号/);
  });
});

test("eval prints a card as the card shows it: its names in the language, not the other language's kept for formulas", () => {
  // 滨江 2025 （六）: 5000万 of domestic compute × 60% = 3000万, capped at 2000万 a company
  const formula = '=AWARD.VOUCHER_DETAILS("滨江","算力券","5000万",TRUE,2026)';
  const en = spawnSync(process.execPath, [BIN, "eval", formula], { encoding: "utf8", env: { ...process.env, LC_ALL: "en_US.UTF-8" } }).stdout;
  expect(en).toMatch(/^ {2}award: 20000000$/m);
  expect(en).not.toMatch(/补贴额|条款/);
  const zh = spawnSync(process.execPath, [BIN, "eval", formula], { encoding: "utf8", env: { ...process.env, LC_ALL: "zh_CN.UTF-8" } }).stdout;
  expect(zh).toMatch(/^ {2}补贴额: 20000000$/m);
  expect(zh).not.toMatch(/^ {2}(award|clause):/m);
});
