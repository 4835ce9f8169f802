//! A schema-driven generator of valid TL bytes.
//!
//! Given the parsed schema, [`Catalog::sample`] writes the boxed encoding (constructor id,
//! then the fields) of any constructor or function, straight from the TL definition and
//! without going through any generated Rust type. The tests then check that the generated
//! code decodes those bytes and encodes them back identically.
//!
//! Three [`Mode`]s decide which optional (`flags.N?`) fields are present: none, all, or a
//! seeded random choice; bits shared by several fields are always set or cleared together.
//! Everything else (nested constructors, vector lengths, numbers, strings) comes from a
//! deterministic [`SplitMix64`] stream seeded from the definition's name and the mode, so a
//! sample is reproducible on its own, whatever order the tests run in.
//!
//! Nesting is bounded by a depth budget: past it, a boxed type is written with its
//! constructor of minimal nesting depth (precomputed per type), vectors are empty and
//! optional fields absent, so every sample is finite and small.
//!
//! Nothing is skipped silently: an unsupported type panics, and [`Coverage`] counts what
//! the samples exercised (string boundary lengths, both `Bool` ids, bare vectors, …).

use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};
use std::fmt;
use std::sync::OnceLock;

use tlgen_parser::{Category, Definition, ParamKind, ParseOptions, Schema, Type};

/// The constructor id of the boxed `Vector`.
pub const VECTOR_ID: u32 = 0x1cb5_c415;
/// The constructor id of `boolTrue`.
pub const BOOL_TRUE_ID: u32 = 0x9972_75b5;
/// The constructor id of `boolFalse`.
pub const BOOL_FALSE_ID: u32 = 0xbc79_9737;

/// The nesting depth past which samples take the shortest way out.
pub const DEFAULT_BUDGET: u32 = 5;

/// The string and byte-string lengths that sit on an encoding boundary.
pub const BOUNDARY_LENGTHS: [usize; 5] = [0, 1, 253, 254, 300];

/// Which optional fields a sample sets.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Mode {
    /// Every flag bit clear: no optional field present.
    NoOptional,
    /// Every flag bit used by a conditional field set: all optional fields present.
    AllOptional,
    /// Each flag bit (shared by all the fields that use it) set or cleared at random,
    /// from this seed.
    Random(u64),
}

impl Mode {
    /// The three modes of the round-trip tests, with one random seed.
    pub const BASIC: [Mode; 3] = [Mode::NoOptional, Mode::AllOptional, Mode::Random(1)];

    fn seed(self) -> u64 {
        match self {
            Mode::NoOptional => 0x6e6f_6e65,
            Mode::AllOptional => 0x616c_6c21,
            Mode::Random(seed) => seed.wrapping_mul(0x9e37_79b9_7f4a_7c15) ^ 0x7261_6e64,
        }
    }
}

impl fmt::Display for Mode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Mode::NoOptional => f.write_str("no-optional"),
            Mode::AllOptional => f.write_str("all-optional"),
            Mode::Random(seed) => write!(f, "random({seed})"),
        }
    }
}

pub use tlgen_test_support::SplitMix64;

/// FNV-1a, to turn a definition name into part of a seed.
fn fnv1a(text: &str) -> u64 {
    let mut hash = 0xcbf2_9ce4_8422_2325_u64;
    for b in text.bytes() {
        hash ^= u64::from(b);
        hash = hash.wrapping_mul(0x0100_0000_01b3);
    }
    hash
}

