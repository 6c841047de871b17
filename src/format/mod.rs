//! The index format: every byte of it, the writer and the reader side by side.
//!
//! An index is one byte string, written at build time and embedded in the library. All
//! integers are little-endian `u32` (never `usize`: the writer runs on 64-bit, the reader
//! on 32-bit wasm) or unsigned LEB128 varints of at most 5 bytes.
//!
//! | offset | size | field |
//! | --- | --- | --- |
//! | 0 | 8 | [`MAGIC`] |
//! | 8 | 4 | [`FORMAT_VERSION`] |
//! | 12 | 4 | [`ANALYZER_VERSION`] |
//! | 16 | 4 | `doc_count` |
//! | 20 | 4 | `term_count` |
//! | 24 | 4 | `fst_len`: bytes of the term dictionary |
//! | 28 | 4 | `postings_len`: bytes of the postings |
//! | 32 | 4 | `docs_len`: bytes of the document table |
//! | 36 | 4 | `counts_len`: bytes of the build counts |
//! | 40 | `fst_len` | term dictionary: an `fst::Map` from term to term ordinal; ordinals are 0.. in term order |
//! | … | `8 × term_count` | term table, by ordinal: `doc_freq` u32, `postings_offset` u32 (into the postings) |
//! | … | `postings_len` | postings, one list per term, its end the next term's offset: per document `doc_delta`, `tf`, then `tf` position deltas (varints) |
//! | … | `docs_len` | documents, by doc number: `title_terms`, `body_terms` (varints), then the strings `id`, `title`, `text`, `lang`, `date`, `source`, `url` (varint length + UTF-8; empty means absent), then `tags`: a varint count and that many strings |
//! | … | `counts_len` | build counts (what the build kept, dropped and skipped): a varint count, then per count a string name and a varint value |
//!
//! Positions count the words of a document's title first, then its body: a position
//! below `title_terms` is in the title.
//!
//! The reader checks every length, ordinal and string before it answers, so a damaged
//! index is an [`Error`], never a panic.

pub mod shard;

use crate::analysis::{self, ANALYZER_VERSION};
use crate::document::Document;
use crate::error::{Error, Result};
use crate::language::Lang;
use std::collections::{BTreeMap, BTreeSet};

/// First bytes of every index.
pub const MAGIC: [u8; 8] = *b"FINDLING";

/// Version of the layout above; bump it on any change to it.
pub const FORMAT_VERSION: u32 = 2;

/// Size of the fixed header before the term dictionary.
const HEADER_LEN: usize = 40;

/// Size of one term-table entry.
const TERM_ENTRY_LEN: usize = 8;

/// Builds an index from documents.
///
/// ```
/// use findling::document::Document;
/// use findling::format::{IndexReader, IndexWriter};
/// let mut w = IndexWriter::new();
/// w.add(Document { id: "a".into(), title: "Zoom".into(), text: "Zoom und Microsoft".into(), ..Default::default() })?;
/// let bytes = w.finish()?;
/// let r = IndexReader::from_bytes(&bytes)?;
/// assert_eq!(r.doc_count(), 1);
/// let zoom = r.term_ordinal("zoom").unwrap();
/// assert_eq!(r.postings(zoom)?[0].positions, [0, 1]);
/// # Ok::<(), findling::Error>(())
/// ```
#[derive(Debug, Default)]
pub struct IndexWriter {
    documents: Vec<Document>,
    lengths: Vec<(u32, u32)>,
    /// term → postings (doc number, positions), doc numbers ascending.
    postings: BTreeMap<String, Vec<(u32, Vec<u32>)>>,
    /// Named build counts, stored as they are given.
    counts: Vec<(String, u64)>,
}

impl IndexWriter {
    /// An empty writer.
    pub fn new() -> Self {
        Self::default()
    }

