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
//! Rust (tlgen-types): 3 breaking, 2 additive
//!   breaking  enums::StarsAmount: variant `StarsAmount(types::StarsAmount)` added
//!   additive  functions::payments::SendStarsForm: new struct
//!   additive  types::StarsAmount: new struct
//!   breaking  types::StarsTransaction: field `stars: i64` removed
//!   breaking  types::StarsTransaction: field `amount: enums::StarsAmount` added
//! ```
//!
//! A changed param reads `~ param about: flags.0?string → flags.2?string (moved to
//! flags.2)` (or `retyped`, `now conditional on flags.N`, `now always present`); a
//! changed result `~ result: Bool → help.NewThing`.
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
//!       "old_id": "0x0a9ee4c2", "new_id": "0x13659eb0",
//!       "params_added": [ { "name": "amount", "type": "StarsAmount" } ],
//!       "params_removed": [ { "name": "stars", "type": "long" } ],
//!       "params_changed": [ { "name": "x", "old": "flags.1?int", "new": "flags.2?int" } ],
//!       "params_reordered": false,
//!       "result": null
//!     }
//!   ],
//!   "rust": {
//!     "breaking": 2, "additive": 0,
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
//! - `rust`: what the change means for the generated crate (`tlgen-types`), from the
//!   generator's own lowering: `change` is one of `item_added`, `item_removed`,
//!   `field_added`, `field_removed`, `field_retyped`, `method_added`, `method_removed`,
//!   `variant_added`, `variant_removed`, `returns_changed`; names are before keyword
//!   escaping (`type`, not `r#type`). Struct fields are as generated:
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
use tlgen_codegen::model::{self, FieldRole, Item, ItemResult, Model, Ty};
use tlgen_codegen::NoDocs;
use tlgen_parser::{Category, Definition, ParseOptions, Schema};

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
    match diff(&old, &new) {
        Ok(report) => {
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
    let schema = tlgen_parser::parse_files(
        files.iter().map(|(n, s)| (n.as_str(), s.as_str())),
        &ParseOptions::default(),
    );
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
    let old = parse_checked(old)?;
    let new = parse_checked(new)?;
    Ok(diff_schemas(&old, &new))
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
}

/// A before and after.
#[derive(Debug, Clone, Serialize)]
pub struct OldNew {
    /// Before.
    pub old: String,
    /// After.
    pub new: String,
}

/// The changes to the generated crate.
#[derive(Debug, Clone, Serialize)]
pub struct RustDiff {
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
    /// `item_added`, `field_removed`, … (see the module docs).
    pub change: &'static str,
    /// The field, method or variant name; `null` for a whole item.
    pub name: Option<String>,
    /// The old Rust type (or the item kind), if any.
    pub old: Option<String>,
    /// The new Rust type (or the item kind), if any.
    pub new: Option<String>,
    /// Whether code using the crate can stop compiling.
    pub breaking: bool,
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

/// Compares two parsed schemas.
pub fn diff_schemas(old: &Schema<'_>, new: &Schema<'_>) -> SchemaDiff {
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
    let mut notes = Vec::new();
    let rust = match (lower(old, "old"), lower(new, "new")) {
        (Ok(o), Ok(n)) => Some(rust_diff(&o, &n)),
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
    }
}

/// The change between two definitions of one name, or `None` when they are the same.
fn compare(old: &Definition<'_>, new: &Definition<'_>) -> Option<Changed> {
    let params = |d: &Definition<'_>| -> Vec<(String, String)> {
        d.params
            .iter()
            .map(|p| (p.name.to_owned(), p.kind.to_string()))
            .collect()
    };
    let (op, np) = (params(old), params(new));
    let old_result = old.result.to_string();
    let new_result = new.result.to_string();
    if wire_id(old) == wire_id(new) && op == np && old_result == new_result {
        return None;
    }
    let old_map: BTreeMap<&str, &str> = op.iter().map(|(n, t)| (n.as_str(), t.as_str())).collect();
    let new_map: BTreeMap<&str, &str> = np.iter().map(|(n, t)| (n.as_str(), t.as_str())).collect();
    let params_added = np
        .iter()
        .filter(|(n, _)| !old_map.contains_key(n.as_str()))
        .map(|(n, t)| ParamRef {
            name: n.clone(),
            ty: t.clone(),
        })
        .collect();
    let params_removed = op
        .iter()
        .filter(|(n, _)| !new_map.contains_key(n.as_str()))
        .map(|(n, t)| ParamRef {
            name: n.clone(),
            ty: t.clone(),
        })
        .collect();
    let params_changed = np
        .iter()
        .filter_map(|(n, t)| {
            let o = old_map.get(n.as_str())?;
            (o != t).then(|| ParamChange {
                name: n.clone(),
                old: (*o).to_owned(),
                new: t.clone(),
            })
        })
        .collect();
    let common = |from: &[(String, String)], other: &BTreeMap<&str, &str>| -> Vec<String> {
        from.iter()
            .filter(|(n, _)| other.contains_key(n.as_str()))
            .map(|(n, _)| n.clone())
            .collect()
    };
    let params_reordered = common(&op, &new_map) != common(&np, &old_map);
    Some(Changed {
        category: category_name(new.category),
        name: new.name.to_owned(),
        old_id: hex_id(wire_id(old)),
        new_id: hex_id(wire_id(new)),
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

/// What a generated item is made of, for comparison.
#[derive(Debug, Clone, PartialEq, Eq)]
struct RustItem {
    /// `struct` or `enum`.
    kind: &'static str,
    /// `(member kind, name, type)` in declaration order; member kind is `field`,
    /// `method`, `variant` or `returns`.
    members: Vec<(&'static str, String, String)>,
}

/// `types::payments::PaymentResult`.
fn path_string(kind: &str, path: &model::RustPath) -> String {
    let mut out = kind.to_owned();
    for m in &path.modules {
        out.push_str("::");
        out.push_str(m);
    }
    out.push_str("::");
    out.push_str(&path.name);
    out
}

/// The Rust type of `ty`, with paths from the crate root, as the generator writes it.
fn rust_type(ir: &Model, ty: &Ty) -> String {
    match ty {
        Ty::Int => "i32".into(),
        Ty::Long => "i64".into(),
        Ty::Double => "f64".into(),
        Ty::String => "String".into(),
        Ty::Bytes => "Vec<u8>".into(),
        Ty::Int128 => "[u8; 16]".into(),
        Ty::Int256 => "[u8; 32]".into(),
        Ty::Bool | Ty::True => "bool".into(),
        Ty::Vector { elem, .. } => format!("Vec<{}>", rust_type(ir, elem)),
        Ty::Enum(i) => ir
            .enums
            .get(*i)
            .map_or_else(|| "?".into(), |e| path_string("enums", &e.path)),
        Ty::Bare(i) => ir
            .constructors
            .get(*i)
            .map_or_else(|| "?".into(), |c| path_string("types", &c.path)),
        Ty::Generic(name) => name.clone(),
    }
}

/// The members of a generated struct: fields as the generator lays them out.
fn struct_members(ir: &Model, item: &Item) -> Vec<(&'static str, String, String)> {
    let value = |f: &model::Field| {
        let ty = rust_type(ir, &f.ty);
        if f.boxed {
            format!("Box<{ty}>")
        } else {
            ty
        }
    };
    let mut members = Vec::new();
    for f in &item.fields {
        match f.role {
            FieldRole::Own => {
                let ty = match (&f.condition, &f.ty) {
                    (Some(_), Ty::True) => "bool".to_owned(),
                    (Some(_), _) => format!("Option<{}>", value(f)),
                    (None, _) => value(f),
                };
                members.push(("field", f.name.clone(), ty));
            }
            FieldRole::Shared { group, index: 0 } => {
                if let Some(shared) = item.shared.get(group) {
                    let types: Vec<String> = shared
                        .members
                        .iter()
                        .filter_map(|&m| item.fields.get(m).map(value))
                        .collect();
                    members.push((
                        "field",
                        shared.name.clone(),
                        format!("Option<({})>", types.join(", ")),
                    ));
                }
            }
            FieldRole::Shared { .. } => {}
            FieldRole::Implied(_) => members.push(("method", f.name.clone(), "bool".into())),
        }
    }
    if let ItemResult::Function(ty) = &item.result {
        members.push(("returns", String::new(), rust_type(ir, ty)));
    }
    members
}

/// Every generated item by path.
fn rust_items(ir: &Model) -> BTreeMap<String, RustItem> {
    let mut items = BTreeMap::new();
    for c in &ir.constructors {
        items.insert(
            path_string("types", &c.path),
            RustItem {
                kind: "struct",
                members: struct_members(ir, c),
            },
        );
    }
    for f in &ir.functions {
        items.insert(
            path_string("functions", &f.path),
            RustItem {
                kind: "struct",
                members: struct_members(ir, f),
            },
        );
    }
    for e in &ir.enums {
        let members = e
            .variants
            .iter()
            .map(|(v, i)| {
                let payload = ir
                    .constructors
                    .get(*i)
                    .map_or_else(|| "?".into(), |c| path_string("types", &c.path));
                ("variant", v.clone(), payload)
            })
            .collect();
        items.insert(
            path_string("enums", &e.path),
            RustItem {
                kind: "enum",
                members,
            },
        );
    }
    items
}

/// Compares the generated items of two lowered schemas.
fn rust_diff(old: &Model, new: &Model) -> RustDiff {
    let (old_items, new_items) = (rust_items(old), rust_items(new));
    let paths: BTreeSet<&String> = old_items.keys().chain(new_items.keys()).collect();
    let mut changes = Vec::new();
    for path in paths {
        let change = |change, name: Option<String>, old, new, breaking| RustChange {
            path: path.clone(),
            change,
            name,
            old,
            new,
            breaking,
        };
        match (old_items.get(path), new_items.get(path)) {
            (None, Some(n)) => {
                changes.push(change("item_added", None, None, Some(n.kind.into()), false));
            }
            (Some(o), None) => {
                changes.push(change(
                    "item_removed",
                    None,
                    Some(o.kind.into()),
                    None,
                    true,
                ));
            }
            (Some(o), Some(n)) if o != n => {
                let key = |(k, name, _): &(&'static str, String, String)| (*k, name.clone());
                let old_members: BTreeMap<_, _> =
                    o.members.iter().map(|m| (key(m), m.2.clone())).collect();
                let new_members: BTreeMap<_, _> =
                    n.members.iter().map(|m| (key(m), m.2.clone())).collect();
                for m in &o.members {
                    if !new_members.contains_key(&key(m)) {
                        let kind = match m.0 {
                            "method" => "method_removed",
                            "variant" => "variant_removed",
                            _ => "field_removed",
                        };
                        changes.push(change(
                            kind,
                            Some(m.1.clone()),
                            Some(m.2.clone()),
                            None,
                            true,
                        ));
                    }
                }
                for m in &n.members {
                    match old_members.get(&key(m)) {
                        None => {
                            let (kind, breaking) = match m.0 {
                                "method" => ("method_added", false),
                                "variant" => ("variant_added", true),
                                _ => ("field_added", true),
                            };
                            changes.push(change(
                                kind,
                                Some(m.1.clone()),
                                None,
                                Some(m.2.clone()),
                                breaking,
                            ));
                        }
                        Some(t) if *t != m.2 => {
                            let (kind, name) = match m.0 {
                                "returns" => ("returns_changed", None),
                                _ => ("field_retyped", Some(m.1.clone())),
                            };
                            changes.push(change(
                                kind,
                                name,
                                Some(t.clone()),
                                Some(m.2.clone()),
                                true,
                            ));
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
            for p in &c.params_added {
                lines.push(format!("      + param {}:{}", p.name, p.ty));
            }
            for p in &c.params_removed {
                lines.push(format!("      - param {}:{}", p.name, p.ty));
            }
            for p in &c.params_changed {
                lines.push(format!(
                    "      ~ param {}: {} → {} ({})",
                    p.name,
                    p.old,
                    p.new,
                    param_change_kind(&p.old, &p.new)
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
                "Rust (tlgen-types): {} breaking, {} additive",
                rust.breaking, rust.additive
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

/// `retyped`, `moved to flags.5`, `now flags.2`, `now always present`.
fn param_change_kind(old: &str, new: &str) -> String {
    let split = |s: &str| -> (Option<String>, String) {
        match s.split_once('?') {
            Some((flag, ty)) => (Some(flag.to_owned()), ty.to_owned()),
            None => (None, s.to_owned()),
        }
    };
    let ((old_flag, old_ty), (new_flag, new_ty)) = (split(old), split(new));
    let mut parts = Vec::new();
    if old_ty != new_ty {
        parts.push("retyped".to_owned());
    }
    match (old_flag, new_flag) {
        (Some(a), Some(b)) if a != b => parts.push(format!("moved to {b}")),
        (None, Some(b)) => parts.push(format!("now conditional on {b}")),
        (Some(_), None) => parts.push("now always present".to_owned()),
        _ => {}
    }
    parts.join(", ")
}

/// `field `amount: enums::StarsAmount` added`.
fn rust_change_text(c: &RustChange) -> String {
    let name = c.name.as_deref().unwrap_or_default();
    let old = c.old.as_deref().unwrap_or_default();
    let new = c.new.as_deref().unwrap_or_default();
    match c.change {
        "item_added" => format!("new {new}"),
        "item_removed" => format!("{old} removed"),
        "field_added" => format!("field `{name}: {new}` added"),
        "field_removed" => format!("field `{name}: {old}` removed"),
        "field_retyped" => format!("field `{name}`: {old} → {new}"),
        "method_added" => format!("method `{name}()` added"),
        "method_removed" => format!("method `{name}()` removed"),
        "variant_added" => format!("variant `{name}({new})` added"),
        "variant_removed" => format!("variant `{name}({old})` removed"),
        "returns_changed" => format!("returns {old} → {new}"),
        other => other.to_owned(),
    }
}
