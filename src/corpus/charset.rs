//! The text of an HTML page that is not UTF-8 but says what it is: a page that declares
//! a Western European charset (`<meta charset="iso-8859-1">`, the `Content-Type` of a
//! `<meta http-equiv>`, or an XHTML page's XML declaration) is read in it, as a browser
//! reads it. Older German and Danish sites were written so. Any other page that is not
//! UTF-8 stays an error that names the file ([`crate::Error::NotUtf8`]): guessing an
//! encoding could index the wrong letters without a word of warning.

use memchr::memmem;

/// A single-byte charset a page may declare, as the WHATWG Encoding Standard maps its
/// labels: `iso-8859-1`, `latin1` and `us-ascii` all mean windows-1252 there.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Charset {
    /// windows-1252: Latin-1 with printable characters (€, „, “, ‚, …) in 0x80–0x9F.
    Windows1252,
    /// ISO-8859-15 (Latin-9): Latin-1 with €, Š, š, Ž, ž, Œ, œ and Ÿ in eight places.
    Latin9,
}

/// How far into a page its charset is looked for: the HTML standard's prescan reads
/// 1,024 bytes.
const PRESCAN_BYTES: usize = 1024;

/// windows-1252's characters for bytes 0x80–0x9F (the other bytes are Latin-1's).
const WINDOWS_1252_HIGH: [char; 32] = [
    '\u{20AC}', '\u{81}', '\u{201A}', '\u{192}', '\u{201E}', '\u{2026}', '\u{2020}', '\u{2021}', '\u{2C6}',
    '\u{2030}', '\u{160}', '\u{2039}', '\u{152}', '\u{8D}', '\u{17D}', '\u{8F}', '\u{90}', '\u{2018}',
    '\u{2019}', '\u{201C}', '\u{201D}', '\u{2022}', '\u{2013}', '\u{2014}', '\u{2DC}', '\u{2122}', '\u{161}',
    '\u{203A}', '\u{153}', '\u{9D}', '\u{17E}', '\u{178}',
];

impl Charset {
    /// The charset a label names (ASCII case and surrounding whitespace ignored), if it
    /// is one of these.
    ///
    /// ```
    /// use findling::corpus::charset::Charset;
    /// assert_eq!(Charset::of_label(" ISO-8859-1 "), Some(Charset::Windows1252));
    /// assert_eq!(Charset::of_label("latin-9"), None); // not a WHATWG label
    /// assert_eq!(Charset::of_label("iso-8859-15"), Some(Charset::Latin9));
    /// assert_eq!(Charset::of_label("shift_jis"), None);
    /// ```
    pub fn of_label(label: &str) -> Option<Charset> {
        let label = label.trim().to_ascii_lowercase();
        match label.as_str() {
            "ansi_x3.4-1968" | "ascii" | "cp1252" | "cp819" | "csisolatin1" | "ibm819" | "iso-8859-1"
            | "iso-ir-100" | "iso8859-1" | "iso88591" | "iso_8859-1" | "iso_8859-1:1987" | "l1"
            | "latin1" | "us-ascii" | "windows-1252" | "x-cp1252" => Some(Charset::Windows1252),
            "csisolatin9" | "iso-8859-15" | "iso8859-15" | "iso885915" | "iso_8859-15" | "l9" => {
                Some(Charset::Latin9)
            }
            _ => None,
        }
    }

    /// `bytes` read in this charset: one character per byte, none lost.
    ///
    /// ```
    /// use findling::corpus::charset::Charset;
    /// assert_eq!(Charset::Windows1252.decode(b"Stra\xdfe \x84gut\x93 \x80"), "Straße „gut“ €");
    /// assert_eq!(Charset::Latin9.decode(b"\xa4 \xbd"), "€ œ");
    /// ```
    pub fn decode(self, bytes: &[u8]) -> String {
        bytes.iter().map(|&b| self.char_of(b)).collect()
    }

