//! Golden encodings of every TL primitive, written by hand from the rules at
//! <https://core.telegram.org/mtproto/serialize>, checked in both directions.

use tlgen_runtime::__private as write;
use tlgen_runtime::__private::{read_bare_vector, read_vector, write_bare_vector, write_vector};
use tlgen_runtime::MAX_BYTES_LEN;
use tlgen_runtime::{
    BareDeserializable, BareSerializable, DecodeError, DecodeErrorKind, Deserializable,
    Identifiable, Reader, RemoteCall, RpcError, Serializable, TypedErrors, BOOL_FALSE_ID,
    BOOL_TRUE_ID, VECTOR_ID,
};

/// Checks that `value` encodes to exactly `golden` (boxed) and decodes back from it.
fn check_boxed<T>(value: &T, golden: &[u8])
where
    T: Serializable + Deserializable + PartialEq + std::fmt::Debug,
{
    assert_eq!(value.to_bytes(), golden, "encoding of {value:?}");
    let mut out = vec![0xaa];
    value.serialize(&mut out);
    assert_eq!(out.first(), Some(&0xaa), "serialize must append");
    assert_eq!(out.get(1..), Some(golden), "serialize must append");
    assert_eq!(
        T::from_bytes(golden).as_ref(),
        Ok(value),
        "decoding {golden:02x?}"
    );
    let mut reader = Reader::new(golden);
    assert_eq!(T::deserialize(&mut reader).as_ref(), Ok(value));
    assert!(reader.is_empty());
}

/// Like [`check_boxed`], and also checks the bare forms give the same bytes.
fn check_same_bare<T>(value: &T, golden: &[u8])
where
    T: Serializable
        + Deserializable
        + BareSerializable
        + BareDeserializable
        + PartialEq
        + std::fmt::Debug,
{
    check_boxed(value, golden);
    let mut out = Vec::new();
    value.serialize_bare(&mut out);
    assert_eq!(out, golden);
    let mut reader = Reader::new(golden);
    assert_eq!(T::deserialize_bare(&mut reader).as_ref(), Ok(value));
    assert!(reader.is_empty());
}

#[test]
fn int_is_i32_little_endian() {
    check_same_bare(&0_i32, &[0, 0, 0, 0]);
    check_same_bare(&1_i32, &[1, 0, 0, 0]);
    check_same_bare(&0x1234_5678_i32, &[0x78, 0x56, 0x34, 0x12]);
    check_same_bare(&-2_i32, &[0xfe, 0xff, 0xff, 0xff]);
    check_same_bare(&i32::MIN, &[0, 0, 0, 0x80]);
    check_same_bare(&i32::MAX, &[0xff, 0xff, 0xff, 0x7f]);

    let mut reader = Reader::new(&[0x78, 0x56, 0x34, 0x12, 0xfe, 0xff, 0xff, 0xff]);
    assert_eq!(reader.peek_u32(), Ok(0x1234_5678));
    assert_eq!(reader.position(), 0);
    assert_eq!(reader.read_i32(), Ok(0x1234_5678));
    assert_eq!(reader.position(), 4);
    assert_eq!(reader.remaining(), 4);
    assert_eq!(reader.read_u32(), Ok(0xffff_fffe));
    assert!(reader.is_empty());

    let mut out = Vec::new();
    write::write_i32(&mut out, -2);
    write::write_u32(&mut out, 0x1cb5_c415);
    assert_eq!(out, [0xfe, 0xff, 0xff, 0xff, 0x15, 0xc4, 0xb5, 0x1c]);
}

#[test]
fn flags_are_u32_little_endian() {
    check_same_bare(&0x8000_0001_u32, &[0x01, 0, 0, 0x80]);
}

