//! Any text as canonical TL-JSON of layer 230: reading it is a `ValueError` with a JSON
//! path or a value, never a panic. What holds of a value that is read and encodes:
//!
//! - its bytes decode, or fail with a `DecodeError`: JSON can spell what the wire rules
//!   refuse (a raw `gzip_packed` whose data is not gzip, a container inside a container,
//!   1,025 messages), and the encoder writes it as given;
//! - what decodes is canonical after one round: its encoding decodes and encodes to itself
//!   (decode → encode is the identity only without a `gzip_packed`, which decoding unpacks,
//!   and without an `unknown` object, which may hold one);
//! - it prints as JSON that reads back to a value with the same encoding.
//!
//! Seeds: `seeds/json` (TL-JSON printed by `tl-codegen decode`, envelopes and packed
//! objects included).

use std::sync::OnceLock;

use tlgen_dynamic::{Schema, Type};

fn schema() -> &'static Schema {
    static SCHEMA: OnceLock<Schema> = OnceLock::new();
    SCHEMA.get_or_init(|| {
        Schema::from_sources(&[
            include_str!("../../../schema/api.tl"),
            include_str!("../../../schema/mtproto.tl"),
        ])
        .expect("the repository's schema")
    })
}

/// The target: panics when an invariant does not hold.
pub fn check(data: &[u8]) {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let schema = schema();
    let Ok(value) = schema.from_json_str(text, &Type::OBJECT) else {
        return;
    };
    let Ok(bytes) = schema.encode(&value) else {
        return;
    };
    let Ok(decoded) = schema.decode(&bytes) else {
        return;
    };
    let canonical = schema.encode(&decoded).expect("a decoded value encodes");
    // An `unknown` object may carry any id, `gzip_packed`'s included.
    if !text.contains("gzip_packed") && !text.contains("unknown") {
        assert_eq!(
            canonical, bytes,
            "decode → encode changed bytes without gzip_packed"
        );
    }
    let again = schema
        .decode(&canonical)
        .expect("a canonical encoding decodes");
    assert_eq!(
        schema.encode(&again).expect("re-encodes"),
        canonical,
        "the canonical encoding is not stable"
    );
    let json = schema
        .to_json_string(&decoded, false)
        .expect("prints as JSON");
    let read = schema
        .from_json_str(&json, &Type::OBJECT)
        .expect("printed JSON reads back");
    assert_eq!(schema.encode(&read).expect("re-encodes"), canonical);
}
