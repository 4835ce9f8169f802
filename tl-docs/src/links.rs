//! Link markers → Markdown links, and Markdown escaping that keeps rustdoc quiet.
//!
//! The documentation dump marks links with superscript digits after the linked
//! words: `a Telegram Stars¹ transaction, see here »² for more info` with
//! `links = [u1, u2]`. This module turns that into
//! `a [Telegram Stars](u1) transaction, see [here »](u2) for more info`.
//!
//! # Which marker refers to which link
//!
//! On core.telegram.org the footnote numbers restart in every paragraph, but the
//! dump's `links` list has one entry per marker occurrence, in reading order
//! (`[[1, 2], [1, 2]]` with four links). So when a description has exactly as many
//! markers as links, the *n*-th marker (counting across all its paragraphs) refers
//! to `links[n - 1]`, whatever its digits say. Otherwise the digits are used:
//! `¹` → `links[0]`, `¹⁰` → `links[9]`. A marker without a link (out of range, `⁰`,
//! or an empty URL) is dropped and its words stay plain text.
//!
//! # Which words a link covers
//!
//! The link text is taken from the text right before the marker:
//! 1. after a closing parenthesis, the text inside the matching parenthesis
//!    (`(boolTrue)¹` → `([boolTrue](u))`, `(TGS format »)¹` → `([TGS format »](u))`);
//! 2. after a lone `»`, the word before it plus the `»` (`here »²` → `[here »](u)`);
//! 3. otherwise the single word before the marker (`messages.sendMessage¹`), without
//!    leading opening punctuation (`(`, quotes, with their closing quote) or trailing
//!    `.,;:!?`, which stay outside;
//! 4. a link text that starts with a capitalised word is extended backwards over the
//!    capitalised words before it, so proper names are linked whole
//!    (`a Telegram Stars¹` → `a [Telegram Stars](u)`, `Seamless Telegram Login¹`);
//!    it stops at a lowercase word, at punctuation, and at common sentence words
//!    such as `The`, `See` or `For` (`The PTS¹` → `The [PTS](u)`).
//!
//! If no word precedes the marker the link text is `link`. URLs are kept as they are
//! (relative or absolute); spaces, parentheses and angle brackets in them are
//! percent-encoded so the Markdown link stays intact.
//!
//! # Escaping
//!
//! Text outside links is escaped so that it renders literally and `cargo doc` has
//! nothing to warn about when it is put in a `///` comment: `\`, `` ` ``, `*`, `[`,
//! `]`, `<`, `>`, `&` and `~` get a backslash, `_` too unless it is inside a word
//! (`allow_paid_floodskip` stays as it is), and a paragraph starting with `#`, `-`,
//! `+`, `=` or `1.` is escaped so it does not become a heading or a list. Bare
//! `http(s)://` URLs become `<url>` autolinks. Whitespace runs (including
//! non-breaking spaces) collapse to one space.

use tlgen_codegen::markdown::{collapse_whitespace, escape_text};

/// The value of a superscript digit (`¹` → 1, `⁰` → 0), or `None` for other characters.
pub fn superscript_value(c: char) -> Option<u32> {
    match c {
        '⁰' => Some(0),
        '¹' => Some(1),
        '²' => Some(2),
        '³' => Some(3),
        '⁴' => Some(4),
        '⁵' => Some(5),
        '⁶' => Some(6),
        '⁷' => Some(7),
        '⁸' => Some(8),
        '⁹' => Some(9),
        _ => None,
    }
}

/// Number of link markers (runs of superscript digits) in `text`.
pub fn count_markers(text: &str) -> usize {
    let mut count = 0;
    let mut in_marker = false;
    for c in text.chars() {
        let is_marker = superscript_value(c).is_some();
        if is_marker && !in_marker {
            count += 1;
        }
        in_marker = is_marker;
    }
    count
}

