//! The snapshots of `tests/snapshots/` compiled as real modules, and exercised.

#![allow(dead_code)]

mod flags {
    include!("snapshots/flags.rs");
}
mod recursion {
    include!("snapshots/recursion.rs");
}
mod keywords {
    include!("snapshots/keywords.rs");
}
mod generics {
    include!("snapshots/generics.rs");
}
mod bare_vectors {
    include!("snapshots/bare_vectors.rs");
}
mod large_fields {
    include!("snapshots/large_fields.rs");
}
mod with_borrowed {
    include!("snapshots/borrowed.rs");
}
mod subset {
    include!("snapshots/subset.rs");
}
mod defaults {
    include!("snapshots/defaults.rs");
}
mod tdjson {
    include!("snapshots/tdjson.rs");
}
mod tonjson {
    include!("snapshots/tonjson.rs");
}
mod prefix {
    include!("snapshots/prefix.rs");
}
mod hex_debug {
    include!("snapshots/hex_debug.rs");
}
// Arbitrary valid schemas (`common/arbitrary.rs`, seeds 1–3): they compile.
mod arbitrary_1 {
    include!("snapshots/arbitrary_1.rs");
}
mod arbitrary_2 {
    include!("snapshots/arbitrary_2.rs");
}
mod arbitrary_3 {
    include!("snapshots/arbitrary_3.rs");
}

use tlgen_runtime::{DecodeErrorKind, Deserializable, Identifiable, RemoteCall, Serializable};

#[test]
fn defaults_are_zero_values_and_the_shallowest_constructor() {
    use defaults::{enums, functions, types};
    let plain = types::Plain {
        id: 0,
        name: String::new(),
        data: Vec::new(),
        flag: false,
        count: None,
        rings: Vec::new(),
        big: [0; 32],
    };
    assert_eq!(types::Plain::default(), plain);
    // `later` would need a `Chain` holding a `Later`: the default is `laterEnd`.
    let end = enums::Later::End(types::LaterEnd {});
    assert_eq!(enums::Later::default(), end);
    let chain = types::Chain {
        back: Box::new(end),
        maybe: None,
    };
    assert_eq!(enums::Chain::default(), enums::Chain::Chain(chain));
    assert_eq!(
        functions::GetPlain::default(),
        functions::GetPlain { id: 0 }
    );
    // `Ring` cannot default (its only constructor needs a `Ring`): no impl for it, `holder`
    // or `getRing`.
    let source = include_str!("snapshots/defaults.rs");
    for name in ["Ring", "Holder", "GetRing"] {
        let definition = format!("pub struct {name} {{");
        let at = source.find(&definition).unwrap();
        let derive = source[..at].rfind("#[derive(").unwrap();
        assert!(!source[derive..at].contains("Default"), "{name}");
    }
    assert!(!source.contains("impl Default for Ring"));
}

#[test]
fn flag_words_are_computed_from_the_fields() {
    let photo = flags::types::Photo {
        has_stickers: true,
        id: 7,
        sizes_and_video: Some((vec![1], "v".into())),
        dc: None,
        spoiler: true,
    };
    let bytes = photo.to_bytes();
    let mut expected = flags::types::Photo::CONSTRUCTOR_ID.to_le_bytes().to_vec();
    expected.extend(0b11u32.to_le_bytes()); // flags: bit 0 (true) and the shared bit 1
    expected.extend(7i64.to_le_bytes());
    expected.extend([0x15, 0xc4, 0xb5, 0x1c, 1, 0, 0, 0, 1, 0, 0, 0]); // Vector<int> [1]
    expected.extend([1, b'v', 0, 0]); // string "v"
    expected.extend((1u32 << 31).to_le_bytes()); // flags2: only bit 31 (true)
    assert_eq!(bytes, expected);
    assert_eq!(
        flags::enums::Photo::from_bytes(&bytes).unwrap(),
        photo.clone().into()
    );
    let back: flags::types::Photo = flags::enums::Photo::from_bytes(&bytes)
        .unwrap()
        .try_into()
        .unwrap();
    assert_eq!(back, photo);
}

