// award-model exposure FILE: what a table of applications costs once every rule is applied, pool by
// pool, with each award's trace and the policy files (and their hashes) it rests on.
import { createHash } from "crypto";
import * as fs from "fs";
import * as path from "path";
import { parseArgs } from "util";
import { Readable } from "stream";
import { parse as parseCsvStream } from "csv-parse";
import { budget, defaultEngine, defaultRegistry, formatYuan, type PolicyRegistry, type PolicyVersion } from "../engine";
import { POLICY_DIR } from "../engine/load-files";
import { AwardError } from "../engine/errors";
import { bi, tr, type Lang, type Text } from "../engine/text";
import { EXPOSURE, columnIn, stepNameIn } from "../engine/messages";
import type { Step } from "../engine/voucher";
import { EncodingSniffer, MAX_LINE_BYTES, type TextEncoding } from "../engine/budget/encoding";
import type { Io } from "./io";
import { parseYearOption } from "./options";
import { checkOutputFile, writeFileAtomic } from "./write-file";
import { collectGarbage } from "./collect-garbage";
import { readFirstSheet } from "./xlsx-read";
import { XlsxStreamWriter, type Column } from "./xlsx-write";

/** A usage or file error of exposure: exit 2. `text` carries the message in both languages. */
export class ExposureUsageError extends Error {
  readonly text: Text;
  constructor(message: string | Text) {
    const text = typeof message === "string" ? bi(message, message) : message;
    super(text.en);
    this.text = text;
  }
}

/** An error about a file, in both languages where the error has them: "FILE: why". */
function fileError(file: string, e: unknown, what?: Text): ExposureUsageError {
  const t = (e as { text?: Text }).text;
  const why = t && typeof t.en === "string" ? t : bi((e as Error).message, (e as Error).message);
  return new ExposureUsageError(bi(`${file}: ${what ? `${what.en}: ` : ""}${why.en}`, `${file}：${what ? `${what.zh}：` : ""}${why.zh}`));
}

type Cell = unknown;

export interface TableRows { header: Cell[]; rows: { line: number; cells: Cell[] }[] }

/** Receives a table as it is read: the header row first, then each data row with its row number. */
export interface RowSink {
  header(cells: Cell[]): void;
  row(cells: Cell[], line: number): void;
}

const CHUNK = 1 << 20;

/** The encoding of a CSV file, decided on all of its bytes (one streamed pass); refused naming its first bad line. */
async function csvEncoding(file: string): Promise<{ encoding: TextEncoding; skip: number }> {
  const sniffer = new EncodingSniffer();
  for await (const chunk of fs.createReadStream(file, { highWaterMark: CHUNK })) sniffer.push(chunk as Buffer);
  try {
    return { encoding: sniffer.result(), skip: sniffer.bomLength };
  } catch (e) {
    throw fileError(file, e);
  }
}

/** The decoded text of a file, chunk by chunk. */
async function* decodedChunks(file: string, encoding: TextEncoding, skip: number): AsyncGenerator<string> {
  const decoder = new TextDecoder(encoding);
  for await (const chunk of fs.createReadStream(file, { start: skip, highWaterMark: CHUNK })) {
    const text = decoder.decode(chunk as Buffer, { stream: true });
    if (text) yield text;
  }
  const rest = decoder.decode();
  if (rest) yield rest;
}

/** A CSV file, streamed: its encoding found first, then its records parsed as they are decoded. */
async function readCsv(file: string, sink: RowSink, onProgress?: (n: number) => void): Promise<number> {
  const { encoding, skip } = await csvEncoding(file);
  const chunks = decodedChunks(file, encoding, skip);
  const first = await chunks.next();
  if (first.done) throw new ExposureUsageError(EXPOSURE.emptyFile(file));
  const firstLine = first.value.slice(0, first.value.search(/\r?\n|$/));
  const delimiter = [",", ";", "\t"].map((d) => [d, firstLine.split(d).length] as const).sort((a, b) => b[1] - a[1])[0][0];
  async function* all() {
    yield first.value as string;
    yield* chunks;
  }
  const parser = Readable.from(all()).pipe(parseCsvStream({ delimiter, relax_column_count: true, skip_empty_lines: false, trim: true, max_record_size: MAX_LINE_BYTES }));
  let n = 0;
  try {
    for await (const record of parser as AsyncIterable<string[]>) {
      if (n === 0) sink.header(record);
      else sink.row(record, n + 1);
      n++;
      if (onProgress && n % 100000 === 0) onProgress(n - 1);
    }
  } catch (e) {
    if (e instanceof ExposureUsageError || e instanceof AwardError) throw e;
    throw fileError(file, e, EXPOSURE.unreadableCsv);
  }
  if (n === 0) throw new ExposureUsageError(EXPOSURE.emptyFile(file));
  return n - 1;
}

