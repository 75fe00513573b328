// Builds the clause catalogue of a version from its file, checking what the schema cannot.
import Decimal from "decimal.js";
import { parsePolicyAmount, parsePolicyRate } from "../amount";
import type { AmountDoc, Cited, PolicyDoc, Programme, RateDoc, Route } from "../types";
import type { Clause, ClauseDoc, ClauseRoute, ClauseRouteDoc, InputSpec, InputTest, InputTestDoc } from "./types";
import { buildInstalments, buildLimits } from "../limits/derive";

/** The input names every route understands besides its own. */
export const SUPPORT_YEAR = "support-year";
export const AWARDED = "awarded";
export const GRANTED = "amount";
export const YEAR_RATE = "rate";
export const DOMESTIC = "domestic";

const cite = (d: AmountDoc, source: string): Cited<Decimal> => ({ value: parsePolicyAmount(d.value), quote: d.quote, source, assumption: d.assumption });
const citeRate = (d: RateDoc, source: string): Cited<Decimal> => ({ value: parsePolicyRate(d.value), quote: d.quote, source, assumption: d.assumption });

function testValue(t: InputTestDoc): Decimal {
  if (t.type === "count") {
    if (typeof t.value !== "number") throw new Error("a count test needs a whole number as value");
    return new Decimal(t.value);
  }
  if (typeof t.value !== "string") throw new Error(`a ${t.type} test needs a value written as text, e.g. ${t.type === "rate" ? "20%" : "100万元"}`);
  return t.type === "rate" ? parsePolicyRate(t.value) : parsePolicyAmount(t.value);
}

/** What each kind of route must carry, and must not. */
const NEEDS: Record<ClauseRouteDoc["kind"], { need: (keyof ClauseRouteDoc)[]; forbid: (keyof ClauseRouteDoc)[] }> = {
  rate: { need: ["base"], forbid: ["amount", "minimum", "quantity", "tiers", "bands"] },
  bands: { need: ["bands"], forbid: ["base", "rate", "amount", "minimum", "quantity", "tiers", "schedule", "rateBy"] },
  fixed: { need: ["amount"], forbid: ["base", "rate", "rateCaps", "minimum", "quantity", "tiers", "cap"] },
  // A maximum's cap may only scope it across awards (单家企业最高, 每年…不超过: per recipient or per year):
  // the single award is already at most the amount (checked in buildRoute).
  maximum: { need: ["amount"], forbid: ["base", "rate", "rateCaps", "minimum", "quantity", "tiers"] },
  range: { need: ["amount", "minimum"], forbid: ["base", "rate", "rateCaps", "quantity", "tiers", "cap"] },
  tiers: { need: ["tiers"], forbid: ["base", "rate", "rateCaps", "amount", "minimum", "quantity"] },
  "in-kind": { need: ["quantity"], forbid: ["base", "rate", "rateCaps", "amount", "minimum", "tiers", "cap"] },
  unquantified: { need: [], forbid: ["base", "rate", "rateCaps", "amount", "minimum", "quantity", "tiers", "cap", "tests"] },
};

function inputsOf(r: ClauseRouteDoc): InputSpec[] {
  const specs: InputSpec[] = [];
  const add = (s: InputSpec) => {
    if (!specs.some((x) => x.name === s.name)) specs.push(s);
  };
  if (r.base) add({ name: r.base.input, label: r.base.label, type: "amount", required: true, role: "base" });
  if (r.tiers) add({ name: r.tiers.input, label: r.tiers.label, type: r.tiers.unit ? "count" : "amount", required: true, role: "tiers" });
  for (const t of r.tests ?? []) add({ name: t.input, label: t.label ?? t.input, type: t.type, required: true, role: "condition" });
  for (const c of r.rateCaps ?? []) add({ name: c.input, label: c.label, type: "amount", required: true, role: "limit" });
  if (r.kind === "unquantified") add({ name: GRANTED, label: "the amount granted (the text gives none)", type: "amount", required: true, role: "amount" });
  if (r.kind === "maximum" || r.kind === "range") add({ name: AWARDED, label: "the amount awarded (default: the maximum)", type: "amount", required: false, role: "awarded" });
  if (r.bands) add({ name: r.bands.input, label: r.bands.label, type: "amount", required: true, role: "base" });
  for (const c of r.rateBy?.inputs ?? []) add({ name: c.input, label: c.label, type: "flag", required: true, role: "category" });
  if (r.years || r.decreasing || r.schedule) add({ name: SUPPORT_YEAR, label: "year of support (1 = first)", type: "year", required: false, role: "year" });
  if (r.decreasing) add({ name: YEAR_RATE, label: "the year's rate, from the second year of support", type: "rate", required: false, role: "rate" });
  return specs;
}

