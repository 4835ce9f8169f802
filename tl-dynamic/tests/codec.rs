//! Binary decode and encode on a small schema: golden bytes written from the TL rules,
//! every schema feature, hostile input and the checks encoding makes.

mod common;

use common::*;
use proptest::prelude::*;
use tlgen_dynamic::{
    DecodeCause, DecodeErrorKind, Schema, SchemaError, Type, Value, ValueErrorKind,
};
use tlgen_runtime::Reader;

#[test]
fn message_with_two_flag_words_decodes_and_encodes_byte_exactly() {
    let s = schema();
    let bytes = full_message_bytes();
    let value = s.decode(&bytes).unwrap();
    assert_eq!(value, full_message(&s));
    assert_eq!(s.encode(&value).unwrap(), bytes);
    // Absent fields: only `id`, both flag words zero.
    let empty = obj(
        &s,
        "message",
        vec![None, Some(Value::Int(9)), None, None, None, None],
    );
    let bytes = words(&[1, 0, 9, 0]);
    assert_eq!(s.decode(&bytes).unwrap(), empty);
    assert_eq!(s.encode(&empty).unwrap(), bytes);
}

#[test]
fn primitives_have_their_wire_forms() {
    let s = schema();
    let mut bytes = words(&[2]);
    bytes.extend(0x0102_0304_0506_0708_i64.to_le_bytes());
    bytes.extend([3, 0xde, 0xad, 0xbe]); // bytes: length 3 + data, no padding needed
    bytes.extend(1..=16u8); // int128
    bytes.extend(101..=132u8); // int256
    bytes.extend(1.5f64.to_le_bytes());
    bytes.extend(0xbc79_9737_u32.to_le_bytes()); // boolFalse
    let value = s.decode(&bytes).unwrap();
    let expected = obj(
        &s,
        "photo",
        vec![
            Some(Value::Long(0x0102_0304_0506_0708)),
            Some(common::bytes(vec![0xde, 0xad, 0xbe])),
            Some(Value::Int128(Box::new(std::array::from_fn(|i| {
                i as u8 + 1
            })))),
            Some(Value::Int256(Box::new(std::array::from_fn(|i| {
                i as u8 + 101
            })))),
            Some(Value::Double(1.5)),
            Some(Value::Bool(false)),
        ],
    );
    assert_eq!(value, expected);
    assert_eq!(s.encode(&value).unwrap(), bytes);
}

#[test]
fn bare_vectors_bare_types_and_nested_vectors() {
    let s = schema();
    // future_salts with two bare future_salt items.
    let mut bytes = words(&[0xae50_0895]);
    bytes.extend(5i64.to_le_bytes());
    bytes.extend(words(&[6, 2, 10, 11]));
    bytes.extend(12i64.to_le_bytes());
    bytes.extend(words(&[20, 21]));
    bytes.extend(22i64.to_le_bytes());
    let value = s.decode(&bytes).unwrap();
    let salt = |a, b, c| {
        obj(
            &s,
            "future_salt",
            vec![
                Some(Value::Int(a)),
                Some(Value::Int(b)),
                Some(Value::Long(c)),
            ],
        )
    };
    assert_eq!(
        value,
        obj(
            &s,
            "future_salts",
            vec![
                Some(Value::Long(5)),
                Some(Value::Int(6)),
                Some(vector(vec![salt(10, 11, 12), salt(20, 21, 22)])),
            ]
        )
    );
    assert_eq!(s.encode(&value).unwrap(), bytes);

    // wrap: a bare %Message, a Vector<Message> of one boxed message, Vector<Vector<int>>.
    let vid = 0x1cb5_c415;
    let bytes = words(&[3, 0, 1, 0, vid, 1, 1, 0, 2, 0, vid, 2, vid, 0, vid, 1, 42]);
    let value = s.decode(&bytes).unwrap();
    let m = |id| {
        obj(
            &s,
            "message",
            vec![None, Some(Value::Int(id)), None, None, None, None],
        )
    };
    assert_eq!(
        value,
        obj(
            &s,
            "wrap",
            vec![
                Some(m(1)),
                Some(vector(vec![m(2)])),
                Some(vector(vec![vector(vec![]), vector(vec![Value::Int(42)])])),
            ]
        )
    );
    assert_eq!(s.encode(&value).unwrap(), bytes);
}

