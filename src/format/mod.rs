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
//! | 24 | 4 | `fst_len`: bytes of the term dictionary; 0 in a shard, whose core holds it |
//! | 28 | 4 | `table_len`: bytes of the term table |
//! | 32 | 4 | `gaps_len`: bytes of the document gaps |
//! | 36 | 4 | `tfs_len`: bytes of the term frequencies |
//! | 40 | 4 | `positions_len`: bytes of the positions |
//! | 44 | 4 | `docs_len`: bytes of the document table |
//! | 48 | 4 | `counts_len`: bytes of the build counts |
//! | 52 | `fst_len` | term dictionary: an `fst::Map` from term to term ordinal; ordinals are 0.. in term order |
//! | … | `table_len` | term table, by ordinal, varints: `doc_freq`; 2 × the term's bytes of document gaps, + 1 for a derived stem (below); its bytes of term frequencies; its bytes of positions. Each section holds the terms' lists back to back in ordinal order, so the lengths add up to the section's |
//! | … | `gaps_len` | document gaps. Stored: per document its `doc_delta`. Derived: a varint count, then per exact form an ordinal delta (varint) and a language byte (its index in [`LANGS`]), (ordinal, language) ascending |
//! | … | `tfs_len` | term frequencies: per document of a stored entry its `tf` |
//! | … | `positions_len` | positions: per document of a stored entry its `tf` position deltas |
//! | … | `docs_len` | documents, by doc number: `title_terms`, `body_terms` (varints), the text's checkpoints (a varint count, then per checkpoint its body position and byte offset in the text, each as a varint delta from the one before: see [`CHECKPOINT_WORDS`](crate::analysis::CHECKPOINT_WORDS)), the body's headings as ranges of body positions (a varint count, then per heading its first position as a varint gap from the end of the one before, from 0 for the first, and its number of positions), then the strings `id`, `title`, `text`, `lang`, `date`, `source`, `url` (varint length + UTF-8; empty means absent), then `tags`: a varint count and that many strings, then `sections`: a varint count, then per section its start in the text (a varint delta from the one before, the first from 0) and its anchor (a string), then `headings` as ranges of the text's bytes (written as the headings' positions are) |
//! | … | `counts_len` | build counts (what the build kept, dropped and skipped): a varint count, then per count a string name and a varint value |
//!
//! Like goes with like: document gaps, frequencies and positions are different numbers,
//! and each compresses better among its own kind (de-10k's postings in four shards,
//! brotli 9: 3.15 MB interleaved, 2.93 MB in three sections).
//!
//! Positions count the words of a document's title first, then its body: a position
//! below `title_terms` is in the title.
//!
//! A stem term ([`STEM_MARK`](crate::analysis::STEM_MARK) + stem) is *derived* when every
//! word of each exact form that gives it, in documents of one language, gave that stem:
//! its postings are then exactly those of its forms in the documents of their language,
//! merged, and only the list of (form, language) is stored. A stem some form gives in
//! one document and not in another of the same language (two spellings that fold alike
//! but stem apart) keeps stored postings. On de-10k this drops 1.1 of 5.5 MB of
//! postings (each word's positions were stored twice, once for its form, once for its
//! stem).
//!
//! A *shard* (see [`shard`]) is this format without its dictionary (`fst_len` 0): its
//! core holds the one dictionary of all shards and lists, per shard, the core ordinal
//! of each of the shard's terms, in the shard's ordinal order. It is read with its core
//! ([`shard::CoreReader::open_shard`]).
//!
//! The reader checks every length, ordinal and string before it answers, so a damaged
//! index is an [`Error`], never a panic.

pub mod shard;

use crate::analysis::terms::{Analyzer, Interner, TermHasher, Terms};
use crate::analysis::{self, ANALYZER_VERSION};
use crate::document::{self, Document};
use crate::error::{Error, Result};
use crate::language::Lang;
use crate::language::LANGS;
use std::collections::HashMap;

/// First bytes of every index.
pub const MAGIC: [u8; 8] = *b"FINDLING";

/// Version of the layout above; bump it on any change to it.
pub const FORMAT_VERSION: u32 = 7;

/// Size of the fixed header before the term dictionary.
const HEADER_LEN: usize = 52;

/// Builds an index from documents.
///
/// Each document is analyzed and encoded as it is added: its postings are appended to
/// one log in the order they come (terms are interned to ids in a hash map), and its
/// record to the document table, so the writer holds the index it is writing and little
/// more; [`finish`](Self::finish) scatters the log into the sections, each list at the
/// place its term's ordinal gives it.
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
    /// Number of documents added.
    doc_count: u32,
    /// The document table as written so far.
    docs: Vec<u8>,
    /// The terms, numbered by id (ids in order of first appearance).
    ids: Interner,
    /// Per term id: what its postings add up to so far.
    lists: Vec<TermList>,
    /// Every (document, term) posting in the order added, as varints: the term id, then
    /// what the sections hold of it (`doc_delta`, `tf`, `tf` position deltas). One
    /// vector instead of three per term: a corpus has many terms of one or two
    /// postings, each of which would cost three allocations.
    log: Vec<u8>,
    /// Per exact form id: the first language its words were met in ([`NO_LANG`]: none
    /// yet) and the stem id they had in documents of that language ([`NO_STEM`] if
    /// none), or [`MIXED_STEMS`] if they did not all agree. (A vector by id grows in
    /// place; a hash map of every form freed a table at each step.)
    stem_of: Vec<(u8, u32)>,
    /// The same for the forms' other languages, by (form id, language).
    other_stems: HashMap<(u32, u8), u32, TermHasher>,
    /// Stem ids that some exact form gives in one document and not in another of the
    /// same language: their postings are stored, not derived.
    impure: Vec<bool>,
    /// The positions of the document being added, grouped by its term numbers, and
    /// where each group ends ([`IndexWriter::add_terms`]); kept to reuse their allocations.
    scratch: (Vec<u32>, Vec<u32>),
    /// Named build counts, stored as they are given.
    counts: Vec<(String, u64)>,
    /// Per document: its title and body length in words.
    lengths: Vec<(u32, u32)>,
}

/// A run of documents written as a shard ([`IndexWriter::finish_shard`]), with what its
/// core needs of it.
#[derive(Debug)]
pub(crate) struct Finished {
    /// The shard: the index of the documents less its dictionary.
    pub bytes: Vec<u8>,
    /// Its terms in ordinal (term) order with their document frequencies, front-coded
    /// ([`SortedTerms`]).
    pub terms: Vec<u8>,
    /// The number of its terms.
    pub term_count: u32,
    /// Title and body length of each of its documents, in order.
    pub lengths: Vec<(u32, u32)>,
}

/// One term's postings while they are written: how many, and their bytes in each
/// section (the bytes themselves are in [`IndexWriter::log`]).
#[derive(Debug, Default, Clone, Copy)]
struct TermList {
    /// Bytes of document gaps, term frequencies and positions (saturating: more than
    /// the format holds is refused when the term table is written). `u32`, not `usize`:
    /// a shard of 8 MB has some 90,000 terms.
    lens: [u32; 3],
    /// Number of documents in the lists.
    doc_freq: u32,
    /// The last document in the lists.
    last_doc: u32,
}

/// [`IndexWriter::stem_of`]: the words of a form had no stem term.
const NO_STEM: u32 = u32::MAX;

/// [`IndexWriter::stem_of`]: no word of a form was met in a document of known language.
const NO_LANG: u8 = u8::MAX;

/// [`IndexWriter::stem_of`]: the words of a form had different stems.
const MIXED_STEMS: u32 = u32::MAX - 1;

impl IndexWriter {
    /// An empty writer.
    pub fn new() -> Self {
        Self::default()
    }

    /// The id of `term`, whose [`term_hash`](analysis::terms::term_hash) is `hash`,
    /// interned on first sight.
    fn intern(&mut self, term: &str, hash: u64) -> u32 {
        let id = self.ids.intern_hashed(term, hash);
        if id as usize == self.lists.len() {
            self.lists.push(TermList::default());
            self.impure.push(false);
            self.stem_of.push((NO_LANG, NO_STEM));
        }
        id
    }

    /// Records that the form `form` had the stem `stem` ([`NO_STEM`]: none) in a
    /// document of language `lang`.
    fn note_stem(&mut self, form: u32, lang: u8, stem: u32) {
        let first = &mut self.stem_of[form as usize];
        if first.0 == NO_LANG {
            *first = (lang, stem);
            return;
        }
        let seen = if first.0 == lang {
            &mut first.1
        } else {
            self.other_stems.entry((form, lang)).or_insert(stem)
        };
        if *seen == stem {
            return;
        }
        let before = std::mem::replace(seen, MIXED_STEMS);
        for s in [before, stem] {
            if s != NO_STEM && s != MIXED_STEMS {
                self.impure[s as usize] = true;
            }
        }
    }

    /// Analyzes and adds one document; documents are numbered in the order added. (A
    /// writer of many documents gets them analyzed by one [`Analyzer`], which remembers
    /// the words it met, and adds them with [`add_terms`](Self::add_terms).)
    pub fn add(&mut self, document: Document) -> Result<()> {
        let terms = Analyzer::new().document(&document);
        self.add_terms(document, &terms)
    }

