//! `tl-codegen decode --json tdlib|tonlib` and `encode --json tdlib|tonlib`, run as the
//! built binary, with exact stdout, stderr and exit status.
//!
//! The schemas are tlgen-dynamic's excerpt of TDLib's `td_api.tl` 1.8.61 and tlgen-parser's
//! copy of TON's `tonlib_api.tl`; the TDLib lines are what the real `libtdjson` 1.8.61
//! wrote or accepted (see `tl-dynamic/tests/fixtures/tdlib/README.md`).

use std::io::Write;
use std::path::Path;
use std::process::{Command, Stdio};

/// What a run printed, and its exit status.
#[derive(Debug)]
struct Run {
    stdout: String,
    stderr: String,
    code: Option<i32>,
}

/// Runs the binary with `args` and `stdin`, from a directory outside the workspace.
fn tl(args: &[&str], stdin: &str) -> Run {
    let mut child = Command::new(env!("CARGO_BIN_EXE_tl-codegen"))
        .args(args)
        .current_dir(std::env::temp_dir())
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap_or_else(|e| panic!("cannot run tl-codegen: {e}"));
    let mut input = child.stdin.take().unwrap();
    let data = stdin.as_bytes().to_vec();
    let writer = std::thread::spawn(move || {
        let _ = input.write_all(&data);
    });
    let output = child.wait_with_output().unwrap();
    writer.join().unwrap();
    Run {
        stdout: String::from_utf8_lossy(&output.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&output.stderr).into_owned(),
        code: output.status.code(),
    }
}

/// A fixture of another crate, by absolute path (`tl` runs elsewhere).
fn fixture(path: &str) -> String {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join(path)
        .to_str()
        .unwrap()
        .to_owned()
}

fn td_api() -> String {
    fixture("../tl-dynamic/tests/fixtures/tdlib/td_api_excerpt.tl")
}

fn real_output() -> String {
    fixture("../tl-dynamic/tests/fixtures/tdlib/real_output.jsonl")
}

fn tonlib_api() -> String {
    fixture("../tl-parser/tests/fixtures/ton/tonlib_api.tl")
}

#[test]
fn decode_converts_tdlib_lines_to_tl_json() {
    let schema = td_api();
    // Written by libtdjson 1.8.61; `optionValueInteger value:int64` is a string in both
    // mappings, `testInt value:int32` a number, `testBytes value:bytes` base64.
    let input = concat!(
        r#"{"@type":"updateOption","name":"unix_time","value":{"@type":"optionValueInteger","value":"1796649208"},"@client_id":1}"#,
        "\n\n",
        r#"{"@type":"testInt","value":144,"@extra":5,"@client_id":1}"#,
        "\n",
        r#"{"@type":"testBytes","value":"AAH/","@extra":4,"@client_id":1}"#,
        "\r\n",
    );
    let run = tl(&["decode", "--json", "tdlib", "--schema", &schema], input);
    assert_eq!(
        run.stdout,
        concat!(
            r#"{"_":"updateOption","name":"unix_time","value":{"_":"optionValueInteger","value":"1796649208"}}"#,
            "\n",
            r#"{"_":"testInt","value":144}"#,
            "\n",
            r#"{"_":"testBytes","value":"AAH/"}"#,
            "\n",
        )
    );
    assert_eq!((run.stderr.as_str(), run.code), ("", Some(0)));
}

#[test]
fn every_real_line_checks_strictly() {
    let run = tl(
        &[
            "decode",
            "--json",
            "tdlib",
            "--check",
            "--strict",
            "--schema",
            &td_api(),
            &real_output(),
        ],
        "",
    );
    assert_eq!(
        (run.stdout.as_str(), run.stderr.as_str(), run.code),
        ("", "", Some(0))
    );
}

