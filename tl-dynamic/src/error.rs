//! The error types: building a [`Schema`](crate::Schema), decoding, encoding, and the
//! JSON path that locates a problem inside a value.

use std::fmt;

/// An error building a [`Schema`](crate::Schema) or resolving a type expression.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SchemaError {
    /// The TL text has errors: the parser's diagnostics (each rendered with
    /// `file:line:column` by `Display`).
    Parse(Vec<tlgen_parser::Diagnostic>),
    /// A parameter's type names nothing the schema declares (or a form not supported).
    UnknownType {
        /// The definition holding the parameter (empty for a standalone type expression).
        definition: String,
        /// The parameter (empty for a standalone type expression).
        param: String,
        /// The type as written.
        ty: String,
        /// Why it could not be resolved: the parser's resolution error.
        reason: tlgen_parser::resolve::ResolveError,
    },
    /// `field.N?T` names no earlier `#` parameter.
    UnknownFlagField {
        /// The definition.
        definition: String,
        /// The parameter.
        param: String,
        /// The flag field it names.
        field: String,
    },
    /// `field.N?T` with `N` above 31.
    FlagBitOutOfRange {
        /// The definition.
        definition: String,
        /// The parameter.
        param: String,
        /// The bit as written.
        bit: u32,
    },
    /// A definition has more `#` parameters than [`MAX_FLAG_WORDS`](crate::MAX_FLAG_WORDS).
    TooManyFlagWords {
        /// The definition.
        definition: String,
    },
    /// Two definitions share a wire id.
    DuplicateId {
        /// The id.
        id: u32,
        /// The first definition.
        first: String,
        /// The second definition.
        second: String,
    },
    /// Two definitions share a name.
    DuplicateName {
        /// The name.
        name: String,
    },
    /// A type expression does not follow the TL type grammar (`name`, `%name`,
    /// `Name<Arg>`, `(vector T)`), as `tlgen_parser::parse_type` reads it.
    Syntax {
        /// The text.
        text: String,
        /// Byte offset of the problem.
        offset: usize,
        /// What was expected there or what is wrong.
        message: String,
    },
    /// The schema has more definitions, parameters or types than the plan can index (2^32).
    TooLarge,
}

impl fmt::Display for SchemaError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Parse(errors) => {
                write!(f, "the schema has {} error(s)", errors.len())?;
                for e in errors {
                    write!(f, "\n{e}")?;
                }
                Ok(())
            }
            Self::UnknownType {
                definition,
                param,
                ty,
                reason,
            } if definition.is_empty() => write!(f, "type `{ty}`{param}: {reason}"),
            Self::UnknownType {
                definition,
                param,
                ty,
                reason,
            } => write!(f, "{definition}.{param}: type `{ty}`: {reason}"),
            Self::UnknownFlagField {
                definition,
                param,
                field,
            } => write!(
                f,
                "{definition}.{param}: `{field}` is not an earlier `#` parameter"
            ),
            Self::FlagBitOutOfRange {
                definition,
                param,
                bit,
            } => write!(f, "{definition}.{param}: flag bit {bit} is above 31"),
            Self::TooManyFlagWords { definition } => write!(
                f,
                "{definition}: more than {} `#` parameters",
                crate::MAX_FLAG_WORDS
            ),
            Self::DuplicateId { id, first, second } => {
                write!(f, "{first} and {second} share the id {id:#010x}")
            }
            Self::DuplicateName { name } => write!(f, "two definitions are named `{name}`"),
            Self::Syntax {
                text,
                offset,
                message,
            } => {
                write!(
                    f,
                    "invalid type expression `{text}`: {message} at byte {offset}"
                )
            }
            Self::TooLarge => f.write_str("the schema is too large to index"),
        }
    }
}

impl std::error::Error for SchemaError {}

