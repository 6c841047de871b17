//! Cleaning: turns pasted pages into the articles they carry (title, body, metadata),
//! dropping the page chrome around them from general signals, never per-site rules.
//!
//! Every drop needs evidence a reader would accept: a clean document (documentation,
//! package descriptions, speeches) keeps all of its words. The pipeline for a pasted
//! page (a text file), in order, each step with its reason:
//!
//! 1. **Blocks** come from the text reader (`corpus::text`): a paragraph, or a line of
//!    its own in a page that puts one paragraph on a line.
//! 2. **Repeats**: a run of long blocks equal to earlier blocks of the same page is the
//!    page pasted twice; one sentence said twice is the author's.
//! 3. **Metadata lines**: a short line before the article that holds a date (a dateline
//!    or byline) or names a source (`Quelle: …`) gives the page's date and source (when
//!    it reads as a name) and is not body text; the first line of a page stays.
//! 4. **Chrome kinds** ([`block::Signals`]): captions that end in a photo credit, image
//!    placeholders, related links, short advertisement, appeal and comment-section
//!    labels, forum notices, prices, copyright footers.
//! 5. **The tail**: once the article has begun, it ends after a closing agency tag
//!    (`(afp)`), or at a label (or a menu of short lines leading into one) when more
//!    chrome sits next to it and less text follows than came before. A page cut into
//!    parts (`corpus::part`) ends only in its last part: the others stop mid-page.
//!
//! A block shared with other text pages is no evidence on its own: package descriptions
//! share sentences and man pages share headings. Sites are different: an HTML page's
//! blocks have a place in its structure, and the same text in the same place of other
//! pages is the site's template (unless only a few pages have it and most do not: the
//! same text published at a few paths).
//! 6. **Title**: the first kept block if it is a headline; otherwise the lead's first
//!    sentence, and the lead stays in the body. **Language** is detected from the kept
//!    text.
//! 7. **Nothing lost**: a page that would keep nothing is kept whole, marked as a
//!    fallback so that the build can say so.

pub mod block;
pub mod date;
pub mod site;

use crate::corpus::{BlockKind, Format, Page, RawBlock};
use crate::document::{Document, Section};
use crate::language::{self, Lang};
use block::Signals;
use language::Tally;
use site::clean_site_page;
pub use site::{PageSketch, Site};

/// Most words of a headline; a longer first block is a lead.
pub const MAX_HEADLINE_WORDS: usize = 20;

/// Most lines of a menu of short lines that ends a page (a forum's buttons, a footer's
/// links); a longer run is a list.
pub const MAX_MENU_LINES: usize = 8;

/// Fewest words of a prose block that shows the article has begun.
pub const MIN_PROSE_WORDS: usize = 8;

/// A block's UAX #29 words as byte ranges of its text.
pub type Words = Vec<(usize, usize)>;

/// Bytes of text per word, fewest of most blocks (de-10k: 12.3 MB for 1.5 M words, 8 a
/// word, but a block of short words or numbers has more): sizes a block's list of words
/// before they are found, with one more for a short block, so that it seldom grows.
const BYTES_PER_WORD: usize = 6;

pub use crate::document::BLOCK_SEPARATOR;

/// Why a block was kept or dropped.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Verdict {
    /// Kept as the document's title.
    Title,
    /// Kept as body text.
    Body,
    /// Dropped: repeats an earlier block of the same page.
    Repeat,
    /// Dropped: recurs verbatim in another page of the corpus (a site template).
    Template,
    /// Dropped from the text: a dateline, byline or source line (read as metadata).
    Metadata,
    /// Dropped: page chrome of the named kind.
    Chrome(&'static str),
    /// Dropped: after the end of the article.
    Tail,
    /// Dropped: the text of another page, in a page that gathers many (see
    /// [`GATHERED_PAGES`](site::GATHERED_PAGES)).
    Copy,
}

impl Verdict {
    /// Whether the block ends up in the document.
    pub fn kept(self) -> bool {
        matches!(self, Verdict::Title | Verdict::Body)
    }

    /// A short human explanation.
    pub fn reason(self) -> &'static str {
        match self {
            Verdict::Title => "headline",
            Verdict::Body => "article text",
            Verdict::Repeat => "repeats an earlier block of this page",
            Verdict::Template => "recurs verbatim in another page (site template)",
            Verdict::Metadata => "dateline, byline or source line (read as metadata)",
            Verdict::Chrome(kind) => kind,
            Verdict::Tail => "after the end of the article",
            Verdict::Copy => "another page's text, in a page that gathers pages",
        }
    }
}

/// One block of a page with its verdict.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Block {
    /// The block's normalised text.
    pub text: String,
    /// Keep or drop, and why.
    pub verdict: Verdict,
    /// For a heading: its anchor on the page ([`RawBlock::anchor`]), empty when the page
    /// gives none. `None` for other blocks.
    pub anchor: Option<String>,
}

/// A page after cleaning.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Cleaned {
    /// Every block of the page, in page order, with its verdict.
    pub blocks: Vec<Block>,
    /// The headline (or the lead's first sentence).
    pub title: String,
    /// Publication date (ISO 8601), when a dateline states one.
    pub date: Option<String>,
    /// Publisher, when a byline or source line names one.
    pub source: Option<String>,
    /// Language detected from the kept text.
    pub lang: Option<Lang>,
    /// Cleaning would have kept nothing, so the page was kept whole.
    pub fallback: bool,
    /// Per block: its UAX #29 words as byte ranges of its text, as the language tally
    /// found them (empty for a block dropped before its words were counted).
    pub words: Vec<Words>,
    /// How many of the first blocks are copies of a heading that a part of a larger page
    /// carries over from the part before ([`Part::carried`](crate::corpus::part::Part)):
    /// not counted again in [`words_by_reason`](Self::words_by_reason).
    pub carried: usize,
}

impl Cleaned {
    /// The headline (empty if the page had no text).
    pub fn title(&self) -> &str {
        &self.title
    }

    /// The body: kept blocks other than the title, separated by a blank line.
    pub fn body(&self) -> String {
        let body: Vec<&str> = self
            .blocks
            .iter()
            .filter(|b| b.verdict == Verdict::Body)
            .map(|b| b.text.as_str())
            .collect();
        body.join(BLOCK_SEPARATOR)
    }

    /// The UAX #29 words of [`body`](Self::body) as byte ranges of it: each body block's
    /// words, moved to where the block starts in the body (a word never crosses the
    /// line breaks between blocks), so that the body need not be segmented again.
    ///
    /// ```
    /// use findling::analysis::words::word_indices;
    /// let c = findling::clean::clean("Titel\nDer erste Absatz ist lang genug, um als Text zu gelten.\n\nZweiter Absatz: Zoom-Konferenz.");
    /// let body = c.body();
    /// let words: Vec<(usize, usize)> = word_indices(&body).map(|(i, w)| (i, i + w.len())).collect();
    /// assert_eq!(c.body_words(), words);
    /// ```
    pub fn body_words(&self) -> Words {
        let body = |(b, _): &(&Block, &Words)| b.verdict == Verdict::Body;
        let count = self
            .blocks
            .iter()
            .zip(&self.words)
            .filter(body)
            .map(|(_, w)| w.len())
            .sum();
        let mut out = Vec::with_capacity(count);
        let mut at = None;
        for (b, words) in self.blocks.iter().zip(&self.words) {
            if b.verdict != Verdict::Body {
                continue;
            }
            let start = at.map_or(0, |end| end + BLOCK_SEPARATOR.len());
            out.extend(words.iter().map(|&(first, last)| (start + first, start + last)));
            at = Some(start + b.text.len());
        }
        out
    }

