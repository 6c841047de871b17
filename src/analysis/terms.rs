//! A whole document's index terms, as the index writer needs them: the terms
//! [`tokens`](super::tokens) gives, without a string per word, and with the words an
//! [`Analyzer`] has already analyzed remembered (a corpus repeats its words: de-10k has
//! 1.55 M words and 156 k distinct terms).

use super::{spans_of, word_terms, words, words::word_indices, CHECKPOINT_WORDS};
use crate::document::Document;
use crate::language::{Lang, LANGS};
use std::collections::HashMap;

/// Words an [`Analyzer`] remembers at most (of every language and kind together), in two
/// generations of [`GENERATION_WORDS`] (more for a corpus of many files,
/// [`Analyzer::for_corpus`]): the frequent words of a corpus come back within
/// that many, and memory stays bounded whatever the corpus. (Forgetting all of them at
/// once instead, on de-10k with 32,768 remembered 7.8 % of words were analyzed, 6.4 % with
/// twice as many, 10.7 % with half; with 28,672 the build's two workers analyzed 217,455
/// words, in two generations 192,223, at the same peak memory.) One table for all languages and kinds, not one each
/// (up to eight): de-10k's peak memory 44 -> 41 MB.
pub const REMEMBERED_WORDS: usize = 2 * GENERATION_WORDS;

/// Words a generation of remembered words holds: seven eighths of 16,384, the most a
/// table of 16,384 slots holds (one more word would double it; with one table of 32,768
/// slots, da-full's peak memory 80 -> 74 MB at the same CPU time). An analyzer for a
/// corpus of many files remembers more ([`Analyzer::for_corpus`]).
pub const GENERATION_WORDS: usize = 7 << 11;

/// The most words a generation holds, for a corpus of that many files or more: four
/// tables' worth of [`GENERATION_WORDS`] (da-full, 53,365 files: 18.86 -> 18.36 G
/// instructions, peak memory 54.7 -> 62.7 MB, 2.06x -> 2.36x the text).
pub const MAX_GENERATION_WORDS: usize = 4 * GENERATION_WORDS;

/// Stands for "no stem" in [`Terms::stems`].
pub const NO_STEM: u32 = u32::MAX;

/// Analyzes the documents of a corpus one after another, remembering what each word
/// gave: the same terms as [`tokens`](super::tokens), computed once per distinct word.
#[derive(Debug, Default)]
pub struct Analyzer {
    /// A word as written, in a language (unknown, or one of [`LANGS`]) and of a kind
    /// (word, joined compound) → its terms; found by the word's hash mixed with its
    /// language and kind ([`seen_key`]).
    seen: Remembered,
    /// The distinct terms of the document being analyzed (kept for its allocations).
    distinct: Interner,
    /// Its occurrences, likewise.
    occurrences: Vec<(u32, u32)>,
    /// Per distinct term, the stem of its first word as an exact form ([`UNSEEN`]: not
    /// one yet); the (form, stem) pairs of later words of another stem in `more_stems`
    /// (rare): the document's [`Terms::stems`] without sorting a pair per word.
    first_stems: Vec<u32>,
    more_stems: Vec<(u32, u32)>,
    /// The number of the document being analyzed (counted from 1).
    document: u64,
    /// The distinct terms (exact form, stem) of remembered words met in this document,
    /// by [`Recent::slot`]: a word met again in a document (a third of its words are
    /// stop words) takes them from here instead of looking both up in `distinct` again.
    recent: Vec<Recent>,
}

/// A word's distinct terms in a document ([`Analyzer::recent`]): which document, which
/// remembered word (its record's place in the young generation, and how many turnovers
/// that generation had), and the numbers of its exact form and stem ([`NO_STEM`]: none).
/// A slot holds the last word of its slot; another word of that slot looks its terms up.
#[derive(Debug, Clone, Copy, Default)]
struct Recent {
    word: (u64, u32, u32),
    terms: (u32, u32),
}

impl Recent {
    /// Slots of [`Analyzer::recent`]: a power of two, more than most documents' distinct
    /// words.
    const SLOTS: usize = 1024;

    /// The slot of a word of key `hash` ([`seen_key`]): its top bits, mixed (FNV-1a's
    /// low bits depend on few of the bytes' bits).
    fn slot(hash: u64) -> usize {
        (hash.wrapping_mul(0x9e37_79b9_7f4a_7c15) >> (64 - Self::SLOTS.trailing_zeros())) as usize
    }
}

/// [`Analyzer::first_stems`] of a term that was no word's exact form yet (a document
/// has fewer distinct terms than this, and [`NO_STEM`] is taken).
const UNSEEN: u32 = NO_STEM - 1;

