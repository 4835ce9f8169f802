//! Rust types, encode statements and decode expressions for one TL type.
//!
//! Most types go through the runtime's `Serializable` / `Deserializable` traits; bare
//! constructors use the `Bare*` traits, and vectors of those go through the runtime's
//! `vector` functions with a closure for the element.

use proc_macro2::TokenStream;
use quote::quote;

use crate::emit::Context;
use crate::model::naming;
use crate::model::{Field, Ty};

impl Context<'_> {
    /// The Rust type of a TL type, as seen from a module `depth` levels below the root.
    ///
    /// In the `borrowed` module, strings and bytes borrow (`&'a str`, `&'a [u8]`) and so do
    /// the types that hold them.
    pub fn rust_type(&self, ty: &Ty, depth: usize) -> TokenStream {
        if let Some(borrows) = self.borrowed {
            match ty {
                Ty::String => return quote!(&'a str),
                Ty::Bytes => return quote!(&'a [u8]),
                Ty::Enum(i) if borrows.enums[*i] => {
                    return self.borrowed_item_path("enums", &self.ir.enums[*i].path, depth);
                }
                Ty::Bare(i) if borrows.constructors[*i] => {
                    let path = &self.ir.constructors[*i].path;
                    return self.borrowed_item_path("types", path, depth);
                }
                _ => {}
            }
        }
        match ty {
            Ty::Int => quote!(i32),
            Ty::Long => quote!(i64),
            Ty::Double => quote!(f64),
            Ty::String => quote!(String),
            Ty::Bytes => quote!(Vec<u8>),
            Ty::Int128 => quote!([u8; 16]),
            Ty::Int256 => quote!([u8; 32]),
            Ty::Bool | Ty::True => quote!(bool),
            Ty::Vector { elem, .. } => {
                let elem = self.rust_type(elem, depth);
                quote!(Vec<#elem>)
            }
            Ty::Enum(i) => self.item_path("enums", &self.ir.enums[*i].path, depth),
            Ty::Bare(i) => self.item_path("types", &self.ir.constructors[*i].path, depth),
            Ty::Generic(name) => {
                let name = naming::ident(name);
                quote!(#name)
            }
        }
    }

    /// The Rust type of a param's value: wrapped in `Box` if the field is boxed.
    pub fn value_type(&self, field: &Field, depth: usize) -> TokenStream {
        let ty = self.rust_type(&field.ty, depth);
        if field.boxed {
            quote!(Box<#ty>)
        } else {
            ty
        }
    }

    /// The Rust type of a struct field: wrapped in `Box` and `Option` as needed.
    pub fn field_type(&self, field: &Field, depth: usize) -> TokenStream {
        let ty = self.value_type(field, depth);
        match (&field.condition, &field.ty) {
            (Some(_), Ty::True) => quote!(bool),
            (Some(_), _) => quote!(Option<#ty>),
            (None, _) => ty,
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
