//! Decodes arbitrary bytes as a `tlgen_types::Object` (any boxed constructor or function).
//!
//! Decoding must never panic, overflow the stack or allocate more than the input
//! justifies. When the input decodes, its re-encoding must decode again to the same
//! encoding. The re-encoding need not equal the input itself:
//!
//! - the decoder accepts a few non-canonical forms that encode canonically and shorter (flag
//!   bits no field uses, non-zero padding bytes, the long length form for a short string);
//! - a `gzip_packed` decodes as the object it holds, which encodes unpacked: longer than the
//!   packed form, or shorter.
//!
//! So the re-encoding is checked to be no longer than the input only when the input holds
//! no `gzip_packed` id; the canonical form (the re-encoding) must round-trip byte-exactly.

use tlgen_types::{Deserializable, Object, Serializable};

/// `gzip_packed#3072cfa1`, as it is on the wire.
const GZIP_PACKED: [u8; 4] = 0x3072_cfa1_u32.to_le_bytes();

/// The target: panics when an invariant does not hold.
pub fn check(data: &[u8]) {
    let Ok(object) = Object::from_bytes(data) else {
        return;
    };
    let encoded = object.to_bytes();
    if !data.windows(4).any(|w| w == GZIP_PACKED) {
        assert!(
            encoded.len() <= data.len(),
            "re-encoding is longer than the input, which holds no gzip_packed"
        );
    }
    let again = Object::from_bytes(&encoded).expect("the re-encoding decodes");
    assert_eq!(again.to_bytes(), encoded, "re-encoding is not stable");
}
