//! Reads Markdown sources: their text as blocks, with no Markdown syntax left, and their
//! [front matter](super::front_matter) as metadata.
//!
//! - **Blocks**: every heading, paragraph, list item, table row (cells joined by a
//!   space), code block and paragraph of a block quote is one block. Soft and hard line
//!   breaks are spaces, so a hard-wrapped paragraph is one block. Inline code, emphasis
//!   and link text are kept; link targets, image alt text, footnote markers and task-list
//!   boxes are not. Inline HTML tags are dropped and their text kept; an HTML block is
//!   read by the [HTML reader](super::html).
//! - **Metadata** from the front matter: `title`, `date`, `lang` or `language`, `author`
//!   (`authors`, `source`), `tags`, `keywords` and `categories` (all tags), `url`, `slug`,
//!   `draft`. Other keys are ignored. A draft (`draft: true`) is not read.
//! - **Title**: the front matter's; otherwise the first level-1 heading, whose block is
//!   then left out.
//! - **URL**: the front matter's `url` (a leading `/` removed); otherwise the file's path
//!   as a folder: `a/b.md` is `a/b/`, `a/index.md` and `a/_index.md` are `a/`, and the
//!   root `index.md` is `./`, as for [HTML](super::html). A `slug` replaces the last
//!   segment (`a/b.md` with `slug: c` is `a/c/`).

use super::front_matter::{self, Value};
use super::{iso_date, BlockKind, Malformed, Meta, RawBlock, MAX_ANCHOR_BYTES};
use pulldown_cmark::{
    BrokenLink, BrokenLinkCallback, CodeBlockKind, CowStr, Event, HeadingLevel, Options, Parser, Tag, TagEnd,
};
use std::collections::HashSet;
use unicase::UniCase;

/// The metadata and blocks of the Markdown page at `rel` (path below the corpus root);
/// `None` for a draft.
///
/// ```
/// use findling::corpus::markdown::read;
/// let page = "---\ntags: [tea]\n---\n# Tea\n\nSteep *the* [leaves](t.md)\nfor `3` minutes.\n";
/// let (meta, blocks) = read(page, "recipes/tea.md")?.unwrap();
/// assert_eq!((meta.title.as_deref(), meta.url.as_deref()), (Some("Tea"), Some("recipes/tea/")));
/// assert_eq!(blocks[0].text, "Steep the leaves for 3 minutes.");
/// assert_eq!(read("+++\ndraft = true\n+++\nx", "d.md")?, None);
/// # Ok::<(), findling::corpus::Malformed>(())
/// ```
pub fn read(markdown: &str, rel: &str) -> Result<Option<(Meta, Vec<RawBlock>)>, Malformed> {
    let Some((mut meta, body)) = front(markdown, rel)? else {
        return Ok(None);
    };
    let (mut blocks, first_h1) = blocks(Parser::new_ext(body, options()));
    if meta.title.is_none() {
        meta.title = first_h1.map(|i| blocks.remove(i).text);
    }
    Ok(Some((meta, blocks)))
}

/// The metadata of the front matter (the url from the path when it states none) and the
/// body after it; `None` for a draft.
fn front<'t>(markdown: &'t str, rel: &str) -> Result<Option<(Meta, &'t str)>, Malformed> {
    let (keys, body) = front_matter::split(markdown)?;
    let mut meta = Meta::default();
    let mut slug = None;
    for (key, value) in keys {
        let (text, list) = match value {
            Value::Text(text) => {
                let list = text
                    .split(',')
                    .map(str::trim)
                    .filter(|t| !t.is_empty())
                    .map(str::to_owned)
                    .collect();
                (text, list)
            }
            Value::List(list) => (list.join(", "), list),
        };
        let text = Some(text.trim().to_owned()).filter(|t| !t.is_empty());
        match key.as_str() {
            "draft" if text.as_deref().is_some_and(|t| t.eq_ignore_ascii_case("true")) => return Ok(None),
            "title" => meta.title = text,
            "date" => meta.date = text.as_deref().and_then(iso_date),
            "lang" | "language" => meta.lang = text,
            "author" | "authors" | "source" => meta.source = text,
            "url" => meta.url = text.as_deref().map(super::html::site_url),
            "slug" => slug = text,
            "tags" | "keywords" | "categories" => {
                for tag in list {
                    if !meta.tags.contains(&tag) {
                        meta.tags.push(tag);
                    }
                }
            }
            _ => {}
        }
    }
    if meta.url.is_none() {
        meta.url = Some(url(rel, slug.as_deref()));
    }
    Ok(Some((meta, body)))
}

