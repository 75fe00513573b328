// Post-processing of the generated custom functions metadata, shared by webpack.config.js and the tests:
//  - helpUrl for every function, into the README's function help (one `### ID` heading per function);
//  - the Chinese twin of functions.json (functions-zh.json) from src/functions/i18n-zh.json;
//  - help.html: the README rendered as a plain page, so the help URLs work wherever the add-in is hosted.
// Everything is driven by the generated functions.json: a new function is covered once it is in
// the translation table and has a README heading; until then the build names what is missing.
"use strict";
const fs = require("fs");
const path = require("path");

const ROOT = path.resolve(__dirname, "..");
const I18N_ZH = path.join(ROOT, "src/functions/i18n-zh.json");
const README = path.join(ROOT, "README.md");
/** Excel's limits on localizable metadata (functions.json schema): names 3-64, descriptions up to 128. */
const MAX_DESCRIPTION = 128;
const NAME_RE = /^[\p{L}][\p{L}\p{N}_.]{2,63}$/u;
const PARAM_NAME_RE = /^[\p{L}][\p{L}\p{N}_.]{0,63}$/u;

/** GitHub's anchor for a heading: lower case, punctuation other than - and _ dropped, spaces to -. */
function slug(heading) {
  return heading
    .trim()
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\s_-]/gu, "")
    .replace(/\s/g, "-");
}

