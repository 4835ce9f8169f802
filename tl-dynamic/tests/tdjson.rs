//! TDLib's and tonlib's JSON read and written against a schema loaded at run time.
//!
//! Goldens: `fixtures/tdlib/real_output.jsonl` holds lines the real `libtdjson` 1.8.61
//! wrote (see the folder's README); the requests below were each sent to that library,
//! and the comment beside them says what it answered.
#![cfg(feature = "json")]

use serde_json::Value as Json;
use tlgen_dynamic::{Schema, TdDialect, TdJsonOptions, Type, Value, ValueErrorKind};

const TD_API: &str = include_str!("fixtures/tdlib/td_api_excerpt.tl");
const REAL_OUTPUT: &str = include_str!("fixtures/tdlib/real_output.jsonl");
const TONLIB_API: &str = include_str!("../../tl-parser/tests/fixtures/ton/tonlib_api.tl");

fn td_api() -> Schema {
    Schema::from_source(TD_API).expect("the td_api excerpt builds")
}

fn tdlib() -> TdJsonOptions {
    TdJsonOptions::new(TdDialect::Tdlib)
}

/// The error (its `Display`: path and message) of reading `line` as any object.
fn error(schema: &Schema, line: &str) -> String {
    schema
        .from_td_json_str(line, &Type::OBJECT, tdlib())
        .expect_err(line)
        .to_string()
}

#[test]
fn every_real_line_reads_and_writes_back_as_tdlib_wrote_it() {
    let schema = td_api();
    // The fixture holds what makes TDLib's text TDLib's: doubles, non-ASCII text.
    assert!(REAL_OUTPUT.contains("1.500000"));
    assert!(REAL_OUTPUT.contains("123456789012345677877719597056.000000"));
    assert!(REAL_OUTPUT.contains("\\u"));
    let mut count = 0;
    for line in REAL_OUTPUT.lines().filter(|l| !l.is_empty()) {
        let read = schema
            .from_td_json_str(line, &Type::OBJECT, tdlib().strict(true))
            .unwrap_or_else(|e| panic!("{line}: {e}"));
        assert!(read.warnings.is_empty());
        let written = schema
            .td_json(&read.value, TdDialect::Tdlib)
            .with_extra(read.extra.as_ref(), read.client_id)
            .to_json_string()
            .unwrap();
        // Byte for byte: doubles with six decimals, non-ASCII as \uXXXX, int64 strings.
        assert_eq!(written, line);
        count += 1;
    }
    assert_eq!(count, 44);
}

#[test]
fn golden_lines_written_exactly() {
    let schema = td_api();
    // Written by libtdjson 1.8.61 for `{"@type":"testCallVectorIntObject", ...}`-like calls.
    for line in [
        r#"{"@type":"updateOption","name":"anti_spam_bot_user_id","value":{"@type":"optionValueInteger","value":"2200583762"},"@client_id":1}"#,
        r#"{"@type":"updateGroupCallMessageLevels","levels":[{"@type":"groupCallMessageLevel","min_star_count":0,"pin_duration":0,"max_text_length":30,"max_custom_emoji_count":0,"first_color":9788635,"second_color":9788635,"background_color":4786075}],"@client_id":1}"#,
        r#"{"@type":"testVectorStringObject","value":[{"@type":"testString","value":"a"}],"@extra":3,"@client_id":1}"#,
        r#"{"@type":"testBytes","value":"AAH/","@extra":4,"@client_id":1}"#,
        r#"{"@type":"updateDefaultBackground","for_dark_theme":true,"@client_id":1}"#,
        r#"{"@type":"ok","@extra":{"n":1},"@client_id":1}"#,
    ] {
        let read = schema
            .from_td_json_str(line, &Type::OBJECT, tdlib())
            .unwrap();
        let written = schema
            .td_json(&read.value, TdDialect::Tdlib)
            .with_extra(read.extra.as_ref(), read.client_id)
            .to_json_string()
            .unwrap();
        assert_eq!(written, line);
    }
}

#[test]
fn values_take_their_tl_types() {
    let schema = td_api();
    let line = r#"{"@type":"updateOption","name":"unix_time","value":{"@type":"optionValueInteger","value":"1796649208"},"@client_id":1}"#;
    let read = schema
        .from_td_json_str(line, &Type::OBJECT, tdlib())
        .unwrap();
    assert_eq!(read.client_id, Some(1));
    assert_eq!(read.extra, None);
    assert_eq!(schema.name_of(&read.value), Some("updateOption"));
    assert_eq!(
        read.value.field(0),
        Some(&Value::String("unix_time".into()))
    );
    let option = read.value.field(1).unwrap();
    assert_eq!(schema.name_of(option), Some("optionValueInteger"));
    // `optionValueInteger value:int64`: a string in, an i64 out.
    assert_eq!(option.field(0), Some(&Value::Long(1_796_649_208)));

    // `testBytes value:bytes`: base64 "AAH/" is 00 01 ff.
    let read = schema
        .from_td_json_str(
            r#"{"@type":"testBytes","value":"AAH/"}"#,
            &Type::OBJECT,
            tdlib(),
        )
        .unwrap();
    assert_eq!(
        read.value.field(0),
        Some(&Value::Bytes([0, 1, 0xff].into()))
    );

    // `updateDefaultBackground for_dark_theme:Bool background:background`, whose doc says
    // "The new default background; may be null": absent, so no field 1.
    let read = schema
        .from_td_json_str(
            r#"{"@type":"updateDefaultBackground","for_dark_theme":false}"#,
            &Type::OBJECT,
            tdlib(),
        )
        .unwrap();
    assert_eq!(read.value.field(0), Some(&Value::Bool(false)));
    assert_eq!(read.value.field(1), None);
    // `null` reads the same.
    let with_null = schema
        .from_td_json_str(
            r#"{"@type":"updateDefaultBackground","for_dark_theme":false,"background":null}"#,
            &Type::OBJECT,
            tdlib(),
        )
        .unwrap();
    assert_eq!(with_null.value, read.value);
}

