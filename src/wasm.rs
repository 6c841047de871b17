//! The wasm boundary: a `Searcher` class for JavaScript over the embedded index.
//! The only file that knows wasm-bindgen; one crossing per keystroke; plain data out.

use crate::search::Index;
use crate::wire::{WireDocument, WireHit, WireStats};
use wasm_bindgen::prelude::*;

#[wasm_bindgen(typescript_custom_section)]
const TS_TYPES: &str = r#"
/** A `[start, end)` range in UTF-16 code units, ready for `String.prototype.slice`. */
export type Range = [number, number];
/** One search result. */
export interface Hit {
  id: string;
  title: string;
  score: number;
  snippet: string;
  highlights: { title: Range[]; snippet: Range[] };
}
/** One document of the index. */
export interface IndexDocument {
  id: string;
  title: string;
  text: string;
  lang?: string;
  date?: string;
  source?: string;
}
/** Index statistics. */
export interface Stats {
  documents: number;
  terms: number;
  indexBytes: number;
  formatVersion: number;
}
"#;

/// Default number of results when `limit` is not given.
const DEFAULT_LIMIT: u32 = 10;

/// Searches the index embedded in this module.
#[wasm_bindgen]
pub struct Searcher {
    index: Index<'static>,
}

#[wasm_bindgen]
impl Searcher {
    /// Opens the embedded index; throws if it is damaged or from another version.
    #[wasm_bindgen(constructor)]
    pub fn new() -> Result<Searcher, JsError> {
        let index = Index::embedded().map_err(|e| JsError::new(&e.to_string()))?;
        Ok(Searcher { index })
    }

    /// The best `limit` hits (default 10) for `query`, best first.
    #[wasm_bindgen(unchecked_return_type = "Hit[]")]
    pub fn search(&self, query: &str, limit: Option<u32>) -> Result<JsValue, JsError> {
        let limit = limit.unwrap_or(DEFAULT_LIMIT) as usize;
        let hits: Vec<WireHit> = self
            .index
            .search(query, limit)
            .iter()
            .map(WireHit::from)
            .collect();
        to_js(&hits)
    }

    /// Every document of the index.
    #[wasm_bindgen(unchecked_return_type = "IndexDocument[]")]
    pub fn documents(&self) -> Result<JsValue, JsError> {
        let docs: Vec<WireDocument> = self
            .index
            .reader()
            .documents()
            .iter()
            .map(|d| WireDocument::from(&d.document))
            .collect();
        to_js(&docs)
    }

    /// Index statistics.
    #[wasm_bindgen(unchecked_return_type = "Stats")]
    pub fn stats(&self) -> Result<JsValue, JsError> {
        to_js(&WireStats::of(self.index.reader(), crate::EMBEDDED_INDEX.len()))
    }
}

/// Serializes plain data to a JS value (structs become plain objects).
fn to_js<T: serde::Serialize>(value: &T) -> Result<JsValue, JsError> {
    value
        .serialize(&serde_wasm_bindgen::Serializer::json_compatible())
        .map_err(|e| JsError::new(&e.to_string()))
}
