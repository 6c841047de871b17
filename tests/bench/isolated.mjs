// What the bench's browser tools share (compare.mjs, first-result.mjs, widget-phases.mjs):
// headless Chromium with the flags this machine needs, a static server for folders served
// cross-origin isolated as `make bench` serves its pages, and typing queries one character
// at a time into the widget; and the one-line summary of keystroke times that
// first-pass.mjs and warm-up.mjs print.
import { createServer } from "node:http";
import { readFileSync } from "node:fs";
import { extname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

/** p50 / p95 / p99 / max and the sum of `times`, in ms, on one line. */
export function summary(times) {
  const sorted = [...times].sort((a, b) => a - b);
  const at = (p) => sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))].toFixed(2);
  const sum = sorted.reduce((a, b) => a + b, 0);
  return `p50 ${at(0.5)} p95 ${at(0.95)} p99 ${at(0.99)} max ${sorted.at(-1).toFixed(2)} sum ${sum.toFixed(0)} ms`;
}

/** The repository's root. */
export const root = fileURLToPath(new URL("../..", import.meta.url));

/** Chromium flags as root on a closed network (TOOLCHAIN.md rule 6). */
export const CHROMIUM_ARGS = [
  "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
  "--disable-background-networking", "--disable-component-update", "--disable-sync",
  "--disable-dev-shm-usage",
];

const TYPES = {
  ".html": "text/html; charset=utf-8", ".js": "text/javascript; charset=utf-8", ".mjs": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8", ".wasm": "application/wasm", ".json": "application/json",
};

/** Serves `mounts` ({"/pkg/": folder, …}, and {"/page.html": text} for a page given as
 * text) on 127.0.0.1, cross-origin isolated (unless `isolated` is false: served as most
 * hosts serve pages) and uncached; `transform(path, bytes)` may change a file as it is
 * served. Resolves to { base, close }. */
export async function serveIsolated(mounts, transform = (path, bytes) => bytes, { isolated = true } = {}) {
  const server = createServer((req, res) => {
    const path = new URL(req.url, "http://x").pathname;
    let body = null;
    for (const [prefix, target] of Object.entries(mounts)) {
      if (path === prefix && !prefix.endsWith("/")) body = Buffer.from(target);
      else if (prefix.endsWith("/") && path.startsWith(prefix)) {
        try { body = readFileSync(join(target, decodeURIComponent(path.slice(prefix.length)))); } catch { body = null; }
      }
      if (body) break;
    }
    if (!body) { res.writeHead(404); return res.end(); }
    res.writeHead(200, {
      "content-type": TYPES[extname(path)] ?? "application/octet-stream", "cache-control": "no-store",
      ...(isolated ? { "cross-origin-opener-policy": "same-origin", "cross-origin-embedder-policy": "require-corp" } : {}),
    });
    res.end(transform(path, body));
  });
  await new Promise((r) => server.listen(0, "127.0.0.1", r));
  return { base: `http://127.0.0.1:${server.address().port}`, close: () => server.close() };
}

/** Headless Chromium (playwright-core from tests/peers, Debian's browser). */
export async function launchChromium() {
  const pw = await import(pathToFileURL(join(root, "tests/peers/node_modules/playwright-core/index.js")).href);
  const { chromium } = pw.default ?? pw;
  return chromium.launch({ executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium", headless: true, args: CHROMIUM_ARGS });
}

/** Types every query into `input` one character at a time (emptied before each), each
 * keystroke once the page's `window.__keys` (one entry per painted keystroke) has grown. */
export async function typeEach(page, input, queries) {
  for (const q of queries) {
    await input.fill("");
    for (const ch of q) {
      const n = await page.evaluate(() => window.__keys.length);
      await page.keyboard.type(ch);
      await page.waitForFunction((k) => window.__keys.length > k, n, { timeout: 60_000, polling: "raf" });
    }
  }
}

/** An init script (`page.addInitScript(watchKeystrokes)`) that records, for each input
 * event with text, its `timeStamp` (t0), the first DOM change in the widget's shadow root
 * after it (rendered), the next animation frame (raf) and the end of that frame (painted:
 * a message posted from the frame's callbacks runs once it is done) in `window.__keys`,
 * the main thread's long tasks ({start, duration}, ms) in `window.__long`, and the time of
 * the widget's `findling-ready` event in `window.__ready`. */
export function watchKeystrokes() {
  window.__keys = [];
  window.__long = [];
  new PerformanceObserver((l) => {
    for (const e of l.getEntries()) window.__long.push({ start: e.startTime, duration: e.duration });
  }).observe({ type: "longtask", buffered: true });
  let pending = null;
  addEventListener("input", (e) => { const value = e.composedPath()[0]?.value; pending = value ? { t0: e.timeStamp, value } : null; }, true);
  document.addEventListener("findling-ready", () => { window.__ready ??= performance.now(); }, true);
  const observe = () => {
    const host = document.querySelector("findling-search");
    if (!host?.shadowRoot) return requestAnimationFrame(observe);
    new MutationObserver(() => {
      if (!pending || pending.rendered) return;
      const p = pending;
      p.rendered = performance.now();
      requestAnimationFrame(() => {
        p.raf = performance.now();
        const c = new MessageChannel();
        c.port1.onmessage = () => { p.painted = performance.now(); window.__keys.push(p); };
        c.port2.postMessage(null);
      });
    }).observe(host.shadowRoot, { childList: true, subtree: true, characterData: true });
  };
  document.addEventListener("DOMContentLoaded", observe);
}
