//! A site's HTML pages as a whole: the same text in the same place of most pages is the
//! site's template, links in a place most pages have are its navigation, a title most
//! pages share is its name, and a page that holds several others whole (Node's
//! `all.html`, mdBook's `print.html`) loses their text. [`Site`] counts what recurs as
//! the pages stream through the build; `clean_site_page` judges one page against it.

use super::{whitespace_words, Judged, Verdict, MIN_PROSE_WORDS};
use crate::corpus::{BlockKind, Format, Page, RawBlock};
use std::collections::HashMap;

/// What cleaning needs to know of a corpus's HTML pages as a whole: where each block's
/// text and place recur, and which places each page has. It holds counts and 128-bit
/// hashes, never the texts, so a build can stream its pages through it.
#[derive(Debug, Clone, Default)]
pub struct Site {
    /// How many HTML pages were added.
    pages: usize,
    /// Per [`template_key`]: the last page that has the block, and how many pages do.
    blocks: HashMap<u128, (usize, u32)>,
    /// Per slot: the last page that has a block there, and how many pages do.
    slots: HashMap<String, (usize, usize)>,
    /// Per [`title_key`] of a page's title, of its `<title>` and of the end of that after
    /// its last separator ([`title_suffix`]): the last page that has it, and how many do.
    titles: HashMap<u128, (usize, u32)>,
    /// Per [`copy_key`] of a block of [`MIN_PROSE_WORDS`] or more, wherever it stands:
    /// the first and the last page that have it (as [`page_key`]s), and how many do.
    texts: HashMap<u128, (u64, u64, u32)>,
    /// Per [`page_key`]: the words of the page's blocks of [`MIN_PROSE_WORDS`] or more.
    prose: HashMap<u64, u32>,
}

/// What [`Site`] counts of one HTML page: the keys of its titles and blocks, which a
/// build computes on the thread that read the page, and [`Site::add_sketch`] counts on
/// the one thread that sees the pages in order ([`Site::add`] is both at once).
#[derive(Debug, Clone)]
pub struct PageSketch {
    /// The [`title_key`]s of its title, its `<title>` and that one's end, and of the
    /// title's first word and first two words (see [`LABEL_TITLES`]).
    titles: Vec<u128>,
    /// Its [`page_key`].
    page: u64,
    blocks: Vec<BlockSketch>,
}

/// What [`Site`] counts of one block of a page.
#[derive(Debug, Clone)]
struct BlockSketch {
    /// Its [`template_key`].
    template: u128,
    /// Its words and [`copy_key`], when it has [`MIN_PROSE_WORDS`] or more.
    prose: Option<(u32, u128)>,
    /// Its place on the page (`RawBlock::slot`).
    slot: String,
}

impl PageSketch {
    /// The sketch of `page` if it is an HTML page (other formats have no template) and
    /// not a part of a larger page: parts would count as pages of their own (a block
    /// repeated across them would read as a template of the site), and a large page's
    /// blocks would fill the counts (17 MB for one page of 26.9 MB). A part is still
    /// judged against the templates of the other pages.
    pub fn of(page: &Page) -> Option<PageSketch> {
        if page.format != Format::Html || page.part.is_some() {
            return None;
        }
        let meta = &page.meta;
        let head = meta.head_title.as_deref();
        let title = meta.title.as_deref();
        let titles = [
            title.map(|t| title_key(0, t)),
            head.map(|t| title_key(1, t)),
            head.and_then(title_suffix).map(|s| title_key(2, s)),
            title.and_then(|t| leading_words(t, 1)).map(|l| title_key(3, l)),
            title.and_then(|t| leading_words(t, 2)).map(|l| title_key(3, l)),
        ];
        let blocks = page.blocks.iter().map(|b| {
            let words = whitespace_words(&b.text);
            BlockSketch {
                template: template_key(b),
                prose: (words >= MIN_PROSE_WORDS)
                    .then(|| (u32::try_from(words).unwrap_or(u32::MAX), copy_key(&b.text))),
                slot: b.slot.clone(),
            }
        });
        Some(PageSketch {
            titles: titles.into_iter().flatten().collect(),
            page: page_key(&page.id),
            blocks: blocks.collect(),
        })
    }
}

