//! Reads the front matter at the start of a Markdown file: the subset of YAML (between
//! `---` lines) and TOML (between `+++` lines) that static sites write, without a YAML
//! or TOML parser.
//!
//! Understood, line by line:
//!
//! - `key: value` (YAML) or `key = value` (TOML); a value bare, `"double-quoted"` (with
//!   `\` escapes) or `'single-quoted'`; booleans, numbers and dates are bare text;
//! - inline lists `[a, "b"]`, which may go on over several lines until their `]`, and
//!   YAML block lists: `key:` followed by `- item` lines;
//! - comments (`#` starting a line, or after a value and a space) and blank lines;
//! - the indented lines under a YAML `key:` that are not list items (a nested map, such
//!   as Hugo's `menu:`) and a YAML block scalar (`key: |` or `key: >`, read as one line
//!   of text); TOML tables (`[params]`, `[[menu.main]]`), whose keys are not the page's
//!   and are skipped.
//!
//! Anything else is [`Malformed`] with its line in the file: a line that is neither of
//! these, an unclosed quote or list, front matter that is never closed.

use super::Malformed;

/// A value of the front matter.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Value {
    /// A scalar, unquoted (`true`, `2024-03-01`, `Hello: world`).
    Text(String),
    /// A list of scalars.
    List(Vec<String>),
}

/// The page's keys (lowercased) with their values, in the order written; the keys of
/// TOML tables and YAML nested maps are not among them.
pub type Keys = Vec<(String, Value)>;

/// The page's keys and values, and the Markdown after
/// the front matter. A file without front matter has no keys and is all Markdown.
///
/// ```
/// use findling::corpus::front_matter::{split, Value};
/// let (keys, body) = split("+++\ntitle = \"Hi\" # greeting\ntags = [\"a\", 'b']\n[params]\ntitle = \"no\"\n+++\n# Body\n")?;
/// assert_eq!(keys, [("title".to_owned(), Value::Text("Hi".into())), ("tags".to_owned(), Value::List(vec!["a".into(), "b".into()]))]);
/// assert_eq!(body, "# Body\n");
/// assert_eq!(split("---\ntitle: Hi\nnot a key\n---\n").unwrap_err().line, 3);
/// # Ok::<(), findling::corpus::Malformed>(())
/// ```
pub fn split(text: &str) -> Result<(Keys, &str), Malformed> {
    let first = text.split_inclusive('\n').next().unwrap_or("");
    let syntax = match first.trim_end() {
        "---" => Syntax::Yaml,
        "+++" => Syntax::Toml,
        _ => return Ok((Vec::new(), text)),
    };
    let mut reader = Reader {
        syntax,
        keys: Vec::new(),
        open: None,
        list: None,
        table: false,
    };
    let mut offset = first.len();
    for (i, raw) in text[offset..].split_inclusive('\n').enumerate() {
        let number = i as u64 + 2;
        let line = raw.trim_end_matches(['\n', '\r']);
        offset += raw.len();
        let closing =
            line.trim_end() == first.trim_end() || (syntax == Syntax::Yaml && line.trim_end() == "...");
        if closing && reader.list.is_none() {
            reader.close();
            return Ok((reader.keys, &text[offset..]));
        }
        reader
            .line(line, number)
            .map_err(|detail| Malformed { line: number, detail })?;
    }
    let delimiter = first.trim_end();
    Err(match reader.list {
        Some(list) => Malformed {
            line: list.line,
            detail: format!("the list of `{}` opened with `[` is never closed with `]`", list.key),
        },
        None => Malformed {
            line: 1,
            detail: format!("the front matter opened with `{delimiter}` is never closed: end it with a line `{delimiter}`"),
        },
    })
}

/// Which syntax the front matter is in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Syntax {
    /// `---`, `key: value`.
    Yaml,
    /// `+++`, `key = value`.
    Toml,
}

/// A YAML key whose value is on the indented lines below it.
struct Open {
    key: String,
    items: Vec<String>,
    /// A block scalar (`|`, `>`): the lines are text.
    scalar: bool,
    /// A nested map: the lines are not the page's.
    nested: bool,
}

/// An inline list still waiting for its `]`.
struct PendingList {
    key: String,
    text: String,
    line: u64,
}

/// Reads the front matter one line at a time.
struct Reader {
    syntax: Syntax,
    keys: Keys,
    open: Option<Open>,
    list: Option<PendingList>,
    /// Inside a TOML table: keys are not the page's.
    table: bool,
}

