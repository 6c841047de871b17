//! Query-word expansion: the dictionary terms one typed word matches, and how well.
//!
//! In order of trust: the exact (folded) form; its Snowball stems in every language
//! (the query's language is unknown); a dictionary word it is a compound part of; a word
//! it starts (only the word being typed); a word within the allowed typos of it. A word
//! that matches none of these may be a compound the dictionary lacks:
//! [`split_compound`] finds its parts.

use super::sort;
use super::typos::Typos;
use super::word_list::WordList;
use crate::analysis::{self, STEM_MARK};
use crate::language::{is_stop_word_of_any, LANGS};
use fst::automaton::Str;
use fst::{Automaton, IntoStreamer, Map, Streamer};
use std::cell::RefCell;
use std::collections::BTreeMap;
use std::rc::Rc;

/// Shortest word (in bytes, folded) that is looked for inside compounds: shorter ones
/// are inside too many unrelated words (`rat` in `Strategie`).
pub const MIN_PART_LEN: usize = 5;

/// Shortest part (in letters) a compound the dictionary lacks is split into
/// ([`split_compound`]): "Spur|weite", "Staat|s|besitz"; with three letters splits such as
/// "geo|space" came with wrong ones ("deco|ding"), and Cranfield lost 0.002 nDCG@10.
pub const MIN_SPLIT_PART_LEN: usize = 4;

/// Linking elements that may end the first part of a compound before the next begins
/// (German Fugen-s, -es, -n, -en, -e; Danish -s, -e), tried in this order after none.
const LINKS: [&str; 6] = ["", "s", "es", "n", "en", "e"];

/// A word no dictionary term matches, as the parts of a compound the dictionary has:
/// two parts, or three when the second is itself such a compound. A part is known when
/// its exact form or one of its stems is a term; of several splits, the one whose parts
/// are the most frequent (the geometric mean of their document frequencies, `doc_freq`
/// of a term's ordinal) wins, as in Koehn and Knight's compound splitter, so
/// "Gerichtsverfahren" is "gericht verfahren", not "gerichts verfahren" unless the
/// dictionary has "gerichts" more often. `terms` holds folded terms, as the index does. A question's "Paketkennzeichnung" finds the
/// paragraph that speaks of the "Kennzeichnung" of a "Paket".
///
/// ```
/// use findling::search::expand::split_compound;
/// // A dictionary of folded terms, as the index holds them.
/// let mut b = fst::MapBuilder::memory();
/// for (i, w) in ["gericht", "hof", "verfahren"].iter().enumerate() {
///     b.insert(w, i as u64).unwrap();
/// }
/// let bytes = b.into_inner().unwrap();
/// let terms = fst::Map::new(bytes.as_slice()).unwrap();
/// let split = split_compound(&terms, "gerichtsverfahren", |_| 1);
/// assert_eq!(split, Some(vec!["gericht".to_owned(), "verfahren".to_owned()]));
/// // "hof" is shorter than MIN_SPLIT_PART_LEN.
/// assert_eq!(split_compound(&terms, "gerichtshof", |_| 1), None);
/// ```
pub fn split_compound(terms: &Map<&[u8]>, lower: &str, doc_freq: impl Fn(u64) -> u32) -> Option<Vec<String>> {
    split_in(terms, lower, &doc_freq, 1, false).map(|(_, parts)| parts)
}

/// [`split_compound`] for the word still being typed, which may end inside its last
/// part: the parts it would have finished, else parts whose last is the start of a
/// dictionary term (one letter or more), to be completed as the last word is. A
/// compound no document has finds the documents with its parts while it is typed,
/// not only once a space follows it.
///
/// ```
/// use findling::search::expand::split_typed_compound;
/// let mut b = fst::MapBuilder::memory();
/// for (i, w) in ["beitrag", "kranken", "versicherung"].iter().enumerate() {
///     b.insert(w, i as u64).unwrap();
/// }
/// let bytes = b.into_inner().unwrap();
/// let terms = fst::Map::new(bytes.as_slice()).unwrap();
/// let split = |w| split_typed_compound(&terms, w, |_| 1);
/// assert_eq!(split("versicherungsbeitrag"), Some(vec!["versicherung".to_owned(), "beitrag".to_owned()]));
/// assert_eq!(split("versicherungsbeitr"), Some(vec!["versicherung".to_owned(), "beitr".to_owned()]));
/// assert_eq!(split("versicherungsb"), Some(vec!["versicherung".to_owned(), "b".to_owned()]));
/// // No term starts with "x".
/// assert_eq!(split("versicherungsx"), None);
/// ```
pub fn split_typed_compound(
    terms: &Map<&[u8]>,
    lower: &str,
    doc_freq: impl Fn(u64) -> u32,
) -> Option<Vec<String>> {
    split_in(terms, lower, &doc_freq, 1, false)
        .or_else(|| split_in(terms, lower, &doc_freq, 1, true))
        .map(|(_, parts)| parts)
}

