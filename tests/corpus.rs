//! Reading a corpus folder: sorted, UTF-8, and clear errors for bad input.

use findling::corpus::{self, SkipReason, Skipped};
use findling::Error;

mod scratch;
use scratch::Scratch;

fn folder(name: &str, files: &[(&str, &[u8])]) -> Scratch {
    Scratch::new(&format!("corpus-{name}"), files)
}

#[test]
fn files_are_read_in_sorted_order_by_extension_in_any_case_and_others_counted() {
    let dir = folder(
        "sorted",
        &[
            ("b.txt", b"B"),
            ("a.txt", b"A"),
            ("notes.md", b"# Notes\n\nx"),
            ("c.TXT", b"C"),
            ("logo.png", b"\x89PNG"),
        ],
    );
    let c = corpus::load(&dir).unwrap();
    let ids: Vec<&str> = c.pages.iter().map(|s| s.id.as_str()).collect();
    assert_eq!(ids, ["a", "b", "c", "notes"]);
    assert_eq!(c.skipped(SkipReason::Unsupported), 1);
}

#[test]
fn empty_files_are_skipped_and_reported() {
    let dir = folder("empty-file", &[("a.txt", b"text"), ("b.txt", b" \n\t\n")]);
    let c = corpus::load(&dir).unwrap();
    assert_eq!(c.pages.len(), 1);
    assert_eq!(
        c.skipped,
        [Skipped {
            path: dir.join("b.txt"),
            reason: SkipReason::Empty,
            same_as: None
        }]
    );
}

#[test]
fn a_byte_order_mark_is_not_text_and_a_duplicate_is_indexed_once() {
    let dir = folder(
        "bom",
        &[
            ("a.txt", b"\xEF\xBB\xBFTitle\n\nBody"),
            ("b.txt", b"\xEF\xBB\xBFTitle\n\nBody"),
        ],
    );
    let c = corpus::load(&dir).unwrap();
    assert_eq!(c.pages.len(), 1);
    assert_eq!(c.pages[0].blocks[0].text, "Title");
    assert_eq!(c.skipped[0].reason, SkipReason::Duplicate);
    assert_eq!(c.skipped[0].same_as.as_deref(), Some(dir.join("a.txt").as_path()));
}

#[test]
fn a_copy_of_a_page_of_the_site_is_skipped_and_names_the_page() {
    let page = |title: &str, body: &str| {
        format!("<html><head><title>{title}</title></head><body><main><h1>{title}</h1><p>{body}</p></main></body></html>")
    };
    let install = "Install the package with the system's package manager, then run it once: it writes \
                   its settings file into your home folder and asks for the address of the server.";
    let overview = "Choose the download for your system, then follow the steps written for it.";
    let guide = "The guide walks through a first project: creating it, adding two pages, building \
                 the site and publishing it on any static host.";
    let dir = folder(
        "copies",
        &[
            ("docs/install.html", page("Installation", install).as_bytes()),
            // Sphinx's source of the page, markup and all.
            (
                "_sources/docs/install.rst.txt",
                format!("Installation\n============\n\n.. _install:\n\n{install}\n").as_bytes(),
            ),
            ("guide/index.html", page("Guide", guide).as_bytes()),
            // A Markdown copy beside the folder's page.
            ("guide.md", format!("# Guide\n\n{guide}\n").as_bytes()),
            ("install.html", page("Overview", overview).as_bytes()),
            // The same name as a page (the root's), other words: a document of its own.
            (
                "notes/install.txt",
                b"Install notes: the old printer in room four needs a new driver before anything else works.",
            ),
            // A longer text that quotes the page: more its own than the page's.
            (
                "notes/docs/install.md",
                format!(
                    "# Installing on a laptop\n\nOn a laptop, plug in the charger first and close every \
                     other window: unpacking takes a while on battery. Afterwards reboot, check that the \
                     clock is right, and keep the receipt from the shop. {install}\n"
                )
                .as_bytes(),
            ),
        ],
    );
    let c = corpus::load(&dir).unwrap();
    let ids: Vec<&str> = c.pages.iter().map(|p| p.id.as_str()).collect();
    assert_eq!(
        ids,
        [
            "docs/install",
            "guide/index",
            "install",
            "notes/docs/install",
            "notes/install"
        ],
        "{:?}",
        c.skipped
    );
    let copy = |file: &str, page: &str| Skipped {
        path: dir.join(file),
        reason: SkipReason::PageCopy,
        same_as: Some(dir.join(page)),
    };
    assert_eq!(
        c.skipped,
        [
            copy("_sources/docs/install.rst.txt", "docs/install.html"),
            copy("guide.md", "guide/index.html")
        ]
    );
}

#[test]
fn a_page_that_redirects_at_once_is_skipped() {
    let dir = folder(
        "redirect",
        &[
            (
                "old.html",
                b"<html><head><meta http-equiv=\"refresh\" content=\"0;URL='new.html'\"><title>Redirecting...</title></head><body><p>Redirecting to <a href=\"new.html\">new.html</a>...</p></body></html>",
            ),
            ("new.html", b"<html><head><title>New</title></head><body><p>The page as it is now.</p></body></html>"),
            (
                "live.html",
                b"<html><head><meta http-equiv=\"refresh\" content=\"300\"><title>Live</title></head><body><p>Scores, reloaded every five minutes.</p></body></html>",
            ),
        ],
    );
    let c = corpus::load(&dir).unwrap();
    let ids: Vec<&str> = c.pages.iter().map(|p| p.id.as_str()).collect();
    assert_eq!(ids, ["live", "new"]);
    assert_eq!(c.skipped(SkipReason::Redirect), 1, "{:?}", c.skipped);
    assert_eq!(c.skipped[0].path, dir.join("old.html"));
}

