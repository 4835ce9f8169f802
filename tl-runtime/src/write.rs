//! Free functions that append TL primitives to an output buffer.

/// The largest length a TL `bytes`/`string` can have (3-byte length field).
pub const MAX_BYTES_LEN: usize = 0xff_ffff;

/// Appends a little-endian `u32` (a constructor id or a `#` flags field).
#[inline]
pub fn write_u32(out: &mut Vec<u8>, value: u32) {
    out.extend_from_slice(&value.to_le_bytes());
}

/// Appends a little-endian `int`.
#[inline]
pub fn write_i32(out: &mut Vec<u8>, value: i32) {
    out.extend_from_slice(&value.to_le_bytes());
}

/// Appends a little-endian `long`.
#[inline]
pub fn write_i64(out: &mut Vec<u8>, value: i64) {
    out.extend_from_slice(&value.to_le_bytes());
}

/// Appends a little-endian `u64`.
#[inline]
pub fn write_u64(out: &mut Vec<u8>, value: u64) {
    out.extend_from_slice(&value.to_le_bytes());
}

/// Appends a little-endian IEEE 754 `double`.
#[inline]
pub fn write_f64(out: &mut Vec<u8>, value: f64) {
    out.extend_from_slice(&value.to_le_bytes());
}

/// Appends a boxed `Bool` (`boolTrue#997275b5` or `boolFalse#bc799737`).
#[inline]
pub fn write_bool(out: &mut Vec<u8>, value: bool) {
    write_u32(
        out,
        if value {
            crate::BOOL_TRUE_ID
        } else {
            crate::BOOL_FALSE_ID
        },
    );
}

/// Appends a TL `bytes` value: the length prefix (one byte below 254, else
/// `0xfe` and a 3-byte little-endian length), the data, and zero padding up
/// to a multiple of 4 bytes.
///
/// # Panics
///
/// If `data` is longer than [`MAX_BYTES_LEN`] (16 MiB − 1), which TL cannot
/// represent. Decoded values never are, so re-encoding decoded data cannot panic.
///
/// Short values (the common case) take a path small enough to inline at every call site;
/// longer ones take an out-of-line path.
#[inline(always)]
pub fn write_bytes(out: &mut Vec<u8>, data: &[u8]) {
    let len = data.len();
    if len >= 254 {
        return write_long_bytes(out, data);
    }
    let start = out.len();
    // Prefix, data and padding: a multiple of 4 bytes.
    let total = (len + 4) & !3;
    // One reservation for everything, plus room for the fixed-size padding store below.
    out.reserve(total + 3);
    // Cannot truncate: `len < 254`.
    out.push(len as u8);
    write_padded(out, data, start + total);
}

/// [`write_bytes`] for 254 bytes or more: the `0xfe` prefix and a 3-byte length.
#[inline(never)]
fn write_long_bytes(out: &mut Vec<u8>, data: &[u8]) {
    let len = data.len();
    if len > MAX_BYTES_LEN {
        too_long(len);
    }
    let start = out.len();
    let total = (len + 7) & !3;
    out.reserve(total + 3);
    let [b0, b1, b2, _] = (len as u32).to_le_bytes();
    out.extend_from_slice(&[254, b0, b1, b2]);
    write_padded(out, data, start + total);
}

/// Appends `data` and zero padding up to `end` (at most 3 bytes after the data), in
/// capacity reserved by the caller.
#[inline(always)]
fn write_padded(out: &mut Vec<u8>, data: &[u8], end: usize) {
    out.extend_from_slice(data);
    // One fixed 4-byte store cut back to size: cheaper than a variable `resize`.
    out.extend_from_slice(&[0; 4]);
    out.truncate(end);
}

#[cold]
#[inline(never)]
fn too_long(len: usize) -> ! {
    panic!("a TL bytes/string value can be at most {MAX_BYTES_LEN} bytes long, got {len}")
}

/// Appends a TL `string` (UTF-8 text encoded like [`write_bytes`]).
///
/// # Panics
///
/// If `text` is longer than [`MAX_BYTES_LEN`] bytes.
#[inline]
pub fn write_string(out: &mut Vec<u8>, text: &str) {
    write_bytes(out, text.as_bytes());
}
