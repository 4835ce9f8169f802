//! Forged lengths must not make the decoder allocate more than the input
//! justifies. A counting global allocator records the largest single
//! allocation made while decoding.
//!
//! This binary holds a single test so that no other test allocates concurrently.

use tlgen_runtime::MAX_PREALLOCATION;
use tlgen_runtime::{DecodeErrorKind, Deserializable};
use tlgen_test_support::alloc::{measure, Counting};

#[global_allocator]
static ALLOCATOR: Counting = Counting;

/// Runs `f` and returns its result with the largest allocation it made.
fn largest_allocation<R>(f: impl FnOnce() -> R) -> (R, usize) {
    let (result, counted) = measure(f);
    (result, counted.largest)
}

/// The vector id, a count, and `body`.
fn vector(count: u32, body: &[u8]) -> Vec<u8> {
    let mut bytes = vec![0x15, 0xc4, 0xb5, 0x1c];
    bytes.extend_from_slice(&count.to_le_bytes());
    bytes.extend_from_slice(body);
    bytes
}

#[test]
fn forged_lengths_do_not_allocate() {
    // Errors themselves are a small box.
    let small = 256;

    // A string claiming 16 MiB in 12 bytes allocates nothing big.
    let bytes = [0xfe, 0xff, 0xff, 0xff, 1, 2, 3, 4, 5, 6, 7, 8];
    let (result, largest) = largest_allocation(|| String::from_bytes(&bytes));
    assert!(matches!(
        result.unwrap_err().kind(),
        DecodeErrorKind::LengthExceeds { .. }
    ));
    assert!(largest <= small, "string: {largest}");
    let (result, largest) = largest_allocation(|| Vec::<u8>::from_bytes(&bytes));
    // The 4-byte header says 2^24 - 1 bytes; 8 follow it. At the length prefix, offset 0.
    let err = result.unwrap_err();
    assert_eq!(
        (err.offset(), err.kind()),
        (
            0,
            &DecodeErrorKind::LengthExceeds {
                len: 16_777_215,
                left: 8
            }
        )
    );
    assert_eq!(
        err.to_string(),
        "length 16777215 exceeds the 8 bytes left at byte 0"
    );
    assert!(largest <= small, "bytes: {largest}");

    // A vector claiming 2^31 - 1 items.
    let bytes = vector(0x7fff_ffff, &[0; 64]);
    let (result, largest) = largest_allocation(|| Vec::<i64>::from_bytes(&bytes));
    assert!(matches!(
        result.unwrap_err().kind(),
        DecodeErrorKind::InvalidLength { len: 0x7fff_ffff }
    ));
    assert!(largest <= small, "Vector<long>: {largest}");

    // A plausible count (count * 4 <= remaining) whose items then run out:
    // the pre-allocation is bounded by what the input could hold.
    let body = [0_u8; 4000];
    let bytes = vector(1000, &body);
    let (result, largest) = largest_allocation(|| Vec::<i64>::from_bytes(&bytes));
    // The id, the count and 500 items fill the 4008 bytes; the 501st runs out.
    let err = result.unwrap_err();
    assert_eq!(
        (err.offset(), err.kind()),
        (4008, &DecodeErrorKind::UnexpectedEnd { needed: 8 })
    );
    assert!(largest <= 1000 * 8, "Vector<long> of 1000: {largest}");
    assert!(largest <= bytes.len() * 2);

    // Nested vectors: each inner count is checked against what remains.
    let mut body = Vec::new();
    for _ in 0..100 {
        body.extend_from_slice(&[0x15, 0xc4, 0xb5, 0x1c, 0xff, 0xff, 0x00, 0x00]);
    }
    let bytes = vector(100, &body);
    let (result, largest) = largest_allocation(|| Vec::<Vec<i64>>::from_bytes(&bytes));
    // The first inner vector's count (0xffff, after its id at byte 8) is refused where it stands.
    let err = result.unwrap_err();
    assert_eq!(
        (err.offset(), err.kind()),
        (12, &DecodeErrorKind::InvalidLength { len: 0xffff })
    );
    assert!(largest <= 100 * 24, "Vector<Vector<long>>: {largest}");

    // Many large items: the pre-allocation is capped at MAX_PREALLOCATION
    // bytes (here the first item is already invalid).
    let count = 1_u32 << 20;
    let bytes = vector(count, &vec![0; 4 << 20]);
    let (result, largest) = largest_allocation(|| Vec::<Vec<i64>>::from_bytes(&bytes));
    assert!(matches!(
        result.unwrap_err().kind(),
        DecodeErrorKind::UnexpectedConstructor {
            id: 0,
            expected: "Vector"
        }
    ));
    assert!(
        largest <= MAX_PREALLOCATION,
        "capped pre-allocation: {largest}"
    );

    // Honest input still decodes.
    let mut body = Vec::new();
    for _ in 0..count {
        body.extend_from_slice(&[0x15, 0xc4, 0xb5, 0x1c, 0, 0, 0, 0]);
    }
    let bytes = vector(count, &body);
    let (result, largest) = largest_allocation(|| Vec::<Vec<i64>>::from_bytes(&bytes));
    assert_eq!(result.map(|v| v.len()), Ok(1 << 20));
    // Growth past the cap doubles at most up to twice the final size.
    assert!(largest <= 2 * (1 << 20) * 24, "{largest}");
}
