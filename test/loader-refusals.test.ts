// The loader refuses a policy file it would not compute as written, naming the file, the path in it
// and the field. Each case edits a small city's version in memory (test/helpers/test-city.ts) and
// checks it as `npm run validate` does: the edit is the one fault, so the schema and the quote
// checks accept it and only the loader's refusal stands between it and a wrong number.
import { PolicyRegistry } from "../src/engine";
import { cityDoc, cityFaults, cityFiles, faultsOf, type Doc } from "./helpers/test-city";

const FILE = "policies/testcity/2024.yaml";
const esc = (s: string) => s.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&");
/** The one fault expected: at a path of the city's file, its message starting with these words. */
const fault = (at: string, words: string) => [expect.stringMatching(new RegExp(`^${esc(`${FILE}: ${at}: ${words}`)}`))];

/** Clause 1's rate route (investment × 20%); clause 2 is the compute voucher: its rate route and its lump sum. */
const clauseRoute = (d: Doc) => d.clauses[0].routes[0];
const voucherRoute = (d: Doc) => d.clauses[1].routes[0];
const lumpSum = (d: Doc) => d.clauses[1].routes[1];
const programmeClause = (d: Doc) => d.clauses[1];

const quote = (text: string) => ({ quote: text });
const RATE_20 = { value: "20%", quote: "按研发投入的20%给予补助" };
const AMOUNT_100 = { value: "100万元", quote: "最高不超过100万元" };
const BENCHMARK_1000 = { value: "1000万元", inclusive: false, quote: "营收超过1000万元的奖励50万元" };
const RUN_3_YEARS = { input: "years-run", label: "连续运营年数", type: "count", op: ">", value: 3, quote: "对连续运营超过3年的企业" };
const DECREASING = { quote: "补助比例逐年递减", assumption: "the text gives no schedule", assumptionZh: "原文未给出递减方案" };

test("the city as written has no fault", () => {
  expect(cityFaults(() => undefined)).toEqual([]);
});

describe("what a route's kind needs and must not have (checkRoute)", () => {
  test.each<[string, (d: Doc) => void, string, string]>([
    ["a rate route with no base", (d) => delete clauseRoute(d).base, "/clauses/0/routes/0", "a rate route needs base"],
    ["a rate route with an amount", (d) => (clauseRoute(d).amount = AMOUNT_100), "/clauses/0/routes/0", "a rate route takes no amount"],
    ["a threshold on a clause's route", (d) => (clauseRoute(d).threshold = BENCHMARK_1000), "/clauses/0/routes/0", "only a voucher programme's route takes threshold"],
    ["a lump sum outside a programme", (d) => (d.clauses[0].routes[0] = { id: "standard", name: "研发投入", kind: "lump-sum", amount: AMOUNT_100 }),
      "/clauses/0/routes/0", "kind lump-sum is a voucher programme's route; use fixed"],
    ["a fixed route in a programme", (d) => Object.assign(lumpSum(d), { kind: "fixed", base: undefined }), "/clauses/1/routes/1",
      "a voucher programme's route is of kind rate or lump-sum, not kind fixed"],
    ["a voucher's rate route on another input than spend", (d) => (voucherRoute(d).base.input = "contract"), "/clauses/1/routes/0",
      "a voucher programme's rate route needs base.input spend and rate"],
    ["a voucher's rate route with a schedule instead of a rate", (d) => Object.assign(voucherRoute(d), { rate: undefined, schedule: { rates: ["40%"], quote: "按合同金额的40%给予补助" } }),
      "/clauses/1/routes/0", "a voucher programme's rate route needs base.input spend and rate"],
    ["decreasing with no rate", (d) => (d.clauses[0].routes[0] = { id: "standard", name: "研发投入", kind: "fixed", amount: AMOUNT_100, decreasing: DECREASING }),
      "/clauses/0/routes/0", "decreasing needs rate"],
    ["a rate and a schedule", (d) => (clauseRoute(d).schedule = { rates: ["20%"], quote: RATE_20.quote }), "/clauses/0/routes/0",
      "a rate route needs exactly one of rate, schedule, rateBy"],
    ["a maximum capped per project", (d) => (d.clauses[0].routes[0] = { id: "standard", name: "研发投入", kind: "maximum", amount: AMOUNT_100, cap: { ...AMOUNT_100, per: "project" } }),
      "/clauses/0/routes/0", "a maximum route's cap only scopes it per recipient or per recipient-year"],
  ])("%s", (_name, edit, at, words) => {
    expect(cityFaults(edit)).toEqual(fault(at, words));
  });
});

