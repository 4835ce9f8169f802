//! The `json` fuzz target: the input, and what must hold of it, are in
//! `../checks/json.rs`, which `tests/tests/fuzz_corpus.rs` also runs on stable over
//! `../seeds/json` (the seeds) and `../regressions/json` (every failure found).
//!
//! Run with `cargo +nightly fuzz run json` from `tl-dynamic/`, or `scripts/fuzz-brief.sh`.

#![no_main]

#[path = "../checks/json.rs"]
mod check;

libfuzzer_sys::fuzz_target!(|data: &[u8]| check::check(data));
