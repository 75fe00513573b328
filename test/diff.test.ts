// award-model diff, and the clause checks of the policy files.
import { spawnSync } from "child_process";
import * as path from "path";
import { defaultEngine, diffIn, diffVersions } from "../src/engine";
import { formatDiff } from "../src/cli/diff";
import { readPolicyFilesUnchecked, textReader } from "../src/engine/load-files";
import { formatFault, validatePolicyFiles } from "../src/engine/validate";
import type { PolicyFile } from "../src/engine";

const BIN = path.resolve(__dirname, "../bin/award-model.js");
const run = (args: string[]) => {
  const r = spawnSync(process.execPath, [BIN, ...args], { encoding: "utf8", timeout: 60000 });
  return { code: r.status, out: r.stdout, err: r.stderr };
};
const version = (key: string) => defaultEngine().resolver.resolve(key, 2026).version;
// 滨江 2025 draft → final as `diff` prints it: in English as it always has, in Chinese each fact as it was made.
const DRAFT_TO_FINAL = {
  en: [
    "hangzhou-binjiang@2025-draft → hangzhou-binjiang@2025",
    "changed clause 6 降低算力使用成本",
    "  - route standard: condition “且租用合同完成备案的企业”: required",
    "changed clause 21 加强多元化投融资服务",
    "  - route standard: eligible subject 智能体: listed",
    "0 added, 0 removed, 2 changed (2 differences), 20 unchanged",
    "",
  ].join("\n"),
  zh: [
    "hangzhou-binjiang@2025-draft → hangzhou-binjiang@2025",
    "修改 （六） 降低算力使用成本",
    "  - 路径 standard：条件“且租用合同完成备案的企业”：须满足",
    "修改 （二十一） 加强多元化投融资服务",
    "  - 路径 standard：适用对象 智能体：列明",
    "新增 0 条，删除 0 条，修改 2 条（2 处不同），未变 20 条",
    "",
  ].join("\n"),
};

describe("draft to final, 滨江 2025: exactly the two real changes", () => {
  const d = diffVersions(version("hangzhou-binjiang@2025-draft"), version("hangzhou-binjiang@2025"));
  test("（六） drops the filing requirement; （二十一） drops 智能体; nothing else", () => {
    const en = diffIn(d, "en");
    expect(en.added).toEqual([]);
    expect(en.removed).toEqual([]);
    expect(en.pools).toEqual([]);
    expect(en.changed).toEqual([
      { id: "6", title: "降低算力使用成本", changes: [{ fact: "route standard: condition “且租用合同完成备案的企业”", from: "required", to: null }] },
      { id: "21", title: "加强多元化投融资服务", changes: [{ fact: "route standard: eligible subject 智能体", from: "listed", to: null }] },
    ]);
    expect(en.unchanged).toHaveLength(20);
  });
  test("read line by line", () => {
    expect(formatDiff(d)).toBe(DRAFT_TO_FINAL.en);
  });
  test("read line by line in Chinese: each fact made in Chinese where it is made", () => {
    const label = (id: string) => ({ "6": "（六）", "21": "（二十一）" })[id] ?? id;
    expect(formatDiff(d, "zh", label)).toBe(DRAFT_TO_FINAL.zh);
  });
  test("the reverse direction adds them back", () => {
    const r = diffVersions(version("hangzhou-binjiang@2025"), version("hangzhou-binjiang@2025-draft"));
    expect(diffIn(r, "en").changed.flatMap((c) => c.changes)).toEqual([
      { fact: "route standard: condition “且租用合同完成备案的企业”", from: null, to: "required" },
      { fact: "route standard: eligible subject 智能体", from: null, to: "listed" },
    ]);
  });
  test("a version against itself: no difference", () => {
    const same = diffVersions(version("guangzhou@draft"), version("guangzhou@draft"));
    expect([same.added, same.removed, same.changed]).toEqual([[], [], []]);
  });
});

