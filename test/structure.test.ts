// The layout the README promises: the engine is pure TypeScript that imports from none of the other
// parts (functions, task pane, command line, workbook layer), and no module of src imports itself
// back through others (no import cycle), counting the imports that run (not `import type`).
import * as fs from "fs";
import * as path from "path";

const SRC = path.resolve(__dirname, "../src");

function sources(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    return e.isDirectory() ? sources(p) : /\.tsx?$/.test(e.name) && !e.name.endsWith(".d.ts") ? [p] : [];
  });
}

/** The src modules a file imports at run time (relative specifiers, resolved to files). */
function runtimeImports(file: string): string[] {
  const text = fs.readFileSync(file, "utf8");
  const specs = [...text.matchAll(/^\s*(?:import|export)\s+(?!type\b)(?:[^'";]*?\sfrom\s+)?["'](\.[^"']+)["']/gm)].map((m) => m[1]);
  return specs.flatMap((s) => {
    const base = path.resolve(path.dirname(file), s);
    const hit = [base, `${base}.ts`, `${base}.tsx`, path.join(base, "index.ts"), path.join(base, "index.tsx")].find((f) => fs.existsSync(f) && fs.statSync(f).isFile());
    return hit ? [hit] : [];
  });
}

const files = sources(SRC);
const graph = new Map(files.map((f) => [f, runtimeImports(f)]));
const rel = (f: string) => path.relative(SRC, f).replace(/\\/g, "/");

test("the engine imports nothing from the other parts", () => {
  // (the policy schemas it reads are data beside src, not a part)
  const part = (g: string) => !rel(g).startsWith("engine/") && !rel(g).startsWith("..");
  const out = files.filter((f) => rel(f).startsWith("engine/")).flatMap((f) => graph.get(f)!.filter(part).map((g) => `${rel(f)} → ${rel(g)}`));
  expect(out).toEqual([]);
});

test("no import cycle in src", () => {
  const state = new Map<string, "open" | "done">();
  const cycles: string[] = [];
  const visit = (f: string, trail: string[]) => {
    if (state.get(f) === "done") return;
    if (state.get(f) === "open") {
      cycles.push([...trail.slice(trail.indexOf(f)), f].map(rel).join(" → "));
      return;
    }
    state.set(f, "open");
    for (const g of graph.get(f) ?? []) visit(g, [...trail, f]);
    state.set(f, "done");
  };
  for (const f of files) visit(f, []);
  expect(cycles).toEqual([]);
});

test("the graph is read (a check that finds nothing must have looked)", () => {
  expect(files.length).toBeGreaterThan(50);
  expect(graph.get(path.join(SRC, "engine/index.ts"))!.map(rel)).toEqual(expect.arrayContaining(["engine/registry.ts", "engine/resolve.ts"]));
});
