//! `tl-codegen generate` for a schema that is not Telegram's: nothing Telegram-specific
//! (no `errors` module, no docs line) unless the schema has `rpc_error` or docs are given;
//! counts in the singular when there is one; the files it rewrote named, or "up to date";
//! and `generate --help` describing both uses.

use std::path::Path;
use std::process::{Command, Output};

/// A small schema of another protocol: no `rpc_error`, one function.
const SCHEMA: &str = "\
point x:int y:int = Point;
shape.circle center:Point radius:int = Shape;
shape.square corner:Point side:int = Shape;
---functions---
shape.area shape:Shape = Point;
";

fn tl_codegen(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_tl-codegen"))
        .args(args)
        .output()
        .unwrap_or_else(|e| panic!("cannot run tl-codegen: {e}"))
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

/// Every stdout line with its timing (`, 1.23ms`) dropped.
fn stdout_lines(output: &Output) -> Vec<String> {
    text(&output.stdout)
        .lines()
        .map(|l| match l.rfind(", ") {
            Some(at) if l.starts_with("generated ") => l[..at].to_owned(),
            _ => l.to_owned(),
        })
        .collect()
}

fn generate(schema: &Path, out: &Path, extra: &[&str]) -> Output {
    let mut args = vec![
        "generate",
        "--schema",
        schema.to_str().unwrap(),
        "--out",
        out.to_str().unwrap(),
    ];
    args.extend_from_slice(extra);
    let output = tl_codegen(&args);
    assert!(output.status.success(), "{}", text(&output.stderr));
    output
}

#[test]
fn a_schema_of_another_protocol_gets_nothing_of_telegrams() {
    let temp = tempfile::tempdir().unwrap();
    let schema = temp.path().join("shapes.tl");
    std::fs::write(&schema, SCHEMA).unwrap();
    let out = temp.path().join("tl");
    let output = generate(&schema, &out, &[]);
    assert_eq!(text(&output.stderr), "");
    let mut files: Vec<String> = std::fs::read_dir(&out)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    files.sort();
    assert_eq!(files, ["enums.rs", "functions.rs", "mod.rs", "types.rs"]);
    let lines = stdout_lines(&output);
    assert_eq!(lines.len(), 2, "{lines:?}");
    assert!(
        lines[0].starts_with("generated 3 constructors, 2 types, 1 function: "),
        "{lines:?}"
    );
    assert!(lines[0].ends_with(" lines in 4 files"), "{lines:?}");
    assert_eq!(
        lines[1],
        format!(
            "rewrote 4 of 4 files in {}: mod.rs, types.rs, enums.rs, functions.rs",
            out.display()
        )
    );
    for word in ["docs", "error", "Telegram"] {
        assert!(!text(&output.stdout).contains(word), "{word}");
    }
    let code = std::fs::read_to_string(out.join("mod.rs")).unwrap();
    assert!(!code.contains("mod errors"), "{code}");

    // Nothing changed: nothing rewritten.
    let again = generate(&schema, &out, &[]);
    assert_eq!(
        stdout_lines(&again)[1],
        format!("{} is up to date", out.display())
    );

    // One constructor more: only the files that hold it (the root has the id table).
    std::fs::write(
        &schema,
        SCHEMA.replace(
            "---functions---",
            "shape.dot center:Point = Shape;\n---functions---",
        ),
    )
    .unwrap();
    let changed = generate(&schema, &out, &[]);
    assert_eq!(
        stdout_lines(&changed)[1],
        format!(
            "rewrote 3 of 4 files in {}: mod.rs, types.rs, enums.rs",
            out.display()
        )
    );

    // --errors asks for them anyway.
    let forced = temp.path().join("forced");
    generate(&schema, &forced, &["--errors"]);
    assert!(forced.join("errors.rs").is_file());
}

#[test]
fn a_schema_with_rpc_error_gets_typed_errors() {
    let temp = tempfile::tempdir().unwrap();
    let schema = temp.path().join("with-errors.tl");
    std::fs::write(
        &schema,
        format!("rpc_error#2144ca19 error_code:int error_message:string = RpcError;\n{SCHEMA}"),
    )
    .unwrap();
    let out = temp.path().join("tl");
    let output = generate(&schema, &out, &[]);
    assert!(out.join("errors.rs").is_file());
    assert!(!out.join("method_errors.rs").exists(), "opt-in");
    // Still no docs line: no docs were given.
    assert!(!text(&output.stdout).contains("docs:"));
}

#[test]
fn help_describes_both_uses() {
    let output = tl_codegen(&["generate", "--help"]);
    assert!(output.status.success());
    let help = text(&output.stdout);
    assert!(
        !help.contains("Regenerate generated/ from schema/"),
        "{help}"
    );
    assert!(help.contains("--schema FILE… --out DIR"), "{help}");
    assert!(
        help.contains("generated/, tdlib-types/ + tdlib/, tonlib/"),
        "{help}"
    );
    let top = text(&tl_codegen(&["--help"]).stdout);
    assert!(top.contains("generate  Generate Rust bindings"), "{top}");
}
