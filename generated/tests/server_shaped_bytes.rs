//! Server-shaped bytes, written by hand (not captured from a server), through `tlgen-types`
//! with its default features: a container whose message is the `rpc_result` of
//! `messages.getHistory`, its result `gzip_packed` as servers send it. The inner
//! `messages.messages` is written by hand from the layer-230 definitions, gzipped by Python's
//! `gzip.compress(…, mtime=0)` (an independent implementation).
#![cfg(all(feature = "gzip", feature = "errors"))]

use tlgen_types::envelope::{MsgContainer, RpcResult};
use tlgen_types::errors::Error;
use tlgen_types::{enums, functions, types, RemoteCall, TypedErrors};

/// `messages.messages#1d73e7ea` of two `messageEmpty#90a6ca84` (the first with
/// `peer_id: peerUser#59511722 777`), no topics, `chatEmpty#29562865 -5` and
/// `userEmpty#d3bc4b7a 777`, gzipped.
const HISTORY_GZIP: &str = "1f8b08000000000002037bf5bc5856f4c85619260606869653cb263002e997cc0c0c4ae281919c409a012a0ea25f01f920b520368806a94dd508d3fcfd1f02606255de7b2ec3f402003f5892ae60000000";

/// `rpc_error#2144ca19 400 "PEER_ID_INVALID"`, gzipped.
const ERROR_GZIP: &str =
    "1f8b0800000000000203933ce5a238819181813fc0d53528ded325ded32fccd1c7d30500793b71c418000000";

fn hex(text: &str) -> Vec<u8> {
    (0..text.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(&text[i..i + 2], 16).unwrap())
        .collect()
}

/// `gzip_packed#3072cfa1 packed_data:bytes` around `stream` (under 254 bytes).
fn packed(stream: &[u8]) -> Vec<u8> {
    let mut out = vec![0xa1, 0xcf, 0x72, 0x30, stream.len() as u8];
    out.extend(stream);
    out.resize(out.len().next_multiple_of(4), 0);
    out
}

/// `msg_container` of one `message` holding `rpc_result req_msg_id result`.
fn container(req_msg_id: i64, result: &[u8]) -> Vec<u8> {
    let mut rpc_result = vec![0x01, 0x6d, 0x5c, 0xf3];
    rpc_result.extend(req_msg_id.to_le_bytes());
    rpc_result.extend(result);
    let mut out = vec![0xdc, 0xf8, 0xf1, 0x73, 1, 0, 0, 0];
    out.extend(0x6543_2100_0000_0001_i64.to_le_bytes()); // msg_id
    out.extend(7i32.to_le_bytes()); // seqno
    out.extend((rpc_result.len() as i32).to_le_bytes());
    out.extend(rpc_result);
    out
}

/// The one `rpc_result` in `bytes`, after checking the `req_msg_id` we sent.
fn answer(bytes: &[u8]) -> &[u8] {
    let container = MsgContainer::from_bytes(bytes).expect("a well-formed container");
    let message = container.messages().next().expect("one message");
    let result = RpcResult::from_bytes(message.body).expect("an rpc_result");
    assert_eq!(result.req_msg_id, 0x6543_2100_0000_0000);
    result.result
}

#[test]
fn a_packed_history_decodes_through_decode_response() {
    let bytes = container(0x6543_2100_0000_0000, &packed(&hex(HISTORY_GZIP)));
    let outcome = functions::messages::GetHistory::decode_response(answer(&bytes));
    let enums::messages::Messages::Messages(history) = outcome.unwrap().unwrap() else {
        panic!("not messages.messages");
    };
    assert_eq!(
        history.messages,
        [
            enums::Message::Empty(types::MessageEmpty {
                id: 1001,
                peer_id: Some(enums::Peer::User(types::PeerUser { user_id: 777 })),
            }),
            enums::Message::Empty(types::MessageEmpty {
                id: 1002,
                peer_id: None
            }),
        ]
    );
    assert!(history.topics.is_empty());
    assert_eq!(
        history.chats,
        [enums::Chat::Empty(types::ChatEmpty { id: -5 })]
    );
    assert_eq!(
        history.users,
        [enums::User::Empty(types::UserEmpty { id: 777 })]
    );
}

#[test]
fn a_packed_error_decodes_into_the_method_error() {
    let bytes = container(0x6543_2100_0000_0000, &packed(&hex(ERROR_GZIP)));
    let outcome = functions::messages::GetHistory::decode_typed_response(answer(&bytes));
    assert_eq!(outcome.unwrap().unwrap_err(), Error::PeerIdInvalid);
}

#[test]
fn a_corrupt_packed_answer_is_an_error_with_an_offset() {
    let mut stream = hex(HISTORY_GZIP);
    let at = stream.len() - 8;
    stream[at] ^= 1; // the CRC-32
    let err = functions::messages::GetHistory::decode_response(&packed(&stream)).unwrap_err();
    assert_eq!(err.offset(), 5 + at);
    assert_eq!(
        err.to_string(),
        format!("gzip_packed: CRC-32 mismatch at byte {}", 5 + at)
    );
}

#[cfg(feature = "object")]
#[test]
fn object_unpacks_a_packed_object() {
    let bytes = packed(&hex(HISTORY_GZIP));
    let object = <tlgen_types::Object as tlgen_types::Deserializable>::from_bytes(&bytes).unwrap();
    assert_eq!(object.name(), "messages.messages");
    // Not a gzip stream: an error at its first byte (after the id and the length prefix).
    let err = <tlgen_types::Object as tlgen_types::Deserializable>::from_bytes(&packed(&[0; 12]));
    assert_eq!(err.unwrap_err().offset(), 5);
}
