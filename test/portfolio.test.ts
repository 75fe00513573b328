// PORTFOLIO: every rule of the texts applied to a table of applications. Amounts in 元, each worked
// out by hand from the clause named in the comment.
import Decimal from "decimal.js";
import { portfolio } from "../src/functions/budget";
import { budget, defaultEngine } from "../src/engine";
import { expectError } from "./helpers/call";
import { bindLimits } from "../src/engine/limits/apply";
import type { Limit } from "../src/engine/limits/types";
import { bi } from "../src/engine/text";

const H = ["recipient", "project", "policy", "programme", "route", "amount", "domestic", "date"];
type Row = unknown[];
/** PORTFOLIO's spill without its header: [award, cut by] per row. */
function run(rows: Row[], year?: unknown, method?: unknown, header: Row = H): [unknown, string][] {
  const out = portfolio([header, ...rows], year, method) as unknown[][];
  expect(out[0]).toEqual(["award", "cut by", "award on its own", "version", "programme", "year", "row"]);
  expect(out.length).toBe(rows.length + 1);
  return out.slice(1).map((r) => [r[0], r[1] as string]);
}
const engineRun = (rows: Row[], method: "fcfs" | "pro-rata" = "fcfs") =>
  budget.runPortfolio(defaultEngine().resolver, budget.readTable([H, ...rows], 2026).rows, { method, trace: true });

describe("caps per recipient", () => {
  // 滨江 2025 （六）: 30% (非国产) or 60% (国产) of last year's compute, 给予单家企业最高2000万元补助 (per company, in all).
  test("滨江 算力券: a company's projects share its 2000万", () => {
    expect(run([
      ["甲公司", "P1", "滨江", "compute", "", 20000000, true, "2026-03-01"], // 60% = 1200万
      ["甲公司", "P2", "滨江", "compute", "", 30000000, true, "2026-04-01"], // 60% = 1800万, 800万 left of 2000万
      ["乙公司", "P1", "滨江", "compute", "", 30000000, false, "2026-04-02"], // 30% = 900万, another company
      ["甲公司", "P3", "滨江", "compute", "", 10000000, true, "2027-03-01"], // 600万: the cap is per company, not per year
    ])).toEqual([[12000000, ""], [8000000, "recipient cap"], [9000000, ""], [0, "recipient cap"]]);
  });
  // 廊坊 item 2: 若同时满足两项奖励条件,按最高标准执行,每个单位每年最高享受100万元算力券 (shared by every 算力券 route).
  test("廊坊 算力券: 100万 a year per unit across the local-platform and major-project routes", () => {
    expect(run([
      ["丙", "X", "langfang", "compute", "local-platform", 1600000, "", "2025-02-01"], // 50% = 80万
      ["丙", "Y", "langfang", "compute", "major-project", 1000000, "", "2025-03-01"], // 60% = 60万, 20万 left
      ["丙", "Z", "langfang", "算力券", "local-platform", 400000, "", "2025-04-01"], // 20万, nothing left
      ["丙", "X", "廊坊", "compute", "local-platform", 1000000, "", "2026-01-02"], // a new year: 50万
    ])).toEqual([[800000, ""], [200000, "recipient cap"], [0, "recipient cap"], [500000, ""]]);
  });
  // 滨江 2023 item 9: 按照服务合同金额的50%给予算力补贴，单个主体年度补贴金额不超过100万元 (2024 resolves to the 2023 text).
  test("滨江 2023 算力补贴: 100万 per entity per year", () => {
    expect(run([
      ["癸", "A", "滨江", "compute", "", 1500000, "", "2024-05-01"], // 75万
      ["癸", "B", "滨江", "compute", "", 1500000, "", "2024-06-01"], // 75万, 25万 left
      ["癸", "C", "滨江", "compute", "", 1500000, "", "2025-05-01"], // before 2025-06-10 the 2023 text is in force: 75万, a new year's 100万
      ["癸", "D", "滨江", "compute", "", 1500000, "", "2025-07-01"], // from 2025-06-10 the 2025 text (（六）, 30%): 45万
    ])).toEqual([[750000, ""], [250000, "recipient cap"], [750000, ""], [450000, ""]]);
  });
});

