//! TON's schemas (`lite_api.tl`, `ton_api.tl`, `tonlib_api.tl`, fixtures of tlgen-parser)
//! through the schema-driven codec: every definition round-trips, and the getMasterchainInfo
//! exchange of TON's documentation encodes and decodes exactly.

use tl_integration_tests::on_big_stack;
use tl_integration_tests::sample::{Catalog, Coverage, Mode};
use tlgen_dynamic::{Schema, Type, Value};
use tlgen_parser::{Dialect, ParseOptions};
use tlgen_runtime::{Deserializable, Serializable};

const LITE_API: &str = include_str!("../../tl-parser/tests/fixtures/ton/lite_api.tl");
const TON_API: &str = include_str!("../../tl-parser/tests/fixtures/ton/ton_api.tl");
const TONLIB_API: &str = include_str!("../../tl-parser/tests/fixtures/ton/tonlib_api.tl");

/// The modes of every definition: none, all, and three random choices of optional fields.
const MODES: [Mode; 5] = [
    Mode::NoOptional,
    Mode::AllOptional,
    Mode::Random(1),
    Mode::Random(2),
    Mode::Random(3),
];

fn hex(text: &str) -> Vec<u8> {
    let digits: Vec<u8> = text.bytes().filter(u8::is_ascii_hexdigit).collect();
    digits
        .chunks(2)
        .map(|pair| u8::from_str_radix(std::str::from_utf8(pair).unwrap(), 16).unwrap())
        .collect()
}

/// The bindings `build.rs` generates for each schema.
#[allow(missing_docs)]
mod generated {
    pub mod lite_api {
        include!(concat!(env!("OUT_DIR"), "/ton_lite_api.rs"));
    }
    pub mod ton_api {
        include!(concat!(env!("OUT_DIR"), "/ton_ton_api.rs"));
    }
    pub mod tonlib_api {
        include!(concat!(env!("OUT_DIR"), "/ton_tonlib_api.rs"));
    }
}

/// Every constructor and function: sampled bytes decode, encode back to the same bytes,
/// and survive TL-JSON; the generated bindings (their `Object`, which reads any boxed
/// value, constructor or call) decode and encode the same bytes.
fn round_trip_every_definition<O: Deserializable + Serializable>(
    name: &'static str,
    source: &'static str,
) {
    let parsed = tlgen_parser::parse_files([(name, source)], &ParseOptions::default());
    assert_eq!(parsed.dialect, Dialect::Ton);
    let dynamic = Schema::from_parsed(&parsed).expect("the schema lowers");
    let catalog = Catalog::new(parsed);
    let mut coverage = Coverage::default();
    let mut checked = 0;
    for def in catalog.constructors().chain(catalog.functions()) {
        let ty = if def.category == tlgen_parser::Category::Function {
            Type::FUNCTION
        } else {
            Type::OBJECT
        };
        for mode in MODES {
            let bytes = catalog.sample(def, mode, &mut coverage);
            let value = dynamic
                .decode_as(&bytes, &ty)
                .unwrap_or_else(|e| panic!("{name}: {} {mode:?}: {e}", def.name));
            assert_eq!(dynamic.name_of(&value), Some(def.name), "{name}");
            let encoded = dynamic.encode(&value).expect("encodes");
            assert_eq!(encoded, bytes, "{name}: {} {mode:?}", def.name);
            let json = dynamic.to_json_string(&value, false).expect("to JSON");
            let back = dynamic
                .from_json_str(&json, &ty)
                .unwrap_or_else(|e| panic!("{name}: {} {json}: {e}", def.name));
            assert_eq!(dynamic.encode(&back).expect("encodes"), bytes, "{json}");
            let typed = O::from_bytes(&bytes)
                .unwrap_or_else(|e| panic!("{name}: generated {} {mode:?}: {e}", def.name));
            assert_eq!(typed.to_bytes(), bytes, "{name}: generated {}", def.name);
            checked += 1;
        }
    }
    assert!(checked > 0);
}

#[test]
fn every_lite_api_definition_round_trips() {
    on_big_stack(|| {
        round_trip_every_definition::<generated::lite_api::Object>("lite_api.tl", LITE_API)
    });
}

#[test]
fn every_ton_api_definition_round_trips() {
    on_big_stack(|| {
        round_trip_every_definition::<generated::ton_api::Object>("ton_api.tl", TON_API)
    });
}

#[test]
fn every_tonlib_api_definition_round_trips() {
    on_big_stack(|| {
        round_trip_every_definition::<generated::tonlib_api::Object>("tonlib_api.tl", TONLIB_API)
    });
}

