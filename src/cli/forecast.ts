// award-model forecast FILE: a pipeline of expected applications drawn N times and priced under every
// rule of the texts, per annual pool: the chance it runs out, by when, what is awarded and unmet; and
// the same under another version or a what-if variant, on the same draws.
import { createHash } from "crypto";
import * as fs from "fs";
import * as path from "path";
import { parseArgs } from "util";
import ExcelJS from "exceljs";
import Decimal from "decimal.js";
import { AwardError, budget, defaultRegistry, formatYuan, type VariantSpec } from "../engine";
import { readState } from "../workbook/state";
import * as fc from "../engine/forecast";
import { bi, langOf, tr, type Lang, type Text } from "../engine/text";
import { columnIn } from "../engine/messages";
import { ExposureUsageError, policyFilesUsed, type TableRows } from "./exposure";
import { defaultThreads, loadPipeline, runForecast, scenariosOf, type RunSpec } from "./forecast-run";
import type { Io } from "./io";
import { parseYearOption } from "./options";

export const FORECAST_USAGE = `  award-model forecast FILE [--trials N] [--seed S] [--method fcfs|pro-rata] [--compare POLICY] [--variants FILE]
                       [--year Y] [--threads N] [--out FILE.xlsx] [--json]
                                                    chance each annual pool runs out, by when, awarded and unmet, over
                                                    N draws of a pipeline (.xlsx/.csv: the applications table plus
                                                    probability/概率, low/最低, high/最高, count/数量, from/从, to/至)`;

class Usage extends Error {
  constructor(readonly text: Text) {
    super(text.en);
  }
}

const HELP = bi(
  `usage:\n${FORECAST_USAGE}\n  --trials   number of draws (default 1000, at most ${fc.MAX_FORECAST_TRIALS})\n  --seed     seed of the draws (default 1): the same seed gives the same figures on every machine\n  --compare  a version or variant to price the same draws under, e.g. guangzhou@draft~lower-rate\n  --variants a JSON file of what-if variants in the task pane's format (its saved settings, or a list)\n  --out      an .xlsx with the table per pool and month, the pipeline, the seed and the policy files' sha256,\n             and an HTML fan chart beside it\nExit status: 0 when every row is read and priced, 1 when any row is bad (each reported), 2 for a usage or file error.`,
  `用法：\n${FORECAST_USAGE}\n  --trials   抽样次数（默认 1000，最多 ${fc.MAX_FORECAST_TRIALS}）\n  --seed     随机种子（默认 1）：同一种子在任何机器上结果相同\n  --compare  以另一版本或假设方案对同一批抽样计价，例如 guangzhou@draft~lower-rate\n  --variants 任务窗格格式的假设方案 JSON 文件（窗格保存的设置或方案列表）\n  --out      输出 .xlsx：各资金池逐月表、申报预测表、随机种子及政策文件 sha256，并在旁边输出 HTML 扇形图\n退出状态：全部行读入并计价为 0；有错误行为 1（逐行报告）；用法或文件错误为 2。`,
);

/** An amount as a budget office reads it: 万元 with one decimal from 10万元 up, else 元. */
const yuan = (n: number) => (Math.abs(n) >= 1e8 ? `${(n / 1e8).toFixed(2)}亿元` : Math.abs(n) >= 1e5 ? `${(n / 1e4).toFixed(1)}万元` : formatYuan(new Decimal(n)));
const fmtPct = (p: number) => `${(p * 100).toFixed(1)}%`;

