//! One huge file builds in bounded memory (issue 13, hole 8): the pipeline's peak heap
//! on a generated single text, Markdown or HTML file of a few megabytes stays within
//! three times its bytes, and every word of it is indexed, in parts that say so.
//!
//! Heap bytes are counted by this binary's global allocator (deterministic, unlike the
//! resident set); the tests take turns ([`TURN`]), so nothing else allocates meanwhile.

use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::atomic::{AtomicUsize, Ordering::Relaxed};

/// The system allocator, counting the bytes in use and their peak.
struct Counting;

static IN_USE: AtomicUsize = AtomicUsize::new(0);
static PEAK: AtomicUsize = AtomicUsize::new(0);

fn grew(n: usize) {
    let now = IN_USE.fetch_add(n, Relaxed) + n;
    PEAK.fetch_max(now, Relaxed);
}

// SAFETY: every call is passed on to `System` unchanged; only counters are added.
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        let p = unsafe { System.alloc(layout) };
        if !p.is_null() {
            grew(layout.size());
        }
        p
    }

    unsafe fn dealloc(&self, p: *mut u8, layout: Layout) {
        unsafe { System.dealloc(p, layout) };
        IN_USE.fetch_sub(layout.size(), Relaxed);
    }

    unsafe fn realloc(&self, p: *mut u8, layout: Layout, size: usize) -> *mut u8 {
        let q = unsafe { System.realloc(p, layout, size) };
        if !q.is_null() {
            IN_USE.fetch_sub(layout.size(), Relaxed);
            grew(size);
        }
        q
    }
}

#[global_allocator]
static HEAP: Counting = Counting;

/// Held by the test that is building: one at a time, so that the peak is its own.
static TURN: std::sync::Mutex<()> = std::sync::Mutex::new(());

/// About `bytes` of German-looking prose, every paragraph different: words built from
/// syllables by a fixed pseudo-random sequence (the same file in every run), sentences of
/// 6-20 words, paragraphs of 2-6 sentences separated by blank lines.
fn prose(bytes: usize) -> String {
    const SYLLABLES: [&str; 24] = [
        "ber", "ge", "ver", "schaft", "lich", "ung", "keit", "an", "ein", "ter", "mei", "sam", "hal", "tun",
        "ste", "wir", "kun", "dor", "fel", "ma", "ri", "no", "sta", "ten",
    ];
    let mut state: u64 = 0x2545_f491_4f6c_dd1d;
    let mut next = |n: u64| {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        (state % n) as usize
    };
    let mut text = String::from("Ein sehr langes Protokoll\n\n");
    while text.len() < bytes {
        for s in 0..2 + next(5) {
            for w in 0..6 + next(15) {
                let mut word: String = (0..1 + next(3)).map(|_| SYLLABLES[next(24)]).collect();
                if w == 0 {
                    word[..1].make_ascii_uppercase();
                }
                text.push_str(&word);
                text.push(' ');
            }
            text.pop();
            text.push_str(if s % 3 == 2 { "?\n" } else { ". " });
        }
        text.push_str("\n\n");
    }
    text
}

/// Shards of 1 MB: a build holds the shard being written (and, while the index may
/// still turn out whole, the shards before it: up to 1.25 times this), a bound that
/// does not grow with the file; at the default 8 MB it alone would be 3x a file of a few
/// megabytes, which is what this test can afford to build.
const SHARD_BYTES: usize = 1 << 20;