describe("non-duplication", () => {
  // 滨江 2025 附则（一）: 同一产品、项目、标准获得多项资助(奖励)的,按“从优、从高、不重复”原则进行资助(奖励)。
  test("滨江: one project under 算力券, 语料券 and 模型券 is paid the highest only", () => {
    expect(run([
      ["丁", "训练平台", "滨江", "compute", "", 10000000, true, "2026-03-01"], // 600万
      ["丁", "训练平台", "滨江", "corpus", "", 5000000, "", "2026-03-02"], // 150万
      ["丁", "训练平台", "滨江", "model", "", 8000000, "", "2026-03-03"], // 240万 → 200万 cap
      ["丁", "推理平台", "滨江", "corpus", "", 5000000, "", "2026-03-04"], // another project: 150万
      ["丁", "", "滨江", "innovation", "", 1000000, "", "2026-03-05"], // no project named: 30万
    ])).toEqual([[6000000, ""], [0, "non-duplication"], [0, "cap; non-duplication"], [1500000, ""], [300000, ""]]);
  });
  test("滨江: the same company and project written two ways (全角 letters, case, spaces) are one project", () => {
    expect(run([
      ["丁ＡＢ公司", "ＡＩ 训练平台", "滨江", "compute", "", 10000000, true, "2026-03-01"], // 600万
      ["丁ab公司", "ai训练平台", "滨江", "corpus", "", 5000000, "", "2026-03-02"], // 150万: the same project, not the highest
    ])).toEqual([[6000000, ""], [0, "non-duplication"]]);
  });
  // 廊坊 附则(三): 同一企业同一项目仅享受其中一项政策,遵循就高原则。
  test("廊坊: one project on two routes is paid the higher", () => {
    expect(run([
      ["戊", "攻关项目", "langfang", "compute", "local-platform", 1000000, "", "2025-02-01"], // 50万
      ["戊", "攻关项目", "langfang", "compute", "major-project", 1000000, "", "2025-02-02"], // 60万: the higher
    ])).toEqual([[0, "non-duplication"], [600000, ""]]);
  });
  // 广州 第二十五条: 本措施规定的条款与本市相关政策同类或者重复的，按市级层面就高不重复原则实施。
  test("广州: a large model's compute and model vouchers for one project: the higher", () => {
    expect(run([
      ["己", "大模型", "guangzhou", "compute", "large-model", 30000000, "", "2026-02-01"], // 50%, cap 1000万
      ["己", "大模型", "guangzhou", "model", "first-purchaser", 2000000, "", "2026-02-02"], // 30% = 60万
    ])).toEqual([[10000000, "cap"], [0, "non-duplication"]]); // 1500万 on its own, capped at 1000万
  });
  test("the trace names the rule and quotes it", () => {
    const r = engineRun([
      ["己", "大模型", "guangzhou", "compute", "large-model", 30000000, "", "2026-02-01"],
      ["己", "大模型", "guangzhou", "model", "first-purchaser", 2000000, "", "2026-02-02"],
    ]);
    const step = r.rows[1].steps.find((s) => s.step === "non-duplication")!;
    expect(step.value).toMatch(/60万元 → 0元: the same project also qualifies for 算力券 compute:large-model \(clause 8\) \(row 2\)/);
    expect(step.quote).toBe("本措施规定的条款与本市相关政策同类或者重复的，按市级层面就高不重复原则实施。");
  });
});

