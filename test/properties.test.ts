// Property tests (fast-check) over every route of every policy version, driven by the policy data:
// an award is never negative, never above its cap as ROUTES reports it (raised by the uplift where a
// route has one: Guangzhou's first-purchaser-uplift route pays the capped award × 1.5), never above
// the shared cap or a pool, never above rate × spend (× the uplift), and never decreases as the spend
// grows. And a fuzz of the amount parser.
import Decimal from "decimal.js";
import fc from "fast-check";
import { AwardError, defaultRegistry, formatYuan, parseAmount } from "../src/engine";
import { formatFen } from "../src/engine/amount";
import { computeVoucher, fundLimit, routes } from "../src/functions/functions";
import { call } from "./helpers/call";

const YEAR = 2026;
const COLS = ["route", "name", "default", "rate", "domestic rate", "threshold", "threshold rule", "cap", "cap per", "shared cap", "lump sum", "uplift"];

interface RouteCase { version: string; programme: string; route: string; row: Record<string, unknown> }

const CASES: RouteCase[] = [];
for (const v of defaultRegistry().allVersions()) {
  for (const p of v.programmes) {
    const table = routes(v.key, p.id, YEAR) as unknown[][];
    const header = table[0] as string[];
    for (const c of COLS) if (!header.includes(c)) throw new Error(`ROUTES has no column "${c}"`);
    for (const r of table.slice(1)) {
      const row = Object.fromEntries(header.map((h, i) => [h, r[i]]));
      CASES.push({ version: v.key, programme: p.id, route: String(row.route), row });
    }
  }
}

const num = (x: unknown): Decimal | null => (typeof x === "number" ? new Decimal(x) : null);
/** A pool from FUND_LIMIT, or null where the version sets none (#N/A). */
function pool(version: string, programme: string): Decimal | null {
  const r = call(() => fundLimit(version, programme, YEAR));
  return typeof r === "number" ? new Decimal(r) : null;
}

/** Spends: whole 元, fen, round 万 amounts, and the extremes. */
const spend = fc.oneof(
  fc.integer({ min: 0, max: 2_000_000_000 }),
  fc.integer({ min: 0, max: 100_000_000_000 }).map((fen) => fen / 100),
  fc.integer({ min: 0, max: 100_000 }).map((wan) => `${wan}万`),
  fc.constantFrom(0, 0.01, 1e15),
);
const award = (c: RouteCase, s: number | string, domestic: boolean) => computeVoucher(c.version, `${c.programme}:${c.route}`, s, domestic, YEAR);

test("the policies give routes to check", () => {
  expect(CASES.length).toBeGreaterThanOrEqual(14);
  // Guangzhou's uplift route is among them, with its 50% (第十一条)
  expect(CASES.find((c) => c.version === "guangzhou@draft" && c.route === "first-purchaser-uplift")?.row.uplift).toBe(0.5);
});

describe.each(CASES.map((c) => [`${c.version} ${c.programme}:${c.route}`, c] as const))("%s", (_, c) => {
  const rate = num(c.row.rate);
  const domesticRate = num(c.row["domestic rate"]) ?? rate;
  const uplift = new Decimal(1).plus(num(c.row.uplift) ?? 0);
  const limits = [
    num(c.row.cap)?.times(uplift),
    num(c.row["shared cap"]),
    num(c.row["lump sum"])?.times(uplift),
    pool(c.version, c.programme),
    pool(c.version, "total"),
  ].filter((x): x is Decimal => x != null);

  // Spends near where a limit starts to bind (limit / rate) and near the threshold: where mistakes hide.
  const kinks = [
    ...limits.flatMap((l) => [rate, domesticRate].filter((r): r is Decimal => r !== null && !r.isZero()).map((r) => l.dividedBy(uplift).dividedBy(r))),
    ...(num(c.row.threshold) ? [num(c.row.threshold)!] : []),
  ].filter((k) => k.lessThanOrEqualTo(1e15));
  const nearKinks = kinks.length
    ? fc.tuple(fc.constantFrom(...kinks), fc.double({ min: 0.95, max: 1.05, noNaN: true })).map(([k, f]) => k.times(f).toDecimalPlaces(2).toNumber())
    : spend;
  const spends = fc.oneof(spend, nearKinks, kinks.length ? fc.constantFrom(...kinks.map((k) => k.toDecimalPlaces(2).toNumber())) : spend);

  test("never negative, never above its cap, the shared cap or a pool, never above rate × spend", () => {
    fc.assert(
      fc.property(spends, fc.boolean(), (s, domestic) => {
        const a = award(c, s, domestic);
        expect(typeof a).toBe("number");
        expect(a).toBeGreaterThanOrEqual(0);
        for (const limit of limits) expect(a).toBeLessThanOrEqual(limit.toNumber());
        if (!c.row["lump sum"]) {
          const r = (domestic ? domesticRate : rate)!;
          const bound = r.times(parseAmount(s)).times(uplift).toDecimalPlaces(2, Decimal.ROUND_HALF_UP);
          expect(a).toBeLessThanOrEqual(bound.toNumber());
        }
      }),
      { numRuns: 150 },
    );
  });

  test("never decreases as the spend grows", () => {
    const amount = fc.oneof(fc.integer({ min: 0, max: 1e11 }).map((fen) => fen / 100), nearKinks.filter((x): x is number => typeof x === "number"));
    fc.assert(
      fc.property(amount, amount, fc.boolean(), (x, y, domestic) => {
        const [lo, hi] = x <= y ? [x, y] : [y, x];
        expect(award(c, lo, domestic)).toBeLessThanOrEqual(award(c, hi, domestic));
      }),
      { numRuns: 150 },
    );
  });
});

