//! Reads the built HTML of a static site: the text of the page's content root as blocks,
//! each with its place in the page's structure, and what the page says about itself.
//!
//! The page is parsed by html5ever (through `scraper`) as a browser parses it, so
//! entities, unclosed tags and XHTML need no care here; no pattern ever sees the markup.
//!
//! 1. **Content root**: the first element marked `data-findling-body`; otherwise the first
//!    `<main>`; otherwise the page's `<article>` if it has only one (a listing page of
//!    several is read whole); otherwise `<body>`.
//! 2. **Dropped**, with everything inside: the elements in [`DROPPED`], elements marked
//!    `hidden`, `aria-hidden="true"` or `data-findling-ignore`, ARIA landmarks of chrome
//!    ([`CHROME_ROLES`]) and permalink anchors (`<a href="#…">¶</a>`). A `<header>` inside
//!    an `<article>`, `<section>` or `<main>` is the heading group of that content (its
//!    title, lede and date), not the site's banner, and is read, as ARIA maps it; every
//!    other `<header>` and every `<footer>` is dropped.
//! 3. **Blocks**: the elements in [`BLOCK_ELEMENTS`] (and `<br>`) end a block; inline
//!    elements never split one, and text directly in a `<div>` beside child blocks is a
//!    block of its own. Inside a table row every cell and block is joined into the row's
//!    one block. A block's kind is that of its innermost heading, list item, table row or
//!    `<pre>`; otherwise it is a paragraph. Images contribute nothing.
//! 4. **Slots**: each block carries the path from the content root (exclusive) to its
//!    element, `>`-separated segments `name#id.class.class`, e.g.
//!    `div.chapter>ul.docnav>li.next`. Classes are sorted. Names that differ from page to
//!    page are left out so that a template's block has the same slot on every page:
//!    generated ids and classes (two numbers, or a number of two digits or more:
//!    `id-1.9.4`, `post-1234`, `ember42`) and state classes ([`STATE_CLASSES`]:
//!    `active`, `current-menu-item`).
//! 5. **Title**: the text of `[data-findling-title]`; otherwise the first `<h1>` of the
//!    content; otherwise the first `<h1>` anywhere (a dropped header's); otherwise
//!    `<title>`. A title taken from an element of the content leaves that block out.
//! 6. **Metadata**: language from `<html lang>` (else the first `lang` in the content),
//!    date from the content's first `<time datetime>` (else `article:published_time`),
//!    source from `<meta name="author">`, tags from `<meta name="keywords">`.
//! 7. **URL**: `<link rel="canonical">` as given (a leading `/` removed); otherwise the
//!    path: `a/b.html` stays, `a/index.html` is `a/`, and the site root's `index.html` is
//!    `./`, an href that resolves to the site base (an empty string would read as "no
//!    url" in JavaScript).

use super::{iso_date, BlockKind, Meta, RawBlock, MAX_ANCHOR_BYTES};
use scraper::node::Element;
use scraper::{ElementRef, Html, Node};

/// Elements dropped with everything inside: page chrome, code that is not text, forms,
/// media and their fallback text.
pub const DROPPED: &[&str] = &[
    "nav", "header", "footer", "aside", "script", "style", "noscript", "template", "form", "svg", "iframe",
    "button", "select", "textarea", "canvas", "video", "audio", "object", "head",
];

/// `role` values of page chrome: every ARIA landmark but the main content and regions.
pub const CHROME_ROLES: &[&str] = &["navigation", "banner", "contentinfo", "search"];

/// Elements that end a block: the text before, inside and after each is a block of its own.
pub const BLOCK_ELEMENTS: &[&str] = &[
    "address",
    "article",
    "blockquote",
    "body",
    "caption",
    "center",
    "dd",
    "details",
    "dialog",
    "div",
    "dl",
    "dt",
    "fieldset",
    "figcaption",
    "figure",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "hgroup",
    "hr",
    "html",
    "legend",
    "li",
    "main",
    "menu",
    "ol",
    "p",
    "pre",
    "section",
    "summary",
    "table",
    "tbody",
    "tfoot",
    "thead",
    "tr",
    "ul",
];

/// Class words that say what state an element is in on this page (the current menu
/// item), not where it is: left out of slots.
pub const STATE_CLASSES: &[&str] = &[
    "active",
    "current",
    "selected",
    "open",
    "show",
    "expanded",
    "collapsed",
];

/// Where a `<header>` is that content's heading group rather than the site's banner.
const SECTIONING: &[&str] = &["article", "section", "main"];

/// Texts of permalink anchors that static-site generators put into headings.
const PERMALINK_MARKS: &[&str] = &["¶", "#", "§", "🔗"];

/// Deepest nesting read element by element; a deeper subtree is read as plain text, so
/// that no page can exhaust the stack.
pub const MAX_DEPTH: usize = 256;

/// The metadata and blocks of the HTML page at `rel` (path below the corpus root).
///
/// ```
/// use findling::corpus::html::read;
/// let page = r#"<html lang="en"><body><nav><a href="/">Home</a></nav><main>
///   <h1>Tea &amp; cake</h1><div class="para">Steep <a href="t.html">the tea</a> first.</div>
/// </main></body></html>"#;
/// let (meta, blocks) = read(page, "recipes/index.html");
/// assert_eq!(meta.title.as_deref(), Some("Tea & cake"));
/// assert_eq!(meta.url.as_deref(), Some("recipes/"));
/// assert_eq!(blocks.len(), 1);
/// assert_eq!((blocks[0].text.as_str(), blocks[0].link_bytes), ("Steep the tea first.", 7));
/// assert_eq!(blocks[0].slot, "div.para");
/// ```
pub fn read(html: &str, rel: &str) -> (Meta, Vec<RawBlock>) {
    let doc = Html::parse_document(html);
    let root = content_root(&doc);
    let (title, title_element) = title(&doc, root);
    let mut reader = Reader::new(title_element);
    reader.children(root, 0);
    reader.flush();
    let meta = Meta {
        title,
        date: reader
            .date
            .take()
            .or_else(|| meta_content(&doc, "property", "article:published_time").and_then(iso_date)),
        lang: lang(&doc, root),
        source: meta_content(&doc, "name", "author").map(str::to_owned),
        url: Some(site_url(canonical(&doc).unwrap_or_else(|| path_url(rel)))),
        tags: meta_content(&doc, "name", "keywords")
            .map(keywords)
            .unwrap_or_default(),
        head_title: doc
            .root_element()
            .descendent_elements()
            .filter(|e| e.value().name() == "title")
            .map(text_of)
            .find(|t| !t.is_empty()),
    };
    (meta, reader.blocks)
}

