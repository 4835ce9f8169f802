//! The workspace this command works on, and the configuration that produces its
//! checked-in `tlgen-types` crate from `schema/`.
//!
//! The workspace is found from the current directory, never from where the binary was
//! built: `generate`, its `--check`, and the staleness test all use [`bindings_config`],
//! so they cannot disagree.

use std::fmt;
use std::path::{Path, PathBuf};

use tlgen_codegen::{Config, CratePart, Include, JsonDialect, Layout};

/// The schema files, relative to the workspace root.
pub const SCHEMAS: [&str; 2] = ["schema/api.tl", "schema/mtproto.tl"];
/// The documentation directory, relative to the workspace root.
pub const DOCS_DIR: &str = "schema/docs";
/// Where the generated modules go, relative to the workspace root.
pub const OUT_DIR: &str = "generated/src/generated";
/// The command that regenerates the bindings.
pub const REGENERATE: &str = "cargo run -p tlgen-cli -- generate";

/// A checked-in crate of bindings to a library's JSON interface, generated from a schema of
/// `schema/` by the same command as `generated/` ([`REGENERATE`]).
#[derive(Debug, Clone, Copy)]
pub struct JsonBindings {
    /// The crate's directory, as named in messages (`tdlib/`).
    pub label: &'static str,
    /// The schema file, relative to the workspace root.
    pub schema: &'static str,
    /// Where the generated modules go, relative to the workspace root.
    pub out_dir: &'static str,
    /// The library's JSON dialect.
    pub tonlib: bool,
    /// The crate holding `types` and `enums` when the bindings are split in two
    /// ([`CratePart`]); `None`: one crate.
    pub types_crate: Option<TypesCrate>,
}

/// The first crate of split bindings: `types` and `enums`, which the crate of
/// [`JsonBindings`] depends on and re-exports.
#[derive(Debug, Clone, Copy)]
pub struct TypesCrate {
    /// Its directory, as named in messages (`tdlib-types/`).
    pub label: &'static str,
    /// Where its generated modules go, relative to the workspace root.
    pub out_dir: &'static str,
    /// Its Rust name, as the other crate refers to it.
    pub path: &'static str,
}

/// One crate of [`JsonBindings`]: what [`JsonBindings::crates`] lists.
#[derive(Debug, Clone)]
pub struct BindingsCrate {
    /// Its directory, as named in messages.
    pub label: &'static str,
    /// Where its generated modules go, relative to the workspace root.
    pub out_dir: &'static str,
    /// Which part of the bindings it holds.
    pub part: CratePart,
}

/// The checked-in JSON bindings: `tlgen-tdlib` (TDLib 1.8.61, its types in
/// `tlgen-tdlib-types`) and `tlgen-tonlib`.
pub const JSON_BINDINGS: [JsonBindings; 2] = [
    JsonBindings {
        label: "tdlib/",
        schema: "schema/tdlib/td_api.tl",
        out_dir: "tdlib/src/generated",
        tonlib: false,
        // All of td_api.tl in one crate peaks at 1.5 GB in one rustc; split, under 1 GB.
        types_crate: Some(TypesCrate {
            label: "tdlib-types/",
            out_dir: "tdlib-types/src/generated",
            path: "::tlgen_tdlib_types",
        }),
    },
    JsonBindings {
        label: "tonlib/",
        schema: "schema/ton/tonlib_api.tl",
        out_dir: "tonlib/src/generated",
        tonlib: true,
        types_crate: None,
    },
];

impl JsonBindings {
    /// The crates of these bindings, the types crate first: one, or two when split.
    pub fn crates(&self) -> Vec<BindingsCrate> {
        match self.types_crate {
            None => vec![BindingsCrate {
                label: self.label,
                out_dir: self.out_dir,
                part: CratePart::Whole,
            }],
            Some(types) => vec![
                BindingsCrate {
                    label: types.label,
                    out_dir: types.out_dir,
                    part: CratePart::Types,
                },
                BindingsCrate {
                    label: self.label,
                    out_dir: self.out_dir,
                    part: CratePart::Rest {
                        types_crate: types.path.to_owned(),
                    },
                },
            ],
        }
    }

    /// The configuration of one crate of these bindings in a workspace at `root`: the
    /// module-directory layout, the dialect's JSON, the docs of the schema's `//@` comments.
    pub fn config(&self, root: &Path, krate: &BindingsCrate) -> Config {
        self.config_with(root, &root.join(self.schema), krate)
    }

