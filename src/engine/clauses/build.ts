// Builds the clause catalogue of a version from its file, checking what the schema cannot.
import Decimal from "decimal.js";
import { citeAmount, citeRate, parsePolicyAmount, parsePolicyRate } from "../amount";
import type { CapDoc, PolicyDoc, Programme, ProgrammeDoc, ProgrammeType, Route, RouteDoc } from "../types";
import type { Clause, ClauseDoc, InputSpec, InputTest, InputTestDoc } from "./types";
import { buildInstalments, buildLimits } from "../limits/derive";
import { noteOf } from "../text";

/** The input names every route understands besides its own. */
export const SUPPORT_YEAR = "support-year";
export const AWARDED = "awarded";
export const GRANTED = "amount";
export const YEAR_RATE = "rate";
export const DOMESTIC = "domestic";
/** The base a voucher programme's route reads. */
export const SPEND = "spend";


function testValue(t: InputTestDoc): Decimal {
  if (t.type === "count") {
    if (typeof t.value !== "number") throw new Error("a count test needs a whole number as value");
    return new Decimal(t.value);
  }
  if (typeof t.value !== "string") throw new Error(`a ${t.type} test needs a value written as text, e.g. ${t.type === "rate" ? "20%" : "100万元"}`);
  return t.type === "rate" ? parsePolicyRate(t.value) : parsePolicyAmount(t.value);
}

const citeCap = (d: CapDoc, source: string) => ({ ...citeAmount(d, source), per: d.per, sharedBy: d.sharedBy });

/** What each kind of route must carry, and must not. */
const NEEDS: Record<RouteDoc["kind"], { need: (keyof RouteDoc)[]; forbid: (keyof RouteDoc)[] }> = {
  rate: { need: ["base"], forbid: ["amount", "minimum", "quantity", "tiers", "bands"] },
  bands: { need: ["bands"], forbid: ["base", "rate", "amount", "minimum", "quantity", "tiers", "schedule", "rateBy"] },
  fixed: { need: ["amount"], forbid: ["base", "rate", "rateCaps", "minimum", "quantity", "tiers", "cap"] },
  // A maximum's cap may only scope it across awards (单家企业最高, 每年…不超过: per recipient or per year):
  // the single award is already at most the amount (checked in buildRoute).
  maximum: { need: ["amount"], forbid: ["base", "rate", "rateCaps", "minimum", "quantity", "tiers"] },
  range: { need: ["amount", "minimum"], forbid: ["base", "rate", "rateCaps", "quantity", "tiers", "cap"] },
  tiers: { need: ["tiers"], forbid: ["base", "rate", "rateCaps", "amount", "minimum", "quantity"] },
  "lump-sum": { need: ["amount"], forbid: ["rate", "domesticRate", "uplift", "threshold", "rateCaps", "minimum", "quantity", "tiers", "bands", "schedule", "rateBy"] },
  "in-kind": { need: ["quantity"], forbid: ["base", "rate", "rateCaps", "amount", "minimum", "tiers", "cap"] },
  unquantified: { need: [], forbid: ["base", "rate", "rateCaps", "amount", "minimum", "quantity", "tiers", "cap", "tests"] },
};

/** The fields only a voucher programme's route reads (COMPUTE_VOUCHER's spend and domestic flag). */
const PROGRAMME_ONLY: (keyof RouteDoc)[] = ["domesticRate", "uplift", "threshold"];

/**
 * The fields a clause's route reads and a voucher programme's never does (COMPUTE_VOUCHER reads the
 * spend and the domestic flag, then the route's limits): refused, each with what to write instead.
 */
const UNREAD_BY_VOUCHER: Partial<Record<keyof RouteDoc, string>> = {
  tests: "a voucher reads no input but the spend and the domestic flag: write what must hold as conditions (assumed met), or the award as a clause of its own without programme",
  rateCaps: "a voucher reads no other amount to cap the award by: bound it with cap, limits, or the programme's recipientCap or pool",
  decreasing: "a voucher reads no year of support: write the award as a clause of its own without programme (it reads support-year and the year's rate)",
  unit: "a voucher pays 元: leave unit out (a non-cash award is an in-kind route of a clause without programme)",
};

