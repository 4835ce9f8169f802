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
pub mod defaults;
pub mod errors;
pub mod json;
mod large_fields;
pub mod naming;
pub mod object;
mod path;
mod recursion;
mod rust_type;

pub use borrows::Borrows;
pub use defaults::Defaults;
pub use errors::{ErrorVariant, RpcErrorBridge};
pub use object::{ObjectEnum, ObjectValue, ObjectVariant};
pub use path::{supers, ItemPath, PathKind, Relative};
pub use rust_type::{Associated, FlagMethod, RustType, Signature, StructField, Twin, WireKind};

use std::collections::{BTreeMap, HashMap};
use std::fmt;

use tlgen_parser::resolve::{self, Primitive, ResolveErrorKind, Resolved};
use tlgen_parser::{Category, Definition, Dialect, ParamKind, Schema, Type};

use crate::docs_source::{DocSource, ErrorRef};

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
    /// `Vector` or `vector` without exactly one type argument.
    VectorArity,
    /// A type applied to arguments other than `Vector` (`Maybe<int>`).
    GenericTypeUnsupported,
    /// `%T` where `T` does not have exactly one constructor.
    AmbiguousBareType,
    /// A bare type (`%T` or a constructor name) that names no constructor.
    UnknownBareType,
    /// A boxed type that no generated constructor builds.
    TypeWithoutConstructors,
    /// `!X` where the definition declares no `{X:Type}`.
    UnknownGeneric,
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

/// Boxed types that map to Rust primitives and get no enum.
const PRIMITIVE_BOXED: &[&str] = &["Bool"];

/// Lowers a parsed schema. Fails on what cannot be generated (an unknown type, a bad flag).
pub fn lower(schema: &Schema, docs: &dyn DocSource) -> Result<Model, Vec<LowerError>> {
    Lowering::new(schema, docs).run()
}

/// The definitions of `schema` by id, for the ids more than one definition has.
fn shared_ids<'a>(schema: &'a Schema<'a>) -> HashMap<u32, Vec<&'a Definition<'a>>> {
    let mut by_id: HashMap<u32, Vec<&Definition>> = HashMap::new();
    for d in &schema.definitions {
        by_id.entry(d.id()).or_default().push(d);
    }
    by_id.retain(|_, defs| defs.len() > 1);
    by_id
}

struct Lowering<'a> {
    schema: &'a Schema<'a>,
    docs: &'a dyn DocSource,
    /// boxed TL type name → enum index
    enum_index: HashMap<String, usize>,
    /// constructor TL name → constructor index
    ctor_index: HashMap<String, usize>,
    /// enum index → its constructor's index, when it has exactly one
    sole_ctor: Vec<Option<usize>>,
    /// id → the definitions sharing it, for ids that more than one has (prefix definitions)
    shared_ids: HashMap<u32, Vec<&'a Definition<'a>>>,
    errors: Vec<LowerError>,
}

impl<'a> Lowering<'a> {
    fn new(schema: &'a Schema<'a>, docs: &'a dyn DocSource) -> Self {
        Lowering {
            schema,
            docs,
            enum_index: HashMap::new(),
            ctor_index: HashMap::new(),
            sole_ctor: Vec::new(),
            shared_ids: shared_ids(schema),
            errors: Vec::new(),
        }
    }

    /// The TL name of the definition `d` is a prefix definition of, if any.
    fn prefix_of(&self, d: &Definition) -> Option<String> {
        let sharing = self.shared_ids.get(&d.id())?;
        let full = sharing.iter().find(|full| d.is_prefix_of(full))?;
        Some(full.name.to_owned())
    }

