import * as React from "react";
import Decimal from "decimal.js";
import { tokens } from "@fluentui/react-components";
import type { Exhaustion } from "./model/exhaustion";
import { wan } from "./format";

const W = 320;
const H = 170;
const PAD = { l: 48, r: 10, t: 12, b: 24 };
const day = (d: string) => Date.parse(`${d}T00:00:00Z`) / 86400000;

/** Cumulative commitments (a step line) against the pool (a dashed line); SVG, no chart library. */
export function BudgetChart({ data, title }: { data: Exhaustion; title: string }) {
  const pts = data.points;
  if (pts.length === 0) return null;
  const x0 = day(pts[0].date);
  const x1 = Math.max(day(pts[pts.length - 1].date), x0 + 1);
  const yMax = Math.max(data.limit.toNumber(), data.committed.toNumber()) * 1.08 || 1;
  const sx = (d: string) => PAD.l + ((day(d) - x0) / (x1 - x0)) * (W - PAD.l - PAD.r);
  const sy = (v: number) => H - PAD.b - (v / yMax) * (H - PAD.t - PAD.b);
  let path = `M ${sx(pts[0].date)} ${sy(0)}`;
  for (const p of pts) path += ` H ${sx(p.date).toFixed(1)} V ${sy(p.cumulative.toNumber()).toFixed(1)}`;
  const limitY = sy(data.limit.toNumber());
  const ticks = [0, 0.5, 1].map((f) => yMax * f / 1.08);
  const summary = `${title}: ${wan(data.committed)} / ${wan(data.limit)}${data.exhaustedOn ? `, ${data.exhaustedOn}` : ""}`;
  const ex = data.exhaustedOn ? pts.find((p) => p.date === data.exhaustedOn) : undefined;
  return (
    <svg viewBox={`0 0 ${W} ${H}`} width="100%" role="img" aria-label={summary} data-testid="budget-chart" style={{ display: "block" }}>
      <title>{summary}</title>
      {ticks.map((v, i) => (
        <g key={i}>
          <line x1={PAD.l} x2={W - PAD.r} y1={sy(v)} y2={sy(v)} stroke={tokens.colorNeutralStroke2} strokeWidth={1} />
          <text x={PAD.l - 4} y={sy(v) + 3} textAnchor="end" fontSize={9} fill={tokens.colorNeutralForeground3}>{wan(new Decimal(Math.round(v)))}</text>
        </g>
      ))}
      <line x1={PAD.l} x2={W - PAD.r} y1={limitY} y2={limitY} stroke={tokens.colorPaletteRedBorder2} strokeWidth={1.5} strokeDasharray="5 3" />
      <text x={PAD.l + 4} y={limitY - 4} textAnchor="start" fontSize={9} fill={tokens.colorPaletteRedForeground1}>{wan(data.limit)}</text>
      <path d={path} fill="none" stroke={tokens.colorBrandForeground1} strokeWidth={2} />
      {pts.map((p, i) => (
        <circle key={i} cx={sx(p.date)} cy={sy(p.cumulative.toNumber())} r={2.5} fill={tokens.colorBrandForeground1} />
      ))}
      {ex ? <circle cx={sx(ex.date)} cy={sy(ex.cumulative.toNumber())} r={5} fill="none" stroke={tokens.colorPaletteRedForeground1} strokeWidth={2} /> : null}
      <text x={PAD.l} y={H - 6} fontSize={9} fill={tokens.colorNeutralForeground3}>{pts[0].date}</text>
      <text x={W - PAD.r} y={H - 6} textAnchor="end" fontSize={9} fill={tokens.colorNeutralForeground3}>{pts[pts.length - 1].date}</text>
    </svg>
  );
}
