//! Typed paths of generated items: a module kind, namespace modules and a name.
//!
//! A path renders itself: as text from the root of the generated code
//! (`enums::payments::PaymentResult`, [`fmt::Display`]), as tokens from that root
//! ([`ToTokens`]), or as tokens from a module some levels below it
//! (`super::super::enums::payments::PaymentResult`, [`ItemPath::relative`]), which is how
//! the emitters write them so that the output works at a crate root, in a module or
//! through `include!`. Keywords are escaped as in the generated code (`r#type`).

use std::fmt;

use proc_macro2::TokenStream;
use quote::{quote, ToTokens};

use crate::model::naming;

/// The top-level module of the generated code an item lives in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum PathKind {
    /// `types`: one struct per constructor.
    Types,
    /// `enums`: one enum per boxed type.
    Enums,
    /// `functions`: one struct per function.
    Functions,
    /// `errors`: the typed RPC errors.
    Errors,
    /// `borrowed::types`: the borrowed twins of constructors.
    BorrowedTypes,
    /// `borrowed::enums`: the borrowed twins of boxed types.
    BorrowedEnums,
    /// The root of the generated code: `Object`.
    Root,
}

impl PathKind {
    /// The module names from the root: `["borrowed", "types"]` for [`PathKind::BorrowedTypes`].
    pub fn modules(self) -> &'static [&'static str] {
        match self {
            PathKind::Types => &["types"],
            PathKind::Enums => &["enums"],
            PathKind::Functions => &["functions"],
            PathKind::Errors => &["errors"],
            PathKind::BorrowedTypes => &["borrowed", "types"],
            PathKind::BorrowedEnums => &["borrowed", "enums"],
            PathKind::Root => &[],
        }
    }

    /// The module as text from a module `depth` levels below the root of the generated code:
    /// `super::super::errors` (for intra-doc links).
    pub fn relative(&self, depth: usize) -> Relative<'_, PathKind> {
        Relative { value: self, depth }
    }

    /// Whether items of this kind borrow from the input (and take a lifetime `'a`).
    pub fn is_borrowed(self) -> bool {
        matches!(self, PathKind::BorrowedTypes | PathKind::BorrowedEnums)
    }
}

/// Where a generated item lives: `enums::payments::PaymentResult` is kind
/// [`PathKind::Enums`], modules `["payments"]`, name `PaymentResult`.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct ItemPath {
    /// The top-level module.
    pub kind: PathKind,
    /// Namespace modules below it (`payments`), before keyword escaping.
    pub modules: Vec<String>,
    /// The item name.
    pub name: String,
}

impl ItemPath {
    /// The same item in another top-level module: its borrowed twin, its error enum's module.
    pub fn with_kind(&self, kind: PathKind) -> ItemPath {
        ItemPath {
            kind,
            ..self.clone()
        }
    }

    /// `messages::Messages`: the path inside its kind module, as text.
    pub fn in_kind(&self) -> String {
        let mut text = String::new();
        for module in &self.modules {
            text.push_str(&naming::ident(module).to_string());
            text.push_str("::");
        }
        text.push_str(&naming::ident(&self.name).to_string());
        text
    }

    /// The path as tokens from a module `depth` levels below the root of the generated
    /// code: `super::enums::Foo` at depth 1.
    pub fn relative(&self, depth: usize) -> Relative<'_, ItemPath> {
        Relative { value: self, depth }
    }
}

impl fmt::Display for ItemPath {
    /// `enums::payments::PaymentResult`: the path from the root of the generated code.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for module in self.kind.modules() {
            write!(f, "{module}::")?;
        }
        f.write_str(&self.in_kind())
    }
}

impl ToTokens for ItemPath {
    /// The path from the root of the generated code.
    fn to_tokens(&self, tokens: &mut TokenStream) {
        self.relative(0).to_tokens(tokens);
    }
}

/// A path or type rendered from a module some levels below the root (see
/// [`ItemPath::relative`] and [`RustType::relative`](crate::model::RustType::relative)).
#[derive(Debug, Clone, Copy)]
pub struct Relative<'a, T> {
    pub(crate) value: &'a T,
    pub(crate) depth: usize,
}

impl ToTokens for Relative<'_, ItemPath> {
    fn to_tokens(&self, tokens: &mut TokenStream) {
        let path = self.value;
        let supers = supers(self.depth);
        let kind = path.kind.modules().iter().map(|m| naming::ident(m));
        let modules = path.modules.iter().map(|m| naming::ident(m));
        let name = naming::ident(&path.name);
        tokens.extend(quote!(#supers #(#kind ::)* #(#modules ::)* #name));
    }
}

impl fmt::Display for Relative<'_, PathKind> {
    /// `super::super::borrowed::types`: the module as text from a module `depth` levels
    /// below the root (for intra-doc links; `self` for the root from the root). Every
    /// relative path of the docs is written here.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut parts = vec!["super"; self.depth];
        parts.extend(self.value.modules());
        if parts.is_empty() {
            return f.write_str("self");
        }
        f.write_str(&parts.join("::"))
    }
}

impl fmt::Display for Relative<'_, ItemPath> {
    /// `super::super::functions::payments::SendStarsForm`: the path as text from a module
    /// `depth` levels below the root (for intra-doc links).
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let path = self.value;
        write!(f, "{}::{}", path.kind.relative(self.depth), path.in_kind())
    }
}

/// `super::` repeated `depth` times: the path from a module `depth` levels down to the root.
pub fn supers(depth: usize) -> TokenStream {
    let s = std::iter::repeat(quote!(super::)).take(depth);
    quote!(#(#s)*)
}