/// What went wrong while decoding; see [`DecodeError::cause`].
///
/// The reader's errors are the runtime's own [`DecodeErrorKind`](tlgen_runtime::DecodeErrorKind),
/// held as they are; beside them, the one error only the schema can find.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DecodeCause {
    /// An error of the runtime's [`Reader`](tlgen_runtime::Reader) (end of input, bad length,
    /// invalid UTF-8, depth, `gzip_packed`, trailing bytes, a wrong `Vector` or `Bool` id).
    Read(tlgen_runtime::DecodeErrorKind),
    /// A constructor id that is unknown or not of the type the schema expects there; the
    /// offset is the id's.
    UnexpectedConstructor {
        /// The id found.
        id: u32,
        /// What was expected: a type of the schema (`Updates`), `a function call`, ….
        expected: String,
    },
}

impl From<tlgen_runtime::DecodeErrorKind> for DecodeCause {
    fn from(kind: tlgen_runtime::DecodeErrorKind) -> Self {
        Self::Read(kind)
    }
}

impl fmt::Display for DecodeCause {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Read(kind) => kind.fmt(f),
            Self::UnexpectedConstructor { id, expected } => {
                write!(f, "unexpected constructor {id:#010x} for {expected}")
            }
        }
    }
}

/// Where something is in the input: a byte offset, and the stream it counts in — the input
/// itself, or the unpacked content of the `gzip_packed` object at a byte of the input.
///
/// Displays as `byte 68` or `byte 68 of the gzip_packed content at byte 32`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Location {
    /// The byte offset, in the input or in the unpacked content of [`Location::gzip_packed`].
    pub offset: usize,
    /// Where the `gzip_packed` object (its id) is in the input, when `offset` counts in its
    /// unpacked content.
    pub gzip_packed: Option<usize>,
}

impl Location {
    /// The same place seen from a stream in which the part holding it starts at `start`.
    #[must_use]
    pub(crate) fn in_part_at(self, start: usize) -> Self {
        match self.gzip_packed {
            Some(at) => Location {
                gzip_packed: Some(at.saturating_add(start)),
                ..self
            },
            None => Location {
                offset: self.offset.saturating_add(start),
                ..self
            },
        }
    }

    /// The same place seen from the stream holding, at `start`, the `gzip_packed` whose
    /// content it counts in.
    #[must_use]
    pub(crate) fn in_gzip_at(self, start: usize) -> Self {
        Location {
            gzip_packed: Some(start),
            ..self
        }
    }
}

impl fmt::Display for Location {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "byte {}", self.offset)?;
        if let Some(at) = self.gzip_packed {
            write!(f, " of the gzip_packed content at byte {at}")?;
        }
        Ok(())
    }
}

/// One step of a [`DecodePath`]: a field of an object, or an item of a vector (or of a
/// container's messages).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DecodeStep {
    /// A field (or `#` flag word) of a constructor or function.
    Field {
        /// The TL name of the constructor or function, e.g. `liteServer.masterchainInfo`.
        definition: String,
        /// The field, e.g. `last`.
        field: String,
        /// Its type, e.g. `tonNode.blockIdExt`, `Vector<Message>`, `#`.
        ty: String,
    },
    /// An item of a vector.
    Index {
        /// The item's index.
        index: usize,
        /// The item type, e.g. `Message`.
        ty: String,
    },
}

/// Where a decoding error is in the value being decoded: the fields and items from the root
/// object down to the value being read.
///
/// Displays as `liteServer.masterchainInfo.last (tonNode.blockIdExt)`: the root object's
/// name, each field and index, and the type of the value being read. A path that starts at
/// a vector starts with `$`: `$[3].id (int)`.
///
/// Built while an error travels back up the recursion, so it costs nothing when there is
/// no error.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct DecodePath {
    /// Innermost step first, while the path is being built.
    reversed: Vec<DecodeStep>,
}

impl DecodePath {
    /// The steps from the root down.
    pub fn steps(&self) -> impl Iterator<Item = &DecodeStep> {
        self.reversed.iter().rev()
    }

