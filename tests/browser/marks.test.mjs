// www/widget/marks.js without a browser: what the reader view marks of a result.
import { test } from "node:test";
import assert from "node:assert/strict";
import { markedPieces, patternsOf, rangesOf } from "../../www/widget/marks.js";

/** The [start, end) ranges of `words` in `text`, each its first occurrence after the last. */
function at(text, ...words) {
  let from = 0;
  return words.map((w) => {
    const i = text.indexOf(w, from);
    from = i + w.length;
    return [i, i + w.length];
  });
}

test("highlights side by side are one piece; a row's words alone only where marked alone", () => {
  const s = "This package contains the shared library for Seafile; the library syncs.";
  // A row: "the" is unmarked elsewhere. Its words alone only where marked alone.
  const row = at(s, "the", "shared", "library", "for", "library");
  assert.deepEqual(markedPieces(s, row), ["the shared library for", "library"]);
  // Two query words side by side are a piece, and each is still a word of its own.
  const t = "Printer setup: the printer needs a driver.";
  assert.deepEqual(markedPieces(t, at(t, "Printer", "setup", "printer")), ["Printer setup", "printer", "Printer", "setup"]);
  // Words parted by punctuation are pieces of their own.
  const u = "Zoom, Skype und Teams";
  assert.deepEqual(markedPieces(u, at(u, "Zoom", "Skype")), ["Zoom", "Skype"]);
  assert.deepEqual(markedPieces(u, []), []);
  assert.deepEqual(markedPieces(u, undefined), []);
});

test("the reader marks a row where it stands, not each of its stop words everywhere", () => {
  const s = "the end. This package contains the shared library for Seafile.";
  const pieces = markedPieces(s, at(s, "the", "the", "shared", "library", "for").slice(1));
  const doc = "In the beginning there was the shared\nlibrary for all. Other libraries: the end, a library.";
  const marked = rangesOf(doc, patternsOf(pieces)).map(([a, b]) => doc.slice(a, b));
  // The row across the hard-wrapped line, but no "the" of "In the", "there", "Other" or
  // "the end", nor the "for" of "for all" outside the row.
  assert.deepEqual(marked, ["the shared\nlibrary for"]);
  // A single word is marked wherever it is, as the engine's own match.
  assert.deepEqual(rangesOf("zoom, Zoom and zoom", patternsOf(["zoom"])), [[0, 4], [15, 19]]);
  // Characters a regular expression would read are plain text.
  assert.deepEqual(rangesOf("C++ (and C)", patternsOf(["C++", "(and"])), [[0, 3], [4, 8]]);
});
