//! The dictionary's words laid end to end ([`WordList`]), for finding the words that
//! contain a compound part: the one search of query expansion ([`super::expand`]) that
//! no automaton over the fst can prune.

use super::expand::{ExactForms, MAX_EXPANSIONS};
use super::sort;
use super::trigram::{TrigramCounter, TrigramWriter, Trigrams};
use fst::{IntoStreamer, Map, Streamer};
use std::cell::RefCell;
use std::rc::Rc;

/// The exact-form terms of the dictionary laid end to end, for finding the words that
/// contain a compound part: no automaton can prune that search (the part may start at
/// any byte), so a walk of the fst would visit every node. The words are laid out
/// shortest first and listed by the triples of bytes they hold ([`Trigrams`]): the
/// words that contain a part are found among those of its rarest triple, shortest
/// first, and the search stops at the [`MAX_EXPANSIONS`] wanted.
///
/// The list is read out of the dictionary at the first search for a part, or before it
/// a few words at a time by [`prepare`](Self::prepare), not when the index opens: on
/// `bench/all-full` (610,374 terms) reading it took 110–150 ms natively, nearly all of
/// opening a core, and on de-10k 107 ms in one task of Chromium's main thread, while
/// most first keystrokes (words of up to four letters, see [`MIN_PART_LEN`](super::expand::MIN_PART_LEN)) never look
/// for a part.
#[derive(Debug, Clone)]
pub struct WordList<'a> {
    /// The dictionary the words come from.
    terms: Map<&'a [u8]>,
    /// The words, once read.
    laid: std::cell::OnceCell<LaidOut>,
    /// How far [`prepare`](Self::prepare) got, while the words are not read.
    reading: RefCell<Option<Box<Reading>>>,
    /// The latest needles that fewer than [`MAX_EXPANSIONS`] words contain, with all
    /// those words (indexes into `starts`): a needle typed one letter further contains
    /// the one before, so only its words need a look (see [`CACHED_NEEDLES`]).
    recent: RefCell<Vec<(String, Rc<[u32]>)>>,
}

/// Needles whose words [`WordList`] remembers.
pub const CACHED_NEEDLES: usize = 16;

/// The exact-form terms of a dictionary, laid end to end, shortest first.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
struct LaidOut {
    /// Every exact-form term followed by `'\n'` (which no term contains), shortest first,
    /// terms of one length in fst order.
    text: String,
    /// Where each term starts in `text`, and its ordinal, in the order of `text`.
    starts: Vec<(u32, u32)>,
    /// The terms (indexes into `starts`) that hold each triple of bytes.
    trigrams: Trigrams,
}

/// A word list being read, a few words at a time ([`WordList::prepare`]): the dictionary's
/// exact forms in fst order, then laid out shortest first and their triples counted, then
/// written.
#[derive(Debug, Clone)]
enum Reading {
    /// Reading the exact forms in fst order (in `read`, with their lengths), after the
    /// key `after` (from the first when `None`).
    Keys {
        read: LaidOut,
        lengths: Vec<u32>,
        after: Option<Vec<u8>>,
    },
    /// Laying the words of `read` out in `list`, shortest first: those of `order` (the
    /// words of `read` by length, then in fst order) before `next` are laid.
    Lay {
        read: LaidOut,
        order: Vec<u32>,
        list: LaidOut,
        next: usize,
    },
    /// Counting the triples of the words of `list` before `next`.
    Count {
        list: LaidOut,
        triples: TrigramCounter,
        next: usize,
    },
    /// Writing the triples of the words of `list` before `next`.
    Write {
        list: LaidOut,
        triples: TrigramWriter,
        next: usize,
    },
}

impl Reading {
    fn start() -> Self {
        Reading::Keys {
            read: LaidOut::default(),
            lengths: Vec::new(),
            after: None,
        }
    }

