//! Query syntax: words, `"quoted phrases"`, `-word` and `-"phrase"` negation, `OR`, and
//! the filters `lang:de`, `source:name`, `year:2021` / `year:2020..2021`, `tag:name`,
//! each of which can be negated too (`-lang:de`: no German document).
//!
//! Parsing never fails: malformed syntax (an unclosed quote, a lone `-`, a filter with
//! no value, a dangling `OR`) is read as plain words, as a search box should.
//!
//! Parsing bounds the work of a query, whatever is pasted into the box: it reads at most
//! [`MAX_QUERY_CHARS`] characters, keeps at most [`MAX_WORDS`] words and
//! [`MAX_PHRASE_WORDS`] per phrase, and says so in [`Query::truncated`]; the search then
//! expands only the first [`MAX_FUZZY_WORDS`] words by compound part and typo.

use crate::analysis;
use crate::language::{asks_for_an_amount, is_question_word, is_stop_word_of_any};

/// Most characters of a query that are read: a search box query is a few words; a pasted
/// page beyond this would only cost time (the rest is ignored and the query marked truncated).
pub const MAX_QUERY_CHARS: usize = 1_000;

/// Most words a query keeps, counted over its words, phrases and exclusions (a negated
/// filter counts as one too: each is checked against every document): each word
/// is a dictionary lookup and a postings merge, and no document is told apart by more.
pub const MAX_WORDS: usize = 32;

/// Most words of one quoted phrase: a longer quote is a pasted sentence, and its first
/// words already pin the place down.
pub const MAX_PHRASE_WORDS: usize = 16;

/// Query words (clauses, after stop words are dropped) that are also matched as compound
/// parts and with typos: each such word scans the whole dictionary, so the words after
/// these match exactly, by stem or as the prefix being typed only.
pub const MAX_FUZZY_WORDS: usize = 8;

/// One thing a document must (or must not) contain.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Clause {
    /// A word, lowercased as typed; `prefix` when it is still being typed.
    Word {
        /// The word.
        text: String,
        /// Whether it also matches as a prefix.
        prefix: bool,
    },
    /// Words that must stand next to each other, in order.
    Phrase(Vec<String>),
    /// Any one of these.
    Any(Vec<Clause>),
}

/// Restrictions on document metadata.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Filters {
    /// Language code the document must have.
    pub lang: Option<String>,
    /// Text the document's source must contain (case-insensitive).
    pub source: Option<String>,
    /// Inclusive range of publication years.
    pub years: Option<(u32, u32)>,
    /// A tag the document must have (case-insensitive, the whole tag).
    pub tag: Option<String>,
}

/// A parsed query.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Query {
    /// What documents should contain.
    pub clauses: Vec<Clause>,
    /// What they must not contain.
    pub excluded: Vec<Clause>,
    /// Metadata restrictions.
    pub filters: Filters,
    /// Negated filters, one restriction each: a document that meets any of them is left
    /// out (`-lang:de -year:2020`: neither German nor of 2020).
    pub excluded_filters: Vec<Filters>,
    /// Whether the input was cut at [`MAX_QUERY_CHARS`], [`MAX_WORDS`] or
    /// [`MAX_PHRASE_WORDS`].
    pub truncated: bool,
    /// The places in `clauses` of the stop words typed after a hyphen (`git-am`,
    /// `check-in`, `git-for-each-ref`): part of what the word names, so
    /// [`Query::without_stop_words`] keeps them.
    hyphenated: Vec<usize>,
    /// The stop words [`Query::without_stop_words`] left out, each with the number of
    /// clauses kept before it.
    left_out: Vec<(usize, String)>,
}

/// A word of the query in the order it was typed: see [`Query::typed`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Typed<'q> {
    /// The clause at this place of [`Query::clauses`].
    Clause(usize),
    /// A stop word left out of the clauses.
    Stop(&'q str),
}

