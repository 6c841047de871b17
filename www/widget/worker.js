// The search engine of <findling-search> in a dedicated module Worker, where engine.js
// runs it (any index on a cross-origin isolated page, whose shards then load off the page's
// main thread; a module that does not say what its index is; or as the widget's `engine`
// attribute says): it owns the
// wasm `Searcher` and answers the widget's calls. `engine.js` is the other end of the
// protocol (every message is a structured clone):
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
// Calls are answered in the order they came; which answers still matter is the page's
// business (engine.js renders only the latest query's, has the engine read its word list a
// few milliseconds at a time right after load, `prepareInSteps`, and then warms it up with a
// few hundred queries of its own once there are documents to search: `warmUp`).

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
