//! One enum per boxed type, dispatching on the constructor id.

use proc_macro2::TokenStream;
use quote::{quote, ToTokens};

use crate::emit::docs::doc_lines;
use crate::emit::structs::hex_literal;
use crate::emit::Context;
use crate::model::naming;
use crate::model::{PathKind, RustType};

impl Context<'_> {
    /// The `enums` module.
    pub fn enums(&self) -> TokenStream {
        let paths = self.ir.enums.iter().map(|e| e.path.clone()).enumerate();
        self.namespaced(paths, |i, depth| self.boxed_type(i, depth))
    }

    /// The enum at index `e` of the IR's enums, with its codecs and `Default`.
    pub(super) fn boxed_type(&self, e: usize, depth: usize) -> TokenStream {
        let ty = &self.ir.enums[e];
        let rt = &self.rt;
        let name = naming::ident(&ty.path.name);
        let serde = &self.serde_derive;
        let tl_name = &ty.tl_name;
        let mut text = String::new();
        if self.borrowed.is_some() {
            // The owned enum has the description.
            text.push_str(&format!(
                "Borrowed form of `enums::{}`: constructors that hold strings or bytes borrow \
                 them from the input.\n\n",
                ty.path.in_kind()
            ));
        } else if let Some(d) = &ty.description {
            text.push_str(d.trim());
            text.push_str("\n\n");
        }
        let link = if self.ir.dialect == tlgen_parser::Dialect::Ton {
            format!("`{tl_name}`")
        } else {
            format!("[`{tl_name}`](https://core.telegram.org/type/{tl_name})")
        };
        text.push_str(&format!(
            "TL type {link}, with {} constructor{}.",
            ty.variants.len(),
            if ty.variants.len() == 1 { "" } else { "s" }
        ));
        text.push_str(&self.type_uses_docs(e, depth));
        let docs = doc_lines(&text);

        let variants: Vec<_> = ty
            .variants
            .iter()
            .map(|(v, c)| {
                let item = &self.ir.constructors[*c];
                let borrows = self.borrowed.is_some_and(|b| b.constructors[*c]);
                let path = if borrows {
                    RustType::Item(item.path.with_kind(PathKind::BorrowedTypes))
                } else {
                    RustType::Item(item.path.clone())
                }
                .relative(depth)
                .to_token_stream();
                (naming::ident(v), path, item, borrows)
            })
            .collect();
        let definitions = variants.iter().map(|(v, path, item, _)| {
            // The constructor's name and id; its whole TL line is on the struct's page.
            let doc = format!(
                " `{}#{:08x}`: [`{}`].",
                item.tl_name,
                item.id,
                path_text(path)
            );
            quote!(#[doc = #doc] #v(#path),)
        });
        let encode = variants.iter().map(|(v, _, item, _)| {
            let id = hex_literal(item.id);
            quote!(Self::#v(x) => {
                #rt::__private::write_u32(out, #id);
                #rt::BareSerializable::serialize_bare(x, out);
            })
        });
        // A prefix constructor's id reads its full one (`Item::prefix_of`).
        let decode = variants.iter().filter(|(_, _, item, _)| item.prefix_of.is_none()).map(|(v, _, item, borrows)| {
            let id = hex_literal(item.id);
            match (ty.recursive, borrows) {
                // Small frames: these nest up to the depth limit (see `decode_bare_with`).
                (true, false) => quote!(#id => #rt::__private::tri!(#rt::__private::decode_bare_with(r, Self::#v)),),
                (true, true) => {
                    quote!(#id => #rt::__private::tri!(#rt::__private::decode_bare_borrowed_with(r, Self::#v)),)
                }
                (false, false) => quote! {
                    #id => Self::#v(#rt::__private::tri!(#rt::BareDeserializable::deserialize_bare(r))),
                },
                (false, true) => quote! {
                    #id => Self::#v(#rt::__private::tri!(
                        #rt::BareDeserializableBorrowed::deserialize_bare_borrowed(r)
                    )),
                },
            }
        });
        let ids = variants.iter().map(|(v, _, item, _)| {
            let id = hex_literal(item.id);
            quote!(Self::#v(_) => #id,)
        });
        let (enter, leave) = if ty.recursive {
            (quote!(#rt::__private::tri!(r.enter());), quote!(r.leave();))
        } else {
            (quote!(), quote!())
        };
        let serde_impls = self.serde_impls(&name, &[], &quote!(), Some(&quote!()));
        // `impl Deserializable for X` or `impl<'a> DeserializableBorrowed<'a> for X<'a>`.
        let (params, args, decode_trait, decode_fn, input) = match self.borrowed {
            None => (
                quote!(),
                quote!(),
                quote!(#rt::Deserializable),
                quote!(deserialize),
                quote!('_),
            ),
            Some(_) => (
                quote!(<'a>),
                quote!(<'_>),
                quote!(#rt::DeserializableBorrowed<'a>),
                quote!(deserialize_borrowed),
                quote!('a),
            ),
        };
        let derives = self.derives();
        let default = self.enum_default(e, ty);
        if let Some(json) = self.json {
            let (unknown, json_impl) = self.json_enum(e, json, &variants_for_json(&variants));
            return quote! {
                #docs
                #derives
                pub enum #name { #(#definitions)* #unknown }
                #default
                #json_impl
            };
        }
        quote! {
            #docs
            #derives
            #serde
            pub enum #name #params { #(#definitions)* }
            #default
            #serde_impls
            impl #name #args {
                /// The constructor id of the variant held.
                pub fn constructor_id(&self) -> u32 {
                    match self { #(#ids)* }
                }
            }
            impl #rt::Serializable for #name #args {
                fn serialize(&self, out: &mut Vec<u8>) {
                    match self { #(#encode)* }
                }
            }
            impl #params #decode_trait for #name #params {
                fn #decode_fn(r: &mut #rt::Reader<#input>) -> #rt::Result<Self> {
                    let id = #rt::__private::tri!(r.read_u32());
                    #enter
                    let value = match id {
                        #(#decode)*
                        _ => return Err(r.unexpected_constructor(id, #tl_name)),
                    };
                    #leave
                    Ok(value)
                }
            }
        }
    }
}

/// The variants as the JSON emitter takes them: name and payload type.
fn variants_for_json<T, U>(
    variants: &[(proc_macro2::Ident, TokenStream, T, U)],
) -> Vec<(proc_macro2::Ident, TokenStream)> {
    variants
        .iter()
        .map(|(v, path, _, _)| (v.clone(), path.clone()))
        .collect()
}

/// `super::types::Foo` → `super::types::Foo` as plain text, for intra-doc links.
fn path_text(path: &TokenStream) -> String {
    path.to_string().replace(' ', "").replace("<'a>", "")
}
