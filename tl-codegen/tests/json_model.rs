//! The JSON decisions of TDLib's and tonlib's dialects, read from the model (not from the
//! generated tokens): names, markers, nullability, `Unknown` variants, roots, returns.

use std::path::Path;

use tlgen_codegen::model::json::{JsonDialect, JsonMarker};
use tlgen_codegen::model::{self, Item, Model, RustType};
use tlgen_codegen::NoDocs;

fn model(case: &str, dialect: JsonDialect) -> Model {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join(format!("tests/snapshots/{case}.tl"));
    let text = std::fs::read_to_string(path).unwrap();
    let schema = tlgen_parser::parse(&text);
    model::lower(&schema, &NoDocs)
        .unwrap()
        .with_json(&dialect)
        .unwrap()
}

fn item<'m>(items: &'m [Item], tl_name: &str) -> &'m Item {
    items.iter().find(|i| i.tl_name == tl_name).unwrap()
}

/// `(JSON name, Rust type as text, marker, nullable)` of every field of an item.
fn fields(item: &Item) -> Vec<(String, String, JsonMarker, bool)> {
    item.fields
        .iter()
        .map(|f| {
            let json = f.json.as_ref().expect("decided");
            (
                json.name.clone(),
                json.field_type().to_string(),
                json.field_marker(),
                json.nullable,
            )
        })
        .collect()
}

fn plain() -> Box<JsonMarker> {
    Box::new(JsonMarker::Plain)
}

#[test]
fn tdlib_fields_follow_the_documentation() {
    let m = model("tdjson", JsonDialect::Tdlib);
    let file = item(&m.constructors, "file");
    assert_eq!(
        fields(file),
        [
            ("id".into(), "i64".into(), JsonMarker::Plain, false),
            ("size".into(), "i64".into(), JsonMarker::Plain, false),
            ("hash".into(), "i64".into(), JsonMarker::Int64, false),
            ("data".into(), "Vec<u8>".into(), JsonMarker::Bytes, false),
            (
                "type".into(),
                "enums::FileType".into(),
                JsonMarker::Plain,
                false
            ),
            // "File thumbnail; may be null", and recursive: boxed.
            (
                "thumbnail".into(),
                "Option<Box<types::File>>".into(),
                JsonMarker::Nullable(Box::new(JsonMarker::Boxed(plain()))),
                true
            ),
        ]
    );
    let message = item(&m.constructors, "message");
    let f = fields(message);
    // "The replied message; may be null" / "Attached file; pass null if none".
    assert!(f[1].3 && f[2].3, "{f:?}");
    assert_eq!(f[3].2, JsonMarker::Vector(Box::new(JsonMarker::Int64)));
    assert!(!f[5].3);
    // "List of messages; messages may be null": the elements.
    let messages = fields(item(&m.constructors, "messages"));
    assert_eq!(
        messages[1],
        (
            "messages".into(),
            "Vec<Option<types::Message>>".into(),
            JsonMarker::Vector(Box::new(JsonMarker::Nullable(plain()))),
            false
        )
    );
    // Vectors of vectors, int64 inside.
    let files = fields(item(&m.constructors, "updateFiles"));
    assert_eq!(files[0].1, "Vec<Vec<types::File>>");
    assert_eq!(files[1].2, JsonMarker::Vector(Box::new(JsonMarker::Int64)));
    // "pass null to upload nothing" on a function's param.
    let upload = fields(item(&m.functions, "uploadFile"));
    assert_eq!(upload[0].1, "Option<types::File>");
    assert_eq!(upload[2].2, JsonMarker::Bytes);
    assert_eq!(upload[3].2, JsonMarker::Int64);
}

