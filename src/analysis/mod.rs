//! The one analyzer: turns text into index terms, for documents and queries alike.
//!
//! build.rs includes this file through `#[path]` and the library compiles it as
//! `findling::analysis`, so a word is analyzed by the same code whether it is being
//! indexed or typed into the search box. Changing what a term looks like means bumping
//! [`ANALYZER_VERSION`]: the index header records it and the reader refuses an index
//! built by another analyzer.
//!
//! The pipeline, in order, each step with its reason:
//!
//! 1. **Segment** into words by Unicode UAX #29 word boundaries
//!    (`unicode-segmentation`; [`words`] reads plain ASCII stretches by the rules that
//!    apply there, with the same result), keeping only words with a letter or digit: punctuation
//!    and spaces are never terms, and every script gets a sensible split. A hyphenated
//!    compound (`Videokonferenz-Plattform`) is split into its parts *and* also kept
//!    whole, joined, at the position of its first part.
//! 2. **Lowercase** with Unicode's full case mapping: a search box is case-blind.
//! 3. **Stem** (documents of a known language; stop words excepted) with the Snowball
//!    stemmer of that language, so that `Behörde` finds `Behörden`. The stem is an extra
//!    term in its own key space ([`STEM_MARK`]), so an exact form can outrank it.
//! 4. **Fold** ([`fold`]): strip diacritics and collapse the spellings people type for
//!    them — `ö`, `oe` and `o` meet, as do `ß`/`ss`, `æ`/`ae`/`a`, `ø`/`oe`/`o`,
//!    `å`/`aa`/`a` — so that `Behorden`, `Behoerden` and `BEHÖRDEN` are one term.
//!    Folding comes after stemming because the Snowball stemmers expect real letters.

pub mod letters;
pub mod numbering;
pub mod terms;
pub mod words;

use crate::language::Lang;
use std::ops::ControlFlow;

/// Version of the term pipeline above; stored in the index header.
pub const ANALYZER_VERSION: u32 = 3;

/// Words longer than this many bytes are not indexed: no reader types them, and they
/// would bloat the term dictionary (base64 blobs, long URLs).
pub const MAX_TERM_BYTES: usize = 64;

/// Words between two checkpoints of a text ([`Terms::checkpoints`](terms::Terms::checkpoints)):
/// an excerpt deep in a long text finds its words from the checkpoint before its
/// matches, not from the text's start.
pub const CHECKPOINT_WORDS: u32 = 256;

/// First character of a stem term: keeps stems apart from exact forms in the one term
/// dictionary (and out of prefix and typo matching, which run on exact forms).
pub const STEM_MARK: char = '\u{1}';

/// One word of a text, with where it stands.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Token {
    /// The word's exact form: lowercased and folded.
    pub term: String,
    /// The word's stem term ([`STEM_MARK`] + folded stem), when the language is known and
    /// the stem differs from the exact form.
    pub stem: Option<String>,
    /// Byte offset of the word's first byte in the analyzed text.
    pub start: usize,
    /// Byte offset one past the word's last byte.
    pub end: usize,
    /// The word's ordinal among the words of the text (0, 1, 2, …).
    pub position: u32,
    /// Whether this is a hyphenated compound joined whole (its parts are tokens too).
    pub joined: bool,
}

impl Token {
    /// The index terms of this token: its exact form and its stem, if any.
    pub fn index_terms(&self) -> impl Iterator<Item = &str> {
        std::iter::once(self.term.as_str()).chain(self.stem.as_deref())
    }
}

/// Splits `text` into tokens, in text order, stemming for `lang` when it is known.
///
/// ```
/// use findling::analysis::tokens;
/// use findling::language::Lang;
/// let t = tokens("Das neue Sicherheitsgesetz, BEHÖRDEN!", Some(Lang::De));
/// let terms: Vec<&str> = t.iter().map(|t| t.term.as_str()).collect();
/// assert_eq!(terms, ["das", "neu", "sicherheitsgesetz", "behorden"]);
/// assert_eq!((t[2].start, t[2].end, t[2].position), (9, 26, 2));
/// assert_eq!(t[3].stem.as_deref(), Some("\u{1}behord"));
/// ```
pub fn tokens(text: &str, lang: Option<Lang>) -> Vec<Token> {
    tokens_through(text, lang, u32::MAX)
}

