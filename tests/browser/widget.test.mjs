// <findling-search> in headless Chromium: results, the WAI-ARIA 1.2 combobox and its keys,
// filter chips, reader view, ?q=, UI languages, no network or storage after load, a strict
// CSP, a hostile host page, axe-core, the single file from file://, and screenshots.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { launch, root, screenshots, settled, startServer, urlParam } from "./harness.mjs";

/** The strict policy every page here is served with: no inline script or style at all. */
const CSP = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; img-src 'self' data:";
/** axe-core's browser bundle (npm axe-core, pinned in package.json); read by the axe test. */
const axeSource = () => readFileSync(createRequire(import.meta.url).resolve("axe-core/axe.min.js"), "utf8");
const HONG_KONG = "Microsoft und Zoom wollen keine Nutzerdaten mehr an Hongkongs Behörden weitergeben";

let server;
let browser;

before(async () => {
  server = await startServer({ FINDLING_HEADERS: JSON.stringify({ "content-security-policy": CSP }) });
  browser = await launch();
});

after(async () => {
  await browser?.close();
  server?.stop();
});

/** Opens a page, records requests, console errors and CSP violations, waits for the widget. */
async function open(path = "index.html", { viewport = { width: 1280, height: 800 }, colorScheme = "light" } = {}) {
  const page = await browser.newPage();
  await page.setViewportSize(viewport);
  await page.emulateMedia({ colorScheme });
  const requests = [];
  const errors = [];
  page.on("request", (r) => requests.push(r.url()));
  page.on("console", (m) => m.type() === "error" && errors.push(m.text()));
  page.on("pageerror", (e) => errors.push(e.message));
  await page.goto(path.startsWith("file:") ? path : server.url + path);
  await ready(page);
  return { page, requests, errors, input: page.locator("findling-search input") };
}


async function ready(page) {
  await page.waitForFunction(() => {
    const input = document.querySelector("findling-search")?.shadowRoot?.querySelector("input");
    return input && !input.disabled;
  });
}

/** Evaluates `fn` against the widget's shadow root. */
const inShadow = (page, fn, arg) =>
  page.evaluate(([src, a]) => new Function("root", "arg", `return (${src})(root, arg)`)(
    document.querySelector("findling-search").shadowRoot, a), [fn.toString(), arg]);

const widget = (page) => page.locator("findling-search");

test("results: title, source · date · language line, marked excerpt, count and time", async () => {
  const { page, input, errors } = await open();
  await input.pressSequentially("Sicherheitsgesetz", { delay: 10 });
  await settled(page);
  const first = widget(page).locator('[role="option"]').first();
  await first.waitFor();
  assert.equal(await first.locator(".title").textContent(), HONG_KONG);
  assert.equal(await first.locator(".meta").textContent(), "Epoch Times · 2020-07-08 · Deutsch");
  const marks = await first.locator(".snippet mark").allTextContents();
  assert.ok(marks.length > 0 && marks.every((m) => m === "Sicherheitsgesetz"), `marks: ${marks}`);
  assert.equal(await widget(page).locator(".count").textContent(), "1 Ergebnis");
  assert.match(await widget(page).locator(".took").textContent(), /^\d+(,\d)? ms$/);
  assert.deepEqual(errors, []);
  await page.close();
});

test("corpus text and queries are never parsed as HTML", async () => {
  const { page, input } = await open();
  await input.fill("<img src=x onerror=alert(1)> zoom");
  await settled(page);
  assert.equal(await widget(page).locator("img").count(), 0);
  await page.close();
});

test("the query lives in ?q= and survives a reload", async () => {
  const { page, input } = await open();
  await input.fill("kryptering");
  await settled(page);
  assert.equal(await urlParam(page, "q", "kryptering"), "kryptering");
  await page.reload();
  await ready(page);
  assert.equal(await input.inputValue(), "kryptering");
  await widget(page).locator('[role="option"]').first().waitFor();
  await page.close();
});

