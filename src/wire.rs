//! Plain serializable shapes of hits, documents and statistics: what the CLI prints as
//! JSON and what JavaScript receives from the wasm `Searcher`.
//!
//! Highlight ranges here are `[start, end)` pairs in **UTF-16 code units** of the string
//! they belong to, so JavaScript can use them directly with `String.prototype.slice`.
//! (The runtime's own [`Hit`] uses byte offsets.)

use crate::document::Document;
use crate::format::FORMAT_VERSION;
use crate::search::facet::{Facet, Facets};
use crate::search::snippet::Highlighted;
use crate::search::sort;
use crate::search::{Hit, Index, Reading, Results};
use serde::Serialize;
use std::ops::Range;

/// One search result.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct WireHit {
    /// Document id.
    pub id: String,
    /// Title text.
    pub title: String,
    /// Relevance score (higher is better, comparable within one query).
    pub score: f32,
    /// Excerpt text.
    pub snippet: String,
    /// Ranges to highlight.
    pub highlights: WireHighlights,
    /// Language of the document, when known.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub lang: Option<String>,
    /// Publication date, when known.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub date: Option<String>,
    /// Publisher, when known.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
    /// Where the page is served (absolute, or relative to the site root), when known.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    /// The heading of the section the excerpt is from, when the page links to it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub section: Option<String>,
    /// The fragment that links to that section on the page (`install`: `url#install`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub anchor: Option<String>,
}

/// The answer to a query: hits, how many matched, and a "did you mean".
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct WireResults {
    /// The best hits, best first.
    pub hits: Vec<WireHit>,
    /// How many documents matched in all.
    pub total: usize,
    /// A corrected query when nothing matched.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub suggestion: Option<String>,
    /// Facet counts over every matching document, when they were asked for.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub facets: Option<WireFacets>,
    /// Whether the query was cut at its limits (words, characters, phrase length, see
    /// [`query`](crate::search::query)); absent when it was read whole.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub truncated: bool,
    /// When too few documents matched every word: how many did (they come first), and
    /// the words no document has. The rest of the hits match some of the words.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub relaxed: Option<WireRelaxed>,
    /// Whether every document was searched: false while shards of a sharded index are
    /// still loading (the answer then comes from those loaded).
    pub complete: bool,
    /// The fraction of the documents searched, 0 to 1.
    pub loaded: f64,
}

/// How a query was relaxed (see [`crate::search::Relaxed`]).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct WireRelaxed {
    /// How many documents matched every word.
    pub complete: usize,
    /// The words no document has.
    pub missing: Vec<String>,
}

/// Facet counts: per facet the most common values (at most
/// [`FACET_LIMIT`](crate::search::facet::FACET_LIMIT)) and how many values there are.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct WireFacets {
    /// Language codes.
    pub lang: WireFacet,
    /// Sources.
    pub source: WireFacet,
    /// Publication years.
    pub year: WireFacet,
    /// Tags.
    pub tags: WireFacet,
}

/// One facet's values, most documents first (ties by value).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct WireFacet {
    /// The listed values.
    pub values: Vec<WireFacetValue>,
    /// How many different values exist in all (`values` may be cut short).
    pub distinct: usize,
}

/// One value of a facet and how many documents have it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct WireFacetValue {
    /// The value (`de`, `Daily Planet`, `2021`, a tag).
    pub value: String,
    /// Documents with it.
    pub count: u32,
}

/// Highlight ranges of a hit, in UTF-16 code units.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct WireHighlights {
    /// Ranges in `title`.
    pub title: Vec<[u32; 2]>,
    /// Ranges in `snippet`.
    pub snippet: Vec<[u32; 2]>,
}

