// Which encoding a text file (an applications CSV) is in, decided on the whole file, line by line,
// in one pass over its bytes (chunk by chunk, so a file of any size is read in bounded memory):
// UTF-8 or UTF-16 by their byte order mark; else UTF-8 when every line is UTF-8; else GB18030
// (which covers GBK and GB2312: what Excel in Chinese saves as "CSV") when every line is. A file
// valid in neither, or mixing them (one row UTF-8, another GBK), is refused naming its first bad
// line: decoding it whole in one of them would turn the other rows' names into other names.
import { invalidValue } from "../errors";
import { bi } from "../text";

export type TextEncoding = "utf-8" | "utf-16le" | "utf-16be" | "gb18030";

/** The longest line read: bounded work on a file with no line breaks. */
export const MAX_LINE_BYTES = 16 * 2 ** 20;

export const ENCODINGS_TRIED = "UTF-8, UTF-16 (with a byte order mark), GBK/GB18030";

/**
 * ascii; utf8 (UTF-8 and not GBK text); utf8-or-gb (valid and plausible in both: short two-byte
 * sequences); gb (not UTF-8, GBK with Chinese in it); gb-unlikely (not UTF-8, valid GBK but no
 * common Chinese character: Latin-1 and the like); neither.
 */
type LineKind = "ascii" | "utf8" | "utf8-or-gb" | "gb" | "gb-unlikely" | "neither";

/** Length of the UTF-8 sequence at i (0 when it is not one); loose on overlongs, enough to tell UTF-8 from GBK. */
function utf8Seq(b: Uint8Array, i: number, end: number): number {
  const c = b[i];
  const n = c >= 0xc2 && c <= 0xdf ? 2 : c >= 0xe0 && c <= 0xef ? 3 : c >= 0xf0 && c <= 0xf4 ? 4 : 0;
  if (n === 0 || i + n > end) return 0;
  for (let k = 1; k < n; k++) if ((b[i + k] & 0xc0) !== 0x80) return 0;
  return n;
}

/** Length of the GB18030 sequence at i (0 when invalid); `common` tells a GB2312 character (hanzi, CJK punctuation). */
function gbSeq(b: Uint8Array, i: number, end: number): { n: number; common: boolean } {
  const c = b[i];
  if (c === 0x80) return { n: 1, common: false };
  if (c < 0x81 || c > 0xfe || i + 1 >= end) return { n: 0, common: false };
  const d = b[i + 1];
  if (d >= 0x30 && d <= 0x39) {
    const ok = i + 3 < end && b[i + 2] >= 0x81 && b[i + 2] <= 0xfe && b[i + 3] >= 0x30 && b[i + 3] <= 0x39;
    return { n: ok ? 4 : 0, common: false };
  }
  if ((d >= 0x40 && d <= 0x7e) || (d >= 0x80 && d <= 0xfe)) return { n: 2, common: c >= 0xa1 && c <= 0xf7 && d >= 0xa1 };
  return { n: 0, common: false };
}

/** What one line (its bytes, without the newline) is. */
export function classifyLine(b: Uint8Array, start: number, end: number): LineKind {
  let ascii = true;
  let utf8 = true;
  let wide = false; // a UTF-8 sequence of 3 or 4 bytes (CJK): two-byte ones are too often GBK by chance
  for (let i = start; i < end; ) {
    if (b[i] < 0x80) { i++; continue; }
    ascii = false;
    const n = utf8Seq(b, i, end);
    if (n === 0) { utf8 = false; break; }
    if (n >= 3) wide = true;
    i += n;
  }
  if (ascii) return "ascii";
  if (utf8 && wide) return "utf8";
  let common = 0;
  let rare = 0;
  for (let i = start; i < end; ) {
    if (b[i] < 0x80) { i++; continue; }
    const s = gbSeq(b, i, end);
    if (s.n === 0) return utf8 ? "utf8" : "neither";
    if (s.common) common++;
    else rare++;
    i += s.n;
  }
  // Latin-1 and similar (é, ü followed by a letter) are valid GBK pairs, all outside GB2312:
  // a line of them with no common Chinese character is not Chinese text.
  const plausible = !(rare > 0 && common === 0);
  if (utf8) return plausible ? "utf8-or-gb" : "utf8";
  return plausible ? "gb" : "gb-unlikely";
}

/**
 * Reads a file's bytes chunk by chunk and decides its encoding; `result()` throws (a #VALUE!
 * AwardError) for a file that is valid in none of them or mixes them, naming the first bad line.
 */
export class EncodingSniffer {
  private line = 1;
  private carry: Uint8Array = new Uint8Array(0);
  private first = true;
  private bom: TextEncoding | null = null;
  private bomDecoder: TextDecoder | null = null;
  private bomError: number | null = null;
  private firstUtf8: number | null = null;
  private firstNotUtf8: number | null = null;
  private firstNeither: number | null = null;
  private firstUnlikely: number | null = null;
  private firstNul: number | null = null;
  /** bytes to skip at the start (the byte order mark) */
  bomLength = 0;