    /// Adds one document whose terms were found already (by an [`Analyzer`], perhaps on
    /// another thread, with the document's language): the same as [`add`](Self::add).
    pub fn add_terms(&mut self, document: Document, terms: &Terms) -> Result<()> {
        let doc = self.doc_count;
        if doc == u32::MAX {
            return Err(Error::TooLarge { what: "documents" });
        }
        // Before anything is written: a refused document leaves the writer as it was.
        check_sections(&document)?;
        check_headings(&document, terms)?;
        let lang_index = document.lang.as_deref().and_then(Lang::from_code).map(lang_index);
        let title_len = terms.title_words;
        let body_len = terms.body_words;
        u32::try_from(u64::from(title_len) + u64::from(body_len))
            .map_err(|_| Error::TooLarge { what: "words" })?;
        let ids: Vec<u32> = (0..terms.len())
            .map(|i| self.intern(terms.term(i), terms.hash(i)))
            .collect();
        if let Some(l) = lang_index {
            for &(form, stem) in &terms.stems {
                let stem = if stem == analysis::terms::NO_STEM {
                    NO_STEM
                } else {
                    ids[stem as usize]
                };
                self.note_stem(ids[form as usize], l, stem);
            }
        }
        // A counting sort by the document's term numbers: the occurrences come in text
        // order, so each term's positions mostly come out ascending (not always: the
        // analyzer's spans of joined words can step back), and a group that is not is
        // sorted. The order of the terms in the log does not matter ([`scatter`] files
        // each posting under its term).
        let (mut positions, mut ends) = std::mem::take(&mut self.scratch);
        ends.clear();
        ends.resize(ids.len(), 0);
        for &(term, _) in &terms.occurrences {
            ends[term as usize] += 1;
        }
        let mut sum = 0;
        for end in &mut ends {
            (*end, sum) = (sum, sum + *end);
        }
        positions.clear();
        positions.resize(terms.occurrences.len(), 0);
        for &(term, position) in &terms.occurrences {
            positions[ends[term as usize] as usize] = position;
            ends[term as usize] += 1;
        }
        let log = &mut self.log;
        let mut begin = 0;
        for (&id, &end) in ids.iter().zip(&ends) {
            let group = &mut positions[begin as usize..end as usize];
            begin = end;
            if group.is_empty() {
                continue;
            }
            if !group.is_sorted() {
                group.sort_unstable();
            }
            // A word repeated in one position (a compound's part and whole) counts once.
            let tf = 1 + group.windows(2).filter(|w| w[0] != w[1]).count();
            let list = &mut self.lists[id as usize];
            put_varint(log, id);
            let mut at = log.len();
            put_varint(log, doc - list.last_doc);
            list.lens[0] = list.lens[0].saturating_add((log.len() - at) as u32);
            at = log.len();
            list.last_doc = doc;
            list.doc_freq += 1;
            put_varint(log, tf as u32);
            list.lens[1] = list.lens[1].saturating_add((log.len() - at) as u32);
            at = log.len();
            put_varint(log, group[0]);
            for w in group.windows(2).filter(|w| w[0] != w[1]) {
                put_varint(log, w[1] - w[0]);
            }
            list.lens[2] = list.lens[2].saturating_add((log.len() - at) as u32);
        }
        self.scratch = (positions, ends);

        let too_large = |what| move |_| Error::TooLarge { what };
        let docs = &mut self.docs;
        put_varint(docs, title_len);
        put_varint(docs, body_len);
        put_varint(docs, terms.checkpoints.len() as u32);
        let mut before = (0, 0);
        for &(position, at) in &terms.checkpoints {
            put_varint(docs, position - before.0);
            put_varint(docs, at - before.1);
            before = (position, at);
        }
        put_ranges(docs, &terms.headings);
        self.lengths.push((title_len, body_len));
        for s in [&document.id, &document.title, &document.text] {
            put_str(docs, s)?;
        }
        for s in [&document.lang, &document.date, &document.source, &document.url] {
            put_str(docs, s.as_deref().unwrap_or(""))?;
        }
        put_varint(
            docs,
            u32::try_from(document.tags.len()).map_err(too_large("tags"))?,
        );
        for tag in &document.tags {
            put_str(docs, tag)?;
        }
        put_sections(docs, &document)?;
        put_ranges(docs, &document.headings);
        self.doc_count += 1;
        Ok(())
    }

    /// Bytes of the document table so far (written as they are into the index).
    pub(crate) fn documents_len(&self) -> usize {
        self.docs.len()
    }

    /// Sets the build counts the index carries (see [`crate::report::Report`]); values
    /// above `u32::MAX` are stored as `u32::MAX`.
    pub fn set_counts(&mut self, counts: Vec<(String, u64)>) {
        self.counts = counts;
    }

    /// Writes the index bytes. The same documents in the same order give the same bytes.
    ///
    /// Each section is written into the output once, and what it was made from is freed
    /// as soon as it is written (the term strings after the fst, the log once scattered;
    /// the document table is the output's own buffer), so the peak is about the index
    /// and the log.
    pub fn finish(self) -> Result<Vec<u8>> {
        self.write(true).map(|finished| finished.bytes)
    }

    /// Writes the documents as a shard: the bytes [`finish`](Self::finish) writes less
    /// the dictionary, which a shard's core holds (no fst is built: the shard's terms
    /// come out as a sorted list for the core to merge).
    pub(crate) fn finish_shard(self) -> Result<Finished> {
        self.write(false)
    }

    /// [`finish`](Self::finish) with the dictionary, or [`finish_shard`](Self::finish_shard).
    fn write(mut self, dictionary: bool) -> Result<Finished> {
        let too_large = |what| move |_| Error::TooLarge { what };
        let term_count = u32::try_from(self.lists.len()).map_err(too_large("terms"))?;

        // Ordinals are term order; `ordinal_of[id]` maps the ids of the writer to them.
        // Only the strings are needed from here on: the interner's index goes first.
        let mut strings = std::mem::take(&mut self.ids).into_strings();
        let order = term_order(&mut strings);
        let (terms, sorted) = if dictionary {
            let mut terms = fst::MapBuilder::memory();
            for (ordinal, &id) in order.iter().enumerate() {
                terms
                    .insert(strings.get(id), ordinal as u64)
                    .map_err(|e| Error::Corrupt {
                        section: "terms",
                        offset: 0,
                        detail: e.to_string(),
                    })?;
            }
            let terms = terms.into_inner().map_err(|e| Error::Corrupt {
                section: "terms",
                offset: 0,
                detail: e.to_string(),
            })?;
            (terms, Vec::new())
        } else {
            let lists = &self.lists;
            let terms = order
                .iter()
                .map(|&id| (strings.get(id), lists[id as usize].doc_freq));
            (Vec::new(), SortedTerms::encode(terms))
        };
        strings.release();
        let mut ordinal_of = vec![0u32; order.len()];
        for (ordinal, &id) in order.iter().enumerate() {
            ordinal_of[id as usize] = ordinal as u32;
        }

        // The exact forms (and their languages) each stem is derived from, when every
        // word of those forms in documents of that language had that stem; encoded.
        let firsts = self
            .stem_of
            .iter()
            .enumerate()
            .map(|(form, &(lang, stem))| ((form as u32, lang), stem));
        let others = self.other_stems.iter().map(|(&key, &stem)| (key, stem));
        let mut forms_of: Vec<(u32, u32, u8)> = firsts
            .filter(|&((_, lang), _)| lang != NO_LANG)
            .chain(others)
            .filter(|&(_, stem)| stem != NO_STEM && stem != MIXED_STEMS && !self.impure[stem as usize])
            .map(|((form, lang), stem)| (stem, ordinal_of[form as usize], lang))
            .collect();
        crate::heap::release(std::mem::take(&mut self.stem_of));
        self.other_stems = HashMap::default();
        forms_of.sort_unstable();
        let derived = Derived::of(&forms_of);
        crate::heap::release(forms_of);

        let mut table = TableWriter::default();
        for &id in &order {
            let list = &self.lists[id as usize];
            match derived.get(id) {
                Some(forms) => table.push(list.doc_freq, forms.len(), true, [0, 0])?,
                None => {
                    let [gaps, tfs, positions] = list.lens.map(|len| len as usize);
                    table.push(list.doc_freq, gaps, false, [tfs, positions])?
                }
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

        let docs = std::mem::take(&mut self.docs);
        let sizes = Sizes {
            doc_count: self.doc_count,
            term_count,
            lens: [
                terms.len(),
                table.bytes.len(),
                table.sums[0],
                table.sums[1],
                table.sums[2],
                docs.len(),
                counts.len(),
            ],
        };
        // The document table is the largest section and already written: the index is
        // written around it, in its own buffer (moved up past the sections before it),
        // so the table is never held twice.
        let header = sizes.header()?;
        let postings = header.len() + terms.len() + table.bytes.len();
        let before_docs = postings + sizes.lens[2] + sizes.lens[3] + sizes.lens[4];
        let offset = |n: usize| u32::try_from(n).map_err(too_large("index bytes"));
        offset(before_docs)?;
        // Where each term's lists start in each section, by term id (a derived stem has
        // none, `u32::MAX`: its form list is written where its gaps would be), computed
        // in place of the lists' lengths, which go before the output grows.
        let mut starts: Vec<[u32; 3]> = self.lists.iter().map(|list| list.lens).collect();
        crate::heap::release(self.lists);
        crate::heap::release(self.impure);
        let mut next = [
            offset(postings)?,
            offset(postings + sizes.lens[2])?,
            offset(postings + sizes.lens[2] + sizes.lens[3])?,
        ];
        let mut forms_at = Vec::with_capacity(derived.stems.len());
        for &id in &order {
            let start = &mut starts[id as usize];
            match derived.get(id) {
                Some(forms) => {
                    forms_at.push((next[0] as usize, forms));
                    next[0] += forms.len() as u32;
                    *start = [u32::MAX; 3];
                }
                None => {
                    let lens = std::mem::replace(start, next);
                    for (n, len) in next.iter_mut().zip(lens) {
                        *n += len;
                    }
                }
            }
        }
        crate::heap::release(order);
        crate::heap::release(ordinal_of);
        let mut out = docs;
        out.reserve_exact(before_docs + counts.len());
        out.resize(before_docs + sizes.lens[5], 0);
        out.copy_within(0..sizes.lens[5], before_docs);
        let mut at = 0;
        for section in [&header, &terms, &table.bytes] {
            out[at..at + section.len()].copy_from_slice(section);
            at += section.len();
        }
        crate::heap::release(terms);
        crate::heap::release(table.bytes);
        for &(at, forms) in &forms_at {
            out[at..at + forms.len()].copy_from_slice(forms);
        }
        crate::heap::release(forms_at);
        derived.release();
        scatter(&self.log, &mut starts, &mut out);
        crate::heap::release(self.log);
        crate::heap::release(starts);
        out.extend_from_slice(&counts);
        Ok(Finished {
            bytes: out,
            terms: sorted,
            term_count,
            lengths: self.lengths,
        })
    }
}

/// The numbers of `strings` in the order of their bytes. Each is sorted by its first
/// eight bytes as a number first, and by all of them only where those are equal: most
/// comparisons are of two numbers, not of two strings found through `strings`. The
/// numbers are kept where the strings' hashes were, which this takes.
fn term_order(strings: &mut analysis::terms::Strings) -> Vec<u32> {
    // A string shorter than eight bytes is padded with zeros: a string that is a prefix
    // of another then comes before it, or ties with it and is compared whole.
    let mut prefixes = strings.take_hashes();
    for (i, key) in prefixes.iter_mut().enumerate() {
        let s = strings.bytes(i as u32);
        let mut bytes = [0u8; 8];
        let n = s.len().min(8);
        bytes[..n].copy_from_slice(&s[..n]);
        *key = u64::from_be_bytes(bytes);
    }
    let mut order: Vec<u32> = (0..strings.len()).collect();
    order.sort_unstable_by(|&a, &b| {
        let (x, y) = (prefixes[a as usize], prefixes[b as usize]);
        x.cmp(&y).then_with(|| strings.bytes(a).cmp(strings.bytes(b)))
    });
    crate::heap::release(prefixes);
    order
}

/// A sorted list of terms and their document frequencies, front-coded: per term a
/// varint of the bytes it shares with the one before, a varint of the bytes that
/// follow, those bytes, and a varint of its document frequency. What a shard's core
/// needs of its dictionary, at a fraction of the cost of an fst.
pub(crate) struct SortedTerms<'a> {
    bytes: &'a [u8],
    at: usize,
}

impl<'a> SortedTerms<'a> {
    /// The front-coded bytes of `terms`, which are sorted, with their frequencies.
    pub fn encode<'t>(terms: impl Iterator<Item = (&'t str, u32)>) -> Vec<u8> {
        let mut out = Vec::new();
        let mut previous: &[u8] = &[];
        for (term, freq) in terms {
            let term = term.as_bytes();
            let shared = previous.iter().zip(term).take_while(|(a, b)| a == b).count();
            put_varint(&mut out, shared as u32);
            put_varint(&mut out, (term.len() - shared) as u32);
            out.extend_from_slice(&term[shared..]);
            put_varint(&mut out, freq);
            previous = term;
        }
        out
    }

    /// Reads the terms of `bytes` ([`encode`](Self::encode)d by this build).
    pub fn new(bytes: &'a [u8]) -> Self {
        SortedTerms { bytes, at: 0 }
    }

    /// Turns `term`, the term read before (empty at first), into the next one, and
    /// gives its document frequency; `None` at the end.
    pub fn next_into(&mut self, term: &mut Vec<u8>) -> Result<Option<u32>> {
        if self.at >= self.bytes.len() {
            return Ok(None);
        }
        let mut cursor = Cursor::new(self.bytes, self.at, "shard terms");
        let shared = cursor.varint()? as usize;
        let len = cursor.varint()? as usize;
        let suffix = cursor.take(len)?;
        if shared > term.len() {
            return Err(cursor.truncated());
        }
        term.truncate(shared);
        term.extend_from_slice(suffix);
        let freq = cursor.varint()?;
        self.at = cursor.at;
        Ok(Some(freq))
    }
}

