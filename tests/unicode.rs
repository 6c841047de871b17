//! Unicode normalisation: the analyzer's hand-made letter tables checked against
//! Unicode's own data (the unicode-normalization crate, a test-only dependency, so the
//! wasm module does not carry its tables). Composed, decomposed and compatibility
//! spellings of a text must give the same terms and stems.

use findling::analysis::{self, letters};
use findling::language::Lang;
use proptest::prelude::*;
use unicode_normalization::UnicodeNormalization;

/// The Latin blocks with precomposed letters: Latin-1 Supplement, Extended-A and -B,
/// Extended Additional.
fn latin_letters() -> impl Iterator<Item = char> {
    ('\u{c0}'..='\u{24f}').chain('\u{1e00}'..='\u{1eff}')
}

#[test]
fn base_letters_agree_with_canonical_decomposition() {
    let mut checked = 0;
    for c in latin_letters() {
        let mut lower = c.to_lowercase();
        let (Some(lower), None) = (lower.next(), lower.next()) else {
            continue;
        };
        let decomposed: Vec<char> = lower.nfd().collect();
        let base = decomposed[0];
        let marks_only = decomposed[1..].iter().all(|&m| letters::is_combining_mark(m));
        if decomposed.len() > 1 && base.is_ascii_alphabetic() && marks_only {
            assert_eq!(
                letters::base_letter(lower),
                base,
                "{lower} (U+{:04X})",
                lower as u32
            );
            checked += 1;
        }
    }
    assert!(checked > 200, "only {checked} letters checked");
}

#[test]
fn compositions_agree_with_nfc() {
    for &(mark, bases, composed) in letters::COMPOSITIONS {
        assert_eq!(
            bases.chars().count(),
            composed.chars().count(),
            "U+{:04X}",
            mark as u32
        );
        for (base, letter) in bases.chars().zip(composed.chars()) {
            let nfc: String = [base, mark].iter().collect::<String>().nfc().collect();
            assert_eq!(nfc, letter.to_string(), "{base} + U+{:04X}", mark as u32);
        }
    }
}

#[test]
fn fullwidth_forms_fold_like_ascii() {
    for c in '\u{ff01}'..='\u{ff5e}' {
        let ascii: String = c.nfkc().collect();
        assert_eq!(
            letters::compatibility(c),
            Some(ascii.as_str()),
            "U+{:04X}",
            c as u32
        );
    }
}

#[test]
fn compatibility_forms_fold_like_their_nfkc() {
    for word in ["ﬁnanz", "Ｚｏｏｍ", "ﬂughafen", "Aufﬂug", "ſtadt", "ĳs"] {
        let nfkc: String = word.nfkc().collect();
        assert_eq!(analysis::terms(word), analysis::terms(&nfkc), "{word}");
    }
}

/// Words mixing plain letters with the ones German and Danish write with diacritics.
fn words() -> impl Strategy<Value = String> {
    let letter = prop::sample::select("abdeghiklmnorstuäöüßåæøéèêñçčšÅÄÖÜÉ".chars().collect::<Vec<_>>());
    prop::collection::vec(prop::collection::vec(letter, 1..12), 1..6).prop_map(|words| {
        words
            .into_iter()
            .map(|w| w.into_iter().collect::<String>())
            .collect::<Vec<_>>()
            .join(" ")
    })
}

proptest! {
    #[test]
    fn composed_and_decomposed_text_analyze_alike(text in words()) {
        let composed: String = text.nfc().collect();
        let decomposed: String = text.nfd().collect();
        for lang in [None, Some(Lang::De), Some(Lang::Da), Some(Lang::En)] {
            let analyze = |t: &str| -> Vec<(String, Option<String>)> {
                analysis::tokens(t, lang).into_iter().map(|t| (t.term, t.stem)).collect()
            };
            prop_assert_eq!(analyze(&composed), analyze(&decomposed), "{:?}", lang);
        }
    }
}