describe("one-time awards and top-up on promotion", () => {
  // 廊坊 item 2: 用于落户我市的AI企业、科研机构,当年给予一次性50万元算力券奖励.
  // 广州 第十一条: 首次完成国家级生成式人工智能服务备案的，给予最高100万元一次性奖励.
  test("a one-time award is paid once per recipient", () => {
    expect(run([
      ["庚", "", "langfang", "compute", "new-entrant", "", "", "2025-03-01"],
      ["庚", "", "langfang", "compute", "new-entrant", 0, "", "2025-06-01"],
      ["辛", "服务A", "guangzhou", "model", "filing", "", "", "2026-03-01"],
      ["辛", "服务B", "guangzhou", "model", "filing", "", "", "2027-03-01"],
    ])).toEqual([[500000, ""], [0, "one-time"], [1000000, ""], [0, "one-time"]]);
  });
  // 滨江 2025 附则（一）: 同一奖项已作资助(奖励)的,晋升后补足资助(奖励)差额部分。
  // 滨江 2023 附则 2: 同一奖项在低等次已作资助（奖励）的，晋升到高等次时补足差额部分。
  test("滨江: an award already paid in part is topped up by the difference (补足差额)", () => {
    const out = portfolio([[...H, "paid before"],
      ["壬", "新模型", "滨江", "compute", "", 20000000, true, "2026-03-01", 5000000], // 1200万 − 500万
      ["壬", "旧模型", "滨江", "compute", "", 1500000, "", "2024-03-01", "30万"], // 2023 item 9: 75万 − 30万
      ["壬", "旧模型2", "滨江", "innovation", "", 1000000, "", "2026-03-01", 400000], // 30万 ≤ 40万 paid: nothing more
    ], 2026) as unknown[][];
    expect(out.slice(1).map((r) => [r[0], r[1]])).toEqual([[7000000, "top-up"], [450000, "top-up"], [0, "top-up"]]);
  });
  test("廊坊 has no top-up rule: an amount paid before is an error on a rate route, and ends a one-time award", () => {
    const out = portfolio([[...H, "已获资助"],
      ["庚", "X", "langfang", "compute", "local-platform", 1000000, "", "2025-03-01", 100000],
      ["庚", "", "langfang", "compute", "new-entrant", "", "", "2025-03-01", 500000],
    ], 2025) as unknown[][];
    expect(out[1][0]).toBe("#VALUE!");
    expect(out[1][1]).toMatch(/langfang@2023 has no top-up rule \(补足差额\)/);
    expect(out.slice(2).map((r) => [r[0], r[1]])).toEqual([[0, "one-time"]]);
  });
});