describe("滨江 2023 to 2025", () => {
  const d = diffVersions(version("hangzhou-binjiang@2023"), version("hangzhou-binjiang@2025"));
  test("the compute subsidy (item 9) became the 算力券 （六）: 50% → 30%/60%, 100万 a year → 2000万, a 1亿 pool", () => {
    const c = diffIn(d, "en").changed.find((x) => x.id === "6")!;
    expect(c.changes).toEqual(expect.arrayContaining([
      { fact: "clause id", from: "9", to: "6" },
      { fact: "route standard: rate", from: "50%", to: "30%" },
      { fact: "route standard: domestic rate", from: null, to: "60%" },
      { fact: "route standard: cap", from: "100万元 per recipient-year", to: "2000万元 per recipient" },
      { fact: "annual pool", from: null, to: "1亿元" },
      { fact: "route standard: base year", from: null, to: "previous year (上一年度)" },
    ]));
  });
  test("支持关键技术研发 moved from item 2 to （一）: 20% capped at 300万 became a maximum of 5000万", () => {
    const c = diffIn(d, "en").changed.find((x) => x.id === "1")!;
    expect(c.changes).toEqual(expect.arrayContaining([
      { fact: "clause id", from: "2", to: "1" },
      { fact: "route standard: kind", from: "rate", to: "maximum" },
      { fact: "route standard: rate", from: "20%", to: null },
      { fact: "route standard: maximum", from: null, to: "5000万元" },
    ]));
  });
  test("clauses only in one text are added or removed", () => {
    expect(d.removed.map((c) => c.id)).toEqual(["1", "3", "4", "5", "6", "7", "10", "11", "12", "13", "14", "15", "17"]);
    expect(d.added.map((c) => c.id)).toContain("19");
    expect(d.added.length + d.changed.length + d.unchanged.length).toBe(22);
  });
});

describe("award-model diff on the command line", () => {
  test("prints the differences; exit 1 when the versions differ", () => {
    const r = run(["diff", "hangzhou-binjiang@2025-draft", "hangzhou-binjiang@2025"]);
    expect(r.code).toBe(1);
    expect(r.out.split("\n")).toContain("  - route standard: eligible subject 智能体: listed");
  });
  test("the same two versions in Chinese and in English (--lang): the English as it always was", () => {
    const zh = run(["diff", "hangzhou-binjiang@2025-draft", "hangzhou-binjiang@2025", "--lang", "zh"]);
    expect(zh.code).toBe(1);
    expect(zh.out).toBe(DRAFT_TO_FINAL.zh);
    const en = run(["diff", "hangzhou-binjiang@2025-draft", "hangzhou-binjiang@2025", "--lang", "en"]);
    expect(en.out).toBe(DRAFT_TO_FINAL.en);
    expect(JSON.parse(run(["diff", "hangzhou-binjiang@2025-draft", "hangzhou-binjiang@2025", "--json"]).out).changed[0].changes)
      .toEqual([{ fact: "route standard: condition “且租用合同完成备案的企业”", from: "required", to: null }]);
  });
  test("2023 → 2025 in Chinese: amounts per whom, the base year, a new pool", () => {
    const zh = run(["diff", "hangzhou-binjiang@2023", "hangzhou-binjiang@2025", "--lang", "zh"]).out.split("\n");
    expect(zh).toEqual(expect.arrayContaining([
      "  ~ 条款编号：9 → 6",
      "  ~ 路径 standard：上限：100万元（每家单位每年） → 2000万元（每家单位）",
      "  + 年度资金池：1亿元",
      "  + 路径 standard：基数年度：上一年度",
      "  ~ 路径 standard：类型：比例 → 最高额",
    ]));
  });
  test("--json; exit 0 for no difference", () => {
    const r = run(["diff", "--json", "langfang", "langfang@2023"]);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.out)).toEqual(expect.objectContaining({ from: "langfang@2023", to: "langfang@2023", changed: [] }));
  });
  test("usage errors: exit 2 with a message", () => {
    expect(run(["diff", "guangzhou"]).code).toBe(2);
    const r = run(["diff", "guangzhou@final", "guangzhou"]);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/guangzhou has no version "final"/);
  });
});

