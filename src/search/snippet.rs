//! Excerpts: the window of a document's text where the matches are densest, with
//! highlight ranges for every matched word.
//!
//! The text is re-analyzed with the one analyzer, so a highlight lands exactly on the
//! word that produced a matching term. Ranges are byte offsets into the returned string.

use super::sort;
use crate::analysis::terms::TextHasher;
use crate::analysis::{self, Places, Span, Token};
use crate::language::Lang;
use std::cell::RefCell;
use std::collections::{BTreeSet, HashMap};
use std::ops::Range;
use std::rc::Rc;

/// Words in an excerpt: about two lines of a result list.
pub const WINDOW_WORDS: usize = 30;

/// Marks an excerpt that starts or ends inside the text.
pub const ELLIPSIS: &str = "…";

/// A piece of text with ranges to highlight.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Highlighted {
    /// The text shown.
    pub text: String,
    /// Byte ranges of `text` to highlight, ascending and disjoint.
    pub highlights: Vec<Range<usize>>,
    /// The byte of the source text this piece is about: where its first highlighted word
    /// starts there, else where the piece starts (0 for a whole text; for a document read
    /// from a hit, [`Reading`](super::Reading), where the hit's excerpt is).
    pub focus: usize,
}

/// Highlights every word of `text` (analyzed as `lang`) with an index term in `terms`.
///
/// ```
/// use findling::search::snippet::highlight;
/// let terms = ["zoom".to_string()].into();
/// let h = highlight("Zoom und zoom", None, &terms);
/// assert_eq!(h.highlights, [0..4, 9..13]);
/// ```
pub fn highlight(text: &str, lang: Option<Lang>, terms: &BTreeSet<String>) -> Highlighted {
    let tokens = analysis::tokens(text, stemming(lang, terms));
    Highlighted::whole(text, merged(term_ranges(&tokens, terms)))
}

/// [`highlight`] when the positions of the matched words are known (`marks`, ascending:
/// the postings' positions of the matched terms), which spares stemming the text.
pub fn highlight_at(text: &str, lang: Option<Lang>, terms: &BTreeSet<String>, marks: &[u32]) -> Highlighted {
    let joined = &mut JoinedForms::default();
    Marking { lang, terms, joined }.highlight_at(text, marks)
}

/// The folded form and the stems of joined compounds (`systemd-logind`) met in texts,
/// kept across documents and keystrokes: a page names such a word many times and many
/// pages name it, and stemming it is most of the work of marking it. Forgotten at
/// [`KEPT_JOINED`] words.
#[derive(Debug, Default)]
pub struct JoinedForms {
    /// By the word as written.
    forms: HashMap<String, JoinedForm, TextHasher>,
}

/// Most joined compounds [`JoinedForms`] keeps: about a megabyte of wasm memory at most
/// (the table's buckets and each word's strings).
pub const KEPT_JOINED: usize = 4096;

/// A joined compound's lowercase and folded forms, and its stems in the languages asked
/// (none where the stem is the folded form).
#[derive(Debug)]
struct JoinedForm {
    lower: String,
    term: String,
    stems: Vec<(Lang, Option<String>)>,
}

impl JoinedForms {
    /// Whether the joined compound `written` is one of `terms`: its folded form, or its
    /// stem in `lang` (computed only then, once).
    fn matches(&mut self, written: &str, lang: Option<Lang>, terms: &BTreeSet<String>) -> bool {
        if let Some(form) = self.forms.get_mut(written) {
            return form.matches(lang, terms);
        }
        if self.forms.len() >= KEPT_JOINED {
            self.forms.clear();
        }
        let whole: String = written.chars().filter(|&c| c != '-').collect();
        let lower = analysis::lowercase(&whole);
        let term = analysis::fold(&lower);
        let form = JoinedForm {
            lower,
            term,
            stems: Vec::new(),
        };
        self.forms
            .entry(written.to_owned())
            .or_insert(form)
            .matches(lang, terms)
    }
}

impl JoinedForm {
    fn matches(&mut self, lang: Option<Lang>, terms: &BTreeSet<String>) -> bool {
        if terms.contains(&self.term) {
            return true;
        }
        let Some(lang) = lang else { return false };
        let i = match self.stems.iter().position(|&(l, _)| l == lang) {
            Some(i) => i,
            None => {
                let stem = analysis::stem(&self.lower, lang);
                let other = stem[analysis::STEM_MARK.len_utf8()..] != self.term;
                self.stems.push((lang, other.then_some(stem)));
                self.stems.len() - 1
            }
        };
        self.stems[i].1.as_ref().is_some_and(|stem| terms.contains(stem))
    }
}

