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
#[path = "src/heap.rs"]
mod heap;
#[allow(dead_code)]
#[path = "src/language.rs"]
mod language;
#[allow(dead_code)]
#[path = "src/pipeline.rs"]
mod pipeline;
#[allow(dead_code)]
#[path = "src/report.rs"]
mod report;

use std::path::PathBuf;

/// Environment variable naming the corpus folder (default: `seeds/`).
const CORPUS_VAR: &str = "FINDLING_CORPUS";

/// Environment variable with the index size in MB above which the build shards it
/// (default [`format::shard::DEFAULT_SHARD_BYTES`]; fractions allowed, e.g. `0.02`).
const SHARD_MB_VAR: &str = "FINDLING_SHARD_MB";

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
    println!("cargo:rerun-if-env-changed={SHARD_MB_VAR}");
    let max_bytes = format::shard::threshold(std::env::var(SHARD_MB_VAR).ok().as_deref())
        .map_err(|e| format!("{SHARD_MB_VAR}: {e}"))?;
    let dir = match std::env::var_os(CORPUS_VAR) {
        Some(d) => manifest.join(d),
        None => manifest.join("seeds"),
    };
    println!("cargo:rerun-if-changed={}", dir.display());

    // A large index ships as a core (embedded) and shards beside the module, written as
    // the pipeline finishes them and read back by it with every check.
    let shards_dir = out_dir.join("shards");
    let write = |path: &std::path::Path, bytes: &[u8]| {
        std::fs::write(path, bytes).map_err(|e| format!("cannot write {}: {e}", path.display()))
    };
    if shards_dir.exists() {
        std::fs::remove_dir_all(&shards_dir)
            .map_err(|e| format!("cannot remove {}: {e}", shards_dir.display()))?;
    }
    let mut sink = |name: &str, bytes: &[u8]| -> Result<(), error::Error> {
        let io = |e: std::io::Error| error::Error::FileUnwritable {
            path: shards_dir.join(name),
            reason: e.to_string(),
        };
        std::fs::create_dir_all(&shards_dir).map_err(io)?;
        std::fs::write(shards_dir.join(name), bytes).map_err(io)
    };
    let built = pipeline::build_and_read_back(&dir, max_bytes, &mut sink, &shards_dir)?;
    let report = built.report;
    for line in report.warning_lines() {
        println!("cargo:warning=findling: {line}");
    }

    let (embedded, doc_count, term_count, bytes) = match &built.index {
        format::shard::Streamed::Whole(bytes) => {
            let reader = format::IndexReader::from_bytes(bytes)
                .map_err(|e| format!("the index just written does not read back: {e}"))?;
            (bytes, reader.doc_count(), reader.term_count(), bytes.len())
        }
        format::shard::Streamed::Core(core_bytes) => {
            let core = format::shard::CoreReader::from_verified_bytes(core_bytes)
                .map_err(|e| format!("the core just written does not read back: {e}"))?;
            write(
                &shards_dir.join("findling-shards.json"),
                format::shard::manifest(core_bytes.len(), core.shards()).as_bytes(),
            )?;
            let total = core_bytes.len() + core.shards().iter().map(|s| s.bytes as usize).sum::<usize>();
            println!(
                "cargo:warning=findling: the index is above {SHARD_MB_VAR} ({max_bytes} bytes): a core of {} bytes and {} shards in {}",
                core_bytes.len(),
                core.shards().len(),
                shards_dir.display()
            );
            (core_bytes, core.doc_count(), core.term_count(), total)
        }
    };

    let path = out_dir.join("index.bin");
    write(&path, embedded)?;
    println!(
        "cargo:warning=findling: indexed {doc_count} documents from {} ({term_count} terms, {bytes} bytes); {report}",
        dir.display(),
    );
    Ok(())
}