impl Analyzer {
    /// An analyzer that remembers nothing yet.
    pub fn new() -> Self {
        Self::default()
    }

    /// An analyzer for a whole corpus of `files` files: a generation of remembered
    /// words holds as many words as the corpus has files, rounded up to a full table
    /// ([`GENERATION_WORDS`] times 1, 2 or 4, at most [`MAX_GENERATION_WORDS`]): a
    /// corpus of more files has more distinct words, and its text more room for them
    /// beside the 3x peak memory (de-10k's 10,000 files keep [`GENERATION_WORDS`]).
    /// The tables are sized from the start, so they never grow. (Growing, one would free
    /// its old table, a block large enough that glibc's malloc then raises its mmap
    /// threshold past it and keeps later blocks that size in the heap, where they
    /// fragment it.)
    ///
    /// ```
    /// use findling::analysis::terms::{Analyzer, GENERATION_WORDS, MAX_GENERATION_WORDS};
    /// assert_eq!(Analyzer::for_corpus(10_000).generation_words(), GENERATION_WORDS);
    /// assert_eq!(Analyzer::for_corpus(20_000).generation_words(), 2 * GENERATION_WORDS);
    /// assert_eq!(Analyzer::for_corpus(140_000).generation_words(), MAX_GENERATION_WORDS);
    /// ```
    pub fn for_corpus(files: usize) -> Self {
        let mut analyzer = Self::default();
        let tables = files.div_ceil(GENERATION_WORDS).next_power_of_two();
        let words = (tables * GENERATION_WORDS).min(MAX_GENERATION_WORDS);
        analyzer.seen.words = words;
        analyzer.seen.young.records.reserve(words);
        analyzer.seen.old.records.reserve(words);
        analyzer
    }

    /// Words a generation of its remembered words holds.
    pub fn generation_words(&self) -> usize {
        self.seen.words
    }

    /// The terms of a document with this title and body, in `lang`. Positions count the
    /// title's words first, then the body's (as the index stores them).
    ///
    /// ```
    /// use findling::analysis::terms::{Analyzer, NO_STEM};
    /// use findling::language::Lang;
    /// let t = Analyzer::new().terms("Behörden", "Die Behörden-Sprecherin", Some(Lang::De));
    /// let term = |i: u32| t.term(i);
    /// let mut at: Vec<(&str, u32)> = t.occurrences.iter().map(|&(i, p)| (term(i), p)).collect();
    /// at.sort();
    /// assert_eq!(at, [("\u{1}behord", 0), ("\u{1}behord", 2), ("behorden", 0), ("behorden", 2), ("behordensprecherin", 2), ("die", 1), ("sprecherin", 3)]);
    /// assert_eq!((t.title_words, t.body_words), (1, 3));
    /// assert!(t.stems.iter().any(|&(f, s)| term(f) == "die" && s == NO_STEM));
    /// ```
    pub fn terms(&mut self, title: &str, body: &str, lang: Option<Lang>) -> Terms {
        self.terms_of_words(title, body, word_indices(body), &[], lang)
    }

    /// [`terms`](Self::terms) of a body whose words were found already: `words` are
    /// what [`word_indices`] gives for `body` (a cleaner that counted each block's words
    /// gives them for the blocks joined), and `headings` its headings as byte ranges
    /// ([`Document::headings`]).
    pub fn terms_of_words<'t>(
        &mut self,
        title: &str,
        body_text: &'t str,
        words: impl Iterator<Item = (usize, &'t str)>,
        headings: &[(u32, u32)],
        lang: Option<Lang>,
    ) -> Terms {
        self.distinct.clear();
        self.occurrences.clear();
        self.first_stems.clear();
        self.more_stems.clear();
        self.document += 1;
        if self.recent.is_empty() {
            self.recent.resize(Recent::SLOTS, Recent::default());
        }
        let mut checkpoints = Vec::new();
        let mut heading_spans = Vec::new();
        let title_words = self.add(title, word_indices(title), lang, 0, None);
        let body = Body {
            checkpoints: &mut checkpoints,
            heading_bytes: headings,
            headings: &mut heading_spans,
        };
        let body_words = self.add(body_text, words, lang, title_words, Some(body));
        // Copies of exactly their size: the document's terms travel to the writer.
        Terms {
            distinct: self.distinct.strings.clone(),
            occurrences: self.occurrences.clone(),
            stems: self.stems(),
            title_words,
            body_words,
            checkpoints,
            headings: heading_spans,
        }
    }

