//! The getMasterchainInfo exchange of TON's documentation, "ADNL TCP - Liteserver"
//! (<https://docs.ton.org/v3/documentation/network/protocols/adnl/adnl-tcp>, section
//! getMasterchainInfo): the query built through the generated types must be the page's
//! bytes, and the page's answer must decode to the values it lists. The hex below is
//! copied from the page (the ADNL payload only: without the packet's size, nonce and
//! SHA-256).

use tl_example_ton_lite::{answer, enums, functions, query, types, Object};
use tlgen_runtime::{Deserializable, Identifiable, RemoteCall, Serializable};

/// The page's `query_id`.
const QUERY_ID: &str = "77c1545b96fa136b8e01cc08338bec47e8a43215492dda6d4d7e286382bb00c4";

/// The page's query payload.
const QUERY: &str = concat!(
    "7af98bb4",                                                         // adnl.message.query
    "77c1545b96fa136b8e01cc08338bec47e8a43215492dda6d4d7e286382bb00c4", // query_id
    "0c",                                                               // query: 12 bytes
    "df068c79",                                                         // liteServer.query
    "04",                                                               // data: 4 bytes
    "2ee6b589",                                                         // getMasterchainInfo
    "000000",                                                           // padding
    "000000",                                                           // padding
);

/// The page's answer payload.
const ANSWER: &str = concat!(
    "1684ac0f",                                                         // adnl.message.answer
    "77c1545b96fa136b8e01cc08338bec47e8a43215492dda6d4d7e286382bb00c4", // query_id
    "b8",                                                               // answer: 184 bytes
    "81288385",         // liteServer.masterchainInfo
    "ffffffff",         // last.workchain
    "0000000000000080", // last.shard
    "27405801",         // last.seqno
    "e585a47bd5978f6a4fb2b56aa2082ec9deac33aaae19e78241b97522e1fb43d4", // last.root_hash
    "876851b60521311853f59c002d46b0bd80054af4bce340787a00bd04e0123517", // last.file_hash
    "8b4d3b38b06bb484015faf9821c3ba1c609a25b74f30e1e585b8c8e820ef0976", // state_root_hash
    "ffffffff",         // init.workchain
    "17a3a92992aabea785a7a090985a265cd31f323d849da51239737e321fb05569", // init.root_hash
    "5e994fcf4d425c0a6ce6a792594b7173205f740a39cd56f537defd28b48a0f6e", // init.file_hash
    "000000",           // padding
);

fn hex(text: &str) -> Vec<u8> {
    (0..text.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(&text[i..i + 2], 16).unwrap())
        .collect()
}

fn hash(text: &str) -> [u8; 32] {
    hex(text).try_into().unwrap()
}

#[test]
fn the_documented_query_is_built_exactly() {
    let call = functions::lite_server::GetMasterchainInfo {};
    assert_eq!(call.to_bytes(), hex("2ee6b589"));
    let lite = functions::lite_server::Query {
        data: call.to_bytes(),
    };
    assert_eq!(lite.to_bytes(), hex("df068c79042ee6b589000000"));
    assert_eq!(query(&call, hash(QUERY_ID)), hex(QUERY));
    // And read back, layer by layer.
    let enums::adnl::Message::Query(adnl) = enums::adnl::Message::from_bytes(&hex(QUERY)).unwrap()
    else {
        panic!("not a query")
    };
    assert_eq!(adnl.query_id, hash(QUERY_ID));
    let Object::LiteServerQuery(lite) = Object::from_bytes(&adnl.query).unwrap() else {
        panic!("not liteServer.query")
    };
    assert_eq!(
        Object::from_bytes(&lite.data).unwrap().name(),
        "liteServer.getMasterchainInfo"
    );
}

