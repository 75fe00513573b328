// Every file the project writes goes through here: a temporary file in the target's own folder,
// flushed to disk (fsync), then renamed over the target, so a run that fails or is killed leaves
// what was there before. A target is never one of the run's inputs (same real path or same inode).
import * as fs from "fs";
import * as path from "path";
import { bi, type Text } from "../engine/text";

/** A file that cannot or must not be written; `text` says why in both languages, naming the file. */
export class OutputFileError extends Error {
  constructor(readonly text: Text) {
    super(text.en);
    this.name = "OutputFileError";
  }
}

const fail = (en: string, zh: string) => new OutputFileError(bi(en, zh));

/** Same file: the same real path, or the same device and inode (a hard link). */
function sameFile(a: string, b: string): boolean {
  try {
    if (fs.realpathSync(a) === fs.realpathSync(b)) return true;
    const sa = fs.statSync(a);
    const sb = fs.statSync(b);
    return sa.dev === sb.dev && sa.ino === sb.ino;
  } catch {
    return false;
  }
}

/**
 * Checks, before any work, that `target` can be written: its folder exists and is writable, it is
 * not a folder, and it is none of `inputs`. Throws an OutputFileError naming the file otherwise.
 */
export function checkOutputFile(target: string, inputs: readonly string[], option = "--out"): void {
  const abs = path.resolve(target);
  const dir = path.dirname(abs);
  if (target.endsWith("/") || target.endsWith(path.sep) || (fs.existsSync(abs) && fs.statSync(abs).isDirectory())) {
    throw fail(`${option} "${target}" is a folder: give a file name.`, `${option} "${target}" 是一个文件夹：请给出文件名。`);
  }
  if (!fs.existsSync(dir) || !fs.statSync(dir).isDirectory()) {
    throw fail(`${option} "${target}": the folder ${dir} does not exist.`, `${option} "${target}"：文件夹 ${dir} 不存在。`);
  }
  try {
    fs.accessSync(dir, fs.constants.W_OK);
  } catch {
    throw fail(`${option} "${target}": the folder ${dir} cannot be written.`, `${option} "${target}"：文件夹 ${dir} 不可写入。`);
  }
  for (const input of inputs) {
    if (fs.existsSync(abs) && sameFile(abs, input)) {
      throw fail(
        `${option} "${target}" is the input file ${input}: the output would replace it. Give another file name.`,
        `${option} "${target}" 就是输入文件 ${input}：输出会覆盖它。请换一个文件名。`,
      );
    }
  }
}

/** The temporary file beside a target: hidden, unique to this process and call. */
function tempPathFor(target: string): string {
  const abs = path.resolve(target);
  const rand = Math.random().toString(36).slice(2, 10);
  return path.join(path.dirname(abs), `.${path.basename(abs)}.${process.pid}.${rand}.tmp`);
}

/** Removes temporary files left beside `target` by runs that were killed (their process is gone). */
function removeStaleTemps(target: string): void {
  const abs = path.resolve(target);
  const prefix = `.${path.basename(abs)}.`;
  for (const name of fs.readdirSync(path.dirname(abs))) {
    const m = name.startsWith(prefix) ? /^(\d+)\.[a-z0-9]+\.tmp$/.exec(name.slice(prefix.length)) : null;
    if (!m || Number(m[1]) === process.pid) continue;
    try {
      process.kill(Number(m[1]), 0); // still running: its file is its own
    } catch {
      fs.rmSync(path.join(path.dirname(abs), name), { force: true });
    }
  }
}

function fsyncPath(p: string, flags: string): void {
  const fd = fs.openSync(p, flags);
  try {
    fs.fsyncSync(fd);
  } catch {
    // some file systems (and folders on some systems) cannot be fsynced: the rename still holds
  } finally {
    fs.closeSync(fd);
  }
}

/**
 * Writes `target` atomically: `write` fills the temporary path it is given (a file beside the
 * target), which is then fsynced and renamed over the target. On any failure the temporary file is
 * removed, the target is left as it was, and an OutputFileError names the target.
 */
export async function writeFileAtomic(target: string, write: (tempPath: string) => Promise<void> | void, inputs: readonly string[] = []): Promise<void> {
  checkOutputFile(target, inputs, "output");
  removeStaleTemps(target);
  const temp = tempPathFor(target);
  try {
    await write(temp);
    fsyncPath(temp, "r+");
    fs.renameSync(temp, path.resolve(target));
  } catch (e) {
    fs.rmSync(temp, { force: true });
    const why = e instanceof OutputFileError ? e.text : bi((e as Error).message, (e as Error).message);
    throw fail(`${target} could not be written (${why.en}); the file there before, if any, is unchanged.`, `无法写入 ${target}（${why.zh}）；原有文件（如有）未被改动。`);
  }
  if (process.platform !== "win32") fsyncPath(path.dirname(path.resolve(target)), "r");
}

/** writeFileAtomic for text or bytes already in memory. */
export function writeDataAtomic(target: string, data: string | Uint8Array, inputs: readonly string[] = []): Promise<void> {
  return writeFileAtomic(target, (temp) => fs.writeFileSync(temp, data), inputs);
}
