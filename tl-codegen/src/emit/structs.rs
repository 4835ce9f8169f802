//! Structs for constructors (`types`) and functions (`functions`), with their codecs.

use proc_macro2::{Ident, TokenStream};
use quote::{format_ident, quote};

use crate::emit::Context;
use crate::ir::{Item, ItemResult, Slot, Ty};
use crate::naming;

impl Context<'_> {
    /// The `types` module.
    pub fn types(&self) -> TokenStream {
        let paths = self
            .ir
            .constructors
            .iter()
            .map(|c| c.path.clone())
            .enumerate();
        self.namespaced(paths, |i, depth| {
            self.constructor(&self.ir.constructors[i], depth)
        })
    }

    /// The `functions` module.
    pub fn functions(&self) -> TokenStream {
        let paths = self.ir.functions.iter().map(|f| f.path.clone()).enumerate();
        self.namespaced(paths, |i, depth| {
            self.function(&self.ir.functions[i], depth)
        })
    }

    /// A constructor struct: the bare codec, plus the boxed one through the runtime helpers.
    fn constructor(&self, item: &Item, depth: usize) -> TokenStream {
        let rt = &self.rt;
        let name = naming::ident(&item.path.name);
        let definition = self.struct_definition(item, depth);
        let identifiable = self.identifiable(item);
        let encode = self.encode_body(item);
        let decode = self.decode_body(item);
        let out = out_param(item);
        let r = reader_param(item);
        let from = self.conversions(item, depth);
        quote! {
            #definition
            #identifiable
            impl #rt::BareSerializable for #name {
                fn serialize_bare(&self, #out: &mut Vec<u8>) { #encode }
            }
            impl #rt::BareDeserializable for #name {
                fn deserialize_bare(#r: &mut #rt::Reader<'_>) -> #rt::Result<Self> { #decode }
            }
            #from
        }
    }

    /// A function struct with `Serializable`, `Deserializable` and `RemoteCall`.
    fn function(&self, item: &Item, depth: usize) -> TokenStream {
        let rt = &self.rt;
        let name = naming::ident(&item.path.name);
        let definition = self.struct_definition(item, depth);
        let identifiable = self.identifiable(item);
        let encode = self.encode_body(item);
        let decode = self.decode_body(item);
        let out = out_param(item);
        let r = reader_param(item);
        let generics = generic_idents(item);
        let (ser_params, de_params, call_params, ty_args) = if generics.is_empty() {
            (quote!(), quote!(), quote!(), quote!())
        } else {
            (
                quote!(<#(#generics: #rt::Serializable),*>),
                quote!(<#(#generics: #rt::Deserializable),*>),
                quote!(<#(#generics: #rt::RemoteCall),*>),
                quote!(<#(#generics),*>),
            )
        };
        let ret = match &item.result {
            ItemResult::Function(Ty::Generic(g)) => {
                let g = naming::ident(g);
                quote!(#g::Return)
            }
            ItemResult::Function(ty) => self.rust_type(ty, depth),
            ItemResult::Constructor(_) => quote!(()),
        };
        let error = self.function_error_type(item, depth);
        quote! {
            #definition
            #identifiable
            impl #ser_params #rt::BareSerializable for #name #ty_args {
                fn serialize_bare(&self, #out: &mut Vec<u8>) { #encode }
            }
            impl #de_params #rt::BareDeserializable for #name #ty_args {
                fn deserialize_bare(#r: &mut #rt::Reader<'_>) -> #rt::Result<Self> { #decode }
            }
            impl #call_params #rt::RemoteCall for #name #ty_args {
                type Return = #ret;
                #error
            }
        }
    }

    /// `pub struct Name<X> { fields }` with docs and derives.
    fn struct_definition(&self, item: &Item, depth: usize) -> TokenStream {
        let name = naming::ident(&item.path.name);
        let docs = self.item_docs(item);
        let serde = &self.serde_derive;
        let generics = generic_idents(item);
        let generics = if generics.is_empty() {
            quote!()
        } else {
            quote!(<#(#generics),*>)
        };
        let fields = item.fields.iter().map(|f| {
            let docs = self.field_docs(f);
            let ident = naming::ident(&f.name);
            let ty = self.field_type(f, depth);
            quote!(#docs pub #ident: #ty,)
        });
        quote! {
            #docs
            #[derive(Debug, Clone, PartialEq)]
            #serde
            pub struct #name #generics { #(#fields)* }
        }
    }

    /// `impl Identifiable`.
    fn identifiable(&self, item: &Item) -> TokenStream {
        let rt = &self.rt;
        let name = naming::ident(&item.path.name);
        let generics = generic_idents(item);
        let (params, args) = if generics.is_empty() {
            (quote!(), quote!())
        } else {
            (quote!(<#(#generics),*>), quote!(<#(#generics),*>))
        };
        let id = hex_literal(item.id);
        let tl_name = &item.tl_name;
        quote! {
            impl #params #rt::Identifiable for #name #args {
                const CONSTRUCTOR_ID: u32 = #id;
                const NAME: &'static str = #tl_name;
            }
        }
    }

    /// Statements writing every slot of `self` to `out`, without the constructor id.
    fn encode_body(&self, item: &Item) -> TokenStream {
        item.slots
            .iter()
            .map(|slot| match slot {
                Slot::Flags(word) => {
                    let bits = item.fields.iter().filter_map(|f| {
                        let (w, bit) = f.condition.as_ref()?;
                        if w != word {
                            return None;
                        }
                        let ident = naming::ident(&f.name);
                        let set = if f.ty == Ty::True {
                            quote!(u32::from(self.#ident))
                        } else {
                            quote!(u32::from(self.#ident.is_some()))
                        };
                        Some(if *bit == 0 {
                            set
                        } else {
                            let bit = proc_macro2::Literal::u8_unsuffixed(*bit);
                            quote!(#set << #bit)
                        })
                    });
                    let bits: Vec<TokenStream> = bits.collect();
                    let value = if bits.is_empty() {
                        quote!(0u32)
                    } else {
                        quote!(#(#bits)|*)
                    };
                    let rt = &self.rt;
                    quote! { #rt::write_u32(out, #value); }
                }
                Slot::Field(k) => {
                    let f = &item.fields[*k];
                    let ident = naming::ident(&f.name);
                    match (&f.condition, &f.ty) {
                        (Some(_), Ty::True) => quote!(),
                        (Some(_), ty) => {
                            let value = if f.boxed {
                                quote!(&**value)
                            } else {
                                quote!(value)
                            };
                            let write = self.encode(ty, value);
                            quote! { if let Some(value) = &self.#ident { #write } }
                        }
                        (None, ty) => {
                            let value = if f.boxed {
                                quote!(&*self.#ident)
                            } else {
                                quote!(&self.#ident)
                            };
                            self.encode(ty, value)
                        }
                    }
                }
            })
            .collect()
    }

    /// Statements reading every slot from `r` and returning `Ok(Self { .. })`.
    fn decode_body(&self, item: &Item) -> TokenStream {
        let rt = &self.rt;
        let has_flags = item.slots.iter().any(|s| matches!(s, Slot::Flags(_)));
        let read = |k: usize| -> TokenStream {
            let f = &item.fields[k];
            let decode = self.decode(&f.ty);
            // `tri!`, not `?`: see `tl_runtime::tri`.
            let value = if f.boxed {
                quote!(Box::new(#rt::tri!(#decode)))
            } else {
                quote!(#rt::tri!(#decode))
            };
            match &f.condition {
                Some((word, bit)) => {
                    let word = flag_local(word, item);
                    let mask = 1u32 << bit;
                    let mask = hex_literal(mask);
                    if f.ty == Ty::True {
                        quote!(#word & #mask != 0)
                    } else {
                        quote!(if #word & #mask != 0 { Some(#value) } else { None })
                    }
                }
                None => value,
            }
        };
        let names: Vec<Ident> = item.fields.iter().map(|f| naming::ident(&f.name)).collect();
        if !has_flags {
            let values = (0..item.fields.len()).map(read);
            return quote!(Ok(Self { #(#names: #values),* }));
        }
        let statements = item.slots.iter().map(|slot| match slot {
            Slot::Flags(word) => {
                let used = item
                    .fields
                    .iter()
                    .any(|f| f.condition.as_ref().is_some_and(|(w, _)| w == word));
                let word = flag_local(word, item);
                if used {
                    quote!(let #word = #rt::tri!(r.read_u32());)
                } else {
                    quote!(#rt::tri!(r.read_u32());)
                }
            }
            Slot::Field(k) => {
                let name = &names[*k];
                let value = read(*k);
                quote!(let #name = #value;)
            }
        });
        quote! {
            #(#statements)*
            Ok(Self { #(#names),* })
        }
    }

    /// `From<types::X> for enums::Y` and `TryFrom<enums::Y> for types::X`.
    fn conversions(&self, item: &Item, depth: usize) -> TokenStream {
        let ItemResult::Constructor(e) = item.result else {
            return quote!();
        };
        let ty = &self.ir.enums[e];
        let Some((variant, _)) = ty
            .variants
            .iter()
            .find(|(_, c)| self.ir.constructors[*c].tl_name == item.tl_name)
        else {
            return quote!();
        };
        let variant = naming::ident(variant);
        let name = naming::ident(&item.path.name);
        let enum_path = self.item_path("enums", &ty.path, depth);
        let try_from = if ty.variants.len() == 1 {
            quote! {
                impl From<#enum_path> for #name {
                    fn from(value: #enum_path) -> Self {
                        let #enum_path::#variant(x) = value;
                        x
                    }
                }
            }
        } else {
            quote! {
                impl TryFrom<#enum_path> for #name {
                    type Error = #enum_path;
                    fn try_from(value: #enum_path) -> Result<Self, Self::Error> {
                        match value {
                            #enum_path::#variant(x) => Ok(x),
                            other => Err(other),
                        }
                    }
                }
            }
        };
        quote! {
            impl From<#name> for #enum_path {
                fn from(value: #name) -> Self {
                    Self::#variant(value)
                }
            }
            #try_from
        }
    }
}

/// The local holding a flag word while decoding; suffixed if a field has that name.
fn flag_local(word: &str, item: &Item) -> Ident {
    let base = naming::value_name(word);
    if item.fields.iter().any(|f| f.name == base) {
        format_ident!("{}_word", base)
    } else {
        naming::ident(&base)
    }
}

/// The generic parameters as identifiers.
fn generic_idents(item: &Item) -> Vec<Ident> {
    item.generics.iter().map(|g| naming::ident(g)).collect()
}

/// `out`, or `_out` when nothing is written.
fn out_param(item: &Item) -> Ident {
    let writes = item.slots.iter().any(|s| match s {
        Slot::Flags(_) => true,
        Slot::Field(k) => !(item.fields[*k].ty == Ty::True),
    });
    if writes {
        format_ident!("out")
    } else {
        format_ident!("_out")
    }
}

/// `r`, or `_r` when nothing is read.
fn reader_param(item: &Item) -> Ident {
    if item.slots.is_empty() {
        format_ident!("_r")
    } else {
        format_ident!("r")
    }
}

/// `0x7998c914` as an unsuffixed literal.
pub fn hex_literal(value: u32) -> TokenStream {
    let text = format!("0x{value:08x}");
    text.parse().unwrap_or_else(|_| quote!(#value))
}
