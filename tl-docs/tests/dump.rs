//! The documentation dump: loading, counts, link conversion, error names.

use std::collections::{BTreeMap, BTreeSet};
use std::path::PathBuf;

// The generator's naming rules, checked against every error name of the real dump.
use tlgen_codegen::model::naming::{
    error_variant_name, error_variant_names, is_parameterised, is_rust_identifier,
};
use tlgen_docs::{global_errors, load_dump, Documentation};

fn dump_json() -> String {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../schema/docs/getdoc.json");
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn docs() -> Documentation {
    load_dump(&dump_json()).unwrap_or_else(|e| panic!("{e}"))
}

#[test]
fn counts() {
    let docs = docs();
    assert_eq!(docs.layer(), Some(223));
    assert_eq!(docs.constructors().count(), 1546);
    assert_eq!(docs.methods().count(), 757);
    assert_eq!(docs.types().count(), 592);
    assert_eq!(docs.error_table().count(), 724);
    // Every method error is in the global table, plus the always-possible ones.
    let global_only = global_errors()
        .iter()
        .filter(|g| !docs.error_table().any(|e| e.name == g.name))
        .count();
    assert_eq!(docs.errors().count(), 724 + global_only);
    let names: Vec<&str> = docs.errors().map(|e| e.name.as_str()).collect();
    let mut sorted = names.clone();
    sorted.sort_unstable();
    sorted.dedup();
    assert_eq!(names, sorted, "errors() is sorted and unique");
}

#[test]
fn mis_cased_keys_take_the_schema_spelling() {
    let docs = docs();
    assert!(docs.constructor("fileHash").is_some());
    assert!(docs.constructor("FileHash").is_none());
    assert!(docs.constructor("updates").is_some());
    assert!(docs
        .constructor("payments.validatedRequestedInfo")
        .is_some());
    assert!(docs.method("upload.getWebFile").is_some());
    // Types: namespace case and type arguments do not matter.
    assert_eq!(
        docs.type_doc("account.Takeout"),
        docs.type_doc("Account.Takeout")
    );
    assert!(docs.type_doc("account.Takeout").is_some());
    assert_eq!(docs.type_doc("Vector"), Some("Universal vector."));
    assert_eq!(docs.type_doc("Vector t"), Some("Universal vector."));
    assert!(docs.type_doc("NoSuchType").is_none());
}

#[test]
fn link_markers_become_markdown_links() {
    let docs = docs();
    let method = docs.method("payments.refundStarsCharge");
    let method = method.unwrap_or_else(|| panic!("missing payments.refundStarsCharge"));
    assert_eq!(
        method.description.as_deref(),
        Some(
            "Refund a [Telegram Stars](https://core.telegram.org/api/stars) transaction, see \
             [here »](https://core.telegram.org/api/payments#6-refunds) for more info."
        )
    );
    assert_eq!(
        method.params.get("charge_id").map(String::as_str),
        Some("Transaction ID.")
    );
    let errors: Vec<&str> = method.errors.iter().map(|e| e.name.as_str()).collect();
    assert_eq!(
        errors,
        [
            "CHARGE_ALREADY_REFUNDED",
            "CHARGE_ID_EMPTY",
            "USER_BOT_REQUIRED",
            "USER_ID_INVALID"
        ]
    );
    assert_eq!(
        method.errors[1].description,
        "The specified charge_id is empty."
    );

    let tx = docs.constructor("starsTransaction");
    let tx = tx.unwrap_or_else(|| panic!("missing starsTransaction"));
    assert_eq!(
        tx.params.get("bot_payload").map(String::as_str),
        Some(
            "Bot specified invoice payload (i.e. the payload passed to \
             [inputMediaInvoice](https://core.telegram.org/constructor/inputMediaInvoice) when \
             creating the [invoice](https://core.telegram.org/api/payments))."
        )
    );
    assert_eq!(
        tx.params.get("flags").map(String::as_str),
        Some(
            "Flags, see TL conditional \
             [fields](https://core.telegram.org/mtproto/TL-combinators#conditional-fields)"
        )
    );

    // Footnote numbers restart per paragraph; links follow the markers in order.
    let webfile = docs.method("upload.getWebFile");
    let webfile = webfile.unwrap_or_else(|| panic!("missing upload.getWebFile"));
    assert_eq!(
        webfile.description.as_deref(),
        Some(
            "Returns content of a web file, by proxying the request through telegram, see the \
             webfile docs for more [info](https://core.telegram.org/api/files#downloading-webfiles).\n\n\
             Note: the query must be sent to the DC specified in the webfile_dc_id MTProto \
             configuration [field](https://core.telegram.org/api/config#mtproto-configuration)."
        )
    );

    // A link after a parenthesis covers the parenthesised words.
    let effect = docs.constructor("availableEffect");
    let effect = effect.unwrap_or_else(|| panic!("missing availableEffect"));
    let sticker = effect
        .params
        .get("effect_sticker_id")
        .map(String::as_str)
        .unwrap_or("");
    assert!(
        sticker.starts_with("Contains the preview animation ([TGS format »](https://"),
        "{sticker}"
    );
}

#[test]
fn rustdoc_sensitive_text_is_escaped() {
    let docs = docs();
    let anchor = docs
        .constructor("pageBlockAnchor")
        .and_then(|c| c.description.as_deref());
    assert_eq!(
        anchor,
        Some(
            "Link to section within the page itself (like \\<a href=\"#target\"\\>anchor\\</a\\>)"
        )
    );
    let url = docs
        .error_table()
        .find(|e| e.name == "USERNAME_PURCHASE_AVAILABLE");
    assert_eq!(
        url.map(|e| e.description.as_str()),
        Some("The specified username can be purchased on <https://fragment.com>.")
    );
    let minutes = docs
        .constructor("businessWeeklyOpen")
        .and_then(|c| c.params.get("start_minute"))
        .map(String::as_str);
    assert_eq!(
        minutes,
        Some("Start minute in minutes of the week, 0 to 7\\*24\\*60 inclusively.")
    );
    // A marker without a link (the dump's errors have none) is dropped.
    let takeout = docs.error_table().find(|e| e.name == "TAKEOUT_REQUIRED");
    assert_eq!(
        takeout.map(|e| e.description.as_str()),
        Some("A takeout session needs to be initialized first, see here » for more info.")
    );
}

#[test]
fn tolerant_of_missing_and_null_fields() {
    let docs = load_dump(
        r#"{"constructors": {"a": {"description": "One.", "fields": {"x": {"description": null}}},
                             "b": {"name": "b", "description": null, "links": null}},
            "methods": {"m": {"description": ["P1¹", "P2²"], "links": ["u1"],
                              "errors": [{"code": "400", "type": "E_ONE", "description": "d"},
                                         {"code": 400, "type": "E_ONE", "description": "dup"}]}},
            "errors": {"E_TWO": {"code": 420}},
            "unknown": 1}"#,
    )
    .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(docs.layer(), None);
    let a = docs.constructor("a").cloned().unwrap_or_default();
    assert_eq!(a.description.as_deref(), Some("One."));
    assert!(a.params.is_empty());
    assert_eq!(
        docs.constructor("b").and_then(|b| b.description.clone()),
        None
    );
    let m = docs.method("m").cloned().unwrap_or_default();
    // Two markers, one link: the digits decide, `²` has no link and is dropped.
    assert_eq!(m.description.as_deref(), Some("[P1](u1)\n\nP2"));
    assert_eq!(m.errors.len(), 1);
    assert_eq!(m.errors[0].code, 400);
    let two = docs.errors().find(|e| e.name == "E_TWO").cloned();
    assert_eq!(
        two.map(|e| (e.code, e.description)),
        Some((420, String::new()))
    );

    for bad in [
        "",
        "[]",
        "{\"methods\": {\"m\": {\"errors\": [{\"code\": \"x\"}]}}}",
    ] {
        let e = load_dump(bad).err();
        assert!(e.is_some(), "{bad:?} accepted");
    }
}