#[test]
fn long_is_i64_little_endian() {
    check_same_bare(&0_i64, &[0; 8]);
    check_same_bare(
        &0x0102_0304_0506_0708_i64,
        &[0x08, 0x07, 0x06, 0x05, 0x04, 0x03, 0x02, 0x01],
    );
    check_same_bare(&-1_i64, &[0xff; 8]);
    check_same_bare(&i64::MIN, &[0, 0, 0, 0, 0, 0, 0, 0x80]);

    let mut out = Vec::new();
    write::write_i64(&mut out, -2);
    write::write_u64(&mut out, 1);
    assert_eq!(
        out,
        [0xfe, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 1, 0, 0, 0, 0, 0, 0, 0]
    );
    let mut reader = Reader::new(&out);
    assert_eq!(reader.read_u64(), Ok(u64::MAX - 1));
    assert_eq!(reader.read_i64(), Ok(1));
}

#[test]
fn double_is_f64_little_endian() {
    // 1.0 = 0x3ff0_0000_0000_0000, -2.5 = 0xc004_0000_0000_0000.
    check_same_bare(&1.0_f64, &[0, 0, 0, 0, 0, 0, 0xf0, 0x3f]);
    check_same_bare(&-2.5_f64, &[0, 0, 0, 0, 0, 0, 0x04, 0xc0]);
    check_same_bare(&0.0_f64, &[0; 8]);
    // NaN payloads survive bit-exactly.
    let nan = [0x01, 0, 0, 0, 0, 0, 0xf8, 0x7f];
    let value = f64::from_bytes(&nan).map(f64::to_bits);
    assert_eq!(value, Ok(0x7ff8_0000_0000_0001));
    assert_eq!(f64::from_bits(0x7ff8_0000_0000_0001).to_bytes(), nan);
}

#[test]
fn int128_and_int256_are_raw_bytes() {
    let int128: [u8; 16] = [
        0x00, 0x11, 0x22, 0x33, 0x44, 0x55, 0x66, 0x77, 0x88, 0x99, 0xaa, 0xbb, 0xcc, 0xdd, 0xee,
        0xff,
    ];
    check_same_bare(&int128, &int128);
    let mut int256 = [0_u8; 32];
    for (byte, value) in int256.iter_mut().zip(1_u8..) {
        *byte = value;
    }
    check_same_bare(&int256, &int256);

    let mut reader = Reader::new(&int128);
    assert_eq!(reader.read_array::<4>(), Ok([0x00, 0x11, 0x22, 0x33]));
    assert_eq!(reader.read_raw(3), Ok(&[0x44, 0x55, 0x66][..]));
    assert_eq!(reader.read_raw(0), Ok(&[][..]));
    assert_eq!(reader.remaining_bytes(), &int128[7..]);
}

#[test]
fn bool_is_boxed() {
    assert_eq!(BOOL_TRUE_ID, 0x9972_75b5);
    assert_eq!(BOOL_FALSE_ID, 0xbc79_9737);
    check_boxed(&true, &[0xb5, 0x75, 0x72, 0x99]);
    check_boxed(&false, &[0x37, 0x97, 0x79, 0xbc]);
    let mut out = Vec::new();
    write::write_bool(&mut out, true);
    write::write_bool(&mut out, false);
    assert_eq!(out, [0xb5, 0x75, 0x72, 0x99, 0x37, 0x97, 0x79, 0xbc]);
    let mut reader = Reader::new(&out);
    assert_eq!(reader.read_bool(), Ok(true));
    assert_eq!(reader.read_bool(), Ok(false));

    // Any other id (here the Vector id) is rejected, reported where the id starts.
    let bytes = [0xb5, 0x75, 0x72, 0x99, 0x15, 0xc4, 0xb5, 0x1c];
    let mut reader = Reader::new(&bytes);
    assert_eq!(bool::deserialize(&mut reader), Ok(true));
    let err = bool::deserialize(&mut reader).unwrap_err();
    assert_eq!(err.offset(), 4);
    assert_eq!(
        err.kind(),
        &DecodeErrorKind::UnexpectedConstructor {
            id: 0x1cb5_c415,
            expected: "Bool"
        }
    );
    assert_eq!(
        err.to_string(),
        "unexpected constructor 0x1cb5c415 for Bool at byte 4"
    );
}

