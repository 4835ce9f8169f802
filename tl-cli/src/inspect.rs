//! `tl-codegen inspect FILE.tl... [--json] [--strict-ids] [--dialect D]`: what a schema
//! holds, and what is wrong with it.
//!
//! The files are read together as one schema (like `api.tl` with `mtproto.tl`).
//!
//! # Text output
//!
//! On stdout, the layer, the dialect the ids are computed in and why (see
//! [`tlgen_parser::Dialect`]; `--dialect` chooses it instead), the counts of constructors,
//! functions, types (distinct boxed result types of constructors) and builtin lines:
//!
//! ```text
//! layer: 230
//! dialect: telegram (2601 of the 2604 declared ids agree with Telegram's rule, 2005 with TDLib/TON's)
//! constructors: 1752
//! functions: 860
//! types: 677
//! builtins: 8
//! diagnostics: 0 errors, 0 warnings, 3 notes
//! ```
//!
//! and on stderr every diagnostic rendered like rustc's, notes included (declared ids that
//! differ from their lines on purpose, which a build does not print):
//!
//! ```text
//! note: declared id 0x37982646 of `ipPortSecret` differs from the computed id ...
//!  --> schema/mtproto.tl:102:13
//! ...
//! ```
//!
//! # JSON output (`--json`)
//!
//! One object, pretty-printed, keys in this order; the shape is stable:
//!
//! ```json
//! {
//!   "layer": 230,
//!   "dialect": "telegram",
//!   "dialect_reason": "2601 of the 2604 declared ids agree with Telegram's rule, 2005 with TDLib/TON's",
//!   "definitions": [
//!     {
//!       "name": "payments.sendStarsForm",
//!       "category": "function",
//!       "id": "0x7998c914",
//!       "computed_id": "0x7998c914",
//!       "result": "payments.PaymentResult",
//!       "generics": [],
//!       "params": [
//!         { "name": "form_id", "type": "long", "flag": null },
//!         { "name": "refund", "type": "true", "flag": { "field": "flags", "bit": 3 } }
//!       ]
//!     }
//!   ],
//!   "diagnostics": [
//!     { "severity": "note", "file": "schema/mtproto.tl", "line": 102, "column": 13, "message": "..." }
//!   ]
//! }
//! ```
//!
//! - `layer`: the number of a `// LAYER N` comment, or `null`.
//! - `dialect`: `"telegram"` or `"tdlib/ton"`; `dialect_reason`: why, in one sentence.
//! - `definitions`: every constructor and function in source order, files in the order given.
//!   - `category`: `"type"` for a constructor, `"function"` for a function.
//!   - `id`: the declared `#id` (the one that goes on the wire) as `0x` and 8 lowercase hex
//!     digits, or `null` when the line declares none; `computed_id`: the CRC32 of the canonical form.
//!   - `result` and param `type`s: the type in canonical TL form as written:
//!     `Vector<MessageEntity>`, `%Message`, `!X`; a flag field (`flags:#`) has type `"#"`.
//!   - `generics`: the `{X:Type}` declarations, as `{"name": "X", "type": "Type"}`.
//!   - `flag`: for a conditional param `name:flags.3?Type`, `{"field": "flags", "bit": 3}`; else `null`.
//! - `diagnostics`: errors, warnings and notes (`severity`) in source order, with the file name as given,
//!   1-based line and column (in characters) and a one-sentence message.

use std::fmt::Write as _;
use std::path::PathBuf;
use std::process::ExitCode;

use serde::Serialize;
use tlgen_parser::{Category, Definition, Diagnostic, ParamKind, ParseOptions, Schema, Severity};

use crate::dialect::DialectArg;

/// The `inspect` subcommand's arguments.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// The .tl files, read together as one schema.
    #[arg(required = true)]
    files: Vec<PathBuf>,
    /// Print the stable JSON dump instead of the summary.
    #[arg(long)]
    json: bool,
    /// Report id mismatches as errors (the known ones stay notes).
    #[arg(long)]
    strict_ids: bool,
    #[command(flatten)]
    dialect: DialectArg,
}

