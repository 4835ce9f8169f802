//! How many allocations decoding makes: none for empty strings, byte strings and vectors,
//! exactly one of the exact size for each non-empty one, and nothing else (no intermediate
//! buffer, no growth). A counting global allocator with per-thread counters, so that tests
//! running in parallel do not disturb each other.

use tlgen_runtime::__private as write;
use tlgen_runtime::{Deserializable, Serializable};
use tlgen_test_support::alloc::{measure, Counting};

#[global_allocator]
static ALLOCATOR: Counting = Counting;

/// Decodes a `T` from `bytes` and returns it with the allocation calls and bytes it took.
fn decode<T: Deserializable>(bytes: &[u8]) -> (T, u64, u64) {
    let (value, counted) = measure(|| T::from_bytes(bytes).expect("valid input"));
    (value, counted.calls(), counted.bytes)
}

#[test]
fn empty_values_do_not_allocate() {
    let (s, calls, _) = decode::<String>(&[0, 0, 0, 0]);
    assert_eq!((s.as_str(), calls), ("", 0));
    let (b, calls, _) = decode::<Vec<u8>>(&[0, 0, 0, 0]);
    assert_eq!((b.len(), calls), (0, 0));
    // A long-form prefix with length 0 is still empty.
    let (s, calls, _) = decode::<String>(&[0xfe, 0, 0, 0]);
    assert_eq!((s.len(), calls), (0, 0));
    let empty_vector = [0x15, 0xc4, 0xb5, 0x1c, 0, 0, 0, 0];
    let (v, calls, _) = decode::<Vec<i64>>(&empty_vector);
    assert_eq!((v.len(), calls), (0, 0));
    let (v, calls, _) = decode::<Vec<String>>(&empty_vector);
    assert_eq!((v.len(), calls), (0, 0));
}

#[test]
fn non_empty_values_allocate_once_at_their_exact_size() {
    for len in [1, 3, 4, 64, 253, 254, 1000] {
        let text = "я".repeat(len).chars().take(len).collect::<String>();
        let bytes = text.to_bytes();
        let (s, calls, allocated) = decode::<String>(&bytes);
        assert_eq!(s, text);
        assert_eq!(
            (calls, allocated),
            (1, text.len() as u64),
            "string of {len}"
        );
        assert_eq!(s.capacity(), s.len());

        let data = vec![0xab; len];
        let mut bytes = Vec::new();
        write::write_bytes(&mut bytes, &data);
        let (b, calls, allocated) = decode::<Vec<u8>>(&bytes);
        assert_eq!(b, data);
        assert_eq!((calls, allocated), (1, len as u64), "bytes of {len}");
        assert_eq!(b.capacity(), b.len());
    }

    let items: Vec<i64> = (0..100).collect();
    let (v, calls, allocated) = decode::<Vec<i64>>(&items.to_bytes());
    assert_eq!(v, items);
    assert_eq!((calls, allocated), (1, 800));
    assert_eq!(v.capacity(), v.len());

    // A vector of strings: one allocation for the vector, one per non-empty string.
    let items: Vec<String> = ["", "a", "ж", "", "long text ".repeat(30).as_str()]
        .map(String::from)
        .to_vec();
    let (v, calls, _) = decode::<Vec<String>>(&items.to_bytes());
    assert_eq!(v, items);
    assert_eq!(calls, 1 + 3);
    assert_eq!(v.capacity(), v.len());
    let (v, calls, _) = decode::<Vec<Vec<String>>>(&vec![items.clone(), Vec::new()].to_bytes());
    assert_eq!(v, [items, Vec::new()]);
    assert_eq!(calls, 1 + 1 + 3);
}

/// Borrowed decoding: strings and byte strings are views of the input (no allocation, no
/// copy); a vector still allocates once.
#[test]
fn borrowed_strings_and_bytes_do_not_allocate() {
    use tlgen_runtime::DeserializableBorrowed;

    for len in [0, 1, 3, 64, 253, 254, 1000] {
        let text = "ж".repeat(len);
        let bytes = text.as_str().to_bytes();
        let (s, counted) = measure(|| <&str>::from_bytes_borrowed(&bytes).expect("valid"));
        assert_eq!((s, counted.calls()), (text.as_str(), 0), "string of {len}");
        // The text starts after the 1- or 4-byte length prefix.
        let header = if text.len() < 254 { 1 } else { 4 };
        assert!(std::ptr::eq(s.as_ptr(), bytes[header..].as_ptr()));

        let data = vec![0xab; len];
        let bytes = data.as_slice().to_bytes();
        let (b, counted) = measure(|| <&[u8]>::from_bytes_borrowed(&bytes).expect("valid"));
        assert_eq!((b, counted.calls()), (data.as_slice(), 0), "bytes of {len}");
    }

    let items = ["", "a", "ж", "long text ".repeat(30).as_str()].map(String::from);
    let bytes = items.to_vec().to_bytes();
    let (v, counted) = measure(|| Vec::<&str>::from_bytes_borrowed(&bytes).expect("valid"));
    assert_eq!(v, items);
    assert_eq!(counted.calls(), 1);
    assert_eq!(v.capacity(), v.len());
}
