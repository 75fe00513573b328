// Worked values from the five texts, through the functions Excel calls. Amounts in 元.
import { computeVoucher, fundLimit, routes, version, policies } from "../src/functions/functions";
import { expectError } from "./helpers/call";
import { defaultRegistry } from "../src/engine";

const V = computeVoucher;

describe("Hangzhou Binjiang 2025 (杭高新〔2025〕9号), in force 2025-06-10 for three years", () => {
  // （六）按不超过上一年度实际租用算力结算费用的30%(非国产)或60%(国产),给予单家企业最高2000万元补助
  test("compute: 60% of domestic compute, 30% of other compute", () => {
    expect(V("hangzhou-binjiang", "compute", 20000000, true, 2026)).toBe(12000000);
    expect(V("hangzhou-binjiang", "compute", 20000000, false, 2026)).toBe(6000000);
    expect(V("滨江", "算力券", "1500万", true, 2027)).toBe(9000000);
  });
  test("compute: domestic omitted applies the non-domestic 30%", () => {
    expect(V("hangzhou-binjiang", "compute", 10000000)).toBe(V("hangzhou-binjiang", "compute", 10000000, false));
    expect(V("hangzhou-binjiang", "compute", 10000000, null, 2026)).toBe(3000000);
  });
  test("compute: capped at 2000万 per company", () => {
    expect(V("hangzhou-binjiang", "compute", 50000000, true, 2026)).toBe(20000000); // 60% = 3000万 > 2000万
    expect(V("hangzhou-binjiang", "compute", "1亿", false, 2026)).toBe(20000000); // 30% = 3000万 > 2000万
    expect(V("hangzhou-binjiang", "compute", "3333.34万", true, 2026)).toBe(20000000); // 2000.004万
    expect(V("hangzhou-binjiang", "compute", "3333.33万", true, 2026)).toBe(19999980); // 1999.998万
  });
  test("2025 text resolves for 2025 (in force from June) to 2028 (to 2028-06-09)", () => {
    expect(version("hangzhou-binjiang", 2025)).toBe("hangzhou-binjiang@2025");
    expect(version("hangzhou-binjiang", 2028)).toBe("hangzhou-binjiang@2025");
    expect(V("hangzhou-binjiang", "compute", 20000000, true, 2025)).toBe(12000000);
  });
  // （七）按照不超过合同金额的30%,给予单家企业最高200万元的资助
  test("corpus: 30% of the contract, cap 200万", () => {
    expect(V("hangzhou-binjiang", "corpus", 5000000, null, 2026)).toBe(1500000);
    expect(V("hangzhou-binjiang", "语料券", "1000万", null, 2026)).toBe(2000000);
  });
  // （八）按不超过上一年度交易结算费用的30%,给予单家企业最高200万元资助
  test("model: 30% of last year's settlement, cap 200万", () => {
    expect(V("hangzhou-binjiang", "model", 4000000, null, 2026)).toBe(1200000);
    expect(V("hangzhou-binjiang", "模型券", 8000000, null, 2026)).toBe(2000000);
  });
  // （九）给予不超过认定登记的技术合同金额30%补助,单个企业年最高额度不超过50万元
  test("innovation: 30% of the technology contract, cap 50万 a year", () => {
    expect(V("hangzhou-binjiang", "innovation", 1000000, null, 2026)).toBe(300000);
    expect(V("hangzhou-binjiang", "创新券", 3000000, null, 2026)).toBe(500000);
  });
  test("no 场景券 in the 2025 text: #N/A naming the programmes it has", () => {
    expectError(() => V("hangzhou-binjiang", "scenario", 1000000, null, 2026), "#N/A", /compute.*corpus.*model.*innovation/);
    expectError(() => V("hangzhou-binjiang", "数据券", 1000000, null, 2026), "#N/A", /no data voucher/);
  });
  // 附则（一）... 五、附则: annual pools: 每年安排最高1亿元“算力券”; 5000万元 语料券, 模型券, 创新券
  test("fund limits", () => {
    expect(fundLimit("hangzhou-binjiang", "compute", 2026)).toBe(100000000);
    expect(fundLimit("hangzhou-binjiang", "语料券", 2026)).toBe(50000000);
    expect(fundLimit("hangzhou-binjiang", "model", 2026)).toBe(50000000);
    expect(fundLimit("hangzhou-binjiang", "innovation", 2026)).toBe(50000000);
    expectError(() => fundLimit("hangzhou-binjiang", "total", 2026), "#N/A", /no measure-wide annual limit.*compute 1亿元/);
  });
});

