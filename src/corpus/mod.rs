//! Reads a corpus folder: walks it recursively in sorted order and turns every file whose
//! extension it knows into [`Page`]s, one reader per format.
//!
//! Reading is not cleaning. A reader says what a file holds (its blocks in reading order
//! and the metadata the format states); `clean` then judges the blocks of pasted pages
//! and site templates. The readers:
//!
//! | extension | reader | what it keeps |
//! | --- | --- | --- |
//! | `.txt` | [`text`] | paragraphs split at blank lines; hard-wrapped lines joined |
//! | `.html`, `.htm` | [`html`] | the content root's headings, paragraphs, lists, tables, code |
//! | `.md`, `.markdown` | [`markdown`] | the text of the Markdown, front matter as metadata |
//! | `.jsonl`, `.ndjson` | [`jsonl`] | one document per line: `id, title, text, url, lang, date, source` |
//!
//! Extensions are matched case-insensitively; every other file is skipped and counted. A
//! page of more than [`part::PART_BYTES`] of text is read as consecutive parts, each a
//! page of its own ([`part`]).

pub mod charset;
pub mod copies;
pub mod front_matter;
pub mod html;
mod html_segment;
pub mod jsonl;
pub mod markdown;
pub mod part;
pub mod text;
mod walk;

pub use walk::Found;

/// Every file below `dir` in sorted path order, symbolic links followed, hidden entries
/// and bad links marked as skipped, and so are the copies of the site's pages
/// ([`copies`]).
pub fn files(dir: &Path) -> Result<Vec<Found>> {
    let mut files = walk::files(dir)?;
    copies::mark(dir, &mut files);
    Ok(files)
}

use crate::error::{Error, Result};
use std::borrow::Cow;
use std::path::{Path, PathBuf};

/// The input formats Findling reads, chosen by file extension.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Format {
    /// Plain text (`.txt`): pasted pages or clean, possibly hard-wrapped text.
    Text,
    /// The built HTML of a static site (`.html`, `.htm`).
    Html,
    /// Markdown sources with optional front matter (`.md`, `.markdown`).
    Markdown,
    /// JSON lines, one document per line (`.jsonl`, `.ndjson`).
    JsonLines,
}

impl Format {
    /// Every format, in the order summaries list them.
    pub const ALL: [Format; 4] = [Format::Text, Format::Html, Format::Markdown, Format::JsonLines];

    /// The format of a file, by its extension (any case); `None` for other files.
    ///
    /// ```
    /// use findling::corpus::Format;
    /// use std::path::Path;
    /// assert_eq!(Format::of(Path::new("a/UPPER.TXT")), Some(Format::Text));
    /// assert_eq!(Format::of(Path::new("index.htm")), Some(Format::Html));
    /// assert_eq!(Format::of(Path::new("logo.png")), None);
    /// ```
    pub fn of(path: &Path) -> Option<Format> {
        const EXTENSIONS: [(&str, Format); 7] = [
            ("txt", Format::Text),
            ("html", Format::Html),
            ("htm", Format::Html),
            ("md", Format::Markdown),
            ("markdown", Format::Markdown),
            ("jsonl", Format::JsonLines),
            ("ndjson", Format::JsonLines),
        ];
        // Compared without a lowercase copy: the build asks this of every file twice.
        let ext = path.extension()?.to_str()?;
        let known = EXTENSIONS.iter().find(|(e, _)| ext.eq_ignore_ascii_case(e));
        known.map(|&(_, format)| format)
    }

    /// A short lowercase name (`text`, `html`, `markdown`, `jsonl`).
    pub fn name(self) -> &'static str {
        match self {
            Format::Text => "text",
            Format::Html => "html",
            Format::Markdown => "markdown",
            Format::JsonLines => "jsonl",
        }
    }
}

