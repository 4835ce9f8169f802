//! The decoding error type.

use core::fmt;

/// The result type of every decoding operation.
pub type Result<T, E = DecodeError> = core::result::Result<T, E>;

/// What went wrong while decoding; see [`DecodeError::kind`].
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum DecodeErrorKind {
    /// The input ended early: the read that started at the error's offset
    /// needed `needed` bytes from there.
    UnexpectedEnd {
        /// How many bytes the failed read needed, counted from the error's offset.
        needed: usize,
    },
    /// A constructor id that the expected type does not have; the error's
    /// offset is where the id starts.
    UnexpectedConstructor {
        /// The constructor id found in the input.
        id: u32,
        /// The TL name of the expected type, e.g. `"Updates"`, `"Bool"` or `"Vector"`.
        expected: &'static str,
    },
    /// A length that cannot be right: a vector count that is negative or
    /// larger than the remaining input can hold (every element takes at least
    /// 4 bytes), or a string length prefix byte of `0xff`.
    ///
    /// A negative vector count is reported as its two's-complement `u32`
    /// value (`-1` → `4294967295`).
    InvalidLength {
        /// The offending length as found in the input.
        len: usize,
    },
    /// A `bytes`/`string` whose length prefix (at the error's offset) says more bytes than
    /// the input (or the object holding it) has left after the prefix.
    LengthExceeds {
        /// The length the prefix says.
        len: usize,
        /// How many bytes were left after the prefix.
        left: usize,
    },
    /// A TL `string` whose content is not valid UTF-8; the error's offset is
    /// where the string (its length prefix) starts.
    InvalidUtf8,
    /// Values were nested more than `limit` levels deep (see [`Reader::enter`](crate::Reader::enter)).
    TooDeep {
        /// The reader's maximum depth.
        limit: u32,
    },
    /// A `gzip_packed` object that could not be unpacked; the error's offset is where the
    /// problem is in the input (the packed object's id for [`GzipError::Nested`]).
    Gzip(GzipError),
    /// The value was decoded but `count` bytes of input were left over
    /// (see [`Deserializable::from_bytes`](crate::Deserializable::from_bytes)).
    TrailingBytes {
        /// How many bytes were left.
        count: usize,
    },
}

/// Why a `gzip_packed#3072cfa1 packed_data:bytes` could not be unpacked (see
/// [`unpack`](crate::unpack)).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum GzipError {
    /// Not a gzip member header (RFC 1952 §2.3): wrong magic bytes, a compression method other
    /// than deflate, reserved flag bits set, a header cut short or a wrong header CRC.
    Header,
    /// The deflate data (RFC 1951) is malformed.
    Deflate,
    /// The stream ends before its deflate data or its 8-byte trailer does.
    Truncated,
    /// The CRC-32 in the trailer is not that of the unpacked data.
    Checksum,
    /// The size in the trailer (`ISIZE`, modulo 2^32) is not that of the unpacked data.
    Size,
    /// Bytes follow the gzip member's trailer.
    TrailingData,
    /// Unpacking would produce more than `limit` bytes; it stopped there.
    TooLarge {
        /// The limit that was reached.
        limit: usize,
    },
    /// The unpacked object is itself a `gzip_packed`, which is refused.
    Nested,
    /// A `gzip_packed` answer decoded with borrowing: it must be unpacked into a buffer that
    /// outlives the values first ([`unpack`](crate::unpack),
    /// [`RemoteCallBorrowed::decode_response_in`](crate::RemoteCallBorrowed::decode_response_in)).
    NeedsBuffer,
    /// The crate was built without its `gzip` feature.
    Unsupported,
}

impl fmt::Display for GzipError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Header => f.write_str("invalid gzip header"),
            Self::Deflate => f.write_str("invalid deflate data"),
            Self::Truncated => f.write_str("gzip stream cut short"),
            Self::Checksum => f.write_str("CRC-32 mismatch"),
            Self::Size => f.write_str("size mismatch"),
            Self::TrailingData => f.write_str("bytes after the gzip stream"),
            Self::TooLarge { limit } => write!(f, "unpacks to more than {limit} bytes"),
            Self::Nested => f.write_str("gzip_packed inside gzip_packed"),
            Self::NeedsBuffer => f.write_str(
                "borrowed decoding needs a buffer to unpack into (tlgen_runtime::unpack)",
            ),
            Self::Unsupported => f.write_str("built without the `gzip` feature"),
        }
    }
}

/// A decoding error: the byte offset where it happened and what went wrong.
///
/// The error is a single pointer wide (the details live in a box), so that
/// `Result<T, DecodeError>` stays small on the hot path; errors are only
/// built on the cold path.
#[derive(Clone, PartialEq, Eq, Hash)]
pub struct DecodeError {
    inner: Box<Inner>,
}

#[derive(Clone, PartialEq, Eq, Hash)]
struct Inner {
    offset: usize,
    kind: DecodeErrorKind,
    /// The TL names of the constructors being decoded, innermost first (see
    /// [`DecodeError::within`]).
    within: Vec<&'static str>,
}

impl DecodeError {
    /// Creates an error of `kind` at byte `offset` of the input.
    #[cold]
    #[inline(never)]
    #[must_use]
    pub fn new(offset: usize, kind: DecodeErrorKind) -> Self {
        Self {
            inner: Box::new(Inner {
                offset,
                kind,
                within: Vec::new(),
            }),
        }
    }

