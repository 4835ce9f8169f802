//! Type resolution: what a type written in a definition stands for.
//!
//! [`resolve`] is the one place where a [`Type`] becomes a primitive (`int`, `Bool`,
//! `true`, …), a boxed type, a bare constructor, a boxed or bare vector, or a generic
//! parameter. It asks a [`Scope`] what the schema declares, so every consumer resolves by
//! the same rules against its own tables: `tlgen-dynamic`'s plan (which resolves
//! `--type` texts long after the parsed schema is gone) and `tl-codegen`'s model alike.
//!
//! ```
//! use tlgen_parser::resolve::{resolve, Primitive, Resolved, Scope};
//! use tlgen_parser::Category;
//!
//! /// One boxed type, `Peer`, built by its one constructor `peerUser`.
//! struct Tiny;
//! impl Scope for Tiny {
//!     type TypeId = ();
//!     type DefId = ();
//!     fn boxed_type(&self, name: &str) -> Option<()> {
//!         (name == "Peer").then_some(())
//!     }
//!     fn sole_constructor(&self, _: ()) -> Option<()> {
//!         Some(())
//!     }
//!     fn definition(&self, name: &str) -> Option<((), Category)> {
//!         (name == "peerUser").then_some(((), Category::Type))
//!     }
//! }
//!
//! let ty = tlgen_parser::parse_type("Vector<%Peer>").unwrap();
//! let Ok(Resolved::Vector { boxed: true, elem }) = resolve(&Tiny, &[], &ty) else { panic!() };
//! assert_eq!(*elem, Resolved::Bare(()));
//! let int = tlgen_parser::parse_type("int32").unwrap();
//! assert_eq!(resolve(&Tiny, &[], &int), Ok(Resolved::Primitive(Primitive::Int)));
//! ```

use std::fmt;

use crate::hash::same_str;
use crate::model::{Category, Type};

/// A type with a fixed wire form, declared by no constructor.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Primitive {
    /// `int`, `int32`: 4 bytes.
    Int,
    /// `long`, `int53`, `int64`: 8 bytes.
    Long,
    /// `double`: 8 bytes.
    Double,
    /// `string`, and TON's `secureString`: TL bytes holding UTF-8.
    String,
    /// `bytes`, and TON's `secureBytes`.
    Bytes,
    /// `int128`: 16 raw bytes.
    Int128,
    /// `int256`: 32 raw bytes.
    Int256,
    /// `Bool`: `boolTrue` or `boolFalse`.
    Bool,
    /// `true`: nothing on the wire (a flag bit alone says it).
    True,
    /// `Object`, `object`: any boxed constructor or function call.
    Object,
    /// `Function`, `function`: any boxed function call.
    Function,
}

/// Every builtin type name and the primitive it stands for: the one table of builtins,
/// which the parser (builtins declared in definition syntax), [`resolve`], tl-codegen's
/// subset closure and model, and tl-docs read.
pub const BUILTINS: [(&str, Primitive); 18] = [
    ("int", Primitive::Int),
    ("int32", Primitive::Int),
    ("long", Primitive::Long),
    ("int53", Primitive::Long),
    ("int64", Primitive::Long),
    ("double", Primitive::Double),
    ("string", Primitive::String),
    ("secureString", Primitive::String),
    ("bytes", Primitive::Bytes),
    ("secureBytes", Primitive::Bytes),
    ("int128", Primitive::Int128),
    ("int256", Primitive::Int256),
    ("Bool", Primitive::Bool),
    ("true", Primitive::True),
    ("object", Primitive::Object),
    ("Object", Primitive::Object),
    ("function", Primitive::Function),
    ("Function", Primitive::Function),
];

impl Primitive {
    /// The primitive a type name stands for (without `%`), by [`BUILTINS`]: `int` and
    /// `int32` are [`Primitive::Int`], `Updates` is none.
    pub fn from_name(name: &str) -> Option<Primitive> {
        // Asked for every type reference: the length leaves a few candidates.
        BUILTINS
            .iter()
            .find(|(builtin, _)| builtin.len() == name.len() && same_str(builtin, name))
            .map(|&(_, p)| p)
    }
}