    /// The headings kept in [`body`](Self::body), as its byte ranges, in order: the
    /// blocks its reader found as headings (an HTML page's `<h1>`–`<h6>`, Markdown's `#`)
    /// that the cleaner kept.
    ///
    /// ```
    /// use findling::corpus::{BlockKind, Format, Meta, Page, RawBlock};
    /// use findling::clean::{clean_page_of, Site};
    /// let page = Page {
    ///     id: "guide".into(), path: "guide.html".into(), format: Format::Html, meta: Meta::default(), part: None,
    ///     blocks: vec![
    ///         RawBlock::new("Read this first, it is a paragraph.", BlockKind::Paragraph),
    ///         RawBlock::new("Install", BlockKind::Heading),
    ///         RawBlock::new("Run the installer and wait.", BlockKind::Paragraph),
    ///     ],
    /// };
    /// let cleaned = clean_page_of(&page, &Site::default());
    /// let body = cleaned.body();
    /// let headings: Vec<&str> = cleaned.headings().iter().map(|&(a, b)| &body[a as usize..b as usize]).collect();
    /// assert_eq!(headings, ["Install"]);
    /// ```
    pub fn headings(&self) -> Vec<(u32, u32)> {
        let mut out = Vec::new();
        let mut at = 0;
        for b in self.blocks.iter().filter(|b| b.verdict == Verdict::Body) {
            let end = at + b.text.len();
            match (b.anchor.is_some(), u32::try_from(at), u32::try_from(end)) {
                (true, Ok(start), Ok(end)) => out.push((start, end)),
                (_, Err(_), _) | (_, _, Err(_)) => break,
                _ => {}
            }
            at += b.text.len() + BLOCK_SEPARATOR.len();
        }
        out
    }

    /// The document these blocks make of `page`: what the page's format states about
    /// itself (front matter, `<meta>`, JSON fields) wins over what cleaning found.
    pub fn into_document(self, page: &Page) -> Document {
        let meta = &page.meta;
        let lang = meta
            .lang
            .as_deref()
            .and_then(|code| {
                Lang::from_code(&code[..code.find(['-', '_']).unwrap_or(code.len())].to_ascii_lowercase())
            })
            .or(self.lang);
        let sections = self.sections();
        let headings = self.headings();
        Document {
            id: page.id.clone(),
            title: self.title.clone(),
            text: self.body(),
            lang: lang.map(|l| l.code().to_owned()),
            date: meta.date.clone().or(self.date),
            source: meta.source.clone().or(self.source),
            url: meta.url.clone(),
            tags: meta.tags.clone(),
            sections,
            headings,
        }
    }

    /// The sections the body's headings open (see [`Document::sections`]): where each
    /// kept heading starts in [`body`](Self::body), from the first that has an anchor on;
    /// after a dropped heading, the next kept block starts a section without an anchor.
    ///
    /// ```
    /// use findling::corpus::{BlockKind, Format, Meta, Page, RawBlock};
    /// use findling::clean::{clean_page_of, Site};
    /// let block = |text: &str, kind, anchor: Option<&str>| RawBlock { anchor: anchor.map(Into::into), ..RawBlock::new(text, kind) };
    /// let page = Page {
    ///     id: "guide".into(), path: "guide.html".into(), format: Format::Html, meta: Meta::default(), part: None,
    ///     blocks: vec![
    ///         block("Guide", BlockKind::Heading, None),
    ///         block("Read this first.", BlockKind::Paragraph, None),
    ///         block("Install", BlockKind::Heading, Some("install")),
    ///         block("Run the installer.", BlockKind::Paragraph, None),
    ///         block("Notes", BlockKind::Heading, None),
    ///     ],
    /// };
    /// let doc = clean_page_of(&page, &Site::default()).into_document(&page);
    /// let starts: Vec<(&str, &str)> = doc.sections.iter().map(|s| (&doc.text[s.at as usize..], s.anchor.as_str())).collect();
    /// assert_eq!(starts, [("Install\n\nRun the installer.\n\nNotes", "install"), ("Notes", "")]);
    /// ```
    pub fn sections(&self) -> Vec<Section> {
        let mut sections: Vec<Section> = Vec::new();
        let mut at = 0;
        // A heading dropped as a site's template ("Examples" in the same place of every
        // page) still ends the section before it: what follows is in none.
        let mut ended = false;
        // The anchor of the heading kept last, while no other block came after it: the
        // pieces of one heading (split at a `<br>`) share it and open one section.
        let mut heading: Option<&str> = None;
        for b in &self.blocks {
            if b.verdict != Verdict::Body {
                ended |= b.anchor.is_some() && !sections.is_empty();
                continue;
            }
            let opens = match b.anchor.as_deref() {
                Some(anchor) if heading == Some(anchor) => None,
                Some(anchor) if !anchor.is_empty() || !sections.is_empty() => Some(anchor),
                None if ended => Some(""),
                _ => None,
            };
            if let Some(anchor) = opens {
                sections.push(Section {
                    at: u32::try_from(at).unwrap_or(u32::MAX),
                    anchor: anchor.to_owned(),
                });
            }
            ended = false;
            heading = b.anchor.as_deref();
            at += b.text.len() + BLOCK_SEPARATOR.len();
        }
        sections
    }

