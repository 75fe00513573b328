import type { BudgetEntry } from "../../workbook/state";

/**
 * One commitment per line: "date, amount[, label[, pool]]" (commas, semicolons or, between date and
 * amount, spaces), or tab-separated cells pasted from Excel; amounts may carry thousands commas.
 * The pool names a programme (compute, 算力券 …) or "total"; empty: the pool chosen in the pane.
 */
export function parseEntries(text: string): BudgetEntry[] {
  const out: BudgetEntry[] = [];
  for (const line of text.split(/\r?\n/)) {
    if (line.trim() === "") continue;
    let cells: string[];
    if (line.includes("\t")) cells = line.split("\t").map((c) => c.trim());
    else {
      const m = /^\s*(\S+?)(?:\s*[,，;；]\s*|\s+)(\d{1,3}(?:,\d{3})+(?:\.\d+)?\S*|[^\s,，;；]+)(.*)$/.exec(line);
      cells = m ? [m[1], m[2], ...m[3].replace(/^\s*[,，;；]?\s*/, "").split(/\s*[,，;；]\s*/)] : [line.trim(), ""];
    }
    const [date, amount, label, pool] = cells.map((c) => (c ?? "").trim());
    out.push({ date: date ?? "", amount: amount ?? "", ...(label ? { label } : {}), ...(pool ? { pool } : {}) });
  }
  return out;
}

export function entriesText(entries: BudgetEntry[]): string {
  return entries
    .map((e) => (e.pool ? [e.date, e.amount, e.label ?? "", e.pool] : e.label ? [e.date, e.amount, e.label] : [e.date, e.amount]).join(", "))
    .join("\n");
}

/** Excel's serial day number (1900 date system) → ISO date: 46037 → 2026-01-15. */
export function excelSerialToIso(serial: number): string {
  return new Date(Date.UTC(1899, 11, 30) + Math.round(serial) * 86400000).toISOString().slice(0, 10);
}

/**
 * An applications table read from the sheet (date, amount[, label[, pool]] per row) → entries; a header
 * row (no amount in its second cell) is skipped, dates stored as serial numbers are converted.
 */
export function entriesFromCells(values: readonly (readonly (string | number | boolean)[])[]): BudgetEntry[] {
  const out: BudgetEntry[] = [];
  values.forEach((row, i) => {
    const [date, amount, label, pool] = row;
    if ((date === "" || date === undefined) && (amount === "" || amount === undefined)) return;
    if (i === 0 && typeof amount === "string" && !/\d/.test(amount)) return; // header
    const d = typeof date === "number" && date > 20000 && date < 80000 ? excelSerialToIso(date) : String(date ?? "");
    out.push({
      date: d,
      amount: String(amount ?? ""),
      ...(label !== undefined && label !== "" ? { label: String(label) } : {}),
      ...(pool !== undefined && pool !== "" ? { pool: String(pool) } : {}),
    });
  });
  return out;
}
