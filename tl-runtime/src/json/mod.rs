//! TDLib's and tonlib's JSON interface (`td_json_client`, `tonlib_client_json`): the reader,
//! the writer and the traits that generated bindings (`tl-codegen --json tdlib|tonlib`)
//! implement. Feature `json`; no dependencies: a hand-written byte-level reader and writer.
//!
//! ```
//! use tlgen_runtime::json::{from_str, to_string, TdError};
//!
//! let line = r#"{"@type":"error","code":400,"message":"Initialization parameters are needed"}"#;
//! let error: TdError = from_str(line)?;
//! assert_eq!((error.code, error.message.as_str()), (400, "Initialization parameters are needed"));
//! assert_eq!(to_string(&error), line);
//! # Ok::<(), tlgen_runtime::json::JsonError>(())
//! ```
//!
//! # The mapping
//!
//! As TDLib's generated converters read and write it (`td/generate/tl_json_converter.cpp`,
//! `td/tl/tl_json.h` in tdlib/td; tonlib: `tl/generate/tl_json_converter.cpp`,
//! `tl/tl/tl_json.h` in ton-blockchain/ton):
//!
//! | TL | Rust | JSON |
//! |----|------|------|
//! | `int32` | `i32` ([`Plain`]) | number |
//! | `int53` | `i64` ([`Plain`]) | number |
//! | `int64` | `i64` ([`Int64`]) | string: `"-123"` (`JsonInt64`) |
//! | `double` | `f64` ([`Plain`]) | number, six decimals: `1.500000` |
//! | `string`, `secureString` | `String` ([`Plain`]) | string |
//! | `bytes`, `secureBytes` | `Vec<u8>` ([`Bytes`]) | string: padded standard base64 |
//! | `int128`, `int256` (tonlib) | `[u8; 16]`, `[u8; 32]` ([`Int128`], [`Int256`]) | base64 of exactly 16/32 bytes |
//! | `Bool` | `bool` ([`Plain`]) | `true` / `false` |
//! | `vector<T>` | `Vec<T>` ([`Vector`]) | array |
//! | an object | a struct or enum ([`Plain`]) | `{"@type":"name",…}` |
//! | a null object | `Option<T>` ([`Nullable`]) | left out of its object; `null` inside an array |
//!
//! ## What the writer writes
//!
//! [`JsonWriter`] writes what TDLib writes, byte for byte, so that decoding a line from TDLib
//! and encoding it again gives TDLib's text (checked against libtdjson 1.8.61):
//!
//! * Compact, no whitespace; `@type` first, then the fields in schema order (the generated
//!   `to_json`: `jo("@type", …)`, then one `jo(…)` per argument).
//! * An object field that is null is left out (`if (object.field) { jo(…) }`); a null item
//!   of a vector is `null` (`to_json(tl_object_ptr)`). Other fields are always written.
//! * `int64` is a JSON string (`JsonInt64`; a vector of them an array of strings);
//!   `int32` and `int53` are numbers.
//! * `double` is printed in fixed notation with six decimals — `JsonFloat` goes through
//!   `StringBuilder::operator<<(double)`, which is `FixedDouble(x, 6)`
//!   (`tdutils/td/utils/StringBuilder.h`; TON's copy prints with `%lf`, the same): `1.500000`,
//!   `0.000000` for `1e-7`, `-0.000000`, `100000000000000000000.000000`. A double therefore
//!   survives TDLib (and this writer) only to six decimals. TDLib prints a non-finite value
//!   as `inf`/`nan`, which is not JSON; this writer writes `null` (TDLib reads it as `0`).
//! * Strings are escaped by `JsonString` (`tdutils/td/utils/JsonBuilder.cpp`): `\"`, `\\`,
//!   `\b`, `\f`, `\n`, `\r`, `\t`; other bytes below 0x20 as `\u00XX`; **every non-ASCII
//!   character** as `\uXXXX` with lowercase hex digits (a surrogate pair above U+FFFF:
//!   `😀` is `\ud83d\ude00`); `/` and DEL (0x7f) as they are.
//! * `bytes` are `base64_encode`d: standard alphabet, `=` padding (`tdutils/td/utils/base64.cpp`).
//!
//! ## What the reader accepts
//!
//! [`JsonReader`] accepts what TDLib's reader accepts (`do_json_decode` and `from_json` in
//! `JsonBuilder.cpp`/`tl_json.h`), with the differences listed at the end:
//!
//! * An `int32`, `int53` or `int64` may be a number or a string (`from_json(int32&)`
//!   takes both), whose text must be the integer's canonical decimal form — TDLib's
//!   `to_integer_safe` prints the value back and compares: `-?(0|[1-9][0-9]*)`, no `+`,
//!   no leading zeros, no `-0`, no fraction or exponent, in the type's range.
//! * A `double` must be a number (a string is refused, as in TDLib). A number token is the
//!   longest run of `-+.0123456789eE` (TDLib's tokenizer), read as Rust's `f64::from_str`
//!   reads it; a non-finite result (`1e400`) is an error (TDLib saturates it).
//! * A `Bool` is `true`/`false`, or (as in TDLib) an `int32`, non-zero meaning true.
//! * `bytes`: padded standard base64 only — TDLib's `base64_decode` refuses unpadded text,
//!   the URL-safe alphabet and non-zero trailing bits, and so does this reader.
//! * Objects: `@type` may stand anywhere among the keys; the first one counts
//!   ([`JsonReader::peek_constructor`]). It may be a string or the constructor's id as a
//!   number (`from_json(tl_object_ptr)`: `to_integer<int32>(number)`). For a concrete type it
//!   may be absent. Unknown keys are skipped; `@extra` and `@client_id` are keys like others.
//! * Strings: the escapes of RFC 8259; `\uXXXX` surrogate pairs are joined. Raw control
//!   characters inside strings are accepted (TDLib copies them).
//! * Nesting: a value inside more than [`JsonReader::DEFAULT_MAX_DEPTH`] = 100 arrays and
//!   objects is [`JsonErrorKind::TooDeep`] (TDLib's `DEFAULT_MAX_DEPTH` in `JsonBuilder.h`:
//!   101 nested empty arrays pass, 101 around a value do not).
//!
//! Where this reader is stricter than TDLib, on purpose:
//!
//! * A required field (one not documented "may be null") that is absent or `null` is an
//!   error naming its path, [`JsonErrorKind::MissingField`]; TDLib leaves it at its default
//!   (0, empty). A `null` where a number, string, array or `Bool` is required is an error too.
//! * An unknown escape (`\q`, which TDLib reads as `q`) is [`JsonErrorKind::InvalidEscape`];
//!   a `\u` escape of a lone surrogate is [`JsonErrorKind::LoneSurrogate`] (TDLib writes it
//!   into the string as invalid UTF-8 and refuses it later: "Strings must be encoded in UTF-8").
//! * A second `@type` that differs from the first is an error when reading a concrete type
//!   (TDLib ignores `@type` there).
//! * A key given twice: the generated code keeps the last value (TDLib the first).
//!
//! # Errors
//!
//! A [`JsonError`] has a [kind](JsonErrorKind), the JSON path of the offending value
//! (`$.message.content.text`, `$.messages[3]`) and the byte offset; it displays as
//! `$.message.content: missing required field `text` (at byte 120)`. Reading never panics,
//! never recurses deeper than the depth limit allows and never allocates more than the input
//! holds: strings, byte strings and vectors grow with what is actually read.
//!
//! # The client's side
//!
//! [`scan_envelope`] reads the `@type`, `@extra` and `@client_id` of a line TDLib sent
//! without decoding it (`td_receive` mixes updates and answers); [`TdFunction`] ties a request
//! to the type of its answer; [`TdError`] is TDLib's `error`.

