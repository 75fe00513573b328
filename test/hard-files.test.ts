// Issue 12, files: --out never over an input, checked before any work; written to a temporary file
// beside the target and renamed, so a run that fails or is killed leaves what was there.
import { spawn, spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { checkOutputFile, OutputFileError, writeDataAtomic, writeFileAtomic } from "../src/cli/write-file";

const BIN = path.resolve(__dirname, "../bin/award-model.js");
const DIR = fs.mkdtempSync(path.join(os.tmpdir(), "award-files-"));
afterAll(() => fs.rmSync(DIR, { recursive: true, force: true }));
const run = (args: string[]) => {
  const r = spawnSync(process.execPath, [BIN, ...args], { encoding: "utf8", timeout: 120000 });
  return { code: r.status, out: r.stdout, err: r.stderr };
};
// 滨江 2025 （七） 语料券: 30% of 500万 = 150万 (one row is enough to have a workbook to write)
const ONE = "申请单位,项目,政策,项目类型,金额,日期\n甲,语料,滨江,语料券,5000000,2026-03-01\n";

test("--out over the input is refused, exit 2, and the input is unchanged (finding 1)", () => {
  const input = path.join(DIR, "apps.xlsx");
  const csv = path.join(DIR, "apps.csv");
  fs.writeFileSync(csv, ONE);
  // an .xlsx input: the same file named two ways (relative and through a symlink, and a hard link)
  expect(run(["exposure", csv, "--out", input]).code).toBe(0);
  const before = fs.readFileSync(input);
  for (const out of [input, path.join(DIR, ".", "apps.xlsx")]) {
    const r = run(["exposure", input, "--out", out]);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/is the input file/);
    expect(fs.readFileSync(input).equals(before)).toBe(true);
  }
  const link = path.join(DIR, "link.xlsx");
  fs.symlinkSync(input, link);
  expect(run(["exposure", input, "--out", link]).code).toBe(2);
  const hard = path.join(DIR, "hard.xlsx");
  fs.linkSync(input, hard);
  expect(run(["exposure", input, "--out", hard]).code).toBe(2);
  expect(fs.readFileSync(input).equals(before)).toBe(true);
});

test("--out a folder, or in a folder that does not exist, is refused before any work", () => {
  const csv = path.join(DIR, "one.csv");
  fs.writeFileSync(csv, ONE);
  fs.mkdirSync(path.join(DIR, "folder.xlsx"));
  const r = run(["exposure", csv, "--out", path.join(DIR, "folder.xlsx")]);
  expect(r.code).toBe(2);
  expect(r.err).toMatch(/is a folder/);
  const r2 = run(["exposure", csv, "--out", path.join(DIR, "nope", "out.xlsx")]);
  expect(r2.code).toBe(2);
  expect(r2.err).toMatch(/does not exist/);
  expect(() => checkOutputFile(path.join(DIR, "nope", "x.xlsx"), [])).toThrow(OutputFileError);
});

test("a run killed while it writes --out leaves the old workbook intact (finding 2)", async () => {
  // 30,000 rows: long enough for the writing phase to be caught (progress says "writing")
  const rows = Array.from({ length: 30000 }, (_, i) => `企业${i % 500},P,滨江,算力券,${(i % 90 + 1) * 10000},2026-03-${String(1 + (i % 28)).padStart(2, "0")}`);
  const csv = path.join(DIR, "big.csv");
  fs.writeFileSync(csv, ["申请单位,项目,政策,项目类型,金额,日期", ...rows].join("\n"));
  const out = path.join(DIR, "old.xlsx");
  fs.writeFileSync(out, "the old workbook");
  const child = spawn(process.execPath, [BIN, "exposure", csv, "--out", out], { stdio: ["ignore", "ignore", "pipe"] });
  let err = "";
  let killedWriting = false;
  // kill it once writing has begun: a temporary file beside the target, or the target itself touched
  const poll = setInterval(() => {
    if (!/writing/.test(err)) return;
    const temp = fs.readdirSync(DIR).some((f) => f.startsWith(".old.xlsx.") && fs.statSync(path.join(DIR, f)).size > 0);
    if (temp || fs.statSync(out).size !== 16) {
      killedWriting = true;
      child.kill("SIGKILL");
    }
  }, 5);
  await new Promise<void>((resolve) => {
    child.stderr.on("data", (d) => (err += d));
    child.on("exit", () => resolve());
  });
  clearInterval(poll);
  expect(killedWriting).toBe(true);
  expect(fs.readFileSync(out, "utf8")).toBe("the old workbook");
  // the next write to it clears the killed run's temporary file
  await writeDataAtomic(out, "the new one");
  expect(fs.readdirSync(DIR).filter((f) => f.startsWith(".old.xlsx."))).toEqual([]);
});

test("a failing writer leaves the target as it was, names it, and leaves no temporary file", async () => {
  const target = path.join(DIR, "keep.txt");
  fs.writeFileSync(target, "before");
  await expect(writeFileAtomic(target, (temp) => {
    fs.writeFileSync(temp, "half");
    throw new Error("disk full");
  })).rejects.toThrow(/keep\.txt could not be written \(disk full\)/);
  expect(fs.readFileSync(target, "utf8")).toBe("before");
  expect(fs.readdirSync(DIR).filter((f) => f.endsWith(".tmp"))).toEqual([]);
  await writeDataAtomic(target, "after");
  expect(fs.readFileSync(target, "utf8")).toBe("after");
  await expect(writeDataAtomic(target, "x", [target])).rejects.toThrow(/is the input file/);
});