    /// Words (whitespace-separated) of every block, kept and dropped, by verdict reason.
    pub fn words_by_reason(&self) -> Vec<(&'static str, usize)> {
        // By verdict first (`None`: kept), then by reason: a reason is written out once
        // per verdict, not once per block.
        let mut by_verdict: Vec<(Option<Verdict>, usize)> = Vec::new();
        for b in self.blocks.iter().skip(self.carried) {
            let verdict = (!b.verdict.kept()).then_some(b.verdict);
            let words = whitespace_words(&b.text);
            match by_verdict.iter_mut().find(|(v, _)| *v == verdict) {
                Some((_, n)) => *n += words,
                None => by_verdict.push((verdict, words)),
            }
        }
        let mut out: Vec<(&'static str, usize)> = Vec::with_capacity(by_verdict.len());
        for (verdict, words) in by_verdict {
            let reason = verdict.map_or("kept", Verdict::reason);
            match out.iter_mut().find(|(r, _)| *r == reason) {
                Some((_, n)) => *n += words,
                None => out.push((reason, words)),
            }
        }
        out
    }

    /// How many blocks were dropped.
    pub fn dropped(&self) -> usize {
        self.blocks.iter().filter(|b| !b.verdict.kept()).count()
    }
}

/// How many whitespace-separated words `text` has: `text.split_whitespace().count()`,
/// byte by byte. Where the only whitespace is spaces ([`crate::corpus::only_spaces`]: most
/// blocks), a word starts at every byte but a space after a space. Elsewhere a character
/// is decoded only where its first byte may start whitespace; every other byte is ASCII,
/// or a part of a character that is no whitespace.
fn whitespace_words(text: &str) -> usize {
    let bytes = text.as_bytes();
    if crate::corpus::only_spaces(bytes) {
        // In chunks whose counts fit a byte, so that the compiler counts 16 bytes at once.
        let chunk = usize::from(u8::MAX);
        let pairs = bytes.chunks(chunk).zip(bytes[1.min(bytes.len())..].chunks(chunk));
        let starts: usize = pairs
            .map(|(a, b)| {
                let starts = a.iter().zip(b).map(|(&a, &b)| u8::from(a == b' ' && b != b' '));
                usize::from(starts.fold(0u8, u8::wrapping_add))
            })
            .sum();
        return starts + usize::from(bytes.first().is_some_and(|&b| b != b' '));
    }
    let (mut words, mut space_before, mut i) = (0, true, 0);
    while let Some(&b) = bytes.get(i) {
        let (space, len) = match b {
            b' ' | 0x09..=0x0D => (true, 1),
            0xC2 | 0xE1..=0xE3 => text[i..]
                .chars()
                .next()
                .map_or((false, 1), |c| (c.is_whitespace(), c.len_utf8())),
            _ => (false, 1),
        };
        words += usize::from(space_before && !space);
        space_before = space;
        i += len;
    }
    words
}

/// Cleans one pasted page on its own (no cross-page templates).
///
/// ```
/// use findling::clean::clean;
/// let page = "Headline\r\n\r\nFirst  paragraph of the article, long enough to be prose.\n\nIts second paragraph says a little more about it.\n\nFoto: Someone/Agency\n";
/// let c = clean(page);
/// assert_eq!(c.title(), "Headline");
/// assert_eq!(c.body(), "First paragraph of the article, long enough to be prose.\n\nIts second paragraph says a little more about it.");
/// assert_eq!(c.dropped(), 1);
/// ```
pub fn clean(raw: &str) -> Cleaned {
    clean_corpus(&[raw]).pop().unwrap_or_default()
}

/// Cleans pasted plain-text pages, each read by the text reader.
pub fn clean_corpus(pages: &[&str]) -> Vec<Cleaned> {
    let pages: Vec<Page> = pages
        .iter()
        .enumerate()
        .map(|(i, text)| Page {
            id: i.to_string(),
            path: Default::default(),
            format: Format::Text,
            meta: Default::default(),
            blocks: crate::corpus::text::read(text),
            part: None,
        })
        .collect();
    clean_pages(&pages)
}

/// Cleans the pages of one corpus together, each as its format needs:
///
/// - **text** is judged as a pasted page: every step above;
/// - **HTML** keeps what its reader found in the content root, less repeats and site
///   templates: blocks that recur with the same text in the same place of other pages,
///   and link lists in a place that most pages have (div-based navigation);
/// - **Markdown** and **JSON lines** are sources, written as documents: kept whole.
///
/// The same as adding every page to a [`Site`] and then cleaning each with
/// [`clean_page_of`] (the parts of a large page with [`clean_part_taking`]), which is how
/// a build streams a corpus.
pub fn clean_pages(pages: &[Page]) -> Vec<Cleaned> {
    let mut site = Site::default();
    for page in pages {
        site.add(page);
    }
    let mut earlier = EarlierParts::default();
    pages
        .iter()
        .map(|page| {
            let judged = judge(page, &site, earlier.enter(page));
            judged.into_cleaned(page, copied_blocks(page))
        })
        .collect()
}

/// Cleans one page of a corpus whose HTML pages were all added to `site` (see
/// [`clean_pages`]).
pub fn clean_page_of(page: &Page, site: &Site) -> Cleaned {
    let judged = judge(page, site, None);
    judged.into_cleaned(page, copied_blocks(page))
}

/// [`clean_page_of`], taking the page's blocks: their texts move into the cleaned page
/// instead of being copied (a build has no use for them after cleaning).
pub fn clean_page_taking(page: &mut Page, site: &Site) -> Cleaned {
    clean_part_taking(page, site, &mut EarlierParts::default())
}

/// [`clean_page_taking`] of a page that may be a part of a larger page
/// ([`crate::corpus::part`]): given the parts in order, `earlier` remembers the long
/// blocks of the parts before, so that a run of them repeated in a later part is dropped
/// as it is in a whole page (text pages).
pub fn clean_part_taking(page: &mut Page, site: &Site, earlier: &mut EarlierParts) -> Cleaned {
    let judged = judge(page, site, earlier.enter(page));
    let blocks = std::mem::take(&mut page.blocks);
    judged.into_cleaned(
        page,
        blocks
            .into_iter()
            .map(|b| (b.text, block_anchor(b.kind, b.anchor))),
    )
}

/// [`Block::anchor`] of a raw block of `kind` with `anchor`.
fn block_anchor(kind: BlockKind, anchor: Option<String>) -> Option<String> {
    (kind == BlockKind::Heading).then(|| anchor.unwrap_or_default())
}

/// The texts and [`Block::anchor`]s of `page`'s blocks, copied.
fn copied_blocks(page: &Page) -> impl Iterator<Item = (String, Option<String>)> + '_ {
    page.blocks
        .iter()
        .map(|b| (b.text.clone(), block_anchor(b.kind, b.anchor.clone())))
}

/// The long blocks (of [`MIN_PROSE_WORDS`] or more) of the earlier parts of the page being
/// cleaned a part at a time, as 64-bit hashes of their texts (8 bytes a block, not its
/// text: a page of 49 MB has some 400,000).
#[derive(Debug, Default)]
pub struct EarlierParts {
    hashes: std::collections::HashSet<u64>,
}

impl EarlierParts {
    /// Ready for `page`: forgets the blocks of another page (keeping the table, which a
    /// build would otherwise free as a large block: see [`crate::heap`]); `None` for a
    /// whole page.
    fn enter(&mut self, page: &Page) -> Option<&mut Self> {
        if page.part.is_none_or(|p| p.number == 1) {
            self.hashes.clear();
        }
        page.part.is_some().then_some(self)
    }

    /// The hash of a block's text (SipHash with fixed keys: the same in every build).
    fn key(text: &str) -> u64 {
        use std::hash::{Hash, Hasher};
        let mut h = std::collections::hash_map::DefaultHasher::new();
        text.hash(&mut h);
        h.finish()
    }
}

/// The verdicts on a page's blocks, and what they found, before the blocks' texts are
/// put beside them.
struct Judged {
    verdicts: Vec<Verdict>,
    date: Option<String>,
    source: Option<String>,
    /// A pasted page's [`Tally`] and words of each block.
    counted: Option<(Vec<Tally>, Vec<Words>)>,
    /// The title in place of the one the page states, when that is its site's
    /// ([`Site::title_of`]).
    title: Option<String>,
}

/// Judges every block of `page` as its format needs (see [`clean_pages`]).
/// `earlier` holds the long blocks of the page's earlier parts, for a part.
fn judge(page: &Page, site: &Site, earlier: Option<&mut EarlierParts>) -> Judged {
    match page.format {
        Format::Text => clean_page(&page.blocks, page.part.is_none_or(|p| p.number == p.of), earlier),
        Format::Html => clean_site_page(page, site),
        Format::Markdown | Format::JsonLines => Judged {
            verdicts: vec![Verdict::Body; page.blocks.len()],
            date: None,
            source: None,
            counted: None,
            title: None,
        },
    }
}

