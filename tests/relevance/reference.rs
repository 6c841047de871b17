//! The reference rankers `make relevance` prints beside Findling: plain BM25 and BM25 +
//! Snowball, as `../shared/corpora/README.md` defines them (Lucene-style BM25, k1 0.9,
//! b 0.4, lowercase `\w+` tokens, no stop words), computed on the same documents and
//! questions as Findling, so that the issue's margin ("0.02 above BM25 + Snowball") can be
//! checked on any collection, the held-out ones included.
//!
//! ```text
//! reference CORPUS_DIR QUERIES_FILE [--stem auto|de|da|en] [--limit N]
//! ```
//!
//! CORPUS_DIR holds one `.txt` file per document (its id is the file name without `.txt`:
//! what `eval.mjs prepare` writes); QUERIES_FILE one query a line. Prints one JSON array of
//! ids a line, best first (ties by id), as `findling search --batch` does. `--stem`
//! reduces every token with the Snowball stemmer of that language; `auto`: of the
//! documents' language, as Findling's detector finds it over all of them together
//! (named on stderr).
//!
//! It is a measuring instrument, deliberately not Findling's analyzer: no folding,
//! compounds, typos, fields or proximity.

use findling::language::{Lang, Tally};
use rust_stemmers::{Algorithm, Stemmer};
use std::collections::HashMap;
use std::io::{self, BufRead, BufWriter, Write};
use std::path::Path;
use std::process::ExitCode;

/// Term-frequency saturation of the reference (the corpora README's).
const K1: f32 = 0.9;
/// Length normalisation of the reference.
const B: f32 = 0.4;

fn main() -> ExitCode {
    match run(&std::env::args().skip(1).collect::<Vec<_>>()) {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("reference: {message}");
            ExitCode::from(2)
        }
    }
}

fn run(args: &[String]) -> Result<(), String> {
    const USAGE: &str = "usage: reference CORPUS_DIR QUERIES_FILE [--stem auto|de|da|en] [--limit N]";
    let (mut paths, mut stem, mut limit) = (Vec::new(), None, 100);
    let mut args = args.iter();
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--stem" => {
                stem = Some(
                    args.next()
                        .ok_or_else(|| format!("--stem takes a language\n{USAGE}"))?,
                )
            }
            "--limit" => {
                limit = args
                    .next()
                    .and_then(|n| n.parse().ok())
                    .ok_or_else(|| format!("--limit takes a number\n{USAGE}"))?
            }
            _ => paths.push(arg),
        }
    }
    let [corpus, queries] = paths[..] else {
        return Err(USAGE.to_string());
    };
    let docs = read_corpus(Path::new(corpus))?;
    let stem = match stem.map(String::as_str) {
        None => None,
        Some("auto") => {
            // Tallies add up, so the documents' sum is the tally of their text joined.
            let mut tally = Tally::default();
            for (_, text) in &docs {
                tally += Tally::of_text(text);
            }
            let lang = tally
                .verdict()
                .ok_or("--stem auto: the documents' language is none of de, da, en")?;
            eprintln!("reference: Snowball {}", lang.code());
            Some(lang)
        }
        Some(code) => {
            Some(Lang::from_code(code).ok_or(format!("--stem takes auto, de, da or en, not {code}"))?)
        }
    };
    let index = Bm25::new(docs, stem.map(|lang| Stemmer::create(snowball(lang))));
    let queries = std::fs::File::open(queries).map_err(|e| format!("{queries}: {e}"))?;
    let mut out = BufWriter::new(io::stdout().lock());
    for line in io::BufReader::new(queries).lines() {
        let line = line.map_err(|e| format!("reading the queries: {e}"))?;
        let ids: Vec<&str> = index.search(&line, limit);
        let json = serde_json::to_string(&ids).map_err(|e| e.to_string())?;
        writeln!(out, "{json}").map_err(|e| e.to_string())?;
    }
    out.flush().map_err(|e| e.to_string())
}

/// The Snowball stemmer of `lang`.
fn snowball(lang: Lang) -> Algorithm {
    match lang {
        Lang::De => Algorithm::German,
        Lang::Da => Algorithm::Danish,
        Lang::En => Algorithm::English,
    }
}

/// Every `.txt` file of `dir` as (id, text), sorted by id.
fn read_corpus(dir: &Path) -> Result<Vec<(String, String)>, String> {
    let mut docs = Vec::new();
    for entry in std::fs::read_dir(dir).map_err(|e| format!("{}: {e}", dir.display()))? {
        let path = entry.map_err(|e| format!("{}: {e}", dir.display()))?.path();
        let Some(id) = path.file_name().and_then(|n| n.to_str()?.strip_suffix(".txt")) else {
            continue;
        };
        let text = std::fs::read_to_string(&path).map_err(|e| format!("{}: {e}", path.display()))?;
        docs.push((id.to_string(), text));
    }
    docs.sort();
    Ok(docs)
}

/// The lowercased `\w+` tokens of `text` (letters, digits and `_`, as Python's Unicode
/// `\w`), each stemmed when a stemmer is given.
fn tokens<'a>(text: &'a str, stemmer: Option<&'a Stemmer>) -> impl Iterator<Item = String> + 'a {
    text.split(|c: char| !(c.is_alphanumeric() || c == '_'))
        .filter(|t| !t.is_empty())
        .map(move |t| {
            let lower = t.to_lowercase();
            match stemmer {
                Some(s) => s.stem(&lower).into_owned(),
                None => lower,
            }
        })
}

