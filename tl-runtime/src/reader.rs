//! [`Reader`]: a bounds-checked cursor over TL-encoded input.

use crate::error::{DecodeError, DecodeErrorKind, Result};
use crate::scope::Scope;
use crate::{BOOL_FALSE_ID, BOOL_TRUE_ID, VECTOR_ID};

/// A cursor over input bytes with a nesting depth limit.
///
/// Every read is bounds-checked and returns an error instead of panicking.
/// A failed primitive read (`read_u32` … `read_string`, `read_raw`,
/// `read_vector_len`) leaves the cursor where it was and reports the current
/// position. Constructor checks ([`read_bool`](Self::read_bool),
/// [`expect_vector_id`](Self::expect_vector_id)) consume the id before
/// reporting it at `position() - 4`, like generated code does, and composite
/// reads (vectors, generated types) may have consumed part of the value.
#[derive(Debug, Clone)]
pub struct Reader<'a> {
    /// The not yet consumed part of the input.
    rest: &'a [u8],
    /// The length of the whole input; `position = len - rest.len()`.
    len: usize,
    depth: u32,
    max_depth: u32,
    /// The envelope rules' view of where this input is, and the decode's unpack budget.
    scope: Scope,
}

impl<'a> Reader<'a> {
    /// The nesting limit used by [`Reader::new`].
    pub const DEFAULT_MAX_DEPTH: u32 = 64;

    /// Creates a reader over `bytes` with [`Reader::DEFAULT_MAX_DEPTH`].
    #[inline]
    #[must_use]
    pub fn new(bytes: &'a [u8]) -> Self {
        Self::with_max_depth(bytes, Self::DEFAULT_MAX_DEPTH)
    }

    /// Creates a reader over `bytes` that allows `max_depth` nested [`enter`](Self::enter) calls.
    #[inline]
    #[must_use]
    pub fn with_max_depth(bytes: &'a [u8], max_depth: u32) -> Self {
        Self {
            rest: bytes,
            len: bytes.len(),
            depth: 0,
            max_depth,
            scope: Scope::new(),
        }
    }

    /// Where this input is for the envelope rules (inside a container, inside a packed
    /// object) and what the decode may still unpack; [`Scope::new`] unless set.
    #[inline]
    #[must_use]
    pub fn scope(&self) -> Scope {
        self.scope
    }

    /// Sets the [`scope`](Self::scope): a decoder reading a message body or unpacked content
    /// with a reader of its own gives it the inner scope, and takes back what it spent
    /// ([`Scope::spent_by`]). Setting [`Scope::with_unpack_limit`] on the reader a decode
    /// starts with sets that decode's unpack budget.
    #[inline]
    pub fn set_scope(&mut self, scope: Scope) {
        self.scope = scope;
    }

    /// The number of bytes consumed so far (the offset of the next read).
    #[inline]
    #[must_use]
    pub fn position(&self) -> usize {
        self.len - self.rest.len()
    }

    /// The number of bytes not consumed yet.
    #[inline]
    #[must_use]
    pub fn remaining(&self) -> usize {
        self.rest.len()
    }

