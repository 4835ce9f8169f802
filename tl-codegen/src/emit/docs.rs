//! Doc attributes for generated items: description, TL line, link, errors.

use proc_macro2::TokenStream;
use quote::quote;

use std::collections::HashMap;

use crate::docs_source::ErrorRef;
use crate::emit::Context;
use crate::model::{
    ErrorVariant, Field, Item, ItemResult, PathKind, Presence, RustType, SharedBit, Ty,
};

/// `` `name:flags.N?type` `` as written in the schema.
fn tl_param(field: &Field) -> String {
    let condition = match &field.condition {
        Some((word, bit)) => format!("{word}.{bit}?"),
        None => String::new(),
    };
    format!("`{}:{condition}{}`", field.tl_name, field.tl_type)
}

/// A method's `# Errors` table; `link` gives the intra-doc link of a row's variant, if any.
fn errors_table(item: &Item, link: impl Fn(&ErrorRef) -> Option<String>) -> String {
    let mut text =
        String::from("\n# Errors\n\n| Code | Error | Description |\n| --- | --- | --- |\n");
    for e in &item.errors {
        let description =
            crate::markdown::escape_markdown(&e.description.replace('\n', " ")).replace('|', "\\|");
        let name = match link(e) {
            Some(path) => format!("[`{}`]({path})", e.name),
            None => format!("`{}`", e.name),
        };
        text.push_str(&format!(
            "| {} | {name} | {} |\n",
            e.code,
            description.trim()
        ));
    }
    text
}

