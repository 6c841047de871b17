// Findling and its peers side by side in one headless-Chromium run (`make bench`).
// Usage: node tests/bench/compare.mjs PKG_DIR CORPUS_DIR [QUERIES_FILE]
//   PKG_DIR     a Findling package built with FINDLING_CORPUS=CORPUS_DIR (tests/bench/run.sh)
//   QUERIES_FILE one query per line; default: tests/bench/queries/LANG.txt for every language
//               that holds at least a fifth of the documents
// The documents are the ones in PKG_DIR's index (Searcher.documents(): cleaned title and
// text), so every engine gets exactly what Findling indexed. Writes target/bench/report.md.
import { execSync } from "node:child_process";
import { cpSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { createServer } from "node:http";
import { availableParallelism } from "node:os";
import { extname, join, normalize, resolve, sep } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { brotliCompressSync, constants } from "node:zlib";
import { ENGINES as ALL_ENGINES, FLEXSEARCH, LABELS, MINISEARCH } from "./engines.mjs";
import { CHROMIUM_ARGS, typeEach, watchKeystrokes } from "./isolated.mjs";

/** The engines to run: all, or those ENGINES names (comma-separated, e.g.
 * `findling,pagefind` for a corpus too big for the peers that index in node). */
const ENGINES = process.env.ENGINES ? ALL_ENGINES.filter((e) => process.env.ENGINES.split(",").includes(e)) : ALL_ENGINES;
if (!ENGINES.includes("findling")) throw new Error(`ENGINES must include findling (got ${process.env.ENGINES})`);

const root = fileURLToPath(new URL("../..", import.meta.url));
const here = join(root, "tests/bench");
const peers = join(root, "tests/peers/node_modules");
const out = join(root, "target/bench");
const site = join(out, "site");
/** Page loads per engine: the time to the first result is their median. */
const LOADS = 3;
/** Typing passes per engine: the first is what a reader meets, the second runs warm. */
const ROUNDS = 2;
/** A language's default queries are used when it holds at least this share of documents. */
const LANGUAGE_SHARE = 0.2;

const [pkgArg, corpusArg, queriesArg] = process.argv.slice(2);
if (!pkgArg || !corpusArg) {
  console.error("usage: node tests/bench/compare.mjs PKG_DIR CORPUS_DIR [QUERIES_FILE]");
  process.exit(2);
}
const pkg = resolve(pkgArg);
const peer = (path) => import(pathToFileURL(join(peers, path)).href);
const log = (...a) => console.error("bench:", ...a);

// ---- the documents, exactly as Findling indexed them -------------------------------
const { default: init, Searcher } = await import(pathToFileURL(join(pkg, "findling.js")).href);
await init({ module_or_path: readFileSync(join(pkg, "findling_bg.wasm")) });
const allDocs = new Searcher();
// A sharded index: every shard, from beside the module (the documents are all of them).
for (const file of allDocs.shardFiles()) allDocs.addShard(readFileSync(join(pkg, file)));
const docs = allDocs.documents().map((d) => ({ id: d.id, title: d.title, text: d.text, lang: d.lang }));
allDocs.free();
const langCount = {};
for (const d of docs) if (d.lang) langCount[d.lang] = (langCount[d.lang] ?? 0) + 1;
const languages = Object.entries(langCount).sort((a, b) => b[1] - a[1]).map(([l]) => l);
const mainLang = languages[0] ?? "en";
const brotli = (buf) => brotliCompressSync(buf, {
  params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: buf.length },
}).length;
const corpusText = Buffer.from(docs.map((d) => `${d.title}\n${d.text}`).join("\n\n"));
log(`${docs.length} documents, ${corpusText.length} bytes of text; compressing the text (brotli 11)`);
const corpusBrotli = brotli(corpusText);

