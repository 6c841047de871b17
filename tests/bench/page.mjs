// Runs inside a bench page (/bench/ENGINE.html?q=FIRST): loads one engine the way it is
// shipped to a browser, answers the first query, and leaves in `window.__first` the time
// (ms since navigation start and as epoch ms, for the server's request log). `window.__type(queries,
// rounds)` then times every prefix of every query around the engine call and counts the
// keystrokes that got at least one result; an engine that warms itself up (Findling: the
// widget's `warmUp`, www/widget/engine.js, its own queries from the index's titles) does so
// first, timed, unless `warm` is false (Findling's word list, which the widget reads in the
// background after load, is read before either, untimed).
import {
  FLEXSEARCH, FLEXSEARCH_SEARCH, LIMIT, MINISEARCH, MINISEARCH_SEARCH,
} from "./engines.mjs";

/** Each loader resolves to `search(q)`, which returns (or resolves to) the results shown. */
const loaders = {
  async findling() {
    const { default: init, Searcher } = await import("/pkg/findling.js");
    const wasm = await init();
    const searcher = new Searcher();
    window.__findlingMemory = () => wasm.memory.buffer.byteLength;
    const search = (q) => searcher.query(q, { limit: LIMIT }).hits;
    // A sharded index: the shards load in the background, as the widget loads them; the
    // first result is the first query's first hit from the shards loaded so far.
    const { loadShards } = await import("/www/widget/shards.js");
    const listeners = new Set();
    search.ready = loadShards(searcher, new URL("/pkg/", location.href), () => listeners.forEach((f) => f()));
    search.firstHits = (q) => new Promise((resolve) => {
      const check = () => {
        const hits = search(q);
        if (hits.length || searcher.complete()) {
          listeners.delete(check);
          resolve(hits);
        }
      };
      listeners.add(check);
      check();
    });
    search.shards = searcher.shardFiles().length;
    // The word list, which the widget reads in background tasks after load
    // (`prepareInSteps`, www/widget/engine.js): read at once before typing, untimed.
    search.prepare = () => searcher.prepare?.(0xffffffff);
    // What the widget runs once ready, with the options typed here (fetched only then: the
    // bytes to the first result are the engine's).
    search.warmUp = async () => {
      const { warmUp } = await import("/www/widget/engine.js");
      await warmUp((q) => searcher.query(q, { limit: LIMIT }));
    };
    return search;
  },
  async minisearch() {
    const { default: MiniSearch } = await import("/node_modules/minisearch/dist/es/index.js");
    const json = await (await fetch("/bench/minisearch.json")).text();
    const index = MiniSearch.loadJSON(json, MINISEARCH);
    return (q) => index.search(q, MINISEARCH_SEARCH).slice(0, LIMIT);
  },
  async flexsearch() {
    const { Document } = await import("/node_modules/flexsearch/dist/flexsearch.bundle.module.min.mjs");
    const parts = await (await fetch("/bench/flexsearch.json")).json();
    const index = new Document(FLEXSEARCH);
    for (const [key, data] of Object.entries(parts)) index.import(key, data);
    return (q) => {
      const ids = [];
      for (const field of index.search(q, FLEXSEARCH_SEARCH)) {
        for (const id of field.result) if (ids.length < LIMIT && !ids.includes(id)) ids.push(id);
      }
      return ids;
    };
  },
  async pagefind() {
    const pagefind = await import("/bench/pagefind/pagefind.js");
    // Its results carry no text until .data(): the ten shown are fetched, as its UI does.
    return async (q) => {
      const search = await pagefind.search(q);
      return Promise.all(search.results.slice(0, LIMIT).map((r) => r.data()));
    };
  },
};

const engine = location.pathname.split("/").pop().replace(/\.html$/, "");
const firstQuery = new URLSearchParams(location.search).get("q") ?? "";

try {
  const search = await loaders[engine]();
  const hits = search.firstHits ? await search.firstHits(firstQuery) : await search(firstQuery);
  const t = performance.now();
  window.__first = { t, epoch: performance.timeOrigin + t, hits: hits.length, isolated: crossOriginIsolated,
    warms: Boolean(search.warmUp) };
  // Everything loaded (a sharded index's last shard; else the first result): typing waits for it.
  const loaded = search.ready ? search.ready.then(() => performance.now()) : Promise.resolve(t);
  loaded.then((t) => { window.__loaded = { t, epoch: performance.timeOrigin + t, shards: search.shards ?? 0 }; },
    (e) => { window.__error = String(e?.stack ?? e); });
  window.__type = async (queries, rounds, warm = true) => {
    await loaded;
    search.prepare?.();
    let warmUp = null;
    if (warm && search.warmUp) {
      const t0 = performance.now();
      await search.warmUp();
      warmUp = performance.now() - t0;
    }
    const passes = [];
    for (let round = 0; round < rounds; round++) {
      const times = [];
      let answered = 0;
      for (const q of queries) {
        for (let i = 1; i <= q.length; i++) {
          const t0 = performance.now();
          let r = search(q.slice(0, i));
          if (r && typeof r.then === "function") r = await r;
          times.push(performance.now() - t0);
          if (r.length) answered++;
        }
      }
      passes.push({ times, answered });
    }
    return { passes, warmUp };
  };
} catch (e) {
  window.__error = String(e?.stack ?? e);
}
