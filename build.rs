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
#[path = "src/corpus.rs"]
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
    for path in &corpus.empty {
        println!("cargo:warning=findling: skipped empty file {}", path.display());
    }

    let mut writer = format::IndexWriter::new();
    let texts: Vec<&str> = corpus.sources.iter().map(|s| s.text.as_str()).collect();
    let mut dropped = 0;
    let mut blocks = 0;
    for (source, cleaned) in corpus.sources.iter().zip(clean::clean_corpus(&texts)) {
        if cleaned.fallback {
            println!(
                "cargo:warning=findling: cleaning {} would leave nothing; indexed it uncleaned",
                source.path.display()
            );
        }
        dropped += cleaned.dropped();
        blocks += cleaned.blocks.len();
        writer
            .add(cleaned.into_document(source.id.clone()))
            .map_err(|e| e.to_string())?;
    }
    let bytes = writer.finish().map_err(|e| e.to_string())?;
    let reader = format::IndexReader::from_bytes(&bytes)
        .map_err(|e| format!("the index just written does not read back: {e}"))?;

    let path = out_dir.join("index.bin");
    std::fs::write(&path, &bytes).map_err(|e| format!("cannot write {}: {e}", path.display()))?;
    println!(
        "cargo:warning=findling: indexed {} documents from {} ({} terms, {} bytes); dropped {dropped} of {blocks} blocks",
        reader.doc_count(),
        dir.display(),
        reader.term_count(),
        bytes.len()
    );
    Ok(())
}
