//! The title's bonus: a page whose title starts with the query's words, or is them, is
//! the page a reader who types that name wants ([`TITLE_START_BOOST`],
//! [`TITLE_WHOLE_BOOST`]); the section numbers that lead or end a title are noted once per
//! document, as its shard is added.

use super::matches::{self, Match};
use super::Index;
use crate::analysis;

/// Weight of a title that starts with the query: a document whose title's first n words
/// hold the words of a query of n words (stop words counted: "The Python Tutorial" for
/// "the python tutorial"), each as typed (its exact form, or a
/// word it begins while it is typed; not a stem, a compound part or a typo), gets this
/// fraction of its score on top, times the words in the row beyond two (a row of four
/// words gets twice this): the longer the row, the surer it is the page meant.
/// A title names what its page is about, and a reader who types that name ("json",
/// "asyncio", "os.path") wants the page it names first, not the pages that mention it
/// most, as Meilisearch's attribute and exactness rules and DocSearch's title-first
/// ranking put it. BM25F alone misses it: a reference page says its own name so often
/// that the body's frequency saturates and the title adds little. On Python 3.11's
/// documentation (531 pages; `tests/peers/site-names.mjs` types the names of the 232
/// pages whose title starts with their own name) the named page came first for 78.4 %
/// of the names (MRR@10 0.858), and for 97.8 % with this boost (0.989). The five collections
/// of `make relevance`, whose queries are questions and descriptions, keep their nDCG@10
/// and all but one of their 5,795 top-10 lists.
pub const TITLE_START_BOOST: f32 = 1.0;

/// Weight of a title that is the query: a document whose title (after a section number
/// that leads it, and before a manual page's section or a year in parentheses that ends
/// its name, with what follows: see [`analysis::numbering`])
/// is the query's words, each typed as a word of its own (no stop word left out, no
/// phrase) and standing in its place, gets this
/// fraction of its score on top of the title start's, once the query's words are
/// finished (while a word is typed it may still become a longer one).
/// A reader who types a section's title ("Event Triggers", "Index Types") wants that
/// section, not the chapter whose table of contents lists it or a longer title that
/// starts the same way ("Event Triggers Functions"). `tests/peers/site-names.mjs --titles`
/// types every page's own title into a built site; the titled page came first for 76.9 %
/// of PostgreSQL 15's 1,083 titles, 94.1 % of Python 3.11's 489 and 89.0 % of the Debian
/// handbook's 127 before the section numbers and this boost, and for 99.4 %, 99.6 % and
/// 99.2 % with them (FlexSearch 93.2 %, 97.1 %, 100 %; Pagefind 88.0 %, 79.3 %, 96.9 %).
/// The five collections of `make relevance` keep their nDCG@10 to three decimals.
pub const TITLE_WHOLE_BOOST: f32 = 1.0;

/// Weight of a title that starts with the query's first words when the page's headings
/// hold the others: a document whose title's first k words are the first k of a query
/// of n words (each as typed, in order; after a section number that leads the title),
/// and where each of the other words stands in one of its headings, gets this fraction
/// of its score on top: as much as a title that is the whole query gets
/// (([`TITLE_START_BOOST`] + 1) × ([`TITLE_WHOLE_BOOST`] + 1) = 4 times its score), for
/// the title and a heading together name what the reader typed. A reader who types a
/// name and then a word of it ("Vec push", "OpenOptions read") wants the page that the
/// name titles, at the section that the word heads, as DocSearch's hierarchy of page
/// title and headings puts it. BM25F divides a long reference page's words by its
/// length, and a source listing or another page that says both words more often, or
/// one after the other ("Vec::push"), came first. On Rust 1.95's documentation, a
/// throwaway draw of 400 such queries (a type's name and one of its own methods) found
/// the type's page first for 59.8 % before this boost and 87.2 % with it (70.8 % and
/// 80.2 % with a third and two thirds of it); `tests/peers/site-methods.mjs`, two sets
/// of 400 drawn after the weight was chosen: 63.3 % and 58.5 % before, 85.3 % and 85.0 %
/// with it (Pagefind 1.6: 86.8 % and 81.3 %). Collections without headings are not
/// touched. The boost is given where `Index::named_heading` finds the
/// heading, whose section the hit's excerpt then shows.
pub const TITLE_NAME_BOOST: f32 = 3.0;

