//! Cuts a large HTML page into segments that parse, each after the start tags of the
//! elements open at its start, as they parse in the whole page: so that the page is
//! read a segment at a time and its DOM is never whole in memory.
//!
//! A scan of the tags (no tree) follows the HTML parser's stack of open elements for
//! well-formed pages: start tags push (void and raw text elements do not), an end tag
//! pops to its element when that is in scope, and a paragraph, list item or heading is
//! closed where a start tag closes it. A segment may start before the start tag of a
//! block element ([`BLOCK_ELEMENTS`]) when the page's body
//! has begun and the open elements are known exactly: no formatting element (`<a>`,
//! `<b>` …) open or waiting to be reopened, no form the parser points to, and no table,
//! select, template, SVG, MathML, heading, `<pre>`, element marked `data-findling-title`
//! or element the reader drops open. Not before a table (the parser moves what is
//! misplaced in it to before it), an `<h1>`, an element marked `data-findling-title` or
//! one the reader drops: those are left out without ending the text around them.
//!
//! Anything the scan does not follow exactly (an end tag the parser would treat with its
//! adoption agency, a formatting element closed by its parent, a comment or raw text
//! element without its end, an end tag in SVG that reaches past it) ends the cutting:
//! the rest of the page is one segment when the scan had found the content root marked
//! `data-findling-body` (which no later element can replace), and otherwise the whole
//! page is, read as it always was. So is a page with a frameset, or with an `<html>` or
//! `<body>` start tag after its body began (its attributes go to the element begun).

use super::html::BLOCK_ELEMENTS;

/// A piece of a page: `start..end` of its text, after the start tags of the elements
/// open at `start` (ranges of the page's text), and the page's doctype.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Segment {
    /// Where it starts in the page.
    pub start: usize,
    /// Where it ends.
    pub end: usize,
    /// The start tags of the elements open at `start`, outermost first.
    pub open: Vec<std::ops::Range<usize>>,
}

/// What the scan found: the segments, and where the content root's start tag is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Cut {
    /// The segments, in order, covering the page.
    pub segments: Vec<Segment>,
    /// The page's doctype (its range), to open every segment with.
    pub doctype: Option<std::ops::Range<usize>>,
    /// The content root's start tag, as [`html`](super::html) chooses it (the first
    /// element marked `data-findling-body`, the first `<main>` not dropped, a single
    /// `<article>`); `None` for the body.
    pub root: Option<std::ops::Range<usize>>,
}

/// Elements that have no end tag.
const VOID: &[&str] = &[
    "area", "base", "basefont", "bgsound", "br", "col", "embed", "frame", "hr", "image", "img", "input",
    "keygen", "link", "meta", "param", "source", "track", "wbr",
];

/// Elements whose text is not markup: the scan skips to their end tag.
const RAW: &[&str] = &[
    "script", "style", "xmp", "iframe", "noembed", "noframes", "noscript", "textarea", "title",
];

/// Formatting elements, which the parser reopens after a block that closed them.
const FORMATTING: &[&str] = &[
    "a", "b", "big", "code", "em", "font", "i", "nobr", "s", "small", "strike", "strong", "tt", "u",
];

/// Start tags that close an open `<p>` (in button scope).
const CLOSE_P: &[&str] = &[
    "address",
    "article",
    "aside",
    "blockquote",
    "center",
    "details",
    "dialog",
    "dir",
    "div",
    "dl",
    "fieldset",
    "figcaption",
    "figure",
    "footer",
    "header",
    "hgroup",
    "main",
    "menu",
    "nav",
    "ol",
    "p",
    "search",
    "section",
    "summary",
    "ul",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "pre",
    "listing",
    "form",
    "hr",
    "dd",
    "dt",
    "li",
];

/// End tags popped to their element when it is in scope (as these are, or after
/// popping the elements with implied end tags: the same, popped to it).
const CLOSED_IN_SCOPE: &[&str] = &[
    "address",
    "article",
    "aside",
    "blockquote",
    "button",
    "center",
    "details",
    "dialog",
    "dir",
    "div",
    "dl",
    "fieldset",
    "figcaption",
    "figure",
    "footer",
    "header",
    "hgroup",
    "listing",
    "main",
    "menu",
    "nav",
    "ol",
    "pre",
    "search",
    "section",
    "summary",
    "ul",
    "dd",
    "dt",
];

