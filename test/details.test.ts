// VOUCHER_DETAILS: COMPUTE_VOUCHER's answer as an entity card, with the rule that set the amount and
// its sentence; a plain number where the host has no data types.
import { computeVoucher } from "../src/functions/functions";
import { voucherDetails, type VoucherCard } from "../src/functions/details";
import { evaluateFormula } from "../src/functions/evaluate";
import { expectError } from "./helpers/call";
import { setLanguageSource } from "../src/functions/language";

const prop = (c: VoucherCard, name: string) => c.properties[name]?.basicValue;
const details = (...args: unknown[]) => voucherDetails(...(args as [unknown, unknown, unknown, unknown?, unknown?])) as VoucherCard;

describe("the card in Chinese (Office's display language zh-CN): Chinese keys and words", () => {
  afterEach(() => setLanguageSource(() => null));
  test("Binjiang 2025 compute, 5000万 domestic → capped at 2000万 （六）", () => {
    setLanguageSource(() => "zh");
    const c = details("滨江", "算力券", "5000万", true, 2026);
    expect(prop(c, "补贴额")).toBe(20000000);
    expect(prop(c, "比例")).toBe(0.6);
    expect(prop(c, "上限")).toBe(20000000);
    expect(prop(c, "约束项")).toBe("路径上限");
    expect(prop(c, "条款")).toBe("（六）");
    expect(prop(c, "券种")).toBe("算力券（compute）");
    // the English name reaches the same value (a formula written in an English Excel), hidden from the card
    expect(prop(c, "award")).toBe(20000000);
    expect(c.properties["award"].propertyMetadata).toEqual({ excludeFrom: { cardView: true, autoComplete: true, calcCompare: true } });
    expect(c.properties["补贴额"].propertyMetadata).toBeUndefined();
    for (const s of c.layouts.card.sections) for (const p of s.properties) expect(c.properties[p]).toBeDefined();
    expect(c.layouts.card.sections[1].title).toBe("依据");
  });
  test("the same card in English after the language changes (the memo keys on it)", () => {
    setLanguageSource(() => "zh");
    details("滨江", "算力券", "5000万", true, 2026);
    setLanguageSource(() => "en");
    const c = details("滨江", "算力券", "5000万", true, 2026);
    expect(prop(c, "clause")).toBe("6");
    expect(prop(c, "programme")).toBe("compute (Compute voucher)");
    // =A1.补贴额, written in a Chinese Excel, still resolves when the workbook is opened in English
    expect(prop(c, "补贴额")).toBe(20000000);
    expect(prop(c, "条款")).toBe("6");
    expect(c.properties["补贴额"].propertyMetadata?.excludeFrom.cardView).toBe(true);
    expect(Object.keys(c.properties).filter((p) => !c.properties[p].propertyMetadata).sort()).toEqual(c.layouts.card.sections.flatMap((s) => s.properties).concat("award (text)", "rate").sort());
  });
});

describe("the card", () => {
  test("a capped award: Binjiang 2025 compute, 5000万 domestic → 60% = 3000万, capped at 2000万 （六）", () => {
    const c = details("滨江", "算力券", "5000万", true, 2026);
    expect(c.type).toBe("Entity");
    expect(prop(c, "award")).toBe(20000000);
    expect(prop(c, "award")).toBe(computeVoucher("滨江", "算力券", "5000万", true, 2026));
    expect(prop(c, "rate")).toBe(0.6);
    expect(prop(c, "cap")).toBe(20000000);
    expect(prop(c, "binding limit")).toBe("cap of the route");
    expect(prop(c, "version")).toBe("hangzhou-binjiang@2025");
    expect(prop(c, "quote")).toMatch(/最高2000万元/);
    expect(c.text).toMatch(/^20000000 元/);
    // every property the layout shows exists, and values have Excel's types
    for (const s of c.layouts.card.sections) for (const p of s.properties) expect(c.properties[p]).toBeDefined();
    expect(c.properties[c.layouts.card.title.property]).toBeDefined();
    for (const p of Object.values(c.properties)) expect(["Double", "String", "Boolean"]).toContain(p.type);
  });

  test("the rate binds: Guangzhou compute 200万 → 50% = 100万 (第八条), quote of the rate", () => {
    const c = details("guangzhou", "compute", "200万", false, 2026);
    expect(prop(c, "award")).toBe(1000000);
    expect(prop(c, "binding limit")).toBe("rate × spend (no cap reached)");
    expect(prop(c, "quote")).toMatch(/50%/);
    expect(prop(c, "clause")).toBe("8");
  });

  test("below the threshold: 0 with the threshold's sentence (第八条: 超过100万元)", () => {
    const c = details("guangzhou", "compute", 1000000, false, 2026);
    expect(prop(c, "award")).toBe(0);
    expect(prop(c, "binding limit")).toMatch(/threshold not passed/);
    expect(prop(c, "quote")).toMatch(/超过100万元/);
  });

  test("a lump sum: Langfang new entrant, 50万 whatever the spend (item 2)", () => {
    const c = details("langfang", "compute:new-entrant", 0, false, 2024);
    expect(prop(c, "award")).toBe(500000);
    expect(prop(c, "rate")).toBe("");
    expect(prop(c, "binding limit")).toBe("lump sum");
    expect(prop(c, "quote")).toMatch(/50万元/);
  });

  test("bad input: the same errors as COMPUTE_VOUCHER", () => {
    expectError(() => voucherDetails("shanghai", "compute", 1), "#VALUE!", /unknown jurisdiction "shanghai"/);
    expectError(() => voucherDetails("滨江", "compute", -5, true, 2026), "#VALUE!", /spend is negative/);
  });

  test("the CLI evaluator returns the card", () => {
    const r = evaluateFormula('=AWARD.VOUCHER_DETAILS("guangzhou","compute:large-model","3000万",,2026)');
    expect(r.error).toBeNull();
    expect(prop(r.value as VoucherCard, "award")).toBe(10000000); // 第八条: 放宽限制至不超过1000万元
  });
});

describe("degrades where Excel has no data types", () => {
  const g = globalThis as unknown as { Office?: unknown };
  afterEach(() => delete g.Office);

  test("without ExcelApi 1.16: the award as a plain number", () => {
    const asked: string[] = [];
    g.Office = { context: { requirements: { isSetSupported: (n: string, v: string) => (asked.push(`${n} ${v}`), false) } } };
    expect(voucherDetails("滨江", "算力券", "5000万", true, 2026)).toBe(20000000);
    expect(asked).toEqual(["ExcelApi 1.16"]);
  });

  test("with ExcelApi 1.16: the card", () => {
    g.Office = { context: { requirements: { isSetSupported: () => true } } };
    expect(details("滨江", "算力券", "5000万", true, 2026).type).toBe("Entity");
  });

  test("an Office without requirement checks (or one that throws): the number, never a crash", () => {
    g.Office = { context: {} };
    expect(voucherDetails("滨江", "算力券", "5000万", true, 2026)).toBe(20000000);
    g.Office = { context: { requirements: { isSetSupported: () => { throw new Error("no"); } } } };
    expect(voucherDetails("滨江", "算力券", "5000万", true, 2026)).toBe(20000000);
  });
});