/** Every heading of a Markdown text with its anchor, deduplicated as GitHub does (routes, routes-1, ...). */
function headings(markdown) {
  const out = [];
  const seen = new Map();
  let fenced = false;
  for (const line of markdown.split(/\r?\n/)) {
    if (/^```/.test(line)) fenced = !fenced;
    const m = !fenced && /^(#{1,6})\s+(.*?)\s*$/.exec(line);
    if (!m) continue;
    const base = slug(m[2]);
    const n = seen.get(base) ?? 0;
    seen.set(base, n + 1);
    out.push({ level: m[1].length, text: m[2], anchor: n === 0 ? base : `${base}-${n}` });
  }
  return out;
}

/** The README anchor of a function's help: its heading `### ID`, or null where there is none. */
function helpAnchor(id, markdown = fs.readFileSync(README, "utf8")) {
  const h = headings(markdown).find((x) => x.level === 3 && x.text === id);
  return h ? h.anchor : null;
}

/**
 * Adds helpUrl (helpBase#anchor) to every function; returns the problems (functions without a README heading).
 */
function addHelpUrls(metadata, helpBase, readme = fs.readFileSync(README, "utf8")) {
  const problems = [];
  for (const f of metadata.functions) {
    const anchor = helpAnchor(f.id, readme);
    if (!anchor) {
      problems.push(`README.md has no heading "### ${f.id}" for the help of ${f.id}: add one under "## Function help".`);
      f.helpUrl = helpBase;
    } else f.helpUrl = `${helpBase}#${anchor}`;
  }
  return problems;
}

/**
 * The Chinese twin of functions.json: same ids, parameters and options, names and descriptions from the table.
 * Returns { metadata, problems }; problems name every function and parameter the table lacks or gets wrong.
 */
function localize(metadata, table) {
  const problems = [];
  const out = JSON.parse(JSON.stringify(metadata));
  const entries = (table && table.functions) || {};
  const where = "src/functions/i18n-zh.json";
  const names = new Map();
  for (const f of out.functions) {
    const t = entries[f.id];
    if (!t) {
      problems.push(`${where}: no entry for function ${f.id} (add functions.${f.id} with name, description and parameters ${f.parameters.map((p) => p.name).join(", ") || "(none)"}).`);
      continue;
    }
    if (typeof t.name !== "string" || !NAME_RE.test(t.name)) {
      problems.push(`${where}: functions.${f.id}.name ${JSON.stringify(t.name)} is missing or not a valid function name (a letter, then letters, digits, _ or .; 3 to 64 characters).`);
    } else if (names.has(t.name)) {
      problems.push(`${where}: functions.${f.id}.name "${t.name}" is also the name of ${names.get(t.name)}.`);
    } else {
      names.set(t.name, f.id);
      f.name = t.name;
    }
    if (typeof t.description !== "string" || t.description.trim() === "") {
      problems.push(`${where}: functions.${f.id}.description is missing.`);
    } else if (t.description.length > MAX_DESCRIPTION) {
      problems.push(`${where}: functions.${f.id}.description is ${t.description.length} characters; Excel takes at most ${MAX_DESCRIPTION}.`);
    } else f.description = t.description;
    const params = t.parameters || {};
    const paramNames = new Set();
    for (const p of f.parameters) {
      const tp = params[p.name];
      const at = `${where}: functions.${f.id}.parameters.${p.name}`;
      if (!tp) {
        problems.push(`${at} is missing (parameter ${p.name} of ${f.id}: add its name and description).`);
        continue;
      }
      if (typeof tp.name !== "string" || !PARAM_NAME_RE.test(tp.name)) problems.push(`${at}.name ${JSON.stringify(tp.name)} is missing or not a name.`);
      else if (paramNames.has(tp.name)) problems.push(`${at}.name "${tp.name}" names another parameter of ${f.id} too.`);
      else paramNames.add(tp.name);
      if (typeof tp.description !== "string" || tp.description.trim() === "") problems.push(`${at}.description is missing.`);
      else if (tp.description.length > MAX_DESCRIPTION) problems.push(`${at}.description is ${tp.description.length} characters; Excel takes at most ${MAX_DESCRIPTION}.`);
      if (tp.name && tp.description) Object.assign(p, { name: tp.name, description: tp.description });
    }
    for (const extra of Object.keys(params)) {
      if (!metadata.functions.find((g) => g.id === f.id).parameters.some((p) => p.name === extra)) {
        problems.push(`${where}: functions.${f.id}.parameters.${extra}: ${f.id} has no parameter "${extra}" (renamed?).`);
      }
    }
  }
  return { metadata: out, problems };
}

function readTable(file = I18N_ZH) {
  try {
    return JSON.parse(fs.readFileSync(file, "utf8"));
  } catch (err) {
    throw new Error(`${path.relative(ROOT, file)}: ${err.message}`);
  }
}

const escapeHtml = (s) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");

/** The README as a page: headings with GitHub's anchors, everything else kept as written (preformatted). */
function renderHelpPage(markdown, title = "award-model: function help") {
  const out = [];
  let block = [];
  let fenced = false;
  const flush = () => {
    while (block.length && block[block.length - 1].trim() === "") block.pop();
    while (block.length && block[0].trim() === "") block.shift();
    if (block.length) out.push(`<pre>${escapeHtml(block.join("\n"))}</pre>`);
    block = [];
  };
  const anchors = headings(markdown);
  let next = 0;
  for (const line of markdown.split(/\r?\n/)) {
    if (/^```/.test(line)) fenced = !fenced;
    const m = !fenced && /^(#{1,6})\s+(.*)$/.exec(line);
    if (m) {
      flush();
      const h = anchors[next++];
      out.push(`<h${h.level} id="${escapeHtml(h.anchor)}">${escapeHtml(h.text.replace(/`/g, ""))}</h${h.level}>`);
    } else block.push(line);
  }
  flush();
  return [
    "<!doctype html>",
    '<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${escapeHtml(title)}</title>`,
    "<style>body{font-family:system-ui,sans-serif;max-width:60rem;margin:1rem auto;padding:0 1rem}pre{white-space:pre-wrap;font-family:inherit}h1,h2,h3{scroll-margin-top:1rem}</style>",
    "</head><body>",
    ...out,
    "</body></html>",
    "",
  ].join("\n");
}

module.exports = { slug, headings, helpAnchor, addHelpUrls, localize, readTable, renderHelpPage, I18N_ZH, README, MAX_DESCRIPTION };
