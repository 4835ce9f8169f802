//! Typed RPC errors (filled in by the errors issue).

use proc_macro2::TokenStream;
use quote::quote;

use crate::emit::Context;
use crate::ir::Item;

impl Context<'_> {
    /// The `errors` module.
    pub fn errors(&self) -> TokenStream {
        quote!()
    }

    /// The `type Error = ...;` line of a function's `RemoteCall` impl, if errors are typed.
    pub fn function_error_type(&self, _item: &Item, _depth: usize) -> TokenStream {
        quote!()
    }
}
