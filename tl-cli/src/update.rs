//! `tl-codegen update NEW_API.tl [--mtproto FILE] [--root DIR]`: move the workspace to
//! another layer (newer or older).
//!
//! The new schema is checked first — parsed with the (new or current) `mtproto.tl` and
//! generated in memory — and on any error nothing is replaced: the command prints the
//! diagnostics and exits 1. Otherwise it replaces `schema/api.tl` (and
//! `schema/mtproto.tl` when given), prints the [`crate::diff`] of the old and new
//! schema, regenerates `generated/`, and reports which new or changed definitions have
//! no documentation:
//!
//! ```text
//! 37 new or changed definitions, 12 without docs: starsAmount, …
//! ```

use std::path::PathBuf;
use std::process::ExitCode;

use tlgen_codegen::DocSource;

use crate::diff::{self, SchemaDiff};
use crate::generate;
use crate::workspace::{self, SCHEMAS};

/// The `update` subcommand's arguments.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// The new api.tl (with --bindings: the new schema of those bindings).
    new_api: PathBuf,
    /// A new mtproto.tl (default: keep the current one).
    #[arg(long, conflicts_with = "bindings")]
    mtproto: Option<PathBuf>,
    /// Update a checked-in JSON crate instead: `tdlib` (schema/tdlib/td_api.tl, tdlib/) or
    /// `tonlib` (schema/ton/tonlib_api.tl, tonlib/).
    #[arg(long, value_name = "tdlib|tonlib")]
    bindings: Option<String>,
    /// The workspace root (default: found from the current directory).
    #[arg(long)]
    root: Option<PathBuf>,
}

/// How many undocumented names the coverage line lists.
const LISTED: usize = 20;

/// Checks the new schema, replaces the workspace's, regenerates and reports.
pub fn run(args: Args) -> ExitCode {
    let root = match args.root.map_or_else(workspace::find_root, Ok) {
        Ok(root) => root,
        Err(e) => return fail(&e),
    };
    if let Some(name) = &args.bindings {
        return run_json(&root, name, &args.new_api);
    }
    let [api_path, mtproto_path] = SCHEMAS.map(|s| root.join(s));
    let new_mtproto = args.mtproto.clone().unwrap_or_else(|| mtproto_path.clone());
    let Some(old_files) = diff::read_files(&[api_path.clone(), mtproto_path.clone()]) else {
        return ExitCode::FAILURE;
    };
    let Some(new_files) = diff::read_files(&[args.new_api.clone(), new_mtproto.clone()]) else {
        return ExitCode::FAILURE;
    };
    let report = match diff::diff(&old_files, &new_files) {
        Ok(report) => report,
        Err(diagnostics) => {
            eprint!("{diagnostics}");
            return refused();
        }
    };
    let docs = match workspace::load_docs(&root) {
        Ok(docs) => docs,
        Err(e) => return fail(&e),
    };
    // Generate in memory from the new files: what cannot be generated is refused here.
    let check = workspace::bindings_config_with(
        &root,
        &[args.new_api.clone(), new_mtproto.clone()],
        docs.clone(),
    );
    let output = match check.generate() {
        Ok(output) => output,
        Err(e) => {
            eprintln!("error: {e}");
            return refused();
        }
    };
    for warning in &output.warnings {
        eprintln!("{warning}");
    }
    let text = |files: &[(String, String)], i: usize| {
        files
            .get(i)
            .map(|(_, text)| text.clone())
            .unwrap_or_default()
    };
    let mut replaced = vec![Replaced {
        path: api_path,
        old: text(&old_files, 0),
        new: text(&new_files, 0),
    }];
    if args.mtproto.is_some() {
        replaced.push(Replaced {
            path: mtproto_path,
            old: text(&old_files, 1),
            new: text(&new_files, 1),
        });
    }
    for r in &replaced {
        let path = &r.path;
        if let Err(e) = std::fs::write(path, &r.new) {
            eprintln!("error: {}: {e}", path.display());
            restore(&replaced);
            return ExitCode::FAILURE;
        }
    }
    // The output depends on the schemas' text, not their paths: write what was checked.
    if !write_generated(&root, workspace::OUT_DIR, &output, &replaced) {
        return ExitCode::FAILURE;
    }
    if let Some(note) = docs
        .as_ref()
        .and_then(|d| generate::freshness_note(&SCHEMAS.map(|s| root.join(s)), d, &output))
    {
        eprintln!("{note}");
    }
    print!("{}", report.to_text());
    println!();
    let s = &output.stats;
    println!(
        "generated {} into {}",
        crate::generate::counts_line(s),
        workspace::OUT_DIR
    );
    match &docs {
        Some(docs) => println!("{}", coverage_line(&report, docs)),
        None => println!(
            "no {}/getdoc.json: nothing is documented",
            workspace::DOCS_DIR
        ),
    }
    ExitCode::SUCCESS
}

