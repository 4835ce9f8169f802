//! [`Schema`]: a parsed TL schema lowered into a decoding plan.
//!
//! Every parameter type is resolved once, when the schema is built, by the parser's rules
//! ([`tlgen_parser::resolve`]) into a [`Ty`]: a primitive, a boxed type index, a bare
//! constructor index, a vector of an interned element type, or a generic. Constructor and function ids go into an open-addressing table keyed
//! by the id itself. Decoding and encoding then never look at a name.

use std::collections::HashMap;
use std::fmt;

use tlgen_parser::resolve::{self, Primitive, Resolved};
use tlgen_parser::{Category, Dialect, ParamKind};

use crate::error::SchemaError;
use crate::ids::IdTable;
use crate::ty::{self, Node, Type};
use crate::value::Value;

/// The most `#` flag words one definition may have.
pub const MAX_FLAG_WORDS: usize = 8;

/// The index of a constructor or function in its [`Schema`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct DefId(pub(crate) u32);

impl DefId {
    /// The index, in schema order.
    #[must_use]
    pub fn index(self) -> usize {
        self.0 as usize
    }
}

/// The index of a boxed type (`Updates`, `messages.Messages`) in its schema.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) struct TypeId(pub(crate) u32);

/// The index of an interned vector element type.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) struct TyId(pub(crate) u32);

/// A resolved type reference.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) enum Ty {
    /// `int`.
    Int,
    /// `#` as a value (TON): an unsigned 32-bit natural, 4 bytes like `int`.
    Nat,
    /// `long` (and `int53`, `int64`).
    Long,
    /// `double`.
    Double,
    /// `string`.
    String,
    /// `bytes`.
    Bytes,
    /// `int128`.
    Int128,
    /// `int256`.
    Int256,
    /// `Bool` (`boolTrue`/`boolFalse`).
    Bool,
    /// `true`: nothing on the wire.
    True,
    /// A boxed type: an id, then the fields of one of its constructors.
    Boxed(TypeId),
    /// A bare constructor: its fields only.
    Bare(DefId),
    /// `Vector<T>`: the vector id, a count and the items.
    Vector(TyId),
    /// `vector<T>`: a count and the items.
    BareVector(TyId),
    /// `!X`: any boxed function call.
    AnyFunction,
    /// Any boxed constructor or function call (also a generic `X` without `!`).
    AnyObject,
}

impl Ty {
    /// Whether values of it are objects (a constructor or function call): what TDLib's and
    /// tonlib's JSON may write as `null`. Only the JSON mappings (feature `json`) ask.
    #[cfg(feature = "json")]
    pub(crate) fn is_object(self) -> bool {
        matches!(
            self,
            Ty::Boxed(_) | Ty::Bare(_) | Ty::AnyObject | Ty::AnyFunction
        )
    }
}

/// Where a `flags.N?T` field's bit is: the flag word's slot and the bit.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Cond {
    /// The index of the `#` parameter among the definition's flag words.
    pub slot: u8,
    /// The bit, 0 to 31.
    pub bit: u8,
}

impl Cond {
    /// The bit as a mask.
    #[inline]
    pub fn mask(self) -> u32 {
        1u32 << (self.bit & 31)
    }

    /// The slot, always below [`MAX_FLAG_WORDS`].
    #[inline]
    pub fn slot(self) -> usize {
        usize::from(self.slot) & (MAX_FLAG_WORDS - 1)
    }
}

/// One step of a definition's wire layout.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Step {
    /// A `#` flag word, stored in its slot.
    Flags(u8),
    /// A `#` flag word of a TON schema, stored in its slot and also a field (an `int`
    /// value): TON's flag words carry bits of their own (`liteServer.lookupBlock`'s
    /// `mode.0` has no param), so the value is kept and the bits of the params present
    /// are added to it on encoding.
    FlagsField(u8),
    /// A field, conditional or not.
    Field(Ty, Option<Cond>),
    /// A run of consecutive `flags.N?true` fields on one flag word, their bits in
    /// increasing order and used by no other field: field `first + k` is set when the
    /// `k`-th lowest bit of `mask` is. One step instead of one per flag.
    Trues {
        /// The flag word's slot.
        slot: u8,
        /// The bits of the run.
        mask: u32,
        /// The field index of the lowest bit.
        first: u32,
    },
}

