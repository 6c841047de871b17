//! Search: parses the query ([`query`]), expands every word to the dictionary terms it
//! matches with the indexing analyzer ([`expand`]), combines the clauses, ranks with
//! BM25F plus word proximity ([`score`]), cuts a highlighted excerpt from each hit
//! ([`snippet`]) and counts the matched documents' metadata values ([`facet`]).

pub mod expand;
pub mod facet;
pub mod parts;
pub mod query;
pub mod score;
pub mod snippet;
pub mod sort;
pub mod typos;

use crate::analysis;
use crate::error::Result;
use crate::format::shard::CoreReader;
use crate::format::IndexReader;
use crate::language::Lang;
use expand::{Expansion, MatchKind, WordList};
use facet::{FacetCounter, FacetKind, Facets, FACET_LIMIT};
use parts::Parts;
use query::{Clause, Filters};
use score::{CorpusStats, FieldFreqs};
use snippet::Highlighted;
use std::cell::RefCell;
use std::collections::{BTreeMap, BTreeSet};
use std::rc::Rc;

/// Weight of word proximity: a document where two consecutive query words stand next to
/// each other gets this fraction of its score on top.
pub const PROXIMITY_BOOST: f32 = 0.25;

/// Longest word distance that still earns a proximity bonus.
pub const PROXIMITY_WINDOW: u32 = 8;

/// Words whose matches are kept between queries: typing the next word of a query asks
/// again for the words before it, and a search box asks for every prefix of each word.
pub const CACHED_WORDS: usize = 16;

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

/// How many of the query's words a document must match.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Matching {
    /// Every word (AND): what a search box means. The default.
    #[default]
    All,
    /// Any word (OR), ranked by score: for long natural-language questions.
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

/// Relaxed, every match is ranked by its score times `coverage ^ (COVERAGE_WEIGHT / n)`,
/// coverage being the share of the query's `n` clauses it matches (Lucene's coordination
/// factor, softened for long queries): a document with every word keeps its score; one
/// without one word of two has half of it, of four 0.87, of eight 0.97. A description
/// that misses one word of the query can then outrank a long page that has every word
/// once; a question's many incidental words cost little.
pub const COVERAGE_WEIGHT: f32 = 2.0;

/// A searchable index: a whole index or a sharded one ([`Parts`]) plus the corpus
/// statistics ranking needs.
#[derive(Debug)]
pub struct Index<'a> {
    parts: Parts<'a>,
    stats: CorpusStats,
    words: WordList,
    /// The latest words' matches, most recent last (see [`CACHED_WORDS`]).
    cache: RefCell<Vec<(WordKey, Rc<Matches>)>>,
}

/// What a word's matches depend on: the word, whether it is a prefix, whether only
/// exact and stem matches count, whether compound parts and typos are looked for.
type WordKey = (String, bool, bool, bool);

/// What one clause matched in one document.
#[derive(Debug, Clone, Default)]
struct Match {
    score: f32,
    /// The dictionary terms matched (shared strings: a word's expansions are named
    /// once, not once per document).
    terms: Vec<Rc<str>>,
    /// Positions of the matched words, ascending (of a phrase: where it starts).
    positions: Vec<u32>,
    /// For a phrase: the positions of all its words' matches, which are highlighted.
    word_positions: Vec<u32>,
    /// The word matched only through typos here: such a document ranks after those
    /// where every word matched as typed (or by stem, part or prefix).
    typo_only: bool,
}

impl Match {
    /// The positions to highlight.
    fn marks(&self) -> impl Iterator<Item = u32> + '_ {
        self.positions.iter().chain(&self.word_positions).copied()
    }
}

