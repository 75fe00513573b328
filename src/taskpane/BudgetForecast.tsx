// The Budget view's forecast: a pipeline (pasted, or the selected table) drawn N times in a Web
// Worker, every rule applied; per pool and year a fan chart of cumulative awards against the pool and
// the chance it is used up by each month, baseline and reform side by side; Insert writes the table
// and a native Excel chart.
import * as React from "react";
import Decimal from "decimal.js";
import {
  Button, Caption1, Field, Input, MessageBar, MessageBarBody, ProgressBar, Select, Subtitle2, Table, TableBody, TableCell,
  TableHeader, TableHeaderCell, TableRow, Text, Textarea,
} from "@fluentui/react-components";
import type { ForecastReport, PoolForecast } from "../engine/forecast";
import type { CellValue } from "../workbook/host";
import { BudgetFanChart } from "./BudgetFanChart";
import { startJob, type ForecastJob, type Running } from "./BudgetForecastJob";
import { useBudgetStrings, type BudgetStrings } from "./i18n-budget";
import { NoticeBar } from "./Notice";
import { useSession, useUpdate, useWorkbookState, useYear } from "./session-hooks";
import { useStyles } from "./styles";
import { wan } from "./format";

/** A pasted pipeline: lines of cells split by tab (Excel's copy), comma or semicolon. */
export function pipelineCells(text: string): CellValue[][] {
  const lines = text.split(/\r?\n/).filter((l) => l.trim() !== "");
  if (lines.length === 0) return [];
  const delimiter = ["\t", ",", ";"].map((d) => [d, lines[0].split(d).length] as const).sort((a, b) => b[1] - a[1])[0][0];
  return lines.map((l) => l.split(delimiter).map((c) => c.trim()));
}

const cellsText = (cells: CellValue[][]) => cells.map((r) => r.map((c) => String(c ?? "")).join("\t")).join("\n");
const pctText = (p: number) => `${(p * 100).toFixed(p > 0 && p < 0.1 ? 1 : 0)}%`;
const w = (n: number) => wan(new Decimal(n));

/** Loads the worker chunk where the page can run one. */
async function workerFactory(): Promise<(() => Worker) | null> {
  if (typeof Worker === "undefined" || typeof window === "undefined" || /jsdom/i.test(navigator.userAgent)) return null;
  try {
    const m = await import("./BudgetWorkerFactory");
    return m.makeForecastWorker;
  } catch {
    return null;
  }
}