#[test]
fn a_failing_line_is_reported_in_place_and_the_others_go_on() {
    let input = concat!(
        r#"{"@type":"testSquareInt","x":"7"}"#,
        "\n",
        r#"{"@type":"getMarkdownText","text":{"text":"b","entities":[{"offset":0,"length":1}]}}"#,
        "\n",
        r#"{"@type":"updateAuthorizationState","authorization_state":{"@type":"authorizationStateWaitFoo"},"x":1}"#,
        "\n",
        "nope\n",
        r#"{"@type":"optionValueInteger","value":true}"#,
        "\n",
    );
    let run = tl(&["decode", "--json", "tdlib", "--schema", &td_api()], input);
    assert_eq!(
        run.stdout,
        concat!(
            r#"{"_":"testSquareInt","x":7}"#,
            "\n",
            r#"{"error":"missing field `type` of textEntity","path":"$.text.entities[0].type","line":2}"#,
            "\n",
            r#"{"_":"updateAuthorizationState","authorization_state":null}"#,
            "\n",
            r#"{"error":"invalid JSON: syntax error: expected a JSON value at byte 0","path":null,"line":4}"#,
            "\n",
            r#"{"error":"expected int64 (a decimal string or a number), found true","path":"$.value","line":5}"#,
            "\n",
        )
    );
    assert_eq!(
        run.stderr,
        concat!(
            "warning: line 3: $.authorization_state: unknown constructor `authorizationStateWaitFoo` for type AuthorizationState\n",
            "warning: line 3: $.x: updateAuthorizationState has no field `x`\n",
        )
    );
    assert_eq!(run.code, Some(1));

    // --check: nothing on stdout, every problem on stderr.
    let run = tl(
        &[
            "decode",
            "--json",
            "tdlib",
            "--check",
            "--schema",
            &td_api(),
        ],
        input,
    );
    assert_eq!(run.stdout, "");
    assert_eq!(
        run.stderr,
        concat!(
            "error: line 2: $.text.entities[0].type: missing field `type` of textEntity\n",
            "warning: line 3: $.authorization_state: unknown constructor `authorizationStateWaitFoo` for type AuthorizationState\n",
            "warning: line 3: $.x: updateAuthorizationState has no field `x`\n",
            "error: line 4: invalid JSON: syntax error: expected a JSON value at byte 0\n",
            "error: line 5: $.value: expected int64 (a decimal string or a number), found true\n",
        )
    );
    assert_eq!(run.code, Some(1));

    // --strict: the first unknown thing of a line is its error.
    let run = tl(
        &[
            "decode",
            "--json",
            "tdlib",
            "--check",
            "--strict",
            "--schema",
            &td_api(),
        ],
        input,
    );
    assert!(run.stderr.contains(
        "error: line 3: $.authorization_state: unknown constructor `authorizationStateWaitFoo` for type AuthorizationState\n"
    ), "{}", run.stderr);
    assert!(!run.stderr.contains("warning"));
}

