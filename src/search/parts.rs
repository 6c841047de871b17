//! What a search reads: one whole index, or a core and the shards loaded so far
//! (see [`crate::format::shard`]), behind one dictionary with global ordinals and one
//! numbering of documents.
//!
//! Documents keep their global numbers (a shard's first document plus its own number),
//! and a term's postings are those of every loaded shard in shard order: with every
//! shard loaded, a search sees exactly what it sees in the whole index.

use crate::error::Result;
use crate::format::shard::{CoreReader, ShardEntry};
use crate::format::{DocumentEntry, IndexReader};

/// A whole index, or a core with the shards loaded so far.
#[derive(Debug)]
pub struct Parts<'a> {
    kind: Kind<'a>,
    /// Global number of each shard's first document (a whole index: one shard, at 0).
    firsts: Vec<u32>,
    /// Documents loaded so far.
    loaded_docs: u32,
    /// The dictionary of the whole index (the core's, or the whole index's).
    terms: fst::Map<&'a [u8]>,
    /// Whether a loaded document has headings: scoring looks for them only then.
    headed: bool,
}

/// What the parts are made of.
#[derive(Debug)]
enum Kind<'a> {
    /// A whole index: its one reader, which counts as the one shard.
    Whole(IndexReader<'a>),
    /// A sharded index.
    Sharded {
        core: CoreReader<'a>,
        /// By shard in the core's order: its reader once loaded.
        shards: Vec<Option<IndexReader<'a>>>,
        /// What [`Parts::whole_reader`] answers: an index without documents.
        empty: IndexReader<'static>,
    },
}

impl<'a> Parts<'a> {
    /// A whole index.
    pub fn whole(reader: IndexReader<'a>) -> Self {
        Parts {
            headed: reader.has_headings(),
            terms: reader.terms().clone(),
            loaded_docs: reader.doc_count(),
            firsts: vec![0],
            kind: Kind::Whole(reader),
        }
    }

    /// A core with no shard loaded yet.
    pub fn sharded(core: CoreReader<'a>) -> Result<Self> {
        Ok(Parts {
            terms: core.terms().clone(),
            firsts: core.shards().iter().map(|s| s.first_doc).collect(),
            loaded_docs: 0,
            headed: false,
            kind: Kind::Sharded {
                shards: core.shards().iter().map(|_| None).collect(),
                core,
                empty: IndexReader::empty()?,
            },
        })
    }

