//! Words typed in a row: a page that holds the query's words one after the other, in
//! the order typed and in one field, stop words in their places, gets a bonus
//! ([`SEQUENCE_BOOST`]). Where a stop word stands is read from its postings, for every
//! document or for the candidates alone, and kept between keystrokes.

use super::{query, sort, Index};
use crate::analysis;
use std::rc::Rc;

/// Weight of the words typed in a row: a document that holds every word of the query in
/// the order typed, one after the other in one field, stop words included ("zu erzeugen
/// oder das Internet"; three words or more, or two that are not stop words), gets this
/// fraction of its score on top.
/// A reader who types a phrase of a page, remembered or pasted, wants that page; BM25F
/// has dropped the stop words, and proximity gives only a little to each pair of the
/// others. `tests/peers/site-snippets.mjs` types 4 words in a row from a built site's
/// paragraphs: the page came first for 38.6 % of them on PostgreSQL 15's documentation,
/// 43.5 % on git's, 45.1 % on Python's and 62.5 % on Node's before this bonus, and for
/// 71.3 %, 84.1 %, 83.0 % and 89.5 % with it (1 gave 81.5 % on git and 79.9 % on Python;
/// the best peer, MiniSearch, 11.9 %, 8.5 %, 6.6 %, 23.6 %). The titles typed into those
/// sites and the five collections of `make relevance` keep their figures. Growing with
/// the row's length (session 30) brought the page first for 55.8 % of all-full's
/// snippets instead of 53.2 %, 76.0 % of de-10k's instead of 74.5 %, and 96.9 % of the
/// Debian handbook's instead of 96.5 %: a row of one rare word and three stop words
/// ("and metadata. It also") in a long page.
pub const SEQUENCE_BOOST: f32 = 2.0;

/// Stop words whose places are kept between queries, for [`SEQUENCE_BOOST`]: a reader
/// types a phrase a word at a time, and each keystroke looks for it again.
pub const KEPT_STOP_WORDS: usize = 8;

/// Most documents a stop word may be in for [`SEQUENCE_BOOST`] to keep where it stands
/// in all of them: of a word more common than this ("the" in a large English site), or
/// with more places than [`KEPT_STOP_POSITIONS`], each query reads the places in the
/// candidates it looks at alone, so typing a phrase never holds millions of places.
pub const KEPT_STOP_DOCS: usize = 1 << 17;

/// Most places (4 bytes each, 16 MB) kept of the [`KEPT_STOP_WORDS`] together.
pub const KEPT_STOP_POSITIONS: usize = 1 << 22;

