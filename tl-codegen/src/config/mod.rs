//! The generator's options, as a builder, and the pipeline that runs them.
//!
//! ```no_run
//! // in build.rs's main:
//! tlgen_codegen::Config::new()
//!     .schema("schema/stars.tl")
//!     .compile()
//!     .unwrap();
//! ```
//! and in the crate: `include!(concat!(env!("OUT_DIR"), "/tl.rs"));`
//!
//! The builder is here; [`pipeline`] runs it (parse → subset → lower → emit → format),
//! [`layout`] assembles the files, [`errors`] says why a run failed and [`rust_path`] checks
//! the paths the options name.

mod errors;
mod layout;
mod pipeline;
pub(crate) mod rust_path;

pub use errors::{report, ConfigError, Error, Result};
pub use layout::Layout;
pub use pipeline::{compile_schemas, GeneratedFile, Output, Stats};
pub use rust_path::PathError;

use std::path::{Path, PathBuf};

use crate::docs_source::{DocSource, SharedDocs};
use crate::emit::{CratePart, Include};
use crate::model::json::JsonDialect;
use crate::subset::Selection;

/// Generator options. Build one with [`Config::new`], then call [`Config::generate`],
/// [`Config::write`] or, from `build.rs`, [`Config::compile`].
#[derive(Debug, Clone)]
pub struct Config {
    schemas: Vec<PathBuf>,
    schema_texts: Vec<(String, String)>,
    docs: Option<SharedDocs>,
    out_dir: Option<PathBuf>,
    layout: Layout,
    runtime_path: String,
    json: Option<JsonDialect>,
    binary: Option<bool>,
    errors: Include,
    method_errors: Include,
    object: Include,
    conversions: Include,
    borrowed: Include,
    partial_eq: Include,
    pretty: bool,
    strict_ids: bool,
    dialect: Option<tlgen_parser::Dialect>,
    warn_ids: bool,
    known_id_mismatches: Vec<(String, u32)>,
    subset: Option<Selection>,
    part: CratePart,
}

impl Default for Config {
    fn default() -> Self {
        Self::new()
    }
}

impl Config {
    /// Defaults: single file `tl.rs`, runtime at `::tlgen_runtime`, pretty-printed (with the
    /// `pretty` feature, else on one line), no serde, no docs.
    pub fn new() -> Self {
        Config {
            schemas: Vec::new(),
            schema_texts: Vec::new(),
            docs: None,
            out_dir: None,
            layout: Layout::SingleFile("tl.rs".into()),
            runtime_path: "::tlgen_runtime".into(),
            json: None,
            binary: None,
            errors: Include::Always,
            method_errors: Include::Never,
            object: Include::Never,
            conversions: Include::Never,
            borrowed: Include::Never,
            partial_eq: Include::Always,
            pretty: cfg!(feature = "pretty"),
            strict_ids: false,
            dialect: None,
            warn_ids: false,
            known_id_mismatches: Vec::new(),
            subset: None,
            part: CratePart::Whole,
        }
    }

    /// Adds a schema file; several files are read as one schema.
    pub fn schema(&mut self, path: impl AsRef<Path>) -> &mut Self {
        self.schemas.push(path.as_ref().to_path_buf());
        self
    }

    /// Adds several schema files.
    pub fn schemas<P: AsRef<Path>>(&mut self, paths: impl IntoIterator<Item = P>) -> &mut Self {
        self.schemas
            .extend(paths.into_iter().map(|p| p.as_ref().to_path_buf()));
        self
    }

    /// Adds a schema held in memory, read after the files of [`Config::schema`]; `name`
    /// stands for its file in diagnostics. For schemas that come as data, such as the
    /// `tlgen-schema` crate's: `.schema_text("api.tl", tlgen_schema::API_TL)`.
    pub fn schema_text(&mut self, name: impl Into<String>, text: impl Into<String>) -> &mut Self {
        self.schema_texts.push((name.into(), text.into()));
        self
    }

    /// Documentation joined into the generated items and error enums (the `tlgen-docs`
    /// crate reads Telegram's); without it, items carry only their TL line.
    pub fn docs(&mut self, docs: impl DocSource + Send + Sync + 'static) -> &mut Self {
        self.docs = Some(SharedDocs::new(docs));
        self
    }

    /// Where [`Config::write`] puts the files; [`Config::compile`] defaults to `$OUT_DIR`.
    pub fn out_dir(&mut self, path: impl AsRef<Path>) -> &mut Self {
        self.out_dir = Some(path.as_ref().to_path_buf());
        self
    }

    /// The layout of the output files.
    pub fn layout(&mut self, layout: Layout) -> &mut Self {
        self.layout = layout;
        self
    }

    /// The path generated code uses for the runtime crate (default `::tlgen_runtime`).
    pub fn runtime_path(&mut self, path: impl Into<String>) -> &mut Self {
        self.runtime_path = path.into();
        self
    }

