// What-if variants and pinned versions (src/engine/variants.ts, Resolver pins), over the real policies.
import { AwardError, defaultEngine, diffIn, diffVersions, engineGeneration, engineWith, setDefaultEngine } from "../src/engine";
import { computeVoucher, version } from "../src/functions/functions";
import { evaluateFormula } from "../src/functions/evaluate";

const DRAFT_40 = {
  base: "hangzhou-binjiang@2025",
  name: "draft-40pct",
  edits: [
    { field: "compute.rate", value: "40%" },
    { field: "compute.cap", value: "1500万" },
  ],
};

afterEach(() => setDefaultEngine(null));

describe("what-if variants", () => {
  test("hangzhou-binjiang@2025~draft-40pct: 40% of the spend, capped at 1500万 instead of 30% / 2000万", () => {
    const engine = engineWith({ variants: [DRAFT_40] });
    // 2025 text （六）: 30% (non-domestic), 单家企业最高2000万元. The variant: 40%, 1500万.
    // 3000万 × 40% = 1200万, under the 1500万 cap: the rate binds.
    const r = engine.voucher("hangzhou-binjiang@2025~draft-40pct", "compute", 30000000, false, 2026, 2026);
    expect(r.award.toString()).toBe("12000000");
    expect(r.binding).toBe("rate");
    expect(r.rate!.toString()).toBe("0.4");
    expect(r.cap!.toString()).toBe("15000000");
    // 5000万 × 40% = 2000万 > 1500万: the edited cap binds.
    const big = engine.voucher("hangzhou-binjiang@2025~draft-40pct", "compute", 50000000, false, 2026, 2026);
    expect(big.award.toString()).toBe("15000000");
    expect(big.binding).toBe("cap");
    // the domestic rate was not edited: 2000万 × 60% = 1200万
    expect(engine.voucherAmount("hangzhou-binjiang@2025~draft-40pct", "compute", 20000000, true, null, 2026)).toBe(12000000);
    // the shipped version is untouched: 5000万 × 30% = 1500万 under the 2000万 cap
    expect(engine.voucherAmount("hangzhou-binjiang@2025", "compute", 50000000, false, null, 2026)).toBe(15000000);
    expect(engine.voucherAmount("hangzhou-binjiang@2025", "compute", 100000000, false, null, 2026)).toBe(20000000);
  });

  test("the trace says which numbers were edited and that they are not from the text", () => {
    const engine = engineWith({ variants: [DRAFT_40] });
    const r = engine.voucher("hangzhou-binjiang@2025~draft-40pct", "compute", 50000000, false, 2026, 2026);
    const variantStep = r.steps.find((s) => s.step === "what-if variant")!;
    expect(variantStep.value).toMatch(/compute:standard\.rate 30% → 40%/);
    expect(variantStep.value).toMatch(/compute:standard\.cap 2000万元 → 1500万元/);
    const rate = r.steps.find((s) => s.step === "rate")!;
    expect(rate.quote).toMatch(/^what-if edit .*not from the text/);
    expect(rate.source).toBe("variant hangzhou-binjiang@2025~draft-40pct");
  });

  test("the variant's clauses table (CLAUSES) shows its edited numbers, not the base's", () => {
    const engine = engineWith({ variants: [{ base: "hangzhou-binjiang@2025", name: "rate-10", edits: [{ field: "compute.rate", value: "10%" }] }] });
    const rows = (key: string) => {
      const table = engine.clauses(key, null, 2026);
      const col = (name: string) => table[0].indexOf(name);
      const clause = engine.version(key, null, 2026).programmes.find((p) => p.id === "compute")!.clause;
      return table.filter((r) => r[col("clause")] === clause && r[col("route")] === "standard").map((r) => r[col("rate")]);
    };
    // 2025 text （六）: 30% (non-domestic); the variant: 10%
    expect(rows("hangzhou-binjiang@2025")).toEqual([0.3]);
    expect(rows("hangzhou-binjiang@2025~rate-10")).toEqual([0.1]);
    // and the diff from the base names the one change
    const at = (key: string) => engine.version(key, null, 2026);
    const d = diffVersions(at("hangzhou-binjiang@2025"), at("hangzhou-binjiang@2025~rate-10"));
    expect(diffIn(d, "en").changed).toEqual([{ id: "6", title: "降低算力使用成本", changes: [{ fact: "route standard: rate", from: "30%", to: "10%" }] }]);
  });

  test("pools and programme fields can be edited; FUND_LIMIT sees them", () => {
    const engine = engineWith({
      variants: [{ base: "guangzhou@draft", name: "small-pool", edits: [{ field: "pools.total", value: "3亿" }, { field: "compute:large-model.cap", value: 20000000 }] }],
    });
    // 广州 draft: 每年安排不超过5亿元 → 3亿 in the variant
    expect(engine.fundLimit("guangzhou@draft~small-pool", "total", null, 2026).amount.toString()).toBe("300000000");
    expect(engine.fundLimit("guangzhou@draft", "total", null, 2026).amount.toString()).toBe("500000000");
    // large-model route: 50% of 3000万 = 1500万 (above the text's 1000万 cap, under the edited 2000万)
    expect(engine.voucherAmount("guangzhou@draft~small-pool", "compute:large-model", 30000000, false, null, 2026)).toBe(15000000);
    expect(engine.voucherAmount("guangzhou@draft", "compute:large-model", 30000000, false, null, 2026)).toBe(10000000);
  });

  test("a variant is never chosen by year, only by name or pin", () => {
    const engine = engineWith({ variants: [DRAFT_40] });
    expect(engine.version("滨江", 2026, 2026).key).toBe("hangzhou-binjiang@2025");
  });

  test("two variants of one name are refused in both languages (the registry's own check spoke English only)", () => {
    let err: unknown;
    try {
      engineWith({ variants: [DRAFT_40, { ...DRAFT_40, edits: [{ field: "compute.rate", value: "50%" }] }] });
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(AwardError);
    expect((err as AwardError).code).toBe("#VALUE!");
    expect((err as AwardError).in("en")).toMatch(/^variant hangzhou-binjiang@.*draft-40pct is given twice: give each variant its own name\.$/);
    expect((err as AwardError).in("zh")).toMatch(/^假设方案 hangzhou-binjiang@.*draft-40pct 重复：每个方案须有自己的名称。$/);
  });

  test("bad variants are refused with a message naming the edit", () => {
    const bad = (spec: object) => () => engineWith({ variants: [spec as typeof DRAFT_40] });
    expect(bad({ ...DRAFT_40, name: "has space" })).toThrow(/not a name/);
    expect(bad({ ...DRAFT_40, base: "hangzhou-binjiang@2031" })).toThrow(/no version "2031"/);
    expect(bad({ ...DRAFT_40, edits: [{ field: "compute.rate", value: "140%" }] })).toThrow(/outside 0% to 100%/);
    expect(bad({ ...DRAFT_40, edits: [{ field: "compute.colour", value: "1" }] })).toThrow(/not an editable number/);
    expect(bad({ ...DRAFT_40, edits: [{ field: "compute.threshold", value: "1" }] })).toThrow(/has no threshold to edit/);
    expect(bad({ ...DRAFT_40, edits: [{ field: "pools.total", value: "1" }] })).toThrow(/sets no measure-wide pool/);
    expect(bad({ ...DRAFT_40, edits: [] })).toThrow(/edits nothing/);
    expect(bad({ ...DRAFT_40, edits: [{ field: "compute.cap", value: "-5" }] })).toThrow(AwardError);
  });

  test("every AWARD function accepts the variant once it is the default engine; an unknown variant is a #VALUE! with the list", () => {
    const before = engineGeneration();
    setDefaultEngine(engineWith({ variants: [DRAFT_40] }));
    expect(engineGeneration()).toBeGreaterThan(before);
    expect(computeVoucher("hangzhou-binjiang@2025~draft-40pct", "compute", "5000万")).toBe(15000000);
    expect(version("滨江@2025~draft-40pct")).toBe("hangzhou-binjiang@2025~draft-40pct");
    expect(evaluateFormula('=AWARD.FUND_LIMIT("hangzhou-binjiang@2025~draft-40pct","compute")').value).toBe(100000000);
    // ROUTES shows the edited numbers; POLICIES lists the variant as what it is
    const routes = evaluateFormula('=AWARD.ROUTES("hangzhou-binjiang@2025~draft-40pct","compute")').value as unknown[][];
    expect(routes[1].slice(3, 5)).toEqual([0.4, 0.6]);
    expect(routes[1][7]).toBe(15000000);
    const listed = (evaluateFormula("=AWARD.POLICIES()").value as unknown[][]).find((r) => r[0] === "hangzhou-binjiang@2025~draft-40pct")!;
    expect(listed[6]).toMatch(/what-if variant of hangzhou-binjiang@2025 \(compute:standard.rate 30% → 40%/);
    const e = evaluateFormula('=AWARD.COMPUTE_VOUCHER("hangzhou-binjiang@2025~nope","compute",1)').error!;
    expect(e.code).toBe("#VALUE!");
    expect(e.message).toMatch(/no what-if variant "nope".*hangzhou-binjiang@2025~draft-40pct/);
    setDefaultEngine(null);
    expect(evaluateFormula('=AWARD.COMPUTE_VOUCHER("hangzhou-binjiang@2025~draft-40pct","compute",1)').error!.message).toMatch(/defines no variants/);
  });
});

describe("pinned versions", () => {
  test("a pinned jurisdiction resolves to its pin whatever the year; explicit @version still wins", () => {
    const engine = engineWith({ pins: { "hangzhou-binjiang": "2025-draft" } });
    expect(engine.version("滨江", 2026, 2026).key).toBe("hangzhou-binjiang@2025-draft");
    expect(engine.version("滨江", 2024, 2024).key).toBe("hangzhou-binjiang@2025-draft");
    expect(engine.version("滨江@2023", 2026, 2026).key).toBe("hangzhou-binjiang@2023");
    // others follow the year: 2026 → guangzhou draft window (assumed 2025–2029)
    expect(engine.version("广州", 2026, 2026).key).toBe("guangzhou@draft");
    const r = engine.voucher("滨江", "compute", 1000000, true, 2026, 2026);
    expect(r.steps[0].value).toMatch(/pinned in the workbook/);
    // the default engine without pins: 2026 → the 2025 final text
    expect(defaultEngine().version("滨江", 2026, 2026).key).toBe("hangzhou-binjiang@2025");
  });

  test("a pin can name a variant; a pin naming nothing is refused", () => {
    const engine = engineWith({ variants: [DRAFT_40], pins: { "hangzhou-binjiang": "2025~draft-40pct" } });
    expect(engine.voucherAmount("滨江", "compute", 50000000, false, null, 2026)).toBe(15000000);
    expect(() => engineWith({ pins: { "hangzhou-binjiang": "2019" } })).toThrow(/no version "2019"/);
    expect(() => engineWith({ pins: { atlantis: "2025" } })).toThrow(/not a jurisdiction id/);
  });
});
