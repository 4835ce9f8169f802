//! The checked-in `generated/` crate is exactly what `schema/` produces today.
//! (CI also runs `tl-codegen generate --check`; this test catches it under `cargo test`.)

use std::path::Path;

use tlgen_cli::workspace;

#[test]
fn checked_in_bindings_match_a_fresh_generation() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let temp = tempfile::tempdir().unwrap();
    let output = workspace::bindings_config(&root)
        .unwrap()
        .out_dir(temp.path())
        .write()
        .unwrap();
    assert!(
        output.files.len() >= 4,
        "expected mod.rs and one file per module"
    );
    let mut stale = Vec::new();
    for file in &output.files {
        let fresh = std::fs::read_to_string(temp.path().join(&file.path)).unwrap();
        let checked_in = root.join(workspace::OUT_DIR).join(&file.path);
        let on_disk = std::fs::read_to_string(&checked_in).unwrap_or_default();
        if on_disk.replace("\r\n", "\n") != fresh {
            stale.push(checked_in.display().to_string());
        }
    }
    assert!(
        stale.is_empty(),
        "generated/ is stale ({stale:?}): run `{}` and commit the result",
        workspace::REGENERATE
    );
}

#[test]
fn regenerating_twice_gives_identical_files() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let config = workspace::bindings_config(&root).unwrap();
    let first = config.generate().unwrap();
    let second = config.generate().unwrap();
    assert_eq!(first.files, second.files);
}
