//! A schema-driven TL codec: decode and encode any value of a TL schema without
//! generated types, and read and write it as canonical TL-JSON.
//!
//! A [`Schema`] is built once from TL text (or a parsed [`tlgen_parser::Schema`]): every
//! constructor and function id goes into an id table, every parameter type is resolved to
//! an index, so decoding never looks at a name. [`Schema::decode`] turns bytes into a
//! [`Value`] tree, [`Schema::encode`] turns it back into the same bytes, and
//! [`Schema::json`] / [`Schema::from_json`] convert to and from JSON.
//!
//! ```
//! use tlgen_dynamic::{Schema, Type, Value};
//!
//! let schema = Schema::from_source(
//!     "boolFalse#bc799737 = Bool;\n\
//!      boolTrue#997275b5 = Bool;\n\
//!      inputInvoiceSlug#c326caef slug:string = InputInvoice;\n\
//!      payments.paymentResult#4e5f810d updates:Updates = payments.PaymentResult;\n\
//!      updatesTooLong#e317af7e = Updates;\n\
//!      ---functions---\n\
//!      payments.sendStarsForm#7998c914 form_id:long invoice:InputInvoice = payments.PaymentResult;",
//! )?;
//!
//! // A function call, written by hand from the TL rules.
//! let mut bytes = vec![0x14, 0xc9, 0x98, 0x79]; // payments.sendStarsForm
//! bytes.extend(42i64.to_le_bytes()); // form_id
//! bytes.extend([0xef, 0xca, 0x26, 0xc3]); // inputInvoiceSlug
//! bytes.extend([4, b'g', b'i', b'f', b't', 0, 0, 0]); // slug: length, data, padding
//!
//! let call = schema.decode_function(&bytes)?;
//! let Value::Object { def, fields } = &call else { unreachable!() };
//! assert_eq!(schema.name(*def), "payments.sendStarsForm");
//! assert_eq!(fields[0], (0, Value::Long(42))); // (index of `form_id`, value)
//! assert_eq!(call.field(0), Some(&Value::Long(42)));
//!
//! let json = schema.to_json_string(&call, false)?;
//! assert_eq!(
//!     json,
//!     r#"{"_":"payments.sendStarsForm","form_id":"42","invoice":{"_":"inputInvoiceSlug","slug":"gift"}}"#
//! );
//! let back = schema.from_json_str(&json, &Type::FUNCTION)?;
//! assert_eq!(schema.encode(&back)?, bytes);
//!
//! // Errors say where: the field path and byte offset when decoding, a JSON path when
//! // reading JSON.
//! let err = schema.decode_function(&bytes[..10]).unwrap_err(); // inside form_id
//! assert_eq!(
//!     err.to_string(),
//!     "payments.sendStarsForm.form_id (long) at byte 4: unexpected end of input (needed 8 bytes)"
//! );
//! let err = schema
//!     .from_json_str(r#"{"_":"payments.sendStarsForm","form_id":"42","invoice":{"_":"inputInvoiceSlug","slug":7}}"#, &Type::FUNCTION)
//!     .unwrap_err();
//! assert_eq!(err.to_string(), "$.invoice.slug: expected string, found number 7");
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! # Types
//!
//! [`Schema::decode`] reads a boxed constructor or function by its id ([`Type::OBJECT`]),
//! [`Schema::decode_function`] a function call ([`Type::FUNCTION`]), and
//! [`Schema::decode_as`] a value of any type parsed by [`Schema::parse_type`]:
//! `Vector<User>`, `vector<long>`, `%Message`, `message` (a bare constructor),
//! `messages.Messages`, `int`. Encoding takes the same types ([`Schema::encode_as`]).
//!
//! The schema understands `{X:Type}` generics (`!X` is any function call), boxed
//! `Vector<T>` and bare `vector<T>`, bare `%T` and lowercase constructor names, `#` flag
//! words (several per definition, e.g. `flags2:#`), `flags.N?T` and `flags.N?true`,
//! `Bool`, `true`, and the builtins `int`, `long`, `double`, `string`, `bytes`, `int128`,
//! `int256` and `int53` (a `long` on the wire).
//!
//! # TON's schemas
//!
//! TON's `ton_api.tl`, `lite_api.tl` and `tonlib_api.tl` (a [`tlgen_parser::Dialect::Ton`]
//! schema: one that declares `bytes` itself) are read with TON's wire rules (written down,
//! with their sources, in `tlgen-runtime`'s crate documentation, "TON's wire rules": TON's
//! C++ serializer `tl/tl/tl_object_store.h` / `tl_object_parse.h`, tonutils-go's
//! `tl/precompile.go`, and docs.ton.org's "TL" and "ADNL TCP - Liteserver" pages, whose
//! getMasterchainInfo bytes are a test):
//! - `(vector T)` / `vector<T>` is bare: a little-endian `u32` count, then the items, with
//!   no `0x1cb5c415` (TON's schemas have no boxed `Vector`);
//! - `int256` and `int128` are 32 and 16 raw bytes; `bytes`, `string`, `secureString` and
//!   `secureBytes` are TL byte strings (a length byte, or `0xfe` and a 3-byte length from
//!   254 bytes on, the data, zero padding to a multiple of 4);
//! - `int32` is `int`, `int53` and `int64` are `long`; `object` / `Object` is any boxed
//!   value, `function` / `Function` any function call (`liteServer.query data:bytes = Object`);
//! - a `#` param is a value, an unsigned 32-bit number ([`Value::Nat`], 0 to 4294967295
//!   in JSON; the wire is `int`'s 4 bytes): a flag word keeps its
//!   own bits (`liteServer.lookupBlock`'s `mode.0`, lookup by seqno, has no param), and
//!   encoding adds the bits of the conditional fields present (and clears those of the
//!   absent ones); a `#` that no param names (`count:#`) is a plain number.
//!
//! Telegram's schemas keep Telegram's rules: flag words are derived from the fields.
//!
//! # Values
//!
//! A [`Value::Object`] holds its definition and its present fields in schema order, each
//! with its index among the parameters that are not `#` flag words: an absent
//! `flags.N?T` field has no entry, a set `flags.N?true` is `Value::Bool(true)`
//! ([`Value::object`] builds one from a dense `Vec<Option<Value>>`). Storing only what is
//! present keeps objects with many optional fields small. Flag words are not stored: encoding
//! derives them from the fields present, and checks what static types cannot — a missing
//! required field, a value of the wrong kind or type, and fields that share one flag bit
//! but are not all present or all absent:
//!
//! ```
//! use tlgen_dynamic::{Schema, Value, ValueErrorKind};
//!
//! let schema = Schema::from_source(
//!     "message#1 flags:# id:int views:flags.10?int forwards:flags.10?int = Message;",
//! )?;
//! let message = schema.by_name("message").unwrap();
//! let value = Value::object(message, vec![Some(Value::Int(7)), Some(Value::Int(100)), None]);
//! let err = schema.encode(&value).unwrap_err();
//! assert!(matches!(err.kind(), ValueErrorKind::InconsistentFlag { field, .. } if field == "forwards"));
//! assert_eq!(
//!     err.to_string(),
//!     "$.forwards: message.forwards is absent but message.views is present, and both use flags.10"
//! );
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! # Canonical TL-JSON
//!
//! One mapping, used both ways (feature `json`, on by default):
//!
//! | TL | JSON |
//! |----|------|
//! | constructor or function call, boxed or bare | `{"_": "<name with namespace>", <params in schema order>}` |
//! | `#` flag word | omitted (derived from the fields present when encoding); in TON's schemas a number from 0 to 4294967295 |
//! | absent `flags.N?T` | omitted (`null` is accepted when reading) |
//! | `flags.N?true` | `true` when set, omitted when clear (`false` accepted when reading) |
//! | `int` | number |
//! | `long`, `int53` | decimal string, e.g. `"-42"` (a JSON integer is accepted when reading) |
//! | `double` | number; `"NaN"`, `"Infinity"`, `"-Infinity"` for the non-finite values |
//! | `string` | string |
//! | `bytes`, `int128`, `int256` | standard base64 with `=` padding (16 and 32 bytes for the ints) |
//! | `Bool` | `true` / `false` |
//! | `Vector<T>`, `vector<T>` | array |
//!
//! Reading is strict: an unknown `"_"` name, a constructor of another type, an unknown
//! field, a missing required field, a number out of range or malformed base64 is a
//! [`ValueError`] whose [`path`](ValueError::path) says where (`$.messages[3].id`).
//! Objects and arrays may nest [`MAX_JSON_DEPTH`] levels. A NaN's payload bits are not
//! kept (every NaN is written `"NaN"` and read back as the canonical NaN).
//!
//! A field whose `//@` doc says it "may be null" (TDLib's and tonlib's schemas) may be
//! absent or `null`, and the `null` items of such a vector are [`Value::Null`], written
//! `null`.
//!
//! # TDLib's and tonlib's JSON
//!
//! The JSON of `libtdjson` and `libtonlibjson` (`{"@type": "updateNewMessage", …}`, `int64`
//! as strings, `int53` as numbers) is a second mapping over the same values, read as a
//! check against the schema with each problem's path: see [`tdjson`]. Its text is read and
//! written by tlgen-runtime's `json` reader and writer, those of the generated bindings, so
//! it is TDLib's byte for byte.
//!
//! # Limits
//!
//! Decoding follows `tlgen-runtime`'s rules and guarantees: each error is a [`DecodeError`]
//! with the byte offset and what was expected there; lengths are checked against the
//! remaining input before anything is allocated; every object and vector counts one
//! level against the [`Reader`](tlgen_runtime::Reader)'s depth limit (64 by default);
//! invalid UTF-8 in a `string` is an error; trailing bytes after a whole value are an
//! error. Nothing that input can reach panics.
#![forbid(unsafe_code)]
#![warn(missing_docs)]

pub mod base64;
mod decode;
mod encode;
pub mod envelope;
mod error;
mod ids;
#[cfg(feature = "json")]
mod json;
mod schema;
#[cfg(feature = "json")]
pub mod tdjson;
mod ty;
mod value;

pub use decode::{DecodeOptions, Tolerant, UnknownObject};
pub use encode::MAX_ENCODE_DEPTH;
pub use envelope::Envelope;
pub use error::{
    DecodeCause, DecodeError, DecodePath, DecodeStep, Location, Path, SchemaError, Segment,
    ValueError, ValueErrorKind,
};
#[cfg(feature = "json")]
pub use json::{JsonValue, MAX_JSON_DEPTH, NAME_KEY};
pub use schema::{DefId, Definition, Field, Schema, MAX_FLAG_WORDS};
#[cfg(feature = "json")]
pub use tdjson::{TdDialect, TdJsonOptions, TdJsonRead, TdJsonValue};
/// The runtime's decoding error kinds, which [`DecodeCause::Read`] holds.
pub use tlgen_runtime::DecodeErrorKind;
pub use ty::Type;
pub use value::Value;
