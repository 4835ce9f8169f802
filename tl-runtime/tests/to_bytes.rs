//! `Serializable::to_bytes`: exact-size results from the per-thread scratch buffer, also when
//! calls nest or follow one another with very different sizes, and `write_bytes` appending
//! after existing content.

use tlgen_runtime::__private as write;
use tlgen_runtime::Serializable;

/// A value whose encoding calls `to_bytes` of its parts, as a user's impl might.
struct Nested(Vec<String>);

impl Serializable for Nested {
    fn serialize(&self, out: &mut Vec<u8>) {
        for part in &self.0 {
            out.extend_from_slice(&part.to_bytes());
        }
    }
}

#[test]
fn results_have_exactly_their_length() {
    let big = "x".repeat(300_000);
    let bytes = big.to_bytes();
    assert_eq!(bytes.len(), 4 + 300_000);
    assert_eq!(bytes.capacity(), bytes.len());
    assert_eq!(&bytes[..4], &[254, 0xe0, 0x93, 0x04]);
    // A small value right after a big one gets only its own bytes.
    let small = "hi".to_string().to_bytes();
    assert_eq!(small, [2, b'h', b'i', 0]);
    assert_eq!(small.capacity(), 4);
}

#[test]
fn nested_calls_do_not_share_the_buffer() {
    let value = Nested(vec!["ab".into(), "cde".into(), String::new()]);
    assert_eq!(
        value.to_bytes(),
        [2, b'a', b'b', 0, 3, b'c', b'd', b'e', 0, 0, 0, 0]
    );
}

#[test]
fn to_bytes_works_from_many_threads() {
    let threads: Vec<_> = (0..4u8)
        .map(|t| {
            std::thread::spawn(move || {
                for len in 0..300usize {
                    let data = vec![t; len];
                    let mut expected = Vec::new();
                    write::write_bytes(&mut expected, &data);
                    assert_eq!(data.to_bytes(), expected);
                }
            })
        })
        .collect();
    for thread in threads {
        thread.join().unwrap();
    }
}

#[test]
fn write_bytes_pads_after_existing_content() {
    for prefix in 0..4 {
        for len in [0, 1, 2, 3, 4, 5, 252, 253, 254, 255, 256, 257, 1000] {
            let mut out = vec![0xaa; prefix];
            let data = vec![0x55; len];
            write::write_bytes(&mut out, &data);
            let header = if len < 254 { 1 } else { 4 };
            let padded = (header + len).next_multiple_of(4);
            assert_eq!(out.len(), prefix + padded, "prefix {prefix}, len {len}");
            assert!(out[prefix + header + len..].iter().all(|&b| b == 0));
            assert_eq!(&out[prefix + header..prefix + header + len], &data[..]);
        }
    }
}
