//! Checking a constructor id, and `tri!`, the early return generated code uses.

use crate::error::Result;
use crate::reader::Reader;
use crate::traits::{BareDeserializable, Deserializable};

/// `crate::__tri!(expr)` is `expr?` for a `tlgen_runtime::Result`, written out as a `match`
/// (exported as `__private::tri`).
///
/// Generated decoders use it instead of `?`: `?` instantiates `Try::branch` and
/// `FromResidual::from_residual` once per value type, thousands of copies in a large
/// schema, while a `match` is plain code in the calling function.
#[doc(hidden)]
#[macro_export]
macro_rules! __tri {
    ($e:expr) => {
        match $e {
            ::core::result::Result::Ok(value) => value,
            ::core::result::Result::Err(error) => return ::core::result::Result::Err(error),
        }
    };
    // `tri!(expr, break 'label)`: on an error, `break 'label error` instead of returning
    // it; a dispatcher's cases so reach one exit that names the constructor (see
    // `DecodeError::within_case`).
    ($e:expr, break $label:lifetime) => {
        match $e {
            ::core::result::Result::Ok(value) => value,
            ::core::result::Result::Err(error) => break $label error,
        }
    };
}

/// Reads a constructor id and fails with
/// [`UnexpectedConstructor`](crate::DecodeErrorKind::UnexpectedConstructor) (naming
/// `expected`, at the id's offset) unless it is `id`.
#[inline]
pub fn expect_constructor(reader: &mut Reader<'_>, id: u32, expected: &'static str) -> Result<()> {
    let found = reader.read_u32()?;
    if found == id {
        Ok(())
    } else {
        Err(reader.unexpected_constructor(found, expected))
    }
}

/// Decodes a boxed `T` and wraps it, in a frame of its own.
///
/// Generated dispatchers over many types (`Object`, large recursive enums) call this per
/// case instead of decoding inline: without optimizations every inline case would keep
/// its own temporaries in the dispatcher's stack frame, hundreds of KiB per nesting level.
#[inline(never)]
pub fn decode_with<T: Deserializable, O>(reader: &mut Reader<'_>, wrap: fn(T) -> O) -> Result<O> {
    Ok(wrap(crate::__tri!(T::deserialize(reader))))
}

/// Decodes a bare `T` and wraps it, in a frame of its own (see [`decode_with`]).
#[inline(never)]
pub fn decode_bare_with<T: BareDeserializable, O>(
    reader: &mut Reader<'_>,
    wrap: fn(T) -> O,
) -> Result<O> {
    Ok(wrap(crate::__tri!(T::deserialize_bare(reader))))
}

/// Decodes a boxed `T` into a `Box` and wraps it, in a frame of its own (see [`decode_with`]).
#[inline(never)]
pub fn decode_boxed_with<T: Deserializable, O>(
    reader: &mut Reader<'_>,
    wrap: fn(Box<T>) -> O,
) -> Result<O> {
    Ok(wrap(Box::new(crate::__tri!(T::deserialize(reader)))))
}

/// Decodes a bare `T` into a `Box` and wraps it, in a frame of its own (see [`decode_with`]).
#[inline(never)]
pub fn decode_bare_boxed_with<T: BareDeserializable, O>(
    reader: &mut Reader<'_>,
    wrap: fn(Box<T>) -> O,
) -> Result<O> {
    Ok(wrap(Box::new(crate::__tri!(T::deserialize_bare(reader)))))
}