#[test]
fn generic_query_is_any_function() {
    let s = schema();
    let bytes = words(&[0xda9b_0d0d, 230, 5, 0x7f3b_18ea]);
    let value = s.decode_function(&bytes).unwrap();
    let inner = obj(&s, "getPeer", vec![Some(obj(&s, "inputPeerEmpty", vec![]))]);
    assert_eq!(
        value,
        obj(
            &s,
            "invokeWithLayer",
            vec![Some(Value::Int(230)), Some(inner)]
        )
    );
    assert_eq!(s.encode(&value).unwrap(), bytes);
    // `decode` (any object) accepts the call too; a constructor as the query does not.
    assert_eq!(s.decode(&bytes).unwrap(), value);
    let err = s
        .decode(&words(&[0xda9b_0d0d, 230, 0x7f3b_18ea]))
        .unwrap_err();
    assert_eq!(err.offset(), 8);
    assert_eq!(
        err.cause(),
        &DecodeCause::UnexpectedConstructor {
            id: 0x7f3b_18ea,
            expected: "a function call".into()
        }
    );
    // decode_function refuses a constructor, at its id.
    let err = s.decode_function(&words(&[0x7f3b_18ea])).unwrap_err();
    assert_eq!(
        (err.offset(), err.cause()),
        (
            0,
            &DecodeCause::UnexpectedConstructor {
                id: 0x7f3b_18ea,
                expected: "a function call".into()
            }
        )
    );
}

#[test]
fn decode_as_parsed_types() {
    let s = schema();
    let vid = 0x1cb5_c415;
    let users = words(&[vid, 2, 0x7f3b_18ea, 0xdde8_a54c, 1, 0, 2, 0]);
    let ty = s.parse_type("Vector<InputPeer>").unwrap();
    let value = s.decode_as(&users, &ty).unwrap();
    let Value::Vector(items) = &value else {
        panic!("{value:?}")
    };
    assert_eq!(items.len(), 2);
    assert_eq!(s.name_of(&items[1]), Some("inputPeerUser"));
    assert_eq!(s.encode_as(&value, &ty).unwrap(), users);

    let bare = s.parse_type("%Message").unwrap();
    assert_eq!(s.parse_type("message").unwrap(), bare);
    let value = s.decode_as(&words(&[0, 3, 0]), &bare).unwrap();
    assert_eq!(s.encode_as(&value, &bare).unwrap(), words(&[0, 3, 0]));

    let int = s.parse_type("int").unwrap();
    assert_eq!(s.decode_as(&words(&[7]), &int).unwrap(), Value::Int(7));
    let longs = s.parse_type("vector<long>").unwrap();
    let mut bytes = words(&[1]);
    bytes.extend((-2i64).to_le_bytes());
    assert_eq!(
        s.decode_as(&bytes, &longs).unwrap(),
        vector(vec![Value::Long(-2)])
    );
    let nested = s.parse_type("Vector<Vector<Bool>>").unwrap();
    let bytes = words(&[vid, 1, vid, 1, 0x9972_75b5]);
    assert_eq!(
        s.decode_as(&bytes, &nested).unwrap(),
        vector(vec![vector(vec![Value::Bool(true)])])
    );
    // Bool by its id through `decode`.
    assert_eq!(s.decode(&words(&[0x9972_75b5])).unwrap(), Value::Bool(true));
}

