// Where an index's compressed bytes go: brotli (quality Q, default 9) of each section of
// format-5 indexes, shards and cores, each file's section compressed alone and summed
// over the files. A measuring tool only: src/format/ owns the layout (its module docs'
// table); this reads the header's section lengths and refuses any other version.
//   node tests/bench/sections.mjs OUT_DIR/index.bin OUT_DIR/shards/*.bin
import fs from 'node:fs';
import zlib from 'node:zlib';

const FORMAT_VERSION = 6;
const CORE_VERSION = 3;
const Q = Number(process.env.Q ?? 9);
const brotli = (bytes) =>
  zlib.brotliCompressSync(bytes, {
    params: {
      [zlib.constants.BROTLI_PARAM_QUALITY]: Q,
      [zlib.constants.BROTLI_PARAM_LGWIN]: 24,
      [zlib.constants.BROTLI_PARAM_SIZE_HINT]: bytes.length,
    },
  }).length;

function varint(bytes, at) {
  let n = 0;
  for (let shift = 0; ; shift += 7) {
    const b = bytes[at++];
    n += (b & 0x7f) * 2 ** shift;
    if (!(b & 0x80)) return [n, at];
  }
}

const sections = new Map();
const add = (name, bytes) => sections.set(name, [...(sections.get(name) ?? []), Buffer.from(bytes)]);

function index(buf, file) {
  const u32 = (at) => buf.readUInt32LE(at);
  if (u32(8) !== FORMAT_VERSION) throw new Error(`${file}: format ${u32(8)}, this tool reads ${FORMAT_VERSION}`);
  const names = ['term dictionary', 'term table', 'document gaps', 'term frequencies', 'positions', 'documents', 'build counts'];
  let at = 52;
  const parts = {};
  names.forEach((name, i) => {
    const len = u32(24 + 4 * i);
    parts[name] = buf.subarray(at, at + len);
    at += len;
    if (name !== 'documents') add(name, parts[name]);
  });
  // The document table: texts apart from everything else.
  const docs = parts.documents;
  const texts = [];
  const other = [];
  let q = 0;
  const copy = (from, to, out) => { for (let i = from; i < to; i++) out.push(docs[i]); };
  const string = (out) => {
    const start = q;
    let len;
    [len, q] = varint(docs, q);
    copy(out === texts ? q : start, q + len, out);
    q += len;
  };
  for (let d = 0; d < u32(16); d++) {
    const start = q;
    [, q] = varint(docs, q);
    [, q] = varint(docs, q);
    // The text's checkpoints: a count, then two varints each.
    let checkpoints;
    [checkpoints, q] = varint(docs, q);
    for (let k = 0; k < 2 * checkpoints; k++) [, q] = varint(docs, q);
    copy(start, q, other);
    string(other);
    string(other);
    string(texts);
    for (let k = 0; k < 4; k++) string(other);
    const tagsAt = q;
    let tags;
    [tags, q] = varint(docs, q);
    copy(tagsAt, q, other);
    for (let k = 0; k < tags; k++) string(other);
  }
  add('documents: texts', texts);
  add('documents: word counts, checkpoints, ids, titles, other fields', other);
}

function core(buf) {
  const u32 = (at) => buf.readUInt32LE(at);
  if (u32(8) !== CORE_VERSION) throw new Error(`a core of version ${u32(8)}, this tool reads ${CORE_VERSION}`);
  const fstLen = u32(40);
  const ordinalsLen = u32(48);
  const freqsLen = u32(52);
  const at = 56; // after the header (CORE_HEADER_LEN)
  add('core: dictionary', buf.subarray(at, at + fstLen));
  add('core: document frequencies', buf.subarray(at + fstLen, at + fstLen + freqsLen));
  add('core: shard table, counts', buf.subarray(at + fstLen + freqsLen, buf.length - ordinalsLen));
  add("core: the shards' ordinals", buf.subarray(buf.length - ordinalsLen));
}

let raw = 0;
let compressed = 0;
const files = process.argv.slice(2);
for (const file of files) {
  const buf = fs.readFileSync(file);
  raw += buf.length;
  compressed += brotli(buf);
  if (buf.subarray(0, 8).toString() === 'FINDCORE') core(buf);
  else index(buf, file);
}
const mb = (n) => (n / 1e6).toFixed(3);
console.log(`${files.length} files: ${mb(raw)} MB, brotli ${Q} ${mb(compressed)} MB (each file alone)\n`);
console.log(`| section | raw MB | brotli ${Q} MB |\n| --- | --- | --- |`);
for (const [name, parts] of sections) {
  const bytes = parts.reduce((a, b) => a + b.length, 0);
  if (bytes === 0) continue;
  console.log(`| ${name} | ${mb(bytes)} | ${mb(parts.reduce((a, b) => a + brotli(b), 0))} |`);
}
