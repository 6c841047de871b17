// <findling-search> against a stand-in engine module (served in place of pkg/findling.js):
// results whose documents have a url are links resolved against the `base` attribute, and
// a corpus with hundreds of sources still shows five chips per facet, the rest behind
// "more", with the results on the first screen. The real engine is tested in
// widget.test.mjs and, with urls from a built site, in site.test.mjs.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { settled, useServerAndBrowser } from "./harness.mjs";

/** The stand-in engine: four hits (relative, absolute, javascript: and no url) and facets
 * with 340 sources (50 listed), 30 years and 8 tags. Every query() call is recorded. */
const ENGINE = `
const listed = (prefix, n) => Array.from({ length: n }, (_, i) => ({ value: prefix + String(i).padStart(2, "0"), count: 500 - i }));
const facets = {
  lang: { values: [{ value: "de", count: 900 }, { value: "da", count: 100 }], distinct: 2 },
  source: { values: listed("Quelle ", 50), distinct: 340 },
  year: { values: listed("19", 30), distinct: 30 },
  tags: { values: listed("tag", 8), distinct: 8 },
};
const hit = (id, title, url) => ({ id, title, score: 1, snippet: "Ein Auszug.", highlights: { title: [], snippet: [] }, source: "Quelle 01", ...(url ? { url } : {}) });
const hits = [hit("a", "Relativ", "guide/intro/"), hit("b", "Absolut", "https://example.org/b"),
  hit("c", "Skript", "javascript:alert(1)"), hit("d", "Ohne Adresse")];
export default async function init() {}
export class Searcher {
  stats() { return { documents: 1000 }; }
  facets() { return facets; }
  query(q, options) { (globalThis.engineCalls ??= []).push({ q, options }); return { hits, total: 1000, facets }; }
  search(q, limit) { return hits.slice(0, limit); }
  document(id) { return id === "d" ? { id, title: "Ohne Adresse", text: "Der ganze Text ohne Adresse." } : undefined; }
}`;

const context = useServerAndBrowser();

/** The calls the stand-in engine recorded, on the page's main thread, where it runs (the
 * seeds' whole index, served plainly). */
async function engineCalls(page) {
  const thread = await page.evaluate(() => document.querySelector("findling-search").engineThread);
  assert.equal(thread, "main thread", "a whole index on a page served plainly");
  return page.evaluate(() => globalThis.engineCalls);
}

async function open(viewport = { width: 1280, height: 800 }) {
  const page = await context.browser.newPage();
  await page.setViewportSize(viewport);
  await page.route("**/pkg/findling.js", (route) => route.fulfill({ body: ENGINE, contentType: "text/javascript" }));
  const errors = [];
  page.on("pageerror", (e) => errors.push(e.message));
  page.on("console", (m) => m.type() === "error" && errors.push(m.text()));
  await page.goto(context.server.url + "index.html");
  await page.waitForFunction(() => {
    const input = document.querySelector("findling-search")?.shadowRoot?.querySelector("input");
    return input && !input.disabled;
  });
  const widget = page.locator("findling-search");
  return { page, errors, widget, input: widget.locator("input"), options: widget.locator('[role="option"]') };
}

