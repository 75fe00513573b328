import * as React from "react";
import {
  Badge, Button, Caption1, Checkbox, Field, Input, Select, Subtitle2, Text, mergeClasses,
} from "@fluentui/react-components";
import Decimal from "decimal.js";
import { parseAmount, type Engine } from "../engine";
import { messageIn } from "../engine/errors";
import { bi, tr, type Lang } from "../engine/text";
import { compareScenarios, comparisonTable, scenarioClause, type ScenarioSource } from "./model/compare";
import { useStrings } from "./i18n";
import { clauseLabel, nameIn, titleIn } from "../engine/messages";
import { useSession, useUpdate, useWorkbookState, useYear } from "./session-hooks";
import { useStyles } from "./styles";
import { NoticeBar } from "./Notice";
import { pct, signedWan, wan, yuan } from "./format";
import type { Scenario } from "../workbook/state";
import { VariantEditor } from "./VariantEditor";

let counter = 0;
const newId = () => `s${Date.now().toString(36)}${(counter++).toString(36)}`;

/** The example of the issue: 5000万 of domestic compute in 滨江 (2023, 2025), 广州 and 廊坊. */
export const EXAMPLE_SCENARIOS: Omit<Scenario, "id">[] = [
  { label: "滨江 2023", jurisdiction: "hangzhou-binjiang@2023", programme: "compute", amount: "5000万", domestic: true },
  { label: "滨江 2025", jurisdiction: "hangzhou-binjiang@2025", programme: "compute", amount: "5000万", domestic: true },
  { label: "广州", jurisdiction: "guangzhou@draft", programme: "compute", amount: "5000万", domestic: true },
  { label: "廊坊", jurisdiction: "langfang@2023", programme: "compute", amount: "5000万", domestic: true },
];

/** Choices for "jurisdiction or version": bare names (by year), versions, variants. */
export function specOptions(engine: Engine, year: number) {
  return [...engine.registry.jurisdictions.values()].map((j) => {
    let byYear: string | null = null;
    try {
      byYear = engine.version(j.id, year, year).key;
    } catch {
      byYear = null;
    }
    return { id: j.id, name: j.name, nameEn: j.nameEn, byYear, versions: j.versions.map((v) => v.key) };
  });
}

/** A select of "jurisdiction or version": by year (the bare name), or a version or variant. Used by Scenarios and Budget. */
export function VersionSelect({ engine, year, value, onChange, testId }: { engine: Engine; year: number; value: string; onChange: (value: string) => void; testId: string }) {
  const t = useStrings();
  return (
    <Select size="small" value={value} onChange={(_, d) => onChange(d.value)} data-testid={testId}>
      {specOptions(engine, year).map((j) => (
        <optgroup key={j.id} label={nameIn(t.lang, j)}>
          {/* the id in English (what formulas take; the English name is too long for a 320 px pane), the name in Chinese */}
          <option value={j.id}>{t.byYear(t.lang === "zh" ? j.name : j.id, j.byYear)}</option>
          {j.versions.map((k) => (
            <option key={k} value={k}>{k}</option>
          ))}
        </optgroup>
      ))}
    </Select>
  );
}

/**
 * Choices for "programme : route" under a spec, then every other clause route that pays cash
 * ("7", "12:national"): a clause scenario is computed with CLAUSE (see model/compare.ts).
 */
export function programmeOptions(engine: Engine, spec: string, year: number, lang: Lang = "en"): { value: string; label: string; detail: string }[] {
  try {
    const v = engine.version(spec, null, year);
    const programmes = v.programmes.flatMap((p) =>
      p.routes.map((r) => {
        const value = r.isDefault ? p.id : `${p.id}:${r.id}`;
        // short enough to show whole in a 320 px pane; the route's name is the field's hint
        return { value, label: `${p.name} ${value}`, detail: nameIn(lang, r) };
      }),
    );
    const clauses = v.clauses
      .filter((c) => !c.programme)
      .flatMap((c) =>
        c.routes
          .filter((r) => r.kind !== "in-kind" && r.kind !== "unquantified")
          .map((r) => {
            const value = c.routes.length === 1 || (r.isDefault && !c.choose) ? c.id : `${c.id}:${r.id}`;
            return { value, label: lang === "zh" ? clauseLabel(v, c.id, "zh") + (value === c.id ? "" : value.slice(c.id.length)) : `§${value}`, detail: `${titleIn(lang, c)} — ${nameIn(lang, r)}` };
          }),
      );
    return [...programmes, ...clauses];
  } catch {
    return [];
  }
}

