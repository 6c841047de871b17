//! Signals of one block of a pasted page: the general properties the classifier decides
//! from (length, sentence shape, stop-word density, and patterns of chrome kinds).

use crate::analysis::words::word_indices;

/// Most words a "short line" has: menu items, section labels, job titles, places.
pub const SHORT_LINE_WORDS: usize = 4;

/// Most words a dateline or byline has.
pub const DATELINE_WORDS: usize = 12;

/// Words that mark a kind of page chrome when a block starts with them (folded to
/// lowercase, compared on word boundaries), grouped by kind in German, Danish and
/// English, with the most words such a block has: labels are short, a related-article
/// link carries one headline. A longer block that starts with the words is text
/// ("Kommentare aus der Opposition fielen gemischt aus: …").
const CHROME_OPENERS: &[(&str, usize, &[&str])] = &[
    (
        "related-article link",
        RELATED_LINK_WORDS,
        &[
            "mehr zum thema",
            "lesen sie auch",
            "auch interessant",
            "læs også",
            "læs mere",
            "se også",
            "read more",
            "see also",
        ],
    ),
    (
        IMAGE_PLACEHOLDER,
        SHORT_LINE_WORDS,
        &["titelbild", "foto", "bild", "billede", "artikel top billede"],
    ),
    (
        "advertisement",
        AD_LABEL_WORDS,
        &[
            "anzeige",
            "werbung",
            "sponsored",
            "annonce",
            "annonceindlæg",
            "advertisement",
            "sponsoreret",
        ],
    ),
    (
        "subscription or donation appeal",
        LABEL_WORDS,
        &[
            "jetzt spenden",
            "jetzt abonnieren",
            "unterstützen sie",
            "abonnér",
            "støt",
            "subscribe",
            "donate",
            "support us",
            "sign up for",
            "tilmeld dig",
        ],
    ),
    (
        "comment section",
        AD_LABEL_WORDS,
        &[
            "kommentare",
            "kommentarer",
            "comments",
            "liebe leser",
            "kære læser",
            "dear reader",
        ],
    ),
    (
        "site footer link",
        SHORT_LINE_WORDS,
        &[
            "terms of use",
            "privacy policy",
            "nutzungsbedingungen",
            "datenschutzerklärung",
            "privatlivspolitik",
            "cookiepolitik",
        ],
    ),
];

/// The chrome kind of image placeholders (`Titelbild`) and credit lines.
pub const IMAGE_PLACEHOLDER: &str = "image placeholder or credit";

/// Most words of an appeal ("Unterstützen Sie unabhängigen und freien Journalismus").
pub const LABEL_WORDS: usize = 6;

/// Most words of an advertisement or comment-section label: the word and a name
/// ("Annonceindlæg fra DE-CIX"); "Anzeige der Druckvorschau ein- oder ausblenden" is text.
pub const AD_LABEL_WORDS: usize = 4;

/// Most words of a related-article link: the label and one headline.
pub const RELATED_LINK_WORDS: usize = 25;

/// Phrases of a forum or login notice ("you must be registered to see …").
const NOTICE_PHRASES: &[&str] = &[
    "registriert sein",
    "regestriert sein",
    "must be registered",
    "must be logged in",
    "log ind for",
    "logget ind for",
    "einloggen, um",
    "anmelden, um",
];

/// Phrases of a copyright or "about us" footer.
const COPYRIGHT_PHRASES: &[&str] = &[
    "all rights reserved",
    "alle rechte vorbehalten",
    "alle rettigheder forbeholdes",
    "eftertryk forbudt",
];

/// Finders of [`NOTICE_PHRASES`] and of [`COPYRIGHT_PHRASES`], built once ([`holds_any`]).
static NOTICE_FINDERS: Finders = std::sync::OnceLock::new();
static COPYRIGHT_FINDERS: Finders = std::sync::OnceLock::new();

/// A finder per phrase of a list, built on first use.
type Finders = std::sync::OnceLock<Vec<memchr::memmem::Finder<'static>>>;

