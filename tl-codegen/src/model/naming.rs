//! Every Rust-name decision: case conversion (with heck) and keyword handling.
//!
//! TL names are `camelCase` constructors, `snake_case` params and `dotted.namespaces`.
//! Rust wants `UpperCamelCase` types, `snake_case` fields and modules, and no keywords.

mod errors;

pub use errors::{error_variant_name, error_variant_names, is_parameterised, is_rust_identifier};

use heck::{ToSnakeCase, ToUpperCamelCase};
use proc_macro2::{Ident, Span};

/// Rust's strict and reserved keywords (2021 edition, plus `gen` of 2024), and `_`: the one
/// keyword table of the generator.
pub(crate) const KEYWORDS: &[&str] = &[
    "_", "abstract", "as", "async", "await", "become", "box", "break", "const", "continue",
    "crate", "do", "dyn", "else", "enum", "extern", "false", "final", "fn", "for", "gen", "if",
    "impl", "in", "let", "loop", "macro", "match", "mod", "move", "mut", "override", "priv", "pub",
    "ref", "return", "self", "Self", "static", "struct", "super", "trait", "true", "try", "type",
    "typeof", "unsafe", "unsized", "use", "virtual", "where", "while", "yield",
];

/// Whether `name` is a keyword.
pub fn is_keyword(name: &str) -> bool {
    KEYWORDS.contains(&name)
}

/// Keywords that cannot be raw identifiers (`r#self` is not valid): they get a trailing
/// underscore instead.
pub fn is_reserved(name: &str) -> bool {
    matches!(name, "self" | "Self" | "super" | "crate" | "_")
}

/// A struct or enum name: `starsTransaction` → `StarsTransaction`, `p_q_inner_data` → `PQInnerData`.
pub fn type_name(tl_name: &str) -> String {
    let camel = tl_name.to_upper_camel_case();
    let camel = if camel.starts_with(|c: char| c.is_ascii_digit()) || camel.is_empty() {
        format!("T{camel}")
    } else {
        camel
    };
    if is_reserved(&camel) {
        format!("{camel}_")
    } else {
        camel
    }
}

/// A field, parameter or module name in snake case (`_` before a leading digit); keywords
/// stay as they are here and are escaped by [`ident`] when the name becomes an identifier.
pub fn value_name(tl_name: &str) -> String {
    let snake = tl_name.to_snake_case();
    if snake.is_empty() || snake.starts_with(|c: char| c.is_ascii_digit()) {
        format!("_{snake}")
    } else {
        snake
    }
}

/// Turns a name from [`type_name`] or [`value_name`] into an identifier, escaping keywords.
pub fn ident(name: &str) -> Ident {
    if is_reserved(name) {
        Ident::new(&format!("{name}_"), Span::call_site())
    } else if is_keyword(name) {
        Ident::new_raw(name, Span::call_site())
    } else {
        Ident::new(name, Span::call_site())
    }
}

/// The variant name of a constructor inside its type's enum.
///
/// The type's name is stripped from the front when what remains is a valid, non-empty
/// name (`inputPeerUser` in `InputPeer` → `User`); otherwise the full struct name is used.
/// A remainder starting with a digit or equal to a reserved word keeps the full name.
pub fn variant_name(struct_name: &str, enum_name: &str) -> String {
    match struct_name.strip_prefix(enum_name) {
        Some(rest) if rest.starts_with(|c: char| c.is_ascii_uppercase()) && !is_keyword(rest) => {
            rest.to_string()
        }
        _ => struct_name.to_string(),
    }
}

/// Module names for a namespace path: `payments` → `payments`, `phone` → `phone`.
pub fn module_name(namespace: &str) -> String {
    value_name(namespace)
}

/// The `n`-th item or variant of one name (`n` ≥ 1): `FooBar1` when `fooBar` and `foo_bar`
/// map to one Rust name.
pub fn numbered(name: &str, n: usize) -> String {
    format!("{name}{n}")
}

/// The `n`-th field of one name (`n` ≥ 1): `foo_bar_1`.
pub fn numbered_field(name: &str, n: usize) -> String {
    format!("{name}_{n}")
}

