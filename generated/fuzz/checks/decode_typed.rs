//! Any bytes, decoded as the types a client decodes most (`Updates`, `messages.Messages`,
//! `Vector<User>`, and any boxed value as `Object`), by every decoder of this repository:
//!
//! - owned and borrowed decoding agree: the same error (offset and kind), or values with the
//!   same `Debug` text that encode to the same bytes;
//! - whatever decodes re-encodes to bytes that decode and encode to themselves again;
//! - the schema-driven decoder of `tlgen-dynamic` accepts exactly what the generated types
//!   accept, and encodes it to the same bytes. Where the two differ by design, only the
//!   encodings are compared: an input that starts with a `gzip_packed` (`decode_as` unpacks
//!   around any type, a generated `from_bytes` does not), one holding an envelope id
//!   (`tlgen-dynamic` reads `msg_container`, `rpc_result` and `msg_copy` as objects, the
//!   generated `Object` does not know them), and nesting refused as too deep (each counts
//!   levels its own way).
//!
//! Run with `cargo +nightly fuzz run decode_typed` from `generated/`; seeds:
//! `cargo run -p tl-bench --release --example fuzz_seeds -- generated/fuzz/corpus/decode_typed`
//! (the benchmark corpus). The first byte chooses the type; the rest is the input. No decoder may panic, abort,
//! overflow the stack or allocate more than the input can justify (libFuzzer's
//! `-rss_limit_mb` and `-malloc_limit_mb` catch that).

use std::fmt::Debug;
use std::sync::OnceLock;

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
) -> Result<Vec<u8>, DecodeError>
where
    O: Debug + Serializable,
    B: Debug + Serializable,
{
    match (owned(bytes), borrowed(bytes)) {
        (Err(o), Err(b)) => {
            assert_eq!(o, b, "owned and borrowed fail differently");
            assert!(o.offset() <= bytes.len(), "error offset past the input");
            Err(o)
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
            Ok(encoded)
        }
        (Ok(_), Err(e)) => panic!("owned decodes, borrowed fails with {e}"),
        (Err(e), Ok(_)) => panic!("borrowed decodes, owned fails with {e}"),
    }
}

/// Whether `bytes`, read as `ty`, hold something the generated types and `tlgen-dynamic` read
/// differently by design (see the module docs).
fn differs_by_design(bytes: &[u8], ty: &str) -> bool {
    const ENVELOPE: [u32; 3] = [0x73f1_f8dc, 0xf35c_6d01, 0xe060_46b2];
    let packed = bytes.get(..4) == Some(&0x3072_cfa1_u32.to_le_bytes()[..]);
    (packed && ty != "Object")
        || bytes
            .windows(4)
            .any(|w| ENVELOPE.iter().any(|id| w == id.to_le_bytes()))
}

/// Whether an error message is a refusal of nesting too deep (each decoder counts levels its
/// own way).
fn too_deep(message: &str) -> bool {
    message.contains("nesting deeper than")
}

/// The generated decoder's outcome `ours` and `tlgen-dynamic`'s on `bytes` as `ty` agree:
/// both refuse, or both accept and encode the same bytes.
fn dynamic_agrees(bytes: &[u8], ty: &str, ours: Result<Vec<u8>, DecodeError>) {
    let schema = dynamic();
    let by_design = differs_by_design(bytes, ty);
    let ty = schema.parse_type(ty).expect("a type of the schema");
    match (ours, schema.decode_as(bytes, &ty)) {
        (Ok(ours), Ok(value)) => {
            let theirs = schema
                .encode_as(&value, &ty)
                .expect("a decoded value encodes");
            assert_eq!(ours, theirs, "tlgen-dynamic encodes differently");
        }
        (Err(_), Err(_)) => {}
        (Ok(_), Err(e)) if !by_design && !too_deep(&e.to_string()) => {
            panic!("the generated types accept, tlgen-dynamic refuses: {e}")
        }
        (Err(e), Ok(_)) if !by_design && !too_deep(&e.to_string()) => {
            panic!("tlgen-dynamic accepts, the generated types refuse: {e}")
        }
        _ => {}
    }
}

/// The target: panics when an invariant does not hold.
pub fn check(data: &[u8]) {
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
            let ours = Object::from_bytes(bytes).map(|object| {
                let encoded = object.to_bytes();
                let again = Object::from_bytes(&encoded).expect("a re-encoding decodes");
                assert_eq!(again.to_bytes(), encoded, "re-encoding is not stable");
                encoded
            });
            dynamic_agrees(bytes, "Object", ours);
        }
    }
}
