//! `tl-codegen generate`: regenerate `generated/` from `schema/`, or bindings for any
//! schema.
//!
//! Without `--schema`, the workspace is found from the current directory (or `--root`)
//! and its checked-in `tlgen-types` crate is regenerated with [`workspace::bindings_config`].
//!
//! With `--schema FILE... --out DIR`, it is the command-line twin of
//! [`tlgen_codegen::Config`] in a `build.rs`: the files are read as one schema and the
//! bindings are written into `DIR` as a module directory ([`Layout::ModuleDir`]): a
//! `mod.rs` declaring `types`, `enums`, `functions`, … one file each. Use it as
//! `#[path = "DIR/mod.rs"] mod tl;` or put `DIR` at `src/tl/` and write `mod tl;`. The
//! crate needs `tlgen-runtime` as a dependency. `--docs DIR` joins a `schema/docs`-style
//! directory (`getdoc.json` and pages); the typed RPC errors are on when the schema declares
//! Telegram's `rpc_error` or `--docs` is given (a schema of another protocol gets nothing
//! of Telegram's: no `errors` module; `--errors` forces them), the per-method error enums,
//! `--object`,
//! `--conversions` and `--borrowed` are off (as in tlgen-types' default features: pay only
//! for what you use), `--no-X` leaves the part out, `--X` puts it in,
//! `--X-feature NAME` puts it behind the cargo feature `NAME` of the including crate.
//!
//! `--json tdlib` / `--json tonlib` generate TDLib's / tonlib's JSON interface
//! (`tlgen_runtime::json::TdJson` impls, the `Object` and `Function` roots, no binary codecs;
//! the crate needs tlgen-runtime's `json` feature); `--json tl` our TL-JSON as serde impls
//! calling `serialize`/`deserialize` of the module `--json-module PATH` (default
//! `crate::serde_support`, as tlgen-types has) behind the cargo feature `--json-feature NAME`
//! (default `serde`); `--json serde-derive` serde's derives behind that feature (Rust-shaped
//! JSON that no TL library reads).
//! The schema's ids are computed in the dialect its declared ids agree with (`--dialect`
//! chooses instead; `inspect` says which and why). Declared ids that differ from their
//! lines on purpose (Telegram's `help.configSimple`, TON's `liteServer.transactionId`, …,
//! known to the parser: `tlgen_parser::ids::KNOWN_MISMATCHES`) are notes, printed with
//! `--warn-ids` only; any other mismatch is a warning, the same one `inspect` and a
//! `build.rs` print.
//!
//! `--functions a.b,c.d` (and `--types X,Y`; comma-separated, repeatable, `namespace.*`
//! globs) generate only those functions (types) and the types they need, as
//! [`Config::functions`] and [`Config::types`] do; an unknown name fails with the closest
//! name the schema has.
//!
//! When the docs describe an older layer than the schema, one line on stderr says so,
//! with the coverage. Docs of params the schema no longer has are not attached to any
//! field; the line counts them.
//!
//! The report names the files rewritten (a file whose content is unchanged is not
//! touched), or says the output is up to date; the documentation coverage is printed only
//! when docs are given.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use tlgen_codegen::{Config, Include, JsonDialect, Layout, Output};
use tlgen_docs::Documentation;

use crate::dialect::DialectArg;
use crate::workspace;