/// Builds a folder holding the one file `name` whose contents and words `make` gives,
/// and checks the promises: a peak heap of at most 3x the file's bytes, every word kept
/// and none dropped, the file indexed in parts and named in the report, shards written.
fn builds_within_three_times_its_bytes(name: &str, make: impl FnOnce() -> (String, u64)) {
    let _turn = TURN.lock().unwrap_or_else(|e| e.into_inner());
    let (contents, words) = make();
    let dir = std::env::temp_dir().join(format!("findling-huge-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    let bytes = contents.len();
    std::fs::write(dir.join(name), &contents).unwrap();
    drop(contents);

    let before = IN_USE.load(Relaxed);
    PEAK.store(before, Relaxed);
    let mut shards = 0;
    let mut sink = |_: &str, shard: &[u8]| {
        shards += shard.len();
        Ok(())
    };
    let built = findling::pipeline::build(&dir, SHARD_BYTES, &mut sink).expect("builds");
    let peak = PEAK.load(Relaxed) - before;
    let _ = std::fs::remove_dir_all(&dir);
    eprintln!(
        "{name}: peak heap {peak} bytes for one file of {bytes} bytes ({:.2}x)",
        peak as f64 / bytes as f64
    );
    assert!(
        peak <= 3 * bytes,
        "{name}: peak heap {peak} bytes building one file of {bytes} bytes: {:.2}x, more than 3x",
        peak as f64 / bytes as f64
    );

    let report = &built.report;
    let (kept, dropped) = (report.count("words.kept"), report.words_dropped());
    assert_eq!(
        (kept, dropped),
        (words, 0),
        "{name}: every word of the file is indexed"
    );
    let documents =
        report.count("documents.text") + report.count("documents.markdown") + report.count("documents.html");
    assert!(
        documents > 1,
        "{name} is indexed in parts, not as {documents} document"
    );
    let kib = findling::corpus::part::PART_BYTES / 1024;
    let note = format!("{name}: more than {kib} KiB of text, indexed as {documents} parts");
    assert!(
        report.warning_lines().iter().any(|l| l.contains(&note)),
        "the build names the file it split: {:?}",
        report.warning_lines()
    );
    assert!(shards > 0, "a file this large gives shards");
}

#[test]
fn one_huge_text_file_builds_within_three_times_its_bytes_and_loses_no_word() {
    builds_within_three_times_its_bytes("protokoll.txt", || {
        let text = prose(6 << 20);
        let words = text.split_whitespace().count() as u64;
        (text, words)
    });
}

/// The paragraphs of [`prose`] as Markdown: a heading before every twentieth, one
/// paragraph in ten a list item, one in fifty a link to a reference defined at the end,
/// and a fenced code block longer than a chunk of the reader. Its words: those of the
/// text the whole-page reader finds.
fn markdown(bytes: usize) -> (String, u64) {
    let mut page = String::from("---\ntitle: Protokolle\n---\n\n");
    for (n, paragraph) in prose(bytes).split("\n\n").enumerate() {
        if n % 20 == 0 {
            page.push_str(&format!("## Abschnitt {n}\n\n"));
        }
        match n % 50 {
            7 => page.push_str(&format!("[Verweis {n}][quelle] {paragraph}\n\n")),
            3 | 13 | 23 | 33 | 43 => page.push_str(&format!("- {paragraph}\n\n")),
            25 if n < 200 => page.push_str(&format!(
                "```text\n{}```\n\n",
                format!("{paragraph}\n").repeat(700)
            )),
            _ => page.push_str(&format!("{paragraph}\n\n")),
        }
    }
    page.push_str("[quelle]: https://example.org/quelle\n");
    let (_, blocks) = findling::corpus::markdown::read(&page, "p.md").unwrap().unwrap();
    let words = words_of(&blocks);
    (page, words)
}

/// The words of a reader's blocks: what the whole-page reader keeps of a page.
fn words_of(blocks: &[findling::corpus::RawBlock]) -> u64 {
    blocks
        .iter()
        .map(|b| b.text.split_whitespace().count() as u64)
        .sum()
}

#[test]
fn one_huge_markdown_file_builds_within_three_times_its_bytes_and_loses_no_word() {
    builds_within_three_times_its_bytes("protokolle.md", || markdown(5 << 20));
}

/// The paragraphs of [`prose`] as an HTML page: each a `<p>` in `<main>`, its first
/// sentence on a line broken by `<br>`, a heading before every twentieth, one in ten a list item, a
/// link in one of fifty, beside a navigation bar and a footer. Its words: those of the
/// blocks the whole-page reader finds.
fn html(bytes: usize) -> (String, u64) {
    let mut page = String::from(
        "<!doctype html><html lang=de><head><title>Protokolle</title></head><body>\
         <nav><a href=/>Start</a></nav><main><h1>Protokolle</h1>\n",
    );
    for (n, paragraph) in prose(bytes).split("\n\n").enumerate() {
        if n % 20 == 0 {
            page.push_str(&format!("<h2>Abschnitt {n}</h2>\n"));
        }
        let lines = paragraph.replacen(". ", ".<br>\n", 1);
        match n % 50 {
            7 => page.push_str(&format!("<p><a href=\"#q{n}\">Verweis</a> {lines}</p>\n")),
            3 | 13 | 23 | 33 | 43 => page.push_str(&format!("<ul><li>{lines}</li></ul>\n")),
            _ => page.push_str(&format!("<p>{lines}</p>\n")),
        }
    }
    page.push_str("</main><footer>Impressum</footer></body></html>\n");
    let (_, blocks) = findling::corpus::html::read(&page, "p.html");
    let words = words_of(&blocks);
    (page, words)
}

#[test]
fn one_huge_html_page_builds_within_three_times_its_bytes_and_loses_no_word() {
    builds_within_three_times_its_bytes("protokolle.html", || html(7 << 20));
}
