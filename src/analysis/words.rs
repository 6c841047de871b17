//! The words of a text (UAX #29 word boundaries), exactly as `unicode_word_indices` of
//! the unicode-segmentation crate gives them, with the plain-ASCII stretches read by the
//! few rules that apply to ASCII instead of the Unicode tables: most words of German,
//! Danish and English prose are ASCII, and finding the words is most of the cost of an
//! excerpt from a long document.
//!
//! The text is cut where a word boundary is certain and no rule looks across it: before
//! an ASCII letter or digit that follows a space or a line feed (no rule joins either to
//! what follows, and no rule that decides a later boundary looks further back than the
//! letter itself). A piece with a byte beyond ASCII is left to the crate, unless the byte is
//! part of a Latin-1 letter (`À` to `ÿ` but `×` and `÷`: `æ`, `ø`, `ä`, `ß` of Danish and
//! German words), a letter to UAX #29 like `a`. In the other pieces a word is a run of
//! letters, digits and `_` (WB5, WB8–WB10, WB13a/b), which goes on over one `:` `.` `'`
//! between two letters (WB6/7) and over one `,` `;` `.` `'` between two digits (WB11/12);
//! a run without a letter or digit is not a word.

use unicode_segmentation::{UnicodeSegmentation, UnicodeWordIndices};

/// The words of `text` with their byte offsets: what `text.unicode_word_indices()` gives.
///
/// ```
/// # use findling::analysis::words::word_indices;
/// let text = "Daten-Schutz: 3.14 Ärger can't stop_here … ok";
/// let words: Vec<_> = word_indices(text).collect();
/// assert_eq!(words, [(0, "Daten"), (6, "Schutz"), (14, "3.14"), (19, "Ärger"), (26, "can't"), (32, "stop_here"), (46, "ok")]);
/// ```
pub fn word_indices(text: &str) -> WordIndices<'_> {
    WordIndices {
        text,
        at: 0,
        ascii_end: 0,
        other: None,
    }
}

/// The iterator of [`word_indices`].
#[derive(Debug)]
pub struct WordIndices<'a> {
    text: &'a str,
    /// Where reading goes on.
    at: usize,
    /// The end of the piece of ASCII and Latin-1 letters being read (at most `at` when
    /// there is none).
    ascii_end: usize,
    /// The piece with other bytes beyond ASCII being read by the crate, and where it starts.
    other: Option<(usize, UnicodeWordIndices<'a>)>,
}

