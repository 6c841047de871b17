//! Finds the files of a built site that copy one of its pages, so that a page is one
//! document and not two. Site generators ship such copies beside the pages: Sphinx puts
//! each page's source in `_sources/PATH.rst.txt` (or `.md.txt`), and documentation sites
//! publish `PATH.md` or `PATH/index.md` beside `PATH/index.html` for readers and tools
//! that want plain text. Indexed, each would be a second hit for every search of its
//! page, titled by its markup (`.. _idle:`) and linking to the raw file.
//!
//! A text or Markdown file is a copy of an HTML page when both hold:
//! - **its path names the page**: without their extensions (`json.rst.txt` is `json`),
//!   the file's path is the page's, or the page's in one more folder
//!   (`_sources/library/json.rst.txt` and `library/json.html`, `guide.md` and
//!   `guide/index.html`);
//! - **its text is the page's**: it has at least [`MIN_WORDS`] distinct words, and at
//!   least [`WORDS_IN_PAGE`] of them and [`PAIRS_IN_PAGE`] of its distinct pairs of
//!   neighbouring words are in the page. The
//!   source's markup (directives, roles, labels) adds words the page lacks; an unrelated
//!   file that happens to share a page's name shares few of its word pairs.
//!
//! Only the files whose paths pair are read here, once more (the build reads them
//! again); a folder without HTML pages has nothing to pair. A file that cannot be read
//! here, or is larger than [`MOST_BYTES`], is not a copy: the build reads it as any other
//! (and reports its error).

use super::{Format, Found, SkipReason};
use std::collections::HashMap;
use std::path::Path;

/// The share of a file's distinct words (of two letters or more, lowercased) that must
/// be in the page. Measured on Python 3.11's Sphinx documentation (Debian's
/// `python3.11-doc`: 531 pages, 497 sources in `_sources`): every source whose page is
/// shipped has at least 0.70 of its words in it. A throwaway script comparing each
/// source with 20 other pages of the site found 5 % reaching 0.6, mostly short sources
/// whose words a long page has: so the pairs of words must agree too.
pub const WORDS_IN_PAGE: f64 = 0.6;

/// The share of a file's distinct pairs of neighbouring words that must be in the page.
/// On the same site 493 of the 497 copies reach 0.5 (the others: two short tables of
/// contents, a list of modules at 0.31, and a changelog whose page is not shipped). In
/// the same script, 0.2 % of the sources against other pages reached it together with
/// the words' share, every one a text that the other page does include (the licence, a
/// disclaimer every page of a chapter repeats).
/// A lower share would take a few more copies and risk texts that reword a page.
pub const PAIRS_IN_PAGE: f64 = 0.5;

/// The fewest distinct words a file must have to be a copy: a shorter one (a title, a
/// line) has too few words to tell a copy from a text that shares them.
pub const MIN_WORDS: usize = 8;

/// The largest file compared, page or copy, in bytes: Python's documentation has pages of
/// 0.75 MB (`library/os.html`) and one of 2.6 MB (`contents.html`, every heading of the
/// manual); a larger file costs its words in memory here, and is not compared.
pub const MOST_BYTES: usize = 4 << 20;

