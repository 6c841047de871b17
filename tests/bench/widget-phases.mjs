// Where a widget keystroke's time goes, in headless Chromium: serves PKG (a bench package)
// at /pkg/ and www/ at /www/ cross-origin isolated, as make bench does, with timers patched
// into the served copies of findling-search.js, widget/engine.js and widget/worker.js (the
// files in the tree are untouched; a patch that no longer applies stops the tool with the
// text it looked for); types every prefix of the queries into www/index.html once every
// shard is in and prints the percentiles of each phase: the page's post to the worker's
// start, the query, the answer's JSON into the shared buffer, the page seeing it and
// parsing it, render(), and the frame (to rAF, and to painted as make bench measures it).
// NOFACETS=1 asks the engine for no facet counts (as the per-keystroke bench does).
// Usage: node tests/bench/widget-phases.mjs PKG QUERIES_FILE...
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { launchChromium, root, serveIsolated, typeEach, watchKeystrokes } from "./isolated.mjs";
const [pkg, ...qfiles] = process.argv.slice(2);
const queries = qfiles.flatMap((f) => readFileSync(f, "utf8").split("\n").map((q) => q.trim()).filter((q) => q && !q.startsWith("#")));
const patch = (path, text) => {
  const rep = (from, to) => { if (!text.includes(from)) throw new Error(`${path}: no ${from}`); text = text.replace(from, to); };
  if (path.endsWith("/findling-search.js")) {
    if (process.env.NOFACETS) rep('"query", q, { limit: this.limit, facets: true }', '"query", q, { limit: this.limit, facets: false }');
    rep("this.render(typed, result, performance.now() - started);",
      "{ const __r0 = performance.now(); this.render(typed, result, performance.now() - started); (window.__phases ??= []).push({ value: this.input.value, started, answered: __r0, rendered: performance.now() }); }");
  } else if (path.endsWith("/widget/engine.js")) {
    rep("pending.resolve(JSON.parse(decoder.decode(bytes.slice(0, length))));",
      "const __a = performance.now(); const __v = JSON.parse(decoder.decode(bytes.slice(0, length))); (globalThis.__waits ??= []).push({ id, started, seen: __a, parsed: performance.now(), bytes: length }); pending.resolve(__v);");
    rep("this.worker.postMessage({ id, method, args, shared });", "this.worker.postMessage({ id, method, args, shared, sent: performance.timeOrigin + performance.now() });");
    rep('worker.addEventListener("message", ({ data }) => {', 'worker.addEventListener("message", ({ data }) => { if (data?.timing) (globalThis.__wt ??= new Map()).set(data.id, data.timing);');
  } else if (path.endsWith("/widget/worker.js")) {
    rep("const result = searcher[method](...(Array.isArray(args) ? args : []));\n    if (sharing) share(id, result, false);\n    self.postMessage({ id, result });",
      "const __q0 = performance.now(); const result = searcher[method](...(Array.isArray(args) ? args : [])); const __q1 = performance.now();\n    if (sharing) share(id, result, false); const __q2 = performance.now();\n    self.postMessage({ id, result, timing: { query: __q1 - __q0, share: __q2 - __q1, picked: data.sent ? performance.timeOrigin + __q0 - data.sent : 0 } });");
  }
  return text;
};
const { base, close } = await serveIsolated({ "/pkg/": pkg, "/www/": join(root, "www") },
  (path, bytes) => (path.endsWith(".js") ? Buffer.from(patch(path, bytes.toString())) : bytes));
const browser = await launchChromium();
const ctx = await browser.newContext();
const page = await ctx.newPage();
await page.addInitScript(watchKeystrokes);
await page.goto(`${base}/www/index.html`);
await page.waitForFunction(() => { const i = document.querySelector("findling-search")?.shadowRoot?.querySelector('input[type="search"], [role="combobox"]'); return i && !i.disabled; }, null, { timeout: 120000, polling: "raf" });
await page.evaluate(() => document.querySelector("findling-search")?.ready);
await page.waitForTimeout(1000);
const input = page.locator('findling-search input[type="search"], findling-search [role="combobox"]').first();
await input.click();
await typeEach(page, input, queries);
const data = await page.evaluate(() => ({ keys: window.__keys, phases: window.__phases, waits: window.__waits, wt: [...(window.__wt ?? new Map()).entries()] }));
await browser.close();
close();
const wt = new Map(data.wt);
const pct = (xs, p) => { const s = [...xs].sort((a, b) => a - b); return s[Math.min(s.length - 1, Math.floor(p * s.length))]; };
const row = (name, xs) => xs.length && console.log(`${name.padEnd(34)} n=${String(xs.length).padStart(4)}  p50 ${pct(xs, 0.5).toFixed(2).padStart(6)}  p95 ${pct(xs, 0.95).toFixed(2).padStart(6)}  max ${Math.max(...xs).toFixed(2).padStart(6)}`);
// Match each keystroke with its phase record (by value, in order).
const phases = data.phases.filter((p) => p.value);
const rows = [];
let j = 0;
for (const k of data.keys) {
  while (j < phases.length && phases[j].value !== k.value) j++;
  if (j >= phases.length) break;
  const p = phases[j++];
  const w = (data.waits ?? []).find((x) => x.started >= p.started && x.parsed <= p.answered);
  const t = w ? wt.get(w.id) : null;
  rows.push({ k, p, w, t });
}
console.log(`keystrokes ${data.keys.length}, matched ${rows.length}, answered in the shared buffer ${rows.filter((r) => r.w).length}`);
row("input event -> update() starts", rows.map((r) => r.p.started - r.k.t0));
row("update() -> answer parsed (all)", rows.map((r) => r.p.answered - r.p.started));
const sab = rows.filter((r) => r.w && r.t);
row("  page post -> worker starts query", sab.map((r) => r.t.picked));
row("  worker: query()", sab.map((r) => r.t.query));
row("  worker: stringify+encode+copy", sab.map((r) => r.t.share));
row("  call -> seen, less query+share", sab.map((r) => r.w.seen - r.w.started - r.t.query - r.t.share));
row("  decode + JSON.parse", sab.map((r) => r.w.parsed - r.w.seen));
row("  answer bytes (KB)", sab.map((r) => r.w.bytes / 1024));
row("render()", rows.map((r) => r.p.rendered - r.p.answered));
row("input -> rendered (observer)", rows.map((r) => r.k.rendered - r.k.t0));
row("rendered -> rAF", rows.map((r) => r.k.raf - r.k.rendered));
row("rAF -> painted", rows.map((r) => r.k.painted - r.k.raf));
row("input -> painted", rows.map((r) => r.k.painted - r.k.t0));
