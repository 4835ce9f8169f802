//! The `borrowed` module: twins of the types and enums that hold strings or byte strings,
//! decoded without copying them (`&'a str`, `&'a [u8]` into the input).
//!
//! Only types that borrow get a twin; the others are used as they are (see [`Borrows`]).
//! The twins share the owned emitters: [`Context::borrowed`] switches `rust_type`, `decode`,
//! the docs and the impl headers.

use proc_macro2::TokenStream;
use quote::quote;

use crate::emit::{Context, Items};
use crate::model::naming;
use crate::model::{Borrows, Item, ItemResult, MissingItem, Ty};

impl Context<'_> {
    /// The `borrowed` module: `pub mod types { … } pub mod enums { … }`.
    pub fn borrowed_module(&self) -> Result<TokenStream, MissingItem> {
        let borrows = &self.ir.borrows;
        let cx = self.in_borrowed(borrows);
        let types = cx
            .namespaced(
                self.ir
                    .constructors
                    .iter()
                    .enumerate()
                    .filter(|&(i, _)| borrows.constructors[i])
                    .map(|(i, c)| (i, c.path.clone())),
                |i, depth| cx.constructor(i, &self.ir.constructors[i], depth),
            )?
            .kept;
        let enums = cx
            .namespaced(
                self.ir
                    .enums
                    .iter()
                    .enumerate()
                    .filter(|&(i, _)| borrows.enums[i])
                    .map(|(i, e)| (i, e.path.clone())),
                |i, depth| Ok(cx.boxed_type(i, depth)),
            )?
            .kept;
        Ok(quote! {
            /// One struct per constructor that holds a string or byte string.
            pub mod types { #types }
            /// One enum per boxed type that holds a string or byte string.
            #[allow(clippy::large_enum_variant, clippy::enum_variant_names)]
            pub mod enums { #enums }
        })
    }

    /// A context that emits borrowed types: no serde, no optional parts.
    fn in_borrowed<'b>(&'b self, borrows: &'b Borrows) -> Context<'b> {
        Context {
            ir: self.ir,
            rt: self.rt.clone(),
            serde_derive: quote!(),
            serde_via: None,
            errors_gate: None,
            errors_feature: None,
            method_errors_gate: None,
            typed_method_errors: false,
            object_gate: None,
            conversions_gate: None,
            partial_eq: None,
            borrowed: Some(borrows),
            borrowed_returns: None,
            type_uses: Vec::new(),
            binary: true,
            json: None,
            split: false,
            part: self.part,
            types_crate: quote!(),
        }
    }

    /// `impl RemoteCallBorrowed` for a function, behind the `borrowed` module's gate: its
    /// return type's borrowed twin (the owned type when that borrows nothing, the query's for
    /// a generic function) and the matching decoder.
    pub(super) fn remote_call_borrowed(
        &self,
        item: &Item,
        depth: usize,
    ) -> Result<Items, MissingItem> {
        let mut items = Items::default();
        let (Some((gate, borrows)), ItemResult::Function(ret)) =
            (&self.borrowed_returns, &item.result)
        else {
            return Ok(items);
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
        let Some(ty) = self.ir.borrowed_return(item)? else {
            return Ok(items);
        };
        let ty = ty.relative(depth);
        let body = match ret {
            Ty::Generic(g) => {
                let g = naming::ident(g);
                quote!(#g::decode_response_borrowed(bytes))
            }
            ty if borrows.ty(ty) => quote!(#rt::decode_response_borrowed(bytes)),
            _ => quote!(<Self as #rt::RemoteCall>::decode_response(bytes)),
        };
        items.gated(
            gate,
            quote! {
                impl #params #rt::RemoteCallBorrowed for #name #args {
                    type BorrowedReturn<'a> = #ty;
                    #[inline]
                    fn decode_response_borrowed(
                        bytes: &[u8],
                    ) -> #rt::Result<Result<Self::BorrowedReturn<'_>, #rt::RpcError>> {
                        #body
                    }
                }
            },
        );
        Ok(items)
    }
}
