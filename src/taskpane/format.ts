import Decimal from "decimal.js";

/** 20000000 → "20,000,000.00" (fen shown: the figure a finance team checks). */
export function yuan(d: Decimal): string {
  const fixed = d.toDecimalPlaces(2, Decimal.ROUND_HALF_UP).toFixed(2);
  const [int, frac] = fixed.split(".");
  return `${int.replace(/\B(?=(\d{3})+(?!\d))/g, ",")}.${frac}`;
}

/** 20000000 → "2000万", 150000000 → "1.5亿", 1234 → "1234元": the way the texts write amounts. */
export function wan(d: Decimal): string {
  const abs = d.abs();
  const sign = d.isNegative() && !d.isZero() ? "−" : "";
  if (abs.greaterThanOrEqualTo(1e8)) return `${sign}${abs.dividedBy(1e8).toDecimalPlaces(4).toString()}亿`;
  if (abs.greaterThanOrEqualTo(1e4)) return `${sign}${abs.dividedBy(1e4).toDecimalPlaces(2).toString()}万`;
  return `${sign}${abs.toDecimalPlaces(2).toString()}元`;
}

export function signedWan(d: Decimal): string {
  return d.isZero() ? "±0" : d.isNegative() ? wan(d) : `+${wan(d)}`;
}

export function pct(d: Decimal): string {
  return `${d.times(100).toDecimalPlaces(4).toString()}%`;
}
