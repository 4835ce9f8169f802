//! Every Rust-name decision: case conversion (with heck) and keyword handling.
//!
//! TL names are `camelCase` constructors, `snake_case` params and `dotted.namespaces`.
//! Rust wants `UpperCamelCase` types, `snake_case` fields and modules, and no keywords.

mod errors;

pub use errors::{error_variant_name, error_variant_names, is_parameterised, is_rust_identifier};

use heck::{ToSnakeCase, ToUpperCamelCase};
use proc_macro2::{Ident, Span};

/// Keywords that can be used as raw identifiers (`r#type`).
const RAW_KEYWORDS: &[&str] = &[
    "abstract", "as", "async", "await", "become", "box", "break", "const", "continue", "do", "dyn",
    "else", "enum", "extern", "false", "final", "fn", "for", "gen", "if", "impl", "in", "let",
    "loop", "macro", "match", "mod", "move", "mut", "override", "priv", "pub", "ref", "return",
    "static", "struct", "trait", "true", "try", "type", "typeof", "unsafe", "unsized", "use",
    "virtual", "where", "while", "yield",
];

/// Keywords that cannot be raw identifiers; they get a trailing underscore.
const RESERVED: &[&str] = &["self", "Self", "super", "crate", "_"];

/// A struct or enum name: `starsTransaction` → `StarsTransaction`, `p_q_inner_data` → `PQInnerData`.
pub fn type_name(tl_name: &str) -> String {
    let camel = tl_name.to_upper_camel_case();
    let camel = if camel.starts_with(|c: char| c.is_ascii_digit()) || camel.is_empty() {
        format!("T{camel}")
    } else {
        camel
    };
    if RESERVED.contains(&camel.as_str()) {
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
    if RESERVED.contains(&name) {
        Ident::new(&format!("{name}_"), Span::call_site())
    } else if RAW_KEYWORDS.contains(&name) {
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
        Some(rest)
            if rest.starts_with(|c: char| c.is_ascii_uppercase())
                && !RESERVED.contains(&rest)
                && !RAW_KEYWORDS.contains(&rest) =>
        {
            rest.to_string()
        }
        _ => struct_name.to_string(),
    }
}

/// Module names for a namespace path: `payments` → `payments`, `phone` → `phone`.
pub fn module_name(namespace: &str) -> String {
    value_name(namespace)
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
