//! Relevance: BM25F over a title and a body field.
//!
//! BM25 (Robertson & Zaragoza) saturates term frequency and normalises by length; the F
//! variant first mixes the fields' length-normalised frequencies with per-field weights,
//! so a word in the headline counts more than the same word in the body.
//!
//! A query word matches a class of terms (its exact form, stems, compounds, typos), and
//! the class is scored as one term, as Lucene scores boosted synonyms: every occurrence
//! adds the weight of its kind of match to the frequency, so exact occurrences count
//! more than stem or typo ones, but saturation and length normalisation apply once.

/// Term-frequency saturation: how quickly more occurrences stop adding score
/// (the customary 1.2).
pub const K1: f32 = 1.2;

/// Length normalisation: 0 ignores document length, 1 divides by it fully
/// (the customary 0.75).
pub const B: f32 = 0.75;

/// Weight of an occurrence in the title relative to one in the body: a headline names
/// what the article is about.
pub const TITLE_WEIGHT: f32 = 3.0;

/// Term statistics of one document for one matched word.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct FieldFreqs {
    /// Occurrences in the title, each weighted by how well it matched (1 for exact).
    pub title_tf: f32,
    /// Occurrences in the body, weighted likewise.
    pub body_tf: f32,
    /// Words in the title.
    pub title_len: u32,
    /// Words in the body.
    pub body_len: u32,
}

/// Corpus-wide statistics.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct CorpusStats {
    /// Number of documents.
    pub docs: u32,
    /// Mean title length in words.
    pub avg_title_len: f32,
    /// Mean body length in words.
    pub avg_body_len: f32,
}

/// Inverse document frequency: rare terms weigh more (the BM25 form, always positive).
///
/// ```
/// use findling::search::score::idf;
/// assert!(idf(1, 100) > idf(50, 100));
/// assert!(idf(100, 100) > 0.0);
/// ```
pub fn idf(doc_freq: u32, docs: u32) -> f32 {
    let (n, df) = (docs as f32, doc_freq as f32);
    (1.0 + (n - df + 0.5) / (df + 0.5)).ln()
}

/// BM25F score of one term in one document.
///
/// ```
/// use findling::search::score::{bm25f, CorpusStats, FieldFreqs};
/// let stats = CorpusStats { docs: 10, avg_title_len: 5.0, avg_body_len: 100.0 };
/// let body = FieldFreqs { title_tf: 0.0, body_tf: 1.0, title_len: 5, body_len: 100 };
/// let title = FieldFreqs { title_tf: 1.0, body_tf: 0.0, ..body };
/// assert!(bm25f(title, 2, stats) > bm25f(body, 2, stats));
/// let typo = FieldFreqs { body_tf: 0.35, ..body };
/// assert!(bm25f(body, 2, stats) > bm25f(typo, 2, stats));
/// ```
pub fn bm25f(f: FieldFreqs, doc_freq: u32, stats: CorpusStats) -> f32 {
    bm25f_with_idf(f, idf(doc_freq, stats.docs), stats)
}

/// [`bm25f`] with the term's [`idf`] computed once for all the documents it is in.
///
/// ```
/// use findling::search::score::{bm25f, bm25f_with_idf, idf, CorpusStats, FieldFreqs};
/// let stats = CorpusStats { docs: 10, avg_title_len: 5.0, avg_body_len: 100.0 };
/// let f = FieldFreqs { title_tf: 1.0, body_tf: 2.5, title_len: 4, body_len: 80 };
/// assert_eq!(bm25f_with_idf(f, idf(3, 10), stats), bm25f(f, 3, stats));
/// ```
pub fn bm25f_with_idf(f: FieldFreqs, idf: f32, stats: CorpusStats) -> f32 {
    let norm = |len: u32, avg: f32| 1.0 - B + B * (len as f32) / avg.max(1.0);
    let tf = TITLE_WEIGHT * f.title_tf / norm(f.title_len, stats.avg_title_len)
        + f.body_tf / norm(f.body_len, stats.avg_body_len);
    idf * tf * (K1 + 1.0) / (K1 + tf)
}
