// The fields of a clause's route users read besides the award: what the model assumes where the text
// leaves room, in both languages, in CLAUSES' assumption column and in the trace where it acts.
import { cityEngine, type Doc } from "./helpers/test-city";

// 三、对连续运营超过3年的企业 (test city): a test on the years run, the counting of which the text leaves open.
const RUN_3_YEARS = {
  input: "years-run", label: "连续运营年数", type: "count", op: ">", value: 3, quote: "对连续运营超过3年的企业",
  assumption: "years are counted to the end of the year before the application", assumptionZh: "运营年数计至申报前一年年末",
};
const withTest = (d: Doc) => (d.clauses[0].routes[0].tests = [RUN_3_YEARS]);

describe("an input test's assumption", () => {
  const engine = cityEngine(withTest);
  test("in the trace of the test: passed, 20% of 100万 = 20万 (clause 一); failed, nothing", () => {
    const passed = engine.clauseAward("testcity", "1", [["investment", 1000000], ["years-run", 5]], null, 2024, 2024);
    expect(passed.award.toNumber()).toBe(200000);
    expect(passed.steps.find((s) => s.step === "condition")).toEqual(expect.objectContaining({
      text: {
        en: "years-run (连续运营年数) 5 passes > 3 (3); years are counted to the end of the year before the application",
        zh: "years-run（连续运营年数）5 满足 > 3（3）；运营年数计至申报前一年年末",
      },
      quote: "对连续运营超过3年的企业",
    }));
    const failed = engine.clauseAward("testcity", "1", [["investment", 1000000], ["years-run", 3]], null, 2024, 2024);
    expect([failed.award.toNumber(), failed.binding]).toEqual([0, "condition"]);
    expect(failed.steps.find((s) => s.step === "condition")!.text!.zh).toBe("years-run（连续运营年数）3 不满足 > 3（3）：不予支持；运营年数计至申报前一年年末");
  });
  test("in CLAUSES' assumption column, in the language", () => {
    const column = (lang: "en" | "zh") => {
      const [header, row] = engine.clauses("testcity", 2024, 2024, lang);
      return row[header.indexOf(lang === "zh" ? "假设" : "assumption")];
    };
    expect(column("en")).toBe("years are counted to the end of the year before the application");
    expect(column("zh")).toBe("运营年数计至申报前一年年末");
  });
  test("a test without one says nothing more", () => {
    const plain = cityEngine((d) => (d.clauses[0].routes[0].tests = [{ ...RUN_3_YEARS, assumption: undefined, assumptionZh: undefined }]));
    const r = plain.clauseAward("testcity", "1", [["investment", 1000000], ["years-run", 5]], null, 2024, 2024);
    expect(r.steps.find((s) => s.step === "condition")!.text).toEqual({ en: "years-run (连续运营年数) 5 passes > 3 (3)", zh: "years-run（连续运营年数）5 满足 > 3（3）" });
    const [header, row] = plain.clauses("testcity", 2024, 2024);
    expect(row[header.indexOf("assumption")]).toBe("");
  });
});
