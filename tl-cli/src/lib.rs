//! The `tl-codegen` command, one module per subcommand: [`generate`], [`inspect`],
//! [`docs`], [`diff`], [`update`]. A new subcommand is a new module with an `Args`
//! struct and a `run` function, plus one line in `main.rs`.

pub mod codec;
pub mod decode;
pub mod dialect;
pub mod diff;
pub mod docs;
pub mod encode;
pub mod generate;
pub mod inspect;
pub mod payload;
pub mod tdjson;
pub mod update;
pub mod workspace;
