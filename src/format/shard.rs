//! Sharded indexes: a core (the global dictionary and ranking statistics) plus shards,
//! each the index of a contiguous range of documents keyed by the core's dictionary; the
//! writer and the reader side by side.
//!
//! An index larger than a threshold (see [`split`]) is cut by documents: shard `i` holds
//! documents `first_doc .. first_doc + doc_count` as the index of those documents
//! without its dictionary (see [`super`]). The core, embedded in the wasm module, holds
//! what every keystroke needs before any shard arrives: the global term dictionary with
//! each term's global document frequency, the document count and mean field lengths (so
//! that scores do not change as shards land), the list of shards with their sizes and
//! content hashes (their file names, and how a loaded shard is matched to its place),
//! and per shard the global ordinals of its terms, in the shard's term order (which is
//! the global order). So the one dictionary is the core's, a word is looked up once for
//! every shard, and a shard is read by the ordinary reader, with all its checks.
//! (Shards with their own dictionaries cost de-10k 1.09 of 8.28 MB at brotli 9.) A shard
//! is its index as [`IndexWriter`] wrote it less the dictionary, so it can be written
//! as soon as its documents are in; only the core waits for every shard.
//!
//! The core's layout; integers are little-endian:
//!
//! | offset | size | field |
//! | --- | --- | --- |
//! | 0 | 8 | [`CORE_MAGIC`] |
//! | 8 | 4 | [`CORE_VERSION`] |
//! | 12 | 4 | [`FORMAT_VERSION`] of the shards |
//! | 16 | 4 | [`ANALYZER_VERSION`] |
//! | 20 | 4 | `doc_count`: documents of all shards |
//! | 24 | 4 | `term_count` |
//! | 28 | 4 | mean title length in words (`f32` bits), as the unsharded index computes it |
//! | 32 | 4 | mean body length in words (`f32` bits) |
//! | 36 | 4 | `shard_count` |
//! | 40 | 4 | `fst_len`: bytes of the dictionary |
//! | 44 | 4 | `counts_len`: bytes of the build counts |
//! | 48 | 4 | `ordinals_len`: bytes of the shards' ordinals |
//! | 52 | 4 | `freqs_len`: bytes of the document frequencies |
//! | 56 | `fst_len` | dictionary: an `fst::Map` from term to global ordinal, 0.. in term order |
//! | … | `freqs_len` | global document frequency of each term, by ordinal, as varints (most terms are rare: 0.7 of the 2.4 MB that `u32`s took on `bench/all-full`) |
//! | … | `20 × shard_count` | per shard: `first_doc` u32, `doc_count` u32, `bytes` u32, `hash` u64 ([`shard_hash`] of its bytes) |
//! | … | `counts_len` | build counts, as in the index format |
//! | … | `ordinals_len` | per shard, in order: a varint count of its terms, then the global ordinal of each, ascending, as varint gaps (the first: the ordinal) |
//!
//! The reader checks every length, that the shards cover the documents in order, and
//! (with [`CoreReader::from_bytes`]) the fst; a loaded shard is checked against its
//! entry (length and hash) and then read with [`IndexReader::from_bytes`].

use super::{
    put_str, put_varint, read_counts, Checks, Cursor, Finished, IndexReader, IndexWriter, SortedTerms,
    FORMAT_VERSION,
};
use crate::analysis::terms::Wide;
use crate::analysis::ANALYZER_VERSION;
use crate::error::{Error, Result};
use std::hash::Hasher;

/// First bytes of every core.
pub const CORE_MAGIC: [u8; 8] = *b"FINDCORE";

/// Version of the core layout above; bump it on any change to it.
pub const CORE_VERSION: u32 = 3;

/// Size of the core's fixed header.
const CORE_HEADER_LEN: usize = 56;

/// Size of one shard-table entry.
const SHARD_ENTRY_LEN: usize = 20;

/// Default index size above which the build shards: 8 MB is about 3 MB over the wire
/// (brotli), what a page can fetch before a reader has typed a word, and about the
/// largest blob a phone parses without a noticeable pause.
pub const DEFAULT_SHARD_BYTES: usize = 8 * 1024 * 1024;

/// The shard threshold in bytes from a number of megabytes as the build is given it
/// (`FINDLING_SHARD_MB`; fractions allowed), or [`DEFAULT_SHARD_BYTES`] without one.
///
/// ```
/// use findling::format::shard::{threshold, DEFAULT_SHARD_BYTES};
/// assert_eq!(threshold(None), Ok(DEFAULT_SHARD_BYTES));
/// assert_eq!(threshold(Some(" 0.5 ")), Ok(512 * 1024));
/// assert!(threshold(Some("0")).is_err() && threshold(Some("eight")).is_err());
/// ```
pub fn threshold(megabytes: Option<&str>) -> std::result::Result<usize, String> {
    let Some(mb) = megabytes else {
        return Ok(DEFAULT_SHARD_BYTES);
    };
    match mb.trim().parse::<f64>() {
        Ok(n) if n > 0.0 && n.is_finite() => Ok((n * 1024.0 * 1024.0) as usize),
        _ => Err(format!(
            "{mb:?} is not a positive number of megabytes (e.g. 8 or 0.05)"
        )),
    }
}

/// Whether `bytes` are a core (rather than a whole index). A `const fn`, so that the wasm
/// module can state it in a custom section (see `src/wasm.rs`).
///
/// ```
/// use findling::format::shard::{is_core, CORE_MAGIC};
/// assert!(is_core(&CORE_MAGIC) && !is_core(b"FINDLING") && !is_core(b"FIND"));
/// ```
pub const fn is_core(bytes: &[u8]) -> bool {
    if bytes.len() < CORE_MAGIC.len() {
        return false;
    }
    let mut i = 0;
    while i < CORE_MAGIC.len() {
        if bytes[i] != CORE_MAGIC[i] {
            return false;
        }
        i += 1;
    }
    true
}