#[test]
fn tdlib_items_enums_and_roots() {
    let m = model("tdjson", JsonDialect::Tdlib);
    let json = m.json.as_ref().unwrap();
    // The @type is the TL name; the id is TDLib's signed one.
    let k = m
        .functions
        .iter()
        .position(|f| f.tl_name == "getMessage")
        .unwrap();
    assert_eq!(json.functions[k].type_name, "getMessage");
    assert_eq!(json.functions[k].id as u32, m.functions[k].id);
    // `fileTypeUnknown` takes `Unknown`: the unknown constructor's variant is another name.
    let e = m
        .enums
        .iter()
        .position(|e| e.tl_name == "FileType")
        .unwrap();
    assert!(m.enums[e].variants.iter().any(|(v, _)| v == "Unknown"));
    assert_eq!(json.enums[e].unknown, "UnknownConstructor");
    let u = m.enums.iter().position(|e| e.tl_name == "Update").unwrap();
    assert_eq!(json.enums[u].unknown, "Unknown");
    // Tables sorted by @type, each entry pointing at its variant.
    let names: Vec<&str> = json.enums[u]
        .table
        .iter()
        .map(|(n, _, _)| n.as_str())
        .collect();
    assert_eq!(names, ["updateFiles", "updateNewMessage"]);
    let (_, _, v) = &json.enums[u].table[0];
    let (_, c) = &m.enums[u].variants[*v];
    assert_eq!(m.constructors[*c].tl_name, "updateFiles");
    // Roots: every constructor, every function, sorted tables.
    assert_eq!(json.object.variants.len(), m.constructors.len());
    assert_eq!(json.function.variants.len(), m.functions.len());
    assert!(json.object.table.windows(2).all(|w| w[0].0 < w[1].0));
    assert_eq!(json.object.unknown, "Unknown");
    let v = json
        .object
        .variants
        .iter()
        .find(|v| v.path.name == "UpdateNewMessage");
    assert_eq!(v.map(|v| v.name.as_str()), Some("UpdateNewMessage"));
    // Returns.
    assert_eq!(json.returns[k].to_string(), "enums::Message");
}

#[test]
fn tonlib_object_fields_are_nullable_and_hashes_are_i32() {
    let m = model("tonjson", JsonDialect::Tonlib);
    let state = fields(item(&m.constructors, "raw.accountState"));
    assert_eq!(state[0].2, JsonMarker::Int64);
    assert_eq!(state[2].1, "[u8; 32]");
    assert_eq!(state[2].2, JsonMarker::Int256);
    // Every object field: `Option`, though undocumented.
    assert_eq!(state[3].1, "Option<types::ton::BlockIdExt>");
    let key = fields(item(&m.constructors, "key"));
    assert_eq!(key[1].2, JsonMarker::Bytes);
    // `#` is tonlib's int32; conditionals are `Option`; two on one bit are a tuple.
    let tx = item(&m.constructors, "blocks.shortTxId");
    let f = fields(tx);
    assert_eq!(f[0].1, "i32");
    assert_eq!(f[1].1, "Option<Vec<u8>>");
    let signature = m.signature(tx, model::Twin::Owned).unwrap();
    assert_eq!(signature.fields[2].ty.to_string(), "Option<(i64, Vec<u8>)>");
    // `Function` as a param is the `Function` root; `= Object` returns the `Object` root.
    let with_block = item(&m.functions, "withBlock");
    assert_eq!(fields(with_block)[1].1, "Option<Box<Function>>");
    let json = m.json.as_ref().unwrap();
    let k = m
        .functions
        .iter()
        .position(|f| f.tl_name == "withBlock")
        .unwrap();
    assert_eq!(json.returns[k], RustType::Object);
    // Namespaced names stay whole in @type; root variants join the path.
    let k = m
        .constructors
        .iter()
        .position(|c| c.tl_name == "raw.accountState")
        .unwrap();
    assert_eq!(json.constructors[k].type_name, "raw.accountState");
    assert_eq!(json.object.variants[k].name, "RawAccountState");
}

#[test]
fn other_dialects_decide_nothing() {
    let m = model(
        "tdjson",
        JsonDialect::SerdeDerive {
            feature: "serde".into(),
        },
    );
    assert!(m.json.is_none());
    assert!(m
        .constructors
        .iter()
        .flat_map(|c| &c.fields)
        .all(|f| f.json.is_none()));
}