    /// [`JsonBindings::config`] reading `schema` instead of the workspace's: what `update
    /// --bindings` checks a new schema with.
    pub fn config_with(&self, root: &Path, schema: &Path, krate: &BindingsCrate) -> Config {
        let mut config = Config::new();
        config
            .schema(schema)
            .out_dir(root.join(krate.out_dir))
            .layout(Layout::ModuleDir)
            .json(self.dialect())
            .crate_part(krate.part.clone())
            // Comparing TDLib's objects is rare, and PartialEq is a large part of the build.
            .partial_eq(Include::Feature("eq".into()));
        config
    }

    /// The bindings' JSON dialect.
    pub fn dialect(&self) -> JsonDialect {
        if self.tonlib {
            JsonDialect::Tonlib
        } else {
            JsonDialect::Tdlib
        }
    }
}

/// Why the bindings' configuration could not be made.
#[derive(Debug)]
pub enum WorkspaceError {
    /// No directory from `start` up holds `Cargo.toml`, `schema/api.tl` and `generated/`.
    NotFound {
        /// Where the search started.
        start: PathBuf,
    },
    /// The current directory could not be read.
    CurrentDir(std::io::Error),
    /// `schema/docs` exists but could not be loaded.
    Docs(tlgen_docs::DocsError),
}

impl fmt::Display for WorkspaceError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            WorkspaceError::NotFound { start } => write!(
                f,
                "{} is not inside the tl workspace: no directory from there up holds \
                 Cargo.toml, {} and generated/ (run from the workspace, or pass --root)",
                start.display(),
                SCHEMAS[0]
            ),
            WorkspaceError::CurrentDir(e) => write!(f, "cannot read the current directory: {e}"),
            WorkspaceError::Docs(e) => write!(f, "documentation: {e}"),
        }
    }
}

impl std::error::Error for WorkspaceError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            WorkspaceError::NotFound { .. } => None,
            WorkspaceError::CurrentDir(e) => Some(e),
            WorkspaceError::Docs(e) => Some(e),
        }
    }
}

/// Whether `dir` is the workspace root.
pub fn is_root(dir: &Path) -> bool {
    dir.join("Cargo.toml").is_file()
        && dir.join(SCHEMAS[0]).is_file()
        && dir.join("generated").is_dir()
}

/// The workspace root: `start` or its nearest ancestor that [`is_root`].
pub fn find_root_from(start: &Path) -> Result<PathBuf, WorkspaceError> {
    start
        .ancestors()
        .find(|dir| is_root(dir))
        .map(Path::to_path_buf)
        .ok_or_else(|| WorkspaceError::NotFound {
            start: start.to_path_buf(),
        })
}

/// The workspace root, found from the current directory.
pub fn find_root() -> Result<PathBuf, WorkspaceError> {
    let cwd = std::env::current_dir().map_err(WorkspaceError::CurrentDir)?;
    find_root_from(&cwd)
}

/// The configuration of the checked-in bindings, for a workspace at `root`: the typed
/// errors, the per-method error enums and `Object` behind tlgen-types' `errors`, `method-errors` and `object` features, docs joined in
/// when `schema/docs/getdoc.json` exists.
pub fn bindings_config(root: &Path) -> Result<Config, WorkspaceError> {
    let docs = load_docs(root)?;
    Ok(bindings_config_with(
        root,
        &SCHEMAS.map(|s| root.join(s)),
        docs,
    ))
}

/// The documentation of `schema/docs`, or `None` when there is no `getdoc.json`.
pub fn load_docs(root: &Path) -> Result<Option<tlgen_docs::Documentation>, WorkspaceError> {
    let docs_dir = root.join(DOCS_DIR);
    if docs_dir.join("getdoc.json").is_file() {
        tlgen_docs::load_dir(&docs_dir)
            .map(Some)
            .map_err(WorkspaceError::Docs)
    } else {
        Ok(None)
    }
}

/// [`bindings_config`] reading `schemas` instead of the workspace's, with `docs` given:
/// what `update` checks a new schema with before replacing the workspace's.
pub fn bindings_config_with(
    root: &Path,
    schemas: &[PathBuf],
    docs: Option<tlgen_docs::Documentation>,
) -> Config {
    let mut config = Config::new();
    config
        .schemas(schemas)
        .out_dir(root.join(OUT_DIR))
        .layout(Layout::ModuleDir)
        .json(JsonDialect::Tl {
            feature: "serde".into(),
            module: "crate::serde_support".into(),
        })
        .errors(Include::Feature("errors".into()))
        .method_errors(Include::Feature("method-errors".into()))
        .object(Include::Feature("object".into()))
        .conversions(Include::Feature("conversions".into()))
        .borrowed(Include::Feature("borrowed".into()));
    if let Some(docs) = docs {
        config.docs(docs);
    }
    config
}