export function ScenariosView() {
  const t = useStrings();
  const styles = useStyles();
  const session = useSession();
  const state = useWorkbookState();
  const year = useYear();
  const engine = session.currentEngine;
  const { run, notice } = useUpdate();
  const [editing, setEditing] = React.useState<Scenario | null>(null);
  const results = React.useMemo(() => compareScenarios(engine, state.scenarios, year, state.baseline), [engine, state.scenarios, year, state.baseline]);

  const maxAward = results.reduce((m, r) => (r.award && r.award.greaterThan(m) ? r.award : m), new Decimal(0));
  const save = (f: (s: Scenario[], baseline: string | null) => { scenarios: Scenario[]; baseline: string | null }) =>
    run(async () => {
      await session.update((s) => ({ ...s, ...f(s.scenarios, s.baseline) }));
    });
  const addExample = () =>
    save(() => {
      const added = EXAMPLE_SCENARIOS.map((s) => ({ ...s, id: newId() }));
      return { scenarios: added, baseline: added[1].id };
    });
  const insert = () =>
    run(async () => {
      const address = await session.host.insertTable(comparisonTable(state.scenarios, state.baseline, { sheet: t.scenariosSheet, title: t.tableTitle, header: t.tableHeader, draft: t.draft, windowAssumed: t.windowAssumed, lang: t.lang }, results));
      return session.host.kind === "excel" ? t.inserted(address) : t.insertedPreview(address);
    });

  return (
    <div className={styles.body}>
      <section className={styles.card} aria-labelledby="scenarios-heading">
        <div className={styles.spread}>
          <Subtitle2 as="h2" id="scenarios-heading" className={styles.h2}>{t.scenarios}</Subtitle2>
          <Caption1 className={styles.muted}>{t.yearLabel} {year}</Caption1>
        </div>
        {state.scenarios.length === 0 ? (
          <div className={styles.section}>
            <Text className={styles.muted}>{t.scenariosEmpty}</Text>
            <Button onClick={() => void addExample()}>{t.example}</Button>
          </div>
        ) : (
          <>
            <Field label={t.baseline} size="small">
              <Select size="small" value={state.baseline ?? ""} onChange={(_, d) => void save((s) => ({ scenarios: s, baseline: d.value || null }))} data-testid="baseline">
                <option value="">—</option>
                {state.scenarios.map((s) => (
                  <option key={s.id} value={s.id}>{s.label || s.jurisdiction}</option>
                ))}
              </Select>
            </Field>
            <ul className={styles.list} aria-label={t.scenarios} data-testid="comparison">
              {results.map((r) => {
                const s = r.scenario;
                const isBase = s.id === state.baseline;
                const share = r.award && maxAward.greaterThan(0) ? r.award.dividedBy(maxAward).toNumber() : 0;
                return (
                  <li key={s.id} className={mergeClasses(styles.scenario, isBase && styles.itemInUse)} data-scenario={s.label}>
                    <div className={styles.spread}>
                      <div className={mergeClasses(styles.grow, styles.row)}>
                        <Text className={styles.strong}>{s.label || s.jurisdiction}</Text>
                        {isBase ? <Badge size="small" appearance="outline" color="brand">{t.baseline}</Badge> : null}
                      </div>
                      <Button size="small" appearance="subtle" aria-label={t.edit(s.label || s.jurisdiction)} onClick={() => setEditing(s)}>
                        ✎
                      </Button>
                      <Button
                        size="small"
                        appearance="subtle"
                        aria-label={t.remove(s.label || s.jurisdiction)}
                        onClick={() => void save((all, b) => ({ scenarios: all.filter((x) => x.id !== s.id), baseline: b === s.id ? null : b }))}
                      >
                        ✕
                      </Button>
                    </div>
                    {r.ok ? (
                      <div className={styles.awardLine}>
                        <Text className={styles.awardValue} data-testid="award">{wan(r.award!)}</Text>
                        <Caption1 className={mergeClasses(styles.muted, styles.num)} data-testid="award-yuan">{yuan(r.award!)}</Caption1>
                        {r.diff && !isBase ? (
                          <Caption1 data-testid="diff" className={mergeClasses(styles.num, r.diff.isNegative() ? styles.negative : styles.positive)}>
                            {signedWan(r.diff)} {t.diff}
                          </Caption1>
                        ) : null}
                      </div>
                    ) : (
                      <Text className={styles.negative} data-testid="award-error">{r.error!.code}</Text>
                    )}
                    <Caption1 className={mergeClasses(styles.muted, styles.wrap)}>{r.version ?? s.jurisdiction} · {r.programme ?? s.programme}</Caption1>
                    <Caption1 className={mergeClasses(styles.muted, styles.wrap)}>{t.spend}: {wan(safeDecimal(s.amount))}{s.domestic ? ` · ${t.domesticShort}` : ""}</Caption1>
                    {r.ok ? (
                      <>
                        <div className={styles.bar} aria-hidden="true"><div className={styles.barFill} style={{ width: `${Math.max(share * 100, 0.5)}%` }} /></div>
                        <div className={styles.row}>
                          <Caption1 data-testid="rate-cap">{t.rateCap}: {r.rate ? pct(r.rate) : "—"} · {r.cap ? wan(r.cap) : "—"}</Caption1>
                          <Badge size="small" appearance="tint" color={r.binding === "rate" ? "informative" : r.binding === "threshold" ? "danger" : "warning"} data-testid="binding">
                            {t.binds}: {t.binding[r.binding!] ?? r.binding}
                          </Badge>
                        </div>
                        {r.source ? <SourceLine source={r.source} /> : null}
                      </>
                    ) : (
                      <Caption1 className={mergeClasses(styles.negative, styles.wrap)} data-testid="award-error-message">{r.error!.text ? tr(r.error!.text, t.lang) : r.error!.message}</Caption1>
                    )}
                  </li>
                );
              })}
            </ul>
            <div className={styles.row}>
              <Button appearance="primary" onClick={() => void insert()}>{t.insertTable}</Button>
            </div>
          </>
        )}
        <NoticeBar notice={notice} testId="scenarios-notice" />
      </section>
      <AddScenario
        key={editing?.id ?? "new"}
        editing={editing}
        onCancel={() => setEditing(null)}
        onAdd={(s) => {
          const id = editing?.id;
          setEditing(null);
          return save((all, b) => ({ scenarios: id ? all.map((x) => (x.id === id ? { ...s, id } : x)) : [...all, { ...s, id: newId() }], baseline: b ?? null }));
        }}
      />
      <VariantEditor />
    </div>
  );
}

