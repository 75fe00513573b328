// The task pane's models: scenarios side by side, pool exhaustion, versions per jurisdiction for
// a year. Values worked out from the texts (clauses named), computed by the real engine.
import Decimal from "decimal.js";
import { defaultEngine, engineWith } from "../src/engine";
import { compareScenarios, comparisonTable, scenarioFormula } from "../src/taskpane/model/compare";
import { fundExhaustion, parseDate } from "../src/taskpane/model/exhaustion";
import { editableFields, jurisdictionViews } from "../src/taskpane/model/years";
import { entriesFromCells, entriesText, excelSerialToIso, parseEntries } from "../src/taskpane/model/entries";
import { entriesFor, poolRows } from "../src/taskpane/model/pools";
import type { Scenario } from "../src/workbook/state";

const S = (id: string, jurisdiction: string, amount = "5000万", programme = "compute"): Scenario => ({ id, label: id, jurisdiction, programme, amount, domestic: true });

describe("compareScenarios: 5000万 of domestic compute", () => {
  const scenarios = [S("bj23", "hangzhou-binjiang@2023"), S("bj25", "hangzhou-binjiang@2025"), S("gz", "guangzhou@draft"), S("lf", "langfang@2023")];
  const results = compareScenarios(defaultEngine(), scenarios, 2026, "bj25");
  const by = (id: string) => results.find((r) => r.scenario.id === id)!;

  test("award, rate, cap and the binding limit of each text", () => {
    // 滨江 2023 (算力): 服务合同金额的50%, 单个主体年度补贴金额不超过100万元 → 2500万 capped at 100万
    expect(by("bj23")).toMatchObject({ ok: true, binding: "cap" });
    expect(by("bj23").award!.toString()).toBe("1000000");
    expect(by("bj23").rate!.toString()).toBe("0.5");
    // 滨江 2025 （六）: 60% (国产) → 3000万, 单家企业最高2000万元 → 2000万
    expect(by("bj25").award!.toString()).toBe("20000000");
    expect(by("bj25").rate!.toString()).toBe("0.6");
    expect(by("bj25").cap!.toString()).toBe("20000000");
    // 广州 draft clause 8: 50%, over the 100万 threshold, capped at 300万 a year
    expect(by("gz").award!.toString()).toBe("3000000");
    expect(by("gz").binding).toBe("cap");
    // 廊坊: 使用算力资源费用的50%; 每个单位每年最高享受100万元算力券 (shared by the routes)
    expect(by("lf").award!.toString()).toBe("1000000");
    expect(by("lf").binding).toBe("recipient-cap");
    expect(by("lf").version).toBe("langfang@2023");
  });

  test("difference from the baseline (滨江 2025)", () => {
    expect(by("bj25").diff!.toString()).toBe("0");
    expect(by("bj23").diff!.toString()).toBe("-19000000");
    expect(by("gz").diff!.toString()).toBe("-17000000");
  });

  test("a scenario that cannot compute carries the engine's error, the others still compute", () => {
    const r = compareScenarios(defaultEngine(), [S("x", "nowhere"), S("y", "langfang@2023", "-5")], 2026, "x");
    expect(r[0]).toMatchObject({ ok: false, award: null, error: { code: "#VALUE!" } });
    expect(r[0].error!.message).toMatch(/unknown jurisdiction "nowhere"/);
    expect(r[1].error!.message).toMatch(/negative/);
  });

  test("a bare name follows the year: 滨江 in 2024 is the 2023 text, in 2026 the 2025 text", () => {
    expect(compareScenarios(defaultEngine(), [S("a", "滨江")], 2024, null)[0].award!.toString()).toBe("1000000");
    expect(compareScenarios(defaultEngine(), [S("a", "滨江")], 2026, null)[0].award!.toString()).toBe("20000000");
  });

  test("the sheet table holds live AWARD formulas over the input cells, and differences as formulas", () => {
    const table = comparisonTable(scenarios.slice(0, 2), "bj25", { sheet: "s", title: "t", header: ["a", "b", "c", "d", "e", "f", "g", "h"] });
    expect(table.rows[0]).toEqual(["bj23", "hangzhou-binjiang@2023", "compute", "5000万", true, "=AWARD.COMPUTE_VOUCHER(B4,C4,D4,E4)", "=AWARD.VERSION(B4)", "=F4-F$5"]);
    expect(table.rows[1][7]).toBe("=F5-F$5");
    expect(scenarioFormula({ ...S("z", "滨江", "50000000"), domestic: false })).toBe('=AWARD.COMPUTE_VOUCHER("滨江","compute",50000000,FALSE)');
  });
});

