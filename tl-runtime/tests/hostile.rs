//! Hostile input: truncation, forged lengths, deep nesting, invalid UTF-8,
//! trailing bytes, and random bytes through every read function.

use proptest::prelude::*;
use tlgen_runtime::__private::{read_bare_vector, read_vector};
use tlgen_runtime::{
    BareDeserializable, DecodeError, DecodeErrorKind, Deserializable, Reader, Result, RpcError,
    Serializable,
};

fn end(offset: usize, needed: usize) -> DecodeError {
    DecodeError::new(offset, DecodeErrorKind::UnexpectedEnd { needed })
}

/// A `bytes` length prefix at `offset` saying `len` bytes where `left` follow it.
fn exceeds(offset: usize, len: usize, left: usize) -> DecodeError {
    DecodeError::new(offset, DecodeErrorKind::LengthExceeds { len, left })
}

fn invalid_length(offset: usize, len: usize) -> DecodeError {
    DecodeError::new(offset, DecodeErrorKind::InvalidLength { len })
}

fn decode<T: Deserializable>(bytes: &[u8]) -> Result<()> {
    T::from_bytes(bytes).map(drop)
}

/// A golden sample, a decoder, and the hand-derived error for each truncation.
struct Sample {
    name: &'static str,
    bytes: Vec<u8>,
    decode: fn(&[u8]) -> Result<()>,
    /// The expected error when only the first `len` bytes are given.
    truncated: fn(usize) -> DecodeError,
}

fn samples() -> Vec<Sample> {
    let mut long_string = vec![0xfe, 0x2c, 0x01, 0x00]; // 300 bytes: 304 total
    long_string.extend(std::iter::repeat(b'x').take(300));
    vec![
        Sample {
            name: "int",
            bytes: vec![0x78, 0x56, 0x34, 0x12],
            decode: decode::<i32>,
            truncated: |_| end(0, 4),
        },
        Sample {
            name: "long",
            bytes: vec![8, 7, 6, 5, 4, 3, 2, 1],
            decode: decode::<i64>,
            truncated: |_| end(0, 8),
        },
        Sample {
            name: "double",
            bytes: vec![0, 0, 0, 0, 0, 0, 0xf0, 0x3f],
            decode: decode::<f64>,
            truncated: |_| end(0, 8),
        },
        Sample {
            name: "int128",
            bytes: (0..16).collect(),
            decode: decode::<[u8; 16]>,
            truncated: |_| end(0, 16),
        },
        Sample {
            name: "int256",
            bytes: (0..32).collect(),
            decode: decode::<[u8; 32]>,
            truncated: |_| end(0, 32),
        },
        Sample {
            name: "Bool",
            bytes: vec![0xb5, 0x75, 0x72, 0x99],
            decode: decode::<bool>,
            truncated: |_| end(0, 4),
        },
        Sample {
            name: "short string",
            bytes: vec![0x05, b'h', b'e', b'l', b'l', b'o', 0x00, 0x00],
            decode: decode::<String>,
            // Under 4 bytes even the minimum is missing; then the 5 bytes after the 1-byte
            // prefix; with all 5 there, only the padding: all 8 are needed.
            truncated: |len| match len {
                0..=3 => end(0, 4),
                4..=5 => exceeds(0, 5, len - 1),
                _ => end(0, 8),
            },
        },
        Sample {
            name: "long bytes",
            bytes: long_string,
            decode: decode::<Vec<u8>>,
            // After the 4-byte prefix, fewer than its 300 bytes.
            truncated: |len| {
                if len < 4 {
                    end(0, 4)
                } else {
                    exceeds(0, 300, len - 4)
                }
            },
        },
        Sample {
            name: "Vector<long>",
            bytes: vec![
                0x15, 0xc4, 0xb5, 0x1c, // 0: Vector
                0x02, 0x00, 0x00, 0x00, // 4: count 2
                0x01, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, // 8: 1
                0x02, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, // 16: 2
            ],
            decode: decode::<Vec<i64>>,
            truncated: |len| match len {
                0..=3 => end(0, 4),
                4..=7 => end(4, 4),
                // Two items need at least 8 more bytes: the count is implausible.
                8..=15 => invalid_length(4, 2),
                _ => end(16, 8),
            },
        },
        Sample {
            name: "Vector<string>",
            bytes: vec![
                0x15, 0xc4, 0xb5, 0x1c, // 0: Vector
                0x02, 0x00, 0x00, 0x00, // 4: count 2
                0x02, b'a', b'b', 0x00, // 8: "ab"
                0x05, b'c', b'd', b'e', b'f', b'g', 0x00, 0x00, // 12: "cdefg"
            ],
            decode: decode::<Vec<String>>,
            truncated: |len| match len {
                0..=3 => end(0, 4),
                4..=7 => end(4, 4),
                8..=15 => invalid_length(4, 2),
                // "cdefg" at 12: fewer than 5 bytes after its prefix, then only the padding.
                16..=17 => exceeds(12, 5, len - 13),
                _ => end(12, 8),
            },
        },
        Sample {
            name: "bare vector<int>",
            bytes: vec![0x01, 0x00, 0x00, 0x00, 0x09, 0x00, 0x00, 0x00],
            decode: |bytes| {
                let mut reader = Reader::new(bytes);
                Vec::<i32>::deserialize_bare(&mut reader)?;
                reader.finish()
            },
            truncated: |len| match len {
                0..=3 => end(0, 4),
                _ => invalid_length(0, 1),
            },
        },
        Sample {
            name: "rpc_error",
            bytes: vec![
                0x19, 0xca, 0x44, 0x21, // 0: rpc_error
                0x90, 0x01, 0x00, 0x00, // 4: 400
                0x03, b'A', b'B', b'C', // 8: "ABC"
            ],
            decode: decode::<RpcError>,
            // Inside rpc_error once its id is read.
            truncated: |len| match len {
                0..=3 => end(0, 4),
                4..=7 => end(4, 4).within("rpc_error"),
                _ => end(8, 4).within("rpc_error"),
            },
        },
    ]
}

