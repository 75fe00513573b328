// Reads the first sheet of an .xlsx workbook as a stream of rows, in bounded memory and time.
// Before anything is inflated, the zip's central directory is read and every entry's sizes are
// checked (each entry, the compression ratio, the total), so a small file holding gigabytes of XML
// (a zip bomb) is refused at once; while inflating, the bytes actually produced are counted
// against the same limits, so a directory that lies about sizes is caught too. The sheet's XML is
// parsed as it inflates (saxes), and text is decoded by the XML parser as a whole, never cut at a
// chunk boundary (exceljs's streaming reader garbles a CJK character split across chunks).
import * as fs from "fs";
import * as zlib from "zlib";
import { SaxesParser } from "saxes";
import { bi, type Text } from "../engine/text";

export type XlsxCell = string | number | boolean | null;

/** Limits of what an applications workbook may inflate to. */
export const XLSX_LIMITS = {
  /** all entries together, inflated */
  total: 2 * 2 ** 30,
  /** one entry, inflated */
  entry: 2 * 2 ** 30,
  /** the shared strings, inflated: held in memory */
  sharedStrings: 256 * 2 ** 20,
  /** inflated ÷ compressed, for entries over 1 MiB inflated (spreadsheet XML compresses 5–50×) */
  ratio: 200,
};

/** Text of one cell read at most (Excel's own limit is 32,767 characters). */
const MAX_CELL_TEXT = 1 << 20;

export class XlsxError extends Error {
  constructor(readonly text: Text) {
    super(text.en);
  }
}

interface Entry { name: string; method: number; compressed: number; size: number; offset: number }

const MiB = (n: number) => `${(n / 2 ** 20).toLocaleString("en-US", { maximumFractionDigits: 1 })} MiB`;

/** Reads the zip's central directory (no inflating): each entry's name, method, sizes and offset. */
function readDirectory(fd: number, fileSize: number): Entry[] {
  const tailLen = Math.min(fileSize, 65535 + 22);
  const tail = Buffer.alloc(tailLen);
  fs.readSync(fd, tail, 0, tailLen, fileSize - tailLen);
  let eocd = -1;
  for (let i = tailLen - 22; i >= 0; i--) if (tail.readUInt32LE(i) === 0x06054b50) { eocd = i; break; }
  if (eocd < 0) throw new XlsxError(bi("not a zip archive (an .xlsx is one): no central directory", "不是 zip 压缩包（.xlsx 应是）：找不到中央目录"));
  const count = tail.readUInt16LE(eocd + 10);
  const cdSize = tail.readUInt32LE(eocd + 12);
  const cdOffset = tail.readUInt32LE(eocd + 16);
  if (cdOffset === 0xffffffff || count === 0xffff) throw new XlsxError(bi("a ZIP64 archive: larger than an applications workbook can be", "ZIP64 压缩包：超出申请表工作簿的大小上限"));
  if (cdOffset + cdSize > fileSize) throw new XlsxError(bi("a damaged zip archive: its directory points past the end of the file", "zip 压缩包已损坏：目录指向文件末尾之后"));
  const cd = Buffer.alloc(cdSize);
  fs.readSync(fd, cd, 0, cdSize, cdOffset);
  const entries: Entry[] = [];
  for (let p = 0, k = 0; k < count; k++) {
    if (p + 46 > cd.length || cd.readUInt32LE(p) !== 0x02014b50) throw new XlsxError(bi("a damaged zip archive: bad central directory", "zip 压缩包已损坏：中央目录有误"));
    const nameLen = cd.readUInt16LE(p + 28);
    const extraLen = cd.readUInt16LE(p + 30);
    const commentLen = cd.readUInt16LE(p + 32);
    entries.push({
      method: cd.readUInt16LE(p + 10), compressed: cd.readUInt32LE(p + 20), size: cd.readUInt32LE(p + 24),
      offset: cd.readUInt32LE(p + 42), name: cd.toString("utf8", p + 46, p + 46 + nameLen),
    });
    p += 46 + nameLen + extraLen + commentLen;
  }
  return entries;
}

