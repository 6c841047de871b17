//! Fuzz targets that stay: property tests that feed arbitrary text and bytes to every
//! part that reads untrusted input — the query parser and the search behind it, the
//! index reader, and each corpus reader — and check that none panics and that each
//! keeps its promises (bounded queries, no lost words, offsets inside the index).
//!
//! `make test` runs each target for [`CASES`] cases. To run them longer, set
//! `PROPTEST_CASES` and build optimised (the `eval` profile: no LTO, quick to build), e.g.
//! `PROPTEST_CASES=200000 cargo test --profile eval --test fuzz query_parse` (about two
//! minutes here; the index and reader targets run ten times as many per second).
//! A failing case is shrunk and saved in `tests/fuzz.proptest-regressions`, which is
//! checked in and re-run first; a bug it finds also gets a named regression test below.

use findling::corpus::{self, html, jsonl, markdown, text, Format};
use findling::format::IndexReader;
use findling::search::query::{self, Clause, MAX_PHRASE_WORDS, MAX_WORDS};
use findling::search::{Index, Matching, Options};
use findling::wire::{WireDocument, WireResults};
use proptest::prelude::*;
use std::path::Path;

/// Cases per target in `make test`, unless `PROPTEST_CASES` says otherwise.
const CASES: u32 = 256;

fn config() -> ProptestConfig {
    let mut config = ProptestConfig::default();
    if std::env::var_os("PROPTEST_CASES").is_none() {
        config.cases = CASES;
    }
    config
}

/// Text that is mostly query syntax and corpus markup, so the parsers' branches are
/// reached, mixed with any Unicode at all.
fn hostile_text(max: usize) -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        4 => prop::sample::select(vec![
            " ", "  ", "\n", "\r\n", "\n\n", "\t", "\"", "-", "--", "OR", ":", "..", "lang:",
            "source:", "year:", "tag:", "2021", "de", "*", "#", "# ", "---\n", "+++\n", "title:",
            "<p>", "</p>", "<a href=\"x\">", "<main>", "<!--", "-->", "&amp;", "&#x0;", "```",
            "{", "}", "[", "]", ",", "\u{feff}", "\u{0}", "\u{200b}", "ß", "Ö", "ﬁ", "İ",
            "Zoom", "zoom", "Sicherheitsgesetz", "Behörden", "Video-", "Konferenz", "a", "é",
            "\u{301}", "😀", "\u{10ffff}",
        ])
        .prop_map(String::from),
        1 => any::<String>(),
    ];
    prop::collection::vec(piece, 0..max).prop_map(|pieces| pieces.concat())
}

/// Markdown made mostly of the syntax that opens, continues and closes blocks (fences,
/// HTML blocks, lists, quotes, indentation, blank lines, link references), and any text.
fn markdown_text(max: usize) -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        6 => prop::sample::select(vec![
            "\n", "\n\n", "\n\n", "\r\n", " ", "  ", "    ", "\t", "```", "```rust", "~~~", "````", "# ",
            "## ", "Title\n===", "- ", "* ", "1. ", "> ", "| a | b |\n|---|---|\n| 1 | 2 |", "<!--", "-->",
            "<pre>", "</pre>", "<script>", "</script>", "<div>", "</div>", "<?", "?>", "<!X", ">", "<![CDATA[",
            "]]>", "[a]", "[b][a]", "[A]", "[a]: /u\n", "[ A ]: /v \"t\"\n", "[b]:\n/w\n", "![i](x.png)",
            "*em*", "`code`", "&amp;", "---\n", "title: x\n", "Wort", "Satz.", "ß", "😀",
        ])
        .prop_map(String::from),
        1 => "[^\\[\\^]{0,12}",
    ];
    prop::collection::vec(piece, 0..max).prop_map(|pieces| pieces.concat())
}

