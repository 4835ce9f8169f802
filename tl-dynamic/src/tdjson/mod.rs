//! TDLib's and tonlib's JSON: the JSON interface of `libtdjson` (`td_send`, `td_receive`,
//! `td_execute`) and of `libtonlibjson`, read and written against a schema loaded at run
//! time (`td_api.tl`, `tonlib_api.tl`). A second JSON mapping next to TL-JSON
//! ([`Schema::json`]), over the same [`Value`]s.
//!
//! # The mapping
//!
//! The mapping is tlgen-runtime's ([`tlgen_runtime::json`], whose module docs write it
//! down from the libraries' sources — TDLib's `td/generate/tl_json_converter.cpp`,
//! `td/tl/tl_json.h`, `tdutils/td/utils/JsonBuilder.cpp`, `td/telegram/ClientJson.cpp`;
//! TON's `tl/generate/tl_json_converter.cpp`, `tl/tl/tl_json.h`, `tonlib/tonlib/ClientJson.cpp`
//! — checked against the real `libtdjson` 1.8.61): the text is read by its
//! [`JsonReader`](tlgen_runtime::json::JsonReader) and written by its
//! [`JsonWriter`](tlgen_runtime::json::JsonWriter), the reader and writer of the bindings
//! that `tl-codegen --json tdlib|tonlib` generates, driven here by the schema. So a value
//! is written byte for byte as TDLib writes it (`int64` as strings, doubles with six
//! decimals, `1.500000`, every non-ASCII character as `\uXXXX`, padded base64), and what
//! is accepted on input (numbers in canonical decimal form, as numbers or strings; padded
//! base64; JSON's escapes; at most 100 nested arrays and objects) is what the bindings
//! accept.
//!
//! | TL | JSON written | also read |
//! |----|--------------|-----------|
//! | constructor or function | `{"@type": "<schema name>", <fields in schema order>}` (tonlib's names keep their namespace: `raw.getAccountState`) | `@type` anywhere among the keys, or as the numeric id; no `@type` where the type has one constructor |
//! | `int32`, `int53` | number | a decimal string (`"7"`) |
//! | `int64` | decimal string (`"-42"`) | a number |
//! | `double` | number with six decimals (`1.500000`) | — |
//! | `string`, `secureString` | string, non-ASCII as `\uXXXX` | — |
//! | `bytes`, `secureBytes`, `int128`, `int256` | standard base64 with `=` padding (16 and 32 bytes for the ints) | — |
//! | `Bool` | `true` / `false` | an `int32` (number or string): non-zero is `true` |
//! | `vector<T>` | array | — |
//! | a field whose doc says "may be null" / "pass null" | left out when null (TDLib leaves out every null object field) | absent or `null` |
//! | an item of such a vector (`messages may be null`) | `null` ([`Value::Null`]) | `null` |
//!
//! At the top of a line, `@extra` (any JSON, the request's, echoed in its answer) and, for
//! TDLib, `@client_id` (an `int32`) are allowed besides the fields: they are returned by
//! [`Schema::from_td_json_str`] and written after the fields by [`TdJsonValue::with_extra`]
//! (`@extra` re-encoded as TDLib does, its strings escaped the same way; a number in it is
//! written as serde_json prints it, where TDLib keeps its text as it came).
//!
//! tonlib's schema documents no nullability, and TON's converter leaves out every null
//! object field and reads a missing one as null: in [`TdDialect::Tonlib`] every field
//! holding an object may be absent or `null`, and so may the objects of a vector.
//!
//! # Reading is a check
//!
//! The libraries read leniently: a missing field takes its default value, an unknown field
//! is ignored. Reading here follows the schema instead, so that a line tells which field
//! changed between two versions; each problem is a [`ValueError`] whose path says where
//! (`$.message.content.text`):
//! - errors: a required field missing or `null` ([`ValueErrorKind::MissingField`]), a
//!   value of the wrong kind (`$.chat_id: expected int64 (a decimal string or a number),
//!   found true`), a number out of range, bad base64, an object of another type, an object
//!   without the `@type` its abstract type needs ([`ValueErrorKind::MissingType`]);
//! - warnings, errors only when reading strictly ([`TdJsonOptions::strict`]): a field the
//!   schema does not have ([`ValueErrorKind::UnknownField`]; the libraries ignore it), and
//!   a `@type` the schema does not have ([`ValueErrorKind::UnknownConstructor`],
//!   `$.content: unknown constructor `messageFoo` for type MessageContent`), read as
//!   [`Value::Null`] (left out in a field that may be null).
//!
//! A line that is not JSON is a [`ValueErrorKind::Syntax`] error naming the byte. Writing
//! checks that every required field is present.
//!
//! ```
//! use tlgen_dynamic::{Schema, TdDialect, TdJsonOptions, Type};
//!
//! let schema = Schema::from_source(
//!     "int32 = Int32;\nint53 = Int53;\nint64 = Int64;\n\
//!      //@description A text @text The text @entities Its entities; may be null\n\
//!      formattedText text:string entities:vector<textEntity> = FormattedText;\n\
//!      textEntity offset:int32 length:int32 = TextEntity;\n\
//!      ---functions---\n\
//!      sendText chat_id:int53 random_id:int64 text:formattedText = FormattedText;",
//! )?;
//! let options = TdJsonOptions::new(TdDialect::Tdlib);
//! let line = r#"{"@type":"sendText","chat_id":"12","random_id":34,"text":{"text":"h\u00e9","entities":[]},"@extra":7}"#;
//! let read = schema.from_td_json_str(line, &Type::FUNCTION, options)?;
//! assert!(read.warnings.is_empty());
//! let written = schema.td_json(&read.value, TdDialect::Tdlib).with_extra(read.extra.as_ref(), None);
//! assert_eq!(
//!     written.to_json_string()?,
//!     r#"{"@type":"sendText","chat_id":12,"random_id":"34","text":{"@type":"formattedText","text":"h\u00e9","entities":[]},"@extra":7}"#
//! );
//!
//! let err = schema
//!     .from_td_json_str(r#"{"@type":"sendText","chat_id":1,"random_id":"x","text":{}}"#, &Type::FUNCTION, options)
//!     .unwrap_err();
//! assert_eq!(err.to_string(), r#"$.random_id: invalid int64: "x" is not an integer in canonical decimal form"#);
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