/// The ADNL payload of TON's documentation ("ADNL TCP - Liteserver", section
/// getMasterchainInfo, <https://docs.ton.org/v3/documentation/network/protocols/adnl/adnl-tcp>):
/// `adnl.message.query` holding `liteServer.query` holding `liteServer.getMasterchainInfo`,
/// copied from the page without the packet's size, nonce and checksum. The wire rules it
/// checks (bare `vector`, raw `int256`, boxed or bare as written) are in tlgen-runtime's
/// crate documentation, "TON's wire rules", with their sources.
const DOC_QUERY: &str = "7af98bb4
    77c1545b96fa136b8e01cc08338bec47e8a43215492dda6d4d7e286382bb00c4
    0c df068c79 04 2ee6b589 000000 000000";

/// The answer of the same page, copied the same way: `adnl.message.answer` holding
/// `liteServer.masterchainInfo`.
const DOC_ANSWER: &str = "1684ac0f
    77c1545b96fa136b8e01cc08338bec47e8a43215492dda6d4d7e286382bb00c4
    b8 81288385
    ffffffff 0000000000000080 27405801
    e585a47bd5978f6a4fb2b56aa2082ec9deac33aaae19e78241b97522e1fb43d4
    876851b60521311853f59c002d46b0bd80054af4bce340787a00bd04e0123517
    8b4d3b38b06bb484015faf9821c3ba1c609a25b74f30e1e585b8c8e820ef0976
    ffffffff
    17a3a92992aabea785a7a090985a265cd31f323d849da51239737e321fb05569
    5e994fcf4d425c0a6ce6a792594b7173205f740a39cd56f537defd28b48a0f6e
    000000";