    /// Analyzes and adds one document; documents are numbered in the order added.
    pub fn add(&mut self, document: Document) -> Result<()> {
        let doc = u32::try_from(self.documents.len()).map_err(|_| Error::TooLarge { what: "documents" })?;
        let lang = document.lang.as_deref().and_then(Lang::from_code);
        let title = analysis::tokens(&document.title, lang);
        let body = analysis::tokens(&document.text, lang);
        let too_many = |_| Error::TooLarge { what: "words" };
        let title_len = analysis::word_count(&title);
        let body_len = analysis::word_count(&body);
        u32::try_from(u64::from(title_len) + u64::from(body_len)).map_err(too_many)?;
        let mut positions: BTreeMap<String, BTreeSet<u32>> = BTreeMap::new();
        for (t, shift) in title
            .iter()
            .map(|t| (t, 0))
            .chain(body.iter().map(|t| (t, title_len)))
        {
            for term in t.index_terms() {
                positions
                    .entry(term.to_owned())
                    .or_default()
                    .insert(t.position + shift);
            }
        }
        for (term, list) in positions {
            self.postings
                .entry(term)
                .or_default()
                .push((doc, list.into_iter().collect()));
        }
        self.lengths.push((title_len, body_len));
        self.documents.push(document);
        Ok(())
    }

    /// Sets the build counts the index carries (see [`crate::report::Report`]); values
    /// above `u32::MAX` are stored as `u32::MAX`.
    pub fn set_counts(&mut self, counts: Vec<(String, u64)>) {
        self.counts = counts;
    }

    /// Writes the index bytes. The same documents in the same order give the same bytes.
    pub fn finish(self) -> Result<Vec<u8>> {
        let too_large = |what| move |_| Error::TooLarge { what };
        let doc_count = u32::try_from(self.documents.len()).map_err(too_large("documents"))?;
        let term_count = u32::try_from(self.postings.len()).map_err(too_large("terms"))?;

        let mut terms = fst::MapBuilder::memory();
        let mut table = Vec::with_capacity(self.postings.len() * TERM_ENTRY_LEN);
        let mut postings = Vec::new();
        for (ordinal, (term, list)) in self.postings.iter().enumerate() {
            terms.insert(term, ordinal as u64).map_err(|e| Error::Corrupt {
                section: "terms",
                offset: 0,
                detail: e.to_string(),
            })?;
            let doc_freq = u32::try_from(list.len()).map_err(too_large("documents"))?;
            let start = u32::try_from(postings.len()).map_err(too_large("postings bytes"))?;
            table.extend_from_slice(&doc_freq.to_le_bytes());
            table.extend_from_slice(&start.to_le_bytes());
            let mut previous_doc = 0;
            for (doc, positions) in list {
                put_varint(&mut postings, doc - previous_doc);
                previous_doc = *doc;
                put_varint(&mut postings, positions.len() as u32);
                let mut previous = 0;
                for &p in positions {
                    put_varint(&mut postings, p - previous);
                    previous = p;
                }
            }
        }
        let terms = terms.into_inner().map_err(|e| Error::Corrupt {
            section: "terms",
            offset: 0,
            detail: e.to_string(),
        })?;

        let mut docs = Vec::new();
        for (d, &(title_len, body_len)) in self.documents.iter().zip(&self.lengths) {
            put_varint(&mut docs, title_len);
            put_varint(&mut docs, body_len);
            for s in [&d.id, &d.title, &d.text] {
                put_str(&mut docs, s)?;
            }
            for s in [&d.lang, &d.date, &d.source, &d.url] {
                put_str(&mut docs, s.as_deref().unwrap_or(""))?;
            }
            put_varint(&mut docs, u32::try_from(d.tags.len()).map_err(too_large("tags"))?);
            for tag in &d.tags {
                put_str(&mut docs, tag)?;
            }
        }
        let mut counts = Vec::new();
        put_varint(
            &mut counts,
            u32::try_from(self.counts.len()).map_err(too_large("counts"))?,
        );
        for (name, n) in &self.counts {
            put_str(&mut counts, name)?;
            put_varint(&mut counts, u32::try_from(*n).unwrap_or(u32::MAX));
        }

        let mut out =
            Vec::with_capacity(HEADER_LEN + terms.len() + table.len() + postings.len() + docs.len());
        out.extend_from_slice(&MAGIC);
        for n in [FORMAT_VERSION, ANALYZER_VERSION, doc_count, term_count] {
            out.extend_from_slice(&n.to_le_bytes());
        }
        for (section, what) in [
            (&terms, "term dictionary bytes"),
            (&postings, "postings bytes"),
            (&docs, "document bytes"),
            (&counts, "count bytes"),
        ] {
            let len = u32::try_from(section.len()).map_err(too_large(what))?;
            out.extend_from_slice(&len.to_le_bytes());
        }
        out.extend_from_slice(&terms);
        out.extend_from_slice(&table);
        out.extend_from_slice(&postings);
        out.extend_from_slice(&docs);
        out.extend_from_slice(&counts);
        Ok(out)
    }
}