/// Bytes of Markdown parsed at once in a large page ([`Chunked`]): pulldown-cmark's
/// first pass builds a tree of the whole text it is given (about 1.5 times its bytes)
/// and the blocks are read from it, so a chunk costs a few hundred kilobytes; larger
/// chunks save nothing measurable.
pub const CHUNK_BYTES: usize = 64 * 1024;

/// A Markdown page read a chunk of about [`CHUNK_BYTES`] at a time, so that neither the
/// parser's tree nor the page's blocks are ever all in memory: the blocks [`read`] gives,
/// but that a fenced code block longer than a chunk comes as several code blocks.
///
/// The body is cut after a blank line where pulldown-cmark starts a block of the page's
/// top level (`chunks`): there every block above is closed, and the block starts
/// afresh, so each chunk parses as it would in the whole page. A fenced code block is
/// also cut before any of its lines, and the chunk after the cut is read after a line
/// that opens the same fence. Link reference definitions are the one thing a page
/// shares across its blocks: a reference whose definition is in another chunk is
/// resolved against the labels of every chunk, compared as pulldown-cmark compares
/// them. Footnote definitions are not: a footnote reference whose definition is in
/// another chunk keeps its marker (`[^1]`) as text. A block of the top level longer
/// than a chunk but fenced code (a list of a million items, an unclosed `<!--`) is one
/// chunk.
///
/// ```
/// use findling::corpus::markdown::{read, Chunked};
/// let page = "# Title\n\nSee [the docs][d].\n\n".to_owned() + &"A paragraph.\n\n".repeat(9000) + "[d]: https://x.org\n";
/// let chunked = Chunked::new(&page, "p.md")?.unwrap();
/// let mut blocks = Vec::new();
/// chunked.blocks(&mut |b| blocks.push(b));
/// let (meta, whole) = read(&page, "p.md")?.unwrap();
/// assert_eq!((chunked.meta.title.as_deref(), blocks[0].text.as_str()), (Some("Title"), "See the docs."));
/// assert_eq!((chunked.meta, blocks), (meta, whole));
/// # Ok::<(), findling::corpus::Malformed>(())
/// ```
pub struct Chunked<'t> {
    /// The page's metadata, its title found as [`read`] finds it.
    pub meta: Meta,
    /// The body, cut.
    chunks: Vec<Chunk<'t>>,
    /// The labels of every link reference definition of the body.
    labels: HashSet<UniCase<String>>,
    /// The block that gave the title (its first level-1 heading): chunk and block number.
    title_block: Option<(usize, usize)>,
}

impl<'t> Chunked<'t> {
    /// The page at `rel` (path below the corpus root), cut into chunks, its link labels
    /// and title found; `None` for a draft.
    pub fn new(markdown: &'t str, rel: &str) -> Result<Option<Chunked<'t>>, Malformed> {
        Chunked::with_chunk_bytes(markdown, rel, CHUNK_BYTES)
    }

    /// [`new`](Self::new) with chunks of about `bytes` to twice that: the blocks are the
    /// same for any size, but where a fenced code block is cut (1 cuts wherever it may).
    pub fn with_chunk_bytes(
        markdown: &'t str,
        rel: &str,
        bytes: usize,
    ) -> Result<Option<Chunked<'t>>, Malformed> {
        let Some((meta, body)) = front(markdown, rel)? else {
            return Ok(None);
        };
        let mut chunked = Chunked {
            meta,
            chunks: chunks(body, bytes),
            labels: HashSet::new(),
            title_block: None,
        };
        for chunk in &chunked.chunks {
            let source = chunk.source();
            let parser = Parser::new_ext(&source, options());
            let labels = parser.reference_definitions().iter();
            chunked
                .labels
                .extend(labels.map(|(label, _)| UniCase::new(label.to_owned())));
        }
        if chunked.meta.title.is_none() {
            for (number, chunk) in chunked.chunks.iter().enumerate() {
                if let (mut blocks, Some(h1)) = chunked.chunk_blocks(chunk) {
                    chunked.meta.title = Some(blocks.swap_remove(h1).text);
                    chunked.title_block = Some((number, h1));
                    break;
                }
            }
        }
        Ok(Some(chunked))
    }

