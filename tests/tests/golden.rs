//! Golden bytes written by hand from the TL rules (<https://core.telegram.org/mtproto/serialize>),
//! checked against both the checked-in `tlgen_types` and the `build.rs` bindings
//! (`tl_integration_tests::stars`): encoding must give exactly these bytes, and decoding
//! them must give exactly the expected value.
//!
//! Every multi-byte number is little-endian; each line of bytes below is one field.

use tl_integration_tests::stars;
use tlgen_types::{
    enums, functions, types, Deserializable, Identifiable, Object, RemoteCall, Serializable,
};

/// Checks that `value` encodes to `bytes` and that `bytes` decode to `value`.
fn golden<T>(value: &T, bytes: &[u8])
where
    T: Serializable + Deserializable + PartialEq + std::fmt::Debug,
{
    assert_eq!(value.to_bytes(), bytes, "encoding of {value:?}");
    assert_eq!(&T::from_bytes(bytes).expect("decode"), value);
}

/// Concatenates byte pieces.
fn cat(pieces: &[&[u8]]) -> Vec<u8> {
    pieces.concat()
}

#[test]
fn send_stars_form_with_invoice_slug() {
    let bytes = cat(&[
        &[0x14, 0xc9, 0x98, 0x79], // payments.sendStarsForm#7998c914
        &[0x08, 0x07, 0x06, 0x05, 0x04, 0x03, 0x02, 0x01], // form_id:long 0x0102030405060708
        &[0xef, 0xca, 0x26, 0xc3], // inputInvoiceSlug#c326caef
        &[0x04, b'g', b'i', b'f', b't', 0x00, 0x00, 0x00], // slug:string "gift" + 3 padding
    ]);
    let ours = functions::payments::SendStarsForm {
        form_id: 0x0102_0304_0506_0708,
        invoice: enums::InputInvoice::Slug(types::InputInvoiceSlug {
            slug: "gift".into(),
        }),
    };
    golden(&ours, &bytes);
    assert_eq!(
        functions::payments::SendStarsForm::CONSTRUCTOR_ID,
        0x7998_c914
    );
    assert_eq!(
        Object::from_bytes(&bytes).unwrap().name(),
        "payments.sendStarsForm"
    );

    let stars = stars::functions::payments::SendStarsForm {
        form_id: 0x0102_0304_0506_0708,
        invoice: stars::enums::InputInvoice::Slug(stars::types::InputInvoiceSlug {
            slug: "gift".into(),
        }),
    };
    golden(&stars, &bytes);

    // Both generic wrappers prepend `invokeWithLayer#da9b0d0d layer:int`.
    let wrapped = cat(&[&[0x0d, 0x0d, 0x9b, 0xda], &[0xe6, 0x00, 0x00, 0x00], &bytes]);
    let call = stars::functions::InvokeWithLayer {
        layer: 230,
        query: stars,
    };
    assert_eq!(call.to_bytes(), wrapped);
    let call = functions::InvokeWithLayer {
        layer: tlgen_types::LAYER,
        query: ours,
    };
    assert_eq!(call.to_bytes(), wrapped);
    match Object::from_bytes(&wrapped).unwrap() {
        Object::InvokeWithLayer(decoded) => {
            assert_eq!(decoded.layer, 230);
            assert_eq!(decoded.query.to_bytes(), bytes);
        }
        other => panic!("decoded as {}", other.name()),
    }
}

