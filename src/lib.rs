//! Findling turns a folder of documents into instant, private, offline search for any
//! web page.
//!
//! Data flow:
//!
//! ```text
//! build time (build.rs):  seeds/ ─ pipeline [corpus (a reader per format) ─ clean ─ analysis on every core] ─ format::shard::ShardWriter ─ OUT_DIR/index.bin (+ shards/)
//! run time (wasm, CLI):   index.bin ─ format::IndexReader ─ search::Index::search(query) ─ wire ─ JS / JSON
//! ```
//!
//! The shared core (`analysis`, `clean`, `corpus`, `document`, `error`, `format`,
//! `pipeline`, `report`) is compiled into both build.rs and this library (the corpus
//! readers, the cleaner, the pipeline and the report natively only), so documents and
//! queries are analyzed by the same code. The runtime (`search`) reads the index; the boundary (`wire`, the
//! wasm `Searcher`, the `findling` CLI) turns hits into plain data.
//!
//! ```
//! let index = findling::Index::embedded()?;
//! let hits = index.search("Sicherheitsgesetz", 10);
//! assert!(!hits.is_empty());
//! # Ok::<(), findling::Error>(())
//! ```

pub mod analysis;
// Cleaning pasted pages and site templates (native only: build time and the CLI).
#[cfg(not(target_arch = "wasm32"))]
pub mod clean;
// Reading corpus folders (native only: the wasm module never reads files).
#[cfg(not(target_arch = "wasm32"))]
pub mod corpus;
pub mod document;
pub mod error;
pub mod format;
pub mod heap;
pub mod language;
// The build pipeline, streamed over every core (native only).
#[cfg(not(target_arch = "wasm32"))]
pub mod pipeline;
// What a build did (native only).
#[cfg(not(target_arch = "wasm32"))]
pub mod report;
pub mod search;
pub mod wire;

/// The wasm boundary (wasm32 only): the `Searcher` class JavaScript sees.
#[cfg(target_arch = "wasm32")]
pub mod wasm;

pub use error::{Error, Result};
pub use search::{Hit, Index};

/// The index build.rs wrote for the corpus (`seeds/` or `$FINDLING_CORPUS`).
pub static EMBEDDED_INDEX: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/index.bin"));
