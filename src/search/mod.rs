//! Search: parses the query ([`query`]), expands every word to the dictionary terms it
//! matches with the indexing analyzer ([`expand`]), gathers what each clause matches
//! ([`clause`]), combines the clauses, ranks with BM25F plus word proximity ([`score`]),
//! a title that is the query ([`title`]) and the words typed in a row ([`row`]), cuts a
//! highlighted excerpt from each hit ([`snippet`]), counts the matched documents'
//! metadata values ([`facet`]) and, when nothing matches, suggests another spelling
//! ([`suggestion`]).

pub mod clause;
pub mod expand;
pub mod facet;
pub mod matches;
pub mod parts;
pub mod postings;
pub mod query;
pub mod row;
pub mod score;
pub mod snippet;
pub mod sort;
pub mod suggestion;
pub mod title;
pub mod trigram;
pub mod typos;
pub mod word_list;

use crate::document::section_at;
use crate::error::Result;
use crate::format::shard::CoreReader;
use crate::format::IndexReader;
use crate::language::Lang;
use clause::{ExpansionKey, WordCache};
use expand::{Expansion, RecentWalks};
use facet::{FacetCounter, FacetKind, FacetTable, Facets, FACET_LIMIT};
use matches::{Match, Matches};
use parts::Parts;
use postings::RecentPostings;
use query::{Clause, Filters};
use row::{Placed, KEPT_STOP_DOCS, KEPT_STOP_POSITIONS};
use score::CorpusStats;
use snippet::{Highlighted, PlaceCache};
use std::cell::RefCell;
use std::collections::BTreeSet;
use std::rc::Rc;
use word_list::WordList;

/// What the word still being typed weighs when an excerpt's window is chosen (a finished
/// word weighs its rarity, about 0.1 to 10): it only tells windows that hold the same
/// finished words apart.
pub const TYPING_WEIGHT: f32 = 1e-3;

/// Weight of word proximity: a document where two consecutive query words stand next to
/// each other gets this fraction of its score on top.
pub const PROXIMITY_BOOST: f32 = 0.25;

/// Longest word distance that still earns a proximity bonus.
pub const PROXIMITY_WINDOW: u32 = 8;

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
    /// The section the excerpt is from, when the document's page links to it.
    pub section: Option<Heading>,
}

/// A document opened from a query's results: see [`Index::read`].
#[derive(Debug, Clone, PartialEq)]
pub struct Reading<'a> {
    /// The document, its text included.
    pub document: &'a crate::document::Document,
    /// Its whole title with the query's words highlighted (byte ranges).
    pub title: Highlighted,
    /// Its whole text with the query's words highlighted (byte ranges); its `focus` is
    /// where the hit's excerpt is, where a reader opens.
    pub text: Highlighted,
}

/// A section's heading and the fragment that links to it on its page.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Heading {
    /// The heading's text.
    pub text: String,
    /// The fragment (`install` for `page.html#install`).
    pub anchor: String,
}

/// How many of the query's words a document must match.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Matching {
    /// Every word (AND): what a search box means. The default.
    #[default]
    All,
    /// Any word (OR), ranked by score times coverage (see [`COVERAGE_WEIGHT`]): for long
    /// natural-language questions.
    Any,
}

/// Options of a query.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Options {
    /// Most hits to return.
    pub limit: usize,
    /// How many words must match.
    pub matching: Matching,
    /// Whether to count [`Results::facets`] over every matching document.
    pub facets: bool,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            limit: 10,
            matching: Matching::All,
            facets: false,
        }
    }
}

/// The answer to a query.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Results {
    /// The best hits, best first.
    pub hits: Vec<Hit>,
    /// How many documents matched in all.
    pub total: usize,
    /// When nothing matched: the query with its unknown words replaced by the closest
    /// words of the index ("did you mean").
    pub suggestion: Option<String>,
    /// When [`Options::facets`] asked for them: the facet counts over all matching
    /// documents (not only the `limit` returned), see [`facet`]. For an empty query,
    /// over every document.
    pub facets: Option<Facets>,
    /// When too few documents matched every word (see [`RELAX_BELOW`]): the documents
    /// that match some of the words are ranked with those that match all (see
    /// [`COVERAGE_WEIGHT`]), and this says so.
    pub relaxed: Option<Relaxed>,
    /// Whether the query was cut at the limits of [`query`] (its words, characters, phrases).
    pub truncated: bool,
}

/// How a query was relaxed: what the reader should be told.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Relaxed {
    /// How many documents matched every word.
    pub complete: usize,
    /// The query's words that no document has (as typed, lowercased).
    pub missing: Vec<String>,
}

/// Fewer documents than this (a page) matching every word, and a query of several words
/// also brings the documents that match some of them: a reader who typed one word no
/// document has, or words that never meet, is not stranded. A fixed number, not the
/// page's `limit`, so that the first ten hits are the same whatever the limit.
/// Measured on ddtp-en-knownitem (default mode) and the seeds' golden table.
pub const RELAX_BELOW: usize = 10;

/// Relaxed, and with [`Matching::Any`], every match is ranked by its score times
/// `coverage ^ (COVERAGE_WEIGHT / n)`, coverage being the share of the query's `n`
/// words it matches, each word counted with its rarity (its BM25 idf over the
/// documents it matches in any form; the k parts of a compound that no document has,
/// searched apart, count as the one word typed, each part with 1/k of its rarity):
/// Lucene's coordination factor, weighted by what each word tells apart and softened
/// for long queries. A document with every word keeps its score; one without one word
/// of two equally rare ones has half of it, of four 0.87, of eight 0.97. A description that misses one word of the query can then
/// outrank a long page that has every word once, and a question's common words ("how
/// long", "last", "wurde") cost little when missed, and buy little when matched, against
/// its one rare word ("coalition"). Weighting by rarity, not by count, gained on all
/// five collections of `make relevance`, in both modes.
pub const COVERAGE_WEIGHT: f32 = 2.0;

