//! Facet counts: for the language, source, publication year and tags of the documents a
//! query matches, every value with the number of documents that have it, most common first.
//!
//! Counting is disjunctive, as faceted search usually is: a facet is counted over the
//! documents that pass every *other* filter of the query, so with `lang:de` pressed the
//! language facet still shows how many documents the other languages would give, while
//! the source, year and tag facets count only German ones.

use super::sort;
use crate::document::Document;
use std::collections::HashMap;

/// Most values listed per facet: enough to fill a "more" list, small enough to cross to
/// JavaScript on every keystroke. [`Facet::distinct`] says how many values there were.
pub const FACET_LIMIT: usize = 50;

/// What a facet counts; each kind is narrowed by one filter of the query syntax.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FacetKind {
    /// The document's language code (filter `lang:`).
    Lang,
    /// The document's publisher (filter `source:`).
    Source,
    /// The first four digits of the document's date (filter `year:`).
    Year,
    /// Each of the document's tags (filter `tag:`).
    Tags,
}

impl FacetKind {
    /// Every kind, in the order of [`Facets`]' fields.
    pub const ALL: [FacetKind; 4] = [
        FacetKind::Lang,
        FacetKind::Source,
        FacetKind::Year,
        FacetKind::Tags,
    ];

    /// This kind's bit in a mask of the filters a document fails.
    pub fn bit(self) -> u8 {
        1 << self as u8
    }

    /// The values a document has for this facet (tags without repeats, blanks skipped).
    ///
    /// ```
    /// use findling::document::Document;
    /// use findling::search::facet::FacetKind;
    /// let d = Document { date: Some("2021-03-04".into()), tags: vec!["a".into(), "a".into(), " ".into()], ..Default::default() };
    /// assert_eq!(FacetKind::Year.values(&d), ["2021"]);
    /// assert_eq!(FacetKind::Tags.values(&d), ["a"]);
    /// assert!(FacetKind::Lang.values(&d).is_empty());
    /// ```
    pub fn values(self, d: &Document) -> Vec<&str> {
        fn one(v: Option<&str>) -> Vec<&str> {
            v.filter(|v| !v.trim().is_empty()).into_iter().collect()
        }
        match self {
            FacetKind::Lang => one(d.lang.as_deref()),
            FacetKind::Source => one(d.source.as_deref()),
            FacetKind::Year => one(d.date.as_deref().and_then(year_of)),
            FacetKind::Tags => {
                let mut tags: Vec<&str> = Vec::new();
                for tag in d.tags.iter().map(String::as_str) {
                    if !tag.trim().is_empty() && !tags.contains(&tag) {
                        tags.push(tag);
                    }
                }
                tags
            }
        }
    }
}

/// The year of an ISO 8601 date: its first four characters, when they are digits.
///
/// ```
/// use findling::search::facet::year_of;
/// assert_eq!(year_of("2020-07-08"), Some("2020"));
/// assert_eq!(year_of("20-07-08"), None);
/// ```
pub fn year_of(date: &str) -> Option<&str> {
    date.get(..4).filter(|y| y.bytes().all(|b| b.is_ascii_digit()))
}

/// The counted values of one facet.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Facet {
    /// `(value, documents)`, most documents first, ties by value; at most [`FACET_LIMIT`].
    pub values: Vec<(String, u32)>,
    /// How many different values there were in all (`values` may be cut short).
    pub distinct: usize,
}

/// The four facets of a set of documents.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Facets {
    /// Languages.
    pub lang: Facet,
    /// Sources.
    pub source: Facet,
    /// Publication years.
    pub year: Facet,
    /// Tags.
    pub tags: Facet,
}

/// Counts facet values document by document.
#[derive(Debug, Default)]
pub struct FacetCounter<'d> {
    counts: [HashMap<&'d str, u32>; 4],
}

impl<'d> FacetCounter<'d> {
    /// An empty counter.
    pub fn new() -> Self {
        Self::default()
    }

