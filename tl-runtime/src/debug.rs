//! `Debug` for TL's `int128` and `int256`: lowercase hex in wire order.
//!
//! An `int128` or `int256` is a nonce, a hash or a key — 16 or 32 raw bytes
//! (`[u8; 16]`, `[u8; 32]`), not a number — and the derived `Debug` of a byte array
//! prints 32 decimal numbers. [`Hex`] prints the bytes as they are in the stream, two
//! lowercase hex digits each, without separators: what `xxd -p` shows of the wire and
//! how Telegram's and TON's documentation write them.
//!
//! Generated structs holding such a field implement `Debug` by hand with the field wrapped
//! in [`Hex`]; every shape the generator gives these fields is covered by [`HexDebug`]:
//! the array itself, `Option` (a `flags.N?int128` param), `Vec` (TON's `(vector int256)`),
//! `Box`, and references to them.
//!
//! ```
//! use tlgen_runtime::debug::Hex;
//!
//! let nonce: [u8; 16] = [
//!     0x3e, 0x05, 0x49, 0x82, 0x8c, 0xca, 0x27, 0xe9,
//!     0x66, 0xb3, 0x01, 0xa4, 0x8f, 0xec, 0xe2, 0xfc,
//! ];
//! assert_eq!(format!("{:?}", Hex(&nonce)), "3e0549828cca27e966b301a48fece2fc");
//! assert_eq!(format!("{:?}", Hex(&Some(nonce))), "Some(3e0549828cca27e966b301a48fece2fc)");
//! assert_eq!(format!("{:?}", Hex(&vec![[0xab_u8; 2]; 2])), "[abab, abab]");
//! ```

use core::fmt;

/// A `Debug` adapter: formats the value it borrows with [`HexDebug`].
///
/// `format!("{:?}", Hex(&[0x0f_u8, 0xa0]))` is `0fa0`; see the [module docs](self).
pub struct Hex<'a, T: ?Sized>(pub &'a T);

impl<T: HexDebug + ?Sized> fmt::Debug for Hex<'_, T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.fmt_hex(f)
    }
}

/// What [`Hex`] can format: byte arrays as hex, and the containers generated code puts
/// them in, with the same layout as their derived `Debug` (`Some(…)`, `[…, …]`, which
/// `{:#?}` spreads over lines as usual).
pub trait HexDebug {
    /// Writes `self` to `f`, every byte array as lowercase hex in wire order.
    fn fmt_hex(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result;
}

/// The bytes as two lowercase hex digits each, in order, without separators.
impl<const N: usize> HexDebug for [u8; N] {
    fn fmt_hex(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.as_slice().fmt_hex(f)
    }
}

/// The bytes as two lowercase hex digits each, in order, without separators.
impl HexDebug for [u8] {
    fn fmt_hex(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for byte in self {
            write!(f, "{byte:02x}")?;
        }
        Ok(())
    }
}

/// `None`, or `Some(…)` with the value in hex.
impl<T: HexDebug> HexDebug for Option<T> {
    fn fmt_hex(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Some(value) => f.debug_tuple("Some").field(&Hex(value)).finish(),
            None => f.write_str("None"),
        }
    }
}

/// `[…, …]`, each item in hex.
impl<T: HexDebug> HexDebug for Vec<T> {
    fn fmt_hex(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_list().entries(self.iter().map(Hex)).finish()
    }
}

/// The boxed value, as `Box`'s `Debug` does.
impl<T: HexDebug + ?Sized> HexDebug for Box<T> {
    fn fmt_hex(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        (**self).fmt_hex(f)
    }
}

/// The referenced value, as a reference's `Debug` does.
impl<T: HexDebug + ?Sized> HexDebug for &T {
    fn fmt_hex(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        (**self).fmt_hex(f)
    }
}
