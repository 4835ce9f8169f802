//! Malformed and hostile schemas through the whole generator: always a clear error (or
//! valid output), never a panic.

use std::io::Write;

use proptest::prelude::*;
use tlgen_codegen::{Config, ConfigError, DiagnosticKind, Error, LowerErrorKind, Severity};
use tlgen_parser::resolve::ResolveErrorKind;

#[path = "common/arbitrary.rs"]
mod arbitrary;

fn generate(schema: &str) -> tlgen_codegen::Result<tlgen_codegen::Output> {
    let mut file = tempfile::NamedTempFile::new().unwrap();
    file.write_all(schema.as_bytes()).unwrap();
    Config::new().schema(file.path()).pretty(false).generate()
}

/// Every file of `output` parses as a Rust file; the first that does not, with its error.
fn parses(output: &tlgen_codegen::Output) -> Result<(), String> {
    for file in &output.files {
        syn::parse_file(&file.contents)
            .map_err(|e| format!("{} does not parse: {e}", file.path.display()))?;
    }
    Ok(())
}

#[test]
fn syntax_errors_are_reported_with_positions() {
    let err = generate("good = Good;\nbad#zz a:int = Bad;\nworse a: = Worse;\n").unwrap_err();
    let Error::Schema(errors) = &err else {
        panic!("{err}")
    };
    let found: Vec<_> = errors
        .iter()
        .map(|d| (d.severity, d.kind, d.span.line, d.span.column))
        .collect();
    // `bad#zz`: the id starts at column 5; `worse a: = …`: the type is missing after `:`.
    assert_eq!(
        found,
        [
            (Severity::Error, DiagnosticKind::Syntax, 2, 5),
            (Severity::Error, DiagnosticKind::Syntax, 3, 9),
        ],
        "{err}"
    );
}

#[test]
fn undeclared_types_are_errors() {
    let err = generate("a x:Missing = A;\n").unwrap_err();
    let Error::Schema(errors) = &err else {
        panic!("{err}")
    };
    assert_eq!(errors.len(), 1, "{err}");
    assert_eq!(errors[0].kind, DiagnosticKind::UndeclaredType);
    assert_eq!((errors[0].span.line, errors[0].span.column), (1, 5));
    assert!(errors[0].message.contains("`Missing`"), "{err}");
}

#[test]
fn a_bare_reference_to_a_type_with_two_constructors_is_an_error() {
    let err = generate("x = X;\ny = X;\nholder v:%X = Holder;\n").unwrap_err();
    let Error::Lower(errors) = &err else {
        panic!("{err}")
    };
    assert_eq!(errors.len(), 1, "{err}");
    let e = &errors[0];
    assert_eq!(
        e.kind,
        LowerErrorKind::Resolve(ResolveErrorKind::AmbiguousBareType)
    );
    assert_eq!((e.definition.as_str(), e.line, e.column), ("holder", 3, 1));
    assert!(e.message.contains("`%X`"), "{err}");
    let summary = err.summary_lines();
    assert_eq!(summary.len(), 1);
    assert!(
        summary[0].starts_with(&format!("{}:3:1: error: holder: ", e.file)),
        "{summary:?}"
    );
}

/// A runtime path that is not a Rust path is a configuration error, found before anything
/// is read, not generated code that does not parse.
#[test]
fn a_bad_runtime_path_is_a_configuration_error() {
    let err = Config::new()
        .schema("/nonexistent/schema.tl")
        .runtime_path("::tlgen runtime")
        .generate()
        .unwrap_err();
    let Error::Config(ConfigError::RuntimePath { path, .. }) = &err else {
        panic!("{err}")
    };
    assert_eq!(path, "::tlgen runtime");
    assert!(
        err.to_string().starts_with(
            "invalid configuration: runtime_path `::tlgen runtime` is not a Rust path"
        ),
        "{err}"
    );
    let err = Config::new()
        .json(tlgen_codegen::JsonDialect::Tl {
            feature: "serde".into(),
            module: "crate::".into(),
        })
        .generate()
        .unwrap_err();
    assert!(
        matches!(&err, Error::Config(ConfigError::SerdeVia { path, .. }) if path == "crate::"),
        "{err}"
    );
    // A path with a leading `::` or `crate::` is fine.
    let mut file = tempfile::NamedTempFile::new().unwrap();
    file.write_all(b"a = A;\n").unwrap();
    for path in ["::tlgen_runtime", "crate::rt"] {
        Config::new()
            .schema(file.path())
            .runtime_path(path)
            .generate()
            .unwrap_or_else(|e| panic!("{path}: {e}"));
    }
}

