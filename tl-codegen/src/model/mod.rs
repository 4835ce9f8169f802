//! The model: a schema lowered to what the generated Rust is, settled once.
//!
//! [`lower`] builds a [`Model`] from a parsed schema. Lowering resolves every TL type to a
//! Rust shape ([`Ty`]), names every item ([`naming`]), groups constructors under their
//! boxed type, lays out flag fields (params sharing one flag bit become one tuple field,
//! [`SharedBit`]), joins in the docs, marks which fields need a `Box` (to break recursion,
//! or to keep a large value out of line) and which types get a borrowed twin ([`Borrows`]).
//! The emitters read only this model; so do `tl-codegen diff` and the workspace's tests.
//!
//! ```
//! let schema = tlgen_parser::parse("user id:long name:string = User;");
//! let model = tlgen_codegen::model::lower(&schema, &tlgen_codegen::NoDocs).unwrap();
//! assert_eq!(model.constructors[0].path.name, "User");
//! assert!(model.borrows.constructors[0]); // `name` is a string
//! ```

pub mod api_diff;
mod borrows;
mod debug;
pub mod defaults;
pub mod errors;
pub mod json;
mod large_fields;
mod lower;
pub mod naming;
pub mod object;
mod path;
mod recursion;
mod rust_type;

pub use borrows::Borrows;
pub use debug::DebugView;
pub use defaults::Defaults;
pub use errors::{ErrorVariant, RpcErrorBridge};
pub use lower::lower;
pub use object::{ObjectEnum, ObjectValue, ObjectVariant};
pub use path::{supers, ItemPath, PathKind, Relative};
pub use rust_type::{
    Associated, FlagMethod, MissingItem, RustType, Signature, StructField, Twin, WireKind,
};

use std::fmt;

use tlgen_parser::resolve::ResolveErrorKind;
use tlgen_parser::Dialect;

use crate::docs_source::ErrorRef;

/// A lowered schema, ready to emit.
#[derive(Debug, Clone)]
pub struct Model {
    /// The schema's layer, if known.
    pub layer: Option<i32>,
    /// The schema's dialect: TON's schemas ([`Dialect::Ton`]) keep `#` params as values
    /// ([`Ty::Nat`]) and have no Telegram envelope (`gzip_packed`) in `Object`.
    pub dialect: Dialect,
    /// Constructors of every generated boxed type, in source order.
    pub constructors: Vec<Item>,
    /// Functions, in source order.
    pub functions: Vec<Item>,
    /// Boxed types (one enum each), sorted by Rust path.
    pub enums: Vec<BoxedType>,
    /// Every `(id, TL name)` the schema knows, constructors and functions, sorted by id.
    pub names_by_id: Vec<(u32, String)>,
    /// Every known RPC error, sorted by name, each with a unique variant name.
    pub errors: Vec<ErrorVariant>,
    /// The schema's `rpc_error error_code:int error_message:string`, when it has one of that
    /// shape: its generated struct (and enum) convert into the typed errors.
    pub rpc_error: Option<RpcErrorBridge>,
    /// Which constructors and boxed types hold a string or bytes: those get a twin in the
    /// generated `borrowed` module.
    pub borrows: Borrows,
    /// Which generated values have a `Default`, and each enum's default constructor.
    pub defaults: Defaults,
    /// The root `Object` enum's variants.
    pub object: ObjectEnum,
    /// The JSON decisions of TDLib's or tonlib's dialect ([`Model::with_json`]); `None`
    /// for the others.
    pub json: Option<json::JsonModel>,
}

