//! The build pipeline: a corpus folder in, its index (whole, or a core and shards) and
//! report out, streamed. What build.rs runs, step for step.
//!
//! 1. **Walk** the folder in sorted path order ([`corpus::files`]).
//! 2. **Site**: when the folder has HTML pages, a first pass reads the files and counts
//!    their blocks ([`Site`]): a site template is a block shared *across* pages. The
//!    workers read and sketch the pages ([`PageSketch`]: hashes of the blocks), and this
//!    thread counts the sketches in path order.
//! 3. **Read, clean, analyze** on every core, by one worker more than there are cores
//!    ([`EXTRA_WORKERS`]; `in_order` runs this pass and the site's): each worker takes
//!    the next batch of [`BATCH_FILES`] files not yet started (a worker that a busy core
//!    slows down does fewer, and no other waits for it), at most [`BATCHES_AHEAD`] per
//!    worker ahead of the writing thread, or [`MOST_BATCHES_AHEAD`] while they hold less
//!    than [`HELD_BYTES`] of files (the `Handover` between them).
//! 4. **Write** on this thread, in path order: skip duplicate files, refuse duplicate
//!    ids, count the report, add each document to the [`ShardWriter`], which hands out
//!    shards as they are finished. A file larger than [`PART_BYTES`] is left by the
//!    workers to this thread, which reads, cleans, analyzes and adds it a page (or a
//!    part, [`corpus::part`]) at a time: one huge file costs its bytes and one part, not
//!    its pages all at once (a corpus of many such files reads them on one thread).
//! 5. **Finish and read back** ([`build_and_read_back`]): the last shard and the core
//!    are written on this thread (the core's dictionary on one more), while another
//!    reads the shards back from their files with every check that needs no core;
//!    then the core is read back and each shard matched to it.
//!
//! The writer sees the documents in the same order however the threads ran, so the
//! index bytes are the same in every build; and no step holds the corpus, only the
//! batches in flight and the index being written.

use crate::analysis::terms::{Analyzer, Terms};
use crate::clean::{self, EarlierParts, PageSketch, Site};
use crate::corpus::part::PART_BYTES;
use crate::corpus::{self, FileKey, Format, Found, Indexed, Page, SkipReason, Skipped};
use crate::document::Document;
use crate::error::{Error, Result};
use crate::format::shard::{check_shard, CheckedShard, CoreReader, ShardSink, ShardWriter, Streamed};
use crate::report::{Report, ReportBuilder};
use std::path::Path;

/// Files a worker reads, cleans and analyzes at a time: enough that handing a batch over
/// costs nothing beside it, few enough that the batches in flight stay small (de-10k's
/// files are 1.3 KB on average).
pub const BATCH_FILES: usize = 32;

/// Workers beyond one per core. A worker waits for every file it opens and reads (four
/// system calls a file), and the writing thread shares the cores with the workers: one
/// more worker keeps the cores busy through those waits. On 2 cores (session 32, `bash
/// tests/bench/build.sh`, alternating runs) one more gave da-full's 51,097 small files
/// 1.62–1.73 s wall against 1.72–1.85, de-10k 0.59–0.61 s against 0.63–0.78 and
/// all-full 4.65–4.82 s against 4.96–6.21, for 4 to 20 MB more at the peak; a second
/// one more gave nothing further (da-full 1.64–1.78 s).
pub const EXTRA_WORKERS: usize = 1;

/// Batches per worker that may be started and not yet taken by the writer: keeps both
/// busy without letting memory grow with the corpus.
pub const BATCHES_AHEAD: usize = 2;

/// Bytes of files prepared and not yet taken by the writer below which a worker starts a
/// batch beyond [`BATCHES_AHEAD`], up to [`MOST_BATCHES_AHEAD`]: about six batches of
/// de-10k's files (1.3 KB on average), so a corpus of smaller files gets a wider window
/// at about the same memory. (The writer takes the batches in order: while the worker
/// that has the next one finishes it, the other may run out of room and a core idle.)
pub const HELD_BYTES: usize = 256 * 1024;

