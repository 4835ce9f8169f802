//! `tl-codegen decode [FILE|-]`: TL bytes in, canonical TL-JSON out.
//!
//! The input (a file, or stdin for `-` or none) is the raw payload, or its text with
//! `--hex` (whitespace allowed, either case) or `--base64`. The payload is a boxed
//! constructor by default, a function call with `--function`, or a value of any type with
//! `--type T` (`Vector<User>`, `%Message`, `int`). The JSON is pretty-printed, or on one
//! line with `--compact`:
//!
//! ```text
//! $ echo 14c998792a00000000000000efca26c30467696674000000 | tl-codegen decode --hex --function --compact
//! {"_":"payments.sendStarsForm","form_id":"42","invoice":{"_":"inputInvoiceSlug","slug":"gift"}}
//! ```
//!
//! # JSON Lines (`--lines`)
//!
//! With `--lines` (and `--hex` or `--base64`), every input line is one payload and every
//! output line one compact JSON value; empty lines are skipped. A line that fails prints,
//! in its place,
//!
//! ```json
//! {"error":"unexpected end of input (needed 8 bytes)","path":"payments.sendStarsForm.form_id (long)","offset":4,"line":2}
//! ```
//!
//! where `path` is where in the value the error is (the root object, its fields and
//! vector indices, and the type being read; absent at the root), `offset` the byte offset in
//! that line's payload (for bad hex or base64, the offset of the bad character in the line)
//! and `line` the 1-based line number; the other
//! lines go on, and the command exits with status 1 at the end.
//!
//! Any other error is one `error: ...` line on stderr and exit status 1.
//!
//! # TDLib's and tonlib's JSON (`--json tdlib|tonlib`)
//!
//! With `--json tdlib --schema td_api.tl` the input is TDLib's JSON lines instead of TL
//! bytes, checked against the schema; see [`crate::tdjson`].
//!
//! # Objects the schema does not know
//!
//! A whole payload is decoded tolerantly ([`tlgen_dynamic::Schema::decode_tolerant`]): a
//! message body, `gzip_packed` content or `rpc_result` result that does not decode — an
//! object of another layer, say — is printed in place as
//! `{"_":"unknown","id":"0x330b4067","bytes":"<base64 of the bytes after the id>"}`, with a
//! warning on stderr naming its JSON path, where it is and why; everything else decodes. The
//! exit status is 0 unless `--strict`. Every offset says which stream it counts in: `at byte
//! 68 of the gzip_packed content at byte 32` is byte 68 of the unpacked content of the
//! `gzip_packed` whose id is at byte 32 of the input.
//!
//! # Packed objects (`--keep-packed`)
//!
//! A `gzip_packed` is replaced by the object it holds. With `--keep-packed` it is printed as
//! it was read, `{"_":"gzip_packed","packed_data":"<base64>"}`, which `encode` writes back
//! unchanged: decode → encode then reproduces the input byte for byte.

use std::path::PathBuf;
use std::process::ExitCode;

use serde::Serialize;
use tlgen_dynamic::{DecodeOptions, Schema, Type};

use crate::codec::{self, Failure, Output, Target};
use crate::payload::Format;
use crate::tdjson;

/// The `decode` subcommand's arguments.
#[derive(Debug, clap::Args)]
#[command(group = clap::ArgGroup::new("text").args(["hex", "base64"]))]
pub struct Args {
    /// The payload file (default: stdin, also `-`).
    input: Option<PathBuf>,
    /// The input is hex text (whitespace allowed, either case).
    #[arg(long)]
    hex: bool,
    /// The input is base64 text (standard alphabet; padding optional).
    #[arg(long)]
    base64: bool,
    /// Print the JSON on one line.
    #[arg(long)]
    compact: bool,
    /// One payload per input line, one JSON value per output line (needs --hex or --base64).
    #[arg(long, requires = "text")]
    lines: bool,
    /// Fail (exit status 1) when an object could not be decoded and was kept as bytes; with
    /// --json, a field or constructor the schema does not have is an error, not a warning.
    #[arg(long)]
    strict: bool,
    /// Print each gzip_packed object as read (`packed_data`), not what it holds, so that
    /// `encode` writes the input back byte for byte.
    #[arg(long)]
    keep_packed: bool,
    #[command(flatten)]
    target: Target,
    #[command(flatten)]
    library: tdjson::DecodeArgs,
}

