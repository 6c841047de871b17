// www/widget/marks.js without a browser: the reader's paragraphs and their marks.
import { test } from "node:test";
import assert from "node:assert/strict";
import { paragraphsOf } from "../../www/widget/marks.js";

/** What each paragraph marks, as text. */
const marked = (paragraphs) => paragraphs.map((p) => p.ranges.map(([a, b]) => p.text.slice(a, b)));

test("each paragraph keeps the highlights that fall in it, from its own start", () => {
  const text = "Zoom und Skype.\n\nDer zoom-Client\nim Büro.\n  \n\nNur Teams";
  const at = (word, from = 0) => {
    const i = text.indexOf(word, from);
    return [i, i + word.length];
  };
  const ranges = [at("Zoom"), at("zoom"), at("Büro"), at("Teams")];
  const paragraphs = paragraphsOf(text, ranges);
  assert.deepEqual(
    paragraphs.map((p) => p.text),
    ["Zoom und Skype.", "Der zoom-Client\nim Büro.", "Nur Teams"],
  );
  // Where each starts in the text.
  assert.deepEqual(paragraphs.map((p) => text.indexOf(p.text)), paragraphs.map((p) => p.start));
  assert.deepEqual(marked(paragraphs), [["Zoom"], ["zoom", "Büro"], ["Teams"]]);
  // Unsorted ranges are sorted; none, or undefined, mark nothing.
  assert.deepEqual(marked(paragraphsOf(text, [...ranges].reverse())), [["Zoom"], ["zoom", "Büro"], ["Teams"]]);
  assert.deepEqual(marked(paragraphsOf(text, undefined)), [[], [], []]);
  assert.deepEqual(paragraphsOf("", []), [{ text: "", start: 0, ranges: [] }]);
});

test("a highlight across a blank line is cut at the paragraphs' ends", () => {
  const text = "a phrase\n\nends here";
  const paragraphs = paragraphsOf(text, [[2, 14]]);
  assert.deepEqual(marked(paragraphs), [["phrase"], ["ends"]]);
});
