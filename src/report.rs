//! What a build did: documents per format, files skipped by reason, words kept and
//! dropped by reason, fallbacks, and the pages worth a look. build.rs prints it, the
//! index stores its counts (so `findling stats --json` shows them), and `findling clean`
//! prints the same for any folder.

use crate::clean::Cleaned;
use crate::corpus::{Corpus, Format, Page, SkipReason, Skipped};
use std::fmt;

/// Most warning lines a build prints; the rest are counted.
pub const MAX_WARNINGS: usize = 10;

/// A page that loses more than this share of its words is named in a warning.
pub const WARN_DROPPED_SHARE: f32 = 0.1;

/// The counts of one build.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Report {
    /// Named counts, in a fixed order: `documents.<format>`, `skipped.<reason>`,
    /// `words.kept`, `words.dropped.<reason>`, `fallbacks`.
    pub counts: Vec<(String, u64)>,
    /// One line per page or file worth a look (fallbacks, big drops, skipped files).
    pub warnings: Vec<String>,
}

impl Report {
    /// The report of cleaning `corpus` into `cleaned` (one per page, in order).
    pub fn of(corpus: &Corpus, cleaned: &[Cleaned]) -> Report {
        let mut b = ReportBuilder::default();
        for s in &corpus.skipped {
            b.skipped(s);
        }
        for (page, c) in corpus.pages.iter().zip(cleaned) {
            b.page(page, &c.words_by_reason(), c.fallback);
        }
        b.report()
    }

    /// Adds `n` to the count `key`, appending it if new.
    fn add(&mut self, key: &str, n: u64) {
        add(&mut self.counts, key, n);
    }

    /// The count `key` (0 if absent).
    pub fn count(&self, key: &str) -> u64 {
        self.counts.iter().find(|(k, _)| k == key).map_or(0, |(_, n)| *n)
    }

    /// Words dropped, by every reason.
    pub fn words_dropped(&self) -> u64 {
        self.counts
            .iter()
            .filter(|(k, _)| k.starts_with("words.dropped."))
            .map(|(_, n)| n)
            .sum()
    }

    /// At most [`MAX_WARNINGS`] warning lines, then one line counting the rest.
    pub fn warning_lines(&self) -> Vec<String> {
        let mut lines: Vec<String> = self.warnings.iter().take(MAX_WARNINGS).cloned().collect();
        if self.warnings.len() > MAX_WARNINGS {
            lines.push(format!(
                "and {} more: `findling clean --explain FILE` shows why",
                self.warnings.len() - MAX_WARNINGS
            ));
        }
        lines
    }
}

/// A [`Report`] built a page and a skipped file at a time, as a build streams its corpus;
/// [`report`](Self::report) gives the same counts in the same order as [`Report::of`]
/// over the whole corpus.
#[derive(Debug, Clone, Default)]
pub struct ReportBuilder {
    /// Pages per format, in [`Format::ALL`] order.
    documents: [u64; Format::ALL.len()],
    /// Skipped files by reason, in order of first appearance.
    skipped: Vec<(String, u64)>,
    /// Warning lines of skipped files.
    notes: Vec<String>,
    /// Words kept.
    kept: u64,
    /// Words dropped by reason, in order of first appearance.
    dropped: Vec<(String, u64)>,
    /// Pages kept whole because cleaning would keep nothing.
    fallbacks: u64,
    /// Warning lines of pages.
    warnings: Vec<String>,
    /// Warning lines of pages indexed in parts (shown first).
    splits: Vec<String>,
    /// Warning lines of pages whose id has their file's extension (shown first too).
    renamed: Vec<String>,
}

impl ReportBuilder {
    /// Counts a file that was passed over.
    pub fn skipped(&mut self, s: &Skipped) {
        add(&mut self.skipped, s.reason.reason(), 1);
        if s.reason != SkipReason::Unsupported && s.reason != SkipReason::Hidden {
            self.notes.push(match (&s.same_as, s.reason) {
                (Some(page), SkipReason::PageCopy) => {
                    format!(
                        "skipped {}: a copy of the page {}",
                        s.path.display(),
                        page.display()
                    )
                }
                (Some(first), _) => {
                    format!("skipped {}: same bytes as {}", s.path.display(), first.display())
                }
                (None, _) => format!("skipped {}: {}", s.path.display(), s.reason.reason()),
            });
        }
    }

    /// Counts a page cleaned into `words` (as [`Cleaned::words_by_reason`] gives them),
    /// kept whole if `fallback`.
    pub fn page(&mut self, page: &Page, words: &[(&str, usize)], fallback: bool) {
        if let Some(i) = Format::ALL.iter().position(|&f| f == page.format) {
            self.documents[i] += 1;
        }
        if let Some(part) = page.part.filter(|p| p.number == 1) {
            // Its first part has the page's id: only a file of several pages needs it.
            let file = match page.format {
                Format::JsonLines => name(page),
                _ => page.path.display().to_string(),
            };
            self.splits.push(format!(
                "{file}: more than {} KiB of text, indexed as {} parts (titled \"… (part k of n)\")",
                crate::corpus::part::PART_BYTES / 1024,
                part.of
            ));
        }
        let mut kept = 0;
        let mut dropped = 0;
        for (reason, n) in words {
            if *reason == "kept" {
                kept += n;
            } else {
                dropped += n;
                add(&mut self.dropped, reason, *n as u64);
            }
        }
        self.kept += kept as u64;
        let file_name = page.path.file_name().and_then(|n| n.to_str()).unwrap_or_default();
        if page.format != Format::JsonLines && !file_name.is_empty() && page.id.ends_with(file_name) {
            // An earlier file has the id without the extension (Page::id_with_extension).
            let earlier = &page.id[..page.id.len() - file_name.len() + file_name.rfind('.').unwrap_or(0)];
            self.renamed.push(format!(
                "{}: indexed as \"{}\": an earlier file has the id \"{earlier}\"",
                page.path.display(),
                page.id
            ));
        }
        if fallback {
            self.fallbacks += 1;
            self.warnings.push(format!(
                "{}: cleaning would keep nothing; indexed it whole",
                name(page)
            ));
        } else if dropped as f32 > (kept + dropped) as f32 * WARN_DROPPED_SHARE {
            self.warnings.push(format!(
                "{}: dropped {dropped} of {} words ({})",
                name(page),
                kept + dropped,
                top_reason(words)
            ));
        }
    }

