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
use super::{iso_date, BlockKind, Malformed, Meta, RawBlock};
use pulldown_cmark::{Event, HeadingLevel, Options, Parser, Tag, TagEnd};

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
    let (mut blocks, first_h1) = blocks(body);
    if meta.title.is_none() {
        meta.title = first_h1.map(|i| blocks.remove(i).text);
    }
    if meta.url.is_none() {
        meta.url = Some(url(rel, slug.as_deref()));
    }
    Ok(Some((meta, blocks)))
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

/// The blocks of a Markdown body, and which of them is its first level-1 heading.
fn blocks(body: &str) -> (Vec<RawBlock>, Option<usize>) {
    let mut out = Blocks::default();
    for event in Parser::new_ext(body, options()) {
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
}

impl Blocks {
    fn start(&mut self, tag: Tag<'_>) {
        let kind = match tag {
            Tag::Heading { level, .. } => Some((Some(BlockKind::Heading), level == HeadingLevel::H1)),
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
        self.blocks.push(RawBlock {
            kind: kind.unwrap_or(BlockKind::Paragraph),
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