    fn char_of(self, byte: u8) -> char {
        match (self, byte) {
            (Charset::Windows1252, 0x80..=0x9F) => WINDOWS_1252_HIGH[usize::from(byte - 0x80)],
            (Charset::Latin9, 0xA4) => '€',
            (Charset::Latin9, 0xA6) => 'Š',
            (Charset::Latin9, 0xA8) => 'š',
            (Charset::Latin9, 0xB4) => 'Ž',
            (Charset::Latin9, 0xB8) => 'ž',
            (Charset::Latin9, 0xBC) => 'Œ',
            (Charset::Latin9, 0xBD) => 'œ',
            (Charset::Latin9, 0xBE) => 'Ÿ',
            _ => char::from(byte),
        }
    }
}

/// The charset label an HTML page declares in its first 1,024 bytes: the `charset` of
/// its first `<meta>` that has one (`<meta charset=…>` or a `content="text/html;
/// charset=…"`), else the `encoding` of an XML declaration that opens the page.
///
/// ```
/// use findling::corpus::charset::declared;
/// assert_eq!(declared(b"<html><head><META CHARSET='Latin1'>"), Some("Latin1".to_owned()));
/// let page = br#"<meta http-equiv="Content-Type" content="text/html; charset=iso-8859-15">"#;
/// assert_eq!(declared(page), Some("iso-8859-15".to_owned()));
/// assert_eq!(declared(br#"<?xml version="1.0" encoding="ISO-8859-1"?><html>"#), Some("ISO-8859-1".to_owned()));
/// assert_eq!(declared(b"<html><p>charset=latin1</p>"), None); // text, not a <meta>
/// ```
pub fn declared(bytes: &[u8]) -> Option<String> {
    let head = &bytes[..bytes.len().min(PRESCAN_BYTES)];
    let lower = head.to_ascii_lowercase();
    let mut from = 0;
    while let Some(at) = memmem::find(&lower[from..], b"<meta") {
        let start = from + at + b"<meta".len();
        let end = lower[start..]
            .iter()
            .position(|&b| b == b'>')
            .map_or(lower.len(), |e| start + e);
        if let Some(label) = value_after(&head[start..end], &lower[start..end], b"charset") {
            return Some(label);
        }
        from = end;
    }
    let opening = head.trim_ascii_start();
    let lower_opening = opening.to_ascii_lowercase();
    if lower_opening.starts_with(b"<?xml") {
        let end = memmem::find(&lower_opening, b"?>").unwrap_or(lower_opening.len());
        return value_after(&opening[..end], &lower_opening[..end], b"encoding");
    }
    None
}

/// The value after `name` and an `=` in a tag (`original`, and `lower` its ASCII
/// lowercase), unquoted: up to the closing quote, else to whitespace, `;`, `"`, `'` or `/`.
fn value_after(original: &[u8], lower: &[u8], name: &[u8]) -> Option<String> {
    let at = memmem::find(lower, name)? + name.len();
    let rest = original[at..]
        .trim_ascii_start()
        .strip_prefix(b"=")?
        .trim_ascii_start();
    let (quote, rest) = match rest.first() {
        Some(&q @ (b'"' | b'\'')) => (Some(q), &rest[1..]),
        _ => (None, rest),
    };
    let end = rest
        .iter()
        .position(|&b| match quote {
            Some(q) => b == q,
            None => b.is_ascii_whitespace() || matches!(b, b';' | b'"' | b'\'' | b'/'),
        })
        .unwrap_or(rest.len());
    let label = std::str::from_utf8(&rest[..end]).ok()?.trim();
    (!label.is_empty()).then(|| label.to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_byte_becomes_one_character_and_ascii_stays_itself() {
        for charset in [Charset::Windows1252, Charset::Latin9] {
            let all: Vec<u8> = (0..=255).collect();
            let text = charset.decode(&all);
            assert_eq!(text.chars().count(), 256);
            assert!(text.chars().take(128).map(u32::from).eq(0..128));
        }
    }

    #[test]
    fn a_meta_without_a_charset_is_passed_over_for_the_next() {
        let page = b"<meta name=\"author\" content=\"x\"><meta charset=\"windows-1252\">";
        assert_eq!(declared(page), Some("windows-1252".to_owned()));
    }

    #[test]
    fn a_declaration_after_the_first_1024_bytes_is_not_looked_for() {
        let mut page = vec![b' '; PRESCAN_BYTES];
        page.extend_from_slice(b"<meta charset=latin1>");
        assert_eq!(declared(&page), None);
    }
}
