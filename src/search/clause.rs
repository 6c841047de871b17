//! What each clause of a query matches: a word's documents through its exact form, stems
//! and expansions (compound parts, completions, typos), gathered from the postings and
//! kept between keystrokes; a phrase's documents, where its words stand in a row.

use super::expand::{self, Expansion, MatchKind};
use super::matches::{self, Match, Matches};
use super::postings::Run;
use super::query::Clause;
use super::score::FieldFreqs;
use super::{global_estimate, score, sort, Index};
use std::rc::Rc;

/// The last word of a query is narrowed to the documents of the other words (see
/// `Index::narrowed_last`) when they are fewer than this share of all documents (1/4):
/// above it, skipping documents saves little and the whole list is worth remembering.
pub const NARROW_SHARE: usize = 4;

/// Most runs (terms) of a document whose positions are merged one run after the other
/// (each a pass over the positions merged so far); more are merged in rounds, whose
/// passes do not grow with the runs. On de-10k's keystrokes 5 did best (8 and 16 cost
/// 0.1 % and 0.6 % more instructions).
pub const FOLDED_RUNS: usize = 5;

/// Words whose matches are kept between queries: typing the next word of a query asks
/// again for the words before it, and a search box asks for every prefix of each word.
/// A query longer than this keeps all its words all the same, and so does the query
/// after it: only words that the latest query answered did not ask for make room, when
/// the next query begins (a plain least-recently-used cache of 16 evicted each word of a
/// 17-word query just before it was asked for again, so every keystroke matched every
/// word afresh). So at most these, the latest query's words and the current one's.
pub const CACHED_WORDS: usize = 16;

/// The latest words' matches, most recent last, each with the number of the query that
/// last asked for it (see [`CACHED_WORDS`]).
#[derive(Debug, Default)]
pub(super) struct WordCache {
    entries: Vec<(WordKey, Rc<Matches>, u64)>,
    query: u64,
}

impl WordCache {
    /// A new query begins: the least recent words that the query just answered did not
    /// ask for are forgotten while more than [`CACHED_WORDS`] are kept, and the words
    /// asked for from now on are the new query's.
    pub(super) fn next_query(&mut self) {
        while self.entries.len() > CACHED_WORDS {
            match self.entries.iter().position(|e| e.2 != self.query) {
                Some(i) => drop(self.entries.remove(i)),
                None => break,
            }
        }
        self.query += 1;
    }

    /// The remembered matches of `key`, now the most recent and the current query's.
    pub(super) fn get(&mut self, key: &WordKey) -> Option<Rc<Matches>> {
        let i = self.entries.iter().position(|(k, ..)| k == key)?;
        let (key, matches, _) = self.entries.remove(i);
        self.entries.push((key, Rc::clone(&matches), self.query));
        Some(matches)
    }

    /// Remembers `matches` of `key` for the current query (room is made when the next
    /// one begins: a word asked for first must not push out the query's other words).
    pub(super) fn put(&mut self, key: WordKey, matches: Rc<Matches>) {
        self.entries.push((key, matches, self.query));
    }

    pub(super) fn clear(&mut self) {
        self.entries.clear();
    }
}

/// What a word's matches depend on: the word, whether it is a prefix, whether only
/// exact and stem matches count, whether compound parts and typos are looked for.
pub(super) type WordKey = (String, bool, bool, bool);

/// What a word's expansions depend on: the word, whether it is a prefix, whether
/// compound parts and typos are looked for.
pub(super) type ExpansionKey = (String, bool, bool);

