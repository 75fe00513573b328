// The clause catalogue: every quantified clause of a version, as written in the files and as modelled.
import type Decimal from "decimal.js";
import type { AmountDoc, CapDoc, CapScope, Cited, CountDoc, Instalments, InstalmentsDoc, OneTimeDoc, Programme, QuotedDoc, RateDoc, Route, ThresholdDoc } from "../types";
import type { Limit, LimitDoc, LimitShare } from "../limits/types";
import type { Bands, RateBy, Schedule } from "./formulas";

// ---- As written (YAML) ----

export type ClauseKind = "rate" | "fixed" | "maximum" | "range" | "tiers" | "bands" | "in-kind" | "unquantified";
export type InputType = "amount" | "rate" | "count";

export interface InputTestDoc {
  input: string;
  label?: string;
  type: InputType;
  op: ">=" | ">";
  value: string | number;
  written?: string;
  /** The unit a count is in (户, 个, 参数): shown with it, never as 元. */
  unit?: string;
  quote: string;
  assumption?: string;
}

export interface ClauseRouteDoc {
  id: string;
  name: string;
  nameEn?: string;
  aliases?: string[];
  default?: boolean;
  kind: ClauseKind;
  eligible?: { subjects: string[]; quote: string };
  base?: { input: string; label: string; baseYear?: "current" | "previous" };
  rate?: RateDoc;
  rateCaps?: { input: string; label: string; rate: RateDoc }[];
  amount?: AmountDoc;
  minimum?: AmountDoc;
  quantity?: { value: number; unit: string; written?: string; quote: string };
  /** unit: the tiers count something (户, 个) and are shown in it; absent: amounts in 元. */
  tiers?: { input: string; label: string; unit?: string; steps: { threshold: ThresholdDoc; amount: AmountDoc }[] };
  /** Marginal bands (kind bands): each rate on the part of the input from its start to the next. */
  bands?: { input: string; label: string; steps: { from: string; rate: string }[]; written?: string; quote: string };
  /** A rate for each year of support (首年70%、次年50%、第三年30%), instead of one rate. */
  schedule?: { rates: string[]; written?: string; quote: string };
  /** Rates by categories at once (size × domestic), instead of one rate. */
  rateBy?: { inputs: { input: string; label: string; values: string[] }[]; rates: { when: string[]; rate: string }[]; quote: string };
  cap?: CapDoc;
  tests?: InputTestDoc[];
  /** for: whose years are counted (recipient by default; a column such as event); sharedBy: which routes count together. */
  years?: CountDoc & { for?: string; sharedBy?: LimitShare };
  decreasing?: { quote: string; assumption: string };
  quota?: CountDoc;
  oneTime?: OneTimeDoc;
  conditions?: QuotedDoc[];
  limits?: LimitDoc[];
  instalments?: InstalmentsDoc;
  unit?: string;
  assumption?: string;
}

export interface ClauseDoc {
  id: string;
  title: string;
  department?: string;
  programme?: string;
  choose?: QuotedDoc;
  /** The routes are levels (等次) of one award: with a top-up rule, a promotion pays the difference. */
  levels?: boolean;
  routes?: ClauseRouteDoc[];
  limits?: LimitDoc[];
  assumption?: string;
}

// ---- As modelled ----

/** An input a route reads, by name. */
export interface InputSpec {
  name: string;
  label: string;
  type: InputType | "year" | "flag";
  required: boolean;
  /** What the input is for: the base, a test, a further limit, the year of support, … */
  role: string;
}

export interface InputTest {
  input: string;
  label: string;
  type: InputType;
  op: ">=" | ">";
  value: Decimal;
  /** As the text writes it, e.g. 超过3家, 20%. */
  shown: string;
  unit?: string;
  quote: string;
  source: string;
}

export interface ClauseRoute {
  id: string;
  name: string;
  nameEn: string;
  aliases: string[];
  isDefault: boolean;
  kind: ClauseKind | "programme";
  subjects?: { values: string[]; quote: string };
  base?: { input: string; label: string; baseYear: "current" | "previous" };
  rate?: Cited<Decimal>;
  /** Domestic-compute rate, for a voucher route that has one. */
  domesticRate?: Cited<Decimal>;
  rateCaps: { input: string; label: string; rate: Cited<Decimal> }[];
  amount?: Cited<Decimal>;
  minimum?: Cited<Decimal>;
  quantity?: Cited<Decimal>;
  tiers?: { input: string; label: string; unit?: string; steps: { threshold: Cited<Decimal> & { inclusive: boolean }; amount: Cited<Decimal> }[] };
  bands?: Bands;
  schedule?: Schedule;
  rateBy?: RateBy;
  cap?: Cited<Decimal> & { per: CapScope; sharedBy?: LimitShare };
  tests: InputTest[];
  years?: Cited<number> & { for?: string; sharedBy?: LimitShare };
  decreasing?: { quote: string; assumption: string };
  quota?: Cited<number>;
  oneTime?: { quote: string; sharedBy?: LimitShare; for?: string };
  limits: Limit[];
  instalments?: Instalments;
  conditions: { quote: string; note?: string }[];
  unit: string;
  assumption?: string;
  inputs: InputSpec[];
  /** For a clause that is a voucher programme: the programme route it computes through. */
  programmeRoute?: Route;
}

export interface Clause {
  id: string;
  title: string;
  department?: string;
  programme?: Programme;
  choose?: { quote: string; note?: string };
  levels?: boolean;
  limits: Limit[];
  routes: ClauseRoute[];
  /** The route used when none is named: the one marked default, or the only one. */
  defaultRoute: ClauseRoute | null;
  assumption?: string;
}
