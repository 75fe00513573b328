// The language of the functions' messages: Office's display language (Office.context.displayLanguage,
// e.g. "zh-CN") inside Office, English where there is none; the command line sets its own (LANG,
// --lang) with setLanguageSource.
import { langOf, type Lang } from "../engine/text";

let source: () => Lang | null = () => null;

export function setLanguageSource(read: () => Lang | null): void {
  source = read;
}

export function displayLang(): Lang {
  const set = source();
  if (set) return set;
  const office = (globalThis as { Office?: { context?: { displayLanguage?: string } } }).Office;
  try {
    return langOf(office?.context?.displayLanguage);
  } catch {
    return "en";
  }
}