/// Whether some dictionary term starts with the folded `lower` (or is it): whether its
/// bytes are a path from the root, since every node of the dictionary leads to a term.
/// (A stream of the terms that start with it cost 34,000 instructions a keystroke on
/// de-10k, skipping through every transition before the one wanted.)
///
/// ```
/// use findling::search::expand::starts_a_term;
/// let bytes = fst::Map::from_iter([("haus", 0), ("hausbau", 1)]).unwrap();
/// let terms = fst::Map::new(bytes.as_fst().as_bytes()).unwrap();
/// assert!(starts_a_term(&terms, "hausb"));
/// assert!(!starts_a_term(&terms, "hausc"));
/// ```
pub fn starts_a_term(terms: &Map<&[u8]>, lower: &str) -> bool {
    let fst = terms.as_fst();
    let mut node = fst.root();
    for &byte in analysis::fold(lower).as_bytes() {
        match node.find_input(byte) {
            Some(i) => node = fst.node(node.transition(i).addr),
            None => return false,
        }
    }
    true
}

/// [`split_compound`] with `depth` more levels of splitting for the second part, and the
/// geometric mean of the parts' document frequencies. With `open_end`, the last part may
/// be the start of a term: it then counts with the largest document frequency of its
/// first [`MAX_EXPANSIONS`] completions.
fn split_in(
    terms: &Map<&[u8]>,
    lower: &str,
    doc_freq: &dyn Fn(u64) -> u32,
    depth: u32,
    open_end: bool,
) -> Option<(f64, Vec<String>)> {
    // The largest document frequency of the word's exact form and stems.
    let known = |word: &str| -> Option<u32> {
        let stems = LANGS.iter().map(|&l| analysis::stem(word, l));
        std::iter::once(analysis::fold(word))
            .chain(stems)
            .filter_map(|k| terms.get(&k).map(doc_freq))
            .max()
    };
    let started = |word: &str| -> Option<u32> {
        let start = analysis::fold(word);
        let mut stream = terms.search(Str::new(&start).starts_with()).into_stream();
        let mut most = None;
        for _ in 0..MAX_EXPANSIONS {
            let Some((_, ordinal)) = stream.next() else { break };
            most = most.max(Some(doc_freq(ordinal)));
        }
        most
    };
    let known_end = |word: &str| known(word).or_else(|| if open_end { started(word) } else { None });
    let starts: Vec<usize> = lower.char_indices().map(|(i, _)| i).collect();
    // An open end is what is typed of a part so far: one letter may start it.
    let shortest_end = if open_end { 1 } else { MIN_SPLIT_PART_LEN };
    if starts.len() < MIN_SPLIT_PART_LEN + shortest_end {
        return None;
    }
    let mut best: Option<(f64, Vec<String>)> = None;
    for &at in &starts[MIN_SPLIT_PART_LEN..=starts.len() - shortest_end] {
        let (head, tail) = lower.split_at(at);
        let tail = match known_end(tail) {
            Some(freq) => (f64::from(freq), vec![tail.to_owned()]),
            None if depth > 0 => match split_in(terms, tail, doc_freq, depth - 1, open_end) {
                Some(split) => split,
                None => continue,
            },
            None => continue,
        };
        for link in LINKS {
            let Some(head) = head.strip_suffix(link) else {
                continue;
            };
            if head.chars().count() < MIN_SPLIT_PART_LEN {
                continue;
            }
            let Some(freq) = known(head) else { continue };
            let score = (f64::from(freq) * tail.0).sqrt();
            if best.as_ref().is_none_or(|b| score > b.0) {
                let parts = std::iter::once(head.to_owned())
                    .chain(tail.1.iter().cloned())
                    .collect();
                best = Some((score, parts));
            }
        }
    }
    best
}

/// Most dictionary terms one kind of fuzzy match may add (shortest first): enough for
/// any real completion, bounded so that a one-letter prefix stays fast on a big corpus.
pub const MAX_EXPANSIONS: usize = 64;

/// Words of up to this many letters must be typed exactly (Meilisearch's rule: a typo
/// in a short word makes it another word).
pub const MAX_LEN_WITHOUT_TYPO: usize = 4;

/// Words of up to this many letters may have one typo; longer ones two.
pub const MAX_LEN_ONE_TYPO: usize = 8;

/// How a dictionary term matched a query word, best first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum MatchKind {
    /// The same folded word.
    Exact,
    /// The same stem.
    Stem,
    /// The query word is a part of this compound.
    Part,
    /// The query word starts this word (search as you type).
    Prefix,
    /// Within the allowed number of typos.
    Typo,
}

impl MatchKind {
    /// Score factor of this kind of match: exact > stem > compound part > prefix > typo.
    pub fn weight(self) -> f32 {
        match self {
            MatchKind::Exact => 1.0,
            MatchKind::Stem => 0.85,
            MatchKind::Part => 0.6,
            MatchKind::Prefix => 0.5,
            MatchKind::Typo => 0.35,
        }
    }
}

/// One dictionary term a query word matched.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Expansion {
    /// The dictionary term.
    pub term: String,
    /// Its ordinal.
    pub ordinal: u64,
    /// How it matched.
    pub kind: MatchKind,
}

