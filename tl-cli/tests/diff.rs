//! `tl-codegen diff`: exact text and JSON reports for two fixture pairs, and failures.
//!
//! `fixtures/diff/stars_*.tl` hold the `starsTransaction` line of the seed page (layer
//! 228) and of `schema/api.tl` (layer 230); `small_*.tl` make every kind of change.
//! The expected reports (`*.txt`, `*.json`) were checked by hand against the lines.

use std::path::Path;
use std::process::{Command, Output};

fn fixtures() -> &'static Path {
    Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/diff"))
}

fn run(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_tl-codegen"))
        .args(args)
        .current_dir(fixtures())
        .output()
        .unwrap_or_else(|e| panic!("cannot run tl-codegen: {e}"))
}

fn expected(name: &str) -> String {
    std::fs::read_to_string(fixtures().join(name)).unwrap_or_else(|e| panic!("{name}: {e}"))
}

fn stdout_of(args: &[&str]) -> String {
    let output = run(args);
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8_lossy(&output.stdout).into_owned()
}

#[test]
fn stars_transaction_text() {
    let out = stdout_of(&["diff", "stars_old.tl", "stars_new.tl"]);
    assert_eq!(out, expected("stars.txt"));
    // Facts read off the two lines, independently of the golden file.
    assert!(out.contains("id 0x0a9ee4c2 → 0x13659eb0"), "{out}");
    assert!(out.contains("- param stars:long"), "{out}");
    assert!(out.contains("+ param amount:StarsAmount"), "{out}");
}

#[test]
fn stars_transaction_json() {
    let out = stdout_of(&["diff", "--json", "stars_old.tl", "stars_new.tl"]);
    assert_eq!(out, expected("stars.json"));
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["old"]["layer"], 228);
    assert_eq!(v["new"]["layer"], 230);
    assert_eq!(v["changed"][0]["old_id"], "0x0a9ee4c2");
    assert_eq!(v["changed"][0]["new_id"], "0x13659eb0");
    // transaction_date and transaction_url share flags.5: one tuple field, unchanged.
    let changes = v["rust"]["changes"].as_array().unwrap();
    assert!(changes.iter().all(|c| c["name"] != "transaction_date"));
    assert!(changes
        .iter()
        .any(|c| c["name"] == "starref_peer_and_starref_amount"
            && c["new"] == "Option<(enums::Peer, enums::StarsAmount)>"));
}

#[test]
fn every_kind_of_change_text() {
    assert_eq!(
        stdout_of(&["diff", "small_old.tl", "small_new.tl"]),
        expected("small.txt")
    );
}

#[test]
fn every_kind_of_change_json() {
    let out = stdout_of(&[
        "diff",
        "--json",
        "--old",
        "small_old.tl",
        "--new",
        "small_new.tl",
    ]);
    assert_eq!(out, expected("small.json"));
}

#[test]
fn split_schemas_are_read_together() {
    // The old schema split in two files gives the same report as one file.
    let dir = tempfile::tempdir().unwrap();
    let old = expected("small_old.tl");
    let (types, functions) = old.split_once("---functions---").unwrap();
    std::fs::write(dir.path().join("a.tl"), types).unwrap();
    std::fs::write(
        dir.path().join("b.tl"),
        format!("---functions---{functions}"),
    )
    .unwrap();
    let a = dir.path().join("a.tl");
    let b = dir.path().join("b.tl");
    let out = stdout_of(&[
        "diff",
        "--json",
        "--old",
        a.to_str().unwrap(),
        "--old",
        b.to_str().unwrap(),
        "--new",
        "small_new.tl",
    ]);
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    let want: serde_json::Value = serde_json::from_str(&expected("small.json")).unwrap();
    assert_eq!(v["added"], want["added"]);
    assert_eq!(v["removed"], want["removed"]);
    assert_eq!(v["changed"], want["changed"]);
}

#[test]
fn identical_schemas_have_no_changes() {
    let out = stdout_of(&["diff", "--json", "small_new.tl", "small_new.tl"]);
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["added"].as_array().map(Vec::len), Some(0));
    assert_eq!(v["changed"].as_array().map(Vec::len), Some(0));
    assert_eq!(v["rust"]["changes"].as_array().map(Vec::len), Some(0));
}