/// Bytes at the start of a page where [`redirects`] looks for its `<meta>` (a head is
/// rarely longer: Sphinx's and rustdoc's are 2 to 5 KB).
pub const HEAD_BYTES: usize = 16 * 1024;

/// Whether the page sends its reader to another at once: a `<meta http-equiv="refresh">`
/// in its first [`HEAD_BYTES`] that names a URL (`0; url=new/place.html`), as site
/// generators write for moved pages (rustdoc writes one for every item re-exported
/// elsewhere: a third of Rust's documentation). Such a page has nothing to find; a refresh
/// without a URL reloads the page itself and is no redirect.
///
/// ```
/// use findling::corpus::html::redirects;
/// assert!(redirects(r#"<head><meta http-equiv="refresh" content="0;URL='new/page.html'"></head><p>Redirecting…</p>"#));
/// assert!(!redirects(r#"<head><meta http-equiv="Refresh" content="300"></head><p>Live scores</p>"#));
/// assert!(!redirects("<p>A page</p>"));
/// ```
pub fn redirects(html: &str) -> bool {
    let mut end = HEAD_BYTES.min(html.len());
    while !html.is_char_boundary(end) {
        end -= 1;
    }
    let head = &html[..end];
    let needle = b"http-equiv";
    if !head
        .as_bytes()
        .windows(needle.len())
        .any(|w| w.eq_ignore_ascii_case(needle))
    {
        return false;
    }
    let names_url = |content: &str| {
        let after_delay = content.split([';', ',']).skip(1);
        after_delay
            .map(str::trim_start)
            .any(|p| p.get(..4).is_some_and(|u| u.eq_ignore_ascii_case("url=")))
    };
    let doc = Html::parse_document(head);
    let refresh = |e: &ElementRef<'_>| {
        let equiv = attr(e.value(), "http-equiv");
        e.value().name() == "meta" && equiv.is_some_and(|v| v.trim().eq_ignore_ascii_case("refresh"))
    };
    let found = (doc.root_element().descendent_elements())
        .filter(refresh)
        .filter_map(|e| attr(e.value(), "content"))
        .any(names_url);
    found
}

/// Bytes of an HTML page parsed at once in a large page ([`Segmented`]): html5ever's DOM
/// of a page costs some ten times its bytes, so a segment costs under a megabyte.
pub const SEGMENT_BYTES: usize = 64 * 1024;

/// Marks the content root's start tag in a segment's source (see [`Segmented`]).
const ROOT_MARK: &str = " data-findling-segment-root";

/// An HTML page read a segment of about [`SEGMENT_BYTES`] at a time, so that its DOM is
/// never whole in memory: the metadata and blocks [`read`] gives.
///
/// A scan of the tags cuts the page before block elements where it knows the elements
/// open exactly (`html_segment`); each segment is parsed as a page of its own after
/// the doctype and the start tags of the elements open at its start, and is read as
/// [`read`] reads a page, from the content root the scan found (its start tag marked
/// with `data-findling-segment-root`). The title, language and metadata are found in a
/// first pass over the segments, the date in a second; [`blocks`](Self::blocks) reads
/// them again. Where the scan cannot follow the parser (misnested formatting, an
/// unclosed comment), the rest of the page is one segment.
///
/// ```
/// use findling::corpus::html::{read, Segmented};
/// let page = format!("<!doctype html><html lang=de><head><title>T</title></head><body><nav>Menu</nav><main><h1>Titel</h1>{}</main></body></html>",
///     "<div class=x><p>Ein <b>Absatz</b>.</p><ul><li>eins<li>zwei</ul></div>".repeat(2000));
/// let segmented = Segmented::with_segment_bytes(&page, "p.html", 1000);
/// let mut blocks = Vec::new();
/// segmented.blocks(&mut |b| blocks.push(b));
/// assert_eq!((segmented.meta, blocks), read(&page, "p.html"));
/// ```
pub struct Segmented<'h> {
    /// The page's metadata, as [`read`] finds it.
    pub meta: Meta,
    html: &'h str,
    cut: super::html_segment::Cut,
    /// The title's element when it is in the content: its segment, and its number among
    /// the elements of that segment's page in document order.
    title_element: Option<(usize, usize)>,
    /// The page parsed, when the scan could not cut it (one segment): kept from the first
    /// pass for [`blocks`](Self::blocks), which would parse it again (a source page of
    /// Rust's documentation, 8.5 MB of `<span>`s in a `<pre>`, is one segment). The
    /// reader holds it while it gives the blocks anyway.
    whole: Option<Html>,
}

/// What the first pass of [`Segmented`] finds, segment after segment: for each kind of
/// title candidate the first with text (its text, and its segment and element number when
/// it is in the content), and the first language and metadata.
#[derive(Default)]
struct Found {
    marked_title: Option<(String, Option<(usize, usize)>)>,
    content_h1: Option<(String, Option<(usize, usize)>)>,
    any_h1: Option<(String, Option<(usize, usize)>)>,
    title: Option<(String, Option<(usize, usize)>)>,
    lang: Option<String>,
    published: Option<String>,
    author: Option<String>,
    keywords: Option<String>,
    canonical: Option<String>,
}