/// Copies each posting of `log` ([`IndexWriter::log`]) into its term's lists in `out`,
/// whose first bytes in each section `starts` gives per term id (`u32::MAX`: a derived
/// stem, whose postings are not written); each start moves on past what was copied.
fn scatter(log: &[u8], starts: &mut [[u32; 3]], out: &mut [u8]) {
    /// The length of the varint at the start of `bytes`.
    fn varint_len(bytes: &[u8]) -> usize {
        bytes
            .iter()
            .position(|&b| b < 0x80)
            .map_or(bytes.len(), |i| i + 1)
    }
    /// The varint at the start of `bytes` (the writer's own log: never cut short) and its
    /// length.
    fn varint(bytes: &[u8]) -> (u32, usize) {
        let len = varint_len(bytes);
        let n = bytes[..len]
            .iter()
            .enumerate()
            .fold(0, |n, (i, &b)| n | u32::from(b & 0x7f) << (7 * i));
        (n, len)
    }
    let mut at = 0;
    while at < log.len() {
        let (id, id_len) = varint(&log[at..]);
        at += id_len;
        let gap = varint_len(&log[at..]);
        let (tf, tf_len) = varint(&log[at + gap..]);
        let mut positions = at + gap + tf_len;
        for _ in 0..tf {
            positions += varint_len(&log[positions..]);
        }
        let start = &mut starts[id as usize];
        if start[0] != u32::MAX {
            let pieces = [
                at..at + gap,
                at + gap..at + gap + tf_len,
                at + gap + tf_len..positions,
            ];
            for (s, piece) in start.iter_mut().zip(pieces) {
                let (at, piece) = (*s as usize, &log[piece]);
                // Most pieces are a byte or two (a gap, a frequency, one position): those
                // are stored as such, not through a call to `memcpy`.
                match *piece {
                    [b] => out[at] = b,
                    [b, c] => out[at..at + 2].copy_from_slice(&[b, c]),
                    _ => out[at..at + piece.len()].copy_from_slice(piece),
                }
                *s += piece.len() as u32;
            }
        }
        at = positions;
    }
}

/// The encoded form lists of the derived stems, found by stem id.
struct Derived {
    /// Per derived stem, ascending: its id and where its list starts in `bytes`.
    stems: Vec<(u32, u32)>,
    /// The lists, back to back: each a count, then per (form ordinal, language),
    /// ascending, the ordinal's delta and the language byte.
    bytes: Vec<u8>,
}

impl Derived {
    /// The lists of `forms`: (stem id, form ordinal, language), sorted.
    fn of(forms: &[(u32, u32, u8)]) -> Derived {
        let mut derived = Derived {
            stems: Vec::new(),
            bytes: Vec::new(),
        };
        for group in forms.chunk_by(|a, b| a.0 == b.0) {
            derived.stems.push((group[0].0, derived.bytes.len() as u32));
            put_varint(&mut derived.bytes, group.len() as u32);
            let mut previous = 0;
            for &(_, form, lang) in group {
                put_varint(&mut derived.bytes, form - previous);
                previous = form;
                derived.bytes.push(lang);
            }
        }
        derived
    }

    /// The encoded list of stem `id`, if it is derived.
    fn get(&self, id: u32) -> Option<&[u8]> {
        let i = self.stems.binary_search_by_key(&id, |&(stem, _)| stem).ok()?;
        let end = self
            .stems
            .get(i + 1)
            .map_or(self.bytes.len(), |&(_, at)| at as usize);
        Some(&self.bytes[self.stems[i].1 as usize..end])
    }

    /// Frees the lists ([`crate::heap::release`]).
    fn release(self) {
        crate::heap::release(self.stems);
        crate::heap::release(self.bytes);
    }
}

/// The term table as it is written, with the running lengths of the sections it
/// describes.
#[derive(Debug, Default)]
struct TableWriter {
    bytes: Vec<u8>,
    /// Bytes of document gaps, term frequencies and positions so far.
    sums: [usize; 3],
}

impl TableWriter {
    /// Appends an entry: its document frequency, bytes of document gaps, whether it is
    /// derived, and its bytes of term frequencies and positions.
    fn push(&mut self, doc_freq: u32, gaps: usize, derived: bool, rest: [usize; 2]) -> Result<()> {
        if doc_freq >= DERIVED {
            return Err(Error::TooLarge { what: "documents" });
        }
        put_varint(&mut self.bytes, doc_freq);
        let too_large = Error::TooLarge {
            what: "postings bytes",
        };
        for (i, len) in [gaps, rest[0], rest[1]].into_iter().enumerate() {
            self.sums[i] += len;
            if self.sums[i] > u32::MAX as usize / 2 {
                return Err(too_large);
            }
            let value = if i == 0 {
                2 * len + usize::from(derived)
            } else {
                len
            };
            put_varint(&mut self.bytes, value as u32);
        }
        Ok(())
    }
}

/// The counts and section lengths of the header.
struct Sizes {
    doc_count: u32,
    term_count: u32,
    /// Bytes of the fst, term table, gaps, frequencies, positions, documents, counts.
    lens: [usize; 7],
}

impl Sizes {
    /// The header.
    fn header(&self) -> Result<Vec<u8>> {
        let mut out = Vec::with_capacity(HEADER_LEN);
        out.extend_from_slice(&MAGIC);
        for n in [FORMAT_VERSION, ANALYZER_VERSION, self.doc_count, self.term_count] {
            out.extend_from_slice(&n.to_le_bytes());
        }
        for len in self.lens {
            let len = u32::try_from(len).map_err(|_| Error::TooLarge { what: "index bytes" })?;
            out.extend_from_slice(&len.to_le_bytes());
        }
        Ok(out)
    }
}

/// Writes the union of two ascending lists into `out`, ascending, each value once.
fn merge_into(out: &mut Vec<u32>, a: &[u32], b: &[u32]) {
    out.clear();
    let (mut i, mut j) = (0, 0);
    while i < a.len() && j < b.len() {
        let (x, y) = (a[i], b[j]);
        out.push(x.min(y));
        i += usize::from(x <= y);
        j += usize::from(y <= x);
    }
    out.extend_from_slice(&a[i..]);
    out.extend_from_slice(&b[j..]);
}