mod base64;
mod debug;
mod envelope;
mod error;
mod markers;
mod objects;
mod reader;
mod writer;

pub use debug::debug;
pub use envelope::{scan_envelope, Envelope};
pub use error::{JsonError, JsonErrorKind};
pub use markers::{Boxed, Bytes, Int128, Int256, Int64, JsonAs, Nullable, Plain, TdJson, Vector};
pub use objects::{TdError, UnknownObject};
pub use reader::{JsonKind, JsonReader, ObjectCursor, TypeTag};
pub use writer::JsonWriter;

/// A request: the type of its answer and its `@type`.
///
/// Generated for every function of the schema: `impl TdFunction for GetMe { type Return =
/// User; const TYPE_NAME: &'static str = "getMe"; }`. TDLib answers a request either with a
/// `Return` or with an [`error`](TdError).
pub trait TdFunction: TdJson {
    /// The type of the answer.
    type Return: TdJson;
    /// The function's `@type`: its name in the schema (`getMe`, `raw.getAccountState`).
    const TYPE_NAME: &'static str;
}

/// Reads a `T` from `input`, which must hold that one value and nothing but whitespace
/// around it.
pub fn from_str<T: TdJson>(input: &str) -> Result<T, JsonError> {
    let mut reader = JsonReader::new(input);
    let value = T::read_json(&mut reader)?;
    reader.finish()?;
    Ok(value)
}

/// Writes `value` as TDLib's JSON.
pub fn to_string<T: TdJson>(value: &T) -> String {
    let mut out = JsonWriter::new();
    value.write_json(&mut out);
    out.into_string()
}
