// Where <findling-search> runs the engine, with one interface either way (every call is
// asynchronous: `engine.call("query", q, options)` resolves to the whole object
// `Searcher.query` returned), as `engineSite` decides:
// - the main thread on a page that is not cross-origin isolated, as most hosts serve pages:
//   there an answer by message is painted a frame late (below), while a query made in the
//   input's own task is painted in the keystroke's frame; the engine's bounds (1,000
//   characters and 32 words per query, see the README's Reliability section) keep each
//   query short, a sharded index's shards are added one task each as they arrive, and the
//   one long task the engine used to make, reading its word list, is cut into calls sized
//   to about PREPARE_STEP_MS (`prepareInSteps`);
// - a dedicated module Worker (worker.js) on a cross-origin isolated page, which waits for
//   the worker's answer inside the input's task (below), so that loading the index costs
//   the page's main thread nothing;
// - the main thread too where no worker can run: a browser without module workers, or a
//   page whose Content-Security-Policy refuses the worker's script (a `blob:` worker, as the
//   single-file build makes, needs `worker-src blob:`).
// The widget's `engine` attribute ("worker" or "main") overrides the choice.
//
// Chromium draws a keystroke's DOM changes in the frame of the keystroke only when they are
// made in the input event's own task: after a discrete input event its scheduler holds
// back messages (from a worker, a MessagePort, a BroadcastChannel alike) until that frame is
// drawn (the DeferRendererTasksAfterInput feature), so an answer that comes by message is
// painted a frame later, however fast the worker: an echo worker that answers in 2 ms was
// painted 30 ms after the input (p50, Chromium 156, 2026-11-30), the widget's answer arrived
// 11 ms after the worker sent it and was painted at 31 ms; with that feature disabled it
// arrived after 0.5 ms and was painted at 15 ms. On a cross-origin isolated page (COOP same-origin + COEP require-corp) a
// SharedArrayBuffer lets `callWaiting` wait a bounded time for the worker's answer inside
// the input task, so the answer is drawn in the keystroke's frame whenever the engine is
// fast enough, and the main thread never waits longer than the bound.
//
// `LatestCall` drops stale answers: one call in flight at a time, a newer call replaces the
// one waiting, and an answer that a newer call overtook resolves to `STALE`, never rendered.

import { loadShards } from "./shards.js";

/** What `LatestCall.run` resolves to when a newer call made the answer worthless. */
export const STALE = Symbol("stale");

/** The smallest module with a SIMD instruction (a function returning `v128.const 0`). */
const SIMD_PROBE = new Uint8Array([
  0, 97, 115, 109, 1, 0, 0, 0, 1, 5, 1, 96, 0, 1, 123, 3, 2, 1, 0, 10, 22, 1, 20, 0, 253, 12,
  0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 11,
]);

/** Why the module failed to compile, said plainly where the browser lacks WebAssembly
 * SIMD (the module is built with it, see .cargo/config.toml): `error` itself otherwise.
 * `validate` is `WebAssembly.validate`, given for tests. */
export function wasmSupport(error, validate = (bytes) => WebAssembly.validate(bytes)) {
  if (validate(SIMD_PROBE)) return error;
  return new Error("this browser cannot run WebAssembly SIMD, which the search needs " +
    "(Chrome or Edge 91, Firefox 89, Safari 16.4 or later)", { cause: error });
}

/** The wasm module compiled once, off the main thread's critical path: `source` is the
 * module's bytes (the single-file build) or undefined to stream it from `wasmUrl`. */
export async function compileWasm(source, wasmUrl) {
  try {
    return await compile(source, wasmUrl);
  } catch (e) {
    throw e instanceof WebAssembly.CompileError ? wasmSupport(e) : e;
  }
}

async function compile(source, wasmUrl) {
  if (source !== undefined) return WebAssembly.compile(source);
  const response = fetch(wasmUrl);
  try {
    return await WebAssembly.compileStreaming(response);
  } catch (e) {
    // A server that sends another MIME type than application/wasm: compile from the bytes.
    const r = await response;
    if (!r.ok) throw new Error(`${wasmUrl}: HTTP ${r.status}`);
    if (r.headers.get("content-type")?.startsWith("application/wasm")) throw e;
    return WebAssembly.compile(await r.clone().arrayBuffer());
  }
}