describe("a broken clause is reported with its file and JSON path", () => {
  const good = readPolicyFilesUnchecked();
  const read = textReader();
  const edit = (file: string, change: (text: string) => string): PolicyFile[] =>
    good.map((f) => (f.path === file ? { path: f.path, text: change(f.text) } : f));
  const faults = (files: PolicyFile[]) => validatePolicyFiles(files, read).map(formatFault);

  test("a number not in its quote", () => {
    expect(faults(edit("guangzhou/draft.yaml", (t) => t.replace("          value: 2000万元\n          per: project", "          value: 3000万元\n          per: project")))).toEqual([
      expect.stringMatching(/^policies\/guangzhou\/draft\.yaml: \/clauses\/5\/routes\/0\/cap\/value: "3000万元" does not appear in its quote/),
    ]);
  });
  test("a condition on an input whose value is not in its quote", () => {
    expect(faults(edit("langfang/2023.yaml", (t) => t.replace("value: 1000000000\n            written: 不少于十亿", "value: 1000000000\n            written: 不少于百亿")))).toEqual([
      expect.stringMatching(/^policies\/langfang\/2023\.yaml: \/clauses\/2\/routes\/0\/tests\/0\/value: "不少于百亿" does not appear/),
      // 百亿 is 10^10, not the 10^9 of the value: the phrase does not show the number either.
      expect.stringMatching(/tests\/0\/written: written "不少于百亿" does not show the number 1000000000/),
    ]);
  });
  test("an eligible subject that is not in its quote", () => {
    expect(faults(edit("hangzhou-binjiang/2025.yaml", (t) => t.replace("subjects: [基础大模型, 行业垂域大模型]", "subjects: [基础大模型, 行业垂域大模型, 智能体]")))).toEqual([
      expect.stringMatching(/^policies\/hangzhou-binjiang\/2025\.yaml: \/clauses\/20\/routes\/0\/eligible\/subjects\/2: "智能体" does not appear in its quote/),
    ]);
  });
  test("a rate route without a base", () => {
    expect(faults(edit("guangzhou/draft.yaml", (t) => t.replace("        base: { input: national-funding, label: 国家财政经费资助额度 }\n", "")))).toEqual([
      "policies/guangzhou/draft.yaml: /clauses/4/routes/1: a rate route needs base",
    ]);
  });
  // A voucher programme's rate route reads the spend (COMPUTE_VOUCHER's argument): 廊坊 item 2.
  test("a voucher programme's rate route that does not read the spend", () => {
    expect(faults(edit("langfang/2023.yaml", (t) => t.replace("base: {input: spend, label: 使用算力资源费用", "base: {input: cost, label: 使用算力资源费用")))).toEqual([
      expect.stringMatching(/^policies\/langfang\/2023\.yaml: \/clauses\/1\/routes\/0: a voucher programme's rate route needs base\.input spend and rate/),
    ]);
  });
  test("a clause id written otherwise than in Arabic numerals", () => {
    expect(faults(edit("langfang/2023.yaml", (t) => t.replace('  - id: "13"', '  - id: "十三"')))).toEqual([
      expect.stringMatching(/^policies\/langfang\/2023\.yaml: \/clauses\/11\/id: must match pattern/),
    ]);
  });
  test("an unknown kind", () => {
    expect(faults(edit("langfang/2023.yaml", (t) => t.replace("kind: tiers", "kind: steps")))).toEqual([
      expect.stringMatching(/^policies\/langfang\/2023\.yaml: \/clauses\/6\/routes\/0\/kind: must be equal to one of the allowed values/),
    ]);
  });
});
