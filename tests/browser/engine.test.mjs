// www/widget/engine.js without a browser: LatestCall runs one call at a time and only the
// newest, and every answer a newer call overtook comes back as STALE; a module that fails
// to compile for want of WebAssembly SIMD says so; the engine runs where its index and
// the page call for, as the module's custom section tells.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { engineSite, indexOf, LatestCall, prepareInSteps, PREPARE_STEP_MS, STALE, WARM_UP_TITLES, warmUp, warmUpInSteps, wasmSupport } from "../../www/widget/engine.js";
import { root } from "./harness.mjs";

/** A task whose answer the test releases by hand; `started` says whether it ran. */
function gate(value) {
  let release;
  let fail;
  const task = {
    started: false,
    run: () => {
      task.started = true;
      return new Promise((resolve, reject) => { release = () => resolve(value); fail = reject; });
    },
    release: () => release(),
    fail: (e) => fail(e),
  };
  return task;
}

test("only the latest call's answer is used; a call replaced while waiting never runs", async () => {
  const latest = new LatestCall();
  const [a, b, c] = [gate("a"), gate("b"), gate("c")];
  const pa = latest.run(a.run);
  await Promise.resolve();
  assert.equal(a.started, true);
  const pb = latest.run(b.run);
  const pc = latest.run(c.run);
  assert.equal(await pb, STALE, "b was replaced by c before it ran");
  assert.equal(b.started, false);
  assert.equal(latest.busy, true);
  a.release();
  assert.equal(await pa, STALE, "a's answer came after c was asked for");
  await new Promise((r) => setTimeout(r, 0));
  assert.equal(c.started, true, "c runs once a is answered");
  c.release();
  assert.equal(await pc, "c");
  assert.equal(latest.busy, false);
});

test("an error reaches the latest caller, and is dropped when the call was overtaken", async () => {
  const latest = new LatestCall();
  const [a, b] = [gate("a"), gate("b")];
  const pa = latest.run(a.run);
  await Promise.resolve();
  const pb = latest.run(b.run);
  a.fail(new Error("stale failure"));
  assert.equal(await pa, STALE);
  await new Promise((r) => setTimeout(r, 0));
  b.fail(new RangeError("limit"));
  await assert.rejects(pb, RangeError);
  const pc = latest.run(async () => "after");
  assert.equal(await pc, "after");
});

test("a compile error says plainly when the browser lacks WebAssembly SIMD, and only then", () => {
  const error = new WebAssembly.CompileError("invalid value type 0x7b");
  assert.equal(wasmSupport(error), error, "node runs SIMD: the error stays as it is");
  const plain = wasmSupport(error, () => false);
  assert.match(plain.message, /cannot run WebAssembly SIMD.*Safari 16\.4/);
  assert.equal(plain.cause, error);
});

/** The smallest module with one custom section `name` holding `payload`. */
function withSection(name, payload) {
  const label = new TextEncoder().encode(name);
  const body = [label.length, ...label, ...payload];
  return new WebAssembly.Module(new Uint8Array([0, 97, 115, 109, 1, 0, 0, 0, 0, body.length, ...body]));
}

test("a module says whether its index is whole and how long it is; the seeds' package does", () => {
  const le = (n) => [n & 255, (n >> 8) & 255, (n >> 16) & 255, (n >>> 24) & 255];
  assert.deepEqual(indexOf(withSection("findling.index", [0, ...le(29326)])), { whole: true, bytes: 29326 });
  assert.deepEqual(indexOf(withSection("findling.index", [1, ...le(9 << 20)])), { whole: false, bytes: 9 << 20 });
  assert.equal(indexOf(withSection("findling.index", [0])), null, "a section too short");
  assert.equal(indexOf(withSection("other", [0, 0, 0, 0, 0])), null, "a module that does not say");
  // The section survives wasm-bindgen and wasm-opt (make test builds pkg/ from the seeds).
  const pkg = indexOf(new WebAssembly.Module(readFileSync(join(root, "pkg/findling_bg.wasm"))));
  assert.equal(pkg?.whole, true);
  assert.ok(pkg.bytes > 1000 && pkg.bytes < 1 << 20, `${pkg.bytes} bytes`);
});

