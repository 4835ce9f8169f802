//! The bindings against TDLib 1.8.61's own output: every line the real `libtdjson` wrote in
//! an offline session (`fixtures/`, see its README) decodes into a typed value and encodes
//! back to the same JSON; requests TDLib accepted encode to the same JSON; a newer TDLib's
//! output (extra fields, unknown constructors) still decodes; a missing required field is an
//! error naming its JSON path.

use serde_json::Value;
use tlgen_runtime::json::{from_str, to_string, JsonErrorKind};
use tlgen_tdlib::{enums, functions, types, Object};

const OFFLINE: &str = include_str!("fixtures/tdlib-1.8.61-offline.jsonl");
const REQUESTS: &str = include_str!("fixtures/tdlib-1.8.61-requests.jsonl");

/// Whether two JSON texts mean the same: numbers compared as numbers (TDLib writes a
/// `double` as `1.000000`), strings after unescaping (TDLib writes `\u00e9`), objects as
/// key sets; `@client_id` and `@extra` at the top of `tdlib`'s line left out (they are the
/// envelope, not the object).
fn same_json(tdlib: &str, ours: &str) -> bool {
    let mut tdlib: Value = serde_json::from_str(tdlib).expect("TDLib's line is JSON");
    let ours: Value = serde_json::from_str(ours).expect("our output is JSON");
    if let Value::Object(map) = &mut tdlib {
        map.remove("@client_id");
        map.remove("@extra");
    }
    equal(&tdlib, &ours)
}

fn equal(a: &Value, b: &Value) -> bool {
    match (a, b) {
        (Value::Number(x), Value::Number(y)) => x.as_f64() == y.as_f64(),
        (Value::Array(x), Value::Array(y)) => {
            x.len() == y.len() && x.iter().zip(y).all(|(x, y)| equal(x, y))
        }
        (Value::Object(x), Value::Object(y)) => {
            x.len() == y.len() && x.iter().all(|(k, v)| y.get(k).is_some_and(|w| equal(v, w)))
        }
        _ => a == b,
    }
}

#[test]
fn every_line_tdlib_wrote_decodes_and_encodes_back() {
    let mut count = 0;
    for line in OFFLINE.lines().filter(|l| !l.trim().is_empty()) {
        let object: Object = from_str(line).unwrap_or_else(|e| panic!("{line}: {e}"));
        assert!(
            !matches!(object, Object::Unknown(_)),
            "a 1.8.61 object decoded as Unknown: {line}"
        );
        let again = to_string(&object);
        assert!(same_json(line, &again), "\nTDLib: {line}\nours:  {again}");
        count += 1;
    }
    assert_eq!(count, 133);
}

