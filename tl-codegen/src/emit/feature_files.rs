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
//!
//! The split walks the emitted tokens item by item (attributes, then tokens up to the
//! item's `;` or body), without a Rust parser: what it moves is the generator's own output,
//! impls whose header holds no braces.

use proc_macro2::{Delimiter, Group, Ident, Literal, TokenStream, TokenTree};
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
) -> (TokenStream, Vec<FeaturePart>) {
    let splits = matches!(
        kind,
        ModuleKind::Types | ModuleKind::Enums | ModuleKind::Functions
    );
    if features.is_empty() || !splits {
        return (tokens, Vec::new());
    }
    let mut trees: Vec<Tree> = features.iter().map(|_| Tree::default()).collect();
    // The features as the string literals of `#[cfg(feature = "...")]`.
    let literals: Vec<String> = features
        .iter()
        .map(|f| Literal::string(f).to_string())
        .collect();
    let kept = take_items(tokens, &literals, &mut trees, &mut Vec::new());
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
    (kept, parts)
}

/// The impls moved for one feature, by namespace module.
#[derive(Default)]
struct Tree {
    /// The impls, each as its tokens.
    items: Vec<TokenStream>,
    /// Namespace modules, in order of first appearance.
    children: Vec<(Ident, Tree)>,
}

impl Tree {
    fn is_empty(&self) -> bool {
        self.items.is_empty() && self.children.iter().all(|(_, t)| t.is_empty())
    }

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