/// What kind of block a reader found.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BlockKind {
    /// A heading (`<h2>`, `## …`, a short line of its own in text).
    Heading,
    /// A paragraph of running text.
    Paragraph,
    /// One item of a list.
    ListItem,
    /// One row of a table (cells separated by a space).
    TableRow,
    /// Preformatted text or code.
    Code,
}

/// The longest heading anchor a reader keeps ([`RawBlock::anchor`]), in bytes: a longer
/// id is no link a reader needs.
pub const MAX_ANCHOR_BYTES: usize = 256;

/// One block of a page as its reader found it, before cleaning.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RawBlock {
    /// The text, whitespace runs collapsed to one space, trimmed, entities decoded.
    pub text: String,
    /// What kind of block it is.
    pub kind: BlockKind,
    /// Bytes of `text` that were link text (`<a href>`), for HTML; 0 elsewhere.
    pub link_bytes: usize,
    /// Where the block sits in the page's structure, for HTML: the element names, ids and
    /// classes from the content root down, e.g. `div.chapter>ul.docnav>li.next`. Blocks
    /// in the same place of a site's template share it. Empty for other formats.
    pub slot: String,
    /// For a heading: the fragment that links to it on its page (`install` for
    /// `page.html#install`), when the page gives one (an `id` of the heading, of an
    /// element inside it or of the section it opens; Markdown's `{#id}`).
    pub anchor: Option<String>,
}

impl RawBlock {
    /// A block of `kind` with no link text and no slot.
    ///
    /// ```
    /// use findling::corpus::{BlockKind, RawBlock};
    /// let b = RawBlock::new("Hello  world ", BlockKind::Paragraph);
    /// assert_eq!(b.text, "Hello world");
    /// ```
    pub fn new(text: &str, kind: BlockKind) -> RawBlock {
        let normal = if is_normal(text) {
            text.to_owned()
        } else {
            let mut normal = String::with_capacity(text.len());
            for word in text.split_whitespace() {
                if !normal.is_empty() {
                    normal.push(' ');
                }
                normal.push_str(word);
            }
            normal
        };
        RawBlock {
            text: normal,
            kind,
            link_bytes: 0,
            slot: String::new(),
            anchor: None,
        }
    }
}

/// Whether `text` is its words joined by single spaces already (what [`RawBlock::new`]
/// makes of it): no whitespace but single ASCII spaces between non-whitespace. Byte by
/// byte; a character is decoded only where its first byte may start whitespace (U+0085,
/// U+00A0, U+1680, U+2000 and up, U+3000). Most text has no such byte, nor any ASCII
/// whitespace but spaces: there only the spaces matter, looked at 16 bytes at once.
fn is_normal(text: &str) -> bool {
    let bytes = text.as_bytes();
    if only_spaces(bytes) {
        let two = bytes.iter().zip(&bytes[1.min(bytes.len())..]);
        return bytes.first() != Some(&b' ')
            && bytes.last() != Some(&b' ')
            && two
                .map(|(&a, &b)| u8::from(a == b' ' && b == b' '))
                .fold(0, |a, b| a | b)
                == 0;
    }
    let mut space_before = true;
    for (i, &b) in bytes.iter().enumerate() {
        let space = match b {
            b' ' => true,
            b'\t' | b'\n' | 0x0B | 0x0C | b'\r' => return false,
            0xC2 | 0xE1 | 0xE2 | 0xE3 => text[i..].chars().next().is_some_and(char::is_whitespace),
            _ => false,
        };
        if space && (space_before || b != b' ') {
            return false;
        }
        space_before = space;
    }
    !space_before || bytes.is_empty()
}

/// Whether the only whitespace `bytes` (UTF-8) may hold is ASCII spaces: no other ASCII
/// whitespace, nor a first byte of whitespace beyond ASCII (U+0085, U+00A0, U+1680,
/// U+2000 and up, U+3000). Sixty-four bytes at a time (the compiler tests 16 at once).
pub(crate) fn only_spaces(bytes: &[u8]) -> bool {
    let other_space = |b: &u8| u8::from(matches!(b, 0x09..=0x0D | 0xC2 | 0xE1..=0xE3));
    bytes
        .chunks(64)
        .all(|c| c.iter().map(other_space).fold(0, |a, b| a | b) == 0)
}

