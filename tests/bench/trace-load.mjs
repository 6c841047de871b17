// What the main thread's long tasks are while the widget loads, in headless Chromium: serves
// PKG (a bench package, e.g. target/bench/pkg after make bench) at /pkg/ and www/ at /www/
// as most hosts serve pages (no cross-origin isolation, so the engine runs on the main
// thread; ISOLATED=1 serves them isolated, as make bench's first widget row), opens
// www/index.html with a Chromium trace running, waits for the widget's first answer and
// WAIT_MS (default 6000) more, then prints the longtask observer's entries and, for each
// main-thread task over 30 ms, the events inside it of 2 ms or more (script evaluation,
// wasm compilation and instantiation, microtasks, GC, layout), in order, with their
// start (ms from the task's) and length. The trace is written to /tmp/findling-load.json.
// Usage: node tests/bench/trace-load.mjs PKG
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { launchChromium, root, serveIsolated, watchKeystrokes } from "./isolated.mjs";

const pkg = process.argv[2] ?? join(root, "target/bench/pkg");
const isolated = process.env.ISOLATED === "1";
const wait = Number(process.env.WAIT_MS ?? 6000);
const server = await serveIsolated({ "/pkg/": pkg, "/www/": join(root, "www") }, undefined, { isolated });
const browser = await launchChromium();
try {
  const page = await browser.newPage();
  await page.addInitScript(watchKeystrokes);
  await browser.startTracing(page, {
    categories: ["devtools.timeline", "disabled-by-default-devtools.timeline", "v8", "v8.wasm", "disabled-by-default-v8.gc", "toplevel"],
  });
  await page.goto(`${server.base}/www/index.html${isolated ? "" : "?plain"}`);
  await page.waitForFunction(() => window.__ready, null, { timeout: 60_000 });
  await page.waitForTimeout(wait);
  const trace = await browser.stopTracing();
  writeFileSync("/tmp/findling-load.json", trace);
  const long = await page.evaluate(() => window.__long);
  console.log(`longtask entries (over 50 ms): ${long.map((t) => `${t.duration} ms at ${t.start.toFixed(0)}`).join(", ") || "none"}`);
  const { traceEvents } = JSON.parse(trace.toString());
  const main = traceEvents.find((e) => e.name === "thread_name" && e.args?.name === "CrRendererMain");
  const events = traceEvents.filter((e) => e.pid === main.pid && e.tid === main.tid && e.ph === "X");
  const tasks = events.filter((e) => e.name === "RunTask" && e.dur > 30_000);
  const origin = tasks[0]?.ts ?? 0;
  for (const task of tasks) {
    console.log(`task of ${(task.dur / 1000).toFixed(1)} ms at ${((task.ts - origin) / 1000).toFixed(0)} ms`);
    const inside = events.filter((e) => e !== task && e.ts >= task.ts && e.ts + e.dur <= task.ts + task.dur && e.dur >= 2000);
    for (const e of inside.sort((a, b) => a.ts - b.ts)) {
      const d = e.args?.data ?? {};
      const what = [d.functionName, d.url, d.type].filter(Boolean).join(" ");
      console.log(`  +${((e.ts - task.ts) / 1000).toFixed(1)} ${(e.dur / 1000).toFixed(1)} ms ${e.name}${what ? ` (${what})` : ""}`);
    }
  }
} finally {
  await browser.close();
  server.close();
}