/// Whether `lower` holds one of `phrases`, whose `finders` are built once: `str::contains`
/// builds its searcher anew on every call (da-full's short blocks asked 3.1 million times).
fn holds_any(lower: &str, phrases: &'static [&'static str], finders: &'static Finders) -> bool {
    let finders = finders.get_or_init(|| phrases.iter().map(memchr::memmem::Finder::new).collect());
    // A phrase longer than the text is not looked for (most short blocks are shorter than most phrases).
    (finders.iter()).any(|f| f.needle().len() <= lower.len() && f.find(lower.as_bytes()).is_some())
}

/// News agencies whose tag in brackets closes an agency article: `(dpa)`, `(afp/rtr)`.
const AGENCIES: &[&str] = &[
    "dpa", "afp", "ap", "rtr", "reuters", "kna", "epd", "ddp", "dts", "sid", "apa", "sda", "ritzau", "nb",
    "tt", "ntb", "ians", "upi", "ansa", "efe", "red",
];

/// Most words after a credit marker (`Foto:`) to the end of the block: names of
/// photographers and agencies, not a sentence.
const CREDIT_NAME_WORDS: usize = 8;

/// Words that name a source line ("Quelle: golem").
const SOURCE_LABELS: &[&str] = &["quelle", "kilde", "source", "via"];

/// Bytes of the longest of [`SOURCE_LABELS`].
const LONGEST_SOURCE_LABEL: usize = 6;

/// Currency words and signs of a price.
const CURRENCIES: &[&str] = &["euro", "€", "kr", "dkk", "usd", "$", "£"];

/// Bytes of the longest of [`CURRENCIES`].
const LONGEST_CURRENCY: usize = 4;

/// Properties of one block.
#[derive(Debug, Clone, PartialEq)]
pub struct Signals {
    /// Number of words.
    pub words: usize,
    /// Ends like a sentence (`.`, `!`, `?`, `:`, a closing quote or bracket after one).
    pub sentence: bool,
    /// A parenthesised agency tag closes it: `(afp)`, `(dpa)`, `(Reuters)`.
    pub agency_tag: bool,
    /// The kind of chrome its opening words name, if any.
    pub chrome_opener: Option<&'static str>,
    /// It ends with a photo credit (`Foto: …`, `(Bild: …)`).
    pub credit: bool,
    /// It is a copyright or "about us" footer.
    pub copyright: bool,
    /// It is a forum or login notice.
    pub notice: bool,
    /// It states a price.
    pub price: bool,
    /// `Quelle: X`: the source it names.
    pub source_line: Option<String>,
}

impl Signals {
    /// Measures a block (whitespace-normalised text).
    pub fn of(text: &str) -> Signals {
        let found: Vec<(usize, usize)> = word_indices(text).map(|(i, w)| (i, i + w.len())).collect();
        Signals::with_words(text, &found, &mut String::new())
    }

    /// [`of`](Self::of) a block whose UAX #29 words were found already, as byte ranges
    /// (by a [`Tally`](crate::language::Tally)); `lower` is room for the block lowercased,
    /// kept by a caller that measures many.
    pub fn with_words(text: &str, found: &[(usize, usize)], lower: &mut String) -> Signals {
        let words = found.len();
        // Labels, notices and footers are short: a long block is lowercased only where
        // its chrome may be, at its end (a credit, an agency tag). Letter by letter (as
        // `to_lowercase` but for a final sigma, which no phrase or opener holds).
        lower.clear();
        if words <= MOST_CHROME_WORDS {
            crate::language::push_lowercase(lower, text);
        }
        let lower = lower.as_str();
        // A credit and a source line have a colon.
        let colon = memchr::memchr(b':', text.as_bytes()).is_some();
        // Caseless characters: the same in the text and in its lowercase.
        let trimmed = text.trim_end_matches(['"', '“', '”', '»', '«', '\'', ')', ' ']);
        let sentence = trimmed.ends_with(['.', '!', '?', ':', '…']);
        Signals {
            words,
            sentence,
            // Only a text that ends in a bracket can end in a tag: the rest of a long
            // block after an early bracket is not lowercased for nothing.
            agency_tag: text.trim_end().ends_with(')')
                && text
                    .rfind('(')
                    .is_some_and(|open| agency_tag(&text[open..].to_lowercase())),
            chrome_opener: CHROME_OPENERS
                .iter()
                .find(|(kind, most, openers)| {
                    words <= *most
                        && (*kind != "related-article link" || !sentence)
                        && openers.iter().any(|o| starts_with_words(lower, o))
                })
                .map(|(kind, _, _)| *kind),
            credit: colon && {
                // A credit has a colon, which no lowercasing makes or takes away: most
                // blocks need no lowercase end (and a block without one, no end at all).
                let end = last_words(text, CREDIT_NAME_WORDS + 1);
                end.contains(':') && has_credit(&end.to_lowercase())
            },
            copyright: words <= DATELINE_WORDS * 3 && holds_any(lower, COPYRIGHT_PHRASES, &COPYRIGHT_FINDERS),
            notice: words <= DATELINE_WORDS * 2 && holds_any(lower, NOTICE_PHRASES, &NOTICE_FINDERS),
            price: words <= DATELINE_WORDS && !sentence && has_price(text, found),
            source_line: if colon { source_line(text) } else { None },
        }
    }

