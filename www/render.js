// Rendering of search hits: pure DOM construction, no innerHTML. Highlight ranges come
// from the engine as [start, end) pairs in UTF-16 code units of the string they mark.

/**
 * Appends `text` to `parent`, wrapping each range in a <mark>.
 * @param {Node} parent
 * @param {string} text
 * @param {Array<[number, number]>} ranges ascending, disjoint
 */
export function appendHighlighted(parent, text, ranges) {
  let at = 0;
  for (const [start, end] of ranges) {
    if (start < at || end > text.length || start >= end) continue;
    parent.append(text.slice(at, start));
    const mark = document.createElement("mark");
    mark.textContent = text.slice(start, end);
    parent.append(mark);
    at = end;
  }
  parent.append(text.slice(at));
}

/**
 * One result as a list item: title, then the excerpt.
 * @param {{id: string, title: string, snippet: string,
 *          highlights: {title: Array<[number, number]>, snippet: Array<[number, number]>}}} hit
 */
export function renderHit(hit) {
  const item = document.createElement("li");
  item.className = "hit";
  item.dataset.id = hit.id;
  const title = document.createElement("h2");
  title.className = "hit-title";
  appendHighlighted(title, hit.title, hit.highlights.title);
  const snippet = document.createElement("p");
  snippet.className = "hit-snippet";
  appendHighlighted(snippet, hit.snippet, hit.highlights.snippet);
  item.append(title, snippet);
  return item;
}
