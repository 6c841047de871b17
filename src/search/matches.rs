//! What one clause of a query matched: per document, ascending, its score, the positions
//! of the matched words and the dictionary terms that matched, in flat arrays.
//!
//! A one-letter prefix matches most documents of a corpus, so the matches of a clause are
//! one vector per field, not a map node and three vectors per document: building,
//! walking and dropping them is then a few passes over memory.

use std::rc::Rc;

/// [`Match::typed_at`] of a document where the word does not stand as typed among its
/// first 255 positions.
pub const NOT_TYPED: u8 = u8::MAX;

/// A position as [`Match::typed_at`] keeps it: [`NOT_TYPED`] from 255 on.
pub fn typed_at(position: u32) -> u8 {
    u8::try_from(position).unwrap_or(NOT_TYPED)
}

/// The documents one clause matched, ascending, and what matched in each.
#[derive(Debug, Default)]
pub struct Matches {
    docs: Vec<u32>,
    /// Each document's score, whether it matched only through typos, and its
    /// [`Match::typed_at`].
    scores: Vec<(f32, bool, u8)>,
    /// Where each document's positions, phrase word positions and terms end in
    /// `positions`, `word_positions` and `terms` (they start where the previous
    /// document's end): one push a document.
    ends: Vec<[u32; 3]>,
    positions: Vec<u32>,
    /// The positions of a phrase's words after its first, where it stands.
    word_positions: Vec<u32>,
    /// The matched terms, numbers into `names`.
    terms: Vec<u32>,
    /// The dictionary terms the documents' `terms` name, each once.
    names: Vec<Rc<str>>,
}

/// What one clause matched in one document.
#[derive(Debug, Clone, Copy)]
pub struct Match<'m> {
    /// The clause's score in the document.
    pub score: f32,
    /// The word matched only through typos here: such a document ranks after those
    /// where every word matched as typed (or by stem, part or prefix).
    pub typo_only: bool,
    /// The first position where the word stands as typed: its exact form, or a word it
    /// begins while it is being typed (of a phrase: where it first starts); [`NOT_TYPED`]
    /// when that is nowhere before position 255. What tells whether a title starts with
    /// the query.
    pub typed_at: u8,
    /// Positions of the matched words, ascending (of a phrase: where it starts).
    pub positions: &'m [u32],
    /// For a phrase: the positions of its words after the first where it stands (its
    /// stop words too), which are highlighted with `positions`.
    pub word_positions: &'m [u32],
    terms: &'m [u32],
    names: &'m [Rc<str>],
}

impl<'m> Match<'m> {
    /// The dictionary terms matched.
    pub fn terms(&self) -> impl Iterator<Item = &'m str> + 'm {
        let names = self.names;
        self.terms.iter().map(move |&t| &*names[t as usize])
    }

    /// The matched terms as numbers into their [`Matches::names`].
    pub fn term_numbers(&self) -> impl Iterator<Item = u32> + 'm {
        self.terms.iter().copied()
    }

    /// The positions to highlight.
    pub fn marks(&self) -> impl Iterator<Item = u32> + 'm {
        self.positions.iter().chain(self.word_positions).copied()
    }
}

impl Matches {
    /// No documents yet; their terms will be numbers into `names`.
    pub fn new(names: Vec<Rc<str>>) -> Self {
        Matches {
            names,
            ..Matches::default()
        }
    }

    /// [`new`](Self::new) with room for `docs` documents, `positions` positions and
    /// `terms` matched terms in all, so that pushing that many copies nothing.
    pub fn with_capacity(names: Vec<Rc<str>>, docs: usize, positions: usize, terms: usize) -> Self {
        Matches {
            docs: Vec::with_capacity(docs),
            scores: Vec::with_capacity(docs),
            ends: Vec::with_capacity(docs),
            positions: Vec::with_capacity(positions),
            word_positions: Vec::new(),
            terms: Vec::with_capacity(terms),
            names,
        }
    }

    /// Number of documents matched.
    pub fn len(&self) -> usize {
        self.docs.len()
    }

    /// Whether no document matched.
    pub fn is_empty(&self) -> bool {
        self.docs.is_empty()
    }

    /// The documents matched, ascending.
    pub fn docs(&self) -> &[u32] {
        &self.docs
    }

    /// The dictionary terms the matches name.
    pub fn names(&self) -> &[Rc<str>] {
        &self.names
    }

    /// Adds `names` after those there are and returns the number of the first: terms of
    /// other matches, renumbered by it, can then be pushed here.
    pub fn add_names(&mut self, names: &[Rc<str>]) -> u32 {
        let first = self.names.len() as u32;
        self.names.extend(names.iter().cloned());
        first
    }

