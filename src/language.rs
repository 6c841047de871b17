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
        crate::analysis::words::each_word(text, |start, w| {
            each(start, w);
            tally.add_languages(stop_languages_lowercased(w, &mut lower));
        });
        tally
    }

    /// How many words were counted.
    pub fn words(&self) -> usize {
        self.total
    }

    fn add(&mut self, word: &str) {
        self.add_languages(stop_languages(word));
    }

    /// Counts a word that is a stop word of `languages` (a mask of [`Lang::bit`]s).
    fn add_languages(&mut self, languages: u8) {
        self.total += 1;
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

/// Whether a lowercase word asks a question in German or Danish ("wann", "warum", "wer",
/// "hvornår", "hvordan"): queries leave these out as they leave out stop words. A
/// question's answer does not hold its question word, so in prose, where such a word is
/// rare, it would weigh as the rarest word of the question. Snowball's English list has
/// its language's ("when", "why", "who"); its German and Danish lists only some ("wie",
/// "wo", "welche"; "hvad", "hvor"). Not stop words for language detection. As a stop
/// word, one is left out of a query in any language ("Wen Jiabao"), and only as written
/// with its letters ("hvornar" stays).
///
/// ```
/// use findling::language::is_question_word;
/// assert!(is_question_word("wann") && is_question_word("hvornår"));
/// assert!(!is_question_word("zoom") && !is_question_word("when"));
/// ```
pub fn is_question_word(word: &str) -> bool {
    QUESTION_WORDS.binary_search(&word).is_ok()
}

/// Whether `word` asks for an amount together with the question word `question` before it
/// ("how many", "wie oft", "hvor længe"; both lowercase): the answer gives a number, a
/// time or an age, not the word, so a query leaves it out as it leaves out its question
/// word. Elsewhere the word stays ("many people", "lange Nacht").
///
/// ```
/// use findling::language::asks_for_an_amount;
/// assert!(asks_for_an_amount("how", "many") && asks_for_an_amount("wie", "viele"));
/// assert!(asks_for_an_amount("hvor", "længe"));
/// assert!(!asks_for_an_amount("wie", "many") && !asks_for_an_amount("the", "many"));
/// ```
pub fn asks_for_an_amount(question: &str, word: &str) -> bool {
    AMOUNT_QUESTIONS
        .iter()
        .any(|(q, words)| *q == question && words.contains(&word))
}

/// Per question word of English, Danish and German, the words that make it ask for an
/// amount.
const AMOUNT_QUESTIONS: &[(&str, &[&str])] = &[
    ("how", &["far", "long", "many", "much", "often", "old"]),
    (
        "hvor",
        &["gamle", "gammel", "langt", "længe", "mange", "meget", "ofte"],
    ),
    ("wie", &["alt", "lange", "oft", "viel", "viele", "vielen", "weit"]),
];

/// German and Danish question words that their Snowball stop lists lack, sorted.
const QUESTION_WORDS: &[&str] = &[
    "hvem",
    "hvilke",
    "hvilken",
    "hvilket",
    "hvordan",
    "hvorfor",
    "hvorledes",
    "hvornår",
    "wann",
    "warum",
    "wem",
    "wen",
    "wer",
    "weshalb",
    "wessen",
    "weswegen",
    "wieso",
    "wodurch",
    "wofür",
    "woher",
    "wohin",
    "womit",
    "woran",
    "worauf",
    "worin",
    "worum",
    "wovon",
    "wozu",
];

/// The languages (a mask of [`Lang::bit`]s) `word` is a stop word of: one lookup in a
/// table of its own instead of a binary search per language (language detection asks it
/// of every word of every page at build time).
fn stop_languages(word: &str) -> u8 {
    if word.len() > LONGEST_STOP_WORD {
        return 0;
    }
    StopTable::get_or_init().get(Packed::of(word.as_bytes()))
}

/// [`stop_languages`] of `word` lowercased (as `to_lowercase` but for a final sigma,
/// which no stop word holds). A word of ASCII and Latin-1 (no byte from `C4` up: most
/// German and Danish words) keeps its length lowercased, so a longer one is none; a
/// shorter ASCII one is packed ([`Packed`]) and lowercased eight bytes at a time, a
/// Latin-1 one lowercased on the stack: its ASCII capitals, and Latin-1's (`À` to `Þ` but
/// `×`, `C3 80` to `C3 9E` but `C3 97`), whose small letters' second byte is 32 more.
/// Another word is lowercased letter by letter into `lower`; lowercasing leaves at least
/// a quarter of its bytes.
fn stop_languages_lowercased(word: &str, lower: &mut String) -> u8 {
    let bytes = word.as_bytes();
    if bytes.len() <= LONGEST_STOP_WORD && word.is_ascii() {
        return StopTable::get_or_init().get(Packed::of(bytes).ascii_lowercase());
    }
    if bytes.iter().all(|&b| b < 0xC4) {
        if bytes.len() > LONGEST_STOP_WORD {
            return 0;
        }
        let mut small = [0u8; LONGEST_STOP_WORD];
        let mut after_c3 = false;
        for (to, &from) in small.iter_mut().zip(bytes) {
            let capital = after_c3 && matches!(from, 0x80..=0x96 | 0x98..=0x9E);
            *to = if capital {
                from + 32
            } else {
                from.to_ascii_lowercase()
            };
            after_c3 = from == 0xC3;
        }
        return StopTable::get_or_init().get(Packed::of(&small[..bytes.len()]));
    }
    if bytes.len() > 4 * LONGEST_STOP_WORD {
        return 0;
    }
    lower.clear();
    push_lowercase(lower, word);
    stop_languages(lower)
}

/// A word of at most 16 bytes as its length and two loads that together hold every byte:
/// its first and last eight bytes (overlapping), or its first and last four, or for a
/// word of up to three bytes its first, middle and last byte. Two words are equal when
/// their packs are: compared in three integers, not byte by byte.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
struct Packed {
    len: usize,
    first: u64,
    last: u64,
}

const _: () = assert!(LONGEST_STOP_WORD <= 16, "a stop word must fit a Packed");

impl Packed {
    /// The pack of `b` (at most 16 bytes).
    fn of(b: &[u8]) -> Packed {
        let n = b.len();
        let eight = |at: usize| <[u8; 8]>::try_from(&b[at..at + 8]).map_or(0, u64::from_le_bytes);
        let four = |at: usize| <[u8; 4]>::try_from(&b[at..at + 4]).map_or(0, u32::from_le_bytes);
        let (first, last) = match n {
            8.. => (eight(0), eight(n - 8)),
            4..8 => (u64::from(four(0)), u64::from(four(n - 4))),
            1..4 => (
                u64::from(b[0]) << 16 | u64::from(b[n / 2]) << 8 | u64::from(b[n - 1]),
                0,
            ),
            0 => (0, 0),
        };
        Packed { len: n, first, last }
    }

    /// The pack of the word lowercased, for a word of ASCII: each byte from `A` to `Z`
    /// gains 32, eight at a time (adding `0x80 - b'A'` to a byte sets its top bit when it
    /// is `A` or above, adding `0x80 - b'Z' - 1` when it is above `Z`; no ASCII byte
    /// carries into the next).
    fn ascii_lowercase(self) -> Packed {
        const ONES: u64 = 0x0101_0101_0101_0101;
        let lower = |x: u64| {
            let upper = (x + ONES * (0x80 - u64::from(b'A'))) & !(x + ONES * (0x80 - u64::from(b'Z') - 1));
            x | (upper & (ONES * 0x80)) >> 2
        };
        Packed {
            len: self.len,
            first: lower(self.first),
            last: lower(self.last),
        }
    }

    /// The first slot of a [`StopTable`] of `slots` to look at: the pack mixed by a
    /// multiply, its top bits.
    fn slot(self, slots: usize) -> usize {
        let mixed = (self.first ^ self.last.rotate_left(29) ^ (self.len as u64) << 59)
            .wrapping_mul(0x9e37_79b9_7f4a_7c15);
        (mixed >> (64 - slots.trailing_zeros())) as usize
    }
}

/// Every stop word with the mask of its languages, open-addressed by its [`Packed`]
/// form: a word is found, or known to be none, in one or two slots.
struct StopTable {
    /// `(word, languages)`; a word of no bytes marks a free slot.
    slots: Vec<(Packed, u8)>,
}

impl StopTable {
    /// Slots: a power of two, four times the stop words of every language together, so
    /// that most words that are none meet a free slot first.
    const SLOTS: usize = 2048;

    /// The table, built on first use.
    fn get_or_init() -> &'static StopTable {
        static TABLE: std::sync::OnceLock<StopTable> = std::sync::OnceLock::new();
        TABLE.get_or_init(StopTable::new)
    }

    fn new() -> StopTable {
        let mut table = StopTable {
            slots: vec![(Packed::default(), 0); Self::SLOTS],
        };
        for lang in LANGS {
            for &w in lang.stop_words() {
                let word = Packed::of(w.as_bytes());
                let mut i = word.slot(Self::SLOTS);
                while table.slots[i].0.len != 0 && table.slots[i].0 != word {
                    i = (i + 1) % Self::SLOTS;
                }
                let slot = &mut table.slots[i];
                *slot = (word, slot.1 | lang.bit());
            }
        }
        table
    }

    /// The languages the word packed as `word` is a stop word of (0: none).
    fn get(&self, word: Packed) -> u8 {
        let mut i = word.slot(Self::SLOTS);
        loop {
            let (w, languages) = self.slots[i];
            if w.len == 0 || w == word {
                return languages;
            }
            i = (i + 1) % Self::SLOTS;
        }
    }
}

