/**
 * @jest-environment jsdom
 */
// The add-in manifest: schema validation (when the shared validator and xmllint are present)
// plus what the schema cannot check. jsdom's DOMParser is the (namespace-aware) XML parser.
import { execFileSync, spawnSync } from "child_process";
import * as fs from "fs";
import * as path from "path";

const ROOT = path.resolve(__dirname, "..");
const MANIFEST = path.join(ROOT, "manifest.xml");
const VALIDATOR = path.resolve(ROOT, "../shared/tools/validate-manifest");

const NS = {
  app: "http://schemas.microsoft.com/office/appforoffice/1.1",
  bt: "http://schemas.microsoft.com/office/officeappbasictypes/1.0",
  ov: "http://schemas.microsoft.com/office/taskpaneappversionoverrides",
  xsi: "http://www.w3.org/2001/XMLSchema-instance",
};
const DEV_HOST = "https://localhost:3000/";

function parse(xml: string): Document {
  const doc = new DOMParser().parseFromString(xml, "application/xml");
  const err = doc.getElementsByTagName("parsererror")[0];
  if (err) throw new Error(`manifest.xml is not well-formed XML: ${err.textContent}`);
  return doc;
}

const doc = parse(fs.readFileSync(MANIFEST, "utf8"));

function all(ns: string, name: string, root: Document | Element = doc): Element[] {
  return Array.from(root.getElementsByTagNameNS(ns, name));
}
function one(ns: string, name: string, root: Document | Element = doc): Element {
  const found = all(ns, name, root);
  if (found.length !== 1) throw new Error(`expected one <${name}>, found ${found.length}`);
  return found[0];
}
function child(el: Element, ns: string, name: string): Element {
  const c = Array.from(el.children).filter((e) => e.namespaceURI === ns && e.localName === name);
  if (c.length !== 1) throw new Error(`expected one <${name}> under <${el.localName}>, found ${c.length}`);
  return c[0];
}
function xsiType(el: Element): string | null {
  return el.getAttributeNS(NS.xsi, "type");
}

const versionOverrides = one(NS.ov, "VersionOverrides");
const resources = child(versionOverrides, NS.ov, "Resources");

type Kind = "Images" | "Urls" | "ShortStrings" | "LongStrings";
/** Every resource: id -> kind, default value and locale overrides. */
const defined = new Map<string, { kind: Kind; value: string; overrides: Map<string, string> }>();
const duplicates: string[] = [];
for (const kind of ["Images", "Urls", "ShortStrings", "LongStrings"] as Kind[]) {
  for (const group of all(NS.bt, kind, resources)) {
    for (const el of Array.from(group.children)) {
      const id = el.getAttribute("id") ?? "";
      if (defined.has(id)) duplicates.push(id);
      const overrides = new Map<string, string>();
      for (const o of all(NS.bt, "Override", el)) overrides.set(o.getAttribute("Locale") ?? "", o.getAttribute("Value") ?? "");
      defined.set(id, { kind, value: el.getAttribute("DefaultValue") ?? "", overrides });
    }
  }
}

/** The kind of resource a resid on this element must name. */
function expectedKind(el: Element): Kind {
  switch (el.localName) {
    case "Image":
      return "Images";
    case "SourceLocation":
    case "FunctionFile":
    case "Runtime":
    case "LearnMoreUrl":
      return "Urls";
    case "Label":
    case "Title":
    case "Namespace":
      return "ShortStrings";
    case "Description":
      return "LongStrings";
    default:
      throw new Error(`unexpected resid on <${el.localName}>`);
  }
}

const residUsers = Array.from(doc.getElementsByTagName("*")).filter((e) => e.hasAttribute("resid"));

function url(resid: string): string {
  const r = defined.get(resid);
  if (!r || r.kind !== "Urls") throw new Error(`no bt:Url with id ${resid}`);
  return r.value;
}

const workbook = all(NS.ov, "Host", versionOverrides).find((h) => xsiType(h) === "Workbook");
if (!workbook) throw new Error("VersionOverrides has no Workbook host");
const customFunctions = all(NS.ov, "ExtensionPoint", workbook).find((e) => xsiType(e) === "CustomFunctions");
if (!customFunctions) throw new Error("no CustomFunctions extension point");
const cfResid = (name: string) => child(child(customFunctions, NS.ov, name), NS.ov, "SourceLocation").getAttribute("resid")!;

