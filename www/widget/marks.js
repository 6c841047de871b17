// What the reader view marks: the engine's highlights of a whole document
// (`Searcher.document(id, query)`), laid out paragraph by paragraph. Pure functions over
// strings, no DOM.

/**
 * The paragraphs of `text` (parted by blank lines), each with where it starts in `text`
 * and the highlights `ranges` that fall in it, shifted to its own start and cut at its
 * ends.
 * @param {string} text
 * @param {Array<[number, number]>} ranges [start, end) in UTF-16 code units of `text`
 * @returns {Array<{text: string, start: number, ranges: Array<[number, number]>}>}
 */
export function paragraphsOf(text, ranges) {
  const out = [];
  const sorted = [...(ranges ?? [])].sort((a, b) => a[0] - b[0]);
  let next = 0;
  const blank = /\n[^\S\n]*\n\s*/g;
  let at = 0;
  for (;;) {
    const m = blank.exec(text);
    const end = m ? m.index : text.length;
    const own = [];
    while (next < sorted.length && sorted[next][1] <= at) next++;
    for (let i = next; i < sorted.length && sorted[i][0] < end; i++) {
      const [start, stop] = sorted[i];
      if (Math.min(stop, end) > Math.max(start, at)) own.push([Math.max(start, at) - at, Math.min(stop, end) - at]);
    }
    out.push({ text: text.slice(at, end), start: at, ranges: own });
    if (!m) return out;
    at = blank.lastIndex;
  }
}