/// Reads the files and prints the report: the summary or JSON on stdout, the rendered
/// diagnostics on stderr. Fails when a file cannot be read or the schema has errors.
pub fn run(args: Args) -> ExitCode {
    let mut sources = Vec::new();
    for path in &args.files {
        match tlgen_parser::read_file(path) {
            Ok(text) => sources.push((path.display().to_string(), text)),
            Err(e @ tlgen_parser::ReadError::Io { .. }) => {
                eprintln!("error: {e}");
                return ExitCode::FAILURE;
            }
            Err(e) => {
                eprintln!("{e}"); // invalid UTF-8, rendered with its position
                return ExitCode::FAILURE;
            }
        }
    }
    let report = inspect(&sources, args.json, &args.dialect.options(args.strict_ids));
    print!("{}", report.output);
    eprint!("{}", report.diagnostics);
    if report.has_errors {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    }
}

/// What `inspect` prints, and whether the schema has errors (the command then fails).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InspectReport {
    /// The summary or JSON, for stdout, ending with a newline.
    pub output: String,
    /// The rendered diagnostics of the text report, for stderr (empty for JSON, which
    /// holds them).
    pub diagnostics: String,
    /// Whether any diagnostic is an error (id mismatches are, with `strict_ids`).
    pub has_errors: bool,
}

/// Parses `files` (`(name, source)` pairs) as one schema with `options` and reports on it,
/// as text or as JSON.
pub fn inspect(files: &[(String, String)], json: bool, options: &ParseOptions) -> InspectReport {
    let schema = tlgen_parser::parse_files(
        files
            .iter()
            .map(|(name, source)| (name.as_str(), source.as_str())),
        options,
    );
    let (output, diagnostics) = if json {
        (json_report(&schema), String::new())
    } else {
        (text_report(&schema), rendered_diagnostics(&schema))
    };
    InspectReport {
        output,
        diagnostics,
        has_errors: schema.has_errors(),
    }
}

/// The text report: layer and counts.
fn text_report(schema: &Schema) -> String {
    let counts = schema.counts();
    let count = |severity| {
        schema
            .diagnostics
            .iter()
            .filter(|d| d.severity == severity)
            .count()
    };
    let (errors, warnings, notes) = (
        count(Severity::Error),
        count(Severity::Warning),
        count(Severity::Note),
    );
    let mut out = String::new();
    let layer = schema
        .layer
        .map_or_else(|| "none".to_owned(), |layer| layer.to_string());
    let _ = writeln!(out, "layer: {layer}");
    let _ = writeln!(
        out,
        "dialect: {} ({})",
        schema.dialect, schema.dialect_reason
    );
    let _ = writeln!(out, "constructors: {}", counts.constructors);
    let _ = writeln!(out, "functions: {}", counts.functions);
    let _ = writeln!(out, "types: {}", counts.types);
    let _ = writeln!(out, "builtins: {}", schema.builtins.len());
    let _ = writeln!(
        out,
        "diagnostics: {errors} {}, {warnings} {}, {notes} {}",
        plural(errors, "error"),
        plural(warnings, "warning"),
        plural(notes, "note")
    );
    out
}

/// Every diagnostic rendered like rustc's, each followed by a blank line.
fn rendered_diagnostics(schema: &Schema) -> String {
    let mut out = String::new();
    for diagnostic in &schema.diagnostics {
        let _ = write!(out, "{}\n\n", diagnostic.render());
    }
    out
}

/// `word` or `words` depending on `n`.
pub fn plural(n: usize, word: &str) -> String {
    if n == 1 {
        word.to_owned()
    } else {
        format!("{word}s")
    }
}

/// The JSON report, in the documented shape.
fn json_report(schema: &Schema) -> String {
    let report = JsonSchema {
        layer: schema.layer,
        dialect: schema.dialect.to_string(),
        dialect_reason: schema.dialect_reason.to_string(),
        definitions: schema
            .definitions
            .iter()
            .map(JsonDefinition::from)
            .collect(),
        diagnostics: schema
            .diagnostics
            .iter()
            .map(JsonDiagnostic::from)
            .collect(),
    };
    // Serializing plain structs of strings and numbers cannot fail.
    let mut out = serde_json::to_string_pretty(&report).unwrap_or_default();
    out.push('\n');
    out
}