#[test]
fn control_characters_are_binary_and_skipped() {
    let mut bytes = vec![0u8; 2000];
    bytes.extend_from_slice(b"a few letters");
    let dir = folder("binary", &[("a.txt", b"text"), ("blob.txt", &bytes)]);
    let c = corpus::load(&dir).unwrap();
    assert_eq!(c.pages.len(), 1);
    assert_eq!(c.skipped(SkipReason::Binary), 1);
}

#[test]
fn folders_are_walked_and_ids_are_paths() {
    let dir = folder("nested", &[("top.txt", b"T")]);
    std::fs::create_dir_all(dir.join("guide/deep")).unwrap();
    std::fs::write(dir.join("guide/deep/page.txt"), "P").unwrap();
    let c = corpus::load(&dir).unwrap();
    let ids: Vec<&str> = c.pages.iter().map(|s| s.id.as_str()).collect();
    assert_eq!(ids, ["guide/deep/page", "top"]);
}

#[test]
fn a_malformed_json_line_names_the_file_and_line() {
    let dir = folder(
        "jsonl",
        &[("docs.jsonl", b"{\"id\":\"a\",\"text\":\"x\"}\n{\"id\": \n")],
    );
    let err = corpus::load(&dir).unwrap_err();
    assert!(matches!(err, Error::Malformed { line: 2, .. }), "{err}");
    assert!(err.to_string().contains("docs.jsonl:2"), "{err}");
}

#[test]
fn a_folder_without_text_is_an_error() {
    let dir = folder("no-text", &[("a.txt", b"  "), ("logo.png", b"hi")]);
    assert_eq!(
        corpus::load(&dir).unwrap_err(),
        Error::CorpusEmpty {
            path: dir.to_path_buf()
        }
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

/// An HTML page that declares a Western European charset is read in it, as a browser
/// reads it: its title and text keep every letter. A page that declares another charset,
/// or a text file (which cannot declare one), stays an error.
#[test]
fn an_html_page_in_the_latin_charset_it_declares_is_read_in_it() {
    let latin1: &[u8] = b"<html><head><meta http-equiv=\"Content-Type\" content=\"text/html; charset=iso-8859-1\">\
        <title>Gr\xfc\xdfe aus M\xfcnchen</title></head><body><main><p>Die Stra\xdfe kostet 5 \x80, \x84sagt\x93 er.</p></main></body></html>";
    let dir = folder("latin1", &[("page.html", latin1)]);
    let corpus = corpus::load(&dir).unwrap();
    let page = &corpus.pages[0];
    assert_eq!(page.meta.title.as_deref(), Some("Grüße aus München"));
    let text: Vec<&str> = page.blocks.iter().map(|b| b.text.as_str()).collect();
    assert_eq!(text, ["Die Straße kostet 5 €, „sagt“ er."]);

    for (name, bytes) in [
        ("sjis.html", &b"<meta charset=\"shift_jis\"><p>\x82\xa0</p>"[..]),
        ("bare.html", b"<p>Gr\xfc\xdfe</p>"),
        ("page.txt", b"Gr\xfc\xdfe"),
    ] {
        let dir = folder("not-latin1", &[(name, bytes)]);
        let err = corpus::load(&dir).unwrap_err();
        assert!(
            matches!(&err, Error::NotUtf8 { path, .. } if path.ends_with(name)),
            "{name}: {err}"
        );
    }
}

#[test]
fn a_missing_folder_is_an_error_that_says_what_to_do() {
    let dir = std::env::temp_dir().join("findling-corpus-does-not-exist");
    let err = corpus::load(&dir).unwrap_err();
    assert!(matches!(err, Error::CorpusUnreadable { .. }));
    assert!(err.to_string().contains("FINDLING_CORPUS"), "{err}");
}

#[test]
fn a_file_named_as_another_gets_its_extension_in_its_id_but_a_json_line_id_must_be_new() {
    let dir = folder(
        "same-stem",
        &[
            (
                "guide.html",
                b"<html><title>Guide</title><body><p>Install it first.</p></body></html>",
            ),
            ("guide.txt", b"Notes\n\nThe key is with the caretaker."),
            ("guide.md", b"# Draft\n\nSomething else entirely."),
        ],
    );
    let c = corpus::load(&dir).unwrap();
    let ids: Vec<&str> = c.pages.iter().map(|s| s.id.as_str()).collect();
    assert_eq!(ids, ["guide", "guide.md", "guide.txt"]);

    let dir = folder(
        "same-id",
        &[
            ("x.txt", b"two"),
            ("y.jsonl", b"{\"id\":\"x\",\"text\":\"one\"}\n"),
        ],
    );
    let err = corpus::load(&dir).unwrap_err();
    assert!(
        matches!(err, Error::DuplicateId { ref id, .. } if id == "x"),
        "{err}"
    );
    assert!(
        err.to_string().contains("x.txt") && err.to_string().contains("y.jsonl"),
        "{err}"
    );
}
