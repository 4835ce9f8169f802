//! `tl-codegen decode` and `tl-codegen encode`, run as the built binary: every flag and
//! every error path, with exact stdout, stderr and exit status.
//!
//! Golden payloads are written by hand from the TL rules (ids little-endian, `long` as
//! 8 bytes LE, a `string` as a length byte, the bytes and zero padding to a multiple of 4),
//! with the ids from `schema/api.tl`.

use std::io::{Read, Write};
use std::path::Path;
use std::process::{Command, Stdio};

/// `payments.sendStarsForm#7998c914 form_id:long invoice:InputInvoice`, with form_id
/// 0x0102030405060708 and `inputInvoiceSlug#c326caef slug:string` "gift".
const SEND_STARS_FORM: &str = concat!(
    "14c99879",         // payments.sendStarsForm, LE
    "0807060504030201", // form_id = 72623859790382856
    "efca26c3",         // inputInvoiceSlug, LE
    "04",               // slug: length 4
    "67696674",         // "gift"
    "000000",           // padding to a multiple of 4
);

/// The JSON of [`SEND_STARS_FORM`], pretty-printed.
const SEND_STARS_FORM_JSON: &str = r#"{
  "_": "payments.sendStarsForm",
  "form_id": "72623859790382856",
  "invoice": {
    "_": "inputInvoiceSlug",
    "slug": "gift"
  }
}
"#;

/// The JSON of [`SEND_STARS_FORM`] on one line.
const SEND_STARS_FORM_COMPACT: &str = r#"{"_":"payments.sendStarsForm","form_id":"72623859790382856","invoice":{"_":"inputInvoiceSlug","slug":"gift"}}"#;

/// `inputInvoiceSlug` "gift", boxed.
const SLUG_GIFT: &str = "efca26c30467696674000000";

/// What a run printed, and its exit status.
#[derive(Debug)]
struct Run {
    stdout: Vec<u8>,
    stderr: String,
    code: Option<i32>,
}

impl Run {
    /// Stdout as text.
    fn out(&self) -> String {
        String::from_utf8_lossy(&self.stdout).into_owned()
    }
}

/// Runs the binary with `args` and `stdin`, from a directory outside the workspace.
fn tl(args: &[&str], stdin: &[u8]) -> Run {
    let mut child = Command::new(env!("CARGO_BIN_EXE_tl-codegen"))
        .args(args)
        .current_dir(std::env::temp_dir())
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap_or_else(|e| panic!("cannot run tl-codegen: {e}"));
    let mut input = child.stdin.take().unwrap();
    let data = stdin.to_vec();
    // The child may exit before reading everything.
    let writer = std::thread::spawn(move || {
        let _ = input.write_all(&data);
    });
    let output = child.wait_with_output().unwrap();
    writer.join().unwrap();
    Run {
        stdout: output.stdout,
        stderr: String::from_utf8_lossy(&output.stderr).into_owned(),
        code: output.status.code(),
    }
}

/// Asserts a successful run with exactly `stdout` and nothing on stderr.
fn assert_ok(run: &Run, stdout: &str) {
    assert_eq!(run.stderr, "", "stderr");
    assert_eq!(run.out(), stdout, "stdout");
    assert_eq!(run.code, Some(0), "exit status");
}

/// Asserts a failed run (status 1) with nothing on stdout and exactly `stderr`.
fn assert_err(run: &Run, stderr: &str) {
    assert_eq!(run.out(), "", "stdout");
    assert_eq!(run.stderr, stderr, "stderr");
    assert_eq!(run.code, Some(1), "exit status");
}

/// Asserts a usage error: status 2, clap's message on stderr mentioning `what`.
fn assert_usage(run: &Run, what: &str) {
    assert_eq!(run.out(), "", "stdout");
    assert!(run.stderr.starts_with("error: "), "{}", run.stderr);
    assert!(run.stderr.contains(what), "{}", run.stderr);
    assert_eq!(run.code, Some(2), "exit status");
}

