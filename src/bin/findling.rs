//! `findling`: the command line over the embedded index.
//!
//! ```text
//! findling search [--json] [--limit N] [--any] [--batch] QUERY...
//! findling docs [--json]
//! findling stats [--json]
//! ```

use findling::search::{Matching, Options as QueryOptions};
use findling::wire::{WireDocument, WireResults, WireStats};
use findling::{Index, EMBEDDED_INDEX};
use std::io::{self, Write};
use std::process::ExitCode;

/// Hits printed when `--limit` is not given.
const DEFAULT_LIMIT: usize = 10;

const USAGE: &str = r#"usage:
  findling search [--json] [--limit N] [--any] QUERY...
                     ranked hits for QUERY: words, "phrases", -word, OR, lang:de,
                     source:name, year:2021 or year:2020..2021; --any: any word may match
  findling search --batch [--limit N] [--any]
                     one query per stdin line; prints a JSON array of hit ids per line
  findling docs [--json]                          every indexed document
  findling stats [--json]                         index statistics"#;

/// Parsed command-line options shared by the subcommands.
struct Options {
    json: bool,
    limit: usize,
    any: bool,
    batch: bool,
    words: Vec<String>,
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match run(&args) {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("findling: {message}");
            ExitCode::from(2)
        }
    }
}

fn run(args: &[String]) -> Result<(), String> {
    let Some((command, rest)) = args.split_first() else {
        return Err(format!("missing command\n{USAGE}"));
    };
    let options = parse(rest)?;
    let index = Index::embedded().map_err(|e| e.to_string())?;
    let mut out = io::stdout().lock();
    let result = match command.as_str() {
        "search" => search(&index, &options, &mut out),
        "docs" => docs(&index, &options, &mut out),
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
        words: Vec::new(),
    };
    let mut args = args.iter();
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--json" => options.json = true,
            "--any" => options.any = true,
            "--batch" => options.batch = true,
            "--limit" => {
                let n = args.next().ok_or("--limit needs a number")?;
                options.limit = n
                    .parse()
                    .map_err(|_| format!("--limit needs a number, not {n:?}"))?;
            }
            "--" => options.words.extend(args.by_ref().cloned()),
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
    };
    if options.batch {
        for line in io::stdin().lines() {
            let ids: Vec<String> = index
                .query(&line?, query_options)
                .hits
                .into_iter()
                .map(|h| h.id)
                .collect();
            writeln!(out, "{}", to_json(&ids))?;
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
    if let Some(suggestion) = &results.suggestion {
        if options.json {
            writeln!(
                out,
                "{}",
                to_json(&serde_json::json!({ "suggestion": suggestion }))
            )?;
        } else {
            writeln!(out, "no results; did you mean: {suggestion}")?;
        }
    }
    Ok(())
}

fn docs(index: &Index<'_>, options: &Options, out: &mut impl Write) -> io::Result<()> {
    for entry in index.reader().documents() {
        let d = WireDocument::from(&entry.document);
        if options.json {
            writeln!(out, "{}", to_json(&d))?;
        } else {
            writeln!(out, "{}\t{}", d.id, d.title)?;
        }
    }
    Ok(())
}

fn stats(index: &Index<'_>, options: &Options, out: &mut impl Write) -> io::Result<()> {
    let s = WireStats::of(index.reader(), EMBEDDED_INDEX.len());
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