/// Metadata a file states about itself (front matter, `<meta>`, JSON fields). Whatever
/// is `None` may still be found by cleaning (a dateline) or detection (the language).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Meta {
    /// The title. When a reader takes it from a block (the first `<h1>` or `#` heading),
    /// it leaves that block out of the page's blocks.
    pub title: Option<String>,
    /// Publication date, ISO 8601 `YYYY-MM-DD`.
    pub date: Option<String>,
    /// Language code as the file gives it (`de`, `da-DK`, `en-US`).
    pub lang: Option<String>,
    /// Publisher or author.
    pub source: Option<String>,
    /// Where the page is served: absolute (`https://…`) or relative to the site root
    /// (`guide/intro/`), never starting with `/`.
    pub url: Option<String>,
    /// Tags or keywords.
    pub tags: Vec<String>,
    /// An HTML page's `<title>`, whichever title the reader chose: cleaning prefers it
    /// to a title that most of the site's pages have (a header's site name).
    pub head_title: Option<String>,
}

/// One document read from the corpus, before cleaning.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Page {
    /// Stable document id: the path relative to the corpus root without its extension,
    /// `/`-separated (`guide/intro`), or with it where an earlier file has that id
    /// ([`Page::id_with_extension`]); for JSON lines the `id` field.
    pub id: String,
    /// The file it came from.
    pub path: PathBuf,
    /// Its format.
    pub format: Format,
    /// What the file says about itself.
    pub meta: Meta,
    /// Its blocks in reading order.
    pub blocks: Vec<RawBlock>,
    /// Which part of its file's page this is, when that page held more than
    /// [`part::PART_BYTES`] of text ([`part::split`]); `None` for a whole page.
    pub part: Option<part::Part>,
}

impl Page {
    /// The id this page takes when an earlier page has its id already: its path relative
    /// to the corpus folder with the extension (`guide.txt` beside `guide.html`, whose id
    /// is `guide`; files are read in sorted path order, so `guide.html` keeps the id).
    /// `None` for an id that is not the path without its extension (a JSON line's, a
    /// part's of a large page): such a page never takes another id, so a JSON line whose
    /// id an earlier file has is an error (a file after it that has its id takes the
    /// extension instead).
    pub fn id_with_extension(&self) -> Option<String> {
        let ext = self.path.extension()?.to_str()?;
        let stem = self.path.file_stem()?.to_str()?;
        let from_path = self
            .id
            .strip_suffix(stem)
            .is_some_and(|d| d.is_empty() || d.ends_with('/'));
        let whole = self.format != Format::JsonLines && self.part.is_none();
        (from_path && whole).then(|| format!("{}.{ext}", self.id))
    }
}

/// Why a file of the corpus folder was not read.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum SkipReason {
    /// Not one of the known extensions.
    Unsupported,
    /// Holds only whitespace.
    Empty,
    /// Front matter says `draft: true`.
    Draft,
    /// Mostly control characters: binary, not text.
    Binary,
    /// Byte for byte the same as an earlier file (which is indexed).
    Duplicate,
    /// A symbolic link that leads nowhere, or back into a folder being walked.
    BadLink,
    /// A hidden file or folder (its name starts with `.`), not descended into.
    Hidden,
    /// A text or Markdown copy of an HTML page of the site, such as the page's source
    /// ([`copies`]).
    PageCopy,
    /// An HTML page that sends its reader to another at once ([`html::redirects`]).
    Redirect,
}