test("the engine runs on the main thread on a page that is not isolated, whatever its index, unless told", () => {
  const small = { whole: true, bytes: 1 << 20 };
  const large = { whole: true, bytes: 64 << 20 };
  const core = { whole: false, bytes: 1 << 20 };
  const table = [
    // prefer, index, isolated → where
    [null, small, false, "main"],
    [null, large, false, "main"],
    [null, core, false, "main"],
    [null, small, true, "worker"],
    [null, large, true, "worker"],
    [null, core, true, "worker"],
    [null, null, false, "worker"],
    ["worker", small, false, "worker"],
    [" Worker ", core, false, "worker"],
    ["main", core, true, "main"],
    ["MAIN", large, true, "main"],
  ];
  for (const [prefer, index, isolated, site] of table) {
    assert.equal(engineSite({ prefer, index, isolated }), site, JSON.stringify({ prefer, index, isolated }));
  }
  const warned = [];
  const warn = console.warn;
  console.warn = (m) => warned.push(m);
  try {
    assert.equal(engineSite({ prefer: "gpu", index: small, isolated: false }), "main");
  } finally {
    console.warn = warn;
  }
  assert.match(warned.join(), /engine="gpu"/);
});

test("the warm-up types the titles of the first letter's hits, each with a typo and run together", async () => {
  const asked = [];
  const titled = (...titles) => titles.map((title) => ({ title }));
  await warmUp(async (q) => {
    asked.push(q);
    return { hits: q === "a" ? titled("Zug fährt heute ab", "Zug  fährt heute zu", "", "Bahn", "Im Netz", "Drucker ein", "Anna") : [] };
  });
  assert.deepEqual(asked, [
    "e", "a",
    "Z", "Zu", "Zug", "Zug ", "Zug f", "Zug fä", "Zug fäh", "Zug fähr", "Zug fährt", "Zug fährt ",
    "Zug fährt h", "Zug fährt he", "Zug fährt heu", "Zug fährt heut", "Zug fährt heute", "Zgu fährt heute",
    "Zugfä", "Zugfäh", "Zugfähr", "Zugfährt", "Zugfährth", "Zugfährthe", "Zugfährtheu", "Zugfährtheut", "Zugfährtheute",
    // The same three words again: not typed twice. One word: nothing run together.
    "B", "Ba", "Bah", "Bahn", "Bhan",
    // The typo goes to the first word of three letters or more; run together from the
    // fifth letter.
    "I", "Im", "Im ", "Im N", "Im Ne", "Im Net", "Im Netz", "Im Ntez", "ImNet", "ImNetz",
    // Run together only after the first word, whose prefixes were typed already.
    "D", "Dr", "Dru", "Druc", "Druck", "Drucke", "Drucker", "Drucker ", "Drucker e", "Drucker ei", "Drucker ein",
    "Durcker ein", "Druckere", "Druckerei", "Druckerein",
    // A swap of two same letters is no typo.
    "A", "An", "Ann", "Anna",
  ]);
  assert.equal(new Set(asked).size, asked.length, "no query is asked twice");
  // Words are cut at 20 characters, and the run-together word starts after the first word.
  const long = [];
  await warmUp(async (q) => { long.push(q); return { hits: q === "e" ? titled(`${"x".repeat(30)} yz`) : [] }; });
  assert.equal(long.at(-1), `${"x".repeat(20)}yz`);
  assert.deepEqual(long.filter((q) => !q.includes(" ") && q.length > 20), [`${"x".repeat(20)}y`, `${"x".repeat(20)}yz`]);
  // At most WARM_UP_TITLES titles, in the order of the hits.
  const started = [];
  await warmUp(async (q) => {
    if (q.length === 1 && q !== "e") started.push(q);
    return { hits: q === "e" ? titled(..."ABCDEFGHIJKL".split("").map((c) => `${c}x`)) : [] };
  });
  assert.deepEqual(started, "ABCDEFGHIJKL".slice(0, WARM_UP_TITLES).split(""));
  // A hit whose title has no word: its excerpt's words, those with a letter.
  const untitled = [];
  await warmUp(async (q) => {
    untitled.push(q);
    return { hits: q === "e" ? [{ title: " – ", snippet: "… 42 Ol og" }] : [] };
  });
  assert.deepEqual(untitled, ["e", "O", "Ol", "Ol ", "Ol o", "Ol og"]);
  // No hit for any letter: nothing more is asked.
  const none = [];
  await warmUp(async (q) => { none.push(q); return { hits: [] }; });
  assert.deepEqual(none, ["e", "a", "o", "i", "n"]);
});

