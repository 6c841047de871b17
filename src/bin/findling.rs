//! `findling`: the command line over the embedded index.
//!
//! ```text
//! findling search [--json] [--limit N] [--any] [--facets] [--batch] QUERY...
//! findling docs [--json]
//! findling stats [--json]
//! ```

use findling::search::{Matching, Options as QueryOptions};
use findling::wire::{WireDocument, WireResults, WireStats};
use findling::{Index, EMBEDDED_INDEX};
use std::io::{self, BufRead, Write};
use std::process::ExitCode;

/// Hits printed when `--limit` is not given.
const DEFAULT_LIMIT: usize = 10;

const USAGE: &str = r#"usage:
  findling search [--json] [--limit N] [--any] [--facets] QUERY...
                     ranked hits for QUERY: words, "phrases", -word, OR, lang:de,
                     source:name, year:2021 or year:2020..2021, tag:name; --any: any
                     word may match; --facets: then the counts of languages, sources,
                     years and tags over every match (with --json: one line {"facets":…});
                     a query cut at its limits (1,000 characters, 32 words) says so on
                     stderr (with --json: one line {"truncated":true})
  findling search --batch [--json] [--facets] [--limit N] [--any] [--timings]
                     one query per stdin line; prints a JSON array of hit ids per line
                     (--json: the whole answer, excerpts, scores and totals included,
                     and with --facets its facet counts; a line that is not UTF-8 is
                     named on stderr and answered with []);
                     --timings: per-query time percentiles and the slowest twentieth on stderr
  findling docs [--json]                          every indexed document
  findling read [--json] [--any] ID QUERY...
                     the document ID as a reader opens it from QUERY's results: its
                     whole title and text with every word the query matched there
                     marked *so* (--json: with highlights, ranges in UTF-16 units)
  findling clean [--explain] [--json] [--summary] FILE|FOLDER...
                     read and clean documents of any format (together, so shared blocks
                     count as templates); --explain shows every block's verdict and
                     reason, --summary only the build summary (words kept and dropped)
  findling stats [--json]                         index statistics"#;

/// Parsed command-line options shared by the subcommands.
struct Options {
    json: bool,
    limit: usize,
    any: bool,
    batch: bool,
    explain: bool,
    summary: bool,
    timings: bool,
    facets: bool,
    words: Vec<String>,
}

fn main() -> ExitCode {
    match utf8_args().and_then(|args| run(&args)) {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("findling: {message}");
            ExitCode::from(2)
        }
    }
}

/// The arguments, or an error naming the first that is not UTF-8 (queries and file
/// names are read as text).
fn utf8_args() -> Result<Vec<String>, String> {
    std::env::args_os()
        .skip(1)
        .enumerate()
        .map(|(i, arg)| {
            arg.into_string().map_err(|arg| {
                format!(
                    "argument {} is not UTF-8: {:?}; pass queries and file names as UTF-8",
                    i + 1,
                    arg.to_string_lossy()
                )
            })
        })
        .collect()
}

fn run(args: &[String]) -> Result<(), String> {
    let Some((command, rest)) = args.split_first() else {
        return Err(format!("missing command\n{USAGE}"));
    };
    let options_part = rest.iter().take_while(|a| *a != "--");
    if options_part.into_iter().any(|a| a == "--help" || a == "-h") {
        println!("{USAGE}");
        return Ok(());
    }
    let options = parse(rest)?;
    if command == "clean" {
        return clean(&options);
    }
    let mut index = Index::embedded().map_err(|e| e.to_string())?;
    load_shards(&mut index)?;
    let mut out = io::stdout().lock();
    let result = match command.as_str() {
        "search" => search(&index, &options, &mut out),
        "docs" => docs(&index, &options, &mut out),
        "read" => read(&index, &options, &mut out)?,
        "stats" => stats(&index, &options, &mut out),
        "help" | "--help" | "-h" => writeln!(out, "{USAGE}"),
        other => return Err(format!("unknown command {other:?}\n{USAGE}")),
    };
    match result {
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => Ok(()),
        other => other.map_err(|e| e.to_string()),
    }
}

