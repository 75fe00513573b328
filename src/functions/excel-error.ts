import { AwardError } from "../engine";
import { bi, tr } from "../engine/text";
import { displayLang } from "./language";

/** The error a function throws outside Excel (the CLI, the preview pane, tests): same code and message. */
export class ExcelError extends Error {
  constructor(readonly code: string, message: string) {
    super(message);
    this.name = "ExcelError";
  }
}

const EXCEL_CODES: Record<string, string> = {
  "#VALUE!": "InvalidValue",
  "#N/A": "NotAvailable",
  "#NUM!": "InvalidNumber",
};

/**
 * Turns whatever a computation threw into the error Excel shows in the cell: CustomFunctions.Error
 * inside Excel, ExcelError elsewhere. Never lets an unexpected exception escape as a crash.
 */
export function toExcelError(e: unknown): ExcelError | CustomFunctions.Error {
  const code = e instanceof AwardError ? e.code : "#VALUE!";
  const lang = displayLang();
  const detail = e instanceof Error ? e.message : String(e);
  const message = e instanceof AwardError ? e.in(lang) : tr(bi(`internal error: ${detail}`, `内部错误：${detail}`), lang);
  if (typeof CustomFunctions !== "undefined" && typeof CustomFunctions.Error === "function") {
    const errorCode = (CustomFunctions.ErrorCode as unknown as Record<string, string>)[EXCEL_CODES[code].replace(/^./, (c) => c.toLowerCase())];
    return new CustomFunctions.Error(errorCode as CustomFunctions.ErrorCode, message);
  }
  return new ExcelError(code, message);
}

/**
 * Runs a computation, turning any failure into an Excel error. A computation that returns a promise
 * gets a promise that settles when it does and rejects with the Excel error when it fails.
 */
export function excel<T>(compute: () => T): T {
  let result: T;
  try {
    result = compute();
  } catch (e) {
    throw toExcelError(e);
  }
  if (result !== null && typeof result === "object" && typeof (result as { then?: unknown }).then === "function") {
    return Promise.resolve(result).catch((e: unknown) => {
      throw toExcelError(e);
    }) as T;
  }
  return result;
}