#[test]
fn a_true_bit_shared_with_a_value_is_implied_by_it() {
    let cached = flags::types::PhotoCached { size: Some(3) };
    assert!(cached.cached());
    let mut expected = flags::types::PhotoCached::CONSTRUCTOR_ID
        .to_le_bytes()
        .to_vec();
    expected.extend([0b100, 0, 0, 0, 3, 0, 0, 0]); // flags: bit 2, then `size`
    assert_eq!(cached.to_bytes(), expected);
    let none = flags::types::PhotoCached { size: None };
    assert!(!none.cached());
    assert_eq!(&none.to_bytes()[4..], [0, 0, 0, 0]);
    let back: flags::types::PhotoCached = flags::enums::Photo::from_bytes(&expected)
        .unwrap()
        .try_into()
        .unwrap();
    assert_eq!(back, cached);
}

#[test]
fn an_unused_flag_word_is_written_as_zero() {
    let empty = flags::types::PhotoEmpty { id: 1 };
    let mut expected = flags::types::PhotoEmpty::CONSTRUCTOR_ID
        .to_le_bytes()
        .to_vec();
    expected.extend([0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0]);
    assert_eq!(empty.to_bytes(), expected);
}

#[test]
fn recursive_types_decode_and_stop_at_the_depth_limit() {
    use recursion::{enums, types};
    let mut text = enums::RichText::TextEmpty(types::TextEmpty {});
    for _ in 0..10 {
        text = enums::RichText::TextBold(types::TextBold {
            text: Box::new(text),
        });
    }
    let bytes = text.to_bytes();
    assert_eq!(enums::RichText::from_bytes(&bytes).unwrap(), text);

    let mut deep = Vec::new();
    for _ in 0..100_000 {
        deep.extend(types::TextBold::CONSTRUCTOR_ID.to_le_bytes());
    }
    deep.extend(types::TextEmpty::CONSTRUCTOR_ID.to_le_bytes());
    let err = enums::RichText::from_bytes(&deep).unwrap_err();
    assert!(
        matches!(err.kind(), DecodeErrorKind::TooDeep { .. }),
        "{err}"
    );
}

#[test]
fn indirect_cycles_need_only_one_box() {
    use recursion::{enums, types};
    // pingA holds PingB inline; pingB holds an optional boxed PingA.
    let a = types::PingA {
        other: enums::PingB::PingB(types::PingB {
            other: Some(Box::new(enums::PingA::PingA(types::PingA {
                other: enums::PingB::PingB(types::PingB { other: None }),
            }))),
        }),
    };
    assert_eq!(types::PingA::from_bytes(&a.to_bytes()).unwrap(), a);
}

#[test]
fn keywords_become_raw_or_suffixed_identifiers() {
    let k = keywords::types::Keywords {
        self_: 1,
        r#type: "t".into(),
        r#static: 2,
        r#final: 3,
        r#loop: 4,
        crate_: 5,
        super_: 6,
        r#match: "m".into(),
        r#async: 7,
    };
    assert_eq!(
        keywords::types::Keywords::from_bytes(&k.to_bytes()).unwrap(),
        k
    );
    let call = keywords::functions::r#loop::Continue {
        self_: 1,
        r#type: 2,
    };
    assert_eq!(keywords::functions::r#loop::Continue::NAME, "loop.continue");
    assert_eq!(
        keywords::Object::from_bytes(&call.to_bytes())
            .unwrap()
            .name(),
        "loop.continue"
    );
    let _: keywords::types::Self_ = keywords::types::Self_ {};
}