#[test]
fn type_expression_errors() {
    let s = schema();
    for bad in [
        "Nope",
        "nope",
        "%RichText",
        "Vector<int int>",
        "Vector",
        "getPeer",
        "InputPeer<int>",
    ] {
        assert!(
            matches!(
                s.parse_type(bad),
                Err(SchemaError::UnknownType { .. } | SchemaError::Syntax { .. })
            ),
            "{bad}"
        );
    }
    assert!(matches!(
        s.parse_type("Vector<"),
        Err(SchemaError::Syntax { offset: 7, .. })
    ));
}

#[test]
fn schema_errors_are_reported() {
    // The parser's own diagnostics.
    let err = Schema::from_source("a#1 x:Missing = A;").unwrap_err();
    let SchemaError::Parse(errors) = &err else {
        panic!("{err:?}")
    };
    assert_eq!(errors.len(), 1, "{errors:?}");
    assert_eq!(errors[0].kind, tlgen_parser::DiagnosticKind::UndeclaredType);
    assert!(errors[0].message.contains("Missing"), "{errors:?}");
    assert!(err.to_string().contains(&errors[0].render()), "{err}");
    // The plan's resolution, on a parsed schema whose diagnostics are ignored.
    let parsed = tlgen_parser::parse("a#1 x:Missing = A;");
    assert!(matches!(
        Schema::from_parsed(&parsed),
        Err(SchemaError::UnknownType { ref ty, .. }) if ty == "Missing"
    ));
    let parsed = tlgen_parser::parse("a#1 x:Vector<int long> = A;");
    assert!(matches!(
        Schema::from_parsed(&parsed),
        Err(SchemaError::UnknownType { ref ty, ref reason, .. })
            if ty == "Vector<int long>"
                && reason.kind == tlgen_parser::resolve::ResolveErrorKind::VectorArity
                && reason.to_string() == "a vector takes exactly one type argument"
    ));
    let nine = (0..9)
        .map(|i| format!("f{i}:#"))
        .collect::<Vec<_>>()
        .join(" ");
    let text = format!("a#1 {nine} = A;");
    let parsed = tlgen_parser::parse(&text);
    assert!(matches!(
        Schema::from_parsed(&parsed),
        Err(SchemaError::TooManyFlagWords { .. })
    ));
}

#[test]
fn truncation_at_every_prefix_reports_the_offset() {
    let s = schema();
    let bytes = full_message_bytes();
    // Each field starts at a multiple of 4; `effect` is 8 bytes at 24.
    for cut in 0..bytes.len() {
        let err = s.decode(&bytes[..cut]).unwrap_err();
        let expected_offset = if cut >= 24 { 24 } else { cut / 4 * 4 };
        assert_eq!(err.offset(), expected_offset, "cut at {cut}: {err}");
        assert!(matches!(
            err.kind(),
            Some(DecodeErrorKind::UnexpectedEnd { .. })
        ));
    }
}