/// A searchable index: a whole index or a sharded one ([`Parts`]) plus the corpus
/// statistics ranking needs.
#[derive(Debug)]
pub struct Index<'a> {
    parts: Parts<'a>,
    stats: CorpusStats,
    words: WordList<'a>,
    /// The latest complete walks of words being typed.
    walks: RecentWalks,
    /// The latest words' matches (see [`CACHED_WORDS`](clause::CACHED_WORDS)).
    cache: RefCell<WordCache>,
    /// The texts and words' places of the latest documents excerpted.
    places: PlaceCache<'a>,
    /// The joined compounds' forms met in excerpts.
    joined: RefCell<snippet::JoinedForms>,
    /// The postings of the latest word's terms.
    postings: RecentPostings,
    /// The latest stop words typed in a row with other words, and where they stand
    /// (see [`Index::stop_word_places`]).
    stop_words: RefCell<Vec<(String, Option<Rc<Placed>>)>>,
    /// The most documents and places of a stop word kept ([`KEPT_STOP_DOCS`],
    /// [`KEPT_STOP_POSITIONS`]); a test lowers them to reach the reading of a word for
    /// the candidates alone.
    kept_stop: (usize, usize),
    /// The latest word expanded (word, prefix, fuzzy) and its expansions: a relaxed
    /// query asks for its last word again, whole after narrowed (see `narrowed_last`).
    expanded: RefCell<Option<(ExpansionKey, Rc<[Expansion]>)>>,
    /// The loaded documents' facet values, numbered as their shard is added (a whole
    /// index: at open).
    facet_table: RefCell<FacetTable>,
    /// Per document, its title's and body's numbers of words (`None` while its shard is
    /// not loaded): scoring reads them for every document a word matches, and they are
    /// 8 bytes here against a whole [`DocumentEntry`](crate::format::DocumentEntry) apart
    /// in the reader (a cache miss each).
    lengths: Vec<Option<(u32, u32)>>,
    /// Per document, the words of the section number that leads its title and of the
    /// section that ends it ([`title_lead`](crate::analysis::numbering::title_lead) and
    /// [`title_tail`](crate::analysis::numbering::title_tail); 0 while its shard is not loaded,
    /// or for more than 255 words).
    title_ends: Vec<(u8, u8)>,
    /// How many documents are loaded (those of `lengths` that are `Some`).
    loaded: u32,
    /// Per document, the filters it fails with no filter asked: all while its shard is
    /// not loaded, none after (see [`unloaded`]). Kept, not made again for every query.
    unloaded: Vec<u8>,
}

impl<'a> Index<'a> {
    /// Opens an index (see [`IndexReader::from_bytes`] for the checks).
    pub fn from_bytes(bytes: &'a [u8]) -> Result<Self> {
        Ok(Self::new(IndexReader::from_bytes(bytes)?))
    }

    /// Wraps an opened reader.
    pub fn new(reader: IndexReader<'a>) -> Self {
        Self::from_parts(Parts::whole(reader))
    }

    /// A sharded index with no shard loaded yet: it answers from the shards added with
    /// [`add_shard`](Self::add_shard), ranking with the statistics of the whole index.
    pub fn sharded(core: CoreReader<'a>) -> Result<Self> {
        Ok(Self::from_parts(Parts::sharded(core)?))
    }

    fn from_parts(parts: Parts<'a>) -> Self {
        let (avg_title_len, avg_body_len) = parts.averages().unwrap_or_else(|| {
            // Kept as it was computed before sharding (the core stores the same bits).
            let lengths = parts.map_documents((0, 0), |d| (d.title_terms, d.body_terms));
            let n = lengths.len().max(1) as f32;
            (
                lengths.iter().map(|l| l.0 as f32).sum::<f32>() / n,
                lengths.iter().map(|l| l.1 as f32).sum::<f32>() / n,
            )
        });
        let stats = CorpusStats {
            docs: parts.doc_count(),
            avg_title_len,
            avg_body_len,
        };
        let words = WordList::new(parts.terms());
        let lengths = field_lengths(&parts);
        let index = Index {
            title_ends: vec![(0, 0); parts.doc_count() as usize],
            loaded: loaded(&lengths),
            unloaded: unloaded(&lengths),
            lengths,
            parts,
            stats,
            words,
            walks: RecentWalks::default(),
            cache: RefCell::default(),
            places: PlaceCache::default(),
            joined: RefCell::default(),
            postings: RecentPostings::default(),
            stop_words: RefCell::default(),
            kept_stop: (KEPT_STOP_DOCS, KEPT_STOP_POSITIONS),
            expanded: RefCell::default(),
            facet_table: RefCell::default(),
        };
        let mut index = index;
        index.number_facets(0..index.parts.doc_count());
        index.end_titles(0..index.parts.doc_count());
        index
    }

    /// Numbers the facet values of the loaded documents of `docs`: the first keystrokes
    /// of a page, which match thousands of documents, then count them by their numbers,
    /// not by their values' texts (on de-10k, `Pa` spent 1.07 M of its 6.59 M
    /// instructions numbering 1,801 documents).
    fn number_facets(&self, docs: std::ops::Range<u32>) {
        let mut table = self.facet_table.borrow_mut();
        for doc in docs {
            if let Some(entry) = self.parts.entry(doc) {
                table.number(doc, &entry.document);
            }
        }
    }

