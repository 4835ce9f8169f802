//! UTF-8 validation of TL strings.
//!
//! With the `simd-utf8` feature (on by default) strings are checked by `simdutf8`, which
//! validates 64 bytes per step with SIMD instructions (AVX2, SSE 4.2 or NEON, chosen at run
//! time); without it, by the standard library's `core::str::from_utf8`. Both accept exactly
//! the valid UTF-8 of the Unicode standard, so the feature changes speed, never results.

/// The block size of `simdutf8`: shorter inputs take its scalar path (the standard library's).
#[cfg(feature = "simd-utf8")]
const BLOCK: usize = 64;

/// `bytes` as text, or `None` if it is not valid UTF-8.
#[inline]
pub(crate) fn to_str(bytes: &[u8]) -> Option<&str> {
    #[cfg(feature = "simd-utf8")]
    {
        simdutf8::basic::from_utf8(bytes).ok()
    }
    #[cfg(not(feature = "simd-utf8"))]
    {
        core::str::from_utf8(bytes).ok()
    }
}

/// `bytes` as an owned `String` of exactly its length, or `None` if it is not valid UTF-8.
#[inline]
pub(crate) fn to_string(bytes: &[u8]) -> Option<String> {
    #[cfg(feature = "simd-utf8")]
    if bytes.len() < BLOCK {
        return short_to_string(bytes);
    }
    to_str(bytes).map(str::to_owned)
}

/// [`to_string`] for fewer than [`BLOCK`] bytes, which make most strings: they are copied
/// into a zero-padded block, so that the SIMD path checks them in one step, and the text is
/// owned from that copy. The padding cannot turn invalid text valid (a sequence cut short
/// stays cut short before a zero byte) nor valid text invalid (zeros are ASCII), and the end
/// of `bytes` is then a character boundary of the block's text.
#[cfg(feature = "simd-utf8")]
#[inline]
fn short_to_string(bytes: &[u8]) -> Option<String> {
    let mut block = [0_u8; BLOCK];
    block.get_mut(..bytes.len())?.copy_from_slice(bytes);
    let text = simdutf8::basic::from_utf8(&block).ok()?;
    text.get(..bytes.len()).map(str::to_owned)
}
