//! The `borrowed` module: twins of the types and enums that hold strings or byte strings,
//! decoded without copying them (`&'a str`, `&'a [u8]` into the input).
//!
//! Only types that borrow get a twin; the others are used as they are (see [`Borrows`]).
//! The twins share the owned emitters: [`Context::borrowed`] switches `rust_type`, `decode`,
//! the docs and the impl headers.

use proc_macro2::TokenStream;
use quote::quote;

use crate::emit::Context;
use crate::ir::{Ir, Ty};

/// Which constructors and boxed types hold a `string` or `bytes` somewhere inside.
#[derive(Debug, Clone)]
pub struct Borrows {
    /// Per [`Ir::constructors`] index.
    pub constructors: Vec<bool>,
    /// Per [`Ir::enums`] index.
    pub enums: Vec<bool>,
}

impl Borrows {
    /// The least fixed point: a constructor borrows if a field's type does, a boxed type if
    /// one of its constructors does. Generic constructors never do (they stay owned).
    pub fn of(ir: &Ir) -> Borrows {
        let mut borrows = Borrows {
            constructors: vec![false; ir.constructors.len()],
            enums: vec![false; ir.enums.len()],
        };
        loop {
            let mut changed = false;
            for (i, c) in ir.constructors.iter().enumerate() {
                if !borrows.constructors[i]
                    && c.generics.is_empty()
                    && c.fields.iter().any(|f| borrows.ty(&f.ty))
                {
                    borrows.constructors[i] = true;
                    changed = true;
                }
            }
            for (i, e) in ir.enums.iter().enumerate() {
                if !borrows.enums[i] && e.variants.iter().any(|&(_, c)| borrows.constructors[c]) {
                    borrows.enums[i] = true;
                    changed = true;
                }
            }
            if !changed {
                return borrows;
            }
        }
    }

    /// Whether a value of `ty` borrows from the input.
    pub fn ty(&self, ty: &Ty) -> bool {
        match ty {
            Ty::String | Ty::Bytes => true,
            Ty::Vector { elem, .. } => self.ty(elem),
            Ty::Enum(i) => self.enums[*i],
            Ty::Bare(i) => self.constructors[*i],
            _ => false,
        }
    }
}

impl Context<'_> {
    /// The `borrowed` module: `pub mod types { … } pub mod enums { … }`.
    pub fn borrowed_module(&self) -> TokenStream {
        let borrows = Borrows::of(self.ir);
        let cx = Context {
            ir: self.ir,
            rt: self.rt.clone(),
            serde_derive: quote!(),
            serde_via: None,
            errors_gate: None,
            object_gate: None,
            conversions_gate: None,
            borrowed: Some(borrows.clone()),
        };
        let types = cx.namespaced(
            self.ir
                .constructors
                .iter()
                .enumerate()
                .filter(|&(i, _)| borrows.constructors[i])
                .map(|(i, c)| (i, c.path.clone())),
            |i, depth| cx.constructor(&self.ir.constructors[i], depth),
        );
        let enums = cx.namespaced(
            self.ir
                .enums
                .iter()
                .enumerate()
                .filter(|&(i, _)| borrows.enums[i])
                .map(|(i, e)| (i, e.path.clone())),
            |i, depth| cx.boxed_type(&self.ir.enums[i], depth),
        );
        quote! {
            /// One struct per constructor that holds a string or byte string.
            pub mod types { #types }
            /// One enum per boxed type that holds a string or byte string.
            #[allow(clippy::large_enum_variant, clippy::enum_variant_names)]
            pub mod enums { #enums }
        }
    }
}
