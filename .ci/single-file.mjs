// Builds one self-contained HTML file of the widget: the wasm inlined as base64 and every
// module inlined into one module script, so it searches when opened from file:// (Chromium
// refuses to load module files from file://, but runs an inline module).
// Usage: node .ci/single-file.mjs [out.html]   (default: site/findling.html; needs pkg/)
import { existsSync, readFileSync, writeFileSync, mkdirSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("..", import.meta.url));
const out = process.argv[2] ?? join(root, "site/findling.html");
const read = (path) => readFileSync(join(root, path), "utf8");
/** The widget's own modules, each before the ones that use it (they share one scope here). */
const WIDGET_MODULES = ["www/widget/strings.js", "www/widget/styles.js", "www/widget/dom.js", "www/widget/facets.js",
  "www/widget/shards.js"];

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

const script = [
  `const FINDLING_WASM_BASE64 = "${wasm}";`,
  glue,
  ...WIDGET_MODULES.map((path) => withoutExports(withoutImports(read(path)))),
  `{\n${widget}\n}`,
].join("\n").replaceAll("</script", "<\\/script");

const page = read("www/index.html")
  .replace(/\s*<link rel="stylesheet"[^>]*>/, `\n  <style>\n${read("www/widget-page.css")}  </style>`)
  .replace(/<script type="module" src="findling-search.js"><\/script>/, () => `<script type="module">\n${script}\n</script>`);
if (!page.includes("FINDLING_WASM_BASE64")) throw new Error("www/index.html: the widget's <script> tag was not found");
mkdirSync(dirname(out), { recursive: true });
writeFileSync(out, page);
console.log(`single-file: wrote ${out} (${Math.round(page.length / 1024)} KB)`);