/** Clause, document number, draft and assumed-window marks; the sentence of the binding rule one click away. */
function SourceLine({ source }: { source: ScenarioSource }) {
  const t = useStrings();
  const styles = useStyles();
  return (
    <div className={styles.sourceBlock} data-testid="source">
      <div className={styles.row}>
        <Caption1 className={styles.strong} data-testid="source-clause">{t.clause(source.clause, source.label)}</Caption1>
        <Caption1 className={mergeClasses(styles.muted, styles.wrap)} data-testid="source-document">{source.documentNumber ?? titleIn(t.lang, source)}</Caption1>
        {source.draft ? <Badge size="small" appearance="tint" color="warning" data-testid="source-draft">{t.draft}</Badge> : null}
        {source.windowAssumed ? <Badge size="small" appearance="tint" color="warning" data-testid="source-assumed">{t.windowAssumed}</Badge> : null}
      </div>
      {source.quote ? (
        <details className={styles.details}>
          <summary><Caption1>{t.showSentence}</Caption1></summary>
          <Caption1 as="p" className={styles.quote} data-testid="source-quote">{source.quote}</Caption1>
        </details>
      ) : null}
    </div>
  );
}

/** Why a spend cannot be computed, in the pane's language, or null. A clause scenario may leave it empty. */
export function spendProblem(amount: string, lang: Lang, programme: string): string | null {
  if (amount.trim() === "") return scenarioClause(programme) ? null : tr(bi("Give the spend in 元, e.g. 5000万.", "请填写费用（元），如 5000万。"), lang);
  try {
    parseAmount(amount, "spend");
    return null;
  } catch (e) {
    return messageIn(e, lang);
  }
}

