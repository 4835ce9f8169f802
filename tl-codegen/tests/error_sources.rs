//! `tlgen_codegen::Error` keeps its typed causes: `source()` reaches them.

use std::error::Error as _;
use std::io::Write;

use tlgen_codegen::{Config, Error, LowerError};

#[test]
fn an_io_error_has_the_io_error_as_its_source() {
    let err = Config::new()
        .schema("/nonexistent/schema.tl")
        .generate()
        .unwrap_err();
    let Error::Io { path, .. } = &err else {
        panic!("{err}")
    };
    assert!(path.ends_with("schema.tl"));
    let source = err
        .source()
        .and_then(|s| s.downcast_ref::<std::io::Error>());
    assert_eq!(
        source.map(std::io::Error::kind),
        Some(std::io::ErrorKind::NotFound)
    );
}

#[test]
fn a_lowering_error_has_the_first_lowering_error_as_its_source() {
    // `%X` is bare but `X` has two constructors: it parses, but cannot be generated.
    let mut file = tempfile::NamedTempFile::new().unwrap();
    file.write_all(b"x = X;\ny = X;\nholder v:%X = Holder;\n")
        .unwrap();
    let err = Config::new().schema(file.path()).generate().unwrap_err();
    let Error::Lower(errors) = &err else {
        panic!("{err}")
    };
    let source = err.source().and_then(|s| s.downcast_ref::<LowerError>());
    assert_eq!(source, errors.first());
    assert_eq!(source.map(|e| e.definition.as_str()), Some("holder"));
}

#[test]
fn a_schema_error_has_no_source() {
    let mut file = tempfile::NamedTempFile::new().unwrap();
    file.write_all(b"bad#zz a:int = Bad;\n").unwrap();
    let err = Config::new().schema(file.path()).generate().unwrap_err();
    assert!(matches!(err, Error::Schema(_)), "{err}");
    assert!(err.source().is_none());
}
