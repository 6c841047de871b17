// Pagefind over a built site, as it is meant to run: its own index of the site's HTML,
// searched by its pagefind.js in headless Chromium. Used by site-names.mjs and
// site-snippets.mjs beside Findling and the node peers; its file server by compare.mjs.
import { readFileSync, mkdtempSync } from "node:fs";
import { createServer } from "node:http";
import { tmpdir } from "node:os";
import { extname, join } from "node:path";
import * as pagefind from "pagefind";
import { chromium } from "playwright-core";

/**
 * Serves the files of `folder` on a free local port, and the HTML `page(path)` gives
 * for a path (when not null). Returns the listening server.
 */
export async function serve(folder, page) {
  const types = { ".js": "text/javascript", ".html": "text/html", ".wasm": "application/wasm" };
  const server = createServer((req, res) => {
    const path = new URL(req.url, "http://x").pathname;
    const html = page(path);
    if (html !== null) {
      res.writeHead(200, { "content-type": "text/html" });
      return res.end(html);
    }
    try {
      const body = readFileSync(join(folder, path));
      res.writeHead(200, { "content-type": types[extname(path)] ?? "application/octet-stream" });
      res.end(body);
    } catch {
      res.writeHead(404);
      res.end();
    }
  });
  await new Promise((r) => server.listen(0, "127.0.0.1", r));
  return server;
}

/**
 * Pagefind's first 10 pages for each of `queries` over the HTML site `site`, each as
 * the page's path without ".html" (the id Findling gives a page of a site).
 */
export async function pagefindLists(site, queries) {
  const out = mkdtempSync(join(tmpdir(), "findling-pagefind-"));
  {
    const { index } = await pagefind.createIndex({});
    await index.addDirectory({ path: site });
    await index.writeFiles({ outputPath: join(out, "pagefind") });
    await pagefind.close();
  }
  return pagefindSearch(join(out, "pagefind"), queries);
}

/**
 * [`pagefindLists`] over a Pagefind bundle written before (the folder that holds
 * pagefind.js), for a site too large to index again for every run.
 */
export async function pagefindSearch(bundle, queries) {
  const server = await serve(bundle, (path) =>
    path === "/" ? '<!doctype html><html lang="en"><title>p</title></html>' : null,
  );
  const browser = await chromium.launch({ executablePath: "/usr/bin/chromium", args: ["--no-sandbox", "--disable-gpu"] });
  try {
    const page = await browser.newPage();
    await page.goto(`http://127.0.0.1:${server.address().port}/`);
    await page.evaluate(async () => {
      window.pf = await import("/pagefind.js");
      await window.pf.init();
    });
    const lists = [];
    for (const q of queries) {
      const urls = await page.evaluate(async (term) => {
        const r = await window.pf.search(term);
        return Promise.all(r.results.slice(0, 10).map(async (x) => (await x.data()).url));
      }, q);
      lists.push(urls.map((u) => decodeURIComponent(u).replace(/^\//, "").replace(/\.html$/, "")));
    }
    return lists;
  } finally {
    await browser.close();
    server.close();
  }
}