/// Typos allowed in a word of `letters` letters.
///
/// ```
/// use findling::search::expand::typos_allowed;
/// assert_eq!([4, 5, 8, 9].map(typos_allowed), [0, 1, 1, 2]);
/// ```
pub fn typos_allowed(letters: usize) -> u32 {
    match letters {
        n if n <= MAX_LEN_WITHOUT_TYPO => 0,
        n if n <= MAX_LEN_ONE_TYPO => 1,
        _ => 2,
    }
}

/// The dictionary terms the query word `lower` (lowercased, as typed) matches, each once
/// with its best kind. With `prefix`, the word is still being typed; without `fuzzy`, no
/// compound parts and no typos are looked for (each walks the whole dictionary).
/// `words` and `walks` hold the dictionary's words and what earlier keystrokes found.
pub fn expand(
    terms: &Map<&[u8]>,
    words: &WordList<'_>,
    walks: &RecentWalks,
    lower: &str,
    prefix: bool,
    fuzzy: bool,
) -> Vec<Expansion> {
    let term = analysis::fold(lower);
    let mut found: BTreeMap<String, (u64, MatchKind)> = BTreeMap::new();
    fn add(found: &mut BTreeMap<String, (u64, MatchKind)>, key: String, ordinal: u64, kind: MatchKind) {
        let slot = found.entry(key).or_insert((ordinal, kind));
        slot.1 = slot.1.min(kind);
    }
    if let Some(o) = terms.get(&term) {
        add(&mut found, term.clone(), o, MatchKind::Exact);
    }
    let stems: Vec<String> = LANGS.iter().map(|&l| analysis::stem(lower, l)).collect();
    for s in &stems {
        if let Some(o) = terms.get(s) {
            add(&mut found, s.clone(), o, MatchKind::Stem);
        }
        // A word that is its own stem is indexed by its exact form only.
        let bare = &s[STEM_MARK.len_utf8()..];
        if let Some(o) = terms.get(bare) {
            add(&mut found, bare.to_owned(), o, MatchKind::Stem);
        }
    }
    let mut needles: Vec<&str> = stems.iter().map(|s| &s[STEM_MARK.len_utf8()..]).collect();
    needles.push(&term);
    needles.retain(|n| fuzzy && n.len() >= MIN_PART_LEN);
    sort::sort(&mut needles);
    needles.dedup();
    // A word containing "behorden" contains "behord": only the needles that contain no
    // other need a search.
    let minimal: Vec<&str> = needles
        .iter()
        .copied()
        .filter(|n| !needles.iter().any(|m| m != n && n.contains(m)))
        .collect();
    for needle in minimal {
        for (key, o) in words.containing(needle) {
            add(&mut found, key, o, MatchKind::Part);
        }
    }
    // A stop word is no completion and no typo of another word: finished, it is dropped
    // from the query (`Query::without_stop_words`), and as a look-alike it would weigh
    // every document by its most common words ("da" → "das", "dass").
    if prefix {
        for (key, o) in walks.starting(terms, &term, 0, Str::new(&term)) {
            if !is_stop_word_of_any(&key) {
                add(&mut found, key, o, MatchKind::Prefix);
            }
        }
    }
    let letters = term.chars().count();
    let typos = if fuzzy { typos_allowed(letters) } else { 0 };
    if typos > 0 {
        if let Some(automaton) = Typos::new(&term, typos) {
            let typo_matches = if prefix {
                walks.starting(terms, &term, typos, automaton)
            } else {
                collect(terms, automaton, &term)
            };
            for (key, o) in typo_matches {
                if !is_stop_word_of_any(&key) {
                    add(&mut found, key, o, MatchKind::Typo);
                }
            }
        }
    }
    found
        .into_iter()
        .map(|(term, (ordinal, kind))| Expansion { term, ordinal, kind })
        .collect()
}

/// Exact-form dictionary terms (not stems) accepted by `automaton`, other than `itself`,
/// shortest first (then in byte order), at most [`MAX_EXPANSIONS`].
fn collect<A: Alike>(terms: &Map<&[u8]>, automaton: A, itself: &str) -> Vec<(String, u64)> {
    let mut found = walk(terms, automaton, itself, None, false).words;
    found.truncate(MAX_EXPANSIONS);
    found
}

/// What a walk of the dictionary found: the first of its matches in their order
/// (shortest first, then in byte order), all of them when `complete`. Its first
/// [`MAX_EXPANSIONS`] are the walk's answer.
#[derive(Debug, Clone)]
struct Walked {
    words: Vec<(String, u64)>,
    complete: bool,
    /// The nodes it reached, when there were at most [`MAX_TRAIL_NODES`].
    trail: Option<Rc<Trail>>,
}

/// Most matches a walk keeps: beyond [`MAX_EXPANSIONS`], the rest of the length where it
/// found them, so that the next keystroke can pick its own out of them (see
/// [`RecentWalks`]).
pub const KEPT_MATCHES: usize = 4 * MAX_EXPANSIONS;

/// Nodes a walk makes room for at once (more grow as needed).
const WALK_ROOM: usize = 2048;

