//! The boxed encoding of a single constructor: its id, then its bare encoding.
//!
//! Generated constructor structs implement the bare traits and delegate their boxed
//! `Serializable` / `Deserializable` impls to these functions.

use crate::error::Result;
use crate::reader::Reader;
use crate::traits::{BareDeserializable, BareSerializable, Identifiable};
use crate::write;

/// Writes `T::CONSTRUCTOR_ID`, then the bare encoding of `value`.
#[inline]
pub fn serialize_boxed<T: Identifiable + BareSerializable>(value: &T, out: &mut Vec<u8>) {
    write::write_u32(out, T::CONSTRUCTOR_ID);
    value.serialize_bare(out);
}

/// Reads and checks `T::CONSTRUCTOR_ID`, then the bare encoding of a `T`.
#[inline]
pub fn deserialize_boxed<T: Identifiable + BareDeserializable>(
    reader: &mut Reader<'_>,
) -> Result<T> {
    expect_constructor(reader, T::CONSTRUCTOR_ID, T::NAME)?;
    T::deserialize_bare(reader)
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