    /// Goes on for at most `budget` words (a key read, a word's triples counted or
    /// written); the list once it is whole, else where it stopped. Moving from one step
    /// to the next takes no budget, so the list is always whole after `usize::MAX`.
    fn advance(mut self, terms: &Map<&[u8]>, mut budget: usize) -> Result<LaidOut, Box<Reading>> {
        loop {
            self = match self {
                Reading::Keys {
                    mut read,
                    mut lengths,
                    mut after,
                } => {
                    let search = terms.search(ExactForms(fst::automaton::AlwaysMatch));
                    let mut stream = match &after {
                        Some(key) => search.gt(key),
                        None => search,
                    }
                    .into_stream();
                    let mut ended = false;
                    while budget > 0 {
                        let Some((key, ordinal)) = stream.next() else {
                            ended = true;
                            break;
                        };
                        budget -= 1;
                        read.push(key, ordinal, &mut lengths);
                        if budget == 0 {
                            // Where the next call goes on.
                            after = Some(key.to_vec());
                        }
                    }
                    if !ended {
                        return Err(Box::new(Reading::Keys { read, lengths, after }));
                    }
                    let order = by_length(&lengths);
                    let list = LaidOut {
                        text: String::with_capacity(read.text.len()),
                        starts: Vec::with_capacity(read.starts.len()),
                        trigrams: Trigrams::default(),
                    };
                    Reading::Lay {
                        read,
                        order,
                        list,
                        next: 0,
                    }
                }
                Reading::Lay {
                    read,
                    order,
                    mut list,
                    mut next,
                } => {
                    let laid = take_steps(&mut next, order.len(), &mut budget, |k| {
                        let i = order[k] as usize;
                        list.push_word(read.word(i), read.starts[i].1);
                    });
                    if !laid {
                        return Err(Box::new(Reading::Lay {
                            read,
                            order,
                            list,
                            next,
                        }));
                    }
                    Reading::Count {
                        list,
                        triples: TrigramCounter::default(),
                        next: 0,
                    }
                }
                Reading::Count {
                    list,
                    mut triples,
                    mut next,
                } => {
                    let counted = take_steps(&mut next, list.starts.len(), &mut budget, |i| {
                        triples.count(list.word(i).as_bytes());
                    });
                    if !counted {
                        return Err(Box::new(Reading::Count { list, triples, next }));
                    }
                    Reading::Write {
                        list,
                        triples: triples.into_writer(),
                        next: 0,
                    }
                }
                Reading::Write {
                    mut list,
                    mut triples,
                    mut next,
                } => {
                    let written = take_steps(&mut next, list.starts.len(), &mut budget, |i| {
                        triples.write(list.word(i).as_bytes());
                    });
                    if !written {
                        return Err(Box::new(Reading::Write { list, triples, next }));
                    }
                    list.trigrams = triples.finish();
                    return Ok(list);
                }
            };
        }
    }
}

/// Calls `f` with the numbers from `*next` on, below `len` and at most `*budget` of them,
/// taking them from the budget; whether `len` is reached.
fn take_steps(next: &mut usize, len: usize, budget: &mut usize, f: impl FnMut(usize)) -> bool {
    let end = next.saturating_add(*budget).min(len);
    (*next..end).for_each(f);
    *budget -= end - *next;
    *next = end;
    end == len
}

/// The numbers of words of these `lengths`, shortest first: a counting sort by length
/// keeps the order of ties.
fn by_length(lengths: &[u32]) -> Vec<u32> {
    let longest = lengths.iter().max().map_or(0, |&l| l as usize);
    sort::by_small_key(
        &(0..lengths.len() as u32).collect::<Vec<u32>>(),
        longest + 1,
        |&i| lengths[i as usize] as usize,
    )
}

impl LaidOut {
    /// Reads the exact-form terms out of the dictionary, all at once.
    #[cfg(test)]
    fn new(terms: &Map<&[u8]>) -> Self {
        Reading::start().advance(terms, usize::MAX).unwrap_or_default()
    }

    /// Adds a key read in fst order (not a word when it is not UTF-8 or holds `'\n'`).
    fn push(&mut self, key: &[u8], ordinal: u64, lengths: &mut Vec<u32>) {
        // The text's length must fit the starts' u32.
        let (Ok(key), Ok(_), Ok(ordinal), Ok(length)) = (
            std::str::from_utf8(key),
            u32::try_from(self.text.len()),
            u32::try_from(ordinal),
            u32::try_from(key.len()),
        ) else {
            return;
        };
        if key.contains('\n') {
            return;
        }
        self.push_word(key, ordinal);
        lengths.push(length);
    }

    /// Lays `word`, of this `ordinal`, after the words laid.
    fn push_word(&mut self, word: &str, ordinal: u32) {
        self.starts.push((self.text.len() as u32, ordinal));
        self.text.push_str(word);
        self.text.push('\n');
    }

    /// The word at index `i` of `starts`.
    fn word(&self, i: usize) -> &str {
        let start = self.starts[i].0 as usize;
        let end = self
            .starts
            .get(i + 1)
            .map_or(self.text.len(), |&(next, _)| next as usize)
            - 1; // before its '\n'
        &self.text[start..end]
    }
}

impl<'a> WordList<'a> {
    /// The exact-form terms of `terms`, read at the first search (see [`WordList`]).
    pub fn new(terms: &Map<&'a [u8]>) -> Self {
        WordList {
            terms: terms.clone(),
            laid: std::cell::OnceCell::new(),
            reading: RefCell::default(),
            recent: RefCell::default(),
        }
    }