#[test]
fn every_prefix_fails_with_the_right_error() {
    for sample in samples() {
        assert_eq!((sample.decode)(&sample.bytes), Ok(()), "{}", sample.name);
        for len in 0..sample.bytes.len() {
            let prefix = sample.bytes.get(..len).unwrap();
            assert_eq!(
                (sample.decode)(prefix),
                Err((sample.truncated)(len)),
                "{} cut to {len} bytes",
                sample.name
            );
        }
        // A longer input decodes the value and then complains.
        let mut longer = sample.bytes.clone();
        longer.push(0);
        assert_eq!(
            (sample.decode)(&longer),
            Err(DecodeError::new(
                sample.bytes.len(),
                DecodeErrorKind::TrailingBytes { count: 1 }
            )),
            "{} with a trailing byte",
            sample.name
        );
    }
}

#[test]
fn trailing_bytes_are_counted() {
    let err = i32::from_bytes(&[1, 0, 0, 0, 9, 9, 9]).unwrap_err();
    assert_eq!(err.offset(), 4);
    assert_eq!(err.kind(), &DecodeErrorKind::TrailingBytes { count: 3 });
    assert_eq!(err.to_string(), "3 trailing bytes at byte 4");
    // `deserialize` itself leaves the rest alone.
    let mut reader = Reader::new(&[1, 0, 0, 0, 9, 9, 9]);
    assert_eq!(i32::deserialize(&mut reader), Ok(1));
    assert_eq!(reader.remaining(), 3);
    assert_eq!(reader.finish(), Err(err));
}

