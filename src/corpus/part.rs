//! Parts of a page too large to be one document: its blocks cut, in order, into runs of
//! at most [`PART_BYTES`] of text, each a page of its own ("part k of n").
//!
//! A build bounds its memory per document (the pipeline holds a few batches of pages and
//! the shard being written), and cleaning and analyzing a page costs some twenty times
//! its text: one 24.6 MB text file took 363 MB as one document. Cut into parts, a file
//! costs its bytes and one part at a time. Nothing is lost: the parts' blocks are the
//! page's blocks in order (with the carried headings below); a block longer than a part is cut at spaces into pieces (a
//! phrase across such a cut is no longer found as a phrase). Each part is cleaned as a
//! page of its own, keeps the page's metadata (title, url, source, date, tags), and its
//! title says which part it is (see [`Part::title`]); the first part keeps the page's
//! id, the others add `#part2`, `#part3`….
//!
//! A part that begins inside a section (under a heading of an earlier part) begins with a
//! copy of that heading, every piece of it, when it is at most [`CARRIED_HEADING_BYTES`]
//! long (the copy is not counted against the part's limit, nor again among the page's
//! words, and never becomes a part's title): its hits then name and link to the section
//! they are in, as the whole page's would. The copy is searchable like the rest of the
//! part, so a query for the heading's words also finds the parts under it.

use super::{BlockKind, Page, RawBlock};
use crate::error::Result;

/// Most bytes of block text in one part. Above the largest page of the bench corpora
/// (all-full's largest file is 283 KB), so that they are indexed exactly as before; and
/// small enough that cleaning and analyzing one part stays a few megabytes (a 512 KiB
/// part of German speeches took 11 MB of heap, a 1 MiB one 20 MB).
pub const PART_BYTES: usize = 384 * 1024;

/// The most bytes of a heading a part carries over from the part before it, every piece
/// of it together: a longer heading is no title of a section, and is not carried once
/// its pieces pass this (a part stays within a kilobyte of its limit).
pub const CARRIED_HEADING_BYTES: usize = 1024;

/// Where a page stands among the parts of a larger page: part `number` (from 1) of `of`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Part {
    /// This part's number, from 1.
    pub number: usize,
    /// How many parts the page was cut into.
    pub of: usize,
    /// How many of its first blocks are copies of the heading of an earlier part that it
    /// begins under (see the module's notes): indexed, and not counted again as words of
    /// the corpus.
    pub carried: usize,
}

impl Part {
    /// The title of this part of a page titled `title`: the reader sees which part of
    /// the file a hit is in. (The words are indexed as title words, as what a result
    /// shows is what a search finds.)
    ///
    /// ```
    /// use findling::corpus::part::Part;
    /// assert_eq!(Part { number: 2, of: 7, carried: 0 }.title("Protokoll"), "Protokoll (part 2 of 7)");
    /// assert_eq!(Part { number: 1, of: 7, carried: 0 }.title(""), "part 1 of 7");
    /// ```
    pub fn title(&self, title: &str) -> String {
        let Part { number, of, .. } = self;
        if title.is_empty() {
            format!("part {number} of {of}")
        } else {
            format!("{title} (part {number} of {of})")
        }
    }
}

/// A page's blocks, given one at a time to the function passed in (a reader's blocks,
/// read as they are handed out): the same every time it is called (a reader run again
/// over the same text).
pub type Blocks<'a> = &'a dyn Fn(&mut dyn FnMut(RawBlock));

