//! What the real libtdjson 1.8.61 sends offline, through the typed client and the generated
//! bindings (`tlgen-tdlib`): the answers of synchronous functions (`td_execute`), of the
//! `testCall*` functions (`td_send`, matched by `@extra`), and the updates after
//! `setTdlibParameters` with a temporary directory and the test DC. Each decodes into typed
//! values, and those re-encode to JSON equal (as a JSON value) to TDLib's own text.
//! TDLib's answers are the goldens; the typed values are also checked field by field.

mod common;

use std::time::{Duration, Instant};

use serde_json::Value;
use tlgen_runtime::json::{self, TdFunction, TdJson};
use tlgen_tdjson::{Error, Tdjson};
use tlgen_tdlib::{enums, functions, types, Object};

const WAIT: Duration = Duration::from_secs(60);

fn value(text: &str) -> Value {
    serde_json::from_str(text).unwrap_or_else(|error| panic!("not JSON ({error}): {text}"))
}

/// `text` (what TDLib sent) decoded as `T`, after checking that `T` writes it back equal.
fn decode_exactly<T: TdJson>(text: &str) -> T {
    let typed: T =
        json::from_str(text).unwrap_or_else(|error| panic!("cannot decode ({error}): {text}"));
    assert_eq!(
        value(&json::to_string(&typed)),
        common::without_envelope(value(text)),
        "re-encoded differently"
    );
    typed
}

/// Runs `function` through `td_execute` twice — raw and typed — and checks both ways agree.
fn execute<F: TdFunction>(tdjson: Tdjson, function: &F) -> F::Return
where
    F::Return: PartialEq + std::fmt::Debug,
{
    let raw = tdjson
        .execute_raw(&json::to_string(function))
        .expect("td_execute answers");
    let decoded: F::Return = decode_exactly(&raw);
    let typed = tdjson
        .execute(function)
        .unwrap_or_else(|error| panic!("{}: {error}", F::TYPE_NAME));
    assert_eq!(typed, decoded);
    typed
}