    /// Whether the error is at the root (no field or item).
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.reversed.is_empty()
    }
}

impl fmt::Display for DecodePath {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut steps = self.steps().peekable();
        match steps.peek() {
            Some(DecodeStep::Field { definition, .. }) => f.write_str(definition)?,
            Some(DecodeStep::Index { .. }) => f.write_str("$")?,
            None => return Ok(()),
        }
        let mut ty = "";
        for step in steps {
            match step {
                DecodeStep::Field { field, ty: t, .. } => {
                    write!(f, ".{field}")?;
                    ty = t;
                }
                DecodeStep::Index { index, ty: t } => {
                    write!(f, "[{index}]")?;
                    ty = t;
                }
            }
        }
        write!(f, " ({ty})")
    }
}

/// A decoding error: where ([`Location`] and [`DecodePath`]) and what went wrong there.
///
/// One pointer wide, so that `Result<Value, DecodeError>` stays small on the hot path.
#[derive(Clone, PartialEq, Eq)]
pub struct DecodeError(Box<Inner>);

#[derive(Clone, PartialEq, Eq)]
struct Inner {
    location: Location,
    cause: DecodeCause,
    path: DecodePath,
    /// For trailing bytes at the root: the name of the object they follow.
    after: Option<String>,
}

impl DecodeError {
    /// An error of `cause` at byte `offset`.
    #[cold]
    #[inline(never)]
    #[must_use]
    pub fn new(offset: usize, cause: impl Into<DecodeCause>) -> Self {
        Self(Box::new(Inner {
            location: Location {
                offset,
                gzip_packed: None,
            },
            cause: cause.into(),
            path: DecodePath::default(),
            after: None,
        }))
    }

    /// The byte offset where the error happened, in the stream [`DecodeError::location`]
    /// names: the input, or the unpacked content of a `gzip_packed`.
    #[must_use]
    pub fn offset(&self) -> usize {
        self.0.location.offset
    }

    /// Where the error happened, with the stream its offset counts in.
    #[must_use]
    pub fn location(&self) -> Location {
        self.0.location
    }

    /// Where in the value the error happened: the fields and items from the root down.
    #[must_use]
    pub fn path(&self) -> &DecodePath {
        &self.0.path
    }

    /// The same error `by` bytes further into the input (for a part decoded on its own).
    #[must_use]
    pub(crate) fn shifted(mut self, by: usize) -> Self {
        self.0.location = self.0.location.in_part_at(by);
        self
    }

    /// The same error seen from the stream holding, at `start`, the `gzip_packed` whose
    /// unpacked content it happened in.
    #[must_use]
    pub(crate) fn in_gzip_at(mut self, start: usize) -> Self {
        self.0.location = self.0.location.in_gzip_at(start);
        self
    }

    /// Adds `step` above the current path.
    #[cold]
    #[inline(never)]
    #[must_use]
    pub(crate) fn at(mut self, step: DecodeStep) -> Self {
        self.0.path.reversed.push(step);
        self
    }

    /// Says which object trailing bytes at the root follow.
    #[cold]
    #[inline(never)]
    #[must_use]
    pub(crate) fn after(mut self, name: &str) -> Self {
        self.0.after = Some(name.to_owned());
        self
    }

    /// What went wrong.
    #[must_use]
    pub fn cause(&self) -> &DecodeCause {
        &self.0.cause
    }

    /// The runtime's kind of the error, unless it is a constructor the schema does not
    /// allow ([`DecodeCause::UnexpectedConstructor`]).
    #[must_use]
    pub fn kind(&self) -> Option<&tlgen_runtime::DecodeErrorKind> {
        match self.cause() {
            DecodeCause::Read(kind) => Some(kind),
            DecodeCause::UnexpectedConstructor { .. } => None,
        }
    }
}

impl From<tlgen_runtime::DecodeError> for DecodeError {
    #[cold]
    #[inline(never)]
    fn from(e: tlgen_runtime::DecodeError) -> Self {
        Self::new(e.offset(), e.kind().clone())
    }
}

