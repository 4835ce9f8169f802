//! `tl-codegen diff OLD.tl NEW.tl [--json]`: what changed between two schemas, in TL
//! and in the generated Rust.
//!
//! Definitions are matched by category (constructor or function) and name. One is
//! *changed* when its wire id, its result type or its params (name, type, flag field
//! and bit, in order) differ. Schemas split across files are given with `--old FILE`
//! and `--new FILE`, each repeatable.
//!
//! # Text output
//!
//! ```text
//! layer 229 (2610 definitions) → layer 230 (2612 definitions): 2 added, 0 removed, 1 changed
//!
//! (no namespace)
//!   + constructor starsAmount#bbb6b4a3
//!   ~ constructor starsTransaction
//!       + param amount:StarsAmount
//!       - param stars:long
//!
//! payments
//!   + function payments.sendStarsForm#7998c914
//!
//! Rust generated from new.tl: 3 breaking, 2 additive
//!   breaking  enums::StarsAmount: variant `StarsAmount(types::StarsAmount)` added
//!   additive  functions::payments::SendStarsForm: new struct
//!   additive  types::StarsAmount: new struct
//!   breaking  types::StarsTransaction: field `stars: i64` removed
//!   breaking  types::StarsTransaction: field `amount: enums::StarsAmount` added
//! ```
//!
//! A changed param reads `~ param about: flags.0?string → flags.2?string (moved to
//! flags.2)` (or `retyped`, `now conditional on flags.N`, `now always present`); a
//! changed result `~ result: Bool → help.NewThing`. A definition whose params or result
//! changed while its declared id stayed the same gets a line
//! `! declared id 0x… unchanged: forgotten id bump?`, and a `warning:` on stderr.
//!
//! Namespaces are sorted, the root one first; in each, additions, removals, then
//! changes, constructors before functions, by name.
//!
//! # JSON output (`--json`)
//!
//! ```json
//! {
//!   "old": { "layer": 228, "definitions": 1 },
//!   "new": { "layer": 230, "definitions": 1 },
//!   "added": [ { "category": "type", "name": "starsAmount", "id": "0xbbb6b4a3" } ],
//!   "removed": [],
//!   "changed": [
//!     {
//!       "category": "type", "name": "starsTransaction",
//!       "old_id": "0x0a9ee4c2", "new_id": "0x13659eb0", "id_not_bumped": false,
//!       "params_added": [ { "name": "amount", "type": "StarsAmount" } ],
//!       "params_removed": [ { "name": "stars", "type": "long" } ],
//!       "params_changed": [ { "name": "x", "old": "flags.1?int", "new": "flags.2?int" } ],
//!       "params_reordered": false,
//!       "result": null
//!     }
//!   ],
//!   "rust": {
//!     "bindings": "new.tl", "breaking": 2, "additive": 0,
//!     "changes": [
//!       { "path": "types::StarsTransaction", "change": "field_added", "name": "amount",
//!         "old": null, "new": "enums::StarsAmount", "breaking": true }
//!     ]
//!   }
//! }
//! ```
//!
//! - `category`: `"type"` (constructor) or `"function"`; ids are `0x` and 8 hex digits.
//! - `params_*`: a param's `type` is as written after `name:`, `flags.3?int` for a
//!   conditional one; `params_reordered` is true when the same params come in another order.
//! - `id_not_bumped`: the params or the result changed but the declared id did not.
//! - `rust`: what the change means for the Rust generated from the new schema (`bindings`:
//!   its files), read from the generator's model (`tlgen_codegen::model`, the signatures the
//!   emitters render): `change` is one of `item_added`, `item_removed`,
//!   `field_added`, `field_removed`, `field_retyped`, `method_added`, `method_removed`,
//!   `variant_added`, `variant_removed`, `returns_changed`; names are before keyword
//!   escaping (`type`, not `r#type`); types are as the generated code writes them, paths
//!   from its root (a generic function returns `X::Return`). Struct fields are as generated:
//!   params sharing a flag bit are one `Option<(A, B)>` field, and a `flags.N?true` sharing
//!   its bit with a value is a method, not a field. Breaking: anything removed or retyped,
//!   a new field (struct literals must name it) and a new variant (the enums are
//!   exhaustive); additive: new items and methods. `rust` is `null` when a schema cannot
//!   be lowered (a note on stderr says why).
//!
//! The command exits 0 whatever changed, 1 when a schema cannot be read or has errors.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;
use std::path::PathBuf;
use std::process::ExitCode;

