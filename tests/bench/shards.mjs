// Time of opening a sharded package and of Searcher.addShard per shard (hash, every check of
// the reader, document decoding) in node's wasm, and the wasm memory after.
// Usage: node tests/bench/shards.mjs PKG_DIR   (a package built for a corpus above FINDLING_SHARD_MB,
// e.g. target/bench/pkg after make bench)
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
const pkg = process.argv[2] ?? "pkg";
const { default: init, Searcher } = await import(pathToFileURL(join(pkg, "findling.js")).href);
const wasm = await init({ module_or_path: readFileSync(join(pkg, "findling_bg.wasm")) });
let t = performance.now();
const s = new Searcher();
console.log(`new Searcher (core): ${(performance.now() - t).toFixed(1)} ms`);
for (const f of s.shardFiles()) {
  const bytes = readFileSync(join(pkg, f));
  t = performance.now();
  s.addShard(bytes);
  console.log(`${f} ${(bytes.length / 1e6).toFixed(2)} MB: ${(performance.now() - t).toFixed(1)} ms, loaded ${s.loaded().toFixed(3)}`);
}
console.log(`wasm memory ${(wasm.memory.buffer.byteLength / 1e6).toFixed(1)} MB`);
