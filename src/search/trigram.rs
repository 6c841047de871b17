//! The words that hold each triple of bytes, for finding the words that contain a
//! compound part without scanning them all.
//!
//! A part of five letters or more is looked for inside every word of the dictionary
//! ([`WordList`](super::word_list::WordList)); a scan of all of them (1.42 MB on de-10k)
//! was most of a five-letter keystroke's expansion. Every word that contains the needle
//! contains each of its triples, so only the words listed for its rarest triple are
//! checked. Triples are hashed into [`BUCKETS`] lists, which a few share: a word listed
//! is a candidate, checked with the needle itself.

/// Lists the triples are hashed into: a bucket holds the words of every triple hashed
/// to it (on de-10k, about 20,000 distinct triples into 65,536 buckets).
pub const BUCKETS: usize = 1 << 16;

/// Per bucket of triples, the words (their numbers in the list they came from) that
/// hold a triple of it, ascending, as varint gaps.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Trigrams {
    /// Where each bucket's list starts in `lists`, and where the last ends.
    starts: Vec<u32>,
    /// The lists: each word's number minus the one before it (the first plus one), as
    /// LEB128 varints.
    lists: Vec<u8>,
}

/// The bucket of a triple of bytes, given as `first << 16 | second << 8 | third`.
fn bucket(triple: u32) -> usize {
    (triple.wrapping_mul(0x9E37_79B1) >> 16) as usize
}

/// Calls `f` with each triple of bytes of `word`, as [`bucket`] takes them.
fn for_each_triple(word: &[u8], mut f: impl FnMut(u32)) {
    let mut triple = 0u32;
    for (k, &byte) in word.iter().enumerate() {
        triple = (triple << 8 | u32::from(byte)) & 0xFF_FFFF;
        if k >= 2 {
            f(triple);
        }
    }
}

/// The bytes of `gap` as a LEB128 varint.
fn varint_len(gap: u32) -> u32 {
    1 + [1 << 7, 1 << 14, 1 << 21, 1 << 28]
        .iter()
        .map(|&limit| u32::from(gap >= limit))
        .sum::<u32>()
}

impl Trigrams {
    /// Lists the triples of `words` (a word is numbered by its place in the iteration).
    /// Two passes: one measures each list, one writes it ([`TrigramCounter`]).
    #[cfg(test)]
    pub fn new<'w>(words: impl Iterator<Item = &'w [u8]> + Clone) -> Self {
        let mut counter = TrigramCounter::default();
        words.clone().for_each(|word| counter.count(word));
        let mut writer = counter.into_writer();
        words.for_each(|word| writer.write(word));
        writer.finish()
    }

    /// The words that may contain `needle`: every word that does, ascending, and some
    /// that do not. `None` for a needle shorter than three bytes.
    ///
    /// The words of its two rarest triples' buckets: those of the rarest, kept when the
    /// second lists them too (both lists are read only as far as the words asked for).
    pub fn candidates(&self, needle: &[u8]) -> Option<impl Iterator<Item = u32> + '_> {
        let list = |b: usize| &self.lists[self.starts[b] as usize..self.starts[b + 1] as usize];
        // The two shortest lists of different buckets, each with its bucket.
        let (mut first, mut second): (Option<Listed>, Option<Listed>) = (None, None);
        for_each_triple(needle, |triple| {
            let b = bucket(triple);
            let l = (b, list(b));
            if first.is_some_and(|f| f.0 == b) || second.is_some_and(|s| s.0 == b) {
                return;
            }
            if first.is_none_or(|f| l.1.len() < f.1.len()) {
                second = first;
                first = Some(l);
            } else if second.is_none_or(|s| l.1.len() < s.1.len()) {
                second = Some(l);
            }
        });
        let mut words = Gaps::new(first?.1);
        let mut also = second.map(|s| Gaps::new(s.1).peekable());
        Some(std::iter::from_fn(move || loop {
            let word = words.next()?;
            let Some(also) = &mut also else {
                return Some(word);
            };
            while also.next_if(|&w| w < word).is_some() {}
            match also.peek() {
                Some(&w) if w == word => return Some(word),
                Some(_) => continue,
                None => return None,
            }
        }))
    }

    /// Bytes held.
    pub fn heap_bytes(&self) -> usize {
        self.starts.len() * 4 + self.lists.len()
    }
}

/// [`Trigrams`] built a word at a time, so that the work can be cut into steps: every
/// word is counted, then the counter turns into a [`TrigramWriter`], which is given the
/// same words in the same order. The first pass measures each bucket's list, the second
/// writes it.
///
/// ```
/// use findling::search::trigram::TrigramCounter;
/// let words: [&[u8]; 3] = [b"abc", b"abcd", b"xbcd"];
/// let mut counter = TrigramCounter::default();
/// words.iter().for_each(|w| counter.count(w));
/// let mut writer = counter.into_writer();
/// words.iter().for_each(|w| writer.write(w));
/// let triples = writer.finish();
/// assert_eq!(triples.candidates(b"bcd").unwrap().collect::<Vec<_>>(), [1, 2]);
/// ```
#[derive(Debug, Clone)]
pub struct TrigramCounter {
    /// Per bucket, the number (plus one) of the last word counted, 0 for none.
    last: Vec<u32>,
    /// Per bucket (shifted by one), the bytes of its list.
    sizes: Vec<u32>,
    /// The words counted.
    words: u32,
}