/// `starsTransaction#0a9ee4c2` from `tests/schema/stars.tl`, with `flags.5?` shared by
/// `transaction_date` and `transaction_url`, a `true` flag and several optional fields.
#[test]
fn stars_transaction_with_shared_flag_bit() {
    let bytes = cat(&[
        &[0xc2, 0xe4, 0x9e, 0x0a], // starsTransaction#0a9ee4c2
        // flags: title (bit 0) | refund (3) | transaction_date+transaction_url (5)
        //        | msg_id (8) | gift (10) = 0x529
        &[0x29, 0x05, 0x00, 0x00],
        &[0x03, b't', b'x', b'1'], // id:string "tx1", no padding
        &[0xe8, 0x03, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00], // stars:long 1000
        &[0x00, 0xf1, 0x53, 0x65], // date:int 1700000000
        &[0x5d, 0xa1, 0x0d, 0xd8], // peer: starsTransactionPeer#d80da15d
        &[0x22, 0x17, 0x51, 0x59], //   peer: peerUser#59511722
        &[0x09, 0x03, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00], //     user_id:long 777
        &[0x04, b'G', b'i', b'f', b't', 0x00, 0x00, 0x00], // title:flags.0?string "Gift"
        &[0x64, 0xf1, 0x53, 0x65], // transaction_date:flags.5?int 1700000100
        &[0x0e],                   // transaction_url:flags.5?string (14)
        b"https://t.me/x",
        &[0x00],                   //   1 padding byte
        &[0x2a, 0x00, 0x00, 0x00], // msg_id:flags.8?int 42
    ]);
    let value = stars::types::StarsTransaction {
        refund: true,
        pending: false,
        failed: false,
        gift: true,
        reaction: false,
        id: "tx1".into(),
        stars: 1000,
        date: 1_700_000_000,
        peer: stars::enums::StarsTransactionPeer::StarsTransactionPeer(
            stars::types::StarsTransactionPeer {
                peer: stars::enums::Peer::User(stars::types::PeerUser { user_id: 777 }),
            },
        ),
        title: Some("Gift".into()),
        description: None,
        photo: None,
        transaction_date_and_transaction_url: Some((1_700_000_100, "https://t.me/x".into())),
        bot_payload: None,
        msg_id: Some(42),
        extended_media: None,
        subscription_period: None,
        giveaway_post_id: None,
        stargift: None,
    };
    golden(&value, &bytes);
    assert_eq!(stars::types::StarsTransaction::CONSTRUCTOR_ID, 0x0a9e_e4c2);
    // Through the boxed type too.
    golden(
        &stars::enums::StarsTransaction::StarsTransaction(value.clone()),
        &bytes,
    );

    // No optional field: the flags word is 0 and nothing follows `peer`.
    let bare = stars::types::StarsTransaction {
        refund: false,
        gift: false,
        title: None,
        transaction_date_and_transaction_url: None,
        msg_id: None,
        ..value
    };
    let mut expected = bytes[..4].to_vec();
    expected.extend_from_slice(&[0, 0, 0, 0]);
    expected.extend_from_slice(&bytes[8..40]); // id, stars, date, peer
    golden(&bare, &expected);

    // Decoding with bit 5 set reads both fields sharing it: cut after `transaction_date`,
    // the missing `transaction_url` is an unexpected end at its offset.
    let cut = &bytes[..52];
    let err = stars::types::StarsTransaction::from_bytes(cut).unwrap_err();
    assert_eq!(err.offset(), 52);
    assert_eq!(
        err.kind(),
        &tlgen_types::DecodeErrorKind::UnexpectedEnd { needed: 4 }
    );
}

/// Strings of 253 bytes (the longest short form) and 254 bytes (the shortest long form)
/// inside `error#c4b9f9bb code:int text:string`, and a 300-byte multi-byte one.
#[test]
fn strings_at_the_length_boundary() {
    let id = [0xbb, 0xf9, 0xb9, 0xc4]; // error#c4b9f9bb
    let code = [0x90, 0x01, 0x00, 0x00]; // code:int 400

    let text = "x".repeat(253);
    // 1 length byte + 253 bytes = 254, padded to 256.
    let bytes = cat(&[&id, &code, &[253], text.as_bytes(), &[0, 0]]);
    assert_eq!(bytes.len(), 8 + 256);
    golden(&types::Error { code: 400, text }, &bytes);

    let text = "y".repeat(254);
    // 0xfe, 3-byte length 254, 254 bytes = 258, padded to 260.
    let bytes = cat(&[&id, &code, &[0xfe, 254, 0, 0], text.as_bytes(), &[0, 0]]);
    assert_eq!(bytes.len(), 8 + 260);
    golden(&types::Error { code: 400, text }, &bytes);

    // 150 two-byte characters: 300 bytes = 0x012c, 4 + 300 needs no padding.
    let text = "é".repeat(150);
    let bytes = cat(&[&id, &code, &[0xfe, 0x2c, 0x01, 0x00], text.as_bytes()]);
    golden(&types::Error { code: 400, text }, &bytes);

    // The same boundary through the stars bindings: `starsTransaction.id` of 254 bytes.
    let long_id = "z".repeat(254);
    let bytes = cat(&[
        &[0xc2, 0xe4, 0x9e, 0x0a],
        &[0, 0, 0, 0],
        &[0xfe, 254, 0, 0],
        long_id.as_bytes(),
        &[0, 0],
        &[1, 0, 0, 0, 0, 0, 0, 0],
        &[2, 0, 0, 0],
        &[0xe4, 0xbf, 0xf2, 0x95], // starsTransactionPeerUnsupported#95f2bfe4
    ]);
    let value = stars::types::StarsTransaction {
        refund: false,
        pending: false,
        failed: false,
        gift: false,
        reaction: false,
        id: long_id,
        stars: 1,
        date: 2,
        peer: stars::enums::StarsTransactionPeer::Unsupported(
            stars::types::StarsTransactionPeerUnsupported {},
        ),
        title: None,
        description: None,
        photo: None,
        transaction_date_and_transaction_url: None,
        bot_payload: None,
        msg_id: None,
        extended_media: None,
        subscription_period: None,
        giveaway_post_id: None,
        stargift: None,
    };
    golden(&value, &bytes);
}

