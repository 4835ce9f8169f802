//! TDLib's JSON read by tlgen-runtime's `json` module against serde_json 1 (`Value`, and
//! `IgnoredAny` for bare validation), on a real-shaped `updateNewMessage` line (a text message
//! with entities, in libtdjson 1.8.61's layout: `@type` first, null objects left out, int64 as
//! strings, doubles with six decimals) and on `getTextEntities`' answer.
//!
//! ```text
//! cargo bench -p tl-bench --bench tdjson -- --warm-up-time 1 --measurement-time 3
//! ```
//!
//! - `envelope/…`: the line's `@type`, `@extra` and `@client_id` — `scan_envelope` (checks the
//!   whole line's syntax, decodes nothing else) against a `serde_json::Value` and three lookups.
//! - `validate/…`: the whole line checked and skipped — `JsonReader::skip_value` against
//!   `serde_json::from_str::<IgnoredAny>`.
//! - `typed/…`: `formattedText` with its entities into hand-written bindings shaped as the
//!   generator emits them, against a `serde_json::Value` of the same line and against serde
//!   derives shaped as tdlib-rs's (`#[serde(tag = "@type")]` enums); `…as_object`: the same
//!   line read as a root enum of any object, as `td_receive`'s answers are (serde's internally
//!   tagged enum buffers the whole object before reading it as the variant).
//! - `encode/…`: the same `formattedText` written back (`to_string`), against
//!   `serde_json::to_string` of its `Value`.
//!
//! The typed comparison with tdlib-rs over the generated td_api crate is `benches/…` of the
//! td_api crate; this one measures the runtime alone.

// A bench binary has no API to document, and `criterion_group!` defines a `pub fn`.
#![allow(missing_docs)]

use std::hint::black_box;

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use tlgen_runtime::json::{
    from_str, scan_envelope, to_string, JsonError, JsonReader, JsonWriter, Plain, TdJson,
    UnknownObject, Vector,
};

/// An `updateNewMessage` as libtdjson 1.8.61 prints one (td_api.tl's field order; the null
/// objects of a plain incoming text message left out), with `@client_id` appended.
const UPDATE: &str = concat!(
    r#"{"@type":"updateNewMessage","message":{"@type":"message","id":1048576,"sender_id":{"@type":"messageSenderUser","user_id":123456789},"#,
    r#""chat_id":-1001234567890,"is_outgoing":false,"is_pinned":false,"is_from_offline":false,"can_be_saved":true,"#,
    r#""has_timestamped_media":true,"is_channel_post":false,"is_paid_star_suggested_post":false,"is_paid_ton_suggested_post":false,"#,
    r#""contains_unread_mention":false,"date":1733580000,"edit_date":0,"interaction_info":{"@type":"messageInteractionInfo","#,
    r#""view_count":0,"forward_count":0,"reply_info":{"@type":"messageReplyInfo","reply_count":3,"recent_replier_ids":[{"@type":"messageSenderUser","user_id":987654321}],"#,
    r#""last_read_inbox_message_id":1047552,"last_read_outbox_message_id":1047552,"last_message_id":1048575},"reactions":{"@type":"messageReactions","#,
    r#""reactions":[{"@type":"messageReaction","type":{"@type":"reactionTypeEmoji","emoji":"\ud83d\udc4d"},"total_count":5,"is_chosen":false,"#,
    r#""recent_sender_ids":[{"@type":"messageSenderUser","user_id":111},{"@type":"messageSenderUser","user_id":222}]}],"are_tags":false,"paid_reactors":[],"#,
    r#""can_get_added_reactions":false}},"unread_reactions":[],"reply_to":{"@type":"messageReplyToMessage","chat_id":-1001234567890,"message_id":1047552,"#,
    r#""origin_send_date":0},"topic_id":{"@type":"messageTopicThread","message_thread_id":1047552},"self_destruct_in":0.000000,"auto_delete_in":0.000000,"#,
    r#""via_bot_user_id":0,"sender_business_bot_user_id":0,"sender_boost_count":0,"paid_message_star_count":0,"author_signature":"","#,
    r#""media_album_id":"0","effect_id":"0","summary_language_code":"","content":{"@type":"messageText","text":{"@type":"formattedText","#,
    r#""text":"Hello @telegram, see https://telegram.org and /start \u2014 \u041f\u0440\u0438\u0432\u0435\u0442, \u043c\u0438\u0440! #news $TON","#,
    r#""entities":[{"@type":"textEntity","offset":6,"length":9,"type":{"@type":"textEntityTypeMention"}},"#,
    r#"{"@type":"textEntity","offset":21,"length":20,"type":{"@type":"textEntityTypeUrl"}},"#,
    r#"{"@type":"textEntity","offset":46,"length":6,"type":{"@type":"textEntityTypeBotCommand"}},"#,
    r#"{"@type":"textEntity","offset":68,"length":5,"type":{"@type":"textEntityTypeHashtag"}},"#,
    r#"{"@type":"textEntity","offset":74,"length":4,"type":{"@type":"textEntityTypeCashtag"}}]},"#,
    r#""link_preview_options":{"@type":"linkPreviewOptions","is_disabled":false,"url":"https://telegram.org","force_small_media":false,"#,
    r#""force_large_media":true,"show_above_text":false}}},"@client_id":1}"#
);