/// The index of a language in [`LANGS`], as stored in derived postings.
fn lang_index(lang: Lang) -> u8 {
    LANGS.iter().position(|&l| l == lang).unwrap_or(0) as u8
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

/// A term-table entry, decoded: where its lists start in each section (they end where
/// the next entry's start).
#[derive(Debug, Clone, Copy, Default)]
struct Entry {
    /// The document frequency, [`DERIVED`] set for a derived stem.
    flagged_freq: u32,
    /// Starts in the document gaps, the term frequencies and the positions.
    starts: [u32; 3],
}

/// [`Entry::flagged_freq`]: a derived stem (a document frequency is below 2³¹: the
/// table is checked for it).
const DERIVED: u32 = 1 << 31;

impl Entry {
    fn doc_freq(&self) -> u32 {
        self.flagged_freq & !DERIVED
    }

    fn derived(&self) -> bool {
        self.flagged_freq & DERIVED != 0
    }
}

/// Every how many entries the reader keeps one decoded ([`TermTable`]).
const CHECKPOINT: usize = 8;

/// The term table as the reader keeps it: the section's varints (checked at open), and
/// every [`CHECKPOINT`]-th entry's place in them and starts, so an entry is found by
/// decoding at most `CHECKPOINT - 1` others. That is 2 bytes of wasm memory per term of
/// a shard instead of the 16 of a decoded [`Entry`] each.
#[derive(Debug)]
struct TermTable<'a> {
    bytes: &'a [u8],
    /// Entries: the terms with postings here.
    count: usize,
    /// Per [`CHECKPOINT`] entries, the first one's byte offset in `bytes` and its starts.
    checkpoints: Vec<(u32, [u32; 3])>,
    /// The sections' ends (where a last entry's lists end).
    ends: [u32; 3],
}

impl TermTable<'_> {
    /// Entry `slot` and where its lists end; past the last entry, the sections' ends.
    fn entry(&self, slot: usize) -> (Entry, [u32; 3]) {
        let past = (
            Entry {
                flagged_freq: 0,
                starts: self.ends,
            },
            self.ends,
        );
        let Some(&(at, starts)) = self
            .checkpoints
            .get(slot / CHECKPOINT)
            .filter(|_| slot < self.count)
        else {
            return past;
        };
        let mut entries = self.entries_from(at as usize, starts);
        entries.nth(slot % CHECKPOINT).unwrap_or(past)
    }

    /// Every entry in order with where its lists end, each decoded once: what
    /// [`entry`](Self::entry) gives for `0..count`, for a reader that walks them all.
    fn entries(&self) -> impl Iterator<Item = (Entry, [u32; 3])> + '_ {
        self.entries_from(0, [0; 3]).take(self.count)
    }

    /// The entries from the one at byte `at`, whose lists start at `starts`, each with
    /// where its lists end.
    fn entries_from(&self, at: usize, mut starts: [u32; 3]) -> impl Iterator<Item = (Entry, [u32; 3])> + '_ {
        let mut c = Cursor::new(self.bytes, at, "term table");
        std::iter::from_fn(move || {
            // The entry's flagged document frequency and the lengths of its lists. The
            // table was checked at open, so a varint is never cut short.
            let mut next = || c.varint().unwrap_or(0);
            let doc_freq = next();
            let gaps = next();
            let flagged_freq = if gaps & 1 == 1 {
                doc_freq | DERIVED
            } else {
                doc_freq
            };
            let lens = [gaps / 2, next(), next()];
            let entry = Entry { flagged_freq, starts };
            for (start, len) in starts.iter_mut().zip(lens) {
                *start = start.wrapping_add(len);
            }
            Some((entry, starts))
        })
    }
}

/// A term's lists, checked against their sections.
#[derive(Debug, Clone)]
struct Lists {
    doc_freq: u32,
    derived: bool,
    gaps: std::ops::Range<usize>,
    tfs: std::ops::Range<usize>,
    positions: std::ops::Range<usize>,
}

/// A section of the index and where it sits in it (for error messages).
#[derive(Debug, Clone, Copy)]
struct Section<'a> {
    bytes: &'a [u8],
    at: usize,
    name: &'static str,
}

impl<'a> Section<'a> {
    /// A cursor over `range` of the section.
    fn cursor(&self, range: std::ops::Range<usize>) -> Cursor<'a> {
        Cursor {
            bytes: &self.bytes[..range.end],
            at: range.start,
            base: self.at,
            section: self.name,
        }
    }

    /// An error at `offset` in the section.
    fn corrupt(&self, offset: usize, detail: String) -> Error {
        Error::Corrupt {
            section: self.name,
            offset: (self.at + offset) as u64,
            detail,
        }
    }
}

/// The term count in the header of an index or shard (its magic and versions checked).
fn shard_term_count(bytes: &[u8]) -> Result<u32> {
    let mut header = Cursor::new(bytes, 0, "header");
    if header.take(MAGIC.len())? != MAGIC {
        return Err(Error::BadMagic);
    }
    header.versions()?;
    header.u32()?;
    header.u32()
}

/// What a posting list is read into: each document with the positions of the term in it.
type OnPosting<'a> = &'a mut dyn FnMut(u32, &[u32]);

/// Which documents a reader of postings wants the positions of.
type Wanted<'a> = &'a dyn Fn(u32) -> bool;

/// Reads an index written by [`IndexWriter`]; every check happens in [`from_bytes`](Self::from_bytes).
#[derive(Debug)]
pub struct IndexReader<'a> {
    terms: fst::Map<&'a [u8]>,
    /// Terms with postings here, numbered 0.. in term order.
    term_count: u32,
    /// Whether this is a shard, its terms numbered by its core.
    keyed: bool,
    /// For a shard: the core ordinal of each of its terms, ascending (as the core lists
    /// them). Empty for a whole index, whose ordinals are its own.
    ordinals: Vec<u32>,
    /// Where each term's lists are (see [`TermTable`]).
    table: TermTable<'a>,
    /// Byte offset of the term table in the index (for error messages).
    table_at: usize,
    gaps: Section<'a>,
    tfs: Section<'a>,
    positions: Section<'a>,
    /// Every document, its `text` left empty (see [`IndexReader::entries`]).
    entries: Vec<DocumentEntry>,
    /// Per document, its text in the document table, checked for UTF-8 when the index
    /// was opened: an excerpt borrows it without checking its bytes again.
    texts: Vec<&'a str>,
    /// Per document, its text's checkpoints.
    checkpoints: PerDocument,
    /// Per document, its body's headings.
    headings: PerDocument,
    /// Every document with its text, made on the first call of [`IndexReader::documents`].
    documents: std::cell::OnceCell<Vec<DocumentEntry>>,
    /// Per document, the document with its text, made when [`IndexReader::document`]
    /// first asks for it.
    one_by_one: Vec<std::cell::OnceCell<Box<Document>>>,
    /// Per document, the index of its language in [`LANGS`] (`u8::MAX`: none), for
    /// derived stems.
    doc_langs: Vec<u8>,
    counts: Vec<(String, u32)>,
}

/// The bytes of an empty `fst::Map` (what `fst::MapBuilder::memory()` writes with no
/// key: version, type, root address, length, checksum), the dictionary a shard's reader
/// and [`IndexReader::empty`] answer with. A constant, so the wasm module links no fst
/// builder (a test checks it against the builder).
const EMPTY_FST: &[u8] = &[
    3, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 18, 0, 0, 0, 0, 0, 0, 0,
    84, 107, 45, 15,
];

impl<'a> IndexReader<'a> {
    /// Opens and fully validates an index: every section, the fst's checksum and
    /// ordinals, and every posting list.
    pub fn from_bytes(bytes: &'a [u8]) -> Result<Self> {
        let reader = Self::open(bytes, Checks::All, None)?;
        reader.check_dictionary()?;
        Ok(reader)
    }

    /// Opens an index that was fully validated when it was written: the one build.rs
    /// wrote, read back with [`from_bytes`](Self::from_bytes) and embedded in this very
    /// module. The header, the section lengths, the term table (its lengths must add
    /// up to the sections) and the document table are still checked;
    /// the fst's checksum and ordinals and the posting lists are not read until used (a
    /// damaged posting list is still an error, when it is read). This is most of the time
    /// a search box waits before it can answer.
    pub fn from_verified_bytes(bytes: &'a [u8]) -> Result<Self> {
        Self::open(bytes, Checks::Structure, None)
    }

    /// Opens a whole index (`core_ordinals` `None`), or a shard whose terms have the
    /// `core_ordinals` in its core's dictionary.
    fn open(bytes: &'a [u8], checks: Checks, core_ordinals: Option<Vec<u32>>) -> Result<Self> {
        let mut header = Cursor::new(bytes, 0, "header");
        if header.take(MAGIC.len())? != MAGIC {
            return Err(Error::BadMagic);
        }
        header.versions()?;
        let doc_count = header.u32()?;
        let term_count = header.u32()?;
        let mut lens = [0usize; 7];
        for len in &mut lens {
            *len = header.u32()? as usize;
        }
        let [fst_len, table_len, gaps_len, tfs_len, positions_len, docs_len, counts_len] = lens;
        let keyed = fst_len == 0;
        let header_error = |detail: String| Error::Corrupt {
            section: "header",
            offset: 20,
            detail,
        };
        let ordinals = match core_ordinals {
            None if keyed => {
                return Err(header_error(
                    "a shard (no dictionary of its own): open it with its core".into(),
                ))
            }
            Some(_) if !keyed => return Err(header_error("a whole index, not a shard of this core".into())),
            Some(list) if list.len() != term_count as usize => {
                return Err(header_error(format!(
                    "a shard of {term_count} terms, its core lists {}",
                    list.len()
                )))
            }
            list => list.unwrap_or_default(),
        };

        let mut body = Cursor::new(bytes, HEADER_LEN, "term dictionary");
        let fst_bytes = body.take(fst_len)?;
        let mut section = |name: &'static str, len: usize| -> Result<Section<'a>> {
            body.section = name;
            let at = body.at;
            Ok(Section {
                bytes: body.take(len)?,
                at,
                name,
            })
        };
        let table = section("term table", table_len)?;
        let gaps = section("document gaps", gaps_len)?;
        let tfs = section("term frequencies", tfs_len)?;
        let positions = section("positions", positions_len)?;
        let docs = section("documents", docs_len)?;
        let counts = section("build counts", counts_len)?;
        if body.at != bytes.len() {
            return Err(Error::TrailingBytes {
                offset: body.at as u64,
            });
        }

        let fst_bytes = if keyed { EMPTY_FST } else { fst_bytes };
        let terms = fst::Map::new(fst_bytes).map_err(|e| dictionary_error(e.to_string()))?;
        if !keyed && terms.len() != term_count as usize {
            return Err(dictionary_error(format!(
                "{} terms, header says {term_count}",
                terms.len()
            )));
        }

        let DocumentTable {
            entries,
            texts,
            checkpoints,
            headings,
        } = read_documents(docs.bytes, docs.at, doc_count)?;
        let counts_list = read_counts(counts.bytes, counts.at)?;
        let table_entries = read_table(table, term_count, doc_count, [gaps_len, tfs_len, positions_len])?;
        let doc_langs = entries
            .iter()
            .map(|d| {
                d.document
                    .lang
                    .as_deref()
                    .and_then(Lang::from_code)
                    .map_or(u8::MAX, lang_index)
            })
            .collect();
        let reader = IndexReader {
            terms,
            term_count,
            keyed,
            ordinals,
            table: table_entries,
            table_at: table.at,
            gaps,
            tfs,
            positions,
            entries,
            texts,
            checkpoints,
            headings,
            documents: std::cell::OnceCell::new(),
            one_by_one: std::iter::repeat_with(std::cell::OnceCell::new)
                .take(doc_count as usize)
                .collect(),
            doc_langs,
            counts: counts_list,
        };
        if checks == Checks::All {
            // The entries in order, each decoded once (not again from its checkpoint).
            for (slot, (entry, ends)) in reader.table.entries().enumerate() {
                let lists = Self::lists_of(entry, ends);
                if lists.derived {
                    reader.for_each_derived(slot, lists, None, None)?;
                } else {
                    reader.for_each_stored(slot, lists, None, &mut |_, _| {})?;
                }
            }
        }
        Ok(reader)
    }

