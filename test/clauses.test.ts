// Worked values for every clause of the five texts, through the functions Excel calls. Amounts in 元.
// Each value is worked out by hand from the sentence quoted in the comment.
import { clause, clauses, explain } from "../src/functions/clauses";
import { computeVoucher } from "../src/functions/functions";
import { defaultEngine } from "../src/engine";
import { stepRowsIn } from "../src/engine/messages";
import { expectError } from "./helpers/call";

const C = clause;
/** A name/value range as Excel passes it. */
const range = (o: Record<string, unknown>) => Object.entries(o).map(([k, v]) => [k, v]);

describe("滨江 2025 (杭高新〔2025〕9号), year 2026", () => {
  const P = "hangzhou-binjiang";
  test("（一） 最高不超过5000万元: the maximum, or the amount awarded up to it", () => {
    expect(C(P, "1", null, null, 2026)).toBe(50000000);
    expect(C(P, "1", range({ awarded: "1000万" }), null, 2026)).toBe(10000000);
    expect(C(P, "1", range({ awarded: "6000万" }), null, 2026)).toBe(50000000);
  });
  test("（二） 最高500万元的一次性分档奖励", () => {
    expect(C(P, "2", null, null, 2026)).toBe(5000000);
  });
  test("（三） 25% of national/provincial subsidy (cap 500万); 50% of investment (cap 300万)", () => {
    expect(C(P, "3", 10000000, "key-task", 2026)).toBe(2500000);
    expect(C(P, "3", 30000000, "key-task", 2026)).toBe(5000000); // 750万 > 500万
    expect(C(P, "3", 4000000, "special-project", 2026)).toBe(2000000);
    expect(C(P, "3", 10000000, "special-project", 2026)).toBe(3000000); // 500万 > 300万
  });
  test("（四） 不超过实际投入30%, 单个平台最高5000万元", () => {
    expect(C(P, "4", "1亿", null, 2026)).toBe(30000000);
    expect(C(P, "4", "2亿", null, 2026)).toBe(50000000);
  });
  test("（五） standards: 100万 / 50万 international, 20万 national, 10万 industry, 10万 CNAS", () => {
    expect(["international-lead", "international-participate", "national", "industry", "cnas"].map((r) => C(P, "5", null, r, 2026)))
      .toEqual([1000000, 500000, 200000, 100000, 100000]);
  });
  test("（六） is the compute voucher: the same as COMPUTE_VOUCHER", () => {
    expect(C(P, "6", range({ spend: 20000000, domestic: true }), null, 2026)).toBe(12000000); // 60% of 2000万
    expect(C(P, "6", 20000000, null, 2026)).toBe(6000000); // domestic empty: 30%
    expect(C(P, "6", "5000万", null, 2026)).toBe(computeVoucher(P, "compute", "5000万", null, 2026));
    expect(C(P, "7", 5000000, null, 2026)).toBe(1500000); // （七）30% of the contract
    expect(C(P, "9", 3000000, null, 2026)).toBe(500000); // （九）30% = 90万 > 50万
    expect(C(P, "8", 3000000, null, 2026)).toBe(900000); // （八）30% of last year's settlement
    // （八）支持模型合规备案,按省市有关政策给予配套奖励: no amount, computed from the amount given
    expect(C(P, "8", range({ amount: 50000 }), "filing-match", 2026)).toBe(50000);
  });
  test("（十） 30% of investment, cap 250万 a project; 省市标杆 最高500万", () => {
    expect(C(P, "10", 5000000, "benchmark", 2026)).toBe(1500000);
    expect(C(P, "10", 10000000, "benchmark", 2026)).toBe(2500000);
    expect(C(P, "10", null, "provincial-municipal", 2026)).toBe(5000000);
  });
  test("（十一）（十二）（十三）（十五）（十六）（十七）（十八）（二十二） maxima", () => {
    expect(["11", "12", "13", "17", "18", "22"].map((id) => C(P, id, null, null, 2026)))
      .toEqual([500000, 300000, 200000, 100000000, 50000000, 5000000]);
    expect(C(P, "15", null, "operator", 2026)).toBe(5000000);
    expect(C(P, "16", null, "startup", 2026)).toBe(20000000);
    expect(C(P, "16", null, "finance", 2026)).toBe(20000000);
  });
  test("（十四） 房租补贴 for at most 3 years: unquantified, computed from the amount given", () => {
    expect(C(P, "14", range({ amount: 120000, "support-year": 2 }), null, 2026)).toBe(120000);
    expect(C(P, "14", range({ amount: 120000, "support-year": 4 }), null, 2026)).toBe(0);
    expectError(() => C(P, "14", null, null, 2026), "#VALUE!", /needs the input "amount"/);
  });
  test("（十九） 最高70% of the premium, falling yearly, at most 100万 a year", () => {
    expect(C(P, "19", 1000000, null, 2026)).toBe(700000);
    expect(C(P, "19", 2000000, null, 2026)).toBe(1000000); // 140万 > 100万
    expect(C(P, "19", range({ premium: 1000000, "support-year": 2, rate: "50%" }), null, 2026)).toBe(500000);
    expect(C(P, "19", range({ premium: 1000000, rate: "40%" }), null, 2026)).toBe(400000); // 最高70%: less may be set
    expectError(() => C(P, "19", range({ premium: 1000000, rate: "80%" }), null, 2026), "#VALUE!", /from 0% to the 70%/);
    expectError(() => C(P, "19", range({ premium: 1000000, "support-year": 2 }), null, 2026), "#VALUE!", /逐年递减.*needs the input "rate"/);
    expectError(() => C(P, "19", range({ premium: 1000000, "support-year": 2, rate: 0.7 }), null, 2026), "#VALUE!", /below the first year's 70%/);
  });
  test("（二十） 50% of costs, 100万 an event, at most 3 years", () => {
    expect(C(P, "20", 1500000, null, 2026)).toBe(750000);
    expect(C(P, "20", 3000000, null, 2026)).toBe(1000000);
    expect(C(P, "20", range({ cost: 1500000, "support-year": 3 }), null, 2026)).toBe(750000);
    expect(C(P, "20", range({ cost: 1500000, "support-year": 4 }), null, 2026)).toBe(0);
  });
  test("（二十一） interest subsidy: 50% of LPR interest, at most 50% of interest paid, 100万 a year", () => {
    expect(C(P, "21", range({ "lpr-interest": 1000000, interest: 800000 }), null, 2026)).toBe(400000); // min(50万, 40万)
    expect(C(P, "21", range({ "lpr-interest": 600000, interest: 2000000 }), null, 2026)).toBe(300000); // min(30万, 100万)
    expect(C(P, "21", range({ "lpr-interest": 3000000, interest: 2500000 }), null, 2026)).toBe(1000000); // cap
    expectError(() => C(P, "21", 1000000, null, 2026), "#VALUE!", /needs the input "interest"/);
  });
  test("clause ids as the text writes them work too", () => {
    expect(C(P, "（六）", 20000000, null, 2026)).toBe(6000000);
    expect(C(P, "第二十条", 1500000, null, 2026)).toBe(750000);
    expect(C(P, 20, 1500000, null, 2026)).toBe(750000);
  });
});

describe("滨江 2023 (杭高新〔2023〕5号), year 2024", () => {
  const P = "hangzhou-binjiang";
  test("item 1: 分别给予 per level", () => {
    expect(["national-lab", "provincial-lab", "provincial-institute", "national-center", "provincial-center", "municipal-center"].map((r) => C(P, "1", null, r, 2024)))
      .toEqual([10000000, 3000000, 500000, 1000000, 500000, 200000]);
    expectError(() => C(P, "1", null, null, 2024), "#VALUE!", /pays differently by route: name one; its routes are national-lab/);
  });
  test("item 2: 研发投入的20%, 最高300万元", () => {
    expect(C(P, "2", 10000000, null, 2024)).toBe(2000000);
    expect(C(P, "2", 20000000, null, 2024)).toBe(3000000);
  });
  test("item 3: CNS 最高10万, CCF A 最高2万", () => {
    expect(C(P, "3", null, "cns", 2024)).toBe(100000);
    expect(C(P, "3", null, "ccf-a", 2024)).toBe(20000);
  });
  test("item 5: growth ≥20% two years, intensity ≥10%, increment ≥100万 → 10% of the increment, cap 100万", () => {
    const ok = { "growth-y1": 0.25, "growth-y2": "22%", intensity: 0.12 };
    expect(C(P, "5", range({ ...ok, increment: 15000000 }), "high-rd", 2024)).toBe(1000000);
    expect(C(P, "5", range({ ...ok, increment: 5000000 }), "high-rd", 2024)).toBe(500000);
    expect(C(P, "5", range({ ...ok, increment: "100万" }), "high-rd", 2024)).toBe(100000); // 以上: inclusive
    expect(C(P, "5", range({ ...ok, increment: 990000 }), "high-rd", 2024)).toBe(0);
    expect(C(P, "5", range({ ...ok, "growth-y2": 0.19, increment: 5000000 }), "high-rd", 2024)).toBe(0);
    expect(C(P, "5", range({ ...ok, intensity: "10%", increment: 5000000 }), "high-rd", 2024)).toBe(500000); // 达: inclusive
    expectError(() => C(P, "5", range({ "growth-y1": 0.25, increment: 5000000 }), "high-rd", 2024), "#VALUE!", /needs the input "growth-y2"/);
  });
  test("item 5: R&D first reaching 200万 → one-time 10万; both rules met → the higher (从优、从高、不重复)", () => {
    expect(C(P, "5", range({ rd: "200万" }), "first-200", 2024)).toBe(100000);
    expect(C(P, "5", range({ rd: 1990000 }), "first-200", 2024)).toBe(0);
    expect(C(P, "5", range({ rd: 3000000 }), null, 2024)).toBe(100000); // only first-200's inputs given
    expect(C(P, "5", range({ "growth-y1": 0.3, "growth-y2": 0.3, intensity: 0.2, increment: 3000000, rd: 3000000 }), null, 2024)).toBe(300000);
    expect(C(P, "5", range({ "growth-y1": 0.3, "growth-y2": 0.3, intensity: 0.2, increment: 1000000, rd: 3000000 }), null, 2024)).toBe(100000);
  });
  test("item 6: 超过3家 callers (strict), 10% of the income, 100万 a year", () => {
    expect(C(P, "6", range({ income: 5000000, callers: 4 }), null, 2024)).toBe(500000);
    expect(C(P, "6", range({ income: 5000000, callers: 3 }), null, 2024)).toBe(0);
    expect(C(P, "6", range({ income: 20000000, callers: 10 }), null, 2024)).toBe(1000000);
  });
  test("item 7: 1% of the platform's turnover, 100万 a year", () => {
    expect(C(P, "7", 50000000, null, 2024)).toBe(500000);
    expect(C(P, "7", "2亿", null, 2024)).toBe(1000000);
  });
  test("item 9 is the compute programme: 50% of the contract, 100万 a year", () => {
    expect(C(P, "9", 1000000, null, 2024)).toBe(500000);
    expect(C(P, "9", 3000000, null, 2024)).toBe(1000000);
  });
  test("item 10: 10P of dedicated compute, its own unit", () => {
    expect(C(P, "10", null, null, 2024)).toBe(10);
    const row = clauses(P, 2024).find((r) => r[0] === "10")!;
    expect(row[14]).toBe("P");
  });
  test("item 11: ≥50 client companies (含), 20% of investment, 300万", () => {
    expect(C(P, "11", range({ investment: 10000000, clients: 50 }), null, 2024)).toBe(2000000);
    expect(C(P, "11", range({ investment: 10000000, clients: 49 }), null, 2024)).toBe(0);
    expect(C(P, "11", range({ investment: 20000000, clients: 80 }), null, 2024)).toBe(3000000);
  });
  test("item 12: 最高50万、30万、10万 by level; item 14: 50% of venue rent, 100万 an event", () => {
    expect(["national", "provincial", "municipal"].map((r) => C(P, "12", null, r, 2024))).toEqual([500000, 300000, 100000]);
    expect(C(P, "14", 1200000, null, 2024)).toBe(600000);
    expect(C(P, "14", 3000000, null, 2024)).toBe(1000000);
  });
  test("item 5: a rate typed as a percent number (15 for 15%) is refused, not read as 1500%", () => {
    expectError(() => C(P, "5", [["growth-y1", 15], ["growth-y2", 15], ["intensity", 3], ["increment", 5000000]], "high-rd", 2024), "#VALUE!", /input "growth-y1" 15 is read as 1500%: give a rate as a fraction \(0\.15\) or as text \("15%"\)/);
    expect(C(P, "5", [["growth-y1", "25%"], ["growth-y2", 0.22], ["intensity", 0.12], ["increment", 5000000]], "high-rd", 2024)).toBe(500000);
  });
  test("item 12 reads no base: a lone amount is refused rather than ignored; an empty cell (0) is no amount", () => {
    expectError(() => C(P, "12", 300000, "national", 2024), "#VALUE!", /clause 12 route national reads no base amount \(it is a maximum award\): leave inputs empty, or give its inputs by name: awarded/);
    expect(C(P, "12", 0, "national", 2024)).toBe(500000);
    expect(C(P, "12", [["awarded", 300000]], "national", 2024)).toBe(300000); // awarded below the 最高50万元
  });
});

describe("广州 (征求意见稿), year 2026", () => {
  const P = "guangzhou";
  test("第七条: 30% of fixed-asset investment, cap 2000万", () => {
    expect(C(P, "7", 40000000, null, 2026)).toBe(12000000);
    expect(C(P, "7", "1亿", null, 2026)).toBe(20000000);
  });
  test("第一条 200万; 第三条 30%, cap 5000万 (municipal) or 1亿 (national)", () => {
    expect(C(P, "1", null, null, 2026)).toBe(2000000);
    expect(C(P, "3", "1亿", "municipal", 2026)).toBe(30000000);
    expect(C(P, "3", "2亿", null, 2026)).toBe(50000000); // the general rule is the default; national bases are the exception
    expect(C(P, "3", "2亿", "municipal", 2026)).toBe(50000000);
    expect(C(P, "3", "2亿", "national", 2026)).toBe(60000000);
    expect(C(P, "3", "5亿", "national", 2026)).toBe(100000000);
  });
  test("第四条 30%, 200万 a year; 第五条 500万 / 200万 one-time", () => {
    expect(C(P, "4", 5000000, null, 2026)).toBe(1500000);
    expect(C(P, "4", 10000000, null, 2026)).toBe(2000000);
    expect(C(P, "5", null, "national", 2026)).toBe(5000000);
    expect(C(P, "5", null, "provincial", 2026)).toBe(2000000);
  });
  test("第六条: 300万 a project; 1:1 of national funding, cap 1000万", () => {
    expect(C(P, "6", null, "municipal", 2026)).toBe(3000000);
    expect(C(P, "6", 8000000, "national", 2026)).toBe(8000000);
    expect(C(P, "6", 15000000, "national", 2026)).toBe(10000000);
  });
  test("第八条 to 第十一条 are the vouchers", () => {
    expect(C(P, "8", "3000万", "large-model", 2026)).toBe(10000000);
    expect(C(P, "8", 1000000, null, 2026)).toBe(0); // not 超过 100万
    expect(C(P, "9", null, "benchmark", 2026)).toBe(1000000);
    expect(C(P, "11", 10000000, "first-purchaser-uplift", 2026)).toBe(1500000);
  });
  test("第十四条 10%, cap 1亿; 第十五条 一定的资金资助: the amount given", () => {
    expect(C(P, "14", "5亿", null, 2026)).toBe(50000000);
    expect(C(P, "14", "20亿", null, 2026)).toBe(100000000);
    expect(C(P, "15", range({ amount: 300000 }), null, 2026)).toBe(300000);
  });
  test("第十九条 500-3000万 a team a year for 3 years", () => {
    expect(C(P, "19", null, null, 2026)).toBe(30000000);
    expect(C(P, "19", range({ awarded: "1000万" }), null, 2026)).toBe(10000000);
    expect(C(P, "19", range({ awarded: "1000万", "support-year": 4 }), null, 2026)).toBe(0);
    expectError(() => C(P, "19", range({ awarded: "400万" }), null, 2026), "#VALUE!", /below the 500万元/);
  });
  test("第二十条 300万 / 200万 / 100万; 第二十三条 6折: 40% of the assessed rent saved", () => {
    expect(["outstanding", "leading", "young"].map((r) => C(P, "20", null, r, 2026))).toEqual([3000000, 2000000, 1000000]);
    expect(C(P, "23", 100000, null, 2026)).toBe(40000);
  });
});

describe("廊坊 (〔2023〕1号), year 2024", () => {
  const P = "langfang";
  test("item 1: construction 10%, cap 1000万; operation 20%, 300万 a year, the first three years", () => {
    expect(C(P, "1", "5000万", "construction", 2024)).toBe(5000000);
    expect(C(P, "1", "2亿", "construction", 2024)).toBe(10000000);
    expect(C(P, "1", "1000万", "operation", 2024)).toBe(2000000);
    expect(C(P, "1", range({ "operating-cost": "2000万", "support-year": 3 }), "operation", 2024)).toBe(3000000);
    expect(C(P, "1", range({ "operating-cost": "2000万", "support-year": 4 }), "operation", 2024)).toBe(0);
  });
  test("item 2's routes show the programme's cap shared by them (每个单位每年最高享受100万元算力券)", () => {
    const rows = clauses(P, 2024).filter((r) => r[0] === "2");
    expect(rows.map((r) => r[1])).toEqual(["local-platform", "major-project", "new-entrant"]);
    for (const r of rows) expect([r[7], r[8]]).toEqual([1000000, "recipient-year"]);
    // in Chinese, whom the cap is counted for in Chinese too
    const zh = defaultEngine().clauses(P, 2024, 2024, "zh").filter((r) => String(r[0]).startsWith("2"));
    expect(zh.map((r) => r[8])).toEqual(["每家单位每年", "每家单位每年", "每家单位每年"]);
  });
  test("item 3: ≥10亿 parameters and ≥5 scenarios → 50% of compute cost, 200万", () => {
    expect(C(P, "3", range({ "compute-cost": 3000000, parameters: 1e9, scenarios: 5 }), null, 2024)).toBe(1500000);
    expect(C(P, "3", range({ "compute-cost": 5000000, parameters: 7e10, scenarios: 9 }), null, 2024)).toBe(2000000);
    expect(C(P, "3", range({ "compute-cost": 3000000, parameters: 999999999, scenarios: 5 }), null, 2024)).toBe(0);
    expect(C(P, "3", range({ "compute-cost": 3000000, parameters: 1e9, scenarios: 4 }), null, 2024)).toBe(0);
  });
  test("items 4, 5: 50% cap 100万; 10% cap 100万; 100万 for a national lab", () => {
    expect(C(P, "4", 1500000, null, 2024)).toBe(750000);
    expect(C(P, "4", 3000000, null, 2024)).toBe(1000000);
    expect(C(P, "5", 5000000, "national-task", 2024)).toBe(500000);
    expect(C(P, "5", 20000000, "national-task", 2024)).toBe(1000000);
    expect(C(P, "5", null, "national-lab", 2024)).toBe(1000000);
  });
  test("item 6: 500万 headquarters; 3% of two years' investment where ≥2亿 was agreed, cap 500万", () => {
    expect(C(P, "6", null, "headquarters", 2024)).toBe(5000000);
    expect(C(P, "6", range({ investment: "1亿", "agreed-investment": "2亿" }), "major-project", 2024)).toBe(3000000);
    expect(C(P, "6", range({ investment: "3亿", "agreed-investment": "5亿" }), "major-project", 2024)).toBe(5000000);
    expect(C(P, "6", range({ investment: "1亿", "agreed-investment": "1.99亿" }), "major-project", 2024)).toBe(0);
  });
  test("item 7: revenue milestones 1亿/5亿/10亿 → 100万/500万/1000万; growth rule 3% of the increment; the higher (就高)", () => {
    expect(C(P, "7", range({ revenue: "1亿" }), "milestone", 2024)).toBe(1000000);
    expect(C(P, "7", range({ revenue: "6亿" }), "milestone", 2024)).toBe(5000000);
    expect(C(P, "7", range({ revenue: "12亿" }), "milestone", 2024)).toBe(10000000);
    expect(C(P, "7", range({ revenue: "0.9亿" }), "milestone", 2024)).toBe(0);
    expect(C(P, "7", range({ revenue: "2亿", growth: 0.15, increment: "3000万" }), "growth", 2024)).toBe(900000);
    expect(C(P, "7", range({ revenue: "2亿", growth: 0.09, increment: "3000万" }), "growth", 2024)).toBe(0);
    expect(C(P, "7", range({ revenue: "2亿", growth: 0.15, increment: "3000万" }), null, 2024)).toBe(1000000); // milestone 100万 > 90万
    expect(C(P, "7", range({ revenue: "4亿", growth: 1, increment: "2亿" }), null, 2024)).toBe(5000000); // growth 600万 → cap 500万 > 100万
  });
  test("items 8–11", () => {
    expect(C(P, "8", 2000000, "first-set", 2024)).toBe(200000);
    expect(C(P, "8", 20000000, "first-set", 2024)).toBe(1000000);
    expect(C(P, "8", 5000000, "first-edition", 2024)).toBe(500000);
    expect(C(P, "9", null, null, 2024)).toBe(1000000);
    expect(C(P, "10", 600000, null, 2024)).toBe(300000);
    expect(C(P, "10", 2000000, null, 2024)).toBe(500000);
    expect(C(P, "11", 3000000, "talent", 2024)).toBe(1500000);
    expect(C(P, "11", 5000000, "talent", 2024)).toBe(2000000);
    expect(C(P, "11", 5000000, "training-base", 2024)).toBe(500000);
    expect(C(P, "11", 20000000, "training-base", 2024)).toBe(1000000);
  });
});

describe("CLAUSES: one row per clause and route, against a count made from each text", () => {
  // Clauses of each text that give a number (amount, rate, cap, threshold, tier, quota, duration),
  // and those that promise support with no amount (unquantified), by the text's own numbering.
  const expected: Record<string, { year: number; quantified: string[]; unquantified: string[]; routes: number }> = {
    // Items 1–17; 8 (free trials offered by providers) and 16 (financing, nothing promised) have nothing.
    "hangzhou-binjiang@2023": { year: 2024, quantified: ["1", "2", "3", "5", "6", "7", "9", "10", "11", "12", "14"], unquantified: ["4", "13", "15", "17"], routes: 25 },
    // （一）–（二十二）: all quantified; （十四） gives 3 years of rent support (a duration).
    "hangzhou-binjiang@2025": { year: 2026, quantified: Array.from({ length: 22 }, (_, i) => String(i + 1)), unquantified: [], routes: 32 },
    "hangzhou-binjiang@2025-draft": { year: 2026, quantified: Array.from({ length: 22 }, (_, i) => String(i + 1)), unquantified: [], routes: 32 },
    // 第一条–第二十八条; 2, 13, 16, 17, 21, 22, 24–28 give nothing to compute (27 is the pool).
    "guangzhou@draft": { year: 2026, quantified: ["1", "3", "4", "5", "6", "7", "8", "9", "10", "11", "14", "19", "20", "23"], unquantified: ["12", "15", "18"], routes: 29 },
    // Items 1–13; 12 has nothing.
    "langfang@2023": { year: 2024, quantified: ["1", "2", "3", "4", "5", "6", "7", "8", "9", "10", "11"], unquantified: ["13"], routes: 21 },
  };
  test.each(Object.entries(expected))("%s", (key, e) => {
    const table = clauses(key, e.year);
    expect(table[0].slice(0, 5)).toEqual(["clause", "route", "title", "route name", "kind"]);
    const rows = table.slice(1);
    expect(rows).toHaveLength(e.routes);
    const ids = [...new Set(rows.map((r) => r[0]))];
    // A route with no amount but a duration (最高给予3年的房租补贴) still gives a number: the years.
    const allUnquantified = (id: unknown) => rows.filter((r) => r[0] === id).every((r) => r[4] === "unquantified" && r[12] === "");
    expect(ids.filter((id) => !allUnquantified(id))).toEqual(e.quantified);
    expect(ids.filter(allUnquantified)).toEqual(e.unquantified);
    expect(rows.every((r) => r[17] === key)).toBe(true);
  });
  test("a row carries rate, cap, threshold, pool, inputs, unit, department", () => {
    const rows = clauses("guangzhou", 2026);
    const h = rows[0] as string[];
    const at = (row: unknown[], col: string) => row[h.indexOf(col)];
    const seven = rows.find((r) => r[0] === "7")!;
    expect([at(seven, "rate"), at(seven, "cap"), at(seven, "inputs"), at(seven, "unit")]).toEqual([0.3, 20000000, "investment", "元"]);
    const eight = rows.find((r) => r[0] === "8" && r[1] === "standard")!;
    expect(at(eight, "threshold")).toBe("spend > 100万元");
    expect(at(eight, "department")).toBe("市工业和信息化局");
    const bj = clauses("hangzhou-binjiang", 2026);
    expect(at(bj.find((r) => r[0] === "6")!, "pool")).toBe(100000000); // （六）每年安排最高1亿元
    expect(at(bj.find((r) => r[0] === "19")!, "assumption")).toMatch(/no schedule/);
  });
  test("in Chinese, the assumption column is the policy file's own Chinese note", () => {
    const engine = defaultEngine();
    const zh = engine.clauses("guangzhou", 2026, 2026, "zh");
    const h = zh[0] as string[];
    // 广州 第八条: 可适当放宽限制至不超过1000万元 relaxes the 300万元 limit, read as one yearly limit per 创新主体
    const large = zh.find((r) => r[1] === "large-model")!;
    expect(large[h.indexOf("假设")]).toMatch(/^“可适当放宽限制至不超过1000万元”读作1000万元的上限.*共用每个创新主体每年一个限额/);
    expect(large[h.indexOf("假设")]).not.toMatch(/[A-Za-z]{4,} [A-Za-z]{3,}/); // no English sentence left in it
    // 滨江 2025 （十九）: the text gives 70% and 逐年递减 with no schedule
    const bj = engine.clauses("hangzhou-binjiang", 2026, 2026, "zh");
    expect(bj.find((r) => r[0] === "（十九）")![h.indexOf("假设")]).toMatch(/原文以70%为最高比例并规定逐年递减，但未给出递减方案/);
    // the model's own reading of a maximum with no rate (广州 第一条 不超过200万元)
    expect(zh.find((r) => r[0] === "第一条")![h.indexOf("假设")]).toBe("原文只给最高额、未给比例：除非给出获批金额，按最高额计算。");
  });
  test("a lump sum's assumption is in its trace in both languages", () => {
    // 广州 第十一条 备案: 给予最高100万元一次性奖励 — no rate, the model gives the maximum
    const steps = defaultEngine().voucher("guangzhou", "model:filing", 0, false, 2026, 2026).steps;
    const lump = steps.find((s) => s.step === "lump sum")!;
    expect(lump.text!.en).toMatch(/100万元, whatever the spend; The text gives a maximum and no rate; the model gives the maximum, 100万元\./);
    expect(lump.text!.zh).toBe("100万元，与支出无关；原文只给最高额而无比例；本模型取最高额100万元。");
  });
});

describe("EXPLAIN", () => {
  test("a cap's step is named in each language where it is made (滨江 2025 （六）: 5000万 × 60% = 3000万, capped at 2000万 a company)", () => {
    const steps = defaultEngine().voucher("滨江", "算力券", "5000万", true, 2026, 2026).steps;
    expect(stepRowsIn("en", steps).map((r) => r[0])).toEqual(["version", "programme", "base", "rate", "cap (per recipient)", "annual pool of the programme", "rounding"]);
    expect(stepRowsIn("zh", steps).map((r) => r[0])).toEqual(["版本", "券种", "基数", "比例", "上限（每家单位）", "券种年度资金池", "取整"]);
  });
  test("a clause: each step with its sentence, the award last", () => {
    const t = explain("guangzhou", "7", 40000000, null, 2026);
    expect(t[0]).toEqual(["step", "value", "quote", "source"]);
    const steps = t.slice(1).map((r) => r[0]);
    expect(steps).toEqual(["version", "clause", "base", "rate", "cap (per project)", "annual limit of the measure (total)", "rounding", "award"].filter((s) => s !== "annual limit of the measure (total)"));
    expect(t.find((r) => r[0] === "rate")![2]).toMatch(/按照项目固定资产投入的30%补助/);
    expect(t[t.length - 1]).toEqual(["award", 12000000, "", "元"]);
  });
  test("COMPUTE_VOUCHER's arguments work too", () => {
    const t = explain("guangzhou", "compute", 3000000, null, 2026);
    expect(t.map((r) => r[0])).toContain("threshold");
    expect(t[t.length - 1][1]).toBe(1500000);
    const d = explain("hangzhou-binjiang", "compute", 20000000, true, 2026);
    expect(d[d.length - 1][1]).toBe(12000000);
    expect(d.find((r) => r[0] === "rate")![1]).toMatch(/domestic compute/);
  });
  test("a choice under the text's rule is shown", () => {
    const t = explain("langfang", "7", range({ revenue: "2亿", growth: 0.15, increment: "3000万" }), null, 2024);
    const choose = t.find((r) => r[0] === "choose")!;
    expect(choose[1]).toMatch(/milestone 100万元, growth 90万元.*highest is paid: milestone/);
    expect(choose[2]).toBe("同一企业同一项目仅享受其中一项政策,遵循就高原则。");
  });
  test("inputs as an object (Decimal values too) or a range with a header row", () => {
    const Decimal = require("decimal.js");
    expect(defaultEngine().clauseAward("guangzhou", "7", new Decimal("40000000"), null, 2026, 2026).award.toNumber()).toBe(12000000);
    expect(defaultEngine().clauseAward("langfang", "3", { "compute-cost": new Decimal(3000000), parameters: 1e9, scenarios: 5 }, null, 2024, 2024).award.toNumber()).toBe(1500000);
    expect(C("guangzhou", "7", [["name", "value"], ["investment", 40000000]], null, 2026)).toBe(12000000);
  });
  test("the exact award is available to other engine users, with its trace", () => {
    const r = defaultEngine().clauseAward("hangzhou-binjiang", "21", { "lpr-interest": "33.333333万", interest: 1000000 }, null, 2026, 2026);
    expect(r.award.toString()).toBe("166666.665");
    expect(r.unit).toBe("元");
    expect(r.steps[r.steps.length - 1].value).toMatch(/166666\.67$/);
  });
});

describe("through award-model eval --json, as the add-in evaluates them", () => {
  test("CLAUSE, CLAUSES and EXPLAIN", () => {
    const { spawnSync } = require("child_process") as typeof import("child_process");
    const bin = require("path").resolve(__dirname, "../bin/award-model.js");
    const r = spawnSync(process.execPath, [bin, "eval", "--json",
      '=AWARD.CLAUSE("guangzhou","7",40000000,,2026)', // 第七条 30%, cap 2000万
      '=AWARD.CLAUSE("hangzhou-binjiang@2023","5",{"growth-y1",0.25;"growth-y2",0.22;"intensity",0.12;"increment",5000000},"high-rd")',
      '=AWARD.CLAUSES("langfang@2023")',
      '=AWARD.EXPLAIN("guangzhou","compute",3000000,,2026)',
      '=AWARD.CLAUSE("guangzhou","7",,,2026)',
    ], { encoding: "utf8", timeout: 60000 });
    const out = r.stdout.trim().split("\n").map((l: string) => JSON.parse(l));
    expect(out[0].value).toBe(12000000);
    expect(out[1].value).toBe(500000);
    expect(out[2].value).toHaveLength(22);
    expect(out[3].value[out[3].value.length - 1]).toEqual(["award", 1500000, "", "元"]);
    expect(out[4].error).toEqual({ code: "#VALUE!", message: expect.stringMatching(/needs the input "investment"/) });
    expect(r.status).toBe(1);
  });
});

describe("bad input gets a clear answer", () => {
  test("an unknown clause is #N/A listing the clauses", () => {
    expectError(() => C("guangzhou", "2", 1, null, 2026), "#N/A", /guangzhou@draft has no clause "2"; its clauses are 1, 3, 4/);
    expectError(() => C("guangzhou", "99", 1, null, 2026), "#N/A", /no clause "99"/);
  });
  test("an unknown route or input name is #VALUE! saying what is accepted", () => {
    expectError(() => C("guangzhou", "20", null, "genius", 2026), "#VALUE!", /no route "genius"; its routes are outstanding/);
    expectError(() => C("hangzhou-binjiang", "21", range({ loan: 1 }), null, 2026), "#VALUE!", /reads no input "loan"; it reads standard: lpr-interest/);
  });
  test("inputs that are not amounts, rates or counts", () => {
    expectError(() => C("guangzhou", "7", -5, null, 2026), "#VALUE!", /negative/);
    expectError(() => C("guangzhou", "7", "lots", null, 2026), "#VALUE!", /not an amount/);
    expectError(() => C("guangzhou", "7", Number.NaN, null, 2026), "#NUM!");
    expectError(() => C("hangzhou-binjiang@2023", "6", range({ income: 1, callers: 2.5 }), null, 2024), "#VALUE!", /not a count/);
    expectError(() => C("hangzhou-binjiang@2023", "5", range({ "growth-y1": "fast" }), "high-rd", 2024), "#VALUE!", /not a rate/);
    expectError(() => C("guangzhou", "7", [[1, 2, 3]], null, 2026), "#VALUE!", /row 1 is not a name and a value/);
    expectError(() => C("hangzhou-binjiang", "20", range({ cost: 1, "support-year": 0 }), null, 2026), "#VALUE!", /not a year of support/);
  });
});
