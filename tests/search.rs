//! Search on the embedded seed index: a golden table of queries and properties that tie
//! build-time and query-time analysis together.

use findling::analysis;
use findling::Index;

/// Golden table: query ⇥ expected ranked ids (id prefixes: the seeds are `NNN_hash`).
const GOLDEN: &[(&str, &[&str])] = &[
    ("Sicherheitsgesetz", &["000"]),
    ("sicherheitsgesetz hongkong", &["000"]),
    ("Hongkong", &["000"]),
    ("Sicherh", &["000"]),
    ("Sicherheitsg", &["000"]),
    // Several words that fewer than RELAX_BELOW documents share: relaxed, every document
    // with some of the words, by score times the share of the words it has.
    ("Behoerden Hongkong", &["000", "003", "004", "001"]),
    ("BEHÖRDEN", &["003", "000", "004", "001"]),
    ("an die Behörden", &["003", "000", "004", "001"]),
    ("Gesetz", &["000"]),
    ("Datenschutz", &["003"]),
    ("Konferenz", &["004", "001", "000"]),
    ("Mircosoft", &["000", "004"]),
    ("Videokonferenzplattform", &["001", "000"]),
    ("Ring Amazon", &["003"]),
    ("Landesdatenschutzbeauftragter", &["003"]),
    ("Polizei", &["003"]),
    ("Russland Zoom", &["001", "004", "002", "000"]),
    ("Sferum", &["001"]),
    ("kryptering", &["002"]),
    ("Zoom Microsoft", &["000", "004", "002", "001"]),
    ("\"neue Sicherheitsgesetz\"", &["000"]),
    ("\"Sicherheitsgesetz neue\"", &[]),
    ("Russland -Sferum", &["004"]),
    ("zoom -\"Russland hat am Mittwoch\"", &["002", "004", "000"]),
    ("Sferum OR kryptering", &["002", "001"]),
    ("zoom lang:da", &["002"]),
    ("zoom source:\"Epoch Times\"", &["001", "000"]),
    // A filter with a stray quote is plain words, which no document has: relaxed to zoom.
    ("zoom source:\"Epoch", &["002", "001", "004", "000"]),
    ("lang:da", &["002"]),
    ("zoom lang:fr", &[]),
    // A negated filter leaves out what it names; negations alone browse what is left.
    ("zoom -lang:de", &["002"]),
    ("zoom -source:\"Epoch Times\"", &["002", "004"]),
    ("-lang:de", &["002"]),
    ("-zoom", &["003"]),
    ("\"Sferum", &["001"]),
    ("- Sferum", &["001"]),
    ("xyzzy", &[]),
    ("", &[]),
    ("  ¿?  ", &[]),
];

fn index() -> Index<'static> {
    Index::embedded().expect("the embedded index opens")
}

fn ids(index: &Index<'_>, query: &str) -> Vec<String> {
    index
        .search(query, 10)
        .into_iter()
        .map(|h| h.id[..3].to_owned())
        .collect()
}

#[test]
fn golden_queries_rank_as_expected() {
    let index = index();
    let mut failures = Vec::new();
    for (query, expected) in GOLDEN {
        let got = ids(&index, query);
        if got != *expected {
            failures.push(format!("{query:?}: expected {expected:?}, got {got:?}"));
        }
    }
    assert!(
        failures.is_empty(),
        "golden rows failed:\n{}",
        failures.join("\n")
    );
}

/// Build and query analyze alike: every word of every document, typed as a query,
/// finds that document — whole, or with the last letter still to type.
#[test]
fn every_indexed_word_finds_its_document() {
    let index = index();
    let mut misses = Vec::new();
    for entry in index.reader().documents() {
        let d = &entry.document;
        for text in [&d.title, &d.text] {
            for token in analysis::tokens(text, None) {
                let word = &text[token.start..token.end];
                let found = index.search(word, usize::MAX).iter().any(|h| h.id == d.id);
                if !found {
                    misses.push(format!("{word:?} in {}", d.id));
                }
            }
        }
    }
    assert!(
        misses.is_empty(),
        "{} words miss their document, e.g. {:?}",
        misses.len(),
        &misses[..misses.len().min(10)]
    );
}

#[test]
fn highlights_cover_the_query_word() {
    let index = index();
    let hit = &index.search("Sicherheitsgesetz", 1)[0];
    assert!(!hit.snippet.highlights.is_empty());
    for r in &hit.snippet.highlights {
        assert_eq!(hit.snippet.text[r.clone()].to_lowercase(), "sicherheitsgesetz");
    }
}

#[test]
fn limit_is_respected_and_ranking_is_deterministic() {
    let index = index();
    let all = index.search("zoom", 100);
    assert!(all.len() >= 4);
    assert_eq!(index.search("zoom", 2), all[..2]);
    assert!(all.windows(2).all(|w| w[0].score >= w[1].score));
    assert_eq!(index.search("zoom", 100), all);
}

#[test]
fn a_finished_word_is_not_a_prefix() {
    let index = index();
    // "Sfer" is a prefix of "Sferum" while typing, but not once the reader typed a space
    // (and too short for typos or compound parts).
    assert!(!index.search("Sfer", 10).is_empty());
    assert!(index.search("Sfer ", 10).is_empty());
}

mod naive_scan {
    use findling::analysis;
    use findling::document::Document;
    use findling::format::IndexWriter;
    use findling::Index;
    use proptest::prelude::*;
    use std::collections::BTreeSet;

    const VOCABULARY: &[&str] = &[
        "zoom", "Sperre", "russland", "Gesetz", "hongkong", "daten", "dat", "ring",
    ];

    fn arb_corpus() -> impl Strategy<Value = Vec<String>> {
        prop::collection::vec(
            prop::collection::vec(prop::sample::select(VOCABULARY), 0..12),
            1..8,
        )
        .prop_map(|docs| docs.into_iter().map(|words| words.join(" ")).collect())
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(128))]

        /// The index finds every document a linear scan of analyzed text finds: every query
        /// word as a term, the last one also as a prefix unless a space follows. (It may
        /// find more: stems, compound parts and typos.)
        #[test]
        fn results_equal_a_naive_scan(
            texts in arb_corpus(),
            query in prop::collection::vec(prop::sample::select(VOCABULARY), 1..4),
            finished in any::<bool>(),
        ) {
            let mut w = IndexWriter::new();
            for (i, text) in texts.iter().enumerate() {
                w.add(Document { id: format!("d{i}"), text: text.clone(), ..Document::default() }).unwrap();
            }
            let bytes = w.finish().unwrap();
            let index = Index::from_bytes(&bytes).unwrap();
            let query = query.join(" ") + if finished { " " } else { "" };

            let got: BTreeSet<String> = index.search(&query, usize::MAX).into_iter().map(|h| h.id).collect();
            let words = analysis::terms(&query);
            let expected: BTreeSet<String> = texts.iter().enumerate().filter(|(_, text)| {
                let terms = analysis::terms(text);
                words.iter().enumerate().all(|(i, w)| {
                    let prefix = !finished && i == words.len() - 1;
                    terms.iter().any(|t| t == w || (prefix && t.starts_with(w.as_str())))
                })
            }).map(|(i, _)| format!("d{i}")).collect();
            prop_assert!(got.is_superset(&expected), "got {:?}, naive scan {:?}", got, expected);
        }

        /// The last word of a query of several words is scored only in the documents of
        /// the others while its whole list is not remembered (`Index::narrowed_last`):
        /// answers are the same as with the whole list remembered (a warm index asked
        /// for the word alone first), hits, scores, excerpts, totals, facets and all.
        #[test]
        fn a_narrowed_last_word_answers_as_the_whole_list(
            texts in prop::collection::vec(
                prop::collection::vec(prop::sample::select(SKEWED), 1..10),
                20..60,
            ),
            words in prop::collection::vec(prop::sample::select(VOCABULARY), 1..3),
            last in prop::sample::select(VOCABULARY),
            cut in 1usize..4,
        ) {
            let mut w = IndexWriter::new();
            for (i, words) in texts.iter().enumerate() {
                let lang = ["de", "da"][i % 2].to_string();
                w.add(Document { id: format!("d{i}"), text: words.join(" "), lang: Some(lang), ..Document::default() }).unwrap();
            }
            let bytes = w.finish().unwrap();
            let (cold, warm) = (Index::from_bytes(&bytes).unwrap(), Index::from_bytes(&bytes).unwrap());
            let last = &last[..cut.min(last.len())];
            let query = format!("{} {last}", words.join(" "));
            let options = findling::search::Options { limit: 5, facets: true, ..Default::default() };
            warm.query(last, options);
            prop_assert_eq!(cold.query(&query, options), warm.query(&query, options), "{}", query);
        }
    }

    /// [`VOCABULARY`] with `russland`, `hongkong` and `ring` rare (in about a sixth of
    /// the documents) and the others common, so that the words of a query match few
    /// documents or most of them.
    const SKEWED: &[&str] = &[
        "zoom", "zoom", "zoom", "zoom", "zoom", "zoom", "daten", "daten", "daten", "daten", "daten", "daten",
        "dat", "dat", "dat", "dat", "Sperre", "Sperre", "Sperre", "Sperre", "Gesetz", "Gesetz", "Gesetz",
        "Gesetz", "russland", "hongkong", "ring",
    ];
}

