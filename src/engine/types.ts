import type Decimal from "decimal.js";
import type { Limit, LimitDoc, LimitShare } from "./limits/types";
import type { Bands, RateBy, Schedule } from "./clauses/formulas";
import type { Text } from "./text";

// ---- The policy files as written (YAML), checked by policies/schema/*.schema.json ----

export interface QuotedDoc { quote: string; note?: string }
export interface AmountDoc { value: string; written?: string; quote: string; assumption?: string; assumptionZh?: string }
export interface RateDoc { value: string; written?: string; quote: string; assumption?: string; assumptionZh?: string }
export interface CountDoc { value: number; written?: string; quote: string }
export type CapScope = "award" | "project" | "recipient" | "recipient-year";
/** sharedBy: which awards share the cap (default: the route; "clause" for one cap over a clause's routes). */
export interface CapDoc extends AmountDoc { per: CapScope; sharedBy?: LimitShare }
/** 一次性: once per `for` (default: recipient for a voucher, project for a clause), shared by `sharedBy`. */
export interface OneTimeDoc extends QuotedDoc { sharedBy?: LimitShare; for?: string }
export interface ThresholdDoc { value: string; written?: string; quote: string; inclusive: boolean }

/** Payment in instalments (分三年按4:3:3拨付): the award's parts, paid in its year and the years after. */
export interface InstalmentsDoc { parts: number[]; written?: string; quote: string }

/**
 * A voucher programme as written: on its clause (clause.programme), which gives its title, department
 * and routes (the clause's rate and lump-sum routes); here its name, aliases, pool and shared limits.
 */
export interface ProgrammeDoc {
  id: string;
  name: string;
  nameEn?: string;
  aliases?: string[];
  pool?: AmountDoc;
  recipientCap?: CapDoc;
  limits?: LimitDoc[];
  assumption?: string;
  assumptionZh?: string;
}

export interface PoolDoc { id: string; name: string; clause: string; amount: AmountDoc }

export interface PolicyDoc {
  jurisdiction: string;
  version: string;
  title: string;
  titleEn?: string;
  clauseLabel?: ClauseLabel;
  issuer?: string;
  documentNumber?: string | null;
  status: "final" | "draft";
  source: string;
  issued?: string;
  inForce?: {
    from: string;
    to: string;
    quote: string;
    assumption?: string;
    assumptionZh?: string;
    repealedBy?: { version: string; on: string; quote: string; source: string };
  };
  commencement?: QuotedDoc;
  assumptions?: { id: string; text: string; textZh?: string }[];
  nonDuplication?: QuotedDoc;
  /** 补足差额: on promotion an award already paid is topped up by the difference. */
  topUp?: QuotedDoc;
  pools?: PoolDoc[];
  /** Limits over the whole version (a yearly total per company across all measures, …). */
  limits?: LimitDoc[];
  /** Sentences quoted once, referred to as quote: "@id". */
  quotes?: Record<string, string>;
  /** Every quantified clause of the text, in the text's order; a voucher programme is a clause with programme. */
  clauses?: ClauseDoc[];
}

export interface JurisdictionDoc { id: string; name: string; nameEn: string; names: string[] }
export interface ProgrammeTypeDoc { id: string; name: string; nameEn: string; names: string[] }

/** A policy file as read: its path relative to policies/ and its text. */
/** A policy file as read; doc is its YAML already parsed, where a build did that (the bundled CLI). */
export interface PolicyFile { path: string; text: string; doc?: unknown }

// ---- The model the engine computes with: amounts as exact decimals in 元 ----

/** A number taken from a text, with the sentence it comes from. */
export interface Cited<T> { value: T; quote: string; source: string; assumption?: Text }

/** The share of the award paid in each year from the award's year, summing to 1. */
export interface Instalments { shares: Decimal[]; written?: string; quote: string }

export interface Programme {
  id: string;
  name: string;
  nameEn: string;
  /** Other names users type for it in this version (they become names of its type, see registry.ts). */
  aliases: string[];
  clause: string;
  pool?: Cited<Decimal>;
  recipientCap?: Cited<Decimal> & { per: CapScope; sharedBy?: LimitShare };
  routes: Route[];
  defaultRoute: Route;
  limits: Limit[];
  assumption?: Text;
}

export interface Pool { id: string; name: string; clause: string; amount: Cited<Decimal> }

export interface InForce {
  from: string;
  /** Last day in force, after any repeal. */
  to: string;
  quote: string;
  assumption?: Text;
  repealedBy?: { version: string; on: string; quote: string };
}

