//! `load_dir` (dump + pages), `extract_pages`, and the Markdown through rustdoc.

use std::path::{Path, PathBuf};
use std::process::Command;

use serde_json::Value;
use tlgen_docs::{extract_pages, load_dir, DocsError, Documentation, PageKind};

fn schema_docs() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../schema/docs")
}

/// The test copy of the page files (the seed pages of `tests/fixtures/seeds/`).
fn fixtures() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../tests/fixtures/seeds")
}

fn load(dir: &Path) -> Documentation {
    load_dir(dir).unwrap_or_else(|e| panic!("{e}"))
}

#[test]
fn pages_extend_the_dump() {
    let docs = load(&schema_docs());
    assert_eq!(docs.layer(), Some(223));
    assert_eq!(docs.constructors().count(), 1546);
    assert_eq!(docs.methods().count(), 757);

    // 002: the page's three errors, then the dump's CHARGE_ID_EMPTY.
    let refund = docs.method("payments.refundStarsCharge");
    let refund = refund.unwrap_or_else(|| panic!("missing payments.refundStarsCharge"));
    let errors: Vec<(i32, &str)> = refund
        .errors
        .iter()
        .map(|e| (e.code, e.name.as_str()))
        .collect();
    assert_eq!(
        errors,
        vec![
            (400, "CHARGE_ALREADY_REFUNDED"),
            (400, "USER_BOT_REQUIRED"),
            (400, "USER_ID_INVALID"),
            (400, "CHARGE_ID_EMPTY"),
        ]
    );
    // The page repeats the dump's words, so the linked version stays.
    assert_eq!(
        refund.description.as_deref(),
        Some(
            "Refund a [Telegram Stars](https://core.telegram.org/api/stars) transaction, see \
             [here »](https://core.telegram.org/api/payments#6-refunds) for more info."
        )
    );
    assert_eq!(
        refund.params.get("user_id").map(String::as_str),
        Some("User to refund.")
    );

    // 000: all 24 page errors first, with their codes, then the dump's others.
    let send = docs.method("payments.sendStarsForm");
    let send = send.unwrap_or_else(|| panic!("missing payments.sendStarsForm"));
    let page = tlgen_docs::parse_page_bytes(
        &std::fs::read(fixtures().join("000_269694b05f78eb7f.txt")).unwrap_or_default(),
    )
    .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(page.errors.len(), 24);
    assert!(send.errors.len() >= 24);
    for (row, doc) in page.errors.iter().zip(&send.errors) {
        assert_eq!((row.code, &row.name), (doc.code, &doc.name));
    }
    let mut names: Vec<&str> = send.errors.iter().map(|e| e.name.as_str()).collect();
    names.sort_unstable();
    names.dedup();
    assert_eq!(names.len(), send.errors.len(), "no duplicate errors");
    assert_eq!(
        send.errors
            .iter()
            .find(|e| e.name == "FORM_EXPIRED")
            .map(|e| e.description.as_str()),
        Some(
            "The form was generated more than 10 minutes ago and has expired, please re-generate \
             it using payments.getPaymentForm and pass the new form_id ."
        )
    );
    assert_eq!(
        send.params.get("form_id").map(String::as_str),
        Some("Payment form ID")
    );

    // 001: the page's description wins (the dump has a newer text).
    let tx = docs.constructor("starsTransaction");
    let tx = tx.unwrap_or_else(|| panic!("missing starsTransaction"));
    assert_eq!(
        tx.description.as_deref(),
        Some("Represents a Telegram Stars transaction ».")
    );
    // A parameter only the page has is added.
    assert_eq!(
        tx.params.get("stars").map(String::as_str),
        Some("Amount of Stars (negative for outgoing transactions).")
    );
    // The page's three lines say what the dump says: the linked version stays.
    assert_eq!(
        tx.params.get("floodskip_number").map(String::as_str),
        Some(
            "This transaction is payment for paid bot \
             [broadcasts](https://core.telegram.org/bots/faq#how-can-i-message-all-of-my-bot-39s-subscribers-at-once). \
             Paid broadcasts are only allowed if the allow_paid_floodskip parameter of \
             [messages.sendMessage](https://core.telegram.org/method/messages.sendMessage) and \
             other message sending methods is set while trying to broadcast more than 30 \
             messages per second to bot users. The integer value returned by this flag \
             indicates the number of billed API calls."
        )
    );
    // An empty page text keeps the dump's.
    let giveaway = tx
        .params
        .get("giveaway_post_id")
        .map(String::as_str)
        .unwrap_or("");
    assert!(
        giveaway.starts_with("ID of the message containing the [messageMediaGiveaway]("),
        "{giveaway}"
    );
    // Same words as the dump: the linked version stays.
    assert_eq!(
        tx.params.get("extended_media").map(String::as_str),
        Some("The purchased paid [media »](https://core.telegram.org/api/paid-media).")
    );
}