#[test]
fn generic_functions_wrap_a_query_and_return_its_result() {
    use generics::functions::{GetNumber, InvokeWithLayer};
    fn return_type<C: RemoteCall>(_: &C) -> &'static str {
        std::any::type_name::<C::Return>()
    }
    let call = InvokeWithLayer {
        layer: 230,
        query: GetNumber {},
    };
    assert!(
        return_type(&call).ends_with("enums::Number"),
        "{}",
        return_type(&call)
    );
    let bytes = call.to_bytes();
    let mut expected = InvokeWithLayer::<GetNumber>::CONSTRUCTOR_ID
        .to_le_bytes()
        .to_vec();
    expected.extend(230i32.to_le_bytes());
    expected.extend(GetNumber::CONSTRUCTOR_ID.to_le_bytes());
    assert_eq!(bytes, expected);
    // Decoded without knowing the inner call: the query becomes an Object.
    let object = generics::Object::from_bytes(&bytes).unwrap();
    assert_eq!(object.name(), "invokeWithLayer");
    assert_eq!(object.to_bytes(), bytes);
    let typed = InvokeWithLayer::<GetNumber>::from_bytes(&bytes).unwrap();
    assert_eq!(typed, call);
}

#[test]
fn a_generic_query_is_a_function_call_never_a_constructor() {
    use generics::functions::InvokeWithLayer;
    use generics::types::Number;
    // `query:!X` holding `number value:7`: TL's `!X` is a function call, so `Object` refuses
    // the constructor at its id (byte 8, after invokeWithLayer's id and layer).
    let mut bytes = InvokeWithLayer::<Number>::CONSTRUCTOR_ID
        .to_le_bytes()
        .to_vec();
    bytes.extend(230i32.to_le_bytes());
    bytes.extend(Number::CONSTRUCTOR_ID.to_le_bytes());
    bytes.extend(7i32.to_le_bytes());
    let err = generics::Object::from_bytes(&bytes).unwrap_err();
    assert_eq!(err.offset(), 8);
    assert_eq!(
        err.kind(),
        &DecodeErrorKind::UnexpectedConstructor {
            id: Number::CONSTRUCTOR_ID,
            expected: "a function call",
        }
    );
    // On its own, as an `Object`, the constructor is accepted: only `!X` is restricted.
    assert!(matches!(
        generics::Object::from_bytes(&bytes[8..]),
        Ok(generics::Object::Number(_))
    ));
}

#[test]
fn bare_vectors_omit_the_vector_and_item_ids() {
    use bare_vectors::types::{FutureSalt, FutureSalts, Rule};
    let salts = FutureSalts {
        req_msg_id: 1,
        salts: vec![FutureSalt {
            valid_since: 2,
            salt: 3,
        }],
    };
    let mut expected = FutureSalts::CONSTRUCTOR_ID.to_le_bytes().to_vec();
    expected.extend(1i64.to_le_bytes());
    expected.extend(1i32.to_le_bytes()); // count, no Vector id
    expected.extend(2i32.to_le_bytes()); // item without its constructor id
    expected.extend(3i64.to_le_bytes());
    assert_eq!(salts.to_bytes(), expected);
    assert_eq!(FutureSalts::from_bytes(&expected).unwrap(), salts);

    let rule = Rule {
        ips: vec![bare_vectors::enums::IpPort::IpPort(
            bare_vectors::types::IpPort { ipv4: 1, port: 2 },
        )],
        nested: vec![vec![5, 6], vec![]],
        first: FutureSalt {
            valid_since: 0,
            salt: 9,
        },
    };
    let bytes = rule.to_bytes();
    let mut expected = Rule::CONSTRUCTOR_ID.to_le_bytes().to_vec();
    expected.extend(1i32.to_le_bytes());
    expected.extend(bare_vectors::types::IpPort::CONSTRUCTOR_ID.to_le_bytes()); // boxed item
    expected.extend([1, 0, 0, 0, 2, 0, 0, 0]);
    expected.extend([0x15, 0xc4, 0xb5, 0x1c, 2, 0, 0, 0]); // Vector of two bare vectors
    expected.extend([2, 0, 0, 0]);
    expected.extend(5i64.to_le_bytes());
    expected.extend(6i64.to_le_bytes());
    expected.extend([0, 0, 0, 0]);
    expected.extend(0i32.to_le_bytes()); // %FutureSalt: bare
    expected.extend(9i64.to_le_bytes());
    assert_eq!(bytes, expected);
    assert_eq!(Rule::from_bytes(&bytes).unwrap(), rule);
}

