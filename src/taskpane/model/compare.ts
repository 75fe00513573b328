// Scenarios side by side: each scenario computed by the engine the AWARD functions use (exact
// decimals), with rate, cap, binding limit and difference from the baseline; and the same
// comparison as a table of live AWARD formulas for "Insert into sheet".
import Decimal from "decimal.js";
import { clauseIdOf, type Binding, type Engine, type PolicyVersion } from "../../engine";
import { bi, type Lang, type Text } from "../../engine/text";
import { clauseLabel, titleIn } from "../../engine/messages";
import type { CellValue, SheetTable } from "../../workbook/host";
import type { Scenario } from "../../workbook/state";

export interface ScenarioResult {
  scenario: Scenario;
  ok: boolean;
  /** the award, exact, rounded to the fen */
  award: Decimal | null;
  rate: Decimal | null;
  cap: Decimal | null;
  /** which rule set the award: a voucher's Binding, or a clause's (fixed, maximum, condition, …) */
  binding: Binding | string | null;
  version: string | null;
  programme: string | null;
  /** award − baseline award, when both computed */
  diff: Decimal | null;
  error: { code: string; message: string; text?: Text } | null;
  /** where the award comes from: clause, document, the sentence of the rule that bound */
  source: ScenarioSource | null;
}

export interface ScenarioSource {
  /** the clause as the text numbers it, e.g. "6" (（六）), "8" (第八条) */
  clause: string;
  /** the clause labelled as the text numbers it, in each language: （六） / (6), 第八条 / Article 8 */
  label: Text;
  documentNumber: string | null;
  title: string;
  /** the version's title in English, where the policy file gives it */
  titleEn?: string;
  /** the sentence of the rule that set the award (the binding limit), and its file */
  quote: string | null;
  /** a draft for comment, not a text in force */
  draft: boolean;
  /** the in-force window is the model's assumption, not the text's */
  windowAssumed: boolean;
}

interface TraceStep { step: string; quote?: string }

/** The step of the rule that bound: "cap …" for a cap, "rate" for a rate …; else the first quoted rule. */
function bindingQuote(steps: readonly TraceStep[], binding: string): string | null {
  const word = ({ "recipient-cap": "cap", "lump-sum": "lump", pool: "pool" } as Record<string, string>)[binding] ?? binding;
  const quoted = steps.filter((st) => st.quote && st.step !== "version");
  return (quoted.find((st) => st.step.includes(word)) ?? quoted[0])?.quote ?? null;
}

function sourceOf(version: PolicyVersion, clause: string, steps: readonly TraceStep[], binding: string): ScenarioSource {
  return {
    clause,
    label: bi(clauseLabel(version, clause, "en"), clauseLabel(version, clause, "zh")),
    documentNumber: version.documentNumber ?? null,
    title: version.title,
    titleEn: version.titleEn,
    quote: bindingQuote(steps, binding),
    draft: version.status === "draft",
    windowAssumed: Boolean(version.inForce?.assumption),
  };
}

/**
 * A scenario names a programme ("compute", "算力券:large-model") or a clause ("7", "第七条",
 * "12:national"): clause ids are numbers as the text numbers them, so the two never collide.
 */
export function scenarioClause(programme: string): { clause: string; route: string | null } | null {
  const t = programme.normalize("NFKC");
  const colon = t.indexOf(":");
  const head = colon >= 0 ? t.slice(0, colon) : t;
  const clause = clauseIdOf(head);
  return clause === null ? null : { clause, route: colon >= 0 ? t.slice(colon + 1).trim() || null : null };
}

export function compareScenarios(engine: Engine, scenarios: readonly Scenario[], year: number, baselineId: string | null): ScenarioResult[] {
  const results: ScenarioResult[] = scenarios.map((scenario) => {
    try {
      const asClause = scenarioClause(scenario.programme);
      if (asClause) {
        const c = engine.clauseAward(scenario.jurisdiction, asClause.clause, scenario.amount.trim() === "" ? null : scenario.amount, asClause.route, null, year);
        if (c.unit !== "元") {
          const text = bi(`clause ${c.clause.id} pays ${c.unit} (in kind), not 元: it cannot be compared in 元.`, `${clauseLabel(c.version, c.clause.id, "zh")}以 ${c.unit}（实物）支付，而非元：无法按元比较。`);
          throw Object.assign(new Error(text.en), { code: "#N/A", text });
        }
        return {
          scenario, ok: true, award: c.award.toDecimalPlaces(2, Decimal.ROUND_HALF_UP), rate: c.route.rate?.value ?? null, cap: c.route.cap?.value ?? null,
          binding: c.binding, version: c.version.key, programme: `clause ${c.clause.id}:${c.route.id}`, diff: null, error: null,
          source: sourceOf(c.version, c.clause.id, c.steps, c.binding),
        };
      }
      const r = engine.voucher(scenario.jurisdiction, scenario.programme, scenario.amount, scenario.domestic, null, year);
      return {
        scenario, ok: true, award: r.award.toDecimalPlaces(2, Decimal.ROUND_HALF_UP), rate: r.rate, cap: r.cap, binding: r.binding,
        version: r.version.key, programme: `${r.programme.id}:${r.route.id}`, diff: null, error: null,
        source: sourceOf(r.version, r.programme.clause, r.steps, r.binding),
      };
    } catch (e) {
      const err = e as { code?: string; message?: string; text?: Text };
      return {
        scenario, ok: false, award: null, rate: null, cap: null, binding: null, version: null, programme: null, diff: null,
        error: { code: err.code ?? "#VALUE!", message: err.message ?? String(e), text: err.text }, source: null,
      };
    }
  });
  const base = results.find((r) => r.scenario.id === baselineId) ?? null;
  if (base?.award) for (const r of results) if (r.award) r.diff = r.award.minus(base.award);
  return results;
}