#[test]
fn forged_vector_counts_are_rejected() {
    let mut huge = vec![0x15, 0xc4, 0xb5, 0x1c, 0xff, 0xff, 0xff, 0x7f];
    huge.extend_from_slice(&[0; 16]);
    assert_eq!(
        Vec::<i64>::from_bytes(&huge),
        Err(invalid_length(4, 0x7fff_ffff))
    );
    assert_eq!(
        Vec::<u8>::from_bytes(&huge[4..]),
        Err(invalid_length(0, 0xff))
    );

    let minus_one = [0x15, 0xc4, 0xb5, 0x1c, 0xff, 0xff, 0xff, 0xff, 0, 0, 0, 0];
    assert_eq!(
        Vec::<i32>::from_bytes(&minus_one),
        Err(invalid_length(4, 0xffff_ffff))
    );
    let min = [0x15, 0xc4, 0xb5, 0x1c, 0x00, 0x00, 0x00, 0x80];
    assert_eq!(
        Vec::<i32>::from_bytes(&min),
        Err(invalid_length(4, 0x8000_0000))
    );

    // Exactly as many 4-byte items as remain is fine; one more is not.
    let mut reader = Reader::new(&[0x02, 0, 0, 0, 1, 0, 0, 0, 2, 0, 0, 0]);
    assert_eq!(reader.read_vector_len(), Ok(2));
    let mut reader = Reader::new(&[0x03, 0, 0, 0, 1, 0, 0, 0, 2, 0, 0, 0]);
    assert_eq!(reader.read_vector_len(), Err(invalid_length(0, 3)));
    assert_eq!(reader.position(), 0, "a failed count read consumes nothing");

    // Wrong vector id.
    let err = Vec::<i32>::from_bytes(&[0xb5, 0x75, 0x72, 0x99, 0, 0, 0, 0]).unwrap_err();
    assert_eq!(err.offset(), 0);
    assert_eq!(
        err.kind(),
        &DecodeErrorKind::UnexpectedConstructor {
            id: 0x9972_75b5,
            expected: "Vector"
        }
    );
}

#[test]
fn forged_string_length_fails_without_reading_past_the_end() {
    // A long-form length of 0xff_ffff with 8 bytes of data.
    let bytes = [0xfe, 0xff, 0xff, 0xff, 1, 2, 3, 4, 5, 6, 7, 8];
    // The prefix says 0xff_ffff bytes; 8 follow it.
    let expected = exceeds(0, 0xff_ffff, 8);
    assert_eq!(
        expected.to_string(),
        "length 16777215 exceeds the 8 bytes left at byte 0"
    );
    assert_eq!(String::from_bytes(&bytes), Err(expected.clone()));
    assert_eq!(Vec::<u8>::from_bytes(&bytes), Err(expected.clone()));
    let mut reader = Reader::new(&bytes);
    assert_eq!(reader.read_bytes(), Err(expected));
    assert_eq!(reader.position(), 0);
    assert_eq!(reader.remaining(), bytes.len());

    // A 0xff prefix byte is not a valid length.
    let err = String::from_bytes(&[0xff, 0, 0, 0]).unwrap_err();
    assert_eq!(err, invalid_length(0, 0xff));
    assert_eq!(err.to_string(), "invalid length 255 at byte 0");

    // A short string claiming more than there is.
    assert_eq!(
        String::from_bytes(&[0x09, b'a', b'b', b'c']),
        Err(exceeds(0, 9, 3))
    );
}

#[test]
fn invalid_utf8_is_reported_where_the_string_starts() {
    // int 1, then "a\xff" (a lone 0xff is never UTF-8).
    let bytes = [1, 0, 0, 0, 0x02, b'a', 0xff, 0x00];
    let mut reader = Reader::new(&bytes);
    assert_eq!(reader.read_i32(), Ok(1));
    let err = reader.read_string().unwrap_err();
    assert_eq!(err, DecodeError::new(4, DecodeErrorKind::InvalidUtf8));
    assert_eq!(err.to_string(), "invalid UTF-8 in string at byte 4");
    assert_eq!(reader.position(), 4, "the string is not consumed");
    assert_eq!(reader.read_str(), Err(err));
    // The same bytes are fine as `bytes`.
    assert_eq!(reader.read_bytes(), Ok(&[b'a', 0xff][..]));

    // Inside a vector: the second string, at offset 12, is a truncated
    // two-byte sequence.
    let bytes = [
        0x15, 0xc4, 0xb5, 0x1c, 0x02, 0x00, 0x00, 0x00, // Vector, 2 items
        0x01, b'x', 0x00, 0x00, // "x"
        0x01, 0xc3, 0x00, 0x00, // "\xc3"
    ];
    assert_eq!(
        Vec::<String>::from_bytes(&bytes),
        Err(DecodeError::new(12, DecodeErrorKind::InvalidUtf8))
    );
    // Overlong encodings and surrogates are invalid too.
    for bad in [[0x02, 0xc0, 0x80, 0x00], [0x03, 0xed, 0xa0, 0x80]] {
        assert_eq!(
            String::from_bytes(&bad),
            Err(DecodeError::new(0, DecodeErrorKind::InvalidUtf8))
        );
    }
}

