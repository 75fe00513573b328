// Writes an .xlsx as a stream, in bounded memory: each sheet's XML is deflated into the zip as its
// rows come, one sheet after another. Excel's limits are kept: 1,048,576 rows a sheet (a sheet that
// would pass it continues on "name 2", "name 3", … with its header repeated) and 32,767 characters
// a cell (longer text is cut, saying so). Dates are Excel dates with a date format, amounts numbers
// with a number format, text is always text (an inline string: never a formula).
import * as fs from "fs";
import * as zlib from "zlib";

export const EXCEL_MAX_ROWS = 1_048_576;
export const EXCEL_MAX_CELL_CHARS = 32_767;

/** How a column is written: text, a whole number, 元 to the fen, or a date (an Excel serial number). */
export type ColumnKind = "text" | "int" | "yuan" | "date";
export interface Column { header: string; kind: ColumnKind; width?: number }
/** A cell: text, a number (a date column takes an Excel serial number), a boolean, or empty. */
export type OutCell = string | number | boolean | null | undefined;

const STYLE: Record<ColumnKind, number> = { text: 0, int: 3, yuan: 2, date: 1 };

/** crc32 of the zip: Node's own where it has one, else a table. */
const crcTable = (() => {
  const t = new Int32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    t[n] = c;
  }
  return t;
})();
function crc32(buf: Buffer, crc: number): number {
  const native = (zlib as unknown as { crc32?: (b: Buffer, c: number) => number }).crc32;
  if (native) return native(buf, crc);
  let c = ~crc;
  for (let i = 0; i < buf.length; i++) c = crcTable[(c ^ buf[i]) & 0xff] ^ (c >>> 8);
  return ~c >>> 0;
}

const XML_BAD = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;
const TRUNCATED = "…(cut at Excel's 32,767 characters a cell)";