    fn run(mut self) -> Result<Model, Vec<LowerError>> {
        let ctor_defs: Vec<&Definition> = self
            .schema
            .definitions
            .iter()
            .filter(|d| d.category == Category::Type)
            .filter(|d| !PRIMITIVE_BOXED.contains(&d.result.name))
            .collect();

        // Boxed types, in order of first appearance, then sorted by path for stable output.
        let mut type_names: Vec<&str> = Vec::new();
        for d in &ctor_defs {
            if !type_names.contains(&d.result.name) {
                type_names.push(d.result.name);
            }
        }
        type_names.sort_by_key(|n| rust_path_of(n, PathKind::Enums));
        let mut enums: Vec<BoxedType> = type_names
            .iter()
            .map(|name| BoxedType {
                tl_name: (*name).to_string(),
                path: rust_path_of(name, PathKind::Enums),
                variants: Vec::new(),
                recursive: false,
                description: self
                    .docs
                    .type_description(name)
                    .or_else(|| class_description(self.schema, name)),
            })
            .collect();
        for (i, e) in enums.iter().enumerate() {
            self.enum_index.insert(e.tl_name.clone(), i);
        }
        let mut ctor_counts = vec![0usize; enums.len()];
        self.sole_ctor = vec![None; enums.len()];
        for (i, d) in ctor_defs.iter().enumerate() {
            self.ctor_index.insert(d.name.to_owned(), i);
            if let Some(&e) = self.enum_index.get(d.result.name) {
                ctor_counts[e] += 1;
                self.sole_ctor[e] = Some(i);
            }
        }
        for (sole, count) in self.sole_ctor.iter_mut().zip(ctor_counts) {
            if count != 1 {
                *sole = None;
            }
        }

        let mut constructors = Vec::with_capacity(ctor_defs.len());
        for (i, d) in ctor_defs.iter().enumerate() {
            let enum_idx = self.enum_index[d.result.name];
            let item = self.lower_item(d, ItemResult::Constructor(enum_idx));
            enums[enum_idx].variants.push((item.path.name.clone(), i));
            constructors.push(item);
        }
        for e in &mut enums {
            name_variants(e, &constructors);
        }

        let mut functions = Vec::new();
        for d in self
            .schema
            .definitions
            .iter()
            .filter(|d| d.category == Category::Function)
        {
            let result = self.lower_type(d, &d.result);
            functions.push(self.lower_item(d, ItemResult::Function(result)));
        }
        dedupe_paths(&mut constructors);
        dedupe_paths(&mut functions);

        // A prefix definition's id names its full definition.
        let mut names_by_id: Vec<(u32, String)> = self
            .schema
            .definitions
            .iter()
            .filter(|d| self.prefix_of(d).is_none())
            .map(|d| (d.id(), d.name.to_owned()))
            .collect();
        names_by_id.extend(
            self.schema
                .builtins
                .iter()
                .filter_map(|b| Some((b.declared_id?, b.name.to_owned()))),
        );
        names_by_id.sort();
        names_by_id.dedup_by_key(|(id, _)| *id);

        let errors = errors::error_variants(self.docs.all_errors());
        let mut ir = Model {
            layer: self.schema.layer,
            dialect: self.schema.dialect,
            constructors,
            functions,
            enums,
            names_by_id,
            errors,
            borrows: Borrows::default(),
            defaults: Defaults::default(),
            object: ObjectEnum::default(),
            rpc_error: None,
            json: None,
        };
        recursion::mark_boxes(&mut ir);
        large_fields::box_large_fields(&mut ir);
        ir.borrows = Borrows::of(&ir);
        ir.defaults = Defaults::of(&ir);
        ir.object = ObjectEnum::of(&ir);
        ir.rpc_error = RpcErrorBridge::of(&ir);
        if self.errors.is_empty() {
            Ok(ir)
        } else {
            Err(self.errors)
        }
    }

