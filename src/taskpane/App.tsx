import * as React from "react";
import { NoticeBar } from "./Notice";
import {
  Badge, Body1, Caption1, Field, Input, MessageBar, MessageBarBody, MessageBarTitle, Select, Subtitle1, Tab, TabList, Text, mergeClasses,
} from "@fluentui/react-components";
import { evaluateFormula } from "../functions/evaluate";
import { MemoryWorkbook } from "../workbook/memory";
import { WorkbookSession } from "../workbook/session";
import type { Language } from "../workbook/state";
import { STRINGS, StringsContext, languageOf, useStrings } from "./i18n";
import { SessionContext, useWorkbookState } from "./session-hooks";
import { useStyles } from "./styles";
import { PolicyYearView, type ViewsFn } from "./PolicyYearView";
import { ScenariosView } from "./ScenariosView";
import { BudgetView } from "./BudgetView";

export type FormulaResult = {
  value: unknown;
  error: { code: string; message: string } | null;
};

export type TabId = "year" | "scenarios" | "budget" | "formula";

export type AppProps = {
  /** Office host reported by Office.onReady, or null in preview mode (plain browser). */
  host?: string | null;
  /** The workbook session (opened); defaults to a fresh in-memory workbook (preview, tests). */
  session?: WorkbookSession;
  /** Office.context.displayLanguage, e.g. "zh-CN"; the pane's language unless the workbook chose one. */
  displayLanguage?: string | null;
  /** Why opening the workbook failed (e.g. its recalculation refused while Excel edits a cell), or null. */
  startupError?: string | null;
  /** Defaults to evaluateFormula from src/functions/evaluate. */
  evaluate?: (formula: string) => FormulaResult;
  initialFormula?: string;
  initialTab?: TabId;
  /** Injectable for tests: what the policy-year view lists. */
  jurisdictionViews?: ViewsFn;
};

export const EXAMPLE_FORMULA = '=AWARD.COMPUTE_VOUCHER("hangzhou-binjiang","compute",20000000,TRUE,2026)';

function safeEvaluate(evaluate: (f: string) => FormulaResult, formula: string): FormulaResult {
  try {
    return evaluate(formula);
  } catch (err) {
    return { value: null, error: { code: "#ERROR!", message: err instanceof Error ? err.message : String(err) } };
  }
}

function formatValue(value: unknown): string {
  if (value === null || value === undefined) return "";
  if (typeof value === "boolean") return value ? "TRUE" : "FALSE";
  if (typeof value === "string" || typeof value === "number") return String(value);
  if (Array.isArray(value)) return value.map((r) => (Array.isArray(r) ? r.map(formatValue).join("\t") : formatValue(r))).join("\n");
  return JSON.stringify(value);
}

/**
 * A spilled result as Excel would show it: a table with its header row (scrolling inside its own box,
 * never the pane); EXPLAIN's trace (header step, value, quote, source) as numbered steps with quotes.
 */
