//! An fst automaton for typo matching: the dictionary words within `max` typos of a
//! query word, where a typo is a letter inserted, deleted, replaced, or two neighbours
//! swapped (optimal string alignment distance, counted in letters, not bytes), and a
//! word that does not start with the query word's first letter has a typo more
//! (Meilisearch's rule: people rarely mistype a word's first letter, and a word that
//! starts differently is mostly another word, "Maus" for "Haus"; it also keeps the walk
//! to one first letter's words, or to one typo in the others).
//!
//! It runs the edit-distance table one row per letter of the dictionary word as the fst
//! is walked, and stops a branch as soon as every cell exceeds `max`. It keeps only the
//! band of each row that can stay within `max` (five cells for two typos), so a state is
//! small to copy, which the walk does for every branch. Unlike a
//! Levenshtein DFA it costs nothing to build, which matters because the widget builds
//! one for the word being typed on every keystroke.

use fst::Automaton;

/// Longest query word handled, in letters (index terms are at most 64 bytes).
pub const MAX_LETTERS: usize = 64;

/// Most typos a word may have (a larger `max` counts as this many).
pub const MAX_TYPOS: u32 = 2;

/// Cells of a row kept: with at most `max` typos, only the cells within `max` of the
/// diagonal can stay within `max`, so a row is a band of `2 × max + 1` cells around it.
const BAND: usize = 2 * MAX_TYPOS as usize + 1;

/// The automaton for one query word.
#[derive(Debug, Clone)]
pub struct Typos {
    word: Vec<char>,
    max: u8,
}

/// Where the walk stands: the band of the last two rows of the table, the letters read,
/// the last letter read, the typos still allowed, and the bytes of a letter whose UTF-8
/// encoding is not complete yet. Small, because the fst walk copies a state for every
/// branch it takes.
#[derive(Debug, Clone)]
pub struct TypoState {
    /// Row `read`, cells `read - max ..= read + max` (cells outside the word hold `max + 1`).
    row: [u8; BAND],
    /// Row `read - 1`, cells `read - 1 - max ..= read - 1 + max`.
    previous: [u8; BAND],
    read: u16,
    last: Option<char>,
    /// Typos allowed: `max`, one less once the first letter read is not the word's.
    limit: u8,
    pending: u32,
    pending_bytes: u8,
}

impl Typos {
    /// The automaton for `word` with at most `max` typos (at most [`MAX_TYPOS`]); `None`
    /// if the word is longer than [`MAX_LETTERS`].
    ///
    /// ```
    /// use findling::search::typos::Typos;
    /// let words = fst::Set::from_iter(["micro", "microsoft", "soft"]).unwrap();
    /// use fst::IntoStreamer;
    /// let found = words.search(Typos::new("mircosoft", 1).unwrap()).into_stream().into_strs().unwrap();
    /// assert_eq!(found, ["microsoft"]);
    /// ```
    pub fn new(word: &str, max: u32) -> Option<Self> {
        let word: Vec<char> = word.chars().collect();
        (word.len() <= MAX_LETTERS).then(|| Typos {
            word,
            max: max.min(MAX_TYPOS) as u8,
        })
    }

    fn n(&self) -> usize {
        self.word.len()
    }

    /// Column of the word (0 ..= n) that band cell `k` of row `read` stands for, if any.
    fn column(&self, read: u16, k: usize) -> Option<usize> {
        let j = (usize::from(read) + k).checked_sub(usize::from(self.max))?;
        (j <= self.n()).then_some(j)
    }

    /// The next row of the table after reading letter `c`.
    fn step(&self, state: &TypoState, c: char) -> TypoState {
        let cap = self.max + 1;
        let read = state.read.saturating_add(1);
        let mut row = [cap; BAND];
        // The band moves one column per row. So, from cell `k` of this row: the same
        // column in the row before is its cell `k + 1`; the column before (the diagonal)
        // its cell `k`; and two columns back in the row before that (a swap) also `k`.
        let before = |band: &[u8; BAND], k: usize| band.get(k).copied().unwrap_or(cap);
        for k in 0..BAND {
            let Some(j) = self.column(read, k) else { continue };
            if j == 0 {
                row[k] = u8::try_from(read).unwrap_or(u8::MAX).min(cap);
                continue;
            }
            let cost = u8::from(self.word[j - 1] != c);
            let left = if k > 0 { row[k - 1] } else { cap };
            let mut best = before(&state.row, k)
                .saturating_add(cost)
                .min(before(&state.row, k + 1).saturating_add(1))
                .min(left.saturating_add(1));
            // A swap of neighbours: this letter and the last one, the other way round.
            if j > 1 && state.last == Some(self.word[j - 1]) && self.word[j - 2] == c {
                best = best.min(before(&state.previous, k).saturating_add(1));
            }
            row[k] = best.min(cap);
        }
        let limit = if read == 1 && self.word.first() != Some(&c) {
            self.max.saturating_sub(1)
        } else {
            state.limit
        };
        TypoState {
            row,
            previous: state.row,
            read,
            last: Some(c),
            limit,
            pending: 0,
            pending_bytes: 0,
        }
    }
}

impl Automaton for Typos {
    type State = TypoState;

