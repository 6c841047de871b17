// UI strings of <findling-search> in English, German and Danish, chosen from a `lang` tag.

/** Every string the widget shows; functions take the numbers or words they interpolate. */
export const STRINGS = {
  en: {
    label: "Search",
    placeholder: "Search…",
    results: "Results",
    filters: "Filters",
    loading: "Loading the index…",
    ready: (n) => `${n} documents indexed. Type to search.`,
    count: (n) => (n === 1 ? "1 result" : `${n} results`),
    shown: (shown, total) => `showing ${shown} of ${total}`,
    none: (q) => `No results for “${q}”.`,
    didYouMean: "Did you mean",
    took: (ms) => `${ms} ms`,
    back: "Back to results",
    unavailable: (why) => `Search is unavailable: the search module failed to load (${why}).`,
    failed: (why) => `Search failed: ${why}`,
    hint: "Press / or Ctrl K to search",
    language: { de: "German", da: "Danish", en: "English" },
    article: "Article",
  },
  de: {
    label: "Suche",
    placeholder: "Suchen…",
    results: "Ergebnisse",
    filters: "Filter",
    loading: "Suchindex wird geladen…",
    ready: (n) => `${n} Dokumente indiziert. Tippen Sie, um zu suchen.`,
    count: (n) => (n === 1 ? "1 Ergebnis" : `${n} Ergebnisse`),
    shown: (shown, total) => `${shown} von ${total} angezeigt`,
    none: (q) => `Keine Ergebnisse für „${q}“.`,
    didYouMean: "Meinten Sie",
    took: (ms) => `${ms.replace(".", ",")} ms`,
    back: "Zurück zu den Ergebnissen",
    unavailable: (why) => `Die Suche ist nicht verfügbar: Das Suchmodul konnte nicht geladen werden (${why}).`,
    failed: (why) => `Die Suche ist fehlgeschlagen: ${why}`,
    hint: "/ oder Strg K zum Suchen",
    language: { de: "Deutsch", da: "Dänisch", en: "Englisch" },
    article: "Artikel",
  },
  da: {
    label: "Søg",
    placeholder: "Søg…",
    results: "Resultater",
    filters: "Filtre",
    loading: "Indlæser søgeindekset…",
    ready: (n) => `${n} dokumenter indekseret. Skriv for at søge.`,
    count: (n) => (n === 1 ? "1 resultat" : `${n} resultater`),
    shown: (shown, total) => `viser ${shown} af ${total}`,
    none: (q) => `Ingen resultater for »${q}«.`,
    didYouMean: "Mente du",
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
