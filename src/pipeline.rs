//! The build pipeline: a corpus folder in, its index (whole, or a core and shards) and
//! report out, streamed. What build.rs runs, step for step.
//!
//! 1. **Walk** the folder in sorted path order ([`corpus::files`]).
//! 2. **Site**: when the folder has HTML pages, a first pass reads the files and counts
//!    their blocks ([`Site`]): a site template is a block shared *across* pages.
//! 3. **Read, clean, analyze** on every core: worker `k` of `n` takes the batches
//!    `k, k + n, …` of [`BATCH_FILES`] files, and hands each over through its own
//!    channel, at most [`BATCHES_AHEAD`] ahead.
//! 4. **Write** on this thread, in path order: skip duplicate files, refuse duplicate
//!    ids, count the report, add each document to the [`ShardWriter`], which hands out
//!    shards as they are finished. A file larger than [`PART_BYTES`] is left by the
//!    workers to this thread, which reads, cleans, analyzes and adds it a page (or a
//!    part, [`corpus::part`]) at a time: one huge file costs its bytes and one part, not
//!    its pages all at once (a corpus of many such files reads them on one thread).
//!
//! The writer sees the documents in the same order however the threads ran, so the
//! index bytes are the same in every build; and no step holds the corpus, only the
//! batches in flight and the index being written.

use crate::analysis::terms::{Analyzer, Terms};
use crate::clean::{self, EarlierParts, Site};
use crate::corpus::part::PART_BYTES;
use crate::corpus::{self, FileKey, Format, Found, Indexed, Page, SkipReason, Skipped};
use crate::document::Document;
use crate::error::{Error, Result};
use crate::format::shard::{CoreReader, ShardSink, ShardWriter, Streamed};
use crate::report::{Report, ReportBuilder};
use std::path::Path;

/// Files a worker reads, cleans and analyzes at a time: enough that handing a batch over
/// costs nothing beside it, few enough that the batches in flight stay small (de-10k's
/// files are 1.3 KB on average).
pub const BATCH_FILES: usize = 32;

/// Batches a worker may have finished before the writer takes them: keeps both busy
/// without letting memory grow with the corpus.
pub const BATCHES_AHEAD: usize = 2;

/// What a build made.
#[derive(Debug)]
pub struct Built {
    /// The whole index, or the core of the shards given to the sink.
    pub index: Streamed,
    /// What was kept, dropped and skipped.
    pub report: Report,
}

/// Builds the index of the corpus folder `dir`: whole when it is not larger than
/// `max_bytes`, else a core and shards, each shard given to `sink` with its file name as
/// soon as it is written. Errors name the file (unreadable, not UTF-8, malformed, a
/// duplicate id), or the folder when it holds no document.
///
/// ```
/// use findling::format::{shard::Streamed, IndexReader};
/// let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("seeds");
/// let built = findling::pipeline::build(&dir, 1 << 30, &mut |_, _| Ok(()))?;
/// let Streamed::Whole(bytes) = built.index else { panic!("sharded") };
/// assert_eq!(IndexReader::from_bytes(&bytes)?.doc_count() as u64, built.report.count("documents.text"));
/// # Ok::<(), findling::Error>(())
/// ```
pub fn build(dir: &Path, max_bytes: usize, sink: ShardSink<'_>) -> Result<Built> {
    let files = corpus::files(dir)?;
    let site = site(dir, &files);
    let batches: Vec<&[Found]> = files.chunks(BATCH_FILES).collect();
    let threads = std::thread::available_parallelism().map_or(1, usize::from);
    let mut writer = Writer {
        dir,
        site: &site,
        analyzer: None,
        index: ShardWriter::new(max_bytes, sink),
        report: ReportBuilder::default(),
        indexed: Indexed::default(),
        ids: std::collections::HashMap::new(),
        documents: 0,
    };
    std::thread::scope(|scope| -> Result<()> {
        let receivers: Vec<_> = (0..threads)
            .map(|k| {
                let (send, receive) = std::sync::mpsc::sync_channel(BATCHES_AHEAD);
                let (batches, site) = (&batches, &site);
                scope.spawn(move || {
                    let mut analyzer = Analyzer::for_corpus();
                    for batch in batches.iter().skip(k).step_by(threads) {
                        let prepared: Vec<Prepared> = batch
                            .iter()
                            .map(|f| prepare(dir, f, site, &mut analyzer))
                            .collect();
                        if send.send(prepared).is_err() {
                            return;
                        }
                    }
                });
                receive
            })
            .collect();
        for b in 0..batches.len() {
            // A worker that stopped early panicked: the scope passes its panic on.
            let Ok(prepared) = receivers[b % threads].recv() else {
                return Ok(());
            };
            for (k, prepared) in prepared.into_iter().enumerate() {
                writer.take(&files, b * BATCH_FILES + k, prepared)?;
            }
        }
        Ok(())
    })?;
    if writer.documents == 0 {
        return Err(Error::CorpusEmpty {
            path: dir.to_path_buf(),
        });
    }
    let report = writer.report.report();
    let index = writer.index.finish(&report.counts)?;
    Ok(Built { index, report })
}

