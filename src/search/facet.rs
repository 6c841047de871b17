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
        let mut values = Vec::new();
        self.for_each_value(d, |v| values.push(v));
        values
    }

    /// Calls `f` with each of [`FacetKind::values`], without collecting them.
    fn for_each_value<'d>(self, d: &'d Document, mut f: impl FnMut(&'d str)) {
        let mut one = |v: Option<&'d str>| {
            if let Some(v) = v.filter(|v| !v.trim().is_empty()) {
                f(v);
            }
        };
        match self {
            FacetKind::Lang => one(d.lang.as_deref()),
            FacetKind::Source => one(d.source.as_deref()),
            FacetKind::Year => one(d.date.as_deref().and_then(year_of)),
            FacetKind::Tags => {
                for (i, tag) in d.tags.iter().enumerate() {
                    if !d.tags[..i].contains(tag) {
                        one(Some(tag));
                    }
                }
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

/// Every document's facet values, numbered per kind, remembered by document number
/// (the search numbers each document's as its shard is loaded, see
/// [`number`](Self::number)): a query that matches most of a large corpus then counts
/// its facets with one increment per value, not a hash of each value's text (on da-full
/// a one-letter prefix spent 10 ms counting the facets of its 50,000 documents).
#[derive(Debug, Default)]
pub struct FacetTable {
    /// Per kind, the values seen, by number.
    names: [Vec<String>; 4],
    /// Per kind, the number of each value.
    numbers: [HashMap<String, u32>; 4],
    /// Per document number, where its values are in `values`, once seen.
    docs: Vec<Option<(u32, u32)>>,
    /// The documents' values: kind and number.
    values: Vec<(FacetKind, u32)>,
}

impl FacetTable {
    /// Numbers the values of document number `doc`, which is `d`, unless they are.
    pub fn number(&mut self, doc: u32, d: &Document) {
        let slot = doc as usize;
        if self.docs.len() <= slot {
            self.docs.resize(slot + 1, None);
        }
        self.docs[slot].get_or_insert_with(|| {
            let start = self.values.len() as u32;
            for kind in FacetKind::ALL {
                kind.for_each_value(d, |value| {
                    let (names, numbers) = (&mut self.names[kind as usize], &mut self.numbers[kind as usize]);
                    // Most values are seen before: looked up by the text, copied only when new.
                    let number = match numbers.get(value) {
                        Some(&number) => number,
                        None => {
                            names.push(value.to_owned());
                            let number = names.len() as u32 - 1;
                            numbers.insert(value.to_owned(), number);
                            number
                        }
                    };
                    self.values.push((kind, number));
                });
            }
            (start, self.values.len() as u32)
        });
    }
}

/// Counts facet values document by document, with the numbers of a [`FacetTable`].
#[derive(Debug)]
pub struct FacetCounter<'t> {
    table: &'t mut FacetTable,
    /// Per kind, documents counted per value number.
    counts: [Vec<u32>; 4],
}

impl<'t> FacetCounter<'t> {
    /// An empty counter that numbers values with `table` (and remembers them there).
    pub fn new(table: &'t mut FacetTable) -> Self {
        FacetCounter {
            table,
            counts: Default::default(),
        }
    }

    /// Counts document number `doc`, which is `d`, in every facet whose kind is not
    /// blocked by `failed`, a mask of [`FacetKind::bit`]s of the filters the document
    /// fails: a document failing only the language filter still counts for the language
    /// facet. A document number always stands for the same document.
    pub fn add(&mut self, doc: u32, d: &Document, failed: u8) {
        self.table.number(doc, d);
        self.add_seen(doc, failed);
    }

    /// Counts document number `doc` as [`add`](Self::add) does if a counter of the same
    /// table has seen it before, without its document (a search need not look it up);
    /// returns whether it had.
    pub fn add_seen(&mut self, doc: u32, failed: u8) -> bool {
        let Some(&Some((start, end))) = self.table.docs.get(doc as usize) else {
            return false;
        };
        for &(kind, number) in &self.table.values[start as usize..end as usize] {
            if failed & !kind.bit() != 0 {
                continue;
            }
            let counts = &mut self.counts[kind as usize];
            if counts.len() <= number as usize {
                counts.resize(number as usize + 1, 0);
            }
            counts[number as usize] += 1;
        }
        true
    }

    /// The facets, each cut to `limit` values.
    ///
    /// ```
    /// use findling::document::Document;
    /// use findling::search::facet::{FacetCounter, FacetTable};
    /// let doc = |lang: &str| Document { lang: Some(lang.into()), ..Default::default() };
    /// let docs = [doc("de"), doc("da"), doc("de"), doc("en")];
    /// let mut table = FacetTable::default();
    /// let mut counter = FacetCounter::new(&mut table);
    /// docs.iter().zip(0..).for_each(|(d, n)| counter.add(n, d, 0));
    /// let facets = counter.finish(2);
    /// assert_eq!(facets.lang.values, [("de".into(), 2), ("da".into(), 1)]);
    /// assert_eq!(facets.lang.distinct, 3);
    /// ```
    pub fn finish(self, limit: usize) -> Facets {
        let names = &self.table.names;
        let [lang, source, year, tags] = [0, 1, 2, 3].map(|k| {
            let names = &names[k];
            let mut values: Vec<(u32, u32)> = (0..)
                .zip(&self.counts[k])
                .filter(|&(_, &n)| n > 0)
                .map(|(number, &n)| (number, n))
                .collect();
            let distinct = values.len();
            sort::top_by(&mut values, limit, |a, b| {
                b.1.cmp(&a.1)
                    .then_with(|| names[a.0 as usize].cmp(&names[b.0 as usize]))
            });
            let values = values
                .into_iter()
                .map(|(number, n)| (names[number as usize].clone(), n))
                .collect();
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
        let mut table = FacetTable::default();
        let mut counter = FacetCounter::new(&mut table);
        docs.iter().zip(0..).for_each(|(d, n)| counter.add(n, d, 0));
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
    fn a_document_seen_before_counts_without_its_document() {
        let (a, b) = (
            doc("de", "A", "2020-01-01", &["x"]),
            doc("da", "B", "2021-01-01", &[]),
        );
        let mut table = FacetTable::default();
        let mut first = FacetCounter::new(&mut table);
        assert!(!first.add_seen(0, 0), "not seen yet");
        first.add(0, &a, 0);
        first.add(1, &b, 0);
        let expected = first.finish(FACET_LIMIT);
        let mut again = FacetCounter::new(&mut table);
        assert!(again.add_seen(0, 0) && again.add_seen(1, 0));
        assert!(!again.add_seen(2, 0));
        assert_eq!(again.finish(FACET_LIMIT), expected);
    }

    #[test]
    fn a_failed_filter_blocks_every_facet_but_its_own() {
        let d = doc("da", "A", "2021-01-01", &["t"]);
        let mut table = FacetTable::default();
        let mut counter = FacetCounter::new(&mut table);
        counter.add(0, &d, FacetKind::Lang.bit());
        let f = counter.finish(FACET_LIMIT);
        assert_eq!(f.lang.values, [("da".to_owned(), 1)]);
        assert!(f.source.values.is_empty() && f.year.values.is_empty() && f.tags.values.is_empty());

        let mut counter = FacetCounter::new(&mut table);
        counter.add(0, &d, FacetKind::Lang.bit() | FacetKind::Year.bit());
        assert_eq!(counter.finish(FACET_LIMIT), Facets::default());
    }

    #[test]
    fn the_list_is_cut_but_distinct_counts_all() {
        let docs: Vec<Document> = (0..120)
            .map(|i| doc("de", &format!("s{:03}", i % 60), "x", &[]))
            .collect();
        let mut table = FacetTable::default();
        let mut counter = FacetCounter::new(&mut table);
        docs.iter().zip(0..).for_each(|(d, n)| counter.add(n, d, 0));
        let f = counter.finish(FACET_LIMIT);
        assert_eq!(f.source.values.len(), FACET_LIMIT);
        assert_eq!(f.source.distinct, 60);
        assert_eq!(f.source.values[0], ("s000".to_owned(), 2));
        assert!(f.year.values.is_empty(), "a date without a year has no year");
    }
}
