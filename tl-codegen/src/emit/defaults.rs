//! `Default` for generated values, as [`Model::defaults`](crate::model::Model::defaults)
//! decides it (see [`crate::model::defaults`] for the rule): rendered here, never in
//! `borrowed`.

use proc_macro2::TokenStream;
use quote::quote;

use crate::emit::Context;
use crate::model::naming;
use crate::model::BoxedType;

impl Context<'_> {
    /// `Default` in a struct's derive list, when the model gives it one (never in `borrowed`).
    pub(super) fn default_derive(&self, has_default: bool) -> TokenStream {
        if self.borrowed.is_none() && has_default {
            quote!(Default)
        } else {
            quote!()
        }
    }

    /// `impl Default for Enum`: its default constructor with its defaults.
    pub(super) fn enum_default(&self, e: usize, ty: &BoxedType) -> TokenStream {
        if self.borrowed.is_some() {
            return quote!();
        }
        let Some((variant, c)) = self
            .ir
            .defaults
            .enums
            .get(e)
            .copied()
            .flatten()
            .and_then(|v| ty.variants.get(v))
        else {
            return quote!();
        };
        let name = naming::ident(&ty.path.name);
        let ident = naming::ident(variant);
        let doc = format!(
            " `{}` with its defaults: of the constructors of `{}`, the first (in schema order) \
             with the shallowest default.",
            self.ir.constructors[*c].tl_name, ty.tl_name
        );
        quote! {
            #[doc = #doc]
            impl Default for #name {
                fn default() -> Self {
                    Self::#ident(Default::default())
                }
            }
        }
    }
}
