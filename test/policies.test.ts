import * as fs from "fs";
import * as path from "path";
import { POLICY_DIR, readPolicyFiles, readPolicyFilesUnchecked, textReader } from "../src/engine/load-files";
import { validatePolicyFiles, formatFault } from "../src/engine/validate";
import type { PolicyFile } from "../src/engine";
import { parsePolicyFiles } from "../src/engine/registry";

const versionFiles = readPolicyFilesUnchecked().filter((f) => /^[^/]+\/(?!jurisdiction\.)[^/]+\.yaml$/.test(f.path));

/** Every {quote, source?} object in a document, with its path. */
function quotes(node: unknown, at = ""): { at: string; quote: string; source?: string }[] {
  if (Array.isArray(node)) return node.flatMap((n, i) => quotes(n, `${at}/${i}`));
  if (node && typeof node === "object") {
    const o = node as Record<string, unknown>;
    const own = typeof o.quote === "string" ? [{ at, quote: o.quote, source: o.source as string | undefined }] : [];
    return [...own, ...Object.entries(o).flatMap(([k, v]) => quotes(v, `${at}/${k}`))];
  }
  return [];
}

/** A version file as the engine reads it (quote: "@id" replaced by its sentence). */
const readDoc = (file: PolicyFile) => parsePolicyFiles(readPolicyFilesUnchecked()).versions.find((v) => v.path === file.path)!.doc;

describe("the policy files", () => {
  // The five texts of policies/texts each have their version file (more may be added: a new city is data).
  test("the five texts' versions are there", () => {
    expect(versionFiles.map((f) => f.path)).toEqual(expect.arrayContaining([
      "guangzhou/draft.yaml", "hangzhou-binjiang/2023.yaml", "hangzhou-binjiang/2025-draft.yaml",
      "hangzhou-binjiang/2025.yaml", "langfang/2023.yaml",
    ]));
  });
  test("every version file has its worked examples beside it", () => {
    const all = new Set(readPolicyFilesUnchecked().map((f) => f.path));
    const examples = fs.readdirSync(POLICY_DIR, { recursive: true }).map(String).filter((p) => /\.examples\.ya?ml$/.test(p)).map((p) => p.replace(/\\/g, "/"));
    expect(versionFiles.filter((f) => all.has(f.path)).map((f) => f.path.replace(/\.ya?ml$/, ".examples.yaml")).filter((p) => !examples.includes(p))).toEqual([]);
  });

  test("all pass the schema and the cross-checks", () => {
    expect(() => readPolicyFiles()).not.toThrow();
  });

  test.each(versionFiles.map((f) => [f.path, f] as const))("every quote in %s occurs character for character in its source text", (_p, file) => {
    const doc = readDoc(file) as unknown as { source: string }; // quote: "@id" references resolved
    const found = quotes(doc);
    expect(found.length).toBeGreaterThan(0);
    for (const q of found) {
      const text = fs.readFileSync(path.join(POLICY_DIR, q.source ?? doc.source), "utf8");
      if (!text.includes(q.quote)) throw new Error(`${file.path}${q.at}: quote not in ${q.source ?? doc.source}: ${q.quote}`);
    }
  });

  test("every number is written in the sentence it cites", () => {
    for (const file of versionFiles) {
      const doc = readDoc(file);
      const walk = (n: unknown): void => {
        if (Array.isArray(n)) return n.forEach(walk);
        if (!n || typeof n !== "object") return;
        const o = n as Record<string, unknown>;
        if (typeof o.quote === "string" && (typeof o.value === "string" || typeof o.value === "number")) {
          const shown = String(o.written ?? o.value).normalize("NFKC");
          expect(o.quote.normalize("NFKC")).toContain(shown);
        }
        Object.values(o).forEach(walk);
      };
      walk(doc);
    }
  });

  test("the source texts are the shared ones, unchanged", () => {
    const shared = path.resolve(__dirname, "../../shared/policy-texts");
    if (!fs.existsSync(shared)) return console.warn("../shared/policy-texts absent: copies not compared");
    for (const name of fs.readdirSync(shared).filter((n) => n.endsWith(".txt"))) {
      expect(fs.readFileSync(path.join(POLICY_DIR, "texts", name), "utf8")).toBe(fs.readFileSync(path.join(shared, name), "utf8"));
    }
  });
});

