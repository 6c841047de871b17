// Where the time to a sharded index's first result goes, in headless Chromium: serves PKG
// (a bench package, e.g. target/bench/pkg) at /pkg/ and www/ at /www/ as make bench does
// (cross-origin isolated, uncached), opens a fresh page RUNS times and prints each step in
// ms since navigation start: the glue imported, the module fetched, compiled and
// instantiated (mode `split`; `stream` does all three in init() as the bench page does),
// new Searcher(), each shard's arrival and addShard (through www/widget/shards.js), the
// query after each shard, and the first result (the first query with a hit).
// Usage: node tests/bench/first-result.mjs PKG [RUNS=3] [QUERY="open file"] [split|stream]
import { join } from "node:path";
import { launchChromium, root, serveIsolated } from "./isolated.mjs";
const [pkg, runs = "3", query = "open file", mode = "split"] = process.argv.slice(2);
const page = `<!doctype html><html><head><link rel="icon" href="data:,"><script type="module">
const marks = []; const mark = (n) => marks.push([n, performance.now()]);
window.__marks = marks;
try {
const MODE = ${JSON.stringify(mode)};
const glue = await import('/pkg/findling.js'); mark('glue imported');
if (MODE === 'split') {
  const bytes = await (await fetch('/pkg/findling_bg.wasm')).arrayBuffer(); mark('wasm fetched');
  const module = await WebAssembly.compile(bytes); mark('compiled');
  await glue.default({module_or_path: module}); mark('instantiated');
} else {
  await glue.default(); mark('fetched+compiled+instantiated (streaming)');
}
const s = new glue.Searcher(); mark('new Searcher');
const q = ${JSON.stringify(query)};
const { loadShards } = await import('/www/widget/shards.js');
let found = false, n = 0;
await new Promise((done) => {
  const proxy = { shardFiles: () => s.shardFiles(), loaded: () => s.loaded(),
    addShard: (b) => { const i = n++; mark('arrived #' + i + ' ' + (b.length / 1e6).toFixed(2) + ' MB'); s.addShard(b); mark('added #' + i); } };
  loadShards(proxy, new URL('/pkg/', location.href), () => {
    if (found) return;
    const hits = s.query(q, {limit: 10}).hits; mark('query: ' + hits.length);
    if (hits.length || s.complete()) { found = true; mark('FIRST RESULT'); done(); }
  }).catch((e) => { mark('error ' + e); done(); });
});
} catch (e) { mark('error ' + e); }
window.__done = true;
</script></head><body></body></html>`;
const { base, close } = await serveIsolated({ "/t.html": page, "/pkg/": pkg, "/www/": join(root, "www") });
const browser = await launchChromium();
const all = [];
for (let i = 0; i < +runs; i++) {
  const ctx = await browser.newContext();
  const p = await ctx.newPage();
  await p.goto(`${base}/t.html`);
  await p.waitForFunction(() => window.__done, null, { timeout: 120000 });
  const marks = await p.evaluate(() => window.__marks);
  all.push(marks);
  console.log(marks.map(([n, t]) => `${t.toFixed(0).padStart(5)} ${n}`).join("\n"));
  console.log("--");
  await ctx.close();
}
const firsts = all.map((m) => m.find(([n]) => n === "FIRST RESULT")?.[1]).filter((t) => t !== undefined).sort((a, b) => a - b);
console.log("first result:", firsts.map((x) => x.toFixed(0)).join(" "), "median", firsts[Math.floor(firsts.length / 2)].toFixed(0));
await browser.close();
close();