test("results with a url are links, resolved against the base attribute; Enter follows them", async () => {
  const { page, errors, widget, input, options } = await open();
  await input.fill("x");
  await settled(page);
  await options.first().waitFor();
  const links = await options.evaluateAll((all) => all.map((o) => [o.tagName, o.getAttribute("href")]));
  assert.deepEqual(links, [
    ["A", context.server.url + "guide/intro/"], // relative to the page's base URI by default
    ["A", "https://example.org/b"], // absolute: as given
    ["DIV", null], // javascript: is never a link
    ["DIV", null], // no url: the reader view
  ]);
  assert.equal(await options.first().getAttribute("tabindex"), "-1", "options are not tab stops");
  await page.evaluate(() => document.querySelector("findling-search").setAttribute("base", "/docs/"));
  // The widget asks its engine again and redraws when the answer comes: wait for the new
  // link, at most 5 s (a timeout fails the test).
  const rebased = context.server.url + "docs/guide/intro/";
  await page.waitForFunction(
    (want) => document.querySelector("findling-search").shadowRoot.querySelector('[role="option"]')?.getAttribute("href") === want,
    rebased,
    { timeout: 5000, polling: 20 },
  );
  assert.equal(await options.first().getAttribute("href"), rebased);
  const calls = await engineCalls(page);
  const typed = calls.filter((c) => c.q === "x");
  assert.ok(typed.length > 0 && typed.every((c) => c.options.facets === true), "one crossing gives hits and facets");
  assert.ok(calls.some((c) => c.q === "e"), "the engine was warmed up (its first query, one letter)");
  await input.press("ArrowDown");
  await page.evaluate(readFileSync(createRequire(import.meta.url).resolve("axe-core/axe.min.js"), "utf8"));
  const axe = await page.evaluate(() => axe.run({ include: [["findling-search"]] }));
  assert.deepEqual(axe.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`), []);
  await input.press("ArrowUp");

  await options.nth(3).click(); // no url: opens the reader with document(id)
  assert.equal(await widget.locator(".reader p").last().textContent(), "Der ganze Text ohne Adresse.");
  await widget.locator(".reader .back").click();

  await input.press("ArrowDown");
  assert.equal(await input.getAttribute("aria-activedescendant"), await options.first().getAttribute("id"));
  await Promise.all([page.waitForURL(context.server.url + "docs/guide/intro/"), input.press("Enter")]);
  assert.deepEqual(errors.filter((e) => !/404/.test(e)), []);
  await page.close();
});

test("clicking a link result navigates to its page", async () => {
  const { page, input, options } = await open();
  await input.fill("x");
  await Promise.all([page.waitForURL(context.server.url + "guide/intro/"), options.first().click()]);
  await page.close();
});

for (const [size, viewport] of Object.entries({ desktop: { width: 1280, height: 800 }, phone: { width: 390, height: 844 } })) {
  test(`${size}: hundreds of values, five chips per facet, the rest behind "more"; results on the first screen`, async () => {
    const { page, widget, input, options } = await open(viewport);
    await input.fill("x");
    await settled(page);
    await options.first().waitFor();
    const source = widget.locator(".group").filter({ has: page.locator('.group-name:text-is("Quelle")') });
    assert.equal(await source.locator(".row button[aria-pressed]").count(), 5);
    const more = source.locator(".more");
    assert.equal(await more.textContent(), "335 weitere");
    assert.equal(await more.getAttribute("aria-expanded"), "false");
    const firstResult = await options.first().boundingBox();
    assert.ok(firstResult.y + firstResult.height <= viewport.height,
      `the first result ends at ${firstResult.y + firstResult.height}px, within the ${viewport.height}px screen`);
    const chips = await widget.locator(".chips").boundingBox();
    assert.ok(chips.height < 4 * 48, `the chips take ${chips.height}px`);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    assert.ok(overflow <= 0, `no horizontal scrolling of the page (${overflow}px)`);

    await more.click();
    assert.equal(await more.getAttribute("aria-expanded"), "true");
    const panel = source.locator(".more-panel");
    assert.equal(await panel.locator("button[aria-pressed]").count(), 45);
    assert.equal(await panel.locator(".unlisted").textContent(), "und 290 weitere, nicht aufgeführt");
    await panel.locator("button[aria-pressed]").last().click();
    await settled(page);
    const last = (await engineCalls(page)).at(-1).q;
    assert.equal(last, 'x source:"Quelle 49"');
    const pressed = source.locator('.row button[aria-pressed="true"]');
    assert.equal(await pressed.locator(".label").textContent(), "Quelle 49", "the pressed value joins the row");
    await page.close();
  });
}