/// How much of an index [`IndexReader`] checks when it opens it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Checks {
    /// Everything: bytes from anywhere.
    All,
    /// The structure only: bytes this build wrote and validated.
    Structure,
}

/// One document's entry in a term's postings.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Posting {
    /// The document's number (its index in [`IndexReader::documents`]).
    pub doc: u32,
    /// Word positions of the term in the document, ascending; below
    /// [`DocumentEntry::title_terms`] means in the title.
    pub positions: Vec<u32>,
}

/// A document as stored, with its word counts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DocumentEntry {
    /// The document.
    pub document: Document,
    /// Number of words in the title.
    pub title_terms: u32,
    /// Number of words in the body.
    pub body_terms: u32,
}

/// Reads an index written by [`IndexWriter`]; every check happens in [`from_bytes`](Self::from_bytes).
#[derive(Debug)]
pub struct IndexReader<'a> {
    terms: fst::Map<&'a [u8]>,
    table: &'a [u8],
    /// Byte offset of the term table in the index (for error messages).
    table_at: usize,
    postings: &'a [u8],
    /// Byte offset of the postings section in the index (for error messages).
    postings_at: usize,
    documents: Vec<DocumentEntry>,
    counts: Vec<(String, u32)>,
}

impl<'a> IndexReader<'a> {
    /// Opens and fully validates an index: every section, the fst's checksum and
    /// ordinals, and every posting list.
    pub fn from_bytes(bytes: &'a [u8]) -> Result<Self> {
        Self::open(bytes, Checks::All)
    }

    /// Opens an index that was fully validated when it was written: the one build.rs
    /// wrote, read back with [`from_bytes`](Self::from_bytes) and embedded in this very
    /// module. The header, the section lengths and the document table are still checked;
    /// the fst's checksum and ordinals and the posting lists are not read until used (a
    /// damaged posting list is still an error, when it is read). This is most of the time
    /// a search box waits before it can answer.
    pub fn from_verified_bytes(bytes: &'a [u8]) -> Result<Self> {
        Self::open(bytes, Checks::Structure)
    }