#[test]
fn did_you_mean_replaces_the_word_that_matches_nothing() {
    use findling::search::Options;
    let index = index();
    let r = index.query("Zoon Rusland", Options::default());
    // Relaxed: the Russland documents (a typo away) stand in, and the reader is told.
    let relaxed = r.relaxed.as_ref().expect("relaxed");
    assert_eq!(
        (relaxed.complete, relaxed.missing.as_slice()),
        (0, &["zoon".to_string()][..])
    );
    assert!(!r.hits.is_empty());
    assert_eq!(r.suggestion.as_deref(), Some("zoom Rusland"));
    let fixed = index.query(r.suggestion.as_deref().unwrap(), Options::default());
    assert!(!fixed.hits.is_empty());
    assert_eq!(index.query("zoom", Options::default()).suggestion, None);
    // The word replaced is the one typed, not the first text that contains it, and a
    // word before it whose lowercase is shorter ("ẞ" is three bytes, "ß" two) stays.
    let suggested = |q: &str| index.query(q, Options::default()).suggestion;
    assert_eq!(suggested("Zoom zoo ").as_deref(), Some("Zoom zoom "));
    assert_eq!(suggested("GROẞE Zoon").as_deref(), Some("GROẞE zoom"));
}

#[test]
fn any_matching_ranks_partial_matches_too() {
    use findling::search::{Matching, Options};
    let index = index();
    let all = index.query("Sferum kryptering", Options::default());
    // No document has both: relaxed, each word's document follows.
    assert_eq!(all.relaxed.as_ref().map(|r| r.complete), Some(0));
    assert_eq!(all.total, 2);
    let any = index.query(
        "Sferum kryptering",
        Options {
            matching: Matching::Any,
            ..Options::default()
        },
    );
    assert_eq!(any.total, 2);
}

/// Stop words: a query of only stop words still finds the pages that have them; added to
/// a content word they change nothing (they are dropped); inside a phrase they count.
#[test]
fn stop_words_alone_find_pages_and_beside_words_change_nothing() {
    let index = index();
    for only_stop_words in ["und die ", "og det "] {
        assert!(!ids(&index, only_stop_words).is_empty(), "{only_stop_words:?}");
    }
    for (with, without) in [("und Behörden ", "Behörden "), ("Zoom og ", "Zoom ")] {
        assert_eq!(ids(&index, with), ids(&index, without), "{with:?}");
    }
    let phrase = index.search("\"neue Sicherheitsgesetz\"", 10);
    let with_stop_word = index.search("\"das neue Sicherheitsgesetz\"", 10);
    let wrong_stop_word = index.search("\"und neue Sicherheitsgesetz\"", 10);
    assert!(!phrase.is_empty());
    assert!(with_stop_word.len() <= phrase.len());
    assert!(wrong_stop_word.is_empty(), "a phrase keeps its stop words");
}

/// An excerpt shows the finished words of a query, the rarest first, before the
/// completions of the word still being typed: a page full of words that start with the
/// typed letter shows where its one rare word stands.
#[test]
fn an_excerpt_shows_the_finished_words_before_the_completions_of_the_one_typed() {
    use findling::document::Document;
    use findling::format::IndexWriter;
    use findling::search::{Index, Options};
    let common = "Anfang Abend Ampel Apfel Arbeit Atem Auge ".repeat(12);
    let mut w = IndexWriter::new();
    for i in 0..8 {
        let text = format!("{common} Seite {i}");
        w.add(Document {
            id: format!("d{i}"),
            text,
            lang: Some("de".into()),
            ..Document::default()
        })
        .unwrap();
    }
    let filler = "Wort ".repeat(60);
    let text = format!("{common} {filler} Die Kontoverwaltung steht hier. {filler} {common}");
    w.add(Document {
        id: "target".into(),
        text,
        lang: Some("de".into()),
        ..Document::default()
    })
    .unwrap();
    let bytes = w.finish().unwrap();
    let index = Index::from_bytes(&bytes).unwrap();
    for query in [
        "Kontoverwaltung a",
        "Kontoverwaltung ap",
        "Kontoverwaltung Apfel ",
    ] {
        let r = index.query(query, Options::default());
        let hit = r.hits.iter().find(|h| h.id == "target").expect(query);
        let shown: Vec<&str> = hit
            .snippet
            .highlights
            .iter()
            .map(|h| &hit.snippet.text[h.clone()])
            .collect();
        assert!(
            shown.contains(&"Kontoverwaltung"),
            "{query}: {shown:?} in {:?}",
            hit.snippet.text
        );
    }
}

/// Excerpts from the postings' positions (what search does: no stemming, analyzed only
/// as far as needed) equal excerpts from re-analyzing the text with its stems.
mod excerpts_from_positions {
    use findling::analysis;
    use findling::document::Document;
    use findling::format::IndexWriter;
    use findling::language::Lang;
    use findling::search::snippet::{
        clause_span, excerpt, excerpt_at, excerpt_in, highlight, highlight_at, words_needed, Clauses,
    };
    use proptest::prelude::*;
    use std::collections::BTreeSet;