#[test]
fn a_missing_schema_file_is_an_io_error() {
    let err = Config::new()
        .schema("/nonexistent/schema.tl")
        .generate()
        .unwrap_err();
    assert!(matches!(err, Error::Io { .. }), "{err}");
}

#[test]
fn deep_generic_nesting_is_an_error() {
    let deep = format!(
        "a v:{}int{} = A;\n",
        "Vector<".repeat(10_000),
        ">".repeat(10_000)
    );
    let Error::Schema(diagnostics) = generate(&deep).unwrap_err() else {
        panic!("not a schema error");
    };
    let [d] = diagnostics.as_slice() else {
        panic!("{diagnostics:?}")
    };
    assert_eq!(d.kind, DiagnosticKind::Syntax);
    assert_eq!(
        d.message,
        "type arguments are nested too deeply (more than 64 levels)"
    );
    // At the 66th `Vector`, the 65th level of type arguments: after `a v:` and 65 × `Vector<`.
    let start = "a v:".len() + 65 * "Vector<".len();
    assert_eq!((d.span.start, d.span.end), (start, start + "Vector".len()));
}

/// A chain of 20,000 types, each holding the next inline, ending in a large one: the size
/// estimate behind large-field boxing walks it without recursing, and boxes only the last link.
#[test]
fn a_long_chain_of_inline_types_is_sized_without_recursion() {
    let links = 20_000;
    let mut schema = String::new();
    for i in 0..links {
        schema.push_str(&format!("link{i} next:Link{} = Link{i};\n", i + 1));
    }
    schema.push_str(&format!(
        "link{links} a:int256 b:int256 c:int256 d:int256 e:int256 = Link{links};\n"
    ));
    let output = generate(&schema).unwrap();
    assert_eq!(output.stats.constructors, links + 1);
    let text = &output.files[0].contents;
    let boxed = text.matches("Box<super::enums::Link").count()
        + text.matches("Box < super :: enums :: Link").count();
    assert_eq!(boxed, 1, "only the link to the 160-byte type is boxed");
}

#[test]
fn an_empty_schema_generates_an_empty_crate() {
    let output = generate("").unwrap();
    assert_eq!(output.stats.constructors, 0);
}

const STARS: &str = include_str!("../../tests/schema/stars.tl");

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    /// Mutated real schemas: any outcome but a panic.
    #[test]
    fn mutated_schemas_never_panic(at in 0usize..STARS.len(), len in 0usize..40, insert in "[ -~]{0,12}") {
        let mut bytes = STARS.as_bytes().to_vec();
        let end = (at + len).min(bytes.len());
        bytes.splice(at..end, insert.bytes());
        let schema = String::from_utf8_lossy(&bytes).into_owned();
        // An error is fine (it is reported, checked elsewhere); a success is valid Rust.
        if let Ok(output) = generate(&schema) {
            prop_assert!(!output.files.is_empty());
            parses(&output).map_err(|e| TestCaseError::fail(format!("{e}\n{schema}")))?;
        }
    }

    /// Valid schemas of every feature (flags, generics, vectors, recursion, keywords; see
    /// `common/arbitrary.rs`) generate, with every optional part on, code that parses.
    /// `snapshots_compile.rs` compiles a sample of them (`arbitrary_*.rs` snapshots).
    #[test]
    fn valid_schemas_generate_code_that_parses(seed in any::<u64>()) {
        let schema = arbitrary::schema(seed);
        let mut file = tempfile::NamedTempFile::new().unwrap();
        file.write_all(schema.as_bytes()).unwrap();
        let output = Config::new()
            .schema(file.path())
            .pretty(false)
            .object(true)
            .conversions(true)
            .borrowed(true)
            .method_errors(true)
            .generate()
            .map_err(|e| TestCaseError::fail(format!("{e}\n{schema}")))?;
        prop_assert!(!output.files.is_empty());
        parses(&output).map_err(|e| TestCaseError::fail(format!("{e}\n{schema}")))?;
    }
}

/// The variant names of `pub enum Object` in generated code, in order.
fn object_variants(code: &str) -> Vec<String> {
    let start = code.find("pub enum Object {").expect("an Object enum");
    let body = &code[start..];
    let body = &body[..body.find("\n}").expect("the end of Object")];
    body.lines()
        .map(str::trim)
        .filter(|line| !line.starts_with("//") && !line.starts_with('#'))
        .filter_map(|line| line.split_once('(').map(|(name, _)| name.to_string()))
        .collect()
}

