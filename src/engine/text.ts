// Words a user reads, in both languages. Every message the engine gives is one of these, so the
// functions (Office's display language) and the command line (LANG, --lang) can answer in either.
// Keep the catalogue of shared words in src/engine/messages/ (see README, "Languages").

export type Lang = "en" | "zh";

/** A sentence in both languages. */
export interface Text { en: string; zh: string }

export const bi = (en: string, zh: string): Text => ({ en, zh });

/**
 * A policy file's note (an assumption) in both languages: its English and the sibling field in
 * Chinese (assumptionZh, textZh); a file that gives only the English shows it in both.
 */
export function noteOf(en: string | undefined, zh: string | undefined): Text | undefined {
  return en === undefined ? undefined : { en, zh: zh ?? en };
}

/** The sentence in one language. A plain string (a quote of a text, an id, a code) is the same in both. */
export function tr(text: Text | string, lang: Lang): string {
  return typeof text === "string" ? text : text[lang];
}

/** zh* → Chinese; anything else → English. */
export function langOf(locale: string | undefined | null): Lang {
  return locale && /^zh/i.test(locale.trim()) ? "zh" : "en";
}
