import * as React from "react";
import Decimal from "decimal.js";
import {
  Button, Caption1, Field, Input, MessageBar, MessageBarBody, ProgressBar, Select, Subtitle2, Table, TableBody, TableCell, TableHeader,
  TableHeaderCell, TableRow, Text, Textarea,
} from "@fluentui/react-components";
import { messageIn, parseAmount } from "../engine";
import { tr } from "../engine/text";
import { fundExhaustion, type Exhaustion } from "./model/exhaustion";
import { entriesFor, poolOf, poolRows, type PoolRow } from "./model/pools";
import { entriesFromCells, entriesText, parseEntries } from "./model/entries";
import { useStrings } from "./i18n";
import { useSession, useUpdate, useWorkbookState, useYear } from "./session-hooks";
import { useStyles } from "./styles";
import { NoticeBar } from "./Notice";
import { VersionSelect } from "./ScenariosView";
import { wan, yuan } from "./format";
import { BudgetChart } from "./BudgetChart";
import { BudgetForecast } from "./BudgetForecast";
import type { BudgetInput } from "../workbook/state";
import type { CellValue } from "../workbook/host";

export const DEFAULT_BUDGET: BudgetInput = { jurisdiction: "hangzhou-binjiang@2025", programme: "compute", pool: "", entries: [] };

const q = (s: string) => `"${s.replace(/"/g, '""')}"`;

