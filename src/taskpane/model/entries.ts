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

