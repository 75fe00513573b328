// The built add-in as Excel runs it (the production build, made into .test-build/ by
// test/helpers/addin-build.ts): its functions.json against Excel's rule that a range reaches a
// custom function only through a matrix parameter, and its functions.js loaded with Microsoft's own
// custom-functions runtime and a stub host (test/helpers/cf-runtime.ts), every function called as
// Excel calls it: ranges as 2-D arrays, omitted arguments as null, the invocation appended last.
import * as fs from "fs";
import * as path from "path";
import { FUNCTION_TABLE } from "../src/functions/function-table";
import { ensureAddinBuilt } from "./helpers/addin-build";
import { loadHost, RESULT_CODES, type Host } from "./helpers/cf-runtime";

jest.setTimeout(180000);

interface Param { name: string; description: string; optional?: boolean; dimensionality?: string }
interface Fn { id: string; parameters: Param[] }

/** Every parameter that takes a range (a table, a column of amounts, name/value pairs). */
const RANGE_PARAMETERS: Record<string, string[]> = {
  PORTFOLIO: ["applications"],
  FUND_EXHAUSTION: ["dates", "amounts"],
  ALLOCATE: ["requests"],
  FORECAST: ["monthly_applications", "amounts"],
  BUDGET_FORECAST: ["pipeline"],
  CLAUSE: ["inputs"],
  EXPLAIN: ["inputs"],
};

const APPLICATIONS = [
  ["recipient", "policy", "programme", "amount", "date"],
  ["A", "hangzhou-binjiang", "compute", 2000000, "2026-03-01"],
  ["B", "hangzhou-binjiang", "compute", 3000000, "2026-04-01"],
];

/** One call of each function, with the arguments a sheet would give it (explicit years: no clock). */
const CALLS: Record<string, unknown[]> = {
  COMPUTE_VOUCHER: ["hangzhou-binjiang", "compute", 2000000, false, 2026],
  ROUTES: ["hangzhou-binjiang", "compute", 2026],
  FUND_LIMIT: ["hangzhou-binjiang", "compute", 2026],
  VERSION: ["guangzhou", 2026],
  POLICIES: [],
  VOUCHER_DETAILS: ["hangzhou-binjiang", "compute", 2000000, null, 2026],
  CLAUSE: ["guangzhou", "7", [[1500000]], null, 2026],
  CLAUSES: ["guangzhou", 2026],
  EXPLAIN: ["guangzhou", "7", [[1500000]], null, 2026],
  PORTFOLIO: [APPLICATIONS, 2026],
  FUND_EXHAUSTION: [100, [[46000], [46001]], [[60], [60]]],
  ALLOCATE: [100, [[60], [60]]],
  FORECAST: [1000000, [[2]], [[100000], [200000]], 3, 100, 1],
  BUDGET_FORECAST: [APPLICATIONS, 20, 1, null, null, 2026],
};

let metadata: Fn[];
let dist = "";
const DIST_DIR = () => dist;
let host: Host;
const byId = (id: string) => metadata.find((f) => f.id === id)!;
/** The arguments as Excel passes them: one per parameter, an omitted one as null. */
const asExcel = (id: string, args: unknown[]) => byId(id).parameters.map((_, i) => (i < args.length ? args[i] : null));
const call = async (id: string, args: unknown[]) => (await host.invoke([{ id, args: asExcel(id, args) }]))[0];

beforeAll(async () => {
  dist = await ensureAddinBuilt();
  metadata = (JSON.parse(fs.readFileSync(path.join(dist, "functions.json"), "utf8")) as { functions: Fn[] }).functions;
  host = loadHost(fs.readFileSync(path.join(dist, "functions.js"), "utf8"));
});
afterAll(() => host?.close());

test("every range parameter in functions.json is a matrix, and every other one a single value", () => {
  for (const f of metadata) {
    for (const p of f.parameters) {
      const range = (RANGE_PARAMETERS[f.id] ?? []).includes(p.name);
      expect([f.id, p.name, p.dimensionality ?? "scalar"]).toEqual([f.id, p.name, range ? "matrix" : "scalar"]);
    }
  }
  // a parameter described as a range, table or column must be one (a new function cannot forget it)
  for (const f of metadata) for (const p of f.parameters) {
    if (/\b(range|table|column)\b/i.test(p.description)) expect([f.id, p.name, p.dimensionality]).toEqual([f.id, p.name, "matrix"]);
  }
});

test("the runtime has every function associated exactly once, and nothing else", () => {
  expect([...host.associated].sort()).toEqual(Object.keys(FUNCTION_TABLE).sort());
  expect(new Set(host.associated).size).toBe(host.associated.length);
  expect(host.warnings.filter((w) => /Duplicated|InvalidArg/.test(w))).toEqual([]);
  expect(metadata.map((f) => f.id).sort()).toEqual(Object.keys(FUNCTION_TABLE).sort());
});

