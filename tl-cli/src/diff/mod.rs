//! `tl-codegen diff OLD.tl NEW.tl [--json]`: what changed between two schemas, in TL
//! and in the generated Rust.
//!
//! Definitions are matched by category (constructor or function) and name. One is
//! *changed* when its wire id, its result type or its params (name, type, flag field
//! and bit, in order) differ. Schemas split across files are given with `--old FILE`
//! and `--new FILE`, each repeatable.
//!
//! # Text output
//!
//! ```text
//! layer 229 (2610 definitions) → layer 230 (2612 definitions): 2 added, 0 removed, 1 changed
//!
//! (no namespace)
//!   + constructor starsAmount#bbb6b4a3
//!   ~ constructor starsTransaction
//!       + param amount:StarsAmount
//!       - param stars:long
//!
//! payments
//!   + function payments.sendStarsForm#7998c914
//!
//! Rust generated from new.tl: 3 breaking, 2 additive
//!   breaking  enums::StarsAmount: variant `StarsAmount(types::StarsAmount)` added
//!   additive  functions::payments::SendStarsForm: new struct
//!   additive  types::StarsAmount: new struct
//!   breaking  types::StarsTransaction: field `stars: i64` removed
//!   breaking  types::StarsTransaction: field `amount: enums::StarsAmount` added
//! ```
//!
//! A changed param reads `~ param about: flags.0?string → flags.2?string (moved to
//! flags.2)` (or `retyped`, `now conditional on flags.N`, `now always present`); a
//! changed result `~ result: Bool → help.NewThing`. A definition whose params or result
//! changed while its declared id stayed the same gets a line
//! `! declared id 0x… unchanged: forgotten id bump?`, and a `warning:` on stderr.
//!
//! Namespaces are sorted, the root one first; in each, additions, removals, then
//! changes, constructors before functions, by name.
//!
//! # JSON output (`--json`)
//!
//! ```json
//! {
//!   "old": { "layer": 228, "definitions": 1 },
//!   "new": { "layer": 230, "definitions": 1 },
//!   "added": [ { "category": "type", "name": "starsAmount", "id": "0xbbb6b4a3" } ],
//!   "removed": [],
//!   "changed": [
//!     {
//!       "category": "type", "name": "starsTransaction",
//!       "old_id": "0x0a9ee4c2", "new_id": "0x13659eb0", "id_not_bumped": false,
//!       "params_added": [ { "name": "amount", "type": "StarsAmount" } ],
//!       "params_removed": [ { "name": "stars", "type": "long" } ],
//!       "params_changed": [ { "name": "x", "old": "flags.1?int", "new": "flags.2?int" } ],
//!       "params_reordered": false,
//!       "result": null
//!     }
//!   ],
//!   "rust": {
//!     "bindings": "new.tl", "breaking": 2, "additive": 0,
//!     "changes": [
//!       { "path": "types::StarsTransaction", "change": "field_added", "name": "amount",
//!         "old": null, "new": "enums::StarsAmount", "breaking": true }
//!     ]
//!   }
//! }
//! ```
//!
//! - `category`: `"type"` (constructor) or `"function"`; ids are `0x` and 8 hex digits.
//! - `params_*`: a param's `type` is as written after `name:`, `flags.3?int` for a
//!   conditional one; `params_reordered` is true when the same params come in another order.
//! - `id_not_bumped`: the params or the result changed but the declared id did not.
//! - `rust`: what the change means for the Rust generated from the new schema (`bindings`:
//!   its files), read from the generator's model (`tlgen_codegen::model`, the signatures the
//!   emitters render): `change` is one of `item_added`, `item_removed`,
//!   `field_added`, `field_removed`, `field_retyped`, `method_added`, `method_removed`,
//!   `variant_added`, `variant_removed`, `object_variant_added`, `returns_changed`,
//!   `default_changed` (path `Object`: the root enum's variants, as the model names them,
//!   for the binary dialects); names are before keyword
//!   escaping (`type`, not `r#type`); types are as the generated code writes them, paths
//!   from its root (a generic function returns `X::Return`). Struct fields are as generated:
//!   params sharing a flag bit are one `Option<(A, B)>` field, and a `flags.N?true` sharing
//!   its bit with a value is a method, not a field. Breaking: anything removed or retyped,
//!   a new field (struct literals must name it) and a new variant (the enums are
//!   exhaustive); additive: new items and methods, and a new variant of `Object` (the
//!   catch-all of decoding, which grows with every layer). `rust` is `null` when a schema cannot
//!   be lowered (a note on stderr says why).
//!
//! The command exits 0 whatever changed, 1 when a schema cannot be read or has errors.
//! With `--fail-on-breaking` (for CI) it exits 3 after the report when the Rust API has a
//! breaking change (`rust.breaking` > 0), naming their count on stderr, and 1 when the
//! Rust part cannot be computed (a schema that cannot be lowered).

mod report;
mod rust;
mod schema;

use std::fmt::Write as _;
use std::path::PathBuf;
use std::process::ExitCode;

use tlgen_codegen::JsonDialect;
use tlgen_parser::{ParseOptions, Schema};

pub use rust::{RustChange, RustDiff};
pub use schema::{
    diff_schemas, diff_schemas_json, Changed, DefRef, OldNew, ParamChange, ParamRef, SchemaDiff,
    Side,
};