/// Bytes of hex text (test data only).
fn unhex(text: &str) -> Vec<u8> {
    (0..text.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(&text[i..i + 2], 16).unwrap())
        .collect()
}

// ---- decode -------------------------------------------------------------------------

#[test]
fn decode_hex_pretty() {
    let text = format!("{SEND_STARS_FORM}\n");
    assert_ok(
        &tl(&["decode", "--hex", "--function"], text.as_bytes()),
        SEND_STARS_FORM_JSON,
    );
}

#[test]
fn decode_hex_allows_whitespace_and_uppercase() {
    let text = "14C99879 0807060504030201\n\tEFCA26C3 04676966 74000000\r\n";
    assert_ok(
        &tl(&["decode", "--hex", "--function"], text.as_bytes()),
        SEND_STARS_FORM_JSON,
    );
}

#[test]
fn decode_compact() {
    let run = tl(
        &["decode", "--hex", "--function", "--compact"],
        SEND_STARS_FORM.as_bytes(),
    );
    assert_ok(&run, &format!("{SEND_STARS_FORM_COMPACT}\n"));
}

#[test]
fn decode_raw_from_stdin_dash_and_a_file() {
    let bytes = unhex(SEND_STARS_FORM);
    let expected = format!("{SEND_STARS_FORM_COMPACT}\n");
    assert_ok(
        &tl(&["decode", "--function", "--compact"], &bytes),
        &expected,
    );
    assert_ok(
        &tl(&["decode", "--function", "--compact", "-"], &bytes),
        &expected,
    );
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("call.bin");
    std::fs::write(&file, &bytes).unwrap();
    let path = file.to_str().unwrap();
    assert_ok(
        &tl(&["decode", "--function", "--compact", path], b""),
        &expected,
    );
}

#[test]
fn decode_base64() {
    let run = tl(
        &["decode", "--base64", "--function", "--compact"],
        b"FMmYeQgHBgUEAwIB78omwwRnaWZ0AAAA\n",
    );
    assert_ok(&run, &format!("{SEND_STARS_FORM_COMPACT}\n"));
    // Padding is optional; "78omwwRnaWZ0AAAA" needs none, a 2-byte tail is checked below.
    let run = tl(&["decode", "--base64", "--type", "int"], b"KgAAAA");
    assert_ok(&run, "42\n");
}

#[test]
fn decode_a_boxed_value_by_default() {
    let run = tl(&["decode", "--hex", "--compact"], SLUG_GIFT.as_bytes());
    assert_ok(&run, "{\"_\":\"inputInvoiceSlug\",\"slug\":\"gift\"}\n");
}

#[test]
fn decode_type_boxed() {
    let run = tl(
        &["decode", "--hex", "--compact", "--type", "InputInvoice"],
        SLUG_GIFT.as_bytes(),
    );
    assert_ok(&run, "{\"_\":\"inputInvoiceSlug\",\"slug\":\"gift\"}\n");
    // A constructor of another type is refused, at the id's offset.
    let run = tl(
        &["decode", "--hex", "--type", "InputPeer"],
        SLUG_GIFT.as_bytes(),
    );
    assert_err(
        &run,
        "error: unexpected constructor 0xc326caef for InputPeer at byte 0\n",
    );
}

#[test]
fn decode_type_bare() {
    // dataJSON#7d748d04 data:string = DataJSON; bare: no id, just the string.
    let run = tl(
        &["decode", "--hex", "--compact", "--type", "%DataJSON"],
        b"02 7b 7d 00",
    );
    assert_ok(&run, "{\"_\":\"dataJSON\",\"data\":\"{}\"}\n");
    // A bare constructor by its name.
    let run = tl(
        &["decode", "--hex", "--compact", "--type", "inputInvoiceSlug"],
        b"0467696674000000",
    );
    assert_ok(&run, "{\"_\":\"inputInvoiceSlug\",\"slug\":\"gift\"}\n");
}