/// Most nodes a walk's trail (`Trail`) may hold to be kept (16 bytes each beside its keys' 8:
/// 384 KB; at most one trail is kept per number of typos). On de-10k's keystroke
/// prefixes the largest trail, a two-typo walk's, has 2,606 nodes. A walk that reaches
/// more stops recording its trail.
pub const MAX_TRAIL_NODES: usize = 1 << 14;

/// Where a node a walk reached is: its address in the fst and the output on the way.
type Place = (fst::raw::CompiledAddr, u64);

/// One level of a [`Trail`]: the index of its first node, its nodes' keys and places.
type Level<'t> = (u32, &'t [(u32, u8)], &'t [Place]);

/// The nodes a walk reached, level by level (the root first, then each length's nodes
/// in the order the walk met them): every node that could still lead to a match. A
/// walk for a word typed one letter further, with as many typos, reaches only nodes
/// among these (a key within the typos of a start of the longer word is within them of
/// a start of the shorter one), in the same order, so it takes them from here instead of
/// reading every transition of the fst's nodes again, as far as these levels go.
#[derive(Debug, Default)]
struct Trail {
    /// Each node's key, as (parent node, last byte); node 0 is the root.
    keys: Vec<(u32, u8)>,
    /// Each node's address in the fst and the output on the way to it.
    places: Vec<Place>,
    /// Where each level ends.
    ends: Vec<u32>,
}

impl Trail {
    /// The index of the first node of level `length` and its nodes' keys and places, if
    /// the walk reached it.
    fn level(&self, length: usize) -> Option<Level<'_>> {
        let end = *self.ends.get(length)? as usize;
        let start = length.checked_sub(1).map_or(0, |l| self.ends[l] as usize);
        Some((start as u32, &self.keys[start..end], &self.places[start..end]))
    }
}

/// Exact-form dictionary terms (not stems) accepted by `automaton`, other than `itself`,
/// shortest first (then in byte order): all of them, or the first of them, at least
/// [`MAX_EXPANSIONS`] and the others as long as the longest of those (at most
/// [`KEPT_MATCHES`]).
///
/// The dictionary is walked breadth first, one length at a time, and the walk stops at
/// the length that brings enough words: a short prefix such as "d" starts tens of
/// thousands of words, and a prefix with a typo allowed more, but only the few shortest
/// are wanted. Each node is read once (a depth-first stream would go down every long
/// word first), and a level's nodes are in byte order, so its matches come in the order
/// they are ranked. With `from`, the trail of a walk whose live nodes include every live
/// node of this one (see [`Trail`]), the levels it holds are taken from it; with
/// `record`, the walk's own trail is kept when it has at most [`MAX_TRAIL_NODES`] nodes.
fn walk<A: Alike>(
    terms: &Map<&[u8]>,
    automaton: A,
    itself: &str,
    from: Option<&Trail>,
    record: bool,
) -> Walked {
    let fst = terms.as_fst();
    let automaton = ExactForms(automaton);
    // The nodes reached, level by level. Room for a walk of a few thousand nodes: growing
    // copies them (and a level's nodes, an fst node and an automaton state each) again
    // and again.
    let root = fst.root();
    let mut trail = Trail {
        keys: Vec::with_capacity(WALK_ROOM),
        places: if record {
            Vec::with_capacity(WALK_ROOM)
        } else {
            Vec::new()
        },
        ends: vec![1],
    };
    let mut record = record;
    trail.keys.push((0, 0));
    trail.places.push((root.addr(), 0));
    // The key of node `k` of the level `length` (a level's keys are that long).
    let key_of = |keys: &[(u32, u8)], mut k: u32, length: usize| {
        let mut bytes = vec![0; length];
        for byte in bytes.iter_mut().rev() {
            let (parent, last) = keys[k as usize];
            *byte = last;
            k = parent;
        }
        bytes
    };
    // The nodes of one length that may still lead to a match: (node, automaton state,
    // output so far, index in `trail`, index in `from`'s trail).
    let start = automaton.start();
    let mut level = Vec::with_capacity(WALK_ROOM / 4);
    if automaton.can_match(&start) {
        level.push((root, start, fst::raw::Output::zero(), 0u32, 0u32));
    }
    let mut out: Vec<(String, u64)> = Vec::with_capacity(MAX_EXPANSIONS);
    // The next length's nodes, in a buffer kept from level to level.
    let mut next = Vec::with_capacity(WALK_ROOM / 4);
    let mut length = 0;
    let kept = |trail: Trail, record: bool| record.then(|| Rc::new(trail));
    while !level.is_empty() {
        for (node, state, output, key, _) in &level {
            if !node.is_final() || !automaton.is_match(state) {
                continue;
            }
            let bytes = key_of(&trail.keys, *key, length);
            if bytes == itself.as_bytes() {
                continue;
            }
            if let Ok(word) = String::from_utf8(bytes) {
                out.push((word, output.cat(node.final_output()).value()));
                if out.len() == KEPT_MATCHES {
                    return Walked {
                        words: out,
                        complete: false,
                        trail: kept(trail, record),
                    };
                }
            }
        }
        if out.len() >= MAX_EXPANSIONS {
            return Walked {
                words: out,
                complete: false,
                trail: kept(trail, record),
            };
        }
        next.clear();
        // Records a node reached: its index in the trail.
        let reach =
            |trail: &mut Trail, record: bool, parent: u32, byte: u8, addr, output: fst::raw::Output| {
                trail.keys.push((parent, byte));
                if record {
                    trail.places.push((addr, output.value()));
                }
                trail.keys.len() as u32 - 1
            };
        match from.and_then(|f| f.level(length + 1)) {
            Some((first, keys, places)) => {
                // The live nodes among those `from` reached, in its order: a child's
                // parent is at or after the last child's (the levels ascend).
                let mut at = 0;
                for ((i, &(parent, byte)), &(addr, output)) in (first..).zip(keys).zip(places) {
                    while level.get(at).is_some_and(|l| l.4 < parent) {
                        at += 1;
                    }
                    let Some((_, state, _, key, _)) = level.get(at).filter(|l| l.4 == parent) else {
                        continue;
                    };
                    let state = automaton.accept(state, byte);
                    if automaton.can_match(&state) {
                        let output = fst::raw::Output::new(output);
                        let k = reach(&mut trail, record, *key, byte, addr, output);
                        next.push((fst.node(addr), state, output, k, i));
                    }
                }
            }
            None => {
                for (node, state, output, key, _) in &level {
                    // Where the bytes read alike lead, once one was read (`None` inside:
                    // nowhere that can match).
                    let mut alike = None;
                    for t in node.transitions() {
                        let read = || Some(automaton.accept(state, t.inp)).filter(|s| automaton.can_match(s));
                        let next_state = if automaton.alike(state, t.inp) {
                            alike.get_or_insert_with(read).clone()
                        } else {
                            read()
                        };
                        if let Some(state) = next_state {
                            let output = output.cat(t.out);
                            let k = reach(&mut trail, record, *key, t.inp, t.addr, output);
                            next.push((fst.node(t.addr), state, output, k, 0));
                        }
                    }
                }
            }
        }
        trail.ends.push(trail.keys.len() as u32);
        if record && trail.keys.len() > MAX_TRAIL_NODES {
            // Too large to keep: recording it would only copy it as it grows.
            record = false;
            trail.places = Vec::new();
        }
        std::mem::swap(&mut level, &mut next);
        length += 1;
    }
    Walked {
        words: out,
        complete: true,
        trail: kept(trail, record),
    }
}