#[test]
fn the_documented_get_masterchain_info_query() {
    let schema = Schema::from_source(LITE_API).expect("lite_api");
    let bytes = hex(DOC_QUERY);
    let adnl = schema.decode(&bytes).expect("adnl.message.query");
    assert_eq!(schema.name_of(&adnl), Some("adnl.message.query"));
    let Some(Value::Bytes(query)) = adnl.field(1) else {
        panic!("{adnl:?}")
    };
    let lite = schema.decode_function(query).expect("liteServer.query");
    assert_eq!(schema.name_of(&lite), Some("liteServer.query"));
    let Some(Value::Bytes(data)) = lite.field(0) else {
        panic!("{lite:?}")
    };
    let call = schema.decode_function(data).expect("getMasterchainInfo");
    assert_eq!(schema.name_of(&call), Some("liteServer.getMasterchainInfo"));
    // And built back from TL-JSON, layer by layer, to the same bytes.
    let inner = schema
        .from_json_str(r#"{"_":"liteServer.getMasterchainInfo"}"#, &Type::FUNCTION)
        .map(|v| schema.encode(&v).expect("encodes"))
        .expect("JSON");
    assert_eq!(inner, hex("2ee6b589"));
    assert_eq!(schema.encode(&adnl).expect("encodes"), bytes);
    let json = schema.to_json_string(&adnl, false).expect("JSON");
    assert_eq!(
        json,
        r#"{"_":"adnl.message.query","query_id":"d8FUW5b6E2uOAcwIM4vsR+ikMhVJLdptTX4oY4K7AMQ=","query":"3waMeQQu5rWJAAAA"}"#
    );
}

#[test]
fn the_documented_masterchain_info_answer() {
    let schema = Schema::from_source(LITE_API).expect("lite_api");
    let bytes = hex(DOC_ANSWER);
    let adnl = schema.decode(&bytes).expect("adnl.message.answer");
    assert_eq!(schema.name_of(&adnl), Some("adnl.message.answer"));
    let Some(Value::Bytes(answer)) = adnl.field(1) else {
        panic!("{adnl:?}")
    };
    let info = schema.decode(answer).expect("liteServer.masterchainInfo");
    assert_eq!(schema.name_of(&info), Some("liteServer.masterchainInfo"));
    // `last:tonNode.blockIdExt` is bare: its fields follow the id of masterchainInfo directly.
    let Some(Value::Object { fields: last, .. }) = info.field(0) else {
        panic!("{info:?}")
    };
    assert_eq!(last[0].1, Value::Int(-1));
    assert_eq!(last[1].1, Value::Long(i64::MIN));
    assert_eq!(last[2].1, Value::Int(0x0158_4027));
    assert_eq!(schema.encode(&info).expect("encodes"), answer.to_vec());
    assert_eq!(schema.encode(&adnl).expect("encodes"), bytes);
}

/// TON's flag words are values: `liteServer.lookupBlock mode:#`'s bit 0 (by seqno) has no
/// param, and a `#` that no param names (`count:#`) is a plain number.
#[test]
fn hash_params_keep_their_value() {
    let schema = Schema::from_source(LITE_API).expect("lite_api");
    let json = r#"{"_":"liteServer.lookupBlock","mode":1,"id":{"_":"tonNode.blockId","workchain":-1,"shard":"-9223372036854775808","seqno":34000000}}"#;
    let value = schema.from_json_str(json, &Type::FUNCTION).expect("JSON");
    let bytes = schema.encode(&value).expect("encodes");
    assert_eq!(bytes[4..8], 1u32.to_le_bytes());
    assert_eq!(
        schema
            .to_json_string(&schema.decode_function(&bytes).unwrap(), false)
            .unwrap(),
        json
    );
    // A param present adds its bit; mode's own bits stay.
    let with_lt = r#"{"_":"liteServer.lookupBlock","mode":1,"id":{"_":"tonNode.blockId","workchain":0,"shard":"0","seqno":1},"lt":"5"}"#;
    let bytes = schema
        .encode(&schema.from_json_str(with_lt, &Type::FUNCTION).unwrap())
        .unwrap();
    assert_eq!(bytes[4..8], 3u32.to_le_bytes());
    let list = r#"{"_":"liteServer.getTransactions","count":16,"account":{"_":"liteServer.accountId","workchain":0,"id":"AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA="},"lt":"1","hash":"AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA="}"#;
    let bytes = schema
        .encode(&schema.from_json_str(list, &Type::FUNCTION).unwrap())
        .unwrap();
    assert_eq!(bytes[4..8], 16u32.to_le_bytes());
}

/// `#` is a 32-bit natural ("TL Language", core.telegram.org/mtproto/TL: `#` is `nat`,
/// 32 bits, little-endian like `int`): values from 2^31 up are positive in TL-JSON, the
/// bytes are the value's, and the generated bindings (`u32`) read the same number.
#[test]
fn hash_values_are_unsigned() {
    let schema = Schema::from_source(LITE_API).expect("lite_api");
    let account = r#""account":{"_":"liteServer.accountId","workchain":0,"id":"AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA="},"lt":"1","hash":"AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA="}"#;
    let list = format!(r#"{{"_":"liteServer.getTransactions","count":4294967295,{account}"#);
    let bytes = schema
        .encode(&schema.from_json_str(&list, &Type::FUNCTION).unwrap())
        .unwrap();
    assert_eq!(bytes[4..8], [0xff, 0xff, 0xff, 0xff]);
    let back = schema.decode_function(&bytes).unwrap();
    assert_eq!(schema.to_json_string(&back, false).unwrap(), list);
    let typed = generated::lite_api::Object::from_bytes(&bytes).unwrap();
    assert!(
        format!("{typed:?}").contains("count: 4294967295"),
        "{typed:?}"
    );

    // A flag word keeps its bits: bit 31 of `mode` is no param's.
    let lookup = r#"{"_":"liteServer.lookupBlock","mode":2147483649,"id":{"_":"tonNode.blockId","workchain":-1,"shard":"-9223372036854775808","seqno":34000000}}"#;
    let bytes = schema
        .encode(&schema.from_json_str(lookup, &Type::FUNCTION).unwrap())
        .unwrap();
    assert_eq!(bytes[4..8], [0x01, 0x00, 0x00, 0x80]);
    let back = schema.decode_function(&bytes).unwrap();
    assert_eq!(schema.to_json_string(&back, false).unwrap(), lookup);

    // Outside 0 to 2^32 − 1 is an error that says so.
    for count in ["-1", "4294967296"] {
        let json = format!(r#"{{"_":"liteServer.getTransactions","count":{count},{account}"#);
        let error = schema.from_json_str(&json, &Type::FUNCTION).unwrap_err();
        assert!(
            error.to_string().contains("out of range"),
            "{count}: {error}"
        );
    }
}

/// `(vector T)` is bare: a count and the items, no `0x1cb5c415`.
#[test]
fn parenthesized_vectors_are_bare() {
    let schema = Schema::from_source(LITE_API).expect("lite_api");
    let json = r#"{"_":"liteServer.getLibraries","library_list":["AQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQE="]}"#;
    let bytes = schema
        .encode(&schema.from_json_str(json, &Type::FUNCTION).unwrap())
        .unwrap();
    let mut expected = hex("62b622d1 01000000");
    expected.extend([1u8; 32]);
    assert_eq!(bytes, expected);
}

/// A forged count in a TON vector (no vector id to check first) is an error, not an
/// allocation: `liteServer.getLibraries` with 2^32 - 1 items announced and none present.
#[test]
fn a_forged_vector_count_is_an_error() {
    let schema = Schema::from_source(LITE_API).expect("lite_api");
    let bytes = hex("62b622d1 ffffffff 01010101");
    let err = schema.decode_function(&bytes).unwrap_err();
    assert_eq!(err.offset(), 4, "{err}");
    // And a truncated int256 inside the only item.
    let err = schema
        .decode_function(&hex("62b622d1 01000000 01010101"))
        .unwrap_err();
    assert_eq!(err.offset(), 8, "{err}");
}