/// `update --bindings tdlib NEW.tl`: checks the new schema (parsed and generated in memory;
/// on any error nothing is replaced), prints the diff with the Rust changes of the JSON
/// bindings, replaces the schema and rewrites the crate's generated modules.
fn run_json(root: &std::path::Path, name: &str, new_path: &std::path::Path) -> ExitCode {
    let Some(bindings) = workspace::JSON_BINDINGS
        .iter()
        .find(|b| b.label.trim_end_matches('/') == name)
    else {
        return fail(&format!("--bindings {name}: expected tdlib or tonlib"));
    };
    let schema_path = root.join(bindings.schema);
    let Some(old_files) = diff::read_files(std::slice::from_ref(&schema_path)) else {
        return ExitCode::FAILURE;
    };
    let Some(new_files) = diff::read_files(&[new_path.to_path_buf()]) else {
        return ExitCode::FAILURE;
    };
    let report = match diff::diff_json(
        &old_files,
        &new_files,
        Some(&bindings.dialect()),
        &Default::default(),
    ) {
        Ok(report) => report,
        Err(diagnostics) => {
            eprint!("{diagnostics}");
            return refused();
        }
    };
    let new_text = new_files
        .first()
        .map(|(_, t)| t.clone())
        .unwrap_or_default();
    let old_text = old_files
        .first()
        .map(|(_, t)| t.clone())
        .unwrap_or_default();
    // Generated from the new file, in memory (every crate of the bindings): what cannot be
    // generated is refused here, before anything is written.
    let mut outputs = Vec::new();
    for krate in bindings.crates() {
        match bindings.config_with(root, new_path, &krate).generate() {
            Ok(output) => outputs.push((krate, output)),
            Err(e) => {
                eprintln!("error: {e}");
                return refused();
            }
        }
    }
    for warning in outputs.iter().flat_map(|(_, o)| &o.warnings) {
        eprintln!("{warning}");
    }
    let replaced = [Replaced {
        path: schema_path,
        old: old_text,
        new: new_text,
    }];
    if let Err(e) = std::fs::write(&replaced[0].path, &replaced[0].new) {
        eprintln!("error: {}: {e}", replaced[0].path.display());
        return ExitCode::FAILURE;
    }
    for (krate, output) in &outputs {
        if !write_generated(root, krate.out_dir, output, &replaced) {
            return ExitCode::FAILURE;
        }
    }
    print!("{}", report.to_text());
    println!();
    // Every crate's run counts the whole schema: the last one's line says it once.
    if let Some((_, output)) = outputs.last() {
        let dirs: Vec<&str> = outputs.iter().map(|(krate, _)| krate.out_dir).collect();
        println!(
            "generated {} into {}",
            crate::generate::counts_line(&output.stats),
            dirs.join(" and ")
        );
    }
    ExitCode::SUCCESS
}

/// `37 new or changed definitions, 12 without docs: a, b, …`.
pub fn coverage_line(report: &SchemaDiff, docs: &dyn DocSource) -> String {
    let names = report
        .added
        .iter()
        .map(|d| (d.category, d.name.as_str()))
        .chain(report.changed.iter().map(|c| (c.category, c.name.as_str())));
    let mut total = 0;
    let mut missing = Vec::new();
    for (category, name) in names {
        total += 1;
        let described = if category == "function" {
            docs.function_description(name)
        } else {
            docs.constructor_description(name)
        };
        if described.is_none() {
            missing.push(name);
        }
    }
    missing.sort_unstable();
    let mut line = format!(
        "{total} new or changed definitions, {} without docs",
        missing.len()
    );
    if !missing.is_empty() {
        line.push_str(": ");
        line.push_str(
            &missing
                .iter()
                .take(LISTED)
                .copied()
                .collect::<Vec<_>>()
                .join(", "),
        );
        if missing.len() > LISTED {
            line.push_str(", …");
        }
    }
    line
}

/// A schema file `update` replaces, with its old and new text.
struct Replaced {
    path: PathBuf,
    old: String,
    new: String,
}

/// Writes the files of `output` that differ into `out_dir` (relative to `root`); on an error,
/// restores the `replaced` schemas, says what to run, and returns `false`.
fn write_generated(
    root: &std::path::Path,
    out_dir: &str,
    output: &tlgen_codegen::Output,
    replaced: &[Replaced],
) -> bool {
    for file in &output.files {
        let path = root.join(out_dir).join(&file.path);
        if std::fs::read(&path).is_ok_and(|old| old == file.contents.as_bytes()) {
            continue;
        }
        if let Err(e) = std::fs::write(&path, &file.contents) {
            eprintln!("error: {}: {e}", path.display());
            restore(replaced);
            eprintln!(
                "the schemas were restored; {out_dir} may be partly rewritten: run `{}`",
                workspace::REGENERATE
            );
            return false;
        }
    }
    true
}

/// Writes back the old contents of the replaced files.
fn restore(replaced: &[Replaced]) {
    for r in replaced {
        if let Err(e) = std::fs::write(&r.path, &r.old) {
            eprintln!("error: cannot restore {}: {e}", r.path.display());
        }
    }
}

/// The refusal after diagnostics: nothing was changed.
fn refused() -> ExitCode {
    eprintln!("error: the new schema has errors; nothing was replaced");
    ExitCode::FAILURE
}

/// Prints `error: …` on stderr and returns failure.
fn fail(e: &dyn std::fmt::Display) -> ExitCode {
    eprintln!("error: {e}");
    ExitCode::FAILURE
}