/// Whether `automaton` accepts `key` whole.
pub(crate) fn accepts<A: Automaton>(automaton: &A, key: &[u8]) -> bool {
    let mut state = automaton.start();
    for &byte in key {
        if !automaton.can_match(&state) {
            return false;
        }
        state = automaton.accept(&state, byte);
    }
    automaton.is_match(&state)
}

/// Walks of the words being typed, remembered for the next keystroke: a word typed one
/// letter further starts fewer words, and within as many typos, all of them among those
/// of the word before, so they are picked out of its list instead of walking the
/// dictionary again (most of a keystroke's time in a long word). A walk that stopped
/// after [`MAX_EXPANSIONS`] words found the first of its matches in their order: those
/// of the next word among them are the first of its own, its answer when there are
/// enough.
#[derive(Debug, Default)]
pub struct RecentWalks {
    /// The latest walks worth remembering.
    recent: RefCell<Vec<Remembered>>,
    /// The trail of the latest typo walk with each number of typos: a word typed further
    /// whose matches are not among a remembered walk's takes its walk's first levels
    /// from there (see [`Trail`]).
    trails: RefCell<Vec<(String, u32, Rc<Trail>)>>,
}

/// A remembered walk: the word, its typos, what it found.
type Remembered = (String, u32, Rc<Walked>);

/// Walks that [`RecentWalks`] remembers.
pub const CACHED_WALKS: usize = 16;