/// Builds an encoded string from a hand-written header, the data and the
/// hand-counted padding, checking the hand-computed total length.
fn golden_bytes(header: &[u8], data: &[u8], padding: usize, total: usize) -> Vec<u8> {
    let mut out = header.to_vec();
    out.extend_from_slice(data);
    out.extend(std::iter::repeat(0).take(padding));
    assert_eq!(out.len(), total);
    assert_eq!(total % 4, 0);
    out
}

/// `len` bytes of printable ASCII.
fn text(len: usize) -> Vec<u8> {
    (0..len).map(|i| b'a' + (i % 26) as u8).collect()
}

/// Checks a `bytes`/`string` encoding of `data` against `golden` in every way.
fn check_bytes(data: &[u8], golden: &[u8]) {
    check_same_bare(&data.to_vec(), golden);
    let string = String::from_utf8(data.to_vec()).unwrap();
    check_same_bare(&string, golden);

    let mut out = Vec::new();
    write::write_bytes(&mut out, data);
    assert_eq!(out, golden);
    out.clear();
    write::write_string(&mut out, &string);
    assert_eq!(out, golden);

    // Followed by an int, to check the padding is skipped exactly.
    let mut input = golden.to_vec();
    input.extend_from_slice(&[7, 0, 0, 0]);
    let mut reader = Reader::new(&input);
    assert_eq!(reader.read_bytes(), Ok(data));
    assert_eq!(reader.position(), golden.len());
    assert_eq!(reader.read_i32(), Ok(7));
    let mut reader = Reader::new(&input);
    assert_eq!(reader.read_str(), Ok(string.as_str()));
    let mut reader = Reader::new(&input);
    assert_eq!(reader.read_string().as_ref(), Ok(&string));
    assert_eq!(reader.read_i32(), Ok(7));
}

#[test]
fn short_strings_have_a_one_byte_length() {
    check_bytes(b"", &[0x00, 0x00, 0x00, 0x00]);
    check_bytes(b"a", &[0x01, b'a', 0x00, 0x00]);
    check_bytes(b"abc", &[0x03, b'a', b'b', b'c']);
    check_bytes(b"abcd", &[0x04, b'a', b'b', b'c', b'd', 0x00, 0x00, 0x00]);
    check_bytes(b"hello", &[0x05, b'h', b'e', b'l', b'l', b'o', 0x00, 0x00]);
    // 253 = 0xfd: 1 + 253 = 254, padded to 256.
    let data = text(253);
    check_bytes(&data, &golden_bytes(&[0xfd], &data, 2, 256));
}

#[test]
fn long_strings_have_a_four_byte_header() {
    // 254: 4 + 254 = 258, padded to 260.
    let data = text(254);
    check_bytes(
        &data,
        &golden_bytes(&[0xfe, 0xfe, 0x00, 0x00], &data, 2, 260),
    );
    // 255: 4 + 255 = 259, padded to 260.
    let data = text(255);
    check_bytes(
        &data,
        &golden_bytes(&[0xfe, 0xff, 0x00, 0x00], &data, 1, 260),
    );
    // 256: 4 + 256 = 260, no padding.
    let data = text(256);
    check_bytes(
        &data,
        &golden_bytes(&[0xfe, 0x00, 0x01, 0x00], &data, 0, 260),
    );
    // 1000 = 0x3e8: 4 + 1000 = 1004, no padding.
    let data = text(1000);
    check_bytes(
        &data,
        &golden_bytes(&[0xfe, 0xe8, 0x03, 0x00], &data, 0, 1004),
    );
    // 1001 = 0x3e9: 4 + 1001 = 1005, padded to 1008.
    let data = text(1001);
    check_bytes(
        &data,
        &golden_bytes(&[0xfe, 0xe9, 0x03, 0x00], &data, 3, 1008),
    );
    // 0x10000: 4 + 65536 = 65540, no padding.
    let data = text(0x10000);
    check_bytes(
        &data,
        &golden_bytes(&[0xfe, 0x00, 0x00, 0x01], &data, 0, 65540),
    );
}