    /// An index without terms or documents: what a sharded index's whole reader answers
    /// (built here, not written and read back, so the wasm module links no writer).
    pub fn empty() -> Result<IndexReader<'static>> {
        let section = |name| Section {
            bytes: &[],
            at: HEADER_LEN,
            name,
        };
        Ok(IndexReader {
            terms: fst::Map::new(EMPTY_FST).map_err(|e| dictionary_error(e.to_string()))?,
            term_count: 0,
            keyed: false,
            ordinals: Vec::new(),
            table: read_table(section("term table"), 0, 0, [0; 3])?,
            table_at: HEADER_LEN,
            gaps: section("document gaps"),
            tfs: section("term frequencies"),
            positions: section("positions"),
            entries: Vec::new(),
            texts: Vec::new(),
            checkpoints: PerDocument::default(),
            headings: PerDocument::default(),
            documents: std::cell::OnceCell::new(),
            one_by_one: Vec::new(),
            doc_langs: Vec::new(),
            counts: Vec::new(),
        })
    }

    /// Checks the fst's checksum and that its ordinals are 0.. in term order. Only
    /// [`from_bytes`](Self::from_bytes) asks for it (a shard's dictionary is its core's),
    /// so a module that opens its own index links no checksum code.
    fn check_dictionary(&self) -> Result<()> {
        use fst::Streamer;
        self.terms
            .as_fst()
            .verify()
            .map_err(|e| dictionary_error(e.to_string()))?;
        let mut stream = self.terms.stream();
        let mut expected = 0u64;
        while let Some((_, ordinal)) = stream.next() {
            if ordinal != expected {
                return Err(dictionary_error(format!("term {expected} has ordinal {ordinal}")));
            }
            expected += 1;
        }
        Ok(())
    }

    /// Number of documents.
    pub fn doc_count(&self) -> u32 {
        self.entries.len() as u32
    }

    /// Number of distinct terms.
    pub fn term_count(&self) -> u32 {
        self.term_count
    }

    /// The term dictionary, for prefix and fuzzy lookups with fst automata (empty for a
    /// shard, whose dictionary is its core's).
    pub fn terms(&self) -> &fst::Map<&'a [u8]> {
        &self.terms
    }

    /// The ordinal of an exact term.
    pub fn term_ordinal(&self, term: &str) -> Option<u64> {
        self.terms.get(term)
    }

    /// All documents, by doc number, with their texts. The texts are copied out of the
    /// index on the first call (the whole corpus: meant for small ones, tools and
    /// tests); a search reads [`entries`](Self::entries) and [`text`](Self::text).
    pub fn documents(&self) -> &[DocumentEntry] {
        self.documents.get_or_init(|| {
            self.entries
                .iter()
                .enumerate()
                .map(|(doc, entry)| {
                    let mut entry = entry.clone();
                    entry.document.text = self.text(doc as u32).to_owned();
                    entry
                })
                .collect()
        })
    }

    /// Document `doc` with its text (copied out of the index on the first call for it),
    /// or `None` if there is no such document.
    ///
    /// ```
    /// let index = findling::Index::embedded()?;
    /// let r = index.reader();
    /// assert_eq!(r.document(0), Some(&r.documents()[0].document));
    /// assert_eq!(r.document(r.doc_count()), None);
    /// # Ok::<(), findling::Error>(())
    /// ```
    pub fn document(&self, doc: u32) -> Option<&Document> {
        let entry = self.entries.get(doc as usize)?;
        let cell = self.one_by_one.get(doc as usize)?;
        Some(cell.get_or_init(|| {
            Box::new(Document {
                text: self.text(doc).to_owned(),
                ..entry.document.clone()
            })
        }))
    }

    /// All documents, by doc number, without their texts: every field but `text`
    /// (empty here; see [`text`](Self::text)) is decoded when the index is opened, and
    /// the texts stay in the index bytes.
    ///
    /// ```
    /// let index = findling::Index::embedded()?;
    /// let r = index.reader();
    /// assert_eq!(r.entries()[0].document.title, r.documents()[0].document.title);
    /// assert_eq!(r.entries()[0].document.text, "");
    /// assert_eq!(r.text(0), r.documents()[0].document.text);
    /// # Ok::<(), findling::Error>(())
    /// ```
    pub fn entries(&self) -> &[DocumentEntry] {
        &self.entries
    }

    /// The text of document `doc`, borrowed from the index ("" if there is no such
    /// document).
    pub fn text(&self, doc: u32) -> &'a str {
        self.texts.get(doc as usize).copied().unwrap_or_default()
    }

    /// Where finding the words of document `doc`'s text can start afresh nearest before
    /// its body position `position`: (position, byte offset), (0, 0) for the text's start.
    ///
    /// ```
    /// use findling::document::Document;
    /// use findling::format::{IndexReader, IndexWriter};
    /// let mut w = IndexWriter::new();
    /// w.add(Document { id: "a".into(), text: "Wort ".repeat(1000), ..Default::default() })?;
    /// let bytes = w.finish()?;
    /// let r = IndexReader::from_bytes(&bytes)?;
    /// assert_eq!(r.checkpoint(0, 100), (0, 0));
    /// let (position, at) = r.checkpoint(0, 900);
    /// assert!(position <= 900 && position > 900 - 2 * findling::analysis::CHECKPOINT_WORDS);
    /// assert_eq!(at, 5 * position as usize);
    /// # Ok::<(), findling::Error>(())
    /// ```
    pub fn checkpoint(&self, doc: u32, position: u32) -> (u32, usize) {
        let mine = self.checkpoints.of(doc);
        match mine.partition_point(|&(p, _)| p <= position) {
            0 => (0, 0),
            i => (mine[i - 1].0, mine[i - 1].1 as usize),
        }
    }

    /// The headings of document `doc`'s body, as ranges of its body positions (first,
    /// one past the last), ascending; none for a document past the last.
    ///
    /// ```
    /// use findling::format::{IndexReader, IndexWriter};
    /// use findling::document::Document;
    /// let mut w = IndexWriter::new();
    /// let text = "Kein Kopf.\n\nDas Kapitel\n\nSein Text.";
    /// w.add(Document { id: "a".into(), title: "Titel".into(), text: text.into(), headings: vec![(12, 23)], ..Default::default() })?;
    /// w.add(Document { id: "b".into(), text: "Kein Kopf.".into(), ..Default::default() })?;
    /// let bytes = w.finish()?;
    /// let r = IndexReader::from_bytes(&bytes)?;
    /// // "Das Kapitel" holds the body's words 2 and 3.
    /// assert_eq!(r.headings(0), [(2, 4)]);
    /// assert!(r.headings(1).is_empty() && r.headings(2).is_empty());
    /// assert_eq!(r.documents()[0].document.headings, [(12, 23)]);
    /// # Ok::<(), findling::Error>(())
    /// ```
    pub fn headings(&self, doc: u32) -> &[(u32, u32)] {
        self.headings.of(doc)
    }

    /// Whether any of its documents has a heading.
    pub fn has_headings(&self) -> bool {
        !self.headings.places.is_empty()
    }

    /// The build counts, in the order they were written.
    pub fn counts(&self) -> &[(String, u32)] {
        &self.counts
    }

    /// Number of documents containing the term with this ordinal (0 if it has none here).
    pub fn doc_freq(&self, ordinal: u64) -> u32 {
        self.slot(ordinal)
            .map_or(0, |slot| self.table.entry(slot).0.doc_freq())
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
    /// first damage, with the error (`f` has then seen the documents before it). A
    /// shard calls `f` for no document of a term its documents do not have.
    pub fn for_each_posting(&self, ordinal: u64, mut f: impl FnMut(u32, &[u32])) -> Result<()> {
        self.postings_of(ordinal, None, &mut f)
    }

    /// [`for_each_posting`](Self::for_each_posting), but a document that `wanted`
    /// refuses comes with no positions: they are skipped, not decoded. A query word
    /// narrowed to the documents of the others needs the rest only counted.
    pub fn for_each_posting_in(
        &self,
        ordinal: u64,
        wanted: &dyn Fn(u32) -> bool,
        mut f: impl FnMut(u32, &[u32]),
    ) -> Result<()> {
        self.postings_of(ordinal, Some(wanted), &mut f)
    }

    /// The postings of a term, for [`for_each_posting`](Self::for_each_posting) and
    /// [`for_each_posting_in`](Self::for_each_posting_in). One decoder for every caller:
    /// `f` goes in as a trait object, so the decoders are not copied into the module
    /// once per closure.
    fn postings_of(&self, ordinal: u64, wanted: Option<Wanted<'_>>, f: OnPosting<'_>) -> Result<()> {
        match self.slot(ordinal) {
            Some(slot) => self.for_each_listed(slot, self.lists(slot), wanted, f),
            None if self.keyed => Ok(()),
            None => Err(self.no_term(ordinal)),
        }
    }

    /// The error for an ordinal beyond the dictionary.
    fn no_term(&self, ordinal: u64) -> Error {
        Error::Corrupt {
            section: "term table",
            offset: self.table_at as u64,
            detail: format!("no term with ordinal {ordinal} of {}", self.term_count),
        }
    }

    /// The table entry of a term (by its core ordinal in a shard), if it has one here.
    fn slot(&self, ordinal: u64) -> Option<usize> {
        let entries = self.table.count;
        if !self.keyed {
            usize::try_from(ordinal).ok().filter(|&i| i < entries)
        } else {
            let ordinal = u32::try_from(ordinal).ok()?;
            self.ordinals.binary_search(&ordinal).ok()
        }
    }

    /// The ordinal of the term of entry `slot` (for error messages).
    fn ordinal(&self, slot: usize) -> u32 {
        self.ordinals.get(slot).copied().unwrap_or(slot as u32)
    }

    /// The lists of entry `slot` (they were checked against their sections at open).
    fn lists(&self, slot: usize) -> Lists {
        let (e, ends) = self.table.entry(slot);
        Self::lists_of(e, ends)
    }

    /// The lists of an entry whose lists end at `ends`.
    fn lists_of(e: Entry, ends: [u32; 3]) -> Lists {
        let range = |i: usize| e.starts[i] as usize..ends[i] as usize;
        Lists {
            doc_freq: e.doc_freq(),
            derived: e.derived(),
            gaps: range(0),
            tfs: range(1),
            positions: range(2),
        }
    }

    /// The postings of entry `slot`, whose lists are `lists` (see
    /// [`for_each_posting_in`](Self::for_each_posting_in) for `wanted`).
    fn for_each_listed(
        &self,
        slot: usize,
        lists: Lists,
        wanted: Option<Wanted<'_>>,
        f: OnPosting<'_>,
    ) -> Result<()> {
        if lists.derived {
            self.for_each_derived(slot, lists, wanted, Some(f))
        } else {
            self.for_each_stored(slot, lists, wanted, f)
        }
    }

    /// An error about a term-table entry: `doc_freq` and the lengths are read from the
    /// term table, so an error about them names the table, not an offset they claim.
    fn corrupt_entry(&self, slot: usize, detail: String) -> Error {
        Error::Corrupt {
            section: "term table",
            offset: self.table_at as u64,
            detail: format!("term {}: {detail}", self.ordinal(slot)),
        }
    }

    /// The error for bytes of `section` left after a term's lists were read to `at`.
    fn unread(&self, slot: usize, section: &Section<'_>, at: usize, end: usize) -> Error {
        section.corrupt(
            at,
            format!("term {} has {} unread bytes", self.ordinal(slot), end - at),
        )
    }

    /// [`for_each_posting_in`](Self::for_each_posting_in) of a term whose postings are
    /// stored (`wanted`: `None` wants every document).
    fn for_each_stored(
        &self,
        slot: usize,
        lists: Lists,
        wanted: Option<Wanted<'_>>,
        f: OnPosting<'_>,
    ) -> Result<()> {
        let ordinal = self.ordinal(slot);
        let doc_freq = lists.doc_freq;
        let (gaps_end, tfs_end, positions_end) = (lists.gaps.end, lists.tfs.end, lists.positions.end);
        // Each document takes a byte of gaps, of frequencies and of positions at least:
        // a corrupt doc_freq must not size an allocation.
        let fewest = [&lists.gaps, &lists.tfs, &lists.positions]
            .iter()
            .map(|r| r.len())
            .min()
            .unwrap_or(0);
        if doc_freq as usize > fewest {
            return Err(self.corrupt_entry(slot, format!("{doc_freq} documents in {fewest} bytes")));
        }
        let mut g = self.gaps.cursor(lists.gaps);
        let mut t = self.tfs.cursor(lists.tfs);
        let mut p = self.positions.cursor(lists.positions);
        let mut positions: Vec<u32> = Vec::new();
        let mut doc = 0u32;
        for i in 0..doc_freq {
            let delta = g.varint()?;
            doc = doc
                .checked_add(delta)
                .filter(|&d| (i == 0 || delta > 0) && d < self.doc_count())
                .ok_or_else(|| {
                    self.gaps.corrupt(
                        g.at,
                        format!(
                            "term {ordinal} lists document {doc}+{delta} of {}",
                            self.doc_count()
                        ),
                    )
                })?;
            let tf = t.varint()?;
            if tf == 0 || tf as usize > positions_end - p.at {
                return Err(self.tfs.corrupt(
                    t.at,
                    format!("term {ordinal} has {tf} positions in document {doc}"),
                ));
            }
            if wanted.is_some_and(|wanted| !wanted(doc)) {
                p.skip_varints(tf)?;
                f(doc, &[]);
                continue;
            }
            positions.clear();
            positions.reserve(tf as usize);
            let mut at = 0u32;
            for k in 0..tf {
                let d = p.varint()?;
                at = at.checked_add(d).filter(|_| k == 0 || d > 0).ok_or_else(|| {
                    self.positions.corrupt(
                        p.at,
                        format!("term {ordinal} has an invalid position in document {doc}"),
                    )
                })?;
                positions.push(at);
            }
            f(doc, &positions);
        }
        for (section, at, end) in [
            (&self.gaps, g.at, gaps_end),
            (&self.tfs, t.at, tfs_end),
            (&self.positions, p.at, positions_end),
        ] {
            if at != end {
                return Err(self.unread(slot, section, at, end));
            }
        }
        Ok(())
    }

    /// [`for_each_posting`](Self::for_each_posting) of a stem stored as the exact forms
    /// it is derived from: the postings of each form in the documents of its language,
    /// merged by document and position. Without `f` (the full check at open), the same
    /// checks, the positions neither gathered nor merged. The documents `wanted` refuses
    /// come with no positions.
    fn for_each_derived(
        &self,
        slot: usize,
        lists: Lists,
        wanted: Option<Wanted<'_>>,
        mut f: Option<OnPosting<'_>>,
    ) -> Result<()> {
        let ordinal = self.ordinal(slot);
        let (end, claimed) = (lists.gaps.end, lists.doc_freq);
        let mut c = self.gaps.cursor(lists.gaps);
        let count = c.varint()?;
        // Each form takes at least 2 bytes.
        if count == 0 || count as usize > (end - c.at) / 2 {
            return Err(self
                .gaps
                .corrupt(c.at, format!("term {ordinal} is derived from {count} forms")));
        }
        // Per form: its documents (in its language), each with its range in `positions`.
        let mut lists: Vec<Vec<(u32, usize, usize)>> = Vec::with_capacity(count as usize);
        let mut all_positions: Vec<u32> = Vec::new();
        let mut form = 0u64;
        let mut previous_lang = 0u8;
        for k in 0..count {
            let delta = c.varint()?;
            form += u64::from(delta);
            let lang = c.take(1)?[0];
            let at = c.at;
            // (form, language) pairs strictly ascending: no form is read twice. Forms are
            // named by this index's own ordinals (a shard's too).
            // The form's entry, decoded once (each decode starts at a checkpoint).
            let form_entry = usize::try_from(form)
                .ok()
                .filter(|&s| s < self.table.count)
                .map(|s| (s, self.table.entry(s)))
                .filter(|(_, (e, _))| !e.derived());
            let valid = (k == 0 || delta > 0 || lang > previous_lang) && usize::from(lang) < LANGS.len();
            let Some((form_slot, (e, ends))) = form_entry.filter(|_| valid) else {
                return Err(self.gaps.corrupt(
                    at,
                    format!("term {ordinal} is derived from an invalid form {form} ({lang})"),
                ));
            };
            previous_lang = lang;
            let mut list = Vec::new();
            let gather = f.is_some();
            self.for_each_stored(
                form_slot,
                Self::lists_of(e, ends),
                wanted,
                &mut |doc, positions| {
                    if self.doc_langs.get(doc as usize) == Some(&lang) {
                        let from = all_positions.len();
                        if gather {
                            all_positions.extend_from_slice(positions);
                        }
                        list.push((doc, from, all_positions.len()));
                    }
                },
            )?;
            lists.push(list);
        }
        if c.at != end {
            return Err(self.unread(slot, &self.gaps, c.at, end));
        }
        // Merge the forms' lists by document (few forms: a linear pick of the least).
        let mut next = vec![0usize; lists.len()];
        let mut positions: Vec<u32> = Vec::new();
        let mut merged: Vec<u32> = Vec::new();
        let mut docs = 0u32;
        loop {
            // The least document next in some form's list, that form's entry, and
            // whether another form has it too (most documents have one form).
            let mut least: Option<(u32, usize, usize)> = None;
            let mut shared = false;
            for (list, &i) in lists.iter().zip(&next) {
                if let Some(&(d, from, to)) = list.get(i) {
                    match least {
                        Some((l, ..)) if d > l => {}
                        Some((l, ..)) if d == l => shared = true,
                        _ => (least, shared) = (Some((d, from, to)), false),
                    }
                }
            }
            let Some((doc, from, to)) = least else { break };
            positions.clear();
            for (list, i) in lists.iter().zip(next.iter_mut()) {
                if let Some(&(d, from, to)) = list.get(*i) {
                    if d == doc {
                        // Each form's positions ascend: merge them in (no sort, whose
                        // code the wasm module would carry).
                        if shared && from < to {
                            merge_into(&mut merged, &positions, &all_positions[from..to]);
                            std::mem::swap(&mut positions, &mut merged);
                        }
                        *i += 1;
                    }
                }
            }
            docs += 1;
            if let Some(f) = f.as_mut() {
                // One form's positions are already merged.
                f(
                    doc,
                    if shared {
                        &positions
                    } else {
                        &all_positions[from..to]
                    },
                );
            }
        }
        if docs != claimed {
            return Err(
                self.corrupt_entry(slot, format!("claims {claimed} documents, its forms give {docs}"))
            );
        }
        Ok(())
    }
}