test("each function, called by the runtime as Excel calls it, answers what the function answers", async () => {
  const ids = Object.keys(CALLS);
  expect(ids.sort()).toEqual(Object.keys(FUNCTION_TABLE).sort());
  const outcomes = await host.invoke(ids.map((id) => ({ id, args: asExcel(id, CALLS[id]) })));
  for (const [i, id] of ids.entries()) {
    const direct = FUNCTION_TABLE[id].fn(...asExcel(id, CALLS[id]));
    expect([id, outcomes[i]]).toEqual([id, { ok: true, value: JSON.parse(JSON.stringify(direct)) }]);
  }
});

test("ranges reach the functions whole", async () => {
  // 广州 第七条: 按照项目固定资产投入的30%补助，最高不超过2000万元 — 150万元 × 30% = 45万元
  expect(await call("CLAUSE", ["guangzhou", "7", [[1500000]], null, 2026])).toEqual({ ok: true, value: 450000 });
  // a two-column range of name/value pairs
  expect(await call("CLAUSE", ["guangzhou", "7", [["investment", 1500000]], null, 2026])).toEqual({ ok: true, value: 450000 });
  // first come first served: the second request of 60 gets the 40 left of 100
  expect(await call("ALLOCATE", [100, [[60], [60]]])).toEqual({ ok: true, value: [[60], [40]] });
  expect(await call("ALLOCATE", [100, [[60, 60]], "pro-rata"])).toEqual({ ok: true, value: [[50, 50]] });
  // the running total reaches 100 with the second amount, on its date
  expect(await call("FUND_EXHAUSTION", [100, [[46000], [46001]], [[60], [60]]])).toEqual({ ok: true, value: 46001 });
  // a table with its header row: one row of results per application, the header first
  const p = await call("PORTFOLIO", [APPLICATIONS, 2026]);
  expect(p.ok).toBe(true);
  expect((p.value as unknown[][]).length).toBe(3);
  // 滨江 2025 算力券: 30% of the spend (2,000,000 and 3,000,000)
  expect((p.value as unknown[][]).slice(1).map((r) => r[0])).toEqual([600000, 900000]);
});

test("a single value where a range is taken arrives as a 1×1 range and is read as that value", async () => {
  const [allocated, explained] = await host.invoke([
    { id: "ALLOCATE", args: asExcel("ALLOCATE", [100, [[160]]]) },
    { id: "EXPLAIN", args: asExcel("EXPLAIN", ["guangzhou", "7", [[1500000]], null, 2026]) },
  ]);
  // one request of 160 from a pool of 100 gets the 100
  expect(allocated).toEqual({ ok: true, value: [[100]] });
  // the same steps as for the single value 1500000 given outside Excel
  expect(explained.value).toEqual(FUNCTION_TABLE.EXPLAIN.fn("guangzhou", "7", 1500000, null, 2026));
});

test("bad input is an Excel error with a message, never a crash", async () => {
  const [jurisdiction, requests, years] = await host.invoke([
    { id: "VERSION", args: asExcel("VERSION", ["nowhere", null]) },
    { id: "ALLOCATE", args: asExcel("ALLOCATE", [100, [["lots"]]]) },
    { id: "FORECAST", args: asExcel("FORECAST", [1000000, [[2]], [[100000]], 3, 100001, 1]) },
  ]);
  expect(jurisdiction.errorCode).toBe(RESULT_CODES["#VALUE!"]);
  expect(jurisdiction.message).toMatch(/nowhere/);
  expect(requests.errorCode).toBe(RESULT_CODES["#VALUE!"]);
  expect(requests.message).toMatch(/lots/);
  expect([RESULT_CODES["#VALUE!"], RESULT_CODES["#NUM!"]]).toContain(years.errorCode);
});

test("the build for tests (AWARD_OFFICE_JS=local) loads the package's office.js, copied whole, from its own host", () => {
  const html = fs.readFileSync(path.join(dist, "taskpane.html"), "utf8");
  expect(html).toMatch(/<script[^>]*src="?office-js\/office\.js"?/);
  expect(html).not.toMatch(/appsforoffice\.microsoft\.com/);
  const copied = fs.readFileSync(path.join(dist, "office-js/office.js"));
  expect(copied.equals(fs.readFileSync(path.resolve(__dirname, "../node_modules/@microsoft/office-js/dist/office.js")))).toBe(true);
});

test("in a Chinese Excel (displayLanguage zh-CN) the messages are Chinese", async () => {
  const zhHost = loadHost(fs.readFileSync(path.join(DIST_DIR(), "functions.js"), "utf8"), "zh-CN");
  try {
    const [unknown, domestic] = await zhHost.invoke([
      { id: "VERSION", args: asExcel("VERSION", ["nowhere", null]) },
      { id: "COMPUTE_VOUCHER", args: asExcel("COMPUTE_VOUCHER", ["滨江", "算力券", 2000000, "maybe", 2026]) },
    ]);
    expect(unknown.message).toMatch(/^未知地区 "nowhere"/);
    expect(domestic.message).toMatch(/不是 TRUE 或 FALSE/);
    for (const m of [unknown.message!, domestic.message!]) expect(m.replace(/"[^"]*"/g, "")).not.toMatch(/\b[A-Za-z]{2,} [A-Za-z]{2,} [A-Za-z]{2,}\b/);
  } finally {
    zhHost.close();
  }
});