function buildRoute(r: ClauseRouteDoc, source: string, where: string): ClauseRoute {
  const rule = NEEDS[r.kind];
  for (const k of rule.need) if (r[k] === undefined) throw new Error(`${where}: a ${r.kind} route needs ${k}`);
  for (const k of rule.forbid) if (r[k] !== undefined) throw new Error(`${where}: a ${r.kind} route takes no ${k}`);
  if (r.decreasing && !r.rate) throw new Error(`${where}: decreasing needs rate`);
  if (r.kind === "rate" && [r.rate, r.schedule, r.rateBy].filter((x) => x !== undefined).length !== 1) throw new Error(`${where}: a rate route needs exactly one of rate, schedule, rateBy`);
  if (r.kind === "maximum" && r.cap && (r.cap.per === "award" || r.cap.per === "project")) {
    throw new Error(`${where}: a maximum route's cap only scopes it per recipient or per recipient-year (its amount is already the most one award pays)`);
  }
  const tests: InputTest[] = (r.tests ?? []).map((t, i) => {
    try {
      return { input: t.input, label: t.label ?? t.input, type: t.type, op: t.op, value: testValue(t), shown: t.written ?? String(t.value), unit: t.unit, quote: t.quote, source };
    } catch (e) {
      throw new Error(`${where}/tests/${i}: ${(e as Error).message}`);
    }
  });
  let tiers: ClauseRoute["tiers"];
  if (r.tiers) {
    const steps = r.tiers.steps.map((s) => ({
      threshold: { ...cite(s.threshold as AmountDoc, source), inclusive: s.threshold.inclusive },
      amount: cite(s.amount, source),
    }));
    for (let i = 1; i < steps.length; i++) {
      if (!steps[i].threshold.value.greaterThan(steps[i - 1].threshold.value)) throw new Error(`${where}/tiers/steps/${i}: tier thresholds must rise`);
    }
    tiers = { input: r.tiers.input, label: r.tiers.label, unit: r.tiers.unit, steps };
  }
  const amount = r.amount && cite(r.amount, source);
  const minimum = r.minimum && cite(r.minimum, source);
  if (amount && minimum && minimum.value.greaterThan(amount.value)) throw new Error(`${where}: minimum is above amount`);
  return {
    id: r.id,
    name: r.name,
    nameEn: r.nameEn ?? r.id,
    aliases: r.aliases ?? [],
    isDefault: r.default === true,
    kind: r.kind,
    subjects: r.eligible && { values: r.eligible.subjects, quote: r.eligible.quote },
    base: r.base && { input: r.base.input, label: r.base.label, baseYear: r.base.baseYear ?? "current" },
    rate: r.rate && citeRate(r.rate, source),
    rateCaps: (r.rateCaps ?? []).map((c) => ({ input: c.input, label: c.label, rate: citeRate(c.rate, source) })),
    amount,
    minimum,
    quantity: r.quantity && { value: new Decimal(r.quantity.value), quote: r.quantity.quote, source },
    tiers,
    bands: r.bands && { input: r.bands.input, label: r.bands.label, quote: r.bands.quote, source, steps: r.bands.steps.map((s) => ({ from: parsePolicyAmount(s.from), rate: parsePolicyRate(s.rate) })) },
    schedule: r.schedule && { rates: r.schedule.rates.map(parsePolicyRate), written: r.schedule.written, quote: r.schedule.quote, source },
    rateBy: r.rateBy && { inputs: r.rateBy.inputs, quote: r.rateBy.quote, source, rates: r.rateBy.rates.map((x) => ({ when: x.when, rate: parsePolicyRate(x.rate) })) },
    cap: r.cap && { ...cite(r.cap, source), per: r.cap.per, sharedBy: r.cap.sharedBy },
    tests,
    years: r.years && { value: r.years.value, quote: r.years.quote, source, for: r.years.for, sharedBy: r.years.sharedBy },
    decreasing: r.decreasing,
    quota: r.quota && { value: r.quota.value, quote: r.quota.quote, source },
    oneTime: r.oneTime && { quote: r.oneTime.quote, sharedBy: r.oneTime.sharedBy, for: r.oneTime.for },
    conditions: r.conditions ?? [],
    limits: buildLimits(r.limits, source, where),
    instalments: buildInstalments(r.instalments, where),
    unit: r.quantity?.unit ?? r.unit ?? "元",
    assumption: r.assumption,
    inputs: inputsOf(r),
  };
}

