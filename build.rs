//! Builds the search index for the corpus and leaves it in `OUT_DIR` for the library to
//! embed. Orchestration only: every step is a function of the shared core, included here
//! by `#[path]` so that build and runtime share one analyzer and one index format.

#[allow(dead_code)]
#[path = "src/analysis/mod.rs"]
mod analysis;
#[allow(dead_code)]
#[path = "src/clean/mod.rs"]
mod clean;
#[allow(dead_code)]
#[path = "src/corpus/mod.rs"]
mod corpus;
#[allow(dead_code)]
#[path = "src/document.rs"]
mod document;
#[allow(dead_code)]
#[path = "src/error.rs"]
mod error;
#[allow(dead_code)]
#[path = "src/format/mod.rs"]
mod format;
#[allow(dead_code)]
#[path = "src/language.rs"]
mod language;
#[allow(dead_code)]
#[path = "src/report.rs"]
mod report;

use std::path::PathBuf;

/// Environment variable naming the corpus folder (default: `seeds/`).
const CORPUS_VAR: &str = "FINDLING_CORPUS";

fn main() {
    if let Err(message) = try_main() {
        eprintln!("error: findling: {message}");
        std::process::exit(1);
    }
}

fn try_main() -> Result<(), String> {
    let manifest = PathBuf::from(std::env::var("CARGO_MANIFEST_DIR").map_err(|e| e.to_string())?);
    let out_dir = PathBuf::from(std::env::var("OUT_DIR").map_err(|e| e.to_string())?);
    println!("cargo:rerun-if-env-changed={CORPUS_VAR}");
    let dir = match std::env::var_os(CORPUS_VAR) {
        Some(d) => manifest.join(d),
        None => manifest.join("seeds"),
    };
    println!("cargo:rerun-if-changed={}", dir.display());

    let corpus = corpus::load(&dir).map_err(|e| e.to_string())?;
    let cleaned = clean::clean_pages(&corpus.pages);
    let report = report::Report::of(&corpus, &cleaned);
    for line in report.warning_lines() {
        println!("cargo:warning=findling: {line}");
    }

    let mut writer = format::IndexWriter::new();
    for (page, cleaned) in corpus.pages.iter().zip(cleaned) {
        writer
            .add(cleaned.into_document(page))
            .map_err(|e| e.to_string())?;
    }
    writer.set_counts(report.counts.clone());
    let bytes = writer.finish().map_err(|e| e.to_string())?;
    let reader = format::IndexReader::from_bytes(&bytes)
        .map_err(|e| format!("the index just written does not read back: {e}"))?;

    let path = out_dir.join("index.bin");
    std::fs::write(&path, &bytes).map_err(|e| format!("cannot write {}: {e}", path.display()))?;
    println!(
        "cargo:warning=findling: indexed {} documents from {} ({} terms, {} bytes); {report}",
        reader.doc_count(),
        dir.display(),
        reader.term_count(),
        bytes.len()
    );
    Ok(())
}
