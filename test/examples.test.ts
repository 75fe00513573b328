// Every worked example beside a policy file: policies/<jurisdiction>/<version>.examples.yaml, and the
// fictional city under test/fixtures/policies (its files read beside the shipped ones). Each example
// is a formula with its value, or a PORTFOLIO table with its awards, worked by hand from the clause
// it names. The versions are discovered, never listed: a new city's examples run with no code change.
import * as fs from "fs";
import * as path from "path";
import { parse } from "yaml";
import { Engine, setDefaultEngine } from "../src/engine";
import { PolicyRegistry } from "../src/engine/registry";
import { POLICY_DIR, readPolicyFilesUnchecked, textReader } from "../src/engine/load-files";
import { validatePolicyFiles, formatFault } from "../src/engine/validate";
import { evaluateFormula } from "../src/functions/evaluate";
import { portfolio } from "../src/functions/budget";

interface Example { clause: string; formula?: string; value?: unknown; table?: unknown[][]; awards?: [unknown, string][]; year?: unknown; method?: string }

function examplesUnder(dir: string): { file: string; examples: Example[] }[] {
  const out: { file: string; examples: Example[] }[] = [];
  const walk = (rel: string) => {
    for (const e of fs.readdirSync(path.join(dir, rel), { withFileTypes: true })) {
      const r = rel ? `${rel}/${e.name}` : e.name;
      if (e.isDirectory()) walk(r);
      else if (/\.examples\.ya?ml$/.test(e.name)) out.push({ file: r, examples: (parse(fs.readFileSync(path.join(dir, r), "utf8")) as { examples: Example[] }).examples });
    }
  };
  walk("");
  return out;
}

function check(ex: Example): void {
  if (ex.formula !== undefined) {
    const r = evaluateFormula(ex.formula);
    expect({ clause: ex.clause, formula: ex.formula, value: r.value, error: r.error }).toEqual({ clause: ex.clause, formula: ex.formula, value: ex.value, error: null });
  } else {
    const out = portfolio(ex.table, ex.year, ex.method) as unknown[][];
    expect({ clause: ex.clause, awards: out.slice(1).map((r) => [r[0], r[1]]) }).toEqual({ clause: ex.clause, awards: ex.awards });
  }
}

const FIXTURES = path.resolve(__dirname, "fixtures/policies");

describe.each(examplesUnder(POLICY_DIR))("policies/$file", ({ examples }) => {
  test.each(examples.map((e, i) => [i + 1, e.clause, e] as const))("example %i (%s)", (_i, _c, ex) => check(ex));
});

describe("a city added as data alone (test/fixtures/policies)", () => {
  const files = [...readPolicyFilesUnchecked(POLICY_DIR), ...readPolicyFilesUnchecked(FIXTURES)];
  const readText = (p: string) => textReader(FIXTURES)(p) ?? textReader(POLICY_DIR)(p);
  test("its files pass the schema and the quote checks, beside the shipped ones", () => {
    expect(validatePolicyFiles(files, readText).map(formatFault)).toEqual([]);
  });
  describe.each(examplesUnder(FIXTURES))("$file", ({ examples }) => {
    beforeAll(() => setDefaultEngine(new Engine(PolicyRegistry.fromFiles(files))));
    afterAll(() => setDefaultEngine(null));
    test.each(examples.map((e, i) => [i + 1, e.clause, e] as const))("example %i (%s)", (_i, _c, ex) => check(ex));
  });
});
