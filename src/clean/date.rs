//! Dates as pages print them: `8. Juli 2020`, `7. april 2021`, `July 8, 2020`,
//! `8 July 2020`, `08.07.2020`, `2020-07-08`; German, Danish and English month names.

/// Month names and abbreviations (lowercase) with their numbers.
const MONTHS: &[(&str, u32)] = &[
    ("januar", 1),
    ("january", 1),
    ("jan", 1),
    ("jänner", 1),
    ("februar", 2),
    ("february", 2),
    ("feb", 2),
    ("märz", 3),
    ("marts", 3),
    ("march", 3),
    ("mär", 3),
    ("mar", 3),
    ("april", 4),
    ("apr", 4),
    ("mai", 5),
    ("maj", 5),
    ("may", 5),
    ("juni", 6),
    ("june", 6),
    ("jun", 6),
    ("juli", 7),
    ("july", 7),
    ("jul", 7),
    ("august", 8),
    ("aug", 8),
    ("september", 9),
    ("sept", 9),
    ("sep", 9),
    ("oktober", 10),
    ("october", 10),
    ("okt", 10),
    ("oct", 10),
    ("november", 11),
    ("nov", 11),
    ("dezember", 12),
    ("december", 12),
    ("dez", 12),
    ("dec", 12),
];

/// A date found in a text: ISO 8601 and the byte offset where it starts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Found {
    /// `YYYY-MM-DD`.
    pub iso: String,
    /// Byte offset of the date's first character.
    pub start: usize,
}

/// The first plausible date in `text`.
///
/// ```
/// use findling::clean::date::first_date;
/// assert_eq!(first_date("Rheinpost3. März 2021").map(|d| (d.iso, d.start)), Some(("2021-03-03".into(), 9)));
/// assert_eq!(first_date("Updated July 8, 2020").unwrap().iso, "2020-07-08");
/// assert_eq!(first_date("am 08.07.2020 um").unwrap().iso, "2020-07-08");
/// assert_eq!(first_date("2021-04-07T18:22").unwrap().iso, "2021-04-07");
/// assert_eq!(first_date("im Jahr 1997"), None);
/// ```
pub fn first_date(text: &str) -> Option<Found> {
    // Every form has a number, a run of ASCII digits: a line without one is not split.
    if !text.bytes().any(|b| b.is_ascii_digit()) {
        return None;
    }
    let tokens = tokenize(text);
    for i in 0..tokens.len() {
        if let Some((y, m, d)) = at(&tokens[i..]) {
            if (1900..=2100).contains(&y) && (1..=12).contains(&m) && (1..=31).contains(&d) {
                return Some(Found {
                    iso: format!("{y:04}-{m:02}-{d:02}"),
                    start: tokens[i].1,
                });
            }
        }
    }
    None
}

/// A date starting at the first token, as (year, month, day).
fn at(t: &[(String, usize)]) -> Option<(u32, u32, u32)> {
    let num = |i: usize| t.get(i).and_then(|(s, _)| s.parse::<u32>().ok());
    let month = |i: usize| {
        t.get(i)
            .and_then(|(s, _)| MONTHS.iter().find(|(name, _)| name == s))
            .map(|&(_, m)| m)
    };
    let sep = |i: usize, c: &str| t.get(i).is_some_and(|(s, _)| s == c);
    // 2020-07-08
    if let (Some(y), true, Some(m), true, Some(d)) = (num(0), sep(1, "-"), num(2), sep(3, "-"), num(4)) {
        if t[0].0.len() == 4 {
            return Some((y, m, d));
        }
    }
    // 08.07.2020
    if let (Some(d), true, Some(m), true, Some(y)) = (num(0), sep(1, "."), num(2), sep(3, "."), num(4)) {
        if t[4].0.len() == 4 {
            return Some((y, m, d));
        }
    }
    // 8. Juli 2020 / 8 July 2020
    if let Some(d) = num(0).filter(|_| t[0].0.len() <= 2) {
        let k = if sep(1, ".") { 2 } else { 1 };
        if let (Some(m), Some(y)) = (month(k), num(k + 1)) {
            return Some((y, m, d));
        }
    }
    // July 8, 2020
    if let (Some(m), Some(d)) = (month(0), num(1)) {
        let k = if sep(2, ",") { 3 } else { 2 };
        if let Some(y) = num(k) {
            return Some((y, m, d));
        }
    }
    None
}

/// Splits into runs of digits, runs of letters (lowercased) and single punctuation marks,
/// each with its byte offset.
fn tokenize(text: &str) -> Vec<(String, usize)> {
    let mut out: Vec<(String, usize)> = Vec::new();
    let mut kind = 0u8; // 1 digits, 2 letters
    for (i, c) in text.char_indices() {
        let k = if c.is_ascii_digit() {
            1
        } else if c.is_alphabetic() {
            2
        } else {
            0
        };
        if k != 0 && k == kind {
            if let Some(last) = out.last_mut() {
                last.0.extend(c.to_lowercase());
            }
        } else if k != 0 || !c.is_whitespace() {
            out.push((c.to_lowercase().collect(), i));
        }
        kind = k;
    }
    out
}