/// The `generate` subcommand's arguments.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Write nothing; exit 1 if the output is not what the schemas produce.
    #[arg(long)]
    check: bool,
    /// The workspace root (default: found from the current directory).
    #[arg(long, conflicts_with = "schema")]
    root: Option<PathBuf>,
    /// Schema files read as one schema (repeatable); needs --out.
    #[arg(long, requires = "out")]
    schema: Vec<PathBuf>,
    /// Where the module directory (mod.rs and one file per module) goes.
    #[arg(long, requires = "schema")]
    out: Option<PathBuf>,
    /// A documentation directory holding getdoc.json (and pages/).
    #[arg(long, requires = "schema")]
    docs: Option<PathBuf>,
    /// Typed RPC errors (the default when the schema declares `rpc_error` or --docs is
    /// given).
    #[arg(long, overrides_with = "no_errors")]
    errors: bool,
    /// Leave the typed RPC errors out.
    #[arg(long)]
    no_errors: bool,
    /// Put the typed RPC errors behind this cargo feature.
    #[arg(long, value_name = "NAME")]
    errors_feature: Option<String>,
    /// The per-method error enums, when the typed errors are on (off by default, as in
    /// tlgen-types' default features; with them `TypedErrors::Error` is the method's enum).
    #[arg(long, overrides_with = "no_method_errors")]
    method_errors: bool,
    /// Leave the per-method error enums out (the default; `errors::Error` stays).
    #[arg(long)]
    no_method_errors: bool,
    /// Put the per-method error enums behind this cargo feature (which must enable the
    /// errors' one); `TypedErrors::Error` is then `errors::Error`.
    #[arg(long, value_name = "NAME")]
    method_errors_feature: Option<String>,
    /// `Object` and function decoders (off by default).
    #[arg(long, overrides_with = "no_object")]
    object: bool,
    /// Leave `Object` out (the default).
    #[arg(long)]
    no_object: bool,
    /// Put `Object` behind this cargo feature.
    #[arg(long, value_name = "NAME")]
    object_feature: Option<String>,
    /// `From`/`TryFrom` between structs and enums (off by default).
    #[arg(long, overrides_with = "no_conversions")]
    conversions: bool,
    /// Leave the conversions out (the default).
    #[arg(long)]
    no_conversions: bool,
    /// Put the conversions behind this cargo feature.
    #[arg(long, value_name = "NAME")]
    conversions_feature: Option<String>,
    /// The `borrowed` module (types decoded without copying strings and bytes).
    #[arg(long, overrides_with = "no_borrowed")]
    borrowed: bool,
    /// Leave the `borrowed` module out (the default).
    #[arg(long)]
    no_borrowed: bool,
    /// Put the `borrowed` module behind this cargo feature.
    #[arg(long, value_name = "NAME")]
    borrowed_feature: Option<String>,
    /// Derive `PartialEq` on structs and enums (the default).
    #[arg(long, overrides_with = "no_partial_eq")]
    partial_eq: bool,
    /// Leave `PartialEq` out (a faster build of large bindings).
    #[arg(long)]
    no_partial_eq: bool,
    /// Derive `PartialEq` behind this cargo feature.
    #[arg(long, value_name = "NAME")]
    partial_eq_feature: Option<String>,
    /// The JSON the bindings speak: tdlib, tonlib (their JSON interfaces), tl (our TL-JSON
    /// through a module, behind a feature) or serde-derive (serde's derives, behind a feature).
    #[arg(long, value_name = "DIALECT")]
    json: Option<JsonArg>,
    /// With --json tl or serde-derive: the cargo feature gating the serde impls.
    #[arg(long, value_name = "NAME", default_value = "serde")]
    json_feature: String,
    /// With --json tl: the module whose `serialize`/`deserialize` the impls call.
    #[arg(long, value_name = "PATH", default_value = "crate::serde_support")]
    json_module: String,
    /// Only these functions and the types they need (TL names, `ns.*` globs; comma-separated,
    /// repeatable).
    #[arg(long, value_name = "NAMES", value_delimiter = ',', requires = "schema")]
    functions: Vec<String>,
    /// Only these boxed types (and the functions of --functions) and what they need.
    #[arg(long, value_name = "NAMES", value_delimiter = ',', requires = "schema")]
    types: Vec<String>,
    #[command(flatten)]
    dialect: DialectArg,
    /// Also print the notes on declared ids that differ from their lines on purpose (known
    /// to the parser; `inspect` shows them too).
    #[arg(long)]
    warn_ids: bool,
}

/// The values of `--json`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum JsonArg {
    /// Our TL-JSON, through a module (`--json-module`), behind `--json-feature`.
    Tl,
    /// serde's derives behind `--json-feature`.
    SerdeDerive,
    /// TDLib's JSON interface.
    Tdlib,
    /// tonlib's JSON interface.
    Tonlib,
}

impl JsonArg {
    /// The dialect, with `generate`'s default feature and module for the serde ones.
    pub fn td_dialect(self) -> JsonDialect {
        self.dialect("serde", "crate::serde_support")
    }

    /// The dialect, with the feature and module of the other arguments.
    fn dialect(self, feature: &str, module: &str) -> JsonDialect {
        match self {
            JsonArg::Tl => JsonDialect::Tl {
                feature: feature.to_owned(),
                module: module.to_owned(),
            },
            JsonArg::SerdeDerive => JsonDialect::SerdeDerive {
                feature: feature.to_owned(),
            },
            JsonArg::Tdlib => JsonDialect::Tdlib,
            JsonArg::Tonlib => JsonDialect::Tonlib,
        }
    }
}