/** Refuses an archive whose entries would inflate past the limits; nothing has been inflated yet. */
export function checkSizes(entries: readonly Entry[], limits = XLSX_LIMITS): void {
  let total = 0;
  for (const e of entries) {
    if (e.size === 0xffffffff || e.compressed === 0xffffffff) throw tooLarge(e.name, "ZIP64", limits);
    total += e.size;
    if (e.size > limits.entry) throw tooLarge(e.name, `${MiB(e.size)} inflated`, limits);
    if (e.size > 2 ** 20 && e.size > limits.ratio * Math.max(e.compressed, 1)) {
      throw tooLarge(e.name, `${MiB(e.compressed)} that inflate to ${MiB(e.size)} (${Math.round(e.size / Math.max(e.compressed, 1))}×, a zip bomb?)`, limits);
    }
    if (e.method !== 0 && e.method !== 8) {
      throw new XlsxError(bi(`entry ${e.name} is compressed with method ${e.method}; an .xlsx uses deflate`, `条目 ${e.name} 使用了压缩方法 ${e.method}；.xlsx 应使用 deflate`));
    }
  }
  if (total > limits.total) throw tooLarge("(all entries)", `${MiB(total)} inflated in all`, limits);
}

function tooLarge(name: string, what: string, limits: typeof XLSX_LIMITS): XlsxError {
  const allowed = `at most ${MiB(limits.entry)} an entry, ${MiB(limits.total)} in all, ${limits.ratio}× compression`;
  return new XlsxError(bi(
    `refused before reading: ${name} holds ${what}; an applications workbook may hold ${allowed}. Save the table as CSV, or split it.`,
    `读取前已拒绝：${name} 含 ${what}；申请表工作簿的上限为每个条目 ${MiB(limits.entry)}、合计 ${MiB(limits.total)}、压缩比 ${limits.ratio} 倍。请另存为 CSV 或拆分。`,
  ));
}

/** The inflated bytes of one entry, chunk by chunk, counted against its declared size. */
async function* inflate(file: string, fd: number, e: Entry, limits: typeof XLSX_LIMITS): AsyncGenerator<Buffer> {
  const local = Buffer.alloc(30);
  fs.readSync(fd, local, 0, 30, e.offset);
  if (local.readUInt32LE(0) !== 0x04034b50) throw new XlsxError(bi(`a damaged zip archive: entry ${e.name}`, `zip 压缩包已损坏：条目 ${e.name}`));
  const start = e.offset + 30 + local.readUInt16LE(26) + local.readUInt16LE(28);
  if (e.compressed === 0) return;
  const raw = fs.createReadStream(file, { start, end: start + e.compressed - 1, highWaterMark: 1 << 20 });
  const source = e.method === 0 ? raw : raw.pipe(zlib.createInflateRaw({ chunkSize: 1 << 20 }));
  let produced = 0;
  for await (const chunk of source) {
    produced += (chunk as Buffer).length;
    if (produced > e.size || produced > limits.entry) {
      raw.destroy();
      throw tooLarge(e.name, `more than its directory says (${MiB(e.size)})`, limits);
    }
    yield chunk as Buffer;
  }
}

/** Parses an entry's XML as it inflates; `handle` gets the parser before any byte. */
async function parseEntry(file: string, fd: number, e: Entry, limits: typeof XLSX_LIMITS, handle: (p: SaxesParser) => void): Promise<void> {
  const parser = new SaxesParser();
  handle(parser);
  const decoder = new TextDecoder("utf-8");
  for await (const chunk of inflate(file, fd, e, limits)) parser.write(decoder.decode(chunk, { stream: true }));
  parser.write(decoder.decode());
  parser.close();
}

/** 0-based column of a cell reference such as "C5" or "AA12". */
function columnOf(ref: string): number {
  let n = 0;
  for (let i = 0; i < ref.length; i++) {
    const c = ref.charCodeAt(i);
    if (c < 65 || c > 90) break;
    n = n * 26 + (c - 64);
  }
  return n - 1;
}

/** The shared strings: each <si>'s text, runs joined, phonetic runs (<rPh>) left out. */
async function sharedStrings(file: string, fd: number, e: Entry | undefined, limits: typeof XLSX_LIMITS): Promise<string[]> {
  if (!e) return [];
  if (e.size > limits.sharedStrings) throw tooLarge(e.name, `${MiB(e.size)} of shared strings`, { ...limits, entry: limits.sharedStrings });
  const out: string[] = [];
  await parseEntry(file, fd, e, limits, (p) => {
    let text: string | null = null;
    let inT = false;
    let phonetic = 0;
    p.on("opentag", (t) => {
      if (t.name === "si") text = "";
      else if (t.name === "rPh") phonetic++;
      else if (t.name === "t" && phonetic === 0) inT = true;
    });
    p.on("text", (s) => { if (inT && text !== null) text += s; });
    p.on("closetag", (t) => {
      if (t.name === "t") inT = false;
      else if (t.name === "rPh") phonetic--;
      else if (t.name === "si") { out.push(text ?? ""); text = null; }
    });
  });
  return out;
}