#[test]
fn hostile_bytes_are_errors_with_offsets() {
    let s = schema();
    // Unknown constructor.
    let err = s.decode(&words(&[0xdead_beef])).unwrap_err();
    assert_eq!(
        (err.offset(), err.to_string().contains("0xdeadbeef")),
        (0, true)
    );
    // A constructor of another type where InputPeer is expected.
    let err = s.decode_function(&words(&[5, 0x744694e0, 0])).unwrap_err();
    assert_eq!(err.offset(), 4);
    assert_eq!(
        err.cause(),
        &DecodeCause::UnexpectedConstructor {
            id: 0x744694e0,
            expected: "InputPeer".into()
        }
    );
    // A forged vector length of 2^31 - 1 and of -2^31.
    let ty = s.parse_type("Vector<int>").unwrap();
    for len in [0x7fff_ffff, 0x8000_0000] {
        let err = s
            .decode_as(&words(&[0x1cb5_c415, len, 1, 2]), &ty)
            .unwrap_err();
        assert_eq!(err.offset(), 4);
        assert_eq!(
            err.kind().unwrap(),
            &DecodeErrorKind::InvalidLength { len: len as usize }
        );
    }
    // Not the Vector id.
    let err = s.decode_as(&words(&[0x1cb5_c416, 0]), &ty).unwrap_err();
    assert_eq!(err.offset(), 0);
    // Invalid UTF-8 in a string: textPlain "\xff\xfe".
    let err = s
        .decode(&[0xe0, 0x94, 0x46, 0x74, 2, 0xff, 0xfe, 0])
        .unwrap_err();
    assert_eq!(
        (err.offset(), err.kind().unwrap()),
        (4, &DecodeErrorKind::InvalidUtf8)
    );
    // A bad length prefix.
    let err = s
        .decode(&[0xe0, 0x94, 0x46, 0x74, 0xff, 0, 0, 0])
        .unwrap_err();
    assert_eq!(
        (err.offset(), err.kind().unwrap()),
        (4, &DecodeErrorKind::InvalidLength { len: 255 })
    );
    // A string longer than the input.
    let err = s
        .decode(&[0xe0, 0x94, 0x46, 0x74, 0xfe, 0xff, 0xff, 0x7f, 0])
        .unwrap_err();
    assert_eq!(err.offset(), 4);
    // Trailing bytes.
    let mut bytes = words(&[0x7f3b_18ea, 0]);
    let err = s.decode(&bytes).unwrap_err();
    assert_eq!(
        (err.offset(), err.kind().unwrap()),
        (4, &DecodeErrorKind::TrailingBytes { count: 4 })
    );
    bytes.truncate(4);
    assert!(s.decode(&bytes).is_ok());
    // A bad Bool.
    let mut photo = words(&[2, 0, 0, 0]);
    photo.extend([0; 16 + 32 + 8]);
    photo.extend(words(&[7]));
    let err = s.decode(&photo).unwrap_err();
    assert_eq!(err.offset(), photo.len() - 4);
}

#[test]
fn deep_nesting_hits_the_reader_limit_not_the_stack() {
    let s = schema();
    let depth = 10_000;
    let mut bytes = words(&vec![0x6724_abc4; depth]);
    bytes.extend(words(&[0x7446_94e0, 0]));
    let err = s.decode(&bytes).unwrap_err();
    assert_eq!(err.kind().unwrap(), &DecodeErrorKind::TooDeep { limit: 64 });
    // The 65th object starts at byte 256; its id was read before the check.
    assert_eq!(err.offset(), 260);
    // Exactly at the limit it decodes.
    let mut ok = words(&vec![0x6724_abc4; 63]);
    ok.extend(words(&[0x7446_94e0, 0]));
    let value = s.decode(&ok).unwrap();
    assert_eq!(s.encode(&value).unwrap(), ok);
    // A reader with a lower limit.
    let mut r = Reader::with_max_depth(&ok, 10);
    let err = s.read(&mut r, &Type::OBJECT).unwrap_err();
    assert_eq!(err.kind().unwrap(), &DecodeErrorKind::TooDeep { limit: 10 });
    // Nested vectors count too.
    let ty = s.parse_type("Vector<Vector<Vector<int>>>").unwrap();
    let bytes = words(&[0x1cb5_c415, 1, 0x1cb5_c415, 1, 0x1cb5_c415, 0]);
    assert!(s.decode_as(&bytes, &ty).is_ok());
    let mut r = Reader::with_max_depth(&bytes, 2);
    let err = s.read(&mut r, &ty).unwrap_err();
    assert_eq!(err.kind().unwrap(), &DecodeErrorKind::TooDeep { limit: 2 });
}

#[test]
fn read_leaves_the_rest() {
    let s = schema();
    let bytes = words(&[0x7f3b_18ea, 99]);
    let mut r = Reader::new(&bytes);
    let value = s.read(&mut r, &Type::OBJECT).unwrap();
    assert_eq!(s.name_of(&value), Some("inputPeerEmpty"));
    assert_eq!(r.remaining(), 4);
}

