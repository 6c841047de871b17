//! Reads JSON lines: one document per line, an object with the fields `id`, `title`,
//! `text`, `url`, `lang`, `date`, `source` and `tags` (all optional but one of `title`
//! and `text`). Blank lines are skipped; any other line that is not such an object is an
//! error naming the file and the line.

use super::{Format, Malformed, Meta, Page};
use crate::error::Result;
use serde::Deserialize;
use std::path::Path;

/// The fields of one line. Unknown fields are allowed (exports carry more).
#[derive(Deserialize)]
struct Line {
    id: Option<IdValue>,
    title: Option<String>,
    text: Option<String>,
    url: Option<String>,
    lang: Option<String>,
    date: Option<String>,
    source: Option<String>,
    #[serde(default)]
    tags: Vec<String>,
}

/// Ids are strings or numbers in real exports.
#[derive(Deserialize)]
#[serde(untagged)]
enum IdValue {
    Text(String),
    Number(serde_json::Number),
}

/// The documents of a JSON-lines file at `path`, `rel` its path below the corpus root.
/// A line without an `id` gets `REL#LINE` (the file's path without extension, then the
/// 1-based line number).
///
/// ```
/// use findling::corpus::jsonl::read;
/// use std::path::Path;
/// let pages = read("{\"id\":\"a\",\"title\":\"Hi\",\"text\":\"One.\\n\\nTwo.\"}\n\n{\"text\":\"x\"}\n", "d.jsonl", Path::new("d.jsonl"))?;
/// assert_eq!(pages[0].blocks.len(), 2);
/// assert_eq!(pages[1].id, "d#3");
/// assert!(read("{\"id\":1}\nnot json", "d.jsonl", Path::new("d.jsonl")).unwrap_err().to_string().contains("d.jsonl:1"));
/// # Ok::<(), findling::Error>(())
/// ```
pub fn read(text: &str, rel: &str, path: &Path) -> Result<Vec<Page>> {
    let mut pages = Vec::new();
    read_each(text, rel, path, &mut |page| {
        pages.push(page);
        Ok(())
    })?;
    Ok(pages)
}

/// [`read`], giving each document to `each` as soon as its line is read.
pub fn read_each(text: &str, rel: &str, path: &Path, each: &mut dyn FnMut(Page) -> Result<()>) -> Result<()> {
    let stem = rel.rsplit_once('.').map_or(rel, |(s, _)| s);
    for (i, raw) in text.lines().enumerate() {
        let number = i as u64 + 1;
        if raw.trim().is_empty() {
            continue;
        }
        let bad = |detail: String| Malformed { line: number, detail }.in_file(path);
        let line: Line =
            serde_json::from_str(raw).map_err(|e| bad(format!("not a JSON object of a document: {e}")))?;
        if line.title.is_none() && line.text.is_none() {
            return Err(bad("a document needs a \"title\" or a \"text\"".into()));
        }
        let id = match line.id {
            Some(IdValue::Text(s)) if !s.trim().is_empty() => s,
            Some(IdValue::Number(n)) => n.to_string(),
            _ => format!("{stem}#{number}"),
        };
        let blocks = super::text::read(line.text.as_deref().unwrap_or(""));
        each(Page {
            id,
            path: path.to_path_buf(),
            format: Format::JsonLines,
            meta: Meta {
                title: line.title.filter(|t| !t.trim().is_empty()),
                date: line.date.and_then(|d| super::iso_date(&d)),
                lang: line.lang.filter(|l| !l.trim().is_empty()),
                source: line.source.filter(|s| !s.trim().is_empty()),
                url: line.url.filter(|u| !u.trim().is_empty()),
                tags: line.tags,
                head_title: None,
            },
            blocks,
            part: None,
        })?;
    }
    Ok(())
}
