// Time per keystroke of the shipped wasm module (pkg/, after `make pkg`), as the widget
// calls it: every prefix of every query, typed one character at a time, answered with
// Searcher.query(q, { limit: 10 }) including the hits' excerpts and highlights.
// Usage: node tests/bench/speed.mjs [queries-file]   (one query per line; default: the
// seeds' queries in tests/bench/queries/seeds.txt). Prints the median, p95 and max over all keystrokes.
import { readFileSync } from "node:fs";
import init, { Searcher } from "../../pkg/findling.js";

const pkg = new URL("../../pkg/", import.meta.url);
await init({ module_or_path: readFileSync(new URL("findling_bg.wasm", pkg)) });
const searcher = new Searcher();

const file = process.argv[2] ?? new URL("queries/seeds.txt", import.meta.url);
const queries = readFileSync(file, "utf8").split("\n").map((q) => q.trim()).filter(Boolean);

const times = [];
for (let round = 0; round < 3; round++) {
  for (const q of queries) {
    for (let i = 1; i <= q.length; i++) {
      const t0 = performance.now();
      searcher.query(q.slice(0, i), { limit: 10 });
      if (round > 0) times.push(performance.now() - t0); // round 0 warms up
    }
  }
}
times.sort((a, b) => a - b);
const at = (p) => times[Math.min(times.length - 1, Math.floor(p * times.length))].toFixed(2);
const { documents, terms } = searcher.stats();
console.log(`${documents} documents, ${terms} terms; ${times.length} keystrokes (${queries.length} queries, 2 timed rounds)`);
console.log(`per keystroke: median ${at(0.5)} ms, p95 ${at(0.95)} ms, max ${times.at(-1).toFixed(2)} ms`);