#[test]
fn large_fields_are_boxed_and_small_ones_inline() {
    use large_fields::{enums, types};
    let big = || enums::Big::B(types::BigB { x: 5 });
    let holder = types::Holder {
        big: Box::new(big()),
        maybe_big: Some(Box::new(big())),
        small: enums::Small::A(types::SmallA { x: 6 }),
        pair: enums::Pair::Pair(types::Pair {
            a: [1; 32],
            b: [2; 32],
        }),
        bigs: vec![big()],
    };
    // Two boxes, an inline `Small` and `Pair` (64 bytes of data) and a `Vec`.
    assert!(std::mem::size_of::<types::Holder>() <= 8 + 8 + 16 + 72 + 24);
    assert!(std::mem::size_of::<enums::Big>() > 128);

    let bytes = holder.to_bytes();
    let big_bytes = [
        &types::BigB::CONSTRUCTOR_ID.to_le_bytes()[..],
        &[5, 0, 0, 0],
    ]
    .concat();
    let mut expected = types::Holder::CONSTRUCTOR_ID.to_le_bytes().to_vec();
    expected.extend(1u32.to_le_bytes()); // flags: maybe_big present
    expected.extend(&big_bytes);
    expected.extend(&big_bytes);
    expected.extend(types::SmallA::CONSTRUCTOR_ID.to_le_bytes());
    expected.extend(6i64.to_le_bytes());
    expected.extend(types::Pair::CONSTRUCTOR_ID.to_le_bytes());
    expected.extend([1; 32]);
    expected.extend([2; 32]);
    expected.extend([0x15, 0xc4, 0xb5, 0x1c, 1, 0, 0, 0]);
    expected.extend(&big_bytes);
    assert_eq!(bytes, expected);
    assert_eq!(types::Holder::from_bytes(&bytes).unwrap(), holder);
}

/// A `message` written by hand from its TL line and the wire rules, decoded into the
/// `borrowed` module: the text fields are views of the input, `Peer` (no text) is the
/// owned enum, and the value encodes back to the same bytes and matches the owned decoding.
#[test]
fn borrowed_values_point_into_the_input() {
    use tlgen_runtime::DeserializableBorrowed;
    use with_borrowed::borrowed as b;

    let mut bytes = b::types::Message::CONSTRUCTOR_ID.to_le_bytes().to_vec();
    bytes.extend(0b11u32.to_le_bytes()); // flags: `out` and the shared bit 1
    bytes.extend(7i32.to_le_bytes());
    bytes.extend(with_borrowed::types::PeerUser::CONSTRUCTOR_ID.to_le_bytes());
    bytes.extend(42i64.to_le_bytes());
    bytes.extend([2, b'h', b'i', 0]); // text "hi"
    bytes.extend([1, 0xff, 0, 0]); // media: bytes [0xff]
    bytes.extend([1, b'c', 0, 0]); // caption "c"
    bytes.extend([0x15, 0xc4, 0xb5, 0x1c, 1, 0, 0, 0, 1, b't', 0, 0]); // tags ["t"]
    bytes.extend(0x997275b5u32.to_le_bytes()); // pinned: boolTrue

    let value = b::enums::Message::from_bytes_borrowed(&bytes).unwrap();
    let b::enums::Message::Message(message) = &value else {
        panic!("not a message: {value:?}");
    };
    assert!(message.out && message.pinned);
    assert_eq!(message.id, 7);
    assert_eq!(
        message.peer,
        with_borrowed::enums::Peer::User(with_borrowed::types::PeerUser { user_id: 42 })
    );
    assert_eq!(message.text, "hi");
    assert_eq!(message.media_and_caption, Some((&[0xff][..], "c")));
    assert_eq!(message.tags, ["t"]);
    assert!(std::ptr::eq(message.text.as_ptr(), bytes[25..].as_ptr()));
    assert_eq!(value.to_bytes(), bytes);

    let owned = with_borrowed::enums::Message::from_bytes(&bytes).unwrap();
    assert_eq!(format!("{owned:?}"), format!("{value:?}"));

    // A constructor without text is the owned struct inside the borrowed enum.
    let empty = [
        &with_borrowed::types::MessageEmpty::CONSTRUCTOR_ID.to_le_bytes()[..],
        &[9, 0, 0, 0],
    ]
    .concat();
    assert!(matches!(
        b::enums::Message::from_bytes_borrowed(&empty).unwrap(),
        b::enums::Message::Empty(with_borrowed::types::MessageEmpty { id: 9 })
    ));
}