    fn lower_item(&mut self, d: &Definition, result: ItemResult) -> Item {
        let is_function = d.category == Category::Function;
        let mut slots = Vec::new();
        let mut fields = Vec::new();
        for p in &d.params {
            match &p.kind {
                ParamKind::FlagField if self.schema.dialect == Dialect::Ton => {
                    // A value of its own (see `Ty::Nat`).
                    slots.push(Slot::Field(fields.len()));
                    fields.push(Field {
                        tl_name: p.name.to_owned(),
                        name: naming::value_name(p.name),
                        ty: Ty::Nat,
                        condition: None,
                        boxed: false,
                        description: p
                            .docs
                            .clone()
                            .or_else(|| self.docs.param_description(d.name, is_function, p.name)),
                        tl_type: "#".to_owned(),
                        role: FieldRole::Own,
                        json: None,
                    });
                }
                ParamKind::FlagField => slots.push(Slot::Flags(p.name.to_owned())),
                ParamKind::Plain(ty) if ty.name == "true" && !ty.percent => {
                    // A plain `true` carries nothing on the wire.
                }
                ParamKind::Plain(ty) | ParamKind::Conditional { ty, .. } => {
                    let condition = match &p.kind {
                        ParamKind::Conditional { field, bit, .. } => {
                            Some(((*field).to_string(), *bit))
                        }
                        _ => None,
                    };
                    let lowered = self.lower_type(d, ty);
                    if lowered == Ty::True && condition.is_none() {
                        continue;
                    }
                    let description = p
                        .docs
                        .clone()
                        .or_else(|| self.docs.param_description(d.name, is_function, p.name));
                    slots.push(Slot::Field(fields.len()));
                    fields.push(Field {
                        tl_name: p.name.to_owned(),
                        name: naming::value_name(p.name),
                        // `Object` holds every type: a field of it is boxed.
                        boxed: lowered == Ty::AnyObject,
                        ty: lowered,
                        condition,
                        description,
                        tl_type: ty.to_string(),
                        role: FieldRole::Own,
                        json: None,
                    });
                }
            }
        }
        dedupe_field_names(&mut fields);
        let shared = group_shared_bits(&mut fields);
        let description = d.docs.description.clone().or_else(|| {
            if is_function {
                self.docs.function_description(d.name)
            } else {
                self.docs.constructor_description(d.name)
            }
        });
        Item {
            tl_name: d.name.to_owned(),
            id: d.id(),
            path: rust_path_of(
                d.name,
                if is_function {
                    PathKind::Functions
                } else {
                    PathKind::Types
                },
            ),
            generics: d.generics.iter().map(|g| g.name.to_owned()).collect(),
            slots,
            fields,
            shared,
            result,
            tl_line: d.to_string(),
            description,
            errors: if is_function {
                self.docs.function_errors(d.name)
            } else {
                Vec::new()
            },
            prefix_of: self.prefix_of(d),
            stale_doc_params: {
                let mut stale: Vec<String> = self
                    .docs
                    .documented_params(d.name, is_function)
                    .into_iter()
                    .filter(|name| !d.params.iter().any(|p| p.name == name.as_str()))
                    .collect();
                stale.sort();
                stale
            },
        }
    }

    /// Lowers a type of `d` (a param's or the result), resolved by the parser's rules
    /// ([`tlgen_parser::resolve`]) against the generated enums and constructors.
    fn lower_type(&mut self, d: &Definition, ty: &Type) -> Ty {
        let generics: Vec<&str> = d.generics.iter().map(|g| g.name).collect();
        let names = Names {
            enum_index: &self.enum_index,
            ctor_index: &self.ctor_index,
            sole_ctor: &self.sole_ctor,
        };
        match resolve::resolve(&names, &generics, ty) {
            Ok(resolved) => self.lower_resolved(d, resolved),
            Err(e) => {
                let ty = &e.ty;
                let (kind, message) = match e.kind {
                    ResolveErrorKind::VectorArity => (
                        LowerErrorKind::VectorArity,
                        format!("`{ty}` needs exactly one type argument"),
                    ),
                    ResolveErrorKind::NotGeneric => (
                        LowerErrorKind::GenericTypeUnsupported,
                        format!("generic type `{ty}` is not supported"),
                    ),
                    ResolveErrorKind::UnknownBareType | ResolveErrorKind::AmbiguousBareType => (
                        LowerErrorKind::AmbiguousBareType,
                        format!(
                            "`{ty}` is bare but its type does not have exactly one constructor"
                        ),
                    ),
                    ResolveErrorKind::UnknownConstructor | ResolveErrorKind::FunctionAsType => (
                        LowerErrorKind::UnknownBareType,
                        format!("unknown bare type `{ty}`"),
                    ),
                    ResolveErrorKind::UnknownGeneric => {
                        (LowerErrorKind::UnknownGeneric, e.to_string())
                    }
                    _ => (
                        LowerErrorKind::TypeWithoutConstructors,
                        format!("type `{ty}` has no constructors"),
                    ),
                };
                self.fail(d, kind, message)
            }
        }
    }