test("the reader opens at the excerpt's paragraph when it is below the first screen", async () => {
  const { page, input } = await open("index.html", { viewport: { width: 900, height: 500 } });
  // In the last paragraphs of its article.
  await input.fill("Waffenspezialisten");
  await settled(page);
  await widget(page).locator('[role="option"]').first().waitFor();
  await input.press("Enter");
  const reader = widget(page).locator(".reader");
  await reader.waitFor();
  const mark = reader.locator("p mark").filter({ hasText: /Waffenspezialisten/i }).first();
  const box = await mark.evaluate((m) => ({ ...m.getBoundingClientRect().toJSON(), view: innerHeight }));
  assert.ok(box.top >= 0 && box.bottom <= box.view, `the mark is in view: ${JSON.stringify(box)}`);
  assert.equal(await inShadow(page, (r) => r.activeElement?.className), "reader");
  await page.close();
});

test("combobox: WAI-ARIA 1.2 roles and states, arrows, Enter opens the reader, Esc steps back", async () => {
  const { page, input } = await open();
  const listboxId = await input.getAttribute("aria-controls");
  assert.equal(await input.getAttribute("role"), "combobox");
  assert.equal(await input.getAttribute("aria-expanded"), "false");
  await input.fill("zoom");
  await settled(page);
  const options = widget(page).locator('[role="listbox"] [role="option"]');
  await options.first().waitFor();
  assert.equal(await widget(page).locator('[role="listbox"]').getAttribute("id"), listboxId);
  assert.equal(await input.getAttribute("aria-expanded"), "true");
  assert.ok((await options.count()) >= 3);
  await input.press("ArrowDown");
  await input.press("ArrowDown");
  const second = await options.nth(1).getAttribute("id");
  assert.equal(await input.getAttribute("aria-activedescendant"), second);
  assert.equal(await options.nth(1).getAttribute("aria-selected"), "true");
  assert.equal(await options.nth(0).getAttribute("aria-selected"), "false");
  await input.press("ArrowUp");
  assert.equal(await input.getAttribute("aria-activedescendant"), await options.nth(0).getAttribute("id"));
  await input.press("ArrowUp"); // wraps to the last
  assert.equal(await options.last().getAttribute("aria-selected"), "true");
  await input.press("ArrowDown"); // wraps to the first
  const title = await options.first().locator(".title").textContent();
  await input.press("Enter");
  const reader = widget(page).locator(".reader");
  await reader.waitFor();
  assert.equal(await reader.locator("h2").textContent(), title);
  assert.ok((await reader.locator("mark").count()) > 0, "the reader marks the matches");
  assert.ok((await reader.locator("mark").allTextContents()).every((m) => /zoom/i.test(m)));
  assert.equal(await inShadow(page, (r) => r.activeElement?.className), "reader");
  assert.equal(await input.getAttribute("aria-expanded"), "false");
  await page.keyboard.press("Escape"); // closes the reader, focus back on the input and result
  await reader.waitFor({ state: "hidden" });
  assert.equal(await inShadow(page, (r) => r.activeElement?.getAttribute("role")), "combobox");
  assert.equal(await input.getAttribute("aria-activedescendant"), await options.first().getAttribute("id"));
  await input.press("Escape"); // collapses
  assert.equal(await input.getAttribute("aria-expanded"), "false");
  assert.equal(await input.getAttribute("aria-activedescendant"), null);
  await input.press("Escape"); // clears
  assert.equal(await input.inputValue(), "");
  await page.close();
});

test("clicking a result opens the reader; its back button returns focus to the search", async () => {
  const { page, input } = await open();
  await input.fill("Sicherheitsgesetz");
  await settled(page);
  await widget(page).locator('[role="option"]').first().click();
  const reader = widget(page).locator(".reader");
  await reader.waitFor();
  // The engine's own matches in the whole article: its other form too, as a whole word.
  assert.deepEqual([...new Set(await reader.locator("mark").allTextContents())].sort(), ["Sicherheitsgesetz", "Sicherheitsgesetzes"]);
  await reader.locator(".back").click();
  assert.equal(await inShadow(page, (r) => r.activeElement?.getAttribute("role")), "combobox");
  await page.close();
});

