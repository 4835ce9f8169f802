//! `Default` for generated values, so a constructor with 48 fields is written with the few
//! that matter and `..Default::default()`.
//!
//! The rule, prost's for plain values: numbers are zero, strings, byte strings and vectors
//! empty, `bool` and `flags.N?true` `false`, conditional params `None`. A boxed type has no
//! zero value, so its enum's default is one of its constructors with its defaults: the one
//! whose default is shallowest (the fewest levels of required boxed values nested in it),
//! the first in schema order among equals — `messageEmpty` for `Message` (it needs nothing;
//! `message` needs a `Peer`), `peerUser` for `Peer`. Optional params and vectors need
//! nothing, so a recursive type still has a finite default when one of its constructors
//! reaches it without recursion. A struct derives `Default` when every required param has
//! one, and an enum implements it when one of its constructors does; a type none of whose
//! constructors can default (each needs a value of the type itself) has none, nor do the
//! structs that require it.
//!
//! Computed in rounds, a least fixpoint: in round `r`, a constructor whose required params
//! all have defaults from earlier rounds gets one, and an enum without a default takes the
//! first of its constructors that got one in this round. A default thus refers only to
//! defaults of earlier rounds, so building it terminates, and the round is its depth.

use proc_macro2::TokenStream;
use quote::quote;

use crate::emit::Context;
use crate::model::naming;
use crate::model::{BoxedType, FieldRole, Item, ItemResult, Model, Ty};

/// Which generated values have a `Default`.
#[derive(Debug, Clone)]
pub struct Defaults {
    /// By index in [`Model::constructors`]: the struct derives `Default`.
    pub constructors: Vec<bool>,
    /// By index in [`Model::functions`]: the struct derives `Default`.
    pub functions: Vec<bool>,
    /// By index in [`Model::enums`]: the index in its `variants` of the default constructor.
    pub enums: Vec<Option<usize>>,
}

impl Defaults {
    /// Computes the defaults of every item of `ir` (see the module docs for the rule).
    pub fn of(ir: &Model) -> Self {
        let mut constructors = vec![false; ir.constructors.len()];
        let mut enums: Vec<Option<usize>> = vec![None; ir.enums.len()];
        loop {
            // Decisions of this round read only the previous rounds' results.
            let (known_constructors, known_enums) = (constructors.clone(), enums.clone());
            let has = |ty: &Ty| match ty {
                Ty::AnyObject => false,
                Ty::Enum(e) => known_enums.get(*e).is_some_and(Option::is_some),
                Ty::Bare(c) => known_constructors.get(*c).copied().unwrap_or(false),
                _ => true,
            };
            let mut changed = false;
            for (c, item) in ir.constructors.iter().enumerate() {
                if !constructors[c] && required(item).all(&has) {
                    constructors[c] = true;
                    changed = true;
                }
            }
            for (e, ty) in ir.enums.iter().enumerate() {
                if enums[e].is_none() {
                    enums[e] = first_new_variant(ty, &known_constructors, &constructors);
                    changed |= enums[e].is_some();
                }
            }
            if !changed {
                break;
            }
        }
        let has = |ty: &Ty| match ty {
            // `Object` has no default.
            Ty::AnyObject => false,
            Ty::Enum(e) => enums.get(*e).is_some_and(Option::is_some),
            Ty::Bare(c) => constructors.get(*c).copied().unwrap_or(false),
            _ => true,
        };
        let functions = ir.functions.iter().map(|f| required(f).all(&has)).collect();
        Defaults {
            constructors,
            functions,
            enums,
        }
    }
}

/// The first variant of `ty` whose constructor got a default in this round.
fn first_new_variant(ty: &BoxedType, before: &[bool], now: &[bool]) -> Option<usize> {
    ty.variants.iter().position(|&(_, c)| {
        !before.get(c).copied().unwrap_or(false) && now.get(c).copied().unwrap_or(false)
    })
}

/// The types whose defaults `item`'s default needs: those of its unconditional params
/// (a vector needs none, a generic parameter is bounded by `Default` in the derive).
fn required(item: &Item) -> impl Iterator<Item = &Ty> {
    item.fields
        .iter()
        .filter(|f| f.condition.is_none() && f.role == FieldRole::Own)
        .map(|f| &f.ty)
        .filter(|ty| matches!(ty, Ty::Enum(_) | Ty::Bare(_) | Ty::AnyObject))
}

impl Context<'_> {
    /// `Default` in a struct's derive list, when it has one (never in `borrowed`).
    pub(super) fn default_derive(&self, item: &Item) -> TokenStream {
        let defaults = &self.defaults;
        let has = match item.result {
            ItemResult::Constructor(_) => self
                .ir
                .constructors
                .iter()
                .position(|c| std::ptr::eq(c, item))
                .and_then(|c| defaults.constructors.get(c)),
            ItemResult::Function(_) => self
                .ir
                .functions
                .iter()
                .position(|f| std::ptr::eq(f, item))
                .and_then(|f| defaults.functions.get(f)),
        };
        if self.borrowed.is_none() && has.copied().unwrap_or(false) {
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