impl SkipReason {
    /// A short human explanation.
    pub fn reason(self) -> &'static str {
        match self {
            SkipReason::Unsupported => "not a known format",
            SkipReason::Empty => "empty",
            SkipReason::Draft => "draft",
            SkipReason::Binary => "binary (mostly control characters)",
            SkipReason::Duplicate => "exact duplicate of an indexed file",
            SkipReason::BadLink => "dangling or looping symbolic link",
            SkipReason::Hidden => "hidden (name starts with a dot)",
            SkipReason::PageCopy => "a copy of a page of the site",
            SkipReason::Redirect => "a redirect to another page",
        }
    }
}

/// A file passed over, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Skipped {
    /// The file.
    pub path: PathBuf,
    /// Why.
    pub reason: SkipReason,
    /// For a duplicate: the file it duplicates; for a copy of a page, the page.
    pub same_as: Option<PathBuf>,
}

/// The readable documents of a corpus folder, and the files that were passed over.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Corpus {
    /// Every page read, in sorted path order (JSON lines in line order within a file).
    pub pages: Vec<Page>,
    /// Files not read, with the reason.
    pub skipped: Vec<Skipped>,
}

impl Corpus {
    /// How many files were skipped for `reason`.
    pub fn skipped(&self, reason: SkipReason) -> usize {
        self.skipped.iter().filter(|s| s.reason == reason).count()
    }
}

/// Loads every readable file under `dir`, recursively, in sorted path order.
///
/// A file that cannot be read, is not UTF-8 or is malformed for its format is an error
/// naming the file (and the line, where there is one); a folder with no document is
/// [`Error::CorpusEmpty`]. Everything else that is not indexed is in [`Corpus::skipped`].
pub fn load(dir: &Path) -> Result<Corpus> {
    let files = files(dir)?;
    let mut corpus = Corpus::default();
    let mut indexed = Indexed::default();
    let mut ids: std::collections::HashMap<String, PathBuf> = std::collections::HashMap::new();
    for (number, file) in files.iter().enumerate() {
        let path = file.path.clone();
        let Some(format) = file.format() else {
            let reason = file.skip.unwrap_or(SkipReason::Unsupported);
            corpus.skipped.push(Skipped {
                path,
                reason,
                same_as: file.copy_of.map(|page| files[page].path.clone()),
            });
            continue;
        };
        let bytes = read_bytes(&path)?;
        let key = Indexed::key(&bytes);
        if let Some(first) = indexed.same_as(key, &bytes, &files) {
            corpus.skipped.push(Skipped {
                same_as: Some(files[first].path.clone()),
                path,
                reason: SkipReason::Duplicate,
            });
            continue;
        }
        let pages = match read(&path, &relative(dir, &path), format, &bytes)? {
            Ok(pages) => pages,
            Err(reason) => {
                corpus.skipped.push(Skipped {
                    path,
                    reason,
                    same_as: None,
                });
                continue;
            }
        };
        indexed.insert(key, number);
        for mut p in pages {
            if let Some(id) = ids.contains_key(&p.id).then(|| p.id_with_extension()).flatten() {
                p.id = id;
            }
            if let Some(other) = ids.insert(p.id.clone(), p.path.clone()) {
                return Err(Error::DuplicateId {
                    id: p.id,
                    first: other,
                    second: p.path,
                });
            }
            corpus.pages.push(p);
        }
    }
    if corpus.pages.is_empty() {
        return Err(Error::CorpusEmpty {
            path: dir.to_path_buf(),
        });
    }
    Ok(corpus)
}

/// The bytes of a corpus file, or an error naming it.
pub fn read_bytes(path: &Path) -> Result<Vec<u8>> {
    std::fs::read(path).map_err(|e| unreadable(path, e))
}