impl Reader {
    /// Reads line `number` (without its line break); `Err` says what is wrong with it.
    fn line(&mut self, line: &str, number: u64) -> Result<(), String> {
        let trimmed = line.trim();
        if let Some(mut list) = self.list.take() {
            list.text.push(' ');
            list.text.push_str(trimmed);
            return match closed_list(&list.text) {
                Some(inner) => {
                    let items = items(inner)?;
                    self.keep(list.key, Value::List(items));
                    Ok(())
                }
                None => {
                    self.list = Some(list);
                    Ok(())
                }
            };
        }
        if trimmed.is_empty() || trimmed.starts_with('#') {
            return Ok(());
        }
        let indented = line.starts_with([' ', '\t']);
        let item = trimmed == "-" || trimmed.starts_with("- ");
        if self.syntax == Syntax::Yaml && (indented || item) {
            let Some(open) = &mut self.open else {
                return Err("an indented line or list item with no `key:` above it".into());
            };
            if open.scalar {
                open.items.push(trimmed.to_owned());
            } else if item && !open.nested {
                open.items.push(scalar(trimmed[1..].trim())?);
            } else if indented {
                open.nested = true;
            } else {
                return Err(format!("a list item after the nested values of `{}`", open.key));
            }
            return Ok(());
        }
        self.close();
        if self.syntax == Syntax::Toml && trimmed.starts_with('[') {
            if !trimmed.trim_end_matches(|c: char| c != ']').ends_with(']') {
                return Err("a TOML table header needs its closing `]`".into());
            }
            self.table = true;
            return Ok(());
        }
        let separator = match self.syntax {
            Syntax::Yaml => ':',
            Syntax::Toml => '=',
        };
        let Some((key, value)) = trimmed.split_once(separator) else {
            return Err(format!(
                "expected `key{} value`",
                if separator == ':' { ":" } else { " =" }
            ));
        };
        let key = key.trim().trim_matches(['"', '\'']).to_ascii_lowercase();
        if key.is_empty() {
            return Err("a value with no key before it".into());
        }
        let value = value.trim();
        if self.syntax == Syntax::Yaml && (value.is_empty() || value.starts_with('#')) {
            self.open = Some(Open {
                key,
                items: Vec::new(),
                scalar: false,
                nested: false,
            });
            return Ok(());
        }
        if self.syntax == Syntax::Yaml && matches!(value, "|" | ">" | "|-" | ">-" | "|+" | ">+") {
            self.open = Some(Open {
                key,
                items: Vec::new(),
                scalar: true,
                nested: false,
            });
            return Ok(());
        }
        if value.starts_with('[') {
            match closed_list(value) {
                Some(inner) => {
                    let items = items(inner)?;
                    self.keep(key, Value::List(items));
                }
                None => {
                    self.list = Some(PendingList {
                        key,
                        text: value.to_owned(),
                        line: number,
                    })
                }
            }
            return Ok(());
        }
        let value = scalar(value)?;
        self.keep(key, Value::Text(value));
        Ok(())
    }

    /// Keeps a key of the page (not of a TOML table).
    fn keep(&mut self, key: String, value: Value) {
        if !self.table {
            self.keys.push((key, value));
        }
    }

    /// Ends the open YAML key, keeping its list or block scalar.
    fn close(&mut self) {
        let Some(open) = self.open.take() else { return };
        let value = match (open.scalar, open.nested) {
            (true, _) => Value::Text(open.items.join(" ")),
            (false, false) if !open.items.is_empty() => Value::List(open.items),
            (false, false) => Value::Text(String::new()),
            (false, true) => return,
        };
        self.keep(open.key, value);
    }
}

/// The inside of an inline list that is complete (`[a, b]` → `a, b`), ignoring a comment
/// after it.
fn closed_list(text: &str) -> Option<&str> {
    let mut quote = None;
    for (i, c) in text.char_indices() {
        match (quote, c) {
            (None, '"' | '\'') => quote = Some(c),
            (Some(q), _) if c == q => quote = None,
            (None, ']') => return Some(&text[1..i]),
            _ => {}
        }
    }
    None
}

/// The items of an inline list's inside, split at commas outside quotes.
fn items(inner: &str) -> Result<Vec<String>, String> {
    let mut items = Vec::new();
    let mut quote = None;
    let mut start = 0;
    for (i, c) in inner.char_indices().chain([(inner.len(), ',')]) {
        match (quote, c) {
            (None, '"' | '\'') => quote = Some(c),
            (Some(q), _) if c == q => quote = None,
            (None, ',') => {
                let item = scalar(inner[start..i].trim())?;
                if !item.is_empty() {
                    items.push(item);
                }
                start = i + 1;
            }
            _ => {}
        }
    }
    Ok(items)
}