impl Site {
    /// Counts the blocks of `page` (see [`PageSketch::of`] for the pages that count).
    pub fn add(&mut self, page: &Page) {
        if let Some(sketch) = PageSketch::of(page) {
            self.add_sketch(sketch);
        }
    }

    /// Counts a page by its sketch: the same as [`add`](Self::add) of the page, as long
    /// as the pages' sketches come in the pages' order.
    pub fn add_sketch(&mut self, sketch: PageSketch) {
        let this = self.pages;
        self.pages += 1;
        for key in sketch.titles {
            tally(&mut self.titles, key, this);
        }
        let key = sketch.page;
        for b in sketch.blocks {
            tally(&mut self.blocks, b.template, this);
            if let Some((words, copy)) = b.prose {
                let prose = self.prose.entry(key).or_default();
                *prose = prose.saturating_add(words);
                let (_, last, n) = self.texts.entry(copy).or_insert((key, key, 0));
                if *n == 0 || *last != key {
                    (*last, *n) = (key, n.saturating_add(1));
                }
            }
            match self.slots.get_mut(b.slot.as_str()) {
                Some((last, n)) if *last != this => (*last, *n) = (this, *n + 1),
                Some(_) => {}
                None => {
                    self.slots.insert(b.slot, (this, 1));
                }
            }
        }
    }

    /// How many pages have the same text in the same place.
    fn pages_with(&self, b: &RawBlock) -> u32 {
        self.blocks.get(&template_key(b)).map_or(0, |&(_, n)| n)
    }

    /// The same text in the same place of other pages: a site template, unless only a
    /// few pages have it and most do not (see [`MIRROR_PAGES`]).
    fn template(&self, b: &RawBlock) -> bool {
        self.shared(self.pages_with(b))
    }

    /// Whether `n` pages having something makes it the site's, not theirs: two pages at
    /// least, and more than [`MIRROR_PAGES`] or half of the site's pages.
    fn shared(&self, n: u32) -> bool {
        n >= 2 && !(n <= MIRROR_PAGES && (n as usize) * 2 < self.pages)
    }

    /// The one other page (its [`page_key`]) that has `text`, a block of [`MIN_PROSE_WORDS`]
    /// or more of the page `this` (a [`page_key`]; a `part` of a large page), wherever it
    /// stands there; `None` when no other page has it, or more than one. The parts of a
    /// large page are not among the site's pages: the other page of a part's block is the
    /// one that has it.
    fn copied_from(&self, this: u64, part: bool, text: &str) -> Option<u64> {
        let &(first, last, n) = self.texts.get(&copy_key(text))?;
        match (n, part) {
            (1, true) => Some(first),
            (2, false) if first == this => Some(last),
            (2, false) if last == this => Some(first),
            _ => None,
        }
    }

    /// The words of the blocks of [`MIN_PROSE_WORDS`] or more of the page `key` (a
    /// [`page_key`]).
    fn prose_of(&self, key: u64) -> u32 {
        self.prose.get(&key).copied().unwrap_or(0)
    }

    /// Whether most of the site's pages share `key` (a [`title_key`]): at least half
    /// of them, and [`MIN_TEMPLATE_PAGES`]. A site's name stands on every page.
    fn shares_title(&self, key: u128) -> bool {
        let n = self.titles.get(&key).map_or(0, |&(_, n)| n) as usize;
        n >= MIN_TEMPLATE_PAGES && n * 2 >= self.pages
    }