describe("rules on clause rows (through the clause hook)", () => {
  // A hook standing in for the clause catalogue: 滨江 2023 item 12 pays 分别给予最高50万元、30万元、10万元一次性支持
  // for national, provincial and municipal demonstration projects; the level is in the amount column here.
  const LEVELS: Record<string, number> = { national: 500000, provincial: 300000, municipal: 100000 };
  const resolver = defaultEngine().resolver;
  const base = { for: "project", period: "ever", sharedBy: "clause", quote: "一次性", source: "" } as const;
  const oneTime: Limit = { ...base, id: "one-time", counts: "awards", amount: new Decimal(1), name: bi("one-time", "一次性") };
  const topUp: Limit = { ...base, id: "top-up", counts: "money", amount: "own-award", name: bi("top-up", "补足差额") };
  const hook = (extraPools: Limit[] = []): budget.RowAwardFn => (app) => {
    const version = resolver.resolve(app.policy, app.year).version;
    const limits = [version.topUp ? topUp : oneTime, ...extraPools];
    return {
      kind: "clause", awardId: "12", label: bi("item 12", "第12项"), version, single: new Decimal(LEVELS[String(app.amount)]), binding: "lump-sum",
      limits: bindLimits(limits, budget.limitContext(app, version, "12", "level", "level")), steps: [],
    };
  };
  const table = (rows: Row[]) => budget.readTable([H, ...rows], 2024).rows;
  test("a later one-time award under the same clause is topped up by the difference where the version says 补足差额", () => {
    const r = budget.runPortfolio(resolver, table([
      ["甲", "示范项目", "滨江", "12", "", "municipal", "", "2024-01-10"],
      ["甲", "示范项目", "滨江", "12", "", "national", "", "2024-09-10"], // promoted: 50万 − 10万
      ["甲", "示范项目", "滨江", "12", "", "provincial", "", "2024-12-10"], // 30万 < 50万 already paid
    ]), { method: "fcfs", clauseAward: hook() });
    expect(r.rows.map((x) => [x.paid?.toNumber(), x.cuts.join("; ")])).toEqual([[100000, ""], [400000, "top-up"], [0, "top-up"]]);
  });
  test("the same without a top-up rule (廊坊): paid once", () => {
    const r = budget.runPortfolio(resolver, table([
      ["甲", "示范项目", "廊坊", "12", "", "municipal", "", "2024-01-10"],
      ["甲", "示范项目", "廊坊", "12", "", "national", "", "2024-09-10"],
    ]), { method: "fcfs", clauseAward: hook() });
    expect(r.rows.map((x) => [x.paid?.toNumber(), x.cuts.join("; ")])).toEqual([[100000, ""], [0, "one-time"]]);
  });
  test("two pools in a row: the first, then the second over what the first paid", () => {
    const pool = { counts: "money", for: "measure", period: "year", quote: "q", source: "", name: bi("pool", "资金总额") } as const;
    const pools: Limit[] = [
      { ...pool, id: "pool:small", sharedBy: "programme", amount: new Decimal(800000) },
      { ...pool, id: "pool:total", sharedBy: "version", amount: new Decimal(600000) },
    ];
    const r = budget.runPortfolio(resolver, table([
      ["甲", "A", "滨江", "12", "", "national", "", "2024-01-10"],
      ["乙", "A", "滨江", "12", "", "national", "", "2024-01-11"],
    ]), { method: "pro-rata", clauseAward: hook(pools) });
    // small pool: 50万 + 50万 > 80万 → 40万 each; total 60万 < 80万 → 30万 each
    expect(r.rows.map((x) => x.paid?.toNumber())).toEqual([300000, 300000]);
    expect(r.pools.map((p) => [p.pool, p.requested.toNumber(), p.awarded.toNumber()])).toEqual([["small", 1000000, 800000], ["total", 800000, 600000]]);
  });
});

