// COMPUTE_VOUCHER's compiled evaluators (whole fen, integer arithmetic) give exactly the answers of
// the decimal computation, for every programme route of every version, domestic or not, at random
// spends (whole 元, fen, around each threshold and cap), and leave what they cannot take exactly to it.
import fc from "fast-check";
import { defaultEngine, parseAmount, toFen } from "../src/engine";
import { computeVoucher } from "../src/engine/voucher";
import { CompiledVouchers, compiledAward } from "../src/engine/compiled";

const engine = defaultEngine();
const resolver = engine.resolver;
const cases = [...resolver.registry.jurisdictions.values()].flatMap((j) => j.versions).flatMap((v) =>
  v.programmes.flatMap((p) => p.routes.map((r) => ({ v, key: v.key, type: `${p.id}:${r.id}`, year: Number((v.inForce?.from ?? "2026").slice(0, 4)) }))));

describe.each(cases)("$key $type", ({ key, type, year }) => {
  const compiled = new CompiledVouchers(resolver);
  test("the same award as the decimal computation", () => {
    fc.assert(fc.property(
      fc.oneof(
        fc.integer({ min: 0, max: 2e9 }), fc.integer({ min: 0, max: 2e11 }).map((f) => f / 100), fc.constantFrom(0, 1e6, 1e6 + 0.01, 2e7, 3333.33e4, 1e10),
        fc.integer({ min: 0, max: 1e8 }).map((w) => `${w / 100}万`), fc.constantFrom("1500万", "3333.34万", "2.5亿元", "100", "0.005", "1.2345678万", "100元"),
      ),
      fc.constantFrom(true, false, null),
      (spend, domestic) => {
        const slow = toFen(computeVoucher(resolver, resolver.resolve(key, year), type, spend, domestic, year, false).award);
        const fast = compiled.amount(key, type, spend, domestic, year);
        // The portfolio's compiled award gives the same rule that set it.
        const { version } = resolver.resolve(key, year);
        const { programme, route } = resolver.findProgrammeRoute(version, type);
        const both = compiledAward(version, programme, route, spend, domestic);
        if (both) expect([both[0] / 100, both[1]]).toEqual([slow, computeVoucher(resolver, resolver.resolve(key, year), type, spend, domestic, year, false).binding]);
        // Whole fen (a number, or text such as 1500万) always takes the compiled path, with the same answer.
        const wholeFen = parseAmount(spend).times(100).isInteger();
        expect(fast === null ? (wholeFen ? "declined" : slow) : fast).toBe(slow);
      },
    ), { numRuns: 200 });
  });
});

test("inputs it cannot take exactly go the ordinary way (and its messages)", () => {
  const compiled = new CompiledVouchers(resolver);
  expect(compiled.amount("滨江", "compute", "1,500万", true, 2026)).toBeNull(); // text with a thousands comma
  expect(compiled.amount("滨江", "compute", 0.001, true, 2026)).toBeNull(); // a fraction of a fen
  expect(compiled.amount("nowhere", "compute", 100, true, 2026)).toBeNull(); // the ordinary way says why
  expect(engine.voucherAmount("滨江", "compute", 0.001, true, 2026, 2026)).toBe(0); // 0.0003 元 rounds to 0.00
});