/// Batches per worker that may be started and not yet taken, however small.
pub const MOST_BATCHES_AHEAD: usize = 16;

/// Largest file a worker reads in the site's pass (step 2 above); a larger one is read on
/// the thread that counts the pages. The pass keeps a page's hashes, not its text, and
/// reads a page larger than [`PART_BYTES`] a segment at a time, so a worker holds about
/// the file's bytes. Rust's documentation has 107 HTML files larger than [`PART_BYTES`],
/// 140 of its 554 MB, and all but two below this.
pub const SKETCH_BYTES: usize = 16 * PART_BYTES;

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
    stream(dir, max_bytes, sink, None).map(|(built, _)| built)
}

/// [`build`], with `sink` writing each shard into the folder `shards_dir` under its
/// name, and the index read back as it was written, with every check: the core with its
/// dictionary's checksum and ordinals, each shard from its file with its core. The
/// shards are checked once the workers are done, beside the core being finished (a
/// shard's check needs its core only to name its terms, see
/// [`shard::check_shard`](crate::format::shard::check_shard)). The error is
/// [`build`]'s, or the first check that failed in this order: the core, then the shards
/// as the core lists them.
pub fn build_and_read_back(
    dir: &Path,
    max_bytes: usize,
    sink: ShardSink<'_>,
    shards_dir: &Path,
) -> std::result::Result<Built, String> {
    let (built, read_back) = stream(dir, max_bytes, sink, Some(shards_dir)).map_err(|e| e.to_string())?;
    read_back?;
    Ok(built)
}

/// [`build`], and when given the shards' folder, [`build_and_read_back`]'s read-back (its
/// verdict apart: the index is built either way).
fn stream(
    dir: &Path,
    max_bytes: usize,
    sink: ShardSink<'_>,
    shards_dir: Option<&Path>,
) -> Result<(Built, std::result::Result<(), String>)> {
    let written = ReadBack::new(shards_dir);
    let mut sink = |name: &str, bytes: &[u8]| {
        sink(name, bytes)?;
        written.push(name);
        Ok(())
    };
    let files = corpus::files(dir)?;
    let batches: Vec<&[Found]> = files.chunks(BATCH_FILES).collect();
    let site = site(dir, &files, &batches);
    let mut writer = Writer {
        dir,
        site: &site,
        analyzer: None,
        index: ShardWriter::new(max_bytes, &mut sink),
        report: ReportBuilder::default(),
        indexed: Indexed::default(),
        ids: std::collections::HashMap::new(),
        documents: 0,
    };
    let file_count = files.len();
    in_order(
        &batches,
        || Analyzer::for_corpus(file_count),
        |analyzer, batch| {
            let prepared: Vec<Prepared> = batch.iter().map(|f| prepare(dir, f, &site, analyzer)).collect();
            (prepared.iter().map(Prepared::bytes).sum(), prepared)
        },
        |b, prepared| {
            for (k, prepared) in prepared.into_iter().enumerate() {
                writer.take(&files, b * BATCH_FILES + k, prepared)?;
            }
            Ok(true)
        },
    )?;
    if writer.documents == 0 {
        return Err(Error::CorpusEmpty {
            path: dir.to_path_buf(),
        });
    }
    let report = writer.report.report();
    // The shards written so far are checked on another thread while this one finishes
    // the last shard and the core, then both check what is left.
    let (index, read_back) = std::thread::scope(|scope| {
        let helper = shards_dir.map(|_| scope.spawn(|| written.check_written()));
        let index = writer.index.finish(&report.counts);
        written.close();
        let read_back = match &index {
            Ok(Streamed::Core(core)) if shards_dir.is_some() => {
                let core = CoreReader::from_bytes(core);
                written.check_written();
                if let Some(helper) = helper {
                    helper
                        .join()
                        .unwrap_or_else(|panic| std::panic::resume_unwind(panic));
                }
                written.verdict(core)
            }
            _ => Ok(()),
        };
        (index, read_back)
    });
    Ok((
        Built {
            index: index?,
            report,
        },
        read_back,
    ))
}

