//! Feeds arbitrary bytes to the parser: it must never panic, hang or overflow the stack,
//! and what it returns must hold together.

/// The target: panics when an invariant does not hold.
pub fn check(data: &[u8]) {
    let source = String::from_utf8_lossy(data);
    let schema = tlgen_parser::parse(&source);
    for diagnostic in &schema.diagnostics {
        assert!(diagnostic.span.start <= diagnostic.span.end);
        assert!(diagnostic.span.line >= 1 && diagnostic.span.column >= 1);
        let _ = diagnostic.render();
    }
    for definition in &schema.definitions {
        assert!(definition.span.end <= source.len());
        // What parses prints back as text that parses to the same definition.
        let printed = definition.to_string();
        let prefix = match definition.category {
            tlgen_parser::Category::Type => "",
            tlgen_parser::Category::Function => "---functions---\n",
        };
        let text = format!("{prefix}{printed}");
        let again = tlgen_parser::parse(&text);
        assert_eq!(
            again.definitions.first().map(|d| d.to_string()),
            Some(printed)
        );
    }
    let _ = schema.to_string();
}