/** Reads a whole applications file into memory (tests, small files); exposure streams it instead. */
export async function readApplicationFile(file: string, onProgress?: (n: number) => void): Promise<TableRows> {
  const table: TableRows = { header: [], rows: [] };
  await streamApplicationFile(file, { header: (h) => (table.header = h), row: (cells, line) => table.rows.push({ line, cells }) }, onProgress);
  return table;
}

/** Streams an applications file (.csv or .xlsx) to a sink; returns the number of data rows. */
export async function streamApplicationFile(file: string, sink: RowSink, onProgress?: (n: number) => void): Promise<number> {
  const ext = path.extname(file).toLowerCase();
  if (!fs.existsSync(file)) throw new ExposureUsageError(EXPOSURE.noSuchFile(file));
  if (ext === ".csv") return readCsv(file, sink, onProgress);
  if (ext === ".xlsx") {
    let header = false;
    let n = 0;
    try {
      await readFirstSheet(file, (cells, line) => {
        if (!header) {
          if (cells.every((v) => v === null || v === "")) return;
          header = true;
          return sink.header(cells);
        }
        sink.row(cells, line);
        n++;
        if (onProgress && n % 100000 === 0) onProgress(n);
      });
    } catch (e) {
      if (e instanceof ExposureUsageError || e instanceof AwardError) throw e;
      throw fileError(file, e, EXPOSURE.unreadableXlsx);
    }
    if (!header) throw new ExposureUsageError(EXPOSURE.emptySheet(file));
    return n;
  }
  throw new ExposureUsageError(EXPOSURE.notTable(file, ext));
}

/** A file's sha256, read as a stream. */
async function sha256(file: string): Promise<string> {
  const hash = createHash("sha256");
  for await (const chunk of fs.createReadStream(file, { highWaterMark: CHUNK })) hash.update(chunk as Buffer);
  return hash.digest("hex");
}

/** The policy files a set of versions rests on, with a content hash of each. */
/**
 * The policy files behind the versions used, with a sha256 of each: the YAML as the engine read it
 * (registry.files), the jurisdiction and programme files, and the source text it quotes.
 */
export function policyFilesUsed(registry: PolicyRegistry, versions: PolicyVersion[]): { version: string; file: string; sha256: string }[] {
  const read = new Map(registry.files.map((f) => [f.path, f.text]));
  const out: { version: string; file: string; sha256: string }[] = [];
  for (const v of versions) {
    for (const f of [v.file, `${v.jurisdiction}/jurisdiction.yaml`, "programmes.yaml", v.source]) {
      const text = read.get(f) ?? (fs.existsSync(path.join(POLICY_DIR, f)) ? fs.readFileSync(path.join(POLICY_DIR, f), "utf8") : null);
      if (text !== null) out.push({ version: v.key, file: `policies/${f}`, sha256: createHash("sha256").update(text, "utf8").digest("hex") });
    }
  }
  return out;
}

const yuan = (d: { toFixed(n: number): string }) => d.toFixed(2);

