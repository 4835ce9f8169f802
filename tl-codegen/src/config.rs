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

use std::fmt;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use proc_macro2::TokenStream;
use quote::quote;
use tlgen_parser::{Diagnostic, DiagnosticKind, ParseOptions, ReadError, Schema, Severity};

use crate::docs_source::{DocSource, NoDocs, SharedDocs};
use crate::emit::{self, EmitOptions, FeaturePart, Include, ModuleKind};
use crate::model;
use crate::model::json::JsonDialect;
use crate::subset::{self, Selection, SubsetDocs, UnknownName};
use crate::{format, write};

/// How the output is laid out on disk.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Layout {
    /// One file holding every module inline, for `include!` (the `build.rs` case).
    SingleFile(String),
    /// A `mod.rs` plus one file per top-level module (`types.rs`, `enums.rs`, ...).
    ModuleDir,
}

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
    pretty: bool,
    strict_ids: bool,
    dialect: Option<tlgen_parser::Dialect>,
    warn_ids: bool,
    known_id_mismatches: Vec<(String, u32)>,
    subset: Option<Selection>,
}

/// One generated file, in memory.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GeneratedFile {
    /// Path relative to the output directory.
    pub path: PathBuf,
    /// The file's text.
    pub contents: String,
}

/// What a generator run produced.
#[derive(Debug, Clone)]
pub struct Output {
    /// The files, in a fixed order.
    pub files: Vec<GeneratedFile>,
    /// Schema warnings (severity [`Severity::Warning`]; with [`Config::warn_ids`], the notes
    /// on declared ids too); `Display` renders one rustc-style.
    pub warnings: Vec<Diagnostic>,
    /// Counts for the report.
    pub stats: Stats,
}

/// Counts and timings of one run.
#[derive(Debug, Clone, Default)]
pub struct Stats {
    /// What the schema declares, counted as `tl-codegen inspect` and `diff` count it
    /// ([`tlgen_parser::Schema::counts`]); the fields below count what was generated.
    pub schema: tlgen_parser::Counts,
    /// Constructors generated (those of types that map to Rust primitives, `Bool`, are not).
    pub constructors: usize,
    /// Functions generated.
    pub functions: usize,
    /// Boxed types (enums) generated.
    pub types: usize,
    /// Constructors and functions with a description.
    pub documented: usize,
    /// Constructors and functions without one.
    pub undocumented: usize,
    /// Functions with at least one documented error (each gets an error enum).
    pub functions_with_errors: usize,
    /// Fields (params) with a description.
    pub documented_fields: usize,
    /// Fields without one.
    pub undocumented_fields: usize,
    /// Boxed types with a description.
    pub documented_types: usize,
    /// Variants of `errors::Error`: every known RPC error.
    pub errors: usize,
    /// Lines of generated code.
    pub lines: usize,
    /// Time spent parsing, lowering, emitting and formatting.
    pub elapsed: Duration,
}

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
    /// The emitted tokens did not parse back (a generator bug).
    Format(String),
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
        reason: String,
    },
    /// The module of [`JsonDialect::Tl`] is not a Rust path.
    SerdeVia {
        /// The path as given.
        path: String,
        /// Why it is not one.
        reason: String,
    },
    /// [`Config::pretty`] is on, and this crate was built without its `pretty` feature.
    PrettyWithoutFeature,
    /// [`Config::binary`] is on with TDLib's or tonlib's JSON dialect, whose nullable
    /// fields and `Unknown` variants have no binary form.
    BinaryWithTdJson,
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
            ConfigError::PrettyWithoutFeature => write!(
                f,
                "pretty(true) needs the `pretty` feature of tlgen-codegen (a default feature): \
                 enable it, or call pretty(false)"
            ),
        }
    }
}

impl std::error::Error for ConfigError {}

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
            Error::Format(message) => write!(f, "generated code does not parse: {message}"),
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
    /// [`Error::Lower`]; the [`ConfigError`].
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
            Error::InvalidUtf8(_) | Error::Schema(_) | Error::Format(_) | Error::NoOutDir => None,
        }
    }
}

