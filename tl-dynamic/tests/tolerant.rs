//! `decode_tolerant`: an object the schema does not know (another layer's) is kept in place
//! as `{"_":"unknown",…}` and everything around it decodes; offsets name their stream.
#![cfg(all(feature = "json", feature = "gzip"))]

mod common;

use common::*;
use tlgen_dynamic::{DecodeCause, Envelope, Location, Type, Value};

/// `config#330b4067` of layer 108, unknown to the test schema: its id, then the start of its
/// fields (flags, date, expires, test_mode, this_dc).
fn old_config() -> Vec<u8> {
    let mut out = 0x330b_4067_u32.to_le_bytes().to_vec();
    for word in [0u32, 1_600_000_000, 1_600_003_600, 0xbc79_9737, 2] {
        out.extend(word.to_le_bytes());
    }
    out
}

/// A gzip member (RFC 1952) holding `content` in one stored deflate block.
fn gzip(content: &[u8]) -> Vec<u8> {
    let len = content.len() as u16;
    let mut out = vec![0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 255, 1];
    out.extend(len.to_le_bytes());
    out.extend((!len).to_le_bytes());
    out.extend(content);
    out.extend(crc32fast::hash(content).to_le_bytes());
    out.extend((content.len() as u32).to_le_bytes());
    out
}

/// `gzip_packed#3072cfa1 packed_data:bytes`, or the object itself when not `gzip`ped;
/// inside `rpc_result#f35c6d01 req_msg_id:long` and a container's second message.
fn container_with(result: &[u8]) -> Vec<u8> {
    let mut body = 0xf35c_6d01_u32.to_le_bytes().to_vec();
    body.extend(5i64.to_le_bytes());
    body.extend(result);
    let mut out = 0x73f1_f8dc_u32.to_le_bytes().to_vec();
    out.extend(2i32.to_le_bytes());
    // A `boolTrue` body, then the answer.
    for (msg_id, body) in [(7i64, &0x9972_75b5_u32.to_le_bytes()[..]), (8, &body[..])] {
        out.extend(msg_id.to_le_bytes());
        out.extend(1i32.to_le_bytes());
        out.extend((body.len() as i32).to_le_bytes());
        out.extend(body);
    }
    out
}

fn packed(stream: &[u8]) -> Vec<u8> {
    let mut out = 0x3072_cfa1_u32.to_le_bytes().to_vec();
    out.push(stream.len() as u8);
    out.extend(stream);
    while out.len() % 4 != 0 {
        out.push(0);
    }
    out
}

#[test]
fn an_unknown_object_in_a_gzip_is_kept_in_place() {
    let s = schema();
    let bytes = container_with(&packed(&gzip(&old_config())));
    // Without tolerance: one error, its offset in the gzip content at byte 56 (the
    // `gzip_packed` after the container (8), a message (20), a header (16), `rpc_result` (12)).
    let error = s.decode(&bytes).unwrap_err();
    assert_eq!(
        error.location(),
        Location {
            offset: 0,
            gzip_packed: Some(56)
        }
    );
    // The path: the second message's body, its `rpc_result`'s result, the packed content.
    assert_eq!(
        error.to_string(),
        "msg_container.messages[1].body.result.packed_data (Object) at byte 0 of the gzip_packed \
         content at byte 56: unexpected constructor 0x330b4067 for a constructor or function call"
    );
    let decoded = s.decode_tolerant(&bytes, &Type::OBJECT).unwrap();
    let json = s.to_json_string(&decoded.value, false).unwrap();
    assert!(
        json.ends_with(
            r#""body":{"_":"rpc_result","req_msg_id":"5","result":{"_":"unknown","id":"0x330b4067","bytes":"AAAAAAAQXl8QHl5fN5d5vAIAAAA="}}}]}"#
        ),
        "{json}"
    );
    assert!(json.contains(r#""body":true"#), "{json}");
    assert_eq!(decoded.unknown.len(), 1);
    assert_eq!(decoded.unknown[0].id, 0x330b_4067);
    assert_eq!(
        decoded.unknown[0].location.to_string(),
        "byte 0 of the gzip_packed content at byte 56"
    );
    assert_eq!(
        s.unknown_paths(&decoded.value),
        ["$.messages[1].body.result"]
    );
    // The unknown object encodes as its id and bytes, and reads back from its JSON.
    let back = s.from_json_str(&json, &Type::OBJECT).unwrap();
    assert_eq!(back, decoded.value);
    assert_eq!(s.encode(&back).unwrap(), container_with(&old_config()));
}

#[test]
fn an_unknown_result_without_gzip_is_kept_too() {
    let s = schema();
    let bytes = container_with(&old_config());
    let decoded = s.decode_tolerant(&bytes, &Type::OBJECT).unwrap();
    assert_eq!(decoded.unknown[0].location.to_string(), "byte 56");
    let Value::Envelope(container) = &decoded.value else {
        panic!("{:?}", decoded.value)
    };
    let Envelope::Container(messages) = &**container else {
        panic!()
    };
    let Value::Envelope(answer) = &messages[1].body else {
        panic!()
    };
    let Envelope::RpcResult { result, .. } = &**answer else {
        panic!()
    };
    assert_eq!(
        *result,
        Value::Envelope(Box::new(Envelope::Unknown {
            id: 0x330b_4067,
            bytes: old_config()[4..].into()
        }))
    );
    // An input that does not decode at all is still an error.
    let err = s.decode_tolerant(&old_config(), &Type::OBJECT).unwrap_err();
    assert_eq!(err.offset(), 0);
    assert_eq!(
        err.cause(),
        &DecodeCause::UnexpectedConstructor {
            id: 0x330b_4067,
            expected: "a constructor or function call".into(),
        }
    );
}