/// One `#[doc = "..."]` per line, so the formatter prints `///` lines.
pub fn doc_lines(text: &str) -> TokenStream {
    text.lines()
        .map(|line| {
            let line = doc_line(line);
            quote!(#[doc = #line])
        })
        .collect()
}

/// [`doc_lines`] shown only when `predicate` holds, as one attribute (a `cfg_attr` per
/// line would print four lines each): `#[cfg_attr(predicate, doc = "...\n...")]`.
fn cfg_doc_lines(predicate: &TokenStream, text: &str) -> TokenStream {
    let text: Vec<String> = text.lines().map(doc_line).collect();
    let text = text.join("\n");
    quote!(#[cfg_attr(#predicate, doc = #text)])
}

/// A doc line as rustdoc gets it from `/// line`: with a leading space unless empty.
fn doc_line(line: &str) -> String {
    if line.is_empty() {
        String::new()
    } else {
        format!(" {line}")
    }
}

impl Context<'_> {
    /// `` [`name`](https://core.telegram.org/…) ``; just `` `name` `` for TON's schemas,
    /// which core.telegram.org does not document.
    fn item_link(&self, item: &Item) -> String {
        if self.ir.dialect == tlgen_parser::Dialect::Ton {
            format!("`{}`", item.tl_name)
        } else {
            format!("[`{}`]({})", item.tl_name, item.doc_url())
        }
    }

    /// Docs of a constructor or function struct.
    pub fn item_docs(&self, item: &Item) -> TokenStream {
        if self.borrowed.is_some() {
            // The owned struct has the documentation; this one says how it differs.
            let text = format!(
                "TL constructor {}, borrowing its strings and bytes from the input: \
                 the fields of `types::{}`, which documents them.\n\n```text\n{}\n```",
                self.item_link(item),
                item.path.in_kind(),
                item.tl_line
            );
            return doc_lines(&text);
        }
        let mut text = String::new();
        if let Some(description) = &item.description {
            text.push_str(description.trim());
            text.push_str("\n\n");
        }
        let kind = match item.result {
            ItemResult::Constructor(_) => "constructor",
            ItemResult::Function(_) => "method",
        };
        text.push_str(&format!(
            "TL {kind} {}:\n\n```text\n{}\n```",
            self.item_link(item),
            item.tl_line
        ));
        if !item.stale_doc_params.is_empty() {
            let names: Vec<String> = item
                .stale_doc_params
                .iter()
                .map(|n| format!("`{n}`"))
                .collect();
            text.push_str(&format!(
                "\n\n**Note:** this documentation was written for an earlier version of this \
                 definition: it describes params it no longer has ({}).",
                names.join(", ")
            ));
        }
        let mut docs = doc_lines(&text);
        docs.extend(self.errors_docs(item));
        docs
    }

    /// A method's `# Errors` section: the table of its documented errors and, with typed
    /// errors, each row linked to its variant in the enum `decode_typed_response` answers
    /// and a line on how to match it. That enum is the method's own when the per-method enums
    /// are always generated, else the crate-wide `errors::Error` (the method's enum, maybe
    /// behind a feature, is then named, not linked). When the typed errors are behind a
    /// feature, the linked form is shown with it and the plain table without (the links
    /// would be broken).
    fn errors_docs(&self, item: &Item) -> TokenStream {
        if item.errors.is_empty() {
            return quote!();
        }
        let plain = errors_table(item, |_| None);
        if self.errors_gate.is_none() {
            return doc_lines(&plain);
        }
        let depth = 1 + item.path.modules.len();
        let enum_name = item.error_enum().name;
        let errors_module = PathKind::Errors.relative(depth).to_string();
        // The type `decode_typed_response` answers with.
        let RustType::Item(answer) = self.ir.error_type(item, self.typed_method_errors) else {
            return doc_lines(&plain);
        };
        let answer_name = answer.name.clone();
        let answer_path = answer.relative(depth).to_string();
        let variants: HashMap<&str, &ErrorVariant> = self
            .ir
            .errors
            .iter()
            .map(|e| (e.doc.name.as_str(), e))
            .collect();
        let variant = |e: &ErrorRef| variants.get(e.name.as_str()).map(|v| v.variant.as_str());
        let mut linked = errors_table(item, |e| variant(e).map(|v| format!("{answer_path}::{v}")));
        let example = item
            .errors
            .iter()
            .find_map(|e| variants.get(e.name.as_str()))
            .map(|v| {
                let fields = if v.parameterised { " { value }" } else { "" };
                format!("Err({answer_name}::{}{fields}) => …, ", v.variant)
            })
            .unwrap_or_default();
        let call = format!(
            "`match {}::decode_typed_response(&answer)? {{ Ok(value) => …, {example}Err(other) => … }}`",
            item.path.name
        );
        linked.push_str(&if self.typed_method_errors {
            format!(
                "\n`decode_typed_response` gives these as [`{answer_name}`]({answer_path}): a \
                 variant per row, then `Global` for a known error not documented here \
                 (`FLOOD_WAIT_%d`, …) and `Other` for an unknown one ([`errors`]({errors_module})):\n\n{call}"
            )
        } else {
            format!(
                "\n`decode_typed_response` gives these as [`Error`]({answer_path}), a variant per \
                 row (`Other` for an unknown error):\n\n{call}\n\n\
                 The method's own enum, `{enum_name}` (exactly these rows, then `Global` and \
                 `Other`), comes with the per-method error enums: `{enum_name}::from(error)`."
            )
        });
        match &self.errors_feature {
            None => doc_lines(&linked),
            Some(feature) => {
                let linked = cfg_doc_lines(&quote!(feature = #feature), &linked);
                let plain = cfg_doc_lines(&quote!(not(feature = #feature)), &plain);
                quote!(#linked #plain)
            }
        }
    }

    /// A param's description; none in the `borrowed` module, whose owned twins have them.
    fn description<'f>(&self, field: &'f Field) -> Option<&'f str> {
        field
            .description
            .as_deref()
            .filter(|_| self.borrowed.is_none())
    }

    /// Docs of a struct field.
    pub fn field_docs(&self, field: &Field) -> TokenStream {
        let tl = tl_param(field);
        let text = match self.description(field) {
            Some(d) => format!("{}\n\nTL: {tl}", d.trim()),
            None => format!("TL: {tl}"),
        };
        doc_lines(&text)
    }

    /// Docs of the tuple field of params that share one flag bit.
    pub fn shared_docs(&self, item: &Item, shared: &SharedBit) -> TokenStream {
        let (word, bit) = &shared.flag;
        let members: Vec<&Field> = shared.members.iter().map(|&m| &item.fields[m]).collect();
        let names: Vec<String> = members.iter().map(|f| format!("`{}`", f.tl_name)).collect();
        let mut text = format!(
            "{}, present together: they share the flag bit `{word}.{bit}`.\n",
            names.join(", ")
        );
        for f in &members {
            let description = self.description(f).map_or("", str::trim);
            if description.is_empty() {
                text.push_str(&format!("\n- {}", tl_param(f)));
            } else {
                text.push_str(&format!("\n- {}: {description}", tl_param(f)));
            }
        }
        doc_lines(&text)
    }

    /// Docs of the method standing for a `true` param implied by other params.
    pub fn implied_docs(&self, item: &Item, field: &Field, presence: Presence) -> TokenStream {
        let by = match presence {
            Presence::Field(k) => format!("`{}`", item.fields[k].name),
            Presence::Shared(group) => format!("`{}`", item.shared[group].name),
        };
        let description = self
            .description(field)
            .map_or(String::new(), |d| format!("{}\n\n", d.trim()));
        let text = format!(
            "{description}TL: {}, set exactly when {by} is present (they share the flag bit).",
            tl_param(field)
        );
        doc_lines(&text)
    }
}

/// How many functions and params a type's page names before "and N more".
const USES_SHOWN: usize = 10;

/// Where a boxed type is used: the functions that return it and the params that hold it.
#[derive(Debug, Clone, Default)]
pub struct TypeUses {
    /// Indices in `Model::functions` of the functions returning the type (or a vector of it).
    pub returned_by: Vec<usize>,
    /// `(index in Ir::constructors, index in its fields)` of the params holding it.
    pub held_by: Vec<(usize, usize)>,
}

impl TypeUses {
    /// The uses of every boxed type of `ir`, by index in `Model::enums`, in schema order.
    pub fn of(ir: &crate::model::Model) -> Vec<TypeUses> {
        let mut uses = vec![TypeUses::default(); ir.enums.len()];
        for (f, item) in ir.functions.iter().enumerate() {
            if let ItemResult::Function(ty) = &item.result {
                if let Some(u) = enum_in(ty).and_then(|e| uses.get_mut(e)) {
                    u.returned_by.push(f);
                }
            }
        }
        for (c, item) in ir.constructors.iter().enumerate() {
            for (k, field) in item.fields.iter().enumerate() {
                if let Some(u) = enum_in(&field.ty).and_then(|e| uses.get_mut(e)) {
                    u.held_by.push((c, k));
                }
            }
        }
        uses
    }
}

/// The boxed type of `ty` or of its (nested) vector elements.
fn enum_in(ty: &Ty) -> Option<usize> {
    match ty {
        Ty::Enum(e) => Some(*e),
        Ty::Vector { elem, .. } => enum_in(elem),
        _ => None,
    }
}

impl Context<'_> {
    /// "Returned by …" and "Held by …" for the page of the boxed type `e`, at most
    /// [`USES_SHOWN`] of each; empty in the `borrowed` module.
    pub fn type_uses_docs(&self, e: usize, depth: usize) -> String {
        let Some(uses) = self.type_uses.get(e).filter(|_| self.borrowed.is_none()) else {
            return String::new();
        };
        let mut text = String::new();
        // In the types crate of split bindings the functions are in the crate that
        // depends on it: named, not linked.
        let linked = *self.part != super::CratePart::Types;
        let functions = uses.returned_by.iter().filter_map(|&f| {
            let item = self.ir.functions.get(f)?;
            if !linked {
                return Some(format!("`{}`", item.tl_name));
            }
            let path = item.path.relative(depth);
            Some(format!("[`{}`]({path})", item.tl_name))
        });
        push_bounded(&mut text, "Returned by", functions, uses.returned_by.len());
        let params = uses.held_by.iter().filter_map(|&(c, k)| {
            let item = self.ir.constructors.get(c)?;
            let field = item.fields.get(k)?;
            let path = item.path.relative(depth);
            Some(format!("[`{}.{}`]({path})", item.tl_name, field.tl_name))
        });
        push_bounded(&mut text, "Held by", params, uses.held_by.len());
        text
    }
}

/// `\n\nlabel a, b, c and N more.` with at most [`USES_SHOWN`] of `total` entries.
fn push_bounded(
    text: &mut String,
    label: &str,
    entries: impl Iterator<Item = String>,
    total: usize,
) {
    if total == 0 {
        return;
    }
    let shown: Vec<String> = entries.take(USES_SHOWN).collect();
    text.push_str(&format!("\n\n{label} {}", shown.join(", ")));
    if total > shown.len() {
        text.push_str(&format!(" and {} more", total - shown.len()));
    }
    text.push('.');
}