/// One document of the index.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct WireDocument {
    /// Document id.
    pub id: String,
    /// Title.
    pub title: String,
    /// Cleaned text.
    pub text: String,
    /// Language, when known.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub lang: Option<String>,
    /// Publication date, when known.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub date: Option<String>,
    /// Publisher, when known.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
    /// Where the page is served, when known.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    /// Tags or keywords.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub tags: Vec<String>,
    /// When the document is read from a query's results ([`WireDocument::read`]): the
    /// query's words in its whole title and text.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub highlights: Option<WireTextHighlights>,
}

/// Highlight ranges of a whole document, in UTF-16 code units.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct WireTextHighlights {
    /// Ranges in `title`.
    pub title: Vec<[u32; 2]>,
    /// Ranges in `text`.
    pub text: Vec<[u32; 2]>,
    /// Where in `text` the hit's excerpt is: where a reader opens.
    pub excerpt: u32,
}

impl WireDocument {
    /// The wire form of a document read from a query's results, its highlights included.
    pub fn read(reading: &Reading<'_>) -> Self {
        WireDocument {
            highlights: Some(WireTextHighlights {
                title: utf16_ranges(&reading.title),
                text: utf16_ranges(&reading.text),
                excerpt: utf16_offset(&reading.text.text, reading.text.focus),
            }),
            ..WireDocument::from(reading.document)
        }
    }
}

/// Index statistics.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct WireStats {
    /// Number of documents.
    pub documents: u32,
    /// Number of distinct terms.
    pub terms: u32,
    /// Size of the index in bytes.
    pub index_bytes: u64,
    /// Index format version.
    pub format_version: u32,
    /// What the build kept, dropped and skipped: `documents.<format>`,
    /// `skipped.<reason>`, `words.kept`, `words.dropped.<reason>`, `fallbacks`; by
    /// name, each name once (serialized as an object).
    #[serde(serialize_with = "serialize_map")]
    pub build: Vec<(String, u32)>,
    /// Shards of a sharded index (0: one whole index).
    pub shards: u32,
}

impl WireHit {
    /// The wire form of a hit, with its document's metadata.
    pub fn new(hit: &Hit, document: &Document) -> Self {
        WireHit {
            id: hit.id.clone(),
            title: hit.title.text.clone(),
            score: hit.score,
            snippet: hit.snippet.text.clone(),
            highlights: WireHighlights {
                title: utf16_ranges(&hit.title),
                snippet: utf16_ranges(&hit.snippet),
            },
            lang: document.lang.clone(),
            date: document.date.clone(),
            source: document.source.clone(),
            url: document.url.clone(),
            section: hit.section.as_ref().map(|h| h.text.clone()),
            anchor: hit.section.as_ref().map(|h| h.anchor.clone()),
        }
    }
}

impl WireResults {
    /// The wire form of results from `index`.
    pub fn new(results: &Results, index: &Index<'_>) -> Self {
        let parts = index.parts();
        WireResults {
            hits: results
                .hits
                .iter()
                .filter_map(|h| Some(WireHit::new(h, &parts.entry(h.doc)?.document)))
                .collect(),
            complete: parts.complete(),
            loaded: parts.loaded(),
            total: results.total,
            suggestion: results.suggestion.clone(),
            facets: results.facets.as_ref().map(WireFacets::from),
            relaxed: results.relaxed.as_ref().map(|r| WireRelaxed {
                complete: r.complete,
                missing: r.missing.clone(),
            }),
            truncated: results.truncated,
        }
    }
}

impl From<&Facets> for WireFacets {
    fn from(f: &Facets) -> Self {
        WireFacets {
            lang: WireFacet::from(&f.lang),
            source: WireFacet::from(&f.source),
            year: WireFacet::from(&f.year),
            tags: WireFacet::from(&f.tags),
        }
    }
}

impl From<&Facet> for WireFacet {
    fn from(f: &Facet) -> Self {
        WireFacet {
            values: f
                .values
                .iter()
                .map(|(value, count)| WireFacetValue {
                    value: value.clone(),
                    count: *count,
                })
                .collect(),
            distinct: f.distinct,
        }
    }
}

