//! `schema/api.tl` and `schema/mtproto.tl` read together: counts, ids, and printing back.

use std::collections::BTreeSet;

use tlgen_parser::{
    parse, parse_files, Category, Definition, DiagnosticKind, ParseOptions, Schema, Severity,
};

/// Reads a schema file of the repository, kept for the rest of the run: schemas borrow from it.
fn read(name: &str) -> &'static str {
    let path = format!("{}/../schema/{name}", env!("CARGO_MANIFEST_DIR"));
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
    Box::leak(text.into_boxed_str())
}

/// Both schemas, parsed as one.
fn both(options: &ParseOptions) -> Schema<'static> {
    let (api, mtproto) = (read("api.tl"), read("mtproto.tl"));
    parse_files(
        [("schema/api.tl", api), ("schema/mtproto.tl", mtproto)],
        options,
    )
}

#[test]
fn counts() {
    let schema = both(&ParseOptions::default());
    let errors: Vec<String> = schema.errors().map(|d| d.to_string()).collect();
    assert!(errors.is_empty(), "{}", errors.join("\n\n"));
    assert_eq!(schema.files, ["schema/api.tl", "schema/mtproto.tl"]);
    assert_eq!(schema.layer, Some(230));
    assert_eq!(schema.definitions.len(), 2612);

    let constructors: Vec<&Definition> = schema
        .definitions
        .iter()
        .filter(|d| d.category == Category::Type)
        .collect();
    let functions: Vec<&Definition> = schema
        .definitions
        .iter()
        .filter(|d| d.category == Category::Function)
        .collect();
    assert_eq!(constructors.len(), 1752);
    assert_eq!(functions.len(), 860);
    let types: BTreeSet<&str> = constructors.iter().map(|d| d.result.name).collect();
    assert_eq!(types.len(), 677);
    assert!(constructors.iter().all(|d| !d.result.is_bare()));
    assert_eq!(
        functions.iter().filter(|d| !d.generics.is_empty()).count(),
        11
    );

    assert_eq!(schema.builtins.len(), 8);
    let builtins: Vec<&str> = schema.builtins.iter().map(|b| b.text.as_str()).collect();
    assert_eq!(
        builtins,
        [
            "vector#1cb5c415 {t:Type} # [ t ] = Vector t",
            "int ? = Int",
            "long ? = Long",
            "double ? = Double",
            "string ? = String",
            "vector {t:Type} # [ t ] = Vector t",
            "int128 4*[ int ] = Int128",
            "int256 8*[ int ] = Int256",
        ]
    );
    assert_eq!(schema.builtins[0].declared_id, Some(0x1cb5c415));

    let without_id: Vec<&Definition> = schema
        .definitions
        .iter()
        .filter(|d| d.declared_id.is_none())
        .collect();
    assert_eq!(without_id.len(), 8);
    assert!(without_id
        .iter()
        .all(|d| d.span.file == 1 && d.category == Category::Type));
}

#[test]
fn exactly_three_mtproto_ids_differ() {
    let schema = both(&ParseOptions::default());
    let mismatches: Vec<(&str, u32, u32)> = schema
        .diagnostics
        .iter()
        .filter(|d| d.kind == DiagnosticKind::IdMismatch)
        .map(|d| (d.file.as_str(), d.span.line, d.span.column))
        .collect();
    assert_eq!(
        mismatches,
        [
            ("schema/mtproto.tl", 102, 13),
            ("schema/mtproto.tl", 103, 16),
            ("schema/mtproto.tl", 104, 18)
        ]
    );
    assert_eq!(schema.diagnostics.len(), 3);
    // Known and harmless: notes, which `inspect` shows and a build does not.
    assert!(schema
        .diagnostics
        .iter()
        .all(|d| d.severity == Severity::Note));
    assert_eq!(schema.dialect, tlgen_parser::Dialect::Telegram);
    let differing: Vec<&str> = schema
        .definitions
        .iter()
        .filter(|d| d.declared_id.is_some_and(|id| id != d.computed_id))
        .map(|d| d.name)
        .collect();
    assert_eq!(
        differing,
        ["ipPortSecret", "accessPointRule", "help.configSimple"]
    );
    // Every api.tl id verifies.
    assert!(schema
        .definitions
        .iter()
        .filter(|d| d.span.file == 0)
        .all(|d| d.declared_id == Some(d.computed_id)));
    // The declared id is the one that goes on the wire.
    let ip_port_secret = schema
        .definitions
        .iter()
        .find(|d| d.name == "ipPortSecret")
        .expect("parsed");
    assert_eq!(ip_port_secret.id(), 0x37982646);
}