#[test]
fn synchronous_answers_decode_and_re_encode_equal() {
    let Some(tdjson) = common::tdjson() else {
        return;
    };

    let enums::TextEntities::TextEntities(found) = execute(
        tdjson,
        &functions::GetTextEntities {
            text: "@telegram /start #tl https://telegram.org".into(),
        },
    ) else {
        panic!("unexpected constructor")
    };
    let kinds: Vec<(i32, i32, &str)> = found
        .entities
        .iter()
        .map(|entity| {
            let kind = match &entity.r#type {
                enums::TextEntityType::Mention(_) => "mention",
                enums::TextEntityType::BotCommand(_) => "bot_command",
                enums::TextEntityType::Hashtag(_) => "hashtag",
                enums::TextEntityType::Url(_) => "url",
                _ => "other",
            };
            (entity.offset, entity.length, kind)
        })
        .collect();
    assert_eq!(
        kinds,
        [
            (0, 9, "mention"),
            (10, 6, "bot_command"),
            (17, 3, "hashtag"),
            (21, 20, "url")
        ]
    );

    let markdown = enums::TextParseMode::Markdown(types::TextParseModeMarkdown { version: 2 });
    let enums::FormattedText::FormattedText(parsed) = execute(
        tdjson,
        &functions::ParseTextEntities {
            text: "*bold* _italic_ `code` [link](https://t.me) ünïcödé 🌍".into(),
            parse_mode: markdown,
        },
    ) else {
        panic!("unexpected constructor")
    };
    assert_eq!(parsed.text, "bold italic code link ünïcödé 🌍");
    assert_eq!(parsed.entities.len(), 4);
    assert!(matches!(
        parsed.entities[0].r#type,
        enums::TextEntityType::Bold(_)
    ));

    let html = enums::TextParseMode::Html(types::TextParseModeHtml {});
    let enums::FormattedText::FormattedText(from_html) = execute(
        tdjson,
        &functions::ParseTextEntities {
            text: "<b>a</b> <pre><code class=\"language-rust\">fn</code></pre>".into(),
            parse_mode: html,
        },
    ) else {
        panic!("unexpected constructor")
    };
    assert_eq!(from_html.text, "a fn");
    assert!(
        matches!(&from_html.entities[1].r#type, enums::TextEntityType::PreCode(code) if code.language == "rust")
    );

    let enums::FormattedText::FormattedText(markdown_text) = execute(
        tdjson,
        &functions::GetMarkdownText {
            text: parsed.clone(),
        },
    ) else {
        panic!("unexpected constructor")
    };
    assert!(
        markdown_text.text.starts_with("**bold**"),
        "{markdown_text:?}"
    );

    let json_value = execute(
        tdjson,
        &functions::GetJsonValue {
            json: r#"{"a":[1,2.5,-3e3,true,null,"ü"],"b":{"c":""},"d":9007199254740993}"#.into(),
        },
    );
    let enums::JsonValue::Object(object) = &json_value else {
        panic!("not an object: {json_value:?}")
    };
    assert_eq!(object.members.len(), 3);
    // And back to text by TDLib.
    let enums::Text::Text(text) = execute(
        tdjson,
        &functions::GetJsonString {
            json_value: json_value.clone(),
        },
    ) else {
        panic!("unexpected constructor")
    };
    // TDLib writes every JSON number as a double with six decimals (and 2^53 + 1 is not one).
    assert_eq!(
        text.text,
        r#"{"a":[1.000000,2.500000,-3000.000000,true,null,"\u00fc"],"b":{"c":""},"d":9007199254740992.000000}"#
    );

    for name in ["version", "commit_hash"] {
        let option = execute(tdjson, &functions::GetOption { name: name.into() });
        match (name, &option) {
            ("version", enums::OptionValue::String(v)) => assert_eq!(v.value, "1.8.61"),
            ("commit_hash", enums::OptionValue::String(v)) => {
                assert_eq!(v.value, "6d509061574d684117f74133056aa43df89022fc")
            }
            _ => panic!("{name}: {option:?}"),
        }
    }
    execute(tdjson, &functions::GetLogVerbosityLevel {});
    execute(tdjson, &functions::GetLogTags {});
    execute(
        tdjson,
        &functions::GetCountryFlagEmoji {
            country_code: "UA".into(),
        },
    );
    execute(
        tdjson,
        &functions::GetFileMimeType {
            file_name: "a.png".into(),
        },
    );
    execute(
        tdjson,
        &functions::CleanFileName {
            file_name: "a/b:c?.txt".into(),
        },
    );
    execute(
        tdjson,
        &functions::GetPhoneNumberInfoSync {
            language_code: "en".into(),
            phone_number_prefix: "+4479".into(),
        },
    );
    execute(
        tdjson,
        &functions::SearchStringsByPrefix {
            strings: vec!["Привет".into(), "world".into()],
            query: "пр".into(),
            limit: 10,
            return_none_for_empty_query: false,
        },
    );

    // TDLib's error is Error::Td, with its code and message.
    match tdjson.execute(&functions::GetMe {}) {
        Err(Error::Td(error)) => assert!(
            error.message.contains("synchronously") || error.code == 400,
            "{error:?}"
        ),
        other => panic!("getMe is not synchronous: {other:?}"),
    }
    match tdjson.execute(&functions::ParseTextEntities {
        text: "*unclosed".into(),
        parse_mode: enums::TextParseMode::Markdown(types::TextParseModeMarkdown { version: 2 }),
    }) {
        Err(Error::Td(error)) => assert_eq!(error.code, 400, "{error:?}"),
        other => panic!("bad markdown is refused: {other:?}"),
    }
}