    /// Gives the page's blocks to `each`, in order, a chunk's at a time.
    pub fn blocks(&self, each: &mut dyn FnMut(RawBlock)) {
        for (number, chunk) in self.chunks.iter().enumerate() {
            let (blocks, _) = self.chunk_blocks(chunk);
            for (block_number, block) in blocks.into_iter().enumerate() {
                if self.title_block != Some((number, block_number)) {
                    each(block);
                }
            }
        }
    }

    /// The blocks of one chunk, a reference to any label of the page read as a link.
    fn chunk_blocks(&self, chunk: &Chunk<'_>) -> (Vec<RawBlock>, Option<usize>) {
        let source = chunk.source();
        let defined = |link: BrokenLink<'_>| {
            let label = UniCase::new(link.reference.to_string());
            self.labels
                .contains(&label)
                .then(|| (CowStr::from(""), CowStr::from("")))
        };
        blocks(Parser::new_with_broken_link_callback(
            &source,
            options(),
            Some(defined),
        ))
    }
}

/// A piece of a Markdown body that parses as it would in the whole body.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Chunk<'t> {
    /// Its text.
    text: &'t str,
    /// The fence of the code block it starts inside, if it does (its character and
    /// length): the chunk is read after a line that opens that fence.
    fence: Option<(u8, usize)>,
}

impl<'t> Chunk<'t> {
    /// The Markdown to parse: the text, after its fence's opening line if it has one.
    fn source(&self) -> std::borrow::Cow<'t, str> {
        let Some((c, len)) = self.fence else {
            return self.text.into();
        };
        let mut source = String::with_capacity(len + 1 + self.text.len());
        source.extend(std::iter::repeat_n(char::from(c), len));
        source.push('\n');
        source.push_str(self.text);
        source.into()
    }
}

/// `body` cut into chunks of about `size` to twice `size` bytes where [`Chunked`] may
/// cut it: where pulldown-cmark starts a block of the page's top level, or inside a
/// fenced code block of the top level longer than a chunk, before any of its lines.
///
/// pulldown-cmark finds the blocks: it parses a window of the body from the current
/// chunk's start, twice `size` long (to a line's end). A block of the top level that
/// starts in the window, with two whole lines of the window from its line on, starts
/// where it does in the whole page: the parser reads left to right, and whether a line
/// continues a block or starts the next is decided by that line and the one after it.
/// The chunk ends before the last such block's line. A window with no such block is
/// doubled, but for a fenced code block that runs through it (cut before the window's
/// last line; the next chunk is read after the fence's opening line). A body with a
/// lone carriage return (not before a line feed) is not cut.
fn chunks(body: &str, size: usize) -> Vec<Chunk<'_>> {
    let lone_cr = body
        .bytes()
        .enumerate()
        .any(|(i, b)| b == b'\r' && body.as_bytes().get(i + 1) != Some(&b'\n'));
    if lone_cr {
        return vec![Chunk {
            text: body,
            fence: None,
        }];
    }
    let mut chunks = Vec::new();
    let (mut start, mut fence) = (0, None);
    let mut window = size.max(1);
    while start < body.len() {
        let end = line_end(body, start + 2 * window);
        if end == body.len() {
            chunks.push(Chunk {
                text: &body[start..],
                fence,
            });
            break;
        }
        let window_text = Chunk {
            text: &body[start..end],
            fence,
        };
        match cut(&window_text) {
            Some(Cut::Block(at)) => {
                chunks.push(Chunk {
                    text: &body[start..start + at],
                    fence,
                });
                (start, fence, window) = (start + at, None, size.max(1));
            }
            Some(Cut::InFence(at, opening)) => {
                chunks.push(Chunk {
                    text: &body[start..start + at],
                    fence,
                });
                (start, fence, window) = (start + at, Some(opening), size.max(1));
            }
            None => window *= 2,
        }
    }
    if chunks.is_empty() {
        chunks.push(Chunk {
            text: body,
            fence: None,
        });
    }
    chunks
}

/// Where [`chunks`] cuts a window: before a block's line, or inside a fence (whose
/// character and length it gives).
enum Cut {
    Block(usize),
    InFence(usize, (u8, usize)),
}