#[test]
fn largest_string_round_trips() {
    // 0xff_ffff: 4 + 16777215 = 16777219, padded to 16777220.
    let data = vec![0x5a; MAX_BYTES_LEN];
    let golden = golden_bytes(&[0xfe, 0xff, 0xff, 0xff], &data, 1, 16_777_220);
    assert_eq!(data.to_bytes(), golden);
    assert_eq!(Vec::<u8>::from_bytes(&golden), Ok(data));
}

#[test]
#[should_panic(expected = "at most 16777215 bytes")]
fn too_long_string_panics_when_written() {
    let mut out = Vec::new();
    write::write_bytes(&mut out, &vec![0; MAX_BYTES_LEN + 1]);
}

#[test]
fn utf8_strings_count_bytes_not_chars() {
    // "héllo" is 6 bytes: é = c3 a9.
    check_bytes(
        "héllo".as_bytes(),
        &[0x06, b'h', 0xc3, 0xa9, b'l', b'l', b'o', 0x00],
    );
    // "🦀" is 4 bytes: f0 9f a6 80.
    check_bytes(
        "🦀".as_bytes(),
        &[0x04, 0xf0, 0x9f, 0xa6, 0x80, 0x00, 0x00, 0x00],
    );
}

#[test]
fn bytes_accept_anything_and_padding_is_not_checked() {
    let golden = [0x03, 0xff, 0x00, 0xc3];
    assert_eq!(Vec::<u8>::from_bytes(&golden), Ok(vec![0xff, 0x00, 0xc3]));
    // Non-zero padding is skipped.
    assert_eq!(
        String::from_bytes(&[0x01, b'x', 0xee, 0xee]),
        Ok("x".to_owned())
    );
    // A non-canonical long form with a short length is accepted.
    assert_eq!(
        String::from_bytes(&[0xfe, 0x03, 0x00, 0x00, b'a', b'b', b'c', 0x00]),
        Ok("abc".to_owned())
    );
    assert_eq!(
        String::from_bytes(&[0xfe, 0x00, 0x00, 0x00]),
        Ok(String::new())
    );
}

#[test]
fn boxed_vector_of_long() {
    assert_eq!(VECTOR_ID, 0x1cb5_c415);
    let golden = [
        0x15, 0xc4, 0xb5, 0x1c, // Vector
        0x02, 0x00, 0x00, 0x00, // count 2
        0x01, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, // 1
        0xfe, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, // -2
    ];
    check_boxed(&vec![1_i64, -2], &golden);

    let mut out = Vec::new();
    write_vector(&mut out, &[1_i64, -2], |v, out| write::write_i64(out, *v));
    assert_eq!(out, golden);
    let mut reader = Reader::new(&golden);
    assert_eq!(read_vector(&mut reader, Reader::read_i64), Ok(vec![1, -2]));
    let mut reader = Reader::new(&golden);
    assert_eq!(read_vector(&mut reader, |r| r.read_i64()), Ok(vec![1, -2]));
    let mut reader = Reader::new(&golden);
    assert_eq!(read_vector(&mut reader, i64::deserialize), Ok(vec![1, -2]));
}

#[test]
fn empty_vector() {
    check_boxed(&Vec::<i32>::new(), &[0x15, 0xc4, 0xb5, 0x1c, 0, 0, 0, 0]);
    check_same_bare(&Vec::<u8>::new(), &[0, 0, 0, 0]);
}