/// Marks each text or Markdown file of `files` (found below `dir`) that copies an HTML
/// page of the corpus folder: its `skip` becomes [`SkipReason::PageCopy`] and its
/// `copy_of` the page's number in `files`.
///
/// ```
/// let dir = std::env::temp_dir().join(format!("findling-copies-doc-{}", std::process::id()));
/// std::fs::create_dir_all(dir.join("_sources"))?;
/// let text = "Install the package, then run it once to write its settings file.";
/// std::fs::write(dir.join("install.html"), format!("<title>Install</title><p>{text}</p>"))?;
/// std::fs::write(dir.join("_sources/install.rst.txt"), format!("Install\n=======\n\n{text}\n"))?;
/// let files = findling::corpus::files(&dir)?;
/// let copy = files.iter().find(|f| f.path.ends_with("_sources/install.rst.txt")).unwrap();
/// assert_eq!(copy.skip, Some(findling::corpus::SkipReason::PageCopy));
/// assert!(files[copy.copy_of.unwrap()].path.ends_with("install.html"));
/// # std::fs::remove_dir_all(&dir)?;
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn mark(dir: &Path, files: &mut [Found]) {
    let relative: Vec<String> = files.iter().map(|f| super::relative(dir, &f.path)).collect();
    let html = (0..files.len()).filter(|&i| files[i].format() == Some(Format::Html));
    let pages = page_keys(html.map(|i| (key(&relative[i]), i)));
    if pages.is_empty() {
        return;
    }
    // Each page with the files its path names, compared on every core.
    let mut named: HashMap<usize, Vec<usize>> = HashMap::new();
    for (i, f) in files.iter().enumerate() {
        if matches!(f.format(), Some(Format::Text | Format::Markdown)) {
            if let Some(page) = named_page(key(&relative[i]), &pages) {
                named.entry(page).or_default().push(i);
            }
        }
    }
    let mut named: Vec<(usize, Vec<usize>)> = named.into_iter().collect();
    named.sort_unstable();
    let next = std::sync::atomic::AtomicUsize::new(0);
    let threads = std::thread::available_parallelism()
        .map_or(1, usize::from)
        .min(named.len());
    let copies: Vec<(usize, usize)> = std::thread::scope(|scope| {
        let workers: Vec<_> = (0..threads)
            .map(|_| {
                scope.spawn(|| {
                    let mut copies = Vec::new();
                    loop {
                        let n = next.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                        let Some((page, named)) = named.get(n) else {
                            return copies;
                        };
                        let Some(words) = Words::of_file(dir, &files[*page]) else {
                            continue;
                        };
                        let is_copy =
                            |&&i: &&usize| Words::of_file(dir, &files[i]).is_some_and(|c| c.is_in(&words));
                        copies.extend(named.iter().filter(is_copy).map(|&i| (i, *page)));
                    }
                })
            })
            .collect();
        // A worker that panicked passes its panic on.
        let joined = workers
            .into_iter()
            .map(|w| w.join().unwrap_or_else(|p| std::panic::resume_unwind(p)));
        joined.flatten().collect()
    });
    for (copy, page) in copies {
        files[copy].skip = Some(SkipReason::PageCopy);
        files[copy].copy_of = Some(page);
    }
}

/// The extensions of markup sources that a copy's name may keep before its own
/// (`json.rst.txt`, Sphinx's `_sources` of MyST and notebooks: `intro.md.txt`,
/// `demo.ipynb.txt`).
pub const SOURCE_EXTENSIONS: [&str; 8] = ["rst", "md", "markdown", "txt", "adoc", "ipynb", "org", "rest"];

/// A path below the corpus folder as pages and copies are paired: without the file's
/// extension and a markup source's before it ([`SOURCE_EXTENSIONS`]). Dots inside a
/// name stay (`concurrent.futures.html`).
///
/// ```
/// use findling::corpus::copies::key;
/// assert_eq!(key("_sources/library/json.rst.txt"), "_sources/library/json");
/// assert_eq!(key("_sources/library/concurrent.futures.rst.txt"), "_sources/library/concurrent.futures");
/// assert_eq!(key("library/concurrent.futures.html"), "library/concurrent.futures");
/// assert_eq!(key("guide/index.html"), "guide/index");
/// ```
pub fn key(rel: &str) -> &str {
    let (folder, name) = rel.rsplit_once('/').unwrap_or(("", rel));
    let cut = |name: &str| name.rsplit_once('.').map_or(name.len(), |(stem, _)| stem.len());
    let mut stem = &name[..cut(name)];
    if let Some((inner, ext)) = stem.rsplit_once('.') {
        if SOURCE_EXTENSIONS.iter().any(|e| ext.eq_ignore_ascii_case(e)) {
            stem = inner;
        }
    }
    let end = if folder.is_empty() { 0 } else { folder.len() + 1 } + stem.len();
    &rel[..end]
}

/// The HTML pages by [`key`], and a folder's `index` page also by the folder's path
/// (`guide/index.html` is `guide` too, unless a page `guide.html` is).
fn page_keys<'k>(pages: impl Iterator<Item = (&'k str, usize)> + Clone) -> HashMap<&'k str, usize> {
    let mut keys: HashMap<&str, usize> = pages.clone().collect();
    for (key, page) in pages {
        if let Some(folder) = key.strip_suffix("/index") {
            keys.entry(folder).or_insert(page);
        }
    }
    keys
}