describe("Hangzhou Binjiang 2023 (杭高新〔2023〕5号), in force 2023-05-08, repealed 2025-06-10", () => {
  // 9. 按照服务合同金额的50%给予算力补贴，单个主体年度补贴金额不超过100万元
  test("compute: 50% of the service contract, cap 100万 a year; domestic makes no difference", () => {
    expect(V("hangzhou-binjiang", "compute", 1500000, true, 2024)).toBe(750000);
    expect(V("hangzhou-binjiang", "compute", 1500000, false, 2024)).toBe(750000);
    expect(V("hangzhou-binjiang", "compute", 50000000, true, 2024)).toBe(1000000);
    expect(V("hangzhou-binjiang", "compute", 1500000, true, 2023)).toBe(750000);
  });
  test("years resolve to the version in force", () => {
    expect(version("hangzhou-binjiang", 2023)).toBe("hangzhou-binjiang@2023");
    expect(version("hangzhou-binjiang", 2024)).toBe("hangzhou-binjiang@2023");
    expectError(() => version("hangzhou-binjiang", 2022), "#N/A", /no version in force in 2022.*hangzhou-binjiang@2023 \(final, in force 2023-05-08 to 2025-06-09, repealed by hangzhou-binjiang@2025\)/);
    expectError(() => version("hangzhou-binjiang", 2029), "#N/A", /hangzhou-binjiang@2025-draft \(draft, never in force\)/);
  });
  test("an explicit version wins over the year", () => {
    expect(V("hangzhou-binjiang@2023", "compute", 1500000, true, 2026)).toBe(750000);
    expect(V("hangzhou-binjiang@2025", "compute", 1500000, true, 2024)).toBe(900000);
  });
  test("no pool and no corpus voucher in 2023", () => {
    expectError(() => fundLimit("hangzhou-binjiang", "compute", 2024), "#N/A", /sets no annual pool/);
    expectError(() => V("hangzhou-binjiang", "corpus", 100, null, 2024), "#N/A", /hangzhou-binjiang@2023 has no corpus voucher.*compute/);
  });
});

describe("Hangzhou Binjiang 2025 draft (征求意见稿): same numbers, never in force", () => {
  test("selectable only by name", () => {
    expect(V("hangzhou-binjiang@2025-draft", "compute", 20000000, true)).toBe(12000000);
    expect(V("滨江@2025-draft", "innovation", 3000000)).toBe(500000);
    expect(version("hangzhou-binjiang@2025-draft", 2026)).toBe("hangzhou-binjiang@2025-draft");
  });
});

