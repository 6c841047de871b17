//! The streamed build pipeline writes what the whole-corpus path writes: the same index
//! bytes, shards and report as loading the corpus, cleaning all its pages together and
//! writing their documents, on corpora with every format, HTML site templates, duplicate
//! files and pages to skip.

use findling::corpus::Format;
use findling::format::shard::{self, Streamed, Written};
use findling::pipeline;
use findling::report::Report;
use std::path::Path;

mod scratch;
use scratch::Scratch;

/// What the whole-corpus path writes for `dir`: the index and the report.
fn whole_corpus(dir: &Path, max_bytes: usize) -> (Written, Report) {
    let corpus = findling::corpus::load(dir).expect("loads");
    let cleaned = findling::clean::clean_pages(&corpus.pages);
    let report = Report::of(&corpus, &cleaned);
    let documents = corpus
        .pages
        .iter()
        .zip(cleaned)
        .map(|(page, cleaned)| cleaned.into_document(page))
        .collect();
    let written = shard::write(documents, &report.counts, max_bytes).expect("writes");
    (written, report)
}

/// What the pipeline writes for `dir`: the index, the shards given out, the report.
fn streamed(dir: &Path, max_bytes: usize) -> (Streamed, Vec<(String, Vec<u8>)>, Report) {
    let mut shards = Vec::new();
    let mut sink = |name: &str, bytes: &[u8]| {
        shards.push((name.to_owned(), bytes.to_vec()));
        Ok(())
    };
    let built = pipeline::build(dir, max_bytes, &mut sink).expect("builds");
    (built.index, shards, built.report)
}

/// A corpus of every format: the HTML site and Markdown fixtures, JSON lines, pasted text
/// pages (one of them twice, byte for byte), a page's source beside the site (a copy to
/// skip), notes named as a page (the same id but for the extension), an empty file and an
/// image.
fn mixed_corpus(name: &str) -> Scratch {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let dir = Scratch::new(&format!("pipeline-{name}"), &[]);
    for fixture in ["site", "markdown"] {
        copy(&root.join("tests/fixtures").join(fixture), &dir.join(fixture));
    }
    copy(&root.join("seeds"), &dir.join("seeds"));
    let seed = std::fs::read_dir(root.join("seeds"))
        .unwrap()
        .next()
        .unwrap()
        .unwrap()
        .path();
    std::fs::copy(&seed, dir.join("seeds/zz-same-bytes.txt")).unwrap();
    let page = dir.join("site/termine.html");
    let pages = findling::corpus::read(
        &page,
        "site/termine.html",
        Format::Html,
        &std::fs::read(&page).unwrap(),
    );
    let blocks = pages.unwrap().unwrap().remove(0).blocks;
    let source: Vec<&str> = blocks.iter().map(|b| b.text.as_str()).collect();
    std::fs::create_dir_all(dir.join("_sources/site")).unwrap();
    std::fs::write(dir.join("_sources/site/termine.rst.txt"), source.join("\n\n")).unwrap();
    // Notes beside a page, not a copy of it: both are indexed, the notes as "site/kontakt.txt".
    std::fs::write(
        dir.join("site/kontakt.txt"),
        "Notizen\n\nDer Schlüssel liegt beim Hausmeister.",
    )
    .unwrap();
    std::fs::write(dir.join("empty.txt"), " \n").unwrap();
    std::fs::write(dir.join("logo.png"), b"\x89PNG").unwrap();
    std::fs::write(
        dir.join("lines.jsonl"),
        "{\"id\":\"j1\",\"title\":\"Erste Zeile\",\"text\":\"Die Behörden prüfen den Antrag.\",\"lang\":\"de\"}\n{\"id\":\"j2\",\"title\":\"Second\",\"text\":\"The council met on Monday.\"}\n",
    )
    .unwrap();
    dir
}

/// Copies a folder recursively.
fn copy(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let path = entry.unwrap().path();
        let target = to.join(path.file_name().unwrap());
        if path.is_dir() {
            copy(&path, &target);
        } else {
            std::fs::copy(&path, &target).unwrap();
        }
    }
}

#[test]
fn the_pipeline_writes_the_whole_corpus_paths_bytes_and_report() {
    let dir = mixed_corpus("whole");
    let (written, report) = whole_corpus(&dir, shard::DEFAULT_SHARD_BYTES);
    let (index, shards, streamed_report) = streamed(&dir, shard::DEFAULT_SHARD_BYTES);
    assert_eq!(streamed_report, report);
    assert!(
        report.count("skipped.exact duplicate of an indexed file") == 1,
        "{report}"
    );
    assert!(
        report.count("skipped.a copy of a page of the site") == 1,
        "{report}"
    );
    assert!(
        report.count("documents.html") > 0 && report.count("documents.jsonl") == 2,
        "{report}"
    );
    assert!(
        report
            .counts
            .iter()
            .any(|(k, _)| k == "words.dropped.recurs verbatim in another page (site template)"),
        "{report}"
    );
    let Written::Whole(bytes) = written else {
        panic!("sharded")
    };
    let reader = findling::format::IndexReader::from_bytes(&bytes).unwrap();
    let ids: Vec<&str> = reader.entries().iter().map(|e| e.document.id.as_str()).collect();
    assert!(
        ids.contains(&"site/kontakt") && ids.contains(&"site/kontakt.txt"),
        "{ids:?}"
    );
    let renamed = r#"kontakt.txt: indexed as "site/kontakt.txt": an earlier file has the id "site/kontakt""#;
    assert!(report.warnings.iter().any(|w| w.ends_with(renamed)), "{report}");
    assert_eq!(index, Streamed::Whole(bytes));
    assert!(shards.is_empty());
}

