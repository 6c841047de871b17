// The peers' settings, shared by the node side that builds their indexes (compare.mjs) and
// the page that loads them (page.mjs), so both sides agree. No node or DOM imports here.

/** Results asked of every engine per keystroke (the widget shows ten). */
export const LIMIT = 10;

/** MiniSearch 7: both fields searched, the title stored for display (as its docs show). */
export const MINISEARCH = { fields: ["title", "text"], storeFields: ["title"] };
/** MiniSearch's own search options for type-ahead: prefix and fuzzy 0.2. */
export const MINISEARCH_SEARCH = { prefix: true, fuzzy: 0.2 };

/** FlexSearch 0.8: a Document index on title and text, "forward" tokenizing for prefixes,
 * the Latin advanced encoder; it stores no text (tests/peers/compare.mjs uses the same). */
export const FLEXSEARCH = {
  document: { id: "id", index: ["title", "text"] },
  tokenize: "forward",
  encoder: "LatinAdvanced",
};
/** FlexSearch's search options: ten results, suggestions when not every word matches. */
export const FLEXSEARCH_SEARCH = { limit: LIMIT, suggest: true };

/** Engines in the order they run; the name is also the page's file name. */
export const ENGINES = ["findling", "minisearch", "flexsearch", "pagefind"];
/** Names for the tables. */
export const LABELS = {
  findling: "Findling",
  minisearch: "MiniSearch 7.2",
  flexsearch: "FlexSearch 0.8",
  pagefind: "Pagefind 1.6",
  widget: "Findling widget",
};
