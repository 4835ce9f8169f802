//! The string validator (SIMD with the default `simd-utf8` feature, the standard library's
//! without it) against `core::str::from_utf8`: the same `Ok` text or the same error, at the
//! same offset, on random bytes, on valid multi-byte text with bytes flipped, inserted or cut
//! off, and on every kind of invalid sequence at every position around the 64-byte blocks
//! the SIMD validator works in (shorter strings take the scalar path in both builds).

use proptest::prelude::*;
use tlgen_runtime::__private as write;
use tlgen_runtime::{DecodeError, DecodeErrorKind, Deserializable, Reader};

/// `prefix` 4-byte words, then `data` encoded as a TL `string`.
fn encode(prefix: usize, data: &[u8]) -> Vec<u8> {
    let mut bytes = vec![0x5a; prefix * 4];
    write::write_bytes(&mut bytes, data);
    bytes
}

/// Decodes `data` behind `prefix` words and checks the result against the standard
/// library's validator: the same text, or `InvalidUtf8` where the string starts with the
/// string left unread.
fn check(prefix: usize, data: &[u8]) -> Result<(), TestCaseError> {
    let bytes = encode(prefix, data);
    let start = prefix * 4;
    let mut reader = Reader::new(&bytes);
    prop_assert!(reader.read_raw(start).is_ok());
    let decoded = reader.read_str();
    match core::str::from_utf8(data) {
        Ok(text) => {
            prop_assert_eq!(decoded, Ok(text));
            prop_assert!(reader.is_empty());
        }
        Err(_) => {
            prop_assert_eq!(
                decoded,
                Err(DecodeError::new(start, DecodeErrorKind::InvalidUtf8))
            );
            prop_assert_eq!(reader.position(), start, "a failed read consumes nothing");
        }
    }
    // The owned read and `String::from_bytes` agree with the borrowed one.
    let owned = String::from_bytes(&bytes[start..]);
    prop_assert_eq!(
        owned.map_err(|e| (e.offset(), e.kind().clone())),
        core::str::from_utf8(data)
            .map(str::to_owned)
            .map_err(|_| (0, DecodeErrorKind::InvalidUtf8))
    );
    Ok(())
}

/// Words of the scripts the corpus uses, to build valid multi-byte text from.
const WORDS: &[&str] = &[
    "hello",
    "привет",
    "сегодня",
    "سلام",
    "به‌روزرسانی",
    "你好",
    "服务器",
    "こんにちは",
    "😀",
    "👍🏽",
    "❤️",
    "🇺🇦",
    "👨‍👩‍👧",
    "\u{10ffff}",
    "\u{7f}",
    "\u{80}",
    "\u{7ff}",
    "\u{800}",
    "\u{ffff}",
    "\u{10000}",
    " ",
    "\n",
];

/// Valid text of 0 to ~600 bytes made of [`WORDS`].
fn text() -> impl Strategy<Value = Vec<u8>> {
    prop::collection::vec(prop::sample::select(WORDS), 0..120)
        .prop_map(|words| words.concat().into_bytes())
}

/// A change to valid text that may break it.
#[derive(Debug, Clone)]
enum Mutation {
    /// XOR the byte at this position (modulo the length) with a non-zero value.
    Flip(usize, u8),
    /// Insert a byte at this position.
    Insert(usize, u8),
    /// Keep only the bytes before this position.
    Truncate(usize),
    /// Drop the bytes before this position.
    DropFront(usize),
}

fn mutation() -> impl Strategy<Value = Mutation> {
    prop_oneof![
        (any::<usize>(), 1..=255_u8).prop_map(|(at, x)| Mutation::Flip(at, x)),
        (any::<usize>(), any::<u8>()).prop_map(|(at, b)| Mutation::Insert(at, b)),
        any::<usize>().prop_map(Mutation::Truncate),
        any::<usize>().prop_map(Mutation::DropFront),
    ]
}