/// The tokens of `text` up to the word at position `last` (and the rest of a hyphenated
/// compound that word is part of): [`tokens`] for a reader that needs no more, such as
/// an excerpt whose matches all come before `last`.
///
/// ```
/// use findling::analysis::{tokens, tokens_through};
/// let text = "eins zwei drei-vier fünf";
/// assert_eq!(tokens_through(text, None, 1), tokens(text, None)[..2]);
/// assert_eq!(tokens_through(text, None, 2), tokens(text, None)[..5]);
/// ```
pub fn tokens_through(text: &str, lang: Option<Lang>, last: u32) -> Vec<Token> {
    spans_through(text, last)
        .into_iter()
        .map(|span| {
            let Span {
                start,
                end,
                position,
                joined,
            } = span;
            let (term, stem) = word_terms(&text[start..end], joined, lang);
            Token {
                term,
                stem,
                start,
                end,
                position,
                joined,
            }
        })
        .collect()
}

/// The exact form and the stem term (if it differs) of one token's text: a word, or a
/// hyphenated compound to be joined whole (`joined`; its stop words are stemmed too).
fn word_terms(word: &str, joined: bool, lang: Option<Lang>) -> (String, Option<String>) {
    let (term, stem) = if joined {
        let whole: String = word.chars().filter(|&c| c != '-').collect();
        let lower = lowercase(&whole);
        (fold(&lower), lang.map(|l| stem(&lower, l)))
    } else {
        let lower = lowercase(word);
        let stem = lang.filter(|l| !l.is_stop_word(&lower)).map(|l| stem(&lower, l));
        (fold(&lower), stem)
    };
    let stem = stem.filter(|s| s[STEM_MARK.len_utf8()..] != term);
    (term, stem)
}

/// Where a token stands, without its terms: what [`tokens_through`] finds before it
/// analyzes any word, and all an excerpt needs of most words.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Span {
    /// Byte offset of the first byte.
    pub start: usize,
    /// Byte offset one past the last byte.
    pub end: usize,
    /// The word's ordinal among the words of the text (a joined compound: its first part's).
    pub position: u32,
    /// Whether this is a hyphenated compound joined whole (its parts are spans too).
    pub joined: bool,
}

/// The spans of the tokens [`tokens_through`] gives, in the same order, without
/// lowercasing, folding or stemming a word: a tenth of the work.
///
/// ```
/// use findling::analysis::{spans_through, tokens};
/// let text = "Die Open-Source-Bibliothek wächst";
/// let spans: Vec<_> = spans_through(text, u32::MAX).iter().map(|s| (s.start, s.end, s.position, s.joined)).collect();
/// let tokens: Vec<_> = tokens(text, None).iter().map(|t| (t.start, t.end, t.position, t.joined)).collect();
/// assert_eq!(spans, tokens);
/// ```
pub fn spans_through(text: &str, last: u32) -> Vec<Span> {
    spans_of(text, words::word_indices(text), last)
}

/// [`spans_through`] of a text whose words were found already: `words` are what
/// [`words::word_indices`] gives for `text`.
pub fn spans_of<'t>(text: &'t str, words: impl Iterator<Item = (usize, &'t str)>, last: u32) -> Vec<Span> {
    // A word is a span at least (joined words add one more).
    let mut out: Vec<Span> = Vec::with_capacity(words.size_hint().0.max(words_guess(text, last)));
    push_spans(text, words, 0, last, |span| out.push(span));
    out
}

/// About how many words [`spans_through`]`(text, last)` finds: prose has a word in about
/// every six bytes, and no more than `last + 1` are wanted.
fn words_guess(text: &str, last: u32) -> usize {
    (text.len() / 6 + 8).min(last.saturating_add(2) as usize)
}

/// The spans of [`spans_through`] as an excerpt looks them up: `words[i]` is the word at
/// position `i`, and `joined` holds the hyphenated compounds joined whole, their
/// positions ascending. A word is found by its position and a joined compound by a
/// binary search, without a pass over the text's words.
///
/// ```
/// use findling::analysis::{spans_through, Places};
/// let text = "eins zwei-drei vier";
/// let places = Places::through(text, u32::MAX);
/// assert_eq!(&text[places.words[2].start..places.words[2].end], "drei");
/// assert_eq!(places.joined.len(), 1);
/// assert_eq!(places.len(), spans_through(text, u32::MAX).len());
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Places {
    /// The position of the first word: 0, or a checkpoint's ([`Places::from`]).
    pub base: u32,
    /// The words that are no joined compound, in order: the one at position `base + i`
    /// is `words[i]`.
    pub words: Vec<Span>,
    /// The joined compounds, in order.
    pub joined: Vec<Span>,
}