use serde::Serialize;
use tlgen_codegen::model::{self, Item, Model, RustType, Twin};
use tlgen_codegen::NoDocs;
use tlgen_parser::{Category, Definition, ParamKind, ParseOptions, Schema};

/// The `diff` subcommand's arguments.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// OLD.tl NEW.tl (or use --old/--new).
    files: Vec<PathBuf>,
    /// A file of the old schema (repeatable).
    #[arg(long)]
    old: Vec<PathBuf>,
    /// A file of the new schema (repeatable).
    #[arg(long)]
    new: Vec<PathBuf>,
    /// Print JSON instead of text.
    #[arg(long)]
    json: bool,
    /// How both schemas' ids are computed (default: by evidence, each on its own).
    #[command(flatten)]
    dialect: crate::dialect::DialectArg,
}

/// Compares the schemas and prints the report on stdout; fails when a file cannot be
/// read or a schema has errors (diagnostics on stderr).
pub fn run(args: Args) -> ExitCode {
    let (old, new) = match (
        args.files.as_slice(),
        args.old.is_empty(),
        args.new.is_empty(),
    ) {
        ([old, new], true, true) => (vec![old.clone()], vec![new.clone()]),
        ([], false, false) => (args.old, args.new),
        _ => {
            eprintln!("error: give OLD.tl NEW.tl, or --old FILE... and --new FILE...");
            return ExitCode::FAILURE;
        }
    };
    let (Some(old), Some(new)) = (read_files(&old), read_files(&new)) else {
        return ExitCode::FAILURE;
    };
    match diff_with(&old, &new, &args.dialect.options(false)) {
        Ok(report) => {
            for warning in &report.warnings {
                eprintln!("warning: {warning}");
            }
            for note in &report.notes {
                eprintln!("note: {note}");
            }
            if args.json {
                print!("{}", report.to_json());
            } else {
                print!("{}", report.to_text());
            }
            ExitCode::SUCCESS
        }
        Err(diagnostics) => {
            eprint!("{diagnostics}");
            ExitCode::FAILURE
        }
    }
}

/// Reads `(name, text)` pairs; prints an error and returns `None` on the first failure.
pub fn read_files(paths: &[PathBuf]) -> Option<Vec<(String, String)>> {
    let mut files = Vec::new();
    for path in paths {
        match tlgen_parser::read_file(path) {
            Ok(text) => files.push((path.display().to_string(), text)),
            Err(e @ tlgen_parser::ReadError::Io { .. }) => {
                eprintln!("error: {e}");
                return None;
            }
            Err(e) => {
                eprintln!("{e}"); // invalid UTF-8, rendered with its position
                return None;
            }
        }
    }
    Some(files)
}

/// Parses `files` as one schema; the rendered diagnostics when it has errors.
pub fn parse_checked(files: &[(String, String)]) -> Result<Schema<'_>, String> {
    parse_checked_with(files, &ParseOptions::default())
}

/// [`parse_checked`] with `options`.
fn parse_checked_with<'a>(
    files: &'a [(String, String)],
    options: &ParseOptions,
) -> Result<Schema<'a>, String> {
    let schema =
        tlgen_parser::parse_files(files.iter().map(|(n, s)| (n.as_str(), s.as_str())), options);
    if schema.has_errors() {
        let mut out = String::new();
        for d in schema.errors() {
            let _ = write!(out, "{}\n\n", d.render());
        }
        return Err(out);
    }
    Ok(schema)
}