impl Judged {
    /// The cleaned page: the blocks' `texts` and anchors (in page order) with their verdicts, then
    /// [`finish`] and the title `page` states about itself; the title of a part of a
    /// larger page says which part it is ([`Part::title`](crate::corpus::part::Part::title)).
    fn into_cleaned(self, page: &Page, texts: impl Iterator<Item = (String, Option<String>)>) -> Cleaned {
        let blocks = texts
            .zip(self.verdicts)
            .map(|((text, anchor), verdict)| Block {
                text,
                verdict,
                anchor,
            })
            .collect();
        let carried = page.part.map_or(0, |p| p.carried);
        let mut cleaned = finish(blocks, self.date, self.source, self.counted, carried);
        let stated = self.title.as_deref().or(page.meta.title.as_deref());
        if let Some(title) = stated.filter(|t| !t.trim().is_empty()) {
            cleaned.title = title.split_whitespace().collect::<Vec<_>>().join(" ");
            if let Some(b) = cleaned.blocks.iter_mut().find(|b| b.verdict == Verdict::Title) {
                b.verdict = if b.text == cleaned.title {
                    Verdict::Title
                } else {
                    Verdict::Body
                };
            }
        }
        if let Some(part) = page.part {
            cleaned.title = part.title(&cleaned.title);
        }
        cleaned
    }
}

/// Classifies the blocks of one page.
///
/// Every drop needs evidence beyond a single word: repeats and templates are long or sit
/// outside the article, datelines sit before it, labels are short, credits end a caption.
/// The tail is cut only from blocks that end their page (`ends_page`: not a part of a
/// page before its last); a part's blocks repeat those of the `earlier` parts too, and
/// its long blocks are added to them.
fn clean_page(raw: &[RawBlock], ends_page: bool, earlier_parts: Option<&mut EarlierParts>) -> Judged {
    let texts: Vec<&str> = raw.iter().map(|b| b.text.as_str()).collect();
    let mut words: Vec<Words> = Vec::with_capacity(texts.len());
    let tallies: Vec<Tally> = texts
        .iter()
        .map(|t| {
            let mut found = Vec::with_capacity(t.len() / BYTES_PER_WORD + 1);
            let tally = Tally::of_text_with(t, |start, w| found.push((start, start + w.len())));
            words.push(found);
            tally
        })
        .collect();
    let mut lower = String::new();
    let signals: Vec<Signals> = texts
        .iter()
        .zip(&words)
        .map(|(t, found)| Signals::with_words(t, found, &mut lower))
        .collect();
    let prose = |i: usize| signals[i].words >= MIN_PROSE_WORDS && signals[i].sentence;
    // A page repeating itself repeats a run of paragraphs (a pasted copy); one sentence
    // said twice is the author's.
    let mut earlier = std::collections::HashSet::with_capacity_and_hasher(
        texts.len(),
        crate::analysis::terms::TextHasher::default(),
    );
    // Only a prose block can repeat (an equal text has as many words): the short ones
    // are not hashed.
    let repeated: Vec<bool> = match earlier_parts {
        None => (0..texts.len())
            .map(|i| signals[i].words >= MIN_PROSE_WORDS && !earlier.insert(texts[i]))
            .collect(),
        Some(parts) => {
            let long: Vec<Option<u64>> = (0..texts.len())
                .map(|i| (signals[i].words >= MIN_PROSE_WORDS).then(|| EarlierParts::key(texts[i])))
                .collect();
            let repeated = (0..texts.len())
                .map(|i| long[i].is_some_and(|key| !earlier.insert(texts[i]) || parts.hashes.contains(&key)))
                .collect();
            parts.hashes.extend(long.into_iter().flatten());
            repeated
        }
    };
    let repeat =
        |i: usize| repeated[i] && (i > 0 && repeated[i - 1] || i + 1 < texts.len() && repeated[i + 1]);
    // Where the article begins: its first prose block. Datelines come before it.
    let start = (0..texts.len()).find(|&i| prose(i)).unwrap_or(texts.len());
    let mut verdicts: Vec<Verdict> = Vec::with_capacity(texts.len());
    let mut date = None;
    let mut source = None;
    for (i, (text, s)) in texts.iter().zip(&signals).enumerate() {
        let dateline = (s.words <= block::DATELINE_WORDS && !s.sentence && i <= start)
            .then(|| date::first_date(text))
            .flatten();
        let verdict = if repeat(i) {
            Verdict::Repeat
        } else if let Some(name) = s.source_line.as_deref().filter(|n| name_like(n)) {
            source.get_or_insert_with(|| name.to_owned());
            Verdict::Metadata
        } else if let Some(found) = dateline {
            date.get_or_insert(found.iso);
            let before = text[..found.start]
                .trim()
                .trim_end_matches([',', '|', '-', '–', '·'])
                .trim();
            if before.split_whitespace().count() <= block::SHORT_LINE_WORDS && name_like(before) {
                source.get_or_insert_with(|| before.to_owned());
            }
            // The first line of a page stays: it names the page (a byline as title).
            if i == 0 {
                Verdict::Body
            } else {
                Verdict::Metadata
            }
        } else if s.credit {
            Verdict::Chrome("photo caption with credit")
        } else if s.copyright {
            Verdict::Chrome("copyright or about-us footer")
        } else if let Some(kind) = s
            .chrome_opener
            .filter(|&k| i > 0 || k == block::IMAGE_PLACEHOLDER)
        {
            // A label as the first line of a page is the page's title ("Anzeige").
            Verdict::Chrome(kind)
        } else if s.notice {
            Verdict::Chrome("forum or login notice")
        } else if s.price {
            Verdict::Chrome("price")
        } else {
            Verdict::Body
        };
        verdicts.push(verdict);
    }
    if ends_page {
        cut_tail(&signals, &mut verdicts);
    }
    Judged {
        verdicts,
        date,
        source,
        counted: Some((tallies, words)),
        title: None,
    }
}

/// A publisher's name: starts with a letter and holds only letters, spaces and the
/// punctuation of names (`Daily Planet`, `Frankfurter Allgemeine`, `spiegel.de`), never
/// the brackets, quotes, slashes or colons of code and listings.
///
/// ```
/// use findling::clean::name_like;
/// assert!(name_like("Daily Planet"));
/// assert!(name_like("spiegel.de"));
/// assert!(!name_like("gpg: Signature made Fri"));
/// assert!(!name_like("drwxr-xr-x root/root 0"));
/// assert!(!name_like("'"));
/// ```
pub fn name_like(text: &str) -> bool {
    text.chars().next().is_some_and(char::is_alphabetic)
        && text
            .chars()
            .all(|c| c.is_alphabetic() || matches!(c, ' ' | '.' | '&' | '-' | '\'' | '’'))
}

