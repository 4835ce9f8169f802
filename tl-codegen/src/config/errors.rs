//! Why a run failed: [`Error`], [`ConfigError`], and the build-script report.

use std::fmt;
use std::path::PathBuf;

#[cfg(doc)]
use tlgen_parser::Severity;
use tlgen_parser::{Diagnostic, ReadError};

use super::rust_path::PathError;
use crate::format::FormatError;
use crate::model::{self, MissingItem};
use crate::subset::UnknownName;

#[cfg(doc)]
use super::Config;
#[cfg(doc)]
use crate::model::json::JsonDialect;

/// Why a run failed.
#[derive(Debug)]
pub enum Error {
    /// A file could not be read or written.
    Io {
        /// The file.
        path: PathBuf,
        /// The cause.
        source: std::io::Error,
    },
    /// A schema file is not UTF-8 (always [`ReadError::InvalidUtf8`], with its position).
    InvalidUtf8(ReadError),
    /// The schema has errors: the parser's diagnostics (file, line, column, kind, message)
    /// of severity [`Severity::Error`].
    Schema(Vec<Diagnostic>),
    /// The schema parsed but cannot be generated.
    Lower(Vec<model::LowerError>),
    /// An option of the [`Config`] is invalid.
    Config(ConfigError),
    /// The emitted tokens could not be formatted (a generator bug).
    Format(FormatError),
    /// A type of the model names an item the model lacks: a model built or edited by
    /// hand ([`lower`](crate::model::lower) never returns one).
    Model(MissingItem),
    /// No output directory was given and `OUT_DIR` is not set.
    NoOutDir,
    /// Names given to [`Config::functions`] or [`Config::types`] that match nothing in the
    /// schema, each with the closest name it has.
    UnknownNames(Vec<UnknownName>),
}

/// An invalid option of the [`Config`], found when generating.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum ConfigError {
    /// [`Config::runtime_path`] is not a Rust path.
    RuntimePath {
        /// The path as given.
        path: String,
        /// Why it is not one.
        reason: PathError,
    },
    /// The module of [`JsonDialect::Tl`] is not a Rust path.
    SerdeVia {
        /// The path as given.
        path: String,
        /// Why it is not one.
        reason: PathError,
    },
    /// [`Config::pretty`] is on, and this crate was built without its `pretty` feature.
    PrettyWithoutFeature,
    /// [`Config::binary`] is on with TDLib's or tonlib's JSON dialect, whose nullable
    /// fields and `Unknown` variants have no binary form.
    BinaryWithTdJson,
    /// [`Config::crate_part`](super::Config::crate_part) splits bindings that are not in
    /// TDLib's or tonlib's JSON dialect (only those are split).
    SplitWithoutTdJson,
    /// The types crate of [`CratePart::Rest`](crate::CratePart::Rest) is not a Rust path.
    TypesCrate {
        /// The path as given.
        path: String,
        /// Why it is not one.
        reason: PathError,
    },
}

impl fmt::Display for ConfigError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ConfigError::RuntimePath { path, reason } => {
                write!(f, "runtime_path `{path}` is not a Rust path: {reason}")
            }
            ConfigError::SerdeVia { path, reason } => {
                write!(f, "serde_via `{path}` is not a Rust path: {reason}")
            }
            ConfigError::BinaryWithTdJson => write!(
                f,
                "binary(true) with the tdlib or tonlib JSON dialect: their nullable fields \
                 and Unknown variants have no TL binary form (TDLib's JSON interface has none)"
            ),
            ConfigError::SplitWithoutTdJson => write!(
                f,
                "crate_part: only bindings in the tdlib or tonlib JSON dialect are split into \
                 two crates"
            ),
            ConfigError::TypesCrate { path, .. } => {
                write!(f, "the types crate `{path}` is not a Rust path")
            }
            ConfigError::PrettyWithoutFeature => write!(
                f,
                "pretty(true) needs the `pretty` feature of tlgen-codegen (a default feature): \
                 enable it, or call pretty(false)"
            ),
        }
    }
}

