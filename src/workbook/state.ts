// What the task pane keeps in the workbook: the policy year, pinned versions, what-if variants,
// scenarios and the budget view's inputs. Pure data (JSON), read back defensively: a workbook
// saved by another version of the add-in, or edited by hand, never breaks the pane.
import type { VariantSpec } from "../engine";

export interface Scenario {
  id: string;
  label: string;
  /** jurisdiction[@version[~variant]], e.g. 滨江, hangzhou-binjiang@2023, hangzhou-binjiang@2025~draft-40pct */
  jurisdiction: string;
  /** programme[:route], e.g. compute, 算力券, compute:large-model */
  programme: string;
  /** spend, as typed: 50000000, "5000万" */
  amount: string;
  domestic: boolean;
}

/** A dated commitment; `pool` names a programme or "total" (empty: the pool chosen in the pane). */
export interface BudgetEntry { date: string; amount: string; label?: string; pool?: string }

export interface BudgetInput {
  /** the pool: FUND_LIMIT(jurisdiction, programme), unless an amount is typed in `pool` */
  jurisdiction: string;
  programme: string;
  pool: string;
  entries: BudgetEntry[];
}

export type Language = "en" | "zh";

export interface WorkbookState {
  schema: 1;
  /** the policy year of formulas that give none; null: the current year */
  year: number | null;
  /** jurisdiction id → version (or variant) that a bare name resolves to */
  pins: Record<string, string>;
  variants: VariantSpec[];
  scenarios: Scenario[];
  baseline: string | null;
  budget: BudgetInput | null;
  /** chosen in the pane; null follows Office's display language */
  language: Language | null;
}

export const EMPTY_STATE: WorkbookState = {
  schema: 1, year: null, pins: {}, variants: [], scenarios: [], baseline: null, budget: null, language: null,
};

const isObj = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);
const str = (v: unknown, d = ""): string => (typeof v === "string" ? v : typeof v === "number" ? String(v) : d);

/** Reads saved state; anything unreadable falls back to the empty state, field by field. */
export function readState(raw: unknown): WorkbookState {
  let v: unknown = raw;
  if (typeof raw === "string") {
    try {
      v = JSON.parse(raw);
    } catch {
      return { ...EMPTY_STATE };
    }
  }
  if (!isObj(v)) return { ...EMPTY_STATE };
  const year = typeof v.year === "number" && Number.isInteger(v.year) && v.year >= 1900 && v.year <= 9999 ? v.year : null;
  const pins: Record<string, string> = {};
  if (isObj(v.pins)) for (const [k, p] of Object.entries(v.pins)) if (typeof p === "string" && p) pins[k] = p;
  const variants: VariantSpec[] = Array.isArray(v.variants)
    ? v.variants.filter(isObj).map((x) => ({
        base: str(x.base),
        name: str(x.name),
        edits: Array.isArray(x.edits) ? x.edits.filter(isObj).map((e) => ({ field: str(e.field), value: str(e.value) })) : [],
      }))
    : [];
  const scenarios: Scenario[] = Array.isArray(v.scenarios)
    ? v.scenarios.filter(isObj).map((s, i) => ({
        id: str(s.id, `s${i + 1}`),
        label: str(s.label),
        jurisdiction: str(s.jurisdiction),
        programme: str(s.programme, "compute"),
        amount: str(s.amount),
        domestic: s.domestic === true,
      }))
    : [];
  const b = isObj(v.budget) ? v.budget : null;
  const budget: BudgetInput | null = b
    ? {
        jurisdiction: str(b.jurisdiction),
        programme: str(b.programme),
        pool: str(b.pool),
        entries: Array.isArray(b.entries)
          ? b.entries.filter(isObj).map((e) => ({
              date: str(e.date), amount: str(e.amount), ...(e.label ? { label: str(e.label) } : {}), ...(e.pool ? { pool: str(e.pool) } : {}),
            }))
          : [],
      }
    : null;
  const baseline = typeof v.baseline === "string" && scenarios.some((s) => s.id === v.baseline) ? v.baseline : null;
  const language = v.language === "en" || v.language === "zh" ? v.language : null;
  return { schema: 1, year, pins, variants, scenarios, baseline, budget, language };
}