    /// The terms of a document's title and text, in its language.
    pub fn document(&mut self, document: &Document) -> Terms {
        let lang = document.lang.as_deref().and_then(Lang::from_code);
        let text = &document.text;
        self.terms_of_words(
            &document.title,
            text,
            word_indices(text),
            &document.headings,
            lang,
        )
    }

    /// [`document`](Self::document) of a document whose text's words were found
    /// already, as byte ranges ([`Cleaned::body_words`](crate::clean::Cleaned::body_words)).
    pub fn document_of_words(&mut self, document: &Document, words: &[(usize, usize)]) -> Terms {
        let lang = document.lang.as_deref().and_then(Lang::from_code);
        let text = &document.text;
        let words = words.iter().map(|&(start, end)| (start, &text[start..end]));
        self.terms_of_words(&document.title, text, words, &document.headings, lang)
    }

    /// Adds the tokens of `text`, whose words are `found`, to the document's terms,
    /// positions shifted by `shift`; for a body, notes its checkpoints (the places where
    /// finding its words can start afresh, one per [`CHECKPOINT_WORDS`] words) and the
    /// positions of its headings. Returns the number of word positions of `text`.
    fn add<'t>(
        &mut self,
        text: &'t str,
        found: impl Iterator<Item = (usize, &'t str)>,
        lang: Option<Lang>,
        shift: u32,
        mut body: Option<Body<'_>>,
    ) -> u32 {
        let language = lang.map_or(0, |l| 1 + LANGS.iter().position(|&x| x == l).unwrap_or(0));
        let mut words = 0;
        let mut next_checkpoint = CHECKPOINT_WORDS;
        // The heading that the words reached are in or before, and the one last noted.
        let (mut heading, mut noted) = (0, usize::MAX);
        for span in spans_of(text, found, u32::MAX) {
            words = words.max(span.position + 1);
            if let Some(Body {
                heading_bytes: bytes,
                headings: spans,
                ..
            }) = body.as_mut()
            {
                while bytes
                    .get(heading)
                    .is_some_and(|&(_, end)| end as usize <= span.start)
                {
                    heading += 1;
                }
                if bytes
                    .get(heading)
                    .is_some_and(|&(start, _)| start as usize <= span.start)
                {
                    match spans.last_mut() {
                        Some(last) if noted == heading => last.1 = last.1.max(span.position + 1),
                        _ => spans.push((span.position, span.position + 1)),
                    }
                    noted = heading;
                }
            }
            if let Some(checkpoints) = body.as_mut().map(|b| &mut *b.checkpoints) {
                let due = span.position >= next_checkpoint && !span.joined;
                if due && words::is_cut(text.as_bytes(), span.start) {
                    if let Ok(start) = u32::try_from(span.start) {
                        checkpoints.push((span.position, start));
                        next_checkpoint = span.position.saturating_add(CHECKPOINT_WORDS);
                    }
                }
            }
            let word = &text[span.start..span.end];
            let seen = &mut self.seen;
            let hash = seen_key(term_hash(word), 2 * language + usize::from(span.joined));
            let record = seen.find_or_add(word, hash, || word_terms(word, span.joined, lang));
            let recent = &mut self.recent[Recent::slot(hash)];
            let this = (self.document, seen.turnovers, record.at);
            let (form, stem) = if recent.word == this {
                recent.terms
            } else {
                // The exact form first, then the stem: numbered as they come.
                let ((term, term_hash), stem) = seen.young.terms(record);
                let form = self.distinct.intern_hashed(term, term_hash);
                let stem = stem.map_or(NO_STEM, |(stem, hash)| self.distinct.intern_hashed(stem, hash));
                *recent = Recent {
                    word: this,
                    terms: (form, stem),
                };
                (form, stem)
            };
            let position = span.position.saturating_add(shift);
            self.occurrences.push((form, position));
            if stem != NO_STEM {
                self.occurrences.push((stem, position));
            }
            self.note_stem(form, stem);
        }
        words
    }

    /// The distinct (exact form, stem) pairs noted ([`note_stem`](Self::note_stem)),
    /// sorted: by form, as the forms are numbered, then by stem.
    fn stems(&self) -> Vec<(u32, u32)> {
        let forms = self.first_stems.iter().filter(|&&stem| stem != UNSEEN).count();
        let mut stems = Vec::with_capacity(forms + self.more_stems.len());
        let firsts = self.first_stems.iter().enumerate();
        stems.extend(
            firsts
                .filter(|&(_, &stem)| stem != UNSEEN)
                .map(|(form, &stem)| (form as u32, stem)),
        );
        if !self.more_stems.is_empty() {
            stems.extend_from_slice(&self.more_stems);
            stems.sort_unstable();
            stems.dedup();
        }
        stems
    }