impl RecentWalks {
    /// The dictionary's exact-form words, other than `word`, that start with a word
    /// `automaton` accepts (`word` within `typos` typos, 0: `word` itself), shortest
    /// first, at most [`MAX_EXPANSIONS`]: from the remembered walk of a shorter start of
    /// `word` with as many typos when it has enough of them, else walked.
    ///
    /// ```
    /// use findling::search::expand::RecentWalks;
    /// use findling::search::typos::Typos;
    /// let bytes = fst::Map::from_iter([("haus", 0), ("hausbau", 1), ("hauser", 2), ("maus", 3)]).unwrap();
    /// let words = fst::Map::new(bytes.as_fst().as_bytes()).unwrap();
    /// let walks = RecentWalks::default();
    /// let each = |w: &str| walks.starting(&words, w, 1, Typos::new(w, 1).unwrap());
    /// // All but "haus", the word typed itself, and "maus", another first letter:
    /// assert_eq!(each("haus").len(), 2);
    /// // Picked out of the three above and "haus", not walked:
    /// let found: Vec<String> = each("hause").into_iter().map(|(w, _)| w).collect();
    /// assert_eq!(found, ["haus", "hauser", "hausbau"]);
    /// ```
    pub fn starting<A: Alike>(
        &self,
        terms: &Map<&[u8]>,
        word: &str,
        typos: u32,
        automaton: A,
    ) -> Vec<(String, u64)> {
        let automaton = Started(automaton);
        let before = self
            .recent
            .borrow()
            .iter()
            .filter(|(w, t, _)| *t == typos && w.len() < word.len() && word.starts_with(w.as_str()))
            .max_by_key(|(w, _, _)| w.len())
            .map(|(w, _, walked)| (w.clone(), Rc::clone(walked)));
        // Every word within the typos of `word` is within them of its start `before`
        // (cut the alignment where `before` ends), so it is one of `before`'s words or
        // `before` itself, which its walk left out (and would have found where it
        // stopped only if it comes before the last word found).
        let picked = before.and_then(|(before, walked)| {
            let found_by_then = walked.complete
                || walked
                    .words
                    .last()
                    .is_some_and(|(last, _)| (before.len(), before.as_str()) < (last.len(), last.as_str()));
            let itself = terms.get(&before).filter(|_| found_by_then).map(|o| (before, o));
            let exact = ExactForms(&automaton);
            let mut words: Vec<(String, u64)> = walked
                .words
                .iter()
                .cloned()
                .chain(itself)
                .filter(|(w, _)| w != word && accepts(&exact, w.as_bytes()))
                .collect();
            sort::sort_by(&mut words, |a, b| {
                a.0.len().cmp(&b.0.len()).then_with(|| a.0.cmp(&b.0))
            });
            (walked.complete || words.len() >= MAX_EXPANSIONS).then_some(Walked {
                words,
                complete: walked.complete,
                trail: None,
            })
        });
        let mut walked = picked.unwrap_or_else(|| {
            // A shorter start of `word` with as many typos reached every node this walk
            // can (the argument above, for each start of a key).
            let from = self
                .trails
                .borrow()
                .iter()
                .find(|(w, t, _)| *t == typos && w.len() < word.len() && word.starts_with(w.as_str()))
                .map(|(_, _, trail)| Rc::clone(trail));
            // A plain prefix's walk reads only the nodes below the prefix: it keeps no
            // trail.
            walk(terms, &automaton, word, from.as_deref(), typos > 0)
        });
        if let Some(trail) = walked.trail.take() {
            let mut trails = self.trails.borrow_mut();
            trails.retain(|(_, t, _)| *t != typos);
            trails.push((word.to_owned(), typos, trail));
        }
        let found = walked.words.iter().take(MAX_EXPANSIONS).cloned().collect();
        if walked.complete || walked.words.len() >= MAX_EXPANSIONS {
            let mut recent = self.recent.borrow_mut();
            if recent.len() >= CACHED_WALKS {
                recent.remove(0);
            }
            recent.push((word.to_owned(), typos, Rc::new(walked)));
        }
        found
    }
}

/// An automaton that tells a walk which bytes it reads alike: from `state`, every byte
/// for which [`alike`](Self::alike) holds leads to one same state, so a walk computes
/// that state once per node and gives it to each such transition (it still visits every
/// transition). [`Typos`]: every ASCII byte that is none of the word's (letters, digits,
/// `-`, `.`: most of a node's); [`Started`]: every byte once its automaton matched.
pub trait Alike: Automaton<State: Clone> {
    /// Whether `byte`, read from `state`, leads where every other byte alike does.
    fn alike(&self, state: &Self::State, byte: u8) -> bool;
}

impl Alike for Typos {
    fn alike(&self, state: &Self::State, byte: u8) -> bool {
        self.reads_alike(state, byte)
    }
}

impl Alike for Str<'_> {
    /// A prefix's walk reads one byte a node until the prefix is read.
    fn alike(&self, _: &Self::State, _: u8) -> bool {
        false
    }
}

impl<A: Alike> Alike for &A {
    fn alike(&self, state: &Self::State, byte: u8) -> bool {
        (**self).alike(state, byte)
    }
}

/// What `A` accepts and every key that goes on after it: `fst`'s `StartsWith`, with a
/// state that [`Alike`] can look into.
///
/// ```
/// use findling::search::expand::{Alike, Started};
/// use findling::search::typos::Typos;
/// use fst::Automaton;
/// let started = Started(Typos::new("haus", 0).unwrap());
/// let read = |key: &[u8]| key.iter().fold(started.start(), |s, &b| started.accept(&s, b));
/// assert!(started.is_match(&read(b"hausboot")) && !started.can_match(&read(b"hut")));
/// // Once "haus" is read, every byte leads on alike; before it, "x" and "z" do.
/// assert!(started.alike(&read(b"haus"), b'a'));
/// assert!(started.alike(&read(b"ha"), b'x') && !started.alike(&read(b"ha"), b'u'));
/// ```
#[derive(Debug, Clone)]
pub struct Started<A>(pub A);

impl<A: Automaton> Automaton for Started<A> {
    /// `None` once `A` matched (every key from there on matches), else `A`'s state.
    type State = Option<A::State>;

    fn start(&self) -> Self::State {
        Some(self.0.start()).filter(|s| !self.0.is_match(s))
    }

    fn is_match(&self, state: &Self::State) -> bool {
        state.is_none()
    }

    fn can_match(&self, state: &Self::State) -> bool {
        state.as_ref().is_none_or(|s| self.0.can_match(s))
    }