#[test]
fn test_calls_are_matched_by_extra_and_decode() {
    let Some(tdjson) = common::tdjson() else {
        return;
    };
    let client = tdjson.create_client();

    // All in flight at once, then waited for in reverse: matching is by @extra, not order.
    let empty = client.send(&functions::TestCallEmpty {}).unwrap();
    let string = client
        .send(&functions::TestCallString {
            x: "ünïcödé 🌍 \"q\" \\".into(),
        })
        .unwrap();
    let bytes = client
        .send(&functions::TestCallBytes {
            x: vec![0, 1, 2, 254, 255],
        })
        .unwrap();
    let ints = client
        .send(&functions::TestCallVectorInt {
            x: vec![0, -1, i32::MAX, i32::MIN],
        })
        .unwrap();
    let int_objects = client
        .send(&functions::TestCallVectorIntObject {
            x: vec![types::TestInt { value: 7 }, types::TestInt { value: -7 }],
        })
        .unwrap();
    let strings = client
        .send(&functions::TestCallVectorString {
            x: vec![String::new(), "x".repeat(5000)],
        })
        .unwrap();
    let string_objects = client
        .send(&functions::TestCallVectorStringObject {
            x: vec![types::TestString { value: "a".into() }],
        })
        .unwrap();
    let squares: Vec<_> = (0..20)
        .map(|x| (x, client.send(&functions::TestSquareInt { x }).unwrap()))
        .collect();
    let error = client
        .send(&functions::TestReturnError {
            error: types::Error {
                code: 418,
                message: "teapot".into(),
            },
        })
        .unwrap();

    for (x, square) in squares.into_iter().rev() {
        assert_eq!(
            square.wait_timeout(WAIT).unwrap(),
            enums::TestInt::TestInt(types::TestInt { value: x * x })
        );
    }
    assert!(
        matches!(error.wait_timeout(WAIT), Err(Error::Td(e)) if e.code == 418 && e.message == "teapot")
    );
    assert_eq!(
        string_objects.wait_timeout(WAIT).unwrap(),
        enums::TestVectorStringObject::TestVectorStringObject(types::TestVectorStringObject {
            value: vec![types::TestString { value: "a".into() }]
        })
    );
    assert_eq!(
        strings.wait_timeout(WAIT).unwrap(),
        enums::TestVectorString::TestVectorString(types::TestVectorString {
            value: vec![String::new(), "x".repeat(5000)]
        })
    );
    assert_eq!(
        int_objects.wait_timeout(WAIT).unwrap(),
        enums::TestVectorIntObject::TestVectorIntObject(types::TestVectorIntObject {
            value: vec![types::TestInt { value: 7 }, types::TestInt { value: -7 }]
        })
    );
    assert_eq!(
        ints.wait_timeout(WAIT).unwrap(),
        enums::TestVectorInt::TestVectorInt(types::TestVectorInt {
            value: vec![0, -1, i32::MAX, i32::MIN]
        })
    );
    assert_eq!(
        bytes.wait().unwrap(),
        enums::TestBytes::TestBytes(types::TestBytes {
            value: vec![0, 1, 2, 254, 255]
        })
    );
    assert_eq!(
        string.wait().unwrap(),
        enums::TestString::TestString(types::TestString {
            value: "ünïcödé 🌍 \"q\" \\".into()
        })
    );
    assert_eq!(empty.wait().unwrap(), enums::Ok::Ok(types::Ok {}));

    // The raw answers re-encode equal, too.
    for request in [
        r#"{"@type":"testCallBytes","x":"AAEC/v8="}"#,
        r#"{"@type":"testCallVectorIntObject","x":[{"@type":"testInt","value":5}]}"#,
        r#"{"@type":"testCallString","x":"\u00fc\ud83c\udf0d"}"#,
    ] {
        let answer = client
            .send_raw(request)
            .unwrap()
            .wait_timeout(WAIT)
            .unwrap();
        decode_exactly::<Object>(&answer);
    }
    client.close(WAIT).unwrap();
}

#[test]
fn updates_after_set_tdlib_parameters_decode_and_re_encode_equal() {
    let Some(tdjson) = common::tdjson() else {
        return;
    };
    let dir = tempfile::tempdir().expect("temporary directory");
    let client = tdjson.create_client();
    let parameters = functions::SetTdlibParameters {
        use_test_dc: true,
        database_directory: dir.path().join("db").to_str().unwrap().into(),
        files_directory: dir.path().join("files").to_str().unwrap().into(),
        database_encryption_key: Vec::new(),
        use_file_database: false,
        use_chat_info_database: false,
        use_message_database: false,
        use_secret_chats: false,
        // Not real credentials: TDLib checks only their form until it reaches the network.
        api_id: 12345,
        api_hash: "0123456789abcdef0123456789abcdef".into(),
        system_language_code: "en".into(),
        device_model: "tlgen-tdjson test".into(),
        system_version: String::new(),
        application_version: "0.1".into(),
    };
    let answer = client.send(&parameters).unwrap();

    let mut states = Vec::new();
    let mut updates = 0;
    let deadline = Instant::now() + WAIT;
    while !states.contains(&"waitPhoneNumber") {
        let left = deadline.saturating_duration_since(Instant::now());
        let Some(update) = client.receive_raw(left).unwrap() else {
            panic!("no waitPhoneNumber within {WAIT:?}: {states:?}")
        };
        assert_eq!(value(&update)["@client_id"], client.id());
        let typed: Object = decode_exactly(&update);
        updates += 1;
        match typed {
            Object::UpdateAuthorizationState(update) => {
                states.push(match update.authorization_state {
                    enums::AuthorizationState::WaitTdlibParameters(_) => "waitTdlibParameters",
                    enums::AuthorizationState::WaitPhoneNumber(_) => "waitPhoneNumber",
                    other => panic!("unexpected state offline: {other:?}"),
                })
            }
            Object::Unknown(unknown) => {
                panic!("the 1.8.61 bindings do not know {}", unknown.type_name())
            }
            _ => {}
        }
    }
    assert_eq!(states, ["waitTdlibParameters", "waitPhoneNumber"]);
    assert!(
        updates > 2,
        "TDLib sends options and more before: {updates}"
    );
    assert_eq!(
        answer.wait_timeout(WAIT).unwrap(),
        enums::Ok::Ok(types::Ok {})
    );

    // Typed receive: the next updates (if any) decode too.
    while let Some(update) = client
        .receive::<Object>(Duration::from_millis(300))
        .unwrap()
    {
        assert!(!matches!(update, Object::Unknown(_)), "{update:?}");
    }
    client.close(WAIT).expect("closed");
}