/// [`read_bytes`] of the file as long as it is when opened (the length it reports, as
/// `std::fs::read` asks it anyway), or `None` without reading when that is more than
/// `limit` bytes.
pub fn read_bytes_up_to(path: &Path, limit: usize) -> Result<Option<Vec<u8>>> {
    use std::io::Read;
    let file = std::fs::File::open(path).map_err(|e| unreadable(path, e))?;
    let len = file.metadata().map_err(|e| unreadable(path, e))?.len();
    if len > limit as u64 {
        return Ok(None);
    }
    // The bytes up to that length, through `take`: a `File`'s own `read_to_end` asks the
    // length again (and the position), and then reads once more to find the end, which
    // `take` knows (of the seven system calls a small file cost, three went to those; a
    // file that grows while it is read is read as long as it was when opened).
    let mut bytes = Vec::with_capacity(len as usize);
    file.take(len)
        .read_to_end(&mut bytes)
        .map_err(|e| unreadable(path, e))?;
    Ok(Some(bytes))
}

/// The error for a file that could not be read.
fn unreadable(path: &Path, e: std::io::Error) -> Error {
    Error::FileUnreadable {
        path: path.to_path_buf(),
        reason: e.to_string(),
    }
}

/// The length and a 64-bit hash of a file's bytes, the same in every run.
pub type FileKey = (usize, u64);

/// The files indexed so far, by the [`FileKey`] of their bytes (not the bytes: the corpus
/// would be held in memory twice); a match is confirmed byte for byte from the disk.
/// Files are numbers in the list [`files`] gave (not paths: the list holds them already).
#[derive(Debug, Clone, Default)]
pub struct Indexed {
    /// The first file indexed with each key.
    first: std::collections::HashMap<FileKey, usize>,
    /// Later files with a key taken (other bytes of the same length and hash): rare.
    more: Vec<(FileKey, usize)>,
}

impl Indexed {
    /// The key of a file's bytes.
    pub fn key(bytes: &[u8]) -> FileKey {
        use std::hash::BuildHasher;
        (
            bytes.len(),
            crate::analysis::terms::TextHasher::default().hash_one(bytes),
        )
    }

    /// Whether a file with this key may have been indexed already (then
    /// [`same_as`](Self::same_as) tells).
    pub fn may_hold(&self, key: FileKey) -> bool {
        self.first.contains_key(&key)
    }

    /// The number of the indexed file of `files` whose bytes are `bytes` (whose key is
    /// `key`), if any.
    pub fn same_as(&self, key: FileKey, bytes: &[u8], files: &[Found]) -> Option<usize> {
        let first = *self.first.get(&key)?;
        let more = self.more.iter().filter(|&&(k, _)| k == key).map(|&(_, n)| n);
        std::iter::once(first)
            .chain(more)
            .find(|&n| std::fs::read(&files[n].path).is_ok_and(|b| b == bytes))
    }

    /// Records that file number `file`, whose key is `key`, is indexed.
    pub fn insert(&mut self, key: FileKey, file: usize) {
        if let Some(&taken) = self.first.get(&key) {
            if taken != file {
                self.more.push((key, file));
            }
            return;
        }
        self.first.insert(key, file);
    }
}

/// Reads one file of `format` whose path below the corpus root is `rel`: its pages, or
/// why it is skipped (empty, binary, a draft). A page of more than
/// [`part::PART_BYTES`] of text comes as its parts ([`part::split`]).
pub fn read(
    path: &Path,
    rel: &str,
    format: Format,
    bytes: &[u8],
) -> Result<std::result::Result<Vec<Page>, SkipReason>> {
    let mut pages = Vec::new();
    let read = read_each(path, rel, format, bytes, &mut |page| {
        pages.push(page);
        Ok(())
    })?;
    Ok(read.map(|()| pages))
}

