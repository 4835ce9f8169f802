//! Typed RPC errors: `errors::Error` with every known error, and one enum per function
//! with exactly its documented errors, then `Global(errors::Error)` for a known error not
//! documented for it (flood waits, migrations, ...) and `Other(RpcError)` for anything else.
//! Every error sits one level deep: `Global(Error::FloodWait { value: 30 })`,
//! `Other(RpcError { .. })`. The per-function enums convert through `errors::Error`, so each
//! costs one small match each way, not a copy of every global error.
//!
//! Conversions are lossless: an error whose name, number or code does not match a
//! documented one stays `Other(RpcError)` with the original message. When the schema has
//! an `rpc_error error_code:int error_message:string` constructor, its generated struct and
//! enum convert into the runtime's `RpcError`, `errors::Error` and every per-function enum.

use proc_macro2::TokenStream;
use quote::quote;

mod global;
mod method;

use crate::emit::Context;
use crate::model::naming;
use crate::model::{ErrorVariant, Item, MissingItem};

impl Context<'_> {
    /// The `errors` module.
    ///
    /// Every method of its impls is `#[inline]`: the error enums' conversions and accessors
    /// are then compiled in the crates that use them, for the methods they use, instead of
    /// all of them in the crate that defines them.
    pub fn errors(&self) -> TokenStream {
        let global = self.global_error_enum();
        let into_runtime = self.generated_rpc_error_into_runtime();
        let error_from_generated = self.generated_rpc_error_into(&quote!(Error), 1);
        let reexport = self.method_errors_gate.as_ref().map(|gate| {
            quote! {
                #gate
                pub use super::method_errors::*;
            }
        });
        quote!(#global #into_runtime #error_from_generated #reexport)
    }

    /// The `method_errors` module: one enum per function with documented errors, the
    /// `MethodError` trait they share, and the lookups by TL name. `errors` re-exports it.
    pub fn method_errors(&self) -> Result<TokenStream, MissingItem> {
        let with_errors = self
            .ir
            .functions
            .iter()
            .enumerate()
            .filter(|(_, f)| !f.errors.is_empty());
        let paths = with_errors.map(|(i, f)| (i, f.error_enum()));
        let per_function = self
            .namespaced(paths, |i, depth| {
                Ok(self.function_error_enum(&self.ir.functions[i], depth))
            })?
            .kept;
        let method_error = self.method_error_trait();
        let lookup = self.documented_errors_lookup();
        Ok(quote!(#method_error #lookup #per_function))
    }

    /// `documented_errors(method)`: each method's `DOCUMENTED` list, by TL name.
    fn documented_errors_lookup(&self) -> TokenStream {
        let mut methods: Vec<&Item> = self
            .ir
            .functions
            .iter()
            .filter(|f| !f.errors.is_empty())
            .collect();
        methods.sort_by(|a, b| a.tl_name.cmp(&b.tl_name));
        methods.dedup_by(|a, b| a.tl_name == b.tl_name);
        let count = proc_macro2::Literal::usize_unsuffixed(methods.len());
        let entries = methods.iter().map(|f| {
            let name = &f.tl_name;
            let path = f.error_enum();
            let path = path.relative(1);
            quote!((#name, <#path as MethodError>::DOCUMENTED, documented_of::<#path>),)
        });
        let rt = &self.rt;
        quote! {
            /// Which documented error of `E` an `RpcError` is: one instance per method in
            /// [`DOCUMENTED`], no closure body of its own.
            fn documented_of<E: MethodError>(error: #rt::RpcError) -> Option<(i32, &'static str)> {
                E::from(error).documented()
            }

            /// Every method with documented errors, sorted by TL name: its errors, and the
            /// conversion into its error enum.
            #[allow(clippy::type_complexity)]
            static DOCUMENTED: [(
                &str,
                &[(i32, &str)],
                fn(#rt::RpcError) -> Option<(i32, &'static str)>,
            ); #count] = [#(#entries)*];

            /// The documented `(code, name)` errors of a method, by its TL name
            /// (`payments.sendStarsForm`): the variants of its error enum, in order.
            pub fn documented_errors(method: &str) -> Option<&'static [(i32, &'static str)]> {
                let index = DOCUMENTED.binary_search_by_key(&method, |&(name, ..)| name).ok()?;
                DOCUMENTED.get(index).map(|&(_, errors, _)| errors)
            }

            /// Which of `method`'s documented errors `error` is, as `(code, name)`: what
            /// converting it into the method's error enum gives, when that is not `Global`
            /// or `Other`. `None` for an unknown method.
            pub fn documented_error(method: &str, error: #rt::RpcError) -> Option<(i32, &'static str)> {
                let index = DOCUMENTED.binary_search_by_key(&method, |&(name, ..)| name).ok()?;
                DOCUMENTED.get(index).and_then(|&(_, _, convert)| convert(error))
            }
        }
    }

    /// `From<types::RpcError>` and `From<enums::RpcError>` for the runtime's `RpcError`
    /// ([`Model::rpc_error`]).
    fn generated_rpc_error_into_runtime(&self) -> TokenStream {
        let Some(bridge) = &self.ir.rpc_error else {
            return quote!();
        };
        let Some(item) = self.ir.constructors.get(bridge.constructor) else {
            return quote!();
        };
        let rt = &self.rt;
        let ty = item.path.relative(1);
        let (code, message) = (
            naming::ident(&bridge.fields.0),
            naming::ident(&bridge.fields.1),
        );
        let from_enum = bridge.boxed.as_ref().and_then(|(boxed, variant)| {
            let path = self.ir.enums.get(*boxed)?.path.relative(1);
            let variant = naming::ident(variant);
            Some(quote! {
                /// The error held by the generated `rpc_error`, with its name and number split.
                impl From<#path> for #rt::RpcError {
                    #[inline]
                    fn from(error: #path) -> Self {
                        match error {
                            #path::#variant(error) => error.into(),
                        }
                    }
                }
            })
        });
        quote! {
            /// The error held by the generated `rpc_error`, with its name and number split
            /// by the documented [`PATTERNS`].
            impl From<#ty> for #rt::RpcError {
                #[inline]
                fn from(error: #ty) -> Self {
                    #rt::RpcError::with_patterns(error.#code, &error.#message, &PATTERNS)
                }
            }

            #from_enum
        }
    }

    /// `From<types::RpcError>` and `From<enums::RpcError>` for `target`, `depth` modules down.
    fn generated_rpc_error_into(&self, target: &TokenStream, depth: usize) -> TokenStream {
        let Some(bridge) = &self.ir.rpc_error else {
            return quote!();
        };
        let rt = &self.rt;
        let item = self
            .ir
            .constructors
            .get(bridge.constructor)
            .map(|c| &c.path);
        let boxed = (bridge.boxed.as_ref()).and_then(|(e, _)| Some(&self.ir.enums.get(*e)?.path));
        item.into_iter()
            .chain(boxed)
            .map(|source| {
                let source = source.relative(depth);
                quote! {
                    impl From<#source> for #target {
                        #[inline]
                        fn from(error: #source) -> Self {
                            #rt::RpcError::from(error).into()
                        }
                    }
                }
            })
            .collect()
    }

    /// `type Error = …;` for a function's `RemoteCall` impl ([`Model::error_type`]).
    pub fn function_error_type(&self, item: &Item, depth: usize) -> TokenStream {
        let ty = self.ir.error_type(item, self.typed_method_errors);
        let ty = ty.relative(depth);
        quote!(type Error = #ty;)
    }
}

/// The match arm turning a parsed `(name, value, code)` into the variant of `e` under `code`.
///
/// A number inside a word (`PREVIOUS_CHAT_IMPORT_ACTIVE_WAIT_%dMIN`) is not split out by
/// `RpcError`, so that arm matches the whole name with `number_between` (found through
/// `supers`, the path from the enum's module into the `errors` module, `…::errors::`).
fn parse_arm(
    e: &ErrorVariant,
    code: i32,
    target: &TokenStream,
    supers: &TokenStream,
) -> TokenStream {
    let v = naming::ident(&e.variant);
    let name = &e.runtime_name;
    match (e.parameterised, number_in_word(&e.doc.name)) {
        (true, Some((prefix, suffix))) => quote! {
            (name, None, #code) if #supers number_between(name, #prefix, #suffix).is_some() => {
                #target::#v {
                    value: #supers number_between(name, #prefix, #suffix).unwrap_or_default(),
                }
            }
        },
        (true, None) => quote!((#name, Some(value), #code) => #target::#v { value },),
        (false, _) => quote!((#name, None, #code) => #target::#v,),
    }
}

/// `Some((prefix, suffix))` for a name whose `%d` is not a whole `_`-separated word.
fn number_in_word(name: &str) -> Option<(&str, &str)> {
    let (prefix, suffix) = name.split_once("%d")?;
    let word_before = prefix.is_empty() || prefix.ends_with('_');
    let word_after = suffix.is_empty() || suffix.starts_with('_');
    (!(word_before && word_after)).then_some((prefix, suffix))
}

/// `Some((prefix, suffix))` for an error with a number whose `%d` is not a whole word.
fn number_inside_word(e: &ErrorVariant) -> Option<(&str, &str)> {
    if e.parameterised {
        number_in_word(&e.doc.name)
    } else {
        None
    }
}

/// `Self::V` or `Self::V { .. }`.
fn variant_pattern(e: &ErrorVariant) -> TokenStream {
    let v = naming::ident(&e.variant);
    if e.parameterised {
        quote!(Self::#v { .. })
    } else {
        quote!(Self::#v)
    }
}

/// Descriptions on one line, for `description()`.
fn one_line(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// A description on one line, escaped for rustdoc.
fn doc_line(text: &str) -> String {
    crate::markdown::escape_markdown(&one_line(text))
}