impl Default for TrigramCounter {
    /// A counter of no word yet, its tables made.
    fn default() -> Self {
        TrigramCounter {
            last: vec![0; BUCKETS],
            sizes: vec![0; BUCKETS + 1],
            words: 0,
        }
    }
}

impl TrigramCounter {
    /// Counts the triples of the next word.
    pub fn count(&mut self, word: &[u8]) {
        self.words += 1;
        let (i, last, sizes) = (self.words, &mut self.last, &mut self.sizes);
        for_each_triple(word, |triple| {
            let b = bucket(triple);
            if last[b] != i {
                sizes[b + 1] += varint_len(i - last[b]);
                last[b] = i;
            }
        });
    }

    /// Ends the counting: the writer of the lists measured.
    pub fn into_writer(self) -> TrigramWriter {
        let mut starts = self.sizes;
        for b in 1..starts.len() {
            starts[b] += starts[b - 1];
        }
        TrigramWriter {
            lists: vec![0u8; starts[BUCKETS] as usize],
            ends: starts.clone(),
            starts,
            last: vec![0; BUCKETS],
            words: 0,
            counted: self.words,
        }
    }
}

/// The second pass of [`TrigramCounter`]: the words counted, written into their lists.
#[derive(Debug, Clone)]
pub struct TrigramWriter {
    /// Per bucket, the number (plus one) of the last word written, 0 for none.
    last: Vec<u32>,
    /// Where each bucket's list starts in `lists`, and where the last ends.
    starts: Vec<u32>,
    /// Where each bucket's list goes on.
    ends: Vec<u32>,
    /// The lists.
    lists: Vec<u8>,
    /// The words written.
    words: u32,
    /// The words counted: as many may be written.
    counted: u32,
}

impl TrigramWriter {
    /// Writes the next word into the lists of its triples: the words counted, in the
    /// same order. A word beyond them is left out (the lists have no room for it).
    ///
    /// # Panics
    ///
    /// When given another word than the one counted at its place, whose triples the
    /// lists have no room for.
    pub fn write(&mut self, word: &[u8]) {
        if self.words == self.counted {
            return;
        }
        self.words += 1;
        let (i, last, ends, lists) = (self.words, &mut self.last, &mut self.ends, &mut self.lists);
        for_each_triple(word, |triple| {
            let b = bucket(triple);
            if last[b] == i {
                return;
            }
            let mut gap = i - last[b];
            last[b] = i;
            let at = &mut ends[b];
            while gap >= 0x80 {
                lists[*at as usize] = gap as u8 | 0x80;
                gap >>= 7;
                *at += 1;
            }
            lists[*at as usize] = gap as u8;
            *at += 1;
        });
    }

    /// The lists written.
    pub fn finish(self) -> Trigrams {
        Trigrams {
            starts: self.starts,
            lists: self.lists,
        }
    }
}

/// A bucket and its list.
type Listed<'l> = (usize, &'l [u8]);

/// The words of one bucket's list, ascending, decoded from their varint gaps.
struct Gaps<'l> {
    bytes: std::slice::Iter<'l, u8>,
    /// The last word given, plus one (0 before the first).
    word: u32,
}

impl<'l> Gaps<'l> {
    fn new(list: &'l [u8]) -> Self {
        Gaps {
            bytes: list.iter(),
            word: 0,
        }
    }
}

impl Iterator for Gaps<'_> {
    type Item = u32;

    fn next(&mut self) -> Option<u32> {
        let mut gap = 0u32;
        let mut shift = 0;
        loop {
            let byte = *self.bytes.next()?;
            gap |= u32::from(byte & 0x7f) << shift;
            if byte < 0x80 {
                break;
            }
            shift += 7;
        }
        self.word += gap;
        Some(self.word - 1)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn a_short_needle_has_no_candidates() {
        let t = Trigrams::new(["abc", "abcd"].iter().map(|w| w.as_bytes()));
        assert!(t.candidates(b"ab").is_none());
        assert!(t.candidates(b"bcd").unwrap().any(|i| i == 1));
    }

    proptest! {
        #[test]
        fn every_word_that_contains_the_needle_is_a_candidate(
            words in proptest::collection::vec("[abc]{0,9}|[a-z]{0,40}", 0..300),
            needle in "[abc]{3,6}|[a-z]{3,5}",
        ) {
            let t = Trigrams::new(words.iter().map(|w| w.as_bytes()));
            let candidates: Vec<u32> = t.candidates(needle.as_bytes()).unwrap().collect();
            prop_assert!(candidates.windows(2).all(|w| w[0] < w[1]));
            prop_assert!(candidates.iter().all(|&i| (i as usize) < words.len()));
            for (i, w) in words.iter().enumerate() {
                if w.contains(needle.as_str()) {
                    prop_assert!(candidates.contains(&(i as u32)), "{} in {}", needle, w);
                }
            }
        }
    }
}
