// www/widget/engine.js without a browser: LatestCall runs one call at a time and only the
// newest, and every answer a newer call overtook comes back as STALE.
import { test } from "node:test";
import assert from "node:assert/strict";
import { LatestCall, STALE } from "../../www/widget/engine.js";

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
