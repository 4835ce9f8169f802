//! `tl-codegen docs extract PAGE...`: page files → JSON.

use std::path::PathBuf;

use crate::page::{parse_page_bytes, Page};

/// A JSON value whose objects keep their keys in order, printed as `serde_json` prints
/// with `to_string_pretty` (two-space indent).
enum Json {
    /// `null`.
    Null,
    /// A number.
    Number(i32),
    /// A string, escaped when printed.
    String(String),
    /// `[...]`.
    Array(Vec<Json>),
    /// `{...}`, keys in this order.
    Object(Vec<(&'static str, Json)>),
}

impl Json {
    /// Appends the value to `out`, `depth` levels deep.
    fn write(&self, out: &mut String, depth: usize) {
        match self {
            Json::Null => out.push_str("null"),
            Json::Number(n) => out.push_str(&n.to_string()),
            Json::String(s) => out.push_str(&serde_json::Value::String(s.clone()).to_string()),
            Json::Array(values) => write_nested(out, depth, ('[', ']'), values, |out, value| {
                value.write(out, depth + 1)
            }),
            Json::Object(fields) => {
                write_nested(out, depth, ('{', '}'), fields, |out, (key, value)| {
                    out.push('"');
                    out.push_str(key);
                    out.push_str("\": ");
                    value.write(out, depth + 1);
                })
            }
        }
    }
}

/// `[]`, or the elements one per line, indented one level deeper than `depth`.
fn write_nested<T>(
    out: &mut String,
    depth: usize,
    (open, close): (char, char),
    elements: &[T],
    write: impl Fn(&mut String, &T),
) {
    out.push(open);
    for (i, element) in elements.iter().enumerate() {
        out.push_str(if i == 0 { "\n" } else { ",\n" });
        out.push_str(&"  ".repeat(depth + 1));
        write(out, element);
    }
    if !elements.is_empty() {
        out.push('\n');
        out.push_str(&"  ".repeat(depth));
    }
    out.push(close);
}

/// A parsed page, as printed: `file`, `name`, `description`, `params` (`name`, `type`,
/// `description`), `errors` (`code`, `name`, `description`).
fn page_json(file: String, page: Page) -> Json {
    let params = page
        .params
        .into_iter()
        .map(|p| {
            Json::Object(vec![
                ("name", Json::String(p.name)),
                ("type", Json::String(p.ty)),
                ("description", Json::String(p.description)),
            ])
        })
        .collect();
    let errors = page
        .errors
        .into_iter()
        .map(|e| {
            Json::Object(vec![
                ("code", Json::Number(e.code)),
                ("name", Json::String(e.name)),
                ("description", Json::String(e.description)),
            ])
        })
        .collect();
    Json::Object(vec![
        ("file", Json::String(file)),
        ("name", Json::String(page.name)),
        (
            "description",
            page.description.map_or(Json::Null, Json::String),
        ),
        ("params", Json::Array(params)),
        ("errors", Json::Array(errors)),
    ])
}

/// A page that could not be read or parsed, as printed: `file`, `error`.
fn failure_json(file: String, error: String) -> Json {
    Json::Object(vec![
        ("file", Json::String(file)),
        ("error", Json::String(error)),
    ])
}

/// Parses every page in `paths` and returns the JSON array of results (pretty
/// printed) and whether any page failed.
///
/// Each element is `{"file", "name", "description", "params": [{"name", "type",
/// "description"}], "errors": [{"code", "name", "description"}]}`, or
/// `{"file", "error"}` for a page that cannot be read or parsed, with the error as
/// `file:line:col: message` (`file: message` when the file cannot be read at all).
pub fn extract_pages(paths: &[PathBuf]) -> (String, bool) {
    let mut failed = false;
    let mut items = Vec::with_capacity(paths.len());
    for path in paths {
        let file = path.display().to_string();
        let item = match std::fs::read(path) {
            Err(e) => {
                failed = true;
                let error = format!("{file}: cannot read the file: {e}");
                failure_json(file, error)
            }
            Ok(bytes) => match parse_page_bytes(&bytes) {
                Ok(page) => page_json(file, page),
                Err(e) => {
                    failed = true;
                    let error = format!("{file}:{}:{}: {}", e.line, e.column, e.message);
                    failure_json(file, error)
                }
            },
        };
        items.push(item);
    }
    let mut json = String::new();
    Json::Array(items).write(&mut json, 0);
    (json, failed)
}

#[cfg(test)]
mod tests {
    use super::Json;

    /// The output is what `serde_json::to_string_pretty` prints (compared on keys in
    /// alphabetical order, the order of `serde_json`'s maps).
    #[test]
    fn printed_as_serde_json_prints() {
        let ours = Json::Array(vec![
            Json::Object(vec![
                ("a", Json::Null),
                ("b", Json::Array(Vec::new())),
                ("c", Json::Object(Vec::new())),
                (
                    "d",
                    Json::Array(vec![
                        Json::Number(-503),
                        Json::String("\"quoted\"\n\u{1}é»".into()),
                        Json::Object(vec![("x", Json::Number(1))]),
                    ]),
                ),
            ]),
            Json::Array(Vec::new()),
        ]);
        let theirs = serde_json::json!([
            {"a": null, "b": [], "c": {}, "d": [-503, "\"quoted\"\n\u{1}é»", {"x": 1}]},
            [],
        ]);
        let mut out = String::new();
        ours.write(&mut out, 0);
        assert_eq!(out, serde_json::to_string_pretty(&theirs).unwrap());
        let mut out = String::new();
        Json::Array(Vec::new()).write(&mut out, 0);
        assert_eq!(out, "[]");
    }
}
