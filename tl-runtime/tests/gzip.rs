//! `gzip_packed`: unpacking against streams from an independent gzip (Python's `gzip`
//! module, RFC 1952), and every hostile case — a bomb, truncation, bad checksums, nesting —
//! as an error with an offset, never a panic or an unbounded allocation.
#![cfg(feature = "gzip")]

use miniz_oxide::deflate::core::{compress, create_comp_flags_from_zip_params, CompressorOxide};
use miniz_oxide::deflate::core::{TDEFLFlush, TDEFLStatus};
use proptest::prelude::*;
use tlgen_runtime::envelope::GzipPacked;
use tlgen_runtime::{
    unpack, unpack_with_limit, BareSerializable, DecodeError, DecodeErrorKind, GzipError,
    Identifiable, RemoteCall, RemoteCallBorrowed, RpcError, DEFAULT_MAX_UNPACKED,
};
use tlgen_test_support::alloc::{measure, Counting};
use tlgen_test_support::envelope::{packed_stream as packed, tl_bytes};

#[global_allocator]
static ALLOCATOR: Counting = Counting;

/// `bytes(range(200)) * 3` as `gzip.compress(data, mtime=0)` writes it (Python 3).
const PYTHON_GZIP: &str = "1f8b08000000000002036360646266616563e7e0e4e2e6e1e5e3171014121611151397909492969195935750545256515553d7d0d4d2d6d1d5d33730343236313533b7b0b4b2b6b1b5b37770747276717573f7f0f4f2f6f1f5f30f080c0a0e090d0b8f888c8a8e898d8b4f484c4a4e494d4bcfc8cccacec9cdcb2f282c2a2e292d2bafa8acaaaea9adab6f686c6a6e696d6befe8eceaeee9edeb9f3071d2e42953a74d9f3173d6ec3973e7cd5fb070d1e2254b972d5fb172d5ea356bd7addfb071d3e62d5bb76ddfb173d7ee3d7bf7ed3f70f0d0e123478f1d6718f5c7a0f207005c1b758058020000";

fn hex(text: &str) -> Vec<u8> {
    (0..text.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(&text[i..i + 2], 16).unwrap())
        .collect()
}

fn python_content() -> Vec<u8> {
    (0..3).flat_map(|_| 0..200u8).collect()
}

/// A TL `bytes` value: length prefix, data, zero padding to 4.
fn deflate(chunks: &[&[u8]]) -> Vec<u8> {
    let mut compressor = CompressorOxide::new(create_comp_flags_from_zip_params(6, -15, 0));
    let mut out = Vec::new();
    let mut buf = vec![0; 1 << 16];
    for (i, chunk) in chunks.iter().enumerate() {
        let flush = if i + 1 == chunks.len() {
            TDEFLFlush::Finish
        } else {
            TDEFLFlush::None
        };
        let mut input = *chunk;
        loop {
            let (status, read, written) = compress(&mut compressor, input, &mut buf, flush);
            out.extend_from_slice(&buf[..written]);
            input = &input[read..];
            match status {
                TDEFLStatus::Done => break,
                TDEFLStatus::Okay if input.is_empty() && written < buf.len() => break,
                TDEFLStatus::Okay => {}
                other => panic!("compress: {other:?}"),
            }
        }
    }
    out
}

/// A gzip member (RFC 1952) of `content` with a plain 10-byte header.
fn gzip(content: &[u8]) -> Vec<u8> {
    let mut out = vec![0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 255];
    out.extend(deflate(&[content]));
    out.extend(crc32fast::hash(content).to_le_bytes());
    out.extend((content.len() as u32).to_le_bytes());
    out
}

fn unpacked(bytes: &[u8]) -> Result<Vec<u8>, DecodeError> {
    let mut buffer = Vec::new();
    unpack(bytes, &mut buffer).map(<[u8]>::to_vec)
}

fn gzip_error(bytes: &[u8]) -> (usize, GzipError) {
    let err = unpacked(bytes).unwrap_err();
    match err.kind() {
        DecodeErrorKind::Gzip(kind) => (err.offset(), *kind),
        other => panic!("not a gzip error: {other:?} at {}", err.offset()),
    }
}

#[test]
fn a_python_gzip_stream_unpacks() {
    let bytes = packed(&hex(PYTHON_GZIP));
    assert_eq!(unpacked(&bytes).unwrap(), python_content());
    let view = GzipPacked::from_bytes(&bytes).unwrap();
    assert_eq!(view.packed_data, hex(PYTHON_GZIP));
}