    /// The title an HTML page gets in place of the one its reader chose, when that one
    /// is the site's, not the page's: its `<title>`, without the site's name after it.
    /// A site whose header holds its name in an `<h1>` ("Node.js v18.20.4 documentation"
    /// above every page of Node's API documentation) gives every page that title; the
    /// `<title>` names the page ("Buffer | Node.js v18.20.4 Documentation"), and the end
    /// after its last separator that the site's pages share is the site's name too. A
    /// title read from the `<title>` itself loses that end as well. So does a title
    /// that starts with a label many of the site's titles start with, when the `<title>`
    /// starts with what follows the label (see [`LABEL_TITLES`]: rustdoc's "Trait
    /// Iterator" is "Iterator in std::iter"). `None` when the title stays.
    pub fn title_of(&self, page: &Page) -> Option<String> {
        let meta = &page.meta;
        let head = meta.head_title.as_deref()?;
        let name = title_suffix(head).filter(|s| self.shares_title(title_key(2, s)));
        let own = name.map_or(head, |s| head[..head.len() - s.len()].trim_end());
        let title = meta.title.as_deref().unwrap_or_default();
        let site_title = self.shares_title(title_key(0, title)) && !self.shares_title(title_key(1, head));
        let better =
            (site_title || title == head || self.labelled(title, own)) && !own.is_empty() && own != title;
        (page.format == Format::Html && better).then(|| own.to_owned())
    }

    /// Whether `title` is a label that many of the site's titles start with (one or two
    /// words, see [`LABEL_TITLES`]) before the words that `own`, the page's `<title>`
    /// without the site's name, starts with: rustdoc titles its pages "Trait Iterator",
    /// "Struct Vec", "Type Alias Result" (the `<h1>`) and names them "Iterator in
    /// std::iter", "Vec in std::vec", "Result in std::io" (the `<title>`), so a reader who
    /// types the name finds the title that starts with it.
    fn labelled(&self, title: &str, own: &str) -> bool {
        (1..=2).any(|n| {
            leading_words(title, n).is_some_and(|label| {
                let name = title[label.len()..].trim_start();
                let count = self.titles.get(&title_key(3, label)).map_or(0, |&(_, n)| n);
                count as usize >= LABEL_TITLES
                    && !name.is_empty()
                    && own
                        .strip_prefix(name)
                        .is_some_and(|rest| rest.is_empty() || rest.starts_with(' '))
            })
        })
    }

    /// A slot that at least half of the site's pages (and [`MIN_TEMPLATE_PAGES`]) have.
    fn common(&self, slot: &str) -> bool {
        let n = self.slots.get(slot).map_or(0, |&(_, n)| n);
        n >= MIN_TEMPLATE_PAGES && n * 2 >= self.pages
    }
}

/// Counts `key` for page `this` in `counts` (the last page that had it, and how many did).
fn tally(counts: &mut HashMap<u128, (usize, u32)>, key: u128, this: usize) {
    match counts.get_mut(&key) {
        Some((last, n)) if *last != this => (*last, *n) = (this, n.saturating_add(1)),
        Some(_) => {}
        None => {
            counts.insert(key, (this, 1));
        }
    }
}

/// The end of a `<title>` from its last separator on (" | Node.js v18.20.4
/// Documentation", " — Python 3.11.2 documentation"): where a site puts its name.
///
/// ```
/// use findling::clean::site::title_suffix;
/// assert_eq!(title_suffix("Buffer | Node.js v18.20.4 Documentation"), Some(" | Node.js v18.20.4 Documentation"));
/// assert_eq!(title_suffix("json — JSON encoder — Python 3.11 documentation"), Some(" — Python 3.11 documentation"));
/// assert_eq!(title_suffix("git-rebase(1)"), None);
/// ```
pub fn title_suffix(title: &str) -> Option<&str> {
    const SEPARATORS: [&str; 6] = [" | ", " — ", " – ", " - ", " · ", " :: "];
    let at = SEPARATORS.iter().filter_map(|s| title.rfind(s)).max()?;
    Some(&title[at..])
}

/// The first `n` words of `title` (separated by single spaces, as a title's text is),
/// when more follow them.
///
/// ```
/// use findling::clean::site::leading_words;
/// assert_eq!(leading_words("Type Alias Result", 2), Some("Type Alias"));
/// assert_eq!(leading_words("Trait Iterator", 2), None);
/// ```
pub fn leading_words(title: &str, n: usize) -> Option<&str> {
    let end = title.match_indices(' ').nth(n - 1)?.0;
    Some(&title[..end])
}

