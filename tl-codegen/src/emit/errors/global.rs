//! `errors::Error`: every known RPC error, with its tables and conversions.
//!
//! Compile time: what differs between variants is data — `ERRORS` (code, name, description
//! by variant index) and `PARSE` (sorted for a binary search) — so `code`, `name` and
//! `description` share one `index` match, and parsing is a table lookup and one integer
//! match (`from_index`) instead of a match on `(&str, Option<u32>, i32)` tuples, which rustc
//! lowers into a chain of string comparisons.

use proc_macro2::{Literal, TokenStream};
use quote::quote;

use super::{doc_line, number_inside_word, one_line, variant_pattern};
use crate::emit::docs::doc_lines;
use crate::emit::Context;
use crate::model::naming;

impl Context<'_> {
    /// `errors::Error`, its tables, its methods and its conversions.
    pub(super) fn global_error_enum(&self) -> TokenStream {
        let tables = self.error_tables();
        let definition = self.error_definition();
        let methods = self.error_methods();
        let conversions = self.error_conversions();
        quote! {
            #tables
            #definition
            #methods
            #conversions
        }
    }

    /// `number_between` (when an error's number sits inside a word), `PATTERNS`, `ERRORS`
    /// and `PARSE`.
    fn error_tables(&self) -> TokenStream {
        let errors = &self.ir.errors;
        let count = Literal::usize_unsuffixed(errors.len());
        let table = errors.iter().map(|e| {
            let (code, name) = (e.doc.code, &e.doc.name);
            let d = one_line(&e.doc.description);
            quote!((#code, #name, #d),)
        });
        let mut parse: Vec<(&str, bool, i32, usize)> = errors
            .iter()
            .enumerate()
            .filter(|(_, e)| number_inside_word(e).is_none())
            .map(|(i, e)| (e.runtime_name.as_str(), e.parameterised, e.doc.code, i))
            .collect();
        parse.sort();
        parse.dedup_by(|a, b| (a.0, a.1, a.2) == (b.0, b.1, b.2));
        let parse_count = Literal::usize_unsuffixed(parse.len());
        let parse_entries = parse.iter().map(|&(name, has_value, code, i)| {
            let i = Literal::u16_unsuffixed(i as u16);
            quote!((#name, #has_value, #code, #i),)
        });
        let patterns: Vec<&str> = errors
            .iter()
            .filter(|e| e.parameterised)
            .map(|e| e.doc.name.as_str())
            .collect();
        let pattern_count = Literal::usize_unsuffixed(patterns.len());
        let in_word_helper = errors
            .iter()
            .any(|e| number_inside_word(e).is_some())
            .then(|| {
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
        }
    }

    /// `pub enum Error`: a variant per known error, then `Other`.
    fn error_definition(&self) -> TokenStream {
        let rt = &self.rt;
        let definitions = self.ir.errors.iter().map(|e| {
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
        quote! {
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
        }
    }

    /// `impl Error`: `index`, `from_index`, `code`, `name`, `value`, `description`,
    /// `to_rpc_error`.
    fn error_methods(&self) -> TokenStream {
        let rt = &self.rt;
        let errors = &self.ir.errors;
        let count = Literal::usize_unsuffixed(errors.len());
        let index_arms = errors.iter().enumerate().map(|(i, e)| {
            let pattern = variant_pattern(e);
            let i = Literal::usize_unsuffixed(i);
            quote!(#pattern => #i,)
        });
        let values = errors.iter().filter(|e| e.parameterised).map(|e| {
            let v = naming::ident(&e.variant);
            quote!(Self::#v { value } => Some(*value),)
        });
        // Without docs there may be no variant (or none without a number): no catch-all
        // arm then, or it would be unreachable.
        let value_fallback = errors
            .iter()
            .any(|e| !e.parameterised)
            .then(|| quote!(_ => None,));
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
        let from_index = self.error_from_index();
        quote! {
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
        }
    }

    /// `Error::from_index`: the variant at an index of `ERRORS` (none without variants).
    fn error_from_index(&self) -> Option<TokenStream> {
        let errors = &self.ir.errors;
        let from_index_arms = errors.iter().enumerate().map(|(i, e)| {
            let v = naming::ident(&e.variant);
            let i = Literal::u16_unsuffixed(i as u16);
            if e.parameterised {
                quote!(#i => Self::#v { value },)
            } else {
                quote!(#i => Self::#v,)
            }
        });
        (!errors.is_empty()).then(|| {
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
        })
    }

    /// `Error` from and into the runtime's `RpcError`, `Display` and `std::error::Error`.
    fn error_conversions(&self) -> TokenStream {
        let rt = &self.rt;
        let errors = &self.ir.errors;
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
        quote! {
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
}
