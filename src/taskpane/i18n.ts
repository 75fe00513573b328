// The pane's words in English and Chinese. The language follows Office's display language
// (Office.context.displayLanguage, e.g. "zh-CN") unless the user picks one in the pane.
import * as React from "react";
import type { Language } from "../workbook/state";
import { PANE, type PaneStrings } from "../engine/messages";

export type Strings = PaneStrings;

export const STRINGS: Record<Language, Strings> = PANE;

/** zh-CN, zh-TW, zh-HK … → zh; anything else → en. */
export function languageOf(displayLanguage: string | null | undefined): Language {
  return typeof displayLanguage === "string" && /^zh\b/i.test(displayLanguage) ? "zh" : "en";
}

export const StringsContext = React.createContext<Strings>(PANE.en);
export const useStrings = () => React.useContext(StringsContext);
