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
}