impl Places {
    /// The places of the spans [`spans_through`]`(text, last)` gives.
    pub fn through(text: &str, last: u32) -> Self {
        Places::from(text, (0, 0), last)
    }

    /// The places of the spans [`spans_through`]`(text, last)` gives from `checkpoint`
    /// on: (the position of a word, its byte offset), a place where finding words can
    /// start afresh, as [`Terms::checkpoints`](terms::Terms::checkpoints) records them.
    /// A checkpoint that is no such place (a damaged index's) counts as the text's start.
    ///
    /// ```
    /// use findling::analysis::Places;
    /// let text = "eins zwei drei vier fünf";
    /// let late = Places::from(text, (2, 10), u32::MAX);
    /// assert_eq!((late.base, &text[late.words[0].start..late.words[0].end]), (2, "drei"));
    /// assert_eq!(late.words, Places::through(text, u32::MAX).words[2..]);
    /// assert_eq!(Places::from(text, (2, 11), u32::MAX), Places::through(text, u32::MAX));
    /// ```
    pub fn from(text: &str, checkpoint: (u32, usize), last: u32) -> Self {
        let (base, from) = match checkpoint {
            (position, at) if at > 0 && words::is_cut(text.as_bytes(), at) => (position, at),
            _ => (0, 0),
        };
        let mut places = Places {
            base,
            words: Vec::with_capacity(words_guess(&text[from..], last.saturating_sub(base))),
            joined: Vec::new(),
        };
        places.push(text, from, base, last);
        places
    }

    /// The word at `position`, if it is among these places.
    pub fn word(&self, position: u32) -> Option<&Span> {
        self.words.get(position.checked_sub(self.base)? as usize)
    }

    /// Extends these places, what [`through`](Self::through)`(text, l)` gave for some
    /// `l < last`, to what `through(text, last)` gives. The text is read again only from
    /// the last word where finding words can start afresh ([`words::is_cut`]), which in
    /// prose is one of the last few: a document's excerpt that needs a few words more
    /// than before costs those words, not the whole text again.
    ///
    /// ```
    /// use findling::analysis::Places;
    /// let text = "eins zwei-drei vier fünf sechs";
    /// let mut places = Places::through(text, 1);
    /// places.extend(text, 4);
    /// assert_eq!(places, Places::through(text, 4));
    /// ```
    pub fn extend(&mut self, text: &str, last: u32) {
        let restart = self
            .words
            .iter()
            .rposition(|s| s.start == 0 || words::is_cut(text.as_bytes(), s.start));
        let (from, position) = match restart {
            Some(i) => (self.words[i].start, self.words[i].position),
            None if self.base > 0 => return *self = Places::from(text, (0, 0), last),
            None => (0, 0),
        };
        self.words.truncate(restart.unwrap_or(0));
        // A joined compound ends at its last part: those that end before the restart
        // are whole.
        let kept = self.joined.partition_point(|j| j.end <= from);
        self.joined.truncate(kept);
        self.push(text, from, position, last);
    }

    /// Extends these places back to `checkpoint` (see [`from`](Self::from)) if it comes
    /// before their first word: the places of the words in between are found and put
    /// before the others.
    ///
    /// ```
    /// use findling::analysis::Places;
    /// let text = "eins zwei drei vier fünf";
    /// let mut places = Places::from(text, (3, 15), 4);
    /// places.extend_back(text, (1, 5));
    /// assert_eq!(places, Places::from(text, (1, 5), 4));
    /// ```
    pub fn extend_back(&mut self, text: &str, checkpoint: (u32, usize)) {
        if checkpoint.0 >= self.base {
            return;
        }
        let mut before = Places::from(text, checkpoint, self.base - 1);
        let through = (self.base + self.words.len() as u32).saturating_sub(1);
        if before.base + before.words.len() as u32 != self.base {
            // Not a place where finding words can start afresh after all.
            *self = Places::from(text, checkpoint, through);
            return;
        }
        before.words.append(&mut self.words);
        before.joined.append(&mut self.joined);
        *self = before;
    }

    /// How many spans: words and joined compounds (from [`base`](Self::base) on).
    pub fn len(&self) -> usize {
        self.words.len() + self.joined.len()
    }

    /// Whether there is no span.
    pub fn is_empty(&self) -> bool {
        self.words.is_empty() && self.joined.is_empty()
    }