/// What to mark in a text: the dictionary `terms` matched there, in a document of
/// language `lang`, with the joined compounds' forms known so far.
#[derive(Debug)]
pub struct Marking<'a> {
    /// The document's language.
    pub lang: Option<Lang>,
    /// The dictionary terms matched.
    pub terms: &'a BTreeSet<String>,
    /// The joined compounds' forms met before.
    pub joined: &'a mut JoinedForms,
}

impl Marking<'_> {
    /// [`highlight_at`](fn@highlight_at).
    pub fn highlight_at(&mut self, text: &str, marks: &[u32]) -> Highlighted {
        let places = Places::through(text, u32::MAX);
        Highlighted::whole(text, self.ranges(&places, text, marks))
    }

    /// [`excerpt_in`](fn@excerpt_in).
    pub fn excerpt_in(
        &mut self,
        text: &str,
        places: &Places,
        marks: &[u32],
        clauses: Clauses,
        reach: u32,
    ) -> Highlighted {
        let ranges = self.ranges(places, text, marks);
        let reach = reach.saturating_sub(places.base) as usize;
        let at = clauses.from(places.base);
        let held = Tally::new(&at, clauses.weights);
        window(text, &places.words, places.base == 0, &ranges, held, reach)
    }

    /// [`marked_ranges`] of `marks`.
    fn ranges(&mut self, places: &Places, text: &str, marks: &[u32]) -> Vec<Range<usize>> {
        let lang = stemming(self.lang, self.terms);
        marked_ranges(places, text, lang, self.terms, marks, self.joined)
    }
}

impl Highlighted {
    /// All of `text`, nothing highlighted.
    ///
    /// ```
    /// use findling::search::snippet::Highlighted;
    /// assert!(Highlighted::plain("Zoom").highlights.is_empty());
    /// ```
    pub fn plain(text: &str) -> Highlighted {
        Highlighted::whole(text, Vec::new())
    }

    /// All of `text`, with `highlights`.
    fn whole(text: &str, highlights: Vec<Range<usize>>) -> Highlighted {
        Highlighted {
            text: text.to_owned(),
            focus: highlights.first().map_or(0, |r| r.start),
            highlights,
        }
    }
}

/// Byte ranges of the tokens with an index term in `terms` (analyzed with stems).
fn term_ranges(tokens: &[Token], terms: &BTreeSet<String>) -> Vec<Range<usize>> {
    tokens
        .iter()
        .filter(|t| t.index_terms().any(|term| terms.contains(term)))
        .map(|t| t.start..t.end)
        .collect()
}

/// The language to stem `text` in: none when no stem matched, as stemming every word of
/// a document is the most costly part of making its excerpt.
fn stemming(lang: Option<Lang>, terms: &BTreeSet<String>) -> Option<Lang> {
    lang.filter(|_| terms.iter().any(|t| t.starts_with(analysis::STEM_MARK)))
}

/// Byte ranges of the matched words, ascending, overlaps merged. A word is matched when
/// its position is marked; a joined compound shares its first part's position, so it is
/// matched when its own exact form or stem (in `lang`) is one of `terms`. The work
/// follows the marks, not the words: each is looked up by its position, and a joined
/// compound met again (a page names `systemd-logind` many times) is judged once, its
/// forms taken from `forms` (kept across documents).
fn marked_ranges(
    places: &Places,
    text: &str,
    lang: Option<Lang>,
    terms: &BTreeSet<String>,
    marks: &[u32],
    forms: &mut JoinedForms,
) -> Vec<Range<usize>> {
    let mut judged: HashMap<&str, bool, TextHasher> = HashMap::default();
    let mut joined_matches = |t: &Span| {
        let written = &text[t.start..t.end];
        *judged
            .entry(written)
            .or_insert_with(|| forms.matches(written, lang, terms))
    };
    let mut ranges = Vec::with_capacity(marks.len());
    for &mark in marks {
        if let Some(word) = places.word(mark) {
            ranges.push(word.start..word.end);
        }
        let first = places.joined.partition_point(|j| j.position < mark);
        let joined = places.joined[first..].iter().take_while(|j| j.position == mark);
        ranges.extend(joined.filter(|j| joined_matches(j)).map(|j| j.start..j.end));
    }
    merged(ranges)
}

/// Ranges sorted, overlaps merged (a joined hyphenated compound covers its parts).
fn merged(mut ranges: Vec<Range<usize>>) -> Vec<Range<usize>> {
    sort::sort_by(&mut ranges, |a, b| (a.start, a.end).cmp(&(b.start, b.end)));
    let mut merged: Vec<Range<usize>> = Vec::with_capacity(ranges.len());
    for r in ranges {
        match merged.last_mut() {
            Some(last) if r.start <= last.end => last.end = last.end.max(r.end),
            _ => merged.push(r),
        }
    }
    merged
}