fn parse(args: &[String]) -> Result<Options, String> {
    let mut options = Options {
        json: false,
        limit: DEFAULT_LIMIT,
        any: false,
        batch: false,
        explain: false,
        summary: false,
        timings: false,
        facets: false,
        words: Vec::new(),
    };
    let mut args = args.iter();
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--json" => options.json = true,
            "--any" => options.any = true,
            "--batch" => options.batch = true,
            "--explain" => options.explain = true,
            "--summary" => options.summary = true,
            "--timings" => options.timings = true,
            "--facets" => options.facets = true,
            "--limit" => {
                let n = args.next().ok_or("--limit needs a number")?;
                options.limit = n
                    .parse()
                    .map_err(|_| format!("--limit needs a number, not {n:?}"))?;
            }
            "--" => options.words.extend(args.by_ref().cloned()),
            // `-word` excludes a word; `--word` is a mistyped option, not a query.
            unknown if unknown.starts_with("--") => {
                return Err(format!(
                    "unknown option {unknown:?} (put -- before a query that starts with --)\n{USAGE}"
                ))
            }
            _ => options.words.push(arg.clone()),
        }
    }
    Ok(options)
}

fn search(index: &Index<'_>, options: &Options, out: &mut impl Write) -> io::Result<()> {
    let matching = if options.any { Matching::Any } else { Matching::All };
    let query_options = QueryOptions {
        limit: options.limit,
        matching,
        facets: options.facets && (options.json || !options.batch),
    };
    if options.batch {
        let mut timings = Vec::new();
        // Bytes, not lines of text: a line that is not UTF-8 is answered with `[]` (so
        // output line n still answers input line n) and named on stderr.
        for (n, line) in io::stdin().lock().split(b'\n').enumerate() {
            let mut line = line?;
            if line.last() == Some(&b'\r') {
                line.pop();
            }
            let Ok(line) = String::from_utf8(line) else {
                eprintln!("findling: line {}: not UTF-8, skipped", n + 1);
                writeln!(out, "[]")?;
                continue;
            };
            let start = std::time::Instant::now();
            let results = index.query(&line, query_options);
            timings.push((start.elapsed().as_secs_f64() * 1000.0, line));
            if results.truncated {
                eprintln!("findling: line {}: {}", n + 1, truncated_note());
            }
            if options.json {
                writeln!(out, "{}", to_json(&WireResults::new(&results, index)))?;
            } else {
                let ids: Vec<&str> = results.hits.iter().map(|h| h.id.as_str()).collect();
                writeln!(out, "{}", to_json(&ids))?;
            }
        }
        if options.timings {
            print_timings(&mut timings);
        }
        return Ok(());
    }
    let query = options.words.join(" ");
    let results = index.query(&query, query_options);
    let wire = WireResults::new(&results, index);
    for (rank, (hit, w)) in results.hits.iter().zip(&wire.hits).enumerate() {
        if options.json {
            writeln!(out, "{}", to_json(w))?;
        } else {
            writeln!(
                out,
                "{}. {} [{}] {:.3}",
                rank + 1,
                marked(&hit.title),
                hit.id,
                hit.score
            )?;
            writeln!(out, "   {}", marked(&hit.snippet))?;
        }
    }
    if let Some(facets) = &wire.facets {
        if options.json {
            writeln!(out, "{}", to_json(&serde_json::json!({ "facets": facets })))?;
        } else {
            for (name, facet) in [
                ("lang", &facets.lang),
                ("source", &facets.source),
                ("year", &facets.year),
                ("tags", &facets.tags),
            ]
            .into_iter()
            .filter(|(_, f)| !f.values.is_empty())
            {
                let values: Vec<String> = facet
                    .values
                    .iter()
                    .map(|v| format!("{} ({})", v.value, v.count))
                    .collect();
                writeln!(out, "{name}: {}", values.join(", "))?;
            }
        }
    }
    if let Some(relaxed) = &wire.relaxed {
        if options.json {
            writeln!(out, "{}", to_json(&serde_json::json!({ "relaxed": relaxed })))?;
        } else if relaxed.missing.is_empty() {
            let have = match relaxed.complete {
                0 => "no document has".to_owned(),
                1 => "1 document has".to_owned(),
                n => format!("{n} documents have"),
            };
            writeln!(out, "{have} every word; results with some of them too")?;
        } else {
            writeln!(
                out,
                "no document has {}; results for the other words",
                relaxed.missing.join(", ")
            )?;
        }
    }
    if results.truncated {
        if options.json {
            writeln!(out, "{}", to_json(&serde_json::json!({ "truncated": true })))?;
        } else {
            eprintln!("findling: {}", truncated_note());
        }
    }
    if let Some(suggestion) = &results.suggestion {
        if options.json {
            writeln!(
                out,
                "{}",
                to_json(&serde_json::json!({ "suggestion": suggestion }))
            )?;
        } else {
            writeln!(out, "did you mean: {suggestion}")?;
        }
    }
    Ok(())
}

