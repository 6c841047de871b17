//! The one error type of Findling: what went wrong, where, and what to do about it.

use std::fmt;
use std::path::PathBuf;

/// Everything that can go wrong while building or reading an index.
///
/// Each variant carries the data a human needs to fix the problem (a file name, a byte
/// offset, the two versions that disagree); `Display` says what happened and what to do.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum Error {
    /// The corpus folder could not be listed.
    CorpusUnreadable {
        /// The folder.
        path: PathBuf,
        /// The operating system's reason.
        reason: String,
    },
    /// The corpus folder holds no document.
    CorpusEmpty {
        /// The folder.
        path: PathBuf,
    },
    /// A corpus file could not be read.
    FileUnreadable {
        /// The file.
        path: PathBuf,
        /// The operating system's reason.
        reason: String,
    },
    /// A file of the build's output (a shard) could not be written.
    FileUnwritable {
        /// The file.
        path: PathBuf,
        /// The operating system's reason.
        reason: String,
    },
    /// A corpus file is not valid UTF-8.
    NotUtf8 {
        /// The file.
        path: PathBuf,
        /// Byte offset of the first invalid byte.
        offset: u64,
    },
    /// Two corpus documents would get the same document id.
    DuplicateId {
        /// The id both map to.
        id: String,
        /// The file of the first.
        first: PathBuf,
        /// The file of the second.
        second: PathBuf,
    },
    /// A line of a corpus file is malformed for its format (front matter, a JSON line).
    Malformed {
        /// The file.
        path: PathBuf,
        /// 1-based line number.
        line: u64,
        /// What is wrong.
        detail: String,
    },
    /// The corpus is larger than the index format can address.
    TooLarge {
        /// What overflowed (documents, terms, a section's bytes).
        what: &'static str,
    },
    /// A document's sections do not start at increasing places inside its text.
    BadSections {
        /// The document's id.
        id: String,
        /// The start of the first section out of place.
        at: u32,
    },
    /// A document's headings are not ranges of its text, in order and apart.
    BadHeadings {
        /// The document's id.
        id: String,
        /// The first heading out of place: a byte range of the text, or the range of
        /// word positions the analyzer found for one.
        at: (u32, u32),
    },
    /// The bytes do not start with Findling's magic number: not an index at all.
    BadMagic,
    /// The index was written by another version of the format.
    FormatVersion {
        /// The version found in the bytes.
        found: u32,
        /// The version this build reads.
        expected: u32,
    },
    /// The index was written with another version of the analyzer, so query terms
    /// would not match indexed terms.
    AnalyzerVersion {
        /// The version found in the bytes.
        found: u32,
        /// The version this build uses.
        expected: u32,
    },
    /// The index ends before a section it announces.
    Truncated {
        /// The section being read.
        section: &'static str,
        /// Byte offset where more bytes were needed.
        offset: u64,
    },
    /// Bytes remain after the last section.
    TrailingBytes {
        /// Byte offset where the unexpected bytes start.
        offset: u64,
    },
    /// A section's contents are inconsistent (an ordinal out of range, bad UTF-8, an
    /// unreadable fst).
    Corrupt {
        /// The section being read.
        section: &'static str,
        /// Byte offset of the problem.
        offset: u64,
        /// What is wrong.
        detail: String,
    },
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::CorpusUnreadable { path, reason } => write!(
                f,
                "cannot read corpus folder {}: {reason}; set FINDLING_CORPUS to a readable folder of documents",
                path.display()
            ),
            Error::CorpusEmpty { path } => write!(
                f,
                "corpus folder {} has no document (.txt, .html, .md or .jsonl with text in it); add documents or point FINDLING_CORPUS elsewhere",
                path.display()
            ),
            Error::FileUnreadable { path, reason } => {
                write!(f, "cannot read {}: {reason}", path.display())
            }
            Error::FileUnwritable { path, reason } => write!(
                f,
                "cannot write {}: {reason}; check that the output folder is writable and the disk has room",
                path.display()
            ),
            Error::NotUtf8 { path, offset } => write!(
                f,
                "{} is not UTF-8 (first invalid byte at offset {offset}); re-save it as UTF-8",
                path.display()
            ),
            Error::DuplicateId { id, first, second } => write!(
                f,
                "{} and {} both give the document id {id:?}; rename one of them",
                first.display(),
                second.display()
            ),
            Error::Malformed { path, line, detail } => {
                write!(f, "{}:{line}: {detail}", path.display())
            }
            Error::BadSections { id, at } => write!(
                f,
                "document {id}: a section starts at byte {at}, which is not after the section before it, \
                 inside the text and on a character's first byte; give sections in text order, at their headings' starts"
            ),
            Error::BadHeadings { id, at: (first, past) } => write!(
                f,
                "document {id}: a heading at {first}..{past} (bytes of its text, or the word positions found \
                 for them) is not a range of at least one character inside the text, after the heading before \
                 it; give headings in text order, as byte ranges of the text"
            ),
            Error::TooLarge { what } => write!(
                f,
                "the corpus has too many {what} for the index format (limit 2^32); split the corpus"
            ),
            Error::BadMagic => write!(f, "not a Findling index (bad magic bytes)"),
            Error::FormatVersion { found, expected } => write!(
                f,
                "index was built by format {found}, this build reads {expected}: rebuild the index"
            ),
            Error::AnalyzerVersion { found, expected } => write!(
                f,
                "index was built with analyzer {found}, this build analyzes queries with {expected}: rebuild the index"
            ),
            Error::Truncated { section, offset } => write!(
                f,
                "index is truncated: {section} needs more bytes at offset {offset}; rebuild the index"
            ),
            Error::TrailingBytes { offset } => write!(
                f,
                "index has unexpected bytes after its end, from offset {offset}; rebuild the index"
            ),
            Error::Corrupt { section, offset, detail } => write!(
                f,
                "index is corrupt in {section} at offset {offset}: {detail}; rebuild the index"
            ),
        }
    }
}

impl std::error::Error for Error {}

/// Shorthand for results whose error is [`Error`].
pub type Result<T> = std::result::Result<T, Error>;