/// `text` without link markers and with whitespace runs collapsed to one space, trimmed.
///
/// Used to tell whether a page says the same as the dump (the pages have no markers).
pub fn plain_text(text: &str) -> String {
    let without: String = text
        .chars()
        .filter(|c| superscript_value(*c).is_none())
        .collect();
    collapse_whitespace(&without)
}

/// Whether two texts are the same once markers are removed and whitespace is collapsed.
pub fn same_plain_text(a: &str, b: &str) -> bool {
    plain_text(a) == plain_text(b)
}

/// Converts the paragraphs of one dump description, which share `links`, to Markdown.
///
/// Paragraphs are joined by a blank line; empty ones are skipped. Returns `None` when
/// nothing is left.
pub fn description_to_markdown<S: AsRef<str>>(
    paragraphs: &[S],
    links: &[String],
) -> Option<String> {
    let markers: usize = paragraphs.iter().map(|p| count_markers(p.as_ref())).sum();
    let mut resolver = LinkResolver::new(links, markers);
    let parts: Vec<String> = paragraphs
        .iter()
        .map(|p| paragraph_markdown(p.as_ref(), &mut resolver))
        .filter(|p| !p.is_empty())
        .collect();
    if parts.is_empty() {
        None
    } else {
        Some(parts.join("\n\n"))
    }
}

/// Converts one text with its own `links` (a parameter description) to Markdown.
pub fn text_to_markdown(text: &str, links: &[String]) -> Option<String> {
    description_to_markdown(&[text], links)
}

/// Converts plain text from a page (no links) to Markdown: every non-empty line
/// becomes a paragraph. Returns `None` when the text is blank.
pub fn plain_to_markdown(text: &str) -> Option<String> {
    let lines: Vec<&str> = text.lines().filter(|l| !l.trim().is_empty()).collect();
    description_to_markdown(&lines, &[])
}

/// Picks the link for each marker of one description.
struct LinkResolver<'a> {
    links: &'a [String],
    by_occurrence: bool,
    next: usize,
}

impl<'a> LinkResolver<'a> {
    /// A resolver for a description with `markers` markers in total.
    fn new(links: &'a [String], markers: usize) -> Self {
        LinkResolver {
            links,
            by_occurrence: markers == links.len(),
            next: 0,
        }
    }

    /// The URL for the next marker, whose digits read `number`.
    fn resolve(&mut self, number: u32) -> Option<&'a str> {
        let index = if self.by_occurrence {
            Some(self.next)
        } else {
            usize::try_from(number).ok().and_then(|n| n.checked_sub(1))
        };
        self.next += 1;
        index
            .and_then(|i| self.links.get(i))
            .map(|u| u.trim())
            .filter(|u| !u.is_empty())
    }
}

/// A piece of a converted paragraph.
enum Segment {
    /// Plain text, escaped when rendered.
    Text(String),
    /// A link: its text and URL.
    Link(String, String),
}

/// Converts one paragraph, taking marker links from `resolver`.
fn paragraph_markdown(text: &str, resolver: &mut LinkResolver<'_>) -> String {
    let text = collapse_whitespace(text);
    let mut segments = Vec::new();
    let mut pending = String::new();
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        let Some(first) = superscript_value(c) else {
            pending.push(c);
            continue;
        };
        let mut number = first;
        while let Some(d) = chars.peek().and_then(|c| superscript_value(*c)) {
            number = number.saturating_mul(10).saturating_add(d);
            chars.next();
        }
        if let Some(url) = resolver.resolve(number) {
            let (before, anchor, after) = split_anchor(&pending);
            if !before.is_empty() {
                segments.push(Segment::Text(before));
            }
            segments.push(Segment::Link(anchor, url.to_string()));
            pending = after;
        }
    }
    // Whitespace may be left around dropped markers.
    if !pending.is_empty() {
        segments.push(Segment::Text(pending));
    }
    render(&segments)
}

