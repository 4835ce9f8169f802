//! Malformed and hostile schemas through the whole generator: always a clear error (or
//! valid output), never a panic.

use std::io::Write;

use proptest::prelude::*;
use tlgen_codegen::{Config, Error};

fn generate(schema: &str) -> tlgen_codegen::Result<tlgen_codegen::Output> {
    let mut file = tempfile::NamedTempFile::new().unwrap();
    file.write_all(schema.as_bytes()).unwrap();
    Config::new().schema(file.path()).pretty(false).generate()
}

#[test]
fn syntax_errors_are_reported_with_positions() {
    let err = generate("good = Good;\nbad#zz a:int = Bad;\nworse a: = Worse;\n").unwrap_err();
    let Error::Schema(errors) = &err else {
        panic!("{err}")
    };
    assert_eq!(errors.len(), 2, "{err}");
    assert!(errors[0].contains(":2:"), "{}", errors[0]);
    assert!(errors[1].contains(":3:"), "{}", errors[1]);
}

#[test]
fn undeclared_types_are_errors() {
    let err = generate("a x:Missing = A;\n").unwrap_err();
    assert!(err.to_string().contains("Missing"), "{err}");
}

#[test]
fn a_bare_reference_to_a_type_with_two_constructors_is_an_error() {
    let err = generate("x = X;\ny = X;\nholder v:%X = Holder;\n").unwrap_err();
    assert!(err.to_string().contains("%X"), "{err}");
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
    assert!(generate(&deep).is_err());
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
        let _ = generate(&schema);
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
    let output = Config::new().schema(file.path()).generate().unwrap();
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
    let Error::Schema(errors) = &err else {
        panic!("{err}")
    };
    assert_eq!(errors.len(), 1);
    assert!(errors[0].contains("byte 0xe9 at offset 15"), "{err}");
    assert!(errors[0].contains(":2:3"), "{err}");
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
    assert_eq!(output.warnings.len(), 2, "{:?}", output.warnings);

    let output = Config::new()
        .schema(file.path())
        .known_id_mismatch("a", 1)
        .generate()
        .unwrap();
    assert_eq!(output.warnings.len(), 1, "{:?}", output.warnings);
    assert!(output.warnings[0].contains("`b`"), "{:?}", output.warnings);

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
    assert!(errors[0].contains("`b`"), "{err}");
    let summary = err.summary_lines();
    assert!(summary[0].contains(":2:"), "{summary:?}");
    assert!(
        summary[0].contains("error: declared id 0x00000002"),
        "{summary:?}"
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