/// [`read`], giving each page to `each` as soon as it is read: a large text or Markdown
/// file's parts are read one at a time (the file's blocks are never all in memory), a
/// JSON lines file's documents one at a time. An error of `each` ends the reading.
pub fn read_each(
    path: &Path,
    rel: &str,
    format: Format,
    bytes: &[u8],
    each: &mut dyn FnMut(Page) -> Result<()>,
) -> Result<std::result::Result<(), SkipReason>> {
    let text = decode(path, format, bytes)?;
    let text = &*text;
    if text.trim().is_empty() {
        return Ok(Err(SkipReason::Empty));
    }
    if is_binary(text) {
        return Ok(Err(SkipReason::Binary));
    }
    match format {
        // Blocks never hold more text than the file: a small file is one page.
        Format::Text if text.len() <= part::PART_BYTES => {
            each(page(rel, path, format, Meta::default(), text::read(text)))?
        }
        Format::Text => part::split_each(
            page(rel, path, format, Meta::default(), Vec::new()),
            &|block| text::each_block(text, &mut |paragraph| part::paragraph_blocks(paragraph, block)),
            each,
        )?,
        Format::Html if html::redirects(text) => return Ok(Err(SkipReason::Redirect)),
        Format::Html if text.len() <= part::PART_BYTES => {
            let (meta, blocks) = html::read(text, rel);
            part::split(page(rel, path, format, meta, blocks), each)?
        }
        Format::Html => {
            let segmented = html::Segmented::new(text, rel);
            let page = page(rel, path, format, segmented.meta.clone(), Vec::new());
            part::split_each(page, &|block| segmented.blocks(block), each)?
        }
        Format::Markdown if text.len() <= part::PART_BYTES => {
            match markdown::read(text, rel).map_err(|e| e.in_file(path))? {
                Some((meta, blocks)) => part::split(page(rel, path, format, meta, blocks), each)?,
                None => return Ok(Err(SkipReason::Draft)),
            }
        }
        Format::Markdown => match markdown::Chunked::new(text, rel).map_err(|e| e.in_file(path))? {
            Some(chunked) => {
                let page = page(rel, path, format, chunked.meta.clone(), Vec::new());
                part::split_each(page, &|block| chunked.blocks(block), each)?
            }
            None => return Ok(Err(SkipReason::Draft)),
        },
        Format::JsonLines => jsonl::read_each(text, rel, path, &mut |page| part::split(page, each))?,
    }
    Ok(Ok(()))
}

/// A page of a file at `rel` (relative path, `/`-separated).
fn page(rel: &str, path: &Path, format: Format, meta: Meta, blocks: Vec<RawBlock>) -> Page {
    let id = rel.rsplit_once('.').map_or(rel, |(stem, _)| stem).to_owned();
    Page {
        id,
        path: path.to_path_buf(),
        format,
        meta,
        blocks,
        part: None,
    }
}

/// `path` relative to `dir`, with `/` separators.
pub fn relative(dir: &Path, path: &Path) -> String {
    // A path as the walk makes it, the folder's then a separator and plain names, is
    // cut as text: comparing components cost 3,400 instructions a file.
    let is_separator = |b: &u8| std::path::is_separator(char::from(*b));
    let (dir_bytes, bytes) = (
        dir.as_os_str().as_encoded_bytes(),
        path.as_os_str().as_encoded_bytes(),
    );
    let rest = bytes
        .strip_prefix(dir_bytes)
        .and_then(|rest| match dir_bytes.last() {
            None => None,
            Some(last) if is_separator(last) => Some(rest),
            Some(_) => rest
                .split_first()
                .filter(|(first, _)| is_separator(first))
                .map(|(_, rest)| rest),
        });
    if let Some(rest) = rest.and_then(|rest| std::str::from_utf8(rest).ok()) {
        let plain = |name: &str| !matches!(name, "" | "." | "..");
        if rest.split(std::path::is_separator).all(plain) {
            return rest.replace(std::path::is_separator, "/");
        }
    }
    relative_by_components(dir, path)
}

/// [`relative`] of any paths: component by component.
fn relative_by_components(dir: &Path, path: &Path) -> String {
    let rel = path.strip_prefix(dir).unwrap_or(path);
    rel.components()
        .map(|c| c.as_os_str().to_string_lossy())
        .collect::<Vec<_>>()
        .join("/")
}

