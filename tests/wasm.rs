//! The wasm `Searcher` in headless Chromium: few and thin, the logic is tested natively.
#![cfg(target_arch = "wasm32")]

use findling::wasm::Searcher;
use wasm_bindgen::JsValue;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

fn get(value: &JsValue, key: &str) -> JsValue {
    js_sys_get(value, key)
}

#[wasm_bindgen::prelude::wasm_bindgen(inline_js = "export function js_sys_get(o, k) { return o[k]; }")]
extern "C" {
    fn js_sys_get(o: &JsValue, k: &str) -> JsValue;
}

#[wasm_bindgen_test]
fn searching_finds_the_hong_kong_article_first_with_its_highlight() {
    let searcher = Searcher::new().expect("the embedded index opens");
    let hits = searcher
        .search("Sicherheitsgesetz", Some(5))
        .expect("search succeeds");
    let first = get(&hits, "0");
    let id = get(&first, "id").as_string().unwrap();
    assert!(id.starts_with("000_"), "{id}");
    let snippet = get(&first, "snippet").as_string().unwrap();
    let range = get(&get(&get(&first, "highlights"), "snippet"), "0");
    let start = get(&range, "0").as_f64().unwrap() as usize;
    let end = get(&range, "1").as_f64().unwrap() as usize;
    let units: Vec<u16> = snippet.encode_utf16().collect();
    assert_eq!(
        String::from_utf16(&units[start..end]).unwrap(),
        "Sicherheitsgesetz"
    );
}

#[wasm_bindgen_test]
fn an_empty_query_gives_an_empty_array() {
    let searcher = Searcher::new().unwrap();
    let hits = searcher.search("   ", None).unwrap();
    assert_eq!(get(&hits, "length").as_f64(), Some(0.0));
}

#[wasm_bindgen_test]
fn stats_and_documents_describe_the_seeds() {
    let searcher = Searcher::new().unwrap();
    assert_eq!(get(&searcher.stats().unwrap(), "documents").as_f64(), Some(5.0));
    assert_eq!(get(&searcher.documents().unwrap(), "length").as_f64(), Some(5.0));
}

#[wasm_bindgen_test]
fn query_returns_hits_total_and_a_suggestion() {
    let searcher = Searcher::new().unwrap();
    // No document has "zoon": relaxed to the Russland documents, and a suggestion.
    let relaxed = searcher.query("Zoon Rusland", JsValue::UNDEFINED).unwrap();
    assert_eq!(get(&relaxed, "total").as_f64(), Some(2.0));
    assert_eq!(get(&get(&relaxed, "relaxed"), "complete").as_f64(), Some(0.0));
    assert_eq!(
        get(&get(&get(&relaxed, "relaxed"), "missing"), "0")
            .as_string()
            .as_deref(),
        Some("zoon")
    );
    assert_eq!(
        get(&relaxed, "suggestion").as_string().as_deref(),
        Some("zoom Rusland")
    );
    let none = searcher.query("xyzzy", JsValue::UNDEFINED).unwrap();
    assert_eq!(get(&none, "total").as_f64(), Some(0.0));
    let options = js_sys_options();
    let any = searcher.query("Sferum kryptering", options).unwrap();
    assert_eq!(get(&any, "total").as_f64(), Some(2.0));
    assert!(searcher.query("zoom", JsValue::from_str("nonsense")).is_err());
}

#[wasm_bindgen::prelude::wasm_bindgen(
    inline_js = "export function js_sys_options() { return { limit: 5, match: 'any' }; }"
)]
extern "C" {
    fn js_sys_options() -> JsValue;
}

#[wasm_bindgen_test]
fn facets_describe_every_document_and_follow_a_query_when_asked() {
    let searcher = Searcher::new().unwrap();
    let facets = searcher.facets().unwrap();
    let first_source = get(&get(&get(&facets, "source"), "values"), "0");
    assert_eq!(
        get(&first_source, "value").as_string().as_deref(),
        Some("Epoch Times")
    );
    assert_eq!(get(&first_source, "count").as_f64(), Some(2.0));
    assert_eq!(get(&get(&facets, "year"), "distinct").as_f64(), Some(2.0));
    let plain = searcher.query("Sferum", JsValue::UNDEFINED).unwrap();
    assert!(get(&plain, "facets").is_undefined(), "only when asked for");
    let results = searcher.query("Sferum", js_sys_facets()).unwrap();
    let years = get(&get(&results, "facets"), "year");
    assert_eq!(get(&years, "distinct").as_f64(), Some(1.0));
    assert_eq!(
        get(&get(&get(&years, "values"), "0"), "value")
            .as_string()
            .as_deref(),
        Some("2021")
    );
}

#[wasm_bindgen_test]
fn document_by_id_or_undefined() {
    let searcher = Searcher::new().unwrap();
    let hits = searcher.search("Sicherheitsgesetz", Some(1)).unwrap();
    let id = get(&get(&hits, "0"), "id").as_string().unwrap();
    let doc = searcher.document(&id).unwrap();
    assert_eq!(get(&doc, "id").as_string(), Some(id));
    assert!(get(&doc, "text")
        .as_string()
        .unwrap()
        .contains("Sicherheitsgesetz"));
    assert!(searcher.document("no such id").unwrap().is_undefined());
}

#[wasm_bindgen::prelude::wasm_bindgen(
    inline_js = "export function js_sys_facets() { return { limit: 1, facets: true }; }"
)]
extern "C" {
    fn js_sys_facets() -> JsValue;
}
