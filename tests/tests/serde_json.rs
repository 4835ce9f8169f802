//! `tlgen-types`' `serde` feature speaks canonical TL-JSON.
//!
//! Two kinds of oracle:
//! - independent: the `hand_written_*` tests give, for constructors covering every kind of
//!   param, the JSON written by hand from the documented mapping (the table "Canonical
//!   TL-JSON" in `tlgen-dynamic`'s crate docs, `tl-dynamic/src/lib.rs`; each expectation
//!   cites its row) and base64 from RFC 4648 §4. The generated serde impls go through
//!   `tlgen-dynamic` (`generated/src/serde_support.rs`), so these are what checks that
//!   mapping against its documentation.
//! - consistency: for every constructor and function sample, `serde_json::to_value` of the
//!   generated value equals the JSON `tlgen-dynamic` gives for its bytes, and
//!   `serde_json::from_value` reads it back to an equal value — through `Object` (any boxed
//!   value) and through a concrete enum and struct. This one compares our code with itself:
//!   it catches a type whose bytes and JSON disagree, not a wrong mapping.

use serde_json::json;
use tl_integration_tests::on_big_stack;
use tl_integration_tests::sample::{Catalog, Coverage, Mode};
use tlgen_dynamic::{Schema, Type};
use tlgen_parser::{Category, Definition};
use tlgen_types::{enums, functions, types, Deserializable, Object, Serializable};

const MODES: [Mode; 3] = Mode::BASIC;

fn check(schema: &Schema, def: &Definition, bytes: &[u8]) -> Result<(), String> {
    let ty = match def.category {
        Category::Type => Type::OBJECT,
        Category::Function => Type::FUNCTION,
    };
    let dynamic = schema
        .decode_as(bytes, &ty)
        .map_err(|e| format!("dynamic: {e}"))?;
    let expected = serde_json::to_value(schema.json(&dynamic)).map_err(|e| e.to_string())?;
    let object = Object::from_bytes(bytes).map_err(|e| format!("static: {e}"))?;
    let actual = serde_json::to_value(&object).map_err(|e| format!("serialize: {e}"))?;
    if actual != expected {
        return Err(format!(
            "JSON differs:\n static: {actual}\ndynamic: {expected}"
        ));
    }
    let back: Object = serde_json::from_value(actual).map_err(|e| format!("deserialize: {e}"))?;
    if back != object {
        return Err("read back to a different value".into());
    }
    Ok(())
}

