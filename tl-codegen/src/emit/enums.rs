//! One enum per boxed type, dispatching on the constructor id.

use proc_macro2::{Ident, TokenStream};
use quote::{quote, ToTokens};

use crate::emit::docs::doc_lines;
use crate::emit::structs::hex_literal;
use crate::emit::{Context, Items, Split};
use crate::model::naming;
use crate::model::{BoxedType, Item, MissingItem, PathKind, RustType};

/// A variant of an enum being emitted: its name, its payload's path (from the enum's
/// module), its constructor, whether that borrows, and its doc line.
type Variant<'a> = (Ident, TokenStream, &'a Item, bool, String);

impl Context<'_> {
    /// The `enums` module.
    pub fn enums(&self) -> Result<Split, MissingItem> {
        let paths = self.ir.enums.iter().map(|e| e.path.clone()).enumerate();
        self.namespaced(paths, |i, depth| Ok(self.boxed_type(i, depth)))
    }

    /// The enum at index `e` of the IR's enums, with its codecs and `Default`.
    pub(super) fn boxed_type(&self, e: usize, depth: usize) -> Items {
        let ty = &self.ir.enums[e];
        let name = naming::ident(&ty.path.name);
        let serde = &self.serde_derive;
        let docs = self.enum_docs(e, depth);

        let variants: Vec<_> = ty
            .variants
            .iter()
            .map(|(v, c)| {
                let item = &self.ir.constructors[*c];
                let borrows = self.borrowed.is_some_and(|b| b.constructors[*c]);
                let path = if borrows {
                    item.path.with_kind(PathKind::BorrowedTypes)
                } else {
                    item.path.clone()
                };
                // The constructor's name and id; its whole TL line is on the struct's page.
                let doc = format!(
                    " `{}#{:08x}`: [`{}`].",
                    item.tl_name,
                    item.id,
                    path.relative(depth)
                );
                let path = RustType::Item(path).relative(depth).to_token_stream();
                (naming::ident(v), path, item, borrows, doc)
            })
            .collect();
        let definitions = variants
            .iter()
            .map(|(v, path, _, _, doc)| quote!(#[doc = #doc] #v(#path),));
        let serde_impls = self.serde_impls(&name, &[], &quote!(), Some(&quote!()));
        let params = self.borrowed.map(|_| quote!(<'a>));
        let derives = self.derives();
        let default = self.enum_default(e, ty);
        let codecs = self.enum_codecs(ty, &variants);
        if let Some(json) = self.json {
            let (unknown, json_impl) = self.json_enum(e, json, &variants_for_json(&variants));
            return Items::from(quote! {
                #docs
                #derives
                pub enum #name { #(#definitions)* #unknown }
                #default
                #json_impl
            });
        }
        let mut items = Items::from(quote! {
            #docs
            #derives
            #serde
            pub enum #name #params { #(#definitions)* }
            #default
        });
        items.append(serde_impls);
        items.push(codecs);
        items
    }

    /// The enum's docs: its description (the owned enum's), its TL type, where it is used.
    fn enum_docs(&self, e: usize, depth: usize) -> TokenStream {
        let ty = &self.ir.enums[e];
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
        doc_lines(&text)
    }

    /// `constructor_id`, `Serializable` and `Deserializable` (or `DeserializableBorrowed`)
    /// of the enum: each variant by its constructor id.
    fn enum_codecs(&self, ty: &BoxedType, variants: &[Variant<'_>]) -> TokenStream {
        let rt = &self.rt;
        let name = naming::ident(&ty.path.name);
        let tl_name = &ty.tl_name;
        let encode = variants.iter().map(|(v, _, item, ..)| {
            let id = hex_literal(item.id);
            quote!(Self::#v(x) => {
                #rt::__private::write_u32(out, #id);
                #rt::BareSerializable::serialize_bare(x, out);
            })
        });
        // A prefix constructor's id reads its full one (`Item::prefix_of`).
        let decoded: Vec<_> = variants
            .iter()
            .filter(|(_, _, item, ..)| item.prefix_of.is_none())
            .collect();
        // A failing case breaks out to the one exit that names its constructor (see below):
        // the cases stay as small as without names, which issue 28 budgets.
        let decode = decoded.iter().map(|(v, _, item, borrows, _)| {
            let id = hex_literal(item.id);
            match (ty.recursive, borrows) {
                // Small frames: these nest up to the depth limit (see `decode_bare_with`).
                (true, false) => quote!(#id => #rt::__private::tri!(#rt::__private::decode_bare_with(r, Self::#v), break 'case),),
                (true, true) => {
                    quote!(#id => #rt::__private::tri!(#rt::__private::decode_bare_borrowed_with(r, Self::#v), break 'case),)
                }
                (false, false) => quote! {
                    #id => Self::#v(#rt::__private::tri!(#rt::BareDeserializable::deserialize_bare(r), break 'case)),
                },
                (false, true) => quote! {
                    #id => Self::#v(#rt::__private::tri!(
                        #rt::BareDeserializableBorrowed::deserialize_bare_borrowed(r), break 'case
                    )),
                },
            }
        });
        // The constructors by id, for the error path's `DecodeError::within_case`.
        let cases = decoded.iter().map(|(_, _, item, ..)| {
            let id = hex_literal(item.id);
            let tl = &item.tl_name;
            quote!((#id, #tl),)
        });
        let ids = variants.iter().map(|(v, _, item, ..)| {
            let id = hex_literal(item.id);
            quote!(Self::#v(_) => #id,)
        });
        let (enter, leave) = if ty.recursive {
            (quote!(#rt::__private::tri!(r.enter());), quote!(r.leave();))
        } else {
            (quote!(), quote!())
        };
        let body = if decoded.is_empty() {
            // No case to fail in (only prefix constructors, see `Item::prefix_of`).
            quote! {
                Err(r.unexpected_constructor(id, #tl_name))
            }
        } else {
            quote! {
                // An error inside a case breaks out here, and says in which constructor.
                let error = 'case: {
                    let value = match id {
                        #(#decode)*
                        _ => return Err(r.unexpected_constructor(id, #tl_name)),
                    };
                    #leave
                    return Ok(value);
                };
                Err(error.within_case(id, &[#(#cases)*]))
            }
        };
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
        quote! {
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
                    #body
                }
            }
        }
    }
}

/// The variants as the JSON emitter takes them: name and payload type.
fn variants_for_json(variants: &[Variant<'_>]) -> Vec<(Ident, TokenStream)> {
    variants
        .iter()
        .map(|(v, path, ..)| (v.clone(), path.clone()))
        .collect()
}