function hasTool(cmd: string): boolean {
  return spawnSync("sh", ["-c", `command -v ${cmd}`], { stdio: "ignore" }).status === 0;
}

describe("manifest.xml", () => {
  const canValidate = fs.existsSync(VALIDATOR) && hasTool("xmllint");
  if (!canValidate) {
    console.log(
      `manifest schema validation skipped: ${fs.existsSync(VALIDATOR) ? "xmllint missing (apt-get install -y libxml2-utils)" : `${VALIDATOR} not found`}`,
    );
  }
  (canValidate ? test : test.skip)("validates against the add-in manifest schemas", () => {
    let output = "";
    try {
      output = execFileSync(VALIDATOR, ["manifest.xml"], { cwd: ROOT, encoding: "utf8", stdio: "pipe" });
    } catch (err) {
      const e = err as { stdout?: string; stderr?: string };
      throw new Error(`validate-manifest failed:\n${e.stdout ?? ""}${e.stderr ?? ""}`);
    }
    expect(output + "").not.toMatch(/fails to validate/);
  });

  test("is a TaskPaneApp for Excel (Workbook)", () => {
    expect(doc.documentElement.localName).toBe("OfficeApp");
    expect(doc.documentElement.namespaceURI).toBe(NS.app);
    expect(xsiType(doc.documentElement)).toBe("TaskPaneApp");
    expect(all(NS.app, "Host").map((h) => h.getAttribute("Name"))).toEqual(["Workbook"]);
  });

  test("asks for the least permission the code needs", () => {
    const { level, reasons } = requiredPermission();
    const declared = one(NS.app, "Permissions").textContent?.trim();
    if (declared !== level) {
      throw new Error(
        `<Permissions>${declared}</Permissions> but the code needs exactly ${level}` +
          (reasons.length ? `, because:\n  ${reasons.join("\n  ")}` : " (no document API is used; custom functions and document settings need no more)"),
      );
    }
  });

  test("requires SharedRuntime 1.1 and CustomFunctionsRuntime 1.1", () => {
    const sets = new Map(all(NS.app, "Set").map((s) => [s.getAttribute("Name"), s.getAttribute("MinVersion")]));
    expect(sets.get("SharedRuntime")).toBe("1.1");
    expect(sets.get("CustomFunctionsRuntime")).toBe("1.1");
  });

  test("every resid names a defined resource of the right kind, and ids are unique", () => {
    expect(duplicates).toEqual([]);
    expect(residUsers.length).toBeGreaterThan(0);
    const problems: string[] = [];
    for (const el of residUsers) {
      const resid = el.getAttribute("resid")!;
      const r = defined.get(resid);
      const want = expectedKind(el);
      if (!r) problems.push(`<${el.localName} resid="${resid}">: not defined in Resources`);
      else if (r.kind !== want) problems.push(`<${el.localName} resid="${resid}">: is a ${r.kind} resource, needs ${want}`);
    }
    expect(problems).toEqual([]);
  });

  test("every resource is used", () => {
    const used = new Set(residUsers.map((e) => e.getAttribute("resid")));
    expect([...defined.keys()].filter((id) => !used.has(id))).toEqual([]);
  });

  test("shared runtime: Runtime, custom functions Page, FunctionFile and ShowTaskpane share one URL resource, taskpane.html", () => {
    const runtimes = all(NS.ov, "Runtime", workbook);
    expect(runtimes).toHaveLength(1);
    expect(runtimes[0].getAttribute("lifetime")).toBe("long");
    const runtimeResid = runtimes[0].getAttribute("resid")!;

    expect(cfResid("Page")).toBe(runtimeResid);
    expect(one(NS.ov, "FunctionFile").getAttribute("resid")).toBe(runtimeResid);
    const showTaskpane = all(NS.ov, "Action").filter((a) => xsiType(a) === "ShowTaskpane");
    expect(showTaskpane.length).toBeGreaterThan(0);
    for (const a of showTaskpane) expect(child(a, NS.ov, "SourceLocation").getAttribute("resid")).toBe(runtimeResid);

    expect(url(runtimeResid)).toMatch(/\/taskpane\.html$/);
    expect(one(NS.app, "DefaultSettings").getElementsByTagNameNS(NS.app, "SourceLocation")[0].getAttribute("DefaultValue")).toBe(
      url(runtimeResid),
    );
  });

  test("custom functions Script and Metadata are the files the build emits", () => {
    expect(url(cfResid("Script"))).toBe(`${DEV_HOST}functions.js`);
    expect(url(cfResid("Metadata"))).toBe(`${DEV_HOST}functions.json`);
    // ...and the build does emit them under those names
    const config = fs.readFileSync(path.join(ROOT, "webpack.config.js"), "utf8");
    expect(config).toMatch(/entry:\s*{[^}]*\bfunctions:\s*"\.\/src\/functions\/register\.ts"/);
    expect(config).toMatch(/filename:\s*"\[name\]\.js"/);
    expect(config).toMatch(/output:\s*"functions\.json"/);
    expect(config).toMatch(/filename:\s*"taskpane\.html"/);
  });

  test("the custom functions namespace is AWARD, 补贴 in Chinese (the namespace of src/functions/i18n-zh.json)", () => {
    const ns = defined.get(child(customFunctions, NS.ov, "Namespace").getAttribute("resid")!);
    expect(ns?.value).toBe("AWARD");
    const zh = JSON.parse(fs.readFileSync(path.join(ROOT, "src/functions/i18n-zh.json"), "utf8")) as { namespace: string; locale: string };
    expect([...(ns?.overrides.entries() ?? [])]).toEqual([[zh.locale, zh.namespace]]);
    expect(zh.namespace).toBe("补贴");
    // Namespace: at most 32 characters, in every locale
    for (const v of [ns!.value, ...ns!.overrides.values()]) expect(v.length).toBeLessThanOrEqual(32);
  });

  test("the functions metadata has a zh-CN override: functions-zh.json, which the build emits", () => {
    const metadata = defined.get(cfResid("Metadata"))!;
    expect(metadata.value).toBe(`${DEV_HOST}functions.json`);
    expect([...metadata.overrides.entries()]).toEqual([["zh-CN", `${DEV_HOST}functions-zh.json`]]);
    const plugin = fs.readFileSync(path.join(ROOT, "webpack/localized-metadata-plugin.js"), "utf8");
    expect(plugin).toMatch(/emitAsset\("functions-zh\.json"/);
    expect(fs.readFileSync(path.join(ROOT, "webpack.config.js"), "utf8")).toMatch(/new LocalizedMetadataPlugin\(/);
  });

  test("every locale override is on a resource, for a locale the manifest names elsewhere too", () => {
    const locales = new Set<string>();
    for (const r of defined.values()) for (const l of r.overrides.keys()) locales.add(l);
    expect([...locales]).toEqual(["zh-CN"]);
    const displayName = all(NS.app, "Override", child(doc.documentElement, NS.app, "DisplayName")).map((o) => o.getAttribute("Locale"));
    for (const l of locales) expect(displayName).toContain(l);
  });

  test("the ribbon button on the Home tab opens the pane, with zh-CN labels", () => {
    const tab = one(NS.ov, "OfficeTab");
    expect(tab.getAttribute("id")).toBe("TabHome");
    const button = all(NS.ov, "Control", tab).find((c) => xsiType(c) === "Button");
    expect(button).toBeDefined();
    const label = defined.get(child(button!, NS.ov, "Label").getAttribute("resid")!);
    expect(label?.overrides.get("zh-CN")).toBeTruthy();
    const group = one(NS.ov, "Group", tab);
    expect(defined.get(child(group, NS.ov, "Label").getAttribute("resid")!)?.overrides.get("zh-CN")).toBeTruthy();
    const overrides = all(NS.app, "Override", child(doc.documentElement, NS.app, "DisplayName"));
    expect(overrides.map((o) => o.getAttribute("Locale"))).toContain("zh-CN");
  });

  test("every URL points at the dev host (dist/manifest.xml gets ADDIN_HOST)", () => {
    const urls = [
      ...[...defined.values()].filter((r) => r.kind === "Urls" || r.kind === "Images").flatMap((r) => [r.value, ...r.overrides.values()]),
      ...Array.from(doc.getElementsByTagName("*"))
        .filter((e) => e.namespaceURI === NS.app && /Url$|^SourceLocation$/.test(e.localName))
        .map((e) => e.getAttribute("DefaultValue") ?? ""),
    ];
    expect(urls.length).toBeGreaterThan(0);
    for (const u of urls) expect(u.startsWith(DEV_HOST)).toBe(true);
  });

  test("icons exist under assets/ as PNGs of the declared size", () => {
    const icons: { url: string; size: number | null }[] = [
      ...all(NS.bt, "Image", resources).map((e) => ({ url: e.getAttribute("DefaultValue")!, size: null })),
      { url: one(NS.app, "IconUrl").getAttribute("DefaultValue")!, size: 32 },
      { url: one(NS.app, "HighResolutionIconUrl").getAttribute("DefaultValue")!, size: 64 },
    ];
    for (const icon of icons) {
      const m = /\/assets\/icon-(\d+)\.png$/.exec(icon.url);
      expect(m).not.toBeNull();
      const file = path.join(ROOT, "assets", `icon-${m![1]}.png`);
      const png = fs.readFileSync(file);
      expect(png.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))).toBe(true);
      const size = icon.size ?? Number(m![1]);
      expect([png.readUInt32BE(16), png.readUInt32BE(20)]).toEqual([size, size]);
    }
    // the ribbon sizes declared on each <Icon> match their resource
    for (const img of all(NS.bt, "Image").filter((e) => e.hasAttribute("size"))) {
      expect(url2(img.getAttribute("resid")!)).toMatch(new RegExp(`icon-${img.getAttribute("size")}\\.png$`));
    }
  });
});