/// A scalar without its quotes or a comment after it.
fn scalar(raw: &str) -> Result<String, String> {
    let Some(quote) = raw.chars().next().filter(|c| *c == '"' || *c == '\'') else {
        let end = raw.find(" #").unwrap_or(raw.len());
        return Ok(raw[..end].trim().to_owned());
    };
    let mut out = String::new();
    let mut chars = raw[1..].char_indices();
    while let Some((i, c)) = chars.next() {
        match c {
            '\\' if quote == '"' => match chars.next().map(|(_, e)| e) {
                Some('n') => out.push('\n'),
                Some('t') => out.push('\t'),
                Some(other) => out.push(other),
                None => break,
            },
            c if c == quote => {
                let rest = &raw[1 + i + 1..];
                if quote == '\'' && rest.starts_with('\'') {
                    out.push('\'');
                    chars.next();
                    continue;
                }
                let rest = rest.trim();
                if !(rest.is_empty() || rest.starts_with('#')) {
                    return Err(format!("text after the closing quote: `{rest}`"));
                }
                return Ok(out);
            }
            c => out.push(c),
        }
    }
    Err(format!("the quote `{quote}` is never closed on this line"))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(s: &str) -> Value {
        Value::Text(s.into())
    }

    fn list(items: &[&str]) -> Value {
        Value::List(items.iter().map(|s| s.to_string()).collect())
    }

    #[test]
    fn front_matter_golden_table() {
        let rows: &[(&str, &[(&str, Value)])] = &[
            (
                "---\ntitle: Hello: world\n---\n",
                &[("title", text("Hello: world"))],
            ),
            (
                "---\ntitle: \"Say \\\"hi\\\"\" # c\n---\n",
                &[("title", text("Say \"hi\""))],
            ),
            ("---\ntitle: 'It''s'\n---\n", &[("title", text("It's"))]),
            (
                "---\nTags: [a, \"b, c\", 'd']\n---\n",
                &[("tags", list(&["a", "b, c", "d"]))],
            ),
            (
                "---\ntags:\n  - a\n  - \"b\"\n- c\n---\n",
                &[("tags", list(&["a", "b", "c"]))],
            ),
            (
                "---\n# comment\n\ndraft: true # yes\n---\n",
                &[("draft", text("true"))],
            ),
            (
                "---\nmenu:\n  main:\n    weight: 10\n    - x\ntitle: T\n---\n",
                &[("title", text("T"))],
            ),
            (
                "---\nsummary: >\n  Two\n  lines\n---\n",
                &[("summary", text("Two lines"))],
            ),
            ("---\nempty:\n---\n", &[("empty", text(""))]),
            (
                "+++\ndate = 2024-03-01T10:00:00Z\ndraft = false\n+++\n",
                &[("date", text("2024-03-01T10:00:00Z")), ("draft", text("false"))],
            ),
            (
                "+++\ntags = [\n  \"a\",\n  \"b\",\n]\n+++\n",
                &[("tags", list(&["a", "b"]))],
            ),
            (
                "+++\ntitle = 'T'\n[[menu.main]]\nname = \"x\"\n+++\n",
                &[("title", text("T"))],
            ),
            ("---\r\ntitle: CRLF\r\n---\r\n", &[("title", text("CRLF"))]),
        ];
        for (input, expected) in rows {
            let (keys, _) = split(input).unwrap_or_else(|e| panic!("{input:?}: {e:?}"));
            let expected: Vec<(String, Value)> =
                expected.iter().map(|(k, v)| (k.to_string(), v.clone())).collect();
            assert_eq!(keys, expected, "{input:?}");
        }
    }

    #[test]
    fn malformed_front_matter_golden_table() {
        let rows: &[(&str, u64, &str)] = &[
            ("---\ntitle: T\n", 1, "never closed"),
            ("---\ntitle: T\njust text\n---\n", 3, "expected `key: value`"),
            ("+++\ntitle: T\n+++\n", 2, "expected `key = value`"),
            ("---\n  indented: x\n---\n", 2, "no `key:` above"),
            ("---\ntitle: \"open\n---\n", 2, "never closed"),
            ("---\ntitle: \"a\" b\n---\n", 2, "after the closing quote"),
            ("+++\na = 1\ntags = [\"a\",\n+++\n", 3, "never closed with `]`"),
            ("+++\n[params\n+++\n", 2, "closing `]`"),
        ];
        for (input, line, detail) in rows {
            let e = split(input).expect_err(input);
            assert_eq!(e.line, *line, "{input:?}: {e:?}");
            assert!(e.detail.contains(detail), "{input:?}: {e:?}");
        }
    }

    #[test]
    fn without_front_matter_everything_is_the_body() {
        assert_eq!(split("# T\n---\n").unwrap(), (Vec::new(), "# T\n---\n"));
    }
}
