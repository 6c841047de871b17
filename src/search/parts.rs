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
    /// The core, when the index is sharded.
    core: Option<CoreReader<'a>>,
    /// By shard (one for a whole index): its reader once loaded.
    shards: Vec<Option<IndexReader<'a>>>,
    /// Global number of each shard's first document.
    firsts: Vec<u32>,
    /// Documents loaded so far.
    loaded_docs: u32,
    /// The dictionary of the whole index (the core's, or the whole index's).
    terms: fst::Map<&'a [u8]>,
    /// What [`whole_reader`](Self::whole_reader) answers for a sharded index.
    empty: Option<IndexReader<'static>>,
}

impl<'a> Parts<'a> {
    /// A whole index.
    pub fn whole(reader: IndexReader<'a>) -> Self {
        Parts {
            terms: reader.terms().clone(),
            core: None,
            loaded_docs: reader.doc_count(),
            shards: vec![Some(reader)],
            firsts: vec![0],
            empty: None,
        }
    }

    /// A core with no shard loaded yet.
    pub fn sharded(core: CoreReader<'a>) -> Result<Self> {
        Ok(Parts {
            terms: core.terms().clone(),
            shards: core.shards().iter().map(|_| None).collect(),
            firsts: core.shards().iter().map(|s| s.first_doc).collect(),
            core: Some(core),
            loaded_docs: 0,
            empty: Some(IndexReader::empty()?),
        })
    }

    /// The reader of a whole index; for a sharded one, an index without documents.
    pub fn whole_reader(&self) -> &IndexReader<'a> {
        match (&self.core, &self.shards[..], &self.empty) {
            (None, [Some(whole)], _) => whole,
            (_, _, Some(empty)) => empty,
            _ => unreachable!("a whole index has its reader, a sharded one the empty one"),
        }
    }

    /// Checks and adds a shard's bytes (see [`CoreReader::open_shard`]); returns its
    /// position in [`shards`](Self::shards). Adding a shard twice changes nothing.
    pub fn add_shard(&mut self, bytes: &'a [u8]) -> Result<usize> {
        let Some(core) = &self.core else {
            return Err(crate::Error::Corrupt {
                section: "shard",
                offset: 0,
                detail: "this index is not sharded: it has no shard to load".into(),
            });
        };
        let (slot, reader) = core.open_shard(bytes)?;
        if self.shards[slot].is_none() {
            self.loaded_docs += reader.doc_count();
            self.shards[slot] = Some(reader);
        }
        Ok(slot)
    }

    /// The shards of a sharded index in load order (empty for a whole index).
    pub fn shards(&self) -> &[ShardEntry] {
        self.core.as_ref().map_or(&[], |c| c.shards())
    }

    /// Whether shard `i` is loaded.
    pub fn is_loaded(&self, i: usize) -> bool {
        self.shards.get(i).is_some_and(Option::is_some)
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
        match &self.core {
            Some(core) => core.doc_count(),
            None => self.loaded_docs,
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
        match (&self.core, &self.shards[..]) {
            (Some(core), _) => core.doc_freq(ordinal),
            (None, [Some(whole)]) => whole.doc_freq(ordinal),
            _ => 0,
        }
    }

    /// The build counts of the whole index.
    pub fn counts(&self) -> &[(String, u32)] {
        match (&self.core, &self.shards[..]) {
            (Some(core), _) => core.counts(),
            (None, [Some(whole)]) => whole.counts(),
            _ => &[],
        }
    }

    /// Mean title and body lengths over all documents, when the core knows them (a
    /// whole index computes them from its documents).
    pub fn averages(&self) -> Option<(f32, f32)> {
        self.core.as_ref().map(CoreReader::averages)
    }

    /// The reader of the shard holding global document `doc`, if it is loaded, and the
    /// document's number in it.
    fn locate(&self, doc: u32) -> Option<(&IndexReader<'a>, u32)> {
        let shard = self.firsts.partition_point(|&f| f <= doc).checked_sub(1)?;
        let reader = self.shards[shard].as_ref()?;
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

    /// The document with global number `doc` with its text, if its shard is loaded.
    pub fn document(&self, doc: u32) -> Option<&crate::document::Document> {
        let (reader, local) = self.locate(doc)?;
        reader.document(local)
    }

    /// Every loaded document with its global number, ascending, texts included (a copy
    /// of the corpus, made on first use: for tools; a search reads
    /// [`entry`](Self::entry) and [`text`](Self::text)).
    pub fn entries(&self) -> impl Iterator<Item = (u32, &DocumentEntry)> + '_ {
        self.shards
            .iter()
            .zip(&self.firsts)
            .filter_map(|(s, &first)| Some((s.as_ref()?, first)))
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
        for (i, shard) in self.shards.iter().enumerate() {
            match shard {
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
    pub fn for_each_posting(&self, ordinal: u64, mut f: impl FnMut(u32, &[u32])) -> Result<u32> {
        let mut seen = 0;
        let mut damage = Ok(());
        for (reader, &first) in self.shards.iter().zip(&self.firsts) {
            let Some(reader) = reader else { continue };
            // A shard's ordinals are its core's: one lookup serves every shard.
            let result = reader.for_each_posting(ordinal, |doc, positions| {
                seen += 1;
                f(first + doc, positions);
            });
            if result.is_err() && damage.is_ok() {
                damage = result;
            }
        }
        damage.map(|()| seen)
    }
}
