//! Decoding errors say where: the path from the root object down to the field or item being
//! read, the byte offset, and what went wrong. Inputs are built by hand from the TL rules.

use tlgen_dynamic::{DecodeCause, DecodeErrorKind, DecodeStep, Schema};

const CHAT: &str = "textPlain#744694e0 text:string = RichText;\n\
                    message#11223344 id:int text:string entities:Vector<RichText> = Message;\n";

/// The words as hex, each little-endian as on the wire, then `tail` raw bytes.
fn bytes(words: &[u32], tail: &[u8]) -> Vec<u8> {
    let mut out: Vec<u8> = words.iter().flat_map(|w| w.to_le_bytes()).collect();
    out.extend_from_slice(tail);
    out
}

#[test]
fn a_truncated_string_length_names_its_field() {
    let s = Schema::from_source(CHAT).unwrap();
    // message, id 7, then 2 of the string's 4 minimum bytes.
    let err = s.decode(&bytes(&[0x1122_3344, 7], &[2, b'h'])).unwrap_err();
    assert_eq!(
        err.to_string(),
        "message.text (string) at byte 8: unexpected end of input (needed 4 bytes)"
    );
    assert_eq!(err.offset(), 8);
    assert_eq!(
        err.path().steps().collect::<Vec<_>>(),
        [&DecodeStep::Field {
            definition: "message".into(),
            field: "text".into(),
            ty: "string".into()
        }]
    );
}

#[test]
fn a_length_past_the_end_says_so_at_the_prefix() {
    let s = Schema::from_source(CHAT).unwrap();
    // A length of 200 where 3 bytes follow the 1-byte prefix.
    let err = s
        .decode(&bytes(&[0x1122_3344, 7], &[200, b'h', b'i', 0]))
        .unwrap_err();
    assert_eq!(
        err.to_string(),
        "message.text (string) at byte 8: length 200 exceeds the 3 bytes left"
    );
    assert_eq!(
        err.kind(),
        Some(&DecodeErrorKind::LengthExceeds { len: 200, left: 3 })
    );
    // The long form: 0xfe and a 3-byte length of 0x0100 (256), 4 bytes after it.
    let err = s
        .decode(&bytes(&[0x1122_3344, 7, 0x0001_00fe, 0], &[]))
        .unwrap_err();
    assert_eq!(
        err.to_string(),
        "message.text (string) at byte 8: length 256 exceeds the 4 bytes left"
    );
}

#[test]
fn an_unknown_constructor_in_a_vector_names_the_field_and_the_index() {
    let s = Schema::from_source(CHAT).unwrap();
    let input = bytes(
        &[
            0x1122_3344, // message
            7,           // id
            0x0069_6802, // text: "hi"
            0x1cb5_c415, // entities: Vector
            2,           // two items
            0x7446_94e0, // [0] textPlain
            0x0000_6101, //     text: "a"
            0xdead_beef, // [1] not a RichText
        ],
        &[],
    );
    let err = s.decode(&input).unwrap_err();
    assert_eq!(
        err.to_string(),
        "message.entities[1] (RichText) at byte 28: unexpected constructor 0xdeadbeef for RichText"
    );
    assert_eq!(
        err.cause(),
        &DecodeCause::UnexpectedConstructor {
            id: 0xdead_beef,
            expected: "RichText".into()
        }
    );
    assert_eq!(
        err.path().steps().collect::<Vec<_>>(),
        [
            &DecodeStep::Field {
                definition: "message".into(),
                field: "entities".into(),
                ty: "Vector<RichText>".into()
            },
            &DecodeStep::Index {
                index: 1,
                ty: "RichText".into()
            }
        ]
    );
    // Inside the item: its field, below the index.
    let one = bytes(
        &[0x1122_3344, 7, 0x0069_6802, 0x1cb5_c415, 1, 0x7446_94e0],
        &[1, b'a'],
    );
    let err = s.decode(&one).unwrap_err();
    assert_eq!(
        err.to_string(),
        "message.entities[0].text (string) at byte 24: unexpected end of input (needed 4 bytes)"
    );
    // A vector at the root starts with `$`.
    let err = s
        .decode_as(
            &bytes(&[0x1cb5_c415, 1, 0xdead_beef], &[]),
            &s.parse_type("Vector<RichText>").unwrap(),
        )
        .unwrap_err();
    assert_eq!(
        err.to_string(),
        "$[0] (RichText) at byte 8: unexpected constructor 0xdeadbeef for RichText"
    );
}

#[test]
fn trailing_bytes_name_the_object_they_follow() {
    let s = Schema::from_source(CHAT).unwrap();
    let err = s
        .decode(&bytes(
            &[0x1122_3344, 7, 0x0069_6802, 0x1cb5_c415, 0, 0],
            &[],
        ))
        .unwrap_err();
    assert_eq!(err.to_string(), "4 trailing bytes at byte 20 after message");
    assert!(err.path().is_empty());
    assert_eq!(
        err.kind(),
        Some(&DecodeErrorKind::TrailingBytes { count: 4 })
    );
    // Without an object at the root, no name.
    let err = s
        .decode_as(&bytes(&[1, 2], &[]), &s.parse_type("int").unwrap())
        .unwrap_err();
    assert_eq!(err.to_string(), "4 trailing bytes at byte 4");
}

#[test]
fn a_bare_constructor_field_is_named_as_declared() {
    // TON's lite_api, abridged: fields of bare constructors (no `%`).
    let s = Schema::from_source(
        "tonNode.blockIdExt workchain:int shard:long seqno:int root_hash:int256 file_hash:int256 = tonNode.BlockIdExt;\n\
         liteServer.masterchainInfo last:tonNode.blockIdExt state_root_hash:int256 = liteServer.MasterchainInfo;\n",
    )
    .unwrap();
    let ty = s.parse_type("liteServer.masterchainInfo").unwrap();
    // workchain, shard, seqno: 16 bytes; then 10 of root_hash's 32.
    let err = s.decode_as(&[0; 26], &ty).unwrap_err();
    assert_eq!(
        err.to_string(),
        "liteServer.masterchainInfo.last.root_hash (int256) at byte 16: unexpected end of input (needed 32 bytes)"
    );
    assert_eq!(
        err.path().steps().next(),
        Some(&DecodeStep::Field {
            definition: "liteServer.masterchainInfo".into(),
            field: "last".into(),
            ty: "tonNode.blockIdExt".into()
        })
    );
}
