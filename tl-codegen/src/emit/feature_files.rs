//! Impls behind a cargo feature, moved out of their module into one module per feature.
//!
//! A part of the output behind a cargo feature ([`Include::Feature`](super::Include), or
//! serde through [`EmitOptions::serde_via`](super::EmitOptions::serde_via)) is emitted as
//! one `#[cfg(feature = "...")]` impl per item, in the module of the item. rustc still
//! parses and expands each of them when the feature is off: thousands in the Telegram layer.
//! Moved into a module of their own (`types_serde`, `functions_object`, ...) declared once
//! behind the feature, they cost nothing when it is off; with the module-directory layout the
//! file is not even read.
//!
//! The moved impls keep their relative paths: the feature's module sits next to the
//! module it came from (`types_serde` next to `types`), its namespace modules mirror the
//! original ones at the same depth, and each starts with a glob import of the original
//! module, so `super::enums::Foo` and an unqualified `Foo` mean what they meant.

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use super::{supers, ModuleKind};

/// The impls of one feature, moved out of one top-level module.
pub struct FeaturePart {
    /// The module's name: `types_serde`.
    pub name: String,
    /// The feature.
    pub feature: String,
    /// The module's contents.
    pub tokens: TokenStream,
}

impl FeaturePart {
    /// `#[cfg(feature = "...")]`, the attribute of the module's declaration.
    pub fn cfg(&self) -> TokenStream {
        let feature = &self.feature;
        quote!(#[cfg(feature = #feature)])
    }

    /// `#[cfg(...)] mod name { tokens }`.
    pub fn inline(&self) -> TokenStream {
        let cfg = self.cfg();
        let ident = format_ident!("{}", self.name);
        let tokens = &self.tokens;
        quote!(#cfg mod #ident { #tokens })
    }

    /// `#[cfg(...)] mod name;`, for a file of its own.
    pub fn declaration(&self) -> TokenStream {
        let cfg = self.cfg();
        let ident = format_ident!("{}", self.name);
        quote!(#cfg mod #ident;)
    }
}

/// Moves every impl of `tokens` (the contents of module `kind`) whose attributes include
/// `#[cfg(feature = F)]`, for `F` in `features`, into the part of the first such `F`
/// (without that attribute; its other attributes stay). Returns what stays and the parts
/// that got impls, in the order of `features`. `tokens` are returned untouched when no
/// feature is given or the module is not one whose items are split.
pub fn split(
    kind: ModuleKind,
    tokens: TokenStream,
    features: &[String],
) -> Result<(TokenStream, Vec<FeaturePart>), String> {
    let splits = matches!(
        kind,
        ModuleKind::Types | ModuleKind::Enums | ModuleKind::Functions
    );
    if features.is_empty() || !splits {
        return Ok((tokens, Vec::new()));
    }
    let file: syn::File = syn::parse2(tokens)
        .map_err(|e| format!("emitted `{}` does not parse: {e}", kind.name()))?;
    let mut trees: Vec<Tree> = features.iter().map(|_| Tree::default()).collect();
    let items = take_items(file.items, features, &mut trees, &mut Vec::new());
    let kept = quote!(#(#items)*);
    let mut parts = Vec::new();
    let mut names: Vec<String> = Vec::new();
    for (feature, tree) in features.iter().zip(trees) {
        if tree.is_empty() {
            continue;
        }
        let mut name = format!("{}_{}", kind.name(), identifier(feature));
        while names.contains(&name) {
            name.push('_');
        }
        names.push(name.clone());
        parts.push(FeaturePart {
            name,
            feature: feature.clone(),
            tokens: tree.render(kind.name(), &mut Vec::new()),
        });
    }
    Ok((kept, parts))
}

/// The impls moved for one feature, by namespace module.
#[derive(Default)]
struct Tree {
    items: Vec<syn::Item>,
    /// Namespace modules, in order of first appearance.
    children: Vec<(syn::Ident, Tree)>,
}

impl Tree {
    fn is_empty(&self) -> bool {
        self.items.is_empty() && self.children.iter().all(|(_, t)| t.is_empty())
    }

    /// The tree under `path` (namespace idents), created on first use.
    fn at(&mut self, path: &[syn::Ident]) -> &mut Tree {
        let Some((first, rest)) = path.split_first() else {
            return self;
        };
        let index = match self.children.iter().position(|(name, _)| name == first) {
            Some(i) => i,
            None => {
                self.children.push((first.clone(), Tree::default()));
                self.children.len() - 1
            }
        };
        // In range: found or pushed just above.
        self.children[index].1.at(rest)
    }

    /// The module contents at `path`: a glob import of the original module, the impls,
    /// then one module per namespace.
    fn render(&self, kind: &str, path: &mut Vec<syn::Ident>) -> TokenStream {
        let glob_base = supers(1 + path.len());
        let kind = format_ident!("{kind}");
        let items = &self.items;
        let mut out = quote! {
            #[allow(unused_imports)]
            use #glob_base #kind :: #(#path ::)* *;
            #(#items)*
        };
        for (name, child) in &self.children {
            if child.is_empty() {
                continue;
            }
            path.push(name.clone());
            let body = child.render(&kind.to_string(), path);
            path.pop();
            out.extend(quote!(mod #name { #body }));
        }
        out
    }
}

/// `items` without the impls moved into `trees` (one per feature), recursing into inline
/// modules; `path` is the namespace of `items`.
fn take_items(
    items: Vec<syn::Item>,
    features: &[String],
    trees: &mut [Tree],
    path: &mut Vec<syn::Ident>,
) -> Vec<syn::Item> {
    let mut kept = Vec::with_capacity(items.len());
    for item in items {
        match item {
            syn::Item::Impl(mut imp) => match feature_attr(&imp.attrs, features) {
                Some((attr, f)) => {
                    imp.attrs.remove(attr);
                    if let Some(tree) = trees.get_mut(f) {
                        tree.at(path).items.push(syn::Item::Impl(imp));
                    }
                }
                None => kept.push(syn::Item::Impl(imp)),
            },
            syn::Item::Mod(mut module) => {
                if let Some((brace, inner)) = module.content.take() {
                    path.push(module.ident.clone());
                    let inner = take_items(inner, features, trees, path);
                    path.pop();
                    module.content = Some((brace, inner));
                }
                kept.push(syn::Item::Mod(module));
            }
            other => kept.push(other),
        }
    }
    kept
}

/// The index in `attrs` of the first `#[cfg(feature = F)]` with `F` in `features`, and the
/// index of `F`.
fn feature_attr(attrs: &[syn::Attribute], features: &[String]) -> Option<(usize, usize)> {
    attrs.iter().enumerate().find_map(|(i, attr)| {
        if !attr.path().is_ident("cfg") {
            return None;
        }
        let syn::Meta::List(list) = &attr.meta else {
            return None;
        };
        let name_value: syn::MetaNameValue = syn::parse2(list.tokens.clone()).ok()?;
        if !name_value.path.is_ident("feature") {
            return None;
        }
        let syn::Expr::Lit(syn::ExprLit {
            lit: syn::Lit::Str(value),
            ..
        }) = &name_value.value
        else {
            return None;
        };
        let value = value.value();
        let f = features.iter().position(|f| *f == value)?;
        Some((i, f))
    })
}

/// `feature` as part of a Rust identifier: anything but ASCII letters, digits and `_`
/// becomes `_`.
fn identifier(feature: &str) -> String {
    feature
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() { c } else { '_' })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn features() -> Vec<String> {
        vec!["serde".into(), "object".into()]
    }

    #[test]
    fn gated_impls_move_to_a_mirror_module_at_the_same_depth() {
        let tokens = quote! {
            pub struct A {}
            #[cfg(feature = "serde")]
            impl S for A { fn f(x: super::enums::A) {} }
            impl T for A {}
            pub mod ns {
                pub struct B {}
                #[doc = " x"]
                #[cfg(feature = "serde")]
                #[cfg(feature = "object")]
                impl S for B {}
                #[cfg(feature = "object")]
                impl O for B {}
                #[cfg(feature = "other")]
                impl P for B {}
            }
        };
        let (kept, parts) = split(ModuleKind::Types, tokens, &features()).unwrap();
        assert_eq!(
            kept.to_string(),
            quote! {
                pub struct A {}
                impl T for A {}
                pub mod ns {
                    pub struct B {}
                    #[cfg(feature = "other")]
                    impl P for B {}
                }
            }
            .to_string()
        );
        let rendered: Vec<(String, String)> = parts
            .iter()
            .map(|p| (p.name.clone(), p.inline().to_string()))
            .collect();
        assert_eq!(
            rendered,
            [
                (
                    "types_serde".to_owned(),
                    quote! {
                        #[cfg(feature = "serde")]
                        mod types_serde {
                            #[allow(unused_imports)]
                            use super::types::*;
                            impl S for A { fn f(x: super::enums::A) {} }
                            mod ns {
                                #[allow(unused_imports)]
                                use super::super::types::ns::*;
                                #[doc = " x"]
                                #[cfg(feature = "object")]
                                impl S for B {}
                            }
                        }
                    }
                    .to_string()
                ),
                (
                    "types_object".to_owned(),
                    quote! {
                        #[cfg(feature = "object")]
                        mod types_object {
                            #[allow(unused_imports)]
                            use super::types::*;
                            mod ns {
                                #[allow(unused_imports)]
                                use super::super::types::ns::*;
                                impl O for B {}
                            }
                        }
                    }
                    .to_string()
                ),
            ]
        );
    }

    #[test]
    fn nothing_moves_without_features_or_outside_the_item_modules() {
        let tokens = quote!(
            #[cfg(feature = "serde")]
            impl S for A {}
        );
        let (kept, parts) = split(ModuleKind::Types, tokens.clone(), &[]).unwrap();
        assert_eq!((kept.to_string(), parts.len()), (tokens.to_string(), 0));
        let (kept, parts) = split(ModuleKind::Root, tokens.clone(), &features()).unwrap();
        assert_eq!((kept.to_string(), parts.len()), (tokens.to_string(), 0));
    }

    #[test]
    fn feature_names_become_identifiers() {
        assert_eq!(identifier("my-feature.x"), "my_feature_x");
    }
}