/// The file's text: UTF-8, without a byte-order mark; an HTML page that is not UTF-8
/// in the Western European charset it declares ([`charset`]).
fn decode<'a>(path: &Path, format: Format, bytes: &'a [u8]) -> Result<Cow<'a, str>> {
    let (bom, rest) = match bytes.strip_prefix(b"\xEF\xBB\xBF") {
        Some(rest) => (3, rest),
        None => (0, bytes),
    };
    match std::str::from_utf8(rest) {
        Ok(text) => Ok(Cow::Borrowed(text)),
        Err(e) => {
            let declared = (format == Format::Html && bom == 0)
                .then(|| charset::declared(rest))
                .flatten();
            match declared.as_deref().and_then(charset::Charset::of_label) {
                Some(charset) => Ok(Cow::Owned(charset.decode(rest))),
                None => Err(Error::NotUtf8 {
                    path: path.to_path_buf(),
                    offset: (bom + e.valid_up_to()) as u64,
                }),
            }
        }
    }
}

/// A malformed line in a file (front matter, a JSON line), before the file is known.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Malformed {
    /// 1-based line number in the file.
    pub line: u64,
    /// What is wrong.
    pub detail: String,
}

impl Malformed {
    /// The error this is in `path`.
    pub fn in_file(self, path: &Path) -> Error {
        Error::Malformed {
            path: path.to_path_buf(),
            line: self.line,
            detail: self.detail,
        }
    }
}

/// Most of the text is control characters (other than whitespace): a binary file.
fn is_binary(text: &str) -> bool {
    // Its first `BINARY_SAMPLE_CHARS` characters (a text of no more bytes has no more).
    let end = if text.len() <= BINARY_SAMPLE_CHARS {
        text.len()
    } else {
        (text.char_indices().nth(BINARY_SAMPLE_CHARS)).map_or(text.len(), |(i, _)| i)
    };
    let (control, all) = controls_in_bytes(&text.as_bytes()[..end]);
    control * 10 > all * 3
}

/// The control characters other than whitespace and all the characters of the UTF-8
/// text `bytes`, counted byte by byte: the C0 controls but `\t`, `\n`, VT, FF and `\r`,
/// and DEL, counted with the characters' first bytes in chunks whose counts fit a byte
/// (so that the compiler counts 16 bytes at once), and the C1 controls (`C2 80` to `C2
/// 9F` but NEL, `C2 85`) where `memchr` finds a `C2`. Decoding the characters instead
/// cost most of reading a small file (15 instructions a byte).
fn controls_in_bytes(bytes: &[u8]) -> (usize, usize) {
    let (mut control, mut all) = (0, 0);
    for chunk in bytes.chunks(usize::from(u8::MAX)) {
        let (mut c0, mut starts) = (0u8, 0u8);
        for &b in chunk {
            c0 += u8::from(matches!(b, 0..=0x08 | 0x0E..=0x1F | 0x7F));
            // Not a continuation byte (0x80 to 0xBF).
            starts += u8::from(b as i8 >= -0x40);
        }
        control += usize::from(c0);
        all += usize::from(starts);
    }
    let c1 = memchr::memchr_iter(0xC2, bytes)
        .filter(|&i| matches!(bytes.get(i + 1), Some(0x80..=0x84 | 0x86..=0x9F)))
        .count();
    (control + c1, all)
}

/// How many characters [`is_binary`] looks at: enough to judge, bounded for huge files.
const BINARY_SAMPLE_CHARS: usize = 64 * 1024;