    /// The Rust shape of a resolved type of `d`.
    fn lower_resolved(&mut self, d: &Definition, resolved: Resolved<'_, usize, usize>) -> Ty {
        match resolved {
            Resolved::Primitive(p) => match p {
                Primitive::Int => Ty::Int,
                Primitive::Long => Ty::Long,
                Primitive::Double => Ty::Double,
                Primitive::String => Ty::String,
                Primitive::Bytes => Ty::Bytes,
                Primitive::Int128 => Ty::Int128,
                Primitive::Int256 => Ty::Int256,
                Primitive::Bool => Ty::Bool,
                Primitive::True => Ty::True,
                // TON's `object ? = Object;`: the root `Object` enum (see `Ty::AnyObject`).
                Primitive::Object | Primitive::Function if self.schema.dialect == Dialect::Ton => {
                    Ty::AnyObject
                }
                // Any boxed value: the generated types have no Rust shape for it.
                Primitive::Object | Primitive::Function => self.fail(
                    d,
                    LowerErrorKind::TypeWithoutConstructors,
                    format!("type `{p:?}` (any boxed value) has no generated form"),
                ),
            },
            Resolved::Boxed(i) => Ty::Enum(i),
            Resolved::Bare(i) => Ty::Bare(i),
            Resolved::Vector { boxed, elem } => Ty::Vector {
                bare: !boxed,
                elem: Box::new(self.lower_resolved(d, *elem)),
            },
            Resolved::Generic { name, .. } => Ty::Generic(name.to_owned()),
        }
    }

    fn fail(&mut self, d: &Definition, kind: LowerErrorKind, message: String) -> Ty {
        self.errors.push(LowerError {
            kind,
            definition: d.name.to_owned(),
            file: self
                .schema
                .files
                .get(d.span.file)
                .cloned()
                .unwrap_or_default(),
            line: d.span.line,
            column: d.span.column,
            message,
        });
        Ty::Int
    }
}

/// The generated enums and constructors, as [`resolve::resolve`] asks for them.
struct Names<'l> {
    enum_index: &'l HashMap<String, usize>,
    ctor_index: &'l HashMap<String, usize>,
    sole_ctor: &'l [Option<usize>],
}

impl resolve::Scope for Names<'_> {
    type TypeId = usize;
    type DefId = usize;

    fn boxed_type(&self, name: &str) -> Option<usize> {
        self.enum_index.get(name).copied()
    }

    fn sole_constructor(&self, ty: usize) -> Option<usize> {
        self.sole_ctor.get(ty).copied().flatten()
    }

    /// Constructors only: a function is no type, so it is not found.
    fn definition(&self, name: &str) -> Option<(usize, Category)> {
        self.ctor_index.get(name).map(|&i| (i, Category::Type))
    }
}

/// The description of boxed type `name` from a TDLib-style `//@class Name @description …`
/// comment (the parser keeps its pairs on the next definition's docs).
fn class_description(schema: &Schema, name: &str) -> Option<String> {
    schema.definitions.iter().find_map(|d| {
        let fields = &d.docs.fields;
        let class = fields.iter().position(|(k, v)| k == "class" && v == name)?;
        fields
            .iter()
            .skip(class + 1)
            .find(|(k, _)| k == "class_description")
            .map(|(_, v)| v.clone())
    })
}

/// `payments.sendStarsForm` → modules `["payments"]`, name `SendStarsForm`.
fn rust_path_of(tl_name: &str, kind: PathKind) -> ItemPath {
    let mut parts: Vec<&str> = tl_name.split('.').collect();
    let last = parts.pop().unwrap_or_default();
    ItemPath {
        kind,
        modules: parts.iter().map(|m| naming::module_name(m)).collect(),
        name: naming::type_name(last),
    }
}

