//! Cleaning: turns pasted pages into the articles they carry (title, body, metadata),
//! dropping the page chrome around them from general signals, never per-site rules.
//!
//! The pipeline, in order, each step with its reason:
//!
//! 1. **Normalise** line endings and whitespace inside a line, so the same paragraph
//!    pasted twice compares equal.
//! 2. **Split into blocks**: every non-empty line is a block (pasted pages put one
//!    paragraph on a line).
//! 3. **Repeats**: a block equal to an earlier block of the same page is the page
//!    repeating itself.
//! 4. **Templates**: a block that recurs verbatim in another page of the corpus is site
//!    furniture (comment rules, appeals, footers), not article text.
//! 5. **Metadata lines**: a short line holding a date (a dateline or byline) or naming a
//!    source (`Quelle: …`) gives the page's date and source and is not body text.
//! 6. **Chrome kinds** ([`block::Signals`]): photo credits, image placeholders, related
//!    links, advertisement and appeal labels, comment-section labels, forum notices,
//!    prices.
//! 7. **The tail**: once the article has begun, it ends after a closing agency tag
//!    (`(afp)`), at an advertisement, appeal or comment-section label, or where two short
//!    lines in a row (menus, job ads) begin; what follows is chrome.
//! 8. **Title**: the first kept block if it is a headline; otherwise the lead's first
//!    sentence, and the lead stays in the body. **Language** is detected from the kept
//!    text.
//! 9. **Nothing lost**: a page that would keep nothing is kept whole, marked as a
//!    fallback so that the build can say so.

pub mod block;
pub mod date;

use crate::document::Document;
use crate::language::{self, Lang};
use block::Signals;
use std::collections::{HashMap, HashSet};

/// Most words of a headline; a longer first block is a lead.
pub const MAX_HEADLINE_WORDS: usize = 20;

/// Fewest words of a prose block that shows the article has begun.
pub const MIN_PROSE_WORDS: usize = 8;

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
}

impl Verdict {
    /// Whether the block ends up in the document.
    pub fn kept(self) -> bool {
        matches!(self, Verdict::Title | Verdict::Body)
    }