    /// Checks and adds a shard of a sharded index (see
    /// [`CoreReader::open_shard`](crate::format::shard::CoreReader::open_shard) for the
    /// checks); returns its position in the load order. Bad bytes are an error and change
    /// nothing.
    pub fn add_shard(&mut self, bytes: &'a [u8]) -> Result<usize> {
        let slot = self.parts.shard_slot(bytes)?;
        self.add_shard_at(slot, bytes)
    }

    /// As [`add_shard`](Self::add_shard), for bytes that
    /// [`Parts::shard_slot`](parts::Parts::shard_slot) placed at `slot` (a caller that
    /// must know the slot before it keeps the bytes): they are not hashed again.
    pub fn add_shard_at(&mut self, slot: usize, bytes: &'a [u8]) -> Result<usize> {
        let slot = self.parts.add_shard_at(slot, bytes)?;
        self.cache.borrow_mut().clear();
        self.places.clear();
        self.postings.clear();
        self.stop_words.borrow_mut().clear();
        self.expanded.take();
        self.lengths = field_lengths(&self.parts);
        self.loaded = loaded(&self.lengths);
        self.unloaded = unloaded(&self.lengths);
        // The new shard's documents only: a document's number stands for the same
        // document in every shard loaded, so those numbered before stay.
        if let Some(shard) = self.parts.shards().get(slot) {
            let docs = shard.first_doc..shard.first_doc + shard.doc_count;
            self.number_facets(docs.clone());
            self.end_titles(docs);
        }
        Ok(slot)
    }

    /// Does at most `steps` of the work that the first search for a compound part would
    /// otherwise do at once, reading the word list ([`WordList::prepare`]: four steps
    /// a word of the dictionary); returns whether none is left. A page calls it
    /// between its tasks after load, so that no keystroke waits for the list.
    pub fn prepare(&self, steps: usize) -> bool {
        self.words.prepare(steps)
    }