/// A damaged term dictionary (it starts right after the header).
fn dictionary_error(detail: String) -> Error {
    Error::Corrupt {
        section: "term dictionary",
        offset: HEADER_LEN as u64,
        detail,
    }
}

/// Checks the term table and keeps it as a [`TermTable`]. The
/// lengths must add up to the sections' (`lens`: document gaps, frequencies, positions)
/// exactly, and every entry has documents.
fn read_table<'a>(table: Section<'a>, count: u32, doc_count: u32, lens: [usize; 3]) -> Result<TermTable<'a>> {
    let mut c = table.cursor(0..table.bytes.len());
    // Each entry takes at least 4 bytes: a corrupt count must not size an allocation.
    let mut checkpoints = Vec::with_capacity((count as usize).min(table.bytes.len() / 4) / CHECKPOINT + 1);
    let mut sums = [0u64; 3];
    for i in 0..count {
        let at = c.at;
        if i as usize % CHECKPOINT == 0 {
            // The section is shorter than 4 GiB and the sums are checked against it.
            checkpoints.push((at as u32, sums.map(|s| s as u32)));
        }
        let bad = |detail: String| table.corrupt(at, format!("entry {i}: {detail}"));
        let doc_freq = c.varint()?;
        if doc_freq == 0 || doc_freq > doc_count || doc_freq >= DERIVED {
            return Err(bad(format!("in {doc_freq} of {doc_count} documents")));
        }
        let gaps = c.varint()?;
        let rest = [c.varint()?, c.varint()?];
        let derived = gaps & 1 == 1;
        if derived && rest != [0, 0] {
            return Err(bad("a derived stem with stored positions".into()));
        }
        for (k, len) in [gaps / 2, rest[0], rest[1]].into_iter().enumerate() {
            sums[k] += u64::from(len);
            if sums[k] > lens[k] as u64 {
                return Err(bad(format!(
                    "its lists end at {}, past the {} bytes of their section",
                    sums[k], lens[k]
                )));
            }
        }
    }
    for (sum, len) in sums.iter().zip(lens) {
        if *sum != len as u64 {
            return Err(table.corrupt(c.at, format!("the terms' lists take {sum} of {len} bytes")));
        }
    }
    if c.at != table.bytes.len() {
        return Err(table.corrupt(c.at, "bytes after the last entry".into()));
    }
    Ok(TermTable {
        bytes: table.bytes,
        count: count as usize,
        checkpoints,
        ends: sums.map(|s| s as u32),
    })
}