#[test]
fn optional_header_fields_are_skipped_and_the_header_crc_checked() {
    let content = b"header fields";
    let mut header = vec![0x1f, 0x8b, 8, 0x04 | 0x08 | 0x10 | 0x02, 0, 0, 0, 0, 0, 3];
    header.extend([3, 0, b'x', b'y', b'z']); // FEXTRA: XLEN 3
    header.extend(b"name.bin\0"); // FNAME
    header.extend(b"a comment\0"); // FCOMMENT
    let crc16 = crc32fast::hash(&header) as u16;
    let mut stream = header.clone();
    stream.extend(crc16.to_le_bytes());
    stream.extend(&gzip(content)[10..]);
    assert_eq!(unpacked(&packed(&stream)).unwrap(), content);

    let mut wrong = header;
    wrong.extend((crc16 ^ 1).to_le_bytes());
    wrong.extend(&gzip(content)[10..]);
    // 5 bytes of the id and TL prefix, then the header CRC after the 34-byte header.
    assert_eq!(gzip_error(&packed(&wrong)), (5 + 34, GzipError::Header));
}

#[test]
fn a_bad_header_is_refused_where_it_is_wrong() {
    let good = gzip(b"x");
    for (at, value) in [(0, 0x1e), (1, 0x8c), (2, 7), (3, 0x20)] {
        let mut stream = good.clone();
        stream[at] = value;
        assert_eq!(
            gzip_error(&packed(&stream)),
            (5 + at, GzipError::Header),
            "byte {at}"
        );
    }
}

#[test]
fn a_bad_checksum_or_size_is_refused_at_the_trailer() {
    let good = gzip(b"checked content");
    let trailer = good.len() - 8;
    let mut crc = good.clone();
    crc[trailer] ^= 1;
    assert_eq!(
        gzip_error(&packed(&crc)),
        (5 + trailer, GzipError::Checksum)
    );
    let mut size = good.clone();
    size[trailer + 4] ^= 1;
    assert_eq!(
        gzip_error(&packed(&size)),
        (5 + trailer + 4, GzipError::Size)
    );
    let mut python = hex(PYTHON_GZIP);
    let at = python.len() - 8;
    python[at] ^= 0x80;
    assert_eq!(gzip_error(&packed(&python)).1, GzipError::Checksum);
}

#[test]
fn every_truncation_is_an_error() {
    let stream = hex(PYTHON_GZIP);
    for len in 0..stream.len() {
        let (_, kind) = gzip_error(&packed(&stream[..len]));
        assert!(
            matches!(
                kind,
                GzipError::Header | GzipError::Truncated | GzipError::Deflate
            ),
            "{len}: {kind:?}"
        );
    }
    // A truncated TL `bytes` around it is the reader's error.
    let whole = packed(&stream);
    let err = unpacked(&whole[..whole.len() - 4]).unwrap_err();
    // Its length prefix (after the 4-byte id) says more than the bytes after it.
    let header = if stream.len() < 254 { 1 } else { 4 };
    assert_eq!(
        (err.offset(), err.kind()),
        (
            4,
            &DecodeErrorKind::LengthExceeds {
                len: stream.len(),
                left: whole.len() - 4 - 4 - header
            }
        )
    );
}

#[test]
fn corrupt_deflate_data_is_an_error() {
    let mut stream = gzip(&[7; 1000]);
    // BTYPE 11 (reserved) in the first block header.
    stream[10] |= 0b110;
    let (at, kind) = gzip_error(&packed(&stream));
    assert_eq!(kind, GzipError::Deflate);
    assert!(at >= 15, "{at}");
}

#[test]
fn bytes_after_the_member_are_refused() {
    let mut stream = gzip(b"abc");
    let end = stream.len();
    stream.extend([0; 4]);
    assert_eq!(
        gzip_error(&packed(&stream)),
        (5 + end, GzipError::TrailingData)
    );
}

#[test]
fn gzip_inside_gzip_is_refused() {
    let inner = packed(&gzip(&0x9972_75b5_u32.to_le_bytes()));
    assert_eq!(unpacked(&inner).unwrap(), 0x9972_75b5_u32.to_le_bytes());
    let outer = packed(&gzip(&inner));
    assert_eq!(gzip_error(&outer), (0, GzipError::Nested));
}

#[test]
fn the_limit_holds_while_inflating() {
    let content = [1u8; 4096];
    let bytes = packed(&gzip(&content));
    let mut buffer = Vec::new();
    assert_eq!(
        unpack_with_limit(&bytes, &mut buffer, 4096).unwrap(),
        content
    );
    let err = unpack_with_limit(&bytes, &mut buffer, 4095).unwrap_err();
    assert_eq!(
        err.kind(),
        &DecodeErrorKind::Gzip(GzipError::TooLarge { limit: 4095 })
    );
    let err = unpack_with_limit(&bytes, &mut buffer, 0).unwrap_err();
    assert_eq!(
        err.kind(),
        &DecodeErrorKind::Gzip(GzipError::TooLarge { limit: 0 })
    );
}