/// Gives `page` to `each` whole, or cut into parts when its blocks hold more than
/// [`PART_BYTES`] of text.
///
/// ```
/// use findling::corpus::{part::{split, PART_BYTES}, BlockKind, Page, RawBlock};
/// let paragraph = "Ein Satz mit einigen Wörtern. ".repeat(1000);
/// let blocks = vec![RawBlock::new(&paragraph, BlockKind::Paragraph); 2 * PART_BYTES / paragraph.len()];
/// let page = Page { id: "big".into(), path: "big.txt".into(), format: findling::corpus::Format::Text, meta: Default::default(), blocks, part: None };
/// let mut parts = Vec::new();
/// split(page, &mut |p| Ok(parts.push(p)))?;
/// let ids: Vec<&str> = parts.iter().map(|p| p.id.as_str()).collect();
/// assert_eq!(ids, ["big", "big#part2", "big#part3"]);
/// assert_eq!(parts[2].part.map(|p| (p.number, p.of)), Some((3, 3)));
/// # Ok::<(), findling::Error>(())
/// ```
pub fn split(page: Page, each: &mut dyn FnMut(Page) -> Result<()>) -> Result<()> {
    split_at(page, PART_BYTES, each)
}

/// [`split`] of a page whose blocks `blocks` gives one at a time, the same every time it
/// is called: once to count the parts, then to cut them, so that the page's blocks are
/// never all in memory at once (`page.blocks` is ignored).
pub fn split_each(page: Page, blocks: Blocks<'_>, each: &mut dyn FnMut(Page) -> Result<()>) -> Result<()> {
    split_each_at(page, PART_BYTES, blocks, each)
}

/// [`split`] with parts of at most `limit` bytes.
fn split_at(mut page: Page, limit: usize, each: &mut dyn FnMut(Page) -> Result<()>) -> Result<()> {
    if page.blocks.iter().map(|b| b.text.len()).sum::<usize>() <= limit {
        return each(page);
    }
    let blocks = std::mem::take(&mut page.blocks);
    let of = count(blocks.iter().map(|b| b.text.as_str()), limit);
    let mut parts = Parts::new(page, of, limit, each);
    for b in blocks {
        parts.push(b)?;
    }
    parts.finish()
}

/// [`split_each`] with parts of at most `limit` bytes.
fn split_each_at(
    mut page: Page,
    limit: usize,
    blocks: Blocks<'_>,
    each: &mut dyn FnMut(Page) -> Result<()>,
) -> Result<()> {
    let mut cut = Cut::new(limit);
    let mut of = 0;
    blocks(&mut |block| {
        for piece in pieces(&block.text, limit) {
            of += usize::from(cut.starts_part(piece.len()));
        }
    });
    if of <= 1 {
        page.blocks.clear();
        blocks(&mut |block| page.blocks.push(block));
        return each(page);
    }
    let mut parts = Parts::new(page, of, limit, each);
    let mut result = Ok(());
    blocks(&mut |block| {
        if result.is_ok() {
            result = parts.push(block);
        }
    });
    result?;
    parts.finish()
}

/// The paragraph blocks of the text `text` (before [`RawBlock::new`]), in pieces of at
/// most [`PART_BYTES`] when it is longer: cut from the text, so that a paragraph longer
/// than a part is never copied whole.
pub fn paragraph_blocks(text: &str, each: &mut dyn FnMut(RawBlock)) {
    paragraph_pieces(text, PART_BYTES, each)
}

/// [`paragraph_blocks`] in pieces of at most `limit` bytes.
fn paragraph_pieces(text: &str, limit: usize, each: &mut dyn FnMut(RawBlock)) {
    if text.len() <= limit {
        return each(RawBlock::new(text, BlockKind::Paragraph));
    }
    for piece in pieces(text, limit) {
        let block = RawBlock::new(piece, BlockKind::Paragraph);
        if !block.text.is_empty() {
            each(block);
        }
    }
}

/// The number of parts that blocks of these texts make.
fn count<'t>(texts: impl Iterator<Item = &'t str>, limit: usize) -> usize {
    let mut cut = Cut::new(limit);
    texts
        .flat_map(|t| pieces(t, limit))
        .filter(|p| cut.starts_part(p.len()))
        .count()
}

/// Where parts begin: a piece starts a part when it is the first, or when the part so
/// far would grow past the limit with it.
struct Cut {
    limit: usize,
    /// Bytes of the current part; `None` before the first piece.
    size: Option<usize>,
}

impl Cut {
    fn new(limit: usize) -> Cut {
        Cut { limit, size: None }
    }