describe("where a scenario's award comes from", () => {
  test("a draft with an assumed window says so, with its clause and the sentence of the cap that bound", () => {
    // 广州 draft 第八条: 大模型 50%, cap "可适当放宽限制至不超过1000万元"; 3000万 × 50% = 1500万 → the cap binds
    const [r] = compareScenarios(defaultEngine(), [S("gz", "guangzhou", "3000万", "compute:large-model")], 2026, null);
    expect(r.award!.toString()).toBe("10000000");
    expect(r.source).toMatchObject({ clause: "8", documentNumber: null, draft: true, windowAssumed: true });
    expect(r.source!.quote).toMatch(/1000万元/);
  });
  test("a final text in force: its document number, no marks", () => {
    // 滨江 2025 （六）: 60% of 5000万 domestic = 3000万, capped at 2000万 (给予单家企业最高2000万元补助)
    const [r] = compareScenarios(defaultEngine(), [{ ...S("bj", "滨江"), domestic: true }], 2026, null);
    expect(r.source).toMatchObject({ clause: "6", documentNumber: "杭高新〔2025〕9号", draft: false, windowAssumed: false });
    expect(r.source!.quote).toMatch(/最高2000万元/);
  });
});

describe("scenarios naming a clause", () => {
  test("computed by the clause catalogue, with its route; written as CLAUSE formulas", () => {
    const scenarios = [
      S("gz7", "guangzhou@draft", "4000万", "7"), // 第七条: 项目固定资产投入的30%, 最高不超过2000万元 → 1200万
      S("bj12", "hangzhou-binjiang@2023", "", "12:national"), // 2023 item 12: 国家 最高50万元 (no rate: the maximum)
      S("gz8", "guangzhou@draft", "3000万", "第八条:large-model"), // a voucher clause: 50%, cap 1000万
    ];
    const r = compareScenarios(defaultEngine(), scenarios, 2026, "gz7");
    expect(r.map((x) => [x.ok, x.award?.toString(), x.programme])).toEqual([
      [true, "12000000", "clause 7:standard"], [true, "500000", "clause 12:national"], [true, "10000000", "clause 8:large-model"],
    ]);
    expect(r[0].rate!.toString()).toBe("0.3");
    expect(r[1].diff!.toString()).toBe("-11500000");
    const table = comparisonTable(scenarios, "gz7", { sheet: "s", title: "t", header: ["a", "b", "c", "d", "e", "f", "g", "h"] });
    expect(table.rows.map((row) => row[5])).toEqual(['=AWARD.CLAUSE(B4,"7",D4)', '=AWARD.CLAUSE(B5,"12",D5,"national")', '=AWARD.CLAUSE(B6,"8",D6,"large-model")']);
    expect(scenarioFormula(scenarios[0])).toBe('=AWARD.CLAUSE("guangzhou@draft","7","4000万")');
  });
  test("the scenario form offers the clauses that pay cash after the programmes", () => {
    const { programmeOptions } = require("../src/taskpane/ScenariosView") as typeof import("../src/taskpane/ScenariosView");
    const values = programmeOptions(defaultEngine(), "hangzhou-binjiang@2023", 2024).map((o) => o.value);
    expect(values[0]).toBe("compute"); // item 9, the compute programme
    expect(values).toEqual(expect.arrayContaining(["12:national", "12:provincial", "12:municipal", "2"]));
    expect(values).not.toContain("10"); // item 10 pays 10P of compute, in kind
    expect(values).not.toContain("4"); // item 4: 房租补贴支持, no amount
  });
  test("the scenario form names a route the file names in Chinese only by its Chinese name, in English too (测试市)", () => {
    const { programmeOptions } = require("../src/taskpane/ScenariosView") as typeof import("../src/taskpane/ScenariosView");
    const { cityEngine } = require("./helpers/test-city") as typeof import("./helpers/test-city");
    const details = (lang: "en" | "zh") => programmeOptions(cityEngine(), "testcity", 2024, lang).map((o) => [o.value, o.detail]);
    expect(details("en")).toEqual([["compute", "标准"], ["compute:new-entrant", "新设企业"], ["1", "研发补助 — 研发投入"]]);
    expect(details("zh")).toEqual([["compute", "标准"], ["compute:new-entrant", "新设企业"], ["1", "研发补助 — 研发投入"]]);
  });
  test("a clause paid in kind cannot be compared in 元", () => {
    const [r] = compareScenarios(defaultEngine(), [S("p", "hangzhou-binjiang@2023", "", "10")], 2024, null); // item 10: 10P of compute
    expect(r).toMatchObject({ ok: false, error: { code: "#N/A" } });
    expect(r.error!.message).toMatch(/pays P \(in kind\), not 元/);
  });
});

