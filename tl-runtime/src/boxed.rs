//! Checking a constructor id, and `tri!`, the early return generated code uses.

use crate::error::Result;
use crate::reader::Reader;

/// `tri!(expr)` is `expr?` for a `tl_runtime::Result`, written out as a `match`.
///
/// Generated decoders use it instead of `?`: `?` instantiates `Try::branch` and
/// `FromResidual::from_residual` once per value type, thousands of copies in a large
/// schema, while a `match` is plain code in the calling function.
#[macro_export]
macro_rules! tri {
    ($e:expr) => {
        match $e {
            ::core::result::Result::Ok(value) => value,
            ::core::result::Result::Err(error) => return ::core::result::Result::Err(error),
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