/// A file as a worker left it.
enum Prepared {
    /// Not read: hidden, a bad link, or not a known format.
    Passed(SkipReason),
    /// Read: the key of its bytes, and its pages or why it is skipped (or its error).
    Read(
        FileKey,
        Result<std::result::Result<Vec<PreparedPage>, SkipReason>>,
    ),
    /// Could not be read.
    Unreadable(Error),
    /// Larger than [`PART_BYTES`], of this format: left to the writing thread.
    Large(Format),
}

/// A page cleaned and analyzed, with what the report counts of it.
struct PreparedPage {
    /// The page, its blocks taken out (the document holds what was kept).
    page: Page,
    /// Words by verdict reason ([`clean::Cleaned::words_by_reason`]).
    words: Vec<(&'static str, usize)>,
    /// Cleaning would have kept nothing.
    fallback: bool,
    document: Document,
    terms: Terms,
}

/// Reads, cleans and analyzes one file (on a worker).
fn prepare(dir: &Path, file: &Found, site: &Site, analyzer: &mut Analyzer) -> Prepared {
    let Some(format) = file.skip.is_none().then(|| Format::of(&file.path)).flatten() else {
        return Prepared::Passed(file.skip.unwrap_or(SkipReason::Unsupported));
    };
    let bytes = match corpus::read_bytes_up_to(&file.path, PART_BYTES) {
        Ok(Some(bytes)) => bytes,
        // Not read here: the writing thread reads it, a part at a time.
        Ok(None) => return Prepared::Large(format),
        Err(e) => return Prepared::Unreadable(e),
    };
    let pages = corpus::read(&file.path, &corpus::relative(dir, &file.path), format, &bytes).map(|read| {
        read.map(|pages| {
            pages
                .into_iter()
                .map(|page| prepare_page(page, site, analyzer, &mut EarlierParts::default()))
                .collect()
        })
    });
    Prepared::Read(Indexed::key(&bytes), pages)
}

/// Cleans and analyzes one page.
fn prepare_page(
    mut page: Page,
    site: &Site,
    analyzer: &mut Analyzer,
    earlier: &mut EarlierParts,
) -> PreparedPage {
    let cleaned = clean::clean_part_taking(&mut page, site, earlier);
    let words = cleaned.words_by_reason();
    let fallback = cleaned.fallback;
    let body_words = cleaned.body_words();
    let document = cleaned.into_document(&page);
    let terms = analyzer.document_of_words(&document, &body_words);
    PreparedPage {
        page,
        words,
        fallback,
        document,
        terms,
    }
}

/// The sequential end of the pipeline: what the files in path order add up to.
struct Writer<'a> {
    /// The corpus folder and its site, for the files left to this thread.
    dir: &'a Path,
    site: &'a Site,
    /// Analyzes and cleans the files left to this thread (made for the first, kept for
    /// the others: their tables would be freed as large blocks, see [`crate::heap`]).
    analyzer: Option<(Analyzer, EarlierParts)>,
    index: ShardWriter<'a>,
    report: ReportBuilder,
    /// The files indexed so far, to skip their duplicates.
    indexed: Indexed,
    /// Every document id so far, with its file's number in the corpus.
    ids: std::collections::HashMap<String, usize>,
    /// Documents added.
    documents: u64,
}

impl Writer<'_> {
    /// Takes the next file of the corpus, `files[file]`, as [`corpus::load`] would.
    fn take(&mut self, files: &[Found], file: usize, prepared: Prepared) -> Result<()> {
        let path = &files[file].path;
        let (key, pages) = match prepared {
            Prepared::Passed(reason) => {
                self.skip(path, reason, None);
                return Ok(());
            }
            Prepared::Unreadable(e) => return Err(e),
            Prepared::Large(format) => return self.take_large(files, file, format),
            Prepared::Read(key, pages) => (key, pages),
        };
        if self.indexed.may_hold(key) && self.duplicate(files, file, key, &corpus::read_bytes(path)?) {
            return Ok(());
        }
        let pages = match pages? {
            Ok(pages) => pages,
            Err(reason) => {
                self.skip(path, reason, None);
                return Ok(());
            }
        };
        self.indexed.insert(key, file);
        for p in pages {
            self.add(files, file, p)?;
        }
        Ok(())
    }

    /// Takes a file larger than [`PART_BYTES`]: reads, cleans, analyzes and adds it here,
    /// a page or part at a time, so that its pages are never all in memory.
    fn take_large(&mut self, files: &[Found], file: usize, format: Format) -> Result<()> {
        let path = &files[file].path;
        let bytes = corpus::read_bytes(path)?;
        let key = Indexed::key(&bytes);
        if self.duplicate(files, file, key, &bytes) {
            return Ok(());
        }
        let (dir, site) = (self.dir, self.site);
        let (mut analyzer, mut earlier) =
            (self.analyzer.take()).unwrap_or_else(|| (Analyzer::for_corpus(), EarlierParts::default()));
        let read = corpus::read_each(path, &corpus::relative(dir, path), format, &bytes, &mut |page| {
            let prepared = prepare_page(page, site, &mut analyzer, &mut earlier);
            self.add(files, file, prepared)
        });
        self.analyzer = Some((analyzer, earlier));
        crate::heap::release(bytes);
        match read? {
            Ok(()) => self.indexed.insert(key, file),
            Err(reason) => self.skip(path, reason, None),
        }
        Ok(())
    }

    /// Whether `files[file]`, whose bytes are `bytes` (of key `key`), duplicates a file
    /// indexed before; if so it is counted as skipped.
    fn duplicate(&mut self, files: &[Found], file: usize, key: FileKey, bytes: &[u8]) -> bool {
        let Some(first) = self.indexed.same_as(key, bytes, files) else {
            return false;
        };
        let first = files[first].path.clone();
        self.skip(&files[file].path, SkipReason::Duplicate, Some(first));
        true
    }

    /// Counts a file passed over.
    fn skip(&mut self, path: &Path, reason: SkipReason, same_as: Option<std::path::PathBuf>) {
        self.report.skipped(&Skipped {
            path: path.to_path_buf(),
            reason,
            same_as,
        });
    }

    /// Adds a page of `files[file]`: its id must be new.
    fn add(&mut self, files: &[Found], file: usize, p: PreparedPage) -> Result<()> {
        if let Some(other) = self.ids.insert(p.page.id.clone(), file) {
            return Err(Error::DuplicateId {
                id: p.page.id,
                first: files[other].path.clone(),
                second: p.page.path,
            });
        }
        self.report.page(&p.page, &p.words, p.fallback);
        self.index.add_terms(p.document, &p.terms)?;
        self.documents += 1;
        Ok(())
    }
}