impl Found {
    /// Whether a segment whose page is `source` may hold something [`Segmented::find`]
    /// still seeks, or the first date when `date`: the start of a tag or the name of an
    /// attribute it reads, ASCII case aside. Else it need not be parsed for them: most
    /// segments of a large page hold none of these once the first has given its title,
    /// language and metadata.
    fn may_be_in(&self, source: &str, date: bool) -> bool {
        let lower = source.to_ascii_lowercase();
        let has = |needle: &str| lower.contains(needle);
        (self.marked_title.is_none() && has("data-findling-title"))
            || ((self.content_h1.is_none() || self.any_h1.is_none()) && has("<h1"))
            || (self.title.is_none() && has("<title"))
            || (self.lang.is_none() && has("lang"))
            || ((self.published.is_none() || self.author.is_none() || self.keywords.is_none())
                && has("<meta"))
            || (self.canonical.is_none() && has("<link"))
            || (date && has("<time"))
    }
}

impl<'h> Segmented<'h> {
    /// The page at `rel` (path below the corpus root), cut, its metadata found.
    pub fn new(html: &'h str, rel: &str) -> Segmented<'h> {
        Segmented::with_segment_bytes(html, rel, SEGMENT_BYTES)
    }

    /// [`new`](Self::new) with segments of at least `bytes` (but the last): the blocks are
    /// the same for any size.
    pub fn with_segment_bytes(html: &'h str, rel: &str, bytes: usize) -> Segmented<'h> {
        let mut segmented = Segmented {
            meta: Meta::default(),
            html,
            cut: super::html_segment::cut(html, bytes),
            title_element: None,
            whole: None,
        };
        let mut found = Found::default();
        // The first date read in the content, before the title's element is known.
        let mut date: Option<(String, usize)> = None;
        let segments = segmented.cut.segments.len();
        for number in 0..segments {
            let source = segmented.source(number);
            // A segment that can hold nothing still sought is not parsed in this pass.
            if number > 0 && !found.may_be_in(&source, date.is_none()) {
                continue;
            }
            let doc = Html::parse_document(&source);
            drop(source);
            segmented.find(number, &doc, &mut found);
            // The reader finds a date only in a `<time>` with one: look for it first.
            let dated = |e: ElementRef<'_>| {
                e.value().name() == "time" && attr(e.value(), "datetime").and_then(iso_date).is_some()
            };
            if date.is_none() && doc.root_element().descendent_elements().any(dated) {
                date = segmented.read(number, &doc, &mut |_| {}).map(|d| (d, number));
            }
            if segments == 1 {
                segmented.whole = Some(doc);
            }
        }
        let head_title = found.title.as_ref().map(|(t, _)| t.clone());
        let title = (found.marked_title)
            .or(found.content_h1)
            .or(found.any_h1)
            .or(found.title);
        segmented.title_element = title.as_ref().and_then(|(_, e)| *e);
        // Read again from the title's segment if the date may be inside its element.
        let date = match (date, segmented.title_element) {
            (Some((_, at)), Some((title_at, _))) if at == title_at => (at..segmented.cut.segments.len())
                .find_map(|number| segmented.read_segment(number, &mut |_| {})),
            (date, _) => date.map(|(d, _)| d),
        };
        segmented.meta = Meta {
            title: title.map(|(t, _)| t),
            date: date.or_else(|| found.published.as_deref().and_then(iso_date)),
            lang: found.lang,
            source: found.author,
            url: Some(site_url(
                found.canonical.as_deref().unwrap_or_else(|| path_url(rel)),
            )),
            tags: found.keywords.as_deref().map(keywords).unwrap_or_default(),
            head_title,
        };
        segmented
    }

    /// How many segments the page was cut into.
    pub fn segment_count(&self) -> usize {
        self.cut.segments.len()
    }

    /// Gives the page's blocks to `each`, in order, a segment's at a time.
    pub fn blocks(&self, each: &mut dyn FnMut(RawBlock)) {
        for number in 0..self.cut.segments.len() {
            self.read_segment(number, each);
        }
    }

    /// Reads segment `number`'s blocks into `each`; the first date its content gives.
    fn read_segment(&self, number: usize, each: &mut dyn FnMut(RawBlock)) -> Option<String> {
        match &self.whole {
            Some(doc) => self.read(number, doc, each),
            None => self.read(number, &Html::parse_document(&self.source(number)), each),
        }
    }

    /// [`read_segment`](Self::read_segment) of the segment's page `doc`.
    fn read(&self, number: usize, doc: &Html, each: &mut dyn FnMut(RawBlock)) -> Option<String> {
        let root = self.root(doc)?;
        let skip = (self.title_element)
            .filter(|(segment, _)| *segment == number)
            .and_then(|(_, element)| doc.root_element().descendent_elements().nth(element));
        let mut reader = Reader::new(skip);
        reader.children(root, 0);
        reader.flush();
        reader.blocks.into_iter().for_each(each);
        reader.date
    }

    /// Segment `number` as a page: the doctype, the start tags of the elements open at
    /// its start, its text; the content root's start tag marked.
    fn source(&self, number: usize) -> String {
        let segment = &self.cut.segments[number];
        let html = self.html;
        let doctype = match &self.cut.doctype {
            Some(d) if segment.start > 0 => &html[d.clone()],
            _ => "",
        };
        let mut source = String::with_capacity(doctype.len() + segment.end - segment.start + 1024);
        source.push_str(doctype);
        let push_tag = |source: &mut String, tag: &str, root: bool| {
            let name_end = tag
                .find(|c: char| c.is_ascii_whitespace() || c == '/' || c == '>')
                .unwrap_or(tag.len());
            source.push_str(&tag[..name_end]);
            if root {
                source.push_str(ROOT_MARK);
            }
            source.push_str(&tag[name_end..]);
        };
        let root = self.cut.root.as_ref();
        for tag in &segment.open {
            push_tag(&mut source, &html[tag.clone()], root == Some(tag));
        }
        match root.filter(|r| (segment.start..segment.end).contains(&r.start)) {
            Some(r) => {
                source.push_str(&html[segment.start..r.start]);
                push_tag(&mut source, &html[r.clone()], true);
                source.push_str(&html[r.end..segment.end]);
            }
            None => source.push_str(&html[segment.start..segment.end]),
        }
        source
    }

    /// The content root in a segment's page, if the segment holds any of it.
    fn root<'d>(&self, doc: &'d Html) -> Option<ElementRef<'d>> {
        if self.cut.segments.len() == 1 {
            return Some(content_root(doc));
        }
        let all = || doc.root_element().descendent_elements();
        if self.cut.root.is_some() {
            return all().find(|e| attr(e.value(), ROOT_MARK.trim()).is_some());
        }
        Some(
            all()
                .find(|e| e.value().name() == "body" && !dropped(*e))
                .unwrap_or_else(|| doc.root_element()),
        )
    }

    /// The first pass over segment `number` (its page `doc`): title candidates, language
    /// and metadata not found in an earlier segment.
    fn find(&self, number: usize, doc: &Html, found: &mut Found) {
        let root = self.root(doc);
        let elements: Vec<ElementRef<'_>> = doc.root_element().descendent_elements().collect();
        let place = |e: &ElementRef<'_>| {
            let in_content = root.is_some_and(|root| read_below(*e, root));
            let index = elements.iter().position(|x| x == e);
            in_content.then_some((number, index.unwrap_or(0)))
        };
        let first = |slot: &mut Option<(String, Option<(usize, usize)>)>,
                     keep: &dyn Fn(&ElementRef<'_>) -> bool| {
            if slot.is_some() {
                return;
            }
            for e in elements.iter().filter(|e| keep(e)) {
                let text = text_of(*e);
                if !text.is_empty() {
                    *slot = Some((text, place(e)));
                    return;
                }
            }
        };
        first(&mut found.marked_title, &|e| {
            attr(e.value(), "data-findling-title").is_some()
        });
        first(&mut found.content_h1, &|e| {
            e.value().name() == "h1" && root.is_some_and(|root| read_below(*e, root) && e != &root)
        });
        first(&mut found.any_h1, &|e| e.value().name() == "h1");
        first(&mut found.title, &|e| e.value().name() == "title");
        if found.lang.is_none() {
            found.lang = root.and_then(|root| lang(doc, root));
        }
        let text = |t: Option<&str>| t.map(str::to_owned);
        found.published = found
            .published
            .take()
            .or_else(|| text(meta_content(doc, "property", "article:published_time")));
        found.author = found
            .author
            .take()
            .or_else(|| text(meta_content(doc, "name", "author")));
        found.keywords = found
            .keywords
            .take()
            .or_else(|| text(meta_content(doc, "name", "keywords")));
        found.canonical = found.canonical.take().or_else(|| text(canonical(doc)));
    }
}