/// Decodes the document table.
///
/// Each text is checked (UTF-8) but not copied: the entries carry an empty `text`, and
/// each text, borrowed from `bytes`, comes beside them.
fn read_documents(bytes: &[u8], base: usize, count: u32) -> Result<DocumentTable<'_>> {
    let mut c = Cursor {
        bytes,
        at: 0,
        base,
        section: "documents",
    };
    let mut out = Vec::new();
    let mut texts = Vec::new();
    let mut checkpoints = PerDocument::default();
    let mut headings = PerDocument::default();
    for doc in 0..count {
        let title_terms = c.varint()?;
        let body_terms = c.varint()?;
        let listed = c.at;
        let mut at = (0u32, 0u32);
        for _ in 0..c.varint()? {
            let (position, byte) = (c.varint()?, c.varint()?);
            at = match (at.0.checked_add(position), at.1.checked_add(byte)) {
                (Some(p), Some(b)) if position > 0 && byte > 0 && p < body_terms => (p, b),
                _ => return Err(c.corrupt_at(listed, format!("document {doc} has an invalid checkpoint"))),
            };
            checkpoints.places.push(at);
        }
        checkpoints.ends.push(checkpoints.places.len() as u32);
        headings
            .places
            .extend(read_ranges(&mut c, doc, body_terms, |_| true)?);
        headings.ends.push(headings.places.len() as u32);
        let id = c.string()?;
        let title = c.string()?;
        let body = c.str()?;
        if at.1 as usize >= body.len() && at.1 > 0 {
            return Err(c.corrupt_at(listed, format!("document {doc} has a checkpoint past its text")));
        }
        texts.push(body);
        let text = String::new();
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
        let sections = read_sections(&mut c, doc, body)?;
        let on_char = |at: u32| body.is_char_boundary(at as usize);
        let heading_bytes = read_ranges(&mut c, doc, body.len() as u32, on_char)?;
        let document = Document {
            id,
            title,
            text,
            lang,
            date,
            source,
            url,
            tags,
            sections,
            headings: heading_bytes,
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
    Ok(DocumentTable {
        entries: out,
        texts,
        checkpoints,
        headings,
    })
}

/// The sections of document `doc`, whose text is `text` (as [`put_sections`] writes them):
/// each must start after the one before, inside the text, on a character's first byte.
fn read_sections(c: &mut Cursor<'_>, doc: u32, text: &str) -> Result<Vec<document::Section>> {
    let listed = c.at;
    let count = c.varint()?;
    let mut sections = Vec::new();
    let mut before: Option<u32> = None;
    for _ in 0..count {
        let delta = c.varint()?;
        let at = match before {
            None => Some(delta),
            Some(b) => b.checked_add(delta).filter(|_| delta > 0),
        };
        let starts_char = |at: u32| (at as usize) < text.len() && text.is_char_boundary(at as usize);
        let Some(at) = at.filter(|&at| starts_char(at)) else {
            return Err(c.corrupt_at(listed, format!("document {doc} has an invalid section")));
        };
        before = Some(at);
        let anchor = c.string()?;
        sections.push(document::Section { at, anchor });
    }
    Ok(sections)
}

/// Ranges as [`put_ranges`] writes them for document `doc`: each must end by `end`, and
/// start and end where `fits` says a range may.
fn read_ranges(
    c: &mut Cursor<'_>,
    doc: u32,
    end: u32,
    fits: impl Fn(u32) -> bool,
) -> Result<Vec<(u32, u32)>> {
    let listed = c.at;
    let count = c.varint()?;
    let mut out = Vec::with_capacity((count as usize).min(c.bytes.len() - c.at));
    let mut past = 0u32;
    for _ in 0..count {
        let (gap, len) = (c.varint()?, c.varint()?);
        let first = past.checked_add(gap);
        past = match first.and_then(|f| f.checked_add(len)) {
            Some(p) if len > 0 && p <= end && fits(p) && fits(p - len) => p,
            _ => return Err(c.corrupt_at(listed, format!("document {doc} has an invalid heading"))),
        };
        out.push((past - len, past));
    }
    Ok(out)
}

/// What [`read_documents`] reads: the entries, each text, the texts' checkpoints and
/// their headings.
struct DocumentTable<'a> {
    entries: Vec<DocumentEntry>,
    texts: Vec<&'a str>,
    checkpoints: PerDocument,
    headings: PerDocument,
}

/// Pairs of every document end to end, ascending within a document: those of document
/// `d` end at `ends[d]` and start where the document before's end. The checkpoints of
/// every text ([`CHECKPOINT_WORDS`](crate::analysis::CHECKPOINT_WORDS)): (body position,
/// byte offset in the text); the headings of every body: (first body position, one
/// past its last).
#[derive(Debug, Default)]
struct PerDocument {
    places: Vec<(u32, u32)>,
    ends: Vec<u32>,
}