/** A voucher route seen as a clause route: its numbers stay in the programme. */
function programmeRoute(p: Programme, r: Route): ClauseRoute {
  const inputs: InputSpec[] = [];
  if (!r.lumpSum) inputs.push({ name: "spend", label: r.base || "spend", type: "amount", required: true, role: "base" });
  else inputs.push({ name: "spend", label: "spend (not used: a lump sum)", type: "amount", required: false, role: "base" });
  // COMPUTE_VOUCHER takes the domestic flag for every programme; it matters only where the text distinguishes it.
  inputs.push({ name: DOMESTIC, label: r.domesticRate ? "domestic (国产) compute: TRUE/FALSE" : "domestic (not distinguished by this text)", type: "flag", required: false, role: r.domesticRate ? "rate" : "unused" });
  return {
    id: r.id, name: r.name, nameEn: r.nameEn, aliases: r.aliases, isDefault: r.isDefault, kind: "programme",
    base: { input: "spend", label: r.base, baseYear: r.baseYear },
    rate: r.rate, domesticRate: r.domesticRate, rateCaps: [], amount: r.lumpSum, cap: r.cap ?? p.recipientCap,
    tests: [], quota: r.quota, oneTime: r.oneTime, conditions: r.conditions, limits: r.limits, instalments: r.instalments, unit: "元", assumption: r.assumption ?? p.assumption,
    inputs, programmeRoute: r,
  };
}

/** The clauses of a version; throws "policies/<file>: clauses/i…: what is wrong" on an inconsistency. */
export function buildClauses(doc: PolicyDoc, programmes: Programme[], where: string): Clause[] {
  const seen = new Set<string>();
  const usedProgrammes = new Set<string>();
  const clauses = (doc.clauses ?? []).map((c: ClauseDoc, i): Clause => {
    const at = `${where}: clauses/${i}`;
    if (seen.has(c.id)) throw new Error(`${at}: clause "${c.id}" appears twice`);
    seen.add(c.id);
    if (c.programme === undefined && c.routes === undefined) throw new Error(`${at}: a clause needs programme or routes`);
    const own = (c.routes ?? []).map((r, k) => buildRoute(r, doc.source, `${at}/routes/${k}`));
    if (c.programme !== undefined) {
      const p = programmes.find((x) => x.id === c.programme);
      if (!p) throw new Error(`${at}: programme "${c.programme}" is not among this file's programmes (${programmes.map((x) => x.id).join(", ") || "none"})`);
      if (p.clause !== c.id) throw new Error(`${at}: programme "${p.id}" says it is clause ${p.clause}, not ${c.id}`);
      usedProgrammes.add(p.id);
      // Routes of the clause beyond the voucher (e.g. support with no amount in the same clause).
      if (own.some((r) => r.kind !== "unquantified" || r.isDefault)) throw new Error(`${at}: beside a programme, a clause takes only unquantified, non-default routes`);
      const routes = [...p.routes.map((r) => programmeRoute(p, r)), ...own];
      const ids = new Set<string>();
      routes.forEach((r) => {
        if (ids.has(r.id)) throw new Error(`${at}: route "${r.id}" is also a route of programme "${p.id}"`);
        ids.add(r.id);
      });
      return { id: c.id, title: c.title, titleEn: c.titleEn, label: c.label, department: c.department ?? p.department, programme: p, choose: c.choose, limits: [], routes, defaultRoute: routes.find((r) => r.isDefault) ?? null, assumption: c.assumption };
    }
    const routes = own;
    const ids = new Set<string>();
    routes.forEach((r, k) => {
      if (ids.has(r.id)) throw new Error(`${at}/routes/${k}: route "${r.id}" appears twice`);
      ids.add(r.id);
    });
    const defaults = routes.filter((r) => r.isDefault);
    if (defaults.length > 1) throw new Error(`${at}: clause "${c.id}" has ${defaults.length} default routes; at most one`);
    const defaultRoute = defaults[0] ?? (routes.length === 1 ? routes[0] : null);
    return { id: c.id, title: c.title, titleEn: c.titleEn, label: c.label, department: c.department, choose: c.choose, levels: c.levels, limits: buildLimits(c.limits, doc.source, at), routes, defaultRoute, assumption: c.assumption };
  });
  if (doc.clauses) {
    programmes.forEach((p, i) => {
      if (!usedProgrammes.has(p.id)) throw new Error(`${where}: programmes/${i}: programme "${p.id}" (clause ${p.clause}) has no entry in clauses`);
    });
  }
  return clauses;
}
