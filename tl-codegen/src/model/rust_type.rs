//! Rust types of fields and return values as data, and each item's Rust signature.
//!
//! [`Model::rust_type`] maps a TL shape ([`Ty`]) to the [`RustType`] the generated code
//! uses; [`Model::signature`] lays out an item's struct: its fields (one per param, one
//! tuple per group of params sharing a flag bit), the methods of implied flags, and a
//! function's return type. The emitters render these, and `tl-codegen diff` compares them.

use std::fmt;

use proc_macro2::TokenStream;
use quote::{quote, ToTokens};

use crate::model::naming;
use crate::model::path::{supers, Relative};
use crate::model::{Field, FieldRole, Item, ItemPath, ItemResult, Model, PathKind, Presence, Ty};

/// Which generated code a type is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Twin {
    /// `types`, `enums`, `functions`: owned values.
    Owned,
    /// The `borrowed` module: strings, bytes and the types holding them borrow (`'a`).
    Borrowed,
}

/// A Rust type of the generated code.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum RustType {
    /// `u8` (in `Vec<u8>` for `bytes`).
    U8,
    /// `i32`.
    I32,
    /// `u32` (TON's `#`).
    U32,
    /// `i64`.
    I64,
    /// `f64`.
    F64,
    /// `bool`.
    Bool,
    /// `String`.
    String,
    /// `&'a str` (borrowed twins).
    Str,
    /// `[u8; N]`.
    ByteArray(usize),
    /// `&'a [u8]` (borrowed twins).
    ByteSlice,
    /// `Vec<T>`.
    Vec(Box<RustType>),
    /// `Box<T>`.
    Box(Box<RustType>),
    /// `Option<T>`.
    Option(Box<RustType>),
    /// `(A, B, …)`.
    Tuple(Vec<RustType>),
    /// A generated item; a borrowed one ([`PathKind::is_borrowed`]) takes `<'a>`.
    Item(ItemPath),
    /// The root `Object` enum: any boxed value of the schema (TON's `Object`).
    Object,
    /// The root `Function` enum of the TDLib and tonlib JSON dialects: any function (TON's
    /// `Function` as a param type, tonlib's `withBlock function:Function`).
    Function,
    /// A generic parameter, `X`.
    Generic(String),
    /// An associated type of a generic parameter: `X::Return`, what a generic function
    /// returns (the query's return type), `X::Error`, `X::BorrowedReturn<'a>`.
    Associated(String, Associated),
}

/// An associated type of the runtime's call traits, read off a generic parameter.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Associated {
    /// `RemoteCall::Return`.
    Return,
    /// `RemoteCall::Error`.
    Error,
    /// `RemoteCallBorrowed::BorrowedReturn<'a>`.
    BorrowedReturn,
}

impl Associated {
    /// The name as written after `X::`.
    pub fn name(self) -> &'static str {
        match self {
            Associated::Return => "Return",
            Associated::Error => "Error",
            Associated::BorrowedReturn => "BorrowedReturn",
        }
    }
}

