//! Root items: `LAYER`, `name_for_id`, and `Object`, which decodes any boxed value by id.

use proc_macro2::TokenStream;
use quote::{quote, ToTokens};

use crate::emit::structs::hex_literal;
use crate::emit::{Context, CratePart};
use crate::model::naming;
use crate::model::object::{BOOL_FALSE_ID, BOOL_TRUE_ID, GZIP_PACKED_ID};
use crate::model::{Item, ObjectValue};

impl Context<'_> {
    /// `LAYER`, `name_for_id` and `Object`, at depth 0.
    pub fn root(&self) -> TokenStream {
        let rt = &self.rt;
        let layer = match self.ir.layer {
            Some(layer) => {
                let layer = proc_macro2::Literal::i32_unsuffixed(layer);
                quote! {
                /// The schema layer these definitions come from.
                #[allow(dead_code)]
                pub const LAYER: i32 = #layer;
                }
            }
            None => quote!(),
        };
        if let Some(json) = self.json {
            // No wire form: no id table, no binary `Object`; the JSON roots instead (in
            // the crate of the functions when the bindings are split).
            let roots = match self.part {
                CratePart::Whole => self.json_roots(json),
                CratePart::Types => quote!(),
                CratePart::Rest { .. } => {
                    let types_crate = &self.types_crate;
                    let roots = self.json_roots(json);
                    quote! {
                        #[doc(inline)]
                        pub use #types_crate::{enums, types};
                        #roots
                    }
                }
            };
            return quote! {
                #layer
                #roots
            };
        }
        let entries = self.ir.names_by_id.iter().map(|(id, name)| {
            let id = hex_literal(*id);
            quote!((#id, #name),)
        });
        let count = proc_macro2::Literal::usize_unsuffixed(self.ir.names_by_id.len());
        let object = match &self.object_gate {
            Some(gate) => {
                let gate = gate.attr();
                let object = self.object(&gate);
                // `Object` exists only with its gate: both impls go behind it.
                let object_ident = quote::format_ident!("Object");
                let serde = self
                    .serde_impls(&object_ident, &[], &gate, Some(&quote!()))
                    .inline();
                quote! {
                    #object

                    #serde

                    #gate
                    impl #rt::Serializable for Object {
                        fn serialize(&self, out: &mut Vec<u8>) {
                            self.serialize_into(out)
                        }
                    }
                }
            }
            None => quote!(),
        };
        quote! {
            #layer

            /// Every `(constructor id, TL name)` of the schema, sorted by id.
            #[allow(dead_code)]
            static NAMES: [(u32, &str); #count] = [#(#entries)*];

            /// The TL name of a constructor or function id, e.g. `0x7998c914` → `payments.sendStarsForm`.
            #[allow(dead_code)]
            pub fn name_for_id(id: u32) -> Option<&'static str> {
                let index = NAMES.binary_search_by_key(&id, |&(id, _)| id).ok()?;
                NAMES.get(index).map(|&(_, name)| name)
            }

            #object
        }
    }

    /// `Object` and its impls, each item behind `gate`: the variants as the model decides
    /// them ([`crate::model::ObjectEnum`]).
    fn object(&self, gate: &TokenStream) -> TokenStream {
        let rt = &self.rt;
        let ObjectArms {
            definitions,
            decode,
            encode,
            ids,
            functions,
        } = self.object_arms();
        let serde = &self.serde_derive;
        // TON's `testObject` is variant `TestObject` of `Object`.
        let names = (self.ir.object.variants.iter())
            .any(|v| v.name.len() > "Object".len() && v.name.ends_with("Object"))
            .then(|| quote!(clippy::enum_variant_names,));
        let (bool_true, bool_false) = (hex_literal(BOOL_TRUE_ID), hex_literal(BOOL_FALSE_ID));
        // `gzip_packed` (parsed manually, not in the schema) stands for any object: unpacked.
        let packed = self.ir.object.gzip_packed.then(|| {
            let id = hex_literal(GZIP_PACKED_ID);
            quote!(#id => {
                #rt::__private::tri!(r.read_u32());
                #rt::__private::decode_gzip_packed(r)
            })
        });
        // `!X` (a generic function's query) is a function call, or a packed one.
        let function_arm =
            (!functions.is_empty()).then(|| quote!(#(#functions)|* => Self::deserialize(r),));
        let packed_function = self.ir.object.gzip_packed.then(|| {
            let id = hex_literal(GZIP_PACKED_ID);
            quote!(#id => {
                #rt::__private::tri!(r.read_u32());
                #rt::__private::tri!(r.enter());
                let value = #rt::__private::decode_gzip_packed_with(r, Self::deserialize_function);
                r.leave();
                value
            })
        });
        let derives = self.derives();
        quote! {
            /// Any boxed value of the schema — a constructor of any type, or a function call —
            /// decoded by its constructor id. For logging, debugging, and containers whose
            /// contents are not known in advance. Values are boxed, so an `Object` is small
            /// and nested objects (`invokeWithLayer` and friends) cost little stack.
            #gate
            #derives
            #serde
            #[allow(clippy::large_enum_variant, #names dead_code)]
            pub enum Object {
                /// A `Bool`.
                Bool(bool),
                #(#definitions)*
            }

            #gate
            #[allow(dead_code)]
            impl Object {
                /// The constructor id of the value held.
                pub fn constructor_id(&self) -> u32 {
                    match self {
                        Self::Bool(true) => #bool_true,
                        Self::Bool(false) => #bool_false,
                        #(#ids)*
                    }
                }

                /// The TL name of the value held, e.g. `payments.sendStarsForm`.
                pub fn name(&self) -> &'static str {
                    name_for_id(self.constructor_id()).unwrap_or("?")
                }

                fn serialize_into(&self, out: &mut Vec<u8>) {
                    match self {
                        Self::Bool(x) => #rt::Serializable::serialize(x, out),
                        #(#encode)*
                    }
                }
            }

            #gate
            impl #rt::Deserializable for Object {
                fn deserialize(r: &mut #rt::Reader<'_>) -> #rt::Result<Self> {
                    let id = #rt::__private::tri!(r.peek_u32());
                    // Generic functions nest objects: count them against the depth limit.
                    #rt::__private::tri!(r.enter());
                    let value = match id {
                        #bool_true | #bool_false => #rt::__private::decode_with(r, Self::Bool),
                        #(#decode)*
                        #packed
                        _ => {
                            #rt::__private::tri!(r.read_u32());
                            Err(r.unexpected_constructor(id, "Object"))
                        }
                    };
                    r.leave();
                    value
                }

                /// Only a function call (or a `gzip_packed` holding one): TL's `!X`.
                fn deserialize_function(r: &mut #rt::Reader<'_>) -> #rt::Result<Self> {
                    let id = #rt::__private::tri!(r.peek_u32());
                    match id {
                        #function_arm
                        #packed_function
                        _ => {
                            #rt::__private::tri!(r.read_u32());
                            Err(r.unexpected_constructor(id, "a function call"))
                        }
                    }
                }
            }
        }
    }

    /// Per variant of `Object`: its definition, decoding, encoding and id arms (`Bool`'s
    /// are written out in [`Context::object`]).
    fn object_arms(&self) -> ObjectArms {
        let rt = &self.rt;
        let mut definitions = Vec::new();
        let mut decode = Vec::new();
        let mut encode = Vec::new();
        let mut ids = Vec::new();
        let mut functions = Vec::new();
        for variant in &self.ir.object.variants {
            let v = naming::ident(&variant.name);
            match variant.value {
                // Boxed `Bool` is `bool`: its arms are written out below.
                ObjectValue::Bool => {}
                ObjectValue::Enum(e) => {
                    let ty = &self.ir.enums[e];
                    let path = &ty.path;
                    let doc = format!(" A value of the type `{}`.", ty.tl_name);
                    definitions.push(quote!(#[doc = #doc] #v(Box<#path>),));
                    // A prefix constructor's id reads its full one.
                    let patterns = ty
                        .variants
                        .iter()
                        .map(|(_, c)| &self.ir.constructors[*c])
                        .filter(|c| c.prefix_of.is_none())
                        .map(|c| hex_literal(c.id));
                    decode.push(
                        quote!(#(#patterns)|* => #rt::__private::decode_boxed_with(r, Self::#v),),
                    );
                    encode.push(quote!(Self::#v(x) => #rt::Serializable::serialize(&**x, out),));
                    ids.push(quote!(Self::#v(x) => x.constructor_id(),));
                }
                ObjectValue::Function(i) => {
                    let f = &self.ir.functions[i];
                    let ty = object_function(f);
                    let doc = format!(" A call to `{}`.", f.tl_name);
                    definitions.push(quote!(#[doc = #doc] #v(Box<#ty>),));
                    let id = hex_literal(f.id);
                    // A prefix function's id reads its full one (`Item::prefix_of`).
                    if f.prefix_of.is_none() {
                        functions.push(id.clone());
                        decode.push(quote!(#id => {
                            #rt::__private::tri!(r.read_u32());
                            #rt::__private::decode_bare_boxed_with(r, Self::#v)
                        }));
                    }
                    encode.push(quote!(Self::#v(x) => {
                        #rt::__private::write_u32(out, #id);
                        #rt::BareSerializable::serialize_bare(&**x, out);
                    }));
                    ids.push(quote!(Self::#v(_) => #id,));
                }
            }
        }
        ObjectArms {
            definitions,
            decode,
            encode,
            ids,
            functions,
        }
    }
}

/// The arms of `Object`'s definition and impls, one per variant but `Bool`.
struct ObjectArms {
    definitions: Vec<TokenStream>,
    decode: Vec<TokenStream>,
    encode: Vec<TokenStream>,
    ids: Vec<TokenStream>,
    /// The ids `Object` decodes as function calls (TL's `!X`).
    functions: Vec<TokenStream>,
}

/// The payload type of a function's variant, from the root: a generic function's type
/// parameters are `Object`.
fn object_function(f: &Item) -> TokenStream {
    let path = f.path.to_token_stream();
    if f.is_generic() {
        let args = f.generics.iter().map(|_| quote!(Object));
        quote!(#path<#(#args),*>)
    } else {
        path
    }
}
