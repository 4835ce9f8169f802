//! The canonical TL-JSON mapping, one edge case per test, on a small schema.
#![cfg(feature = "json")]

mod common;

use common::*;
use tlgen_dynamic::{Schema, Type, Value, ValueErrorKind};

fn json(s: &Schema, v: &Value) -> String {
    s.to_json_string(v, false).unwrap()
}

/// Reads `text` as `ty` and returns the error as `path: message`.
fn json_error(s: &Schema, text: &str, ty: &Type) -> String {
    s.from_json_str(text, ty).unwrap_err().to_string()
}

#[test]
fn objects_carry_their_name_first_and_params_in_schema_order() {
    let s = schema();
    let v = s.decode(&full_message_bytes()).unwrap();
    assert_eq!(
        json(&s, &v),
        r#"{"_":"message","out":true,"id":7,"views":100,"forwards":5,"offline":true,"effect":"-1"}"#
    );
    // Bare-typed values carry "_" too.
    let salt = obj(
        &s,
        "future_salt",
        vec![
            Some(Value::Int(1)),
            Some(Value::Int(2)),
            Some(Value::Long(3)),
        ],
    );
    let v = obj(
        &s,
        "future_salts",
        vec![
            Some(Value::Long(5)),
            Some(Value::Int(6)),
            Some(vector(vec![salt])),
        ],
    );
    let text = json(&s, &v);
    assert_eq!(
        text,
        r#"{"_":"future_salts","req_msg_id":"5","now":6,"salts":[{"_":"future_salt","valid_since":1,"valid_until":2,"salt":"3"}]}"#
    );
    assert_eq!(s.from_json_str(&text, &Type::OBJECT).unwrap(), v);
    // A bare `_` is required and must name the bare constructor.
    let err = json_error(
        &s,
        r#"{"_":"future_salts","req_msg_id":"5","now":6,"salts":[{"valid_since":1,"valid_until":2,"salt":"3"}]}"#,
        &Type::OBJECT,
    );
    assert_eq!(err, "$.salts[0]: object without its \"_\" name");
    let err = json_error(
        &s,
        r#"{"_":"future_salts","req_msg_id":"5","now":6,"salts":[{"_":"message","id":1}]}"#,
        &Type::OBJECT,
    );
    assert_eq!(
        err,
        "$.salts[0]._: expected %future_salt, found object message"
    );
}

#[test]
fn functions_and_generic_queries() {
    let s = schema();
    let text = r#"{"_":"invokeWithLayer","layer":230,"query":{"_":"payments.sendStarsForm","form_id":"42","invoice":{"_":"inputInvoiceSlug","slug":"gift"}}}"#;
    let v = s.from_json_str(text, &Type::FUNCTION).unwrap();
    assert_eq!(json(&s, &v), text);
    let mut expected = words(&[0xda9b_0d0d, 230, 0x7998_c914]);
    expected.extend(42i64.to_le_bytes());
    expected.extend(words(&[0xc326_caef]));
    expected.extend([4, b'g', b'i', b'f', b't', 0, 0, 0]);
    assert_eq!(s.encode(&v).unwrap(), expected);
    // A constructor is not a function call.
    let err = json_error(
        &s,
        r#"{"_":"invokeWithLayer","layer":1,"query":{"_":"inputPeerEmpty"}}"#,
        &Type::FUNCTION,
    );
    assert_eq!(
        err,
        "$.query._: expected a function call, found object inputPeerEmpty"
    );
}

