// award-model: evaluates AWARD formulas and lists the policy versions, for scripts and for checking.
import { parseArgs } from "util";
import { defaultRegistry } from "../engine";
import { parseYearOption } from "./options";
import { evaluateFormula } from "../functions/evaluate";
import { setPolicyYearSource } from "../functions/policy-year";
import { DIFF_USAGE, diffCommand } from "./diff";
import { EXPOSURE_USAGE, ExposureUsageError, exposureCommand } from "./exposure";
import { FORECAST_USAGE, forecastCommand } from "./forecast";

export interface Io {
  stdout: { write(s: string): unknown };
  stderr: { write(s: string): unknown };
  stdin?: NodeJS.ReadableStream & { isTTY?: boolean };
}

const USAGE = `usage:
  award-model eval [--json] [--year Y] FORMULA...   evaluate AWARD formulas (- or none: read them from standard input, one a line)
  award-model policies [--json]                     list the policy versions, their status and in-force windows
${DIFF_USAGE}
  award-model exposure FILE [--year Y] [--method fcfs|pro-rata] [--out FILE.xlsx] [--json]
                                                    apply every rule to a table of applications (.xlsx or .csv)
${FORECAST_USAGE}
  award-model --help

A formula is =AWARD.NAME(args) or =NAME(args) with literal arguments: numbers, "strings", TRUE/FALSE,
omitted arguments and array constants such as {1,2;3,4}. --year sets the policy year of formulas that
give none (default: the current year).
Exit status: 0 when every formula has a value, 1 when any gives an Excel error, 2 for a usage error.
Example:
  award-model eval --json '=AWARD.COMPUTE_VOUCHER("hangzhou-binjiang","compute",20000000,TRUE,2026)'`;

class UsageError extends Error {}

export async function main(argv: string[], io: Io): Promise<number> {
  try {
    return await run(argv, io);
  } catch (e) {
    if (e instanceof ExposureUsageError) {
      io.stderr.write(`award-model exposure: ${e.message}\n${EXPOSURE_USAGE}\n`);
      return 2;
    }
    if (e instanceof UsageError || (e as { code?: string }).code?.startsWith("ERR_PARSE_ARGS")) {
      io.stderr.write(`award-model: ${(e as Error).message}\n${USAGE}\n`);
      return 2;
    }
    io.stderr.write(`award-model: ${(e as Error).message}\n`);
    return 2;
  }
}

async function run(argv: string[], io: Io): Promise<number> {
  const [command, ...rest] = argv;
  if (command === undefined || command === "--help" || command === "-h" || command === "help") {
    (command === undefined ? io.stderr : io.stdout).write(`${USAGE}\n`);
    return command === undefined ? 2 : 0;
  }
  if (command === "eval") return evalCommand(rest, io);
  if (command === "policies") return policiesCommand(rest, io);
  if (command === "diff") return diffCommand(rest, io, (m) => new UsageError(m));
  if (command === "exposure") return exposureCommand(rest, io);
  if (command === "forecast") return forecastCommand(rest, io);
  throw new UsageError(`unknown command "${command}"`);
}


async function readLines(stream: NodeJS.ReadableStream): Promise<string[]> {
  let text = "";
  stream.setEncoding("utf8");
  for await (const chunk of stream) text += chunk;
  return text.split(/\r?\n/).map((l) => l.trim()).filter((l) => l !== "" && !l.startsWith("#"));
}

function show(value: unknown): string {
  const entity = value as { type?: unknown; text?: unknown; properties?: Record<string, { basicValue?: unknown }> } | null;
  if (entity && typeof entity === "object" && entity.type === "Entity" && entity.properties) {
    // an entity card (VOUCHER_DETAILS): its text, then one property per line
    return [String(entity.text), ...Object.entries(entity.properties).map(([k, p]) => `${k}: ${String(p.basicValue)}`)].join("\n");
  }
  if (Array.isArray(value)) return value.map((row) => (Array.isArray(row) ? row.map(String).join("\t") : String(row))).join("\n");
  return String(value);
}

async function evalCommand(args: string[], io: Io): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    options: { json: { type: "boolean", default: false }, year: { type: "string" } },
    allowPositionals: true,
  });
  const year = parseYearOption(values.year, (m) => new UsageError(m));
  if (year !== null) setPolicyYearSource(() => year);
  let formulas = positionals;
  if (formulas.length === 0 || (formulas.length === 1 && formulas[0] === "-")) {
    if (!io.stdin || (io.stdin.isTTY && formulas.length === 0)) throw new UsageError("give at least one formula");
    formulas = await readLines(io.stdin);
    if (formulas.length === 0) throw new UsageError("no formula on standard input");
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

function policiesCommand(args: string[], io: Io): number {
  const { values } = parseArgs({ args, options: { json: { type: "boolean", default: false } }, allowPositionals: false });
  const versions = defaultRegistry().listVersions();
  if (values.json) {
    io.stdout.write(`${JSON.stringify(versions, null, 2)}\n`);
    return 0;
  }
  for (const v of versions) {
    const window = v.window ? `${v.window.from} to ${v.window.to}` : "never in force";
    io.stdout.write(`${v.key.padEnd(30)} ${v.status.padEnd(6)} ${window}\n`);
    io.stdout.write(`  ${v.title}${v.documentNumber ? ` (${v.documentNumber})` : ""}\n  ${v.windowNote}\n`);
    io.stdout.write(`  programmes: ${v.programmes.join(", ") || "none"}\n`);
  }
  return 0;
}