export interface PolicyVersion {
  /** jurisdiction@version, e.g. hangzhou-binjiang@2025 */
  key: string;
  /** Its policy file, relative to policies/ (e.g. hangzhou-binjiang/2025.yaml). */
  file: string;
  jurisdiction: string;
  version: string;
  title: string;
  /** The title in English (the file's titleEn), for English mode. */
  titleEn?: string;
  /** How the text numbers its clauses (see messages/labels.ts). */
  clauseLabel?: ClauseLabel;
  issuer?: string;
  documentNumber: string | null;
  status: "final" | "draft";
  source: string;
  issued?: string;
  inForce: InForce | null;
  commencement?: { quote: string; note?: string };
  assumptions: { id: string; text: Text }[];
  nonDuplication?: { quote: string };
  topUp?: { quote: string };
  pools: Pool[];
  /** Limits written out over the whole version. */
  limits: Limit[];
  programmes: Programme[];
  /** Every quantified clause of the text (see clauses/). */
  clauses: Clause[];
  /** Set on a what-if variant (variants.ts): the version it edits and the numbers it changed. */
  variant?: { base: string; name: string; edits: AppliedEdit[] };
}

/** A clause label pattern in each language: {n} the clause id, {zh} the number in Chinese numerals. */
export interface ClauseLabel { zh: string; en: string }

/** One number a what-if variant changed: where, from what, to what (as written for people). */
export interface AppliedEdit { field: string; from: string; to: string }

export interface Jurisdiction {
  id: string;
  name: string;
  nameEn: string;
  names: string[];
  /** Oldest first. */
  versions: PolicyVersion[];
}

export interface ProgrammeType { id: string; name: string; nameEn: string; names: string[] }

// ---- Clauses and their routes: one route model, a voucher programme's routes included, as written and as modelled ----

// ---- As written (YAML) ----

/** The formula of a route, one of a fixed set (a schedule by year of support and rates by category are rate routes). */
export type RouteKind = "rate" | "fixed" | "maximum" | "range" | "tiers" | "bands" | "lump-sum" | "in-kind" | "unquantified";

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
  assumptionZh?: string;
}

/**
 * A route as written: the one shape for a clause's route and a voucher programme's route. A programme's
 * route reads the spend (base.input "spend") and may give a domestic rate, a threshold on the spend
 * and an uplift (上浮); a lump sum is kind lump-sum with amount.
 */
export interface RouteDoc {
  id: string;
  name: string;
  nameEn?: string;
  aliases?: string[];
  default?: boolean;
  kind: RouteKind;
  eligible?: { subjects: string[]; quote: string };
  base?: { input: string; label: string; baseYear?: "current" | "previous" };
  rate?: RateDoc;
  /** The rate for domestic (国产) compute, where the text distinguishes it (input domestic). */
  domesticRate?: RateDoc;
  /** 上浮: the award after the route's cap raised by this share. */
  uplift?: RateDoc;
  /** A threshold on the base: no award below it. */
  threshold?: ThresholdDoc;
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
  decreasing?: { quote: string; assumption: string; assumptionZh?: string };
  quota?: CountDoc;
  oneTime?: OneTimeDoc;
  conditions?: QuotedDoc[];
  limits?: LimitDoc[];
  instalments?: InstalmentsDoc;
  unit?: string;
  assumption?: string;
  assumptionZh?: string;
}

export interface ClauseDoc {
  id: string;
  title: string;
  titleEn?: string;
  label?: ClauseLabel;
  department?: string;
  /** The clause is a voucher programme: its name, aliases, pool (its routes are the clause's rate and lump-sum routes). */
  programme?: ProgrammeDoc;
  choose?: QuotedDoc;
  /** The routes are levels (等次) of one award: with a top-up rule, a promotion pays the difference. */
  levels?: boolean;
  routes?: RouteDoc[];
  limits?: LimitDoc[];
  assumption?: string;
  assumptionZh?: string;
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
  /** How the model reads the test where the text leaves room (the file's assumption, in both languages). */
  assumption?: Text;
}

/**
 * A route: the one model of a way a clause pays, a voucher programme's routes included. It has named,
 * typed inputs, conditions on them (tests, a threshold), one formula (kind) and its limits.
 */
export interface Route {
  id: string;
  name: string;
  /** The English name, where the file gives one (nameIn shows the Chinese name in its place). */
  nameEn?: string;
  aliases: string[];
  isDefault: boolean;
  kind: RouteKind;
  /** Set on a voucher programme's route: the programme's id (its award is COMPUTE_VOUCHER's). */
  programme?: string;
  subjects?: { values: string[]; quote: string };
  base?: { input: string; label: string; baseYear: "current" | "previous" };
  rate?: Cited<Decimal>;
  /** Domestic-compute rate, where the text distinguishes it. */
  domesticRate?: Cited<Decimal>;
  uplift?: Cited<Decimal>;
  threshold?: Cited<Decimal> & { inclusive: boolean };
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
  decreasing?: { quote: string; assumption: Text };
  quota?: Cited<number>;
  oneTime?: { quote: string; sharedBy?: LimitShare; for?: string };
  limits: Limit[];
  instalments?: Instalments;
  conditions: { quote: string; note?: string }[];
  unit: string;
  assumption?: Text;
  inputs: InputSpec[];
}


export interface Clause {
  id: string;
  title: string;
  titleEn?: string;
  label?: ClauseLabel;
  department?: string;
  programme?: Programme;
  choose?: { quote: string; note?: string };
  levels?: boolean;
  limits: Limit[];
  routes: Route[];
  /** The route used when none is named: the one marked default, or the only one. */
  defaultRoute: Route | null;
  assumption?: Text;
}
