// Rules that act across applications and years, each worked by hand from the text named in the
// comment. Every table goes through PORTFOLIO as Excel calls it; amounts in 元.
import { portfolio } from "../src/functions/budget";
import { clause } from "../src/functions/clauses";
import { computeVoucher, version } from "../src/functions/functions";
import { budget, defaultEngine } from "../src/engine";

const H = ["recipient", "project", "policy", "programme", "route", "amount", "date"];
type Row = unknown[];
/** [award, cut by] per row. */
function run(rows: Row[], header: Row = H, year?: unknown): [unknown, string][] {
  const out = portfolio([header, ...rows], year) as unknown[][];
  return out.slice(1).map((r) => [r[0], r[1] as string]);
}

describe("years of support are counted across rows", () => {
  // 滨江 2025 （二十）: 经认定,给予主办方实际发生费用50%的补助,单个活动最高补助100万元,补助期限最长为 3 年。
  // 120万 of cost → 60万 a year, for one event; the 4th year of the same event pays nothing, another event does.
  test("滨江 2025 （二十）: three years per event", () => {
    expect(run([
      ["主办方", "", "滨江", "20", "", 1200000, "2025-07-01", "AI大会"],
      ["主办方", "", "滨江", "20", "", 1200000, "2026-07-01", "AI大会"],
      ["主办方", "", "滨江", "20", "", 1200000, "2027-07-01", "AI大会"],
      ["主办方", "", "滨江", "20", "", 1200000, "2028-03-01", "AI大会"], // a 4th year of the same 活动
      ["主办方", "", "滨江", "20", "", 1200000, "2028-03-02", "机器人赛"], // another 活动: its first year
    ], [...H, "活动"])).toEqual([[600000, ""], [600000, ""], [600000, ""], [0, "years of support"], [600000, ""]]);
  });
  // 滨江 2025 （十五）: 对符合条件入驻模力社区的人工智能企业及相关服务机构,最高给予3年的房租补贴支持 (no amount in
  // the text: the amount column is the rent subsidy granted); （十四） the same for 中国数谷.
  test("滨江 2025 （十四）（十五）: three years of rent", () => {
    const rows = (clauseId: string, route: string) => [2025, 2026, 2027, 2028].map((y, i) => ["入驻企业", "", "滨江", clauseId, route, 200000 + i, `${y}-${y === 2025 ? "07" : "03"}-01`]);
    expect(run(rows("15", "rent"))).toEqual([[200000, ""], [200001, ""], [200002, ""], [0, "years of support"]]);
    expect(run(rows("14", ""))).toEqual([[200000, ""], [200001, ""], [200002, ""], [0, "years of support"]]);
  });
  // 廊坊 item 1: 承担平台运营和产业生态体系建设的主体,前三年按年运营实际总投入的20%给予资金补助,年度最高300万元。
  // 1000万 of operating cost → 200万 a year; a fourth year (2026-01-02, the text still in force) pays nothing.
  test("廊坊 item 1: 前三年", () => {
    expect(run([
      ["运营方", "算力中心", "langfang", "1", "operation", 10000000, "2023-03-01"],
      ["运营方", "算力中心", "langfang", "1", "operation", 10000000, "2024-03-01"],
      ["运营方", "算力中心", "langfang", "1", "operation", 10000000, "2025-03-01"],
      ["运营方", "算力中心", "langfang", "1", "operation", 10000000, "2026-01-02"],
    ])).toEqual([[2000000, ""], [2000000, ""], [2000000, ""], [0, "years of support"]]);
  });
  // 广州 第十九条: 根据工作绩效每个团队每年支持500-3000万元，连续支持3年. The amount awarded is the amount column;
  // a team's 4th year pays nothing; another team of the same company starts its own three years.
  test("广州 第十九条: 连续支持3年 per team", () => {
    expect(run([
      ["研究院", "", "guangzhou", "19", "", 10000000, "2025-03-01", "视觉团队"],
      ["研究院", "", "guangzhou", "19", "", 20000000, "2026-03-01", "视觉团队"],
      ["研究院", "", "guangzhou", "19", "", 30000000, "2027-03-01", "视觉团队"],
      ["研究院", "", "guangzhou", "19", "", 30000000, "2028-03-01", "视觉团队"],
      ["研究院", "", "guangzhou", "19", "", 5000000, "2028-03-02", "语音团队"],
    ], [...H, "团队"])).toEqual([[10000000, ""], [20000000, ""], [30000000, ""], [0, "years of support"], [5000000, ""]]);
  });
});

