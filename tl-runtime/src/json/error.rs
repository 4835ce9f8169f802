//! The JSON decoding error: what went wrong, where in the document (its JSON path) and at which
//! byte.

use core::fmt;

/// What went wrong while reading TDLib/tonlib JSON; see [`JsonError::kind`].
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum JsonErrorKind {
    /// A field that the type requires is absent (or `null`). The error's path is the missing
    /// field's (`$.message.content.text`), its offset where the object starts.
    MissingField {
        /// The field's JSON name.
        field: String,
    },
    /// A value of the wrong JSON kind: a string where a number is needed, and so on.
    UnexpectedType {
        /// What was needed: `"object"`, `"array"`, `"string"`, `"number"`, `"boolean"`, …
        expected: &'static str,
        /// What was found, in the same words (`"null"` included).
        found: &'static str,
    },
    /// A number (or a number in a string) that is not a value of the needed type: not an
    /// integer in canonical decimal form, out of the type's range, or not a finite double.
    InvalidNumber {
        /// The needed type: `"int32"`, `"int53"`, `"int64"`, `"double"`.
        expected: &'static str,
    },
    /// A string that is not base64 as TDLib reads it (standard alphabet, `=` padding to a
    /// multiple of 4 characters, zero bits after the last byte).
    InvalidBase64,
    /// Base64 of the wrong number of bytes for a fixed-size value (`int128`, `int256`).
    InvalidLength {
        /// The needed number of bytes.
        expected: usize,
        /// The number of bytes the base64 text holds.
        found: usize,
    },
    /// An object whose `@type` is not the constructor being read.
    UnexpectedConstructor {
        /// The constructor being read.
        expected: &'static str,
        /// The `@type` found (its text, for a numeric one).
        found: String,
    },
    /// An object of an abstract type (or a top-level object) without `@type`.
    MissingType,
    /// A `@type` that the reader does not know where an unknown constructor cannot be kept.
    UnknownType {
        /// The `@type` found.
        type_name: String,
    },
    /// A backslash escape that JSON does not define (`\q`), or `\u` without four hex digits.
    InvalidEscape,
    /// A `\uXXXX` escape of a UTF-16 surrogate that is not half of a valid pair (no UTF-8
    /// string can hold it).
    LoneSurrogate,
    /// Values nested in more than `limit` arrays and objects.
    TooDeep {
        /// The reader's maximum depth.
        limit: u32,
    },
    /// The input ended inside a value.
    UnexpectedEnd,
    /// A character that cannot stand here.
    Syntax {
        /// What was expected instead, e.g. `"',' or '}'"`.
        expected: &'static str,
    },
    /// Something other than whitespace after the value.
    TrailingCharacters,
}

impl fmt::Display for JsonErrorKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::MissingField { field } => write!(f, "missing required field `{field}`"),
            Self::UnexpectedType { expected, found } => {
                write!(f, "expected {expected}, found {found}")
            }
            Self::InvalidNumber { expected } => write!(f, "invalid {expected}"),
            Self::InvalidBase64 => f.write_str("invalid base64"),
            Self::InvalidLength { expected, found } => {
                write!(f, "expected {expected} bytes, found {found}")
            }
            Self::UnexpectedConstructor { expected, found } => {
                write!(f, "expected @type `{expected}`, found `{found}`")
            }
            Self::MissingType => f.write_str("object without @type"),
            Self::UnknownType { type_name } => write!(f, "unknown @type `{type_name}`"),
            Self::InvalidEscape => f.write_str("invalid escape in string"),
            Self::LoneSurrogate => f.write_str("unpaired UTF-16 surrogate in \\u escape"),
            Self::TooDeep { limit } => write!(f, "nested deeper than {limit} levels"),
            Self::UnexpectedEnd => f.write_str("unexpected end of input"),
            Self::Syntax { expected } => write!(f, "syntax error: expected {expected}"),
            Self::TrailingCharacters => f.write_str("trailing characters after the value"),
        }
    }
}

/// A JSON decoding error: its [kind](Self::kind), the JSON [path](Self::path) of the value
/// where it happened (`$.message.content.text`, `$.messages[3]`) and the byte
/// [offset](Self::offset) into the input.
///
/// Displayed as `$.message.content: missing required field `text` (at byte 120)`, or
/// `$.messages[3].id: expected number, found string (at byte 57)`.
#[derive(Clone, PartialEq, Eq, Hash)]
pub struct JsonError(Box<Inner>);

#[derive(Debug, Clone, PartialEq, Eq, Hash)]
struct Inner {
    kind: JsonErrorKind,
    path: String,
    offset: usize,
}

impl JsonError {
    /// An error of `kind` at JSON path `path` (`$` for the whole document) and byte `offset`.
    /// Readers build errors with [`JsonReader::error`](crate::json::JsonReader::error), which
    /// fills in the path and offset.
    pub fn new(kind: JsonErrorKind, path: impl Into<String>, offset: usize) -> Self {
        Self(Box::new(Inner {
            kind,
            path: path.into(),
            offset,
        }))
    }

    /// What went wrong.
    pub fn kind(&self) -> &JsonErrorKind {
        &self.0.kind
    }

    /// The JSON path of the offending value: `$` is the whole document, `.name` a field,
    /// `[3]` an array item. For [`JsonErrorKind::MissingField`], the missing field's path.
    pub fn path(&self) -> &str {
        &self.0.path
    }

    /// The byte offset into the input where the problem was found.
    pub fn offset(&self) -> usize {
        self.0.offset
    }
}

impl fmt::Display for JsonError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let inner = &*self.0;
        // A missing field is reported at the object that lacks it, naming the field.
        let path = match &inner.kind {
            JsonErrorKind::MissingField { field } => inner
                .path
                .strip_suffix(field.as_str())
                .and_then(|parent| parent.strip_suffix('.'))
                .unwrap_or(&inner.path),
            _ => &inner.path,
        };
        write!(f, "{path}: {} (at byte {})", inner.kind, inner.offset)
    }
}

impl fmt::Debug for JsonError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("JsonError")
            .field("kind", &self.0.kind)
            .field("path", &self.0.path)
            .field("offset", &self.0.offset)
            .finish()
    }
}

impl std::error::Error for JsonError {}
