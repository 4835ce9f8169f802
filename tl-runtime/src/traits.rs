//! The (de)serialization traits and their implementations for TL primitives.

use crate::error::Result;
use crate::reader::Reader;
use crate::write;

/// A value with a boxed TL encoding (including its constructor id, if it has one).
pub trait Serializable {
    /// Appends the boxed encoding of `self` to `out`.
    fn serialize(&self, out: &mut Vec<u8>);

    /// Returns the boxed encoding of `self`, in a `Vec` of exactly its length.
    ///
    /// The value is encoded into a per-thread scratch buffer that is reused across calls and
    /// then copied out, so the result costs one allocation of the exact size instead of a
    /// series of reallocations as a fresh `Vec` grows. To reuse a buffer of your own, call
    /// [`serialize`](Self::serialize) on it.
    fn to_bytes(&self) -> Vec<u8> {
        scratch::encode(|out| self.serialize(out))
    }
}

/// The per-thread scratch buffer behind [`Serializable::to_bytes`].
mod scratch {
    use std::cell::Cell;

    /// A scratch buffer larger than this is freed after use rather than kept for the thread.
    const MAX_RETAINED: usize = 1 << 20;

    thread_local! {
        /// The buffer, taken out while in use so that a nested `to_bytes` gets a fresh one.
        static SCRATCH: Cell<Vec<u8>> = const { Cell::new(Vec::new()) };
    }

    /// Runs `encode` on an empty scratch buffer and returns a copy of what it wrote.
    pub(super) fn encode(encode: impl FnOnce(&mut Vec<u8>)) -> Vec<u8> {
        let mut buffer = SCRATCH.try_with(Cell::take).unwrap_or_default();
        buffer.clear();
        encode(&mut buffer);
        let bytes = buffer.as_slice().to_vec();
        if buffer.capacity() <= MAX_RETAINED {
            // Fails only while the thread is being torn down; the buffer is then just dropped.
            let _ = SCRATCH.try_with(|scratch| scratch.set(buffer));
        }
        bytes
    }
}

/// A value that can be decoded from its boxed TL encoding.
pub trait Deserializable: Sized {
    /// Decodes a value from `reader`, consuming exactly its encoding.
    fn deserialize(reader: &mut Reader<'_>) -> Result<Self>;

    /// Decodes a value standing where TL writes `!X` (a generic function's `query`): a boxed
    /// function call, never a constructor (<https://core.telegram.org/mtproto/TL-polymorph>).
    ///
    /// A type that holds any boxed value (a generated `Object`) refuses a constructor here
    /// with [`DecodeErrorKind::UnexpectedConstructor`](crate::DecodeErrorKind::UnexpectedConstructor)
    /// expecting `"a function call"`, at the constructor's id; every other type reads itself,
    /// as [`deserialize`](Self::deserialize) does (a function's type checks its own id).
    fn deserialize_function(reader: &mut Reader<'_>) -> Result<Self> {
        Self::deserialize(reader)
    }

    /// Decodes a value that must take up all of `bytes`; leftover input is
    /// [`DecodeErrorKind::TrailingBytes`](crate::DecodeErrorKind::TrailingBytes).
    fn from_bytes(bytes: &[u8]) -> Result<Self> {
        let mut reader = Reader::new(bytes);
        let value = Self::deserialize(&mut reader)?;
        reader.finish()?;
        Ok(value)
    }
}

/// A TL constructor or function with a known id and name.
pub trait Identifiable {
    /// The 32-bit constructor id.
    const CONSTRUCTOR_ID: u32;
    /// The TL name, e.g. `"payments.sendStarsForm"`.
    const NAME: &'static str;
}

/// A TL function: serializing it gives the request, and the answer decodes as `Return`.
pub trait RemoteCall: Serializable {
    /// The type of the function's result.
    type Return: Deserializable;

    /// Decodes the `result` of the `rpc_result` answering this call: the return value, or
    /// the [`RpcError`](crate::RpcError) Telegram sent instead.
    ///
    /// The outer `Result` is a decoding error (truncated or malformed bytes); the inner one
    /// is the call's outcome. For the call's own error type, see
    /// [`TypedErrors::decode_typed_response`].
    ///
    /// A `gzip_packed` answer is unpacked first (see [`unpack`](crate::unpack) for the
    /// limits); errors inside it have offsets into the unpacked bytes. The envelope rules
    /// hold inside it ([`Scope`](crate::Scope): no `gzip_packed` anywhere in the content),
    /// and everything the decode unpacks counts against one budget of
    /// [`DEFAULT_MAX_UNPACKED`](crate::DEFAULT_MAX_UNPACKED) bytes.
    fn decode_response(
        bytes: &[u8],
    ) -> Result<core::result::Result<Self::Return, crate::RpcError>> {
        Self::decode_response_in_scope(bytes, crate::Scope::new())
    }