#[test]
fn invalid_or_unreadable_schemas_fail_with_diagnostics() {
    let dir = tempfile::tempdir().unwrap();
    let bad = dir.path().join("bad.tl");
    std::fs::write(&bad, "foo#1234 a:int Bar;\n").unwrap();
    let output = run(&["diff", bad.to_str().unwrap(), "small_new.tl"]);
    assert_eq!(output.status.code(), Some(1));
    assert!(output.stdout.is_empty());
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("bad.tl:1:"), "{stderr}");

    let output = run(&["diff", "small_old.tl", "missing.tl"]);
    assert_eq!(output.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&output.stderr).contains("missing.tl"));

    let output = run(&["diff", "small_old.tl"]);
    assert_eq!(output.status.code(), Some(1));
}

#[test]
fn hostile_nesting_is_an_error_not_a_crash() {
    let dir = tempfile::tempdir().unwrap();
    let deep = dir.path().join("deep.tl");
    let ty = format!("{}int{}", "Vector<".repeat(10_000), ">".repeat(10_000));
    std::fs::write(&deep, format!("foo x:{ty} = Foo;\n")).unwrap();
    let output = run(&["diff", deep.to_str().unwrap(), "small_new.tl"]);
    assert!(matches!(output.status.code(), Some(0 | 1)), "{output:?}");
}

#[test]
fn a_schema_that_cannot_be_generated_still_gets_the_tl_report() {
    // `%Foo` with two constructors parses but cannot be generated: the TL diff works, the
    // Rust part is null with a note.
    let dir = tempfile::tempdir().unwrap();
    let (old, new) = (dir.path().join("old.tl"), dir.path().join("new.tl"));
    std::fs::write(&old, "foo#11111111 = Foo;\nbar#33333333 a:int = Bar;\n").unwrap();
    std::fs::write(
        &new,
        "foo#11111111 = Foo;\nfooB#22222222 = Foo;\nbar#33333333 a:%Foo = Bar;\n",
    )
    .unwrap();
    let output = Command::new(env!("CARGO_BIN_EXE_tl-codegen"))
        .args(["diff", "--json", "old.tl", "new.tl"])
        .current_dir(dir.path())
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(0));
    let v: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(v["rust"], serde_json::Value::Null);
    assert_eq!(v["changed"][0]["params_changed"][0]["new"], "%Foo");
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(
        stderr,
        "warning: constructor bar changed but kept its declared id #33333333: forgotten id bump?\n\
         note: no Rust impact: the new schema cannot be generated (1 error; first: new.tl:3:1: \
         bar: `%Foo` is bare but its type does not have exactly one constructor)\n"
    );
}

#[test]
fn a_changed_definition_that_kept_its_declared_id_is_flagged() {
    // `a` changed and kept its declared id: a forgotten bump. `b` declares none (its id is
    // computed: CRC32 of `b y:int = B` is 0xc53a5b0e, of `b y:long = B` 0xeae2ce5d) and `c`
    // was bumped: neither is flagged.
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("old.tl"),
        "a#11111111 x:int = A;\nb y:int = B;\nc#33333333 z:int = C;\n",
    )
    .unwrap();
    std::fs::write(
        dir.path().join("new.tl"),
        "a#11111111 x:long = A;\nb y:long = B;\nc#44444444 z:long = C;\n",
    )
    .unwrap();
    let output = Command::new(env!("CARGO_BIN_EXE_tl-codegen"))
        .args(["diff", "old.tl", "new.tl"])
        .current_dir(dir.path())
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(0));
    assert_eq!(
        String::from_utf8_lossy(&output.stdout),
        "\
no layer (3 definitions) → no layer (3 definitions): 0 added, 0 removed, 3 changed

(no namespace)
  ~ constructor a
      ! declared id 0x11111111 unchanged: forgotten id bump?
      ~ param x: int → long (retyped)
  ~ constructor b: id 0xc53a5b0e → 0xeae2ce5d
      ~ param y: int → long (retyped)
  ~ constructor c: id 0x33333333 → 0x44444444
      ~ param z: int → long (retyped)

Rust generated from new.tl: 3 breaking, 0 additive
  breaking  types::A: field `x`: i32 → i64
  breaking  types::B: field `y`: i32 → i64
  breaking  types::C: field `z`: i32 → i64
"
    );
    assert_eq!(
        String::from_utf8_lossy(&output.stderr),
        "warning: constructor a changed but kept its declared id #11111111: forgotten id bump?\n"
    );
    let json = Command::new(env!("CARGO_BIN_EXE_tl-codegen"))
        .args(["diff", "--json", "old.tl", "new.tl"])
        .current_dir(dir.path())
        .output()
        .unwrap();
    let v: serde_json::Value = serde_json::from_slice(&json.stdout).unwrap();
    let flags: Vec<bool> = v["changed"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["id_not_bumped"].as_bool().unwrap())
        .collect();
    assert_eq!(flags, [true, false, false]);
    assert_eq!(v["rust"]["bindings"], "new.tl");
}