const q = (s: string) => `"${s.replace(/"/g, '""')}"`;

/** An amount as a formula argument: a plain number stays a number, "5000万" stays text. */
function amountArg(amount: string): string {
  const t = amount.trim();
  return /^\d+(\.\d+)?$/.test(t) ? t : q(t);
}

/** CLAUSE's formula for a clause scenario (it takes no domestic flag), or null for a programme. */
function clauseFormula(s: Scenario, jurisdiction: string, amount: string): string | null {
  const c = scenarioClause(s.programme);
  return c ? `=AWARD.CLAUSE(${jurisdiction},${q(c.clause)},${amount}${c.route ? `,${q(c.route)}` : ""})` : null;
}

/** The AWARD formula of a scenario (no year: it follows the workbook's policy year). */
export function scenarioFormula(s: Scenario): string {
  const c = clauseFormula(s, q(s.jurisdiction), amountArg(s.amount));
  if (c) return c;
  return `=AWARD.COMPUTE_VOUCHER(${q(s.jurisdiction)},${q(s.programme)},${amountArg(s.amount)},${s.domestic ? "TRUE" : "FALSE"})`;
}

/**
 * The comparison as a sheet table: inputs as values, award and version as live AWARD formulas,
 * difference from the baseline as a formula over the award column.
 */
export function comparisonTable(
  scenarios: readonly Scenario[],
  baselineId: string | null,
  labels: { sheet: string; title: string; header: string[]; draft?: string; windowAssumed?: string; lang?: Lang },
  /** the scenarios computed: their clause, document number and binding sentence become three more columns */
  results?: readonly ScenarioResult[],
): SheetTable {
  // columns: A label, B jurisdiction, C programme, D spend, E domestic, F award, G version, H diff
  const first = 4; // data starts on row 4 (title row 1, header row 3)
  const baseIndex = scenarios.findIndex((s) => s.id === baselineId);
  const rows: CellValue[][] = scenarios.map((s, i) => {
    const row = first + i;
    const spend = amountArg(s.amount);
    return [
      s.label || `#${i + 1}`,
      s.jurisdiction,
      s.programme,
      /^\d+(\.\d+)?$/.test(spend) ? Number(spend) : s.amount,
      s.domestic,
      clauseFormula(s, `B${row}`, `D${row}`) ?? `=AWARD.COMPUTE_VOUCHER(B${row},C${row},D${row},E${row})`,
      `=AWARD.VERSION(B${row})`,
      baseIndex >= 0 ? `=F${row}-F$${first + baseIndex}` : "",
      ...(results ? sourceCells(results[i]?.source ?? null, labels) : []),
    ];
  });
  const formats = ["", "", "", "#,##0", "", "#,##0.00", "", "+#,##0.00;-#,##0.00;0", ...(results ? ["@", "@", "@"] : [])];
  return { sheet: labels.sheet, title: labels.title, header: labels.header, rows, formulaColumns: [5, 6, 7], formats };
}

/** Clause, document number (with 征求意见稿/assumed-window marks) and the binding sentence, as cells. */
function sourceCells(src: ScenarioSource | null, labels: { draft?: string; windowAssumed?: string; lang?: Lang }): CellValue[] {
  if (!src) return ["", "", ""];
  const lang = labels.lang ?? "en";
  const marks = [src.draft ? labels.draft ?? "draft" : "", src.windowAssumed ? labels.windowAssumed ?? "window assumed" : ""].filter(Boolean);
  return [lang === "zh" ? src.label.zh : src.clause, [src.documentNumber ?? titleIn(lang, src), ...marks].join(" · "), src.quote ?? ""];
}