test("Guangzhou's uplift route: the capped award raised by 50%, above the route's cap as ROUTES reports it", () => {
  const c = CASES.find((x) => x.version === "guangzhou@draft" && x.route === "first-purchaser-uplift")!;
  const cap = c.row.cap as number;
  // a spend far above the cap: the award is the cap × 1.5 (unless a shared cap or pool is lower)
  const a = award(c, 1e12, false);
  expect(a).toBeGreaterThan(cap);
  expect(a).toBeLessThanOrEqual(cap * 1.5);
});

describe("amount parser (fuzz)", () => {
  /** parseAmount either returns a finite amount from 0 to 10^15 or throws an AwardError; nothing else. */
  function parsesOrRefuses(input: unknown): Decimal | null {
    try {
      const v = parseAmount(input, "spend");
      expect(v.isFinite()).toBe(true);
      expect(v.greaterThanOrEqualTo(0)).toBe(true);
      expect(v.lessThanOrEqualTo(1e15)).toBe(true);
      return v;
    } catch (e) {
      expect(e).toBeInstanceOf(AwardError);
      expect(["#VALUE!", "#NUM!"]).toContain((e as AwardError).code);
      expect((e as AwardError).message).toMatch(/^spend /);
      return null;
    }
  }

  test("any value at all: an amount or an AwardError", () => {
    fc.assert(fc.property(fc.anything(), (x) => void parsesOrRefuses(x)), { numRuns: 2000 });
  });

  test("any text, including unit characters and separators: an amount or an AwardError", () => {
    const alphabet = fc.constantFrom(..."0123456789.,-+ 万亿千百十元￥¥RMBcny人民币０１２５，。e".split(""));
    fc.assert(fc.property(fc.string({ unit: alphabet, maxLength: 16 }), (s) => void parsesOrRefuses(s)), { numRuns: 3000 });
    fc.assert(fc.property(fc.string({ unit: "grapheme", maxLength: 12 }), (s) => void parsesOrRefuses(s)), { numRuns: 1000 });
  });

  test("numbers from 0 to 10^15 are themselves", () => {
    fc.assert(
      fc.property(fc.double({ min: 0, max: 1e15, noNaN: true }), (n) => {
        expect(parseAmount(n).toNumber()).toBe(Object.is(n, -0) ? 0 : n);
      }),
    );
  });

  test("formatYuan's text reads back as the same amount (万, 亿 and 元)", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1e15 }), fc.integer({ min: 0, max: 99 }), (yuan, fen) => {
        const x = new Decimal(yuan).plus(yuan < 1e13 ? fen / 100 : 0);
        expect(parseAmount(formatYuan(x)).equals(x)).toBe(true);
      }),
      { numRuns: 2000 },
    );
  });

  test("formatFen (whole fen, no decimal made) writes what formatYuan writes of the same amount in 元", () => {
    const same = (fen: number | bigint) => expect(formatFen(fen)).toBe(formatYuan(new Decimal(String(fen)).dividedBy(100)));
    fc.assert(fc.property(fc.maxSafeNat(), same), { numRuns: 3000 });
    fc.assert(fc.property(fc.integer({ min: 0, max: 10_000_000 }), fc.constantFrom(1, 10, 100, 10_000, 1_000_000), (n, k) => same(n * k)), { numRuns: 2000 });
    fc.assert(fc.property(fc.bigInt({ min: 0n, max: 10n ** 20n }), same), { numRuns: 1000 });
    for (const fen of [0, 1, 5, 10, 50, 99, 100, 150, 123450, 1_000_000, 2_000_000_000, 90_000_000_000, 15_000_000_000]) same(fen);
    expect(formatFen(123450)).toBe("1234.5元"); // 1234.50 元
    expect(formatFen(2_000_000_000)).toBe("2000万元");
    expect(formatFen(15_000_000_000)).toBe("1.5亿元");
  });

  test("unit words multiply, thousands separators and full-width digits read as written", () => {
    const units: [string, number][] = [["", 1], ["十", 10], ["百", 100], ["千", 1e3], ["万", 1e4], ["十万", 1e5], ["百万", 1e6], ["千万", 1e7], ["亿", 1e8]];
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 9_999_999 }), fc.constantFrom(...units), fc.boolean(), (n, [unit, factor], yuan) => {
        const text = `${n}${unit}${yuan ? "元" : ""}`;
        expect(parseAmount(text).equals(new Decimal(n).times(factor))).toBe(true);
        const fullWidth = text.replace(/[0-9]/g, (d) => String.fromCharCode(d.charCodeAt(0) + 0xfee0));
        expect(parseAmount(fullWidth).equals(new Decimal(n).times(factor))).toBe(true);
      }),
    );
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 999_999_999_999 }), (n) => {
        expect(parseAmount(n.toLocaleString("en-US")).toNumber()).toBe(n);
      }),
    );
  });

  test("a minus sign is refused as negative, never read as a positive amount", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 1e9 }), fc.constantFrom("", "万", "元"), (n, unit) => {
        expect(() => parseAmount(`-${n}${unit}`, "spend")).toThrow(/negative/);
      }),
    );
  });
});