    /// The reader of a whole index; for a sharded one, an index without documents.
    pub fn whole_reader(&self) -> &IndexReader<'a> {
        match &self.kind {
            Kind::Whole(whole) => whole,
            Kind::Sharded { empty, .. } => empty,
        }
    }

    /// Per shard in order (a whole index: its one reader), its reader if it is loaded.
    fn readers(&self) -> impl Iterator<Item = Option<&IndexReader<'a>>> + '_ {
        let (whole, shards) = match &self.kind {
            Kind::Whole(whole) => (Some(whole), &[][..]),
            Kind::Sharded { shards, .. } => (None, &shards[..]),
        };
        whole
            .map(Some)
            .into_iter()
            .chain(shards.iter().map(Option::as_ref))
    }

    /// The reader of shard `i`, if it is loaded.
    fn reader(&self, i: usize) -> Option<&IndexReader<'a>> {
        match &self.kind {
            Kind::Whole(whole) => (i == 0).then_some(whole),
            Kind::Sharded { shards, .. } => shards.get(i)?.as_ref(),
        }
    }

    /// Checks and adds a shard's bytes (see [`CoreReader::open_shard`]); returns its
    /// position in [`shards`](Self::shards). Adding a shard twice changes nothing.
    pub fn add_shard(&mut self, bytes: &'a [u8]) -> Result<usize> {
        let slot = self.shard_slot(bytes)?;
        self.add_shard_at(slot, bytes)
    }

    /// Which of [`shards`](Self::shards) `bytes` are, by their length and hash (see
    /// [`CoreReader::shard_slot`]); an error for a whole index.
    pub fn shard_slot(&self, bytes: &[u8]) -> Result<usize> {
        match &self.kind {
            Kind::Sharded { core, .. } => core.shard_slot(bytes),
            Kind::Whole(_) => Err(not_sharded(bytes)),
        }
    }

    /// Adds `bytes`, which [`shard_slot`](Self::shard_slot) placed at `slot`, without
    /// hashing them again (see [`CoreReader::open_shard_at`]); returns `slot`. Adding a
    /// shard twice changes nothing.
    pub fn add_shard_at(&mut self, slot: usize, bytes: &'a [u8]) -> Result<usize> {
        let Kind::Sharded { core, shards, .. } = &mut self.kind else {
            return Err(not_sharded(bytes));
        };
        if shards.get(slot).is_some_and(Option::is_some) {
            return Ok(slot);
        }
        let reader = core.open_shard_at(slot, bytes)?;
        self.loaded_docs += reader.doc_count();
        self.headed |= reader.has_headings();
        shards[slot] = Some(reader);
        Ok(slot)
    }

    /// The shards of a sharded index in load order (empty for a whole index).
    pub fn shards(&self) -> &[ShardEntry] {
        match &self.kind {
            Kind::Whole(_) => &[],
            Kind::Sharded { core, .. } => core.shards(),
        }
    }

    /// Whether shard `i` is loaded.
    pub fn is_loaded(&self, i: usize) -> bool {
        self.reader(i).is_some()
    }

    /// Whether every document is loaded.
    pub fn complete(&self) -> bool {
        self.loaded_docs == self.doc_count()
    }

    /// The fraction of the documents loaded, 0 to 1 (1 for an empty index).
    pub fn loaded(&self) -> f64 {
        match self.doc_count() {
            0 => 1.0,
            n => f64::from(self.loaded_docs) / f64::from(n),
        }
    }

    /// Documents of the whole index, loaded or not.
    pub fn doc_count(&self) -> u32 {
        match &self.kind {
            Kind::Whole(whole) => whole.doc_count(),
            Kind::Sharded { core, .. } => core.doc_count(),
        }
    }

    /// Distinct terms of the whole index.
    pub fn term_count(&self) -> u32 {
        self.terms().len() as u32
    }

    /// The dictionary of the whole index: term → global ordinal.
    pub fn terms(&self) -> &fst::Map<&'a [u8]> {
        &self.terms
    }

    /// Documents of the whole index containing the term with this global ordinal.
    pub fn doc_freq(&self, ordinal: u64) -> u32 {
        match &self.kind {
            Kind::Whole(whole) => whole.doc_freq(ordinal),
            Kind::Sharded { core, .. } => core.doc_freq(ordinal),
        }
    }

    /// The build counts of the whole index.
    pub fn counts(&self) -> &[(String, u32)] {
        match &self.kind {
            Kind::Whole(whole) => whole.counts(),
            Kind::Sharded { core, .. } => core.counts(),
        }
    }

    /// Mean title and body lengths over all documents, when the core knows them (a
    /// whole index computes them from its documents).
    pub fn averages(&self) -> Option<(f32, f32)> {
        match &self.kind {
            Kind::Whole(_) => None,
            Kind::Sharded { core, .. } => Some(core.averages()),
        }
    }

    /// The reader of the shard holding global document `doc`, if it is loaded, and the
    /// document's number in it.
    fn locate(&self, doc: u32) -> Option<(&IndexReader<'a>, u32)> {
        let shard = self.firsts.partition_point(|&f| f <= doc).checked_sub(1)?;
        let reader = self.reader(shard)?;
        Some((reader, doc - self.firsts[shard]))
    }

    /// The document with global number `doc`, if its shard is loaded, without its text
    /// (`document.text` is empty: see [`text`](Self::text) and
    /// [`IndexReader::entries`]).
    pub fn entry(&self, doc: u32) -> Option<&DocumentEntry> {
        let (reader, local) = self.locate(doc)?;
        reader.entries().get(local as usize)
    }

    /// The text of the document with global number `doc` ("" if its shard is not loaded).
    pub fn text(&self, doc: u32) -> &'a str {
        self.locate(doc).map_or("", |(reader, local)| reader.text(local))
    }

    /// [`IndexReader::checkpoint`] of the document with global number `doc`.
    pub fn checkpoint(&self, doc: u32, position: u32) -> (u32, usize) {
        self.locate(doc)
            .map_or((0, 0), |(reader, local)| reader.checkpoint(local, position))
    }

    /// [`IndexReader::headings`] of the document with global number `doc` (none if its
    /// shard is not loaded).
    pub fn headings(&self, doc: u32) -> &[(u32, u32)] {
        if !self.headed {
            return &[];
        }
        self.locate(doc)
            .map_or(&[], |(reader, local)| reader.headings(local))
    }

    /// The document with global number `doc` with its text, if its shard is loaded.
    pub fn document(&self, doc: u32) -> Option<&crate::document::Document> {
        let (reader, local) = self.locate(doc)?;
        reader.document(local)
    }

    /// Every loaded document with its global number, ascending, texts included (a copy
    /// of the corpus, made on first use: for tools; a search reads
    /// [`entry`](Self::entry) and [`text`](Self::text)).
    pub fn entries(&self) -> impl Iterator<Item = (u32, &DocumentEntry)> + '_ {
        self.readers()
            .zip(&self.firsts)
            .filter_map(|(reader, &first)| Some((reader?, first)))
            .flat_map(|(reader, first)| {
                reader
                    .documents()
                    .iter()
                    .enumerate()
                    .map(move |(i, d)| (first + i as u32, d))
            })
    }

    /// Per document, loaded or not: `f` of its entry (without its text, as
    /// [`entry`](Self::entry) gives it), or `absent` when its shard is not loaded; in
    /// document order.
    pub fn map_documents<T: Clone>(&self, absent: T, mut f: impl FnMut(&DocumentEntry) -> T) -> Vec<T> {
        let mut out = Vec::with_capacity(self.doc_count() as usize);
        for (i, reader) in self.readers().enumerate() {
            match reader {
                Some(reader) => out.extend(reader.entries().iter().map(&mut f)),
                None => {
                    let count = self.shards()[i].doc_count as usize;
                    out.extend(std::iter::repeat_n(absent.clone(), count));
                }
            }
        }
        out
    }

    /// Calls `f` with the global number and positions of every loaded document that has
    /// the term with global ordinal `ordinal`, ascending. Returns how many it saw. Stops a
    /// shard's list at its first damage (`f` has then seen the documents before it) and
    /// returns the error after the other shards.
    pub fn for_each_posting(&self, ordinal: u64, f: impl FnMut(u32, &[u32])) -> Result<u32> {
        self.for_each_posting_in(ordinal, None, f)
    }

    /// [`for_each_posting`](Self::for_each_posting), but the documents `wanted` refuses
    /// (given their global numbers) come with no positions (see
    /// [`IndexReader::for_each_posting_in`]).
    pub fn for_each_posting_in(
        &self,
        ordinal: u64,
        wanted: Option<&dyn Fn(u32) -> bool>,
        mut f: impl FnMut(u32, &[u32]),
    ) -> Result<u32> {
        let mut seen = 0;
        let mut damage = Ok(());
        for (reader, &first) in self.readers().zip(&self.firsts) {
            let Some(reader) = reader else { continue };
            let mut each = |doc, positions: &[u32]| {
                seen += 1;
                f(first + doc, positions);
            };
            // A shard's ordinals are its core's: one lookup serves every shard.
            let result = match wanted {
                Some(wanted) => reader.for_each_posting_in(ordinal, &|doc| wanted(first + doc), &mut each),
                None => reader.for_each_posting(ordinal, &mut each),
            };
            if result.is_err() && damage.is_ok() {
                damage = result;
            }
        }
        damage.map(|()| seen)
    }
}

/// The error for shard bytes given to a whole index.
fn not_sharded(bytes: &[u8]) -> crate::Error {
    crate::Error::Corrupt {
        section: "shard",
        offset: 0,
        detail: format!(
            "{} bytes are no shard of this index: it is not sharded",
            bytes.len()
        ),
    }
}