/// Renders segments as Markdown.
fn render(segments: &[Segment]) -> String {
    let mut out = String::new();
    for (i, segment) in segments.iter().enumerate() {
        match segment {
            Segment::Text(t) => out.push_str(&escape_text(t, true, i == 0)),
            Segment::Link(anchor, url) => {
                out.push('[');
                out.push_str(&escape_text(anchor, false, false));
                out.push_str("](");
                out.push_str(&encode_url(url));
                out.push(')');
            }
        }
    }
    collapse_whitespace(&out)
}

/// Opening punctuation that stays outside a link.
const OPENERS: &[char] = &['(', '"', '\'', '«', '“', '‘', '[', '{'];
/// Trailing punctuation that stays outside a link.
const CLOSERS: &[char] = &['.', ',', ';', ':', '!', '?'];
/// Capitalised words that never start a linked name (`The PTS¹` links `PTS`).
const NOT_NAME_WORDS: &[&str] = &[
    "A", "All", "Also", "An", "And", "Any", "Are", "As", "At", "Both", "But", "By", "Can", "Each",
    "Every", "For", "From", "Get", "Gets", "If", "In", "Is", "It", "Its", "May", "Must", "No",
    "Not", "Note", "Of", "On", "Only", "Or", "Return", "Returns", "See", "Set", "Sets", "Should",
    "Some", "That", "The", "Then", "These", "This", "Those", "To", "Use", "Via", "Was", "When",
    "Where", "While", "Will", "With", "Without",
];

/// Splits the text before a marker into (text before the link, link text, text after).
fn split_anchor(pending: &str) -> (String, String, String) {
    if let Some(rest) = pending.strip_suffix(')') {
        if let Some(open) = matching_open_paren(rest) {
            let inner = sub(rest, open + 1, rest.len());
            if !inner.trim().is_empty() {
                return (
                    sub(rest, 0, open + 1).to_string(),
                    inner.to_string(),
                    ")".to_string(),
                );
            }
        }
    }
    let word_start = word_start_before(pending, pending.len());
    let word = sub(pending, word_start, pending.len());
    let core = word.trim_end_matches(CLOSERS);
    let (core, suffix) = if core.is_empty() {
        (word, "")
    } else {
        (core, sub(word, core.len(), word.len()))
    };
    if core.trim().is_empty() {
        return (pending.to_string(), "link".to_string(), String::new());
    }
    let end = word_start + core.len();
    let mut start = word_start;
    if core == "»" {
        // `here »`: take the word before the guillemet too.
        if let Some(prev) = previous_word(pending, start) {
            start = prev;
        }
    }
    // `Telegram Stars¹`, `Seamless Telegram Login¹`: a run of capitalised words.
    while is_name_word(first_word(sub(pending, start, end)), false) {
        let Some(prev) = previous_word(pending, start) else {
            break;
        };
        let word = sub(pending, prev, start).trim_end();
        if !is_name_word(word.trim_start_matches(OPENERS), true) {
            break;
        }
        start = prev;
        if word.starts_with(OPENERS) {
            break;
        }
    }
    let anchor = sub(pending, start, end);
    let trimmed = anchor.trim_start_matches(OPENERS);
    let mut end = end;
    let mut suffix = suffix.to_string();
    if !trimmed.is_empty() {
        let openers = sub(anchor, 0, anchor.len() - trimmed.len());
        start += openers.len();
        // `"quoted"¹`: the closing quote stays outside with the opening one.
        let closing = trimmed.chars().last().filter(|c| {
            let opener = match c {
                '”' => '“',
                '’' => '‘',
                c => *c,
            };
            matches!(c, '"' | '\'' | '”' | '’') && openers.contains(opener)
        });
        if let Some(q) = closing.filter(|q| trimmed.len() > q.len_utf8()) {
            end -= q.len_utf8();
            suffix.insert(0, q);
        }
    }
    (
        sub(pending, 0, start).to_string(),
        sub(pending, start, end).to_string(),
        suffix,
    )
}