/// HTML made mostly of tags that the parser closes, reopens, fosters and skips (implied
/// end tags, formatting elements, tables, raw text, comments, foreign content, the
/// content root's candidates and title markers), and any text.
fn html_text(max: usize) -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        8 => prop::sample::select(vec![
            "<!doctype html>", "<html lang=de>", "<head>", "</head>", "<title>T</title>", "<body>", "</body>",
            "<main>", "</main>", "<main hidden>", "<article>", "</article>", "<div data-findling-body>",
            "<h1 data-findling-title>", "<p>", "</p>", "<div>", "</div>", "<div class=\"a b\" id=x1>", "<h1>",
            "</h1>", "<h2>", "</h2>", "<ul>", "</ul>", "<li>", "</li>", "<dl><dt>", "<dd>", "<pre>", "</pre>",
            "<table>", "</table>", "<tr>", "<td>", "</td>", "<b>", "</b>", "<a href=x>", "</a>", "<i>", "</i>",
            "<span>", "</span>", "<br>", "</br>", "<hr>", "<img alt=a>", "<script>", "</script>", "<style>",
            "</style>", "<textarea>", "</textarea>", "<!--", "-->", "<svg>", "</svg>", "<math>", "</math>",
            "<template>", "</template>", "<select>", "<option>", "</select>", "<nav>", "</nav>", "<header>",
            "</header>", "<footer>", "<section>", "</section>", "<form>", "</form>", "<button>", "<time datetime=2021-04-07>",
            "<meta name=author content=A>", "<link rel=canonical href=/c/>", "<frameset>", "<plaintext>",
            "<noscript>", "</noscript>", "<blockquote>", "<details>", "<summary>", "<nobr>", "<font>",
            "<H1>", "</H1>", "<TITLE>U</TITLE>", "<TIME DATETIME=2020-01-02>", "<Meta Name=keywords Content=k>",
            "<LINK REL=canonical HREF=/d/>", "<p LANG=da>", "<h1 DATA-FINDLING-TITLE>", "--!>",
            "Wort ", "Satz. ", " ", "\n", "&amp;", "<", ">", "\"", "'", "=", "ß", "😀",
        ])
        .prop_map(String::from),
        1 => "[^<>]{0,12}",
    ];
    prop::collection::vec(piece, 0..max).prop_map(|pieces| pieces.concat())
}

/// Blocks with consecutive code blocks joined into one.
fn code_joined(blocks: Vec<corpus::RawBlock>) -> Vec<corpus::RawBlock> {
    let mut joined: Vec<corpus::RawBlock> = Vec::new();
    for b in blocks {
        match joined.last_mut() {
            Some(last) if last.kind == corpus::BlockKind::Code && b.kind == corpus::BlockKind::Code => {
                last.text.push(' ');
                last.text.push_str(&b.text);
            }
            _ => joined.push(b),
        }
    }
    joined
}

/// Any bytes, or text as bytes.
fn any_bytes() -> BoxedStrategy<Vec<u8>> {
    prop_oneof![
        prop::collection::vec(any::<u8>(), 0..400),
        hostile_text(80).prop_map(String::into_bytes),
    ]
    .boxed()
}

/// How many words a query holds, over its clauses and exclusions.
fn words_in(clauses: &[Clause]) -> usize {
    clauses
        .iter()
        .map(|c| match c {
            Clause::Word { .. } => 1,
            Clause::Phrase(words) => words.len(),
            Clause::Any(any) => words_in(any),
        })
        .sum()
}

fn phrases_within_limit(clauses: &[Clause]) -> bool {
    clauses.iter().all(|c| match c {
        Clause::Phrase(words) => words.len() <= MAX_PHRASE_WORDS,
        Clause::Any(any) => phrases_within_limit(any),
        Clause::Word { .. } => true,
    })
}

fn embedded() -> Index<'static> {
    Index::embedded().expect("the embedded index opens")
}