    const WORDS: &[&str] = &[
        "Behörden",
        "behörde",
        "Gesetze",
        "Video-Konferenz",
        "konferenz",
        "Zoom",
        "und",
        "Plattform-Anbieter-Streit",
        "the",
        "houses",
        "huse",
        "Straßen",
        "x",
        "Daten-",
        "-schutz",
        "Haus",
        "Sicherheitsgesetz",
        "sicherheit",
        "løber",
    ];

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(256))]

        #[test]
        fn equal_the_reference(
            words in prop::collection::vec(prop::sample::select(WORDS), 0..90),
            lang in prop::sample::select(vec![None, Some("de"), Some("da"), Some("en")]),
            pick in prop::collection::vec(any::<bool>(), 1..40),
        ) {
            let text = words.join(" ");
            let lang_code = lang.map(str::to_owned);
            let mut w = IndexWriter::new();
            w.add(Document { id: "d".into(), text: text.clone(), lang: lang_code, ..Document::default() }).unwrap();
            let bytes = w.finish().unwrap();
            let reader = findling::format::IndexReader::from_bytes(&bytes).unwrap();
            // Some of the document's own index terms, as a search would have matched.
            let lang = lang.and_then(Lang::from_code);
            let all: BTreeSet<String> = analysis::tokens(&text, lang)
                .iter()
                .flat_map(|t| t.index_terms().map(str::to_owned).collect::<Vec<_>>())
                .collect();
            let terms: BTreeSet<String> = all.into_iter().zip(pick.iter().cycle()).filter(|(_, &p)| p).map(|(t, _)| t).collect();
            let mut marks: Vec<u32> = terms
                .iter()
                .filter_map(|t| reader.term_ordinal(t))
                .flat_map(|o| reader.postings(o).unwrap().into_iter().flat_map(|p| p.positions))
                .collect();
            marks.sort_unstable();
            marks.dedup();
            prop_assert_eq!(excerpt_at(&text, lang, &terms, &marks), excerpt(&text, lang, &terms));
            // The places of more words than needed (a cache of a longer search's) give
            // the same excerpt.
            let every = analysis::Places::through(&text, u32::MAX);
            prop_assert_eq!(excerpt_in(&text, &every, lang, &terms, &marks, Clauses::default(), u32::MAX), excerpt(&text, lang, &terms));
            // Weighing the matches before a reach, the words' places through what
            // `words_needed` says are enough.
            for reach in [0, 5, 20] {
                let needed = analysis::Places::through(&text, words_needed(&marks, reach));
                prop_assert_eq!(
                    excerpt_in(&text, &needed, lang, &terms, &marks, Clauses::default(), reach),
                    excerpt_in(&text, &every, lang, &terms, &marks, Clauses::default(), reach)
                );
            }
            prop_assert_eq!(highlight_at(&text, lang, &terms, &marks), highlight(&text, lang, &terms));
            // Terms as the matches of up to three clauses: only the marks around the
            // windows with the most clauses, and the words' places as far as they need,
            // give the excerpt all of them give.
            let mut at: Vec<(u32, u32)> = (0..)
                .zip(&terms)
                .filter_map(|(i, t)| Some((i % 3, reader.term_ordinal(t)?)))
                .flat_map(|(c, o)| reader.postings(o).unwrap().into_iter().flat_map(move |p| p.positions.into_iter().map(move |p| (p, c))))
                .collect();
            at.sort_unstable();
            at.dedup();
            let clauses = Clauses { at: &at, weights: &[2.0, 0.5, 0.5] };
            for reach in [5, 40, u32::MAX] {
                let span = clause_span(clauses, reach);
                let near: Vec<u32> = marks.iter().copied().filter(|p| span.contains(p)).collect();
                let needed = analysis::Places::through(&text, words_needed(&near, reach));
                prop_assert_eq!(
                    excerpt_in(&text, &needed, lang, &terms, &near, clauses, reach),
                    excerpt_in(&text, &every, lang, &terms, &marks, clauses, reach)
                );
            }
        }
    }
}

/// Facet counts of one kind from a list of documents, the naive way: a map from value to
/// the number of documents, most common first, ties by value.
fn naive_facet(
    docs: &[&findling::document::Document],
    value: impl Fn(&findling::document::Document) -> Vec<String>,
) -> Vec<(String, u32)> {
    let mut counts = std::collections::BTreeMap::<String, u32>::new();
    for d in docs {
        for v in value(d) {
            *counts.entry(v).or_default() += 1;
        }
    }
    let mut out: Vec<(String, u32)> = counts.into_iter().collect();
    out.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    out
}

/// The documents of every hit of `query` (no limit).
fn matched<'i>(index: &'i Index<'_>, query: &str) -> Vec<&'i findling::document::Document> {
    use findling::search::Options;
    let all = index.query(
        query,
        Options {
            limit: usize::MAX,
            ..Options::default()
        },
    );
    all.hits
        .iter()
        .map(|h| &index.reader().documents()[h.doc as usize].document)
        .collect()
}

fn with_facets(index: &Index<'_>, query: &str, limit: usize) -> findling::search::Results {
    use findling::search::Options;
    index.query(
        query,
        Options {
            limit,
            facets: true,
            ..Options::default()
        },
    )
}

#[test]
fn facets_count_every_match_not_only_the_hits_returned() {
    let index = index();
    let lang = |d: &findling::document::Document| d.lang.clone().into_iter().collect::<Vec<_>>();
    let source = |d: &findling::document::Document| d.source.clone().into_iter().collect::<Vec<_>>();
    let year = |d: &findling::document::Document| {
        d.date
            .as_ref()
            .map(|d| d[..4].to_owned())
            .into_iter()
            .collect::<Vec<_>>()
    };
    for query in [
        "zoom",
        "Behörden",
        "Sferum",
        "kryptering OR Sicherheitsgesetz",
        "xyzzy",
        "zoom -Russland",
    ] {
        let results = with_facets(&index, query, 1);
        let facets = results.facets.expect("facets were asked for");
        let docs = matched(&index, query);
        assert_eq!(docs.len(), results.total, "{query}");
        assert_eq!(facets.lang.values, naive_facet(&docs, lang), "{query}: lang");
        assert_eq!(
            facets.source.values,
            naive_facet(&docs, source),
            "{query}: source"
        );
        assert_eq!(facets.year.values, naive_facet(&docs, year), "{query}: year");
    }
    let without = index.query("zoom", findling::search::Options::default());
    assert_eq!(without.facets, None, "facets only when asked for");
}

#[test]
fn facets_of_the_empty_query_are_those_of_every_document() {
    let index = index();
    let all = index.facets();
    assert_eq!(with_facets(&index, "", 10).facets.as_ref(), Some(&all));
    assert_eq!(with_facets(&index, "  ", 10).facets.as_ref(), Some(&all));
    let docs: Vec<_> = index.reader().documents().iter().map(|d| &d.document).collect();
    let lang = |d: &findling::document::Document| d.lang.clone().into_iter().collect::<Vec<_>>();
    assert_eq!(all.lang.values, naive_facet(&docs, lang));
    let de = all.lang.values.iter().find(|(v, _)| v == "de");
    assert_eq!(de, Some(&("de".to_owned(), 4)), "the four German seeds");
    assert_eq!(all.source.values[0], ("Epoch Times".to_owned(), 2));
}

/// A facet ignores its own filter (the other languages stay visible with `lang:da`) but
/// follows the others.
#[test]
fn each_facet_ignores_its_own_filter_and_follows_the_others() {
    let index = index();
    let filtered = with_facets(&index, "zoom lang:da", 10);
    let facets = filtered.facets.unwrap();
    let plain = with_facets(&index, "zoom", 10).facets.unwrap();
    assert_eq!(filtered.total, 1);
    assert_eq!(
        facets.lang, plain.lang,
        "lang counts as if lang:da were not there"
    );
    assert!(facets.source.values.is_empty(), "the Danish seed names no source");
    let by_source = with_facets(&index, "zoom source:\"Epoch Times\"", 10)
        .facets
        .unwrap();
    assert_eq!(by_source.lang.values, [("de".to_owned(), 2)]);
    assert_eq!(by_source.source, plain.source);
    let browse = with_facets(&index, "year:2021", 10);
    assert_eq!(browse.total, 1);
    assert_eq!(browse.facets.unwrap().year, index.facets().year);
}

