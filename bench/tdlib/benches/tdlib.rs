//! TDLib's JSON: tlgen-tdlib against tdlib-rs 1.4.0 (same td_api.tl 1.8.61), in one run.
//!
//! - decode: every line of `updates.jsonl` into the typed `Update` enum. tdlib-rs two ways:
//!   its own receive path (`serde_json::from_str::<Value>`, then `from_value::<Update>`, as
//!   `tdlib_rs::receive` does) and, kinder to it, `serde_json::from_str::<Update>` directly.
//! - encode: eight bot requests to the JSON text `td_send` takes. tdlib-rs builds a request
//!   the way its generated functions do (`json!({"@type": …, field: value, …})`, then
//!   `to_string()`); tlgen-tdlib writes the request struct.

use criterion::{black_box, criterion_group, criterion_main, Criterion};
use serde_json::{json, Value};
use tl_bench_tdlib::UPDATES;

fn decode(c: &mut Criterion) {
    let lines: Vec<&str> = UPDATES.lines().collect();
    // Both must read the whole corpus, or the comparison means nothing.
    for line in &lines {
        let ours: tlgen_tdlib::enums::Update = tlgen_runtime::json::from_str(line)
            .unwrap_or_else(|e| panic!("tlgen-tdlib: {e}: {line}"));
        assert!(
            !matches!(ours, tlgen_tdlib::enums::Update::Unknown(_)),
            "{line}"
        );
        assert_eq!(tlgen_runtime::json::to_string(&ours), *line, "re-encoded");
        serde_json::from_str::<tdlib_rs::enums::Update>(line)
            .unwrap_or_else(|e| panic!("tdlib-rs: {e}: {line}"));
    }
    let mut group = c.benchmark_group("decode 11 TDLib updates");
    group.bench_function("tlgen-tdlib", |b| {
        b.iter(|| {
            for line in &lines {
                let update: tlgen_tdlib::enums::Update =
                    tlgen_runtime::json::from_str(black_box(line)).unwrap();
                black_box(update);
            }
        })
    });
    group.bench_function("tdlib-rs, its receive path (Value, then from_value)", |b| {
        b.iter(|| {
            for line in &lines {
                let value: Value = serde_json::from_str(black_box(line)).unwrap();
                let update: tdlib_rs::enums::Update = serde_json::from_value(value).unwrap();
                black_box(update);
            }
        })
    });
    group.bench_function("tdlib-rs, serde_json::from_str", |b| {
        b.iter(|| {
            for line in &lines {
                let update: tdlib_rs::enums::Update =
                    serde_json::from_str(black_box(line)).unwrap();
                black_box(update);
            }
        })
    });
    group.finish();
}

/// The text of the bot's message: Latin, Cyrillic, an emoji, entities.
const TEXT: &str = "Hello https://telegram.org @telegram — привет 👋";

fn ours_requests() -> Vec<String> {
    use tlgen_runtime::json::to_string;
    use tlgen_tdlib::{enums, functions, types};
    let text = || types::FormattedText {
        text: TEXT.to_owned(),
        entities: vec![types::TextEntity {
            offset: 0,
            length: 5,
            r#type: enums::TextEntityType::Bold(Default::default()),
        }],
    };
    let content = || {
        enums::InputMessageContent::InputMessageText(types::InputMessageText {
            text: text(),
            link_preview_options: None,
            clear_draft: true,
        })
    };
    vec![
        to_string(&functions::SendMessage {
            chat_id: 123_456_789,
            topic_id: None,
            reply_to: None,
            options: None,
            reply_markup: None,
            input_message_content: content(),
        }),
        to_string(&functions::GetChatHistory {
            chat_id: -1_001_234_567_890,
            from_message_id: 5_242_880,
            offset: 0,
            limit: 100,
            only_local: false,
        }),
        to_string(&functions::EditMessageText {
            chat_id: 123_456_789,
            message_id: 5_242_880,
            reply_markup: None,
            input_message_content: content(),
        }),
        to_string(&functions::AnswerCallbackQuery {
            callback_query_id: 6_120_371_294_621_983_744,
            text: "Done ✅".to_owned(),
            show_alert: false,
            url: String::new(),
            cache_time: 0,
        }),
        to_string(&functions::GetChat {
            chat_id: 123_456_789,
        }),
        to_string(&functions::GetUser {
            user_id: 123_456_789,
        }),
        to_string(&functions::DownloadFile {
            file_id: 17,
            priority: 1,
            offset: 0,
            limit: 0,
            synchronous: true,
        }),
        to_string(&functions::DeleteMessages {
            chat_id: -1_001_234_567_890,
            message_ids: vec![5_242_880, 5_243_904, 5_244_928],
            revoke: true,
        }),
    ]
}

