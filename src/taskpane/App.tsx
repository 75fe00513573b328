import * as React from "react";
import {
  Badge,
  Body1,
  Caption1,
  Field,
  Input,
  MessageBar,
  MessageBarBody,
  MessageBarTitle,
  Subtitle2,
  Title3,
  makeStyles,
  tokens,
} from "@fluentui/react-components";
import { evaluateFormula } from "../functions/evaluate";
import { defaultRegistry } from "../engine";

export type PolicyVersionRow = {
  key: string;
  jurisdiction: string;
  version: string;
  title: string;
  status: "final" | "draft";
  window: { from: string; to: string } | null;
  windowNote: string;
};

export type FormulaResult = {
  value: unknown;
  error: { code: string; message: string } | null;
};

export type AppProps = {
  /** Office host reported by Office.onReady, or null in preview mode (plain browser). */
  host?: string | null;
  /** Defaults to defaultRegistry().listVersions(); injectable for tests and previews. */
  listVersions?: () => PolicyVersionRow[];
  /** Defaults to evaluateFormula from src/functions/evaluate. */
  evaluate?: (formula: string) => FormulaResult;
  initialFormula?: string;
};

export const EXAMPLE_FORMULA = '=AWARD.COMPUTE_VOUCHER("hangzhou-binjiang","compute",20000000,TRUE,2026)';

const useStyles = makeStyles({
  root: {
    display: "flex",
    flexDirection: "column",
    rowGap: tokens.spacingVerticalL,
    padding: tokens.spacingHorizontalL,
  },
  section: { display: "flex", flexDirection: "column", rowGap: tokens.spacingVerticalS },
  header: { display: "flex", flexDirection: "column", rowGap: tokens.spacingVerticalXS, "& > *": { margin: 0 } },
  mono: { fontFamily: tokens.fontFamilyMonospace },
  value: {
    fontFamily: tokens.fontFamilyMonospace,
    fontSize: tokens.fontSizeBase500,
    fontWeight: tokens.fontWeightSemibold,
  },
  muted: { color: tokens.colorNeutralForeground3 },
  list: { listStyleType: "none", margin: 0, padding: 0, display: "flex", flexDirection: "column", rowGap: tokens.spacingVerticalS },
  item: {
    display: "flex",
    flexDirection: "column",
    rowGap: tokens.spacingVerticalXXS,
    paddingBottom: tokens.spacingVerticalS,
    borderBottom: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
  },
  itemHead: { display: "flex", alignItems: "center", justifyContent: "space-between", columnGap: tokens.spacingHorizontalS },
  key: { fontFamily: tokens.fontFamilyMonospace, fontWeight: tokens.fontWeightSemibold, overflowWrap: "anywhere" },
});

function defaultListVersions(): PolicyVersionRow[] {
  return defaultRegistry().listVersions();
}

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
  return JSON.stringify(value);
}

function PolicyList({ listVersions }: { listVersions: () => PolicyVersionRow[] }) {
  const styles = useStyles();
  const [state] = React.useState(() => {
    try {
      return { rows: listVersions(), error: null as string | null };
    } catch (err) {
      return { rows: [] as PolicyVersionRow[], error: err instanceof Error ? err.message : String(err) };
    }
  });
  if (state.error) {
    return (
      <MessageBar intent="error">
        <MessageBarBody>
          <MessageBarTitle>Policies could not be loaded</MessageBarTitle>
          {state.error}
        </MessageBarBody>
      </MessageBar>
    );
  }
  return (
    <ul className={styles.list} aria-label="Policies">
      {state.rows.map((row) => (
        <li key={row.key} className={styles.item} data-policy-key={row.key}>
          <div className={styles.itemHead}>
            <span className={styles.key}>{row.key}</span>
            <Badge appearance="tint" color={row.status === "final" ? "success" : "warning"}>
              {row.status}
            </Badge>
          </div>
          <Caption1>
            {row.jurisdiction} · {row.version}
            {row.title ? ` · ${row.title}` : ""}
          </Caption1>
          <Caption1>
            In force · 有效期:{" "}
            {row.window ? (
              <span className={styles.mono}>
                {row.window.from} – {row.window.to}
              </span>
            ) : (
              "never · 未生效"
            )}
          </Caption1>
          {row.windowNote ? <Caption1 className={styles.muted}>{row.windowNote}</Caption1> : null}
        </li>
      ))}
    </ul>
  );
}

function FormulaBox({ evaluate, initialFormula }: { evaluate: (f: string) => FormulaResult; initialFormula: string }) {
  const styles = useStyles();
  const [formula, setFormula] = React.useState(initialFormula);
  const deferred = React.useDeferredValue(formula);
  const result = React.useMemo(
    () => (deferred.trim() === "" ? null : safeEvaluate(evaluate, deferred)),
    [evaluate, deferred],
  );
  return (
    <div className={styles.section}>
      <Field label="Formula · 公式" hint="Any AWARD.* formula, as typed in a cell.">
        <Input
          className={styles.mono}
          value={formula}
          onChange={(_, data) => setFormula(data.value)}
          spellCheck={false}
          aria-label="Formula"
        />
      </Field>
      <output aria-live="polite" aria-label="Result" data-testid="formula-result">
        {result === null ? null : result.error ? (
          <MessageBar intent="error">
            <MessageBarBody>
              <MessageBarTitle data-testid="formula-error-code">{result.error.code}</MessageBarTitle>
              <span data-testid="formula-error-message">{result.error.message}</span>
            </MessageBarBody>
          </MessageBar>
        ) : (
          <div>
            <div className={styles.value} data-testid="formula-value">
              {formatValue(result.value)}
            </div>
            {typeof result.value === "number" && Math.abs(result.value) >= 1000 ? (
              <Caption1 className={styles.muted}>{result.value.toLocaleString("zh-CN")}</Caption1>
            ) : null}
          </div>
        )}
      </output>
    </div>
  );
}

export function App({
  host = null,
  listVersions = defaultListVersions,
  evaluate = evaluateFormula,
  initialFormula = EXAMPLE_FORMULA,
}: AppProps) {
  const styles = useStyles();
  return (
    <main className={styles.root}>
      <header className={styles.header}>
        <Title3 as="h1">AI Subsidy Award Model</Title3>
        <Body1 as="p" className={styles.muted}>
          人工智能产业补贴测算{host ? "" : " · preview mode (not running inside Excel)"}
        </Body1>
      </header>
      <section className={styles.section} aria-labelledby="policies-heading">
        <Subtitle2 as="h2" id="policies-heading">
          Policies · 政策版本
        </Subtitle2>
        <PolicyList listVersions={listVersions} />
      </section>
      <section className={styles.section} aria-labelledby="formula-heading">
        <Subtitle2 as="h2" id="formula-heading">
          Formula · 试算
        </Subtitle2>
        <FormulaBox evaluate={evaluate} initialFormula={initialFormula} />
      </section>
    </main>
  );
}

export default App;