#[test]
fn depth_is_limited() {
    let mut reader = Reader::new(&[]);
    assert_eq!(reader.max_depth(), Reader::DEFAULT_MAX_DEPTH);
    assert_eq!(Reader::DEFAULT_MAX_DEPTH, 64);
    for _ in 0..64 {
        assert_eq!(reader.enter(), Ok(()));
    }
    assert_eq!(reader.depth(), 64);
    let err = reader.enter().unwrap_err();
    assert_eq!(
        err,
        DecodeError::new(0, DecodeErrorKind::TooDeep { limit: 64 })
    );
    assert_eq!(err.to_string(), "nesting deeper than 64 levels at byte 0");
    reader.leave();
    assert_eq!(reader.enter(), Ok(()));

    let mut reader = Reader::with_max_depth(&[0; 8], 2);
    reader.read_i32().unwrap();
    assert_eq!(reader.enter(), Ok(()));
    assert_eq!(reader.enter(), Ok(()));
    assert_eq!(
        reader.enter(),
        Err(DecodeError::new(4, DecodeErrorKind::TooDeep { limit: 2 }))
    );
    reader.leave();
    reader.leave();
    reader.leave(); // one too many is harmless
    assert_eq!(reader.depth(), 0);

    let mut reader = Reader::with_max_depth(&[], 0);
    assert_eq!(
        reader.enter(),
        Err(DecodeError::new(0, DecodeErrorKind::TooDeep { limit: 0 }))
    );
}

/// A recursive type shaped like generated code:
/// `textPlain#744694e0 text:string = RichText;`
/// `textBold#6724abc4 text:RichText = RichText;`
#[derive(Debug, PartialEq)]
enum RichText {
    Plain(String),
    Bold(Box<RichText>),
}

impl Deserializable for RichText {
    fn deserialize(reader: &mut Reader<'_>) -> Result<Self> {
        reader.enter()?;
        let value = match reader.read_u32()? {
            0x7446_94e0 => RichText::Plain(reader.read_string()?),
            0x6724_abc4 => RichText::Bold(Box::new(RichText::deserialize(reader)?)),
            id => return Err(reader.unexpected_constructor(id, "RichText")),
        };
        reader.leave();
        Ok(value)
    }
}

fn nested_bold(levels: usize) -> Vec<u8> {
    let mut bytes = Vec::new();
    for _ in 0..levels {
        bytes.extend_from_slice(&[0xc4, 0xab, 0x24, 0x67]);
    }
    bytes.extend_from_slice(&[0xe0, 0x94, 0x46, 0x74, 0x01, b'x', 0x00, 0x00]);
    bytes
}