/// Runs `work` on the batches of files on every core, by one worker more than there are
/// cores ([`EXTRA_WORKERS`]), and gives each batch's result to `take` on this thread in
/// the batches' order, with its number: a worker takes the next batch not yet started
/// (made with its own `state`) and hands it over with the bytes it read, and the
/// [`Handover`] bounds how many are in flight. `take` returns whether to go on; its
/// error ends the run, the workers stopped.
fn in_order<S, T: Send>(
    batches: &[&[Found]],
    state: impl Fn() -> S + Sync,
    work: impl Fn(&mut S, &[Found]) -> (usize, T) + Sync,
    mut take: impl FnMut(usize, T) -> Result<bool>,
) -> Result<()> {
    let threads = std::thread::available_parallelism().map_or(1, usize::from) + EXTRA_WORKERS;
    let handover = Handover::new(threads * (BATCHES_AHEAD + 1), threads * MOST_BATCHES_AHEAD);
    let next = std::sync::atomic::AtomicUsize::new(0);
    std::thread::scope(|scope| -> Result<()> {
        for _ in 0..threads {
            let (handover, next, state, work) = (&handover, &next, &state, &work);
            scope.spawn(move || {
                // A worker that panics stops this thread, which then stops the others.
                let _stop = handover.stop_on_drop_if_panicking();
                let mut state = state();
                loop {
                    let b = next.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                    if b >= batches.len() || !handover.room_for(b) {
                        return;
                    }
                    let (bytes, done) = work(&mut state, batches[b]);
                    handover.put(b, bytes, done);
                }
            });
        }
        // Ends the workers when this returns, taken to the end or stopped.
        let _stop = handover.stop_on_drop();
        for b in 0..batches.len() {
            // A worker stopped early panicked: the scope passes its panic on.
            let Some(done) = handover.take(b) else {
                return Ok(());
            };
            if !take(b, done)? {
                return Ok(());
            }
        }
        Ok(())
    })
}

/// The batches on their way from the workers to the writing thread, which takes them in
/// order: a worker takes the next batch not yet started (a fast worker does more of
/// them, so no core waits on a slow one while there is work), and starts one only
/// while fewer than `in_flight` batches are started and not yet taken, or fewer than
/// `most` and the finished ones hold less than [`HELD_BYTES`] of files (memory holds
/// no more batches than that).
struct Handover<T> {
    state: std::sync::Mutex<HandoverState<T>>,
    /// Signalled when the batch the writing thread waits for is put, and when the
    /// handover is stopped.
    put: std::sync::Condvar,
    /// Signalled when a batch is taken (there may be room for the workers), and when the
    /// handover is stopped: a worker is not woken by another's batch, nor the writing
    /// thread by the room it made.
    taken: std::sync::Condvar,
    in_flight: usize,
    most: usize,
}

struct HandoverState<T> {
    /// Batches taken so far: the next one the writing thread waits for.
    taken: usize,
    /// Batches finished and not yet taken, by number, with the bytes of their files.
    finished: Vec<(usize, usize, T)>,
    /// The bytes of the files of the batches finished and not yet taken.
    held: usize,
    /// The writing thread stopped, or a worker panicked: nothing more is put or taken.
    stopped: bool,
}

impl<T> Default for HandoverState<T> {
    fn default() -> Self {
        HandoverState {
            taken: 0,
            finished: Vec::new(),
            held: 0,
            stopped: false,
        }
    }
}

/// Stops its [`Handover`] when dropped (if `always`, or while a panic unwinds).
struct Stop<'a, T> {
    handover: &'a Handover<T>,
    always: bool,
}