/// Tags: counted per document once, filtered by `tag:` (whole tag, any case); the list is
/// cut at FACET_LIMIT while `distinct` counts every value; `document(id)` finds one.
#[test]
fn tags_and_long_facets_on_a_built_index() {
    use findling::document::Document;
    use findling::format::IndexWriter;
    use findling::search::facet::FACET_LIMIT;
    let mut writer = IndexWriter::new();
    for i in 0..70u32 {
        let tags = match i % 3 {
            0 => vec!["Rust".to_owned(), "wasm".to_owned(), "Rust".to_owned()],
            1 => vec!["rust".to_owned()],
            _ => vec![],
        };
        writer
            .add(Document {
                id: format!("doc{i:02}"),
                title: format!("Dokument {i}"),
                text: "Ein Satz über Suche im Browser.".into(),
                lang: Some(if i < 50 { "de" } else { "en" }.into()),
                source: Some(format!("Quelle {i:02}")),
                date: Some(format!("{}-01-01", 2000 + i % 5)),
                tags,
                ..Default::default()
            })
            .unwrap();
    }
    let bytes = writer.finish().unwrap();
    let index = Index::from_bytes(&bytes).unwrap();
    let all = index.facets();
    let tags = [("Rust", 24), ("wasm", 24), ("rust", 23)].map(|(t, n)| (t.to_owned(), n));
    assert_eq!(
        all.tags.values, tags,
        "most common first, ties by value, once per document"
    );
    assert_eq!(all.lang.values, [("de".to_owned(), 50), ("en".to_owned(), 20)]);
    assert_eq!(all.source.values.len(), FACET_LIMIT);
    assert_eq!(all.source.distinct, 70);
    assert_eq!(all.year.values[0], ("2000".to_owned(), 14));

    let tagged = with_facets(&index, "suche tag:RUST", 100);
    assert_eq!(tagged.total, 47, "tag: matches the whole tag in any case");
    let tagged_facets = tagged.facets.unwrap();
    assert_eq!(
        tagged_facets.tags,
        with_facets(&index, "suche", 1).facets.unwrap().tags
    );
    assert_eq!(
        tagged_facets.lang.values,
        [("de".to_owned(), 34), ("en".to_owned(), 13)]
    );
    assert_eq!(
        with_facets(&index, "tag:was", 100).total,
        0,
        "a tag is not a prefix"
    );

    assert_eq!(
        index.document("doc07").map(|d| d.title.as_str()),
        Some("Dokument 7")
    );
    assert_eq!(index.document("doc7"), None);
}

/// Relaxing: with fewer than RELAX_BELOW complete matches, the documents with some of the
/// words come too; `any` and a single word never relax.
#[test]
fn too_few_complete_matches_bring_the_partial_ones_too() {
    use findling::search::{Matching, Options, Relaxed};
    let index = index();
    let r = index.query("Behoerden Hongkong", Options::default());
    assert_eq!(
        r.relaxed,
        Some(Relaxed {
            complete: 1,
            missing: vec![]
        })
    );
    assert_eq!(r.hits[0].id.get(..3), Some("000"));
    assert!(r.hits.len() > 1 && r.hits.len() == r.total);
    let any = Options {
        matching: Matching::Any,
        ..Options::default()
    };
    assert_eq!(index.query("Behoerden Hongkong", any).relaxed, None);
    assert_eq!(index.query("Quallen", Options::default()).relaxed, None);
    let r = index.query("Quallen Hongkong", Options::default());
    assert_eq!(r.relaxed.map(|r| r.missing), Some(vec!["quallen".to_string()]));
}

#[test]
fn typos_and_compound_parts_are_looked_for_in_the_first_words_only() {
    use findling::search::query::MAX_FUZZY_WORDS;
    use findling::search::{Matching, Options};
    let index = index();
    let any = Options {
        matching: Matching::Any,
        ..Options::default()
    };
    let found = |before: usize| {
        let filler: Vec<String> = (0..before).map(|i| format!("qq{i}")).collect();
        // One typo (a swap) in Sicherheitsgesetz, typed after `before` other words.
        let q = format!("{} Sicherheitsgesezt ", filler.join(" "));
        index.query(&q, any).total
    };
    assert!(found(0) > 0);
    assert!(found(MAX_FUZZY_WORDS - 1) > 0);
    assert_eq!(found(MAX_FUZZY_WORDS), 0);
    // The alternatives of an OR count as words: the ninth is matched exactly only.
    let found_or = |before: usize| {
        let filler: Vec<String> = (0..before).map(|i| format!("qq{i} OR ")).collect();
        let q = format!("{}Sicherheitsgesezt ", filler.concat());
        index.query(&q, Options::default()).total
    };
    assert!(found_or(0) > 0);
    assert!(found_or(MAX_FUZZY_WORDS - 1) > 0);
    assert_eq!(found_or(MAX_FUZZY_WORDS), 0);
}

#[test]
fn a_pasted_page_answers_cut_to_the_limits_and_says_so() {
    use findling::search::Options;
    let index = index();
    let page: String = index.reader().documents()[0].document.text.repeat(300); // ~1 MB
    for q in [
        page.clone(),
        format!("\"{page}\""),
        "Sicherheitsgesetz ".repeat(50_000),
    ] {
        let results = index.query(&q, Options::default());
        assert!(results.truncated, "{}", &q[..40]);
    }
    assert!(
        !index
            .query("zoom Sicherheitsgesetz", Options::default())
            .truncated
    );
    let results = index.query(&"Sicherheitsgesetz ".repeat(50_000), Options::default());
    assert_eq!(results.hits[0].id[..3], *"000");
}

/// A document that has a word only through a typo ranks after the documents that have it
/// as typed, whatever their fields: "Regierung" must not put "Redigierung" (two typos
/// away, but in a title) above a page about the government.
#[test]
fn typo_only_matches_rank_after_words_as_typed() {
    use findling::document::Document;
    use findling::format::IndexWriter;
    let mut w = IndexWriter::new();
    let long_body = format!(
        "{} Die Regierung hat beraten.",
        "Viele andere Worte stehen hier. ".repeat(30)
    );
    w.add(Document {
        id: "typo".into(),
        title: "Redigierung".into(),
        text: "Redigierung von Texten.".into(),
        ..Document::default()
    })
    .unwrap();
    w.add(Document {
        id: "exact".into(),
        title: "Bericht".into(),
        text: long_body,
        ..Document::default()
    })
    .unwrap();
    let bytes = w.finish().unwrap();
    let index = Index::from_bytes(&bytes).unwrap();
    for q in ["Regierung", "Regierung "] {
        let ids: Vec<String> = index.search(q, 10).into_iter().map(|h| h.id).collect();
        assert_eq!(ids.first().map(String::as_str), Some("exact"), "{q}: {ids:?}");
    }
}