impl Step {
    /// The number of fields the step stands for.
    pub fn fields(self) -> u32 {
        match self {
            Step::Flags(_) => 0,
            Step::Field(..) | Step::FlagsField(_) => 1,
            Step::Trues { mask, .. } => mask.count_ones(),
        }
    }
}

/// Moves the flag words to the front when only steps without bytes on the wire (runs of
/// `true` flags) come before them; returns whether every flag word is then at the front.
fn hoist_flag_words(steps: &mut Vec<Step>) -> bool {
    let zero_bytes = |s: &Step| {
        matches!(
            s,
            Step::Flags(_) | Step::Trues { .. } | Step::Field(Ty::True, _)
        )
    };
    let prefix = steps.iter().take_while(|s| zero_bytes(s)).count();
    let (head, tail) = steps.split_at(prefix);
    let mut ordered: Vec<Step> = head
        .iter()
        .copied()
        .filter(|s| matches!(s, Step::Flags(_)))
        .collect();
    ordered.extend(
        head.iter()
            .copied()
            .filter(|s| !matches!(s, Step::Flags(_))),
    );
    let all_in_front = !tail.iter().any(|s| matches!(s, Step::Flags(_)));
    ordered.extend_from_slice(tail);
    *steps = ordered;
    all_in_front
}

/// Appends one `[≥1, ≥2, ≥3]` bit mask triple per flag word; `false` if some bit is used
/// by more than three fields (the count would need more masks).
fn count_masks(fields: &[Field], slots: usize, out: &mut Vec<[u32; 3]>) -> bool {
    let mut ok = true;
    for slot in 0..slots {
        let mut masks = [0u32; 3];
        for f in fields {
            let Some(c) = f.cond.filter(|c| usize::from(c.slot) == slot) else {
                continue;
            };
            let bit = c.mask();
            match masks.iter_mut().find(|m| **m & bit == 0) {
                Some(m) => *m |= bit,
                None => ok = false,
            }
        }
        out.push(masks);
    }
    ok
}

impl Schema {
    /// The number of fields present, from the flag words (for a counted definition).
    #[inline]
    pub(crate) fn present_count(&self, hot: &Hot, flags: &[u32; MAX_FLAG_WORDS]) -> usize {
        let start = hot.masks_start as usize;
        let masks = self
            .count_masks
            .get(start..start + hot.slots as usize)
            .unwrap_or(&[]);
        let mut n = hot.unconditional;
        for (f, m) in flags.iter().zip(masks) {
            n += (f & m[0]).count_ones() + (f & m[1]).count_ones() + (f & m[2]).count_ones();
        }
        n as usize
    }
}

/// Replaces runs of two or more `flags.N?true` fields (same flag word, bits increasing,
/// each bit used by that field only) with one [`Step::Trues`].
fn compress_true_flags(steps: &mut Vec<Step>, fields: &[Field]) {
    let used_once = |c: Cond| fields.iter().filter(|f| f.cond == Some(c)).count() == 1;
    let mut out: Vec<Step> = Vec::with_capacity(steps.len());
    let mut index = 0u32;
    for &step in steps.iter() {
        if let Step::Field(Ty::True, Some(c)) = step {
            if used_once(c) {
                let bit = 1u32 << (c.bit & 31);
                match out.last_mut() {
                    Some(Step::Trues { slot, mask, .. })
                        if *slot == c.slot && *mask != 0 && bit > *mask =>
                    {
                        *mask |= bit;
                        index += 1;
                        continue;
                    }
                    _ => {
                        out.push(Step::Trues {
                            slot: c.slot,
                            mask: bit,
                            first: index,
                        });
                        index += 1;
                        continue;
                    }
                }
            }
        }
        index += step.fields();
        out.push(step);
    }
    *steps = out;
}

/// What the decoder reads per definition: small and contiguous.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Hot {
    /// Start of the definition's steps in [`Schema::steps`].
    pub steps_start: u32,
    /// End of the steps.
    pub steps_end: u32,
    /// The number of fields (non-`#` params).
    pub fields: u32,
    /// The boxed type of a constructor; [`Hot::FUNCTION`] for a function.
    pub ty: u32,
    /// Whether every flag word comes before anything that has bytes on the wire, so the
    /// number of present fields is known from the flag words alone (see
    /// [`Schema::present_count`]).
    pub counted: bool,
    /// The fields that are not conditional.
    pub unconditional: u32,
    /// Start of the definition's per-flag-word masks in [`Schema::count_masks`] (one
    /// entry per flag word, in slot order).
    pub masks_start: u32,
    /// The number of flag words.
    pub slots: u32,
}

