// Where the widget's engine runs, and what a keystroke costs there, in headless Chromium:
// serves PKG (a bench package) at /pkg/ and www/ at /www/, served plainly (PLAIN=1, as
// most hosts serve pages) or cross-origin isolated, with the widget's engine where
// widget/engine.js chooses or where ENGINE says ("worker" or "main", patched into the
// served copy of findling-search.js; the files in the tree are untouched); types every
// prefix of the queries into www/index.html a second after it is ready and prints one
// line: where the engine ran, ready, the main thread's long tasks while loading and while
// typing, and input to rendered and to painted (p50 / p95 / max, as make bench measures).
// Usage: [PLAIN=1] [ENGINE=worker|main] node tests/bench/placement.mjs PKG QUERIES_FILE...
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { launchChromium, root, serveIsolated, typeEach, watchKeystrokes } from "./isolated.mjs";

const [pkg, ...qfiles] = process.argv.slice(2);
if (!pkg || !qfiles.length) throw new Error("usage: [PLAIN=1] [ENGINE=worker|main] node tests/bench/placement.mjs PKG QUERIES_FILE...");
const queries = qfiles.flatMap((f) => readFileSync(f, "utf8").split("\n").map((q) => q.trim()).filter((q) => q && !q.startsWith("#")));
const CHOICE = 'loadEngine(this.getAttribute("engine"))';
const force = (path, bytes) => {
  if (!process.env.ENGINE || !path.endsWith("/findling-search.js")) return bytes;
  const text = bytes.toString();
  if (!text.includes(CHOICE)) throw new Error(`findling-search.js: no ${CHOICE}`);
  return Buffer.from(text.replace(CHOICE, `loadEngine(${JSON.stringify(process.env.ENGINE)})`));
};
const { base, close } = await serveIsolated({ "/pkg/": pkg, "/www/": join(root, "www") }, force, { isolated: !process.env.PLAIN });
const browser = await launchChromium();
const page = await (await browser.newContext()).newPage();
await page.addInitScript(watchKeystrokes);
const t0 = Date.now();
await page.goto(`${base}/www/index.html`);
await page.waitForFunction(() => {
  const i = document.querySelector("findling-search")?.shadowRoot?.querySelector("input");
  return i && !i.disabled;
}, null, { timeout: 120_000, polling: "raf" });
const ready = Date.now() - t0;
await page.evaluate(() => document.querySelector("findling-search")?.ready);
const thread = await page.evaluate(() => document.querySelector("findling-search").engineThread);
await page.waitForTimeout(1000);
const loading = await page.evaluate(() => window.__long.splice(0).map((e) => e.duration));
const input = page.locator("findling-search input").first();
await input.click();
await typeEach(page, input, queries);
const { keys, long } = await page.evaluate(() => ({ keys: window.__keys, long: window.__long.map((e) => e.duration) }));
await browser.close();
close();
const pct = (xs, p) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(p * xs.length))];
const f = (xs) => `p50 ${pct(xs, 0.5).toFixed(1)} p95 ${pct(xs, 0.95).toFixed(1)} max ${Math.max(...xs).toFixed(1)}`;
console.log(`${process.env.PLAIN ? "plain" : "isolated"}, engine on the ${thread}: ready ${ready} ms, long tasks loading [${loading.map(Math.round)}] ms, ` +
  `${keys.length} keystrokes: rendered ${f(keys.map((k) => k.rendered - k.t0))}, painted ${f(keys.map((k) => k.painted - k.t0))} ms, ` +
  `long tasks typing [${long.map(Math.round)}] ms`);
