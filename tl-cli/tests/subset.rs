//! Subsets: `generate --functions/--types` on the command line (exact output), and the
//! promise that a subset's items are the whole layer's, item for item.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use quote::ToTokens;
use tlgen_codegen::Config;
use tlgen_test_support::BOT_FUNCTIONS;

fn repo() -> PathBuf {
    Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/..")).to_path_buf()
}

fn tl_codegen(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_tl-codegen"))
        .args(args)
        .current_dir(repo())
        .output()
        .unwrap_or_else(|e| panic!("cannot run tl-codegen: {e}"))
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

/// The first stdout line up to the size of the output (`: 1234 lines in 5 files, 12.3ms`),
/// which varies with the emitters and the machine.
fn summary(stdout: &str) -> String {
    let first = stdout.lines().next().unwrap_or_default();
    first
        .split_once(": ")
        .map_or(first, |(counts, _)| counts)
        .to_owned()
}

#[test]
fn generate_writes_the_closure_of_the_chosen_functions() {
    let temp = tempfile::tempdir().unwrap();
    let out = temp.path().join("tl");
    let out = out.to_str().unwrap();
    let output = tl_codegen(&[
        "generate",
        "--schema",
        "tests/schema/stars.tl",
        "--out",
        out,
        "--functions",
        "payments.sendStarsForm",
        "--types",
        "StarGift,RichText",
    ]);
    assert!(output.status.success(), "{}", text(&output.stderr));
    assert_eq!(text(&output.stderr), "");
    // Counted by hand from stars.tl: sendStarsForm needs InputInvoice (2 constructors) →
    // InputPeer (3), and payments.PaymentResult (2) → Updates (7) → MessageFwdHeader (1),
    // MessageReplyHeader (1), MessageEntity (2), Peer (2), Update (2), User (1), Chat (1),
    // MessageMedia (2): 12 types, 26 constructors. StarGift (1) and RichText (4) are asked
    // for.
    assert_eq!(
        summary(&text(&output.stdout)),
        "generated 31 constructors, 14 types, 1 function"
    );
    // stars.tl declares no `rpc_error` and no docs are given: no errors module.
    assert!(text(&output.stdout).contains(" lines in 4 files, "));
    let functions = std::fs::read_to_string(Path::new(out).join("functions.rs")).unwrap();
    assert!(functions.contains("pub struct SendStarsForm"));
    assert!(!functions.contains("RefundStarsCharge"));
    let types = std::fs::read_to_string(Path::new(out).join("types.rs")).unwrap();
    assert!(types.contains("pub struct StarGiftStub"));
    assert!(!types.contains("pub struct StarsTransaction "));

    // Repeated and comma-separated flags, and a glob, mean the same as one list.
    let again = tl_codegen(&[
        "generate",
        "--check",
        "--schema",
        "tests/schema/stars.tl",
        "--out",
        out,
        "--functions",
        "payments.send*",
        "--types",
        "StarGift",
        "--types",
        "RichText",
    ]);
    assert_eq!(text(&again.stderr), "");
    assert_eq!(text(&again.stdout), format!("{out} is up to date\n"));
    assert!(again.status.success());
}

#[test]
fn unknown_names_fail_with_the_closest_name() {
    let temp = tempfile::tempdir().unwrap();
    let out = temp.path().join("tl");
    let output = tl_codegen(&[
        "generate",
        "--schema",
        "tests/schema/stars.tl",
        "--out",
        out.to_str().unwrap(),
        "--functions",
        "payments.sendStarForm,sendStarsForm,payment.*",
        "--types",
        "Updatess,inputInvoiceSlag",
    ]);
    assert_eq!(output.status.code(), Some(1));
    assert_eq!(text(&output.stdout), "");
    assert_eq!(
        text(&output.stderr),
        "error: the subset names what the schema does not have:\n\
         \x20 unknown function `payments.sendStarForm`; did you mean `payments.sendStarsForm`?\n\
         \x20 unknown function `sendStarsForm`; did you mean `payments.sendStarsForm`?\n\
         \x20 no function matches `payment.*`; did you mean `payments.*`?\n\
         \x20 unknown type `Updatess`; did you mean `Updates`?\n\
         \x20 unknown type `inputInvoiceSlag`; did you mean `inputInvoiceSlug`?\n"
    );
    assert!(!out.exists(), "nothing is written on failure");
}

#[test]
fn subset_flags_need_a_schema() {
    let output = tl_codegen(&["generate", "--check", "--functions", "help.getConfig"]);
    assert_eq!(output.status.code(), Some(2));
    assert_eq!(
        text(&output.stderr),
        "error: the following required arguments were not provided:\n  \
         --out <OUT>\n  \
         --schema <SCHEMA>\n\n\
         Usage: tl-codegen generate --out <OUT> --schema <SCHEMA> --check --functions <NAMES>\n\n\
         For more information, try '--help'.\n"
    );
}

/// Telegram's layer with its docs and the optional parts the test compares (the per-method
/// error enums and the borrowed twins), as one unformatted file.
fn layer_config() -> Config {
    let root = repo();
    let docs = tlgen_docs::load_dir(&root.join("schema/docs")).unwrap();
    let mut config = Config::new();
    config
        .schema(root.join("schema/api.tl"))
        .schema(root.join("schema/mtproto.tl"))
        .docs(docs)
        .pretty(false)
        .method_errors(true)
        .borrowed(true);
    config
}

fn generate(config: &Config) -> syn::File {
    let output = config.generate().unwrap_or_else(|e| panic!("{e}"));
    syn::parse_file(&output.files[0].contents).unwrap_or_else(|e| panic!("{e}"))
}

/// Every item under the top-level modules, by module path (`types::messages`), as token
/// text; the root's items are left out (its `Object`, id table and `name_for_id` cover
/// exactly what is generated).
fn items(file: &syn::File) -> BTreeMap<String, BTreeSet<String>> {
    fn walk(path: &str, items: &[syn::Item], out: &mut BTreeMap<String, BTreeSet<String>>) {
        for item in items {
            match item {
                syn::Item::Mod(m) if m.content.is_some() => {
                    let child = format!("{path}::{}", m.ident);
                    let inner = m.content.as_ref().map_or(&[][..], |(_, i)| i.as_slice());
                    walk(&child, inner, out);
                }
                other => {
                    out.entry(path.to_owned())
                        .or_default()
                        .insert(without_docs(&other.to_token_stream().to_string()));
                }
            }
        }
    }
    let mut out = BTreeMap::new();
    for item in &file.items {
        if let syn::Item::Mod(m) = item {
            let inner = m.content.as_ref().map_or(&[][..], |(_, i)| i.as_slice());
            walk(&m.ident.to_string(), inner, &mut out);
        }
    }
    out
}

/// `tokens` without its `#[doc = "…"]` attributes: a type's docs list the functions and
/// constructors that use it, and in a subset those lists are (rightly) shorter.
fn without_docs(tokens: &str) -> String {
    const OPEN: &str = "# [doc = \"";
    let mut out = String::with_capacity(tokens.len());
    let mut rest = tokens;
    while let Some(start) = rest.find(OPEN) {
        out.push_str(&rest[..start]);
        let literal = &rest[start + OPEN.len()..];
        let mut chars = literal.char_indices();
        let mut end = literal.len();
        while let Some((i, c)) = chars.next() {
            match c {
                '\\' => {
                    chars.next();
                }
                '"' => {
                    end = i;
                    break;
                }
                _ => {}
            }
        }
        // Skip the closing `"]` and the space after it.
        rest = literal[end..].trim_start_matches('"').trim_start();
        rest = rest.strip_prefix(']').unwrap_or(rest).trim_start();
    }
    out.push_str(rest);
    out
}

/// The variants of `errors::Error`: name → token text.
fn error_variants(file: &syn::File) -> BTreeMap<String, String> {
    let errors = file.items.iter().find_map(|item| match item {
        syn::Item::Mod(m) if m.ident == "errors" => m.content.as_ref(),
        _ => None,
    });
    let enum_ = errors.and_then(|(_, items)| {
        items.iter().find_map(|item| match item {
            syn::Item::Enum(e) if e.ident == "Error" => Some(e),
            _ => None,
        })
    });
    enum_
        .map(|e| {
            e.variants
                .iter()
                .map(|v| (v.ident.to_string(), v.to_token_stream().to_string()))
                .collect()
        })
        .unwrap_or_default()
}

#[test]
fn every_item_of_the_bot_subset_is_the_whole_layers() {
    let full_file = generate(&layer_config());
    let subset_file = generate(layer_config().functions(BOT_FUNCTIONS));
    let full = items(&full_file);
    let subset = items(&subset_file);

    let mut compared = 0;
    let mut differing = Vec::new();
    for (module, subset_items) in &subset {
        // `errors::Error` and its impls list the subset's errors (checked below); the
        // per-method enums (`method_errors`, re-exported by `errors`) must be the whole
        // layer's.
        if module == "errors" {
            continue;
        }
        let empty = BTreeSet::new();
        let full_items = full.get(module).unwrap_or(&empty);
        for item in subset_items {
            // The table behind `documented_errors` lists the subset's methods.
            if module == "method_errors" && item.contains("static DOCUMENTED") {
                continue;
            }
            compared += 1;
            if !full_items.contains(item) {
                differing.push(format!("{module}: {}", &item[..item.len().min(200)]));
            }
        }
    }
    assert!(
        differing.is_empty(),
        "{} of {compared} items differ from the whole layer's:\n{}",
        differing.len(),
        differing.join("\n")
    );
    // Every module kind is there, with the bot's functions and their error enums.
    for module in [
        "types",
        "enums",
        "functions::messages",
        "method_errors::messages",
        "borrowed::types",
    ] {
        assert!(subset.contains_key(module), "no {module}");
    }
    assert!(compared > 3000, "only {compared} items compared");

    // `errors::Error`: the bot's documented errors and the global ones, as in the whole layer.
    let full_errors = error_variants(&full_file);
    let subset_errors = error_variants(&subset_file);
    for (name, tokens) in &subset_errors {
        assert_eq!(full_errors.get(name), Some(tokens), "{name}");
    }
    assert!(subset_errors.len() < full_errors.len());
    // Global (documented for none of the 12), documented for one of them, for others only.
    for (name, kept) in [
        ("FloodWait", true),
        ("UserMigrate", true),
        ("AuthKeyUnregistered", true),
        ("MessageEmpty", true),
        ("PhoneCodeInvalid", false),
    ] {
        assert_eq!(subset_errors.contains_key(name), kept, "{name}");
        assert!(full_errors.contains_key(name), "{name}");
    }
}