    /// What matched in document `doc`, if it matched.
    pub fn get(&self, doc: u32) -> Option<Match<'_>> {
        self.docs.binary_search(&doc).ok().map(|i| self.at(i))
    }

    /// What matched in the `i`th document of [`docs`](Self::docs).
    pub fn at(&self, i: usize) -> Match<'_> {
        let (score, typo_only, typed_at) = self.scores[i];
        let span = |k: usize| {
            let start = if i == 0 { 0 } else { self.ends[i - 1][k] as usize };
            start..self.ends[i][k] as usize
        };
        Match {
            score,
            typo_only,
            typed_at,
            positions: &self.positions[span(0)],
            word_positions: &self.word_positions[span(1)],
            terms: &self.terms[span(2)],
            names: &self.names,
        }
    }

    /// The score in the `i`th document of [`docs`](Self::docs): [`at`](Self::at)`(i).score`.
    pub fn score_at(&self, i: usize) -> f32 {
        self.scores[i].0
    }

    /// Where the word first stands as typed in the `i`th document: [`at`](Self::at)`(i).typed_at`.
    pub fn typed_at(&self, i: usize) -> u8 {
        self.scores[i].2
    }

    /// Whether the `i`th document matched only through typos: [`at`](Self::at)`(i).typo_only`.
    pub fn typo_only_at(&self, i: usize) -> bool {
        self.scores[i].1
    }

    /// Adds a document after the last one (`doc` must be greater): its score, whether
    /// it matched only through typos, where the word first stands as typed
    /// ([`Match::typed_at`]), its positions, a phrase's word positions and the terms
    /// matched (numbers into [`names`](Self::names)).
    #[allow(clippy::too_many_arguments)]
    pub fn push(
        &mut self,
        doc: u32,
        score: f32,
        typo_only: bool,
        typed_at: u8,
        positions: impl IntoIterator<Item = u32>,
        word_positions: impl IntoIterator<Item = u32>,
        terms: impl IntoIterator<Item = u32>,
    ) {
        debug_assert!(self.docs.last().is_none_or(|&last| last < doc));
        self.docs.push(doc);
        self.scores.push((score, typo_only, typed_at));
        self.positions.extend(positions);
        self.word_positions.extend(word_positions);
        self.terms.extend(terms);
        let end = |v: &Vec<u32>| v.len() as u32;
        self.ends
            .push([end(&self.positions), end(&self.word_positions), end(&self.terms)]);
    }

    /// [`push`](Self::push) of a document where one term matched, at `positions`
    /// (most documents of a word): one copy of the positions, one term.
    pub fn push_run(
        &mut self,
        doc: u32,
        score: f32,
        typo_only: bool,
        typed_at: u8,
        positions: &[u32],
        term: u32,
    ) {
        debug_assert!(self.docs.last().is_none_or(|&last| last < doc));
        self.docs.push(doc);
        self.scores.push((score, typo_only, typed_at));
        self.positions.extend_from_slice(positions);
        self.terms.push(term);
        let end = |v: &Vec<u32>| v.len() as u32;
        self.ends
            .push([end(&self.positions), end(&self.word_positions), end(&self.terms)]);
    }
}

/// Calls `f` with every document any of `lists` matched, ascending, and for each list
/// where the document is in it (its index there, as for [`Matches::at`]).
pub fn union(lists: &[&Matches], mut f: impl FnMut(u32, &[Option<usize>])) {
    let mut next = vec![0usize; lists.len()];
    let mut found: Vec<Option<usize>> = vec![None; lists.len()];
    loop {
        let least = lists
            .iter()
            .zip(&next)
            .filter_map(|(list, &i)| list.docs.get(i).copied())
            .min();
        let Some(doc) = least else { return };
        for ((list, i), slot) in lists.iter().zip(next.iter_mut()).zip(found.iter_mut()) {
            *slot = (list.docs.get(*i) == Some(&doc)).then_some(*i);
            *i += usize::from(slot.is_some());
        }
        f(doc, &found);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn matches(docs: &[u32]) -> Matches {
        let mut m = Matches::new(vec![Rc::from("t")]);
        for &d in docs {
            m.push(d, d as f32, d % 2 == 0, typed_at(d), [d, d + 1], [], [0]);
        }
        m
    }

    #[test]
    fn a_document_reads_back_what_was_pushed() {
        let m = matches(&[3, 7, 9]);
        let seven = m.get(7).unwrap();
        assert_eq!((seven.score, seven.typo_only), (7.0, false));
        assert_eq!(seven.positions, [7, 8]);
        assert_eq!(seven.terms().collect::<Vec<_>>(), ["t"]);
        assert_eq!(seven.marks().collect::<Vec<_>>(), [7, 8]);
        assert_eq!((seven.typed_at, m.typed_at(2)), (7, 9));
        assert_eq!(typed_at(300), NOT_TYPED);
        assert!(m.get(8).is_none());
        assert_eq!(m.docs(), [3, 7, 9]);
    }

    #[test]
    fn a_run_pushed_reads_back_as_pushed_whole() {
        let (mut a, mut b) = (
            Matches::new(vec![Rc::from("t")]),
            Matches::new(vec![Rc::from("t")]),
        );
        for d in [2, 5] {
            a.push(d, 1.5, true, 4, [d, d + 3], [], [0]);
            b.push_run(d, 1.5, true, 4, &[d, d + 3], 0);
        }
        for i in 0..2 {
            let (x, y) = (a.at(i), b.at(i));
            assert_eq!(
                (x.score, x.typo_only, x.typed_at, x.positions),
                (y.score, y.typo_only, y.typed_at, y.positions)
            );
            assert_eq!(x.terms().collect::<Vec<_>>(), y.terms().collect::<Vec<_>>());
        }
        assert_eq!(a.docs(), b.docs());
    }

    #[test]
    fn union_gives_every_document_once_with_where_it_is() {
        let (a, b) = (matches(&[1, 4, 6]), matches(&[2, 4]));
        let mut seen = Vec::new();
        union(&[&a, &b], |doc, at| seen.push((doc, at.to_vec())));
        assert_eq!(
            seen,
            [
                (1, vec![Some(0), None]),
                (2, vec![None, Some(0)]),
                (4, vec![Some(1), Some(1)]),
                (6, vec![Some(2), None]),
            ]
        );
    }
}
