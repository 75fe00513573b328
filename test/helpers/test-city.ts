// A small policy of an imaginary city, built in memory: a clause route and a voucher programme with
// two routes, every number quoted from its own short text. A test edits a fresh copy of the
// document and checks it as `npm run validate` does (schema, quotes, the loader), or builds an engine.
import * as fs from "fs";
import * as path from "path";
import { stringify } from "yaml";
import { POLICY_DIR } from "../../src/engine/load-files";
import { formatFault, validatePolicyFiles } from "../../src/engine/validate";
import { Engine, PolicyRegistry, type PolicyFile } from "../../src/engine";

export const CITY_TEXT = [
  "一、对企业按研发投入的20%给予补助，最高不超过100万元。",
  "二、发放算力券，每年安排最高1000万元，按合同金额的40%给予补助，单家企业最高20万元；新设企业一次性奖励10万元。每家企业每年合计不超过15万元。",
  "三、对连续运营超过3年的企业，支持2年，补助比例逐年递减。",
  "四、营收超过1000万元的奖励50万元，超过5000万元的奖励100万元。",
  "本办法自2024年1月1日起施行，有效期三年。",
].join("\n");

const SOURCE = "texts/testcity.txt";

/** A policy document as YAML reads it: edited freely by a test. */
export type Doc = Record<string, any>;

/** The city's version file, fresh: clause 1 a rate route, clause 2 the compute voucher (a rate route and a lump sum). */
export function cityDoc(): Doc {
  return {
    jurisdiction: "testcity", version: "2024", title: "测试市办法", status: "final", source: SOURCE,
    inForce: { from: "2024-01-01", to: "2026-12-31", quote: "本办法自2024年1月1日起施行，有效期三年。" },
    clauses: [
      {
        id: "1", title: "研发补助",
        routes: [{
          id: "standard", name: "研发投入", kind: "rate",
          base: { input: "investment", label: "研发投入" },
          rate: { value: "20%", quote: "按研发投入的20%给予补助" },
          cap: { value: "100万元", per: "project", quote: "最高不超过100万元" },
        }],
      },
      {
        id: "2", title: "算力券",
        programme: { id: "compute", name: "算力券", pool: { value: "1000万元", quote: "每年安排最高1000万元" } },
        routes: [
          {
            id: "standard", name: "标准", default: true, kind: "rate",
            base: { input: "spend", label: "合同金额" },
            rate: { value: "40%", quote: "按合同金额的40%给予补助" },
            cap: { value: "20万元", per: "recipient", quote: "单家企业最高20万元" },
          },
          { id: "new-entrant", name: "新设企业", kind: "lump-sum", base: { input: "spend", label: "none" }, amount: { value: "10万元", quote: "新设企业一次性奖励10万元" } },
        ],
      },
    ],
  };
}

/** The policy files: the project's programme types, the city's jurisdiction, its version (edited), and more files. */
export function cityFiles(edit: (doc: Doc) => void = () => undefined, more: PolicyFile[] = []): PolicyFile[] {
  const doc = cityDoc();
  edit(doc);
  return [
    { path: "programmes.yaml", text: fs.readFileSync(path.join(POLICY_DIR, "programmes.yaml"), "utf8") },
    { path: "testcity/jurisdiction.yaml", text: "id: testcity\nname: 测试市\nnameEn: Test City\nnames: [测试, 测试市]\n" },
    { path: "testcity/2024.yaml", text: stringify(doc) },
    ...more,
  ];
}

/** Every fault `npm run validate` would list, as it lists them ("policies/<file>: <path>: what is wrong"). */
export function faultsOf(files: PolicyFile[]): string[] {
  return validatePolicyFiles(files, (p) => (p === SOURCE ? CITY_TEXT : null)).map(formatFault);
}

/** The faults of the city's version, edited. */
export const cityFaults = (edit: (doc: Doc) => void): string[] => faultsOf(cityFiles(edit));

/** An engine over the city alone, its version edited (checked first: a fault throws, listed). */
export function cityEngine(edit: (doc: Doc) => void = () => undefined): Engine {
  const files = cityFiles(edit);
  const faults = faultsOf(files);
  if (faults.length > 0) throw new Error(faults.join("\n"));
  return new Engine(PolicyRegistry.fromFiles(files));
}