/** How much of a sharded index is searchable, for both engines: `progress` ({sharded,
 * loaded: fraction of documents, complete}), `shards` (resolves when every shard is in, at
 * once for a whole index; rejects on the first failure), `onShard(fn)` (called after each
 * shard; returns a function that stops it). */
class ShardProgress {
  constructor(files, loaded) {
    this.progress = { sharded: files > 0, loaded: files > 0 ? loaded : 1, complete: files === 0 };
    this.listeners = new Set();
    this.shards = new Promise((resolve, reject) => { this.settle = { resolve, reject }; });
    if (!files) this.settle.resolve();
  }

  onShard(listener) {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  shardLoaded(loaded, complete) {
    this.progress.loaded = loaded;
    this.progress.complete = complete;
    for (const listener of this.listeners) listener();
    if (complete) this.settle.resolve();
  }
}

/** The engine in a Worker: `call(method, ...args)` posts `{id, method, args}` and resolves
 * to the answer with that id (rejects with an Error of the worker's error's class). */
class WorkerEngine extends ShardProgress {
  constructor(worker, methods, shared, shards = { files: 0, loaded: 1 }) {
    super(shards.files, shards.loaded);
    this.worker = worker;
    this.methods = new Set(methods);
    this.shared = shared ? { header: new Int32Array(shared, 0, 2), bytes: new Uint8Array(shared, 8) } : null;
    this.where = "worker";
    this.serial = 0;
    this.slow = 0;
    this.waiting = new Map();
    worker.addEventListener("message", ({ data }) => {
      if (data?.type === "shards") {
        if (data.error) this.settle.reject(rebuild(data.error));
        else this.shardLoaded(data.loaded, data.complete);
        return;
      }
      const pending = this.waiting.get(data?.id);
      if (!pending) return;
      this.waiting.delete(data.id);
      if ("error" in data) pending.reject(rebuild(data.error));
      else pending.resolve(data.result);
    });
    worker.addEventListener("error", (e) => {
      e.preventDefault?.();
      const error = new Error(`the search worker failed: ${e.message ?? "unknown error"}`);
      for (const pending of this.waiting.values()) pending.reject(error);
      this.waiting.clear();
    });
  }

  has(method) {
    return this.methods.has(method);
  }

  call(method, ...args) {
    return this.post(method, args, false).promise;
  }

  /** As `call`, but on a cross-origin isolated page first waits up to `waitMs` for the
   * answer in the shared buffer, blocking the main thread that long at most: an answer
   * found there settles the promise before this returns, so it is drawn in this task.
   * After SLOW_STREAK answers in a row that took longer than `waitMs` (a slow device or a
   * big corpus) it stops waiting, until an answer comes within `waitMs` again. */
  callWaiting(waitMs, method, ...args) {
    const wait = this.shared !== null && this.slow < SLOW_STREAK;
    const started = performance.now();
    const { id, promise } = this.post(method, args, wait);
    if (this.shared) {
      promise.then(() => { this.slow = performance.now() - started > waitMs ? this.slow + 1 : 0; }, () => {});
    }
    if (!wait) return promise;
    const { header, bytes } = this.shared;
    const end = started + waitMs;
    while (Atomics.load(header, 0) !== id) if (performance.now() > end) return promise;
    const length = Atomics.load(header, 1);
    if (length >= 0) {
      const pending = this.waiting.get(id);
      this.waiting.delete(id);
      pending.resolve(JSON.parse(decoder.decode(bytes.slice(0, length))));
    }
    return promise; // -1 (too big) or -2 (an error): the message brings it
  }

