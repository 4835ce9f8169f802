//! How a generated struct's fields print in `Debug`: TL's `int128` and `int256` as hex.
//!
//! `int128`/`int256` are `[u8; 16]`/`[u8; 32]` (nonces, hashes, keys), which a derived
//! `Debug` prints as 16 or 32 decimal numbers. A struct holding one implements `Debug` by
//! hand instead, with the same layout as the derive (`debug_struct`, the fields in order)
//! and those fields wrapped in the runtime's `debug::Hex` (lowercase hex in wire order).
//! Every other struct keeps `#[derive(Debug)]`. The model decides each field's
//! [`DebugView`] here; the struct emitter only renders it.

use crate::model::{RustType, Signature};

/// How one field (or a part of it) prints in a hand-written `Debug`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DebugView {
    /// No byte array inside: its own `Debug`, as derived.
    Plain,
    /// A byte array, or byte arrays in `Option`, `Vec` and `Box` only (`flags.0?int128`,
    /// `(vector int256)`): the runtime's `debug::Hex` formats the whole value.
    Hex,
    /// An `Option` of something mixed ([`DebugView::Tuple`]): `None`, or `Some` of the
    /// inner view.
    Option(Box<DebugView>),
    /// A tuple (the params sharing a flag bit, nested in chunks when many) with a byte
    /// array among its members: each member in its own view.
    Tuple(Vec<DebugView>),
}

impl RustType {
    /// How a value of this type prints in `Debug` (see the [module docs](self)).
    ///
    /// A `Vec` or `Box` of a mixed tuple, which the model never makes (tuples appear only
    /// as the `Option` of a shared flag bit), prints as derived.
    pub fn debug_view(&self) -> DebugView {
        match self {
            RustType::ByteArray(_) => DebugView::Hex,
            RustType::Vec(t) | RustType::Box(t) => match t.debug_view() {
                DebugView::Hex => DebugView::Hex,
                _ => DebugView::Plain,
            },
            RustType::Option(t) => match t.debug_view() {
                DebugView::Plain => DebugView::Plain,
                DebugView::Hex => DebugView::Hex,
                mixed => DebugView::Option(Box::new(mixed)),
            },
            RustType::Tuple(ts) => {
                let views: Vec<DebugView> = ts.iter().map(RustType::debug_view).collect();
                if views.iter().all(|v| *v == DebugView::Plain) {
                    DebugView::Plain
                } else {
                    DebugView::Tuple(views)
                }
            }
            _ => DebugView::Plain,
        }
    }
}

impl Signature {
    /// Whether the struct implements `Debug` by hand: at least one field does not print
    /// as derived ([`DebugView::Plain`]).
    pub fn hex_debug(&self) -> bool {
        self.fields
            .iter()
            .any(|field| field.ty.debug_view() != DebugView::Plain)
    }
}

#[cfg(test)]
mod tests {
    use super::DebugView::{self, Hex, Plain};
    use crate::model::RustType::{self, ByteArray, Tuple, Vec as V, I32, I64, U8};

    fn option(t: RustType) -> RustType {
        RustType::Option(Box::new(t))
    }

    #[test]
    fn byte_arrays_and_their_containers_are_hex() {
        assert_eq!(ByteArray(16).debug_view(), Hex);
        assert_eq!(option(ByteArray(16)).debug_view(), Hex);
        assert_eq!(V(Box::new(ByteArray(32))).debug_view(), Hex);
        assert_eq!(
            RustType::Box(Box::new(V(Box::new(V(Box::new(ByteArray(32))))))).debug_view(),
            Hex
        );
    }

    #[test]
    fn other_types_are_derived() {
        assert_eq!(I64.debug_view(), Plain);
        // `bytes`: a `Vec<u8>`, not an int128.
        assert_eq!(V(Box::new(U8)).debug_view(), Plain);
        assert_eq!(option(Tuple(vec![I32, I64])).debug_view(), Plain);
    }

    #[test]
    fn shared_bit_tuples_keep_each_member() {
        let ty = option(Tuple(vec![
            ByteArray(16),
            I32,
            Tuple(vec![I64, ByteArray(32)]),
        ]));
        assert_eq!(
            ty.debug_view(),
            DebugView::Option(Box::new(DebugView::Tuple(vec![
                Hex,
                Plain,
                DebugView::Tuple(vec![Plain, Hex]),
            ])))
        );
    }
}