describe("clause rows, priced by the clause catalogue", () => {
  const table = (rows: Row[], year: number) => portfolio([H, ...rows], year) as unknown[][];
  test("滨江 2023 item 12: a project promoted from municipal to national is topped up by the difference (附则 2)", () => {
    // 12. 分别给予最高50万元、30万元、10万元一次性支持; 附则 2: 晋升到高等次时补足差额部分
    const out = table([
      ["甲", "示范项目", "滨江", "12", "municipal", "", "", "2024-01-10"],
      ["甲", "示范项目", "滨江", "12", "national", "", "", "2024-09-10"],
      ["甲", "示范项目", "滨江", "12", "provincial", "", "", "2024-12-10"],
    ], 2024);
    expect(out.slice(1).map((r) => [r[0], r[1], r[2], r[3]])).toEqual([
      [100000, "", 100000, "hangzhou-binjiang@2023"],
      [400000, "top-up", 500000, "hangzhou-binjiang@2023"], // 50万 − 10万 already paid
      [0, "top-up", 300000, "hangzhou-binjiang@2023"], // 30万 is below the 50万 already paid
    ]);
  });
  test("广州: one project under 第七条 and 第八条 is paid the higher only (第二十五条 就高不重复)", () => {
    const out = table([
      ["甲", "Y", "广州", "7", "", "4000万", "", "2026-01-10"], // 第七条 30% of 4000万 = 1200万 (cap 2000万)
      ["甲", "Y", "广州", "compute", "", "3000万", "", "2026-02-10"], // 第八条 50% = 1500万, cap 300万
    ], 2026);
    expect(out.slice(1).map((r) => [r[0], r[1], r[2]])).toEqual([[12000000, "", 12000000], [0, "cap; non-duplication", 3000000]]);
  });
  test("a voucher clause is its programme: clause 8 of 广州 is 算力券, with its caps", () => {
    const out = table([["甲", "Z", "广州", "8", "large-model", "3000万", "", "2026-01-10"]], 2026);
    expect(out[1].slice(0, 3)).toEqual([10000000, "cap", 10000000]); // 50% of 3000万 = 1500万, cut to the large-model cap of 1000万
  });
  test("滨江 2023 item 14: 单次补贴额度不超过100万元 is per event, not per project over the years", () => {
    const out = table([["M", "峰会", "hangzhou-binjiang@2023", "14", "", "200万", "", "2023-09-01"], ["M", "峰会", "hangzhou-binjiang@2023", "14", "", "200万", "", "2024-09-01"]], 2024);
    expect(out.slice(1).map((r) => r[0])).toEqual([1000000, 1000000]); // 50% of 200万 of venue rent, 100万 each time
  });
  test("滨江 2025 （二十）: 单个活动最高补助100万元 each year of support (最长为 3 年)", () => {
    const out = table([["N", "大会", "滨江", "20", "", "300万", "", "2026-05-01"], ["N", "大会", "滨江", "20", "", "300万", "", "2027-05-01"]], 2026);
    expect(out.slice(1).map((r) => r[0])).toEqual([1000000, 1000000]);
  });
  test("滨江 2025 （十五）: the 模力社区 operator gets 每年…不超过500万元, however many rows in a year", () => {
    const out = table([["V", "运营", "滨江", "15", "operator", "", "", "2026-03-01"], ["V", "运营2", "滨江", "15", "operator", "", "", "2026-09-01"], ["V", "运营", "滨江", "15", "operator", "", "", "2027-03-01"]], 2026);
    expect(out.slice(1).map((r) => [r[0], r[1]])).toEqual([[5000000, ""], [0, "recipient cap"], [5000000, ""]]);
  });
  test("滨江 2025 （十一）（十二）: 给予单家企业最高50万元 / 30万元 is per enterprise", () => {
    const out = table([["W", "标杆", "滨江", "11", "", "", "", "2026-03-01"], ["W", "标杆", "滨江", "11", "", "", "", "2027-03-01"], ["X", "服务商", "滨江", "12", "", "", "", "2026-03-01"], ["X", "服务商2", "滨江", "12", "", "", "", "2026-06-01"]], 2026);
    expect(out.slice(1).map((r) => r[0])).toEqual([500000, 0, 300000, 0]);
  });
  test("one-time clause awards are once per project: two 成果 of one company each get item 12; a promoted one is topped up", () => {
    // 滨江 2023 item 12: 对成功落地并推广的人工智能重大应用成果…分别给予最高50万元、30万元、10万元一次性支持
    const out = table([
      ["甲", "成果一", "滨江", "12", "municipal", "", "", "2024-01-10"],
      ["甲", "成果二", "滨江", "12", "municipal", "", "", "2024-03-10"],
      ["甲", "成果一", "滨江", "12", "national", "", "", "2024-09-10"], // 成果一 promoted: 50万 − 10万
    ], 2024);
    expect(out.slice(1).map((r) => [r[0], r[1]])).toEqual([[100000, ""], [100000, ""], [400000, "top-up"]]);
    // 广州 第五条: 纳入国家级平台的给予一次性500万后补助，纳入省级平台的给予一次性200万后补助 — two platforms of one company
    const gz = table([["乙", "AI中心", "广州", "5", "provincial", "", "", "2025-05-01"], ["乙", "制造业中心", "广州", "5", "national", "", "", "2026-05-01"]], 2026);
    expect(gz.slice(1).map((r) => r[0])).toEqual([2000000, 5000000]);
  });
  test("an award in kind cannot join a cash portfolio: an error for the row", () => {
    const out = table([["甲", "X", "滨江", "10", "", "", "", "2024-01-10"]], 2024); // 2023 item 10: 10P of compute
    expect(out[1][0]).toBe("#VALUE!");
    expect(out[1][1]).toMatch(/clause 10 \(鼓励基础模型开发\) pays P \(in kind\), not 元/);
  });
});

