//! Generates Rust bindings from Telegram TL schemas.
//!
//! The pipeline is one-way: [`tl_parser`] parses TL text into a schema; [`ir`] lowers it
//! (Rust names, flag layouts, boxes for recursion and for large fields, docs); [`emit`] turns the IR into token
//! streams per module; [`format`] prints them; [`write`] writes only what changed.
//! [`Config`] drives it, from `build.rs` or from the `tl-codegen` binary.

pub mod config;
pub mod docs;
pub mod emit;
pub mod format;
pub mod inspect;
pub mod ir;
pub mod large_fields;
pub mod naming;
pub mod recursion;
pub mod workspace;
pub mod write;

pub use config::{compile_schemas, Config, Error, GeneratedFile, Layout, Output, Result, Stats};
