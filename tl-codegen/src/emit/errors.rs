//! Typed RPC errors: `errors::Error` with every known error, and one enum per function
//! with exactly its documented errors plus a catch-all holding `errors::Error`.
//!
//! Conversions are lossless: an error whose name, number or code does not match a
//! documented one stays an `Error::Other(RpcError)` with the original message.

use std::collections::HashMap;

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use crate::emit::docs::doc_lines;
use crate::emit::{supers, Context};
use crate::ir::{ErrorVariant, Item, ItemResult, RustPath, Ty};
use crate::naming;

impl Context<'_> {
    /// The `errors` module.
    pub fn errors(&self) -> TokenStream {
        let global = self.global_error_enum();
        let with_errors = self
            .ir
            .functions
            .iter()
            .enumerate()
            .filter(|(_, f)| !f.errors.is_empty());
        let paths = with_errors.map(|(i, f)| (i, error_enum_path(f)));
        let per_function = self.namespaced(paths, |i, depth| {
            self.function_error_enum(&self.ir.functions[i], depth)
        });
        quote!(#global #per_function)
    }

    /// `type Error = …;` for a function's `RemoteCall` impl.
    pub fn function_error_type(&self, item: &Item, depth: usize) -> TokenStream {
        let ty = match &item.result {
            ItemResult::Function(Ty::Generic(g)) if item.errors.is_empty() => {
                let g = naming::ident(g);
                quote!(#g::Error)
            }
            _ if item.errors.is_empty() => {
                let supers = supers(depth);
                quote!(#supers errors::Error)
            }
            _ => self.item_path("errors", &error_enum_path(item), depth),
        };
        quote!(type Error = #ty;)
    }

    fn global_error_enum(&self) -> TokenStream {
        let rt = &self.rt;
        let errors = &self.ir.errors;
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
        let codes = errors.iter().map(|e| {
            let code = e.doc.code;
            let pattern = variant_pattern(e);
            quote!(#pattern => #code,)
        });
        let names = errors.iter().map(|e| {
            let pattern = variant_pattern(e);
            let name = &e.doc.name;
            quote!(#pattern => #name,)
        });
        let descriptions = errors.iter().map(|e| {
            let pattern = variant_pattern(e);
            let d = one_line(&e.doc.description);
            quote!(#pattern => Some(#d),)
        });
        let values = errors.iter().filter(|e| e.parameterised).map(|e| {
            let v = naming::ident(&e.variant);
            quote!(Self::#v { value } => Some(*value),)
        });
        let parse = errors.iter().map(|e| {
            let v = naming::ident(&e.variant);
            let (name, code) = (&e.runtime_name, e.doc.code);
            if e.parameterised {
                quote!((#name, Some(value), #code) => Self::#v { value },)
            } else {
                quote!((#name, None, #code) => Self::#v,)
            }
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
        let from_rpc_error = if errors.is_empty() {
            quote!(Self::Other(error))
        } else {
            quote! {
                let parsed = #rt::RpcError::with_patterns(error.code, error.message(), &PATTERNS);
                match (parsed.name.as_str(), parsed.value, parsed.code) {
                    #(#parse)*
                    _ => Self::Other(error),
                }
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
        quote! {
            /// The documented name patterns with a number (`FLOOD_WAIT_%d`), for parsing.
            pub static PATTERNS: [&str; #pattern_count] = [#(#patterns),*];

            /// Every known RPC error, documented or global, with its number as a field.
            /// Anything else stays [`Error::Other`] with the original `RpcError`.
            #[derive(Debug, Clone, PartialEq, Eq)]
            pub enum Error {
                #(#definitions)*
                /// An error not documented with this name, number and code.
                Other(#rt::RpcError),
            }

            impl Error {
                /// The error code: `400`, `420`, `-503`, ...
                pub fn code(&self) -> i32 {
                    match self {
                        #(#codes)*
                        Self::Other(e) => e.code,
                    }
                }

                /// The documented name (`FLOOD_WAIT_%d`), or the received one for `Other`.
                pub fn name(&self) -> &str {
                    match self {
                        #(#names)*
                        Self::Other(e) => &e.name,
                    }
                }

                /// The number carried in the name, if any.
                pub fn value(&self) -> Option<u32> {
                    match self {
                        #(#values)*
                        Self::Other(e) => e.value,
                        #value_fallback
                    }
                }

                /// What the error means, as documented.
                pub fn description(&self) -> Option<&'static str> {
                    match self {
                        #(#descriptions)*
                        Self::Other(_) => None,
                    }
                }

                /// The `RpcError` this error stands for, with its message rebuilt.
                pub fn to_rpc_error(&self) -> #rt::RpcError {
                    match self {
                        Self::Other(e) => e.clone(),
                        #rebuild_known
                    }
                }
            }

            impl From<#rt::RpcError> for Error {
                fn from(error: #rt::RpcError) -> Self {
                    #from_rpc_error
                }
            }

            impl From<Error> for #rt::RpcError {
                fn from(error: Error) -> Self {
                    error.to_rpc_error()
                }
            }

            impl ::core::fmt::Display for Error {
                fn fmt(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
                    ::core::fmt::Display::fmt(&self.to_rpc_error(), f)
                }
            }

            impl ::std::error::Error for Error {}
        }
    }

    fn function_error_enum(&self, item: &Item, depth: usize) -> TokenStream {
        let by_name: HashMap<&str, &ErrorVariant> = self
            .ir
            .errors
            .iter()
            .map(|e| (e.doc.name.as_str(), e))
            .collect();
        let name = format_ident!("{}Error", item.path.name);
        let supers = supers(depth - 1);
        let error = quote!(#supers Error);
        let function = self.item_path("functions", &item.path, depth);
        let doc = format!(
            " Errors of [`{}`]({}): its documented errors, and `Other` for any other.",
            item.tl_name,
            function.to_string().replace(' ', "")
        );
        let mut seen = std::collections::HashSet::new();
        let known: Vec<(&ErrorVariant, &crate::docs_source::ErrorRef)> = item
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
        let to_specific = known.iter().map(|(v, _)| {
            let ident = naming::ident(&v.variant);
            if v.parameterised {
                quote!(#error::#ident { value } => Self::#ident { value },)
            } else {
                quote!(#error::#ident => Self::#ident,)
            }
        });
        let to_general = known.iter().map(|(v, _)| {
            let ident = naming::ident(&v.variant);
            if v.parameterised {
                quote!(#name::#ident { value } => Self::#ident { value },)
            } else {
                quote!(#name::#ident => Self::#ident,)
            }
        });
        let rt = &self.rt;
        quote! {
            #[doc = #doc]
            #[derive(Debug, Clone, PartialEq, Eq)]
            pub enum #name {
                #(#definitions)*
                /// Any other error: global (flood waits, migrations, ...) or undocumented.
                Other(#error),
            }

            impl #name {
                /// The same error as the crate-wide enum.
                pub fn to_error(&self) -> #error {
                    self.clone().into()
                }

                /// The error code.
                pub fn code(&self) -> i32 {
                    self.to_error().code()
                }
            }

            impl From<#error> for #name {
                fn from(error: #error) -> Self {
                    match error {
                        #(#to_specific)*
                        other => Self::Other(other),
                    }
                }
            }

            impl From<#name> for #error {
                fn from(error: #name) -> Self {
                    match error {
                        #(#to_general)*
                        #name::Other(other) => other,
                    }
                }
            }

            impl From<#rt::RpcError> for #name {
                fn from(error: #rt::RpcError) -> Self {
                    #error::from(error).into()
                }
            }

            impl ::core::fmt::Display for #name {
                fn fmt(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
                    ::core::fmt::Display::fmt(&self.to_error(), f)
                }
            }

            impl ::std::error::Error for #name {}
        }
    }
}

/// `errors::payments::SendStarsFormError` for `payments.sendStarsForm`.
fn error_enum_path(item: &Item) -> RustPath {
    RustPath {
        modules: item.path.modules.clone(),
        name: format!("{}Error", item.path.name),
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
