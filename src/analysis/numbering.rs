//! Section numbers around a title's name: "26.2. File System Level Backup", "Chapter 40. Event
//! Triggers", "Appendix B. Date/Time Support", "Part VII. Internals", "O.5. pg_resetxlog
//! renamed". Documentation generators (DocBook, Sphinx, LaTeX converters) number what they
//! split into pages, and a reader types the name, not the number: [`title_lead`] tells
//! search where the name starts. Manual pages end theirs with their section instead
//! ("git-rebase(1)", "printf(3)"): [`title_tail`] tells where the name ends.

use super::spans_through;

/// The position (in words, as the analyzer counts a title's positions) of the first word
/// after the section number that leads `title`; 0 when no number leads it.
///
/// A section number is a run of items joined by dots (one to four digits, a capital
/// letter, a capital Roman numeral; a later item may be a small letter), perhaps after
/// one word of letters ("Chapter", "Anhang", "Del"), and closed by `.`, `:` or `)`, or by
/// a space after digits. Words must follow it.
///
/// ```
/// use findling::analysis::numbering::title_lead;
/// assert_eq!(title_lead("26.2. File System Level Backup"), 1); // "26.2" is one word
/// assert_eq!(title_lead("Chapter 40. Event Triggers"), 2);
/// assert_eq!(title_lead("CREATE INDEX"), 0);
/// ```
pub fn title_lead(title: &str) -> u32 {
    let Some(start) = after_number(title) else {
        return 0;
    };
    spans_through(title, u32::MAX)
        .iter()
        .find(|s| s.start >= start)
        .map_or(0, |s| s.position)
}

/// The words (as the analyzer counts a title's words) from the parenthesised section that
/// ends a title's name: a manual page's, glued to the title's first word whatever follows
/// ("git-rebase(1)", "git-init(1) Manual Page", "openssl-req(1ssl)"), or one at the end
/// after a space ("printf (3)", and a year that tells same-named pages apart: "Die Wahl
/// (2021)"); 0 when none ends it.
///
/// The section starts with a digit and holds at most six letters and digits; words must
/// come before it.
///
/// ```
/// use findling::analysis::numbering::title_tail;
/// assert_eq!(title_tail("git-rebase(1)"), 1);
/// assert_eq!(title_tail("git-init(1) Manual Page"), 3);
/// assert_eq!(title_tail("Die Wahl (2021)"), 1);
/// assert_eq!(title_tail("Drucker (Canon)"), 0);
/// ```
pub fn title_tail(title: &str) -> u32 {
    let name = title.trim_end();
    // Glued to the title's first word: a manual page's name ("Using printf(3)" is no
    // manual page's title).
    let glued = name.match_indices('(').map(|(at, _)| at).find(|&at| {
        let before = &name[..at];
        before.ends_with(|c: char| c.is_alphanumeric())
            && !before.trim_start().contains(char::is_whitespace)
            && section_end(name, at).is_some()
    });
    let last = || {
        let at = name.rfind('(')?;
        (section_end(name, at)? == name.len()).then_some(at)
    };
    let Some(open) = glued.or_else(last) else {
        return 0;
    };
    let words = spans_through(name, u32::MAX);
    let words = words.iter().filter(|s| !s.joined);
    let before = words.clone().filter(|s| s.end <= open).count();
    let from = words.filter(|s| s.start > open).count();
    if before > 0 {
        from as u32
    } else {
        0
    }
}

/// The end (past its `)`) of the section whose `(` is at `open` in `name`: a digit, then
/// at most five more letters and digits.
fn section_end(name: &str, open: usize) -> Option<usize> {
    let inside = &name[open + 1..];
    let len = inside.find(')')?;
    let section = &inside[..len];
    let valid = section.starts_with(|c: char| c.is_ascii_digit())
        && section.len() <= 6
        && section.bytes().all(|c| c.is_ascii_alphanumeric());
    valid.then_some(open + len + 2)
}