/// Recursive borrowed types count against the depth limit like owned ones.
#[test]
fn borrowed_recursion_is_depth_limited() {
    use tlgen_runtime::DeserializableBorrowed;
    use with_borrowed::borrowed as b;

    let mut bytes = Vec::new();
    for _ in 0..1000 {
        bytes.extend(b::types::TextBold::CONSTRUCTOR_ID.to_le_bytes());
    }
    bytes.extend(with_borrowed::types::TextEmpty::CONSTRUCTOR_ID.to_le_bytes());
    let err = b::enums::RichText::from_bytes_borrowed(&bytes).unwrap_err();
    assert_eq!(err.kind(), &DecodeErrorKind::TooDeep { limit: 64 });
    assert_eq!(
        err,
        with_borrowed::enums::RichText::from_bytes(&bytes).unwrap_err()
    );
}

/// `RemoteCallBorrowed`: the borrowed twin of the return type, the owned type when it holds
/// no text, the query's for a generic function, and the `rpc_error` answer.
#[test]
fn borrowed_function_answers() {
    use tlgen_runtime::{RemoteCallBorrowed, RpcError};
    use with_borrowed::{borrowed as b, functions, types};

    let mut message = b::types::Message::CONSTRUCTOR_ID.to_le_bytes().to_vec();
    message.extend(0u32.to_le_bytes()); // flags: nothing
    message.extend(7i32.to_le_bytes());
    message.extend(types::PeerUser::CONSTRUCTOR_ID.to_le_bytes());
    message.extend(42i64.to_le_bytes());
    message.extend([2, b'h', b'i', 0]); // text "hi"
    message.extend([0x15, 0xc4, 0xb5, 0x1c, 0, 0, 0, 0]); // tags: []
    message.extend(0xbc799737u32.to_le_bytes()); // pinned: boolFalse
    let answer = functions::GetMessage::decode_response_borrowed(&message).unwrap();
    let Ok(b::enums::Message::Message(m)) = &answer else {
        panic!("not a message: {answer:?}");
    };
    assert_eq!((m.id, m.text, m.pinned), (7, "hi", false));
    let through =
        functions::InvokeWithLayer::<functions::GetMessage>::decode_response_borrowed(&message)
            .unwrap();
    assert_eq!(format!("{through:?}"), format!("{answer:?}"));

    let peer = [
        &types::PeerUser::CONSTRUCTOR_ID.to_le_bytes()[..],
        &[5, 0, 0, 0, 0, 0, 0, 0],
    ]
    .concat();
    let answer: Result<with_borrowed::enums::Peer, RpcError> =
        functions::GetPeer::decode_response_borrowed(&peer).unwrap();
    assert_eq!(
        answer,
        Ok(with_borrowed::enums::Peer::User(types::PeerUser {
            user_id: 5
        }))
    );

    // rpc_error#2144ca19 error_code:int error_message:string
    let error = b"\x19\xca\x44\x21\x90\x01\x00\x00\x0eMESSAGE_ID_BAD\x00";
    assert_eq!(
        functions::GetMessage::decode_response_borrowed(error)
            .unwrap()
            .unwrap_err(),
        RpcError::new(400, "MESSAGE_ID_BAD")
    );
}