/// Requests each sent to libtdjson 1.8.61 with `td_execute`: it parsed every one (it
/// answered something other than "Failed to parse JSON object as TDLib request").
#[test]
fn what_tdlib_accepts_as_a_request_reads() {
    let schema = td_api();
    for line in [
        // The lenient forms TDLib reads: an int32 as a string, an int64 as a number, a
        // Bool as a number, no @type for a concrete type, the numeric id as @type.
        r#"{"@type":"testSquareInt","x":"7"}"#,
        r#"{"@type":"testCallVectorInt","x":[1,"2",3]}"#,
        r#"{"@type":"testCallVectorIntObject","x":[{"@type":"testInt","value":1},{"value":2}]}"#,
        r#"{"@type":"testCallVectorStringObject","x":[{"value":"a"}]}"#,
        r#"{"@type":"testCallBytes","x":"AAE="}"#,
        r#"{"@type":"testCallString","x":"h\u00e9llo"}"#,
        r#"{"@type":"testCallVectorString","x":["a"],"@extra":{"k":[1,2]}}"#,
        r#"{"@type":"getTextEntities","text":"@telegram /test_command https://telegram.org telegram.me"}"#,
        r#"{"@type":"parseTextEntities","text":"*bold* _it_","parse_mode":{"@type":"textParseModeMarkdown","version":2}}"#,
        r#"{"@type":"getMarkdownText","text":{"@type":"formattedText","text":"bold","entities":[{"@type":"textEntity","offset":0,"length":4,"type":{"@type":"textEntityTypeBold"}}]}}"#,
        r#"{"@type":"getMarkdownText","text":{"text":"b","entities":[{"offset":"0","length":1,"type":{"@type":"textEntityTypeBold"}}]}}"#,
        r#"{"@type":"getJsonString","json_value":{"@type":"jsonValueNumber","value":1e-7}}"#,
        r#"{"@type":"getOption","name":"version"}"#,
    ] {
        let read = schema
            .from_td_json_str(line, &Type::FUNCTION, tdlib().strict(true))
            .unwrap_or_else(|e| panic!("{line}: {e}"));
        assert!(read.warnings.is_empty(), "{line}");
    }
    // testSquareInt's id, 0x3ce4ae4c... is whatever CRC32 gives: the numeric @type names it.
    let id = schema
        .definition(schema.by_name("testSquareInt").unwrap())
        .unwrap()
        .id();
    let line = format!(r#"{{"@type":{},"x":5}}"#, id as i32);
    let read = schema
        .from_td_json_str(&line, &Type::FUNCTION, tdlib())
        .unwrap();
    assert_eq!(schema.name_of(&read.value), Some("testSquareInt"));
    let line = format!(r#"{{"@type":{id},"x":5}}"#);
    assert!(schema
        .from_td_json_str(&line, &Type::FUNCTION, tdlib())
        .is_ok());
}

/// Requests libtdjson 1.8.61 refused ("Failed to parse JSON object as TDLib request: ..."
/// with TDLib's reason in the comment) are errors here too, with the path.
#[test]
fn what_tdlib_refuses_is_an_error_with_its_path() {
    let schema = td_api();
    for (line, expected) in [
        // Wrong padding length
        (
            r#"{"@type":"testCallBytes","x":"AAE"}"#,
            r#"$.x: invalid bytes: "AAE" is not padded standard base64"#,
        ),
        // Can't parse as an integer string "7.0"
        (
            r#"{"@type":"testSquareInt","x":7.0}"#,
            "$.x: invalid int32: 7.0 is not an integer in canonical decimal form",
        ),
        // Can't parse as an integer string "2147483648"
        (
            r#"{"@type":"testSquareInt","x":2147483648}"#,
            "$.x: invalid int32: 2147483648 is out of range",
        ),
        // Expected Number, but receive Boolean
        (
            r#"{"@type":"testSquareInt","x":true}"#,
            "$.x: expected int32 (a number), found true",
        ),
        // Expected Number, but receive String
        (
            r#"{"@type":"getJsonString","json_value":{"@type":"jsonValueNumber","value":"1.5"}}"#,
            r#"$.json_value.value: expected double (a number), found string "1.5""#,
        ),
        // Can't find field "@type"
        (
            r#"{"@type":"parseTextEntities","text":"*b*","parse_mode":{"version":2}}"#,
            "$.parse_mode: object without its \"@type\"",
        ),
        // Unknown class "textEntity"
        (
            r#"{"@type":"parseTextEntities","text":"*b*","parse_mode":{"@type":"textEntity"}}"#,
            "$.parse_mode: expected TextParseMode, found object textEntity",
        ),
    ] {
        let err = error(&schema, line);
        assert!(err.starts_with(expected), "{line}\n{err}");
    }
    // Unknown class "textParseModeFoo": with --strict an error, else a warning.
    let line =
        r#"{"@type":"parseTextEntities","text":"*b*","parse_mode":{"@type":"textParseModeFoo"}}"#;
    let err = schema
        .from_td_json_str(line, &Type::FUNCTION, tdlib().strict(true))
        .unwrap_err();
    assert_eq!(
        err.to_string(),
        "$.parse_mode: unknown constructor `textParseModeFoo` for type TextParseMode"
    );
    assert!(matches!(
        err.kind(),
        ValueErrorKind::UnknownConstructor { .. }
    ));
    let read = schema
        .from_td_json_str(line, &Type::FUNCTION, tdlib())
        .unwrap();
    assert_eq!(read.warnings.len(), 1);
    assert_eq!(read.warnings[0].to_string(), err.to_string());
    assert_eq!(read.value.field(1), Some(&Value::Null));
}

#[test]
fn every_error_kind_names_its_path() {
    let schema = td_api();
    let cases = [
        // A required field missing, deep down.
        (
            r#"{"@type":"getMarkdownText","text":{"@type":"formattedText","text":"b","entities":[{"@type":"textEntity","offset":0,"length":1}]}}"#,
            "$.text.entities[0].type: missing field `type` of textEntity",
        ),
        // `null` for a field whose doc does not say "may be null".
        (
            r#"{"@type":"getMarkdownText","text":{"@type":"formattedText","text":null,"entities":[]}}"#,
            "$.text.text: missing field `text` of formattedText",
        ),
        // int64: a decimal string or a number.
        (
            r#"{"@type":"optionValueInteger","value":true}"#,
            "$.value: expected int64 (a decimal string or a number), found true",
        ),
        (
            r#"{"@type":"optionValueInteger","value":"12a"}"#,
            r#"$.value: invalid int64: "12a" is not an integer in canonical decimal form"#,
        ),
        (
            r#"{"@type":"optionValueInteger","value":18446744073709551615}"#,
            "$.value: invalid int64: 18446744073709551615 is out of range",
        ),
        (
            r#"{"@type":"optionValueInteger","value":"9223372036854775808"}"#,
            r#"$.value: invalid int64: "9223372036854775808" is out of range"#,
        ),
        // Bool.
        (
            r#"{"@type":"optionValueBoolean","value":"yes"}"#,
            r#"$.value: expected Bool (true or false), found string "yes""#,
        ),
        // string.
        (
            r#"{"@type":"optionValueString","value":5}"#,
            "$.value: expected string, found number 5",
        ),
        // A vector.
        (
            r#"{"@type":"testVectorInt","value":{"a":1}}"#,
            "$.value: expected vector<int>, found an object",
        ),
        (
            r#"{"@type":"testVectorInt","value":[1,"x"]}"#,
            r#"$.value[1]: invalid int32: "x" is not an integer in canonical decimal form"#,
        ),
        // An object where a number stands, and the reverse.
        (
            r#"{"@type":"updateOption","name":"x","value":5}"#,
            "$.value: expected OptionValue, found number 5",
        ),
        // No @type at the top.
        (r#"{"value":5}"#, "$: object without its \"@type\""),
        // A @type that is neither a name nor an id.
        (
            r#"{"@type":true}"#,
            "$.@type: expected a constructor name or id, found true",
        ),
        // An object of another type.
        (
            r#"{"@type":"updateOption","name":"x","value":{"@type":"ok"}}"#,
            "$.value: expected OptionValue, found object ok",
        ),
        // A function where an object of a type stands.
        (
            r#"{"@type":"updateOption","name":"x","value":{"@type":"getOption","name":"y"}}"#,
            "$.value: expected OptionValue, found object getOption",
        ),
        // An int32 too large.
        (
            r#"{"@type":"testInt","value":-2147483649}"#,
            "$.value: invalid int32: -2147483649 is out of range",
        ),
        // A bad @client_id.
        (
            r#"{"@type":"ok","@client_id":"one"}"#,
            r#"$.@client_id: invalid int32: "one" is not an integer in canonical decimal form"#,
        ),
        // Not an object at all.
        (
            "[1]",
            "$: expected a constructor or function call, found an array",
        ),
        // JSON syntax.
        ("{", "$: JSON syntax: unexpected end of input at byte 1"),
        (
            r#"{"@type":"testString","value":"a\qb"}"#,
            "$: JSON syntax: invalid escape in string at byte 32, in $.value",
        ),
    ];
    for (line, expected) in cases {
        assert_eq!(error(&schema, line), expected, "{line}");
    }
    // A function where a function is not wanted, and the reverse.
    let err = schema
        .from_td_json_str(r#"{"@type":"ok"}"#, &Type::FUNCTION, tdlib())
        .unwrap_err();
    assert_eq!(
        err.to_string(),
        "$: expected a function call, found object ok"
    );
}

#[test]
fn unknown_fields_and_constructors_are_warnings_unless_strict() {
    let schema = td_api();
    // What a newer TDLib might send: a field and a constructor 1.8.61 does not have.
    let line = r#"{"@type":"updateAuthorizationState","authorization_state":{"@type":"authorizationStateWaitPhoneNumber","hint":"x"},"is_new":true,"@client_id":1}"#;
    let read = schema
        .from_td_json_str(line, &Type::OBJECT, tdlib())
        .unwrap();
    let warnings: Vec<String> = read.warnings.iter().map(ToString::to_string).collect();
    assert_eq!(
        warnings,
        [
            "$.authorization_state.hint: authorizationStateWaitPhoneNumber has no field `hint`",
            "$.is_new: updateAuthorizationState has no field `is_new`",
        ]
    );
    assert!(matches!(
        read.warnings[0].kind(),
        ValueErrorKind::UnknownField { field, .. } if field == "hint"
    ));
    let err = schema
        .from_td_json_str(line, &Type::OBJECT, tdlib().strict(true))
        .unwrap_err();
    assert_eq!(err.to_string(), warnings[0]);

    let line = r#"{"@type":"updateAuthorizationState","authorization_state":{"@type":"authorizationStateWaitPasskey"}}"#;
    let read = schema
        .from_td_json_str(line, &Type::OBJECT, tdlib())
        .unwrap();
    assert_eq!(
        read.warnings[0].to_string(),
        "$.authorization_state: unknown constructor `authorizationStateWaitPasskey` for type AuthorizationState"
    );
    assert_eq!(read.value.field(0), Some(&Value::Null));
    // In a field that may be null, it is left out (`setOption`'s `value`: "pass null to
    // reset option value to a default value").
    let read = schema
        .from_td_json_str(
            r#"{"@type":"setOption","name":"x","value":{"@type":"optionValueDate","value":1}}"#,
            &Type::FUNCTION,
            tdlib(),
        )
        .unwrap();
    assert_eq!(read.warnings.len(), 1);
    assert_eq!(read.value.field(1), None);
    assert_eq!(
        schema
            .to_td_json_string(&read.value, TdDialect::Tdlib)
            .unwrap(),
        r#"{"@type":"setOption","name":"x"}"#
    );
    // An unknown object at the top.
    let read = schema
        .from_td_json_str(
            r#"{"@type":"updateNewThing","x":1}"#,
            &Type::OBJECT,
            tdlib(),
        )
        .unwrap();
    assert_eq!(read.value, Value::Null);
    assert_eq!(
        read.warnings[0].to_string(),
        "$: unknown constructor `updateNewThing` for a constructor or function call"
    );
    // `@extra` and `@client_id` are fields below the top.
    let read = schema
        .from_td_json_str(
            r#"{"@type":"testVectorStringObject","value":[{"@type":"testString","value":"a","@extra":1}]}"#,
            &Type::OBJECT,
            tdlib(),
        )
        .unwrap();
    assert_eq!(
        read.warnings[0].to_string(),
        "$.value[0].@extra: testString has no field `@extra`"
    );
}

#[test]
fn writing_follows_the_field_types() {
    let schema = td_api();
    // `groupCallMessageLevel` has int53 fields (`min_star_count:int53`): numbers; and
    // `optionValueInteger value:int64`: a string. Built from TL-JSON, where both are strings.
    let value = schema
        .from_json_str(
            r#"{"_":"groupCallMessageLevel","min_star_count":"5","pin_duration":1,"max_text_length":2,"max_custom_emoji_count":3,"first_color":4,"second_color":5,"background_color":6}"#,
            &Type::OBJECT,
        )
        .unwrap();
    assert_eq!(
        schema.to_td_json_string(&value, TdDialect::Tdlib).unwrap(),
        r#"{"@type":"groupCallMessageLevel","min_star_count":5,"pin_duration":1,"max_text_length":2,"max_custom_emoji_count":3,"first_color":4,"second_color":5,"background_color":6}"#
    );
    let value = schema
        .from_json_str(
            r#"{"_":"optionValueInteger","value":"-9223372036854775808"}"#,
            &Type::OBJECT,
        )
        .unwrap();
    assert_eq!(
        schema.to_td_json_string(&value, TdDialect::Tdlib).unwrap(),
        r#"{"@type":"optionValueInteger","value":"-9223372036854775808"}"#
    );
    // A required field missing is refused; a nullable one is left out.
    let def = schema.by_name("updateDefaultBackground").unwrap();
    let value = Value::object(def, vec![Some(Value::Bool(true)), None]);
    assert_eq!(
        schema.to_td_json_string(&value, TdDialect::Tdlib).unwrap(),
        r#"{"@type":"updateDefaultBackground","for_dark_theme":true}"#
    );
    let value = Value::object(def, vec![None, None]);
    let err = schema
        .to_td_json_string(&value, TdDialect::Tdlib)
        .unwrap_err();
    assert_eq!(
        err.to_string(),
        "$.for_dark_theme: missing field `for_dark_theme` of updateDefaultBackground"
    );
    // A double that JSON cannot hold, deep down.
    let number = schema.by_name("jsonValueNumber").unwrap();
    let array = schema.by_name("jsonValueArray").unwrap();
    let value = Value::object(
        array,
        vec![Some(Value::Vector(Box::new([
            Value::object(number, vec![Some(Value::Double(1.5))]),
            Value::object(number, vec![Some(Value::Double(f64::NAN))]),
        ])))],
    );
    let err = schema
        .to_td_json_string(&value, TdDialect::Tdlib)
        .unwrap_err();
    assert_eq!(
        err.to_string(),
        "$.values[1].value: invalid double: NaN has no JSON form in the library's JSON"
    );
    // TL-JSON reads a nullable field absent, and TDLib JSON converts to TL-JSON and back.
    let line = r#"{"@type":"updateDefaultBackground","for_dark_theme":true}"#;
    let read = schema
        .from_td_json_str(line, &Type::OBJECT, tdlib())
        .unwrap();
    let tl = schema.to_json_string(&read.value, false).unwrap();
    assert_eq!(
        tl,
        r#"{"_":"updateDefaultBackground","for_dark_theme":true}"#
    );
    let back = schema.from_json_str(&tl, &Type::OBJECT).unwrap();
    assert_eq!(
        schema.to_td_json_string(&back, TdDialect::Tdlib).unwrap(),
        line
    );
}

#[test]
fn tonlib_names_keep_their_namespace_and_objects_may_be_absent() {
    let schema = Schema::from_source(TONLIB_API).unwrap();
    let options = TdJsonOptions::new(TdDialect::Tonlib).strict(true);
    // tonlib's `raw.getAccountState account_address:accountAddress = raw.FullAccountState;`
    // and `accountAddress account_address:string = AccountAddress;`.
    let line = r#"{"@type":"raw.getAccountState","account_address":{"@type":"accountAddress","account_address":"EQCD39VS5jcptHL8vMjEXrzGaRcCVYto7HUn4bpAOg8xqB2N"},"@extra":"7"}"#;
    let read = schema
        .from_td_json_str(line, &Type::FUNCTION, options)
        .unwrap();
    assert_eq!(read.extra, Some(Json::String("7".into())));
    let written = schema
        .td_json(&read.value, TdDialect::Tonlib)
        .with_extra(read.extra.as_ref(), Some(1))
        .to_json_string()
        .unwrap();
    // No `@client_id` in tonlib.
    assert_eq!(written, line);
    // An object field absent is read as null in tonlib (TON's converter reads a missing
    // field as its default, and writes no null object).
    let read = schema
        .from_td_json_str(
            r#"{"@type":"raw.getAccountState"}"#,
            &Type::FUNCTION,
            options,
        )
        .unwrap();
    assert_eq!(read.value.field(0), None);
    // `@client_id` is TDLib's only.
    let err = schema
        .from_td_json_str(
            r#"{"@type":"raw.getAccountState","@client_id":1}"#,
            &Type::FUNCTION,
            options,
        )
        .unwrap_err();
    assert_eq!(
        err.to_string(),
        "$.@client_id: raw.getAccountState has no field `@client_id`"
    );
    // int256 is base64 of 32 bytes: `dns.actionDelete name:string category:int256`.
    let line = format!(
        r#"{{"@type":"dns.actionDelete","name":"a.ton","category":"{}"}}"#,
        "A".repeat(43) + "="
    );
    let read = schema
        .from_td_json_str(&line, &Type::OBJECT, options)
        .unwrap();
    assert_eq!(read.value.field(1), Some(&Value::Int256(Box::new([0; 32]))));
    assert_eq!(
        schema
            .to_td_json_string(&read.value, TdDialect::Tonlib)
            .unwrap(),
        line
    );
    let short = line.replacen(&("A".repeat(43) + "="), "AAAA", 1);
    let err = schema
        .from_td_json_str(&short, &Type::OBJECT, options)
        .unwrap_err();
    assert_eq!(
        err.to_string(),
        "$.category: invalid int256: 3 bytes instead of 32"
    );
    // `ton.blockIdExt`: int64 a string, bytes base64.
    let line = r#"{"@type":"ton.blockIdExt","workchain":-1,"shard":"-9223372036854775808","seqno":1,"root_hash":"AAE=","file_hash":""}"#;
    let read = schema
        .from_td_json_str(line, &Type::OBJECT, options)
        .unwrap();
    assert_eq!(read.value.field(1), Some(&Value::Long(i64::MIN)));
    assert_eq!(
        schema
            .to_td_json_string(&read.value, TdDialect::Tonlib)
            .unwrap(),
        line
    );
}

/// Answers of the real libtonlibjson (PyPI's `pytonlib` 0.0.72) to `getBip39Hints` and
/// `unpackAccountAddress` through `tonlib_client_json_execute`, and the requests.
#[test]
fn real_tonlib_lines_read_and_write_back() {
    let schema = Schema::from_source(TONLIB_API).unwrap();
    let options = TdJsonOptions::new(TdDialect::Tonlib).strict(true);
    for (line, ty) in [
        (r#"{"@type":"getBip39Hints","prefix":"ab"}"#, Type::FUNCTION),
        (
            r#"{"@type":"bip39Hints","words":["abandon","ability","able","about","above","absent","absorb","abstract","absurd","abuse"]}"#,
            Type::OBJECT,
        ),
        (
            r#"{"@type":"unpackAccountAddress","account_address":"EQCD39VS5jcptHL8vMjEXrzGaRcCVYto7HUn4bpAOg8xqB2N"}"#,
            Type::FUNCTION,
        ),
        (
            r#"{"@type":"unpackedAccountAddress","workchain_id":0,"bounceable":true,"testnet":false,"addr":"g9/VUuY3KbRy/LzIxF68xmkXAlWLaOx1J+G6QDoPMag="}"#,
            Type::OBJECT,
        ),
    ] {
        let read = schema
            .from_td_json_str(line, &ty, options)
            .unwrap_or_else(|e| panic!("{line}: {e}"));
        assert_eq!(
            schema
                .to_td_json_string(&read.value, TdDialect::Tonlib)
                .unwrap(),
            line
        );
    }
}

#[test]
fn hostile_input_is_an_error_not_a_panic() {
    let schema = td_api();
    // Deep nesting: past serde_json's limit, a syntax error; within it, ours.
    let deep = "[".repeat(100_000);
    let err = schema
        .from_td_json_str(&deep, &Type::OBJECT, tdlib())
        .unwrap_err();
    assert_eq!(
        err.to_string(),
        "$: JSON syntax: nested deeper than 100 levels at byte 101"
    );
    let value = schema
        .parse_type("Vector<Vector<Vector<Vector<int>>>>")
        .unwrap();
    assert!(schema
        .from_td_json_str("[[[[1]]]]", &value, tdlib())
        .is_ok());
    let mut json = Json::from(1);
    for _ in 0..200 {
        json = Json::Array(vec![json]);
    }
    let mut ty = "int".to_owned();
    for _ in 0..60 {
        ty = format!("Vector<{ty}>");
    }
    let ty = schema.parse_type(&ty).unwrap();
    let err = schema.from_td_json(&json, &ty, tdlib()).unwrap_err();
    assert_eq!(
        err.to_string(),
        "$: JSON syntax: nested deeper than 100 levels at byte 161"
    );
    // Nested objects built directly, past the depth limit.
    let mut json = serde_json::json!({"@type": "jsonValueNull"});
    for _ in 0..100 {
        json = serde_json::json!({"@type": "jsonValueArray", "values": [json]});
    }
    let err = schema
        .from_td_json(&json, &Type::OBJECT, tdlib())
        .unwrap_err();
    assert!(
        matches!(err.kind(), ValueErrorKind::TooDeep { .. }),
        "{err}"
    );
    // Huge numbers, bad base64, odd strings: each error says where and why.
    for (line, expected) in [
        (
            r#"{"@type":"testInt","value":1e400}"#,
            "$.value: invalid int32: 1e400 is not an integer in canonical decimal form",
        ),
        (
            r#"{"@type":"testInt","value":123456789012345678901234567890}"#,
            "$.value: invalid int32: 123456789012345678901234567890 is out of range",
        ),
        (
            r#"{"@type":"optionValueInteger","value":-1e30}"#,
            "$.value: invalid int64: -1e30 is not an integer in canonical decimal form",
        ),
        (
            r#"{"@type":"testBytes","value":"!!!!"}"#,
            r#"$.value: invalid bytes: "!!!!" is not padded standard base64"#,
        ),
        (
            r#"{"@type":"testBytes","value":"AAE=AAE="}"#,
            r#"$.value: invalid bytes: "AAE=AAE=" is not padded standard base64"#,
        ),
        (
            r#"{"@type":"testString","value":"\ud800"}"#,
            r"$: JSON syntax: unpaired UTF-16 surrogate in \u escape at byte 31, in $.value",
        ),
        (
            r#"{"@type":"testString","value":"#,
            "$: JSON syntax: unexpected end of input at byte 30, in $.value",
        ),
        (
            "\u{0}",
            "$: JSON syntax: syntax error: expected a JSON value at byte 0",
        ),
        ("", "$: JSON syntax: unexpected end of input at byte 0"),
        (
            "null",
            "$: expected a constructor or function call, found null",
        ),
    ] {
        let err = schema
            .from_td_json_str(line, &Type::OBJECT, tdlib())
            .unwrap_err();
        assert_eq!(err.to_string(), expected, "{line}");
    }
    // A numeric @type that is not an int32 names no constructor (TDLib reads it with
    // `to_integer<int32>`): unknown, like an unknown name — an error when strict.
    for line in [
        r#"{"@type":12345678901234567890}"#,
        r#"{"@type":-2147483649}"#,
        r#"{"@type":1.5}"#,
    ] {
        let read = schema
            .from_td_json_str(line, &Type::OBJECT, tdlib())
            .unwrap();
        assert_eq!(read.value, Value::Null, "{line}");
        assert_eq!(read.warnings.len(), 1, "{line}");
        let err = schema
            .from_td_json_str(line, &Type::OBJECT, tdlib().strict(true))
            .unwrap_err();
        assert!(
            matches!(err.kind(), ValueErrorKind::UnknownConstructor { .. }),
            "{line}"
        );
    }
    // An unknown numeric id is a warning like an unknown name.
    let read = schema
        .from_td_json_str(r#"{"@type":7}"#, &Type::OBJECT, tdlib())
        .unwrap();
    assert_eq!(
        read.warnings[0].to_string(),
        "$: unknown constructor `7` for a constructor or function call"
    );
    // Every prefix of every real line fails cleanly or reads.
    for line in REAL_OUTPUT.lines().take(12) {
        for end in (0..line.len()).filter(|&i| line.is_char_boundary(i)) {
            let _ = schema.from_td_json_str(&line[..end], &Type::OBJECT, tdlib());
        }
    }
}

/// Reads `text` strictly; when that succeeds, what is written reads back as the same value
/// and writes the same text again.
fn round_trips(schema: &Schema, text: &str) {
    let Ok(read) = schema.from_td_json_str(text, &Type::OBJECT, tdlib().strict(true)) else {
        return;
    };
    let written = schema
        .to_td_json_string(&read.value, TdDialect::Tdlib)
        .unwrap_or_else(|e| panic!("{text}: {e}"));
    let again = schema
        .from_td_json_str(&written, &Type::OBJECT, tdlib().strict(true))
        .unwrap_or_else(|e| panic!("{text}\n{written}: {e}"));
    // Doubles survive TDLib's JSON to six decimals.
    assert_eq!(again.value, six_decimals(&read.value), "{text}\n{written}");
    assert_eq!(
        schema
            .to_td_json_string(&again.value, TdDialect::Tdlib)
            .unwrap(),
        written
    );
}

/// `value` with every double rounded to six decimals, as TDLib's JSON prints it.
fn six_decimals(value: &Value) -> Value {
    match value {
        Value::Double(d) => Value::Double(format!("{d:.6}").parse().unwrap()),
        Value::Object { def, fields } => Value::Object {
            def: *def,
            fields: fields.iter().map(|(i, v)| (*i, six_decimals(v))).collect(),
        },
        Value::Vector(items) => Value::Vector(items.iter().map(six_decimals).collect()),
        other => other.clone(),
    }
}

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig::with_cases(3000))]

    /// Real lines with bytes replaced, removed or inserted: never a panic, and what reads
    /// round-trips.
    #[test]
    fn mutated_real_lines(
        line in 0usize..44,
        edits in proptest::collection::vec((0usize..400, 0u8..3, proptest::sample::select(
            b"{}[]\",:0123456789-.eE truefalsnul@typeAZaz\\/=+".to_vec()
        )), 1..6),
    ) {
        let schema = td_api_cached();
        let lines: Vec<&str> = REAL_OUTPUT.lines().filter(|l| !l.is_empty()).collect();
        let mut bytes = lines[line % lines.len()].as_bytes().to_vec();
        for (at, op, byte) in edits {
            let at = at % (bytes.len() + 1);
            match op {
                0 if at < bytes.len() => bytes[at] = byte,
                1 if at < bytes.len() => {
                    bytes.remove(at);
                }
                _ => bytes.insert(at, byte),
            }
        }
        if let Ok(text) = std::str::from_utf8(&bytes) {
            round_trips(schema, text);
            let _ = schema.from_td_json_str(text, &Type::OBJECT, tdlib());
        }
    }
}

/// The excerpt's schema, built once for the property tests.
fn td_api_cached() -> &'static Schema {
    static SCHEMA: std::sync::OnceLock<Schema> = std::sync::OnceLock::new();
    SCHEMA.get_or_init(td_api)
}

#[test]
fn every_real_line_round_trips() {
    let schema = td_api();
    for line in REAL_OUTPUT.lines().filter(|l| !l.is_empty()) {
        round_trips(&schema, line);
    }
}

/// The dynamic codec accepts and refuses exactly what tlgen-runtime's reader (that of the
/// generated bindings) does: the same numbers, base64, escapes and depth limit.
#[test]
fn input_rules_are_the_generated_bindings() {
    use tlgen_runtime::json::{JsonErrorKind, JsonReader};

    let schema = td_api();
    /// Whether `read` takes all of `text`.
    fn runtime<T>(
        text: &str,
        read: impl FnOnce(&mut JsonReader<'_>) -> Result<T, tlgen_runtime::json::JsonError>,
    ) -> bool {
        let mut input = JsonReader::new(text);
        read(&mut input).is_ok() && input.finish().is_ok()
    }
    let numbers = [
        "0",
        "-0",
        "7",
        "07",
        "+7",
        "-7",
        "7.0",
        "7e0",
        "1e400",
        ".5",
        "1.5",
        "-1.5e3",
        "2147483647",
        "2147483648",
        "-2147483648",
        "-2147483649",
        "9223372036854775807",
        "9223372036854775808",
        "-9223372036854775808",
        r#""7""#,
        r#""-0""#,
        r#""07""#,
        r#"" 7""#,
        r#""7.0""#,
        r#""""#,
        "true",
        "false",
        "null",
        "[]",
        "{}",
        "1-2",
        "--1",
    ];
    let strings = [
        r#""""#,
        r#""abc""#,
        r#""a\qb""#,
        r#""\ud83d\ude00""#,
        r#""\ud83d""#,
        r#""\ude00x""#,
        r#""\u00e9""#,
        r#""\u00E9""#,
        r#""\u12""#,
        r#""é""#,
        "\"a\tb\"",
        r#""\/""#,
        "5",
    ];
    let base64 = [
        r#""""#,
        r#""AAE=""#,
        r#""AAE""#,
        r#""AAH/""#,
        r#""AAH_""#,
        r#""AAF=""#,
        r#""AA==""#,
        r#""A===""#,
        r#""AAE=AAE=""#,
        r#""Zm9v YmFy""#,
        r#""Zm9vYmFy""#,
        "5",
    ];
    /// A constructor with one field `value`, the values to try, and whether the runtime
    /// reads each.
    type Case<'a> = (&'a str, &'a [&'a str], fn(&str) -> bool);
    let cases: [Case<'_>; 6] = [
        ("testInt", &numbers, |t| runtime(t, |r| r.read_i32())),
        ("optionValueInteger", &numbers, |t| {
            runtime(t, |r| r.read_i64())
        }),
        ("jsonValueNumber", &numbers, |t| {
            runtime(t, |r| r.read_f64())
        }),
        ("optionValueBoolean", &numbers, |t| {
            runtime(t, |r| r.read_bool())
        }),
        ("testString", &strings, |t| runtime(t, |r| r.read_string())),
        ("testBytes", &base64, |t| runtime(t, |r| r.read_bytes())),
    ];
    let mut refused = 0;
    for (constructor, values, accepts) in cases {
        for value in values {
            let line = format!(r#"{{"@type":"{constructor}","value":{value}}}"#);
            let ours = schema
                .from_td_json_str(&line, &Type::OBJECT, tdlib())
                .is_ok();
            assert_eq!(ours, accepts(value), "{line}");
            refused += usize::from(!ours);
        }
    }
    // The check can fail: most of these are refused by someone.
    assert!(refused > 40, "{refused}");
    // The depth limit: TDLib's 100, counted alike.
    for levels in [48, 49, 50, 51] {
        let mut line = r#"{"@type":"jsonValueNull"}"#.to_owned();
        for _ in 0..levels {
            line = format!(r#"{{"@type":"jsonValueArray","values":[{line}]}}"#);
        }
        let ours = schema.from_td_json_str(&line, &Type::OBJECT, tdlib());
        let theirs = JsonReader::new(&line).skip_value();
        assert_eq!(ours.is_ok(), theirs.is_ok(), "{levels} levels");
        if let Err(err) = ours {
            assert!(
                matches!(err.kind(), ValueErrorKind::TooDeep { limit: 100 }),
                "{err}"
            );
        }
    }
    // 101 arrays are within TDLib's depth (the input just ends); the 102nd is too deep.
    let err = JsonReader::new(&"[".repeat(101)).skip_value().unwrap_err();
    assert_eq!(
        (err.kind(), err.offset()),
        (&JsonErrorKind::UnexpectedEnd, 101)
    );
    let err = JsonReader::new(&"[".repeat(102)).skip_value().unwrap_err();
    assert_eq!(
        (err.kind(), err.offset()),
        (&JsonErrorKind::TooDeep { limit: 100 }, 101)
    );
}

/// `line` read (leniently) and written again.
fn rewritten(schema: &Schema, line: &str) -> String {
    let read = schema
        .from_td_json_str(line, &Type::OBJECT, tdlib())
        .unwrap_or_else(|e| panic!("{line}: {e}"));
    schema
        .to_td_json_string(&read.value, TdDialect::Tdlib)
        .unwrap_or_else(|e| panic!("{line}: {e}"))
}

/// What the dynamic codec writes is what the generated bindings write: tlgen-runtime's
/// writer, TDLib's text (six-decimal doubles, non-ASCII as `\uXXXX`, int64 strings, padded
/// base64).
#[test]
fn writing_is_the_generated_bindings() {
    use tlgen_runtime::json::{Bytes, Int64, JsonWriter, Plain};

    let schema = td_api();
    let line = r#"{"@type":"jsonValueNumber","value":0.1}"#;
    let ours = rewritten(&schema, line);
    let mut out = JsonWriter::new();
    out.begin_object("jsonValueNumber");
    out.field::<f64, Plain>("value", &0.1);
    out.end_object();
    assert_eq!(ours, out.as_str());
    assert_eq!(ours, r#"{"@type":"jsonValueNumber","value":0.100000}"#);

    let line = "{\"@type\":\"testString\",\"value\":\"h\u{e9}llo \u{1f600}\\u007f/\"}";
    let ours = rewritten(&schema, line);
    // DEL and `/` as they are (TDLib's `JsonString`).
    assert_eq!(
        ours,
        "{\"@type\":\"testString\",\"value\":\"h\\u00e9llo \\ud83d\\ude00\u{7f}/\"}"
    );
    let mut out = JsonWriter::new();
    out.begin_object("testString");
    out.field::<String, Plain>("value", &"h\u{e9}llo \u{1f600}\u{7f}/".to_owned());
    out.end_object();
    assert_eq!(ours, out.as_str());

    for (line, written) in [
        (
            r#"{"@type":"optionValueInteger","value":-5}"#,
            r#"{"@type":"optionValueInteger","value":"-5"}"#,
        ),
        (
            r#"{"@type":"testBytes","value":"AAH/"}"#,
            r#"{"@type":"testBytes","value":"AAH/"}"#,
        ),
    ] {
        let ours = rewritten(&schema, line);
        assert_eq!(ours, written);
    }
    let mut out = JsonWriter::new();
    out.begin_object("optionValueInteger");
    out.field::<i64, Int64>("value", &-5);
    out.end_object();
    out.raw(" ");
    out.begin_object("testBytes");
    out.field::<Vec<u8>, Bytes>("value", &vec![0, 1, 0xff]);
    out.end_object();
    assert_eq!(
        out.as_str(),
        r#"{"@type":"optionValueInteger","value":"-5"} {"@type":"testBytes","value":"AAH/"}"#
    );
}
