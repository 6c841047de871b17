//! Letter tables for folding: what a lowercase letter is written as in a search term.
//!
//! Three jobs, each small enough to be a table instead of Unicode's normalisation data
//! (which would cost the wasm module tens of kilobytes):
//!
//! - [`compose`]: canonical composition of a letter and a combining mark (`a` + U+0308,
//!   as macOS file names and some keyboards write it) into the precomposed letter, so a
//!   decomposed word is stemmed like the composed one.
//! - [`base_letter`]: every precomposed lowercase Latin letter with diacritics (Latin-1
//!   Supplement, Latin Extended-A and -B, Latin Extended Additional) to its base
//!   letter, plus the letters with strokes that have no decomposition (`ø`, `ł`, `đ`).
//!   A test checks the table against Unicode's canonical decompositions.
//! - [`compatibility`]: the compatibility forms people paste (ligatures `ﬁ`, fullwidth
//!   `Ｚｏｏｍ`, long `ſ`) as the letters they stand for, as NFKC would.

/// Base letters and their precomposed lowercase variants.
const VARIANTS: &[(char, &str)] = &[
    ('a', "àáâãäåāăąǎǟǡǻȁȃȧḁạảấầẩẫậắằẳẵặ"),
    ('b', "ḃḅḇƀ"),
    ('c', "çćĉċčḉ"),
    ('d', "ďḋḍḏḑḓđð"),
    ('e', "èéêëēĕėęěȅȇȩḕḗḙḛḝẹẻẽếềểễệ"),
    ('f', "ḟ"),
    ('g', "ĝğġģǧǵḡ"),
    ('h', "ĥȟḣḥḧḩḫẖħ"),
    ('i', "ìíîïĩīĭįǐȉȋḭḯỉịı"),
    ('j', "ĵǰ"),
    ('k', "ķǩḱḳḵ"),
    ('l', "ĺļľḷḹḻḽŀł"),
    ('m', "ḿṁṃ"),
    ('n', "ñńņňǹṅṇṉṋ"),
    ('o', "òóôõöōŏőơǒǫǭȍȏȫȭȯȱṍṏṑṓọỏốồổỗộớờởỡợøǿ"),
    ('p', "ṕṗ"),
    ('r', "ŕŗřȑȓṙṛṝṟ"),
    ('s', "śŝşšșṡṣṥṧṩ"),
    ('t', "ţťțṫṭṯṱẗŧ"),
    ('u', "ùúûüũūŭůűųưǔǖǘǚǜȕȗṳṵṷṹṻụủứừửữự"),
    ('v', "ṽṿ"),
    ('w', "ŵẁẃẅẇẉẘ"),
    ('x', "ẋẍ"),
    ('y', "ýÿŷȳẏẙỳỵỷỹ"),
    ('z', "źżžẑẓẕƶ"),
];

/// The base letter of a lowercase Latin letter with a diacritic; other characters
/// unchanged.
///
/// ```
/// use findling::analysis::letters::base_letter;
/// assert_eq!(['ö', 'ø', 'ệ', 'ł', 'k', 'ж'].map(base_letter), ['o', 'o', 'e', 'l', 'k', 'ж']);
/// ```
pub fn base_letter(c: char) -> char {
    match c {
        '\u{e0}'..='\u{ff}' => LATIN1_LOWER[c as usize - 0xe0],
        _ if c.is_ascii() || !('\u{c0}'..='\u{1eff}').contains(&c) => c,
        _ => variant_base(c),
    }
}

/// [`base_letter`] of `à` to `ÿ` (U+00E0 to U+00FF), the lowercase letters of Latin-1 and
/// most of the letters with a diacritic in German and Danish words: read here rather
/// than searched for in [`VARIANTS`], a scan of some 300 letters. A test checks the
/// table against [`VARIANTS`].
const LATIN1_LOWER: [char; 32] = [
    'a', 'a', 'a', 'a', 'a', 'a', 'æ', 'c', 'e', 'e', 'e', 'e', 'i', 'i', 'i', 'i', //
    'd', 'n', 'o', 'o', 'o', 'o', 'o', '÷', 'o', 'u', 'u', 'u', 'u', 'y', 'þ', 'y',
];

/// The base letter [`VARIANTS`] give `c`; `c` itself when it is none of them.
fn variant_base(c: char) -> char {
    VARIANTS
        .iter()
        .find(|(_, variants)| variants.contains(c))
        .map_or(c, |&(base, _)| base)
}

