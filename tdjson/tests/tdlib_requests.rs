//! Every function of td_api.tl 1.8.61, several samples each, built from the schema, decoded
//! and re-encoded by the generated bindings (`tlgen_tdlib::Function`), and sent to the real
//! libtdjson with `td_send` before `setTdlibParameters`: TDLib must never answer "Failed to
//! parse JSON object as TDLib request" (a request it parses is answered "Initialization
//! parameters are needed", or, for one allowed before that, really answered). Deliberately
//! malformed requests must be refused, so the check can fail.
//!
//! This binary has one test that changes the working directory (to a temporary one: a few
//! requests TDLib runs before initialization name relative paths), so it lives alone.

mod common;

use std::collections::BTreeMap;
use std::time::{Duration, Instant};

use common::samples::{normalized, Generator, Schema};
use serde_json::Value;
use tlgen_runtime::json;
use tlgen_tdlib::Function;

const TD_API: &str = include_str!("../../schema/tdlib/td_api.tl");

/// Samples per function (absent, null, present optional fields, then random mixes).
const SAMPLES: usize = 5;
const SEED: u64 = 0x7d1b_1861;
const PARSE_FAILURE: &str = "Failed to parse JSON object as TDLib request";

/// Requests with effects outside the test, made harmless field by field (each keeps the rest
/// of its random sample): logs go nowhere and stay quiet, directories are the temporary one,
/// waits are short.
fn defuse(request: &mut Value, dir: &str) {
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
            object.insert("new_verbosity_level".into(), 1.into());
        }
        "addLogMessage" => {
            object.insert("verbosity_level".into(), 1023.into());
        }
        "setAlarm" => {
            object.insert("seconds".into(), 0.into());
        }
        "testProxy" => {
            object.insert("timeout".into(), serde_json::json!(0.01));
        }
        "setTdlibParameters" => {
            object.insert("database_directory".into(), format!("{dir}/db").into());
            object.insert("files_directory".into(), format!("{dir}/files").into());
            object.insert("use_test_dc".into(), true.into());
        }
        _ => {}
    }
}

/// Requests that end or start their client: each gets a client of its own.
fn isolated(name: &str) -> bool {
    matches!(name, "setTdlibParameters" | "close" | "destroy" | "logOut")
}

/// Requests that may wait for the network (offline: for a long time): no answer in time is
/// not a failure for them (a parse failure would have come at once).
fn may_wait_for_network(name: &str) -> bool {
    matches!(
        name,
        "testNetwork" | "testProxy" | "setTdlibParameters" | "close" | "destroy" | "logOut"
    )
}