/** --variants: the pane's saved settings ({"variants": [...]}) or a bare list of variants. */
function readVariants(file: string): VariantSpec[] {
  if (!fs.existsSync(file)) throw new Usage(bi(`--variants ${file}: no such file`, `--variants ${file}：文件不存在`));
  let raw: unknown;
  try {
    raw = JSON.parse(fs.readFileSync(file, "utf8").replace(/^\uFEFF/, ""));
  } catch (e) {
    throw new Usage(bi(`--variants ${file}: not JSON: ${(e as Error).message}`, `--variants ${file}：不是 JSON：${(e as Error).message}`));
  }
  const specs = Array.isArray(raw) ? readState({ variants: raw }).variants : readState(raw).variants;
  if (specs.length === 0) throw new Usage(bi(`--variants ${file}: no variant in it (expected {"variants": [{"base", "name", "edits"}]} as the task pane saves, or a list of them)`, `--variants ${file}：未找到方案（应为任务窗格保存的 {"variants": [{"base", "name", "edits"}]} 或其列表）`));
  return specs;
}

function wholeOption(text: string | undefined, name: string, min: number, max: number, dflt: number): number {
  if (text === undefined) return dflt;
  if (!/^\d+$/.test(text) || Number(text) < min || Number(text) > max) throw new Usage(bi(`--${name} "${text}" is not a whole number from ${min} to ${max}`, `--${name}“${text}”不是 ${min} 至 ${max} 之间的整数`));
  return Number(text);
}

function sameFile(a: string, b: string): boolean {
  const ra = path.resolve(a);
  const rb = path.resolve(b);
  if (ra === rb) return true;
  try {
    return fs.realpathSync(ra) === fs.realpathSync(rb);
  } catch {
    return false;
  }
}

interface Parsed { spec: RunSpec; out: string | null; json: boolean; threads: number | null; variantsFile: string | null }

function parseOptions(args: string[]): Parsed {
  const { values, positionals } = parseArgs({
    args,
    options: {
      trials: { type: "string" }, seed: { type: "string" }, method: { type: "string" }, compare: { type: "string" }, variants: { type: "string" },
      year: { type: "string" }, threads: { type: "string" }, out: { type: "string" }, json: { type: "boolean", default: false },
    },
    allowPositionals: true,
  });
  if (positionals.length !== 1) throw new Usage(positionals.length === 0 ? bi("give the pipeline file", "请给出申报预测文件") : bi(`give one file, not ${positionals.length}`, `只能给一个文件，而不是 ${positionals.length} 个`));
  const file = positionals[0];
  const year = parseYearOption(values.year, (m) => new Usage(bi(m, m))) ?? new Date().getFullYear();
  let method: budget.AllocationMethod;
  try {
    method = budget.parseMethod(values.method);
  } catch (e) {
    throw new Usage(bi(`--method: ${(e as Error).message}`, `--method：须为 fcfs（先到先得）或 pro-rata（按比例）`));
  }
  const out = values.out ?? null;
  if (out !== null) {
    if (path.extname(out).toLowerCase() !== ".xlsx") throw new Usage(bi(`--out "${out}" must be an .xlsx file`, `--out“${out}”须为 .xlsx 文件`));
    if (!fs.existsSync(path.dirname(path.resolve(out)))) throw new Usage(bi(`--out "${out}": the folder does not exist`, `--out“${out}”：文件夹不存在`));
    for (const input of [file, values.variants]) {
      if (input && sameFile(out, input)) throw new Usage(bi(`--out "${out}" is an input file: choose another name (inputs are never overwritten)`, `--out“${out}”是输入文件：请换一个文件名（不会覆盖输入文件）`));
    }
  }
  const variants = values.variants ? readVariants(values.variants) : [];
  let compare = values.compare ?? null;
  if (compare === null && variants.length > 0) {
    if (variants.length > 1) throw new Usage(bi(`--variants names ${variants.length} variants: say which to compare with, e.g. --compare ${budgetKey(variants[0])}`, `--variants 含 ${variants.length} 个方案：请用 --compare 指明对比哪一个，例如 --compare ${budgetKey(variants[0])}`));
    compare = budgetKey(variants[0]);
  }
  return {
    spec: { file, year, trials: wholeOption(values.trials, "trials", 1, fc.MAX_FORECAST_TRIALS, 1000), seed: wholeOption(values.seed, "seed", 0, 4294967295, 1), method, compare, variants },
    out, json: values.json ?? false, threads: values.threads === undefined ? null : wholeOption(values.threads, "threads", 1, 64, 1), variantsFile: values.variants ?? null,
  };
}
const budgetKey = (v: VariantSpec) => `${v.base}~${v.name}`;

