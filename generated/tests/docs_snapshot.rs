//! Snapshots of the rustdoc of one generated struct (`starsTransaction`) and one function
//! (`payments.sendStarsForm`): the description with Markdown links, the TL line, the field
//! docs and the `# Errors` table. `UPDATE_SNAPSHOTS=1` rewrites them after a deliberate change.

use std::path::Path;

use tlgen_test_support::snapshot;

/// The `///` lines and fields of `pub struct {name} {` in a generated file: the doc block
/// above it, then the struct body.
fn struct_docs(file: &str, name: &str) -> String {
    let text = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join(file)).unwrap();
    let lines: Vec<&str> = text.lines().collect();
    let header = format!("pub struct {name} {{");
    let at = lines
        .iter()
        .position(|l| l.trim() == header)
        .expect("struct not found");
    // Up over `///` lines and attributes, including those printed over several lines
    // (`#[cfg_attr(\n feature = "errors",\n doc = "…"\n)]`).
    let mut start = at;
    while start > 0 {
        let line = lines[start - 1].trim_start();
        if line.starts_with(['/', '#']) {
            start -= 1;
        } else if line == ")]" {
            let open = lines[..start - 1]
                .iter()
                .rposition(|l| l.trim_start().starts_with("#["))
                .expect("attribute start not found");
            start = open;
        } else {
            break;
        }
    }
    let end = at + lines[at..].iter().position(|l| l.trim() == "}").unwrap();
    lines[start..=end]
        .iter()
        .map(|l| format!("{}\n", l.trim()))
        .collect()
}

fn check(snapshot: &str, actual: &str) {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/snapshots")
        .join(snapshot);
    snapshot::assert_matches(&path, actual);
}

#[test]
fn stars_transaction_docs() {
    let docs = struct_docs("src/generated/types.rs", "StarsTransaction");
    assert!(docs.contains("https://core.telegram.org/constructor/starsTransaction"));
    check("stars_transaction.txt", &docs);
}

#[test]
fn send_stars_form_docs() {
    let docs = struct_docs("src/generated/functions.rs", "SendStarsForm");
    assert!(docs.contains("# Errors"));
    // With the typed errors (the default), each row links to its variant of `errors::Error`
    // (what `decode_typed_response` answers; the per-method enums are an opt-in feature, so
    // they are named, not linked); without, plain.
    assert!(
        docs.contains("| 400 | [`BALANCE_TOO_LOW`](super::super::errors::Error::BalanceTooLow) |")
    );
    assert!(docs.contains("| 400 | `BALANCE_TOO_LOW` |"));
    assert!(docs.contains("The method's own enum, `SendStarsFormError`"));
    check("send_stars_form.txt", &docs);
}
