// The search engine of <findling-search> in a dedicated module Worker: it owns the wasm
// `Searcher` and answers the widget's calls, so that no query, however long the pasted
// text, runs on the page's main thread. `engine.js` is the other end of the protocol
// (every message is a structured clone):
//   page → worker  {type: "init", glue, wasm}   glue: URL of pkg/findling.js;
//                  wasm: a WebAssembly.Module (compiled by the page), bytes, or undefined
//                  (the glue then fetches findling_bg.wasm next to itself)
//   page → worker  {id, method, args}            any method of Searcher, e.g. "query",
//                  ["zoom", {limit: 10, facets: true}]; calls sent before init ended wait
//   worker → page  {type: "ready", methods}      the Searcher methods this module has
//   worker → page  {type: "failed", error}       the module could not load
//   worker → page  {id, result} | {id, error}    error: {name, message}; the result is the
//                  whole object the method returned, so new fields pass through untouched
// Calls are answered in the order they came; which answers still matter is the page's
// business (engine.js renders only the latest query's).

/** Loads the glue module by URL. The single-file build replaces this line with the glue
 * inlined into the worker's own source. */
const loadGlue = (url) => import(url);

/** Serialises an exception for the page: its class name (TypeError, RangeError…) and message. */
const errorOf = (e) => ({ name: e?.name ?? "Error", message: String(e?.message ?? e) });

let started = null;

/** Instantiates the module and opens the index; resolves to the Searcher. */
async function start({ glue, wasm }) {
  const { default: init, Searcher } = await loadGlue(glue);
  await init(wasm === undefined ? undefined : { module_or_path: wasm });
  return new Searcher();
}

self.addEventListener("message", async ({ data }) => {
  if (data?.type === "init") {
    started ??= start(data);
    try {
      const searcher = await started;
      const methods = Object.getOwnPropertyNames(Object.getPrototypeOf(searcher))
        .filter((name) => name !== "constructor" && typeof searcher[name] === "function");
      self.postMessage({ type: "ready", methods });
    } catch (e) {
      self.postMessage({ type: "failed", error: errorOf(e) });
    }
    return;
  }
  const { id, method, args } = data ?? {};
  try {
    if (!started) throw new Error("the engine was not started (no init message)");
    const searcher = await started;
    const own = typeof method === "string" && Object.hasOwn(Object.getPrototypeOf(searcher), method);
    if (!own || method === "constructor" || method === "free" || typeof searcher[method] !== "function") {
      throw new TypeError(`Searcher has no method ${JSON.stringify(method)}`);
    }
    self.postMessage({ id, result: searcher[method](...(Array.isArray(args) ? args : [])) });
  } catch (e) {
    self.postMessage({ id, error: errorOf(e) });
  }
});