/// The excerpt of `text` of at most [`WINDOW_WORDS`] words that holds the most distinct
/// matched words (then the most matches, then the earliest), with its matches
/// highlighted. Without any match it is the text's opening words.
///
/// ```
/// use findling::search::snippet::excerpt;
/// let text = format!("{} Sicherheitsgesetz trat in Kraft.", "Wort ".repeat(40));
/// let e = excerpt(&text, None, &["sicherheitsgesetz".to_string()].into());
/// assert!(e.text.starts_with('…'));
/// let r = e.highlights[0].clone();
/// assert_eq!(&e.text[r], "Sicherheitsgesetz");
/// ```
pub fn excerpt(text: &str, lang: Option<Lang>, terms: &BTreeSet<String>) -> Highlighted {
    let all = analysis::tokens(text, stemming(lang, terms));
    let ranges = merged(term_ranges(&all, terms));
    let words: Vec<Span> = all.iter().filter(|t| !t.joined).map(Token::span).collect();
    window(text, &words, true, &ranges, Tally::new(&[], &[]), usize::MAX)
}

/// [`excerpt`] when the positions of the matched words are known (`marks`, ascending):
/// only the words' places are found, and only as far as the last mark's window reaches.
pub fn excerpt_at(text: &str, lang: Option<Lang>, terms: &BTreeSet<String>, marks: &[u32]) -> Highlighted {
    let places = Places::through(text, words_needed(marks, u32::MAX));
    excerpt_in(text, &places, lang, terms, marks, Clauses::default(), u32::MAX)
}

/// How far the search looks for an excerpt's window: this many words past the first
/// match of the query word met last in the text (see [`excerpt_in`]). A document shorter
/// than that gets the excerpt [`excerpt`] gives; in a long one, the words of the whole
/// query are still sought to the end, but the densest window of a word that is
/// everywhere only near its first matches.
pub const EXCERPT_REACH: u32 = 1024;

/// How far [`excerpt_in`] needs the words' places for `marks` and `reach`: every window
/// it weighs ends before the last mark before `reach` + [`WINDOW_WORDS`]; one word more
/// tells whether the text goes on.
///
/// ```
/// use findling::search::snippet::{words_needed, WINDOW_WORDS};
/// let after = WINDOW_WORDS as u32 + 1;
/// assert_eq!(words_needed(&[3, 900, 5000], u32::MAX), 5000 + after);
/// assert_eq!(words_needed(&[3, 900, 5000], 1000), 900 + after);
/// ```
pub fn words_needed(marks: &[u32], reach: u32) -> u32 {
    let weighed = marks.partition_point(|&m| m < reach);
    marks[..weighed]
        .last()
        .map_or(0, |&m| m)
        .saturating_add(WINDOW_WORDS as u32 + 1)
}

/// Where each clause of a query matched a text, and what it weighs: an excerpt's window
/// holds the heaviest clauses it can, so that a rare word is shown beside the common ones
/// rather than a window full of the common ones.
#[derive(Debug, Clone, Copy, Default)]
pub struct Clauses<'a> {
    /// `(position, clause)` for each clause's matches, ascending by position.
    pub at: &'a [(u32, u32)],
    /// Each clause's weight (its rarity, positive), by clause number.
    pub weights: &'a [f32],
}

impl Clauses<'_> {
    /// The matches from position `base` on, as `(word, clause)` with words counted from
    /// `base`: what a [`Tally`] slides along.
    fn from(&self, base: u32) -> Vec<(usize, usize)> {
        let after = self.at.partition_point(|&(p, _)| p < base);
        let at = self.at[after..].iter();
        at.map(|&(p, c)| ((p - base) as usize, c as usize)).collect()
    }
}

/// [`excerpt_at`] with the words' places given, its window chosen among the matches
/// before word `reach` only (every match in the window is highlighted), first by the
/// weight of the query's `clauses` it holds (none given: not weighed). `places` is
/// [`Places::through`]`(text, through)` for any `through` of at least
/// [`words_needed`]`(marks, reach)` (more words change nothing: the windows after the
/// last mark weighed are not weighed), or [`Places::from`] a checkpoint at least
/// [`WINDOW_WORDS`] words before the first mark (the words before it change nothing
/// either). The marks outside [`clause_span`] may be left out: they change nothing.
pub fn excerpt_in(
    text: &str,
    places: &Places,
    lang: Option<Lang>,
    terms: &BTreeSet<String>,
    marks: &[u32],
    clauses: Clauses,
    reach: u32,
) -> Highlighted {
    let joined = &mut JoinedForms::default();
    Marking { lang, terms, joined }.excerpt_in(text, places, marks, clauses, reach)
}

