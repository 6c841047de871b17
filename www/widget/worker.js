// The search engine of <findling-search> in a dedicated module Worker: it owns the wasm
// `Searcher` and answers the widget's calls, so that no query, however long the pasted
// text, runs on the page's main thread. `engine.js` is the other end of the protocol
// (every message is a structured clone):
//   page → worker  {type: "init", glue, wasm, shared}   glue: URL of pkg/findling.js;
//                  wasm: a WebAssembly.Module (compiled by the page), bytes, or undefined
//                  (the glue then fetches findling_bg.wasm next to itself); shared: an
//                  optional SharedArrayBuffer (cross-origin isolated pages only)
//   page → worker  {id, method, args, shared}    any method of Searcher, e.g. "query",
//                  ["zoom", {limit: 10, facets: true}]; calls sent before init ended wait;
//                  with `shared`, the answer is also written to the SharedArrayBuffer as
//                  JSON (Int32 0: the id, Int32 1: its byte length, -1 too big, -2 an
//                  error; the bytes from offset 8), so a page waiting for it can draw it
//                  in the frame of the keystroke (engine.js, `callWaiting`)
//   worker → page  {type: "ready", methods, shards}   the Searcher methods this module has;
//                  shards: {files, loaded} of a sharded index (files 0 for a whole one)
//   worker → page  {type: "shards", loaded, complete} | {type: "shards", error}   a
//                  sharded index's shards load in the background after "ready" (shards.js,
//                  fetched beside the glue); one message per shard, queries answered meanwhile
//   worker → page  {type: "failed", error}       the module could not load
//   worker → page  {id, result} | {id, error}    error: {name, message}; the result is the
//                  whole object the method returned, so new fields pass through untouched
// After "ready" the worker runs a few queries of its own, one per task (`warmUp`), so that
// the engine's code is optimised before the reader types. Calls are answered in the order
// they came; which answers still matter is the page's business (engine.js renders only the
// latest query's).

/** Loads the glue module by URL. The single-file build replaces this line with the glue
 * inlined into the worker's own source. */
const loadGlue = (url) => import(url);

/** Serialises an exception for the page: its class name (TypeError, RangeError…) and message. */
const errorOf = (e) => ({ name: e?.name ?? "Error", message: String(e?.message ?? e) });

let started = null;
/** The page's SharedArrayBuffer, as {header: Int32Array(2), bytes: Uint8Array}, or null. */
let shared = null;
const encoder = new TextEncoder();

/** Writes answer `id` to the shared buffer: its JSON, else -1 (too big) or -2 (an error). */
function share(id, result, failed) {
  let length = -2;
  if (!failed) {
    // encodeInto() refuses a shared view: encode, then copy.
    const json = encoder.encode(JSON.stringify(result) ?? "null");
    length = json.length <= shared.bytes.length ? json.length : -1;
    if (length >= 0) shared.bytes.set(json);
  }
  Atomics.store(shared.header, 1, length);
  Atomics.store(shared.header, 0, id);
}

/** Loads a sharded index's shards (widget/shards.js, beside this file) and tells the page
 * after each one. */
async function loadAllShards(searcher, base) {
  try {
    const { loadShards } = await import(new URL("./shards.js", self.location.href));
    await loadShards(searcher, base, (loaded) => {
      self.postMessage({ type: "shards", loaded, complete: searcher.complete?.() ?? false });
    });
    self.postMessage({ type: "shards", loaded: 1, complete: true });
  } catch (e) {
    self.postMessage({ type: "shards", error: errorOf(e) });
  }
}

/** One-letter queries tried in turn until one has a hit, whose title the warm-up types. */
const WARM_UP_LETTERS = ["e", "a", "o", "i", "n"];
/** The options the widget queries with (findling-search.js), so facet counting warms too. */
const WARM_UP_OPTIONS = { limit: 10, facets: true };

