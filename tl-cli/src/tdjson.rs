//! `decode --json tdlib|tonlib` and `encode --json tdlib|tonlib`: TDLib's and tonlib's
//! JSON interface, checked against a schema given with `--schema` (`td_api.tl`,
//! `tonlib_api.tl`).
//!
//! For these libraries the JSON is the wire: `decode` reads it, `encode` writes it. Input
//! and output are JSON lines (one value per line, as `td_receive` returns them and
//! `td_send` takes them); blank lines are skipped. The mapping and what counts as an
//! error are tlgen-dynamic's (`tlgen_dynamic::tdjson`, written down from TDLib's and
//! TON's sources and checked against the real libraries).
//!
//! `decode --json tdlib` reads each line against the schema (any object or request by
//! default; `--function`, `--type T` as for bytes), writes it back in the library's JSON
//! to check that it holds together, and prints it as a TL-JSON line:
//!
//! ```text
//! $ echo '{"@type":"testSquareInt","x":"7"}' | tl-codegen decode --json tdlib --schema td_api.tl
//! {"_":"testSquareInt","x":7}
//! ```
//!
//! A line that fails prints, in its place, `{"error":"...","path":"$.x","line":2}`: what is
//! wrong, the JSON path, the 1-based line number. What the library would ignore but the
//! schema does not have — an unknown field, an unknown `@type` (read as `null`) — is a
//! warning on stderr, `warning: line 2: $.content: unknown constructor `messageFoo` for
//! type MessageContent`; with `--strict` it is an error. With `--check` nothing is printed
//! for a good line and every problem goes to stderr (`error: line 2: $.chat_id: ...`): the
//! way to see which fields changed in a new version of the library. The command exits
//! with status 1 when a line failed.
//!
//! `encode --json tdlib` reads TL-JSON lines and prints each in the library's JSON (a
//! failing line: `error: line K: ...` on stderr, nothing on stdout), so `decode --json
//! tdlib | encode --json tdlib` normalizes requests (`"7"` → `7` for an `int32`, numbers
//! → strings for an `int64`). `@extra` and `@client_id` are checked but not kept.

use std::path::Path;
use std::process::ExitCode;

use serde::Serialize;
use tlgen_dynamic::{Schema, TdDialect, TdJsonOptions, Type, ValueError, ValueErrorKind};

use crate::codec::{self, Failure, Output, Target};

/// Which library's JSON.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Library {
    /// TDLib's `td_json_client` (`td_api.tl`).
    Tdlib,
    /// tonlib's `tonlib_client_json` (`tonlib_api.tl`).
    Tonlib,
}

impl From<Library> for TdDialect {
    fn from(library: Library) -> Self {
        match library {
            Library::Tdlib => TdDialect::Tdlib,
            Library::Tonlib => TdDialect::Tonlib,
        }
    }
}

/// `decode`'s switches for the libraries' JSON.
#[derive(Debug, clap::Args)]
pub struct DecodeArgs {
    /// Read TDLib's or tonlib's JSON lines against --schema (td_api.tl, tonlib_api.tl) and print them as TL-JSON lines.
    #[arg(long, value_enum, value_name = "LIBRARY", conflicts_with_all = ["hex", "base64", "lines"])]
    json: Option<Library>,
    /// With --json: only check each line; print nothing but the problems, on stderr.
    #[arg(long, requires = "json")]
    check: bool,
}

/// `encode`'s switch for the libraries' JSON.
#[derive(Debug, clap::Args)]
pub struct EncodeArgs {
    /// Read TL-JSON lines and print them as TDLib's or tonlib's JSON lines (needs --schema).
    #[arg(long, value_enum, value_name = "LIBRARY", conflicts_with_all = ["hex", "base64", "lines"])]
    json: Option<Library>,
}

/// Runs `decode --json`, if it was asked for.
pub fn decode(
    args: &DecodeArgs,
    strict: bool,
    input: Option<&Path>,
    target: &Target,
) -> Option<ExitCode> {
    let library = args.json?;
    let options = TdJsonOptions::new(library.into()).strict(strict);
    let check = args.check;
    let mut buf = Vec::with_capacity(4096);
    let line = |schema: &Schema, ty: &Type, number, line: &[u8], out: &mut Output| {
        buf.clear();
        match decode_line(schema, ty, options, line, &mut buf) {
            Ok(warnings) => {
                for warning in warnings {
                    out.flush()?;
                    warn(&format!("line {number}: {warning}"));
                }
                if !check {
                    buf.push(b'\n');
                    out.write(&buf)?;
                }
                Ok(true)
            }
            Err(error) if check => {
                out.flush()?;
                codec::report(&format!("line {number}: {}", describe(&error)));
                Ok(false)
            }
            Err(error) => {
                buf.clear();
                let path = match error.kind() {
                    ValueErrorKind::Syntax { .. } => None,
                    _ => Some(error.path().to_string()),
                };
                let record = LineError {
                    error: &describe_kind(&error),
                    path: path.as_deref(),
                    line: number,
                };
                serde_json::to_writer(&mut buf, &record)
                    .map_err(|e| Failure::message(format!("cannot write an error line: {e}")))?;
                buf.push(b'\n');
                out.write(&buf)?;
                Ok(false)
            }
        }
    };
    Some(codec::exit(run(input, target, library, line)))
}