impl fmt::Display for DecodeError {
    /// Formats as e.g. `liteServer.masterchainInfo.last (tonNode.blockIdExt) at byte 40:
    /// unexpected end of input (needed 4 bytes)`; at the root, without a path, as
    /// `unexpected constructor 0x12345678 for Updates at byte 0` or `4 trailing bytes at
    /// byte 20 after updateShort`; an offset in a `gzip_packed` reads `at byte 68 of the
    /// gzip_packed content at byte 32`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let Inner {
            location,
            cause,
            path,
            after,
        } = &*self.0;
        if !path.is_empty() {
            return write!(f, "{path} at {location}: {cause}");
        }
        write!(f, "{cause} at {location}")?;
        if let Some(name) = after {
            write!(f, " after {name}")?;
        }
        Ok(())
    }
}

impl fmt::Debug for DecodeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("DecodeError")
            .field("location", &self.0.location)
            .field("cause", &self.0.cause)
            .field("path", &self.0.path)
            .finish()
    }
}

impl std::error::Error for DecodeError {}

/// One step of a [`Path`]: a field name or a vector index.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Segment {
    /// A field of an object.
    Field(String),
    /// An item of a vector.
    Index(usize),
}

/// Where in a value something is, written like `$.messages[3].id`.
///
/// Built while an error travels back up the recursion, so it costs nothing when there is
/// no error.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Path {
    /// Innermost segment first, while the path is being built.
    reversed: Vec<Segment>,
}

impl Path {
    /// The segments from the root down.
    pub fn segments(&self) -> impl Iterator<Item = &Segment> {
        self.reversed.iter().rev()
    }

    /// Adds the segment above everything already in the path.
    pub(crate) fn push_outer(&mut self, segment: Segment) {
        self.reversed.push(segment);
    }
}

impl fmt::Display for Path {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("$")?;
        for s in self.segments() {
            match s {
                Segment::Field(name) => write!(f, ".{name}")?,
                Segment::Index(i) => write!(f, "[{i}]")?,
            }
        }
        Ok(())
    }
}

/// What is wrong with a value being encoded (or read from JSON).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ValueErrorKind {
    /// A value of the wrong kind: `expected` describes the type, `found` the value.
    WrongKind {
        /// The expected TL type, e.g. `long`, `Vector<User>`, `InputPeer`.
        expected: String,
        /// What was found, e.g. `string`, `object inputUserSelf`.
        found: String,
    },
    /// A required (not `flags.N?`) field is absent.
    MissingField {
        /// The constructor or function.
        definition: String,
        /// The field.
        field: String,
    },
    /// A field name the definition does not have (JSON only).
    UnknownField {
        /// The constructor or function.
        definition: String,
        /// The field as written.
        field: String,
    },
    /// An object's field index is out of order or beyond its definition's fields.
    BadFieldIndex {
        /// The constructor or function.
        definition: String,
        /// The index given.
        index: u32,
        /// The number of non-`#` parameters.
        fields: usize,
    },
    /// Fields that share one flag bit are not all present or all absent.
    InconsistentFlag {
        /// The constructor or function.
        definition: String,
        /// The field whose presence disagrees with `mate`.
        field: String,
        /// Whether `field` is present.
        present: bool,
        /// The flag, e.g. `flags.10`.
        flag: String,
        /// The first field of the same bit.
        mate: String,
    },
    /// A name (`"_"` in JSON, or a definition index) the schema does not have.
    UnknownName {
        /// The name as written.
        name: String,
    },
    /// A JSON object without its `"_"` name.
    MissingName,
    /// A TDLib or tonlib JSON object without the `"@type"` that its type needs (an
    /// abstract type, or any object at the top).
    MissingType,
    /// A TDLib or tonlib JSON `"@type"` the schema does not have, where a value of
    /// `expected` stands (a newer library's constructor, read with an older schema).
    UnknownConstructor {
        /// The `"@type"` as written (a name, or a numeric id in decimal).
        name: String,
        /// The type expected there: `MessageContent`, `a function call`, ….
        expected: String,
    },
    /// A value that does not fit its TL type (number out of range, bad base64, bad length).
    Invalid {
        /// The expected TL type.
        expected: String,
        /// What is wrong.
        reason: String,
    },
    /// A `bytes`/`string` longer than TL can encode (2^24 - 1 bytes).
    TooLong {
        /// The length.
        len: usize,
    },
    /// Objects and vectors nested deeper than `limit`.
    TooDeep {
        /// The limit.
        limit: u32,
    },
    /// JSON text that does not parse.
    Syntax {
        /// serde_json's message (with line and column).
        message: String,
    },
}