/// What the samples exercised; every counter should end up non-zero.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Coverage {
    /// Samples written.
    pub samples: usize,
    /// Constructors written boxed (id + fields), by TL name, nested ones included.
    pub boxed_constructors: BTreeMap<String, usize>,
    /// Constructors written bare (`vector<future_salt>` items, `%T`), by TL name.
    pub bare_constructors: BTreeMap<String, usize>,
    /// Functions written (top-level or as the query of a generic function), by TL name.
    pub functions: BTreeMap<String, usize>,
    /// `string` values, by byte length.
    pub string_lengths: BTreeMap<usize, usize>,
    /// `string` values containing multi-byte UTF-8 characters.
    pub multibyte_strings: usize,
    /// `bytes` values, by length.
    pub bytes_lengths: BTreeMap<usize, usize>,
    /// `int` values.
    pub ints: usize,
    /// `long` values.
    pub longs: usize,
    /// `double` values.
    pub doubles: usize,
    /// `int128` values.
    pub int128s: usize,
    /// `int256` values.
    pub int256s: usize,
    /// `Bool` written as `boolTrue`.
    pub bool_true: usize,
    /// `Bool` written as `boolFalse`.
    pub bool_false: usize,
    /// `flags.N?true` fields set (bit on).
    pub true_flags_set: usize,
    /// `flags.N?true` fields cleared (bit off).
    pub true_flags_clear: usize,
    /// Optional value fields present.
    pub optional_present: usize,
    /// Optional value fields absent.
    pub optional_absent: usize,
    /// Flag bits shared by more than one field, set (all fields present).
    pub shared_bits_set: usize,
    /// Flag bits shared by more than one field, cleared (all fields absent).
    pub shared_bits_clear: usize,
    /// Boxed `Vector<T>` values, by item count.
    pub boxed_vector_lengths: BTreeMap<usize, usize>,
    /// Bare `vector<T>` values, by item count.
    pub bare_vector_lengths: BTreeMap<usize, usize>,
    /// Queries (`!X`) of generic functions.
    pub generic_queries: usize,
    /// Times the depth budget forced the minimal constructor of a type.
    pub budget_cutoffs: usize,
}

impl Coverage {
    /// Adds another coverage record into this one.
    pub fn merge(&mut self, other: &Coverage) {
        fn add<K: Ord + Clone>(into: &mut BTreeMap<K, usize>, from: &BTreeMap<K, usize>) {
            for (k, v) in from {
                *into.entry(k.clone()).or_default() += v;
            }
        }
        self.samples += other.samples;
        add(&mut self.boxed_constructors, &other.boxed_constructors);
        add(&mut self.bare_constructors, &other.bare_constructors);
        add(&mut self.functions, &other.functions);
        add(&mut self.string_lengths, &other.string_lengths);
        self.multibyte_strings += other.multibyte_strings;
        add(&mut self.bytes_lengths, &other.bytes_lengths);
        self.ints += other.ints;
        self.longs += other.longs;
        self.doubles += other.doubles;
        self.int128s += other.int128s;
        self.int256s += other.int256s;
        self.bool_true += other.bool_true;
        self.bool_false += other.bool_false;
        self.true_flags_set += other.true_flags_set;
        self.true_flags_clear += other.true_flags_clear;
        self.optional_present += other.optional_present;
        self.optional_absent += other.optional_absent;
        self.shared_bits_set += other.shared_bits_set;
        self.shared_bits_clear += other.shared_bits_clear;
        add(&mut self.boxed_vector_lengths, &other.boxed_vector_lengths);
        add(&mut self.bare_vector_lengths, &other.bare_vector_lengths);
        self.generic_queries += other.generic_queries;
        self.budget_cutoffs += other.budget_cutoffs;
    }

