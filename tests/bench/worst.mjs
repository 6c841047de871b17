// The slowest queries: each line of a queries file (default: hostile German queries,
// tests/bench/queries/hostile-de.txt) plus a pasted megabyte of the corpus's own text,
// answered by the wasm module in node with `Searcher.query(q, {limit: 10})`, each after
// twenty other queries so that no word of it is in the engine's cache; best of three.
// Usage: node tests/bench/worst.mjs [pkg-dir] [queries-file]   (pkg-dir: default pkg/;
// build one for a corpus with FINDLING_CORPUS=... wasm-pack build --out-dir DIR).
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { pathToFileURL } from "node:url";

const pkg = resolve(process.argv[2] ?? "pkg");
const { default: init, Searcher } = await import(pathToFileURL(`${pkg}/findling.js`));
await init({ module_or_path: readFileSync(`${pkg}/findling_bg.wasm`) });
const searcher = new Searcher();
// A sharded package: every shard is loaded first (they sit beside the module).
for (const name of searcher.shardFiles?.() ?? []) searcher.addShard(readFileSync(`${pkg}/${name}`));
const file = process.argv[3] ?? new URL("queries/hostile-de.txt", import.meta.url);
const queries = readFileSync(file, "utf8").split("\n").filter(Boolean);
// A pasted megabyte: the documents' own words, one after another.
let paste = "";
for (const d of searcher.documents()) {
  if (paste.length >= 1 << 20) break;
  paste += `${d.text} `;
}
if (paste) queries.push(paste.slice(0, 1 << 20));

const rows = [];
for (const q of queries) {
  let best = Infinity;
  for (let round = 0; round < 3; round++) {
    for (let k = 0; k < 20; k++) searcher.query(`zz${round}q${k} `, { limit: 1 });
    const t0 = performance.now();
    searcher.query(q, { limit: 10 });
    best = Math.min(best, performance.now() - t0);
  }
  rows.push([best, q]);
}
rows.sort((a, b) => b[0] - a[0]);
const { documents } = searcher.stats();
console.log(`${documents} documents; ${rows.length} queries, slowest first (best of three, ms):`);
for (const [t, q] of rows) console.log(`${t.toFixed(1).padStart(8)}  ${q.length > 90 ? `${q.slice(0, 90)}… (${q.length} chars)` : q}`);
