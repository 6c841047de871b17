// Prints the shipped size of the wasm module, its JS glue and a sharded index's shards: raw,
// gzip -9 and brotli (q11).
// Usage: node tests/bench/size.mjs [pkg-dir]   (after `make pkg`)
import { readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { gzipSync, brotliCompressSync, constants } from "node:zlib";

const dir = process.argv[2] ?? new URL("../../pkg", import.meta.url).pathname;
const kb = (n) => `${(n / 1024).toFixed(1)} KB`;
const rows = readdirSync(dir)
  .filter((f) => f.endsWith(".wasm") || (f.endsWith(".js") && !f.endsWith(".d.ts")) || /^shard-.*\.bin$/.test(f))
  .sort()
  .map((f) => {
    const bytes = readFileSync(join(dir, f));
    const gzip = gzipSync(bytes, { level: 9 }).length;
    const brotli = brotliCompressSync(bytes, {
      params: { [constants.BROTLI_PARAM_QUALITY]: 11 },
    }).length;
    return { file: f, raw: bytes.length, gzip, brotli };
  });
console.log("| file | raw | gzip -9 | brotli 11 |\n| --- | --- | --- | --- |");
for (const r of rows) console.log(`| ${r.file} | ${kb(r.raw)} | ${kb(r.gzip)} | ${kb(r.brotli)} |`);
