//! The MTProto envelope views, on bytes written by hand from the definitions in
//! <https://core.telegram.org/mtproto/service_messages>, and forged envelopes.

use proptest::prelude::*;
use tlgen_runtime::envelope::{
    GzipPacked, Message, MsgContainer, MsgCopy, RpcResult, MAX_CONTAINER_MESSAGES,
};
use tlgen_runtime::{DecodeErrorKind, Deserializable, Reader};

const PONG: [u8; 4] = 0x3477_73c5_u32.to_le_bytes();

/// `pong#347773c5 msg_id:long ping_id:long`.
fn pong(msg_id: i64, ping_id: i64) -> Vec<u8> {
    let mut out = PONG.to_vec();
    out.extend(msg_id.to_le_bytes());
    out.extend(ping_id.to_le_bytes());
    out
}

/// A bare `message`: msg_id, seqno, bytes, body.
fn message(msg_id: i64, seqno: i32, body: &[u8]) -> Vec<u8> {
    let mut out = msg_id.to_le_bytes().to_vec();
    out.extend(seqno.to_le_bytes());
    out.extend((body.len() as i32).to_le_bytes());
    out.extend(body);
    out
}

fn container(messages: &[Vec<u8>]) -> Vec<u8> {
    let mut out = vec![0xdc, 0xf8, 0xf1, 0x73];
    out.extend((messages.len() as i32).to_le_bytes());
    for m in messages {
        out.extend(m);
    }
    out
}

#[test]
fn a_container_yields_its_messages() {
    let first = pong(11, 22);
    let second = 0x9972_75b5_u32.to_le_bytes();
    let bytes = container(&[message(100, 1, &first), message(104, 2, &second)]);
    let view = MsgContainer::from_bytes(&bytes).unwrap();
    assert_eq!(view.len(), 2);
    let messages: Vec<Message<'_>> = view.messages().collect();
    assert_eq!(
        (messages[0].msg_id, messages[0].seqno, messages[0].body),
        (100, 1, &first[..])
    );
    assert_eq!(messages[0].body_offset, 8 + 16);
    assert_eq!(
        (messages[1].msg_id, messages[1].seqno, messages[1].body),
        (104, 2, &second[..])
    );
    assert_eq!(messages[1].bytes(), 4);
    assert_eq!(messages[1].body_offset, 8 + 16 + 20 + 16);
    assert!(bool::from_bytes(messages[1].body).unwrap());
    // Empty containers are allowed (an HTTP long poll's answer).
    assert!(MsgContainer::from_bytes(&container(&[]))
        .unwrap()
        .is_empty());
}

#[test]
fn an_rpc_result_is_the_request_id_and_the_rest() {
    let mut bytes = vec![0x01, 0x6d, 0x5c, 0xf3];
    bytes.extend(77i64.to_le_bytes());
    bytes.extend(pong(1, 2));
    let view = RpcResult::from_bytes(&bytes).unwrap();
    assert_eq!(
        (view.req_msg_id, view.result, view.result_offset),
        (77, &bytes[12..], 12)
    );
    // A result must at least hold a constructor id.
    let err = RpcResult::from_bytes(&bytes[..14]).unwrap_err();
    assert_eq!(
        (err.offset(), err.kind()),
        (12, &DecodeErrorKind::UnexpectedEnd { needed: 4 })
    );
    let err = RpcResult::from_bytes(&pong(1, 2)).unwrap_err();
    assert!(matches!(
        err.kind(),
        DecodeErrorKind::UnexpectedConstructor {
            id: 0x3477_73c5,
            ..
        }
    ));
}

