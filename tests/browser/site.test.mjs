// `make site` end to end: the fixture site (tests/fixtures/site-e2e: HTML pages with a nav,
// <main> and a footer, plus extra.jsonl) is copied to a temporary folder and built with
// .ci/site.mjs, or taken from FINDLING_SITE when .ci/test has built it already; then a
// static server serves that folder alone and the widget is used on a page below the root.
//
// Two kinds of assertions:
// - results from extra.jsonl (whose lines carry a url) check links, base="/", Enter,
//   click, chips and that nothing is requested after load but the navigation;
// - results from the HTML pages check what the HTML reader gives (title from <h1>/<title>,
//   url from the path: guide/index.html -> guide/, guide/knots.html -> guide/knots.html;
//   text from <main> only).
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { cpSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { openRecorded, root, settled, startServer, urlParam, useServerAndBrowser } from "./harness.mjs";

let site = process.env.FINDLING_SITE;
let built = false;
before(() => {
  if (site) return;
  site = mkdtempSync(join(tmpdir(), "findling-site-"));
  built = true;
  cpSync(join(root, "tests/fixtures/site-e2e"), site, { recursive: true });
  execFileSync(process.execPath, [join(root, ".ci/site.mjs"), site], { stdio: ["ignore", "ignore", "inherit"] });
});
after(() => built && rmSync(site, { recursive: true, force: true }));
const context = useServerAndBrowser(() => startServer({}, site));

/** Opens `path` of the site, records requests and errors, waits for the widget. */
async function open(path) {
  const { page, requests, errors } = await openRecorded(context.browser, context.server.url + path);
  await page.waitForFunction(() => {
    const input = document.querySelector("findling-search")?.shadowRoot?.querySelector("input");
    return input && !input.disabled;
  });
  const widget = page.locator("findling-search");
  return { page, requests, errors, widget, input: widget.locator("input"), options: widget.locator('[role="option"]') };
}

/** A link without the text fragment that opens its page at the excerpt (www/widget/fragment.js). */
const pageOf = (href) => href.replace(/#?:~:text=.*$/, "");
/** The words a link's text fragment quotes, or null. */
const quoteOf = (href) => {
  const m = /:~:text=(.*)$/.exec(href);
  return m ? decodeURIComponent(m[1]) : null;
};

/** The hrefs (without the text fragment) and titles of the results, once `query` has been typed. */
async function results(input, options, query) {
  await input.fill(query);
  await settled(input.page());
  await options.first().waitFor();
  const found = await options.evaluateAll((all) => all.map((o) => ({ tag: o.tagName, href: o.href, title: o.querySelector(".title").textContent })));
  return found.map((r) => ({ ...r, href: pageOf(r.href) }));
}

test("on a page below the root: a result is a link to its page (base=\"/\"); Enter goes there, nothing else is requested", async () => {
  const { page, requests, errors, input, options } = await open("guide/knots.html");
  const loaded = requests.length;
  assert.ok(requests.some((u) => u.endsWith("/findling/pkg/findling_bg.wasm")), "the wasm comes from /findling/pkg/");
  const found = await results(input, options, "lighthouse");
  assert.deepEqual(found[0], { tag: "A", href: context.server.url + "events/", title: "Lighthouse Tour" });
  const regatta = await results(input, options, "regatta");
  assert.deepEqual(regatta[0], { tag: "A", href: "https://example.org/regatta", title: "Autumn Regatta" });
  await input.fill("lighthouse");
  await settled(input.page());
  await options.first().waitFor();
  assert.deepEqual(requests.slice(loaded), [], "no request after load while searching");
  await input.press("ArrowDown");
  await Promise.all([page.waitForURL((u) => pageOf(u.href) === context.server.url + "events/"), input.press("Enter")]);
  assert.equal(requests[loaded], context.server.url + "events/", "the first request after load is the navigation");
  assert.deepEqual(errors, []);
  await page.close();
});

test("clicking a result follows its link; the chips count the site's tags", async () => {
  const { page, widget, input, options } = await open("index.html");
  const tags = widget.locator(".group").filter({ has: page.locator('.group-name:text-is("Tag")') });
  assert.deepEqual(await tags.locator("button[aria-pressed] .label").allTextContents(), ["evening", "race", "tour"]);
  await input.fill("lighthouse");
  await settled(input.page());
  await options.first().waitFor();
  assert.deepEqual(await tags.locator("button[aria-pressed] .label").allTextContents(), ["evening", "tour"]);
  await tags.locator("button[aria-pressed]").filter({ hasText: "tour" }).click();
  await settled(input.page());
  assert.equal(await urlParam(page, "qfilter", "tag:tour"), "tag:tour");
  assert.equal(await options.count(), 1);
  await Promise.all([page.waitForURL((u) => pageOf(u.href) === context.server.url + "events/"), options.first().click()]);
  await page.close();
});

test("a result's link opens its page at the excerpt: it quotes words the page has in one block", async () => {
  const { page, input, options, errors } = await open("index.html");
  await input.fill("bowline");
  await settled(page);
  const href = await options.first().evaluate((o) => o.href);
  const quote = quoteOf(href);
  assert.ok(quote?.toLowerCase().includes("bowline"), `${href} quotes the highlighted word`);
  await Promise.all([page.waitForURL((u) => pageOf(u.href) === context.server.url + "guide/knots.html"), options.first().click()]);
  // A text directive matches inside one block, whitespace collapsed, in any case.
  const inOneBlock = await page.evaluate((q) => [...document.querySelectorAll("p, li, h1, h2, h3, h4, h5, h6, td, pre")]
    .some((e) => e.textContent.replace(/\s+/g, " ").toLowerCase().includes(q.toLowerCase())), quote);
  assert.ok(inOneBlock, `the page has "${quote}" in one block`);
  assert.deepEqual(errors, []);
  await page.close();
});

test("a result from a section of its page links to the section's heading and names it", async () => {
  const { page, input, options, errors } = await open("index.html");
  await input.fill("mooring");
  await settled(page);
  const first = await options.first().evaluate((o) => ({ href: o.href, section: o.querySelector(".section")?.textContent }));
  assert.equal(pageOf(first.href), context.server.url + "guide/knots.html#cleat-hitch");
  assert.equal(first.section, "Cleat hitch");
  await input.fill("bowline"); // before the page's first heading
  await settled(page);
  assert.equal(await options.first().locator(".section").count(), 0);
  await input.fill("mooring");
  await settled(page);
  const target = context.server.url + "guide/knots.html#cleat-hitch";
  await Promise.all([page.waitForURL((u) => pageOf(u.href) === target), options.first().click()]);
  // The page's scripts see the section's anchor; the text directive is the browser's.
  assert.equal(await page.evaluate(() => location.hash), "#cleat-hitch");
  assert.deepEqual(errors, []);
  await page.close();
});

test("HTML pages: title from <h1>, url from the path, text from <main> only", async () => {
  const { page, input, options, widget } = await open("guide/knots.html");
  const knots = await page.evaluate(async () => {
    const { default: init, Searcher } = await import("/findling/pkg/findling.js");
    await init();
    return new Searcher().document("guide/knots") ?? null;
  });
  assert.equal(knots?.url, "guide/knots.html");
  const bowline = await results(input, options, "bowline");
  assert.equal(bowline[0].href, context.server.url + "guide/knots.html");
  assert.match(bowline[0].title, /Knots for Paddlers/);
  const gunwale = await results(input, options, "gunwale");
  assert.equal(gunwale[0].href, context.server.url + "guide/");
  assert.match(gunwale[0].title, /Kayak Guide/);
  await input.fill("registry"); // only in the footer
  await settled(input.page());
  await page.waitForFunction(() =>
    /No results/.test(document.querySelector("findling-search").shadowRoot.querySelector(".count").textContent));
  assert.equal(await widget.locator('[role="option"]').count(), 0, "the footer is not indexed");
  await results(input, options, "gunwale");
  await input.press("ArrowDown");
  await Promise.all([page.waitForURL((u) => pageOf(u.href) === context.server.url + "guide/"), input.press("Enter")]);
  await page.close();
});
