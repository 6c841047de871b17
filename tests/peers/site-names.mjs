// Names typed into a documentation site's search: does the page that a name titles come
// first? Findling side by side with the client-side peers, on any built site whose pages'
// <title>s start with a name and a dash ("json — JSON encoder and decoder", as Sphinx,
// MkDocs and rustdoc write them).
//
// Usage: node tests/peers/site-names.mjs [--titles] SITE FINDLING
//   FINDLING_MISSES=1 also lists Findling's misses on stderr: the name, its page and the page first.
//   SITE     the built site (e.g. Debian's python3.11-doc: /usr/share/doc/python3.11/html)
//   FINDLING a findling CLI built with FINDLING_CORPUS=SITE
//
// The queries: every page whose <title> starts with its own file name ("library/json.html"
// titled "json — …"), that name typed as a finished word. With --titles: every page's whole
// title as a reader would type it, without a leading section number ("11.2. Index Types"
// is typed "Index Types"), a trailing manual section ("git-rebase(1)": "git-rebase") or
// the site's name after it (a suffix most titles share), for each title that no other
// page of the site has. MiniSearch, lunr, FlexSearch and
// Orama get the documents Findling indexed (its cleaned title and text, `findling docs
// --json`), with the settings of tests/peers/engines.mjs; Pagefind indexes the site's HTML
// itself, as it is meant to, and answers in headless Chromium. Prints, per engine, how
// often the named page is first and the mean reciprocal rank of it within the first 10.
import { execFileSync } from "node:child_process";
import { readFileSync, readdirSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { nodeEngines } from "./engines.mjs";
import { pagefindLists } from "./pagefind-site.mjs";

const args = process.argv.slice(2);
const titles = args[0] === "--titles";
const [site, findling] = titles ? args.slice(1) : args;
if (!site || !findling) {
  console.error("usage: node tests/peers/site-names.mjs [--titles] SITE FINDLING");
  process.exit(2);
}

/** Every HTML page below `dir`, as paths relative to it. */
function pages(dir) {
  const out = [];
  const walk = (d) => {
    for (const name of readdirSync(d).sort()) {
      const path = join(d, name);
      if (name.startsWith(".") || name.startsWith("_")) continue;
      const stat = (() => {
        try {
          return statSync(path);
        } catch {
          return null; // a dangling symbolic link
        }
      })();
      if (!stat) continue;
      if (stat.isDirectory()) walk(path);
      else if (name.endsWith(".html")) out.push(relative(dir, path));
    }
  };
  walk(dir);
  return out;
}

const decode = (s) => s.replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&#(x?)([0-9a-f]+);/gi, (_, x, n) => String.fromCodePoint(parseInt(n, x ? 16 : 10))).replace(/&amp;/g, "&");
/** A title as a reader types it: no section number before it, no manual section after. */
const typed = (title) =>
  title
    .replace(/\s+/g, " ")
    .trim()
    .replace(/^((Chapter|Appendix|Part)\s+)?([0-9]{1,4}(\.[0-9A-Za-z]{1,4})*[.:)]?|([A-Z]|[IVXLC]+)(\.[0-9]{1,4})*[.:)])\s+(?=\S)/, "")
    .replace(/\(\d\w*\)$/, "")
    .trim();
const queries = [];
const seen = new Map();
for (const page of pages(site)) {
  const title = /<title[^>]*>([^<]*)<\/title>/i.exec(readFileSync(join(site, page), "utf8"))?.[1];
  const id = page.replace(/\.html$/, "");
  if (titles) {
    const name = title && typed(decode(title));
    if (name) seen.set(name, seen.has(name) ? null : id);
    continue;
  }
  const name = page.split("/").pop().replace(/\.html$/, "");
  const first = title && decode(title).split(/\s+[—–-]\s+/)[0].trim();
  if (first === name) queries.push({ name, id });
}
// A suffix most titles share is the site's name ("json — … — Python 3.11.2 documentation").
const suffix = (t) => /\s[—–|-]\s[^—–|]*$/.exec(t)?.[0];
const counts = new Map();
for (const name of seen.keys()) counts.set(suffix(name), (counts.get(suffix(name)) ?? 0) + 1);
const shared = [...counts].find(([s, n]) => s && n * 2 > seen.size)?.[0];
for (let [name, id] of seen) {
  if (shared && name.endsWith(shared)) name = name.slice(0, -shared.length);
  if (id !== null) queries.push({ name, id });
}
const kind = titles ? "pages with a title of their own" : "pages whose title starts with their name";
console.log(`${site}: ${queries.length} ${kind}`);

const docs = execFileSync(findling, ["docs", "--json"], { encoding: "utf8", maxBuffer: 1 << 30 })
  .split("\n")
  .filter(Boolean)
  .map((l) => JSON.parse(l))
  .map((d) => ({ id: d.id, title: d.title, text: d.text }));

const engines = {};
engines.Findling = (() => {
  const input = queries.map((q) => `${q.name} `).join("\n") + "\n";
  const out = execFileSync(findling, ["search", "--batch", "--limit", "10"], { input, encoding: "utf8" });
  const lists = out.split("\n").filter(Boolean).map((l) => JSON.parse(l));
  return (_, i) => lists[i];
})();
Object.assign(engines, nodeEngines(docs));

// Pagefind: its own index of the site's HTML, searched in Chromium.
const pagefindAnswers = await pagefindLists(site, queries.map((q) => q.name));
engines.Pagefind = (_, i) => pagefindAnswers[i];

console.log("| engine | named page first | MRR@10 |");
console.log("| --- | --- | --- |");
for (const [name, search] of Object.entries(engines)) {
  let first = 0;
  let rr = 0;
  queries.forEach((q, i) => {
    const list = search(q.name, i);
    const rank = list.slice(0, 10).indexOf(q.id);
    if (rank === 0) first++;
    else if (name === "Findling" && process.env.FINDLING_MISSES) console.error(`miss: "${q.name}" ${q.id}: ${list[0] ?? "nothing"} first`);
    if (rank >= 0) rr += 1 / (rank + 1);
  });
  const pct = ((100 * first) / queries.length).toFixed(1);
  console.log(`| ${name} | ${first} of ${queries.length} (${pct} %) | ${(rr / queries.length).toFixed(3)} |`);
}