impl<'a> Iterator for WordIndices<'a> {
    type Item = (usize, &'a str);

    fn next(&mut self) -> Option<(usize, &'a str)> {
        let bytes = self.text.as_bytes();
        loop {
            if let Some((base, words)) = &mut self.other {
                match words.next() {
                    Some((i, word)) => return Some((*base + i, word)),
                    None => self.other = None,
                }
            }
            if self.at < self.ascii_end {
                match ascii_word(bytes, self.at, self.ascii_end) {
                    Some((start, end)) => {
                        self.at = end;
                        return Some((start, &self.text[start..end]));
                    }
                    None => self.at = self.ascii_end,
                }
            }
            if self.at >= bytes.len() {
                return None;
            }
            // The next piece: ASCII and Latin-1 letters up to the last cut before another
            // byte beyond ASCII, or (from such a byte's piece) up to the next cut.
            match foreign(bytes, self.at) {
                None => self.ascii_end = bytes.len(),
                Some(other) => {
                    let start = last_cut(bytes, self.at, other);
                    if start > self.at {
                        self.ascii_end = start;
                        continue;
                    }
                    let end = next_cut(bytes, other + 1);
                    // Cuts fall before ASCII bytes, so both ends are character boundaries.
                    self.other = Some((start, self.text[start..end].unicode_word_indices()));
                    self.at = end;
                }
            }
        }
    }
}

/// Whether a word boundary at byte `k` is certain and no rule looks across it: the
/// words of `text[k..]` are then those of `text` from `k` on.
pub fn is_cut(bytes: &[u8], k: usize) -> bool {
    k > 0 && k < bytes.len() && matches!(bytes[k - 1], b' ' | b'\n') && bytes[k].is_ascii_alphanumeric()
}

/// The last cut in `from..=to` after `from`, or `from`.
fn last_cut(bytes: &[u8], from: usize, to: usize) -> usize {
    (from + 1..=to).rev().find(|&k| is_cut(bytes, k)).unwrap_or(from)
}

/// The first cut at or after `from`, or the end.
fn next_cut(bytes: &[u8], from: usize) -> usize {
    (from..bytes.len())
        .find(|&k| is_cut(bytes, k))
        .unwrap_or(bytes.len())
}

/// The bytes of the letter at `i`, 0 if there is none: an ASCII letter, or one of Latin-1
/// (`À` to `ÿ` but `×` and `÷`, two bytes), which UAX #29 counts as letters (ALetter) alike.
fn letter_at(bytes: &[u8], i: usize) -> usize {
    match bytes.get(i) {
        Some(b) if b.is_ascii_alphabetic() => 1,
        Some(0xC3)
            if bytes
                .get(i + 1)
                .is_some_and(|&c| (0x80..=0xBF).contains(&c) && c != 0x97 && c != 0xB7) =>
        {
            2
        }
        _ => 0,
    }
}

/// Where the first byte at or after `from` is that is neither ASCII nor part of a Latin-1
/// letter ([`letter_at`]).
fn foreign(bytes: &[u8], from: usize) -> Option<usize> {
    let mut i = from;
    while i < bytes.len() {
        if bytes[i].is_ascii() {
            i += 1;
        } else if letter_at(bytes, i) == 2 {
            i += 2;
        } else {
            return Some(i);
        }
    }
    None
}

/// [`UNITS`] of an ASCII letter, digit or `_`.
const ONE: u8 = 1;

/// [`UNITS`] of `0xC3`, the first byte of a Latin-1 letter in a piece ([`letter_at`]).
const TWO: u8 = 2;

/// Per byte of a piece of ASCII and Latin-1 letters, the bytes of the letter, digit or
/// `_` it starts (0: none): in a piece, `0xC3` always starts a letter ([`foreign`] ends
/// a piece before any other byte beyond ASCII), so one lookup says what [`letter_at`]
/// and the tests for a digit or `_` say.
const UNITS: [u8; 256] = {
    let mut units = [0u8; 256];
    let mut b = 0;
    while b < 128 {
        if (b as u8).is_ascii_alphanumeric() || b as u8 == b'_' {
            units[b] = ONE;
        }
        b += 1;
    }
    units[0xC3] = TWO;
    units
};

/// The first word in the piece `bytes[from..end]` (ASCII and Latin-1 letters), as a byte
/// range.
fn ascii_word(bytes: &[u8], from: usize, end: usize) -> Option<(usize, usize)> {
    // The bytes of the letter, digit or `_` at `i` within the piece, 0 if none.
    let unit = |i: usize| match bytes.get(i) {
        Some(&b) if i < end => usize::from(UNITS[usize::from(b)]),
        _ => 0,
    };
    let mut i = from;
    while i < end {
        let n = unit(i);
        if n == 0 {
            i += 1;
            continue;
        }
        let start = i;
        // Where the word's last letter, digit or `_` starts, and where the word ends.
        let (mut last, mut at) = (i, i + n);
        let mut alphanumeric = bytes[i] != b'_';
        loop {
            let n = unit(at);
            if n > 0 {
                alphanumeric |= bytes[at] != b'_';
                (last, at) = (at, at + n);
                continue;
            }
            if at + 1 < end {
                // The byte between first: most words end before a space.
                let (mid, next) = (bytes[at], at + 1);
                let letters = matches!(mid, b':' | b'.' | b'\'')
                    && letter_at(bytes, last) > 0
                    && unit(next) > 0
                    && letter_at(bytes, next) > 0;
                let digits = matches!(mid, b',' | b';' | b'.' | b'\'')
                    && bytes[last].is_ascii_digit()
                    && bytes[next].is_ascii_digit();
                if letters || digits {
                    (last, at) = (next, next + unit(next));
                    continue;
                }
            }
            break;
        }
        if alphanumeric {
            return Some((start, at));
        }
        i = at;
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn same(text: &str) {
        let fast: Vec<(usize, &str)> = word_indices(text).collect();
        let reference: Vec<(usize, &str)> = text.unicode_word_indices().collect();
        assert_eq!(fast, reference, "{text:?}");
    }

    #[test]
    fn every_pair_and_triple_of_ascii_boundary_classes() {
        let chars = [
            "a", "Z", "7", "_", ".", ":", ",", ";", "'", "\"", " ", "\n", "\r", "\t", "-", "/", "@", "ä",
            "\u{301}", "Ø", "ß", "ÿ", "×", "÷", "ª", "\u{b7}", "\u{ad}",
        ];
        for a in chars {
            for b in chars {
                for c in chars {
                    same(&format!("{a}{b}{c}"));
                    same(&format!("x{a}{b}{c}y 1{a}{b}{c}2 "));
                }
            }
        }
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(2000))]

        #[test]
        fn equals_the_unicode_segmentation_crate(
            text in r"([a-cA-C0-9_.:,;'\x22 \n\r\t/-]|ä|ß|é|ø|Å|×|÷|\u{ad}|\u{301}|\u{345}|\u{200d}|\u{a0}|\u{b7}|\u{5d0}|\u{30a2}|\u{1f1e9}|\u{1f600}|\u{ff0e}){0,40}"
        ) {
            let fast: Vec<(usize, &str)> = word_indices(&text).collect();
            let reference: Vec<(usize, &str)> = text.unicode_word_indices().collect();
            prop_assert_eq!(fast, reference);
        }
    }
}