/// The byte offset where the words after a leading section number start (see
/// [`title_lead`]), if one leads `text`.
fn after_number(text: &str) -> Option<usize> {
    let b = text.as_bytes();
    let start = spaces(b, 0);
    let at = number_end(b, start).or_else(|| {
        // One word of letters before the number ("Chapter 40.").
        let word = text[start..].find(|c: char| !c.is_alphabetic())? + start;
        let gap = spaces(b, word);
        (text[start..word].chars().nth(1).is_some() && gap > word).then(|| number_end(b, gap))?
    })?;
    let words = spaces(b, at);
    let rest = &text[words..];
    (words > at && rest.chars().any(char::is_alphanumeric)).then_some(words)
}

/// The end of a section number at `at` in `b` with its closing mark (see [`title_lead`]).
fn number_end(b: &[u8], mut at: usize) -> Option<usize> {
    let mut items = 0;
    let mut digits_only = true;
    let mut first_len = 0;
    loop {
        let len = item(b, at, items > 0)?;
        digits_only &= b[at].is_ascii_digit();
        if items == 0 {
            first_len = len;
        }
        at += len;
        items += 1;
        let joined = b.get(at) == Some(&b'.') && at + 1 < b.len() && item(b, at + 1, true).is_some();
        if !joined {
            break;
        }
        at += 1;
    }
    // A Roman numeral alone is also a word ("CLI: Reference"): only a dot closes it.
    let numeral_alone = items == 1 && first_len > 1 && !digits_only;
    match b.get(at) {
        Some(b'.') => Some(at + 1),
        Some(b':' | b')') if !numeral_alone => Some(at + 1),
        Some(c) if c.is_ascii_whitespace() && digits_only => Some(at),
        _ => None,
    }
}

/// The length of one item of a section number at `at`: digits, a capital letter or
/// Roman numeral, or (`later` items only) a small letter; `None` if none stands there.
fn item(b: &[u8], at: usize, later: bool) -> Option<usize> {
    let run = |f: fn(&u8) -> bool| b[at.min(b.len())..].iter().take_while(|c| f(c)).count();
    let digits = run(u8::is_ascii_digit);
    let roman = run(|c| b"IVXLCDM".contains(c));
    let letters = run(u8::is_ascii_alphabetic);
    match () {
        _ if (1..=4).contains(&digits) && !b.get(at + digits).is_some_and(u8::is_ascii_alphanumeric) => {
            Some(digits)
        }
        _ if digits > 0 || letters == 0 => None,
        _ if letters == 1 && (b[at].is_ascii_uppercase() || later) => Some(1),
        _ if roman == letters && roman <= 8 && is_roman(&b[at..at + roman]) => Some(roman),
        _ => None,
    }
}

/// Whether `s` (capitals of `IVXLCDM`) is a Roman numeral written as Roman numerals are:
/// "VII" and "XIV", not "XML", "CLI"'s reverse "ILC" or "IIII".
fn is_roman(s: &[u8]) -> bool {
    let value = |c: u8| match c {
        b'I' => 1,
        b'V' => 5,
        b'X' => 10,
        b'L' => 50,
        b'C' => 100,
        b'D' => 500,
        _ => 1000,
    };
    let mut n = 0u32;
    for (i, &c) in s.iter().enumerate() {
        let v = value(c);
        if s.get(i + 1).is_some_and(|&next| value(next) > v) {
            n = n.wrapping_sub(v);
        } else {
            n = n.wrapping_add(v);
        }
    }
    (1..4000).contains(&n) && roman(n).as_bytes() == s
}

/// `n` (1 to 3999) in Roman numerals.
fn roman(mut n: u32) -> String {
    const STEPS: [(u32, &str); 13] = [
        (1000, "M"),
        (900, "CM"),
        (500, "D"),
        (400, "CD"),
        (100, "C"),
        (90, "XC"),
        (50, "L"),
        (40, "XL"),
        (10, "X"),
        (9, "IX"),
        (5, "V"),
        (4, "IV"),
        (1, "I"),
    ];
    let mut out = String::new();
    for (value, letters) in STEPS {
        while n >= value {
            out.push_str(letters);
            n -= value;
        }
    }
    out
}