/// The `YYYY-MM-DD` day a date string starts with (`2021-04-07`, `2021-04-07T18:22:00Z`,
/// `2021-04-07 18:22`), if it is a real day.
///
/// ```
/// use findling::corpus::iso_date;
/// assert_eq!(iso_date("2021-04-07T18:22:00+02:00").as_deref(), Some("2021-04-07"));
/// assert_eq!(iso_date(" 2020-02-29 ").as_deref(), Some("2020-02-29"));
/// assert_eq!(iso_date("2021-02-30"), None);
/// assert_eq!(iso_date("yesterday"), None);
/// ```
pub fn iso_date(value: &str) -> Option<String> {
    let value = value.trim().trim_matches(['"', '\'']);
    let day = value.get(..10)?;
    let rest = &value[10..];
    if !(rest.is_empty() || rest.starts_with(['T', 't', ' '])) {
        return None;
    }
    let b = day.as_bytes();
    if b[4] != b'-' || b[7] != b'-' {
        return None;
    }
    let number = |s: &str| {
        s.bytes()
            .all(|c| c.is_ascii_digit())
            .then(|| s.parse::<u32>().ok())
            .flatten()
    };
    let (y, m, d) = (number(&day[..4])?, number(&day[5..7])?, number(&day[8..])?);
    let leap = y % 4 == 0 && (y % 100 != 0 || y % 400 == 0);
    let days = match m {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if leap => 29,
        2 => 28,
        _ => return None,
    };
    (y >= 1000 && (1..=days).contains(&d)).then(|| day.to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every string of up to three of the characters [`is_normal`] tells apart: ASCII
    /// and Unicode whitespace (and characters whose bytes start alike), controls, and
    /// other letters.
    fn texts() -> Vec<String> {
        let chars = [
            ' ', '\t', '\n', '\r', '\u{b}', '\u{1}', '\u{1f}', '\u{7f}', '\u{80}', '\u{85}', '\u{9f}',
            '\u{a0}', '\u{a1}', '\u{1680}', '\u{2003}', '\u{200b}', '\u{2028}', '\u{205f}', '\u{3000}', 'a',
            'ß', '€', '😀',
        ];
        let mut texts = vec![String::new()];
        for a in chars {
            texts.push(a.to_string());
            for b in chars {
                texts.push(format!("{a}{b}"));
                for c in chars {
                    texts.push(format!("{a}{b}{c}"));
                }
            }
        }
        texts
    }

    #[test]
    fn relative_paths_cut_as_text_are_those_of_their_components() {
        let dirs = [
            "docs", "docs/", "./docs", "/tmp/x", "docs/.", "/", "a//b", ".", "",
        ];
        let rests = [
            "a.txt", "b/c.md", "b/./c", "b/../c", "ö.txt", "b//c", ".hidden", "b/",
        ];
        for dir in dirs.map(Path::new) {
            for rest in rests {
                let text = |between: &str| PathBuf::from(format!("{}{between}{rest}", dir.display()));
                for path in [dir.join(rest), text("/"), text("y/"), text("")] {
                    let expected = relative_by_components(dir, &path);
                    assert_eq!(relative(dir, &path), expected, "{dir:?} {path:?}");
                }
            }
        }
    }

    #[test]
    fn controls_are_counted_by_bytes_as_by_characters() {
        let every: String = (0..0x3100u32).filter_map(char::from_u32).collect();
        for text in texts().into_iter().chain([every]) {
            let control = text
                .chars()
                .filter(|c| c.is_control() && !c.is_whitespace())
                .count();
            assert_eq!(
                controls_in_bytes(text.as_bytes()),
                (control, text.chars().count()),
                "{text:?}"
            );
        }
    }

    #[test]
    fn raw_blocks_join_their_words_by_single_spaces() {
        // Each also inside a text longer than the chunks `is_normal` looks at at once.
        let long = "word ".repeat(15);
        let texts = texts()
            .into_iter()
            .flat_map(|t| [format!("{long}{t} {long}x"), t]);
        for text in texts {
            let words: Vec<&str> = text.split_whitespace().collect();
            assert_eq!(
                RawBlock::new(&text, BlockKind::Paragraph).text,
                words.join(" "),
                "{text:?}"
            );
        }
    }
}