    /// The JSON the generated code speaks ([`JsonDialect`]); none by default.
    ///
    /// - [`JsonDialect::Tl`]: our TL-JSON, as serde impls behind a cargo feature calling a
    ///   module's `serialize`/`deserialize` (what tlgen-types does, through tlgen-dynamic);
    /// - [`JsonDialect::SerdeDerive`]: serde's derives behind a cargo feature (Rust-shaped
    ///   JSON, read by no TL library);
    /// - [`JsonDialect::Tdlib`] / [`JsonDialect::Tonlib`]: TDLib's / tonlib's JSON interface,
    ///   as `tlgen_runtime::json::TdJson` impls (the runtime's `json` feature), the `Object`
    ///   and `Function` roots with an `Unknown` variant each, `TdFunction` per function,
    ///   nullable fields as `Option` (the rules are in [`crate::model::json`]); no binary
    ///   codecs ([`Config::binary`]), typed RPC errors, `borrowed` module or binary `Object`.
    ///
    /// ```no_run
    /// tlgen_codegen::Config::new()
    ///     .schema("td_api.tl")
    ///     .json(tlgen_codegen::JsonDialect::Tdlib)
    ///     .compile_or_exit();
    /// ```
    pub fn json(&mut self, dialect: JsonDialect) -> &mut Self {
        self.json = Some(dialect);
        self
    }

    /// Writes the whole bindings (the default) or one of the two crates they split into:
    /// [`CratePart::Types`] (`types`, `enums`) and [`CratePart::Rest`] (`functions`, the
    /// `Object` and `Function` roots, and `types`/`enums` re-exported from the first). Run
    /// the generator once per part, each into its crate. For TDLib's and tonlib's JSON
    /// dialects (otherwise [`ConfigError::SplitWithoutTdJson`]): all of `td_api.tl` in one
    /// crate needs 1.5 GB in one rustc.
    pub fn crate_part(&mut self, part: CratePart) -> &mut Self {
        self.part = part;
        self
    }

    /// The binary TL codecs (`Serializable`, `Deserializable`, `RemoteCall`, the id table).
    /// Default: on, except with TDLib's or tonlib's JSON dialect, which has no wire form
    /// (asking for them there is [`ConfigError::BinaryWithTdJson`]).
    pub fn binary(&mut self, binary: bool) -> &mut Self {
        self.binary = Some(binary);
        self
    }

    /// Typed RPC errors (Telegram's `rpc_error`; never generated for a TON schema, whose
    /// servers answer with constructors of their own such as `liteServer.error`):
    /// `errors::Error`, one enum per function with documented errors, and
    /// the functions' [`TypedErrors`](https://docs.rs/tlgen-runtime) impls. Default: always.
    ///
    /// `Include::Feature("errors".into())` puts them behind that cargo feature of the crate
    /// that includes the code; `false` leaves them out (a faster build).
    pub fn errors(&mut self, include: impl Into<Include>) -> &mut Self {
        self.errors = include.into();
        self
    }

    /// The per-function error enums (`errors::payments::SendStarsFormError`), their
    /// `errors::MethodError` trait and `errors::documented_errors`/`documented_error`, when
    /// [`Config::errors`] is on. Default: never, as in tlgen-types' default features (a
    /// subset is the crate, smaller: the same code compiles against both, and
    /// `TypedErrors::Error` is `errors::Error`).
    ///
    /// Always: each function's `TypedErrors::Error` is its own enum. Behind a cargo feature
    /// (`Include::Feature("method-errors".into())`, a feature that must enable the one of
    /// [`Config::errors`]): `TypedErrors::Error` is `errors::Error` for every function,
    /// with or without the feature, since a feature must not change a type; the function's
    /// enum is one `.into()` away. They are about a third of the whole layer's typed errors'
    /// compile time.
    pub fn method_errors(&mut self, include: impl Into<Include>) -> &mut Self {
        self.method_errors = include.into();
        self
    }

    /// `Object` (decodes any boxed value by its id) and the decoders of function calls, which
    /// only `Object` needs. Default: never, as in tlgen-types (its `object` feature): it is
    /// for logging and debugging, and about a quarter of a clean build. See
    /// [`Config::errors`] for the choices.
    ///
    /// A TON schema whose params or results are `Object` / `Function` (`liteServer.query
    /// data:bytes = Object;`) always gets it: those are typed with it.
    pub fn object(&mut self, include: impl Into<Include>) -> &mut Self {
        self.object = include.into();
        self
    }

    /// `From<types::X> for enums::Y` and `TryFrom<enums::Y> for types::X` (`From` when the
    /// type has one constructor) for every constructor. Default: never, as in tlgen-types
    /// (its `conversions` feature); wrapping a struct by hand is `enums::Peer::User(user)`.
    /// See [`Config::errors`] for the choices.
    pub fn conversions(&mut self, include: impl Into<Include>) -> &mut Self {
        self.conversions = include.into();
        self
    }

