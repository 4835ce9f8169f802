//! How much of a corpus is text, and how much of that text is not ASCII.
//!
//! The strings of a sample are found in the `Debug` rendering of its decoded value: every
//! `string` field of a `tlgen-types` value is a `String`, which `Debug` prints as a quoted,
//! escaped literal, while `bytes` fields print as lists of numbers.

use crate::{Sample, Value};

/// The `string` values of a set of samples.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct TextStats {
    /// Number of strings (empty ones included).
    pub strings: usize,
    /// Strings holding at least one non-ASCII character.
    pub non_ascii_strings: usize,
    /// UTF-8 bytes of all strings.
    pub bytes: usize,
    /// UTF-8 bytes of the non-ASCII characters.
    pub non_ascii_bytes: usize,
    /// Strings of 254 bytes or more (the long length prefix).
    pub long_strings: usize,
}

impl TextStats {
    /// The share of string bytes that belong to non-ASCII characters, in percent.
    pub fn non_ascii_percent(&self) -> f64 {
        100.0 * self.non_ascii_bytes as f64 / self.bytes.max(1) as f64
    }
}

/// [`TextStats`] of `samples` (each decoded with `tlgen-types`; panics on a sample that does not
/// decode, which the corpus tests rule out).
pub fn text_stats(samples: &[Sample]) -> TextStats {
    let mut stats = TextStats::default();
    for s in samples {
        let value = Value::decode(s.kind, &s.bytes).expect("a corpus sample decodes");
        scan(&format!("{value:?}"), &mut stats);
    }
    stats
}

/// Adds the string literals of a `Debug` rendering to `stats`.
fn scan(debug: &str, stats: &mut TextStats) {
    let mut chars = debug.chars();
    while let Some(c) = chars.next() {
        if c != '"' {
            continue;
        }
        let mut text = String::new();
        while let Some(c) = chars.next() {
            match c {
                '"' => break,
                '\\' => text.push(unescape(&mut chars)),
                c => text.push(c),
            }
        }
        stats.strings += 1;
        stats.bytes += text.len();
        let non_ascii: usize = text
            .chars()
            .filter(|c| !c.is_ascii())
            .map(char::len_utf8)
            .sum();
        stats.non_ascii_bytes += non_ascii;
        stats.non_ascii_strings += usize::from(non_ascii > 0);
        stats.long_strings += usize::from(text.len() >= 254);
    }
}

/// The character of a `Debug` escape, after its backslash (`\n`, `\"`, `\u{fe0f}`, …).
fn unescape(chars: &mut std::str::Chars<'_>) -> char {
    match chars.next() {
        Some('n') => '\n',
        Some('r') => '\r',
        Some('t') => '\t',
        Some('0') => '\0',
        Some('u') => {
            let hex: String = chars
                .by_ref()
                .skip(1) // `{`
                .take_while(|&c| c != '}')
                .collect();
            u32::from_str_radix(&hex, 16)
                .ok()
                .and_then(char::from_u32)
                .unwrap_or('\u{fffd}')
        }
        Some(c) => c,
        None => '\\',
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scans_escaped_literals() {
        let mut stats = TextStats::default();
        scan(
            r#"User { first_name: Some("Zoë \"Z\""), about: "a\nb❤\u{fe0f}", photo: [1, 2] }"#,
            &mut stats,
        );
        assert_eq!(stats.strings, 2);
        // `Zoë "Z"` is 8 bytes (ë takes 2), `a\nb❤\u{fe0f}` is 3 + 3 + 3.
        assert_eq!(stats.bytes, 8 + 9);
        assert_eq!(stats.non_ascii_bytes, 2 + 6);
        assert_eq!(stats.non_ascii_strings, 2);
    }
}
