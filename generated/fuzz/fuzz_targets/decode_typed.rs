//! The `decode_typed` fuzz target: the input, and what must hold of it, are in
//! `../checks/decode_typed.rs`, which `tests/tests/fuzz_corpus.rs` also runs on stable over
//! `../seeds/decode_typed` (the seeds) and `../regressions/decode_typed` (every failure found).
//!
//! Run with `cargo +nightly fuzz run decode_typed` from `generated/`, or `scripts/fuzz-brief.sh`.

#![no_main]

#[path = "../checks/decode_typed.rs"]
mod check;

libfuzzer_sys::fuzz_target!(|data: &[u8]| check::check(data));