/// `--X`, `--no-X`, `--X-feature NAME` as an [`Include`]; `None` keeps the default.
fn include(on: bool, off: bool, feature: Option<&String>) -> Option<Include> {
    match (feature, on, off) {
        (Some(name), _, _) => Some(Include::Feature(name.clone())),
        (None, _, true) => Some(Include::Never),
        (None, true, false) => Some(Include::Always),
        (None, false, false) => None,
    }
}

/// Regenerates the bindings, or with `--check` reports the stale files: with `--schema`,
/// one output; in the workspace, `generated/` and the JSON bindings
/// ([`workspace::JSON_BINDINGS`]).
pub fn run(args: Args) -> ExitCode {
    let jobs = if args.schema.is_empty() {
        workspace_jobs(&args).map_err(|e| e.to_string())
    } else {
        schema_job(&args).map(|job| vec![job])
    };
    let jobs = match jobs {
        Ok(jobs) => jobs,
        Err(e) => return fail(&e),
    };
    let mut code = ExitCode::SUCCESS;
    for job in jobs {
        if run_job(job, &args) != ExitCode::SUCCESS {
            code = ExitCode::FAILURE;
        }
    }
    code
}

/// Writes one output, or checks it.
fn run_job(job: Job, args: &Args) -> ExitCode {
    let Job {
        mut config,
        schemas,
        docs,
        label,
        out_dir,
        regenerate,
    } = job;
    if let Some(dialect) = args.dialect.dialect {
        config.dialect(dialect);
    }
    config.warn_ids(args.warn_ids);
    if args.check {
        return match config.stale_files() {
            Ok(stale) if stale.is_empty() => {
                println!("{label} is up to date");
                ExitCode::SUCCESS
            }
            Ok(stale) => {
                eprintln!("{label} is stale; these files differ from what the schemas produce:");
                for path in stale {
                    eprintln!("  {}", path.display());
                }
                eprintln!("run `{regenerate}` and commit the result");
                ExitCode::FAILURE
            }
            Err(e) => fail(&e),
        };
    }
    let output = match config.generate() {
        Ok(output) => output,
        Err(e) => return fail(&e),
    };
    let rewritten = match write_changed(&out_dir, &output) {
        Ok(rewritten) => rewritten,
        Err(e) => return fail(&e),
    };
    report(&output, docs.is_some());
    print_rewritten(&label, &out_dir, &output, &rewritten);
    if let Some(note) = docs
        .as_ref()
        .and_then(|d| freshness_note(&schemas, d, &output))
    {
        eprintln!("{note}");
    }
    ExitCode::SUCCESS
}

/// Writes each file of `output` under `out_dir` whose content differs from what is there;
/// returns the paths rewritten (relative to `out_dir`, in the output's order).
fn write_changed(out_dir: &Path, output: &Output) -> Result<Vec<PathBuf>, String> {
    let mut rewritten = Vec::new();
    for file in &output.files {
        let path = out_dir.join(&file.path);
        if std::fs::read(&path).is_ok_and(|existing| existing == file.contents.as_bytes()) {
            continue;
        }
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).map_err(|e| format!("{}: {e}", parent.display()))?;
        }
        std::fs::write(&path, &file.contents).map_err(|e| format!("{}: {e}", path.display()))?;
        rewritten.push(file.path.clone());
    }
    Ok(rewritten)
}

/// `rewrote 2 of 6 files in OUT: types.rs, enums.rs`, or `LABEL is up to date`.
fn print_rewritten(label: &str, out_dir: &Path, output: &Output, rewritten: &[PathBuf]) {
    if rewritten.is_empty() {
        println!("{label} is up to date");
        return;
    }
    let names: Vec<String> = rewritten.iter().map(|p| p.display().to_string()).collect();
    println!(
        "rewrote {} of {} in {}: {}",
        rewritten.len(),
        count(output.files.len(), "file"),
        out_dir.display(),
        names.join(", ")
    );
}