#[test]
fn tdlib_parses_every_function_the_bindings_encode() {
    let Some(tdjson) = common::tdjson() else {
        return;
    };
    let dir = tempfile::tempdir().expect("temporary directory");
    std::env::set_current_dir(dir.path()).expect("cd to the temporary directory");
    let dir_name = dir
        .path()
        .to_str()
        .expect("UTF-8 temporary path")
        .to_owned();

    let schema = Schema::parse(TD_API, false);
    assert_eq!(
        schema.functions.len(),
        956,
        "td_api.tl 1.8.61 has 956 functions"
    );

    let main = tdjson.create_client();
    let mut own_clients = Vec::new();
    let mut pending = Vec::new();
    for function in &schema.functions {
        for number in 0..SAMPLES {
            let mut sample = Generator::new(&schema, SEED, number).request(function);
            defuse(&mut sample, &dir_name);
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
                "{} sample {number}: the bindings re-encode it differently",
                function.name
            );
            let client = if isolated(&function.name) {
                own_clients.push(tdjson.create_client());
                own_clients.last().expect("just pushed")
            } else {
                &main
            };
            let answer = client.send_raw(&encoded).expect("td_send");
            pending.push((function.name.as_str(), number, encoded, answer));
        }
    }

    // A request TDLib cannot parse is answered at once (td_send parses it in the caller's
    // thread). Requests allowed before initialization that need the database or the network
    // (getOption, getProxies, …) wait for setTdlibParameters: closing the client answers them
    // ("Request aborted"), so that every request gets an answer.
    let mut outcomes: BTreeMap<String, usize> = BTreeMap::new();
    let mut failures = Vec::new();
    let mut record = |name: &str, number: usize, request: &str, answer: &str, after_close: bool| {
        let value: Value = serde_json::from_str(answer).expect("TDLib answers JSON");
        let message = value.get("message").and_then(Value::as_str).unwrap_or("");
        if message.starts_with(PARSE_FAILURE) {
            return Err(format!("{name} sample {number}: {message}\n  {request}"));
        }
        let mut kind = match value.get("@type").and_then(Value::as_str) {
            Some("error") => {
                let first: String = message
                    .split(':')
                    .next()
                    .unwrap_or(message)
                    .chars()
                    .take(60)
                    .collect();
                format!("error {first}")
            }
            Some(other) => format!("answered ({other})"),
            None => "no @type".to_owned(),
        };
        if after_close {
            kind = format!("queued until initialization, then {kind}");
        }
        *outcomes.entry(kind).or_default() += 1;
        Ok(())
    };
    let first_deadline = Instant::now() + Duration::from_secs(5);
    let mut waiting = Vec::new();
    for (name, number, request, answer) in &pending {
        let left = first_deadline
            .saturating_duration_since(Instant::now())
            .max(Duration::from_millis(1));
        match answer.wait_timeout(left) {
            Ok(answer) => failures.extend(record(name, *number, request, &answer, false).err()),
            Err(tlgen_tdjson::Error::Timeout) => waiting.push((name, number, request, answer)),
            Err(error) => failures.push(format!("{name} sample {number}: {error}\n  {request}")),
        }
    }
    // Its answer is the `ok` of close, or nothing if the client is gone first: not waited for.
    drop(
        main.send_raw(r#"{"@type":"close"}"#)
            .expect("td_send close"),
    );
    let second_deadline = Instant::now() + Duration::from_secs(60);
    let mut network_waits = 0;
    for (name, number, request, answer) in waiting {
        let left = second_deadline
            .saturating_duration_since(Instant::now())
            .max(Duration::from_millis(1));
        match answer.wait_timeout(left) {
            Ok(answer) => failures.extend(record(name, *number, request, &answer, true).err()),
            Err(tlgen_tdjson::Error::Timeout) if may_wait_for_network(name) => network_waits += 1,
            Err(error) => failures.push(format!("{name} sample {number}: {error}\n  {request}")),
        }
    }
    outcomes.insert(
        "no answer (waits for the network)".to_owned(),
        network_waits,
    );
    eprintln!(
        "{} requests ({} functions × {SAMPLES}); answers:",
        pending.len(),
        schema.functions.len()
    );
    for (kind, count) in &outcomes {
        eprintln!("  {count:5}  {kind}");
    }
    assert!(
        failures.is_empty(),
        "{} requests refused or unanswered:\n{}",
        failures.len(),
        failures.join("\n")
    );
    let initialization = outcomes
        .get("error Initialization parameters are needed")
        .copied()
        .unwrap_or(0);
    assert!(
        initialization > pending.len() / 2,
        "most requests should wait for initialization: {outcomes:?}"
    );

    // The check can fail: requests TDLib cannot parse are refused, with that message.
    let main = tdjson.create_client();
    for malformed in [
        r#"{"@type":"getChat","chat_id":"not a number"}"#,
        r#"{"@type":"getChat","chat_id":{}}"#,
        r#"{"@type":"noSuchFunction"}"#,
        r#"{"@type":"sendMessage","chat_id":1,"input_message_content":{"@type":"formattedText"}}"#,
        r#"{"@type":"getTextEntities","text":12}"#,
    ] {
        let answer = main
            .send_raw(malformed)
            .expect("td_send")
            .wait_timeout(Duration::from_secs(30))
            .expect("an answer");
        assert!(answer.contains(PARSE_FAILURE), "{malformed} → {answer}");
    }
    // Their databases are in `dir`: closed before it is removed.
    for client in own_clients {
        client.close(Duration::from_secs(60)).expect("close");
    }
    main.close(Duration::from_secs(60)).expect("close");
}
