import * as React from "react";
import { Badge, Button, Caption1, Field, MessageBar, MessageBarBody, MessageBarTitle, Select, Subtitle2, Text, mergeClasses } from "@fluentui/react-components";
import { jurisdictionViews, type JurisdictionView, type OutsideReason } from "./model/years";
import { STRINGS, useStrings, type Strings } from "./i18n";
import { useSession, useUpdate, useWorkbookState, useYear } from "./session-hooks";
import { useStyles } from "./styles";
import { NoticeBar } from "./Notice";
import { titleIn } from "../engine/messages";
import type { Engine } from "../engine";

export type ViewsFn = (engine: Engine, year: number, pins: Record<string, string>) => JurisdictionView[];

const YEARS = Array.from({ length: 13 }, (_, i) => 2020 + i);

function reasonText(t: Strings, r: OutsideReason): string {
  switch (r.kind) {
    case "never": return t.draftNever;
    case "variant": return `${t.variant}: ${r.base}`;
    case "expired": return t.expiredOn(r.date);
    case "repealed": return t.repealedOn(r.date, r.by);
    case "not-yet": return t.notYet(r.date);
  }
}

export function PolicyYearView({ views = jurisdictionViews }: { views?: ViewsFn }) {
  const t = useStrings();
  const styles = useStyles();
  const session = useSession();
  const state = useWorkbookState();
  const year = useYear();
  const { run, notice } = useUpdate();
  const [, setAfresh] = React.useState(0); // re-render once the user has chosen to start afresh
  const savedText = session.host.kind === "excel" ? t.saved : t.savedPreview;
  const current = new Date().getFullYear();

  let list: JurisdictionView[] = [];
  let error: string | null = null;
  try {
    list = views(session.currentEngine, year, state.pins);
  } catch (e) {
    error = e instanceof Error ? e.message : String(e);
  }

  const setYear = (value: string) =>
    run(async () => {
      await session.update((s) => ({ ...s, year: value === "" ? null : Number(value) }));
      return savedText;
    });
  const setPin = (jid: string, version: string) =>
    run(async () => {
      await session.update((s) => {
        const pins = { ...s.pins };
        if (version === "") delete pins[jid];
        else pins[jid] = version;
        return { ...s, pins };
      });
      return savedText;
    });

  return (
    <div className={styles.body}>
      <section className={styles.card} aria-labelledby="year-heading">
        <Subtitle2 as="h2" id="year-heading" className={styles.h2}>{t.yearLabel}</Subtitle2>
        <Field label={t.yearLabel} hint={t.yearHint}>
          <Select value={state.year === null ? "" : String(state.year)} onChange={(_, d) => void setYear(d.value)} data-testid="year-select">
            <option value="">{t.yearCurrent(current)}</option>
            {YEARS.map((y) => (
              <option key={y} value={String(y)}>{y}</option>
            ))}
          </Select>
        </Field>
        <Text data-testid="year-in-use">{t.yearInUse(year)}</Text>
        <NoticeBar notice={notice} testId="year-notice" />
        {session.notice ? (
          <MessageBar intent="warning" data-testid="settings-notice">
            <MessageBarBody>
              {t === STRINGS.zh ? session.notice.zh : session.notice.en}
              {session.unreadable ? (
                <Button size="small" onClick={() => { session.discardUnreadable(); setAfresh((n) => n + 1); }} data-testid="settings-afresh">
                  {t === STRINGS.zh ? "重新开始（原设置保留在备份中）" : "Start afresh (the old settings stay in their backup)"}
                </Button>
              ) : null}
            </MessageBarBody>
          </MessageBar>
        ) : null}
      </section>
      <section className={styles.section} aria-labelledby="policies-heading">
        <Subtitle2 as="h2" id="policies-heading" className={styles.h2}>{t.policies}</Subtitle2>
        {error ? (
          <MessageBar intent="error">
            <MessageBarBody>
              <MessageBarTitle>{t.policiesError}</MessageBarTitle>
              {error}
            </MessageBarBody>
          </MessageBar>
        ) : (
          list.map((j) => <JurisdictionCard key={j.id} j={j} year={year} onPin={(v) => void setPin(j.id, v)} />)
        )}
      </section>
    </div>
  );
}

function JurisdictionCard({ j, year, onPin }: { j: JurisdictionView; year: number; onPin: (version: string) => void }) {
  const t = useStrings();
  const styles = useStyles();
  const headingId = `j-${j.id}`;
  return (
    <section className={styles.card} aria-labelledby={headingId} data-jurisdiction={j.id}>
      <div className={styles.spread}>
        <Text as="h3" id={headingId} className={styles.h3}>
          {j.name} <span className={styles.muted}>· {j.nameEn}</span>
        </Text>
        {j.inUse ? <span className={styles.key} style={{ whiteSpace: "nowrap", flexShrink: 0 }} data-testid={`in-use-${j.id}`}>{j.inUse.split("@")[1]}</span> : null}
      </div>
      <Field label={t.pinLabel} size="small">
        <Select size="small" value={j.pin ?? ""} onChange={(_, d) => onPin(d.value)} data-testid={`pin-${j.id}`}>
          <option value="">{t.followYear(j.byYear)}</option>
          {j.versions.map((v) => (
            <option key={v.key} value={v.version}>{v.key}</option>
          ))}
        </Select>
      </Field>
      {j.warning ? (
        <MessageBar intent="warning" data-testid={`warning-${j.id}`}>
          <MessageBarBody>
            {j.warning.kind === "none-in-force" ? t.noneInForce(j.name, year) : t.pinnedOutside(j.warning.key, year, reasonText(t, j.warning.reason))}
          </MessageBarBody>
        </MessageBar>
      ) : null}
      {j.partial ? (
        <MessageBar intent="info" data-testid={`partial-${j.id}`}>
          <MessageBarBody>{t.partialYear(j.partial.key, year, j.partial.from, j.partial.to)}</MessageBarBody>
        </MessageBar>
      ) : null}
      <ul className={styles.list} aria-label={`${t.policies}: ${j.name}`}>
        {j.versions.map((v) => (
          <li key={v.key} className={mergeClasses(styles.item, v.inUse && styles.itemInUse)} data-policy-key={v.key}>
            <div className={styles.spread}>
              <span className={styles.key}>{v.key}</span>
              <span className={styles.row}>
                {v.inUse ? <Badge appearance="filled" color="brand" size="small">{j.pin ? t.pinned : t.inUse}</Badge> : null}
                <Badge appearance="tint" size="small" color={v.variant ? "important" : v.status === "final" ? "success" : "warning"}>
                  {v.variant ? t.variant : v.status === "final" ? t.final : t.draft}
                </Badge>
              </span>
            </div>
            <Caption1 className={styles.muted}>{titleIn(t.lang, v)}</Caption1>
            <Caption1>
              {t.inForce}: {v.window ? <span className={styles.mono}>{v.window.from} – {v.window.to}</span> : t.never}
            </Caption1>
            {v.windowAssumed ? (
              <div>
                <Badge appearance="tint" size="small" color="warning" data-testid={`assumed-${v.key}`}>{t.windowAssumed}</Badge>
              </div>
            ) : null}
          </li>
        ))}
      </ul>
    </section>
  );
}