/// The content hash of a shard: 64 bits, eight bytes a step ([`Wide`]: each eight mixed
/// in by a rotate, an exclusive or and a multiply). It names the shard's file (so that it
/// can be cached forever) and binds the shard to the core that lists it; network bytes are
/// checked in full by the index reader besides. A page hashes every shard it adds: eight
/// bytes a step is about an eighth of the work of FNV-1a's byte a step, which this was.
///
/// ```
/// use findling::format::shard::shard_hash;
/// assert_ne!(shard_hash(b"a"), shard_hash(b"b"));
/// assert_ne!(shard_hash(b""), shard_hash(&[0]));
/// assert_ne!(shard_hash(&[0; 8]), shard_hash(&[0; 9]));
/// ```
pub fn shard_hash(bytes: &[u8]) -> u64 {
    let mut h = Wide::default();
    h.write(bytes);
    h.finish()
}

/// One shard as the core lists it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ShardEntry {
    /// Global number of the shard's first document.
    pub first_doc: u32,
    /// Number of documents in the shard.
    pub doc_count: u32,
    /// Size of the shard in bytes.
    pub bytes: u32,
    /// [`shard_hash`] of the shard's bytes.
    pub hash: u64,
}

impl ShardEntry {
    /// The shard's file name: its content hash, so that a changed shard is a new URL.
    pub fn file_name(&self) -> String {
        format!("shard-{:016x}.bin", self.hash)
    }
}

/// A sharded index, as [`split`] writes it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Sharded {
    /// The core (embedded in the module).
    pub core: Vec<u8>,
    /// The shards in load order, each with its file name.
    pub shards: Vec<(String, Vec<u8>)>,
}

impl Sharded {
    /// A small JSON manifest of the shards, in load order: for hosts and tools (the
    /// engine reads the same list from its core).
    pub fn manifest(&self) -> String {
        let shards: Vec<(String, usize)> = self
            .shards
            .iter()
            .map(|(name, bytes)| (name.clone(), bytes.len()))
            .collect();
        manifest_of(self.core.len(), &shards)
    }
}

/// [`Sharded::manifest`] of a core of `core_len` bytes listing `shards`.
pub fn manifest(core_len: usize, shards: &[ShardEntry]) -> String {
    let shards: Vec<(String, usize)> = shards.iter().map(|s| (s.file_name(), s.bytes as usize)).collect();
    manifest_of(core_len, &shards)
}

/// The manifest of a core and its shards' (file name, bytes).
fn manifest_of(core_len: usize, shards: &[(String, usize)]) -> String {
    let files: Vec<String> = shards
        .iter()
        .map(|(name, bytes)| format!("{{\"file\":\"{name}\",\"bytes\":{bytes}}}"))
        .collect();
    format!("{{\"core\":{core_len},\"shards\":[{}]}}\n", files.join(","))
}

/// Index bytes per byte of document text (title + text), measured on `bench/all-full`
/// (149.0 MB of index for 88.2 MB of text: 1.69) and `bench/de-full` (1.78): how much text
/// a shard of [`write`](fn@write) gets before its index is built.
pub const INDEX_PER_TEXT_BYTE: f64 = 1.7;

/// The first shard [`write`](fn@write) makes holds this share of the text of the others: the first
/// results wait for the module and the first shard, so a small one answers sooner (the
/// order stays fixed: it depends on the index only).
pub const FIRST_SHARD_SHARE: f64 = 0.25;

/// What [`write`](fn@write) wrote: a whole index, or a core and shards.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Written {
    /// The index is not larger than the threshold: one index, as [`IndexWriter`] writes it.
    Whole(Vec<u8>),
    /// A core and shards.
    Sharded(Sharded),
}

/// Writes the index of `documents` (in this order, with the build `counts`): whole when it
/// is not larger than `max_bytes`, else a core and shards of contiguous runs of documents,
/// each near `max_bytes`. Each document is analyzed once: the shards are written first
/// (their text sized by [`INDEX_PER_TEXT_BYTE`]) and the core merges their dictionaries;
/// only a borderline index (whose shards come within a quarter of `max_bytes`) is also
/// written whole, to compare it with `max_bytes` exactly. [`ShardWriter`] does the same
/// for documents that come one at a time.
///
/// ```
/// use findling::document::Document;
/// use findling::format::shard::{self, Written};
/// let docs: Vec<Document> = (0..8)
///     .map(|i| Document { id: format!("d{i}"), title: format!("Title {i}"), text: "Some words here and there".repeat(20), ..Default::default() })
///     .collect();
/// assert!(matches!(shard::write(docs.clone(), &[], 1 << 20)?, Written::Whole(_)));
/// let Written::Sharded(sharded) = shard::write(docs, &[], 1500)? else { panic!("not sharded") };
/// assert!(sharded.shards.len() > 1);
/// # Ok::<(), findling::Error>(())
/// ```
pub fn write(
    documents: Vec<crate::document::Document>,
    counts: &[(String, u64)],
    max_bytes: usize,
) -> Result<Written> {
    let mut shards = Vec::new();
    let mut keep = |name: &str, bytes: &[u8]| {
        shards.push((name.to_owned(), bytes.to_vec()));
        Ok(())
    };
    let mut writer = ShardWriter::new(max_bytes, &mut keep);
    for d in documents {
        writer.add(d)?;
    }
    Ok(match writer.finish(counts)? {
        Streamed::Whole(bytes) => Written::Whole(bytes),
        Streamed::Core(core) => Written::Sharded(Sharded { core, shards }),
    })
}

/// Where a shard goes once it is written: its file name and its bytes.
pub type ShardSink<'a> = &'a mut dyn FnMut(&str, &[u8]) -> Result<()>;