/// Whether `name` is a builtin a schema may also declare in definition syntax
/// (`int32 = Int32;`, `bytes data:string = Bytes;`): a bare (lowercase) name of
/// [`BUILTINS`] but `true`, which Telegram's schema declares as a constructor of its own
/// (`true#3fedd339 = True;`), and `vector`.
pub fn is_declarable_builtin(name: &str) -> bool {
    name == "vector"
        || (name != "true"
            && name.starts_with(|c: char| c.is_ascii_lowercase())
            && Primitive::from_name(name).is_some())
}

/// What the schema declares, as [`resolve`] asks it: each consumer answers from its own
/// tables (indices into its own lists).
pub trait Scope {
    /// How the scope names a boxed type.
    type TypeId: Copy;
    /// How the scope names a constructor or function.
    type DefId: Copy;
    /// The boxed type `name` (`Updates`, `messages.Messages`), if a constructor builds it.
    fn boxed_type(&self, name: &str) -> Option<Self::TypeId>;
    /// The one constructor of `ty`, if it has exactly one.
    fn sole_constructor(&self, ty: Self::TypeId) -> Option<Self::DefId>;
    /// The constructor or function called `name`, and which of the two it is.
    fn definition(&self, name: &str) -> Option<(Self::DefId, Category)>;
}

/// What a type stands for, in the ids of a [`Scope`].
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Resolved<'a, T, D> {
    /// A type with a fixed wire form.
    Primitive(Primitive),
    /// A boxed type: a constructor id, then that constructor's fields.
    Boxed(T),
    /// A constructor used bare (`%Type` of a one-constructor type, or a lowercase name):
    /// its fields only.
    Bare(D),
    /// `Vector<T>` (`boxed`: the vector id, then a count and the items) or `vector<T>`,
    /// `%Vector<T>`, TON's `(vector T)` (a count and the items).
    Vector {
        /// Whether the vector's id is on the wire.
        boxed: bool,
        /// The item type.
        elem: Box<Resolved<'a, T, D>>,
    },
    /// A generic parameter of the definition: `!X` (`bang`, a function call to forward)
    /// or `X` (as a result, or a param of type `X`).
    Generic {
        /// The parameter's name.
        name: &'a str,
        /// Written `!X`.
        bang: bool,
    },
}

/// Why a type does not resolve.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum ResolveErrorKind {
    /// `!X` where the definition declares no `{X:Type}`.
    UnknownGeneric,
    /// `Vector` or `vector` without exactly one type argument.
    VectorArity,
    /// Type arguments on a type other than `Vector` or `vector` (`Maybe<int>`).
    NotGeneric,
    /// `%T` where `T` is not a boxed type of the schema.
    UnknownBareType,
    /// `%T` where `T` does not have exactly one constructor.
    AmbiguousBareType,
    /// A constructor name (`inputPeerEmpty`) that names a function.
    FunctionAsType,
    /// A constructor name that no constructor has.
    UnknownConstructor,
    /// A boxed type name that no constructor builds.
    UnknownType,
}

/// A type that does not resolve: what is wrong, and the (sub)type it is about.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ResolveError {
    /// What is wrong.
    pub kind: ResolveErrorKind,
    /// The type (or argument) that does not resolve, as written: `Vector<int int>`, `%Peer`.
    pub ty: String,
}

impl fmt::Display for ResolveError {
    /// What is wrong, in one sentence without the definition.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let ty = &self.ty;
        let name = ty.trim_start_matches(['%', '!']);
        match self.kind {
            ResolveErrorKind::UnknownGeneric => write!(f, "`{ty}` names no generic parameter"),
            ResolveErrorKind::VectorArity => {
                f.write_str("a vector takes exactly one type argument")
            }
            ResolveErrorKind::NotGeneric => {
                f.write_str("only Vector and vector take type arguments")
            }
            ResolveErrorKind::UnknownBareType => {
                write!(f, "`{name}` is not a boxed type of the schema")
            }
            ResolveErrorKind::AmbiguousBareType => {
                write!(f, "`{ty}` needs a type with exactly one constructor")
            }
            ResolveErrorKind::FunctionAsType => {
                write!(f, "`{ty}` is a function, not a constructor")
            }
            ResolveErrorKind::UnknownConstructor => write!(f, "no constructor is named `{ty}`"),
            ResolveErrorKind::UnknownType => {
                write!(f, "no constructor declares the type `{ty}`")
            }
        }
    }
}