impl Hot {
    /// [`Hot::ty`] of a function.
    pub const FUNCTION: u32 = u32::MAX;
}

/// A field (non-`#` parameter) of a definition.
#[derive(Debug, Clone)]
pub struct Field {
    pub(crate) name: Box<str>,
    pub(crate) ty: Ty,
    pub(crate) cond: Option<Cond>,
    /// `field.N` as written, for conditional fields.
    pub(crate) flag: Box<str>,
    /// Whether its `//@` doc says it may be null ([`tlgen_parser::Param::may_be_null`]).
    pub(crate) nullable: bool,
    /// Whether its `long` (or the `long`s of its vectors) was written `int53`: a JSON
    /// number in TDLib's and tonlib's JSON, where `int64` is a string.
    pub(crate) int53: bool,
}

impl Field {
    /// The parameter name.
    #[must_use]
    pub fn name(&self) -> &str {
        &self.name
    }

    /// Whether it is a `flags.N?T` field.
    #[must_use]
    pub fn is_optional(&self) -> bool {
        self.cond.is_some()
    }

    /// Whether it is a `flags.N?true` field (the bit alone is the value).
    #[must_use]
    pub fn is_true_flag(&self) -> bool {
        self.cond.is_some() && self.ty == Ty::True
    }

    /// Whether its `//@` doc comment says it may be null (TDLib's and tonlib's schemas:
    /// "may be null", "pass null"; see [`tlgen_parser::Param::may_be_null`]): their JSON
    /// reads it as absent or `null`, and for a vector, its items may be `null`.
    #[must_use]
    pub fn may_be_null(&self) -> bool {
        self.nullable
    }

    /// Whether it is an `int53` (or a vector of them), written as a JSON number in TDLib's
    /// and tonlib's JSON; `int64` and `long` are decimal strings there.
    #[must_use]
    pub fn is_int53(&self) -> bool {
        self.int53
    }
}

impl Definition {
    /// The bits of the flag word in `slot` that conditional fields stand for.
    pub(crate) fn covered_bits(&self, slot: u8) -> u32 {
        self.fields
            .iter()
            .filter_map(|f| f.cond.filter(|c| c.slot == slot))
            .fold(0, |bits, c| bits | c.mask())
    }
}

/// A constructor or function of a [`Schema`].
#[derive(Debug, Clone)]
pub struct Definition {
    pub(crate) name: Box<str>,
    pub(crate) id: u32,
    pub(crate) function: bool,
    pub(crate) fields: Box<[Field]>,
    /// Groups of field indices that share one flag bit (only groups of two or more).
    pub(crate) shared: Box<[Box<[usize]>]>,
}

impl Definition {
    /// The TL name with namespace, e.g. `payments.sendStarsForm`.
    #[must_use]
    pub fn name(&self) -> &str {
        &self.name
    }

    /// The wire id.
    #[must_use]
    pub fn id(&self) -> u32 {
        self.id
    }

    /// Whether it is a function (else a constructor).
    #[must_use]
    pub fn is_function(&self) -> bool {
        self.function
    }

    /// The fields (non-`#` parameters) in schema order.
    #[must_use]
    pub fn fields(&self) -> &[Field] {
        &self.fields
    }
}

/// A boxed type and its constructors.
#[derive(Debug, Clone)]
pub(crate) struct BoxedType {
    pub name: Box<str>,
    pub constructors: Vec<DefId>,
}

/// A TL schema lowered for decoding and encoding any of its values.
///
/// Build it once ([`Schema::from_sources`], [`Schema::from_parsed`]) and share it; every
/// method takes `&self`.
#[derive(Debug, Clone)]
pub struct Schema {
    pub(crate) defs: Vec<Definition>,
    pub(crate) hot: Vec<Hot>,
    pub(crate) steps: Vec<Step>,
    pub(crate) tys: Vec<Ty>,
    pub(crate) types: Vec<BoxedType>,
    pub(crate) ids: IdTable,
    /// Per flag word of each counted definition: the bits used by at least one, two and
    /// three conditional fields.
    pub(crate) count_masks: Vec<[u32; 3]>,
    pub(crate) def_names: HashMap<Box<str>, DefId>,
    pub(crate) type_names: HashMap<Box<str>, TypeId>,
    layer: Option<i32>,
}