/// What a [`ShardWriter`] returns besides the shards it gave its sink.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Streamed {
    /// The index is not larger than the threshold: one index; no shard was given out.
    Whole(Vec<u8>),
    /// The core of the shards given out.
    Core(Vec<u8>),
}

/// [`write`](fn@write) for documents that come one at a time: each is added to the writer of its
/// shard, and a finished shard goes to the sink as soon as the index is known to be
/// sharded, so memory holds one shard's writer and the shards' dictionaries, not the
/// index. The same
/// documents give the same bytes as [`write`](fn@write).
///
/// ```
/// use findling::document::Document;
/// use findling::format::shard::{ShardWriter, Streamed};
/// let mut files = Vec::new();
/// let mut sink = |name: &str, bytes: &[u8]| Ok(files.push((name.to_owned(), bytes.len())));
/// let mut w = ShardWriter::new(1500, &mut sink);
/// for i in 0..8 {
///     w.add(Document { id: format!("d{i}"), text: "Some words here and there".repeat(20), ..Default::default() })?;
/// }
/// assert!(matches!(w.finish(&[])?, Streamed::Core(_)));
/// assert!(files.len() > 1);
/// # Ok::<(), findling::Error>(())
/// ```
pub struct ShardWriter<'a> {
    /// The size above which the index is sharded.
    max_bytes: usize,
    /// Text bytes of the first shard and of the others ([`INDEX_PER_TEXT_BYTE`]).
    first: u64,
    target: u64,
    /// The writer of the current run of documents.
    writer: IndexWriter,
    /// Text bytes of the current run.
    size: u64,
    /// The current run is complete: the next document starts the next one.
    full: bool,
    /// What the core needs of each shard finished so far.
    summaries: Vec<Summary>,
    /// The shards finished so far while the index may still turn out whole (their
    /// total within a quarter of `max_bytes`); `None` once they went to the sink.
    held: Option<Vec<Vec<u8>>>,
    /// Bytes of the shards finished so far (without the dictionaries that the whole
    /// indexes of their documents would add: the index is sharded no sooner).
    total: usize,
    /// Analyzes the documents given to [`add`](Self::add).
    analyzer: crate::analysis::terms::Analyzer,
    sink: ShardSink<'a>,
}

impl<'a> ShardWriter<'a> {
    /// A writer of an index to be sharded above `max_bytes`; shards go to `sink`.
    pub fn new(max_bytes: usize, sink: ShardSink<'a>) -> Self {
        let target = (max_bytes as f64 / INDEX_PER_TEXT_BYTE).max(1.0);
        ShardWriter {
            max_bytes,
            first: (target * FIRST_SHARD_SHARE).max(1.0) as u64,
            target: target as u64,
            writer: IndexWriter::new(),
            size: 0,
            full: false,
            summaries: Vec::new(),
            held: Some(Vec::new()),
            total: 0,
            analyzer: crate::analysis::terms::Analyzer::new(),
            sink,
        }
    }

    /// Analyzes and adds one document.
    pub fn add(&mut self, document: crate::document::Document) -> Result<()> {
        let terms = self.analyzer.document(&document);
        self.add_terms(document, &terms)
    }

    /// Adds one document whose terms were found already (see [`IndexWriter::add_terms`]).
    pub fn add_terms(
        &mut self,
        document: crate::document::Document,
        terms: &crate::analysis::terms::Terms,
    ) -> Result<()> {
        if self.full {
            self.close()?;
        }
        self.size += text_size(&document);
        self.writer.add_terms(document, terms)?;
        // Runs as [`runs`] cuts them: about `first`, then `target` each.
        let wanted = if self.summaries.is_empty() {
            self.first
        } else {
            self.target
        };
        self.full = self.size >= wanted.max(1);
        // The run's document table goes into its shard as it is: a lower bound of the
        // shard's bytes, so the held shards go as soon as the index is sure to be sharded
        // (not after this run is finished beside them).
        if self.held.is_some()
            && self.total + self.writer.documents_len() > self.max_bytes + self.max_bytes / 4
        {
            self.release()?;
        }
        Ok(())
    }

    /// Writes the current run as a shard.
    fn close(&mut self) -> Result<()> {
        let finished = std::mem::take(&mut self.writer).finish_shard()?;
        self.size = 0;
        self.full = false;
        let (summary, shard) = Summary::of(finished)?;
        self.total += shard.len();
        self.summaries.push(summary);
        match &mut self.held {
            Some(held) => {
                held.push(shard);
                if self.total > self.max_bytes + self.max_bytes / 4 {
                    self.release()?;
                }
            }
            None => {
                (self.sink)(
                    &self.summaries[self.summaries.len() - 1].entry.file_name(),
                    &shard,
                )?;
                crate::heap::release(shard);
            }
        }
        Ok(())
    }

    /// Gives the held shards to the sink.
    fn release(&mut self) -> Result<()> {
        for (bytes, summary) in self
            .held
            .take()
            .unwrap_or_default()
            .into_iter()
            .zip(&self.summaries)
        {
            (self.sink)(&summary.entry.file_name(), &bytes)?;
            crate::heap::release(bytes);
        }
        Ok(())
    }

