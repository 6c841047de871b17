//! Walks a corpus folder: every file below it, recursively, in sorted path order, with
//! symbolic links followed and loops, dangling links and hidden entries reported.

use super::{Format, SkipReason};
use crate::error::{Error, Result};
use std::path::{Path, PathBuf};

/// A file found by the walk; `skip` says why it must not be read, if so.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Found {
    /// The path, below the walked folder (links not resolved).
    pub path: PathBuf,
    /// Set for a hidden entry or a bad link, and for a copy of a page of the site
    /// ([`copies`](super::copies)).
    pub skip: Option<SkipReason>,
    /// For a copy of a page ([`SkipReason::PageCopy`]): the page's number among the files.
    pub copy_of: Option<usize>,
}

impl Found {
    fn new(path: PathBuf, skip: Option<SkipReason>) -> Found {
        Found {
            path,
            skip,
            copy_of: None,
        }
    }

    /// The format to read the file as; `None` when it is skipped or of no known format.
    pub fn format(&self) -> Option<Format> {
        self.skip.is_none().then(|| Format::of(&self.path)).flatten()
    }
}

/// Every file below `dir`, in sorted path order (a folder's entries sorted by name,
/// folders entered where they sort), none marked as a copy of a page.
pub fn files(dir: &Path) -> Result<Vec<Found>> {
    let unreadable = |path: &Path, e: std::io::Error| Error::CorpusUnreadable {
        path: path.to_path_buf(),
        reason: e.to_string(),
    };
    let root = dir.canonicalize().map_err(|e| unreadable(dir, e))?;
    if !root.is_dir() {
        return Err(unreadable(dir, std::io::Error::other("not a folder")));
    }
    let mut out = Vec::new();
    let mut stack = vec![root];
    walk(dir, &mut stack, &mut out, &unreadable)?;
    Ok(out)
}

/// Appends the files below `dir` to `out`; `stack` holds the canonical folders being
/// walked, so a link back into one of them is a loop.
fn walk(
    dir: &Path,
    stack: &mut Vec<PathBuf>,
    out: &mut Vec<Found>,
    unreadable: &dyn Fn(&Path, std::io::Error) -> Error,
) -> Result<()> {
    // Sorted by name: a folder's paths differ only there, and comparing names is cheaper
    // than comparing paths component by component.
    let mut entries = Vec::new();
    for entry in std::fs::read_dir(dir).map_err(|e| unreadable(dir, e))? {
        let entry = entry.map_err(|e| unreadable(dir, e))?;
        entries.push((entry.file_name(), entry.file_type().ok()));
    }
    entries.sort_unstable_by(|a, b| a.0.cmp(&b.0));
    for (name, kind) in entries.drain(..) {
        let path = dir.join(&name);
        if name.to_string_lossy().starts_with('.') {
            out.push(Found::new(path, Some(SkipReason::Hidden)));
            continue;
        }
        // The entry's own type needs no `stat`; a link's is its target's, and an error
        // there is a dangling link (or a race).
        let kind = match kind {
            Some(kind) if !kind.is_symlink() => kind,
            _ => match std::fs::metadata(&path) {
                Ok(meta) => meta.file_type(),
                Err(_) => {
                    out.push(Found::new(path, Some(SkipReason::BadLink)));
                    continue;
                }
            },
        };
        if kind.is_dir() {
            let canonical = path.canonicalize().map_err(|e| unreadable(&path, e))?;
            if stack.contains(&canonical) {
                out.push(Found::new(path, Some(SkipReason::BadLink)));
                continue;
            }
            stack.push(canonical);
            walk(&path, stack, out, unreadable)?;
            stack.pop();
        } else if kind.is_file() {
            out.push(Found::new(path, None));
        }
    }
    crate::heap::release(entries);
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tree(name: &str) -> PathBuf {
        let dir = std::env::temp_dir().join(format!("findling-walk-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(dir.join("b/c")).unwrap();
        for f in ["z.txt", "b/c/y.md", "b/a.html", ".hidden.txt"] {
            std::fs::write(dir.join(f), "x").unwrap();
        }
        dir
    }

    #[test]
    fn files_come_in_sorted_path_order_and_hidden_ones_are_reported() {
        let dir = tree("order");
        let found = files(&dir).unwrap();
        let names: Vec<String> = found
            .iter()
            .map(|f| f.path.strip_prefix(&dir).unwrap().display().to_string())
            .collect();
        assert_eq!(names, [".hidden.txt", "b/a.html", "b/c/y.md", "z.txt"]);
        assert_eq!(found[0].skip, Some(SkipReason::Hidden));
        assert!(found[1..].iter().all(|f| f.skip.is_none()));
        let _ = std::fs::remove_dir_all(&dir);
    }

    #[cfg(unix)]
    #[test]
    fn links_are_followed_and_loops_and_dangling_links_reported() {
        let dir = tree("links");
        std::os::unix::fs::symlink(dir.join("b/c"), dir.join("b/link")).unwrap();
        std::os::unix::fs::symlink(&dir, dir.join("b/c/loop")).unwrap();
        std::os::unix::fs::symlink(dir.join("missing"), dir.join("dangling.txt")).unwrap();
        let found = files(&dir).unwrap();
        let of = |name: &str| found.iter().find(|f| f.path == dir.join(name)).map(|f| f.skip);
        assert_eq!(of("b/link/y.md"), Some(None), "{found:?}");
        assert_eq!(of("b/c/loop"), Some(Some(SkipReason::BadLink)));
        assert_eq!(of("dangling.txt"), Some(Some(SkipReason::BadLink)));
        let _ = std::fs::remove_dir_all(&dir);
    }
}
