//! Structs for constructors (`types`) and functions (`functions`), with their codecs.

use proc_macro2::{Ident, TokenStream};
use quote::{format_ident, quote, ToTokens};

use crate::emit::flags::{covered_bits, flag_bits, flag_local, is_value_word, presence_expr};
use crate::emit::{Context, Items, Split};
use crate::model::naming;
use crate::model::{
    DebugView, FieldRole, FlagMethod, Item, ItemResult, MissingItem, Signature, Slot, Twin, Ty,
    WireKind,
};

impl Context<'_> {
    /// The `types` module.
    pub fn types(&self) -> Result<Split, MissingItem> {
        let paths = self
            .ir
            .constructors
            .iter()
            .map(|c| c.path.clone())
            .enumerate();
        self.namespaced(paths, |i, depth| {
            self.constructor(i, &self.ir.constructors[i], depth)
        })
    }

    /// The `functions` module.
    pub fn functions(&self) -> Result<Split, MissingItem> {
        let paths = self.ir.functions.iter().map(|f| f.path.clone()).enumerate();
        self.namespaced(paths, |i, depth| {
            self.function(i, &self.ir.functions[i], depth)
        })
    }

    /// A constructor struct: the bare codec, plus the boxed one through the runtime helpers.
    /// In the `borrowed` module, the struct borrows (`<'a>`) and decodes with the borrowed
    /// traits.
    ///
    /// Constructor codecs are compiled here, once: a client decoding `Updates` reaches most
    /// of them, and inlining them into it made its release rebuilds 3× slower (BENCHMARKS.md).
    pub(super) fn constructor(
        &self,
        index: usize,
        item: &Item,
        depth: usize,
    ) -> Result<Items, MissingItem> {
        let rt = &self.rt;
        let name = naming::ident(&item.path.name);
        let has_default = self.ir.defaults.constructors.get(index).copied();
        let definition = self.struct_definition(item, depth, has_default.unwrap_or(false))?;
        let identifiable = self.identifiable(item);
        let encode = self.encode_body(item);
        let decode = self.decode_body(item);
        let out = out_param(item);
        let r = reader_param(item);
        let from = self.conversions(item, depth);
        let serde = self.serde_impls(&name, &[], &quote!(), Some(&quote!()));
        let json = self.json_constructor(index, item, depth);
        let mut items = Items::from(definition);
        if !self.binary {
            items.push(json);
            items.append(from);
            return Ok(items);
        }
        let inline = if is_tiny(item) {
            quote!(#[inline])
        } else {
            quote!()
        };
        let codec = match self.borrowed {
            None => quote! {
                impl #rt::BareSerializable for #name {
                    #inline
                    fn serialize_bare(&self, #out: &mut Vec<u8>) { #encode }
                }
                impl #rt::BareDeserializable for #name {
                    #inline
                    fn deserialize_bare(#r: &mut #rt::Reader<'_>) -> #rt::Result<Self> { #decode }
                }
            },
            Some(_) => quote! {
                impl #rt::BareSerializable for #name<'_> {
                    fn serialize_bare(&self, #out: &mut Vec<u8>) { #encode }
                }
                impl<'a> #rt::BareDeserializableBorrowed<'a> for #name<'a> {
                    fn deserialize_bare_borrowed(#r: &mut #rt::Reader<'a>) -> #rt::Result<Self> {
                        #decode
                    }
                }
            },
        };
        items.append(serde);
        items.push(quote!(#identifiable #codec #json));
        items.append(from);
        Ok(items)
    }

    /// A function struct with `Serializable`, `Deserializable` and `RemoteCall`.
    ///
    /// Function codecs are `#[inline]`: a client calls a few dozen of the 860 functions, and
    /// only those are then compiled, in the client.
    fn function(&self, index: usize, item: &Item, depth: usize) -> Result<Items, MissingItem> {
        let rt = &self.rt;
        let name = naming::ident(&item.path.name);
        let has_default = self.ir.defaults.functions.get(index).copied();
        let definition = self.struct_definition(item, depth, has_default.unwrap_or(false))?;
        let json = self.json_function(index, item, depth);
        if !self.binary {
            return Ok(Items::from(quote!(#definition #json)));
        }
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
        let ret = match self.ir.signature(item, Twin::Owned)?.returns {
            Some(ty) => ty.relative(depth).to_token_stream(),
            None => quote!(()),
        };
        let mut items = Items::from(definition);
        let typed_errors = match &self.errors_gate {
            Some(gate) => {
                let error = self.function_error_type(item, depth);
                let params = if generics.is_empty() {
                    quote!()
                } else {
                    quote!(<#(#generics: #rt::TypedErrors),*>)
                };
                let tokens = quote! {
                    impl #params #rt::TypedErrors for #name #ty_args {
                        #error
                    }
                };
                Some((gate, tokens))
            }
            None => None,
        };
        // Functions are decoded only as part of `Object` (a server never sends one).
        let object_attr = self.object_gate.as_ref().map(|gate| gate.attr());
        items.append(self.serde_impls(&name, &generics, &quote!(), object_attr.as_ref()));
        items.push(quote! {
            #identifiable
            impl #ser_params #rt::BareSerializable for #name #ty_args {
                #[inline]
                fn serialize_bare(&self, #out: &mut Vec<u8>) { #encode }
            }
        });
        if let Some(gate) = &self.object_gate {
            items.gated(
                gate,
                quote! {
                    impl #de_params #rt::BareDeserializable for #name #ty_args {
                        #[inline]
                        fn deserialize_bare(#r: &mut #rt::Reader<'_>) -> #rt::Result<Self> { #decode }
                    }
                },
            );
        }
        items.push(quote! {
            impl #call_params #rt::RemoteCall for #name #ty_args {
                type Return = #ret;
            }
        });
        if let Some((gate, tokens)) = typed_errors {
            items.gated(gate, tokens);
        }
        items.append(self.remote_call_borrowed(item, depth)?);
        items.push(json);
        Ok(items)
    }

    /// `pub struct Name<X> { fields }` with docs and derives, and the methods of params
    /// implied by others (see [`FieldRole::Implied`]).
    fn struct_definition(
        &self,
        item: &Item,
        depth: usize,
        has_default: bool,
    ) -> Result<TokenStream, MissingItem> {
        let name = naming::ident(&item.path.name);
        let docs = self.item_docs(item);
        let serde = &self.serde_derive;
        let generics = self.type_params(item);
        let signature = self.ir.signature(item, self.twin())?;
        let fields = signature.fields.iter().map(|field| {
            let docs = match field.wire {
                WireKind::Param(k) => self.field_docs(&item.fields[k]),
                WireKind::SharedBit(group) => self.shared_docs(item, &item.shared[group]),
            };
            let ident = naming::ident(&field.name);
            let ty = field.ty.relative(depth);
            quote!(#docs pub #ident: #ty,)
        });
        let implied = self.implied_methods(item, &signature.methods);
        // `int128`/`int256` print as hex: `Debug` by hand (TDLib's and tonlib's print JSON).
        let hex_debug = (self.json.is_none() && signature.hex_debug())
            .then(|| self.hex_debug_impl(item, &signature));
        let derives = self.derives_debug(self.default_derive(has_default), hex_debug.is_none());
        // Nested tuples of a flag bit with many params (TON's, see `SharedBit::chunk`).
        let complex = item
            .shared
            .iter()
            .any(|s| s.chunk().is_some())
            .then(|| quote!(#[allow(clippy::type_complexity)]));
        Ok(quote! {
            #docs
            #derives
            #serde
            #complex
            pub struct #name #generics { #(#fields)* }
            #hex_debug
            #implied
        })
    }

    /// `impl Debug for Name`, as the derive would print it (`debug_struct`, every field in
    /// order, the derive's bound `X: Debug` on each generic parameter) but with the fields'
    /// [`DebugView`]s: `int128`/`int256` in hex.
    fn hex_debug_impl(&self, item: &Item, signature: &Signature) -> TokenStream {
        let rt = &self.rt;
        let name = naming::ident(&item.path.name);
        let fields = signature.fields.iter().map(|field| {
            let ident = naming::ident(&field.name);
            // The derive prints the name without `r#`.
            let label = ident.to_string();
            let label = label.trim_start_matches("r#");
            match field.ty.debug_view() {
                DebugView::Plain => quote!(.field(#label, &self.#ident)),
                view => {
                    let value = debug_value(rt, &quote!(self.#ident), &view);
                    quote!(.field(#label, &#value))
                }
            }
        });
        let label = name.to_string();
        let label = label.trim_start_matches("r#");
        // The lifetime elided (`Name<'_>`), as clippy wants it.
        let lifetime = self.borrowed.map(|_| quote!('_));
        let generics = generic_idents(item);
        let params = if generics.is_empty() {
            quote!()
        } else {
            quote!(<#(#generics: ::core::fmt::Debug),*>)
        };
        let args: Vec<TokenStream> = lifetime
            .into_iter()
            .chain(generics.iter().map(|g| quote!(#g)))
            .collect();
        let args = if args.is_empty() {
            quote!()
        } else {
            quote!(<#(#args),*>)
        };
        quote! {
            impl #params ::core::fmt::Debug for #name #args {
                fn fmt(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
                    f.debug_struct(#label) #(#fields)* .finish()
                }
            }
        }
    }

    /// `impl Name { pub fn flag(&self) -> bool { … } }` for every implied `true` param.
    fn implied_methods(&self, item: &Item, methods: &[FlagMethod]) -> TokenStream {
        let methods: Vec<TokenStream> = methods
            .iter()
            .map(|method| {
                let docs = self.implied_docs(item, &item.fields[method.param], method.presence);
                let ident = naming::ident(&method.name);
                let value = presence_expr(item, method.presence);
                quote!(#docs pub fn #ident(&self) -> bool { #value })
            })
            .collect();
        if methods.is_empty() {
            return quote!();
        }
        let name = naming::ident(&item.path.name);
        let generics = self.type_params(item);
        quote! {
            impl #generics #name #generics { #(#methods)* }
        }
    }

    /// `#[derive(Debug, Clone, PartialEq)]`; without `PartialEq` in the `borrowed` module,
    /// where it would cost a third of the module's release build (BENCHMARKS.md) for values
    /// that are read, not compared, and as [`Config::partial_eq`](crate::Config::partial_eq)
    /// says elsewhere (behind `#[cfg_attr(feature = "…", derive(PartialEq))]`, or not at all).
    pub(super) fn derives(&self) -> TokenStream {
        self.derives_with(quote!())
    }

    /// [`Self::derives`] plus `extra` (`Default`, or nothing).
    ///
    /// With a TDLib or tonlib dialect, `Debug` is not derived: the JSON emitter implements it
    /// by printing the JSON ([`Self::json_debug`]).
    fn derives_with(&self, extra: TokenStream) -> TokenStream {
        self.derives_debug(extra, true)
    }

    /// [`Self::derives_with`], without `Debug` when `debug` is false (a struct with a
    /// hand-written `Debug`, [`Self::hex_debug_impl`]).
    fn derives_debug(&self, extra: TokenStream, debug: bool) -> TokenStream {
        let extra = (!extra.is_empty()).then(|| quote!(, #extra));
        let debug = (debug && self.json.is_none()).then(|| quote!(Debug,));
        match (&self.partial_eq, self.borrowed) {
            (Some(None), None) => quote!(#[derive(#debug Clone, PartialEq #extra)]),
            (Some(Some(feature)), None) => quote! {
                #[derive(#debug Clone #extra)]
                #[cfg_attr(feature = #feature, derive(PartialEq))]
            },
            _ => quote!(#[derive(#debug Clone #extra)]),
        }
    }

    /// `<'a, X, Y>`: the item's lifetime (in the `borrowed` module) and generic
    /// parameters, or nothing.
    fn type_params(&self, item: &Item) -> TokenStream {
        let lifetime = self.borrowed.map(|_| quote!('a));
        let params: Vec<TokenStream> = lifetime
            .into_iter()
            .chain(generic_idents(item).into_iter().map(|g| quote!(#g)))
            .collect();
        if params.is_empty() {
            quote!()
        } else {
            quote!(<#(#params),*>)
        }
    }

    /// `impl Identifiable`.
    fn identifiable(&self, item: &Item) -> TokenStream {
        let rt = &self.rt;
        let name = naming::ident(&item.path.name);
        let params = self.type_params(item);
        let args = &params;
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
        let rt = &self.rt;
        item.slots
            .iter()
            .map(|slot| match slot {
                Slot::Flags(word) => {
                    let bits = flag_bits(item, word);
                    let value = if bits.is_empty() {
                        quote!(0u32)
                    } else {
                        quote!(#(#bits)|*)
                    };
                    quote! { #rt::__private::write_u32(out, #value); }
                }
                Slot::Field(k) if is_value_word(item, *k) => {
                    // TON: the word's own bits, those of the params on it from their presence.
                    let f = &item.fields[*k];
                    let ident = naming::ident(&f.name);
                    let covered = hex_literal(covered_bits(item, &f.tl_name));
                    let bits = flag_bits(item, &f.tl_name);
                    quote! {
                        #rt::__private::write_u32(out, (self.#ident & !#covered) | #(#bits)|*);
                    }
                }
                Slot::Field(k) => {
                    let f = &item.fields[*k];
                    let deref = if f.boxed { quote!(*) } else { quote!() };
                    match (f.role, &f.condition, &f.ty) {
                        (FieldRole::Implied(_), ..) | (_, Some(_), Ty::True) => quote!(),
                        (FieldRole::Shared { group, index }, ..) => {
                            let shared = &item.shared[group];
                            let ident = naming::ident(&shared.name);
                            let access = match shared.position(index) {
                                (Some(outer), inner) => {
                                    let (outer, inner) = (
                                        proc_macro2::Literal::usize_unsuffixed(outer),
                                        proc_macro2::Literal::usize_unsuffixed(inner),
                                    );
                                    quote!(#outer.#inner)
                                }
                                (None, index) => proc_macro2::Literal::usize_unsuffixed(index)
                                    .into_token_stream(),
                            };
                            let write = self.encode(&f.ty, quote!(&#deref value.#access));
                            quote! { if let Some(value) = &self.#ident { #write } }
                        }
                        (FieldRole::Own, Some(_), ty) => {
                            let ident = naming::ident(&f.name);
                            let value = if f.boxed {
                                quote!(&**value)
                            } else {
                                quote!(value)
                            };
                            let write = self.encode(ty, value);
                            quote! { if let Some(value) = &self.#ident { #write } }
                        }
                        (FieldRole::Own, None, ty) => {
                            let ident = naming::ident(&f.name);
                            self.encode(ty, quote!(&#deref self.#ident))
                        }
                    }
                }
            })
            .collect()
    }

    /// Statements reading every slot from `r` and returning `Ok(Self { .. })`.
    fn decode_body(&self, item: &Item) -> TokenStream {
        let rt = &self.rt;
        let has_flags = item.slots.iter().any(|s| matches!(s, Slot::Flags(_)))
            || item.fields.iter().any(|f| f.condition.is_some());
        let names: Vec<Ident> = item.fields.iter().map(|f| naming::ident(&f.name)).collect();
        let read = |k: usize| -> TokenStream {
            let f = &item.fields[k];
            // `!X`: a function call only (`Deserializable::deserialize_function`).
            let decode = if matches!(f.ty, Ty::Generic(_))
                && f.tl_type.starts_with('!')
                && self.borrowed.is_none()
            {
                quote!(#rt::Deserializable::deserialize_function(r))
            } else {
                self.decode(&f.ty)
            };
            // `tri!`, not `?`: see `tlgen_runtime::__private::tri`.
            let value = if f.boxed {
                quote!(Box::new(#rt::__private::tri!(#decode)))
            } else {
                quote!(#rt::__private::tri!(#decode))
            };
            match &f.condition {
                Some((word, bit)) => {
                    // A TON word is a field, read into its own local; a Telegram word is not.
                    let word = match item
                        .fields
                        .iter()
                        .position(|w| w.ty == Ty::Nat && w.tl_name == *word)
                    {
                        Some(w) => names[w].clone(),
                        None => flag_local(word, item),
                    };
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
                    quote!(let #word = #rt::__private::tri!(r.read_u32());)
                } else {
                    quote!(#rt::__private::tri!(r.read_u32());)
                }
            }
            Slot::Field(k) if matches!(item.fields[*k].role, FieldRole::Implied(_)) => quote!(),
            Slot::Field(k) => {
                let name = &names[*k];
                let value = read(*k);
                quote!(let #name = #value;)
            }
        });
        let members = item
            .fields
            .iter()
            .zip(&names)
            .filter_map(|(f, name)| match f.role {
                FieldRole::Own => Some(quote!(#name)),
                FieldRole::Shared { group, index: 0 } => {
                    let shared = &item.shared[group];
                    let ident = naming::ident(&shared.name);
                    let locals: Vec<&Ident> = shared.members.iter().map(|&m| &names[m]).collect();
                    let tuple = match shared.chunk() {
                        Some(size) => {
                            let chunks = locals.chunks(size).map(|c| quote!((#(#c),*)));
                            quote!((#(#chunks),*))
                        }
                        None => quote!((#(#locals),*)),
                    };
                    Some(quote! {
                        #ident: match (#(#locals),*) {
                            (#(Some(#locals)),*) => Some(#tuple),
                            _ => None,
                        }
                    })
                }
                FieldRole::Shared { .. } | FieldRole::Implied(_) => None,
            });
        quote! {
            #(#statements)*
            Ok(Self { #(#members),* })
        }
    }

    /// `From<types::X> for enums::Y` and `TryFrom<enums::Y> for types::X`.
    fn conversions(&self, item: &Item, depth: usize) -> Items {
        let mut items = Items::default();
        let (ItemResult::Constructor(e), Some(gate)) = (&item.result, &self.conversions_gate)
        else {
            return items;
        };
        let ty = &self.ir.enums[*e];
        let Some((variant, _)) = ty
            .variants
            .iter()
            .find(|(_, c)| self.ir.constructors[*c].tl_name == item.tl_name)
        else {
            return items;
        };
        let variant = naming::ident(variant);
        let name = naming::ident(&item.path.name);
        let enum_path = ty.path.relative(depth);
        // An enum with an `Unknown` variant (TDLib's and tonlib's JSON) has two at least.
        let try_from = if ty.variants.len() == 1 && self.json.is_none() {
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
        items.gated(
            gate,
            quote! {
                impl From<#name> for #enum_path {
                    fn from(value: #name) -> Self {
                        Self::#variant(value)
                    }
                }
            },
        );
        items.gated(gate, try_from);
        items
    }
}

/// A constructor whose encoding is at most four fixed-size values (`int`, `long`, `double`,
/// `int128`, `int256`, `Bool`, flag words): `messageEntityBold offset:int length:int`,
/// `peerUser user_id:long`. Its codecs are `#[inline]`, so its enum's dispatcher reads and
/// writes it without a call (one per entity of every message); the bodies are a few
/// instructions, so inlining them costs next to nothing to compile.
fn is_tiny(item: &Item) -> bool {
    item.slots.len() <= 4
        && item.generics.is_empty()
        && item.fields.iter().all(|f| {
            !f.boxed
                && matches!(
                    f.ty,
                    Ty::Int
                        | Ty::Nat
                        | Ty::Long
                        | Ty::Double
                        | Ty::Int128
                        | Ty::Int256
                        | Ty::Bool
                        | Ty::True
                )
        })
}

/// An expression of a `Debug` type printing the value at `place` (a field, `self.nonce`,
/// or a member, `v.0`) in its [`DebugView`].
fn debug_value(rt: &TokenStream, place: &TokenStream, view: &DebugView) -> TokenStream {
    match view {
        DebugView::Plain => quote!(&#place),
        DebugView::Hex => quote!(#rt::debug::Hex(&#place)),
        // `v` is a reference; the model puts a tuple in it, whose members `v.0` reach.
        DebugView::Option(inner) => {
            let inner = debug_value(rt, &quote!(v), inner);
            quote!(#place.as_ref().map(|v| #inner))
        }
        DebugView::Tuple(members) => {
            let members = members.iter().enumerate().map(|(i, member)| {
                let i = proc_macro2::Literal::usize_unsuffixed(i);
                debug_value(rt, &quote!(#place.#i), member)
            });
            quote!((#(#members,)*))
        }
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
