// An applications table as Excel passes it (rows of columns, a header row first) or as a file
// reader gives it: header names in English or Chinese, extra columns ignored.
import Decimal from "decimal.js";
import { clip, normalizeText, parseAmount } from "../amount";
import { AwardError, invalidValue } from "../errors";
import { bi, type Text } from "../text";
import { parseYear } from "../resolve";
import { parseDate, serialYear } from "./dates";

export type Column = "recipient" | "project" | "policy" | "programme" | "route" | "amount" | "domestic" | "date" | "year" | "paidBefore";

/** The header names each column may have (compared without case, spaces or full-width forms). */
export const HEADER_NAMES: Readonly<Record<Column, readonly string[]>> = {
  recipient: ["recipient", "applicant", "company", "enterprise", "unit", "organisation", "organization", "entity", "recipient name", "applicant name", "company name", "enterprise name", "申请企业", "申报企业", "企业主体", "申请单位", "申报单位", "申请人", "申报主体", "企业", "企业名称", "单位", "单位名称", "主体"],
  project: ["project", "project name", "product", "project id", "项目编号", "项目", "项目名称", "产品"],
  policy: ["policy", "jurisdiction", "政策", "政策版本", "地区", "辖区"],
  programme: ["programme", "program", "clause", "programme or clause", "program or clause", "programme/clause", "type", "voucher", "voucher type", "scheme", "支持类型", "申报类型", "奖补类型", "项目类型", "条款", "政策条款", "券种", "类型"],
  route: ["route", "路径", "申报路径", "申报类别", "类别", "子类"],
  amount: ["amount", "spend", "base", "requested", "request", "cost", "contract amount", "申请金额", "费用金额", "投入金额", "结算费用", "金额", "申报金额", "费用", "合同金额", "支出"],
  domestic: ["domestic", "is domestic", "domestic compute", "国产", "是否国产", "国产算力"],
  date: ["date", "application date", "date applied", "filed", "submitted", "申报时间", "申请时间", "受理日期", "日期", "申报日期", "申请日期"],
  year: ["year", "award year", "年度", "年份", "申报年度"],
  paidBefore: ["paid before", "already paid", "previously paid", "已获资助", "已获金额", "已拨付", "已兑现"],
};
const REQUIRED: Column[] = ["recipient", "policy", "programme", "amount"];

const HEADER_LOOKUP = new Map<string, Column>();
for (const [col, names] of Object.entries(HEADER_NAMES) as [Column, readonly string[]][]) {
  for (const n of names) HEADER_LOOKUP.set(normalizeText(n).replace(/[_-]/g, ""), col);
}

export function headerColumn(cell: unknown): Column | null {
  if (typeof cell !== "string") return null;
  return HEADER_LOOKUP.get(normalizeText(cell).replace(/[_-]/g, "").replace(/[（(].*[)）]$/, "")) ?? null;
}

/** Units an amount header may name in brackets: 金额（万元）, amount (CNY 10k). */
const UNITS: readonly [RegExp, Decimal, string][] = [
  [/^(元|rmb|cny|yuan|人民币元?)$/, new Decimal(1), "元"],
  [/^(万元|万|cny10k|10kcny|10k|rmb10k|10krmb|人民币万元)$/, new Decimal(1e4), "万元"],
  [/^(亿元|亿|cny100m|100mcny|100m)$/, new Decimal(1e8), "亿元"],
];

/** The unit of an amount column named in its header, e.g. 金额（万元）: null where it names none. */
export function headerUnit(cell: unknown): { factor: Decimal; name: string } | null {
  if (typeof cell !== "string") return null;
  const m = /[（(]([^（()）]*)[)）]\s*$/.exec(cell.normalize("NFKC"));
  if (!m) return null;
  const unit = normalizeText(m[1]).replace(/[\s_-]/g, "");
  for (const [re, factor, name] of UNITS) if (re.test(unit)) return { factor, name };
  throw invalidValue(bi(
    `the column "${clip(String(cell))}" names the unit "${clip(m[1])}": amounts are read in 元, 万元 or 亿元 (e.g. 金额（万元）); convert the column or rename it.`,
    `列“${clip(String(cell))}”标明的单位“${clip(m[1])}”无法识别：金额只按元、万元或亿元读取（如 金额（万元））；请换算该列或改列名。`,
  ));
}

/** Columns beyond the known ones, by normalized header (kept beside the column map). */
const extrasOf = new WeakMap<Map<Column, number>, [string, number][]>();

/** The units of a header's amount columns, found by readHeader (kept beside the column map). */
const unitsOf = new WeakMap<Map<Column, number>, Map<Column, { factor: Decimal; name: string }>>();