    fn will_always_match(&self, state: &Self::State) -> bool {
        state.as_ref().is_none_or(|s| self.0.will_always_match(s))
    }

    fn accept(&self, state: &Self::State, byte: u8) -> Self::State {
        let next = self.0.accept(state.as_ref()?, byte);
        Some(next).filter(|s| !self.0.is_match(s))
    }
}

impl<A: Alike> Alike for Started<A> {
    fn alike(&self, state: &Self::State, byte: u8) -> bool {
        state.as_ref().is_none_or(|s| self.0.alike(s, byte))
    }
}

impl<A: Alike> Alike for ExactForms<A> {
    /// The first byte is read apart (a stem key's mark ends the walk there).
    fn alike(&self, state: &Self::State, byte: u8) -> bool {
        matches!(state, Some((false, s)) if self.0.alike(s, byte))
    }
}

/// An automaton that accepts what `A` accepts, except stem keys: it never enters the
/// [`STEM_MARK`] half of the dictionary, which an unanchored search such as
/// a substring automaton would otherwise walk in full.
#[derive(Debug, Clone)]
pub struct ExactForms<A>(pub A);

impl<A: Automaton> Automaton for ExactForms<A> {
    /// `None`: a stem key (dead); otherwise whether nothing was read yet, and `A`'s state.
    type State = Option<(bool, A::State)>;

    fn start(&self) -> Self::State {
        Some((true, self.0.start()))
    }

    fn is_match(&self, state: &Self::State) -> bool {
        state.as_ref().is_some_and(|(_, s)| self.0.is_match(s))
    }

    fn can_match(&self, state: &Self::State) -> bool {
        state.as_ref().is_some_and(|(_, s)| self.0.can_match(s))
    }

    fn will_always_match(&self, state: &Self::State) -> bool {
        state
            .as_ref()
            .is_some_and(|(first, s)| !first && self.0.will_always_match(s))
    }