/// A constructor or function.
#[derive(Debug, Clone)]
pub struct Item {
    /// The TL name, `payments.sendStarsForm`.
    pub tl_name: String,
    /// The wire id.
    pub id: u32,
    /// The Rust path: in `types` or `functions`.
    pub path: ItemPath,
    /// Generic type parameters (`X` for `{X:Type}`).
    pub generics: Vec<String>,
    /// The serialization order: flag words and fields.
    pub slots: Vec<Slot>,
    /// The params that carry a value or a flag bit (every param but `#` flag words and plain
    /// `true`), in order. Most are struct fields of their own; see [`Field::role`].
    pub fields: Vec<Field>,
    /// Params that share one flag bit and so are present or absent together: each group is
    /// one struct field holding a tuple, `Option<(A, B)>`.
    pub shared: Vec<SharedBit>,
    /// For constructors, the index of their boxed type in [`Model::enums`];
    /// for functions, the return type.
    pub result: ItemResult,
    /// The canonical TL line.
    pub tl_line: String,
    /// The description, as Markdown, if documented.
    pub description: Option<String>,
    /// Documented errors (functions only).
    pub errors: Vec<ErrorRef>,
    /// Params the documentation describes that the definition no longer has: the docs were
    /// written for an earlier version of it.
    pub stale_doc_params: Vec<String>,
    /// For a prefix definition (TDLib's `invokeWithBusinessConnectionPrefix`, see
    /// [`tlgen_parser::Definition::is_prefix_of`]): the TL name of the full definition that
    /// shares its id. It encodes as usual; decoding by id (`Object`, its enum) reads the full one.
    pub prefix_of: Option<String>,
}

/// What an item belongs to or returns.
#[derive(Debug, Clone)]
pub enum ItemResult {
    /// A constructor of the enum at this index of [`Model::enums`].
    Constructor(usize),
    /// A function returning this type.
    Function(Ty),
}

/// One step of the wire layout.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Slot {
    /// A `#` flag word, computed from the fields that name it.
    Flags(String),
    /// The field at this index of [`Item::fields`].
    Field(usize),
}

/// One struct field.
#[derive(Debug, Clone)]
pub struct Field {
    /// The TL param name.
    pub tl_name: String,
    /// The Rust field name (before keyword escaping).
    pub name: String,
    /// Its shape on the wire and in Rust.
    pub ty: Ty,
    /// `Some((flag word, bit))` for conditional params.
    pub condition: Option<(String, u8)>,
    /// Held in a `Box`: to break a recursive type, or to keep a large value out of line.
    pub boxed: bool,
    /// The param's description, as Markdown, if documented.
    pub description: Option<String>,
    /// The TL type as written, for docs.
    pub tl_type: String,
    /// How the param appears in the struct.
    pub role: FieldRole,
    /// Its JSON form in TDLib's or tonlib's dialect ([`Model::with_json`]): then its Rust
    /// type is the one decided there (`Option` when nullable).
    pub json: Option<json::JsonField>,
}

/// How a param appears in the generated struct.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FieldRole {
    /// A struct field of its own (`Option<T>` when conditional, `bool` for `flags.N?true`).
    Own,
    /// Element `index` of the tuple field [`Item::shared`]`[group]`.
    Shared {
        /// The index in [`Item::shared`].
        group: usize,
        /// The position in the tuple.
        index: usize,
    },
    /// A `flags.N?true` whose bit other params also use: set exactly when they are present,
    /// so it is no field but a method reading their presence.
    Implied(Presence),
}

/// What decides whether a flag bit is set.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Presence {
    /// The field at this index of [`Item::fields`] (its own struct field).
    Field(usize),
    /// The tuple field at this index of [`Item::shared`].
    Shared(usize),
}

/// Params with values on one flag bit, held together in one `Option` of a tuple.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SharedBit {
    /// The Rust field name (`views_and_forwards`, before keyword escaping).
    pub name: String,
    /// The flag word and bit.
    pub flag: (String, u8),
    /// Indices in [`Item::fields`] of the tuple's elements, in order.
    pub members: Vec<usize>,
}

/// The largest tuple the standard library implements `Debug`, `PartialEq` and `Default`
/// for: a [`SharedBit`] with more members (TON's `validatorStats.stats.producer` has 20 on
/// `flags.0`) nests tuples of at most this many.
pub const MAX_TUPLE: usize = 12;

impl SharedBit {
    /// The size of the inner tuples when the members nest ([`MAX_TUPLE`]): `None` for one
    /// flat tuple. The chunks are as even as possible, so none holds a single member.
    pub fn chunk(&self) -> Option<usize> {
        let n = self.members.len();
        (n > MAX_TUPLE).then(|| n.div_ceil(n.div_ceil(MAX_TUPLE)))
    }

