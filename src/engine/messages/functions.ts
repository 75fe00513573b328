// How a message names one of the add-in's functions, in each language: AWARD.ROUTES in English,
// 补贴.补贴路径 in a Chinese Excel (the namespace and names of src/functions/i18n-zh.json, which
// test/messages.test.ts holds these to).
import { bi, type Text } from "../text";

const fn = (en: string, zh: string): Text => bi(`AWARD.${en}`, `补贴.${zh}`);

export const FUNCTION_NAMES = {
  ROUTES: fn("ROUTES", "补贴路径"),
  CLAUSES: fn("CLAUSES", "条款列表"),
  FUND_LIMIT: fn("FUND_LIMIT", "资金上限"),
} as const;