#[test]
fn warnings_alone_exit_0_unless_strict() {
    let input = concat!(r#"{"@type":"ok","new_field":1}"#, "\n");
    let run = tl(
        &[
            "decode",
            "--json",
            "tdlib",
            "--check",
            "--schema",
            &td_api(),
        ],
        input,
    );
    assert_eq!(
        run.stderr,
        "warning: line 1: $.new_field: ok has no field `new_field`\n"
    );
    assert_eq!(run.code, Some(0));
    let run = tl(
        &[
            "decode",
            "--json",
            "tdlib",
            "--check",
            "--strict",
            "--schema",
            &td_api(),
        ],
        input,
    );
    assert_eq!(
        run.stderr,
        "error: line 1: $.new_field: ok has no field `new_field`\n"
    );
    assert_eq!(run.code, Some(1));
}

#[test]
fn function_and_type_choose_what_a_line_is() {
    let line = concat!(r#"{"@type":"ok"}"#, "\n");
    let run = tl(
        &[
            "decode",
            "--json",
            "tdlib",
            "--function",
            "--check",
            "--schema",
            &td_api(),
        ],
        line,
    );
    assert_eq!(
        run.stderr,
        "error: line 1: $: expected a function call, found object ok\n"
    );
    let run = tl(
        &[
            "decode",
            "--json",
            "tdlib",
            "--type",
            "Vector<int53>",
            "--schema",
            &td_api(),
        ],
        "[1,\"2\"]\n",
    );
    assert_eq!(
        (run.stdout.as_str(), run.code),
        ("[\"1\",\"2\"]\n", Some(0))
    );
}

#[test]
fn encode_writes_tdlib_json_and_normalizes_with_decode() {
    let schema = td_api();
    // int32 given as a string and int64 as a number: TDLib reads both; written back as
    // TDLib writes them.
    let requests = concat!(
        r#"{"@type":"testSquareInt","x":"7","@extra":"a"}"#,
        "\n",
        r#"{"@type":"setOption","name":"x","value":{"@type":"optionValueInteger","value":12}}"#,
        "\n",
    );
    let decoded = tl(
        &["decode", "--json", "tdlib", "--schema", &schema],
        requests,
    );
    assert_eq!(decoded.code, Some(0), "{}", decoded.stderr);
    let run = tl(
        &["encode", "--json", "tdlib", "--schema", &schema],
        &decoded.stdout,
    );
    assert_eq!(
        run.stdout,
        concat!(
            r#"{"@type":"testSquareInt","x":7}"#,
            "\n",
            r#"{"@type":"setOption","name":"x","value":{"@type":"optionValueInteger","value":"12"}}"#,
            "\n",
        )
    );
    assert_eq!((run.stderr.as_str(), run.code), ("", Some(0)));
    // A TL-JSON line that does not fit: an error on stderr, the others go on.
    let run = tl(
        &["encode", "--json", "tdlib", "--schema", &schema],
        "{\"_\":\"testInt\"}\n{\"_\":\"ok\"}\n",
    );
    assert_eq!(run.stdout, "{\"@type\":\"ok\"}\n");
    assert_eq!(
        run.stderr,
        "error: line 1: $.value: missing field `value` of testInt\n"
    );
    assert_eq!(run.code, Some(1));
}

#[test]
fn tonlib_lines() {
    let schema = tonlib_api();
    let line = concat!(
        r#"{"@type":"raw.getAccountState","account_address":{"@type":"accountAddress","account_address":"EQCD39VS5jcptHL8vMjEXrzGaRcCVYto7HUn4bpAOg8xqB2N"},"@extra":"1"}"#,
        "\n"
    );
    let run = tl(&["decode", "--json", "tonlib", "--schema", &schema], line);
    assert_eq!(
        run.stdout,
        concat!(
            r#"{"_":"raw.getAccountState","account_address":{"_":"accountAddress","account_address":"EQCD39VS5jcptHL8vMjEXrzGaRcCVYto7HUn4bpAOg8xqB2N"}}"#,
            "\n"
        )
    );
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    let back = tl(
        &["encode", "--json", "tonlib", "--schema", &schema],
        &run.stdout,
    );
    assert_eq!(back.stdout, line.replace(r#","@extra":"1""#, ""));
    // `@client_id` is TDLib's: in tonlib's JSON an unknown field.
    let run = tl(
        &["decode", "--json", "tonlib", "--check", "--schema", &schema],
        "{\"@type\":\"ok\",\"@client_id\":1}\n",
    );
    assert_eq!(
        run.stderr,
        "warning: line 1: $.@client_id: ok has no field `@client_id`\n"
    );
}

#[test]
fn usage_errors() {
    let run = tl(&["decode", "--json", "tdlib"], "{}\n");
    assert_eq!(
        run.stderr,
        "error: --json needs the library's schema: --schema td_api.tl\n"
    );
    assert_eq!(run.code, Some(1));
    let run = tl(&["encode", "--json", "tonlib"], "{}\n");
    assert_eq!(
        run.stderr,
        "error: --json needs the library's schema: --schema tonlib_api.tl\n"
    );
    for args in [
        &["decode", "--json", "tdlib", "--hex"][..],
        &["decode", "--json", "tdlib", "--base64"],
        &["encode", "--json", "tdlib", "--hex"],
        &["decode", "--check"],
        &["decode", "--json", "tl"],
    ] {
        let run = tl(args, "");
        assert_eq!(run.code, Some(2), "{args:?}: {}", run.stderr);
        assert!(
            run.stderr.starts_with("error: "),
            "{args:?}: {}",
            run.stderr
        );
    }
}
