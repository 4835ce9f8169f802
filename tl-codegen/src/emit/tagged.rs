//! Emitted items tagged with the cargo feature they belong to, and the modules of each
//! feature laid out from those tags.
//!
//! A part of the output behind a cargo feature ([`Include::Feature`], or serde through
//! [`EmitOptions::serde_via`](super::EmitOptions::serde_via)) is emitted as one impl per
//! item, tagged with its feature ([`Items::gated`]). In a module whose items are split
//! (`types`, `enums`, `functions`) the tagged impls go into a module of their own per
//! feature (`types_serde`, `functions_object`, ...) declared once behind the feature: rustc
//! does not even parse them when it is off (thousands in the Telegram layer), and with the
//! module-directory layout the file is not read. Elsewhere they stay in place, each behind
//! `#[cfg(feature = "...")]`.
//!
//! The moved impls keep their relative paths: the feature's module sits next to the
//! module it came from (`types_serde` next to `types`), its namespace modules mirror the
//! original ones at the same depth, and each starts with a glob import of the original
//! module, so `super::enums::Foo` and an unqualified `Foo` mean what they meant.

use proc_macro2::{Ident, TokenStream};
use quote::{format_ident, quote};

use super::{supers, Include, ModuleKind};

/// Whether a part of the output is compiled always or behind a cargo feature.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Gate(Option<String>);

impl Gate {
    /// Compiled whenever its module is.
    pub const ALWAYS: Gate = Gate(None);

    /// The gate of an optional part; `None` when the part is not emitted.
    pub fn of(include: &Include) -> Option<Gate> {
        match include {
            Include::Always => Some(Gate::ALWAYS),
            Include::Never => None,
            Include::Feature(feature) => Some(Gate(Some(feature.clone()))),
        }
    }

    /// Behind `feature`.
    pub fn feature(feature: &str) -> Gate {
        Gate(Some(feature.to_owned()))
    }

    /// `#[cfg(feature = "...")]`, or nothing when always compiled.
    pub fn attr(&self) -> TokenStream {
        match &self.0 {
            Some(feature) => quote!(#[cfg(feature = #feature)]),
            None => quote!(),
        }
    }
}

/// Items in output order, each tagged with the cargo feature it belongs to (`None`: the
/// module's own). What the emitters of the split modules return.
#[derive(Default)]
pub(crate) struct Items(Vec<(Option<String>, TokenStream)>);

impl Items {
    /// Appends items compiled whenever their module is.
    pub fn push(&mut self, tokens: TokenStream) {
        self.gated(&Gate::ALWAYS, tokens);
    }

    /// Appends items behind `gate`; `tokens` do not repeat its attribute.
    pub fn gated(&mut self, gate: &Gate, tokens: TokenStream) {
        if !tokens.is_empty() {
            self.0.push((gate.0.clone(), tokens));
        }
    }

    /// Appends `other`'s items after these.
    pub fn append(&mut self, other: Items) {
        self.0.extend(other.0);
    }

    /// Every item in place, a tagged one behind its `#[cfg(feature = "...")]`.
    pub fn inline(self) -> TokenStream {
        self.0
            .into_iter()
            .map(|(feature, tokens)| {
                let attr = Gate(feature).attr();
                quote!(#attr #tokens)
            })
            .collect()
    }
}

impl From<TokenStream> for Items {
    fn from(tokens: TokenStream) -> Self {
        let mut items = Items::default();
        items.push(tokens);
        items
    }
}

/// A module's items: what stays in it, and, when its items are split, the tagged ones of
/// each feature by namespace, in order of first appearance.
#[derive(Default)]
pub(crate) struct Split {
    /// The module's contents.
    pub kept: TokenStream,
    /// The tagged items of each feature, when the module's items are split.
    features: Vec<(String, Tree)>,
}

impl Split {
    /// Files `items` of namespace `path` (idents of the namespace modules): returns the
    /// tokens that stay there; with `split`, the tagged ones go into their feature's tree,
    /// otherwise they stay, behind their attribute.
    pub fn take(&mut self, items: Items, path: &[Ident], split: bool) -> TokenStream {
        if !split {
            return items.inline();
        }
        let mut kept = TokenStream::new();
        for (feature, tokens) in items.0 {
            let Some(feature) = feature else {
                kept.extend(tokens);
                continue;
            };
            let index = match self.features.iter().position(|(f, _)| *f == feature) {
                Some(i) => i,
                None => {
                    self.features.push((feature, Tree::default()));
                    self.features.len() - 1
                }
            };
            // In range: found or pushed just above.
            self.features[index].1.at(path).items.extend(tokens);
        }
        kept
    }

