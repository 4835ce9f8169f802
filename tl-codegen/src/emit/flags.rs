//! Flag words: the bits params stand for, and the expressions reading and writing them.

use proc_macro2::{Ident, TokenStream};
use quote::quote;

use crate::model::naming;
use crate::model::{FieldRole, Item, Presence, Ty};

/// One term per bit of the flag word `word`: the field (or shared tuple) that decides it,
/// `u32::from(self.x.is_some()) << bit`.
pub(super) fn flag_bits(item: &Item, word: &str) -> Vec<TokenStream> {
    item.fields
        .iter()
        .enumerate()
        .filter_map(|(k, f)| {
            let (w, bit) = f.condition.as_ref()?;
            let presence = match f.role {
                _ if w != word => return None,
                FieldRole::Own => Presence::Field(k),
                FieldRole::Shared { group, index: 0 } => Presence::Shared(group),
                FieldRole::Shared { .. } | FieldRole::Implied(_) => return None,
            };
            let set = presence_expr(item, presence);
            let set = quote!(u32::from(#set));
            Some(if *bit == 0 {
                set
            } else {
                let bit = proc_macro2::Literal::u8_unsuffixed(*bit);
                quote!(#set << #bit)
            })
        })
        .collect()
}

/// The bits of the flag word `word` that params stand for.
pub(super) fn covered_bits(item: &Item, word: &str) -> u32 {
    item.fields
        .iter()
        .filter_map(|f| f.condition.as_ref())
        .filter(|(w, _)| w == word)
        .fold(0, |bits, (_, bit)| bits | 1u32 << bit)
}

/// Whether the field at `k` is a TON `#` that conditional params name: a value whose
/// bits for those params follow their presence.
pub(super) fn is_value_word(item: &Item, k: usize) -> bool {
    let f = &item.fields[k];
    f.ty == Ty::Nat && covered_bits(item, &f.tl_name) != 0
}

/// `self.field.is_some()`, `self.flag` or `self.shared.is_some()`: whether a bit is set.
pub(super) fn presence_expr(item: &Item, presence: Presence) -> TokenStream {
    match presence {
        Presence::Field(k) => {
            let f = &item.fields[k];
            let ident = naming::ident(&f.name);
            if f.ty == Ty::True {
                quote!(self.#ident)
            } else {
                quote!(self.#ident.is_some())
            }
        }
        Presence::Shared(group) => {
            let ident = naming::ident(&item.shared[group].name);
            quote!(self.#ident.is_some())
        }
    }
}

/// The local holding a flag word while decoding; suffixed if a field has that name.
pub(super) fn flag_local(word: &str, item: &Item) -> Ident {
    let fields: Vec<&str> = item.fields.iter().map(|f| f.name.as_str()).collect();
    naming::ident(&naming::flag_local(word, &fields))
}
