//! Rust types, encode statements and decode expressions for one TL type.
//!
//! Most types go through the runtime's `Serializable` / `Deserializable` traits; bare
//! constructors use the `Bare*` traits, and vectors of those go through the runtime's
//! `vector` functions with a closure for the element.

use proc_macro2::TokenStream;
use quote::quote;

use crate::emit::Context;
use crate::model::{Twin, Ty};

impl Context<'_> {
    /// Whether this context emits owned or borrowed code.
    pub fn twin(&self) -> Twin {
        if self.borrowed.is_some() {
            Twin::Borrowed
        } else {
            Twin::Owned
        }
    }

    /// A statement writing `value` (an expression of type `&T`) to `out`.
    pub fn encode(&self, ty: &Ty, value: TokenStream) -> TokenStream {
        let rt = &self.rt;
        match ty {
            Ty::True => quote!(),
            Ty::Bare(_) => quote!(#rt::BareSerializable::serialize_bare(#value, out);),
            Ty::Vector { bare, elem } if *bare || !uses_traits(elem) => {
                let item = self.encode(elem, quote!(item));
                let write = if *bare {
                    quote!(write_bare_vector)
                } else {
                    quote!(write_vector)
                };
                quote!(#rt::__private::#write(out, #value, |item, out| { #item });)
            }
            _ => quote!(#rt::Serializable::serialize(#value, out);),
        }
    }

    /// An expression of type `Result<T>` reading one `T` from `r`: with the owned traits, or
    /// the borrowed ones for a type that borrows.
    pub fn decode(&self, ty: &Ty) -> TokenStream {
        let rt = &self.rt;
        let borrows = self.borrowed.is_some_and(|b| b.ty(ty));
        match ty {
            Ty::Bare(_) if borrows => {
                quote!(#rt::BareDeserializableBorrowed::deserialize_bare_borrowed(r))
            }
            Ty::Bare(_) => quote!(#rt::BareDeserializable::deserialize_bare(r)),
            Ty::Vector { bare, elem } if *bare || !uses_traits(elem) => {
                let item = self.decode(elem);
                let read = if *bare {
                    quote!(read_bare_vector)
                } else {
                    quote!(read_vector)
                };
                quote!(#rt::__private::#read(r, |r| #item))
            }
            _ if borrows => quote!(#rt::DeserializableBorrowed::deserialize_borrowed(r)),
            _ => quote!(#rt::Deserializable::deserialize(r)),
        }
    }
}

/// Whether the type's encoding is exactly its trait implementation (no bare parts).
fn uses_traits(ty: &Ty) -> bool {
    match ty {
        Ty::Bare(_) | Ty::True => false,
        Ty::Vector { bare, elem } => !bare && uses_traits(elem),
        _ => true,
    }
}