    /// Notes that a word of the exact form `form` had the stem `stem` ([`NO_STEM`]: none).
    fn note_stem(&mut self, form: u32, stem: u32) {
        let form_at = form as usize;
        if form_at >= self.first_stems.len() {
            self.first_stems.resize(form_at + 1, UNSEEN);
        }
        match self.first_stems[form_at] {
            UNSEEN => self.first_stems[form_at] = stem,
            first if first == stem => {}
            _ => self.more_stems.push((form, stem)),
        }
    }
}

/// The key of a word of hash `hash` and of `kind` (its language and kind numbered) in
/// [`Analyzer::seen`]: the hash mixed with the kind, so that one word of two kinds has
/// two keys (and two words of one key are told apart by their bytes).
fn seen_key(hash: u64, kind: usize) -> u64 {
    hash ^ (kind as u64).wrapping_mul(0x9e37_79b9_7f4a_7c15)
}

/// The words an [`Analyzer`] met, with their terms, in two generations of at most
/// [`GENERATION_WORDS`] (or as many as [`Analyzer::for_corpus`] sizes them for): words are added to the young one; when it is full, the old one
/// is forgotten and the young one becomes the old. A word the old one holds is copied
/// into the young one when it is met again, so a word met often outlives every turnover,
/// where forgetting every word at once made it analyzed again.
#[derive(Debug)]
struct Remembered {
    young: Generation,
    old: Generation,
    /// Words a generation holds.
    words: usize,
    /// How many times the young generation became the old one (a record's place in it
    /// is another word's after a turnover).
    turnovers: u32,
}

impl Default for Remembered {
    fn default() -> Self {
        Remembered {
            young: Generation::default(),
            old: Generation::default(),
            words: GENERATION_WORDS,
            turnovers: 0,
        }
    }
}

impl Remembered {
    /// The record of `word` (of key `hash`, [`seen_key`]) in the young generation: found
    /// there, copied from the old one, or added with the terms `analyze` gives.
    fn find_or_add(
        &mut self,
        word: &str,
        hash: u64,
        analyze: impl FnOnce() -> (String, Option<String>),
    ) -> Record {
        if let Some(record) = self.young.find(word, hash) {
            return record;
        }
        if self.young.records.len() >= self.words {
            std::mem::swap(&mut self.young, &mut self.old);
            self.young.records.clear();
            self.young.text.clear();
            self.turnovers = self.turnovers.wrapping_add(1);
        }
        match self.old.find(word, hash) {
            Some(record) => {
                let ((term, _), stem) = self.old.terms(record);
                let stem = stem.map(|(stem, _)| stem);
                self.young.remember(word, hash, term, stem, record.hashes)
            }
            None => {
                let (term, stem) = analyze();
                let hashes = [term_hash(&term), stem.as_deref().map_or(0, term_hash)];
                self.young.remember(word, hash, &term, stem.as_deref(), hashes)
            }
        }
    }
}

/// One generation of [`Remembered`] words: a table of small records by the word's
/// [`term_hash`] and one string of the words and terms, so that a word met again costs
/// two reads of memory (its record, then the word and its terms side by side), not
/// three strings per word.
#[derive(Debug, Default)]
struct Generation {
    /// Per word's [`term_hash`]: where the word and its terms are in `text`. (Two words
    /// of one hash: the later is remembered; a lookup compares the word.)
    records: HashMap<u64, Record, HashedKey>,
    /// Each word remembered, then its exact form, then its stem, back to back.
    text: String,
}

/// Where a remembered word and its terms are, with the terms' hashes.
#[derive(Debug, Clone, Copy)]
struct Record {
    /// Where the word starts in [`Generation::text`].
    at: u32,
    /// Bytes of the word, its exact form and its stem ([`NO_STEM`]: none).
    lens: [u32; 3],
    /// The [`term_hash`] of the exact form and of the stem.
    hashes: [u64; 2],
}

impl Generation {
    /// The record of `word` (of key `hash`, [`seen_key`]), if it is remembered.
    fn find(&self, word: &str, hash: u64) -> Option<Record> {
        let record = *self.records.get(&hash)?;
        let at = record.at as usize;
        (self.text.as_bytes().get(at..at + record.lens[0] as usize) == Some(word.as_bytes()))
            .then_some(record)
    }