/// The three known mismatches stay notes under `strict_ids`: the parser knows them
/// (`ipPortSecret`'s id is TDLib/TON's rule's, the other two are in `KNOWN_MISMATCHES`).
#[test]
fn strict_ids_keeps_the_known_mismatches_notes() {
    let schema = both(&ParseOptions {
        strict_ids: true,
        ..ParseOptions::default()
    });
    assert!(!schema.has_errors(), "{:?}", schema.errors().next());
    let notes: Vec<DiagnosticKind> = schema
        .diagnostics
        .iter()
        .filter(|d| d.severity == Severity::Note)
        .map(|d| d.kind)
        .collect();
    assert_eq!(notes, [DiagnosticKind::IdMismatch; 3]);
}

#[test]
fn api_alone_has_no_diagnostics() {
    let schema = parse(read("api.tl"));
    assert!(
        schema.diagnostics.is_empty(),
        "{:?}",
        schema.diagnostics.first()
    );
}

/// A definition without what printing leaves out (its position and doc comments).
fn printed_fields<'a>(def: &Definition<'a>) -> Definition<'a> {
    let mut def = def.clone();
    def.span = Default::default();
    def.docs = Default::default();
    for param in &mut def.params {
        param.span = Default::default();
        param.docs = None;
    }
    def
}

#[test]
fn print_then_parse_is_the_identity_per_definition() {
    let schema = both(&ParseOptions::default());
    for def in &schema.definitions {
        let text = def.to_string();
        let source = match def.category {
            Category::Type => text.clone(),
            Category::Function => format!("---functions---\n{text}"),
        };
        // One definition alone is weak evidence: read it as what its schema is.
        let telegram = ParseOptions {
            dialect: Some(tlgen_parser::Dialect::Telegram),
            ..ParseOptions::default()
        };
        let again = parse_files([("<input>", source.as_str())], &telegram);
        assert!(
            !again.definitions.is_empty(),
            "{text}: {:?}",
            again.diagnostics
        );
        assert!(
            again
                .diagnostics
                .iter()
                .all(|d| !matches!(d.kind, DiagnosticKind::Syntax)),
            "{text}: {:?}",
            again.diagnostics
        );
        assert_eq!(
            printed_fields(&again.definitions[0]),
            printed_fields(def),
            "{text}"
        );
        assert_eq!(again.definitions[0].to_string(), text);
    }
}

#[test]
fn print_then_parse_is_the_identity_for_the_whole_schema() {
    let schema = both(&ParseOptions::default());
    let text = schema.to_string();
    let again = parse(&text);
    assert!(!again.has_errors(), "{:?}", again.errors().next());
    assert_eq!(again.layer, schema.layer);
    fn strip<'a>(s: &Schema<'a>) -> Vec<Definition<'a>> {
        s.definitions.iter().map(printed_fields).collect()
    }
    assert_eq!(strip(&again), strip(&schema));
    fn builtins<'a>(s: &Schema<'a>) -> Vec<(&'a str, Option<u32>, String)> {
        s.builtins
            .iter()
            .map(|b| (b.name, b.declared_id, b.text.clone()))
            .collect()
    }
    assert_eq!(builtins(&again), builtins(&schema));
    // Printing is stable.
    assert_eq!(again.to_string(), text);
}

#[test]
fn canonical_text_of_known_definitions() {
    let schema = both(&ParseOptions::default());
    let by_name = |name: &str| {
        schema
            .definitions
            .iter()
            .find(|d| d.name == name)
            .expect("parsed")
    };
    assert_eq!(
        by_name("invokeAfterMsg").to_string(),
        "invokeAfterMsg#cb9f372d {X:Type} msg_id:long query:!X = X;"
    );
    assert_eq!(
        tlgen_parser::ids::canonical_form(by_name("invokeAfterMsg")),
        "invokeAfterMsg X:Type msg_id:long query:!X = X"
    );
    assert_eq!(
        tlgen_parser::ids::canonical_form(by_name("future_salts")),
        "future_salts req_msg_id:long now:int salts:vector future_salt = FutureSalts"
    );
    assert_eq!(
        by_name("resPQ").to_string(),
        "resPQ#05162463 nonce:int128 server_nonce:int128 pq:bytes server_public_key_fingerprints:Vector<long> = ResPQ;"
    );
    assert_eq!(
        by_name("tlsBlockScope").to_string(),
        "tlsBlockScope entries:Vector<TlsBlock> = TlsBlock;"
    );
    let secret = by_name("ipPortSecret");
    assert_eq!(tlgen_parser::ids::compute_id(secret), secret.computed_id);
}
