//! The Rust side of `diff`, as reported: the generator's [`ApiDiff`] with types written as the
//! generated code writes them. The comparison itself is `tlgen_codegen::model::api_diff`.

use serde::{Serialize, Serializer};
use tlgen_codegen::model::api_diff::{ApiChangeKind, ApiDiff};

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

impl RustDiff {
    /// The report of `diff` for the bindings named `bindings`.
    pub fn new(diff: &ApiDiff, bindings: &str) -> RustDiff {
        let text = |m: &Option<_>| m.as_ref().map(ToString::to_string);
        let changes = diff
            .changes
            .iter()
            .map(|c| RustChange {
                path: c.path.to_string(),
                change: c.kind,
                name: c.name.clone(),
                old: text(&c.old),
                new: text(&c.new),
                breaking: c.kind.is_breaking(),
            })
            .collect();
        RustDiff {
            bindings: bindings.to_owned(),
            breaking: diff.breaking(),
            additive: diff.additive(),
            changes,
        }
    }
}

/// One change to a generated item.
#[derive(Debug, Clone, Serialize)]
pub struct RustChange {
    /// `types::StarsTransaction`, `enums::payments::PaymentResult`, `functions::payments::SendStarsForm`.
    pub path: String,
    /// What changed, serialized in snake case (`field_added`; see the module docs of `diff`).
    #[serde(serialize_with = "change_name")]
    pub change: ApiChangeKind,
    /// The field, method or variant name; `null` for a whole item.
    pub name: Option<String>,
    /// The old Rust type (or the item kind), if any.
    pub old: Option<String>,
    /// The new Rust type (or the item kind), if any.
    pub new: Option<String>,
    /// Whether code using the crate can stop compiling.
    pub breaking: bool,
}

/// `field_added` for [`ApiChangeKind::FieldAdded`], and so on (serde's `serialize_with` gives
/// a reference).
#[allow(clippy::trivially_copy_pass_by_ref)]
fn change_name<S: Serializer>(kind: &ApiChangeKind, serializer: S) -> Result<S::Ok, S::Error> {
    serializer.serialize_str(match kind {
        ApiChangeKind::ItemAdded => "item_added",
        ApiChangeKind::ItemRemoved => "item_removed",
        ApiChangeKind::FieldAdded => "field_added",
        ApiChangeKind::FieldRemoved => "field_removed",
        ApiChangeKind::FieldRetyped => "field_retyped",
        ApiChangeKind::MethodAdded => "method_added",
        ApiChangeKind::MethodRemoved => "method_removed",
        ApiChangeKind::VariantAdded => "variant_added",
        ApiChangeKind::ObjectVariantAdded => "object_variant_added",
        ApiChangeKind::VariantRemoved => "variant_removed",
        ApiChangeKind::ReturnsChanged => "returns_changed",
        ApiChangeKind::DefaultChanged => "default_changed",
    })
}
