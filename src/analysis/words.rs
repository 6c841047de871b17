//! The words of a text (UAX #29 word boundaries), exactly as `unicode_word_indices` of
//! the unicode-segmentation crate gives them, with the plain-ASCII stretches read by the
//! few rules that apply to ASCII instead of the Unicode tables: most words of German,
//! Danish and English prose are ASCII, and finding the words is most of the cost of an
//! excerpt from a long document.
//!
//! The text is cut where a word boundary is certain and no rule looks across it: before
//! an ASCII letter or digit that follows a space or a line feed (no rule joins either to
//! what follows, and no rule that decides a later boundary looks further back than the
//! letter itself). A piece with a byte beyond ASCII is left to the crate; in an ASCII
//! piece a word is a run of letters, digits and `_` (WB5, WB8–WB10, WB13a/b), which goes
//! on over one `:` `.` `'` between two letters (WB6/7) and over one `,` `;` `.` `'`
//! between two digits (WB11/12); a run without a letter or digit is not a word.

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
    /// The end of the ASCII piece being read (at most `at` when there is none).
    ascii_end: usize,
    /// The piece with bytes beyond ASCII being read by the crate, and where it starts.
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
            // The next piece: ASCII up to the last cut before a byte beyond ASCII, or
            // (from such a byte's piece) up to the next cut.
            match bytes[self.at..].iter().position(|b| !b.is_ascii()) {
                None => self.ascii_end = bytes.len(),
                Some(first) => {
                    let other = self.at + first;
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

/// The first word in the ASCII piece `bytes[from..end]`, as a byte range.
fn ascii_word(bytes: &[u8], from: usize, end: usize) -> Option<(usize, usize)> {
    let part_of_word = |b: u8| b.is_ascii_alphanumeric() || b == b'_';
    let mut i = from;
    while i < end {
        if !part_of_word(bytes[i]) {
            i += 1;
            continue;
        }
        let start = i;
        let mut last = i;
        loop {
            if last + 1 < end && part_of_word(bytes[last + 1]) {
                last += 1;
                continue;
            }
            if last + 2 < end {
                let (a, mid, b) = (bytes[last], bytes[last + 1], bytes[last + 2]);
                let letters =
                    a.is_ascii_alphabetic() && b.is_ascii_alphabetic() && matches!(mid, b':' | b'.' | b'\'');
                let digits =
                    a.is_ascii_digit() && b.is_ascii_digit() && matches!(mid, b',' | b';' | b'.' | b'\'');
                if letters || digits {
                    last += 2;
                    continue;
                }
            }
            break;
        }
        if bytes[start..=last].iter().any(u8::is_ascii_alphanumeric) {
            return Some((start, last + 1));
        }
        i = last + 1;
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
            "\u{301}",
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
            text in r"([a-cA-C0-9_.:,;'\x22 \n\r\t/-]|ä|ß|é|\u{301}|\u{345}|\u{200d}|\u{a0}|\u{b7}|\u{5d0}|\u{30a2}|\u{1f1e9}|\u{1f600}|\u{ff0e}){0,40}"
        ) {
            let fast: Vec<(usize, &str)> = word_indices(&text).collect();
            let reference: Vec<(usize, &str)> = text.unicode_word_indices().collect();
            prop_assert_eq!(fast, reference);
        }
    }
}
