// Options shared by the award-model commands.
import { MAX_YEAR, MIN_YEAR } from "../engine/resolve";

/** --year: a year from 1900 to 9999 (the range every AWARD function takes), or null where not given. */
export function parseYearOption(text: string | undefined, usageError: (message: string) => Error): number | null {
  if (text === undefined) return null;
  if (!/^\d{4}$/.test(text) || Number(text) < MIN_YEAR || Number(text) > MAX_YEAR) {
    throw usageError(`--year "${text}" is not a year from ${MIN_YEAR} to ${MAX_YEAR}, such as 2026`);
  }
  return Number(text);
}
