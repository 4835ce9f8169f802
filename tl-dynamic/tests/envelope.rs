//! The MTProto envelope (`msg_container`, `message`, `rpc_result`, `msg_copy`,
//! `gzip_packed`) decoded, shown as TL-JSON and encoded back, and forged envelopes refused
//! with an offset. Bytes are written by hand from the definitions in
//! <https://core.telegram.org/mtproto/service_messages>; gzip streams use stored deflate
//! blocks (RFC 1951 §3.2.4) so that they are written by hand too.
#![cfg(all(feature = "json", feature = "gzip"))]

mod common;

use common::*;
use tlgen_dynamic::{DecodeErrorKind, Envelope, Type, Value};
use tlgen_runtime::GzipError;

const RPC_RESULT: [u8; 4] = 0xf35c_6d01_u32.to_le_bytes();
const CONTAINER: [u8; 4] = 0x73f1_f8dc_u32.to_le_bytes();
const GZIP: [u8; 4] = 0x3072_cfa1_u32.to_le_bytes();

/// `inputPeerUser#dde8a54c user_id:long access_hash:long`.
fn peer(user_id: i64) -> Vec<u8> {
    let mut out = 0xdde8_a54c_u32.to_le_bytes().to_vec();
    out.extend(user_id.to_le_bytes());
    out.extend(9i64.to_le_bytes());
    out
}

/// A gzip member (RFC 1952) holding `content` in one stored deflate block.
fn gzip(content: &[u8]) -> Vec<u8> {
    let len = content.len() as u16;
    let mut out = vec![0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 255];
    out.push(1); // BFINAL, BTYPE 00
    out.extend(len.to_le_bytes());
    out.extend((!len).to_le_bytes());
    out.extend(content);
    out.extend(crc32fast::hash(content).to_le_bytes());
    out.extend((content.len() as u32).to_le_bytes());
    out
}

fn packed(stream: &[u8]) -> Vec<u8> {
    let mut out = GZIP.to_vec();
    assert!(stream.len() < 254);
    out.push(stream.len() as u8);
    out.extend(stream);
    while out.len() % 4 != 0 {
        out.push(0);
    }
    out
}

fn rpc_result(req_msg_id: i64, result: &[u8]) -> Vec<u8> {
    let mut out = RPC_RESULT.to_vec();
    out.extend(req_msg_id.to_le_bytes());
    out.extend(result);
    out
}

fn message(msg_id: i64, seqno: i32, body: &[u8]) -> Vec<u8> {
    let mut out = msg_id.to_le_bytes().to_vec();
    out.extend(seqno.to_le_bytes());
    out.extend((body.len() as i32).to_le_bytes());
    out.extend(body);
    out
}

fn container(messages: &[Vec<u8>]) -> Vec<u8> {
    let mut out = CONTAINER.to_vec();
    out.extend((messages.len() as i32).to_le_bytes());
    for m in messages {
        out.extend(m);
    }
    out
}

#[test]
fn a_container_of_a_packed_rpc_result_reads_as_tl_json() {
    let s = schema();
    let answer = rpc_result(5, &packed(&gzip(&peer(42))));
    let bytes = container(&[
        message(7, 1, &answer),
        message(8, 2, &0x9972_75b5_u32.to_le_bytes()),
    ]);
    let value = s.decode(&bytes).unwrap();
    let json = s.to_json_string(&value, false).unwrap();
    let expected = format!(
        r#"{{"_":"msg_container","messages":[{{"_":"message","msg_id":"7","seqno":1,"bytes":{},"body":{{"_":"rpc_result","req_msg_id":"5","result":{{"_":"inputPeerUser","user_id":"42","access_hash":"9"}}}}}},{{"_":"message","msg_id":"8","seqno":2,"bytes":4,"body":true}}]}}"#,
        answer.len()
    );
    assert_eq!(json, expected);

    // Back: the packed result is written unpacked, and `bytes` follows.
    let back = s.from_json_str(&json, &Type::OBJECT).unwrap();
    let unpacked = container(&[
        message(7, 1, &rpc_result(5, &peer(42))),
        message(8, 2, &0x9972_75b5_u32.to_le_bytes()),
    ]);
    assert_eq!(s.encode(&back).unwrap(), unpacked);
    assert_eq!(s.encode(&s.decode(&unpacked).unwrap()).unwrap(), unpacked);
}

#[test]
fn gzip_packed_has_an_explicit_raw_form() {
    let s = schema();
    let stream = gzip(&peer(1));
    let json = format!(
        r#"{{"_":"rpc_result","req_msg_id":"3","result":{{"_":"gzip_packed","packed_data":"{}"}}}}"#,
        base64(&stream)
    );
    let value = s.from_json_str(&json, &Type::OBJECT).unwrap();
    let Value::Envelope(envelope) = &value else {
        panic!("{value:?}")
    };
    assert!(matches!(
        &**envelope,
        Envelope::RpcResult { req_msg_id: 3, .. }
    ));
    let bytes = s.encode(&value).unwrap();
    assert_eq!(bytes, rpc_result(3, &packed(&stream)));
    // Decoding unpacks it.
    let json = s.to_json_string(&s.decode(&bytes).unwrap(), false).unwrap();
    assert_eq!(
        json,
        r#"{"_":"rpc_result","req_msg_id":"3","result":{"_":"inputPeerUser","user_id":"1","access_hash":"9"}}"#
    );
}

