//! Cleaning: turns a pasted page into the article it carries (title, body, metadata).
//!
//! This is the general first pass, in order:
//!
//! 1. **Normalise** line endings (`\r\n`, `\r` → `\n`) and whitespace inside a line
//!    (runs of spaces, tabs and no-break spaces → one space; trimmed ends), so that the
//!    same paragraph pasted twice compares equal.
//! 2. **Split into blocks**: every non-empty line is a block (pasted pages put one
//!    paragraph on a line).
//! 3. **Drop repeats**: a block equal to an earlier block of the same document is a
//!    page that repeats itself, not new text.
//! 4. **Title** is the first block; the body is the rest.
//!
//! The block list with a keep/drop verdict per block is the seam where the full
//! boilerplate classifier plugs in.

use crate::document::Document;
use crate::language;

/// Why a block was kept or dropped.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Verdict {
    /// Kept as the document's title.
    Title,
    /// Kept as body text.
    Body,
    /// Dropped: repeats an earlier block of the same document.
    Repeat,
}

impl Verdict {
    /// Whether the block ends up in the document.
    pub fn kept(self) -> bool {
        matches!(self, Verdict::Title | Verdict::Body)
    }
}

/// One block of a page with its verdict.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Block {
    /// The block's normalised text.
    pub text: String,
    /// Keep or drop, and why.
    pub verdict: Verdict,
}

/// A page after cleaning.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Cleaned {
    /// Every block of the page, in page order, with its verdict.
    pub blocks: Vec<Block>,
}

impl Cleaned {
    /// The headline (empty if the page had no text).
    pub fn title(&self) -> &str {
        self.blocks
            .iter()
            .find(|b| b.verdict == Verdict::Title)
            .map_or("", |b| b.text.as_str())
    }

    /// The body: kept blocks after the title, separated by a blank line.
    pub fn body(&self) -> String {
        let body: Vec<&str> = self
            .blocks
            .iter()
            .filter(|b| b.verdict == Verdict::Body)
            .map(|b| b.text.as_str())
            .collect();
        body.join("\n\n")
    }

    /// The document these blocks make, under the given id.
    /// The language is detected from the kept text.
    pub fn into_document(self, id: String) -> Document {
        let title = self.title().to_owned();
        let text = self.body();
        let lang = language::detect_text(&format!("{title}\n{text}")).map(|l| l.code().to_owned());
        Document {
            id,
            title,
            text,
            lang,
            ..Document::default()
        }
    }

    /// How many blocks were dropped.
    pub fn dropped(&self) -> usize {
        self.blocks.iter().filter(|b| !b.verdict.kept()).count()
    }
}

/// Cleans one pasted page.
///
/// ```
/// use findling::clean::clean;
/// let page = "Headline\r\n\r\nFirst  paragraph.\nFirst paragraph.\n";
/// let c = clean(page);
/// assert_eq!(c.title(), "Headline");
/// assert_eq!(c.body(), "First paragraph.");
/// assert_eq!(c.dropped(), 1);
/// ```
pub fn clean(raw: &str) -> Cleaned {
    let mut blocks: Vec<Block> = Vec::new();
    for line in raw.split(['\n', '\r']) {
        let text = normalize_whitespace(line);
        if text.is_empty() {
            continue;
        }
        let verdict = if blocks.iter().any(|b| b.text == text) {
            Verdict::Repeat
        } else if blocks.is_empty() {
            Verdict::Title
        } else {
            Verdict::Body
        };
        blocks.push(Block { text, verdict });
    }
    Cleaned { blocks }
}

/// Collapses every run of whitespace to one space and trims the ends.
fn normalize_whitespace(line: &str) -> String {
    line.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_endings_and_whitespace_are_normalised() {
        let c = clean("T\r\na\u{a0}\t b  \rc");
        let texts: Vec<&str> = c.blocks.iter().map(|b| b.text.as_str()).collect();
        assert_eq!(texts, ["T", "a b", "c"]);
    }

    #[test]
    fn a_repeated_block_is_dropped_once_seen() {
        let c = clean("T\nx y\nz\nx  y\n");
        assert_eq!(c.body(), "x y\n\nz");
        assert_eq!(c.blocks[3].verdict, Verdict::Repeat);
    }

    #[test]
    fn empty_page_has_empty_title_and_body() {
        let c = clean(" \n\n");
        assert_eq!((c.title(), c.body().as_str()), ("", ""));
    }
}
