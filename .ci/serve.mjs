// A tiny static server for the demo: /pkg/* from pkg/, everything else from www/; or, given
// a folder, that folder as a whole site (a site built with `make site`).
// Usage: node .ci/serve.mjs [port] [folder]   (PORT env also works; 0 picks a free port)
// Binds 127.0.0.1 only. Extra response headers can be given as JSON in FINDLING_HEADERS.
import { createServer } from "node:http";
import { readFile, stat } from "node:fs/promises";
import { extname, join, normalize, resolve, sep } from "node:path";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("..", import.meta.url));
const TYPES = {
  ".html": "text/html; charset=utf-8", ".js": "text/javascript; charset=utf-8",
  ".mjs": "text/javascript; charset=utf-8", ".css": "text/css; charset=utf-8",
  ".wasm": "application/wasm", ".json": "application/json", ".svg": "image/svg+xml",
  ".png": "image/png", ".ts": "text/plain; charset=utf-8",
};
const extra = JSON.parse(process.env.FINDLING_HEADERS ?? "{}");
const siteDir = process.argv[3] && resolve(process.argv[3]);

/** Maps a URL path to a file under pkg/ or www/ (or the site folder), or null if it escapes them. */
function fileFor(pathname) {
  const [base, rest] = siteDir ? [siteDir, pathname.slice(1)]
    : pathname.startsWith("/pkg/") ? ["pkg", pathname.slice(5)] : ["www", pathname.slice(1)];
  const dir = resolve(root, base);
  const file = normalize(join(dir, decodeURIComponent(rest) || "index.html"));
  return file === dir || file.startsWith(dir + sep) ? file : null;
}

const server = createServer(async (req, res) => {
  let file = fileFor(new URL(req.url, "http://localhost").pathname);
  try {
    if (file && (await stat(file)).isDirectory()) file = join(file, "index.html");
    if (!file) throw new Error("outside");
    const body = await readFile(file);
    res.writeHead(200, { "content-type": TYPES[extname(file)] ?? "application/octet-stream", "cache-control": "no-store", ...extra });
    res.end(body);
  } catch {
    res.writeHead(404, { "content-type": "text/plain" });
    res.end("not found\n");
  }
  if (process.env.FINDLING_LOG) console.log(res.statusCode, req.method, req.url);
});

const port = Number(process.argv[2] ?? process.env.PORT ?? 8000);
server.listen(port, "127.0.0.1", () => {
  console.log(`serving Findling at http://127.0.0.1:${server.address().port}/`);
});