test("/ and Ctrl+K focus the search from anywhere; Esc on an empty search returns focus", async () => {
  const { page, input } = await open("embed.html");
  await page.locator("#page-input").focus();
  await page.keyboard.press("/"); // typing in a page field: "/" is just a character
  assert.equal(await page.locator("#page-input").inputValue(), "/");
  await page.keyboard.press("Control+k");
  assert.equal(await inShadow(page, (r) => r.activeElement?.getAttribute("role")), "combobox");
  await input.press("Escape");
  assert.equal(await page.evaluate(() => document.activeElement.id), "page-input");
  await page.locator("nav a").first().focus();
  await page.keyboard.press("/");
  assert.equal(await inShadow(page, (r) => r.activeElement?.getAttribute("role")), "combobox");
  assert.equal(await input.inputValue(), "");
  await page.keyboard.press("Meta+k");
  assert.equal(await inShadow(page, (r) => r.activeElement?.getAttribute("role")), "combobox");
  await page.close();
});

test("a polite live region announces the count", async () => {
  const { page, input } = await open();
  const live = widget(page).locator('[role="status"]');
  assert.equal(await live.getAttribute("aria-live"), "polite");
  await input.pressSequentially("zoom", { delay: 20 });
  await settled(page);
  await page.waitForFunction(() =>
    /Ergebnis/.test(document.querySelector("findling-search").shadowRoot.querySelector('[role="status"]').textContent));
  assert.match(await live.textContent(), /^\d+ Ergebnisse?$/);
  await page.close();
});

test("filter chips from the engine's facets add lang:/source:/year: to the query", async () => {
  const { page, input } = await open();
  const chips = widget(page).locator(".chips button[aria-pressed]");
  const labels = await chips.locator(".label").allTextContents();
  for (const label of ["Deutsch", "Dänisch", "2020", "2021", "Epoch Times", "golem"]) {
    assert.ok(labels.includes(label), `chip ${label} in ${labels}`);
  }
  await input.fill("zoom");
  await settled(page);
  const options = widget(page).locator('[role="option"]');
  await options.first().waitFor();
  const all = await options.count();
  const danish = chips.filter({ hasText: "Dänisch" });
  await danish.click();
  await settled(page);
  assert.equal(await danish.getAttribute("aria-pressed"), "true");
  assert.equal(await options.count(), 1);
  assert.equal(await options.first().locator(".meta").textContent(), "Dänisch");
  await chips.filter({ hasText: "Deutsch" }).click(); // one language at a time
  await settled(page);
  assert.equal(await danish.getAttribute("aria-pressed"), "false");
  assert.equal(await options.count(), all - 1);
  await chips.filter({ hasText: "2021" }).click();
  await settled(page);
  assert.equal(await options.count(), 1);
  assert.match(await options.first().locator(".meta").textContent(), /2021/);
  assert.equal(await input.inputValue(), "zoom", "chips do not edit what was typed");
  assert.equal(await urlParam(page, "qfilter", "lang:de year:2021"), "lang:de year:2021");
  await page.reload(); // the pressed chips survive a reload too
  await ready(page);
  await options.first().waitFor();
  assert.equal(await options.count(), 1);
  assert.equal(await chips.filter({ hasText: "2021" }).getAttribute("aria-pressed"), "true");
  await page.close();
});

test("chip counts follow the query: every match counted, each facet ignoring its own filter", async () => {
  const { page, input } = await open();
  const chip = (label) => widget(page).locator(".chips button[aria-pressed]").filter({ has: page.locator(`.label:text-is("${label}")`) });
  const count = async (label) => Number(await chip(label).locator(".n").textContent());
  assert.equal(await count("Epoch Times"), 2);
  await input.fill("Sferum");
  await settled(page);
  await widget(page).locator('[role="option"]').first().waitFor();
  assert.equal(await count("Epoch Times"), 1);
  assert.equal(await chip("golem").count(), 0, "a value no match has is not offered");
  await input.fill("zoom");
  await settled(page);
  const options = widget(page).locator('[role="option"]');
  await options.first().waitFor();
  const german = await count("Deutsch");
  const danish = await count("Dänisch");
  await chip("Deutsch").click();
  await settled(page);
  assert.equal(await options.count(), german, "the chip said how many German results there are");
  assert.equal(await count("Dänisch"), danish, "the other languages keep their counts");
  await page.close();
});