// COMPUTE_VOUCHER (and its compiled form) reads the spend and the domestic flag, then the route's
// limits: a field only a clause's route reads would be accepted and ignored, the award computed without it.
describe("a voucher programme's fields that COMPUTE_VOUCHER would not read are refused", () => {
  test.each<[string, (d: Doc) => void, string, string]>([
    ["tests on its rate route", (d) => (voucherRoute(d).tests = [RUN_3_YEARS]), "/clauses/1/routes/0", "a voucher programme's route takes no tests (a voucher reads no input but the spend and the domestic flag: write what must hold as conditions"],
    ["tests on its lump sum", (d) => (lumpSum(d).tests = [RUN_3_YEARS]), "/clauses/1/routes/1", "a voucher programme's route takes no tests"],
    ["rateCaps", (d) => (voucherRoute(d).rateCaps = [{ input: "contribution", label: "地方财政贡献", rate: { value: "40%", quote: "按合同金额的40%给予补助" } }]),
      "/clauses/1/routes/0", "a voucher programme's route takes no rateCaps (a voucher reads no other amount"],
    ["decreasing", (d) => (voucherRoute(d).decreasing = DECREASING), "/clauses/1/routes/0", "a voucher programme's route takes no decreasing (a voucher reads no year of support"],
    ["unit", (d) => (voucherRoute(d).unit = "P"), "/clauses/1/routes/0", "a voucher programme's route takes no unit (a voucher pays 元"],
    ["limits on the clause", (d) => (programmeClause(d).limits = [{ id: "yearly", counts: "money", for: "recipient", period: "year", sharedBy: "clause", amount: "15万元", quote: "每家企业每年合计不超过15万元" }]),
      "/clauses/1", "a voucher programme's clause takes no limits (write them under programme: limits"],
    ["levels on the clause", (d) => (programmeClause(d).levels = true), "/clauses/1", "a voucher programme's clause takes no levels"],
  ])("%s", (_name, edit, at, words) => {
    expect(cityFaults(edit)).toEqual(fault(at, words));
  });

  test("the same fields on a clause's route are read, not refused", () => {
    expect(cityFaults((d) => Object.assign(clauseRoute(d), { tests: [RUN_3_YEARS], decreasing: DECREASING }))).toEqual([]);
    expect(cityFaults((d) => (d.clauses[0].limits = [{ id: "yearly", counts: "money", for: "recipient", period: "year", sharedBy: "clause", amount: "100万元", quote: AMOUNT_100.quote }]))).toEqual([]);
  });
});

