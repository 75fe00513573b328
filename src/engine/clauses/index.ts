// The clause catalogue: CLAUSE, CLAUSES and EXPLAIN answers, over the clause model of each version.
import type Decimal from "decimal.js";
import { formatRate, formatYuan, toFen } from "../amount";
import { biStep, type Step } from "../voucher";
import { kindIn } from "../messages/tables";
import { bi, tr, type Lang, type Text } from "../text";
import type { PolicyVersion } from "../types";
import type { Clause, Route } from "./types";

export { computeClause, requireClauseArgument, parseClauseInputs, clauseIdOf, findClause, describeInputs, type ClauseResult, type ClauseInputs } from "./compute";
export { diffVersions, diffIn, clauseFacts, type VersionDiff, type ClauseChange } from "./diff";
export type * from "./types";

export type Cell = string | number | boolean;

export const CLAUSE_COLUMNS = [
  "clause", "route", "title", "route name", "kind", "rate", "amount", "cap", "cap per", "threshold", "pool",
  "quota per year", "years", "inputs", "unit", "department", "assumption", "version",
] as const;

export const EXPLAIN_COLUMNS = ["step", "value", "quote", "source"] as const;

/** The award rounded as the functions return it: 元 to the fen, half up; other units as they are. */
export function roundAward(award: Decimal, unit: string): number {
  return unit === "元" ? toFen(award) : award.toNumber();
}

export function roundingStep(award: Decimal, unit: string): Step {
  return unit === "元"
    ? biStep("rounding", bi(`${award.toString()} 元 rounded half up to the fen: ${toFen(award)}`, `${award.toString()} 元四舍五入到分：${toFen(award)}`))
    : biStep("unit", bi(`${award.toString()} ${unit} (not 元: not rounded, never added to cash)`, `${award.toString()} ${unit}（非现金：不取整，不计入元）`));
}

function testText(r: Route): string {
  const parts = r.tests.map((t) => `${t.input} ${t.op === ">=" ? "≥" : ">"} ${t.type === "rate" ? formatRate(t.value) : t.type === "count" ? t.value.toString() : formatYuan(t.value)}`);
  const th = r.threshold;
  if (th) parts.unshift(`${r.base?.input ?? "spend"} ${th.inclusive ? "≥" : ">"} ${formatYuan(th.value)}`);
  return parts.join("; ");
}

function amountCell(r: Route): Cell {
  if (r.tiers) return r.tiers.steps.map((s) => `${r.tiers!.input} ≥ ${formatYuan(s.threshold.value)}: ${formatYuan(s.amount.value)}`).join("; ");
  if (r.kind === "range") return `${r.minimum!.value.toNumber()}–${r.amount!.value.toNumber()}`;
  if (r.quantity) return r.quantity.value.toNumber();
  return r.amount ? r.amount.value.toNumber() : "";
}

const MAXIMUM_ONLY = bi("The text gives a maximum and no rate: the model gives the maximum unless an amount awarded is given.", "原文只给最高额、未给比例：除非给出获批金额，按最高额计算。");
const NO_AMOUNT = bi("The text gives no amount: the award is the input amount.", "原文未给金额：补贴额即输入的金额。");

/** The readings a route rests on where the text leaves room: the policy file's notes, then the model's own. */
function assumptionsOf(c: Clause, r: Route, lang: Lang): string {
  const list = [c.assumption, r.programme ? c.programme?.assumption : undefined, r.assumption, r.rate?.assumption, r.amount?.assumption, r.cap?.assumption, r.decreasing?.assumption, r.domesticRate?.assumption, ...r.tests.map((t) => t.assumption)]
    .filter((x): x is Text => x !== undefined && x.en.trim() !== "");
  if (r.kind === "maximum" && !r.amount?.assumption) list.push(MAXIMUM_ONLY);
  if (r.kind === "unquantified") list.push(NO_AMOUNT);
  return [...new Set(list.map((t) => tr(t, lang)))].join(lang === "zh" ? "" : " ");
}

function inputsCell(r: Route): string {
  return r.inputs
    .filter((s) => s.role !== "unused")
    .map((s) => `${s.name}${s.required ? "" : "?"}${s.name === "domestic" && r.domesticRate ? ` (TRUE: ${formatRate(r.domesticRate.value)})` : ""}`)
    .join(", ");
}

/** One row per clause and route, with a header row: what CLAUSES spills (its assumptions in the language). */
export function clauseTable(version: PolicyVersion, lang: Lang = "en"): Cell[][] {
  const rows: Cell[][] = [[...CLAUSE_COLUMNS]];
  for (const c of version.clauses) {
    for (const r of c.routes) {
      // a programme route without a cap of its own is held by the programme's cap shared by its routes
      const cap = r.cap ?? (r.programme ? c.programme?.recipientCap : undefined);
      rows.push([
        c.id, r.id, c.title, r.name, kindIn(lang, r.kind, r.programme),
        r.rate ? r.rate.value.toNumber() : "", amountCell(r), cap ? cap.value.toNumber() : "", cap?.per ?? "",
        testText(r), c.programme?.pool ? c.programme.pool.value.toNumber() : "", r.quota?.value ?? "", r.years?.value ?? "",
        inputsCell(r), r.unit, c.department ?? "", assumptionsOf(c, r, lang), version.key,
      ]);
    }
  }
  return rows;
}

/** A trace as a table with a header row: what EXPLAIN spills. */
export function stepTable(steps: Step[], result: { award: Decimal; unit: string }): Cell[][] {
  return [
    [...EXPLAIN_COLUMNS],
    ...steps.map((s) => [s.step, s.value, s.quote ?? "", s.source ?? ""]),
    ["award", roundAward(result.award, result.unit), "", result.unit],
  ];
}
