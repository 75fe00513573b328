// The consistency check, in the spirit of a proof, over generated inputs (fast-check): for every
// version, every clause and every route,
//  1. every valid input gives a number (finite, ≥ 0, within the route's cap or maximum) or a
//     documented Excel error (#VALUE!, #N/A, #NUM!) with a message — never a crash;
//  2. a rate route pays exactly min(base × rate, further limits, cap) when its conditions hold, 0
//     when one fails, and never less for a larger base;
//  3. with no route named, at most one route is used unless the text says how to choose (a quoted
//     choose rule): the default route, the highest of the routes that apply under the rule, or a
//     #VALUE! asking for a route — never a silent pick among several;
//  4. a voucher clause pays what COMPUTE_VOUCHER pays.
import fc from "fast-check";
import Decimal from "decimal.js";
import { clauseRouteLimits, singleCeilings } from "../src/engine/limits/derive";
import { AwardError, defaultEngine, roundAward } from "../src/engine";
import type { PolicyVersion } from "../src/engine";
import type { Clause, Route, InputSpec } from "../src/engine/clauses/types";

const engine = defaultEngine();
const versions: PolicyVersion[] = engine.registry.allVersions();
const yearOf = (v: PolicyVersion) => (v.inForce ? Number(v.inForce.from.slice(0, 4)) : 2026);

const amountArb = fc.oneof(
  fc.integer({ min: 0, max: 2_000_000_000 }),
  fc.integer({ min: 0, max: 200_000 }).map((n) => `${n}万`),
  fc.double({ min: 0, max: 1e11, noNaN: true, noDefaultInfinity: true }),
);
function arbFor(spec: InputSpec): fc.Arbitrary<unknown> {
  switch (spec.type) {
    case "amount": return amountArb;
    case "rate": return fc.oneof(fc.double({ min: -1, max: 3, noNaN: true }), fc.integer({ min: 0, max: 100 }).map((n) => `${n}%`));
    case "count": return fc.oneof(fc.integer({ min: 0, max: 100 }), fc.integer({ min: 0, max: 5e10 }));
    case "year": return fc.integer({ min: 1, max: 6 });
    case "flag": return fc.boolean();
  }
}
/** Inputs for a route: every required input, optional ones sometimes. */
function inputsArb(specs: InputSpec[]): fc.Arbitrary<Record<string, unknown>> {
  const model: Record<string, fc.Arbitrary<unknown>> = {};
  for (const s of specs) model[s.name] = arbFor(s);
  return fc.record(model, { requiredKeys: specs.filter((s) => s.required).map((s) => s.name) });
}

/** A generated value read independently of the engine: 20% → 0.2, 30万 → 300000. */
function num(raw: unknown): Decimal {
  if (typeof raw === "string" && raw.endsWith("%")) return new Decimal(raw.slice(0, -1)).dividedBy(100);
  if (typeof raw === "string" && raw.endsWith("万")) return new Decimal(raw.slice(0, -1)).times(1e4);
  return new Decimal(raw as number);
}

const DOCUMENTED = new Set(["#VALUE!", "#N/A", "#NUM!"]);
function attempt<T>(f: () => T): { ok: true; value: T } | { ok: false; code: string; message: string } {
  try {
    return { ok: true, value: f() };
  } catch (e) {
    if (!(e instanceof AwardError)) throw e; // anything else is a crash: the property fails
    return { ok: false, code: e.code, message: e.message };
  }
}

const routesOf = (v: PolicyVersion) => v.clauses.flatMap((c) => c.routes.map((r) => [v.key, c.id, r.id, v, c, r] as const));
const allRoutes = versions.flatMap(routesOf);

test("there is something to check", () => {
  expect(allRoutes.length).toBeGreaterThan(100);
});

