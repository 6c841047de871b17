// www/widget/engine.js without a browser: LatestCall runs one call at a time and only the
// newest, and every answer a newer call overtook comes back as STALE; a module that fails
// to compile for want of WebAssembly SIMD says so; the engine runs where its index and
// the page call for, as the module's custom section tells.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { embedsWholeIndex, engineSite, LatestCall, STALE, wasmSupport } from "../../www/widget/engine.js";
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

test("a module says whether its index is whole; the seeds' package is", () => {
  assert.equal(embedsWholeIndex(withSection("findling.index", [0])), true);
  assert.equal(embedsWholeIndex(withSection("findling.index", [1])), false);
  assert.equal(embedsWholeIndex(withSection("other", [0])), null, "a module that does not say");
  // The section survives wasm-bindgen and wasm-opt (make test builds pkg/ from the seeds).
  const pkg = new WebAssembly.Module(readFileSync(join(root, "pkg/findling_bg.wasm")));
  assert.equal(embedsWholeIndex(pkg), true);
});

test("the engine runs on the main thread only for a whole index on a page that is not isolated, unless told", () => {
  const table = [
    // prefer, whole, isolated → where
    [null, true, false, "main"],
    [null, true, true, "worker"],
    [null, false, false, "worker"],
    [null, false, true, "worker"],
    [null, null, false, "worker"],
    ["worker", true, false, "worker"],
    ["main", false, true, "main"],
    ["elsewhere", true, false, "main"],
  ];
  for (const [prefer, whole, isolated, site] of table) {
    assert.equal(engineSite({ prefer, whole, isolated }), site, JSON.stringify({ prefer, whole, isolated }));
  }
});
