//! The configuration that produces the checked-in `tl-types` crate from `schema/`.
//!
//! The CLI's `generate`, its `--check`, and the staleness test all use [`bindings_config`],
//! so they cannot disagree.

use std::path::{Path, PathBuf};

use crate::config::{Config, Layout};

/// The schema files, relative to the workspace root.
pub const SCHEMAS: [&str; 2] = ["schema/api.tl", "schema/mtproto.tl"];
/// The documentation directory, relative to the workspace root.
pub const DOCS_DIR: &str = "schema/docs";
/// Where the generated modules go, relative to the workspace root.
pub const OUT_DIR: &str = "generated/src/generated";
/// The command that regenerates the bindings.
pub const REGENERATE: &str = "cargo run -p tl-codegen -- generate";

/// The configuration of the checked-in bindings, for a workspace at `root`.
pub fn bindings_config(root: &Path) -> Config {
    let mut config = Config::new();
    config
        .schemas(SCHEMAS.iter().map(|s| root.join(s)))
        .out_dir(root.join(OUT_DIR))
        .layout(Layout::ModuleDir)
        .serde_feature(Some("serde"));
    if root.join(DOCS_DIR).join("getdoc.json").is_file() {
        config.docs_dir(root.join(DOCS_DIR));
    }
    config
}

/// The workspace root: the current directory if it holds `schema/api.tl`, else the
/// directory this crate was built from.
pub fn find_root() -> PathBuf {
    let cwd = std::env::current_dir().unwrap_or_else(|_| PathBuf::from("."));
    if cwd.join(SCHEMAS[0]).is_file() {
        return cwd;
    }
    let built = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    built.canonicalize().unwrap_or(built)
}