export function BudgetForecast() {
  const { s } = useBudgetStrings();
  const styles = useStyles();
  const session = useSession();
  const state = useWorkbookState();
  const year = useYear();
  const engine = session.currentEngine;
  const [text, setText] = React.useState("");
  const [trials, setTrials] = React.useState("1000");
  const [seed, setSeed] = React.useState("1");
  const [method, setMethod] = React.useState<"fcfs" | "pro-rata">("fcfs");
  const [compare, setCompare] = React.useState("");
  const [progress, setProgress] = React.useState<{ done: number; total: number } | null>(null);
  const [report, setReport] = React.useState<ForecastReport | null>(null);
  const running = React.useRef<Running | null>(null);
  const { run, notice, setNotice } = useUpdate();
  const selection = useUpdate();
  const cells = React.useMemo(() => pipelineCells(text), [text]);

  // the shipped versions and the workbook's variants (the current engine's registry lists both once)
  const versions = React.useMemo(() => [...new Set([
    ...engine.registry.listVersions().map((v) => v.key),
    ...state.variants.map((v) => `${v.base}~${v.name}`),
  ])], [engine, state.variants]);

  const start = () => run(async () => {
    const job: ForecastJob = {
      cells, year, trials: Number(trials), seed: Number(seed), method, compare: compare || null, variants: state.variants, pins: state.pins,
    };
    setReport(null);
    setProgress({ done: 0, total: job.trials });
    const r = startJob(job, (done, total) => setProgress({ done, total }), await workerFactory());
    running.current = r;
    try {
      const result = await r.promise;
      if (result === null) return s.cancelled;
      setReport(result);
    } finally {
      running.current = null;
      setProgress(null);
    }
  });
  const cancel = () => {
    running.current?.cancel();
    setNotice({ intent: "info", text: s.cancelled });
  };
  const useSelected = () => selection.run(async () => {
    const { address, values } = await session.host.readSelection();
    setText(cellsText(values));
    return s.selectionRead(Math.max(0, values.length - 1), address);
  });
  const reformOf = (p: PoolForecast) => report?.compare?.pools.find((x) => x.jurisdiction === p.jurisdiction && x.poolId === p.poolId && x.year === p.year);
  const insert = (p: PoolForecast) => run(async () => {
    const reform = reformOf(p);
    const rows: CellValue[][] = p.months.map((m, i) => [m.month, m.pExhausted, m.awarded.p10, m.awarded.p50, m.awarded.p90, p.limit,
      ...(reform ? [reform.months[i].pExhausted, reform.months[i].awarded.p50] : [])]);
    const address = await session.host.insertChart({
      sheet: "AWARD forecast", title: `${p.pool} ${p.year} · ${report!.trials} trials · seed ${report!.seed}`,
      header: [...s.header, ...(reform ? s.reformHeader(report!.compare!.policy) : [])], rows,
      formats: ["@", "0.0%", "#,##0.00", "#,##0.00", "#,##0.00", "#,##0.00", ...(reform ? ["0.0%", "#,##0.00"] : [])],
      chartTitle: s.chartTitle(`${p.pool} ${p.year}`), series: reform ? [2, 3, 4, 5, 7] : [2, 3, 4, 5],
    });
    return s.inserted(address);
  });

  return (
    <section className={styles.card} aria-labelledby="forecast-heading" data-testid="forecast">
      <Subtitle2 as="h2" id="forecast-heading" className={styles.h2}>{s.forecast}</Subtitle2>
      <Caption1 className={styles.muted}>{s.forecastIntro}</Caption1>
      <Field label={s.pipeline} hint={`${s.pipelineHint}${cells.length > 1 ? ` · ${s.rowsRead(cells.length - 1)}` : ""}`} size="small">
        <Textarea value={text} rows={5} resize="vertical" className={styles.mono} onChange={(_, d) => setText(d.value)} data-testid="forecast-pipeline"
          placeholder={"申请单位\t政策\t项目类型\t路径\t金额\t最低\t最高\t概率\t数量\t从\t至\n大模型企业\t广州\t算力券\tlarge-model\t2400万\t1200万\t4000万\t0.85\t22\t2026-02-01\t2026-08-31"} />
      </Field>
      <div className={styles.row}>
        <Button size="small" onClick={() => void useSelected()}>{s.useSelection}</Button>
      </div>
      <NoticeBar notice={selection.notice} testId="forecast-selection-notice" />
      <div className={styles.twoCol}>
        <Field label={s.trials} size="small"><Input size="small" type="number" min={1} max={100000} value={trials} onChange={(_, d) => setTrials(d.value)} data-testid="forecast-trials" /></Field>
        <Field label={s.seed} size="small"><Input size="small" type="number" min={0} value={seed} onChange={(_, d) => setSeed(d.value)} data-testid="forecast-seed" /></Field>
        <Field label={s.method} size="small">
          <Select size="small" value={method} onChange={(_, d) => setMethod(d.value as "fcfs" | "pro-rata")}>
            <option value="fcfs">{s.fcfs}</option>
            <option value="pro-rata">{s.proRata}</option>
          </Select>
        </Field>
        <Field label={s.compare} size="small">
          <Select size="small" value={compare} onChange={(_, d) => setCompare(d.value)} data-testid="forecast-compare">
            <option value="">{s.noCompare}</option>
            {versions.map((v) => <option key={v} value={v}>{v}</option>)}
          </Select>
        </Field>
      </div>
      <div className={styles.row}>
        <Button appearance="primary" size="small" disabled={progress !== null || cells.length < 2} onClick={() => void start()} data-testid="forecast-run">{s.run}</Button>
        <Button size="small" disabled={progress === null} onClick={cancel} data-testid="forecast-cancel">{s.cancel}</Button>
      </div>
      {progress ? (
        <div data-testid="forecast-progress">
          <ProgressBar value={progress.total ? progress.done / progress.total : 0} thickness="large" aria-label={s.progress(progress.done, progress.total)} />
          <Caption1 className={styles.muted}>{s.progress(progress.done, progress.total)}</Caption1>
        </div>
      ) : null}
      <NoticeBar notice={notice} testId="forecast-notice" />
      {report ? <Results report={report} s={s} reformOf={reformOf} onInsert={(p) => void insert(p)} /> : null}
    </section>
  );
}

