//! Decodes arbitrary bytes as a `tlgen_types::Object` (any boxed constructor or function).
//!
//! Run with `cargo +nightly fuzz run decode_object` from `generated/`.
//!
//! Decoding must never panic, overflow the stack or allocate more than the input
//! justifies. When the input decodes, its re-encoding must decode again to the same
//! encoding. The re-encoding need not equal the input itself: the decoder accepts a few
//! non-canonical forms that encode canonically (flag bits no field uses, non-zero padding
//! bytes, the long length form for a short string), so it is only checked to be no longer
//! than the input; the canonical form (the re-encoding) must round-trip byte-exactly.
#![no_main]

use libfuzzer_sys::fuzz_target;
use tlgen_types::{Deserializable, Object, Serializable};

fuzz_target!(|data: &[u8]| {
    let Ok(object) = Object::from_bytes(data) else {
        return;
    };
    let encoded = object.to_bytes();
    assert!(
        encoded.len() <= data.len(),
        "re-encoding is longer than the input"
    );
    let again = Object::from_bytes(&encoded).expect("the re-encoding decodes");
    assert_eq!(again.to_bytes(), encoded, "re-encoding is not stable");
});