    /// [`decode_response`](Self::decode_response) in `scope`: e.g.
    /// [`Scope::with_unpack_limit`](crate::Scope::with_unpack_limit) for another unpack
    /// budget, or [`Scope::in_container`](crate::Scope::in_container) for the result of a
    /// message of a container.
    fn decode_response_in_scope(
        bytes: &[u8],
        scope: crate::Scope,
    ) -> Result<core::result::Result<Self::Return, crate::RpcError>> {
        let mut buffer = Vec::new();
        let mut reader = scope.open(bytes, &mut buffer)?;
        if is_rpc_error(reader.remaining_bytes()) {
            return crate::RpcError::from_bytes(reader.remaining_bytes()).map(Err);
        }
        let value = Self::Return::deserialize(&mut reader)?;
        reader.finish()?;
        Ok(Ok(value))
    }
}

/// Whether the answer to a call starts with `rpc_error`'s id: it is an error, not a result.
#[inline]
pub(crate) fn is_rpc_error(bytes: &[u8]) -> bool {
    Reader::new(bytes).peek_u32().ok() == Some(crate::RpcError::CONSTRUCTOR_ID)
}

/// The typed errors of a [`RemoteCall`]: the errors documented for the method, as an enum
/// converted from the [`RpcError`](crate::RpcError) Telegram answers a failed call with.
///
/// Generated code implements it when its error types are generated (in `tlgen-types`, the
/// `errors` feature); it is a trait of its own so that turning that on or off never changes
/// what [`RemoteCall`] means.
///
/// A hand-written function with one documented error, as generated code would write it:
///
/// ```
/// use tlgen_runtime::{
///     BareSerializable, Identifiable, RemoteCall, RpcError, Serializable, TypedErrors,
/// };
///
/// /// `ping#7abe77ec ping_id:long = Pong;`, answered here with a bare `long` for brevity.
/// struct Ping { ping_id: i64 }
///
/// impl Identifiable for Ping {
///     const CONSTRUCTOR_ID: u32 = 0x7abe_77ec;
///     const NAME: &'static str = "ping";
/// }
/// impl BareSerializable for Ping {
///     fn serialize_bare(&self, out: &mut Vec<u8>) {
///         self.ping_id.serialize(out);
///     }
/// }
/// impl RemoteCall for Ping {
///     type Return = i64;
/// }
///
/// #[derive(Debug, PartialEq)]
/// enum PingError {
///     /// `400 PING_TOO_SOON`
///     TooSoon,
///     /// Anything else, as received.
///     Other(RpcError),
/// }
/// impl From<RpcError> for PingError {
///     fn from(error: RpcError) -> Self {
///         match (error.code, error.name.as_str()) {
///             (400, "PING_TOO_SOON") => Self::TooSoon,
///             _ => Self::Other(error),
///         }
///     }
/// }
/// impl TypedErrors for Ping {
///     type Error = PingError;
/// }
///
/// // The request: the id, then the bare fields.
/// assert_eq!(Ping { ping_id: 7 }.to_bytes()[..4], 0x7abe_77ec_u32.to_le_bytes());
///
/// // A result…
/// assert_eq!(Ping::decode_typed_response(&7i64.to_le_bytes()).unwrap(), Ok(7));
/// // …or `rpc_error#2144ca19 error_code:int error_message:string`:
/// let answer = b"\x19\xca\x44\x21\x90\x01\x00\x00\x0dPING_TOO_SOON\x00\x00";
/// assert_eq!(Ping::decode_typed_response(answer).unwrap(), Err(PingError::TooSoon));
/// assert!(matches!(Ping::decode_response(answer).unwrap(), Err(e) if e.code == 400));
/// // Truncated bytes are a decoding error, not an outcome:
/// assert!(Ping::decode_typed_response(&answer[..6]).is_err());
/// ```
pub trait TypedErrors: RemoteCall {
    /// The function's typed errors.
    type Error: From<crate::RpcError>;

