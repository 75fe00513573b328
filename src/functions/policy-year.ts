// The year AWARD formulas use when they give none: the workbook's policy year where the task pane
// has set one (the workbook layer calls setPolicyYearSource), otherwise the current year.

let source: () => number | null = () => null;

export function setPolicyYearSource(read: () => number | null): void {
  source = read;
}

export function policyYear(): number {
  return source() ?? new Date().getFullYear();
}
