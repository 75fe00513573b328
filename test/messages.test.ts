// Every word in the user's language: the command line under a Chinese locale (and --lang), the pane's
// catalogue, the engine's messages. English prose in Chinese output fails; so does a Chinese-only name
// in English output. Quotes of the texts, ids, codes and formulas are the same in both and not checked.
import { spawnSync } from "child_process";
import * as path from "path";
import { PANE, CLI } from "../src/engine/messages";
import { defaultEngine } from "../src/engine";
import { AwardError } from "../src/engine/errors";

const BIN = path.resolve(__dirname, "../bin/award-model.js");
const run = (env: Record<string, string>, ...args: string[]) => {
  const r = spawnSync(process.execPath, [BIN, ...args], { encoding: "utf8", env: { PATH: process.env.PATH, ...env } });
  return `${r.stdout}${r.stderr}`;
};

/** The words of a text that are neither a quote ("…", '…'), a formula line, nor an id or code. */
function prose(text: string): string {
  return text
    .split("\n")
    .filter((l) => !/^\s*=/.test(l)) // the formula, echoed
    .join("\n")
    .replace(/"[^"\n]*"|'[^'\n]*'|“[^”\n]*”/g, " ");
}
/** English prose: three English words in a row ("is not a", "give one of"). */
const ENGLISH = /\b[A-Za-z]{2,} [A-Za-z]{2,} [A-Za-z]{2,}\b/;
const HAN = /\p{Script=Han}/u;

const BAD_FORMULAS = [
  '=AWARD.VERSION("nowhere",2026)',
  '=AWARD.COMPUTE_VOUCHER("滨江","算力券",2000000,"maybe",2026)',
  '=AWARD.VERSION("guangzhou",2031)',
  '=AWARD.VERSION("guangzhou",1)',
  '=AWARD.COMPUTE_VOUCHER("langfang","corpus",100,FALSE,2025)',
  '=AWARD.COMPUTE_VOUCHER("hangzhou-binjiang","compute:nowhere",100,FALSE,2026)',
  '=AWARD.VERSION("hangzhou-binjiang@1999")',
  '=AWARD.NOPE(1)',
  '=AWARD.VERSION("guangzhou"',
  '=AWARD.VERSION()',
];

describe("the command line under LANG=zh_CN.UTF-8 answers in Chinese", () => {
  const zh = { LANG: "zh_CN.UTF-8" };
  test.each([
    ["help", ["--help"]],
    ["errors of formulas", ["eval", ...BAD_FORMULAS]],
    ["the policy list", ["policies"]],
    ["an unknown command", ["frobnicate"]],
    ["a bad --year", ["eval", "--year", "20", "=AWARD.VERSION(\"guangzhou\")"]],
  ])("%s", (_, args) => {
    const out = run(zh, ...(args as string[]));
    expect(out).toMatch(HAN);
    expect(prose(out)).not.toMatch(ENGLISH);
  });

  test("the same commands in English are English (the check above can fail)", () => {
    const out = run({ LANG: "C" }, "eval", ...BAD_FORMULAS);
    expect(prose(out)).toMatch(ENGLISH);
    expect(run({ LANG: "en_US.UTF-8" }, "--help")).toMatch(/^usage:/);
  });

  test("--lang wins over the locale, LC_ALL over LANG", () => {
    expect(run({ LANG: "zh_CN.UTF-8" }, "--lang", "en", "--help")).toMatch(/^usage:/);
    expect(run({ LANG: "C" }, "--help", "--lang=zh")).toMatch(/^用法：/);
    expect(run({ LANG: "C", LC_ALL: "zh_CN.UTF-8" }, "--help")).toMatch(/^用法：/);
    expect(run({ LANG: "zh_CN.UTF-8", LC_ALL: "en_US.UTF-8" }, "--help")).toMatch(/^usage:/);
  });
});

test("in English, programme names are English (policies lists them by their English name)", () => {
  const lines = run({ LANG: "C" }, "policies").split("\n").filter((l) => /^\s+programmes:/.test(l));
  expect(lines.length).toBeGreaterThan(3);
  for (const l of lines) expect(l).not.toMatch(HAN);
  // and an error naming a programme names it in English
  const out = run({ LANG: "C" }, "eval", '=AWARD.COMPUTE_VOUCHER("langfang","corpus",100,FALSE,2025)');
  expect(out).toMatch(/corpus voucher|has no/);
  expect(prose(out.split("\n")[1]).replace(/（[^）]*）|\([^)]*\)/g, "")).not.toMatch(HAN);
});

test("engine errors carry both languages (resolve.ts, variants.ts)", () => {
  const cases: (() => unknown)[] = [
    () => defaultEngine().version("nowhere", 2026, 2026),
    () => defaultEngine().version("guangzhou", 2031, 2026),
    () => defaultEngine().voucherAmount("hangzhou-binjiang", "compute", 100, "maybe", 2026, 2026),
    () => defaultEngine().voucherAmount("hangzhou-binjiang", "compute:nowhere", 100, false, 2026, 2026),
  ];
  for (const c of cases) {
    let err: unknown;
    try {
      c();
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(AwardError);
    const e = err as AwardError;
    expect(e.in("en")).toMatch(ENGLISH);
    expect(e.in("zh")).toMatch(HAN);
    expect(prose(e.in("zh"))).not.toMatch(ENGLISH);
  }
});

/** Every string of a catalogue table, functions called with sample arguments. */
function strings(table: Record<string, unknown>, sample: unknown[]): string[] {
  return Object.values(table).flatMap((v): string[] => {
    if (typeof v === "string") return [v];
    if (Array.isArray(v)) return v.map(String);
    if (typeof v === "function") {
      const r = (v as (...a: unknown[]) => unknown)(...sample);
      return typeof r === "string" ? [r] : strings({ r }, sample);
    }
    if (v && typeof v === "object") return strings(v as Record<string, unknown>, sample);
    return [];
  });
}

test("the pane's and the command line's catalogues: Chinese has no English prose, every entry in both", () => {
  expect(Object.keys(PANE.zh).sort()).toEqual(Object.keys(PANE.en).sort());
  for (const s of strings(PANE.zh as unknown as Record<string, unknown>, ["甲", "乙", "丙", "丁"])) expect([s, ENGLISH.test(prose(s))]).toEqual([s, false]);
  for (const s of strings(PANE.en as unknown as Record<string, unknown>, ["x", "y", "z", "w"])) {
    // units (万, 亿, 元) and a gloss in parentheses, "(国产)", are how English-reading users see them too
    expect([s, HAN.test(s.replace(/\([^)]*\)|[万亿元]/g, ""))]).toEqual([s, false]);
  }
  // the command line's: the Chinese of each entry (command syntax lines, "  award-model …", apart)
  const texts = strings(CLI as unknown as Record<string, unknown>, ["x", 2026, 2027]);
  expect(texts.length).toBeGreaterThan(5);
  const zhCli = Object.values(CLI).flatMap((v) => {
    const t = typeof v === "function" ? (v as (...a: unknown[]) => { zh: string })("x", 1900, 9999) : v;
    return "zh" in (t as object) ? [(t as { zh: string }).zh] : Object.values(t as Record<string, { zh: string }>).map((x) => x.zh);
  });
  for (const s of zhCli) expect([s, ENGLISH.test(prose(s.replace(/^\s*award-model .*$/gm, "")))]).toEqual([s, false]);
});