/** The spend for the caption only; the engine reports a bad amount in the award column. */
function safeDecimal(amount: string): Decimal {
  try {
    return parseAmount(amount);
  } catch {
    return new Decimal(0);
  }
}

function AddScenario({ onAdd, editing, onCancel }: { onAdd: (s: Omit<Scenario, "id">) => void; editing: Scenario | null; onCancel: () => void }) {
  const t = useStrings();
  const styles = useStyles();
  const session = useSession();
  useWorkbookState();
  const year = useYear();
  const engine = session.currentEngine;
  const [spec, setSpec] = React.useState(editing?.jurisdiction ?? "hangzhou-binjiang");
  const [programme, setProgramme] = React.useState(editing?.programme ?? "compute");
  const [amount, setAmount] = React.useState(editing?.amount ?? "5000万");
  const [domestic, setDomestic] = React.useState(editing?.domestic ?? true);
  const [label, setLabel] = React.useState(editing?.label ?? "");
  const programmes = programmeOptions(engine, spec, year, t.lang);
  // a bad spend is refused here, in the form, with the engine's message (not added as an error card)
  const spendError = spendProblem(amount, t.lang, programme);
  React.useEffect(() => {
    if (programmes.length && !programmes.some((p) => p.value === programme)) setProgramme(programmes[0].value);
  }, [spec, programmes.map((p) => p.value).join("|")]); // eslint-disable-line react-hooks/exhaustive-deps
  return (
    <section className={styles.card} aria-labelledby="add-heading">
      <Subtitle2 as="h2" id="add-heading" className={styles.h2}>{editing ? t.editScenario(editing.label || editing.jurisdiction) : t.addScenario}</Subtitle2>
      <form
        className={styles.section}
        onSubmit={(e) => {
          e.preventDefault();
          if (spendError) return;
          onAdd({ label: label.trim() || spec, jurisdiction: spec, programme, amount: amount.trim(), domestic });
          setLabel("");
        }}
      >
        <Field label={t.label} size="small">
          <Input size="small" value={label} onChange={(_, d) => setLabel(d.value)} placeholder={spec} data-testid="scenario-label" />
        </Field>
        <Field label={t.jurisdiction} size="small">
          <VersionSelect engine={engine} year={year} value={spec} onChange={setSpec} testId="scenario-spec" />
        </Field>
        <Field label={t.programme} size="small" hint={programmes.find((p) => p.value === programme)?.detail}>
          <Select size="small" value={programme} onChange={(_, d) => setProgramme(d.value)} data-testid="scenario-programme">
            {programmes.map((p) => (
              <option key={p.value} value={p.value}>{p.label}</option>
            ))}
          </Select>
        </Field>
        <div className={styles.twoCol}>
          <Field label={t.spend} hint={spendError ? undefined : t.spendHint} validationMessage={spendError ?? undefined} validationState={spendError ? "error" : "none"} size="small">
            <Input size="small" value={amount} onChange={(_, d) => setAmount(d.value)} data-testid="scenario-amount" />
          </Field>
          <Checkbox checked={domestic} onChange={(_, d) => setDomestic(d.checked === true)} label={t.domestic} data-testid="scenario-domestic" />
        </div>
        <div className={styles.row}>
          <Button type="submit" appearance="primary" disabled={programmes.length === 0 || spendError !== null}>{editing ? t.saveScenario : t.addScenario}</Button>
          {editing ? <Button onClick={onCancel}>{t.cancel}</Button> : null}
        </div>
      </form>
    </section>
  );
}
