// Clauses and titles as the user reads them: a clause labelled as its text numbers it (（六） in
// 滨江 2025, 第八条 in 广州, "9." in 滨江 2023 and 廊坊; "(6)", "Article 8", "item 9" in English), from
// the version's clauseLabel pattern (or a clause's own label) in the policy files; titles in English
// from titleEn.
import type { Lang } from "../text";
import type { ClauseLabel } from "../types";

const DIGITS = "零一二三四五六七八九";

/** 1–999 in Chinese numerals as texts number clauses: 六, 十, 十一, 二十一, 一百零五. */
export function chineseNumeral(n: number): string {
  if (!Number.isInteger(n) || n < 1 || n > 999) return String(n);
  const h = Math.floor(n / 100), t = Math.floor((n % 100) / 10), u = n % 10;
  let s = h ? `${DIGITS[h]}百` : "";
  if (t) s += `${t === 1 && !h ? "" : DIGITS[t]}十`;
  else if (h && u) s += "零";
  if (u) s += DIGITS[u];
  return s;
}

interface Labelled { clauseLabel?: ClauseLabel; clauses?: { id: string; label?: ClauseLabel }[] }

/** A clause id ("6") as the text labels it, in the language: （六）, 第八条, 9.; (6), Article 8, item 9. */
export function clauseLabel(version: Labelled, id: string, lang: Lang): string {
  const own = version.clauses?.find((c) => c.id === id)?.label;
  const pattern = own ?? version.clauseLabel;
  if (!pattern || !/^[0-9]+$/.test(id)) return id;
  return pattern[lang].replace(/\{n\}/g, id).replace(/\{zh\}/g, chineseNumeral(Number(id)));
}

/** A version's title in the language: the English title (titleEn) in English mode where the file gives one. */
export function titleIn(lang: Lang, v: { title: string; titleEn?: string }): string {
  return lang === "zh" ? v.title : v.titleEn || v.title;
}