/// The page whose key is `key`, or `key` without its first folder (`_sources/library/json`:
/// `library/json`; `_sources/index`: `index`): a copy sits beside its page or in one
/// folder of copies, and no deeper file (`posts/2024/index.md`) is paired with the root's
/// page.
fn named_page(key: &str, pages: &HashMap<&str, usize>) -> Option<usize> {
    let inner = key.split_once('/').map(|(_, rest)| rest);
    std::iter::once(key)
        .chain(inner)
        .find_map(|k| pages.get(k).copied())
}

/// A file's distinct words and pairs of neighbouring words, lowercased, of two letters
/// or more, each as a 64-bit hash, sorted.
struct Words {
    words: Vec<u64>,
    pairs: Vec<u64>,
}

impl Words {
    /// The words of a file's title and blocks as its reader reads them; `None` when it
    /// cannot be read, is larger than [`MOST_BYTES`], or has fewer than [`MIN_WORDS`].
    fn of_file(dir: &Path, file: &Found) -> Option<Words> {
        let format = Format::of(&file.path)?;
        let bytes = super::read_bytes_up_to(&file.path, MOST_BYTES).ok()??;
        let rel = super::relative(dir, &file.path);
        let pages = super::read(&file.path, &rel, format, &bytes).ok()?.ok()?;
        let (mut words, mut pairs) = (Vec::new(), Vec::new());
        let mut lower = String::new();
        for page in &pages {
            let title = page.meta.title.as_deref().into_iter();
            for text in title.chain(page.blocks.iter().map(|b| b.text.as_str())) {
                lower.clear();
                lower.extend(text.chars().flat_map(char::to_lowercase));
                let mut previous = None;
                for word in lower.split(|c: char| !c.is_alphanumeric()) {
                    if word.chars().nth(1).is_none() {
                        continue;
                    }
                    let hash = fnv1a(word.as_bytes());
                    if let Some(previous) = previous {
                        pairs.push(fnv1a(&u64::to_le_bytes(previous ^ hash.rotate_left(17))));
                    }
                    words.push(hash);
                    previous = Some(hash);
                }
            }
        }
        for hashes in [&mut words, &mut pairs] {
            hashes.sort_unstable();
            hashes.dedup();
        }
        (words.len() >= MIN_WORDS).then_some(Words { words, pairs })
    }

    /// Whether these words are, by [`WORDS_IN_PAGE`] and [`PAIRS_IN_PAGE`], the page's.
    fn is_in(&self, page: &Words) -> bool {
        let reaches = |mine: &[u64], theirs: &[u64], share: f64| {
            common(mine, theirs) as f64 >= mine.len() as f64 * share
        };
        reaches(&self.words, &page.words, WORDS_IN_PAGE) && reaches(&self.pairs, &page.pairs, PAIRS_IN_PAGE)
    }
}

/// How many values two sorted lists without repeats share.
fn common(a: &[u64], b: &[u64]) -> usize {
    let (mut i, mut j, mut n) = (0, 0, 0);
    while i < a.len() && j < b.len() {
        match a[i].cmp(&b[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => (i, j, n) = (i + 1, j + 1, n + 1),
        }
    }
    n
}

/// The 64-bit FNV-1a hash of `bytes`.
fn fnv1a(bytes: &[u8]) -> u64 {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for &b in bytes {
        hash = (hash ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3);
    }
    hash
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_copy_is_paired_with_the_page_its_path_names_in_at_most_one_more_folder() {
        let pages = page_keys(
            [
                "library/json",
                "json",
                "index",
                "guide/index",
                "about/index",
                "about",
            ]
            .into_iter()
            .enumerate()
            .map(|(i, k)| (k, i)),
        );
        let page = |rel: &str| named_page(key(rel), &pages);
        assert_eq!(page("_sources/library/json.rst.txt"), Some(0));
        assert_eq!(page("_sources/json.rst.txt"), Some(1));
        assert_eq!(page("_sources/index.rst.txt"), Some(2));
        assert_eq!(page("guide.md"), Some(3));
        assert_eq!(page("docs/guide/index.md"), Some(3));
        // A page `about.html` is `about`, not the folder's index.
        assert_eq!(page("about.md"), Some(5));
        // Whole names only, one folder at most, and never the root page for another name.
        assert_eq!(page("notes/xjson.txt"), None);
        assert_eq!(page("notes/todo.md"), None);
        assert_eq!(page("a/_sources/library/json.rst.txt"), None);
        assert_eq!(page("posts/2024/index.md"), None);
    }
}
