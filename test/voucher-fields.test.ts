// The fields a voucher programme's route may carry besides its rate or lump sum are computed as
// written, by COMPUTE_VOUCHER (traced and compiled), COMPUTE_CLAUSE and PORTFOLIO alike; those it
// would not read are refused by the loader (test/loader-refusals.test.ts).
import { budget, type Engine } from "../src/engine";
import { cityEngine, type Doc } from "./helpers/test-city";

const voucherRoute = (d: Doc) => d.clauses[1].routes[0];
const lumpSum = (d: Doc) => d.clauses[1].routes[1];

/** The award of the compute voucher's route, both ways: traced (computeVoucher) and compiled. */
function award(engine: Engine, type: string, spend: number): number {
  const traced = engine.voucher("testcity", type, spend, null, 2024, 2024);
  expect(engine.voucherCompiled("testcity", type, spend, null, 2024, 2024)).toBe(traced.award.toNumber());
  return traced.award.toNumber();
}

describe("eligible: who qualifies, assumed and shown with its sentence", () => {
  const engine = cityEngine((d) => (lumpSum(d).eligible = { subjects: ["新设企业"], quote: "新设企业一次性奖励10万元" }));
  const step = { step: "eligible", value: "assumed one of: 新设企业", quote: "新设企业一次性奖励10万元", source: "texts/testcity.txt" };
  test("in COMPUTE_VOUCHER's trace", () => {
    expect(engine.voucher("testcity", "compute:new-entrant", 0, null, 2024, 2024).steps).toContainEqual(expect.objectContaining(step));
    expect(award(engine, "compute:new-entrant", 0)).toBe(100000);
  });
  test("in COMPUTE_CLAUSE's trace of the programme's clause", () => {
    expect(engine.clauseAward("testcity", "2", null, "new-entrant", 2024, 2024).steps).toContainEqual(expect.objectContaining(step));
  });
});

describe("years: the years of support a recipient is paid, counted across rows", () => {
  const engine = cityEngine((d) => (voucherRoute(d).years = { value: 2, quote: "支持2年" }));
  const H = ["recipient", "project", "policy", "programme", "route", "amount", "domestic", "date"];
  test("PORTFOLIO pays a recipient's third year nothing, another recipient's first year in full", () => {
    const rows = [
      ["甲", "", "testcity", "compute", "", 100000, "", "2024-03-01"], // 40% = 4万
      ["甲", "", "testcity", "compute", "", 100000, "", "2025-03-01"], // 4万, the second year
      ["甲", "", "testcity", "compute", "", 100000, "", "2026-03-01"], // a third year: beyond 支持2年
      ["乙", "", "testcity", "compute", "", 100000, "", "2026-03-02"], // another recipient's first year
    ];
    const result = budget.runPortfolio(engine.resolver, budget.readTable([H, ...rows], 2024).rows, { method: "fcfs", trace: true });
    expect(result.rows.map((r) => [r.paid?.toNumber(), r.cuts])).toEqual([[40000, []], [40000, []], [0, ["years of support"]], [40000, []]]);
  });
});

describe("programme: limits (where the refusal sends a programme clause's limits) bound every route", () => {
  const engine = cityEngine((d) => (d.clauses[1].programme.limits = [
    { id: "yearly", counts: "money", for: "recipient", period: "year", sharedBy: "programme", amount: "15万元", quote: "每家企业每年合计不超过15万元" },
  ]));
  test("one award: 40% of 100万 = 40万, the route's cap 20万, the programme's limit 15万", () => {
    expect(award(engine, "compute", 1000000)).toBe(150000);
    expect(award(engine, "compute:new-entrant", 0)).toBe(100000);
  });
});

describe("a programme's own names and aliases: the names users type for it in this version", () => {
  // The city's text calls its compute voucher 智算券 (test city, clause 二); users may also type AI算力券.
  const named = (d: Doc) => Object.assign(d.clauses[1].programme, { name: "智算券", aliases: ["AI算力券"] });
  const engine = cityEngine(named);
  const H = ["recipient", "project", "policy", "programme", "route", "amount", "domestic", "date"];
  test("COMPUTE_VOUCHER takes either name (40% of 10万 = 4万)", () => {
    expect(award(engine, "智算券", 100000)).toBe(40000);
    expect(award(engine, "AI算力券:new-entrant", 0)).toBe(100000);
  });
  test("a PORTFOLIO row naming the programme by its alias is a voucher row, not a clause", () => {
    const rows = [["甲", "", "testcity", "AI算力券", "", 100000, "", "2024-03-01"]];
    const result = budget.runPortfolio(engine.resolver, budget.readTable([H, ...rows], 2024).rows, { method: "fcfs" });
    expect(result.rows.map((r) => [r.paid?.toNumber(), r.error?.message ?? null, r.award?.awardId])).toEqual([[40000, null, "compute:standard"]]);
  });
  test("a name that is already another programme type's is refused", () => {
    expect(() => cityEngine((d) => Object.assign(d.clauses[1].programme, { aliases: ["数据券"] }))).toThrow(
      /policies\/testcity\/2024\.yaml: .*programme "compute": the name "数据券" is already the programme type data/);
  });
});

describe("base.baseYear previous (上一年度): the base is the year before's, said alike in COMPUTE_VOUCHER's and a clause's trace", () => {
  const engine = cityEngine((d) => {
    d.clauses[0].routes[0].base.baseYear = "previous";
    voucherRoute(d).base.baseYear = "previous";
  });
  const base = (steps: { step: string; value: string; text?: { en: string; zh: string } }[]) => steps.find((s) => s.step === "base")!;
  test("a clause's rate route: 20% of 研发投入 100万 = 20万 (test city, clause 一), assessed in 2025 on 2024's", () => {
    const r = engine.clauseAward("testcity", "1", 1000000, null, 2025, 2025);
    expect(r.award.toNumber()).toBe(200000);
    expect(base(r.steps).text).toEqual({
      en: "100万元 of 研发投入 (input investment) (上一年度: base of 2024 for an award in 2025)",
      zh: "研发投入100万元（输入 investment）（上一年度：2025 年的补贴按 2024 年的基数）",
    });
  });
  test("the voucher's route: 40% of 合同金额 10万 = 4万 (test city, clause 二)", () => {
    const r = engine.voucher("testcity", "compute", 100000, null, 2025, 2025);
    expect(r.award.toNumber()).toBe(40000);
    expect(base(r.steps).text).toEqual({ en: "10万元 of 合同金额 (上一年度: spend of 2024 for an award in 2025)", zh: "合同金额10万元（上一年度：2025 年的补贴按 2024 年的支出）" });
  });
  test("a base of the same year says nothing of it", () => {
    const r = cityEngine().clauseAward("testcity", "1", 1000000, null, 2025, 2025);
    expect(base(r.steps).text).toEqual({ en: "100万元 of 研发投入 (input investment)", zh: "研发投入100万元（输入 investment）" });
  });
});
