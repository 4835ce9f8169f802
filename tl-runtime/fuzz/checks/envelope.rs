//! Any bytes as an MTProto envelope and as the content of a `gzip_packed`: reading them is a
//! `DecodeError`, never a panic, an abort or an allocation past the cap; what is read keeps
//! the rules (a container's messages as counted, bodies of whole words, unpacked data within
//! the limit).
//!
//! Run with `cargo +nightly fuzz run envelope` from `tl-runtime/`.

use tlgen_runtime::envelope::{MsgContainer, MsgCopy, RpcResult, MAX_CONTAINER_MESSAGES};
use tlgen_runtime::{unpack_with_limit, GZIP_PACKED_ID};

/// A small cap, so that bombs are found quickly.
const LIMIT: usize = 1 << 20;

/// The target: panics when an invariant does not hold.
pub fn check(data: &[u8]) {
    // The bytes as a container, and every body as an rpc_result (itself maybe packed).
    if let Ok(container) = MsgContainer::from_bytes(data) {
        assert!(container.len() <= MAX_CONTAINER_MESSAGES);
        assert_eq!(container.messages().count(), container.len());
        for message in container.messages() {
            assert_eq!(message.body.len() % 4, 0);
            if let Ok(result) = RpcResult::from_bytes(message.body) {
                let mut buffer = Vec::new();
                if let Ok(unpacked) = unpack_with_limit(result.result, &mut buffer, LIMIT) {
                    assert!(unpacked.len() <= LIMIT.max(result.result.len()));
                }
            }
        }
    }
    let _ = MsgCopy::from_bytes(data);
    let _ = RpcResult::from_bytes(data);

    // The bytes as the content of a gzip_packed.
    if data.len() <= 0xff_ffff {
        let mut packed = GZIP_PACKED_ID.to_le_bytes().to_vec();
        if data.len() < 254 {
            packed.push(data.len() as u8);
        } else {
            packed.push(254);
            packed.extend_from_slice(&(data.len() as u32).to_le_bytes()[..3]);
        }
        packed.extend_from_slice(data);
        packed.resize(packed.len().next_multiple_of(4), 0);
        let mut buffer = Vec::new();
        if let Ok(unpacked) = unpack_with_limit(&packed, &mut buffer, LIMIT) {
            assert!(unpacked.len() <= LIMIT);
        }
    }
}