    /// The features that were never exercised (empty when the coverage is complete).
    pub fn missing(&self) -> Vec<String> {
        let mut missing = Vec::new();
        let mut need = |ok: bool, what: &str| {
            if !ok {
                missing.push(what.to_owned());
            }
        };
        for len in BOUNDARY_LENGTHS {
            need(
                self.string_lengths.contains_key(&len),
                &format!("string of length {len}"),
            );
            need(
                self.bytes_lengths.contains_key(&len),
                &format!("bytes of length {len}"),
            );
        }
        need(self.multibyte_strings > 0, "multi-byte UTF-8 string");
        need(self.ints > 0, "int");
        need(self.longs > 0, "long");
        need(self.doubles > 0, "double");
        need(self.int128s > 0, "int128");
        need(self.int256s > 0, "int256");
        need(self.bool_true > 0, "boolTrue");
        need(self.bool_false > 0, "boolFalse");
        need(self.true_flags_set > 0, "flags.N?true set");
        need(self.true_flags_clear > 0, "flags.N?true clear");
        need(self.optional_present > 0, "optional field present");
        need(self.optional_absent > 0, "optional field absent");
        need(self.shared_bits_set > 0, "shared flag bit set");
        need(self.shared_bits_clear > 0, "shared flag bit clear");
        for n in 0..=3 {
            need(
                self.boxed_vector_lengths.contains_key(&n),
                &format!("Vector of {n} items"),
            );
        }
        need(!self.bare_vector_lengths.is_empty(), "bare vector");
        need(
            self.bare_vector_lengths.keys().any(|&n| n > 0),
            "non-empty bare vector",
        );
        need(!self.bare_constructors.is_empty(), "bare constructor");
        need(self.generic_queries > 0, "generic function query");
        missing
    }
}

impl fmt::Display for Coverage {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let boundary = |map: &BTreeMap<usize, usize>| {
            BOUNDARY_LENGTHS
                .iter()
                .map(|len| format!("{len}:{}", map.get(len).copied().unwrap_or(0)))
                .collect::<Vec<_>>()
                .join(" ")
        };
        writeln!(f, "samples: {}", self.samples)?;
        writeln!(
            f,
            "distinct constructors written boxed: {}, bare: {} ({}), functions: {}",
            self.boxed_constructors.len(),
            self.bare_constructors.len(),
            self.bare_constructors
                .keys()
                .cloned()
                .collect::<Vec<_>>()
                .join(", "),
            self.functions.len()
        )?;
        writeln!(
            f,
            "strings: {} (boundary lengths {}; multi-byte {}), bytes: {} (boundary lengths {})",
            self.string_lengths.values().sum::<usize>(),
            boundary(&self.string_lengths),
            self.multibyte_strings,
            self.bytes_lengths.values().sum::<usize>(),
            boundary(&self.bytes_lengths)
        )?;
        writeln!(
            f,
            "int {} long {} double {} int128 {} int256 {} boolTrue {} boolFalse {}",
            self.ints,
            self.longs,
            self.doubles,
            self.int128s,
            self.int256s,
            self.bool_true,
            self.bool_false
        )?;
        writeln!(
            f,
            "true flags set {} clear {}; optional present {} absent {}; shared bits set {} clear {}",
            self.true_flags_set,
            self.true_flags_clear,
            self.optional_present,
            self.optional_absent,
            self.shared_bits_set,
            self.shared_bits_clear
        )?;
        writeln!(
            f,
            "Vector by length {:?}; bare vector by length {:?}; generic queries {}; budget cut-offs {}",
            self.boxed_vector_lengths, self.bare_vector_lengths, self.generic_queries, self.budget_cutoffs
        )
    }
}

/// The parsed schema with the indexes the generator needs.
#[derive(Debug)]
pub struct Catalog {
    /// The parsed schema (borrowing from sources that live as long as the program).
    pub schema: Schema<'static>,
    by_name: HashMap<String, usize>,
    /// Boxed type name → its constructors (indexes into `schema.definitions`), source order.
    ctors_by_type: BTreeMap<String, Vec<usize>>,
    /// Per definition: the minimal nesting depth of a value (1 for a constructor with no
    /// nested constructors); `u32::MAX` for functions.
    min_depth: Vec<u32>,
    /// Boxed type name → the minimal depth over its constructors.
    type_depth: HashMap<String, u32>,
    /// Non-generic functions: candidates for the query of a generic function.
    plain_functions: Vec<usize>,
    /// The constructors that get a generated struct, by TL name: the generator's model
    /// decides (boxed `Bool`'s are Rust's `bool`, no struct).
    generated: HashSet<String>,
}