proptest! {
    #![proptest_config(config())]

    /// The parser takes anything and keeps the query within its limits.
    #[test]
    fn query_parse_is_total_and_bounded(input in prop_oneof![hostile_text(64), hostile_text(600)]) {
        let q = query::parse(&input);
        let words = words_in(&q.clauses) + words_in(&q.excluded);
        prop_assert!(words <= MAX_WORDS, "{} words", words);
        prop_assert!(phrases_within_limit(&q.clauses) && phrases_within_limit(&q.excluded));
        if input.chars().count() > query::MAX_QUERY_CHARS {
            prop_assert!(q.truncated);
        }
        let _ = q.without_stop_words();
    }

    /// Any query against the real index answers, within `limit`, with highlights that
    /// are valid ranges of their text.
    #[test]
    fn search_answers_anything(
        input in hostile_text(48),
        limit in 0usize..12,
        any in any::<bool>(),
        facets in any::<bool>(),
    ) {
        let index = embedded();
        let matching = if any { Matching::Any } else { Matching::All };
        let results = index.query(&input, Options { limit, matching, facets });
        prop_assert!(results.hits.len() <= limit.min(results.total));
        for hit in &results.hits {
            for h in [&hit.title, &hit.snippet] {
                for r in &h.highlights {
                    prop_assert!(h.text.get(r.clone()).is_some(), "{:?} in {:?}", r, h.text);
                }
            }
        }
        let _ = WireResults::new(&results, &index);
        // Each hit read as the reader opens it: ascending, disjoint ranges of its whole
        // title and text, at least as many as its excerpt has, one where it opens.
        for hit in &results.hits {
            let reading = index.read(&hit.id, &input, matching);
            prop_assert!(reading.is_some(), "{} is not read", hit.id);
            let reading = reading.unwrap();
            prop_assert_eq!(&reading.text.text, &reading.document.text);
            prop_assert_eq!(&reading.title.highlights, &hit.title.highlights);
            prop_assert_eq!(reading.text.focus, hit.snippet.focus);
            for h in [&reading.title, &reading.text] {
                for pair in h.highlights.windows(2) {
                    prop_assert!(pair[0].end <= pair[1].start, "{:?} in {:?}", pair, h.text);
                }
                for r in &h.highlights {
                    prop_assert!(h.text.get(r.clone()).is_some(), "{:?} in {:?}", r, h.text);
                }
            }
            // The word the excerpt is about is marked there.
            let focus = reading.text.focus;
            prop_assert!(
                hit.snippet.highlights.is_empty()
                    || reading.text.highlights.iter().any(|r| r.start <= focus && focus < r.end),
                "{} at {}", hit.id, focus
            );
            let wire = WireDocument::read(&reading);
            let units = reading.text.text.encode_utf16().count() as u32;
            let marks = wire.highlights.map(|h| h.text).unwrap_or_default();
            prop_assert!(marks.iter().all(|r| r[0] < r[1] && r[1] <= units));
        }
    }

    /// Damage anywhere (several bytes, a cut) in the real index is an error or a
    /// readable index, never a panic, and every document and postings list can be read.
    #[test]
    fn index_reader_survives_damage(
        damage in prop::collection::vec((any::<prop::sample::Index>(), any::<u8>()), 1..8),
        cut in any::<prop::sample::Index>(),
        cut_it in any::<bool>(),
    ) {
        let mut bytes = findling::EMBEDDED_INDEX.to_vec();
        for (at, byte) in damage {
            let i = at.index(bytes.len());
            bytes[i] = byte;
        }
        if cut_it {
            bytes.truncate(cut.index(bytes.len()));
        }
        if let Ok(reader) = IndexReader::from_bytes(&bytes) {
            for o in 0..u64::from(reader.term_count()) {
                let _ = reader.postings(o);
                let _ = reader.doc_freq(o);
            }
            let _ = Index::new(reader).query("zoom sicherheitsgesetz", Options::default());
        }
    }

    /// The text reader loses no word: every whitespace-separated word of the input is in
    /// its blocks (lines may be joined, never cut).
    #[test]
    fn text_reader_keeps_every_word(input in hostile_text(80)) {
        let blocks = text::read(&input);
        let all = blocks.iter().map(|b| b.text.as_str()).collect::<Vec<_>>().join("\n");
        for word in input.split_whitespace() {
            prop_assert!(all.contains(word), "{:?} lost from {:?}", word, all);
        }
    }

    /// The HTML, Markdown and JSON lines readers take anything.
    #[test]
    fn markup_readers_are_total(input in hostile_text(80)) {
        let _ = html::read(&input, "page.html");
        let _ = markdown::read(&input, "page.md");
        let _ = jsonl::read(&input, "docs.jsonl", Path::new("docs.jsonl"));
    }

    /// A Markdown page read in chunks ([`markdown::Chunked`], for pages larger than a
    /// part) gives the blocks of the page read whole, cut wherever it may be (chunks of
    /// one byte), but that a fenced code block comes in pieces. Footnotes are left out:
    /// a footnote defined in another chunk keeps its marker, the documented limit.
    #[test]
    fn markdown_read_in_chunks_reads_as_the_whole_page(input in markdown_text(60)) {
        let whole = markdown::read(&input, "page.md");
        let chunked = markdown::Chunked::with_chunk_bytes(&input, "page.md", 1).map(|c| {
            c.map(|c| {
                let mut blocks = Vec::new();
                c.blocks(&mut |b| blocks.push(b));
                (c.meta, blocks)
            })
        });
        let joined = |read: Result<Option<(corpus::Meta, Vec<corpus::RawBlock>)>, corpus::Malformed>| {
            read.map(|page| page.map(|(meta, blocks)| (meta, code_joined(blocks))))
        };
        prop_assert_eq!(joined(chunked), joined(whole), "{:?}", input);
    }

    /// An HTML page read in segments ([`html::Segmented`], for pages larger than a part)
    /// gives the metadata and blocks of the page read whole, cut wherever it may be.
    #[test]
    fn html_read_in_segments_reads_as_the_whole_page(input in html_text(80)) {
        let whole = html::read(&input, "page.html");
        let segmented = html::Segmented::with_segment_bytes(&input, "page.html", 1);
        let mut blocks = Vec::new();
        segmented.blocks(&mut |b| blocks.push(b));
        prop_assert_eq!((segmented.meta, blocks), whole, "{:?}", input);
    }

    /// Whole files of arbitrary bytes, in every format, read and clean without a panic.
    #[test]
    fn files_of_any_bytes_read_and_clean(
        data in any_bytes(),
        format in prop::sample::select(Format::ALL.to_vec()),
    ) {
        let path = Path::new("fuzz/file");
        if let Ok(Ok(pages)) = corpus::read(path, "file", format, &data) {
            let _ = findling::clean::clean_pages(&pages);
        }
    }
}