/// The positions whose marks can matter to [`excerpt_in`]'s window, found from the
/// `clauses` alone, weighing the matches before word `reach`: every window of
/// [`WINDOW_WORDS`] words that holds the heaviest clauses lies inside, with room for the
/// words shown around it. Without clauses, every position.
///
/// ```
/// use findling::search::snippet::{clause_span, Clauses, WINDOW_WORDS};
/// let w = WINDOW_WORDS as u32;
/// // A common clause 0 everywhere, a rare clause 1 once, at word 5,000: only its
/// // neighbourhood counts.
/// let mut at: Vec<(u32, u32)> = (0..200).map(|i| (i * 40, 0)).collect();
/// at.push((5000, 1));
/// at.sort();
/// let span = clause_span(Clauses { at: &at, weights: &[0.1, 3.0] }, u32::MAX);
/// assert!(span.contains(&(5000 - w)) && span.contains(&(5000 + w)));
/// assert!(!span.contains(&4000) && !span.contains(&6000));
/// assert_eq!(clause_span(Clauses::default(), u32::MAX), 0..u32::MAX);
/// ```
pub fn clause_span(clauses: Clauses, reach: u32) -> Range<u32> {
    let w = WINDOW_WORDS;
    let mut weighed = clauses.from(0);
    weighed.truncate(weighed.partition_point(|&(p, _)| p < reach as usize));
    let mut held = Tally::new(&weighed, clauses.weights);
    let (mut most, mut span) = (0.0, 0..0);
    // The windows that end at a mark: every window with the heaviest clauses holds the
    // clauses of the one that ends at its last mark.
    for &(end, _) in &weighed {
        let start = (end + 1).saturating_sub(w);
        held.slide(start, end + 1);
        if held.weight > most {
            most = held.weight;
            span.start = start;
        }
        if held.weight == most {
            span.end = end + 1;
        }
    }
    if span.is_empty() {
        return 0..u32::MAX;
    }
    // The window shown starts up to a quarter window before its first match, and the
    // best may end up to a window past the last mark of such a window.
    let at = |p: usize| u32::try_from(p).unwrap_or(u32::MAX);
    at(span.start.saturating_sub(w))..at(span.end.saturating_add(2 * w))
}

/// Documents whose words' places a [`PlaceCache`] keeps.
pub const CACHED_TEXTS: usize = 32;

/// Most words' places a [`PlaceCache`] keeps in all (16 bytes each in wasm: 2 MB), so a
/// few very long documents cannot hold much memory.
pub const MAX_CACHED_SPANS: usize = 1 << 17;

/// The texts and words' places ([`Places`]) of the latest documents excerpted, most
/// recent last: successive keystrokes show mostly the same documents, and finding the
/// words of a long one is most of the cost of its excerpt (a 200 KB manual page whose
/// matches run to its end takes milliseconds).
#[derive(Debug, Default)]
pub struct PlaceCache<'a> {
    recent: RefCell<Vec<CachedPlaces<'a>>>,
}

/// The text of one document and the places of its words, found through word `through`.
#[derive(Debug)]
struct CachedPlaces<'a> {
    doc: u32,
    text: &'a str,
    through: u32,
    places: Rc<Places>,
}

impl<'a> PlaceCache<'a> {
    /// The text of document `doc` (`text()`, asked only when it is not kept) and the
    /// places of its words through word `through` at least (perhaps further), from
    /// `checkpoint` (see [`Places::from`]) or before.
    ///
    /// ```
    /// use findling::search::snippet::PlaceCache;
    /// let cache = PlaceCache::default();
    /// let text = || "eins zwei drei vier";
    /// assert_eq!(cache.places(7, text, (0, 0), 1).1.len(), 2);
    /// assert_eq!(cache.places(7, || unreachable!(), (0, 0), 0).1.len(), 2); // the two found before
    /// assert_eq!(cache.places(7, text, (2, 10), 9).1.len(), 4); // from the start still
    /// assert_eq!(cache.places(8, text, (2, 10), 9).1.len(), 2); // from "drei"
    /// assert_eq!(cache.places(8, text, (1, 5), 9).1.len(), 3); // back to "zwei"
    /// ```
    pub fn places(
        &self,
        doc: u32,
        text: impl FnOnce() -> &'a str,
        checkpoint: (u32, usize),
        through: u32,
    ) -> (&'a str, Rc<Places>) {
        let mut recent = self.recent.borrow_mut();
        let known = recent.iter().position(|c| c.doc == doc);
        let entry = match known.map(|i| recent.remove(i)) {
            Some(entry) if entry.through >= through && entry.places.base <= checkpoint.0 => entry,
            Some(mut entry) => {
                let places = Rc::make_mut(&mut entry.places);
                places.extend_back(entry.text, checkpoint);
                if entry.through < through {
                    places.extend(entry.text, through);
                    entry.through = through;
                }
                entry
            }
            None => {
                let text = text();
                CachedPlaces {
                    doc,
                    text,
                    through,
                    places: Rc::new(Places::from(text, checkpoint, through)),
                }
            }
        };
        let found = (entry.text, Rc::clone(&entry.places));
        recent.push(entry);
        let mut total: usize = recent.iter().map(|c| c.places.len()).sum();
        while recent.len() > 1 && (recent.len() > CACHED_TEXTS || total > MAX_CACHED_SPANS) {
            total -= recent.remove(0).places.len();
        }
        found
    }

