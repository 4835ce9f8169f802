//! Generates Rust bindings from Telegram TL schemas.
//!
//! [`Config`] is the way in: name the schema files, optionally a documentation
//! source ([`DocSource`], implemented by the `tlgen-docs` crate), and generate — in memory
//! ([`Config::generate`]), to a directory ([`Config::write`]) or from `build.rs`
//! ([`Config::compile`], or the one-line [`compile_schemas`]).
//!
//! Tools that need to know what the generated code looks like without reading it (a
//! schema diff, tests that pair generated types with other implementations) read the
//! [`model`]: the schema lowered once, with every Rust name, path, field type and
//! boxing decided, which the emitters only render.
//!
//! ```no_run
//! // in build.rs's main:
//! tlgen_codegen::compile_schemas(&["schema/stars.tl"]).unwrap();
//! ```
//! and in the crate: `include!(concat!(env!("OUT_DIR"), "/tl.rs"));`
//!
//! The pipeline is one-way: `tlgen_parser` parses the TL text; the schema is lowered to
//! the [`model`] (Rust names, flag layouts, boxes for recursion and for large fields, docs
//! and errors joined in); emitters turn the model into token streams per module; one
//! formatter prints them; one writer writes only what changed.

mod config;
mod docs_source;
mod emit;
mod format;
pub mod markdown;
pub mod model;
mod subset;
mod write;

pub use config::{
    compile_schemas, report, Config, ConfigError, Error, GeneratedFile, Layout, Output, PathError,
    Result, Stats,
};
pub use docs_source::{DocSource, ErrorRef, NoDocs};
pub use emit::{CratePart, Include};
pub use format::FormatError;
pub use model::json::JsonDialect;
pub use model::{LowerError, LowerErrorKind};
pub use subset::{NameKind, UnknownName};
pub use tlgen_parser::{Diagnostic, DiagnosticKind, Severity};
