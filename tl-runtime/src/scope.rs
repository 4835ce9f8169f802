//! [`Scope`]: the envelope rules every decoder applies after unpacking, and the unpack budget
//! of one decode.
//!
//! # The rules
//!
//! From [Service messages](https://core.telegram.org/mtproto/service_messages):
//!
//! * **Containers do not nest.** `msg_container` is a "simple container" that "may not carry
//!   other simple containers". A container is therefore refused anywhere inside a container:
//!   as a message body, and as what a body holds (an `rpc_result`'s result, an object inside
//!   a call), however many `gzip_packed` lie between them — the rule is checked on the
//!   unpacked bytes, not on the packed ones.
//! * **A packed object is not packed again.** `gzip_packed` is "used to replace any other
//!   object (or rather, a serialization thereof) with its archived (gzipped)
//!   representation": it replaces an object by its *unpacked* serialization, so what it holds
//!   is never itself packed. A `gzip_packed` is refused anywhere inside the content of a
//!   `gzip_packed`: directly, and through anything that holds an object (`invokeWithLayer`,
//!   `rpc_result`, a message body).
//! * **One unpack budget per decode.** Every `gzip_packed` a decode unpacks counts against
//!   one total ([`DEFAULT_MAX_UNPACKED`] = 16 MiB unless set with
//!   [`Scope::with_unpack_limit`]), so that no arrangement of packed objects (siblings in a
//!   vector, messages of a container) multiplies what a forged input makes a decoder
//!   allocate.
//!
//! [`Scope::check`] is the only place these rules are written; the generated `Object`, typed
//! [`decode_response`](crate::RemoteCall::decode_response), the [`envelope`](crate::envelope)
//! views and `tlgen-dynamic` (hence the CLI) all call it through the [`Reader`] they decode
//! with, which carries the scope of what it reads ([`Reader::scope`]).
//!
//! ```
//! use tlgen_runtime::envelope::{Scope, GZIP_PACKED_ID, MSG_CONTAINER_ID};
//! use tlgen_runtime::{DecodeErrorKind, GzipError};
//!
//! let top = Scope::new();
//! assert!(top.check(MSG_CONTAINER_ID, 0).is_ok());
//! let err = top.in_container().check(MSG_CONTAINER_ID, 24).unwrap_err();
//! assert_eq!(err.offset(), 24);
//! assert!(matches!(err.kind(), DecodeErrorKind::UnexpectedConstructor { id: MSG_CONTAINER_ID, .. }));
//! let err = top.in_packed().check(GZIP_PACKED_ID, 8).unwrap_err();
//! assert_eq!(err.kind(), &DecodeErrorKind::Gzip(GzipError::Nested));
//! ```

use crate::error::{DecodeError, DecodeErrorKind, GzipError, Result};
use crate::gzip::{inflate_packed, DEFAULT_MAX_UNPACKED, GZIP_PACKED_ID};
use crate::reader::Reader;

/// The constructor id of `msg_container` (also `envelope::MSG_CONTAINER_ID`).
const MSG_CONTAINER_ID: u32 = 0x73f1_f8dc;

/// What [`DecodeErrorKind::UnexpectedConstructor`] says was expected when a container is
/// found inside a container.
pub const NESTED_CONTAINER: &str = "a message body (containers do not nest)";

/// Where a decoder is, for the envelope rules (inside a container? inside a packed object?),
/// and how many bytes the decode may still unpack. See the [module docs](self).
///
/// A [`Reader`] carries one ([`Reader::scope`]); a reader over unpacked content or a message
/// body gets the inner scope ([`Scope::in_packed`], [`Scope::in_container`]), and gives the
/// budget it spent back to the reader it came from ([`Scope::spent_by`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Scope {
    /// The total the whole decode may unpack.
    limit: usize,
    /// What it unpacked so far.
    spent: usize,
    /// Inside a `msg_container`.
    container: bool,
    /// Inside the content of a `gzip_packed`.
    packed: bool,
}

impl Default for Scope {
    fn default() -> Self {
        Self::new()
    }
}

impl Scope {
    /// The scope of a whole input: outside any container or packed object, with a budget of
    /// [`DEFAULT_MAX_UNPACKED`].
    #[must_use]
    pub const fn new() -> Self {
        Self::with_unpack_limit(DEFAULT_MAX_UNPACKED)
    }