impl Index<'_> {
    /// Multiplies by 1 + [`SEQUENCE_BOOST`] × (the words of `typed` less two, at least one)
    /// the score of each candidate of `ranked`
    /// (document, score, tier, candidate) that holds the words `typed` one after the
    /// other, in order, in one field (title or body). `positions(c, k)`: where clause `k`
    /// matched candidate `c`; a stop word must stand there in its exact form (see
    /// [`Index::stop_word_places`]). Only the candidates that the bonus could bring onto
    /// the page of `limit` are looked at, and a stop word's places are read only when
    /// some candidate is.
    ///
    /// Returns, for each candidate boosted (ascending), the positions of the stop words
    /// in its rows of the words typed.
    pub(super) fn boost_sequences<'m>(
        &self,
        ranked: &mut [(u32, f32, usize, usize)],
        typed: &[query::Typed<'_>],
        limit: usize,
        positions: impl Fn(usize, usize) -> Option<&'m [u32]>,
    ) -> Vec<(usize, Vec<u32>)> {
        // The page's last (tier, score): a candidate below its tier, or whose boosted
        // score stays below it, cannot reach the page.
        let rank = |a: &(usize, f32), b: &(usize, f32)| b.0.cmp(&a.0).then(b.1.total_cmp(&a.1));
        let last = (limit > 0 && ranked.len() > limit).then(|| {
            let mut keys: Vec<(usize, f32)> = ranked.iter().map(|r| (r.2, r.1)).collect();
            *keys.select_nth_unstable_by(limit - 1, rank).1
        });
        // The longer the row, the surer it is the page meant.
        let factor = 1.0 + SEQUENCE_BOOST * (typed.len().saturating_sub(2).max(1) as f32);
        let reaches = |r: &(u32, f32, usize, usize)| {
            last.is_none_or(|(tier, score)| r.2 > tier || (r.2 == tier && r.1 * factor >= score))
        };
        let clauses = || {
            typed.iter().filter_map(|t| match t {
                query::Typed::Clause(k) => Some(*k),
                query::Typed::Stop(_) => None,
            })
        };
        let looked: Vec<usize> = (0..ranked.len())
            .filter(|&i| reaches(&ranked[i]) && clauses().all(|k| positions(ranked[i].3, k).is_some()))
            .collect();
        if looked.is_empty() {
            return Vec::new();
        }
        // Each stop word's positions (none for a clause): in every document, kept, or
        // when the word is too common to keep, in the documents looked at alone.
        let docs = std::cell::OnceCell::new();
        let docs = || {
            docs.get_or_init(|| {
                let mut docs: Vec<u32> = looked.iter().map(|&i| ranked[i].0).collect();
                sort::sort_by(&mut docs, u32::cmp);
                docs
            })
        };
        let mut stops: Vec<Option<Rc<Placed>>> = Vec::with_capacity(typed.len());
        for (k, t) in typed.iter().enumerate() {
            let query::Typed::Stop(word) = t else {
                stops.push(None);
                continue;
            };
            // A word typed twice ("the … of the") is read once.
            let earlier = (typed[..k].iter().zip(&stops)).find_map(|(e, placed)| match e {
                query::Typed::Stop(w) if w == word => placed.clone(),
                _ => None,
            });
            let placed = earlier.unwrap_or_else(|| {
                self.stop_word_places(word)
                    .unwrap_or_else(|| Rc::new(self.stop_word_places_in(word, docs())))
            });
            stops.push(Some(placed));
        }
        let mut boosted = Vec::new();
        for i in looked {
            let (doc, c) = (ranked[i].0, ranked[i].3);
            let lists: Vec<&[u32]> = typed
                .iter()
                .zip(&stops)
                .map(|(t, placed)| match (t, placed) {
                    (query::Typed::Clause(clause), _) => positions(c, *clause).unwrap_or(&[]),
                    (query::Typed::Stop(_), placed) => placed.as_ref().map_or(&[][..], |p| p.of(doc)),
                })
                .collect();
            let title_len = self
                .lengths
                .get(doc as usize)
                .copied()
                .flatten()
                .map_or(0, |l| l.0);
            let starts = rows_in_a_row(&lists, title_len);
            if !starts.is_empty() {
                ranked[i].1 *= factor;
                let stop_words = (0..)
                    .zip(typed)
                    .filter(|(_, t)| matches!(t, query::Typed::Stop(_)));
                let marks = starts
                    .iter()
                    .flat_map(|&p| stop_words.clone().map(move |(k, _)| p + k));
                boosted.push((c, marks.collect()));
            }
        }
        boosted
    }

    /// Where the stop word `word` (its exact form) stands in every loaded document,
    /// remembered for the latest [`KEPT_STOP_WORDS`]; `None` when it is in more than
    /// [`KEPT_STOP_DOCS`] documents or at more than [`KEPT_STOP_POSITIONS`] places.
    fn stop_word_places(&self, word: &str) -> Option<Rc<Placed>> {
        let mut kept = self.stop_words.borrow_mut();
        if let Some(i) = kept.iter().position(|(w, _)| w == word) {
            let entry = kept.remove(i);
            let places = entry.1.clone();
            kept.push(entry);
            return places;
        }
        let places = match self.parts.terms().get(analysis::fold(word)) {
            // A word no document has stands nowhere.
            None => Some(Rc::default()),
            Some(ordinal) if self.parts.doc_freq(ordinal) as usize > self.kept_stop.0 => None,
            Some(ordinal) => {
                let mut placed = Placed::default();
                // A damaged list gives what it had before the damage, as a word's does
                // (`RecentPostings::gather`). Past the most places kept, none is held.
                let mut over = false;
                let _ = self.parts.for_each_posting(ordinal, |doc, p| {
                    over |= placed.positions.len() + p.len() > self.kept_stop.1;
                    if !over {
                        placed.push(doc, p);
                    }
                });
                (!over).then(|| Rc::new(placed))
            }
        };
        // The least recent make room: at most so many words and places in all.
        let size = |p: &Option<Rc<Placed>>| p.as_ref().map_or(0, |p| p.positions.len());
        let mut held: usize = kept.iter().map(|(_, p)| size(p)).sum::<usize>() + size(&places);
        while !kept.is_empty() && (kept.len() >= KEPT_STOP_WORDS || held > self.kept_stop.1) {
            held -= size(&kept.remove(0).1);
        }
        kept.push((word.to_owned(), places.clone()));
        places
    }

    /// Where the stop word `word` (its exact form) stands in the documents `docs`
    /// (ascending) alone: its document gaps and frequencies are read through, its
    /// positions only in those documents.
    fn stop_word_places_in(&self, word: &str, docs: &[u32]) -> Placed {
        let mut placed = Placed::default();
        if let Some(ordinal) = self.parts.terms().get(analysis::fold(word)) {
            let wanted = |doc: u32| docs.binary_search(&doc).is_ok();
            // A document not wanted comes without positions. A damaged list gives what
            // it had before the damage (see `stop_word_places`).
            let _ = self.parts.for_each_posting_in(ordinal, Some(&wanted), |doc, p| {
                if !p.is_empty() {
                    placed.push(doc, p);
                }
            });
        }
        placed
    }
}

/// Positions of one term in some documents, pushed in ascending document order.
#[derive(Debug, Default)]
pub(super) struct Placed {
    /// Each document and where its positions start in `positions`.
    starts: Vec<(u32, usize)>,
    /// The positions, laid end to end.
    positions: Vec<u32>,
}