#[test]
fn deep_recursion_is_an_error_not_a_stack_overflow() {
    // 63 bolds + the plain text = 64 levels: fine.
    let mut value = RichText::from_bytes(&nested_bold(63)).unwrap();
    for _ in 0..63 {
        value = match value {
            RichText::Bold(inner) => *inner,
            RichText::Plain(_) => panic!("too shallow"),
        };
    }
    assert_eq!(value, RichText::Plain("x".to_owned()));
    // One more level is too deep; the error is at the 65th constructor.
    assert_eq!(
        RichText::from_bytes(&nested_bold(64)),
        Err(DecodeError::new(
            64 * 4,
            DecodeErrorKind::TooDeep { limit: 64 }
        ))
    );
    // A million levels fail just as quickly.
    let err = RichText::from_bytes(&nested_bold(1_000_000)).unwrap_err();
    assert_eq!(err.kind(), &DecodeErrorKind::TooDeep { limit: 64 });
    // A custom limit.
    let bytes = nested_bold(3);
    let mut reader = Reader::with_max_depth(&bytes, 3);
    assert_eq!(
        RichText::deserialize(&mut reader).unwrap_err().kind(),
        &DecodeErrorKind::TooDeep { limit: 3 }
    );
    let mut reader = Reader::with_max_depth(&bytes, 4);
    assert!(RichText::deserialize(&mut reader).is_ok());
    assert_eq!(reader.depth(), 0);
    // An unknown constructor.
    assert_eq!(
        RichText::from_bytes(&[0, 0, 0, 0]).unwrap_err().to_string(),
        "unexpected constructor 0x00000000 for RichText at byte 0"
    );
}

/// One read operation on a [`Reader`].
#[derive(Debug, Clone, Copy)]
enum Op {
    U32,
    I32,
    I64,
    U64,
    F64,
    Bool,
    PeekU32,
    Array16,
    Array32,
    Raw(usize),
    Bytes,
    Str,
    String,
    VectorLen,
    VectorId,
    Enter,
    Leave,
    Finish,
    VecI64,
    VecString,
    BareVecBytes,
    VecVecI32,
}

fn op() -> impl Strategy<Value = Op> {
    prop_oneof![
        Just(Op::U32),
        Just(Op::I32),
        Just(Op::I64),
        Just(Op::U64),
        Just(Op::F64),
        Just(Op::Bool),
        Just(Op::PeekU32),
        Just(Op::Array16),
        Just(Op::Array32),
        (0_usize..40).prop_map(Op::Raw),
        Just(Op::Bytes),
        Just(Op::Str),
        Just(Op::String),
        Just(Op::VectorLen),
        Just(Op::VectorId),
        Just(Op::Enter),
        Just(Op::Leave),
        Just(Op::Finish),
        Just(Op::VecI64),
        Just(Op::VecString),
        Just(Op::BareVecBytes),
        Just(Op::VecVecI32),
    ]
}