impl From<&Document> for WireDocument {
    fn from(d: &Document) -> Self {
        WireDocument {
            id: d.id.clone(),
            title: d.title.clone(),
            text: d.text.clone(),
            lang: d.lang.clone(),
            date: d.date.clone(),
            source: d.source.clone(),
            url: d.url.clone(),
            tags: d.tags.clone(),
            highlights: None,
        }
    }
}

impl WireStats {
    /// Statistics of an opened index of `bytes` bytes.
    pub fn of(index: &Index<'_>, bytes: usize) -> Self {
        let parts = index.parts();
        WireStats {
            documents: parts.doc_count(),
            terms: parts.term_count(),
            index_bytes: bytes as u64 + parts.shards().iter().map(|s| u64::from(s.bytes)).sum::<u64>(),
            format_version: FORMAT_VERSION,
            build: by_name(parts.counts()),
            shards: parts.shards().len() as u32,
        }
    }
}

/// `counts` sorted by name, the last of equal names kept, as a `BTreeMap` would collect
/// them; with the engine's heapsort, which the module links anyway, rather than the
/// standard library's stable sort (about 6 KB of wasm for this one call).
fn by_name(counts: &[(String, u32)]) -> Vec<(String, u32)> {
    let mut order: Vec<(&str, usize)> = counts
        .iter()
        .enumerate()
        .map(|(i, (name, _))| (name.as_str(), i))
        .collect();
    sort::sort(&mut order);
    let mut out: Vec<(String, u32)> = Vec::with_capacity(order.len());
    for (name, i) in order {
        match out.last_mut() {
            Some(last) if last.0 == name => last.1 = counts[i].1,
            _ => out.push((name.to_owned(), counts[i].1)),
        }
    }
    out
}

/// The UTF-16 offset of byte `byte` of `text` (its end past the end; 0 off a character
/// boundary, which no offset of the engine is).
fn utf16_offset(text: &str, byte: usize) -> u32 {
    text.get(..byte.min(text.len()))
        .map_or(0, |s| s.encode_utf16().count() as u32)
}

/// Serializes (name, value) pairs as a map.
fn serialize_map<S: serde::Serializer>(pairs: &[(String, u32)], serializer: S) -> Result<S::Ok, S::Error> {
    serializer.collect_map(pairs.iter().map(|(k, v)| (k, v)))
}

/// Converts byte ranges of `h.text` to UTF-16 code unit ranges.
///
/// ```
/// use findling::search::snippet::Highlighted;
/// use findling::wire::utf16_ranges;
/// let h = Highlighted { text: "Über 😀 Zoom".into(), highlights: vec![0..5, 11..15], focus: 0 };
/// assert_eq!(utf16_ranges(&h), [[0, 4], [8, 12]]);
/// ```
pub fn utf16_ranges(h: &Highlighted) -> Vec<[u32; 2]> {
    // The ranges ascend: the text is counted once, from each offset to the next (a
    // whole document may have thousands).
    let (mut byte, mut units) = (0, 0);
    let mut at = |to: usize| -> u32 {
        let to = to.min(h.text.len());
        match h.text.get(byte..to) {
            Some(s) => {
                units += s.encode_utf16().count() as u32;
                byte = to;
                units
            }
            None => utf16_offset(&h.text, to),
        }
    };
    h.highlights
        .iter()
        .map(|r: &Range<usize>| [at(r.start), at(r.end)])
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn build_counts_are_by_name_the_last_of_equal_names_kept_as_a_btree_map_has_them() {
        let counts: Vec<(String, u32)> = [
            ("words.kept", 5),
            ("documents.text", 2),
            ("fallbacks", 0),
            ("documents.text", 3),
        ]
        .map(|(k, v)| (k.to_owned(), v))
        .to_vec();
        let expected: std::collections::BTreeMap<String, u32> = counts.iter().cloned().collect();
        assert_eq!(by_name(&counts), expected.into_iter().collect::<Vec<_>>());
        assert_eq!(by_name(&[]), []);
    }
}