impl Catalog {
    /// Parses `schema/api.tl` and `schema/mtproto.tl` of the workspace.
    pub fn load() -> Catalog {
        /// The schema files, read once: the parsed schema borrows from them.
        static SOURCES: OnceLock<(String, String)> = OnceLock::new();
        let (api, mtproto) = SOURCES.get_or_init(|| {
            let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../schema");
            let read = |name: &str| {
                std::fs::read_to_string(format!("{dir}/{name}"))
                    .unwrap_or_else(|e| panic!("read schema/{name}: {e}"))
            };
            (read("api.tl"), read("mtproto.tl"))
        });
        Catalog::new(tlgen_parser::parse_files(
            [("api.tl", api.as_str()), ("mtproto.tl", mtproto.as_str())],
            &ParseOptions::default(),
        ))
    }

    /// Indexes a parsed schema; panics if it has errors or a type that can never be written.
    pub fn new(schema: Schema<'static>) -> Catalog {
        if let Some(error) = schema.errors().next() {
            panic!("schema error: {}", error.render());
        }
        // Which constructors the generated code has a struct for: the model's decision.
        let generated = match tlgen_codegen::model::lower(&schema, &tlgen_codegen::NoDocs) {
            Ok(model) => model.constructors.into_iter().map(|c| c.tl_name).collect(),
            Err(errors) => panic!("the schema does not lower: {errors:?}"),
        };
        let mut by_name = HashMap::new();
        let mut ctors_by_type: BTreeMap<String, Vec<usize>> = BTreeMap::new();
        let mut plain_functions = Vec::new();
        for (i, d) in schema.definitions.iter().enumerate() {
            by_name.insert(d.name.to_owned(), i);
            match d.category {
                Category::Type => ctors_by_type
                    .entry(d.result.name.to_owned())
                    .or_default()
                    .push(i),
                Category::Function if d.generics.is_empty() => plain_functions.push(i),
                Category::Function => {}
            }
        }
        let mut catalog = Catalog {
            min_depth: vec![u32::MAX; schema.definitions.len()],
            schema,
            by_name,
            ctors_by_type,
            type_depth: HashMap::new(),
            plain_functions,
            generated,
        };
        catalog.compute_depths();
        catalog
    }

    /// Fixpoint: a constructor's depth is one more than the deepest of its always-present
    /// fields (optional fields can be absent, vectors empty); a type's depth is its
    /// shallowest constructor's.
    fn compute_depths(&mut self) {
        loop {
            let mut changed = false;
            for i in 0..self.schema.definitions.len() {
                let d = &self.schema.definitions[i];
                if d.category != Category::Type {
                    continue;
                }
                let mut depth = 1u32;
                for p in &d.params {
                    if let ParamKind::Plain(ty) = &p.kind {
                        depth = depth.max(self.type_min_depth(d, ty).saturating_add(1));
                    }
                }
                if depth < self.min_depth[i] {
                    self.min_depth[i] = depth;
                    let entry = self
                        .type_depth
                        .entry(d.result.name.to_owned())
                        .or_insert(u32::MAX);
                    *entry = (*entry).min(depth);
                    changed = true;
                }
            }
            if !changed {
                break;
            }
        }
        for (ty, ctors) in &self.ctors_by_type {
            let depth = self.type_depth.get(ty).copied().unwrap_or(u32::MAX);
            assert!(
                depth < u32::MAX,
                "type {ty} can never be written: every constructor ({}) needs itself",
                ctors.len()
            );
        }
    }

    /// The minimal depth a value of `ty` adds (0 for primitives and vectors).
    fn type_min_depth(&self, d: &Definition, ty: &Type) -> u32 {
        if is_generic(d, ty) || primitive(ty).is_some() || is_vector(ty) {
            return 0;
        }
        if let Some(ctor) = self.bare_constructor(ty) {
            return self.min_depth[ctor];
        }
        self.type_depth.get(ty.name).copied().unwrap_or(u32::MAX)
    }