test("a source with a space is sent quoted, and survives a reload", async () => {
  const { page, input } = await open();
  const chip = widget(page).locator(".chips button").filter({ hasText: "Epoch Times" });
  await input.fill("zoom");
  await settled(page);
  const options = widget(page).locator('[role="option"]');
  await options.first().waitFor();
  const all = await options.count();
  await chip.click();
  await settled(page);
  const metas = await options.locator(".meta").allTextContents();
  assert.ok(metas.length > 0 && metas.length < all, `${metas.length} of ${all}`);
  for (const meta of metas) assert.match(meta, /^Epoch Times · /);
  assert.equal(await urlParam(page, "qfilter", 'source:"Epoch Times"'), 'source:"Epoch Times"');
  await page.reload();
  await ready(page);
  await options.first().waitFor();
  assert.equal(await chip.getAttribute("aria-pressed"), "true");
  assert.equal(await options.count(), metas.length);
  await page.close();
});

test("did you mean: a suggestion when nothing matches, one click searches it", async () => {
  const { page, input } = await open();
  await input.fill("Zom");
  await settled(page);
  const suggest = widget(page).locator(".suggest");
  await suggest.waitFor();
  assert.equal(await suggest.textContent(), "Meinten Sie zoom?");
  await page.waitForFunction(() =>
    document.querySelector("findling-search").shadowRoot.querySelector('[role="status"]').textContent.includes("zoom?"));
  assert.equal(await widget(page).locator('[role="status"]').textContent(), "Keine Ergebnisse für „Zom“. Meinten Sie zoom?");
  await input.fill(""); // nothing matches "Zom": no chip has a document to offer, so none shows
  await settled(page);
  await widget(page).locator(".chips button").filter({ hasText: "Deutsch" }).click();
  await input.fill("Zom");
  await settled(page);
  assert.equal(await suggest.textContent(), "Meinten Sie zoom?", "no filter tokens in the offer");
  await suggest.locator("button").click();
  await settled(page);
  assert.equal(await input.inputValue(), "zoom");
  await widget(page).locator('[role="option"]').first().waitFor();
  await page.close();
});