/** The fields a clause reads and a voucher programme's clause never does: refused, each with what to write instead. */
const UNREAD_ON_PROGRAMME_CLAUSE: Partial<Record<keyof ClauseDoc, string>> = {
  limits: "write them under programme: limits (they bound every route of the programme), or under a route's limits",
  levels: "a voucher programme's routes are not levels of one award; levels is read only on a clause without programme",
};

/** Refuses the first field of doc that the path computing it never reads, naming it and what to write instead. */
function refuseUnread<T extends object>(doc: T, unread: Partial<Record<keyof T, string>>, where: string, what: string): void {
  for (const [k, instead] of Object.entries(unread) as [keyof T, string][]) {
    if (doc[k] !== undefined) throw new Error(`${where}: ${what} takes no ${String(k)} (${instead})`);
  }
}

/** A programme's route reads the spend (the base) and COMPUTE_VOUCHER's domestic flag, which matters only where the text distinguishes it. */
function programmeInputs(r: RouteDoc): InputSpec[] {
  const spend: InputSpec = r.kind === "lump-sum"
    ? { name: SPEND, label: "spend (not used: a lump sum)", type: "amount", required: false, role: "base" }
    : { name: SPEND, label: r.base?.label || "spend", type: "amount", required: true, role: "base" };
  const domestic: InputSpec = { name: DOMESTIC, label: r.domesticRate ? "domestic (国产) compute: TRUE/FALSE" : "domestic (not distinguished by this text)", type: "flag", required: false, role: r.domesticRate ? "rate" : "unused" };
  return [spend, domestic];
}