describe("what a route's numbers must be (buildRoute)", () => {
  test("a count test written as text", () => {
    expect(cityFaults((d) => (clauseRoute(d).tests = [{ ...RUN_3_YEARS, value: "3" }]))).toEqual(fault("/clauses/0/routes/0/tests/0", "a count test needs a whole number as value"));
  });
  test("a rate test written as a number", () => {
    const growth = { input: "growth", label: "增速", type: "rate", op: ">=", value: 20, quote: RATE_20.quote };
    expect(cityFaults((d) => (clauseRoute(d).tests = [growth]))).toEqual(fault("/clauses/0/routes/0/tests/0", "a rate test needs a value written as text, e.g. 20%"));
  });
  test("tiers that do not rise", () => {
    const tier = (threshold: string, amount: string, text: string) => ({ threshold: { value: threshold, inclusive: false, quote: text }, amount: { value: amount, quote: text } });
    const tiers = { input: "revenue", label: "营收", steps: [tier("5000万元", "100万元", "超过5000万元的奖励100万元"), tier("1000万元", "50万元", BENCHMARK_1000.quote)] };
    expect(cityFaults((d) => (d.clauses[0].routes[0] = { id: "standard", name: "营收", kind: "tiers", tiers }))).toEqual(fault("/clauses/0/routes/0/tiers/steps/1", "tier thresholds must rise"));
    expect(cityFaults((d) => (d.clauses[0].routes[0] = { id: "standard", name: "营收", kind: "tiers", tiers: { ...tiers, steps: [...tiers.steps].reverse() } }))).toEqual([]);
  });
  test("a minimum above the amount", () => {
    const range = { id: "standard", name: "研发投入", kind: "range", amount: { value: "50万元", quote: BENCHMARK_1000.quote }, minimum: AMOUNT_100 };
    expect(cityFaults((d) => (d.clauses[0].routes[0] = range))).toEqual(fault("/clauses/0/routes/0", "minimum is above amount"));
  });
});

describe("what a clause and a programme must be (buildClause, buildProgramme, buildClauses)", () => {
  test.each<[string, (d: Doc) => void, string, string]>([
    ["a clause with no routes", (d) => delete d.clauses[0].routes, "/clauses/0", "a clause needs routes"],
    ["two default routes", (d) => d.clauses[0].routes.push({ ...clauseRoute(d), id: "other", default: true }, { ...clauseRoute(d), id: "third", default: true }),
      "/clauses/0", 'clause "1" has 2 default routes; at most one'],
    ["a route id twice", (d) => d.clauses[0].routes.push({ ...clauseRoute(d) }), "/clauses/0/routes/1", 'route "standard" appears twice'],
    ["a default route beside a programme", (d) => programmeClause(d).routes.push({ id: "match", name: "配套", kind: "unquantified", default: true, conditions: [quote("新设企业一次性奖励10万元")] }),
      "/clauses/1", "beside a programme, a clause takes only unquantified, non-default routes"],
    ["a programme type not listed", (d) => (programmeClause(d).programme.id = "quantum"), "/clauses/1", 'programme "quantum" is not a type listed in policies/programmes.yaml'],
    ["a programme with no default route", (d) => delete voucherRoute(d).default, "/clauses/1", 'programme "compute" must have exactly one route with default: true (has 0)'],
    ["a programme with only an unquantified route", (d) => (programmeClause(d).routes = [{ id: "match", name: "配套", kind: "unquantified", conditions: [quote("新设企业一次性奖励10万元")] }]),
      "/clauses/1", 'programme "compute" needs a rate or lump-sum route'],
    ["a clause id twice", (d) => (programmeClause(d).id = "1"), "/clauses/1", 'clause "1" appears twice'],
    ["a programme twice", (d) => d.clauses.push({ ...cityDoc().clauses[1], id: "3" }), "/clauses/2", 'programme "compute" appears twice'],
    ["a money limit with no amount", (d) => (programmeClause(d).programme.limits = [{ id: "yearly", counts: "money", for: "recipient", period: "year", sharedBy: "programme", quote: "每家企业每年合计不超过15万元" }]),
      "/clauses/1/programme", "limits/0: a money limit needs amount"],
  ])("%s", (_name, edit, at, words) => {
    expect(cityFaults(edit)).toEqual(fault(at, words));
  });
});

