//! Snapshot tests: each small schema in `tests/snapshots/` generates exactly the checked-in
//! `.rs` next to it. Run with `UPDATE_SNAPSHOTS=1` to rewrite the snapshots after a
//! deliberate change, then review the diff. `snapshots_compile.rs` compiles and runs them.

use std::path::{Path, PathBuf};

const CASES: &[&str] = &[
    "flags",
    "recursion",
    "keywords",
    "generics",
    "bare_vectors",
    "large_fields",
];

fn dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/snapshots")
}

#[test]
fn generated_code_matches_snapshots() {
    let update = std::env::var_os("UPDATE_SNAPSHOTS").is_some();
    let mut stale = Vec::new();
    for case in CASES {
        let output = tl_codegen::Config::new()
            .schema(dir().join(format!("{case}.tl")))
            .generate()
            .unwrap_or_else(|e| panic!("{case}.tl: {e}"));
        assert_eq!(output.files.len(), 1);
        let generated = &output.files[0].contents;
        let path = dir().join(format!("{case}.rs"));
        let on_disk = std::fs::read_to_string(&path).unwrap_or_default();
        if on_disk.replace("\r\n", "\n") == *generated {
            continue;
        }
        if update {
            std::fs::write(&path, generated).unwrap();
        } else {
            stale.push(path.display().to_string());
        }
    }
    assert!(
        stale.is_empty(),
        "snapshots differ: {stale:?}; rerun with UPDATE_SNAPSHOTS=1 and review the diff"
    );
}

#[test]
fn generation_is_deterministic() {
    for case in CASES {
        let generate = || {
            tl_codegen::Config::new()
                .schema(dir().join(format!("{case}.tl")))
                .generate()
                .unwrap()
                .files
        };
        assert_eq!(generate(), generate(), "{case}");
    }
}
