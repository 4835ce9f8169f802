//! `Debug` for generated TDLib/tonlib types: their JSON, as TDLib writes it, readable.
//!
//! Generated bindings implement `Debug` by calling [`debug`] instead of deriving it: one
//! call per type instead of a formatting body per type (the derived bodies were a tenth
//! of a TDLib crate's build), and the text is the JSON that TDLib's documentation and
//! `td_receive` show. [`debug`] takes a `&dyn TdJson`: a generic one would be compiled
//! again for every type (with [`to_string`](super::to_string) inside it, thousands of
//! copies in a TDLib crate).

use core::fmt::{self, Write};

use super::{JsonWriter, TdJson};

/// Writes `value` as its JSON: compact with `{:?}`, indented by two spaces with `{:#?}`.
/// Unlike [`to_string`](super::to_string), non-ASCII characters are shown as they are, not as `\u` escapes.
///
/// ```
/// use tlgen_runtime::json::{debug, TdError};
///
/// struct Shown(TdError);
/// impl std::fmt::Debug for Shown {
///     fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
///         debug(&self.0, f)
///     }
/// }
/// let error = Shown(TdError { code: 400, message: "Чат не найден".into() });
/// assert_eq!(
///     format!("{error:?}"),
///     r#"{"@type":"error","code":400,"message":"Чат не найден"}"#
/// );
/// assert_eq!(
///     format!("{error:#?}"),
///     "{\n  \"@type\": \"error\",\n  \"code\": 400,\n  \"message\": \"Чат не найден\"\n}"
/// );
/// ```
pub fn debug(value: &dyn TdJson, f: &mut fmt::Formatter<'_>) -> fmt::Result {
    let mut out = JsonWriter::new();
    value.write_json(&mut out);
    render(&out.into_string(), f.alternate(), f)
}

/// Copies `json` (the writer's output: valid, compact) to `out`, indented if `pretty`,
/// with `\u` escapes of non-ASCII characters replaced by the characters.
fn render(json: &str, pretty: bool, out: &mut impl Write) -> fmt::Result {
    let mut depth = 0usize;
    let mut chars = json.chars().peekable();
    let newline = |out: &mut dyn Write, depth: usize| -> fmt::Result {
        out.write_char('\n')?;
        (0..depth).try_for_each(|_| out.write_str("  "))
    };
    while let Some(c) = chars.next() {
        match c {
            '"' => {
                out.write_char('"')?;
                string_rest(&mut chars, out)?;
            }
            '{' | '[' => {
                out.write_char(c)?;
                // An empty object or array stays on its line: `[]`.
                if let Some(close) = chars.next_if(|next| matches!(next, '}' | ']')) {
                    out.write_char(close)?;
                } else if pretty {
                    depth += 1;
                    newline(out, depth)?;
                }
            }
            '}' | ']' => {
                if pretty {
                    depth = depth.saturating_sub(1);
                    newline(out, depth)?;
                }
                out.write_char(c)?;
            }
            ',' if pretty => {
                out.write_char(',')?;
                newline(out, depth)?;
            }
            ':' if pretty => out.write_str(": ")?,
            _ => out.write_char(c)?,
        }
    }
    Ok(())
}

/// Copies a string's characters after its opening quote, through its closing quote.
fn string_rest(chars: &mut impl Iterator<Item = char>, out: &mut impl Write) -> fmt::Result {
    // A high surrogate waiting for its low half; shown as U+FFFD if none follows.
    let mut high: Option<u32> = None;
    while let Some(c) = chars.next() {
        let escape = if c == '\\' { chars.next() } else { None };
        let code = match escape {
            Some('u') => {
                let hex: String = chars.by_ref().take(4).collect();
                Some((u32::from_str_radix(&hex, 16).unwrap_or(0xfffd), hex))
            }
            _ => None,
        };
        match (high.take(), &code) {
            (Some(first), Some((low @ 0xdc00..=0xdfff, _))) => {
                let joined = 0x10000 + ((first - 0xd800) << 10) + (low - 0xdc00);
                out.write_char(char::from_u32(joined).unwrap_or('\u{fffd}'))?;
                continue;
            }
            (Some(_), _) => out.write_char('\u{fffd}')?,
            (None, _) => {}
        }
        match (c, escape, code) {
            (_, Some('u'), Some((first @ 0xd800..=0xdbff, _))) => high = Some(first),
            // ASCII control characters stay escaped; every other character is shown.
            (_, Some('u'), Some((code @ 0x80.., _))) => {
                out.write_char(char::from_u32(code).unwrap_or('\u{fffd}'))?
            }
            (_, Some('u'), Some((_, hex))) => write!(out, "\\u{hex}")?,
            (_, Some(other), _) => {
                out.write_char('\\')?;
                out.write_char(other)?;
            }
            ('"', None, _) => return out.write_char('"'),
            (c, None, _) => out.write_char(c)?,
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::render;

    fn shown(json: &str, pretty: bool) -> String {
        let mut out = String::new();
        render(json, pretty, &mut out).expect("a String takes every write");
        out
    }

    #[test]
    fn compact_text_is_the_json_with_non_ascii_unescaped() {
        // 😀 is the surrogate pair \ud83d\ude00; é is \u00e9; control characters stay escaped.
        let json = r#"{"@type":"t","s":"caf\u00e9 \ud83d\ude00 \u0001\n\"q\"","n":[1,-2]}"#;
        assert_eq!(
            shown(json, false),
            "{\"@type\":\"t\",\"s\":\"café 😀 \\u0001\\n\\\"q\\\"\",\"n\":[1,-2]}"
        );
    }

    #[test]
    fn pretty_text_indents_by_two_and_keeps_empty_pairs_and_strings_whole() {
        let json = r#"{"@type":"t","a":[],"b":{},"c":[{"@type":"u","s":"x,y:{z}"}]}"#;
        let expected =
            "{\n  \"@type\": \"t\",\n  \"a\": [],\n  \"b\": {},\n  \"c\": [\n    {\n      \
                        \"@type\": \"u\",\n      \"s\": \"x,y:{z}\"\n    }\n  ]\n}";
        assert_eq!(shown(json, true), expected);
    }

    #[test]
    fn a_lone_surrogate_shows_the_replacement_character() {
        assert_eq!(shown(r#""\ud83d""#, false), "\"\u{fffd}\"");
        assert_eq!(shown(r#""\ud83dx""#, false), "\"\u{fffd}x\"");
        assert_eq!(shown(r#""\ude00x""#, false), "\"\u{fffd}x\"");
    }
}