function Results({ report, s, reformOf, onInsert }: { report: ForecastReport; s: BudgetStrings; reformOf: (p: PoolForecast) => PoolForecast | undefined; onInsert: (p: PoolForecast) => void }) {
  const styles = useStyles();
  return (
    <div className={styles.section} data-testid="forecast-results">
      {report.errors.length ? (
        <MessageBar intent="warning"><MessageBarBody>
          {s.rowErrors(report.errors.length)} {report.errors.slice(0, 3).map((e) => `${e.line}: ${e.message.en} / ${e.message.zh}`).join("; ")}
        </MessageBarBody></MessageBar>
      ) : null}
      {report.pools.length === 0 ? <Caption1>{s.noPool}</Caption1> : null}
      <Caption1 className={styles.muted}>{s.fanLegend}</Caption1>
      {report.pools.map((p) => {
        const reform = reformOf(p);
        return (
          <div key={`${p.pool}|${p.year}`} className={styles.section} data-testid="forecast-pool" data-pool={`${p.pool} ${p.year}`}>
            <Text className={styles.strong} style={{ overflowWrap: "anywhere" }}>{p.pool} · {p.year} · {w(p.limit)}</Text>
            <div className={styles.kpis}>
              <Kpi label={s.usedUp} value={pctText(p.pExhausted)} reform={reform && pctText(reform.pExhausted)} testId="forecast-pexhausted" />
              <Kpi label={s.usedUpBy} value={p.exhaustion.p50 ?? s.never} reform={reform && (reform.exhaustion.p50 ?? s.never)} testId="forecast-date" />
              <Kpi label={s.awardedMedian} value={w(p.awarded.p50)} reform={reform && w(reform.awarded.p50)} testId="forecast-awarded" />
              <Kpi label={s.unmetMedian} value={w(p.unmet.p50)} reform={reform && w(reform.unmet.p50)} testId="forecast-unmet" />
            </div>
            <div style={{ display: "flex", flexWrap: "wrap", gap: 6 }}>
              <BudgetFanChart pool={p} title={s.baseline} testId="fan-baseline" />
              {reform ? <BudgetFanChart pool={reform} title={report.compare!.policy} testId="fan-reform" /> : null}
            </div>
            <Table size="extra-small" aria-label={s.byMonth} data-testid="forecast-months">
              <TableHeader>
                <TableRow>
                  <TableHeaderCell>{s.month}</TableHeaderCell>
                  <TableHeaderCell className={styles.num}>{s.baseline}</TableHeaderCell>
                  {reform ? <TableHeaderCell className={styles.num}>{s.reform}</TableHeaderCell> : null}
                </TableRow>
              </TableHeader>
              <TableBody>
                {p.months.map((m, i) => (
                  <TableRow key={m.month}>
                    <TableCell>{m.month}</TableCell>
                    <TableCell className={styles.num}>{pctText(m.pExhausted)}</TableCell>
                    {reform ? <TableCell className={styles.num}>{pctText(reform.months[i].pExhausted)}</TableCell> : null}
                  </TableRow>
                ))}
              </TableBody>
            </Table>
            <Caption1 className={styles.muted}>{s.byMonth}{reform ? ` · ${s.reform}: ${report.compare!.policy}` : ""}</Caption1>
            <div className={styles.row}>
              <Button size="small" onClick={() => onInsert(p)} data-testid="forecast-insert">{s.insert}</Button>
            </div>
          </div>
        );
      })}
    </div>
  );
}

function Kpi({ label, value, reform, testId }: { label: string; value: string; reform?: string; testId: string }) {
  const styles = useStyles();
  return (
    <div className={styles.kpi} data-testid={testId}>
      <Caption1 className={styles.muted}>{label}</Caption1>
      <Text className={styles.kpiValue}>{value}</Text>
      {reform !== undefined ? <Caption1 style={{ color: "var(--colorPaletteRedForeground1)" }}>→ {reform}</Caption1> : null}
    </div>
  );
}