describe.each(versions.map((v) => [v.key, v] as const))("%s", (_key, version) => {
  const year = yearOf(version);

  test.each(routesOf(version).map(([, c, r, , clause, route]) => [`clause ${c} route ${r}`, clause, route] as const))(
    "%s: a number within its limits, or a documented error",
    (_n, clause: Clause, route: Route) => {
      fc.assert(fc.property(inputsArb(route.inputs), (inputs) => {
        const r = attempt(() => engine.clauseAward(version.key, clause.id, inputs, route.id, year, year));
        if (!r.ok) {
          expect(DOCUMENTED.has(r.code)).toBe(true);
          expect(r.message.length).toBeGreaterThan(10);
          return;
        }
        const award = r.value.award;
        expect(award.isFinite() && !award.isNegative()).toBe(true);
        expect(Number.isFinite(roundAward(award, r.value.unit))).toBe(true);
        if (route.cap && !route.programme) expect(award.lessThanOrEqualTo(route.cap.value)).toBe(true);
        if (route.kind === "fixed") expect(award.isZero() || award.equals(route.amount!.value)).toBe(true);
        if (route.kind === "maximum" || route.kind === "range") expect(award.lessThanOrEqualTo(route.amount!.value)).toBe(true);
        if (route.kind === "tiers") expect([0, ...route.tiers!.steps.map((s) => s.amount.value.toNumber())]).toContain(award.toNumber());
        if (route.kind === "in-kind") expect(r.value.unit).not.toBe("元");
      }), { numRuns: 60 });
    },
  );

  const rateRoutes = routesOf(version).filter(([, , , , , r]) => r.kind === "rate" && !r.programme); // a programme's route: checked against COMPUTE_VOUCHER below
  test.each(rateRoutes.map(([, c, r, , clause, route]) => [`clause ${c} route ${r}`, clause, route] as const))(
    "%s: min(base × rate, limits, cap) when the conditions hold, 0 otherwise, monotone in the base",
    (_n, clause: Clause, route: Route) => {
      const others = route.inputs.filter((s) => s.name !== route.base!.input && s.name !== "support-year" && s.name !== "rate");
      fc.assert(fc.property(fc.integer({ min: 0, max: 1e10 }), fc.integer({ min: 0, max: 1e10 }), inputsArb(others), (b1, b2, rest) => {
        const [lo, hi] = b1 <= b2 ? [b1, b2] : [b2, b1];
        const run = (base: number) => engine.clauseAward(version.key, clause.id, { ...rest, [route.base!.input]: base }, route.id, year, year).award;
        const a = attempt(() => run(lo));
        const b = attempt(() => run(hi));
        if (!a.ok || !b.ok) return; // a documented error: checked above
        expect(a.value.lessThanOrEqualTo(b.value)).toBe(true);
        const conditionsHold = route.tests.every((t) => {
          const v = t.input === route.base!.input ? new Decimal(lo) : num(rest[t.input]);
          return t.op === ">=" ? v.greaterThanOrEqualTo(t.value) : v.greaterThan(t.value);
        });
        let expected = conditionsHold ? new Decimal(lo).times(route.rate!.value) : new Decimal(0);
        for (const c of route.rateCaps) expected = Decimal.min(expected, num(rest[c.input]).times(c.rate.value));
        // Every fixed money limit of the route bounds one award: its cap (per award, recipient, project,
        // platform …), the clause's and the version's limits, the pools.
        for (const l of singleCeilings(clauseRouteLimits(version, clause, route))) expected = Decimal.min(expected, l.share ? l.amount.dividedBy(l.share) : l.amount);
        expect(a.value.toString()).toBe(expected.toString());
      }), { numRuns: 40 });
    },
  );

  test.each(version.clauses.filter((c) => c.routes.length > 1).map((c) => [c.id, c] as const))(
    "clause %s: with no route named, one route, or the text's choose rule, or a request to name one",
    (_id, clause: Clause) => {
      const specs = new Map<string, InputSpec>();
      for (const r of clause.routes) for (const s of r.inputs) if (!specs.has(s.name)) specs.set(s.name, { ...s, required: false });
      fc.assert(fc.property(inputsArb([...specs.values()]), (inputs) => {
        const r = attempt(() => engine.clauseAward(version.key, clause.id, inputs, null, year, year));
        if (!r.ok) {
          expect(DOCUMENTED.has(r.code)).toBe(true);
          if (!clause.defaultRoute && !clause.choose) expect(r.message).toMatch(/name one; its routes are/);
          return;
        }
        const chose = r.value.steps.some((s) => s.step === "choose");
        if (!clause.choose) {
          // No rule in the text: never more than one route, and that is the default.
          expect(chose).toBe(false);
          expect(r.value.route).toBe(clause.defaultRoute);
          return;
        }
        // The text's rule: the highest of the routes that apply is paid.
        expect(chose || clause.defaultRoute !== null).toBe(true);
        for (const other of clause.routes) {
          if (other.kind === "unquantified") continue;
          const o = attempt(() => engine.clauseAward(version.key, clause.id, inputs, other.id, year, year));
          if (o.ok && chose) expect(o.value.award.lessThanOrEqualTo(r.value.award)).toBe(true);
        }
      }), { numRuns: 60 });
    },
  );

  const voucherClauses = version.clauses.filter((c) => c.programme);
  test.each(voucherClauses.flatMap((c) => c.routes.filter((r) => r.programme).map((r) => [`clause ${c.id} route ${r.id}`, c, r] as const)))(
    "%s pays what COMPUTE_VOUCHER pays",
    (_n, clause: Clause, route: Route) => {
      fc.assert(fc.property(fc.integer({ min: 0, max: 1e10 }), fc.boolean(), (spend, domestic) => {
        const viaClause = engine.clauseAward(version.key, clause.id, { spend, domestic }, route.id, year, year);
        const viaVoucher = engine.voucherAmount(version.key, `${clause.programme!.id}:${route.id}`, spend, domestic, year, year);
        expect(roundAward(viaClause.award, "元")).toBe(viaVoucher);
      }), { numRuns: 40 });
    },
  );
});

test("tiers: the thresholds rise, so exactly the tiers below a value are reached and the highest pays", () => {
  const tiered = allRoutes.filter(([, , , , , r]) => r.kind === "tiers");
  expect(tiered.length).toBeGreaterThan(0);
  for (const [key, id, rid, , , route] of tiered) {
    fc.assert(fc.property(fc.integer({ min: 0, max: 3e9 }), (revenue) => {
      const steps = route.tiers!.steps;
      const reached = steps.filter((s) => new Decimal(revenue).greaterThanOrEqualTo(s.threshold.value));
      const award = engine.clauseAward(key, id, { [route.tiers!.input]: revenue }, rid, null, 2024).award;
      expect(award.toNumber()).toBe(reached.length ? reached[reached.length - 1].amount.value.toNumber() : 0);
    }), { numRuns: 200 });
  }
});