/** The queries of the warm-up, one per step: a one-letter query, then the first three words
 * of its first hit's title typed one character at a time, then those with their second and
 * third letters swapped (a typo that still matches: a word must keep its first letter to be
 * one typo away, see the README). V8 compiles a wasm function at its first call with its baseline
 * compiler (Liftoff) and again with its optimising one (TurboFan), in the background, only
 * after it has run for a while, so a reader's first keystrokes ran in slow code. On de-10k
 * in Chromium 156 (2026-11-30, this worker, each keystroke's round trip with facets, the
 * bench's 336 keystrokes typed 1 s after "ready", 5 runs): the first typing p95 4.1–4.8 ms,
 * p99 8.7–12.1 ms without the warm-up, 3.1–3.7 and 6.8–8.5 ms with it; typed again,
 * 2.6–2.9 ms either way. The cost: the page's first call after "ready" waits for one
 * warm-up query (6 → 12 ms, median). */
function* warmUp(searcher) {
  let title = "";
  for (const letter of WARM_UP_LETTERS) {
    title = searcher.query(letter, WARM_UP_OPTIONS).hits[0]?.title ?? "";
    yield;
    if (title) break;
  }
  const words = title.split(/\s+/).filter(Boolean).slice(0, 3).join(" ");
  for (let i = 2; i <= words.length; i++) {
    searcher.query(words.slice(0, i), WARM_UP_OPTIONS);
    yield;
  }
  const [first, second, third, ...rest] = Array.from(words);
  if (rest.length) searcher.query([first, third, second, ...rest].join(""), WARM_UP_OPTIONS);
}

/** Runs the warm-up one query per task, so that a call from the page waits for one warm-up
 * query at most. */
function warmUpInSteps(searcher) {
  const steps = warmUp(searcher);
  const step = () => {
    try {
      if (!steps.next().done) setTimeout(step, 0);
    } catch {
      // A warm-up query that fails changes nothing the reader sees: the same call from the
      // page would fail there and say why.
    }
  };
  setTimeout(step, 0);
}

/** Instantiates the module and opens the index; resolves to the Searcher. */
async function start({ glue, wasm }) {
  const { default: init, Searcher } = await loadGlue(glue);
  await init(wasm === undefined ? undefined : { module_or_path: wasm });
  return new Searcher();
}

self.addEventListener("message", async ({ data }) => {
  if (data?.type === "init") {
    try {
      if (typeof SharedArrayBuffer === "function" && data.shared instanceof SharedArrayBuffer) {
        shared = { header: new Int32Array(data.shared, 0, 2), bytes: new Uint8Array(data.shared, 8) };
      }
      started ??= start(data);
      const searcher = await started;
      const methods = Object.getOwnPropertyNames(Object.getPrototypeOf(searcher))
        .filter((name) => name !== "constructor" && typeof searcher[name] === "function");
      const files = typeof searcher.shardFiles === "function" ? searcher.shardFiles().length : 0;
      const loaded = files && typeof searcher.loaded === "function" ? searcher.loaded() : 1;
      self.postMessage({ type: "ready", methods, shards: { files, loaded } });
      if (files) loadAllShards(searcher, data.glue);
      if (typeof searcher.query === "function") warmUpInSteps(searcher);
    } catch (e) {
      self.postMessage({ type: "failed", error: errorOf(e) });
    }
    return;
  }
  const { id, method, args } = data ?? {};
  const sharing = data?.shared === true && shared !== null;
  try {
    if (!started) throw new Error("the engine was not started (no init message)");
    const searcher = await started;
    const own = typeof method === "string" && Object.hasOwn(Object.getPrototypeOf(searcher), method);
    if (!own || method === "constructor" || method === "free" || typeof searcher[method] !== "function") {
      throw new TypeError(`Searcher has no method ${JSON.stringify(method)}`);
    }
    const result = searcher[method](...(Array.isArray(args) ? args : []));
    if (sharing) share(id, result, false);
    self.postMessage({ id, result });
  } catch (e) {
    if (sharing) share(id, undefined, true);
    self.postMessage({ id, error: errorOf(e) });
  }
});
