// Where the widget's engine runs, in headless Chromium under the strict CSP: a pasted
// megabyte of text never blocks the main thread for long (PerformanceObserver "longtask"),
// whether the engine runs on the main thread (a whole index on a page served plainly) or
// in its Web Worker (cross-origin isolated); the page keeps painting, the box keeps the
// characters the engine reads and says so, and the query typed after the paste is the one
// drawn. Either way a keystroke's results are drawn in the input event's own task.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { root, settled, startServer, useServerAndBrowser } from "./harness.mjs";

const CSP = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; img-src 'self' data:";
/** What is pasted: the seeds' own text, repeated to one megabyte (real prose, every word in
 * the index, so the engine has the most to do). */
const PASTE_CHARS = 1 << 20;
/** The longest main-thread task allowed while the paste is handled. The goal is 50 ms
 * (issue 13); this test runs on a shared 2-core machine, so it allows headroom and still
 * fails when the engine's query bounds fail on the main thread (an engine without them took
 * seconds on such a paste). */
const LONG_TASK_BOUND_MS = 150;

const ctx = useServerAndBrowser(() =>
  startServer({ FINDLING_HEADERS: JSON.stringify({ "content-security-policy": CSP }) }));
/** The response headers of a cross-origin isolated page. */
const ISOLATION = { "cross-origin-opener-policy": "same-origin", "cross-origin-embedder-policy": "require-corp" };

function pasteText() {
  const dir = join(root, "seeds");
  const text = readdirSync(dir).sort().map((f) => readFileSync(join(dir, f), "utf8")).join("\n").replace(/\s+/g, " ");
  return text.repeat(Math.ceil(PASTE_CHARS / text.length)).slice(0, PASTE_CHARS);
}

/** Records long tasks from the page's start: window.__longTasks = [{start, duration}]. */
function observeLongTasks() {
  window.__longTasks = [];
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) window.__longTasks.push({ start: e.startTime, duration: e.duration });
  }).observe({ type: "longtask", buffered: true });
}


for (const [where, thread, headers] of [["served plainly", "main thread", {}], ["cross-origin isolated", "worker", ISOLATION]]) {
  test(`${where} (the engine on the ${thread}): a pasted megabyte blocks no frame for long, and the query typed after it wins`, async () => {
    const server = where === "served plainly" ? ctx.server
      : await startServer({ FINDLING_HEADERS: JSON.stringify({ "content-security-policy": CSP, ...headers }) });
    try {
      await pasteAndType(server, thread);
    } finally {
      if (server !== ctx.server) server.stop();
    }
  });
}

/** Opens the demo page of `server`, checks where its engine runs, pastes a megabyte, then
 * types a query after another paste. */