/// Relaxed, coverage weighs against score: a short description with two of three words
/// outranks a long page that has all three once in passing. With a page of complete
/// matches there is no relaxing, and only they are shown.
#[test]
fn relaxed_ranking_weighs_coverage_against_score() {
    use findling::document::Document;
    use findling::format::IndexWriter;
    use findling::search::{Options, RELAX_BELOW};
    let filler = "Viele andere Worte stehen hier. ".repeat(60);
    // Twenty pages without the words, so that each word is about as rare as the others.
    let build = |complete_pages: usize| {
        let mut w = IndexWriter::new();
        w.add(Document {
            id: "short".into(),
            title: "Quallen am Strand".into(),
            text: "Quallen treiben an den Strand, Quallen überall.".into(),
            ..Document::default()
        })
        .unwrap();
        for i in 0..20 {
            w.add(Document {
                id: format!("other{i}"),
                text: format!("Nachrichten aus aller Welt, Folge {i}."),
                ..Document::default()
            })
            .unwrap();
        }
        for i in 0..complete_pages {
            w.add(Document {
                id: format!("long{i}"),
                text: format!("{filler} Quallen. {filler} Strand. {filler} Sommer."),
                ..Document::default()
            })
            .unwrap();
        }
        w.finish().unwrap()
    };
    let ids = |bytes: &[u8]| {
        let index = Index::from_bytes(bytes).unwrap();
        let r = index.query("Quallen Strand Sommer", Options::default());
        let ids: Vec<String> = r.hits.into_iter().map(|h| h.id).collect();
        (ids, r.relaxed.map(|r| r.complete))
    };
    let (few, relaxed) = ids(&build(1));
    assert_eq!(
        (few.as_slice(), relaxed),
        (&["short".to_owned(), "long0".to_owned()][..], Some(1))
    );
    let (many, relaxed) = ids(&build(RELAX_BELOW));
    assert_eq!((many.len(), relaxed), (RELAX_BELOW, None));
    assert!(!many.contains(&"short".to_owned()), "{many:?}");
}

/// Coverage counts each word with its rarity: a question's one rare word ("Koalition")
/// outweighs two common ones ("lange", "dauern") that another page has side by side,
/// both when the query is relaxed and with `any`.
#[test]
fn coverage_weighs_each_word_by_its_rarity() {
    use findling::document::Document;
    use findling::format::IndexWriter;
    let mut w = IndexWriter::new();
    let filler = "Viele andere Worte stehen hier. ".repeat(8);
    let mut add = |id: String, text: String| {
        w.add(Document {
            id,
            text,
            ..Document::default()
        })
        .unwrap()
    };
    add("rare".into(), format!("{filler} Die Koalition regiert."));
    add("common".into(), "Es wird lange dauern.".into());
    for i in 0..8 {
        add(
            format!("filler{i}"),
            format!("{filler} Das kann lange dauern, Folge {i}."),
        );
        add(
            format!("other{i}"),
            format!("Nachrichten aus aller Welt, Folge {i}."),
        );
    }
    let bytes = w.finish().unwrap();
    let index = Index::from_bytes(&bytes).unwrap();
    for (matching, ids) in ids_in_both_modes(&index, "lange Koalition dauern ") {
        assert_eq!(
            ids.first().map(String::as_str),
            Some("rare"),
            "{matching:?}: {ids:?}"
        );
    }
}

/// The ids `query` finds with every word required (relaxed when too few documents have
/// them all) and with `any`, each with its mode.
fn ids_in_both_modes(index: &Index, query: &str) -> Vec<(findling::search::Matching, Vec<String>)> {
    use findling::search::{Matching, Options};
    [Matching::All, Matching::Any]
        .into_iter()
        .map(|matching| {
            let options = Options {
                matching,
                ..Options::default()
            };
            let hits = index.query(query, options).hits;
            (matching, hits.into_iter().map(|h| h.id).collect())
        })
        .collect()
}

/// The parts of a compound that no document has, searched apart, count in coverage as
/// the one word typed: "Paketkennzeichnung Zoll" is two words, so a page with "Paket"
/// and "Zoll" has three quarters of it and one with "Paket" and "Kennzeichnung" half,
/// not two thirds each (then "a" came first).
#[test]
fn a_split_compound_counts_as_one_word_in_coverage() {
    use findling::document::Document;
    use findling::format::IndexWriter;
    let mut w = IndexWriter::new();
    let filler = "Viele andere Worte stehen hier. ".repeat(4);
    let mut add = |id: &str, text: String| {
        w.add(Document {
            id: id.into(),
            text,
            ..Document::default()
        })
        .unwrap()
    };
    add("a", format!("Ein Paket. {filler} Die Kennzeichnung."));
    add("b", format!("Ein Paket. {filler} Der Zoll."));
    for i in 0..8 {
        add(
            &format!("other{i}"),
            format!("Nachrichten aus aller Welt, Folge {i}."),
        );
    }
    let bytes = w.finish().unwrap();
    let index = Index::from_bytes(&bytes).unwrap();
    for (matching, ids) in ids_in_both_modes(&index, "Paketkennzeichnung Zoll ") {
        assert_eq!(ids, ["b", "a"], "{matching:?}");
    }
}

/// A word that no dictionary term matches, not even with a typo, is searched as the
/// parts of the compound it is: the question's "Paketkennzeichnung" finds the page that
/// speaks of the "Kennzeichnung" of each "Paket", finished or still being typed, and a
/// word that merely has typo look-alikes is not split.
#[test]
fn a_compound_no_document_has_is_searched_as_its_parts() {
    use findling::document::Document;
    use findling::format::IndexWriter;
    let mut w = IndexWriter::new();
    for (id, text) in [
        ("label", "Auf jedem Paket steht eine Kennzeichnung des Inhalts."),
        ("other", "Die Post bringt Briefe und Karten."),
        ("box", "Der Postkasten ist voll."),
    ] {
        w.add(Document {
            id: id.into(),
            text: text.into(),
            ..Document::default()
        })
        .unwrap();
    }
    let bytes = w.finish().unwrap();
    let index = Index::from_bytes(&bytes).unwrap();
    assert_eq!(full_ids(&index, "Paketkennzeichnung "), ["label"]);
    assert_eq!(
        full_ids(&index, "Was ist in jeder Paketkennzeichnung enthalten? ")[0],
        "label"
    );
    // "Postkarten" is one typo from "Postkasten": a misspelling, not split into the
    // "Post" and "Karten" of the other page.
    assert_eq!(full_ids(&index, "Postkarten "), ["box"]);
    // While it is typed too, letter by letter, its last part completed as a last word is.
    for typed in ["Paketk", "Paketkennz", "Paketkennzeichnung"] {
        assert_eq!(full_ids(&index, typed), ["label"], "{typed}");
    }
    assert_eq!(full_ids(&index, "Postkarten"), ["box"]);
    // A word no term starts with and that has no known start stays unknown.
    assert!(full_ids(&index, "Xylophonkennz").is_empty());
}

/// A document with only a typo look-alike of a rare word is as rare as the look-alike:
/// "Ponts", in one page, must not make a page full of the common "fonts" outrank the
/// page that has "Pont" beside the other words.
#[test]
fn a_look_alike_weighs_as_rare_as_itself() {
    use findling::document::Document;
    use findling::format::IndexWriter;
    let mut w = IndexWriter::new();
    w.add(Document {
        id: "pont".into(),
        text: "Du Pont gründete ein Unternehmen für Schießpulver.".into(),
        ..Document::default()
    })
    .unwrap();
    w.add(Document {
        id: "fonts".into(),
        title: "Fonts".into(),
        text: "Fonts und noch mehr Fonts: ein Name für jede Schrift.".into(),
        ..Document::default()
    })
    .unwrap();
    for i in 0..30 {
        w.add(Document {
            id: format!("font{i}"),
            text: format!("Fonts der Sammlung {i}."),
            ..Document::default()
        })
        .unwrap();
    }
    let bytes = w.finish().unwrap();
    let index = Index::from_bytes(&bytes).unwrap();
    assert_eq!(full_ids(&index, "Name von du Ponts Unternehmen ")[0], "pont");
}