    /// Forgets every document's places.
    pub fn clear(&self) {
        self.recent.borrow_mut().clear();
    }
}

/// The excerpt itself: the densest window of `words` (the text's words but joined
/// compounds, from its start if `opening`, maybe only the first ones) given the matched
/// `ranges`, weighing the matches before `words[reach]`.
fn window(
    text: &str,
    words: &[Span],
    opening: bool,
    ranges: &[Range<usize>],
    clauses: Tally,
    reach: usize,
) -> Highlighted {
    if words.is_empty() {
        return Highlighted::whole(text.trim(), Vec::new());
    }
    let window = WINDOW_WORDS.min(words.len());
    let first = first_word(text, words, ranges, clauses, window, reach);
    let last = first + window - 1;
    let from = if first == 0 && opening {
        0
    } else {
        words[first].start
    };
    let to = if last == words.len() - 1 {
        text.len()
    } else {
        words[last].end
    };

    let mut out = Highlighted::default();
    if from > 0 {
        out.text.push_str(ELLIPSIS);
        out.text.push(' ');
    }
    let shift = out.text.len();
    out.text.push_str(&text[from..to]);
    out.highlights = ranges
        .iter()
        .filter(|r| r.start >= from && r.end <= to)
        .map(|r| r.start - from + shift..r.end - from + shift)
        .collect();
    out.focus = out.highlights.first().map_or(from, |r| r.start - shift + from);
    if to < text.len() {
        out.text.push_str(" …");
    }
    // Collapse paragraph breaks inside the excerpt, keeping highlight offsets valid.
    collapse_newlines(&mut out);
    out
}

/// Where the excerpt of `window` words starts among `words` (a text's words, in order,
/// at least `window` of them): the first window with the heaviest query clauses
/// (`clauses`: the words each clause matched, and their weights), then the most distinct
/// matched spellings, then the most matches; it is shown so that each of its matches is
/// (see [`shown_from`]).
///
/// Its work follows the matches, not the words: a window that gains no match when it
/// moves on by a word is no better than the one before, so the first best window starts
/// at the text or ends at a matched word, and only those windows are counted (a 200 KB
/// manual page has 25,000 words and a few dozen matches). Only the matches before word
/// `reach` are weighed.
fn first_word(
    text: &str,
    words: &[Span],
    ranges: &[Range<usize>],
    mut clauses: Tally,
    window: usize,
    reach: usize,
) -> usize {
    let mut matched = matched_words(text, words, ranges);
    matched.truncate(matched.partition_point(|&(i, _)| i < reach));
    clauses.matches = &clauses.matches[..clauses.matches.partition_point(|&(i, _)| i < reach)];
    let mut spellings = Tally::new(&matched, &[]);
    let mut best = (0.0, 0, 0, 0); // (clauses' weight, distinct, count, start)
    let ends = matched.iter().map(|&(i, _)| i).filter(|&i| i + 1 >= window);
    for start in std::iter::once(0).chain(ends.map(|i| i + 1 - window)) {
        spellings.slide(start, start + window);
        clauses.slide(start, start + window);
        let key = (clauses.weight, spellings.distinct, spellings.count);
        if key > (best.0, best.1, best.2) {
            best = (key.0, key.1, key.2, start);
        }
    }
    let inside = &matched[matched.partition_point(|&(i, _)| i < best.3)..];
    let inside = &inside[..inside.partition_point(|&(i, _)| i < best.3 + window)];
    match (inside.first(), inside.last()) {
        (Some(&(first, _)), Some(&(last, _))) => shown_from(first, last, window, words.len()),
        _ => best.3,
    }
}