/// Elements that end a scope: an end tag does not reach past them.
const SCOPE: &[&str] = &[
    "applet", "caption", "html", "table", "td", "th", "marquee", "object", "template",
];

/// The parser's "special" elements: an end tag of another name stops at them.
const SPECIAL: &[&str] = &[
    "address",
    "applet",
    "area",
    "article",
    "aside",
    "base",
    "basefont",
    "bgsound",
    "blockquote",
    "body",
    "br",
    "button",
    "caption",
    "center",
    "col",
    "colgroup",
    "dd",
    "details",
    "dir",
    "div",
    "dl",
    "dt",
    "embed",
    "fieldset",
    "figcaption",
    "figure",
    "footer",
    "form",
    "frame",
    "frameset",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "head",
    "header",
    "hgroup",
    "hr",
    "html",
    "iframe",
    "img",
    "input",
    "keygen",
    "li",
    "link",
    "listing",
    "main",
    "marquee",
    "menu",
    "meta",
    "nav",
    "noembed",
    "noframes",
    "noscript",
    "object",
    "ol",
    "p",
    "param",
    "plaintext",
    "pre",
    "script",
    "search",
    "section",
    "select",
    "source",
    "style",
    "summary",
    "table",
    "tbody",
    "td",
    "template",
    "textarea",
    "tfoot",
    "th",
    "thead",
    "title",
    "tr",
    "track",
    "ul",
    "wbr",
    "xmp",
];

/// HTML elements that end SVG and MathML content (the parser breaks out of it).
const BREAKOUT: &[&str] = &[
    "b",
    "big",
    "blockquote",
    "body",
    "br",
    "center",
    "code",
    "dd",
    "div",
    "dl",
    "dt",
    "em",
    "embed",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "head",
    "hr",
    "i",
    "img",
    "li",
    "listing",
    "menu",
    "meta",
    "nobr",
    "ol",
    "p",
    "pre",
    "ruby",
    "s",
    "small",
    "span",
    "strong",
    "strike",
    "sub",
    "sup",
    "table",
    "tt",
    "u",
    "ul",
    "var",
    "font",
];

/// Start tags the parser ignores in the body (outside a table).
const IGNORED_IN_BODY: &[&str] = &[
    "caption", "col", "colgroup", "frame", "head", "tbody", "td", "tfoot", "th", "thead", "tr",
];

/// Elements read as a whole: the scan counts their nesting and cuts nothing inside.
const OPAQUE: &[&str] = &["table", "select", "template", "svg", "math"];

/// Elements no segment may start inside (besides [`OPAQUE`] and formatting ones).
const NOT_OPEN_AT_A_CUT: &[&str] = &[
    "h1", "h2", "h3", "h4", "h5", "h6", "pre", "listing", "button", "form", "ruby", "rb", "rp", "rt", "rtc",
    "option", "optgroup", "frameset", "dialog",
];

/// Tags of the head: before any other, the body has not begun.
const HEAD: &[&str] = &[
    "html", "head", "meta", "link", "title", "style", "script", "base", "noscript", "template", "basefont",
    "bgsound",
];

/// One element of the scan's stack.
#[derive(Debug, Clone)]
struct Open {
    name: String,
    tag: std::ops::Range<usize>,
    /// It may not be open where a segment starts.
    stops_cuts: bool,
}

/// A tag as the scan reads it.
struct Tag {
    name: String,
    end: bool,
    /// Where it starts and ends (after its `>`).
    range: std::ops::Range<usize>,
    /// It ends with `/>`.
    self_closing: bool,
    /// Its attributes' names (lowercase) and values (raw).
    attributes: Vec<(String, String)>,
}

impl Tag {
    fn attr(&self, name: &str) -> Option<&str> {
        self.attributes
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.as_str())
    }
}