impl std::error::Error for ConfigError {
    /// Why a path is not one.
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            ConfigError::RuntimePath { reason, .. }
            | ConfigError::SerdeVia { reason, .. }
            | ConfigError::TypesCrate { reason, .. } => Some(reason),
            ConfigError::PrettyWithoutFeature
            | ConfigError::BinaryWithTdJson
            | ConfigError::SplitWithoutTdJson => None,
        }
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::Io { path, source } => write!(f, "{}: {source}", path.display()),
            Error::InvalidUtf8(error) => write!(f, "{error}"),
            Error::Schema(errors) => {
                let plural = if errors.len() == 1 { "" } else { "s" };
                write!(f, "the schema has {} error{plural}:", errors.len())?;
                errors.iter().try_for_each(|e| write!(f, "\n\n{e}"))
            }
            Error::Lower(errors) => {
                writeln!(f, "the schema cannot be generated:")?;
                errors.iter().try_for_each(|e| writeln!(f, "  {e}"))
            }
            Error::Config(error) => write!(f, "invalid configuration: {error}"),
            Error::Format(error) => write!(f, "{error}"),
            Error::Model(error) => write!(f, "the model is inconsistent: {error}"),
            Error::NoOutDir => write!(
                f,
                "no output directory: call out_dir() or run from build.rs"
            ),
            Error::UnknownNames(names) => {
                write!(f, "the subset names what the schema does not have:")?;
                names.iter().try_for_each(|e| write!(f, "\n  {e}"))
            }
        }
    }
}

impl Error {
    /// One line per problem, `file:line:column: error: message` where the problem has a
    /// position: what [`Config::compile_or_exit`] prints as `cargo:warning=` lines.
    pub fn summary_lines(&self) -> Vec<String> {
        match self {
            Error::InvalidUtf8(ReadError::InvalidUtf8 {
                path,
                offset,
                byte,
                line,
                column,
            }) => vec![format!(
                "{}:{line}:{column}: error: invalid UTF-8: byte {byte:#04x} at offset {offset} \
                 starts no valid character",
                path.display()
            )],
            Error::Schema(errors) => errors.iter().map(Diagnostic::summary).collect(),
            Error::Lower(errors) => errors
                .iter()
                .map(|e| {
                    format!(
                        "{}:{}:{}: error: {}: {}",
                        e.file, e.line, e.column, e.definition, e.message
                    )
                })
                .collect(),
            Error::UnknownNames(names) => names.iter().map(|e| format!("error: {e}")).collect(),
            other => vec![format!("error: {other}")],
        }
    }
}

impl std::error::Error for Error {
    /// The I/O error of [`Error::Io`]; the first [`LowerError`](model::LowerError) of
    /// [`Error::Lower`]; the [`ConfigError`], [`FormatError`] or [`MissingItem`].
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            Error::Io { source, .. } => Some(source),
            Error::Lower(errors) => errors
                .first()
                .map(|e| e as &(dyn std::error::Error + 'static)),
            Error::UnknownNames(names) => names
                .first()
                .map(|e| e as &(dyn std::error::Error + 'static)),
            Error::Config(error) => Some(error),
            Error::Format(error) => Some(error),
            Error::Model(error) => Some(error),
            Error::InvalidUtf8(_) | Error::Schema(_) | Error::NoOutDir => None,
        }
    }
}

impl From<ConfigError> for Error {
    fn from(error: ConfigError) -> Self {
        Error::Config(error)
    }
}

impl From<MissingItem> for Error {
    fn from(error: MissingItem) -> Self {
        Error::Model(error)
    }
}

impl From<FormatError> for Error {
    fn from(error: FormatError) -> Self {
        Error::Format(error)
    }
}

/// `Result` with this crate's [`Error`].
pub type Result<T, E = Error> = std::result::Result<T, E>;

/// Prints `error` for a build script: each problem as a `cargo:warning=` line with its
/// position, then the full report on stderr. [`Config::compile_or_exit`] calls it.
pub fn report(error: &Error) {
    for line in error.summary_lines() {
        println!("cargo:warning={line}");
    }
    eprintln!("error: tl-codegen could not generate the bindings\n\n{error}");
}
