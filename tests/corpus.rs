//! Reading a corpus folder: sorted, UTF-8, and clear errors for bad input.

use findling::corpus;
use findling::Error;
use std::path::PathBuf;

fn folder(name: &str, files: &[(&str, &[u8])]) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("findling-corpus-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    for (file, bytes) in files {
        std::fs::write(dir.join(file), bytes).unwrap();
    }
    dir
}

#[test]
fn txt_files_are_read_in_sorted_order_and_others_ignored() {
    let dir = folder(
        "sorted",
        &[
            ("b.txt", b"B"),
            ("a.txt", b"A"),
            ("notes.md", b"x"),
            ("c.TXT", b"C"),
        ],
    );
    let c = corpus::load(&dir).unwrap();
    let ids: Vec<&str> = c.sources.iter().map(|s| s.id.as_str()).collect();
    assert_eq!(ids, ["a", "b"]);
}

#[test]
fn empty_files_are_skipped_and_reported() {
    let dir = folder("empty-file", &[("a.txt", b"text"), ("b.txt", b" \n\t\n")]);
    let c = corpus::load(&dir).unwrap();
    assert_eq!(c.sources.len(), 1);
    assert_eq!(c.empty, [dir.join("b.txt")]);
}

#[test]
fn a_folder_without_text_is_an_error() {
    let dir = folder("no-text", &[("a.txt", b"  "), ("readme.md", b"hi")]);
    assert_eq!(
        corpus::load(&dir).unwrap_err(),
        Error::CorpusEmpty { path: dir.clone() }
    );
}

#[test]
fn invalid_utf8_names_the_file_and_offset() {
    let dir = folder("utf8", &[("a.txt", b"ok"), ("bad.txt", b"gr\xfc\xdf")]);
    let err = corpus::load(&dir).unwrap_err();
    assert_eq!(
        err,
        Error::NotUtf8 {
            path: dir.join("bad.txt"),
            offset: 2
        }
    );
    assert!(err.to_string().contains("bad.txt"), "{err}");
}

#[test]
fn a_missing_folder_is_an_error_that_says_what_to_do() {
    let dir = std::env::temp_dir().join("findling-corpus-does-not-exist");
    let err = corpus::load(&dir).unwrap_err();
    assert!(matches!(err, Error::CorpusUnreadable { .. }));
    assert!(err.to_string().contains("FINDLING_CORPUS"), "{err}");
}
