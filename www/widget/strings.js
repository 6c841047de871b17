// UI strings of <findling-search> in English, German and Danish, chosen from a `lang` tag.

/** Formats a whole number with its thousands grouped by `separator` ("12.345"), as
 * `toLocaleString` does for these languages, without the locale data a first
 * `toLocaleString` loads: 24 ms in node, and 33 ms of the seeds' plain page's start in
 * Chromium (the facet chips' counts, drawn with the first answer). */
const grouped = (separator) => (n) => String(n).replace(/\B(?=(\d{3})+(?!\d))/g, separator);

/** Every string the widget shows; functions take the numbers or words they interpolate. */
export const STRINGS = {
  en: {
    number: grouped(","),
    facetNames: { lang: "Language", source: "Source", year: "Year", tags: "Tag" },
    more: (n) => `${n} more`,
    unlisted: (n) => `and ${n} more not listed`,
    label: "Search",
    placeholder: "Search…",
    results: "Results",
    filters: "Filters",
    loading: "Loading the index…",
    partial: (pct) => `searching ${pct} % of the documents, the rest is loading`,
    complete: "Search is complete: every document is loaded.",
    shardsFailed: (why) => `Part of the index failed to load (${why}); results may be missing.`,
    ready: (n) => `${n} documents indexed. Type to search.`,
    count: (n) => (n === 1 ? "1 result" : `${n} results`),
    shown: (shown, total) => `showing ${shown} of ${total}`,
    none: (q) => `No results for “${q}”.`,
    truncated: "Long query: only its beginning is searched.",
    didYouMean: "Did you mean",
    relaxed: (missing, complete) =>
      missing.length
        ? `No document has ${missing.map((w) => `“${w}”`).join(" or ")}; showing results for the other words`
        : complete === 0
          ? "No document has all the words; showing results for some of them"
          : `Only ${complete} ${complete === 1 ? "document has" : "documents have"} all the words; showing results with some of them too`,
    took: (ms) => `${ms} ms`,
    back: "Back to results",
    unavailable: (why) => `Search is unavailable: the search module failed to load (${why}).`,
    failed: (why) => `Search failed: ${why}`,
    hint: "Press / or Ctrl K to search",
    language: { de: "German", da: "Danish", en: "English" },
    article: "Article",
  },
  de: {
    number: grouped("."),
    facetNames: { lang: "Sprache", source: "Quelle", year: "Jahr", tags: "Schlagwort" },
    more: (n) => `${n} weitere`,
    unlisted: (n) => `und ${n} weitere, nicht aufgeführt`,
    label: "Suche",
    placeholder: "Suchen…",
    results: "Ergebnisse",
    filters: "Filter",
    loading: "Suchindex wird geladen…",
    partial: (pct) => `durchsucht ${pct} % der Dokumente, der Rest wird geladen`,
    complete: "Die Suche ist vollständig: alle Dokumente sind geladen.",
    shardsFailed: (why) => `Ein Teil des Suchindex konnte nicht geladen werden (${why}); es können Ergebnisse fehlen.`,
    ready: (n) => `${n} Dokumente indiziert. Tippen Sie, um zu suchen.`,
    count: (n) => (n === 1 ? "1 Ergebnis" : `${n} Ergebnisse`),
    shown: (shown, total) => `${shown} von ${total} angezeigt`,
    none: (q) => `Keine Ergebnisse für „${q}“.`,
    truncated: "Lange Suchanfrage: nur ihr Anfang wird gesucht.",
    didYouMean: "Meinten Sie",
    relaxed: (missing, complete) =>
      missing.length
        ? `Kein Dokument enthält ${missing.map((w) => `„${w}“`).join(" oder ")}; Ergebnisse für die übrigen Wörter`
        : complete === 0
          ? "Kein Dokument enthält alle Wörter; Ergebnisse für einige davon"
          : `Nur ${complete} ${complete === 1 ? "Dokument enthält" : "Dokumente enthalten"} alle Wörter; auch Ergebnisse mit einigen davon`,
    took: (ms) => `${ms.replace(".", ",")} ms`,
    back: "Zurück zu den Ergebnissen",
    unavailable: (why) => `Die Suche ist nicht verfügbar: Das Suchmodul konnte nicht geladen werden (${why}).`,
    failed: (why) => `Die Suche ist fehlgeschlagen: ${why}`,
    hint: "/ oder Strg K zum Suchen",
    language: { de: "Deutsch", da: "Dänisch", en: "Englisch" },
    article: "Artikel",
  },
  da: {
    number: grouped("."),
    facetNames: { lang: "Sprog", source: "Kilde", year: "År", tags: "Emne" },
    more: (n) => `${n} flere`,
    unlisted: (n) => `og ${n} flere, ikke vist`,
    label: "Søg",
    placeholder: "Søg…",
    results: "Resultater",
    filters: "Filtre",
    loading: "Indlæser søgeindekset…",
    partial: (pct) => `søger i ${pct} % af dokumenterne, resten indlæses`,
    complete: "Søgningen er komplet: alle dokumenter er indlæst.",
    shardsFailed: (why) => `En del af søgeindekset kunne ikke indlæses (${why}); der kan mangle resultater.`,
    ready: (n) => `${n} dokumenter indekseret. Skriv for at søge.`,
    count: (n) => (n === 1 ? "1 resultat" : `${n} resultater`),
    shown: (shown, total) => `viser ${shown} af ${total}`,
    none: (q) => `Ingen resultater for »${q}«.`,
    truncated: "Lang søgning: kun begyndelsen søges.",
    didYouMean: "Mente du",
    relaxed: (missing, complete) =>
      missing.length
        ? `Intet dokument indeholder ${missing.map((w) => `“${w}”`).join(" eller ")}; viser resultater for de andre ord`
        : complete === 0
          ? "Intet dokument indeholder alle ordene; viser resultater for nogle af dem"
          : `Kun ${complete} ${complete === 1 ? "dokument indeholder" : "dokumenter indeholder"} alle ordene; også resultater med nogle af dem`,
    took: (ms) => `${ms.replace(".", ",")} ms`,
    back: "Tilbage til resultaterne",
    unavailable: (why) => `Søgningen er ikke tilgængelig: søgemodulet kunne ikke indlæses (${why}).`,
    failed: (why) => `Søgningen mislykkedes: ${why}`,
    hint: "Tryk / eller Ctrl K for at søge",
    language: { de: "Tysk", da: "Dansk", en: "Engelsk" },
    article: "Artikel",
  },
};

/** The strings for a BCP 47 tag such as "de-AT" or "da"; English when unknown. */
export function stringsFor(tag) {
  const primary = String(tag ?? "").split("-")[0].toLowerCase();
  return STRINGS[primary] ?? STRINGS.en;
}