/// The blocks of an HTML fragment (HTML inside Markdown), without slots or link counts.
pub(super) fn fragment_blocks(html: &str) -> Vec<RawBlock> {
    let doc = Html::parse_fragment(html);
    let mut reader = Reader::new(None);
    reader.children(doc.root_element(), 0);
    reader.flush();
    for b in &mut reader.blocks {
        b.slot.clear();
        b.link_bytes = 0;
    }
    reader.blocks
}

/// A page's address below the site root as [`Meta::url`] holds it: absolute URLs as
/// given, a leading `/` removed, and the root itself `./`.
pub(super) fn site_url(path: &str) -> String {
    if path.contains("://") || path.starts_with("//") {
        return path.to_owned();
    }
    match path.trim_start_matches('/') {
        "" => "./".to_owned(),
        rest => rest.to_owned(),
    }
}

/// Step 6: the tags of a `<meta name="keywords">`, comma-separated.
fn keywords(content: &str) -> Vec<String> {
    content
        .split(',')
        .map(str::trim)
        .filter(|t| !t.is_empty())
        .map(str::to_owned)
        .collect()
}

/// The `content` of the first `<meta>` whose attribute `name` is `value`, if not blank.
fn meta_content<'a>(doc: &'a Html, name: &str, value: &str) -> Option<&'a str> {
    doc.root_element()
        .descendent_elements()
        .filter(|e| e.value().name() == "meta" && attr(e.value(), name) == Some(value))
        .find_map(|e| attr(e.value(), "content"))
        .map(str::trim)
        .filter(|c| !c.is_empty())
}

/// Step 6: the language of `<html lang>`, else the first `lang` in the content.
fn lang(doc: &Html, root: ElementRef<'_>) -> Option<String> {
    attr(doc.root_element().value(), "lang")
        .or_else(|| root.descendent_elements().find_map(|e| attr(e.value(), "lang")))
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .map(str::to_owned)
}

/// Step 7: the `href` of `<link rel="canonical">`.
fn canonical(doc: &Html) -> Option<&str> {
    doc.root_element()
        .descendent_elements()
        .filter(|e| e.value().name() == "link")
        .filter(|e| {
            attr(e.value(), "rel").is_some_and(|r| {
                r.split_ascii_whitespace()
                    .any(|r| r.eq_ignore_ascii_case("canonical"))
            })
        })
        .find_map(|e| attr(e.value(), "href"))
        .map(str::trim)
        .filter(|h| !h.is_empty())
}

