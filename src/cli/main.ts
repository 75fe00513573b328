// award-model: evaluates AWARD formulas and lists the policy versions, for scripts and for checking.
import { parseArgs } from "util";
import { defaultRegistry } from "../engine";
import { parseYearOption } from "./options";
import { CLI, EXPOSURE, nameIn } from "../engine/messages";
import { tr, type Lang } from "../engine/text";
import { setLanguageSource } from "../functions/language";
import { cliLang, LangError } from "./lang";
import { evaluateFormula } from "../functions/evaluate";
import { setPolicyYearSource } from "../functions/policy-year";
import { diffCommand } from "./diff";
import { ExposureUsageError, exposureCommand } from "./exposure";
import { forecastCommand } from "./forecast";

import type { Io } from "./io";

class UsageError extends Error {}

export async function main(argv: string[], io: Io, env: NodeJS.ProcessEnv = process.env): Promise<number> {
  let lang: Lang = "en";
  try {
    const picked = cliLang(argv, env);
    lang = picked.lang;
    setLanguageSource(() => lang);
    return await run(picked.argv, io, lang);
  } catch (e) {
    const usage = tr(CLI.usage, lang);
    if (e instanceof ExposureUsageError) {
      io.stderr.write(`award-model exposure: ${tr(e.text, lang)}\n${tr(EXPOSURE.usage, lang)}\n`);
      return 2;
    }
    if (e instanceof LangError) {
      io.stderr.write(`award-model: ${(e as Error).message}\n`);
      return 2;
    }
    if (e instanceof UsageError || (e as { code?: string }).code?.startsWith("ERR_PARSE_ARGS")) {
      io.stderr.write(`award-model: ${(e as Error).message}\n${usage}\n`);
      return 2;
    }
    io.stderr.write(`award-model: ${(e as Error).message}\n`);
    return 2;
  }
}

async function run(argv: string[], io: Io, lang: Lang): Promise<number> {
  const [command, ...rest] = argv;
  if (command === undefined || command === "--help" || command === "-h" || command === "help") {
    (command === undefined ? io.stderr : io.stdout).write(`${tr(CLI.usage, lang)}\n`);
    return command === undefined ? 2 : 0;
  }
  if (command === "eval") return evalCommand(rest, io, lang);
  if (command === "policies") return policiesCommand(rest, io, lang);
  if (command === "diff") return diffCommand(rest, io, (m) => new UsageError(m), lang);
  if (command === "exposure") return exposureCommand(rest, io, lang);
  if (command === "forecast") return forecastCommand(rest, io, lang);
  throw new UsageError(tr(CLI.unknownCommand(command), lang));
}


async function readLines(stream: NodeJS.ReadableStream): Promise<string[]> {
  let text = "";
  stream.setEncoding("utf8");
  for await (const chunk of stream) text += chunk;
  return text.split(/\r?\n/).map((l) => l.trim()).filter((l) => l !== "" && !l.startsWith("#"));
}

function show(value: unknown): string {
  type Property = { basicValue?: unknown; propertyMetadata?: { excludeFrom?: { cardView?: boolean } } };
  const entity = value as { type?: unknown; text?: unknown; properties?: Record<string, Property> } | null;
  if (entity && typeof entity === "object" && entity.type === "Entity" && entity.properties) {
    // an entity card (VOUCHER_DETAILS): its text, then one property per line, as the card shows them
    // (not the names in the other language, which the card keeps for formulas only)
    const shown = Object.entries(entity.properties).filter(([, p]) => !p.propertyMetadata?.excludeFrom?.cardView);
    return [String(entity.text), ...shown.map(([k, p]) => `${k}: ${String(p.basicValue)}`)].join("\n");
  }
  if (Array.isArray(value)) return value.map((row) => (Array.isArray(row) ? row.map(String).join("\t") : String(row))).join("\n");
  return String(value);
}

async function evalCommand(args: string[], io: Io, lang: Lang): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    options: { json: { type: "boolean", default: false }, year: { type: "string" } },
    allowPositionals: true,
  });
  const year = parseYearOption(values.year, (m) => new UsageError(m), lang);
  if (year !== null) setPolicyYearSource(() => year);
  let formulas = positionals;
  if (formulas.length === 0 || (formulas.length === 1 && formulas[0] === "-")) {
    if (!io.stdin || (io.stdin.isTTY && formulas.length === 0)) throw new UsageError(tr(CLI.noFormula, lang));
    formulas = await readLines(io.stdin);
    if (formulas.length === 0) throw new UsageError(tr(CLI.noFormulaOnStdin, lang));
  }
  let failed = 0;
  for (const formula of formulas) {
    const { value, error } = evaluateFormula(formula);
    if (error) failed++;
    if (values.json) {
      io.stdout.write(`${JSON.stringify({ formula, value: error ? null : value, error })}\n`);
    } else if (error) {
      io.stdout.write(`${formula}\n  ${error.code} ${error.message}\n`);
    } else {
      io.stdout.write(`${formula}\n  ${show(value).replace(/\n/g, "\n  ")}\n`);
    }
  }
  return failed > 0 ? 1 : 0;
}

function policiesCommand(args: string[], io: Io, lang: Lang): number {
  const { values } = parseArgs({ args, options: { json: { type: "boolean", default: false } }, allowPositionals: false });
  const versions = defaultRegistry().listVersions();
  if (values.json) {
    // --json keeps its English shape: the window note and the assumptions as strings
    io.stdout.write(`${JSON.stringify(versions.map((v) => ({ ...v, windowNote: v.windowNote.en, assumptions: v.assumptions.map((a) => a.en) })), null, 2)}\n`);
    return 0;
  }
  const t = (text: Parameters<typeof tr>[0]) => tr(text, lang);
  const registry = defaultRegistry();
  for (const v of versions) {
    const window = v.window ? t(CLI.window(v.window.from, v.window.to)) : t(CLI.neverInForce);
    const status = CLI.status[v.status] ? t(CLI.status[v.status]) : v.status;
    io.stdout.write(`${v.key.padEnd(30)} ${status.padEnd(6)} ${window}\n`);
    // in English the English title, with the document's own (a quote of the text) after it
    const title = lang === "en" && v.titleEn ? `${v.titleEn} (《${v.title}》${v.documentNumber ? `, ${v.documentNumber}` : ""})` : `${v.title}${v.documentNumber ? ` (${v.documentNumber})` : ""}`;
    io.stdout.write(`  ${title}\n`);
    io.stdout.write(`  ${t(v.windowNote)}\n`);
    const names = v.programmes.map((id) => {
      const type = registry.programmeTypes.find((p) => p.id === id);
      return type ? `${nameIn(lang, type)} (${id})` : id;
    });
    io.stdout.write(`  ${t(CLI.programmes(names.join(lang === "zh" ? "、" : ", ") || t(CLI.none)))}\n`);
  }
  return 0;
}
