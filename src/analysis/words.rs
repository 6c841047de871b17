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

use std::convert::Infallible;
use std::ops::ControlFlow;
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

/// Calls `each` with every word of `text` and its byte offset, in order: what
/// [`word_indices`] gives, read in one loop per piece instead of one call per word (a
/// caller that takes every word, as language detection does, skips the iterator's state).
///
/// ```
/// # use findling::analysis::words::{each_word, word_indices};
/// let text = "Daten-Schutz: „3.14“ Ärger can't stop_here … ok";
/// let mut words = Vec::new();
/// each_word(text, |i, w| words.push((i, w)));
/// assert_eq!(words, word_indices(text).collect::<Vec<_>>());
/// ```
pub fn each_word<'a>(text: &'a str, mut each: impl FnMut(usize, &'a str)) {
    let all = try_each_word(text, |i, w| {
        each(i, w);
        ControlFlow::<Infallible>::Continue(())
    });
    match all {
        ControlFlow::Continue(()) => {}
        ControlFlow::Break(never) => match never {},
    }
}

/// [`each_word`] until `each` breaks: what it broke with.
///
/// ```
/// # use findling::analysis::words::try_each_word;
/// use std::ops::ControlFlow;
/// let mut words = Vec::new();
/// let stopped = try_each_word("eins zwei drei", |i, w| {
///     words.push(w);
///     if w == "zwei" { ControlFlow::Break(i) } else { ControlFlow::Continue(()) }
/// });
/// assert_eq!((words, stopped), (vec!["eins", "zwei"], ControlFlow::Break(5)));
/// ```
pub fn try_each_word<'a, B>(
    text: &'a str,
    mut each: impl FnMut(usize, &'a str) -> ControlFlow<B>,
) -> ControlFlow<B> {
    let bytes = text.as_bytes();
    let mut at = 0;
    while at < bytes.len() {
        // A piece of ASCII and Latin-1 letters up to the last cut before another byte
        // beyond ASCII, then that byte's piece up to the next cut (as `next` reads them).
        let (ascii_end, other) = match foreign(bytes, at) {
            None => (bytes.len(), None),
            Some(other) => {
                let start = last_cut(bytes, at, other);
                (start, Some((start, next_cut(bytes, other + 1))))
            }
        };
        while let Some((start, end)) = ascii_word(bytes, at, ascii_end) {
            each(start, &text[start..end])?;
            at = end;
        }
        at = ascii_end;
        if let Some((start, end)) = other {
            // Cuts fall before ASCII bytes, so both ends are character boundaries.
            for (i, word) in text[start..end].unicode_word_indices() {
                each(start + i, word)?;
            }
            at = end;
        }
    }
    ControlFlow::Continue(())
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
/// letter ([`letter_at`]). Eight ASCII bytes at a time: most text is.
fn foreign(bytes: &[u8], from: usize) -> Option<usize> {
    const HIGH: u64 = 0x8080_8080_8080_8080;
    let mut i = from;
    while i < bytes.len() {
        if let Some(eight) = bytes.get(i..i + 8) {
            let eight = u64::from_le_bytes(eight.try_into().expect("eight bytes"));
            if eight & HIGH == 0 {
                i += 8;
                continue;
            }
        }
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

/// A byte's part in a word of a piece ([`foreign`] leaves only ASCII bytes and Latin-1
/// letters in one, so a byte beyond ASCII is a letter's lead byte `0xC3` or the byte after it).
const LETTER: u8 = 1;
const DIGIT: u8 = 2;
const UNDERSCORE: u8 = 4;
/// Joins two letters (WB6/7).
const MID_LETTER: u8 = 8;
/// Joins two digits (WB11/12).
const MID_NUMBER: u8 = 16;
/// A letter, digit or `_`: a byte of a word.
const UNIT: u8 = LETTER | DIGIT | UNDERSCORE;

/// Each byte's class in a piece.
const CLASS: [u8; 256] = {
    let mut class = [0u8; 256];
    let mut b = 0;
    while b < 256 {
        let c = b as u8;
        class[b] = if c.is_ascii_alphabetic() || c >= 0x80 {
            LETTER
        } else if c.is_ascii_digit() {
            DIGIT
        } else if c == b'_' {
            UNDERSCORE
        } else {
            let mut mid = 0;
            if matches!(c, b':' | b'.' | b'\'') {
                mid |= MID_LETTER;
            }
            if matches!(c, b',' | b';' | b'.' | b'\'') {
                mid |= MID_NUMBER;
            }
            mid
        };
        b += 1;
    }
    class
};

/// The first word in the piece `bytes[from..end]` (ASCII and Latin-1 letters), as a byte
/// range. A word is a run of letters, digits and `_` with at least one letter or digit,
/// going on over one [`MID_LETTER`] between letters and one [`MID_NUMBER`] between digits.
fn ascii_word(bytes: &[u8], from: usize, end: usize) -> Option<(usize, usize)> {
    let piece = &bytes[..end];
    let class = |b: u8| CLASS[usize::from(b)];
    let mut i = from;
    while i < piece.len() {
        if class(piece[i]) & UNIT == 0 {
            i += 1;
            continue;
        }
        let start = i;
        // `seen` gathers the classes of the run's bytes, from its first: a run that
        // holds no letter or digit (only `_`) is no word.
        let mut seen = class(piece[i]);
        let mut at = i + 1;
        loop {
            while let Some(&b) = piece.get(at) {
                let c = class(b);
                if c & UNIT == 0 {
                    break;
                }
                seen |= c;
                at += 1;
            }
            // `at - 1` is the run's last byte (the second byte of a Latin-1 letter is a
            // letter's), `at` a byte that is not a unit; one joining byte between two
            // letters or two digits goes on with the word (most runs end at a space).
            if let [last, mid, next, ..] = piece[at - 1..] {
                let mid = class(mid);
                if mid & (MID_LETTER | MID_NUMBER) != 0 {
                    let (last, next) = (class(last), class(next));
                    if (last & next & LETTER != 0 && mid & MID_LETTER != 0)
                        || (last & next & DIGIT != 0 && mid & MID_NUMBER != 0)
                    {
                        at += 1;
                        continue;
                    }
                }
            }
            break;
        }
        if seen & (LETTER | DIGIT) != 0 {
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
        let mut each = Vec::new();
        each_word(text, |i, w| each.push((i, w)));
        assert_eq!(fast, reference, "{text:?}");
        assert_eq!(each, reference, "{text:?}");
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
            let mut each = Vec::new();
            each_word(&text, |i, w| each.push((i, w)));
            prop_assert_eq!(&fast, &reference);
            prop_assert_eq!(each, reference);
        }
    }
}