function SpilledResult({ rows }: { rows: unknown[][] }) {
  const styles = useStyles();
  const [header, ...body] = rows.map((r) => (Array.isArray(r) ? r : [r]));
  const isTrace = header && header.length === 4 && body.length > 0 && body.every((r) => r.length === 4) && /^(step|步骤)$/.test(String(header[0]));
  if (isTrace) {
    return (
      <ol className={styles.steps} data-testid="formula-steps">
        {body.map((r, i) => (
          <li key={i} className={styles.stepItem}>
            <Caption1 className={styles.strong}>{formatValue(r[0])}</Caption1>
            <Text className={styles.wrap}>{formatValue(r[1])}</Text>
            {r[2] ? <Caption1 as="p" className={styles.quote}>{formatValue(r[2])}</Caption1> : null}
            {r[3] ? <Caption1 className={mergeClasses(styles.muted, styles.wrap)}>{formatValue(r[3])}</Caption1> : null}
          </li>
        ))}
      </ol>
    );
  }
  return (
    <div className={styles.tableBox} data-testid="formula-table">
      <table className={styles.table}>
        {body.length > 0 ? (
          <thead>
            <tr>{header.map((h, j) => <th key={j}>{formatValue(h)}</th>)}</tr>
          </thead>
        ) : null}
        <tbody>
          {(body.length > 0 ? body : [header]).map((r, i) => (
            <tr key={i}>{r.map((c, j) => <td key={j} className={typeof c === "number" ? styles.num : undefined}>{formatValue(c)}</td>)}</tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function FormulaBox({ evaluate, initialFormula }: { evaluate: (f: string) => FormulaResult; initialFormula: string }) {
  const t = useStrings();
  const styles = useStyles();
  useWorkbookState(); // re-evaluate when the year, pins or variants change
  const [formula, setFormula] = React.useState(initialFormula);
  const deferred = React.useDeferredValue(formula);
  const result = deferred.trim() === "" ? null : safeEvaluate(evaluate, deferred);
  return (
    <div className={styles.body}>
      <section className={styles.card} aria-labelledby="formula-heading">
        <Field label={<span id="formula-heading">{t.formula}</span>} hint={t.formulaHint}>
          <Input className={styles.mono} value={formula} onChange={(_, data) => setFormula(data.value)} spellCheck={false} aria-label="Formula" />
        </Field>
        <output aria-live="polite" aria-label={t.result} data-testid="formula-result">
          {result === null ? null : result.error ? (
            <MessageBar intent="error">
              <MessageBarBody>
                <MessageBarTitle data-testid="formula-error-code">{result.error.code}</MessageBarTitle>
                <span data-testid="formula-error-message">{result.error.message}</span>
              </MessageBarBody>
            </MessageBar>
          ) : (
            <div>
              {Array.isArray(result.value) ? (
                <SpilledResult rows={result.value as unknown[][]} />
              ) : (
                <div className={styles.value} data-testid="formula-value" style={{ whiteSpace: "pre-wrap", overflowWrap: "anywhere" }}>
                  {formatValue(result.value)}
                </div>
              )}
              {typeof result.value === "number" && Math.abs(result.value) >= 1000 ? (
                <Caption1 className={styles.muted}>{result.value.toLocaleString("zh-CN")}</Caption1>
              ) : null}
            </div>
          )}
        </output>
      </section>
    </div>
  );
}

function Pane({ host, evaluate, initialFormula, initialTab, displayLanguage, jurisdictionViews, startupError }: Required<Pick<AppProps, "evaluate" | "initialFormula" | "initialTab">> & AppProps) {
  const styles = useStyles();
  const state = useWorkbookState();
  const session = React.useContext(SessionContext)!;
  const language: Language = state.language ?? languageOf(displayLanguage);
  const t = STRINGS[language];
  const [tab, setTab] = React.useState<TabId>(initialTab);
  React.useEffect(() => {
    document.documentElement.lang = language === "zh" ? "zh-CN" : "en";
  }, [language]);
  const setLanguage = (value: string) =>
    void session.update((s) => ({ ...s, language: value === "" ? null : (value as Language) })).catch(() => undefined);
  return (
    <StringsContext.Provider value={t}>
      <main className={styles.root}>
        <header className={styles.header}>
          <div className={styles.headRow}>
            <div className={styles.titleBlock}>
              <Subtitle1 as="h1">{t.title}</Subtitle1>
              <Body1 as="p" className={styles.muted}>{t.subtitle}</Body1>
            </div>
            <Select
              size="small"
              className={styles.langSelect}
              aria-label={`${t.language} · Language · 语言`}
              value={state.language ?? ""}
              onChange={(_, d) => setLanguage(d.value)}
              data-testid="language"
            >
              <option value="">{`${t.officeLanguage}: ${language === "zh" ? "中文" : "EN"}`}</option>
              <option value="zh">中文</option>
              <option value="en">English</option>
            </Select>
          </div>
          {host ? null : (
            <div>
              <Badge appearance="tint" color="informative" size="small">{t.preview}</Badge>
            </div>
          )}
        </header>
        {startupError ? <NoticeBar notice={{ intent: "warning", text: t.startupFailed(startupError) }} testId="startup-error" /> : null}
        <TabList className={styles.tabs} selectedValue={tab} onTabSelect={(_, d) => setTab(d.value as TabId)} size="small">
          <Tab value="year">{t.tabYear}</Tab>
          <Tab value="scenarios">{t.tabScenarios}</Tab>
          <Tab value="budget">{t.tabBudget}</Tab>
          <Tab value="formula">{t.tabFormula}</Tab>
        </TabList>
        <div role="tabpanel" aria-label={{ year: t.tabYear, scenarios: t.tabScenarios, budget: t.tabBudget, formula: t.tabFormula }[tab]}>
          {tab === "year" ? <PolicyYearView views={jurisdictionViews} /> : null}
          {tab === "scenarios" ? <ScenariosView /> : null}
          {tab === "budget" ? <BudgetView /> : null}
          {tab === "formula" ? <FormulaBox evaluate={evaluate} initialFormula={initialFormula} /> : null}
        </div>
      </main>
    </StringsContext.Provider>
  );
}

export function App({ session, evaluate = evaluateFormula, initialFormula = EXAMPLE_FORMULA, initialTab = "year", ...rest }: AppProps) {
  const [own] = React.useState(() => {
    if (session) return null;
    const s = new WorkbookSession(new MemoryWorkbook());
    void s.open();
    return s;
  });
  return (
    <SessionContext.Provider value={session ?? own}>
      <Pane evaluate={evaluate} initialFormula={initialFormula} initialTab={initialTab} {...rest} />
    </SessionContext.Provider>
  );
}

export default App;
