//! "Did you mean": when a query finds nothing, each of its words that matches no term is
//! replaced by the most frequent term within two typos of it, written as the documents
//! write it.

use super::query::{self, Clause};
use super::{expand, typos, Index};
use crate::analysis;
use crate::language::Lang;

impl Index<'_> {
    /// "Did you mean": the query with each word that matches nothing replaced by the most
    /// frequent index word within two typos of it; `None` if no word could be replaced.
    pub(super) fn suggest(&self, input: &str, clauses: &[Clause]) -> Option<String> {
        use fst::{IntoStreamer, Streamer};
        // The input's words, where each stands and what it reads as: a suggestion takes
        // the place of the first of them, not yet replaced, that reads as its clause.
        let words: Vec<(usize, usize, String)> = analysis::tokens(input, None)
            .into_iter()
            .filter(|t| !t.joined)
            .map(|t| (t.start, t.end, analysis::lowercase(&input[t.start..t.end])))
            .collect();
        let mut replaced: Vec<Option<String>> = vec![None; words.len()];
        // Only the words matched by typo too (see `query::fuzzy_words`).
        for (clause, fuzzy) in clauses.iter().zip(query::fuzzy_words(clauses)) {
            let (Clause::Word { text, .. }, 1..) = (clause, fuzzy) else {
                continue;
            };
            if !self.cached_word_matches(text, false, false, true).is_empty() || text.chars().count() < 3 {
                continue;
            }
            let folded = analysis::fold(text);
            // The closest words first, then the most frequent of them.
            let mut best: Option<(u32, u64)> = None;
            for distance in 1..=2 {
                let Some(automaton) = typos::Typos::new(&folded, distance) else {
                    break;
                };
                let mut stream = self
                    .parts
                    .terms()
                    .search(expand::ExactForms(automaton))
                    .into_stream();
                while let Some((_, ordinal)) = stream.next() {
                    let freq = self.parts.doc_freq(ordinal);
                    if best.as_ref().is_none_or(|(f, _)| freq > *f) {
                        best = Some((freq, ordinal));
                    }
                }
                if best.is_some() {
                    break;
                }
            }
            let Some(word) = best.and_then(|(_, ordinal)| self.surface_form(ordinal)) else {
                continue;
            };
            let at = (0..words.len()).find(|&i| replaced[i].is_none() && words[i].2 == *text);
            if let Some(i) = at {
                replaced[i] = Some(word);
            }
        }
        if replaced.iter().all(Option::is_none) {
            return None;
        }
        // From the last word back, so that the places before stay where they are.
        let mut out = input.to_owned();
        for ((start, end, _), word) in words.iter().zip(replaced).rev() {
            if let Some(word) = word {
                out.replace_range(*start..*end, &word);
            }
        }
        Some(out)
    }

    /// How a term is written in the first document that has it (terms are folded).
    fn surface_form(&self, ordinal: u64) -> Option<String> {
        let mut first: Option<(u32, u32)> = None;
        let _ = self.parts.for_each_posting(ordinal, |doc, positions| {
            if first.is_none() {
                first = positions.first().map(|&p| (doc, p));
            }
        });
        let (doc, position) = first?;
        let entry = self.parts.entry(doc)?;
        let d = &entry.document;
        let lang = d.lang.as_deref().and_then(Lang::from_code);
        let (text, position) = if position < entry.title_terms {
            (d.title.as_str(), position)
        } else {
            (self.parts.text(doc), position - entry.title_terms)
        };
        let token = analysis::tokens(text, lang)
            .into_iter()
            .find(|t| t.position == position && !t.joined)?;
        Some(analysis::lowercase(&text[token.start..token.end]))
    }
}