/** A pool as --json prints it: amounts in 元. */
function jsonPool(p: fc.PoolForecast) {
  return { pool: p.pool, year: p.year, limit: p.limit, pExhausted: p.pExhausted, exhaustion: p.exhaustion, awarded: p.awarded, requested: p.requested, unmet: p.unmet };
}

export async function forecastCommand(args: string[], io: Io, lang: Lang = langOf(process.env.LC_ALL || process.env.LC_MESSAGES || process.env.LANG)): Promise<number> {
  try {
    return await run(args, io, lang);
  } catch (e) {
    if (e instanceof Usage || e instanceof ExposureUsageError || (e as { code?: string }).code?.startsWith("ERR_PARSE_ARGS")) {
      const msg = e instanceof Usage ? tr(e.text, lang) : (e as Error).message;
      io.stderr.write(`award-model forecast: ${msg}\n${tr(HELP, lang)}\n`);
      return 2;
    }
    if (e instanceof AwardError) {
      io.stderr.write(`award-model forecast: ${e.code} ${e.in(lang)}\n`);
      return 2;
    }
    throw e;
  }
}

async function run(args: string[], io: Io, lang: Lang): Promise<number> {
  const opts = parseOptions(args);
  const { spec } = opts;
  const started = Date.now();
  const say = (t: Text) => io.stderr.write(`forecast: ${tr(t, lang)} (${((Date.now() - started) / 1000).toFixed(1)} s)\n`);
  const { table, pipeline } = await loadPipeline(spec.file, spec.year);
  for (const b of pipeline.bad) io.stderr.write(`${spec.file}: ${tr(bi("row", "第"), lang)} ${b.line}${lang === "zh" ? " 行" : ""}: ${b.error.code} ${b.error.in(lang)}\n`);
  if (pipeline.rows.length === 0) throw new Usage(bi(`${spec.file}: no row to forecast`, `${spec.file}：没有可预测的行`));
  scenariosOf(spec); // a bad variant or --compare fails before any trial
  const expected = pipeline.rows.reduce((n, r) => n + (r.count ?? 1) * r.probability, 0);
  const threads = opts.threads ?? defaultThreads(spec.trials, expected);
  const long = spec.trials * expected >= 10000;
  let shown = 0;
  const progress = long ? (done: number, total: number) => {
    if (done === total || Date.now() - shown > 1000) {
      shown = Date.now();
      say(bi(`${done} of ${total} trials`, `已完成 ${done}/${total} 次抽样`));
    }
  } : undefined;
  if (long) say(bi(`${pipeline.rows.length} pipeline rows, ${spec.trials} trials, ${threads} thread(s)`, `申报预测 ${pipeline.rows.length} 行，抽样 ${spec.trials} 次，${threads} 个线程`));
  const [base, reform] = await runForecast(spec, pipeline, threads, progress);
  const report = fc.forecastReport({ trials: spec.trials, seed: spec.seed, method: spec.method }, base, reform && spec.compare ? { policy: spec.compare, acc: reform } : undefined);
  for (const e of report.errors) io.stderr.write(`${spec.file}: ${tr(bi("row", "第"), lang)} ${e.line}${lang === "zh" ? " 行" : ""}: ${e.code} ${tr(e.message, lang)} (${tr(bi(`in ${e.trials} of ${spec.trials} trials`, `出现于 ${e.trials}/${spec.trials} 次抽样`), lang)})\n`);
  if (opts.json) {
    const out: Record<string, unknown> = { trials: report.trials, seed: report.seed, method: report.method, pools: report.pools.map(jsonPool) };
    if (report.compare) {
      out.compare = { policy: report.compare.policy, pools: report.compare.pools.map((p) => ({ ...jsonPool(p), difference: p.difference && { baseline: p.difference.baseline, pExhausted: p.difference.pExhausted, awarded: p.difference.awarded, unmet: p.difference.unmet } })) };
    }
    io.stdout.write(`${JSON.stringify(out)}\n`);
  } else {
    io.stdout.write(formatReport(report, lang));
  }
  if (opts.out) {
    await writeOutputs(opts.out, report, table, spec, lang);
    say(bi(`wrote ${opts.out} and ${fanFile(opts.out)}`, `已写入 ${opts.out} 与 ${fanFile(opts.out)}`));
  }
  return pipeline.bad.length > 0 || report.errors.length > 0 ? 1 : 0;
}