#[test]
fn a_packed_object_stands_for_any_object_field() {
    let s = schema();
    // invokeWithLayer#da9b0d0d layer:int query:!X, with a packed query.
    let mut call = 0xda9b_0d0d_u32.to_le_bytes().to_vec();
    call.extend(230i32.to_le_bytes());
    let mut get_peer = 5u32.to_le_bytes().to_vec();
    get_peer.extend(peer(4));
    call.extend(packed(&gzip(&get_peer)));
    let json = s.to_json_string(&s.decode(&call).unwrap(), false).unwrap();
    assert!(
        json.contains(r#""query":{"_":"getPeer","peer":{"_":"inputPeerUser""#),
        "{json}"
    );
}

#[test]
fn hostile_envelopes_fail_with_offsets() {
    let s = schema();
    let kind = |bytes: &[u8]| {
        let err = s.decode(bytes).unwrap_err();
        (err.offset(), err.kind().unwrap().clone())
    };
    // `bytes` past the end, not a multiple of 4, and shorter than the body.
    let body = peer(1);
    for lie in [24 + 4, 22, -4] {
        let mut m = message(1, 1, &body);
        m[12..16].copy_from_slice(&i32::to_le_bytes(lie));
        let (at, k) = kind(&container(&[m]));
        assert_eq!(at, 8 + 12, "{lie}");
        assert!(
            matches!(k, DecodeErrorKind::InvalidLength { .. }),
            "{lie}: {k:?}"
        );
    }
    let mut m = message(1, 1, &body);
    m.extend([0; 4]);
    m[12..16].copy_from_slice(&24i32.to_le_bytes());
    assert_eq!(
        kind(&container(&[m])),
        (8 + 16 + 20, DecodeErrorKind::TrailingBytes { count: 4 })
    );
    // A million messages.
    let mut bytes = container(&[message(1, 1, &body)]);
    bytes[4..8].copy_from_slice(&1_000_000i32.to_le_bytes());
    assert_eq!(
        kind(&bytes),
        (4, DecodeErrorKind::InvalidLength { len: 1_000_000 })
    );
    // A container in a container.
    let inner = container(&[message(1, 1, &body)]);
    let (at, k) = kind(&container(&[message(2, 1, &inner)]));
    assert_eq!(at, 8 + 16);
    assert!(matches!(
        k,
        DecodeErrorKind::UnexpectedConstructor {
            id: 0x73f1_f8dc,
            ..
        }
    ));
    // gzip in gzip, directly and deeper down.
    let twice = packed(&gzip(&packed(&gzip(&body))));
    assert_eq!(kind(&twice), (0, DecodeErrorKind::Gzip(GzipError::Nested)));
    let deeper = packed(&gzip(&rpc_result(1, &packed(&gzip(&body)))));
    assert_eq!(
        kind(&deeper),
        (12, DecodeErrorKind::Gzip(GzipError::Nested))
    );
    // A bad checksum, at the trailer.
    let mut stream = gzip(&body);
    let trailer = stream.len() - 8;
    stream[trailer] ^= 1;
    assert_eq!(
        kind(&packed(&stream)),
        (5 + trailer, DecodeErrorKind::Gzip(GzipError::Checksum))
    );
    // A truncated stream.
    let (_, k) = kind(&packed(&gzip(&body)[..20]));
    assert_eq!(k, DecodeErrorKind::Gzip(GzipError::Truncated));
}

#[test]
fn nesting_counts_against_the_depth_limit() {
    let s = schema();
    let mut bytes = 0x9972_75b5_u32.to_le_bytes().to_vec();
    for i in 0..10_000 {
        bytes = rpc_result(i, &bytes);
    }
    let err = s.decode(&bytes).unwrap_err();
    assert!(
        matches!(err.kind(), Some(DecodeErrorKind::TooDeep { .. })),
        "{err}"
    );
    let mut bytes = 0x9972_75b5_u32.to_le_bytes().to_vec();
    for i in 0..100 {
        bytes = container(&[message(i, 0, &rpc_result(i, &bytes))]);
        bytes = rpc_result(i, &bytes);
    }
    // A container inside a container, with an `rpc_result` between them, breaks the envelope
    // rules before the depth limit is reached: at the second container's id.
    let err = s.decode(&bytes).unwrap_err();
    assert_eq!(
        (err.offset(), err.kind().unwrap().clone()),
        (
            60,
            DecodeErrorKind::UnexpectedConstructor {
                id: 0x73f1_f8dc,
                expected: "a message body (containers do not nest)"
            }
        )
    );
}

/// Standard base64 with padding.
fn base64(data: &[u8]) -> String {
    const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::new();
    for chunk in data.chunks(3) {
        let n = chunk
            .iter()
            .enumerate()
            .fold(0u32, |n, (i, b)| n | u32::from(*b) << (16 - 8 * i));
        for i in 0..4 {
            if i <= chunk.len() {
                out.push(ALPHABET[(n >> (18 - 6 * i) & 63) as usize] as char);
            } else {
                out.push('=');
            }
        }
    }
    out
}
