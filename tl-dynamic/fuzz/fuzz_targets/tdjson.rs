//! The `tdjson` fuzz target: the input, and what must hold of it, are in
//! `../checks/tdjson.rs`, which `tests/tests/fuzz_corpus.rs` also runs on stable over
//! `../seeds/tdjson` (the seeds) and `../regressions/tdjson` (every failure found).
//!
//! Run with `cargo +nightly fuzz run tdjson` from `tl-dynamic/`, or `scripts/fuzz-brief.sh`.

#![no_main]

#[path = "../checks/tdjson.rs"]
mod check;

libfuzzer_sys::fuzz_target!(|data: &[u8]| check::check(data));