/// Strips the enum name from variant names where that keeps them unique.
fn name_variants(e: &mut BoxedType, constructors: &[Item]) {
    let short: Vec<String> = e
        .variants
        .iter()
        .map(|(_, i)| naming::variant_name(&constructors[*i].path.name, &e.path.name))
        .collect();
    let mut counts: BTreeMap<&str, usize> = BTreeMap::new();
    for s in &short {
        *counts.entry(s.as_str()).or_default() += 1;
    }
    let full: Vec<String> = e
        .variants
        .iter()
        .map(|(_, i)| constructors[*i].path.name.clone())
        .collect();
    for (k, v) in e.variants.iter_mut().enumerate() {
        v.0 = if counts[short[k].as_str()] == 1 {
            short[k].clone()
        } else {
            full[k].clone()
        };
    }
    let mut seen = BTreeMap::new();
    for v in e.variants.iter_mut() {
        let n = seen.entry(v.0.clone()).or_insert(0usize);
        if *n > 0 {
            v.0 = naming::numbered(&v.0, *n);
        }
        *n += 1;
    }
}

/// Two TL names that map to one Rust path (`fooBar` and `foo_bar`) get numeric suffixes.
fn dedupe_paths(items: &mut [Item]) {
    let mut seen: HashMap<ItemPath, usize> = HashMap::new();
    for item in items.iter_mut() {
        let n = seen.entry(item.path.clone()).or_insert(0);
        if *n > 0 {
            item.path.name = naming::numbered(&item.path.name, *n);
        }
        *n += 1;
    }
}

/// Groups the params that share a flag bit, so that they can only be present together.
///
/// Two or more params with values on one bit become one tuple field (`Option<(A, B)>`);
/// `flags.N?true` params on a bit that a value also uses become [`FieldRole::Implied`] by it,
/// and several `true` params alone on one bit are implied by the first of them.
fn group_shared_bits(fields: &mut [Field]) -> Vec<SharedBit> {
    let mut bits: Vec<(String, u8)> = Vec::new();
    for f in fields.iter() {
        if let Some(flag) = &f.condition {
            if !bits.contains(flag) {
                bits.push(flag.clone());
            }
        }
    }
    let mut shared = Vec::new();
    for flag in bits {
        let on_bit: Vec<usize> = (0..fields.len())
            .filter(|&k| fields[k].condition.as_ref() == Some(&flag))
            .collect();
        if on_bit.len() < 2 {
            continue;
        }
        let values: Vec<usize> = on_bit
            .iter()
            .copied()
            .filter(|&k| fields[k].ty != Ty::True)
            .collect();
        let presence = match values.as_slice() {
            [] => Presence::Field(on_bit[0]),
            [only] => Presence::Field(*only),
            _ => {
                let group = shared.len();
                let names: Vec<&str> = values.iter().map(|&k| fields[k].name.as_str()).collect();
                let name = naming::shared_field_name(&names, |name| {
                    fields
                        .iter()
                        .zip(0..)
                        .any(|(f, k)| f.name == name && !values.contains(&k))
                        || shared.iter().any(|s: &SharedBit| s.name == name)
                });
                for (index, &k) in values.iter().enumerate() {
                    fields[k].role = FieldRole::Shared { group, index };
                }
                shared.push(SharedBit {
                    name,
                    flag: flag.clone(),
                    members: values.clone(),
                });
                Presence::Shared(group)
            }
        };
        for &k in &on_bit {
            if fields[k].ty == Ty::True && presence != Presence::Field(k) {
                fields[k].role = FieldRole::Implied(presence);
            }
        }
    }
    shared
}

/// Two params that map to one Rust field name get numeric suffixes.
fn dedupe_field_names(fields: &mut [Field]) {
    let mut seen: HashMap<String, usize> = HashMap::new();
    for f in fields.iter_mut() {
        let n = seen.entry(f.name.clone()).or_insert(0);
        if *n > 0 {
            f.name = naming::numbered_field(&f.name, *n);
        }
        *n += 1;
    }
}

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