  post(method, args, shared) {
    const id = ++this.serial;
    const promise = new Promise((resolve, reject) => {
      this.waiting.set(id, { resolve, reject });
      this.worker.postMessage({ id, method, args, shared });
    });
    return { id, promise };
  }
}

const decoder = new TextDecoder();
/** Answers in a row slower than the wait after which `callWaiting` stops waiting. */
const SLOW_STREAK = 3;
/** Bytes shared with the worker for answers awaited in the input task (10 hits with their
 * excerpts and the facet counts are a few tens of KB; a bigger answer comes by message). */
const SHARED_BYTES = 1 << 19;

/** What the compiled `module` says of its index, from its custom section `findling.index`
 * (src/wasm.rs): `{ whole, bytes }` (a whole index or a sharded index's core, and its
 * length), or `null` for a module without the section. */
export function indexOf(module) {
  const [section] = WebAssembly.Module.customSections(module, "findling.index");
  if (!section || section.byteLength < 5) return null;
  const view = new DataView(section);
  return { whole: view.getUint8(0) === 0, bytes: view.getUint32(1, true) };
}

/** Where the engine should run, "worker" or "main" (see the top of this file): `prefer`
 * is the widget's `engine` attribute ("worker" or "main", any case; anything else is
 * ignored with a warning), `index` what `indexOf` said, `isolated` whether the page is
 * cross-origin isolated. A module that does not say stays in a worker. */
export function engineSite({ prefer, index, isolated }) {
  const asked = prefer?.trim().toLowerCase();
  if (asked === "worker" || asked === "main") return asked;
  if (prefer) console.warn(`findling: engine="${prefer}" is neither "worker" nor "main"; choosing by the page`);
  return index && !isolated ? "main" : "worker";
}

/** The engine on the main thread, behind the same asynchronous interface; a sharded
 * index's shards load in the background here too. */
class LocalEngine extends ShardProgress {
  constructor(searcher, base) {
    const files = typeof searcher.shardFiles === "function" ? searcher.shardFiles().length : 0;
    super(files, files && typeof searcher.loaded === "function" ? searcher.loaded() : 1);
    this.searcher = searcher;
    this.where = "main thread";
    if (files) {
      loadShards(searcher, base, (loaded) => this.shardLoaded(loaded, searcher.complete?.() ?? false))
        .then(() => this.shardLoaded(1, true), (e) => this.settle.reject(e));
    }
  }

  has(method) {
    return typeof this.searcher[method] === "function";
  }

  async call(method, ...args) {
    if (!this.has(method)) throw new TypeError(`Searcher has no method ${JSON.stringify(method)}`);
    return this.searcher[method](...args);
  }