#[test]
fn decode_type_vector() {
    // vector#1cb5c415, count 2, peerUser#59511722 user_id:long 1, then user_id -2.
    let hex = "15c4b51c 02000000 22175159 0100000000000000 22175159 feffffffffffffff";
    let run = tl(
        &["decode", "--hex", "--compact", "--type", "Vector<Peer>"],
        hex.as_bytes(),
    );
    assert_ok(
        &run,
        "[{\"_\":\"peerUser\",\"user_id\":\"1\"},{\"_\":\"peerUser\",\"user_id\":\"-2\"}]\n",
    );
    let run = tl(
        &["decode", "--hex", "--compact", "--type", "Vector<long>"],
        b"15c4b51c 02000000 0100000000000000 feffffffffffffff",
    );
    assert_ok(&run, "[\"1\",\"-2\"]\n");
}

#[test]
fn decode_type_int() {
    assert_ok(
        &tl(&["decode", "--hex", "--type", "int"], b"feffffff"),
        "-2\n",
    );
}

#[test]
fn decode_with_a_custom_schema() {
    let dir = tempfile::tempdir().unwrap();
    let points = dir.path().join("points.tl");
    std::fs::write(
        &points,
        "point#1a2b3c4d x:int y:int = Point;\nsegment#01020304 a:Point b:%Point = Segment;\n",
    )
    .unwrap();
    let functions = dir.path().join("functions.tl");
    std::fs::write(
        &functions,
        "---functions---\nmove#0a0b0c0d to:Point = Point;\n",
    )
    .unwrap();
    let points = points.to_str().unwrap();
    let functions = functions.to_str().unwrap();

    let run = tl(
        &["decode", "--hex", "--compact", "--schema", points],
        b"04030201 4d3c2b1a 01000000 02000000 03000000 04000000",
    );
    assert_ok(
        &run,
        "{\"_\":\"segment\",\"a\":{\"_\":\"point\",\"x\":1,\"y\":2},\"b\":{\"_\":\"point\",\"x\":3,\"y\":4}}\n",
    );
    // Two files, read as one schema.
    let run = tl(
        &[
            "decode",
            "--hex",
            "--compact",
            "--function",
            "--schema",
            points,
            "--schema",
            functions,
        ],
        b"0d0c0b0a 4d3c2b1a 05000000 06000000",
    );
    assert_ok(
        &run,
        "{\"_\":\"move\",\"to\":{\"_\":\"point\",\"x\":5,\"y\":6}}\n",
    );
    // The custom schema replaces the built-in one.
    let run = tl(
        &["decode", "--hex", "--schema", points],
        SLUG_GIFT.as_bytes(),
    );
    assert_err(
        &run,
        "error: unexpected constructor 0xc326caef for a constructor or function call at byte 0\n",
    );
}

#[test]
fn decode_lines_goes_on_after_a_failing_line() {
    let input = format!(
        "{SEND_STARS_FORM}\n\n14c99879 08070605\n{SEND_STARS_FORM}\r\n14c9987g\n   \n{SEND_STARS_FORM}"
    );
    let run = tl(
        &["decode", "--hex", "--function", "--lines"],
        input.as_bytes(),
    );
    let expected = format!(
        "{SEND_STARS_FORM_COMPACT}\n\
         {{\"error\":\"unexpected end of input (needed 8 bytes)\",\"path\":\"payments.sendStarsForm.form_id (long)\",\"offset\":4,\"line\":3}}\n\
         {SEND_STARS_FORM_COMPACT}\n\
         {{\"error\":\"hex: invalid digit 'g'\",\"offset\":7,\"line\":5}}\n\
         {SEND_STARS_FORM_COMPACT}\n"
    );
    assert_eq!(run.out(), expected);
    assert_eq!(run.stderr, "");
    assert_eq!(run.code, Some(1));
}

#[test]
fn decode_lines_all_good_exits_0() {
    let input = "FMmYeQgHBgUEAwIB78omwwRnaWZ0AAAA\nFMmYeQgHBgUEAwIB78omwwRnaWZ0AAAA\n";
    let run = tl(
        &["decode", "--base64", "--function", "--lines"],
        input.as_bytes(),
    );
    assert_ok(
        &run,
        &format!("{SEND_STARS_FORM_COMPACT}\n{SEND_STARS_FORM_COMPACT}\n"),
    );
}

