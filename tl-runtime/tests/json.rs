//! The `json` module: TDLib's JSON mapping read and written by hand-written bindings shaped as
//! the generator emits them; goldens are lines the real libtdjson 1.8.61 (PyPI `tdjson`
//! wheel) and libtonlibjson (PyPI `pytonlib` 0.0.72) printed, requests noted beside each.

use proptest::prelude::*;
use tlgen_runtime::json::{
    from_str, scan_envelope, to_string, Boxed, Bytes, Int256, Int64, JsonError, JsonErrorKind,
    JsonReader, JsonWriter, Nullable, Plain, TdError, TdFunction, TdJson, UnknownObject, Vector,
};

// ----- bindings as the generator writes them (td_api.tl 1.8.61) ------------------------------

/// `TextEntityType`, three of its constructors, and `Unknown` for the others.
#[derive(Debug, Clone, PartialEq)]
enum TextEntityType {
    Bold,
    Url,
    TextUrl { url: String },
    Unknown(UnknownObject),
}

/// Sorted by name, with the constructor ids of td_api.tl.
const TEXT_ENTITY_TYPES: &[(&str, i32)] = &[
    ("textEntityTypeBold", -1128210000),
    ("textEntityTypeTextUrl", 445719651),
    ("textEntityTypeUrl", -1312762756),
];

impl TdJson for TextEntityType {
    fn write_json(&self, out: &mut JsonWriter) {
        match self {
            Self::Bold => {
                out.begin_object("textEntityTypeBold");
                out.end_object();
            }
            Self::Url => {
                out.begin_object("textEntityTypeUrl");
                out.end_object();
            }
            Self::TextUrl { url } => {
                out.begin_object("textEntityTypeTextUrl");
                out.field::<_, Plain>("url", url);
                out.end_object();
            }
            Self::Unknown(unknown) => unknown.write_json(out),
        }
    }

    fn read_json(input: &mut JsonReader<'_>) -> Result<Self, JsonError> {
        match input.peek_constructor(TEXT_ENTITY_TYPES)? {
            Some(0) => {
                input.read_object("textEntityTypeBold", -1128210000, |input, _| {
                    input.skip_value()
                })?;
                Ok(Self::Bold)
            }
            Some(1) => {
                let mut url = None;
                input.read_object("textEntityTypeTextUrl", 445719651, |input, key| {
                    match key {
                        "url" => url = Some(input.read_field::<_, Plain>("url")?),
                        _ => input.skip_value()?,
                    }
                    Ok(())
                })?;
                Ok(Self::TextUrl {
                    url: input.required(url, "url")?,
                })
            }
            Some(_) => {
                input.read_object("textEntityTypeUrl", -1312762756, |input, _| {
                    input.skip_value()
                })?;
                Ok(Self::Url)
            }
            None => Ok(Self::Unknown(input.read_unknown()?)),
        }
    }
}

/// `textEntity offset:int32 length:int32 type:TextEntityType = TextEntity;`
#[derive(Debug, Clone, PartialEq)]
struct TextEntity {
    offset: i32,
    length: i32,
    r#type: TextEntityType,
}