function inputsOf(r: RouteDoc, programme: boolean): InputSpec[] {
  if (programme) return programmeInputs(r);
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

/** A voucher programme's route: a rate route on the spend or a lump sum, with nothing COMPUTE_VOUCHER would not read. */
function checkProgrammeRoute(r: RouteDoc, where: string): void {
  if (r.kind !== "rate" && r.kind !== "lump-sum") throw new Error(`${where}: a voucher programme's route is of kind rate or lump-sum, not kind ${r.kind}`);
  if (r.kind === "rate" && (r.base?.input !== SPEND || r.rate === undefined)) throw new Error(`${where}: a voucher programme's rate route needs base.input ${SPEND} and rate`);
  refuseUnread(r, UNREAD_BY_VOUCHER, where, "a voucher programme's route");
}

/** Checks what the schema cannot: the fields a route's kind needs and those it must not have. */
function checkRoute(r: RouteDoc, where: string, programme: string | undefined): void {
  const rule = NEEDS[r.kind];
  for (const k of rule.need) if (r[k] === undefined) throw new Error(`${where}: a ${r.kind} route needs ${k}`);
  for (const k of rule.forbid) if (r[k] !== undefined) throw new Error(`${where}: a ${r.kind} route takes no ${k}`);
  if (programme === undefined) {
    for (const k of PROGRAMME_ONLY) if (r[k] !== undefined) throw new Error(`${where}: only a voucher programme's route takes ${k} (write a condition on an input as tests)`);
    if (r.kind === "lump-sum") throw new Error(`${where}: kind lump-sum is a voucher programme's route; use fixed`);
  } else checkProgrammeRoute(r, where);
  if (r.decreasing && !r.rate) throw new Error(`${where}: decreasing needs rate`);
  if (r.kind === "rate" && [r.rate, r.schedule, r.rateBy].filter((x) => x !== undefined).length !== 1) throw new Error(`${where}: a rate route needs exactly one of rate, schedule, rateBy`);
  if (r.kind === "maximum" && r.cap && (r.cap.per === "award" || r.cap.per === "project")) {
    throw new Error(`${where}: a maximum route's cap only scopes it per recipient or per recipient-year (its amount is already the most one award pays)`);
  }
}

/** A route's tests on its inputs, each with its sentence and the file's assumption; a fault names the test. */
function buildTests(docs: readonly InputTestDoc[] | undefined, source: string, where: string): InputTest[] {
  return (docs ?? []).map((t, i) => {
    try {
      return {
        input: t.input, label: t.label ?? t.input, type: t.type, op: t.op, value: testValue(t), shown: t.written ?? String(t.value), unit: t.unit,
        quote: t.quote, source, assumption: noteOf(t.assumption, t.assumptionZh),
      };
    } catch (e) {
      throw new Error(`${where}/tests/${i}: ${(e as Error).message}`);
    }
  });
}

/** The one route model, from its one written shape; programme: the id of the voucher programme it belongs to. */
function buildRoute(r: RouteDoc, source: string, where: string, programme?: string): Route {
  checkRoute(r, where, programme);
  const tests = buildTests(r.tests, source, where);
  let tiers: Route["tiers"];
  if (r.tiers) {
    const steps = r.tiers.steps.map((s) => ({
      threshold: { ...citeAmount(s.threshold, source), inclusive: s.threshold.inclusive },
      amount: citeAmount(s.amount, source),
    }));
    for (let i = 1; i < steps.length; i++) {
      if (!steps[i].threshold.value.greaterThan(steps[i - 1].threshold.value)) throw new Error(`${where}/tiers/steps/${i}: tier thresholds must rise`);
    }
    tiers = { input: r.tiers.input, label: r.tiers.label, unit: r.tiers.unit, steps };
  }
  const amount = r.amount && citeAmount(r.amount, source);
  const minimum = r.minimum && citeAmount(r.minimum, source);
  if (amount && minimum && minimum.value.greaterThan(amount.value)) throw new Error(`${where}: minimum is above amount`);
  return {
    id: r.id,
    name: r.name,
    nameEn: r.nameEn,
    aliases: r.aliases ?? [],
    isDefault: r.default === true,
    kind: r.kind,
    ...(programme === undefined ? {} : { programme }),
    subjects: r.eligible && { values: r.eligible.subjects, quote: r.eligible.quote },
    base: r.base && { input: r.base.input, label: r.base.label, baseYear: r.base.baseYear ?? "current" },
    rate: r.rate && citeRate(r.rate, source),
    domesticRate: r.domesticRate && citeRate(r.domesticRate, source),
    uplift: r.uplift && citeRate(r.uplift, source),
    threshold: r.threshold && { ...citeAmount(r.threshold, source), inclusive: r.threshold.inclusive },
    rateCaps: (r.rateCaps ?? []).map((c) => ({ input: c.input, label: c.label, rate: citeRate(c.rate, source) })),
    amount,
    minimum,
    quantity: r.quantity && { value: new Decimal(r.quantity.value), quote: r.quantity.quote, source },
    tiers,
    bands: r.bands && { input: r.bands.input, label: r.bands.label, quote: r.bands.quote, source, steps: r.bands.steps.map((s) => ({ from: parsePolicyAmount(s.from), rate: parsePolicyRate(s.rate) })) },
    schedule: r.schedule && { rates: r.schedule.rates.map(parsePolicyRate), written: r.schedule.written, quote: r.schedule.quote, source },
    rateBy: r.rateBy && { inputs: r.rateBy.inputs, quote: r.rateBy.quote, source, rates: r.rateBy.rates.map((x) => ({ when: x.when, rate: parsePolicyRate(x.rate) })) },
    cap: r.cap && citeCap(r.cap, source),
    tests,
    years: r.years && { value: r.years.value, quote: r.years.quote, source, for: r.years.for, sharedBy: r.years.sharedBy },
    decreasing: r.decreasing && { quote: r.decreasing.quote, assumption: noteOf(r.decreasing.assumption, r.decreasing.assumptionZh)! },
    quota: r.quota && { value: r.quota.value, quote: r.quota.quote, source },
    oneTime: r.oneTime && { quote: r.oneTime.quote, sharedBy: r.oneTime.sharedBy, for: r.oneTime.for },
    conditions: r.conditions ?? [],
    limits: buildLimits(r.limits, source, where),
    instalments: buildInstalments(r.instalments, where),
    unit: r.quantity?.unit ?? r.unit ?? "元",
    assumption: noteOf(r.assumption, r.assumptionZh),
    inputs: inputsOf(r, programme !== undefined),
  };
}

/** A voucher programme: its clause, with its name and pool; its routes are the clause's rate and lump-sum routes. */
function buildProgramme(c: ClauseDoc & { programme: ProgrammeDoc }, routes: Route[], types: ReadonlyMap<string, ProgrammeType>, source: string, at: string): Programme {
  const doc = c.programme;
  const type = types.get(doc.id);
  if (!type) throw new Error(`${at}: programme "${doc.id}" is not a type listed in policies/programmes.yaml`);
  if (routes.length === 0) throw new Error(`${at}: programme "${doc.id}" needs a rate or lump-sum route`);
  const defaults = routes.filter((r) => r.isDefault);
  if (defaults.length !== 1) throw new Error(`${at}: programme "${doc.id}" must have exactly one route with default: true (has ${defaults.length})`);
  return {
    id: doc.id,
    name: doc.name,
    nameEn: doc.nameEn ?? type.nameEn,
    aliases: doc.aliases ?? [],
    clause: c.id,
    pool: doc.pool && citeAmount(doc.pool, source),
    recipientCap: doc.recipientCap && citeCap(doc.recipientCap, source),
    routes,
    defaultRoute: defaults[0],
    limits: buildLimits(doc.limits, source, `${at}/programme`),
    assumption: noteOf(doc.assumption, doc.assumptionZh),
  };
}

/** Route ids are unique within a clause. */
function checkIds(routes: Route[], at: string): void {
  const ids = new Set<string>();
  routes.forEach((r, k) => {
    if (ids.has(r.id)) throw new Error(`${at}/routes/${k}: route "${r.id}" appears twice`);
    ids.add(r.id);
  });
}

/** One clause: its routes, and where it is a voucher programme, the programme (its rate and lump-sum routes). */
function buildClause(c: ClauseDoc, source: string, types: ReadonlyMap<string, ProgrammeType>, at: string): Clause {
  if (c.programme === undefined && c.routes === undefined) throw new Error(`${at}: a clause needs routes`);
  const docs = c.routes ?? [];
  const pid = c.programme?.id;
  const ofProgramme = (r: RouteDoc) => pid !== undefined && r.kind !== "unquantified";
  const routes = docs.map((r, k) => buildRoute(r, source, `${at}/routes/${k}`, ofProgramme(r) ? pid : undefined));
  checkIds(routes, at);
  if (c.programme !== undefined) {
    refuseUnread(c, UNREAD_ON_PROGRAMME_CLAUSE, at, "a voucher programme's clause");
    // Beside the voucher, a clause may promise support with no amount (e.g. 模型合规备案配套奖励).
    if (routes.some((r) => !r.programme && r.isDefault)) throw new Error(`${at}: beside a programme, a clause takes only unquantified, non-default routes`);
    const programme = buildProgramme(c as ClauseDoc & { programme: ProgrammeDoc }, routes.filter((r) => r.programme), types, source, at);
    return { id: c.id, title: c.title, titleEn: c.titleEn, label: c.label, department: c.department, programme, choose: c.choose, limits: [], routes, defaultRoute: programme.defaultRoute, assumption: noteOf(c.assumption, c.assumptionZh) };
  }
  const defaults = routes.filter((r) => r.isDefault);
  if (defaults.length > 1) throw new Error(`${at}: clause "${c.id}" has ${defaults.length} default routes; at most one`);
  const defaultRoute = defaults[0] ?? (routes.length === 1 ? routes[0] : null);
  return { id: c.id, title: c.title, titleEn: c.titleEn, label: c.label, department: c.department, choose: c.choose, levels: c.levels, limits: buildLimits(c.limits, source, at), routes, defaultRoute, assumption: noteOf(c.assumption, c.assumptionZh) };
}

/** The clauses of a version, voucher programmes among them; throws "policies/<file>: clauses/i…: what is wrong" on an inconsistency. */
export function buildClauses(doc: PolicyDoc, types: ReadonlyMap<string, ProgrammeType>, where: string): Clause[] {
  const seen = new Set<string>();
  const programmes = new Set<string>();
  return (doc.clauses ?? []).map((c, i) => {
    const at = `${where}: clauses/${i}`;
    if (seen.has(c.id)) throw new Error(`${at}: clause "${c.id}" appears twice`);
    seen.add(c.id);
    if (c.programme && programmes.has(c.programme.id)) throw new Error(`${at}: programme "${c.programme.id}" appears twice`);
    if (c.programme) programmes.add(c.programme.id);
    return buildClause(c, doc.source, types, at);
  });
}