    /// The module's parts: what stays, and one module per feature that got items, in the
    /// order of `features` (the others after them), named `{module}_{feature}`.
    pub fn into_parts(
        self,
        kind: ModuleKind,
        features: &[String],
    ) -> (TokenStream, Vec<FeaturePart>) {
        let mut trees = self.features;
        trees.sort_by_key(|(f, _)| features.iter().position(|g| g == f).unwrap_or(usize::MAX));
        let mut parts: Vec<FeaturePart> = Vec::new();
        for (feature, tree) in trees {
            let mut name = format!("{}_{}", kind.name(), identifier(&feature));
            while parts.iter().any(|p| p.name == name) {
                name.push('_');
            }
            parts.push(FeaturePart {
                name,
                tokens: tree.render(kind.name(), &mut Vec::new()),
                feature,
            });
        }
        (self.kept, parts)
    }
}

impl From<TokenStream> for Split {
    fn from(kept: TokenStream) -> Self {
        Split {
            kept,
            features: Vec::new(),
        }
    }
}

/// The items of one feature, by namespace module.
#[derive(Default)]
struct Tree {
    /// The items at this level.
    items: TokenStream,
    /// Namespace modules, in order of first appearance.
    children: Vec<(Ident, Tree)>,
}

impl Tree {
    /// The tree under `path` (namespace idents), created on first use.
    fn at(&mut self, path: &[Ident]) -> &mut Tree {
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

    /// The module contents at `path`: a glob import of the original module, the items,
    /// then one module per namespace.
    fn render(&self, kind: &str, path: &mut Vec<Ident>) -> TokenStream {
        let glob_base = supers(1 + path.len());
        let module = format_ident!("{kind}");
        let items = &self.items;
        let mut out = quote! {
            #[allow(unused_imports)]
            use #glob_base #module :: #(#path ::)* *;
            #items
        };
        for (name, child) in &self.children {
            path.push(name.clone());
            let body = child.render(kind, path);
            path.pop();
            out.extend(quote!(mod #name { #body }));
        }
        out
    }
}

/// The items of one feature, moved out of one top-level module.
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
        Gate::feature(&self.feature).attr()
    }

    /// `#[cfg(...)] mod name { tokens }`.
    pub fn inline(&self) -> TokenStream {
        let cfg = self.cfg();
        let ident = format_ident!("{}", self.name);
        let tokens = &self.tokens;
        quote!(#cfg mod #ident { #tokens })
    }

    /// `#[cfg(feature = "feature")] mod name;`: the declaration of a part's file.
    pub fn declaration(name: &str, feature: &str) -> TokenStream {
        let cfg = Gate::feature(feature).attr();
        let ident = format_ident!("{name}");
        quote!(#cfg mod #ident;)
    }
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

    fn ident(name: &str) -> Ident {
        format_ident!("{name}")
    }

    fn features() -> Vec<String> {
        vec!["serde".into(), "object".into()]
    }

    #[test]
    fn tagged_items_move_to_a_mirror_module_at_the_same_depth() {
        let mut split = Split::default();
        let mut top = Items::default();
        top.push(quote!(
            pub struct A {}
        ));
        top.gated(
            &Gate::feature("object"),
            quote!(impl O for A { fn f(x: super::enums::A) {} }),
        );
        top.push(quote!(impl T for A {}));
        top.gated(&Gate::feature("serde"), quote!(impl S for A {}));
        let kept = split.take(top, &[], true);
        let mut ns = Items::default();
        ns.push(quote!(
            pub struct B {}
        ));
        ns.gated(
            &Gate::feature("serde"),
            quote!(
                #[cfg(feature = "object")]
                impl S for B {}
            ),
        );
        let inner = split.take(ns, &[ident("ns")], true);
        assert_eq!(
            kept.to_string(),
            quote!(pub struct A {} impl T for A {}).to_string()
        );
        assert_eq!(
            inner.to_string(),
            quote!(
                pub struct B {}
            )
            .to_string()
        );
        let (_, parts) = split.into_parts(ModuleKind::Types, &features());
        let rendered: Vec<(String, String)> = parts
            .iter()
            .map(|p| (p.name.clone(), p.inline().to_string()))
            .collect();
        // The order of `features`, not of appearance.
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
                            impl S for A {}
                            mod ns {
                                #[allow(unused_imports)]
                                use super::super::types::ns::*;
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
                            impl O for A { fn f(x: super::enums::A) {} }
                        }
                    }
                    .to_string()
                ),
            ]
        );
    }

    #[test]
    fn without_a_split_tagged_items_stay_behind_their_attribute() {
        let mut items = Items::default();
        items.gated(&Gate::feature("serde"), quote!(impl S for A {}));
        items.gated(&Gate::ALWAYS, quote!(impl T for A {}));
        let mut split = Split::default();
        let kept = split.take(items, &[], false);
        assert_eq!(
            kept.to_string(),
            quote!(#[cfg(feature = "serde")] impl S for A {} impl T for A {}).to_string()
        );
        let (_, parts) = split.into_parts(ModuleKind::Types, &features());
        assert!(parts.is_empty());
    }

    #[test]
    fn feature_names_become_identifiers() {
        assert_eq!(identifier("my-feature.x"), "my_feature_x");
    }
}