#[test]
fn long_is_a_decimal_string_and_accepts_an_integer() {
    let s = schema();
    let ty = s.parse_type("long").unwrap();
    for n in [0, -1, i64::MAX, i64::MIN, 1 << 53, (1 << 53) + 1] {
        let text = s.to_json_string(&Value::Long(n), false).unwrap();
        assert_eq!(text, format!("\"{n}\""));
        assert_eq!(s.from_json_str(&text, &ty).unwrap(), Value::Long(n));
    }
    assert_eq!(s.from_json_str("12", &ty).unwrap(), Value::Long(12));
    assert_eq!(
        s.from_json_str("-9223372036854775808", &ty).unwrap(),
        Value::Long(i64::MIN)
    );
    assert_eq!(
        json_error(&s, "9223372036854775808", &ty),
        "$: invalid long: 9223372036854775808 is out of range"
    );
    assert_eq!(
        json_error(&s, "\"12a\"", &ty),
        "$: invalid long: \"12a\" is not a decimal 64-bit integer"
    );
    assert_eq!(
        json_error(&s, "1.5", &ty),
        "$: invalid long: 1.5 is not an integer"
    );
    assert_eq!(json_error(&s, "true", &ty), "$: expected long, found true");
    // int is a number, in range.
    let int = s.parse_type("int").unwrap();
    assert_eq!(s.to_json_string(&Value::Int(-5), false).unwrap(), "-5");
    assert_eq!(
        json_error(&s, "2147483648", &int),
        "$: invalid int: 2147483648 is out of range"
    );
    assert_eq!(
        json_error(&s, "\"1\"", &int),
        "$: expected int, found string \"1\""
    );
}

#[test]
fn doubles_including_the_non_finite_ones() {
    let s = schema();
    let ty = s.parse_type("double").unwrap();
    let cases = [
        (f64::NAN, "\"NaN\""),
        (f64::INFINITY, "\"Infinity\""),
        (f64::NEG_INFINITY, "\"-Infinity\""),
        (1.5, "1.5"),
        (-0.0, "-0.0"),
    ];
    for (x, text) in cases {
        assert_eq!(s.to_json_string(&Value::Double(x), false).unwrap(), text);
        let Value::Double(back) = s.from_json_str(text, &ty).unwrap() else {
            panic!()
        };
        assert_eq!(
            back.to_bits(),
            if x.is_nan() {
                f64::NAN.to_bits()
            } else {
                x.to_bits()
            }
        );
    }
    // Every finite double survives the text: the shortest representation, read exactly.
    for bits in [
        1u64,
        0x000f_ffff_ffff_ffff,
        0x7fef_ffff_ffff_ffff,
        0x3fb9_9999_9999_999a,
        0x4340_0000_0000_0001,
    ] {
        let x = f64::from_bits(bits);
        let text = s.to_json_string(&Value::Double(x), false).unwrap();
        let Value::Double(back) = s.from_json_str(&text, &ty).unwrap() else {
            panic!()
        };
        assert_eq!(back.to_bits(), bits, "{text}");
    }
    assert_eq!(s.from_json_str("3", &ty).unwrap(), Value::Double(3.0));
    assert_eq!(
        json_error(&s, "\"nan\"", &ty),
        "$: expected double, found string \"nan\""
    );
}

#[test]
fn bytes_and_big_ints_are_padded_base64() {
    let s = schema();
    let bytes = s.parse_type("bytes").unwrap();
    for (data, text) in [
        (&b""[..], "\"\""),
        (b"f", "\"Zg==\""),
        (b"fo", "\"Zm8=\""),
        (b"foo", "\"Zm9v\""),
    ] {
        assert_eq!(
            s.to_json_string(&Value::Bytes(data.into()), false).unwrap(),
            text
        );
        assert_eq!(
            s.from_json_str(text, &bytes).unwrap(),
            Value::Bytes(data.into())
        );
    }
    assert!(json_error(&s, "\"Zg\"", &bytes).starts_with("$: invalid bytes: base64: length 2 "));
    assert!(
        json_error(&s, "\"Zh==\"", &bytes).starts_with("$: invalid bytes: base64: non-zero bits")
    );
    assert_eq!(
        json_error(&s, "[1]", &bytes),
        "$: expected bytes (base64 string), found an array"
    );
    let int128 = s.parse_type("int128").unwrap();
    let v = Value::Int128(Box::new([0xff; 16]));
    let text = s.to_json_string(&v, false).unwrap();
    assert_eq!(text, "\"/////////////////////w==\"");
    assert_eq!(s.from_json_str(&text, &int128).unwrap(), v);
    assert_eq!(
        json_error(&s, "\"Zm9v\"", &int128),
        "$: invalid int128: 3 bytes instead of 16"
    );
    let int256 = s.parse_type("int256").unwrap();
    let v = Value::Int256(Box::new([7; 32]));
    let text = s.to_json_string(&v, false).unwrap();
    assert_eq!(s.from_json_str(&text, &int256).unwrap(), v);
    // 34 zero bytes.
    let long = format!("\"{}AA==\"", "A".repeat(44));
    assert_eq!(
        json_error(&s, &long, &int256),
        "$: invalid int256: 34 bytes instead of 32"
    );
}