/// The [`Site`] of the folder's HTML pages: every file read as [`corpus::load`] reads it
/// (duplicates skipped), the HTML pages counted. Nothing to do without HTML files. A file
/// that fails ends the pass: the build stops at that file with its error.
fn site(dir: &Path, files: &[Found]) -> Site {
    let mut site = Site::default();
    let known = |f: &Found| f.skip.is_none().then(|| Format::of(&f.path)).flatten();
    if !files.iter().any(|f| known(f) == Some(Format::Html)) {
        return site;
    }
    let mut indexed = Indexed::default();
    for (number, f) in files.iter().enumerate() {
        let Some(format) = known(f) else { continue };
        let Ok(bytes) = corpus::read_bytes(&f.path) else {
            break;
        };
        let key = Indexed::key(&bytes);
        if indexed.same_as(key, &bytes, files).is_some() {
            continue;
        }
        let add = &mut |page: Page| {
            site.add(&page);
            Ok(())
        };
        let read = corpus::read_each(&f.path, &corpus::relative(dir, &f.path), format, &bytes, add);
        crate::heap::release(bytes);
        match read {
            Ok(Ok(())) => indexed.insert(key, number),
            Ok(Err(_)) => {}
            Err(_) => break,
        }
    }
    site
}

/// Reads a sharded index back as build.rs wrote it, with every check, on every core: the
/// core `core_bytes` (its dictionary's checksum and ordinals; `core` is those bytes opened
/// without them) beside the shards in `shards_dir`, each through `core`'s shard table.
/// When several fail, the error is the first in that order (the core, then the shards as
/// listed), as one thread checking them in turn would report it.
pub fn read_back(
    core_bytes: &[u8],
    core: &CoreReader<'_>,
    shards_dir: &Path,
) -> std::result::Result<(), String> {
    // Job 0 checks the core, job `1 + i` shard `i`.
    let check = |job: usize| -> std::result::Result<(), String> {
        let Some(entry) = job.checked_sub(1).map(|i| &core.shards()[i]) else {
            return CoreReader::from_bytes(core_bytes)
                .map(drop)
                .map_err(|e| format!("the core just written does not read back: {e}"));
        };
        let path = shards_dir.join(entry.file_name());
        let shard = std::fs::read(&path).map_err(|e| format!("cannot read {}: {e}", path.display()))?;
        core.open_shard(&shard)
            .map(drop)
            .map_err(|e| format!("shard {} just written does not read back: {e}", path.display()))
    };
    let jobs = 1 + core.shards().len();
    let next = std::sync::atomic::AtomicUsize::new(0);
    let threads = std::thread::available_parallelism()
        .map_or(1, usize::from)
        .min(jobs);
    let mut failed: Vec<(usize, String)> = std::thread::scope(|scope| {
        let workers: Vec<_> = (0..threads)
            .map(|_| {
                scope.spawn(|| {
                    let mut failed = Vec::new();
                    loop {
                        let job = next.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                        if job >= jobs {
                            return failed;
                        }
                        if let Err(e) = check(job) {
                            failed.push((job, e));
                        }
                    }
                })
            })
            .collect();
        workers
            .into_iter()
            .flat_map(|w| w.join().unwrap_or_else(|p| std::panic::resume_unwind(p)))
            .collect()
    });
    failed.sort_unstable();
    failed.into_iter().next().map_or(Ok(()), |(_, e)| Err(e))
}