export async function exposureCommand(args: string[], io: Io, lang: Lang = "en"): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    options: { year: { type: "string" }, method: { type: "string" }, out: { type: "string" }, json: { type: "boolean", default: false } },
    allowPositionals: true,
  });
  if (positionals.length !== 1) throw new ExposureUsageError(positionals.length === 0 ? EXPOSURE.noFile : EXPOSURE.oneFile(positionals.length));
  const file = positionals[0];
  const yearOption = parseYearOption(values.year, (m) => new ExposureUsageError(m));
  if (values.out !== undefined && path.extname(values.out).toLowerCase() !== ".xlsx") throw new ExposureUsageError(EXPOSURE.outXlsx(values.out));
  // A long run must not end on an output it cannot write, nor write over its input: check first.
  if (values.out !== undefined) checkOutputFile(values.out, [file]);
  let method: budget.AllocationMethod;
  try {
    method = budget.parseMethod(values.method);
  } catch (e) {
    throw new ExposureUsageError(`--method: ${(e as Error).message}`);
  }
  const year = yearOption ?? new Date().getFullYear();
  const started = Date.now();
  const progress = (what: Text) => io.stderr.write(`exposure: ${tr(what, lang)} (${((Date.now() - started) / 1000).toFixed(1)} s)\n`);

  // Rows are read as they stream in and kept only as parsed applications.
  let columns: Map<budget.Column, number> | null = null;
  const parsed: budget.ParsedRow[] = [];
  const rowCount = await streamApplicationFile(file, {
    header: (cells) => {
      try {
        columns = budget.readHeader(cells);
      } catch (e) {
        throw fileError(file, e);
      }
    },
    row: (cells, line) => {
      parsed.push(budget.readRow(columns!, cells, parsed.length, line, year));
    },
  }, (n) => progress(EXPOSURE.read(n.toLocaleString("en-US"))));
  const long = rowCount >= 10000;
  if (long) progress(EXPOSURE.read(rowCount.toLocaleString("en-US"), file));
  return computeAndReport({ file, out: values.out, json: values.json === true, method, parsed, rowCount, io, lang, progress: long ? progress : undefined });
}

interface Run {
  file: string;
  out: string | undefined;
  json: boolean;
  method: budget.AllocationMethod;
  parsed: budget.ParsedRow[];
  rowCount: number;
  io: Io;
  lang: Lang;
  /** progress lines, on long runs only */
  progress: ((what: Text) => void) | undefined;
}

/** Applies every rule to the parsed rows, reports the summary, writes --out. */
async function computeAndReport({ file, out, json, method, parsed, rowCount, io, lang, progress }: Run): Promise<number> {
  const engine = defaultEngine();
  const clauseAward = budget.clauseRowAward(engine);
  // The portfolio's steps are kept; each award's own are made again as its trace is written.
  const result = budget.runPortfolio(engine.resolver, parsed, {
    method,
    clauseAward,
    trace: out !== undefined,
    awardSteps: false,
    consume: true, // the rows hold their applications; the wrappers go as each row is made
    progress: progress
      ? (done, total) => progress(EXPOSURE.computed(done.toLocaleString("en-US"), total.toLocaleString("en-US"), done === total))
      : undefined,
    onYear: progress ? (year, rows) => progress(EXPOSURE.applyingYear(year, rows.toLocaleString("en-US"))) : undefined,
    onYearRows: progress ? (year, done, rows) => progress(EXPOSURE.appliedRows(year, done.toLocaleString("en-US"), rows.toLocaleString("en-US"))) : undefined,
  });

  // counted, not kept: the rows are let go while the workbook is written
  let [bad, computed, blank, paidFen] = [0, 0, 0, 0];
  for (const r of result.rows) {
    if (r.error) {
      bad++;
      io.stderr.write(`${file}: ${tr(EXPOSURE.row(r.line), lang)}: ${r.error.code} ${r.error.in(lang)}\n`);
    } else if (!r.app) blank++;
    if (r.paidFen !== undefined) {
      computed++;
      paidFen += r.paidFen;
    }
  }
  const totalPaid = budget.fenToYuan(paidFen);
  const summary = {
    file,
    method,
    rows: rowCount,
    computed,
    bad,
    blank,
    awarded: totalPaid.toNumber(),
    pools: result.pools.map((p) => ({
      pool: `${p.version} ${p.pool}`, year: p.year, limit: Number(yuan(p.limit)), requested: Number(yuan(p.requested)), awarded: Number(yuan(p.awarded)),
      remaining: Number(yuan(p.remaining)), exhaustion: p.exhaustion === null ? null : budget.serialToISO(p.exhaustion), applications: p.rows,
    })),
  };
  if (json) {
    io.stdout.write(`${JSON.stringify(summary)}\n`);
  } else {
    const say = (t: Text) => io.stdout.write(`${tr(t, lang)}\n`);
    say(EXPOSURE.summary(file, summary.rows, summary.computed, summary.bad, summary.blank, method));
    say(EXPOSURE.awardedInAll(formatYuan(totalPaid), totalPaid.toFixed(2)));
    if (result.pools.length === 0) say(EXPOSURE.noPool);
    for (const p of result.pools) {
      const exhausted = p.exhaustion === null ? tr(EXPOSURE.notReached(p.requested.greaterThanOrEqualTo(p.limit)), lang) : budget.serialToISO(p.exhaustion);
      io.stdout.write(`\n${tr(p.label, lang)}\n`);
      say(EXPOSURE.pool(p.version, p.rows, yuan(p.requested), yuan(p.awarded), yuan(p.limit), yuan(p.remaining), exhausted));
    }
  }
  if (out) {
    progress?.(EXPOSURE.writing(out));
    const ownSteps = (app: budget.Application) => budget.awardTrace(engine.resolver, app, clauseAward);
    const written = writeFileAtomic(out, (temp) => writeWorkbook(temp, result, file, method, { ownSteps, release: true, progress: progress && ((w) => progress(w)), lang }), [file]);
    await written;
    io.stderr.write(`exposure: ${tr(EXPOSURE.wrote(out), lang)}\n`);
  }
  return bad > 0 ? 1 : 0;
}