describe("Guangzhou draft (广州市若干政策措施 征求意见稿), assumed in force 2025-2029", () => {
  // 第八条 对上一年度采购非关联方智能算力超过100万元的企业，按照实际采购金额的50%给予支持，
  // 每家创新主体每年支持金额最高不超过300万元，对多模态基础大模型及重点发展行业垂类大模型的研发主体可适当放宽限制至不超过1000万元。
  test("compute: nothing at or below 100万 (超过 is strict), then 50%", () => {
    expect(V("guangzhou", "compute", 1000000, true, 2026)).toBe(0);
    expect(V("guangzhou", "compute", 1000000.01, true, 2026)).toBe(500000.01); // 500000.005 rounds half up
    expect(V("广州", "算力券", "400万", null, 2026)).toBe(2000000);
  });
  test("compute: cap 300万, or 1000万 on the large-model route", () => {
    expect(V("guangzhou", "compute", 10000000, true, 2026)).toBe(3000000);
    expect(V("guangzhou", "compute:large-model", 10000000, true, 2026)).toBe(5000000);
    expect(V("广州市", "算力券:large-model", "3000万", true, 2026)).toBe(10000000);
    expect(V("guangzhou", "compute:large-model", 1000000, true, 2026)).toBe(0);
  });
  // 第九条 数据券
  test("data: 30% of the data contract cap 200万; data space 30% cap 300万; benchmark up to 100万", () => {
    expect(V("guangzhou", "data", 5000000, null, 2026)).toBe(1500000);
    expect(V("guangzhou", "数据券", 10000000, null, 2026)).toBe(2000000);
    expect(V("guangzhou", "data:data-space", 5000000, null, 2026)).toBe(1500000);
    expect(V("guangzhou", "data:data-space", 20000000, null, 2026)).toBe(3000000);
    expect(V("guangzhou", "data:benchmark", 5000000, null, 2026)).toBe(1000000);
  });
  // 第十条 给予场景提供方最高不超过50万元奖励
  test("scenario: up to 50万 for a benchmark scenario", () => {
    expect(V("guangzhou", "场景券", 1, null, 2026)).toBe(500000);
  });
  // 第十一条 模型券
  test("model: first purchaser 30% cap 100万, +50% uplift, filing 100万, roll-out 30% cap 500万", () => {
    expect(V("guangzhou", "model", 2000000, null, 2026)).toBe(600000);
    expect(V("guangzhou", "model", 10000000, null, 2026)).toBe(1000000);
    expect(V("guangzhou", "model:first-purchaser-uplift", 2000000, null, 2026)).toBe(900000);
    expect(V("guangzhou", "model:first-purchaser-uplift", 10000000, null, 2026)).toBe(1500000);
    expect(V("guangzhou", "model:filing", 0, null, 2026)).toBe(1000000);
    expect(V("guangzhou", "model:sector-rollout", 10000000, null, 2026)).toBe(3000000);
    expect(V("guangzhou", "model:sector-rollout", 20000000, null, 2026)).toBe(5000000);
  });
  // 第二十七条 本措施每年投入财政资金不超过5亿元
  test("fund limit: 5亿 a year for the whole measure; no programme pools", () => {
    expect(fundLimit("guangzhou", "total", 2026)).toBe(500000000);
    expect(fundLimit("广州", "总额", 2025)).toBe(500000000);
    expectError(() => fundLimit("guangzhou", "compute", 2026), "#N/A", /no annual pool for compute.*total 5亿元/);
  });
  test("window: 2025 to 2029 by assumption", () => {
    expect(version("guangzhou", 2025)).toBe("guangzhou@draft");
    expect(version("guangzhou", 2029)).toBe("guangzhou@draft");
    expectError(() => V("guangzhou", "compute", 5000000, true, 2024), "#N/A", /no version in force in 2024.*guangzhou@draft \(draft, in force 2025-01-01 to 2029-12-31, window assumed\)/);
    expectError(() => V("guangzhou", "compute", 5000000, true, 2030), "#N/A");
  });
  test("no 语料券 or 创新券", () => {
    expectError(() => V("guangzhou", "corpus", 100, null, 2026), "#N/A", /compute.*data.*scenario.*model/);
  });
});

