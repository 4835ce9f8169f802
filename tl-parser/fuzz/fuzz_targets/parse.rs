//! The `parse` fuzz target: the input, and what must hold of it, are in
//! `../checks/parse.rs`, which `tests/tests/fuzz_corpus.rs` also runs on stable over
//! `../seeds/parse` (the seeds) and `../regressions/parse` (every failure found).
//!
//! Run with `cargo +nightly fuzz run parse` from `tl-parser/`, or `scripts/fuzz-brief.sh`.

#![no_main]

#[path = "../checks/parse.rs"]
mod check;

libfuzzer_sys::fuzz_target!(|data: &[u8]| check::check(data));