/// Fewest titles of a site that a label must start for [`Site::title_of`] to read it as
/// one ("Struct", "Function", "Type Alias" on rustdoc's pages): a word that starts a title
/// by chance starts few.
pub const LABEL_TITLES: usize = 10;

/// What makes two titles the same for [`Site`]: the kind (0 a page's title, 1 its
/// `<title>`, 2 the end of that, 3 the first words of a title) and the text, as a
/// 128-bit hash.
fn title_key(kind: u8, text: &str) -> u128 {
    key128((kind, text))
}

/// What makes two blocks the same text for [`Site::copied_from`]: their text alone, as a
/// 128-bit hash (a page that gathers others may nest them deeper than they stand).
fn copy_key(text: &str) -> u128 {
    key128((3u8, text))
}

/// A page of [`Site`] by its id, as a 64-bit hash.
fn page_key(id: &str) -> u64 {
    key128(id) as u64
}

/// What makes two HTML blocks the same template block: the same text in the same place,
/// as a 128-bit hash (two SipHash passes with fixed keys: the same in every build).
fn template_key(b: &RawBlock) -> u128 {
    key128((b.slot.as_str(), b.text.as_str()))
}

/// `value` as a 128-bit hash: two SipHash passes with fixed keys (the same in every
/// build), seeded 0 and 1.
fn key128(value: impl std::hash::Hash) -> u128 {
    use std::hash::{Hash, Hasher};
    let half = |seed: u8| {
        let mut h = std::collections::hash_map::DefaultHasher::new();
        (seed, &value).hash(&mut h);
        h.finish()
    };
    u128::from(half(0)) << 64 | u128::from(half(1))
}

/// Fewest pages a slot must appear on before a link list there counts as navigation.
pub const MIN_TEMPLATE_PAGES: usize = 3;

/// Most pages a block may be on and still be their text, not the site's template, when
/// fewer than half of the site's pages have it: a site may publish the same text at a
/// few paths. rustdoc writes most items of Rust's standard library at two or three
/// (`core::`, `alloc::`, `std::`): with any shared block a template, the description of
/// `std::vec::Vec` ("A contiguous growable array type…") was dropped from both its pages,
/// and 17,603 of the 22,030 pages of Rust 1.63's documentation kept nothing and fell
/// back to being indexed whole, menus and buttons included.
pub const MIRROR_PAGES: u32 = 3;

/// Fewest other pages a page must hold to be a page that gathers pages. Node's API
/// documentation ships `all.html`, every page of it in one, and mdBook writes
/// `print.html`, the whole book. Indexed as they are, each search finds the page and the
/// gathering page (Node's `readFile` listed `fs` first and two parts of `all` fourth and
/// sixth). A page holds another when at least [`HELD_SHARE`] of the other's long blocks'
/// words are in blocks that only the two of them have, and those are less than that
/// share of its own (more, and the two are mirrors: rustdoc's `core::` and `std::` pages
/// of one item). A page that holds this many, in at least as many words as the rest of
/// its long blocks, loses their blocks and the short ones among them ([`Verdict::Copy`])
/// and keeps its own text. Three, because two pages may well quote each other's
/// paragraphs (a page and its chapter's overview), and a page that holds three whole
/// pages is made of others. What a page of short blocks of its own (a module's list of
/// names) loses with its held summaries stays on the pages they are from.
pub const GATHERED_PAGES: usize = 3;

/// Share of another page's long blocks' words that a page must hold to hold that page
/// (see [`GATHERED_PAGES`]): most of it. A quote of a paragraph or two is not the page;
/// a gathering page holds its pages whole, but for blocks that other pages share too.
pub const HELD_SHARE: f64 = 0.5;

/// Share of a block's text in links above which it is a link list.
pub const LINK_LIST_SHARE: f32 = 0.5;