#[test]
fn the_rust_part_is_labelled_by_the_new_schema_files() {
    let out = stdout_of(&[
        "diff",
        "--old",
        "small_old.tl",
        "--new",
        "small_new.tl",
        "--new",
        "stars_new.tl",
    ]);
    let label = out.lines().find(|l| l.starts_with("Rust ")).unwrap();
    assert!(
        label.starts_with("Rust generated from small_new.tl + stars_new.tl: "),
        "{label}"
    );
}

/// The generated code for `schema`, without whitespace and `super::` path prefixes.
fn generated_code(schema: &Path) -> String {
    let output = tlgen_codegen::Config::new()
        .schema(schema)
        .layout(tlgen_codegen::Layout::ModuleDir)
        .generate()
        .unwrap_or_else(|e| panic!("{e}"));
    output
        .files
        .iter()
        .map(|f| f.contents.as_str())
        .collect::<String>()
        .split_whitespace()
        .collect::<String>()
        .replace("super::", "")
        // prettyplease ends a generic argument list broken over lines with a comma.
        .replace(",>", ">")
}

#[test]
fn the_rust_part_matches_what_the_generator_writes() {
    // Every field and method the report says the new schema adds is in the generated code
    // with that type, and every one it removes is gone from it.
    for (old, new) in [
        ("stars_old.tl", "stars_new.tl"),
        ("small_old.tl", "small_new.tl"),
    ] {
        let out = stdout_of(&["diff", "--json", old, new]);
        let v: serde_json::Value = serde_json::from_str(&out).unwrap();
        let code = generated_code(&fixtures().join(new));
        let mut checked = 0;
        for c in v["rust"]["changes"].as_array().unwrap() {
            let name = c["name"].as_str().unwrap_or_default();
            let ty = |k: &str| c[k].as_str().unwrap_or_default().replace(' ', "");
            let (needle, present) = match c["change"].as_str().unwrap() {
                "field_added" => (format!("pub{name}:{},", ty("new")), true),
                "field_retyped" => (format!("pub{name}:{},", ty("new")), true),
                "field_removed" => (format!("pub{name}:{},", ty("old")), false),
                "method_added" => (format!("pubfn{name}(&self)->bool"), true),
                _ => continue,
            };
            assert_eq!(code.contains(&needle), present, "{new}: {needle}");
            checked += 1;
        }
        assert!(checked >= 4, "{new}: only {checked} checked");
    }
}

/// `--fail-on-breaking`: the report as without it, then exit 3 when the Rust API breaks
/// (small_*.tl: 16 breaking changes, counted in small.txt), 0 when only additions happen
/// (a schema against itself plus a new constructor of a new type).
#[test]
fn fail_on_breaking_exits_non_zero_when_the_rust_api_breaks() {
    let breaking = run(&["diff", "--fail-on-breaking", "small_old.tl", "small_new.tl"]);
    assert_eq!(breaking.status.code(), Some(3));
    assert_eq!(
        String::from_utf8_lossy(&breaking.stdout),
        expected("small.txt")
    );
    assert!(String::from_utf8_lossy(&breaking.stderr)
        .contains("error: 16 breaking changes in the generated Rust API (--fail-on-breaking)"));

    let temp = tempfile::tempdir().unwrap();
    let old = std::fs::read_to_string(fixtures().join("small_old.tl")).unwrap();
    let new_type = temp.path().join("new_type.tl");
    let (types, functions) = old.split_once("---functions---").unwrap();
    std::fs::write(
        &new_type,
        format!("{types}\nsticker#3a2b1c0d id:long = Sticker;\n---functions---{functions}"),
    )
    .unwrap();
    let additive = run(&[
        "diff",
        "--fail-on-breaking",
        fixtures().join("small_old.tl").to_str().unwrap(),
        new_type.to_str().unwrap(),
    ]);
    let out = String::from_utf8_lossy(&additive.stdout);
    // A new struct, a new enum and a new `Object` variant.
    assert!(out.contains(": 0 breaking, 3 additive"), "{out}");
    assert_eq!(additive.status.code(), Some(0), "{out}");
    // Without the flag, breaking changes exit 0 as before.
    assert!(run(&["diff", "small_old.tl", "small_new.tl"])
        .status
        .success());
}
