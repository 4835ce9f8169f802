//! UTF-8 validation of TL strings.
//!
//! With the `simd-utf8` feature (on by default) strings are checked by `simdutf8`, which
//! validates 32 or 64 bytes per step with SIMD instructions (AVX2, SSE 4.2 or NEON, chosen at
//! run time); without it, by the standard library's `core::str::from_utf8`. Both accept exactly
//! the valid UTF-8 of the Unicode standard, so the feature changes speed, never results.

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