/// `Vector<long>` in a constructor (`msgs_ack`) and in a function (`auth.dropTempAuthKeys`).
#[test]
fn vector_of_long() {
    let bytes = cat(&[
        &[0x59, 0xb4, 0xd6, 0x62],                         // msgs_ack#62d6b459
        &[0x15, 0xc4, 0xb5, 0x1c],                         // msg_ids: Vector#1cb5c415
        &[0x03, 0x00, 0x00, 0x00],                         //   3 items
        &[0x01, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00], //   1
        &[0xff; 8],                                        //   -1
        &[0x08, 0x07, 0x06, 0x05, 0x04, 0x03, 0x02, 0x01], //   0x0102030405060708
    ]);
    golden(
        &types::MsgsAck {
            msg_ids: vec![1, -1, 0x0102_0304_0506_0708],
        },
        &bytes,
    );
    golden(
        &enums::MsgsAck::MsgsAck(types::MsgsAck {
            msg_ids: vec![1, -1, 0x0102_0304_0506_0708],
        }),
        &bytes,
    );

    let bytes = cat(&[
        &[0x88, 0xa1, 0x48, 0x8e], // auth.dropTempAuthKeys#8e48a188
        &[0x15, 0xc4, 0xb5, 0x1c], // except_auth_keys: Vector
        &[0x00, 0x00, 0x00, 0x00], //   0 items
    ]);
    golden(
        &functions::auth::DropTempAuthKeys {
            except_auth_keys: vec![],
        },
        &bytes,
    );

    // It returns `Bool`, which is a Rust `bool`.
    fn returns_bool<C: RemoteCall<Return = bool>>(_: &C) {}
    returns_bool(&functions::auth::DropTempAuthKeys {
        except_auth_keys: vec![],
    });
    assert!(bool::from_bytes(&[0xb5, 0x75, 0x72, 0x99]).unwrap());
    assert!(!bool::from_bytes(&[0x37, 0x97, 0x79, 0xbc]).unwrap());
}

/// The bytes of `updateShortMessage#313bc7f8` with two message entities, and the value.
fn update_short_message_bytes() -> Vec<u8> {
    cat(&[
        &[0xf8, 0xc7, 0x3b, 0x31], // updateShortMessage#313bc7f8
        // flags: out (bit 1) | entities (7) | via_bot_id (11) | ttl_period (25) = 0x02000882
        &[0x82, 0x08, 0x00, 0x02],
        &[0x05, 0x00, 0x00, 0x00],                         // id:int 5
        &[0x64, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00], // user_id:long 100
        &[0x05, b'h', b'e', b'l', b'l', b'o', 0x00, 0x00], // message:string "hello"
        &[0x0a, 0x00, 0x00, 0x00],                         // pts:int 10
        &[0x01, 0x00, 0x00, 0x00],                         // pts_count:int 1
        &[0x00, 0xf1, 0x53, 0x65],                         // date:int 1700000000
        &[0xc8, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00], // via_bot_id:flags.11?long 200
        &[0x15, 0xc4, 0xb5, 0x1c],                         // entities:flags.7?Vector
        &[0x02, 0x00, 0x00, 0x00],                         //   2 items
        &[0xc9, 0x0b, 0x61, 0xbd],                         //   messageEntityBold#bd610bc9
        &[0x00, 0x00, 0x00, 0x00],                         //     offset:int 0
        &[0x05, 0x00, 0x00, 0x00],                         //     length:int 5
        &[0x27, 0xd3, 0xa6, 0x76],                         //   messageEntityTextUrl#76a6d327
        &[0x01, 0x00, 0x00, 0x00],                         //     offset:int 1
        &[0x03, 0x00, 0x00, 0x00],                         //     length:int 3
        &[0x0b],                                           //     url:string (11 bytes)
        b"https://a.b",                                    //       no padding: 12 bytes
        &[0x80, 0x51, 0x01, 0x00],                         // ttl_period:flags.25?int 86400
    ])
}

