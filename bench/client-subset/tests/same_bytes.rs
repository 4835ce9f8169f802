//! The bot on its own subset bindings writes exactly what it writes on `tlgen-types`.

use tl_client_ours as whole;
use tl_client_subset as subset;

#[test]
fn every_call_encodes_as_on_the_whole_layer() {
    let chat = |c: &whole::Chat| subset::Chat {
        user_id: c.user_id,
        user_hash: c.user_hash,
        channel_id: c.channel_id,
        channel_hash: c.channel_hash,
    };
    let theirs = whole::Chat {
        user_id: 777,
        user_hash: -5,
        channel_id: 1_000_000_123,
        channel_hash: 0x0123_4567_89ab_cdef,
    };
    let whole_calls = whole::requests(&theirs, "héllo, wörld");
    let subset_calls = subset::requests(&chat(&theirs), "héllo, wörld");
    assert!(whole_calls.len() >= 20, "{} calls", whole_calls.len());
    assert_eq!(whole_calls, subset_calls);
    assert_eq!(
        whole::init_connection(12345),
        subset::init_connection(12345)
    );
}

#[test]
fn updates_decode_as_on_the_whole_layer() {
    // updateShortMessage#313bc7f8 flags:# ... id:int user_id:long message:string pts:int
    // pts_count:int date:int (flags = 0), written by hand from api.tl.
    let mut bytes = 0x313b_c7f8_u32.to_le_bytes().to_vec();
    bytes.extend(0_u32.to_le_bytes()); // flags
    bytes.extend(7_i32.to_le_bytes()); // id
    bytes.extend(42_i64.to_le_bytes()); // user_id
    bytes.extend([2, b'h', b'i', 0]); // message "hi", padded to 4
    bytes.extend(1_i32.to_le_bytes()); // pts
    bytes.extend(1_i32.to_le_bytes()); // pts_count
    bytes.extend(1_700_000_000_i32.to_le_bytes()); // date
    let whole_texts = whole::read_updates(&bytes).unwrap().texts;
    let subset_texts = subset::read_updates(&bytes).unwrap().texts;
    assert_eq!(whole_texts, vec!["hi".to_owned()]);
    assert_eq!(whole_texts, subset_texts);
}
