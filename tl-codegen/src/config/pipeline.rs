//! The pipeline: parse → subset → lower → emit → format, in memory or written out.

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use tlgen_parser::{Diagnostic, DiagnosticKind, ParseOptions, Schema, Severity};

use super::{layout, report, rust_path, Config, ConfigError, Error, Result};
use crate::docs_source::{DocSource, NoDocs};
use crate::emit::{CratePart, EmitOptions, Include};
use crate::model;
use crate::model::json::JsonDialect;
use crate::subset::{self, SubsetDocs};
use crate::write;

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

impl Stats {
    /// The counts of what `ir` generates (the schema's counts, the lines and the time are
    /// the caller's).
    fn of(ir: &model::Model) -> Stats {
        let items = || ir.constructors.iter().chain(&ir.functions);
        let documented = items().filter(|i| i.description.is_some()).count();
        let fields = || items().flat_map(|i| &i.fields);
        let documented_fields = fields().filter(|f| f.description.is_some()).count();
        Stats {
            constructors: ir.constructors.len(),
            functions: ir.functions.len(),
            types: ir.enums.len(),
            documented,
            undocumented: items().count() - documented,
            functions_with_errors: ir.functions.iter().filter(|f| !f.errors.is_empty()).count(),
            documented_fields,
            undocumented_fields: fields().count() - documented_fields,
            documented_types: ir.enums.iter().filter(|e| e.description.is_some()).count(),
            errors: ir.errors.len(),
            ..Stats::default()
        }
    }
}

impl Config {
    /// Runs the pipeline in memory: parse → lower → emit → format.
    pub fn generate(&self) -> Result<Output> {
        let start = Instant::now();
        let td_json = self.json.as_ref().is_some_and(JsonDialect::is_td);
        if td_json && self.binary == Some(true) {
            return Err(Error::Config(ConfigError::BinaryWithTdJson));
        }
        if !td_json && self.part != CratePart::Whole {
            return Err(Error::Config(ConfigError::SplitWithoutTdJson));
        }
        let serde_via = match &self.json {
            Some(JsonDialect::Tl { module, .. }) => Some(module.as_str()),
            _ => None,
        };
        rust_path::check_paths(&self.runtime_path, serde_via)?;
        if self.pretty && !cfg!(feature = "pretty") {
            return Err(Error::Config(ConfigError::PrettyWithoutFeature));
        }
        let sources = self.sources()?;
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
            ir = ir.with_json(dialect)?;
        }
        let options = self.emit_options(&ir);
        let files = layout::Files {
            layout: &self.layout,
            pretty: self.pretty,
        }
        .lay_out(&ir, &options)?;
        let mut stats = Stats::of(&ir);
        stats.schema = schema.counts();
        stats.lines = files.iter().map(|f| f.contents.lines().count()).sum();
        stats.elapsed = start.elapsed();
        Ok(Output {
            files,
            warnings,
            stats,
        })
    }

    /// The schema files, read, then the schema texts: `(name, text)`.
    fn sources(&self) -> Result<Vec<(String, String)>> {
        let mut sources = Vec::with_capacity(self.schemas.len());
        for path in &self.schemas {
            let text = tlgen_parser::read_file(path).map_err(|e| match e {
                tlgen_parser::ReadError::Io { path, source } => Error::Io { path, source },
                utf8 => Error::InvalidUtf8(utf8),
            })?;
            sources.push((path.display().to_string(), text));
        }
        sources.extend(self.schema_texts.iter().cloned());
        Ok(sources)
    }

    /// What the emitters generate for `ir`: the options, narrowed by what its dialect has.
    fn emit_options(&self, ir: &model::Model) -> EmitOptions {
        let (serde_feature, serde_via) = match &self.json {
            Some(JsonDialect::Tl { feature, module }) => {
                (Some(feature.clone()), Some(module.clone()))
            }
            Some(JsonDialect::SerdeDerive { feature }) => (Some(feature.clone()), None),
            _ => (None, None),
        };
        let td_json = self.json.as_ref().is_some_and(JsonDialect::is_td);
        EmitOptions {
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
            partial_eq: self.partial_eq.clone(),
            part: self.part.clone(),
        }
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

/// The one-line `build.rs` call: generates `$OUT_DIR/tl.rs` from these schema files.
pub fn compile_schemas<P: AsRef<Path>>(schemas: &[P]) -> Result<Output> {
    Config::new().schemas(schemas).compile()
}
