//! The TL side of `diff`: definitions added, removed and changed, param by param.

use std::collections::BTreeMap;

use serde::Serialize;
use tlgen_codegen::model::{self, Model};
use tlgen_codegen::{JsonDialect, NoDocs};
use tlgen_parser::{Category, Definition, ParamKind, Schema};

use super::report::label;
use super::rust::RustDiff;

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

/// `type` or `function`.
fn category_name(c: Category) -> &'static str {
    match c {
        Category::Type => "type",
        Category::Function => "function",
    }
}

/// `0x` and 8 hex digits.
fn hex_id(id: u32) -> String {
    format!("{id:#010x}")
}

/// The id on the wire: the declared one, else the computed one.
fn wire_id(d: &Definition<'_>) -> u32 {
    d.declared_id.unwrap_or(d.computed_id)
}

/// Compares two parsed schemas; `bindings` names the new schema (its files) in the report
/// of the Rust it generates.
pub fn diff_schemas(old: &Schema<'_>, new: &Schema<'_>, bindings: &str) -> SchemaDiff {
    diff_schemas_json(old, new, bindings, None)
}

/// [`diff_schemas`] for bindings in a JSON dialect (`None`: none).
pub fn diff_schemas_json(
    old: &Schema<'_>,
    new: &Schema<'_>,
    bindings: &str,
    json: Option<&JsonDialect>,
) -> SchemaDiff {
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
    let with_json = |model: Model| match json {
        Some(dialect) => model.with_json(dialect).map_err(|e| e.to_string()),
        None => Ok(model),
    };
    let api_diff = |o: &Model, n: &Model| model::api_diff::diff(o, n).map_err(|e| e.to_string());
    let rust = match (
        lower(old, "old").and_then(with_json),
        lower(new, "new").and_then(with_json),
    ) {
        (Ok(o), Ok(n)) => match api_diff(&o, &n) {
            Ok(diff) => Some(RustDiff::new(&diff, bindings)),
            Err(e) => {
                notes.push(format!("no Rust impact: {e}"));
                None
            }
        },
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