export function BudgetView() {
  const t = useStrings();
  const styles = useStyles();
  const session = useSession();
  const state = useWorkbookState();
  const year = useYear();
  const engine = session.currentEngine;
  const budget = state.budget ?? DEFAULT_BUDGET;
  const { run, notice } = useUpdate();
  const selection = useUpdate();
  const [text, setText] = React.useState(() => entriesText(budget.entries));

  const save = (patch: Partial<BudgetInput>) => run(async () => void (await session.update((s) => ({ ...s, budget: { ...(s.budget ?? DEFAULT_BUDGET), ...patch } }))));

  // the pool: typed, or FUND_LIMIT of the version
  let limit: Decimal | null = null;
  let limitLabel = "";
  let limitError: string | null = null;
  try {
    if (budget.pool.trim() !== "") {
      limit = parseAmount(budget.pool, "pool");
      limitLabel = t.poolOverride;
    } else {
      const f = engine.fundLimit(budget.jurisdiction, budget.programme, null, year);
      limit = f.amount;
      limitLabel = `${f.version.key} · ${tr(f.text, t.lang)}`;
    }
  } catch (e) {
    limitError = messageIn(e, t.lang);
  }
  const entries = React.useMemo(() => parseEntries(text), [text]);
  let result: Exhaustion | null = null;
  let rows: PoolRow[] = [];
  let entriesError: string | null = null;
  if (limit && entries.length) {
    try {
      const version = engine.version(budget.jurisdiction, null, year);
      const chosen = poolOf(engine, version, budget.programme, 0);
      result = fundExhaustion(limit, entriesFor(engine, version, entries, chosen, chosen));
      const mine = result;
      rows = poolRows(engine, budget.jurisdiction, year, entries, budget.programme).map((r) => (r.id === chosen ? { ...r, limit: mine.limit, result: mine } : r));
    } catch (e) {
      entriesError = (e as Error).message;
    }
  }
  const programmes = React.useMemo(() => {
    try {
      const v = engine.version(budget.jurisdiction, null, year);
      return [...(v.pools.length ? [{ value: "total", label: `total — ${v.pools[0].name}` }] : []), ...v.programmes.filter((p) => p.pool).map((p) => ({ value: p.id, label: `${p.name} ${p.id}` }))];
    } catch {
      return [];
    }
  }, [engine, budget.jurisdiction, year]);

  const insertChart = () =>
    run(async () => {
      if (!result) return;
      const first = 4;
      const poolCell = budget.pool.trim() !== "" ? result.limit.toNumber() : `=AWARD.FUND_LIMIT(${q(budget.jurisdiction)},${q(budget.programme)})`;
      const rows: CellValue[][] = result.points.map((p, i) => [p.date, p.amount.toNumber(), `=SUM(B$${first}:B${first + i})`, poolCell]);
      const address = await session.host.insertChart({
        sheet: t.budgetSheet, title: `${t.chartTitle} — ${limitLabel}`, header: t.chartHeader, rows, formulaColumns: [2, 3],
        formats: ["yyyy-mm-dd", "#,##0.00", "#,##0.00", "#,##0.00"], chartTitle: t.chartTitle, series: [2, 3],
      });
      return session.host.kind === "excel" ? t.inserted(address) : t.insertedPreview(address);
    });

  const readSelection = () =>
    selection.run(async () => {
      const { address, values } = await session.host.readSelection();
      const read = entriesFromCells(values);
      if (read.length === 0) throw new Error(t.selectionEmpty(address));
      setText(entriesText(read));
      await session.update((s) => ({ ...s, budget: { ...(s.budget ?? DEFAULT_BUDGET), entries: read } }));
      return t.selectionRead(read.length, address);
    });
  return (
    <div className={styles.body}>
      <section className={styles.card} aria-labelledby="budget-heading">
        <Subtitle2 as="h2" id="budget-heading" className={styles.h2}>{t.budget}</Subtitle2>
        <div className={styles.twoCol}>
          <Field label={t.poolSource} size="small">
            <VersionSelect engine={engine} year={year} value={budget.jurisdiction} onChange={(v) => void save({ jurisdiction: v })} testId="budget-spec" />
          </Field>
          <Field label={t.poolProgramme} size="small">
            <Select size="small" value={budget.programme} onChange={(_, d) => void save({ programme: d.value })} data-testid="budget-programme">
              {programmes.some((p) => p.value === budget.programme) ? null : <option value={budget.programme}>{budget.programme}</option>}
              {programmes.map((p) => (
                <option key={p.value} value={p.value}>{p.label}</option>
              ))}
            </Select>
          </Field>
        </div>
        <Field label={t.poolOverride} hint={t.poolOverrideHint} size="small">
          <Input size="small" defaultValue={budget.pool} onBlur={(e) => void save({ pool: e.currentTarget.value.trim() })} data-testid="budget-pool" />
        </Field>
        <Field label={t.entries} hint={t.entriesHint} size="small">
          <Textarea
            value={text}
            rows={6}
            resize="vertical"
            className={styles.mono}
            placeholder={"2026-01-15, 2000万, 甲公司\n2026-02-20, 1800万, 乙公司"}
            onChange={(_, d) => setText(d.value)}
            onBlur={() => void save({ entries: parseEntries(text) })}
            data-testid="budget-entries"
          />
        </Field>
        <div className={styles.row}>
          <Button size="small" onClick={() => void readSelection()}>{t.useSelection}</Button>
        </div>
        <NoticeBar notice={selection.notice} testId="selection-notice" />
        {limitError ? <MessageBar intent="error"><MessageBarBody>{limitError}</MessageBarBody></MessageBar> : null}
        {entriesError ? <MessageBar intent="error"><MessageBarBody data-testid="budget-error">{entriesError}</MessageBarBody></MessageBar> : null}
      </section>
      {limit ? (
        <section className={styles.card} aria-labelledby="pool-heading" data-testid="budget-result">
          <div className={styles.spread}>
            <Subtitle2 as="h2" id="pool-heading" className={styles.h2}>{t.chart}</Subtitle2>
          </div>
          <Caption1 className={styles.muted}>{limitLabel}</Caption1>
          <div className={styles.kpis}>
            <Kpi label={t.limit} value={wan(limit)} sub={yuan(limit)} testId="kpi-limit" />
            <Kpi label={t.committed} value={wan(result?.committed ?? new Decimal(0))} sub={yuan(result?.committed ?? new Decimal(0))} testId="kpi-committed" />
            <Kpi label={t.remaining} value={wan(result?.remaining ?? limit)} sub={yuan(result?.remaining ?? limit)} testId="kpi-remaining" />
            <Kpi
              label={t.exhausted}
              value={result?.exhaustedOn ?? t.notExhausted}
              sub={result && result.shortfall.greaterThan(0) ? `${t.shortfall}: ${wan(result.shortfall)}` : ""}
              testId="kpi-exhausted"
              alert={Boolean(result?.exhaustedOn)}
            />
          </div>
          <ProgressBar
            value={result ? Math.min(result.committed.dividedBy(limit).toNumber(), 1) : 0}
            color={result?.exhaustedOn ? "error" : "brand"}
            thickness="large"
            aria-label={`${t.committed} / ${t.limit}`}
          />
          {result ? <BudgetChart data={result} title={t.chart} /> : null}
          {rows.length > 1 ? (
            <Table size="extra-small" aria-label={t.perPool} data-testid="pool-table">
              <TableHeader>
                <TableRow>
                  <TableHeaderCell>{t.perPool}</TableHeaderCell>
                  <TableHeaderCell className={styles.num}>{t.limit}</TableHeaderCell>
                  <TableHeaderCell className={styles.num}>{t.committed}</TableHeaderCell>
                  <TableHeaderCell>{t.exhausted}</TableHeaderCell>
                </TableRow>
              </TableHeader>
              <TableBody>
                {rows.map((r) => (
                  <TableRow key={r.id} data-pool={r.id}>
                    <TableCell>{r.label}</TableCell>
                    <TableCell className={styles.num}>{wan(r.limit)}</TableCell>
                    <TableCell className={styles.num}>{wan(r.result.committed)}</TableCell>
                    <TableCell className={r.result.exhaustedOn ? styles.negative : undefined}>{r.result.exhaustedOn ?? "—"}</TableCell>
                  </TableRow>
                ))}
              </TableBody>
            </Table>
          ) : null}
          <div className={styles.row}>
            <Button appearance="primary" disabled={!result} onClick={() => void insertChart()}>{t.insertChart}</Button>
          </div>
          <NoticeBar notice={notice} testId="budget-notice" />
        </section>
      ) : null}
      <BudgetForecast />
    </div>
  );
}

function Kpi({ label, value, sub, testId, alert }: { label: string; value: string; sub: string; testId: string; alert?: boolean }) {
  const styles = useStyles();
  return (
    <div className={styles.kpi} data-testid={testId}>
      <Caption1 className={styles.muted}>{label}</Caption1>
      <Text className={styles.kpiValue} style={alert ? { color: "var(--colorPaletteRedForeground1)" } : undefined} data-testid={`${testId}-value`}>{value}</Text>
      {sub ? <Caption1 className={styles.muted}>{sub}</Caption1> : null}
    </div>
  );
}