fn write(dir: &Path, name: &str, text: &[u8]) {
    std::fs::write(dir.join(name), text).unwrap_or_else(|e| panic!("{name}: {e}"));
}

fn temp_docs_dir(json: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    write(dir.path(), "getdoc.json", json.as_bytes());
    std::fs::create_dir(dir.path().join("pages")).unwrap_or_else(|e| panic!("{e}"));
    dir
}

const SMALL_DUMP: &str = r#"{
  "index": {"layer": 1},
  "methods": {"m.do": {"description": ["Does it¹."], "links": ["https://x/it"],
      "parameters": {"a": {"description": "The a."}},
      "errors": [{"code": 400, "type": "A_INVALID", "description": "A is invalid."},
                 {"code": 400, "type": "B_INVALID", "description": "B is invalid."}]}},
  "constructors": {"c": {"description": ["A c."]}},
  "types": {"T": {"description": ["A T."]}},
  "errors": {"A_INVALID": {"code": 400, "type": "A_INVALID", "description": "A is invalid."}}
}"#;

#[test]
fn merge_rules_on_a_small_tree() {
    let dir = temp_docs_dir(SMALL_DUMP);
    let pages = dir.path().join("pages");
    write(
        &pages,
        "010_method.txt",
        b"m.do\n\nDoes it <now>.\n\n---functions---\nm.do#1 a:int b:flags.0?Vector<long> = Bool;\n\n\
          Name Type Description\na int The a.\nb flags.0?Vector<long> The *b*.\n\n\
          Code Type Description\n403 B_INVALID B is forbidden.\n420 FLOOD_WAIT_%d Wait.\n420 FLOOD_WAIT_%d Again.\n",
    );
    write(&pages, "020_type.txt", b"T\n\nA better T.\n\nc#2 = T;\n");
    write(
        &pages,
        "005_new.txt",
        b"Brand new.\nnew.ctor#3 x:int = T;\n",
    );
    write(&pages, "notes.md", b"not a page");
    let docs = load(dir.path());
    let m = docs.method("m.do").cloned().unwrap_or_default();
    assert_eq!(m.description.as_deref(), Some("Does it \\<now\\>."));
    assert_eq!(m.params.get("a").map(String::as_str), Some("The a."));
    assert_eq!(m.params.get("b").map(String::as_str), Some("The \\*b\\*."));
    let errors: Vec<(i32, &str, &str)> = m
        .errors
        .iter()
        .map(|e| (e.code, e.name.as_str(), e.description.as_str()))
        .collect();
    assert_eq!(
        errors,
        vec![
            (403, "B_INVALID", "B is forbidden."),
            (420, "FLOOD_WAIT_%d", "Wait."),
            (400, "A_INVALID", "A is invalid."),
        ]
    );
    assert_eq!(docs.type_doc("T"), Some("A better T."));
    assert_eq!(
        docs.constructor("new.ctor")
            .and_then(|c| c.description.as_deref()),
        Some("Brand new.")
    );
    // errors(): the global table wins, method errors and global errors fill in.
    let all: Vec<(&str, i32)> = docs.errors().map(|e| (e.name.as_str(), e.code)).collect();
    assert!(all.contains(&("A_INVALID", 400)));
    assert!(all.contains(&("B_INVALID", 403)));
    assert!(all.contains(&("FLOOD_WAIT_%d", 420)));
    assert!(all.contains(&("AUTH_KEY_UNREGISTERED", 401)));

    // A later page (by file name) overrides an earlier one.
    write(&pages, "030_type.txt", b"T\n\nThe best T.\n\nc#2 = T;\n");
    assert_eq!(load(dir.path()).type_doc("T"), Some("The best T."));

    // Applying a page by hand does the same.
    let mut docs = load(dir.path());
    let page = tlgen_docs::parse_page("c\n\nA newer c.\n\nc#2 = T;\n");
    let page = page.unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(page.kind, PageKind::Constructor);
    docs.apply_page(&page);
    assert_eq!(
        docs.constructor("c").and_then(|c| c.description.as_deref()),
        Some("A newer c.")
    );
}

