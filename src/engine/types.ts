import type Decimal from "decimal.js";
import type { Clause, ClauseDoc } from "./clauses/types";
import type { Limit, LimitDoc, LimitShare } from "./limits/types";

// ---- The policy files as written (YAML), checked by policies/schema/*.schema.json ----

export interface QuotedDoc { quote: string; note?: string }
export interface AmountDoc { value: string; written?: string; quote: string; assumption?: string }
export interface RateDoc { value: string; written?: string; quote: string; assumption?: string }
export interface CountDoc { value: number; written?: string; quote: string }
export type CapScope = "award" | "project" | "recipient" | "recipient-year";
/** sharedBy: which awards share the cap (default: the route; "clause" for one cap over a clause's routes). */
export interface CapDoc extends AmountDoc { per: CapScope; sharedBy?: LimitShare }
/** 一次性: once per `for` (default: recipient for a voucher, project for a clause), shared by `sharedBy`. */
export interface OneTimeDoc extends QuotedDoc { sharedBy?: LimitShare; for?: string }
export interface ThresholdDoc { value: string; written?: string; quote: string; inclusive: boolean }

export interface RouteDoc {
  id: string;
  name: string;
  nameEn?: string;
  aliases?: string[];
  default?: boolean;
  base?: string;
  baseYear?: "current" | "previous";
  rate?: RateDoc;
  domesticRate?: RateDoc;
  lumpSum?: AmountDoc;
  uplift?: RateDoc;
  cap?: CapDoc;
  threshold?: ThresholdDoc;
  quota?: CountDoc;
  oneTime?: OneTimeDoc;
  conditions?: QuotedDoc[];
  limits?: LimitDoc[];
  instalments?: InstalmentsDoc;
  assumption?: string;
}

/** Payment in instalments (分三年按4:3:3拨付): the award's parts, paid in its year and the years after. */
export interface InstalmentsDoc { parts: number[]; written?: string; quote: string }

export interface ProgrammeDoc {
  id: string;
  name: string;
  nameEn?: string;
  aliases?: string[];
  clause: string;
  title?: string;
  department?: string;
  pool?: AmountDoc;
  recipientCap?: CapDoc;
  routes: RouteDoc[];
  limits?: LimitDoc[];
  assumption?: string;
}

export interface PoolDoc { id: string; name: string; clause: string; amount: AmountDoc }

export interface PolicyDoc {
  jurisdiction: string;
  version: string;
  title: string;
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
    repealedBy?: { version: string; on: string; quote: string; source: string };
  };
  commencement?: QuotedDoc;
  assumptions?: { id: string; text: string }[];
  nonDuplication?: QuotedDoc;
  /** 补足差额: on promotion an award already paid is topped up by the difference. */
  topUp?: QuotedDoc;
  pools?: PoolDoc[];
  /** Limits over the whole version (a yearly total per company across all measures, …). */
  limits?: LimitDoc[];
  programmes: ProgrammeDoc[];
  clauses?: ClauseDoc[];
}

export interface JurisdictionDoc { id: string; name: string; nameEn: string; names: string[] }
export interface ProgrammeTypeDoc { id: string; name: string; nameEn: string; names: string[] }

/** A policy file as read: its path relative to policies/ and its text. */
export interface PolicyFile { path: string; text: string }

// ---- The model the engine computes with: amounts as exact decimals in 元 ----

/** A number taken from a text, with the sentence it comes from. */
export interface Cited<T> { value: T; quote: string; source: string; assumption?: string }

export interface Route {
  id: string;
  name: string;
  nameEn: string;
  aliases: string[];
  isDefault: boolean;
  base: string;
  baseYear: "current" | "previous";
  rate?: Cited<Decimal>;
  domesticRate?: Cited<Decimal>;
  lumpSum?: Cited<Decimal>;
  uplift?: Cited<Decimal>;
  cap?: Cited<Decimal> & { per: CapScope; sharedBy?: LimitShare };
  threshold?: Cited<Decimal> & { inclusive: boolean };
  quota?: Cited<number>;
  oneTime?: { quote: string; sharedBy?: LimitShare; for?: string };
  conditions: { quote: string; note?: string }[];
  /** Limits written out in the file (limits/derive.ts adds those its fields stand for). */
  limits: Limit[];
  instalments?: Instalments;
  assumption?: string;
}

/** The share of the award paid in each year from the award's year, summing to 1. */
export interface Instalments { shares: Decimal[]; written?: string; quote: string }

export interface Programme {
  id: string;
  name: string;
  nameEn: string;
  clause: string;
  title: string;
  department?: string;
  pool?: Cited<Decimal>;
  recipientCap?: Cited<Decimal> & { per: CapScope; sharedBy?: LimitShare };
  routes: Route[];
  defaultRoute: Route;
  limits: Limit[];
  assumption?: string;
}

export interface Pool { id: string; name: string; clause: string; amount: Cited<Decimal> }

export interface InForce {
  from: string;
  /** Last day in force, after any repeal. */
  to: string;
  quote: string;
  assumption?: string;
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
  issuer?: string;
  documentNumber: string | null;
  status: "final" | "draft";
  source: string;
  issued?: string;
  inForce: InForce | null;
  commencement?: { quote: string; note?: string };
  assumptions: { id: string; text: string }[];
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