    /// Counts `d` in every facet whose kind is not blocked by `failed`, a mask of
    /// [`FacetKind::bit`]s of the filters the document fails: a document failing only the
    /// language filter still counts for the language facet.
    pub fn add(&mut self, d: &'d Document, failed: u8) {
        for kind in FacetKind::ALL {
            if failed & !kind.bit() != 0 {
                continue;
            }
            for value in kind.values(d) {
                *self.counts[kind as usize].entry(value).or_default() += 1;
            }
        }
    }

    /// The facets, each cut to `limit` values.
    ///
    /// ```
    /// use findling::document::Document;
    /// use findling::search::facet::FacetCounter;
    /// let doc = |lang: &str| Document { lang: Some(lang.into()), ..Default::default() };
    /// let docs = [doc("de"), doc("da"), doc("de"), doc("en")];
    /// let mut counter = FacetCounter::new();
    /// docs.iter().for_each(|d| counter.add(d, 0));
    /// let facets = counter.finish(2);
    /// assert_eq!(facets.lang.values, [("de".into(), 2), ("da".into(), 1)]);
    /// assert_eq!(facets.lang.distinct, 3);
    /// ```
    pub fn finish(self, limit: usize) -> Facets {
        let [lang, source, year, tags] = self.counts.map(|counts| {
            let distinct = counts.len();
            let mut values: Vec<(String, u32)> = counts.into_iter().map(|(v, n)| (v.to_owned(), n)).collect();
            sort::top_by(&mut values, limit, |a, b| {
                b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0))
            });
            Facet { values, distinct }
        });
        Facets {
            lang,
            source,
            year,
            tags,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn doc(lang: &str, source: &str, date: &str, tags: &[&str]) -> Document {
        Document {
            lang: Some(lang.into()),
            source: Some(source.into()),
            date: Some(date.into()),
            tags: tags.iter().map(|t| t.to_string()).collect(),
            ..Default::default()
        }
    }

    #[test]
    fn most_common_first_ties_by_value() {
        let docs = [
            doc("de", "B", "2020-01-01", &["x", "y"]),
            doc("da", "A", "2021-01-01", &["y"]),
            doc("de", "A", "2021-05-05", &["y", "z"]),
        ];
        let mut counter = FacetCounter::new();
        docs.iter().for_each(|d| counter.add(d, 0));
        let f = counter.finish(FACET_LIMIT);
        let values = |f: &Facet| {
            f.values
                .iter()
                .map(|(v, n)| format!("{v}={n}"))
                .collect::<Vec<_>>()
        };
        assert_eq!(values(&f.lang), ["de=2", "da=1"]);
        assert_eq!(values(&f.source), ["A=2", "B=1"]);
        assert_eq!(values(&f.year), ["2021=2", "2020=1"]);
        assert_eq!(values(&f.tags), ["y=3", "x=1", "z=1"]);
        assert_eq!((f.tags.distinct, f.year.distinct), (3, 2));
    }

    #[test]
    fn a_failed_filter_blocks_every_facet_but_its_own() {
        let d = doc("da", "A", "2021-01-01", &["t"]);
        let mut counter = FacetCounter::new();
        counter.add(&d, FacetKind::Lang.bit());
        let f = counter.finish(FACET_LIMIT);
        assert_eq!(f.lang.values, [("da".to_owned(), 1)]);
        assert!(f.source.values.is_empty() && f.year.values.is_empty() && f.tags.values.is_empty());

        let mut counter = FacetCounter::new();
        counter.add(&d, FacetKind::Lang.bit() | FacetKind::Year.bit());
        assert_eq!(counter.finish(FACET_LIMIT), Facets::default());
    }

    #[test]
    fn the_list_is_cut_but_distinct_counts_all() {
        let docs: Vec<Document> = (0..120)
            .map(|i| doc("de", &format!("s{:03}", i % 60), "x", &[]))
            .collect();
        let mut counter = FacetCounter::new();
        docs.iter().for_each(|d| counter.add(d, 0));
        let f = counter.finish(FACET_LIMIT);
        assert_eq!(f.source.values.len(), FACET_LIMIT);
        assert_eq!(f.source.distinct, 60);
        assert_eq!(f.source.values[0], ("s000".to_owned(), 2));
        assert!(f.year.values.is_empty(), "a date without a year has no year");
    }
}