const queries = (() => {
  if (queriesArg) return readLines(queriesArg);
  const chosen = languages.filter((l) => langCount[l] >= LANGUAGE_SHARE * docs.length);
  const lists = (chosen.length ? chosen : ["en"]).map((l) => join(here, "queries", `${l}.txt`));
  return lists.flatMap((f) => { try { return readLines(f); } catch { return []; } });
})();
const queriesFrom = queriesArg ?? (languages.filter((l) => langCount[l] >= LANGUAGE_SHARE * docs.length)
  .map((l) => `tests/bench/queries/${l}.txt`).join(" + ") || "tests/bench/queries/en.txt");
if (!queries.length) throw new Error("no queries: pass a QUERIES file");
const keystrokes = queries.reduce((n, q) => n + q.length, 0);

function readLines(file) {
  return readFileSync(file, "utf8").split("\n").map((q) => q.trim()).filter((q) => q && !q.startsWith("#"));
}

// ---- the peers' indexes, built the way each documents for the browser -------------
rmSync(site, { recursive: true, force: true });
mkdirSync(site, { recursive: true });
cpSync(join(here, "page.mjs"), join(site, "page.mjs"));
cpSync(join(here, "engines.mjs"), join(site, "engines.mjs"));
for (const engine of ENGINES) {
  writeFileSync(join(site, `${engine}.html`), `<!doctype html><html lang="${mainLang}"><head><meta charset="utf-8">
<link rel="icon" href="data:,"><title>${engine}</title><script type="module" src="/bench/page.mjs"></script></head><body></body></html>\n`);
}
const indexTime = {};
{
  let t = performance.now();
  if (ENGINES.includes("minisearch")) {
    const { default: MiniSearch } = await peer("minisearch/dist/es/index.js");
    const ms = new MiniSearch(MINISEARCH);
    ms.addAll(docs);
    writeFileSync(join(site, "minisearch.json"), JSON.stringify(ms));
    indexTime.minisearch = performance.now() - t;
    log(`MiniSearch index ${(indexTime.minisearch / 1000).toFixed(1)} s`);
  }

  t = performance.now();
  if (ENGINES.includes("flexsearch")) {
    const { default: FlexSearch } = await peer("flexsearch/dist/flexsearch.bundle.module.min.mjs");
    const flex = new FlexSearch.Document(FLEXSEARCH);
    for (const d of docs) flex.add({ id: d.id, title: d.title, text: d.text });
    const parts = {};
    await flex.export((key, data) => { parts[key] = JSON.parse(data); });
    writeFileSync(join(site, "flexsearch.json"), JSON.stringify(parts));
    indexTime.flexsearch = performance.now() - t;
    log(`FlexSearch index ${(indexTime.flexsearch / 1000).toFixed(1)} s`);
  }

  t = performance.now();
  if (ENGINES.includes("pagefind")) {
    const pagefind = await peer("pagefind/lib/index.js");
    // One index for the whole corpus in its main language (Pagefind would otherwise split it
    // by language and a page would search only the part in its own <html lang>).
    const { index, errors } = await pagefind.createIndex({ forceLanguage: mainLang });
    if (errors?.length) throw new Error(`pagefind: ${errors.join("; ")}`);
    for (const d of docs) {
      const r = await index.addCustomRecord({
        url: `/doc/${encodeURIComponent(d.id)}`, content: `${d.title}\n${d.text}`, language: mainLang, meta: { title: d.title },
      });
      if (r.errors?.length) throw new Error(`pagefind: ${r.errors.join("; ")}`);
    }
    const written = await index.writeFiles({ outputPath: join(site, "pagefind") });
    if (written.errors?.length) throw new Error(`pagefind: ${written.errors.join("; ")}`);
    await pagefind.close();
    indexTime.pagefind = performance.now() - t;
    log(`Pagefind index ${(indexTime.pagefind / 1000).toFixed(1)} s`);
  }
}