impl fmt::Display for ValueErrorKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::WrongKind { expected, found } => write!(f, "expected {expected}, found {found}"),
            Self::MissingField { definition, field } => {
                write!(f, "missing field `{field}` of {definition}")
            }
            Self::UnknownField { definition, field } => {
                write!(f, "{definition} has no field `{field}`")
            }
            Self::BadFieldIndex {
                definition,
                index,
                fields,
            } => write!(
                f,
                "field index {index} is out of order or not below {fields}, the fields of {definition}"
            ),
            Self::InconsistentFlag {
                definition,
                field,
                present,
                flag,
                mate,
            } => write!(
                f,
                "{definition}.{field} is {} but {definition}.{mate} is {}, and both use {flag}",
                if *present { "present" } else { "absent" },
                if *present { "absent" } else { "present" },
            ),
            Self::UnknownName { name } => write!(f, "unknown constructor or function `{name}`"),
            Self::MissingName => f.write_str("object without its \"_\" name"),
            Self::MissingType => f.write_str("object without its \"@type\""),
            Self::UnknownConstructor { name, expected } => {
                write!(f, "unknown constructor `{name}` for {expected}")
            }
            Self::Invalid { expected, reason } => write!(f, "invalid {expected}: {reason}"),
            Self::TooLong { len } => write!(f, "{len} bytes is too long for TL (max 16777215)"),
            Self::TooDeep { limit } => write!(f, "nesting deeper than {limit} levels"),
            Self::Syntax { message } => write!(f, "JSON syntax: {message}"),
        }
    }
}

/// An error encoding a [`Value`](crate::Value) or reading one from JSON: where and what.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ValueError(Box<(Path, ValueErrorKind)>);

impl ValueError {
    /// An error of `kind` at the root of the value (the path grows as it is returned).
    #[cold]
    #[inline(never)]
    #[must_use]
    pub fn new(kind: ValueErrorKind) -> Self {
        Self(Box::new((Path::default(), kind)))
    }

    /// Where the problem is, e.g. `$.invoice.slug`.
    #[must_use]
    pub fn path(&self) -> &Path {
        &self.0 .0
    }

    /// What is wrong.
    #[must_use]
    pub fn kind(&self) -> &ValueErrorKind {
        &self.0 .1
    }

    /// Adds `segment` above the current path.
    #[cold]
    #[inline(never)]
    pub(crate) fn at(mut self, segment: Segment) -> Self {
        self.0 .0.push_outer(segment);
        self
    }

    /// Adds a field segment above the current path.
    #[cold]
    #[inline(never)]
    pub(crate) fn at_field(self, name: &str) -> Self {
        self.at(Segment::Field(name.to_owned()))
    }

    /// Adds an index segment above the current path.
    #[cold]
    #[inline(never)]
    pub(crate) fn at_index(self, index: usize) -> Self {
        self.at(Segment::Index(index))
    }
}

impl fmt::Display for ValueError {
    /// Formats as e.g. `$.messages[3].id: expected int, found string`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.path(), self.kind())
    }
}

impl std::error::Error for ValueError {}
