// Snippets of a site's pages typed into its search: does the page come first, and how
// often does a page that gathers others (Node's all.html, mdBook's print.html) stand in
// the list, or above the page? Compares Findling CLIs built with FINDLING_CORPUS=SITE.
//
// Usage: node tests/peers/site-snippets.mjs [--peers] [--site SITE] PATTERN FINDLING...
//   --peers  also MiniSearch, lunr, FlexSearch and Orama over the first CLI's documents
//            (`findling docs --json`, the settings of tests/peers/engines.mjs)
//   --site   also Pagefind over the built site SITE (its own index of the HTML, in
//            Chromium); it lists pages, so a page's part counts as the page for it
//   PATTERN  a regular expression for the ids of the gathering pages ("^all(#|$)"; "(?!)"
//            for a site without one)
//   FINDLING CLIs built on the same site (before and after a change, say)
//
// The snippets: 300 draws (a fixed seed) of a page of the first CLI's documents that
// PATTERN does not name, a paragraph of it with 10 words or more, and 4 words of that
// paragraph in a row, typed as finished words. FINDLING_SNIPPETS=FILE also writes them
// to FILE, one a line (to time them typed a letter at a time, say).

import { execFileSync } from "node:child_process";
import { writeFileSync } from "node:fs";
import { nodeEngines } from "./engines.mjs";
import { pagefindLists } from "./pagefind-site.mjs";

const args = process.argv.slice(2);
const peers = args[0] === "--peers";
if (peers) args.shift();
const site = args[0] === "--site" ? args.splice(0, 2)[1] : null;
const [pattern, ...clis] = args;
if (!pattern || clis.length === 0) {
  console.error("usage: node tests/peers/site-snippets.mjs PATTERN FINDLING...");
  process.exit(2);
}
const gathering = new RegExp(pattern);

/** A small seeded generator (mulberry32): the same draws on every run. */
function random(seed) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const draw = random(7);
const pick = (list) => list[Math.floor(draw() * list.length)];

const docs = execFileSync(clis[0], ["docs", "--json"], { encoding: "utf8", maxBuffer: 1 << 30 })
  .split("\n")
  .filter(Boolean)
  .map((l) => JSON.parse(l));
const flat = (text) => text.split(/\s+/).join(" ");
const texts = new Map(docs.map((d) => [d.id, flat(`${d.title}\n${d.text}`)]));
/** The page of a part ("fs#promises-api" of "fs"). */
const pageOf = (id) => id.split("#")[0];
const pageTexts = new Map();
for (const [id, text] of texts) pageTexts.set(pageOf(id), `${pageTexts.get(pageOf(id)) ?? ""}\n${text}`);
/** Whether the document (or with `pages`, the page) `id` holds the snippet's words in a
 * row, as they were drawn. */
const holds = (id, snippet, pages) => (pages ? pageTexts : texts).get(id)?.includes(snippet) ?? false;
const pages = docs.filter((d) => !gathering.test(d.id));
const snippets = [];
for (let i = 0; i < 300; i++) {
  const doc = pick(pages);
  const paragraphs = doc.text.split("\n\n").filter((p) => p.split(/\s+/).length >= 10);
  if (paragraphs.length === 0) continue;
  const words = pick(paragraphs).split(/\s+/);
  const at = Math.floor(draw() * (words.length - 4));
  const text = words.slice(at, at + 4).join(" ");
  // Words the query syntax reads (a negation, OR, a filter) would not be typed text.
  const syntax = (w) => w.startsWith("-") || w === "OR" || /^\w+:/.test(w);
  if (text.includes('"') || text.split(" ").some(syntax)) continue;
  snippets.push({ text, id: doc.id });
}

if (process.env.FINDLING_SNIPPETS) writeFileSync(process.env.FINDLING_SNIPPETS, snippets.map((s) => `${s.text}\n`).join(""));

/** Prints one row: how often the page is first, and the gathering pages' places. */
function row(name, lists, pages = false) {
  let first = 0;
  let shared = 0;
  let listed = 0;
  let above = 0;
  snippets.forEach((s, i) => {
    const list = lists[i].slice(0, 10);
    const rank = list.indexOf(pages ? pageOf(s.id) : s.id);
    if (rank === 0) first++;
    else if (list.length > 0 && holds(list[0], s.text, pages)) shared++;
    else if (name.startsWith("/") && process.env.FINDLING_MISSES)
      console.error(`miss: "${s.text}" ${s.id} at ${rank < 0 ? "-" : rank + 1}: ${list[0] ?? "nothing"} first`);
    if (list.some((id) => gathering.test(id))) listed++;
    if (list.slice(0, rank < 0 ? 10 : rank).some((id) => gathering.test(id))) above++;
  });
  const pct = (n) => `${n} (${((100 * n) / snippets.length).toFixed(1)} %)`;
  console.log(`| ${name} | ${snippets.length} | ${pct(first)} | ${pct(shared)} | ${pct(listed)} | ${pct(above)} |`);
}

console.log("| engine | snippets | page first | another page with the snippet first | a gathering page in the top 10 | one above the page |");
console.log("| --- | --- | --- | --- | --- | --- |");
for (const cli of clis) {
  const input = snippets.map((s) => `${s.text} `).join("\n") + "\n";
  const out = execFileSync(cli, ["search", "--batch", "--limit", "10"], { input, encoding: "utf8" });
  row(cli, out.split("\n").filter(Boolean).map((l) => JSON.parse(l)));
}
if (peers) {
  for (const [name, search] of Object.entries(nodeEngines(docs.map(({ id, title, text }) => ({ id, title, text }))))) row(name, snippets.map((s) => search(s.text)));
}
if (site) row("Pagefind", await pagefindLists(site, snippets.map((s) => s.text)), true);