describe("annual quotas", () => {
  // 广州 第九条: 每年择优评定不超过十个数据集标杆 … 给予牵头单位最高100万元奖励.
  test("广州 数据集标杆: ten a year, in date order", () => {
    const rows: Row[] = [];
    for (let i = 1; i <= 12; i++) rows.push([`单位${i}`, "数据集", "guangzhou", "data", "benchmark", "", "", `2026-04-${String(i).padStart(2, "0")}`]);
    rows.push(["单位13", "数据集", "guangzhou", "data", "benchmark", "", "", "2027-01-05"]); // next year's quota
    const r = run(rows);
    expect(r.slice(0, 10)).toEqual(new Array(10).fill([1000000, ""]));
    expect(r.slice(10)).toEqual([[0, "quota"], [0, "quota"], [1000000, ""]]);
  });
});

describe("annual pools", () => {
  // 廊坊 item 2: 每年总额不超过1000万元的算力券 … 当年给予一次性50万元算力券奖励. 25 newcomers ask 1250万.
  const newcomers: Row[] = Array.from({ length: 25 }, (_, i) => [`新企业${i + 1}`, "", "langfang", "compute", "new-entrant", "", "", 45658 + i]); // from 2025-01-01
  test("fcfs: the first twenty are paid, the pool runs out on the twentieth's day", () => {
    const r = run(newcomers, null, "fcfs");
    expect(r.slice(0, 20)).toEqual(new Array(20).fill([500000, ""]));
    expect(r.slice(20)).toEqual(new Array(5).fill([0, "pool"]));
    const e = engineRun(newcomers);
    expect(e.pools).toEqual([expect.objectContaining({ version: "langfang@2023", pool: "compute", year: 2025, rows: 25, exhaustion: 45658 + 19 })]);
    expect(e.pools[0].requested.toNumber()).toBe(12500000);
    expect(e.pools[0].awarded.toNumber()).toBe(10000000);
    expect(e.pools[0].remaining.toNumber()).toBe(0);
    expect(e.pools[0].unmet.toNumber()).toBe(2500000); // five newcomers' 50万 the 1000万 could not pay
    expect(e.pools[0].period).toBe("2025");
  });
  test("pro-rata: each gets 1000/1250 of 50万 = 40万", () => {
    expect(run(newcomers, null, "pro-rata")).toEqual(new Array(25).fill([400000, "pool"]));
  });
  // 广州 第二十七条: 本措施每年投入财政资金不超过5亿元 — one limit over every programme.
  test("广州: 5亿 a year shared by all programmes", () => {
    const rows: Row[] = Array.from({ length: 50 }, (_, i) => [`企业${i}`, "大模型", "广州", "compute", "large-model", 20000000, "", 46054 + i]); // 50 × 1000万
    rows.push(["数据空间牵头单位", "数据空间", "广州", "data", "data-space", 10000000, "", 46054 + 60]); // 30% = 300万: nothing left
    rows.push(["企业0", "推理", "广州", "compute", "large-model", 2000000, "", 46388]); // 2027-01-01: next year's 5亿
    const r = run(rows);
    expect(r.slice(0, 50).every(([a, c]) => a === 10000000 && c === "")).toBe(true);
    expect(r.slice(50)).toEqual([[0, "pool"], [1000000, ""]]);
  });
  test("year by year: what a pool did not pay does not count against later years' caps and one-time awards", () => {
    // 滨江 2025 （六）: nine companies take 9 × 1200万 = 1.08亿 of the 1亿 算力券 pool of 2026 before 甲 applies.
    const rows: Row[] = Array.from({ length: 9 }, (_, i) => [`企业${i}`, "P", "滨江", "compute", "", 20000000, true, 46054 + i]);
    rows.push(["甲", "P", "滨江", "compute", "", 20000000, true, "2026-12-01"]); // 1200万 asked, the pool is gone: 0
    rows.push(["甲", "P", "滨江", "compute", "", 30000000, true, "2027-03-01"]); // 1800万: all of 甲's 2000万 is still there
    // 廊坊 item 2: a settling voucher cut to 0 by the 2025 pool was never paid: the 2026 one is.
    for (let i = 0; i < 20; i++) rows.push([`廊坊${i}`, "", "langfang", "compute", "new-entrant", "", "", 45658 + i]);
    rows.push(["乙", "", "langfang", "compute", "new-entrant", "", "", "2025-06-01"]);
    rows.push(["乙", "", "langfang", "compute", "new-entrant", "", "", "2026-01-02"]);
    const r = run(rows);
    expect(r.slice(8, 11)).toEqual([[4000000, "pool"], [0, "pool"], [18000000, ""]]);
    expect(r.slice(-2)).toEqual([[0, "pool"], [500000, ""]]);
  });
  test("rules compose: a recipient cap, then the pool", () => {
    const rows: Row[] = [
      ["大户", "A", "langfang", "compute", "local-platform", 3000000, "", "2025-01-02"], // 150万 → 100万 shared cap (single award)
      ...Array.from({ length: 19 }, (_, i) => [`新企业${i + 1}`, "", "langfang", "compute", "new-entrant", "", "", 45660 + i]),
      ["大户", "B", "langfang", "compute", "major-project", 1000000, "", "2025-03-01"], // cap used up
    ];
    const r = run(rows);
    expect(r[0]).toEqual([1000000, "recipient cap"]); // the shared cap cuts the single award
    expect(r.slice(1, 19)).toEqual(new Array(18).fill([500000, ""])); // 100万 + 18 × 50万 = 1000万
    expect(r[19]).toEqual([0, "pool"]);
    expect(r[20]).toEqual([0, "recipient cap"]);
  });
});

