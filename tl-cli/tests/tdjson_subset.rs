//! `generate --json tdlib --functions …`: the 12-function bot subset of TDLib 1.8.61
//! generates only those requests and the types they reach, and compiles as a crate with
//! warnings denied.

use std::path::Path;
use std::process::Command;

/// The bot of issue 26: the requests a TDLib bot makes.
const BOT: [&str; 12] = [
    "setTdlibParameters",
    "checkAuthenticationBotToken",
    "getMe",
    "getChat",
    "sendMessage",
    "editMessageText",
    "deleteMessages",
    "getMessage",
    "getChatHistory",
    "answerCallbackQuery",
    "getUser",
    "downloadFile",
];

fn repo() -> &'static Path {
    Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/.."))
}

#[test]
fn tdlib_bot_subset_generates_and_compiles() {
    let temp = tempfile::tempdir().unwrap();
    let krate = temp.path().join("td-bot");
    let out = krate.join("src/td");
    let functions = BOT.join(",");
    let output = Command::new(env!("CARGO_BIN_EXE_tl-codegen"))
        .args([
            "generate",
            "--schema",
            "schema/tdlib/td_api.tl",
            "--json",
            "tdlib",
        ])
        .args(["--functions", &functions, "--out"])
        .arg(&out)
        .current_dir(repo())
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(output.status.success(), "{stderr}");
    let text = std::fs::read_to_string(out.join("functions.rs")).unwrap();
    let count = text.matches("TdFunction for").count();
    assert_eq!(count, 12, "one TdFunction per requested function");
    for name in BOT {
        assert!(
            text.contains(&format!("TYPE_NAME: &'static str = \"{name}\"")),
            "{name}"
        );
    }
    // The roots cover the subset only; no binary codecs.
    let root = std::fs::read_to_string(out.join("mod.rs")).unwrap();
    assert!(root.contains("pub enum Function"));
    assert!(!root.contains("getChats"));
    assert!(!text.contains("Serializable"));
    let runtime = repo().join("tl-runtime").canonicalize().unwrap();
    std::fs::write(
        krate.join("Cargo.toml"),
        format!(
            "[package]\nname = \"td-bot\"\nversion = \"0.0.0\"\nedition = \"2021\"\n\
             publish = false\n\n[dependencies]\ntlgen-runtime = {{ path = {:?}, \
             default-features = false, features = [\"json\"] }}\n\n[workspace]\n",
            runtime.display().to_string()
        ),
    )
    .unwrap();
    std::fs::write(
        krate.join("src/lib.rs"),
        "//! A TDLib bot's bindings.\n#[rustfmt::skip]\npub mod td;\n",
    )
    .unwrap();
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".into());
    let check = Command::new(&cargo)
        .args(["check", "--offline", "--quiet", "--target-dir"])
        .arg(temp.path().join("target"))
        .current_dir(&krate)
        .env("RUSTFLAGS", "-D warnings")
        .output()
        .unwrap();
    assert!(
        check.status.success(),
        "{}",
        String::from_utf8_lossy(&check.stderr)
    );
}
