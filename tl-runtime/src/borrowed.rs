//! Decoding that borrows from the input: TL `string` as `&'a str`, `bytes` as `&'a [u8]`.
//!
//! The borrowed types that `tl-codegen` generates (a crate's `borrowed` module) implement
//! [`BareDeserializableBorrowed`] and [`Identifiable`]; the boxed trait,
//! [`DeserializableBorrowed`], follows for them as it does for owned types. A borrowed value
//! makes no allocation and no copy for its strings and byte strings: only its vectors and
//! boxed fields allocate. It lives as long as the input it was decoded from.
//!
//! Types that contain no string or byte string anywhere are decoded with the owned traits,
//! [`Deserializable`](crate::Deserializable) and
//! [`BareDeserializable`](crate::BareDeserializable): they borrow nothing.

use crate::error::Result;
use crate::reader::Reader;
use crate::rpc_error::RpcError;
use crate::traits::{Identifiable, RemoteCall, Serializable};
use crate::write;

/// A value decoded from its boxed TL encoding, borrowing strings and byte strings from the
/// input.
pub trait DeserializableBorrowed<'a>: Sized {
    /// Decodes a value from `reader`, consuming exactly its encoding.
    fn deserialize_borrowed(reader: &mut Reader<'a>) -> Result<Self>;

    /// Decodes a value that must take up all of `bytes`; leftover input is
    /// [`DecodeErrorKind::TrailingBytes`](crate::DecodeErrorKind::TrailingBytes).
    fn from_bytes_borrowed(bytes: &'a [u8]) -> Result<Self> {
        let mut reader = Reader::new(bytes);
        let value = Self::deserialize_borrowed(&mut reader)?;
        reader.finish()?;
        Ok(value)
    }
}

/// A value decoded from its bare TL encoding, borrowing strings and byte strings from the
/// input.
pub trait BareDeserializableBorrowed<'a>: Sized {
    /// Decodes the bare encoding of a value from `reader`.
    fn deserialize_bare_borrowed(reader: &mut Reader<'a>) -> Result<Self>;
}

/// TL `string`, borrowed: validated as UTF-8 like [`Reader::read_str`], never copied.
impl<'a> DeserializableBorrowed<'a> for &'a str {
    #[inline]
    fn deserialize_borrowed(reader: &mut Reader<'a>) -> Result<Self> {
        reader.read_str()
    }
}

/// TL `bytes`, borrowed: the content without its length prefix and padding.
impl<'a> DeserializableBorrowed<'a> for &'a [u8] {
    #[inline]
    fn deserialize_borrowed(reader: &mut Reader<'a>) -> Result<Self> {
        reader.read_bytes()
    }
}

/// Boxed TL `Vector t` of borrowed items: `0x1cb5c415`, the count and the boxed items.
impl<'a, T: DeserializableBorrowed<'a>> DeserializableBorrowed<'a> for Vec<T> {
    #[inline]
    fn deserialize_borrowed(reader: &mut Reader<'a>) -> Result<Self> {
        reader.expect_vector_id()?;
        crate::vector::read_bare_vector(reader, T::deserialize_borrowed)
    }
}

/// The boxed decoding of every borrowed constructor: checks the id, then decodes the bare
/// encoding (as [`Deserializable`](crate::Deserializable) does for owned ones).
impl<'a, T: Identifiable + BareDeserializableBorrowed<'a>> DeserializableBorrowed<'a> for T {
    #[inline]
    fn deserialize_borrowed(reader: &mut Reader<'a>) -> Result<Self> {
        crate::boxed::expect_constructor(reader, T::CONSTRUCTOR_ID, T::NAME)?;
        T::deserialize_bare_borrowed(reader)
    }
}

/// TL `string`, from borrowed text.
impl Serializable for &str {
    #[inline]
    fn serialize(&self, out: &mut Vec<u8>) {
        write::write_string(out, self);
    }
}

/// TL `bytes`, from a borrowed slice.
impl Serializable for &[u8] {
    #[inline]
    fn serialize(&self, out: &mut Vec<u8>) {
        write::write_bytes(out, self);
    }
}

/// Decodes the `result` of an `rpc_result` as a borrowed `T`, or the [`RpcError`] Telegram
/// sent instead: [`RemoteCall::decode_response`](crate::RemoteCall::decode_response) for the
/// borrowed twin `T` of a function's `Return`.
///
/// The outer `Result` is a decoding error; the inner one is the call's outcome. Typed errors
/// follow with `.map(|outcome| outcome.map_err(MethodError::from))`.
///
/// A `gzip_packed` answer cannot be decoded in place: it is
/// [`GzipError::NeedsBuffer`](crate::GzipError::NeedsBuffer). Unpack it first with
/// [`unpack`](crate::unpack) into a buffer that outlives the value (or call
/// [`RemoteCallBorrowed::decode_response_in`]).
pub fn decode_response_borrowed<'a, T: DeserializableBorrowed<'a>>(
    bytes: &'a [u8],
) -> Result<core::result::Result<T, RpcError>> {
    if crate::gzip::is_gzip_packed(bytes) {
        return Err(crate::DecodeError::gzip(0, crate::GzipError::NeedsBuffer));
    }
    if crate::traits::is_rpc_error(bytes) {
        return RpcError::from_bytes(bytes).map(Err);
    }
    T::from_bytes_borrowed(bytes).map(Ok)
}

/// A [`RemoteCall`] whose answer can also be decoded borrowed: generated code implements it
/// for every function when its `borrowed` module is generated.
///
/// `BorrowedReturn` is the borrowed twin of [`RemoteCall::Return`] (`borrowed::enums::…`),
/// or `Return` itself when that holds no string or byte string (`bool`, `Vec<i64>`,
/// `enums::messages::AffectedMessages`, …).
pub trait RemoteCallBorrowed: RemoteCall {
    /// The function's result, borrowing its strings and bytes from the answer.
    type BorrowedReturn<'a>;

    /// Decodes the `result` of the `rpc_result` answering this call, borrowing from `bytes`:
    /// the return value, or the [`RpcError`] Telegram sent instead (see
    /// [`RemoteCall::decode_response`]).
    fn decode_response_borrowed(
        bytes: &[u8],
    ) -> Result<core::result::Result<Self::BorrowedReturn<'_>, RpcError>>;

    /// [`decode_response_borrowed`](Self::decode_response_borrowed) for an answer that may be
    /// a `gzip_packed`: it is unpacked into `buffer` (see [`unpack`](crate::unpack)), and the
    /// value borrows from `bytes` or `buffer`.
    fn decode_response_in<'a>(
        bytes: &'a [u8],
        buffer: &'a mut Vec<u8>,
    ) -> Result<core::result::Result<Self::BorrowedReturn<'a>, RpcError>> {
        Self::decode_response_borrowed(crate::gzip::unpack(bytes, buffer)?)
    }
}

/// Decodes a bare borrowed `T` and wraps it, in a frame of its own (see
/// [`decode_with`](crate::__private::decode_with)).
#[inline(never)]
pub fn decode_bare_borrowed_with<'a, T: BareDeserializableBorrowed<'a>, O>(
    reader: &mut Reader<'a>,
    wrap: fn(T) -> O,
) -> Result<O> {
    Ok(wrap(crate::__tri!(T::deserialize_bare_borrowed(reader))))
}