    /// The module contents at `path`: a glob import of the original module, the impls,
    /// then one module per namespace.
    fn render(&self, kind: &str, path: &mut Vec<Ident>) -> TokenStream {
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

/// `tokens` without the impls moved into `trees` (one per feature, named by `literals`),
/// recursing into inline modules; `path` is the namespace of `tokens`.
fn take_items(
    tokens: TokenStream,
    literals: &[String],
    trees: &mut [Tree],
    path: &mut Vec<Ident>,
) -> TokenStream {
    let mut kept = TokenStream::new();
    for mut item in items(tokens) {
        match item.kind() {
            Kind::Impl => match item.feature_attr(literals) {
                Some((attr, f)) => {
                    item.attrs.remove(attr);
                    if let Some(tree) = trees.get_mut(f) {
                        tree.at(path).items.push(item.into_tokens());
                    }
                }
                None => kept.extend(item.into_tokens()),
            },
            Kind::Mod { name, body } => {
                let TokenTree::Group(group) = &item.rest[body] else {
                    kept.extend(item.into_tokens());
                    continue;
                };
                path.push(name);
                let inner = take_items(group.stream(), literals, trees, path);
                path.pop();
                let mut new = Group::new(Delimiter::Brace, inner);
                new.set_span(group.span());
                item.rest[body] = TokenTree::Group(new);
                kept.extend(item.into_tokens());
            }
            Kind::Other => kept.extend(item.into_tokens()),
        }
    }
    kept
}

/// One item of a token stream: its outer attributes (`#` and `[...]` each), then the rest.
struct Item {
    attrs: Vec<[TokenTree; 2]>,
    rest: Vec<TokenTree>,
}

/// What the split needs to know of an item.
enum Kind {
    /// An `impl` block.
    Impl,
    /// `mod name { ... }`; `body` is the index of the braces in [`Item::rest`].
    Mod { name: Ident, body: usize },
    /// Anything else, kept as it is.
    Other,
}

impl Item {
    /// The item's first keyword after its visibility and qualifiers, and what follows it.
    fn kind(&self) -> Kind {
        let mut tokens = self.rest.iter().enumerate().skip_while(|(_, t)| match t {
            TokenTree::Ident(i) => matches!(
                i.to_string().as_str(),
                "pub" | "unsafe" | "default" | "crate"
            ),
            TokenTree::Group(g) => g.delimiter() == Delimiter::Parenthesis,
            _ => false,
        });
        match tokens.next() {
            Some((_, TokenTree::Ident(keyword))) if keyword == "impl" => Kind::Impl,
            Some((_, TokenTree::Ident(keyword))) if keyword == "mod" => {
                match (tokens.next(), tokens.next(), tokens.next()) {
                    (
                        Some((_, TokenTree::Ident(name))),
                        Some((body, TokenTree::Group(g))),
                        None,
                    ) if g.delimiter() == Delimiter::Brace => Kind::Mod {
                        name: name.clone(),
                        body,
                    },
                    _ => Kind::Other,
                }
            }
            _ => Kind::Other,
        }
    }

    /// The index in `attrs` of the first `#[cfg(feature = F)]` with `F` in `literals`
    /// (string literals, quotes included), and the index of `F`.
    fn feature_attr(&self, literals: &[String]) -> Option<(usize, usize)> {
        self.attrs.iter().enumerate().find_map(|(i, [_, attr])| {
            let TokenTree::Group(attr) = attr else {
                return None;
            };
            let mut tokens = attr.stream().into_iter();
            let (Some(TokenTree::Ident(cfg)), Some(TokenTree::Group(args)), None) =
                (tokens.next(), tokens.next(), tokens.next())
            else {
                return None;
            };
            if cfg != "cfg" || args.delimiter() != Delimiter::Parenthesis {
                return None;
            }
            let mut args = args.stream().into_iter();
            let (
                Some(TokenTree::Ident(feature)),
                Some(TokenTree::Punct(eq)),
                Some(TokenTree::Literal(value)),
                None,
            ) = (args.next(), args.next(), args.next(), args.next())
            else {
                return None;
            };
            if feature != "feature" || eq.as_char() != '=' {
                return None;
            }
            let value = value.to_string();
            let f = literals.iter().position(|l| *l == value)?;
            Some((i, f))
        })
    }

    fn into_tokens(self) -> TokenStream {
        self.attrs.into_iter().flatten().chain(self.rest).collect()
    }
}

/// `tokens` cut into items: outer attributes, then tokens up to a `;` or a `{ ... }` body,
/// whichever comes first (`;` only for the items whose value may hold braces: `const`,
/// `static`, `type`, `use`). Inner attributes (`#![...]`) are items of their own.
fn items(tokens: TokenStream) -> Vec<Item> {
    let mut items = Vec::new();
    let mut tokens = tokens.into_iter().peekable();
    while tokens.peek().is_some() {
        let mut item = Item {
            attrs: Vec::new(),
            rest: Vec::new(),
        };
        // Outer attributes; an inner one (`#![...]`) is an item of its own.
        let mut inner = false;
        while let Some(TokenTree::Punct(p)) = tokens.peek() {
            if p.as_char() != '#' {
                break;
            }
            let Some(hash) = tokens.next() else { break };
            match tokens.next() {
                Some(attr @ TokenTree::Group(_)) => item.attrs.push([hash, attr]),
                Some(bang) => {
                    item.rest.extend([hash, bang]);
                    item.rest.extend(tokens.next());
                    inner = true;
                    break;
                }
                None => item.rest.push(hash),
            }
        }
        if inner {
            items.push(item);
            continue;
        }
        let mut semicolon_only = false;
        let mut keyword_seen = false;
        for token in tokens.by_ref() {
            let end = match &token {
                TokenTree::Ident(ident) if !keyword_seen => {
                    let word = ident.to_string();
                    if matches!(word.as_str(), "const" | "static" | "type" | "use") {
                        semicolon_only = true;
                    }
                    if word == "fn" {
                        // `const fn`: the body ends it.
                        semicolon_only = false;
                    }
                    keyword_seen = !matches!(
                        word.as_str(),
                        "pub" | "crate" | "unsafe" | "async" | "extern" | "default" | "const"
                    );
                    false
                }
                TokenTree::Punct(p) => p.as_char() == ';',
                TokenTree::Group(g) => g.delimiter() == Delimiter::Brace && !semicolon_only,
                _ => false,
            };
            item.rest.push(token);
            if end {
                break;
            }
        }
        items.push(item);
    }
    items
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
        let (kept, parts) = split(ModuleKind::Types, tokens, &features());
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
        let (kept, parts) = split(ModuleKind::Types, tokens.clone(), &[]);
        assert_eq!((kept.to_string(), parts.len()), (tokens.to_string(), 0));
        let (kept, parts) = split(ModuleKind::Root, tokens.clone(), &features());
        assert_eq!((kept.to_string(), parts.len()), (tokens.to_string(), 0));
    }

    #[test]
    fn feature_names_become_identifiers() {
        assert_eq!(identifier("my-feature.x"), "my_feature_x");
    }
}