  push(chunk: Uint8Array): void {
    if (this.first) {
      this.first = false;
      this.readBom(chunk);
      chunk = chunk.subarray(this.bomLength);
    }
    if (this.bom !== null && this.bom !== "utf-8") return this.pushBom(chunk, false);
    const b = this.carry.length ? concat(this.carry, chunk) : chunk;
    let start = 0;
    for (let i = b.indexOf(0x0a); i >= 0; i = b.indexOf(0x0a, start)) {
      this.lineDone(b, start, i > start && b[i - 1] === 0x0d ? i - 1 : i);
      start = i + 1;
    }
    this.carry = b.slice(start);
    if (this.carry.length > MAX_LINE_BYTES) throw refuse(this.line, bi(`that line is longer than ${MAX_LINE_BYTES / 2 ** 20} MiB (a table's line is a few hundred bytes): not an applications table`, `该行超过 ${MAX_LINE_BYTES / 2 ** 20} MiB（表格的一行通常只有几百字节）：不是申请表`));
  }

  /** The encoding, once every byte has been pushed; throws for a file it cannot read as one. */
  result(): TextEncoding {
    if (this.bom !== null && this.bom !== "utf-8") {
      this.pushBom(new Uint8Array(0), true);
      if (this.bomError !== null) throw refuse(this.bomError, bi(`the file starts with a ${this.bom.toUpperCase()} byte order mark but this line is not ${this.bom.toUpperCase()}`, `文件以 ${this.bom.toUpperCase()} 字节顺序标记开头，但该行不是 ${this.bom.toUpperCase()}`));
      return this.bom;
    }
    if (this.carry.length) this.lineDone(this.carry, 0, this.carry.length);
    this.carry = new Uint8Array(0);
    if (this.firstNul !== null) throw refuse(this.firstNul, bi("it holds NUL bytes: UTF-16 without a byte order mark, or not a text file", "含有 NUL 字节：可能是没有字节顺序标记的 UTF-16，或不是文本文件"));
    if (this.firstNotUtf8 === null) return "utf-8";
    if (this.bom === "utf-8") throw refuse(this.firstNotUtf8, bi("the file starts with a UTF-8 byte order mark but this line is not UTF-8", "文件以 UTF-8 字节顺序标记开头，但该行不是 UTF-8"));
    if (this.firstUtf8 !== null) {
      const [a, b] = [this.firstUtf8, this.firstNotUtf8];
      throw refuse(Math.max(a, b), bi(`it mixes encodings: line ${a} is UTF-8, line ${b} is not (GBK?)`, `文件混用了编码：第 ${a} 行是 UTF-8，第 ${b} 行不是（GBK？）`));
    }
    if (this.firstNeither !== null && (this.firstUnlikely === null || this.firstNeither < this.firstUnlikely)) {
      throw refuse(this.firstNeither, bi("that line is neither UTF-8 nor GBK/GB18030", "该行既不是 UTF-8 也不是 GBK/GB18030"));
    }
    if (this.firstUnlikely !== null) {
      throw refuse(this.firstUnlikely, bi("that line is not UTF-8, and read as GBK it gives no Chinese text (Latin-1 or another encoding?)", "该行不是 UTF-8，按 GBK 读也不是中文（Latin-1 或其他编码？）"));
    }
    return "gb18030";
  }

  private readBom(c: Uint8Array): void {
    if (c[0] === 0xef && c[1] === 0xbb && c[2] === 0xbf) [this.bom, this.bomLength] = ["utf-8", 3];
    else if (c[0] === 0xff && c[1] === 0xfe) [this.bom, this.bomLength] = ["utf-16le", 2];
    else if (c[0] === 0xfe && c[1] === 0xff) [this.bom, this.bomLength] = ["utf-16be", 2];
    if (this.bom && this.bom !== "utf-8") this.bomDecoder = new TextDecoder(this.bom);
  }

  /** UTF-16: decoded as it comes; the first replacement character (bytes that are not UTF-16) names its line. */
  private pushBom(chunk: Uint8Array, end: boolean): void {
    if (this.bomError !== null) return;
    const text = this.bomDecoder!.decode(chunk, { stream: !end });
    const bad = text.indexOf("\uFFFD");
    const upto = bad >= 0 ? text.slice(0, bad) : text;
    for (let i = upto.indexOf("\n"); i >= 0; i = upto.indexOf("\n", i + 1)) this.line++;
    if (bad >= 0) this.bomError = this.line;
  }

  private lineDone(b: Uint8Array, start: number, end: number): void {
    const n = this.line++;
    if (this.firstNul === null && b.subarray(start, end).includes(0)) this.firstNul = n;
    const kind = classifyLine(b, start, end);
    if (kind === "ascii" || kind === "utf8-or-gb") return;
    if (kind === "utf8") this.firstUtf8 ??= n;
    else this.firstNotUtf8 ??= n;
    if (kind === "neither") this.firstNeither ??= n;
    if (kind === "gb-unlikely") this.firstUnlikely ??= n;
  }
}

function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
  const out = new Uint8Array(a.length + b.length);
  out.set(a, 0);
  out.set(b, a.length);
  return out;
}

function refuse(line: number, why: { en: string; zh: string }) {
  return invalidValue(bi(
    `line ${line}: ${why.en}. Encodings tried: ${ENCODINGS_TRIED}. Save the file as "CSV UTF-8" and try again.`,
    `第 ${line} 行：${why.zh}。已尝试的编码：${ENCODINGS_TRIED}。请将文件另存为"CSV UTF-8"后重试。`,
  ));
}

/** Decodes bytes held in memory: the encoding decided as above, the byte order mark dropped. */
export function decodeBytes(bytes: Uint8Array): { text: string; encoding: TextEncoding } {
  const s = new EncodingSniffer();
  s.push(bytes);
  const encoding = s.result();
  return { text: new TextDecoder(encoding).decode(bytes.subarray(s.bomLength)), encoding };
}
