/** Excel error codes the engine can answer with. Only #VALUE! and #N/A show their message in Excel. */
export type ErrorCode = "#VALUE!" | "#N/A" | "#NUM!";

/** A question with no answer: bad input (#VALUE!, #NUM!) or nothing the policy gives (#N/A). */
export class AwardError extends Error {
  readonly code: ErrorCode;
  constructor(code: ErrorCode, message: string) {
    super(message);
    this.name = "AwardError";
    this.code = code;
  }
}

export const invalidValue = (message: string): AwardError => new AwardError("#VALUE!", message);
export const notAvailable = (message: string): AwardError => new AwardError("#N/A", message);
export const invalidNumber = (message: string): AwardError => new AwardError("#NUM!", message);