/// Past the ASCII spaces at `at`.
fn spaces(b: &[u8], at: usize) -> usize {
    at + b[at.min(b.len())..]
        .iter()
        .take_while(|c| c.is_ascii_whitespace())
        .count()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Titles from DocBook, Sphinx and LaTeX-made sites, and titles that only look
    /// numbered, with where their name starts: the words of the number and its label
    /// ("26.2" is one word, "B.1" two). A year or a version with words after it counts as
    /// a number too; the title's own start still counts (see `Index::title_boost`).
    const GOLDEN: &[(&str, u32)] = &[
        ("26.2. File System Level Backup", 1),
        ("11.2. Index Types", 1),
        ("1. Whetting Your Appetite", 1),
        ("Chapter 40. Event Triggers", 2),
        ("Appendix B. Date/Time Support", 2),
        ("B.1. Date/Time Input Interpretation", 2),
        ("O.5. pg_receivexlog renamed to pg_receivewal", 2),
        ("Part VII. Internals", 2),
        ("F.2. amcheck", 2),
        ("Kapitel 3: Die Paketverwaltung", 2),
        ("2.3 Installation", 1),
        ("3) Konfiguration", 1),
        ("  12.4.1. Einleitung", 1),
        ("Python 3.11 documentation", 2),
        // Not numbered.
        ("CREATE INDEX", 0),
        ("pg_dump", 0),
        ("git-rebase(1)", 0),
        ("json — JSON encoder and decoder", 0),
        ("A Tour of Python", 0),
        ("I am here", 0),
        ("e.g. this", 0),
        ("2024 in review", 1),
        ("12345 Main Street", 0),
        ("1.", 0),
        ("Chapter 40.", 0),
        ("3D graphics", 0),
        ("", 0),
        ("§ 3 Geltungsbereich", 0),
        ("XML: Parsing", 0),
        ("LVM. Volumes", 0),
        ("IIII. Four", 0),
        ("XIV. Vierzehn", 1),
        ("MCMXCIX. Ein Jahr", 1),
        ("CLI: Reference", 0),
        ("Ü 3. Übung", 0),
    ];

    /// Titles with a section or a year after their name, and titles without, with the
    /// words of it.
    const GOLDEN_TAILS: &[(&str, u32)] = &[
        ("git-rebase(1)", 1),
        ("gitglossary(7)", 1),
        ("openssl-req(1ssl)", 1),
        ("printf (3) ", 1),
        ("Die Wahl (2021)", 1),
        ("Report (2)", 1),
        ("git-init(1) Manual Page", 3),
        ("ls(1) — list directory contents", 4),
        ("f(x) und g(2)", 1),
        ("Using printf(3) in C programs", 0),
        ("Article 5(1) GDPR explained", 0),
        // No section.
        ("(1)", 0),
        ("Drucker (Canon)", 0),
        ("Version (1.2)", 0),
        ("Kosten (1234567)", 0),
        ("f(x)", 0),
        ("a (1) b", 0),
        ("(1) Manual Page", 0),
        ("git-rebase", 0),
        ("(3p", 0),
        ("", 0),
    ];

    #[test]
    fn golden_tails() {
        for &(title, tail) in GOLDEN_TAILS {
            assert_eq!(title_tail(title), tail, "{title:?}");
        }
    }

    #[test]
    fn golden_leads() {
        for &(title, lead) in GOLDEN {
            assert_eq!(title_lead(title), lead, "{title:?}");
        }
    }

    proptest::proptest! {
        /// Any text: no panic, and the lead is a position of the title's words.
        #[test]
        fn lead_is_a_word_position(title in "\\PC{0,40}") {
            let lead = title_lead(&title);
            let spans = spans_through(&title, u32::MAX);
            proptest::prop_assert!(lead == 0 || spans.iter().any(|s| s.position == lead));
        }

        /// Any text: no panic, and the tail leaves words before it.
        #[test]
        fn tail_leaves_a_name(title in "\\PC{0,40}( ?\\([0-9][a-z0-9]{0,5}\\))?") {
            let tail = title_tail(&title);
            let words = spans_through(&title, u32::MAX).iter().filter(|s| !s.joined).count() as u32;
            proptest::prop_assert!(tail == 0 || tail < words);
        }
    }
}