/// Compares two schemas given as `(name, text)` files; the rendered diagnostics of
/// either when it has errors.
pub fn diff(old: &[(String, String)], new: &[(String, String)]) -> Result<SchemaDiff, String> {
    diff_with(old, new, &ParseOptions::default())
}

/// [`diff`] with both schemas parsed with `options` (e.g. a chosen dialect).
pub fn diff_with(
    old: &[(String, String)],
    new: &[(String, String)],
    options: &ParseOptions,
) -> Result<SchemaDiff, String> {
    let new_names: Vec<&str> = new.iter().map(|(name, _)| name.as_str()).collect();
    let old = parse_checked_with(old, options)?;
    let new = parse_checked_with(new, options)?;
    Ok(diff_schemas(&old, &new, &new_names.join(" + ")))
}

/// The differences between two parsed schemas.
#[derive(Debug, Clone, Serialize)]
pub struct SchemaDiff {
    /// The old schema's layer and size.
    pub old: Side,
    /// The new schema's layer and size.
    pub new: Side,
    /// Definitions only in the new schema.
    pub added: Vec<DefRef>,
    /// Definitions only in the old schema.
    pub removed: Vec<DefRef>,
    /// Definitions in both that differ.
    pub changed: Vec<Changed>,
    /// What it means for the generated Rust, or `None` when a schema cannot be lowered.
    pub rust: Option<RustDiff>,
    /// Why the Rust part is missing, for stderr.
    #[serde(skip)]
    pub notes: Vec<String>,
    /// Definitions that changed but kept their declared id, for stderr.
    #[serde(skip)]
    pub warnings: Vec<String>,
}

/// One schema's layer and definition count.
#[derive(Debug, Clone, Serialize)]
pub struct Side {
    /// The `// LAYER N`, if any.
    pub layer: Option<i32>,
    /// Constructors and functions.
    pub definitions: usize,
}

/// An added or removed definition.
#[derive(Debug, Clone, Serialize)]
pub struct DefRef {
    /// `"type"` or `"function"`.
    pub category: &'static str,
    /// The TL name.
    pub name: String,
    /// The wire id, `0x…`.
    pub id: String,
}

/// A definition present in both schemas that differs.
#[derive(Debug, Clone, Serialize)]
pub struct Changed {
    /// `"type"` or `"function"`.
    pub category: &'static str,
    /// The TL name.
    pub name: String,
    /// The old wire id.
    pub old_id: String,
    /// The new wire id.
    pub new_id: String,
    /// The definition changed but its declared id did not: a forgotten id bump.
    pub id_not_bumped: bool,
    /// Params only in the new definition.
    pub params_added: Vec<ParamRef>,
    /// Params only in the old definition.
    pub params_removed: Vec<ParamRef>,
    /// Params in both whose type or flag differs.
    pub params_changed: Vec<ParamChange>,
    /// The same params in another order.
    pub params_reordered: bool,
    /// The result type, when it changed.
    pub result: Option<OldNew>,
}

/// A param: its name and what follows `name:`.
#[derive(Debug, Clone, Serialize)]
pub struct ParamRef {
    /// The param name.
    pub name: String,
    /// `int`, `flags.3?int` or `#`.
    #[serde(rename = "type")]
    pub ty: String,
}

/// A param whose type or flag changed.
#[derive(Debug, Clone, Serialize)]
pub struct ParamChange {
    /// The param name.
    pub name: String,
    /// What followed `name:` before.
    pub old: String,
    /// What follows `name:` now.
    pub new: String,
    /// `retyped`, `moved to flags.2`, … for the text report.
    #[serde(skip)]
    pub what: String,
}

/// A before and after.
#[derive(Debug, Clone, Serialize)]
pub struct OldNew {
    /// Before.
    pub old: String,
    /// After.
    pub new: String,
}