/// `getTextEntities`' answer for a text with 20 entities (libtdjson's layout).
fn text_line() -> String {
    let mut entities = Vec::new();
    for i in 0..20 {
        let kind = [
            "textEntityTypeBold",
            "textEntityTypeUrl",
            "textEntityTypeTextUrl",
        ][i % 3];
        let extra = if i % 3 == 2 {
            r#","url":"https://example.com/page""#
        } else {
            ""
        };
        entities.push(format!(
            r#"{{"@type":"textEntity","offset":{},"length":4,"type":{{"@type":"{kind}"{extra}}}}}"#,
            i * 5
        ));
    }
    format!(
        r#"{{"@type":"formattedText","text":"{}","entities":[{}]}}"#,
        "word \\u00e9 ".repeat(20),
        entities.join(",")
    )
}

#[derive(Debug, Clone, PartialEq)]
enum TextEntityType {
    Bold,
    Url,
    TextUrl { url: String },
    Unknown(UnknownObject),
}

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

/// A root type as `td_receive` answers it: any object, chosen by its `@type`.
#[derive(Debug, Clone, PartialEq)]
enum Object {
    FormattedText(FormattedText),
    TextEntityType(TextEntityType),
    Unknown(UnknownObject),
}

const OBJECTS: &[(&str, i32)] = &[
    ("formattedText", -252624564),
    ("textEntityTypeBold", -1128210000),
];

impl TdJson for Object {
    fn write_json(&self, out: &mut JsonWriter) {
        match self {
            Self::FormattedText(value) => value.write_json(out),
            Self::TextEntityType(value) => value.write_json(out),
            Self::Unknown(value) => value.write_json(out),
        }
    }

    fn read_json(input: &mut JsonReader<'_>) -> Result<Self, JsonError> {
        Ok(match input.peek_constructor(OBJECTS)? {
            Some(0) => Self::FormattedText(FormattedText::read_json(input)?),
            Some(_) => Self::TextEntityType(TextEntityType::read_json(input)?),
            None => Self::Unknown(input.read_unknown()?),
        })
    }
}

/// The same types as tdlib-rs 1.4.0 declares them: serde derives, an internally tagged enum
/// (`#[serde(tag = "@type")]`, which buffers each object before choosing its variant).
// The fields are filled by serde and dropped unread: the bench measures the decoding.
#[allow(dead_code)]
mod serde_types {
    use serde::Deserialize;

    #[derive(Debug, Deserialize)]
    #[serde(tag = "@type")]
    pub enum TextEntityType {
        #[serde(rename = "textEntityTypeBold")]
        Bold,
        #[serde(rename = "textEntityTypeUrl")]
        Url,
        #[serde(rename = "textEntityTypeTextUrl")]
        TextUrl(TextEntityTypeTextUrl),
    }

    #[derive(Debug, Deserialize)]
    pub struct TextEntityTypeTextUrl {
        pub url: String,
    }

    #[derive(Debug, Deserialize)]
    pub struct TextEntity {
        pub offset: i32,
        pub length: i32,
        #[serde(rename = "type")]
        pub type_: TextEntityType,
    }