    /// The words laid end to end, the rest read now if this is the first search.
    fn laid(&self) -> &LaidOut {
        if self.laid.get().is_none() {
            let whole = self.prepare(usize::MAX);
            debug_assert!(whole, "a read of usize::MAX steps ends");
        }
        // `prepare(usize::MAX)` always ends with the list set.
        self.laid.get_or_init(LaidOut::default)
    }

    /// Reads the words on for at most `steps` steps (a word read, laid out, its triples
    /// counted, then listed: four steps a word; none for 0), so that a caller with a frame to keep (a
    /// page's main thread) can read them between its tasks instead of in the first search
    /// for a part; returns whether the list is whole. Searches give the same answers
    /// however it was read.
    ///
    /// ```
    /// use findling::search::word_list::WordList;
    /// let bytes = fst::Map::from_iter([("aaab", 0), ("aab", 1), ("ab", 2), ("xaabx", 3)]).unwrap();
    /// let list = WordList::new(&fst::Map::new(bytes.as_fst().as_bytes()).unwrap());
    /// let mut steps = 0;
    /// while !list.prepare(2) {
    ///     steps += 1;
    /// }
    /// assert_eq!(steps, 7); // 4 words read, laid, counted and listed, 2 a call (and 1 more
    ///                       // call finds that no word is left to read)
    /// assert_eq!(list.containing("aab").len(), 2);
    /// ```
    pub fn prepare(&self, steps: usize) -> bool {
        if self.laid.get().is_some() {
            return true;
        }
        let reading = self.reading.take().map_or_else(Reading::start, |r| *r);
        match reading.advance(&self.terms, steps) {
            Ok(laid) => {
                // Set just now: `laid` was empty and nothing else sets it.
                let _ = self.laid.set(laid);
                true
            }
            Err(reading) => {
                *self.reading.borrow_mut() = Some(reading);
                false
            }
        }
    }

    /// The terms that contain `needle`, other than `needle` itself, shortest first (then
    /// alphabetical: the closest compounds of a word are the short ones), at most
    /// [`MAX_EXPANSIONS`].
    ///
    /// ```
    /// use findling::search::word_list::WordList;
    /// let bytes = fst::Map::from_iter([("aaab", 0), ("aab", 1), ("ab", 2), ("xaabx", 3)]).unwrap();
    /// let list = WordList::new(&fst::Map::new(bytes.as_fst().as_bytes()).unwrap());
    /// let found: Vec<String> = list.containing("aab").into_iter().map(|(w, _)| w).collect();
    /// assert_eq!(found, ["aaab", "xaabx"]);
    /// ```
    pub fn containing(&self, needle: &str) -> Vec<(String, u64)> {
        if needle.is_empty() || needle.contains('\n') {
            return Vec::new();
        }
        let laid = self.laid();
        let wanted = |i: &u32| {
            let word = laid.word(*i as usize);
            word != needle && holds(word.as_bytes(), needle.as_bytes())
        };
        // A remembered needle that this one contains: its words are all the candidates.
        let narrower = self
            .recent
            .borrow()
            .iter()
            .filter(|(n, _)| needle.contains(n.as_str()))
            .map(|(_, words)| Rc::clone(words))
            .min_by_key(|words| words.len());
        // The words are shortest first: the first found are the ones kept.
        let found: Vec<u32> = match (narrower, laid.trigrams.candidates(needle.as_bytes())) {
            (Some(words), _) => words.iter().copied().filter(wanted).collect(),
            (None, Some(candidates)) => candidates.filter(wanted).take(MAX_EXPANSIONS).collect(),
            // Shorter than a triple (no part is): every word is a candidate.
            (None, None) => (0..laid.starts.len() as u32)
                .filter(wanted)
                .take(MAX_EXPANSIONS)
                .collect(),
        };
        if found.len() < MAX_EXPANSIONS {
            // Every word that contains the needle (but the needle itself, which no longer
            // needle contains).
            let mut recent = self.recent.borrow_mut();
            if recent.len() >= CACHED_NEEDLES {
                recent.remove(0);
            }
            recent.push((needle.to_owned(), Rc::from(found.as_slice())));
        }
        found
            .into_iter()
            .map(|i| {
                let ordinal = laid.starts[i as usize].1;
                (laid.word(i as usize).to_owned(), u64::from(ordinal))
            })
            .collect()
    }
}

/// Whether `word` contains `needle` (not empty): its first byte looked for, the rest
/// compared where it stands. A dictionary word is a few bytes long, too short for a
/// vector searcher to pay for starting.
fn holds(word: &[u8], needle: &[u8]) -> bool {
    let Some((&first, rest)) = needle.split_first() else {
        return true;
    };
    let Some(last_start) = word.len().checked_sub(needle.len()) else {
        return false;
    };
    (0..=last_start).any(|k| word[k] == first && word[k + 1..].iter().zip(rest).all(|(a, b)| a == b))
}

