//! The postings of a word's terms gathered term by term, and those of the word before
//! kept: a word typed one letter further mostly matches the same terms (on de-10k's
//! keystroke prefixes, 57 % of the postings a word lists were listed by the word
//! before), so their postings are copied, not decoded again.

use super::parts::Parts;
use super::sort;
use std::cell::RefCell;
use std::ops::Range;

/// Most runs [`RecentPostings`] keeps (16 bytes each, and their positions): a short
/// prefix of a large corpus lists millions, which are not worth holding between
/// keystrokes.
pub const KEPT_RUNS: usize = 1 << 18;

/// Postings of one term in one document: the term's number among those gathered and
/// where its positions are in [`Postings::positions`].
#[derive(Debug, Clone, Copy)]
pub struct Run {
    /// The document (its global number).
    pub doc: u32,
    /// The term's number in the order the terms were gathered.
    pub term: u32,
    /// Where its positions start in [`Postings::positions`].
    pub start: u32,
    /// Where they end.
    pub end: u32,
}

/// Every (document, term) pair the postings of some terms list, term by term, each
/// term's documents ascending, with the positions each brings.
#[derive(Debug, Default)]
pub struct Postings {
    /// The pairs, term by term.
    pub runs: Vec<Run>,
    /// Their positions, laid end to end in the order of `runs`.
    pub positions: Vec<u32>,
    /// Per term: its ordinal, how many postings its lists gave, and its runs.
    terms: Vec<(u64, u32, Range<usize>)>,
    /// The documents whose positions were gathered (the others' runs may have none), or
    /// `None` for all.
    within: Option<Vec<u32>>,
}

impl Postings {
    /// How many postings the lists of term `k` gave (see [`Parts::for_each_posting`]: a
    /// damaged list counts for what it gave before the damage, or 0).
    pub fn seen(&self, k: usize) -> u32 {
        self.terms.get(k).map_or(0, |t| t.1)
    }

    /// The runs of the term with ordinal `ordinal` and how many postings its lists gave,
    /// if it was gathered. `by_ordinal` holds the terms' numbers sorted by ordinal.
    fn find(&self, by_ordinal: &[u32], ordinal: u64) -> Option<(u32, Range<usize>)> {
        let i = by_ordinal
            .binary_search_by_key(&ordinal, |&k| self.terms[k as usize].0)
            .ok()?;
        let (_, seen, runs) = &self.terms[by_ordinal[i] as usize];
        Some((*seen, runs.clone()))
    }
}

/// The postings gathered for the latest word, kept for the next (see the module docs).
#[derive(Debug, Default)]
pub struct RecentPostings {
    /// The postings and their terms' numbers sorted by ordinal.
    last: RefCell<Option<(Postings, Vec<u32>)>>,
}

impl RecentPostings {
    /// The postings of the terms with ordinals `ordinals`, in that order, with room
    /// reserved for `runs` runs: copied from the latest word's where it had the term,
    /// else read from `parts`. With `within` (ascending), only those documents' runs
    /// are sure to have their positions: the others are listed, to be counted, but
    /// their positions are not decoded (those copied from the latest word's may have
    /// them).
    pub fn gather(
        &self,
        parts: &Parts<'_>,
        ordinals: impl Iterator<Item = u64>,
        runs: usize,
        within: Option<&[u32]>,
    ) -> Postings {
        // The latest word's postings serve if they have the positions of every document
        // wanted now.
        let last = self.last.borrow_mut().take();
        let last = last.filter(|(p, _)| p.within.is_none() || p.within.as_deref() == within);
        // The documents wanted, a bit each.
        let mut bits = Vec::new();
        if let Some(docs) = within {
            bits.resize((parts.doc_count() as usize).div_ceil(64), 0u64);
            for &doc in docs {
                if let Some(word) = bits.get_mut(doc as usize / 64) {
                    *word |= 1 << (doc % 64);
                }
            }
        }
        let wanted = |doc: u32| {
            bits.get(doc as usize / 64)
                .is_some_and(|w| w >> (doc % 64) & 1 == 1)
        };
        let wanted = within.map(|_| &wanted as &dyn Fn(u32) -> bool);
        let mut out = Postings {
            runs: Vec::with_capacity(runs),
            within: within.map(<[u32]>::to_vec),
            ..Postings::default()
        };
        for (k, ordinal) in ordinals.enumerate() {
            let first = out.runs.len();
            let term = k as u32;
            let kept = last
                .as_ref()
                .and_then(|(p, by_ordinal)| Some((p, p.find(by_ordinal, ordinal)?)));
            let seen = match kept {
                Some((p, (seen, range))) => {
                    // The term's positions lie together, in the order of its runs.
                    let from = range.clone().next().map_or(0, |i| p.runs[i].start);
                    let to = range.clone().last().map_or(0, |i| p.runs[i].end);
                    let base = out.positions.len() as u32;
                    out.positions
                        .extend_from_slice(&p.positions[from as usize..to as usize]);
                    out.runs.extend(p.runs[range].iter().map(|r| Run {
                        doc: r.doc,
                        term,
                        start: r.start - from + base,
                        end: r.end - from + base,
                    }));
                    seen
                }
                None => parts
                    .for_each_posting_in(ordinal, wanted, |doc, at| {
                        let start = out.positions.len() as u32;
                        out.positions.extend_from_slice(at);
                        let end = out.positions.len() as u32;
                        out.runs.push(Run {
                            doc,
                            term,
                            start,
                            end,
                        });
                    })
                    .unwrap_or(0),
            };
            out.terms.push((ordinal, seen, first..out.runs.len()));
        }
        out
    }

