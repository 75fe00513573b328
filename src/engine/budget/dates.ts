// Excel date serial numbers (the 1900 date system): 1 = 1900-01-01, 46023 = 2026-01-01.
import { invalidValue } from "../errors";
import { checkNumberText, labelText, type Label } from "../amount";
import { bi, tr, type Text } from "../text";
import { describeIn } from "../resolve";

const DAY = 86400000;
/** 1899-12-30: serial 0 for every date from 1900-03-01 on (Excel counts a 1900-02-29 that never was). */
const EPOCH = Date.UTC(1899, 11, 30);
export const MAX_SERIAL = 2958465; // 9999-12-31

export function serialFromUTC(ms: number): number {
  const serial = Math.floor((ms - EPOCH) / DAY);
  return serial < 61 ? serial - 1 + (serial <= 0 ? 1 : 0) : serial;
}

export function serialToISO(serial: number): string {
  const s = Math.floor(serial);
  const days = s < 61 ? s + 1 : s; // serials 1..59 are 1900-01-01..1900-02-28; 60 is Excel's 1900-02-29
  if (s === 60) return "1900-02-29";
  return new Date(EPOCH + days * DAY).toISOString().slice(0, 10);
}

export function serialYear(serial: number): number {
  const s = Math.floor(serial);
  // from 1900-03-01 on, a serial is a count of days from the epoch: its year without formatting the date
  return s < 61 ? Number(serialToISO(s).slice(0, 4)) : new Date(EPOCH + s * DAY).getUTCFullYear();
}

/** Dates read from text, remembered (a table repeats a few hundred dates over a million rows); cleared when full. */
const datesRead = new Map<string, number>();

/** A date, optionally followed by a time of day (as Excel and ISO write it): nothing else. */
const DATE_TEXT = /^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?(?:[ T]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:z|[+-]\d{2}:?\d{2})?)?$/i;

/**
 * Reads a date: an Excel serial number (what a cell holding a date gives), a JavaScript Date (what
 * a workbook reader gives), or text such as 2026-01-15, 2026/1/15, 2026年1月15日. Returns the
 * serial number of the day.
 */
const DATE_ACCEPTED = bi("an Excel date (a serial number such as 46023) or text such as 2026-01-15 or 2026年1月15日", "Excel 日期（序列号如 46023）或文本如 2026-01-15、2026年1月15日");

export function parseDate(input: unknown, label: Label = "date"): number {
  if (typeof input === "string") {
    const known = datesRead.get(input);
    if (known !== undefined) return known;
  }
  const what = labelText(label);
  if (input instanceof Date) {
    if (Number.isNaN(input.getTime())) throw notDate(what, bi("(an invalid Date)", "（无效日期）"));
    return serialFromUTC(input.getTime());
  }
  if (typeof input === "number") {
    if (!Number.isFinite(input) || input < 1 || Math.floor(input) > MAX_SERIAL) throw notDate(what, String(input));
    return Math.floor(input);
  }
  if (typeof input === "string") {
    const serial = parseDateText(input, what);
    if (datesRead.size >= 10000) datesRead.clear();
    datesRead.set(input, serial);
    return serial;
  }
  throw notDate(what, describeIn(input));
}

/** parseDate of a text (what parseDate then remembers). */
function parseDateText(input: string, what: Text): number {
  checkNumberText(input, what, DATE_ACCEPTED, false);
  const text = input.normalize("NFKC").trim();
  if (/^\d+(\.\d+)?$/.test(text)) return parseDate(Number(text), what);
  const m = DATE_TEXT.exec(text);
  if (m) {
    const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
    const ms = Date.UTC(y, mo - 1, d);
    const back = new Date(ms);
    if (back.getUTCFullYear() === y && back.getUTCMonth() === mo - 1 && back.getUTCDate() === d && y >= 1900) return serialFromUTC(ms);
  }
  throw notDate(what, describeIn(input));
}

const notDate = (what: Text, shown: Text | string) =>
  invalidValue(bi(`${what.en} ${tr(shown, "en")} is not a date: give ${DATE_ACCEPTED.en}.`, `${what.zh} ${tr(shown, "zh")} 不是日期：请填${DATE_ACCEPTED.zh}。`));