    /// Finishes the index with the build `counts`: whole, or the core of the shards.
    pub fn finish(mut self, counts: &[(String, u64)]) -> Result<Streamed> {
        let counts: Vec<(String, u32)> = counts
            .iter()
            .map(|(name, n)| (name.clone(), u32::try_from(*n).unwrap_or(u32::MAX)))
            .collect();
        let whole = |mut writer: IndexWriter| {
            writer.set_counts(counts.iter().map(|(n, v)| (n.clone(), u64::from(*v))).collect());
            writer.finish()
        };
        if self.summaries.is_empty() {
            return whole(std::mem::take(&mut self.writer)).map(Streamed::Whole);
        }
        self.close()?;
        if let Some(held) = &self.held {
            let mut writer = IndexWriter::new();
            for (bytes, summary) in held.iter().zip(&self.summaries) {
                let ordinals = (0..summary.term_count).collect();
                for e in IndexReader::open(bytes, Checks::Structure, Some(ordinals))?.documents() {
                    let terms = self.analyzer.document(&e.document);
                    writer.add_terms(e.document.clone(), &terms)?;
                }
            }
            let bytes = whole(writer)?;
            if bytes.len() <= self.max_bytes {
                return Ok(Streamed::Whole(bytes));
            }
            self.release()?;
        }
        assemble(&self.summaries, &counts).map(Streamed::Core)
    }
}

/// What the core needs of a shard: its entry, terms, document frequencies and the
/// field lengths of its documents.
struct Summary {
    /// The shard's entry in the core (its `first_doc` is set when the core is assembled).
    entry: ShardEntry,
    /// The shard's terms in its ordinal order with their document frequencies,
    /// front-coded ([`SortedTerms`]).
    terms: Vec<u8>,
    /// The number of its terms.
    term_count: u32,
    /// Title and body length of each of its documents, in order.
    lengths: Vec<(u32, u32)>,
}

impl Summary {
    /// The summary of a shard this build wrote, and the shard.
    fn of(finished: Finished) -> Result<(Summary, Vec<u8>)> {
        let Finished {
            bytes,
            terms,
            term_count,
            lengths,
        } = finished;
        let summary = Summary {
            entry: ShardEntry {
                first_doc: 0,
                doc_count: u32::try_from(lengths.len()).map_err(|_| Error::TooLarge { what: "documents" })?,
                bytes: u32::try_from(bytes.len()).map_err(|_| Error::TooLarge { what: "shard bytes" })?,
                hash: shard_hash(&bytes),
            },
            terms,
            term_count,
            lengths,
        };
        Ok((summary, bytes))
    }
}

/// Cuts a whole index into a core and shards when it is larger than `max_bytes`; `None`
/// when it is not (it then ships as it is). Shards get contiguous runs of documents of
/// about equal size, as many as needed for each to stay near `max_bytes`. (The build uses
/// [`write`](fn@write), which analyzes each document once; this reads an index already written.)
///
/// ```
/// use findling::document::Document;
/// use findling::format::{shard, IndexReader, IndexWriter};
/// let mut w = IndexWriter::new();
/// for i in 0..6 {
///     w.add(Document { id: format!("d{i}"), title: format!("Title {i}"), text: "Some words here".into(), ..Default::default() })?;
/// }
/// let bytes = w.finish()?;
/// let whole = IndexReader::from_bytes(&bytes)?;
/// assert!(shard::split(&whole, bytes.len(), bytes.len())?.is_none());
/// let sharded = shard::split(&whole, bytes.len(), bytes.len() / 3)?.unwrap();
/// assert!(sharded.shards.len() >= 3);
/// let core = shard::CoreReader::from_bytes(&sharded.core)?;
/// assert_eq!(core.doc_count(), 6);
/// # Ok::<(), findling::Error>(())
/// ```
pub fn split(whole: &IndexReader<'_>, whole_len: usize, max_bytes: usize) -> Result<Option<Sharded>> {
    if whole_len <= max_bytes {
        return Ok(None);
    }
    let docs = whole.documents();
    let wanted = whole_len.div_ceil(max_bytes.max(1)).min(docs.len()).max(1) as u64;
    let total: u64 = docs.iter().map(|d| text_size(&d.document)).sum();
    let target = total.div_ceil(wanted);
    let ranges = runs(docs.iter().map(|d| text_size(&d.document)), target, target);
    let mut shards = Vec::with_capacity(ranges.len());
    for range in ranges {
        let mut writer = IndexWriter::new();
        for entry in &docs[range] {
            writer.add(entry.document.clone())?;
        }
        shards.push(Summary::of(writer.finish_shard()?)?);
    }
    let (summaries, shards): (Vec<Summary>, Vec<Vec<u8>>) = shards.into_iter().unzip();
    let core = assemble(&summaries, whole.counts())?;
    let names = summaries.iter().map(|s| s.entry.file_name());
    Ok(Some(Sharded {
        core,
        shards: names.zip(shards).collect(),
    }))
}

/// How much a document weighs when documents are cut into runs: its text (which
/// dominates an index) and a little for its entry.
fn text_size(d: &crate::document::Document) -> u64 {
    (d.title.len() + d.text.len() + 16) as u64
}

/// Cuts `sizes` into contiguous runs of about `first` (the first run) and `target` each
/// (the last may be smaller; none is empty).
fn runs(sizes: impl Iterator<Item = u64>, first: u64, target: u64) -> Vec<std::ops::Range<usize>> {
    let mut ranges = Vec::new();
    let (mut start, mut acc, mut end) = (0usize, 0u64, 0usize);
    for (i, size) in sizes.enumerate() {
        acc += size;
        end = i + 1;
        let wanted = if ranges.is_empty() { first } else { target };
        if acc >= wanted.max(1) {
            ranges.push(start..end);
            start = end;
            acc = 0;
        }
    }
    if start < end {
        ranges.push(start..end);
    }
    ranges
}

/// Terms the merge hands the thread building the core's dictionary at a time: enough
/// that a hand-over costs nothing beside inserting them, few enough to stay small.
const DICTIONARY_BATCH: usize = 4096;

/// Batches of merged terms the merge may be ahead of the dictionary's thread.
const DICTIONARY_BATCHES_AHEAD: usize = 4;

/// Terms in their global order on their way to the dictionary: their bytes back to back,
/// and where each ends.
#[derive(Default)]
struct TermBatch {
    bytes: Vec<u8>,
    ends: Vec<usize>,
}