/// Appends `text` lowercased letter by letter, as `char::to_lowercase` does each (which
/// `str::to_lowercase` does but for a final sigma). A text whose only letters beyond ASCII
/// are Latin-1's small ones (no byte from `C4` up, no capital `À` to `Þ`, `C3 80` to `C3
/// 9E`: most German and Danish words and blocks) is copied at once and its ASCII lowercased
/// in place. Another goes a run of ASCII at a time: the capitals of Latin-1 but `×` are
/// their small letters' code points less 32, a letter beyond Latin-1 is looked up in
/// Unicode's tables.
pub(crate) fn push_lowercase(out: &mut String, text: &str) {
    let bytes = text.as_bytes();
    // One pass the compiler vectorises: no early exit.
    let pairs = bytes.iter().zip(&bytes[1.min(bytes.len())..]);
    let capital = |(&a, &b): (&u8, &u8)| a == 0xC3 && matches!(b, 0x80..=0x96 | 0x98..=0x9E);
    let other = pairs
        .map(|p| u8::from(*p.0 >= 0xC4 || capital(p)))
        .fold(0, |a, b| a | b);
    if other == 0 && bytes.last().is_none_or(|&b| b < 0xC4) {
        let start = out.len();
        out.push_str(text);
        out[start..].make_ascii_lowercase();
        return;
    }
    let mut rest = text;
    while !rest.is_empty() {
        let ascii = rest.bytes().position(|b| !b.is_ascii()).unwrap_or(rest.len());
        let from = out.len();
        out.push_str(&rest[..ascii]);
        out[from..].make_ascii_lowercase();
        let mut chars = rest[ascii..].chars();
        match chars.next() {
            Some(c @ 'À'..='Þ') if c != '×' => out.push(char::from(c as u8 + 32)),
            Some(c @ '\0'..='ÿ') => out.push(c),
            Some(c) => out.extend(c.to_lowercase()),
            None => {}
        }
        rest = chars.as_str();
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
        let mixed = format!("ÆbleØ{latin1}Å ŸĀĞİǅΣΑΣ ЖЁ Ꭰ ǈ Ü");
        for text in [
            latin1.as_str(),
            "ŸĀĞİǅΣΑΣ ЖЁ Ꭰ ǈ",
            "ÆØÅ æøå ÄÖÜß",
            "Grüße AUS Århus",
            &mixed,
        ] {
            let mut lower = String::from("Ä");
            push_lowercase(&mut lower, text);
            let expected: String = text.chars().flat_map(char::to_lowercase).collect();
            assert_eq!(lower, format!("Ä{expected}"));
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
        for pair in QUESTION_WORDS.windows(2) {
            assert!(pair[0] < pair[1], "{:?} before {:?}", pair[0], pair[1]);
        }
        // None is a stop word already.
        assert!(QUESTION_WORDS
            .iter()
            .all(|w| *w == w.to_lowercase() && !is_stop_word_of_any(w)));
    }

    #[test]
    fn the_stop_table_knows_every_stop_word_and_nothing_else() {
        let table = StopTable::new();
        let lists = LANGS.map(|l| (l, l.stop_words()));
        for (lang, list) in lists {
            for w in list {
                let expected = LANGS
                    .iter()
                    .filter(|l| l.stop_words().contains(w))
                    .fold(0, |m, l| m | l.bit());
                assert_eq!(table.get(Packed::of(w.as_bytes())), expected, "{lang:?} {w}");
                for other in [
                    format!("{w}x"),
                    w[..w.char_indices().last().map_or(0, |(i, _)| i)].to_owned(),
                    w.to_uppercase(),
                ] {
                    let expected = LANGS
                        .iter()
                        .filter(|l| l.stop_words().contains(&other.as_str()))
                        .fold(0, |m, l| m | l.bit());
                    assert_eq!(table.get(Packed::of(other.as_bytes())), expected, "{other}");
                }
            }
        }
        assert!(table.slots.iter().filter(|s| s.0.len != 0).count() * 4 <= StopTable::SLOTS);
    }

    #[test]
    fn packs_lowercase_as_bytes_do_and_tell_words_apart() {
        let mut packs = std::collections::HashMap::new();
        for len in 1..=16 {
            for at in 0..len {
                for c in 0..=0x7Fu8 {
                    let mut w = vec![b'q'; len];
                    w[at] = c;
                    let lower = w.to_ascii_lowercase();
                    assert_eq!(Packed::of(&w).ascii_lowercase(), Packed::of(&lower), "{w:?}");
                    assert_eq!(*packs.entry(Packed::of(&w)).or_insert(w.clone()), w);
                }
            }
        }
    }

    #[test]
    fn every_stop_word_is_found_in_any_case() {
        let mut lower = String::new();
        for lang in LANGS {
            for w in lang.stop_words() {
                let capitalised: String = w
                    .chars()
                    .take(1)
                    .flat_map(char::to_uppercase)
                    .chain(w.chars().skip(1))
                    .collect();
                for variant in [w.to_string(), w.to_uppercase(), capitalised] {
                    let expected = stop_languages(&variant.to_lowercase());
                    assert_ne!(expected & lang.bit(), 0, "{variant}");
                    assert_eq!(
                        stop_languages_lowercased(&variant, &mut lower),
                        expected,
                        "{variant}"
                    );
                }
            }
        }
    }

    #[test]
    fn a_word_lowercased_on_the_way_is_a_stop_word_as_its_lowercase_is() {
        let mut lower = String::new();
        let words = [
            "UND",
            "Und",
            "FÜR",
            "Für",
            "DASS",
            "DAß",
            "Og",
            "PÅ",
            "THE",
            "Yourselves",
            "YOURSELVESX",
            "Zoom",
            "",
        ];
        let long = "Ü".repeat(4 * LONGEST_STOP_WORD);
        for w in words.iter().copied().chain([long.as_str(), &long[2..]]) {
            let expected = stop_languages(&w.to_lowercase());
            assert_eq!(stop_languages_lowercased(w, &mut lower), expected, "{w}");
        }
        assert_ne!(stop_languages_lowercased("FÜR", &mut lower), 0);
    }

    proptest::proptest! {
        /// Any stop word of any language in any mix of capitals and small letters, and
        /// any text at all, is a stop word of the languages its lowercase is.
        #[test]
        fn every_mix_of_capitals_is_looked_up_as_its_lowercase(
            pick in 0usize..10_000,
            capitals in proptest::collection::vec(proptest::bool::ANY, 16),
            other in "\\PC{0,20}",
        ) {
            let all: Vec<&str> = LANGS.iter().flat_map(|l| l.stop_words().iter().copied()).collect();
            let word: String = all[pick % all.len()]
                .chars()
                .zip(capitals.iter().cycle())
                .map(|(c, &up)| if up { c.to_uppercase().collect::<String>() } else { c.to_string() })
                .collect();
            let mut lower = String::new();
            for w in [word.as_str(), other.as_str()] {
                proptest::prop_assert_eq!(stop_languages_lowercased(w, &mut lower), stop_languages(&w.to_lowercase()), "{}", w);
            }
        }
    }

    #[test]
    fn too_short_or_no_prose_is_undetected() {
        assert_eq!(detect(["und"]), None);
        assert_eq!(detect(["senior", "test", "manager", "københavnsområdet"]), None);
    }
}
