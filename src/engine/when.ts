// The `year` argument of every function: a year (2026), or a date — an Excel date serial (46183) or
// text such as "2025-06-10" — meaning the version in force on that day, and that day's year.
import { parseDate, serialToISO } from "./budget/dates";
import { MAX_YEAR, parseYear } from "./resolve";

export interface When {
  year: number;
  /** ISO date where a day was given. */
  date?: string;
}

const YEAR_TEXT = /^\s*\d{4}\s*(年|年度)?\s*$/;

export function parseWhen(input: unknown, defaultYear: number): When {
  const isSerial = typeof input === "number" && Number.isFinite(input) && input > MAX_YEAR;
  const isDateText = typeof input === "string" && input.trim() !== "" && !YEAR_TEXT.test(input.normalize("NFKC"));
  if (isSerial || isDateText || input instanceof Date) {
    let serial: number;
    try {
      serial = parseDate(input, "year");
    } catch {
      return { year: parseYear(input, defaultYear) }; // throws the year's message, naming both forms
    }
    const date = serialToISO(serial);
    return { year: Number(date.slice(0, 4)), date };
  }
  return { year: parseYear(input, defaultYear) };
}
