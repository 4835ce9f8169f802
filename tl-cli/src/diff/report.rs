//! The reports of `diff`: text grouped by namespace, and JSON.

use std::collections::BTreeMap;
use std::fmt::Write as _;

use tlgen_codegen::model::api_diff::ApiChangeKind;

use super::{Changed, DefRef, RustChange, SchemaDiff, Side};

/// The namespace of a TL name: `payments` for `payments.sendStarsForm`, empty for root.
fn namespace(name: &str) -> &str {
    name.rsplit_once('.').map_or("", |(ns, _)| ns)
}

/// `function` or `constructor`: how the reports name a category.
pub(super) fn label(category: &str) -> &'static str {
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
        ApiChangeKind::ItemAdded => format!("new {new}"),
        ApiChangeKind::ItemRemoved => format!("{old} removed"),
        ApiChangeKind::FieldAdded => format!("field `{name}: {new}` added"),
        ApiChangeKind::FieldRemoved => format!("field `{name}: {old}` removed"),
        ApiChangeKind::FieldRetyped => format!("field `{name}`: {old} → {new}"),
        ApiChangeKind::MethodAdded => format!("method `{name}()` added"),
        ApiChangeKind::MethodRemoved => format!("method `{name}()` removed"),
        ApiChangeKind::VariantAdded | ApiChangeKind::ObjectVariantAdded => {
            format!("variant `{name}({new})` added")
        }
        ApiChangeKind::VariantRemoved => format!("variant `{name}({old})` removed"),
        ApiChangeKind::ReturnsChanged => format!("returns {old} → {new}"),
        ApiChangeKind::DefaultChanged => {
            let or_none = |ty: &str| {
                if ty.is_empty() {
                    "none".to_owned()
                } else {
                    ty.to_owned()
                }
            };
            format!("`Default`: {} → {}", or_none(old), or_none(new))
        }
    }
}