describe("Langfang (廊坊市十三条措施), in force 2023-01-04 to 2026-01-03", () => {
  // 2. 按使用算力资源费用的50%予以奖励 ... 每个单位每年最高享受100万元算力券
  test("compute (local platform): 50%, capped at 100万 a unit a year", () => {
    expect(V("langfang", "compute", 1000000, null, 2024)).toBe(500000);
    expect(V("廊坊", "算力券", "300万", null, 2024)).toBe(1000000);
  });
  // 对申报成功的项目牵头企业或机构,按算力成本的60%予以奖励
  test("major project: 60%, same shared cap", () => {
    expect(V("langfang", "compute:major-project", 1000000, null, 2024)).toBe(600000);
    expect(V("廊坊市", "compute:major-project", 2000000, null, 2025)).toBe(1000000);
  });
  // 当年给予一次性50万元算力券奖励
  test("new entrant: a one-time 50万", () => {
    expect(V("langfang", "compute:new-entrant", 0, null, 2024)).toBe(500000);
    expect(V("langfang", "compute:new-entrant", "1亿", null, 2024)).toBe(500000);
  });
  // 每年总额不超过1000万元的算力券
  test("fund limit: 1000万 of 算力券 a year", () => {
    expect(fundLimit("langfang", "compute", 2024)).toBe(10000000);
    expectError(() => fundLimit("langfang", "total", 2024), "#N/A", /compute 1000万元/);
  });
  test("in force for 2023 to 2026 (to 2026-01-03), not 2027", () => {
    expect(version("langfang", 2026)).toBe("langfang@2023");
    expectError(() => version("langfang", 2027), "#N/A", /langfang@2023 \(final, in force 2023-01-04 to 2026-01-03/);
  });
});

describe("ROUTES", () => {
  test("lists each route with rate, cap and threshold under a header row", () => {
    const t = routes("guangzhou", "compute", 2026);
    expect(t[0].slice(0, 8)).toEqual(["route", "name", "default", "rate", "domestic rate", "threshold", "threshold rule", "cap"]);
    expect(t.slice(1).map((r) => [r[0], r[2], r[3], r[5], r[6], r[7]])).toEqual([
      ["standard", true, 0.5, 1000000, ">", 3000000],
      ["large-model", false, 0.5, 1000000, ">", 10000000],
    ]);
    const lf = routes("langfang", "compute", 2024);
    expect(lf.slice(1).map((r) => r[0])).toEqual(["local-platform", "major-project", "new-entrant"]);
    expect(lf.slice(1).map((r) => r[9])).toEqual([1000000, 1000000, 1000000]); // shared cap
    const bj = routes("hangzhou-binjiang", "compute", 2026);
    expect(bj[1].slice(3, 5)).toEqual([0.3, 0.6]);
  });
  test("a route suffix narrows the table to that route", () => {
    expect(routes("langfang", "compute:major-project", 2024).length).toBe(2);
  });
});

describe("POLICIES", () => {
  test("lists every version, one row each (the five texts' among them)", () => {
    const t = policies();
    const keys = t.slice(1).map((r) => r[0]);
    expect(keys).toEqual(expect.arrayContaining(["guangzhou@draft", "hangzhou-binjiang@2023", "hangzhou-binjiang@2025", "hangzhou-binjiang@2025-draft", "langfang@2023"]));
    expect(new Set(keys).size).toBe(keys.length);
    expect(keys.length).toBe([...defaultRegistry().jurisdictions.values()].flatMap((j) => j.versions).length);
  });
});

// 测试市 (test/helpers/test-city.ts): its routes have Chinese names only (no nameEn), the 算力券's 标准 and
// 新设企业, clause 1's 研发投入. In English each shows its Chinese name where it always has; ROUTES its id.
describe("a route the file names in Chinese only", () => {
  const { cityEngine } = require("./helpers/test-city") as typeof import("./helpers/test-city");
  const engine = cityEngine();
  test("has no English name: nothing stands in for one", () => {
    const v = engine.version("testcity", 2024, 2024);
    expect(v.programmes[0].routes.map((r) => [r.id, r.nameEn])).toEqual([["standard", undefined], ["new-entrant", undefined]]);
  });
  test("COMPUTE_VOUCHER's trace and CLAUSES show the Chinese name in English; ROUTES the id", () => {
    const step = engine.voucher("testcity", "compute", 100000, false, 2024, 2024).steps.find((s) => s.step === "programme")!;
    expect(step.value).toMatch(/, route standard \(default\): 标准$/);
    const table = engine.clauses("testcity", 2024, 2024, "en");
    const col = (name: string) => table[0].indexOf(name);
    expect(table.slice(1).map((r) => [r[col("route")], r[col("route name")]])).toEqual([["standard", "研发投入"], ["standard", "标准"], ["new-entrant", "新设企业"]]);
    expect(engine.routes("testcity", "compute", 2024, 2024, "en").slice(1).map((r) => r[1])).toEqual(["standard", "new-entrant"]);
    expect(engine.routes("testcity", "compute", 2024, 2024, "zh").slice(1).map((r) => r[1])).toEqual(["标准", "新设企业"]);
  });
  test("is found by its id, its Chinese name", () => {
    expect(engine.voucherAmount("testcity", "compute:新设企业", 0, false, 2024, 2024)).toBe(100000);
    expect(engine.voucherAmount("testcity", "compute:new-entrant", 0, false, 2024, 2024)).toBe(100000);
    expect(engine.clauseAmount("testcity", "1", 1000000, "研发投入", 2024, 2024)).toBe(200000);
  });
});
