// The words of `award-model diff` in Chinese: the facts compared (clauses/diff.ts names them in
// English, which --json keeps) and their values.
import type { Lang } from "../text";
import { kindIn, scopeIn } from "./tables";

const FACTS_ZH: Record<string, string> = {
  kind: "类型", "base year": "基数年度", rate: "比例", "domestic rate": "国产比例", "lump sum": "定额", maximum: "最高额",
  amount: "金额", minimum: "最低额", quantity: "数量", cap: "上限", threshold: "门槛", uplift: "上浮", years: "支持年限",
  "rate falls year by year": "比例逐年递减", "quota per year": "年度名额", "one-time": "一次性", unit: "单位",
  "cap shared by all routes": "各路径共享上限", "clause id": "条款编号", title: "标题", department: "责任单位", programme: "券种",
  "annual pool": "年度资金池", "choose rule": "择一规则",
};
const PREFIXES_ZH: [RegExp, string][] = [
  [/^route ([^:]+): /, "路径 $1："],
  [/^condition “/, "条件“"],
  [/^condition /, "条件 "],
  [/^eligible subject /, "适用对象 "],
  [/^limit /, "限额 "],
  [/^tier /, "档次 "],
  [/^pool /, "资金池 "],
];
/** Values other than a route's kind (kindIn names those). */
const VALUES_ZH: Record<string, string> = {
  required: "须满足", listed: "列明", yes: "是", "previous year (上一年度)": "上一年度",
};
/** A compared fact ("route standard: eligible subject 智能体") in the language. */
export function diffFactIn(lang: Lang, fact: string): string {
  if (lang === "en") return fact;
  let rest = fact, head = "";
  for (let changed = true; changed; ) {
    changed = false;
    for (const [re, zh] of PREFIXES_ZH) {
      const m = re.exec(rest);
      if (m) {
        head += m[0].replace(re, zh);
        rest = rest.slice(m[0].length);
        changed = true;
      }
    }
  }
  const tail = / #[0-9]+$/.exec(rest)?.[0] ?? "";
  const word = rest.slice(0, rest.length - tail.length);
  return head + (FACTS_ZH[word] ?? word) + tail;
}

/** A fact's value ("2000万元 per recipient", "required") in the language. */
export function diffValueIn(lang: Lang, value: string): string {
  if (lang === "en") return value;
  const per = / per ([a-z-]+)$/.exec(value);
  if (per) return `${value.slice(0, per.index)}（${scopeIn(lang, per[1])}）`;
  return VALUES_ZH[value] ?? kindIn(lang, value);
}
