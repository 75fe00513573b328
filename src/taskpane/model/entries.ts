import type { BudgetEntry } from "../../workbook/state";

/** "2026-01-15, 2000万, 甲公司" or tab-separated cells → entries; amounts may carry thousands commas. */
export function parseEntries(text: string): BudgetEntry[] {
  const out: BudgetEntry[] = [];
  for (const line of text.split(/\r?\n/)) {
    if (line.trim() === "") continue;
    const cells = line.includes("\t")
      ? line.split("\t").map((c) => c.trim())
      : (/^\s*(\S+?)[\s,，;；]+(\d{1,3}(?:,\d{3})+(?:\.\d+)?\S*|[^\s,，;；]+)(?:[\s,，;；]+(.*))?$/.exec(line)?.slice(1) ?? [line.trim(), ""]);
    const [date, amount, label] = cells;
    out.push({ date: date ?? "", amount: amount ?? "", ...(label ? { label: label.trim() } : {}) });
  }
  return out;
}

export function entriesText(entries: BudgetEntry[]): string {
  return entries.map((e) => [e.date, e.amount, e.label].filter(Boolean).join(", ")).join("\n");
}


/** Excel's serial day number (1900 date system) → ISO date: 46037 → 2026-01-15. */
export function excelSerialToIso(serial: number): string {
  return new Date(Date.UTC(1899, 11, 30) + Math.round(serial) * 86400000).toISOString().slice(0, 10);
}

/**
 * An applications table read from the sheet (date, amount[, label] per row) → entries; a header
 * row (no amount in its second cell) is skipped, dates stored as serial numbers are converted.
 */
export function entriesFromCells(values: readonly (readonly (string | number | boolean)[])[]): BudgetEntry[] {
  const out: BudgetEntry[] = [];
  values.forEach((row, i) => {
    const [date, amount, label] = row;
    if ((date === "" || date === undefined) && (amount === "" || amount === undefined)) return;
    if (i === 0 && typeof amount === "string" && !/\d/.test(amount)) return; // header
    const d = typeof date === "number" && date > 20000 && date < 80000 ? excelSerialToIso(date) : String(date ?? "");
    out.push({ date: d, amount: String(amount ?? ""), ...(label !== undefined && label !== "" ? { label: String(label) } : {}) });
  });
  return out;
}
