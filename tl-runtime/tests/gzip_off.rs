//! Without the `gzip` feature (`cargo test -p tlgen-runtime --no-default-features`, run by
//! CI): a `gzip_packed` object is a `GzipError::Unsupported` error at the offset of its packed
//! data, never a panic and never the packed bytes passed on as if they were content.
#![cfg(not(feature = "gzip"))]

use tlgen_runtime::{unpack, DecodeErrorKind, GzipError};

/// `gzip_packed#3072cfa1 packed_data:bytes = Object;` holding the 20-byte gzip stream of an
/// empty member, as Python's `gzip.compress(b"", mtime=0)` writes it.
const PACKED_EMPTY: [u8; 28] = [
    0xa1, 0xcf, 0x72, 0x30, // gzip_packed
    20,   // the length of packed_data
    0x1f, 0x8b, 0x08, 0x00, 0x00, 0x00, 0x00, 0x00, 0x02, 0x03, 0x03, 0x00, 0x00, 0x00, 0x00, 0x00,
    0x00, 0x00, 0x00, 0x00, // the gzip member
    0x00, 0x00, 0x00, // padding to a multiple of 4
];

#[test]
fn a_packed_object_is_unsupported_at_its_data() {
    let mut buffer = Vec::new();
    let err = unpack(&PACKED_EMPTY, &mut buffer).unwrap_err();
    // The packed data starts after the id (4 bytes) and its 1-byte length.
    assert_eq!(err.offset(), 5);
    assert_eq!(err.kind(), &DecodeErrorKind::Gzip(GzipError::Unsupported));
    assert!(buffer.is_empty());
}

#[test]
fn unpacked_bytes_pass_through() {
    let mut buffer = Vec::new();
    let plain = [0x15, 0xc4, 0xb5, 0x1c, 0, 0, 0, 0]; // an empty boxed vector
    assert_eq!(unpack(&plain, &mut buffer).unwrap(), &plain[..]);
}