  callWaiting(waitMs, method, ...args) {
    return this.call(method, ...args);
  }
}

/** One-letter queries tried in turn until one has a hit, whose hits' titles the warm-up types. */
const WARM_UP_LETTERS = ["e", "a", "o", "i", "n"];
/** The options the widget queries with (findling-search.js), so facet counting warms too. */
const WARM_UP_OPTIONS = { limit: 10, facets: true };
/** How many titles the warm-up types. Fewer (one, three) left the optimising compiler work
 * to do while the reader typed, and ten did no better (README, "The warm-up"); on de-10k
 * the eight are 281 queries. */
export const WARM_UP_TITLES = 8;
/** How many of a title's first words the warm-up types. */
const WARM_UP_WORDS = 3;
/** Each word cut at this many characters (a title's first word may be a long URL or
 * identifier). */
const WARM_UP_WORD_CHARS = 20;
/** A letter of any script. */
const LETTER = /\p{L}/u;
/** Run together, the words are typed from this many letters on: from where the engine looks
 * for compound parts (`MIN_PART_LEN` in src/search/expand.rs), or the first word's end. */
const WARM_UP_PART_CHARS = 5;

/** The words of `hit` the warm-up types: its title's first WARM_UP_WORDS, or its excerpt's
 * words with a letter when the title has none, each cut at WARM_UP_WORD_CHARS. */
function warmUpWords(hit) {
  const wordsOf = (text) => String(text ?? "").split(/\s+/).filter(Boolean);
  const titled = wordsOf(hit.title);
  const words = titled.some((word) => LETTER.test(word))
    ? titled
    : wordsOf(hit.snippet).filter((word) => LETTER.test(word));
  return words.slice(0, WARM_UP_WORDS).map((word) => Array.from(word).slice(0, WARM_UP_WORD_CHARS).join(""));
}

/** The queries of the warm-up, built from the index alone, never from what a reader types:
 * a one-letter query, then for each of its hits' titles (the first WARM_UP_TITLES with
 * different words; a hit whose title has no letter gives its excerpt's words with a
 * letter) its first WARM_UP_WORDS words typed one character at a time, the same
 * with the second and third letters of its first word of three or more letters swapped (a
 * typo that still matches: a word must keep its first letter to be one typo away, see the
 * README; none when the two are the same letter), and the words run together into one (a
 * compound the dictionary lacks, which the engine splits into parts). `ask(q)` runs one
 * query and resolves to its answer.
 *
 * V8 compiles a wasm function at its first call with its baseline compiler (Liftoff) and
 * again with its optimising one (TurboFan), in the background, only after it has run for a
 * while; until then a reader's keystrokes run in slow code while the optimising compiler
 * takes one of this 2-core machine's cores. On de-10k in Chromium 156 (2026-12-01, the bare
 * engine on the main thread, the bench's 336 keystrokes typed at once after the warm-up;
 * README, "The warm-up"; `tests/bench/warm-up.mjs`, eight runs each): the first typing's
 * p95 3.6–5.8 ms without a warm-up (3.1–4.0 ms with the one title it had before, three
 * runs), 0.88–1.45 ms after this one's 300–500 ms; typed again, 0.75–0.98 ms. */
export async function warmUp(ask) {
  let hits = [];
  for (const letter of WARM_UP_LETTERS) {
    hits = (await ask(letter))?.hits ?? [];
    if (hits.length) break;
  }
  const typed = new Set();
  for (const hit of hits) {
    if (typed.size === WARM_UP_TITLES) break;
    const words = warmUpWords(hit);
    const text = words.join(" ");
    if (!text || typed.has(text)) continue;
    typed.add(text);
    for (let i = 1; i <= text.length; i++) await ask(text.slice(0, i));
    const typo = words.findIndex((word) => Array.from(word).length >= 3);
    const [first, second, third, ...rest] = typo >= 0 ? Array.from(words[typo]) : [];
    if (second !== third) {
      await ask(words.map((word, i) => (i === typo ? [first, third, second, ...rest].join("") : word)).join(" "));
    }
    if (words.length > 1) {
      const joined = words.join("");
      for (let i = Math.max(WARM_UP_PART_CHARS, words[0].length + 1); i <= joined.length; i++) {
        await ask(joined.slice(0, i));
      }
    }
  }
}

/** Resolves once `engine` has documents to search: at once for a whole index, after the
 * first shard for a sharded one (or when loading ends, failed or not). The warm-up's
 * one-letter queries find nothing in a core alone. */
function searchable(engine) {
  if (!engine.progress?.sharded || engine.progress.loaded > 0) return Promise.resolve();
  return new Promise((resolve) => {
    const stop = engine.onShard(() => { stop(); resolve(); });
    engine.shards.then(resolve, resolve);
  });
}

/** Resolves in a task of its own, at background priority where the browser has
 * `scheduler.postTask`: a reader's keystroke goes first. */
function backgroundTask() {
  return typeof globalThis.scheduler?.postTask === "function"
    ? globalThis.scheduler.postTask(() => {}, { priority: "background" })
    : new Promise((resolve) => setTimeout(resolve, 0));
}

/** Steps of the first `prepare` call: a step is a word read, laid out, counted or listed,
 * about 0.2 µs natively at the most costly (reading), a few times that in a first call's
 * baseline code; each next call's steps are sized from the one before so that it takes
 * about PREPARE_STEP_MS, growing at most PREPARE_GROWTH times a call (a call too short to
 * time, or a cheaper step of the next phase, would otherwise make the next one far too
 * long), within PREPARE_STEPS. */
const PREPARE_FIRST_STEPS = 1024;
/** How much more one `prepare` call may take than the one before. */
const PREPARE_GROWTH = 2;
/** About how long one `prepare` call may hold its thread: a keystroke that comes meanwhile
 * waits that long at most. */
export const PREPARE_STEP_MS = 4;
/** The fewest and most steps of one call (the most: about a dictionary's worth). */
const PREPARE_STEPS = [256, 1 << 20];

/** Does, one task at a time, the work the engine would otherwise do in the first search for
 * a compound part (`Searcher.prepare`: reading its word list, on de-10k about 100 ms in one
 * task of Chromium's main thread; README, "Where the engine runs"), each call sized to take
 * about PREPARE_STEP_MS, in background tasks (`backgroundTask`). A module without `prepare`
 * reads the list at its first search for a part, as before. Resolves when nothing is left,
 * or at the first failure (the reader's first search would then do the work, or say why it
 * cannot). */
export async function prepareInSteps(engine) {
  if (!engine.has("prepare")) return;
  let steps = PREPARE_FIRST_STEPS;
  try {
    for (;;) {
      await backgroundTask();
      const start = performance.now();
      if (await engine.call("prepare", steps)) return;
      const took = Math.max(performance.now() - start, 0.1);
      const next = Math.min(steps * PREPARE_STEP_MS / took, steps * PREPARE_GROWTH);
      steps = Math.round(Math.min(Math.max(next, PREPARE_STEPS[0]), PREPARE_STEPS[1]));
    }
  } catch {
    // As the doc says: the work is left to the first search.
  }
}

/** Warms `engine` up (`warmUp`) once it has documents, one query per task, in background
 * tasks (`backgroundTask`), so that a keystroke of the reader's waits at most for the one
 * warm-up query running (on the main thread) or queued before it (in the worker). A failing
 * query ends it: the reader's same call would fail and say why. Resolves when it has ended. */
export function warmUpInSteps(engine) {
  if (!engine.has("query")) return Promise.resolve();
  return searchable(engine)
    .then(() => warmUp(async (q) => {
      await backgroundTask();
      return engine.call("query", q, WARM_UP_OPTIONS);
    }))
    .catch(() => {});
}

/** An Error of the class the worker threw (TypeError, RangeError…), with its message. */
function rebuild({ name, message }) {
  const Class = { TypeError, RangeError, SyntaxError }[name];
  const error = new (Class ?? Error)(message);
  if (!Class && name) error.name = name;
  return error;
}

/** Starts a worker from `workerUrl` (a module script) or `workerSource` (its text, without
 * import or export, run as a classic `blob:` script); resolves to a WorkerEngine once its Searcher is open, rejects when the
 * worker cannot start or load the module. */
function startWorker({ workerUrl, workerSource, glue, module }) {
  return new Promise((resolve, reject) => {
    let worker;
    let url;
    try {
      url = workerSource === undefined ? workerUrl
        : URL.createObjectURL(new Blob([workerSource], { type: "text/javascript" }));
      // The source runs as a classic script: Chromium starts no module worker from a blob:
      // URL made by a file:// page, but does start a classic one.
      worker = new Worker(url, { type: workerSource === undefined ? "module" : "classic", name: "findling" });
    } catch (e) {
      reject(e); // no Worker, or a Content-Security-Policy that refuses its script
      return;
    }
    const settle = (ok, value) => {
      worker.removeEventListener("message", onMessage);
      worker.removeEventListener("error", onError);
      if (workerSource !== undefined) URL.revokeObjectURL(url);
      if (ok) resolve(value);
      else { worker.terminate(); reject(value); }
    };
    const onMessage = ({ data }) => {
      if (data?.type === "ready") settle(true, new WorkerEngine(worker, data.methods, shared, data.shards));
      else if (data?.type === "failed") settle(false, rebuild(data.error));
    };
    const onError = (e) => {
      e.preventDefault?.();
      settle(false, new Error(`the search worker did not start: ${e.message ?? "its script was refused (a Content-Security-Policy without worker-src for it?) or failed to load"}`));
    };
    worker.addEventListener("message", onMessage);
    worker.addEventListener("error", onError);
    const shared = globalThis.crossOriginIsolated && typeof SharedArrayBuffer === "function"
      ? new SharedArrayBuffer(8 + SHARED_BYTES) : null;
    worker.postMessage({ type: "init", glue: String(glue), wasm: module, shared });
  });
}

/**
 * Starts the engine where `engineSite` says, on the main thread where no worker runs.
 * @param {object} o
 * @param {URL|string} o.glue URL of pkg/findling.js (the worker imports it)
 * @param {URL|string} [o.workerUrl] URL of worker.js
 * @param {string} [o.workerSource] the worker's source text instead (single-file build)
 * @param {Promise<WebAssembly.Module>} o.module the compiled module (see compileWasm)
 * @param {(opts: object) => Promise<unknown>} o.init the glue's init, for the fallback
 * @param {new () => object} o.Searcher the glue's Searcher class, for the fallback
 * @param {string|null} [o.prefer] "worker" or "main" to override the choice
 * @returns {Promise<WorkerEngine|LocalEngine>}
 */
export async function startEngine({ glue, workerUrl, workerSource, module, init, Searcher, prefer = null }) {
  const compiled = await module;
  const site = engineSite({ prefer, index: indexOf(compiled), isolated: globalThis.crossOriginIsolated === true });
  const engine = await startOn(site, { glue, workerUrl, workerSource, compiled, init, Searcher });
  // The word list first (it needs no shard), then the warm-up, whose words of five letters
  // would otherwise read it in one task.
  prepareInSteps(engine).then(() => warmUpInSteps(engine));
  return engine;
}

/** The engine at `site`, or on the main thread where no worker starts. */
async function startOn(site, { glue, workerUrl, workerSource, compiled, init, Searcher }) {
  if (site === "worker" && typeof Worker === "function") {
    try {
      return await startWorker({ workerUrl, workerSource, glue, module: compiled });
    } catch (e) {
      console.warn(`findling: searching on the main thread (${e?.message ?? e})`);
    }
  }
  await init({ module_or_path: compiled });
  // Opening the index (its first calls in baseline code) in a task of its own: on a
  // sharded index's plain page the compiled module's arrival, its instantiation and the
  // core's opening ran in one task of 54 ms (da-full).
  await nextTask();
  return new LocalEngine(new Searcher(), glue);
}

/** Resolves in a new task, ahead of background work where the browser has
 * `scheduler.yield`, so that a long start is cut in two without waiting behind rendering. */
function nextTask() {
  return typeof globalThis.scheduler?.yield === "function"
    ? globalThis.scheduler.yield()
    : new Promise((resolve) => setTimeout(resolve, 0));
}

/** Runs calls one at a time and only the newest: `run(task)` starts `task()` (a function
 * returning a promise) when nothing is in flight, else makes it wait, replacing the task
 * that waited before it (which resolves to STALE unrun). An answer that comes back after
 * a newer `run` resolves to STALE too: only the latest call's answer is ever used. */
export class LatestCall {
  constructor() {
    this.inFlight = null;
    this.next = null;
  }

  /** Whether a call is in flight or waiting. */
  get busy() {
    return this.inFlight !== null || this.next !== null;
  }

  run(task) {
    return new Promise((resolve, reject) => {
      this.next?.resolve(STALE);
      if (this.inFlight) this.inFlight.stale = true;
      this.next = { task, resolve, reject, stale: false };
      this.pump();
    });
  }

  pump() {
    if (this.inFlight || !this.next) return;
    const job = (this.inFlight = this.next);
    this.next = null;
    const done = (settle) => {
      this.inFlight = null;
      this.pump();
      settle();
    };
    Promise.resolve().then(job.task).then(
      (result) => done(() => job.resolve(job.stale ? STALE : result)),
      (error) => done(() => (job.stale ? job.resolve(STALE) : job.reject(error))),
    );
  }
}