fn run<'a>(
    defs: impl Iterator<Item = &'a Definition<'static>>,
    schema: &Schema,
    catalog: &Catalog,
) -> usize {
    let mut coverage = Coverage::default();
    let mut failures = Vec::new();
    let mut samples = 0;
    for def in defs {
        for mode in MODES {
            let bytes = catalog.sample(def, mode, &mut coverage);
            samples += 1;
            if let Err(e) = check(schema, def, &bytes) {
                failures.push(format!("{} [{mode}]: {e}", def.name));
            }
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {samples} samples failed:\n{}",
        failures.len(),
        failures[..failures.len().min(10)].join("\n")
    );
    samples
}

#[test]
fn every_sample_serializes_as_the_dynamic_json_and_reads_back() {
    let samples = on_big_stack(|| {
        let catalog = Catalog::load();
        let schema = Schema::from_parsed(&catalog.schema).expect("the dynamic schema builds");
        run(catalog.constructors(), &schema, &catalog) + run(catalog.functions(), &schema, &catalog)
    });
    assert_eq!(samples, (1750 + 860) * MODES.len());
}

#[test]
fn a_struct_and_a_function_in_canonical_json() {
    let call = functions::payments::SendStarsForm {
        form_id: 42,
        invoice: enums::InputInvoice::Slug(types::InputInvoiceSlug {
            slug: "gift".into(),
        }),
    };
    let expected = json!({
        "_": "payments.sendStarsForm",
        "form_id": "42",
        "invoice": {"_": "inputInvoiceSlug", "slug": "gift"}
    });
    assert_eq!(serde_json::to_value(&call).unwrap(), expected);
    let back: functions::payments::SendStarsForm = serde_json::from_value(expected).unwrap();
    assert_eq!(back, call);
    assert_eq!(back.to_bytes(), call.to_bytes());
}

#[test]
fn a_value_of_another_constructor_is_refused() {
    let json = json!({"_": "inputInvoiceSlug", "slug": "gift"});
    let err = serde_json::from_value::<types::InputInvoiceMessage>(json).unwrap_err();
    assert!(
        err.to_string()
            .contains("unexpected constructor 0xc326caef for inputInvoiceMessage"),
        "{err}"
    );
}

/// `value` serializes to exactly `expected` and reads back from it to an equal value that
/// encodes to the same bytes.
fn assert_json<T>(value: &T, expected: serde_json::Value)
where
    T: serde::Serialize + serde::de::DeserializeOwned + PartialEq + std::fmt::Debug + Serializable,
{
    assert_eq!(serde_json::to_value(value).unwrap(), expected);
    let back: T = serde_json::from_value(expected).unwrap();
    assert_eq!(&back, value);
    assert_eq!(back.to_bytes(), value.to_bytes());
}

/// `int`, `long`, `double` (finite and not), a `flags.N?int` present and absent, the flag
/// word: `geoPoint#b2a2f663 flags:# long:double lat:double access_hash:long
/// accuracy_radius:flags.0?int = GeoPoint`.
#[test]
fn hand_written_numbers_and_optional_fields() {
    let point = types::GeoPoint {
        long: 37.5,
        lat: -0.25,
        access_hash: i64::MIN,
        accuracy_radius: Some(5),
    };
    // Rows: `double` is a number; `long` a decimal string; `int` a number; the `#` flag
    // word is omitted.
    assert_json(
        &point,
        json!({
            "_": "geoPoint",
            "long": 37.5,
            "lat": -0.25,
            "access_hash": "-9223372036854775808",
            "accuracy_radius": 5
        }),
    );
    // Row "absent `flags.N?T`: omitted"; "`\"Infinity\"`, `\"-Infinity\"` for the non-finite".
    let far = types::GeoPoint {
        long: f64::INFINITY,
        lat: f64::NEG_INFINITY,
        access_hash: 42,
        accuracy_radius: None,
    };
    assert_json(
        &far,
        json!({
            "_": "geoPoint",
            "long": "Infinity",
            "lat": "-Infinity",
            "access_hash": "42"
        }),
    );
    // Row "`double`: … `\"NaN\"`" (NaN is not equal to itself: written only).
    let nan = types::GeoPoint {
        long: f64::NAN,
        ..far
    };
    assert_eq!(serde_json::to_value(&nan).unwrap()["long"], json!("NaN"));
    // Reading: "a JSON integer is accepted" for `long`; "`null` is accepted" for an absent
    // optional field.
    let back: types::GeoPoint = serde_json::from_value(json!({
        "_": "geoPoint", "long": 37.5, "lat": -0.25, "access_hash": 42, "accuracy_radius": null
    }))
    .unwrap();
    assert_eq!(back.access_hash, 42);
    assert_eq!(back.accuracy_radius, None);
}

/// `bytes` as standard base64 with padding: `fileHash#f39b035c offset:long limit:int
/// hash:bytes = FileHash`.
#[test]
fn hand_written_bytes_are_padded_standard_base64() {
    // RFC 4648 §4: ff 00 10 → "/wAQ" ('/' is standard base64, not URL-safe '_'); fb → "+w==".
    let hash = types::FileHash {
        offset: 1,
        limit: 2,
        hash: vec![0xff, 0x00, 0x10],
    };
    assert_json(
        &hash,
        json!({"_": "fileHash", "offset": "1", "limit": 2, "hash": "/wAQ"}),
    );
    let short = types::FileHash {
        hash: vec![0xfb],
        ..hash
    };
    assert_json(
        &short,
        json!({"_": "fileHash", "offset": "1", "limit": 2, "hash": "+w=="}),
    );
    let empty = types::FileHash {
        hash: Vec::new(),
        ..short
    };
    assert_json(
        &empty,
        json!({"_": "fileHash", "offset": "1", "limit": 2, "hash": ""}),
    );
}

/// `int128` and `int256` as base64 of their 16 and 32 bytes, a boxed `Vector<long>`:
/// `resPQ#05162463 nonce:int128 server_nonce:int128 pq:bytes
/// server_public_key_fingerprints:Vector<long> = ResPQ` and `p_q_inner_data#83c95aec
/// pq:bytes p:bytes q:bytes nonce:int128 server_nonce:int128 new_nonce:int256`.
#[test]
fn hand_written_int128_int256_and_a_vector_of_longs() {
    let counting = |from: u8| -> [u8; 16] { std::array::from_fn(|i| from + i as u8) };
    let res_pq = types::ResPq {
        nonce: counting(0),
        server_nonce: counting(16),
        pq: vec![0x17, 0xed, 0x48, 0x94, 0x1a, 0x08, 0xf9, 0x81],
        server_public_key_fingerprints: vec![-1, 2],
    };
    // Rows "`bytes`, `int128`, `int256`: standard base64 with `=` padding"; "`Vector<T>`:
    // array" of `long`s, each a decimal string.
    assert_json(
        &res_pq,
        json!({
            "_": "resPQ",
            "nonce": "AAECAwQFBgcICQoLDA0ODw==",
            "server_nonce": "EBESExQVFhcYGRobHB0eHw==",
            "pq": "F+1IlBoI+YE=",
            "server_public_key_fingerprints": ["-1", "2"]
        }),
    );
    let inner = types::PQInnerData {
        pq: vec![0xfb],
        p: Vec::new(),
        q: vec![0xff, 0x00, 0x10],
        nonce: counting(0),
        server_nonce: counting(16),
        new_nonce: std::array::from_fn(|i| i as u8),
    };
    assert_json(
        &inner,
        json!({
            "_": "p_q_inner_data",
            "pq": "+w==",
            "p": "",
            "q": "/wAQ",
            "nonce": "AAECAwQFBgcICQoLDA0ODw==",
            "server_nonce": "EBESExQVFhcYGRobHB0eHw==",
            "new_nonce": "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8="
        }),
    );
    // A 15-byte `int128` is refused when reading.
    let mut short = serde_json::to_value(&res_pq).unwrap();
    short["nonce"] = json!("AAECAwQFBgcICQoLDA0O");
    let err = serde_json::from_value::<types::ResPq>(short).unwrap_err();
    assert_eq!(
        err.to_string(),
        "$.nonce: invalid int128: 15 bytes instead of 16"
    );
}

/// A bare vector of bare constructors: `future_salts#ae500895 req_msg_id:long now:int
/// salts:vector<future_salt> = FutureSalts` (`future_salt#0949d9dc valid_since:int
/// valid_until:int salt:long`).
#[test]
fn hand_written_bare_vector_of_bare_constructors() {
    let salts = types::FutureSalts {
        req_msg_id: 7,
        now: 8,
        salts: vec![types::FutureSalt {
            valid_since: 1,
            valid_until: 2,
            salt: -3,
        }],
    };
    // Rows "`vector<T>`: array"; "constructor …, boxed or bare: `{\"_\": name, …}`": a bare
    // item still carries its name.
    assert_json(
        &salts,
        json!({
            "_": "future_salts",
            "req_msg_id": "7",
            "now": 8,
            "salts": [
                {"_": "future_salt", "valid_since": 1, "valid_until": 2, "salt": "-3"}
            ]
        }),
    );
}

/// `Bool` params (optional, both values), a nested boxed object with no params and one
/// absent: `inputPeerNotifySettings#cacb6ae2 flags:# show_previews:flags.0?Bool
/// silent:flags.1?Bool mute_until:flags.2?int sound:flags.3?NotificationSound …`.
#[test]
fn hand_written_bools_and_nested_objects() {
    let settings = types::InputPeerNotifySettings {
        show_previews: Some(true),
        silent: Some(false),
        mute_until: None,
        sound: Some(enums::NotificationSound::Local(
            types::NotificationSoundLocal {
                title: "Ding".into(),
                data: "ding.mp3".into(),
            },
        )),
        stories_muted: None,
        stories_hide_sender: None,
        stories_sound: Some(enums::NotificationSound::Default(
            types::NotificationSoundDefault {},
        )),
    };
    // Rows "`Bool`: `true` / `false`"; "absent `flags.N?T`: omitted"; a nested object is
    // `{"_": name, params}`, with no params just its name.
    assert_json(
        &settings,
        json!({
            "_": "inputPeerNotifySettings",
            "show_previews": true,
            "silent": false,
            "sound": {"_": "notificationSoundLocal", "title": "Ding", "data": "ding.mp3"},
            "stories_sound": {"_": "notificationSoundDefault"}
        }),
    );
}

/// `flags.N?true`, an optional vector, a nested boxed object, a `string`, and a bit shared
/// by a `true` and a value: `inputMediaUploadedPhoto#7d8375da flags:# spoiler:flags.2?true
/// live_photo:flags.3?true file:InputFile stickers:flags.0?Vector<InputDocument>
/// ttl_seconds:flags.1?int video:flags.3?InputDocument = InputMedia`.
#[test]
fn hand_written_true_flags_and_optional_vectors() {
    let file = enums::InputFile::InputFile(types::InputFile {
        id: 1,
        parts: 2,
        name: "a.jpg".into(),
        md5_checksum: String::new(),
    });
    let photo = types::InputMediaUploadedPhoto {
        spoiler: true,
        file: file.clone(),
        stickers: Some(Vec::new()),
        ttl_seconds: None,
        video: None,
    };
    // Rows "`flags.N?true`: `true` when set, omitted when clear"; "`Vector<T>`: array"
    // (present and empty is `[]`, not omitted); "`string`: string".
    assert_json(
        &photo,
        json!({
            "_": "inputMediaUploadedPhoto",
            "spoiler": true,
            "file": {"_": "inputFile", "id": "1", "parts": 2, "name": "a.jpg", "md5_checksum": ""},
            "stickers": []
        }),
    );
    // `video` sets bit 3, so `live_photo` (flags.3?true) reads as set: `true`.
    let live = types::InputMediaUploadedPhoto {
        spoiler: false,
        file,
        stickers: None,
        ttl_seconds: Some(10),
        video: Some(enums::InputDocument::Empty(types::InputDocumentEmpty {})),
    };
    assert_json(
        &live,
        json!({
            "_": "inputMediaUploadedPhoto",
            "live_photo": true,
            "file": {"_": "inputFile", "id": "1", "parts": 2, "name": "a.jpg", "md5_checksum": ""},
            "ttl_seconds": 10,
            "video": {"_": "inputDocumentEmpty"}
        }),
    );
}

/// A boxed vector of boxed objects and a non-ASCII string: `textWithEntities#751f3146
/// text:string entities:Vector<MessageEntity>`.
#[test]
fn hand_written_vector_of_objects() {
    let text = types::TextWithEntities {
        text: "h\u{e9}llo \u{1f600}".into(),
        entities: vec![
            enums::MessageEntity::Bold(types::MessageEntityBold {
                offset: 0,
                length: 5,
            }),
            enums::MessageEntity::Bold(types::MessageEntityBold {
                offset: -1,
                length: i32::MAX,
            }),
        ],
    };
    assert_json(
        &text,
        json!({
            "_": "textWithEntities",
            "text": "h\u{e9}llo \u{1f600}",
            "entities": [
                {"_": "messageEntityBold", "offset": 0, "length": 5},
                {"_": "messageEntityBold", "offset": -1, "length": 2147483647}
            ]
        }),
    );
}

/// A generic function's `!X`: the query is the call's own object, named by `"_"`:
/// `invokeWithLayer#da9b0d0d {X:Type} layer:int query:!X = X`.
#[test]
fn hand_written_generic_query() {
    let call = functions::InvokeWithLayer {
        layer: 230,
        query: functions::help::GetConfig {},
    };
    let expected = json!({
        "_": "invokeWithLayer",
        "layer": 230,
        "query": {"_": "help.getConfig"}
    });
    assert_json(&call, expected.clone());
    // Through `Object`, whose query is any call.
    let object: Object = serde_json::from_value(expected.clone()).unwrap();
    assert_eq!(object.to_bytes(), call.to_bytes());
    assert_eq!(serde_json::to_value(&object).unwrap(), expected);
    // A constructor where `!X` wants a call is refused (reading JSON, as reading bytes).
    let constructor = json!({
        "_": "invokeWithLayer",
        "layer": 230,
        "query": {"_": "notificationSoundDefault"}
    });
    let err = serde_json::from_value::<Object>(constructor).unwrap_err();
    assert_eq!(
        err.to_string(),
        "$.query._: expected a function call, found object notificationSoundDefault"
    );
}