    /// Whether a piece of `len` bytes starts a part (and counts it in).
    fn starts_part(&mut self, len: usize) -> bool {
        let starts = self.size.is_none_or(|size| size + len > self.limit);
        self.size = Some(if starts { len } else { self.size.unwrap_or(0) + len });
        starts
    }
}

/// `text` cut at whitespace into pieces of at most `limit` bytes (at a character
/// boundary where a piece has none); one piece when it is short enough. The whitespace
/// character at a cut is dropped (a block's text has single spaces between its words).
fn pieces(text: &str, limit: usize) -> impl Iterator<Item = &str> {
    let mut rest = Some(text);
    std::iter::from_fn(move || {
        let r = rest?;
        if r.len() <= limit {
            rest = None;
            return Some(r);
        }
        let mut end = limit;
        while !r.is_char_boundary(end) {
            end -= 1;
        }
        if end == 0 {
            end = r.char_indices().nth(1).map_or(r.len(), |(i, _)| i);
        }
        let (piece, after) = match r[..end].rfind(char::is_whitespace) {
            Some(space) if space > 0 => {
                let width = r[space..].chars().next().map_or(1, char::len_utf8);
                (&r[..space], &r[space + width..])
            }
            _ => (&r[..end], &r[end..]),
        };
        rest = (!after.is_empty()).then_some(after);
        Some(piece)
    })
}

/// Parts being cut: the current part's blocks in `page`, handed to `each` when full.
struct Parts<'e> {
    /// The page being cut, its blocks those of the current part.
    page: Page,
    /// Parts in all, and parts given so far.
    of: usize,
    given: usize,
    cut: Cut,
    each: &'e mut dyn FnMut(Page) -> Result<()>,
    /// The pieces of the last heading so far (one heading split at a `<br>` is several
    /// heading blocks with one anchor): what a part that begins under it starts with.
    heading: Vec<RawBlock>,
    /// Whether the last block added was a heading.
    after_heading: bool,
    /// The anchor of the last heading block added.
    anchor: Option<String>,
    /// Whether the current heading is still short enough to carry (every piece of it
    /// together at most [`CARRIED_HEADING_BYTES`]).
    carrying: bool,
    /// How many of the current part's blocks are copies of `heading`.
    carried: usize,
}

impl<'e> Parts<'e> {
    fn new(mut page: Page, of: usize, limit: usize, each: &'e mut dyn FnMut(Page) -> Result<()>) -> Self {
        page.blocks.clear();
        Parts {
            page,
            of,
            given: 0,
            cut: Cut::new(limit),
            each,
            heading: Vec::new(),
            after_heading: false,
            anchor: None,
            carrying: false,
            carried: 0,
        }
    }

    /// Adds a block (in pieces, if it is longer than a part).
    fn push(&mut self, block: RawBlock) -> Result<()> {
        let heading = block.kind == BlockKind::Heading;
        // The pieces of one heading split at a `<br>` share its anchor; a heading without
        // an anchor is one piece, and begins another heading.
        let more_of_it = self.after_heading && block.anchor.is_some() && self.anchor == block.anchor;
        if heading && !more_of_it {
            self.heading.clear();
            self.carrying = true;
        }
        if heading {
            self.anchor.clone_from(&block.anchor);
        }
        self.after_heading = heading;
        let copy = (heading && self.carrying).then(|| block.clone());
        if block.text.len() <= self.cut.limit {
            self.push_piece(block)?;
        } else {
            let total = block.text.len();
            for piece in pieces(&block.text, self.cut.limit) {
                let piece = RawBlock {
                    text: piece.to_owned(),
                    kind: block.kind,
                    link_bytes: block.link_bytes * piece.len() / total,
                    slot: block.slot.clone(),
                    anchor: block.anchor.clone(),
                };
                self.push_piece(piece)?;
            }
        }
        if let Some(copy) = copy {
            let bytes: usize = self.heading.iter().map(|h| h.text.len()).sum();
            if bytes + copy.text.len() <= CARRIED_HEADING_BYTES {
                self.heading.push(copy);
            } else {
                // Too long to be the title of a section: this heading is carried by no part.
                self.heading.clear();
                self.carrying = false;
            }
        }
        Ok(())
    }

