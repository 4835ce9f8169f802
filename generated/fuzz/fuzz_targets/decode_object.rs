//! The `decode_object` fuzz target: the input, and what must hold of it, are in
//! `../checks/decode_object.rs`, which `tests/tests/fuzz_corpus.rs` also runs on stable over
//! `../seeds/decode_object` (the seeds) and `../regressions/decode_object` (every failure found).
//!
//! Run with `cargo +nightly fuzz run decode_object` from `generated/`, or `scripts/fuzz-brief.sh`.

#![no_main]

#[path = "../checks/decode_object.rs"]
mod check;

libfuzzer_sys::fuzz_target!(|data: &[u8]| check::check(data));