/// Runs `op`, checking the position and error offset rules; returns `Err` on a failed read.
fn run(reader: &mut Reader<'_>, op: Op) -> std::result::Result<(), DecodeError> {
    let before = reader.position();
    let remaining = reader.remaining();
    // Fixed-size reads: on success they advance by exactly their size, on
    // failure they leave the reader alone and report UnexpectedEnd here.
    let fixed = |reader: &Reader<'_>, size: usize, result: Result<()>| {
        match &result {
            Ok(()) => assert_eq!(reader.position(), before + size),
            Err(err) => {
                assert_eq!(reader.position(), before);
                assert!(remaining < size);
                assert_eq!(err, &end(before, size));
            }
        }
        result
    };
    match op {
        Op::U32 => {
            let result = reader.read_u32().map(drop);
            fixed(reader, 4, result)
        }
        Op::I32 => {
            let result = reader.read_i32().map(drop);
            fixed(reader, 4, result)
        }
        Op::I64 => {
            let result = reader.read_i64().map(drop);
            fixed(reader, 8, result)
        }
        Op::U64 => {
            let result = reader.read_u64().map(drop);
            fixed(reader, 8, result)
        }
        Op::F64 => {
            let result = reader.read_f64().map(drop);
            fixed(reader, 8, result)
        }
        Op::Array16 => {
            let result = reader.read_array::<16>().map(drop);
            fixed(reader, 16, result)
        }
        Op::Array32 => {
            let result = reader.read_array::<32>().map(drop);
            fixed(reader, 32, result)
        }
        Op::Raw(n) => {
            let result = reader.read_raw(n).map(|raw| assert_eq!(raw.len(), n));
            fixed(reader, n, result)
        }
        Op::PeekU32 => {
            let result = reader.peek_u32().map(drop);
            assert_eq!(reader.position(), before);
            assert_eq!(result.is_ok(), remaining >= 4);
            if let Err(err) = &result {
                assert_eq!(err, &end(before, 4));
            }
            result
        }
        Op::Bool | Op::VectorId => {
            let result = if matches!(op, Op::Bool) {
                reader.read_bool().map(drop)
            } else {
                reader.expect_vector_id()
            };
            match &result {
                Ok(()) => assert_eq!(reader.position(), before + 4),
                Err(err) => match err.kind() {
                    DecodeErrorKind::UnexpectedEnd { needed: 4 } => {
                        assert_eq!(err.offset(), before);
                        assert_eq!(reader.position(), before);
                    }
                    DecodeErrorKind::UnexpectedConstructor { .. } => {
                        assert_eq!(err.offset(), before);
                        assert_eq!(reader.position(), before + 4);
                    }
                    other => panic!("unexpected {other:?}"),
                },
            }
            result
        }
        Op::Bytes | Op::Str | Op::String => {
            let result = match op {
                Op::Bytes => reader.read_bytes().map(<[u8]>::len),
                Op::Str => reader.read_str().map(str::len),
                _ => reader.read_string().map(|s| s.len()),
            };
            match &result {
                Ok(len) => {
                    let consumed = reader.position() - before;
                    assert_eq!(consumed % 4, 0);
                    assert!(consumed > *len && consumed <= len + 7);
                }
                Err(err) => {
                    assert_eq!(reader.position(), before);
                    assert_eq!(err.offset(), before);
                    match err.kind() {
                        DecodeErrorKind::UnexpectedEnd { needed } => assert!(*needed > remaining),
                        DecodeErrorKind::LengthExceeds { len, left } => {
                            assert!(len > left && *left < remaining);
                        }
                        DecodeErrorKind::InvalidLength { len: 0xff } => {}
                        DecodeErrorKind::InvalidUtf8 => assert!(!matches!(op, Op::Bytes)),
                        other => panic!("unexpected {other:?}"),
                    }
                }
            }
            result.map(drop)
        }
        Op::VectorLen => {
            let result = reader.read_vector_len();
            match &result {
                Ok(count) => {
                    assert_eq!(reader.position(), before + 4);
                    assert!(*count <= reader.remaining() / 4);
                }
                Err(err) => {
                    assert_eq!(reader.position(), before);
                    assert_eq!(err.offset(), before);
                }
            }
            result.map(drop)
        }
        Op::Enter => {
            let depth = reader.depth();
            let result = reader.enter();
            match &result {
                Ok(()) => assert_eq!(reader.depth(), depth + 1),
                Err(err) => {
                    assert_eq!(depth, reader.max_depth());
                    assert_eq!(
                        err.kind(),
                        &DecodeErrorKind::TooDeep {
                            limit: reader.max_depth()
                        }
                    );
                }
            }
            result
        }
        Op::Leave => {
            reader.leave();
            Ok(())
        }
        Op::Finish => {
            let result = reader.finish();
            assert_eq!(result.is_ok(), remaining == 0);
            result
        }
        Op::VecI64 => read_vector(reader, Reader::read_i64).map(drop),
        Op::VecString => Vec::<String>::deserialize(reader).map(drop),
        Op::BareVecBytes => read_bare_vector(reader, Reader::read_bytes).map(drop),
        Op::VecVecI32 => read_vector(reader, |r| read_vector(r, Reader::read_i32)).map(drop),
    }
    .inspect_err(|err| {
        // Every error points inside (or at the end of) the input.
        assert!(err.offset() <= reader.position() + reader.remaining());
        let _ = err.to_string();
    })
}

