//! Finding every place of a short needle in one long text (the dictionary's words laid
//! end to end, see [`WordList`](super::expand::WordList)) with a vector scan for a pair
//! of the needle's bytes, the pair chosen by how often byte pairs occur in that text.
//!
//! memchr's substring search scans for the two bytes of the needle that are rarest in
//! general text and checks each place where both stand. In German words those are often
//! `c` and `h`, which stand together in nearly every word with `ch`: over de-10k's
//! dictionary (1.42 MB), `recht` gave 18,890 places to check for its 430 matches. Counted
//! pairs pick `r…h` instead (4,512 places), and the scan takes about half the time.

use memchr::arch::all::packedpair::HeuristicFrequencyRank;
use memchr::memmem::{Finder, FinderBuilder};

/// How often each pair of adjacent bytes, and each byte, occurs in a text.
#[derive(Debug, Clone)]
pub struct PairCounts {
    /// Indexed by `first << 8 | second`.
    pairs: Vec<u32>,
    /// Indexed by the byte.
    bytes: [u32; 256],
    /// The text's length.
    len: u32,
}

impl Default for PairCounts {
    fn default() -> Self {
        PairCounts {
            pairs: vec![0; 1 << 16],
            bytes: [0; 256],
            len: 0,
        }
    }
}

impl PairCounts {
    /// Counts the pairs and bytes of `text` (after those counted before: texts added one
    /// after the other count as one, but for the pair where they meet).
    pub fn add(&mut self, text: &[u8]) {
        for pair in text.windows(2) {
            let slot = &mut self.pairs[usize::from(pair[0]) << 8 | usize::from(pair[1])];
            *slot = slot.saturating_add(1);
        }
        for &b in text {
            self.bytes[usize::from(b)] = self.bytes[usize::from(b)].saturating_add(1);
        }
        self.len = self.len.saturating_add(text.len() as u32);
    }

    /// The pair of `needle`'s bytes (by their indexes) that occurs together least often
    /// in the text: two neighbours as often as counted, two further apart as often as
    /// independent bytes would (the product of their shares). Only the first of equal
    /// bytes is a candidate. `None` for a needle of fewer than two distinct bytes.
    pub fn rarest_pair(&self, needle: &[u8]) -> Option<(usize, usize)> {
        let firsts: Vec<usize> = (0..needle.len())
            .filter(|&i| !needle[..i].contains(&needle[i]))
            .collect();
        let expected = |i: usize, j: usize| {
            let (a, b) = (usize::from(needle[i]), usize::from(needle[j]));
            if j == i + 1 {
                f64::from(self.pairs[a << 8 | b])
            } else {
                f64::from(self.bytes[a]) * f64::from(self.bytes[b]) / f64::from(self.len.max(1))
            }
        };
        let pairs = firsts
            .iter()
            .enumerate()
            .flat_map(|(k, &i)| firsts[k + 1..].iter().map(move |&j| (i, j)));
        pairs.min_by(|&(a, b), &(c, d)| expected(a, b).total_cmp(&expected(c, d)))
    }

    /// memchr's substring search for `needle`, told to scan for its
    /// [`rarest_pair`](Self::rarest_pair) of bytes.
    pub fn finder<'n>(&self, needle: &'n [u8]) -> Finder<'n> {
        match self.rarest_pair(needle) {
            Some((i, j)) => {
                FinderBuilder::new().build_forward_with_ranker(Chosen([needle[i], needle[j]]), needle)
            }
            None => Finder::new(needle),
        }
    }
}

/// Ranks two bytes rarest, the first before the second: memchr then scans for them.
#[derive(Debug, Clone, Copy)]
struct Chosen([u8; 2]);

impl HeuristicFrequencyRank for Chosen {
    fn rank(&self, byte: u8) -> u8 {
        match self.0.iter().position(|&b| b == byte) {
            Some(k) => k as u8,
            None => u8::MAX,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn the_rarest_pair_is_counted_for_neighbours_and_estimated_for_others() {
        let mut counts = PairCounts::default();
        for word in ["recht", "rechte", "buch", "sache", "sicher", "machen", "hand"] {
            counts.add(word.as_bytes());
        }
        // "ch" is everywhere; "r" and "h" stand apart in few places.
        assert_ne!(counts.rarest_pair(b"recht"), Some((2, 3)));
        assert_eq!(counts.rarest_pair(b"rr"), None);
        assert_eq!(counts.rarest_pair(b"r"), None);
    }

    proptest! {
        #[test]
        fn every_place_is_found_as_memchr_finds_it(
            haystack in proptest::collection::vec(prop_oneof![Just(b'a'), Just(b'b'), Just(b'c'), Just(b'\n')], 0..400),
            needle in proptest::collection::vec(prop_oneof![Just(b'a'), Just(b'b'), Just(b'c')], 1..6),
        ) {
            let mut counts = PairCounts::default();
            counts.add(&haystack);
            let found: Vec<usize> = counts.finder(&needle).find_iter(&haystack).collect();
            let expected: Vec<usize> = memchr::memmem::find_iter(&haystack, &needle).collect();
            prop_assert_eq!(found, expected);
        }
    }
}