    /// The scope of a whole input whose decode may unpack `limit` bytes in total.
    #[must_use]
    pub const fn with_unpack_limit(limit: usize) -> Self {
        Self {
            limit,
            spent: 0,
            container: false,
            packed: false,
        }
    }

    /// The total the decode may unpack.
    #[must_use]
    pub const fn unpack_limit(&self) -> usize {
        self.limit
    }

    /// What the decode may still unpack.
    #[must_use]
    pub const fn unpack_budget(&self) -> usize {
        self.limit.saturating_sub(self.spent)
    }

    /// Whether this is inside a `msg_container`.
    #[must_use]
    pub const fn is_in_container(&self) -> bool {
        self.container
    }

    /// Whether this is inside the content of a `gzip_packed`.
    #[must_use]
    pub const fn is_in_packed(&self) -> bool {
        self.packed
    }

    /// The scope of a container's messages (and of everything inside them).
    #[must_use]
    pub const fn in_container(self) -> Self {
        Self {
            container: true,
            ..self
        }
    }

    /// The scope of a `gzip_packed`'s content (and of everything inside it).
    #[must_use]
    pub const fn in_packed(self) -> Self {
        Self {
            packed: true,
            ..self
        }
    }

    /// This scope, with the budget an inner scope (made from it) has left.
    #[must_use]
    pub const fn spent_by(self, inner: Scope) -> Self {
        Self {
            spent: inner.spent,
            ..self
        }
    }

    /// The rules: whether an object with constructor id `id`, starting at `offset`, may stand
    /// here. A container inside a container is
    /// [`UnexpectedConstructor`](DecodeErrorKind::UnexpectedConstructor) (expected
    /// [`NESTED_CONTAINER`]); a `gzip_packed` inside a packed object is
    /// [`GzipError::Nested`]; both at `offset`.
    pub fn check(&self, id: u32, offset: usize) -> Result<()> {
        match id {
            MSG_CONTAINER_ID if self.container => Err(DecodeError::unexpected_constructor(
                offset,
                MSG_CONTAINER_ID,
                NESTED_CONTAINER,
            )),
            GZIP_PACKED_ID if self.packed => Err(DecodeError::gzip(offset, GzipError::Nested)),
            _ => Ok(()),
        }
    }

    /// Inflates a `packed_data` (the gzip member `data`, found at byte `base` of the input)
    /// into `out` within the budget, which it spends; the content's scope is
    /// [`in_packed`](Self::in_packed). Going over the budget is
    /// [`GzipError::TooLarge`] with the decode's whole limit.
    pub fn unpack(&mut self, data: &[u8], base: usize, out: &mut Vec<u8>) -> Result<Scope> {
        inflate_packed(data, base, self.unpack_budget(), out).map_err(|e| match e.kind() {
            DecodeErrorKind::Gzip(GzipError::TooLarge { .. }) => {
                DecodeError::gzip(e.offset(), GzipError::TooLarge { limit: self.limit })
            }
            _ => e,
        })?;
        self.spent = self.spent.saturating_add(out.len());
        Ok(self.in_packed())
    }

    /// A reader over the object `bytes` in this scope: over its content, unpacked into
    /// `buffer` within the budget, when it is a `gzip_packed` that takes up all of `bytes`
    /// (checked against the rules first); over `bytes` themselves otherwise. Offsets of
    /// later errors count in what the reader reads; [`Reader::scope`] then says what was
    /// spent.
    pub fn open<'a>(mut self, bytes: &'a [u8], buffer: &'a mut Vec<u8>) -> Result<Reader<'a>> {
        let mut reader = Reader::new(bytes);
        if reader.peek_u32().ok() != Some(GZIP_PACKED_ID) {
            reader.set_scope(self);
            return Ok(reader);
        }
        self.check(GZIP_PACKED_ID, 0)?;
        reader.read_u32()?;
        let data = reader.read_bytes()?;
        reader.finish()?;
        let inner = self.unpack(data, packed_data_offset(data), buffer)?;
        let mut reader = Reader::new(buffer.as_slice());
        if let Ok(id) = reader.peek_u32() {
            inner.check(id, 0)?;
        }
        reader.set_scope(inner);
        Ok(reader)
    }
}

/// Where the content of a `packed_data` of `data.len()` bytes starts, counted from its
/// object's id: after the id and the 1- or 4-byte length prefix.
pub(crate) fn packed_data_offset(data: &[u8]) -> usize {
    4 + if data.len() < 254 { 1 } else { 4 }
}
