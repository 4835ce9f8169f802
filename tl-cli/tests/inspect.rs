//! `tlgen_cli::inspect`: the text report and the JSON dump.

use serde_json::{json, Value};
use tlgen_cli::inspect;
use tlgen_parser::{Dialect, ParseOptions};

/// `inspect` with the default options, or with `strict_ids`.
fn inspect(files: &[(String, String)], json: bool, strict_ids: bool) -> inspect::InspectReport {
    let options = ParseOptions {
        strict_ids,
        ..ParseOptions::default()
    };
    inspect::inspect(files, json, &options)
}

/// A small schema with a constructor, a flag, a generic function and a bad id.
const SMALL: &str = "// LAYER 230\n\
    payments.paymentResult#4e5f810d updates:Updates = payments.PaymentResult;\n\
    updatesTooLong#e317af7e = Updates;\n\
    tx flags:# refund:flags.3?true media:flags.9?Vector<%Updates> = Tx;\n\
    boolFalse#bc799738 = Bool;\n\
    inputInvoiceSlug#c326caef slug:string = InputInvoice;\n\
    ---functions---\n\
    payments.sendStarsForm#7998c914 form_id:long invoice:InputInvoice = payments.PaymentResult;\n\
    invokeWithLayer#da9b0d0d {X:Type} layer:int query:!X = X;\n";

/// `(name, source)` pairs as the command gives them.
fn files(list: &[(&str, &str)]) -> Vec<(String, String)> {
    list.iter()
        .map(|&(n, s)| (n.to_string(), s.to_string()))
        .collect()
}

/// Reads a schema of the repository.
fn schema(name: &str) -> (String, String) {
    let path = format!("{}/../schema/{name}", env!("CARGO_MANIFEST_DIR"));
    (
        format!("schema/{name}"),
        std::fs::read_to_string(&path).expect("the schema is readable"),
    )
}

#[test]
fn json_dump_has_the_documented_shape() {
    let report = inspect(&files(&[("small.tl", SMALL)]), true, false);
    assert!(!report.has_errors);
    assert!(report.output.ends_with("}\n"));
    let value: Value = serde_json::from_str(&report.output).expect("valid JSON");
    let expected = json!({
        "layer": 230,
        "dialect": "telegram",
        "dialect_reason": "no declared id tells the rules apart and the schema declares no builtin type",
        "definitions": [
            {
                "name": "payments.paymentResult", "category": "type", "id": "0x4e5f810d", "computed_id": "0x4e5f810d",
                "result": "payments.PaymentResult", "generics": [],
                "params": [{"name": "updates", "type": "Updates", "flag": null}]
            },
            {
                "name": "updatesTooLong", "category": "type", "id": "0xe317af7e", "computed_id": "0xe317af7e",
                "result": "Updates", "generics": [], "params": []
            },
            {
                "name": "tx", "category": "type", "id": null, "computed_id": value["definitions"][2]["computed_id"],
                "result": "Tx", "generics": [],
                "params": [
                    {"name": "flags", "type": "#", "flag": null},
                    {"name": "refund", "type": "true", "flag": {"field": "flags", "bit": 3}},
                    {"name": "media", "type": "Vector<%Updates>", "flag": {"field": "flags", "bit": 9}}
                ]
            },
            {
                "name": "boolFalse", "category": "type", "id": "0xbc799738", "computed_id": "0xbc799737",
                "result": "Bool", "generics": [], "params": []
            },
            {
                "name": "inputInvoiceSlug", "category": "type", "id": "0xc326caef", "computed_id": "0xc326caef",
                "result": "InputInvoice", "generics": [],
                "params": [{"name": "slug", "type": "string", "flag": null}]
            },
            {
                "name": "payments.sendStarsForm", "category": "function", "id": "0x7998c914", "computed_id": "0x7998c914",
                "result": "payments.PaymentResult", "generics": [],
                "params": [
                    {"name": "form_id", "type": "long", "flag": null},
                    {"name": "invoice", "type": "InputInvoice", "flag": null}
                ]
            },
            {
                "name": "invokeWithLayer", "category": "function", "id": "0xda9b0d0d", "computed_id": "0xda9b0d0d",
                "result": "X", "generics": [{"name": "X", "type": "Type"}],
                "params": [{"name": "layer", "type": "int", "flag": null}, {"name": "query", "type": "!X", "flag": null}]
            }
        ],
        "diagnostics": [
            {
                "severity": "warning", "file": "small.tl", "line": 5, "column": 10,
                "message": "declared id 0xbc799738 of `boolFalse` differs from the computed id 0xbc799737 of `boolFalse = Bool`; the declared id is used"
            }
        ]
    });
    assert_eq!(value, expected);
    let computed = value["definitions"][2]["computed_id"]
        .as_str()
        .expect("a string");
    assert!(
        computed.starts_with("0x") && computed.len() == 10 && computed == computed.to_lowercase()
    );
}

