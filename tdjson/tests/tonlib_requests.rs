//! Every function of tonlib_api.tl, several samples each, built from the schema, decoded and
//! re-encoded by the generated bindings (`tlgen_tonlib::Function`), and run through the real
//! `tonlib_client_json_execute`: it returns NULL for a request it cannot parse, and for a
//! parsed one either its answer (a static function) or the error "Function can't be executed
//! synchronously". NULL fails the test; malformed requests must get NULL (the check can fail).

mod common;

use std::collections::BTreeMap;

use common::samples::{normalized, Generator, Schema};
use serde_json::Value;
use tlgen_runtime::json;
use tlgen_tonlib::Function;

const TONLIB_API: &str = include_str!("../../schema/ton/tonlib_api.tl");

const SAMPLES: usize = 5;
const SEED: u64 = 0x7031_1b72;

/// Static requests with effects outside the test (logs) or unbounded work, made harmless
/// field by field; `runTests` runs tonlib's own test suite from a directory: pointed at none.
fn defuse(request: &mut Value) {
    let Some(object) = request.as_object_mut() else {
        return;
    };
    let name = object
        .get("@type")
        .and_then(Value::as_str)
        .unwrap_or("")
        .to_owned();
    match name.as_str() {
        "setLogStream" => {
            object.insert(
                "log_stream".into(),
                serde_json::json!({"@type": "logStreamEmpty"}),
            );
        }
        "setLogVerbosityLevel" | "setLogTagVerbosityLevel" => {
            object.insert("new_verbosity_level".into(), 0.into());
        }
        "addLogMessage" => {
            object.insert("verbosity_level".into(), 1023.into());
        }
        "kdf" => {
            object.insert("iterations".into(), 1.into());
        }
        "runTests" => {
            object.insert("dir".into(), "/nonexistent-tlgen-tdjson-test".into());
        }
        _ => {}
    }
}

#[test]
fn tonlib_parses_every_function_the_bindings_encode() {
    let Some(tonlib) = common::tonlib() else {
        return;
    };
    let schema = Schema::parse(TONLIB_API, true);
    assert!(
        schema.functions.len() >= 85,
        "{} functions",
        schema.functions.len()
    );

    let mut outcomes: BTreeMap<String, usize> = BTreeMap::new();
    let mut failures = Vec::new();
    for function in &schema.functions {
        for number in 0..SAMPLES {
            let mut sample = Generator::new(&schema, SEED, number).request(function);
            defuse(&mut sample);
            let text = sample.to_string();
            let typed: Function = json::from_str(&text).unwrap_or_else(|error| {
                panic!(
                    "the bindings cannot read {} sample {number}: {error}\n{text}",
                    function.name
                )
            });
            let encoded = json::to_string(&typed);
            let reencoded: Value = serde_json::from_str(&encoded).expect("the bindings write JSON");
            assert_eq!(
                normalized(&reencoded),
                normalized(&sample),
                "{} sample {number}: re-encoded differently",
                function.name
            );
            match tonlib.execute_raw(&encoded) {
                Ok(answer) => {
                    let value: Value = serde_json::from_str(&answer).expect("tonlib answers JSON");
                    let kind = match value.get("@type").and_then(Value::as_str) {
                        Some("error") => {
                            let message =
                                value.get("message").and_then(Value::as_str).unwrap_or("");
                            if message.contains("can't be executed synchronously") {
                                "not synchronous (parsed)".to_owned()
                            } else {
                                format!(
                                    "static, error {}",
                                    value.get("code").unwrap_or(&Value::Null)
                                )
                            }
                        }
                        Some(other) => format!("static, answered {other}"),
                        None => "no @type".to_owned(),
                    };
                    *outcomes.entry(kind).or_default() += 1;
                }
                Err(error) => failures.push(format!(
                    "{} sample {number}: {error}\n  {encoded}",
                    function.name
                )),
            }
        }
    }
    eprintln!(
        "{} functions × {SAMPLES} samples; answers:",
        schema.functions.len()
    );
    for (kind, count) in &outcomes {
        eprintln!("  {count:5}  {kind}");
    }
    assert!(
        failures.is_empty(),
        "{} requests tonlib could not parse:\n{}",
        failures.len(),
        failures.join("\n")
    );

    // The check can fail: tonlib returns NULL for what it cannot parse.
    for malformed in [
        r#"{"@type":"noSuchFunction"}"#,
        r#"{"@type":"getBip39Hints","prefix":{}}"#,
        r#"{"@type":"packAccountAddress","account_address":{"@type":"unpackedAccountAddress","workchain_id":"x"}}"#,
        "[1,2,3]",
    ] {
        assert!(
            matches!(
                tonlib.execute_raw(malformed),
                Err(tlgen_tdjson::Error::NoAnswer)
            ),
            "{malformed} was parsed"
        );
    }
}