#[test]
fn vec_u8_is_bytes_but_other_vecs_are_vectors() {
    // `Vec<u8>` is TL `bytes`, not `Vector<…>`.
    assert_eq!(vec![1_u8, 2].to_bytes(), [0x02, 0x01, 0x02, 0x00]);
    assert_eq!(
        vec![1_i32, 2].to_bytes(),
        [0x15, 0xc4, 0xb5, 0x1c, 2, 0, 0, 0, 1, 0, 0, 0, 2, 0, 0, 0]
    );
    // `Vec<Vec<u8>>` is `Vector<bytes>`.
    check_boxed(
        &vec![vec![0xab_u8], vec![]],
        &[
            0x15, 0xc4, 0xb5, 0x1c, 0x02, 0x00, 0x00, 0x00, // Vector, 2 items
            0x01, 0xab, 0x00, 0x00, // bytes [ab]
            0x00, 0x00, 0x00, 0x00, // bytes []
        ],
    );
}

#[test]
fn vectors_of_strings_bools_and_vectors() {
    check_boxed(
        &vec!["ab".to_owned(), "cdef".to_owned()],
        &[
            0x15, 0xc4, 0xb5, 0x1c, 0x02, 0x00, 0x00, 0x00, // Vector, 2 items
            0x02, b'a', b'b', 0x00, // "ab"
            0x04, b'c', b'd', b'e', b'f', 0x00, 0x00, 0x00, // "cdef"
        ],
    );
    check_boxed(
        &vec![false, true],
        &[
            0x15, 0xc4, 0xb5, 0x1c, 0x02, 0x00, 0x00, 0x00, // Vector, 2 items
            0x37, 0x97, 0x79, 0xbc, 0xb5, 0x75, 0x72, 0x99,
        ],
    );
    check_boxed(
        &vec![vec![7_i32], vec![]],
        &[
            0x15, 0xc4, 0xb5, 0x1c, 0x02, 0x00, 0x00, 0x00, // Vector, 2 items
            0x15, 0xc4, 0xb5, 0x1c, 0x01, 0x00, 0x00, 0x00, 0x07, 0x00, 0x00, 0x00, // [7]
            0x15, 0xc4, 0xb5, 0x1c, 0x00, 0x00, 0x00, 0x00, // []
        ],
    );
}

#[test]
fn bare_vector() {
    let golden = [
        0x03, 0x00, 0x00, 0x00, // count 3
        0x01, 0x00, 0x00, 0x00, 0x02, 0x00, 0x00, 0x00, 0xff, 0xff, 0xff, 0xff,
    ];
    let items = vec![1_i32, 2, -1];
    let mut out = Vec::new();
    write_bare_vector(&mut out, &items, |v, out| write::write_i32(out, *v));
    assert_eq!(out, golden);
    out.clear();
    items.serialize_bare(&mut out);
    assert_eq!(out, golden);

    let mut reader = Reader::new(&golden);
    assert_eq!(
        read_bare_vector(&mut reader, |r| r.read_i32()),
        Ok(items.clone())
    );
    assert!(reader.is_empty());
    let mut reader = Reader::new(&golden);
    assert_eq!(Vec::<i32>::deserialize_bare(&mut reader), Ok(items));

    // Bare vectors of bare strings (`vector<string>`).
    let golden = [0x01, 0x00, 0x00, 0x00, 0x01, b'z', 0x00, 0x00];
    let mut reader = Reader::new(&golden);
    assert_eq!(
        read_bare_vector(&mut reader, Reader::read_str),
        Ok(vec!["z"]),
        "items may borrow from the input"
    );
}

/// A hand-written `ping#7abe77ec ping_id:long = Pong`, shaped like generated code.
#[derive(Debug, PartialEq)]
struct Ping {
    ping_id: i64,
}

/// A hand-written `pong#347773c5 msg_id:long ping_id:long = Pong`.
#[derive(Debug, PartialEq)]
struct Pong {
    msg_id: i64,
    ping_id: i64,
}

impl Identifiable for Ping {
    const CONSTRUCTOR_ID: u32 = 0x7abe_77ec;
    const NAME: &'static str = "ping";
}