/// The whole JSON report.
#[derive(Serialize)]
struct JsonSchema<'a> {
    /// The layer, or `null`.
    layer: Option<i32>,
    /// `telegram` or `tdlib/ton`.
    dialect: String,
    /// Why that dialect.
    dialect_reason: String,
    /// Every definition.
    definitions: Vec<JsonDefinition<'a>>,
    /// Every diagnostic.
    diagnostics: Vec<JsonDiagnostic<'a>>,
}

/// One constructor or function.
#[derive(Serialize)]
struct JsonDefinition<'a> {
    /// `payments.sendStarsForm`.
    name: &'a str,
    /// `"type"` or `"function"`.
    category: &'static str,
    /// The declared id, `"0x7998c914"`, or `null`.
    id: Option<String>,
    /// The computed id, `"0x7998c914"`.
    computed_id: String,
    /// The result type.
    result: String,
    /// The `{X:Type}` declarations.
    generics: Vec<JsonGeneric<'a>>,
    /// The params in order.
    params: Vec<JsonParam<'a>>,
}

/// A generic declaration `{X:Type}`.
#[derive(Serialize)]
struct JsonGeneric<'a> {
    /// `X`.
    name: &'a str,
    /// `Type`.
    #[serde(rename = "type")]
    kind: &'a str,
}

/// One param.
#[derive(Serialize)]
struct JsonParam<'a> {
    /// The param name.
    name: &'a str,
    /// Its type, `"#"` for a flag field.
    #[serde(rename = "type")]
    ty: String,
    /// The flag a conditional param depends on, or `null`.
    flag: Option<JsonFlag<'a>>,
}

/// The `flags.N` of a conditional param.
#[derive(Serialize)]
struct JsonFlag<'a> {
    /// The `#` field, `flags`.
    field: &'a str,
    /// The bit, 0 to 31.
    bit: u8,
}

/// One diagnostic.
#[derive(Serialize)]
struct JsonDiagnostic<'a> {
    /// `"error"`, `"warning"` or `"note"`.
    severity: &'static str,
    /// The file name as given.
    file: &'a str,
    /// 1-based line.
    line: u32,
    /// 1-based column, in characters.
    column: u32,
    /// What is wrong.
    message: &'a str,
}

/// An id as `0x` and 8 lowercase hex digits.
fn hex_id(id: u32) -> String {
    format!("{id:#010x}")
}

impl<'a> From<&'a Definition<'_>> for JsonDefinition<'a> {
    fn from(def: &'a Definition<'_>) -> Self {
        JsonDefinition {
            name: def.name,
            category: match def.category {
                Category::Type => "type",
                Category::Function => "function",
            },
            id: def.declared_id.map(hex_id),
            computed_id: hex_id(def.computed_id),
            result: def.result.to_string(),
            generics: def
                .generics
                .iter()
                .map(|g| JsonGeneric {
                    name: g.name,
                    kind: g.kind,
                })
                .collect(),
            params: def
                .params
                .iter()
                .map(|p| match &p.kind {
                    ParamKind::FlagField => JsonParam {
                        name: p.name,
                        ty: "#".to_owned(),
                        flag: None,
                    },
                    ParamKind::Conditional { field, bit, ty } => JsonParam {
                        name: p.name,
                        ty: ty.to_string(),
                        flag: Some(JsonFlag { field, bit: *bit }),
                    },
                    ParamKind::Plain(ty) => JsonParam {
                        name: p.name,
                        ty: ty.to_string(),
                        flag: None,
                    },
                })
                .collect(),
        }
    }
}

impl<'a> From<&'a Diagnostic> for JsonDiagnostic<'a> {
    fn from(d: &'a Diagnostic) -> Self {
        JsonDiagnostic {
            severity: match d.severity {
                Severity::Error => "error",
                Severity::Warning => "warning",
                Severity::Note => "note",
            },
            file: &d.file,
            line: d.span.line,
            column: d.span.column,
            message: &d.message,
        }
    }
}