#[test]
fn absent_optional_fields_are_omitted_and_true_flags_are_true() {
    let s = schema();
    let v = obj(
        &s,
        "message",
        vec![
            None,
            Some(Value::Int(9)),
            None,
            None,
            Some(Value::Bool(true)),
            None,
        ],
    );
    let text = json(&s, &v);
    assert_eq!(text, r#"{"_":"message","id":9,"offline":true}"#);
    assert_eq!(s.from_json_str(&text, &Type::OBJECT).unwrap(), v);
    // `false` and `null` read as clear / absent.
    let read = s
        .from_json_str(
            r#"{"_":"message","out":false,"id":9,"views":null,"forwards":null,"offline":true}"#,
            &Type::OBJECT,
        )
        .unwrap();
    assert_eq!(read, v);
    assert_eq!(s.encode(&read).unwrap(), words(&[1, 0, 9, 1 << 1]));
    // A true flag is a boolean.
    assert_eq!(
        json_error(&s, r#"{"_":"message","out":1,"id":9}"#, &Type::OBJECT),
        "$.out: expected true (a flag), found number 1"
    );
    // `#` words are not fields.
    assert_eq!(
        json_error(&s, r#"{"_":"message","flags":0,"id":9}"#, &Type::OBJECT),
        "$.flags: message has no field `flags`"
    );
}

#[test]
fn shared_flag_bits_must_agree() {
    let s = schema();
    let err = s
        .from_json_str(r#"{"_":"message","id":1,"views":100}"#, &Type::OBJECT)
        .unwrap_err();
    assert_eq!(err.path().to_string(), "$.forwards");
    assert!(
        matches!(err.kind(), ValueErrorKind::InconsistentFlag { field, mate, present: false, .. } if field == "forwards" && mate == "views")
    );
    assert_eq!(
        err.to_string(),
        "$.forwards: message.forwards is absent but message.views is present, and both use flags.10"
    );
    // A true flag set while its bit-mate is absent.
    assert_eq!(
        json_error(&s, r#"{"_":"media","live":true}"#, &Type::OBJECT),
        "$.video: media.video is absent but media.live is present, and both use flags.3"
    );
    let ok = s
        .from_json_str(
            r#"{"_":"message","id":1,"views":100,"forwards":2}"#,
            &Type::OBJECT,
        )
        .unwrap();
    assert_eq!(s.encode(&ok).unwrap(), words(&[1, 1 << 10, 1, 100, 2, 0]));
}

#[test]
fn errors_name_the_json_path() {
    let s = schema();
    assert_eq!(
        json_error(
            &s,
            r#"{"_":"payments.sendStarsForm","form_id":"42","invoice":{"_":"inputInvoiceSlug","slug":5}}"#,
            &Type::OBJECT
        ),
        "$.invoice.slug: expected string, found number 5"
    );
    let ty = s.parse_type("Vector<Message>").unwrap();
    assert_eq!(
        json_error(
            &s,
            r#"[{"_":"message","id":1},{"_":"message","id":1},{"_":"message","id":1},{"_":"message","id":"x"}]"#,
            &ty
        ),
        "$[3].id: expected int, found string \"x\""
    );
    let wrap = r#"{"_":"wrap","m":{"_":"message","id":1},"list":[{"_":"message","id":1},{"_":"message","idd":1}],"nested":[]}"#;
    assert_eq!(
        json_error(&s, wrap, &Type::OBJECT),
        "$.list[1].id: missing field `id` of message"
    );
    assert_eq!(
        json_error(
            &s,
            r#"{"_":"getPeer","peer":{"_":"inputPeerNobody"}}"#,
            &Type::OBJECT
        ),
        "$.peer._: unknown constructor or function `inputPeerNobody`"
    );
    assert_eq!(
        json_error(
            &s,
            r#"{"_":"getPeer","peer":{"_":"textPlain","text":""}}"#,
            &Type::OBJECT
        ),
        "$.peer._: expected InputPeer, found object textPlain"
    );
    assert_eq!(
        json_error(
            &s,
            r#"{"_":"getPeer","peer":{"_":"inputPeerEmpty","extra":1}}"#,
            &Type::OBJECT
        ),
        "$.peer.extra: inputPeerEmpty has no field `extra`"
    );
    assert_eq!(
        json_error(&s, r#"{"_":7}"#, &Type::OBJECT),
        "$._: expected a TL name (string), found number 7"
    );
    assert_eq!(
        json_error(&s, "[]", &Type::OBJECT),
        "$: expected a constructor or function call, found an array"
    );
    assert!(json_error(&s, "{", &Type::OBJECT).starts_with("$: JSON syntax: EOF"));
    let nested = s.parse_type("Vector<Vector<int>>").unwrap();
    assert_eq!(
        json_error(&s, "[[1],[2,null]]", &nested),
        "$[1][1]: expected int, found null"
    );
    // Bool is a JSON boolean, also as the top-level object.
    assert_eq!(
        s.from_json_str("true", &Type::OBJECT).unwrap(),
        Value::Bool(true)
    );
}

#[test]
fn deep_json_is_an_error_not_a_stack_overflow() {
    let s = schema();
    // Deeper than serde_json's own limit (128): a syntax error.
    let deep = format!("{}{}", "[".repeat(10_000), "]".repeat(10_000));
    let ty = s.parse_type("Vector<int>").unwrap();
    assert!(json_error(&s, &deep, &ty).contains("recursion limit"));
    // Within serde_json's limit but past ours (64 objects).
    let depth = 100;
    let mut text = String::new();
    for _ in 0..depth {
        text.push_str(r#"{"_":"textBold","text":"#);
    }
    text.push_str(r#"{"_":"textPlain","text":"x"}"#);
    text.push_str(&"}".repeat(depth));
    let err = s.from_json_str(&text, &Type::OBJECT).unwrap_err();
    assert!(
        matches!(err.kind(), ValueErrorKind::TooDeep { limit: 64 }),
        "{err}"
    );
    assert_eq!(err.path().segments().count(), 64);
    // Writing a value deeper than the encoder's limit fails instead of overflowing.
    let mut v = obj(&s, "textPlain", vec![Some(Value::String("x".into()))]);
    for _ in 0..300 {
        v = obj(&s, "textBold", vec![Some(v)]);
    }
    assert!(s
        .to_json_string(&v, false)
        .unwrap_err()
        .to_string()
        .contains("deeper than 256"));
    assert!(matches!(
        s.encode(&v).unwrap_err().kind(),
        ValueErrorKind::TooDeep { limit: 256 }
    ));
}

#[test]
fn pretty_output_is_the_same_json() {
    let s = schema();
    let v = s.decode(&full_message_bytes()).unwrap();
    let pretty = s.to_json_string(&v, true).unwrap();
    assert!(
        pretty.contains("\n  \"_\": \"message\",\n  \"out\": true,"),
        "{pretty}"
    );
    assert_eq!(s.from_json_str(&pretty, &Type::OBJECT).unwrap(), v);
    // serde_json::to_string on the Serialize view gives the compact form.
    assert_eq!(serde_json::to_string(&s.json(&v)).unwrap(), json(&s, &v));
}
