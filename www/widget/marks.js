// What the reader view marks: the engine's highlights of a result's title and excerpt,
// found again in the whole document. Pure functions over strings, no DOM.

/**
 * The highlighted pieces of `text`: ranges that only white space separates are one piece
 * (the words of a phrase, or of words typed in a row with their stop words), so the
 * reader marks the row where it stands, not each of its "the"s all over the document.
 * @param {string} text
 * @param {Array<[number, number]>} ranges ascending [start, end) in UTF-16 code units
 * @returns {string[]}
 */
export function markedPieces(text, ranges) {
  const pieces = [];
  for (const [start, end] of ranges ?? []) {
    const last = pieces.at(-1);
    if (last && start >= last[1] && /^\s+$/u.test(text.slice(last[1], start))) last[1] = end;
    else pieces.push([start, end]);
  }
  return pieces.map(([start, end]) => text.slice(start, end)).filter((p) => p.trim());
}

/** `s` with the characters a regular expression reads escaped. */
const escaped = (s) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/**
 * Ranges of every exact occurrence of the `pieces` in `text` (the engine's own matches),
 * sorted by start, the longer first; a piece's words may be parted by any white space
 * there (a hard-wrapped line).
 * @param {string} text
 * @param {string[]} pieces
 * @returns {Array<[number, number]>}
 */
export function rangesOf(text, pieces) {
  const ranges = [];
  for (const piece of new Set(pieces)) {
    const words = piece.split(/\s+/u).filter(Boolean);
    if (!words.length) continue;
    for (const m of text.matchAll(new RegExp(words.map(escaped).join("\\s+"), "gu"))) {
      ranges.push([m.index, m.index + m[0].length]);
    }
  }
  return ranges.sort((a, b) => a[0] - b[0] || b[1] - a[1]);
}
