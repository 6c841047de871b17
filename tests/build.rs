//! build.rs on bad corpora: a clear error naming the file, never a panic; an empty file is
//! skipped with a warning. Runs `cargo check` on this crate with `FINDLING_CORPUS` set, in
//! its own target folder.

use std::path::Path;
use std::process::Command;

mod scratch;
use scratch::Scratch;

fn corpus(name: &str, files: Files) -> Scratch {
    Scratch::new(&format!("build-{name}"), files)
}

/// Runs the build script on `dir`; returns (success, everything cargo printed).
fn build(dir: &Path) -> (bool, String) {
    let manifest = env!("CARGO_MANIFEST_DIR");
    let out = Command::new(env!("CARGO"))
        .args(["check", "--lib", "--manifest-path"])
        .arg(Path::new(manifest).join("Cargo.toml"))
        .env(
            "CARGO_TARGET_DIR",
            Path::new(manifest).join("target/build-script-tests"),
        )
        .env("FINDLING_CORPUS", dir)
        .output()
        .expect("cargo runs");
    let text = String::from_utf8_lossy(&out.stderr).into_owned() + &String::from_utf8_lossy(&out.stdout);
    (out.status.success(), text)
}

/// A corpus folder's files: name and bytes.
type Files<'a> = &'a [(&'a str, &'a [u8])];

#[test]
fn bad_corpora_fail_the_build_with_a_clear_message() {
    let cases: [(&str, Files, &str); 3] = [
        (
            "not-utf8",
            &[("good.txt", b"Zoom"), ("bad.txt", b"gr\xfc\xdf")],
            "bad.txt is not UTF-8",
        ),
        ("empty", &[("a.txt", b"  \n")], "has no document"),
        ("only-other-files", &[("a.png", b"Zoom")], "has no document"),
    ];
    for (name, files, message) in cases {
        let dir = corpus(name, files);
        let (ok, text) = build(&dir);
        assert!(!ok, "{name}: the build should fail\n{text}");
        assert!(
            text.contains("error: findling: ") && text.contains(message),
            "{name}: {text}"
        );
        assert!(!text.contains("panicked"), "{name}: {text}");
    }
    let (ok, text) = build(Path::new("/nonexistent/findling-corpus"));
    assert!(!ok && text.contains("cannot read corpus folder"), "{text}");
}

#[test]
fn an_empty_file_is_skipped_with_a_warning() {
    let dir = corpus("warning", &[("a.txt", b"Zoom droht Sperre"), ("b.txt", b"")]);
    let (ok, text) = build(&dir);
    assert!(ok, "{text}");
    assert!(text.contains("b.txt: empty"), "{text}");
    assert!(text.contains("indexed 1 documents"), "{text}");
    assert!(text.contains("words kept: 3 of 3 (100.00 %)"), "{text}");
    assert!(text.contains("files skipped: 1 empty"), "{text}");
}