/// Cuts `html` into segments of at least `size` bytes (but the last), as the module says.
pub fn cut(html: &str, size: usize) -> Cut {
    let mut scan = Scan {
        html,
        stack: Vec::new(),
        formatting: 0,
        opaque: None,
        formatting_in_opaque: Vec::new(),
        foreign: Vec::new(),
        in_body: false,
        broken: false,
        whole: false,
        form: false,
        html_seen: false,
        body_seen: false,
        marked: None,
        main: None,
        articles: Vec::new(),
    };
    let mut cut = Cut {
        segments: Vec::new(),
        doctype: None,
        root: None,
    };
    let mut start = 0;
    let mut open_at_start = Vec::new();
    let mut at = 0;
    let bytes = html.as_bytes();
    // Where the scan was when it stopped following the parser.
    let mut broken_at = None;
    // Whether a tag or text has come (after which a doctype is ignored).
    let mut begun = false;
    // Whether the root was marked before the scan stopped following the parser.
    let mut marked_before_break = None;
    // After the scan stops following the parser, it still reads the tags for the root.
    while let Some(lt) = memchr_lt(&bytes[at..]).map(|i| at + i) {
        if scan.broken && broken_at.is_none() {
            broken_at = Some(lt);
        }
        if !scan.in_body && !html[at..lt].trim().is_empty() {
            scan.in_body = true;
        }
        begun |= !html[at..lt].trim().is_empty();
        let Some(token) = scan.token(lt) else {
            scan.broken = true;
            break;
        };
        match token {
            Token::Skip(end) => {
                // A `<` that is text begins the page too.
                begun |= end == lt + 1;
                at = end;
            }
            Token::Doctype(range) => {
                // Only a doctype before everything else counts (it sets the quirks mode).
                if !begun {
                    cut.doctype.get_or_insert(range.clone());
                }
                at = range.end;
            }
            Token::Tag(ref tag) if !begun => {
                begun = true;
                at = tag.range.start;
                continue;
            }
            Token::Tag(tag) if scan.broken => {
                marked_before_break.get_or_insert(scan.marked.is_some());
                scan.whole |= !tag.end && matches!(tag.name.as_str(), "frameset" | "html" | "body");
                at = tag.range.end;
                if !tag.end {
                    scan.notice_root(&tag);
                    at = scan.raw_text(&tag).unwrap_or(at);
                }
            }
            Token::Tag(tag) => {
                at = tag.range.end;
                if !tag.end && lt - start >= size && scan.may_cut_before(&tag) {
                    cut.segments.push(Segment {
                        start,
                        end: lt,
                        open: std::mem::take(&mut open_at_start),
                    });
                    start = lt;
                    open_at_start = scan.stack.iter().map(|o| o.tag.clone()).collect();
                }
                if let Some(end) = scan.tag(&tag) {
                    at = end;
                }
            }
        }
    }
    cut.segments.push(Segment {
        start,
        end: html.len(),
        open: open_at_start,
    });
    // What the scan read without following the parser may hide an `<html>`, `<body>` or
    // `<frameset>` start tag (in foreign content a `<script>` is not raw text): any one
    // in the text after it stopped reads the page whole.
    if let Some(rest) = broken_at.map(|at| &html[at..]) {
        scan.whole |= ["html", "body", "frameset"]
            .iter()
            .any(|name| start_tags(rest, name) > 0);
    }
    if scan.whole || scan.broken && !marked_before_break.unwrap_or(scan.marked.is_some()) {
        // The root may be in what the scan read without following the parser: cut
        // nothing, the page is read whole.
        cut.segments = vec![Segment {
            start: 0,
            end: html.len(),
            open: Vec::new(),
        }];
        return cut;
    }
    let single = |a: &Vec<std::ops::Range<usize>>| (a.len() == 1).then(|| a[0].clone());
    cut.root = scan.marked.or(scan.main).or_else(|| single(&scan.articles));
    cut
}