#[test]
fn documentation_is_the_generators_doc_source() {
    use tlgen_codegen::DocSource;
    let docs = load(&schema_docs());
    let source: &dyn DocSource = &docs;
    assert_eq!(
        source.function_errors("payments.refundStarsCharge").len(),
        4
    );
    assert_eq!(
        source.param_description("payments.refundStarsCharge", true, "user_id"),
        Some("User to refund.".to_string())
    );
    assert!(source
        .param_description("starsTransaction", false, "stars")
        .is_some());
    assert!(source
        .param_description("starsTransaction", true, "stars")
        .is_none());
    assert_eq!(
        source.constructor_description("starsTransaction"),
        Some("Represents a Telegram Stars transaction ».".to_string())
    );
    assert!(source
        .function_description("payments.sendStarsForm")
        .is_some());
    assert!(source.type_description("StarsTransaction").is_some());
    assert!(source.function_errors("no.such").is_empty());
}

#[test]
fn load_dir_errors_name_the_file_and_line() {
    let dir = temp_docs_dir(SMALL_DUMP);
    write(
        &dir.path().join("pages"),
        "bad.txt",
        b"m.do\n\nText.\n\n---functions---\nm.do#1 a:int = Bool;\n\nCode Type Description\nx400 A_INVALID Bad.\n",
    );
    match load_dir(dir.path()) {
        Err(e @ DocsError::Page { .. }) => {
            let text = e.to_string();
            assert!(
                text.ends_with("bad.txt:9:1: error code `x400` is not a number"),
                "{text}"
            );
        }
        other => panic!("expected a page error, got {other:?}"),
    }
    write(&dir.path().join("pages"), "bad.txt", b"m.do\n\n\xff\n");
    let text = load_dir(dir.path())
        .err()
        .map(|e| e.to_string())
        .unwrap_or_default();
    assert!(text.contains("bad.txt:3:1: invalid UTF-8"), "{text}");

    let dir = temp_docs_dir("{\"methods\": [1, 2");
    let text = load_dir(dir.path())
        .err()
        .map(|e| e.to_string())
        .unwrap_or_default();
    assert!(text.contains("getdoc.json:1:"), "{text}");

    let empty = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    assert!(matches!(load_dir(empty.path()), Err(DocsError::Io { .. })));

    // No pages directory: just the dump.
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    write(dir.path(), "getdoc.json", SMALL_DUMP.as_bytes());
    assert_eq!(load(dir.path()).layer(), Some(1));
}

