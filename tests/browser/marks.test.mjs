// www/widget/marks.js without a browser: what the reader view marks of a result.
import { test } from "node:test";
import assert from "node:assert/strict";
import { markedPieces, rangesOf } from "../../www/widget/marks.js";

/** The [start, end) ranges of `words` in `text`, each its first occurrence from `from` on. */
function at(text, ...words) {
  let from = 0;
  return words.map((w) => {
    const i = text.indexOf(w, from);
    from = i + w.length;
    return [i, i + w.length];
  });
}

test("highlights that only white space parts are one piece: a row stays a row", () => {
  const s = "This package contains the shared library for Seafile; the library syncs.";
  const ranges = at(s, "the", "shared", "library", "for", "library");
  assert.deepEqual(markedPieces(s, ranges), ["the shared library for", "library"]);
  // Words parted by punctuation are pieces of their own.
  const t = "Zoom, Skype und Teams";
  assert.deepEqual(markedPieces(t, at(t, "Zoom", "Skype")), ["Zoom", "Skype"]);
  assert.deepEqual(markedPieces(t, []), []);
  assert.deepEqual(markedPieces(t, undefined), []);
});

test("the reader marks a row where it stands, not each of its stop words everywhere", () => {
  const doc = "In the beginning there was the shared\nlibrary for all. Other libraries: the end.";
  const marked = rangesOf(doc, ["the shared library for"]).map(([a, b]) => doc.slice(a, b));
  // Found across the hard-wrapped line, and no "the" of "there", "Other" or "the end".
  assert.deepEqual(marked, ["the shared\nlibrary for"]);
  // A single word is marked wherever it is, as the engine's own match.
  assert.deepEqual(rangesOf("zoom, Zoom and zoom", ["zoom"]), [[0, 4], [15, 19]]);
  // Characters a regular expression would read are plain text.
  assert.deepEqual(rangesOf("C++ (and C)", ["C++", "(and"]), [[0, 3], [4, 8]]);
});