impl Index<'_> {
    /// The documents one clause matches. `strict` allows only exact and stem matches
    /// (for negation and phrases: a typo must not exclude a document); its first `fuzzy`
    /// words (an `OR`'s alternatives are words each) match by compound part and typo too
    /// (see [`query::fuzzy_words`](super::query::fuzzy_words)).
    pub(super) fn clause_matches(&self, clause: &Clause, strict: bool, fuzzy: usize) -> Rc<Matches> {
        match clause {
            Clause::Word { text, prefix } => {
                self.cached_word_matches(text, *prefix && !strict, strict, fuzzy > 0 && !strict)
            }
            Clause::Phrase(words) => Rc::new(self.phrase_matches(words)),
            Clause::Any(clauses) => {
                let each: Vec<Rc<Matches>> = clauses
                    .iter()
                    .enumerate()
                    .map(|(k, c)| self.clause_matches(c, strict, fuzzy.saturating_sub(k)))
                    .collect();
                let lists: Vec<&Matches> = each.iter().map(|m| &**m).collect();
                let mut out = Matches::default();
                let firsts: Vec<u32> = lists.iter().map(|m| out.add_names(m.names())).collect();
                let mut positions: Vec<u32> = Vec::new();
                matches::union(&lists, |doc, at| {
                    // Per document: the best score, typos only if every alternative
                    // matched only through typos, everything that matched.
                    let matched = || {
                        at.iter()
                            .zip(&lists)
                            .zip(&firsts)
                            .filter_map(|((i, m), &first)| Some((m.at((*i)?), first)))
                    };
                    positions.clear();
                    positions.extend(matched().flat_map(|(m, _)| m.positions.iter().copied()));
                    sort::sort(&mut positions);
                    out.push(
                        doc,
                        matched().fold(0.0, |best: f32, (m, _)| best.max(m.score)),
                        matched().all(|(m, _)| m.typo_only),
                        matched()
                            .map(|(m, _)| m.typed_at)
                            .min()
                            .unwrap_or(matches::NOT_TYPED),
                        positions.iter().copied(),
                        matched().flat_map(|(m, _)| m.word_positions.iter().copied()),
                        matched().flat_map(|(m, first)| m.term_numbers().map(move |t| first + t)),
                    );
                });
                Rc::new(out)
            }
        }
    }

    /// The matches of the last word of a query whose every clause is required, for the
    /// documents the other clauses (`before`) all match: those of the clause with the
    /// fewest. The whole list when it is remembered, or when an earlier clause matched
    /// too many documents for narrowing to save anything.
    pub(super) fn narrowed_last(
        &self,
        lower: &str,
        prefix: bool,
        fuzzy: bool,
        before: &[Rc<Matches>],
    ) -> Rc<Matches> {
        let key: WordKey = (lower.to_owned(), prefix, false, fuzzy);
        if let Some(matches) = self.remembered(&key) {
            return matches;
        }
        match before.iter().map(|m| m.docs()).min_by_key(|docs| docs.len()) {
            Some(within) if within.len() < self.parts.doc_count() as usize / NARROW_SHARE => {
                Rc::new(self.word_matches(lower, prefix, false, fuzzy, Some(within)))
            }
            _ => self.cached_word_matches(lower, prefix, false, fuzzy),
        }
    }

    /// The remembered matches of `key`, now the most recent.
    fn remembered(&self, key: &WordKey) -> Option<Rc<Matches>> {
        self.cache.borrow_mut().get(key)
    }

    /// [`word_matches`](Self::word_matches), remembered for the latest
    /// [`CACHED_WORDS`] words and every word of the query being answered.
    pub(super) fn cached_word_matches(
        &self,
        lower: &str,
        prefix: bool,
        strict: bool,
        fuzzy: bool,
    ) -> Rc<Matches> {
        let key: WordKey = (lower.to_owned(), prefix, strict, fuzzy);
        if let Some(matches) = self.remembered(&key) {
            return matches;
        }
        let matches = Rc::new(self.word_matches(lower, prefix, strict, fuzzy, None));
        self.cache.borrow_mut().put(key, Rc::clone(&matches));
        matches
    }

    /// [`expand::expand`] of `lower`, remembered for the latest word.
    fn expansions(&self, lower: &str, prefix: bool, fuzzy: bool) -> Rc<[Expansion]> {
        let key: ExpansionKey = (lower.to_owned(), prefix, fuzzy);
        let mut expanded = self.expanded.borrow_mut();
        if let Some((k, expansions)) = &*expanded {
            if *k == key {
                return Rc::clone(expansions);
            }
        }
        let expansions: Rc<[Expansion]> =
            expand::expand(self.parts.terms(), &self.words, &self.walks, lower, prefix, fuzzy).into();
        *expanded = Some((key, Rc::clone(&expansions)));
        expansions
    }

    /// The documents a word matches. All its expansions are scored together as one term
    /// (see [`score`]): each occurrence counts with the weight of the best kind of match
    /// at its position. The word's rarity, in a document that has its exact or stem
    /// form, is that of those forms; in a document with only its other forms (or when
    /// it has no exact or stem form), that of all its forms. With `within` (ascending),
    /// only those documents are scored and kept; the rarity is still that of every
    /// document's.
    fn word_matches(
        &self,
        lower: &str,
        prefix: bool,
        strict: bool,
        fuzzy: bool,
        within: Option<&[u32]>,
    ) -> Matches {
        let all = self.expansions(lower, prefix, fuzzy);
        let exact_or_stem: Vec<Expansion>;
        let expansions: &[Expansion] = if strict {
            exact_or_stem = all
                .iter()
                .filter(|e| e.kind <= MatchKind::Stem)
                .cloned()
                .collect();
            &exact_or_stem
        } else {
            &all
        };
        // Every (document, expansion) pair the postings list, expansion by expansion, with
        // the positions each brings (narrowed, only the positions of the documents
        // `within`: the others are only counted).
        // As many runs as the terms have documents in the whole index, at most: reserved
        // at once, a one-letter prefix's million runs are not copied while they grow.
        let listed = expansions.iter().map(|e| self.parts.doc_freq(e.ordinal) as usize);
        let postings = self.postings.gather(
            &self.parts,
            expansions.iter().map(|e| e.ordinal),
            listed.sum(),
            within,
        );
        // Of the core forms (exact, stem) and of all: postings seen, documents of the
        // whole index (they differ while shards are missing).
        let (mut core_seen, mut core_global, mut all_seen, mut all_global) = (0u64, 0u64, 0u64, 0u64);
        for (k, e) in expansions.iter().enumerate() {
            let (seen, global) = (
                u64::from(postings.seen(k)),
                u64::from(self.parts.doc_freq(e.ordinal)),
            );
            if e.kind <= MatchKind::Stem {
                core_seen += seen;
                core_global += global;
            }
            all_seen += seen;
            all_global += global;
        }
        // Each term's weight, whether it is a core form and whether it is the word as typed
        // (its exact form, or a word it begins), looked up once per run.
        let kinds: Vec<(f32, bool, bool)> = expansions
            .iter()
            .map(|e| {
                let typed = matches!(e.kind, MatchKind::Exact | MatchKind::Prefix);
                (e.kind.weight(), e.kind <= MatchKind::Stem, typed)
            })
            .collect();
        let is_core = |r: &Run| kinds[r.term as usize].1;
        // Documents listed, and those with the word itself or its stem: a bit each.
        let doc_count = self.parts.doc_count() as usize;
        let bit = |doc: u32| (doc as usize / 64, 1u64 << (doc % 64));
        let (mut listed, mut cored) = (
            vec![0u64; doc_count.div_ceil(64)],
            vec![0u64; doc_count.div_ceil(64)],
        );
        for r in &postings.runs {
            let (word, b) = bit(r.doc);
            listed[word] |= b;
            if is_core(r) {
                cored[word] |= b;
            }
        }
        let ones = |bits: &[u64]| bits.iter().map(|w| w.count_ones() as usize).sum::<usize>();
        let (found, core_docs) = (ones(&listed), ones(&cored));
        // The runs of the documents scored: narrowed, those `within` alone (the others
        // were only counted above).
        let narrowed: Vec<Run>;
        let scored = match within {
            Some(docs) => {
                listed.fill(0);
                for &doc in docs {
                    if let Some(word) = listed.get_mut(bit(doc).0) {
                        *word |= bit(doc).1;
                    }
                }
                let wanted = |r: &&Run| listed[bit(r.doc).0] & bit(r.doc).1 != 0;
                narrowed = postings.runs.iter().filter(wanted).copied().collect();
                &narrowed
            }
            None => &postings.runs,
        };
        // By document, each document's runs in expansion order.
        let sorted;
        let runs = if expansions.len() > 1 {
            sorted = sort::by_small_key(scored, doc_count, |r| r.doc as usize);
            &sorted
        } else {
            scored
        };
        let positions = &postings.positions;
        let by_doc = || runs.chunk_by(|a, b| a.doc == b.doc);
        // A document with the word itself (or its stem) is as rare as the word; one with
        // only look-alikes (compound parts, prefixes, typos) is as rare as all of them
        // together: a rare word's typo that is a common word ("ponts" → "fonts") must
        // not weigh like the rare word.
        let idf_all = score::idf(
            global_estimate(found, all_seen, all_global, &self.parts),
            self.stats.docs,
        );
        let idf_core = if core_docs == 0 {
            idf_all
        } else {
            score::idf(
                global_estimate(core_docs, core_seen, core_global, &self.parts),
                self.stats.docs,
            )
        };
        let idf = |core: bool| if core { idf_core } else { idf_all };
        let names: Vec<Rc<str>> = expansions.iter().map(|e| Rc::from(e.term.as_str())).collect();
        // Every document listed is kept unless narrowed `within` others: room for all of
        // them then, and for all their positions (fewer only where runs share one).
        let mut out = match within {
            None => Matches::with_capacity(names, found, positions.len(), runs.len()),
            Some(_) => Matches::new(names),
        };
        // (position, weight) of every matched occurrence in a document of several runs,
        // where each run ends, and memory to merge them.
        let mut occurrences: Vec<(u32, f32)> = Vec::new();
        let (mut ends, mut scratch) = (Vec::new(), Vec::new());
        for runs in by_doc() {
            let doc = runs[0].doc;
            let Some((title_len, body_len)) = self.lengths.get(doc as usize).copied().flatten() else {
                continue;
            };
            let weight = |r: &Run| kinds[r.term as usize].0;
            let at = |r: &Run| &positions[r.start as usize..r.end as usize];
            let typed_at = |r: &Run| match (kinds[r.term as usize].2, at(r).first()) {
                (true, Some(&p)) => matches::typed_at(p),
                _ => matches::NOT_TYPED,
            };
            let mut freqs = FieldFreqs {
                title_tf: 0.0,
                body_tf: 0.0,
                title_len,
                body_len,
            };
            let terms = runs.iter().map(|r| r.term);
            let typo = MatchKind::Typo.weight();
            if let [run] = runs {
                // One list's positions ascend strictly (the reader checks it).
                let w = weight(run);
                // Title positions come first: each field's weights added in order.
                let title = at(run).partition_point(|&pos| pos < title_len);
                (0..title).for_each(|_| freqs.title_tf += w);
                (title..at(run).len()).for_each(|_| freqs.body_tf += w);
                let score = score::bm25f_with_idf(freqs, idf(is_core(run)), self.stats);
                out.push_run(doc, score, w <= typo, typed_at(run), at(run), run.term);
                continue;
            }
            // One occurrence per position, with its best weight.
            occurrences.clear();
            if let ([a, b, rest @ ..], true) = (runs, runs.len() <= FOLDED_RUNS) {
                // Most documents of several runs have two (a word's exact form and its
                // stem, say): merged in one pass, and a few more each in one pass over
                // the occurrences merged so far.
                sort::merge_two_best(&mut occurrences, (at(a), weight(a)), (at(b), weight(b)));
                for r in rest {
                    scratch.clear();
                    sort::merge_best(&mut scratch, &occurrences, (at(r), weight(r)));
                    std::mem::swap(&mut occurrences, &mut scratch);
                }
            } else {
                ends.clear();
                for r in runs {
                    occurrences.extend(at(r).iter().map(|&pos| (pos, weight(r))));
                    ends.push(occurrences.len());
                }
                let best_first = |a: &(u32, f32), b: &(u32, f32)| a.0.cmp(&b.0).then(b.1.total_cmp(&a.1));
                sort::merge_runs(&mut occurrences, &mut ends, &mut scratch, best_first);
                occurrences.dedup_by_key(|o| o.0);
            }
            let title = occurrences.partition_point(|o| o.0 < title_len);
            occurrences[..title].iter().for_each(|o| freqs.title_tf += o.1);
            occurrences[title..].iter().for_each(|o| freqs.body_tf += o.1);
            out.push(
                doc,
                score::bm25f_with_idf(freqs, idf(runs.iter().any(is_core)), self.stats),
                occurrences.iter().all(|o| o.1 <= typo),
                runs.iter().map(typed_at).min().unwrap_or(matches::NOT_TYPED),
                occurrences.iter().map(|o| o.0),
                [],
                terms,
            );
        }
        self.postings.keep(postings);
        out
    }

    /// The documents where `words` stand next to each other in order (exact or stem
    /// matches); the positions kept are the phrase starts.
    fn phrase_matches(&self, words: &[String]) -> Matches {
        let per_word: Vec<Rc<Matches>> = words
            .iter()
            .map(|w| self.cached_word_matches(w, false, true, false))
            .collect();
        let mut out = Matches::default();
        let firsts: Vec<u32> = per_word.iter().map(|m| out.add_names(m.names())).collect();
        let Some((first, rest)) = per_word.split_first() else {
            return out;
        };
        for (i, &doc) in first.docs().iter().enumerate() {
            let m = first.at(i);
            let others: Option<Vec<Match>> = rest.iter().map(|r| r.get(doc)).collect();
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
            let mut score = m.score;
            for o in &others {
                score += o.score;
            }
            // The phrase stands as typed where it first starts if each of its words does.
            let at = |k: usize| matches::typed_at(starts[0] + k as u32);
            let typed =
                m.typed_at == at(0) && (others.iter().enumerate()).all(|(k, o)| o.typed_at == at(k + 1));
            // Marked where the phrase stands, its stop words too, and nowhere else: a
            // "the" of the phrase is no match elsewhere.
            let rest_of_phrase: Vec<u32> = starts
                .iter()
                .flat_map(|&p| (1..words.len() as u32).map(move |k| p + k))
                .collect();
            let words = std::iter::once(&m).chain(&others);
            out.push(
                doc,
                score,
                false,
                if typed { at(0) } else { matches::NOT_TYPED },
                starts,
                rest_of_phrase,
                words
                    .zip(&firsts)
                    .flat_map(|(w, &first)| w.term_numbers().map(move |t| first + t)),
            );
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::search::query;

    fn key(i: usize) -> WordKey {
        (format!("w{i}"), false, false, true)
    }

    #[test]
    fn the_word_cache_keeps_every_word_of_a_long_query() {
        let mut cache = WordCache::default();
        let words = query::MAX_WORDS;
        // A query of 32 words, typed: each keystroke asks for every word again, the newest
        // first (as a negated word at the end is asked for before the others).
        for typed in 1..=words {
            cache.next_query();
            let newest = typed - 1;
            if cache.get(&key(newest)).is_none() {
                cache.put(key(newest), Rc::default());
            }
            for i in 0..newest {
                assert!(
                    cache.get(&key(i)).is_some(),
                    "word {i} forgotten while typing word {typed}"
                );
            }
        }
        assert_eq!(cache.entries.len(), words);
        // The next query keeps them while it runs; the one after makes room among them,
        // least recent first, down to CACHED_WORDS.
        cache.next_query();
        cache.put(key(words), Rc::default());
        assert_eq!(cache.entries.len(), words + 1);
        cache.next_query();
        assert_eq!(cache.entries.len(), CACHED_WORDS);
        // The newest word was asked for first: it and the first words were least recent.
        assert!(cache.get(&key(words - 1)).is_none());
        assert!(cache.get(&key(0)).is_none());
        assert!(cache.get(&key(words - 2)).is_some());
        assert!(cache.get(&key(words)).is_some());
    }
}