#[test]
fn json_keys_keep_the_documented_order() {
    let report = inspect(&files(&[("small.tl", SMALL)]), true, false);
    let position = |key: &str| {
        report
            .output
            .find(&format!("\"{key}\""))
            .unwrap_or(usize::MAX)
    };
    let top = [
        "layer",
        "dialect",
        "dialect_reason",
        "definitions",
        "name",
        "category",
        "id",
        "computed_id",
        "result",
        "generics",
        "params",
    ];
    assert!(
        top.windows(2).all(|w| position(w[0]) < position(w[1])),
        "{}",
        report.output
    );
    let diagnostic = ["severity", "file", "line", "column", "message"];
    assert!(
        diagnostic
            .windows(2)
            .all(|w| position(w[0]) < position(w[1])),
        "{}",
        report.output
    );
}

#[test]
fn json_layer_is_null_without_a_layer_comment() {
    let report = inspect(&files(&[("a.tl", "a = A;")]), true, false);
    let value: Value = serde_json::from_str(&report.output).expect("valid JSON");
    assert_eq!(value["layer"], Value::Null);
    assert_eq!(value["diagnostics"], json!([]));
}

#[test]
fn strict_ids_make_a_mismatch_an_error() {
    let report = inspect(&files(&[("small.tl", SMALL)]), true, true);
    assert!(report.has_errors);
    let value: Value = serde_json::from_str(&report.output).expect("valid JSON");
    assert_eq!(value["diagnostics"][0]["severity"], "error");
}

#[test]
fn text_report_of_the_real_schemas() {
    let report = inspect(&[schema("api.tl"), schema("mtproto.tl")], false, false);
    assert!(!report.has_errors);
    let head: Vec<&str> = report.output.lines().take(7).collect();
    assert_eq!(
        head,
        [
            "layer: 230",
            "dialect: telegram (2601 of the 2604 declared ids agree with Telegram's rule, \
             2005 with TDLib/TON's)",
            "constructors: 1752",
            "functions: 860",
            "types: 677",
            "builtins: 8",
            "diagnostics: 0 errors, 0 warnings, 3 notes"
        ]
    );
    assert_eq!(report.output.lines().count(), 7, "diagnostics go to stderr");
    assert!(report
        .diagnostics
        .starts_with("note: declared id 0x37982646 of `ipPortSecret`"));
    assert!(report
        .diagnostics
        .contains(" --> schema/mtproto.tl:102:13\n"));
    assert!(report.diagnostics.ends_with("^\n\n"));

    // The parser knows these three: notes under `--strict-ids` too.
    let strict = inspect(&[schema("api.tl"), schema("mtproto.tl")], false, true);
    assert!(!strict.has_errors);
    assert!(strict
        .output
        .contains("diagnostics: 0 errors, 0 warnings, 3 notes"));
}

/// `--dialect` overrides the evidence, and the report says so.
#[test]
fn an_explicit_dialect_is_reported() {
    let td = files(&[(
        "td_api.tl",
        "int32 = Int32;\nbytes = Bytes;\ntestBytes value:bytes = TestBytes;\n",
    )]);
    let report = inspect(&td, false, false);
    assert!(report.output.contains(
        "\ndialect: tdlib/ton (no declared id tells the rules apart and the schema declares its \
         builtins (`int32 = Int32`))\n"
    ));
    let options = ParseOptions {
        dialect: Some(Dialect::Telegram),
        ..ParseOptions::default()
    };
    let report = inspect::inspect(&td, true, &options);
    let value: Value = serde_json::from_str(&report.output).expect("valid JSON");
    assert_eq!(value["dialect"], "telegram");
    assert_eq!(value["dialect_reason"], "chosen by the caller");
}

#[test]
fn text_report_renders_errors() {
    let report = inspect(&files(&[("bad.tl", "foo#1234 a:int Bar;\n")]), false, false);
    assert!(report.has_errors);
    assert_eq!(
        report.output,
        "layer: none\ndialect: telegram (no declared id tells the rules apart and the schema \
         declares no builtin type)\nconstructors: 0\nfunctions: 0\ntypes: 0\nbuiltins: 0\n\
         diagnostics: 1 error, 0 warnings, 0 notes\n"
    );
    assert_eq!(
        report.diagnostics,
        "error: expected `=` before the result type\n --> bad.tl:1:16\n  |\n1 | foo#1234 a:int Bar;\n  |                ^^^\n\n"
    );
}

#[test]
fn json_of_the_real_schemas() {
    let report = inspect(&[schema("api.tl"), schema("mtproto.tl")], true, false);
    let value: Value = serde_json::from_str(&report.output).expect("valid JSON");
    let definitions = value["definitions"].as_array().expect("an array");
    assert_eq!(definitions.len(), 2612);
    let send = definitions
        .iter()
        .find(|d| d["name"] == "payments.sendStarsForm")
        .expect("present");
    assert_eq!(send["id"], "0x7998c914");
    assert_eq!(
        send["params"][0],
        json!({"name": "form_id", "type": "long", "flag": null})
    );
    let without_id = definitions.iter().filter(|d| d["id"].is_null()).count();
    assert_eq!(without_id, 8);
    assert_eq!(value["diagnostics"].as_array().map(Vec::len), Some(3));
}