fn apply(data: &mut Vec<u8>, m: &Mutation) {
    let len = data.len();
    match *m {
        Mutation::Flip(at, x) if len > 0 => data[at % len] ^= x,
        Mutation::Flip(..) => {}
        Mutation::Insert(at, b) => data.insert(at % (len + 1), b),
        Mutation::Truncate(at) => data.truncate(at % (len + 1)),
        Mutation::DropFront(at) => {
            data.drain(..at % (len + 1));
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    #[test]
    fn random_bytes(prefix in 0_usize..3, data in prop::collection::vec(any::<u8>(), 0..300)) {
        check(prefix, &data)?;
    }

    /// Mostly-ASCII random bytes: long valid stretches with the odd high byte, so failures
    /// happen late in the string, past several SIMD blocks.
    #[test]
    fn mostly_ascii_bytes(
        prefix in 0_usize..3,
        data in prop::collection::vec(prop_oneof![20 => 0x20_u8..0x7f, 1 => any::<u8>()], 0..700),
    ) {
        check(prefix, &data)?;
    }

    #[test]
    fn valid_text(prefix in 0_usize..3, data in text()) {
        prop_assert!(core::str::from_utf8(&data).is_ok());
        check(prefix, &data)?;
    }

    #[test]
    fn mutated_text(
        prefix in 0_usize..3,
        mut data in text(),
        mutations in prop::collection::vec(mutation(), 1..4),
    ) {
        for m in &mutations {
            apply(&mut data, m);
        }
        check(prefix, &data)?;
    }
}

/// Every kind of invalid sequence (and a few valid edge cases), at every offset of a string
/// that spans several 64-byte blocks, in ASCII and in multi-byte surroundings, and cut off at
/// the end of the string.
#[test]
fn edge_sequences_at_every_position() {
    let sequences: &[&[u8]] = &[
        &[0x80],                   // lone continuation byte
        &[0xbf],                   // lone continuation byte
        &[0xc0, 0x80],             // overlong NUL
        &[0xc1, 0xbf],             // overlong
        &[0xc2],                   // missing continuation
        &[0xc2, 0x41],             // continuation replaced by ASCII
        &[0xe0, 0x80, 0x80],       // overlong three bytes
        &[0xe0, 0x9f, 0xbf],       // overlong three bytes
        &[0xed, 0xa0, 0x80],       // surrogate U+D800
        &[0xed, 0xbf, 0xbf],       // surrogate U+DFFF
        &[0xe2, 0x82],             // truncated three bytes
        &[0xf0, 0x80, 0x80, 0x80], // overlong four bytes
        &[0xf0, 0x8f, 0xbf, 0xbf], // overlong four bytes
        &[0xf4, 0x90, 0x80, 0x80], // above U+10FFFF
        &[0xf5, 0x80, 0x80, 0x80], // never a lead byte
        &[0xf0, 0x9f, 0x98],       // truncated four bytes
        &[0xfe],
        &[0xff],
        &[0xc2, 0x80],             // U+0080 (valid)
        &[0xed, 0x9f, 0xbf],       // U+D7FF (valid)
        &[0xee, 0x80, 0x80],       // U+E000 (valid)
        &[0xf4, 0x8f, 0xbf, 0xbf], // U+10FFFF (valid)
    ];
    let fillers = ["a".repeat(200), "я".repeat(100), "😀".repeat(50)];
    for filler in &fillers {
        for sequence in sequences {
            for at in 0..=filler.len().min(140) {
                let mut data = filler.as_bytes()[..filler.len().min(150)].to_vec();
                let at = at.min(data.len());
                data.splice(at..at, sequence.iter().copied());
                check(1, &data).unwrap();
                // The same sequence cut off at the end of the string.
                data.truncate(at + sequence.len() - 1);
                check(1, &data).unwrap();
            }
        }
    }
}

/// Long strings, in the 3-byte length form, valid and broken at their very end.
#[test]
fn long_strings() {
    for len in [253, 254, 255, 1000, 65_536, 1 << 20] {
        let mut data = "ж".repeat(len / 2).into_bytes();
        data.truncate(len);
        check(0, &data).unwrap();
        if let Some(last) = data.last_mut() {
            *last = 0xff;
        }
        check(0, &data).unwrap();
    }
}