test("without Searcher.query (an older module) the widget falls back to search()", async () => {
  const page = await browser.newPage();
  await page.route("**/pkg/findling.js", async (route) => {
    const body = (await (await route.fetch()).text()).replace(/^(\s*)query\(/m, "$1queryRemoved(");
    await route.fulfill({ body, contentType: "text/javascript" });
  });
  await page.goto(server.url + "index.html");
  await ready(page);
  assert.equal(await page.evaluate(async () => typeof (await import("/pkg/findling.js")).Searcher.prototype.query), "undefined");
  await page.locator("findling-search input").fill("Sicherheitsgesetz");
  await settled(page);
  await widget(page).locator('[role="option"]').first().waitFor();
  assert.equal(await widget(page).locator(".count").textContent(), "1 Ergebnis");
  await page.close();
});

test("UI strings follow the page's lang, or the element's own", async () => {
  const expect = { de: ["Suche", "Suchen…"], da: ["Søg", "Søg…"], en: ["Search", "Search…"] };
  const { page, input } = await open("embed.html"); // the page is English, the widget lang="da"
  assert.deepEqual([await widget(page).locator("label").textContent(), await input.getAttribute("placeholder")], expect.da);
  for (const lang of ["de", "en"]) {
    await page.evaluate((l) => document.querySelector("findling-search").setAttribute("lang", l), lang);
    assert.deepEqual([await widget(page).locator("label").textContent(), await input.getAttribute("placeholder")], expect[lang]);
  }
  await input.fill("xyzzyplugh");
  await settled(page);
  assert.equal(await widget(page).locator(".count").textContent(), "No results for “xyzzyplugh”.");
  await page.evaluate(() => document.querySelector("findling-search").setAttribute("limit", "2"));
  await input.fill("zoom"); // the limit attribute caps the list; the count says how many matched
  await settled(page);
  await widget(page).locator('[role="option"]').first().waitFor();
  assert.equal(await widget(page).locator('[role="option"]').count(), 2);
  assert.equal(await widget(page).locator(".count").textContent(), "4 results, showing 2 of 4");
  await page.close();
  const de = await open();
  assert.equal(await widget(de.page).locator("label").textContent(), "Suche");
  await de.page.close();
});

test("private and offline: no request after load, no cookies or storage, works with the network cut", async () => {
  const { page, input, requests, errors } = await open();
  const loaded = requests.length;
  await page.context().setOffline(true);
  try {
    await input.pressSequentially("Behörden", { delay: 10 });
    await settled(page);
    await widget(page).locator('[role="option"]').first().waitFor();
    await input.press("ArrowDown");
    await input.press("Enter");
    await widget(page).locator(".reader").waitFor();
    await widget(page).locator(".chips button").first().click();
  } finally {
    await page.context().setOffline(false);
  }
  assert.deepEqual(requests.slice(loaded), [], "no request after load");
  const storage = await page.evaluate(() => ({
    cookie: document.cookie, local: localStorage.length, session: sessionStorage.length,
  }));
  assert.deepEqual(storage, { cookie: "", local: 0, session: 0 });
  assert.deepEqual(errors, []);
  await page.close();
});

test("strict CSP (script-src 'self' 'wasm-unsafe-eval', style-src 'self'): no violation, styles applied", async () => {
  const page = await browser.newPage();
  const response = await page.goto(server.url + "index.html");
  assert.equal(response.headers()["content-security-policy"], CSP);
  await page.evaluate(() => {
    window.violations = [];
    document.addEventListener("securitypolicyviolation", (e) => window.violations.push(`${e.violatedDirective} ${e.blockedURI}`));
  });
  await ready(page);
  await page.locator("findling-search input").fill("zoom");
  await settled(page);
  await widget(page).locator('[role="option"]').first().waitFor();
  assert.deepEqual(await page.evaluate(() => window.violations), []);
  // A whole index on a page served plainly is searched on the main thread (the worker under
  // this CSP: worker.test.mjs, cross-origin isolated).
  assert.equal(await widget(page).evaluate((w) => w.engineThread), "main thread");
  const mark = await inShadow(page, (r) => getComputedStyle(r.querySelector("mark")).backgroundColor);
  assert.equal(mark, "rgb(255, 229, 138)", "the adopted style sheet applies under the CSP");
  await page.close();
});

test("embedded in a page with aggressive styles: no clash either way", async () => {
  const { page, input } = await open("embed.html");
  await input.fill("zoom");
  await settled(page);
  const first = widget(page).locator('[role="option"]').first();
  await first.waitFor();
  const inside = await inShadow(page, (r) => {
    const s = (sel) => getComputedStyle(r.querySelector(sel));
    return {
      display: s('[role="option"]').display, transform: s(".title").textTransform,
      color: s(".snippet").color, font: s(".snippet").fontFamily.split(",")[0], mark: s("mark").backgroundColor,
    };
  });
  assert.deepEqual(inside, {
    display: "block", transform: "none", color: "rgb(27, 28, 31)", font: "system-ui", mark: "rgb(255, 229, 138)",
  });
  const outside = await page.evaluate(() => {
    const s = (sel) => getComputedStyle(document.querySelector(sel));
    return { mark: s("#page-mark").backgroundColor, li: s("#page-list li").listStyleType, h2: s("h2").color };
  });
  assert.deepEqual(outside, { mark: "rgb(0, 255, 255)", li: "square", h2: "rgb(192, 0, 138)" });
  await page.screenshot({ path: join(screenshots, "widget-embed.png"), fullPage: true });
  await page.close();
});

test("axe-core reports no violations (results, chips, reader; light and dark)", async () => {
  const AXE = axeSource();
  for (const colorScheme of ["light", "dark"]) {
    for (const path of ["index.html", "embed.html"]) {
      const { page, input } = await open(path, { colorScheme });
      const check = async (state) => {
        await page.evaluate(AXE); // a DevTools evaluation, not an inline script: CSP allows it
        const result = await page.evaluate(() => axe.run({ include: [["findling-search"]] }));
        const found = result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
        assert.deepEqual(found, [], `${path} ${colorScheme} ${state}`);
      };
      await check("empty");
      await input.fill("zoom");
      await settled(page);
      await widget(page).locator('[role="option"]').first().waitFor();
      await input.press("ArrowDown");
      await check("results");
      await input.press("Enter");
      await widget(page).locator(".reader").waitFor();
      await check("reader");
      await page.close();
    }
  }
});

/** The single file with `engine="worker"` on its widget: its engine runs in a worker even
 * though its index is whole and file:// is not cross-origin isolated. */
function singleFileInWorker(html) {
  // The page's element, after the inlined script (whose hash the policy holds).
  const tag = "<findling-search>";
  const at = html.lastIndexOf(tag);
  assert.ok(at > html.lastIndexOf("</script>"), "the widget's element follows the script");
  return `${html.slice(0, at)}<findling-search engine="worker">${html.slice(at + tag.length)}`;
}

test("the single file searches from file:// under its own strict CSP, on the main thread or in a blob: worker", async () => {
  const out = join(root, "site/findling.html");
  execFileSync(process.execPath, [join(root, ".ci/single-file.mjs"), out]);
  const html = readFileSync(out, "utf8");
  const csp = /<meta http-equiv="Content-Security-Policy" content="([^"]*)">/.exec(html)?.[1] ?? "";
  assert.match(csp, /^default-src 'none'; script-src 'sha256-[^']+' 'wasm-unsafe-eval'; worker-src blob:;/);
  const inWorker = join(root, "site/findling-worker.html");
  writeFileSync(inWorker, singleFileInWorker(html));
  for (const [file, thread] of [[out, "main thread"], [inWorker, "worker"]]) {
    const { page, input, requests, errors } = await open(pathToFileURL(file).href);
    assert.equal(await widget(page).evaluate((w) => w.engineThread), thread);
    await input.fill("Sicherheitsgesetz");
    await settled(page);
    const first = widget(page).locator('[role="option"]').first();
    await first.waitFor();
    assert.equal(await first.locator(".title").textContent(), HONG_KONG);
    // The worker's script is a blob: URL the page made itself; nothing else is fetched.
    assert.deepEqual(requests.filter((u) => !u.startsWith("file:") && !u.startsWith("blob:null/")), []);
    assert.deepEqual(errors, []);
    await page.close();
  }
});

