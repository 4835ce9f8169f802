//! Free functions that read and write TL vectors, for generated code.
//!
//! A boxed `Vector t` is the id `0x1cb5c415`, an `int` count and the items;
//! a bare `vector t` is the count and the items.

use crate::error::Result;
use crate::reader::Reader;
use crate::write::write_u32;
use crate::VECTOR_ID;

/// The most memory (in bytes) a vector pre-allocates before its items are
/// read; longer vectors grow as their items arrive.
pub const MAX_PREALLOCATION: usize = 1 << 20;

/// Appends a boxed `Vector`: the id, the count and each item written by `write_item`.
#[inline]
pub fn write_vector<T>(out: &mut Vec<u8>, items: &[T], write_item: impl FnMut(&T, &mut Vec<u8>)) {
    write_u32(out, VECTOR_ID);
    write_bare_vector(out, items, write_item);
}

/// Appends a bare `vector`: the count and each item written by `write_item`.
#[inline]
pub fn write_bare_vector<T>(
    out: &mut Vec<u8>,
    items: &[T],
    mut write_item: impl FnMut(&T, &mut Vec<u8>),
) {
    // A slice with more than `i32::MAX` serializable items (at least 4 bytes
    // each) cannot be encoded in memory anyway; the count is written as-is.
    write_u32(out, items.len() as u32);
    for item in items {
        write_item(item, out);
    }
}

/// Reads a boxed `Vector`: expects the id `0x1cb5c415`, then reads a bare vector.
#[inline]
pub fn read_vector<'a, T>(
    r: &mut Reader<'a>,
    read_item: impl FnMut(&mut Reader<'a>) -> Result<T>,
) -> Result<Vec<T>> {
    r.expect_vector_id()?;
    read_bare_vector(r, read_item)
}

/// Reads a bare `vector`: the count (see [`Reader::read_vector_len`]) and
/// that many items read by `read_item`.
///
/// The result is pre-allocated for `count` items, where `count` is at most
/// `remaining() / 4`, but for at most [`MAX_PREALLOCATION`] bytes.
#[inline]
pub fn read_bare_vector<'a, T>(
    r: &mut Reader<'a>,
    mut read_item: impl FnMut(&mut Reader<'a>) -> Result<T>,
) -> Result<Vec<T>> {
    let count = r.read_vector_len()?;
    let mut items = Vec::with_capacity(preallocation::<T>(count));
    for _ in 0..count {
        items.push(read_item(r)?);
    }
    Ok(items)
}

/// How many items of `T` to pre-allocate for a vector of `count` items.
#[inline]
pub(crate) fn preallocation<T>(count: usize) -> usize {
    count.min(MAX_PREALLOCATION / core::mem::size_of::<T>().max(1))
}
