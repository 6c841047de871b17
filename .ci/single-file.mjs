// Builds one self-contained HTML file of the widget: the wasm inlined as base64 and every
// module inlined into one module script, so it searches when opened from file:// (Chromium
// refuses to load module files from file://, but runs an inline module). Its whole index
// is searched on the main thread (file:// is not cross-origin isolated: widget/engine.js),
// unless the widget says engine="worker"; then the engine's worker runs from a blob: URL
// made of the glue and widget/worker.js, and gets the compiled module from the page (a page
// whose CSP refuses blob: workers searches on the main thread). The
// file carries a strict CSP (a <meta>): its inline script and style by hash, `worker-src blob:`.
// Usage: node .ci/single-file.mjs [out.html]   (default: site/findling.html; needs pkg/)
import { createHash } from "node:crypto";
import { existsSync, readFileSync, writeFileSync, mkdirSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("..", import.meta.url));
const out = process.argv[2] ?? join(root, "site/findling.html");
const read = (path) => readFileSync(join(root, path), "utf8");
/** The widget's own modules, each before the ones that use it (they share one scope here). */
const WIDGET_MODULES = ["www/widget/strings.js", "www/widget/styles.js", "www/widget/dom.js", "www/widget/facets.js",
  "www/widget/fragment.js", "www/widget/marks.js", "www/widget/shards.js", "www/widget/engine.js"];

// A sharded index needs its shard files: one file opened from file:// cannot fetch them.
if (existsSync(join(root, "pkg/findling-shards.json"))) {
  console.error("single-file: error: this corpus's index is sharded (it is larger than FINDLING_SHARD_MB, " +
    "default 8 MB), and a single file opened from file:// cannot load shards. Serve pkg/ with its shards " +
    "(make serve, make site), or build a smaller corpus, or raise FINDLING_SHARD_MB above the index size " +
    "(one large module, slow to open).");
  process.exit(2);
}

/** Drops `import … from "…";` lines: every module is inlined into the same script. */
const withoutImports = (src) => src.replace(/^import\s[^;]*;\s*$/gm, "");
/** Turns `export const/class/function` into plain declarations. */
const withoutExports = (src) => src.replace(/^export\s+(?=(const|let|class|function|async)\b)/gm, "");

let glue = read("pkg/findling.js");
const exportList = /^export\s*\{([^}]*)\};?\s*$/m;
const match = exportList.exec(glue);
if (!match) throw new Error("pkg/findling.js: no `export { … }` list; has wasm-bindgen's output changed?");
const aliases = match[1].split(",").map((s) => s.trim()).filter(Boolean)
  .map((s) => s.split(/\s+as\s+/)).filter(([local, name]) => name && name !== local)
  .map(([local, name]) => `const ${name === "default" ? "init" : name} = ${local};`);
glue = withoutExports(glue.replace(exportList, aliases.join("\n")));

const wasm = readFileSync(join(root, "pkg/findling_bg.wasm")).toString("base64");
let widget = withoutExports(withoutImports(read("www/findling-search.js")));
const marker = "const WASM_SOURCE = undefined;";
if (!widget.includes(marker)) throw new Error(`www/findling-search.js: "${marker}" not found`);
widget = widget.replace(marker,
  `const WASM_SOURCE = Uint8Array.from(atob(FINDLING_WASM_BASE64), (c) => c.charCodeAt(0));`);

// The worker: the glue and worker.js in one script, the glue's import replaced by the glue.
const loader = "const loadGlue = (url) => import(url);";
const workerJs = read("www/widget/worker.js");
if (!workerJs.includes(loader)) throw new Error(`www/widget/worker.js: "${loader}" not found`);
// It runs as a classic script (see engine.js), so the glue's import.meta becomes the worker's location.
const workerSource = `${glue.replaceAll("import.meta.url", "self.location.href")}\n` +
  workerJs.replace(loader, "const loadGlue = async () => ({ default: init, Searcher });");
if (/\bimport\.meta\b|^\s*(import|export)\s/m.test(workerSource)) throw new Error("the worker's source still has import/export");
const workerMarker = "const WORKER_SOURCE = undefined;";
if (!widget.includes(workerMarker)) throw new Error(`www/findling-search.js: "${workerMarker}" not found`);
widget = widget.replace(workerMarker, () => `const WORKER_SOURCE = ${JSON.stringify(workerSource)};`);

const script = [
  `const FINDLING_WASM_BASE64 = "${wasm}";`,
  glue,
  ...WIDGET_MODULES.map((path) => withoutExports(withoutImports(read(path)))),
  `{\n${widget}\n}`,
].join("\n").replaceAll("</script", "<\\/script");

// A strict policy of its own: nothing loads from anywhere; the one inline script and style
// run by their hashes; wasm may compile; the engine's worker may start from blob:.
const style = `\n${read("www/widget-page.css")}  `;
const scriptText = `\n${script}\n`;
const sha256 = (text) => `'sha256-${createHash("sha256").update(text).digest("base64")}'`;
const csp = ["default-src 'none'", `script-src ${sha256(scriptText)} 'wasm-unsafe-eval'`, "worker-src blob:",
  `style-src ${sha256(style)}`, "img-src data:", "base-uri 'none'", "form-action 'none'"].join("; ");
const page = read("www/index.html")
  .replace(/<meta charset="utf-8">/, () => `<meta charset="utf-8">\n  <meta http-equiv="Content-Security-Policy" content="${csp}">`)
  .replace(/\s*<link rel="stylesheet"[^>]*>/, () => `\n  <style>${style}</style>`)
  .replace(/<script type="module" src="findling-search.js"><\/script>/, () => `<script type="module">${scriptText}</script>`);
if (!page.includes("FINDLING_WASM_BASE64")) throw new Error("www/index.html: the widget's <script> tag was not found");
if (!page.includes("Content-Security-Policy")) throw new Error("www/index.html: no <meta charset> to put the policy after");
mkdirSync(dirname(out), { recursive: true });
writeFileSync(out, page);
console.log(`single-file: wrote ${out} (${Math.round(page.length / 1024)} KB)`);