/** Text as a cell holds it: characters XML cannot carry dropped, cut at Excel's limit, escaped. */
const NEEDS_WORK = /[\u0000-\u001f&<>"\ud800-\udfff\ufffe\uffff]/;

export function cellText(s: string): string {
  if (s.length <= EXCEL_MAX_CELL_CHARS && !NEEDS_WORK.test(s)) return s; // most cells: nothing to do
  let t = s.replace(XML_BAD, "");
  if (t.length > EXCEL_MAX_CELL_CHARS) t = t.slice(0, EXCEL_MAX_CELL_CHARS - TRUNCATED.length) + TRUNCATED;
  return t.replace(/[&<>"]/g, (c) => (c === "&" ? "&amp;" : c === "<" ? "&lt;" : c === ">" ? "&gt;" : "&quot;"));
}

function columnLetters(n: number): string[] {
  const out: string[] = [];
  for (let i = 0; i < n; i++) {
    let s = "";
    for (let k = i + 1; k > 0; k = Math.floor((k - 1) / 26)) s = String.fromCharCode(65 + ((k - 1) % 26)) + s;
    out.push(s);
  }
  return out;
}

/**
 * How much may wait to be written to disk before the writer waits. Not more: what waits outlives
 * the young generation, and with a large heap (a million rows) its collection costs more than the
 * overlap gains (8 MiB: 9 s where 1 MiB took 5.5 s).
 */
const AHEAD = 1 << 20;

/**
 * An entry's text is deflated in chunks, several at once on libuv's threads, as pigz does: each chunk
 * is deflated on its own and ends on a byte boundary without being the last block (Z_SYNC_FLUSH), so
 * the chunks joined in order, then an empty last block, are one deflate stream. The sheet's writer
 * makes the next rows meanwhile instead of waiting for one deflater (a million-row trace waited 10 s).
 */
const IN_FLIGHT = 4;
/** An empty last block (fixed Huffman codes, BFINAL set): ends the stream. */
const FINAL_BLOCK = Buffer.from([0x03, 0x00]);

function deflateChunk(buf: Buffer): Promise<Buffer> {
  const p = new Promise<Buffer>((resolve, reject) => zlib.deflateRaw(buf, { level: 1, finishFlush: zlib.constants.Z_SYNC_FLUSH }, (err, out) => (err ? reject(err) : resolve(out))));
  p.catch(() => undefined); // a failure is thrown where the chunk is awaited, not reported as unhandled before
  return p;
}

/** 1980-01-01, the first day a zip can name: no time of the machine it ran on is recorded. */
const DOS_DATE = (0 << 9) | (1 << 5) | 1;

interface ZipEntry { name: string; offset: number; crc: number; csize: number; usize: number }

/** A zip written sequentially to a file: entries deflated as they are written, a data descriptor after each. */
class ZipStream {
  private offset = 0;
  private readonly entries: ZipEntry[] = [];
  private readonly out: fs.WriteStream;
  private failed: Error | null = null;

  constructor(file: string) {
    this.out = fs.createWriteStream(file, { highWaterMark: AHEAD });
    this.out.on("error", (e) => (this.failed = e));
  }

  private async raw(buf: Buffer): Promise<void> {
    if (this.failed) throw this.failed;
    this.offset += buf.length;
    if (!this.out.write(buf)) await new Promise<void>((resolve, reject) => {
      // Each wait removes its listeners when it ends: a long write waits thousands of times.
      const done = (e?: Error) => {
        this.out.off("drain", done);
        this.out.off("error", done);
        if (e) reject(e);
        else resolve();
      };
      this.out.on("drain", done);
      this.out.on("error", done);
    });
  }

  /** Starts an entry; returns a writer of its text and a function that ends it. */
  async entry(name: string): Promise<{ write(text: string | Buffer): Promise<void>; end(): Promise<void> }> {
    const nameBuf = Buffer.from(name, "utf8");
    const header = Buffer.alloc(30);
    header.writeUInt32LE(0x04034b50, 0);
    header.writeUInt16LE(20, 4);
    header.writeUInt16LE(0x0808, 6); // data descriptor follows; names in UTF-8
    header.writeUInt16LE(8, 8); // deflate
    header.writeUInt16LE(DOS_DATE, 12);
    header.writeUInt16LE(nameBuf.length, 26);
    const e: ZipEntry = { name, offset: this.offset, crc: 0, csize: 0, usize: 0 };
    await this.raw(Buffer.concat([header, nameBuf]));
    const flight: Promise<Buffer>[] = [];
    const settleOne = async () => {
      const c = await flight.shift()!;
      e.csize += c.length;
      await this.raw(c);
    };
    return {
      write: async (text: string | Buffer) => {
        const buf = typeof text === "string" ? Buffer.from(text, "utf8") : text;
        e.crc = crc32(buf, e.crc);
        e.usize += buf.length;
        if (e.usize > 0xffffffff) throw new Error(`${name} passed 4 GB`);
        flight.push(deflateChunk(buf));
        while (flight.length >= IN_FLIGHT) await settleOne();
      },
      end: async () => {
        while (flight.length) await settleOne();
        e.csize += FINAL_BLOCK.length;
        await this.raw(FINAL_BLOCK);
        const dd = Buffer.alloc(16);
        dd.writeUInt32LE(0x08074b50, 0);
        dd.writeUInt32LE(e.crc >>> 0, 4);
        dd.writeUInt32LE(e.csize, 8);
        dd.writeUInt32LE(e.usize, 12);
        await this.raw(dd);
        this.entries.push(e);
      },
    };
  }

  async file(name: string, text: string): Promise<void> {
    const w = await this.entry(name);
    await w.write(text);
    await w.end();
  }

  /** Writes the central directory and closes the file. */
  async close(): Promise<void> {
    const start = this.offset;
    for (const e of this.entries) {
      const nameBuf = Buffer.from(e.name, "utf8");
      const h = Buffer.alloc(46);
      h.writeUInt32LE(0x02014b50, 0);
      h.writeUInt16LE(20, 4);
      h.writeUInt16LE(20, 6);
      h.writeUInt16LE(0x0808, 8);
      h.writeUInt16LE(8, 10);
      h.writeUInt16LE(DOS_DATE, 14);
      h.writeUInt32LE(e.crc >>> 0, 16);
      h.writeUInt32LE(e.csize, 20);
      h.writeUInt32LE(e.usize, 24);
      h.writeUInt16LE(nameBuf.length, 28);
      h.writeUInt32LE(e.offset, 42);
      await this.raw(Buffer.concat([h, nameBuf]));
    }
    const end = Buffer.alloc(22);
    end.writeUInt32LE(0x06054b50, 0);
    end.writeUInt16LE(this.entries.length, 8);
    end.writeUInt16LE(this.entries.length, 10);
    end.writeUInt32LE(this.offset - start, 12);
    end.writeUInt32LE(start, 16);
    await this.raw(end);
    if (this.offset > 0xffffffff) throw new Error("the workbook passed 4 GB");
    await new Promise<void>((resolve, reject) => {
      this.out.once("error", reject);
      this.out.end(resolve);
    });
    if (this.failed) throw this.failed;
  }
}

/** Texts longer than this are written inline (a shared string is for the short texts a sheet repeats). */
const SHARED_MAX_CHARS = 200;
/** Shared strings kept at most: bounded memory. */
const SHARED_MAX = 1 << 16;
/** Slots of the table of texts seen once (a power of two). */
const SEEN_SLOTS = 1 << 16;

/** A text's FNV-1a hash, as a non-zero 32-bit number (0 marks an empty slot). */
function textHash(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return h >>> 0 || 1;
}

/**
 * The workbook's shared strings: a short text seen a second time is written once, in
 * sharedStrings.xml, and referred to by its number (a million-row trace repeats "5亿元: not reached"
 * and its step names hundreds of thousands of times). Texts seen once stay inline.
 *
 * A text seen once is remembered by its hash only, in a table of numbers: remembering the texts
 * themselves kept millions of them alive long enough to reach the old generation, where they
 * stayed as garbage until a full collection (a million-row trace: a gigabyte). Two texts with one
 * hash only make a text shared that is used once: the workbook is the same to read.
 */
class SharedStrings {
  /** The shared texts in their order, and each one's number. */
  private readonly texts: string[] = [];
  private readonly index = new Map<string, number>();
  /** By slot of a hash: the last text seen once there (its hash), and the last shared text there (its hash and number). */
  private readonly seen = new Uint32Array(SEEN_SLOTS);
  private readonly sharedHash = new Uint32Array(SEEN_SLOTS);
  private readonly sharedId = new Int32Array(SEEN_SLOTS);
  count = 0;

  /** The text's number, or -1: write it inline. */
  of(text: string): number {
    if (text.length > SHARED_MAX_CHARS) return -1;
    const h = textHash(text);
    const slot = h & (SEEN_SLOTS - 1);
    if (this.sharedHash[slot] === h && this.texts[this.sharedId[slot]] === text) {
      this.count++;
      return this.sharedId[slot];
    }
    if (this.seen[slot] !== h) {
      this.seen[slot] = h; // seen once, as far as the table knows
      return -1;
    }
    let i = this.index.get(text);
    if (i === undefined) {
      if (this.texts.length >= SHARED_MAX) return -1;
      this.index.set(text, (i = this.texts.length));
      this.texts.push(text);
    }
    this.sharedHash[slot] = h;
    this.sharedId[slot] = i;
    this.count++;
    return i;
  }

  /** Writes sharedStrings.xml to its zip entry, as the sheets are written: into bytes, a chunk at a time. */
  async write(entry: { write(bytes: Buffer): Promise<void>; end(): Promise<void> }): Promise<void> {
    const x = new XmlBytes();
    x.utf8(`<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="${this.count}" uniqueCount="${this.texts.length}">`);
    for (const text of this.texts) {
      x.utf8(`<si>${textElement(cellText(text))}</si>`);
      if (x.off > CHUNK) await entry.write(x.take());
    }
    x.utf8("</sst>");
    await entry.write(x.take());
    await entry.end();
  }
}

/** Whether a UTF-16 unit is white space as JavaScript's \s reads it. */
function isSpace(c: number): boolean {
  return (c >= 9 && c <= 13) || c === 32 || c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) || c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000 || c === 0xfeff;
}

/** Whether a text needs xml:space="preserve" to keep its white space (at either end, or a line break). */
function keepsSpace(escaped: string): boolean {
  return escaped.length > 0 && (isSpace(escaped.charCodeAt(0)) || isSpace(escaped.charCodeAt(escaped.length - 1)) || escaped.includes("\n"));
}

const T_OPEN = ["<t>", '<t xml:space="preserve">'];

/** A text element: whitespace kept where it would otherwise be lost (at either end, or a line break). */
function textElement(escaped: string): string {
  return `${T_OPEN[keepsSpace(escaped) ? 1 : 0]}${escaped}</t>`;
}

/** Bytes of sheet XML gathered before they are handed to the deflater. */
const CHUNK = 1 << 18;

/**
 * A sheet's XML written straight into bytes: the fixed parts byte by byte, numbers digit by digit,
 * texts encoded once. A row made of string pieces would be flattened and copied twice more; over a
 * million-row trace that was the writer's largest cost.
 */
class XmlBytes {
  buf = Buffer.allocUnsafe(CHUNK * 2);
  off = 0;

  /** Text of ASCII characters only (the XML's own words). */
  ascii(s: string): void {
    const b = this.buf;
    let o = this.off;
    for (let i = 0; i < s.length; i++) b[o++] = s.charCodeAt(i);
    this.off = o;
  }

  /** A whole number ≥ 0 below 2^53, digit by digit (in 32-bit integers where it fits: most row numbers and counts). */
  int(n: number): void {
    const b = this.buf;
    if (n < 10) {
      b[this.off++] = 48 + n;
      return;
    }
    if (n >= 2 ** 31) {
      this.ascii(String(n));
      return;
    }
    let m = n | 0;
    const digits = m < 100 ? 2 : m < 1e3 ? 3 : m < 1e4 ? 4 : m < 1e5 ? 5 : m < 1e6 ? 6 : m < 1e7 ? 7 : m < 1e8 ? 8 : m < 1e9 ? 9 : 10;
    let o = this.off + digits;
    this.off = o;
    while (m >= 10) {
      const q = (m / 10) | 0;
      b[--o] = 48 + m - q * 10;
      m = q;
    }
    b[--o] = 48 + m;
  }

  /** Copies bytes already written (from start to end) to the end: a row's number again, in each cell's reference. */
  again(start: number, end: number): void {
    const b = this.buf;
    let o = this.off;
    for (let k = start; k < end; k++) b[o++] = b[k];
    this.off = o;
  }

  /** Any text, as UTF-8 (room is made first: at most 3 bytes a UTF-16 unit). */
  utf8(s: string): void {
    this.room(s.length * 3);
    this.off += this.buf.write(s, this.off, "utf8");
  }

  /** Makes room for n more bytes (a text longer than the buffer gets a buffer of its own size). */
  room(n: number): void {
    if (this.off + n <= this.buf.length) return;
    const bigger = Buffer.allocUnsafe(Math.max(this.buf.length * 2, this.off + n));
    this.buf.copy(bigger, 0, 0, this.off);
    this.buf = bigger;
  }

  /**
   * The bytes so far, copied out to a buffer of their size (the next rows reuse this one): what
   * waits to be deflated and collected is the XML itself, not twice its size.
   */
  take(): Buffer {
    const out = Buffer.allocUnsafe(this.off);
    this.buf.copy(out, 0, 0, this.off);
    this.off = 0;
    return out;
  }
}

/** Longest row of fixed parts and numbers a row can have, per cell (a text cell makes its own room). */
const CELL_BYTES = 64;

/** One sheet being written (and its continuations past Excel's row limit). */
export class SheetWriter {
  private rows = 0;
  private part = 1;
  private readonly xml = new XmlBytes();
  private current: { write(text: string | Buffer): Promise<void>; end(): Promise<void> } | null = null;
  private readonly letters: string[];

  constructor(private readonly book: XlsxStreamWriter, readonly name: string, private readonly columns: readonly Column[], private readonly maxRows: number) {
    this.letters = columnLetters(columns.length);
  }

  /**
   * Adds a row (cells in column order); past the row limit the sheet continues on a new one, header
   * first. Returns a promise only when the row had to wait for the file (await it then): a million
   * rows need not each make one.
   */
  addRow(cells: readonly OutCell[]): Promise<void> | undefined {
    if (this.current === null || this.rows >= this.maxRows) return this.nextPart().then(() => this.addRow(cells));
    this.row(++this.rows, cells);
    if (this.xml.off > CHUNK) return this.flush();
    return undefined;
  }

  private async nextPart(): Promise<void> {
    if (this.current) await this.endPart();
    const name = this.part === 1 ? this.name : `${this.name} ${this.part}`;
    this.current = await this.book.openSheet(name);
    this.part++;
    this.rows = 0;
    const cols = this.columns.map((c, i) => `<col min="${i + 1}" max="${i + 1}" width="${c.width ?? 14}" customWidth="1"/>`).join("");
    this.xml.utf8(`<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetViews><sheetView workbookViewId="0"><pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/></sheetView></sheetViews><cols>${cols}</cols><sheetData>`);
    this.row(++this.rows, this.columns.map((c) => c.header), true);
  }

  /** A row's XML (every cell names its reference: some readers require it). */
  private row(r: number, cells: readonly OutCell[], header = false): void {
    const x = this.xml;
    x.room(CELL_BYTES * (cells.length + 1));
    x.ascii('<row r="');
    const rowStart = x.off;
    x.int(r);
    const rowEnd = x.off;
    x.ascii('">');
    for (let i = 0; i < cells.length && i < this.columns.length; i++) {
      const v = cells[i];
      if (v === null || v === undefined || v === "") continue;
      x.ascii('<c r="');
      x.ascii(this.letters[i]);
      x.again(rowStart, rowEnd); // the row's number, written once above (room() keeps what is written where it was)
      if (typeof v === "string") {
        const shared = header ? -1 : this.book.strings.of(v);
        if (shared >= 0) {
          x.ascii('" t="s"><v>');
          x.int(shared);
          x.ascii("</v></c>");
        } else {
          const escaped = cellText(v);
          x.room(escaped.length * 3 + CELL_BYTES); // the text and the fixed parts around it
          x.ascii(header ? '" t="inlineStr" s="4"><is>' : '" t="inlineStr"><is>');
          x.ascii(T_OPEN[keepsSpace(escaped) ? 1 : 0]);
          x.utf8(escaped); // written as it is: no element string made of it first
          x.ascii("</t></is></c>");
          x.room(CELL_BYTES * (cells.length - i));
        }
      } else if (typeof v === "boolean") x.ascii(v ? '" t="b"><v>1</v></c>' : '" t="b"><v>0</v></c>');
      else if (Number.isFinite(v)) {
        const style = STYLE[this.columns[i].kind];
        x.ascii(style === 0 ? '"><v>' : `" s="${style}"><v>`);
        if (Number.isSafeInteger(v) && v >= 0) x.int(v);
        else x.ascii(String(v));
        x.ascii("</v></c>");
      }
    }
    x.ascii("</row>");
  }

  private async flush(): Promise<void> {
    if (!this.current || this.xml.off === 0) return;
    await this.current.write(this.xml.take());
  }

  private async endPart(): Promise<void> {
    this.xml.room(32);
    this.xml.ascii("</sheetData></worksheet>");
    await this.flush();
    await this.current!.end();
    this.current = null;
  }

  /** Ends the sheet (a sheet with no row gets its header). */
  async end(): Promise<void> {
    if (this.current === null) await this.nextPart();
    await this.endPart();
  }
}

/** An .xlsx written sheet by sheet to `file` (one sheet open at a time). */
export class XlsxStreamWriter {
  private readonly zip: ZipStream;
  private readonly sheets: string[] = [];
  /** (for SheetWriter) the workbook's shared strings */
  readonly strings = new SharedStrings();

  constructor(file: string, private readonly maxRows = EXCEL_MAX_ROWS) {
    this.zip = new ZipStream(file);
  }

  /** A new sheet of these columns; its header row is written first. */
  sheet(name: string, columns: readonly Column[]): SheetWriter {
    return new SheetWriter(this, name, columns, Math.min(this.maxRows, EXCEL_MAX_ROWS));
  }

  /** (for SheetWriter) opens the zip entry of the next sheet */
  async openSheet(name: string) {
    this.sheets.push(name.slice(0, 31));
    return this.zip.entry(`xl/worksheets/sheet${this.sheets.length}.xml`);
  }

  get sheetNames(): readonly string[] {
    return this.sheets;
  }

  /** Writes the workbook parts and closes the file. */
  async finish(): Promise<void> {
    const n = this.sheets.length;
    const ids = Array.from({ length: n }, (_, i) => i + 1);
    await this.zip.file("[Content_Types].xml", `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/><Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>${ids.map((i) => `<Override PartName="/xl/worksheets/sheet${i}.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>`).join("")}</Types>`);
    await this.zip.file("_rels/.rels", `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>`);
    await this.zip.file("xl/workbook.xml", `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets>${ids.map((i) => `<sheet name="${cellText(this.sheets[i - 1])}" sheetId="${i}" r:id="rId${i}"/>`).join("")}</sheets></workbook>`);
    await this.zip.file("xl/_rels/workbook.xml.rels", `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${ids.map((i) => `<Relationship Id="rId${i}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet${i}.xml"/>`).join("")}<Relationship Id="rId${n + 1}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/><Relationship Id="rId${n + 2}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/></Relationships>`);
    await this.strings.write(await this.zip.entry("xl/sharedStrings.xml"));
    // styles: 0 general, 1 date (yyyy-mm-dd), 2 元 to the fen (#,##0.00), 3 whole number (0), 4 header (bold)
    await this.zip.file("xl/styles.xml", `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><numFmts count="1"><numFmt numFmtId="164" formatCode="yyyy\\-mm\\-dd"/></numFmts><fonts count="2"><font><sz val="11"/><name val="Calibri"/></font><font><b/><sz val="11"/><name val="Calibri"/></font></fonts><fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills><borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders><cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs><cellXfs count="5"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/><xf numFmtId="164" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/><xf numFmtId="4" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/><xf numFmtId="1" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/><xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1"/></cellXfs><cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles></styleSheet>`);
    await this.zip.close();
  }
}
