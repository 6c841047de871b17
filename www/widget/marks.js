// What the reader view marks: the engine's highlights of a result's title and excerpt,
// found again in the whole document. Pure functions over strings, no DOM.

/** `s` with the characters a regular expression reads escaped. */
const escaped = (s) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/**
 * What the highlights `ranges` of `text` mark, to be found again in the document:
 * - each run of highlights that only white space parts, whole (the words of a phrase, or
 *   of words typed in a row with their stop words): marked where it stands;
 * - and each highlighted word of a run, marked wherever it is, as the engine marks a
 *   query's word, unless the run was marked for its place: a run that has a word the
 *   text also has unmarked ("the" of the row "the shared library for", beside an
 *   unmarked "the") is a row or a phrase, and of its words only those highlighted on
 *   their own somewhere in `text` are marked on their own too. So the reader does not
 *   mark every "the" of the document.
 * @param {string} text
 * @param {Array<[number, number]>} ranges ascending [start, end) in UTF-16 code units
 * @returns {string[]}
 */
export function markedPieces(text, ranges) {
  const runs = [];
  for (const [start, end] of ranges ?? []) {
    const last = runs.at(-1);
    if (last && start >= last[1] && /^\s+$/u.test(text.slice(last[1], start))) last[1] = end;
    else runs.push([start, end]);
  }
  const marked = (from, to) => (ranges ?? []).some(([start, end]) => start <= from && to <= end);
  /** Whether every occurrence of `word` in `text`, as a whole word, is highlighted. */
  const everywhere = (word) => {
    const whole = new RegExp(`(?<![\\p{L}\\p{N}])${escaped(word)}(?![\\p{L}\\p{N}])`, "gu");
    return [...text.matchAll(whole)].every((m) => marked(m.index, m.index + m[0].length));
  };
  const pieces = new Set();
  for (const [start, end] of runs) {
    const run = text.slice(start, end);
    if (run.trim()) pieces.add(run);
  }
  const alone = new Set([...pieces].filter((piece) => !/\s/u.test(piece)));
  for (const run of [...pieces]) {
    const words = run.split(/\s+/u).filter(Boolean);
    if (words.length < 2) continue;
    const placed = !words.every(everywhere);
    for (const word of words) if (!placed || alone.has(word)) pieces.add(word);
  }
  return [...pieces];
}

/**
 * A pattern for each piece of [`markedPieces`](#markedPieces): its exact text, its words
 * parted by any white space (a hard-wrapped line), compiled once for every paragraph.
 * @param {string[]} pieces
 * @returns {RegExp[]}
 */
export function patternsOf(pieces) {
  const patterns = [];
  for (const piece of new Set(pieces)) {
    const words = piece.split(/\s+/u).filter(Boolean);
    if (words.length) patterns.push(new RegExp(words.map(escaped).join("\\s+"), "gu"));
  }
  return patterns;
}

/**
 * Ranges of every occurrence of the `patterns` in `text` (the engine's own matches),
 * sorted by start, the longer first.
 * @param {string} text
 * @param {RegExp[]} patterns from `patternsOf`
 * @returns {Array<[number, number]>}
 */
export function rangesOf(text, patterns) {
  const ranges = [];
  for (const pattern of patterns) {
    for (const m of text.matchAll(pattern)) ranges.push([m.index, m.index + m[0].length]);
  }
  return ranges.sort((a, b) => a[0] - b[0] || b[1] - a[1]);
}