    /// What the index reads: the whole index, or the core and the shards loaded so far.
    pub fn parts(&self) -> &Parts<'a> {
        &self.parts
    }

    /// The reader of a whole index. A sharded index has no single reader: this is then
    /// an empty one, and its documents are in [`parts`](Self::parts).
    pub fn reader(&self) -> &IndexReader<'a> {
        self.parts.whole_reader()
    }

    /// The best `limit` documents for `query` with every word matching, best first;
    /// ties go to the lower doc id. See [`query`](Self::query) for the syntax.
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
        self.query(
            query,
            Options {
                limit,
                ..Options::default()
            },
        )
        .hits
    }

    /// Answers a query in [`query::parse`]'s syntax: words (the last one also as a
    /// prefix while it is being typed), `"phrases"`, `-negation`, `OR`, and the filters
    /// `lang:`, `source:`, `year:`, `tag:` (negated too: `-lang:de`). Phrases and filters
    /// are always required; plain words as `options.matching` says. Filters or negations
    /// without a word browse what they leave, newest first.
    pub fn query(&self, input: &str, options: Options) -> Results {
        self.answer(input, options, None)
    }

    /// The document `id` as a reader opens it from the results of `input`: its whole
    /// title and text, with every word that the query matched there highlighted, as the
    /// hit's excerpt highlights them (stems, compound parts and typos; a phrase, and the
    /// stop words of words typed in a row, where they stand). `matching` is the mode the
    /// results were searched in. A document that the query does not match, or a query of
    /// filters alone, highlights nothing; `None` when there is no such document (or its
    /// shard is not loaded).
    ///
    /// ```
    /// use findling::search::{Index, Matching};
    /// let index = Index::embedded().unwrap();
    /// let id = &index.query("Zoom", Default::default()).hits[0].id;
    /// let reading = index.read(id, "Zoom", Matching::All).unwrap();
    /// assert_eq!(reading.text.text, reading.document.text);
    /// let marked = |r: &std::ops::Range<usize>| reading.text.text[r.clone()].to_lowercase();
    /// assert!(reading.text.highlights.iter().all(|r| marked(r).starts_with("zoom")));
    /// ```
    pub fn read(&self, id: &str, input: &str, matching: Matching) -> Option<Reading<'_>> {
        let doc = self.number_of(id)?;
        let document = self.parts.document(doc)?;
        let options = Options {
            limit: 1,
            matching,
            facets: false,
        };
        let hit = self.answer(input, options, Some(doc)).hits.pop();
        let (title, text) = match hit {
            Some(hit) => (hit.title, hit.snippet),
            None => (
                snippet::Highlighted::plain(&document.title),
                snippet::Highlighted::plain(self.parts.text(doc)),
            ),
        };
        Some(Reading {
            document,
            title,
            text,
        })
    }

    /// [`query`](Self::query), or with `only` the hit of that one document as
    /// [`read`](Self::read) wants it: the query relaxed or not as it is for all the
    /// documents, then only that one ranked, its whole text highlighted.
    fn answer(&self, input: &str, options: Options, only: Option<u32>) -> Results {
        self.cache.borrow_mut().next_query();
        let q = query::parse(input);
        let doc_count = self.parts.doc_count() as usize;
        // A document whose shard is not loaded fails every filter: it is never shown.
        let filtered: Vec<u8>;
        let failed: &[u8] = if q.filters == Filters::default() {
            &self.unloaded
        } else {
            filtered = self
                .parts
                .map_documents(u8::MAX, |d| failed_filters(&d.document, &q.filters));
            &filtered
        };
        // Room for every document only when a word or a filter is negated: a document
        // that has the word, or that meets the filter, is left out.
        let excludes = !q.excluded.is_empty() || !q.excluded_filters.is_empty();
        let mut excluded = if q.excluded_filters.is_empty() {
            vec![false; if excludes { doc_count } else { 0 }]
        } else {
            let meets =
                |d: &crate::document::Document| q.excluded_filters.iter().any(|f| failed_filters(d, f) == 0);
            self.parts.map_documents(false, |e| meets(&e.document))
        };
        for clause in &q.excluded {
            for &doc in self.clause_matches(clause, true, 0).docs() {
                excluded[doc as usize] = true;
            }
        }
        let is_excluded = |d: u32| excluded.get(d as usize).copied().unwrap_or(false);
        let allowed = |d: u32| !is_excluded(d) && failed[d as usize] == 0;
        if q.clauses.is_empty() {
            let all = (0..doc_count as u32).filter(|&d| !is_excluded(d));
            let facets = options.facets.then(|| self.count_facets(all, failed));
            // Nothing asked for: nothing found. Filters or negations alone browse.
            if q.filters == Filters::default() && !excludes {
                return Results {
                    facets,
                    truncated: q.truncated,
                    ..Results::default()
                };
            }
            // Filters alone browse: newest first.
            let mut all: Vec<u32> = (0..doc_count as u32)
                .filter(|&d| allowed(d) && only.is_none_or(|o| o == d))
                .collect();
            let total = all.len();
            let document = |d: u32| self.parts.entry(d).map(|e| &e.document);
            sort::top_by(&mut all, options.limit, |&a, &b| {
                match (document(a), document(b)) {
                    (Some(a), Some(b)) => b.date.cmp(&a.date).then_with(|| a.id.cmp(&b.id)),
                    _ => a.cmp(&b),
                }
            });
            let hits = all
                .into_iter()
                .filter_map(|d| self.hit(d, 0.0, &[], &[], &[], only.is_some()))
                .collect();
            return Results {
                hits,
                total,
                suggestion: None,
                facets,
                relaxed: None,
                truncated: q.truncated,
            };
        }

        // The title words a query's title start may take: every word typed, stop words
        // too (they hold their places in a title: "The Python Tutorial").
        let typed_words: usize = q
            .clauses
            .iter()
            .map(|c| match c {
                Clause::Phrase(words) => words.len(),
                _ => 1,
            })
            .sum();
        // A title is the query only once its words are finished: "Tabellen" being typed
        // may become "Tabellenassistent", not yet the title "Tabellen".
        let typing = q
            .clauses
            .iter()
            .any(|c| matches!(c, Clause::Word { prefix: true, .. }));
        let title_words = (typed_words, !typing);
        let q = q.without_stop_words();
        let before_split = query::fuzzy_words(&q.clauses);
        let (q, shares) = self.split_compounds(q, |i| before_split[i] > 0);
        // The words typed in order, stop words included, unless a compound was split: three
        // or more, or two that are not stop words ("und Behörden" is as many pages' words).
        let typed = q.typed().filter(|t| {
            let words = t.iter().filter(|w| matches!(w, query::Typed::Clause(_))).count();
            (t.len() >= 3 || words >= 2) && shares.iter().all(|&s| s == 1.0)
        });
        let fuzzy_words = query::fuzzy_words(&q.clauses);
        let fuzzy = |i: usize| fuzzy_words[i] > 0;
        let mut per_clause: Vec<Rc<Matches>> = Vec::with_capacity(q.clauses.len());
        // The last word, the one being typed, is often a short prefix that most documents
        // match. When every clause is required, only the documents of the other clauses
        // can be ranked, so its matches are first made for those documents alone: see
        // `narrowed_last`. A relaxed query ranks the documents of any clause and needs them
        // all: it then asks for the whole list (below).
        let narrow = match q.clauses.split_last() {
            Some((Clause::Word { text, prefix }, rest))
                if options.matching == Matching::All && !rest.is_empty() =>
            {
                Some((text, *prefix))
            }
            _ => None,
        };
        for (i, c) in q.clauses.iter().enumerate() {
            let matches = match narrow {
                Some((text, prefix)) if i + 1 == q.clauses.len() => {
                    self.narrowed_last(text, prefix, fuzzy(i), &per_clause)
                }
                _ => self.clause_matches(c, false, fuzzy_words[i]),
            };
            per_clause.push(matches);
        }
        let required: Vec<bool> = q
            .clauses
            .iter()
            .map(|c| options.matching == Matching::All || matches!(c, Clause::Phrase(_)))
            .collect();
        let words: Vec<usize> = (0..q.clauses.len())
            .filter(|&i| !matches!(q.clauses[i], Clause::Phrase(_)))
            .collect();
        // Every document that matches a clause and every phrase, whether it matches all
        // the clauses that are required, and where it is in each clause's matches
        // (`rows`, one row of `per_clause.len()` per candidate).
        let candidates_of = |per_clause: &[Rc<Matches>]| {
            let lists: Vec<&Matches> = per_clause.iter().map(|m| &**m).collect();
            // At most every document of every list, and at most every document: a word
            // typed 32 times must not reserve rows for 32 × 32 × its documents.
            let most: usize = lists.iter().map(|m| m.len()).sum::<usize>().min(doc_count);
            let mut candidates: Vec<(u32, bool)> = Vec::with_capacity(most);
            let mut rows: Vec<Option<usize>> = Vec::with_capacity(most * lists.len());
            if let [list] = lists[..] {
                // One clause: its documents, each complete.
                for (i, &d) in list.docs().iter().enumerate() {
                    if !is_excluded(d) {
                        candidates.push((d, true));
                        rows.push(Some(i));
                    }
                }
                return (candidates, rows);
            }
            matches::union(&lists, |d, at| {
                let phrases = at
                    .iter()
                    .zip(&q.clauses)
                    .all(|(i, c)| !matches!(c, Clause::Phrase(_)) || i.is_some());
                if is_excluded(d) || !phrases {
                    return;
                }
                let complete = at.iter().zip(&required).all(|(i, &req)| !req || i.is_some());
                candidates.push((d, complete));
                rows.extend_from_slice(at);
            });
            (candidates, rows)
        };
        let (mut candidates, mut rows) = candidates_of(&per_clause);
        // The documents with every word are the same with the last word narrowed or not.
        let complete = candidates.iter().filter(|&&(d, all)| all && allowed(d)).count();
        let relax = options.matching == Matching::All && complete < RELAX_BELOW && words.len() >= 2;
        if let (true, Some((text, prefix)), Some(last)) = (relax, narrow, per_clause.last_mut()) {
            *last = self.cached_word_matches(text, prefix, false, fuzzy(q.clauses.len() - 1));
            (candidates, rows) = candidates_of(&per_clause);
        }
        // What candidate `c` matched, clause by clause.
        let lists: Vec<&Matches> = per_clause.iter().map(|m| &**m).collect();
        let width = lists.len();
        let found = |c: usize| {
            rows[c * width..(c + 1) * width]
                .iter()
                .zip(&lists)
                .filter_map(|(i, m)| Some((*m, (*i)?)))
        };
        let matched = |c: usize| found(c).map(|(m, i)| m.at(i));
        // Facets count what the words match, each facet ignoring its own filter.
        let facets = options.facets.then(|| {
            let counted = candidates.iter().filter(|&&(_, all)| relax || all);
            self.count_facets(counted.map(|&(d, _)| d), failed)
        });

        // Every word required and enough complete matches: only they, and among them those
        // with fewer words matched only through typos first. Relaxed, score times coverage
        // alone ranks (see COVERAGE_WEIGHT), and so it does with `any`: a typo tier across
        // documents that match different words cost 0.05 nDCG@10 on XQuAD.
        let partial = relax || options.matching == Matching::Any;
        // Each clause counts towards coverage with its rarity among the loaded documents,
        // times its share of the word typed (the parts of a split compound share one).
        let rarity: Vec<f32> = if partial {
            lists
                .iter()
                .zip(&shares)
                .map(|(m, share)| share * score::idf(m.len() as u32, self.loaded))
                .collect()
        } else {
            Vec::new()
        };
        let words_typed: f32 = shares.iter().sum();
        let exponent = COVERAGE_WEIGHT / words_typed;
        let query_rarity: f32 = rarity.iter().sum();
        let mut ranked: Vec<(u32, f32, usize, usize)> = Vec::with_capacity(candidates.len());
        // One clause, every word required (most keystrokes): a candidate's score and
        // typo tier are its row's, read without going through `found`.
        let single = match lists[..] {
            [list] if !partial => Some(list),
            _ => None,
        };
        let tiered = options.matching == Matching::All;
        for (c, &(d, all)) in candidates.iter().enumerate() {
            if !((relax || all) && allowed(d) && only.is_none_or(|o| o == d)) {
                continue;
            }
            if let (Some(list), Some(i)) = (single, rows[c]) {
                let tier = if all && tiered {
                    usize::MAX - usize::from(list.typo_only_at(i))
                } else {
                    0
                };
                let mut score = list.score_at(i);
                score *= self.title_boost(d, std::iter::once(list.typed_at(i)), 1, title_words);
                ranked.push((d, score, tier, c));
                continue;
            }
            // A one-letter prefix has most of a corpus as candidates: only what
            // ranking needs is read of each.
            let mut score: f32 = found(c).map(|(m, i)| m.score_at(i)).sum();
            let mut tier = 0;
            if partial {
                let row = &rows[c * width..(c + 1) * width];
                let covered: f32 = row
                    .iter()
                    .zip(&rarity)
                    .filter(|(i, _)| i.is_some())
                    .map(|(_, r)| r)
                    .sum();
                score *= (covered / query_rarity).powf(exponent);
            } else if all && options.matching == Matching::All {
                tier = usize::MAX - found(c).filter(|&(m, i)| m.typo_only_at(i)).count();
            }
            if width > 1 {
                score *= 1.0 + PROXIMITY_BOOST * proximity(matched(c));
            }
            if rows[c * width..(c + 1) * width].iter().all(Option::is_some) {
                let boost = self.title_boost(d, matched(c).map(|m| m.typed_at), width, title_words);
                let named = || self.named_heading(d, matched(c), width).is_some();
                score *= if boost > 1.0 {
                    boost
                } else if named() {
                    1.0 + title::TITLE_NAME_BOOST
                } else {
                    1.0
                };
            }
            ranked.push((d, score, tier, c));
        }
        // The stop words of each candidate that holds the words typed in a row, where
        // they stand there (by candidate), highlighted with its matches.
        let mut in_a_row: Vec<(usize, Vec<u32>)> = Vec::new();
        if let Some(typed) = &typed {
            let positions = |c: usize, k: usize| rows[c * width + k].map(|i| lists[k].at(i).positions);
            in_a_row = self.boost_sequences(&mut ranked, typed, options.limit, positions);
        }
        let stops_of = |c: usize| match in_a_row.binary_search_by_key(&c, |r| r.0) {
            Ok(i) => &in_a_row[i].1[..],
            Err(_) => &[],
        };
        let total = ranked.len();
        // Only the page is sorted: the best `limit` of every match.
        let id = |d: u32| self.parts.entry(d).map(|e| e.document.id.as_str());
        sort::top_by(&mut ranked, options.limit, |a, b| {
            b.2.cmp(&a.2)
                .then(b.1.total_cmp(&a.1))
                .then_with(|| id(a.0).cmp(&id(b.0)))
        });
        let relaxed = (relax && total > complete).then(|| Relaxed {
            complete,
            missing: words
                .iter()
                .filter(|&&i| per_clause[i].is_empty())
                .filter_map(|&i| match &q.clauses[i] {
                    Clause::Word { text, .. } => Some(text.clone()),
                    _ => None,
                })
                .collect(),
        });
        let typing = |c: usize| {
            let row = rows[c * width..(c + 1) * width].iter().zip(&q.clauses);
            row.filter(|(i, _)| i.is_some())
                .map(|(_, clause)| matches!(clause, Clause::Word { prefix: true, .. }))
                .collect::<Vec<bool>>()
        };
        let hits: Vec<Hit> = ranked
            .into_iter()
            .filter_map(|(d, score, _, c)| {
                self.hit(
                    d,
                    score,
                    &matched(c).collect::<Vec<Match>>(),
                    &typing(c),
                    stops_of(c),
                    only.is_some(),
                )
            })
            .collect();
        // "Did you mean" when nothing matched, or when a word matched nothing.
        let suggestion = if only.is_some() {
            None
        } else if total == 0 || relaxed.as_ref().is_some_and(|r| !r.missing.is_empty()) {
            self.suggest(query::cut(input).0, &q.clauses)
        } else {
            None
        };
        Results {
            hits,
            total,
            suggestion,
            facets,
            relaxed,
            truncated: q.truncated,
        }
    }

    /// `q` with every word that matches no dictionary term at all, not even with a
    /// typo, replaced by the parts of the compound it is ([`expand::split_compound`]),
    /// as if they had been typed apart: a question's compound that no document has
    /// finds the documents that say it in several words. The word being typed, which
    /// no term even starts with, is split so that its last part is still being typed
    /// ([`expand::split_typed_compound`]): "Krankenversicherungsbeitr" searches
    /// "krankenversicherung" and what starts with "beitr". Only words matched
    /// `fuzzy`ly (by part and typo) are split: for the others, no match does not mean
    /// no look-alike. Whether a word matches nothing is the dictionary's answer, the
    /// same while shards load.
    ///
    /// Also gives each clause's share of the word typed: 1, or 1 / k for each of the k
    /// parts of a split compound, which coverage counts as the one word it was typed as
    /// (see [`COVERAGE_WEIGHT`]).
    fn split_compounds(
        &self,
        mut q: query::Query,
        fuzzy: impl Fn(usize) -> bool,
    ) -> (query::Query, Vec<f32>) {
        let mut clauses = Vec::with_capacity(q.clauses.len());
        let mut shares = Vec::with_capacity(q.clauses.len());
        for (i, clause) in q.clauses.drain(..).enumerate() {
            let unknown = match &clause {
                // Most words being typed start a term: known without a search.
                Clause::Word { text, prefix: true } if expand::starts_a_term(self.parts.terms(), text) => {
                    None
                }
                // Remembered: the clause asks for the same matches next.
                Clause::Word { text, prefix } if fuzzy(i) => self
                    .cached_word_matches(text, *prefix, false, true)
                    .names()
                    .is_empty()
                    .then_some((text, *prefix)),
                _ => None,
            };
            let doc_freq = |ordinal| self.parts.doc_freq(ordinal);
            let split = unknown.and_then(|(text, prefix)| {
                let terms = self.parts.terms();
                let parts = if prefix {
                    expand::split_typed_compound(terms, text, doc_freq)
                } else {
                    expand::split_compound(terms, text, doc_freq)
                };
                parts.map(|parts| (parts, prefix))
            });
            match split {
                Some((parts, prefix)) => {
                    let last = parts.len() - 1;
                    shares.extend(std::iter::repeat_n(1.0 / parts.len() as f32, parts.len()));
                    clauses.extend(parts.into_iter().enumerate().map(|(k, text)| Clause::Word {
                        text,
                        // The word being typed goes on in its last part.
                        prefix: prefix && k == last,
                    }))
                }
                None => {
                    shares.push(1.0);
                    clauses.push(clause)
                }
            }
        }
        q.clauses = clauses;
        (q, shares)
    }

    /// The facet counts of every document, as for an empty query.
    ///
    /// ```
    /// let index = findling::Index::embedded()?;
    /// let facets = index.facets();
    /// let docs: u32 = facets.lang.values.iter().map(|(_, n)| n).sum();
    /// assert_eq!(docs, index.reader().doc_count());
    /// # Ok::<(), findling::Error>(())
    /// ```
    pub fn facets(&self) -> Facets {
        self.count_facets(0..self.parts.doc_count(), &[])
    }

    /// The document with id `id`, if there is one.
    ///
    /// ```
    /// let index = findling::Index::embedded()?;
    /// let first = &index.reader().documents()[0].document;
    /// assert_eq!(index.document(&first.id), Some(first));
    /// assert_eq!(index.document("no such id"), None);
    /// # Ok::<(), findling::Error>(())
    /// ```
    pub fn document(&self, id: &str) -> Option<&crate::document::Document> {
        self.parts.document(self.number_of(id)?)
    }

    /// The number of the loaded document with id `id`.
    fn number_of(&self, id: &str) -> Option<u32> {
        (0..self.parts.doc_count()).find(|&doc| self.parts.entry(doc).is_some_and(|d| d.document.id == id))
    }

    /// Facet counts of the documents `docs`; `failed` holds each document's mask of
    /// failed filters (missing entries: none failed).
    fn count_facets(&self, docs: impl Iterator<Item = u32>, failed: &[u8]) -> Facets {
        let mut table = self.facet_table.borrow_mut();
        let mut counter = FacetCounter::new(&mut table);
        for d in docs {
            let failed = failed.get(d as usize).copied().unwrap_or(0);
            // A document counted before is not looked up again.
            if !counter.add_seen(d, failed) {
                if let Some(entry) = self.parts.entry(d) {
                    counter.add(d, &entry.document, failed);
                }
            }
        }
        counter.finish(FACET_LIMIT)
    }

    /// A hit for document `doc` with what each clause `matched` there highlighted, and
    /// the stop words at `stops` (ascending stretches: of the words typed in a row there);
    /// `typing` tells which clause is the word still being typed.
    ///
    /// The excerpt's window is chosen among the body's matches up to
    /// [`snippet::EXCERPT_REACH`] words after the first match of the clause met last: a
    /// long page full of a common word is not read to its end for the densest of its
    /// hundreds of matches, and still every word of the query is sought.
    ///
    /// With `whole`, the "excerpt" is the whole text with every match highlighted, its
    /// `focus` the excerpt's (for [`Index::read`]).
    fn hit(
        &self,
        doc: u32,
        score: f32,
        matched: &[Match],
        typing: &[bool],
        stops: &[u32],
        whole: bool,
    ) -> Option<Hit> {
        let entry = self.parts.entry(doc)?;
        let d = &entry.document;
        let lang = d.lang.as_deref().and_then(Lang::from_code);
        // Inserted one by one: collecting sorts them first with a stable sort, 6 KB of
        // wasm for this one call.
        let mut terms = BTreeSet::new();
        for term in matched.iter().flat_map(|m| m.terms()) {
            terms.insert(term.to_owned());
        }
        // Each clause's positions ascend, and a phrase's words' positions and the stop
        // words' stretch by stretch: sorted as stretches.
        let mut marks: Vec<u32> = matched.iter().flat_map(|m| m.marks()).collect();
        marks.extend_from_slice(stops);
        sort::sort_stretches(&mut marks);
        marks.dedup();
        let split = marks.partition_point(|&p| p < entry.title_terms);
        let joined = &mut self.joined.borrow_mut();
        let mut marking = snippet::Marking {
            lang,
            terms: &terms,
            joined,
        };
        let reach = matched
            .iter()
            .filter_map(|m| m.marks().filter(|&p| p >= entry.title_terms).min())
            .max()
            .map_or(u32::MAX, |p| {
                (p - entry.title_terms).saturating_add(snippet::EXCERPT_REACH)
            });
        // Which clause matched where in the body: the window holds the heaviest clauses,
        // so only the marks around such windows matter.
        let mut at: Vec<(u32, u32)> = Vec::new();
        if matched.len() > 1 {
            for (c, m) in (0..).zip(matched) {
                let body = m.marks().filter(|&p| p >= entry.title_terms);
                at.extend(body.map(|p| (p - entry.title_terms, c)));
            }
            sort::sort_stretches(&mut at);
        }
        // A finished word weighs the rarity of the rarest term it matched here, the word
        // being typed next to nothing (its completions are guesses): when no window holds
        // every word, the rarest finished ones are shown.
        let weigh = |(m, &typing): (&Match, &bool)| if typing { TYPING_WEIGHT } else { self.rarity(m) };
        let weights: Vec<f32> = if at.is_empty() {
            Vec::new()
        } else {
            matched.iter().zip(typing).map(weigh).collect()
        };
        let clauses = snippet::Clauses {
            at: &at,
            weights: &weights,
        };
        // A title that starts with the query's first words and a heading that holds the
        // others (`TITLE_NAME_BOOST`): the excerpt is the window that starts at that
        // heading, the section the reader is after ("pub fn push" on the page titled
        // "Vec" for "Vec push"), not a denser one further on (its example, after a
        // dropped "Examples" heading).
        let named = self.named_heading(doc, matched.iter().cloned(), matched.len());
        let (span, reach) = match named {
            Some(at) => (
                at..at.saturating_add(snippet::WINDOW_WORDS as u32),
                reach.max(at.saturating_add(snippet::EXCERPT_REACH)),
            ),
            None => (snippet::clause_span(clauses, reach), reach),
        };
        let body: Vec<u32> = marks[split..]
            .iter()
            .map(|&p| p - entry.title_terms)
            .filter(|p| span.contains(p))
            .collect();
        // Words before the window of the first match change nothing.
        let checkpoint = body.first().map_or((0, 0), |&first| {
            self.parts
                .checkpoint(doc, first.saturating_sub(snippet::WINDOW_WORDS as u32))
        });
        let needed = snippet::words_needed(&body, reach);
        let (text, places) = self
            .places
            .places(doc, || self.parts.text(doc), checkpoint, needed);
        let mut snippet = marking.excerpt_in(text, &places, &body, clauses, reach);
        if whole {
            // The whole text, every match highlighted, about where the excerpt is.
            let all: Vec<u32> = marks[split..].iter().map(|&p| p - entry.title_terms).collect();
            let focus = snippet.focus;
            snippet = marking.highlight_at(text, &all);
            snippet.focus = focus;
        }
        let section = section_at(text, &d.sections, snippet.focus).map(|(heading, anchor)| Heading {
            text: heading.to_owned(),
            anchor: anchor.to_owned(),
        });
        Some(Hit {
            doc,
            id: d.id.clone(),
            score,
            title: marking.highlight_at(&d.title, &marks[..split]),
            snippet,
            section,
        })
    }

    /// The idf of the rarest dictionary term `m` matched, at least [`TYPING_WEIGHT`].
    #[inline(never)]
    fn rarity(&self, m: &Match) -> f32 {
        let docs = self.parts.doc_count();
        let found = m.terms().filter_map(|t| self.parts.terms().get(t));
        found.fold(TYPING_WEIGHT, |most, o| {
            most.max(score::idf(self.parts.doc_freq(o), docs))
        })
    }
}

