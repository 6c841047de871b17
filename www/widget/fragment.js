// Links that open a result's page at its excerpt: a text fragment (`#:~:text=…`, the URL
// Fragment Text Directive of the WICG/WHATWG spec, supported by Chromium, Safari 16.1
// and Firefox 131) makes the browser scroll to the excerpt's first highlighted words on
// the page and mark them. A fragment never reaches a server, and the page's scripts do
// not see the directive; a browser that does not know it, or a page where the words are
// not found, just opens the page at its top.

/** Words of the excerpt around its first highlight that the link quotes: before it and
 * after it, inside its sentence. Few, so that they stay inside one element of the page
 * (a text directive matches inside one block) and survive small differences of markup. */
const WORDS_BEFORE = 2;
const WORDS_AFTER = 3;

/** What ends a sentence (its stop, closing quotes or brackets, a space), a piece of the
 * excerpt (an ellipsis) or a block of the page (two spaces or more: the engine joins a
 * page's blocks with a blank line, which an excerpt shows as spaces): the quoted words
 * stay on one side, since a text directive matches inside one block. */
const BOUNDARY = /[.!?;:…]["'“”»«’)\]]*\s|…|\n|\s{2,}/gu;

/** Leading and trailing characters that are no letter or digit (quotes, brackets, a
 * sentence's last stop): the quoted words start and end at a word's edge. */
const EDGES = /^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu;

/**
 * The words of `snippet` around its first highlighted range, as a text directive's value
 * would quote them, or null when nothing is highlighted.
 * @param {string} snippet
 * @param {Array<[number, number]>} ranges ascending [start, end) in UTF-16 code units
 * @returns {string | null}
 */
export function quotedWords(snippet, ranges) {
  const [start, end] = ranges?.[0] ?? [];
  if (!(start < end) || end > snippet.length) return null;
  // The sentence the highlight is in.
  let from = 0;
  let to = snippet.length;
  for (const m of snippet.matchAll(BOUNDARY)) {
    const after = m.index + m[0].length;
    if (after <= start) from = after;
    else if (m.index >= end) {
      // A stop and its closing quotes stay with the sentence; an ellipsis does not.
      to = /[.!?;:]/.test(m[0][0]) ? after - 1 : m.index;
      break;
    }
  }
  const words = [...snippet.slice(from, to).matchAll(/\S+/gu)].map((m) => ({ at: from + m.index, text: m[0] }));
  const first = words.findIndex((w) => w.at + w.text.length > start);
  let last = words.findLastIndex((w) => w.at < end);
  if (first < 0 || last < first) return null;
  last = Math.min(words.length - 1, last + WORDS_AFTER);
  const quoted = words.slice(Math.max(0, first - WORDS_BEFORE), last + 1).map((w) => w.text).join(" ");
  const trimmed = quoted.replace(EDGES, "");
  return trimmed || null;
}

/**
 * `href` with a text fragment that quotes the excerpt's first highlighted words, appended
 * to the fragment it has (`page.html#part:~:text=…`); `href` itself when nothing is
 * highlighted.
 * @param {string} href an absolute URL
 * @param {string} snippet
 * @param {Array<[number, number]>} ranges
 * @returns {string}
 */
export function linkToExcerpt(href, snippet, ranges) {
  const words = quotedWords(snippet, ranges);
  if (!words) return href;
  // The directive's own separators (`&`, `,`, `-`) are escaped too.
  const text = encodeURIComponent(words).replace(/-/g, "%2D");
  const url = new URL(href);
  const hash = url.hash.slice(1);
  const own = hash.includes(":~:") ? hash.slice(0, hash.indexOf(":~:")) : hash;
  url.hash = `${own}:~:text=${text}`;
  return url.href;
}

/**
 * `href` opened at the section `anchor` (its fragment replaced), or `href` as it is
 * without one: a browser that follows no text fragment still opens the page where the
 * excerpt's section begins.
 * @param {string} href an absolute URL
 * @param {string | undefined} anchor the id of the section's heading on that page
 * @returns {string}
 */
export function withAnchor(href, anchor) {
  if (!anchor) return href;
  const url = new URL(href);
  // Encoded whole, so that an id holding `:~:` or `#` stays one fragment; a browser
  // that finds no element with the encoded id looks for the decoded one.
  url.hash = encodeURIComponent(anchor);
  return url.href;
}
