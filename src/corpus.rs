//! Reads a corpus folder: every `.txt` file, in sorted order, as UTF-8 text.

use crate::error::{Error, Result};
use std::path::{Path, PathBuf};

/// One corpus file as read from disk, before cleaning.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Source {
    /// Document id: the file name without `.txt`.
    pub id: String,
    /// Where it came from.
    pub path: PathBuf,
    /// The file's text, exactly as stored.
    pub text: String,
}

/// The readable documents of a corpus folder, and the files that were passed over.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Corpus {
    /// Non-empty `.txt` files, sorted by file name.
    pub sources: Vec<Source>,
    /// `.txt` files holding only whitespace: skipped, and worth a warning.
    pub empty: Vec<PathBuf>,
}

/// Loads every `.txt` file directly inside `dir`, sorted by name.
///
/// Other files and sub-folders are ignored. A file that cannot be read or is not UTF-8
/// is an error naming the file; a folder with no non-empty `.txt` file is
/// [`Error::CorpusEmpty`].
pub fn load(dir: &Path) -> Result<Corpus> {
    let unreadable = |e: std::io::Error| Error::CorpusUnreadable {
        path: dir.to_path_buf(),
        reason: e.to_string(),
    };
    let mut paths = Vec::new();
    for entry in std::fs::read_dir(dir).map_err(unreadable)? {
        let path = entry.map_err(unreadable)?.path();
        if path.extension().is_some_and(|e| e == "txt") && path.is_file() {
            paths.push(path);
        }
    }
    paths.sort();

    let mut corpus = Corpus::default();
    for path in paths {
        let bytes = std::fs::read(&path).map_err(|e| Error::FileUnreadable {
            path: path.clone(),
            reason: e.to_string(),
        })?;
        let text = String::from_utf8(bytes).map_err(|e| Error::NotUtf8 {
            path: path.clone(),
            offset: e.utf8_error().valid_up_to() as u64,
        })?;
        if text.trim().is_empty() {
            corpus.empty.push(path);
            continue;
        }
        let id = id_of(&path)?;
        if corpus.sources.iter().any(|s| s.id == id) {
            return Err(Error::DuplicateId { id });
        }
        corpus.sources.push(Source { id, path, text });
    }
    if corpus.sources.is_empty() {
        return Err(Error::CorpusEmpty {
            path: dir.to_path_buf(),
        });
    }
    Ok(corpus)
}

/// The document id of a corpus file: its name without `.txt`.
fn id_of(path: &Path) -> Result<String> {
    path.file_stem()
        .and_then(|s| s.to_str())
        .map(str::to_owned)
        .ok_or_else(|| Error::FileUnreadable {
            path: path.to_path_buf(),
            reason: "file name is not UTF-8".into(),
        })
}