// ---- a static server: the bench package at /pkg/, www/ at /www/ --------------------
const mounts = [["/pkg/", pkg], ["/www/", join(root, "www")], ["/node_modules/", peers], ["/bench/", site]];
const TYPES = {
  ".html": "text/html; charset=utf-8", ".js": "text/javascript; charset=utf-8", ".mjs": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8", ".wasm": "application/wasm", ".json": "application/json",
};
/** The file a URL path names, or null outside the mounts. */
function fileFor(pathname) {
  const mount = mounts.find(([prefix]) => pathname.startsWith(prefix));
  if (!mount) return null;
  const file = normalize(join(mount[1], decodeURIComponent(pathname.slice(mount[0].length)) || "index.html"));
  return file.startsWith(mount[1] + sep) ? file : null;
}
/** Requests the server answered since the last reset: URL path and epoch ms of arrival. */
let requests = [];
const server = createServer((req, res) => {
  const path = new URL(req.url, "http://x").pathname;
  requests.push({ path, at: performance.timeOrigin + performance.now() });
  const file = fileFor(path);
  let body;
  try { body = file && readFileSync(file); } catch { body = null; }
  if (body && (path.endsWith("/pagefind-worker.js") || path === "/www/widget/worker.js")) body = Buffer.concat([Buffer.from(WORKER_HOOK), body]);
  if (!body) { res.writeHead(404); return res.end(); }
  // Cross-origin isolation gives the pages 5 µs timers instead of 100 µs (and the widget
  // its SharedArrayBuffer); a page asked for with ?plain is served as most sites are.
  const isolate = !new URL(req.url, "http://x").searchParams.has("plain");
  res.writeHead(200, {
    "content-type": TYPES[extname(file)] ?? "application/octet-stream", "cache-control": "no-store",
    ...(isolate ? { "cross-origin-opener-policy": "same-origin", "cross-origin-embedder-policy": "require-corp" } : {}),
  });
  res.end(body);
});
await new Promise((r) => server.listen(0, "127.0.0.1", r));
const base = `http://127.0.0.1:${server.address().port}`;

// Bytes of the files a page fetched, its workers' fetches included (the server saw them
// all): raw as served, and brotli 11 as a host would send them.
const compressed = new Map();
/** Files that are the harness, not the engine: left out of the byte counts. */
const HARNESS = new Set(["/bench/page.mjs", "/bench/engines.mjs", ...ENGINES.map((e) => `/bench/${e}.html`)]);
/** The files requested until `epoch` (ms since 1970, the page's timeOrigin + now). */
function bytesUntil(epoch) {
  let raw = 0, br = 0;
  const files = [];
  for (const path of new Set(requests.filter((r) => r.at <= epoch).map((r) => r.path))) {
    const file = fileFor(path);
    if (!file || HARNESS.has(path)) continue;
    if (!compressed.has(file)) compressed.set(file, brotli(readFileSync(file)));
    const size = statSync(file).size;
    raw += size;
    br += compressed.get(file);
    files.push({ path, raw: size, brotli: compressed.get(file) });
  }
  return { raw, brotli: br, files };
}