impl std::error::Error for ResolveError {}

/// Resolves `ty`, written in a definition whose generic parameters (`{X:Type}`) are
/// `generics`, against what `scope` declares.
///
/// The rules, in order: `!X` is a generic (and must be declared); a declared `X` without
/// arguments is a generic; `Vector`/`vector` take exactly one argument (`%Vector` and
/// `vector` are bare); no other type takes arguments; a primitive name
/// ([`Primitive::from_name`], not with `%`) is that primitive; `%T` is the one constructor
/// of the boxed type `T`; a lowercase last part (`inputPeerEmpty`, `storage.fileJpeg`)
/// names a constructor; anything else is a boxed type.
pub fn resolve<'a, S: Scope>(
    scope: &S,
    generics: &[&str],
    ty: &Type<'a>,
) -> Result<Resolved<'a, S::TypeId, S::DefId>, ResolveError> {
    let fail = |kind| {
        Err(ResolveError {
            kind,
            ty: ty.to_string(),
        })
    };
    let generic = generics.iter().any(|g| same_str(g, ty.name));
    if ty.generic_ref {
        return if generic {
            Ok(Resolved::Generic {
                name: ty.name,
                bang: true,
            })
        } else {
            fail(ResolveErrorKind::UnknownGeneric)
        };
    }
    if generic && ty.args.is_empty() {
        return Ok(Resolved::Generic {
            name: ty.name,
            bang: false,
        });
    }
    if ty.name == "Vector" || ty.name == "vector" {
        let [elem] = ty.args.as_slice() else {
            return fail(ResolveErrorKind::VectorArity);
        };
        return Ok(Resolved::Vector {
            boxed: ty.name == "Vector" && !ty.percent,
            elem: Box::new(resolve(scope, generics, elem)?),
        });
    }
    if !ty.args.is_empty() {
        return fail(ResolveErrorKind::NotGeneric);
    }
    if ty.percent {
        let Some(boxed) = scope.boxed_type(ty.name) else {
            return fail(ResolveErrorKind::UnknownBareType);
        };
        return match scope.sole_constructor(boxed) {
            Some(def) => Ok(Resolved::Bare(def)),
            None => fail(ResolveErrorKind::AmbiguousBareType),
        };
    }
    if let Some(p) = Primitive::from_name(ty.name) {
        return Ok(Resolved::Primitive(p));
    }
    if ty.is_bare() {
        return match scope.definition(ty.name) {
            Some((def, Category::Type)) => Ok(Resolved::Bare(def)),
            Some((_, Category::Function)) => fail(ResolveErrorKind::FunctionAsType),
            None => fail(ResolveErrorKind::UnknownConstructor),
        };
    }
    match scope.boxed_type(ty.name) {
        Some(t) => Ok(Resolved::Boxed(t)),
        None => fail(ResolveErrorKind::UnknownType),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Schema;

    /// A scope over a parsed schema: boxed types by name, definitions by index.
    struct Parsed<'s, 'a>(&'s Schema<'a>);

    impl<'a> Scope for Parsed<'_, 'a> {
        type TypeId = &'a str;
        type DefId = usize;

        fn boxed_type(&self, name: &str) -> Option<&'a str> {
            let def = self
                .0
                .definitions
                .iter()
                .find(|d| d.category == Category::Type && d.result.name == name)?;
            Some(def.result.name)
        }

        fn sole_constructor(&self, ty: &'a str) -> Option<usize> {
            let mut ctors = self
                .0
                .definitions
                .iter()
                .enumerate()
                .filter(|(_, d)| d.category == Category::Type && d.result.name == ty);
            match (ctors.next(), ctors.next()) {
                (Some((i, _)), None) => Some(i),
                _ => None,
            }
        }

        fn definition(&self, name: &str) -> Option<(usize, Category)> {
            let (i, d) = self
                .0
                .definitions
                .iter()
                .enumerate()
                .find(|(_, d)| d.name == name)?;
            Some((i, d.category))
        }
    }

    #[test]
    fn every_builtin_names_its_primitive() {
        for (name, primitive) in BUILTINS {
            assert_eq!(Primitive::from_name(name), Some(primitive), "{name}");
        }
        assert_eq!(Primitive::from_name("bool"), None);
        assert_eq!(Primitive::from_name("Int"), None);
        // The names a schema may also declare in definition syntax (TL's `int ? = Int;`
        // and tonlib's `int32 = Int32;` and friends), `true` and the boxed names not.
        let declarable: Vec<&str> = BUILTINS
            .iter()
            .map(|(name, _)| *name)
            .chain(["vector", "Vector"])
            .filter(|name| is_declarable_builtin(name))
            .collect();
        assert_eq!(
            declarable,
            [
                "int",
                "int32",
                "long",
                "int53",
                "int64",
                "double",
                "string",
                "secureString",
                "bytes",
                "secureBytes",
                "int128",
                "int256",
                "object",
                "function",
                "vector"
            ]
        );
    }

    #[test]
    fn every_rule_and_every_error() {
        let schema = crate::parse(
            "peerUser id:long = Peer;\n\
             peerChat id:long = Peer;\n\
             point x:int = Point;\n\
             ---functions---\n\
             getPeer = Peer;",
        );
        let scope = Parsed(&schema);
        fn resolve_text<'t, 's>(
            scope: &Parsed<'_, 's>,
            text: &'t str,
        ) -> Result<Resolved<'t, &'s str, usize>, String> {
            let ty = crate::parse_type(text).map_err(|e| e.to_string())?;
            resolve(scope, &["X"], &ty).map_err(|e| format!("{:?}: {e}", e.kind))
        }
        let resolve = |text| resolve_text(&scope, text);
        assert_eq!(resolve("Peer"), Ok(Resolved::Boxed("Peer")));
        assert_eq!(resolve("%Point"), Ok(Resolved::Bare(2)));
        assert_eq!(resolve("point"), Ok(Resolved::Bare(2)));
        assert_eq!(
            resolve("secureString"),
            Ok(Resolved::Primitive(Primitive::String))
        );
        assert_eq!(
            resolve("!X"),
            Ok(Resolved::Generic {
                name: "X",
                bang: true
            })
        );
        assert_eq!(
            resolve("X"),
            Ok(Resolved::Generic {
                name: "X",
                bang: false
            })
        );
        let bare_vector = Resolved::Vector {
            boxed: false,
            elem: Box::new(Resolved::Primitive(Primitive::Long)),
        };
        assert_eq!(resolve("(vector long)"), Ok(bare_vector.clone()));
        assert_eq!(resolve("%Vector<int53>"), Ok(bare_vector));
        for (text, error) in [
            ("!Y", "UnknownGeneric: `!Y` names no generic parameter"),
            (
                "Vector<int int>",
                "VectorArity: a vector takes exactly one type argument",
            ),
            (
                "Peer<int>",
                "NotGeneric: only Vector and vector take type arguments",
            ),
            (
                "%Nope",
                "UnknownBareType: `Nope` is not a boxed type of the schema",
            ),
            (
                "%Peer",
                "AmbiguousBareType: `%Peer` needs a type with exactly one constructor",
            ),
            (
                "getPeer",
                "FunctionAsType: `getPeer` is a function, not a constructor",
            ),
            ("nope", "UnknownConstructor: no constructor is named `nope`"),
            (
                "Vector<Nope>",
                "UnknownType: no constructor declares the type `Nope`",
            ),
        ] {
            assert_eq!(resolve(text), Err(error.to_owned()), "{text}");
        }
    }
}
