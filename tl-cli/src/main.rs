//! The `tl-codegen` command: regenerate the bindings, inspect schemas, extract docs.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};
use tl_codegen::workspace;

/// Rust bindings from Telegram TL schemas.
#[derive(Parser)]
#[command(name = "tl-codegen", version, about)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Regenerate generated/ from schema/ (the checked-in tl-types crate).
    Generate {
        /// Write nothing; exit 1 if generated/ is not what the schemas produce.
        #[arg(long)]
        check: bool,
        /// The workspace root (default: found from the current directory).
        #[arg(long)]
        root: Option<PathBuf>,
    },
    /// Parse schema files and print a summary and diagnostics, or a JSON dump.
    Inspect {
        /// The .tl files, read together as one schema.
        #[arg(required = true)]
        files: Vec<PathBuf>,
        /// Print the stable JSON dump instead of the summary.
        #[arg(long)]
        json: bool,
        /// Report id mismatches as errors.
        #[arg(long)]
        strict_ids: bool,
    },
    /// Documentation pages.
    Docs {
        #[command(subcommand)]
        command: DocsCommand,
    },
}

#[derive(Subcommand)]
enum DocsCommand {
    /// Print, as JSON, what is read from each page: name, description, params, errors.
    Extract {
        /// The page files (text form of core.telegram.org method or constructor pages).
        #[arg(required = true)]
        pages: Vec<PathBuf>,
    },
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        Command::Generate { check, root } => generate(check, root),
        Command::Inspect {
            files,
            json,
            strict_ids,
        } => inspect(&files, json, strict_ids),
        Command::Docs {
            command: DocsCommand::Extract { pages },
        } => {
            let (json, failed) = tl_codegen::docs::extract_pages(&pages);
            println!("{json}");
            if failed {
                ExitCode::FAILURE
            } else {
                ExitCode::SUCCESS
            }
        }
    }
}

fn generate(check: bool, root: Option<PathBuf>) -> ExitCode {
    let root = root.unwrap_or_else(workspace::find_root);
    let config = workspace::bindings_config(&root);
    if check {
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
            Err(e) => {
                eprintln!("error: {e}");
                ExitCode::FAILURE
            }
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
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::FAILURE
        }
    }
}

fn inspect(files: &[PathBuf], json: bool, strict_ids: bool) -> ExitCode {
    let mut sources = Vec::new();
    for path in files {
        match std::fs::read_to_string(path) {
            Ok(text) => sources.push((path.display().to_string(), text)),
            Err(e) => {
                eprintln!("error: {}: {e}", path.display());
                return ExitCode::FAILURE;
            }
        }
    }
    let report = tl_codegen::inspect::inspect(&sources, json, strict_ids);
    print!("{}", report.output);
    if report.has_errors {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    }
}