    /// Adds the spans of the words of `text[from..]`, from a word where finding words can
    /// start afresh, the first at `position`.
    fn push(&mut self, text: &str, from: usize, position: u32, last: u32) {
        let Places {
            words: plain, joined, ..
        } = self;
        let mut emit = |span: Span| {
            if span.joined {
                joined.push(span)
            } else {
                plain.push(span)
            }
        };
        let mut spans = SpanRun::new(text, position, last);
        // One loop per piece of the text (not the words' iterator): this is most of the
        // work of an excerpt.
        let _ = words::try_each_word(&text[from..], |i, word| spans.word(from + i, word, &mut emit));
    }
}

/// Gives `emit` the spans of `words` (what [`words::word_indices`] gives for `text`, from
/// a word where finding words can start afresh), the first at `position`.
fn push_spans<'t>(
    text: &'t str,
    words: impl Iterator<Item = (usize, &'t str)>,
    position: u32,
    last: u32,
    mut emit: impl FnMut(Span),
) {
    let mut spans = SpanRun::new(text, position, last);
    for (start, word) in words {
        if spans.word(start, word, &mut emit).is_break() {
            break;
        }
    }
}

/// Turns the words of a text, given one by one in order (what [`words::word_indices`]
/// gives, from a word where finding words can start afresh), into spans: each word's,
/// and a joined compound's where a hyphen joins a word to the one before.
struct SpanRun<'t> {
    text: &'t str,
    /// The position of the next word.
    position: u32,
    /// The last position wanted.
    last: u32,
    /// The hyphen-connected run of words ending at the previous word: (its first word's
    /// start and position, and where the run's last word ended).
    run: Option<(usize, u32, usize)>,
}

impl<'t> SpanRun<'t> {
    fn new(text: &'t str, position: u32, last: u32) -> Self {
        SpanRun {
            text,
            position,
            last,
            run: None,
        }
    }

    /// Gives `emit` the spans of the word at `start`; breaks past the last position
    /// wanted (a joined compound that ends there still counts).
    fn word(&mut self, start: usize, word: &str, emit: &mut impl FnMut(Span)) -> ControlFlow<()> {
        if word.len() > MAX_TERM_BYTES {
            self.run = None;
            return ControlFlow::Continue(());
        }
        let end = start + word.len();
        let joined_to = match self.run {
            Some((first, first_position, previous_end))
                if start == previous_end + 1 && self.text.as_bytes()[previous_end] == b'-' =>
            {
                Some((first, first_position))
            }
            _ => None,
        };
        let position = self.position;
        if position > self.last && joined_to.is_none() {
            return ControlFlow::Break(());
        }
        emit(Span {
            start,
            end,
            position,
            joined: false,
        });
        match joined_to {
            Some((first, first_position)) => {
                self.run = Some((first, first_position, end));
                // The joined word drops its hyphens; too long, it is not a term.
                let hyphens = self.text[first..end].bytes().filter(|&b| b == b'-').count();
                if end - first - hyphens <= MAX_TERM_BYTES {
                    emit(Span {
                        start: first,
                        end,
                        position: first_position,
                        joined: true,
                    });
                }
            }
            None => self.run = Some((start, position, end)),
        }
        self.position = position.saturating_add(1);
        ControlFlow::Continue(())
    }
}

impl Token {
    /// Where this token stands.
    pub fn span(&self) -> Span {
        Span {
            start: self.start,
            end: self.end,
            position: self.position,
            joined: self.joined,
        }
    }
}

/// The exact terms of `text`'s words, in order, without joined compounds or stems.
///
/// ```
/// assert_eq!(findling::analysis::terms("Zoom-Hochzeit in Østerbro"), ["zoom", "hochzeit", "in", "osterbro"]);
/// ```
pub fn terms(text: &str) -> Vec<String> {
    tokens(text, None)
        .into_iter()
        .filter(|t| !t.joined)
        .map(|t| t.term)
        .collect()
}

/// A word lowercased with Unicode's full case mapping, with decomposed letters composed
/// ([`letters::compose`]) so the stemmers see `ä` however it was typed.
///
/// ```
/// assert_eq!(findling::analysis::lowercase("HA\u{308}USER"), "häuser");
/// ```
pub fn lowercase(word: &str) -> String {
    let lower = word.to_lowercase();
    if lower.chars().any(letters::is_combining_mark) {
        letters::compose(&lower)
    } else {
        lower
    }
}