/// The field holding params that share a flag bit: `solution` for `solution` and
/// `solution_entities`, else the names joined by `_and_` (`views_and_forwards`), with `_`
/// appended while `taken` says the name is in use.
pub fn shared_field_name(names: &[&str], taken: impl Fn(&str) -> bool) -> String {
    let first = names.first().copied().unwrap_or_default();
    let prefix = format!("{first}_");
    let mut name = if names.iter().skip(1).all(|n| n.starts_with(&prefix)) {
        first.to_owned()
    } else {
        names.join("_and_")
    };
    while taken(&name) {
        name.push('_');
    }
    name
}

/// The error enum of a function: `SendStarsFormError` for `SendStarsForm`.
pub fn error_enum_name(function: &str) -> String {
    format!("{function}Error")
}

/// The local holding flag word `word` while decoding: its value name, or `flags_word` when a
/// field already has that name.
pub fn flag_local(word: &str, field_names: &[&str]) -> String {
    let base = value_name(word);
    if field_names.contains(&base.as_str()) {
        format!("{base}_word")
    } else {
        base
    }
}

/// `payments.PaymentResult` as one name: `PaymentsPaymentResult` (an `Object` variant).
pub fn joined_name(modules: &[String], name: &str) -> String {
    let mut s: String = modules.iter().map(|m| m.to_upper_camel_case()).collect();
    s.push_str(name);
    s
}

/// Takes the first free name of `base`, `base` + `suffix`, `base` + `suffix` + `2`, `3`, …
///
/// Names of different origins can meet (`foo.Bar` and `FooBar` both join to `FooBar`; a
/// type `FooCall` and a function `foo` next to a type `Foo`), so no candidate is assumed free.
pub fn claim(taken: &mut std::collections::HashSet<String>, base: String, suffix: &str) -> String {
    if taken.insert(base.clone()) {
        return base;
    }
    let mut candidate = format!("{base}{suffix}");
    let mut n = 2usize;
    while !taken.insert(candidate.clone()) {
        candidate = format!("{base}{suffix}{n}");
        n += 1;
    }
    candidate
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn type_names() {
        assert_eq!(type_name("starsTransaction"), "StarsTransaction");
        assert_eq!(type_name("p_q_inner_data_dc"), "PQInnerDataDc");
        assert_eq!(type_name("server_DH_params_ok"), "ServerDhParamsOk");
        assert_eq!(type_name("true"), "True");
        assert_eq!(type_name("self"), "Self_");
    }

    #[test]
    fn value_names_and_keywords() {
        assert_eq!(ident(&value_name("type")).to_string(), "r#type");
        assert_eq!(ident(&value_name("static")).to_string(), "r#static");
        assert_eq!(ident(&value_name("final")).to_string(), "r#final");
        assert_eq!(ident(&value_name("loop")).to_string(), "r#loop");
        assert_eq!(ident(&value_name("self")).to_string(), "self_");
        assert_eq!(ident(&value_name("crate")).to_string(), "crate_");
        assert_eq!(ident(&value_name("super")).to_string(), "super_");
        assert_eq!(value_name("ttl_period"), "ttl_period");
        assert_eq!(value_name("2fa"), "_2fa");
    }

    #[test]
    fn variants() {
        assert_eq!(variant_name("InputPeerUser", "InputPeer"), "User");
        assert_eq!(variant_name("InputPeerSelf", "InputPeer"), "InputPeerSelf");
        assert_eq!(
            variant_name("PaymentResult", "PaymentResult"),
            "PaymentResult"
        );
        assert_eq!(
            variant_name("UpdateShortMessage", "Updates"),
            "UpdateShortMessage"
        );
        assert_eq!(variant_name("UpdatesTooLong", "Updates"), "TooLong");
        assert_eq!(variant_name("Message", "Message"), "Message");
        assert_eq!(variant_name("MessageEmpty", "Message"), "Empty");
        assert_eq!(variant_name("Pong2", "Pong"), "Pong2");
    }
}