const LEVELS = ["Restricted", "ReadDocument", "WriteDocument", "ReadWriteDocument", "ReadAllDocument"] as const;
/** Office APIs that need a permission above Restricted (document settings need none). */
const NEEDS: [RegExp, "ReadDocument" | "WriteDocument" | "ReadAllDocument" | "ReadWriteDocument", string][] = [
  [/\bExcel\.run\b|\bExcel\.RequestContext\b|\.workbook\b/, "ReadWriteDocument", "the Excel API (Excel.run / context.workbook) needs ReadWriteDocument"],
  [/\bbindings\b|\baddHandlerAsync\b/, "ReadWriteDocument", "bindings and document events need ReadWriteDocument"],
  [/\bgetFileAsync\b/, "ReadAllDocument", "getFileAsync needs ReadAllDocument"],
  [/\bget(Selected)?DataAsync\b/, "ReadDocument", "reading data (getSelectedDataAsync) needs ReadDocument"],
  [/\bset(Selected)?DataAsync\b/, "WriteDocument", "writing data (setSelectedDataAsync) needs WriteDocument"],
];

/** The least permission the code in src/ needs, and why. */
function requiredPermission(): { level: (typeof LEVELS)[number]; reasons: string[] } {
  const found = new Set<string>();
  const reasons: string[] = [];
  const walk = (dir: string): string[] =>
    fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? walk(path.join(dir, e.name)) : /\.tsx?$/.test(e.name) ? [path.join(dir, e.name)] : []));
  for (const file of walk(path.join(ROOT, "src"))) {
    const code = fs.readFileSync(file, "utf8").replace(/\/\*[\s\S]*?\*\/|\/\/.*$/gm, "");
    for (const [re, level, why] of NEEDS) {
      if (re.test(code)) {
        found.add(level);
        reasons.push(`${path.relative(ROOT, file)}: ${why}`);
      }
    }
  }
  const level =
    found.has("ReadWriteDocument") || (found.has("WriteDocument") && (found.has("ReadDocument") || found.has("ReadAllDocument")))
      ? "ReadWriteDocument"
      : found.has("ReadAllDocument")
        ? "ReadAllDocument"
        : found.has("WriteDocument")
          ? "WriteDocument"
          : found.has("ReadDocument")
            ? "ReadDocument"
            : "Restricted";
  return { level, reasons };
}

function url2(imageResid: string): string {
  const r = defined.get(imageResid);
  if (!r || r.kind !== "Images") throw new Error(`no bt:Image with id ${imageResid}`);
  return r.value;
}