    /// Whether the whole input has been consumed.
    #[inline]
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.rest.is_empty()
    }

    /// The bytes not consumed yet.
    #[inline]
    #[must_use]
    pub fn remaining_bytes(&self) -> &'a [u8] {
        self.rest
    }

    /// The current nesting depth (number of [`enter`](Self::enter) calls not yet left).
    #[inline]
    #[must_use]
    pub fn depth(&self) -> u32 {
        self.depth
    }

    /// The maximum nesting depth.
    #[inline]
    #[must_use]
    pub fn max_depth(&self) -> u32 {
        self.max_depth
    }

    /// The error for a read of `needed` bytes at the current position.
    #[cold]
    #[inline(never)]
    fn end_error(&self, needed: usize) -> DecodeError {
        DecodeError::unexpected_end(self.position(), needed)
    }

    /// Reads `N` bytes as an array (e.g. `int128` and `int256`).
    #[inline]
    pub fn read_array<const N: usize>(&mut self) -> Result<[u8; N]> {
        match self.rest.split_first_chunk::<N>() {
            Some((head, tail)) => {
                self.rest = tail;
                Ok(*head)
            }
            None => Err(self.end_error(N)),
        }
    }

    /// Reads a little-endian `u32` (a constructor id or a `#` flags field).
    #[inline]
    pub fn read_u32(&mut self) -> Result<u32> {
        // Decoded inside the match (not via `read_array`) so the value is
        // loaded with a single instruction.
        match self.rest.split_first_chunk::<4>() {
            Some((head, tail)) => {
                self.rest = tail;
                Ok(u32::from_le_bytes(*head))
            }
            None => Err(self.end_error(4)),
        }
    }

    /// Reads a little-endian `int`.
    #[inline]
    pub fn read_i32(&mut self) -> Result<i32> {
        // Decoded inside the match (not via `read_array`) so the value is
        // loaded with a single instruction.
        match self.rest.split_first_chunk::<4>() {
            Some((head, tail)) => {
                self.rest = tail;
                Ok(i32::from_le_bytes(*head))
            }
            None => Err(self.end_error(4)),
        }
    }

    /// Reads a little-endian `long`.
    #[inline]
    pub fn read_i64(&mut self) -> Result<i64> {
        // Decoded inside the match (not via `read_array`) so the value is
        // loaded with a single instruction.
        match self.rest.split_first_chunk::<8>() {
            Some((head, tail)) => {
                self.rest = tail;
                Ok(i64::from_le_bytes(*head))
            }
            None => Err(self.end_error(8)),
        }
    }

    /// Reads a little-endian `u64`.
    #[inline]
    pub fn read_u64(&mut self) -> Result<u64> {
        // Decoded inside the match (not via `read_array`) so the value is
        // loaded with a single instruction.
        match self.rest.split_first_chunk::<8>() {
            Some((head, tail)) => {
                self.rest = tail;
                Ok(u64::from_le_bytes(*head))
            }
            None => Err(self.end_error(8)),
        }
    }

    /// Reads a little-endian IEEE 754 `double`.
    #[inline]
    pub fn read_f64(&mut self) -> Result<f64> {
        // Decoded inside the match (not via `read_array`) so the value is
        // loaded with a single instruction.
        match self.rest.split_first_chunk::<8>() {
            Some((head, tail)) => {
                self.rest = tail;
                Ok(f64::from_le_bytes(*head))
            }
            None => Err(self.end_error(8)),
        }
    }

    /// Reads a boxed `Bool` (`boolTrue#997275b5` or `boolFalse#bc799737`).
    #[inline]
    pub fn read_bool(&mut self) -> Result<bool> {
        match self.read_u32()? {
            BOOL_TRUE_ID => Ok(true),
            BOOL_FALSE_ID => Ok(false),
            id => Err(self.unexpected_constructor(id, "Bool")),
        }
    }

    /// Returns the next little-endian `u32` without consuming it.
    #[inline]
    pub fn peek_u32(&self) -> Result<u32> {
        match self.rest.first_chunk::<4>() {
            Some(head) => Ok(u32::from_le_bytes(*head)),
            None => Err(self.end_error(4)),
        }
    }

    /// Reads exactly `n` raw bytes.
    #[inline]
    pub fn read_raw(&mut self, n: usize) -> Result<&'a [u8]> {
        match self.rest.split_at_checked(n) {
            Some((head, tail)) => {
                self.rest = tail;
                Ok(head)
            }
            None => Err(self.end_error(n)),
        }
    }

    /// Reads a TL `bytes`/`string` value and returns its content (without
    /// the length prefix and the padding).
    ///
    /// A first byte below 254 is the length; a first byte of 254 is followed
    /// by a 3-byte little-endian length (any value is accepted, also one
    /// below 254); a first byte of 255 is [`DecodeErrorKind::InvalidLength`]
    /// (`len: 255`). The whole value is padded to a multiple of 4 bytes; the
    /// padding bytes are skipped without being checked. A length that runs past
    /// the end of the input is [`DecodeErrorKind::LengthExceeds`] (the length and
    /// the bytes left after the prefix) at the start of the value; when only the
    /// padding, or the 4-byte minimum, is missing, the error is
    /// [`DecodeErrorKind::UnexpectedEnd`] there, with `needed` the full padded
    /// size (or 4).
    #[inline]
    pub fn read_bytes(&mut self) -> Result<&'a [u8]> {
        let (data, tail) = self.split_bytes()?;
        self.rest = tail;
        Ok(data)
    }

    /// Splits the `bytes` value at the front of the input into its content
    /// and the input after it, without consuming anything.
    #[inline]
    fn split_bytes(&self) -> Result<(&'a [u8], &'a [u8])> {
        // Every encoded value takes at least 4 bytes, and the header of the
        // long form is exactly 4 bytes: get them with one check.
        let Some(&[b0, b1, b2, b3]) = self.rest.first_chunk::<4>() else {
            return Err(self.end_error(4));
        };
        let (header, len) = if b0 < 254 {
            (1, usize::from(b0))
        } else if b0 == 254 {
            (
                4,
                usize::from(b1) | usize::from(b2) << 8 | usize::from(b3) << 16,
            )
        } else {
            return Err(self.bad_length_prefix());
        };
        // `header + len` is at most 4 + 0xff_ffff: no overflow.
        let total = (header + len + 3) & !3;
        let Some((value, tail)) = self.rest.split_at_checked(total) else {
            return Err(self.length_error(header, len, total));
        };
        match value.get(header..header + len) {
            Some(data) => Ok((data, tail)),
            // Unreachable: `header + len <= total == value.len()`.
            None => Err(self.end_error(total)),
        }
    }

    /// The error for a `bytes` value of `len` bytes after a `header`-byte prefix, `total`
    /// bytes with its padding, that does not fit in the input: the length runs past the end
    /// ([`DecodeErrorKind::LengthExceeds`]), or only the padding is missing
    /// ([`DecodeErrorKind::UnexpectedEnd`]).
    #[cold]
    #[inline(never)]
    fn length_error(&self, header: usize, len: usize, total: usize) -> DecodeError {
        let left = self.rest.len().saturating_sub(header);
        if len > left {
            DecodeError::new(
                self.position(),
                DecodeErrorKind::LengthExceeds { len, left },
            )
        } else {
            self.end_error(total)
        }
    }

    #[cold]
    #[inline(never)]
    fn bad_length_prefix(&self) -> DecodeError {
        DecodeError::invalid_length(self.position(), 0xff)
    }

    /// Reads a TL `string` as borrowed UTF-8 text.
    ///
    /// Invalid UTF-8 is [`DecodeErrorKind::InvalidUtf8`] at the offset where
    /// the string starts; it is never replaced.
    #[inline]
    pub fn read_str(&mut self) -> Result<&'a str> {
        let (data, tail) = self.split_bytes()?;
        match crate::utf8::to_str(data) {
            Some(text) => {
                self.rest = tail;
                Ok(text)
            }
            None => Err(invalid_utf8(self.position())),
        }
    }

    /// Reads a TL `string` (see [`read_str`](Self::read_str) for the UTF-8 rule).
    #[inline]
    pub fn read_string(&mut self) -> Result<String> {
        let (data, tail) = self.split_bytes()?;
        match crate::utf8::to_string(data) {
            Some(text) => {
                self.rest = tail;
                Ok(text)
            }
            None => Err(invalid_utf8(self.position())),
        }
    }

    /// Reads a vector's `int` element count.
    ///
    /// A negative count, or one whose elements could not fit in the remaining
    /// input at 4 bytes each, is [`DecodeErrorKind::InvalidLength`] at the
    /// offset of the count. The returned count is therefore always at most
    /// `remaining() / 4`, so it is safe to pre-allocate from.
    #[inline]
    pub fn read_vector_len(&mut self) -> Result<usize> {
        let Some((head, tail)) = self.rest.split_first_chunk::<4>() else {
            return Err(self.end_error(4));
        };
        let count = i32::from_le_bytes(*head);
        // `try_from` rejects negative counts.
        match usize::try_from(count) {
            Ok(n) if n <= tail.len() / 4 => {
                self.rest = tail;
                Ok(n)
            }
            _ => Err(self.bad_vector_len(count)),
        }
    }

    #[cold]
    #[inline(never)]
    fn bad_vector_len(&self, count: i32) -> DecodeError {
        // Report a negative count as its two's-complement `u32` value.
        let raw = u32::from_le_bytes(count.to_le_bytes());
        DecodeError::invalid_length(self.position(), usize::try_from(raw).unwrap_or(usize::MAX))
    }

    /// Reads the boxed `Vector` constructor id `0x1cb5c415`, or fails with
    /// [`DecodeErrorKind::UnexpectedConstructor`] (`expected: "Vector"`).
    #[inline]
    pub fn expect_vector_id(&mut self) -> Result<()> {
        match self.read_u32()? {
            VECTOR_ID => Ok(()),
            id => Err(self.unexpected_constructor(id, "Vector")),
        }
    }

    /// Enters one nesting level; fails with [`DecodeErrorKind::TooDeep`] if
    /// that would exceed the maximum depth. Pair every successful call with
    /// [`leave`](Self::leave).
    #[inline]
    pub fn enter(&mut self) -> Result<()> {
        if self.depth < self.max_depth {
            self.depth += 1;
            Ok(())
        } else {
            Err(self.too_deep())
        }
    }

    #[cold]
    #[inline(never)]
    fn too_deep(&self) -> DecodeError {
        DecodeError::new(
            self.position(),
            DecodeErrorKind::TooDeep {
                limit: self.max_depth,
            },
        )
    }

    /// Leaves one nesting level entered with [`enter`](Self::enter).
    #[inline]
    pub fn leave(&mut self) {
        self.depth = self.depth.saturating_sub(1);
    }

    /// The error for a constructor id `id` that was just read (so the error
    /// offset is `position() - 4`) and does not belong to the type `expected`.
    #[cold]
    #[inline(never)]
    #[must_use]
    pub fn unexpected_constructor(&self, id: u32, expected: &'static str) -> DecodeError {
        DecodeError::unexpected_constructor(self.position().saturating_sub(4), id, expected)
    }

    /// Succeeds if the whole input was consumed, else fails with
    /// [`DecodeErrorKind::TrailingBytes`] at the current position.
    #[inline]
    pub fn finish(&self) -> Result<()> {
        if self.rest.is_empty() {
            Ok(())
        } else {
            Err(self.trailing())
        }
    }

    #[cold]
    #[inline(never)]
    fn trailing(&self) -> DecodeError {
        DecodeError::new(
            self.position(),
            DecodeErrorKind::TrailingBytes {
                count: self.rest.len(),
            },
        )
    }
}

#[cold]
#[inline(never)]
fn invalid_utf8(offset: usize) -> DecodeError {
    DecodeError::new(offset, DecodeErrorKind::InvalidUtf8)
}