    /// Remembers that `word` (of key `hash`) gave `term` and `stem`, whose
    /// [`term_hash`]es are `hashes` (0 for no stem).
    fn remember(
        &mut self,
        word: &str,
        hash: u64,
        term: &str,
        stem: Option<&str>,
        hashes: [u64; 2],
    ) -> Record {
        let at = self.text.len() as u32;
        self.text.push_str(word);
        self.text.push_str(term);
        self.text.push_str(stem.unwrap_or(""));
        let record = Record {
            at,
            lens: [
                word.len() as u32,
                term.len() as u32,
                stem.map_or(NO_STEM, |s| s.len() as u32),
            ],
            hashes,
        };
        self.records.insert(hash, record);
        record
    }

    /// The exact form and the stem (if any) of a word's record, each with its hash.
    fn terms(&self, record: Record) -> ((&str, u64), Option<(&str, u64)>) {
        let [word, term, stem] = record.lens.map(|n| n as usize);
        let term_at = record.at as usize + word;
        let form = (&self.text[term_at..term_at + term], record.hashes[0]);
        let stem = (record.lens[2] != NO_STEM).then(|| {
            (
                &self.text[term_at + term..term_at + term + stem],
                record.hashes[1],
            )
        });
        (form, stem)
    }
}

/// What [`Analyzer::add`] notes of a document's body besides its terms.
struct Body<'b> {
    /// Its checkpoints ([`Terms::checkpoints`]).
    checkpoints: &'b mut Vec<(u32, u32)>,
    /// Its headings as byte ranges of the text, ascending ([`Document::headings`]).
    heading_bytes: &'b [(u32, u32)],
    /// Where to note them as ranges of positions ([`Terms::headings`]).
    headings: &'b mut Vec<(u32, u32)>,
}

/// One document's terms: each distinct term once, and where each stands.
#[derive(Debug, Clone, Default)]
pub struct Terms {
    /// The distinct terms.
    distinct: Strings,
    /// (distinct term, position) of every token's exact form and of its stem, in text
    /// order (a word repeated in one position, as a compound's part and whole, repeats).
    pub occurrences: Vec<(u32, u32)>,
    /// The distinct (exact form, stem) pairs of the tokens, [`NO_STEM`] for none, sorted.
    pub stems: Vec<(u32, u32)>,
    /// Word positions in the title.
    pub title_words: u32,
    /// Word positions in the body.
    pub body_words: u32,
    /// Where finding the body's words can start afresh ([`words::is_cut`]), about every
    /// [`CHECKPOINT_WORDS`] words: (position in the body, byte offset), both ascending.
    pub checkpoints: Vec<(u32, u32)>,
    /// The body's headings, as ranges of body positions (first, one past the last),
    /// ascending: what the page's reader found as headings and the cleaner kept.
    pub headings: Vec<(u32, u32)>,
}

impl Terms {
    /// The number of distinct terms.
    pub fn len(&self) -> u32 {
        self.distinct.len()
    }

    /// Whether the document has no term.
    pub fn is_empty(&self) -> bool {
        self.distinct.is_empty()
    }

    /// The distinct term `i` (below [`len`](Self::len)).
    pub fn term(&self, i: u32) -> &str {
        self.distinct.get(i)
    }

    /// The [`term_hash`] of the distinct term `i`: a writer that interns the terms of
    /// many documents need not hash them again.
    pub fn hash(&self, i: u32) -> u64 {
        self.distinct.hash(i)
    }
}

/// Strings numbered 0.., stored back to back in one string (no allocation per string),
/// each with its [`term_hash`].
#[derive(Debug, Clone, Default)]
pub struct Strings {
    /// The strings, one after another.
    text: String,
    /// Where each string ends in `text`.
    ends: Vec<usize>,
    /// The [`term_hash`] of each string.
    hashes: Vec<u64>,
}

impl Strings {
    /// The number of strings.
    pub fn len(&self) -> u32 {
        self.ends.len() as u32
    }

    /// Whether there is no string.
    pub fn is_empty(&self) -> bool {
        self.ends.is_empty()
    }

    /// String `i` (below [`len`](Self::len)).
    pub fn get(&self, i: u32) -> &str {
        let i = i as usize;
        let start = if i == 0 { 0 } else { self.ends[i - 1] };
        &self.text[start..self.ends[i]]
    }

    /// The bytes of string `i` (below [`len`](Self::len)), to compare: no character
    /// boundary to check, as slicing the text for [`get`](Self::get) does.
    pub fn bytes(&self, i: u32) -> &[u8] {
        let i = i as usize;
        let start = if i == 0 { 0 } else { self.ends[i - 1] };
        &self.text.as_bytes()[start..self.ends[i]]
    }

    /// The [`term_hash`] of string `i`.
    pub fn hash(&self, i: u32) -> u64 {
        self.hashes[i as usize]
    }

