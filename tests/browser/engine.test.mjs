// www/widget/engine.js without a browser: LatestCall runs one call at a time and only the
// newest, and every answer a newer call overtook comes back as STALE; a module that fails
// to compile for want of WebAssembly SIMD says so.
import { test } from "node:test";
import assert from "node:assert/strict";
import { LatestCall, STALE, wasmSupport } from "../../www/widget/engine.js";

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
