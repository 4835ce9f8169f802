//! The `lower` fuzz target: the input, and what must hold of it, are in
//! `../checks/lower.rs`, which `tests/tests/fuzz_corpus.rs` also runs on stable over
//! `../seeds/lower` (the seeds) and `../regressions/lower` (every failure found).
//!
//! Run with `cargo +nightly fuzz run lower` from `tl-codegen/`, or `scripts/fuzz-brief.sh`.

#![no_main]

#[path = "../checks/lower.rs"]
mod check;

libfuzzer_sys::fuzz_target!(|data: &[u8]| check::check(data));
