// Issue 12, findings 3 and 4: saved settings that do not load are kept exactly as saved, shown with
// their reason, and never lost on the next save; a value that is not JSON is kept aside untouched
// and nothing is saved over it until the user chooses; a size limit with a message.

jest.mock("office-addin-manifest", () => ({
  OfficeApp: { Excel: "excel", OneNote: "onenote", Outlook: "outlook", PowerPoint: "powerpoint", Project: "project", Word: "word" },
}));
import { setDefaultEngine } from "../src/engine";
import { evaluateFormula } from "../src/functions/evaluate";
import { setPolicyYearSource } from "../src/functions/policy-year";
import { MemoryWorkbook } from "../src/workbook/memory";
import { BACKUP_KEY, OfficeWorkbook, SETTINGS_KEY } from "../src/workbook/office";
import { WorkbookSession } from "../src/workbook/session";
import { EMPTY_STATE, SETTINGS_MAX_CHARS } from "../src/workbook/state";
import { installOffice } from "./helpers/office-settings";

afterEach(() => {
  setDefaultEngine(null);
  setPolicyYearSource(() => null);
  delete (global as { Office?: unknown }).Office;
});

const GOOD = { base: "hangzhou-binjiang@2025", name: "draft-40pct", edits: [{ field: "compute.rate", value: "40%" }, { field: "compute.cap", value: "1500万" }] };
const UNKNOWN_PROGRAMME = { base: "hangzhou-binjiang@2025", name: "odd", edits: [{ field: "teleport.rate", value: "40%" }], note: "saved by a later add-in" };
const REMOVED_VERSION = { base: "hangzhou-binjiang@2019", name: "old", edits: [{ field: "compute.rate", value: "40%" }] };
const DUPLICATE = { ...GOOD, edits: [{ field: "compute.rate", value: "50%" }] };
const SAVED = {
  schema: 1, year: 2026, pins: { langfang: "2023", "hangzhou-binjiang": "2019" }, variants: [GOOD, UNKNOWN_PROGRAMME, REMOVED_VERSION, DUPLICATE, "not a variant"],
  scenarios: [], baseline: null, budget: null, language: null,
};

test("what loads is applied; what does not is kept as saved with its reason, and written back on the next save (finding 3)", async () => {
  const wb = new MemoryWorkbook(JSON.stringify(SAVED));
  const session = new WorkbookSession(wb);
  await session.open();
  // the good variant applies: 3000万 × 40% = 1200万 under the edited 1500万 cap (滨江 2025 （一）)
  expect(evaluateFormula('=AWARD.COMPUTE_VOUCHER("hangzhou-binjiang@2025~draft-40pct","compute",30000000)').value).toBe(12000000);
  expect(session.current.pins).toEqual({ langfang: "2023" });
  expect(session.kept.map((k) => k.list)).toEqual(["variants", "variants", "variants", "variants", "pins"]);
  expect(session.kept.map((k) => k.value)).toEqual(["not a variant", UNKNOWN_PROGRAMME, REMOVED_VERSION, DUPLICATE, "2019"]);
  for (const k of session.kept) expect(k.reason.en.length).toBeGreaterThan(10);
  expect(session.notice!.en).toMatch(/pin hangzhou-binjiang = 2019 is kept as saved but not applied: .*no version "2019"/);
  expect(session.notice!.zh).toMatch(/已按原样保留但未应用/);
  // the next change saves everything: the kept variants and pin exactly as they were saved
  await session.update((s) => ({ ...s, language: "zh" }));
  const saved = JSON.parse(wb.savedText);
  expect(saved.language).toBe("zh");
  expect(saved.variants).toEqual(expect.arrayContaining(SAVED.variants));
  expect(saved.variants).toHaveLength(SAVED.variants.length);
  expect(saved.pins).toEqual(SAVED.pins);
  // and again after a change of what formulas compute
  await session.update((s) => ({ ...s, year: 2025, pins: { ...s.pins, langfang: "2023" } }));
  expect(JSON.parse(wb.savedText).variants).toHaveLength(SAVED.variants.length);
  // the user removes one kept item: only then is it gone
  await session.removeKept(0);
  expect(JSON.parse(wb.savedText).variants).not.toContain("not a variant");
  expect(JSON.parse(wb.savedText).variants).toHaveLength(SAVED.variants.length - 1);
});

test("settings that are not JSON are kept aside untouched; nothing is saved over them until the user chooses (finding 4)", async () => {
  const raw = '{"schema":1,"year":2026,"variants":[{"base":"hangzhou-binjiang@2025", TRUNCATED';
  const wb = new MemoryWorkbook(raw);
  const session = new WorkbookSession(wb);
  await session.open();
  expect(wb.backup).toBe(raw);
  expect(session.unreadable?.raw).toBe(raw);
  expect(session.notice!.en).toMatch(/not valid JSON .* kept aside, untouched/);
  expect(session.notice!.zh).toMatch(/不是有效的 JSON/);
  await expect(session.update((s) => ({ ...s, year: 2027 }))).rejects.toThrow(/could not be read and are kept aside/);
  expect(wb.savedText).toBe(raw);
  session.discardUnreadable();
  await session.update((s) => ({ ...s, year: 2027 }));
  expect(JSON.parse(wb.savedText).year).toBe(2027);
  expect(wb.backup).toBe(raw); // still there
});

test("a size limit with a message: a save past it is refused and what was saved stays", async () => {
  const wb = new MemoryWorkbook({ ...EMPTY_STATE, year: 2026 });
  const session = new WorkbookSession(wb);
  await session.open();
  const before = wb.savedText;
  const huge = Array.from({ length: 20000 }, (_, i) => ({ id: `s${i}`, label: "x".repeat(60), jurisdiction: "滨江", programme: "compute", amount: "5000万", domestic: true }));
  await expect(session.update((s) => ({ ...s, scenarios: huge }))).rejects.toThrow(new RegExp(`more than the ${SETTINGS_MAX_CHARS.toLocaleString("en-US")} a workbook keeps`));
  expect(wb.savedText).toBe(before);
  // a saved value past the limit is kept aside like one that is not JSON
  const big = new MemoryWorkbook(JSON.stringify({ ...EMPTY_STATE, scenarios: huge }));
  const s2 = new WorkbookSession(big);
  await s2.open();
  expect(s2.unreadable?.reason.en).toMatch(/more than the 1,000,000/);
  expect(big.backup).toBe(big.savedText);
});

test("in Excel (office-addin-mock): the unreadable value goes to its backup key, the settings key is not written", async () => {
  const raw = "{not json";
  const { store } = installOffice({ [SETTINGS_KEY]: raw });
  const host = new OfficeWorkbook();
  host.recalculate = async () => undefined;
  const session = new WorkbookSession(host);
  await session.open();
  expect(store[BACKUP_KEY]).toBe(raw);
  await expect(session.update((s) => ({ ...s, year: 2027 }))).rejects.toThrow(/kept aside/);
  expect(store[SETTINGS_KEY]).toBe(raw);
  // kept items written back through Office too
  store[SETTINGS_KEY] = JSON.stringify(SAVED);
  const again = new WorkbookSession(host);
  await again.open();
  await again.update((s) => ({ ...s, language: "en" }));
  expect(JSON.parse(store[SETTINGS_KEY] as string).variants).toHaveLength(SAVED.variants.length);
});