    /// The constructor a bare type reference names (`future_salt`, `%Message`), if bare.
    fn bare_constructor(&self, ty: &Type) -> Option<usize> {
        if !ty.is_bare() || primitive(ty).is_some() || is_vector(ty) {
            return None;
        }
        if ty.percent {
            match self.ctors_by_type.get(ty.name).map(Vec::as_slice) {
                Some([only]) => Some(*only),
                _ => panic!("`{ty}` is bare but its type does not have exactly one constructor"),
            }
        } else {
            Some(
                *self
                    .by_name
                    .get(ty.name)
                    .unwrap_or_else(|| panic!("unknown bare type `{ty}`")),
            )
        }
    }

    /// Every definition, by TL name.
    pub fn get(&self, name: &str) -> Option<&Definition<'static>> {
        self.by_name.get(name).map(|&i| &self.schema.definitions[i])
    }

    /// Every constructor that gets a generated struct (all but `Bool`'s, as the generator's
    /// model decides), in source order.
    pub fn constructors(&self) -> impl Iterator<Item = &Definition<'static>> {
        self.schema
            .definitions
            .iter()
            .filter(|d| d.category == Category::Type && self.generated.contains(d.name))
    }

    /// Every function, in source order.
    pub fn functions(&self) -> impl Iterator<Item = &Definition<'static>> {
        self.schema
            .definitions
            .iter()
            .filter(|d| d.category == Category::Function)
    }

    /// Every boxed type name with its constructors, sorted by name (`Bool` included).
    pub fn boxed_types(&self) -> impl Iterator<Item = (&str, Vec<&Definition<'static>>)> {
        self.ctors_by_type.iter().map(|(name, ctors)| {
            (
                name.as_str(),
                ctors.iter().map(|&i| &self.schema.definitions[i]).collect(),
            )
        })
    }

    /// The minimal nesting depth of a constructor (1 = no nested constructor needed).
    pub fn min_depth(&self, constructor: &str) -> Option<u32> {
        self.by_name.get(constructor).map(|&i| self.min_depth[i])
    }

    /// The boxed encoding of `def` (its id, then its fields) in `mode`, with the
    /// [`DEFAULT_BUDGET`]; what it exercised is added to `coverage`.
    pub fn sample(&self, def: &Definition, mode: Mode, coverage: &mut Coverage) -> Vec<u8> {
        self.sample_with(def, mode, DEFAULT_BUDGET, coverage)
    }

    /// Like [`sample`](Self::sample), with an explicit nesting budget.
    pub fn sample_with(
        &self,
        def: &Definition,
        mode: Mode,
        budget: u32,
        coverage: &mut Coverage,
    ) -> Vec<u8> {
        let mut writer = Writer {
            catalog: self,
            mode,
            rng: SplitMix64::new(mode.seed() ^ fnv1a(def.name)),
            budget,
            depth: 0,
            out: Vec::new(),
            coverage,
        };
        writer.coverage.samples += 1;
        writer.definition(def, true);
        writer.out
    }
}

/// Whether `ty` names a generic parameter of `d` (`!X`), or is TON's `object` / `function`
/// (any boxed value): written as some function call.
fn is_generic(d: &Definition, ty: &Type) -> bool {
    ty.generic_ref
        || d.generics.iter().any(|g| g.name == ty.name)
        || (ty.args.is_empty()
            && !ty.percent
            && matches!(ty.name, "object" | "Object" | "function" | "Function"))
}

fn is_vector(ty: &Type) -> bool {
    !ty.percent && (ty.name == "Vector" || ty.name == "vector")
}

/// The TL primitives (no constructor of their own).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Primitive {
    Int,
    Long,
    Double,
    String,
    Bytes,
    Int128,
    Int256,
    Bool,
    True,
}

fn primitive(ty: &Type) -> Option<Primitive> {
    if ty.percent || ty.generic_ref || !ty.args.is_empty() {
        return None;
    }
    Some(match ty.name {
        "int" | "int32" => Primitive::Int,
        "long" | "int53" | "int64" => Primitive::Long,
        "double" => Primitive::Double,
        "string" | "secureString" => Primitive::String,
        "bytes" | "secureBytes" => Primitive::Bytes,
        "int128" => Primitive::Int128,
        "int256" => Primitive::Int256,
        "Bool" => Primitive::Bool,
        "true" => Primitive::True,
        _ => return None,
    })
}