#[test]
fn sharded_the_pipeline_gives_out_the_same_shards_and_core() {
    let dir = mixed_corpus("sharded");
    for max_bytes in [4_000, 20_000] {
        let (written, _) = whole_corpus(&dir, max_bytes);
        let (index, shards, _) = streamed(&dir, max_bytes);
        let Written::Sharded(sharded) = written else {
            panic!("whole at {max_bytes}")
        };
        assert!(sharded.shards.len() > 1);
        assert_eq!(shards, sharded.shards, "{max_bytes}");
        assert_eq!(index, Streamed::Core(sharded.core), "{max_bytes}");
    }
}

#[test]
fn a_file_of_many_parts_is_written_as_the_whole_corpus_path_writes_it() {
    // A text file and a JSON lines document larger than a part, beside the mixed corpus:
    // the writing thread reads those a part at a time, the whole-corpus path at once.
    let dir = mixed_corpus("parts");
    let seeds: Vec<String> = std::fs::read_dir(dir.join("seeds"))
        .unwrap()
        .map(|e| std::fs::read_to_string(e.unwrap().path()).unwrap())
        .collect();
    let mut big = String::new();
    for i in 0.. {
        if big.len() > 2 * findling::corpus::part::PART_BYTES + 1000 {
            break;
        }
        big.push_str(&format!("Teil {i}\n\n{}\n\n", seeds[i % seeds.len()]));
    }
    std::fs::write(dir.join("big.txt"), &big).unwrap();
    let line = serde_json::json!({"id": "long", "title": "Lang", "text": big});
    std::fs::write(dir.join("long.jsonl"), format!("{line}\n")).unwrap();
    for max_bytes in [shard::DEFAULT_SHARD_BYTES, 200_000] {
        let (written, report) = whole_corpus(&dir, max_bytes);
        let (index, shards, streamed_report) = streamed(&dir, max_bytes);
        assert_eq!(streamed_report, report);
        let notes: Vec<&String> = report
            .warnings
            .iter()
            .filter(|w| w.contains("parts (titled"))
            .collect();
        assert_eq!(notes.len(), 2, "{notes:?}");
        match written {
            Written::Whole(bytes) => assert_eq!((index, shards.len()), (Streamed::Whole(bytes), 0)),
            Written::Sharded(sharded) => {
                assert_eq!(shards, sharded.shards, "{max_bytes}");
                assert_eq!(index, Streamed::Core(sharded.core), "{max_bytes}");
            }
        }
    }
}

/// A generated site of several batches of the pipeline's passes: every page has the
/// site's header and footer, some share a paragraph with a page of another batch (two
/// pages: their text; four: the site's), one is a byte-for-byte copy of an earlier page
/// (counted once, or a paragraph of three pages would be on four),
/// one is larger than a part, and text notes stand between the pages.
fn many_batches_site() -> Scratch {
    let dir = Scratch::new("pipeline-site-batches", &[]);
    let pages = 3 * pipeline::BATCH_FILES + 5;
    let page = |n: usize, body: &str| {
        format!(
            "<!doctype html><html lang=de><head><title>Seite {n} | Verein</title></head><body>\
             <header><nav><a href=/>Start</a> <a href=/termine>Termine</a></nav></header>\
             <main><h1>Seite {n}</h1>{body}</main><footer><p>Verein Lindenhof, Gartenweg 1, \
             alle Rechte vorbehalten.</p></footer></body></html>"
        )
    };
    let words = [
        "Beet", "Rosen", "Kompost", "Hecke", "Laube", "Regen", "Saat", "Ernte",
    ];
    let sentence = |n: usize, k: usize| -> String {
        (0..12)
            .map(|i| words[(n * 7 + k * 3 + i) % words.len()])
            .collect::<Vec<_>>()
            .join(" ")
    };
    for n in 0..pages {
        let mut body = format!("<p>Eigener Text {n}: {}.</p>", sentence(n, 0));
        // Shared with the page a batch later (2 pages), or by four pages in four batches.
        body.push_str(&format!(
            "<p>Gemeinsam {}: {}.</p>",
            n % pipeline::BATCH_FILES,
            sentence(n % 5, 1)
        ));
        if n % 29 == 0 {
            body.push_str(
                "<p>Dieser Absatz steht auf vier Seiten in vier Stapeln, vom Vorstand geschrieben.</p>",
            );
        }
        // On three pages, the text of each; the copy of the first, counted, would make
        // it the site's.
        if [3, 40, 80].contains(&n) {
            body.push_str("<p>Dieser Absatz steht auf drei Seiten, und eine davon hat eine Kopie.</p>");
        }
        std::fs::write(dir.join(format!("p{n:03}.html")), page(n, &body)).unwrap();
        if n % 17 == 0 {
            std::fs::write(
                dir.join(format!("p{n:03}-notiz.txt")),
                format!("Notiz {n}\n\n{}.", sentence(n, 2)),
            )
            .unwrap();
        }
    }
    std::fs::copy(dir.join("p003.html"), dir.join("p090-kopie.html")).unwrap();
    let mut large = String::new();
    for i in 0.. {
        if large.len() > 2 * findling::corpus::part::PART_BYTES {
            break;
        }
        large.push_str(&format!("<h2>Abschnitt {i}</h2><p>{} {i}.</p>", sentence(i, 3)));
    }
    std::fs::write(dir.join("p050-gross.html"), page(50, &large)).unwrap();
    dir
}

