// Where a wasm module's code bytes go: each function's body size, named by the module's name
// section and grouped by crate (by crate::module, or deeper with DEPTH, for findling's
// own), raw and compressed alone with brotli 11, largest first. Read it from the module
// cargo writes before wasm-bindgen and wasm-opt, which keeps the name section:
//   cargo build --release --target wasm32-unknown-unknown --lib
//   node tests/bench/code-size.mjs target/wasm32-unknown-unknown/release/findling.wasm
//   DEPTH=3 node tests/bench/code-size.mjs …   (findling::search::expand, …)
// Shares only: wasm-opt shrinks the shipped module further (make size for its bytes).
import { readFileSync } from "node:fs";
import { brotliCompressSync, constants } from "node:zlib";

const bytes = readFileSync(process.argv[2] ?? "target/wasm32-unknown-unknown/release/findling.wasm");
const depth = Number(process.env.DEPTH ?? 2);
let at = 8; // past the magic and version
const leb = () => {
  let value = 0, shift = 0, byte;
  do {
    byte = bytes[at++];
    value += (byte & 0x7f) * 2 ** shift;
    shift += 7;
  } while (byte & 0x80);
  return value;
};
const skipLimits = () => { const flags = leb(); leb(); if (flags & 1) leb(); };

let importedFunctions = 0;
const bodies = [];
const names = new Map();
let data = 0;
while (at < bytes.length) {
  const id = bytes[at++];
  const length = leb();
  const end = at + length;
  if (id === 2) { // imports: functions imported come first in the function index space
    for (let n = leb(); n > 0; n--) {
      // Each length is read before it is added: `at += leb()` would add it to `at` as it
      // was before the read.
      const module = leb();
      at += module;
      const field = leb();
      at += field;
      const kind = bytes[at++];
      if (kind === 0) { leb(); importedFunctions++; }
      else if (kind === 1) { at++; skipLimits(); }
      else if (kind === 2) skipLimits();
      else if (kind === 3) at += 2;
    }
  } else if (id === 10) { // code
    for (let n = leb(); n > 0; n--) {
      const size = leb();
      bodies.push(bytes.subarray(at, at + size));
      at += size;
    }
  } else if (id === 11) {
    data += length;
  } else if (id === 0) { // custom: the name section's function names
    const nameLength = leb();
    const name = bytes.subarray(at, at + nameLength).toString();
    at += nameLength;
    while (name === "name" && at < end) {
      const sub = bytes[at++];
      const subEnd = leb() + at;
      if (sub === 1) {
        for (let n = leb(); n > 0; n--) {
          const index = leb();
          const size = leb();
          names.set(index, bytes.subarray(at, at + size).toString());
          at += size;
        }
      }
      at = subEnd;
    }
  }
  at = end;
}

/** The group of a mangled (legacy `_ZN…`) name: its crate, or findling's path to `depth`. */
function group(name) {
  if (!name?.startsWith("_ZN")) return name?.split("::").slice(0, 2).join("::") ?? "(no name)";
  const parts = [];
  let i = 3;
  while (i < name.length && /\d/.test(name[i]) && parts.length < depth) {
    let digits = "";
    while (/\d/.test(name[i])) digits += name[i++];
    parts.push(name.slice(i, i + Number(digits)).replace(/\$LT\$|\$GT\$|\$u20\$|\$C\$|\.\./g, " ").trim());
    i += Number(digits);
  }
  return parts[0] === "findling" ? parts.join("::") : parts[0];
}

const groups = new Map();
bodies.forEach((body, i) => {
  const key = group(names.get(importedFunctions + i));
  groups.set(key, [...(groups.get(key) ?? []), body]);
});
const brotli = (b) => brotliCompressSync(b, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length;
const kb = (n) => `${(n / 1024).toFixed(1)} KB`;
const code = bodies.reduce((sum, b) => sum + b.length, 0);
console.log(`${kb(bytes.length)} module: ${kb(code)} of code in ${bodies.length} functions, ${kb(data)} of data`);
console.log("| group | raw | brotli 11 alone |\n| --- | --- | --- |");
const rows = [...groups].map(([key, list]) => [key, list.reduce((s, b) => s + b.length, 0), list]);
for (const [key, raw, list] of rows.sort((a, b) => b[1] - a[1]).slice(0, Number(process.env.TOP ?? 25))) {
  console.log(`| ${key} | ${kb(raw)} | ${kb(brotli(Buffer.concat(list)))} |`);
}