#[test]
fn a_subset_holds_its_closure_and_encodes_as_the_whole_schema_would() {
    // The ids are the CRC32 of the lines (Python's zlib.crc32 of
    // `chat.send peer:Peer text:string = Message` is 0xe297d792).
    let send = subset::functions::chat::Send {
        peer: subset::enums::Peer::User(subset::types::PeerUser { id: 5 }),
        text: "hi".into(),
    };
    let mut expected = 0xe297_d792u32.to_le_bytes().to_vec();
    expected.extend(0x31bf_0e2au32.to_le_bytes()); // peerUser
    expected.extend(5i64.to_le_bytes());
    expected.extend([2, b'h', b'i', 0]);
    assert_eq!(send.to_bytes(), expected);
    assert_eq!(subset::name_for_id(0x5b34_4c41), Some("message"));
    assert_eq!(
        subset::name_for_id(subset::types::Sticker::CONSTRUCTOR_ID),
        Some("sticker")
    );
}

/// TDLib's `…Prefix = Error;` function writes the leading bytes of its full function (same
/// id, its first params); `Object` decodes that id as the full one.
#[test]
fn a_prefix_function_is_the_start_of_its_full_one() {
    use prefix::functions::{
        upload, InvokeWithBusinessConnection, InvokeWithBusinessConnectionPrefix,
    };
    let query = prefix::Object::UploadSaveFilePart(Box::new(upload::SaveFilePart {
        file_id: 7,
        file_part: 1,
        bytes: vec![1, 2, 3],
    }));
    let full = InvokeWithBusinessConnection {
        connection_id: "conn".into(),
        query: query.clone(),
    };
    let prefix = InvokeWithBusinessConnectionPrefix {
        connection_id: "conn".into(),
    };
    let (full_bytes, prefix_bytes) = (full.to_bytes(), prefix.to_bytes());
    // 0xdd289f8e, then `conn` as a TL string: the same leading bytes.
    assert_eq!(
        prefix_bytes,
        [0x8e, 0x9f, 0x28, 0xdd, 4, b'c', b'o', b'n', b'n', 0, 0, 0]
    );
    assert!(full_bytes.starts_with(&prefix_bytes));
    assert_eq!(&full_bytes[prefix_bytes.len()..], query.to_bytes());
    let decoded = prefix::Object::from_bytes(&full_bytes).unwrap();
    assert_eq!(
        decoded,
        prefix::Object::InvokeWithBusinessConnection(Box::new(full))
    );
    assert_eq!(decoded.name(), "invokeWithBusinessConnection");
    assert_eq!(
        prefix::name_for_id(0xdd28_9f8e),
        Some("invokeWithBusinessConnection")
    );
}

/// `resPQ` as the server sends it in "Creating an Authorization Key"
/// (<https://core.telegram.org/mtproto/samples-auth_key>, step 2), without the message header.
const RES_PQ: [u8; 64] = [
    0x63, 0x24, 0x16, 0x05, // resPQ#05162463
    0x3e, 0x05, 0x49, 0x82, 0x8c, 0xca, 0x27, 0xe9, 0x66, 0xb3, 0x01, 0xa4, 0x8f, 0xec, 0xe2,
    0xfc, // nonce
    0xa5, 0xcf, 0x4d, 0x33, 0xf4, 0xa1, 0x1e, 0xa8, 0x77, 0xba, 0x4a, 0xa5, 0x73, 0x90, 0x73,
    0x30, // server_nonce
    0x08, 0x17, 0xed, 0x48, 0x94, 0x1a, 0x08, 0xf9, 0x81, 0x00, 0x00, 0x00, // pq
    0x15, 0xc4, 0xb5, 0x1c, 0x01, 0x00, 0x00, 0x00, // Vector<long>, 1 item
    0x21, 0x6b, 0xe8, 0x6c, 0x02, 0x2b, 0xb4, 0xc3, // fingerprint c3b42b026ce86b21
];

