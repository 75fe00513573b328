// Issue 12, findings 6, 7 and 8: encodings decided on the whole file (mixed or unknown refused
// naming the line), a header with two columns of one meaning refused, an .xlsx checked before it is
// inflated, and read as a stream without garbling CJK text.
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import ExcelJS from "exceljs";
import JSZip from "jszip";
import { decodeBytes } from "../src/engine/budget/encoding";
import { readHeader, readTable } from "../src/engine/budget/table";
import { readApplicationFile } from "../src/cli/exposure";

const BIN = path.resolve(__dirname, "../bin/award-model.js");
const DIR = fs.mkdtempSync(path.join(os.tmpdir(), "award-tables-"));
afterAll(() => fs.rmSync(DIR, { recursive: true, force: true }));
const run = (args: string[]) => {
  const r = spawnSync(process.execPath, [BIN, ...args], { encoding: "utf8", timeout: 120000 });
  return { code: r.status, out: r.stdout, err: r.stderr };
};
const gbk = (text: string) => Buffer.from(new TextDecoder("utf-8").decode(Buffer.from(text)) === text ? gbkEncode(text) : []);
/** GBK bytes of a text, found by decoding every two-byte GBK code once (Node has no GBK encoder). */
function gbkEncode(text: string): number[] {
  const table = gbkTable();
  const out: number[] = [];
  for (const ch of text) {
    if (ch.charCodeAt(0) < 0x80) out.push(ch.charCodeAt(0));
    else out.push(...table.get(ch)!);
  }
  return out;
}
let TABLE: Map<string, number[]> | null = null;
function gbkTable(): Map<string, number[]> {
  if (TABLE) return TABLE;
  TABLE = new Map();
  const d = new TextDecoder("gb18030");
  for (let a = 0x81; a <= 0xfe; a++) for (let b = 0x40; b <= 0xfe; b++) {
    if (b === 0x7f) continue;
    const ch = d.decode(Uint8Array.from([a, b]));
    if (!TABLE.has(ch)) TABLE.set(ch, [a, b]);
  }
  return TABLE;
}

// 滨江 2025 （七） 语料券: 30%, 200万 per company a year. Two rows of one company: 1000万 each →
// 300万 each on its own, but 200万 in all (the cap). Decoding the UTF-8 row as GBK made it another
// company and paid 300万 + 300万 (finding 6 paid 3000万 against a 2000万 cap the same way).
const HEAD = "申请单位,项目,政策,项目类型,金额,日期\n";
const ROW1 = "甲公司,语料1,滨江,语料券,10000000,2026-03-01\n";
const ROW2 = "甲公司,语料2,滨江,语料券,10000000,2026-03-02\n";

describe("encodings", () => {
  test("UTF-8, UTF-8 with a byte order mark, GBK, UTF-16 LE and BE by their mark: the same table", () => {
    const text = HEAD + ROW1 + ROW2;
    const forms: [string, Buffer][] = [
      ["utf-8", Buffer.from(text)],
      ["utf-8", Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text)])],
      ["gb18030", gbk(text)],
      ["utf-16le", Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, "utf16le")])],
      ["utf-16be", Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from(text, "utf16le").swap16()])],
    ];
    for (const [enc, bytes] of forms) expect(decodeBytes(bytes)).toEqual({ text, encoding: enc });
  });
  test("UTF-16 through the CLI (it was refused as 'no header row'): one company, capped at 200万", () => {
    const file = path.join(DIR, "u16.csv");
    fs.writeFileSync(file, Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(HEAD + ROW1 + ROW2, "utf16le")]));
    const r = run(["exposure", file, "--json"]);
    expect(r.err).toBe("");
    expect(JSON.parse(r.out).awarded).toBe(2000000);
  });
  test("one row UTF-8, another GBK: refused, exit 2, naming the lines and the encodings tried", () => {
    const file = path.join(DIR, "mixed.csv");
    fs.writeFileSync(file, Buffer.concat([Buffer.from(HEAD + ROW1), gbk(ROW2)]));
    const r = run(["exposure", file, "--json"]);
    expect(r.code).toBe(2);
    expect(r.out).toBe("");
    expect(r.err).toMatch(/line 3: it mixes encodings: line 1 is UTF-8, line 3 is not/);
    expect(r.err).toMatch(/Encodings tried: UTF-8, UTF-16 \(with a byte order mark\), GBK\/GB18030/);
  });
  test("GBK first, then a UTF-8 row: refused too", () => {
    expect(() => decodeBytes(Buffer.concat([gbk(HEAD + ROW1), Buffer.from(ROW2)]))).toThrow(/mixes encodings: line 3 is UTF-8, line 1 is not/);
  });
  test("Latin-1 (accepted with garbled names before) is refused naming its line", () => {
    const latin1 = Buffer.from("recipient,policy,programme,amount\nMüller GmbH,guangzhou,scenario,\nSociété Générale,guangzhou,scenario,\n", "latin1");
    expect(() => decodeBytes(latin1)).toThrow(/^line 2: that line is not UTF-8, and read as GBK it gives no Chinese text/);
    const file = path.join(DIR, "latin1.csv");
    fs.writeFileSync(file, latin1);
    expect(run(["exposure", file]).code).toBe(2);
  });
  test("bytes valid in no encoding, and UTF-16 without its mark, are refused", () => {
    expect(() => decodeBytes(Buffer.from([0x61, 0x0a, 0x62, 0xff, 0xfe, 0x0a]))).toThrow(/^line 2: that line is neither UTF-8 nor GBK/);
    expect(() => decodeBytes(Buffer.from("a,b\n", "utf16le"))).toThrow(/NUL bytes/);
    expect(() => decodeBytes(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from("ok\n"), gbk(ROW1)]))).toThrow(/^line 2: the file starts with a UTF-8 byte order mark but this line is not UTF-8/);
    expect(() => decodeBytes(Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from("a\nb\n", "utf16le"), Buffer.from([0x00, 0xd8, 0x41, 0x00])]))).toThrow(/^line 3: the file starts with a UTF-16LE byte order mark/);
  });
  test("UTF-8 text with only Latin accents (two-byte sequences) stays UTF-8", () => {
    expect(decodeBytes(Buffer.from("recipient\nMüller\n"))).toEqual({ text: "recipient\nMüller\n", encoding: "utf-8" });
  });
});

