//! The wasm boundary: a `Searcher` class for JavaScript over the embedded index.
//! The only file that knows wasm-bindgen; one crossing per keystroke; plain data out.

use crate::search::{Index, Matching, Options};
use crate::wire::{WireDocument, WireResults, WireStats};
use serde::Deserialize;
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
  lang?: string;
  date?: string;
  source?: string;
}
/** Options of `Searcher.query`. */
export interface QueryOptions {
  /** Most hits to return (default 10). */
  limit?: number;
  /** "all" words must match (default) or "any". */
  match?: "all" | "any";
}
/** The answer to `Searcher.query`. */
export interface Results {
  hits: Hit[];
  total: number;
  /** A corrected query, when nothing matched. */
  suggestion?: string;
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

    /// The best `limit` hits (default 10) for `query`, best first, every word matching.
    #[wasm_bindgen(unchecked_return_type = "Hit[]")]
    pub fn search(&self, query: &str, limit: Option<u32>) -> Result<JsValue, JsError> {
        let options = Options {
            limit: limit.unwrap_or(DEFAULT_LIMIT) as usize,
            ..Options::default()
        };
        to_js(&WireResults::new(&self.index.query(query, options), &self.index).hits)
    }

    /// Hits, total and "did you mean" for `query` (words, "phrases", -negation, OR,
    /// lang:/source:/year: filters).
    #[wasm_bindgen(unchecked_return_type = "Results")]
    pub fn query(
        &self,
        query: &str,
        #[wasm_bindgen(unchecked_param_type = "QueryOptions | undefined")] options: JsValue,
    ) -> Result<JsValue, JsError> {
        let options = parse_options(options)?;
        to_js(&WireResults::new(&self.index.query(query, options), &self.index))
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

/// The options object JavaScript passes to `query`.
#[derive(Deserialize, Default)]
struct JsOptions {
    limit: Option<u32>,
    #[serde(rename = "match")]
    matching: Option<String>,
}

/// Reads `{ limit, match }`; `undefined` or `null` means the defaults.
fn parse_options(value: JsValue) -> Result<Options, JsError> {
    let js: JsOptions = if value.is_undefined() || value.is_null() {
        JsOptions::default()
    } else {
        serde_wasm_bindgen::from_value(value).map_err(|e| JsError::new(&format!("bad query options: {e}")))?
    };
    let matching = match js.matching.as_deref() {
        None | Some("all") => Matching::All,
        Some("any") => Matching::Any,
        Some(other) => {
            return Err(JsError::new(&format!(
                "match must be \"all\" or \"any\", not {other:?}"
            )))
        }
    };
    Ok(Options {
        limit: js.limit.unwrap_or(DEFAULT_LIMIT) as usize,
        matching,
    })
}

/// Serializes plain data to a JS value (structs become plain objects).
fn to_js<T: serde::Serialize>(value: &T) -> Result<JsValue, JsError> {
    value
        .serialize(&serde_wasm_bindgen::Serializer::json_compatible())
        .map_err(|e| JsError::new(&e.to_string()))
}