    fn open(bytes: &'a [u8], checks: Checks) -> Result<Self> {
        let mut header = Cursor::new(bytes, 0, "header");
        if header.take(MAGIC.len())? != MAGIC {
            return Err(Error::BadMagic);
        }
        let format = header.u32()?;
        if format != FORMAT_VERSION {
            return Err(Error::FormatVersion {
                found: format,
                expected: FORMAT_VERSION,
            });
        }
        let analyzer = header.u32()?;
        if analyzer != ANALYZER_VERSION {
            return Err(Error::AnalyzerVersion {
                found: analyzer,
                expected: ANALYZER_VERSION,
            });
        }
        let doc_count = header.u32()?;
        let term_count = header.u32()?;
        let fst_len = header.u32()? as usize;
        let postings_len = header.u32()? as usize;
        let docs_len = header.u32()? as usize;
        let counts_len = header.u32()? as usize;

        let mut body = Cursor::new(bytes, HEADER_LEN, "term dictionary");
        let fst_at = body.at;
        let fst_bytes = body.take(fst_len)?;
        body.section = "term table";
        let table_at = body.at;
        let table_len = (term_count as usize)
            .checked_mul(TERM_ENTRY_LEN)
            .ok_or(Error::Truncated {
                section: "term table",
                offset: body.at as u64,
            })?;
        let table = body.take(table_len)?;
        body.section = "postings";
        let postings_at = body.at;
        let postings = body.take(postings_len)?;
        body.section = "documents";
        let docs_at = body.at;
        let docs = body.take(docs_len)?;
        body.section = "build counts";
        let counts_at = body.at;
        let counts = body.take(counts_len)?;
        if body.at != bytes.len() {
            return Err(Error::TrailingBytes {
                offset: body.at as u64,
            });
        }

        let corrupt_fst = |detail: String| Error::Corrupt {
            section: "term dictionary",
            offset: fst_at as u64,
            detail,
        };
        let terms = fst::Map::new(fst_bytes).map_err(|e| corrupt_fst(e.to_string()))?;
        if checks == Checks::All {
            terms.as_fst().verify().map_err(|e| corrupt_fst(e.to_string()))?;
        }
        if terms.len() != term_count as usize {
            return Err(corrupt_fst(format!(
                "{} terms, header says {term_count}",
                terms.len()
            )));
        }
        if checks == Checks::All {
            use fst::Streamer;
            let mut stream = terms.stream();
            let mut expected = 0u64;
            while let Some((_, ordinal)) = stream.next() {
                if ordinal != expected {
                    return Err(corrupt_fst(format!("term {expected} has ordinal {ordinal}")));
                }
                expected += 1;
            }
        }

        let documents = read_documents(docs, docs_at, doc_count)?;
        let counts = read_counts(counts, counts_at)?;
        let reader = IndexReader {
            terms,
            table,
            table_at,
            postings,
            postings_at,
            documents,
            counts,
        };
        if checks == Checks::All {
            for ordinal in 0..u64::from(term_count) {
                reader.postings(ordinal)?;
            }
        }
        Ok(reader)
    }

    /// Number of documents.
    pub fn doc_count(&self) -> u32 {
        self.documents.len() as u32
    }

    /// Number of distinct terms.
    pub fn term_count(&self) -> u32 {
        self.terms.len() as u32
    }

