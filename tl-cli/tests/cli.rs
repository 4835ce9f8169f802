//! The `tl-codegen` binary: where it looks for the workspace, and what goes to stdout
//! and stderr.

use std::path::Path;
use std::process::{Command, Output};

use tlgen_cli::workspace::{find_root_from, WorkspaceError};

fn run(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_tl-codegen"))
        .args(args)
        .current_dir(dir)
        .output()
        .unwrap_or_else(|e| panic!("cannot run tl-codegen: {e}"))
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

#[test]
fn the_workspace_is_found_from_a_subdirectory() {
    let here = Path::new(env!("CARGO_MANIFEST_DIR"));
    let root = find_root_from(&here.join("src")).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(root, here.parent().unwrap_or(here));
}

#[test]
fn outside_the_workspace_generate_fails_clearly() {
    let dir = tempfile::tempdir().unwrap();
    // A directory that has some of the markers is not the workspace either.
    std::fs::write(dir.path().join("Cargo.toml"), "[workspace]\n").unwrap();
    let Err(WorkspaceError::NotFound { .. }) = find_root_from(dir.path()) else {
        panic!("a directory without schema/api.tl and generated/ is not the workspace");
    };
    let output = run(dir.path(), &["generate", "--check"]);
    assert!(!output.status.success());
    assert!(output.stdout.is_empty(), "{}", text(&output.stdout));
    let stderr = text(&output.stderr);
    assert!(stderr.starts_with("error: "), "{stderr}");
    assert!(
        stderr.contains("is not inside the tl workspace"),
        "{stderr}"
    );
    assert!(stderr.contains("--root"), "{stderr}");
}

#[test]
fn inspect_prints_the_summary_on_stdout_and_diagnostics_on_stderr() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("bad.tl"), "foo#1234 a:int Bar;\n").unwrap();
    let output = run(dir.path(), &["inspect", "bad.tl"]);
    assert!(!output.status.success());
    let stdout = text(&output.stdout);
    let stderr = text(&output.stderr);
    assert!(
        stdout.ends_with("diagnostics: 1 error, 0 warnings, 0 notes\n"),
        "{stdout}"
    );
    assert!(!stdout.contains("error:"), "{stdout}");
    assert!(
        stderr.starts_with("error: expected `=` before the result type\n --> bad.tl:1:16"),
        "{stderr}"
    );
}

#[test]
fn inspect_reports_an_unreadable_file_on_stderr() {
    let dir = tempfile::tempdir().unwrap();
    let output = run(dir.path(), &["inspect", "missing.tl"]);
    assert!(!output.status.success());
    assert!(output.stdout.is_empty());
    assert!(text(&output.stderr).starts_with("error: missing.tl: "));
}

#[test]
fn docs_extract_failures_are_reported_on_stderr_too() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("empty.txt"), "").unwrap();
    let output = run(dir.path(), &["docs", "extract", "empty.txt"]);
    assert!(!output.status.success());
    assert!(text(&output.stdout).contains("\"error\""));
    assert!(text(&output.stderr).starts_with("error: "));
}