fn encode_error(s: &Schema, value: &Value) -> (String, ValueErrorKind) {
    let err = s.encode(value).unwrap_err();
    (err.path().to_string(), err.kind().clone())
}

#[test]
fn encoding_checks_what_static_types_cannot() {
    let s = schema();
    // A missing required field.
    let v = obj(&s, "message", vec![None, None, None, None, None, None]);
    assert_eq!(
        encode_error(&s, &v),
        (
            "$.id".into(),
            ValueErrorKind::MissingField {
                definition: "message".into(),
                field: "id".into()
            }
        )
    );
    // The wrong kind.
    let v = obj(
        &s,
        "message",
        vec![None, Some(Value::Long(1)), None, None, None, None],
    );
    let (path, kind) = encode_error(&s, &v);
    assert_eq!(path, "$.id");
    assert_eq!(
        kind,
        ValueErrorKind::WrongKind {
            expected: "int".into(),
            found: "long".into()
        }
    );
    // A constructor of the wrong type, deep inside.
    let v = obj(
        &s,
        "getPeer",
        vec![Some(obj(
            &s,
            "textPlain",
            vec![Some(Value::String("x".into()))],
        ))],
    );
    let err = s.encode(&v).unwrap_err();
    assert_eq!(
        err.to_string(),
        "$.peer: expected InputPeer, found object textPlain"
    );
    let v = obj(
        &s,
        "wrap",
        vec![
            Some(obj(
                &s,
                "message",
                vec![None, Some(Value::Int(1)), None, None, None, None],
            )),
            Some(vector(vec![
                obj(
                    &s,
                    "message",
                    vec![None, Some(Value::Int(1)), None, None, None, None],
                ),
                Value::Int(3),
            ])),
            Some(vector(vec![])),
        ],
    );
    assert_eq!(encode_error(&s, &v).0, "$.list[1]");
    // A field index out of range or out of order.
    let message = def(&s, "message");
    for fields in [
        vec![(9, Value::Int(1))],
        vec![(1, Value::Int(1)), (1, Value::Int(1))],
    ] {
        let v = Value::Object {
            def: message,
            fields: fields.into(),
        };
        assert!(matches!(
            encode_error(&s, &v).1,
            ValueErrorKind::BadFieldIndex { fields: 6, .. }
        ));
        #[cfg(feature = "json")]
        {
            let err = s.to_json_string(&v, false).unwrap_err();
            assert_eq!(err.path().to_string(), "$", "{err}");
            assert!(
                matches!(err.kind(), ValueErrorKind::Invalid { reason, .. } if reason.contains("out of order or not below 6")),
                "{err}"
            );
        }
    }
    // `views` without `forwards`: both on flags.10.
    let v = obj(
        &s,
        "message",
        vec![
            None,
            Some(Value::Int(1)),
            Some(Value::Int(100)),
            None,
            None,
            None,
        ],
    );
    assert_eq!(
        encode_error(&s, &v),
        (
            "$.forwards".into(),
            ValueErrorKind::InconsistentFlag {
                definition: "message".into(),
                field: "forwards".into(),
                present: false,
                flag: "flags.10".into(),
                mate: "views".into()
            }
        )
    );
    // `forwards` without `views`.
    let v = obj(
        &s,
        "message",
        vec![
            None,
            Some(Value::Int(1)),
            None,
            Some(Value::Int(100)),
            None,
            None,
        ],
    );
    assert!(
        matches!(encode_error(&s, &v).1, ValueErrorKind::InconsistentFlag { present: true, ref field, .. } if field == "forwards")
    );
    // A `true` flag set while its bit-mate is absent, and the other way round.
    let v = obj(&s, "media", vec![Some(Value::Bool(true)), None]);
    assert_eq!(encode_error(&s, &v).0, "$.video");
    let photo = s
        .decode(&{
            let mut p = words(&[2, 0, 0, 0]);
            p.extend([0; 16 + 32 + 8]);
            p.extend(words(&[0x9972_75b5]));
            p
        })
        .unwrap();
    let v = obj(&s, "media", vec![None, Some(photo.clone())]);
    assert!(
        matches!(encode_error(&s, &v).1, ValueErrorKind::InconsistentFlag { ref field, ref mate, .. } if field == "video" && mate == "live")
    );
    let v = obj(&s, "media", vec![Some(Value::Bool(true)), Some(photo)]);
    let bytes = s.encode(&v).unwrap();
    assert_eq!(&bytes[..8], &words(&[4, 1 << 3])[..]);
    // A `true` flag given `false` is clear.
    let v = obj(
        &s,
        "message",
        vec![
            Some(Value::Bool(false)),
            Some(Value::Int(1)),
            None,
            None,
            None,
            None,
        ],
    );
    assert_eq!(s.encode(&v).unwrap(), words(&[1, 0, 1, 0]));
    // A value that is not an object at the top.
    assert_eq!(
        s.encode(&Value::Int(1)).unwrap_err().kind(),
        &ValueErrorKind::WrongKind {
            expected: "a constructor or function call".into(),
            found: "int".into(),
        }
    );
    // Too long for TL.
    let v = obj(
        &s,
        "textPlain",
        vec![Some(Value::String("x".repeat(1 << 24).into()))],
    );
    assert!(matches!(encode_error(&s, &v).1, ValueErrorKind::TooLong { len } if len == 1 << 24));
    // A failed write leaves the buffer as it was.
    let mut out = vec![1, 2, 3];
    assert_eq!(
        s.write(&Value::Int(1), &Type::OBJECT, &mut out)
            .unwrap_err()
            .kind(),
        &ValueErrorKind::WrongKind {
            expected: "a constructor or function call".into(),
            found: "int".into(),
        }
    );
    assert_eq!(out, [1, 2, 3]);
}