    /// Where the member at `index` sits: `(Some(outer), inner)` when nested.
    pub fn position(&self, index: usize) -> (Option<usize>, usize) {
        match self.chunk() {
            Some(size) => (Some(index / size), index % size),
            None => (None, index),
        }
    }
}

/// A boxed type and its constructors.
#[derive(Debug, Clone)]
pub struct BoxedType {
    /// The TL name, `payments.PaymentResult`.
    pub tl_name: String,
    /// The Rust path, in `enums`.
    pub path: ItemPath,
    /// `(variant name, index in Model::constructors)`.
    pub variants: Vec<(String, usize)>,
    /// Part of a recursive cycle: decoding it counts against the depth limit.
    pub recursive: bool,
    /// The description, as Markdown, if documented.
    pub description: Option<String>,
}

/// The shape of a TL type in Rust and on the wire.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Ty {
    /// `int` / `int32`: `i32`.
    Int,
    /// `long` / `int53` / `int64`: `i64`.
    Long,
    /// `double`: `f64`.
    Double,
    /// `string`: `String`.
    String,
    /// `bytes`: `Vec<u8>`.
    Bytes,
    /// `#` in TON's schemas: `u32`, a value of its own. A flag word there keeps bits that no
    /// param stands for (`liteServer.lookupBlock mode:#`'s bit 0), and a `#` that no
    /// conditional names is a count (`req_count:#`). Telegram's flag words are no field
    /// ([`Slot::Flags`]).
    Nat,
    /// `object` / `Object` / `function` / `Function` in TON's schemas (`object ? = Object;`):
    /// any boxed value of the schema, the root `Object` enum (a boxed field, `Box<Object>`;
    /// `Object` as a function's return: `liteServer.query data:bytes = Object;` answers
    /// whatever the query in `data` returns).
    AnyObject,
    /// `int128`: `[u8; 16]`.
    Int128,
    /// `int256`: `[u8; 32]`.
    Int256,
    /// Boxed `Bool`: `bool`.
    Bool,
    /// `true`: a flag bit alone (`bool`).
    True,
    /// `Vector<T>` (boxed) or `vector<T>` (bare): `Vec<T>`.
    Vector {
        /// `vector<T>`: no constructor id before the count.
        bare: bool,
        /// The element type.
        elem: Box<Ty>,
    },
    /// A boxed type: `enums::…`, with its index in [`Model::enums`].
    Enum(usize),
    /// A constructor used bare (`%T` or a lowercase name): `types::…`, index in [`Model::constructors`].
    Bare(usize),
    /// A generic parameter `X` (`!X` in params, `X` as a result).
    Generic(String),
}

/// An error found while lowering: a definition the parser accepts that cannot be generated.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LowerError {
    /// What is wrong, as a kind.
    pub kind: LowerErrorKind,
    /// The TL definition it concerns.
    pub definition: String,
    /// The file of the definition, as given to the parser.
    pub file: String,
    /// The 1-based line where the definition starts.
    pub line: u32,
    /// The 1-based column where the definition starts, in characters.
    pub column: u32,
    /// What is wrong, in one sentence.
    pub message: String,
}

/// Why a definition cannot be generated.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum LowerErrorKind {
    /// A type that does not resolve against the generated items, by the parser's rules
    /// ([`tlgen_parser::resolve`]): the parser's kind, kept.
    Resolve(ResolveErrorKind),
    /// `Object` or `Function` (any boxed value) outside TON's schemas, where the generated
    /// types have no Rust form for it.
    AnyBoxedValue,
}

impl fmt::Display for LowerError {
    /// `file:line:column: definition: message`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}:{}:{}: {}: {}",
            self.file, self.line, self.column, self.definition, self.message
        )
    }
}

impl std::error::Error for LowerError {}

impl Item {
    /// Whether the item has type parameters.
    pub fn is_generic(&self) -> bool {
        !self.generics.is_empty()
    }

    /// The URL of the item's page on core.telegram.org.
    pub fn doc_url(&self) -> String {
        let kind = match self.result {
            ItemResult::Constructor(_) => "constructor",
            ItemResult::Function(_) => "method",
        };
        format!("https://core.telegram.org/{kind}/{}", self.tl_name)
    }
}