/// Where a window of `window` of a text's `words` is shown from so that its matches,
/// `first` to `last`, stand a few words in: a quarter window before the first, or less
/// when the last would not fit.
fn shown_from(first: usize, last: usize, window: usize, words: usize) -> usize {
    let lead = (window / 4).min(window - (last - first + 1));
    (first - lead.min(first)).min(words - window)
}

/// A window that slides along a text's matches (`(word, kind)`, ascending by word) and
/// counts the kinds it holds: the matches from `out` to `inside` lie in it.
struct Tally<'w> {
    matches: &'w [(usize, usize)],
    counts: Vec<usize>,
    /// The kinds' weights; those without one weigh nothing.
    weights: &'w [f32],
    distinct: usize,
    count: usize,
    /// The weight of the kinds held, summed in the kinds' order, so that the same kinds
    /// always weigh the same.
    weight: f32,
    out: usize,
    inside: usize,
}

impl<'w> Tally<'w> {
    /// An empty window before `matches`, whose kinds weigh `weights`.
    fn new(matches: &'w [(usize, usize)], weights: &'w [f32]) -> Self {
        Tally {
            matches,
            counts: vec![0; matches.iter().map(|&(_, k)| k + 1).max().unwrap_or(0)],
            weights,
            distinct: 0,
            count: 0,
            weight: 0.0,
            out: 0,
            inside: 0,
        }
    }

    /// Moves the window on to the words `start..end` (both only ever grow).
    fn slide(&mut self, start: usize, end: usize) {
        let mut changed = false;
        while self.inside < self.matches.len() && self.matches[self.inside].0 < end {
            let k = self.matches[self.inside].1;
            self.counts[k] += 1;
            self.count += 1;
            changed |= self.counts[k] == 1;
            self.distinct += usize::from(self.counts[k] == 1);
            self.inside += 1;
        }
        while self.out < self.inside && self.matches[self.out].0 < start {
            let k = self.matches[self.out].1;
            self.counts[k] -= 1;
            self.count -= 1;
            changed |= self.counts[k] == 0;
            self.distinct -= usize::from(self.counts[k] == 0);
            self.out += 1;
        }
        if changed {
            self.weight = self
                .counts
                .iter()
                .zip(self.weights)
                .filter(|&(&n, _)| n > 0)
                .map(|(_, &w)| w)
                .sum();
        }
    }
}

/// Every matched word (its index in `words`, ascending) with the number of its range's
/// lowercased spelling. The ranges are sorted and disjoint, so a word is matched by the
/// range it lies in, found among the words that start inside it.
fn matched_words(text: &str, words: &[Span], ranges: &[Range<usize>]) -> Vec<(usize, usize)> {
    let mut spellings: Vec<String> = Vec::new();
    let mut matched: Vec<(usize, usize)> = Vec::new();
    for r in ranges {
        let first = words.partition_point(|w| w.start < r.start);
        let inside = words[first..]
            .iter()
            .take_while(|w| w.start < r.end)
            .enumerate()
            .filter(|(_, w)| w.end <= r.end);
        let mut key = None;
        for (i, _) in inside {
            let key = *key.get_or_insert_with(|| {
                let typed = &text[r.clone()];
                // Most words are ASCII: compared with the spellings (all lowercase)
                // without a lowercased copy.
                let known = if typed.is_ascii() {
                    let ascii = typed.as_bytes();
                    spellings
                        .iter()
                        .position(|s| s.as_bytes().eq_ignore_ascii_case(ascii))
                } else {
                    let spelling = typed.to_lowercase();
                    spellings.iter().position(|s| *s == spelling)
                };
                known.unwrap_or_else(|| {
                    spellings.push(typed.to_lowercase());
                    spellings.len() - 1
                })
            });
            matched.push((first + i, key));
        }
    }
    matched
}

