// Rows of PORTFOLIO and `award-model exposure` that name a clause (not a voucher programme) are
// priced here, through the clause catalogue (Engine.clauseAward). A clause that is a voucher
// programme goes through the voucher path (awardForRow), so its shared caps and pools apply as for a
// programme row. A clause paying in kind (10P of compute) cannot be added to cash: an error for the row.
import Decimal from "decimal.js";
import { formatYuan, normalizeText } from "../amount";
import { invalidValue } from "../errors";
import type { Engine } from "../index";
import { serialToISO } from "./dates";
import { awardForRow, type PoolLimit, type RowAwardFn, type SharedLimit } from "./portfolio";

function splitClause(text: string): { clause: string; route: string | null } {
  const t = text.normalize("NFKC");
  const colon = t.indexOf(":");
  return colon >= 0 ? { clause: t.slice(0, colon).trim(), route: t.slice(colon + 1).trim() || null } : { clause: t.trim(), route: null };
}

export function clauseRowAward(engine: Engine): RowAwardFn {
  return (app) => {
    const { clause: clauseId, route: routeName } = splitClause(app.programme);
    const inputs = app.amount === null || app.amount === undefined || app.amount === "" ? null : app.amount;
    // The version in force on the application's date (or in its year), then named explicitly.
    const resolved = engine.resolver.resolve(app.policy, app.year, app.date === null ? undefined : serialToISO(app.date));
    const r = engine.clauseAward(resolved.version.key, clauseId, inputs, routeName, app.year, app.year);
    const { version, clause, route } = r;
    if (route.kind === "programme" && clause.programme && route.programmeRoute) {
      // A voucher clause: the same award as the programme row, with its caps and pools.
      return awardForRow(engine.resolver, { ...app, programme: `${clause.programme.id}:${route.programmeRoute.id}` }, true);
    }
    if (r.unit !== "元") {
      throw invalidValue(`clause ${clause.id} (${clause.title}) pays ${r.unit} (in kind), not 元: a portfolio adds cash awards only.`);
    }
    // One award id per clause: its levels (routes) are grades of the same award (同一奖项), so a later,
    // higher one is a promotion (topped up where the version says 补足差额), not a second award.
    const awardId = `clause ${clause.id}`;
    const who = normalizeText(app.recipient);
    const caps: SharedLimit[] = [];
    if (route.cap && route.cap.per !== "award") {
      const per = route.cap.per;
      const scope = per === "recipient" ? who : per === "recipient-year" ? `${who}|${app.year}` : `${who}|${normalizeText(app.project)}`;
      if (per !== "project" || app.project) {
        caps.push({
          key: `${version.key}|ccap|${clause.id}:${route.id}|${scope}`,
          amount: route.cap.value,
          label: `cap of ${awardId} ${per === "recipient" ? "per recipient" : per === "recipient-year" ? `per recipient in ${app.year}` : "per project"}, ${formatYuan(route.cap.value)}`,
          quote: route.cap.quote,
        });
      }
    }
    const pools: PoolLimit[] = version.pools.map((p) => ({
      key: `${version.key}|pool|${p.id}|${app.year}`,
      amount: p.amount.value,
      label: `${p.name} (${p.id}) ${app.year}, ${formatYuan(p.amount.value)}`,
      quote: p.amount.quote,
      version: version.key,
      pool: p.id,
      year: app.year,
    }));
    return {
      kind: "clause",
      awardId,
      label: `${clause.title} (clause ${clause.id}, route ${route.id})`,
      version,
      single: r.award,
      binding: r.binding,
      oneTime: route.oneTime ? { quote: route.oneTime.quote, per: "project" } : null,
      quota: route.quota
        ? { key: `${version.key}|quota|${awardId}|${app.year}`, count: route.quota.value, amount: new Decimal(route.quota.value), label: `quota of ${route.quota.value} ${awardId} awards in ${app.year}`, quote: route.quota.quote }
        : null,
      caps,
      pools,
      steps: r.steps,
    };
  };
}