    /// Keeps `postings` (as [`gather`](Self::gather) gave them: term by term) for the
    /// next word, unless they are more than [`KEPT_RUNS`].
    pub fn keep(&self, postings: Postings) {
        if postings.runs.len() > KEPT_RUNS {
            return;
        }
        let mut by_ordinal: Vec<u32> = (0..postings.terms.len() as u32).collect();
        sort::sort_by(&mut by_ordinal, |&a, &b| {
            postings.terms[a as usize].0.cmp(&postings.terms[b as usize].0)
        });
        *self.last.borrow_mut() = Some((postings, by_ordinal));
    }

    /// Forgets the kept postings (a shard was added: the lists are longer now).
    pub fn clear(&self) {
        self.last.borrow_mut().take();
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::Document;
    use crate::format::{IndexReader, IndexWriter};
    use proptest::prelude::*;

    /// A run as (document, term, its positions).
    type Listed = (u32, u32, Vec<u32>);

    /// Each run listed, and each term's postings seen.
    fn listed(p: &Postings, terms: usize) -> (Vec<Listed>, Vec<u32>) {
        let runs = p.runs.iter();
        let runs = runs.map(|r| {
            (
                r.doc,
                r.term,
                p.positions[r.start as usize..r.end as usize].to_vec(),
            )
        });
        (runs.collect(), (0..terms).map(|k| p.seen(k)).collect())
    }

    proptest! {
        #[test]
        fn kept_postings_are_those_read_again(
            texts in proptest::collection::vec(proptest::collection::vec(0usize..6, 1..12), 1..8),
            words in proptest::collection::vec(
                (proptest::collection::vec(0u64..40, 0..10), proptest::option::of(proptest::collection::vec(any::<bool>(), 8))),
                1..6,
            ),
        ) {
            const VOCABULARY: [&str; 6] = ["haus", "hausbau", "maus", "baum", "raum", "traum"];
            let mut w = IndexWriter::new();
            for (i, text) in texts.iter().enumerate() {
                let text: Vec<&str> = text.iter().map(|&k| VOCABULARY[k]).collect();
                w.add(Document { id: format!("d{i}"), text: text.join(" "), ..Default::default() }).unwrap();
            }
            let bytes = w.finish().unwrap();
            let parts = Parts::whole(IndexReader::from_bytes(&bytes).unwrap());
            let ordinals = parts.term_count() as u64;
            let recent = RecentPostings::default();
            for (word, within) in words {
                // Terms of a word are distinct; some ordinals are beyond the dictionary.
                let mut terms: Vec<u64> = word.into_iter().map(|o| o % (ordinals + 2)).collect();
                sort::sort(&mut terms);
                terms.dedup();
                // Narrowed to some documents (or none of them), or not.
                let within: Option<Vec<u32>> =
                    within.map(|w| (0..texts.len() as u32).filter(|&d| w[d as usize]).collect());
                let fresh = RecentPostings::default().gather(&parts, terms.iter().copied(), 0, None);
                let gathered = recent.gather(&parts, terms.iter().copied(), 0, within.as_deref());
                // The same runs; positions where they were wanted.
                let wanted = |listed: (Vec<Listed>, Vec<u32>)| {
                    let (mut runs, seen) = listed;
                    for run in &mut runs {
                        if within.as_ref().is_some_and(|w| !w.contains(&run.0)) {
                            run.2.clear();
                        }
                    }
                    (runs, seen)
                };
                prop_assert_eq!(wanted(listed(&gathered, terms.len())), wanted(listed(&fresh, terms.len())));
                recent.keep(gathered);
            }
        }
    }
}
