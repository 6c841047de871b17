//! Search: analyzes a query with the indexing analyzer, finds the documents that contain
//! every query word (the last one also as a prefix, for search as you type), ranks them
//! with BM25F and cuts a highlighted excerpt from each.

pub mod score;
pub mod snippet;

use crate::analysis;
use crate::error::Result;
use crate::format::{IndexReader, Posting};
use score::{CorpusStats, FieldFreqs};
use snippet::Highlighted;
use std::collections::{BTreeMap, BTreeSet};

/// Score factor of a prefix match against an exact match of the same term: a finished
/// word the reader typed outranks a longer word it happens to start.
pub const PREFIX_WEIGHT: f32 = 0.6;

/// Most dictionary terms a prefix expands to (the shortest first): enough for any real
/// completion, bounded so that a one-letter prefix stays fast on a large corpus.
pub const MAX_PREFIX_EXPANSIONS: usize = 64;

/// One ranked result.
#[derive(Debug, Clone, PartialEq)]
pub struct Hit {
    /// The document number in the index.
    pub doc: u32,
    /// The document id (its file name without `.txt`).
    pub id: String,
    /// Relevance; higher is better. Comparable within one query only.
    pub score: f32,
    /// The title with its matched words highlighted (byte ranges).
    pub title: Highlighted,
    /// An excerpt of the text with its matched words highlighted (byte ranges).
    pub snippet: Highlighted,
}

/// A searchable index: the reader plus the corpus statistics ranking needs.
#[derive(Debug)]
pub struct Index<'a> {
    reader: IndexReader<'a>,
    stats: CorpusStats,
}

/// One dictionary term a query word matched, and how well.
#[derive(Debug, Clone)]
struct Expansion {
    term: String,
    ordinal: u64,
    weight: f32,
}

impl<'a> Index<'a> {
    /// Opens an index (see [`IndexReader::from_bytes`] for the checks).
    pub fn from_bytes(bytes: &'a [u8]) -> Result<Self> {
        Ok(Self::new(IndexReader::from_bytes(bytes)?))
    }

    /// Wraps an opened reader.
    pub fn new(reader: IndexReader<'a>) -> Self {
        let docs = reader.documents();
        let n = docs.len().max(1) as f32;
        let stats = CorpusStats {
            docs: reader.doc_count(),
            avg_title_len: docs.iter().map(|d| d.title_terms as f32).sum::<f32>() / n,
            avg_body_len: docs.iter().map(|d| d.body_terms as f32).sum::<f32>() / n,
        };
        Index { reader, stats }
    }