/// An HTML page: repeats, site templates and navigation go, the rest is kept (a block
/// that a few pages share and most do not is their text: [`MIRROR_PAGES`]).
pub(super) fn clean_site_page(page: &Page, site: &Site) -> Judged {
    let mut verdicts = Vec::with_capacity(page.blocks.len());
    for (i, b) in page.blocks.iter().enumerate() {
        let links = b.link_bytes as f32 > b.text.len() as f32 * LINK_LIST_SHARE;
        let verdict = if page.blocks[..i].iter().any(|e| e.text == b.text) && b.kind != BlockKind::Heading {
            Verdict::Repeat
        } else if site.template(b) {
            Verdict::Template
        } else if links && site.common(&b.slot) {
            Verdict::Chrome("navigation: links in a place most pages have")
        } else {
            Verdict::Body
        };
        verdicts.push(verdict);
    }
    // A page that gathers others loses their text (see GATHERED_PAGES).
    let gathered = gathered(page, site, &verdicts);
    for (v, gathered) in verdicts.iter_mut().zip(gathered) {
        if gathered {
            *v = Verdict::Copy;
        }
    }
    Judged {
        verdicts,
        date: None,
        source: None,
        counted: None,
        title: site.title_of(page),
    }
}

/// Which blocks of `page`, judged `verdicts` so far, are the text of other pages that it
/// gathers (see [`GATHERED_PAGES`]); none unless it gathers pages.
fn gathered(page: &Page, site: &Site, verdicts: &[Verdict]) -> Vec<bool> {
    let n = page.blocks.len();
    let words: Vec<usize> = page.blocks.iter().map(|b| whitespace_words(&b.text)).collect();
    let long = |i: usize| words[i] >= MIN_PROSE_WORDS;
    let body = |i: usize| verdicts[i] == Verdict::Body;
    let (this, part) = (page_key(&page.id), page.part.is_some());
    let copied: Vec<Option<u64>> = (0..n)
        .map(|i| (long(i) && body(i)).then(|| site.copied_from(this, part, &page.blocks[i].text)))
        .map(Option::flatten)
        .collect();
    let prose: usize = (0..n).filter(|&i| long(i)).map(|i| words[i]).sum();
    // Per other page, the words of it that this one holds.
    let mut shared: HashMap<u64, usize> = HashMap::new();
    for (c, w) in copied.iter().zip(&words) {
        if let Some(other) = c {
            *shared.entry(*other).or_default() += w;
        }
    }
    // Another page is held here when this one holds most of its text, and a mirror when
    // that is most of this one's too. A part of a large page mirrors no page: the page
    // keeps what it shares with a part, so the part may drop it.
    let words_of = |other: u64| shared.get(&other).copied().unwrap_or(0) as f64;
    let mirror = |other: u64| !part && words_of(other) >= prose as f64 * HELD_SHARE;
    let held = |other: u64| words_of(other) >= f64::from(site.prose_of(other)) * HELD_SHARE && !mirror(other);
    let sources = shared.keys().filter(|&&other| held(other)).count();
    // Gathered: what the pages held have; in a part of a large page, what any page has (a
    // part may hold less than most of a page that goes on in the next).
    let from_held: Vec<bool> = copied
        .iter()
        .map(|c| c.is_some_and(|o| held(o) || part))
        .collect();
    let copies: usize = (0..n).filter(|&i| from_held[i]).map(|i| words[i]).sum();
    let own: usize = (0..n)
        .filter(|&i| body(i) && long(i) && !from_held[i])
        .map(|i| words[i])
        .sum();
    if sources < GATHERED_PAGES || copies < own {
        return vec![false; n];
    }
    // A short block (a heading, a label, a list item) goes with the long block after it,
    // as a heading does with its text, and the last ones with the one before: with a
    // gathered one, it is part of the page gathered.
    // The long block kept so far at or after each place, and at or before it (one pass
    // each way: a gathering page may have tens of thousands of short blocks in a row).
    let kept_long = |j: usize| long(j) && body(j);
    let mut next = vec![None; n + 1];
    for i in (0..n).rev() {
        next[i] = if kept_long(i) { Some(i) } else { next[i + 1] };
    }
    let mut previous = None;
    (0..n)
        .map(|i| {
            if kept_long(i) {
                previous = Some(i);
            }
            if !body(i) || long(i) {
                return from_held[i];
            }
            next[i].or(previous).is_some_and(|j| from_held[j])
        })
        .collect()
}