impl Schema {
    /// Parses one TL text and builds its schema.
    pub fn from_source(text: &str) -> Result<Schema, SchemaError> {
        Self::from_sources(&[text])
    }

    /// Parses several TL texts as one schema (e.g. `api.tl` and `mtproto.tl`) and builds it.
    ///
    /// Any error of the parser (syntax, undeclared type, duplicate id, …) is reported as
    /// [`SchemaError::Parse`] with every diagnostic.
    pub fn from_sources(texts: &[&str]) -> Result<Schema, SchemaError> {
        let names: Vec<String> = (1..=texts.len()).map(|i| format!("<source {i}>")).collect();
        let parsed = tlgen_parser::parse_files(
            names.iter().map(String::as_str).zip(texts.iter().copied()),
            &tlgen_parser::ParseOptions::default(),
        );
        if parsed.has_errors() {
            return Err(SchemaError::Parse(parsed.errors().cloned().collect()));
        }
        Self::from_parsed(&parsed)
    }

    /// Builds the plan of a parsed schema (its diagnostics are not looked at: every
    /// definition it holds must resolve).
    pub fn from_parsed(parsed: &tlgen_parser::Schema<'_>) -> Result<Schema, SchemaError> {
        Builder::default().build(parsed)
    }

    /// The `// LAYER N` of the sources, if any.
    #[must_use]
    pub fn layer(&self) -> Option<i32> {
        self.layer
    }

    /// Every constructor and function, in schema order (indexed by [`DefId::index`]).
    #[must_use]
    pub fn definitions(&self) -> &[Definition] {
        &self.defs
    }

    /// The definition of `def`, if it belongs to this schema.
    #[must_use]
    pub fn definition(&self, def: DefId) -> Option<&Definition> {
        self.defs.get(def.index())
    }

    /// The definition with this wire id.
    #[must_use]
    pub fn by_id(&self, id: u32) -> Option<DefId> {
        self.ids.get(id)
    }

    /// The definition with this TL name (`payments.sendStarsForm`).
    #[must_use]
    pub fn by_name(&self, name: &str) -> Option<DefId> {
        self.def_names.get(name).copied()
    }

    /// The TL name of a definition (`""` if it is not of this schema).
    #[must_use]
    pub fn name(&self, def: DefId) -> &str {
        self.definition(def).map_or("", Definition::name)
    }

    /// The TL name of an object's definition; `None` if `value` is not an object.
    #[must_use]
    pub fn name_of(&self, value: &Value) -> Option<&str> {
        value.def().map(|def| self.name(def))
    }

    /// Parses a type expression: `int`, `Updates`, `messages.Messages`, `%Message`,
    /// `message` (bare constructor), `Vector<User>`, `vector<long>`, `Vector<Vector<int>>`.
    pub fn parse_type(&self, text: &str) -> Result<Type, SchemaError> {
        let parsed = ty::parse_expression(text)?;
        let node = self
            .resolve(&[], &parsed)
            .map_err(|reason| SchemaError::UnknownType {
                definition: String::new(),
                param: String::new(),
                ty: text.to_owned(),
                reason,
            })?;
        Ok(Type::from_node(node))
    }

    /// The boxed type of a constructor, if `def` is one.
    pub(crate) fn type_of(&self, def: DefId) -> Option<TypeId> {
        let hot = self.hot.get(def.index())?;
        (hot.ty != Hot::FUNCTION).then_some(TypeId(hot.ty))
    }

    /// The type name, for messages.
    pub(crate) fn type_name(&self, t: TypeId) -> &str {
        self.types.get(t.0 as usize).map_or("?", |t| &t.name)
    }

    /// The element type of a vector.
    #[inline]
    pub(crate) fn elem(&self, t: TyId) -> Ty {
        // Interned ids always exist; `AnyObject` keeps a broken plan from panicking.
        self.tys.get(t.0 as usize).copied().unwrap_or(Ty::AnyObject)
    }

