// Node only: reads the policy files from disk. The add-in gets the same files from the build
// (webpack injects them), so nothing in the browser imports this module.
import * as fs from "fs";
import * as path from "path";
import type { PolicyFile } from "./types";
import { formatFaultIn, validatePolicyFiles } from "./validate";
import { policyFileKind } from "./registry";

/** The policies/ folder of this project. */
export const POLICY_DIR = path.resolve(__dirname, "../../policies");

function walk(dir: string, rel = ""): string[] {
  const out: string[] = [];
  for (const entry of fs.readdirSync(path.join(dir, rel), { withFileTypes: true })) {
    const r = rel ? `${rel}/${entry.name}` : entry.name;
    if (entry.isDirectory()) out.push(...walk(dir, r));
    else out.push(r);
  }
  return out.sort();
}

/** Reads every policy data file under dir, without checking it. */
export function readPolicyFilesUnchecked(dir: string = POLICY_DIR): PolicyFile[] {
  return walk(dir)
    .filter((p) => policyFileKind(p) !== "other")
    .map((p) => ({ path: p, text: fs.readFileSync(path.join(dir, p), "utf8") }));
}

/** Reads source texts (and other files) under dir; null where missing. */
export function textReader(dir: string = POLICY_DIR): (p: string) => string | null {
  return (p) => {
    const full = path.resolve(dir, p);
    if (!full.startsWith(path.resolve(dir) + path.sep)) return null;
    try {
      return fs.readFileSync(full, "utf8");
    } catch {
      return null;
    }
  };
}

/**
 * Reads and checks every policy file under dir. Throws an Error listing each fault with its file
 * and path, so a broken policy file fails the build and the tests.
 */
export function readPolicyFiles(dir: string = POLICY_DIR): PolicyFile[] {
  const files = readPolicyFilesUnchecked(dir);
  const faults = validatePolicyFiles(files, textReader(dir));
  if (faults.length > 0) {
    // a folder given: its files by their real path; this project's own: policies/…
    const real = fs.realpathSync(dir);
    const shown = real === fs.realpathSync(POLICY_DIR) ? undefined : real;
    throw new Error(`invalid policy files:\n${faults.map((f) => `  ${formatFaultIn(f, shown)}`).join("\n")}`);
  }
  return files;
}