/// Matches of one clause, by doc number.
type Matches = BTreeMap<u32, Match>;

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
        Index {
            parts,
            stats,
            words,
            cache: RefCell::default(),
        }
    }

    /// Checks and adds a shard of a sharded index (see
    /// [`CoreReader::open_shard`](crate::format::shard::CoreReader::open_shard) for the
    /// checks); returns its position in the load order. Bad bytes are an error and change
    /// nothing.
    pub fn add_shard(&mut self, bytes: &'a [u8]) -> Result<usize> {
        let slot = self.parts.add_shard(bytes)?;
        self.cache.borrow_mut().clear();
        Ok(slot)
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
    /// `lang:`, `source:`, `year:`, `tag:`. Phrases and filters are always required; plain
    /// words as `options.matching` says.
    pub fn query(&self, input: &str, options: Options) -> Results {
        let q = query::parse(input);
        let doc_count = self.parts.doc_count() as usize;
        // A document whose shard is not loaded fails every filter: it is never shown.
        let failed: Vec<u8> = self
            .parts
            .map_documents(u8::MAX, |d| failed_filters(&d.document, &q.filters));
        let mut excluded = vec![false; doc_count];
        for clause in &q.excluded {
            for doc in self.clause_matches(clause, true, false).keys() {
                excluded[*doc as usize] = true;
            }
        }
        let allowed = |d: u32| !excluded[d as usize] && failed[d as usize] == 0;
        if q.clauses.is_empty() {
            let all = (0..doc_count as u32).filter(|&d| !excluded[d as usize]);
            let facets = options.facets.then(|| self.count_facets(all, &failed));
            if q.filters == Filters::default() {
                return Results {
                    facets,
                    truncated: q.truncated,
                    ..Results::default()
                };
            }
            // Filters alone browse: newest first.
            let mut all: Vec<u32> = (0..doc_count as u32).filter(|&d| allowed(d)).collect();
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
                .filter_map(|d| self.hit(d, 0.0, &BTreeSet::new(), &[]))
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

        let q = q.without_stop_words();
        let per_clause: Vec<Rc<Matches>> = q
            .clauses
            .iter()
            .enumerate()
            .map(|(i, c)| self.clause_matches(c, false, i < query::MAX_FUZZY_WORDS))
            .collect();
        let required: Vec<bool> = q
            .clauses
            .iter()
            .map(|c| options.matching == Matching::All || matches!(c, Clause::Phrase(_)))
            .collect();
        let words: Vec<usize> = (0..q.clauses.len())
            .filter(|&i| !matches!(q.clauses[i], Clause::Phrase(_)))
            .collect();
        // Every document that matches a clause and every phrase, and whether it matches
        // all the clauses that are required.
        let mut candidates: BTreeMap<u32, bool> = BTreeMap::new();
        for d in per_clause.iter().flat_map(|m| m.keys().copied()) {
            if excluded[d as usize] || candidates.contains_key(&d) {
                continue;
            }
            let phrases = per_clause
                .iter()
                .zip(&q.clauses)
                .all(|(m, c)| !matches!(c, Clause::Phrase(_)) || m.contains_key(&d));
            if !phrases {
                continue;
            }
            let complete = per_clause
                .iter()
                .zip(&required)
                .all(|(m, &req)| !req || m.contains_key(&d));
            candidates.insert(d, complete);
        }
        let complete = candidates.iter().filter(|(&d, &all)| all && allowed(d)).count();
        let relax = options.matching == Matching::All && complete < RELAX_BELOW && words.len() >= 2;
        if !relax {
            candidates.retain(|_, all| *all);
        }
        // Facets count what the words match, each facet ignoring its own filter.
        let facets = options
            .facets
            .then(|| self.count_facets(candidates.keys().copied(), &failed));
        candidates.retain(|&d, _| allowed(d));

        // Every word required and enough complete matches: only they, and among them those
        // with fewer words matched only through typos first. Relaxed, score times coverage
        // alone ranks (see COVERAGE_WEIGHT), and so it does with `any`: a typo tier across
        // documents that match different words cost 0.05 nDCG@10 on XQuAD.
        let exponent = COVERAGE_WEIGHT / per_clause.len() as f32;
        let mut ranked: Vec<(u32, f32, usize)> = candidates
            .into_iter()
            .map(|(d, all)| {
                let matched = || per_clause.iter().filter_map(|m| m.get(&d));
                let mut score: f32 = matched().map(|m| m.score).sum();
                let mut tier = 0;
                if relax {
                    let coverage = matched().count() as f32 / per_clause.len() as f32;
                    score *= coverage.powf(exponent);
                } else if all && options.matching == Matching::All {
                    tier = usize::MAX - matched().filter(|m| m.typo_only).count();
                }
                (
                    d,
                    score * (1.0 + PROXIMITY_BOOST * proximity(&per_clause, d)),
                    tier,
                )
            })
            .collect();
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
        let hits: Vec<Hit> = ranked
            .into_iter()
            .filter_map(|(d, score, _)| {
                let matched = || per_clause.iter().filter_map(|m| m.get(&d));
                let terms: BTreeSet<String> = matched()
                    .flat_map(|m| m.terms.iter().map(|t| t.to_string()))
                    .collect();
                let mut marks: Vec<u32> = matched().flat_map(Match::marks).collect();
                sort::sort(&mut marks);
                marks.dedup();
                self.hit(d, score, &terms, &marks)
            })
            .collect();
        // "Did you mean" when nothing matched, or when a word matched nothing.
        let suggestion = if total == 0 || relaxed.as_ref().is_some_and(|r| !r.missing.is_empty()) {
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
        let doc = (0..self.parts.doc_count())
            .find(|&doc| self.parts.entry(doc).is_some_and(|d| d.document.id == id))?;
        self.parts.document(doc)
    }

    /// Facet counts of the documents `docs`; `failed` holds each document's mask of
    /// failed filters (missing entries: none failed).
    fn count_facets(&self, docs: impl Iterator<Item = u32>, failed: &[u8]) -> Facets {
        let mut counter = FacetCounter::new();
        for d in docs {
            if let Some(entry) = self.parts.entry(d) {
                counter.add(&entry.document, failed.get(d as usize).copied().unwrap_or(0));
            }
        }
        counter.finish(FACET_LIMIT)
    }

    /// A hit for document `doc` with `terms` highlighted at `marks` (the matched
    /// positions, ascending: title words first, then the body's).
    fn hit(&self, doc: u32, score: f32, terms: &BTreeSet<String>, marks: &[u32]) -> Option<Hit> {
        let entry = self.parts.entry(doc)?;
        let d = &entry.document;
        let lang = d.lang.as_deref().and_then(Lang::from_code);
        let split = marks.partition_point(|&p| p < entry.title_terms);
        let body: Vec<u32> = marks[split..].iter().map(|&p| p - entry.title_terms).collect();
        Some(Hit {
            doc,
            id: d.id.clone(),
            score,
            title: snippet::highlight_at(&d.title, lang, terms, &marks[..split]),
            snippet: snippet::excerpt_at(self.parts.text(doc), lang, terms, &body),
        })
    }

    /// The documents one clause matches. `strict` allows only exact and stem matches
    /// (for negation and phrases: a typo must not exclude a document); `fuzzy` allows
    /// compound parts and typos too (see [`query::MAX_FUZZY_WORDS`]).
    fn clause_matches(&self, clause: &Clause, strict: bool, fuzzy: bool) -> Rc<Matches> {
        match clause {
            Clause::Word { text, prefix } => {
                self.cached_word_matches(text, *prefix && !strict, strict, fuzzy && !strict)
            }
            Clause::Phrase(words) => Rc::new(self.phrase_matches(words)),
            Clause::Any(clauses) => {
                let mut out = Matches::new();
                for c in clauses {
                    for (&doc, m) in self.clause_matches(c, strict, fuzzy).iter() {
                        let fresh = !out.contains_key(&doc);
                        let slot = out.entry(doc).or_default();
                        slot.typo_only = m.typo_only && (fresh || slot.typo_only);
                        slot.score = slot.score.max(m.score);
                        slot.terms.extend(m.terms.iter().cloned());
                        slot.positions.extend(&m.positions);
                        sort::sort(&mut slot.positions);
                        slot.word_positions.extend(&m.word_positions);
                    }
                }
                Rc::new(out)
            }
        }
    }

    /// [`word_matches`](Self::word_matches), remembered for the latest
    /// [`CACHED_WORDS`] words.
    fn cached_word_matches(&self, lower: &str, prefix: bool, strict: bool, fuzzy: bool) -> Rc<Matches> {
        let key: WordKey = (lower.to_owned(), prefix, strict, fuzzy);
        let mut cache = self.cache.borrow_mut();
        if let Some(i) = cache.iter().position(|(k, _)| *k == key) {
            let entry = cache.remove(i);
            let matches = Rc::clone(&entry.1);
            cache.push(entry);
            return matches;
        }
        drop(cache);
        let matches = Rc::new(self.word_matches(lower, prefix, strict, fuzzy));
        let mut cache = self.cache.borrow_mut();
        if cache.len() >= CACHED_WORDS {
            cache.remove(0);
        }
        cache.push((key, Rc::clone(&matches)));
        matches
    }

    /// The documents a word matches. All its expansions are scored together as one term
    /// (see [`score`]): each occurrence counts with the weight of the best kind of match
    /// at its position, and the word's rarity is that of its exact and stem forms (of all
    /// its forms when it has none).
    fn word_matches(&self, lower: &str, prefix: bool, strict: bool, fuzzy: bool) -> Matches {
        let mut expansions: Vec<Expansion> =
            expand::expand(self.parts.terms(), &self.words, lower, prefix, fuzzy);
        if strict {
            expansions.retain(|e| e.kind <= MatchKind::Stem);
        }
        // Per document: (position, weight) of every matched occurrence, and the terms.
        type Occurrences = (Vec<(u32, f32)>, Vec<Rc<str>>);
        let mut found: BTreeMap<u32, Occurrences> = BTreeMap::new();
        let mut core_docs: BTreeSet<u32> = BTreeSet::new();
        // Of the core forms (exact, stem) and of all: postings seen, documents of the
        // whole index (they differ while shards are missing).
        let (mut core_seen, mut core_global, mut all_seen, mut all_global) = (0u64, 0u64, 0u64, 0u64);
        for e in &expansions {
            let term: Rc<str> = Rc::from(e.term.as_str());
            // A damaged list counts for what it gave before the damage.
            let seen = self.parts.for_each_posting(e.ordinal, |doc, positions| {
                if e.kind <= MatchKind::Stem {
                    core_docs.insert(doc);
                }
                let slot = found.entry(doc).or_default();
                slot.0.extend(positions.iter().map(|&pos| (pos, e.kind.weight())));
                slot.1.push(Rc::clone(&term));
            });
            let (seen, global) = (
                u64::from(seen.unwrap_or(0)),
                u64::from(self.parts.doc_freq(e.ordinal)),
            );
            if e.kind <= MatchKind::Stem {
                core_seen += seen;
                core_global += global;
            }
            all_seen += seen;
            all_global += global;
        }
        let doc_freq = if core_docs.is_empty() {
            global_estimate(found.len(), all_seen, all_global, &self.parts)
        } else {
            global_estimate(core_docs.len(), core_seen, core_global, &self.parts)
        };
        let mut out = Matches::new();
        for (doc, (mut occurrences, terms)) in found {
            let Some(entry) = self.parts.entry(doc) else {
                continue;
            };
            // One occurrence per position, with its best weight.
            sort::sort_by(&mut occurrences, |a, b| a.0.cmp(&b.0).then(b.1.total_cmp(&a.1)));
            occurrences.dedup_by_key(|o| o.0);
            let mut freqs = FieldFreqs {
                title_tf: 0.0,
                body_tf: 0.0,
                title_len: entry.title_terms,
                body_len: entry.body_terms,
            };
            for &(pos, weight) in &occurrences {
                if pos < entry.title_terms {
                    freqs.title_tf += weight;
                } else {
                    freqs.body_tf += weight;
                }
            }
            out.insert(
                doc,
                Match {
                    score: score::bm25f(freqs, doc_freq, self.stats),
                    terms,
                    typo_only: occurrences.iter().all(|o| o.1 <= MatchKind::Typo.weight()),
                    positions: occurrences.into_iter().map(|o| o.0).collect(),
                    word_positions: Vec::new(),
                },
            );
        }
        out
    }

    /// The documents where `words` stand next to each other in order (exact or stem
    /// matches); the positions kept are the phrase starts.
    fn phrase_matches(&self, words: &[String]) -> Matches {
        let per_word: Vec<Rc<Matches>> = words
            .iter()
            .map(|w| self.cached_word_matches(w, false, true, false))
            .collect();
        let Some((first, rest)) = per_word.split_first() else {
            return Matches::new();
        };
        let mut out = Matches::new();
        for (&doc, m) in first.iter() {
            let others: Option<Vec<&Match>> = rest.iter().map(|r| r.get(&doc)).collect();
            let Some(others) = others else { continue };
            let starts: Vec<u32> = m
                .positions
                .iter()
                .copied()
                .filter(|&p| {
                    others
                        .iter()
                        .enumerate()
                        .all(|(i, o)| o.positions.binary_search(&(p + i as u32 + 1)).is_ok())
                })
                .collect();
            if starts.is_empty() {
                continue;
            }
            let mut phrase = Match {
                typo_only: false,
                score: m.score,
                terms: m.terms.clone(),
                positions: starts,
                word_positions: m.positions.clone(),
            };
            for o in others {
                phrase.score += o.score;
                phrase.terms.extend(o.terms.iter().cloned());
                phrase.word_positions.extend(&o.positions);
            }
            out.insert(doc, phrase);
        }
        out
    }

    /// "Did you mean": the query with each word that matches nothing replaced by the most
    /// frequent index word within two typos of it; `None` if no word could be replaced.
    fn suggest(&self, input: &str, clauses: &[Clause]) -> Option<String> {
        use fst::{IntoStreamer, Streamer};
        let mut out = input.to_owned();
        let mut changed = false;
        for clause in clauses.iter().take(query::MAX_FUZZY_WORDS) {
            let Clause::Word { text, .. } = clause else {
                continue;
            };
            if !self.cached_word_matches(text, false, false, true).is_empty() || text.chars().count() < 3 {
                continue;
            }
            let folded = analysis::fold(text);
            // The closest words first, then the most frequent of them.
            let mut best: Option<(u32, u64)> = None;
            for distance in 1..=2 {
                let Some(automaton) = typos::Typos::new(&folded, distance) else {
                    break;
                };
                let mut stream = self
                    .parts
                    .terms()
                    .search(expand::ExactForms(automaton))
                    .into_stream();
                while let Some((_, ordinal)) = stream.next() {
                    let freq = self.parts.doc_freq(ordinal);
                    if best.as_ref().is_none_or(|(f, _)| freq > *f) {
                        best = Some((freq, ordinal));
                    }
                }
                if best.is_some() {
                    break;
                }
            }
            let Some(word) = best.and_then(|(_, ordinal)| self.surface_form(ordinal)) else {
                continue;
            };
            if let Some(at) = out.to_lowercase().find(text.as_str()) {
                if out.is_char_boundary(at) && out.is_char_boundary(at + text.len()) {
                    out.replace_range(at..at + text.len(), &word);
                    changed = true;
                }
            }
        }
        changed.then_some(out)
    }

    /// How a term is written in the first document that has it (terms are folded).
    fn surface_form(&self, ordinal: u64) -> Option<String> {
        let mut first: Option<(u32, u32)> = None;
        let _ = self.parts.for_each_posting(ordinal, |doc, positions| {
            if first.is_none() {
                first = positions.first().map(|&p| (doc, p));
            }
        });
        let (doc, position) = first?;
        let entry = self.parts.entry(doc)?;
        let d = &entry.document;
        let lang = d.lang.as_deref().and_then(Lang::from_code);
        let (text, position) = if position < entry.title_terms {
            (d.title.as_str(), position)
        } else {
            (self.parts.text(doc), position - entry.title_terms)
        };
        let token = analysis::tokens(text, lang)
            .into_iter()
            .find(|t| t.position == position && !t.joined)?;
        Some(analysis::lowercase(&text[token.start..token.end]))
    }
}

/// How many documents of the whole index a word matches, for its rarity: `found` in the
/// loaded documents, from postings of which `seen` were loaded out of `global`. Exact
/// once everything is loaded; before that, scaled by the share of the word's postings
/// loaded, so that scores hardly move as shards land.
fn global_estimate(found: usize, seen: u64, global: u64, parts: &Parts<'_>) -> u32 {
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

/// Proximity of consecutive matched clauses in a document, in 0..=1: the mean over
/// neighbouring clause pairs of 1 / distance of their closest positions (0 beyond
/// [`PROXIMITY_WINDOW`]).
fn proximity(per_clause: &[Rc<Matches>], doc: u32) -> f32 {
    let matched: Vec<&Match> = per_clause.iter().filter_map(|m| m.get(&doc)).collect();
    if matched.len() < 2 {
        return 0.0;
    }
    let pairs = matched.windows(2).map(|w| {
        let d = closest(&w[0].positions, &w[1].positions);
        if d == 0 || d > PROXIMITY_WINDOW {
            0.0
        } else {
            1.0 / d as f32
        }
    });
    pairs.sum::<f32>() / (matched.len() - 1) as f32
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
