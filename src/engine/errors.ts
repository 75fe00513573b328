import { tr, type Lang, type Text } from "./text";

/** Excel error codes the engine can answer with. Only #VALUE! and #N/A show their message in Excel. */
export type ErrorCode = "#VALUE!" | "#N/A" | "#NUM!";

/**
 * A question with no answer: bad input (#VALUE!, #NUM!) or nothing the policy gives (#N/A).
 * `message` is English (for logs and older callers); `text` carries both languages: use `in(lang)`.
 */
export class AwardError extends Error {
  readonly code: ErrorCode;
  readonly text: Text;
  constructor(code: ErrorCode, text: Text) {
    super(text.en);
    this.name = "AwardError";
    this.code = code;
    this.text = text;
  }
  /** The message in the user's language. */
  in(lang: Lang): string {
    return tr(this.text, lang);
  }
}

export const invalidValue = (message: Text): AwardError => new AwardError("#VALUE!", message);
export const notAvailable = (message: Text): AwardError => new AwardError("#N/A", message);
export const invalidNumber = (message: Text): AwardError => new AwardError("#NUM!", message);

/** What went wrong, for the user: an AwardError's message in their language, else the error's own. */
export function messageIn(e: unknown, lang: Lang): string {
  return e instanceof AwardError ? e.in(lang) : e instanceof Error ? e.message : String(e);
}