/// `Result` with this crate's [`Error`].
pub type Result<T, E = Error> = std::result::Result<T, E>;

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
            pretty: cfg!(feature = "pretty"),
            strict_ids: false,
            dialect: None,
            warn_ids: false,
            known_id_mismatches: Vec::new(),
            subset: None,
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

    /// Runs the pipeline in memory: parse → lower → emit → format.
    pub fn generate(&self) -> Result<Output> {
        let start = Instant::now();
        let (serde_feature, serde_via) = match &self.json {
            Some(JsonDialect::Tl { feature, module }) => {
                (Some(feature.clone()), Some(module.clone()))
            }
            Some(JsonDialect::SerdeDerive { feature }) => (Some(feature.clone()), None),
            _ => (None, None),
        };
        let td_json = self.json.as_ref().is_some_and(JsonDialect::is_td);
        if td_json && self.binary == Some(true) {
            return Err(Error::Config(ConfigError::BinaryWithTdJson));
        }
        check_paths(&self.runtime_path, serde_via.as_deref())?;
        if self.pretty && !cfg!(feature = "pretty") {
            return Err(Error::Config(ConfigError::PrettyWithoutFeature));
        }
        let mut sources = Vec::with_capacity(self.schemas.len());
        for path in &self.schemas {
            let text = tlgen_parser::read_file(path).map_err(|e| match e {
                tlgen_parser::ReadError::Io { path, source } => Error::Io { path, source },
                utf8 => Error::InvalidUtf8(utf8),
            })?;
            sources.push((path.display().to_string(), text));
        }
        sources.extend(self.schema_texts.iter().cloned());
        let schema = tlgen_parser::parse_files(
            sources
                .iter()
                .map(|(name, text)| (name.as_str(), text.as_str())),
            &ParseOptions {
                strict_ids: self.strict_ids,
                dialect: self.dialect,
            },
        );
        let warnings = check_schema(&schema, &self.known_id_mismatches, self.warn_ids)?;
        let docs_ref: &dyn DocSource = match &self.docs {
            Some(d) => d.get(),
            None => &NoDocs,
        };
        let subset_docs;
        let (schema, docs_ref) = match &self.subset {
            Some(selection) => {
                let subset = subset::closure(&schema, selection).map_err(Error::UnknownNames)?;
                subset_docs = SubsetDocs::new(docs_ref, &subset);
                (subset, &subset_docs as &dyn DocSource)
            }
            None => (schema, docs_ref),
        };
        let mut ir = model::lower(&schema, docs_ref).map_err(Error::Lower)?;
        if let Some(dialect) = &self.json {
            ir = ir.with_json(dialect);
        }
        let options = EmitOptions {
            runtime_path: self.runtime_path.clone(),
            serde_feature,
            serde_via,
            // Typed errors are Telegram's `rpc_error`: TON's schemas answer with their own
            // constructors (`liteServer.error`), so they get no `errors` module; nor do
            // TDLib's and tonlib's JSON interfaces (`error code message`).
            errors: if ir.dialect == tlgen_parser::Dialect::Ton || td_json {
                Include::Never
            } else {
                self.errors.clone()
            },
            method_errors: self.method_errors.clone(),
            // TON's `Object` params and results are typed with it; the JSON dialects have
            // JSON roots of their own instead.
            object: if td_json {
                Include::Never
            } else if ir.needs_object() {
                Include::Always
            } else {
                self.object.clone()
            },
            conversions: self.conversions.clone(),
            borrowed: if td_json {
                Include::Never
            } else {
                self.borrowed.clone()
            },
            binary: self.binary.unwrap_or(!td_json),
        };
        let files = self.lay_out(&ir, &options)?;
        let mut stats = Stats {
            schema: schema.counts(),
            constructors: ir.constructors.len(),
            functions: ir.functions.len(),
            types: ir.enums.len(),
            lines: files.iter().map(|f| f.contents.lines().count()).sum(),
            ..Stats::default()
        };
        for item in ir.constructors.iter().chain(&ir.functions) {
            if item.description.is_some() {
                stats.documented += 1;
            } else {
                stats.undocumented += 1;
            }
        }
        stats.functions_with_errors = ir.functions.iter().filter(|f| !f.errors.is_empty()).count();
        for field in ir
            .constructors
            .iter()
            .chain(&ir.functions)
            .flat_map(|i| &i.fields)
        {
            if field.description.is_some() {
                stats.documented_fields += 1;
            } else {
                stats.undocumented_fields += 1;
            }
        }
        stats.documented_types = ir.enums.iter().filter(|e| e.description.is_some()).count();
        stats.errors = ir.errors.len();
        stats.elapsed = start.elapsed();
        Ok(Output {
            files,
            warnings,
            stats,
        })
    }

    /// Generates and writes to the output directory; files already up to date are not touched.
    pub fn write(&self) -> Result<Output> {
        let out_dir = self.resolved_out_dir()?;
        let output = self.generate()?;
        for file in &output.files {
            let path = out_dir.join(&file.path);
            write::write_if_changed(&path, &file.contents)
                .map_err(|source| Error::Io { path, source })?;
        }
        Ok(output)
    }

    /// For `build.rs`: prints `cargo:rerun-if-changed` for every input, writes to `$OUT_DIR`
    /// (unless [`Config::out_dir`] was set), and prints schema warnings as cargo warnings.
    pub fn compile(&self) -> Result<Output> {
        let doc_files = self
            .docs
            .as_ref()
            .map(|d| d.get().files())
            .unwrap_or_default();
        for path in self.schemas.iter().chain(&doc_files) {
            println!("cargo:rerun-if-changed={}", path.display());
        }
        let output = self.write()?;
        for warning in &output.warnings {
            // Cargo puts `warning: <package>:` in front; keep the position, not the severity.
            let line = format!(
                "{}:{}:{}: {}",
                warning.file, warning.span.line, warning.span.column, warning.message
            );
            println!("cargo:warning={line}");
        }
        Ok(output)
    }

    /// For `build.rs`: [`compile`](Self::compile), and on failure a readable report instead
    /// of a panic with `Debug` output: one `cargo:warning=file:line:column: …` line per
    /// problem (shown by cargo next to the build failure), the full rustc-style report with
    /// snippets on stderr (shown under `--- stderr`), then exit code 1.
    ///
    /// ```no_run
    /// // build.rs, in `fn main`:
    /// tlgen_codegen::Config::new().schema("schema/bot.tl").compile_or_exit();
    /// ```
    pub fn compile_or_exit(&self) -> Output {
        match self.compile() {
            Ok(output) => output,
            Err(error) => {
                report(&error);
                std::process::exit(1)
            }
        }
    }

    /// The files whose content on disk differs from what would be generated.
    pub fn stale_files(&self) -> Result<Vec<PathBuf>> {
        let out_dir = self.resolved_out_dir()?;
        let output = self.generate()?;
        Ok(output
            .files
            .iter()
            .map(|f| out_dir.join(&f.path))
            .zip(&output.files)
            .filter(|(path, f)| !write::is_up_to_date(path, &f.contents))
            .map(|(path, _)| path)
            .collect())
    }

    fn resolved_out_dir(&self) -> Result<PathBuf> {
        match &self.out_dir {
            Some(dir) => Ok(dir.clone()),
            None => std::env::var_os("OUT_DIR")
                .map(PathBuf::from)
                .ok_or(Error::NoOutDir),
        }
    }

    /// Emits and renders every module, in parallel, and assembles the files of the layout.
    ///
    /// The impls behind a cargo feature go into a module of their own per top-level module
    /// and feature ([`emit::emit_split`]): a file of its own in the module-directory
    /// layout, declared in `mod.rs` after the top-level modules.
    fn lay_out(&self, ir: &model::Model, options: &EmitOptions) -> Result<Vec<GeneratedFile>> {
        if let (Layout::SingleFile(name), true) = (&self.layout, self.pretty) {
            // One formatted file: format all modules together for proper nesting.
            let mut all = TokenStream::new();
            for kind in ModuleKind::generated(options) {
                let (tokens, parts) = emit::emit_split(ir, options, kind).map_err(Error::Format)?;
                all.extend(wrap_module(kind, tokens, options));
                all.extend(parts.iter().map(FeaturePart::inline));
            }
            let contents = format::pretty(all).map_err(|e| Error::Format(e.to_string()))?;
            return Ok(vec![GeneratedFile {
                path: name.into(),
                contents,
            }]);
        }
        let module_dir = self.layout == Layout::ModuleDir;
        let pretty = self.pretty;
        let render = move |tokens: TokenStream| -> Result<String> {
            if pretty {
                format::pretty(tokens).map_err(|e| Error::Format(e.to_string()))
            } else {
                Ok(format::compact(tokens))
            }
        };
        let modules = ModuleKind::generated(options);
        let modules = &modules;
        // Token streams are not `Send`: each thread emits and renders its own module.
        let rendered: Vec<Result<Vec<RenderedModule>>> = std::thread::scope(|scope| {
            let handles: Vec<_> = modules
                .iter()
                .map(|&kind| {
                    scope.spawn(move || -> Result<Vec<RenderedModule>> {
                        let (tokens, parts) =
                            emit::emit_split(ir, options, kind).map_err(Error::Format)?;
                        if !module_dir {
                            let mut tokens = wrap_module(kind, tokens, options);
                            tokens.extend(parts.iter().map(FeaturePart::inline));
                            return Ok(vec![RenderedModule {
                                file: String::new(),
                                declaration: TokenStream::new().to_string(),
                                contents: render(tokens)?,
                            }]);
                        }
                        let (file, declaration) = if kind == ModuleKind::Root {
                            ("mod".to_owned(), TokenStream::new())
                        } else {
                            let attrs = kind.declaration_attrs(options);
                            let ident = quote::format_ident!("{}", kind.name());
                            (kind.name().to_owned(), quote!(#attrs pub mod #ident;))
                        };
                        let mut out = vec![RenderedModule {
                            file,
                            declaration: declaration.to_string(),
                            contents: render(tokens)?,
                        }];
                        for part in parts {
                            out.push(RenderedModule {
                                file: part.name.clone(),
                                declaration: part.declaration().to_string(),
                                contents: render(part.tokens)?,
                            });
                        }
                        Ok(out)
                    })
                })
                .collect();
            handles
                .into_iter()
                .map(|h| {
                    h.join()
                        .unwrap_or_else(|_| Err(Error::Format("emitter panicked".into())))
                })
                .collect()
        });
        let rendered: Vec<RenderedModule> = rendered
            .into_iter()
            .collect::<Result<Vec<_>>>()?
            .into_iter()
            .flatten()
            .collect();
        match &self.layout {
            Layout::ModuleDir => {
                // The root declares the others, in order, after its own items.
                let declarations: TokenStream = rendered
                    .iter()
                    .map(|m| m.declaration.parse::<TokenStream>())
                    .collect::<std::result::Result<_, _>>()
                    .map_err(|e| Error::Format(e.to_string()))?;
                let declarations = render(declarations)?;
                let declarations = declarations
                    .strip_prefix(format::HEADER)
                    .unwrap_or(&declarations);
                let declarations = if pretty {
                    declarations.strip_prefix('\n').unwrap_or(declarations)
                } else {
                    declarations
                };
                Ok(rendered
                    .into_iter()
                    .enumerate()
                    .map(|(i, m)| {
                        let mut contents = m.contents;
                        if i == 0 {
                            contents.push_str(declarations);
                        }
                        GeneratedFile {
                            path: format!("{}.rs", m.file).into(),
                            contents,
                        }
                    })
                    .collect())
            }
            Layout::SingleFile(name) => {
                let mut contents = String::new();
                for (i, part) in rendered.iter().enumerate() {
                    // Each part starts with the header; keep only the first.
                    let part = if i == 0 {
                        part.contents.as_str()
                    } else {
                        part.contents.trim_start_matches(format::HEADER)
                    };
                    contents.push_str(part);
                }
                Ok(vec![GeneratedFile {
                    path: name.into(),
                    contents,
                }])
            }
        }
    }
}

/// One rendered module of the output: a top-level module or a feature's impls.
struct RenderedModule {
    /// The file name without `.rs` in the module-directory layout (`mod` for the root).
    file: String,
    /// Its declaration in the root (`#[cfg(..)] pub mod types;`), as tokens' text; empty
    /// for the root.
    declaration: String,
    /// The rendered file.
    contents: String,
}

/// `#[doc] pub mod name { tokens }` for a non-root module; the root stays as it is.
fn wrap_module(kind: ModuleKind, tokens: TokenStream, options: &EmitOptions) -> TokenStream {
    if kind == ModuleKind::Root {
        return tokens;
    }
    let attrs = kind.declaration_attrs(options);
    let ident = quote::format_ident!("{}", kind.name());
    quote!(#attrs pub mod #ident { #tokens })
}

/// Errors stop generation; warnings are returned rendered, notes too with `warn_ids`. Id
/// mismatches listed in `known` ([`Config::known_id_mismatch`]) are none of these.
fn check_schema(
    schema: &Schema,
    known: &[(String, u32)],
    warn_ids: bool,
) -> Result<Vec<Diagnostic>> {
    let (errors, warnings): (Vec<Diagnostic>, Vec<Diagnostic>) = schema
        .diagnostics
        .iter()
        .filter(|d| warn_ids || d.severity != Severity::Note)
        .filter(|d| !is_known_mismatch(schema, d, known))
        .cloned()
        .partition(|d| d.severity == Severity::Error);
    if !errors.is_empty() {
        return Err(Error::Schema(errors));
    }
    Ok(warnings)
}

/// Checks that the paths the generated code will use are Rust paths: a configuration error
/// here, not generated code that does not parse.
fn check_paths(runtime_path: &str, serde_via: Option<&str>) -> Result<()> {
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
fn rust_path_error(path: &str) -> Option<String> {
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
                "the path is empty".to_owned()
            } else {
                format!("segment {} is empty", i + 1)
            });
        }
        let first = i == 0;
        match *segment {
            "self" | "Self" | "crate" if first && !global => {}
            "super" if prefix => {}
            keyword @ ("self" | "Self" | "crate" | "super") => {
                return Some(format!("`{keyword}` can only start a path"));
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
fn identifier_error(segment: &str) -> Option<String> {
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
        return Some(format!("`{segment}` is not an identifier"));
    }
    let keyword = crate::model::naming::is_keyword(name);
    if raw && matches!(name, "self" | "Self" | "super" | "crate") {
        return Some(format!("`{segment}` cannot be a raw identifier"));
    }
    (keyword && !raw).then(|| format!("`{segment}` is a keyword (write `r#{segment}`)"))
}

/// An id mismatch inside a definition whose name and declared id are listed in `known`.
fn is_known_mismatch(schema: &Schema, d: &Diagnostic, known: &[(String, u32)]) -> bool {
    d.kind == DiagnosticKind::IdMismatch
        && schema.definitions.iter().any(|def| {
            def.span.file == d.span.file
                && (def.span.start..def.span.end).contains(&d.span.start)
                && def.declared_id.is_some_and(|id| {
                    known
                        .iter()
                        .any(|(name, known_id)| name == def.name && *known_id == id)
                })
        })
}

/// Prints `error` for a build script: each problem as a `cargo:warning=` line with its
/// position, then the full report on stderr. [`Config::compile_or_exit`] calls it.
pub fn report(error: &Error) {
    for line in error.summary_lines() {
        println!("cargo:warning={line}");
    }
    eprintln!("error: tl-codegen could not generate the bindings\n\n{error}");
}

/// The one-line `build.rs` call: generates `$OUT_DIR/tl.rs` from these schema files.
pub fn compile_schemas<P: AsRef<Path>>(schemas: &[P]) -> Result<Output> {
    Config::new().schemas(schemas).compile()
}

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
            assert_eq!(rust_path_error(path).as_deref(), Some(reason), "{path}");
        }
    }
}
