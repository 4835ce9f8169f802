//! Checks of the Rust paths the options name (the runtime's, the serde module's): a
//! configuration error, not generated code that does not parse.

use std::fmt;

use super::{ConfigError, Error, Result};
use crate::model::naming;

/// Checks that the paths the generated code will use are Rust paths: a configuration error
/// here, not generated code that does not parse.
pub(super) fn check_paths(runtime_path: &str, serde_via: Option<&str>) -> Result<()> {
    rust_path_error(runtime_path).map_or(Ok(()), |reason| {
        Err(Error::Config(ConfigError::RuntimePath {
            path: runtime_path.to_owned(),
            reason,
        }))
    })?;
    if let Some(via) = serde_via {
        rust_path_error(via).map_or(Ok(()), |reason| {
            Err(Error::Config(ConfigError::SerdeVia {
                path: via.to_owned(),
                reason,
            }))
        })?;
    }
    Ok(())
}

/// Why `path` is not the path of a module or crate (`::tlgen_runtime`, `crate::rt`,
/// `super::super::x`, `r#async::y`), or `None` when it is one: identifiers separated by
/// `::` (with optional whitespace around it), an optional leading `::`, and `self`,
/// `Self`, `crate` or `super` segments only at the start (`self` and `crate` first,
/// then any `super`), never after a leading `::`.
pub(crate) fn rust_path_error(path: &str) -> Option<PathError> {
    let mut segments: Vec<&str> = path.split("::").map(str::trim).collect();
    let global = segments.len() > 1 && segments.first() == Some(&"");
    if global {
        segments.remove(0);
    }
    // Where `super` may still come: at the start, or after `self`/`crate`/`super`.
    let mut prefix = !global;
    for (i, segment) in segments.iter().enumerate() {
        if segment.is_empty() {
            return Some(if path.trim().is_empty() {
                PathError::Empty
            } else {
                PathError::EmptySegment(i + 1)
            });
        }
        let first = i == 0;
        match *segment {
            "self" | "Self" | "crate" if first && !global => {}
            "super" if prefix => {}
            keyword @ ("self" | "Self" | "crate" | "super") => {
                return Some(PathError::NotFirst(keyword.to_owned()));
            }
            _ => {
                prefix = false;
                if let Some(reason) = identifier_error(segment) {
                    return Some(reason);
                }
            }
        }
    }
    None
}

/// Why `segment` is not an identifier (plain or raw, `r#type`), or `None`.
fn identifier_error(segment: &str) -> Option<PathError> {
    let (raw, name) = match segment.strip_prefix("r#") {
        Some(name) => (true, name),
        None => (false, segment),
    };
    let mut chars = name.chars();
    let valid = match chars.next() {
        Some(c) if c.is_alphabetic() || c == '_' => chars.all(|c| c.is_alphanumeric() || c == '_'),
        _ => false,
    };
    if !valid || name == "_" {
        return Some(PathError::NotIdentifier(segment.to_owned()));
    }
    let keyword = naming::is_keyword(name);
    if raw && naming::is_reserved(name) {
        return Some(PathError::RawReserved(segment.to_owned()));
    }
    (keyword && !raw).then(|| PathError::Keyword(segment.to_owned()))
}

/// Why an option's path is not the path of a module or crate.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum PathError {
    /// The path is empty.
    Empty,
    /// Segment `n` (from 1) is empty: `crate::`, `a::::b`.
    EmptySegment(usize),
    /// `self`, `Self`, `crate` or `super` after the start: `a::crate`.
    NotFirst(String),
    /// A segment that is not an identifier: `b<T>`, `1a`.
    NotIdentifier(String),
    /// A raw identifier of a word that cannot be one: `r#self`.
    RawReserved(String),
    /// A keyword that must be written raw: `type` (`r#type`).
    Keyword(String),
}

impl fmt::Display for PathError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            PathError::Empty => write!(f, "the path is empty"),
            PathError::EmptySegment(n) => write!(f, "segment {n} is empty"),
            PathError::NotFirst(word) => write!(f, "`{word}` can only start a path"),
            PathError::NotIdentifier(segment) => write!(f, "`{segment}` is not an identifier"),
            PathError::RawReserved(segment) => {
                write!(f, "`{segment}` cannot be a raw identifier")
            }
            PathError::Keyword(segment) => {
                write!(f, "`{segment}` is a keyword (write `r#{segment}`)")
            }
        }
    }
}

impl std::error::Error for PathError {}

#[cfg(test)]
mod tests {
    use super::rust_path_error;

    #[test]
    fn module_paths_are_checked_without_a_parser() {
        for path in [
            "::tlgen_runtime",
            "tlgen_runtime",
            "crate::rt",
            "crate :: rt",
            "self::a::b",
            "super::super::x",
            "crate::super::x",
            "Self::x",
            "r#async::r#type",
            "_private::ünïcode",
        ] {
            assert_eq!(rust_path_error(path), None, "{path}");
        }
        for (path, reason) in [
            ("", "the path is empty"),
            ("  ", "the path is empty"),
            ("::", "segment 1 is empty"),
            ("crate::", "segment 2 is empty"),
            ("a::::b", "segment 2 is empty"),
            ("::tlgen runtime", "`tlgen runtime` is not an identifier"),
            ("a::b<T>", "`b<T>` is not an identifier"),
            ("1a", "`1a` is not an identifier"),
            ("_", "`_` is not an identifier"),
            ("a::crate", "`crate` can only start a path"),
            ("a::super", "`super` can only start a path"),
            ("::crate::a", "`crate` can only start a path"),
            ("self::self", "`self` can only start a path"),
            ("a::type", "`type` is a keyword (write `r#type`)"),
            ("r#self::a", "`r#self` cannot be a raw identifier"),
            ("a:b", "`a:b` is not an identifier"),
        ] {
            let error = rust_path_error(path).map(|e| e.to_string());
            assert_eq!(error.as_deref(), Some(reason), "{path}");
        }
    }
}