/// Steps 8 and 9: the fallback for a page that would keep nothing, the title and the
/// language of what is kept. A pasted page gives the [`Tally`] and the words of each
/// block: its language is then that of the whole page when what is kept does not tell.
/// The first `carried` blocks are a heading a part of a larger page carries over
/// ([`Cleaned::carried`]): they, and the rest of that heading when the part began inside
/// it, open its section and never become its title.
fn finish(
    mut blocks: Vec<Block>,
    date: Option<String>,
    source: Option<String>,
    counted: Option<(Vec<Tally>, Vec<Words>)>,
    carried: usize,
) -> Cleaned {
    let (tallies, mut words) = match counted {
        Some((tallies, words)) => (Some(tallies), words),
        None => (None, vec![Vec::new(); blocks.len()]),
    };
    let mut fallback = false;
    // A page of only other pages' text has nothing of its own to fall back on.
    let copies = blocks.iter().any(|b| b.verdict == Verdict::Copy);
    if !copies && !blocks.iter().any(|b| b.verdict.kept()) {
        fallback = true;
        for b in &mut blocks {
            b.verdict = Verdict::Body;
        }
    }
    // The carried heading and the rest of it, when the part began inside it (a heading
    // split at a `<br>`: the pieces share an anchor).
    let carried = carried.min(blocks.len());
    let rest = match carried
        .checked_sub(1)
        .and_then(|last| blocks[last].anchor.as_deref())
    {
        Some(anchor) if !anchor.is_empty() => blocks[carried..]
            .iter()
            .take_while(|b| b.anchor.as_deref() == Some(anchor))
            .count(),
        _ => 0,
    };
    let title = choose_title(&mut blocks[carried + rest..]);
    let mut kept = Tally::default();
    for (i, b) in blocks.iter().enumerate().filter(|(_, b)| b.verdict.kept()) {
        kept += match &tallies {
            Some(t) => t[i],
            None => Tally::of_text_with(&b.text, |start, w| words[i].push((start, start + w.len()))),
        };
    }
    let whole = |tallies: &[Tally]| {
        let mut all = Tally::default();
        for &t in tallies {
            all += t;
        }
        all.verdict()
    };
    let lang = kept.verdict().or_else(|| tallies.as_deref().and_then(whole));
    Cleaned {
        blocks,
        title,
        date,
        source,
        lang,
        fallback,
        words,
        carried,
    }
}

/// Step 7: once the article has begun, drop everything from the first end signal on:
/// a closing agency tag; or a label (advertisement, appeal, comment section), or a run
/// of short lines (a menu) that leads into one, when the page bears it out: what follows
/// is shorter than the article before it, and more chrome is next to the label (a
/// chrome block just before it or after it; a block shared with another page is no
/// evidence: help pages share their option texts). A run of short lines at the
/// end of a page is a menu when chrome precedes it. One ambiguous block ("Kommentare" as
/// a heading of documentation) never ends an article on its own.
fn cut_tail(signals: &[Signals], verdicts: &mut [Verdict]) {
    let label = |s: &Signals| {
        matches!(
            s.chrome_opener,
            Some("advertisement" | "subscription or donation appeal" | "comment section")
        )
    };
    let n = signals.len();
    let short_body = |j: usize| verdicts[j] == Verdict::Body && signals[j].short_line();
    let run_end = |i: usize| (i..n).find(|&j| !short_body(j)).unwrap_or(n);
    let words = |r: std::ops::Range<usize>| r.map(|j| signals[j].words).sum::<usize>();
    let chrome_after = |i: usize| (i + 1..n).any(|j| matches!(verdicts[j], Verdict::Chrome(_)));
    let mut begun = false;
    let mut cut = None;
    for i in 0..n {
        let s = &signals[i];
        let body = verdicts[i] == Verdict::Body;
        if begun {
            // Judged by the block's own signal: a label may also be a template.
            let end = run_end(i);
            let menu_into_label = body && end >= i + 2 && end < n && label(&signals[end]);
            // A few short lines (buttons, links) that end the page after a notice or a
            // label; not a long list, and not after a word that only looks like a
            // placeholder ("Bild," in a list of names).
            let closing_menu = body
                && end == n
                && (i + 2..=i + MAX_MENU_LINES).contains(&end)
                && matches!(verdicts[i - 1], Verdict::Chrome(kind) if kind != block::IMAGE_PLACEHOLDER);
            let ending = label(s) || menu_into_label;
            let chrome_before = matches!(verdicts[i - 1], Verdict::Chrome(_));
            if closing_menu || ending && words(i..n) < words(0..i) && (chrome_before || chrome_after(i)) {
                cut = Some(i);
                break;
            }
        }
        if body && s.words >= MIN_PROSE_WORDS && s.sentence {
            begun = true;
        }
        if begun && body && s.agency_tag {
            cut = Some(i + 1);
            break;
        }
    }
    if let Some(cut) = cut {
        for v in &mut verdicts[cut..] {
            if *v == Verdict::Body {
                *v = Verdict::Tail;
            }
        }
    }
}

