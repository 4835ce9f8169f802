//! `tl-codegen docs extract PAGE...`: what documentation pages say, as JSON.

use std::path::PathBuf;
use std::process::ExitCode;

/// The `docs` subcommand's arguments.
#[derive(Debug, clap::Args)]
pub struct Args {
    #[command(subcommand)]
    command: Command,
}

/// The `docs` subcommands.
#[derive(Debug, clap::Subcommand)]
enum Command {
    /// Print, as JSON, what is read from each page: name, description, params, errors.
    Extract {
        /// The page files (text form of core.telegram.org method or constructor pages).
        #[arg(required = true)]
        pages: Vec<PathBuf>,
    },
}

/// Runs a `docs` subcommand; fails when a page cannot be read or parsed (the JSON
/// says which).
pub fn run(args: Args) -> ExitCode {
    match args.command {
        Command::Extract { pages } => {
            let (json, failed) = tlgen_docs::extract_pages(&pages);
            println!("{json}");
            if failed {
                eprintln!("error: some pages could not be read; see their \"error\" entries");
                ExitCode::FAILURE
            } else {
                ExitCode::SUCCESS
            }
        }
    }
}