    fn accept(&self, state: &Self::State, byte: u8) -> Self::State {
        let (first, s) = state.as_ref()?;
        if *first && byte == STEM_MARK as u8 {
            return None;
        }
        Some((false, self.0.accept(s, byte)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::search::word_list::tests::{map, shortest_first};

    fn kinds(words: &[&str], query: &str, prefix: bool) -> Vec<(String, MatchKind)> {
        let bytes = map(words);
        let m = Map::new(bytes.as_slice()).unwrap();
        expand(
            &m,
            &WordList::new(&m),
            &RecentWalks::default(),
            query,
            prefix,
            true,
        )
        .into_iter()
        .map(|e| (e.term, e.kind))
        .collect()
    }

    #[test]
    fn many_matches_found_one_length_at_a_time_are_the_shortest_of_all() {
        // 1,000 words starting "ab", of lengths 3 to 12, in a scrambled order.
        let words: Vec<String> = (0..1000u32)
            .map(|i| {
                let n = i.wrapping_mul(2_654_435_761) % 1_000_000;
                let tail: String = format!("{n}")
                    .chars()
                    .map(|c| (b'a' + c as u8 - b'0') as char)
                    .collect();
                format!("ab{}", &tail[..(i as usize % tail.len()) + 1])
            })
            .collect();
        let mut refs: Vec<&str> = words.iter().map(String::as_str).collect();
        refs.sort_unstable();
        refs.dedup();
        let bytes = map(&refs);
        let m = Map::new(bytes.as_slice()).unwrap();
        let all: Vec<(String, u64)> = {
            let mut stream = m.search(ExactForms(Str::new("ab").starts_with())).into_stream();
            let mut out = Vec::new();
            while let Some((k, o)) = stream.next() {
                out.push((String::from_utf8(k.to_vec()).unwrap(), o));
            }
            out
        };
        assert!(all.len() > 4 * MAX_EXPANSIONS);
        assert_eq!(collect(&m, Started(Str::new("ab")), "ab"), shortest_first(all));
    }

    proptest::proptest! {
        #[test]
        fn remembered_walks_give_what_a_fresh_walk_gives(
            words in proptest::collection::btree_set("[abö]{1,6}", 1..200),
            typed in "[abö]{1,7}",
            typos in 0u32..3,
        ) {
            typing_walks_as_fresh_ones(&words, &typed, typos)?;
        }
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(48))]
        /// Dictionaries where a walk stops at MAX_EXPANSIONS words, or finds more than
        /// KEPT_MATCHES of one length.
        #[test]
        fn remembered_walks_that_stopped_give_what_a_fresh_walk_gives(
            words in proptest::collection::btree_set("[abc]{1,7}", 300..1500),
            typed in "[abc]{1,7}",
            typos in 0u32..3,
        ) {
            typing_walks_as_fresh_ones(&words, &typed, typos)?;
        }

        /// A walk that reads the bytes its automaton treats alike once per node finds what
        /// running the automaton over every dictionary word finds (an oracle without the
        /// walk): the words within `typos` of the typed word, or of a start of it, shortest
        /// first, the word itself left out. The dictionary has letters the typed word lacks
        /// (`c`, `d`, `x`, `-`: read alike), and `ö` on both sides.
        #[test]
        fn a_walk_reading_bytes_alike_finds_what_the_automaton_accepts(
            words in proptest::collection::btree_set("[abcdxö-]{1,7}", 1..400),
            typed in "[abö]{1,6}",
            typos in 0u32..3,
        ) {
            let list: Vec<&str> = words.iter().map(String::as_str).collect();
            let bytes = map(&list);
            let m = Map::new(bytes.as_slice()).unwrap();
            let Some(automaton) = Typos::new(&typed, typos) else { return Ok(()) };
            let oracle = |accepted: &dyn Fn(&[u8]) -> bool| {
                let found: Vec<(String, u64)> = list
                    .iter()
                    .enumerate()
                    .filter(|(_, w)| **w != typed && accepted(w.as_bytes()))
                    .map(|(i, w)| ((*w).to_owned(), i as u64))
                    .collect();
                shortest_first(found)
            };
            let started = Started(automaton.clone());
            proptest::prop_assert_eq!(
                collect(&m, Started(automaton.clone()), &typed),
                oracle(&|w| accepts(&started, w))
            );
            proptest::prop_assert_eq!(collect(&m, automaton.clone(), &typed), oracle(&|w| accepts(&automaton, w)));
        }

        /// A walk that takes its first levels from the trail of a shorter start of its word
        /// (as many typos) finds what a walk from the root finds, stopped or complete.
        #[test]
        fn a_walk_from_a_shorter_word_s_trail_is_a_fresh_walk(
            words in proptest::collection::btree_set("[abc]{1,7}", 1..1500),
            typed in "[abc]{2,8}",
            typos in 0u32..3,
        ) {
            let words: Vec<&str> = words.iter().map(String::as_str).collect();
            let bytes = map(&words);
            let m = Map::new(bytes.as_slice()).unwrap();
            let starts: Vec<&str> = (1..=typed.len()).map(|end| &typed[..end]).collect();
            for (i, shorter) in starts.iter().enumerate() {
                let before = walk(&m, Started(Typos::new(shorter, typos).unwrap()), shorter, None, true);
                let trail = before.trail.expect("a small walk keeps its trail");
                for word in &starts[i + 1..] {
                    let automaton = Started(Typos::new(word, typos).unwrap());
                    let fresh = walk(&m, &automaton, word, None, false);
                    let resumed = walk(&m, &automaton, word, Some(&trail), false);
                    proptest::prop_assert_eq!(&resumed.words, &fresh.words, "{} after {}", word, shorter);
                    proptest::prop_assert_eq!(resumed.complete, fresh.complete);
                }
            }
        }
    }

    /// Typing `typed` one letter at a time over a dictionary of `words`, what the
    /// remembered walks give is what a fresh walk gives, keystroke after keystroke, with
    /// `typos` and as a plain prefix.
    fn typing_walks_as_fresh_ones(
        words: &std::collections::BTreeSet<String>,
        typed: &str,
        typos: u32,
    ) -> Result<(), proptest::test_runner::TestCaseError> {
        let words: Vec<&str> = words.iter().map(String::as_str).collect();
        let bytes = map(&words);
        let m = Map::new(bytes.as_slice()).unwrap();
        let walks = RecentWalks::default();
        for (end, _) in typed.char_indices().skip(1).chain([(typed.len(), ' ')]) {
            let word = &typed[..end];
            let automaton = Typos::new(word, typos).unwrap();
            proptest::prop_assert_eq!(
                walks.starting(&m, word, typos, automaton.clone()),
                collect(&m, Started(automaton), word),
                "{}",
                word
            );
            proptest::prop_assert_eq!(
                walks.starting(&m, word, 0, Str::new(word)),
                collect(&m, Started(Str::new(word)), word)
            );
        }
        Ok(())
    }

    #[test]
    fn kinds_are_exact_stem_part_prefix_typo() {
        let words = [
            "gesetz",
            "sicherheitsgesetz",
            "gesetzgebung",
            "microsoft",
            "\u{1}gesetz",
        ];
        assert_eq!(
            kinds(&words, "gesetz", true),
            [
                ("\u{1}gesetz".to_string(), MatchKind::Stem),
                ("gesetz".to_string(), MatchKind::Exact),
                ("gesetzgebung".to_string(), MatchKind::Part),
                ("sicherheitsgesetz".to_string(), MatchKind::Part),
            ]
        );
        assert_eq!(
            kinds(&words, "mircosoft", false),
            [("microsoft".to_string(), MatchKind::Typo)]
        );
        assert_eq!(
            kinds(&words, "gesetze", false)[0],
            ("\u{1}gesetz".to_string(), MatchKind::Stem)
        );
    }

    #[test]
    fn short_words_get_no_typos_and_transpositions_count_once() {
        let words = ["zoom", "daten", "dtaen"];
        assert!(kinds(&words, "zoon", false).is_empty());
        assert_eq!(
            kinds(&words, "datne", false),
            [("daten".to_string(), MatchKind::Typo)]
        );
        // Swapping the first two letters changes the first letter: two typos.
        assert!(kinds(&words, "adten", false).is_empty());
    }
}