/// Step 8: the first kept block becomes the title if it is a headline; a lead gives its
/// first sentence as the title and stays in the body.
fn choose_title(blocks: &mut [Block]) -> String {
    let Some(first) = blocks.iter_mut().find(|b| b.verdict.kept()) else {
        return String::new();
    };
    let words = first.text.split_whitespace().count();
    let sentence = first.text.trim_end().ends_with(['.', '!', '?']);
    if words <= MAX_HEADLINE_WORDS && !sentence {
        first.verdict = Verdict::Title;
        return first.text.clone();
    }
    let end = first.text.find(". ").map_or(first.text.len(), |i| i + 1);
    let sentence: Vec<&str> = first.text[..end].split_whitespace().collect();
    if sentence.len() <= MAX_HEADLINE_WORDS {
        sentence.join(" ")
    } else {
        format!("{} …", sentence[..MAX_HEADLINE_WORDS].join(" "))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// An HTML page at `id` whose content root holds `body`, as its reader reads it.
    fn page(id: &str, body: &str) -> Page {
        html_page(id, &format!("<html><body><main>{body}</main></body></html>"))
    }

    /// The HTML page `html` at `id`, as its reader reads it.
    fn html_page(id: &str, html: &str) -> Page {
        let (meta, blocks) = crate::corpus::html::read(html, id);
        Page {
            id: id.into(),
            path: id.into(),
            format: Format::Html,
            meta,
            blocks,
            part: None,
        }
    }

    #[test]
    fn a_heading_dropped_as_a_template_ends_the_section_before_it() {
        let examples = r#"<h2 id="examples">Examples</h2>"#;
        let pages = [
            page(
                "a.html",
                &format!(
                    r#"<h1>Knots</h1><h2 id="install">Install</h2><p>Run the setup before you start, it takes a minute.</p>{examples}<p>Tie a bowline around the post.</p>"#
                ),
            ),
            page(
                "b.html",
                &format!(
                    r#"<h1>Hitches</h1><p>Hitches hold a rope to a post or a ring.</p>{examples}<p>Tie a clove hitch.</p>"#
                ),
            ),
        ];
        let cleaned = clean_pages(&pages);
        let doc = cleaned[0].clone().into_document(&pages[0]);
        assert!(
            !doc.text.contains("Examples"),
            "the shared heading is a template: {:?}",
            doc.text
        );
        let at = doc.text.find("Tie a bowline").unwrap();
        assert_eq!(
            crate::document::section_at(&doc.text, &doc.sections, at),
            None,
            "{:?}",
            doc.sections
        );
        let setup = doc.text.find("Run the setup").unwrap();
        assert_eq!(
            crate::document::section_at(&doc.text, &doc.sections, setup),
            Some(("Install", "install"))
        );
    }

    /// A site whose header holds its name in an `<h1>` (Node's API documentation): each
    /// page is titled by its `<title>`, without the site's name after it; a site that
    /// titles its pages by their own `<h1>` keeps them.
    #[test]
    fn a_title_that_most_pages_share_gives_way_to_the_pages_own() {
        let site_page = |name: &str, head: &str| {
            let html = format!(
                "<html><head><title>{head}</title></head><body><header><h1>Node.js docs</h1></header>\
                 <main><h2>{name}</h2><p>The {name} module in its own words.</p></main></body></html>"
            );
            html_page(name, &html)
        };
        let names = ["Buffer", "Crypto", "Events", "Streams"];
        let pages: Vec<Page> = names
            .iter()
            .map(|n| site_page(n, &format!("{n} | Node.js v18 Documentation")))
            .chain([site_page("Index", "Node.js v18 Documentation")])
            .collect();
        assert_eq!(pages[0].meta.title.as_deref(), Some("Node.js docs"));
        let titles: Vec<String> = clean_pages(&pages).into_iter().map(|c| c.title).collect();
        assert_eq!(
            titles,
            [
                "Buffer",
                "Crypto",
                "Events",
                "Streams",
                "Node.js v18 Documentation"
            ]
        );

        let own: Vec<Page> = names
            .iter()
            .map(|n| {
                page(
                    &format!("{n}.html"),
                    &format!("<h1>{n}</h1><p>The {n} module.</p>"),
                )
            })
            .collect();
        let titles: Vec<String> = clean_pages(&own).into_iter().map(|c| c.title).collect();
        assert_eq!(titles, names);
    }

    /// rustdoc titles its pages by their kind and name ("Struct Vec", "Type Alias
    /// Result") and names them in the `<title>` ("Vec in std::vec - Rust"): a label that
    /// many titles start with gives way to the `<title>` that starts with the name; a
    /// label that few start with, or a `<title>` that does not start with the name, keeps
    /// the title.
    #[test]
    fn a_label_that_many_titles_start_with_gives_way_to_the_name() {
        let item = |id: &str, h1: &str, head: &str| {
            let html = format!(
                "<html><head><title>{head}</title></head><body><main><h1>{h1}</h1>\
                 <p>What {id} is, in words of its own.</p></main></body></html>"
            );
            html_page(id, &html)
        };
        let mut pages: Vec<Page> = (0..site::LABEL_TITLES)
            .map(|n| {
                item(
                    &format!("s{n}"),
                    &format!("Struct Thing{n}"),
                    &format!("Thing{n} in std::things - Rust"),
                )
            })
            .collect();
        pages.extend((0..site::LABEL_TITLES).map(|n| {
            item(
                &format!("t{n}"),
                &format!("Type Alias Kind{n}"),
                &format!("Kind{n} in std::kinds - Rust"),
            )
        }));
        pages.push(item("few", "Union Raw", "Raw in std::raw - Rust"));
        pages.push(item("other", "Struct Other", "Something else - Rust"));
        let titles: Vec<String> = clean_pages(&pages).into_iter().map(|c| c.title).collect();
        assert_eq!(titles[0], "Thing0 in std::things");
        assert_eq!(titles[site::LABEL_TITLES], "Kind0 in std::kinds");
        assert_eq!(&titles[titles.len() - 2..], ["Union Raw", "Struct Other"]);

        // One page fewer than a label needs: every title stays.
        let few: Vec<Page> = pages[1..site::LABEL_TITLES].to_vec();
        let titles: Vec<String> = clean_pages(&few).into_iter().map(|c| c.title).collect();
        assert!(titles.iter().all(|t| t.starts_with("Struct ")), "{titles:?}");
    }

    #[test]
    fn a_page_that_a_few_pages_mirror_keeps_its_text_not_its_repeats() {
        // The same struct's page at two paths, as rustdoc writes re-exports (a "Run"
        // button after each example), beside three other pages.
        let vec = "<h1>Struct Vec</h1><p>A contiguous growable array type, short for vector.</p>\
                   <pre>let v = Vec::new();</pre><p>Run</p><pre>let w = vec![1];</pre><p>Run</p>";
        let mut pages = vec![page("alloc/vec.html", vec), page("std/vec.html", vec)];
        for name in ["a", "b", "c"] {
            pages.push(page(
                &format!("{name}.html"),
                &format!("<h1>{name}</h1><p>Page {name} in its own words.</p>"),
            ));
        }
        for (p, c) in pages.iter().zip(clean_pages(&pages)).take(2) {
            assert!(!c.fallback, "{:?}", c.blocks);
            let doc = c.into_document(p);
            assert!(doc.text.contains("contiguous growable array"), "{doc:?}");
            assert_eq!(
                doc.text.matches("Run").count(),
                1,
                "the repeat stays out: {doc:?}"
            );
        }
    }

    #[test]
    fn a_page_that_gathers_pages_keeps_only_its_own_text() {
        // Four pages, and one that holds them all (Node's all.html, mdBook's print.html)
        // after a paragraph of its own, nested deeper than the pages hold them.
        let text = |name: &str| {
            format!(
                "<h2>Module {name}</h2><p>Returns: a {name} handle</p>\
                 <p>The {name} module reads and writes the {name} things of this system.</p>"
            )
        };
        let names = ["fs", "http", "net", "zlib"];
        let mut pages: Vec<Page> = names
            .iter()
            .map(|n| page(&format!("{n}.html"), &text(n)))
            .collect();
        let own = "<p>Every module of the system on one page, for reading it offline.</p>";
        let all: String = names
            .iter()
            .map(|n| format!("<section>{}</section>", text(n)))
            .collect();
        pages.push(page("all.html", &format!("{own}{all}")));
        let cleaned = clean_pages(&pages);
        for (p, c) in pages.iter().zip(cleaned) {
            let doc = c.into_document(p);
            if p.id == "all.html" {
                assert_eq!(
                    doc.text,
                    "Every module of the system on one page, for reading it offline."
                );
            } else {
                assert!(doc.text.contains("module reads and writes"), "{doc:?}");
                assert!(doc.text.contains("Returns"), "{doc:?}");
            }
        }
        // A part of a large page that holds three pages and the start of a fourth, whose
        // rest is in the next part: the fourth's start goes too.
        let more =
            "<h2>Module os</h2><p>The os module is long, and this part holds only the start of it.</p>\
                    <p>Its middle goes on in the next part of the page that gathers pages.</p>\
                    <p>And so does its end, which this part does not hold at all, either.</p>";
        let mut large = pages[..3].to_vec();
        large.push(page("os.html", more));
        let first = names[..3]
            .iter()
            .map(|n| format!("<section>{}</section>", text(n)));
        let held = format!(
            "{own}{}<section>{}</section>",
            first.collect::<String>(),
            text("os")
        );
        let start =
            "<h2>Module os</h2><p>The os module is long, and this part holds only the start of it.</p>";
        let mut part = page("all.html", &held.replace(&text("os"), start));
        part.part = Some(crate::corpus::part::Part {
            number: 1,
            of: 2,
            carried: 0,
        });
        let mut site = Site::default();
        large.iter().for_each(|p| site.add(p));
        let doc = clean_page_of(&part, &site).into_document(&part);
        assert!(doc.text.starts_with("Every module of the system"), "{doc:?}");
        assert!(!doc.text.contains("os module is long"), "{doc:?}");

        // A page that holds one other page (a mirror, with a paragraph more): both keep
        // their text.
        let mut mirror = vec![
            page("a.html", &text("fs")),
            page("b.html", &format!("{own}{}", text("fs"))),
        ];
        mirror.extend(["http", "net", "zlib"].map(|n| page(&format!("{n}.html"), &text(n))));
        for (p, c) in mirror.iter().zip(clean_pages(&mirror)).take(2) {
            assert!(
                c.into_document(p).text.contains("module reads and writes"),
                "{}",
                p.id
            );
        }
    }

    #[test]
    fn a_page_of_only_what_most_pages_share_is_kept_whole() {
        // Three pages share a notice and have a menu in the same place; the third has
        // nothing else: the notice is the site's, not that page's text, so the page is
        // kept whole (its menu too), as a page that would keep nothing is.
        let notice = "<p class='notice'>This site is maintained by volunteers of the club.</p>";
        let menu = |links: &str| format!("<div class='menu'>{links}</div>");
        let pages = [
            page(
                "a.html",
                &format!(
                    "<h1>A</h1><p>Page a in its own words.</p>{}{notice}",
                    menu("<a href='b.html'>To page b</a>")
                ),
            ),
            page(
                "b.html",
                &format!(
                    "<h1>B</h1><p>Page b in its own words.</p>{}{notice}",
                    menu("<a href='a.html'>To page a</a>")
                ),
            ),
            page(
                "tags.html",
                &format!(
                    "{}{notice}",
                    menu("<a href='a.html'>Tag one</a> <a href='b.html'>Tag two</a>")
                ),
            ),
        ];
        let c = &clean_pages(&pages)[2];
        assert!(c.fallback, "{:?}", c.blocks);
        assert!(c.blocks.iter().all(|b| b.verdict.kept()), "{:?}", c.blocks);
    }

    #[test]
    fn the_pieces_of_one_heading_open_one_section() {
        let (meta, blocks) = crate::corpus::html::read(
            r#"<html><body><h1>T</h1><h2 id="install">Install<br><small>Debian 12</small></h2><p>Run the setup before you start, it takes a minute.</p></body></html>"#,
            "p.html",
        );
        let page = Page {
            id: "p".into(),
            path: "p.html".into(),
            format: Format::Html,
            meta,
            blocks,
            part: None,
        };
        let doc = clean_page_of(&page, &Site::default()).into_document(&page);
        assert_eq!(doc.sections.len(), 1, "{:?}", doc.sections);
        let at = doc.text.find("Run the setup").unwrap();
        assert_eq!(
            crate::document::section_at(&doc.text, &doc.sections, at),
            Some(("Install", "install"))
        );
    }

    fn verdicts(page: &str) -> Vec<Verdict> {
        clean(page).blocks.into_iter().map(|b| b.verdict).collect()
    }

    #[test]
    fn taking_a_page_cleans_it_as_borrowing_it_does() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/cleaning");
        let mut files: Vec<_> = std::fs::read_dir(dir)
            .unwrap()
            .flatten()
            .map(|e| e.path())
            .collect();
        files.sort();
        let texts: Vec<String> = files
            .iter()
            .filter_map(|f| std::fs::read_to_string(f).ok())
            .collect();
        assert!(texts.len() > 5);
        for (i, format) in [Format::Text, Format::Html, Format::Markdown]
            .into_iter()
            .enumerate()
        {
            for text in &texts {
                let mut page = Page {
                    id: i.to_string(),
                    path: Default::default(),
                    format,
                    meta: Default::default(),
                    blocks: crate::corpus::text::read(text),
                    part: None,
                };
                let site = Site::default();
                let borrowed = clean_page_of(&page, &site);
                assert_eq!(clean_page_taking(&mut page, &site), borrowed);
                assert!(page.blocks.is_empty());
            }
        }
    }

    #[test]
    fn whitespace_words_are_split_whitespace_s() {
        let spaces = [
            " ", "  ", "\t", "\n", "\r\n", "\u{85}", "\u{a0}", "\u{1680}", "\u{2003}", "\u{2029}", "\u{3000}",
        ];
        let others = [
            "a",
            "ä",
            "Ā",
            "\u{2013}",
            "\u{3001}",
            "\u{1F600}",
            "\u{c2}",
            "x\u{a0}y",
        ];
        for a in spaces.iter().chain(&others) {
            for b in spaces.iter().chain(&others) {
                for c in spaces.iter().chain(&others) {
                    let text = format!("{a}{b}{c}{a}");
                    assert_eq!(
                        whitespace_words(&text),
                        text.split_whitespace().count(),
                        "{text:?}"
                    );
                }
            }
        }
    }

    #[test]
    fn body_words_are_the_words_of_the_body() {
        use crate::analysis::words::word_indices;
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        let mut pages: Vec<String> = Vec::new();
        for folder in ["seeds", "tests/cleaning"] {
            let mut files: Vec<_> = std::fs::read_dir(dir.join(folder))
                .unwrap()
                .flatten()
                .map(|e| e.path())
                .collect();
            files.sort();
            pages.extend(files.iter().filter_map(|f| std::fs::read_to_string(f).ok()));
        }
        assert!(pages.len() > 10);
        let texts: Vec<&str> = pages.iter().map(String::as_str).collect();
        for c in clean_corpus(&texts) {
            let body = c.body();
            let words: Vec<(usize, usize)> = word_indices(&body).map(|(i, w)| (i, i + w.len())).collect();
            assert_eq!(c.body_words(), words, "{body:?}");
        }
        // Pages of other formats count the words of their kept blocks in `finish`.
        let page = Page {
            id: "a".into(),
            path: Default::default(),
            format: Format::Markdown,
            meta: crate::corpus::Meta {
                title: Some("Another title".into()),
                ..Default::default()
            },
            blocks: [
                "Überschrift",
                "Erster Absatz, mit Wörtern.",
                "Zweiter-Absatz 3,5 kg",
            ]
            .map(|t| RawBlock::new(t, BlockKind::Paragraph))
            .to_vec(),
            part: None,
        };
        let c = clean_page_of(&page, &Site::default());
        let body = c.body();
        assert!(
            body.starts_with("Überschrift"),
            "the title block went back to the body"
        );
        let words: Vec<(usize, usize)> = word_indices(&body).map(|(i, w)| (i, i + w.len())).collect();
        assert_eq!(c.body_words(), words);
    }

    #[test]
    fn line_endings_and_whitespace_are_normalised() {
        let c = clean("T\r\nA\u{a0}\t b  \rC");
        let texts: Vec<&str> = c.blocks.iter().map(|b| b.text.as_str()).collect();
        assert_eq!(texts, ["T", "A b", "C"]);
    }

    #[test]
    fn a_repeated_block_is_dropped_once_seen() {
        let p = "The first paragraph of the article is long enough to be prose.";
        let q = "The second paragraph of the article is long enough to be prose too.";
        let c = clean(&format!("Title\n{p}\n{q}\nShort line\n{p}\n{q}\nShort line"));
        let v: Vec<Verdict> = c.blocks.iter().map(|b| b.verdict).collect();
        assert_eq!(v[4..], [Verdict::Repeat, Verdict::Repeat, Verdict::Body]);
    }

    #[test]
    fn a_run_repeated_in_a_later_part_is_dropped_as_in_the_whole_page() {
        use crate::corpus::part::Part;
        let p = "The first paragraph of the article is long enough to be prose.";
        let q = "The second paragraph of the article is long enough to be prose too.";
        let r = "A third paragraph, unlike the others, and long enough to be prose as well.";
        let parts: Vec<Page> = [vec!["Title", p, q], vec![r, p, q, "Short line"]]
            .into_iter()
            .enumerate()
            .map(|(k, blocks)| Page {
                id: format!("big{k}"),
                path: Default::default(),
                format: Format::Text,
                meta: Default::default(),
                blocks: crate::corpus::text::read(&blocks.join("\n")),
                part: Some(Part {
                    number: k + 1,
                    of: 2,
                    carried: 0,
                }),
            })
            .collect();
        let cleaned = clean_pages(&parts);
        let second: Vec<Verdict> = cleaned[1].blocks.iter().map(|b| b.verdict).collect();
        assert_eq!(second[1..], [Verdict::Repeat, Verdict::Repeat, Verdict::Body]);
        assert_eq!(cleaned[1].title, format!("{r} (part 2 of 2)"));
        // Alone, the second part repeats nothing.
        let alone = clean_page_of(&parts[1], &Site::default());
        assert!(
            alone.blocks.iter().all(|b| b.verdict.kept()),
            "{:?}",
            alone.blocks
        );
        // A part taken, as a build takes them, is cleaned the same.
        let mut earlier = EarlierParts::default();
        let taken: Vec<Cleaned> = parts
            .clone()
            .iter_mut()
            .map(|page| clean_part_taking(page, &Site::default(), &mut earlier))
            .collect();
        assert_eq!(taken, cleaned);
    }

    #[test]
    fn an_agency_tag_ends_the_article() {
        let page = "Titel\nDer erste Absatz des Artikels ist lang genug, um als Text zu gelten.\nDer letzte Satz. (dpa)\nSpenden Sie jetzt für unsere Arbeit, die Sie sicher sehr schätzen.";
        assert_eq!(
            verdicts(page),
            [Verdict::Title, Verdict::Body, Verdict::Body, Verdict::Tail]
        );
    }

    #[test]
    fn short_lines_before_a_label_are_a_menu() {
        let page = "Title\nThe article has a first paragraph that is long enough to count.\nIts second paragraph tells the rest of the story in a few more words.\nSenior Developer\nCopenhagen\nAdvertisement\nA long paragraph about somebody's new job that is not part of it.";
        assert_eq!(
            verdicts(page)[3..],
            [
                Verdict::Tail,
                Verdict::Tail,
                Verdict::Chrome("advertisement"),
                Verdict::Tail
            ]
        );
    }

    #[test]
    fn short_lines_alone_do_not_end_the_article() {
        let page = "Title\nThe command checks the file systems and repairs them where it can.\nExit status\n0\nNo errors\n1\nErrors were corrected, as the next paragraph explains in detail.";
        assert!(verdicts(page).iter().all(|v| v.kept()), "{:?}", verdicts(page));
    }

    #[test]
    fn a_long_list_after_a_placeholder_word_is_kept() {
        let names: Vec<String> = (0..20).map(|i| format!("Site{i},")).collect();
        let page = format!(
            "Title\nThe tool downloads videos from many sites, listed here in full.\nBigflix,\nBild,\n{}",
            names.join("\n")
        );
        let v = verdicts(&page);
        assert_eq!(v.iter().filter(|v| !v.kept()).count(), 1, "{v:?}");
    }

    #[test]
    fn a_chrome_word_opening_a_prose_paragraph_is_text() {
        let page = "Titel\nDer Rat hat am Montag über den Haushalt beraten und ihn beschlossen.\nKommentare aus der Opposition fielen gemischt aus: Die Grünen lobten den Plan.\nDer Haushalt gilt ab Januar und wird im Herbst wieder geprüft.";
        assert!(verdicts(page).iter().all(|v| v.kept()), "{:?}", verdicts(page));
    }

    #[test]
    fn shared_prose_inside_documents_is_kept() {
        let a = "A title\nThe first package provides a tool that converts files between formats.\nThis package contains the documentation of the library and its tools.";
        let b = "B title\nThe second package provides the shared library used by the tools.\nThis package contains the documentation of the library and its tools.";
        for c in clean_corpus(&[a, b]) {
            assert!(c.blocks.iter().all(|b| b.verdict.kept()), "{:?}", c.blocks);
        }
    }

    #[test]
    fn a_subheading_inside_the_article_is_kept() {
        let page = "Title\nThe article has a first paragraph that is long enough to count.\nWhat happened next in the city\nAnother paragraph follows here and it is long enough as well.";
        assert!(verdicts(page).iter().all(|v| v.kept()));
    }

    #[test]
    fn dateline_gives_date_and_source() {
        let c = clean("Headline\nDaily Planet 8. Juli 2020\nThe article has a first paragraph that is long enough to count.");
        assert_eq!(
            (c.date.as_deref(), c.source.as_deref()),
            (Some("2020-07-08"), Some("Daily Planet"))
        );
        assert_eq!(c.blocks[1].verdict, Verdict::Metadata);
    }

    #[test]
    fn a_date_in_a_sentence_is_not_the_publication_date() {
        let c = clean("Headline\nAm 8. Juli 2020 trat das Gesetz in Kraft, sagte die Regierung.");
        assert_eq!(c.date, None);
    }

    #[test]
    fn a_page_of_only_chrome_is_kept_whole_as_a_fallback() {
        let c = clean("Foto: dpa\nLæs også: noget");
        assert!(c.fallback);
        assert!(c.blocks.iter().all(|b| b.verdict.kept()));
    }

    #[test]
    fn a_block_shared_between_text_pages_is_no_evidence_on_its_own() {
        let a = "A title\nDESCRIPTION\nUnique text of page a, long enough to be an article paragraph.";
        let b = "B title\nUnique text of page b, long enough to be an article paragraph.\nDESCRIPTION";
        for c in clean_corpus(&[a, b]) {
            assert!(c.blocks.iter().all(|b| b.verdict.kept()), "{:?}", c.blocks);
        }
    }

    #[test]
    fn a_label_with_chrome_after_it_ends_the_article() {
        let a = "A\nDer erste Absatz des Artikels ist lang genug, um als Text zu gelten.\nDer zweite Absatz erzählt den Rest der Geschichte in einigen weiteren Worten.\nAnzeige\nEin Werbetext, der lang genug ist, um wie ein Absatz auszusehen.\nJahresabo ab 49,90 Euro";
        let b = "B\nEin anderer Artikel mit einem Absatz, der lang genug ist, um zu zählen.\nAnzeige";
        let c = clean_corpus(&[a, b]);
        assert_eq!(c[0].blocks[3].verdict, Verdict::Chrome("advertisement"));
        assert_eq!(c[0].blocks[4].verdict, Verdict::Tail);
        assert_eq!(c[0].blocks[5].verdict, Verdict::Chrome("price"));
    }

    #[test]
    fn a_lone_label_does_not_end_the_article() {
        let page = "Titel\nDer erste Absatz des Handbuchs ist lang genug, um als Text zu gelten.\nKommentare\nSie können Kommentare in ein Dokument einfügen, die andere Leser sehen.\nDer Dialog zeigt alle Kommentare des Dokuments in einer Liste an.";
        let v = verdicts(page);
        assert_eq!(v[2], Verdict::Chrome("comment section"));
        assert!(v[3..].iter().all(|v| v.kept()), "{v:?}");
    }

    #[test]
    fn a_lead_without_headline_gives_its_first_sentence() {
        let c = clean("Nicht nur in den USA hat die Firma Videos weitergegeben. Das sagt sie selbst.\nMehr Text folgt hier im Artikel, der lang genug ist.");
        assert_eq!(
            c.title,
            "Nicht nur in den USA hat die Firma Videos weitergegeben."
        );
        assert_eq!(c.blocks[0].verdict, Verdict::Body);
    }
}
