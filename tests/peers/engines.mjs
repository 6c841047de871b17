// The client-side peers that run in node, each built over the same documents ({id, title,
// text}) with its documented settings for as-you-type search: prefix and fuzzy matching
// where it has them. Used by compare.mjs (German/Danish seeds) and site-names.mjs (a
// documentation site). Each engine is `(query) => ids`, best first.
import MiniSearch from "minisearch";
import lunr from "lunr";
import FlexSearch from "flexsearch";
import { create, insert, search as oramaSearch } from "@orama/orama";

/**
 * MiniSearch, lunr, FlexSearch and Orama over `docs`. `lunrPlugins`: plugins lunr's
 * builder uses (its language support: `lunr.multiLanguage("de", "da")`); `flexEncoder`:
 * FlexSearch's encoder, if not its default.
 */
export function nodeEngines(docs, { lunrPlugins = [], flexEncoder } = {}) {
  const engines = {};
  {
    const ms = new MiniSearch({ fields: ["title", "text"], storeFields: ["id"] });
    ms.addAll(docs);
    engines.MiniSearch = (q) => ms.search(q, { prefix: true, fuzzy: 0.2 }).map((r) => r.id);
  }
  {
    const idx = lunr(function () {
      for (const plugin of lunrPlugins) this.use(plugin);
      this.ref("id");
      this.field("title", { boost: 3 });
      this.field("text");
      docs.forEach((d) => this.add(d));
    });
    engines.lunr = (q) => {
      // lunr's query syntax: a trailing * for prefix and ~1 for one edit, as its docs show.
      const terms = q.toLowerCase().split(/\s+/).map((t) => `${t} ${t}* ${t}~1`).join(" ");
      try {
        return idx.search(terms).map((r) => r.ref);
      } catch {
        return [];
      }
    };
  }
  {
    const index = new FlexSearch.Document({
      document: { id: "id", index: ["title", "text"] },
      tokenize: "forward",
      ...(flexEncoder ? { encoder: flexEncoder } : {}),
    });
    docs.forEach((d) => index.add(d));
    engines.FlexSearch = (q) => {
      const ids = [];
      for (const field of index.search(q, { suggest: true })) {
        for (const id of field.result) if (!ids.includes(id)) ids.push(id);
      }
      return ids;
    };
  }
  {
    const db = create({ schema: { id: "string", title: "string", text: "string" } });
    for (const d of docs) insert(db, d);
    engines.Orama = (q) => oramaSearch(db, { term: q, tolerance: 1 }).hits.map((h) => h.document.id);
  }
  return engines;
}