/// Decodes `T` from `bytes`; if that works, re-encoding and decoding again
/// gives the same value, and the canonical encoding is no longer than the input.
fn decode_is_stable<T>(bytes: &[u8])
where
    T: Deserializable + Serializable + PartialEq + std::fmt::Debug,
{
    let mut reader = Reader::new(bytes);
    if let Ok(value) = T::deserialize(&mut reader) {
        let encoded = value.to_bytes();
        assert!(encoded.len() <= reader.position());
        assert_eq!(T::from_bytes(&encoded), Ok(value));
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    #[test]
    fn random_bytes_through_every_read_never_panic(
        bytes in proptest::collection::vec(any::<u8>(), 0..96),
        ops in proptest::collection::vec(op(), 1..24),
        max_depth in 0_u32..4,
    ) {
        let mut reader = Reader::with_max_depth(&bytes, max_depth);
        for op in ops {
            let _ = run(&mut reader, op);
            prop_assert_eq!(reader.position() + reader.remaining(), bytes.len());
        }
    }

    #[test]
    fn random_bytes_through_every_decoder_never_panic(
        bytes in proptest::collection::vec(any::<u8>(), 0..96),
    ) {
        decode_is_stable::<i32>(&bytes);
        decode_is_stable::<u32>(&bytes);
        decode_is_stable::<i64>(&bytes);
        decode_is_stable::<[u8; 16]>(&bytes);
        decode_is_stable::<[u8; 32]>(&bytes);
        decode_is_stable::<bool>(&bytes);
        decode_is_stable::<String>(&bytes);
        decode_is_stable::<Vec<u8>>(&bytes);
        decode_is_stable::<Vec<i32>>(&bytes);
        decode_is_stable::<Vec<String>>(&bytes);
        decode_is_stable::<Vec<Vec<u8>>>(&bytes);
        decode_is_stable::<Vec<Vec<i64>>>(&bytes);
        decode_is_stable::<Vec<bool>>(&bytes);
        decode_is_stable::<RpcError>(&bytes);
        let _ = f64::from_bytes(&bytes);
        let _ = RichText::from_bytes(&bytes);
    }

    #[test]
    fn structured_bytes_never_panic(
        // Inputs built from plausible pieces reach deeper than random bytes.
        pieces in proptest::collection::vec(prop_oneof![
            Just(vec![0x15, 0xc4, 0xb5, 0x1c]),
            Just(vec![0xb5, 0x75, 0x72, 0x99]),
            Just(vec![0x19, 0xca, 0x44, 0x21]),
            (0_u8..6).prop_map(|n| vec![n, 0, 0, 0]),
            Just(vec![0xfe, 0x05, 0x00, 0x00]),
            Just(vec![0xff, 0xff, 0xff, 0x7f]),
            proptest::collection::vec(any::<u8>(), 1..8),
        ], 0..12),
    ) {
        let bytes = pieces.concat();
        decode_is_stable::<Vec<Vec<i32>>>(&bytes);
        decode_is_stable::<Vec<String>>(&bytes);
        decode_is_stable::<Vec<bool>>(&bytes);
        decode_is_stable::<Vec<Vec<u8>>>(&bytes);
        decode_is_stable::<RpcError>(&bytes);
    }
}

/// `within_case` names the constructor whose id the table lists, outside the ones already
/// named (as an enum's dispatch does after a case failed), and keeps an error as it is for
/// an id the table does not list.
#[test]
fn within_case_names_the_constructor_by_id() {
    const CASES: &[(u32, &str)] = &[(0x85e8_d3dd, "message"), (0x83e5_de54, "messageEmpty")];
    let inner = end(40, 4).within("peerUser");
    let err = inner.clone().within_case(0x83e5_de54, CASES);
    assert_eq!(err, end(40, 4).within("peerUser").within("messageEmpty"));
    assert_eq!(
        err.constructors().collect::<Vec<_>>(),
        ["messageEmpty", "peerUser"]
    );
    assert_eq!(
        err.to_string(),
        "unexpected end of input (needed 4 bytes) at byte 40 in messageEmpty > peerUser"
    );
    assert_eq!(inner.clone().within_case(0x1234_5678, CASES), inner);
}