#[test]
fn typed_values_are_what_tdlib_said() {
    // int64 as a string, into an i64.
    let line = r#"{"@type":"updateOption","name":"anti_spam_bot_user_id","value":{"@type":"optionValueInteger","value":"2200583762"},"@client_id":1}"#;
    let update: enums::Update = from_str(line).unwrap();
    let enums::Update::Option(option) = update else {
        panic!("{update:?}")
    };
    assert_eq!(option.name, "anti_spam_bot_user_id");
    assert!(matches!(
        option.value,
        enums::OptionValue::Integer(types::OptionValueInteger { value: 2200583762 })
    ));
    // "The new default background; may be null": absent, so None, and left out again.
    let line = r#"{"@type":"updateDefaultBackground","for_dark_theme":true,"@client_id":1}"#;
    let update: enums::Update = from_str(line).unwrap();
    let enums::Update::DefaultBackground(background) = &update else {
        panic!("{update:?}")
    };
    assert!(background.for_dark_theme);
    assert!(background.background.is_none());
    assert_eq!(
        to_string(&update),
        r#"{"@type":"updateDefaultBackground","for_dark_theme":true}"#
    );
    // bytes as base64.
    let bytes: types::TestBytes = from_str(r#"{"@type":"testBytes","value":"AAEC"}"#).unwrap();
    assert_eq!(bytes.value, [0, 1, 2]);
    // A double written with six decimals; unicode escapes.
    let value: enums::JsonValue =
        from_str(r#"{"@type":"jsonValueNumber","value":2.500000}"#).unwrap();
    assert!(
        matches!(value, enums::JsonValue::Number(types::JsonValueNumber { value }) if value == 2.5)
    );
    let text: types::Text =
        from_str(r#"{"@type":"text","text":"\ud83c\udde9\ud83c\uddea"}"#).unwrap();
    assert_eq!(text.text, "🇩🇪");
    // "Information about the country …; may be null": present here.
    let info: types::PhoneNumberInfo = from_str(r#"{"@type":"phoneNumberInfo","country":{"@type":"countryInfo","country_code":"DE","name":"Germany","english_name":"Germany","is_hidden":false,"calling_codes":["49"]},"country_calling_code":"49","formatted_phone_number":"15","is_anonymous":false}"#).unwrap();
    assert_eq!(
        info.country.map(|c| c.calling_codes),
        Some(vec!["49".to_owned()])
    );
}

#[test]
fn requests_encode_as_tdlib_accepted_them() {
    let requests: Vec<&str> = REQUESTS.lines().collect();
    let ours = [
        to_string(&functions::SetLogVerbosityLevel {
            new_verbosity_level: 0,
        }),
        to_string(&functions::GetTextEntities {
            text: "@telegram /test_command https://telegram.org telegram.me @gif @test".into(),
        }),
        to_string(&functions::ParseTextEntities {
            text: "*bold* _italic_ `code`".into(),
            parse_mode: enums::TextParseMode::Markdown(types::TextParseModeMarkdown { version: 2 }),
        }),
        to_string(&functions::GetJsonValue {
            json: r#"{"a":[1,2.5,true,null,"x"]}"#.into(),
        }),
        to_string(&functions::GetMarkdownText {
            text: types::FormattedText {
                text: "bold".into(),
                entities: vec![types::TextEntity {
                    offset: 0,
                    length: 4,
                    r#type: enums::TextEntityType::Bold(types::TextEntityTypeBold {}),
                }],
            },
        }),
        to_string(&functions::GetFileMimeType {
            file_name: "a.png".into(),
        }),
        to_string(&functions::GetOption {
            name: "version".into(),
        }),
        to_string(&functions::SearchStringsByPrefix {
            strings: vec!["abc".into(), "abd".into()],
            query: "ab".into(),
            limit: 10,
            return_none_for_empty_query: false,
        }),
        to_string(&functions::GetCountryFlagEmoji {
            country_code: "DE".into(),
        }),
        to_string(&functions::GetPhoneNumberInfoSync {
            language_code: "en".into(),
            phone_number_prefix: "+4915".into(),
        }),
    ];
    assert_eq!(requests.len(), ours.len());
    for (tdlib, ours) in requests.iter().zip(&ours) {
        assert!(
            same_json(tdlib, ours),
            "\naccepted: {tdlib}\nours:     {ours}"
        );
    }
    // int64 is a string; int53 a number; the `@type` is the function's name.
    assert_eq!(
        to_string(&functions::GetStickerSet { set_id: -1 }),
        r#"{"@type":"getStickerSet","set_id":"-1"}"#
    );
    assert_eq!(
        to_string(&functions::GetMessage {
            chat_id: -1001234567890,
            message_id: 1 << 20,
        }),
        r#"{"@type":"getMessage","chat_id":-1001234567890,"message_id":1048576}"#
    );
}

#[test]
fn a_newer_tdlib_still_decodes() {
    // An extra field, anywhere.
    let line = r#"{"@type":"textEntity","offset":0,"new_in_2030":{"a":[1,{"b":null}]},"length":4,"type":{"@type":"textEntityTypeBold","more":"x"}}"#;
    let entity: types::TextEntity = from_str(line).unwrap();
    assert_eq!((entity.offset, entity.length), (0, 4));
    // An unknown constructor of a known type, inside a known update: kept, written back.
    let line = r#"{"@type":"updateConnectionState","state":{"@type":"connectionStateTeleporting","eta":{"@type":"x"},"n":[1,2]}}"#;
    let update: enums::Update = from_str(line).unwrap();
    let enums::Update::ConnectionState(state) = &update else {
        panic!("{update:?}")
    };
    let enums::ConnectionState::Unknown(unknown) = &state.state else {
        panic!("{state:?}")
    };
    assert_eq!(unknown.type_name(), "connectionStateTeleporting");
    assert_eq!(to_string(&update), line);
    // An unknown update: `Unknown` of `Update`, and of `Object`.
    let line = r#"{"@type":"updateQuantumEntanglement","chat_id":1,"@client_id":1}"#;
    let update: enums::Update = from_str(line).unwrap();
    assert!(
        matches!(&update, enums::Update::Unknown(u) if u.type_name() == "updateQuantumEntanglement")
    );
    let object: Object = from_str(line).unwrap();
    assert!(matches!(&object, Object::Unknown(u) if u.type_name() == "updateQuantumEntanglement"));
    // `fileTypeUnknown` is a real constructor: its variant is `Unknown`, the unknown one's
    // is named otherwise.
    let known: enums::FileType = from_str(r#"{"@type":"fileTypeUnknown"}"#).unwrap();
    assert!(matches!(
        known,
        enums::FileType::Unknown(types::FileTypeUnknown {})
    ));
    let newer: enums::FileType = from_str(r#"{"@type":"fileTypeHologram"}"#).unwrap();
    assert!(matches!(newer, enums::FileType::UnknownConstructor(_)));
}

#[test]
fn a_missing_required_field_names_its_path() {
    let error = from_str::<types::FormattedText>(
        r#"{"@type":"formattedText","text":"x","entities":[{"@type":"textEntity","offset":0,"type":{"@type":"textEntityTypeBold"}}]}"#,
    )
    .unwrap_err();
    assert_eq!(error.path(), "$.entities[0].length");
    assert!(matches!(error.kind(), JsonErrorKind::MissingField { .. }));
    let error = from_str::<enums::Update>(
        r#"{"@type":"updateNewMessage","message":{"@type":"message","id":1,"chat_id":2}}"#,
    )
    .unwrap_err();
    assert!(error.path().starts_with("$.message."), "{error}");
    // Through `Object`, the same path.
    let error =
        from_str::<Object>(r#"{"@type":"updateAuthorizationState","@client_id":1}"#).unwrap_err();
    assert_eq!(error.path(), "$.authorization_state");
}

#[test]
fn answers_have_their_functions_types() {
    use tlgen_runtime::json::TdFunction;
    fn returns<F: TdFunction>() -> &'static str {
        std::any::type_name::<F::Return>()
    }
    assert!(returns::<functions::GetMe>().ends_with("enums::User"));
    assert!(returns::<functions::GetTextEntities>().ends_with("enums::TextEntities"));
    assert_eq!(<functions::GetMe as TdFunction>::TYPE_NAME, "getMe");
    // "messages may be null": `getMessages` answers `null` for a message it cannot find.
    let messages: types::Messages =
        from_str(r#"{"@type":"messages","total_count":2,"messages":[null,null]}"#).unwrap();
    assert!(messages.messages.len() == 2 && messages.messages.iter().all(Option::is_none));
}

/// `PartialEq` comes with the `eq` feature (off by default: it is a large part of the build).
#[cfg(feature = "eq")]
#[test]
fn values_compare_with_the_eq_feature() {
    let line = r#"{"@type":"formattedText","text":"hi","entities":[]}"#;
    let a: types::FormattedText = from_str(line).unwrap();
    let b: Object = from_str(line).unwrap();
    assert_eq!(Object::FormattedText(Box::new(a.clone())), b);
    assert_ne!(a, types::FormattedText::default());
}

/// `Debug` is the value's JSON (one call per type instead of a derived body), with
/// characters shown rather than `\u`-escaped; `{:#?}` indents it. Enums and the roots print
/// the constructor they hold.
#[test]
fn debug_prints_the_json_with_characters_shown() {
    let line = r#"{"@type":"formattedText","text":"Привет \ud83d\ude00","entities":[]}"#;
    let text: types::FormattedText = from_str(line).expect("a formattedText");
    assert_eq!(
        format!("{text:?}"),
        r#"{"@type":"formattedText","text":"Привет 😀","entities":[]}"#
    );
    assert_eq!(
        format!("{text:#?}"),
        "{\n  \"@type\": \"formattedText\",\n  \"text\": \"Привет 😀\",\n  \"entities\": []\n}"
    );
    let object: Object = from_str(r#"{"@type":"ok"}"#).expect("an ok");
    assert_eq!(format!("{object:?}"), r#"{"@type":"ok"}"#);
    let state: enums::AuthorizationState =
        from_str(r#"{"@type":"authorizationStateWaitPhoneNumber"}"#).expect("a state");
    assert_eq!(
        format!("{state:?}"),
        r#"{"@type":"authorizationStateWaitPhoneNumber"}"#
    );
}
