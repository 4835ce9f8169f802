//! Rust names for RPC errors, and the errors every method can return.
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

use super::ErrorDoc;

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
    valid && ident != "_" && !KEYWORDS.contains(&ident)
}

/// Rust's strict and reserved keywords (2021 edition, plus `gen` of 2024).
const KEYWORDS: &[&str] = &[
    "as", "async", "await", "break", "const", "continue", "crate", "dyn", "else", "enum", "extern",
    "false", "fn", "for", "if", "impl", "in", "let", "loop", "match", "mod", "move", "mut", "pub",
    "ref", "return", "self", "Self", "static", "struct", "super", "trait", "true", "type",
    "unsafe", "use", "where", "while", "abstract", "become", "box", "do", "final", "gen", "macro",
    "override", "priv", "try", "typeof", "unsized", "virtual", "yield",
];

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

/// An [`ErrorDoc`] from static parts.
fn error(code: i32, name: &str, description: &str) -> ErrorDoc {
    ErrorDoc {
        code,
        name: name.to_string(),
        description: description.to_string(),
    }
}

/// The errors any method can return even when its page does not list them:
/// data-center migrations (303), authorization problems (401), the duplicated key
/// (406), flood waits (420) and server-side failures (500, -503).
///
/// Descriptions are Markdown; those of names in the layer 223 dump's error table
/// are the dump's own, the others are short summaries of Telegram's error-handling
/// documentation.
pub fn global_errors() -> Vec<ErrorDoc> {
    vec![
        error(303, "FILE_MIGRATE_%d", "The file to be accessed is stored in data center %d: repeat the request there."),
        error(303, "NETWORK_MIGRATE_%d", "The source IP address is associated with data center %d (for registration): repeat the request there."),
        error(303, "PHONE_MIGRATE_%d", "The phone number used for authorization is associated with data center %d: repeat the request there."),
        error(303, "STATS_MIGRATE_%d", "The statistics of this channel must be fetched from data center %d: repeat the request there."),
        error(303, "USER_MIGRATE_%d", "The user whose identity is used for the request is associated with data center %d: repeat the request there."),
        error(401, "AUTH_KEY_UNREGISTERED", "The authorization key is not registered in the system."),
        error(401, "AUTH_KEY_INVALID", "The authorization key is invalid."),
        error(401, "AUTH_KEY_PERM_EMPTY", "The method is unavailable for a temporary authorization key that is not bound to a permanent one."),
        error(401, "SESSION_EXPIRED", "The authorization has expired."),
        error(401, "SESSION_PASSWORD_NEEDED", "Two-step verification is enabled: a password is required to complete the authorization."),
        error(401, "SESSION_REVOKED", "The authorization has been invalidated because the user terminated all sessions."),
        error(401, "USER_DEACTIVATED", "The user has been deleted or deactivated."),
        error(401, "USER_DEACTIVATED_BAN", "The user has been deleted or deactivated after a ban."),
        error(406, "AUTH_KEY_DUPLICATED", "The authorization key was used from several IP addresses at the same time and can no longer be used."),
        error(420, "FLOOD_WAIT_%d", "Too many requests: wait %d seconds before repeating the request."),
        error(420, "FLOOD_PREMIUM_WAIT_%d", "Please wait %d seconds before repeating the action, or purchase a Telegram Premium subscription to remove this rate limit."),
        error(420, "FLOOD_TEST_PHONE_WAIT_%d", "Too many requests for a test phone number: wait %d seconds before repeating the request."),
        error(420, "FROZEN_METHOD_INVALID", "The current account is frozen, and thus cannot execute the specified action."),
        error(420, "SLOWMODE_WAIT_%d", "Slowmode is enabled in this chat: wait %d seconds before sending another message to this chat."),
        error(500, "INTERNAL", "An internal server error occurred while the request was being processed (also reported with code -500); the request may be repeated later."),
        error(-503, "Timeout", "Timeout while fetching data."),
    ]
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
