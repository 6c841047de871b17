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
    ] {
        let out = findling(args);
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(err.starts_with("findling: "), "{args:?}: {err}");
    }
}
