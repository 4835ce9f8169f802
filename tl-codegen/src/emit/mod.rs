//! Emitters: IR → token streams, one per top-level module of the output.
//!
//! Emitters read only the [`Model`]. Paths between generated items are relative
//! (`super::enums::Foo`), so the output works at a crate root, in a module, or
//! through `include!`.

mod borrowed;
mod codec;
mod defaults;
mod docs;
mod enums;
mod errors;
mod flags;
mod json;
mod object;
mod structs;
mod tagged;

use std::collections::BTreeMap;

use proc_macro2::TokenStream;
use quote::quote;

pub use tagged::FeaturePart;
pub(crate) use tagged::{Gate, Items, Split};

use crate::config::rust_path::{rust_path_error, PathError};
use crate::config::{ConfigError, Error};
use crate::model::naming;
pub(crate) use crate::model::supers;
use crate::model::{Borrows, ItemPath, MissingItem, Model};

/// What the emitters need besides the IR.
#[derive(Debug, Clone)]
pub struct EmitOptions {
    /// Path of the runtime crate, `::tlgen_runtime`.
    pub runtime_path: String,
    /// A cargo feature that turns on serde support, if any.
    pub serde_feature: Option<String>,
    /// With serde: the path of a module whose `serialize` / `deserialize` functions
    /// implement serde's traits through the TL encoding; without, serde's derives.
    pub serde_via: Option<String>,
    /// The typed errors: `errors::Error`, the per-function enums, `TypedErrors` impls.
    pub errors: Include,
    /// The per-function error enums (module `method_errors`, re-exported by `errors`), when
    /// `errors` is on. Always: `TypedErrors::Error` is the function's enum; behind a feature
    /// (which must enable the `errors` one): `TypedErrors::Error` is `errors::Error`, since
    /// a feature must not change a type, and the function's enum is one `.into()` away.
    pub method_errors: Include,
    /// `Object` (any boxed value by id) and the function decoders it needs.
    pub object: Include,
    /// `From`/`TryFrom` between each constructor struct and its type's enum.
    pub conversions: Include,
    /// The `borrowed` module: types and enums decoded without copying strings and bytes.
    pub borrowed: Include,
    /// The binary TL codecs (`Serializable`, `RemoteCall`, …); off for TDLib's and tonlib's
    /// JSON dialects, which have no wire form.
    pub binary: bool,
    /// `PartialEq` on the structs and enums (never in the `borrowed` module).
    pub partial_eq: Include,
    /// The whole bindings, or one of the two crates they are split into.
    pub part: CratePart,
}

/// Which part of the bindings a run writes: all of them, or one of two crates (TDLib's and
/// tonlib's JSON dialects only; [`Config::crate_part`](crate::Config::crate_part)).
///
/// A crate's largest rustc is what decides whether it builds on a small machine: bindings of
/// all of TDLib's `td_api.tl` in one crate peak at 1.5 GB, while the types (`types`,
/// `enums`) and the rest (`functions`, `Object`, `Function`) build one after the other in
/// two. Types never name functions, so the split is acyclic; the second crate re-exports
/// the first's modules, so every path stays what it is in one crate.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub enum CratePart {
    /// Everything in one crate.
    #[default]
    Whole,
    /// `types` and `enums` alone: the crate the other part depends on. Their pages name the
    /// functions returning a type without linking to them.
    Types,
    /// `functions` and the roots, with `types` and `enums` re-exported from `types_crate`
    /// (the Rust path of the [`CratePart::Types`] crate, `tlgen_tdlib_types`).
    Rest {
        /// The Rust path of the types crate.
        types_crate: String,
    },
}

/// Whether an optional part of the generated code is emitted.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Include {
    /// Always compiled.
    Always,
    /// Not generated at all.
    Never,
    /// Generated behind `#[cfg(feature = "...")]`, for a crate that offers it as a feature.
    Feature(String),
}

impl From<bool> for Include {
    fn from(include: bool) -> Self {
        if include {
            Include::Always
        } else {
            Include::Never
        }
    }
}