    #[derive(Debug, Deserialize)]
    pub struct FormattedText {
        pub text: String,
        pub entities: Vec<TextEntity>,
    }

    #[derive(Debug, Deserialize)]
    #[serde(tag = "@type")]
    pub enum Object {
        #[serde(rename = "formattedText")]
        FormattedText(FormattedText),
        #[serde(rename = "textEntityTypeBold")]
        TextEntityTypeBold,
    }
}

fn envelope(c: &mut Criterion) {
    // Both read the same thing.
    let ours = scan_envelope(UPDATE).expect("the update scans");
    let value: serde_json::Value = serde_json::from_str(UPDATE).expect("the update parses");
    assert_eq!(value["@type"], *ours.type_name);
    assert_eq!(value["@client_id"], 1);
    assert_eq!(ours.client_id, Some(1));

    let mut group = c.benchmark_group("envelope");
    group.throughput(Throughput::Bytes(UPDATE.len() as u64));
    group.bench_function("ours", |b| {
        b.iter(|| {
            let envelope = scan_envelope(black_box(UPDATE)).expect("scans");
            black_box((envelope.type_name, envelope.extra, envelope.client_id));
        });
    });
    group.bench_function("serde_json_value", |b| {
        b.iter(|| {
            let value: serde_json::Value = serde_json::from_str(black_box(UPDATE)).expect("parses");
            let type_name = value
                .get("@type")
                .and_then(|t| t.as_str())
                .map(str::to_owned);
            black_box((
                type_name,
                value.get("@extra").is_some(),
                value.get("@client_id").and_then(|c| c.as_i64()),
            ));
        });
    });
    group.finish();

    let mut group = c.benchmark_group("validate");
    group.throughput(Throughput::Bytes(UPDATE.len() as u64));
    group.bench_function("ours", |b| {
        b.iter(|| {
            let mut reader = JsonReader::new(black_box(UPDATE));
            reader.skip_value().expect("valid");
            reader.finish().expect("one value");
        });
    });
    group.bench_function("serde_json_ignored_any", |b| {
        b.iter(|| {
            let _: serde::de::IgnoredAny = serde_json::from_str(black_box(UPDATE)).expect("valid");
        });
    });
    group.bench_function("ours_unknown_object", |b| {
        b.iter(|| black_box(from_str::<UnknownObject>(black_box(UPDATE)).expect("reads")));
    });
    group.finish();
}

fn typed(c: &mut Criterion) {
    let line = text_line();
    let text: FormattedText = from_str(&line).expect("the text reads");
    assert_eq!(text.entities.len(), 20);
    assert_eq!(to_string(&text), line);
    let value: serde_json::Value = serde_json::from_str(&line).expect("the text parses");

    let mut group = c.benchmark_group("typed");
    group.throughput(Throughput::Bytes(line.len() as u64));
    group.bench_function("ours", |b| {
        b.iter(|| black_box(from_str::<FormattedText>(black_box(&line)).expect("reads")));
    });
    group.bench_function("serde_json_value", |b| {
        b.iter(|| {
            black_box(serde_json::from_str::<serde_json::Value>(black_box(&line)).expect("parses"))
        });
    });
    group.bench_function("ours_as_object", |b| {
        b.iter(|| black_box(from_str::<Object>(black_box(&line)).expect("reads")));
    });
    group.bench_function("serde_derive_tagged_as_object", |b| {
        b.iter(|| {
            black_box(
                serde_json::from_str::<serde_types::Object>(black_box(&line)).expect("parses"),
            )
        });
    });
    group.bench_function("serde_derive_tagged", |b| {
        b.iter(|| {
            black_box(
                serde_json::from_str::<serde_types::FormattedText>(black_box(&line))
                    .expect("parses"),
            )
        });
    });
    group.finish();

    let mut group = c.benchmark_group("encode");
    group.throughput(Throughput::Bytes(line.len() as u64));
    group.bench_function("ours", |b| {
        b.iter(|| black_box(to_string(black_box(&text))))
    });
    group.bench_function("serde_json_value", |b| {
        b.iter(|| black_box(serde_json::to_string(black_box(&value)).expect("writes")));
    });
    group.finish();
}

criterion_group!(benches, envelope, typed);
criterion_main!(benches);