    /// Appends `s`, whose [`term_hash`] is `hash`; returns its number.
    fn push(&mut self, s: &str, hash: u64) -> u32 {
        self.text.push_str(s);
        self.ends.push(self.text.len());
        self.hashes.push(hash);
        self.len() - 1
    }

    /// Takes the strings' hashes out, for a reader that needs them no more (its buffer
    /// may serve again); [`hash`](Self::hash) is then not to be asked.
    pub fn take_hashes(&mut self) -> Vec<u64> {
        std::mem::take(&mut self.hashes)
    }

    /// Frees the strings ([`crate::heap::release`]).
    pub fn release(self) {
        crate::heap::release(self.text.into_bytes());
        crate::heap::release(self.ends);
        crate::heap::release(self.hashes);
    }

    /// Forgets every string, keeping the allocations.
    fn clear(&mut self) {
        self.text.clear();
        self.ends.clear();
        self.hashes.clear();
    }
}

/// Distinct [`Strings`], numbered in order of first appearance and found by their
/// [`term_hash`].
///
/// ```
/// use findling::analysis::terms::{term_hash, Interner};
/// let mut terms = Interner::default();
/// assert_eq!(terms.intern("zoom"), 0);
/// assert_eq!(terms.intern("hochzeit"), 1);
/// assert_eq!(terms.intern_hashed("zoom", term_hash("zoom")), 0);
/// assert_eq!((terms.strings.len(), terms.strings.get(1)), (2, "hochzeit"));
/// ```
#[derive(Debug, Clone, Default)]
pub struct Interner {
    /// The strings, numbered.
    pub strings: Strings,
    /// An open-addressing table by hash (linear probing from [`Interner::home`]): per
    /// slot 1 + the number of a string, 0 when empty. A power of two at most half full:
    /// 4 bytes a slot, where a map from hash to number took 17 (the index writer's
    /// interner of a shard of 8 MB holds some 90,000 terms).
    slots: Vec<u32>,
}

impl Interner {
    /// The number of `term`, added if new.
    pub fn intern(&mut self, term: &str) -> u32 {
        self.intern_hashed(term, term_hash(term))
    }

    /// [`intern`](Self::intern) of a term whose [`term_hash`] is `hash`.
    pub fn intern_hashed(&mut self, term: &str, hash: u64) -> u32 {
        if 2 * (self.strings.ends.len() + 1) > self.slots.len() {
            self.grow();
        }
        match self.probe(term, hash) {
            Ok(i) => i,
            Err(slot) => {
                let i = self.strings.push(term, hash);
                self.slots[slot] = i + 1;
                i
            }
        }
    }

    /// The number of `term`, whose [`term_hash`] is `hash`, if it is here.
    pub fn find(&self, term: &str, hash: u64) -> Option<u32> {
        if self.slots.is_empty() {
            return None;
        }
        self.probe(term, hash).ok()
    }

    /// The number of `term` (of [`term_hash`] `hash`), or the empty slot where it goes.
    /// The table is not empty.
    fn probe(&self, term: &str, hash: u64) -> std::result::Result<u32, usize> {
        let mask = self.slots.len() - 1;
        let mut slot = self.home(hash);
        loop {
            match self.slots[slot] {
                0 => return Err(slot),
                n if self.strings.hash(n - 1) == hash && self.strings.bytes(n - 1) == term.as_bytes() => {
                    return Ok(n - 1)
                }
                _ => slot = (slot + 1) & mask,
            }
        }
    }

    /// The slot where a string of hash `hash` is looked for first: the top bits of the
    /// hash mixed by a multiplication (FNV-1a's low bits depend on few of the bytes'
    /// bits). The table is not empty.
    fn home(&self, hash: u64) -> usize {
        let bits = self.slots.len().trailing_zeros();
        (hash.wrapping_mul(0x9e37_79b9_7f4a_7c15) >> (64 - bits)) as usize
    }

    /// Doubles the table (64 slots at first) and places every string again. The table
    /// grows in its own allocation rather than into a new one, so the old is never freed
    /// (glibc's malloc keeps blocks below the largest mapped block freed in its heap).
    fn grow(&mut self) {
        let slots = (2 * self.slots.len()).max(64);
        self.slots.clear();
        self.slots.resize(slots, 0);
        let mask = self.slots.len() - 1;
        for i in 0..self.strings.len() {
            let mut slot = self.home(self.strings.hash(i));
            while self.slots[slot] != 0 {
                slot = (slot + 1) & mask;
            }
            self.slots[slot] = i + 1;
        }
    }

    /// The strings, without what finds them.
    pub fn into_strings(self) -> Strings {
        crate::heap::release(self.slots);
        self.strings
    }