    /// The underlying reader.
    pub fn reader(&self) -> &IndexReader<'a> {
        &self.reader
    }

    /// The best `limit` documents for `query`, best first; ties go to the lower doc id.
    ///
    /// Every query word must match (AND). The last word also matches as a prefix unless
    /// the query ends in a space or punctuation (the word is finished).
    ///
    /// ```
    /// use findling::document::Document;
    /// use findling::format::IndexWriter;
    /// use findling::search::Index;
    /// let mut w = IndexWriter::new();
    /// w.add(Document { id: "hk".into(), title: "Hongkong".into(), text: "Das Sicherheitsgesetz gilt.".into(), ..Default::default() })?;
    /// w.add(Document { id: "ru".into(), title: "Russland".into(), text: "Zoom droht Sperre.".into(), ..Default::default() })?;
    /// let bytes = w.finish()?;
    /// let index = Index::from_bytes(&bytes)?;
    /// let hits = index.search("sicherheitsges", 10);
    /// assert_eq!(hits[0].id, "hk");
    /// assert_eq!(hits[0].snippet.highlights, [4..21]);
    /// # Ok::<(), findling::Error>(())
    /// ```
    pub fn search(&self, query: &str, limit: usize) -> Vec<Hit> {
        let words = analysis::tokens(query);
        let Some(last) = words.last() else {
            return Vec::new();
        };
        let last_is_prefix = last.end == query.len();
        let mut seen = BTreeSet::new();
        let mut per_word = Vec::new();
        for (i, word) in words.iter().enumerate() {
            if !seen.insert(word.term.clone()) {
                continue;
            }
            let prefix = last_is_prefix && i == words.len() - 1;
            per_word.push(self.expand(&word.term, prefix));
        }

        // doc → (score, matched terms), kept only while every word so far matched.
        let mut candidates: Option<BTreeMap<u32, (f32, BTreeSet<String>)>> = None;
        for expansions in &per_word {
            let scored = self.score_word(expansions);
            candidates = Some(match candidates {
                None => scored,
                Some(previous) => previous
                    .into_iter()
                    .filter_map(|(doc, (score, mut terms))| {
                        let (s, t) = scored.get(&doc)?;
                        terms.extend(t.iter().cloned());
                        Some((doc, (score + s, terms)))
                    })
                    .collect(),
            });
        }
        let mut ranked: Vec<(u32, f32, BTreeSet<String>)> = candidates
            .unwrap_or_default()
            .into_iter()
            .map(|(doc, (score, terms))| (doc, score, terms))
            .collect();
        let docs = self.reader.documents();
        ranked.sort_by(|a, b| {
            b.1.total_cmp(&a.1).then_with(|| {
                docs[a.0 as usize]
                    .document
                    .id
                    .cmp(&docs[b.0 as usize].document.id)
            })
        });
        ranked.truncate(limit);
        ranked
            .into_iter()
            .map(|(doc, score, terms)| {
                let d = &docs[doc as usize].document;
                Hit {
                    doc,
                    id: d.id.clone(),
                    score,
                    title: snippet::highlight(&d.title, &terms),
                    snippet: snippet::excerpt(&d.text, &terms),
                }
            })
            .collect()
    }

    /// The dictionary terms one query word matches: itself, and with `prefix` the terms
    /// it starts (shortest first, at most [`MAX_PREFIX_EXPANSIONS`]).
    fn expand(&self, term: &str, prefix: bool) -> Vec<Expansion> {
        let mut out = Vec::new();
        if let Some(ordinal) = self.reader.term_ordinal(term) {
            out.push(Expansion {
                term: term.to_owned(),
                ordinal,
                weight: 1.0,
            });
        }
        if prefix {
            use fst::{Automaton, IntoStreamer, Streamer};
            let automaton = fst::automaton::Str::new(term).starts_with();
            let mut stream = self.reader.terms().search(automaton).into_stream();
            let mut found = Vec::new();
            while let Some((key, ordinal)) = stream.next() {
                if key.len() > term.len() {
                    found.push((String::from_utf8_lossy(key).into_owned(), ordinal));
                }
            }
            found.sort_by(|a, b| a.0.len().cmp(&b.0.len()).then_with(|| a.0.cmp(&b.0)));
            found.truncate(MAX_PREFIX_EXPANSIONS);
            out.extend(found.into_iter().map(|(term, ordinal)| Expansion {
                term,
                ordinal,
                weight: PREFIX_WEIGHT,
            }));
        }
        out
    }

    /// Scores every document one query word matches: the best of its expansions.
    fn score_word(&self, expansions: &[Expansion]) -> BTreeMap<u32, (f32, BTreeSet<String>)> {
        let docs = self.reader.documents();
        let mut out: BTreeMap<u32, (f32, BTreeSet<String>)> = BTreeMap::new();
        for e in expansions {
            let postings: Vec<Posting> = self.reader.postings(e.ordinal).unwrap_or_default();
            let doc_freq = self.reader.doc_freq(e.ordinal);
            for p in postings {
                let Some(entry) = docs.get(p.doc as usize) else {
                    continue;
                };
                let title_tf = p.positions.iter().filter(|&&pos| pos < entry.title_terms).count() as u32;
                let freqs = FieldFreqs {
                    title_tf,
                    body_tf: p.positions.len() as u32 - title_tf,
                    title_len: entry.title_terms,
                    body_len: entry.body_terms,
                };
                let s = e.weight * score::bm25f(freqs, doc_freq, self.stats);
                let slot = out.entry(p.doc).or_insert((0.0, BTreeSet::new()));
                slot.0 = slot.0.max(s);
                slot.1.insert(e.term.clone());
            }
        }
        out
    }
}

impl Index<'static> {
    /// The index embedded at build time ([`crate::EMBEDDED_INDEX`]).
    pub fn embedded() -> Result<Self> {
        Self::from_bytes(crate::EMBEDDED_INDEX)
    }
}