// ---- headless Chromium ------------------------------------------------------------
const playwright = await peer("playwright-core/index.js");
const { chromium } = playwright.default ?? playwright;
const browser = await chromium.launch({ executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium", headless: true, args: CHROMIUM_ARGS });

/** Before any page or worker script: catch every wasm memory it makes. */
function hookWasm() {
  const memories = new Set();
  const grab = (instance) => {
    for (const v of Object.values(instance?.exports ?? {})) if (v instanceof WebAssembly.Memory) memories.add(v);
  };
  for (const name of ["instantiate", "instantiateStreaming"]) {
    const original = WebAssembly[name];
    WebAssembly[name] = async function (...args) {
      const result = await original.apply(this, args);
      grab(result.instance ?? result);
      return result;
    };
  }
  const Memory = WebAssembly.Memory;
  WebAssembly.Memory = new Proxy(Memory, {
    construct(target, args) { const m = new target(...args); memories.add(m); return m; },
  });
  globalThis.__wasmMemory = () => [...memories].reduce((n, m) => n + m.buffer.byteLength, 0);
}
/** Served before Pagefind's and the widget's worker scripts (their bytes are counted from the files on disk). */
const WORKER_HOOK = `(${hookWasm})();\n`;

/** A fresh context and page, attached over CDP to the page and to every worker it starts
 * (Pagefind searches in a Web Worker). */
async function openPage(init) {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.addInitScript(hookWasm);
  if (init) await page.addInitScript(init);
  const errors = [];
  page.on("pageerror", (e) => errors.push(String(e)));
  const cdp = await context.newCDPSession(page);
  const workers = new Set();
  const waiting = new Map();
  let serial = 0;
  cdp.on("Target.attachedToTarget", (e) => workers.add(e.sessionId));
  cdp.on("Target.detachedFromTarget", (e) => workers.delete(e.sessionId));
  cdp.on("Target.receivedMessageFromTarget", (e) => {
    const m = JSON.parse(e.message);
    waiting.get(m.id)?.(m.result ?? {});
    waiting.delete(m.id);
  });
  // Non-flat sessions: commands to a worker travel inside Target.sendMessageToTarget.
  await cdp.send("Target.setAutoAttach", { autoAttach: true, waitForDebuggerOnStart: false, flatten: false });
  const inWorker = (sessionId, method, params = {}) => new Promise((done) => {
    const id = ++serial;
    waiting.set(id, done);
    cdp.send("Target.sendMessageToTarget", { sessionId, message: JSON.stringify({ id, method, params }) }).catch(() => done({}));
  });
  /** JS heap in use and ArrayBuffer backing stores after a full GC, and the wasm memories,
   * each summed over the page and its workers. */
  const memory = async () => {
    await cdp.send("HeapProfiler.collectGarbage");
    const usage = [await cdp.send("Runtime.getHeapUsage")];
    let wasm = await page.evaluate(() => globalThis.__wasmMemory());
    for (const w of workers) {
      await inWorker(w, "HeapProfiler.collectGarbage");
      usage.push(await inWorker(w, "Runtime.getHeapUsage"));
      const r = await inWorker(w, "Runtime.evaluate", { expression: "globalThis.__wasmMemory?.() ?? 0", returnByValue: true });
      wasm += r.result?.value ?? 0;
    }
    return {
      heap: usage.reduce((n, u) => n + (u.usedSize ?? 0), 0),
      buffers: usage.reduce((n, u) => n + (u.backingStorageSize ?? 0), 0),
      wasm,
      workers: workers.size,
    };
  };
  return { context, page, errors, memory };
}

const results = {};
for (const engine of ENGINES) {
  log(`${LABELS[engine]}: ${LOADS} loads, then ${ROUNDS} × ${keystrokes} keystrokes`);
  const loads = [];
  let last;
  let cold = null;
  for (let i = 0; i < LOADS; i++) {
    if (last) await last.context.close();
    last = await openPage();
    const { page, errors, memory } = last;
    requests = [];
    await page.goto(`${base}/bench/${engine}.html?q=${encodeURIComponent(queries[0])}`);
    await page.waitForFunction(() => window.__first || window.__error, null, { timeout: 600_000, polling: 50 });
    const first = await page.evaluate(() => window.__first ?? { error: window.__error });
    if (first.error) throw new Error(`${engine}: ${first.error}\n${errors.join("\n")}`);
    const atFirst = { ...first, memory: await memory() };
    // Everything loaded (Findling's shards); what was fetched by then is all there is.
    await page.waitForFunction(() => window.__loaded || window.__error, null, { timeout: 600_000, polling: 50 });
    const loaded = await page.evaluate(() => window.__loaded ?? { error: window.__error });
    if (loaded.error) throw new Error(`${engine}: ${loaded.error}\n${errors.join("\n")}`);
    // Bytes only now: compressing a file blocks this process, and with it the server, which
    // would hold back the shards still loading (one load took 34 s so).
    loads.push({ ...atFirst, bytes: bytesUntil(first.epoch), loaded: { ...loaded, bytes: bytesUntil(loaded.epoch) } });
    // An engine that warms itself up is also typed once without it, on the first fresh page.
    if (first.warms && i === 0 && i < LOADS - 1) cold = (await page.evaluate((q) => window.__type(q, 1, false), queries)).passes[0];
  }
  const { passes, warmUp } = await last.page.evaluate(([q, r]) => window.__type(q, r), [queries, ROUNDS]);
  const afterTyping = await last.memory();
  const findlingMemory = engine === "findling" ? await last.page.evaluate(() => window.__findlingMemory()) : null;
  await last.context.close();
  results[engine] = { loads, passes, warmUp, cold, afterTyping, findlingMemory };
}

// The widget: www/index.html with <findling-search>, typed into with key events and
// watched by `watchKeystrokes` (isolated.mjs).
const INPUT = 'findling-search input[type="search"], findling-search [role="combobox"]';
/** Characters pasted into the widget at once (issue 13: "no input, up to 1 MB pasted"). */
const PASTE_CHARS = 1 << 20;
/** Pastes measured. */
const PASTES = 3;
/** Loads the widget page LOADS times, types every query into the last one, then pastes. */
async function measureWidget(search) {
  log(`widget${search}: ${LOADS} loads, then ${keystrokes} typed keystrokes and ${PASTES} pastes`);
  const loads = [];
  let last;
  for (let i = 0; i < LOADS; i++) {
    if (last) await last.context.close();
    last = await openPage(watchKeystrokes);
    const { page, memory } = last;
    requests = [];
    await page.goto(`${base}/www/index.html${search}`);
    // Ready: the widget's public findling-ready event, or else its input enabled.
    await page.waitForFunction(() => {
      const input = document.querySelector("findling-search")?.shadowRoot?.querySelector('input[type="search"], [role="combobox"]');
      if (input && !input.disabled) window.__ready ??= performance.now();
      return window.__ready;
    }, null, { timeout: 600_000, polling: "raf" });
    const [t, epoch] = await page.evaluate(() => [window.__ready, performance.timeOrigin + window.__ready]);
    loads.push({ t, bytes: bytesUntil(epoch), memory: await memory() });
  }
  const { page } = last;
  // A sharded index: typing starts once the widget has every shard (its `ready` promise).
  await page.evaluate(() => document.querySelector("findling-search")?.ready);
  const input = page.locator(INPUT).first();
  await input.click();
  const typingFrom = await page.evaluate(() => performance.now());
  await typeEach(page, input, queries);
  const keys = await page.evaluate(() => window.__keys);
  // The long tasks of the page's life until typing began (loading: on the main thread
  // when the engine runs there), and those while typing.
  const [loadingTasks, typingTasks] = await page.evaluate((t) => [
    window.__long.filter((e) => e.start < t).map((e) => e.duration),
    window.__long.filter((e) => e.start >= t).map((e) => e.duration),
  ], typingFrom);
  // A pasted megabyte of the corpus's own text, then a keystroke right after it: the
  // main thread's long tasks from the paste until both are drawn, and the paste's latency.
  const paste = [];
  const text = corpusText.toString("utf8").replace(/\s+/g, " ").slice(0, PASTE_CHARS);
  for (let i = 0; i < PASTES; i++) {
    await input.fill("");
    await page.waitForFunction(() => !document.querySelector("findling-search").hasAttribute("aria-busy"));
    await page.waitForTimeout(200);
    const [n, t0] = await page.evaluate(() => [window.__keys.length, performance.now()]);
    await page.keyboard.insertText(text);
    await page.waitForFunction((k) => window.__keys.length > k, n, { timeout: 60_000, polling: "raf" });
    await page.keyboard.press("Backspace");
    await page.waitForFunction(() => !document.querySelector("findling-search").hasAttribute("aria-busy"), null, { polling: "raf" });
    await page.waitForTimeout(500);
    paste.push(await page.evaluate(([k, t]) => ({
      key: window.__keys[k],
      tasks: window.__long.filter((e) => e.start >= t).map((e) => e.duration),
      kept: document.querySelector("findling-search").shadowRoot.querySelector("input").value.length,
    }), [n, t0]));
  }
  const isolated = await page.evaluate(() => crossOriginIsolated);
  const thread = await page.evaluate(() => document.querySelector("findling-search").engineThread);
  await last.context.close();
  return { loads, keys, loadingTasks, typingTasks, paste, isolated, thread };
}
results.widget = await measureWidget("");
results.widgetPlain = await measureWidget("?plain");
const chromiumVersion = browser.version();
await browser.close();
server.close();

// ---- tables -----------------------------------------------------------------------
const ms = (x) => (x < 10 ? x.toFixed(2) : x < 100 ? x.toFixed(1) : Math.round(x).toString());
const kb = (n) => (n < 1024 * 1024 ? `${(n / 1024).toFixed(1)} KB` : `${(n / 1024 / 1024).toFixed(2)} MB`);
const pct = (sorted, p) => sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))];
const sorted = (xs) => [...xs].sort((a, b) => a - b);
const median = (xs) => pct(sorted(xs), 0.5);
const table = (head, rows) => [
  `| ${head.join(" | ")} |`, `| ${head.map(() => "---").join(" | ")} |`, ...rows.map((r) => `| ${r.join(" | ")} |`),
].join("\n");
const cpu = (readFileSync("/proc/cpuinfo", "utf8").match(/^model name\s*:\s*(.*)$/m) ?? [])[1] ?? "unknown CPU";
const nproc = execSync("nproc").toString().trim();
const names = [...ENGINES];