#[test]
fn decode_lines_reports_unknown_ids_and_trailing_bytes_at_their_offsets() {
    // A boxed vector has no definition saying what its items are: it needs --type.
    let input = "11223344\nefca26c3 0467696674000000 00000000\n15c4b51c 00000000\n";
    let run = tl(&["decode", "--hex", "--lines"], input.as_bytes());
    assert_eq!(
        run.out(),
        "{\"error\":\"unexpected constructor 0x44332211 for a constructor or function call\",\"offset\":0,\"line\":1}\n\
         {\"error\":\"4 trailing bytes\",\"offset\":12,\"line\":2}\n\
         {\"error\":\"unexpected constructor 0x1cb5c415 for a constructor or function call\",\"offset\":0,\"line\":3}\n"
    );
    assert_eq!(run.code, Some(1));
}

#[test]
fn decode_lines_needs_a_text_format() {
    assert_usage(&tl(&["decode", "--lines"], b""), "--hex");
}

#[test]
fn decode_hex_and_base64_conflict() {
    assert_usage(&tl(&["decode", "--hex", "--base64"], b""), "--base64");
}

#[test]
fn function_and_type_conflict() {
    assert_usage(
        &tl(&["decode", "--function", "--type", "int"], b""),
        "--type",
    );
    assert_usage(
        &tl(&["encode", "--function", "--type", "int"], b""),
        "--type",
    );
}

#[test]
fn decode_bad_hex() {
    assert_err(
        &tl(&["decode", "--hex"], b"14c9 98x9"),
        "error: hex: invalid digit 'x' at byte 7 of the text\n",
    );
    assert_err(
        &tl(&["decode", "--hex"], b"14c9 987"),
        "error: hex: odd number of digits at byte 7 of the text\n",
    );
}

#[test]
fn decode_bad_base64() {
    assert_err(
        &tl(&["decode", "--base64"], b"FMmY-QgH"),
        "error: base64: invalid character '-' at byte 4 of the text\n",
    );
    assert_err(
        &tl(&["decode", "--base64"], b"FMmY=QgH"),
        "error: base64: data after the '=' padding at byte 5 of the text\n",
    );
}

#[test]
fn decode_truncated_payload_gives_the_offset() {
    // Cut inside form_id (bytes 4..12).
    assert_err(
        &tl(&["decode", "--hex", "--function"], b"14c99879 08070605"),
        "error: payments.sendStarsForm.form_id (long) at byte 4: unexpected end of input (needed 8 bytes)\n",
    );
    // An empty payload.
    assert_err(
        &tl(&["decode"], b""),
        "error: unexpected end of input (needed 4 bytes) at byte 0\n",
    );
}

#[test]
fn decode_unknown_constructor() {
    assert_err(
        &tl(&["decode", "--hex"], b"11223344"),
        "error: unexpected constructor 0x44332211 for a constructor or function call at byte 0\n",
    );
}

#[test]
fn decode_hostile_lengths_and_nesting() {
    // A vector claiming 2^31 - 1 items in 8 bytes.
    assert_err(
        &tl(
            &["decode", "--hex", "--type", "Vector<int>"],
            b"15c4b51c ffffff7f",
        ),
        "error: invalid length 2147483647 at byte 4\n",
    );
    // 10,000 nested vectors: the depth limit answers, nothing overflows.
    let nest = 10_000;
    let ty = format!("{}int{}", "Vector<".repeat(nest), ">".repeat(nest));
    let payload = "15c4b51c01000000".repeat(nest);
    let run = tl(&["decode", "--hex", "--type", &ty], payload.as_bytes());
    assert_eq!(run.code, Some(1), "{}", run.stderr);
    assert!(run.stderr.starts_with("error: "), "{}", run.stderr);
    assert!(!run.stderr.contains("panicked"), "{}", run.stderr);
    let payload = "15c4b51c01000000".repeat(nest);
    let run = tl(
        &["decode", "--hex", "--type", "Vector<int>"],
        payload.as_bytes(),
    );
    assert_eq!(run.code, Some(1), "{}", run.stderr);
}