describe("the table", () => {
  test("Chinese headers, columns in any order, extra columns ignored, blank rows kept in place", () => {
    const out = portfolio([
      ["备注", "金额", "申请单位", "政策", "项目类型", "项目", "国产", "申报日期"],
      ["x", "2000万", "甲", "滨江", "算力券", "P", "是", 46082],
      ["", "", "", "", "", "", "", ""],
      ["y", 1000000, "乙", "滨江", "创新券:standard", "Q", "", 46083],
    ], 2026) as unknown[][];
    expect(out.slice(1).map((r) => r.slice(0, 6))).toEqual([
      [12000000, "", 12000000, "hangzhou-binjiang@2025", "compute:standard", 2026],
      ["", "", "", "", "", ""],
      [300000, "", 300000, "hangzhou-binjiang@2025", "innovation:standard", 2026],
    ]);
  });
  test("the year: the year column, else the date's year, else the year argument", () => {
    const out = portfolio([[...H, "年度"],
      ["甲", "A", "滨江", "compute", "", 1000000, true, "", 2024], // 2023 text: 50%
      ["乙", "B", "滨江", "compute", "", 1000000, true, "2026-01-05", ""], // 2025 text: 60%
      ["丙", "C", "滨江", "compute", "", 1000000, true, "", ""], // year argument 2024
    ], 2024) as unknown[][];
    expect(out.slice(1).map((r) => [r[0], r[3], r[5]])).toEqual([
      [500000, "hangzhou-binjiang@2023", 2024], [600000, "hangzhou-binjiang@2025", 2026], [500000, "hangzhou-binjiang@2023", 2024],
    ]);
  });
  test("a bad row is an error in its own row, never 0, and the others are still computed", () => {
    const out = portfolio([H,
      ["甲", "A", "nowhere", "compute", "", 1, "", "2026-01-01"],
      ["甲", "A", "滨江", "（十）", "", 1, "", "2026-01-01"],
      ["甲", "A", "滨江", "compute", "", "", "", "2026-01-01"],
      ["甲", "A", "滨江", "compute", "", 1000000, "", "someday"],
      ["", "A", "滨江", "compute", "", 1000000, "", ""],
      ["甲", "A", "滨江", "数据券", "", 1000000, "", "2026-01-01"],
      ["甲", "B", "滨江", "compute", "", 1000000, "", "2026-01-01"],
    ], 2026) as unknown[][];
    const r = out.slice(1);
    expect(r.map((x) => x[0])).toEqual(["#VALUE!", "#VALUE!", "#VALUE!", "#VALUE!", "#VALUE!", "#N/A", 300000]);
    expect(r[0][1]).toMatch(/unknown jurisdiction "nowhere"/);
    // （十） pays a share of the investment (标杆型示范项目) or up to 500万 (省市标杆): the row must say which
    expect(r[1][1]).toMatch(/clause 10 \(拓展智能应用场景\) pays differently by route: name one; its routes are benchmark/);
    expect(r[2][1]).toMatch(/amount \(金额\) is empty: compute:standard pays a share of 上一年度实际租用算力结算费用/);
    expect(r[3][1]).toMatch(/date \(日期\) "someday" is not a date/);
    expect(r[4][1]).toMatch(/recipient \(申请单位\) is empty/);
    expect(r[5][1]).toMatch(/has no data voucher/);
    expect(r.map((x) => x[6])).toEqual([2, 3, 4, 5, 6, 7, 8]);
  });
  test("a table without a header row, or not a table", () => {
    expectError(() => portfolio([["甲", "A", "滨江", "compute", "", 1, "", ""]]), "#VALUE!", /first row must be a header row.*missing: recipient.*Table1\[#All\]/);
    expect(portfolio([H])).toEqual([["award", "cut by", "award on its own", "version", "programme", "year", "row"]]); // an empty Excel table
    expectError(() => portfolio([]), "#VALUE!", /table is empty/);
    expectError(() => portfolio([H, ["甲", "A", "滨江", "compute", "", 1, "", ""]], 2026, "lottery"), "#VALUE!", /fcfs/);
  });
  test("a clause row goes through the clause hook where one is given", () => {
    const resolver = defaultEngine().resolver;
    const { rows } = budget.readTable([H, ["甲", "A", "滨江", "（十）", "", 1000000, "", "2026-01-01"]], 2026);
    const version = resolver.resolve("滨江", 2026).version;
    const hook: budget.RowAwardFn = (app) => ({
      kind: "clause", awardId: app.programme, label: bi("clause 10", "第十条"), version, single: new Decimal(300000), binding: "rate", limits: [], steps: [],
    });
    const r = budget.runPortfolio(resolver, rows, { method: "fcfs", clauseAward: hook });
    expect(r.rows[0].paid?.toNumber()).toBe(300000);
  });
});

test("date order: by year, then date, undated rows after the dated ones of their year, then table order", () => {
  // 廊坊 item 2: 新落户 一次性50万元算力券, 每年总额不超过1000万元: twenty awards a year, first come first served.
  const rows: unknown[][] = [["乙0", "", "langfang", "compute", "new-entrant", "", "", ""]]; // undated, first in the table
  for (let k = 21; k >= 1; k--) rows.push([`甲${k}`, "", "langfang", "compute", "new-entrant", "", "", `2025-03-${String(k).padStart(2, "0")}`]);
  rows.push(["丙", "", "langfang", "compute", "new-entrant", "", "", "2024-12-31"]); // a year before, last in the table
  const result = budget.runPortfolio(defaultEngine().resolver, budget.readTable([H, ...rows], 2025).rows, { method: "fcfs" });
  const paid = new Map(result.rows.map((r) => [r.app!.recipient, r.paid!.toNumber()]));
  for (let k = 1; k <= 20; k++) expect(paid.get(`甲${k}`)).toBe(500000); // 3月1日–20日: within the 1000万 of 2025
  expect([paid.get("甲21"), paid.get("乙0"), paid.get("丙")]).toEqual([0, 0, 500000]); // 3月21日 and the undated row: the pool is used up; 2024 is its own year
});
