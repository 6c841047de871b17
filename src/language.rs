//! Languages Findling analyzes, their stop words, and detection from text by stop-word
//! profile.
//!
//! Stop words are the most frequent function words of a language (after the Snowball
//! project's lists). They serve three masters: detecting a text's language (running text
//! is 30–50 % stop words of its own language and few of another), telling prose from page
//! chrome (menus and credits have almost none), and ranking (a query of only stop words
//! should still find something, but they weigh little).

/// A language the analyzer knows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Lang {
    /// German.
    De,
    /// Danish.
    Da,
    /// English.
    En,
}

/// Every language, in a fixed order.
pub const LANGS: [Lang; 3] = [Lang::De, Lang::Da, Lang::En];

/// Fewest words a text needs before its language is guessed: below this a single shared
/// word ("in", "for", "die") decides too much.
pub const MIN_WORDS_TO_DETECT: usize = 4;

/// Share of a text's words that must be stop words of the winning language: prose is
/// far above it, names, lists and code far below.
pub const MIN_STOP_SHARE: f32 = 0.08;

impl Lang {
    /// ISO 639-1 code.
    ///
    /// ```
    /// assert_eq!(findling::language::Lang::Da.code(), "da");
    /// ```
    pub fn code(self) -> &'static str {
        match self {
            Lang::De => "de",
            Lang::Da => "da",
            Lang::En => "en",
        }
    }

    /// The language with this ISO 639-1 code (case-insensitive).
    ///
    /// ```
    /// use findling::language::Lang;
    /// assert_eq!(Lang::from_code("DE"), Some(Lang::De));
    /// assert_eq!(Lang::from_code("fr"), None);
    /// ```
    pub fn from_code(code: &str) -> Option<Lang> {
        LANGS.into_iter().find(|l| l.code().eq_ignore_ascii_case(code))
    }

    /// Stop words, lowercase, sorted.
    pub fn stop_words(self) -> &'static [&'static str] {
        match self {
            Lang::De => GERMAN,
            Lang::Da => DANISH,
            Lang::En => ENGLISH,
        }
    }

    /// Whether a lowercase word is one of this language's stop words.
    ///
    /// ```
    /// use findling::language::Lang;
    /// assert!(Lang::De.is_stop_word("und"));
    /// assert!(!Lang::Da.is_stop_word("und"));
    /// ```
    pub fn is_stop_word(self, word: &str) -> bool {
        stop_languages(word) & self.bit() != 0
    }

    /// This language's bit in [`stop_languages`].
    fn bit(self) -> u8 {
        match self {
            Lang::De => 1,
            Lang::Da => 2,
            Lang::En => 4,
        }
    }
}

/// The language of a text of lowercase words, or `None` when it is too short or too
/// unlike prose to tell.
///
/// ```
/// use findling::language::{detect, Lang};
/// let words = |s: &str| s.to_lowercase().split_whitespace().map(str::to_owned).collect::<Vec<_>>();
/// let de = words("Das Gesetz stößt auf internationale Kritik, da es die Autonomie aufhebt");
/// let da = words("Det har fået flere politikere til at bede om en redegørelse for samarbejdet");
/// let en = words("The law was met with international criticism because it ends the autonomy");
/// assert_eq!(detect(de.iter().map(String::as_str)), Some(Lang::De));
/// assert_eq!(detect(da.iter().map(String::as_str)), Some(Lang::Da));
/// assert_eq!(detect(en.iter().map(String::as_str)), Some(Lang::En));
/// assert_eq!(detect(["zoom", "microsoft"].into_iter()), None);
/// ```
pub fn detect<'a>(words: impl IntoIterator<Item = &'a str>) -> Option<Lang> {
    let mut tally = Tally::default();
    for w in words {
        tally.add(w);
    }
    tally.verdict()
}

/// The language of a text, from its lowercased UAX #29 words (see [`detect`]).
///
/// ```
/// use findling::language::{detect_text, Lang};
/// assert_eq!(detect_text("Det skriver Reuters, og det har fået politikere til at reagere."), Some(Lang::Da));
/// ```
pub fn detect_text(text: &str) -> Option<Lang> {
    Tally::of_text(text).verdict()
}

