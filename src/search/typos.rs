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
//! band of each row that can stay within `max` (five cells for two typos), and of that
//! band only, per number of typos `d` up to `max`, which cells are within `d`: a bit
//! each, so a row is a few bytes to copy (the walk copies a state for every branch it
//! takes) and the next one a few shifts and ors (Wu and Manber's bit-parallel matching
//! with errors, here for a whole word against a whole word). Unlike a Levenshtein DFA
//! it costs nothing to build, which matters because the widget builds one for the word
//! being typed on every keystroke.

use fst::Automaton;

/// Longest query word handled, in letters (index terms are at most 64 bytes).
pub const MAX_LETTERS: usize = 64;

/// Most typos a word may have (a larger `max` counts as this many).
pub const MAX_TYPOS: u32 = 2;

/// Typo counts a state tracks: `0 ..= MAX_TYPOS`.
const LEVELS: usize = MAX_TYPOS as usize + 1;

/// The automaton for one query word.
#[derive(Debug, Clone)]
pub struct Typos {
    word: Vec<char>,
    max: u8,
    /// Per ASCII letter, the columns whose letter it is: bit `j - 1` for column `j`
    /// (the query word's `j`th letter).
    ascii: [u64; 128],
}

/// Where the walk stands after reading `read` letters of a dictionary word.
///
/// Row `read` of the table is kept as its band, cells `read - max ..= read + max` of
/// the query word (columns `0 ..= n`: the first `j` letters of the query word), bit `k`
/// standing for column `read - max + k`; a cell outside the word is never set. Small,
/// because the fst walk copies a state for every branch it takes.
#[derive(Debug, Clone)]
pub struct TypoState {
    /// Per `d`, the cells of row `read` within `d` typos.
    within: [u8; LEVELS],
    /// The same for row `read - 1` (a swap of neighbours reaches two rows back).
    before: [u8; LEVELS],
    /// The cells of row `read` whose column's letter is the last letter read.
    last: u8,
    read: u16,
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
        let mut ascii = [0u64; 128];
        for (i, &c) in word.iter().enumerate().take(MAX_LETTERS) {
            if let Some(columns) = ascii.get_mut(c as usize) {
                *columns |= 1 << i;
            }
        }
        (word.len() <= MAX_LETTERS).then(|| Typos {
            word,
            max: max.min(MAX_TYPOS) as u8,
            ascii,
        })
    }

    /// The columns (bit `j - 1` for column `j`) whose letter is `c`.
    fn columns_of(&self, c: char) -> u64 {
        match self.ascii.get(c as usize) {
            Some(&columns) => columns,
            None => (0..)
                .zip(&self.word)
                .filter(|&(_, &l)| l == c)
                .fold(0, |m, (i, _)| m | 1 << i),
        }
    }

    /// The cells of row `read` (bit `k` for column `read - max + k`) that stand for a
    /// column, and those whose column's letter is `c`. In 64-bit integers: wasm has no
    /// wider ones.
    fn cells(&self, read: u16, c: char) -> (u8, u8) {
        let (read, max, n) = (i32::from(read), i32::from(self.max), self.word.len() as i32);
        let band = (1u64 << (2 * max + 1)) - 1;
        // Columns 0 ..= n are the cells `max - read ..= n + max - read`.
        let (low, high) = (max - read, n + max - read);
        let valid = if high < 0 || low > 2 * max {
            0
        } else {
            let cells = band >> (2 * max - high.min(2 * max));
            cells & !((1u64 << low.max(0)) - 1)
        };
        // Column `j` is bit `j - 1` of `columns_of`, cell `j - read + max`.
        let shift = read - max - 1;
        let columns = self.columns_of(c);
        let letter = if shift >= 0 {
            columns.checked_shr(shift as u32).unwrap_or(0)
        } else {
            columns << -shift
        };
        (valid as u8, (letter & band & valid) as u8)
    }

    /// The next row of the table after reading letter `c`.
    fn step(&self, state: &TypoState, c: char) -> TypoState {
        let read = state.read.saturating_add(1);
        let (valid, letter) = self.cells(read, c);
        // From cell `k` of the new row: the same column in the row before is its cell
        // `k + 1`; the column before (the diagonal) its cell `k`; the column before in
        // this row cell `k - 1`; and two columns back two rows before (a swap: this letter
        // and the last one, the other way round) also cell `k`, where the query word has
        // this letter then the last one.
        let swap = (letter << 1) & (state.last >> 1);
        let mut within = [0u8; LEVELS];
        for d in 0..=usize::from(self.max) {
            // Read as the query word's next letter.
            let mut row = state.within[d] & letter;
            if d > 0 {
                let fewer = state.within[d - 1];
                // Another letter, a letter more, a letter less, a swap; or fewer typos.
                row |= fewer
                    | (fewer >> 1)
                    | (within[d - 1] << 1)
                    | (state.before[d - 1] & swap)
                    | within[d - 1];
            }
            within[d] = row & valid;
        }
        let limit = if read == 1 && self.word.first() != Some(&c) {
            self.max.saturating_sub(1)
        } else {
            state.limit
        };
        TypoState {
            within,
            before: state.within,
            last: letter,
            read,
            limit,
            pending: 0,
            pending_bytes: 0,
        }
    }
}