/// The changes to the generated Rust.
#[derive(Debug, Clone, Serialize)]
pub struct RustDiff {
    /// The new schema's files, joined by ` + `: whose bindings these are.
    pub bindings: String,
    /// How many changes break code that uses the crate.
    pub breaking: usize,
    /// How many only add.
    pub additive: usize,
    /// Every change, by item path.
    pub changes: Vec<RustChange>,
}

/// One change to a generated item.
#[derive(Debug, Clone, Serialize)]
pub struct RustChange {
    /// `types::StarsTransaction`, `enums::payments::PaymentResult`, `functions::payments::SendStarsForm`.
    pub path: String,
    /// What changed (see the module docs).
    pub change: RustChangeKind,
    /// The field, method or variant name; `null` for a whole item.
    pub name: Option<String>,
    /// The old Rust type (or the item kind), if any.
    pub old: Option<String>,
    /// The new Rust type (or the item kind), if any.
    pub new: Option<String>,
    /// Whether code using the crate can stop compiling.
    pub breaking: bool,
}

/// What changed about a generated item; serialized in snake case (`field_added`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum RustChangeKind {
    /// A new struct or enum.
    ItemAdded,
    /// A struct or enum is gone.
    ItemRemoved,
    /// A struct has a new field.
    FieldAdded,
    /// A struct lost a field.
    FieldRemoved,
    /// A field's type changed.
    FieldRetyped,
    /// A struct has a new flag method.
    MethodAdded,
    /// A struct lost a flag method.
    MethodRemoved,
    /// An enum has a new variant.
    VariantAdded,
    /// An enum lost a variant.
    VariantRemoved,
    /// A function's `RemoteCall::Return` changed.
    ReturnsChanged,
}

impl RustChangeKind {
    /// Whether code using the generated crate can stop compiling: anything removed or
    /// retyped, a new field (struct literals must name it), a new variant (the enums are
    /// exhaustive).
    pub fn is_breaking(self) -> bool {
        !matches!(
            self,
            RustChangeKind::ItemAdded | RustChangeKind::MethodAdded
        )
    }
}

fn category_name(c: Category) -> &'static str {
    match c {
        Category::Type => "type",
        Category::Function => "function",
    }
}

fn hex_id(id: u32) -> String {
    format!("{id:#010x}")
}

fn wire_id(d: &Definition<'_>) -> u32 {
    d.declared_id.unwrap_or(d.computed_id)
}

/// Compares two parsed schemas; `bindings` names the new schema (its files) in the report
/// of the Rust it generates.
pub fn diff_schemas(old: &Schema<'_>, new: &Schema<'_>, bindings: &str) -> SchemaDiff {
    let index = |s: &'_ Schema<'_>| -> BTreeMap<(&'static str, String), usize> {
        s.definitions
            .iter()
            .enumerate()
            .map(|(i, d)| ((category_name(d.category), d.name.to_owned()), i))
            .collect()
    };
    let (old_index, new_index) = (index(old), index(new));
    let def_ref = |d: &Definition<'_>| DefRef {
        category: category_name(d.category),
        name: d.name.to_owned(),
        id: hex_id(wire_id(d)),
    };
    let mut added = Vec::new();
    let mut removed = Vec::new();
    let mut changed = Vec::new();
    for (key, &i) in &new_index {
        let Some(d) = new.definitions.get(i) else {
            continue;
        };
        match old_index.get(key).and_then(|&j| old.definitions.get(j)) {
            None => added.push(def_ref(d)),
            Some(o) => {
                if let Some(c) = compare(o, d) {
                    changed.push(c);
                }
            }
        }
    }
    for (key, &i) in &old_index {
        if !new_index.contains_key(key) {
            if let Some(d) = old.definitions.get(i) {
                removed.push(def_ref(d));
            }
        }
    }
    let warnings = changed
        .iter()
        .filter(|c| c.id_not_bumped)
        .map(|c| {
            format!(
                "{} {} changed but kept its declared id #{}: forgotten id bump?",
                label(c.category),
                c.name,
                c.new_id.trim_start_matches("0x")
            )
        })
        .collect();
    let mut notes = Vec::new();
    let rust = match (lower(old, "old"), lower(new, "new")) {
        (Ok(o), Ok(n)) => Some(rust_diff(&o, &n, bindings)),
        (Err(e), _) | (_, Err(e)) => {
            notes.push(format!("no Rust impact: {e}"));
            None
        }
    };
    SchemaDiff {
        old: Side {
            layer: old.layer,
            definitions: old.definitions.len(),
        },
        new: Side {
            layer: new.layer,
            definitions: new.definitions.len(),
        },
        added,
        removed,
        changed,
        rust,
        notes,
        warnings,
    }
}