fn full_ids(index: &Index<'_>, query: &str) -> Vec<String> {
    index.search(query, 10).into_iter().map(|h| h.id).collect()
}

/// A hit names the section its excerpt is from when the page links to it: the heading
/// and its anchor; none for an excerpt before the first heading or in a section whose
/// heading has no anchor. The sections survive the index format.
#[test]
fn a_hit_names_the_section_of_its_excerpt() {
    use findling::document::{Document, Section};
    use findling::format::IndexWriter;
    use findling::search::Heading;
    let filler = "Viele andere Worte stehen hier. ".repeat(40);
    let text = format!(
        "Einleitung mit Apfel.\n\n{filler}\n\nInstallation\n\nDer Installer braucht Kirschen.\n\n{filler}\n\nNotizen\n\nHier stehen Pflaumen."
    );
    let at = |heading: &str| text.find(heading).unwrap() as u32;
    let sections = vec![
        Section {
            at: at("Installation"),
            anchor: "install".into(),
        },
        Section {
            at: at("Notizen"),
            anchor: String::new(),
        },
    ];
    let mut w = IndexWriter::new();
    w.add(Document {
        id: "guide".into(),
        title: "Handbuch".into(),
        text: text.clone(),
        sections,
        ..Document::default()
    })
    .unwrap();
    let bytes = w.finish().unwrap();
    let index = Index::from_bytes(&bytes).unwrap();
    let section = |q: &str| index.search(q, 10).into_iter().next().map(|h| h.section);
    let install = Heading {
        text: "Installation".into(),
        anchor: "install".into(),
    };
    assert_eq!(section("Kirschen"), Some(Some(install.clone())));
    assert_eq!(section("Installer"), Some(Some(install)));
    assert_eq!(section("Apfel"), Some(None));
    assert_eq!(section("Pflaumen"), Some(None));
}

/// Sections out of order, past the text or inside a character are refused with the
/// document's id, and the writer goes on as if the document had not been given.
#[test]
fn sections_out_of_order_or_past_the_text_are_an_error() {
    use findling::document::{Document, Section};
    use findling::format::IndexWriter;
    use findling::Error;
    let doc = |sections: Vec<Section>| Document {
        id: "d".into(),
        text: "Kopf\n\nText.".into(),
        sections,
        ..Document::default()
    };
    let section = |at: u32| Section {
        at,
        anchor: "a".into(),
    };
    for bad in [
        vec![section(6), section(0)],
        vec![section(0), section(0)],
        vec![section(11)],
    ] {
        let err = IndexWriter::new().add(doc(bad.clone())).unwrap_err();
        assert!(
            matches!(&err, Error::BadSections { id, .. } if id == "d"),
            "{bad:?}: {err}"
        );
    }
    // Inside a character: "Köpfe" has "ö" at bytes 1..3.
    let err = IndexWriter::new()
        .add(Document {
            id: "k".into(),
            text: "Köpfe".into(),
            sections: vec![section(2)],
            ..Document::default()
        })
        .unwrap_err();
    assert!(matches!(err, Error::BadSections { at: 2, .. }), "{err}");
    // A refused document leaves the writer as it was: the next one is document 0.
    let mut w = IndexWriter::new();
    assert!(w.add(doc(vec![section(11)])).is_err());
    w.add(doc(vec![section(0), section(6)])).unwrap();
    let bytes = w.finish().unwrap();
    let index = Index::from_bytes(&bytes).unwrap();
    let hits = index.search("Text", 10);
    assert_eq!(
        hits.iter().map(|h| (h.doc, h.id.as_str())).collect::<Vec<_>>(),
        [(0, "d")]
    );
}

/// Headings that are no ranges of the text, in order, are refused with the document's
/// id, and the writer goes on as if the document had not been given.
#[test]
fn headings_out_of_order_empty_or_past_the_text_are_an_error() {
    use findling::document::Document;
    use findling::format::{IndexReader, IndexWriter};
    use findling::Error;
    let doc = |headings: Vec<(u32, u32)>| Document {
        id: "d".into(),
        text: "Köpfe\n\nText.".into(),
        headings,
        ..Document::default()
    };
    // "Köpfe" is bytes 0..6 ("ö" at 1..3), "Text." 8..13.
    for bad in [
        vec![(8, 13), (0, 6)],
        vec![(0, 6), (5, 13)],
        vec![(4, 4)],
        vec![(8, 14)],
        vec![(0, 2)],
    ] {
        let err = IndexWriter::new().add(doc(bad.clone())).unwrap_err();
        assert!(
            matches!(&err, Error::BadHeadings { id, .. } if id == "d"),
            "{bad:?}: {err}"
        );
    }
    let mut w = IndexWriter::new();
    assert!(w.add(doc(vec![(8, 14)])).is_err());
    w.add(doc(vec![(0, 6), (8, 13)])).unwrap();
    let bytes = w.finish().unwrap();
    let reader = IndexReader::from_bytes(&bytes).unwrap();
    assert_eq!(reader.doc_count(), 1);
    assert_eq!(reader.headings(0), [(0, 1), (1, 2)]);
    assert_eq!(reader.documents()[0].document.headings, [(0, 6), (8, 13)]);
}

/// The words typed in a row are highlighted where they stand, stop words too; a quoted
/// phrase is highlighted where it stands and nowhere else (its "the" is no match
/// elsewhere), while a word typed alone is highlighted wherever it is.
#[test]
fn words_typed_in_a_row_are_highlighted_whole_stop_words_too() {
    let pages = [(
        "wget",
        "Retrieve files",
        "Wget fetches the files over HTTP. It can mirror a web site and crawl the web like a robot.".into(),
    )];
    let marked = |q: &str| {
        let hits = search_pages(&pages, q);
        let hit = hits.iter().find(|h| h.id == "wget").expect("wget is found");
        let text = &hit.snippet.text;
        let words = hit.snippet.highlights.iter().map(|r| text[r.clone()].to_owned());
        words.collect::<Vec<String>>()
    };
    assert_eq!(
        marked("and crawl the web "),
        ["web", "and", "crawl", "the", "web"]
    );
    assert_eq!(marked("\"crawl the web\""), ["crawl", "the", "web"]);
    assert_eq!(marked("crawl web "), ["web", "crawl", "web"]);
}

/// The hits of `query` in an index of `pages` (id, title, text) and eight unrelated
/// news pages.
fn search_pages(pages: &[(&str, &str, String)], query: &str) -> Vec<findling::Hit> {
    with_pages(pages, |index| index.search(query, 10))
}

/// The first hit's id for each of `queries`, in an index of `pages` (id, title, text)
/// and eight unrelated news pages.
fn first_hits(pages: &[(&str, &str, String)], queries: &[&str]) -> Vec<Option<String>> {
    with_pages(pages, |index| {
        let first = |q: &&str| index.search(q, 10).into_iter().next().map(|h| h.id);
        queries.iter().map(first).collect()
    })
}

/// `f` of an index of `pages` (id, title, text) and eight unrelated news pages.
fn with_pages<T>(pages: &[(&str, &str, String)], f: impl FnOnce(&Index) -> T) -> T {
    use findling::document::Document;
    use findling::format::IndexWriter;
    let mut w = IndexWriter::new();
    let news = (0..8).map(|i| {
        (
            format!("other{i}"),
            "News",
            format!("Nothing to see here, number {i}."),
        )
    });
    let all = pages
        .iter()
        .map(|(id, title, text)| (id.to_string(), *title, text.clone()));
    for (id, title, text) in all.chain(news) {
        w.add(Document {
            id,
            title: title.into(),
            text,
            ..Document::default()
        })
        .unwrap();
    }
    let bytes = w.finish().unwrap();
    f(&Index::from_bytes(&bytes).unwrap())
}

