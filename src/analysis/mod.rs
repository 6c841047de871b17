//! The one analyzer: turns text into index terms, for documents and queries alike.
//!
//! build.rs includes this file through `#[path]` and the library compiles it as
//! `findling::analysis`, so a word is analyzed by the same code whether it is being
//! indexed or typed into the search box. Changing what a term looks like means bumping
//! [`ANALYZER_VERSION`]: the index header records it and the reader refuses an index
//! built by another analyzer.
//!
//! The pipeline, in order, each step with its reason:
//!
//! 1. **Segment** into words by Unicode UAX #29 word boundaries
//!    (`unicode-segmentation`), keeping only words with a letter or digit: punctuation
//!    and spaces are never terms, and every script gets a sensible split.
//! 2. **Lowercase** with Unicode's full case mapping: a search box is case-blind.

use unicode_segmentation::UnicodeSegmentation;

/// Version of the term pipeline above; stored in the index header.
pub const ANALYZER_VERSION: u32 = 1;

/// Words longer than this many bytes are not indexed: no reader types them, and they
/// would bloat the term dictionary (base64 blobs, long URLs).
pub const MAX_TERM_BYTES: usize = 64;

/// One word of a text, with where it stands.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Token {
    /// The index term the word analyzes to.
    pub term: String,
    /// Byte offset of the word's first byte in the analyzed text.
    pub start: usize,
    /// Byte offset one past the word's last byte.
    pub end: usize,
    /// The word's ordinal among the words of the text (0, 1, 2, …).
    pub position: u32,
}

/// Splits `text` into tokens, in text order.
///
/// ```
/// use findling::analysis::tokens;
/// let t = tokens("Das neue Sicherheitsgesetz, BEHÖRDEN!");
/// let terms: Vec<&str> = t.iter().map(|t| t.term.as_str()).collect();
/// assert_eq!(terms, ["das", "neue", "sicherheitsgesetz", "behörden"]);
/// assert_eq!((t[2].start, t[2].end, t[2].position), (9, 26, 2));
/// ```
pub fn tokens(text: &str) -> Vec<Token> {
    let mut out = Vec::new();
    let mut position = 0u32;
    for (start, word) in text.unicode_word_indices() {
        if word.len() > MAX_TERM_BYTES {
            continue;
        }
        out.push(Token {
            term: normalize(word),
            start,
            end: start + word.len(),
            position,
        });
        position = position.saturating_add(1);
    }
    out
}

/// The terms of `text`, in order: [`tokens`] without the offsets.
///
/// ```
/// assert_eq!(findling::analysis::terms("Zoom-Hochzeit"), ["zoom", "hochzeit"]);
/// ```
pub fn terms(text: &str) -> Vec<String> {
    tokens(text).into_iter().map(|t| t.term).collect()
}

/// Normalizes one word (already segmented) to its term.
fn normalize(word: &str) -> String {
    word.to_lowercase()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Golden table: input ⇥ expected terms.
    const GOLDEN: &[(&str, &[&str])] = &[
        ("", &[]),
        ("  ,;  ", &[]),
        ("Zoom", &["zoom"]),
        ("Hongkongs Behörden", &["hongkongs", "behörden"]),
        (
            "US-Videokonferenz-Plattform",
            &["us", "videokonferenz", "plattform"],
        ),
        ("„Ein Land, zwei Systeme“", &["ein", "land", "zwei", "systeme"]),
        ("7,5 Metern", &["7,5", "metern"]),
        ("Østerbro Fjernsyn", &["østerbro", "fjernsyn"]),
        ("STÖßT", &["stößt"]),
    ];

    #[test]
    fn golden_terms() {
        for (input, expected) in GOLDEN {
            assert_eq!(terms(input), *expected, "row {input:?}");
        }
    }

    #[test]
    fn offsets_point_at_the_word() {
        let text = "Über  die Brücke – schnell.";
        for t in tokens(text) {
            assert_eq!(normalize(&text[t.start..t.end]), t.term);
        }
    }

    #[test]
    fn overlong_words_are_skipped() {
        let long = "a".repeat(MAX_TERM_BYTES + 1);
        assert_eq!(terms(&format!("x {long} y")), ["x", "y"]);
    }
}