/// The core dictionary's error for an fst the writer could not build.
fn dictionary_error(e: fst::Error) -> Error {
    Error::Corrupt {
        section: "core dictionary",
        offset: 0,
        detail: e.to_string(),
    }
}

/// The core's dictionary (an `fst::Map` from term to global ordinal) of the terms in
/// `batches`, numbered 0.. in order.
fn dictionary(batches: impl Iterator<Item = TermBatch>) -> Result<Vec<u8>> {
    let mut builder = fst::MapBuilder::memory();
    let mut ordinal = 0u64;
    for batch in batches {
        let mut start = 0;
        for &end in &batch.ends {
            builder
                .insert(&batch.bytes[start..end], ordinal)
                .map_err(dictionary_error)?;
            ordinal += 1;
            start = end;
        }
    }
    builder.into_inner().map_err(dictionary_error)
}

/// The shards' terms merged, but for the dictionary: the number of distinct terms, the
/// global document frequency of each (varints), and per shard how many terms
/// it has, the last one's global ordinal, and the global ordinals as varint gaps.
struct Merged {
    term_count: u64,
    freqs: Vec<u8>,
    ordinals: Vec<(u32, u32, Vec<u8>)>,
}

/// Merges the shards' sorted terms, giving `emit` the distinct terms in order, in
/// batches of [`DICTIONARY_BATCH`].
fn merge(shards: &[Summary], emit: &mut dyn FnMut(TermBatch)) -> Result<Merged> {
    let mut freqs = Vec::new();
    let mut term_count = 0u64;
    let mut ordinals: Vec<(u32, u32, Vec<u8>)> = vec![(0, 0, Vec::new()); shards.len()];
    // Per shard its next term and that term's document frequency in the shard, the
    // smallest term first.
    let mut readers: Vec<SortedTerms<'_>> = shards.iter().map(|s| SortedTerms::new(&s.terms)).collect();
    let mut heads = std::collections::BinaryHeap::new();
    for (i, reader) in readers.iter_mut().enumerate() {
        let mut term = Vec::new();
        if let Some(freq) = reader.next_into(&mut term)? {
            heads.push(std::cmp::Reverse((term, i, freq)));
        }
    }
    let mut batch = TermBatch::default();
    let mut found: Vec<usize> = Vec::new();
    let mut spent: Vec<Vec<u8>> = Vec::new();
    while let Some(std::cmp::Reverse((term, i, freq))) = heads.pop() {
        found.clear();
        found.push(i);
        spent.push(term);
        let mut df = freq;
        while let Some(std::cmp::Reverse((next, j, freq))) = heads.peek() {
            if *next != spent[0] {
                break;
            }
            found.push(*j);
            df = df.saturating_add(*freq);
            if let Some(std::cmp::Reverse((next, ..))) = heads.pop() {
                spent.push(next);
            }
        }
        batch.bytes.extend_from_slice(&spent[0]);
        batch.ends.push(batch.bytes.len());
        if batch.ends.len() == DICTIONARY_BATCH {
            emit(std::mem::take(&mut batch));
        }
        let ordinal = u32::try_from(term_count).map_err(|_| Error::TooLarge { what: "terms" })?;
        for &i in &found {
            let (count, previous, gaps) = &mut ordinals[i];
            put_varint(gaps, ordinal - *previous);
            *previous = ordinal;
            *count += 1;
        }
        put_varint(&mut freqs, df);
        term_count += 1;
        // Each shard that had the term moves on, its buffer reused for its next term.
        for (&i, mut term) in found.iter().zip(spent.drain(..)) {
            if let Some(freq) = readers[i].next_into(&mut term)? {
                heads.push(std::cmp::Reverse((term, i, freq)));
            }
        }
    }
    if !batch.ends.is_empty() {
        emit(batch);
    }
    Ok(Merged {
        term_count,
        freqs,
        ordinals,
    })
}

