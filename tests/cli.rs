//! The `findling` command line on the embedded seed index.

use std::process::{Command, Output};

fn findling(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_findling"))
        .args(args)
        .output()
        .expect("findling runs")
}

fn stdout(out: &Output) -> String {
    String::from_utf8(out.stdout.clone()).expect("stdout is UTF-8")
}

fn json_lines(out: &Output) -> Vec<serde_json::Value> {
    stdout(out)
        .lines()
        .map(|l| serde_json::from_str(l).expect("each line is JSON"))
        .collect()
}

#[test]
fn search_json_puts_the_hong_kong_article_first_with_highlights() {
    let out = findling(&["search", "--json", "Sicherheitsgesetz"]);
    assert!(out.status.success());
    let hits = json_lines(&out);
    let first = &hits[0];
    assert!(first["id"].as_str().unwrap().starts_with("000_"));
    assert!(first["title"].as_str().unwrap().contains("Hongkong"));
    assert!(first["score"].as_f64().unwrap() > 0.0);
    let snippet: Vec<u16> = first["snippet"].as_str().unwrap().encode_utf16().collect();
    let ranges = first["highlights"]["snippet"].as_array().unwrap();
    assert!(!ranges.is_empty());
    for r in ranges {
        let (s, e) = (r[0].as_u64().unwrap() as usize, r[1].as_u64().unwrap() as usize);
        assert_eq!(String::from_utf16(&snippet[s..e]).unwrap(), "Sicherheitsgesetz");
    }
}

#[test]
fn limit_caps_the_hits() {
    let out = findling(&["search", "--json", "--limit", "2", "zoom"]);
    assert_eq!(json_lines(&out).len(), 2);
}

#[test]
fn an_empty_query_prints_nothing_and_succeeds() {
    for args in [&["search"][..], &["search", ""], &["search", "--json", "  "]] {
        let out = findling(args);
        assert!(out.status.success(), "{args:?}");
        assert_eq!(stdout(&out), "", "{args:?}");
    }
}

#[test]
fn docs_lists_every_document_with_its_text() {
    let docs = json_lines(&findling(&["docs", "--json"]));
    assert_eq!(docs.len(), 5);
    for d in &docs {
        for field in ["id", "title", "text"] {
            assert!(!d[field].as_str().unwrap().is_empty(), "{field} of {d}");
        }
    }
}

#[test]
fn stats_counts_documents_terms_and_bytes() {
    let stats = json_lines(&findling(&["stats", "--json"]));
    let s = &stats[0];
    assert_eq!(s["documents"], 5);
    assert!(s["terms"].as_u64().unwrap() > 100);
    assert_eq!(
        s["indexBytes"].as_u64().unwrap() as usize,
        findling::EMBEDDED_INDEX.len()
    );
    assert_eq!(s["formatVersion"], findling::format::FORMAT_VERSION);
}

#[test]
fn bad_usage_is_a_clear_error_with_exit_code_2() {
    for args in [
        &[][..],
        &["frobnicate"],
        &["search", "--limit"],
        &["search", "--limit", "many", "x"],
        &["search", "--lmit", "3", "zoom"],
    ] {
        let out = findling(args);
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(err.starts_with("findling: "), "{args:?}: {err}");
    }
}

#[test]
fn help_anywhere_prints_the_usage_instead_of_searching_for_it() {
    for args in [&["--help"][..], &["search", "--help"], &["clean", "-h", "seeds"]] {
        let out = findling(args);
        assert!(out.status.success(), "{args:?}");
        assert!(stdout(&out).starts_with("usage:"), "{args:?}: {}", stdout(&out));
    }
    // After `--`, everything is the query.
    let out = findling(&["search", "--json", "--", "--help"]);
    assert!(out.status.success());
    assert!(!stdout(&out).contains("usage:"));
}

/// Runs findling with `args` and `stdin` as its input.
fn findling_with(args: &[&std::ffi::OsStr], stdin: &[u8]) -> Output {
    use std::io::Write;
    use std::process::Stdio;
    let mut child = Command::new(env!("CARGO_BIN_EXE_findling"))
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("findling runs");
    let mut input = child.stdin.take().unwrap();
    input.write_all(stdin).unwrap();
    drop(input);
    child.wait_with_output().unwrap()
}

#[test]
fn a_non_utf8_argument_is_a_clear_error_not_a_panic() {
    use std::ffi::OsStr;
    use std::os::unix::ffi::OsStrExt;
    let bad = OsStr::from_bytes(b"caf\xe9");
    for args in [
        &[OsStr::new("search"), OsStr::new("--json"), bad][..],
        &[OsStr::new("clean"), OsStr::new("--explain"), bad],
    ] {
        let out = findling_with(args, b"");
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(
            err.starts_with("findling: argument ") && err.contains("not UTF-8") && err.contains("caf"),
            "{args:?}: {err}"
        );
    }
}

