//! The `borrowed` module: twins of the types and enums that hold strings or byte strings,
//! decoded without copying them (`&'a str`, `&'a [u8]` into the input).
//!
//! Only types that borrow get a twin; the others are used as they are (see [`Borrows`]).
//! The twins share the owned emitters: [`Context::borrowed`] switches `rust_type`, `decode`,
//! the docs and the impl headers.

use proc_macro2::TokenStream;
use quote::quote;

use crate::emit::Context;
use crate::ir::{Ir, Item, ItemResult, Ty};
use crate::naming;

/// Which constructors and boxed types hold a `string` or `bytes` somewhere inside.
#[derive(Debug)]
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
        let cx = self.in_borrowed(&borrows);
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

    /// A context that emits borrowed types: no serde, no optional parts.
    fn in_borrowed<'b>(&'b self, borrows: &'b Borrows) -> Context<'b> {
        Context {
            ir: self.ir,
            rt: self.rt.clone(),
            serde_derive: quote!(),
            serde_via: None,
            errors_gate: None,
            object_gate: None,
            conversions_gate: None,
            borrowed: Some(borrows),
            borrowed_returns: None,
        }
    }

    /// `impl RemoteCallBorrowed` for a function, behind the `borrowed` module's gate: its
    /// return type's borrowed twin (the owned type when that borrows nothing, the query's for
    /// a generic function) and the matching decoder.
    pub(super) fn remote_call_borrowed(&self, item: &Item, depth: usize) -> TokenStream {
        let (Some((gate, borrows)), ItemResult::Function(ret)) =
            (&self.borrowed_returns, &item.result)
        else {
            return quote!();
        };
        let rt = &self.rt;
        let name = naming::ident(&item.path.name);
        let generics: Vec<_> = item.generics.iter().map(|g| naming::ident(g)).collect();
        let (params, args) = if generics.is_empty() {
            (quote!(), quote!())
        } else {
            (
                quote!(<#(#generics: #rt::RemoteCallBorrowed),*>),
                quote!(<#(#generics),*>),
            )
        };
        let (ty, body) = match ret {
            Ty::Generic(g) => {
                let g = naming::ident(g);
                (
                    quote!(#g::BorrowedReturn<'a>),
                    quote!(#g::decode_response_borrowed(bytes)),
                )
            }
            ty if borrows.ty(ty) => (
                self.in_borrowed(borrows).rust_type(ty, depth),
                quote!(#rt::decode_response_borrowed(bytes)),
            ),
            ty => (
                self.rust_type(ty, depth),
                quote!(<Self as #rt::RemoteCall>::decode_response(bytes)),
            ),
        };
        quote! {
            #gate
            impl #params #rt::RemoteCallBorrowed for #name #args {
                type BorrowedReturn<'a> = #ty;
                #[inline]
                fn decode_response_borrowed(
                    bytes: &[u8],
                ) -> #rt::Result<Result<Self::BorrowedReturn<'_>, #rt::RpcError>> {
                    #body
                }
            }
        }
    }
}
