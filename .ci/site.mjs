// Search for a static site: builds the wasm package with the site's built pages as the corpus
// and writes SITE/findling/ (the widget, its modules, the wasm and its glue), so that
//   <script type="module" src="/findling/findling-search.js"></script>
//   <findling-search base="/"></findling-search>
// on any page of the site gives it search.
// Usage: node .ci/site.mjs SITE   (what `make site SITE=path/to/public` runs)
import { spawnSync } from "node:child_process";
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { delimiter, join, resolve } from "node:path";
import { homedir } from "node:os";
import { fileURLToPath } from "node:url";
import { copyShards } from "./shards.mjs";

const root = fileURLToPath(new URL("..", import.meta.url));
/** Where wasm-pack leaves the site's package (inside target/, so pkg/ keeps the seeds' one). */
const PKG = join(root, "target/site-pkg");
/** The widget's import of the glue (and the URL its worker imports), and what it becomes in
 * SITE/findling/. */
const GLUE_IMPORT = '"../pkg/findling.js"';
const SITE_GLUE_IMPORT = '"./pkg/findling.js"';

function fail(message) {
  console.error(`site: error: ${message}`);
  process.exit(2);
}

const arg = process.argv[2];
if (!arg) fail("SITE is missing: run `make site SITE=path/to/public`, the folder your site generator writes");
const site = resolve(arg);
if (!existsSync(site)) fail(`${site} does not exist: SITE must be the folder of the built site`);
if (!statSync(site).isDirectory()) fail(`${site} is not a folder: SITE must be the folder of the built site`);

// The wasm package, its index built from the site (build.rs reads FINDLING_CORPUS).
console.log(`site: indexing ${site} (a release wasm build: a few minutes)`);
const path = [join(root, ".ci/node_modules/.bin"), join(homedir(), ".cargo/bin"), process.env.PATH].join(delimiter);
const build = spawnSync("wasm-pack", ["build", "--target", "web", "--release", "--mode", "no-install", "--out-dir", PKG], {
  cwd: root,
  stdio: "inherit",
  env: { ...process.env, PATH: path, FINDLING_CORPUS: site },
});
if (build.error) fail(`cannot run wasm-pack (${build.error.message}): run \`bash .ci/setup serve\` first`);
if (build.status !== 0) fail(`wasm-pack failed (exit ${build.status}); the lines above say why`);

// SITE/findling/, replaced whole: the widget, its modules, and the package beside them.
const out = join(site, "findling");
rmSync(out, { recursive: true, force: true });
mkdirSync(join(out, "widget"), { recursive: true });
mkdirSync(join(out, "pkg"));
const widget = readFileSync(join(root, "www/findling-search.js"), "utf8");
if (!widget.includes(GLUE_IMPORT)) fail(`www/findling-search.js no longer imports ${GLUE_IMPORT}: update .ci/site.mjs`);
writeFileSync(join(out, "findling-search.js"), widget.replaceAll(GLUE_IMPORT, SITE_GLUE_IMPORT));
// Only the modules: a README.md here would be indexed by the next build of the site.
const modules = readdirSync(join(root, "www/widget")).filter((name) => name.endsWith(".js"));
for (const name of modules) copyFileSync(join(root, "www/widget", name), join(out, "widget", name));
for (const name of ["findling.js", "findling_bg.wasm"]) copyFileSync(join(PKG, name), join(out, "pkg", name));
// A sharded index (larger than FINDLING_SHARD_MB): its shards beside the module.
const manifest = copyShards(join(out, "pkg"), { ...process.env, PATH: path, FINDLING_CORPUS: site });

const kb = (file) => Math.round(statSync(join(out, file)).size / 1024);
console.log(`site: wrote ${out}/ (findling-search.js, widget/${modules.join(", widget/")}, ` +
  `pkg/findling.js, pkg/findling_bg.wasm ${kb("pkg/findling_bg.wasm")} KB` +
  (manifest ? `, ${manifest.shards.length} shards of ${Math.round(manifest.shards.reduce((n, s) => n + s.bytes, 0) / 1024)} KB in pkg/` : "") + ")");
console.log(`site: add to any page:
  <script type="module" src="/findling/findling-search.js"></script>
  <findling-search base="/"></findling-search>`);