/// Words counted for [`detect`]: how many, and how many are stop words of each language.
///
/// Tallies add up: UAX #29 words never cross a line break, so the tally of blocks joined
/// by `\n` is the sum of theirs, and a cleaner that detects the language of what it kept
/// adds up the tallies of the kept blocks instead of segmenting the page again.
///
/// ```
/// use findling::language::{detect_text, Tally};
/// let (a, b) = ("Det skriver Reuters,", "og det har fået politikere til at reagere.");
/// let mut sum = Tally::of_text(a);
/// sum += Tally::of_text(b);
/// assert_eq!(sum, Tally::of_text(&format!("{a}\n{b}")));
/// assert_eq!(sum.verdict(), detect_text(&format!("{a}\n{b}")));
/// assert_eq!(sum.words(), 11);
/// ```
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Tally {
    total: usize,
    counts: [usize; 3],
}

impl Tally {
    /// The tally of a text's UAX #29 words, lowercased.
    pub fn of_text(text: &str) -> Tally {
        Tally::of_text_with(text, |_, _| {})
    }

    /// [`of_text`](Self::of_text), giving `each` every word with its byte offset, as
    /// [`word_indices`](crate::analysis::words::word_indices) finds them.
    pub fn of_text_with(text: &str, mut each: impl FnMut(usize, &str)) -> Tally {
        let mut tally = Tally::default();
        let mut lower = String::new();
        for (start, w) in crate::analysis::words::word_indices(text) {
            each(start, w);
            // Lowercasing leaves at least a quarter of a word's bytes (all of an ASCII
            // word's): a longer word is no stop word, and is only counted.
            let ascii = w.is_ascii();
            if w.len() > 4 * LONGEST_STOP_WORD || (ascii && w.len() > LONGEST_STOP_WORD) {
                tally.add("");
                continue;
            }
            lower.clear();
            if ascii {
                lower.push_str(w);
                lower.make_ascii_lowercase();
            } else {
                // Letter by letter, into the buffer kept across words: as `to_lowercase`
                // but for a final sigma, which no stop word holds.
                push_lowercase(&mut lower, w);
            }
            tally.add(&lower);
        }
        tally
    }

    /// How many words were counted.
    pub fn words(&self) -> usize {
        self.total
    }

    fn add(&mut self, word: &str) {
        self.total += 1;
        let languages = stop_languages(word);
        for (i, lang) in LANGS.iter().enumerate() {
            self.counts[i] += usize::from(languages & lang.bit() != 0);
        }
    }

    /// The language the counted words are in, or `None` when they are too few or too
    /// unlike prose to tell.
    pub fn verdict(&self) -> Option<Lang> {
        let counts = self.counts;
        let (best, &count) = counts
            .iter()
            .enumerate()
            .max_by_key(|&(i, c)| (c, std::cmp::Reverse(i)))?;
        let runner_up = counts
            .iter()
            .enumerate()
            .filter(|&(i, _)| i != best)
            .map(|(_, &c)| c)
            .max()?;
        let share = count as f32 / self.total.max(1) as f32;
        (self.total >= MIN_WORDS_TO_DETECT && share >= MIN_STOP_SHARE && count > runner_up)
            .then_some(LANGS[best])
    }
}

impl std::ops::AddAssign for Tally {
    fn add_assign(&mut self, other: Tally) {
        self.total += other.total;
        for (mine, theirs) in self.counts.iter_mut().zip(other.counts) {
            *mine += theirs;
        }
    }
}

/// Whether a lowercase word is a stop word of any language [`LANGS`] knows: one lookup,
/// not one per language.
///
/// ```
/// use findling::language::is_stop_word_of_any;
/// assert!(is_stop_word_of_any("und") && is_stop_word_of_any("og") && is_stop_word_of_any("the"));
/// assert!(!is_stop_word_of_any("zoom"));
/// ```
pub fn is_stop_word_of_any(word: &str) -> bool {
    stop_languages(word) != 0
}

/// The languages (a mask of [`Lang::bit`]s) `word` is a stop word of: one hash lookup
/// instead of a binary search per language (language detection asks it of every word of
/// every page at build time).
fn stop_languages(word: &str) -> u8 {
    use std::collections::HashMap;
    use std::sync::OnceLock;
    type Table = HashMap<&'static str, u8, crate::analysis::terms::TermHasher>;
    static TABLE: OnceLock<Table> = OnceLock::new();
    if word.len() > LONGEST_STOP_WORD {
        return 0;
    }
    let table = TABLE.get_or_init(|| {
        let mut table = Table::default();
        for lang in LANGS {
            for &w in lang.stop_words() {
                *table.entry(w).or_insert(0) |= lang.bit();
            }
        }
        table
    });
    table.get(word).copied().unwrap_or(0)
}

