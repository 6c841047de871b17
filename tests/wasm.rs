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
    let none = searcher.query("Zoon Rusland", JsValue::UNDEFINED).unwrap();
    assert_eq!(get(&none, "total").as_f64(), Some(0.0));
    assert_eq!(
        get(&none, "suggestion").as_string().as_deref(),
        Some("zoom Rusland")
    );
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
