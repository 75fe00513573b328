// Issue 12, finding 10: policy validation refuses unknown YAML tags and impossible dates, and with
// a folder argument names the files by their real path.
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { POLICY_DIR, readPolicyFiles, readPolicyFilesUnchecked, textReader } from "../src/engine/load-files";
import { validatePolicyFiles } from "../src/engine/validate";

const TMP = fs.mkdtempSync(path.join(os.tmpdir(), "award-validate-"));
afterAll(() => fs.rmSync(TMP, { recursive: true, force: true }));

/** A copy of policies/ with one file changed. */
function copyWith(name: string, file: string, edit: (text: string) => string): string {
  const dir = path.join(TMP, name);
  fs.cpSync(POLICY_DIR, dir, { recursive: true });
  const p = path.join(dir, file);
  const before = fs.readFileSync(p, "utf8");
  const after = edit(before);
  expect(after).not.toBe(before);
  fs.writeFileSync(p, after);
  return dir;
}

const faultsOf = (dir: string) => validatePolicyFiles(readPolicyFilesUnchecked(dir), textReader(dir));

test("the shipped policies are valid", () => {
  expect(faultsOf(POLICY_DIR)).toEqual([]);
});

test.each([
  ["!!js/function", (t: string) => t.replace(/^nameEn: (.*)$/m, "nameEn: !!js/function 'function () { return 1 }'")],
  ["!include", (t: string) => t.replace(/^nameEn: (.*)$/m, "nameEn: !include other.yaml")],
])("an unknown YAML tag (%s) is refused, naming the file and line", (tag, edit) => {
  const dir = copyWith(`tag-${tag.replace(/\W/g, "")}`, "langfang/jurisdiction.yaml", edit);
  const faults = faultsOf(dir);
  expect(faults).toEqual([expect.objectContaining({ file: "langfang/jurisdiction.yaml", path: expect.stringMatching(/^line \d+$/), message: expect.stringMatching(/unknown YAML tag/) })]);
});

test("an impossible date (2028-02-31) is refused; 2028-02-29 (a leap day) is not", () => {
  const file = "hangzhou-binjiang/2025.yaml";
  const text = fs.readFileSync(path.join(POLICY_DIR, file), "utf8");
  const date = /^  to: "(20\d\d-\d\d-\d\d)"$/m.exec(text)![1]; // the end of its window
  const bad = copyWith("bad-date", file, (t) => t.replace(date, "2028-02-31"));
  expect(faultsOf(bad)).toEqual(expect.arrayContaining([expect.objectContaining({ file, message: "2028-02-31 is not a date of the calendar" })]));
  const leap = copyWith("leap-date", file, (t) => t.replace(date, "2028-02-29"));
  expect(faultsOf(leap).filter((f) => /not a date/.test(f.message))).toEqual([]);
});

test("with a folder argument, messages name the files by their real path, not policies/…", () => {
  const dir = copyWith("real-path", "langfang/jurisdiction.yaml", (t) => t.replace(/^nameEn: (.*)$/m, "nameEn: !include x"));
  const link = path.join(TMP, "link-to-real-path");
  fs.symlinkSync(dir, link);
  expect(() => readPolicyFiles(link)).toThrow(new RegExp(`${fs.realpathSync(dir).replace(/[.*+?^${}()|[\]\\/]/g, "\\$&")}/langfang/jurisdiction\\.yaml: line \\d+: unknown YAML tag`));
  const r = spawnSync(process.execPath, [path.resolve(__dirname, "../scripts/validate-policies.js"), dir], { encoding: "utf8" });
  expect(r.status).toBe(1);
  expect(r.stderr).toContain(`${fs.realpathSync(dir)}/langfang/jurisdiction.yaml`);
  expect(r.stderr).not.toMatch(/^\s*policies\//m);
});