/// An inverted index scored with BM25.
struct Bm25 {
    ids: Vec<String>,
    lengths: Vec<u32>,
    average_length: f32,
    postings: HashMap<String, Vec<(u32, u32)>>,
    stemmer: Option<Stemmer>,
}

impl Bm25 {
    fn new(docs: Vec<(String, String)>, stemmer: Option<Stemmer>) -> Bm25 {
        let mut postings: HashMap<String, Vec<(u32, u32)>> = HashMap::new();
        let (mut ids, mut lengths) = (Vec::new(), Vec::new());
        for (doc, (id, text)) in docs.into_iter().enumerate() {
            let mut counts: HashMap<String, u32> = HashMap::new();
            let mut length = 0;
            for token in tokens(&text, stemmer.as_ref()) {
                *counts.entry(token).or_default() += 1;
                length += 1;
            }
            for (term, tf) in counts {
                postings.entry(term).or_default().push((doc as u32, tf));
            }
            ids.push(id);
            lengths.push(length);
        }
        let average_length = lengths.iter().map(|&l| l as f32).sum::<f32>() / lengths.len().max(1) as f32;
        Bm25 {
            ids,
            lengths,
            average_length,
            postings,
            stemmer,
        }
    }

    /// The ids of the best `limit` documents for `query`, ties by id.
    fn search(&self, query: &str, limit: usize) -> Vec<&str> {
        let scores = self.scores(query);
        let mut hits: Vec<usize> = (0..scores.len()).filter(|&d| scores[d] > 0.0).collect();
        hits.sort_by(|&a, &b| {
            scores[b]
                .total_cmp(&scores[a])
                .then(self.ids[a].cmp(&self.ids[b]))
        });
        hits.into_iter()
            .take(limit)
            .map(|d| self.ids[d].as_str())
            .collect()
    }

    /// Every document's score for `query`, each of its tokens a clause (a repeated token
    /// counts again, as repeated clauses of a Lucene query do).
    fn scores(&self, query: &str) -> Vec<f32> {
        let n = self.ids.len() as f32;
        let mut scores = vec![0.0f32; self.ids.len()];
        for token in tokens(query, self.stemmer.as_ref()) {
            let Some(list) = self.postings.get(&token) else {
                continue;
            };
            let df = list.len() as f32;
            let idf = (1.0 + (n - df + 0.5) / (df + 0.5)).ln();
            for &(doc, tf) in list {
                let tf = tf as f32;
                let norm = 1.0 - B + B * self.lengths[doc as usize] as f32 / self.average_length;
                scores[doc as usize] += idf * tf * (K1 + 1.0) / (tf + K1 * norm);
            }
        }
        scores
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn index(docs: &[(&str, &str)], stem: Option<Algorithm>) -> Bm25 {
        let docs = docs
            .iter()
            .map(|(id, text)| (id.to_string(), text.to_string()))
            .collect();
        Bm25::new(docs, stem.map(Stemmer::create))
    }

    #[test]
    fn tokens_are_lowercased_word_characters() {
        let found: Vec<String> = tokens("Grüße, O'Brien: snake_case x2 — ÆBLE!", None).collect();
        assert_eq!(found, ["grüße", "o", "brien", "snake_case", "x2", "æble"]);
        let stemmer = Stemmer::create(Algorithm::English);
        let stemmed: Vec<String> = tokens("Running runners", Some(&stemmer)).collect();
        assert_eq!(stemmed, ["run", "runner"]);
    }

    #[test]
    fn scores_are_lucene_bm25() {
        // Three documents of 4, 2 and 6 tokens (average 4); "b" is in the first, twice.
        let bm25 = index(&[("d1", "a b b a"), ("d2", "a c"), ("d3", "a c c c c c")], None);
        let idf = (1.0f32 + (3.0 - 1.0 + 0.5) / (1.0 + 0.5)).ln();
        let expected = idf * 2.0 * (K1 + 1.0) / (2.0 + K1 * (1.0 - B + B * 4.0 / 4.0));
        assert!((bm25.scores("b")[0] - expected).abs() < 1e-6);
        assert_eq!(bm25.scores("b b")[0], 2.0 * bm25.scores("b")[0]);
        assert_eq!(bm25.search("b", 10), ["d1"]);
        // All have "a" (twice in d1); of d2 and d3 the shorter ranks first; a word no
        // document has adds nothing; the limit cuts.
        assert_eq!(bm25.search("a zzz", 10), ["d1", "d2", "d3"]);
        assert_eq!(bm25.search("a", 1), ["d1"]);
    }

    #[test]
    fn stemming_joins_forms_and_ties_go_by_id() {
        let docs = [("x", "Häuser"), ("a", "Haus"), ("m", "Maus")];
        assert_eq!(index(&docs, None).search("haus", 10), ["a"]);
        assert_eq!(
            index(&docs, Some(Algorithm::German)).search("haus", 10),
            ["a", "x"]
        );
    }
}
