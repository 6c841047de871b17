//! The wasm `Searcher` in headless Chromium: few and thin, the logic is tested natively.
#![cfg(target_arch = "wasm32")]

use findling::wasm::Searcher;
use wasm_bindgen::JsValue;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

fn s(text: &str) -> JsValue {
    JsValue::from_str(text)
}

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
        .search("Sicherheitsgesetz".into(), 5.into())
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
    let hits = searcher.search("   ".into(), JsValue::UNDEFINED).unwrap();
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
    let relaxed = searcher.query(s("Zoon Rusland"), JsValue::UNDEFINED).unwrap();
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
    let none = searcher.query(s("xyzzy"), JsValue::UNDEFINED).unwrap();
    assert_eq!(get(&none, "total").as_f64(), Some(0.0));
    let options = js_sys_options();
    let any = searcher.query(s("Sferum kryptering"), options).unwrap();
    assert_eq!(get(&any, "total").as_f64(), Some(2.0));
    assert!(searcher.query(s("zoom"), JsValue::from_str("nonsense")).is_err());
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
    let plain = searcher.query(s("Sferum"), JsValue::UNDEFINED).unwrap();
    assert!(get(&plain, "facets").is_undefined(), "only when asked for");
    let results = searcher.query(s("Sferum"), js_sys_facets()).unwrap();
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
    let hits = searcher.search(s("Sicherheitsgesetz"), 1.into()).unwrap();
    let id = get(&get(&hits, "0"), "id").as_string().unwrap();
    let doc = searcher
        .document(s(&id), JsValue::UNDEFINED, JsValue::UNDEFINED)
        .unwrap();
    assert_eq!(get(&doc, "id").as_string(), Some(id.clone()));
    assert!(get(&doc, "text")
        .as_string()
        .unwrap()
        .contains("Sicherheitsgesetz"));
    assert!(get(&doc, "highlights").is_undefined(), "no query, no highlights");
    let none = searcher.document(s("no such id"), JsValue::UNDEFINED, JsValue::UNDEFINED);
    assert!(none.unwrap().is_undefined());
    // With the query: its matches in the whole text, as UTF-16 ranges.
    let read = searcher
        .document(s(&id), s("Sicherheitsgesetz"), JsValue::UNDEFINED)
        .unwrap();
    let text: Vec<u16> = get(&read, "text").as_string().unwrap().encode_utf16().collect();
    let excerpt = get(&get(&read, "highlights"), "excerpt").as_f64().unwrap() as usize;
    assert!(excerpt < text.len());
    let ranges = js_sys::Array::from(&get(&get(&read, "highlights"), "text"));
    assert!(ranges.length() > 1);
    for r in ranges.iter() {
        let r = js_sys::Array::from(&r);
        let (a, b) = (
            r.get(0).as_f64().unwrap() as usize,
            r.get(1).as_f64().unwrap() as usize,
        );
        assert!(String::from_utf16(&text[a..b])
            .unwrap()
            .starts_with("Sicherheitsgesetz"));
    }
    let (name, _) = thrown(
        searcher
            .document(s(&id), JsValue::from(1), JsValue::UNDEFINED)
            .unwrap_err(),
    );
    assert_eq!(name, "TypeError");
}

#[wasm_bindgen::prelude::wasm_bindgen(
    inline_js = "export function js_sys_facets() { return { limit: 1, facets: true }; }"
)]
extern "C" {
    fn js_sys_facets() -> JsValue;
}

/// The name of the error thrown (`TypeError`, `RangeError`) and its message.
fn thrown(error: JsValue) -> (String, String) {
    (
        get(&get(&error, "constructor"), "name")
            .as_string()
            .unwrap_or_default(),
        get(&error, "message").as_string().unwrap_or_default(),
    )
}