mod read;
mod write;

use serde_json::Value as Json;

pub use write::TdJsonValue;

use crate::error::{ValueError, ValueErrorKind};
use crate::schema::Schema;
use crate::ty::Type;
use crate::value::Value;

/// Which library's JSON: they differ only in the keys allowed at the top of a line.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum TdDialect {
    /// TDLib's `td_json_client`: `@extra` and `@client_id` at the top; a field is nullable
    /// when its doc says so.
    Tdlib,
    /// tonlib's `tonlib_client_json`: `@extra` at the top; every object field is nullable.
    Tonlib,
}

impl TdDialect {
    /// Whether `key` may stand at the top of a line besides the fields.
    pub(crate) fn is_meta_key(self, key: &str) -> bool {
        key == EXTRA_KEY || (self == TdDialect::Tdlib && key == CLIENT_ID_KEY)
    }
}

/// The key of an object's constructor name.
pub const TYPE_KEY: &str = "@type";
/// The key of a request's extra data, echoed in its answer.
pub const EXTRA_KEY: &str = "@extra";
/// The key of TDLib's client identifier in what `td_receive` returns.
pub const CLIENT_ID_KEY: &str = "@client_id";

/// How to read TDLib's or tonlib's JSON.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TdJsonOptions {
    dialect: TdDialect,
    strict: bool,
}

impl TdJsonOptions {
    /// Reads `dialect`'s JSON; unknown fields and constructors are warnings.
    #[must_use]
    pub fn new(dialect: TdDialect) -> Self {
        TdJsonOptions {
            dialect,
            strict: false,
        }
    }

    /// With `strict`, an unknown field or constructor is an error instead of a warning.
    #[must_use]
    pub fn strict(mut self, strict: bool) -> Self {
        self.strict = strict;
        self
    }

    /// The dialect.
    #[must_use]
    pub fn dialect(&self) -> TdDialect {
        self.dialect
    }

    /// Whether unknown fields and constructors are errors.
    #[must_use]
    pub fn is_strict(&self) -> bool {
        self.strict
    }
}

/// A value read from TDLib's or tonlib's JSON, with what was found beside it.
#[derive(Debug, Clone, PartialEq)]
pub struct TdJsonRead {
    /// The value.
    pub value: Value,
    /// What the schema does not explain but the library would ignore (unknown fields, and
    /// unknown constructors, read as [`Value::Null`]), each with its path; empty when
    /// reading strictly.
    pub warnings: Vec<ValueError>,
    /// The top-level `@extra`, if any.
    pub extra: Option<Json>,
    /// The top-level `@client_id` (TDLib), if any.
    pub client_id: Option<i32>,
}

impl Schema {
    /// Reads one line of TDLib's or tonlib's JSON as a value of `ty`; see the
    /// [module docs](crate::tdjson) for the rules and what is an error.
    pub fn from_td_json_str(
        &self,
        text: &str,
        ty: &Type,
        options: TdJsonOptions,
    ) -> Result<TdJsonRead, ValueError> {
        read::Reader::new(self, text, options).top(&ty.0)
    }

    /// Reads a JSON value of TDLib's or tonlib's mapping as a value of `ty`: its text, as
    /// serde_json writes it, read by [`from_td_json_str`](Self::from_td_json_str).
    pub fn from_td_json(
        &self,
        json: &Json,
        ty: &Type,
        options: TdJsonOptions,
    ) -> Result<TdJsonRead, ValueError> {
        let text = serde_json::to_string(json).map_err(|e| {
            ValueError::new(ValueErrorKind::Syntax {
                message: e.to_string(),
            })
        })?;
        self.from_td_json_str(&text, ty, options)
    }

    /// `value` in TDLib's or tonlib's JSON, to be written with
    /// [`TdJsonValue::to_json_string`] (after [`TdJsonValue::with_extra`], for an answer).
    #[must_use]
    pub fn td_json<'s>(&'s self, value: &'s Value, dialect: TdDialect) -> TdJsonValue<'s> {
        TdJsonValue::new(self, value, dialect)
    }

    /// `value` as one line of TDLib's or tonlib's JSON.
    ///
    /// Fails for a value that is not of this schema, that lacks a required field, holds a
    /// non-finite `double` or an MTProto envelope, or nests deeper than
    /// [`MAX_ENCODE_DEPTH`](crate::MAX_ENCODE_DEPTH).
    pub fn to_td_json_string(
        &self,
        value: &Value,
        dialect: TdDialect,
    ) -> Result<String, ValueError> {
        self.td_json(value, dialect).to_json_string()
    }
}