/// How many times `<name` (in any case) followed by whitespace, `/` or `>` is in `html`
/// (or at its end).
fn start_tags(html: &str, name: &str) -> usize {
    let bytes = html.as_bytes();
    let mut count = 0;
    let mut at = 0;
    while let Some(lt) = memchr_lt(&bytes[at..]).map(|i| at + i) {
        let after = lt + 1 + name.len();
        let named = bytes
            .get(lt + 1..after)
            .is_some_and(|b| b.eq_ignore_ascii_case(name.as_bytes()));
        let ends = bytes
            .get(after)
            .is_none_or(|b| matches!(b, b'\t' | b'\n' | b'\x0c' | b'\r' | b' ' | b'/' | b'>'));
        count += usize::from(named && ends);
        at = lt + 1;
    }
    count
}

/// The position of the first `<` in `bytes`.
fn memchr_lt(bytes: &[u8]) -> Option<usize> {
    bytes.iter().position(|&b| b == b'<')
}

/// What starts at a `<`.
enum Token {
    /// A comment, a bogus comment or text: go on after this offset.
    Skip(usize),
    /// A doctype.
    Doctype(std::ops::Range<usize>),
    /// A start or end tag.
    Tag(Tag),
}

/// The scan's state: the stack of open elements as the parser keeps it.
struct Scan<'h> {
    html: &'h str,
    stack: Vec<Open>,
    /// Formatting elements open.
    formatting: usize,
    /// Inside an opaque element: its name and nesting.
    opaque: Option<(String, usize)>,
    /// The formatting elements opened inside the opaque element and not closed.
    formatting_in_opaque: Vec<String>,
    /// The elements opened inside SVG or MathML and not closed.
    foreign: Vec<String>,
    /// The body has begun.
    in_body: bool,
    /// The scan no longer follows the parser: no more cuts.
    broken: bool,
    /// The page is not to be cut at all.
    whole: bool,
    /// The parser points to a form (from its start tag to its end tag, open or not).
    form: bool,
    /// An `<html>`, a `<body>` start tag was read.
    html_seen: bool,
    body_seen: bool,
    /// The first element marked `data-findling-body`.
    marked: Option<std::ops::Range<usize>>,
    /// The first `<main>` not dropped.
    main: Option<std::ops::Range<usize>>,
    /// The `<article>` start tags not dropped.
    articles: Vec<std::ops::Range<usize>>,
}