    /// A short line: a menu item, a label, a job title, a place name.
    pub fn short_line(&self) -> bool {
        self.words <= SHORT_LINE_WORDS && !self.sentence
    }
}

/// Most words of a block that may be a label, a notice or a footer (the most of
/// [`CHROME_OPENERS`], `copyright` and `notice`).
const MOST_CHROME_WORDS: usize = DATELINE_WORDS * 3;

const _: () = assert!(RELATED_LINK_WORDS <= MOST_CHROME_WORDS && LABEL_WORDS <= MOST_CHROME_WORDS);

/// The end of `text` from the start of its `n`-th whitespace-separated word from the
/// end (all of it when it has fewer).
///
/// A credit marker followed by at most [`CREDIT_NAME_WORDS`] words lies in the last
/// `CREDIT_NAME_WORDS + 1` words, and the lowercase of such an end is the end of the
/// text's lowercase (the end starts after whitespace), so [`has_credit`] says the same
/// of both.
fn last_words(text: &str, n: usize) -> &str {
    let mut seen = 0;
    let mut in_word = false;
    for (i, c) in text.char_indices().rev() {
        if c.is_whitespace() {
            if in_word && seen == n {
                return &text[i + c.len_utf8()..];
            }
            in_word = false;
        } else if !in_word {
            in_word = true;
            seen += 1;
        }
    }
    text
}

/// Whether `lower` starts with the words `prefix` (then a non-letter or the end).
fn starts_with_words(lower: &str, prefix: &str) -> bool {
    // The first bytes compared first: most blocks start with none of the openers.
    lower.as_bytes().first() == prefix.as_bytes().first()
        && lower
            .strip_prefix(prefix)
            .is_some_and(|rest| !rest.starts_with(char::is_alphanumeric))
}

/// A closing `(tag)` naming news agencies (`(dpa)`, `(afp/rtr)`): the agency that wrote
/// the article.
fn agency_tag(lower: &str) -> bool {
    let Some(open) = lower
        .trim_end()
        .strip_suffix(')')
        .and_then(|s| s.rfind('(').map(|i| &s[i + 1..]))
    else {
        return false;
    };
    !open.is_empty() && open.split(['/', ',']).all(|a| AGENCIES.contains(&a.trim()))
}

/// A photo credit at the end of the block: a marker (`Foto:`, `(Bild: …)`) followed by
/// no more than [`CREDIT_NAME_WORDS`] words, the names of photographers and agencies.
fn has_credit(lower: &str) -> bool {
    if !lower.contains(':') {
        return false;
    }
    ["foto:", "bild:", "photo:", "billede:", "fotos:", "image:"]
        .iter()
        .filter_map(|c| lower.rfind(c).map(|i| (&lower[..i], &lower[i + c.len()..])))
        .any(|(before, rest)| {
            let word_start = !before.ends_with(char::is_alphanumeric) || before.ends_with(['.', ')']);
            word_start && rest.starts_with(' ') && rest.split_whitespace().count() <= CREDIT_NAME_WORDS
        })
}

