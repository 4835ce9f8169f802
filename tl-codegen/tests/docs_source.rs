//! `Config::docs`: a caller's documentation joined into the output, and nothing of
//! Telegram's when no docs source is given.

use std::io::Write;
use std::path::PathBuf;

use tlgen_codegen::{Config, DocSource, ErrorRef};

const SCHEMA: &str = "\
    star amount:long = Star;\n\
    ---functions---\n\
    stars.give amount:long = Star;\n";

/// A small hand-made docs source.
struct Docs;

impl DocSource for Docs {
    fn constructor_description(&self, name: &str) -> Option<String> {
        (name == "star").then(|| "One star.".to_string())
    }
    fn function_description(&self, name: &str) -> Option<String> {
        (name == "stars.give").then(|| "Gives stars.".to_string())
    }
    fn type_description(&self, _: &str) -> Option<String> {
        None
    }
    fn param_description(&self, definition: &str, _: bool, param: &str) -> Option<String> {
        (definition == "stars.give" && param == "amount").then(|| "How many.".to_string())
    }
    fn function_errors(&self, name: &str) -> Vec<ErrorRef> {
        if name != "stars.give" {
            return Vec::new();
        }
        vec![ErrorRef {
            code: 400,
            name: "STARS_TOO_FEW".into(),
            description: "Not enough stars.".into(),
        }]
    }
    fn all_errors(&self) -> Vec<ErrorRef> {
        let mut all = self.function_errors("stars.give");
        all.push(ErrorRef {
            code: 420,
            name: "STAR_WAIT_%d".into(),
            description: "Wait.".into(),
        });
        all
    }
    fn files(&self) -> Vec<PathBuf> {
        vec![PathBuf::from("stars-docs.json")]
    }
    fn documented_params(&self, definition: &str, _: bool) -> Vec<String> {
        match definition {
            // Written when `star` still had `count`; `stars.give` is current.
            "star" => vec!["amount".into(), "count".into()],
            "stars.give" => vec!["amount".into()],
            _ => Vec::new(),
        }
    }
}

fn schema_file() -> tempfile::NamedTempFile {
    let mut file = tempfile::NamedTempFile::new().unwrap();
    file.write_all(SCHEMA.as_bytes()).unwrap();
    file
}

fn generate(config: &mut Config) -> String {
    let file = schema_file();
    let output = config.schema(file.path()).generate().unwrap();
    assert_eq!(output.files.len(), 1);
    output.files[0].contents.clone()
}

#[test]
fn the_docs_source_is_joined_in() {
    let code = generate(Config::new().docs(Docs));
    for expected in [
        "/// One star.",
        "/// Gives stars.",
        "/// How many.",
        "StarsTooFew",
        "StarWait {",
        "\"STAR_WAIT_%d\"",
        "Not enough stars.",
    ] {
        assert!(code.contains(expected), "missing {expected:?}");
    }
}

#[test]
fn without_docs_there_are_no_telegram_errors() {
    let code = generate(&mut Config::new());
    // `errors::Error` has only its catch-all variant.
    let start = code.find("pub enum Error {").unwrap();
    let end = start + code[start..].find("\n    }").unwrap();
    let variants: Vec<&str> = code[start..end]
        .lines()
        .skip(1)
        .filter(|l| !l.trim_start().starts_with("///"))
        .collect();
    assert_eq!(variants, ["        Other(::tlgen_runtime::RpcError),"]);
    // The generated docs may name Telegram's errors as examples; the code does not.
    let code_only: Vec<&str> = code
        .lines()
        .filter(|l| !l.trim_start().starts_with("//"))
        .collect();
    for telegram in [
        "FloodWait",
        "AuthKeyUnregistered",
        "\"FLOOD_WAIT_%d\"",
        "UserMigrate",
    ] {
        assert!(
            !code_only.iter().any(|l| l.contains(telegram)),
            "found {telegram}"
        );
    }
}

#[test]
fn a_config_with_docs_can_be_cloned_and_used_twice() {
    let mut config = Config::new();
    config.docs(Docs);
    let copy = config.clone();
    assert_eq!(generate(&mut config.clone()), generate(&mut copy.clone()));
}

#[test]
fn docs_written_for_an_earlier_version_are_marked() {
    let code = generate(Config::new().docs(Docs));
    let note = "**Note:** this documentation was written for an earlier version of this \
                definition: it describes params it no longer has (`count`).";
    assert_eq!(code.matches(note).count(), 1, "{code}");
    let star = code.find("pub struct Star ").unwrap();
    let give = code.find("pub struct Give ").unwrap();
    let at = code.find(note).unwrap();
    assert!(at < star, "the note belongs to `star`, above its struct");
    assert!(!(star..give).contains(&at));
}

/// `Config::new()` is tlgen-types with its default features: a function's
/// `TypedErrors::Error` is `errors::Error` (the per-method enums are opt-in), so code
/// written against the crate compiles against a subset (`scripts/outside-user.sh` compiles
/// the README's snippet against both).
#[test]
fn typed_errors_are_errors_error_by_default() {
    let typed = |code: &str| -> Vec<String> {
        code.lines()
            .filter(|l| l.trim_start().starts_with("type Error ="))
            .map(|l| l.trim().to_owned())
            .collect()
    };
    let code = generate(Config::new().docs(Docs));
    assert_eq!(typed(&code), ["type Error = super::super::errors::Error;"]);
    assert!(!code.contains("pub mod method_errors"), "{code}");
    let code = generate(Config::new().docs(Docs).method_errors(true));
    assert_eq!(
        typed(&code),
        ["type Error = super::super::errors::stars::GiveError;"]
    );
}
