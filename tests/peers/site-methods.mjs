// A type's name and one of its methods typed into a rustdoc site's search ("Vec push",
// "OpenOptions read"): does the type's page come first? Findling side by side with
// Pagefind, on any site rustdoc built (Rust's own documentation as rustup installs it:
// `$(rustc --print sysroot)/share/doc/rust/html`).
//
// Usage: node tests/peers/site-methods.mjs SITE FINDLING [PAGEFIND_BUNDLE]
//   SITE             the built site
//   FINDLING         a findling CLI built with FINDLING_CORPUS=SITE
//   PAGEFIND_BUNDLE  a Pagefind bundle of SITE written before (the folder with
//                    pagefind.js); without it, Pagefind indexes SITE first (Rust's
//                    documentation: about a minute and 4.7 GB)
//   FINDLING_MISSES=1 also lists Findling's misses on stderr.
//
// The queries: the pages below std/ of a struct, enum, trait or primitive type, each with
// the methods its own impl blocks list (the `method.` and `tymethod.` anchors before its
// trait implementations); two methods of each page, drawn with a fixed seed, 400 queries
// in all, and 400 more with another seed (none of the first set's). Both were drawn
// after Findling's weight for such queries was chosen, on an earlier draw (see
// `TITLE_NAME_BOOST` in src/search/title.rs). A query's page counts wherever the type is
// documented (std, core and alloc show the same type).
import { execFileSync } from "node:child_process";
import { readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { pagefindLists, pagefindSearch } from "./pagefind-site.mjs";

const [site, findling, bundle] = process.argv.slice(2);
if (!site || !findling) {
  console.error("usage: node tests/peers/site-methods.mjs SITE FINDLING [PAGEFIND_BUNDLE]");
  process.exit(2);
}

/** Every type page below `dir` (relative paths, sorted). */
function typePages(dir, at = "") {
  const out = [];
  for (const entry of readdirSync(join(dir, at), { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
    const path = at ? `${at}/${entry.name}` : entry.name;
    if (entry.isDirectory()) out.push(...typePages(dir, path));
    else if (/^(struct|enum|trait|primitive)\.\w+\.html$/.test(entry.name)) out.push(path);
  }
  return out;
}

/** A small seeded generator (mulberry32): the same queries on every machine. */
function random(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** 400 queries of two methods per type page, drawn with `seed`, none of `skip`. */
function draw(seed, skip = new Set()) {
  const next = random(seed);
  const pick = (list, n) => {
    const left = [...list];
    const out = [];
    while (out.length < n && left.length) out.push(left.splice(Math.floor(next() * left.length), 1)[0]);
    return out;
  };
  const all = [];
  for (const page of typePages(join(site, "std"))) {
    const html = readFileSync(join(site, "std", page), "utf8");
    if (/Redirecting/.test(html.slice(0, 400))) continue;
    const cut = html.indexOf('id="trait-implementations"');
    const own = cut < 0 ? html : html.slice(0, cut);
    const methods = [...new Set([...own.matchAll(/id="(?:ty)?method\.([a-z_0-9]+)"/g)].map((m) => m[1]))].sort();
    const file = page.split("/").pop().replace(/\.html$/, "");
    const name = file.split(".")[1];
    for (const method of pick(methods, 2)) {
      const query = `${name} ${method}`;
      if (!skip.has(query)) all.push({ query, page: file });
    }
  }
  return pick(all, 400);
}

const tuned = draw(7);
const sets = [
  ["seed 7", tuned],
  ["seed 11", draw(11, new Set(tuned.map((q) => q.query)))],
];
const queries = sets.flatMap(([, set]) => set.map((q) => q.query));
const input = queries.join("\n") + "\n";
const findlingHits = execFileSync(findling, ["search", "--batch", "--json", "--limit", "10"], { input, encoding: "utf8", maxBuffer: 1 << 30 })
  .split("\n")
  .filter(Boolean)
  .map((l) => JSON.parse(l).hits);
const findlingLists = findlingHits.map((hits) => hits.map((h) => h.id));
const pagefindAnswers = bundle ? await pagefindSearch(bundle, queries) : await pagefindLists(site, queries);

console.log(`${site}: a type's name and a method of it, the type's page first`);
console.log("| queries | engine | type's page first | MRR@10 | linked to the method's section |");
console.log("| --- | --- | --- | --- | --- |");
let at = 0;
for (const [label, set] of sets) {
  for (const [engine, lists] of [["Findling", findlingLists], ["Pagefind", pagefindAnswers]]) {
    let first = 0;
    let rr = 0;
    let linked = 0;
    set.forEach((q, i) => {
      const list = lists[at + i].slice(0, 10);
      const rank = list.findIndex((id) => id.endsWith(`/${q.page}`));
      if (rank === 0) first++;
      // Findling's first hit names the section its excerpt is from: the method's own?
      const method = q.query.split(" ")[1];
      const anchor = engine === "Findling" && rank === 0 ? findlingHits[at + i][0].anchor : undefined;
      if (anchor === `method.${method}` || anchor === `tymethod.${method}`) linked++;
      else if (engine === "Findling" && process.env.FINDLING_MISSES) console.error(`miss: "${q.query}" ${q.page}: ${list[0] ?? "nothing"} first`);
      if (rank >= 0) rr += 1 / (rank + 1);
    });
    const pct = ((100 * first) / set.length).toFixed(1);
    const sections = engine === "Findling" ? `${linked} of ${first}` : "not counted";
    console.log(`| ${set.length}, ${label} | ${engine} | ${first} (${pct} %) | ${(rr / set.length).toFixed(3)} | ${sections} |`);
  }
  at += set.length;
}