    /// A short human explanation.
    pub fn reason(self) -> String {
        match self {
            Verdict::Title => "headline".into(),
            Verdict::Body => "article text".into(),
            Verdict::Repeat => "repeats an earlier block of this page".into(),
            Verdict::Template => "recurs verbatim in another page (site template)".into(),
            Verdict::Metadata => "dateline, byline or source line (read as metadata)".into(),
            Verdict::Chrome(kind) => kind.to_owned(),
            Verdict::Tail => "after the end of the article".into(),
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
        body.join("\n\n")
    }

    /// The document these blocks make, under the given id.
    pub fn into_document(self, id: String) -> Document {
        Document {
            id,
            title: self.title.clone(),
            text: self.body(),
            lang: self.lang.map(|l| l.code().to_owned()),
            date: self.date,
            source: self.source,
        }
    }

    /// How many blocks were dropped.
    pub fn dropped(&self) -> usize {
        self.blocks.iter().filter(|b| !b.verdict.kept()).count()
    }
}

/// Cleans one pasted page on its own (no cross-page templates).
///
/// ```
/// use findling::clean::clean;
/// let page = "Headline\r\n\r\nFirst  paragraph of the article, long enough to be prose.\nFirst paragraph of the article, long enough to be prose.\nFoto: Someone/Agency\n";
/// let c = clean(page);
/// assert_eq!(c.title(), "Headline");
/// assert_eq!(c.body(), "First paragraph of the article, long enough to be prose.");
/// assert_eq!(c.dropped(), 2);
/// ```
pub fn clean(raw: &str) -> Cleaned {
    clean_corpus(&[raw]).pop().unwrap_or_default()
}

/// Cleans the pages of one corpus together, so that blocks shared between pages (site
/// templates) are recognised.
pub fn clean_corpus(pages: &[&str]) -> Vec<Cleaned> {
    let split: Vec<Vec<String>> = pages.iter().map(|p| blocks_of(p)).collect();
    let mut pages_of: HashMap<&str, HashSet<usize>> = HashMap::new();
    for (i, blocks) in split.iter().enumerate() {
        for b in blocks {
            pages_of.entry(b.as_str()).or_default().insert(i);
        }
    }
    let template = |b: &str| pages_of.get(b).is_some_and(|p| p.len() > 1);
    split.iter().map(|blocks| clean_page(blocks, &template)).collect()
}

/// The normalised non-empty lines of a page.
fn blocks_of(raw: &str) -> Vec<String> {
    raw.split(['\n', '\r'])
        .map(|line| line.split_whitespace().collect::<Vec<_>>().join(" "))
        .filter(|line| !line.is_empty())
        .collect()
}

/// Classifies the blocks of one page.
fn clean_page(texts: &[String], template: &dyn Fn(&str) -> bool) -> Cleaned {
    let lang = language::detect_text(&texts.join("\n"));
    let signals: Vec<Signals> = texts.iter().map(|t| Signals::of(t, lang)).collect();
    let mut verdicts: Vec<Verdict> = Vec::with_capacity(texts.len());
    let mut date = None;
    let mut source = None;
    for (i, (text, s)) in texts.iter().zip(&signals).enumerate() {
        let dateline = (s.words <= block::DATELINE_WORDS && !s.sentence)
            .then(|| date::first_date(text))
            .flatten();
        let verdict = if texts[..i].contains(text) {
            Verdict::Repeat
        } else if template(text) {
            Verdict::Template
        } else if let Some(name) = &s.source_line {
            source.get_or_insert_with(|| name.clone());
            Verdict::Metadata
        } else if let Some(found) = dateline {
            date.get_or_insert(found.iso);
            let before = text[..found.start]
                .trim()
                .trim_end_matches([',', '|', '-', '–', '·'])
                .trim();
            if !before.is_empty() && before.split_whitespace().count() <= block::SHORT_LINE_WORDS {
                source.get_or_insert_with(|| before.to_owned());
            }
            Verdict::Metadata
        } else if s.credit {
            Verdict::Chrome("photo caption with credit")
        } else if let Some(kind) = s.chrome_opener {
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
    cut_tail(&signals, &mut verdicts);

    let mut blocks: Vec<Block> = texts
        .iter()
        .zip(verdicts)
        .map(|(t, verdict)| Block {
            text: t.clone(),
            verdict,
        })
        .collect();
    let mut fallback = false;
    if !blocks.iter().any(|b| b.verdict.kept()) {
        fallback = true;
        for b in &mut blocks {
            b.verdict = Verdict::Body;
        }
    }
    let title = choose_title(&mut blocks);
    let kept: Vec<&str> = blocks
        .iter()
        .filter(|b| b.verdict.kept())
        .map(|b| b.text.as_str())
        .collect();
    let lang = language::detect_text(&kept.join("\n")).or(lang);
    Cleaned {
        blocks,
        title,
        date,
        source,
        lang,
        fallback,
    }
}

/// Step 7: once the article has begun, drop everything from the first end signal on.
fn cut_tail(signals: &[Signals], verdicts: &mut [Verdict]) {
    let mut begun = false;
    let mut cut = None;
    for i in 0..signals.len() {
        let s = &signals[i];
        let body = verdicts[i] == Verdict::Body;
        if begun {
            // Judged by the block's own signal: a label may also be a template.
            let label = matches!(
                s.chrome_opener,
                Some("advertisement" | "subscription or donation appeal" | "comment section")
            );
            let next_body = (i + 1..signals.len()).find(|&j| verdicts[j] == Verdict::Body);
            let menu = body && s.short_line() && next_body.is_some_and(|j| signals[j].short_line());
            if label || menu {
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

    fn verdicts(page: &str) -> Vec<Verdict> {
        clean(page).blocks.into_iter().map(|b| b.verdict).collect()
    }

    #[test]
    fn line_endings_and_whitespace_are_normalised() {
        let c = clean("T\r\na\u{a0}\t b  \rc");
        let texts: Vec<&str> = c.blocks.iter().map(|b| b.text.as_str()).collect();
        assert_eq!(texts, ["T", "a b", "c"]);
    }

    #[test]
    fn a_repeated_block_is_dropped_once_seen() {
        let c = clean("T\nx y\nz\nx  y\n");
        assert_eq!(c.blocks[3].verdict, Verdict::Repeat);
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
    fn short_lines_after_the_article_are_a_menu() {
        let page = "Title\nThe article has a first paragraph that is long enough to count.\nSenior Developer\nCopenhagen\nA long paragraph about somebody's new job that is not part of it.";
        assert_eq!(verdicts(page)[2..], [Verdict::Tail, Verdict::Tail, Verdict::Tail]);
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
    fn templates_are_blocks_shared_between_pages() {
        let a = "A title\nShared footer line that appears on both pages of the site.\nUnique text of page a, long enough to be an article paragraph.";
        let b = "B title\nUnique text of page b, long enough to be an article paragraph.\nShared footer line that appears on both pages of the site.";
        let c = clean_corpus(&[a, b]);
        assert_eq!(c[0].blocks[1].verdict, Verdict::Template);
        assert_eq!(c[1].blocks[2].verdict, Verdict::Template);
    }

    #[test]
    fn a_label_that_is_also_a_template_still_ends_the_article() {
        let a = "A\nDer erste Absatz des Artikels ist lang genug, um als Text zu gelten.\nAnzeige\nEin Werbetext, der lang genug ist, um wie ein Absatz auszusehen.";
        let b = "B\nEin anderer Artikel mit einem Absatz, der lang genug ist, um zu zählen.\nAnzeige";
        let c = clean_corpus(&[a, b]);
        assert_eq!(c[0].blocks[2].verdict, Verdict::Template);
        assert_eq!(c[0].blocks[3].verdict, Verdict::Tail);
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
