//! Doc attributes for generated items: description, TL line, link, errors.

use proc_macro2::TokenStream;
use quote::quote;

use crate::emit::Context;
use crate::model::{Field, Item, ItemResult, Presence, SharedBit};

/// `` `name:flags.N?type` `` as written in the schema.
fn tl_param(field: &Field) -> String {
    let condition = match &field.condition {
        Some((word, bit)) => format!("{word}.{bit}?"),
        None => String::new(),
    };
    format!("`{}:{condition}{}`", field.tl_name, field.tl_type)
}

/// One `#[doc = "..."]` per line, so the formatter prints `///` lines.
pub fn doc_lines(text: &str) -> TokenStream {
    text.lines()
        .map(|line| {
            let line = if line.is_empty() {
                String::new()
            } else {
                format!(" {line}")
            };
            quote!(#[doc = #line])
        })
        .collect()
}

impl Context<'_> {
    /// Docs of a constructor or function struct.
    pub fn item_docs(&self, item: &Item) -> TokenStream {
        if self.borrowed.is_some() {
            // The owned struct has the documentation; this one says how it differs.
            let text = format!(
                "TL constructor [`{}`]({}), borrowing its strings and bytes from the input: \
                 the fields of `types::{}`, which documents them.\n\n```text\n{}\n```",
                item.tl_name,
                item.doc_url(),
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
            "TL {kind} [`{}`]({}):\n\n```text\n{}\n```",
            item.tl_name,
            item.doc_url(),
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
        if !item.errors.is_empty() {
            text.push_str("\n\n# Errors\n\n| Code | Error | Description |\n| --- | --- | --- |\n");
            for e in &item.errors {
                let description =
                    crate::markdown::escape_markdown(&e.description.replace('\n', " "))
                        .replace('|', "\\|");
                text.push_str(&format!(
                    "| {} | `{}` | {} |\n",
                    e.code,
                    e.name,
                    description.trim()
                ));
            }
        }
        doc_lines(&text)
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
