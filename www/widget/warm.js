// The engine's warm-up: a few queries of its own, run before a reader types, so that the
// code a reader's first keystrokes run is already optimised.
//
// V8 compiles a wasm function at its first call with its baseline compiler (Liftoff) and
// again with its optimising one (TurboFan), in the background, only after it has run for a
// while. Without a warm-up, a reader's first keystrokes run in the slow code, and each path
// of the engine (a prefix, a typo walk, the compound-part scan, several words, a word no
// document has) is slow the first time it is taken. The warm-up takes each path once or
// more, with words of the index itself (the titles of the first hits), never words of a
// fixed list: it works on any corpus, in any language.

/** One-letter queries tried in turn; the titles of their hits give the words typed. */
export const WARM_UP_LETTERS = ["e", "a", "o", "i", "n"];
/** Words the warm-up types: each of at least WARM_UP_WORD_LETTERS letters. */
export const WARM_UP_WORDS = 4;
export const WARM_UP_WORD_LETTERS = 5;

/** The distinct words of `texts` with at least WARM_UP_WORD_LETTERS letters or digits, lowercased. */
export function longWords(texts) {
  const words = texts.join(" ").toLowerCase().split(/[^\p{L}\p{N}]+/u);
  return [...new Set(words.filter((w) => Array.from(w).length >= WARM_UP_WORD_LETTERS))];
}

/** `word` with its second and third letters swapped: one typo that keeps the first letter
 * (a word must keep it to be one typo away, see the README). */
export function swapped(word) {
  const [first, second, third, ...rest] = Array.from(word);
  return [first, third, second, ...rest].join("");
}

/**
 * The warm-up as a generator: each step runs one `searcher.query(…, options)` and yields,
 * so that a caller can run one step per task and a reader's call waits for one step at most
 * (widget/worker.js), or run them all at once (`for (const _ of warmUp(s, o));`). The steps:
 * one-letter queries until five hits' titles are in; two words of those titles typed one
 * character at a time as one query, then two more (prefixes, typo walks, the part scan,
 * several words, the query relaxed when few documents have them all); each word with a typo;
 * two words run together (a compound no document has, split while typed). An index with no
 * hits ends after the letters. The engine's answers are the same after it as before: its
 * caches only remember work.
 */
export function* warmUp(searcher, options) {
  const titles = [];
  for (const letter of WARM_UP_LETTERS) {
    titles.push(...searcher.query(letter, options).hits.map((hit) => hit.title ?? ""));
    yield;
    if (titles.length >= 5) break;
  }
  const words = longWords(titles).slice(0, WARM_UP_WORDS);
  for (let k = 0; k + 1 < words.length; k += 2) {
    const query = `${words[k]} ${words[k + 1]}`;
    for (let i = 2; i <= query.length; i++) {
      searcher.query(query.slice(0, i), options);
      yield;
    }
  }
  for (const word of words) {
    searcher.query(swapped(word), options);
    yield;
  }
  if (words.length >= 2) {
    searcher.query(words[0] + words[1], options);
    yield;
  }
}