/// Types `Foo` and `FooCall` plus a function `foo`, and a type `foo.Call` (joined, also
/// `FooCall`): every `Object` variant still gets a name of its own (a numbered suffix when
/// the suffixed name is taken too).
#[test]
fn object_variant_names_never_collide() {
    let schema = "fooValue = Foo;\nfooCallValue = FooCall;\nfoo.callValue = foo.Call;\n\
                  ---functions---\nfoo = Foo;\nfooCall = FooCall;\n";
    let mut file = tempfile::NamedTempFile::new().unwrap();
    file.write_all(schema.as_bytes()).unwrap();
    let output = Config::new()
        .schema(file.path())
        .object(true)
        .generate()
        .unwrap();
    let variants = object_variants(&output.files[0].contents);
    let mut unique = variants.clone();
    unique.sort();
    unique.dedup();
    assert_eq!(unique.len(), variants.len(), "{variants:?}");
    assert_eq!(
        variants,
        [
            "Bool",
            "Foo",
            "FooCall",
            "FooCallType",
            "FooCall2",
            "FooCallCall"
        ],
        "{variants:?}"
    );
}

/// A schema file that is not UTF-8: an error naming the byte offset, line and column.
#[test]
fn invalid_utf8_is_reported_with_its_byte_offset_and_position() {
    let mut file = tempfile::NamedTempFile::new().unwrap();
    file.write_all(b"good = Good;\nab\xe9\xffc = Bad;\n")
        .unwrap();
    let err = Config::new().schema(file.path()).generate().unwrap_err();
    let Error::InvalidUtf8(tlgen_parser::ReadError::InvalidUtf8 {
        offset,
        byte,
        line,
        column,
        ..
    }) = &err
    else {
        panic!("{err}")
    };
    // `ab` starts line 2 at byte 13: 0xe9 is byte 15, column 3.
    assert_eq!((*offset, *byte, *line, *column), (15, 0xe9, 2, 3));
    assert_eq!(
        err.summary_lines(),
        [format!(
            "{}:2:3: error: invalid UTF-8: byte 0xe9 at offset 15 starts no valid character",
            file.path().display()
        )]
    );
}

/// A known id mismatch is accepted (no warning, no error under `strict_ids`); a mismatch
/// with another declared id, or of another definition, is still reported.
#[test]
fn known_id_mismatches_are_quiet_and_others_are_not() {
    let schema = "a#00000001 = A;\nb#00000002 = B;\n";
    let mut file = tempfile::NamedTempFile::new().unwrap();
    file.write_all(schema.as_bytes()).unwrap();

    let output = Config::new().schema(file.path()).generate().unwrap();
    let warnings: Vec<_> = output
        .warnings
        .iter()
        .map(|d| (d.severity, d.kind, d.span.line, d.span.column))
        .collect();
    assert_eq!(
        warnings,
        [
            (Severity::Warning, DiagnosticKind::IdMismatch, 1, 2),
            (Severity::Warning, DiagnosticKind::IdMismatch, 2, 2),
        ]
    );

    let output = Config::new()
        .schema(file.path())
        .known_id_mismatch("a", 1)
        .generate()
        .unwrap();
    assert_eq!(output.warnings.len(), 1, "{:?}", output.warnings);
    assert_eq!(output.warnings[0].span.line, 2, "{:?}", output.warnings);

    let output = Config::new()
        .schema(file.path())
        .known_id_mismatch("a", 1)
        .known_id_mismatch("b", 3) // not the declared id: still reported
        .generate()
        .unwrap();
    assert_eq!(output.warnings.len(), 1, "{:?}", output.warnings);

    let err = Config::new()
        .schema(file.path())
        .strict_ids(true)
        .known_id_mismatch("a", 1)
        .generate()
        .unwrap_err();
    let Error::Schema(errors) = &err else {
        panic!("{err}")
    };
    assert_eq!(errors.len(), 1, "{err}");
    assert_eq!(
        (errors[0].severity, errors[0].kind, errors[0].span.line),
        (Severity::Error, DiagnosticKind::IdMismatch, 2)
    );
    assert_eq!(
        err.summary_lines(),
        [format!(
            "{}:2:2: error: declared id 0x00000002 of `b` differs from the computed id \
             0xa4070ed3 of `b = B`; the declared id is used",
            file.path().display()
        )]
    );

    Config::new()
        .schema(file.path())
        .strict_ids(true)
        .known_id_mismatch("a", 1)
        .known_id_mismatch("b", 2)
        .generate()
        .unwrap();
}