impl Query {
    /// Drops the finished stop words of any language ("die", "og", "the"), question
    /// words ([`is_question_word`]: "wann", "hvornår") and the word after one that asks
    /// for an amount ([`asks_for_an_amount`]: "how many", "wie oft"), when the query
    /// has other words: they occur in nearly every document, so they cannot tell documents
    /// apart, but in any-word matching they let through everything, and in all-word
    /// matching they exclude pages in another language. Phrases keep theirs, the word
    /// still being typed stays (it may become "dienst"), and a query of stop words only is
    /// left as it is, so it still finds something. A stop word after a hyphen is part of
    /// a name and stays too ("git-am", "check-in", "end-to-end"); one that starts a
    /// hyphenated word is left out like any other ("Who-Serie", "US-Präsident").
    ///
    /// ```
    /// use findling::search::query::{parse, Clause};
    /// let word = |w: &str, prefix| Clause::Word { text: w.into(), prefix };
    /// let q = parse("die Behörden und der Vertrag ").without_stop_words();
    /// assert_eq!(q.clauses, [word("behörden", false), word("vertrag", false)]);
    /// assert_eq!(parse("Behörden die").without_stop_words().clauses.len(), 2);
    /// assert_eq!(parse("to be or not to be ").without_stop_words().clauses.len(), 6);
    /// assert_eq!(parse(r#""in der" Stadt"#).without_stop_words().clauses.len(), 2);
    /// assert_eq!(parse("git-am ").without_stop_words().clauses, [word("git", false), word("am", false)]);
    /// assert_eq!(parse("git am ").without_stop_words().clauses, [word("git", false)]);
    /// assert_eq!(parse("end-to-end ").without_stop_words().clauses.len(), 3);
    /// assert_eq!(parse("Who-Serie ").without_stop_words().clauses, [word("serie", false)]);
    /// assert_eq!(parse("Wann starb Tesla ").without_stop_words().clauses, [word("starb", false), word("tesla", false)]);
    /// assert_eq!(parse("check-in in Berlin ").without_stop_words().clauses.len(), 3);
    /// assert_eq!(parse("Wie oft wählt Berlin ").without_stop_words().clauses, [word("wählt", false), word("berlin", false)]);
    /// assert_eq!(parse("how many ").without_stop_words().clauses.len(), 2);
    /// assert_eq!(parse("how man").without_stop_words().clauses, [word("man", true)]);
    /// ```
    pub fn without_stop_words(mut self) -> Query {
        fn finished(c: &Clause) -> Option<&str> {
            match c {
                Clause::Word { text, prefix: false } => Some(text),
                _ => None,
            }
        }
        let stop: Vec<bool> = (0..self.clauses.len())
            .map(|at| {
                let Some(text) = finished(&self.clauses[at]) else {
                    return false;
                };
                let question = at
                    .checked_sub(1)
                    .and_then(|before| finished(&self.clauses[before]));
                is_stop_word_of_any(text)
                    || is_question_word(text)
                    || question.is_some_and(|q| asks_for_an_amount(q, text))
            })
            .collect();
        if stop.contains(&false) {
            let hyphenated = std::mem::take(&mut self.hyphenated);
            let (mut at, mut kept) = (0, 0);
            let mut left_out = Vec::new();
            self.clauses.retain(|c| {
                at += 1;
                let keep = !stop[at - 1] || hyphenated.contains(&(at - 1));
                match c {
                    Clause::Word { text, .. } if !keep => left_out.push((kept, text.clone())),
                    _ => kept += 1,
                }
                keep
            });
            self.left_out = left_out;
        }
        self
    }

    /// The words of a query of plain words (no phrase, no `OR`, no negation) in the order
    /// they were typed: each a clause, or a stop word that [`Query::without_stop_words`]
    /// left out. What tells a document that holds the words typed in a row.
    ///
    /// ```
    /// use findling::search::query::{parse, Typed};
    /// let q = parse("zu erzeugen oder das Internet ").without_stop_words();
    /// use Typed::{Clause, Stop};
    /// assert_eq!(q.typed(), Some(vec![Stop("zu"), Clause(0), Stop("oder"), Stop("das"), Clause(1)]));
    /// assert_eq!(parse("Datei öffn").typed(), Some(vec![Clause(0), Clause(1)]));
    /// assert_eq!(parse(r#""in der" Stadt"#).without_stop_words().typed(), None);
    /// assert_eq!(parse("Stadt -Land").typed(), None);
    /// ```
    pub fn typed(&self) -> Option<Vec<Typed<'_>>> {
        let words = self.clauses.iter().all(|c| matches!(c, Clause::Word { .. }));
        if !words || !self.excluded.is_empty() {
            return None;
        }
        let mut out = Vec::with_capacity(self.clauses.len() + self.left_out.len());
        let mut left_out = self.left_out.iter().peekable();
        for k in 0..=self.clauses.len() {
            while let Some((_, word)) = left_out.next_if(|(before, _)| *before == k) {
                out.push(Typed::Stop(word));
            }
            if k < self.clauses.len() {
                out.push(Typed::Clause(k));
            }
        }
        Some(out)
    }
}

