//! Rust names for RPC errors.
//!
//! # Variant names
//!
//! [`error_variant_name`] maps one error name to an UpperCamelCase identifier:
//! 1. every `%d` placeholder is removed (the number becomes a field of the variant
//!    elsewhere): `FLOOD_WAIT_%d` → `FloodWait`, `FILE_REFERENCE_%d_EXPIRED` →
//!    `FileReferenceExpired`, `PREVIOUS_CHAT_IMPORT_ACTIVE_WAIT_%dMIN` →
//!    `PreviousChatImportActiveWaitMin`;
//! 2. every character outside `[A-Za-z0-9]` separates words; the words are
//!    capitalised and joined (`Invalid msgs_ack query` → `InvalidMsgsAckQuery`);
//! 3. leading digits are spelled out, so the result never starts with a digit:
//!    `2FA_CONFIRM_WAIT_%d` → `TwoFaConfirmWait`;
//! 4. a name with no letters or digits becomes `Unknown`, and `Self` (the only
//!    UpperCamelCase keyword) becomes `SelfError`.
//!
//! The result is always a valid identifier and never a keyword, but two names can
//! give the same one: `AUTH_RESTART` and `AUTH_RESTART_%d` both give `AuthRestart`
//! (the layer 223 dump has six such pairs). A generator naming a whole set of
//! variants uses [`error_variant_names`], which never collides: names are taken in
//! the order (plain names first, then parameterised ones, each sorted by name); each
//! gets its [`error_variant_name`] if free, otherwise — for a parameterised name —
//! the name with `%d` spelled `N` (`AUTH_RESTART_%d` → `AuthRestartN`,
//! `FILE_REFERENCE_%d_EXPIRED` → `FileReferenceNExpired`), and if that is taken as
//! well, the first free one of `…2`, `…3`, ….

use std::collections::{BTreeMap, BTreeSet};

use heck::ToUpperCamelCase;

/// Whether an error name has a numeric placeholder (`FLOOD_WAIT_%d`).
pub fn is_parameterised(name: &str) -> bool {
    name.contains("%d")
}

/// The Rust variant name for one error name (see the module docs for the rule).
pub fn error_variant_name(name: &str) -> String {
    camel_identifier(&name.replace("%d", " "))
}

/// Collision-free variant names for a set of error names, keyed by error name
/// (see the module docs for the rule). Duplicate input names are merged.
pub fn error_variant_names<'a, I>(names: I) -> BTreeMap<String, String>
where
    I: IntoIterator<Item = &'a str>,
{
    let unique: BTreeSet<&str> = names.into_iter().collect();
    let mut ordered: Vec<&str> = unique.into_iter().collect();
    ordered.sort_by_key(|n| (is_parameterised(n), *n));
    let mut taken = BTreeSet::new();
    let mut result = BTreeMap::new();
    for name in ordered {
        let base = error_variant_name(name);
        let mut candidates = vec![base.clone()];
        if is_parameterised(name) {
            candidates.push(camel_identifier(&name.replace("%d", " N ")));
        }
        let chosen = candidates
            .into_iter()
            .find(|c| !taken.contains(c))
            .unwrap_or_else(|| {
                (2u64..)
                    .map(|i| format!("{base}{i}"))
                    .find(|c| !taken.contains(c))
                    .unwrap_or_default()
            });
        taken.insert(chosen.clone());
        result.insert(name.to_string(), chosen);
    }
    result
}

/// Whether `ident` is a valid Rust identifier that is not a keyword (usable as a
/// variant name without `r#`).
pub fn is_rust_identifier(ident: &str) -> bool {
    let mut chars = ident.chars();
    let valid = match chars.next() {
        Some(c) if c.is_ascii_alphabetic() || c == '_' => {
            chars.all(|c| c.is_ascii_alphanumeric() || c == '_')
        }
        _ => false,
    };
    valid && !super::is_keyword(ident)
}

/// Digit names used for leading digits.
const DIGITS: [&str; 10] = [
    "Zero", "One", "Two", "Three", "Four", "Five", "Six", "Seven", "Eight", "Nine",
];

/// UpperCamelCase of `text`, where anything outside `[A-Za-z0-9]` separates words,
/// made into a valid identifier.
fn camel_identifier(text: &str) -> String {
    let words: String = text
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() { c } else { ' ' })
        .collect();
    let camel = words.to_upper_camel_case();
    let digits = camel.chars().take_while(char::is_ascii_digit).count();
    let mut out = String::new();
    for d in camel.chars().take(digits) {
        let index = d
            .to_digit(10)
            .and_then(|v| usize::try_from(v).ok())
            .unwrap_or(0);
        out.push_str(DIGITS.get(index).copied().unwrap_or("Zero"));
    }
    let mut rest = camel.chars().skip(digits);
    if let Some(first) = rest.next() {
        out.extend(first.to_uppercase());
        out.extend(rest);
    }
    match out.as_str() {
        "" => "Unknown".to_string(),
        "Self" => "SelfError".to_string(),
        _ => out,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn examples() {
        assert_eq!(error_variant_name("BALANCE_TOO_LOW"), "BalanceTooLow");
        assert_eq!(error_variant_name("FLOOD_WAIT_%d"), "FloodWait");
        assert_eq!(
            error_variant_name("2FA_CONFIRM_WAIT_%d"),
            "TwoFaConfirmWait"
        );
        assert_eq!(
            error_variant_name("FILE_REFERENCE_%d_EXPIRED"),
            "FileReferenceExpired"
        );
        assert_eq!(error_variant_name("Timeout"), "Timeout");
        assert_eq!(
            error_variant_name("Invalid msgs_ack query"),
            "InvalidMsgsAckQuery"
        );
        assert_eq!(error_variant_name("%d"), "Unknown");
        assert_eq!(error_variant_name("SELF"), "SelfError");
    }
}