/// A page whose title starts with the query comes first, as a reader typing a name
/// expects, though a short page that says the name more often outscores it by BM25F
/// alone: a reference page repeats its own name until the body's frequency saturates.
/// While the name is being typed too, and for a name of two words; a title that only
/// mentions the word later gets nothing.
#[test]
fn a_title_that_starts_with_the_query_ranks_its_page_first() {
    let reference = "The encoder reads objects and writes text for other programs to read back. ".repeat(12);
    let pages = [
        (
            "page",
            "json encoder — reading and writing JSON",
            format!("{reference} Call json to encode."),
        ),
        (
            "mention",
            "Storing data in files",
            "Write it as json, read the json back, json keeps json json.".into(),
        ),
        (
            "later",
            "Files, and json encoder",
            "Another page: json json json.".into(),
        ),
    ];
    let queries = ["json ", "jso", "json encoder ", "json enc"];
    let first = first_hits(&pages, &queries);
    assert_eq!(first, vec![Some("page".to_owned()); queries.len()], "{queries:?}");
}

/// A title's stop words hold their places: "the json encoder" finds the page titled
/// "The json encoder" first, and a quoted phrase counts each of its words.
#[test]
fn a_title_start_counts_the_stop_words_typed() {
    let reference = "It reads objects and writes text for other programs to read back. ".repeat(12);
    let pages = [
        (
            "page",
            "The json encoder",
            format!("{reference} The json encoder encodes."),
        ),
        (
            "mention",
            "Storing data",
            "The json encoder, the json encoder, json encoder json.".into(),
        ),
    ];
    let queries = ["the json encoder ", "the \"json encoder\" "];
    let first = first_hits(&pages, &queries);
    assert_eq!(first, vec![Some("page".to_owned()); queries.len()], "{queries:?}");
}

/// A section number before a title's words does not hide them ("26.2. File System Level
/// Backup", "Chapter 40. Event Triggers"), and a title that is the query, word for word,
/// comes before one that only starts with it: the chapter's page, whose table of contents
/// names every section, and the longer title lose to the section typed.
#[test]
fn a_numbered_title_starts_after_its_number_and_a_whole_title_comes_first() {
    let toc = "26.1. SQL Dump 26.2. File System Level Backup 26.3. Continuous Archiving";
    let pages = [
        (
            "chapter",
            "Chapter 26. Backup and Restore",
            format!("{toc}. Backup and restore: a file system level backup, a dump, archiving. {toc}."),
        ),
        (
            "section",
            "26.2. File System Level Backup",
            "An alternative strategy is to copy the files that the server uses to store the data.".repeat(8),
        ),
        (
            "triggers",
            "Chapter 40. Event Triggers",
            "To supplement the trigger mechanism, event triggers fire on events. ".repeat(6),
        ),
        (
            "functions",
            "9.29. Event Triggers Functions and Helpers",
            "Event triggers, event triggers: functions that event triggers call.".into(),
        ),
    ];
    let queries = ["file system level backup ", "event triggers "];
    let first = first_hits(&pages, &queries);
    assert_eq!(
        first,
        [Some("section".to_owned()), Some("triggers".to_owned())],
        "{queries:?}"
    );
}

/// A title is the query only when every word typed is one of its words, finished: a
/// stop word left out of the query does not stand for a title's second word ("die
/// Tabelle" is not "Tabelle Eigenschaften"), and a word still being typed may become a
/// longer one ("Da" is not yet "Dank").
#[test]
fn a_whole_title_needs_every_word_typed_and_finished() {
    let pages = [
        (
            "tabelle",
            "Tabelle",
            "Eine Tabelle ordnet Werte in Zeilen und Spalten.".into(),
        ),
        (
            "eigenschaften",
            "Tabelle Eigenschaften",
            "Die Eigenschaften einer Tabelle: Rahmen, Farben, Breite.".into(),
        ),
        ("dank", "Dank", "Allen Helfern sei gedankt.".into()),
        (
            "daten",
            "Daten bearbeiten",
            "Daten eingeben, Daten ändern, Daten löschen: so bearbeiten Sie Daten.".into(),
        ),
    ];
    let queries = ["die tabelle ", "Da"];
    let first = first_hits(&pages, &queries);
    assert_eq!(
        first,
        [Some("tabelle".to_owned()), Some("daten".to_owned())],
        "{queries:?}"
    );
}

#[test]
fn a_stop_word_hyphenated_to_a_name_is_kept() {
    let pages = [
        (
            "git",
            "git",
            "git is a version control system. Its commands: git add, git am, git var and \
             many more; git applies patches with git am."
                .into(),
        ),
        (
            "git-am",
            "git-am",
            "Apply a series of patches from a mailbox to the current branch.".into(),
        ),
        (
            "git-var",
            "git-var",
            "Show a logical variable of the configuration.".into(),
        ),
    ];
    let queries = ["git-am ", "git-var ", "git am "];
    let first = first_hits(&pages, &queries);
    assert_eq!(
        first,
        [
            Some("git-am".to_owned()),
            Some("git-var".to_owned()),
            Some("git".to_owned())
        ],
        "{queries:?}"
    );
}

#[test]
fn a_title_is_whole_before_the_manual_section_that_ends_it() {
    let pages = [
        (
            "git-cherry",
            "git-cherry(1)",
            "Find commits yet to be applied to upstream.".into(),
        ),
        (
            "git-cherry-pick",
            "git-cherry-pick(1)",
            "Apply the changes of some existing commits. Unlike git cherry, git cherry-pick \
             applies them; see git cherry for commits not yet upstream."
                .into(),
        ),
    ];
    let queries = ["git-cherry ", "git cherry pick "];
    let first = first_hits(&pages, &queries);
    assert_eq!(
        first,
        [Some("git-cherry".to_owned()), Some("git-cherry-pick".to_owned())],
        "{queries:?}"
    );
}

#[test]
fn the_words_typed_in_a_row_find_the_page_that_has_them_so() {
    let pages = [
        (
            "robots",
            "Robots",
            "A robot visits the web: it can crawl a web site, and crawl web pages.".into(),
        ),
        (
            "wget",
            "Retrieve files",
            "Wget fetches files over HTTP. It can mirror a web site and crawl the web like a robot.".into(),
        ),
    ];
    // The stop words typed ("and", "the") count where they stand, the word being typed
    // as a prefix; typed alone, the words find the page that has "crawl web" in a row.
    let queries = ["and crawl the web ", "and crawl the we", "crawl web "];
    let first = first_hits(&pages, &queries);
    assert_eq!(
        first,
        [
            Some("wget".to_owned()),
            Some("wget".to_owned()),
            Some("robots".to_owned())
        ],
        "{queries:?}"
    );
}

/// What `Index::read` marks of document `id` for `query`: each highlighted piece of its
/// title, then of its text.
fn read_marks(index: &Index<'_>, id: &str, query: &str) -> (Vec<String>, Vec<String>) {
    let reading = index
        .read(id, query, findling::search::Matching::All)
        .expect("the document is there");
    let pieces = |h: &findling::search::snippet::Highlighted| {
        h.highlights
            .iter()
            .map(|r| h.text[r.clone()].to_owned())
            .collect::<Vec<String>>()
    };
    (pieces(&reading.title), pieces(&reading.text))
}