/// Replaces each newline with a space (same byte length, so ranges stay valid).
fn collapse_newlines(h: &mut Highlighted) {
    if h.text.contains('\n') {
        h.text = h.text.replace('\n', " ");
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn terms(list: &[&str]) -> BTreeSet<String> {
        list.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn joined_compounds_judged_before_mark_as_judged_afresh() {
        let text = "Der systemd-logind startet; Systemd-Logind und Web-Browsern, web-browser.";
        let places = Places::through(text, u32::MAX);
        let marks: Vec<u32> = (0..places.words.len() as u32).collect();
        let unjudged = highlight_at(text, None, &BTreeSet::new(), &marks);
        let stem = |w: &str| analysis::stem(w, Lang::De);
        let asks = [
            (None, terms(&["systemdlogind"])),
            (Some(Lang::De), terms(&["systemdlogind"])),
            (Some(Lang::De), [stem("webbrowsern")].into()),
            (Some(Lang::En), [stem("webbrowsern")].into()),
            (None, [stem("webbrowsern")].into()),
            (Some(Lang::De), terms(&["webbrowser"])),
        ];
        // One memory for every ask, in this order and backwards.
        let mut highlighted = 0;
        for order in [asks.iter().collect::<Vec<_>>(), asks.iter().rev().collect()] {
            let kept = &mut JoinedForms::default();
            for (lang, terms) in order {
                let fresh = highlight_at(text, *lang, terms, &marks);
                let marked = Marking {
                    lang: *lang,
                    terms,
                    joined: kept,
                }
                .highlight_at(text, &marks);
                assert_eq!(marked, fresh, "{lang:?} {terms:?}");
                highlighted += usize::from(marked != unjudged);
            }
        }
        // Some asks do mark a compound, in each order: systemd-logind in two, the
        // browsers by their German stem and by the folded form, at least.
        assert!(highlighted >= 2 * 4, "{highlighted}");
    }

    #[test]
    fn short_text_is_whole_and_highlighted() {
        let e = excerpt("Zoom droht Sperre.", None, &terms(&["sperre"]));
        assert_eq!(e.text, "Zoom droht Sperre.");
        assert_eq!(e.highlights, vec![11..17]);
    }

    #[test]
    fn window_prefers_more_distinct_terms() {
        let text = format!("alpha {} alpha beta {}", "x ".repeat(50), "y ".repeat(50));
        let e = excerpt(&text, None, &terms(&["alpha", "beta"]));
        assert_eq!(e.highlights.len(), 2);
        assert!(e.text.starts_with('…') && e.text.ends_with('…'));
        for r in &e.highlights {
            assert!(["alpha", "beta"].contains(&&e.text[r.clone()]));
        }
    }

    #[test]
    fn a_joined_compound_highlights_whole_and_once() {
        let e = excerpt(
            "die Videokonferenz-Plattform wächst",
            None,
            &terms(&["videokonferenzplattform", "plattform"]),
        );
        assert_eq!(e.highlights, vec![4..28]);
    }

    /// [`first_word`] the slow way: every window counted word by word.
    fn first_word_by_every_window(
        text: &str,
        words: &[Span],
        ranges: &[Range<usize>],
        clauses: Clauses,
        window: usize,
        reach: usize,
    ) -> usize {
        let matched = matched_words(text, words, ranges);
        let key = |i: usize| {
            matched
                .iter()
                .find(|&&(m, _)| m == i && m < reach)
                .map(|&(_, k)| k)
        };
        let mut best = (0.0, 0, 0, 0);
        for start in 0..=words.len() - window {
            let keys: Vec<usize> = (start..start + window).filter_map(key).collect();
            let distinct = keys.iter().collect::<BTreeSet<_>>().len();
            let held: BTreeSet<u32> = clauses
                .at
                .iter()
                .filter(|&&(i, _)| (i as usize) < reach && (start..start + window).contains(&(i as usize)))
                .map(|&(_, c)| c)
                .collect();
            let weight: f32 = held.iter().filter_map(|&c| clauses.weights.get(c as usize)).sum();
            if (weight, distinct, keys.len()) > (best.0, best.1, best.2) {
                best = (weight, distinct, keys.len(), start);
            }
        }
        let mut inside = (best.3..best.3 + window).filter(|&i| key(i).is_some());
        match (inside.next(), inside.next_back()) {
            (Some(first), last) => {
                let last = last.unwrap_or(first);
                let start = first.saturating_sub(window / 4).min(words.len() - window);
                // The slow way too: the first start that shows every match of the window.
                (start..=first).find(|&s| s + window > last).unwrap()
            }
            (None, _) => best.3,
        }
    }

    proptest::proptest! {
        #[test]
        fn the_first_best_window_is_found_from_the_matches_alone(
            picks in proptest::collection::vec(0usize..6, 1..120),
            matched in proptest::collection::btree_set("[a-f]|c-d", 0..4),
            tags in proptest::collection::vec(proptest::collection::btree_set(0u32..3, 1..3), 1..20),
            weights in proptest::collection::vec(proptest::prop_oneof![0.5f32..4.0, proptest::strategy::Just(1.0)], 2),
            reach in proptest::prop_oneof![0usize..130, proptest::strategy::Just(usize::MAX)],
        ) {
            let vocabulary = ["a", "B", "b", "c-d", "e", "Zoom"];
            let text: Vec<&str> = picks.iter().map(|&i| vocabulary[i]).collect();
            let text = text.join(" ");
            let terms: BTreeSet<String> = matched.into_iter().map(|t| t.replace('-', "")).collect();
            let places = Places::through(&text, u32::MAX);
            let marks: Vec<u32> = analysis::tokens(&text, None)
                .iter()
                .filter(|t| t.index_terms().any(|term| terms.contains(term)))
                .map(|t| t.position)
                .collect();
            // Each mark matched by one clause or two, some by none of the two.
            let mut at: Vec<(u32, u32)> = marks
                .iter()
                .zip(tags.iter().cycle())
                .flat_map(|(&m, tags)| tags.iter().map(move |&c| (m, c)))
                .filter(|&(_, c)| c < 2)
                .collect();
            at.sort_unstable();
            at.dedup();
            let ranges = marked_ranges(&places, &text, None, &terms, &marks, &mut JoinedForms::default());
            let words = &places.words;
            for window in [1, 3, WINDOW_WORDS].map(|w| w.min(words.len())) {
                for clauses in [Clauses { at: &at, weights: &weights }, Clauses::default()] {
                    let at = clauses.from(0);
                    proptest::prop_assert_eq!(
                        first_word(&text, words, &ranges, Tally::new(&at, clauses.weights), window, reach),
                        first_word_by_every_window(&text, words, &ranges, clauses, window, reach)
                    );
                }
            }
        }
    }

    #[test]
    fn the_window_is_weighed_before_the_reach_and_highlights_past_it() {
        // "zoom" at word 100, at 998, 1,000 and 1,015, and at 2,000 to 2,009.
        let words: Vec<String> = (0..2100)
            .map(|i| match i {
                100 | 998 | 1000 | 1015 | 2000..2010 => "zoom".to_string(),
                _ => format!("w{i}"),
            })
            .collect();
        let text = words.join(" ");
        let terms = terms(&["zoom"]);
        let marks: Vec<u32> = words
            .iter()
            .enumerate()
            .filter(|(_, w)| *w == "zoom")
            .map(|(i, _)| i as u32)
            .collect();
        let places = Places::through(&text, u32::MAX);
        let at = |reach: u32| {
            let e = excerpt_in(&text, &places, None, &terms, &marks, Clauses::default(), reach);
            let highlighted: Vec<&str> = e.highlights.iter().map(|r| &e.text[r.clone()]).collect();
            (e.text.split(' ').nth(1).map(str::to_owned), highlighted.len())
        };
        // Unbounded: the densest place. Reaching to 1,001: the window of the two matches
        // at 998 and 1,000, with the one at 1,015 highlighted too, past the reach.
        assert_eq!(at(u32::MAX), (Some("w1993".to_string()), 10));
        assert_eq!(at(1001), (Some("w991".to_string()), 3));
        assert_eq!(at(500), (Some("w93".to_string()), 1));
        // The words' places needed stop at the last mark weighed.
        let needed = Places::through(&text, words_needed(&marks, 1001));
        assert_eq!(
            excerpt_in(&text, &needed, None, &terms, &marks, Clauses::default(), 1001),
            excerpt_in(&text, &places, None, &terms, &marks, Clauses::default(), 1001)
        );
        // From a checkpoint a window before the first match on, the same excerpts.
        for reach in [u32::MAX, 1001, 500] {
            for checkpoint in [1, 35, 70] {
                let at = places.words[checkpoint].start;
                let late = Places::from(&text, (checkpoint as u32, at), words_needed(&marks, reach));
                assert_eq!(late.base, checkpoint as u32);
                assert_eq!(
                    excerpt_in(&text, &late, None, &terms, &marks, Clauses::default(), reach),
                    excerpt_in(&text, &places, None, &terms, &marks, Clauses::default(), reach)
                );
            }
        }
    }

    #[test]
    fn every_match_of_the_window_chosen_is_shown() {
        // Two matches a window apart: shown from the first, not a quarter window before
        // it, which would cut the second off.
        let words: Vec<String> = (0..100)
            .map(|i| match i {
                40 | 69 => "zoom".to_string(),
                _ => format!("w{i}"),
            })
            .collect();
        let e = excerpt(&words.join(" "), None, &terms(&["zoom"]));
        assert_eq!(e.highlights.len(), 2, "{}", e.text);
        assert!(e.text.starts_with("… zoom"));
    }

    #[test]
    fn no_match_gives_the_opening() {
        let text = "eins zwei drei";
        assert_eq!(excerpt(text, None, &terms(&["vier"])).text, text);
    }
}
