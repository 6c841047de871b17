//! The wasm boundary: a `Searcher` class for JavaScript over the embedded index.
//! The only file that knows wasm-bindgen; one crossing per keystroke; plain data out.
//!
//! Every argument from JavaScript is checked before it is used: a query or id that is
//! not a string throws a `TypeError`, a `limit` that is not an integer from 0 to
//! [`MAX_LIMIT`] a `RangeError`, and bad options a `TypeError`, each with a message.

use crate::search::{Index, Matching, Options};
use crate::wire::{WireDocument, WireFacets, WireResults, WireStats};
use wasm_bindgen::prelude::*;

/// What a page needs to know of the embedded index before it instantiates the module, to
/// choose where the engine runs (`www/widget/engine.js`): the custom section
/// `findling.index` of the module (`WebAssembly.Module.customSections`) holds
/// [`index_section`] of it.
#[link_section = "findling.index"]
#[used]
static INDEX_SECTION: [u8; 5] = index_section(crate::EMBEDDED_INDEX);

/// Five bytes: whether `index` is whole (0) or a sharded core (1), then its length in
/// bytes (u32, little-endian).
const fn index_section(index: &[u8]) -> [u8; 5] {
    let len = (index.len() as u32).to_le_bytes();
    [
        crate::format::shard::is_core(index) as u8,
        len[0],
        len[1],
        len[2],
        len[3],
    ]
}

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
  /** Where the page is served: absolute, or relative to the site root (no leading `/`). */
  url?: string;
  /** The heading of the section the snippet is from, when the page links to it. */
  section?: string;
  /** The id of that section's heading on the page at `url`: link to it with the URL's
   * fragment set to `encodeURIComponent(anchor)` (an id may hold any character). */
  anchor?: string;
}
/** Options of `Searcher.query`. */
export interface QueryOptions {
  /** Most hits to return: an integer from 0 (only `total` and `facets`) to 10000
   * (default 10); anything else throws a `RangeError`. */
  limit?: number;
  /** "all" words must match (default) or "any". */
  match?: "all" | "any";
  /** Also count `facets` over every matching document (default false). */
  facets?: boolean;
}
/** One value of a facet and how many documents have it. */
export interface FacetValue {
  value: string;
  count: number;
}
/** One facet: its most common values (at most 50, most documents first, ties by value). */
export interface Facet {
  values: FacetValue[];
  /** How many different values exist in all (`values` may be cut short). */
  distinct: number;
}
/** Language codes, sources, years (of the date) and tags with their document counts.
 * Each facet counts the documents that pass every other filter of the query, so the
 * alternatives to a pressed `lang:` stay visible. */
export interface Facets {
  lang: Facet;
  source: Facet;
  year: Facet;
  tags: Facet;
}
/** The answer to `Searcher.query`. */
export interface Results {
  hits: Hit[];
  total: number;
  /** A corrected query, when nothing matched. */
  suggestion?: string;
  /** With `{ facets: true }`: facet counts over every match, not only the hits returned. */
  facets?: Facets;
  /** When fewer than a handful of documents match every word: how many do (they come
   * first; the other hits match some of the words) and the words no document has. */
  relaxed?: { complete: number; missing: string[] };
  /** Present when the query was cut at its limits (1000 characters, 32 words, 16 words
   * per phrase): the rest of it was ignored. */
  truncated?: true;
  /** False while shards of a sharded index are still loading: the answer then comes from
   * the documents loaded so far (ranked with the statistics of the whole index). */
  complete: boolean;
  /** The fraction of the documents searched, 0 to 1. */
  loaded: number;
}
/** One document of the index. */
export interface IndexDocument {
  id: string;
  title: string;
  text: string;
  lang?: string;
  date?: string;
  source?: string;
  url?: string;
  tags?: string[];
  /** With `document(id, query)`: the query's words in the whole title and text, and
   * where in `text` the hit's excerpt is (a UTF-16 offset: where a reader opens). */
  highlights?: { title: Range[]; text: Range[]; excerpt: number };
}
/** Index statistics. */
export interface Stats {
  documents: number;
  terms: number;
  indexBytes: number;
  formatVersion: number;
  /** Shards of a sharded index (0: one whole index embedded in the module). */
  shards: number;
}
"#;

/// Default number of results when `limit` is not given.
const DEFAULT_LIMIT: usize = 10;

/// Largest `limit` accepted: a page shows tens of hits, and each hit costs an excerpt;
/// a larger number is a mistake, which throws rather than quietly copying the corpus.
pub const MAX_LIMIT: usize = 10_000;

