// Rows of PORTFOLIO and `award-model exposure` that name a clause (not a voucher programme) are
// priced here, through the clause catalogue (Engine.clauseAward). A clause that is a voucher
// programme goes through the voucher path (awardForRow), so its limits apply as for a programme row.
// A clause with several inputs takes them from columns named like its inputs (in English or
// Chinese: 参数量, scenarios, …), the amount column being its base. A clause paying in kind (10P of
// compute) cannot be added to cash: an error for the row.
import { normalizeText } from "../amount";
import { invalidValue } from "../errors";
import type { ClauseResult } from "../clauses/compute";
import { routeNamed, type Resolver } from "../resolve";
import { bindLimits } from "../limits/apply";
import { clauseRouteLimits } from "../limits/derive";
import type { Clause } from "../clauses/types";
import { DOMESTIC, SUPPORT_YEAR } from "../clauses/build";
import { awardForRow, limitContext, resolveRow, type RowAwardFn } from "./portfolio";
import type { Application } from "./table";
import { clauseLabel } from "../messages/labels";
import { bi } from "../text";

function splitClause(text: string): { clause: string; route: string | null } {
  const t = text.normalize("NFKC");
  const colon = t.indexOf(":");
  return colon >= 0 ? { clause: t.slice(0, colon).trim(), route: t.slice(colon + 1).trim() || null } : { clause: t.trim(), route: null };
}

const inputNames = new WeakMap<Clause, Set<string>>();
function namesOf(clause: Clause): Set<string> {
  let n = inputNames.get(clause);
  if (!n) {
    n = new Set(clause.routes.flatMap((r) => r.inputs.flatMap((s) => [normalizeText(s.name), normalizeText(s.label)])));
    inputNames.set(clause, n);
  }
  return n;
}

/**
 * The clause's inputs from the row: every column named like one of its inputs, and the amount
 * column as its base — or, for a route that reads no base, as the amount awarded or granted
 * (a 500-3000万 range, support with no amount in the text).
 */
function rowInputs(app: Application, clause: Clause | undefined, routeName: string | null): unknown {
  const amount = app.amount === null || app.amount === undefined || app.amount === "" ? null : app.amount;
  if (!clause) return amount;
  const named = app.extra ? [...app.extra].filter(([k]) => namesOf(clause).has(k)) : [];
  // The domestic column is a known column of the table, and an input of clauses that read it.
  if (app.domestic !== null && app.domestic !== undefined && app.domestic !== "" && namesOf(clause).has(DOMESTIC)) named.push([DOMESTIC, app.domestic]);
  const route = routeName === null ? clause.defaultRoute : clause.routes.find((r) => routeNamed(r, normalizeText(routeName)));
  const asAmount = route && !route.inputs.some((s) => s.role === "base") ? route.inputs.find((s) => s.role === "awarded" || s.role === "amount") : undefined;
  // The year of support, where the route reads one and no column gives it: from the table (portfolio.ts).
  const inferred = route?.inputs.some((s) => s.name === SUPPORT_YEAR) && app.supportYear !== undefined && !named.some(([k]) => k === SUPPORT_YEAR || k === normalizeText(route.inputs.find((s) => s.name === SUPPORT_YEAR)!.label));
  if (named.length === 0 && !asAmount && !inferred) return amount;
  const out: Record<string, unknown> = Object.fromEntries(named);
  if (inferred) out[SUPPORT_YEAR] = app.supportYear;
  if (amount !== null) out[asAmount ? asAmount.name : "base"] = amount;
  return out;
}

/** What the clause hook needs of the engine (Engine has it; named here so that budget/ does not import the engine's index). */
export interface ClauseEngine {
  resolver: Resolver;
  clauseAward(policy: unknown, clause: unknown, inputs: unknown, route: unknown, year: unknown, defaultYear: number): ClauseResult;
}

export function clauseRowAward(engine: ClauseEngine): RowAwardFn {
  return (app) => {
    const { clause: clauseId, route: routeName } = splitClause(app.programme);
    // The version in force on the application's date (or in its year), then named explicitly.
    const resolved = resolveRow(engine.resolver, app);
    const target = resolved.version.clauses.find((c) => c.id === clauseId);
    const r = engine.clauseAward(resolved.version.key, clauseId, rowInputs(app, target, routeName), routeName, app.year, app.year);
    const { version, clause, route } = r;
    if (route.programme) {
      // A voucher clause: the same award as the programme row, with its limits.
      return awardForRow(engine.resolver, { ...app, programme: `${route.programme}:${route.id}` }, true);
    }
    if (r.unit !== "元") {
      throw invalidValue(bi(`clause ${clause.id} (${clause.title}) pays ${r.unit} (in kind), not 元: a portfolio adds cash awards only.`,
        `${clauseLabel(version, clause.id, "zh")}（${clause.title}）以 ${r.unit}（实物）支付，而非元：组合只计现金补贴。`));
    }
    // One award id per clause: its levels (routes) are grades of the same award (同一奖项). The level
    // reached is the route, or for tiers the tier paid (each milestone its own award where the file says so).
    const level = route.kind === "tiers" ? `${route.id}@${r.award.toString()}` : route.id;
    return {
      kind: "clause",
      awardId: `clause ${clause.id}`,
      label: bi(`${clause.title} (clause ${clause.id}, route ${route.id})`, `${clause.title}（${clauseLabel(version, clause.id, "zh")}，路径 ${route.id}）`),
      version,
      single: r.award,
      binding: r.binding,
      limits: bindLimits(clauseRouteLimits(version, clause, route), limitContext(app, version, clause.id, route.id, level)),
      instalments: route.instalments,
      steps: r.steps,
    };
  };
}