#[test]
fn decode_errors_for_files_and_types() {
    let run = tl(&["decode", "/nonexistent/payload.bin"], b"");
    assert_eq!(run.code, Some(1));
    assert!(
        run.stderr
            .starts_with("error: /nonexistent/payload.bin: No such file"),
        "{}",
        run.stderr
    );
    assert_eq!(run.stderr.lines().count(), 1, "{}", run.stderr);
    assert_err(
        &tl(&["decode", "--type", "NoSuchType"], b""),
        "error: --type: type `NoSuchType`: no constructor declares the type `NoSuchType`\n",
    );
    let run = tl(&["decode", "--schema", "/nonexistent/a.tl"], b"");
    assert_eq!(run.code, Some(1));
    assert!(
        run.stderr.starts_with("error: /nonexistent/a.tl: "),
        "{}",
        run.stderr
    );
}

#[test]
fn a_broken_schema_is_one_line() {
    let dir = tempfile::tempdir().unwrap();
    let bad = dir.path().join("bad.tl");
    std::fs::write(&bad, "point#1 x:int y:Nope = Point;\nfoo#2 = ;\n").unwrap();
    let run = tl(&["decode", "--schema", bad.to_str().unwrap()], b"");
    assert_eq!(run.out(), "");
    assert_eq!(run.code, Some(1));
    assert!(
        run.stderr
            .starts_with(&format!("error: invalid schema: {}:1:", bad.display())),
        "{}",
        run.stderr
    );
    assert!(run.stderr.ends_with(" (and 1 more)\n"), "{}", run.stderr);
    assert_eq!(run.stderr.lines().count(), 1, "{}", run.stderr);
}

// ---- encode -------------------------------------------------------------------------

#[test]
fn encode_to_hex_base64_and_raw() {
    let json = SEND_STARS_FORM_JSON.as_bytes();
    assert_ok(
        &tl(&["encode", "--function", "--hex"], json),
        &format!("{SEND_STARS_FORM}\n"),
    );
    assert_ok(
        &tl(&["encode", "--function", "--base64"], json),
        "FMmYeQgHBgUEAwIB78omwwRnaWZ0AAAA\n",
    );
    let run = tl(&["encode", "--function"], json);
    assert_eq!(run.stderr, "");
    assert_eq!(run.stdout, unhex(SEND_STARS_FORM));
    assert_eq!(run.code, Some(0));
}

#[test]
fn encode_a_boxed_value_by_default_and_types() {
    assert_ok(
        &tl(
            &["encode", "--hex"],
            b"{\"_\":\"inputInvoiceSlug\",\"slug\":\"gift\"}",
        ),
        &format!("{SLUG_GIFT}\n"),
    );
    assert_ok(
        &tl(
            &["encode", "--hex", "--type", "%DataJSON"],
            b"{\"_\":\"dataJSON\",\"data\":\"{}\"}",
        ),
        "027b7d00\n",
    );
    assert_ok(
        &tl(
            &["encode", "--hex", "--type", "Vector<long>"],
            b"[\"1\", -2]",
        ),
        "15c4b51c020000000100000000000000feffffffffffffff\n",
    );
    assert_ok(
        &tl(&["encode", "--hex", "--type", "int"], b"-2"),
        "feffffff\n",
    );
}