/// A malformed dump is refused with where: the line and column of a syntax error, the path
/// to a value of the wrong type.
#[test]
fn malformed_dumps_say_where() {
    for (bad, expected) in [
        ("", "invalid documentation dump: EOF while parsing a value at line 1 column 0"),
        ("[]", "invalid documentation dump: the documentation dump must be a JSON object"),
        ("null", "invalid documentation dump: the documentation dump must be a JSON object"),
        (
            "{\"methods\": {\n",
            "invalid documentation dump: EOF while parsing an object at line 2 column 0",
        ),
        (
            r#"{"methods": {"m": {"errors": [{"code": 400}, {"code": "x"}]}}}"#,
            r#"invalid documentation dump: at methods["m"].errors[1].code: error code "x" is not a number"#,
        ),
        (
            r#"{"errors": {"E": {"code": 1e3}}}"#,
            r#"invalid documentation dump: at errors["E"].code: invalid type: floating point `1000.0`, expected an error code (an integer)"#,
        ),
        (
            r#"{"errors": {"E": {"code": 4294967296}}}"#,
            r#"invalid documentation dump: at errors["E"].code: error code 4294967296 is out of range"#,
        ),
        (
            r#"{"index": {"layer": "230"}}"#,
            r#"invalid documentation dump: at index.layer: invalid type: string "230", expected an integer"#,
        ),
        (
            r#"{"index": {"layer": 2147483648}}"#,
            "invalid documentation dump: at index.layer: 2147483648 is out of range of a 32-bit integer",
        ),
        (
            r#"{"index": {"categories": [{"values": ["a", 1]}]}}"#,
            "invalid documentation dump: at index.categories[0].values[1]: invalid type: integer `1`, expected a string",
        ),
        (
            r#"{"constructors": {"c": {"fields": {"f\"": {"description": [null, true]}}}}}"#,
            r#"invalid documentation dump: at constructors["c"].fields["f\""].description[1]: invalid type: boolean `true`, expected a string"#,
        ),
        (
            r#"{"types": {"T": null}}"#,
            r#"invalid documentation dump: at types["T"]: invalid type: null, expected an entry (an object)"#,
        ),
        (
            r#"{"methods": []}"#,
            "invalid documentation dump: at methods: invalid type: a list, expected an object",
        ),
        (
            r#"{"methods": {"m": {"description": {}}}}"#,
            r#"invalid documentation dump: at methods["m"].description: invalid type: an object, expected a string or a list of strings"#,
        ),
    ] {
        let e = load_dump(bad).err().map(|e| e.to_string());
        assert_eq!(e.as_deref(), Some(expected), "{bad:?}");
    }
    // From a file, a syntax error gives `path:line:column`, a type error the path.
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("getdoc.json"), "{\n  \"index\": x}").unwrap();
    let e = tlgen_docs::load_dir(dir.path())
        .err()
        .map(|e| e.to_string());
    let file = dir.path().join("getdoc.json").display().to_string();
    assert_eq!(
        e,
        Some(format!(
            "{file}:2:12: invalid documentation dump: expected value at line 2 column 12"
        ))
    );
    std::fs::write(dir.path().join("getdoc.json"), r#"{"index": 1}"#).unwrap();
    let e = tlgen_docs::load_dir(dir.path())
        .err()
        .map(|e| e.to_string());
    assert_eq!(
        e,
        Some(format!(
            "{file}: invalid documentation dump: at index: invalid type: integer `1`, expected the index (an object)"
        ))
    );
}