impl Index<'_> {
    /// Notes the section numbers that lead and end the title of each loaded document of
    /// `docs` ([`Index::title_ends`](Self#structfield.title_ends)).
    pub(super) fn end_titles(&mut self, docs: std::ops::Range<u32>) {
        use analysis::numbering::{title_lead, title_tail};
        for doc in docs {
            if let Some(entry) = self.parts.entry(doc) {
                let title = &entry.document.title;
                let words = |n: u32| u8::try_from(n).unwrap_or(0);
                self.title_ends[doc as usize] = (words(title_lead(title)), words(title_tail(title)));
            }
        }
    }

    /// What the title of `doc` multiplies its score by for the query whose `width`
    /// clauses stand as typed first at `typed_at`: 1 + [`TITLE_START_BOOST`] when the
    /// title starts with it, each clause among the title's first `words` words, the words
    /// typed (stop words included), or among the first `words` after the section number
    /// that leads it ([`analysis::numbering::title_lead`]: "Index Types" for "11.2. Index
    /// Types"); and that times 1 + [`TITLE_WHOLE_BOOST`] when those are all its words, or
    /// all before the section that ends its name ([`analysis::numbering::title_tail`]:
    /// "git-init" for "git-init(1) Manual Page"), and `(words, finished)` says the query's
    /// words are finished.
    pub(super) fn title_boost(
        &self,
        doc: u32,
        typed_at: impl Iterator<Item = u8>,
        width: usize,
        (words, finished): (usize, bool),
    ) -> f32 {
        let Some((title_len, _)) = self.lengths.get(doc as usize).copied().flatten() else {
            return 1.0;
        };
        let (mut n, mut first, mut last) = (0, u8::MAX, 0);
        for at in typed_at {
            (n, first, last) = (n + 1, first.min(at), last.max(at));
        }
        let words = words as u32;
        let (lead, tail) = self.title_ends[doc as usize];
        let (lead, tail) = (u32::from(lead), u32::from(tail));
        let (first, last) = (u32::from(first), u32::from(last));
        let within = |start: u32| first >= start && last < (start + words).min(title_len);
        if n != width || last == u32::from(matches::NOT_TYPED) {
            return 1.0;
        }
        let start = if within(0) {
            0
        } else if lead > 0 && within(lead) {
            lead
        } else {
            return 1.0;
        };
        // Every word typed is a clause (no stop word left out, no phrase), and they hold
        // the title's words from its start to its end, or to the section that ends it.
        let whole = finished && width as u32 == words && first == start && last + 1 == start + words;
        let to_end = title_len.saturating_sub(start);
        let whole = if whole && (to_end == words || to_end.saturating_sub(tail) == words) {
            1.0 + TITLE_WHOLE_BOOST
        } else {
            1.0
        };
        (1.0 + TITLE_START_BOOST) * whole
    }

    /// When the title of `doc` starts with the first words of the query whose `width`
    /// clauses matched there as `clauses` (in the order typed: its first words, as typed
    /// and in order, or after the section number that leads it) and each of the
    /// query's other words stands in one of the page's headings, the body position
    /// where the first of those words first stands in a heading: the section the reader
    /// is after ("push" in "pub fn push(&mut self, value: T)" for "Vec push").
    pub(super) fn named_heading<'m>(
        &self,
        doc: u32,
        clauses: impl Iterator<Item = Match<'m>> + Clone,
        width: usize,
    ) -> Option<u32> {
        let (title_len, _) = self.lengths.get(doc as usize).copied().flatten()?;
        let lead = self.title_ends[doc as usize].0;
        // How many of the first clauses stand first in the title, in order.
        let mut leading = 0;
        let mut start = None;
        for (k, at) in clauses.clone().map(|m| m.typed_at).enumerate() {
            let start = *start.get_or_insert(if at == lead && lead > 0 { lead } else { 0 });
            if u32::from(at) != u32::from(start) + k as u32 || at == matches::NOT_TYPED {
                break;
            }
            leading += 1;
        }
        if !(1..width).contains(&leading) {
            return None;
        }
        let headings = self.parts.headings(doc);
        let in_heading = |m: Match<'_>| {
            let body = m.positions.iter().filter(|&&p| p >= title_len);
            first_in(body.map(|&p| p - title_len), headings)
        };
        let mut others = clauses.skip(leading).map(in_heading);
        let first = others.next()??;
        others.all(|p| p.is_some()).then_some(first)
    }
}

