// Names of jurisdictions, programmes and routes in the user's language: the policy files give each a
// Chinese name (name) and an English one (nameEn).
import type { Lang } from "../text";

export function nameIn(lang: Lang, named: { name: string; nameEn?: string }): string {
  return lang === "zh" ? named.name : named.nameEn || named.name;
}
