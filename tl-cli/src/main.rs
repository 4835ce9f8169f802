//! The `tl-codegen` command: regenerate the bindings, inspect schemas, extract docs.

use std::process::ExitCode;

use clap::{Parser, Subcommand};
use tlgen_cli::{decode, diff, docs, encode, generate, inspect, update};

/// Rust bindings from Telegram TL schemas.
#[derive(Parser)]
#[command(name = "tl-codegen", version, about)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Generate Rust bindings: for any schema (--schema FILE… --out DIR), or without
    /// --schema the workspace's checked-in crates (generated/, tdlib-types/ + tdlib/, tonlib/) from schema/.
    Generate(Box<generate::Args>),
    /// Parse schema files and print a summary and diagnostics, or a JSON dump.
    Inspect(inspect::Args),
    /// Documentation pages.
    Docs(docs::Args),
    /// Decode TL bytes (raw, hex or base64) to TL-JSON with the built-in or a given schema;
    /// with --json tdlib|tonlib, check TDLib's or tonlib's JSON lines against --schema.
    Decode(decode::Args),
    /// Encode TL-JSON to TL bytes (raw, hex or base64), or with --json tdlib|tonlib to
    /// TDLib's or tonlib's JSON lines.
    Encode(encode::Args),
    /// Compare two schemas: what changed in TL and in the generated Rust.
    Diff(diff::Args),
    /// Replace schema/ with a new (or older) layer, regenerate, report what changed.
    Update(update::Args),
}

fn main() -> ExitCode {
    match Cli::parse().command {
        Command::Generate(args) => generate::run(*args),
        Command::Inspect(args) => inspect::run(args),
        Command::Docs(args) => docs::run(args),
        Command::Decode(args) => decode::run(args),
        Command::Encode(args) => encode::run(args),
        Command::Diff(args) => diff::run(args),
        Command::Update(args) => update::run(args),
    }
}
