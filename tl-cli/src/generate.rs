//! `tl-codegen generate [--check] [--root DIR]`: regenerate `generated/` from `schema/`.

use std::path::PathBuf;
use std::process::ExitCode;

use crate::workspace;

/// The `generate` subcommand's arguments.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Write nothing; exit 1 if generated/ is not what the schemas produce.
    #[arg(long)]
    check: bool,
    /// The workspace root (default: found from the current directory).
    #[arg(long)]
    root: Option<PathBuf>,
}

/// Regenerates the bindings, or with `--check` reports the stale files.
pub fn run(args: Args) -> ExitCode {
    let root = match args.root.map_or_else(workspace::find_root, Ok) {
        Ok(root) => root,
        Err(e) => return fail(&e),
    };
    let config = match workspace::bindings_config(&root) {
        Ok(config) => config,
        Err(e) => return fail(&e),
    };
    if args.check {
        return match config.stale_files() {
            Ok(stale) if stale.is_empty() => {
                println!("generated/ is up to date");
                ExitCode::SUCCESS
            }
            Ok(stale) => {
                eprintln!("generated/ is stale; these files differ from what schema/ produces:");
                for path in stale {
                    eprintln!("  {}", path.display());
                }
                eprintln!("run `{}` and commit the result", workspace::REGENERATE);
                ExitCode::FAILURE
            }
            Err(e) => fail(&e),
        };
    }
    match config.write() {
        Ok(output) => {
            for warning in &output.warnings {
                eprintln!("{warning}");
            }
            let s = &output.stats;
            println!(
                "generated {} constructors, {} types, {} functions: {} lines in {} files, {:.2?}",
                s.constructors,
                s.types,
                s.functions,
                s.lines,
                output.files.len(),
                s.elapsed
            );
            println!(
                "docs: {} of {} definitions, {} of {} params, {} of {} types documented; \
                 {} functions with error enums; {} known errors",
                s.documented,
                s.documented + s.undocumented,
                s.documented_fields,
                s.documented_fields + s.undocumented_fields,
                s.documented_types,
                s.types,
                s.functions_with_errors,
                s.errors
            );
            ExitCode::SUCCESS
        }
        Err(e) => fail(&e),
    }
}

/// Prints `error: …` on stderr and returns failure.
fn fail(e: &dyn std::fmt::Display) -> ExitCode {
    eprintln!("error: {e}");
    ExitCode::FAILURE
}