describe("a header with two columns of one meaning is refused, naming both (finding 7)", () => {
  test("金额, 金额", () => {
    expect(() => readHeader(["申请单位", "政策", "项目类型", "金额", "金额"])).toThrow(/two amount columns: "金额" \(column D\) and "金额" \(column E\)/);
  });
  test("amount and 申请金额; recipient and 企业名称", () => {
    expect(() => readTable([["recipient", "policy", "programme", "amount", "申请金额"], ["A", "滨江", "算力券", 1, 2]], 2026)).toThrow(/"amount" \(column D\) and "申请金额" \(column E\)/);
    expect(() => readHeader(["申请单位", "企业名称", "政策", "项目类型", "金额"])).toThrow(/two recipient columns/);
  });
  test("through the CLI: exit 2, both named", () => {
    const file = path.join(DIR, "dup.csv");
    fs.writeFileSync(file, "申请单位,政策,项目类型,金额,金额\n甲,滨江,语料券,100,200\n");
    const r = run(["exposure", file]);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/"金额" \(column D\) and "金额" \(column E\)/);
  });
});

describe(".xlsx: sizes checked before inflating; read as a stream", () => {
  async function zipWith(sheetXml: string | Buffer): Promise<Buffer> {
    const zip = new JSZip();
    zip.file("[Content_Types].xml", '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>');
    zip.file("xl/workbook.xml", '<workbook xmlns:r="r"><sheets><sheet name="a" sheetId="1" r:id="rId1"/></sheets></workbook>');
    zip.file("xl/_rels/workbook.xml.rels", '<Relationships><Relationship Id="rId1" Target="worksheets/sheet1.xml"/></Relationships>');
    zip.file("xl/worksheets/sheet1.xml", sheetXml);
    return zip.generateAsync({ type: "nodebuffer", compression: "DEFLATE", compressionOptions: { level: 9 } });
  }
  test("a zip bomb (a small file holding a sheet of hundreds of MB) is refused before inflating, exit 2", async () => {
    const xml = Buffer.alloc(64 * 2 ** 20, " "); // 64 MiB of spaces: well over 200× compression
    const file = path.join(DIR, "bomb.xlsx");
    fs.writeFileSync(file, await zipWith(xml));
    expect(fs.statSync(file).size).toBeLessThan(2 ** 20);
    const r = run(["exposure", file]);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/refused before reading: xl\/worksheets\/sheet1\.xml holds .* MiB that inflate to 64 MiB \(\d+×, a zip bomb\?\)/);
  });
  test("a directory that understates an entry's size is caught while inflating", async () => {
    const rows = Array.from({ length: 2000 }, (_, i) => `<row r="${i + 1}"><c r="A${i + 1}" t="inlineStr"><is><t>x${i}</t></is></c></row>`).join("");
    const bytes = await zipWith(`<worksheet><sheetData>${rows}</sheetData></worksheet>`);
    // set the central directory's inflated size of sheet1.xml to 100 bytes
    const name = Buffer.from("xl/worksheets/sheet1.xml");
    for (let p = bytes.lastIndexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02])); p >= 0; p = bytes.lastIndexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02]), p - 1)) {
      if (bytes.subarray(p + 46, p + 46 + name.length).equals(name)) bytes.writeUInt32LE(100, p + 24);
    }
    const file = path.join(DIR, "liar.xlsx");
    fs.writeFileSync(file, bytes);
    await expect(readApplicationFile(file)).rejects.toThrow(/more than its directory says/);
  });
  test("CJK names written by a streaming writer (inline strings) read back whole, every one", async () => {
    const file = path.join(DIR, "cjk.xlsx");
    const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: file, useSharedStrings: false });
    const ws = wb.addWorksheet("a");
    ws.addRow(["申请单位", "政策", "项目类型", "金额", "日期"]).commit();
    const names = Array.from({ length: 20000 }, (_, i) => `杭州滨江人工智能科技有限公司${"甲乙丙丁戊己庚辛"[i % 8]}${i}`);
    names.forEach((n, i) => ws.addRow([n, "滨江", "算力券", 1000 + i, new Date(Date.UTC(2026, 2, 1))]).commit());
    ws.commit();
    await wb.commit();
    const table = await readApplicationFile(file);
    expect(table.header).toEqual(["申请单位", "政策", "项目类型", "金额", "日期"]);
    expect(table.rows.map((r) => r.cells[0])).toEqual(names);
    expect(table.rows[0].cells[4]).toBe(46082); // 2026-03-01 as Excel keeps it: a serial number
    expect(table.rows[19999].line).toBe(20001);
  });
});

test("bounded work on a file with no line breaks: refused past 16 MiB a line, not read whole", () => {
  const { EncodingSniffer } = require("../src/engine/budget/encoding") as typeof import("../src/engine/budget/encoding");
  const s = new EncodingSniffer();
  const chunk = Buffer.alloc(2 ** 20, "a");
  expect(() => {
    for (let i = 0; i < 40; i++) s.push(chunk);
  }).toThrow(/^line 1: that line is longer than 16 MiB/);
});