/// 1 GiB of zeros in about 1 MB: one deflated MiB of zeros (flushed to a byte boundary)
/// repeated 1024 times, then an empty final block. It stops at the cap, allocating a
/// bounded amount, without a trailer to trust.
#[test]
fn a_gzip_bomb_stops_at_the_cap() {
    let mut compressor = CompressorOxide::new(create_comp_flags_from_zip_params(9, -15, 0));
    let zeros = vec![0u8; 1 << 20];
    let mut block = vec![0; 1 << 16];
    let (status, read, written) = compress(&mut compressor, &zeros, &mut block, TDEFLFlush::Sync);
    assert_eq!((status, read), (TDEFLStatus::Okay, zeros.len()));
    block.truncate(written);
    let mut stream = vec![0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 255];
    for _ in 0..1024 {
        stream.extend_from_slice(&block);
    }
    stream.extend([3, 0]); // an empty final fixed-Huffman block
    stream.extend([0, 0, 0, 0, 0, 0, 0, 0x40]); // CRC (unchecked: never reached), 2^30
    assert!(stream.len() < 1_200_000, "{}", stream.len());
    let bytes = packed(&stream);

    let (result, counted) = measure(|| unpacked(&bytes));
    let err = result.unwrap_err();
    assert_eq!(
        err.kind(),
        &DecodeErrorKind::Gzip(GzipError::TooLarge {
            limit: DEFAULT_MAX_UNPACKED
        })
    );
    // The output doubles up to the cap: under 2 × the cap in all, plus the inflater.
    assert!(
        counted.bytes < 2 * DEFAULT_MAX_UNPACKED as u64 + (1 << 20),
        "{}",
        counted.bytes
    );
}

/// `ping#7abe77ec ping_id:long`, answered with a bare `long` for brevity.
struct Ping;

impl Identifiable for Ping {
    const CONSTRUCTOR_ID: u32 = 0x7abe_77ec;
    const NAME: &'static str = "ping";
}
impl BareSerializable for Ping {
    fn serialize_bare(&self, _: &mut Vec<u8>) {}
}
impl RemoteCall for Ping {
    type Return = Vec<String>;
}
impl RemoteCallBorrowed for Ping {
    type BorrowedReturn<'a> = Vec<&'a str>;
    fn decode_response_borrowed(
        bytes: &[u8],
    ) -> tlgen_runtime::Result<Result<Vec<&str>, RpcError>> {
        tlgen_runtime::decode_response_borrowed(bytes)
    }
}

#[test]
fn decode_response_unpacks_results_and_errors() {
    let mut answer = 0x1cb5_c415_u32.to_le_bytes().to_vec();
    answer.extend(1u32.to_le_bytes());
    answer.extend(tl_bytes(b"packed"));
    let bytes = packed(&gzip(&answer));
    assert_eq!(Ping::decode_response(&bytes).unwrap().unwrap(), ["packed"]);

    let mut error = 0x2144_ca19_u32.to_le_bytes().to_vec();
    error.extend(420i32.to_le_bytes());
    error.extend(tl_bytes(b"FLOOD_WAIT_7"));
    let outcome = Ping::decode_response(&packed(&gzip(&error))).unwrap();
    assert_eq!(outcome.unwrap_err().flood_wait_seconds(), Some(7));

    // Borrowed: in place is refused with a clear error; with a buffer it works.
    let err = Ping::decode_response_borrowed(&bytes).unwrap_err();
    assert_eq!(err.kind(), &DecodeErrorKind::Gzip(GzipError::NeedsBuffer));
    let mut buffer = Vec::new();
    let outcome = Ping::decode_response_in(&bytes, &mut buffer).unwrap();
    assert_eq!(outcome.unwrap(), ["packed"]);
    // Errors inside have offsets into the unpacked bytes: here the count, at 4.
    let err = Ping::decode_response(&packed(&gzip(&answer[..10]))).unwrap_err();
    assert_eq!(
        (err.offset(), err.kind()),
        (4, &DecodeErrorKind::InvalidLength { len: 1 })
    );
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn any_content_round_trips(content in proptest::collection::vec(any::<u8>(), 0..3000)) {
        prop_assert_eq!(unpacked(&packed(&gzip(&content))).unwrap(), content);
    }

    #[test]
    fn forged_streams_never_panic(
        stream in proptest::collection::vec(any::<u8>(), 0..400),
        keep_header in any::<bool>(),
    ) {
        let mut stream = stream;
        if keep_header && stream.len() >= 4 {
            stream[..4].copy_from_slice(&[0x1f, 0x8b, 8, 0]);
        }
        let _ = unpacked(&packed(&stream));
    }

    /// A flipped bit is an error or changes nothing (the time, extra flags and OS in the
    /// header, and the unused bits after the last deflate block, are not checked by anyone).
    #[test]
    fn flipped_bits_never_give_other_content(at in 0usize..233, bit in 0u8..8) {
        let mut stream = hex(PYTHON_GZIP);
        stream[at] ^= 1 << bit;
        if let Ok(content) = unpacked(&packed(&stream)) {
            prop_assert_eq!(content, python_content());
        }
    }
}
