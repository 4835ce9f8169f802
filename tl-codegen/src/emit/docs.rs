//! Doc attributes for generated items: description, TL line, link, errors.

use proc_macro2::TokenStream;
use quote::quote;

use crate::emit::Context;
use crate::ir::{Field, Item, ItemResult};

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

    /// Docs of a struct field.
    pub fn field_docs(&self, field: &Field) -> TokenStream {
        let condition = match &field.condition {
            Some((word, bit)) => format!("{word}.{bit}?"),
            None => String::new(),
        };
        let tl = format!("`{}:{condition}{}`", field.tl_name, field.tl_type);
        let text = match &field.description {
            Some(d) => format!("{}\n\nTL: {tl}", d.trim()),
            None => format!("TL: {tl}"),
        };
        doc_lines(&text)
    }
}