impl Scan<'_> {
    /// The token at `lt` (a `<`); `None` when it runs to the end of the page unclosed.
    fn token(&self, lt: usize) -> Option<Token> {
        let html = self.html;
        let rest = &html[lt..];
        let after = |pattern: &str, from: usize| html[from..].find(pattern).map(|i| from + i + pattern.len());
        if rest.starts_with("<!--") {
            let body = lt + 4;
            if html[body..].starts_with('>') {
                return Some(Token::Skip(body + 1));
            }
            if html[body..].starts_with("->") {
                return Some(Token::Skip(body + 2));
            }
            // The first "-->" or "--!>": the second looked for only up to the first (each
            // comment searched to the page's end made a page of many comments quadratic).
            let close = after("-->", body);
            let bang = html[body..close.unwrap_or(html.len())]
                .find("--!>")
                .map(|i| body + i + "--!>".len());
            return Some(Token::Skip(bang.or(close)?));
        }
        if rest
            .as_bytes()
            .get(..9)
            .is_some_and(|b| b.eq_ignore_ascii_case(b"<!doctype"))
        {
            return Some(Token::Doctype(lt..after(">", lt)?));
        }
        if rest.starts_with("<!") || rest.starts_with("<?") || rest.starts_with("</>") {
            return Some(Token::Skip(after(">", lt)?));
        }
        let end = rest.starts_with("</");
        let name_at = lt + 1 + usize::from(end);
        if !html.as_bytes().get(name_at).is_some_and(u8::is_ascii_alphabetic) {
            return Some(if end {
                Token::Skip(after(">", lt)?)
            } else {
                Token::Skip(lt + 1)
            });
        }
        let bytes = html.as_bytes();
        let mut i = name_at;
        while i < bytes.len() && !matches!(bytes[i], b'\t' | b'\n' | b'\x0c' | b'\r' | b' ' | b'/' | b'>') {
            i += 1;
        }
        let name = html[name_at..i].to_ascii_lowercase();
        let mut attributes = Vec::new();
        loop {
            while i < bytes.len() && matches!(bytes[i], b'\t' | b'\n' | b'\x0c' | b'\r' | b' ' | b'/') {
                i += 1;
            }
            match bytes.get(i)? {
                b'>' => break,
                _ => {
                    let from = i;
                    i += 1;
                    while i < bytes.len()
                        && !matches!(
                            bytes[i],
                            b'\t' | b'\n' | b'\x0c' | b'\r' | b' ' | b'/' | b'>' | b'='
                        )
                    {
                        i += 1;
                    }
                    let attribute = html[from..i].to_ascii_lowercase();
                    while i < bytes.len() && matches!(bytes[i], b'\t' | b'\n' | b'\x0c' | b'\r' | b' ') {
                        i += 1;
                    }
                    let mut value = String::new();
                    if bytes.get(i) == Some(&b'=') {
                        i += 1;
                        while i < bytes.len() && matches!(bytes[i], b'\t' | b'\n' | b'\x0c' | b'\r' | b' ') {
                            i += 1;
                        }
                        match bytes.get(i)? {
                            &q @ (b'"' | b'\'') => {
                                let close = html[i + 1..].find(char::from(q))? + i + 1;
                                value = html[i + 1..close].to_owned();
                                i = close + 1;
                            }
                            _ => {
                                let from = i;
                                while i < bytes.len()
                                    && !matches!(bytes[i], b'\t' | b'\n' | b'\x0c' | b'\r' | b' ' | b'>')
                                {
                                    i += 1;
                                }
                                value = html[from..i].to_owned();
                            }
                        }
                    }
                    attributes.push((attribute, value));
                }
            }
        }
        Some(Token::Tag(Tag {
            name,
            end,
            self_closing: i > lt && bytes[i - 1] == b'/',
            range: lt..i + 1,
            attributes,
        }))
    }

    /// Whether a segment may start before `tag` (a start tag).
    fn may_cut_before(&self, tag: &Tag) -> bool {
        self.in_body
            && self.opaque.is_none()
            && self.formatting == 0
            && !self.form
            && BLOCK_ELEMENTS.contains(&tag.name.as_str())
            && !matches!(tag.name.as_str(), "html" | "body" | "table")
            && !IGNORED_IN_BODY.contains(&tag.name.as_str())
            // The title's element and dropped elements are left out without ending the
            // text around them.
            && tag.name != "h1"
            && tag.attr("data-findling-title").is_none()
            && !left_out(tag)
            && !self.stack.iter().any(|o| o.stops_cuts)
            && self.stack.len() < 64
    }

    /// Follows the parser through `tag`; the offset to go on from when the tag's element
    /// holds raw text (after its end tag).
    fn tag(&mut self, tag: &Tag) -> Option<usize> {
        let name = tag.name.as_str();
        if !tag.end {
            self.notice_root(tag);
            // Whether a frameset replaces the body depends on everything before it; a
            // later `<html>` or `<body>` gives its attributes to the element begun.
            self.whole |= name == "frameset"
                || name == "html" && (self.html_seen || self.in_body)
                || name == "body" && (self.body_seen || self.in_body);
            self.html_seen |= name == "html";
            self.body_seen |= name == "body";
        }
        if let Some((opaque, depth)) = &mut self.opaque {
            let foreign = opaque == "svg" || opaque == "math";
            if name == opaque.as_str() {
                if tag.end {
                    *depth -= 1;
                } else if opaque == "table" || opaque == "select" {
                    // A table or select started in one closes it.
                    self.broken = true;
                } else {
                    *depth += 1;
                }
            } else if foreign && tag.end {
                // An end tag reaches past the foreign elements to an HTML one unless it
                // closes one of them.
                match self.foreign.iter().rposition(|n| n == name) {
                    Some(k) => self.foreign.truncate(k),
                    None => self.broken = true,
                }
            } else if foreign && !tag.self_closing && !(RAW.contains(&name) || BREAKOUT.contains(&name)) {
                self.foreign.push(name.to_owned());
            } else if !tag.end
                && (foreign && (RAW.contains(&name) || BREAKOUT.contains(&name))
                    || opaque == "select" && matches!(name, "input" | "keygen" | "textarea")
                    || OPAQUE.contains(&name)
                    || name == "form")
            {
                // HTML inside SVG or MathML, a field in a select, one opaque element in
                // another, a form (in a table it is closed at once but stays the form
                // that later ones are ignored for): not followed.
                self.broken = true;
            } else if FORMATTING.contains(&name) {
                // Formatting elements opened in a table must close in it, in order.
                if !tag.end {
                    self.formatting_in_opaque.push(name.to_owned());
                } else if self.formatting_in_opaque.last().map(String::as_str) == Some(name) {
                    self.formatting_in_opaque.pop();
                } else {
                    self.broken = true;
                }
            }
            if *depth == 0 {
                self.opaque = None;
                self.broken |= !self.formatting_in_opaque.is_empty();
                self.close(name);
                return None;
            }
            return if foreign { None } else { self.raw_text(tag) };
        }
        if tag.end {
            self.end_tag(name);
            return None;
        }
        if !self.in_body && !HEAD.contains(&name) && name != "body" {
            self.in_body = true;
        }
        if !self.in_body && name == "template" {
            self.broken = true;
            return None;
        }
        if name == "html" && !self.stack.is_empty()
            || name == "body" && self.stack.iter().any(|o| o.name == "body")
        {
            self.broken = true;
            return None;
        }
        if IGNORED_IN_BODY.contains(&name) || (!self.in_body && name != "html" && name != "body") {
            return self.raw_text(tag);
        }
        if name == "body" {
            self.in_body = true;
        }
        if name == "form" && self.form {
            // Ignored while the parser points to a form.
            return None;
        }
        self.form |= name == "form";
        if name == "table" && self.in_scope("p", &["button"]) {
            // A table closes a paragraph but in quirks mode: not followed.
            self.broken = true;
        }
        if CLOSE_P.contains(&name) {
            if name == "li" {
                self.close_list_item(&["li"]);
            } else if name == "dd" || name == "dt" {
                self.close_list_item(&["dd", "dt"]);
            }
            if self.in_scope("p", &["button"]) {
                self.close("p");
            }
            if is_heading(name) && self.stack.last().is_some_and(|o| is_heading(&o.name)) {
                self.stack.pop();
            }
        }
        let again = |n: &str| name == n && self.stack.iter().any(|o| o.name == n);
        if name == "plaintext" {
            return self.raw_text(tag);
        }
        if name == "frameset" || again("a") || again("nobr") {
            self.broken = true;
            return None;
        }
        if name == "button" && self.in_scope("button", &[]) {
            self.close("button");
        }
        if VOID.contains(&name) {
            return None;
        }
        if RAW.contains(&name) {
            return self.raw_text(tag);
        }
        if (name == "option" || name == "optgroup") && self.stack.last().is_some_and(|o| o.name == "option") {
            self.stack.pop();
        }
        self.formatting += usize::from(FORMATTING.contains(&name));
        if OPAQUE.contains(&name) {
            self.opaque = Some((name.to_owned(), 1));
            self.formatting_in_opaque.clear();
            self.foreign.clear();
        }
        let stops_cuts =
            NOT_OPEN_AT_A_CUT.contains(&name) || tag.attr("data-findling-title").is_some() || left_out(tag);
        self.stack.push(Open {
            name: name.to_owned(),
            tag: tag.range.clone(),
            stops_cuts,
        });
        None
    }

    /// Records `tag` if it may be the content root.
    fn notice_root(&mut self, tag: &Tag) {
        if tag.attr("data-findling-body").is_some() {
            self.marked.get_or_insert_with(|| tag.range.clone());
        }
        let kept = || !super::html::dropped_by(&tag.name, |a| tag.attr(a));
        if tag.name == "main" && self.main.is_none() && kept() {
            self.main = Some(tag.range.clone());
        }
        if tag.name == "article" && kept() {
            self.articles.push(tag.range.clone());
        }
    }

    /// After the start tag of a raw text element, the offset after its end tag.
    fn raw_text(&mut self, tag: &Tag) -> Option<usize> {
        if !tag.end && tag.name == "plaintext" {
            // The rest of the page is its text.
            self.broken = true;
            return Some(self.html.len());
        }
        if tag.end || !RAW.contains(&tag.name.as_str()) {
            return None;
        }
        let html = self.html;
        let from = tag.range.end;
        let close = format!("</{}", tag.name);
        let lower_end = |i: usize| {
            html.as_bytes()
                .get(i + close.len())
                .is_none_or(|b| matches!(b, b'\t' | b'\n' | b'\x0c' | b'\r' | b' ' | b'/' | b'>'))
        };
        let mut i = from;
        loop {
            let Some(found) = html[i..].find("</").map(|f| i + f) else {
                self.broken = true;
                return Some(html.len());
            };
            let named = html
                .get(found..found + close.len())
                .is_some_and(|t| t.eq_ignore_ascii_case(&close));
            if named && lower_end(found) {
                if tag.name == "script" && html[from..found].contains("<!--") {
                    // Escaped script text: not followed.
                    self.broken = true;
                }
                return Some(html[found..].find('>').map_or(html.len(), |g| found + g + 1));
            }
            i = found + 2;
        }
    }

    /// Follows an end tag.
    fn end_tag(&mut self, name: &str) {
        match name {
            "body" | "html" | "br" => {}
            "p" => {
                if self.in_scope("p", &["button"]) {
                    self.close("p");
                }
            }
            "li" => {
                if self.in_scope("li", &["ol", "ul"]) {
                    self.close("li");
                }
            }
            "h1" | "h2" | "h3" | "h4" | "h5" | "h6" => {
                if self
                    .stack
                    .iter()
                    .rev()
                    .take_while(|o| !SCOPE.contains(&o.name.as_str()))
                    .any(|o| is_heading(&o.name))
                {
                    while let Some(o) = self.stack.pop() {
                        self.popped(&o);
                        if is_heading(&o.name) {
                            break;
                        }
                    }
                }
            }
            "form" => {
                // The parser no longer points to a form; it takes the form off the stack.
                self.form = false;
                if self.stack.last().is_some_and(|o| o.name == "form") {
                    self.stack.pop();
                } else if self.in_scope("form", &[]) {
                    // The elements opened in it stay open, their ancestors no longer the
                    // stack: not followed.
                    self.broken = true;
                }
            }
            _ if FORMATTING.contains(&name) => {
                if self.stack.last().is_some_and(|o| o.name == name) {
                    self.stack.pop();
                    self.formatting -= 1;
                } else {
                    // The adoption agency: not followed.
                    self.broken = true;
                }
            }
            _ if CLOSED_IN_SCOPE.contains(&name) => {
                if self.in_scope(name, &[]) {
                    self.close(name);
                }
            }
            _ => {
                // Any other end tag: the nearest element of that name, unless a special
                // element comes first.
                for k in (0..self.stack.len()).rev() {
                    if self.stack[k].name == name {
                        self.close(name);
                        return;
                    }
                    if SPECIAL.contains(&self.stack[k].name.as_str()) {
                        return;
                    }
                }
            }
        }
    }

    /// Whether an element `name` is open in scope (the default scope and `more`).
    fn in_scope(&self, name: &str, more: &[&str]) -> bool {
        for o in self.stack.iter().rev() {
            if o.name == name {
                return true;
            }
            if SCOPE.contains(&o.name.as_str()) || more.contains(&o.name.as_str()) {
                return false;
            }
        }
        false
    }

    /// Before a list item (`li`, or `dd`/`dt`): closes the open one the parser closes.
    fn close_list_item(&mut self, items: &[&str]) {
        for o in self.stack.iter().rev() {
            if items.contains(&o.name.as_str()) {
                let name = o.name.clone();
                self.close(&name);
                return;
            }
            if SPECIAL.contains(&o.name.as_str()) && !matches!(o.name.as_str(), "address" | "div" | "p") {
                return;
            }
        }
    }

    /// Pops elements until one named `name` is popped.
    fn close(&mut self, name: &str) {
        while let Some(o) = self.stack.pop() {
            if o.name == name {
                if FORMATTING.contains(&name) {
                    self.formatting -= 1;
                }
                return;
            }
            self.popped(&o);
        }
    }

    /// An element popped on the way to another.
    fn popped(&mut self, o: &Open) {
        if FORMATTING.contains(&o.name.as_str()) {
            // The parser reopens it at the next text: not followed.
            self.broken = true;
        }
    }
}

