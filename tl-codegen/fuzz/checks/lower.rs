//! Any text as a TL schema, through the generator: what parses without errors lowers to the
//! generator's model (or a `LowerError`) and loads into `tlgen-dynamic` (or a `SchemaError`),
//! never a panic; what lowers and generates is valid Rust (every file parses with
//! `syn::parse_file`). (`tl-parser/fuzz` checks the parser itself.)
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
        let lowered = tlgen_codegen::model::lower(&schema, &tlgen_codegen::NoDocs).is_ok();
        // Either outcome is fine; an error is reported with its definition (tested elsewhere).
        let _ = tlgen_dynamic::Schema::from_source(text);
        if lowered {
            let generated = tlgen_codegen::Config::new()
                .schema_text("fuzz.tl", text)
                .pretty(false)
                .generate();
            if let Ok(output) = generated {
                for file in &output.files {
                    if let Err(e) = syn::parse_file(&file.contents) {
                        panic!("generated {} does not parse: {e}", file.path.display());
                    }
                }
            }
        }
    }
}