/// The first of `positions` (ascending) that stands in one of `ranges` (ascending, apart).
///
/// ```
/// # use findling::search::title::first_in;
/// assert_eq!(first_in([0, 5, 9].into_iter(), &[(4, 6), (8, 9)]), Some(5));
/// assert_eq!(first_in([0, 6, 9].into_iter(), &[(4, 6), (7, 9)]), None);
/// assert_eq!(first_in([3].into_iter(), &[]), None);
/// ```
pub fn first_in(positions: impl Iterator<Item = u32>, ranges: &[(u32, u32)]) -> Option<u32> {
    let mut rest = ranges;
    for position in positions {
        while let [(_, end), more @ ..] = rest {
            if *end > position {
                break;
            }
            rest = more;
        }
        match rest.first() {
            None => return None,
            Some(&(first, _)) if first <= position => return Some(position),
            Some(_) => {}
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use crate::document::{Document, Section};

    /// A reference page titled by a name, a method of it among its headings, beside a
    /// short source listing that says both words often and one after the other.
    #[test]
    fn a_title_that_names_the_first_word_and_a_heading_the_other_leads() {
        let filler = "A Vec holds values of one type and grows as needed. ".repeat(40);
        let heading = "pub fn push(&mut self, value: T)";
        let text = format!("{filler}\n\n{heading}\n\nAppends an element.\n\n{filler}");
        let at = filler.len() as u32 + 2;
        let page = |id: &str, headings| Document {
            id: id.into(),
            title: "Vec in std::vec".into(),
            text: text.clone(),
            headings,
            sections: vec![Section {
                at,
                anchor: "method.push".into(),
            }],
            ..Default::default()
        };
        let listing = Document {
            id: "listing".into(),
            title: "buffer.rs - source".into(),
            text: format!(
                "{}fn push(&mut self, v: u8) {{ // taken from Vec::push; push grows the Vec }}",
                "let len = self.len; if len == self.capacity {{ self.reserve(1); }} ".repeat(80)
            ),
            ..Default::default()
        };
        let mut w = crate::format::IndexWriter::new();
        w.add(page("headed", vec![(at, at + heading.len() as u32)]))
            .unwrap();
        w.add(page("unheaded", vec![])).unwrap();
        w.add(listing).unwrap();
        for i in 0..6 {
            let other = format!("Page {i} tells of other things, at the length of a page. ").repeat(20);
            w.add(Document {
                id: format!("other{i}"),
                title: format!("Other {i}"),
                text: other,
                ..Default::default()
            })
            .unwrap();
        }
        let bytes = w.finish().unwrap();
        let index = crate::Index::from_bytes(&bytes).unwrap();
        let ids = |q: &str| -> Vec<String> { index.search(q, 10).into_iter().map(|h| h.id).collect() };
        // The name first, the method a heading: that page first.
        assert_eq!(ids("Vec push"), ["headed", "listing", "unheaded"]);
        // The words the other way round: the title does not start with the first.
        assert_eq!(ids("push Vec")[0], "listing");
        // Its excerpt is the heading's section, though the page says "Vec" long before.
        let hit = &index.search("Vec push", 1)[0];
        assert!(hit.snippet.text.contains(heading), "{:?}", hit.snippet.text);
        assert_eq!(
            hit.section.as_ref().map(|s| s.anchor.as_str()),
            Some("method.push")
        );
    }
}
