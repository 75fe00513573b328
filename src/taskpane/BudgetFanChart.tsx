// A fan chart of one pool and year: cumulative awards by month (p10–p90 band, median) against the
// pool, and the chance it is used up by each month's end (brown step line, 0–100% on the same box).
import * as React from "react";
import { tokens } from "@fluentui/react-components";
import Decimal from "decimal.js";
import { fanGeometry, type PoolForecast } from "../engine/forecast";
import { wan } from "./format";

export function BudgetFanChart({ pool, title, testId }: { pool: PoolForecast; title: string; testId: string }) {
  const g = fanGeometry(pool, 160, 110);
  const label = `${title}: ${pool.pool} ${pool.year}`;
  return (
    <figure style={{ margin: 0, flex: "1 1 120px", minWidth: 0 }} data-testid={testId}>
      <svg viewBox={`0 0 ${g.width} ${g.height}`} width="100%" role="img" aria-label={label} style={{ display: "block", background: tokens.colorNeutralBackground1 }}>
        <title>{label}</title>
        <path d={g.band} fill={tokens.colorBrandBackground2} stroke="none" />
        <path d={g.median} fill="none" stroke={tokens.colorBrandForeground1} strokeWidth={1.8} />
        <path d={g.limit} stroke={tokens.colorPaletteRedBorder2} strokeDasharray="4 3" strokeWidth={1.2} />
        <text x={6} y={g.limitY - 3} fontSize={9} fill={tokens.colorPaletteRedForeground1}>{wan(new Decimal(pool.limit))}</text>
        <path d={g.exhausted} fill="none" stroke={tokens.colorPaletteDarkOrangeForeground1} strokeWidth={1} />
        <text x={g.monthX[0]} y={g.height - 1} fontSize={8} textAnchor="middle" fill={tokens.colorNeutralForeground3}>1</text>
        <text x={g.monthX[5]} y={g.height - 1} fontSize={8} textAnchor="middle" fill={tokens.colorNeutralForeground3}>6</text>
        <text x={g.monthX[11] - 4} y={g.height - 1} fontSize={8} textAnchor="middle" fill={tokens.colorNeutralForeground3}>12</text>
      </svg>
      <figcaption style={{ fontSize: tokens.fontSizeBase100, color: tokens.colorNeutralForeground3, overflowWrap: "anywhere" }}>{title}</figcaption>
    </figure>
  );
}