#[test]
fn int128_prints_as_hex_in_wire_order() {
    let res_pq = hex_debug::types::ResPq::from_bytes(&RES_PQ).unwrap();
    // The nonces as the page writes them; every other field as derived.
    assert_eq!(
        format!("{res_pq:?}"),
        "ResPq { nonce: 3e0549828cca27e966b301a48fece2fc, \
         server_nonce: a5cf4d33f4a11ea877ba4aa573907330, \
         pq: [23, 237, 72, 148, 26, 8, 249, 129], \
         server_public_key_fingerprints: [-4344800451088585951] }"
    );
    assert_eq!(
        format!("{res_pq:#?}"),
        "ResPq {\n    nonce: 3e0549828cca27e966b301a48fece2fc,\n    \
         server_nonce: a5cf4d33f4a11ea877ba4aa573907330,\n    pq: [\n        23,\n        \
         237,\n        72,\n        148,\n        26,\n        8,\n        249,\n        \
         129,\n    ],\n    server_public_key_fingerprints: [\n        -4344800451088585951,\n    \
         ],\n}"
    );
    let borrowed = <hex_debug::borrowed::types::ResPq as tlgen_runtime::DeserializableBorrowed>::from_bytes_borrowed(&RES_PQ).unwrap();
    assert_eq!(format!("{borrowed:?}"), format!("{res_pq:?}"));

    let call = hex_debug::functions::ReqPqMulti {
        nonce: res_pq.nonce,
    };
    assert_eq!(
        format!("{call:?}"),
        "ReqPqMulti { nonce: 3e0549828cca27e966b301a48fece2fc }"
    );
    let wrapped = hex_debug::functions::InvokeWithNonce {
        nonce: [0xff; 16],
        query: call,
    };
    assert_eq!(
        format!("{wrapped:?}"),
        "InvokeWithNonce { nonce: ffffffffffffffffffffffffffffffff, \
         query: ReqPqMulti { nonce: 3e0549828cca27e966b301a48fece2fc } }"
    );
}

#[test]
fn int256_in_flags_vectors_and_shared_bits_prints_as_hex() {
    use hex_debug::{enums, types};
    let keys = types::Keys {
        secret: Some([0xab; 16]),
        hashes: vec![[0x01; 32], [0xfe; 32]],
        rows: vec![vec![], vec![[0x10; 32]]],
    };
    let (one, fe, ten) = ("01".repeat(32), "fe".repeat(32), "10".repeat(32));
    assert_eq!(
        format!("{keys:?}"),
        format!(
            "Keys {{ secret: Some(abababababababababababababababab), hashes: [{one}, {fe}], \
             rows: [[], [{ten}]] }}"
        )
    );
    let empty = types::Keys {
        secret: None,
        hashes: vec![],
        rows: vec![],
    };
    assert_eq!(
        format!("{empty:#?}"),
        "Keys {\n    secret: None,\n    hashes: [],\n    rows: [],\n}"
    );
    // Two params on one flag bit: `Option<([u8; 32], i32)>`.
    let pair = types::Pair {
        key_and_count: Some(([0x5a; 32], 7)),
    };
    let key = "5a".repeat(32);
    assert_eq!(
        format!("{pair:?}"),
        format!("Pair {{ key_and_count: Some(({key}, 7)) }}")
    );
    assert_eq!(
        format!("{pair:#?}"),
        format!("Pair {{\n    key_and_count: Some(\n        (\n            {key},\n            7,\n        ),\n    ),\n}}")
    );
    assert_eq!(
        format!(
            "{:?}",
            types::Pair {
                key_and_count: None
            }
        ),
        "Pair { key_and_count: None }"
    );
    // A keyword field keeps its TL name, as the derive prints it; enums still derive.
    let tagged = enums::Tagged::Tagged(types::Tagged {
        r#type: [0; 32],
        name: "x".into(),
    });
    assert_eq!(
        format!("{tagged:?}"),
        format!(
            "Tagged(Tagged {{ type: {}, name: \"x\" }})",
            "00".repeat(32)
        )
    );
    // Without a byte array, the derive.
    let plain = types::Plain {
        id: 1,
        name: "p".into(),
    };
    assert_eq!(format!("{plain:?}"), "Plain { id: 1, name: \"p\" }");
}