/// `findling clean` reads files, and the corpus readers and the cleaner are native only;
/// the wasm tests still build this binary for wasm32, so there it only says so.
#[cfg(target_arch = "wasm32")]
fn clean(_: &Options) -> Result<(), String> {
    Err("clean reads files: use a native build".into())
}

/// `findling clean`: reads the files and folders (any format), cleans them together and
/// prints each document, its blocks' verdicts (`--explain`), or only the build summary
/// (`--summary`).
#[cfg(not(target_arch = "wasm32"))]
fn clean(options: &Options) -> Result<(), String> {
    use findling::corpus::{self, Corpus, Format};
    if options.words.is_empty() {
        return Err(format!("clean needs at least one FILE or FOLDER\n{USAGE}"));
    }
    let mut all = Corpus::default();
    for arg in &options.words {
        let path = std::path::Path::new(arg);
        if path.is_dir() {
            let c = corpus::load(path).map_err(|e| e.to_string())?;
            all.pages.extend(c.pages);
            all.skipped.extend(c.skipped);
            continue;
        }
        let format = Format::of(path).unwrap_or(Format::Text);
        let bytes = std::fs::read(path).map_err(|e| format!("cannot read {arg}: {e}"))?;
        let rel = path
            .file_name()
            .map_or(arg.clone(), |n| n.to_string_lossy().into_owned());
        match corpus::read(path, &rel, format, &bytes).map_err(|e| e.to_string())? {
            Ok(pages) => all.pages.extend(pages),
            Err(reason) => all.skipped.push(corpus::Skipped {
                path: path.to_path_buf(),
                reason,
                same_as: None,
            }),
        }
    }
    let cleaned = findling::clean::clean_pages(&all.pages);
    let mut out = io::stdout().lock();
    if options.summary {
        let report = findling::report::Report::of(&all, &cleaned);
        let mut lines = vec![report.to_string()];
        lines.extend(report.warning_lines());
        return writeln!(out, "{}", lines.join("\n")).map_err(|e| e.to_string());
    }
    for (page, cleaned) in all.pages.iter().zip(cleaned) {
        let blocks = cleaned.blocks.clone();
        let fallback = cleaned.fallback;
        let d = WireDocument::from(&cleaned.into_document(page));
        let result = if options.json {
            writeln!(out, "{}", to_json(&d))
        } else {
            print_cleaned(
                &mut out,
                &page.path.display().to_string(),
                &d,
                fallback,
                options.explain.then_some(&blocks[..]),
            )
        };
        result.map_err(|e| e.to_string())?;
    }
    Ok(())
}

#[cfg(not(target_arch = "wasm32"))]
fn print_cleaned(
    out: &mut impl Write,
    path: &str,
    d: &WireDocument,
    fallback: bool,
    explain: Option<&[findling::clean::Block]>,
) -> io::Result<()> {
    writeln!(out, "== {path}")?;
    let none = || "-".to_string();
    writeln!(out, "title:  {}", d.title)?;
    writeln!(out, "date:   {}", d.date.clone().unwrap_or_else(none))?;
    writeln!(out, "source: {}", d.source.clone().unwrap_or_else(none))?;
    writeln!(out, "lang:   {}", d.lang.clone().unwrap_or_else(none))?;
    if fallback {
        writeln!(
            out,
            "note:   cleaning would keep nothing, so the page is kept whole"
        )?;
    }
    match explain {
        Some(blocks) => {
            for b in blocks {
                let mark = if b.verdict.kept() { "KEEP" } else { "DROP" };
                let text: String = b.text.chars().take(90).collect();
                let more = if b.text.chars().count() > 90 { "…" } else { "" };
                writeln!(out, "{mark} [{}] {text}{more}", b.verdict.reason())?;
            }
        }
        None => writeln!(out, "\n{}\n", d.text)?,
    }
    Ok(())
}

/// Folder where build.rs left the shards of a sharded index.
const SHARDS_DIR: &str = concat!(env!("OUT_DIR"), "/shards");