describe("fundExhaustion", () => {
  // 廊坊 clause 2: 每年总额不超过1000万元的算力券 → FUND_LIMIT("langfang","compute") = 1000万
  const limit = defaultEngine().fundLimit("langfang@2023", "compute", null, 2025).amount;

  test("the pool runs out on the commitment that reaches it; that one is paid the remainder", () => {
    expect(limit.toString()).toBe("10000000");
    const r = fundExhaustion(limit, [
      { date: "2025-05-10", amount: "400万" },
      { date: "2025-03-01", amount: 3000000 }, // out of order: sorted by date
      { date: "2025-08-01", amount: "250万" },
      { date: "2025-10-15", amount: "100万" },
      { date: "2025-11-20", amount: "10万" },
    ]);
    expect(r.points.map((p) => p.cumulative.toNumber())).toEqual([3e6, 7e6, 9.5e6, 10.5e6, 10.6e6]);
    expect(r.exhaustedOn).toBe("2025-10-15");
    expect(r.points[3].paid.toString()).toBe("500000");
    expect(r.points[4].paid.toString()).toBe("0");
    expect(r.paid.toString()).toBe("10000000");
    expect(r.shortfall.toString()).toBe("600000");
    expect(r.remaining.toString()).toBe("0");
  });

  test("reaching the limit exactly exhausts it; staying under does not; exact decimals (no float drift)", () => {
    expect(fundExhaustion(new Decimal("0.3"), [{ date: "2026-01-01", amount: 0.1 }, { date: "2026-01-02", amount: 0.2 }]).exhaustedOn).toBe("2026-01-02");
    const under = fundExhaustion(limit, [{ date: "2026-01-01", amount: "999万" }]);
    expect(under.exhaustedOn).toBeNull();
    expect(under.remaining.toString()).toBe("10000");
  });

  test("bad dates and amounts are refused with the line", () => {
    expect(() => fundExhaustion(limit, [{ date: "2026-02-30", amount: 1 }])).toThrow(/not a date/);
    expect(() => fundExhaustion(limit, [{ date: "2026-02-01", amount: "lots" }])).toThrow(/amount on line 1/);
    expect(parseDate("2026/3/1")).toBe("2026-03-01");
    expect(parseDate("2026年3月1日")).toBe("2026-03-01");
  });

  test("entries typed or pasted from Excel, with an optional pool", () => {
    expect(parseEntries("2026-01-15, 2000万, 甲公司\n\n2026-02-20\t1,800,000\t乙\n2026-03-01 1,000,000.50\n2026-04-01, 300万, , 语料券\n2026-05-01\t5\t丙 公司\tcorpus")).toEqual([
      { date: "2026-01-15", amount: "2000万", label: "甲公司" },
      { date: "2026-02-20", amount: "1,800,000", label: "乙" },
      { date: "2026-03-01", amount: "1,000,000.50" },
      { date: "2026-04-01", amount: "300万", pool: "语料券" },
      { date: "2026-05-01", amount: "5", label: "丙 公司", pool: "corpus" },
    ]);
    const round = [{ date: "2026-04-01", amount: "300万", pool: "corpus" }, { date: "2026-04-02", amount: "1", label: "x" }];
    expect(parseEntries(entriesText(round))).toEqual(round);
  });

  test("per pool: 滨江 2025 算力券 (1亿) and 语料券 (5000万) each run out on their own commitments", () => {
    // （六） 每年安排最高1亿元“算力券”; （七） 每年安排5000万元“语料券”
    const entries = [
      { date: "2026-01-10", amount: "6000万" }, // no pool: the chosen one (compute)
      { date: "2026-02-01", amount: "3000万", pool: "corpus" },
      { date: "2026-03-01", amount: "5000万", pool: "算力券" },
      { date: "2026-04-01", amount: "2500万", pool: "语料券" },
    ];
    const engine = defaultEngine();
    const rows = poolRows(engine, "hangzhou-binjiang@2025", 2026, entries, "compute");
    expect(rows.map((r) => [r.id, r.limit.toNumber(), r.result.committed.toNumber(), r.result.exhaustedOn])).toEqual([
      ["compute", 1e8, 1.1e8, "2026-03-01"],
      ["corpus", 5e7, 5.5e7, "2026-04-01"],
    ]);
    const v = engine.version("hangzhou-binjiang@2025", null, 2026);
    expect(entriesFor(engine, v, entries, "corpus", "compute")).toHaveLength(2);
    expect(() => poolRows(engine, "hangzhou-binjiang@2025", 2026, [{ date: "2026-01-01", amount: "1", pool: "数据券" }], "compute")).toThrow(/line 1: pool "数据券"/);
  });

  test("the measure-wide limit counts every commitment: 广州 total 5亿", () => {
    // 第二十七条: 本措施每年投入财政资金不超过5亿元
    const rows = poolRows(defaultEngine(), "guangzhou@draft", 2026, [{ date: "2026-01-01", amount: "3亿", pool: "compute" }, { date: "2026-06-01", amount: "2亿", pool: "model" }], "total");
    expect(rows).toHaveLength(1);
    expect(rows[0].result.exhaustedOn).toBe("2026-06-01");
  });
});