/// What a run generates: the configuration, the schema files, the docs, and the
/// command that regenerates the output.
struct Job {
    config: Config,
    schemas: Vec<PathBuf>,
    docs: Option<Documentation>,
    /// The output as named in messages: `generated/` or the `--out` directory.
    label: String,
    /// Where the files go.
    out_dir: PathBuf,
    regenerate: String,
}

/// The workspace's configurations (`generated/`, then each of
/// [`workspace::JSON_BINDINGS`] whose schema is there), their docs, and the command that
/// regenerates them.
fn workspace_jobs(args: &Args) -> Result<Vec<Job>, workspace::WorkspaceError> {
    let root = args.root.clone().map_or_else(workspace::find_root, Ok)?;
    let docs = workspace::load_docs(&root)?;
    let schemas: Vec<PathBuf> = workspace::SCHEMAS.iter().map(|s| root.join(s)).collect();
    let mut jobs = vec![Job {
        config: workspace::bindings_config_with(&root, &schemas, docs.clone()),
        schemas,
        docs,
        label: "generated/".to_owned(),
        out_dir: root.join(workspace::OUT_DIR),
        regenerate: workspace::REGENERATE.to_owned(),
    }];
    for bindings in workspace::JSON_BINDINGS {
        // A workspace without the schema (a test fixture) has no such crate.
        if !root.join(bindings.schema).is_file() {
            continue;
        }
        for krate in bindings.crates() {
            jobs.push(Job {
                config: bindings.config(&root, &krate),
                schemas: vec![root.join(bindings.schema)],
                docs: None,
                label: krate.label.to_owned(),
                out_dir: root.join(krate.out_dir),
                regenerate: workspace::REGENERATE.to_owned(),
            });
        }
    }
    Ok(jobs)
}

/// The configuration for `--schema … --out …`.
fn schema_job(args: &Args) -> Result<Job, String> {
    let out = args.out.as_ref().ok_or("--schema needs --out DIR")?;
    let mut config = Config::new();
    config
        .schemas(&args.schema)
        .out_dir(out)
        .layout(Layout::ModuleDir);
    if let Some(json) = args.json {
        config.json(json.dialect(&args.json_feature, &args.json_module));
    }
    let parts = [
        include(args.errors, args.no_errors, args.errors_feature.as_ref()),
        include(
            args.method_errors,
            args.no_method_errors,
            args.method_errors_feature.as_ref(),
        ),
        include(args.object, args.no_object, args.object_feature.as_ref()),
        include(
            args.conversions,
            args.no_conversions,
            args.conversions_feature.as_ref(),
        ),
        include(
            args.borrowed,
            args.no_borrowed,
            args.borrowed_feature.as_ref(),
        ),
        include(
            args.partial_eq,
            args.no_partial_eq,
            args.partial_eq_feature.as_ref(),
        ),
    ];
    let [errors, method_errors, object, conversions, borrowed, partial_eq] = parts;
    match errors {
        Some(i) => {
            config.errors(i);
        }
        // Typed errors are Telegram's: only for a schema that has its `rpc_error`, or
        // when its docs are given.
        None if args.docs.is_none() && !declares_rpc_error(&args.schema)? => {
            config.errors(false);
        }
        None => {}
    }
    if let Some(i) = method_errors {
        config.method_errors(i);
    }
    if let Some(i) = object {
        config.object(i);
    }
    if let Some(i) = conversions {
        config.conversions(i);
    }
    if let Some(i) = borrowed {
        config.borrowed(i);
    }
    if let Some(i) = partial_eq {
        config.partial_eq(i);
    }
    if !args.functions.is_empty() {
        config.functions(&args.functions);
    }
    if !args.types.is_empty() {
        config.types(&args.types);
    }
    let docs = match &args.docs {
        Some(dir) => {
            let docs = tlgen_docs::load_dir(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
            config.docs(docs.clone());
            Some(docs)
        }
        None => None,
    };
    Ok(Job {
        config,
        schemas: args.schema.clone(),
        docs,
        label: out.display().to_string(),
        out_dir: out.clone(),
        regenerate: "tl-codegen generate --schema … --out …".to_owned(),
    })
}

/// Whether the schema files declare Telegram's `rpc_error` constructor (a file that cannot
/// be read is an error here, as it would be when generating).
fn declares_rpc_error(schemas: &[PathBuf]) -> Result<bool, String> {
    let mut files = Vec::new();
    for path in schemas {
        let text = std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))?;
        files.push((path.display().to_string(), text));
    }
    let schema = tlgen_parser::parse_files(
        files.iter().map(|(n, t)| (n.as_str(), t.as_str())),
        &tlgen_parser::ParseOptions::default(),
    );
    Ok(schema
        .definitions
        .iter()
        .any(|d| d.category == tlgen_parser::Category::Type && d.name == "rpc_error"))
}

