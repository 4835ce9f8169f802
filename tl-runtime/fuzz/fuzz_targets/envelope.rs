//! The `envelope` fuzz target: the input, and what must hold of it, are in
//! `../checks/envelope.rs`, which `tests/tests/fuzz_corpus.rs` also runs on stable over
//! `../seeds/envelope` (the seeds) and `../regressions/envelope` (every failure found).
//!
//! Run with `cargo +nightly fuzz run envelope` from `tl-runtime/`, or `scripts/fuzz-brief.sh`.

#![no_main]

#[path = "../checks/envelope.rs"]
mod check;

libfuzzer_sys::fuzz_target!(|data: &[u8]| check::check(data));