#[test]
fn a_msg_copy_and_a_gzip_packed_view() {
    let mut bytes = 0xe060_46b2_u32.to_le_bytes().to_vec();
    bytes.extend(message(9, 3, &pong(5, 6)));
    let view = MsgCopy::from_bytes(&bytes).unwrap();
    assert_eq!(view.orig_message.msg_id, 9);
    assert_eq!(view.orig_message.body, pong(5, 6));
    let packed = [0xa1, 0xcf, 0x72, 0x30, 3, 1, 2, 3];
    assert_eq!(
        GzipPacked::from_bytes(&packed).unwrap().packed_data,
        [1, 2, 3]
    );
}

#[test]
fn lying_bytes_fields_are_refused_where_they_are() {
    let body = pong(1, 2);
    for (bytes, why) in [
        (20 + 4, "past the end"),
        (-4, "negative"),
        (22, "not a multiple of 4"),
        (0, "empty"),
    ] {
        let mut m = message(1, 1, &body);
        m[12..16].copy_from_slice(&i32::to_le_bytes(bytes));
        let err = MsgContainer::from_bytes(&container(&[m])).unwrap_err();
        assert_eq!(err.offset(), 8 + 12, "{why}");
        assert!(
            matches!(err.kind(), DecodeErrorKind::InvalidLength { .. }),
            "{why}"
        );
    }
    // Shorter than the body: the rest is read as the next message, or left over.
    let mut m = message(1, 1, &body);
    m[12..16].copy_from_slice(&8i32.to_le_bytes());
    let err = MsgContainer::from_bytes(&container(&[m.clone()])).unwrap_err();
    assert_eq!(err.kind(), &DecodeErrorKind::TrailingBytes { count: 12 });
    // …and a body that is not what it claims fails when decoded.
    let mut reader = Reader::new(&m);
    let short = Message::read(&mut reader).unwrap();
    let err = bool::from_bytes(short.body).unwrap_err();
    // 0x3477_0ac5 is what the cut body starts with: not a `Bool`.
    assert_eq!(
        (err.offset(), err.kind()),
        (
            0,
            &DecodeErrorKind::UnexpectedConstructor {
                id: 880_243_653,
                expected: "Bool",
            }
        )
    );
}

#[test]
fn a_million_messages_fail_at_the_count() {
    let mut bytes = container(&[message(1, 1, &pong(1, 2))]);
    bytes[4..8].copy_from_slice(&1_000_000i32.to_le_bytes());
    let err = MsgContainer::from_bytes(&bytes).unwrap_err();
    assert_eq!(
        (err.offset(), err.kind()),
        (4, &DecodeErrorKind::InvalidLength { len: 1_000_000 })
    );
    // More than 1024, even if they are all there.
    let many: Vec<_> = (0..=MAX_CONTAINER_MESSAGES as i64)
        .map(|i| message(i, 0, &PONG))
        .collect();
    let err = MsgContainer::from_bytes(&container(&many)).unwrap_err();
    assert_eq!(
        (err.offset(), err.kind()),
        (4, &DecodeErrorKind::InvalidLength { len: 1025 })
    );
    let err = MsgContainer::from_bytes(&container(&many[..1024])).map(|c| c.len());
    assert_eq!(err.unwrap(), 1024);
}

#[test]
fn containers_do_not_nest() {
    let inner = container(&[message(1, 1, &PONG)]);
    let outer = container(&[message(2, 1, &inner)]);
    let err = MsgContainer::from_bytes(&outer).unwrap_err();
    assert_eq!(err.offset(), 8 + 16);
    assert!(matches!(
        err.kind(),
        DecodeErrorKind::UnexpectedConstructor {
            id: 0x73f1_f8dc,
            ..
        }
    ));
}

proptest! {
    #[test]
    fn forged_envelopes_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..300)) {
        let mut with_id = vec![0xdc, 0xf8, 0xf1, 0x73];
        with_id.extend(&bytes);
        if let Ok(view) = MsgContainer::from_bytes(&with_id) {
            prop_assert_eq!(view.messages().count(), view.len());
        }
        let _ = RpcResult::from_bytes(&bytes);
        let _ = MsgCopy::from_bytes(&bytes);
    }
}