/** An amount cell of a column headed with a unit: a plain number in that unit, returned in 元. */
function inUnit(cell: unknown, unit: { factor: Decimal; name: string } | undefined, what: Text): unknown {
  if (!unit || unit.factor.equals(1) || isBlank(cell)) return cell;
  if (typeof cell === "string" && /[万亿元]/.test(cell)) {
    throw invalidValue(bi(
      `${what.en} "${clip(String(cell))}" carries its own unit in a column headed in ${unit.name}: give a plain number of ${unit.name}.`,
      `${what.zh}“${clip(String(cell))}”自带单位，而该列表头的单位是${unit.name}：请填以${unit.name}计的纯数字。`,
    ));
  }
  return parseAmount(cell, what).times(unit.factor).toString();
}

/** One application: a data row of the table. */
export interface Application {
  /** 0-based index among the data rows. */
  index: number;
  /** Row number in the sheet or file, the header being row 1 (for messages). */
  line: number;
  recipient: string;
  project: string;
  policy: string;
  /** programme or clause, with ":route" where the route column gives one. */
  programme: string;
  amount: unknown;
  domestic: unknown;
  /** Excel serial of the date, or null. */
  date: number | null;
  /** Year of the award: the year column, else the year of the date, else the default. */
  year: number;
  paidBefore: Decimal | null;
  /** Columns the table has beyond the known ones, by normalized header: a clause's further inputs
   *  (named like them, in English or Chinese), or the entity a limit is counted for (platform, event…). */
  extra?: ReadonlyMap<string, unknown>;
  /** Year of support inferred by the portfolio (the recipient's first row for the same clause and entity is year 1). */
  supportYear?: number;
}

/** A data row that could not be read: its row number and why. */
export interface BadRow { index: number; line: number; error: AwardError }

export type ParsedRow = { ok: true; app: Application } | { ok: false; bad: BadRow } | { ok: "blank"; index: number; line: number };

const isBlank = (c: unknown) => c === null || c === undefined || (typeof c === "string" && c.trim() === "");