impl EmitOptions {
    /// Whether the per-function error enums are generated (always or behind a feature).
    pub fn method_errors_on(&self) -> bool {
        self.errors != Include::Never && self.method_errors != Include::Never
    }
}

impl Include {
    /// `None` when not emitted; otherwise the attributes to put on each gated item.
    fn gate(&self) -> Option<TokenStream> {
        match self {
            Include::Always => Some(quote!()),
            Include::Never => None,
            Include::Feature(feature) => Some(quote!(#[cfg(feature = #feature)])),
        }
    }
}

/// The top-level modules of the output, each emitted on its own.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ModuleKind {
    /// The root: `LAYER`, `name_for_id`, `Object`.
    Root,
    /// One struct per constructor.
    Types,
    /// One enum per boxed type.
    Enums,
    /// One struct per function.
    Functions,
    /// Typed RPC errors.
    Errors,
    /// The per-function error enums, re-exported by `errors`.
    MethodErrors,
    /// Borrowed twins of the types and enums that hold strings or bytes.
    Borrowed,
}

impl ModuleKind {
    /// Every module, root first.
    pub const ALL: [ModuleKind; 7] = [
        ModuleKind::Root,
        ModuleKind::Types,
        ModuleKind::Enums,
        ModuleKind::Functions,
        ModuleKind::Errors,
        ModuleKind::MethodErrors,
        ModuleKind::Borrowed,
    ];

    /// The module's name; the root's is `""`.
    pub fn name(self) -> &'static str {
        match self {
            ModuleKind::Root => "",
            ModuleKind::Types => "types",
            ModuleKind::Enums => "enums",
            ModuleKind::Functions => "functions",
            ModuleKind::Errors => "errors",
            ModuleKind::MethodErrors => "method_errors",
            ModuleKind::Borrowed => "borrowed",
        }
    }

    /// The modules these options generate, root first.
    pub fn generated(options: &EmitOptions) -> Vec<ModuleKind> {
        Self::ALL
            .into_iter()
            .filter(|&kind| match (&options.part, kind) {
                (CratePart::Types, ModuleKind::Functions) => false,
                (CratePart::Rest { .. }, ModuleKind::Types | ModuleKind::Enums) => false,
                (_, kind) => kind.generated_in_whole(options),
            })
            .collect()
    }

    /// Whether the whole bindings have this module with these options.
    fn generated_in_whole(self, options: &EmitOptions) -> bool {
        match self {
            ModuleKind::Errors => options.errors != Include::Never,
            ModuleKind::MethodErrors => options.method_errors_on(),
            ModuleKind::Borrowed => options.borrowed != Include::Never,
            _ => true,
        }
    }