impl<T> Drop for Stop<'_, T> {
    fn drop(&mut self) {
        if self.always || std::thread::panicking() {
            self.handover.lock().stopped = true;
            self.handover.put.notify_all();
            self.handover.taken.notify_all();
        }
    }
}

impl<T> Handover<T> {
    fn new(in_flight: usize, most: usize) -> Self {
        Handover {
            state: std::sync::Mutex::default(),
            put: std::sync::Condvar::new(),
            taken: std::sync::Condvar::new(),
            in_flight: in_flight.max(1),
            most,
        }
    }

    /// The state; a thread that panicked never holds it, but a poisoned lock is taken as is.
    fn lock(&self) -> std::sync::MutexGuard<'_, HandoverState<T>> {
        self.state
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }

    /// Waits until batch `b` may be started; false if the handover stopped.
    fn room_for(&self, b: usize) -> bool {
        let mut state = self.lock();
        let room = |s: &HandoverState<T>| {
            b < s.taken + self.in_flight || (b < s.taken + self.most && s.held < HELD_BYTES)
        };
        while !state.stopped && !room(&state) {
            state = self
                .taken
                .wait(state)
                .unwrap_or_else(std::sync::PoisonError::into_inner);
        }
        !state.stopped
    }

    /// Hands over batch `b`, of files of `bytes` bytes.
    fn put(&self, b: usize, bytes: usize, done: T) {
        let mut state = self.lock();
        state.finished.push((b, bytes, done));
        state.held += bytes;
        let awaited = b == state.taken;
        drop(state);
        if awaited {
            self.put.notify_one();
        }
    }

    /// Waits for batch `b` (the next one) and takes it; `None` if the handover stopped.
    fn take(&self, b: usize) -> Option<T> {
        let mut state = self.lock();
        loop {
            if state.stopped {
                return None;
            }
            if let Some(i) = state.finished.iter().position(|(n, ..)| *n == b) {
                let (_, bytes, done) = state.finished.swap_remove(i);
                state.held -= bytes;
                state.taken = b + 1;
                drop(state);
                self.taken.notify_all();
                return Some(done);
            }
            state = self
                .put
                .wait(state)
                .unwrap_or_else(std::sync::PoisonError::into_inner);
        }
    }

    /// A guard that stops the handover when dropped.
    fn stop_on_drop(&self) -> Stop<'_, T> {
        Stop {
            handover: self,
            always: true,
        }
    }

    /// A guard that stops the handover if a panic unwinds past it.
    fn stop_on_drop_if_panicking(&self) -> Stop<'_, T> {
        Stop {
            handover: self,
            always: false,
        }
    }
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

