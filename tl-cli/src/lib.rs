//! The `tl-codegen` command, one module per subcommand: [`generate`], [`inspect`],
//! [`docs`]. A new subcommand is a new module with an `Args` struct and a `run`
//! function, plus one line in `main.rs`.

pub mod docs;
pub mod generate;
pub mod inspect;
pub mod workspace;