/// A number next to a currency word or sign, among the words `found` of `text`.
fn has_price(text: &str, found: &[(usize, usize)]) -> bool {
    // No word is lowercased into a string of its own: a digit is its own lowercase, and
    // a word is a currency when its letters lowercased are one's (no currency holds a
    // sigma, the one letter lowercased otherwise at a word's end); lowercasing leaves at
    // least a third of a word's bytes (`K` → `k`).
    let number = |w: &str| w.starts_with(|c: char| c.is_ascii_digit());
    let currency = |w: &str| match w.is_ascii() {
        true => w.len() <= LONGEST_CURRENCY && CURRENCIES.iter().any(|c| c.eq_ignore_ascii_case(w)),
        false => {
            w.len() <= 3 * LONGEST_CURRENCY
                && CURRENCIES
                    .iter()
                    .any(|c| w.chars().flat_map(char::to_lowercase).eq(c.chars()))
        }
    };
    // Whether the word before was a number, and whether it was a currency.
    let mut before = (false, false);
    found.iter().any(|&(start, end)| {
        let w = &text[start..end];
        let this = (number(w), currency(w));
        let price = (before.0 && this.1) || (before.1 && this.0);
        before = this;
        price
    })
}

/// `Quelle: golem` → `golem`.
fn source_line(text: &str) -> Option<String> {
    let (label, value) = text.split_once(':')?;
    let value = value.trim();
    // Lowercasing leaves at least a third of a label's bytes (`K` → `k`).
    let label = label.trim();
    let is_label =
        label.len() <= 3 * LONGEST_SOURCE_LABEL && SOURCE_LABELS.contains(&label.to_lowercase().as_str());
    (is_label && !value.is_empty() && value.split_whitespace().count() <= SHORT_LINE_WORDS)
        .then(|| value.to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn agency_tags_close_articles() {
        for t in ["… gewährt worden. (afp)", "Ende. (dpa/AFP)", "slut. (Ritzau)"] {
            assert!(Signals::of(t).agency_tag, "{t}");
        }
        assert!(!Signals::of("ein Satz (mit einer langen Klammer darin)").agency_tag);
    }

    #[test]
    fn chrome_openers_need_a_word_boundary() {
        assert_eq!(
            Signals::of("Læs også: noget andet").chrome_opener,
            Some("related-article link")
        );
        assert_eq!(Signals::of("Fotografen berichten").chrome_opener, None);
        assert_eq!(
            Signals::of("Foto: dpa").chrome_opener,
            Some("image placeholder or credit")
        );
    }

    #[test]
    fn last_words_start_after_whitespace() {
        assert_eq!(last_words("eins zwei  drei", 2), "zwei  drei");
        assert_eq!(last_words("eins zwei drei ", 1), "drei ");
        assert_eq!(last_words(" eins", 3), " eins");
        let credit = "Ein langer Satz über das Bild, Foto: Max Muster/dpa";
        for n in 1..12 {
            let end = last_words(credit, n);
            assert!(credit.ends_with(end), "{n}");
            assert_eq!(has_credit(&end.to_lowercase()), n > 2, "{n}");
        }
    }

    #[test]
    fn prices_and_sources() {
        assert!(Signals::of("Jahresabo ab 49,90 Euro").price);
        assert!(!Signals::of("im Jahr 1997 für 50 Jahre").price);
        for price in ["DKK 1.299", "koster 12 KR", "USD 5 im Monat", "3 EURO"] {
            assert!(Signals::of(price).price, "{price}");
        }
        for text in ["Euros 5", "5 kroner", "Seite 5 von 7", "EURO", "5"] {
            assert!(!Signals::of(text).price, "{text}");
        }
        let longest = CURRENCIES.iter().map(|c| c.len()).max();
        assert_eq!(longest, Some(LONGEST_CURRENCY));
        assert_eq!(Signals::of("Quelle: golem").source_line.as_deref(), Some("golem"));
        assert_eq!(
            Signals::of("Die Quelle: ein langer Satz über vieles hier").source_line,
            None
        );
    }
}
