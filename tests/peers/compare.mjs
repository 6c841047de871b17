// Findling side by side with client-side search libraries on German/Danish queries.
// Usage: node tests/peers/compare.mjs PATH/TO/findling   (a findling CLI built with
// FINDLING_CORPUS=tests/peers/corpus; tests/peers/run.sh does all of it).
// Each library gets the same documents (title + text) and its documented settings for
// the job: prefix and fuzzy search where it has them, German/Danish stemming for lunr.
import { readFileSync, readdirSync } from "node:fs";
import { execFileSync } from "node:child_process";
import { join } from "node:path";
import lunr from "lunr";
import stemmerSupport from "lunr-languages/lunr.stemmer.support.js";
import lunrDe from "lunr-languages/lunr.de.js";
import lunrDa from "lunr-languages/lunr.da.js";
import lunrMulti from "lunr-languages/lunr.multi.js";
import { nodeEngines } from "./engines.mjs";
import * as pagefind from "pagefind";
import { chromium } from "playwright-core";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { serve } from "./pagefind-site.mjs";

const here = new URL(".", import.meta.url).pathname;
const findling = process.argv[2];
const corpusDir = join(here, "corpus");
const docs = readdirSync(corpusDir)
  .filter((f) => f.endsWith(".txt"))
  .sort()
  .map((f) => {
    const [title, ...rest] = readFileSync(join(corpusDir, f), "utf8").trim().split("\n");
    return { id: f.slice(0, -4), title, text: rest.join(" ").trim() };
  });
const queries = readFileSync(join(here, "queries.tsv"), "utf8")
  .split("\n")
  .filter((l) => l && !l.startsWith("#"))
  .map((l) => l.split("\t"));

const engines = {};

engines.Findling = (q) => {
  const out = execFileSync(findling, ["search", "--json", "--limit", "5", q], { encoding: "utf8" });
  return out.split("\n").filter(Boolean).map((l) => JSON.parse(l).id);
};

// Every library's documents in German and Danish: lunr with its stemmers for both.
stemmerSupport(lunr);
lunrDe(lunr);
lunrDa(lunr);
lunrMulti(lunr);
Object.assign(
  engines,
  nodeEngines(docs, { lunrPlugins: [lunr.multiLanguage("de", "da")], flexEncoder: "LatinAdvanced" }),
);

// Pagefind searches in the browser: index with its Node API, then query its own
// pagefind.js in headless Chromium, on a page whose lang is the expected document's
// language (Pagefind picks its per-language index from <html lang>).
const languages = Object.fromEntries(
  readFileSync(join(here, "languages.tsv"), "utf8").trim().split("\n").map((l) => l.split("\t")),
);
const site = mkdtempSync(join(tmpdir(), "findling-pagefind-"));
{
  const { index } = await pagefind.createIndex({});
  for (const d of docs) {
    await index.addCustomRecord({
      url: `/${d.id}`,
      content: `${d.title}. ${d.text}`,
      language: languages[d.id],
      meta: { title: d.title },
    });
  }
  await index.writeFiles({ outputPath: join(site, "pagefind") });
  await pagefind.close();
}
const server = await serve(site, (path) =>
  path.endsWith(".html") ? `<!doctype html><html lang="${path.slice(1, 3)}"><title>p</title></html>` : null,
);
const browser = await chromium.launch({
  executablePath: "/usr/bin/chromium",
  args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync"],
});
const page = await browser.newPage();
const base = `http://127.0.0.1:${server.address().port}`;
const pagefindResults = {};
for (const [q, expected] of queries) {
  await page.goto(`${base}/${languages[expected]}.html`);
  pagefindResults[q] = await page.evaluate(async (q) => {
    const pf = await import("/pagefind/pagefind.js");
    const r = await pf.search(q);
    const data = await Promise.all(r.results.slice(0, 5).map((x) => x.data()));
    return data.map((d) => d.url.replace(/^\//, ""));
  }, q);
}
await browser.close();
server.close();
engines.Pagefind = (q) => pagefindResults[q];

const names = Object.keys(engines);
const wins = Object.fromEntries(names.map((n) => [n, 0]));
console.log(`| query | expected | what | ${names.join(" | ")} |`);
console.log(`| --- | --- | --- | ${names.map(() => "---").join(" | ")} |`);
for (const [q, expected, what] of queries) {
  const cells = names.map((n) => {
    const got = engines[n](q);
    const ok = got[0] === expected;
    wins[n] += ok;
    return ok ? "✓" : got.length ? `✗ (${got[0]})` : "✗ (none)";
  });
  console.log(`| \`${q}\` | ${expected} | ${what} | ${cells.join(" | ")} |`);
}
console.log(`| **first result right** | | | ${names.map((n) => `**${wins[n]}/${queries.length}**`).join(" | ")} |`);
