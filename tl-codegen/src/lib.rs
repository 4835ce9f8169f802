//! Generates Rust bindings from Telegram TL schemas.
//!
//! [`Config`] is the whole API: name the schema files, optionally a documentation
//! source ([`DocSource`], implemented by the `tlgen-docs` crate), and generate — in memory
//! ([`Config::generate`]), to a directory ([`Config::write`]) or from `build.rs`
//! ([`Config::compile`], or the one-line [`compile_schemas`]).
//!
//! ```no_run
//! // in build.rs's main:
//! tlgen_codegen::compile_schemas(&["schema/stars.tl"]).unwrap();
//! ```
//! and in the crate: `include!(concat!(env!("OUT_DIR"), "/tl.rs"));`
//!
//! The pipeline is one-way: `tlgen_parser` parses the TL text; the schema is lowered to an
//! IR (Rust names, flag layouts, boxes for recursion and for large fields, docs and
//! errors joined in); emitters turn the IR into token streams per module; one
//! formatter prints them; one writer writes only what changed.

mod config;
mod docs_source;
mod emit;
mod format;
mod ir;
mod markdown;
mod naming;
mod write;

pub use config::{
    compile_schemas, report, Config, Error, GeneratedFile, Layout, Output, Result, Stats,
};
pub use docs_source::{DocSource, ErrorRef, NoDocs};
pub use emit::Include;
pub use ir::LowerError;

/// Internals for this workspace's own tests and docs crate; not a stable API.
#[doc(hidden)]
pub mod __private {
    /// The IR the emitters read, and the lowering that builds it.
    pub mod ir {
        pub use crate::ir::*;
    }
    /// Rust-name decisions.
    pub mod naming {
        pub use crate::naming::*;
    }
    /// Which types get a twin in the `borrowed` module.
    pub mod borrowed {
        pub use crate::emit::Borrows;
    }
    /// Markdown escaping for `///` comments.
    pub mod markdown {
        pub use crate::markdown::*;
    }
}