    /// Creates an [`DecodeErrorKind::UnexpectedEnd`] error.
    #[cold]
    #[inline(never)]
    #[must_use]
    pub fn unexpected_end(offset: usize, needed: usize) -> Self {
        Self::new(offset, DecodeErrorKind::UnexpectedEnd { needed })
    }

    /// Creates an [`DecodeErrorKind::UnexpectedConstructor`] error.
    #[cold]
    #[inline(never)]
    #[must_use]
    pub fn unexpected_constructor(offset: usize, id: u32, expected: &'static str) -> Self {
        Self::new(
            offset,
            DecodeErrorKind::UnexpectedConstructor { id, expected },
        )
    }

    /// Creates an [`DecodeErrorKind::InvalidLength`] error.
    #[cold]
    #[inline(never)]
    #[must_use]
    pub fn invalid_length(offset: usize, len: usize) -> Self {
        Self::new(offset, DecodeErrorKind::InvalidLength { len })
    }

    /// Creates a [`DecodeErrorKind::Gzip`] error.
    #[cold]
    #[inline(never)]
    #[must_use]
    pub fn gzip(offset: usize, error: GzipError) -> Self {
        Self::new(offset, DecodeErrorKind::Gzip(error))
    }

    /// The byte offset in the input where the error happened.
    #[inline]
    #[must_use]
    pub fn offset(&self) -> usize {
        self.inner.offset
    }

    /// What went wrong.
    #[inline]
    #[must_use]
    pub fn kind(&self) -> &DecodeErrorKind {
        &self.inner.kind
    }

    /// The same error, seen from the constructor `name` that was being decoded when it
    /// happened: generated code adds each constructor's TL name as the error passes out of
    /// it (the boxed dispatch of an enum, or [`Deserializable`](crate::Deserializable) of a
    /// constructor), so the error names the object it is in.
    #[cold]
    #[inline(never)]
    #[must_use]
    pub fn within(mut self, name: &'static str) -> Self {
        self.inner.within.push(name);
        self
    }

    /// The same error, seen from the constructor whose id is `id` in `cases` (a boxed
    /// type's constructors: id and TL name), as [`within`](Self::within) names it.
    ///
    /// A generated enum's dispatch calls this once, on its error path, instead of naming
    /// the constructor in each case: the table is a constant, so the cases stay as small
    /// as without names (issue 28: about 2,000 cases in the Telegram schema). An id not in
    /// `cases` (never, from generated code) leaves the error as it is.
    #[cold]
    #[inline(never)]
    #[must_use]
    pub fn within_case(self, id: u32, cases: &'static [(u32, &'static str)]) -> Self {
        match cases.iter().find(|(case, _)| *case == id) {
            Some((_, name)) => self.within(name),
            None => self,
        }
    }

    /// The TL names of the constructors the error happened in, outermost first, e.g.
    /// `["messages.messages", "message"]`; empty for an error outside any (a primitive, a
    /// vector's count, trailing bytes).
    pub fn constructors(&self) -> impl Iterator<Item = &'static str> + '_ {
        self.inner.within.iter().rev().copied()
    }
}

impl fmt::Debug for DecodeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut debug = f.debug_struct("DecodeError");
        debug
            .field("offset", &self.inner.offset)
            .field("kind", &self.inner.kind);
        if !self.inner.within.is_empty() {
            debug.field("within", &Within(&self.inner.within));
        }
        debug.finish()
    }
}

impl fmt::Display for DecodeErrorKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::UnexpectedEnd { needed } => {
                write!(f, "unexpected end of input (needed {needed} bytes)")
            }
            Self::UnexpectedConstructor { id, expected } => {
                write!(f, "unexpected constructor {id:#010x} for {expected}")
            }
            Self::InvalidLength { len } => write!(f, "invalid length {len}"),
            Self::LengthExceeds { len, left } => {
                write!(f, "length {len} exceeds the {left} bytes left")
            }
            Self::InvalidUtf8 => f.write_str("invalid UTF-8 in string"),
            Self::TooDeep { limit } => write!(f, "nesting deeper than {limit} levels"),
            Self::TrailingBytes { count } => write!(f, "{count} trailing bytes"),
            Self::Gzip(error) => write!(f, "gzip_packed: {error}"),
        }
    }
}

impl fmt::Display for DecodeError {
    /// Formats as e.g. `unexpected constructor 0x12345678 for Updates at byte 8`, followed by
    /// the [`constructors`](Self::constructors) it happened in, if any:
    /// `… at byte 40 in messages.messages > message`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} at byte {}", self.inner.kind, self.inner.offset)?;
        if !self.inner.within.is_empty() {
            write!(f, " in {}", Within(&self.inner.within))?;
        }
        Ok(())
    }
}

/// The constructors of an error, innermost first, shown outermost first: `a > b > c`.
struct Within<'a>(&'a [&'static str]);

impl fmt::Display for Within<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, name) in self.0.iter().rev().enumerate() {
            if i > 0 {
                f.write_str(" > ")?;
            }
            f.write_str(name)?;
        }
        Ok(())
    }
}

impl fmt::Debug for Within<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_list().entries(self.0.iter().rev()).finish()
    }
}

impl std::error::Error for DecodeError {}