const report = [];
report.push(`## make bench — ${new Date().toISOString().replace("T", " ").slice(0, 16)} UTC`);
report.push("");
report.push(`Machine: ${nproc} cores (nproc; ${availableParallelism()} available to node), ${cpu}; Chromium ${chromiumVersion} headless; node ${process.version}.`);
report.push(`Corpus: \`${resolve(corpusArg)}\` — ${docs.length.toLocaleString("en")} documents as Findling indexed them ` +
  `(cleaned title + text from the package's \`Searcher.documents()\`, given to every engine), ` +
  `${kb(corpusText.length)} of text, **${kb(corpusBrotli)} brotli 11** (the physical floor: the text itself, compressed). ` +
  `Languages: ${languages.map((l) => `${l} ${langCount[l]}`).join(", ") || "none stated"}.`);
report.push(`Timers: pages are cross-origin isolated (COOP/COEP headers), so \`performance.now()\` has 5 µs resolution (isolated: ${ENGINES.every((n) => results[n].loads[0].isolated)}).`);
report.push(`Queries: ${queries.length} from ${queriesFrom}, ${keystrokes} keystrokes (every prefix of every query); ` +
  `first query \`${queries[0]}\`. Peers' index build in node: ${names.filter((n) => indexTime[n]).map((n) => `${LABELS[n]} ${(indexTime[n] / 1000).toFixed(1)} s`).join(", ")}.`);