/// For each clause, how many of its words may still be matched by compound part and
/// typo: [`MAX_FUZZY_WORDS`] less the words of the clauses before it, where every
/// alternative of an `OR` is a word (and a phrase counts as one, matched exactly).
///
/// ```
/// use findling::search::query::{fuzzy_words, parse, MAX_FUZZY_WORDS};
/// let q = parse("a OR b OR c d \"e f\" g");
/// let m = MAX_FUZZY_WORDS;
/// assert_eq!(fuzzy_words(&q.clauses), [m, m - 3, m - 4, m - 5]);
/// ```
pub fn fuzzy_words(clauses: &[Clause]) -> Vec<usize> {
    let mut left = MAX_FUZZY_WORDS;
    clauses
        .iter()
        .map(|clause| {
            let here = left;
            left = left.saturating_sub(match clause {
                Clause::Any(alternatives) => alternatives.len(),
                _ => 1,
            });
            here
        })
        .collect()
}

/// Parses a query string.
///
/// ```
/// use findling::search::query::{parse, Clause};
/// let q = parse(r#""neue Sicherheitsgesetz" -zoom lang:de year:2020..2021 Hong"#);
/// assert_eq!(q.clauses[0], Clause::Phrase(vec!["neue".into(), "sicherheitsgesetz".into()]));
/// assert_eq!(q.clauses[1], Clause::Word { text: "hong".into(), prefix: true });
/// assert_eq!(q.excluded, [Clause::Word { text: "zoom".into(), prefix: false }]);
/// assert_eq!(q.filters.lang.as_deref(), Some("de"));
/// assert_eq!(q.filters.years, Some((2020, 2021)));
/// assert!(!q.truncated);
/// ```
///
/// A negated filter leaves out what it names; it is not read as words to exclude:
///
/// ```
/// use findling::search::query::{parse, Filters, MAX_WORDS};
/// let q = parse(r#"zoom -year:2020 -source:"Daily Planet""#);
/// assert!(q.excluded.is_empty());
/// assert_eq!(q.excluded_filters, [
///     Filters { years: Some((2020, 2020)), ..Filters::default() },
///     Filters { source: Some("daily planet".into()), ..Filters::default() },
/// ]);
/// // Each counts as a word: a pasted list of them stops at the limit.
/// let q = parse(&"-lang:de ".repeat(40));
/// assert_eq!((q.excluded_filters.len(), q.truncated), (MAX_WORDS, true));
/// ```
///
/// Beyond the limits, the rest is ignored:
///
/// ```
/// use findling::search::query::{parse, MAX_WORDS};
/// let q = parse(&"zoom ".repeat(500));
/// assert_eq!(q.clauses.len(), MAX_WORDS);
/// assert!(q.truncated);
/// ```
pub fn parse(input: &str) -> Query {
    let (input, cut) = cut(input);
    let mut query = Query {
        truncated: cut,
        ..Query::default()
    };
    let mut budget = MAX_WORDS;
    let mut pending_or = false;
    let mut rest = input;
    while let Some(start) = rest.find(|c: char| !c.is_whitespace()) {
        rest = &rest[start..];
        let negated =
            rest.starts_with('-') && rest[1..].starts_with(|c: char| !c.is_whitespace() && c != '-');
        let body = if negated { &rest[1..] } else { rest };
        // A filter with a quoted value, such as source:"Daily Planet".
        if let Some((token, len)) = quoted_filter(body) {
            if read_filter(&token, negated, &mut query, &mut budget) {
                rest = &body[len..];
                continue;
            }
        }
        // A quoted phrase, if its quote closes.
        let (clauses, hyphenated, consumed) =
            if let Some(inner) = body.strip_prefix('"').filter(|b| b.contains('"')) {
                let end = inner.find('"').unwrap_or(inner.len());
                let words = words_of(&inner[..end]);
                let clause = match words.len() {
                    0 => None,
                    1 => Some(Clause::Word {
                        text: words[0].clone(),
                        prefix: false,
                    }),
                    _ => Some(Clause::Phrase(words)),
                };
                (
                    clause.into_iter().collect::<Vec<_>>(),
                    Vec::new(),
                    body.len() - inner.len() + end + 1,
                )
            } else {
                let end = body.find(char::is_whitespace).unwrap_or(body.len());
                let token = &body[..end];
                if !negated && token == "OR" && !query.clauses.is_empty() {
                    pending_or = true;
                    rest = &body[end..];
                    continue;
                }
                if read_filter(token, negated, &mut query, &mut budget) {
                    rest = &body[end..];
                    continue;
                }
                let at_end = end == body.len();
                let words = words_of(token);
                let n = words.len();
                let hyphenated = hyphenated_stop_words(token);
                let clauses = words
                    .into_iter()
                    .enumerate()
                    .map(|(i, text)| Clause::Word {
                        text,
                        prefix: at_end && i + 1 == n && ends_in_word(token),
                    })
                    .collect();
                (clauses, hyphenated, end)
            };
        rest = &body[consumed.min(body.len())..];
        for (i, clause) in clauses.into_iter().enumerate() {
            // Past the word budget words are dropped, but filters still count.
            let Some(clause) = within(clause, &mut budget, &mut query.truncated) else {
                continue;
            };
            if negated {
                query.excluded.push(without_prefix(clause));
            } else if std::mem::take(&mut pending_or) {
                let previous = query.clauses.pop().map(without_prefix);
                let merged = match previous {
                    Some(Clause::Any(mut any)) => {
                        any.push(clause);
                        Clause::Any(any)
                    }
                    Some(p) => Clause::Any(vec![p, clause]),
                    None => clause,
                };
                query.clauses.push(merged);
            } else {
                if hyphenated.get(i) == Some(&true) {
                    query.hyphenated.push(query.clauses.len());
                }
                query.clauses.push(clause);
            }
        }
    }
    if pending_or && budget > 0 {
        query.clauses.push(Clause::Word {
            text: "or".into(),
            prefix: false,
        });
    }
    if cut {
        // The last word was cut, not typed: it is no prefix.
        if let Some(last) = query.clauses.pop() {
            query.clauses.push(without_prefix(last));
        }
    }
    query
}