/// A param as the diff sees it: `flags.3?int` split into its flag and its type.
#[derive(Debug, Clone, PartialEq, Eq)]
struct ParamSig {
    /// What follows `name:`: `int`, `flags.3?int` or `#`.
    text: String,
    /// `flags.3` for a conditional param.
    flag: Option<String>,
    /// The type without the flag: `int`, `#`.
    ty: String,
}

impl ParamSig {
    fn of(kind: &ParamKind<'_>) -> ParamSig {
        let (flag, ty) = match kind {
            ParamKind::FlagField => (None, "#".to_owned()),
            ParamKind::Conditional { field, bit, ty } => {
                (Some(format!("{field}.{bit}")), ty.to_string())
            }
            ParamKind::Plain(ty) => (None, ty.to_string()),
        };
        ParamSig {
            text: kind.to_string(),
            flag,
            ty,
        }
    }

    /// `retyped`, `moved to flags.5`, `now conditional on flags.2`, `now always present`.
    fn change_from(&self, old: &ParamSig) -> String {
        let mut parts = Vec::new();
        if old.ty != self.ty {
            parts.push("retyped".to_owned());
        }
        match (&old.flag, &self.flag) {
            (Some(a), Some(b)) if a != b => parts.push(format!("moved to {b}")),
            (None, Some(b)) => parts.push(format!("now conditional on {b}")),
            (Some(_), None) => parts.push("now always present".to_owned()),
            _ => {}
        }
        parts.join(", ")
    }
}

/// The change between two definitions of one name, or `None` when they are the same.
fn compare(old: &Definition<'_>, new: &Definition<'_>) -> Option<Changed> {
    let params = |d: &Definition<'_>| -> Vec<(String, ParamSig)> {
        d.params
            .iter()
            .map(|p| (p.name.to_owned(), ParamSig::of(&p.kind)))
            .collect()
    };
    let (op, np) = (params(old), params(new));
    let old_result = old.result.to_string();
    let new_result = new.result.to_string();
    if wire_id(old) == wire_id(new) && op == np && old_result == new_result {
        return None;
    }
    let old_map: BTreeMap<&str, &ParamSig> = op.iter().map(|(n, t)| (n.as_str(), t)).collect();
    let new_map: BTreeMap<&str, &ParamSig> = np.iter().map(|(n, t)| (n.as_str(), t)).collect();
    let params_added = np
        .iter()
        .filter(|(n, _)| !old_map.contains_key(n.as_str()))
        .map(|(n, t)| ParamRef {
            name: n.clone(),
            ty: t.text.clone(),
        })
        .collect();
    let params_removed = op
        .iter()
        .filter(|(n, _)| !new_map.contains_key(n.as_str()))
        .map(|(n, t)| ParamRef {
            name: n.clone(),
            ty: t.text.clone(),
        })
        .collect();
    let params_changed = np
        .iter()
        .filter_map(|(n, t)| {
            let o = old_map.get(n.as_str())?;
            (*o != t).then(|| ParamChange {
                name: n.clone(),
                old: o.text.clone(),
                new: t.text.clone(),
                what: t.change_from(o),
            })
        })
        .collect();
    let common = |from: &[(String, ParamSig)], other: &BTreeMap<&str, &ParamSig>| -> Vec<String> {
        from.iter()
            .filter(|(n, _)| other.contains_key(n.as_str()))
            .map(|(n, _)| n.clone())
            .collect()
    };
    let params_reordered = common(&op, &new_map) != common(&np, &old_map);
    // The canonical line changed (so its computed id did), but the declared id stayed.
    let id_not_bumped = (op != np || old_result != new_result)
        && old.declared_id.is_some()
        && old.declared_id == new.declared_id;
    Some(Changed {
        category: category_name(new.category),
        name: new.name.to_owned(),
        old_id: hex_id(wire_id(old)),
        new_id: hex_id(wire_id(new)),
        id_not_bumped,
        params_added,
        params_removed,
        params_changed,
        params_reordered,
        result: (old_result != new_result).then_some(OldNew {
            old: old_result,
            new: new_result,
        }),
    })
}