impl Serializable for Ping {
    fn serialize(&self, out: &mut Vec<u8>) {
        write::write_u32(out, Self::CONSTRUCTOR_ID);
        write::write_i64(out, self.ping_id);
    }
}

impl RemoteCall for Ping {
    type Return = Pong;
}

impl Identifiable for Pong {
    const CONSTRUCTOR_ID: u32 = 0x3477_73c5;
    const NAME: &'static str = "pong";
}

impl Deserializable for Pong {
    fn deserialize(reader: &mut Reader<'_>) -> tlgen_runtime::Result<Self> {
        match reader.read_u32()? {
            Self::CONSTRUCTOR_ID => Ok(Pong {
                msg_id: reader.read_i64()?,
                ping_id: reader.read_i64()?,
            }),
            id => Err(reader.unexpected_constructor(id, "Pong")),
        }
    }
}

/// `Ping`'s typed error: whether the error was a flood wait.
#[derive(Debug, PartialEq)]
enum PingError {
    FloodWait(u32),
    Other(RpcError),
}

impl From<RpcError> for PingError {
    fn from(error: RpcError) -> Self {
        match (error.name.as_str(), error.value) {
            ("FLOOD_WAIT", Some(seconds)) => PingError::FloodWait(seconds),
            _ => PingError::Other(error),
        }
    }
}

impl TypedErrors for Ping {
    type Error = PingError;
}

/// `rpc_error#2144ca19 error_code:int error_message:string` for 420 `FLOOD_WAIT_30`,
/// written from the TL definition.
const FLOOD_WAIT_30: [u8; 24] = [
    0x19, 0xca, 0x44, 0x21, // rpc_error
    0xa4, 0x01, 0, 0, // 420
    13, b'F', b'L', b'O', b'O', b'D', b'_', b'W', b'A', b'I', b'T', b'_', b'3',
    b'0', // string
    0, 0, // padding to 4 bytes
];

#[test]
fn a_response_is_the_return_value_or_the_typed_error() {
    let pong = [
        0xc5, 0x73, 0x77, 0x34, 0x02, 0, 0, 0, 0, 0, 0, 0, 0x01, 0, 0, 0, 0, 0, 0, 0,
    ];
    let expected = Pong {
        msg_id: 2,
        ping_id: 1,
    };
    assert_eq!(Ping::decode_response(&pong), Ok(Ok(expected)));
    let typed = Ping::decode_typed_response(&pong);
    assert!(matches!(
        typed,
        Ok(Ok(Pong {
            msg_id: 2,
            ping_id: 1
        }))
    ));
    let untyped = Ping::decode_response(&FLOOD_WAIT_30).unwrap().unwrap_err();
    assert_eq!((untyped.code, untyped.message()), (420, "FLOOD_WAIT_30"));
    assert_eq!(
        Ping::decode_typed_response(&FLOOD_WAIT_30),
        Ok(Err(PingError::FloodWait(30)))
    );
}

#[test]
fn a_truncated_or_forged_response_is_an_error_with_its_offset() {
    for end in 0..FLOOD_WAIT_30.len() {
        let err = Ping::decode_typed_response(&FLOOD_WAIT_30[..end]).unwrap_err();
        assert!(err.offset() <= end, "prefix {end}: {err}");
    }
    let mut forged = FLOOD_WAIT_30;
    // A long string whose 3-byte length claims far more than is there: the string at byte 8
    // now claims 0x4f4c46 bytes ("FLO" read as its length), where 12 follow its 4-byte
    // header: the error is at the length prefix, inside rpc_error.
    forged[8] = 0xfe;
    let err = Ping::decode_typed_response(&forged).unwrap_err();
    assert_eq!(
        (err.offset(), err.kind()),
        (
            8,
            &DecodeErrorKind::LengthExceeds {
                len: 5_196_870,
                left: 12
            }
        )
    );
    assert_eq!(
        err.to_string(),
        "length 5196870 exceeds the 12 bytes left at byte 8 in rpc_error"
    );
    let mut trailing = FLOOD_WAIT_30.to_vec();
    trailing.extend([0, 0, 0, 0]);
    let err = Ping::decode_response(&trailing).unwrap_err();
    assert_eq!(err.offset(), FLOOD_WAIT_30.len());
}

