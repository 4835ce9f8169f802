//! `tl-codegen decode` of a server's `msg_container` whose gzip'd `rpc_result` holds an object
//! of another layer (`config#330b4067` of layer 108, unknown to layer 230): everything else
//! decodes, the unknown object is kept in place, a warning names its path, and offsets say
//! which stream they count in. The gzip stream is made by the real `gzip` program.
//!
//! And `gzip_packed` both ways: `decode --keep-packed` then `encode` gives back the input
//! byte for byte, and `encode --gzip` writes a `gzip_packed` from its content that the real
//! `gzip` program unpacks and `decode` reads back.

use std::io::Write;
use std::process::{Command, Stdio};

/// Runs `program` with `args`, `stdin` in; its status, stdout and stderr.
fn run(program: &str, args: &[&str], stdin: &[u8]) -> (Option<i32>, Vec<u8>, String) {
    let mut child = Command::new(program)
        .args(args)
        .current_dir(std::env::temp_dir())
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap_or_else(|e| panic!("cannot run {program}: {e}"));
    let mut input = child.stdin.take().unwrap();
    let data = stdin.to_vec();
    let writer = std::thread::spawn(move || {
        let _ = input.write_all(&data);
    });
    let output = child.wait_with_output().unwrap();
    writer.join().unwrap();
    (
        output.status.code(),
        output.stdout,
        String::from_utf8_lossy(&output.stderr).into_owned(),
    )
}

/// The first fields of layer 108's `config#330b4067 flags:# … date:int expires:int
/// test_mode:Bool this_dc:int dc_options:Vector<DcOption> …`: what a server of another
/// layer answers to `help.getConfig`.
fn old_config() -> Vec<u8> {
    let mut out = 0x330b_4067_u32.to_le_bytes().to_vec();
    for word in [0u32, 1_600_000_000, 1_600_003_600, 0xbc79_9737, 2] {
        out.extend(word.to_le_bytes());
    }
    out.extend(0x1cb5_c415_u32.to_le_bytes()); // dc_options: an empty Vector
    out.extend(0u32.to_le_bytes());
    out
}

/// A `msg_container` of a `pong` and an `rpc_result` holding `gzip_packed` bytes of `stream`.
fn payload(stream: &[u8]) -> Vec<u8> {
    let answer = packed_answer(stream);
    let pong = pong();
    let mut out = 0x73f1_f8dc_u32.to_le_bytes().to_vec();
    out.extend(2i32.to_le_bytes());
    for (msg_id, seqno, body) in [
        (0x6000_0000_0000_0c01_i64, 1i32, &pong),
        (0x6000_0000_0000_0c05, 3, &answer),
    ] {
        out.extend(msg_id.to_le_bytes());
        out.extend(seqno.to_le_bytes());
        out.extend((body.len() as i32).to_le_bytes());
        out.extend(body);
    }
    out
}

#[test]
fn an_object_of_another_layer_is_kept_in_place() {
    let (status, stream, stderr) = run("gzip", &["-c", "-n"], &old_config());
    assert_eq!(status, Some(0), "gzip: {stderr}");
    assert_eq!(stream[..2], [0x1f, 0x8b]);
    let payload = payload(&stream);
    let tl = env!("CARGO_BIN_EXE_tl-codegen");

    let (status, stdout, stderr) = run(tl, &["decode", "--compact"], &payload);
    assert_eq!(status, Some(0), "{stderr}");
    let json: serde_json::Value = serde_json::from_slice(&stdout).expect("JSON");
    let messages = &json["messages"];
    assert_eq!(json["_"], "msg_container");
    // The pong (msg_id 0x6000000000000008 is 6917529027641081864) decodes.
    assert_eq!(
        messages[0]["body"],
        serde_json::json!({"_": "pong", "msg_id": "6917529027641081864", "ping_id": "77"})
    );
    let answer = &messages[1]["body"];
    assert_eq!(answer["_"], "rpc_result");
    assert_eq!(answer["req_msg_id"], "6917529027641081860");
    let unknown = &answer["result"];
    assert_eq!(unknown["_"], "unknown");
    assert_eq!(unknown["id"], "0x330b4067");
    let bytes = tlgen_dynamic::base64::decode_lenient(
        unknown["bytes"].as_str().expect("base64").as_bytes(),
    )
    .expect("base64");
    assert_eq!(bytes, old_config()[4..]);
    // Container 8, pong message 16 + 20, message header 16, rpc_result 12: the
    // `gzip_packed` is at byte 72, and the unknown id at byte 0 of its content.
    assert_eq!(
        stderr,
        "warning: $.messages[1].body.result: object 0x330b4067 at byte 0 of the gzip_packed \
         content at byte 72 kept as bytes: unexpected constructor 0x330b4067 for a constructor \
         or function call at byte 0 of the gzip_packed content at byte 72\n"
    );

    // `--strict`: the same output, and exit status 1.
    let (status, strict_stdout, stderr) = run(tl, &["decode", "--compact", "--strict"], &payload);
    assert_eq!(status, Some(1));
    assert_eq!(strict_stdout, stdout);
    assert!(
        stderr.ends_with("error: 1 object could not be decoded (--strict)\n"),
        "{stderr}"
    );
}

