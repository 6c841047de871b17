// Shared setup for browser tests: the demo server on a free port and Debian's Chromium
// driven by playwright-core (never a downloaded browser).
import { spawn } from "node:child_process";
import { mkdtempSync, mkdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { after, before } from "node:test";
import { chromium } from "playwright-core";

export const root = fileURLToPath(new URL("../..", import.meta.url));
export const screenshots = join(root, "tests/browser/screenshots");
mkdirSync(screenshots, { recursive: true });

/** Flags for Chromium as root on a closed network (TOOLCHAIN rule 6). */
export const CHROMIUM_ARGS = [
  "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
  "--disable-background-networking", "--disable-component-update", "--disable-sync",
  "--disable-dev-shm-usage",
];

/** Starts .ci/serve.mjs on a free port (serving `site`, a folder, when given); resolves to
 * { url, stop }. */
export function startServer(env = {}, site = undefined) {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [join(root, ".ci/serve.mjs"), "0", ...(site ? [site] : [])], {
      env: { ...process.env, ...env },
      stdio: ["ignore", "pipe", "inherit"],
    });
    child.on("error", reject);
    child.stdout.on("data", (chunk) => {
      const m = /http:\/\/127\.0\.0\.1:(\d+)\//.exec(chunk.toString());
      if (m) resolve({ url: m[0], stop: () => child.kill() });
    });
    setTimeout(() => reject(new Error("server did not start in 10 s")), 10_000).unref();
  });
}

/** Launches headless Chromium with a fresh profile, removed when the browser closes. */
export async function launch() {
  const profile = mkdtempSync(join(tmpdir(), "findling-chromium-"));
  const remove = () => rmSync(profile, { recursive: true, force: true, maxRetries: 5, retryDelay: 100 });
  let browser;
  try {
    browser = await chromium.launchPersistentContext(profile, {
      executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium",
      headless: true,
      args: CHROMIUM_ARGS,
    });
  } catch (e) {
    remove();
    throw e;
  }
  const close = browser.close.bind(browser);
  browser.close = async (...args) => {
    try {
      await close(...args);
    } finally {
      remove();
    }
  };
  return browser;
}

/** Starts a server (`start`, default the demo server) and Chromium before a test file's
 * tests and stops both after them; the returned object holds `server` and `browser`. */
export function useServerAndBrowser(start = () => startServer()) {
  const context = {};
  before(async () => {
    context.server = await start();
    context.browser = await launch();
  });
  after(async () => {
    await context.browser?.close();
    context.server?.stop();
  });
  return context;
}

/** A new page of `browser` at `url`, recording every request URL and every console or page
 * error from the start: { page, requests, errors }. */
export async function openRecorded(browser, url) {
  const page = await browser.newPage();
  const requests = [];
  const errors = [];
  page.on("request", (r) => requests.push(r.url()));
  page.on("console", (m) => m.type() === "error" && errors.push(m.text()));
  page.on("pageerror", (e) => errors.push(e.message));
  await page.goto(url);
  return { page, requests, errors };
}

/** Waits until the <findling-search> of `page` has drawn the answer to its latest query
 * (no `aria-busy`): the engine answers in a worker, a few milliseconds after the input. */
export function settled(page) {
  return page.waitForFunction(() => !document.querySelector("findling-search").hasAttribute("aria-busy"));
}

/** The value of URL parameter `name` once it is `expected` (the widget writes the URL when
 * typing pauses); times out, and so fails, when it never is. */
export async function urlParam(page, name, expected) {
  await page.waitForFunction(([n, v]) => new URL(location.href).searchParams.get(n) === v, [name, expected]);
  return page.evaluate((n) => new URL(location.href).searchParams.get(n), name);
}