/// Loads every shard of a sharded index from where the build wrote them (the process
/// keeps them until it exits).
fn load_shards(index: &mut Index<'static>) -> Result<(), String> {
    let names: Vec<String> = index.parts().shards().iter().map(|s| s.file_name()).collect();
    for name in names {
        let path = std::path::Path::new(SHARDS_DIR).join(&name);
        let bytes = std::fs::read(&path)
            .map_err(|e| format!("cannot read shard {}: {e}; rebuild", path.display()))?;
        index
            .add_shard(Box::leak(bytes.into_boxed_slice()))
            .map_err(|e| format!("shard {}: {e}", path.display()))?;
    }
    Ok(())
}

fn docs(index: &Index<'_>, options: &Options, out: &mut impl Write) -> io::Result<()> {
    for (_, entry) in index.parts().entries() {
        let d = WireDocument::from(&entry.document);
        if options.json {
            writeln!(out, "{}", to_json(&d))?;
        } else {
            writeln!(out, "{}\t{}", d.id, d.title)?;
        }
    }
    Ok(())
}

/// `findling read ID QUERY...`: an error (exit 2) when the id is missing or unknown.
fn read(index: &Index<'_>, options: &Options, out: &mut impl Write) -> Result<io::Result<()>, String> {
    let Some((id, query)) = options.words.split_first() else {
        return Err(format!(
            "read needs a document id (and the query to mark)\n{USAGE}"
        ));
    };
    let matching = if options.any { Matching::Any } else { Matching::All };
    let Some(reading) = index.read(id, &query.join(" "), matching) else {
        return Err(format!(
            "no document {id:?} in the index (`findling docs` lists them)"
        ));
    };
    Ok(if options.json {
        writeln!(out, "{}", to_json(&WireDocument::read(&reading)))
    } else {
        writeln!(out, "{}\n\n{}", marked(&reading.title), marked(&reading.text))
    })
}

fn stats(index: &Index<'_>, options: &Options, out: &mut impl Write) -> io::Result<()> {
    let s = WireStats::of(index, EMBEDDED_INDEX.len());
    if options.json {
        writeln!(out, "{}", to_json(&s))
    } else {
        writeln!(
            out,
            "documents {}\nterms {}\nindex bytes {}\nformat version {}",
            s.documents, s.terms, s.index_bytes, s.format_version
        )
    }
}

/// Per-query times of a batch on stderr: percentiles and the slowest twentieth of the queries.
fn print_timings(timings: &mut [(f64, String)]) {
    if timings.is_empty() {
        return;
    }
    timings.sort_by(|a, b| a.0.total_cmp(&b.0));
    let at = |p: f64| timings[((timings.len() as f64 * p) as usize).min(timings.len() - 1)].0;
    eprintln!(
        "{} queries: p50 {:.2} ms, p95 {:.2} ms, p99 {:.2} ms, max {:.2} ms",
        timings.len(),
        at(0.5),
        at(0.95),
        at(0.99),
        timings[timings.len() - 1].0
    );
    // The slowest twentieth (at least five): every query at or above the p95.
    for (ms, query) in timings.iter().rev().take(timings.len().div_ceil(20).max(5)) {
        eprintln!("  {ms:8.2} ms  {query}");
    }
}

/// What is said when a query was cut at its limits.
fn truncated_note() -> String {
    use findling::search::query::{MAX_PHRASE_WORDS, MAX_QUERY_CHARS, MAX_WORDS};
    format!(
        "query cut to its first {MAX_QUERY_CHARS} characters, {MAX_WORDS} words and \
         {MAX_PHRASE_WORDS} words per phrase; the rest is ignored"
    )
}

/// One line of JSON; the wire types always serialize.
fn to_json<T: serde::Serialize>(value: &T) -> String {
    serde_json::to_string(value).unwrap_or_else(|e| format!("{{\"error\":{:?}}}", e.to_string()))
}

/// The text with its highlights wrapped in `*…*` for a terminal.
fn marked(h: &findling::search::snippet::Highlighted) -> String {
    let mut out = String::new();
    let mut at = 0;
    for r in &h.highlights {
        out.push_str(&h.text[at..r.start]);
        out.push('*');
        out.push_str(&h.text[r.clone()]);
        out.push('*');
        at = r.end;
    }
    out.push_str(&h.text[at..]);
    out
}