    /// The term dictionary, for prefix and fuzzy lookups with fst automata.
    pub fn terms(&self) -> &fst::Map<&'a [u8]> {
        &self.terms
    }

    /// The ordinal of an exact term.
    pub fn term_ordinal(&self, term: &str) -> Option<u64> {
        self.terms.get(term)
    }

    /// All documents, by doc number.
    pub fn documents(&self) -> &[DocumentEntry] {
        &self.documents
    }

    /// The build counts, in the order they were written.
    pub fn counts(&self) -> &[(String, u32)] {
        &self.counts
    }

    /// Number of documents containing the term with this ordinal (0 if out of range).
    pub fn doc_freq(&self, ordinal: u64) -> u32 {
        self.entry(ordinal).map_or(0, |(freq, _, _)| freq)
    }

    /// The postings of the term with this ordinal, doc numbers ascending.
    pub fn postings(&self, ordinal: u64) -> Result<Vec<Posting>> {
        let mut out = Vec::new();
        self.for_each_posting(ordinal, |doc, positions| {
            out.push(Posting {
                doc,
                positions: positions.to_vec(),
            })
        })?;
        Ok(out)
    }

    /// Calls `f` with each document number and positions of the term with this
    /// ordinal, doc numbers ascending, without allocating per document. Stops at the
    /// first damage, with the error (`f` has then seen the documents before it).
    pub fn for_each_posting(&self, ordinal: u64, mut f: impl FnMut(u32, &[u32])) -> Result<()> {
        let (doc_freq, start, end) = self.entry(ordinal).ok_or(Error::Corrupt {
            section: "term table",
            offset: 0,
            detail: format!("no term with ordinal {ordinal}"),
        })?;
        let corrupt = |offset: usize, detail: String| Error::Corrupt {
            section: "postings",
            offset: (self.postings_at + offset) as u64,
            detail,
        };
        // `start`, `end` and `doc_freq` are read from the term table: an error about them
        // names the entry they were read from, not an offset they claim (any number).
        let entry_at = (self.table_at as u64).saturating_add(ordinal.saturating_mul(TERM_ENTRY_LEN as u64));
        let corrupt_entry = |detail: String| Error::Corrupt {
            section: "term table",
            offset: entry_at,
            detail,
        };
        if start > end || end > self.postings.len() {
            return Err(corrupt_entry(format!(
                "term {ordinal} has postings {start}..{end} of {}",
                self.postings.len()
            )));
        }
        let mut c = Cursor {
            bytes: &self.postings[..end],
            at: start,
            base: self.postings_at,
            section: "postings",
        };
        // Each entry takes at least 3 bytes: a corrupt doc_freq must not size an allocation.
        if doc_freq as usize > (end - start) / 3 {
            return Err(corrupt_entry(format!(
                "term {ordinal} claims {doc_freq} documents in {} bytes",
                end - start
            )));
        }
        let mut positions: Vec<u32> = Vec::new();
        let mut doc = 0u32;
        for i in 0..doc_freq {
            let delta = c.varint()?;
            doc = doc
                .checked_add(delta)
                .filter(|&d| (i == 0 || delta > 0) && d < self.doc_count())
                .ok_or_else(|| {
                    corrupt(
                        c.at,
                        format!(
                            "term {ordinal} lists document {doc}+{delta} of {}",
                            self.doc_count()
                        ),
                    )
                })?;
            let tf = c.varint()?;
            if tf == 0 || tf as usize > end - c.at {
                return Err(corrupt(
                    c.at,
                    format!("term {ordinal} has {tf} positions in document {doc}"),
                ));
            }
            positions.clear();
            let mut p = 0u32;
            for k in 0..tf {
                let d = c.varint()?;
                p = p.checked_add(d).filter(|_| k == 0 || d > 0).ok_or_else(|| {
                    corrupt(
                        c.at,
                        format!("term {ordinal} has an invalid position in document {doc}"),
                    )
                })?;
                positions.push(p);
            }
            f(doc, &positions);
        }
        if c.at != end {
            return Err(corrupt(
                c.at,
                format!("term {ordinal} has {} unread postings bytes", end - c.at),
            ));
        }
        Ok(())
    }

    /// `(doc_freq, start, end)` of a term's postings.
    fn entry(&self, ordinal: u64) -> Option<(u32, usize, usize)> {
        let i = usize::try_from(ordinal).ok()?;
        let at = i.checked_mul(TERM_ENTRY_LEN)?;
        let entry = self.table.get(at..at + TERM_ENTRY_LEN)?;
        let doc_freq = u32::from_le_bytes(entry[0..4].try_into().ok()?);
        let start = u32::from_le_bytes(entry[4..8].try_into().ok()?) as usize;
        let end = match self.table.get(at + TERM_ENTRY_LEN..at + 2 * TERM_ENTRY_LEN) {
            Some(next) => u32::from_le_bytes(next[4..8].try_into().ok()?) as usize,
            None => self.postings.len(),
        };
        Some((doc_freq, start, end))
    }
}

/// Decodes the document table.
fn read_documents(bytes: &[u8], base: usize, count: u32) -> Result<Vec<DocumentEntry>> {
    let mut c = Cursor {
        bytes,
        at: 0,
        base,
        section: "documents",
    };
    let mut out = Vec::new();
    for _ in 0..count {
        let title_terms = c.varint()?;
        let body_terms = c.varint()?;
        let id = c.string()?;
        let title = c.string()?;
        let text = c.string()?;
        let optional = |s: String| Some(s).filter(|s| !s.is_empty());
        let lang = optional(c.string()?);
        let date = optional(c.string()?);
        let source = optional(c.string()?);
        let url = optional(c.string()?);
        let tag_count = c.varint()?;
        let mut tags = Vec::new();
        for _ in 0..tag_count {
            tags.push(c.string()?);
        }
        let document = Document {
            id,
            title,
            text,
            lang,
            date,
            source,
            url,
            tags,
        };
        out.push(DocumentEntry {
            document,
            title_terms,
            body_terms,
        });
    }
    if c.at != bytes.len() {
        return Err(Error::Corrupt {
            section: "documents",
            offset: (base + c.at) as u64,
            detail: format!("{} bytes after the last document", bytes.len() - c.at),
        });
    }
    Ok(out)
}