/// Where a window of the body (a chunk read to a line's end) may be cut, as [`chunks`]
/// says, as an offset in its text.
fn cut(window: &Chunk<'_>) -> Option<Cut> {
    let source = window.source();
    let skipped = source.len() - window.text.len();
    let text = window.text;
    // The last line start from which two whole lines remain.
    let last = text[..text.len() - 1]
        .rfind('\n')
        .and_then(|i| text[..i].rfind('\n'))?
        + 1;
    let (mut depth, mut best, mut first) = (0usize, None, None);
    for (event, range) in Parser::new_ext(&source, options()).into_offset_iter() {
        let top = depth == 0 && matches!(event, Event::Start(_) | Event::Rule);
        if top {
            let line = text[..range.start.saturating_sub(skipped)]
                .rfind('\n')
                .map_or(0, |i| i + 1);
            first.get_or_insert((
                line,
                matches!(event, Event::Start(Tag::CodeBlock(CodeBlockKind::Fenced(_)))),
                range.end,
            ));
            // After a blank line a block starts afresh (a paragraph's first lines may be
            // link definitions, and its block start after them).
            let before = text[..line.saturating_sub(1)].rsplit('\n').next();
            let blank_before = before.is_some_and(|l| l.trim_matches([' ', '\t', '\r']).is_empty());
            if line > 0 && line <= last && blank_before {
                best = Some(line);
            }
        }
        match event {
            Event::Start(_) => depth += 1,
            Event::End(_) => depth -= 1,
            _ => {}
        }
    }
    if let Some(line) = best {
        return Some(Cut::Block(line));
    }
    // One block: a fenced code block that runs through the window is cut before its
    // last line.
    let (line, fenced, block_end) = first?;
    if !fenced || block_end < source.len() {
        return None;
    }
    let opening = match window.fence {
        Some(fence) if line == 0 => fence,
        _ => fence_of(&text[line..]).map(|(c, len, _)| (c, len))?,
    };
    let at = text[..text.len() - 1].rfind('\n')? + 1;
    (at > line).then_some(Cut::InFence(at, opening))
}

/// The end of the line that holds byte `at` of `text` (after its line feed), or the
/// text's end.
fn line_end(text: &str, at: usize) -> usize {
    if at >= text.len() {
        return text.len();
    }
    text.as_bytes()[at..]
        .iter()
        .position(|&b| b == b'\n')
        .map_or(text.len(), |i| at + i + 1)
}

/// The fence a line opens or closes: its character, its length and what follows it
/// (at most three spaces before it).
fn fence_of(line: &str) -> Option<(u8, usize, &str)> {
    let rest = line.trim_start_matches(' ');
    if line.len() - rest.len() > 3 {
        return None;
    }
    let c = *rest.as_bytes().first().filter(|c| **c == b'`' || **c == b'~')?;
    let len = rest.bytes().take_while(|b| *b == c).count();
    (len >= 3).then(|| (c, len, &rest[len..]))
}

/// The page's address from its path below the corpus root, the file's name replaced by
/// `slug` when there is one.
fn url(rel: &str, slug: Option<&str>) -> String {
    let stem = rel.rsplit_once('.').map_or(rel, |(stem, _)| stem);
    let mut segments: Vec<&str> = stem.split('/').filter(|s| !s.is_empty()).collect();
    if segments
        .last()
        .is_some_and(|name| *name == "index" || *name == "_index")
    {
        segments.pop();
    }
    if let Some(slug) = slug.map(|s| s.trim_matches('/')) {
        segments.pop();
        segments.push(slug);
    }
    let path = segments.join("/");
    super::html::site_url(&if path.is_empty() { path } else { path + "/" })
}

/// Markdown extensions read: tables, footnotes, strikethrough, task lists, heading
/// attributes (`{#id}`) and GFM alerts, so their syntax does not end up as text.
fn options() -> Options {
    Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_HEADING_ATTRIBUTES
        | Options::ENABLE_GFM
}