/// Searches the index embedded in this module; for a sharded index, the core is embedded
/// and `addShard` adds the shards (`shardFiles` lists them in load order).
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
    pub fn search(
        &self,
        #[wasm_bindgen(unchecked_param_type = "string")] query: JsValue,
        #[wasm_bindgen(unchecked_param_type = "number | undefined")] limit: JsValue,
    ) -> Result<JsValue, JsValue> {
        let query = string_arg(&query, "query")?;
        let limit = if limit.is_undefined() || limit.is_null() {
            None
        } else {
            Some(
                limit
                    .as_f64()
                    .ok_or_else(|| type_error(format!("limit must be a number, not {}", describe(&limit))))?,
            )
        };
        let options = Options {
            limit: checked_limit(limit)?,
            ..Options::default()
        };
        Ok(to_js(
            &WireResults::new(&self.index.query(&query, options), &self.index).hits,
        )?)
    }

    /// Hits, total and "did you mean" for `query` (words, "phrases", -negation, OR,
    /// lang:/source:/year:/tag: filters); with `{ facets: true }` also the facet counts
    /// over every match, in the same crossing.
    #[wasm_bindgen(unchecked_return_type = "Results")]
    pub fn query(
        &self,
        #[wasm_bindgen(unchecked_param_type = "string")] query: JsValue,
        #[wasm_bindgen(unchecked_param_type = "QueryOptions | undefined")] options: JsValue,
    ) -> Result<JsValue, JsValue> {
        let query = string_arg(&query, "query")?;
        let options = parse_options(options)?;
        Ok(to_js(&WireResults::new(
            &self.index.query(&query, options),
            &self.index,
        ))?)
    }

    /// Facet counts over every document: the state before anything is typed.
    #[wasm_bindgen(unchecked_return_type = "Facets")]
    pub fn facets(&self) -> Result<JsValue, JsError> {
        to_js(&WireFacets::from(&self.index.facets()))
    }

    /// The document with id `id`, or `undefined` if there is none. With the `query` (and
    /// its options' `match`) whose results it came from, also `highlights`: every word
    /// that the query matched in its whole title and text, as the hit's excerpt marks
    /// them (what a reader view marks).
    #[wasm_bindgen(unchecked_return_type = "IndexDocument | undefined")]
    pub fn document(
        &self,
        #[wasm_bindgen(unchecked_param_type = "string")] id: JsValue,
        #[wasm_bindgen(unchecked_param_type = "string | undefined")] query: JsValue,
        #[wasm_bindgen(unchecked_param_type = "QueryOptions | undefined")] options: JsValue,
    ) -> Result<JsValue, JsValue> {
        let id = string_arg(&id, "id")?;
        if query.is_undefined() || query.is_null() {
            return match self.index.document(&id) {
                Some(d) => Ok(to_js(&WireDocument::from(d))?),
                None => Ok(JsValue::UNDEFINED),
            };
        }
        let query = string_arg(&query, "query")?;
        let matching = parse_options(options)?.matching;
        match self.index.read(&id, &query, matching) {
            Some(reading) => Ok(to_js(&WireDocument::read(&reading))?),
            None => Ok(JsValue::UNDEFINED),
        }
    }

    /// Every document of the index, whole texts included: a copy of the corpus, costly on
    /// a large one. To show one document, use `document(id)`.
    #[wasm_bindgen(unchecked_return_type = "IndexDocument[]")]
    pub fn documents(&self) -> Result<JsValue, JsError> {
        let docs: Vec<WireDocument> = self
            .index
            .parts()
            .entries()
            .map(|(_, d)| WireDocument::from(&d.document))
            .collect();
        to_js(&docs)
    }

    /// File names of the shards in the order to load them (empty when the whole index is
    /// embedded): the same for every reader, whatever they type.
    #[wasm_bindgen(js_name = shardFiles)]
    pub fn shard_files(&self) -> Vec<String> {
        self.index
            .parts()
            .shards()
            .iter()
            .map(|s| s.file_name())
            .collect()
    }

    /// Checks and adds the bytes of one shard (any order; twice is harmless); returns its
    /// position in `shardFiles()`. Throws, changing nothing, when the bytes are not a
    /// shard of this index (their length and hash are checked first) or are damaged
    /// (every check of the index reader).
    #[wasm_bindgen(js_name = addShard)]
    pub fn add_shard(&mut self, bytes: Vec<u8>) -> Result<usize, JsError> {
        let slot = self
            .index
            .parts()
            .shard_slot(&bytes)
            .map_err(|e| JsError::new(&e.to_string()))?;
        if self.index.parts().is_loaded(slot) {
            return Ok(slot);
        }
        // A shard lives as long as the page: its bytes are kept for good (the reader
        // borrows them). Only bytes listed by the core get here, each once.
        let bytes: &'static [u8] = Box::leak(bytes.into_boxed_slice());
        self.index
            .add_shard_at(slot, bytes)
            .map_err(|e| JsError::new(&e.to_string()))
    }

    /// The fraction of the documents loaded, 0 to 1 (1 when the whole index is embedded).
    pub fn loaded(&self) -> f64 {
        self.index.parts().loaded()
    }

    /// Whether every document is loaded.
    pub fn complete(&self) -> bool {
        self.index.parts().complete()
    }

    /// Does at most `steps` (0 counts as 1) of the work that the first search for a
    /// compound part (a word of five letters or more) would otherwise do in one go: reading the word list
    /// out of the dictionary, four steps a word (on de-10k, about 100 ms in all in
    /// Chromium). Returns whether none is left. A page calls it between its tasks after
    /// load, a few thousand steps at a time, so that no keystroke waits for the list;
    /// answers are the same either way.
    pub fn prepare(&self, steps: u32) -> bool {
        // At least one: a caller looping until `true` always gets there.
        self.index.prepare(steps.max(1) as usize)
    }

    /// Index statistics.
    #[wasm_bindgen(unchecked_return_type = "Stats")]
    pub fn stats(&self) -> Result<JsValue, JsError> {
        to_js(&WireStats::of(&self.index, crate::EMBEDDED_INDEX.len()))
    }
}