/// Decodes the input and prints its JSON; see the module docs.
pub fn run(args: Args) -> ExitCode {
    if let Some(status) = tdjson::decode(
        &args.library,
        args.strict,
        args.input.as_deref(),
        &args.target,
    ) {
        return status;
    }
    let format = Format::from_flags(args.hex, args.base64);
    let mut buf = Vec::with_capacity(4096);
    let keep_packed = DecodeOptions::default().keep_packed(args.keep_packed);
    let whole = |schema: &Schema, ty: &Type, input: &[u8], out: &mut Output| {
        let payload = format
            .read(input)
            .map_err(|e| Failure::message(e.to_string()))?;
        let decoded = schema
            .decode_with_options(&payload, ty, keep_packed.tolerant(true))
            .map_err(|e| Failure::message(e.to_string()))?;
        let mut json = schema
            .to_json_string(&decoded.value, !args.compact)
            .map_err(|e| Failure::message(e.to_string()))?;
        json.push('\n');
        out.write(json.as_bytes())?;
        let paths = schema.unknown_paths(&decoded.value);
        for (found, path) in decoded.unknown.iter().zip(&paths) {
            eprintln!(
                "warning: {path}: object {:#010x} at {} kept as bytes: {}",
                found.id, found.location, found.error
            );
        }
        match decoded.unknown.len() {
            n @ 1.. if args.strict => {
                out.flush()?;
                Err(Failure::message(format!(
                    "{n} object{} could not be decoded (--strict)",
                    if n == 1 { "" } else { "s" }
                )))
            }
            _ => Ok(()),
        }
    };
    // Each line's JSON, or in its place a `LineError`.
    let line = |schema: &Schema, ty: &Type, number, line: &[u8], out: &mut Output| {
        buf.clear();
        let result = decode_line(schema, ty, format, keep_packed, line, &mut buf);
        if let Err(failed) = &result {
            buf.clear();
            let record = LineError {
                error: &failed.error,
                path: failed.path.as_deref(),
                offset: failed.offset,
                line: number,
            };
            serde_json::to_writer(&mut buf, &record)
                .map_err(|e| Failure::message(format!("cannot write an error line: {e}")))?;
        }
        buf.push(b'\n');
        out.write(&buf)?;
        Ok(result.is_ok())
    };
    let input = args.input.as_deref();
    codec::exit(codec::run(input, &args.target, args.lines, whole, line))
}

/// The JSON line printed in place of a line that fails.
#[derive(Serialize)]
struct LineError<'a> {
    /// What is wrong (without the offset and the path).
    error: &'a str,
    /// Where in the value, for a decoding error below the root:
    /// `payments.sendStarsForm.form_id (long)`.
    #[serde(skip_serializing_if = "Option::is_none")]
    path: Option<&'a str>,
    /// The byte offset in the payload, or in the line for bad text; `null` if none.
    offset: Option<usize>,
    /// The 1-based line number.
    line: usize,
}

/// Writes one line's payload as compact JSON to `buf`, or says what failed and where.
fn decode_line(
    schema: &Schema,
    ty: &Type,
    format: Format,
    options: DecodeOptions,
    line: &[u8],
    buf: &mut Vec<u8>,
) -> Result<(), LineFailure> {
    let payload = format.read(line).map_err(|e| LineFailure {
        error: e.kind.to_string(),
        path: None,
        offset: Some(e.offset),
    })?;
    let value = schema
        .decode_with_options(&payload, ty, options)
        .map_err(|e| LineFailure {
            error: e.cause().to_string(),
            path: (!e.path().is_empty()).then(|| e.path().to_string()),
            offset: Some(e.offset()),
        })?
        .value;
    serde_json::to_writer(buf, &schema.json(&value)).map_err(|e| LineFailure {
        error: e.to_string(),
        path: None,
        offset: None,
    })
}

/// Why a line failed, as [`LineError`] prints it.
struct LineFailure {
    /// What is wrong.
    error: String,
    /// Where in the value ([`tlgen_dynamic::DecodePath`]), below the root.
    path: Option<String>,
    /// The byte offset in the payload, or in the line for bad text.
    offset: Option<usize>,
}