/** The output workbook's sheets and columns. */
const AWARD_COLUMNS: Column[] = [
  { header: "row", kind: "int", width: 8 }, { header: "recipient", kind: "text", width: 24 }, { header: "project", kind: "text" },
  { header: "policy", kind: "text" }, { header: "programme", kind: "text" }, { header: "year", kind: "int", width: 8 },
  { header: "date", kind: "date", width: 12 }, { header: "version", kind: "text", width: 24 }, { header: "award on its own", kind: "yuan", width: 16 },
  { header: "award", kind: "yuan", width: 16 }, { header: "cut by", kind: "text", width: 20 }, { header: "error", kind: "text", width: 60 },
];
const POOL_COLUMNS: Column[] = [
  { header: "version", kind: "text", width: 24 }, { header: "pool", kind: "text" }, { header: "year", kind: "int", width: 8 }, { header: "label", kind: "text", width: 30 },
  { header: "limit", kind: "yuan", width: 16 }, { header: "requested", kind: "yuan", width: 16 }, { header: "awarded", kind: "yuan", width: 16 },
  { header: "remaining", kind: "yuan", width: 16 }, { header: "exhausted on", kind: "date", width: 12 }, { header: "applications", kind: "int" },
  { header: "method", kind: "text", width: 10 }, { header: "quote", kind: "text", width: 60 },
];
const TRACE_COLUMNS: Column[] = [{ header: "row", kind: "int", width: 8 }, { header: "step", kind: "text", width: 20 }, { header: "value", kind: "text", width: 70 }, { header: "quote id", kind: "int", width: 10 }];

export interface WriteOptions {
  /** Each award's own trace steps, where the result kept none (exposure --out makes them as it writes); else the award's. */
  ownSteps?: (app: budget.Application) => readonly Step[];
  /**
   * The result's rows may be let go once the awards sheet is written (result.rows is emptied): a
   * million rows' objects are not held while their traces are written, only the applications.
   */
  release?: boolean;
  /** rows a sheet holds before it continues on another (Excel's 1,048,576; tests set fewer) */
  maxRows?: number;
  progress?: (what: Text) => void;
  /** the language of sheet names, headers and words (default English, the documented columns) */
  lang?: Lang;
}

/** What the trace sheet needs of each row with an award: its application and portfolio steps (and its own steps, unless made again). */
function tracedRows(result: budget.PortfolioResult, options: WriteOptions) {
  const apps: budget.Application[] = [];
  const steps: (readonly Step[])[] = [];
  const own: (readonly Step[])[] | null = options.ownSteps ? null : [];
  for (const r of result.rows) {
    if (!r.award || !r.app) continue;
    apps.push(r.app);
    steps.push(r.steps);
    own?.push(r.award.steps);
  }
  if (options.release) result.rows.length = 0;
  return { apps, steps, own };
}

/** Columns with their headers in the language. */
function columnsIn(lang: Lang, columns: Column[]): Column[] {
  return lang === "en" ? columns : columns.map((c) => ({ ...c, header: columnIn(lang, c.header) }));
}