/// Number of word positions in `tokens` (joined compounds share their first part's).
pub fn word_count(tokens: &[Token]) -> u32 {
    tokens.iter().map(|t| t.position + 1).max().unwrap_or(0)
}

/// The stem term of a lowercase word in `lang`: [`STEM_MARK`] + the folded Snowball stem.
///
/// ```
/// use findling::analysis::stem;
/// use findling::language::Lang;
/// assert_eq!(stem("behörden", Lang::De), stem("behörde", Lang::De));
/// assert_eq!(stem("udviklingen", Lang::Da), "\u{1}udvikling");
/// ```
pub fn stem(lower: &str, lang: Lang) -> String {
    use rust_stemmers::{Algorithm, Stemmer};
    // One constant algorithm per arm, so the linker keeps only these three of the
    // crate's eighteen stemmers (a runtime `Algorithm` would keep them all).
    let stemmed = match lang {
        Lang::De => Stemmer::create(Algorithm::German).stem(lower),
        Lang::Da => Stemmer::create(Algorithm::Danish).stem(lower),
        Lang::En => Stemmer::create(Algorithm::English).stem(lower),
    };
    // Folded after the mark, which no digraph rule joins to a letter.
    let mut out = String::with_capacity(stemmed.len() + 1);
    out.push(STEM_MARK);
    fold_into(&mut out, &stemmed);
    out
}

/// Folds a lowercase word to its search form: diacritics stripped (precomposed or
/// combining), `ß` → `ss`, `æ` → `ae`, `ø` → `o`, `þ` → `th`; then the digraphs people
/// type for umlauts and Nordic letters collapse: `ae` → `a`, `oe` → `o`, `ue` → `u`
/// (not after `q`), `aa` → `a` — applied to what was already written, so the result
/// is the same however the word was spelled.
///
/// ```
/// use findling::analysis::fold;
/// for w in ["behörden", "behoerden", "behorden", "beho\u{308}rden"] {
///     assert_eq!(fold(w), "behorden");
/// }
/// assert_eq!(fold("færøerne"), fold("faeroeerne"));
/// assert_eq!(fold("færøerne"), fold("faroerne"));
/// assert_eq!(fold("straße"), fold("strasse"));
/// assert_eq!(fold("århus"), fold("aarhus"));
/// assert_eq!(fold("quelle"), "quelle");
/// ```
pub fn fold(lower: &str) -> String {
    let mut out = String::with_capacity(lower.len());
    fold_into(&mut out, lower);
    out
}

/// Appends [`fold`] of `lower` to `out`. The digraph rules look back into `out`: it must
/// not end in `a`, `o` or `u` (it is empty, or [`STEM_MARK`]).
fn fold_into(out: &mut String, lower: &str) {
    for c in lower.chars() {
        match c {
            // Most letters: none of the arms below changes an ASCII character.
            c if c.is_ascii() => push_folded_letter(out, c),
            'ß' => push_folded(out, "ss"),
            'æ' => push_folded(out, "ae"),
            'œ' => push_folded(out, "oe"),
            'þ' => push_folded(out, "th"),
            c if letters::is_combining_mark(c) => {}
            c => match letters::compatibility(c) {
                Some(expanded) => push_folded(out, &fold(expanded)),
                None => push_folded_letter(out, letters::base_letter(c)),
            },
        }
    }
}

/// Appends letters to a folded word, collapsing digraphs against what is already there.
fn push_folded(out: &mut String, letters: &str) {
    for c in letters.chars() {
        push_folded_letter(out, c);
    }
}