/// The core over `shards` (the summaries of consecutive runs of documents, in order):
/// the union of their dictionaries with global ordinals and summed document frequencies
/// (the shards hold disjoint documents), the mean lengths over all documents, the shard
/// table, and each shard's ordinals.
fn assemble(shards: &[Summary], counts: &[(String, u32)]) -> Result<Vec<u8>> {
    let too_large = |what| move |_| Error::TooLarge { what };
    // The dictionary is built on a thread of its own as the terms are merged (each about
    // half of the work); where no thread can be had, from the merged terms after.
    let (merged, fst) = std::thread::scope(|scope| {
        let (send, receive) = std::sync::mpsc::sync_channel(DICTIONARY_BATCHES_AHEAD);
        let builder =
            std::thread::Builder::new().spawn_scoped(scope, move || dictionary(receive.into_iter()));
        let mut held = Vec::new();
        let merged = merge(shards, &mut |batch| match &builder {
            // A dictionary that failed has its error waiting below.
            Ok(_) => drop(send.send(batch)),
            Err(_) => held.push(batch),
        });
        drop(send);
        let fst = match builder {
            Ok(thread) => thread
                .join()
                .unwrap_or_else(|panic| std::panic::resume_unwind(panic)),
            Err(_) => dictionary(held.into_iter()),
        };
        (merged, fst)
    });
    let Merged {
        term_count,
        freqs,
        ordinals,
    } = merged?;
    let fst = fst?;
    let mut ordinals_bytes = Vec::new();
    for (count, _, gaps) in ordinals {
        put_varint(&mut ordinals_bytes, count);
        ordinals_bytes.extend_from_slice(&gaps);
    }

    let mut table = Vec::new();
    let mut first_doc = 0u32;
    for shard in shards {
        let entry = ShardEntry {
            first_doc,
            ..shard.entry
        };
        first_doc = first_doc
            .checked_add(entry.doc_count)
            .ok_or(Error::TooLarge { what: "documents" })?;
        table.extend_from_slice(&entry.first_doc.to_le_bytes());
        table.extend_from_slice(&entry.doc_count.to_le_bytes());
        table.extend_from_slice(&entry.bytes.to_le_bytes());
        table.extend_from_slice(&entry.hash.to_le_bytes());
    }

    // The mean field lengths exactly as `search::Index::new` computes them for a whole
    // index (an f32 sum in document order), so that scores are the same bits.
    let n = (first_doc as usize).max(1) as f32;
    let lengths = shards.iter().flat_map(|s| &s.lengths);
    let avg_title = lengths.clone().map(|&(title, _)| title as f32).sum::<f32>() / n;
    let avg_body = lengths.map(|&(_, body)| body as f32).sum::<f32>() / n;

    let mut counts_bytes = Vec::new();
    put_varint(
        &mut counts_bytes,
        u32::try_from(counts.len()).map_err(too_large("counts"))?,
    );
    for (name, n) in counts {
        put_str(&mut counts_bytes, name)?;
        put_varint(&mut counts_bytes, *n);
    }

    let mut core = Vec::new();
    core.extend_from_slice(&CORE_MAGIC);
    for n in [
        CORE_VERSION,
        FORMAT_VERSION,
        ANALYZER_VERSION,
        first_doc,
        u32::try_from(term_count).map_err(too_large("terms"))?,
        avg_title.to_bits(),
        avg_body.to_bits(),
        u32::try_from(shards.len()).map_err(too_large("shards"))?,
        u32::try_from(fst.len()).map_err(too_large("term dictionary bytes"))?,
        u32::try_from(counts_bytes.len()).map_err(too_large("count bytes"))?,
        u32::try_from(ordinals_bytes.len()).map_err(too_large("ordinal bytes"))?,
        u32::try_from(freqs.len()).map_err(too_large("frequency bytes"))?,
    ] {
        core.extend_from_slice(&n.to_le_bytes());
    }
    core.extend_from_slice(&fst);
    core.extend_from_slice(&freqs);
    core.extend_from_slice(&table);
    core.extend_from_slice(&counts_bytes);
    core.extend_from_slice(&ordinals_bytes);
    Ok(core)
}

/// Reads a core written by [`split`].
#[derive(Debug)]
pub struct CoreReader<'a> {
    terms: fst::Map<&'a [u8]>,
    /// Global document frequency of each term, by ordinal (decoded at open: a query
    /// looks up each of its terms').
    freqs: Vec<u32>,
    shards: Vec<ShardEntry>,
    /// Per shard, its global ordinals as stored (a cursor at its count), checked at open.
    ordinals: Vec<Cursor<'a>>,
    doc_count: u32,
    averages: (f32, f32),
    counts: Vec<(String, u32)>,
    /// How its shards are checked once their length and hash match their entry.
    shard_checks: Checks,
}

impl<'a> CoreReader<'a> {
    /// Opens and fully validates a core, the dictionary's checksum and ordinals included.
    /// Its shards are read with every check of the index reader.
    pub fn from_bytes(bytes: &'a [u8]) -> Result<Self> {
        Self::open(bytes, true)
    }

    /// Opens a core this build wrote and validated (the embedded one): its header, shard
    /// table and counts are checked, the dictionary's checksum and ordinals are not.
    ///
    /// Its shards were validated too, each read back with every check when the build
    /// wrote it, and the core binds each to its length and hash: a shard whose length and
    /// hash match is opened as the embedded index is, its structure checked and its
    /// posting lists checked when they are read (a damaged one is then an error, never a
    /// panic). On `bench/all-full` in Chromium 156 this, and hashing a shard once in
    /// `Searcher.addShard` instead of twice, cut adding the first shard (1.87 MB) from
    /// 39–62 ms to 6–19 ms (six page loads each, the machine shared).
    pub fn from_verified_bytes(bytes: &'a [u8]) -> Result<Self> {
        Self::open(bytes, false)
    }

    fn open(bytes: &'a [u8], verify: bool) -> Result<Self> {
        let mut c = Cursor::new(bytes, 0, "core header");
        if c.take(CORE_MAGIC.len())? != CORE_MAGIC {
            return Err(Error::BadMagic);
        }
        let version = c.u32()?;
        if version != CORE_VERSION {
            return Err(Error::FormatVersion {
                found: version,
                expected: CORE_VERSION,
            });
        }
        c.versions()?;
        let doc_count = c.u32()?;
        let term_count = c.u32()?;
        let averages = (f32::from_bits(c.u32()?), f32::from_bits(c.u32()?));
        let shard_count = c.u32()? as usize;
        let fst_len = c.u32()? as usize;
        let counts_len = c.u32()? as usize;
        let ordinals_len = c.u32()? as usize;
        let freqs_len = c.u32()? as usize;
        debug_assert_eq!(c.at, CORE_HEADER_LEN);

        c.section = "core dictionary";
        let fst_at = c.at;
        let fst_bytes = c.take(fst_len)?;
        c.section = "core frequencies";
        let freqs_at = c.at;
        let freqs_bytes = c.take(freqs_len)?;
        c.section = "core shard table";
        let table_at = c.at;
        let table_len = shard_count
            .checked_mul(SHARD_ENTRY_LEN)
            .ok_or_else(|| c.truncated())?;
        let table = c.take(table_len)?;
        c.section = "core build counts";
        let counts_at = c.at;
        let counts = c.take(counts_len)?;
        c.section = "core shard ordinals";
        let ordinals_at = c.at;
        let ordinals_bytes = c.take(ordinals_len)?;
        if c.at != bytes.len() {
            return Err(Error::TrailingBytes { offset: c.at as u64 });
        }

        let corrupt = |section: &'static str, offset: usize, detail: String| Error::Corrupt {
            section,
            offset: offset as u64,
            detail,
        };
        let terms =
            fst::Map::new(fst_bytes).map_err(|e| corrupt("core dictionary", fst_at, e.to_string()))?;
        if terms.len() != term_count as usize {
            return Err(corrupt(
                "core dictionary",
                fst_at,
                format!("{} terms, header says {term_count}", terms.len()),
            ));
        }
        if verify {
            use fst::Streamer;
            terms
                .as_fst()
                .verify()
                .map_err(|e| corrupt("core dictionary", fst_at, e.to_string()))?;
            let mut stream = terms.stream();
            let mut expected = 0u64;
            while let Some((_, ordinal)) = stream.next() {
                if ordinal != expected {
                    return Err(corrupt(
                        "core dictionary",
                        fst_at,
                        format!("term {expected} has ordinal {ordinal}"),
                    ));
                }
                expected += 1;
            }
        }
        // Each term's frequency; a count above the documents' only with every check (a
        // damaged one weighs a term wrongly, it cannot read out of bounds).
        let mut f = Cursor {
            bytes: freqs_bytes,
            at: 0,
            base: freqs_at,
            section: "core frequencies",
        };
        let mut freqs = Vec::with_capacity((term_count as usize).min(freqs_bytes.len()));
        for i in 0..term_count {
            let at = f.at;
            let freq = f.varint()?;
            if verify && (freq == 0 || freq > doc_count) {
                return Err(corrupt(
                    "core frequencies",
                    freqs_at + at,
                    format!("term {i} in {freq} of {doc_count} documents"),
                ));
            }
            freqs.push(freq);
        }
        if f.at != freqs_bytes.len() {
            return Err(corrupt(
                "core frequencies",
                freqs_at + f.at,
                format!("{} bytes after the last term's", freqs_bytes.len() - f.at),
            ));
        }