/// The first [`MAX_QUERY_CHARS`] characters of `input`, and whether that is not all of it.
///
/// ```
/// use findling::search::query::{cut, MAX_QUERY_CHARS};
/// assert_eq!(cut("zoom"), ("zoom", false));
/// let long = "ö".repeat(MAX_QUERY_CHARS + 1);
/// assert_eq!(cut(&long), (&long[..2 * MAX_QUERY_CHARS], true));
/// ```
pub fn cut(input: &str) -> (&str, bool) {
    match input.char_indices().nth(MAX_QUERY_CHARS) {
        Some((end, _)) => (&input[..end], true),
        None => (input, false),
    }
}

/// `clause` within the words left in `budget` (a phrase cut to them and to
/// [`MAX_PHRASE_WORDS`]), counting what it takes; `None` when no word is left. Sets
/// `truncated` when anything is cut.
fn within(clause: Clause, budget: &mut usize, truncated: &mut bool) -> Option<Clause> {
    let clause = match clause {
        Clause::Phrase(mut words) => {
            let keep = words.len().min(MAX_PHRASE_WORDS).min(*budget);
            if keep < words.len() {
                *truncated = true;
                words.truncate(keep);
            }
            match words.len() {
                0 => return None,
                1 => Clause::Word {
                    text: words.remove(0),
                    prefix: false,
                },
                _ => Clause::Phrase(words),
            }
        }
        _ if *budget == 0 => {
            *truncated = true;
            return None;
        }
        other => other,
    };
    *budget -= match &clause {
        Clause::Phrase(words) => words.len(),
        _ => 1,
    };
    Some(clause)
}