impl Placed {
    fn push(&mut self, doc: u32, positions: &[u32]) {
        self.starts.push((doc, self.positions.len()));
        self.positions.extend_from_slice(positions);
    }

    /// The positions of `doc`, or none.
    fn of(&self, doc: u32) -> &[u32] {
        match self.starts.binary_search_by_key(&doc, |s| s.0) {
            Ok(i) => {
                let end = self.starts.get(i + 1).map_or(self.positions.len(), |s| s.1);
                &self.positions[self.starts[i].1..end]
            }
            Err(_) => &[],
        }
    }
}

/// Each position `p` (ascending) that has `p + k` in every `lists[k]` (each ascending),
/// with all of `p..p + lists.len()` in the title (below `title_len`) or all in the body.
fn rows_in_a_row(lists: &[&[u32]], title_len: u32) -> Vec<u32> {
    let n = lists.len() as u32;
    let Some((first, rest)) = lists.split_first() else {
        return Vec::new();
    };
    let row = |&p: &u32| {
        let one_field = p + n <= title_len || p >= title_len;
        let at = |(k, list): (usize, &&[u32])| list.binary_search(&(p + k as u32 + 1)).is_ok();
        one_field && rest.iter().enumerate().all(at)
    };
    first.iter().copied().filter(row).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_in_a_row_stand_in_one_field() {
        let lists: [&[u32]; 3] = [&[3, 9], &[1, 10], &[11]];
        assert_eq!(rows_in_a_row(&lists, 0), [9]);
        assert_eq!(rows_in_a_row(&lists, 9), [9]);
        // 9, 10, 11 would run from the title (0..10) into the body.
        let none: [u32; 0] = [];
        assert_eq!(rows_in_a_row(&lists, 10), none);
        assert_eq!(rows_in_a_row(&[&[3, 9], &[5]], 0), none);
        assert_eq!(rows_in_a_row(&[&[1, 4, 8], &[2, 5, 9]], 0), [1, 4, 8]);
        // A word that stands nowhere (a stop word no document has) breaks every row.
        assert_eq!(rows_in_a_row(&[&[], &[1, 10], &[11]], 0), none);
        assert_eq!(rows_in_a_row(&[], 0), none);
    }

    /// The bytes of an index of `texts`, with ids "d0", "d1", … and no titles.
    fn index_of(texts: &[&str]) -> Vec<u8> {
        let mut w = crate::format::IndexWriter::new();
        for (i, text) in texts.iter().enumerate() {
            let document = crate::document::Document {
                id: format!("d{i}"),
                text: text.to_string(),
                ..Default::default()
            };
            w.add(document).unwrap();
        }
        w.finish().unwrap()
    }

    #[test]
    fn a_stop_word_read_for_some_documents_stands_where_it_stands_in_all() {
        let texts = [
            "the cat and the hat",
            "a dog",
            "the end",
            "over the hill and far away",
            "the",
        ];
        let bytes = index_of(&texts);
        let index = Index::from_bytes(&bytes).unwrap();
        let all = index.stop_word_places("the").expect("kept");
        let some = [0, 1, 3];
        let read = index.stop_word_places_in("the", &some);
        for doc in 0..texts.len() as u32 {
            let expected = if some.contains(&doc) { all.of(doc) } else { &[] };
            assert_eq!(read.of(doc), expected, "document {doc}");
        }
        assert_eq!(all.of(0), [0, 3]);
        assert!(index.stop_word_places_in("nowhere", &some).positions.is_empty());
    }

    #[test]
    fn a_stop_word_too_common_to_keep_is_read_for_the_candidates_and_stands_where_it_stands() {
        let bytes = index_of(&[
            "A robot visits the web: it can crawl a web site, and crawl web pages.",
            "Wget fetches files over HTTP. It can mirror a web site and crawl the web like a robot.",
            "The web and the robot.",
            "Nothing to see here, and nothing on the web.",
        ]);
        let kept = Index::from_bytes(&bytes).unwrap();
        let mut read = Index::from_bytes(&bytes).unwrap();
        // No stop word kept: each query reads "and" and "the" for its candidates alone.
        read.kept_stop = (0, 0);
        for q in [
            "and crawl the web ",
            "and crawl the we",
            "the web and the ",
            "\"crawl the web\"",
        ] {
            assert_eq!(read.search(q, 10), kept.search(q, 10), "{q}");
        }
        assert!(read
            .stop_words
            .borrow()
            .iter()
            .all(|(_, placed)| placed.is_none()));
        let first = &read.search("and crawl the web ", 10)[0];
        assert_eq!(first.id, "d1");
        let text = &first.snippet.text;
        let marked: Vec<&str> = first
            .snippet
            .highlights
            .iter()
            .map(|r| &text[r.clone()])
            .collect();
        assert_eq!(marked, ["web", "and", "crawl", "the", "web"]);
    }
}