/// Characters of every UTF-8 width, to build strings of an exact byte length.
const CHARS: [&[char]; 4] = [
    &['a', 'Z', '0', ' ', '_', '~', '\u{7f}', '\0'],
    &['é', 'ж', 'ß', 'ñ', '\u{80}', '\u{7ff}'],
    &['€', '中', '文', '\u{800}', '\u{ffff}', '\u{fffd}'],
    &['😀', '🚀', '\u{10000}', '\u{10ffff}'],
];

struct Writer<'a, 'c> {
    catalog: &'a Catalog,
    mode: Mode,
    rng: SplitMix64,
    budget: u32,
    /// Constructors currently open around the value being written.
    depth: u32,
    out: Vec<u8>,
    coverage: &'c mut Coverage,
}

impl Writer<'_, '_> {
    fn u32(&mut self, value: u32) {
        self.out.extend_from_slice(&value.to_le_bytes());
    }

    fn past_budget(&self) -> bool {
        self.depth > self.budget
    }

    /// Writes `def` boxed (with its id) or bare (fields only).
    fn definition(&mut self, def: &Definition, boxed: bool) {
        if boxed {
            self.u32(def.id());
            let names = match def.category {
                Category::Type => &mut self.coverage.boxed_constructors,
                Category::Function => &mut self.coverage.functions,
            };
            *names.entry(def.name.to_owned()).or_default() += 1;
        } else {
            *self
                .coverage
                .bare_constructors
                .entry(def.name.to_owned())
                .or_default() += 1;
        }
        self.depth += 1;

        // Decide each (flag word, bit) once, for all the fields that share it.
        let mut users: BTreeMap<(&str, u8), usize> = BTreeMap::new();
        for p in &def.params {
            if let ParamKind::Conditional { field, bit, .. } = &p.kind {
                *users.entry((*field, *bit)).or_default() += 1;
            }
        }
        let mut set: BTreeSet<(&str, u8)> = BTreeSet::new();
        for (&key, &count) in &users {
            let on = !self.past_budget()
                && match self.mode {
                    Mode::NoOptional => false,
                    Mode::AllOptional => true,
                    Mode::Random(_) => self.rng.coin(),
                };
            if on {
                set.insert(key);
            }
            if count > 1 {
                if on {
                    self.coverage.shared_bits_set += 1;
                } else {
                    self.coverage.shared_bits_clear += 1;
                }
            }
        }

        for p in &def.params {
            match &p.kind {
                ParamKind::FlagField => {
                    let mut word = set
                        .iter()
                        .filter(|(field, _)| *field == p.name)
                        .fold(0u32, |acc, (_, bit)| acc | 1 << bit);
                    if self.catalog.schema.dialect == tlgen_parser::Dialect::Ton {
                        // TON's `#` params are values: bits no field stands for (a plain
                        // natural's every bit) are kept on the wire.
                        word |= self.rng.next_u32() & !def.flag_bits(p.name);
                    }
                    self.u32(word);
                }
                ParamKind::Conditional { field, bit, ty } => {
                    let on = set.contains(&(*field, *bit));
                    if primitive(ty) == Some(Primitive::True) {
                        if on {
                            self.coverage.true_flags_set += 1;
                        } else {
                            self.coverage.true_flags_clear += 1;
                        }
                    } else if on {
                        self.coverage.optional_present += 1;
                        self.value(def, ty);
                    } else {
                        self.coverage.optional_absent += 1;
                    }
                }
                ParamKind::Plain(ty) => self.value(def, ty),
            }
        }
        self.depth -= 1;
    }

