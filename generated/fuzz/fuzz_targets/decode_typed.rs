//! Any bytes, decoded as the types a client decodes most (`Updates`, `messages.Messages`,
//! `Vector<User>`, and any boxed value as `Object`), by every decoder of this repository:
//!
//! - owned and borrowed decoding agree: the same error (offset and kind), or values with the
//!   same `Debug` text that encode to the same bytes;
//! - whatever decodes re-encodes to bytes that decode and encode to themselves again;
//! - the schema-driven decoder of `tlgen-dynamic` encodes what it decodes to the same bytes as
//!   the generated types when both accept the input.
//!
//! Run with `cargo +nightly fuzz run decode_typed` from `generated/`; seeds:
//! `cargo run -p tl-bench --release --example fuzz_seeds -- generated/fuzz/corpus/decode_typed`
//! (the benchmark corpus). The first byte chooses the type; the rest is the input. No decoder may panic, abort,
//! overflow the stack or allocate more than the input can justify (libFuzzer's
//! `-rss_limit_mb` and `-malloc_limit_mb` catch that).

#![no_main]

use std::fmt::Debug;
use std::sync::OnceLock;

use libfuzzer_sys::fuzz_target;
use tlgen_types::{
    borrowed, enums, DecodeError, Deserializable, DeserializableBorrowed, Object, Serializable,
};

/// Layer 230 for `tlgen-dynamic`, built once.
fn dynamic() -> &'static tlgen_dynamic::Schema {
    static SCHEMA: OnceLock<tlgen_dynamic::Schema> = OnceLock::new();
    SCHEMA.get_or_init(|| {
        tlgen_dynamic::Schema::from_sources(&[
            include_str!("../../../schema/api.tl"),
            include_str!("../../../schema/mtproto.tl"),
        ])
        .expect("the repository's schema")
    })
}

/// Owned and borrowed decoding of `bytes` agree; returns the owned encoding if it decoded.
fn agree<'b, O, B>(
    bytes: &'b [u8],
    owned: fn(&[u8]) -> Result<O, DecodeError>,
    borrowed: fn(&'b [u8]) -> Result<B, DecodeError>,
) -> Option<Vec<u8>>
where
    O: Debug + Serializable,
    B: Debug + Serializable,
{
    match (owned(bytes), borrowed(bytes)) {
        (Err(o), Err(b)) => {
            assert_eq!(o, b, "owned and borrowed fail differently");
            assert!(o.offset() <= bytes.len(), "error offset past the input");
            None
        }
        (Ok(o), Ok(b)) => {
            assert_eq!(format!("{o:?}"), format!("{b:?}"), "different values");
            let encoded = o.to_bytes();
            assert_eq!(
                encoded,
                b.to_bytes(),
                "owned and borrowed encode differently"
            );
            let again = owned(&encoded).expect("a re-encoding decodes");
            assert_eq!(again.to_bytes(), encoded, "re-encoding is not stable");
            Some(encoded)
        }
        (Ok(_), Err(e)) => panic!("owned decodes, borrowed fails with {e}"),
        (Err(e), Ok(_)) => panic!("borrowed decodes, owned fails with {e}"),
    }
}

/// When both the generated decoder and `tlgen-dynamic` accept `bytes` as `ty`, they encode
/// the same bytes.
fn dynamic_agrees(bytes: &[u8], ty: &str, ours: Option<Vec<u8>>) {
    let schema = dynamic();
    let ty = schema.parse_type(ty).expect("a type of the schema");
    if let (Some(ours), Ok(value)) = (ours, schema.decode_as(bytes, &ty)) {
        let theirs = schema
            .encode_as(&value, &ty)
            .expect("a decoded value encodes");
        assert_eq!(ours, theirs, "tlgen-dynamic encodes differently");
    }
}

fuzz_target!(|data: &[u8]| {
    let Some((&selector, bytes)) = data.split_first() else {
        return;
    };
    match selector % 4 {
        0 => {
            let ours = agree(
                bytes,
                enums::Updates::from_bytes,
                borrowed::enums::Updates::from_bytes_borrowed,
            );
            dynamic_agrees(bytes, "Updates", ours);
        }
        1 => {
            let ours = agree(
                bytes,
                enums::messages::Messages::from_bytes,
                borrowed::enums::messages::Messages::from_bytes_borrowed,
            );
            dynamic_agrees(bytes, "messages.Messages", ours);
        }
        2 => {
            let ours = agree(
                bytes,
                Vec::<enums::User>::from_bytes,
                Vec::<borrowed::enums::User>::from_bytes_borrowed,
            );
            dynamic_agrees(bytes, "Vector<User>", ours);
        }
        _ => {
            if let Ok(object) = Object::from_bytes(bytes) {
                let encoded = object.to_bytes();
                let again = Object::from_bytes(&encoded).expect("a re-encoding decodes");
                assert_eq!(again.to_bytes(), encoded, "re-encoding is not stable");
                if let Ok(value) = dynamic().decode(bytes) {
                    let theirs = dynamic().encode(&value).expect("a decoded value encodes");
                    assert_eq!(encoded, theirs, "tlgen-dynamic encodes differently");
                }
            }
        }
    }
});