report.push("");

report.push(`**Per keystroke** (ms, inside the page around the engine call, ${LABELS.findling} \`query(q, {limit: 10})\` with excerpts and highlights; ` +
  "MiniSearch `search` with prefix + fuzzy 0.2, top 10 with stored titles; FlexSearch `search` with limit 10, ids only; Pagefind `search` + `.data()` of the first 10, chunks and fragments fetched as needed). " +
  "First pass = typed once on a fresh page after the first query (and once everything is loaded); second pass = the same again, warm. " +
  `${LABELS.findling} first runs the warm-up its widget runs (\`warmUp\` in www/widget/engine.js: its own queries, from the titles of the index's first hits, so that V8 optimises the engine before a reader types; here once every shard is loaded, with the options typed here), timed; the keystrokes follow at once; the peers have no warm-up. ` +
  "The row without it types on the first of the fresh pages, right after everything is loaded:");
report.push("");
const keystrokeRow = (label, [first, second]) => {
  const [a, b] = [first, second].map((p) => p && sorted(p.times));
  return [label, a.length, `${first.answered} (${Math.round((100 * first.answered) / a.length)} %)`,
    ms(pct(a, 0.5)), ms(pct(a, 0.95)), ms(pct(a, 0.99)), ms(a.at(-1)),
    b ? ms(pct(b, 0.5)) : "", b ? ms(pct(b, 0.95)) : ""];
};
report.push(table(["engine", "keystrokes", "with results", "p50", "p95", "p99", "max", "2nd pass p50", "2nd pass p95"], names.flatMap((n) => {
  const { passes, warmUp, cold } = results[n];
  const label = warmUp === null ? LABELS[n] : `${LABELS[n]}, after its warm-up (${ms(warmUp)} ms)`;
  return [keystrokeRow(label, passes), ...(cold ? [keystrokeRow(`${LABELS[n]}, without its warm-up (another fresh page)`, [cold])] : [])];
})));
report.push("");

