//! Reads plain text: paragraphs are separated by blank lines, and the lines of a
//! hard-wrapped paragraph are joined again, so a phrase across a line break is found.
//!
//! Two shapes of text meet here. Pasted pages put one paragraph on a line and stack page
//! chrome in runs of short lines (a caption, a credit, a dateline): every line is its own
//! block. Clean text is often hard-wrapped at a fixed width (READMEs, mail, package
//! descriptions, man pages): there a line break inside a paragraph is only a wrap. The
//! reader tells them apart by the evidence of the file itself:
//!
//! 1. **Wrap width.** A file is hard-wrapped when at least [`MIN_WRAPPED_LINES`] lines are
//!    followed by another line of their paragraph, the longest of those is
//!    [`MIN_WRAP_WIDTH`]–[`MAX_WRAP_WIDTH`] characters long, most of them reach within
//!    [`WRAP_SLACK`] of it, and most of them end inside a sentence (a page with one
//!    paragraph a line ends its lines with sentences).
//! 2. **Wrapped lines are joined** when the line is full: the next line's first word would
//!    not have fitted on it. A short line (an item, a synopsis, an address line) and a
//!    line before a list item keep their break.
//! 3. **Continuations are joined in any file**: a line that starts with closing
//!    punctuation, or in lowercase after a line that stopped mid-sentence, continues the
//!    line before it (text converted from HTML puts inline code on lines of its own).

use super::{BlockKind, RawBlock};

/// Fewest lines inside paragraphs (followed by another line) that show a wrap width.
pub const MIN_WRAPPED_LINES: usize = 3;

/// Widest wrap width recognised: terminals, mail and code are wrapped at 72–100 columns;
/// longer lines are paragraphs of their own.
pub const MAX_WRAP_WIDTH: usize = 100;

/// Narrowest wrap width recognised: below it, short lines are lines of their own.
pub const MIN_WRAP_WIDTH: usize = 40;

/// How far below the wrap width a wrapped line may end (a long next word moved down).
pub const WRAP_SLACK: usize = 20;

/// The paragraphs of `text`, each one block.
///
/// ```
/// use findling::corpus::text::read;
/// let text = "Title\n\nA hard-wrapped paragraph of plain text that goes on\nfor a few lines, as plain text files often do when\nsomebody wraps them at a fixed width of sixty.\n\nAnother paragraph.\n";
/// let blocks: Vec<String> = read(text).into_iter().map(|b| b.text).collect();
/// assert_eq!(blocks[1], "A hard-wrapped paragraph of plain text that goes on for a few lines, as plain text files often do when somebody wraps them at a fixed width of sixty.");
/// assert_eq!(blocks.len(), 3);
/// ```
pub fn read(text: &str) -> Vec<RawBlock> {
    let mut blocks = Vec::new();
    each_block(text, &mut |block| {
        blocks.push(RawBlock::new(block, BlockKind::Paragraph))
    });
    blocks
}

/// The texts of the blocks [`read`] gives (each a [`RawBlock::new`] paragraph, its
/// whitespace not yet collapsed), handed to `each` one at a time: a large file's blocks
/// need never be all in memory, and a block of one line is the line itself, not a copy.
pub fn each_block(text: &str, each: &mut dyn FnMut(&str)) {
    let width = wrap_width(text);
    // The block being read: one line of `text`, or lines joined in `joined`.
    let mut line_of_text: Option<&str> = None;
    let mut joined = String::new();
    let mut flush = |line_of_text: &mut Option<&str>, joined: &mut String| {
        if let Some(line) = line_of_text.take() {
            each(line);
        } else if !joined.is_empty() {
            each(joined);
            joined.clear();
        }
    };
    each_paragraph(text, |paragraph| {
        for (i, line) in paragraph.iter().enumerate() {
            let line = line.trim();
            if i > 0 && joins(paragraph[i - 1].trim(), line, width) {
                if let Some(first) = line_of_text.take() {
                    joined.push_str(first);
                }
                if !hyphen_wrap(&joined) {
                    joined.push(' ');
                }
                joined.push_str(line);
            } else {
                flush(&mut line_of_text, &mut joined);
                line_of_text = Some(line);
            }
        }
        flush(&mut line_of_text, &mut joined);
    });
}

