import * as React from "react";
import { Button, Caption1, Field, Input, MessageBar, MessageBarActions, MessageBarBody, Select, Subtitle2, Text } from "@fluentui/react-components";
import { editableFields } from "./model/years";
import { useStrings } from "./i18n";
import { useSession, useUpdate, useWorkbookState, useYear } from "./session-hooks";
import { useStyles } from "./styles";
import { NoticeBar } from "./Notice";
import { formatRate, variantKey, type Engine } from "../engine";
import type { Scenario } from "../workbook/state";

/**
 * The scenarios that use a variant whose rate edits leave the rate they use as it was: e.g. a
 * domestic (国产) scenario when only the non-domestic rate was edited.
 */
export function unchangedRates(engine: Engine, scenarios: readonly Scenario[], key: string, fields: readonly string[], year: number): { label: string; rate: string }[] {
  if (!fields.some((f) => /\.(rate|domesticRate)$/.test(f))) return [];
  const base = key.slice(0, key.indexOf("~"));
  const out: { label: string; rate: string }[] = [];
  for (const s of scenarios) {
    if (s.jurisdiction !== key) continue;
    try {
      const now = engine.voucher(key, s.programme, s.amount, s.domestic, null, year).rate;
      const before = engine.voucher(base, s.programme, s.amount, s.domestic, null, year).rate;
      if (now && before && now.equals(before)) out.push({ label: s.label || s.jurisdiction, rate: formatRate(now) });
    } catch {
      // a scenario that does not compute says so on its own card
    }
  }
  return out;
}

interface EditLine { field: string; value: string }

export function VariantEditor() {
  const t = useStrings();
  const styles = useStyles();
  const session = useSession();
  const state = useWorkbookState();
  const engine = session.currentEngine;
  const year = useYear();
  const { run, notice } = useUpdate();
  const shipped = engine.registry.allVersions().filter((v) => !v.variant);
  const [base, setBase] = React.useState("hangzhou-binjiang@2025");
  const [name, setName] = React.useState("draft-40pct");
  const baseVersion = shipped.find((v) => v.key === base) ?? shipped[0];
  const fields = React.useMemo(() => (baseVersion ? editableFields(baseVersion) : []), [baseVersion]);
  const [edits, setEdits] = React.useState<EditLine[]>([{ field: fields[0]?.field ?? "", value: "" }]);
  React.useEffect(() => {
    setEdits((es) => es.map((e) => (fields.some((f) => f.field === e.field) ? e : { ...e, field: fields[0]?.field ?? "" })));
  }, [fields]);

  // a variant of the same name is replaced only once the user has confirmed it (window.confirm is not
  // available in Office add-ins: the pane asks inline)
  const [confirming, setConfirming] = React.useState<string | null>(null);
  const saveVariant = (confirmed = false) =>
    run(async () => {
      const spec = { base: baseVersion.key, name: name.trim(), edits: edits.filter((e) => e.value.trim() !== "").map((e) => ({ field: e.field, value: e.value.trim() })) };
      const key = variantKey(spec);
      if (!confirmed && state.variants.some((v) => variantKey(v) === key)) {
        setConfirming(key);
        return;
      }
      setConfirming(null);
      await session.update((s) => ({ ...s, variants: [...s.variants.filter((v) => variantKey(v) !== key), spec] }));
      const unchanged = unchangedRates(session.currentEngine, state.scenarios, key, spec.edits.map((e) => e.field), year);
      if (unchanged.length === 0) return t.variantSaved(key);
      return { intent: "warning" as const, text: [t.variantSaved(key), ...unchanged.map((u) => t.rateUnchanged(u.label, u.rate))].join(" ") };
    });
  const remove = (key: string) =>
    run(async () => {
      await session.update((s) => {
        const gone = s.variants.find((v) => variantKey(v) === key);
        const pins = { ...s.pins };
        for (const [j, v] of Object.entries(pins)) if (gone && `${j}@${v}` === key) delete pins[j];
        return { ...s, pins, variants: s.variants.filter((v) => variantKey(v) !== key) };
      });
    });

  const saved = engine.registry.allVersions().filter((v) => v.variant);
  return (
    <section className={styles.card} aria-labelledby="variants-heading">
      <Subtitle2 as="h2" id="variants-heading" className={styles.h2}>{t.variants}</Subtitle2>
      <Caption1 className={styles.muted}>{t.variantsHint}</Caption1>
      {saved.length === 0 ? (
        <Text className={styles.muted}>{t.noVariants}</Text>
      ) : (
        <ul className={styles.list} aria-label={t.variants}>
          {saved.map((v) => (
            <li key={v.key} className={styles.item} data-variant={v.key}>
              <div className={styles.spread}>
                <span className={styles.key}>{v.key}</span>
                <Button size="small" appearance="subtle" aria-label={t.deleteVariant(v.key)} onClick={() => void remove(v.key)}>✕</Button>
              </div>
              {v.variant!.edits.map((e) => (
                <Caption1 key={e.field} className={styles.mono}>{e.field}: {e.from} → {e.to}</Caption1>
              ))}
            </li>
          ))}
        </ul>
      )}
      <form
        className={styles.section}
        onSubmit={(e) => {
          e.preventDefault();
          void saveVariant(false);
        }}
      >
        <div className={styles.twoCol}>
          <Field label={t.baseVersion} size="small">
            <Select size="small" value={baseVersion?.key} onChange={(_, d) => setBase(d.value)} data-testid="variant-base">
              {shipped.map((v) => (
                <option key={v.key} value={v.key}>{v.key}</option>
              ))}
            </Select>
          </Field>
          <Field label={t.variantName} size="small">
            <Input size="small" value={name} onChange={(_, d) => setName(d.value)} data-testid="variant-name" />
          </Field>
        </div>
        {edits.map((e, i) => (
          <div key={i} className={styles.editRow}>
            <Field label={t.field} size="small">
              <Select
                size="small"
                value={e.field}
                onChange={(_, d) => setEdits((es) => es.map((x, j) => (j === i ? { ...x, field: d.value } : x)))}
                data-testid={`variant-field-${i}`}
              >
                {fields.map((f) => (
                  <option key={f.field} value={f.field}>{`${f.owner} · ${t.attrs[f.attr] ?? f.attr} (${f.current})`}</option>
                ))}
              </Select>
            </Field>
            <Field label={t.newValue} size="small">
              <Input
                size="small"
                value={e.value}
                placeholder={fields.find((f) => f.field === e.field)?.current}
                onChange={(_, d) => setEdits((es) => es.map((x, j) => (j === i ? { ...x, value: d.value } : x)))}
                data-testid={`variant-value-${i}`}
              />
            </Field>
          </div>
        ))}
        <div className={styles.row}>
          <Button size="small" onClick={() => setEdits((es) => [...es, { field: fields[0]?.field ?? "", value: "" }])}>{t.addEdit}</Button>
          <Button size="small" type="submit" appearance="primary">{t.saveVariant}</Button>
        </div>
      </form>
      {confirming ? (
        <MessageBar intent="warning" data-testid="variant-replace">
          <MessageBarBody>{t.replaceVariant(confirming)}</MessageBarBody>
          <MessageBarActions>
            <Button size="small" appearance="primary" onClick={() => void saveVariant(true)}>{t.replace}</Button>
            <Button size="small" onClick={() => setConfirming(null)}>{t.cancel}</Button>
          </MessageBarActions>
        </MessageBar>
      ) : null}
      <NoticeBar notice={notice} testId="variant-notice" />
    </section>
  );
}