fn all_error_names(docs: &Documentation) -> BTreeSet<String> {
    let mut names: BTreeSet<String> = docs.errors().map(|e| e.name.clone()).collect();
    for (_, m) in docs.methods() {
        names.extend(m.errors.iter().map(|e| e.name.clone()));
    }
    names
}

#[test]
fn variant_names_are_identifiers() {
    let docs = docs();
    let names = all_error_names(&docs);
    assert!(names.len() > 724);
    for name in &names {
        let variant = error_variant_name(name);
        assert!(is_rust_identifier(&variant), "{name} → {variant}");
        assert!(
            variant.starts_with(|c: char| c.is_ascii_uppercase()),
            "{name} → {variant}"
        );
    }
    assert_eq!(error_variant_name("BALANCE_TOO_LOW"), "BalanceTooLow");
    assert_eq!(error_variant_name("FLOOD_WAIT_%d"), "FloodWait");
    assert_eq!(
        error_variant_name("2FA_CONFIRM_WAIT_%d"),
        "TwoFaConfirmWait"
    );
    assert_eq!(
        error_variant_name("FILE_REFERENCE_%d_EXPIRED"),
        "FileReferenceExpired"
    );
    assert_eq!(
        error_variant_name("PREVIOUS_CHAT_IMPORT_ACTIVE_WAIT_%dMIN"),
        "PreviousChatImportActiveWaitMin"
    );
    assert_eq!(error_variant_name("Timeout"), "Timeout");
    assert_eq!(
        error_variant_name("Invalid msgs_ack query"),
        "InvalidMsgsAckQuery"
    );
    assert_eq!(error_variant_name("weird-name! ünïcode"), "WeirdNameNCode");
    assert_eq!(error_variant_name(""), "Unknown");
    assert!(is_parameterised("FLOOD_WAIT_%d"));
    assert!(!is_parameterised("FLOOD_WAIT"));
}