/// The blocks of a Markdown body that `parser` reads, and which of them is its first
/// level-1 heading.
fn blocks<'t, F: BrokenLinkCallback<'t>>(parser: Parser<'t, F>) -> (Vec<RawBlock>, Option<usize>) {
    let mut out = Blocks::default();
    for event in parser {
        match event {
            Event::Start(tag) => out.start(tag),
            Event::End(tag) => out.end(tag),
            Event::Html(html) => {
                if let Some(open) = &mut out.html {
                    open.push_str(&html);
                }
            }
            Event::Text(text) | Event::Code(text) | Event::InlineMath(text) | Event::DisplayMath(text) => {
                out.push(&text)
            }
            Event::SoftBreak | Event::HardBreak => out.text.push(' '),
            _ => {}
        }
    }
    out.flush();
    (out.blocks, out.first_h1)
}

/// Collects the blocks of a Markdown body from its events.
#[derive(Default)]
struct Blocks {
    blocks: Vec<RawBlock>,
    /// Text of the open block.
    text: String,
    /// The open blocks: the kind each decides, and whether it is a level-1 heading.
    open: Vec<(Option<BlockKind>, bool)>,
    /// How many images are open (their alt text is not kept).
    images: usize,
    /// The HTML of an open HTML block.
    html: Option<String>,
    first_h1: Option<usize>,
    /// The `{#id}` of the open heading.
    anchor: Option<String>,
}

impl Blocks {
    fn start(&mut self, tag: Tag<'_>) {
        let kind = match tag {
            Tag::Heading { level, id, .. } => {
                self.flush();
                self.anchor = id
                    .filter(|id| id.len() <= MAX_ANCHOR_BYTES)
                    .map(|id| id.into_string());
                Some((Some(BlockKind::Heading), level == HeadingLevel::H1))
            }
            Tag::Item | Tag::DefinitionListTitle | Tag::DefinitionListDefinition => {
                Some((Some(BlockKind::ListItem), false))
            }
            Tag::TableHead | Tag::TableRow => Some((Some(BlockKind::TableRow), false)),
            Tag::CodeBlock(_) => Some((Some(BlockKind::Code), false)),
            Tag::Paragraph
            | Tag::BlockQuote(_)
            | Tag::List(_)
            | Tag::FootnoteDefinition(_)
            | Tag::DefinitionList
            | Tag::Table(_) => Some((None, false)),
            Tag::HtmlBlock => {
                self.flush();
                self.html = Some(String::new());
                None
            }
            Tag::TableCell => {
                self.text.push(' ');
                None
            }
            Tag::Image { .. } => {
                self.images += 1;
                None
            }
            _ => None,
        };
        if let Some(kind) = kind {
            self.flush();
            self.open.push(kind);
        }
    }

    fn end(&mut self, tag: TagEnd) {
        match tag {
            TagEnd::Heading(_)
            | TagEnd::Item
            | TagEnd::DefinitionListTitle
            | TagEnd::DefinitionListDefinition
            | TagEnd::TableHead
            | TagEnd::TableRow
            | TagEnd::CodeBlock
            | TagEnd::Paragraph
            | TagEnd::BlockQuote(_)
            | TagEnd::List(_)
            | TagEnd::FootnoteDefinition
            | TagEnd::DefinitionList
            | TagEnd::Table => {
                self.flush();
                self.open.pop();
            }
            TagEnd::HtmlBlock => {
                let html = self.html.take().unwrap_or_default();
                self.blocks.extend(super::html::fragment_blocks(&html));
            }
            TagEnd::TableCell => self.text.push(' '),
            TagEnd::Image => self.images = self.images.saturating_sub(1),
            _ => {}
        }
    }

    /// Text: of the open HTML block, or of the open block unless it is an image's.
    fn push(&mut self, text: &str) {
        if let Some(html) = &mut self.html {
            html.push_str(text);
        } else if self.images == 0 {
            self.text.push_str(text);
        }
    }

