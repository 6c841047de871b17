//! Search: analyzes a query with the indexing analyzer, finds the documents that contain
//! every query word (the last one also as a prefix, for search as you type), ranks them
//! with BM25F and cuts a highlighted excerpt from each.

pub mod expand;
pub mod score;
pub mod snippet;

use crate::analysis;
use crate::error::Result;
use crate::format::{IndexReader, Posting};
use crate::language::Lang;
use expand::Expansion;
use score::{CorpusStats, FieldFreqs};
use snippet::Highlighted;
use std::collections::{BTreeMap, BTreeSet};

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
        let words: Vec<analysis::Token> = analysis::tokens(query, None)
            .into_iter()
            .filter(|t| !t.joined)
            .collect();
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
            let lower = query[word.start..word.end].to_lowercase();
            per_word.push(expand::expand(self.reader.terms(), &lower, prefix));
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
                let lang = d.lang.as_deref().and_then(Lang::from_code);
                Hit {
                    doc,
                    id: d.id.clone(),
                    score,
                    title: snippet::highlight(&d.title, lang, &terms),
                    snippet: snippet::excerpt(&d.text, lang, &terms),
                }
            })
            .collect()
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
                let s = e.kind.weight() * score::bm25f(freqs, doc_freq, self.stats);
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
