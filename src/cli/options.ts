// Options shared by the award-model commands.
import { MAX_YEAR, MIN_YEAR } from "../engine/resolve";
import { CLI } from "../engine/messages";
import { tr, type Lang } from "../engine/text";

/** --year: a year from 1900 to 9999 (the range every AWARD function takes), or null where not given. */
export function parseYearOption(text: string | undefined, usageError: (message: string) => Error, lang: Lang = "en"): number | null {
  if (text === undefined) return null;
  if (!/^\d{4}$/.test(text) || Number(text) < MIN_YEAR || Number(text) > MAX_YEAR) {
    throw usageError(tr(CLI.badYear(text, MIN_YEAR, MAX_YEAR), lang));
  }
  return Number(text);
}