/// Appends `word` lowercased letter by letter, as `char::to_lowercase` does each: the
/// capitals of Latin-1 (`A` to `Z`, `À` to `Þ` but `×`) are their small letters' code
/// points less 32, so only a letter beyond Latin-1 is looked up in Unicode's tables (most
/// of German and Danish words' letters are not).
fn push_lowercase(out: &mut String, word: &str) {
    for c in word.chars() {
        match c {
            'A'..='Z' | 'À'..='Þ' if c != '×' => out.push(char::from(c as u8 + 32)),
            '\0'..='ÿ' => out.push(c),
            c => out.extend(c.to_lowercase()),
        }
    }
}

/// Bytes of the longest stop word of any language.
const LONGEST_STOP_WORD: usize = longest(&[GERMAN, DANISH, ENGLISH]);

/// The byte length of the longest word in `lists`.
const fn longest(lists: &[&[&str]]) -> usize {
    let mut max = 0;
    let mut i = 0;
    while i < lists.len() {
        let mut j = 0;
        while j < lists[i].len() {
            if lists[i][j].len() > max {
                max = lists[i][j].len();
            }
            j += 1;
        }
        i += 1;
    }
    max
}

/// German stop words (Snowball's list, with `dass`).
const GERMAN: &[&str] = &[
    "aber",
    "alle",
    "allem",
    "allen",
    "aller",
    "alles",
    "als",
    "also",
    "am",
    "an",
    "ander",
    "andere",
    "anderem",
    "anderen",
    "anderer",
    "anderes",
    "anderm",
    "andern",
    "anders",
    "auch",
    "auf",
    "aus",
    "bei",
    "bin",
    "bis",
    "bist",
    "da",
    "damit",
    "dann",
    "das",
    "dass",
    "dasselbe",
    "dazu",
    "daß",
    "dein",
    "deine",
    "deinem",
    "deinen",
    "deiner",
    "deines",
    "dem",
    "demselben",
    "den",
    "denn",
    "denselben",
    "der",
    "derer",
    "derselbe",
    "derselben",
    "des",
    "desselben",
    "dessen",
    "dich",
    "die",
    "dies",
    "diese",
    "dieselbe",
    "dieselben",
    "diesem",
    "diesen",
    "dieser",
    "dieses",
    "dir",
    "doch",
    "dort",
    "du",
    "durch",
    "ein",
    "eine",
    "einem",
    "einen",
    "einer",
    "eines",
    "einig",
    "einige",
    "einigem",
    "einigen",
    "einiger",
    "einiges",
    "einmal",
    "er",
    "es",
    "etwas",
    "euch",
    "euer",
    "eure",
    "eurem",
    "euren",
    "eurer",
    "eures",
    "für",
    "gegen",
    "gewesen",
    "hab",
    "habe",
    "haben",
    "hat",
    "hatte",
    "hatten",
    "hier",
    "hin",
    "hinter",
    "ich",
    "ihm",
    "ihn",
    "ihnen",
    "ihr",
    "ihre",
    "ihrem",
    "ihren",
    "ihrer",
    "ihres",
    "im",
    "in",
    "indem",
    "ins",
    "ist",
    "jede",
    "jedem",
    "jeden",
    "jeder",
    "jedes",
    "jene",
    "jenem",
    "jenen",
    "jener",
    "jenes",
    "jetzt",
    "kann",
    "kein",
    "keine",
    "keinem",
    "keinen",
    "keiner",
    "keines",
    "können",
    "könnte",
    "machen",
    "man",
    "manche",
    "manchem",
    "manchen",
    "mancher",
    "manches",
    "mein",
    "meine",
    "meinem",
    "meinen",
    "meiner",
    "meines",
    "mich",
    "mir",
    "mit",
    "muss",
    "musste",
    "nach",
    "nicht",
    "nichts",
    "noch",
    "nun",
    "nur",
    "ob",
    "oder",
    "ohne",
    "sehr",
    "sein",
    "seine",
    "seinem",
    "seinen",
    "seiner",
    "seines",
    "selbst",
    "sich",
    "sie",
    "sind",
    "so",
    "solche",
    "solchem",
    "solchen",
    "solcher",
    "solches",
    "soll",
    "sollte",
    "sondern",
    "sonst",
    "um",
    "und",
    "uns",
    "unser",
    "unsere",
    "unserem",
    "unseren",
    "unserer",
    "unseres",
    "unter",
    "viel",
    "vom",
    "von",
    "vor",
    "war",
    "waren",
    "warst",
    "was",
    "weg",
    "weil",
    "weiter",
    "welche",
    "welchem",
    "welchen",
    "welcher",
    "welches",
    "wenn",
    "werde",
    "werden",
    "wie",
    "wieder",
    "will",
    "wir",
    "wird",
    "wirst",
    "wo",
    "wollen",
    "wollte",
    "während",
    "würde",
    "würden",
    "zu",
    "zum",
    "zur",
    "zwar",
    "zwischen",
    "über",
];