/// Whether `c` is a combining diacritical mark (the blocks Latin, Greek and Cyrillic
/// text uses), which folding drops.
pub fn is_combining_mark(c: char) -> bool {
    matches!(c, '\u{300}'..='\u{36f}' | '\u{1ab0}'..='\u{1aff}' | '\u{1dc0}'..='\u{1dff}' | '\u{20d0}'..='\u{20ff}' | '\u{fe20}'..='\u{fe2f}')
}

/// The letters a compatibility character stands for (`ﬁ` → `fi`, fullwidth `ｚ` → `z`,
/// `ſ` → `s`), or `None` for an ordinary character.
///
/// ```
/// use findling::analysis::letters::compatibility;
/// assert_eq!(compatibility('ﬃ'), Some("ffi"));
/// assert_eq!(compatibility('ｚ'), Some("z"));
/// assert_eq!(compatibility('z'), None);
/// ```
pub fn compatibility(c: char) -> Option<&'static str> {
    const ASCII: &str =
        "!\"#$%&'()*+,-./0123456789:;<=>?@ABCDEFGHIJKLMNOPQRSTUVWXYZ[\\]^_`abcdefghijklmnopqrstuvwxyz{|}~";
    match c {
        // Fullwidth forms U+FF01..=U+FF5E mirror ASCII U+0021..=U+007E.
        '\u{ff01}'..='\u{ff5e}' => {
            let i = c as usize - 0xff01;
            ASCII.get(i..i + 1)
        }
        'ﬀ' => Some("ff"),
        'ﬁ' => Some("fi"),
        'ﬂ' => Some("fl"),
        'ﬃ' => Some("ffi"),
        'ﬄ' => Some("ffl"),
        'ﬅ' | 'ﬆ' => Some("st"),
        'ſ' => Some("s"),
        'ĳ' => Some("ij"),
        'ǆ' => Some("dž"),
        'ǉ' => Some("lj"),
        'ǌ' => Some("nj"),
        'ǳ' => Some("dz"),
        _ => None,
    }
}

/// Canonical compositions: a combining mark, the base letters it composes with, and
/// the precomposed letters they make, in the same order. The marks of Western and
/// Central European languages; a test checks every pair against Unicode's NFC.
pub const COMPOSITIONS: &[(char, &str, &str)] = &[
    ('\u{301}', "aeiouycnszlrgkmpw", "áéíóúýćńśźĺŕǵḱḿṕẃ"),
    ('\u{300}', "aeiouwyn", "àèìòùẁỳǹ"),
    ('\u{302}', "aeiouycghjswz", "âêîôûŷĉĝĥĵŝŵẑ"),
    ('\u{303}', "aeiouny", "ãẽĩõũñỹ"),
    ('\u{308}', "aeiouywxht", "äëïöüÿẅẍḧẗ"),
    ('\u{30a}', "auwy", "åůẘẙ"),
    ('\u{327}', "cegklnrst", "çȩģķļņŗşţ"),
    ('\u{30c}', "acdeghijklnorstuz", "ǎčďěǧȟǐǰǩľňǒřšťǔž"),
];

/// Composes a lowercase letter followed by a combining mark into the precomposed letter
/// ([`COMPOSITIONS`]), so the stemmers see `ä` however it was typed; other text is left
/// as it is.
///
/// ```
/// use findling::analysis::letters::compose;
/// assert_eq!(compose("ha\u{308}user"), "häuser");
/// assert_eq!(compose("a\u{30a}rhus"), "århus");
/// assert_eq!(compose("cafe\u{301}"), "café");
/// assert_eq!(compose("q\u{301}"), "q\u{301}");
/// ```
pub fn compose(lower: &str) -> String {
    let mut out = String::with_capacity(lower.len());
    for c in lower.chars() {
        let composed = COMPOSITIONS
            .iter()
            .find(|(mark, _, _)| *mark == c)
            .and_then(|(_, bases, letters)| {
                let last = out.chars().next_back()?;
                let at = bases.chars().position(|b| b == last)?;
                letters.chars().nth(at)
            });
        if let Some(letter) = composed {
            out.pop();
            out.push(letter);
        } else {
            out.push(c);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn latin1_table_agrees_with_the_variants() {
        for c in '\u{e0}'..='\u{ff}' {
            assert_eq!(base_letter(c), variant_base(c), "{c}");
        }
    }
}