    /// A `borrowed` module: a twin of every type and enum that holds a string or byte
    /// string, with `&'a str` and `&'a [u8]` fields pointing into the input, decoded with
    /// `tlgen_runtime::DeserializableBorrowed` without allocating or copying them, and
    /// `tlgen_runtime::RemoteCallBorrowed` for every function (its answer, borrowed). Default:
    /// never (it adds about half the size of `types` and `enums`); see [`Config::errors`]
    /// for the choices.
    pub fn borrowed(&mut self, include: impl Into<Include>) -> &mut Self {
        self.borrowed = include.into();
        self
    }

    /// `PartialEq` on every struct and enum. Default: always. Comparing is rarely what
    /// bindings of a large JSON interface are used for, and it is a large part of their build
    /// (tlgen-tdlib puts it behind its `eq` feature: BENCHMARKS.md); see [`Config::errors`]
    /// for the choices.
    pub fn partial_eq(&mut self, include: impl Into<Include>) -> &mut Self {
        self.partial_eq = include.into();
        self
    }

    /// Pretty-print the output (the default with the `pretty` feature). Off is several
    /// times faster, for `build.rs`, and needs neither syn nor prettyplease: with
    /// `default-features = false` they are not compiled, and `pretty(true)` is
    /// [`ConfigError::PrettyWithoutFeature`].
    pub fn pretty(&mut self, pretty: bool) -> &mut Self {
        self.pretty = pretty;
        self
    }

    /// Fail when a declared constructor id differs from the computed one.
    pub fn strict_ids(&mut self, strict: bool) -> &mut Self {
        self.strict_ids = strict;
        self
    }

    /// Computes the schema's ids in `dialect` instead of choosing by evidence (see
    /// [`tlgen_parser::Dialect`]): `Telegram` for MTProto's schemas, `Ton` for TON's and
    /// TDLib's own (`td_api.tl`). The evidence gets every real schema right; this is for a
    /// schema too small to tell.
    pub fn dialect(&mut self, dialect: tlgen_parser::Dialect) -> &mut Self {
        self.dialect = Some(dialect);
        self
    }

    /// Also report the notes on declared ids (ids that differ from their lines on purpose
    /// and are right on the wire: Telegram's `help.configSimple`, TON's
    /// `liteServer.transactionId`, TDLib's versioned names; see
    /// [`tlgen_parser::ids::KNOWN_MISMATCHES`]) in [`Output::warnings`] and as cargo warnings.
    /// Off by default: a build has nothing to act on. `tl-codegen inspect` always shows them.
    pub fn warn_ids(&mut self, warn: bool) -> &mut Self {
        self.warn_ids = warn;
        self
    }

    /// Accepts the declared id `declared_id` of the definition `name` although it differs
    /// from the id computed from its TL line: no warning for it, and no error under
    /// [`strict_ids`](Self::strict_ids).
    ///
    /// For historical definitions whose declared id is the one on the wire, e.g. MTProto's
    /// `ipPortSecret#37982646` (its id was computed from an older line). A mismatch with
    /// another declared id is still reported.
    pub fn known_id_mismatch(&mut self, name: impl Into<String>, declared_id: u32) -> &mut Self {
        self.known_id_mismatches.push((name.into(), declared_id));
        self
    }

    /// Generates only these functions (TL names, `messages.sendMessage`; `messages.*` for a
    /// namespace) and what they need: every boxed type reachable from their params and
    /// results, with all its constructors. Repeatable; with [`Config::types`], their union.
    ///
    /// Each generated item is the one the whole schema generates (same wire format, names
    /// and fields). `errors::Error` keeps the errors of these functions and the global ones
    /// ([`DocSource::global_errors`]); `Object` covers the subset. A name that matches
    /// nothing fails the run ([`Error::UnknownNames`]) with the closest name the schema has.
    ///
    /// ```no_run
    /// // build.rs of a bot: two calls of Telegram's API, and the types they need.
    /// tlgen_codegen::Config::new()
    ///     .schemas(["api.tl", "mtproto.tl"])
    ///     .functions(["messages.sendMessage", "updates.getDifference"])
    ///     .compile_or_exit();
    /// ```
    pub fn functions<S: Into<String>>(&mut self, names: impl IntoIterator<Item = S>) -> &mut Self {
        self.subset
            .get_or_insert_with(Selection::default)
            .functions
            .extend(names.into_iter().map(Into::into));
        self
    }

    /// Generates these boxed types too (TL names, `Update`, `messages.Messages`, or a
    /// constructor's name for its type; `storage.*` for a namespace), with what they need,
    /// and, unless [`Config::functions`] is also called, no functions: a subset like
    /// [`Config::functions`]'s.
    pub fn types<S: Into<String>>(&mut self, names: impl IntoIterator<Item = S>) -> &mut Self {
        self.subset
            .get_or_insert_with(Selection::default)
            .types
            .extend(names.into_iter().map(Into::into));
        self
    }
}