/// Runs `encode --json`, if it was asked for.
pub fn encode(args: &EncodeArgs, input: Option<&Path>, target: &Target) -> Option<ExitCode> {
    let library = args.json?;
    let mut buf = Vec::with_capacity(4096);
    let line = |schema: &Schema, ty: &Type, number, line: &[u8], out: &mut Output| {
        buf.clear();
        match encode_line(schema, ty, library.into(), line, &mut buf) {
            Ok(()) => out.write(&buf).map(|()| true),
            Err(message) => {
                out.flush()?;
                codec::report(&format!("line {number}: {message}"));
                Ok(false)
            }
        }
    };
    Some(codec::exit(run(input, target, library, line)))
}

/// Runs `line` on every line of the input, with the `--schema` files (the built-in
/// Telegram layer is not a library's schema).
fn run(
    input: Option<&Path>,
    target: &Target,
    library: Library,
    line: impl FnMut(&Schema, &Type, usize, &[u8], &mut Output) -> Result<bool, Failure>,
) -> Result<bool, Failure> {
    if !target.has_schema() {
        let file = match library {
            Library::Tdlib => "td_api.tl",
            Library::Tonlib => "tonlib_api.tl",
        };
        return Err(Failure::message(format!(
            "--json needs the library's schema: --schema {file}"
        )));
    }
    let whole = |_: &Schema, _: &Type, _: &[u8], _: &mut Output| Ok(());
    codec::run(input, target, true, whole, line)
}

/// Reads one line of the library's JSON, checks that it writes back, and appends its
/// TL-JSON to `buf`; the warnings, or the first error.
fn decode_line(
    schema: &Schema,
    ty: &Type,
    options: TdJsonOptions,
    line: &[u8],
    buf: &mut Vec<u8>,
) -> Result<Vec<ValueError>, ValueError> {
    let text =
        std::str::from_utf8(line).map_err(|e| syntax(format!("the line is not UTF-8: {e}")))?;
    let read = schema.from_td_json_str(text, ty, options)?;
    schema.to_td_json_string(&read.value, options.dialect())?;
    serde_json::to_writer(buf, &schema.json(&read.value)).map_err(|e| syntax(e.to_string()))?;
    Ok(read.warnings)
}

/// An error about the line as a whole.
fn syntax(message: String) -> ValueError {
    ValueError::new(ValueErrorKind::Syntax { message })
}

/// Appends the library's JSON of one TL-JSON line, and a newline, to `buf`.
fn encode_line(
    schema: &Schema,
    ty: &Type,
    dialect: TdDialect,
    line: &[u8],
    buf: &mut Vec<u8>,
) -> Result<(), String> {
    let text = std::str::from_utf8(line).map_err(|e| format!("the JSON is not UTF-8: {e}"))?;
    let value = schema.from_json_str(text, ty).map_err(|e| describe(&e))?;
    let json = schema
        .to_td_json_string(&value, dialect)
        .map_err(|e| describe(&e))?;
    buf.extend_from_slice(json.as_bytes());
    buf.push(b'\n');
    Ok(())
}

/// The JSON line printed in place of a line that fails.
#[derive(Serialize)]
struct LineError<'a> {
    /// What is wrong (without the path).
    error: &'a str,
    /// Where, as a JSON path; `null` for a line that is not JSON.
    path: Option<&'a str>,
    /// The 1-based line number.
    line: usize,
}

/// An error's message with its path (a syntax error has none).
fn describe(e: &ValueError) -> String {
    match e.kind() {
        ValueErrorKind::Syntax { message } => format!("invalid JSON: {message}"),
        _ => e.to_string(),
    }
}

/// An error's message without its path.
fn describe_kind(e: &ValueError) -> String {
    match e.kind() {
        ValueErrorKind::Syntax { message } => format!("invalid JSON: {message}"),
        kind => kind.to_string(),
    }
}

/// Writes `warning: <message>` on stderr (ignoring a closed stderr).
fn warn(message: &str) {
    use std::io::Write as _;
    let _ = writeln!(std::io::stderr().lock(), "warning: {message}");
}
