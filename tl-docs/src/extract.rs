//! `tl-codegen docs extract PAGE...`: page files → JSON.

use std::path::PathBuf;

use serde::Serialize;

use crate::page::{parse_page_bytes, Page};

/// One entry of the output array.
#[derive(Debug, Serialize)]
#[serde(untagged)]
enum Extracted {
    /// A parsed page.
    Page(ExtractedPage),
    /// A page that could not be read or parsed.
    Failed(ExtractFailure),
}

/// A parsed page, as printed.
#[derive(Debug, Serialize)]
struct ExtractedPage {
    /// The path as given.
    file: String,
    /// The documented item.
    name: String,
    /// The raw description, lines joined by `\n`.
    description: Option<String>,
    /// The parameters table.
    params: Vec<ExtractedParam>,
    /// The errors table.
    errors: Vec<ExtractedError>,
}

/// A parameter row, as printed.
#[derive(Debug, Serialize)]
struct ExtractedParam {
    /// Name column.
    name: String,
    /// Type column.
    #[serde(rename = "type")]
    ty: String,
    /// Description column.
    description: String,
}

/// An error row, as printed.
#[derive(Debug, Serialize)]
struct ExtractedError {
    /// Code column.
    code: i32,
    /// Type column (the error name).
    name: String,
    /// Description column.
    description: String,
}

/// A failure, as printed.
#[derive(Debug, Serialize)]
struct ExtractFailure {
    /// The path as given.
    file: String,
    /// `file:line:col: message`, or `file: message` when the file cannot be read.
    error: String,
}

impl ExtractedPage {
    /// The printed form of `page`, read from `file`.
    fn new(file: String, page: Page) -> Self {
        ExtractedPage {
            file,
            name: page.name,
            description: page.description,
            params: page
                .params
                .into_iter()
                .map(|p| ExtractedParam {
                    name: p.name,
                    ty: p.ty,
                    description: p.description,
                })
                .collect(),
            errors: page
                .errors
                .into_iter()
                .map(|e| ExtractedError {
                    code: e.code,
                    name: e.name,
                    description: e.description,
                })
                .collect(),
        }
    }
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
                Extracted::Failed(ExtractFailure {
                    error: format!("{file}: cannot read the file: {e}"),
                    file,
                })
            }
            Ok(bytes) => match parse_page_bytes(&bytes) {
                Ok(page) => Extracted::Page(ExtractedPage::new(file, page)),
                Err(e) => {
                    failed = true;
                    Extracted::Failed(ExtractFailure {
                        error: format!("{file}:{}:{}: {}", e.line, e.column, e.message),
                        file,
                    })
                }
            },
        };
        items.push(item);
    }
    match serde_json::to_string_pretty(&items) {
        Ok(json) => (json, failed),
        Err(e) => (
            serde_json::json!([{ "file": "", "error": e.to_string() }]).to_string(),
            true,
        ),
    }
}