impl PerDocument {
    /// The pairs of document `doc` (none for a document past the last).
    fn of(&self, doc: u32) -> &[(u32, u32)] {
        let Some(&end) = self.ends.get(doc as usize) else {
            return &[];
        };
        let start = doc.checked_sub(1).map_or(0, |d| self.ends[d as usize]);
        &self.places[start as usize..end as usize]
    }
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

/// Appends `ranges` (ascending, apart, none empty: [`check_headings`]): a varint count,
/// then per range its start as a varint gap from the end of the one before (from 0 for
/// the first) and its length.
fn put_ranges(out: &mut Vec<u8>, ranges: &[(u32, u32)]) {
    put_varint(out, ranges.len() as u32);
    let mut end = 0;
    for &(first, past) in ranges {
        put_varint(out, first - end);
        put_varint(out, past - first);
        end = past;
    }
}

/// Whether `document`'s headings can be written, as byte ranges of its text and as the
/// ranges of body positions `terms` found for them: each not empty, inside (on
/// characters' first bytes), after the one before; [`Error::BadHeadings`] if not.
fn check_headings(document: &Document, terms: &Terms) -> Result<()> {
    let text = &document.text;
    let on_char = |at: u32| text.is_char_boundary(at as usize);
    let in_text = |(first, past): (u32, u32)| past as usize <= text.len() && on_char(first) && on_char(past);
    let in_body = |(_, past): (u32, u32)| past <= terms.body_words;
    match out_of_order(&document.headings, in_text).or_else(|| out_of_order(&terms.headings, in_body)) {
        Some(at) => Err(Error::BadHeadings {
            id: document.id.clone(),
            at,
        }),
        None => Ok(()),
    }
}

/// The first of `ranges` that is empty, starts before the one before ends, or does not
/// `fit`.
fn out_of_order(ranges: &[(u32, u32)], fits: impl Fn((u32, u32)) -> bool) -> Option<(u32, u32)> {
    let mut end = 0;
    for &(first, past) in ranges {
        if first < end || past <= first || !fits((first, past)) {
            return Some((first, past));
        }
        end = past;
    }
    None
}

/// Whether `document`'s sections can be written: each starts after the one before, inside
/// its text, on a character's first byte; [`Error::BadSections`] if not.
fn check_sections(document: &Document) -> Result<()> {
    let text = &document.text;
    let mut before = None;
    for s in &document.sections {
        let at = s.at as usize;
        if before.is_some_and(|b| s.at <= b) || at >= text.len() || !text.is_char_boundary(at) {
            return Err(Error::BadSections {
                id: document.id.clone(),
                at: s.at,
            });
        }
        before = Some(s.at);
    }
    u32::try_from(document.sections.len()).map_err(|_| Error::TooLarge { what: "sections" })?;
    Ok(())
}

/// Appends the sections of `document` ([`check_sections`] first): a varint count, then per
/// section its start as a varint delta from the one before (the first from 0) and its
/// anchor.
fn put_sections(out: &mut Vec<u8>, document: &Document) -> Result<()> {
    let sections = &document.sections;
    put_varint(out, sections.len() as u32);
    let mut before = 0;
    for s in sections {
        put_varint(out, s.at - before);
        put_str(out, &s.anchor)?;
        before = s.at;
    }
    Ok(())
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
#[derive(Debug, Clone)]
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

    /// An error at `at` in the cursor's bytes.
    fn corrupt_at(&self, at: usize, detail: String) -> Error {
        Error::Corrupt {
            section: self.section,
            offset: (self.base + at) as u64,
            detail,
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

    /// Reads the format and analyzer versions bytes were written with (an index's, a
    /// core's): either one other than this build's is an error.
    fn versions(&mut self) -> Result<()> {
        let format = self.u32()?;
        if format != FORMAT_VERSION {
            return Err(Error::FormatVersion {
                found: format,
                expected: FORMAT_VERSION,
            });
        }
        let analyzer = self.u32()?;
        if analyzer != ANALYZER_VERSION {
            return Err(Error::AnalyzerVersion {
                found: analyzer,
                expected: ANALYZER_VERSION,
            });
        }
        Ok(())
    }

    fn u32(&mut self) -> Result<u32> {
        let b = self.take(4)?;
        Ok(u32::from_le_bytes([b[0], b[1], b[2], b[3]]))
    }

    #[inline]
    fn varint(&mut self) -> Result<u32> {
        // Most varints are one byte (gaps, frequencies, positions of short texts).
        if let Some(&byte) = self.bytes.get(self.at).filter(|&&b| b < 0x80) {
            self.at += 1;
            return Ok(u32::from(byte));
        }
        self.long_varint()
    }

    /// [`varint`](Self::varint) of more than one byte, or none: out of line, so that the
    /// one-byte path stays small where it is inlined.
    #[inline(never)]
    fn long_varint(&mut self) -> Result<u32> {
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

    /// Moves past `n` varints without decoding them (each ends at a byte below 0x80).
    fn skip_varints(&mut self, n: u32) -> Result<()> {
        if n == 0 {
            return Ok(());
        }
        let mut left = n;
        let last = self.bytes[self.at..].iter().position(|&byte| {
            left -= u32::from(byte < 0x80);
            left == 0
        });
        self.at += last.ok_or_else(|| self.truncated())? + 1;
        Ok(())
    }

    fn string(&mut self) -> Result<String> {
        self.str().map(str::to_owned)
    }

    /// A string, borrowed from the index, its UTF-8 checked.
    fn str(&mut self) -> Result<&'a str> {
        let len = self.varint()? as usize;
        let from = self.at;
        let bytes = self.take(len)?;
        std::str::from_utf8(bytes).map_err(|e| Error::Corrupt {
            section: self.section,
            offset: (self.base + from) as u64,
            detail: format!("string is not UTF-8: {e}"),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_empty_dictionary_is_what_the_fst_builder_writes() {
        let built = fst::MapBuilder::memory().into_inner().unwrap();
        assert_eq!(EMPTY_FST, built.as_slice());
    }

    #[test]
    fn the_empty_reader_reads_like_the_writer_s_empty_index() {
        let bytes = IndexWriter::new().finish().unwrap();
        let written = IndexReader::from_bytes(&bytes).unwrap();
        let empty = IndexReader::empty().unwrap();
        assert_eq!(empty.doc_count(), written.doc_count());
        assert_eq!(empty.term_count(), written.term_count());
        assert_eq!(
            empty.terms().as_fst().as_bytes(),
            written.terms().as_fst().as_bytes()
        );
        assert_eq!(empty.counts(), written.counts());
        assert_eq!(empty.documents(), written.documents());
        let table = |r: &IndexReader| {
            (0..=r.table.count)
                .map(|slot| r.table.entry(slot))
                .map(|(e, ends)| (e.flagged_freq, e.starts, ends))
                .collect::<Vec<_>>()
        };
        assert_eq!(table(&empty), table(&written));
        assert_eq!(empty.term_ordinal("a"), None);
    }

    #[test]
    fn sorted_terms_round_trip() {
        let terms = ["", "a", "zoom", "zoomen", "zug", "\u{1}behord"];
        let mut sorted = terms.to_vec();
        sorted.sort_unstable();
        let bytes = SortedTerms::encode(sorted.iter().map(|&t| (t, t.len() as u32 * 200)));
        let mut reader = SortedTerms::new(&bytes);
        let mut term = Vec::new();
        let mut read = Vec::new();
        while let Some(freq) = reader.next_into(&mut term).unwrap() {
            read.push(String::from_utf8(term.clone()).unwrap());
            assert_eq!(freq, term.len() as u32 * 200);
        }
        assert_eq!(read, sorted);
        assert!(SortedTerms::new(&[3, 1, b'x', 1])
            .next_into(&mut Vec::new())
            .is_err());
    }

    #[test]
    fn varints_round_trip_at_the_edges() {
        for n in [0, 1, 127, 128, 16_383, 16_384, u32::MAX - 1, u32::MAX] {
            let mut buf = Vec::new();
            put_varint(&mut buf, n);
            let mut c = Cursor::new(&buf, 0, "test");
            assert_eq!(c.varint(), Ok(n));
            assert_eq!(c.at, buf.len());
        }
        // A cursor cut at a list's end reads no byte past it, one-byte varint or longer.
        let buf = [5u8, 0x85, 1];
        let mut c = Cursor::new(&buf[..1], 0, "test");
        assert_eq!(c.varint(), Ok(5));
        assert!(c.varint().is_err());
        assert!(Cursor::new(&buf[1..2], 0, "test").varint().is_err());
        assert!(Cursor::new(&buf[..0], 0, "test").varint().is_err());
    }

    #[test]
    fn skipping_varints_ends_where_reading_them_ends() {
        let mut buf = Vec::new();
        for n in [0, 300, u32::MAX, 5] {
            put_varint(&mut buf, n);
        }
        let mut read = Cursor::new(&buf, 0, "test");
        for k in 0..=4 {
            let mut skipped = Cursor::new(&buf, 0, "test");
            skipped.skip_varints(k).unwrap();
            assert_eq!(skipped.at, read.at, "after {k} varints");
            let _ = read.varint();
        }
        assert!(Cursor::new(&buf, 0, "test").skip_varints(5).is_err());
    }

    #[test]
    fn postings_of_documents_not_wanted_come_without_positions() {
        let mut w = IndexWriter::new();
        for (id, text) in [("a", "haus haus"), ("b", "maus"), ("c", "das haus haus haus")] {
            w.add(Document {
                id: id.into(),
                text: text.into(),
                ..Default::default()
            })
            .unwrap();
        }
        let bytes = w.finish().unwrap();
        let r = IndexReader::from_bytes(&bytes).unwrap();
        let haus = r.terms().get("haus").unwrap();
        let (mut all, mut some) = (Vec::new(), Vec::new());
        r.for_each_posting(haus, |doc, at| all.push((doc, at.to_vec())))
            .unwrap();
        r.for_each_posting_in(haus, &|doc| doc != 0, |doc, at| some.push((doc, at.to_vec())))
            .unwrap();
        assert_eq!(all.len(), 2);
        assert_eq!(some, [(all[0].0, vec![]), all[1].clone()]);
    }

    #[test]
    fn a_form_with_two_stems_in_one_language_keeps_both_stems_stored() {
        let mut w = IndexWriter::new();
        let [form, stem, other] =
            ["form", "\u{1}a", "\u{1}b"].map(|t| w.intern(t, crate::analysis::terms::term_hash(t)));
        w.note_stem(form, 0, stem);
        w.note_stem(form, 1, other);
        assert_eq!(w.impure, [false; 3], "different languages may stem apart");
        w.note_stem(form, 0, other);
        assert_eq!(w.impure, [false, true, true]);
    }

    #[test]
    fn merging_keeps_each_position_once_in_order() {
        let mut out = vec![9];
        merge_into(&mut out, &[1, 4, 6], &[2, 4, 7, 8]);
        assert_eq!(out, [1, 2, 4, 6, 7, 8]);
        merge_into(&mut out, &[], &[3]);
        assert_eq!(out, [3]);
    }

    #[test]
    fn an_overlong_varint_is_an_error() {
        let mut c = Cursor::new(&[0xff, 0xff, 0xff, 0xff, 0xff, 0x01], 0, "test");
        assert!(matches!(c.varint(), Err(Error::Corrupt { .. })));
    }

    proptest::proptest! {
        #[test]
        fn term_order_is_the_order_of_the_bytes(
            terms in proptest::collection::vec("[ab\u{0}\u{1}é]{0,11}", 0..40),
        ) {
            let mut interner = Interner::default();
            for t in &terms {
                interner.intern(t);
            }
            let mut strings = interner.into_strings();
            let order = term_order(&mut strings);
            let ordered: Vec<&str> = order.iter().map(|&i| strings.get(i)).collect();
            let mut expected: Vec<&str> = (0..strings.len()).map(|i| strings.get(i)).collect();
            expected.sort_unstable();
            proptest::prop_assert_eq!(ordered, expected);
        }
    }
}
