// www/widget/warm.js without a browser: which queries the engine's warm-up runs, one per
// step, and that it ends on any index (with the real engine: tests/browser/worker.test.mjs
// and the bench).
import { test } from "node:test";
import assert from "node:assert/strict";
import { longWords, swapped, warmUp, WARM_UP_WORDS } from "../../www/widget/warm.js";

/** A searcher whose one-letter queries hit documents with these titles; it records every query. */
function fakeSearcher(titlesByLetter) {
  const asked = [];
  return {
    asked,
    query(text, options) {
      asked.push([text, options]);
      const titles = text.length === 1 ? titlesByLetter[text] ?? [] : [];
      return { hits: titles.map((title) => ({ title })) };
    },
  };
}

test("each step runs one query with the caller's options", () => {
  const searcher = fakeSearcher({ e: ["Jürgen Trittin (GRUENE), Bundestag 2008-06-19", "Behörden"], a: ["Datenbank Abfragen"] });
  const options = { limit: 10, facets: true };
  const steps = warmUp(searcher, options);
  let n = 0;
  while (!steps.next().done) {
    n++;
    assert.equal(searcher.asked.length, n, "one query per step");
  }
  assert.ok(searcher.asked.every(([, o]) => o === options));
  const typed = searcher.asked.map(([q]) => q);
  // Letters until five titles are in (three here: every letter is tried).
  assert.deepEqual(typed.slice(0, 5), ["e", "a", "o", "i", "n"]);
  // The titles' words of five letters or more, typed two by two, one character at a time.
  const words = ["jürgen", "trittin", "gruene", "bundestag"];
  assert.equal(WARM_UP_WORDS, words.length);
  const first = "jürgen trittin";
  assert.deepEqual(typed.slice(5, 5 + first.length - 1), Array.from({ length: first.length - 1 }, (_, i) => first.slice(0, i + 2)));
  assert.ok(typed.includes("gruene bundestag"));
  // Each word with a typo, then two words run together.
  for (const w of words) assert.ok(typed.includes(swapped(w)), swapped(w));
  assert.equal(typed.at(-1), "jürgentrittin");
});

test("an index with no hits, or with one word only, ends the warm-up early", () => {
  const empty = fakeSearcher({});
  assert.equal([...warmUp(empty, {})].length, 5);
  // Five titles from the first letter, one long word in them: no word pairs, no words run
  // together; the word's typo only.
  const one = fakeSearcher({ e: ["Zoom", "Zoom", "Zoom", "Zoom", "Zeitung"] });
  for (const _ of warmUp(one, {}));
  assert.deepEqual(one.asked.map(([q]) => q), ["e", "zietung"]);
});

test("long words: distinct, lowercase, letters and digits of five or more", () => {
  assert.deepEqual(longWords(["Über die Straße: Straße 2008-06-19", "ÜBER alles"]), ["straße", "alles"]);
  assert.deepEqual(longWords(["Kapitel 12345 — Datenbanken"]), ["kapitel", "12345", "datenbanken"]);
  assert.equal(swapped("bundestag"), "bnudestag");
  assert.equal(swapped("ähnlich"), "änhlich");
});
