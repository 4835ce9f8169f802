//! The per-method error enums (`payments::SendStarsFormError`) and the `MethodError` trait
//! they share.

use std::collections::HashMap;

use proc_macro2::{Ident, TokenStream};
use quote::quote;

use super::{doc_line, parse_arm, variant_pattern};
use crate::docs_source::ErrorRef;
use crate::emit::docs::doc_lines;
use crate::emit::{supers, Context};
use crate::model::naming;
use crate::model::{ErrorVariant, Item};

/// One per-method error enum, as its parts need it.
struct MethodEnum<'m> {
    /// The enum's name.
    name: Ident,
    /// The path of the `errors` module from the enum's module, `super::…::errors::`.
    errors_module: TokenStream,
    /// `errors::Error` from the enum's module.
    error: TokenStream,
    /// The path of `method_errors` from the enum's module (where `MethodError` is).
    supers: TokenStream,
    /// Its variants before `Global`: each documented error known to `errors::Error` (once
    /// per variant), with the method's documentation of it.
    known: Vec<(&'m ErrorVariant, &'m ErrorRef)>,
}

/// Whether a method documents `v` with the code of the crate-wide entry: a method may
/// document a known name with another (`403 PREMIUM_ACCOUNT_REQUIRED` where `Error` has
/// 400), and such a variant is matched on its own code, from `Error::Other`, and goes back
/// as `Error::Other`.
fn same_code(v: &ErrorVariant, doc: &ErrorRef) -> bool {
    v.doc.code == doc.code
}

impl Context<'_> {
    /// `MethodError`: what every per-function error enum has, one copy for all of them.
    pub(super) fn method_error_trait(&self) -> TokenStream {
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

    /// The error enum of function `item`, `depth` modules below the root: the enum, its
    /// `MethodError` impl and its conversions.
    pub(super) fn function_error_enum(&self, item: &Item, depth: usize) -> TokenStream {
        let by_name: HashMap<&str, &ErrorVariant> = self
            .ir
            .errors
            .iter()
            .map(|e| (e.doc.name.as_str(), e))
            .collect();
        // This enum sits in `method_errors` (its root at `depth - 1` levels up): `MethodError`
        // is there, `Error`, `PATTERNS` and `number_between` in the sibling `errors`.
        let errors_module = {
            let up = supers(depth);
            quote!(#up errors::)
        };
        let mut seen = std::collections::HashSet::new();
        let m = MethodEnum {
            name: naming::ident(&item.error_enum().name),
            error: quote!(#errors_module Error),
            errors_module,
            supers: supers(depth - 1),
            known: item
                .errors
                .iter()
                .filter_map(|e| Some((*by_name.get(e.name.as_str())?, e)))
                .filter(|(v, _)| seen.insert(v.variant.clone()))
                .collect(),
        };
        let definition = self.method_enum_definition(item, depth, &m);
        let from_error = self.method_enum_from_error(&m);
        let into_error = self.method_enum_into_error(&m);
        let rt = &self.rt;
        let MethodEnum {
            name,
            error,
            supers,
            ..
        } = &m;
        quote! {
            #definition
            #from_error
            #into_error

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

    /// The enum, with its docs, and its `MethodError` impl.
    fn method_enum_definition(&self, item: &Item, depth: usize, m: &MethodEnum) -> TokenStream {
        let MethodEnum {
            name,
            error,
            supers,
            known,
            ..
        } = m;
        let function = item.path.relative(depth);
        let doc = format!(
            " Errors of [`{}`]({}): its documented errors, then `Global` for a known error not \
             documented for it and `Other` for an unknown one.",
            item.tl_name, function
        );
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
        }
    }

    /// `From<errors::Error>` for the enum: a documented variant, else `Global`, else `Other`.
    fn method_enum_from_error(&self, m: &MethodEnum) -> TokenStream {
        let (name, errors_module, error) = (&m.name, &m.errors_module, &m.error);
        let (known, rt) = (&m.known, &self.rt);
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
            .map(|(v, doc)| parse_arm(v, doc.code, &quote!(Self), errors_module))
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
        quote! {
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
        }
    }

    /// `From<enum>` for `errors::Error`: a variant documented with another code goes back as
    /// `Error::Other`, with its message rebuilt.
    fn method_enum_into_error(&self, m: &MethodEnum) -> TokenStream {
        let (name, errors_module, error) = (&m.name, &m.errors_module, &m.error);
        let (known, rt) = (&m.known, &self.rt);
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
        quote! {
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
        }
    }
}