    fn start(&self) -> TypoState {
        let cap = self.max + 1;
        let mut row = [cap; BAND];
        for (k, cell) in row.iter_mut().enumerate() {
            if let Some(j) = self.column(0, k) {
                *cell = (j as u8).min(cap);
            }
        }
        TypoState {
            row,
            previous: [cap; BAND],
            read: 0,
            last: None,
            limit: self.max,
            pending: 0,
            pending_bytes: 0,
        }
    }

    fn is_match(&self, state: &TypoState) -> bool {
        // The last column's cell, if it lies in the band.
        let k = (self.n() + usize::from(self.max)).checked_sub(usize::from(state.read));
        state.pending_bytes == 0
            && k.and_then(|k| state.row.get(k))
                .is_some_and(|&d| d <= state.limit)
    }

    fn can_match(&self, state: &TypoState) -> bool {
        state.row.iter().any(|&d| d <= state.limit)
    }

    fn accept(&self, state: &TypoState, byte: u8) -> TypoState {
        // Decode UTF-8 on the fly: the table advances once per letter.
        let (code, left) = match (state.pending_bytes, byte) {
            (0, 0x00..=0x7f) => (u32::from(byte), 0),
            (0, 0xc0..=0xdf) => (u32::from(byte & 0x1f), 1),
            (0, 0xe0..=0xef) => (u32::from(byte & 0x0f), 2),
            (0, _) => (u32::from(byte & 0x07), 3),
            (n, _) => ((state.pending << 6) | u32::from(byte & 0x3f), n - 1),
        };
        if left > 0 {
            return TypoState {
                pending: code,
                pending_bytes: left,
                ..state.clone()
            };
        }
        let c = char::from_u32(code).unwrap_or(char::REPLACEMENT_CHARACTER);
        self.step(state, c)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Optimal string alignment distance, the slow way.
    fn distance(a: &str, b: &str) -> usize {
        let (a, b): (Vec<char>, Vec<char>) = (a.chars().collect(), b.chars().collect());
        let mut d = vec![vec![0; b.len() + 1]; a.len() + 1];
        for (i, row) in d.iter_mut().enumerate() {
            row[0] = i;
        }
        d[0] = (0..=b.len()).collect();
        for i in 1..=a.len() {
            for j in 1..=b.len() {
                let cost = usize::from(a[i - 1] != b[j - 1]);
                d[i][j] = (d[i - 1][j] + 1).min(d[i][j - 1] + 1).min(d[i - 1][j - 1] + cost);
                if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                    d[i][j] = d[i][j].min(d[i - 2][j - 2] + 1);
                }
            }
        }
        d[a.len()][b.len()]
    }

    fn matches(word: &str, max: u32, key: &str) -> bool {
        crate::search::expand::accepts(&Typos::new(word, max).unwrap(), key.as_bytes())
    }

    /// Typos of `key` for `word`, the slow way: the distance, and one more when `key`
    /// does not start with `word`'s first letter.
    fn typos(word: &str, key: &str) -> usize {
        let other_start = !key.is_empty() && word.chars().next() != key.chars().next();
        distance(word, key) + usize::from(other_start)
    }

    #[test]
    fn golden_pairs() {
        for (word, max, key, expected) in [
            ("mircosoft", 1, "microsoft", true), // one swap
            ("microsoft", 1, "microsoft", true),
            ("micrsoft", 1, "microsoft", true), // one deletion
            ("mcrsoft", 1, "microsoft", false), // two
            ("mcrsoft", 2, "microsoft", true),
            ("behorden", 1, "behörden", true), // one letter, two bytes
            ("", 0, "", true),
            ("hauser", 1, "mauser", false), // another first letter: two typos
            ("hauser", 2, "mauser", true),
            ("rbeiter", 1, "arbeiter", false), // the first letter left out: two typos
            ("rbeiter", 2, "arbeiter", true),
            ("abeiter", 1, "arbeiter", true), // the second letter left out: one typo
        ] {
            assert_eq!(matches(word, max, key), expected, "{word} ~{max} {key}");
        }
    }

    proptest::proptest! {
        #[test]
        fn agrees_with_the_table(a in "[abcö]{0,7}", b in "[abcö]{0,7}", max in 0u32..3) {
            proptest::prop_assert_eq!(matches(&a, max, &b), typos(&a, &b) <= max as usize);
        }

        #[test]
        fn agrees_with_the_table_on_long_words(a in "[ab]{0,40}", b in "[ab]{0,40}", max in 0u32..3) {
            proptest::prop_assert_eq!(matches(&a, max, &b), typos(&a, &b) <= max as usize);
        }

        #[test]
        fn a_branch_is_given_up_only_when_no_extension_can_match(a in "[abc]{0,9}", b in "[abc]{0,9}", tail in "[abc]{0,4}", max in 0u32..3) {
            // If `b + tail` matches, the walk must not have stopped at `b`.
            let t = Typos::new(&a, max).unwrap();
            let mut s = t.start();
            for &x in b.as_bytes() {
                s = t.accept(&s, x);
            }
            if matches(&a, max, &format!("{b}{tail}")) {
                proptest::prop_assert!(t.can_match(&s));
            }
        }
    }
}