// A limit counting awards or years, a payer's share of a money limit (市、区按1:1分担: 1/2).
const ONCE = { id: "once", counts: "awards", for: "recipient", period: "ever", sharedBy: "programme", quote: "新设企业一次性奖励10万元" };
const TWO_YEARS = { id: "two-years", counts: "years", for: "recipient", period: "ever", sharedBy: "route", quote: "支持2年" };
const CITY_SHARE = { id: "city-share", counts: "money", for: "recipient", period: "ever", sharedBy: "clause", amount: "100万元", payer: "city", quote: AMOUNT_100.quote };

describe("what a limit must be (buildLimits)", () => {
  test.each<[string, (d: Doc) => void, string, string]>([
    ["a limit on awards with no number", (d) => (programmeClause(d).programme.limits = [ONCE]), "/clauses/1/programme", "limits/0: a limit on awards needs number"],
    ["a limit on years with no number", (d) => (clauseRoute(d).limits = [TWO_YEARS]), "/clauses/0/routes/0", "limits/0: a limit on years needs number"],
    ["a share above 1", (d) => (d.clauses[0].limits = [{ ...CITY_SHARE, share: "3/2" }]), "/clauses/0", "limits/0: share 3/2 must be more than 0 and at most 1"],
    ["a share of 0%", (d) => (d.clauses[0].limits = [{ ...CITY_SHARE, share: "0%" }]), "/clauses/0", "limits/0: share 0% must be more than 0 and at most 1"],
    ["a share that divides by 0", (d) => (d.clauses[0].limits = [{ ...CITY_SHARE, share: "0/0" }]), "/clauses/0", 'limits/0: share "0/0" is not a fraction such as 1/2 or a percentage such as 50%'],
  ])("%s", (_name, edit, at, words) => {
    expect(cityFaults(edit)).toEqual(fault(at, words));
  });

  test("the same limits with their number, the share 1/2 or 50% (with spaces the schema allows), are read", () => {
    expect(cityFaults((d) => (programmeClause(d).programme.limits = [{ ...ONCE, number: 1 }]))).toEqual([]);
    expect(cityFaults((d) => (clauseRoute(d).limits = [{ ...TWO_YEARS, number: 2 }]))).toEqual([]);
    for (const share of ["1/2", " 50% "]) {
      const registry = PolicyRegistry.fromFiles(cityFiles((d) => (d.clauses[0].limits = [{ ...CITY_SHARE, share }])));
      expect(registry.jurisdictions.get("testcity")!.versions[0].clauses[0].limits[0].share?.toNumber()).toBe(0.5);
    }
  });

  // The schema's pattern refuses a share that is not a number; the registry, given files unchecked, names the field too.
  test("a share written in words, given to the registry unchecked", () => {
    expect(cityFaults((d) => (d.clauses[0].limits = [{ ...CITY_SHARE, share: "half" }]))).toEqual(fault("/clauses/0/limits/0/share", "must match pattern"));
    expect(() => PolicyRegistry.fromFiles(cityFiles((d) => (d.clauses[0].limits = [{ ...CITY_SHARE, share: "half" }])))).toThrow(
      'policies/testcity/2024.yaml: clauses/0: limits/0: share "half" is not a fraction such as 1/2 or a percentage such as 50%');
  });
});

// Instalments (分三年按4:3:3拨付): the schema refuses fewer than two parts or a part not above 0 before the
// loader is reached; the registry, given files unchecked, refuses them as well, naming the field.
describe("instalments (buildInstalments)", () => {
  const paid = (parts: number[]) => (d: Doc) => (clauseRoute(d).instalments = { parts, quote: "支持2年" });
  test.each<[number[], string]>([[[1], "parts"], [[1, 0], "parts/1"], [[2, -1], "parts/1"]])("parts %j", (parts, schemaAt) => {
    expect(() => PolicyRegistry.fromFiles(cityFiles(paid(parts)))).toThrow(
      `policies/testcity/2024.yaml: clauses/0/routes/0/instalments/parts: instalments need two or more parts, each above 0 (parts: ${parts.join(", ")})`);
    expect(cityFaults(paid(parts))).toEqual(fault(`/clauses/0/routes/0/instalments/${schemaAt}`, "must"));
  });
  test("two parts above 0 are read (1:1, halves)", () => {
    expect(cityFaults(paid([1, 1]))).toEqual([]);
    const route = PolicyRegistry.fromFiles(cityFiles(paid([1, 1]))).jurisdictions.get("testcity")!.versions[0].clauses[0].routes[0];
    expect(route.instalments!.shares.map((x) => x.toNumber())).toEqual([0.5, 0.5]);
  });
});

