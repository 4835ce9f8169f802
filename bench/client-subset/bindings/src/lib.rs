//! The bindings of `tl-client-subset`: its `build.rs` generates the closure of the bot's
//! calls in Telegram's layer, with typed errors. A crate of their own, so that editing the
//! bot recompiles the bot alone (as with a dependency on the whole-layer `tlgen-types`).

#![allow(missing_docs, clippy::possible_missing_else)]

include!(concat!(env!("OUT_DIR"), "/tl.rs"));

pub use tlgen_runtime::{Deserializable, Serializable, TypedErrors};