/// The `diff` subcommand's arguments.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// OLD.tl NEW.tl (or use --old/--new).
    files: Vec<PathBuf>,
    /// A file of the old schema (repeatable).
    #[arg(long)]
    old: Vec<PathBuf>,
    /// A file of the new schema (repeatable).
    #[arg(long)]
    new: Vec<PathBuf>,
    /// Print JSON instead of text.
    #[arg(long)]
    json: bool,
    /// Report the Rust changes of bindings in this JSON dialect (tdlib, tonlib): their
    /// `Option` fields and JSON roots, as `generate --json` makes them.
    #[arg(long, value_name = "DIALECT")]
    bindings: Option<crate::generate::JsonArg>,
    /// Exit 3 when the generated Rust API has breaking changes (for CI).
    #[arg(long)]
    fail_on_breaking: bool,
    /// How both schemas' ids are computed (default: by evidence, each on its own).
    #[command(flatten)]
    dialect: crate::dialect::DialectArg,
}

/// Compares the schemas and prints the report on stdout; fails when a file cannot be
/// read or a schema has errors (diagnostics on stderr).
pub fn run(args: Args) -> ExitCode {
    let (old, new) = match (
        args.files.as_slice(),
        args.old.is_empty(),
        args.new.is_empty(),
    ) {
        ([old, new], true, true) => (vec![old.clone()], vec![new.clone()]),
        ([], false, false) => (args.old, args.new),
        _ => {
            eprintln!("error: give OLD.tl NEW.tl, or --old FILE... and --new FILE...");
            return ExitCode::FAILURE;
        }
    };
    let (Some(old), Some(new)) = (read_files(&old), read_files(&new)) else {
        return ExitCode::FAILURE;
    };
    let bindings = args.bindings.map(crate::generate::JsonArg::td_dialect);
    match diff_json(&old, &new, bindings.as_ref(), &args.dialect.options(false)) {
        Ok(report) => {
            for warning in &report.warnings {
                eprintln!("warning: {warning}");
            }
            for note in &report.notes {
                eprintln!("note: {note}");
            }
            if args.json {
                print!("{}", report.to_json());
            } else {
                print!("{}", report.to_text());
            }
            if args.fail_on_breaking {
                return breaking_exit(&report);
            }
            ExitCode::SUCCESS
        }
        Err(diagnostics) => {
            eprint!("{diagnostics}");
            ExitCode::FAILURE
        }
    }
}

/// `--fail-on-breaking`: 3 when the Rust API breaks, 1 when that cannot be told.
fn breaking_exit(report: &SchemaDiff) -> ExitCode {
    match &report.rust {
        Some(rust) if rust.breaking == 0 => ExitCode::SUCCESS,
        Some(rust) => {
            let s = if rust.breaking == 1 { "" } else { "s" };
            eprintln!(
                "error: {} breaking change{s} in the generated Rust API (--fail-on-breaking)",
                rust.breaking
            );
            ExitCode::from(3)
        }
        None => {
            eprintln!("error: --fail-on-breaking: the Rust API of the schemas cannot be compared");
            ExitCode::FAILURE
        }
    }
}

/// Reads `(name, text)` pairs; prints an error and returns `None` on the first failure.
pub fn read_files(paths: &[PathBuf]) -> Option<Vec<(String, String)>> {
    let mut files = Vec::new();
    for path in paths {
        match tlgen_parser::read_file(path) {
            Ok(text) => files.push((path.display().to_string(), text)),
            Err(e @ tlgen_parser::ReadError::Io { .. }) => {
                eprintln!("error: {e}");
                return None;
            }
            Err(e) => {
                eprintln!("{e}"); // invalid UTF-8, rendered with its position
                return None;
            }
        }
    }
    Some(files)
}

/// Parses `files` as one schema; the rendered diagnostics when it has errors.
pub fn parse_checked(files: &[(String, String)]) -> Result<Schema<'_>, String> {
    parse_checked_with(files, &ParseOptions::default())
}

/// [`parse_checked`] with `options`.
fn parse_checked_with<'a>(
    files: &'a [(String, String)],
    options: &ParseOptions,
) -> Result<Schema<'a>, String> {
    let schema =
        tlgen_parser::parse_files(files.iter().map(|(n, s)| (n.as_str(), s.as_str())), options);
    if schema.has_errors() {
        let mut out = String::new();
        for d in schema.errors() {
            let _ = write!(out, "{}\n\n", d.render());
        }
        return Err(out);
    }
    Ok(schema)
}

/// Compares two schemas given as `(name, text)` files; the rendered diagnostics of
/// either when it has errors.
pub fn diff(old: &[(String, String)], new: &[(String, String)]) -> Result<SchemaDiff, String> {
    diff_json(old, new, None, &ParseOptions::default())
}

/// [`diff`], with the Rust part for bindings in a JSON dialect (TDLib's `Option` fields and
/// roots; `None`: none) and both schemas parsed with `options` (e.g. a chosen id dialect).
pub fn diff_json(
    old: &[(String, String)],
    new: &[(String, String)],
    json: Option<&JsonDialect>,
    options: &ParseOptions,
) -> Result<SchemaDiff, String> {
    let new_names: Vec<&str> = new.iter().map(|(name, _)| name.as_str()).collect();
    let old = parse_checked_with(old, options)?;
    let new = parse_checked_with(new, options)?;
    Ok(diff_schemas_json(&old, &new, &new_names.join(" + "), json))
}