/** 0 → A, 26 → AA: a column as a spreadsheet names it. */
function columnLetter(index: number): string {
  let s = "";
  for (let n = index + 1; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}

/** Finds the columns from the header row; throws naming what is missing, or a column given twice. */
export function readHeader(header: readonly unknown[]): Map<Column, number> {
  const cols = new Map<Column, number>();
  const units = new Map<Column, { factor: Decimal; name: string }>();
  const extras: [string, number][] = [];
  header.forEach((cell, i) => {
    const c = headerColumn(cell);
    if (!c && typeof cell === "string" && cell.trim() !== "") extras.push([normalizeText(cell), i]);
    if (c && cols.has(c)) {
      const j = cols.get(c)!;
      const [a, b] = [clip(String(header[j])), clip(String(cell))];
      throw invalidValue(bi(
        `the header has two ${c} columns: "${a}" (column ${columnLetter(j)}) and "${b}" (column ${columnLetter(i)}); keep one of them, or rename the other to a name not read as ${c}.`,
        `表头有两列都表示${HEADER_NAMES[c].filter((n) => /[^\x00-\x7f]/.test(n))[0] ?? c}：“${a}”（第 ${columnLetter(j)} 列）和“${b}”（第 ${columnLetter(i)} 列）；请只保留一列，或把另一列改成不会被识别为该列的名称。`,
      ));
    }
    if (c) {
      cols.set(c, i);
      if (c === "amount" || c === "paidBefore") {
        const u = headerUnit(cell);
        if (u) units.set(c, u);
      }
    }
  });
  unitsOf.set(cols, units);
  extrasOf.set(cols, extras);
  const missing = REQUIRED.filter((c) => !cols.has(c));
  if (missing.length > 0) {
    const shown = header.slice(0, 12).map((c) => (isBlank(c) ? "(empty)" : String(c))).join(", ");
    const zhNames = (c: Column) => HEADER_NAMES[c].filter((n) => /[^\x00-\x7f]/.test(n)).slice(0, 2).join("/");
    throw invalidValue(bi(
      `the first row must be a header row naming the columns; missing: ${missing.map((c) => `${c} (${zhNames(c)})`).join(", ")}. ` +
      `Columns: recipient/申请单位, project/项目, policy/政策, programme or clause/项目类型/条款, route, amount/金额, domestic/国产, date/日期, year/年度, paid before/已获资助; extra columns are ignored. ` +
      `For an Excel table pass Table1[#All], which includes the header. First row read: ${shown}.`,
      `首行须为列名表头；缺少：${missing.map((c) => `${zhNames(c)}（${c}）`).join("、")}。` +
      `可用列：申请单位/recipient、项目/project、政策/policy、项目类型/条款/programme/clause、route、金额/amount、国产/domestic、日期/date、年度/year、已获资助/paid before；其他列忽略。` +
      `Excel 表请传 Table1[#All]（含表头）。读到的首行：${shown}。`,
    ));
  }
  return cols;
}

/**
 * One copy of each short text a table repeats (policies, programmes, recipients: a million rows name
 * a few thousand), so a large table holds each name once. Bounded: past the limit texts are not shared.
 */
const INTERNED = new Map<string, string>();
function intern(t: string): string {
  if (t.length > 64) return t;
  const hit = INTERNED.get(t);
  if (hit !== undefined) return hit;
  if (INTERNED.size < 200_000) INTERNED.set(t, t);
  return t;
}

/** A cell kept as it is (a text shared where it repeats: TRUE/FALSE, 是/否). */
const internCell = (c: unknown) => (typeof c === "string" ? intern(c) : c ?? null);

/** Cells as read (NFKC, trimmed, shared), remembered by what the cell held: a name repeats over a table. Bounded. */
const TEXTS = new Map<string, string>();

function text(c: unknown): string {
  if (isBlank(c)) return "";
  if (typeof c !== "string" || c.length > 64) return intern(String(c).normalize("NFKC").trim());
  let t = TEXTS.get(c);
  if (t === undefined) {
    t = intern(c.normalize("NFKC").trim());
    if (TEXTS.size < 200_000) TEXTS.set(c, t);
  }
  return t;
}

/** Whether every known column of a row is blank. */
function isBlankRow(cols: Map<Column, number>, row: readonly unknown[]): boolean {
  for (const i of cols.values()) if (!isBlank(row[i])) return false;
  return true;
}

/**
 * Reads one data row. yearArg is the year for rows with neither a year nor a date.
 * @param line the row number shown in messages.
 */
export function readRow(cols: Map<Column, number>, row: readonly unknown[], index: number, line: number, yearArg: number): ParsedRow {
  const get = (c: Column) => (cols.has(c) ? row[cols.get(c)!] : undefined);
  if (isBlankRow(cols, row)) return { ok: "blank", index, line };
  try {
    const recipient = text(get("recipient"));
    if (!recipient) throw invalidValue(bi("recipient (申请单位) is empty: every application needs the unit that applies.", "申请单位（recipient）为空：每条申请都须填写申请单位。"));
    const policy = text(get("policy"));
    if (!policy) throw invalidValue(bi("policy (政策) is empty: give a jurisdiction such as hangzhou-binjiang, 广州 or langfang@2023.", "政策（policy）为空：请填写地区，如 hangzhou-binjiang、广州 或 langfang@2023。"));
    let programme = text(get("programme"));
    if (!programme) throw invalidValue(bi("programme or clause (项目类型/条款) is empty: give a programme such as compute or 算力券, or a clause.", "项目类型/条款（programme/clause）为空：请填写项目类型，如 compute 或 算力券，或填写条款。"));
    const route = text(get("route"));
    if (route) {
      if (programme.includes(":")) throw invalidValue(bi(
        `the route is given twice: in programme "${clip(programme)}" and in the route column ("${clip(route)}"); give it once.`,
        `路径填了两次：项目类型“${clip(programme)}”中和 route 列（“${clip(route)}”）中；请只填一处。`,
      ));
      programme = intern(`${programme}:${route}`);
    }
    const dateCell = get("date");
    const date = isBlank(dateCell) ? null : parseDate(dateCell, bi("date (日期)", "日期"));
    const yearCell = get("year");
    const year = !isBlank(yearCell) ? parseYear(typeof yearCell === "string" ? yearCell.replace(/年度$/, "") : yearCell, yearArg) : date !== null ? serialYear(date) : yearArg;
    const paidCell = get("paidBefore");
    const units = unitsOf.get(cols);
    const paidWords = bi("paid before (已获资助)", "已获资助");
    const paidBefore = isBlank(paidCell) ? null : parseAmount(inUnit(paidCell, units?.get("paidBefore"), paidWords), paidWords);
    const amount = inUnit(get("amount"), units?.get("amount"), bi("amount (金额)", "金额"));
    const app: Application = { index, line, recipient, project: text(get("project")), policy, programme, amount: isBlank(amount) ? null : amount, domestic: internCell(get("domestic")), date, year, paidBefore };
    const extras = extrasOf.get(cols);
    if (extras && extras.length > 0) {
      const extra = new Map<string, unknown>();
      for (const [name, i] of extras) if (!isBlank(row[i])) extra.set(name, row[i]);
      if (extra.size > 0) app.extra = extra;
    }
    return { ok: true, app };
  } catch (e) {
    if (e instanceof AwardError) return { ok: false, bad: { index, line, error: e } };
    throw e;
  }
}

/** Reads a whole table (header row first). */
export function readTable(table: readonly (readonly unknown[])[], yearArg: number): { rows: ParsedRow[]; columns: Map<Column, number> } {
  if (table.length === 0) throw invalidValue(bi("the applications table is empty: give a range with a header row and one row per application.", "申请表为空：请给一个区域，首行为表头，每条申请一行。"));
  const columns = readHeader(table[0]);
  const rows = table.slice(1).map((row, i) => readRow(columns, row, i, i + 2, yearArg));
  return { rows, columns };
}