    /// Decodes the `result` of the `rpc_result` answering this call: the return value, or
    /// the call's typed error.
    ///
    /// The outer `Result` is a decoding error; the inner one is the call's outcome.
    fn decode_typed_response(
        bytes: &[u8],
    ) -> Result<core::result::Result<Self::Return, Self::Error>> {
        Self::decode_response(bytes).map(|outcome| outcome.map_err(Self::Error::from))
    }
}

/// A value with a bare TL encoding (without a constructor id).
pub trait BareSerializable {
    /// Appends the bare encoding of `self` to `out`.
    fn serialize_bare(&self, out: &mut Vec<u8>);
}

/// A value that can be decoded from its bare TL encoding.
pub trait BareDeserializable: Sized {
    /// Decodes a bare value from `reader`.
    fn deserialize_bare(reader: &mut Reader<'_>) -> Result<Self>;
}

/// Implements all four traits for a primitive whose bare and boxed forms are the same.
macro_rules! primitive {
    ($ty:ty, $tl:literal, $write:expr, $read:expr) => {
        #[doc = concat!("TL `", $tl, "`.")]
        impl Serializable for $ty {
            #[inline]
            fn serialize(&self, out: &mut Vec<u8>) {
                $write(out, self)
            }
        }

        #[doc = concat!("TL `", $tl, "`.")]
        impl Deserializable for $ty {
            #[inline]
            fn deserialize(reader: &mut Reader<'_>) -> Result<Self> {
                $read(reader)
            }
        }

        #[doc = concat!("TL `", $tl, "` (the same as the boxed form).")]
        impl BareSerializable for $ty {
            #[inline]
            fn serialize_bare(&self, out: &mut Vec<u8>) {
                $write(out, self)
            }
        }

        #[doc = concat!("TL `", $tl, "` (the same as the boxed form).")]
        impl BareDeserializable for $ty {
            #[inline]
            fn deserialize_bare(reader: &mut Reader<'_>) -> Result<Self> {
                $read(reader)
            }
        }
    };
}

primitive!(
    i32,
    "int",
    |out, v: &i32| write::write_i32(out, *v),
    Reader::read_i32
);
primitive!(
    u32,
    "#",
    |out, v: &u32| write::write_u32(out, *v),
    Reader::read_u32
);
primitive!(
    i64,
    "long",
    |out, v: &i64| write::write_i64(out, *v),
    Reader::read_i64
);
primitive!(
    f64,
    "double",
    |out, v: &f64| write::write_f64(out, *v),
    Reader::read_f64
);
primitive!(
    [u8; 16],
    "int128",
    |out: &mut Vec<u8>, v: &[u8; 16]| out.extend_from_slice(v),
    Reader::read_array
);
primitive!(
    [u8; 32],
    "int256",
    |out: &mut Vec<u8>, v: &[u8; 32]| out.extend_from_slice(v),
    Reader::read_array
);
primitive!(
    String,
    "string",
    |out, v: &String| write::write_string(out, v),
    Reader::read_string
);
primitive!(
    Vec<u8>,
    "bytes",
    |out, v: &Vec<u8>| write::write_bytes(out, v),
    |r: &mut Reader<'_>| r.read_bytes().map(<[u8]>::to_vec)
);

/// Boxed TL `Bool`: `boolTrue#997275b5` or `boolFalse#bc799737`.
impl Serializable for bool {
    #[inline]
    fn serialize(&self, out: &mut Vec<u8>) {
        write::write_bool(out, *self);
    }
}

/// Boxed TL `Bool`; any other id is an
/// [`UnexpectedConstructor`](crate::DecodeErrorKind::UnexpectedConstructor) error
/// with `expected: "Bool"`.
impl Deserializable for bool {
    #[inline]
    fn deserialize(reader: &mut Reader<'_>) -> Result<Self> {
        reader.read_bool()
    }
}

/// Boxed TL `Vector t`: `0x1cb5c415`, the count and the boxed items.
impl<T: Serializable> Serializable for Vec<T> {
    #[inline]
    fn serialize(&self, out: &mut Vec<u8>) {
        write::write_u32(out, crate::VECTOR_ID);
        self.serialize_bare(out);
    }
}

/// Boxed TL `Vector t`: `0x1cb5c415`, the count and the boxed items.
impl<T: Deserializable> Deserializable for Vec<T> {
    #[inline]
    fn deserialize(reader: &mut Reader<'_>) -> Result<Self> {
        reader.expect_vector_id()?;
        Self::deserialize_bare(reader)
    }
}

/// Bare TL `vector t`: the count and the boxed items.
impl<T: Serializable> BareSerializable for Vec<T> {
    fn serialize_bare(&self, out: &mut Vec<u8>) {
        write::write_u32(out, self.len() as u32);
        for item in self {
            item.serialize(out);
        }
    }
}

/// Bare TL `vector t`: the count and the boxed items (pre-allocated as
/// `read_bare_vector` does).
impl<T: Deserializable> BareDeserializable for Vec<T> {
    fn deserialize_bare(reader: &mut Reader<'_>) -> Result<Self> {
        let count = reader.read_vector_len()?;
        let mut items = Vec::with_capacity(crate::vector::preallocation::<T>(count));
        for _ in 0..count {
            items.push(T::deserialize(reader)?);
        }
        Ok(items)
    }
}

/// The boxed encoding of every constructor and function: the id, then the bare encoding.
/// Generated code implements only the bare traits and [`Identifiable`].
impl<T: Identifiable + BareSerializable> Serializable for T {
    #[inline]
    fn serialize(&self, out: &mut Vec<u8>) {
        write::write_u32(out, T::CONSTRUCTOR_ID);
        self.serialize_bare(out);
    }
}

/// The boxed decoding of every constructor and function: checks the id (an
/// [`UnexpectedConstructor`](crate::DecodeErrorKind::UnexpectedConstructor) error naming
/// `T::NAME` otherwise), then decodes the bare encoding; an error inside it names `T::NAME`
/// among its [`constructors`](crate::DecodeError::constructors).
impl<T: Identifiable + BareDeserializable> Deserializable for T {
    #[inline]
    fn deserialize(reader: &mut Reader<'_>) -> Result<Self> {
        crate::boxed::expect_constructor(reader, T::CONSTRUCTOR_ID, T::NAME)?;
        match T::deserialize_bare(reader) {
            Ok(value) => Ok(value),
            Err(error) => Err(error.within(T::NAME)),
        }
    }
}