/// Decodes the build counts.
fn read_counts(bytes: &[u8], base: usize) -> Result<Vec<(String, u32)>> {
    let mut c = Cursor {
        bytes,
        at: 0,
        base,
        section: "build counts",
    };
    let mut out = Vec::new();
    for _ in 0..c.varint()? {
        let name = c.string()?;
        out.push((name, c.varint()?));
    }
    if c.at != bytes.len() {
        return Err(Error::Corrupt {
            section: "build counts",
            offset: (base + c.at) as u64,
            detail: format!("{} bytes after the last count", bytes.len() - c.at),
        });
    }
    Ok(out)
}

/// Appends `n` as an unsigned LEB128 varint.
fn put_varint(out: &mut Vec<u8>, mut n: u32) {
    while n >= 0x80 {
        out.push((n as u8) | 0x80);
        n >>= 7;
    }
    out.push(n as u8);
}

/// Appends a varint length and the string's UTF-8 bytes.
fn put_str(out: &mut Vec<u8>, s: &str) -> Result<()> {
    let len = u32::try_from(s.len()).map_err(|_| Error::TooLarge {
        what: "document bytes",
    })?;
    put_varint(out, len);
    out.extend_from_slice(s.as_bytes());
    Ok(())
}

/// A bounds-checked read position in a byte slice.
struct Cursor<'a> {
    bytes: &'a [u8],
    at: usize,
    /// Offset of `bytes` in the whole index, for error messages.
    base: usize,
    section: &'static str,
}

impl<'a> Cursor<'a> {
    fn new(bytes: &'a [u8], at: usize, section: &'static str) -> Self {
        Cursor {
            bytes,
            at,
            base: 0,
            section,
        }
    }

    fn truncated(&self) -> Error {
        Error::Truncated {
            section: self.section,
            offset: (self.base + self.at) as u64,
        }
    }

    fn take(&mut self, n: usize) -> Result<&'a [u8]> {
        let end = self
            .at
            .checked_add(n)
            .filter(|&e| e <= self.bytes.len())
            .ok_or_else(|| self.truncated())?;
        let slice = &self.bytes[self.at..end];
        self.at = end;
        Ok(slice)
    }

    fn u32(&mut self) -> Result<u32> {
        let b = self.take(4)?;
        Ok(u32::from_le_bytes([b[0], b[1], b[2], b[3]]))
    }

    fn varint(&mut self) -> Result<u32> {
        let mut n = 0u32;
        for shift in (0..35).step_by(7) {
            let byte = self.take(1)?[0];
            let bits = u32::from(byte & 0x7f);
            if shift == 28 && bits > 0x0f {
                break;
            }
            n |= bits << shift;
            if byte & 0x80 == 0 {
                return Ok(n);
            }
        }
        Err(Error::Corrupt {
            section: self.section,
            offset: (self.base + self.at) as u64,
            detail: "varint longer than 32 bits".into(),
        })
    }

    fn string(&mut self) -> Result<String> {
        let len = self.varint()? as usize;
        let at = self.base + self.at;
        let bytes = self.take(len)?;
        String::from_utf8(bytes.to_vec()).map_err(|e| Error::Corrupt {
            section: self.section,
            offset: at as u64,
            detail: format!("string is not UTF-8: {e}"),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn varints_round_trip_at_the_edges() {
        for n in [0, 1, 127, 128, 16_383, 16_384, u32::MAX - 1, u32::MAX] {
            let mut buf = Vec::new();
            put_varint(&mut buf, n);
            let mut c = Cursor::new(&buf, 0, "test");
            assert_eq!(c.varint(), Ok(n));
            assert_eq!(c.at, buf.len());
        }
    }

    #[test]
    fn an_overlong_varint_is_an_error() {
        let mut c = Cursor::new(&[0xff, 0xff, 0xff, 0xff, 0xff, 0x01], 0, "test");
        assert!(matches!(c.varint(), Err(Error::Corrupt { .. })));
    }
}