#[wasm_bindgen_test]
fn a_query_that_is_not_a_string_throws_a_type_error() {
    let searcher = Searcher::new().unwrap();
    for (value, kind) in [
        (JsValue::from(12345), "number"),
        (JsValue::TRUE, "boolean"),
        (js_sys_object(), "object"),
        (JsValue::NULL, "null"),
        (JsValue::UNDEFINED, "undefined"),
    ] {
        let (name, message) = thrown(searcher.query(value.clone(), JsValue::UNDEFINED).unwrap_err());
        assert_eq!(name, "TypeError", "{kind}");
        assert_eq!(message, format!("query must be a string, not {kind}"));
        let (name, _) = thrown(searcher.search(value.clone(), JsValue::UNDEFINED).unwrap_err());
        assert_eq!(name, "TypeError", "{kind}");
        let (name, _) = thrown(
            searcher
                .document(value, JsValue::UNDEFINED, JsValue::UNDEFINED)
                .unwrap_err(),
        );
        assert_eq!(name, "TypeError", "{kind}");
    }
}

#[wasm_bindgen_test]
fn a_limit_that_is_not_a_whole_number_in_range_throws() {
    let searcher = Searcher::new().unwrap();
    for limit in [f64::NAN, 2f64.powi(40), -1.0, 1.5, f64::INFINITY, 10_001.0] {
        let (name, message) = thrown(searcher.search(s("zoom"), limit.into()).unwrap_err());
        assert_eq!(name, "RangeError", "{limit}");
        assert!(
            message.starts_with("limit must be an integer from 0 to 10000"),
            "{message}"
        );
        let options = js_sys_limit(limit);
        let (name, _) = thrown(searcher.query(s("zoom"), options).unwrap_err());
        assert_eq!(name, "RangeError", "{limit}");
    }
    let (name, _) = thrown(searcher.search(s("zoom"), s("5")).unwrap_err());
    assert_eq!(name, "TypeError");
    let (name, _) = thrown(searcher.query(s("zoom"), JsValue::from(5)).unwrap_err());
    assert_eq!(name, "TypeError");
    // 0 counts without hits (the widget's facet-only query); 10000 is allowed.
    let counts = searcher.query(s("zoom"), js_sys_limit(0.0)).unwrap();
    assert_eq!(get(&get(&counts, "hits"), "length").as_f64(), Some(0.0));
    assert!(get(&counts, "total").as_f64().unwrap() > 0.0);
    assert!(searcher.search(s("zoom"), 10_000.into()).is_ok());
}

#[wasm_bindgen_test]
fn a_pasted_page_is_cut_and_marked_truncated() {
    let searcher = Searcher::new().unwrap();
    let results = searcher
        .query(s(&"Sicherheitsgesetz ".repeat(50_000)), JsValue::UNDEFINED)
        .unwrap();
    assert_eq!(get(&results, "truncated").as_bool(), Some(true));
    assert!(get(&results, "total").as_f64().unwrap() > 0.0);
    let plain = searcher.query(s("zoom"), JsValue::UNDEFINED).unwrap();
    assert!(get(&plain, "truncated").is_undefined());
}

#[wasm_bindgen::prelude::wasm_bindgen(
    inline_js = "export function js_sys_limit(limit) { return { limit }; }\nexport function js_sys_object() { return {}; }"
)]
extern "C" {
    fn js_sys_limit(limit: f64) -> JsValue;
    fn js_sys_object() -> JsValue;
}

#[wasm_bindgen_test]
fn a_whole_index_is_complete_lists_no_shard_and_refuses_bytes_as_one() {
    let mut searcher = Searcher::new().expect("opens");
    assert!(searcher.shard_files().is_empty());
    assert!(searcher.complete());
    assert_eq!(searcher.loaded(), 1.0);
    let results = searcher.query(s("zoom"), JsValue::UNDEFINED).expect("answers");
    assert_eq!(get(&results, "complete").as_bool(), Some(true));
    assert_eq!(get(&results, "loaded").as_f64(), Some(1.0));
    let Err(error) = searcher.add_shard(b"not a shard".to_vec()) else {
        panic!("bytes that are no shard were accepted");
    };
    let message = JsValue::from(error);
    let text = get(&message, "message").as_string().unwrap_or_default();
    assert!(text.contains("no shard of this index"), "{text}");
    assert!(searcher.complete());
}