/// Per document of `parts`, its title's and body's numbers of words, if it is loaded.
fn field_lengths(parts: &Parts<'_>) -> Vec<Option<(u32, u32)>> {
    parts.map_documents(None, |d| Some((d.title_terms, d.body_terms)))
}

/// Per document of `lengths` (of [`field_lengths`]), the filters it fails when no
/// filter is asked: every one ([`u8::MAX`]) while it is not loaded, else none.
fn unloaded(lengths: &[Option<(u32, u32)>]) -> Vec<u8> {
    let absent = |l: &Option<_>| if l.is_some() { 0 } else { u8::MAX };
    lengths.iter().map(absent).collect()
}

/// How many documents `lengths` (of [`field_lengths`]) has loaded.
fn loaded(lengths: &[Option<(u32, u32)>]) -> u32 {
    lengths.iter().flatten().count() as u32
}

/// How many documents of the whole index a word matches, for its rarity: `found` in the
/// loaded documents, from postings of which `seen` were loaded out of `global`. Exact
/// once everything is loaded; before that, scaled by the share of the word's postings
/// loaded, so that scores hardly move as shards land.
pub(super) fn global_estimate(found: usize, seen: u64, global: u64, parts: &Parts<'_>) -> u32 {
    if parts.complete() || seen == 0 {
        return found as u32;
    }
    let estimate = (found as f64 * global as f64 / seen as f64).round();
    (estimate as u32).clamp(found as u32, parts.doc_count().max(found as u32))
}

