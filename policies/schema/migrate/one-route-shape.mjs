// One-off migration (route branch): rewrites a version file written with a separate `programmes:` list
// into the one route shape: each programme becomes its clause's `programme: {id, name, …}` and its
// routes the clause's first routes (kind rate on base.input spend, or kind lump-sum with amount).
// A version written as changes from another (basedOn) has its JSON pointers moved to match.
// Usage: node policies/schema/migrate/one-route-shape.mjs policies/<jurisdiction>/<version>.yaml …
// (run on the full versions first, then on the files based on them). Comments and other keys are kept.
import fs from "node:fs";
import path from "node:path";
import { parseDocument, parse, isMap, isSeq, YAMLMap, Pair, Scalar } from "yaml";

const PROGRAMME_KEYS = ["id", "name", "nameEn", "aliases", "pool", "recipientCap", "limits", "assumption"];
const HEAD = new Set(["id", "name", "nameEn", "aliases", "default"]);

function convertRoute(r) {
  const out = new YAMLMap();
  out.commentBefore = r.commentBefore;
  out.comment = r.comment;
  const lump = r.has("lumpSum");
  const base = r.get("base");
  const baseYear = r.get("baseYear");
  let kindPlaced = false;
  const placeKind = () => {
    if (!kindPlaced) out.items.push(new Pair(new Scalar("kind"), new Scalar(lump ? "lump-sum" : "rate")));
    kindPlaced = true;
  };
  for (const pair of r.items) {
    const k = pair.key.value;
    if (!HEAD.has(k)) placeKind();
    if (k === "baseYear") continue;
    if (k === "base") {
      const b = new YAMLMap();
      b.flow = true;
      b.set("input", "spend");
      b.set("label", base ?? "");
      if (baseYear !== undefined) b.set("baseYear", baseYear);
      out.items.push(new Pair(new Scalar("base"), b));
      continue;
    }
    if (k === "lumpSum") {
      out.items.push(new Pair(new Scalar("amount"), pair.value));
      continue;
    }
    out.items.push(pair);
  }
  placeKind();
  if (!r.has("base") && !lump) throw new Error(`route ${r.get("id")}: a rate route with no base`);
  if (!r.has("base") && baseYear !== undefined) {
    const b = new YAMLMap();
    b.flow = true;
    b.set("input", "spend");
    b.set("label", "");
    b.set("baseYear", baseYear);
    out.items.splice(out.items.findIndex((p) => p.key.value === "kind") + 1, 0, new Pair(new Scalar("base"), b));
  }
  return out;
}

/** Returns, per programme index, [clause index, number of programme routes]. */
function convertFull(doc) {
  const progs = doc.get("programmes");
  const clauses = doc.get("clauses");
  const moved = [];
  progs.items.forEach((p) => {
    const cid = String(p.get("clause"));
    const ci = clauses.items.findIndex((c) => String(c.get("id")) === cid);
    if (ci < 0) throw new Error(`programme ${p.get("id")}: no clause ${cid}`);
    const c = clauses.items[ci];
    const prog = new YAMLMap();
    for (const pair of p.items) if (PROGRAMME_KEYS.includes(pair.key.value)) prog.items.push(pair);
    // Keys of the programme that belong to its clause (titleEn, …): moved there, unless the clause has its own.
    for (const pair of p.items) {
      const k = pair.key.value;
      if (PROGRAMME_KEYS.includes(k) || ["clause", "title", "department", "routes"].includes(k)) continue;
      if (!c.has(k)) c.set(k, pair.value);
      else if (JSON.stringify(c.get(k)) !== JSON.stringify(pair.value?.toJSON?.() ?? pair.value?.value ?? pair.value)) console.warn(`programme ${p.get("id")}: ${k} differs from its clause's; the clause's is kept`);
    }
    const routes = p.get("routes").items.map(convertRoute);
    const own = c.get("routes");
    const items = [];
    for (const pair of c.items) {
      const k = pair.key.value;
      if (k === "routes") continue;
      if (k === "programme") {
        items.push(new Pair(new Scalar("programme"), prog));
        const seq = parseDocument("[]").contents;
        seq.flow = false;
        seq.items.push(...routes, ...(own ? own.items : []));
        items.push(new Pair(new Scalar("routes"), seq));
        continue;
      }
      items.push(pair);
    }
    c.items = items;
    moved.push([ci, routes.length]);
  });
  doc.delete("programmes");
  return moved;
}

function movePointer(ptr, moved, clauseRoutes) {
  let m = /^\/programmes\/(\d+)\/(title|department)$/.exec(ptr);
  if (m) return null;
  m = /^\/programmes\/(\d+)\/routes(\/.*)?$/.exec(ptr);
  if (m) return `/clauses/${moved[m[1]][0]}/routes${m[2] ?? ""}`;
  m = /^\/programmes\/(\d+)\/(.*)$/.exec(ptr);
  if (m) return `/clauses/${moved[m[1]][0]}/programme/${m[2]}`;
  m = /^\/clauses\/(\d+)\/routes\/(\d+)(.*)$/.exec(ptr);
  if (m && clauseRoutes.has(Number(m[1]))) return `/clauses/${m[1]}/routes/${Number(m[2]) + clauseRoutes.get(Number(m[1]))}${m[3]}`;
  if (/^\/programmes/.test(ptr)) throw new Error(`cannot move ${ptr}`);
  return ptr;
}

const movedByFile = new Map();
for (const file of process.argv.slice(2)) {
  const text = fs.readFileSync(file, "utf8");
  const doc = parseDocument(text);
  if (doc.has("programmes")) {
    movedByFile.set(path.resolve(file), convertFull(doc));
  } else if (doc.has("basedOn")) {
    const dir = path.dirname(file);
    const baseFile = fs.readdirSync(dir).map((f) => path.join(dir, f)).find((f) => /\.ya?ml$/.test(f) && !/examples/.test(f) && String(parse(fs.readFileSync(f, "utf8"))?.version) === String(doc.get("basedOn")));
    const moved = movedByFile.get(path.resolve(baseFile));
    if (!moved) throw new Error(`${file}: convert its base ${baseFile} first, in the same run`);
    const clauseRoutes = new Map(moved.map(([ci, n]) => [ci, n]));
    const changes = doc.get("changes");
    changes.items = changes.items.filter((ch) => {
      const to = movePointer(ch.get("path"), moved, clauseRoutes);
      if (to === null) return false;
      ch.set("path", to);
      return true;
    });
  } else continue;
  fs.writeFileSync(file, doc.toString({ lineWidth: 100, indentSeq: !doc.has("basedOn"), flowCollectionPadding: false }));
  console.log(`${file}: one route shape`);
}
