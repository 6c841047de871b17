// The basic demo page (www/basic.html, no widget) in headless Chromium: type a query, see highlighted results, and make
// no network request after load.
import { test } from "node:test";
import assert from "node:assert/strict";
import { join } from "node:path";
import { openRecorded, screenshots, useServerAndBrowser } from "./harness.mjs";

const context = useServerAndBrowser();

/** Opens the page and waits until the index is ready; records requests and errors. */
function openPage(path = "basic.html") {
  return openRecorded(context.browser, context.server.url + path);
}

test("typing a query shows the Hong Kong article first, highlighted, with no request after load", async () => {
  const { page, requests, errors } = await openPage();
  await page.waitForFunction(() => !document.getElementById("q").disabled);
  const loaded = requests.length;
  await page.locator("#q").pressSequentially("Sicherheitsgesetz", { delay: 15 });
  const first = page.locator("#results .hit").first();
  await first.waitFor();
  assert.equal(
    await first.locator(".hit-title").textContent(),
    "Microsoft und Zoom wollen keine Nutzerdaten mehr an Hongkongs Behörden weitergeben",
  );
  const marks = await first.locator("mark").allTextContents();
  assert.ok(marks.length > 0, "the first hit has highlights");
  assert.ok(marks.every((m) => m.toLowerCase() === "sicherheitsgesetz"), `marks: ${marks}`);
  assert.match(await page.locator("#status").textContent(), /^\d+ results?$/);
  await page.screenshot({ path: join(screenshots, "page-sicherheitsgesetz.png"), fullPage: true });
  assert.deepEqual(requests.slice(loaded), [], "no request after load");
  assert.deepEqual(errors, [], "no console errors");
  await page.close();
});

test("every keystroke searches: a prefix already finds the article", async () => {
  const { page } = await openPage();
  await page.waitForFunction(() => !document.getElementById("q").disabled);
  await page.locator("#q").pressSequentially("Sicherheitsg");
  await page.locator("#results .hit").first().waitFor();
  assert.equal(await page.locator("#results .hit").count(), 1);
  assert.equal(await page.locator("#results mark").first().textContent(), "Sicherheitsgesetz");
  await page.close();
});

test("a query without matches says so", async () => {
  const { page } = await openPage();
  await page.waitForFunction(() => !document.getElementById("q").disabled);
  await page.locator("#q").fill("xyzzyplugh");
  await page.waitForFunction(() => document.getElementById("status").textContent.startsWith("No results"));
  assert.equal(await page.locator("#results .hit").count(), 0);
  await page.close();
});

test("corpus text is never parsed as HTML", async () => {
  const { page } = await openPage();
  await page.waitForFunction(() => !document.getElementById("q").disabled);
  await page.locator("#q").fill("<img src=x onerror=alert(1)> zoom");
  assert.equal(await page.locator("#results img").count(), 0);
  await page.close();
});

test("a module that fails to load shows a visible error", async () => {
  const page = await context.browser.newPage();
  await page.route("**/*.wasm", (route) => route.fulfill({ status: 404, body: "gone" }));
  await page.goto(context.server.url + "basic.html");
  const alert = page.locator("#error");
  await alert.waitFor({ state: "visible" });
  assert.match(await alert.textContent(), /unavailable/);
  assert.equal(await page.locator("#q").isDisabled(), true);
  await page.close();
});

test("misuse of the Searcher API throws a TypeError or RangeError with a message", async () => {
  const { page, errors } = await openPage();
  await page.waitForFunction(() => !document.getElementById("q").disabled);
  const thrown = await page.evaluate(async () => {
    const { default: init, Searcher } = await import("/pkg/findling.js");
    await init();
    const searcher = new Searcher();
    const attempt = (f) => {
      try {
        f();
        return "no error";
      } catch (e) {
        return `${e.name}: ${e.message}`;
      }
    };
    return {
      number: attempt(() => searcher.query(12345)),
      object: attempt(() => searcher.query({})),
      nothing: attempt(() => searcher.search()),
      nan: attempt(() => searcher.search("zoom", NaN)),
      huge: attempt(() => searcher.query("zoom", { limit: 2 ** 40 })),
      fine: searcher.search("zoom", 2).length,
      // The module still works after each of those.
      pasted: searcher.query("zoom ".repeat(200000)).truncated,
    };
  });
  assert.deepEqual(thrown, {
    number: "TypeError: query must be a string, not number",
    object: "TypeError: query must be a string, not object",
    nothing: "TypeError: query must be a string, not undefined",
    nan: "RangeError: limit must be an integer from 0 to 10000, not NaN",
    huge: "RangeError: limit must be an integer from 0 to 10000, not 1099511627776",
    fine: 2,
    pasted: true,
  });
  assert.deepEqual(errors, [], "no console errors");
  await page.close();
});