describe("what the files must be together (the registry, the quotes)", () => {
  test("a version defined twice", () => {
    const [, , version] = cityFiles();
    expect(faultsOf(cityFiles(undefined, [{ path: "testcity/2024b.yaml", text: version.text }]))).toEqual([
      `policies/testcity/2024b.yaml: /: version "2024" of testcity is defined twice`,
    ]);
  });
  test("a jurisdiction whose id is not its folder's name", () => {
    const files = cityFiles().map((f) => (f.path === "testcity/jurisdiction.yaml" ? { ...f, text: f.text.replace("id: testcity", "id: othercity") } : f));
    expect(faultsOf(files)).toEqual([`policies/testcity/jurisdiction.yaml: /: id "othercity" does not match its folder "testcity"`]);
  });
  test("a version of a jurisdiction with no jurisdiction.yaml", () => {
    expect(cityFaults((d) => (d.jurisdiction = "othercity"))).toEqual(fault("/", 'jurisdiction "othercity" has no policies/othercity/jurisdiction.yaml'));
  });
  test("a window that ends before it starts", () => {
    expect(cityFaults((d) => (d.inForce.from = "2027-01-01"))).toEqual(fault("/inForce", "from 2027-01-01 is after to 2026-12-31"));
  });
  test("a quote reference that names no sentence", () => {
    const edit = (d: Doc) => {
      d.quotes = { "rate-1": RATE_20.quote };
      clauseRoute(d).rate.quote = "@rate-2";
    };
    expect(cityFaults(edit)).toEqual(fault("/", '/clauses/0/routes/0/rate/quote: "@rate-2" names no sentence under quotes (rate-1)'));
  });
  test("a quote not found in the text", () => {
    expect(cityFaults((d) => (clauseRoute(d).rate.quote = "按研发投入的20%给予资助"))).toEqual(fault("/clauses/0/routes/0/rate/quote", "quote does not occur in texts/testcity.txt"));
  });
});

// What-if variants are added to a registry already built (variants.ts): a version of a jurisdiction it
// does not have, or a version it has, is refused, naming the version.
describe("more versions for a registry (withVersions)", () => {
  const registry = PolicyRegistry.fromFiles(cityFiles());
  const shipped = registry.jurisdictions.get("testcity")!.versions[0];
  const variant = { ...shipped, version: "2024~draft", key: "testcity@2024~draft" };
  test("a version of an unknown jurisdiction", () => {
    expect(() => registry.withVersions([{ ...variant, jurisdiction: "nowhere", key: "nowhere@2024~draft" }])).toThrow('version nowhere@2024~draft: no jurisdiction "nowhere"');
  });
  test("a version defined twice: one the registry has, or the same added twice", () => {
    expect(() => registry.withVersions([shipped])).toThrow("version testcity@2024 is defined twice");
    expect(() => registry.withVersions([variant, variant])).toThrow("version testcity@2024~draft is defined twice");
  });
  test("a new version is added, the registry left as it is", () => {
    const more = registry.withVersions([variant]);
    expect(more.jurisdictions.get("testcity")!.versions.map((v) => v.key)).toEqual(["testcity@2024", "testcity@2024~draft"]);
    expect(registry.jurisdictions.get("testcity")!.versions.map((v) => v.key)).toEqual(["testcity@2024"]);
  });
});