#[test]
fn update_short_message_with_entities() {
    let bytes = update_short_message_bytes();
    let value = enums::Updates::UpdateShortMessage(types::UpdateShortMessage {
        out: true,
        mentioned: false,
        media_unread: false,
        silent: false,
        id: 5,
        user_id: 100,
        message: "hello".into(),
        pts: 10,
        pts_count: 1,
        date: 1_700_000_000,
        fwd_from: None,
        via_bot_id: Some(200),
        reply_to: None,
        entities: Some(vec![
            enums::MessageEntity::Bold(types::MessageEntityBold {
                offset: 0,
                length: 5,
            }),
            enums::MessageEntity::TextUrl(types::MessageEntityTextUrl {
                offset: 1,
                length: 3,
                url: "https://a.b".into(),
            }),
        ]),
        ttl_period: Some(86400),
    });
    golden(&value, &bytes);
    assert_eq!(
        Object::from_bytes(&bytes).unwrap(),
        Object::Updates(Box::new(value))
    );

    let stars = stars::enums::Updates::UpdateShortMessage(stars::types::UpdateShortMessage {
        out: true,
        mentioned: false,
        media_unread: false,
        silent: false,
        id: 5,
        user_id: 100,
        message: "hello".into(),
        pts: 10,
        pts_count: 1,
        date: 1_700_000_000,
        fwd_from: None,
        via_bot_id: Some(200),
        reply_to: None,
        entities: Some(vec![
            stars::enums::MessageEntity::Bold(stars::types::MessageEntityBold {
                offset: 0,
                length: 5,
            }),
            stars::enums::MessageEntity::TextUrl(stars::types::MessageEntityTextUrl {
                offset: 1,
                length: 3,
                url: "https://a.b".into(),
            }),
        ]),
        ttl_period: Some(86400),
    });
    golden(&stars, &bytes);

    // An empty entity list is still present (bit 7 set, a Vector of 0 items), unlike `None`.
    let mut empty = value_without_entities();
    empty.entities = Some(vec![]);
    let encoded = enums::Updates::UpdateShortMessage(empty.clone()).to_bytes();
    assert_eq!(&encoded[4..8], [0x82, 0x08, 0x00, 0x02]);
    empty.entities = None;
    let encoded = enums::Updates::UpdateShortMessage(empty).to_bytes();
    assert_eq!(&encoded[4..8], [0x02, 0x08, 0x00, 0x02]);
}

fn value_without_entities() -> types::UpdateShortMessage {
    types::UpdateShortMessage {
        out: true,
        mentioned: false,
        media_unread: false,
        silent: false,
        id: 5,
        user_id: 100,
        message: "hello".into(),
        pts: 10,
        pts_count: 1,
        date: 1_700_000_000,
        fwd_from: None,
        via_bot_id: Some(200),
        reply_to: None,
        entities: None,
        ttl_period: Some(86400),
    }
}

/// A bare `vector<future_salt>` (mtproto): items without their constructor id.
#[test]
fn bare_vector_of_bare_constructors() {
    let bytes = cat(&[
        &[0x95, 0x08, 0x50, 0xae],                         // future_salts#ae500895
        &[0x01, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00], // req_msg_id:long 1
        &[0x02, 0x00, 0x00, 0x00],                         // now:int 2
        &[0x02, 0x00, 0x00, 0x00],                         // salts: vector (bare), 2 items
        &[0x0a, 0x00, 0x00, 0x00],                         //   valid_since:int 10
        &[0x14, 0x00, 0x00, 0x00],                         //   valid_until:int 20
        &[0x1e, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00], //   salt:long 30
        &[0x0b, 0x00, 0x00, 0x00],                         //   valid_since:int 11
        &[0x15, 0x00, 0x00, 0x00],                         //   valid_until:int 21
        &[0x1f, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00], //   salt:long 31
    ]);
    let decoded = Object::from_bytes(&bytes).unwrap();
    assert_eq!(decoded.name(), "future_salts");
    assert_eq!(decoded.to_bytes(), bytes);
    let salts = types::FutureSalts::from_bytes(&bytes).unwrap();
    assert_eq!(salts.req_msg_id, 1);
    assert_eq!(salts.now, 2);
    assert_eq!(salts.salts.len(), 2);
    assert_eq!(salts.salts[1].salt, 31);
    assert_eq!(salts.to_bytes(), bytes);
}