test("the trace names the limit in both languages, with its sentence", () => {
  // 滨江 2025 （四）: the second year of platform P1 is cut to the 2000万 left of its 5000万.
  const rows = budget.readTable([[...H, "平台"],
    ["具身公司", "", "滨江", "4", "", 100000000, "2026-03-01", "P1"],
    ["具身公司", "", "滨江", "4", "", 100000000, "2027-03-01", "P1"]], 2026).rows;
  const r = budget.runPortfolio(defaultEngine().resolver, rows, { method: "fcfs", trace: true, clauseAward: budget.clauseRowAward(defaultEngine()) });
  const step = r.rows[1].steps.find((x) => x.step === "platform cap")!;
  expect(step.value).toBe("3000万元 → 2000万元: platform cap, 5000万元 per platform: 3000万元 already awarded");
  expect(step.text!.zh).toBe("3000万元 → 2000万元：单个平台上限5000万元：已支持3000万元");
  expect(step.quote).toMatch(/单个平台最高补助5000万元/);
  expect(r.rows[1].cuts.map((c) => budget.cutName(c).zh)).toEqual(["单个平台上限"]);
});

describe("caps whose scope is not the company", () => {
  // 滨江 2025 （四）: 按照不超过实际投入30%的标准、根据实际投入进度分年度予以补助，单个平台最高补助5000万元。
  // Platform P1: 1亿 → 3000万, then 1亿 → 3000万 of which 2000万 is left of its 5000万; platform P2 has its own cap.
  test("滨江 2025 （四）: 5000万 per platform, not per company", () => {
    expect(run([
      ["具身公司", "", "滨江", "4", "", 100000000, "2026-03-01", "P1"],
      ["具身公司", "", "滨江", "4", "", 100000000, "2027-03-01", "P1"],
      ["具身公司", "", "滨江", "4", "", 100000000, "2027-03-02", "P2"],
    ], [...H, "平台"])).toEqual([[30000000, ""], [20000000, "platform cap"], [30000000, ""]]);
  });
  // Without a platform column, the project names the platform.
  test("滨江 2025 （四）: the project column names the platform where no platform column is given", () => {
    expect(run([
      ["具身公司", "P1", "滨江", "4", "", 100000000, "2026-03-01"],
      ["具身公司", "P1", "滨江", "4", "", 100000000, "2027-03-01"],
      ["具身公司", "P2", "滨江", "4", "", 100000000, "2027-03-02"],
    ])).toEqual([[30000000, ""], [20000000, "platform cap"], [30000000, ""]]);
  });
});

describe("one relaxed limit is one limit", () => {
  // 广州 第八条: 每家创新主体每年支持金额最高不超过300万元，对多模态基础大模型及重点发展行业垂类大模型的研发主体可适当放宽限制至不超过1000万元。
  // A large-model developer's 1200万 of compute → 600万; its other project's 1000万 under the standard route →
  // 500万 → 300万 on its own, but 600万 is already above the 300万 limit: nothing. Next year: a new limit.
  test("广州 第八条: 300万 relaxed to 1000万 is one yearly limit, not 300万 + 1000万", () => {
    expect(run([
      ["模型公司", "基础模型", "guangzhou", "compute", "large-model", 12000000, "2026-02-01"],
      ["模型公司", "行业应用", "guangzhou", "compute", "standard", 10000000, "2026-03-01"],
      ["模型公司", "基础模型2", "guangzhou", "compute", "large-model", 16000000, "2026-04-01"], // 800万, 400万 left of 1000万
      ["模型公司", "行业应用", "guangzhou", "compute", "standard", 10000000, "2027-03-01"], // 2027: 300万
    ])).toEqual([[6000000, ""], [0, "cap; recipient cap"], [4000000, "recipient cap"], [3000000, "cap"]]);
  });
});