// ---- gzip_packed kept, and written from its content -------------------------------

/// Runs tl-codegen; its stdout, after checking it succeeded without a word on stderr.
fn tl(args: &[&str], stdin: &[u8]) -> Vec<u8> {
    let (status, stdout, stderr) = run(env!("CARGO_BIN_EXE_tl-codegen"), args, stdin);
    assert_eq!(status, Some(0), "tl-codegen {args:?}: {stderr}");
    assert_eq!(stderr, "", "tl-codegen {args:?}");
    stdout
}

/// `pong#347773c5 msg_id:long ping_id:long`, written by hand.
fn pong() -> Vec<u8> {
    let mut pong = 0x3477_73c5_u32.to_le_bytes().to_vec();
    pong.extend(0x6000_0000_0000_0008_i64.to_le_bytes());
    pong.extend(77i64.to_le_bytes());
    pong
}

/// `rpc_result#f35c6d01 req_msg_id:long result:Object` whose result is a `gzip_packed` of
/// `stream` (`packed_data:bytes`: one length byte, the stream, zero padding).
fn packed_answer(stream: &[u8]) -> Vec<u8> {
    let mut out = 0xf35c_6d01_u32.to_le_bytes().to_vec();
    out.extend(0x6000_0000_0000_0004_i64.to_le_bytes());
    out.extend(0x3072_cfa1_u32.to_le_bytes());
    assert!(stream.len() < 254);
    out.push(stream.len() as u8);
    out.extend(stream);
    while out.len() % 4 != 0 {
        out.push(0);
    }
    out
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

#[test]
fn decode_keep_packed_then_encode_is_the_input_byte_for_byte() {
    // The real gzip program's stream (`-n`: no name or time), as a server's packer.
    let (status, stream, stderr) = run("gzip", &["-c", "-n", "-9"], &pong());
    assert_eq!(status, Some(0), "gzip: {stderr}");
    let input = packed_answer(&stream);
    let input_hex = format!("{}\n", hex(&input));

    let kept = tl(
        &["decode", "--hex", "--compact", "--keep-packed"],
        input_hex.as_bytes(),
    );
    let kept = String::from_utf8(kept).unwrap();
    assert!(
        kept.contains(r#""result":{"_":"gzip_packed","packed_data":""#),
        "{kept}"
    );
    let again = tl(&["encode", "--hex"], kept.as_bytes());
    assert_eq!(String::from_utf8(again).unwrap(), input_hex);

    // Without it, the content replaces the packed object: encode writes it unpacked.
    let unpacked = tl(&["decode", "--hex", "--compact"], input_hex.as_bytes());
    let unpacked = String::from_utf8(unpacked).unwrap();
    assert!(
        unpacked.contains(r#""result":{"_":"pong","msg_id":"6917529027641081864","ping_id":"77"}"#),
        "{unpacked}"
    );
    let mut expected = 0xf35c_6d01_u32.to_le_bytes().to_vec();
    expected.extend(0x6000_0000_0000_0004_i64.to_le_bytes());
    expected.extend(pong());
    let encoded = tl(&["encode", "--hex"], unpacked.as_bytes());
    assert_eq!(
        String::from_utf8(encoded).unwrap(),
        format!("{}\n", hex(&expected))
    );

    // --lines keeps it too.
    let line = tl(
        &["decode", "--hex", "--lines", "--keep-packed"],
        input_hex.as_bytes(),
    );
    assert!(String::from_utf8(line).unwrap().contains("gzip_packed"));
}

#[test]
fn encode_gzip_writes_a_gzip_packed_from_its_content() {
    let json = br#"{"_":"pong","msg_id":"6917529027641081864","ping_id":"77"}"#;
    let packed = tl(&["encode", "--gzip"], json);
    // gzip_packed#3072cfa1, a one-byte length, the stream, padding to whole words.
    assert_eq!(packed[..4], 0x3072_cfa1_u32.to_le_bytes());
    assert_eq!(packed.len() % 4, 0);
    let len = usize::from(packed[4]);
    let stream = &packed[5..5 + len];
    assert!(packed[5 + len..].iter().all(|&b| b == 0), "zero padding");
    // The real gunzip reads the stream: the content is the object's encoding.
    let (status, content, stderr) = run("gzip", &["-d", "-c"], stream);
    assert_eq!(status, Some(0), "gzip -d: {stderr}");
    assert_eq!(content, pong());
    // decode unpacks it back to the JSON.
    let decoded = tl(&["decode", "--compact"], &packed);
    assert_eq!(decoded, [&json[..], b"\n"].concat());

    // Below --gzip-threshold (and when packing does not make it smaller): as it is.
    assert_eq!(
        tl(&["encode", "--gzip", "--gzip-threshold", "1000"], json),
        pong()
    );
    assert_eq!(
        tl(&["encode", "--gzip", "--gzip-threshold", "0"], json),
        pong()
    );
    // --gzip-threshold needs --gzip.
    let (status, _, stderr) = run(
        env!("CARGO_BIN_EXE_tl-codegen"),
        &["encode", "--gzip-threshold", "10"],
        json,
    );
    assert_eq!(status, Some(2), "{stderr}");
}
