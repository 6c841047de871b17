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
    ("Behoerden Hongkong", &["000"]),
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
    ("Russland Zoom", &["001", "004"]),
    ("Sferum", &["001"]),
    ("kryptering", &["002"]),
    ("Zoom Microsoft", &["000", "004"]),
    ("\"neue Sicherheitsgesetz\"", &["000"]),
    ("\"Sicherheitsgesetz neue\"", &[]),
    ("Russland -Sferum", &["004"]),
    ("zoom -\"Russland hat am Mittwoch\"", &["002", "004", "000"]),
    ("Sferum OR kryptering", &["002", "001"]),
    ("zoom lang:da", &["002"]),
    ("zoom source:\"Epoch Times\"", &["001", "000"]),
    ("zoom source:\"Epoch", &[]),
    ("lang:da", &["002"]),
    ("zoom lang:fr", &[]),
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
    }
}

#[test]
fn did_you_mean_replaces_the_word_that_matches_nothing() {
    use findling::search::Options;
    let index = index();
    let r = index.query("Zoon Rusland", Options::default());
    assert!(r.hits.is_empty());
    assert_eq!(r.suggestion.as_deref(), Some("zoom Rusland"));
    let fixed = index.query(r.suggestion.as_deref().unwrap(), Options::default());
    assert!(!fixed.hits.is_empty());
    assert_eq!(index.query("zoom", Options::default()).suggestion, None);
}

#[test]
fn any_matching_ranks_partial_matches_too() {
    use findling::search::{Matching, Options};
    let index = index();
    let all = index.query("Sferum kryptering", Options::default());
    assert_eq!(all.total, 0);
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

/// Excerpts from the postings' positions (what search does: no stemming, analyzed only
/// as far as needed) equal excerpts from re-analyzing the text with its stems.
mod excerpts_from_positions {
    use findling::analysis;
    use findling::document::Document;
    use findling::format::IndexWriter;
    use findling::language::Lang;
    use findling::search::snippet::{excerpt, excerpt_at, highlight, highlight_at};
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
            prop_assert_eq!(highlight_at(&text, lang, &terms, &marks), highlight(&text, lang, &terms));
        }
    }
}