/**
 * The output workbook, written as a stream (xlsx-write.ts): awards per row, per-pool summary, each
 * award's trace (continued on "trace 2", … past Excel's row limit), the quotes, the policy files
 * with their sha256. The input is named by its file name, never by a path of this machine.
 */
export async function writeWorkbook(out: string, result: budget.PortfolioResult, input: string, method: string, options: WriteOptions = {}): Promise<void> {
  const wb = new XlsxStreamWriter(out, options.maxRows);
  const lang = options.lang ?? "en";
  const sheet = (name: keyof typeof EXPOSURE.sheets, columns: Column[]) => wb.sheet(tr(EXPOSURE.sheets[name], lang), columnsIn(lang, columns));
  const quotes = new Map<string, number>();
  const quoteId = (q: string | undefined) => {
    if (!q) return null;
    let id = quotes.get(q);
    if (id === undefined) quotes.set(q, (id = quotes.size + 1));
    return id;
  };
  const every = Math.max(1, Math.floor(result.rows.length / 10));

  const awards = sheet("awards", AWARD_COLUMNS);
  for (let i = 0; i < result.rows.length; i++) {
    const r = result.rows[i];
    const a = r.app;
    const wait = awards.addRow([
      r.line, a?.recipient, a?.project, a?.policy, a?.programme, a?.year, a?.date ?? null,
      // 元 from whole fen, as PORTFOLIO gives them: no decimal made and kept a row
      r.award?.version.key, r.award ? budget.fenToYuanNumber(budget.awardFen(r.award)) : null, r.paidFen !== undefined ? budget.fenToYuanNumber(r.paidFen) : null, budget.cutsText(r.cuts, lang),
      r.error ? `${r.error.code} ${r.error.in(lang)}` : null,
    ]);
    if (wait) await wait;
    if (options.progress && i > 0 && i % every === 0) options.progress(EXPOSURE.wroteAwards(i.toLocaleString("en-US")));
  }
  await awards.end();

  const pools = sheet("pools", POOL_COLUMNS);
  for (const p of result.pools) {
    await pools.addRow([p.version, p.pool, p.year, tr(p.label, lang), p.limit.toNumber(), p.requested.toNumber(), p.awarded.toNumber(), p.remaining.toNumber(), p.exhaustion, p.rows, method, p.quote]);
  }
  await pools.end();

  // Each award's trace: its own steps, then the portfolio's, row by row in the table's order.
  const traced = tracedRows(result, options);
  if (options.release) collectGarbage(); // the rows just let go: the traces are written without them
  const trace = sheet("trace", TRACE_COLUMNS);
  const cells: [number, string, string, number | null] = [0, "", "", null]; // one row's cells, reused: addRow is awaited before the next
  for (let k = 0; k < traced.apps.length; k++) {
    const app = traced.apps[k];
    const own = traced.own?.[k] ?? options.ownSteps!(app);
    const portfolio = traced.steps[k]; // its cuts and pool steps
    for (let x = 0; x < own.length + portfolio.length; x++) {
      const s = x < own.length ? own[x] : portfolio[x - own.length];
      cells[0] = app.line;
      cells[1] = stepNameIn(lang, s);
      cells[2] = s.text ? tr(s.text, lang) : s.value;
      cells[3] = quoteId(s.quote);
      const wait = trace.addRow(cells);
      if (wait) await wait;
    }
    if (options.progress && (k + 1) % every === 0) options.progress(EXPOSURE.wroteTraces((k + 1).toLocaleString("en-US")));
  }
  await trace.end();

  const q = sheet("quotes", [{ header: "quote id", kind: "int", width: 10 }, { header: "quote (verbatim from the policy text)", kind: "text", width: 100 }]);
  for (const [text, id] of quotes) await q.addRow([id, text]);
  await q.end();

  const pol = sheet("policies", [{ header: "version", kind: "text", width: 24 }, { header: "file", kind: "text", width: 44 }, { header: "sha256", kind: "text", width: 66 }]);
  for (const f of policyFilesUsed(defaultRegistry(), result.versions)) await pol.addRow([f.version, f.file, f.sha256]);
  await pol.addRow([]);
  await pol.addRow([columnIn(lang, "input"), path.basename(input), await sha256(input)]);
  await pol.addRow([columnIn(lang, "method"), method]);
  await pol.end();
  await wb.finish();
}