#[test]
fn encode_lines_goes_on_after_a_failing_line() {
    let input = format!(
        "{SEND_STARS_FORM_COMPACT}\n\n{{\"_\":\"payments.sendStarsForm\"}}\n{SEND_STARS_FORM_COMPACT}\n"
    );
    let run = tl(
        &["encode", "--function", "--hex", "--lines"],
        input.as_bytes(),
    );
    assert_eq!(run.out(), format!("{SEND_STARS_FORM}\n{SEND_STARS_FORM}\n"));
    assert_eq!(
        run.stderr,
        "error: line 3: $.form_id: missing field `form_id` of payments.sendStarsForm\n"
    );
    assert_eq!(run.code, Some(1));

    let run = tl(
        &["encode", "--function", "--base64", "--lines"],
        input
            .replace("{\"_\":\"payments.sendStarsForm\"}\n", "")
            .as_bytes(),
    );
    assert_ok(
        &run,
        "FMmYeQgHBgUEAwIB78omwwRnaWZ0AAAA\nFMmYeQgHBgUEAwIB78omwwRnaWZ0AAAA\n",
    );
    assert_usage(&tl(&["encode", "--lines"], b""), "--hex");
}

#[test]
fn encode_errors_name_the_json_path() {
    let json = SEND_STARS_FORM_COMPACT.replace("\"gift\"", "7");
    assert_err(
        &tl(&["encode", "--function", "--hex"], json.as_bytes()),
        "error: $.invoice.slug: expected string, found number 7\n",
    );
    let json = SEND_STARS_FORM_COMPACT.replace("inputInvoiceSlug", "inputPeerSelf");
    assert_err(
        &tl(&["encode", "--function"], json.as_bytes()),
        "error: $.invoice._: expected InputInvoice, found object inputPeerSelf\n",
    );
    assert_err(
        &tl(&["encode", "--hex"], b"{\"_\":\"noSuchThing\"}"),
        "error: $._: unknown constructor or function `noSuchThing`\n",
    );
}

#[test]
fn encode_invalid_json() {
    assert_err(
        &tl(&["encode", "--hex"], b"{\"_\": "),
        "error: invalid JSON: EOF while parsing a value at line 1 column 6\n",
    );
    assert_err(
        &tl(&["encode", "--hex"], b"\xff"),
        "error: the JSON is not UTF-8: invalid utf-8 sequence of 1 bytes from index 0\n",
    );
    // Deep nesting is refused, not a stack overflow.
    let deep = format!("{}{}", "[".repeat(10_000), "]".repeat(10_000));
    let run = tl(
        &["encode", "--hex", "--type", "Vector<int>"],
        deep.as_bytes(),
    );
    assert_eq!(run.code, Some(1));
    assert!(run.stderr.starts_with("error: "), "{}", run.stderr);
    assert!(!run.stderr.contains("panicked"), "{}", run.stderr);
}

// ---- both ---------------------------------------------------------------------------

#[test]
fn decode_then_encode_gives_back_the_bytes() {
    let decoded = tl(
        &["decode", "--hex", "--function"],
        SEND_STARS_FORM.as_bytes(),
    );
    assert_eq!(decoded.code, Some(0), "{}", decoded.stderr);
    let encoded = tl(&["encode", "--function", "--hex"], &decoded.stdout);
    assert_ok(&encoded, &format!("{SEND_STARS_FORM}\n"));
}

