// What a reader's first keystrokes cost against the same keystrokes typed again, in node:
// opens a bench package (PKG: wasm-pack's output, with a sharded index's shards beside it,
// as `make bench` writes target/bench/pkg), types every prefix of every query once on the
// fresh module (the first pass: V8 compiles the engine's hot functions a second time,
// optimised, while it types) and then again (the second pass), each keystroke
// `Searcher.query(q, { limit: 10, facets: true })` timed alone. V8's flags go to node:
//   node [--liftoff-only | --v8-pool-size=1 | …] tests/bench/first-pass.mjs PKG QUERIES_FILE
// (tests/MEASUREMENTS.md, "Why the first pass costs more than the second").
import { readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { summary } from "./isolated.mjs";

const [pkgArg, queriesFile] = process.argv.slice(2);
if (!pkgArg || !queriesFile) throw new Error("usage: node [V8 flags] tests/bench/first-pass.mjs PKG QUERIES_FILE");
const pkg = resolve(pkgArg);
const { default: init, Searcher } = await import(pathToFileURL(join(pkg, "findling.js")).href);
await init({ module_or_path: await WebAssembly.compile(readFileSync(join(pkg, "findling_bg.wasm"))) });
const searcher = new Searcher();
for (const file of searcher.shardFiles()) searcher.addShard(readFileSync(join(pkg, file)));
searcher.prepare?.(0xffffffff); // the word list, which the widget reads in steps after load
const queries = readFileSync(queriesFile, "utf8").split("\n").map((q) => q.trim()).filter((q) => q && !q.startsWith("#"));

/** Every prefix of every query typed once: each keystroke's milliseconds. */
function pass() {
  const times = [];
  for (const q of queries) {
    for (let i = 1; i <= q.length; i++) {
      const t0 = performance.now();
      searcher.query(q.slice(0, i), { limit: 10, facets: true });
      times.push(performance.now() - t0);
    }
  }
  return times;
}

const first = pass();
const second = pass();
console.log(`${first.length} keystrokes (${queries.length} queries)`);
console.log(`first pass:  ${summary(first)}`);
console.log(`second pass: ${summary(second)}`);