impl Typos {
    /// Whether reading `byte` from `state` leads where reading any other ASCII byte that
    /// is no letter of the word does: the table looks at a letter only through the
    /// columns that hold it (none) and whether it is the word's first (it is not), so a
    /// walk reads such bytes once per node (most of a node's letters are none of the
    /// word's).
    ///
    /// ```
    /// use findling::search::typos::Typos;
    /// use fst::Automaton;
    /// let t = Typos::new("haus", 1).unwrap();
    /// let s = t.accept(&t.start(), b'h');
    /// assert!(t.reads_alike(&s, b'x') && t.reads_alike(&s, b'q') && !t.reads_alike(&s, b'a'));
    /// assert!(!t.reads_alike(&s, 0xc3)); // a letter beyond ASCII
    /// ```
    pub fn reads_alike(&self, state: &TypoState, byte: u8) -> bool {
        state.pending_bytes == 0 && self.ascii.get(usize::from(byte)) == Some(&0)
    }
}

impl Automaton for Typos {
    type State = TypoState;

    fn start(&self) -> TypoState {
        // Row 0: column `j` is `j` typos (the word's first `j` letters left out).
        let mut within = [0u8; LEVELS];
        for (d, cells) in within.iter_mut().enumerate().take(usize::from(self.max) + 1) {
            for j in 0..=d.min(self.word.len()) {
                *cells |= 1 << (j + usize::from(self.max));
            }
        }
        TypoState {
            within,
            before: [0; LEVELS],
            last: 0,
            read: 0,
            limit: self.max,
            pending: 0,
            pending_bytes: 0,
        }
    }

    fn is_match(&self, state: &TypoState) -> bool {
        // The last column's cell, if it lies in the band.
        let k = (self.word.len() + usize::from(self.max)).checked_sub(usize::from(state.read));
        state.pending_bytes == 0
            && k.filter(|&k| k <= 2 * usize::from(self.max))
                .is_some_and(|k| state.within[usize::from(state.limit)] >> k & 1 == 1)
    }

    fn can_match(&self, state: &TypoState) -> bool {
        state.within[usize::from(state.limit)] != 0
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
        fn bytes_read_alike_lead_to_one_state(a in "[abcö]{0,7}", b in "[abcdxö]{0,7}", max in 0u32..3, x in 0u8..128, y in 0u8..128) {
            let t = Typos::new(&a, max).unwrap();
            let mut s = t.start();
            for &byte in b.as_bytes() {
                s = t.accept(&s, byte);
            }
            if t.reads_alike(&s, x) && t.reads_alike(&s, y) {
                let (sx, sy) = (t.accept(&s, x), t.accept(&s, y));
                proptest::prop_assert_eq!(format!("{sx:?}"), format!("{sy:?}"));
            }
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
