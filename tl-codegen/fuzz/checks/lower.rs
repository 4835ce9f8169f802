//! Any text as a TL schema, through the generator's front end: what parses without errors
//! lowers to the generator's model (or a `LowerError`) and loads into `tlgen-dynamic` (or a
//! `SchemaError`), never a panic. (`tl-parser/fuzz` checks the parser itself.)
//!
//! Run with `cargo +nightly fuzz run lower` from `tl-codegen/`; the snapshot schemas
//! (`tests/snapshots/*.tl`) and `schema/mtproto.tl` make good seeds.

/// The target: panics when an invariant does not hold.
pub fn check(data: &[u8]) {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let schema = tlgen_parser::parse(text);
    for d in &schema.diagnostics {
        assert!(
            d.span.start <= d.span.end && d.span.end <= text.len(),
            "span outside the input"
        );
        let _ = d.render();
    }
    let clean = schema
        .diagnostics
        .iter()
        .all(|d| d.severity != tlgen_parser::Severity::Error);
    if clean {
        let _ = tlgen_codegen::model::lower(&schema, &tlgen_codegen::NoDocs);
        let _ = tlgen_dynamic::Schema::from_source(text);
    }
}