/// A reader opens a result and sees what the engine matched, in the whole document, by
/// the engine's own analysis: every form the query matched (a stem, another case), not
/// only the spellings the excerpt happened to show; a phrase and the stop words of words
/// typed in a row only where they stand; nothing in a document the query does not match.
#[test]
fn a_document_read_from_the_results_marks_what_the_query_matched_in_all_of_it() {
    let long = format!(
        "The printers are ready. {} A printer can mirror pages; the printer driver is there. \
         Crawl the web with it, and the end.",
        "Filler words of nothing. ".repeat(60)
    );
    let pages = [
        ("printing", "Printers and the printer driver", long.clone()),
        ("other", "Unrelated", "Nothing about it here at all.".to_owned()),
    ];
    with_pages(&pages, |index| {
        let (title, text) = read_marks(index, "printing", "printer");
        assert_eq!(title, ["Printers", "printer"]);
        // Every form, past where an excerpt would end.
        assert_eq!(text, ["printers", "printer", "printer"]);
        let hit = &index.search("printer", 10)[0];
        assert!(
            hit.snippet.highlights.len() < text.len(),
            "the excerpt shows fewer"
        );
        // Words typed in a row: the row's stop words where they stand, not every "the".
        let (_, text) = read_marks(index, "printing", "crawl the web ");
        assert_eq!(text, ["Crawl", "the", "web"]);
        // A phrase where it stands.
        let (_, text) = read_marks(index, "printing", "\"the printer driver\"");
        assert_eq!(text, ["the", "printer", "driver"]);
        // A document the query does not match marks nothing; an unknown id is none.
        assert_eq!(read_marks(index, "other", "printer"), (vec![], vec![]));
        assert!(index
            .read("nope", "printer", findling::search::Matching::All)
            .is_none());
        // A filter the document fails: nothing marked, the text whole.
        let reading = index
            .read("printing", "lang:de", findling::search::Matching::All)
            .unwrap();
        assert!(reading.text.highlights.is_empty());
        assert_eq!(reading.text.text, long);
        // So do negations alone, which browse: the whole text, not an excerpt.
        let reading = index
            .read("other", "-printer", findling::search::Matching::All)
            .unwrap();
        assert!(reading.text.highlights.is_empty());
        assert_eq!(reading.text.text, "Nothing about it here at all.");
        let reading = index
            .read("printing", "-zebra", findling::search::Matching::All)
            .unwrap();
        assert_eq!(reading.text.text, long);
    });
}

/// The seeds: for every hit of every golden query, the document read from it marks each
/// word its excerpt marks, at the same place of the text (the excerpt is a window of it).
#[test]
fn a_document_read_from_a_hit_marks_every_word_its_excerpt_marks() {
    let index = index();
    let mut checked = 0;
    for (query, _) in GOLDEN {
        for hit in index.search(query, 10) {
            let reading = index
                .read(&hit.id, query, findling::search::Matching::All)
                .unwrap();
            assert_eq!(
                reading.title.highlights, hit.title.highlights,
                "{query:?} {}",
                hit.id
            );
            // The reader opens where the excerpt is.
            assert_eq!(reading.text.focus, hit.snippet.focus, "{query:?} {}", hit.id);
            // Where the excerpt's text stands in the document's, white space aside (the
            // excerpt joins blocks with spaces), after a leading "… ".
            let (text, at_text) = collapsed(&reading.text.text);
            let (shown, at_shown) = collapsed(hit.snippet.text.trim_start_matches("… "));
            let offset = hit.snippet.text.len() - hit.snippet.text.trim_start_matches("… ").len();
            let start = text
                .find(shown.trim_end_matches(" …"))
                .unwrap_or_else(|| panic!("{query:?} {}: the excerpt is in the text", hit.id));
            // The document's byte of the excerpt's byte `b`.
            let place = |b: usize| at_text[start + at_shown.partition_point(|&o| o < b - offset)];
            for r in &hit.snippet.highlights {
                let r = place(r.start)..place(r.end - 1) + 1;
                assert!(
                    reading.text.highlights.contains(&r),
                    "{query:?} {}: {:?} marked in the excerpt, not in the document",
                    hit.id,
                    &reading.text.text[r]
                );
                checked += 1;
            }
        }
    }
    assert!(checked > 50, "only {checked} excerpt marks compared");
}

/// `text` with each run of white space one space, and for each of its bytes the byte of
/// `text` it comes from.
fn collapsed(text: &str) -> (String, Vec<usize>) {
    let (mut out, mut at) = (String::new(), Vec::new());
    for (i, c) in text.char_indices() {
        if c.is_whitespace() {
            if !out.ends_with(' ') {
                out.push(' ');
                at.push(i);
            }
        } else {
            out.push(c);
            at.extend(i..i + c.len_utf8());
        }
    }
    (out, at)
}

/// A question's question word is left out as a stop word is: the page that answers
/// "Wann starb Tesla?" says when, not "wann", and a page that happens to say "wann"
/// does not outrank it.
#[test]
fn a_question_word_is_left_out_of_the_query() {
    let pages = [
        (
            "answer",
            "Nikola Tesla",
            "Tesla starb am 7. Januar 1943 in New York. Tesla døde i 1943.".to_owned(),
        ),
        (
            "asks",
            "Tesla",
            "Wann kommt Tesla? Tesla, Tesla, wann nur? Hvornår kommer Tesla, hvornår?".to_owned(),
        ),
    ];
    let first = first_hits(&pages, &["Wann starb Tesla?", "Hvornår døde Tesla?", "wann"]);
    assert_eq!(
        first,
        [Some("answer".into()), Some("answer".into()), Some("asks".into())]
    );
}

/// A word that makes a question ask for an amount ("how many", "wie viele", "hvor ofte")
/// is left out with its question word: the page that answers says how many, and a page
/// that happens to say "many" does not outrank it. Elsewhere the word stays.
#[test]
fn an_amount_asked_for_is_left_out_of_the_query() {
    let pages = [
        (
            "answer",
            "Elections, Wahlen, valg",
            "Three elections in 2021. Drei Wahlen im Jahr 2021. Tre valg i 2021.".to_owned(),
        ),
        (
            "asks",
            "Questions",
            "So many questions, so many elections. So viele Fragen, so viele Wahlen. Ofte spørgsmål, ofte valg."
                .to_owned(),
        ),
    ];
    let first = first_hits(
        &pages,
        &[
            "How many elections?",
            "Wie viele Wahlen?",
            "Hvor ofte er der valg?",
            "many elections ",
            "how many ",
        ],
    );
    assert_eq!(
        first,
        [
            Some("answer".into()),
            Some("answer".into()),
            Some("answer".into()),
            Some("asks".into()),
            Some("asks".into())
        ]
    );
}

/// A longer row is surer: a page that holds "and metadata it also" in a row, with
/// "metadata" once, comes before a page full of "metadata", which three times its score
/// (the bonus of a row of two or three words) would not bring it past: 1.27 × 3 < 5.39 <
/// 1.27 × 5.
#[test]
fn a_longer_row_weighs_more() {
    let pages = [
        (
            "row",
            "Image tests",
            "It compares images and metadata. It also checks sizes.".to_owned(),
        ),
        (
            "full",
            "Metadata tools",
            "Metadata, metadata and metadata: tools for metadata.".to_owned(),
        ),
    ];
    let first = first_hits(&pages, &["and metadata. It also ", "metadata "]);
    assert_eq!(first, [Some("row".into()), Some("full".into())]);
}