/// Reads `{ limit, match, facets }`; `undefined` or `null` means the defaults, as does a
/// missing or `null` field (read with `Reflect.get`, not serde: its error messages would
/// link Rust's float formatting into the module).
fn parse_options(value: JsValue) -> Result<Options, JsValue> {
    if value.is_undefined() || value.is_null() {
        return Ok(Options {
            limit: DEFAULT_LIMIT,
            ..Options::default()
        });
    }
    if !value.is_object() {
        return Err(type_error(format!(
            "bad query options ({{ limit, match, facets }}): expected an object, not {}",
            describe(&value)
        )));
    }
    let field = |name: &str| -> Result<Option<JsValue>, JsValue> {
        let v = js_sys::Reflect::get(&value, &JsValue::from_str(name))?;
        Ok((!v.is_undefined() && !v.is_null()).then_some(v))
    };
    let limit = match field("limit")? {
        None => None,
        Some(v) => Some(
            v.as_f64()
                .ok_or_else(|| type_error(format!("limit must be a number, not {}", describe(&v))))?,
        ),
    };
    let matching = match field("match")? {
        None => Matching::All,
        Some(v) => match v.as_string().as_deref() {
            Some("all") => Matching::All,
            Some("any") => Matching::Any,
            Some(other) => {
                return Err(type_error(format!(
                    "match must be \"all\" or \"any\", not \"{other}\""
                )))
            }
            None => {
                return Err(type_error(format!(
                    "match must be \"all\" or \"any\", not {}",
                    describe(&v)
                )))
            }
        },
    };
    let facets = match field("facets")? {
        None => false,
        Some(v) => v
            .as_bool()
            .ok_or_else(|| type_error(format!("facets must be true or false, not {}", describe(&v))))?,
    };
    Ok(Options {
        limit: checked_limit(limit)?,
        matching,
        facets,
    })
}

/// `limit` as a number of hits: [`DEFAULT_LIMIT`] when absent, else an integer from 0
/// to [`MAX_LIMIT`] (a `RangeError` otherwise: NaN, 2**40 or 1.5 must not quietly find
/// nothing).
fn checked_limit(limit: Option<f64>) -> Result<usize, JsValue> {
    match limit {
        None => Ok(DEFAULT_LIMIT),
        Some(n) if n.fract() == 0.0 && (0.0..=MAX_LIMIT as f64).contains(&n) => Ok(n as usize),
        // JavaScript writes the number (`NaN`, `Infinity`, `1e+21`), not Rust's float
        // formatting, which would be the largest function in the module.
        Some(n) => Err(js_sys::RangeError::new(&format!(
            "limit must be an integer from 0 to {MAX_LIMIT}, not {}",
            String::from(js_sys::Number::from(n).to_string_with_radix(10)?)
        ))
        .into()),
    }
}

/// The string JavaScript passed as `name`, or a `TypeError` saying what it was instead.
fn string_arg(value: &JsValue, name: &str) -> Result<String, JsValue> {
    value
        .as_string()
        .ok_or_else(|| type_error(format!("{name} must be a string, not {}", describe(value))))
}

/// A JavaScript `TypeError` with `message`.
fn type_error(message: String) -> JsValue {
    js_sys::TypeError::new(&message).into()
}

/// What a wrong argument was, for a message: `null`, or its `typeof`.
fn describe(value: &JsValue) -> String {
    if value.is_null() {
        return "null".into();
    }
    value.js_typeof().as_string().unwrap_or_default()
}

/// Serializes plain data to a JS value (structs become plain objects).
fn to_js<T: serde::Serialize>(value: &T) -> Result<JsValue, JsError> {
    value
        .serialize(&serde_wasm_bindgen::Serializer::json_compatible())
        .map_err(|e| JsError::new(&e.to_string()))
}