#[test]
fn batch_names_a_non_utf8_line_and_answers_the_lines_after_it() {
    let out = findling_with(
        &["search".as_ref(), "--batch".as_ref()],
        b"zoom\n\xff\xfe zoom\r\nSicherheitsgesetz\r\n",
    );
    assert!(out.status.success());
    let lines: Vec<String> = stdout(&out).lines().map(String::from).collect();
    assert_eq!(lines.len(), 3, "one output line per input line: {lines:?}");
    assert_ne!(lines[0], "[]");
    assert_eq!(lines[1], "[]");
    assert!(lines[2].contains("\"000_"), "{}", lines[2]);
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(err.trim(), "findling: line 2: not UTF-8, skipped");
}

#[test]
fn a_pasted_page_is_cut_and_says_so() {
    let long = "Sicherheitsgesetz Hongkong ".repeat(40_000); // about 1 MB
    let out = findling(&["search", "--json", "--any", &long[..100_000]]);
    assert!(out.status.success());
    let lines = json_lines(&out);
    assert_eq!(lines.last().unwrap(), &serde_json::json!({ "truncated": true }));
    assert!(lines[0]["id"].as_str().unwrap().starts_with("000_"));
    // The same in a batch of one line per query: a note on stderr, the answer aligned.
    let input = format!("{long}\nzoom\n");
    let out = findling_with(&["search".as_ref(), "--batch".as_ref()], input.as_bytes());
    assert_eq!(stdout(&out).lines().count(), 2);
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.starts_with("findling: line 1: query cut"), "{err}");
    let plain = findling(&["search", "--json", "zoom"]);
    assert!(!stdout(&plain).contains("truncated"));
}

#[test]
fn batch_json_gives_each_line_the_whole_answer_that_search_json_gives() {
    let out = findling_with(
        &[
            "search".as_ref(),
            "--batch".as_ref(),
            "--json".as_ref(),
            "--facets".as_ref(),
        ],
        b"zoom\nSicherheitsgesetz\n",
    );
    assert!(out.status.success());
    let answers = json_lines(&out);
    assert_eq!(answers.len(), 2);
    for (answer, query) in answers.iter().zip(["zoom", "Sicherheitsgesetz"]) {
        let hits = json_lines(&findling(&["search", "--json", query]));
        assert_eq!(answer["hits"].as_array().unwrap(), &hits, "{query}");
        assert!(answer["total"].as_u64().unwrap() >= hits.len() as u64);
        assert!(answer["facets"]["lang"]["values"].is_array(), "{query}");
    }
}

#[test]
fn read_marks_the_query_in_the_whole_document_and_names_a_missing_one() {
    let id = json_lines(&findling(&["search", "--json", "Sicherheitsgesetz"]))[0]["id"]
        .as_str()
        .unwrap()
        .to_owned();
    let out = findling(&["read", "--json", &id, "Sicherheitsgesetz"]);
    assert!(out.status.success());
    let doc = &json_lines(&out)[0];
    let text: Vec<u16> = doc["text"].as_str().unwrap().encode_utf16().collect();
    let ranges = doc["highlights"]["text"].as_array().unwrap();
    // More places than the excerpt's window, each the word in UTF-16 units.
    assert!(ranges.len() > 1, "{ranges:?}");
    for r in ranges {
        let (s, e) = (r[0].as_u64().unwrap() as usize, r[1].as_u64().unwrap() as usize);
        assert!(String::from_utf16(&text[s..e])
            .unwrap()
            .starts_with("Sicherheitsgesetz"));
    }
    let plain = stdout(&findling(&["read", &id, "Sicherheitsgesetz"]));
    assert!(plain.contains("*Sicherheitsgesetz"), "{plain}");
    for args in [&["read"][..], &["read", "no-such-id", "zoom"]] {
        let out = findling(args);
        assert_eq!(out.status.code(), Some(2));
        assert!(!String::from_utf8_lossy(&out.stderr).is_empty());
    }
}

#[test]
fn a_relaxed_search_says_how_many_documents_have_every_word_in_good_grammar() {
    // One seed article has both words; the others have one of them.
    let out = stdout(&findling(&["search", "Sicherheitsgesetz", "Zoom"]));
    assert!(
        out.ends_with("\n1 document has every word; results with some of them too\n"),
        "{out}"
    );
}