/// Prints the warnings on stderr and the counts on stdout; with `docs`, the documentation
/// coverage and the known errors too.
pub fn report(output: &Output, docs: bool) {
    for warning in &output.warnings {
        eprintln!("{warning}");
    }
    let s = &output.stats;
    println!(
        "generated {}: {} lines in {}, {:.2?}",
        counts_line(s),
        s.lines,
        count(output.files.len(), "file"),
        s.elapsed
    );
    if docs {
        println!(
            "docs: {} of {} definitions, {} of {} params, {} of {} types documented; \
             {} with documented errors; {}",
            s.documented,
            s.documented + s.undocumented,
            s.documented_fields,
            s.documented_fields + s.undocumented_fields,
            s.documented_types,
            s.types,
            count(s.functions_with_errors, "function"),
            count(s.errors, "known error"),
        );
    }
}

/// `1752 constructors, 677 types, 860 functions`: the schema's counts, the same as
/// `inspect` and `diff` print, and what maps to Rust primitives (no struct or enum).
pub fn counts_line(s: &tlgen_codegen::Stats) -> String {
    let c = &s.schema;
    let mut line = format!(
        "{}, {}, {}",
        count(c.constructors, "constructor"),
        count(c.types, "type"),
        count(c.functions, "function")
    );
    let (constructors, types) = (
        c.constructors.saturating_sub(s.constructors),
        c.types.saturating_sub(s.types),
    );
    if constructors + types > 0 {
        line.push_str(&format!(
            " ({} of {} without a struct or enum: `Bool` is Rust's `bool`)",
            count(constructors, "constructor"),
            count(types, "type")
        ));
    }
    line
}

/// One line when `docs` describe an older layer than the schema read from `schemas`:
/// the layers, the coverage, and how many param docs name params that no longer exist
/// (those are attached to nothing). `None` when the docs are as new as the schema.
pub fn freshness_note(
    schemas: &[PathBuf],
    docs: &Documentation,
    output: &Output,
) -> Option<String> {
    let files: Vec<(String, String)> = schemas
        .iter()
        .filter_map(|p| Some((p.display().to_string(), std::fs::read_to_string(p).ok()?)))
        .collect();
    // Only the layer is read: any dialect does.
    let schema = tlgen_parser::parse_files(
        files.iter().map(|(n, t)| (n.as_str(), t.as_str())),
        &tlgen_parser::ParseOptions::default(),
    );
    let (docs_layer, schema_layer) = (docs.layer()?, schema.layer?);
    if docs_layer >= schema_layer {
        return None;
    }
    let dropped = dropped_param_docs(&schema, docs);
    let s = &output.stats;
    Some(format!(
        "note: the docs describe layer {docs_layer}, the schema is layer {schema_layer}: \
         {} of {} definitions and {} of {} params documented; {dropped} param docs dropped \
         (their params no longer exist)",
        s.documented,
        s.documented + s.undocumented,
        s.documented_fields,
        s.documented_fields + s.undocumented_fields,
    ))
}

/// How many documented params name no param of their definition in `schema`.
fn dropped_param_docs(schema: &tlgen_parser::Schema<'_>, docs: &Documentation) -> usize {
    schema
        .definitions
        .iter()
        .map(|d| {
            let documented = match d.category {
                tlgen_parser::Category::Type => docs.constructor(d.name).map(|c| &c.params),
                tlgen_parser::Category::Function => docs.method(d.name).map(|m| &m.params),
            };
            documented.map_or(0, |params| {
                params
                    .keys()
                    .filter(|name| !d.params.iter().any(|p| p.name == name.as_str()))
                    .count()
            })
        })
        .sum()
}

/// `1 file`, `2 files`.
fn count(n: usize, word: &str) -> String {
    format!("{n} {}", crate::inspect::plural(n, word))
}

/// Prints `error: …` on stderr and returns failure.
fn fail(e: &dyn std::fmt::Display) -> ExitCode {
    eprintln!("error: {e}");
    ExitCode::FAILURE
}