impl Prepared {
    /// The bytes of the file, if it was read.
    fn bytes(&self) -> usize {
        match self {
            Prepared::Read((len, _), _) => *len,
            _ => 0,
        }
    }
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
    let Some(format) = file.format() else {
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
                let page = files[file].copy_of.map(|page| files[page].path.clone());
                self.skip(path, reason, page);
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
        let (mut analyzer, mut earlier) = (self.analyzer.take())
            .unwrap_or_else(|| (Analyzer::for_corpus(files.len()), EarlierParts::default()));
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

    /// Adds a page of `files[file]`: its id must be new, or new with its file's extension
    /// ([`Page::id_with_extension`]).
    fn add(&mut self, files: &[Found], file: usize, mut p: PreparedPage) -> Result<()> {
        if let Some(id) = self
            .ids
            .contains_key(&p.page.id)
            .then(|| p.page.id_with_extension())
            .flatten()
        {
            p.document.id.clone_from(&id);
            p.page.id = id;
        }
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
/// (duplicates skipped), the HTML pages counted. Nothing to do without HTML files. The
/// workers read the files and sketch their pages ([`PageSketch`]), [`in_order`], and
/// this thread counts the sketches in the files' order, so the site is the same however
/// the threads ran; a file larger than [`SKETCH_BYTES`] is read here. A file that fails
/// ends the pass: the build stops at that file with its error.
fn site(dir: &Path, files: &[Found], batches: &[&[Found]]) -> Site {
    let mut site = Site::default();
    if !files.iter().any(|f| f.format() == Some(Format::Html)) {
        return site;
    }
    let mut indexed = Indexed::default();
    let sketch = |f: &Found| -> Sketched {
        let Some(format) = f.format() else {
            return Sketched::Passed;
        };
        match corpus::read_bytes_up_to(&f.path, SKETCH_BYTES) {
            Ok(Some(bytes)) => sketch_file(dir, f, format, bytes),
            Ok(None) => Sketched::Large(format),
            Err(_) => Sketched::Unreadable,
        }
    };
    // Counting fails nowhere: a file that fails ends the pass, as said.
    let _ = in_order(
        batches,
        || (),
        |(), batch| {
            let sketched: Vec<Sketched> = batch.iter().map(sketch).collect();
            (sketched.iter().map(Sketched::bytes).sum(), sketched)
        },
        |b, sketched| {
            for (k, sketched) in sketched.into_iter().enumerate() {
                let number = b * BATCH_FILES + k;
                let f = &files[number];
                let sketched = match sketched {
                    Sketched::Large(format) => match corpus::read_bytes(&f.path) {
                        Ok(bytes) => sketch_file(dir, f, format, bytes),
                        Err(_) => Sketched::Unreadable,
                    },
                    other => other,
                };
                let (key, pages, read) = match sketched {
                    Sketched::Passed => continue,
                    Sketched::Unreadable | Sketched::Large(_) => return Ok(false),
                    Sketched::Read { key, pages, read } => (key, pages, read),
                };
                // A duplicate of a file counted already (rare: its bytes read again).
                if indexed.may_hold(key)
                    && corpus::read_bytes(&f.path)
                        .is_ok_and(|bytes| indexed.same_as(key, &bytes, files).is_some())
                {
                    continue;
                }
                pages.into_iter().for_each(|page| site.add_sketch(page));
                match read {
                    Some(true) => indexed.insert(key, number),
                    Some(false) => {}
                    None => return Ok(false),
                }
            }
            Ok(true)
        },
    );
    site
}

/// A file as a worker of the site's pass left it ([`site`]).
enum Sketched {
    /// Not a file of a known format.
    Passed,
    /// Could not be read.
    Unreadable,
    /// Larger than [`SKETCH_BYTES`], of this format: left to the counting thread.
    Large(Format),
    /// Read: the key of its bytes, the sketches of its HTML pages, and whether it was
    /// read whole (`Some(false)`: skipped, as empty or a draft; `None`: malformed).
    Read {
        key: FileKey,
        pages: Vec<PageSketch>,
        read: Option<bool>,
    },
}

impl Sketched {
    /// The bytes of the file, if it was read.
    fn bytes(&self) -> usize {
        match self {
            Sketched::Read { key: (len, _), .. } => *len,
            _ => 0,
        }
    }
}

/// The file `f` of `format`, whose bytes are `bytes`, read and its HTML pages sketched.
fn sketch_file(dir: &Path, f: &Found, format: Format, bytes: Vec<u8>) -> Sketched {
    let key = Indexed::key(&bytes);
    let mut pages = Vec::new();
    let add = &mut |page: Page| {
        pages.extend(PageSketch::of(&page));
        Ok(())
    };
    let read = corpus::read_each(&f.path, &corpus::relative(dir, &f.path), format, &bytes, add);
    crate::heap::release(bytes);
    let read = match read {
        Ok(Ok(())) => Some(true),
        Ok(Err(_)) => Some(false),
        Err(_) => None,
    };
    Sketched::Read { key, pages, read }
}

/// The shards of a build read back from their files ([`build_and_read_back`]): each is
/// checked without its core as soon as a thread is free for it ([`check_shard`]), then
/// against the core once it is written ([`CoreReader::agrees`]).
struct ReadBack<'a> {
    /// Where the sink writes the shards; `None`: nothing is read back.
    dir: Option<&'a Path>,
    state: std::sync::Mutex<ReadBackState>,
    /// Signalled when a shard is written and when the last one was.
    changed: std::sync::Condvar,
}

#[derive(Default)]
struct ReadBackState {
    /// The shards' file names, in the order written.
    names: Vec<String>,
    /// Per shard written, its check without the core, once made.
    checked: Vec<Option<std::result::Result<CheckedShard, String>>>,
    /// The next shard to check.
    next: usize,
    /// Every shard is written.
    closed: bool,
}

impl<'a> ReadBack<'a> {
    fn new(dir: Option<&'a Path>) -> Self {
        ReadBack {
            dir,
            state: std::sync::Mutex::default(),
            changed: std::sync::Condvar::new(),
        }
    }

    /// The state; a thread that panicked never holds it, but a poisoned lock is taken as is.
    fn lock(&self) -> std::sync::MutexGuard<'_, ReadBackState> {
        self.state
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }

    /// Notes that the shard `name` is written.
    fn push(&self, name: &str) {
        if self.dir.is_none() {
            return;
        }
        let mut state = self.lock();
        state.names.push(name.to_owned());
        state.checked.push(None);
        drop(state);
        self.changed.notify_all();
    }

    /// Notes that every shard is written.
    fn close(&self) {
        self.lock().closed = true;
        self.changed.notify_all();
    }

    /// Checks the shards written and not yet taken by a thread, waiting for more until
    /// every shard is written.
    fn check_written(&self) {
        use std::io::Read;
        let Some(dir) = self.dir else { return };
        // One buffer for every shard this thread reads, not a shard's size of new memory
        // each, touched a page at a time (da-full: 44.6-45.5k -> 42.3-43.6k page faults).
        let mut bytes = Vec::new();
        let mut state = self.lock();
        loop {
            if state.next < state.names.len() {
                let i = state.next;
                state.next += 1;
                let path = dir.join(&state.names[i]);
                drop(state);
                bytes.clear();
                let read = std::fs::File::open(&path).and_then(|mut f| f.read_to_end(&mut bytes));
                let checked = (read.map_err(|e| e.to_string()))
                    .and_then(|_| check_shard(&bytes).map_err(|e| e.to_string()));
                state = self.lock();
                state.checked[i] = Some(checked);
            } else if state.closed {
                crate::heap::release(bytes);
                return;
            } else {
                state = self
                    .changed
                    .wait(state)
                    .unwrap_or_else(std::sync::PoisonError::into_inner);
            }
        }
    }

    /// The verdict once every shard is checked, given the core read back with every
    /// check: the first error of the core, then of the shards as it lists them, each
    /// worded as [`CoreReader::open_shard`] of its file words it.
    fn verdict(&self, core: Result<CoreReader<'_>>) -> std::result::Result<(), String> {
        let core = core.map_err(|e| format!("the core just written does not read back: {e}"))?;
        let Some(dir) = self.dir else { return Ok(()) };
        let state = self.lock();
        for (i, entry) in core.shards().iter().enumerate() {
            let name = entry.file_name();
            let checked = state
                .names
                .get(i)
                .filter(|n| **n == name)
                .and(state.checked.get(i));
            if let Some(Some(Ok(checked))) = checked {
                if core.agrees(checked) {
                    continue;
                }
            }
            // Checked without its core it failed, or its core disagrees: opened with its
            // core, it says why.
            let path = dir.join(&name);
            let shard = std::fs::read(&path).map_err(|e| format!("cannot read {}: {e}", path.display()))?;
            core.open_shard(&shard)
                .map_err(|e| format!("shard {} just written does not read back: {e}", path.display()))?;
        }
        Ok(())
    }
}