function formatReport(r: fc.ForecastReport, lang: Lang): string {
  const lines: string[] = [tr(bi(`${r.trials} trials, seed ${r.seed}, method ${r.method}`, `抽样 ${r.trials} 次，随机种子 ${r.seed}，分配方式 ${r.method}`), lang)];
  const pool = (p: fc.PoolForecast, d?: fc.PoolDifference | null) => {
    const date = (s: string | null) => s ?? tr(bi("never", "不会用尽"), lang);
    lines.push("", `${p.pool} ${p.year}: ${tr(p.label, lang)}`);
    lines.push(tr(bi(`  limit ${yuan(p.limit)}; used up in ${fmtPct(p.pExhausted)} of trials`, `  额度 ${yuan(p.limit)}；${fmtPct(p.pExhausted)} 的抽样中用尽`), lang));
    lines.push(tr(bi(`  used up by (p10 / p50 / p90): ${date(p.exhaustion.p10)} / ${date(p.exhaustion.p50)} / ${date(p.exhaustion.p90)}`, `  用尽日期（p10 / p50 / p90）：${date(p.exhaustion.p10)} / ${date(p.exhaustion.p50)} / ${date(p.exhaustion.p90)}`), lang));
    lines.push(tr(bi(`  awarded p10 ${yuan(p.awarded.p10)}, p50 ${yuan(p.awarded.p50)}, p90 ${yuan(p.awarded.p90)}; unmet p50 ${yuan(p.unmet.p50)}`, `  兑现 p10 ${yuan(p.awarded.p10)}，p50 ${yuan(p.awarded.p50)}，p90 ${yuan(p.awarded.p90)}；未满足 p50 ${yuan(p.unmet.p50)}`), lang));
    lines.push(tr(bi("  P(used up) by the end of", "  月末前用尽概率"), lang) + " " + p.months.map((m) => `${m.month.slice(5)}: ${fmtPct(m.pExhausted)}`).join(", "));
    if (d) lines.push(tr(bi(`  vs ${d.baseline}: used up ${d.pExhausted >= 0 ? "+" : ""}${(d.pExhausted * 100).toFixed(1)} points; awarded p50 ${d.awarded.p50 >= 0 ? "+" : "−"}${yuan(Math.abs(d.awarded.p50))}`, `  相比 ${d.baseline}：用尽概率 ${d.pExhausted >= 0 ? "+" : ""}${(d.pExhausted * 100).toFixed(1)} 个百分点；兑现 p50 ${d.awarded.p50 >= 0 ? "+" : "−"}${yuan(Math.abs(d.awarded.p50))}`), lang));
  };
  for (const p of r.pools) pool(p);
  if (r.pools.length === 0) lines.push(tr(bi("no annual pool applies to these rows", "这些行不涉及年度资金池"), lang));
  if (r.compare) {
    lines.push("", tr(bi(`— under ${r.compare.policy}, the same draws —`, `—— 按 ${r.compare.policy} 对同一批抽样计价 ——`), lang));
    for (const p of r.compare.pools) pool(p, p.difference);
  }
  return `${lines.join("\n")}\n`;
}

const fanFile = (out: string) => out.replace(/\.xlsx$/i, "-fan.html");