report.push(`**To the first result** (from navigation start until the first query's results exist, ${LOADS} fresh pages each, median [min–max]; ` +
  "bytes are every file fetched until then — module, wasm, index files, Pagefind's chunks and fragments for that query — raw as served and compressed with brotli 11 as a host would send them; the harness page is left out):");
report.push("");
report.push(table(["engine", "time to first result", "files", "raw", "brotli 11", "brotli ÷ text floor", "hits"], names.map((n) => {
  const loads = results[n].loads;
  const times = sorted(loads.map((l) => l.t));
  const { bytes } = loads[0];
  return [LABELS[n], `${ms(median(times))} ms [${ms(times[0])}–${ms(times.at(-1))}]`, bytes.files.length,
    kb(bytes.raw), kb(bytes.brotli), `${(bytes.brotli / corpusBrotli).toFixed(2)}×`, loads[0].hits];
})));
report.push("");

if (results.findling.loads[0].loaded.shards) {
  const loads = results.findling.loads;
  const times = sorted(loads.map((l) => l.loaded.t));
  const { bytes, shards } = loads[0].loaded;
  report.push(`**${LABELS.findling}, every shard loaded** (the index is sharded: a core in the module and ${shards} shards fetched in a fixed order, the first alone, then 3 at a time; ` +
    "the first result above came from the shards loaded by then, ranked with the whole index's statistics; typing starts once all are loaded):");
  report.push("");
  report.push(table(["engine", "time to everything loaded", "files", "raw", "brotli 11", "brotli ÷ text floor"], [[
    LABELS.findling, `${ms(median(times))} ms [${ms(times[0])}–${ms(times.at(-1))}]`, bytes.files.length,
    kb(bytes.raw), kb(bytes.brotli), `${(bytes.brotli / corpusBrotli).toFixed(2)}×`,
  ]]));
  report.push("");
}

report.push("**Memory** (after a full GC, summed over the page and its workers — Pagefind searches in a Web Worker: " +
  "JS heap = CDP `Runtime.getHeapUsage().usedSize`; buffers = its `backingStorageSize`: ArrayBuffers and external strings " +
  "(Chromium keeps long strings made by `TextDecoder`, as wasm-bindgen's glue makes them, outside the JS heap); " +
  "wasm = the `WebAssembly.Memory` buffers, caught by wrapping `WebAssembly.instantiate*` and `WebAssembly.Memory` before the page's (and Pagefind's worker's) own scripts ran):");
report.push("");
report.push(table(["engine", "workers", "JS heap after first result", "wasm after first result", "buffers after first result", "JS heap after typing", "wasm after typing", "buffers after typing"], names.map((n) => {
  const { loads, afterTyping: t } = results[n];
  const m = loads.at(-1).memory;
  const wasm = (x) => (x ? kb(x) : "—");
  return [LABELS[n], m.workers, kb(m.heap), wasm(m.wasm), kb(m.buffers), kb(t.heap), wasm(t.wasm), kb(t.buffers)];
})));
if (results.findling.findlingMemory) {
  report.push("");
  report.push(`Findling's own \`wasm.memory.buffer.byteLength\` (from \`init()\`'s exports) after typing: ${kb(results.findling.findlingMemory)}.`);
}
report.push("");