impl RustType {
    /// The type as tokens from a module `depth` levels below the root of the generated code.
    pub fn relative(&self, depth: usize) -> Relative<'_, RustType> {
        Relative { value: self, depth }
    }

    fn render(&self, depth: usize) -> TokenStream {
        match self {
            RustType::U8 => quote!(u8),
            RustType::I32 => quote!(i32),
            RustType::U32 => quote!(u32),
            RustType::I64 => quote!(i64),
            RustType::F64 => quote!(f64),
            RustType::Bool => quote!(bool),
            RustType::String => quote!(String),
            RustType::Str => quote!(&'a str),
            RustType::ByteArray(n) => {
                let n = proc_macro2::Literal::usize_unsuffixed(*n);
                quote!([u8; #n])
            }
            RustType::ByteSlice => quote!(&'a [u8]),
            RustType::Vec(t) => {
                let t = t.render(depth);
                quote!(Vec<#t>)
            }
            RustType::Box(t) => {
                let t = t.render(depth);
                quote!(Box<#t>)
            }
            RustType::Option(t) => {
                let t = t.render(depth);
                quote!(Option<#t>)
            }
            RustType::Tuple(ts) => {
                let ts = ts.iter().map(|t| t.render(depth));
                quote!((#(#ts),*))
            }
            RustType::Item(path) => {
                let p = path.relative(depth);
                if path.kind.is_borrowed() {
                    quote!(#p<'a>)
                } else {
                    quote!(#p)
                }
            }
            RustType::Object => {
                let supers = supers(depth);
                quote!(#supers Object)
            }
            RustType::Function => {
                let supers = supers(depth);
                quote!(#supers Function)
            }
            RustType::Generic(g) => naming::ident(g).into_token_stream(),
            RustType::Associated(g, associated) => {
                let g = naming::ident(g);
                let name = quote::format_ident!("{}", associated.name());
                match associated {
                    Associated::BorrowedReturn => quote!(#g::#name<'a>),
                    Associated::Return | Associated::Error => quote!(#g::#name),
                }
            }
        }
    }
}

impl ToTokens for Relative<'_, RustType> {
    fn to_tokens(&self, tokens: &mut TokenStream) {
        tokens.extend(self.value.render(self.depth));
    }
}

impl ToTokens for RustType {
    /// The type with paths from the root of the generated code.
    fn to_tokens(&self, tokens: &mut TokenStream) {
        tokens.extend(self.render(0));
    }
}

impl fmt::Display for RustType {
    /// `Option<Box<enums::Foo>>`: as the generated code writes it, paths from its root.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            RustType::U8 => f.write_str("u8"),
            RustType::I32 => f.write_str("i32"),
            RustType::U32 => f.write_str("u32"),
            RustType::I64 => f.write_str("i64"),
            RustType::F64 => f.write_str("f64"),
            RustType::Bool => f.write_str("bool"),
            RustType::String => f.write_str("String"),
            RustType::Str => f.write_str("&'a str"),
            RustType::ByteArray(n) => write!(f, "[u8; {n}]"),
            RustType::ByteSlice => f.write_str("&'a [u8]"),
            RustType::Vec(t) => write!(f, "Vec<{t}>"),
            RustType::Box(t) => write!(f, "Box<{t}>"),
            RustType::Option(t) => write!(f, "Option<{t}>"),
            RustType::Tuple(ts) => {
                f.write_str("(")?;
                for (i, t) in ts.iter().enumerate() {
                    if i > 0 {
                        f.write_str(", ")?;
                    }
                    write!(f, "{t}")?;
                }
                f.write_str(")")
            }
            RustType::Item(path) if path.kind.is_borrowed() => write!(f, "{path}<'a>"),
            RustType::Item(path) => write!(f, "{path}"),
            RustType::Object => f.write_str("Object"),
            RustType::Function => f.write_str("Function"),
            RustType::Generic(g) => f.write_str(&naming::ident(g).to_string()),
            RustType::Associated(g, Associated::BorrowedReturn) => {
                write!(f, "{}::BorrowedReturn<'a>", naming::ident(g))
            }
            RustType::Associated(g, associated) => {
                write!(f, "{}::{}", naming::ident(g), associated.name())
            }
        }
    }
}

/// An item's Rust signature: what its struct holds and offers.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Signature {
    /// The struct's fields, in declaration order.
    pub fields: Vec<StructField>,
    /// `pub fn name(&self) -> bool` for each `flags.N?true` implied by other params.
    pub methods: Vec<FlagMethod>,
    /// A function's `RemoteCall::Return`; `None` for constructors.
    pub returns: Option<RustType>,
}

/// One field of a generated struct.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StructField {
    /// The field name, before keyword escaping.
    pub name: String,
    /// Its Rust type.
    pub ty: RustType,
    /// What it holds on the wire.
    pub wire: WireKind,
}

/// What a struct field holds on the wire.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum WireKind {
    /// One param, the [`Item::fields`] entry at this index (`Option` when conditional,
    /// `bool` for `flags.N?true`).
    Param(usize),
    /// The params sharing one flag bit, the [`Item::shared`] entry at this index: one
    /// `Option` of a tuple.
    SharedBit(usize),
}

/// A method reading a flag bit that other params decide.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FlagMethod {
    /// The method name, before keyword escaping.
    pub name: String,
    /// The `flags.N?true` param, the [`Item::fields`] entry at this index.
    pub param: usize,
    /// What decides the bit.
    pub presence: Presence,
}

impl Model {
    /// Whether a param or a function's result is TON's `Object` ([`Ty::AnyObject`]): the
    /// generated code then needs the root `Object` enum, whatever `Config::object` says.
    pub fn needs_object(&self) -> bool {
        fn holds(ty: &Ty) -> bool {
            match ty {
                Ty::AnyObject => true,
                Ty::Vector { elem, .. } => holds(elem),
                _ => false,
            }
        }
        self.constructors.iter().chain(&self.functions).any(|item| {
            item.fields.iter().any(|f| holds(&f.ty))
                || matches!(&item.result, ItemResult::Function(ty) if holds(ty))
        })
    }

    /// The Rust type of a TL shape, for owned or borrowed code.
    ///
    /// In borrowed code, strings and bytes borrow (`&'a str`, `&'a [u8]`) and so do the
    /// types that hold them ([`Model::borrows`]); the others stay owned.
    pub fn rust_type(&self, ty: &Ty, twin: Twin) -> Result<RustType, MissingItem> {
        let borrowed = twin == Twin::Borrowed;
        Ok(match ty {
            Ty::Int => RustType::I32,
            Ty::Nat => RustType::U32,
            Ty::AnyObject => RustType::Object,
            Ty::Long => RustType::I64,
            Ty::Double => RustType::F64,
            Ty::String if borrowed => RustType::Str,
            Ty::String => RustType::String,
            Ty::Bytes if borrowed => RustType::ByteSlice,
            Ty::Bytes => RustType::Vec(Box::new(RustType::U8)),
            Ty::Int128 => RustType::ByteArray(16),
            Ty::Int256 => RustType::ByteArray(32),
            Ty::Bool | Ty::True => RustType::Bool,
            Ty::Vector { elem, .. } => RustType::Vec(Box::new(self.rust_type(elem, twin)?)),
            Ty::Enum(i) => {
                let e = self.enums.get(*i).ok_or(MissingItem::Enum(*i))?;
                item_type(
                    &e.path,
                    borrowed && self.borrows.enums.get(*i) == Some(&true),
                )
            }
            Ty::Bare(i) => {
                let c = self
                    .constructors
                    .get(*i)
                    .ok_or(MissingItem::Constructor(*i))?;
                item_type(
                    &c.path,
                    borrowed && self.borrows.constructors.get(*i) == Some(&true),
                )
            }
            Ty::Generic(name) => RustType::Generic(name.clone()),
        })
    }

    /// The type of a param's value: its Rust type, in a `Box` if the field is boxed.
    pub fn value_type(&self, field: &Field, twin: Twin) -> Result<RustType, MissingItem> {
        if let Some(json) = &field.json {
            return Ok(json.value.clone());
        }
        let ty = self.rust_type(&field.ty, twin)?;
        Ok(if field.boxed {
            RustType::Box(Box::new(ty))
        } else {
            ty
        })
    }

    /// The type of a param's own struct field: `Option` when conditional, `bool` for
    /// `flags.N?true`.
    pub fn field_type(&self, field: &Field, twin: Twin) -> Result<RustType, MissingItem> {
        if let Some(json) = &field.json {
            return Ok(json.field_type());
        }
        match (&field.condition, &field.ty) {
            (Some(_), Ty::True) => Ok(RustType::Bool),
            (Some(_), _) => Ok(RustType::Option(Box::new(self.value_type(field, twin)?))),
            (None, _) => self.value_type(field, twin),
        }
    }

    /// The item's struct as data (see [`Signature`]).
    pub fn signature(&self, item: &Item, twin: Twin) -> Result<Signature, MissingItem> {
        let mut fields = Vec::new();
        let mut methods = Vec::new();
        for (k, f) in item.fields.iter().enumerate() {
            match f.role {
                FieldRole::Own => fields.push(StructField {
                    name: f.name.clone(),
                    ty: self.field_type(f, twin)?,
                    wire: WireKind::Param(k),
                }),
                FieldRole::Shared { group, index: 0 } => {
                    let Some(shared) = item.shared.get(group) else {
                        continue;
                    };
                    let types: Vec<RustType> = shared
                        .members
                        .iter()
                        .filter_map(|&m| item.fields.get(m))
                        .map(|m| self.value_type(m, twin))
                        .collect::<Result<_, _>>()?;
                    let tuple = match shared.chunk() {
                        Some(size) => RustType::Tuple(
                            types
                                .chunks(size)
                                .map(|c| RustType::Tuple(c.to_vec()))
                                .collect(),
                        ),
                        None => RustType::Tuple(types),
                    };
                    fields.push(StructField {
                        name: shared.name.clone(),
                        ty: RustType::Option(Box::new(tuple)),
                        wire: WireKind::SharedBit(group),
                    });
                }
                FieldRole::Shared { .. } => {}
                FieldRole::Implied(presence) => methods.push(FlagMethod {
                    name: f.name.clone(),
                    param: k,
                    presence,
                }),
            }
        }
        let returns = match &item.result {
            ItemResult::Function(Ty::Generic(g)) => {
                Some(RustType::Associated(g.clone(), Associated::Return))
            }
            ItemResult::Function(ty) => Some(self.rust_type(ty, Twin::Owned)?),
            ItemResult::Constructor(_) => None,
        };
        Ok(Signature {
            fields,
            methods,
            returns,
        })
    }
}

/// The type of the item at `path`, or of its borrowed twin.
fn item_type(path: &ItemPath, borrowed: bool) -> RustType {
    if borrowed {
        let kind = match path.kind {
            PathKind::Enums => PathKind::BorrowedEnums,
            _ => PathKind::BorrowedTypes,
        };
        RustType::Item(path.with_kind(kind))
    } else {
        RustType::Item(path.clone())
    }
}

/// A type that names an item the model does not have: an index past its enums or
/// constructors (a model built or edited by hand; [`lower`](crate::model::lower) never
/// returns one).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MissingItem {
    /// [`Ty::Enum`] past [`Model::enums`].
    Enum(usize),
    /// [`Ty::Bare`] past [`Model::constructors`].
    Constructor(usize),
    /// An `Object` variant's function past [`Model::functions`].
    Function(usize),
}

impl std::fmt::Display for MissingItem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            MissingItem::Enum(i) => write!(f, "a type names enum {i}, which the model lacks"),
            MissingItem::Constructor(i) => {
                write!(f, "a type names constructor {i}, which the model lacks")
            }
            MissingItem::Function(i) => {
                write!(f, "`Object` names function {i}, which the model lacks")
            }
        }
    }
}

impl std::error::Error for MissingItem {}