    /// Writes one value of type `ty`, a param type of `def`.
    fn value(&mut self, def: &Definition, ty: &Type) {
        if is_generic(def, ty) {
            self.generic_query();
            return;
        }
        if let Some(p) = primitive(ty) {
            self.primitive(p);
            return;
        }
        if is_vector(ty) {
            let [elem] = ty.args.as_slice() else {
                panic!("{}: `{ty}` needs exactly one type argument", def.name);
            };
            let count = if self.past_budget() {
                0
            } else {
                self.rng.index(4)
            };
            if ty.name == "Vector" {
                self.u32(VECTOR_ID);
                *self.coverage.boxed_vector_lengths.entry(count).or_default() += 1;
            } else {
                *self.coverage.bare_vector_lengths.entry(count).or_default() += 1;
            }
            self.u32(count as u32);
            for _ in 0..count {
                self.value(def, elem);
            }
            return;
        }
        assert!(
            ty.args.is_empty(),
            "{}: generic type `{ty}` is not supported",
            def.name
        );
        let catalog = self.catalog;
        if let Some(ctor) = catalog.bare_constructor(ty) {
            self.definition(&catalog.schema.definitions[ctor], false);
            return;
        }
        let ctors = catalog
            .ctors_by_type
            .get(ty.name)
            .unwrap_or_else(|| panic!("{}: type `{ty}` has no constructors", def.name));
        let chosen = if self.depth + 1 > self.budget {
            // Out of budget: one of the shallowest constructors.
            let best = ctors
                .iter()
                .map(|&c| catalog.min_depth[c])
                .min()
                .unwrap_or(u32::MAX);
            let shallow: Vec<usize> = ctors
                .iter()
                .copied()
                .filter(|&c| catalog.min_depth[c] == best)
                .collect();
            self.coverage.budget_cutoffs += 1;
            shallow[self.rng.index(shallow.len())]
        } else {
            ctors[self.rng.index(ctors.len())]
        };
        self.definition(&catalog.schema.definitions[chosen], true);
    }

    /// The query of a generic function: some other function call, itself generic only
    /// within the budget.
    fn generic_query(&mut self) {
        self.coverage.generic_queries += 1;
        let catalog = self.catalog;
        let generic: Vec<&Definition> = catalog
            .functions()
            .filter(|f| !f.generics.is_empty())
            .collect();
        // TON's schemas have no generic function.
        let pick = if !generic.is_empty() && !self.past_budget() && self.rng.below(8) == 0 {
            generic[self.rng.index(generic.len())]
        } else {
            let plain = &catalog.plain_functions;
            &catalog.schema.definitions[plain[self.rng.index(plain.len())]]
        };
        self.definition(pick, true);
    }

    fn primitive(&mut self, p: Primitive) {
        match p {
            Primitive::Int => {
                self.coverage.ints += 1;
                let v = self.interesting_u64() as u32;
                self.u32(v);
            }
            Primitive::Long => {
                self.coverage.longs += 1;
                let v = self.interesting_u64();
                self.out.extend_from_slice(&v.to_le_bytes());
            }
            Primitive::Double => {
                self.coverage.doubles += 1;
                // Any bit pattern but NaN (NaN != NaN would break the equality checks).
                let v = loop {
                    let v = f64::from_bits(self.rng.next_u64());
                    if !v.is_nan() {
                        break v;
                    }
                };
                self.out.extend_from_slice(&v.to_le_bytes());
            }
            Primitive::String => {
                let len = self.length();
                let text = self.text(len);
                *self.coverage.string_lengths.entry(len).or_default() += 1;
                if !text.is_ascii() {
                    self.coverage.multibyte_strings += 1;
                }
                write_bytes(&mut self.out, text.as_bytes());
            }
            Primitive::Bytes => {
                let len = self.length();
                *self.coverage.bytes_lengths.entry(len).or_default() += 1;
                let data = self.rng.bytes(len);
                write_bytes(&mut self.out, &data);
            }
            Primitive::Int128 => {
                self.coverage.int128s += 1;
                let data = self.rng.bytes(16);
                self.out.extend_from_slice(&data);
            }
            Primitive::Int256 => {
                self.coverage.int256s += 1;
                let data = self.rng.bytes(32);
                self.out.extend_from_slice(&data);
            }
            Primitive::Bool => {
                if self.rng.coin() {
                    self.coverage.bool_true += 1;
                    self.u32(BOOL_TRUE_ID);
                } else {
                    self.coverage.bool_false += 1;
                    self.u32(BOOL_FALSE_ID);
                }
            }
            Primitive::True => {
                // A plain (unconditional) `true` param is not on the wire.
            }
        }
    }

