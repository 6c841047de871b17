//! The cleaner on the seeds (metadata golden table, boilerplate gone) and block-level
//! precision and recall on hand-labelled pages.

use findling::clean::clean_pages;
use findling::corpus::{self, BlockKind, Format, Page, RawBlock};
use findling::Index;
use std::path::Path;

/// One row: seed id prefix, title, date, source, lang.
type Row = (
    &'static str,
    &'static str,
    Option<&'static str>,
    Option<&'static str>,
    &'static str,
);

/// Golden table: seed id prefix ⇥ (title, date, source, lang).
const METADATA: &[Row] = &[
    ("000", "Microsoft und Zoom wollen keine Nutzerdaten mehr an Hongkongs Behörden weitergeben", Some("2020-07-08"), Some("Epoch Times"), "de"),
    ("001", "Russland droht US-Videounternehmen Zoom mit Sperre", Some("2021-04-07"), Some("Epoch Times"), "de"),
    ("002", "Zoom beskyldes for at samarbejde med Kina", None, None, "da"),
    ("003", "Nicht nur in den USA, auch in Deutschland hat die Amazon-Tochter Ring Überwachungsvideos ihrer Kunden ohne Gerichtsbeschluss an Behörden weitergegeben.", None, Some("golem"), "de"),
    ("004", "US-Softwareunternehmen Zoom will russische Staatsunternehmen und Behörden nicht mehr bedienen", None, None, "de"),
];

#[test]
fn seeds_have_the_right_title_date_source_and_language() {
    let index = Index::embedded().unwrap();
    let mut failures = Vec::new();
    for (prefix, title, date, source, lang) in METADATA {
        let d = &index
            .reader()
            .documents()
            .iter()
            .find(|d| d.document.id.starts_with(prefix))
            .unwrap()
            .document;
        let got = (
            d.title.as_str(),
            d.date.as_deref(),
            d.source.as_deref(),
            d.lang.as_deref(),
        );
        if got != (*title, *date, *source, Some(*lang)) {
            failures.push(format!("{prefix}: got {got:?}"));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn words_found_only_in_page_chrome_find_nothing() {
    let index = Index::embedded().unwrap();
    for word in [
        "Abonnement",
        "Kommentar",
        "Senior",
        "Hochzeit",
        "Titelbild",
        "Getty",
        "Spende",
        "Regestriert",
        "Navnenyt",
        "Monatsabo",
    ] {
        let hits: Vec<String> = index
            .search(&format!("{word} "), 10)
            .into_iter()
            .map(|h| h.id)
            .collect();
        assert!(hits.is_empty(), "{word:?} finds {hits:?}");
    }
}

#[test]
fn article_text_survives_cleaning() {
    let index = Index::embedded().unwrap();
    for (query, prefix) in [
        ("\"Det skriver Reuters\"", "002"),
        ("afp Kronkolonie", "000"),
        ("\"Krawzow teilte mit\"", "004"),
    ] {
        let hits = index.search(query, 10);
        assert!(hits.first().is_some_and(|h| h.id.starts_with(prefix)), "{query}");
    }
}

/// A labelled page: its text and, per block, whether it is article text.
fn labelled(path: &Path) -> (String, Vec<bool>) {
    let raw = std::fs::read_to_string(path).unwrap();
    let mut text = String::new();
    let mut labels = Vec::new();
    for line in raw.lines().filter(|l| !l.trim().is_empty()) {
        let (mark, block) = line.split_at(2);
        labels.push(match mark {
            "+ " => true,
            "- " => false,
            _ => panic!(
                "{}: every line starts with '+ ' or '- ': {line:?}",
                path.display()
            ),
        });
        text.push_str(block);
        text.push('\n');
    }
    (text, labels)
}

/// Block-level precision and recall of "keep" on tests/cleaning/*.txt, cleaned together.
#[test]
fn labelled_pages_are_cleaned_with_high_precision_and_recall() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/cleaning");
    let files = corpus::load(&dir).unwrap().pages;
    let pages: Vec<(String, Vec<bool>)> = files.iter().map(|s| labelled(&s.path)).collect();
    // The labels are per block, so the blocks are given as labelled: this measures the
    // cleaner, not the text reader's paragraph splitting (tested in corpus::text).
    let as_pages: Vec<Page> = files
        .iter()
        .zip(&pages)
        .map(|(file, (text, _))| Page {
            id: file.id.clone(),
            path: file.path.clone(),
            format: Format::Text,
            meta: Default::default(),
            blocks: text
                .lines()
                .map(|l| RawBlock::new(l, BlockKind::Paragraph))
                .collect(),
            part: None,
        })
        .collect();
    let (mut tp, mut fp, mut fn_) = (0, 0, 0);
    let mut errors = Vec::new();
    for ((source, (_, labels)), cleaned) in files.iter().zip(&pages).zip(clean_pages(&as_pages)) {
        assert_eq!(cleaned.blocks.len(), labels.len(), "{}", source.id);
        for (block, &keep) in cleaned.blocks.iter().zip(labels) {
            match (block.verdict.kept(), keep) {
                (true, true) => tp += 1,
                (true, false) => fp += 1,
                (false, true) => fn_ += 1,
                _ => {}
            }
            if block.verdict.kept() != keep {
                errors.push(format!(
                    "{}: {} [{}] {}",
                    source.id,
                    if keep { "lost" } else { "kept" },
                    block.verdict.reason(),
                    block.text
                ));
            }
        }
    }
    let precision = tp as f64 / (tp + fp) as f64;
    let recall = tp as f64 / (tp + fn_) as f64;
    println!(
        "cleaning: {} pages, precision {precision:.3}, recall {recall:.3}",
        pages.len()
    );
    for e in &errors {
        println!("  {e}");
    }
    assert!(
        precision >= 0.9 && recall >= 0.9,
        "precision {precision:.3}, recall {recall:.3}\n{}",
        errors.join("\n")
    );
}