    /// `#[doc]`, `#[cfg]` and lint attributes for the module's declaration.
    ///
    /// Every module allows `dead_code`: bindings are a library of which a program uses a
    /// part, and in a private module (`mod tl;` in a binary) each item it does not use
    /// would be a warning. The root's items allow it one by one.
    pub fn declaration_attrs(self, options: &EmitOptions) -> TokenStream {
        let cfg = match self {
            ModuleKind::Errors => options.errors.gate().unwrap_or_default(),
            // The enums use `errors`: they are gated by its feature too (two `cfg`s: both).
            ModuleKind::MethodErrors => {
                let errors = options.errors.gate().unwrap_or_default();
                let own = options.method_errors.gate().unwrap_or_default();
                quote!(#errors #own)
            }
            ModuleKind::Borrowed => options.borrowed.gate().unwrap_or_default(),
            _ => quote!(),
        };
        let doc = match self {
            ModuleKind::Root => return quote!(),
            ModuleKind::Types => {
                " One struct per constructor.\n\n `Default` is prost's: numbers 0, strings, \
                 byte strings and vectors empty, `false`, `None`; a field of a boxed type holds \
                 that type's default (see `enums`). Write the fields that matter and \
                 `..Default::default()`."
            }
            ModuleKind::Enums => {
                " One enum per boxed type; each variant holds a constructor from `types`.\n\n \
                 `Default` is a constructor with its defaults: the one with the shallowest \
                 default (fewest nested boxed values), the first in schema order among \
                 equals; each impl names it."
            }
            ModuleKind::Functions if !options.binary => {
                " One struct per function (a request); each implements `TdFunction`, whose \
                 `Return` is the type of its answer, and `Default` as the constructors in \
                 `types` do."
            }
            ModuleKind::Functions => {
                " One struct per RPC function; each implements `RemoteCall`, and `Default` as \
                 the constructors in `types` do."
            }
            ModuleKind::Errors => {
                let errors_docs = ERRORS_DOCS;
                return quote!(#cfg #(#[doc = #errors_docs])* #[allow(dead_code)]);
            }
            ModuleKind::MethodErrors => {
                return quote! {
                    #cfg
                    /// The per-function error enums; use them through `errors`, which
                    /// re-exports them.
                    #[doc(hidden)]
                    #[allow(dead_code)]
                };
            }
            ModuleKind::Borrowed => {
                let borrowed_docs = BORROWED_DOCS;
                return quote! {
                    #cfg
                    #(#[doc = #borrowed_docs])*
                    // A closure `|r| deserialize_borrowed(r)` is needed for owned
                    // elements (any reader lifetime), not for borrowed ones.
                    #[allow(
                        clippy::large_enum_variant,
                        clippy::enum_variant_names,
                        clippy::redundant_closure
                    )]
                    #[allow(dead_code)]
                };
            }
        };
        let lints = match self {
            ModuleKind::Enums => {
                quote!(#[allow(clippy::large_enum_variant, clippy::enum_variant_names)])
            }
            _ => quote!(),
        };
        let doc = doc.split('\n');
        quote!(#cfg #(#[doc = #doc])* #lints #[allow(dead_code)])
    }
}

/// The `errors` module's docs: the layout of the enums and how to match them.
const ERRORS_DOCS: &[&str] = &[
    " Typed RPC errors: every documented error, and one enum per function.",
    "",
    " - `Error`: every known error (documented for some method, or global such as",
    "   `FLOOD_WAIT_%d`), plus `Other(RpcError)` for anything else. A number in the",
    "   name is the variant's `value` field: `FLOOD_WAIT_30` is",
    "   `Error::FloodWait { value: 30 }`. It is `#[non_exhaustive]`: every layer adds errors.",
    " - One enum per method with documented errors (`payments::SendStarsFormError`): its",
    "   documented errors as variants of their own, then `Global(Error)` for a known",
    "   error not documented for the method (flood waits, migrations, ...), then",
    "   `Other(RpcError)` for an unknown one. Nothing is nested deeper than that:",
    "   `Global(Error::FloodWait { value: 30 })`, `Other(RpcError { .. })`. These enums",
    "   are exhaustive, so a `match` notices when a method's documented errors change.",
    "   `documented_errors` lists a method's documented errors by its TL name, and",
    "   `documented_error` says which of them an `RpcError` is.",
    "",
    " Every enum converts from the runtime's `RpcError` with `.into()`, and back to an",
    " `RpcError` with the original message; when the schema has `rpc_error`, the generated",
    " `types::RpcError` and `enums::RpcError` convert into `RpcError` and `Error`. The",
    " per-method enums share their methods (`code`, `value`, `to_error`, `documented`)",
    " through the `MethodError` trait.",
];

/// The `borrowed` module's docs: what borrows, what stays owned, how to decode.
const BORROWED_DOCS: &[&str] = &[
    " Types and enums decoded without copying: a TL `string` is a `&'a str` and `bytes` a",
    " `&'a [u8]` into the input, so decoding allocates only for vectors and boxed fields.",
    "",
    " Only the types that hold a string or byte string somewhere have a twin here, with the",
    " same name, fields and variants as in `types` and `enums`; a field whose type holds",
    " neither (`enums::Peer`, `types::PeerUser`, …) has the owned type. Decode with",
    " `tlgen_runtime::DeserializableBorrowed` (`from_bytes_borrowed`, `deserialize_borrowed`),",
    " encode with `tlgen_runtime::Serializable` as usual; a function's answer decodes with",
    " `tlgen_runtime::RemoteCallBorrowed::decode_response_borrowed`. They implement `Debug` and `Clone`, not",
    " `PartialEq`, which would make the module a third slower to compile. To keep a value",
    " past its input, go through its encoding: `enums::Message::from_bytes(&m.to_bytes())`.",
];

/// Shared emitter state.
pub(crate) struct Context<'a> {
    pub ir: &'a Model,
    /// The runtime path as tokens.
    pub rt: TokenStream,
    /// `#[cfg_attr(feature = "serde", derive(...))]` or nothing.
    pub serde_derive: TokenStream,
    /// `(gate, module path)` when serde goes through a module's functions.
    pub serde_via: Option<(Gate, TokenStream)>,
    /// `None` without typed errors; otherwise their gate.
    pub errors_gate: Option<Gate>,
    /// The cargo feature gating the typed errors, if they are behind one.
    pub errors_feature: Option<String>,
    /// `None` without per-function error enums; otherwise the attributes gating them.
    pub method_errors_gate: Option<TokenStream>,
    /// `TypedErrors::Error` is the function's own enum (always generated), not `errors::Error`.
    pub typed_method_errors: bool,
    /// `None` without `Object`; otherwise the gate of it and of the function decoders.
    pub object_gate: Option<Gate>,
    /// `None` without conversions; otherwise their gate.
    pub conversions_gate: Option<Gate>,
    /// `PartialEq`: `None` not derived, `Some(None)` derived, `Some(Some(feature))` derived
    /// behind that cargo feature.
    pub partial_eq: Option<Option<String>>,
    /// While emitting the `borrowed` module: which types borrow from the input.
    pub borrowed: Option<&'a Borrows>,
    /// While emitting `functions` with a `borrowed` module: its gate, and which types
    /// borrow (for `RemoteCallBorrowed`).
    pub borrowed_returns: Option<(Gate, &'a Borrows)>,
    /// While emitting `enums`: where each type is used, for its page.
    pub type_uses: Vec<docs::TypeUses>,
    /// The binary codecs are emitted.
    pub binary: bool,
    /// TDLib's or tonlib's JSON decisions, when the model has them.
    pub json: Option<&'a crate::model::json::JsonModel>,
    /// The items tagged with a feature go into that feature's module ([`tagged`]), not
    /// in place behind their attribute: `types`, `enums` and `functions`.
    pub split: bool,
    /// The whole bindings, or which of their two crates.
    pub part: &'a CratePart,
    /// The types crate's path as tokens, for [`CratePart::Rest`]; empty otherwise.
    pub types_crate: TokenStream,
}

/// The cargo features whose impls are moved into modules of their own, in the order of
/// those modules ([`tagged`]): serde's when it goes through a module, and every
/// [`Include::Feature`].
pub fn split_features(options: &EmitOptions) -> Vec<String> {
    let serde = options
        .serde_feature
        .as_ref()
        .filter(|_| options.serde_via.is_some());
    let includes = [
        &options.errors,
        &options.object,
        &options.conversions,
        &options.borrowed,
    ];
    let mut features: Vec<String> = serde.into_iter().cloned().collect();
    for include in includes {
        if let Include::Feature(feature) = include {
            if !features.contains(feature) {
                features.push(feature.clone());
            }
        }
    }
    features
}

/// Emits one top-level module, and the impls of each cargo feature in a module of its own
/// (see [`tagged`]). Fails on a path of the options that is not Rust (which
/// [`Config::generate`](crate::Config::generate) checks before), or a type that names an
/// item the model lacks ([`MissingItem`]; never in a model from lowering).
pub fn emit(
    ir: &Model,
    options: &EmitOptions,
    kind: ModuleKind,
) -> Result<(TokenStream, Vec<FeaturePart>), Error> {
    let rt = rust_path(&options.runtime_path).map_err(|reason| ConfigError::RuntimePath {
        path: options.runtime_path.clone(),
        reason,
    })?;
    let (serde_derive, serde_via) = match (&options.serde_feature, &options.serde_via) {
        (Some(feature), Some(via)) => {
            let via = rust_path(via).map_err(|reason| ConfigError::SerdeVia {
                path: via.clone(),
                reason,
            })?;
            (quote!(), Some((Gate::feature(feature), via)))
        }
        (Some(feature), None) => (
            quote! {
                #[cfg_attr(feature = #feature, derive(serde::Serialize, serde::Deserialize))]
            },
            None,
        ),
        (None, _) => (quote!(), None),
    };
    let types_crate = match &options.part {
        CratePart::Rest { types_crate } => {
            rust_path(types_crate).map_err(|reason| ConfigError::TypesCrate {
                path: types_crate.clone(),
                reason,
            })?
        }
        CratePart::Whole | CratePart::Types => quote!(),
    };
    let cx = Context {
        ir,
        rt,
        serde_derive,
        serde_via,
        errors_gate: Gate::of(&options.errors),
        errors_feature: match &options.errors {
            Include::Feature(feature) => Some(feature.clone()),
            Include::Always | Include::Never => None,
        },
        method_errors_gate: if options.method_errors_on() {
            options.method_errors.gate()
        } else {
            None
        },
        typed_method_errors: options.method_errors_on() && options.method_errors == Include::Always,
        // TON's `Object` params and results are the root `Object` enum: always there.
        object_gate: if ir.needs_object() && options.object != Include::Never {
            Some(Gate::ALWAYS)
        } else {
            Gate::of(&options.object)
        },
        conversions_gate: Gate::of(&options.conversions),
        partial_eq: match &options.partial_eq {
            Include::Always => Some(None),
            Include::Feature(feature) => Some(Some(feature.clone())),
            Include::Never => None,
        },
        borrowed: None,
        borrowed_returns: match (kind, Gate::of(&options.borrowed)) {
            (ModuleKind::Functions, Some(gate)) => Some((gate, &ir.borrows)),
            _ => None,
        },
        type_uses: match kind {
            ModuleKind::Enums => docs::TypeUses::of(ir),
            _ => Vec::new(),
        },
        binary: options.binary,
        json: ir.json.as_ref(),
        split: matches!(
            kind,
            ModuleKind::Types | ModuleKind::Enums | ModuleKind::Functions
        ),
        part: &options.part,
        types_crate,
    };
    let split = match kind {
        ModuleKind::Root => Split::from(cx.root()),
        ModuleKind::Types => cx.types()?,
        ModuleKind::Enums => cx.enums()?,
        ModuleKind::Functions => cx.functions()?,
        ModuleKind::Errors => Split::from(cx.errors()),
        ModuleKind::MethodErrors => Split::from(cx.method_errors()?),
        ModuleKind::Borrowed => Split::from(cx.borrowed_module()?),
    };
    Ok(split.into_parts(kind, &split_features(options)))
}

/// The tokens of a module path of the options, checked to be one first.
fn rust_path(path: &str) -> Result<TokenStream, PathError> {
    if let Some(error) = rust_path_error(path) {
        return Err(error);
    }
    // Identifiers and `::` only, as checked: Rust tokens.
    path.parse()
        .map_err(|_| PathError::NotIdentifier(path.to_owned()))
}

impl Context<'_> {
    /// `Serialize` and `Deserialize` for `name` through the serde module, when serde goes
    /// through one (see [`EmitOptions::serde_via`]); nothing otherwise.
    ///
    /// `generics` get the bounds the encoding needs; `item_gate` holds the attributes that
    /// gate the type itself (`Object`'s feature), put on both impls. `decode_gate` holds the attributes that
    /// gate `Deserialize` (empty: none), or is `None` for no `Deserialize` at all: function
    /// calls decode only with their decoders.
    pub fn serde_impls(
        &self,
        name: &proc_macro2::Ident,
        generics: &[proc_macro2::Ident],
        item_gate: &TokenStream,
        decode_gate: Option<&TokenStream>,
    ) -> Items {
        let mut items = Items::default();
        let Some((serde, via)) = &self.serde_via else {
            return items;
        };
        let rt = &self.rt;
        let (ser_params, de_params, args) = if generics.is_empty() {
            (quote!(), quote!(<'de>), quote!())
        } else {
            (
                quote!(<#(#generics: #rt::Serializable),*>),
                quote!(<'de, #(#generics: #rt::Deserializable),*>),
                quote!(<#(#generics),*>),
            )
        };
        let deserialize = match decode_gate {
            Some(gate) => quote! {
                #item_gate
                #gate
                impl #de_params serde::Deserialize<'de> for #name #args {
                    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                        #via::deserialize(deserializer)
                    }
                }
            },
            None => quote!(),
        };
        items.gated(
            serde,
            quote! {
                #item_gate
                impl #ser_params serde::Serialize for #name #args {
                    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                        #via::serialize(self, serializer)
                    }
                }
            },
        );
        items.gated(serde, deserialize);
        items
    }

    /// Groups items by namespace and wraps each group in `pub mod ns { ... }`; the items
    /// tagged with a feature go into its module when the module's items are split
    /// ([`Context::split`]).
    ///
    /// `emit_item(index, depth)` returns the items of one schema item at that module depth.
    pub fn namespaced<T: Into<Items>>(
        &self,
        paths: impl Iterator<Item = (usize, ItemPath)>,
        emit_item: impl Fn(usize, usize) -> Result<T, MissingItem>,
    ) -> Result<Split, MissingItem> {
        let mut groups: BTreeMap<Vec<String>, Vec<usize>> = BTreeMap::new();
        for (i, path) in paths {
            groups.entry(path.modules).or_default().push(i);
        }
        let mut split = Split::default();
        split.kept =
            self.namespace_tree(&groups, (&[], &mut Vec::new()), &emit_item, &mut split)?;
        Ok(split)
    }

    /// The items of namespace `prefix`, then one `pub mod` per child namespace; the tagged
    /// items filed in `split` under `idents`, the idents of `prefix`'s modules.
    fn namespace_tree<T: Into<Items>>(
        &self,
        groups: &BTreeMap<Vec<String>, Vec<usize>>,
        (prefix, idents): (&[String], &mut Vec<proc_macro2::Ident>),
        emit_item: &impl Fn(usize, usize) -> Result<T, MissingItem>,
        split: &mut Split,
    ) -> Result<TokenStream, MissingItem> {
        // One module level (`types`), two in `borrowed` (`borrowed::types`).
        let depth = 1 + usize::from(self.borrowed.is_some()) + prefix.len();
        let mut out = TokenStream::new();
        for &i in groups.get(prefix).into_iter().flatten() {
            out.extend(split.take(emit_item(i, depth)?.into(), idents, self.split));
        }
        let mut children: Vec<&String> = groups
            .keys()
            .filter(|k| k.len() > prefix.len() && k.starts_with(prefix))
            .map(|k| &k[prefix.len()])
            .collect();
        children.dedup();
        for child in children {
            let mut path = prefix.to_vec();
            path.push(child.clone());
            let ident = naming::ident(child);
            idents.push(ident.clone());
            let body = self.namespace_tree(groups, (&path, idents), emit_item, split)?;
            idents.pop();
            let doc = format!(" The `{}` namespace.", path.join("."));
            out.extend(quote! {
                #[doc = #doc]
                pub mod #ident { #body }
            });
        }
        Ok(out)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{ItemResult, Ty};

    #[test]
    fn a_type_naming_a_missing_item_fails_the_module_instead_of_a_placeholder() {
        let schema = tlgen_parser::parse("ok = Ok;\n---functions---\nping = Ok;");
        let Ok(mut ir) = crate::model::lower(&schema, &crate::NoDocs) else {
            panic!("lowering failed");
        };
        ir.functions[0].result = ItemResult::Function(Ty::Enum(7));
        let options = EmitOptions {
            runtime_path: "::tlgen_runtime".into(),
            serde_feature: None,
            serde_via: None,
            errors: Include::Never,
            method_errors: Include::Never,
            object: Include::Never,
            conversions: Include::Never,
            borrowed: Include::Always,
            binary: true,
            partial_eq: Include::Never,
            part: CratePart::Whole,
        };
        for kind in [ModuleKind::Types, ModuleKind::Borrowed] {
            assert!(emit(&ir, &options, kind).is_ok(), "{kind:?}");
        }
        let result = emit(&ir, &options, ModuleKind::Functions).map(|_| ());
        assert!(
            matches!(result, Err(Error::Model(MissingItem::Enum(7)))),
            "{result:?}"
        );
    }
}