#[test]
fn variant_names_are_unique_over_the_dump() {
    let docs = docs();
    let names = all_error_names(&docs);
    let variants = error_variant_names(names.iter().map(String::as_str));
    assert_eq!(variants.len(), names.len());
    let distinct: BTreeSet<&String> = variants.values().collect();
    assert_eq!(distinct.len(), names.len(), "variant names collide");
    for (name, variant) in &variants {
        assert!(is_rust_identifier(variant), "{name} → {variant}");
        if !is_parameterised(name) {
            assert_eq!(
                variant,
                &error_variant_name(name),
                "plain names keep their base name"
            );
        }
    }
    // The per-name rule alone collides exactly where a plain name and a
    // parameterised one differ only by `%d`; the set rule resolves those.
    let mut by_base: BTreeMap<String, Vec<&str>> = BTreeMap::new();
    for name in &names {
        by_base
            .entry(error_variant_name(name))
            .or_default()
            .push(name);
    }
    let collisions: Vec<Vec<&str>> = by_base.into_values().filter(|v| v.len() > 1).collect();
    assert_eq!(
        collisions,
        vec![
            vec!["ALLOW_PAYMENT_REQUIRED", "ALLOW_PAYMENT_REQUIRED_%d"],
            vec!["AUTH_RESTART", "AUTH_RESTART_%d"],
            vec!["EMAIL_UNCONFIRMED", "EMAIL_UNCONFIRMED_%d"],
            vec!["FILE_REFERENCE_%d_EMPTY", "FILE_REFERENCE_EMPTY"],
            vec!["FILE_REFERENCE_%d_EXPIRED", "FILE_REFERENCE_EXPIRED"],
            vec!["FILE_REFERENCE_%d_INVALID", "FILE_REFERENCE_INVALID"],
        ]
    );
    let get = |n: &str| variants.get(n).map(String::as_str);
    assert_eq!(get("AUTH_RESTART"), Some("AuthRestart"));
    assert_eq!(get("AUTH_RESTART_%d"), Some("AuthRestartN"));
    assert_eq!(get("FILE_REFERENCE_EXPIRED"), Some("FileReferenceExpired"));
    assert_eq!(
        get("FILE_REFERENCE_%d_EXPIRED"),
        Some("FileReferenceNExpired")
    );
    assert_eq!(get("FLOOD_WAIT_%d"), Some("FloodWait"));
    assert_eq!(get("2FA_CONFIRM_WAIT_%d"), Some("TwoFaConfirmWait"));

    // Pathological sets still get distinct names.
    let tricky = [
        "A_%d", "A", "A_N", "A N", "a", "A2", "%d", "", "SELF", "Self",
    ];
    let variants = error_variant_names(tricky);
    let distinct: BTreeSet<&String> = variants.values().collect();
    assert_eq!(distinct.len(), tricky.len(), "{variants:?}");
    assert!(
        variants.values().all(|v| is_rust_identifier(v)),
        "{variants:?}"
    );
}

#[test]
fn global_errors_are_documented() {
    let docs = docs();
    let globals = global_errors();
    let names: Vec<&str> = globals.iter().map(|e| e.name.as_str()).collect();
    for expected in [
        "FILE_MIGRATE_%d",
        "NETWORK_MIGRATE_%d",
        "PHONE_MIGRATE_%d",
        "USER_MIGRATE_%d",
        "STATS_MIGRATE_%d",
        "FLOOD_WAIT_%d",
        "FLOOD_PREMIUM_WAIT_%d",
        "SLOWMODE_WAIT_%d",
        "AUTH_KEY_UNREGISTERED",
        "AUTH_KEY_INVALID",
        "USER_DEACTIVATED",
        "USER_DEACTIVATED_BAN",
        "SESSION_REVOKED",
        "SESSION_EXPIRED",
        "SESSION_PASSWORD_NEEDED",
        "AUTH_KEY_PERM_EMPTY",
        "INTERNAL",
        "Timeout",
    ] {
        assert!(names.contains(&expected), "{expected}");
    }
    for e in &globals {
        assert!(!e.description.is_empty(), "{}", e.name);
        assert_eq!(e.code == 303, e.name.contains("MIGRATE"), "{}", e.name);
        // Where the dump documents the error, the text is the dump's.
        if let Some(dumped) = docs.error_table().find(|d| d.name == e.name) {
            assert_eq!(dumped, e, "{}", e.name);
        }
        assert_eq!(
            docs.errors().find(|d| d.name == e.name).map(|d| d.code),
            Some(e.code)
        );
    }
}