/// Danish stop words (Snowball's list).
const DANISH: &[&str] = &[
    "ad", "af", "alle", "alt", "anden", "at", "blev", "blive", "bliver", "da", "de", "dem", "den", "denne",
    "der", "deres", "det", "dette", "dig", "din", "disse", "dog", "du", "efter", "eller", "en", "end", "er",
    "et", "for", "fra", "ham", "han", "hans", "har", "havde", "have", "hende", "hendes", "her", "hos", "hun",
    "hvad", "hvis", "hvor", "i", "ikke", "ind", "jeg", "jer", "jo", "kunne", "man", "mange", "med", "meget",
    "men", "mig", "min", "mine", "mit", "mod", "ned", "noget", "nogle", "nu", "når", "og", "også", "om",
    "op", "os", "over", "på", "selv", "sig", "sin", "sine", "sit", "skal", "skulle", "som", "sådan", "thi",
    "til", "ud", "under", "var", "vi", "vil", "ville", "vor", "være", "været",
];

/// English stop words (Snowball's list, without contractions).
const ENGLISH: &[&str] = &[
    "a",
    "about",
    "above",
    "after",
    "again",
    "against",
    "all",
    "am",
    "an",
    "and",
    "any",
    "are",
    "as",
    "at",
    "be",
    "because",
    "been",
    "before",
    "being",
    "below",
    "between",
    "both",
    "but",
    "by",
    "can",
    "could",
    "did",
    "do",
    "does",
    "doing",
    "down",
    "during",
    "each",
    "few",
    "for",
    "from",
    "further",
    "had",
    "has",
    "have",
    "having",
    "he",
    "her",
    "here",
    "hers",
    "herself",
    "him",
    "himself",
    "his",
    "how",
    "i",
    "if",
    "in",
    "into",
    "is",
    "it",
    "its",
    "itself",
    "me",
    "more",
    "most",
    "my",
    "myself",
    "no",
    "nor",
    "not",
    "of",
    "off",
    "on",
    "once",
    "only",
    "or",
    "other",
    "ought",
    "our",
    "ours",
    "ourselves",
    "out",
    "over",
    "own",
    "same",
    "she",
    "should",
    "so",
    "some",
    "such",
    "than",
    "that",
    "the",
    "their",
    "theirs",
    "them",
    "themselves",
    "then",
    "there",
    "these",
    "they",
    "this",
    "those",
    "through",
    "to",
    "too",
    "under",
    "until",
    "up",
    "very",
    "was",
    "we",
    "were",
    "what",
    "when",
    "where",
    "which",
    "while",
    "who",
    "whom",
    "why",
    "will",
    "with",
    "would",
    "you",
    "your",
    "yours",
    "yourself",
    "yourselves",
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lowercase_letter_by_letter_is_unicode_s() {
        let latin1: String = ('\0'..='ÿ').collect();
        for text in [latin1.as_str(), "ŸĀĞİǅΣΑΣ ЖЁ Ꭰ ǈ"] {
            let mut lower = String::new();
            push_lowercase(&mut lower, text);
            assert_eq!(
                lower,
                text.chars().flat_map(char::to_lowercase).collect::<String>()
            );
        }
    }

    #[test]
    fn lists_are_sorted_lowercase_and_unique_for_binary_search() {
        for lang in LANGS {
            let list = lang.stop_words();
            for pair in list.windows(2) {
                assert!(pair[0] < pair[1], "{lang:?}: {:?} before {:?}", pair[0], pair[1]);
            }
            assert!(list.iter().all(|w| *w == w.to_lowercase()), "{lang:?}");
        }
    }

    #[test]
    fn too_short_or_no_prose_is_undetected() {
        assert_eq!(detect(["und"]), None);
        assert_eq!(detect(["senior", "test", "manager", "københavnsområdet"]), None);
    }
}