fn peer_requests() -> Vec<String> {
    use tdlib_rs::{enums, types};
    let text = || types::FormattedText {
        text: TEXT.to_owned(),
        entities: vec![types::TextEntity {
            offset: 0,
            length: 5,
            r#type: enums::TextEntityType::Bold,
        }],
    };
    let content = || {
        enums::InputMessageContent::InputMessageText(types::InputMessageText {
            text: text(),
            link_preview_options: None,
            clear_draft: true,
        })
    };
    let none: Option<Value> = None;
    vec![
        json!({
            "@type": "sendMessage",
            "chat_id": 123_456_789_i64,
            "topic_id": none,
            "reply_to": none,
            "options": none,
            "reply_markup": none,
            "input_message_content": content(),
        })
        .to_string(),
        json!({
            "@type": "getChatHistory",
            "chat_id": -1_001_234_567_890_i64,
            "from_message_id": 5_242_880_i64,
            "offset": 0,
            "limit": 100,
            "only_local": false,
        })
        .to_string(),
        json!({
            "@type": "editMessageText",
            "chat_id": 123_456_789_i64,
            "message_id": 5_242_880_i64,
            "reply_markup": none,
            "input_message_content": content(),
        })
        .to_string(),
        json!({
            "@type": "answerCallbackQuery",
            "callback_query_id": 6_120_371_294_621_983_744_i64,
            "text": "Done ✅",
            "show_alert": false,
            "url": "",
            "cache_time": 0,
        })
        .to_string(),
        json!({ "@type": "getChat", "chat_id": 123_456_789_i64 }).to_string(),
        json!({ "@type": "getUser", "user_id": 123_456_789_i64 }).to_string(),
        json!({
            "@type": "downloadFile",
            "file_id": 17,
            "priority": 1,
            "offset": 0_i64,
            "limit": 0_i64,
            "synchronous": true,
        })
        .to_string(),
        json!({
            "@type": "deleteMessages",
            "chat_id": -1_001_234_567_890_i64,
            "message_ids": [5_242_880_i64, 5_243_904_i64, 5_244_928_i64],
            "revoke": true,
        })
        .to_string(),
    ]
}

fn encode(c: &mut Criterion) {
    // The same requests: equal as JSON values once TDLib's int64 strings are numbers again.
    let as_values = |requests: Vec<String>| -> Vec<Value> {
        requests
            .iter()
            .map(|r| {
                let mut value: Value = serde_json::from_str(r).unwrap();
                normalize(&mut value);
                value
            })
            .collect()
    };
    let (ours, peer) = (as_values(ours_requests()), as_values(peer_requests()));
    assert!(
        ours.len() == peer.len() && ours.iter().zip(&peer).all(|(a, b)| same(a, b)),
        "{ours:?}\n{peer:?}"
    );
    let mut group = c.benchmark_group("encode 8 TDLib requests");
    group.bench_function("tlgen-tdlib", |b| b.iter(|| black_box(ours_requests())));
    group.bench_function("tdlib-rs (json!, then to_string)", |b| {
        b.iter(|| black_box(peer_requests()))
    });
    group.finish();
}

/// Equal JSON, except that an `@type` one side leaves out is not compared: tdlib-rs writes
/// none for a field of a concrete type (`formattedText`), which TDLib accepts
/// (`from_json(tl_object_ptr)` needs `@type` only for an abstract type).
fn same(a: &Value, b: &Value) -> bool {
    match (a, b) {
        (Value::Object(x), Value::Object(y)) => {
            let keys = |m: &serde_json::Map<String, Value>,
                        other: &serde_json::Map<String, Value>| {
                m.keys()
                    .filter(|k| *k != "@type" || other.contains_key("@type"))
                    .cloned()
                    .collect::<Vec<_>>()
            };
            keys(x, y) == keys(y, x) && keys(x, y).iter().all(|k| same(&x[k], &y[k]))
        }
        (Value::Array(x), Value::Array(y)) => {
            x.len() == y.len() && x.iter().zip(y).all(|(a, b)| same(a, b))
        }
        _ => a == b,
    }
}

/// Numbers written as strings (int64) become numbers; `null` fields are dropped.
fn normalize(value: &mut Value) {
    match value {
        Value::String(s) => {
            if let Ok(n) = s.parse::<i64>() {
                *value = json!(n);
            }
        }
        Value::Array(items) => items.iter_mut().for_each(normalize),
        Value::Object(map) => {
            map.retain(|_, v| !v.is_null());
            map.values_mut().for_each(normalize);
        }
        _ => {}
    }
}

criterion_group!(benches, decode, encode);
criterion_main!(benches);