#[test]
fn a_closed_stdout_is_not_a_panic() {
    let mut child = Command::new(env!("CARGO_BIN_EXE_tl-codegen"))
        .args(["decode", "--hex", "--function", "--lines"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdin = child.stdin.take().unwrap();
    // Read one line, then close the pipe while the command still has lines to write.
    let mut stdout = child.stdout.take().unwrap();
    let writer = std::thread::spawn(move || {
        let line = format!("{SEND_STARS_FORM}\n");
        for _ in 0..20_000 {
            if stdin.write_all(line.as_bytes()).is_err() {
                break;
            }
        }
    });
    let mut first = [0u8; 16];
    stdout.read_exact(&mut first).unwrap();
    drop(stdout);
    let output = child.wait_with_output().unwrap();
    writer.join().unwrap();
    assert_eq!(String::from_utf8_lossy(&output.stderr), "");
    assert_eq!(output.status.code(), Some(0));
}

#[test]
fn works_outside_the_workspace() {
    // `tl` runs in the temp directory; the built-in schema needs no files.
    assert!(!Path::new(&std::env::temp_dir())
        .join("schema/api.tl")
        .exists());
    assert_ok(
        &tl(&["decode", "--hex", "--type", "Bool"], b"b5757299"),
        "true\n",
    );
}

#[test]
fn the_readme_example() {
    // The README's `tl-codegen decode --hex --function` example: form_id 42.
    let run = tl(
        &["decode", "--hex", "--function"],
        b"14c99879 2a00000000000000 efca26c3 0467696674000000\n",
    );
    assert_ok(
        &run,
        "{\n  \"_\": \"payments.sendStarsForm\",\n  \"form_id\": \"42\",\n  \"invoice\": {\n    \"_\": \"inputInvoiceSlug\",\n    \"slug\": \"gift\"\n  }\n}\n",
    );
}

// ---- TON ----------------------------------------------------------------------------

/// TON's `lite_api.tl` (a fixture of tlgen-parser), by absolute path: `tl` runs elsewhere.
fn lite_api() -> String {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../tl-parser/tests/fixtures/ton/lite_api.tl")
        .to_str()
        .unwrap()
        .to_owned()
}

/// The getMasterchainInfo query of TON's documentation ("ADNL TCP - Liteserver",
/// <https://docs.ton.org/v3/documentation/network/protocols/adnl/adnl-tcp>): the payload
/// of the ADNL packet, `adnl.message.query` holding `liteServer.query` holding
/// `liteServer.getMasterchainInfo`.
const TON_DOC_QUERY: &str = concat!(
    "7af98bb4",                                                         // adnl.message.query
    "77c1545b96fa136b8e01cc08338bec47e8a43215492dda6d4d7e286382bb00c4", // query_id:int256
    "0c",                                                               // query:bytes, 12 bytes
    "df068c79",                                                         // liteServer.query
    "04",                                                               // data:bytes, 4 bytes
    "2ee6b589",                                                         // getMasterchainInfo
    "000000",                                                           // padding of data
    "000000",                                                           // padding of query
);

/// The `liteServer.masterchainInfo` of the same page's answer (the `answer:bytes` of its
/// `adnl.message.answer`).
const TON_DOC_MASTERCHAIN_INFO: &str = concat!(
    "81288385",         // liteServer.masterchainInfo
    "ffffffff",         // last.workchain
    "0000000000000080", // last.shard
    "27405801",         // last.seqno
    "e585a47bd5978f6a4fb2b56aa2082ec9deac33aaae19e78241b97522e1fb43d4", // last.root_hash
    "876851b60521311853f59c002d46b0bd80054af4bce340787a00bd04e0123517", // last.file_hash
    "8b4d3b38b06bb484015faf9821c3ba1c609a25b74f30e1e585b8c8e820ef0976", // state_root_hash
    "ffffffff",         // init.workchain
    "17a3a92992aabea785a7a090985a265cd31f323d849da51239737e321fb05569", // init.root_hash
    "5e994fcf4d425c0a6ce6a792594b7173205f740a39cd56f537defd28b48a0f6e", // init.file_hash
);

#[test]
fn ton_decode_the_documented_answer() {
    let schema = lite_api();
    let run = tl(
        &["decode", "--hex", "--schema", &schema],
        TON_DOC_MASTERCHAIN_INFO.as_bytes(),
    );
    // `last` and `init` are bare (`tonNode.blockIdExt`, lowercase): no ids on the wire;
    // `int256` is base64 of its 32 bytes, `long` a decimal string.
    assert_ok(
        &run,
        r#"{
  "_": "liteServer.masterchainInfo",
  "last": {
    "_": "tonNode.blockIdExt",
    "workchain": -1,
    "shard": "-9223372036854775808",
    "seqno": 22560807,
    "root_hash": "5YWke9WXj2pPsrVqogguyd6sM6quGeeCQbl1IuH7Q9Q=",
    "file_hash": "h2hRtgUhMRhT9ZwALUawvYAFSvS840B4egC9BOASNRc="
  },
  "state_root_hash": "i007OLBrtIQBX6+YIcO6HGCaJbdPMOHlhbjI6CDvCXY=",
  "init": {
    "_": "tonNode.zeroStateIdExt",
    "workchain": -1,
    "root_hash": "F6OpKZKqvqeFp6CQmFomXNMfMj2EnaUSOXN+Mh+wVWk=",
    "file_hash": "XplPz01CXAps5qeSWUtxcyBfdAo5zVb1N979KLSKD24="
  }
}
"#,
    );
}

#[test]
fn ton_encode_the_documented_query_layer_by_layer() {
    let schema = lite_api();
    let call = tl(
        &["encode", "--hex", "--function", "--schema", &schema],
        br#"{"_":"liteServer.getMasterchainInfo"}"#,
    );
    assert_ok(&call, "2ee6b589\n");
    // `data:bytes` is base64 in TL-JSON: 2ee6b589 is "Lua1iQ==".
    let lite = tl(
        &["encode", "--hex", "--function", "--schema", &schema],
        br#"{"_":"liteServer.query","data":"Lua1iQ=="}"#,
    );
    assert_ok(&lite, "df068c79042ee6b589000000\n");
    let adnl = tl(
        &["encode", "--hex", "--schema", &schema],
        br#"{"_":"adnl.message.query","query_id":"d8FUW5b6E2uOAcwIM4vsR+ikMhVJLdptTX4oY4K7AMQ=","query":"3waMeQQu5rWJAAAA"}"#,
    );
    assert_ok(&adnl, &format!("{TON_DOC_QUERY}\n"));
    // And back.
    let run = tl(
        &["decode", "--hex", "--compact", "--schema", &schema],
        TON_DOC_QUERY.as_bytes(),
    );
    assert_ok(
        &run,
        "{\"_\":\"adnl.message.query\",\"query_id\":\"d8FUW5b6E2uOAcwIM4vsR+ikMhVJLdptTX4oY4K7AMQ=\",\"query\":\"3waMeQQu5rWJAAAA\"}\n",
    );
}

#[test]
fn decode_errors_say_where_in_the_value() {
    let dir = tempfile::tempdir().unwrap();
    let chat = dir.path().join("chat.tl");
    std::fs::write(
        &chat,
        "textPlain#744694e0 text:string = RichText;\n\
         message#11223344 id:int text:string entities:Vector<RichText> = Message;\n",
    )
    .unwrap();
    let chat = chat.to_str().unwrap();
    // Hand-built from the TL rules: message id, `id:int` 7, then the rest.
    for (hex, stderr) in [
        // The string's length prefix cut short (2 of its 4 minimum bytes).
        (
            "44332211 07000000 0268",
            "error: message.text (string) at byte 8: unexpected end of input (needed 4 bytes)\n",
        ),
        // A length of 200 where 3 bytes follow the 1-byte prefix.
        (
            "44332211 07000000 c8686900",
            "error: message.text (string) at byte 8: length 200 exceeds the 3 bytes left\n",
        ),
        // "hi", then a vector of two RichText whose second id is unknown.
        (
            "44332211 07000000 02686900 15c4b51c 02000000 e0944674 01610000 efbeadde",
            "error: message.entities[1] (RichText) at byte 28: unexpected constructor 0xdeadbeef for RichText\n",
        ),
        // A whole message (an empty vector), then 4 bytes more.
        (
            "44332211 07000000 02686900 15c4b51c 00000000 00000000",
            "error: 4 trailing bytes at byte 20 after message\n",
        ),
    ] {
        let run = tl(&["decode", "--hex", "--schema", chat], hex.as_bytes());
        assert_err(&run, stderr);
    }
    // With --lines, the path is a key of its own.
    let run = tl(
        &["decode", "--hex", "--lines", "--schema", chat],
        b"44332211 07000000 c8686900\n",
    );
    assert_eq!(
        run.out(),
        "{\"error\":\"length 200 exceeds the 3 bytes left\",\"path\":\"message.text (string)\",\"offset\":8,\"line\":1}\n"
    );
    assert_eq!(run.code, Some(1));
}
