//! Emitters: IR → token streams, one per top-level module of the output.
//!
//! Emitters read only the [`Ir`]. Paths between generated items are relative
//! (`super::enums::Foo`), so the output works at a crate root, in a module, or
//! through `include!`.

mod codec;
mod docs;
mod enums;
mod errors;
mod object;
mod structs;

use std::collections::BTreeMap;

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use crate::ir::{Ir, RustPath};
use crate::naming;

/// What the emitters need besides the IR.
#[derive(Debug, Clone)]
pub struct EmitOptions {
    /// Path of the runtime crate, `::tl_runtime`.
    pub runtime_path: String,
    /// A cargo feature that turns on serde derives, if any.
    pub serde_feature: Option<String>,
}

/// One top-level module of the output: `types`, `enums`, `functions`, ... and the root.
#[derive(Debug, Clone)]
pub struct Module {
    /// Its name; the root module is `""`.
    pub name: String,
    /// A one-line description for its docs.
    pub doc: &'static str,
    /// Outer attributes for its declaration, e.g. lint allowances.
    pub attrs: TokenStream,
    /// Its items.
    pub tokens: TokenStream,
}

/// Shared emitter state.
pub(crate) struct Context<'a> {
    pub ir: &'a Ir,
    /// The runtime path as tokens.
    pub rt: TokenStream,
    /// `#[cfg_attr(feature = "serde", derive(...))]` or nothing.
    pub serde_derive: TokenStream,
}

/// Emits every module: root items first, then `types`, `enums`, `functions`, `errors`.
pub fn emit(ir: &Ir, options: &EmitOptions) -> Result<Vec<Module>, String> {
    let rt: TokenStream = options
        .runtime_path
        .parse()
        .map_err(|e| format!("invalid runtime path `{}`: {e}", options.runtime_path))?;
    let serde_derive = match &options.serde_feature {
        Some(feature) => quote! {
            #[cfg_attr(feature = #feature, derive(serde::Serialize, serde::Deserialize))]
        },
        None => quote!(),
    };
    let cx = Context {
        ir,
        rt,
        serde_derive,
    };
    Ok(vec![
        Module {
            name: String::new(),
            doc: "",
            attrs: quote!(),
            tokens: cx.root(),
        },
        Module {
            name: "types".into(),
            doc: "One struct per constructor.",
            attrs: quote!(),
            tokens: cx.types(),
        },
        Module {
            name: "enums".into(),
            doc: "One enum per boxed type; each variant holds a constructor from `types`.",
            attrs: quote!(#[allow(clippy::large_enum_variant, clippy::enum_variant_names)]),
            tokens: cx.enums(),
        },
        Module {
            name: "functions".into(),
            doc: "One struct per RPC function; each implements `RemoteCall`.",
            attrs: quote!(),
            tokens: cx.functions(),
        },
        Module {
            name: "errors".into(),
            doc: "Typed RPC errors: every documented error, and one enum per function.",
            attrs: quote!(),
            tokens: cx.errors(),
        },
    ])
}

impl Context<'_> {
    /// `super::…::kind::modules::Name` as seen from `depth` levels below the root.
    pub fn item_path(&self, kind: &str, path: &RustPath, depth: usize) -> TokenStream {
        let supers = std::iter::repeat_n(quote!(super::), depth);
        let kind = format_ident!("{kind}");
        let modules = path.modules.iter().map(|m| naming::ident(m));
        let name = naming::ident(&path.name);
        quote!(#(#supers)* #kind :: #(#modules ::)* #name)
    }

    /// Groups items by namespace and wraps each group in `pub mod ns { ... }`.
    ///
    /// `emit_item(index, depth)` returns the tokens of one item at that module depth.
    pub fn namespaced(
        &self,
        paths: impl Iterator<Item = (usize, RustPath)>,
        emit_item: impl Fn(usize, usize) -> TokenStream,
    ) -> TokenStream {
        let mut groups: BTreeMap<Vec<String>, Vec<usize>> = BTreeMap::new();
        for (i, path) in paths {
            groups.entry(path.modules).or_default().push(i);
        }
        self.namespace_tree(&groups, &[], &emit_item)
    }

    /// The items of namespace `prefix`, then one `pub mod` per child namespace.
    fn namespace_tree(
        &self,
        groups: &BTreeMap<Vec<String>, Vec<usize>>,
        prefix: &[String],
        emit_item: &impl Fn(usize, usize) -> TokenStream,
    ) -> TokenStream {
        let depth = 1 + prefix.len();
        let mut out: TokenStream = groups
            .get(prefix)
            .into_iter()
            .flatten()
            .map(|&i| emit_item(i, depth))
            .collect();
        let mut children: Vec<&String> = groups
            .keys()
            .filter(|k| k.len() > prefix.len() && k.starts_with(prefix))
            .map(|k| &k[prefix.len()])
            .collect();
        children.dedup();
        for child in children {
            let mut path = prefix.to_vec();
            path.push(child.clone());
            let body = self.namespace_tree(groups, &path, emit_item);
            let ident = naming::ident(child);
            let doc = format!(" The `{}` namespace.", path.join("."));
            out.extend(quote! {
                #[doc = #doc]
                pub mod #ident { #body }
            });
        }
        out
    }
}
