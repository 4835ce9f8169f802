//! Markdown escaping that keeps rustdoc quiet: text outside links renders literally
//! when it is put in a `///` comment.
//!
//! `\`, `` ` ``, `*`, `[`, `]`, `<`, `>`, `&` and `~` get a backslash, `_` too unless
//! it is inside a word (`allow_paid_floodskip` stays as it is), and a paragraph
//! starting with `#`, `-`, `+`, `=` or `1.` is escaped so it does not become a heading
//! or a list. Bare `http(s)://` URLs become `<url>` autolinks. Whitespace runs
//! (including non-breaking spaces) collapse to one space.
//!
//! The generator escapes error descriptions with it; `tlgen-docs` uses the same rules to
//! turn Telegram's pages into the Markdown a [`DocSource`](crate::DocSource) returns.

/// Escapes plain text for Markdown; bare URLs become autolinks.
pub fn escape_markdown(text: &str) -> String {
    escape_text(&collapse_whitespace(text), true, true)
}

/// Collapses whitespace runs (any Unicode whitespace) to one space and trims.
pub fn collapse_whitespace(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Characters that always get a backslash.
const ALWAYS_ESCAPED: &[char] = &['\\', '`', '*', '[', ']', '<', '>', '&', '~'];

/// Escapes `text`; `autolink` turns bare URLs into `<url>`; `paragraph_start` means
/// the text starts a paragraph (so a leading `#`, `-`, `1.` … must be escaped).
pub fn escape_text(text: &str, autolink: bool, paragraph_start: bool) -> String {
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len() + 8);
    let mut i = 0;
    if paragraph_start {
        i = escape_block_start(&chars, &mut out);
    }
    while let Some(&c) = chars.get(i) {
        if autolink && c == 'h' && starts_url(&chars, i) {
            let end = url_end(&chars, i);
            out.push('<');
            out.extend(chars.get(i..end).unwrap_or_default());
            out.push('>');
            i = end;
            continue;
        }
        if ALWAYS_ESCAPED.contains(&c) {
            out.push('\\');
            out.push(c);
        } else if c == '_' {
            let prev = i.checked_sub(1).and_then(|p| chars.get(p));
            let next = chars.get(i + 1);
            let inside_word = prev.is_some_and(|p| p.is_alphanumeric())
                && next.is_some_and(|n| n.is_alphanumeric());
            if !inside_word {
                out.push('\\');
            }
            out.push('_');
        } else {
            out.push(c);
        }
        i += 1;
    }
    out
}

/// Escapes what would make a paragraph a heading or a list; returns how many
/// characters of `chars` were consumed.
fn escape_block_start(chars: &[char], out: &mut String) -> usize {
    match chars.first() {
        Some(&c @ ('#' | '-' | '+' | '=')) => {
            out.push('\\');
            out.push(c);
            1
        }
        Some(c) if c.is_ascii_digit() => {
            let digits = chars.iter().take_while(|c| c.is_ascii_digit()).count();
            match chars.get(digits) {
                Some(&p @ ('.' | ')')) if digits <= 9 => {
                    out.extend(chars.get(..digits).unwrap_or_default());
                    out.push('\\');
                    out.push(p);
                    digits + 1
                }
                _ => 0,
            }
        }
        _ => 0,
    }
}

/// Whether a bare `http://` or `https://` URL starts at `i`.
fn starts_url(chars: &[char], i: usize) -> bool {
    if i > 0 && chars.get(i - 1).is_some_and(|p| p.is_alphanumeric()) {
        return false;
    }
    let rest = chars.get(i..).unwrap_or_default();
    let scheme_len = if rest.starts_with(&['h', 't', 't', 'p', 's', ':', '/', '/']) {
        8
    } else if rest.starts_with(&['h', 't', 't', 'p', ':', '/', '/']) {
        7
    } else {
        return false;
    };
    rest.get(scheme_len).is_some_and(|c| c.is_alphanumeric())
}

/// The end (exclusive) of the URL starting at `start`, without trailing punctuation.
fn url_end(chars: &[char], start: usize) -> usize {
    let length = chars
        .iter()
        .skip(start)
        .take_while(|c| !c.is_whitespace() && !"<>\"`".contains(**c))
        .count();
    let mut end = start + length;
    while let Some(&last) = end.checked_sub(1).and_then(|e| chars.get(e)) {
        let url = chars.get(start..end).unwrap_or_default();
        let unbalanced = |open: char, close: char| {
            url.iter().filter(|c| **c == close).count() > url.iter().filter(|c| **c == open).count()
        };
        let strip = matches!(last, '.' | ',' | ';' | ':' | '!' | '?' | '\'' | '*' | '~')
            || (last == ')' && unbalanced('(', ')'))
            || (last == ']' && unbalanced('[', ']'));
        if !strip || end <= start + 8 {
            break;
        }
        end -= 1;
    }
    end
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes() {
        assert_eq!(
            escape_markdown("a <b> [0] *x* `y` _z_ snake_case"),
            "a \\<b\\> \\[0\\] \\*x\\* \\`y\\` \\_z\\_ snake_case"
        );
        assert_eq!(
            escape_markdown("See https://fragment.com."),
            "See <https://fragment.com>."
        );
        assert_eq!(escape_markdown("# tag"), "\\# tag");
        assert_eq!(escape_markdown("1. one"), "1\\. one");
    }
}