/// [`push_folded`] of one letter.
fn push_folded_letter(out: &mut String, c: char) {
    // The last two bytes say whether the word ends in `a`, `o`, `u` or `qu`: a character
    // of several bytes never ends in an ASCII byte.
    let (last, before) = match out.as_bytes() {
        [.., before, last] => (Some(*last), Some(*before)),
        [last] => (Some(*last), None),
        [] => (None, None),
    };
    let collapses = match (c, last) {
        ('e', Some(b'a' | b'o')) => true,
        ('e', Some(b'u')) => before != Some(b'q'),
        ('a', Some(b'a')) => true,
        _ => false,
    };
    if !collapses {
        out.push(c);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Golden table: input ⇥ expected exact terms.
    const GOLDEN: &[(&str, &[&str])] = &[
        ("", &[]),
        ("  ,;  ", &[]),
        ("Zoom", &["zoom"]),
        ("Hongkongs Behörden", &["hongkongs", "behorden"]),
        (
            "US-Videokonferenz-Plattform",
            &["us", "videokonferenz", "plattform"],
        ),
        ("„Ein Land, zwei Systeme“", &["ein", "land", "zwei", "systeme"]),
        ("7,5 Metern", &["7,5", "metern"]),
        ("Østerbro Fjernsyn", &["osterbro", "fjernsyn"]),
        ("Oesterbro", &["osterbro"]),
        ("STÖßT", &["stosst"]),
        ("Straßenbahnhaltestellen", &["strassenbahnhaltestellen"]),
        ("Feuer Poet aktuell Quelle", &["feur", "pot", "aktull", "quelle"]),
        ("Færøerne", &["farorne"]),
        ("crème brûlée", &["creme", "brulee"]),
    ];

    #[test]
    fn golden_terms() {
        for (input, expected) in GOLDEN {
            assert_eq!(terms(input), *expected, "row {input:?}");
        }
    }

    #[test]
    fn composed_and_decomposed_input_match() {
        assert_eq!(terms("Beho\u{308}rden Ø"), terms("Behörden Ø"));
    }

    #[test]
    fn hyphenated_compounds_are_indexed_whole_and_by_part() {
        let t = tokens("die Videokonferenz-Plattform Zoom", Some(Lang::De));
        let terms: Vec<(&str, u32, bool)> = t
            .iter()
            .map(|t| (t.term.as_str(), t.position, t.joined))
            .collect();
        assert_eq!(
            terms,
            [
                ("die", 0, false),
                ("videokonferenz", 1, false),
                ("plattform", 2, false),
                ("videokonferenzplattform", 1, true),
                ("zoom", 3, false)
            ]
        );
        assert_eq!(word_count(&t), 4);
        let joined = &t[3];
        assert_eq!((joined.start, joined.end), (4, 28));
    }

    #[test]
    fn stop_words_are_not_stemmed_and_unknown_language_is_not_stemmed() {
        let de = tokens("die Behörden", Some(Lang::De));
        assert_eq!(de[0].stem, None);
        assert!(de[1].stem.is_some());
        assert!(tokens("die Behörden", None).iter().all(|t| t.stem.is_none()));
    }

    #[test]
    fn offsets_point_at_the_word() {
        let text = "Über  die Brücke – schnell.";
        for t in tokens(text, Some(Lang::De)) {
            assert_eq!(fold(&text[t.start..t.end].to_lowercase()), t.term);
        }
    }

    #[test]
    fn overlong_words_are_skipped() {
        let long = "a".repeat(MAX_TERM_BYTES + 1);
        assert_eq!(terms(&format!("x {long} y")), ["x", "y"]);
    }

    proptest::proptest! {
        #[test]
        fn extended_places_are_those_found_at_once(
            pieces in proptest::collection::vec("[aZ9]{1,3}|-|'|\\.| |\n|ä|ö-x|3,5|\u{301}|🇩🇪|a{65}", 0..60),
            first in 0u32..30,
            more in 0u32..30,
        ) {
            let text = pieces.concat();
            let mut places = Places::through(&text, first);
            places.extend(&text, first + more);
            proptest::prop_assert_eq!(&places, &Places::through(&text, first + more));
            // From any word where finding words can start afresh, the same places on.
            let cuts = places.words.iter().filter(|w| w.position <= first && words::is_cut(text.as_bytes(), w.start));
            for word in cuts {
                let mut late = Places::from(&text, (word.position, word.start), first);
                late.extend(&text, first + more);
                let mut back = late.clone();
                back.extend_back(&text, (0, 0));
                proptest::prop_assert_eq!(&back, &places);
                let skipped = word.position as usize;
                proptest::prop_assert_eq!(&late.words[..], &places.words[skipped..]);
                let joined: Vec<Span> = places.joined.iter().filter(|j| j.start >= word.start).copied().collect();
                proptest::prop_assert_eq!(&late.joined, &joined);
            }
            // The spans of spans_through, split; a word's index is its position.
            let spans = spans_through(&text, first + more);
            let (joined, words): (Vec<Span>, Vec<Span>) = spans.into_iter().partition(|s| s.joined);
            proptest::prop_assert!(words.iter().enumerate().all(|(i, w)| w.position as usize == i));
            proptest::prop_assert!(joined.windows(2).all(|p| p[0].position <= p[1].position && p[0].end < p[1].end));
            proptest::prop_assert_eq!(places, Places { base: 0, words, joined });
        }
    }
}