/// Lowers a schema as the generator does, without docs.
fn lower(schema: &Schema<'_>, which: &str) -> Result<Model, String> {
    model::lower(schema, &NoDocs).map_err(|errors| {
        let first = errors.first().map(ToString::to_string).unwrap_or_default();
        let n = errors.len();
        let plural = if n == 1 { "" } else { "s" };
        format!("the {which} schema cannot be generated ({n} error{plural}; first: {first})")
    })
}

/// What kind of generated item.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum ItemKind {
    Struct,
    Enum,
}

impl ItemKind {
    fn name(self) -> &'static str {
        match self {
            ItemKind::Struct => "struct",
            ItemKind::Enum => "enum",
        }
    }
}

/// What a member of a generated item is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum MemberKind {
    Field,
    Method,
    Variant,
    Returns,
}

/// A generated item as the model lays it out: its kind and `(member kind, name, type)`
/// members in declaration order, types as the generated code writes them.
#[derive(Debug, Clone, PartialEq, Eq)]
struct RustItem {
    kind: ItemKind,
    members: Vec<(MemberKind, String, String)>,
}

/// The members of a constructor's or function's struct, from its signature in the model.
fn struct_item(model: &Model, item: &Item) -> RustItem {
    let signature = model.signature(item, Twin::Owned);
    let fields = signature
        .fields
        .iter()
        .map(|f| (MemberKind::Field, f.name.clone(), f.ty.to_string()));
    let methods = signature.methods.iter().map(|m| {
        (
            MemberKind::Method,
            m.name.clone(),
            RustType::Bool.to_string(),
        )
    });
    let returns = signature
        .returns
        .iter()
        .map(|ty| (MemberKind::Returns, String::new(), ty.to_string()));
    RustItem {
        kind: ItemKind::Struct,
        members: fields.chain(methods).chain(returns).collect(),
    }
}

/// Every generated item by path.
fn rust_items(model: &Model) -> BTreeMap<String, RustItem> {
    let mut items = BTreeMap::new();
    for item in model.constructors.iter().chain(&model.functions) {
        items.insert(item.path.to_string(), struct_item(model, item));
    }
    for e in &model.enums {
        let members = e
            .variants
            .iter()
            .filter_map(|(v, i)| {
                let payload = model.constructors.get(*i)?.path.to_string();
                Some((MemberKind::Variant, v.clone(), payload))
            })
            .collect();
        items.insert(
            e.path.to_string(),
            RustItem {
                kind: ItemKind::Enum,
                members,
            },
        );
    }
    items
}