/// Step 7: the page's path as its address: a folder's `index.html` is the folder.
fn path_url(rel: &str) -> &str {
    rel.strip_suffix("index.html")
        .or_else(|| rel.strip_suffix("index.htm"))
        .filter(|dir| dir.is_empty() || dir.ends_with('/'))
        .unwrap_or(rel)
}

/// Step 1: where the page's own text is.
fn content_root(doc: &Html) -> ElementRef<'_> {
    let all = || doc.root_element().descendent_elements();
    let named = |name: &str| {
        all()
            .filter(|e| e.value().name() == name && !dropped(*e))
            .collect::<Vec<_>>()
    };
    all()
        .find(|e| attr(e.value(), "data-findling-body").is_some())
        .or_else(|| named("main").first().copied())
        .or_else(|| Some(named("article")).filter(|a| a.len() == 1).map(|a| a[0]))
        .or_else(|| named("body").first().copied())
        .unwrap_or_else(|| doc.root_element())
}

/// Step 5: the title's text, and the element it came from when that is in the content.
fn title<'a>(doc: &'a Html, root: ElementRef<'a>) -> (Option<String>, Option<ElementRef<'a>>) {
    let all = || doc.root_element().descendent_elements();
    let in_content = |e: &ElementRef<'a>| read_below(*e, root);
    let candidates = all()
        .filter(|e| attr(e.value(), "data-findling-title").is_some())
        .chain(
            root.descendent_elements()
                .filter(|e| e.value().name() == "h1" && in_content(e)),
        )
        .chain(all().filter(|e| e.value().name() == "h1"))
        .chain(all().filter(|e| e.value().name() == "title"));
    for e in candidates {
        let text = text_of(e);
        if !text.is_empty() {
            return (Some(text), in_content(&e).then_some(e));
        }
    }
    (None, None)
}

/// Whether `element` is read as part of the content below `root`: inside it, and
/// nothing on the way dropped.
fn read_below(element: ElementRef<'_>, root: ElementRef<'_>) -> bool {
    if dropped(element) {
        return false;
    }
    for above in element.ancestors().filter_map(ElementRef::wrap) {
        if above == root {
            return true;
        }
        if dropped(above) {
            return false;
        }
    }
    false
}

/// The text of `element` on one line, as its blocks would read.
fn text_of(element: ElementRef<'_>) -> String {
    let mut reader = Reader::new(None);
    reader.rows = 1;
    reader.element(element, 0);
    reader.text
}

/// Step 2: `element` and everything inside it is not the page's text.
fn dropped(element: ElementRef<'_>) -> bool {
    let e = element.value();
    let name = e.name();
    if name == "header" {
        return !element
            .ancestors()
            .filter_map(ElementRef::wrap)
            .any(|a| SECTIONING.contains(&a.value().name()));
    }
    dropped_by(name, |a| attr(e, a))
        || (name == "a"
            && attr(e, "href").is_some_and(|h| h.starts_with('#'))
            && PERMALINK_MARKS.contains(&element.text().collect::<String>().trim()))
}

/// The value of `e`'s attribute `name` (in no namespace), as scraper's `Element::attr`
/// gives it, found by comparing names as text: `Element::attr` makes an atom of `name` at
/// each call, and for a name that html5ever does not know ("data-findling-body",
/// "aria-hidden") that takes a lock shared by every thread. On Rust's documentation
/// (session 33) that was a seventh of a build's time, and more as threads waited.
fn attr<'e>(e: &'e Element, name: &str) -> Option<&'e str> {
    e.attrs
        .iter()
        .find(|(key, _)| key.ns.is_empty() && &*key.local == name)
        .map(|(_, value)| &**value)
}

/// Step 2 by an element's name and attributes alone (not the `<header>` and permalink
/// rules, which look around it): `attr` gives an attribute's value.
pub(super) fn dropped_by<'v>(name: &str, attr: impl Fn(&str) -> Option<&'v str>) -> bool {
    DROPPED.contains(&name)
        || attr("hidden").is_some()
        || attr("data-findling-ignore").is_some()
        || attr("aria-hidden").is_some_and(|v| v.trim().eq_ignore_ascii_case("true"))
        || attr("role").is_some_and(|r| CHROME_ROLES.contains(&r.trim().to_ascii_lowercase().as_str()))
}

/// Step 4: an element's segment of a slot, `name#id.class.class`.
fn segment(e: &Element) -> String {
    let mut segment = e.name().to_owned();
    if let Some(id) = e.id().filter(|id| !generated(id)) {
        segment.push('#');
        segment.push_str(id);
    }
    let mut classes: Vec<&str> = e.classes().filter(|c| !generated(c) && !state(c)).collect();
    classes.sort_unstable();
    classes.dedup();
    for class in classes {
        segment.push('.');
        segment.push_str(class);
    }
    segment
}

/// A name a generator numbered (`id-1.9.4`, `post-1234`, `ember42`): it holds two
/// numbers, or a number of two digits or more.
fn generated(name: &str) -> bool {
    let mut numbers = 0;
    let mut run = 0;
    for c in name.chars() {
        if c.is_ascii_digit() {
            run += 1;
            numbers += usize::from(run == 1);
            if run > 1 {
                return true;
            }
        } else {
            run = 0;
        }
    }
    numbers > 1
}

/// A class that says the element's state on this page (`active`, `is-current`).
fn state(class: &str) -> bool {
    class
        .split(['-', '_'])
        .any(|word| STATE_CLASSES.iter().any(|s| word.eq_ignore_ascii_case(s)))
}

/// The kind of block an element makes, if it decides it.
fn kind(name: &str) -> Option<BlockKind> {
    match name {
        "h1" | "h2" | "h3" | "h4" | "h5" | "h6" => Some(BlockKind::Heading),
        "li" | "dt" | "dd" => Some(BlockKind::ListItem),
        "tr" => Some(BlockKind::TableRow),
        "pre" => Some(BlockKind::Code),
        _ => None,
    }
}