/// The metadata filters a document fails, as a mask of [`FacetKind::bit`]s (0: passes).
fn failed_filters(d: &crate::document::Document, f: &Filters) -> u8 {
    let lang_ok = f
        .lang
        .as_ref()
        .is_none_or(|l| d.lang.as_deref() == Some(l.as_str()));
    let source_ok = f.source.as_ref().is_none_or(|s| {
        d.source
            .as_ref()
            .is_some_and(|src| src.to_lowercase().contains(s))
    });
    let year_ok = f.years.is_none_or(|(from, to)| {
        let year = d
            .date
            .as_deref()
            .and_then(facet::year_of)
            .and_then(|y| y.parse::<u32>().ok());
        year.is_some_and(|y| (from..=to).contains(&y))
    });
    let tag_ok = f
        .tag
        .as_ref()
        .is_none_or(|t| d.tags.iter().any(|tag| tag.to_lowercase() == *t));
    [
        (lang_ok, FacetKind::Lang),
        (source_ok, FacetKind::Source),
        (year_ok, FacetKind::Year),
        (tag_ok, FacetKind::Tags),
    ]
    .into_iter()
    .filter(|(ok, _)| !ok)
    .fold(0, |mask, (_, kind)| mask | kind.bit())
}

/// Proximity of consecutive matched clauses in a document (`matched`: what each clause
/// that matched it matched, in clause order), in 0..=1: the mean over neighbouring clause
/// pairs of 1 / distance of their closest positions (0 beyond [`PROXIMITY_WINDOW`]).
fn proximity<'m>(matched: impl Iterator<Item = Match<'m>> + Clone) -> f32 {
    let count = matched.clone().count();
    if count < 2 {
        return 0.0;
    }
    let pairs = matched.clone().zip(matched.skip(1)).map(|(a, b)| {
        let d = closest(a.positions, b.positions);
        if d == 0 || d > PROXIMITY_WINDOW {
            0.0
        } else {
            1.0 / d as f32
        }
    });
    pairs.sum::<f32>() / (count - 1) as f32
}

/// Smallest distance between an element of `a` and one of `b` (both ascending).
fn closest(a: &[u32], b: &[u32]) -> u32 {
    let (mut i, mut j, mut best) = (0, 0, u32::MAX);
    while i < a.len() && j < b.len() {
        best = best.min(a[i].abs_diff(b[j]));
        if a[i] < b[j] {
            i += 1;
        } else {
            j += 1;
        }
    }
    best
}

impl Index<'static> {
    /// The index embedded at build time ([`crate::EMBEDDED_INDEX`]), which build.rs
    /// validated in full when it wrote it ([`IndexReader::from_verified_bytes`]).
    ///
    /// When the build sharded the index, this is its core: [`add_shard`](Self::add_shard)
    /// then adds the shards.
    pub fn embedded() -> Result<Self> {
        if crate::format::shard::is_core(crate::EMBEDDED_INDEX) {
            return Self::sharded(CoreReader::from_verified_bytes(crate::EMBEDDED_INDEX)?);
        }
        Ok(Self::new(IndexReader::from_verified_bytes(
            crate::EMBEDDED_INDEX,
        )?))
    }
}