/** Writes to a temporary file in the same folder, then renames it over the target: never half a file. */
async function atomically(target: string, write: (tmp: string) => Promise<void>): Promise<void> {
  const tmp = path.join(path.dirname(path.resolve(target)), `.${path.basename(target)}.${process.pid}.tmp`);
  try {
    await write(tmp);
    fs.renameSync(tmp, target);
  } finally {
    if (fs.existsSync(tmp)) fs.rmSync(tmp, { force: true });
  }
}

/** The forecast workbook's headers, each in both languages ("P(used up) 用尽概率"), from the one table of column names. */
const inBoth = (headers: string[]) => headers.map((h) => (columnIn("zh", h) === h ? h : `${h} ${columnIn("zh", h)}`));

async function writeOutputs(out: string, r: fc.ForecastReport, table: TableRows, spec: RunSpec, lang: Lang): Promise<void> {
  const wb = new ExcelJS.Workbook();
  const months = wb.addWorksheet("months 逐月");
  months.addRow(inBoth(["policy", "pool", "year", "month", "limit", "P(used up)", "awarded p10", "awarded p50", "awarded p90", "requested p50", "unmet p50", "Δ P(used up)", "Δ awarded p50", "Δ unmet p50"]));
  const monthRows = (p: fc.PoolForecast, policy: string, d?: fc.PoolDifference | null) => p.months.forEach((m, i) => {
    const dm = d?.months[i];
    months.addRow([policy, p.pool, p.year, m.month, p.limit, m.pExhausted, m.awarded.p10, m.awarded.p50, m.awarded.p90, m.requested.p50, m.unmet.p50, dm?.pExhausted ?? "", dm?.awarded.p50 ?? "", dm?.unmet.p50 ?? ""]);
  });
  r.pools.forEach((p) => monthRows(p, "baseline 基准"));
  r.compare?.pools.forEach((p) => monthRows(p, r.compare!.policy, p.difference));
  const pools = wb.addWorksheet("pools 资金池");
  pools.addRow(inBoth(["policy", "pool", "year", "label", "limit", "P(used up)", "used up p10", "used up p50", "used up p90", "awarded p10", "awarded p50", "awarded p90", "requested p50", "unmet p10", "unmet p50", "unmet p90"]));
  const poolRow = (p: fc.PoolForecast, policy: string) => pools.addRow([policy, p.pool, p.year, tr(p.label, lang), p.limit, p.pExhausted, p.exhaustion.p10 ?? "never", p.exhaustion.p50 ?? "never", p.exhaustion.p90 ?? "never", p.awarded.p10, p.awarded.p50, p.awarded.p90, p.requested.p50, p.unmet.p10, p.unmet.p50, p.unmet.p90]);
  r.pools.forEach((p) => poolRow(p, "baseline 基准"));
  r.compare?.pools.forEach((p) => poolRow(p, r.compare!.policy));
  const rec = wb.addWorksheet("recipients 申请单位");
  rec.addRow(inBoth(["policy", "recipient", "requested, mean over trials", "awarded, mean over trials"]));
  r.recipients.forEach((x) => rec.addRow(["baseline 基准", x.recipient, x.requestedMean, x.awardedMean]));
  r.compare?.recipients.forEach((x) => rec.addRow([r.compare!.policy, x.recipient, x.requestedMean, x.awardedMean]));
  const pipe = wb.addWorksheet("pipeline 申报预测");
  pipe.addRow(table.header as ExcelJS.CellValue[]);
  table.rows.forEach((row) => pipe.addRow(row.cells as ExcelJS.CellValue[]));
  const repro = wb.addWorksheet("reproduce 复现");
  repro.addRow(inBoth(["what", "value", "sha256"]));
  repro.addRow(["command", `award-model forecast ${path.basename(spec.file)} --trials ${spec.trials} --seed ${spec.seed} --method ${spec.method}${spec.compare ? ` --compare ${spec.compare}` : ""}${spec.variants.length ? " --variants FILE" : ""} --year ${spec.year}`]);
  repro.addRow(["seed 随机种子", spec.seed]);
  repro.addRow(["trials 抽样次数", spec.trials]);
  repro.addRow(["method 分配方式", spec.method]);
  repro.addRow(["input 输入", path.resolve(spec.file), createHash("sha256").update(fs.readFileSync(spec.file)).digest("hex")]);
  if (spec.variants.length) repro.addRow(["variants 假设方案", JSON.stringify(spec.variants)]);
  const { engine } = scenariosOf(spec);
  const versions = [...new Set([...r.pools, ...(r.compare?.pools ?? [])].map((p) => p.version))].map((k) => engine.resolver.resolve(k, 2000).version);
  const shipped = versions.map((v) => (v.variant ? engine.resolver.resolve(v.variant.base, 2000).version : v));
  for (const f of policyFilesUsed(defaultRegistry(), [...new Map(shipped.map((v) => [v.key, v])).values()])) repro.addRow([`${f.version} ${f.file}`, "", f.sha256]);
  await atomically(out, (tmp) => wb.xlsx.writeFile(tmp));
  await atomically(fanFile(out), async (tmp) => fs.writeFileSync(tmp, fanHtml(r)));
}

