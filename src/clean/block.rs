//! Signals of one block of a pasted page: the general properties the classifier decides
//! from (length, sentence shape, stop-word density, and patterns of chrome kinds).

use crate::language::Lang;
use unicode_segmentation::UnicodeSegmentation;

/// Most words a "short line" has: menu items, section labels, job titles, places.
pub const SHORT_LINE_WORDS: usize = 4;

/// Most words a dateline or byline has.
pub const DATELINE_WORDS: usize = 12;

/// Words that mark a kind of page chrome when a block starts with them (folded to
/// lowercase, compared on word boundaries). Grouped by kind, in German, Danish, English.
const CHROME_OPENERS: &[(&str, &[&str])] = &[
    (
        "related-article link",
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
        "image placeholder or credit",
        &["titelbild", "foto", "bild", "billede", "artikel top billede"],
    ),
    (
        "advertisement",
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
        &[
            "jetzt spenden",
            "jetzt abonnieren",
            "unterstützen sie",
            "abonnér",
            "støt",
            "subscribe",
            "donate",
            "support us",
        ],
    ),
    (
        "comment section",
        &[
            "kommentare",
            "kommentarer",
            "comments",
            "liebe leser",
            "kære læser",
            "dear reader",
        ],
    ),
];

/// Words that mark a forum or login notice anywhere in a short block.
const NOTICE_WORDS: &[&str] = &[
    "registriert",
    "regestriert",
    "registered",
    "log ind",
    "logget ind",
    "einloggen",
    "log in",
];

/// Words that name a source line ("Quelle: golem").
const SOURCE_LABELS: &[&str] = &["quelle", "kilde", "source", "via"];

/// Currency words and signs of a price.
const CURRENCIES: &[&str] = &["euro", "€", "kr", "dkk", "usd", "$", "£"];

/// Properties of one block.
#[derive(Debug, Clone, PartialEq)]
pub struct Signals {
    /// Number of words.
    pub words: usize,
    /// Share of words that are stop words of the page's language.
    pub stop_share: f32,
    /// Ends like a sentence (`.`, `!`, `?`, `:`, a closing quote or bracket after one).
    pub sentence: bool,
    /// A parenthesised agency tag closes it: `(afp)`, `(dpa)`, `(Reuters)`.
    pub agency_tag: bool,
    /// The kind of chrome its opening words name, if any.
    pub chrome_opener: Option<&'static str>,
    /// It carries a photo credit (`Foto: …`, `(Bild: …)`).
    pub credit: bool,
    /// It is a forum or login notice.
    pub notice: bool,
    /// It states a price.
    pub price: bool,
    /// `Quelle: X`: the source it names.
    pub source_line: Option<String>,
}

impl Signals {
    /// Measures a block (whitespace-normalised text) of a page in `lang`.
    pub fn of(text: &str, lang: Option<Lang>) -> Signals {
        let words: Vec<String> = text.unicode_words().map(str::to_lowercase).collect();
        let stops = lang.map_or(0, |l| words.iter().filter(|w| l.is_stop_word(w)).count());
        let lower = text.to_lowercase();
        let trimmed = lower.trim_end_matches(['"', '“', '”', '»', '«', '\'', ')', ' ']);
        let sentence = trimmed.ends_with(['.', '!', '?', ':', '…']);
        Signals {
            words: words.len(),
            stop_share: if words.is_empty() {
                0.0
            } else {
                stops as f32 / words.len() as f32
            },
            sentence,
            agency_tag: agency_tag(&lower),
            chrome_opener: CHROME_OPENERS
                .iter()
                .find(|(_, openers)| openers.iter().any(|o| starts_with_words(&lower, o)))
                .map(|(kind, _)| *kind),
            credit: has_credit(&lower),
            notice: words.len() <= DATELINE_WORDS * 2 && NOTICE_WORDS.iter().any(|w| lower.contains(w)),
            price: has_price(&words),
            source_line: source_line(text),
        }
    }

    /// A short line: a menu item, a label, a job title, a place name.
    pub fn short_line(&self) -> bool {
        self.words <= SHORT_LINE_WORDS && !self.sentence
    }
}

/// Whether `lower` starts with the words `prefix` (then a non-letter or the end).
fn starts_with_words(lower: &str, prefix: &str) -> bool {
    lower
        .strip_prefix(prefix)
        .is_some_and(|rest| !rest.starts_with(char::is_alphanumeric))
}

/// A closing `(tag)` of 2–8 letters: the news agency that wrote the article.
fn agency_tag(lower: &str) -> bool {
    let Some(open) = lower
        .trim_end()
        .strip_suffix(')')
        .and_then(|s| s.rfind('(').map(|i| &s[i + 1..]))
    else {
        return false;
    };
    (2..=8).contains(&open.chars().count()) && open.chars().all(|c| c.is_alphabetic() || c == '/')
}

/// A photo credit: `foto:`, `bild:`, `photo:`, `billede:` (or with a slash of agencies).
fn has_credit(lower: &str) -> bool {
    ["foto:", "bild:", "photo:", "billede:", "fotos:", "image:"]
        .iter()
        .any(|c| lower.contains(c))
}

/// A number next to a currency word or sign.
fn has_price(words: &[String]) -> bool {
    words.windows(2).any(|w| {
        let number = |s: &str| s.chars().next().is_some_and(|c| c.is_ascii_digit());
        (number(&w[0]) && CURRENCIES.contains(&w[1].as_str()))
            || (CURRENCIES.contains(&w[0].as_str()) && number(&w[1]))
    })
}

/// `Quelle: golem` → `golem`.
fn source_line(text: &str) -> Option<String> {
    let (label, value) = text.split_once(':')?;
    let value = value.trim();
    let is_label = SOURCE_LABELS.contains(&label.trim().to_lowercase().as_str());
    (is_label && !value.is_empty() && value.split_whitespace().count() <= SHORT_LINE_WORDS)
        .then(|| value.to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn agency_tags_close_articles() {
        for t in ["… gewährt worden. (afp)", "Ende. (dpa/AFP)", "slut. (Ritzau)"] {
            assert!(Signals::of(t, None).agency_tag, "{t}");
        }
        assert!(!Signals::of("ein Satz (mit einer langen Klammer darin)", None).agency_tag);
    }

    #[test]
    fn chrome_openers_need_a_word_boundary() {
        assert_eq!(
            Signals::of("Læs også: noget andet", None).chrome_opener,
            Some("related-article link")
        );
        assert_eq!(Signals::of("Fotografen berichten", None).chrome_opener, None);
        assert_eq!(
            Signals::of("Foto: dpa", None).chrome_opener,
            Some("image placeholder or credit")
        );
    }

    #[test]
    fn prices_and_sources() {
        assert!(Signals::of("Jahresabo ab 49,90 Euro", None).price);
        assert!(!Signals::of("im Jahr 1997 für 50 Jahre", None).price);
        assert_eq!(
            Signals::of("Quelle: golem", None).source_line.as_deref(),
            Some("golem")
        );
        assert_eq!(
            Signals::of("Die Quelle: ein langer Satz über vieles hier", None).source_line,
            None
        );
    }
}