    /// Random bits, often an edge value (0, -1, min, max).
    fn interesting_u64(&mut self) -> u64 {
        match self.rng.below(8) {
            0 => 0,
            1 => u64::MAX,
            2 => 1 << 63,
            3 => (1 << 63) - 1,
            4 => 0x8000_0000,
            _ => self.rng.next_u64(),
        }
    }

    /// A string/bytes length: often one of [`BOUNDARY_LENGTHS`], else short.
    fn length(&mut self) -> usize {
        let r = self.rng.index(16);
        match BOUNDARY_LENGTHS.get(r) {
            Some(&len) => len,
            None => 2 + self.rng.index(14),
        }
    }

    /// Random valid UTF-8 of exactly `len` bytes, mixing 1- to 4-byte characters.
    fn text(&mut self, len: usize) -> String {
        let mut text = String::with_capacity(len);
        while text.len() < len {
            let room = (len - text.len()).min(4);
            let width = 1 + self.rng.index(room);
            let pool = CHARS[width - 1];
            text.push(pool[self.rng.index(pool.len())]);
        }
        debug_assert_eq!(text.len(), len);
        text
    }
}

/// Appends a TL `bytes`/`string`: written here from the TL rules, independently of the runtime.
pub fn write_bytes(out: &mut Vec<u8>, data: &[u8]) {
    let header = if data.len() < 254 {
        out.push(data.len() as u8);
        1
    } else {
        assert!(data.len() < 1 << 24, "TL bytes too long");
        out.push(254);
        out.extend_from_slice(&(data.len() as u32).to_le_bytes()[..3]);
        4
    };
    out.extend_from_slice(data);
    let padding = (4 - (header + data.len()) % 4) % 4;
    out.resize(out.len() + padding, 0);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bytes_encoding_follows_the_rules() {
        let mut out = Vec::new();
        write_bytes(&mut out, b"");
        assert_eq!(out, [0, 0, 0, 0]);
        out.clear();
        write_bytes(&mut out, &[7; 253]);
        assert_eq!(out.len(), 256);
        assert_eq!(out[0], 253);
        out.clear();
        write_bytes(&mut out, &[7; 254]);
        assert_eq!(&out[..4], [254, 254, 0, 0]);
        assert_eq!(out.len(), 260);
    }

    #[test]
    fn tiny_schema() {
        let schema = tlgen_parser::parse(
            "boolFalse#bc799737 = Bool;\nboolTrue#997275b5 = Bool;\n\
             a#00000001 flags:# x:flags.0?int y:flags.0?string t:flags.1?true = A;\n\
             ---functions---\n\
             f#00000002 a:A = A;",
        );
        let catalog = Catalog::new(schema);
        // `Bool`'s constructors get no struct (the model's decision): only `a`.
        let structs: Vec<&str> = catalog.constructors().map(|d| d.name).collect();
        assert_eq!(structs, ["a"]);
        let a = catalog.get("a").unwrap();
        let mut cov = Coverage::default();
        let none = catalog.sample(a, Mode::NoOptional, &mut cov);
        assert_eq!(none, [1, 0, 0, 0, 0, 0, 0, 0]);
        let all = catalog.sample(a, Mode::AllOptional, &mut cov);
        assert_eq!(&all[..8], [1, 0, 0, 0, 3, 0, 0, 0]);
        assert_eq!(cov.shared_bits_set, 1);
        assert_eq!(cov.shared_bits_clear, 1);
        assert_eq!(catalog.min_depth("a"), Some(1));
    }
}