function escapeHtml(s: string): string {
  return s.replace(/[&<>"]/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" })[c]!);
}

/** The fan charts as one HTML page: per pool and year, baseline and reform side by side. */
export function fanHtml(r: fc.ForecastReport): string {
  const chart = (p: fc.PoolForecast, title: string, reform?: fc.PoolForecast) => {
    const g = fc.fanGeometry(p, 320, 160, reform);
    return `<figure><figcaption>${escapeHtml(title)}</figcaption><svg viewBox="0 0 ${g.width} ${g.height}" width="${g.width}" height="${g.height}" role="img" aria-label="${escapeHtml(title)}">` +
      `<path d="${g.band}" fill="#9ec5e8" opacity="0.6"/><path d="${g.median}" fill="none" stroke="#0f6cbd" stroke-width="2"/>` +
      (g.reform ? `<path d="${g.reform}" fill="none" stroke="#c50f1f" stroke-width="2" stroke-dasharray="4 3"/>` : "") +
      `<path d="${g.limit}" stroke="#333" stroke-dasharray="2 2"/><path d="${g.exhausted}" fill="none" stroke="#8a3707" stroke-width="1"/></svg>` +
      `<table><tr><th>month 月份</th><th>P(used up) 用尽概率</th><th>awarded p50 兑现中位数</th></tr>${p.months.map((m) => `<tr><td>${m.month}</td><td>${fmtPct(m.pExhausted)}</td><td>${yuan(m.awarded.p50)}</td></tr>`).join("")}</table></figure>`;
  };
  const byKey = new Map((r.compare?.pools ?? []).map((p) => [`${p.jurisdiction}|${p.poolId}|${p.year}`, p]));
  const body = r.pools.map((p) => {
    const reform = byKey.get(`${p.jurisdiction}|${p.poolId}|${p.year}`);
    return `<section><h2>${escapeHtml(`${p.pool} ${p.year}`)} — ${escapeHtml(yuan(p.limit))}</h2><div class="row">${chart(p, "baseline 基准")}${reform ? chart(reform, `${r.compare!.policy}`, undefined) : ""}</div></section>`;
  }).join("\n");
  return `<!doctype html><html lang="zh"><meta charset="utf-8"><title>forecast 预算预测</title><style>body{font-family:sans-serif;max-width:720px}.row{display:flex;flex-wrap:wrap;gap:8px}figure{margin:0}table{font-size:12px;border-collapse:collapse}td,th{padding:1px 6px;text-align:right}</style>` +
    `<h1>forecast 预算预测</h1><p>${r.trials} trials 次抽样 · seed 随机种子 ${r.seed} · ${r.method}. Band 色带: awarded p10–p90 累计兑现; line 实线: median 中位数; dashed 虚线: pool 资金池额度; brown 棕线: P(used up) 用尽概率 (0–1).</p>\n${body}</html>\n`;
}