/// Compares the generated items of two lowered schemas.
fn rust_diff(old: &Model, new: &Model, bindings: &str) -> RustDiff {
    let (old_items, new_items) = (rust_items(old), rust_items(new));
    let paths: BTreeSet<&String> = old_items.keys().chain(new_items.keys()).collect();
    let mut changes = Vec::new();
    for path in paths {
        let change = |change: RustChangeKind, name: Option<String>, old, new| RustChange {
            path: path.clone(),
            breaking: change.is_breaking(),
            change,
            name,
            old,
            new,
        };
        match (old_items.get(path), new_items.get(path)) {
            (None, Some(n)) => {
                let kind = Some(n.kind.name().to_owned());
                changes.push(change(RustChangeKind::ItemAdded, None, None, kind));
            }
            (Some(o), None) => {
                let kind = Some(o.kind.name().to_owned());
                changes.push(change(RustChangeKind::ItemRemoved, None, kind, None));
            }
            (Some(o), Some(n)) if o != n => {
                let key = |(k, name, _): &(MemberKind, String, String)| (*k, name.clone());
                let old_members: BTreeMap<_, _> =
                    o.members.iter().map(|m| (key(m), m.2.clone())).collect();
                let new_members: BTreeMap<_, _> =
                    n.members.iter().map(|m| (key(m), m.2.clone())).collect();
                for m in &o.members {
                    if !new_members.contains_key(&key(m)) {
                        let kind = match m.0 {
                            MemberKind::Method => RustChangeKind::MethodRemoved,
                            MemberKind::Variant => RustChangeKind::VariantRemoved,
                            MemberKind::Field | MemberKind::Returns => RustChangeKind::FieldRemoved,
                        };
                        changes.push(change(kind, Some(m.1.clone()), Some(m.2.clone()), None));
                    }
                }
                for m in &n.members {
                    match old_members.get(&key(m)) {
                        None => {
                            let kind = match m.0 {
                                MemberKind::Method => RustChangeKind::MethodAdded,
                                MemberKind::Variant => RustChangeKind::VariantAdded,
                                MemberKind::Field | MemberKind::Returns => {
                                    RustChangeKind::FieldAdded
                                }
                            };
                            changes.push(change(kind, Some(m.1.clone()), None, Some(m.2.clone())));
                        }
                        Some(t) if *t != m.2 => {
                            let (kind, name) = match m.0 {
                                MemberKind::Returns => (RustChangeKind::ReturnsChanged, None),
                                _ => (RustChangeKind::FieldRetyped, Some(m.1.clone())),
                            };
                            changes.push(change(kind, name, Some(t.clone()), Some(m.2.clone())));
                        }
                        Some(_) => {}
                    }
                }
            }
            _ => {}
        }
    }
    let breaking = changes.iter().filter(|c| c.breaking).count();
    RustDiff {
        bindings: bindings.to_owned(),
        breaking,
        additive: changes.len() - breaking,
        changes,
    }
}

/// The namespace of a TL name: `payments` for `payments.sendStarsForm`, empty for root.
fn namespace(name: &str) -> &str {
    name.rsplit_once('.').map_or("", |(ns, _)| ns)
}

fn label(category: &str) -> &'static str {
    if category == "function" {
        "function"
    } else {
        "constructor"
    }
}

fn layer_text(side: &Side) -> String {
    let layer = side
        .layer
        .map_or_else(|| "no layer".to_owned(), |l| format!("layer {l}"));
    format!("{layer} ({} definitions)", side.definitions)
}