#[test]
fn extract_pages_prints_json() {
    let mut paths: Vec<PathBuf> = [
        "000_269694b05f78eb7f.txt",
        "001_30703dd70f95f8dc.txt",
        "002_9b41aff3d8a77f76.txt",
    ]
    .iter()
    .map(|n| fixtures().join(n))
    .collect();
    let (json, failed) = extract_pages(&paths);
    assert!(!failed);
    let value: Value = serde_json::from_str(&json).unwrap_or_else(|e| panic!("{e}: {json}"));
    let pages = value.as_array().cloned().unwrap_or_default();
    assert_eq!(pages.len(), 3);
    for (page, path) in pages.iter().zip(&paths) {
        let keys: Vec<&str> = page
            .as_object()
            .map(|o| o.keys().map(String::as_str).collect())
            .unwrap_or_default();
        let mut sorted = keys.clone();
        sorted.sort_unstable();
        assert_eq!(sorted, ["description", "errors", "file", "name", "params"]);
        assert_eq!(page["file"], Value::from(path.display().to_string()));
        for param in page["params"].as_array().into_iter().flatten() {
            assert!(param["name"].is_string() && param["type"].is_string());
            assert!(param["description"].is_string());
        }
        for error in page["errors"].as_array().into_iter().flatten() {
            assert!(error["code"].is_i64() && error["name"].is_string());
            assert!(error["description"].is_string());
        }
    }
    assert_eq!(pages[0]["name"], "payments.sendStarsForm");
    assert_eq!(pages[0]["errors"].as_array().map(Vec::len), Some(24));
    assert_eq!(pages[0]["errors"][0]["code"], 406);
    assert_eq!(
        pages[0]["errors"][0]["name"],
        "API_GIFT_RESTRICTED_UPDATE_APP"
    );
    assert_eq!(pages[0]["params"][1]["type"], "InputInvoice");
    assert_eq!(pages[1]["name"], "starsTransaction");
    assert_eq!(pages[1]["params"].as_array().map(Vec::len), Some(22));
    assert_eq!(pages[1]["params"][21]["type"], "flags.15?int");
    assert_eq!(pages[1]["errors"], Value::Array(Vec::new()));
    assert_eq!(pages[2]["name"], "payments.refundStarsCharge");
    assert_eq!(
        pages[2]["description"],
        "Refund a Telegram Stars transaction, see here » for more info."
    );
    assert_eq!(pages[2]["errors"][2]["name"], "USER_ID_INVALID");

    // Failures are reported per page, and set the flag.
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let bad = dir.path().join("bad.txt");
    write(dir.path(), "bad.txt", b"x#1 = T;\nName Type Description\n");
    paths.push(bad.clone());
    paths.push(dir.path().join("missing.txt"));
    let (json, failed) = extract_pages(&paths);
    assert!(failed);
    let value: Value = serde_json::from_str(&json).unwrap_or_else(|e| panic!("{e}: {json}"));
    assert_eq!(value.as_array().map(Vec::len), Some(5));
    assert_eq!(value[3]["file"], Value::from(bad.display().to_string()));
    assert_eq!(
        value[3]["error"],
        Value::from(format!(
            "{}:2:22: the table `Name Type Description` has no rows",
            bad.display()
        ))
    );
    assert!(value[4]["error"]
        .as_str()
        .is_some_and(|e| e.contains("missing.txt")));
    assert_eq!(value[4].as_object().map(|o| o.len()), Some(2));
}

/// Puts every description in a `///` comment and runs rustdoc with warnings denied:
/// the Markdown must not trip any lint (bare URLs, HTML tags, broken links).
#[test]
fn markdown_is_warning_free_in_rustdoc() {
    let rustdoc = std::env::var("RUSTDOC").unwrap_or_else(|_| "rustdoc".to_string());
    if let Err(e) = Command::new(&rustdoc).arg("--version").output() {
        panic!("cannot run `{rustdoc}` ({e}); this test needs rustdoc (set RUSTDOC to its path)");
    }
    let docs = load(&schema_docs());
    let mut source = String::from("//! Generated for the docs test.\n#![deny(warnings)]\n");
    let mut item = 0usize;
    let mut push = |text: &str| {
        for line in text.lines() {
            source.push_str("///");
            if !line.is_empty() {
                source.push(' ');
                source.push_str(line);
            }
            source.push('\n');
        }
        source.push_str(&format!("pub struct Item{item};\n"));
        item += 1;
    };
    for (_, c) in docs.constructors() {
        c.description.as_deref().into_iter().for_each(&mut push);
        c.params.values().for_each(|p| push(p));
    }
    for (_, m) in docs.methods() {
        m.description.as_deref().into_iter().for_each(&mut push);
        m.params.values().for_each(|p| push(p));
        m.errors.iter().for_each(|e| push(&e.description));
    }
    for (_, t) in docs.types() {
        push(t);
    }
    for e in docs.errors() {
        push(&e.description);
    }
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let file = dir.path().join("all_docs.rs");
    std::fs::write(&file, &source).unwrap_or_else(|e| panic!("{e}"));
    let output = Command::new(&rustdoc)
        .args([
            "--edition",
            "2021",
            "--crate-type",
            "lib",
            "--crate-name",
            "all_docs",
        ])
        .arg("-D")
        .arg("warnings")
        .arg("-o")
        .arg(dir.path().join("out"))
        .arg(&file)
        .output()
        .unwrap_or_else(|e| panic!("{e}"));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        output.status.success() && stderr.trim().is_empty(),
        "{stderr}"
    );
}
