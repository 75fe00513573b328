import { ExcelError } from "../../src/functions/excel-error";

/** Calls an AWARD function and returns its value, or the Excel error it throws as {code, message}. */
export function call(fn: () => unknown): unknown {
  try {
    return fn();
  } catch (e) {
    if (e instanceof ExcelError) return { code: e.code, message: e.message };
    throw e;
  }
}

/** Asserts fn throws the Excel error code, with a message matching pattern; returns the message. */
export function expectError(fn: () => unknown, code: string, pattern?: RegExp): string {
  const r = call(fn) as { code?: string; message?: string };
  expect(r).toEqual(expect.objectContaining({ code }));
  if (pattern) expect(r.message).toMatch(pattern);
  return r.message ?? "";
}
