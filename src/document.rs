//! A cleaned document: what the index stores and what a search hit shows.

/// One document of the corpus after cleaning.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Document {
    /// Stable id: the corpus file's path without its extension (or a JSON line's `id`).
    pub id: String,
    /// The headline.
    pub title: String,
    /// The cleaned body text, paragraphs separated by a blank line.
    pub text: String,
    /// Detected language (ISO 639-1, e.g. `de`), when known.
    pub lang: Option<String>,
    /// Publication date (ISO 8601, `YYYY-MM-DD`), when the page states one.
    pub date: Option<String>,
    /// The publisher, when the page names one.
    pub source: Option<String>,
    /// Where the page is served (absolute, or relative to the site root), when known.
    pub url: Option<String>,
    /// Tags or keywords the source gives.
    pub tags: Vec<String>,
    /// The sections that the headings of `text` open, in text order, when the page links
    /// to any of them: see [`Section`]. Empty when it links to none.
    pub sections: Vec<Section>,
    /// The headings of `text`, as byte ranges of it, in order: the blocks the page's
    /// reader found as headings (an HTML page's `<h1>`–`<h6>`, Markdown's `#`) and the
    /// cleaner kept. A query whose first words a title starts with and
    /// whose other words stand in a heading finds its page first
    /// ([`TITLE_NAME_BOOST`](crate::search::title::TITLE_NAME_BOOST)).
    pub headings: Vec<(u32, u32)>,
}

/// What stands between two blocks of a document's text: a blank line.
pub const BLOCK_SEPARATOR: &str = "\n\n";

/// A section of a document's text: it starts at a heading and ends at the next one.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Section {
    /// The byte of [`Document::text`] its heading starts at.
    pub at: u32,
    /// The fragment that links to the heading on its page (`install` for
    /// `page.html#install`); empty when the page gives none.
    pub anchor: String,
}

/// The section of `text` (a document's text, with its `sections`) that byte `at` is in,
/// as its heading and anchor; `None` before the first heading, or when the section's
/// heading has no anchor.
///
/// ```
/// use findling::document::{section_at, Section};
/// let text = "Intro.\n\nInstall\n\nRun it.\n\nUsage\n\nType.";
/// let sections = [Section { at: 8, anchor: "install".into() }, Section { at: 26, anchor: String::new() }];
/// assert_eq!(section_at(text, &sections, 2), None);
/// assert_eq!(section_at(text, &sections, 17), Some(("Install", "install")));
/// assert_eq!(section_at(text, &sections, 33), None);
/// ```
pub fn section_at<'t>(text: &'t str, sections: &'t [Section], at: usize) -> Option<(&'t str, &'t str)> {
    let after = sections.partition_point(|s| s.at as usize <= at);
    let section = sections[..after].last().filter(|s| !s.anchor.is_empty())?;
    let heading = text.get(section.at as usize..)?;
    let end = heading.find(BLOCK_SEPARATOR).unwrap_or(heading.len());
    Some((&heading[..end], &section.anchor))
}