/** The path of the workbook's first sheet, from workbook.xml and its relationships. */
async function firstSheetPath(file: string, fd: number, byName: Map<string, Entry>, limits: typeof XLSX_LIMITS): Promise<string> {
  let rid: string | null = null;
  const wb = byName.get("xl/workbook.xml");
  if (!wb) throw new XlsxError(bi("no xl/workbook.xml: not an Excel workbook", "缺少 xl/workbook.xml：不是 Excel 工作簿"));
  await parseEntry(file, fd, wb, limits, (p) => p.on("opentag", (t) => {
    if (t.name === "sheet" && rid === null) rid = String(t.attributes["r:id"] ?? "");
  }));
  const targets = new Map<string, string>();
  const rels = byName.get("xl/_rels/workbook.xml.rels");
  if (rels) {
    await parseEntry(file, fd, rels, limits, (p) => p.on("opentag", (t) => {
      if (t.name === "Relationship") targets.set(String(t.attributes.Id), String(t.attributes.Target));
    }));
  }
  const target = rid !== null ? targets.get(rid) : undefined;
  if (!target) return "xl/worksheets/sheet1.xml";
  return target.startsWith("/") ? target.slice(1) : `xl/${target}`.replace(/\/[^/]+\/\.\.\//g, "/");
}

/**
 * Streams the first sheet's rows: `row(cells, rowNumber)` for each row that has a cell. Numbers
 * (dates included: Excel keeps them as serial numbers) come as numbers, text as text, TRUE/FALSE
 * as booleans, errors as their code; a formula gives its cached value.
 */
export async function readFirstSheet(file: string, row: (cells: XlsxCell[], line: number) => void, limits = XLSX_LIMITS): Promise<void> {
  const fd = fs.openSync(file, "r");
  try {
    const entries = readDirectory(fd, fs.fstatSync(fd).size);
    checkSizes(entries, limits);
    const byName = new Map(entries.map((e) => [e.name, e]));
    const strings = await sharedStrings(file, fd, byName.get("xl/sharedStrings.xml"), limits);
    const sheetPath = await firstSheetPath(file, fd, byName, limits);
    const sheet = byName.get(sheetPath);
    if (!sheet) throw new XlsxError(bi(`the first sheet (${sheetPath}) is missing from the archive`, `压缩包中缺少第一个工作表（${sheetPath}）`));
    await parseEntry(file, fd, sheet, limits, (p) => sheetHandlers(p, strings, row));
  } finally {
    fs.closeSync(fd);
  }
}

function sheetHandlers(p: SaxesParser, strings: readonly string[], row: (cells: XlsxCell[], line: number) => void): void {
  let cells: XlsxCell[] = [];
  let line = 0;
  let col = 0;
  let type = "n";
  let value: string | null = null;
  let collecting = false;
  p.on("opentag", (t) => {
    switch (t.name) {
      case "row":
        line = t.attributes.r ? Number(t.attributes.r) : line + 1;
        cells = [];
        col = 0;
        break;
      case "c":
        col = t.attributes.r ? columnOf(String(t.attributes.r)) : col;
        type = String(t.attributes.t ?? "n");
        value = null;
        break;
      case "v": case "t":
        collecting = true;
        value ??= "";
        break;
    }
  });
  p.on("text", (s) => {
    if (!collecting) return;
    value += s;
    if (value!.length > MAX_CELL_TEXT) throw new XlsxError(bi(`row ${line}: a cell holds more than ${MAX_CELL_TEXT.toLocaleString("en-US")} characters (Excel allows 32,767)`, `第 ${line} 行：单元格超过 ${MAX_CELL_TEXT.toLocaleString("en-US")} 个字符（Excel 最多 32,767 个）`));
  });
  p.on("closetag", (t) => {
    if (t.name === "v" || t.name === "t") collecting = false;
    else if (t.name === "c") {
      cells[col] = cellValue(type, value, strings);
      col++;
    } else if (t.name === "row") {
      for (let i = 0; i < cells.length; i++) if (cells[i] === undefined) cells[i] = null;
      if (cells.length > 0) row(cells, line);
    }
  });
}

function cellValue(type: string, v: string | null, strings: readonly string[]): XlsxCell {
  if (v === null) return null;
  switch (type) {
    case "s": return strings[Number(v)] ?? null;
    case "b": return v === "1";
    case "inlineStr": case "str": case "e": case "d": return v;
    default: {
      const n = Number(v);
      return v.trim() !== "" && Number.isFinite(n) ? n : v;
    }
  }
}
