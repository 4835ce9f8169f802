//! One enum per boxed type, dispatching on the constructor id.

use proc_macro2::TokenStream;
use quote::quote;

use crate::emit::docs::doc_lines;
use crate::emit::structs::hex_literal;
use crate::emit::Context;
use crate::ir::BoxedType;
use crate::naming;

impl Context<'_> {
    /// The `enums` module.
    pub fn enums(&self) -> TokenStream {
        let paths = self.ir.enums.iter().map(|e| e.path.clone()).enumerate();
        self.namespaced(paths, |i, depth| self.boxed_type(&self.ir.enums[i], depth))
    }

    fn boxed_type(&self, ty: &BoxedType, depth: usize) -> TokenStream {
        let rt = &self.rt;
        let name = naming::ident(&ty.path.name);
        let serde = &self.serde_derive;
        let tl_name = &ty.tl_name;
        let mut text = String::new();
        if let Some(d) = &ty.description {
            text.push_str(d.trim());
            text.push_str("\n\n");
        }
        text.push_str(&format!(
            "TL type [`{tl_name}`](https://core.telegram.org/type/{tl_name}), with {} constructor{}.",
            ty.variants.len(),
            if ty.variants.len() == 1 { "" } else { "s" }
        ));
        let docs = doc_lines(&text);

        let variants: Vec<_> = ty
            .variants
            .iter()
            .map(|(v, c)| {
                let item = &self.ir.constructors[*c];
                (
                    naming::ident(v),
                    self.item_path("types", &item.path, depth),
                    item,
                )
            })
            .collect();
        let definitions = variants.iter().map(|(v, path, item)| {
            // The constructor's name and id; its whole TL line is on the struct's page.
            let doc = format!(
                " `{}#{:08x}`: [`{}`].",
                item.tl_name,
                item.id,
                path_text(path)
            );
            quote!(#[doc = #doc] #v(#path),)
        });
        let encode = variants.iter().map(|(v, _, item)| {
            let id = hex_literal(item.id);
            quote!(Self::#v(x) => {
                #rt::write_u32(out, #id);
                #rt::BareSerializable::serialize_bare(x, out);
            })
        });
        let decode = variants.iter().map(|(v, _, item)| {
            let id = hex_literal(item.id);
            if ty.recursive {
                // Small frames: these nest up to the depth limit (see `decode_bare_with`).
                quote!(#id => #rt::tri!(#rt::decode_bare_with(r, Self::#v)),)
            } else {
                quote!(#id => Self::#v(#rt::tri!(#rt::BareDeserializable::deserialize_bare(r))),)
            }
        });
        let ids = variants.iter().map(|(v, _, item)| {
            let id = hex_literal(item.id);
            quote!(Self::#v(_) => #id,)
        });
        let (enter, leave) = if ty.recursive {
            (quote!(#rt::tri!(r.enter());), quote!(r.leave();))
        } else {
            (quote!(), quote!())
        };
        let serde_impls = self.serde_impls(&name, &[], &quote!(), Some(&quote!()));
        quote! {
            #docs
            #[derive(Debug, Clone, PartialEq)]
            #serde
            pub enum #name { #(#definitions)* }
            #serde_impls
            impl #name {
                /// The constructor id of the variant held.
                pub fn constructor_id(&self) -> u32 {
                    match self { #(#ids)* }
                }
            }
            impl #rt::Serializable for #name {
                fn serialize(&self, out: &mut Vec<u8>) {
                    match self { #(#encode)* }
                }
            }
            impl #rt::Deserializable for #name {
                fn deserialize(r: &mut #rt::Reader<'_>) -> #rt::Result<Self> {
                    let id = #rt::tri!(r.read_u32());
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

/// `super::types::Foo` → `super::types::Foo` as plain text, for intra-doc links.
fn path_text(path: &TokenStream) -> String {
    path.to_string().replace(' ', "")
}