/// Whether the reader may leave out `tag`'s element with all inside it
/// ([`dropped`](super::html) by its name and attributes, or a `<header>`, dropped or not
/// by where it is).
fn left_out(tag: &Tag) -> bool {
    tag.name == "header" || super::html::dropped_by(&tag.name, |a| tag.attr(a))
}

/// Whether `name` is `h1` … `h6`.
fn is_heading(name: &str) -> bool {
    matches!(name, "h1" | "h2" | "h3" | "h4" | "h5" | "h6")
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The first tag of each segment of `html` cut wherever it may be.
    fn starts(html: &str) -> Vec<&str> {
        let cut = cut(html, 1);
        cut.segments
            .iter()
            .map(|s| &html[s.start..html[s.start..].find('>').map_or(s.end, |e| s.start + e + 1)])
            .collect()
    }

    #[test]
    fn segments_start_before_block_elements_where_the_open_elements_are_known() {
        let page = "<!doctype html><html lang=de><head><title>T</title><script>x('<p>')</script></head>\
            <body><main class=m><p>a<br>b<p>c</p><div><p>d</div><h2>H<p>e</p></h2><ul><li>f<li><p>g</ul>\
            <table><tr><td><p>h</td></tr></table><!-- <p> --><p>i</main></body></html>";
        let cut = cut(page, 1);
        assert_eq!(cut.doctype, Some(0..15));
        assert_eq!(cut.root.map(|r| &page[r]), Some("<main class=m>"));
        assert_eq!(
            starts(page),
            [
                "<!doctype html>",
                "<main class=m>",
                "<p>",
                "<p>",
                "<div>",
                "<p>",
                "<h2>",
                "<ul>",
                "<li>",
                "<li>",
                "<p>",
                "<p>"
            ]
        );
        // Inside the list item, its list and the main element are open.
        let li = &cut.segments[9];
        let open: Vec<&str> = li.open.iter().map(|t| &page[t.clone()]).collect();
        assert_eq!(
            open,
            ["<html lang=de>", "<body>", "<main class=m>", "<ul>", "<li>"]
        );
    }

    #[test]
    fn cutting_ends_where_the_scan_cannot_follow_the_parser() {
        // Without a marked root, a page the scan cannot follow (a formatting element
        // closed by its paragraph, which the parser reopens; an unclosed comment) is not
        // cut at all: its root may be in what the scan did not follow.
        assert_eq!(starts("<body><p><b>a</p><p>b</p><p>c</p></body>"), ["<body>"]);
        assert_eq!(starts("<body><p>a</p><!-- <p>b</p><p>c</p>"), ["<body>"]);
        // With one, the segments before the scan stopped stay.
        let marked = "<body data-findling-body><p>a</p><p><b>b</p><p>c</p>";
        assert_eq!(starts(marked), ["<body data-findling-body>", "<p>", "<p>"]);
        // A frameset anywhere: never cut.
        let frameset = "<body data-findling-body><p>a</p><p>b</p><frameset>";
        assert_eq!(starts(frameset), ["<body data-findling-body>"]);
    }

    #[test]
    fn the_root_is_the_marked_element_then_main_then_one_article() {
        let root = |html: &str| cut(html, 1).root.map(|r| html[r].to_owned());
        assert_eq!(
            root("<main><div data-findling-body>x</div></main>").as_deref(),
            Some("<div data-findling-body>")
        );
        assert_eq!(
            root("<main hidden></main><main id=b></main>").as_deref(),
            Some("<main id=b>")
        );
        assert_eq!(root("<article>a</article>").as_deref(), Some("<article>"));
        assert_eq!(root("<article>a</article><article>b</article>"), None);
        // After the scan stopped following the parser: not cut, read whole.
        assert_eq!(root("<p><b>x</p><p>y<main>z</main>"), None);
    }
}