#[test]
fn a_site_of_many_batches_counts_its_templates_as_the_whole_corpus_path_does() {
    let dir = many_batches_site();
    for max_bytes in [shard::DEFAULT_SHARD_BYTES, 20_000] {
        let (written, report) = whole_corpus(&dir, max_bytes);
        let (index, shards, streamed_report) = streamed(&dir, max_bytes);
        assert_eq!(streamed_report, report);
        for counted in [
            "words.dropped.recurs verbatim in another page (site template)",
            "skipped.exact duplicate of an indexed file",
        ] {
            assert!(report.count(counted) > 0, "{counted}: {report}");
        }
        assert!(
            report.warnings.iter().any(|w| w.contains("p050-gross.html")),
            "{report}"
        );
        match written {
            Written::Whole(bytes) => assert_eq!((index, shards.len()), (Streamed::Whole(bytes), 0)),
            Written::Sharded(sharded) => {
                assert_eq!(shards, sharded.shards, "{max_bytes}");
                assert_eq!(index, Streamed::Core(sharded.core), "{max_bytes}");
            }
        }
    }
}

/// A change made to a shard's bytes on their way to its file.
type Damage = fn(&mut Vec<u8>);

/// [`pipeline::build_and_read_back`] with a sink writing each shard into `shards_dir`,
/// after `damage` changed the shard of the given number.
fn read_back(dir: &Path, shards_dir: &Path, damage: Option<(usize, Damage)>) -> Result<Streamed, String> {
    let _ = std::fs::remove_dir_all(shards_dir);
    std::fs::create_dir_all(shards_dir).unwrap();
    let mut written = 0;
    let mut sink = |name: &str, bytes: &[u8]| {
        let mut bytes = bytes.to_vec();
        if let Some((_, change)) = damage.filter(|&(n, _)| n == written) {
            change(&mut bytes);
        }
        written += 1;
        std::fs::write(shards_dir.join(name), bytes).unwrap();
        Ok(())
    };
    pipeline::build_and_read_back(dir, 4_000, &mut sink, shards_dir).map(|built| built.index)
}

#[test]
fn the_read_back_passes_the_shards_written_and_names_a_damaged_one_as_its_core_would() {
    let dir = mixed_corpus("read-back");
    let shards_dir = dir.with_extension("shards");
    let Ok(Streamed::Core(core_bytes)) = read_back(&dir, &shards_dir, None) else {
        panic!("not sharded, or not read back")
    };
    let core = shard::CoreReader::from_bytes(&core_bytes).unwrap();
    assert!(core.shards().len() > 2);
    // A flipped byte (the shard keeps its length but not its hash) and a truncated
    // shard, the first, the second and the last: the error is that of opening the
    // damaged file with its core.
    let flip: Damage = |b| {
        let at = b.len() / 3;
        b[at] ^= 0x55;
    };
    let cut: Damage = |b| b.truncate(b.len() - 7);
    // A letter of a document's text changed to another (the document table ends a
    // shard): read without its core the shard is sound, its core lists no such shard.
    let letter: Damage = |b| {
        let at = (b.len() * 9 / 10..).find(|&i| b[i].is_ascii_lowercase()).unwrap();
        b[at] = if b[at] == b'a' { b'b' } else { b'a' };
    };
    let last = core.shards().len() - 1;
    for (number, change) in [(0, flip), (1, cut), (last, flip), (last, letter)] {
        let error = read_back(&dir, &shards_dir, Some((number, change))).unwrap_err();
        let path = shards_dir.join(core.shards()[number].file_name());
        let damaged = std::fs::read(&path).unwrap();
        let Err(e) = core.open_shard(&damaged) else {
            panic!("damaged shard {number} opens")
        };
        let expected = format!("shard {} just written does not read back: {e}", path.display());
        assert_eq!(error, expected, "shard {number}");
    }
    let _ = std::fs::remove_dir_all(&shards_dir);
    let _ = std::fs::remove_dir_all(&dir);
}