#[test]
fn the_documented_answer_decodes() {
    let payload = hex(ANSWER);
    let info = answer::<functions::lite_server::GetMasterchainInfo>(&payload, &hash(QUERY_ID))
        .expect("an answer to that query")
        .expect("a masterchainInfo");
    let enums::lite_server::MasterchainInfo::MasterchainInfo(info) = &info;
    // The values the page lists; `last` and `init` are bare (`tonNode.blockIdExt`), so
    // their fields follow the constructor id directly.
    assert_eq!(info.last.workchain, -1);
    assert_eq!(info.last.shard, i64::MIN); // 0x8000000000000000
    assert_eq!(info.last.seqno, 0x0158_4027);
    assert_eq!(
        info.last.root_hash,
        hash("e585a47bd5978f6a4fb2b56aa2082ec9deac33aaae19e78241b97522e1fb43d4")
    );
    assert_eq!(
        info.last.file_hash,
        hash("876851b60521311853f59c002d46b0bd80054af4bce340787a00bd04e0123517")
    );
    assert_eq!(
        info.state_root_hash,
        hash("8b4d3b38b06bb484015faf9821c3ba1c609a25b74f30e1e585b8c8e820ef0976")
    );
    assert_eq!(info.init.workchain, -1);
    assert_eq!(
        info.init.root_hash,
        hash("17a3a92992aabea785a7a090985a265cd31f323d849da51239737e321fb05569")
    );
    assert_eq!(
        info.init.file_hash,
        hash("5e994fcf4d425c0a6ce6a792594b7173205f740a39cd56f537defd28b48a0f6e")
    );
    // Encoding it again gives the page's bytes.
    let again = enums::adnl::Message::Answer(types::adnl::message::Answer {
        query_id: hash(QUERY_ID),
        answer: enums::lite_server::MasterchainInfo::MasterchainInfo(info.clone()).to_bytes(),
    });
    assert_eq!(again.to_bytes(), payload);
    // The answer to `liteServer.query` is an `Object`: here a masterchainInfo.
    let enums::adnl::Message::Answer(a) = enums::adnl::Message::from_bytes(&payload).unwrap()
    else {
        panic!("not an answer")
    };
    let any = <functions::lite_server::Query as RemoteCall>::Return::from_bytes(&a.answer).unwrap();
    assert_eq!(any.name(), "liteServer.masterchainInfo");
    assert!(matches!(any, Object::LiteServerMasterchainInfo(_)));
    // Another query id: not this answer.
    assert!(answer::<functions::lite_server::GetMasterchainInfo>(&payload, &[0; 32]).is_none());
}

/// `liteServer.lookupBlock mode:#`: bit 0 (by seqno) has no param and stays as given; the
/// bits of `lt` (1) and `utime` (2) follow their presence.
#[test]
fn a_mode_keeps_its_own_bits() {
    let lookup = functions::lite_server::LookupBlock {
        mode: 1,
        id: types::ton_node::BlockId {
            workchain: -1,
            shard: i64::MIN,
            seqno: 34_000_000,
        },
        lt: None,
        utime: None,
    };
    let bytes = lookup.to_bytes();
    assert_eq!(
        bytes[..4],
        functions::lite_server::LookupBlock::CONSTRUCTOR_ID.to_le_bytes()
    );
    assert_eq!(bytes[4..8], 1u32.to_le_bytes());
    let with_lt = functions::lite_server::LookupBlock {
        mode: 1 | 4, // utime's bit without utime: cleared
        lt: Some(5),
        ..lookup
    };
    let bytes = with_lt.to_bytes();
    assert_eq!(bytes[4..8], 3u32.to_le_bytes());
    // `req_count:#` is a number, not a flag word.
    let list = functions::lite_server::ListBlockTransactions {
        id: types::ton_node::BlockIdExt::default(),
        mode: 7,
        count: 40,
        after: None,
        reverse_order: false,
        want_proof: false,
    };
    let bytes = list.to_bytes();
    assert_eq!(bytes[4 + 80..4 + 84], 7u32.to_le_bytes());
    assert_eq!(bytes[4 + 84..4 + 88], 40u32.to_le_bytes());
}

/// `Debug` prints TON's `int256` hashes as the page writes them (lowercase hex in wire
/// order), the other fields as derived.
#[test]
fn the_documented_answer_prints_its_hashes_in_hex() {
    let payload = hex(ANSWER);
    let info = answer::<functions::lite_server::GetMasterchainInfo>(&payload, &hash(QUERY_ID))
        .expect("an answer to that query")
        .expect("a masterchainInfo");
    let enums::lite_server::MasterchainInfo::MasterchainInfo(info) = &info;
    assert_eq!(
        format!("{info:?}"),
        "MasterchainInfo { last: BlockIdExt { workchain: -1, shard: -9223372036854775808, \
         seqno: 22560807, \
         root_hash: e585a47bd5978f6a4fb2b56aa2082ec9deac33aaae19e78241b97522e1fb43d4, \
         file_hash: 876851b60521311853f59c002d46b0bd80054af4bce340787a00bd04e0123517 }, \
         state_root_hash: 8b4d3b38b06bb484015faf9821c3ba1c609a25b74f30e1e585b8c8e820ef0976, \
         init: ZeroStateIdExt { workchain: -1, \
         root_hash: 17a3a92992aabea785a7a090985a265cd31f323d849da51239737e321fb05569, \
         file_hash: 5e994fcf4d425c0a6ce6a792594b7173205f740a39cd56f537defd28b48a0f6e } }"
    );
    assert!(format!("{info:#?}").contains(
        "\n    state_root_hash: 8b4d3b38b06bb484015faf9821c3ba1c609a25b74f30e1e585b8c8e820ef0976,\n"
    ));
}