    /// Forgets every string, keeping the allocations. Only the slots of the strings are
    /// emptied: an analyzer clears its interner for every document, and one long
    /// document leaves a large table.
    pub fn clear(&mut self) {
        let mask = self.slots.len().wrapping_sub(1);
        for i in 0..self.strings.len() {
            // A string sits at or after its first slot; the slots emptied before it do
            // not stop this search (it is there).
            let mut slot = self.home(self.strings.hash(i));
            while self.slots[slot] != i + 1 {
                slot = (slot + 1) & mask;
            }
            self.slots[slot] = 0;
        }
        self.strings.clear();
    }
}

/// The hash by which an [`Interner`] finds a term: 64-bit FNV-1a of its bytes.
pub fn term_hash(term: &str) -> u64 {
    use std::hash::{BuildHasher, Hasher};
    let mut h = TermHasher::default().build_hasher();
    h.write(term.as_bytes());
    h.finish()
}

/// The hasher of maps whose keys are hashes already ([`term_hash`]): passes them on.
type HashedKey = std::hash::BuildHasherDefault<PassOn>;

/// A hasher of one `u64` that is a hash already.
#[derive(Debug, Default)]
struct PassOn(u64);

impl std::hash::Hasher for PassOn {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = self.0.rotate_left(8) ^ u64::from(b);
        }
    }

    fn write_u64(&mut self, n: u64) {
        self.0 = n;
    }
}

/// The hasher of term maps at build time: FNV-1a, much faster than the default SipHash
/// on short keys (no untrusted keys at build time).
pub type TermHasher = std::hash::BuildHasherDefault<Fnv>;

/// FNV-1a over 64 bits.
#[derive(Debug)]
pub struct Fnv(u64);

impl Default for Fnv {
    fn default() -> Self {
        Fnv(0xcbf2_9ce4_8422_2325)
    }
}

impl std::hash::Hasher for Fnv {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = (self.0 ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3);
        }
    }
}

/// The hasher of tables of whole texts at build time (a page's blocks, a file's bytes),
/// whose keys are compared on a match: [`Wide`], eight bytes a step where FNV-1a and
/// SipHash take one or a few.
pub type TextHasher = std::hash::BuildHasherDefault<Wide>;

/// A hash of eight bytes at a time: each eight, little-endian, mixed in by a rotate, an
/// exclusive or and a multiply; the last bytes padded with zeros after their count.
#[derive(Debug, Default)]
pub struct Wide(u64);

impl Wide {
    /// An odd constant of well spread bits (2^64 / the golden ratio).
    const MIX: u64 = 0x9e37_79b9_7f4a_7c15;

    fn mix(&mut self, eight: u64) {
        self.0 = (self.0.rotate_left(23) ^ eight).wrapping_mul(Self::MIX);
    }
}

impl std::hash::Hasher for Wide {
    fn finish(&self) -> u64 {
        // The high bits folded down: a table takes its slot from the low ones.
        self.0 ^ self.0 >> 32
    }