test("an applications table read from the sheet: header skipped, serial dates converted", () => {
  expect(excelSerialToIso(46037)).toBe("2026-01-15");
  expect(excelSerialToIso(45658)).toBe("2025-01-01");
  expect(entriesFromCells([["Date", "Amount", "Company"], [46037, 20000000, "甲"], ["2026-02-20", "1800万", ""], ["", "", ""]])).toEqual([
    { date: "2026-01-15", amount: "20000000", label: "甲" },
    { date: "2026-02-20", amount: "1800万" },
  ]);
});

describe("jurisdictionViews", () => {
  test("2027: 廊坊's only text expired on 2026-01-03, so nothing is in force; 滨江 uses the 2025 text", () => {
    const views = jurisdictionViews(defaultEngine(), 2027, {});
    const lf = views.find((v) => v.id === "langfang")!;
    expect(lf.inUse).toBeNull();
    expect(lf.warning).toEqual({ kind: "none-in-force" });
    const bj = views.find((v) => v.id === "hangzhou-binjiang")!;
    expect(bj.inUse).toBe("hangzhou-binjiang@2025");
    expect(bj.warning).toBeNull();
  });

  test("2025: 滨江's 2025 text is in force only from 2025-06-10 (the 2023 text before): flagged as part of the year", () => {
    const bj = jurisdictionViews(defaultEngine(), 2025, {}).find((v) => v.id === "hangzhou-binjiang")!;
    expect(bj.inUse).toBe("hangzhou-binjiang@2025");
    expect(bj.partial).toEqual({ key: "hangzhou-binjiang@2025", from: "2025-06-10", to: "2028-06-09" });
    // 2026 is wholly inside the window
    expect(jurisdictionViews(defaultEngine(), 2026, {}).find((v) => v.id === "hangzhou-binjiang")!.partial).toBeNull();
  });

  test("a pin outside its window is flagged: the 2023 text in 2026 was repealed on 2025-06-10", () => {
    const engine = engineWith({ pins: { "hangzhou-binjiang": "2023" } });
    const bj = jurisdictionViews(engine, 2026, { "hangzhou-binjiang": "2023" }).find((v) => v.id === "hangzhou-binjiang")!;
    expect(bj.inUse).toBe("hangzhou-binjiang@2023");
    expect(bj.byYear).toBe("hangzhou-binjiang@2025");
    expect(bj.warning).toEqual({ kind: "pinned-outside", key: "hangzhou-binjiang@2023", reason: { kind: "repealed", date: "2025-06-10", by: "hangzhou-binjiang@2025" } });
    const draft = jurisdictionViews(engine, 2026, { "hangzhou-binjiang": "2025-draft" }).find((v) => v.id === "hangzhou-binjiang")!;
    expect(draft.warning).toMatchObject({ reason: { kind: "never" } });
  });

  test("editable fields of a version carry their current values", () => {
    const v = defaultEngine().version("hangzhou-binjiang@2025", null, 2026);
    const fields = editableFields(v);
    expect(fields.find((f) => f.field === "compute:standard.rate")!.current).toBe("30%");
    expect(fields.find((f) => f.field === "compute:standard.domesticRate")!.current).toBe("60%");
    expect(fields.find((f) => f.field === "compute.pool")!.current).toBe("1亿元");
  });
});