    /// The steps of a definition.
    #[inline]
    pub(crate) fn steps_of(&self, hot: &Hot) -> &[Step] {
        self.steps
            .get(hot.steps_start as usize..hot.steps_end as usize)
            .unwrap_or(&[])
    }

    /// A readable form of a resolved type: `Vector<User>`, `%message`, `!X`.
    pub(crate) fn describe(&self, ty: Ty) -> String {
        DescribeTy(self, ty).to_string()
    }

    /// Resolves a parsed type reference, with `generics` the `{X:Type}` names in scope, by
    /// the parser's rules ([`tlgen_parser::resolve`]) against this schema's names.
    fn resolve(
        &self,
        generics: &[&str],
        t: &tlgen_parser::Type<'_>,
    ) -> Result<Node, resolve::ResolveError> {
        resolve::resolve(&Names(self), generics, t).map(node_of)
    }
}

/// A schema's names, as [`resolve::resolve`] asks for them.
struct Names<'s>(&'s Schema);

impl resolve::Scope for Names<'_> {
    type TypeId = TypeId;
    type DefId = DefId;

    fn boxed_type(&self, name: &str) -> Option<TypeId> {
        self.0.type_names.get(name).copied()
    }

    fn sole_constructor(&self, ty: TypeId) -> Option<DefId> {
        match self.0.types.get(ty.0 as usize)?.constructors.as_slice() {
            &[only] => Some(only),
            _ => None,
        }
    }

    fn definition(&self, name: &str) -> Option<(DefId, Category)> {
        let def = *self.0.def_names.get(name)?;
        let category = match self.0.type_of(def) {
            Some(_) => Category::Type,
            None => Category::Function,
        };
        Some((def, category))
    }
}

/// The plan's form of a resolved type: a generic `!X` is any function call, a generic `X`
/// any boxed value.
fn node_of(resolved: Resolved<'_, TypeId, DefId>) -> Node {
    let leaf = match resolved {
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
            Primitive::Object => Ty::AnyObject,
            Primitive::Function => Ty::AnyFunction,
        },
        Resolved::Boxed(t) => Ty::Boxed(t),
        Resolved::Bare(d) => Ty::Bare(d),
        Resolved::Vector { boxed, elem } => {
            return Node::Vector {
                boxed,
                elem: Box::new(node_of(*elem)),
            }
        }
        Resolved::Generic { bang: true, .. } => Ty::AnyFunction,
        Resolved::Generic { bang: false, .. } => Ty::AnyObject,
    };
    Node::Leaf(leaf)
}

/// Displays a resolved type.
struct DescribeTy<'s>(&'s Schema, Ty);

impl fmt::Display for DescribeTy<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let schema = self.0;
        match self.1 {
            Ty::Int => f.write_str("int"),
            Ty::Nat => f.write_str("#"),
            Ty::Long => f.write_str("long"),
            Ty::Double => f.write_str("double"),
            Ty::String => f.write_str("string"),
            Ty::Bytes => f.write_str("bytes"),
            Ty::Int128 => f.write_str("int128"),
            Ty::Int256 => f.write_str("int256"),
            Ty::Bool => f.write_str("Bool"),
            Ty::True => f.write_str("true"),
            Ty::Boxed(t) => f.write_str(schema.type_name(t)),
            Ty::Bare(d) => write!(f, "%{}", schema.definition(d).map_or("?", Definition::name)),
            Ty::Vector(e) => write!(f, "Vector<{}>", DescribeTy(schema, schema.elem(e))),
            Ty::BareVector(e) => write!(f, "vector<{}>", DescribeTy(schema, schema.elem(e))),
            Ty::AnyFunction => f.write_str("a function call"),
            Ty::AnyObject => f.write_str("a constructor or function call"),
        }
    }
}

/// Lowers a parsed schema into a [`Schema`].
#[derive(Default)]
struct Builder {
    interned: HashMap<Ty, TyId>,
}

fn index_u32(n: usize) -> Result<u32, SchemaError> {
    u32::try_from(n)
        .ok()
        .filter(|&n| n < u32::MAX)
        .ok_or(SchemaError::TooLarge)
}

