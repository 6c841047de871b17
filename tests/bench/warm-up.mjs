// What the widget's warm-up (`warmUp`, www/widget/engine.js) does for a reader's first
// keystrokes, in headless Chromium: on fresh pages, the bare engine on the main thread
// opens a bench package (PKG: wasm-pack's output with a sharded index's shards beside it,
// as `make bench` writes target/bench/pkg) and loads every shard; then either nothing or
// the warm-up runs (timed), and every prefix of every query is typed at once, twice (the
// first pass and the second), each keystroke `Searcher.query(q, { limit: 10, facets: true })`
// timed alone. The two kinds of page alternate, which goes first changing from run to run,
// RUNS times each (default 4):
//   node tests/bench/warm-up.mjs PKG QUERIES_FILE
// (tests/MEASUREMENTS.md, "The warm-up").
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { launchChromium, root, serveIsolated, summary } from "./isolated.mjs";

const [pkgArg, queriesFile] = process.argv.slice(2);
if (!pkgArg || !queriesFile) throw new Error("usage: node tests/bench/warm-up.mjs PKG QUERIES_FILE");
const runs = Number(process.env.RUNS ?? 4);
const queries = readFileSync(queriesFile, "utf8").split("\n").map((q) => q.trim()).filter((q) => q && !q.startsWith("#"));

const page = `<!doctype html><link rel="icon" href="data:,"><script type="module">
try {
const { default: init, Searcher } = await import("/pkg/findling.js");
await init();
const searcher = new Searcher();
const { loadShards } = await import("/www/widget/shards.js");
await loadShards(searcher, new URL("/pkg/", location.href));
searcher.prepare?.(0xffffffff); // the word list, which the widget reads in steps after load
const { warmUp } = await import("/www/widget/engine.js");
const options = { limit: 10, facets: true };
window.__measure = async (queries, warm) => {
  const t0 = performance.now();
  if (warm) await warmUp(async (q) => searcher.query(q, options));
  const warmMs = performance.now() - t0;
  const passes = [];
  for (let pass = 0; pass < 2; pass++) {
    const times = [];
    for (const q of queries) {
      for (let i = 1; i <= q.length; i++) {
        const t = performance.now();
        searcher.query(q.slice(0, i), options);
        times.push(performance.now() - t);
      }
    }
    passes.push(times);
  }
  return { warmMs, passes };
};
window.__open = true;
} catch (e) {
  window.__error = String(e?.stack ?? e);
}
</script>`;

const { base, close } = await serveIsolated({ "/pkg/": resolve(pkgArg), "/www/": `${root}www`, "/warm-up.html": page });
const browser = await launchChromium();
try {
  console.log(`${queries.length} queries; Chromium ${browser.version()}`);
  for (let run = 0; run < runs; run++) {
    for (const warm of run % 2 ? [true, false] : [false, true]) {
      const context = await browser.newContext();
      const tab = await context.newPage();
      await tab.goto(`${base}/warm-up.html`);
      await tab.waitForFunction(() => window.__open || window.__error, null, { timeout: 300_000 });
      const error = await tab.evaluate(() => window.__error);
      if (error) throw new Error(`the page failed: ${error}`);
      const { warmMs, passes } = await tab.evaluate(([q, w]) => window.__measure(q, w), [queries, warm]);
      const label = warm ? `warm-up ${warmMs.toFixed(0).padStart(4)} ms` : "no warm-up     ";
      console.log(`${label} | first pass ${summary(passes[0])} | second pass ${summary(passes[1])}`);
      await context.close();
    }
  }
} finally {
  await browser.close();
  close();
}
