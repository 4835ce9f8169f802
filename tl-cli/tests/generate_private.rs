//! `tl-codegen generate --schema FILE --out DIR` with the default switches: for a schema
//! with Telegram's `rpc_error`, the same files as `Config::new()` writes, and a module that compiles without a warning when a binary
//! crate declares it privately (`mod tl;`) and uses one type of it.

use std::path::Path;
use std::process::Command;

fn repo() -> &'static Path {
    Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/.."))
}

/// `tl-codegen generate --schema SCHEMA --out OUT` plus `extra`.
fn generate(schema: &str, out: &Path, extra: &[&str]) {
    let output = Command::new(env!("CARGO_BIN_EXE_tl-codegen"))
        .args(["generate", "--schema", schema, "--out"])
        .arg(out)
        .args(extra)
        .current_dir(repo())
        .output()
        .unwrap_or_else(|e| panic!("cannot run tl-codegen: {e}"));
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
}

#[test]
fn default_switches_are_configs() {
    let temp = tempfile::tempdir().unwrap();
    let out = temp.path().join("tl");
    let schema = "examples/build-rs/schema/bot.tl";
    generate(schema, &out, &[]);
    let expected = tlgen_codegen::Config::new()
        .schema(repo().join(schema))
        .layout(tlgen_codegen::Layout::ModuleDir)
        .generate()
        .unwrap();
    assert_eq!(
        expected.files.len(),
        5,
        "mod, types, enums, functions, errors (no per-method enums by default)"
    );
    for file in &expected.files {
        let written = std::fs::read_to_string(out.join(&file.path)).unwrap();
        assert!(
            written == file.contents,
            "{} differs from Config::new()'s",
            file.path.display()
        );
    }
    let entries = std::fs::read_dir(&out).unwrap().count();
    assert_eq!(
        entries,
        expected.files.len(),
        "extra files in {}",
        out.display()
    );
}

#[test]
fn private_module_compiles_without_warnings() {
    let temp = tempfile::tempdir().unwrap();
    let krate = temp.path().join("private-bindings");
    // Every part generated: the default ones, the errors (stars.tl has no `rpc_error`),
    // the per-method enums and the `borrowed` module.
    generate(
        "tests/schema/stars.tl",
        &krate.join("src/tl"),
        &["--errors", "--method-errors", "--borrowed"],
    );
    let runtime = repo().join("tl-runtime").canonicalize().unwrap();
    std::fs::write(
        krate.join("Cargo.toml"),
        format!(
            "[package]\nname = \"private-bindings\"\nversion = \"0.0.0\"\nedition = \"2021\"\n\
             publish = false\n\n[dependencies]\ntlgen-runtime = {{ path = {:?} }}\n\n[workspace]\n",
            runtime.display().to_string()
        ),
    )
    .unwrap();
    std::fs::write(
        krate.join("src/main.rs"),
        "mod tl;\n\nfn main() {\n    let peer = tl::types::PeerUser { user_id: 42 };\n    \
         println!(\"{peer:?}\");\n}\n",
    )
    .unwrap();
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".into());
    let build = Command::new(cargo)
        .args([
            "build",
            "--offline",
            "--message-format",
            "short",
            "--target-dir",
        ])
        .arg(temp.path().join("target"))
        .current_dir(&krate)
        .env_remove("RUSTFLAGS")
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&build.stderr);
    assert!(build.status.success(), "{stderr}");
    let warnings: Vec<&str> = stderr.lines().filter(|l| l.contains("warning")).collect();
    assert!(warnings.is_empty(), "{}", warnings.join("\n"));
}