/// Reads the filter `token` into `query`, a negated one as one more of its excluded
/// filters while the word `budget` lasts (beyond it, it is dropped and the query marked
/// truncated); false if `token` is not a valid filter.
fn read_filter(token: &str, negated: bool, query: &mut Query, budget: &mut usize) -> bool {
    if !negated {
        return filter(token, &mut query.filters);
    }
    let mut one = Filters::default();
    let valid = filter(token, &mut one);
    match (valid, *budget) {
        (false, _) => {}
        (true, 0) => query.truncated = true,
        (true, _) => {
            *budget -= 1;
            query.excluded_filters.push(one);
        }
    }
    valid
}

/// Reads `key:value` filters into `filters`; false if `token` is not a valid filter.
fn filter(token: &str, filters: &mut Filters) -> bool {
    let Some((key, value)) = token.split_once(':') else {
        return false;
    };
    if value.is_empty() || value.contains('"') {
        return false;
    }
    match key {
        "lang" if value.chars().all(|c| c.is_ascii_alphabetic()) => {
            filters.lang = Some(value.to_ascii_lowercase());
            true
        }
        "source" => {
            filters.source = Some(value.to_lowercase());
            true
        }
        "tag" => {
            filters.tag = Some(value.to_lowercase());
            true
        }
        "year" => {
            let (from, to) = value.split_once("..").unwrap_or((value, value));
            match (from.parse::<u32>(), to.parse::<u32>()) {
                (Ok(a), Ok(b)) => {
                    filters.years = Some((a.min(b), a.max(b)));
                    true
                }
                _ => false,
            }
        }
        _ => false,
    }
}

/// A `key:"quoted value"` at the start of `text`, as the token `key:value` and the
/// length it takes in `text`; `None` unless the key is a word and the quote closes.
fn quoted_filter(text: &str) -> Option<(String, usize)> {
    let (key, after) = text.split_once(':')?;
    let inner = after.strip_prefix('"')?;
    let end = inner.find('"')?;
    let value = inner[..end].split_whitespace().collect::<Vec<_>>().join(" ");
    let plain_key = !key.is_empty() && key.chars().all(|c| c.is_ascii_alphabetic());
    (plain_key && !value.is_empty()).then(|| (format!("{key}:{value}"), key.len() + end + 3))
}

/// The lowercased words of a piece of query text.
fn words_of(text: &str) -> Vec<String> {
    analysis::tokens(text, None)
        .into_iter()
        .filter(|t| !t.joined)
        .map(|t| analysis::lowercase(&text[t.start..t.end]))
        .collect()
}

/// For each word of `token` ([`words_of`]), whether it is a stop word after a hyphen
/// (`git-am`, `check-in,`, `git-for-each-ref`).
fn hyphenated_stop_words(token: &str) -> Vec<bool> {
    analysis::tokens(token, None)
        .into_iter()
        .filter(|t| !t.joined)
        .map(|t| {
            let word = analysis::lowercase(&token[t.start..t.end]);
            token[..t.start].ends_with('-') && is_stop_word_of_any(&word)
        })
        .collect()
}

/// Whether `token` ends inside a word (the reader is still typing it).
fn ends_in_word(token: &str) -> bool {
    token.chars().last().is_some_and(char::is_alphanumeric)
}

