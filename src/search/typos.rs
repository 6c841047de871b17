//! An fst automaton for typo matching: the dictionary words within `max` typos of a
//! query word, where a typo is a letter inserted, deleted, replaced, or two neighbours
//! swapped (optimal string alignment distance, counted in letters, not bytes).
//!
//! It runs the edit-distance table one row per letter of the dictionary word as the fst
//! is walked, and stops a branch as soon as every cell exceeds `max`. Unlike a
//! Levenshtein DFA it costs nothing to build, which matters because the widget builds
//! one for the word being typed on every keystroke.

use fst::Automaton;

/// Longest query word handled, in letters (index terms are at most 64 bytes).
pub const MAX_LETTERS: usize = 64;

/// The automaton for one query word.
#[derive(Debug, Clone)]
pub struct Typos {
    word: Vec<char>,
    max: u8,
}

/// Where the walk stands: the last two rows of the table, the last letter read, and the
/// bytes of a letter whose UTF-8 encoding is not complete yet.
#[derive(Debug, Clone)]
pub struct TypoState {
    row: [u8; MAX_LETTERS + 1],
    previous: [u8; MAX_LETTERS + 1],
    last: Option<char>,
    pending: u32,
    pending_bytes: u8,
}

impl Typos {
    /// The automaton for `word` with at most `max` typos; `None` if the word is longer
    /// than [`MAX_LETTERS`].
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
            max: max.min(u32::from(u8::MAX - 1)) as u8,
        })
    }

    fn n(&self) -> usize {
        self.word.len()
    }

    /// The next row of the table after reading letter `c`.
    fn step(&self, state: &TypoState, c: char) -> TypoState {
        let n = self.n();
        let cap = self.max + 1;
        let mut row = [cap; MAX_LETTERS + 1];
        row[0] = state.row[0].saturating_add(1).min(cap);
        for j in 1..=n {
            let cost = u8::from(self.word[j - 1] != c);
            let mut best = state.row[j - 1]
                .saturating_add(cost)
                .min(state.row[j].saturating_add(1))
                .min(row[j - 1].saturating_add(1));
            // A swap of neighbours: this letter and the last one, the other way round.
            if j > 1 && state.last == Some(self.word[j - 1]) && self.word[j - 2] == c {
                best = best.min(state.previous[j - 2].saturating_add(1));
            }
            row[j] = best.min(cap);
        }
        TypoState {
            row,
            previous: state.row,
            last: Some(c),
            pending: 0,
            pending_bytes: 0,
        }
    }
}

impl Automaton for Typos {
    type State = TypoState;

    fn start(&self) -> TypoState {
        let mut row = [self.max + 1; MAX_LETTERS + 1];
        for (j, cell) in row.iter_mut().enumerate().take(self.n() + 1) {
            *cell = (j as u8).min(self.max + 1);
        }
        TypoState {
            row,
            previous: [self.max + 1; MAX_LETTERS + 1],
            last: None,
            pending: 0,
            pending_bytes: 0,
        }
    }

    fn is_match(&self, state: &TypoState) -> bool {
        state.pending_bytes == 0 && state.row[self.n()] <= self.max
    }

    fn can_match(&self, state: &TypoState) -> bool {
        state.row[..=self.n()].iter().any(|&d| d <= self.max)
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
        let a = Typos::new(word, max).unwrap();
        let mut s = a.start();
        for &b in key.as_bytes() {
            s = a.accept(&s, b);
        }
        a.is_match(&s)
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
        ] {
            assert_eq!(matches(word, max, key), expected, "{word} ~{max} {key}");
        }
    }

    proptest::proptest! {
        #[test]
        fn agrees_with_the_table(a in "[abcö]{0,7}", b in "[abcö]{0,7}", max in 0u32..3) {
            proptest::prop_assert_eq!(matches(&a, max, &b), distance(&a, &b) <= max as usize);
        }
    }
}
