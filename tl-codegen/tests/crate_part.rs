//! Bindings split over two crates (`Config::crate_part`): which modules each part writes,
//! how the second re-exports the first, and what is refused.

use tlgen_codegen::{Config, ConfigError, CratePart, Error, JsonDialect, Layout};

const SCHEMA: &str = "\
//@description An object of this type can be returned on every function call, in case of an error
//@code Error code @message Error message
error code:int32 message:string = Error;

//@description Represents a file @id Unique file identifier
file id:int32 = File;

//@description Holds a file @file The file
fileHolder file:file = FileHolder;

---functions---

//@description Returns information about a file @file_id Identifier of the file to get
getFile file_id:int32 = File;
";

fn generate(part: CratePart) -> Result<Vec<(String, String)>, Error> {
    let output = Config::new()
        .schema_text("td_api.tl", SCHEMA)
        .json(JsonDialect::Tdlib)
        .layout(Layout::ModuleDir)
        .pretty(true)
        .crate_part(part)
        .generate()?;
    Ok(output
        .files
        .into_iter()
        .map(|f| (f.path.display().to_string(), f.contents))
        .collect())
}

fn file<'a>(files: &'a [(String, String)], name: &str) -> &'a str {
    match files.iter().find(|(path, _)| path == name) {
        Some((_, contents)) => contents,
        None => panic!(
            "no {name} among {:?}",
            files.iter().map(|f| &f.0).collect::<Vec<_>>()
        ),
    }
}

#[test]
fn the_types_part_has_types_and_enums_and_names_functions_without_linking() {
    let files = generate(CratePart::Types).unwrap();
    let names: Vec<&str> = files.iter().map(|(path, _)| path.as_str()).collect();
    assert_eq!(names, ["mod.rs", "types.rs", "enums.rs"]);
    let root = file(&files, "mod.rs");
    assert!(
        root.contains("pub mod types;") && root.contains("pub mod enums;"),
        "{root}"
    );
    assert!(
        !root.contains("pub enum Object") && !root.contains("functions"),
        "{root}"
    );
    let enums = file(&files, "enums.rs");
    // `getFile` lives in the other crate: named, not an intra-doc link that cannot resolve.
    assert!(enums.contains("Returned by `getFile`"), "{enums}");
    assert!(!enums.contains("super::functions"), "{enums}");
}

#[test]
fn the_rest_re_exports_the_types_crate_and_holds_functions_and_roots() {
    let files = generate(CratePart::Rest {
        types_crate: "::td_types".into(),
    })
    .unwrap();
    let names: Vec<&str> = files.iter().map(|(path, _)| path.as_str()).collect();
    assert_eq!(names, ["mod.rs", "functions.rs"]);
    let root = file(&files, "mod.rs");
    assert!(
        root.contains("pub use ::td_types::{enums, types};"),
        "{root}"
    );
    assert!(
        root.contains("pub enum Object") && root.contains("pub enum Function"),
        "{root}"
    );
    assert!(
        root.contains("pub mod functions;") && !root.contains("pub mod types"),
        "{root}"
    );
    // Paths are the ones of one crate: `super::types::…` resolves through the re-export.
    let functions = file(&files, "functions.rs");
    assert!(
        functions.contains("type Return = super::enums::File;"),
        "{functions}"
    );
    // The whole crate is the two parts together.
    let whole = generate(CratePart::Whole).unwrap();
    assert_eq!(
        file(&whole, "functions.rs"),
        functions,
        "functions are the same in one crate or two"
    );
    let types = generate(CratePart::Types).unwrap();
    assert_eq!(file(&whole, "types.rs"), file(&types, "types.rs"));
}

#[test]
fn only_the_tdlib_and_tonlib_dialects_split_and_the_types_crate_must_be_a_path() {
    let binary = Config::new()
        .schema_text("a.tl", "a#00000001 x:int = A;\n")
        .crate_part(CratePart::Types)
        .generate();
    assert!(
        matches!(binary, Err(Error::Config(ConfigError::SplitWithoutTdJson))),
        "{binary:?}"
    );
    let bad = generate(CratePart::Rest {
        types_crate: "td types".into(),
    });
    match bad {
        Err(Error::Config(ConfigError::TypesCrate { path, .. })) => assert_eq!(path, "td types"),
        other => panic!("{other:?}"),
    }
}