    /// Adds a piece of a block; a part it begins starts with the heading it is under.
    fn push_piece(&mut self, piece: RawBlock) -> Result<()> {
        if self.cut.starts_part(piece.text.len()) {
            self.give()?;
            // Not counted in the cut: the parts are counted before they are cut.
            if self.given > 0 {
                self.page.blocks.extend(self.heading.iter().cloned());
                self.carried = self.heading.len();
            }
        }
        self.page.blocks.push(piece);
        Ok(())
    }

    /// Hands the blocks so far to `each` as the next part.
    fn give(&mut self) -> Result<()> {
        if self.page.blocks.is_empty() {
            return Ok(());
        }
        self.given += 1;
        let number = self.given;
        let page = &mut self.page;
        let part = Page {
            id: if number == 1 {
                page.id.clone()
            } else {
                format!("{}#part{number}", page.id)
            },
            path: page.path.clone(),
            format: page.format,
            meta: page.meta.clone(),
            blocks: std::mem::take(&mut page.blocks),
            part: Some(Part {
                number,
                of: self.of,
                carried: std::mem::take(&mut self.carried),
            }),
        };
        (self.each)(part)
    }

    /// Hands the last part to `each`.
    fn finish(mut self) -> Result<()> {
        self.give()?;
        debug_assert_eq!(self.given, self.of, "the parts counted are the parts cut");
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::corpus::Format;

    fn page(blocks: &[&str]) -> Page {
        Page {
            id: "big".into(),
            path: "big.txt".into(),
            format: Format::Text,
            meta: Default::default(),
            blocks: blocks
                .iter()
                .map(|b| RawBlock::new(b, BlockKind::Paragraph))
                .collect(),
            part: None,
        }
    }

    /// The parts of `page` at `limit`, by [`split_at`] and by [`split_each_at`].
    fn parts(page: Page, limit: usize) -> Vec<Page> {
        let mut by_each = Vec::new();
        let blocks = page.blocks.clone();
        split_each_at(
            page.clone(),
            limit,
            &|f| {
                for b in &blocks {
                    match b.kind {
                        BlockKind::Paragraph => paragraph_pieces(&b.text, limit, f),
                        _ => f(b.clone()),
                    }
                }
            },
            &mut |p| {
                by_each.push(p);
                Ok(())
            },
        )
        .unwrap();
        let mut out = Vec::new();
        split_at(page, limit, &mut |p| {
            out.push(p);
            Ok(())
        })
        .unwrap();
        assert_eq!(out, by_each);
        out
    }

    #[test]
    fn a_page_within_the_limit_stays_whole() {
        let p = page(&["eins zwei", "drei"]);
        assert_eq!(parts(p.clone(), 13), [p]);
    }

    #[test]
    fn parts_hold_every_block_in_order_and_at_most_the_limit() {
        let texts: Vec<String> = (0..40)
            .map(|i| format!("Absatz {i} mit {}Wörtern", "vielen ".repeat(i % 7)))
            .collect();
        let blocks: Vec<&str> = texts.iter().map(String::as_str).collect();
        let longest = texts.iter().map(String::len).max().unwrap_or(0);
        for limit in [longest, 100, 333] {
            let got = parts(page(&blocks), limit);
            let of = got.len();
            assert!(of > 1, "{limit}");
            for (k, p) in got.iter().enumerate() {
                assert_eq!(
                    p.part,
                    Some(Part {
                        number: k + 1,
                        of,
                        carried: 0
                    })
                );
                let size: usize = p.blocks.iter().map(|b| b.text.len()).sum();
                assert!(size <= limit, "{limit}: part {k} holds {size}");
                assert!(!p.blocks.is_empty());
            }
            assert_eq!(got[0].id, "big");
            assert_eq!(got[1].id, "big#part2");
            let again: Vec<&str> = got
                .iter()
                .flat_map(|p| &p.blocks)
                .map(|b| b.text.as_str())
                .collect();
            assert_eq!(again, blocks, "{limit}");
        }
    }

    fn heading(text: &str, anchor: Option<&str>) -> RawBlock {
        RawBlock {
            anchor: anchor.map(str::to_owned),
            ..RawBlock::new(text, BlockKind::Heading)
        }
    }

    #[test]
    fn a_part_that_begins_inside_a_section_begins_with_its_heading() {
        let body =
            |n: usize| (0..n).map(|i| RawBlock::new(&format!("Absatz {i} hier"), BlockKind::Paragraph));
        let install = [
            heading("Install", Some("install")),
            heading("on Linux", Some("install")),
        ];
        let mut p = page(&[]);
        p.blocks.push(heading("Guide", None));
        p.blocks.extend(body(4));
        // One heading split at a `<br>`: two heading blocks with one anchor.
        p.blocks.extend(install.clone());
        p.blocks.extend(body(9));
        let texts = |limit| {
            parts(p.clone(), limit)
                .iter()
                .map(|q| {
                    q.blocks
                        .iter()
                        .map(|b| b.text.replace("Absatz ", "").replace(" hier", ""))
                        .collect::<Vec<_>>()
                        .join(" | ")
                })
                .collect::<Vec<_>>()
        };
        assert_eq!(
            texts(40),
            [
                "Guide | 0 | 1",
                "Guide | 2 | 3 | Install",
                "Install | on Linux | 0 | 1",
                "Install | on Linux | 2 | 3 | 4",
                "Install | on Linux | 5 | 6 | 7",
                "Install | on Linux | 8",
            ]
        );
        let carried: Vec<usize> = parts(p.clone(), 40)
            .iter()
            .filter_map(|q| q.part)
            .map(|q| q.carried)
            .collect();
        assert_eq!(carried, [0, 1, 1, 2, 2, 2]);
        // Cleaned as a web page, a part under the heading is in its section from its first
        // byte on (the part before has it from the heading on), with a title of the page's
        // own or without: the copy never becomes the part's title.
        p.format = Format::Html;
        for title in [Some("Handbook"), None] {
            p.meta.title = title.map(str::to_owned);
            let docs: Vec<crate::document::Document> = parts(p.clone(), 40)
                .iter()
                .map(|q| crate::clean::clean_page_of(q, &crate::clean::Site::default()).into_document(q))
                .collect();
            let sections: Vec<Vec<(u32, &str)>> = docs
                .iter()
                .map(|d| d.sections.iter().map(|s| (s.at, s.anchor.as_str())).collect())
                .collect();
            let install = |at| vec![(at, "install")];
            let before = ("Guide\n\nAbsatz 2 hier\n\nAbsatz 3 hier\n\n").len() as u32;
            // Untitled, the part's first paragraph of its own is its title.
            let before = if title.is_some() {
                before
            } else {
                before - "Absatz 2 hier\n\n".len() as u32
            };
            assert_eq!(
                sections,
                [
                    vec![],
                    install(before),
                    install(0),
                    install(0),
                    install(0),
                    install(0)
                ],
                "{title:?}"
            );
            assert!(
                docs[2..].iter().all(|d| !d.title.starts_with("Install")),
                "{title:?}"
            );
        }
    }

    /// The texts of the headings each part after the first begins with.
    fn carried_texts(p: &Page, limit: usize) -> Vec<Vec<String>> {
        let got = parts(p.clone(), limit);
        assert!(got.len() > 2, "{} parts", got.len());
        for q in &got {
            let size: usize = q.blocks.iter().map(|b| b.text.len()).sum();
            assert!(size <= limit + CARRIED_HEADING_BYTES, "a part of {size} bytes");
            let carried = q.part.map_or(0, |p| p.carried);
            let copies: usize = q.blocks[..carried].iter().map(|b| b.text.len()).sum();
            assert!(copies <= CARRIED_HEADING_BYTES, "{copies} bytes carried");
        }
        got[1..]
            .iter()
            .map(|q| {
                q.blocks[..q.part.map_or(0, |p| p.carried)]
                    .iter()
                    .map(|b| b.text.clone())
                    .collect()
            })
            .collect()
    }

    #[test]
    fn a_part_carries_one_short_heading() {
        let body =
            |n: usize| (0..n).map(|i| RawBlock::new(&format!("Absatz {i} hier"), BlockKind::Paragraph));
        let long = "Lang ".repeat(CARRIED_HEADING_BYTES / 5 + 2);
        let half = "Halb ".repeat(CARRIED_HEADING_BYTES / 10 + 2);
        let with = |headings: Vec<RawBlock>| {
            let mut p = page(&[]);
            p.blocks.extend(headings);
            p.blocks.extend(body(300));
            p
        };
        // Headings without anchors are one heading each: the last is carried.
        let p = with(vec![heading("Kapitel", None), heading("Abschnitt", None)]);
        let got = carried_texts(&p, 40);
        assert!(
            got.len() > 3 && got.iter().all(|c| c == &["Abschnitt"]),
            "{got:?}"
        );
        // A heading too long to carry, after a short one: none is carried.
        let p = with(vec![heading("Kurz", None), heading(&long, None)]);
        assert!(carried_texts(&p, 2 * CARRIED_HEADING_BYTES)
            .iter()
            .all(Vec::is_empty));
        // The pieces of one heading together too long: none of them, not even a short
        // piece after them (a part that begins inside such a heading carries at most
        // CARRIED_HEADING_BYTES of the pieces before it, which `carried_texts` checks).
        let p = with(vec![
            heading("Install", Some("install")),
            heading(&half, Some("install")),
            heading(&half, Some("install")),
            heading("Ende", Some("install")),
        ]);
        assert!(carried_texts(&p, 2 * CARRIED_HEADING_BYTES)
            .iter()
            .all(Vec::is_empty));
        assert!(carried_texts(&p, CARRIED_HEADING_BYTES)[1..]
            .iter()
            .all(Vec::is_empty));
        // Two short pieces are carried together.
        let p = with(vec![
            heading("Install", Some("install")),
            heading(&half, Some("install")),
        ]);
        let got = carried_texts(&p, CARRIED_HEADING_BYTES);
        assert!(
            !got.is_empty()
                && got
                    .iter()
                    .all(|c| c == &["Install".to_owned(), half.trim().to_owned()])
        );
    }

    #[test]
    fn a_block_longer_than_a_part_is_cut_at_spaces() {
        let long = "Wort ".repeat(50) + "Ende";
        let got = parts(page(&["Titel", &long, "Schluss"]), 32);
        let texts: Vec<&str> = got
            .iter()
            .flat_map(|p| &p.blocks)
            .map(|b| b.text.as_str())
            .collect();
        assert!(texts.iter().all(|t| t.len() <= 32), "{texts:?}");
        assert_eq!(texts.join(" "), format!("Titel {long} Schluss"));
        // No spaces at all: cut at character boundaries.
        let word = "ü".repeat(40);
        let got = parts(page(&[&word]), 15);
        let texts: Vec<&str> = got
            .iter()
            .flat_map(|p| &p.blocks)
            .map(|b| b.text.as_str())
            .collect();
        assert!(texts.iter().all(|t| t.len() <= 15 && !t.is_empty()), "{texts:?}");
        assert_eq!(texts.concat(), word);
        // A paragraph's text before its whitespace is collapsed: cut at any whitespace,
        // no piece empty, the words the same.
        let raw = "Wort \t  Wort\u{a0}".repeat(30) + "   ";
        let mut got = Vec::new();
        paragraph_pieces(&raw, 20, &mut |b| got.push(b.text));
        assert!(got.iter().all(|t| t.len() <= 20 && !t.is_empty()), "{got:?}");
        assert_eq!(got.join(" "), RawBlock::new(&raw, BlockKind::Paragraph).text);
    }
}