describe("a broken policy file is reported with its file and path", () => {
  const good = readPolicyFilesUnchecked();
  const read = textReader();
  const edit = (file: string, change: (text: string) => string): PolicyFile[] =>
    good.map((f) => (f.path === file ? { path: f.path, text: change(f.text) } : f));
  const faults = (files: PolicyFile[]) => validatePolicyFiles(files, read).map(formatFault);

  test("the shipped files have no fault", () => {
    expect(faults(good)).toEqual([]);
  });
  // 廊坊 item 1: 前三年按年运营实际总投入的20%给予资金补助 — years 3 written 前三年 shows the 3; 前几年 would hide it.
  test("a written phrase that hides the number it stands for is refused", () => {
    expect(faults(edit("langfang/2023.yaml", (t) => t.replace("written: 前三年", "written: 前几年")))).toEqual([
      expect.stringMatching(/years\/value: "前几年" does not appear in its quote/),
      expect.stringMatching(/^policies\/langfang\/2023\.yaml: \/clauses\/0\/routes\/1\/years\/written: written "前几年" does not show the number 3/),
    ]);
    // 广州 第二十条 6折 (a rent at 60%: a 40% subsidy) and 第六条 1:1 (100%) show theirs.
    expect(faults(edit("guangzhou/draft.yaml", (t) => t.replace('written: "1:1"', 'written: "适当"')))).toEqual([
      expect.stringMatching(/"适当" does not appear in its quote/),
      expect.stringMatching(/written "适当" does not show the number 100%/),
    ]);
  });
  // 滨江 2025 （六）: one sentence gives the 30%, the 60% and the 2000万: quoted once under quotes, referred to as "@compute-6".
  test("a quote reference that names no sentence", () => {
    expect(faults(edit("hangzhou-binjiang/2025.yaml", (t) => t.replace('quote: "@compute-6"', 'quote: "@compute-7"')))).toEqual([
      expect.stringMatching(/^policies\/hangzhou-binjiang\/2025\.yaml: .*\/clauses\/5\/routes\/0\/rate\/quote: "@compute-7" names no sentence under quotes \(compute-6\)/),
    ]);
  });
  // The 2025 draft is written as its changes from the final (basedOn: "2025"); its quotes are checked
  // against its own text: the final's wording of 附则 (补足差额) is not the draft's.
  test("a version written as changes from another: its quotes checked against its own text", () => {
    expect(good.find((f) => f.path === "hangzhou-binjiang/2025-draft.yaml")!.text).toMatch(/^basedOn: '2025'$/m);
    const drop = (t: string) => t.replace(/- op: replace\n  path: \/topUp\/quote\n  value: [^\n]*\n/, "");
    expect(faults(edit("hangzhou-binjiang/2025-draft.yaml", drop))).toEqual([
      expect.stringMatching(/^policies\/hangzhou-binjiang\/2025-draft\.yaml: \/topUp\/quote: quote does not occur in texts\/hangzhou-binjiang-2025-draft\.txt/),
    ]);
    expect(faults(edit("hangzhou-binjiang/2025-draft.yaml", (t) => t.replace("basedOn: '2025'", "basedOn: '2024'")))).toEqual([
      expect.stringMatching(/2025-draft\.yaml: .*basedOn: policies\/hangzhou-binjiang\/ has no version "2024"/),
    ]);
  });
  test("bad YAML", () => {
    expect(faults(edit("langfang/2023.yaml", (t) => t.replace("clauses:", "clauses: [")))).toEqual([
      expect.stringMatching(/^policies\/langfang\/2023\.yaml: .*not valid YAML/),
    ]);
  });
  test("a negative rate", () => {
    expect(faults(edit("langfang/2023.yaml", (t) => t.replace("value: 60%", "value: -60%")))).toEqual([
      expect.stringMatching(/^policies\/langfang\/2023\.yaml: \/clauses\/1\/routes\/1\/rate\/value: must match pattern/),
    ]);
  });
  test("a quote that is not in the text", () => {
    const f = faults(edit("guangzhou/draft.yaml", (t) => t.replace("给予场景提供方最高不超过50万元奖励。", "给予场景提供方最高不超过80万元奖励。")));
    expect(f).toEqual(expect.arrayContaining([expect.stringMatching(/^policies\/guangzhou\/draft\.yaml: \/clauses\/8\/routes\/0\/amount\/quote: quote does not occur in texts\/guangzhou-draft\.txt/)]));
  });
  test("a missing quote", () => {
    const f = faults(edit("hangzhou-binjiang/2025.yaml", (t) => t.replace(/(pool:\n\s+value: 1亿元\n)\s+quote: .*\n/, "$1")));
    expect(f).toEqual([expect.stringMatching(/^policies\/hangzhou-binjiang\/2025\.yaml: \/clauses\/5\/programme\/pool: must have required property 'quote'/)]);
  });
  test("an unknown key", () => {
    const f = faults(edit("hangzhou-binjiang/2023.yaml", (t) => t.replace("status: final", "status: final\nstatuss: final")));
    expect(f).toEqual([expect.stringMatching(/^policies\/hangzhou-binjiang\/2023\.yaml: \/: unknown key "statuss"/)]);
  });
  test("a number not in its quote", () => {
    const f = faults(edit("langfang/2023.yaml", (t) => t.replace("pool:\n        value: 1000万元", "pool:\n        value: 2000万元")));
    expect(f).toEqual([expect.stringMatching(/langfang\/2023\.yaml: \/clauses\/1\/programme\/pool\/value: "2000万元" does not appear in its quote/)]);
  });
  test("two default routes", () => {
    const f = faults(edit("guangzhou/draft.yaml", (t) => t.replace("      - id: large-model\n", "      - id: large-model\n        default: true\n")));
    expect(f).toEqual([expect.stringMatching(/guangzhou\/draft\.yaml: .*programme "compute" must have exactly one route with default: true \(has 2\)/)]);
  });
  test("a programme type that is not listed", () => {
    const f = faults(edit("langfang/2023.yaml", (t) => t.replace("    programme:\n      id: compute\n", "    programme:\n      id: quantum\n")));
    expect(f).toEqual([expect.stringMatching(/langfang\/2023\.yaml: .*programme "quantum" is not a type listed in policies\/programmes\.yaml/)]);
  });
  test("a lump-sum route outside a voucher programme", () => {
    const f = faults(edit("hangzhou-binjiang/2023.yaml", (t) => t.replace("kind: fixed", "kind: lump-sum")));
    expect(f).toEqual([expect.stringMatching(/hangzhou-binjiang\/2023\.yaml: .*lump-sum is a voucher programme's route; use fixed/)]);
  });
  test("an assumption without its Chinese (users read Chinese first)", () => {
    const f = faults(edit("langfang/2023.yaml", (t) => t.replace(/^  assumptionZh: .*\n/m, "")));
    expect(f).toEqual([expect.stringMatching(/langfang\/2023\.yaml: \/inForce: must have property assumptionZh when property assumption is present/)]);
    const g = faults(edit("langfang/2023.yaml", (t) => t.replace(/^    textZh: .*\n/m, "")));
    expect(g).toEqual([expect.stringMatching(/langfang\/2023\.yaml: \/assumptions\/0: must have required property 'textZh'/)]);
  });
  test("npm run validate says so too, with exit status 1", () => {
    const { spawnSync } = require("child_process") as typeof import("child_process");
    const script = path.resolve(__dirname, "../scripts/validate-policies.js");
    const ok = spawnSync(process.execPath, [script], { encoding: "utf8" });
    expect([ok.status, ok.stdout]).toEqual([0, expect.stringMatching(/policy files in .*policies: valid/)]);
    const dir = fs.mkdtempSync(path.join(require("os").tmpdir(), "policies-"));
    fs.cpSync(POLICY_DIR, dir, { recursive: true });
    const p = path.join(dir, "guangzhou/draft.yaml");
    fs.writeFileSync(p, fs.readFileSync(p, "utf8").replace("value: 5亿元", "value: 6亿元"));
    const bad = spawnSync(process.execPath, [script, dir], { encoding: "utf8" });
    // a folder given: its files by their real path (issue 12)
    expect([bad.status, bad.stderr]).toEqual([1, expect.stringContaining(`${fs.realpathSync(dir)}/guangzhou/draft.yaml: /pools/0/amount/value: "6亿元" does not appear in its quote`)]);
    fs.rmSync(dir, { recursive: true });
  });
  test("readPolicyFiles throws the whole list", () => {
    const dir = fs.mkdtempSync(path.join(require("os").tmpdir(), "policies-"));
    fs.cpSync(POLICY_DIR, dir, { recursive: true });
    const p = path.join(dir, "langfang/2023.yaml");
    fs.writeFileSync(p, fs.readFileSync(p, "utf8").replace("value: 50%", "value: 50 percent"));
    expect(() => readPolicyFiles(dir)).toThrow(`invalid policy files:\n  ${fs.realpathSync(dir)}/langfang/2023.yaml: /clauses/1/routes/0/rate/value`);
    fs.rmSync(dir, { recursive: true });
  });
});

describe("adding a city needs no code change", () => {
  test("a new jurisdiction folder is picked up", () => {
    const dir = fs.mkdtempSync(path.join(require("os").tmpdir(), "policies-"));
    fs.cpSync(POLICY_DIR, dir, { recursive: true });
    fs.mkdirSync(path.join(dir, "testcity"));
    fs.writeFileSync(path.join(dir, "texts/testcity.txt"), "每年安排最高300万元“算力券”，按合同金额的40%给予补助，单家企业最高20万元。本办法自2024年1月1日起施行，有效期两年。");
    fs.writeFileSync(path.join(dir, "testcity/jurisdiction.yaml"), "id: testcity\nname: 测试市\nnameEn: Test City\nnames: [测试, 测试市]\n");
    fs.writeFileSync(path.join(dir, "testcity/2024.yaml"), [
      "jurisdiction: testcity", 'version: "2024"', "title: 测试", "status: final", "source: texts/testcity.txt",
      "inForce: { from: '2024-01-01', to: '2025-12-31', quote: 本办法自2024年1月1日起施行，有效期两年。 }",
      "clauses:", '  - id: "1"', "    title: 算力券",
      "    programme: { id: compute, name: 算力券, pool: { value: 300万元, quote: 每年安排最高300万元“算力券” } }",
      "    routes:", "      - id: standard", "        name: 标准", "        default: true", "        kind: rate",
      "        base: { input: spend, label: 合同金额 }",
      "        rate: { value: 40%, quote: 按合同金额的40%给予补助 }",
      "        cap: { value: 20万元, per: recipient, quote: 单家企业最高20万元 }",
    ].join("\n"));
    const { PolicyRegistry, Engine } = require("../src/engine");
    const engine = new Engine(PolicyRegistry.fromFiles(readPolicyFiles(dir)));
    expect(engine.voucherAmount("测试", "算力券", 100000, null, 2025, 2025)).toBe(40000);
    expect(engine.voucherAmount("testcity", "compute", 1000000, null, 2024, 2025)).toBe(200000);
    expect(engine.fundLimit("测试市", "compute", 2024, 2025).amount.toNumber()).toBe(3000000);
    fs.rmSync(dir, { recursive: true });
  });
});
