import { FUNCTION_TABLE } from "./function-table";
import { FormulaSyntaxError, parseFormula } from "./formula";
import { toExcelError } from "./excel-error";
import { displayLang } from "./language";
import { bi, tr } from "../engine/text";
import zh from "./i18n-zh.json";

/** The Chinese function names (补贴.券补贴金额 …) by which Chinese Excel shows the same functions. */
const ZH_IDS = new Map(Object.entries(zh.functions as Record<string, { name: string }>).map(([id, f]) => [f.name, id]));

export interface EvaluationError { code: string; message: string }
export interface Evaluation { value: unknown; error: EvaluationError | null }

/**
 * Evaluates one AWARD formula with literal arguments by calling the very function Excel calls.
 * Never throws: a bad formula or a failing function gives an error code and message.
 */
export function evaluateFormula(formula: string): Evaluation {
  let parsed;
  try {
    parsed = parseFormula(formula);
  } catch (e) {
    if (e instanceof FormulaSyntaxError) {
      return { value: null, error: { code: "#NAME?", message: tr(bi(`not a formula: ${e.text.en}`, `不是公式：${e.text.zh}`), displayLang()) } };
    }
    throw e;
  }
  const entry = FUNCTION_TABLE[parsed.name] ?? FUNCTION_TABLE[ZH_IDS.get(parsed.name) ?? ""];
  if (!entry) {
    const ids = Object.keys(FUNCTION_TABLE);
    const names = ids.map((id) => (zh.functions as Record<string, { name: string }>)[id]?.name ?? id);
    const message = bi(`unknown function ${parsed.name}: the AWARD functions are ${ids.join(", ")}`, `未知函数 ${parsed.name}：补贴函数有 ${names.join("、")}`);
    return { value: null, error: { code: "#NAME?", message: tr(message, displayLang()) } };
  }
  if (parsed.args.length < entry.minArgs || parsed.args.length > entry.maxArgs) {
    const range = entry.minArgs === entry.maxArgs ? `${entry.minArgs}` : `${entry.minArgs} to ${entry.maxArgs}`;
    const message = bi(`${parsed.name} takes ${range} arguments, not ${parsed.args.length}`, `${parsed.name} 需要 ${range.replace(" to ", " 至 ")} 个参数，而非 ${parsed.args.length} 个`);
    return { value: null, error: { code: "#VALUE!", message: tr(message, displayLang()) } };
  }
  try {
    return { value: entry.fn(...parsed.args), error: null };
  } catch (e) {
    const err = e !== null && typeof e === "object" && "code" in e && "message" in e ? (e as { code: unknown; message: unknown }) : toExcelError(e);
    return { value: null, error: { code: String(err.code), message: String(err.message) } };
  }
}