async function pasteAndType(server, thread) {
  const page = await ctx.browser.newPage();
  await page.addInitScript(observeLongTasks);
  const errors = [];
  page.on("pageerror", (e) => errors.push(e.message));
  await page.goto(server.url + "index.html");
  await page.waitForFunction(() => {
    const input = document.querySelector("findling-search")?.shadowRoot?.querySelector("input");
    return input && !input.disabled;
  });
  assert.equal(await page.evaluate(() => document.querySelector("findling-search").engineThread), thread);
  const input = page.locator("findling-search input");
  await input.focus();
  const text = pasteText();
  await page.waitForTimeout(200); // let loading's own tasks pass
  const t0 = await page.evaluate(() => performance.now());
  await page.keyboard.insertText(text); // one input event carrying the whole megabyte
  // The page must keep painting while the paste is searched: count frames for 300 ms.
  const frames = await page.evaluate(() => new Promise((done) => {
    let n = 0;
    const end = performance.now() + 300;
    const tick = (t) => (t < end ? (n++, requestAnimationFrame(tick)) : done(n));
    requestAnimationFrame(tick);
  }));
  // The box keeps what the engine reads (its maxlength), and says that the rest is not searched.
  assert.equal((await input.inputValue()).length, 1000);
  await settled(page);
  const notice = page.locator("findling-search .truncated");
  assert.equal(await notice.isVisible(), true);
  assert.equal(await notice.textContent(), "Lange Suchanfrage: nur ihr Anfang wird gesucht.");
  await page.waitForFunction(() => new URL(location.href).searchParams.get("q")?.length > 900, null, { timeout: 5000 });
  assert.ok((await page.evaluate(() => new URL(location.href).searchParams.get("q").length)) <= 1000, "?q= holds what is searched");

  // Paste again and type a query right after it: only the typed query's answer is drawn.
  await input.fill("");
  await settled(page);
  await page.keyboard.insertText(text);
  await input.fill("zoom");
  await settled(page);
  await page.waitForTimeout(300); // a stale answer to the paste would land here
  const shown = await page.evaluate(() => {
    const r = document.querySelector("findling-search").shadowRoot;
    return { count: r.querySelector(".count").textContent, marks: [...r.querySelectorAll(".snippet mark")].map((m) => m.textContent) };
  });
  assert.match(shown.count, /^\d+ Ergebniss?e?$/);
  assert.equal(await page.locator("findling-search .truncated").isVisible(), false);
  assert.ok(shown.marks.length > 0 && shown.marks.every((m) => /^zoom/i.test(m)), `marks: ${shown.marks}`);

  const tasks = await page.evaluate((t) => window.__longTasks.filter((e) => e.start >= t), t0);
  const longest = Math.max(0, ...tasks.map((e) => e.duration));
  console.log(`# paste of ${PASTE_CHARS} chars: ${tasks.length} long tasks, longest ${longest.toFixed(0)} ms; ${frames} frames in 300 ms`);
  assert.ok(longest <= LONG_TASK_BOUND_MS, `longest main-thread task ${longest} ms: ${JSON.stringify(tasks)}`);
  assert.ok(frames >= 5, `the page painted ${frames} frames in 300 ms after the paste`);
  assert.deepEqual(errors, []);
  await page.close();
}

for (const [where, thread, headers] of [["served plainly", "main thread", {}], ["cross-origin isolated", "worker", ISOLATION]]) {
  test(`${where} (the engine on the ${thread}): the answer is drawn in the input event's own task`, async () => {
    const server = await startServer({ FINDLING_HEADERS: JSON.stringify(headers) });
    const page = await ctx.browser.newPage();
    try {
      await page.goto(server.url + "index.html");
      await page.waitForFunction(() => {
        const input = document.querySelector("findling-search")?.shadowRoot?.querySelector("input");
        return input && !input.disabled;
      });
      assert.equal(await page.evaluate(() => crossOriginIsolated), where === "cross-origin isolated");
      assert.equal(await page.evaluate(() => document.querySelector("findling-search").engineThread), thread);
      // Microtasks run inside the task that queued them; a worker's message is a task of its
      // own. So results present after the input event's microtasks were made in the
      // keystroke's task (on the main thread, or from the worker through the shared buffer),
      // in time for its frame. A loaded machine can make one answer of the worker slower
      // than the wait: each query gets a few tries.
      const drawn = await page.evaluate(async () => {
        const root = document.querySelector("findling-search").shadowRoot;
        const input = root.querySelector("input");
        const type = (q) => {
          input.value = q;
          input.dispatchEvent(new Event("input", { bubbles: true, composed: true }));
        };
        const seen = [];
        for (const q of ["zoom", "Sicherheitsgesetz", "kryptering"]) {
          let found = null;
          let tries = 0;
          for (; tries < 5 && !found; tries++) {
            type("");
            await new Promise((r) => setTimeout(r, 100));
            type(q);
            for (let i = 0; i < 100; i++) await Promise.resolve();
            if (root.querySelectorAll('[role="option"]').length > 0) found = root.querySelector(".snippet mark")?.textContent ?? "";
            await new Promise((r) => setTimeout(r, 100));
          }
          seen.push([q, found, tries]);
        }
        return seen;
      });
      for (const [q, mark, tries] of drawn) {
        assert.notEqual(mark, null, `${q}: in five tries, no results drawn within the input's task`);
        assert.ok(q.toLowerCase().startsWith(mark.toLowerCase().slice(0, 4)), `${q}: the results are this query's (${mark})`);
        // On the main thread there is nothing to wait for: the first try draws.
        if (thread === "main thread") assert.equal(tries, 1, `${q}: drawn at the first try`);
      }
    } finally {
      await page.close();
      server.stop();
    }
  });
}