{
  report.push("**The widget** (`www/index.html` with `<findling-search>`, the bench package at `/pkg/`; ready = navigation start to its `findling-ready` event (the first answer drawn); " +
    "typed with key events one character at a time; latency = input event's `timeStamp` to the first DOM change in its shadow root (rendered) and to the end of the next animation frame (painted); " +
    "served cross-origin isolated (COOP + COEP, as every page here) the engine runs in a Worker and the widget may wait up to 16 ms for the answer inside the keystroke's task; " +
    "served as most sites are (`?plain`) the index, whole or sharded, is searched on the main thread, inside the keystroke's task; " +
    "each row says where the engine ran):");
  report.push("");
  const row = (label, { loads, keys }) => {
    const ready = sorted(loads.map((l) => l.t));
    const lat = sorted(keys.map((k) => k.painted - k.t0));
    const render = sorted(keys.map((k) => k.rendered - k.t0));
    const { memory } = loads.at(-1);
    return [label, `${ms(median(ready))} ms [${ms(ready[0])}–${ms(ready.at(-1))}]`, kb(loads[0].bytes.raw), kb(loads[0].bytes.brotli),
      kb(memory.heap), kb(memory.wasm), kb(memory.buffers),
      keys.length, ms(pct(render, 0.5)), ms(pct(render, 0.95)), ms(pct(lat, 0.5)), ms(pct(lat, 0.95)), ms(lat.at(-1))];
  };
  report.push(table(["page", "ready", "raw bytes to ready", "brotli 11", "JS heap at ready", "wasm at ready", "buffers at ready", "keystrokes", "rendered p50", "rendered p95", "painted p50", "painted p95", "painted max"], [
    row(`${LABELS.widget} (isolated: ${results.widget.isolated}; engine: ${results.widget.thread})`, results.widget),
    row(`${LABELS.widget}, \`?plain\` (isolated: ${results.widgetPlain.isolated}; engine: ${results.widgetPlain.thread})`, results.widgetPlain),
  ]));
  const longest = (xs) => Math.max(0, ...xs);
  for (const [label, w] of [["isolated", results.widget], ["`?plain`", results.widgetPlain]]) {
    report.push("");
    report.push(`Main thread (${label}), PerformanceObserver \`longtask\` (tasks over 50 ms): ${w.loadingTasks.length} while the page loaded the index, until typing began ` +
      `(${w.loadingTasks.map((d) => ms(d)).join(", ") || "none"} ms); ${w.typingTasks.length} while typing the ${w.keys.length} keystrokes ` +
      `(longest ${ms(longest(w.typingTasks))} ms). ${PASTES} pastes of ${PASTE_CHARS.toLocaleString("en")} characters of the corpus's text ` +
      "(`keyboard.insertText`: one input event), each followed by a Backspace: " +
      w.paste.map((p) => `${p.tasks.length} long tasks (longest ${ms(longest(p.tasks))} ms), ${p.kept} characters kept, ` +
        `input to painted ${p.key ? ms(p.key.painted - p.key.t0) : "?"} ms`).join("; ") + ".");
  }
}
report.push("");
report.push("<details><summary>Files fetched until the first result</summary>");
report.push("");
for (const n of [...names, "widget"]) {
  const files = results[n].loads[0].bytes.files;
  report.push(`- ${LABELS[n]}: ${files.map((f) => `\`${f.path}\` ${kb(f.raw)} (${kb(f.brotli)})`).join(", ")}`);
}
report.push("");
report.push("</details>");

const text = report.join("\n") + "\n";
mkdirSync(out, { recursive: true });
writeFileSync(join(out, "report.md"), text);
console.log(text);
log(`written to ${join(out, "report.md")}`);