/// `text[start..end]`, or `""` when that is not a valid range.
fn sub(text: &str, start: usize, end: usize) -> &str {
    text.get(start..end).unwrap_or_default()
}

/// The byte index where the word ending at `end` starts (after the last whitespace).
fn word_start_before(text: &str, end: usize) -> usize {
    text.get(..end)
        .and_then(|t| {
            t.char_indices()
                .rev()
                .find(|(_, c)| c.is_whitespace())
                .map(|(i, c)| i + c.len_utf8())
        })
        .unwrap_or(0)
}

/// The start of the word before the one starting at `start`, if one space separates them.
fn previous_word(text: &str, start: usize) -> Option<usize> {
    let before = text.get(..start)?;
    let stripped = before.strip_suffix(' ')?;
    if stripped.is_empty() || stripped.ends_with(char::is_whitespace) {
        return None;
    }
    Some(word_start_before(stripped, stripped.len()))
}

/// The first space-separated word of `text`.
fn first_word(text: &str) -> &str {
    text.split(' ').next().unwrap_or("")
}

/// Whether `word` can be part of a capitalised name; `extending` also rejects the
/// common sentence words of [`NOT_NAME_WORDS`].
fn is_name_word(word: &str, extending: bool) -> bool {
    let mut chars = word.chars();
    let capitalised = chars.next().is_some_and(char::is_uppercase)
        && chars.all(|c| c.is_alphanumeric() || c == '-');
    capitalised && !(extending && NOT_NAME_WORDS.contains(&word))
}

/// The byte index of the `(` matching a `)` just after the end of `text`.
fn matching_open_paren(text: &str) -> Option<usize> {
    let mut depth = 0usize;
    for (i, c) in text.char_indices().rev() {
        match c {
            ')' => depth += 1,
            '(' if depth == 0 => return Some(i),
            '(' => depth -= 1,
            _ => {}
        }
    }
    None
}

/// Percent-encodes the characters that would end or break a Markdown link destination.
fn encode_url(url: &str) -> String {
    let mut out = String::with_capacity(url.len());
    for c in url.chars() {
        match c {
            ' ' => out.push_str("%20"),
            '(' => out.push_str("%28"),
            ')' => out.push_str("%29"),
            '<' => out.push_str("%3C"),
            '>' => out.push_str("%3E"),
            '\\' => out.push_str("%5C"),
            '`' => out.push_str("%60"),
            c if c.is_control() || c.is_whitespace() => {
                let mut buf = [0u8; 4];
                for b in c.encode_utf8(&mut buf).bytes() {
                    out.push_str(&format!("%{b:02X}"));
                }
            }
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn links(urls: &[&str]) -> Vec<String> {
        urls.iter().map(|u| (*u).to_string()).collect()
    }

    #[test]
    fn word_and_guillemet() {
        let md = text_to_markdown(
            "Refund a Telegram Stars¹ transaction, see here »² for more info.",
            &links(&["https://a/stars", "https://a/pay#6-refunds"]),
        );
        assert_eq!(
            md.as_deref(),
            Some("Refund a [Telegram Stars](https://a/stars) transaction, see [here »](https://a/pay#6-refunds) for more info.")
        );
    }

    #[test]
    fn parenthesis() {
        let md = text_to_markdown("If (boolTrue)¹ is sent", &links(&["u"]));
        assert_eq!(md.as_deref(), Some("If ([boolTrue](u)) is sent"));
        let md = text_to_markdown("the animation (TGS format »)¹.", &links(&["u"]));
        assert_eq!(md.as_deref(), Some("the animation ([TGS format »](u))."));
    }

    #[test]
    fn missing_link_drops_marker() {
        let md = text_to_markdown("A takeout¹ session, see here » for more info².", &[]);
        assert_eq!(
            md.as_deref(),
            Some("A takeout session, see here » for more info.")
        );
    }
}