/// Calls `f` with the lines of each paragraph of `text` (runs of lines that are not
/// blank, each trimmed at its end), in order.
fn each_paragraph<'t>(text: &'t str, mut f: impl FnMut(&[&'t str])) {
    let mut paragraph: Vec<&str> = Vec::new();
    for line in lines(text).map(str::trim_end) {
        if !line.trim().is_empty() {
            paragraph.push(line);
        } else if !paragraph.is_empty() {
            f(&paragraph);
            paragraph.clear();
        }
    }
    if !paragraph.is_empty() {
        f(&paragraph);
    }
}

/// The lines of `text`: what `text.split(['\n', '\r'])` gives, found by `memchr` rather
/// than a character at a time (CR and LF are single bytes in UTF-8).
fn lines(text: &str) -> impl Iterator<Item = &str> {
    let bytes = text.as_bytes();
    let mut start = Some(0);
    std::iter::from_fn(move || {
        let from = start?;
        let rest = &bytes[from..];
        let end = memchr::memchr2(b'\n', b'\r', rest);
        start = end.map(|i| from + i + 1);
        Some(&text[from..end.map_or(bytes.len(), |i| from + i)])
    })
}

/// A line that ends in a hyphen after a letter was wrapped inside a hyphenated word
/// (`Video-` / `Konferenz`): the next line follows without a space, hyphen kept.
fn hyphen_wrap(current: &str) -> bool {
    let mut end = current.chars().rev();
    end.next() == Some('-') && end.next().is_some_and(char::is_alphabetic)
}

/// The wrap width of a hard-wrapped text, or `None` if its lines are not wrapped.
fn wrap_width(text: &str) -> Option<usize> {
    // The lines followed by another line of their paragraph: how many, the widest, how
    // many of each width up to the widest recognised (a wider line rules a wrap out),
    // and how many end a sentence. Counts, not a list of widths: a large file's lines
    // cost nothing.
    let (mut inner, mut widest, mut ends) = (0, 0, 0);
    let mut widths = [0usize; MAX_WRAP_WIDTH + 1];
    each_paragraph(text, |p| {
        for l in &p[..p.len() - 1] {
            let width = l.trim().chars().count();
            inner += 1;
            widest = widest.max(width);
            if let Some(n) = widths.get_mut(width) {
                *n += 1;
            }
            ends += usize::from(l.trim_end().ends_with(['.', '!', '?', '"', '”', '“']));
        }
    });
    if inner < MIN_WRAPPED_LINES || !(MIN_WRAP_WIDTH..=MAX_WRAP_WIDTH).contains(&widest) {
        return None;
    }
    let near: usize = widths[widest.saturating_sub(WRAP_SLACK)..].iter().sum();
    (near * 2 >= inner && ends * 2 < inner).then_some(widest)
}

/// Whether `line` continues `before` in the same block.
fn joins(before: &str, line: &str, width: Option<usize>) -> bool {
    if continues(before, line) {
        return true;
    }
    let Some(width) = width else {
        return false;
    };
    let first_word = line.split_whitespace().next().map_or(0, |w| w.chars().count());
    let full = before.chars().count() + 1 + first_word + WRAP_SLACK / 2 > width;
    full && !list_item(line)
}

/// A line that can only continue the one before: it starts with punctuation that
/// closes or continues a sentence, or it starts in lowercase after a line that stopped
/// mid-sentence (no punctuation at its end). A line that ends with a comma or a stop
/// ("Liebe Leser,") was a line of its own.
fn continues(before: &str, line: &str) -> bool {
    let Some(first) = line.chars().next() else {
        return false;
    };
    let open_end = before.chars().last().is_some_and(char::is_alphanumeric);
    matches!(first, ',' | '.' | ';' | ':' | ')' | ']' | '!' | '?') || first.is_lowercase() && open_end
}

/// A line that starts a list item: a bullet or a number with `.` or `)`.
fn list_item(line: &str) -> bool {
    let rest = line.trim_start_matches(|c: char| c.is_ascii_digit());
    let marker = if rest.len() < line.len() {
        rest.strip_prefix(['.', ')'])
    } else {
        line.strip_prefix(['-', '*', '•', '–', '+'])
    };
    marker.is_some_and(|after| after.starts_with(' '))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(text: &str) -> Vec<String> {
        read(text).into_iter().map(|b| b.text).collect()
    }

    #[test]
    fn pasted_pages_keep_one_block_per_line() {
        let page = "Titel der Seite\n\nTitelbild\nLogo.Foto: Jemand/Agentur\nZeitung 8. Juli 2020\n\nDer erste Absatz ist eine lange Zeile, wie sie beim Einfügen einer Seite entsteht, und er geht noch weiter.\n";
        assert_eq!(
            texts(page),
            [
                "Titel der Seite",
                "Titelbild",
                "Logo.Foto: Jemand/Agentur",
                "Zeitung 8. Juli 2020",
                "Der erste Absatz ist eine lange Zeile, wie sie beim Einfügen einer Seite entsteht, und er geht noch weiter."
            ]
        );
    }

    #[test]
    fn wrapped_paragraphs_are_joined_but_lists_and_short_lines_are_not() {
        let text = "The package provides a small library that other programs\nuse to read and write the format, with tools built on\ntop of it for the command line.\n\nIt offers:\n- reading\n- writing\n\nExit status:\n0\nSuccess\n";
        assert_eq!(
            texts(text),
            [
                "The package provides a small library that other programs use to read and write the format, with tools built on top of it for the command line.",
                "It offers:",
                "- reading",
                "- writing",
                "Exit status:",
                "0",
                "Success",
            ]
        );
    }

    #[test]
    fn a_line_starting_in_lowercase_continues_the_one_before() {
        let text = "Das geschieht mit dem Befehl\nadduser\n, der einen Namen annimmt.\n";
        assert_eq!(
            texts(text),
            ["Das geschieht mit dem Befehl adduser , der einen Namen annimmt."]
        );
    }

    #[test]
    fn a_line_after_a_comma_or_a_stop_is_its_own() {
        let text = "Liebe Leser,\nvielen Dank, dass Sie hier lesen.\nDas ist alles.\nund noch etwas";
        assert_eq!(
            texts(text),
            [
                "Liebe Leser,",
                "vielen Dank, dass Sie hier lesen.",
                "Das ist alles.",
                "und noch etwas"
            ]
        );
    }

    #[test]
    fn list_items_are_recognised() {
        for line in ["- a", "* b", "• c", "1. d", "12) e"] {
            assert!(list_item(line), "{line}");
        }
        for line in ["-v", "1.5 GB", "Item"] {
            assert!(!list_item(line), "{line}");
        }
    }

    proptest::proptest! {
        #[test]
        fn lines_are_those_split_at_cr_and_lf(pieces in proptest::collection::vec("a|ö|\n|\r| |\u{2028}", 0..20)) {
            let text = pieces.concat();
            let split: Vec<&str> = text.split(['\n', '\r']).collect();
            proptest::prop_assert_eq!(lines(&text).collect::<Vec<_>>(), split);
        }
    }
}