/// The fragment that links to heading `h` on its page: the `id` of the heading or of the
/// first element inside it that has one (an `<a name>` too: DocBook and Publican put an
/// empty `<a id>` in the heading), else the `id` of the `<section>` or `<div>` the heading
/// opens (Sphinx), after nothing but inline elements (rustdoc puts a method's version
/// and source link in a `<span>` before its heading). An id of only whitespace, or longer
/// than [`MAX_ANCHOR_BYTES`], is passed over.
fn heading_anchor(h: ElementRef<'_>) -> Option<String> {
    fn id(e: &Element) -> Option<&str> {
        let name = if e.name() == "a" { attr(e, "name") } else { None };
        let usable = |id: &&str| !id.trim().is_empty() && id.len() <= MAX_ANCHOR_BYTES;
        attr(e, "id").or(name).filter(usable)
    }
    let inside = h
        .descendants()
        .filter_map(ElementRef::wrap)
        .find_map(|e| id(e.value()));
    let opened = || {
        let parent = h.parent().and_then(ElementRef::wrap)?;
        let mut before = parent
            .children()
            .filter_map(ElementRef::wrap)
            .take_while(|&e| e != h);
        let inline = before.all(|e| matches!(e.value().name(), "span" | "a"));
        let opens = matches!(parent.value().name(), "section" | "div") && inline;
        opens.then(|| id(parent.value())).flatten()
    };
    inside.or_else(opened).map(str::to_owned)
}

/// Step 3: collects the blocks of the elements it is given, in document order.
struct Reader<'a> {
    /// The finished blocks.
    blocks: Vec<RawBlock>,
    /// The open block's text, whitespace collapsed.
    text: String,
    /// Bytes of `text` inside links.
    link_bytes: usize,
    /// Whitespace came after the last word.
    space: bool,
    /// The slot segments of the open elements below the root.
    path: Vec<String>,
    /// The open block elements: the length of `path` at each, and the kind it decides.
    owners: Vec<(usize, Option<BlockKind>)>,
    /// How many `<a href>` are open.
    links: usize,
    /// How many table rows are open: inside one, blocks are only cells of the row.
    rows: usize,
    /// The title's element, left out.
    skip: Option<ElementRef<'a>>,
    /// The first `<time datetime>` read.
    date: Option<String>,
    /// The open heading's anchor ([`heading_anchor`]).
    anchor: Option<String>,
}