    fn write(&mut self, bytes: &[u8]) {
        let mut eights = bytes.chunks_exact(8);
        for eight in &mut eights {
            self.mix(<[u8; 8]>::try_from(eight).map_or(0, u64::from_le_bytes));
        }
        let rest = eights.remainder();
        let mut last = [0u8; 8];
        last[..rest.len()].copy_from_slice(rest);
        self.mix(u64::from_le_bytes(last) ^ (rest.len() as u64) << 59);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wide_hashes_tell_texts_apart_by_every_byte_and_length() {
        use std::hash::BuildHasher;
        let hash = |t: &[u8]| TextHasher::default().hash_one(t);
        let mut texts: Vec<Vec<u8>> = vec![vec![], vec![0], vec![0; 8], vec![0; 9]];
        for n in 1..40 {
            let base: Vec<u8> = (0..n).map(|i| b'a' + (i % 26) as u8).collect();
            for at in 0..n {
                let mut t = base.clone();
                t[at as usize] ^= 1;
                texts.push(t);
            }
            texts.push(base);
        }
        let distinct: std::collections::HashSet<&Vec<u8>> = texts.iter().collect();
        let hashes: std::collections::HashSet<u64> = distinct.iter().map(|t| hash(t)).collect();
        assert_eq!(hashes.len(), distinct.len());
        assert_eq!(hash(b"same text"), hash(b"same text"));
    }
    use crate::analysis::tokens;

    /// (term, position) pairs and (form, stem) pairs, each sorted once.
    type Sets = (Vec<(String, u32)>, Vec<(String, Option<String>)>);

    /// The terms of [`Analyzer::terms`] as sets.
    fn sets(t: &Terms) -> Sets {
        let mut at: Vec<(String, u32)> = t
            .occurrences
            .iter()
            .map(|&(i, p)| (t.term(i).to_owned(), p))
            .collect();
        at.sort();
        at.dedup();
        let mut stems: Vec<(String, Option<String>)> = t
            .stems
            .iter()
            .map(|&(f, s)| (t.term(f).to_owned(), (s != NO_STEM).then(|| t.term(s).to_owned())))
            .collect();
        stems.sort();
        (at, stems)
    }

    /// The same sets from [`tokens`].
    fn expected(title: &str, body: &str, lang: Option<Lang>) -> Sets {
        let title = tokens(title, lang);
        let shift = crate::analysis::word_count(&title);
        let body = tokens(body, lang);
        let all = title
            .iter()
            .map(|t| (t, 0))
            .chain(body.iter().map(|t| (t, shift)));
        let mut at = Vec::new();
        let mut stems = Vec::new();
        for (t, shift) in all {
            at.extend(t.index_terms().map(|term| (term.to_owned(), t.position + shift)));
            stems.push((t.term.clone(), t.stem.clone()));
        }
        at.sort();
        at.dedup();
        stems.sort();
        stems.dedup();
        (at, stems)
    }

    #[test]
    fn terms_are_those_of_tokens_however_often_a_word_recurs() {
        let body = "Die Behörden-Sprecherin sagte: die BEHÖRDEN und die Behoerden. Open-Source-Bibliothek, Bibliothek; Straße strasse";
        let mut analyzer = Analyzer::new();
        for lang in [None, Some(Lang::De), Some(Lang::Da), Some(Lang::En)] {
            for _ in 0..2 {
                let t = analyzer.terms("Die Behörden", body, lang);
                assert_eq!(sets(&t), expected("Die Behörden", body, lang), "{lang:?}");
                let mut distinct: Vec<&str> = (0..t.len()).map(|i| t.term(i)).collect();
                distinct.sort_unstable();
                distinct.dedup();
                assert_eq!(distinct.len(), t.len() as usize, "each term once");
            }
        }
    }

    #[test]
    fn stems_come_sorted_and_once_however_many_a_form_has() {
        let mut analyzer = Analyzer::new();
        for (form, stem) in [
            (2, 7),
            (0, NO_STEM),
            (2, 7),
            (2, 5),
            (4, 6),
            (2, 5),
            (2, 9),
            (0, 8),
        ] {
            analyzer.note_stem(form, stem);
        }
        assert_eq!(
            analyzer.stems(),
            [(0, 8), (0, NO_STEM), (2, 5), (2, 7), (2, 9), (4, 6)]
        );
        analyzer.first_stems.clear();
        analyzer.more_stems.clear();
        analyzer.note_stem(1, 3);
        analyzer.note_stem(1, 3);
        assert_eq!(analyzer.stems(), [(1, 3)]);
    }

    #[test]
    fn forgetting_changes_nothing() {
        let mut analyzer = Analyzer::new();
        let words: Vec<String> = (0..REMEMBERED_WORDS + 10).map(|i| format!("w{i}")).collect();
        let body = words.join(" ");
        let t = analyzer.terms("", &body, None);
        assert_eq!(t.len() as usize, words.len());
        assert_eq!(sets(&t), expected("", &body, None));
    }

    #[test]
    fn interner_tells_strings_of_one_hash_apart_and_clears_for_reuse() {
        let mut terms = Interner::default();
        // Every string under one hash: each probe walks past the others.
        let words: Vec<String> = (0..300).map(|i| format!("w{i}")).collect();
        for round in 0..3 {
            for (i, w) in words.iter().enumerate() {
                assert_eq!(terms.intern_hashed(w, 7), i as u32, "round {round}");
            }
            for (i, w) in words.iter().enumerate().rev() {
                assert_eq!(terms.find(w, 7), Some(i as u32));
                assert_eq!(terms.intern_hashed(w, 7), i as u32);
            }
            assert_eq!(terms.find("w300", 7), None);
            assert_eq!(terms.find("w1", term_hash("w1")), None);
            terms.clear();
            assert!(words.iter().all(|w| terms.find(w, 7).is_none()));
        }
        // Their own hashes, after a long document left a large table.
        for (i, w) in words.iter().take(5).enumerate() {
            assert_eq!(terms.intern(w), i as u32);
        }
        assert_eq!(
            (terms.find("w4", term_hash("w4")), terms.strings.len()),
            (Some(4), 5)
        );
    }
}