#[test]
fn objects_know_their_names() {
    let s = schema();
    let d = def(&s, "payments.sendStarsForm");
    let definition = s.definition(d).unwrap();
    assert_eq!(definition.name(), "payments.sendStarsForm");
    assert_eq!(definition.id(), 0x7998_c914);
    assert!(definition.is_function());
    assert_eq!(s.by_id(0x7998_c914), Some(d));
    let names: Vec<&str> = definition.fields().iter().map(|f| f.name()).collect();
    assert_eq!(names, ["form_id", "invoice"]);
    let message = s.definition(def(&s, "message")).unwrap();
    assert!(message.fields()[0].is_true_flag());
    assert!(message.fields()[2].is_optional() && !message.fields()[1].is_optional());
    assert_eq!(s.name(d), "payments.sendStarsForm");
    assert_eq!(s.name_of(&Value::Int(1)), None);
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    /// Random bytes never panic; whatever decodes re-encodes to bytes that decode the same.
    #[test]
    fn random_bytes_never_panic(
        prefix in prop::sample::select(vec![0u32, 1, 2, 3, 4, 0xae50_0895, 0xda9b_0d0d, 0x6724_abc4, 0x1cb5_c415]),
        tail in prop::collection::vec(any::<u8>(), 0..96),
    ) {
        let s = schema();
        let mut bytes = prefix.to_le_bytes().to_vec();
        bytes.extend(&tail);
        let types = [Type::OBJECT, Type::FUNCTION, s.parse_type("Vector<Message>").unwrap(), s.parse_type("%Message").unwrap()];
        for ty in &types {
            for input in [&bytes[..], &tail[..]] {
                if let Ok(value) = s.decode_as(input, ty) {
                    let again = s.encode_as(&value, ty).unwrap();
                    let value2 = s.decode_as(&again, ty).unwrap();
                    prop_assert_eq!(s.encode_as(&value2, ty).unwrap(), again);
                }
            }
        }
    }
}