fn call<R: RemoteCall>(request: &R, answer: &[u8]) -> Result<R::Return, DecodeError> {
    let _ = request.to_bytes();
    R::Return::from_bytes(answer)
}

#[test]
fn traits_work_for_hand_written_types() {
    assert_eq!(Ping::NAME, "ping");
    assert_eq!(
        Ping { ping_id: 1 }.to_bytes(),
        [0xec, 0x77, 0xbe, 0x7a, 0x01, 0, 0, 0, 0, 0, 0, 0]
    );
    let answer = [
        0xc5, 0x73, 0x77, 0x34, // pong
        0x02, 0, 0, 0, 0, 0, 0, 0, // msg_id 2
        0x01, 0, 0, 0, 0, 0, 0, 0, // ping_id 1
    ];
    assert_eq!(
        call(&Ping { ping_id: 1 }, &answer),
        Ok(Pong {
            msg_id: 2,
            ping_id: 1
        })
    );
    let err = Pong::from_bytes(&[0xec, 0x77, 0xbe, 0x7a]).unwrap_err();
    assert_eq!(
        err.to_string(),
        "unexpected constructor 0x7abe77ec for Pong at byte 0"
    );
    // Vectors of generated types.
    let mut answers = vec![0x15, 0xc4, 0xb5, 0x1c, 0x01, 0x00, 0x00, 0x00];
    answers.extend_from_slice(&answer);
    assert_eq!(Vec::<Pong>::from_bytes(&answers).map(|v| v.len()), Ok(1));
}

#[test]
fn decode_error_is_small_and_formats() {
    assert!(std::mem::size_of::<DecodeError>() <= 24);
    assert_eq!(
        std::mem::size_of::<DecodeError>(),
        std::mem::size_of::<usize>()
    );

    let cases = [
        (
            DecodeErrorKind::UnexpectedEnd { needed: 4 },
            "unexpected end of input (needed 4 bytes) at byte 8",
        ),
        (
            DecodeErrorKind::UnexpectedConstructor {
                id: 0x1234_5678,
                expected: "Updates",
            },
            "unexpected constructor 0x12345678 for Updates at byte 8",
        ),
        (
            DecodeErrorKind::UnexpectedConstructor {
                id: 0xab,
                expected: "Updates",
            },
            "unexpected constructor 0x000000ab for Updates at byte 8",
        ),
        (
            DecodeErrorKind::InvalidLength { len: 9 },
            "invalid length 9 at byte 8",
        ),
        (
            DecodeErrorKind::InvalidUtf8,
            "invalid UTF-8 in string at byte 8",
        ),
        (
            DecodeErrorKind::TooDeep { limit: 64 },
            "nesting deeper than 64 levels at byte 8",
        ),
        (
            DecodeErrorKind::TrailingBytes { count: 3 },
            "3 trailing bytes at byte 8",
        ),
    ];
    for (kind, text) in cases {
        let err = DecodeError::new(8, kind.clone());
        assert_eq!(err.offset(), 8);
        assert_eq!(err.kind(), &kind);
        assert_eq!(err.to_string(), text);
        assert_eq!(err.clone(), err);
        assert_eq!(
            format!("{err:?}"),
            format!("DecodeError {{ offset: 8, kind: {kind:?} }}")
        );
        let boxed: Box<dyn std::error::Error> = Box::new(err);
        assert_eq!(boxed.to_string(), text);
    }
    assert_ne!(
        DecodeError::new(1, DecodeErrorKind::InvalidUtf8),
        DecodeError::new(2, DecodeErrorKind::InvalidUtf8)
    );
}
