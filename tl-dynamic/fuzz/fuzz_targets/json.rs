//! Any text as canonical TL-JSON of layer 230: reading it is a `ValueError` with a JSON
//! path or a value, never a panic; a value that is read encodes, decodes back to the same
//! value and prints as JSON that reads back to it again.
//!
//! Run with `cargo +nightly fuzz run json` from `tl-dynamic/`; seeds: JSON printed by
//! `tl-codegen decode` (e.g. of the benchmark corpus).

#![no_main]

use std::sync::OnceLock;

use libfuzzer_sys::fuzz_target;
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

fuzz_target!(|data: &[u8]| {
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
    let decoded = schema.decode(&bytes).expect("encoded bytes decode");
    assert_eq!(schema.encode(&decoded).expect("re-encodes"), bytes);
    let json = schema
        .to_json_string(&decoded, false)
        .expect("prints as JSON");
    let again = schema
        .from_json_str(&json, &Type::OBJECT)
        .expect("printed JSON reads back");
    assert_eq!(schema.encode(&again).expect("re-encodes"), bytes);
});