test("on a sharded index the warm-up waits for the first shard: a core alone has no document", async () => {
  const asked = [];
  const listeners = new Set();
  let loaded = 0;
  const engine = {
    progress: { sharded: true, loaded: 0 },
    shards: new Promise(() => {}),
    onShard: (f) => { listeners.add(f); return () => listeners.delete(f); },
    has: () => true,
    call: async (method, q) => {
      asked.push(q);
      return { hits: loaded && q === "e" ? [{ title: "Kern" }] : [] };
    },
  };
  const done = warmUpInSteps(engine);
  await new Promise((resolve) => setTimeout(resolve, 30));
  assert.deepEqual(asked, []);
  loaded = 0.25;
  engine.progress.loaded = loaded;
  for (const f of listeners) f();
  await done;
  assert.deepEqual(asked, ["e", "K", "Ke", "Ker", "Kern", "Kren"]);
  assert.equal(listeners.size, 0);
});

/** The seeds' package (make test builds pkg/): its Searcher class, and `typed(searcher)`,
 * the JSON of every prefix of the seed queries as the widget asks them. */
async function seedEngine() {
  const { default: init, Searcher } = await import(pathToFileURL(join(root, "pkg/findling.js")).href);
  await init({ module_or_path: readFileSync(join(root, "pkg/findling_bg.wasm")) });
  const queries = readFileSync(join(root, "tests/bench/queries/seeds.txt"), "utf8").split("\n").map((q) => q.trim()).filter(Boolean);
  const options = { limit: 10, facets: true };
  const typed = (searcher) => queries.flatMap((q) => Array.from(q, (_, i) => JSON.stringify(searcher.query(q.slice(0, i + 1), options))));
  return { Searcher, typed, options };
}

test("the warm-up changes no answer: every prefix of the seed queries reads the same after it", async () => {
  const { Searcher, typed, options } = await seedEngine();
  const fresh = typed(new Searcher());
  const warmed = new Searcher();
  let asked = 0;
  await warmUp(async (q) => { asked++; return warmed.query(q, options); });
  assert.ok(asked > 10, `the warm-up asked ${asked} queries`);
  assert.deepEqual(typed(warmed), fresh);
});

test("the word list is read in calls sized to a few milliseconds, until the engine says it is whole", async () => {
  const steps = [];
  const took = [];
  let left = 60;
  const MS_PER_STEP = 0.0005; // 8,000 steps make PREPARE_STEP_MS
  const engine = {
    has: (method) => method === "prepare",
    call: async (method, n) => {
      assert.equal(method, "prepare");
      steps.push(n);
      const start = performance.now();
      while (performance.now() < start + n * MS_PER_STEP);
      took.push(performance.now() - start);
      return --left === 0;
    },
  };
  await prepareInSteps(engine);
  assert.equal(steps.length, 60, "called until it said whole, and not after");
  assert.ok(steps.every((n) => Number.isInteger(n) && n >= 256 && n <= 1 << 20), String(steps));
  // It grows at most twofold a call, and settles near PREPARE_STEP_MS a call.
  assert.ok(steps.every((n, i) => i === 0 || n <= 2 * steps[i - 1] + 1), String(steps));
  const settled = took.slice(-20).sort((x, y) => x - y)[10];
  assert.ok(settled > PREPARE_STEP_MS / 2 && settled < PREPARE_STEP_MS * 2, `${settled} ms a call: ${steps}`);
  // Without \`prepare\` nothing is called; a failing call ends it quietly.
  await prepareInSteps({ has: () => false, call: () => assert.fail("called") });
  let calls = 0;
  await prepareInSteps({ has: () => true, call: async () => { calls++; throw new Error("damaged"); } });
  assert.equal(calls, 1);
});

test("a word list read in many small steps gives the same answers as one read at the first search", async () => {
  const { Searcher, typed } = await seedEngine();
  const stepped = new Searcher();
  let calls = 1;
  while (!stepped.prepare(7)) calls++;
  assert.ok(calls > 100, `${calls} calls`); // the seeds' 1,015 terms, 7 steps a call
  assert.equal(stepped.prepare(0), true);
  assert.deepEqual(typed(stepped), typed(new Searcher()));
});