#[cfg(test)]
pub(in crate::search) mod tests {
    use super::*;

    /// The first [`MAX_EXPANSIONS`] of `found`, shortest words first (then alphabetical):
    /// what [`WordList::containing`] keeps.
    pub(in crate::search) fn shortest_first(mut found: Vec<(String, u64)>) -> Vec<(String, u64)> {
        sort::top_by(&mut found, MAX_EXPANSIONS, |a, b| {
            a.0.len().cmp(&b.0.len()).then_with(|| a.0.cmp(&b.0))
        });
        found
    }

    pub(in crate::search) fn map(words: &[&str]) -> Vec<u8> {
        let mut sorted: Vec<&str> = words.to_vec();
        sorted.sort();
        let mut b = fst::MapBuilder::memory();
        for (i, w) in sorted.iter().enumerate() {
            b.insert(w, i as u64).unwrap();
        }
        b.into_inner().unwrap()
    }

    #[test]
    fn word_list_finds_parts_anywhere_including_overlapping_starts() {
        let words = ["aab", "abab", "xaabx", "ab", "ba", "aaab", "aabaab", "\u{1}aab"];
        let bytes = map(&words);
        let m = Map::new(bytes.as_slice()).unwrap();
        let found: Vec<String> = WordList::new(&m)
            .containing("aab")
            .into_iter()
            .map(|(w, _)| w)
            .collect();
        assert_eq!(found, ["aaab", "xaabx", "aabaab"]);
        assert!(WordList::new(&m).containing("").is_empty());
    }

    #[test]
    fn remembered_needles_give_what_a_fresh_scan_gives() {
        let words = [
            "aab", "abab", "xaabx", "ab", "ba", "aaab", "aabaab", "baab", "abaa",
        ];
        let bytes = map(&words);
        let m = Map::new(bytes.as_slice()).unwrap();
        let typing = WordList::new(&m);
        for needle in [
            "a", "aa", "aab", "aaba", "aab", "b", "ab", "bab", "abab", "aa", "baa", "baab",
        ] {
            assert_eq!(
                typing.containing(needle),
                WordList::new(&m).containing(needle),
                "{needle}"
            );
        }
    }

    #[test]
    fn keys_that_are_no_words_are_skipped_however_the_list_is_read() {
        let keys: [&[u8]; 7] = [b"a\xff", b"ab", b"a\nb", b"abc", b"\x01ab", b"b\xc3", b"bcd"];
        let mut sorted = keys.to_vec();
        sorted.sort();
        let bytes = fst::Map::from_iter(sorted.iter().enumerate().map(|(i, k)| (k, i as u64)))
            .unwrap()
            .into_fst()
            .into_inner();
        let m = Map::new(bytes.as_slice()).unwrap();
        let whole = LaidOut::new(&m);
        assert_eq!(whole.text, "ab\nabc\nbcd\n");
        for steps in 1..=5 {
            let stepped = WordList::new(&m);
            while !stepped.prepare(steps) {}
            assert_eq!(stepped.laid.get(), Some(&whole), "{steps} steps a call");
        }
    }

    proptest::proptest! {
        #[test]
        fn a_word_list_read_in_steps_is_the_one_read_at_once(
            words in proptest::collection::btree_set("\u{1}?[ab\n]{1,6}|[a-z]{1,12}", 0..200),
            steps in 1usize..40,
        ) {
            let list: Vec<&str> = words.iter().map(String::as_str).collect();
            let bytes = map(&list);
            let m = Map::new(bytes.as_slice()).unwrap();
            let stepped = WordList::new(&m);
            let mut calls = 0;
            while !stepped.prepare(steps) {
                calls += 1;
                // A call that says "not yet" took all its steps, of at most four a key.
                proptest::prop_assert!(calls * steps <= 4 * words.len());
            }
            proptest::prop_assert!(stepped.prepare(0));
            proptest::prop_assert_eq!(stepped.laid.get(), Some(&LaidOut::new(&m)));
        }

        #[test]
        fn words_containing_a_part_are_those_a_naive_filter_finds(
            words in proptest::collection::btree_set("[ab]{1,9}", 1..300),
            needle in "[ab]{1,4}",
        ) {
            let list: Vec<&str> = words.iter().map(String::as_str).collect();
            let bytes = map(&list);
            let m = Map::new(bytes.as_slice()).unwrap();
            let naive: Vec<(String, u64)> = list
                .iter()
                .enumerate()
                .filter(|(_, w)| w.contains(needle.as_str()) && **w != needle)
                .map(|(i, w)| (w.to_string(), i as u64))
                .collect();
            proptest::prop_assert_eq!(WordList::new(&m).containing(&needle), shortest_first(naive));
        }
    }
}
