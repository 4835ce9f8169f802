//! Borrowed decoding of the TL primitives: the same wire rules and the same errors as the
//! owned decoders, with the values pointing into the input.

use tlgen_runtime::{
    decode_response_borrowed, BareDeserializableBorrowed, DecodeErrorKind, Deserializable,
    DeserializableBorrowed, Identifiable, Reader, RpcError, Serializable, VECTOR_ID,
};

/// `"hi"`: length 2, the data, one padding byte (core.telegram.org/mtproto/serialize).
const HI: [u8; 4] = [2, b'h', b'i', 0];

#[test]
fn strings_and_bytes_follow_the_wire_rules() {
    assert_eq!(<&str>::from_bytes_borrowed(&HI).unwrap(), "hi");
    assert_eq!(<&[u8]>::from_bytes_borrowed(&HI).unwrap(), b"hi");
    // The long form: 0xfe and a 3-byte length, here 254 bytes of data, padded to 260.
    let mut long = vec![0xfe, 254, 0, 0];
    long.extend(std::iter::repeat(b'x').take(254));
    long.extend([0, 0]);
    assert_eq!(<&str>::from_bytes_borrowed(&long).unwrap().len(), 254);
    // Boxed `Vector<string>` of "hi" twice.
    let mut vector = VECTOR_ID.to_le_bytes().to_vec();
    vector.extend(2_i32.to_le_bytes());
    vector.extend(HI);
    vector.extend(HI);
    assert_eq!(
        Vec::<&str>::from_bytes_borrowed(&vector).unwrap(),
        ["hi", "hi"]
    );
    // Encoding a borrowed value writes the same bytes.
    assert_eq!("hi".to_bytes(), HI);
    assert_eq!(b"hi".as_slice().to_bytes(), HI);
    assert_eq!(vec!["hi", "hi"].to_bytes(), vector);
}

#[test]
fn errors_are_the_owned_errors() {
    let cases: [&[u8]; 6] = [
        &[],
        &[2, b'h'],
        &[0xff, 0, 0, 0],
        &[3, b'a', 0xff, b'b'],
        &[0xfe, 0, 1, 0, 0],
        &[2, b'h', b'i', 0, 0],
    ];
    for bytes in cases {
        let owned = String::from_bytes(bytes).unwrap_err();
        let borrowed = <&str>::from_bytes_borrowed(bytes).unwrap_err();
        assert_eq!(owned, borrowed, "{bytes:02x?}");
    }
    let err = <&str>::from_bytes_borrowed(&[3, b'a', 0xff, b'b']).unwrap_err();
    assert_eq!(
        (err.offset(), err.kind()),
        (0, &DecodeErrorKind::InvalidUtf8)
    );
    // A forged vector count larger than the input can hold.
    let mut forged = VECTOR_ID.to_le_bytes().to_vec();
    forged.extend(i32::MAX.to_le_bytes());
    let err = Vec::<&str>::from_bytes_borrowed(&forged).unwrap_err();
    assert_eq!(
        (err.offset(), err.kind()),
        (
            4,
            &DecodeErrorKind::InvalidLength {
                len: i32::MAX as usize
            }
        )
    );
}

/// A hand-written borrowed constructor, as generated code writes one.
#[derive(Debug, PartialEq)]
struct Named<'a> {
    name: &'a str,
}

impl Identifiable for Named<'_> {
    const CONSTRUCTOR_ID: u32 = 0x1234_5678;
    const NAME: &'static str = "named";
}

impl<'a> BareDeserializableBorrowed<'a> for Named<'a> {
    fn deserialize_bare_borrowed(reader: &mut Reader<'a>) -> tlgen_runtime::Result<Self> {
        Ok(Named {
            name: reader.read_str()?,
        })
    }
}

#[test]
fn boxed_constructors_check_their_id() {
    let mut bytes = 0x1234_5678_u32.to_le_bytes().to_vec();
    bytes.extend(HI);
    assert_eq!(
        Named::from_bytes_borrowed(&bytes).unwrap(),
        Named { name: "hi" }
    );
    bytes[0] = 0;
    let err = Named::from_bytes_borrowed(&bytes).unwrap_err();
    assert_eq!(err.offset(), 0);
    assert_eq!(
        err.kind(),
        &DecodeErrorKind::UnexpectedConstructor {
            id: 0x1234_5600,
            expected: "named"
        }
    );
    // Trailing input is an error, as for `from_bytes`.
    let mut trailing = 0x1234_5678_u32.to_le_bytes().to_vec();
    trailing.extend(HI);
    trailing.extend([0; 4]);
    let err = Named::from_bytes_borrowed(&trailing).unwrap_err();
    assert_eq!(err.kind(), &DecodeErrorKind::TrailingBytes { count: 4 });
}

#[test]
fn responses_decode_borrowed_or_as_rpc_error() {
    // A result: boxed `Vector<string>` ["hi"].
    let mut result = VECTOR_ID.to_le_bytes().to_vec();
    result.extend(1_i32.to_le_bytes());
    result.extend(HI);
    assert_eq!(
        decode_response_borrowed::<Vec<&str>>(&result).unwrap(),
        Ok(vec!["hi"])
    );
    // `rpc_error#2144ca19 error_code:int error_message:string` (420 FLOOD_WAIT_30):
    let answer = b"\x19\xca\x44\x21\xa4\x01\x00\x00\x0dFLOOD_WAIT_30\x00\x00";
    let error = decode_response_borrowed::<Vec<&str>>(answer)
        .unwrap()
        .unwrap_err();
    assert_eq!(error, RpcError::new(420, "FLOOD_WAIT_30"));
    // Truncated bytes are a decoding error, not an outcome, at the same offset as owned.
    let err = decode_response_borrowed::<Vec<&str>>(&answer[..10]).unwrap_err();
    assert_eq!(err, RpcError::from_bytes(&answer[..10]).unwrap_err());
    let err = decode_response_borrowed::<Vec<&str>>(&result[..9]).unwrap_err();
    assert_eq!(err, Vec::<String>::from_bytes(&result[..9]).unwrap_err());
}