impl Builder {
    fn build(mut self, parsed: &tlgen_parser::Schema<'_>) -> Result<Schema, SchemaError> {
        let mut schema = Schema {
            defs: Vec::with_capacity(parsed.definitions.len()),
            hot: Vec::with_capacity(parsed.definitions.len()),
            steps: Vec::new(),
            tys: Vec::new(),
            types: Vec::new(),
            ids: IdTable::with_capacity(parsed.definitions.len()),
            count_masks: Vec::new(),
            def_names: HashMap::with_capacity(parsed.definitions.len()),
            type_names: HashMap::new(),
            layer: parsed.layer,
        };
        // Pass 1: names, ids and types.
        for (i, d) in parsed.definitions.iter().enumerate() {
            let def = DefId(index_u32(i)?);
            if schema.def_names.insert(d.name.into(), def).is_some() {
                return Err(SchemaError::DuplicateName {
                    name: d.name.to_owned(),
                });
            }
            if let Some(first) = schema.ids.insert(d.id(), def) {
                // TDLib's `…Prefix` definitions share their full one's id: the id reads the
                // full one (see `tlgen_parser::Definition::is_prefix_of`).
                match parsed.definitions.get(first.index()) {
                    Some(f) if f.is_prefix_of(d) => schema.ids.replace(d.id(), def),
                    Some(f) if d.is_prefix_of(f) => {}
                    f => {
                        return Err(SchemaError::DuplicateId {
                            id: d.id(),
                            first: f.map_or(String::new(), |f| f.name.to_owned()),
                            second: d.name.to_owned(),
                        })
                    }
                }
            }
            let ty = match d.category {
                Category::Function => Hot::FUNCTION,
                Category::Type => {
                    let next = TypeId(index_u32(schema.types.len())?);
                    let t = *schema
                        .type_names
                        .entry(d.result.name.into())
                        .or_insert(next);
                    if t == next {
                        schema.types.push(BoxedType {
                            name: d.result.name.into(),
                            constructors: Vec::new(),
                        });
                    }
                    if let Some(b) = schema.types.get_mut(t.0 as usize) {
                        b.constructors.push(def);
                    }
                    t.0
                }
            };
            schema.hot.push(Hot {
                steps_start: 0,
                steps_end: 0,
                fields: 0,
                ty,
                counted: false,
                unconditional: 0,
                masks_start: 0,
                slots: 0,
            });
        }
        // TON's `#` params are values (see `Step::FlagsField`); Telegram's flag words are
        // computed from the fields present.
        let ton = parsed.dialect == Dialect::Ton;
        // Pass 2: each definition's layout.
        for (i, d) in parsed.definitions.iter().enumerate() {
            let generics: Vec<&str> = d.generics.iter().map(|g| g.name).collect();
            let steps_start = index_u32(schema.steps.len())?;
            let mut slots: Vec<&str> = Vec::new();
            let mut fields = Vec::new();
            for p in &d.params {
                let unknown = |ty: &tlgen_parser::Type<'_>, reason: resolve::ResolveError| {
                    SchemaError::UnknownType {
                        definition: d.name.to_owned(),
                        param: p.name.to_owned(),
                        ty: ty.to_string(),
                        reason,
                    }
                };
                match &p.kind {
                    ParamKind::FlagField if ton && !d.is_flag_word(p.name) => {
                        // A plain 32-bit natural (`req_count:#`): 4 bytes, as an `int`.
                        schema.steps.push(Step::Field(Ty::Nat, None));
                        fields.push(Field {
                            name: p.name.into(),
                            ty: Ty::Nat,
                            cond: None,
                            flag: "".into(),
                            nullable: false,
                            int53: false,
                        });
                    }
                    ParamKind::FlagField => {
                        if slots.len() >= MAX_FLAG_WORDS {
                            return Err(SchemaError::TooManyFlagWords {
                                definition: d.name.to_owned(),
                            });
                        }
                        // Below MAX_FLAG_WORDS: fits a u8.
                        let slot = slots.len() as u8;
                        if ton {
                            schema.steps.push(Step::FlagsField(slot));
                            fields.push(Field {
                                name: p.name.into(),
                                ty: Ty::Nat,
                                cond: None,
                                flag: "".into(),
                                nullable: false,
                                int53: false,
                            });
                        } else {
                            schema.steps.push(Step::Flags(slot));
                        }
                        slots.push(p.name);
                    }
                    ParamKind::Plain(t) => {
                        let node = schema.resolve(&generics, t).map_err(|r| unknown(t, r))?;
                        let ty = self.intern(&mut schema, node)?;
                        schema.steps.push(Step::Field(ty, None));
                        fields.push(Field {
                            name: p.name.into(),
                            ty,
                            cond: None,
                            flag: "".into(),
                            nullable: p.may_be_null(),
                            int53: is_int53(t),
                        });
                    }
                    ParamKind::Conditional { field, bit, ty: t } => {
                        let Some(slot) = slots.iter().position(|s| s == field) else {
                            return Err(SchemaError::UnknownFlagField {
                                definition: d.name.to_owned(),
                                param: p.name.to_owned(),
                                field: (*field).to_owned(),
                            });
                        };
                        if *bit > 31 {
                            return Err(SchemaError::FlagBitOutOfRange {
                                definition: d.name.to_owned(),
                                param: p.name.to_owned(),
                                bit: u32::from(*bit),
                            });
                        }
                        let node = schema.resolve(&generics, t).map_err(|r| unknown(t, r))?;
                        let ty = self.intern(&mut schema, node)?;
                        let cond = Cond {
                            slot: slot as u8,
                            bit: *bit,
                        };
                        schema.steps.push(Step::Field(ty, Some(cond)));
                        fields.push(Field {
                            name: p.name.into(),
                            ty,
                            cond: Some(cond),
                            flag: format!("{field}.{bit}").into(),
                            nullable: p.may_be_null(),
                            int53: is_int53(t),
                        });
                    }
                }
            }
            let mut own = schema.steps.split_off(steps_start as usize);
            compress_true_flags(&mut own, &fields);
            let counted =
                hoist_flag_words(&mut own) && !own.iter().any(|s| matches!(s, Step::FlagsField(_)));
            schema.steps.append(&mut own);
            let masks_start = index_u32(schema.count_masks.len())?;
            let counted = counted && count_masks(&fields, slots.len(), &mut schema.count_masks);
            let unconditional = index_u32(fields.iter().filter(|f| f.cond.is_none()).count())?;
            let steps_end = index_u32(schema.steps.len())?;
            let shared = shared_groups(&fields);
            let field_count = index_u32(fields.len())?;
            if let Some(hot) = schema.hot.get_mut(i) {
                hot.steps_start = steps_start;
                hot.steps_end = steps_end;
                hot.fields = field_count;
                hot.counted = counted;
                hot.unconditional = unconditional;
                hot.masks_start = masks_start;
                hot.slots = slots.len() as u32;
            }
            schema.defs.push(Definition {
                name: d.name.into(),
                id: d.id(),
                function: d.category == Category::Function,
                fields: fields.into_boxed_slice(),
                shared,
            });
        }
        Ok(schema)
    }

    /// Turns a resolved node into a [`Ty`], interning vector element types.
    fn intern(&mut self, schema: &mut Schema, node: Node) -> Result<Ty, SchemaError> {
        match node {
            Node::Leaf(ty) => Ok(ty),
            Node::Vector { boxed, elem } => {
                let elem = self.intern(schema, *elem)?;
                let id = match self.interned.get(&elem) {
                    Some(&id) => id,
                    None => {
                        let id = TyId(index_u32(schema.tys.len())?);
                        schema.tys.push(elem);
                        self.interned.insert(elem, id);
                        id
                    }
                };
                Ok(if boxed {
                    Ty::Vector(id)
                } else {
                    Ty::BareVector(id)
                })
            }
        }
    }
}

/// The groups of fields that share one flag bit (two or more fields).
fn shared_groups(fields: &[Field]) -> Box<[Box<[usize]>]> {
    let mut groups: Vec<(Cond, Vec<usize>)> = Vec::new();
    for (i, f) in fields.iter().enumerate() {
        if let Some(c) = f.cond {
            match groups.iter_mut().find(|(g, _)| *g == c) {
                Some((_, members)) => members.push(i),
                None => groups.push((c, vec![i])),
            }
        }
    }
    groups
        .into_iter()
        .filter(|(_, m)| m.len() > 1)
        .map(|(_, m)| m.into_boxed_slice())
        .collect()
}

/// Whether a parameter type is `int53`, or a vector (of vectors) of it.
fn is_int53(t: &tlgen_parser::Type<'_>) -> bool {
    let mut t = t;
    while let Some(inner) = t.args.first() {
        t = inner;
    }
    t.name == "int53"
}