    /// The report: counts in a fixed order (documents, skipped, words kept, dropped,
    /// fallbacks), warnings of pages indexed under an id with their extension, of pages
    /// cut into parts, then of other pages, then of skipped files.
    pub fn report(self) -> Report {
        let mut r = Report::default();
        for (format, n) in Format::ALL.iter().zip(self.documents) {
            if n > 0 {
                r.add(&format!("documents.{}", format.name()), n);
            }
        }
        for (reason, n) in &self.skipped {
            r.add(&format!("skipped.{reason}"), *n);
        }
        r.add("words.kept", self.kept);
        for (reason, n) in &self.dropped {
            r.add(&format!("words.dropped.{reason}"), *n);
        }
        r.add("fallbacks", self.fallbacks);
        r.warnings = self.renamed;
        r.warnings.extend(self.splits);
        r.warnings.extend(self.warnings);
        r.warnings.extend(self.notes);
        r
    }
}

/// Adds `n` to the count `key` of `counts`, appending it if new.
fn add(counts: &mut Vec<(String, u64)>, key: &str, n: u64) {
    match counts.iter_mut().find(|(k, _)| k == key) {
        Some((_, c)) => *c += n,
        None => counts.push((key.to_owned(), n)),
    }
}

/// The page's file, and its id when the file holds several documents (JSON lines, or
/// the parts of a large page).
fn name(page: &Page) -> String {
    match page.format {
        Format::JsonLines => format!("{} ({})", page.path.display(), page.id),
        _ if page.part.is_some() => format!("{} ({})", page.path.display(), page.id),
        _ => page.path.display().to_string(),
    }
}

/// The reason that dropped the most words of a page.
fn top_reason<'a>(words: &[(&'a str, usize)]) -> &'a str {
    words
        .iter()
        .filter(|(r, _)| *r != "kept")
        .max_by_key(|(_, n)| *n)
        .map_or("", |(r, _)| r)
}

impl fmt::Display for Report {
    /// One summary line: documents per format, words kept, words dropped by reason,
    /// skipped files, fallbacks.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let part = |prefix: &str| -> Vec<String> {
            self.counts
                .iter()
                .filter_map(|(k, n)| k.strip_prefix(prefix).map(|k| format!("{n} {k}")))
                .collect()
        };
        let kept = self.count("words.kept");
        let dropped = self.words_dropped();
        let share = if kept + dropped == 0 {
            100.0
        } else {
            kept as f64 * 100.0 / (kept + dropped) as f64
        };
        write!(f, "documents: {}", part("documents.").join(", "))?;
        write!(f, "; words kept: {kept} of {} ({share:.2} %)", kept + dropped)?;
        let dropped = part("words.dropped.");
        if !dropped.is_empty() {
            write!(f, "; dropped: {}", dropped.join(", "))?;
        }
        let skipped = part("skipped.");
        if !skipped.is_empty() {
            write!(f, "; files skipped: {}", skipped.join(", "))?;
        }
        write!(f, "; fallbacks: {}", self.count("fallbacks"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::corpus::{BlockKind, Meta, RawBlock};

    fn page(id: &str, blocks: &[&str]) -> Page {
        Page {
            id: id.into(),
            path: format!("{id}.txt").into(),
            format: Format::Text,
            meta: Meta::default(),
            blocks: blocks
                .iter()
                .map(|b| RawBlock::new(b, BlockKind::Paragraph))
                .collect(),
            part: None,
        }
    }

    #[test]
    fn counts_words_by_reason_and_caps_the_warnings() {
        let prose = "The article has a first paragraph that is long enough to count as prose.";
        let mut corpus = Corpus::default();
        for i in 0..12 {
            // Each page loses its caption: more than a tenth of its words.
            corpus.pages.push(page(
                &format!("p{i}"),
                &["Title", prose, "Harbour at dusk. Foto: Jane Doe"],
            ));
        }
        corpus.skipped.push(Skipped {
            path: "logo.png".into(),
            reason: SkipReason::Unsupported,
            same_as: None,
        });
        let cleaned = crate::clean::clean_pages(&corpus.pages);
        let r = Report::of(&corpus, &cleaned);
        assert_eq!(r.count("documents.text"), 12);
        assert_eq!(r.count("words.kept"), 12 * 15);
        assert_eq!(r.count("words.dropped.photo caption with credit"), 12 * 6);
        assert_eq!(r.count("skipped.not a known format"), 1);
        let lines = r.warning_lines();
        assert_eq!(lines.len(), MAX_WARNINGS + 1);
        assert!(
            lines[0].starts_with("p0.txt: dropped 6 of 21 words (photo caption with credit)"),
            "{}",
            lines[0]
        );
        assert!(
            lines[MAX_WARNINGS].starts_with("and 2 more"),
            "{}",
            lines[MAX_WARNINGS]
        );
        let summary = r.to_string();
        assert!(summary.contains("words kept: 180 of 252 (71.43 %)"), "{summary}");
    }
}