impl SchemaDiff {
    /// The report as text, grouped by namespace.
    pub fn to_text(&self) -> String {
        let mut out = String::new();
        let _ = writeln!(
            out,
            "{} → {}: {} added, {} removed, {} changed",
            layer_text(&self.old),
            layer_text(&self.new),
            self.added.len(),
            self.removed.len(),
            self.changed.len()
        );
        // namespace → lines.
        let mut groups: BTreeMap<&str, Vec<String>> = BTreeMap::new();
        push_refs(&mut groups, &self.added, '+');
        push_refs(&mut groups, &self.removed, '-');
        let mut changed: Vec<&Changed> = self.changed.iter().collect();
        changed.sort_by_key(|c| (c.category == "function", c.name.as_str()));
        for c in changed {
            let lines = groups.entry(namespace(&c.name)).or_default();
            let mut head = format!("  ~ {} {}", label(c.category), c.name);
            if c.old_id != c.new_id {
                let _ = write!(head, ": id {} → {}", c.old_id, c.new_id);
            }
            lines.push(head);
            if c.id_not_bumped {
                lines.push(format!(
                    "      ! declared id {} unchanged: forgotten id bump?",
                    c.new_id
                ));
            }
            for p in &c.params_added {
                lines.push(format!("      + param {}:{}", p.name, p.ty));
            }
            for p in &c.params_removed {
                lines.push(format!("      - param {}:{}", p.name, p.ty));
            }
            for p in &c.params_changed {
                lines.push(format!(
                    "      ~ param {}: {} → {} ({})",
                    p.name, p.old, p.new, p.what
                ));
            }
            if c.params_reordered {
                lines.push("      ~ params reordered".to_owned());
            }
            if let Some(r) = &c.result {
                lines.push(format!("      ~ result: {} → {}", r.old, r.new));
            }
        }
        for (ns, lines) in &groups {
            out.push('\n');
            let _ = writeln!(out, "{}", if ns.is_empty() { "(no namespace)" } else { ns });
            for line in lines {
                let _ = writeln!(out, "{line}");
            }
        }
        if let Some(rust) = &self.rust {
            out.push('\n');
            let _ = writeln!(
                out,
                "Rust generated from {}: {} breaking, {} additive",
                rust.bindings, rust.breaking, rust.additive
            );
            for c in &rust.changes {
                let _ = writeln!(
                    out,
                    "  {}  {}: {}",
                    if c.breaking { "breaking" } else { "additive" },
                    c.path,
                    rust_change_text(c)
                );
            }
        }
        out
    }

    /// The report as pretty JSON, in the documented shape.
    pub fn to_json(&self) -> String {
        // Plain structs of strings and numbers always serialize.
        let mut out = serde_json::to_string_pretty(self).unwrap_or_default();
        out.push('\n');
        out
    }
}

/// Adds `  + constructor name#id` lines to their namespaces, constructors first, by name.
fn push_refs<'a>(groups: &mut BTreeMap<&'a str, Vec<String>>, refs: &'a [DefRef], sign: char) {
    let mut refs: Vec<&DefRef> = refs.iter().collect();
    refs.sort_by_key(|r| (r.category == "function", r.name.as_str()));
    for r in refs {
        groups.entry(namespace(&r.name)).or_default().push(format!(
            "  {sign} {} {}#{}",
            label(r.category),
            r.name,
            r.id.trim_start_matches("0x")
        ));
    }
}

/// `field `amount: enums::StarsAmount` added`.
fn rust_change_text(c: &RustChange) -> String {
    let name = c.name.as_deref().unwrap_or_default();
    let old = c.old.as_deref().unwrap_or_default();
    let new = c.new.as_deref().unwrap_or_default();
    match c.change {
        RustChangeKind::ItemAdded => format!("new {new}"),
        RustChangeKind::ItemRemoved => format!("{old} removed"),
        RustChangeKind::FieldAdded => format!("field `{name}: {new}` added"),
        RustChangeKind::FieldRemoved => format!("field `{name}: {old}` removed"),
        RustChangeKind::FieldRetyped => format!("field `{name}`: {old} → {new}"),
        RustChangeKind::MethodAdded => format!("method `{name}()` added"),
        RustChangeKind::MethodRemoved => format!("method `{name}()` removed"),
        RustChangeKind::VariantAdded => format!("variant `{name}({new})` added"),
        RustChangeKind::VariantRemoved => format!("variant `{name}({old})` removed"),
        RustChangeKind::ReturnsChanged => format!("returns {old} → {new}"),
    }
}