/// `Display` is the rustc-style report: every diagnostic with its position and snippet.
#[test]
fn the_error_display_is_the_full_report() {
    let err = generate("good = Good;\nbad#zz a:int = Bad;\nworse a: = Worse;\n").unwrap_err();
    let shown = err.to_string();
    assert!(
        shown.starts_with("the schema has 2 errors:\n\nerror: "),
        "{shown}"
    );
    assert_eq!(shown.matches(" --> ").count(), 2, "{shown}");
    assert!(shown.contains("2 | bad#zz a:int = Bad;"), "{shown}");
    assert!(!shown.contains("Schema(["), "{shown}");
    assert_eq!(err.summary_lines().len(), 2);
}

/// `pretty(true)` needs the `pretty` feature: without it, a configuration error that names
/// the feature, and the default is the one-line output.
#[test]
fn pretty_output_needs_the_pretty_feature() {
    let mut file = tempfile::NamedTempFile::new().unwrap();
    file.write_all(b"a = A;\n").unwrap();
    let compact = Config::new()
        .schema(file.path())
        .pretty(false)
        .generate()
        .unwrap_or_else(|e| panic!("{e}"));
    let default = Config::new()
        .schema(file.path())
        .generate()
        .map(|o| o.files);
    let pretty = Config::new().schema(file.path()).pretty(true).generate();
    if cfg!(feature = "pretty") {
        let pretty = pretty.unwrap_or_else(|e| panic!("{e}")).files;
        assert_ne!(pretty, compact.files);
        assert_eq!(default.ok(), Some(pretty));
    } else {
        let err = pretty.err().map(|e| e.to_string());
        assert_eq!(
            err.as_deref(),
            Some(
                "invalid configuration: pretty(true) needs the `pretty` feature of \
                 tlgen-codegen (a default feature): enable it, or call pretty(false)"
            )
        );
        assert_eq!(default.ok(), Some(compact.files));
    }
}

/// TON's `lite_api.tl` declares three ids on purpose that differ from their lines: known to
/// the parser, so a build is quiet; `warn_ids(true)` shows them (as notes).
#[test]
fn a_build_of_tons_lite_api_is_quiet_unless_asked() {
    let lite = include_str!("../../tl-parser/tests/fixtures/ton/lite_api.tl");
    let output = Config::new()
        .schema_text("lite_api.tl", lite)
        .generate()
        .unwrap();
    assert_eq!(output.warnings, [], "{:?}", output.warnings);
    let output = Config::new()
        .schema_text("lite_api.tl", lite)
        .warn_ids(true)
        .generate()
        .unwrap();
    let notes: Vec<_> = output
        .warnings
        .iter()
        .map(|d| (d.severity, d.kind, d.span.line))
        .collect();
    assert_eq!(
        notes,
        [
            (Severity::Note, DiagnosticKind::IdMismatch, 45),
            (Severity::Note, DiagnosticKind::IdMismatch, 51),
            (Severity::Note, DiagnosticKind::IdMismatch, 107),
        ]
    );
    assert!(output.warnings[0].to_string().starts_with(
        "note: declared id 0xb12f65af of `liteServer.transactionId` differs from the computed id"
    ));
}

/// `Config::dialect` overrides the evidence: TDLib's `td_api.tl` style hashed as Telegram's.
#[test]
fn an_explicit_dialect_changes_the_ids() {
    let td = "int32 = Int32;\nbytes = Bytes;\ntestBytes value:bytes = TestBytes;\n";
    let id = |config: &mut Config| {
        let output = config.schema_text("td_api.tl", td).generate().unwrap();
        let text = &output.files[0].contents;
        let at = text.find("const CONSTRUCTOR_ID: u32 = ").unwrap();
        text[at..].split(';').next().unwrap().to_owned()
    };
    // CRC32 of `testBytes value:bytes = TestBytes`, and of it with `string`.
    assert_eq!(
        id(&mut Config::new()),
        "const CONSTRUCTOR_ID: u32 = 0xa422c4de"
    );
    assert_eq!(
        id(Config::new().dialect(tlgen_parser::Dialect::Telegram)),
        "const CONSTRUCTOR_ID: u32 = 0x17d61bd6"
    );
}