impl TdJson for TextEntity {
    fn write_json(&self, out: &mut JsonWriter) {
        out.begin_object("textEntity");
        out.field::<_, Plain>("offset", &self.offset);
        out.field::<_, Plain>("length", &self.length);
        out.field::<_, Plain>("type", &self.r#type);
        out.end_object();
    }

    fn read_json(input: &mut JsonReader<'_>) -> Result<Self, JsonError> {
        let (mut offset, mut length, mut r#type) = (None, None, None);
        input.read_object("textEntity", -1951688280, |input, key| {
            match key {
                "offset" => offset = Some(input.read_field::<_, Plain>("offset")?),
                "length" => length = Some(input.read_field::<_, Plain>("length")?),
                "type" => r#type = Some(input.read_field::<_, Plain>("type")?),
                _ => input.skip_value()?,
            }
            Ok(())
        })?;
        Ok(Self {
            offset: input.required(offset, "offset")?,
            length: input.required(length, "length")?,
            r#type: input.required(r#type, "type")?,
        })
    }
}

/// `formattedText text:string entities:vector<textEntity> = FormattedText;`
#[derive(Debug, Clone, PartialEq)]
struct FormattedText {
    text: String,
    entities: Vec<TextEntity>,
}

impl TdJson for FormattedText {
    fn write_json(&self, out: &mut JsonWriter) {
        out.begin_object("formattedText");
        out.field::<_, Plain>("text", &self.text);
        out.field::<_, Vector<Plain>>("entities", &self.entities);
        out.end_object();
    }

    fn read_json(input: &mut JsonReader<'_>) -> Result<Self, JsonError> {
        let (mut text, mut entities) = (None, None);
        input.read_object("formattedText", -252624564, |input, key| {
            match key {
                "text" => text = Some(input.read_field::<_, Plain>("text")?),
                "entities" => entities = Some(input.read_field::<_, Vector<Plain>>("entities")?),
                _ => input.skip_value()?,
            }
            Ok(())
        })?;
        Ok(Self {
            text: input.required(text, "text")?,
            entities: input.required(entities, "entities")?,
        })
    }
}

/// `textEntities entities:vector<textEntity> = TextEntities;`
#[derive(Debug, Clone, PartialEq)]
struct TextEntities {
    entities: Vec<TextEntity>,
}

impl TdJson for TextEntities {
    fn write_json(&self, out: &mut JsonWriter) {
        out.begin_object("textEntities");
        out.field::<_, Vector<Plain>>("entities", &self.entities);
        out.end_object();
    }

    fn read_json(input: &mut JsonReader<'_>) -> Result<Self, JsonError> {
        let mut entities = None;
        input.read_object("textEntities", -933199172, |input, key| {
            match key {
                "entities" => entities = Some(input.read_field::<_, Vector<Plain>>("entities")?),
                _ => input.skip_value()?,
            }
            Ok(())
        })?;
        Ok(Self {
            entities: input.required(entities, "entities")?,
        })
    }
}

/// `getTextEntities text:string = TextEntities;`
#[derive(Debug, Clone, PartialEq)]
struct GetTextEntities {
    text: String,
}

impl TdJson for GetTextEntities {
    fn write_json(&self, out: &mut JsonWriter) {
        out.begin_object(Self::TYPE_NAME);
        out.field::<_, Plain>("text", &self.text);
        out.end_object();
    }

    fn read_json(input: &mut JsonReader<'_>) -> Result<Self, JsonError> {
        let mut text = None;
        input.read_object(Self::TYPE_NAME, -1709014208, |input, key| {
            match key {
                "text" => text = Some(input.read_field::<_, Plain>("text")?),
                _ => input.skip_value()?,
            }
            Ok(())
        })?;
        Ok(Self {
            text: input.required(text, "text")?,
        })
    }
}

impl TdFunction for GetTextEntities {
    type Return = TextEntities;
    const TYPE_NAME: &'static str = "getTextEntities";
}

/// `JsonValue`, recursive: `jsonValueNull`, `jsonValueBoolean value:Bool`, `jsonValueNumber
/// value:double`, `jsonValueString value:string`, `jsonValueArray values:vector<JsonValue>`,
/// `jsonValueObject members:vector<jsonObjectMember>`.
#[derive(Debug, Clone, PartialEq)]
enum JsonValue {
    Null,
    Boolean(bool),
    Number(f64),
    String(String),
    Array(Vec<JsonValue>),
    Object(Vec<JsonObjectMember>),
    Unknown(UnknownObject),
}

/// `jsonObjectMember key:string value:JsonValue = JsonObjectMember;`
#[derive(Debug, Clone, PartialEq)]
struct JsonObjectMember {
    key: String,
    value: Box<JsonValue>,
}

const JSON_VALUES: &[(&str, i32)] = &[
    ("jsonValueArray", -183913546),
    ("jsonValueBoolean", -2142186576),
    ("jsonValueNull", -92872499),
    ("jsonValueNumber", -1010822033),
    ("jsonValueObject", 520252026),
    ("jsonValueString", 1597947313),
];

/// Reads the one field `name` of a constructor as `A`.
fn one_field<T, A: tlgen_runtime::json::JsonAs<T>>(
    input: &mut JsonReader<'_>,
    type_name: &'static str,
    id: i32,
    name: &'static str,
) -> Result<T, JsonError> {
    let mut value = None;
    input.read_object(type_name, id, |input, key| {
        if key == name {
            value = Some(input.read_field::<T, A>(name)?);
        } else {
            input.skip_value()?;
        }
        Ok(())
    })?;
    input.required(value, name)
}

impl TdJson for JsonValue {
    fn write_json(&self, out: &mut JsonWriter) {
        match self {
            Self::Null => {
                out.begin_object("jsonValueNull");
                out.end_object();
            }
            Self::Boolean(value) => {
                out.begin_object("jsonValueBoolean");
                out.field::<_, Plain>("value", value);
                out.end_object();
            }
            Self::Number(value) => {
                out.begin_object("jsonValueNumber");
                out.field::<_, Plain>("value", value);
                out.end_object();
            }
            Self::String(value) => {
                out.begin_object("jsonValueString");
                out.field::<_, Plain>("value", value);
                out.end_object();
            }
            Self::Array(values) => {
                out.begin_object("jsonValueArray");
                out.field::<_, Vector<Plain>>("values", values);
                out.end_object();
            }
            Self::Object(members) => {
                out.begin_object("jsonValueObject");
                out.field::<_, Vector<Plain>>("members", members);
                out.end_object();
            }
            Self::Unknown(unknown) => unknown.write_json(out),
        }
    }

    fn read_json(input: &mut JsonReader<'_>) -> Result<Self, JsonError> {
        Ok(match input.peek_constructor(JSON_VALUES)? {
            Some(0) => Self::Array(one_field::<_, Vector<Plain>>(
                input,
                "jsonValueArray",
                -183913546,
                "values",
            )?),
            Some(1) => Self::Boolean(one_field::<_, Plain>(
                input,
                "jsonValueBoolean",
                -2142186576,
                "value",
            )?),
            Some(2) => {
                input.read_object("jsonValueNull", -92872499, |input, _| input.skip_value())?;
                Self::Null
            }
            Some(3) => Self::Number(one_field::<_, Plain>(
                input,
                "jsonValueNumber",
                -1010822033,
                "value",
            )?),
            Some(4) => Self::Object(one_field::<_, Vector<Plain>>(
                input,
                "jsonValueObject",
                520252026,
                "members",
            )?),
            Some(_) => Self::String(one_field::<_, Plain>(
                input,
                "jsonValueString",
                1597947313,
                "value",
            )?),
            None => Self::Unknown(input.read_unknown()?),
        })
    }
}

impl TdJson for JsonObjectMember {
    fn write_json(&self, out: &mut JsonWriter) {
        out.begin_object("jsonObjectMember");
        out.field::<_, Plain>("key", &self.key);
        out.field::<_, Boxed<Plain>>("value", &self.value);
        out.end_object();
    }

    fn read_json(input: &mut JsonReader<'_>) -> Result<Self, JsonError> {
        let (mut key_, mut value) = (None, None);
        input.read_object("jsonObjectMember", -1803309418, |input, key| {
            match key {
                "key" => key_ = Some(input.read_field::<_, Plain>("key")?),
                "value" => value = Some(input.read_field::<_, Boxed<Plain>>("value")?),
                _ => input.skip_value()?,
            }
            Ok(())
        })?;
        Ok(Self {
            key: input.required(key_, "key")?,
            value: input.required(value, "value")?,
        })
    }
}

/// Every marker in one object (not a td_api constructor): `int64`, `int53`, `double`, `Bool`,
/// `bytes`, `int256`, `vector<int64>`, a nullable boxed object, a vector of nullable objects.
#[derive(Debug, Clone, PartialEq)]
struct Sample {
    id: i64,
    count: i64,
    small: i32,
    ratio: f64,
    flag: bool,
    data: Vec<u8>,
    hash: [u8; 32],
    ids: Vec<i64>,
    note: Option<Box<FormattedText>>,
    items: Vec<Option<TextEntityType>>,
    text: String,
}

impl TdJson for Sample {
    fn write_json(&self, out: &mut JsonWriter) {
        out.begin_object("sample");
        out.field::<_, Int64>("id", &self.id);
        out.field::<_, Plain>("count", &self.count);
        out.field::<_, Plain>("small", &self.small);
        out.field::<_, Plain>("ratio", &self.ratio);
        out.field::<_, Plain>("flag", &self.flag);
        out.field::<_, Bytes>("data", &self.data);
        out.field::<_, Int256>("hash", &self.hash);
        out.field::<_, Vector<Int64>>("ids", &self.ids);
        out.field::<_, Nullable<Boxed<Plain>>>("note", &self.note);
        out.field::<_, Vector<Nullable<Plain>>>("items", &self.items);
        out.field::<_, Plain>("text", &self.text);
        out.end_object();
    }

    fn read_json(input: &mut JsonReader<'_>) -> Result<Self, JsonError> {
        let (mut id, mut count, mut small, mut ratio, mut flag) = (None, None, None, None, None);
        let (mut data, mut hash, mut ids, mut note, mut items, mut text) =
            (None, None, None, None, None, None);
        input.read_object("sample", 12345, |input, key| {
            match key {
                "id" => id = Some(input.read_field::<_, Int64>("id")?),
                "count" => count = Some(input.read_field::<_, Plain>("count")?),
                "small" => small = Some(input.read_field::<_, Plain>("small")?),
                "ratio" => ratio = Some(input.read_field::<_, Plain>("ratio")?),
                "flag" => flag = Some(input.read_field::<_, Plain>("flag")?),
                "data" => data = Some(input.read_field::<_, Bytes>("data")?),
                "hash" => hash = Some(input.read_field::<_, Int256>("hash")?),
                "ids" => ids = Some(input.read_field::<_, Vector<Int64>>("ids")?),
                "note" => note = input.read_field::<_, Nullable<Boxed<Plain>>>("note")?,
                "items" => items = Some(input.read_field::<_, Vector<Nullable<Plain>>>("items")?),
                "text" => text = Some(input.read_field::<_, Plain>("text")?),
                _ => input.skip_value()?,
            }
            Ok(())
        })?;
        Ok(Self {
            id: input.required(id, "id")?,
            count: input.required(count, "count")?,
            small: input.required(small, "small")?,
            ratio: input.required(ratio, "ratio")?,
            flag: input.required(flag, "flag")?,
            data: input.required(data, "data")?,
            hash: input.required(hash, "hash")?,
            ids: input.required(ids, "ids")?,
            note,
            items: input.required(items, "items")?,
            text: input.required(text, "text")?,
        })
    }
}

fn sample() -> Sample {
    Sample {
        id: -9_223_372_036_854_775_808,
        count: 9_007_199_254_740_991,
        small: -7,
        ratio: 0.015625,
        flag: true,
        data: vec![0, 1, 2, 250, 255],
        hash: [7; 32],
        ids: vec![1, -2, i64::MAX],
        note: Some(Box::new(FormattedText {
            text: "hé".into(),
            entities: vec![],
        })),
        items: vec![None, Some(TextEntityType::Bold)],
        text: "a\"b\\c\n😀".into(),
    }
}

// ----- goldens: TDLib's own output ----------------------------------------------------------

/// Decodes `line` as `T` and checks that encoding gives `line` back.
fn assert_round_trip<T: TdJson + core::fmt::Debug>(line: &str) -> T {
    let value: T = from_str(line).unwrap_or_else(|e| panic!("{line}\n{e}"));
    assert_eq!(to_string(&value), line, "{value:?}");
    value
}

#[test]
fn tdlib_text_entities() {
    // td_execute({"@type":"getTextEntities","text":"@telegram /test_command https://telegram.org
    // telegram.me \u00e9\ud83d\ude00 #tag"})
    let line = r#"{"@type":"textEntities","entities":[{"@type":"textEntity","offset":0,"length":9,"type":{"@type":"textEntityTypeMention"}},{"@type":"textEntity","offset":10,"length":13,"type":{"@type":"textEntityTypeBotCommand"}},{"@type":"textEntity","offset":24,"length":20,"type":{"@type":"textEntityTypeUrl"}},{"@type":"textEntity","offset":45,"length":11,"type":{"@type":"textEntityTypeUrl"}},{"@type":"textEntity","offset":61,"length":4,"type":{"@type":"textEntityTypeHashtag"}}]}"#;
    let value: TextEntities = assert_round_trip(line);
    assert_eq!(value.entities.len(), 5);
    assert_eq!(value.entities[2].r#type, TextEntityType::Url);
    // Mentions are not in this binding's table: kept as they came.
    match &value.entities[0].r#type {
        TextEntityType::Unknown(unknown) => {
            assert_eq!(unknown.type_name(), "textEntityTypeMention");
            assert_eq!(unknown.json(), r#"{"@type":"textEntityTypeMention"}"#);
        }
        other => panic!("{other:?}"),
    }
    assert_eq!(
        (value.entities[4].offset, value.entities[4].length),
        (61, 4)
    );
}

#[test]
fn tdlib_formatted_text_with_extra() {
    // td_execute({"@type":"parseTextEntities","text":"*bold* _it_","parse_mode":
    // {"@type":"textParseModeMarkdown","version":2},"@extra":{"a":[1,2]}})
    let line = r#"{"@type":"formattedText","text":"bold it","entities":[{"@type":"textEntity","offset":0,"length":4,"type":{"@type":"textEntityTypeBold"}},{"@type":"textEntity","offset":5,"length":2,"type":{"@type":"textEntityTypeItalic"}}],"@extra":{"a":[1,2]}}"#;
    let envelope = scan_envelope(line).unwrap();
    assert_eq!(envelope.type_name, "formattedText");
    assert_eq!(envelope.extra, Some(r#"{"a":[1,2]}"#));
    assert_eq!(envelope.client_id, None);
    let value: FormattedText = from_str(line).unwrap();
    assert_eq!(value.text, "bold it");
    assert_eq!(value.entities[0].r#type, TextEntityType::Bold);
    // Without `@extra`, which TDLib appends after the object's own fields.
    let without_extra = line.replace(r#","@extra":{"a":[1,2]}"#, "");
    assert_eq!(to_string(&value), without_extra);
}

#[test]
fn tdlib_doubles_are_fixed_with_six_decimals() {
    // td_execute({"@type":"getJsonValue","json":"[1.5, 0.1, 1e-7, 123456789.123456789, -0.0,
    // 1e20, 3]"})
    let line = r#"{"@type":"jsonValueArray","values":[{"@type":"jsonValueNumber","value":1.500000},{"@type":"jsonValueNumber","value":0.100000},{"@type":"jsonValueNumber","value":0.000000},{"@type":"jsonValueNumber","value":123456789.123457},{"@type":"jsonValueNumber","value":-0.000000},{"@type":"jsonValueNumber","value":100000000000000000000.000000},{"@type":"jsonValueNumber","value":3.000000}]}"#;
    assert_round_trip::<JsonValue>(line);
    // The values TDLib parsed, printed by this writer as TDLib printed them.
    let values = [1.5, 0.1, 1e-7, 123_456_789.123_456_79, -0.0, 1e20, 3.0];
    let printed = JsonValue::Array(values.iter().map(|&v| JsonValue::Number(v)).collect());
    assert_eq!(to_string(&printed), line);

    // td_execute({"@type":"getJsonValue","json":"[0.0000005, 0.0000015, 2.5e-7,
    // 1234567.0000005, 9007199254740993]"}): rounding of the exact binary value.
    let line = r#"{"@type":"jsonValueArray","values":[{"@type":"jsonValueNumber","value":0.000000},{"@type":"jsonValueNumber","value":0.000002},{"@type":"jsonValueNumber","value":0.000000},{"@type":"jsonValueNumber","value":1234567.000000},{"@type":"jsonValueNumber","value":9007199254740992.000000}]}"#;
    let values = [
        0.000_000_5,
        0.000_001_5,
        2.5e-7,
        1_234_567.000_000_5,
        9_007_199_254_740_993.0,
    ];
    let printed = JsonValue::Array(values.iter().map(|&v| JsonValue::Number(v)).collect());
    assert_eq!(to_string(&printed), line);

    // td_execute({"@type":"getJsonValue","json":"[1e400]"}): TDLib saturates; we refuse a
    // non-finite double.
    let line = r#"{"@type":"jsonValueArray","values":[{"@type":"jsonValueNumber","value":179769313486231570814527423731704356798070567525844996598917476803157260780028538760589558632766878171540458953514382464234321326889464182768467546703537516986049910576551282076245490090389328944075868508455133942304583236903222948165808559332123348274797826204144723168738177180919299881250404026184124858368.000000}]}"#;
    let value: JsonValue = assert_round_trip(line);
    assert_eq!(value, JsonValue::Array(vec![JsonValue::Number(f64::MAX)]));
}

#[test]
fn tdlib_string_escapes() {
    // td_execute({"@type":"getJsonValue","json":"\"\u00e9\u4e2d\ud83d\ude00 \u0001 \u007f / \\\\
    // \\\" \b\f\n\r\t\""}): every non-ASCII character as \uXXXX (lowercase), DEL and '/' raw.
    let line = "{\"@type\":\"jsonValueString\",\"value\":\"\\u00e9\\u4e2d\\ud83d\\ude00 \\u0001 \x7f / \\\\ \\\" \\b\\f\\n\\r\\t\"}";
    let value: JsonValue = assert_round_trip(line);
    assert_eq!(
        value,
        JsonValue::String("é中😀 \u{1} \u{7f} / \\ \" \u{8}\u{c}\n\r\t".into())
    );

    // td_execute({"@type":"getJsonValue","json":"{\"k\":[true,false,null,{\"x\":-1.25e2}],
    // \"\u00fc\":\"tab\\tq\\\"\"}"})
    let line = r#"{"@type":"jsonValueObject","members":[{"@type":"jsonObjectMember","key":"k","value":{"@type":"jsonValueArray","values":[{"@type":"jsonValueBoolean","value":true},{"@type":"jsonValueBoolean","value":false},{"@type":"jsonValueNull"},{"@type":"jsonValueObject","members":[{"@type":"jsonObjectMember","key":"x","value":{"@type":"jsonValueNumber","value":-125.000000}}]}]}},{"@type":"jsonObjectMember","key":"\u00fc","value":{"@type":"jsonValueString","value":"tab\tq\""}}]}"#;
    let value: JsonValue = assert_round_trip(line);
    let JsonValue::Object(members) = value else {
        panic!()
    };
    assert_eq!(members[1].key, "ü");

    // td_execute({"@type":"getCountryFlagEmoji","country_code":"DE"}): a surrogate pair each.
    let line = r#"{"@type":"jsonValueString","value":"\ud83c\udde9\ud83c\uddea"}"#;
    assert_eq!(
        assert_round_trip::<JsonValue>(line),
        JsonValue::String("🇩🇪".into())
    );

    // td_execute({"@type":"testReturnError","error":{"@type":"error","code":5,"message":"hé"}})
    let line = r#"{"@type":"error","code":5,"message":"h\u00e9"}"#;
    let error: TdError = assert_round_trip(line);
    assert_eq!(
        error,
        TdError {
            code: 5,
            message: "hé".into()
        }
    );
}

#[test]
fn tdlib_control_characters() {
    // td_execute({"@type":"getJsonString","json_value":{…"key":"a/b","value":{"@type":
    // "jsonValueString","value":"\u0000\u001f\u20ac\ud83d\ude00"}}]}}): the JSON text TDLib
    // builds for that value is `{"a/b":"\u0000\u001f\u20ac\ud83d\ude00"}`.
    let mut out = JsonWriter::new();
    out.string("\u{0}\u{1f}€😀");
    assert_eq!(out.as_str(), r#""\u0000\u001f\u20ac\ud83d\ude00""#);
}

#[test]
fn tonlib_unpacked_account_address() {
    // tonlib_client_json_execute({"@type":"unpackAccountAddress","account_address":
    // "EQCD39VS5jcptHL8vMjEXrzGaRcCVYto7HUn4bpAOg8xqB2N"})
    let line = r#"{"@type":"unpackedAccountAddress","workchain_id":0,"bounceable":true,"testnet":false,"addr":"g9/VUuY3KbRy/LzIxF68xmkXAlWLaOx1J+G6QDoPMag="}"#;
    let mut input = JsonReader::new(line);
    let mut addr = None;
    let mut bounceable = None;
    input
        .read_object("unpackedAccountAddress", 1, |input, key| {
            match key {
                "addr" => addr = Some(input.read_field::<_, Bytes>("addr")?),
                "bounceable" => bounceable = Some(input.read_field::<bool, Plain>("bounceable")?),
                _ => input.skip_value()?,
            }
            Ok(())
        })
        .unwrap();
    input.finish().unwrap();
    let addr = addr.unwrap();
    assert_eq!(addr.len(), 32);
    assert_eq!(&addr[..4], &[0x83, 0xdf, 0xd5, 0x52]);
    assert_eq!(bounceable, Some(true));
    let mut out = JsonWriter::new();
    out.bytes(&addr);
    assert_eq!(
        out.as_str(),
        r#""g9/VUuY3KbRy/LzIxF68xmkXAlWLaOx1J+G6QDoPMag=""#
    );
    // As an int256 too.
    let mut input = JsonReader::new(r#""g9/VUuY3KbRy/LzIxF68xmkXAlWLaOx1J+G6QDoPMag=""#);
    let hash: [u8; 32] = input.read_field::<_, Int256>("addr").unwrap();
    assert_eq!(hash.as_slice(), addr.as_slice());
}

// ----- writer ------------------------------------------------------------------------------

#[test]
fn writer_layout() {
    let text = to_string(&sample());
    assert_eq!(
        text,
        concat!(
            r#"{"@type":"sample","id":"-9223372036854775808","count":9007199254740991,"small":-7,"#,
            r#""ratio":0.015625,"flag":true,"data":"AAEC+v8=","hash":"BwcHBwcHBwcHBwcHBwcHBwcHBwcHBwcHBwcHBwcHBwc=","#,
            r#""ids":["1","-2","9223372036854775807"],"note":{"@type":"formattedText","text":"h\u00e9","entities":[]},"#,
            r#""items":[null,{"@type":"textEntityTypeBold"}],"text":"a\"b\\c\n\ud83d\ude00"}"#
        )
    );
    // A null object field is left out.
    let mut without = sample();
    without.note = None;
    assert!(!to_string(&without).contains("note"));
    assert_eq!(from_str::<Sample>(&to_string(&without)).unwrap(), without);
}

#[test]
fn writer_numbers_and_non_finite() {
    let mut out = JsonWriter::new();
    out.begin_array();
    for value in [i64::MIN, -1, 0, 9, 10, i64::MAX] {
        out.array_item();
        out.i64(value);
    }
    for value in [f64::NAN, f64::INFINITY, 2.5e-7, -1e-300] {
        out.array_item();
        out.f64(value);
    }
    out.end_array();
    assert_eq!(
        out.as_str(),
        "[-9223372036854775808,-1,0,9,10,9223372036854775807,null,null,0.000000,-0.000000]"
    );
}

#[test]
fn extra_added_to_a_request() {
    let mut out = JsonWriter::new();
    GetTextEntities { text: "hi".into() }.write_json(&mut out);
    assert!(out.append_raw_field("@extra", r#"{"id":7}"#));
    assert!(out.append_raw_field("@client_id", "1"));
    assert_eq!(
        out.as_str(),
        r#"{"@type":"getTextEntities","text":"hi","@extra":{"id":7},"@client_id":1}"#
    );
    let envelope = scan_envelope(out.as_str()).unwrap();
    assert_eq!(
        (envelope.extra, envelope.client_id),
        (Some(r#"{"id":7}"#), Some(1))
    );
    // Not after an object: nothing is written.
    let mut out = JsonWriter::new();
    out.begin_array();
    assert!(!out.append_raw_field("@extra", "1"));
    assert_eq!(out.as_str(), "[");
    let mut out = JsonWriter::new();
    out.raw("{}");
    assert!(out.append_raw_field("a", "1"));
    assert_eq!(out.as_str(), r#"{"a":1}"#);
}

#[test]
fn function_and_error() {
    let request = GetTextEntities { text: "hi".into() };
    assert_eq!(
        to_string(&request),
        r#"{"@type":"getTextEntities","text":"hi"}"#
    );
    assert_eq!(
        <GetTextEntities as TdFunction>::TYPE_NAME,
        "getTextEntities"
    );
    // td_send before setTdlibParameters answers a well-formed request with this error.
    let answer = r#"{"@type":"error","code":400,"message":"Initialization parameters are needed: call setTdlibParameters first","@extra":7}"#;
    let envelope = scan_envelope(answer).unwrap();
    assert_eq!(envelope.type_name, "error");
    assert_eq!(envelope.extra, Some("7"));
    let error: TdError = from_str(answer).unwrap();
    assert_eq!(error.code, 400);
    // The answer's type through the trait.
    let value: <GetTextEntities as TdFunction>::Return =
        from_str(r#"{"@type":"textEntities","entities":[]}"#).unwrap();
    assert!(value.entities.is_empty());
}

// ----- reader: what TDLib accepts ----------------------------------------------------------

#[test]
fn type_anywhere_numeric_or_absent() {
    let expected = TextEntity {
        offset: 1,
        length: 2,
        r#type: TextEntityType::TextUrl { url: "u".into() },
    };
    for text in [
        r#"{"offset":1,"length":2,"type":{"url":"u","@type":"textEntityTypeTextUrl"},"@type":"textEntity"}"#,
        r#"{"@type":-1951688280,"offset":"1","length":2,"type":{"@type":445719651,"url":"u"}}"#,
        "  {\n\t\"offset\" : 1 ,\r\n \"length\":2,\"type\":{\"@type\":\"textEntityTypeTextUrl\",\"url\":\"u\"}, \"new_field\": {\"a\": [1, {\"b\": null}]}} \n",
    ] {
        assert_eq!(from_str::<TextEntity>(text).unwrap(), expected, "{text}");
    }
    // An unknown numeric @type is kept with the number's text as its name.
    let value: TextEntityType = from_str(r#"{"@type":42}"#).unwrap();
    assert_eq!(
        value,
        TextEntityType::Unknown(UnknownObject::new("42".into(), r#"{"@type":42}"#.into()))
    );
}

/// `peek_type` and `read_type`: the `@type` as written, for readers driven by a schema at
/// run time (tlgen-dynamic's); `peek_type` consumes nothing.
#[test]
fn type_tags_for_schema_driven_readers() {
    use tlgen_runtime::json::{JsonKind, TypeTag};

    for (text, tag) in [
        (
            r#"{"a":{"@type":"x"},"@type":"textEntity","@type":"other"}"#,
            Some(TypeTag::Name("textEntity".into())),
        ),
        (
            r#"{"@type":"te\u0078t"}"#,
            Some(TypeTag::Name("text".into())),
        ),
        (
            r#"{"@type":-1951688280}"#,
            Some(TypeTag::Id {
                id: Some(-1951688280),
                text: "-1951688280",
            }),
        ),
        // Not an int32 in canonical form: no id, the text kept.
        (
            r#"{"@type":2147483648}"#,
            Some(TypeTag::Id {
                id: None,
                text: "2147483648",
            }),
        ),
        (
            r#"{"@type":07}"#,
            Some(TypeTag::Id {
                id: None,
                text: "07",
            }),
        ),
        (r#"{"b":[{"@type":"x"}]}"#, None),
        ("{}", None),
    ] {
        let mut input = JsonReader::new(text);
        assert_eq!(input.peek_type().unwrap(), tag, "{text}");
        assert_eq!(input.position(), 0);
        assert_eq!(input.peek_kind().unwrap(), JsonKind::Object);
        input.skip_value().unwrap();
        input.finish().unwrap();
    }
    // Not an object, or a @type that is neither a string nor a number.
    for (text, expected, offset) in [
        ("[1]", "object", 0),
        (r#"{"@type":true}"#, "string", 9),
        (r#"{"@type":{"@type":"x"}}"#, "string", 9),
    ] {
        let err = JsonReader::new(text).peek_type().unwrap_err();
        assert!(
            matches!(err.kind(), JsonErrorKind::UnexpectedType { expected: e, .. } if *e == expected),
            "{text}: {err}"
        );
        assert_eq!(err.offset(), offset, "{text}");
    }
    // read_type reads the value at the cursor.
    let mut input = JsonReader::new(r#" "updateOption" 7"#);
    assert_eq!(
        input.read_type().unwrap(),
        TypeTag::Name("updateOption".into())
    );
    assert_eq!(
        input.read_type().unwrap(),
        TypeTag::Id {
            id: Some(7),
            text: "7"
        }
    );
    input.finish().unwrap();
}

#[test]
fn integers_as_tdlib_reads_them() {
    let read_i32 = |text: &str| JsonReader::new(text).read_i32();
    let read_i64 = |text: &str| JsonReader::new(text).read_i64();
    assert_eq!(read_i32("2147483647").unwrap(), i32::MAX);
    assert_eq!(read_i32("-2147483648").unwrap(), i32::MIN);
    assert_eq!(read_i32(r#""-5""#).unwrap(), -5);
    assert_eq!(read_i32("0").unwrap(), 0);
    assert_eq!(read_i64(r#""-9223372036854775808""#).unwrap(), i64::MIN);
    assert_eq!(read_i64("9223372036854775807").unwrap(), i64::MAX);
    // `to_integer_safe`: the canonical form only.
    for bad in [
        "2147483648",
        "-2147483649",
        "01",
        "-0",
        "+1",
        "1.0",
        "1e3",
        "-",
        "\"\"",
        "\" 1\"",
        "1.5",
        "99999999999999999999999999",
    ] {
        let error = read_i32(bad).unwrap_err();
        assert_eq!(
            error.kind(),
            &JsonErrorKind::InvalidNumber { expected: "int32" },
            "{bad}"
        );
        assert_eq!(error.offset(), 0);
    }
    assert_json_error(
        read_i64("9223372036854775808"),
        JsonErrorKind::InvalidNumber { expected: "int64" },
        0,
    );
    assert_json_error(
        read_i64(r#""-9223372036854775809""#),
        JsonErrorKind::InvalidNumber { expected: "int64" },
        0,
    );
    // Booleans: also an int32, non-zero being true.
    let read_bool = |text: &str| JsonReader::new(text).read_bool();
    assert!(read_bool("true").unwrap());
    assert!(!read_bool("false").unwrap());
    assert!(read_bool("5").unwrap());
    assert!(!read_bool(r#""0""#).unwrap());
    assert_json_error(
        read_bool("null"),
        JsonErrorKind::UnexpectedType {
            expected: "boolean",
            found: "null",
        },
        0,
    );
    // Doubles: a number only.
    let read_f64 = |text: &str| JsonReader::new(text).read_f64();
    assert_eq!(read_f64("-1.25e2").unwrap(), -125.0);
    assert_eq!(read_f64("3").unwrap(), 3.0);
    assert_json_error(
        read_f64(r#""1.5""#),
        JsonErrorKind::UnexpectedType {
            expected: "number",
            found: "string",
        },
        0,
    );
    assert_json_error(
        read_f64("1e400"),
        JsonErrorKind::InvalidNumber { expected: "double" },
        0,
    );
    assert_json_error(
        read_f64("1..2"),
        JsonErrorKind::InvalidNumber { expected: "double" },
        0,
    );
}

#[test]
fn base64_as_tdlib_reads_it() {
    let read = |text: &str| JsonReader::new(text).read_bytes();
    assert_eq!(read(r#""AAE=""#).unwrap(), [0, 1]);
    assert_eq!(read(r#""""#).unwrap(), Vec::<u8>::new());
    // libtdjson 1.8.61: "AAE" → "Wrong padding length", "AA-_" → "Wrong character".
    for bad in [
        r#""AAE""#,
        r#""AA-_""#,
        r#""AAF=""#,
        r#""A===""#,
        r#""AA==AA==""#,
    ] {
        let error = read(bad).unwrap_err();
        assert_eq!(error.kind(), &JsonErrorKind::InvalidBase64, "{bad}");
    }
    let error = JsonReader::new(r#" "AAE=""#)
        .read_byte_array::<32>()
        .unwrap_err();
    assert_eq!(
        error.kind(),
        &JsonErrorKind::InvalidLength {
            expected: 32,
            found: 2
        }
    );
    assert_eq!(error.offset(), 1);
}

#[test]
fn strings_and_escapes() {
    let read = |text: &str| JsonReader::new(text).read_string();
    assert_eq!(
        read(r#""a\/b\u0041\u00e9\ud83d\ude00""#).unwrap(),
        "a/bAé😀"
    );
    assert_eq!(read("\"raw\ttab\"").unwrap(), "raw\ttab");
    for (bad, kind) in [
        (r#""\q""#, JsonErrorKind::InvalidEscape),
        (r#""\u12""#, JsonErrorKind::InvalidEscape),
        (r#""\u12g4""#, JsonErrorKind::InvalidEscape),
        (r#""\ud800""#, JsonErrorKind::LoneSurrogate),
        (r#""\ud800\u0041""#, JsonErrorKind::LoneSurrogate),
        (r#""\udc00""#, JsonErrorKind::LoneSurrogate),
        (r#""\ud800x""#, JsonErrorKind::LoneSurrogate),
        (r#""abc"#, JsonErrorKind::UnexpectedEnd),
        (r#""abc\"#, JsonErrorKind::UnexpectedEnd),
    ] {
        let error = read(bad).unwrap_err();
        assert_eq!(error.kind(), &kind, "{bad}");
    }
    let error = read(r#""ab\qc""#).unwrap_err();
    assert_eq!(error.offset(), 3);
}

// ----- errors: kind, path, offset ----------------------------------------------------------

fn error_of<T: TdJson + core::fmt::Debug>(text: &str) -> JsonError {
    from_str::<T>(text).unwrap_err()
}

#[test]
fn missing_field_names_its_path() {
    let text = r#"{"@type":"formattedText","text":"x","entities":[{"@type":"textEntity","offset":0,"length":1,"type":{"@type":"textEntityTypeTextUrl"}}]}"#;
    let error = error_of::<FormattedText>(text);
    assert_eq!(
        error.kind(),
        &JsonErrorKind::MissingField {
            field: "url".into()
        }
    );
    assert_eq!(error.path(), "$.entities[0].type.url");
    let object_start = text.find(r#"{"@type":"textEntityTypeTextUrl"#).unwrap();
    assert_eq!(error.offset(), object_start);
    assert_eq!(
        error.to_string(),
        format!("$.entities[0].type: missing required field `url` (at byte {object_start})")
    );
    // At the top.
    let error = error_of::<FormattedText>(r#"{"@type":"formattedText","text":"x"}"#);
    assert_eq!(error.path(), "$.entities");
    assert_eq!(
        error.to_string(),
        "$: missing required field `entities` (at byte 0)"
    );
    // null is not a value for a required field.
    let error = error_of::<FormattedText>(r#"{"text":null,"entities":[]}"#);
    assert_eq!(
        error.kind(),
        &JsonErrorKind::UnexpectedType {
            expected: "string",
            found: "null"
        }
    );
    assert_eq!(error.path(), "$.text");
    assert_eq!(error.offset(), 8);
}

#[test]
fn every_error_kind_with_path_and_offset() {
    type F = FormattedText;
    let cases: &[(&str, JsonErrorKind, &str, usize)] = &[
        (
            r#"{"text":5,"entities":[]}"#,
            JsonErrorKind::UnexpectedType {
                expected: "string",
                found: "number",
            },
            "$.text",
            8,
        ),
        (
            r#"{"text":"","entities":[{"offset":1.5}]}"#,
            JsonErrorKind::InvalidNumber { expected: "int32" },
            "$.entities[0].offset",
            33,
        ),
        (
            r#"{"@type":"formattedTexts","text":""}"#,
            JsonErrorKind::UnexpectedConstructor {
                expected: "formattedText",
                found: "formattedTexts".into(),
            },
            "$.@type",
            9,
        ),
        (
            r#"{"text":"","entities":[{"offset":0,"length":0,"type":{}}]}"#,
            JsonErrorKind::MissingType,
            "$.entities[0].type",
            53,
        ),
        (
            r#"{"text":"","entities":[{"offset":0,"length":0,"type":{"@type":null}}]}"#,
            JsonErrorKind::UnexpectedType {
                expected: "string",
                found: "null",
            },
            "$.entities[0].type",
            62,
        ),
        (
            r#"{"text":"\x"}"#,
            JsonErrorKind::InvalidEscape,
            "$.text",
            9,
        ),
        (
            r#"{"text":"\udfff"}"#,
            JsonErrorKind::LoneSurrogate,
            "$.text",
            9,
        ),
        (r#"{"text":"a""#, JsonErrorKind::UnexpectedEnd, "$", 11),
        (
            r#"{"text":"a" "entities":[]}"#,
            JsonErrorKind::Syntax {
                expected: "',' or '}'",
            },
            "$",
            12,
        ),
        (
            r#"{"text" "a"}"#,
            JsonErrorKind::Syntax { expected: "':'" },
            "$",
            8,
        ),
        (
            r#"{text:"a"}"#,
            JsonErrorKind::Syntax {
                expected: "a string key",
            },
            "$",
            1,
        ),
        (
            r#"{"text":"a","entities":[],"x":tru}"#,
            JsonErrorKind::Syntax {
                expected: "a JSON value",
            },
            "$.x",
            30,
        ),
        (
            r#"{"text":"a","entities":[],"x":[1 2]}"#,
            JsonErrorKind::Syntax {
                expected: "',' or ']'",
            },
            "$.x",
            33,
        ),
        (
            r#"{"text":"a","entities":[]} x"#,
            JsonErrorKind::TrailingCharacters,
            "$",
            27,
        ),
        (
            r#"[]"#,
            JsonErrorKind::UnexpectedType {
                expected: "object",
                found: "array",
            },
            "$",
            0,
        ),
        (r#""#, JsonErrorKind::UnexpectedEnd, "$", 0),
    ];
    for (text, kind, path, offset) in cases {
        let error = error_of::<F>(text);
        assert_eq!(
            (error.kind(), error.path(), error.offset()),
            (kind, *path, *offset),
            "{text}"
        );
    }
    let error = error_of::<Sample>(r#"{"data":"AA"}"#);
    assert_eq!(
        (error.kind(), error.path(), error.offset()),
        (&JsonErrorKind::InvalidBase64, "$.data", 8)
    );
    let error = error_of::<Sample>(r#"{"hash":"AAAA"}"#);
    assert_eq!(
        error.kind(),
        &JsonErrorKind::InvalidLength {
            expected: 32,
            found: 3
        }
    );
    assert_eq!(
        error.to_string(),
        "$.hash: expected 32 bytes, found 3 (at byte 8)"
    );
    let error = error_of::<Sample>(r#"{"ids":["1",{}]}"#);
    assert_eq!((error.path(), error.offset()), ("$.ids[1]", 12));
    assert_eq!(
        error.to_string(),
        "$.ids[1]: expected number, found object (at byte 12)"
    );
    // An escaped key is shown unescaped in the path.
    let error = error_of::<F>(r#"{"t\u0065xt":1}"#);
    assert_eq!(error.path(), "$.text");
}

#[test]
fn depth_limit_is_tdlibs() {
    // A value may stand inside 100 arrays; 101 nested empty arrays pass, as in TDLib.
    let nested =
        |levels: usize, inner: &str| format!("{}{inner}{}", "[".repeat(levels), "]".repeat(levels));
    let skip = |text: &str| {
        let mut reader = JsonReader::new(text);
        reader.skip_value().and_then(|()| reader.finish())
    };
    assert!(skip(&nested(100, "1")).is_ok());
    assert!(skip(&nested(101, "")).is_ok());
    let error = skip(&nested(101, "1")).unwrap_err();
    assert_eq!(error.kind(), &JsonErrorKind::TooDeep { limit: 100 });
    assert_eq!(error.offset(), 101);
    assert!(error.path().starts_with("$[0][0]"));
    // 10,000 levels: an error, not a stack overflow, in every reader.
    let deep = nested(10_000, "");
    assert!(matches!(
        skip(&deep).unwrap_err().kind(),
        JsonErrorKind::TooDeep { .. }
    ));
    let deep_objects = format!("{}{}", r#"{"a":"#.repeat(10_000), "}".repeat(10_000));
    assert!(matches!(
        skip(&deep_objects).unwrap_err().kind(),
        JsonErrorKind::TooDeep { .. }
    ));
    // Typed: a recursive JsonValue nested deeper than the limit.
    let mut typed = String::new();
    for _ in 0..10_000 {
        typed.push_str(r#"{"@type":"jsonValueArray","values":["#);
    }
    let error = from_str::<JsonValue>(&typed).unwrap_err();
    assert!(
        matches!(error.kind(), JsonErrorKind::TooDeep { .. }),
        "{error}"
    );
    // Inside an unknown field, and as an envelope.
    let text = format!(r#"{{"text":"","entities":[],"x":{deep}}}"#);
    assert!(matches!(
        error_of::<FormattedText>(&text).kind(),
        JsonErrorKind::TooDeep { .. }
    ));
    assert_json_error(
        scan_envelope(&format!(r#"{{"@type":"a","@extra":{deep}}}"#)),
        JsonErrorKind::TooDeep { limit: 100 },
        122,
    );
    // A reader with a smaller limit.
    let mut reader = JsonReader::with_max_depth("[[1]]", 1);
    assert_json_error(reader.skip_value(), JsonErrorKind::TooDeep { limit: 1 }, 2);
}

#[test]
fn hostile_inputs_are_errors() {
    let line = to_string(&sample());
    // Every truncation of a valid line is an error (or, for the whole line, a value).
    for end in 0..line.len() {
        if let Some(prefix) = line.get(..end) {
            truncated(from_str::<Sample>(prefix), prefix);
            truncated(scan_envelope(prefix), prefix);
        }
    }
    // Huge numbers and long strings.
    let huge = "9".repeat(100_000);
    assert_json_error(
        JsonReader::new(&huge).read_i64(),
        JsonErrorKind::InvalidNumber { expected: "int64" },
        0,
    );
    assert_json_error(
        JsonReader::new(&huge).read_f64(),
        JsonErrorKind::InvalidNumber { expected: "double" },
        0,
    );
    let long = format!("\"{}\"", "é".repeat(500_000));
    assert_eq!(
        JsonReader::new(&long)
            .read_string()
            .unwrap()
            .chars()
            .count(),
        500_000
    );
    let long_escapes = format!("\"{}\"", r"\u00e9".repeat(100_000));
    assert_eq!(
        JsonReader::new(&long_escapes).read_string().unwrap().len(),
        200_000
    );
    // A wide array of unknown values.
    let wide = format!(
        r#"{{"text":"","entities":[],"x":[{}0]}}"#,
        "{},".repeat(100_000)
    );
    assert!(from_str::<FormattedText>(&wide).is_ok());
    // Odd bytes where values start.
    let syntax = JsonErrorKind::Syntax {
        expected: "a JSON value",
    };
    for (text, kind, offset) in [
        ("\u{0}", syntax.clone(), 0),
        ("\u{feff}{}", syntax.clone(), 0),
        (
            "{\"text\":\"\",\"entities\":[]}\u{0}",
            JsonErrorKind::TrailingCharacters,
            25,
        ),
        // `n` starts a `null` where an object must be: refused there, before the word.
        (
            "nul",
            JsonErrorKind::UnexpectedType {
                expected: "object",
                found: "null",
            },
            0,
        ),
        ("{\"@type\":}", syntax, 9),
    ] {
        assert_json_error(from_str::<FormattedText>(text), kind, offset);
    }
}

#[test]
fn unknown_objects_keep_their_text() {
    let text = r#"{ "type" : {"@type":"textEntityTypeSpoilerNew" , "nested": {"@type":"x","a":[1,2.50,"\u00e9"]}} , "offset":0,"length":1}"#;
    let entity: TextEntity = from_str(text).unwrap();
    let TextEntityType::Unknown(unknown) = &entity.r#type else {
        panic!()
    };
    assert_eq!(unknown.type_name(), "textEntityTypeSpoilerNew");
    assert_eq!(
        unknown.json(),
        r#"{"@type":"textEntityTypeSpoilerNew" , "nested": {"@type":"x","a":[1,2.50,"\u00e9"]}}"#
    );
    assert_eq!(
        to_string(&entity),
        r#"{"@type":"textEntity","offset":0,"length":1,"type":{"@type":"textEntityTypeSpoilerNew" , "nested": {"@type":"x","a":[1,2.50,"\u00e9"]}}}"#
    );
    // The @type is found after other keys; only the object's own keys count.
    let text = r#"{"inner":{"@type":"textEntityTypeBold"},"@type":"textEntityTypeUrl"}"#;
    assert_eq!(
        from_str::<TextEntityType>(text).unwrap(),
        TextEntityType::Url
    );
    let text = r#"{"inner":{"@type":"textEntityTypeBold"}}"#;
    assert_eq!(
        from_str::<TextEntityType>(text).unwrap_err().kind(),
        &JsonErrorKind::MissingType
    );
    // The first @type counts, as in TDLib; a different second one is refused by read_object.
    let text = r#"{"@type":"textEntityTypeUrl","@type":"textEntityTypeBold"}"#;
    assert!(matches!(
        from_str::<TextEntityType>(text).unwrap_err().kind(),
        JsonErrorKind::UnexpectedConstructor { .. }
    ));
}

#[test]
fn peeked_type_is_checked_again_when_it_differs() {
    // peek_constructor finds textEntityTypeUrl; a binding that then reads another constructor
    // at the same place still gets its @type checked.
    let text = r#"{"@type":"textEntityTypeUrl","url":"u"}"#;
    let mut input = JsonReader::new(text);
    assert_eq!(input.peek_constructor(TEXT_ENTITY_TYPES).unwrap(), Some(2));
    let error = input
        .read_object("textEntityTypeTextUrl", 445719651, |input, _| {
            input.skip_value()
        })
        .unwrap_err();
    assert_eq!(
        error.kind(),
        &JsonErrorKind::UnexpectedConstructor {
            expected: "textEntityTypeTextUrl",
            found: "textEntityTypeUrl".into()
        }
    );
    // The same constructor: read on after the @type, every other key still seen.
    let mut input = JsonReader::new(r#" {"@type":"textEntityTypeTextUrl" , "url":"u","x":1}"#);
    assert_eq!(input.peek_constructor(TEXT_ENTITY_TYPES).unwrap(), Some(1));
    let mut keys = Vec::new();
    input
        .read_object("textEntityTypeTextUrl", 445719651, |input, key| {
            keys.push(key.to_owned());
            input.skip_value()
        })
        .unwrap();
    input.finish().unwrap();
    assert_eq!(keys, ["url", "x"]);
}

#[test]
fn envelopes() {
    let line = r#"{"@type":"updateOption","name":"version","value":{"@type":"optionValueString","value":"1.8.61"},"@client_id":1}"#;
    let envelope = scan_envelope(line).unwrap();
    assert_eq!(envelope.type_name, "updateOption");
    assert_eq!((envelope.extra, envelope.client_id), (None, Some(1)));
    let line = r#" {"@extra":["x",{"y":null}], "@client_id":"2" , "@type":"upd\u0061te"} "#;
    let envelope = scan_envelope(line).unwrap();
    assert_eq!(envelope.type_name, "update");
    assert_eq!(envelope.extra, Some(r#"["x",{"y":null}]"#));
    assert_eq!(envelope.client_id, Some(2));
    let error = scan_envelope(r#" {"a":1}"#).unwrap_err();
    assert_eq!(
        (error.kind(), error.offset()),
        (&JsonErrorKind::MissingType, 1)
    );
    assert_json_error(
        scan_envelope(r#"{"@type":"a"} {}"#),
        JsonErrorKind::TrailingCharacters,
        14,
    );
    assert_json_error(
        scan_envelope(r#"{"@type":1}"#),
        JsonErrorKind::UnexpectedType {
            expected: "string",
            found: "number",
        },
        9,
    );
}

// ----- properties --------------------------------------------------------------------------

fn entity_type() -> impl Strategy<Value = TextEntityType> {
    prop_oneof![
        Just(TextEntityType::Bold),
        Just(TextEntityType::Url),
        any::<String>().prop_map(|url| TextEntityType::TextUrl { url }),
    ]
}

fn formatted_text() -> impl Strategy<Value = FormattedText> {
    (
        any::<String>(),
        prop::collection::vec(
            (any::<i32>(), any::<i32>(), entity_type()).prop_map(|(offset, length, r#type)| {
                TextEntity {
                    offset,
                    length,
                    r#type,
                }
            }),
            0..4,
        ),
    )
        .prop_map(|(text, entities)| FormattedText { text, entities })
}

prop_compose! {
    fn samples()(
        id in any::<i64>(),
        count in any::<i64>(),
        small in any::<i32>(),
        // Multiples of 1/64 have at most six decimals: they survive TDLib's printing exactly.
        ratio in any::<i32>().prop_map(|n| f64::from(n) / 64.0),
        flag in any::<bool>(),
        data in prop::collection::vec(any::<u8>(), 0..40),
        hash in any::<[u8; 32]>(),
        ids in prop::collection::vec(any::<i64>(), 0..5),
        note in prop::option::of(formatted_text().prop_map(Box::new)),
        items in prop::collection::vec(prop::option::of(entity_type()), 0..4),
        text in any::<String>(),
    ) -> Sample {
        Sample { id, count, small, ratio, flag, data, hash, ids, note, items, text }
    }
}

proptest! {
    #[test]
    fn read_of_write_is_identity(value in samples()) {
        let text = to_string(&value);
        prop_assert_eq!(from_str::<Sample>(&text).unwrap(), value);
        // The writer's output is ASCII, as TDLib's.
        prop_assert!(text.is_ascii());
    }

    #[test]
    fn doubles_print_as_tdlib_and_read_back(value in any::<f64>().prop_filter("finite", |v| v.is_finite())) {
        let text = to_string(&value);
        let read: f64 = from_str(&text).unwrap();
        // Six decimals, rounded: within half a unit of the sixth decimal (or exact for big values).
        prop_assert!((read - value).abs() <= 5e-7 + value.abs() * 1e-15, "{} {}", value, text);
        prop_assert_eq!(to_string(&read), text);
    }

    #[test]
    fn strings_survive(value in any::<String>()) {
        let mut out = JsonWriter::new();
        out.string(&value);
        prop_assert_eq!(JsonReader::new(out.as_str()).read_string().unwrap(), value);
    }

    #[test]
    fn arbitrary_text_never_panics(bytes in prop::collection::vec(any::<u8>(), 0..200)) {
        let text = String::from_utf8_lossy(&bytes);
        let _ = from_str::<Sample>(&text);
        let _ = from_str::<JsonValue>(&text);
        let _ = from_str::<UnknownObject>(&text);
        let _ = scan_envelope(&text);
        let mut reader = JsonReader::new(&text);
        let _ = reader.skip_value();
    }

    #[test]
    fn json_like_text_never_panics(parts in prop::collection::vec(
        prop::sample::select(vec![
            "{", "}", "[", "]", ",", ":", "\"", "\\", "\\u", "d83d", "\"@type\"", "\"text\"", "\"entities\"",
            "\"textEntityTypeBold\"", "1", "-", "0", "e", ".", "null", "true", " ", "\"a\"", "\"AAE=\"",
        ]),
        0..60,
    )) {
        let text = parts.concat();
        let _ = from_str::<FormattedText>(&text);
        let _ = from_str::<JsonValue>(&text);
        let _ = from_str::<TextEntityType>(&text);
        let _ = scan_envelope(&text);
    }
}

/// `result` fails with `kind` at byte `offset`.
#[track_caller]
fn assert_json_error<T: std::fmt::Debug>(
    result: Result<T, JsonError>,
    kind: JsonErrorKind,
    offset: usize,
) {
    let error = result.unwrap_err();
    assert_eq!((error.kind(), error.offset()), (&kind, offset), "{error}");
}

/// `result`, read from a truncated `prefix` of a valid line, fails within the prefix: at its
/// end, or at an escape, surrogate or number the cut left incomplete.
#[track_caller]
fn truncated<T: std::fmt::Debug>(result: Result<T, JsonError>, prefix: &str) {
    let error = result.unwrap_err();
    assert!(error.offset() <= prefix.len(), "{error} in {prefix:?}");
    assert!(
        matches!(
            error.kind(),
            JsonErrorKind::UnexpectedEnd
                | JsonErrorKind::InvalidEscape
                | JsonErrorKind::LoneSurrogate
                | JsonErrorKind::InvalidNumber { .. }
        ),
        "{error} in {prefix:?}"
    );
}
