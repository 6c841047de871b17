//! The title's bonus: a page whose title starts with the query's words, or is them, is
//! the page a reader who types that name wants ([`TITLE_START_BOOST`],
//! [`TITLE_WHOLE_BOOST`]); the section numbers that lead or end a title are noted once per
//! document, as its shard is added.

use super::{matches, Index};
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
}