test("the single file under a CSP that refuses workers searches on the main thread", async () => {
  const out = join(root, "site/findling-no-worker.html");
  const html = singleFileInWorker(readFileSync(join(root, "site/findling.html"), "utf8"));
  const refused = html.replace(/(<meta http-equiv="Content-Security-Policy" content="[^"]*)worker-src blob:/, "$1worker-src 'none'");
  assert.notEqual(refused, html);
  writeFileSync(out, refused);
  const { page, input, errors } = await open(pathToFileURL(out).href);
  assert.equal(await widget(page).evaluate((w) => w.engineThread), "main thread");
  await input.fill("Sicherheitsgesetz");
  await settled(page);
  await widget(page).locator('[role="option"]').first().waitFor();
  assert.equal(await widget(page).locator('[role="option"] .title').first().textContent(), HONG_KONG);
  assert.ok(errors.some((e) => /worker-src/.test(e)), `the browser reports the refused worker: ${errors}`);
  await page.close();
});

test("screenshots: desktop and phone, light and dark", async () => {
  const sizes = { desktop: { width: 1280, height: 800 }, phone: { width: 390, height: 844 } };
  for (const [size, viewport] of Object.entries(sizes)) {
    for (const colorScheme of ["light", "dark"]) {
      const { page } = await open("index.html?q=zoom", { viewport, colorScheme });
      await widget(page).locator('[role="option"]').first().waitFor();
      await page.locator("findling-search input").press("ArrowDown");
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      assert.ok(overflow <= 0, `${size}: no horizontal scrolling (${overflow}px)`);
      await page.screenshot({ path: join(screenshots, `widget-${size}-${colorScheme}.png`), fullPage: true });
      await page.locator("findling-search input").press("Enter");
      await widget(page).locator(".reader").waitFor();
      await page.screenshot({ path: join(screenshots, `widget-reader-${size}-${colorScheme}.png`), fullPage: true });
      await page.close();
    }
  }
});
