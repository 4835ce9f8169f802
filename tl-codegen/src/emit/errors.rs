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

use std::collections::HashMap;

use proc_macro2::TokenStream;
use quote::quote;

use crate::docs_source::ErrorRef;
use crate::emit::docs::doc_lines;
use crate::emit::{supers, Context};
use crate::model::naming;
use crate::model::{ErrorVariant, Item};

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
    pub fn method_errors(&self) -> TokenStream {
        let with_errors = self
            .ir
            .functions
            .iter()
            .enumerate()
            .filter(|(_, f)| !f.errors.is_empty());
        let paths = with_errors.map(|(i, f)| (i, f.error_enum()));
        let per_function = self.namespaced(paths, |i, depth| {
            self.function_error_enum(&self.ir.functions[i], depth)
        });
        let method_error = self.method_error_trait();
        let lookup = self.documented_errors_lookup();
        quote!(#method_error #lookup #per_function)
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

    /// `errors::Error` and `MethodError`.
    ///
    /// Compile time: what differs between variants is data — `ERRORS` (code, name,
    /// description by variant index) and `PARSE` (sorted for a binary search) — so `code`,
    /// `name` and `description` share one `index` match, and parsing is a table lookup and
    /// one integer match (`from_index`) instead of a match on `(&str, Option<u32>, i32)`
    /// tuples, which rustc lowers into a chain of string comparisons.
    fn global_error_enum(&self) -> TokenStream {
        let rt = &self.rt;
        let errors = &self.ir.errors;
        let count = proc_macro2::Literal::usize_unsuffixed(errors.len());
        let definitions = errors.iter().map(|e| {
            let v = naming::ident(&e.variant);
            let docs = doc_lines(&format!(
                "`{}` `{}`: {}",
                e.doc.code,
                e.doc.name,
                doc_line(&e.doc.description)
            ));
            if e.parameterised {
                quote!(#docs #v {
                    /// The number in the error's name (the `%d`).
                    value: u32
                },)
            } else {
                quote!(#docs #v,)
            }
        });
        let table = errors.iter().map(|e| {
            let (code, name) = (e.doc.code, &e.doc.name);
            let d = one_line(&e.doc.description);
            quote!((#code, #name, #d),)
        });
        let index_arms = errors.iter().enumerate().map(|(i, e)| {
            let pattern = variant_pattern(e);
            let i = proc_macro2::Literal::usize_unsuffixed(i);
            quote!(#pattern => #i,)
        });
        let from_index_arms = errors.iter().enumerate().map(|(i, e)| {
            let v = naming::ident(&e.variant);
            let i = proc_macro2::Literal::u16_unsuffixed(i as u16);
            if e.parameterised {
                quote!(#i => Self::#v { value },)
            } else {
                quote!(#i => Self::#v,)
            }
        });
        // Errors whose number sits inside a word are matched on the whole name; the others
        // are looked up in `PARSE`.
        let in_word: Vec<TokenStream> = errors
            .iter()
            .filter_map(|e| Some((e, number_inside_word(e)?)))
            .map(|(e, (prefix, suffix))| {
                let v = naming::ident(&e.variant);
                let code = e.doc.code;
                quote! {
                    if parsed.value.is_none() && parsed.code == #code {
                        if let Some(value) = number_between(&parsed.name, #prefix, #suffix) {
                            return Self::#v { value };
                        }
                    }
                }
            })
            .collect();
        let mut parse: Vec<(&str, bool, i32, usize)> = errors
            .iter()
            .enumerate()
            .filter(|(_, e)| number_inside_word(e).is_none())
            .map(|(i, e)| (e.runtime_name.as_str(), e.parameterised, e.doc.code, i))
            .collect();
        parse.sort();
        parse.dedup_by(|a, b| (a.0, a.1, a.2) == (b.0, b.1, b.2));
        let parse_count = proc_macro2::Literal::usize_unsuffixed(parse.len());
        let parse_entries = parse.iter().map(|&(name, has_value, code, i)| {
            let i = proc_macro2::Literal::u16_unsuffixed(i as u16);
            quote!((#name, #has_value, #code, #i),)
        });
        let values = errors.iter().filter(|e| e.parameterised).map(|e| {
            let v = naming::ident(&e.variant);
            quote!(Self::#v { value } => Some(*value),)
        });
        let patterns: Vec<&str> = errors
            .iter()
            .filter(|e| e.parameterised)
            .map(|e| e.doc.name.as_str())
            .collect();
        let pattern_count = proc_macro2::Literal::usize_unsuffixed(patterns.len());
        // Without docs there may be no variant (or none without a number): no catch-all
        // arm then, or it would be unreachable.
        let value_fallback = errors
            .iter()
            .any(|e| !e.parameterised)
            .then(|| quote!(_ => None,));
        let in_word_helper = (!in_word.is_empty()).then(|| {
            quote! {
                /// The number of a message whose number sits inside a word
                /// (`PREVIOUS_CHAT_IMPORT_ACTIVE_WAIT_5MIN`), which `RpcError` keeps whole.
                pub(super) fn number_between(message: &str, prefix: &str, suffix: &str) -> Option<u32> {
                    let digits = message.strip_prefix(prefix)?.strip_suffix(suffix)?;
                    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
                        return None;
                    }
                    digits.parse().ok()
                }
            }
        });
        let from_rpc_error = if errors.is_empty() {
            quote!(Self::Other(error))
        } else {
            quote! {
                let parsed = #rt::RpcError::with_patterns(error.code, error.message(), &PATTERNS);
                let key = (parsed.name.as_str(), parsed.value.is_some(), parsed.code);
                if let Ok(found) = PARSE.binary_search_by(|&(name, has_value, code, _)| {
                    (name, has_value, code).cmp(&key)
                }) {
                    if let Some(known) = PARSE
                        .get(found)
                        .and_then(|&(.., index)| Self::from_index(index, parsed.value.unwrap_or_default()))
                    {
                        return known;
                    }
                }
                #(#in_word)*
                Self::Other(error)
            }
        };
        let rebuild_known = (!errors.is_empty()).then(|| {
            quote! {
                known => {
                    let message = match known.value() {
                        Some(value) => known.name().replace("%d", &value.to_string()),
                        None => known.name().to_string(),
                    };
                    #rt::RpcError::with_patterns(known.code(), &message, &PATTERNS)
                }
            }
        });
        // Without variants but `Other`, a catch-all arm would be unreachable.
        let known_code = (!errors.is_empty())
            .then(|| quote!(known => ERRORS.get(known.index()).map_or(0, |&(code, ..)| code),));
        let known_name = (!errors.is_empty())
            .then(|| quote!(known => ERRORS.get(known.index()).map_or("", |&(_, name, _)| name),));
        let from_index = (!errors.is_empty()).then(|| {
            quote! {
                /// The variant at `index` of [`ERRORS`], with `value` if it has a number.
                #[allow(unused_variables)]
                fn from_index(index: u16, value: u32) -> Option<Self> {
                    Some(match index {
                        #(#from_index_arms)*
                        _ => return None,
                    })
                }
            }
        });
        quote! {
            #in_word_helper

            /// The documented name patterns with a number (`FLOOD_WAIT_%d`), for parsing.
            pub static PATTERNS: [&str; #pattern_count] = [#(#patterns),*];

            /// `(code, documented name, description)` of each variant of [`Error`] but
            /// `Other`, in order.
            static ERRORS: [(i32, &str, &str); #count] = [#(#table)*];

            /// `(name as RpcError splits it, has a number, code, index in ERRORS)`, sorted:
            /// what `From<RpcError>` looks a parsed error up in.
            static PARSE: [(&str, bool, i32, u16); #parse_count] = [#(#parse_entries)*];

            /// Every known RPC error, documented or global, with its number as a field.
            /// Anything else stays [`Error::Other`] with the original `RpcError`.
            ///
            /// Non-exhaustive: every layer documents new errors.
            #[derive(Debug, Clone, PartialEq, Eq)]
            #[non_exhaustive]
            pub enum Error {
                #(#definitions)*
                /// An error not documented with this name, number and code.
                Other(#rt::RpcError),
            }

            impl Error {
                /// The index of this variant in [`ERRORS`]; past its end for `Other`.
                #[inline]
                fn index(&self) -> usize {
                    match self {
                        #(#index_arms)*
                        Self::Other(_) => #count,
                    }
                }

                #from_index

                /// The error code: `400`, `420`, `-503`, ...
                #[inline]
                pub fn code(&self) -> i32 {
                    match self {
                        Self::Other(e) => e.code,
                        #known_code
                    }
                }

                /// The documented name (`FLOOD_WAIT_%d`), or the received one for `Other`.
                #[inline]
                pub fn name(&self) -> &str {
                    match self {
                        Self::Other(e) => &e.name,
                        #known_name
                    }
                }

                /// The number carried in the name, if any.
                #[inline]
                pub fn value(&self) -> Option<u32> {
                    match self {
                        #(#values)*
                        Self::Other(e) => e.value,
                        #value_fallback
                    }
                }

                /// What the error means, as documented.
                #[inline]
                pub fn description(&self) -> Option<&'static str> {
                    ERRORS.get(self.index()).map(|&(.., description)| description)
                }

                /// The `RpcError` this error stands for, with its message rebuilt.
                #[inline]
                pub fn to_rpc_error(&self) -> #rt::RpcError {
                    match self {
                        Self::Other(e) => e.clone(),
                        #rebuild_known
                    }
                }
            }

            impl From<#rt::RpcError> for Error {
                #[inline]
                fn from(error: #rt::RpcError) -> Self {
                    #from_rpc_error
                }
            }

            impl From<Error> for #rt::RpcError {
                #[inline]
                fn from(error: Error) -> Self {
                    error.to_rpc_error()
                }
            }

            impl ::core::fmt::Display for Error {
                #[inline]
                fn fmt(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
                    ::core::fmt::Display::fmt(&self.to_rpc_error(), f)
                }
            }

            impl ::std::error::Error for Error {}

        }
    }

    /// `MethodError`: what every per-function error enum has, one copy for all of them.
    fn method_error_trait(&self) -> TokenStream {
        let rt = &self.rt;
        quote! {
            /// What every per-method error enum (`payments::SendStarsFormError`) has: its
            /// documented errors, and its view as the crate-wide [`Error`](super::errors::Error).
            ///
            /// A trait rather than inherent methods so that the per-method enums share one
            /// copy of these methods: bring it into scope (`use …::errors::MethodError;`) to
            /// call them.
            pub trait MethodError: Clone + From<super::errors::Error> + Into<super::errors::Error> + From<#rt::RpcError> {
                /// The documented `(code, name)` of each variant before `Global`, in order.
                const DOCUMENTED: &'static [(i32, &'static str)];

                /// The documented `(code, name)` of this variant; `None` for `Global` and
                /// `Other`.
                fn documented(&self) -> Option<(i32, &'static str)>;

                /// The same error as the crate-wide enum.
                #[inline]
                fn to_error(&self) -> super::errors::Error {
                    self.clone().into()
                }

                /// The error code: `400`, `420`, ...
                #[inline]
                fn code(&self) -> i32 {
                    self.to_error().code()
                }

                /// The number carried in the name (`FLOOD_WAIT_30` → 30), if any.
                #[inline]
                fn value(&self) -> Option<u32> {
                    self.to_error().value()
                }
            }
        }
    }

    fn function_error_enum(&self, item: &Item, depth: usize) -> TokenStream {
        let by_name: HashMap<&str, &ErrorVariant> = self
            .ir
            .errors
            .iter()
            .map(|e| (e.doc.name.as_str(), e))
            .collect();
        let name = naming::ident(&item.error_enum().name);
        // This enum sits in `method_errors` (its root at `depth - 1` levels up): `MethodError`
        // is there, `Error`, `PATTERNS` and `number_between` in the sibling `errors`.
        let supers = supers(depth - 1);
        let errors_module = {
            let up = crate::emit::supers(depth);
            quote!(#up errors::)
        };
        let error = quote!(#errors_module Error);
        let function = item.path.relative(depth);
        let doc = format!(
            " Errors of [`{}`]({}): its documented errors, then `Global` for a known error not \
             documented for it and `Other` for an unknown one.",
            item.tl_name, function
        );
        let mut seen = std::collections::HashSet::new();
        let known: Vec<(&ErrorVariant, &ErrorRef)> = item
            .errors
            .iter()
            .filter_map(|e| Some((*by_name.get(e.name.as_str())?, e)))
            .filter(|(v, _)| seen.insert(v.variant.clone()))
            .collect();
        let definitions = known.iter().map(|(v, doc)| {
            let ident = naming::ident(&v.variant);
            let docs = doc_lines(&format!(
                "`{}` `{}`: {}",
                doc.code,
                doc.name,
                doc_line(&doc.description)
            ));
            if v.parameterised {
                quote!(#docs #ident {
                    /// The number in the error's name (the `%d`).
                    value: u32
                },)
            } else {
                quote!(#docs #ident,)
            }
        });
        let rt = &self.rt;
        // A method may document a known name with another code than the crate-wide entry
        // (`403 PREMIUM_ACCOUNT_REQUIRED` where `Error` has 400): such a variant is matched
        // on its own code, from `Error::Other`, and goes back as `Error::Other`.
        let same_code = |v: &ErrorVariant, doc: &ErrorRef| v.doc.code == doc.code;
        let to_specific = known
            .iter()
            .filter(|(v, doc)| same_code(v, doc))
            .map(|(v, _)| {
                let ident = naming::ident(&v.variant);
                if v.parameterised {
                    quote!(#error::#ident { value } => Self::#ident { value },)
                } else {
                    quote!(#error::#ident => Self::#ident,)
                }
            });
        let own_code: Vec<TokenStream> = known
            .iter()
            .filter(|(v, doc)| !same_code(v, doc))
            .map(|(v, doc)| parse_arm(v, doc.code, &quote!(Self), &errors_module))
            .collect();
        let from_other = if own_code.is_empty() {
            quote!(#error::Other(other) => Self::Other(other),)
        } else {
            quote! {
                #error::Other(other) => {
                    let parsed = #rt::RpcError::with_patterns(
                        other.code,
                        other.message(),
                        &#errors_module PATTERNS,
                    );
                    match (parsed.name.as_str(), parsed.value, parsed.code) {
                        #(#own_code)*
                        _ => Self::Other(other),
                    }
                }
            }
        };
        let to_general = known.iter().map(|(v, doc)| {
            let ident = naming::ident(&v.variant);
            let (documented, code) = (&doc.name, doc.code);
            match (v.parameterised, same_code(v, doc)) {
                (true, true) => quote!(#name::#ident { value } => Self::#ident { value },),
                (false, true) => quote!(#name::#ident => Self::#ident,),
                (true, false) => quote! {
                    #name::#ident { value } => Self::Other(#rt::RpcError::with_patterns(
                        #code,
                        &#documented.replace("%d", &value.to_string()),
                        &#errors_module PATTERNS,
                    )),
                },
                (false, false) => quote! {
                    #name::#ident => Self::Other(#rt::RpcError::with_patterns(
                        #code,
                        #documented,
                        &#errors_module PATTERNS,
                    )),
                },
            }
        });
        let documented_arms = known.iter().map(|(v, doc)| {
            let pattern = variant_pattern(v);
            let (code, documented) = (doc.code, &doc.name);
            quote!(#pattern => Some((#code, #documented)),)
        });
        let documented = known.iter().map(|(_, doc)| {
            let (code, name) = (doc.code, &doc.name);
            quote!((#code, #name))
        });
        quote! {
            #[doc = #doc]
            #[derive(Debug, Clone, PartialEq, Eq)]
            pub enum #name {
                #(#definitions)*
                /// A known error not documented for this method: flood waits, migrations, ...
                /// (never the crate-wide `Error::Other`: an unknown error is [`Self::Other`]).
                Global(#error),
                /// An error not known with this name, number and code, as received.
                Other(#rt::RpcError),
            }

            impl #supers MethodError for #name {
                const DOCUMENTED: &'static [(i32, &'static str)] = &[#(#documented),*];

                #[inline]
                fn documented(&self) -> Option<(i32, &'static str)> {
                    match self {
                        #(#documented_arms)*
                        Self::Global(_) | Self::Other(_) => None,
                    }
                }
            }

            impl From<#error> for #name {
                #[inline]
                fn from(error: #error) -> Self {
                    match error {
                        #(#to_specific)*
                        #from_other
                        global => Self::Global(global),
                    }
                }
            }

            impl From<#name> for #error {
                #[inline]
                fn from(error: #name) -> Self {
                    match error {
                        #(#to_general)*
                        #name::Global(global) => global,
                        #name::Other(other) => Self::Other(other),
                    }
                }
            }

            impl From<#rt::RpcError> for #name {
                #[inline]
                fn from(error: #rt::RpcError) -> Self {
                    #error::from(error).into()
                }
            }

            impl ::core::fmt::Display for #name {
                #[inline]
                fn fmt(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
                    ::core::fmt::Display::fmt(&#supers MethodError::to_error(self), f)
                }
            }

            impl ::std::error::Error for #name {}
        }
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