/// The clause with prefix matching turned off (negations and OR-ed words are finished).
fn without_prefix(clause: Clause) -> Clause {
    match clause {
        Clause::Word { text, .. } => Clause::Word { text, prefix: false },
        other => other,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn word(text: &str, prefix: bool) -> Clause {
        Clause::Word {
            text: text.into(),
            prefix,
        }
    }

    #[test]
    fn a_filter_value_may_be_quoted() {
        let q = parse(r#"zoom source:"Daily  Planet" year:2020"#);
        assert_eq!(q.filters.source.as_deref(), Some("daily planet"));
        assert_eq!(q.filters.years, Some((2020, 2020)));
        assert_eq!(q.clauses, [word("zoom", false)]);
        // Unclosed, empty or unknown: plain words, as any malformed syntax.
        let unclosed = parse(r#"source:"Daily Planet"#);
        assert_eq!((unclosed.filters.source, unclosed.clauses.len()), (None, 3));
        assert_eq!(parse(r#"source:"" zoom"#).filters.source, None);
        assert_eq!(parse(r#"colour:"red" zoom"#).clauses.len(), 3);
    }

    #[test]
    fn plain_words_and_the_prefix_of_the_last() {
        assert_eq!(
            parse("Zoom Russ").clauses,
            [word("zoom", false), word("russ", true)]
        );
        assert_eq!(
            parse("Zoom Russ ").clauses,
            [word("zoom", false), word("russ", false)]
        );
        assert_eq!(parse("Zoom!").clauses, [word("zoom", false)]);
        assert_eq!(parse("").clauses, []);
    }

    #[test]
    fn or_joins_neighbours() {
        assert_eq!(
            parse("zoom OR teams OR skype").clauses,
            [Clause::Any(vec![
                word("zoom", false),
                word("teams", false),
                word("skype", true)
            ])]
        );
        assert_eq!(parse("OR zoom").clauses, [word("or", false), word("zoom", true)]);
        assert_eq!(parse("zoom OR").clauses, [word("zoom", false), word("or", false)]);
    }

    #[test]
    fn negation_of_words_and_phrases() {
        let q = parse(r#"zoom -"neue Regeln" -russland"#);
        assert_eq!(q.clauses, [word("zoom", false)]);
        assert_eq!(
            q.excluded,
            [
                Clause::Phrase(vec!["neue".into(), "regeln".into()]),
                word("russland", false)
            ]
        );
    }

    #[test]
    fn malformed_syntax_is_plain_words() {
        assert_eq!(
            parse(r#""unclosed quote"#).clauses,
            [word("unclosed", false), word("quote", true)]
        );
        assert_eq!(parse("- zoom").clauses, [word("zoom", true)]);
        assert_eq!(parse("-- zoom").clauses, [word("zoom", true)]);
        let q = parse("lang: year:abc");
        assert_eq!(q.filters, Filters::default());
        assert_eq!(q.clauses.len(), 2);
    }

    #[test]
    fn a_pasted_text_is_cut_at_the_limits_and_says_so() {
        let q = parse(&"wort ".repeat(10_000));
        assert!(q.truncated);
        assert_eq!(q.clauses.len(), MAX_WORDS);
        assert_eq!(q.clauses[MAX_WORDS - 1], word("wort", false));
        // Cut inside a word: that word is no prefix, and a cut never splits a letter.
        let q = parse(&format!("{}Überwachung", " ".repeat(MAX_QUERY_CHARS - 4)));
        assert!(q.truncated);
        assert_eq!(q.clauses, [word("über", false)]);
        // Words past the budget are dropped; filters after them still apply.
        let q = parse(&format!("{} -zoom lang:de", "wort ".repeat(40)));
        assert_eq!((q.clauses.len(), q.excluded.len()), (MAX_WORDS, 0));
        assert_eq!(q.filters.lang.as_deref(), Some("de"));
        assert!(!parse(&"wort ".repeat(MAX_WORDS)).truncated);
    }

    #[test]
    fn a_long_phrase_is_cut_to_its_first_words() {
        let words: Vec<String> = (0..100).map(|i| format!("w{i}")).collect();
        let q = parse(&format!("\"{}\"", words.join(" ")));
        assert!(q.truncated);
        assert_eq!(q.clauses, [Clause::Phrase(words[..MAX_PHRASE_WORDS].to_vec())]);
        // The word budget cuts a phrase too, down to a single word.
        let q = parse(&format!("{} \"a b c\"", "x ".repeat(MAX_WORDS - 1)));
        assert_eq!(q.clauses.last(), Some(&word("a", false)));
        assert_eq!(q.clauses.len(), MAX_WORDS);
    }

    #[test]
    fn filters() {
        let q = parse("source:Golem year:2021 lang:DA tag:Rust");
        assert_eq!(q.clauses, []);
        assert_eq!(
            q.filters,
            Filters {
                lang: Some("da".into()),
                source: Some("golem".into()),
                years: Some((2021, 2021)),
                tag: Some("rust".into()),
            }
        );
        assert_eq!(parse("year:2021..2019").filters.years, Some((2019, 2021)));
        assert_eq!(
            parse(r#"tag:"Open Data""#).filters.tag.as_deref(),
            Some("open data")
        );
    }
}
