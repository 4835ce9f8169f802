//! `tl-codegen encode [FILE|-]`: canonical TL-JSON in, TL bytes out.
//!
//! The input (a file, or stdin for `-` or none) is one JSON value; the output is the raw
//! payload, or one line of hex (`--hex`) or base64 (`--base64`). The value is a boxed
//! constructor named by its `"_"` by default, a function call with `--function`, or a
//! value of any type with `--type T` (`Vector<User>`, `%Message`, `int`):
//!
//! ```text
//! $ echo '{"_":"inputInvoiceSlug","slug":"gift"}' | tl-codegen encode --hex
//! efca26c30467696674000000
//! ```
//!
//! With `--lines` (and `--hex` or `--base64`) every non-empty input line is one JSON value
//! and every output line its payload. A line that fails prints nothing on stdout and
//! `error: line K: ...` on stderr; the other lines go on, and the command exits with
//! status 1 at the end.
//!
//! Errors name the JSON path and what was expected there:
//! `error: $.invoice.slug: expected string, found number 7`.
//!
//! With `--gzip` the payload is written as a `gzip_packed` holding it (as a client packs a
//! large request; `tlgen_runtime::envelope::GzipPacker`), with `--gzip-threshold BYTES` only
//! when it is at least that long and packing makes it smaller. `{"_":"gzip_packed",
//! "packed_data":"<base64>"}` in the JSON (what `decode --keep-packed` prints) is written
//! as given.
//!
//! With `--json tdlib --schema td_api.tl` (or `--json tonlib`) every input line is TL-JSON
//! and every output line TDLib's (tonlib's) JSON; see [`crate::tdjson`].

use std::path::PathBuf;
use std::process::ExitCode;

use tlgen_dynamic::{Schema, Type, ValueError, ValueErrorKind};
use tlgen_runtime::envelope::GzipPacker;

use crate::codec::{self, Failure, Output, Target};
use crate::payload::Format;
use crate::tdjson;

/// The `encode` subcommand's arguments.
#[derive(Debug, clap::Args)]
#[command(group = clap::ArgGroup::new("text").args(["hex", "base64"]))]
pub struct Args {
    /// The JSON file (default: stdin, also `-`).
    input: Option<PathBuf>,
    /// Write the payload as one line of lowercase hex.
    #[arg(long)]
    hex: bool,
    /// Write the payload as one line of base64.
    #[arg(long)]
    base64: bool,
    /// One JSON value per input line, one payload per output line (needs --hex or --base64).
    #[arg(long, requires = "text")]
    lines: bool,
    /// Write the payload packed: a gzip_packed holding it.
    #[arg(long)]
    gzip: bool,
    /// With --gzip: pack only a payload of at least this many bytes that packing makes
    /// smaller (default: always pack).
    #[arg(long, value_name = "BYTES", requires = "gzip")]
    gzip_threshold: Option<usize>,
    #[command(flatten)]
    target: Target,
    #[command(flatten)]
    library: tdjson::EncodeArgs,
}

/// Encodes the input and writes the payload; see the module docs.
pub fn run(args: Args) -> ExitCode {
    if let Some(status) = tdjson::encode(&args.library, args.input.as_deref(), &args.target) {
        return status;
    }
    let format = Format::from_flags(args.hex, args.base64);
    let packing = args.gzip.then(|| Packing {
        packer: GzipPacker::new().threshold(args.gzip_threshold.unwrap_or(0)),
        always: args.gzip_threshold.is_none(),
    });
    let mut buf = Vec::with_capacity(4096);
    let whole = |schema: &Schema, ty: &Type, input: &[u8], out: &mut Output| {
        let mut payload = Vec::new();
        encode_one(schema, ty, format, packing, input, &mut payload).map_err(Failure::Message)?;
        out.write(&payload)
    };
    // Each line's payload, or `error: line K: ...` on stderr.
    let line = |schema: &Schema, ty: &Type, number, line: &[u8], out: &mut Output| {
        buf.clear();
        match encode_one(schema, ty, format, packing, line, &mut buf) {
            Ok(()) => out.write(&buf).map(|()| true),
            Err(message) => {
                // What went before must not appear after this line's error.
                out.flush()?;
                codec::report(&format!("line {number}: {message}"));
                Ok(false)
            }
        }
    };
    let input = args.input.as_deref();
    codec::exit(codec::run(input, &args.target, args.lines, whole, line))
}

/// `--gzip`: how the payload is packed.
#[derive(Debug, Clone, Copy)]
struct Packing {
    packer: GzipPacker,
    /// Pack whatever the size (no `--gzip-threshold`).
    always: bool,
}

impl Packing {
    /// The payload as written: packed, or (below the threshold, or not smaller packed) as
    /// it is.
    fn apply(self, payload: Vec<u8>) -> Result<Vec<u8>, String> {
        let error = |e: tlgen_runtime::envelope::EnvelopeError| format!("--gzip: {e}");
        if self.always {
            return self.packer.pack(&payload).map_err(error);
        }
        Ok(self
            .packer
            .pack_if_smaller(&payload)
            .map_err(error)?
            .into_owned())
    }
}

/// Appends the payload of the JSON `text` to `buf` (with a newline unless raw), packed as
/// `packing` says, or says what is wrong.
fn encode_one(
    schema: &Schema,
    ty: &Type,
    format: Format,
    packing: Option<Packing>,
    text: &[u8],
    buf: &mut Vec<u8>,
) -> Result<(), String> {
    let text = std::str::from_utf8(text).map_err(|e| format!("the JSON is not UTF-8: {e}"))?;
    let value = schema.from_json_str(text, ty).map_err(describe)?;
    let mut payload = schema.encode_as(&value, ty).map_err(describe)?;
    if let Some(packing) = packing {
        payload = packing.apply(payload)?;
    }
    format.write(&payload, buf);
    if format != Format::Raw {
        buf.push(b'\n');
    }
    Ok(())
}

/// The message of a JSON or encoding error: the path and what was expected there (a
/// syntax error has no path).
fn describe(e: ValueError) -> String {
    match e.kind() {
        ValueErrorKind::Syntax { message } => format!("invalid JSON: {message}"),
        _ => e.to_string(),
    }
}