impl<'a> Reader<'a> {
    fn new(skip: Option<ElementRef<'a>>) -> Reader<'a> {
        Reader {
            blocks: Vec::new(),
            text: String::new(),
            link_bytes: 0,
            space: false,
            path: Vec::new(),
            owners: Vec::new(),
            links: 0,
            rows: 0,
            skip,
            date: None,
            anchor: None,
        }
    }

    /// Reads the children of `parent`, at nesting `depth`.
    fn children(&mut self, parent: ElementRef<'a>, depth: usize) {
        for child in parent.children() {
            match child.value() {
                Node::Text(text) => self.push_text(text),
                Node::Element(_) => {
                    if let Some(element) = ElementRef::wrap(child) {
                        self.element(element, depth + 1);
                    }
                }
                _ => {}
            }
        }
    }

    /// Reads `element` and what is inside it.
    fn element(&mut self, element: ElementRef<'a>, depth: usize) {
        if dropped(element) || self.skip == Some(element) {
            return;
        }
        let e = element.value();
        let name = e.name();
        if name == "br" {
            self.separate();
            return;
        }
        if name == "time" && self.date.is_none() {
            self.date = attr(e, "datetime").and_then(iso_date);
        }
        let block = BLOCK_ELEMENTS.contains(&name);
        let owns = name == "tr" || (block && self.rows == 0);
        let link = name == "a" && attr(e, "href").is_some();
        self.path.push(segment(e));
        if owns {
            self.flush();
            self.owners.push((self.path.len(), kind(name)));
            if kind(name) == Some(BlockKind::Heading) {
                self.anchor = heading_anchor(element);
            }
        } else if block || name == "td" || name == "th" {
            self.space = true;
        }
        self.links += usize::from(link);
        self.rows += usize::from(name == "tr");
        if depth >= MAX_DEPTH {
            self.push_text(&element.text().collect::<String>());
        } else {
            self.children(element, depth);
        }
        self.rows -= usize::from(name == "tr");
        self.links -= usize::from(link);
        if owns {
            self.flush();
            self.owners.pop();
            if kind(name) == Some(BlockKind::Heading) {
                self.anchor = None;
            }
        } else if block || name == "td" || name == "th" {
            self.space = true;
        }
        self.path.pop();
    }

    /// A `<br>`: ends the block, or separates cells inside a table row.
    fn separate(&mut self) {
        if self.rows > 0 {
            self.space = true;
        } else {
            self.flush();
        }
    }

    /// Appends `text` to the open block, collapsing whitespace.
    fn push_text(&mut self, text: &str) {
        let leading = text.starts_with(char::is_whitespace);
        for (i, word) in text.split_whitespace().enumerate() {
            if !self.text.is_empty() && (self.space || leading || i > 0) {
                self.text.push(' ');
                self.link_bytes += usize::from(self.links > 0 && i > 0);
            }
            self.text.push_str(word);
            if self.links > 0 {
                self.link_bytes += word.len();
            }
            self.space = false;
        }
        if text.ends_with(char::is_whitespace) {
            self.space = true;
        }
    }

    /// Ends the open block: its text becomes a block of the innermost open block element.
    fn flush(&mut self) {
        if !self.text.is_empty() {
            let (depth, _) = self.owners.last().copied().unwrap_or((0, None));
            let kind = self
                .owners
                .iter()
                .rev()
                .find_map(|(_, kind)| *kind)
                .unwrap_or(BlockKind::Paragraph);
            self.blocks.push(RawBlock {
                text: std::mem::take(&mut self.text),
                kind,
                link_bytes: self.link_bytes,
                slot: self.path[..depth].join(">"),
                // Every piece of a heading (split at a `<br>`) links to it.
                anchor: if kind == BlockKind::Heading {
                    self.anchor.clone()
                } else {
                    None
                },
            });
        }
        self.link_bytes = 0;
        self.space = false;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use BlockKind::*;

    /// The blocks of `body` inside a page: text, kind, link bytes, slot.
    fn blocks(body: &str) -> Vec<(String, BlockKind, usize, String)> {
        let (_, blocks) = read(&format!("<html><body>{body}</body></html>"), "p.html");
        blocks
            .into_iter()
            .map(|b| (b.text, b.kind, b.link_bytes, b.slot))
            .collect()
    }

    #[test]
    fn heading_anchors_golden_table() {
        let long = "x".repeat(MAX_ANCHOR_BYTES + 1);
        let too_long =
            format!(r#"<h2 id="{long}">Long</h2><section id="s"><h2 id="{long}">In</h2></section>"#);
        /// A block as the table states it: text and anchor.
        type Expected = (&'static str, Option<&'static str>);
        let rows: &[(&str, &[Expected])] = &[
            (
                r#"<h2 id="usage">Usage</h2><p id="p1">Run.</p>"#,
                &[("Usage", Some("usage")), ("Run.", None)],
            ),
            (
                r#"<h3 class="title"><a id="id-1.2"></a>11.6.1. Installing</h3>"#,
                &[("11.6.1. Installing", Some("id-1.2"))],
            ),
            (
                r#"<h2><a name="old">Old</a> style</h2>"#,
                &[("Old style", Some("old"))],
            ),
            (
                r#"<section id="install"><h2>Install</h2><p>Text.</p></section>"#,
                &[("Install", Some("install")), ("Text.", None)],
            ),
            (
                r#"<div id="wrap"><p>First.</p><h2>Later</h2></div>"#,
                &[("First.", None), ("Later", None)],
            ),
            (
                r##"<section id="method.push"><span class="rightside"><span>1.0.0</span> · <a href="s">Source</a></span><h4>pub fn <a href="#method.push">push</a>(&mut self)</h4></section>"##,
                &[
                    ("1.0.0 · Source", None),
                    ("pub fn push(&mut self)", Some("method.push")),
                ],
            ),
            (
                r#"<article id="post-1"><h2>Post</h2></article>"#,
                &[("Post", None)],
            ),
            (
                r#"<h2 id="  ">Blank</h2><h2>Plain</h2>"#,
                &[("Blank", None), ("Plain", None)],
            ),
            (
                r#"<h2 id="a">One<br>two</h2>"#,
                &[("One", Some("a")), ("two", Some("a"))],
            ),
            (
                r#"<h2 id="a"><div>X</div>Y</h2><p>Z</p>"#,
                &[("X", Some("a")), ("Y", Some("a")), ("Z", None)],
            ),
            (
                r#"<h2 id=" spaced ">Spaced</h2>"#,
                &[("Spaced", Some(" spaced "))],
            ),
            (&too_long, &[("Long", None), ("In", Some("s"))]),
        ];
        for (body, expected) in rows {
            let (_, blocks) = read(&format!("<html><body>{body}</body></html>"), "p.html");
            let got: Vec<(&str, Option<&str>)> = blocks
                .iter()
                .map(|b| (b.text.as_str(), b.anchor.as_deref()))
                .collect();
            assert_eq!(&got, expected, "{body}");
        }
    }

    #[test]
    fn blocks_golden_table() {
        /// A block as the table states it: text, kind, link bytes, slot.
        type Expected = (&'static str, BlockKind, usize, &'static str);
        let rows: &[(&str, &[Expected])] = &[
            (
                r#"<div class="para">text <a href="x">a link</a> more</div>"#,
                &[("text a link more", Paragraph, 6, "div.para")],
            ),
            (
                "<div>intro <p>inner</p> tail <b>bold</b></div>",
                &[("intro", Paragraph, 0, "div"), ("inner", Paragraph, 0, "div>p"), ("tail bold", Paragraph, 0, "div")],
            ),
            (
                "<ul><li>one<ul><li>two</li></ul></li><li><p>three</p></li></ul>",
                &[("one", ListItem, 0, "ul>li"), ("two", ListItem, 0, "ul>li>ul>li"), ("three", ListItem, 0, "ul>li>p")],
            ),
            (
                "<table><tr><th>Name</th><th>Wert</th></tr><tr><td><p>a</p><p>b</p></td><td>1<br>2</td></tr></table>",
                &[("Name Wert", TableRow, 0, "table>tbody>tr"), ("a b 1 2", TableRow, 0, "table>tbody>tr")],
            ),
            (
                "<pre>fn main() {\n    x &amp;&amp; y\n}</pre><p>a<br>b</p>",
                &[("fn main() { x && y }", Code, 0, "pre"), ("a", Paragraph, 0, "p"), ("b", Paragraph, 0, "p")],
            ),
            (
                "<h2 id=\"usage\">Usage<a class=\"headerlink\" href=\"#usage\">¶</a></h2><p>Run <code>x --y</code>.</p>",
                &[("Usage", Heading, 0, "h2#usage"), ("Run x --y.", Paragraph, 0, "p")],
            ),
            (
                r#"<nav>n</nav><header>h</header><footer>f</footer><aside>a</aside><script>s()</script>
                   <div hidden>x</div><div aria-hidden="true">x</div><div data-findling-ignore>Cookies</div>
                   <div role="navigation">r</div><form>f<input></form><p>kept<img alt="alt text" src="i.png"></p>"#,
                &[("kept", Paragraph, 0, "p")],
            ),
            (
                r#"<div id="id-1.9.4" class="section post-1234 b a active"><p id="x2">t</p></div>"#,
                &[("t", Paragraph, 0, "div.a.b.section>p#x2")],
            ),
            (
                "<article><header><h2>Lede heading</h2><p>The lede.</p></header><p>Text.</p><footer>Tags</footer></article>",
                &[("Lede heading", Heading, 0, "header>h2"), ("The lede.", Paragraph, 0, "header>p"), ("Text.", Paragraph, 0, "p")],
            ),
        ];
        for (body, expected) in rows {
            let expected: Vec<_> = expected
                .iter()
                .map(|(t, k, l, s)| (t.to_string(), *k, *l, s.to_string()))
                .collect();
            assert_eq!(blocks(body), expected, "{body}");
        }
    }

    #[test]
    fn content_root_is_marked_then_main_then_one_article_then_body() {
        let text = |html: &str| {
            read(html, "p.html")
                .1
                .into_iter()
                .map(|b| b.text)
                .collect::<Vec<_>>()
        };
        assert_eq!(
            text("<p>out</p><main><p>m</p></main><div data-findling-body><p>b</p></div>"),
            ["b"]
        );
        assert_eq!(text("<p>out</p><main><p>m</p></main>"), ["m"]);
        assert_eq!(text("<p>out</p><article><p>a</p></article>"), ["a"]);
        assert_eq!(
            text("<p>out</p><article><p>a</p></article><article><p>b</p></article>"),
            ["out", "a", "b"]
        );
    }

    #[test]
    fn title_comes_from_the_marked_element_then_the_content_h1_then_any_h1_then_title() {
        let title = |html: &str| {
            let (meta, blocks) = read(html, "p.html");
            (
                meta.title.unwrap_or_default(),
                blocks.into_iter().map(|b| b.text).collect::<Vec<_>>(),
            )
        };
        let head = "<head><title>Head | Site</title></head>";
        assert_eq!(
            title(&format!("{head}<h1>Site</h1><main><h1>Page</h1><p>t</p></main>")),
            ("Page".into(), vec!["t".into()])
        );
        assert_eq!(
            title(&format!(
                "{head}<header><h1>In header</h1></header><main><p>t</p></main>"
            )),
            ("In header".into(), vec!["t".into()])
        );
        assert_eq!(
            title(&format!(
                "{head}<main><h2 data-findling-title>Marked</h2><h1>H1</h1></main>"
            )),
            ("Marked".into(), vec!["H1".into()])
        );
        assert_eq!(
            title(&format!("{head}<main><p>t</p></main>")),
            ("Head | Site".into(), vec!["t".into()])
        );
        assert_eq!(
            title("<main><h1> </h1><p>t</p></main>"),
            (String::new(), vec!["t".into()])
        );
    }

    #[test]
    fn metadata_from_the_head_and_the_content() {
        let page = r#"<html lang="de-DE"><head><meta name="author" content="Anna"><meta name="keywords" content="a, b ,">
            <meta property="article:published_time" content="2020-01-02T10:00:00Z"></head>
            <body><aside><time datetime="1999-01-01">old</time></aside><main><p><time datetime="2021-04-07">7. April</time></p></main></body></html>"#;
        let (meta, _) = read(page, "x/y.htm");
        assert_eq!(meta.lang.as_deref(), Some("de-DE"));
        assert_eq!(meta.source.as_deref(), Some("Anna"));
        assert_eq!(meta.tags, ["a", "b"]);
        assert_eq!(meta.date.as_deref(), Some("2021-04-07"));
        assert_eq!(meta.url.as_deref(), Some("x/y.htm"));
        let (meta, _) = read(
            &page.replace("<time datetime=\"2021-04-07\">", "<time>"),
            "x/y.htm",
        );
        assert_eq!(meta.date.as_deref(), Some("2020-01-02"));
    }

    #[test]
    fn urls_golden_table() {
        let rows = [
            ("index.html", "", "./"),
            ("a/index.html", "", "a/"),
            ("a/b.html", "", "a/b.html"),
            ("a/b.htm", "", "a/b.htm"),
            ("a/myindex.html", "", "a/myindex.html"),
            (
                "a/b.html",
                r#"<link rel="canonical" href="https://x.org/a/b/">"#,
                "https://x.org/a/b/",
            ),
            ("a/b.html", r#"<link rel="canonical" href="/a/b/">"#, "a/b/"),
            ("a/b.html", r#"<link rel="canonical" href="/">"#, "./"),
        ];
        for (rel, head, url) in rows {
            let (meta, _) = read(&format!("<html><head>{head}</head><body>t</body></html>"), rel);
            assert_eq!(meta.url.as_deref(), Some(url), "{rel} {head}");
        }
    }

    #[test]
    fn generated_names_and_state_classes_are_left_out_of_slots() {
        for (name, generated) in [
            ("id-1.9.4", true),
            ("post-1234", true),
            ("ember42", true),
            ("col-md-8", false),
            ("banner", false),
            ("h2", false),
        ] {
            assert_eq!(super::generated(name), generated, "{name}");
        }
        assert!(state("current-menu-item") && state("is-active") && !state("slideshow"));
    }

    #[test]
    fn deep_nesting_is_read_without_exhausting_the_stack() {
        let page = format!("{}deep{}", "<div>".repeat(5000), "</div>".repeat(5000));
        let (_, blocks) = read(&page, "p.html");
        assert_eq!(blocks.len(), 1);
        assert_eq!(blocks[0].text, "deep");
    }
}