        let mut shards = Vec::with_capacity(shard_count);
        let mut next_doc = 0u32;
        for (i, e) in table.chunks_exact(SHARD_ENTRY_LEN).enumerate() {
            let u32_at = |k: usize| u32::from_le_bytes([e[k], e[k + 1], e[k + 2], e[k + 3]]);
            let mut hash = [0u8; 8];
            hash.copy_from_slice(&e[12..20]);
            let entry = ShardEntry {
                first_doc: u32_at(0),
                doc_count: u32_at(4),
                bytes: u32_at(8),
                hash: u64::from_le_bytes(hash),
            };
            if entry.first_doc != next_doc || entry.doc_count == 0 {
                return Err(corrupt(
                    "core shard table",
                    table_at + i * SHARD_ENTRY_LEN,
                    format!(
                        "shard {i} holds documents {}+{}, expected from {next_doc}",
                        entry.first_doc, entry.doc_count
                    ),
                ));
            }
            next_doc = next_doc.checked_add(entry.doc_count).ok_or_else(|| {
                corrupt(
                    "core shard table",
                    table_at + i * SHARD_ENTRY_LEN,
                    "document count overflows".into(),
                )
            })?;
            shards.push(entry);
        }
        if next_doc != doc_count {
            return Err(corrupt(
                "core shard table",
                table_at,
                format!("shards hold {next_doc} documents, header says {doc_count}"),
            ));
        }
        let counts = read_counts(counts, counts_at)?;
        // Each shard's list: where it starts, checked by reading it once.
        let mut ordinals = Vec::with_capacity(shard_count);
        let mut o = Cursor {
            bytes: ordinals_bytes,
            at: 0,
            base: ordinals_at,
            section: "core shard ordinals",
        };
        for _ in 0..shard_count {
            ordinals.push(o.clone());
            read_ordinals(&mut o, term_count)?;
        }
        if o.at != ordinals_bytes.len() {
            return Err(corrupt(
                "core shard ordinals",
                ordinals_at + o.at,
                format!("{} bytes after the last shard's", ordinals_bytes.len() - o.at),
            ));
        }
        Ok(CoreReader {
            terms,
            freqs,
            shards,
            ordinals,
            doc_count,
            averages,
            counts,
            shard_checks: if verify { Checks::All } else { Checks::Structure },
        })
    }

    /// Documents of all shards.
    pub fn doc_count(&self) -> u32 {
        self.doc_count
    }

    /// Number of distinct terms of all shards.
    pub fn term_count(&self) -> u32 {
        self.terms.len() as u32
    }

    /// The global dictionary: term → global ordinal.
    pub fn terms(&self) -> &fst::Map<&'a [u8]> {
        &self.terms
    }

    /// Documents of all shards containing the term with this global ordinal (0 if out of
    /// range).
    pub fn doc_freq(&self, ordinal: u64) -> u32 {
        usize::try_from(ordinal)
            .ok()
            .and_then(|i| self.freqs.get(i))
            .copied()
            .unwrap_or(0)
    }

    /// Mean title and body lengths in words over all documents.
    pub fn averages(&self) -> (f32, f32) {
        self.averages
    }

    /// The shards, in load order (documents ascending).
    pub fn shards(&self) -> &[ShardEntry] {
        &self.shards
    }

    /// The build counts of the whole index.
    pub fn counts(&self) -> &[(String, u32)] {
        &self.counts
    }

    /// Which shard `bytes` are, checked: their length and hash must be a listed shard's,
    /// and they must read as an index of that shard's document count, keyed by this
    /// core's dictionary (every check of [`IndexReader::from_bytes`], or for a core opened
    /// with [`from_verified_bytes`](Self::from_verified_bytes) the checks of
    /// [`IndexReader::from_verified_bytes`]). Returns the shard's position and its reader.
    pub fn open_shard<'b>(&self, bytes: &'b [u8]) -> Result<(usize, IndexReader<'b>)> {
        let slot = self.shard_slot(bytes)?;
        Ok((slot, self.open_shard_at(slot, bytes)?))
    }

    /// The position of the listed shard whose length and [`shard_hash`] `bytes` have;
    /// an error when no listed shard has both (a shard of another build, or damaged).
    pub fn shard_slot(&self, bytes: &[u8]) -> Result<usize> {
        let hash = shard_hash(bytes);
        self.shards
            .iter()
            .position(|s| s.hash == hash && s.bytes as usize == bytes.len())
            .ok_or_else(|| Error::Corrupt {
                section: "shard",
                offset: 0,
                detail: format!(
                    "{} bytes with hash {hash:016x} are no shard of this index (a shard of another build, or damaged in transit): rebuild or reload",
                    bytes.len()
                ),
            })
    }

    /// Reads `bytes`, which [`shard_slot`](Self::shard_slot) placed at `slot`, as that
    /// shard (see [`open_shard`](Self::open_shard)) without hashing them again; their
    /// length is checked again.
    pub fn open_shard_at<'b>(&self, slot: usize, bytes: &'b [u8]) -> Result<IndexReader<'b>> {
        let corrupt = |detail: String| Error::Corrupt {
            section: "shard",
            offset: 0,
            detail,
        };
        let entry = self
            .shards
            .get(slot)
            .ok_or_else(|| corrupt(format!("no shard {slot}: the core lists {}", self.shards.len())))?;
        if entry.bytes as usize != bytes.len() {
            return Err(corrupt(format!(
                "{} bytes, shard {slot} has {}",
                bytes.len(),
                entry.bytes
            )));
        }
        let mut ordinals = self.ordinals[slot].clone();
        let ordinals = read_ordinals(&mut ordinals, self.term_count())?;
        let reader = IndexReader::open(bytes, self.shard_checks, Some(ordinals))?;
        if reader.doc_count() != entry.doc_count {
            return Err(corrupt(format!(
                "shard {slot} holds {} documents, the core says {}",
                reader.doc_count(),
                entry.doc_count
            )));
        }
        Ok(reader)
    }
}

