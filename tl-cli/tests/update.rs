//! `tl-codegen update`, in a temporary copy of the workspace's schema/, docs and
//! generated/src: a broken schema changes nothing; moving to an older layer and back
//! replaces the schema, regenerates, and reports the change.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), target).unwrap();
        }
    }
}

/// A workspace copy holding what `update` reads and writes.
fn workspace() -> tempfile::TempDir {
    let temp = tempfile::tempdir().unwrap();
    let root = temp.path();
    std::fs::copy(repo().join("Cargo.toml"), root.join("Cargo.toml")).unwrap();
    copy_dir(&repo().join("schema"), &root.join("schema"));
    copy_dir(
        &repo().join("generated/src/generated"),
        &root.join("generated/src/generated"),
    );
    temp
}

/// Every file under `dir` with its bytes, sorted by path.
fn snapshot(dir: &Path) -> Vec<(PathBuf, Vec<u8>)> {
    let mut files = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for entry in std::fs::read_dir(&d).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                stack.push(path);
            } else {
                let bytes = std::fs::read(&path).unwrap();
                files.push((path, bytes));
            }
        }
    }
    files.sort();
    files
}

fn update(root: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_tl-codegen"))
        .arg("update")
        .args(args)
        .current_dir(root)
        .output()
        .unwrap_or_else(|e| panic!("cannot run tl-codegen: {e}"))
}

#[test]
fn a_broken_schema_changes_nothing() {
    let temp = workspace();
    let root = temp.path();
    let before = snapshot(root);
    let api = std::fs::read_to_string(root.join("schema/api.tl")).unwrap();
    // A type nobody declares: parses, but cannot be generated.
    let unknown = api.replacen(
        " = StarsTransaction;",
        " extra:NoSuchType = StarsTransaction;",
        1,
    );
    // A syntax error.
    let broken = api.replacen("starsAmount#bbb6b4a3", "starsAmount#", 1);
    for (name, text) in [("unknown.tl", unknown), ("broken.tl", broken)] {
        std::fs::write(root.join(name), &text).unwrap();
        let output = update(root, &[name]);
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert_eq!(output.status.code(), Some(1), "{name}: {stderr}");
        assert!(stderr.contains("nothing was replaced"), "{name}: {stderr}");
        std::fs::remove_file(root.join(name)).unwrap();
        assert!(snapshot(root) == before, "{name}: files changed");
    }
    let output = update(root, &["missing.tl"]);
    assert_eq!(output.status.code(), Some(1));
    assert!(snapshot(root) == before);
}

#[test]
fn to_an_older_layer_and_back() {
    let temp = workspace();
    let root = temp.path();
    let api_path = root.join("schema/api.tl");
    let current = std::fs::read_to_string(&api_path).unwrap();
    assert!(current.starts_with("// LAYER 230"));
    // Layer 229 for this test: no starsAmount and payments.sendStarsForm, and
    // starsTransaction with `stars:long` where it now has `amount:StarsAmount`.
    let older: String = current
        .replacen("// LAYER 230", "// LAYER 229", 1)
        .lines()
        .filter(|l| !l.starts_with("starsAmount#") && !l.starts_with("payments.sendStarsForm#"))
        .map(|l| {
            if l.starts_with("starsTransaction#") {
                l.replacen(" amount:StarsAmount ", " stars:long ", 1)
            } else {
                l.to_owned()
            }
        })
        .collect::<Vec<_>>()
        .join("\n")
        + "\n";
    std::fs::write(root.join("old.tl"), &older).unwrap();
    let mtproto = std::fs::read(root.join("schema/mtproto.tl")).unwrap();

    let output = update(root, &["old.tl"]);
    let stdout = String::from_utf8_lossy(&output.stdout);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(output.status.success(), "{stderr}");
    assert_eq!(std::fs::read_to_string(&api_path).unwrap(), older);
    assert_eq!(
        std::fs::read(root.join("schema/mtproto.tl")).unwrap(),
        mtproto
    );
    assert!(
        stdout.starts_with("layer 230 (2612 definitions) → layer 229 (2610 definitions): 0 added, 2 removed, 1 changed\n"),
        "{stdout}"
    );
    assert!(
        stdout.contains("  - function payments.sendStarsForm#7998c914\n"),
        "{stdout}"
    );
    assert!(stdout.contains("      + param stars:long\n"), "{stdout}");
    assert!(
        stdout.contains("1 new or changed definitions, 0 without docs"),
        "{stdout}"
    );
    let generated = root.join("generated/src/generated");
    let functions = std::fs::read_to_string(generated.join("functions.rs")).unwrap();
    assert!(!functions.contains("pub struct SendStarsForm"));
    let mod_rs = std::fs::read_to_string(generated.join("mod.rs")).unwrap();
    assert!(
        mod_rs.contains("pub const LAYER: i32 = 229;"),
        "layer constant not updated"
    );

    // Back to 230: two definitions are new again; the docs (layer 223) know them.
    std::fs::write(root.join("new.tl"), &current).unwrap();
    let output = update(root, &["new.tl"]);
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    assert_eq!(std::fs::read_to_string(&api_path).unwrap(), current);
    assert!(
        stdout.contains(": 2 added, 0 removed, 1 changed\n"),
        "{stdout}"
    );
    assert!(
        stdout.contains("3 new or changed definitions, "),
        "{stdout}"
    );
    let functions = std::fs::read_to_string(generated.join("functions.rs")).unwrap();
    assert!(functions.contains("pub struct SendStarsForm"));
}

/// `update --bindings tdlib`: a new constructor in td_api.tl reaches both crates of the split
/// bindings: its struct in `tdlib-types/`, its `Object` variant in `tdlib/`.
#[test]
fn a_new_tdlib_schema_rewrites_both_crates_of_the_tdlib_bindings() {
    let temp = workspace();
    let root = temp.path();
    for dir in ["tdlib-types/src/generated", "tdlib/src/generated"] {
        copy_dir(&repo().join(dir), &root.join(dir));
    }
    let old = std::fs::read_to_string(root.join("schema/tdlib/td_api.tl")).unwrap();
    let (types, functions) = old.split_once("---functions---").unwrap();
    let new_tl = root.join("new_td_api.tl");
    let added = "\n//@description A constructor of a newer TDLib @value Its value\n\
                 updateSomethingNew value:int64 = Update;\n\n";
    std::fs::write(&new_tl, format!("{types}{added}---functions---{functions}")).unwrap();
    let out = update(root, &["--bindings", "tdlib", new_tl.to_str().unwrap()]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        stdout.contains("into tdlib-types/src/generated and tdlib/src/generated"),
        "{stdout}"
    );
    let types = std::fs::read_to_string(root.join("tdlib-types/src/generated/types.rs")).unwrap();
    assert!(
        types.contains("pub struct UpdateSomethingNew {"),
        "struct not in tdlib-types/"
    );
    let roots = std::fs::read_to_string(root.join("tdlib/src/generated/mod.rs")).unwrap();
    assert!(
        roots.contains("UpdateSomethingNew(Box<types::UpdateSomethingNew>)"),
        "Object variant not in tdlib/"
    );
    assert!(!root.join("tdlib/src/generated/types.rs").exists());
    let schema = std::fs::read_to_string(root.join("schema/tdlib/td_api.tl")).unwrap();
    assert!(schema.contains("updateSomethingNew value:int64 = Update;"));
}
