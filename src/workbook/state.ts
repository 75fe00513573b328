// What the task pane keeps in the workbook: the policy year, pinned versions, what-if variants,
// scenarios and the budget view's inputs. Pure data (JSON), read back defensively: a workbook
// saved by another version of the add-in, or edited by hand, never breaks the pane.
import type { VariantSpec } from "../engine";
import { bi, type Text } from "../engine/text";

/**
 * A saved variant or pin that the add-in could not apply (an unknown programme, a duplicate name,
 * a version since removed): kept exactly as it was saved, with the reason, and written back on
 * every save, until the user removes it.
 */
export interface KeptItem {
  list: "variants" | "pins";
  /** the pin's jurisdiction id (pins only) */
  key?: string;
  /** the value exactly as saved */
  value: unknown;
  reason: Text;
}

/** A settings value that could not be read at all (not JSON, too large): kept aside, untouched. */
export interface Unreadable {
  raw: string;
  reason: Text;
}

/** The most characters the pane's settings may take (Office keeps all of a document's settings in a few MB). */
export const SETTINGS_MAX_CHARS = 1_000_000;

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
  /** saved variants and pins not applied, with why (absent when there are none) */
  kept?: KeptItem[];
}

export const EMPTY_STATE: WorkbookState = {
  schema: 1, year: null, pins: {}, variants: [], scenarios: [], baseline: null, budget: null, language: null,
};

const isObj = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);
const str = (v: unknown, d = ""): string => (typeof v === "string" ? v : typeof v === "number" ? String(v) : d);

/** Reads saved state; anything unreadable falls back to the empty state, field by field. */
export function readState(raw: unknown): WorkbookState {
  return readSettings(raw).state;
}

/**
 * Reads saved settings. A value that is not JSON (or too large) gives the empty state and an
 * Unreadable to keep aside; a variant or pin entry that is not one is kept (KeptItem), not dropped.
 */
export function readSettings(raw: unknown): { state: WorkbookState; unreadable: Unreadable | null } {
  let v: unknown = raw;
  if (typeof raw === "string") {
    if (raw.length > SETTINGS_MAX_CHARS) {
      return { state: { ...EMPTY_STATE }, unreadable: { raw, reason: tooLarge(raw.length) } };
    }
    try {
      v = JSON.parse(raw);
    } catch (e) {
      const why = clip((e as Error).message);
      return { state: { ...EMPTY_STATE }, unreadable: { raw, reason: bi(`the add-in's saved settings are not valid JSON (${why})`, `加载项保存的设置不是有效的 JSON（${why}）`) } };
    }
  }
  if (v === null || v === undefined) return { state: { ...EMPTY_STATE }, unreadable: null };
  if (!isObj(v)) {
    const text = typeof raw === "string" ? raw : JSON.stringify(raw);
    return { state: { ...EMPTY_STATE }, unreadable: { raw: text, reason: bi("the add-in's saved settings are not an object", "加载项保存的设置不是一个对象") } };
  }
  return { state: fields(v), unreadable: null };
}

const clip = (t: string) => (t.length > 80 ? `${t.slice(0, 79)}…` : t);

function tooLarge(chars: number): Text {
  const n = chars.toLocaleString("en-US");
  const max = SETTINGS_MAX_CHARS.toLocaleString("en-US");
  return bi(
    `the add-in's settings take ${n} characters, more than the ${max} a workbook keeps: remove scenarios, budget entries or variants`,
    `加载项设置有 ${n} 个字符，超过工作簿可保存的 ${max} 个：请删除一些情景、预算条目或变体`,
  );
}

/** The object each variant was read from, exactly as saved (kept back if it does not apply). */
const savedVariants = new WeakMap<VariantSpec, Record<string, unknown>>();
export const savedFormOf = (v: VariantSpec): unknown => savedVariants.get(v) ?? v;

function readVariant(x: Record<string, unknown>): VariantSpec {
  const v = {
    base: str(x.base),
    name: str(x.name),
    edits: Array.isArray(x.edits) ? x.edits.filter(isObj).map((e) => ({ field: str(e.field), value: str(e.value) })) : [],
  };
  savedVariants.set(v, x);
  return v;
}

function fields(v: Record<string, unknown>): WorkbookState {
  const kept: KeptItem[] = [];
  const year = typeof v.year === "number" && Number.isInteger(v.year) && v.year >= 1900 && v.year <= 9999 ? v.year : null;
  const pins: Record<string, string> = {};
  if (isObj(v.pins)) {
    for (const [k, p] of Object.entries(v.pins)) {
      if (typeof p === "string" && p) pins[k] = p;
      else kept.push({ list: "pins", key: k, value: p, reason: bi(`pin ${k}: ${JSON.stringify(p)} is not a version name`, `固定 ${k}：${JSON.stringify(p)} 不是版本名称`) });
    }
  }
  const variants: VariantSpec[] = [];
  if (Array.isArray(v.variants)) {
    for (const x of v.variants) {
      if (isObj(x)) variants.push(readVariant(x));
      else kept.push({ list: "variants", value: x, reason: bi(`a saved variant is not one: ${clip(JSON.stringify(x) ?? "")}`, `保存的变体无法识别：${clip(JSON.stringify(x) ?? "")}`) });
    }
  }
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
  return { schema: 1, year, pins, variants, scenarios, baseline, budget, language, ...(kept.length ? { kept } : {}) };
}

/**
 * The settings text to save: the state with every kept item written back where it was (variants
 * at the end of the list, pins under their key). Throws past the size limit, saying so.
 */
export function writeState(state: WorkbookState): string {
  const { kept = [], ...rest } = state;
  const pins: Record<string, unknown> = {};
  for (const k of kept) if (k.list === "pins" && k.key !== undefined) pins[k.key] = k.value;
  const out = {
    ...rest,
    pins: { ...pins, ...rest.pins },
    variants: [...rest.variants, ...kept.filter((k) => k.list === "variants").map((k) => k.value)],
  };
  const text = JSON.stringify(out);
  if (text.length > SETTINGS_MAX_CHARS) throw new SettingsError(tooLarge(text.length));
  return text;
}

/** A save refused (too large, or settings kept aside until the user chooses): `text` in both languages. */
export class SettingsError extends Error {
  constructor(readonly text: Text) {
    super(text.en);
    this.name = "SettingsError";
  }
}