/// What a shard's full check found without its core ([`check_shard`]): what
/// [`CoreReader::agrees`] compares with the core's entry for it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CheckedShard {
    /// [`shard_hash`] of its bytes.
    pub hash: u64,
    /// Its length in bytes.
    pub len: usize,
    /// Its terms.
    pub term_count: u32,
    /// Its documents.
    pub doc_count: u32,
}

/// Reads a shard with every check that [`CoreReader::open_shard`] makes of it but those
/// that need its core: so a build checks its shards while the core is still being
/// written. The core's ordinals only name a shard's terms in errors, so a shard that
/// passes here and [`CoreReader::agrees`] opens with its core; an error here names its
/// terms by their numbers in the shard (open it with its core for the core's).
///
/// ```
/// use findling::document::Document;
/// use findling::format::shard::{self, CoreReader, Written};
/// let docs: Vec<Document> = (0..8)
///     .map(|i| Document { id: format!("d{i}"), text: "Some words here and there".repeat(20), ..Default::default() })
///     .collect();
/// let Written::Sharded(sharded) = shard::write(docs, &[], 1500)? else { panic!("not sharded") };
/// let core = CoreReader::from_bytes(&sharded.core)?;
/// for (_, bytes) in &sharded.shards {
///     assert!(core.agrees(&shard::check_shard(bytes)?));
/// }
/// assert!(shard::check_shard(&sharded.shards[0].1[..100]).is_err());
/// # Ok::<(), findling::Error>(())
/// ```
pub fn check_shard(bytes: &[u8]) -> Result<CheckedShard> {
    let term_count = super::shard_term_count(bytes)?;
    // Each term takes a byte at least: a corrupt count must not size an allocation (with
    // fewer ordinals than terms, the shard is refused).
    let listed = term_count.min(u32::try_from(bytes.len()).unwrap_or(u32::MAX));
    let reader = IndexReader::open(bytes, Checks::All, Some((0..listed).collect()))?;
    Ok(CheckedShard {
        hash: shard_hash(bytes),
        len: bytes.len(),
        term_count,
        doc_count: reader.doc_count(),
    })
}

impl CoreReader<'_> {
    /// Whether a shard that passed [`check_shard`] opens with this core: it is one of the
    /// core's shards (by length and hash), whose ordinals the core lists, as many as its
    /// terms, and whose documents the core counts. When it does not,
    /// [`open_shard`](Self::open_shard) says why.
    pub fn agrees(&self, shard: &CheckedShard) -> bool {
        let Some(slot) =
            (self.shards.iter()).position(|s| s.hash == shard.hash && s.bytes as usize == shard.len)
        else {
            return false;
        };
        let listed = read_ordinals(&mut self.ordinals[slot].clone(), self.term_count());
        matches!(listed, Ok(o) if o.len() == shard.term_count as usize)
            && self.shards[slot].doc_count == shard.doc_count
    }
}

/// Reads one shard's list of global ordinals at `c`: a count, then ascending ordinals
/// below `term_count` as gaps.
fn read_ordinals(c: &mut Cursor<'_>, term_count: u32) -> Result<Vec<u32>> {
    let count = c.varint()?;
    // Each ordinal takes a byte at least: a corrupt count must not size an allocation.
    let mut out = Vec::with_capacity((count as usize).min(c.bytes.len() - c.at));
    let mut previous: Option<u32> = None;
    for _ in 0..count {
        let gap = c.varint()?;
        let ordinal = match previous {
            None => Some(gap),
            Some(p) => p.checked_add(gap).filter(|_| gap > 0),
        }
        .filter(|&o| o < term_count)
        .ok_or_else(|| Error::Corrupt {
            section: c.section,
            offset: (c.base + c.at) as u64,
            detail: format!("ordinal {previous:?} + {gap} of {term_count} terms"),
        })?;
        previous = Some(ordinal);
        out.push(ordinal);
    }
    Ok(out)
}