describe("levels of one clause", () => {
  // 滨江 2023 item 1: 对新认定的国家、省重点实验室（工程技术研究中心），分别给予1000万元、300万元奖励.
  // 附则 2: 同一奖项在低等次已作资助（奖励）的，晋升到高等次时补足差额部分。
  test("滨江 2023 item 1: a promotion is topped up from the table, without typing the earlier award", () => {
    expect(run([
      ["实验室甲", "智能感知实验室", "滨江", "1", "provincial-lab", "", "2023-09-01"], // 300万
      ["实验室甲", "智能感知实验室", "滨江", "1", "national-lab", "", "2024-09-01"], // 1000万 − 300万
    ])).toEqual([[3000000, ""], [7000000, "top-up"]]);
  });
  test("滨江 2023 item 1: two levels in one year pay the higher only (从优、从高、不重复)", () => {
    expect(run([
      ["实验室乙", "视觉实验室", "滨江", "1", "national-lab", "", "2024-03-01"], // 1000万
      ["实验室乙", "视觉实验室", "滨江", "1", "provincial-lab", "", "2024-05-01"], // 300万 ≤ 1000万 paid: nothing
    ])).toEqual([[10000000, ""], [0, "top-up"]]);
  });
  // 广州 第五条: 纳入国家级平台的给予一次性500万后补助，纳入省级平台的给予一次性200万后补助。No 补足差额 in the
  // 广州 text: each level is its own 一次性 award, paid once.
  test("广州 第五条: 省级 then 国家级 are two one-time awards", () => {
    expect(run([
      ["创新中心", "平台A", "guangzhou", "5", "provincial", "", "2026-03-01"],
      ["创新中心", "平台A", "guangzhou", "5", "national", "", "2027-03-01"],
      ["创新中心", "平台A", "guangzhou", "5", "provincial", "", "2028-03-01"], // 省级 again: already paid
    ])).toEqual([[2000000, ""], [5000000, ""], [0, "one-time"]]);
  });
});

describe("milestones reached for the first time", () => {
  // 廊坊 item 7: 主营业务收入首次达到1亿、5亿、10亿的,分别给予一次性奖补100万、500万、1000万.
  test("廊坊 item 7: each milestone once, with revenue in a column named like the input (主营业务收入)", () => {
    expect(run([
      ["制造公司", "", "langfang", "7", "milestone", "", "2023-03-01", 120000000], // 1亿 first reached: 100万
      ["制造公司", "", "langfang", "7", "milestone", "", "2024-03-01", 150000000], // still the 1亿 tier: paid already
      ["制造公司", "", "langfang", "7", "milestone", "", "2025-03-01", 600000000], // 5亿 first reached: 500万
    ], [...H, "主营业务收入"])).toEqual([[1000000, ""], [0, "one-time"], [5000000, ""]]);
  });
});

describe("clauses with several inputs are rows of a table", () => {
  // 廊坊 item 3: 对参数量不少于十亿、典型应用场景不少于5个的AI大模型,给予大模型建设方算力成本50%的补助,最高不超过200万元,
  // 每年补助数量上限为3个。Four models in 2024, each 300万 of compute → 150万; the fourth is beyond the quota of 3.
  test("廊坊 item 3: inputs in columns, the yearly quota of 3 applies", () => {
    const h = [...H, "参数量", "scenarios"];
    expect(run([
      ["甲", "M1", "langfang", "3", "", 3000000, "2024-02-01", 1e10, 6],
      ["乙", "M2", "langfang", "3", "", 3000000, "2024-03-01", 1e9, 5],
      ["丙", "M3", "langfang", "3", "", 5000000, "2024-04-01", 2e9, 8], // 250万 → 200万 cap
      ["丁", "M4", "langfang", "3", "", 3000000, "2024-05-01", 3e9, 5], // a fourth in 2024
      ["戊", "M5", "langfang", "3", "", 3000000, "2024-06-01", 5e8, 9], // 5亿 parameters: below 十亿, no award
      ["丁", "M4", "langfang", "3", "", 3000000, "2025-05-01", 3e9, 5], // 2025: a new quota
    ], h)).toEqual([[1500000, ""], [1500000, ""], [2000000, "cap"], [0, "quota"], [0, ""], [1500000, ""]]);
  });
});

describe("the year argument also takes a date: the version in force that day", () => {
  // 滨江 2023 item 9 (50%, 单个主体年度补贴金额不超过100万元) until 2025-06-09; from 2025-06-10 the 2025 text
  // （六）: 30% of non-domestic compute.
  test("COMPUTE_VOUCHER, VERSION and CLAUSE with a date", () => {
    expect(computeVoucher("滨江", "compute", 1000000, false, "2025-06-09")).toBe(500000);
    expect(computeVoucher("滨江", "compute", 1000000, false, "2025-06-10")).toBe(300000);
    const serial = budget.parseDate("2025-06-10");
    expect(computeVoucher("滨江", "compute", 1000000, false, serial)).toBe(300000);
    expect(version("滨江", "2025-06-09")).toBe("hangzhou-binjiang@2023");
    expect(version("滨江", serial)).toBe("hangzhou-binjiang@2025");
    // 滨江 2025 （二十）: 50% of cost, 单个活动最高补助100万元
    expect(clause("滨江", "20", 3000000, "", "2025-07-01")).toBe(1000000);
  });
});
