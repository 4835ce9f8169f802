//! Snapshot tests: each small schema in `tests/snapshots/` generates exactly the checked-in
//! `.rs` next to it. Run with `UPDATE_SNAPSHOTS=1` to rewrite the snapshots after a
//! deliberate change, then review the diff. `snapshots_compile.rs` compiles and runs them.

use std::path::{Path, PathBuf};

use tlgen_test_support::snapshot;

const CASES: &[&str] = &[
    "flags",
    "recursion",
    "keywords",
    "generics",
    "bare_vectors",
    "large_fields",
    "borrowed",
    "subset",
    "defaults",
    "tdjson",
    "tonjson",
    "prefix",
    "hex_debug",
];

/// The generator as each case runs it: the defaults with `Object`, the conversions and the
/// per-method error enums on (off by default; the snapshots show them), plus the `borrowed` module for `borrowed.tl` and `hex_debug.tl`
/// and the subset its first line names for `subset.tl`; TDLib's and tonlib's JSON dialects for
/// `tdjson.tl` and `tonjson.tl` (no binary codecs there).
fn config(case: &str) -> tlgen_codegen::Config {
    let mut config = tlgen_codegen::Config::new();
    config
        .schema(dir().join(format!("{case}.tl")))
        .object(true)
        .conversions(true)
        .method_errors(true)
        .borrowed(case == "borrowed" || case == "hex_debug");
    match case {
        "tdjson" => {
            config.json(tlgen_codegen::JsonDialect::Tdlib);
        }
        "tonjson" => {
            config.json(tlgen_codegen::JsonDialect::Tonlib);
        }
        _ => {}
    }
    if case == "subset" {
        config
            .functions(["chat.send", "chat.read*"])
            .types(["Sticker"]);
    }
    config
}

fn dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/snapshots")
}

#[test]
fn generated_code_matches_snapshots() {
    let mut stale = Vec::new();
    for case in CASES {
        let output = config(case)
            .generate()
            .unwrap_or_else(|e| panic!("{case}.tl: {e}"));
        assert_eq!(output.files.len(), 1);
        let generated = &output.files[0].contents;
        if let Err(e) = snapshot::check(&dir().join(format!("{case}.rs")), generated) {
            stale.push(e.to_string());
        }
    }
    assert!(stale.is_empty(), "{}", stale.join("\n"));
}

/// The seeds of the `arbitrary_{seed}` snapshots: schemas made by `common/arbitrary.rs`
/// (the property test's generator in `hostile_schemas.rs`), checked in with their output so
/// that `snapshots_compile.rs` compiles a sample of arbitrary valid schemas.
const ARBITRARY: [u64; 3] = [1, 2, 3];

#[path = "common/arbitrary.rs"]
mod arbitrary;

#[test]
fn arbitrary_schemas_match_their_snapshots() {
    let mut stale = Vec::new();
    for seed in ARBITRARY {
        let schema = arbitrary::schema(seed);
        let tl = dir().join(format!("arbitrary_{seed}.tl"));
        if let Err(e) = snapshot::check(&tl, &schema) {
            stale.push(e.to_string());
        }
        let output = tlgen_codegen::Config::new()
            .schema_text(format!("arbitrary_{seed}.tl"), schema.clone())
            .object(true)
            .conversions(true)
            .method_errors(true)
            .borrowed(true)
            .generate()
            .unwrap_or_else(|e| panic!("seed {seed}: {e}\n{schema}"));
        assert_eq!(output.files.len(), 1);
        let rs = dir().join(format!("arbitrary_{seed}.rs"));
        if let Err(e) = snapshot::check(&rs, &output.files[0].contents) {
            stale.push(e.to_string());
        }
    }
    assert!(stale.is_empty(), "{}", stale.join("\n"));
}

#[test]
fn generation_is_deterministic() {
    for case in CASES {
        let generate = || config(case).generate().unwrap().files;
        assert_eq!(generate(), generate(), "{case}");
    }
}