    /// Ends the open block's text: a block of the innermost kind that decides one.
    fn flush(&mut self) {
        let block = RawBlock::new(&self.text, BlockKind::Paragraph);
        self.text.clear();
        if block.text.is_empty() {
            return;
        }
        let kind = self.open.iter().rev().find_map(|(kind, _)| *kind);
        if self.first_h1.is_none() && self.open.last().is_some_and(|(_, h1)| *h1) {
            self.first_h1 = Some(self.blocks.len());
        }
        let kind = kind.unwrap_or(BlockKind::Paragraph);
        let anchor = if kind == BlockKind::Heading {
            self.anchor.take()
        } else {
            None
        };
        self.blocks.push(RawBlock {
            kind,
            anchor,
            ..block
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use BlockKind::*;

    fn blocks_of(markdown: &str) -> Vec<(String, BlockKind)> {
        let (_, blocks) = read(markdown, "p.md").unwrap().unwrap();
        blocks.into_iter().map(|b| (b.text, b.kind)).collect()
    }

    #[test]
    fn a_heading_with_an_id_attribute_keeps_it_as_its_anchor() {
        let (_, blocks) = read(
            "Intro.\n\n## Install {#install}\n\nRun.\n\n## Use\n\nType.\n",
            "p.md",
        )
        .unwrap()
        .unwrap();
        let anchors: Vec<(&str, Option<&str>)> = blocks
            .iter()
            .map(|b| (b.text.as_str(), b.anchor.as_deref()))
            .collect();
        assert_eq!(
            anchors,
            [
                ("Intro.", None),
                ("Install", Some("install")),
                ("Run.", None),
                ("Use", None),
                ("Type.", None)
            ]
        );
    }

    #[test]
    fn blocks_golden_table() {
        let rows: &[(&str, &[(&str, BlockKind)])] = &[
            (
                "A hard-wrapped\nparagraph  of text.\n",
                &[("A hard-wrapped paragraph of text.", Paragraph)],
            ),
            ("## Sub *heading* {#id}\n", &[("Sub heading", Heading)]),
            (
                "- one\n  - two\n- three\n\n  more\n",
                &[
                    ("one", ListItem),
                    ("two", ListItem),
                    ("three", ListItem),
                    ("more", ListItem),
                ],
            ),
            (
                "| a | b |\n|---|---|\n| `1` | 2 |\n",
                &[("a b", TableRow), ("1 2", TableRow)],
            ),
            (
                "```rust\nfn x() {}\n```\n\n    indented\n",
                &[("fn x() {}", Code), ("indented", Code)],
            ),
            ("> quoted\n> text\n", &[("quoted text", Paragraph)]),
            (
                "See [the docs](https://x.org) and ![a cat](c.png) <kbd>Ctrl</kbd>.\n",
                &[("See the docs and Ctrl.", Paragraph)],
            ),
            (
                "- [x] done[^1]\n\n[^1]: A note.\n",
                &[("done", ListItem), ("A note.", Paragraph)],
            ),
            (
                "<div class=\"note\">\n<p>Inside <b>HTML</b></p>\n</div>\n\nAfter\n",
                &[("Inside HTML", Paragraph), ("After", Paragraph)],
            ),
            (
                "Text\n\n---\n\n~~old~~ new\n",
                &[("Text", Paragraph), ("old new", Paragraph)],
            ),
        ];
        for (markdown, expected) in rows {
            let expected: Vec<_> = expected.iter().map(|(t, k)| (t.to_string(), *k)).collect();
            assert_eq!(blocks_of(markdown), expected, "{markdown:?}");
        }
    }

    /// The page's metadata and blocks read in chunks of at least `bytes`, and the chunks.
    fn chunked(markdown: &str, bytes: usize) -> ((Meta, Vec<RawBlock>), Vec<String>) {
        let chunked = Chunked::with_chunk_bytes(markdown, "p.md", bytes)
            .unwrap()
            .unwrap();
        let mut blocks = Vec::new();
        chunked.blocks(&mut |b| blocks.push(b));
        let chunks = chunked.chunks.iter().map(|c| c.text.to_owned()).collect();
        ((chunked.meta, blocks), chunks)
    }

    /// Metadata and blocks, consecutive code blocks joined into one.
    fn code_joined((meta, blocks): (Meta, Vec<RawBlock>)) -> (Meta, Vec<RawBlock>) {
        let mut joined: Vec<RawBlock> = Vec::new();
        for b in blocks {
            match joined.last_mut() {
                Some(last) if last.kind == Code && b.kind == Code => {
                    last.text.push(' ');
                    last.text.push_str(&b.text);
                }
                _ => joined.push(b),
            }
        }
        (meta, joined)
    }

    #[test]
    fn chunks_are_cut_only_where_no_block_continues_and_read_as_the_whole_page() {
        let page = "Intro [later][ref] and [Later].\n\n```\nfenced\n\nflush in code\n```\n\n\
            <!-- a comment\n\nflush in comment -->\n\n<pre>\npre\n\nflush in pre\n</pre>\n\n\
            - item\n\n  continued\n\n- next\n\n    indented code\n\n    more code\n\n\
            # The title\n\n> quote\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n~~~~\n~~~\n\nx\n~~~~\n\n\
            [REF]: https://x.org\n[later]: /y\n\nEnd.\n";
        let whole = read(page, "p.md").unwrap().unwrap();
        let (read_in_chunks, chunks) = chunked(page, 1);
        assert_eq!(code_joined(read_in_chunks.clone()), code_joined(whole.clone()));
        assert_ne!(read_in_chunks, whole, "fenced code comes in pieces");
        assert_eq!(chunked(page, page.len()).0, whole);
        assert_eq!(whole.0.title.as_deref(), Some("The title"));
        assert_eq!(read_in_chunks.1[0].text, "Intro later and Later.");
        let starts: Vec<&str> = chunks.iter().map(|c| c.lines().next().unwrap_or("")).collect();
        assert!(
            starts.len() > 4 && starts.contains(&"flush in code"),
            "{starts:?}"
        );
        for inside in [
            "flush in comment -->",
            "flush in pre",
            "  continued",
            "    more code",
            "x",
        ] {
            assert!(!starts.contains(&inside), "{inside}: {starts:?}");
        }
        assert_eq!(chunked(page, page.len()).1, [page]);
    }

    #[test]
    fn a_footnote_defined_in_another_chunk_keeps_its_marker() {
        // The known limit of reading in chunks: only link labels are shared.
        let page = "Text[^1].\n\nA.\n\nB.\n\nC.\n\n[^1]: The note.\n";
        let texts =
            |(_, blocks): (Meta, Vec<RawBlock>)| blocks.into_iter().map(|b| b.text).collect::<Vec<_>>();
        assert_eq!(
            texts(read(page, "p.md").unwrap().unwrap()),
            ["Text.", "A.", "B.", "C.", "The note."]
        );
        assert_eq!(
            texts(chunked(page, 1).0),
            ["Text[^1].", "A.", "B.", "C.", "The note."]
        );
    }

    #[test]
    fn title_is_the_front_matter_title_or_the_first_h1_left_out() {
        let (meta, blocks) = read("Intro\n\n# First\n\n# Second\n", "p.md").unwrap().unwrap();
        assert_eq!(meta.title.as_deref(), Some("First"));
        assert_eq!(
            blocks.iter().map(|b| b.text.as_str()).collect::<Vec<_>>(),
            ["Intro", "Second"]
        );
        let (meta, blocks) = read("---\ntitle: FM\n---\n# First\n", "p.md").unwrap().unwrap();
        assert_eq!((meta.title.as_deref(), blocks.len()), (Some("FM"), 1));
    }

    #[test]
    fn metadata_from_the_front_matter() {
        let page = "---\ntitle: \"T\"\ndate: 2024-03-01T10:00:00+01:00\nlanguage: da\nauthor: [Ann, Bo]\ntags: [a, b]\nkeywords: b, c\ncategories:\n  - d\nweight: 3\n---\nx\n";
        let (meta, _) = read(page, "p.md").unwrap().unwrap();
        assert_eq!(meta.date.as_deref(), Some("2024-03-01"));
        assert_eq!(meta.lang.as_deref(), Some("da"));
        assert_eq!(meta.source.as_deref(), Some("Ann, Bo"));
        assert_eq!(meta.tags, ["a", "b", "c", "d"]);
        assert_eq!(read("---\ndraft: True\n---\nx", "p.md"), Ok(None));
        assert!(read("---\ndraft: false\n---\nx", "p.md").unwrap().is_some());
    }

    #[test]
    fn urls_golden_table() {
        let rows = [
            ("a/b.md", "", "a/b/"),
            ("a/index.md", "", "a/"),
            ("a/_index.md", "", "a/"),
            ("index.md", "", "./"),
            ("a/b.markdown", "slug: c\n", "a/c/"),
            ("a/b/index.md", "slug: c\n", "a/c/"),
            ("a/b.md", "url: /x/y/\nslug: c\n", "x/y/"),
            ("a/b.md", "url: /\n", "./"),
        ];
        for (rel, front, url) in rows {
            let (meta, _) = read(&format!("---\n{front}---\nx\n"), rel).unwrap().unwrap();
            assert_eq!(meta.url.as_deref(), Some(url), "{rel} {front}");
        }
    }
}
