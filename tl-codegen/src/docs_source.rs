//! What the generator asks of documentation: the [`DocSource`] trait.
//!
//! The generator never reads documentation files itself. A caller that has docs (the
//! `tlgen-docs` crate reads core.telegram.org's) passes a [`DocSource`] to
//! [`Config::docs`](crate::Config::docs); without one, items get only the TL line and
//! `errors::Error` has no variants.

use std::fmt;
use std::path::PathBuf;
use std::sync::Arc;

/// A documented RPC error.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ErrorRef {
    /// The HTTP-like code, `400`.
    pub code: i32,
    /// The name as documented, `FLOOD_WAIT_%d`.
    pub name: String,
    /// What it means, as Markdown.
    pub description: String,
}

/// Documentation the lowering joins into the generated items and error enums.
///
/// Descriptions are Markdown, put as they are in `///` comments.
pub trait DocSource {
    /// Description of a constructor (`starsTransaction`).
    fn constructor_description(&self, name: &str) -> Option<String>;
    /// Description of a function (`payments.sendStarsForm`).
    fn function_description(&self, name: &str) -> Option<String>;
    /// Description of a boxed type (`payments.PaymentResult`).
    fn type_description(&self, name: &str) -> Option<String>;
    /// Description of a param of a constructor or function.
    fn param_description(&self, definition: &str, is_function: bool, param: &str)
        -> Option<String>;
    /// The documented errors of a function.
    fn function_errors(&self, name: &str) -> Vec<ErrorRef>;
    /// Every known error, the variants of the generated `errors::Error`: none unless
    /// the source provides them.
    fn all_errors(&self) -> Vec<ErrorRef> {
        Vec::new()
    }
    /// The errors any function can return whatever its documentation lists (flood waits,
    /// data-center migrations, authorization problems). A subset
    /// ([`Config::functions`](crate::Config::functions)) keeps these and its functions'
    /// documented errors in `errors::Error`. Default: none.
    fn global_errors(&self) -> Vec<ErrorRef> {
        Vec::new()
    }
    /// The params the documentation describes for a constructor or function (any order).
    /// The generator marks a definition whose docs describe params it no longer has as
    /// written for an earlier version of it. Default: none known.
    fn documented_params(&self, definition: &str, is_function: bool) -> Vec<String> {
        let _ = (definition, is_function);
        Vec::new()
    }
    /// The files the documentation was read from, for `cargo:rerun-if-changed`.
    fn files(&self) -> Vec<PathBuf> {
        Vec::new()
    }
}

/// No documentation at all.
#[derive(Debug, Clone, Copy, Default)]
pub struct NoDocs;

impl DocSource for NoDocs {
    fn constructor_description(&self, _: &str) -> Option<String> {
        None
    }
    fn function_description(&self, _: &str) -> Option<String> {
        None
    }
    fn type_description(&self, _: &str) -> Option<String> {
        None
    }
    fn param_description(&self, _: &str, _: bool, _: &str) -> Option<String> {
        None
    }
    fn function_errors(&self, _: &str) -> Vec<ErrorRef> {
        Vec::new()
    }
}

/// A [`DocSource`] shared by the clones of a [`Config`](crate::Config).
#[derive(Clone)]
pub(crate) struct SharedDocs(Arc<dyn DocSource + Send + Sync>);

impl SharedDocs {
    /// Wraps a source.
    pub(crate) fn new(docs: impl DocSource + Send + Sync + 'static) -> Self {
        SharedDocs(Arc::new(docs))
    }

    /// The source.
    pub(crate) fn get(&self) -> &dyn DocSource {
        self.0.as_ref()
    }
}

impl fmt::Debug for SharedDocs {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("DocSource")
    }
}
