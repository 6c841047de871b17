// Privacy of a sharded index: what the browser fetches never depends on what is typed.
//
// The fixture site (tests/fixtures/site-e2e) is built with `make site` and a tiny
// FINDLING_SHARD_MB, so that its index is a core and several shards (or taken from
// FINDLING_SHARDED_SITE when .ci/test has built it already). Two different query sequences
// are typed, each in a fresh browser (fresh profile, empty cache), from the moment the
// input is enabled, so keystrokes land while shards are still arriving. Every request is
// recorded: both logs must be the same URLs in the same order, the shards in manifest
// order, and nothing may be fetched once loading has finished.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { cpSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { launch, root, startServer } from "./harness.mjs";

/** Index size in MB above which the fixture site shards: about 200 bytes, so that each of
 * its 6 documents is a shard of its own. */
const SHARD_MB = "0.0002";
/** Delay of each shard response: loading then takes a few hundred milliseconds. */
const SHARD_DELAY_MS = 150;
/** Two query sequences with nothing in common but the page they run on. */
const SEQUENCES = [
  ["l", "li", "lig", "ligh", "lighthouse", "lighthouse tour", "regatta"],
  ["k", "kn", "kno", "knots", "sailing knots", "xyzzy", "autumn"],
];

let site = process.env.FINDLING_SHARDED_SITE;
let built = false;
let server;
before(async () => {
  if (!site) {
    site = mkdtempSync(join(tmpdir(), "findling-sharded-site-"));
    built = true;
    cpSync(join(root, "tests/fixtures/site-e2e"), site, { recursive: true });
    execFileSync(process.execPath, [join(root, ".ci/site.mjs"), site], {
      stdio: ["ignore", "ignore", "inherit"],
      env: { ...process.env, FINDLING_SHARD_MB: SHARD_MB },
    });
  }
  server = await startServer({}, site);
});
after(() => {
  server?.stop();
  if (built) rmSync(site, { recursive: true, force: true });
});

/** With `engine` ("worker" or "main"), gives the fixture page's widget that attribute. */
async function placeEngine(page, engine) {
  if (!engine) return;
  await page.route("**/guide/knots.html", async (route) => {
    const response = await route.fetch();
    const html = await response.text();
    assert.match(html, /<findling-search/);
    await route.fulfill({ response, body: html.replace("<findling-search", `<findling-search engine="${engine}"`) });
  });
}

/** Opens the site in a fresh browser, types `sequence` from the moment the input is enabled,
 * waits until every shard is loaded, types it again; returns the request log (paths, in
 * order), how many requests came before loading finished, and what the widget said. With
 * `engine` ("worker"), the page's widget gets that attribute. */
async function session(sequence, engine = null) {
  const browser = await launch();
  try {
    const page = await browser.newPage();
    const requests = [];
    const errors = [];
    page.on("request", (r) => requests.push(new URL(r.url()).pathname));
    await placeEngine(page, engine);
    page.on("pageerror", (e) => errors.push(e.message));
    page.on("console", (m) => m.type() === "error" && errors.push(m.text()));
    // Shards arrive slowly, as over a real network: the typing below lands mid-loading.
    await page.route("**/shard-*", async (route) => {
      await new Promise((r) => setTimeout(r, SHARD_DELAY_MS));
      await route.continue();
    });
    await page.goto(server.url + "guide/knots.html");
    const input = page.locator("findling-search input");
    await page.waitForFunction(() => {
      const i = document.querySelector("findling-search")?.shadowRoot?.querySelector("input");
      return i && !i.disabled;
    });
    // Ask the engine as the widget does, wherever it runs.
    const thread = await page.evaluate(() => document.querySelector("findling-search").engineThread);
    const early = await page.evaluate(async (q) => {
      const r = await document.querySelector("findling-search").engine.call("query", q);
      return { complete: r.complete, loaded: r.loaded };
    }, sequence[0]);
    for (const q of sequence) await input.fill(q);
    const { complete, live } = await page.evaluate(async (delay) => {
      const widget = document.querySelector("findling-search");
      await widget.ready;
      await new Promise((r) => setTimeout(r, delay));
      return { complete: widget.engine.progress.complete, live: widget.shadowRoot.querySelector('[role="status"]').textContent };
    }, 600);
    const atReady = requests.length;
    for (const q of sequence) await input.fill(q);
    // Whatever the last query found, the engine answers it complete now.
    const answer = await page.evaluate(async (q) => {
      const r = await document.querySelector("findling-search").engine.call("query", q);
      return { complete: r.complete, loaded: r.loaded, total: r.total };
    }, sequence.at(-1));
    await page.waitForTimeout(300);
    return { requests, atReady, early, complete, answer, live, errors, thread };
  } finally {
    await browser.close();
  }
}

// On this plainly served page the engine runs on the main thread and loads the shards there;
// told to, it runs in the widget's worker, which loads them itself (as on an isolated page).
for (const [engine, thread] of [[null, "main thread"], ["worker", "worker"]]) {
  test(`two different query sequences fetch the same files in the same order, nothing after loading (${thread})`, async () => {
    const manifest = JSON.parse(readFileSync(join(site, "findling/pkg/findling-shards.json"), "utf8"));
    assert.ok(manifest.shards.length >= 3, `the fixture site has ${manifest.shards.length} shards: lower SHARD_MB`);
    const [a, b] = [await session(SEQUENCES[0], engine), await session(SEQUENCES[1], engine)];
    for (const s of [a, b]) {
      assert.deepEqual(s.errors, []);
      assert.equal(s.thread, thread);
      assert.equal(s.early.complete, false, "typing began before the shards were in");
      assert.ok(s.early.loaded < 1);
      assert.equal(s.complete, true);
      assert.deepEqual(s.answer.complete, true);
      assert.equal(s.answer.loaded, 1);
      assert.equal(s.requests.length, s.atReady, `fetched after loading finished: ${s.requests.slice(s.atReady)}`);
      const shards = s.requests.filter((p) => p.includes("/shard-"));
      assert.deepEqual(shards, manifest.shards.map((m) => `/findling/pkg/${m.file}`), "every shard once, in manifest order");
    }
    assert.deepEqual(a.requests, b.requests, "the request logs differ");
    // The live region says when search became complete (English: the page's language).
    for (const s of [a, b]) assert.match(s.live, /Search is complete/);
  });
}

for (const [engine, thread] of [[null, "main thread"], ["worker", "worker"]]) {
  test(`a shard that fails to load is an error the reader sees, not a silent loss (${thread})`, async () => {
    const manifest = JSON.parse(readFileSync(join(site, "findling/pkg/findling-shards.json"), "utf8"));
    const browser = await launch();
    try {
      const page = await browser.newPage();
      const broken = `/findling/pkg/${manifest.shards[1].file}`;
      await page.route(`**${broken}`, (route) => route.fulfill({ status: 200, body: Buffer.from("not a shard") }));
      await placeEngine(page, engine);
      await page.goto(server.url + "guide/knots.html");
      const [failure, where] = await page.evaluate(async () => {
        const widget = document.querySelector("findling-search");
        while (!widget.ready) await new Promise((r) => setTimeout(r, 20));
        await widget.ready;
        return [widget.shadowRoot.querySelector(".progress").textContent, widget.engineThread];
      });
      assert.equal(where, thread);
      assert.match(failure, /failed to load/);
      assert.match(failure, /no shard of this index/);
    } finally {
      await browser.close();
    }
  });
}
