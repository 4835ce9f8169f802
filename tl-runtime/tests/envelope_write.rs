//! The envelope writers (`tlgen_runtime::envelope::{write_message, ContainerBuilder,
//! GzipPacker}`): their bytes compared with bytes written by hand from the definitions
//! ([Service messages](https://core.telegram.org/mtproto/service_messages),
//! [Serialization](https://core.telegram.org/mtproto/serialize)), read back by the views, and
//! every rule the views check refused when writing.

use tlgen_runtime::envelope::{
    write_message, ContainerBuilder, EnvelopeError, Message, MsgContainer, MAX_CONTAINER_MESSAGES,
};
use tlgen_runtime::{Reader, Serializable};

/// `msgs_ack#62d6b459 msg_ids:Vector<long>` acknowledging `0x5f00000000000001`, by hand.
const ACK: [u8; 20] = [
    0x59, 0xb4, 0xd6, 0x62, // msgs_ack
    0x15, 0xc4, 0xb5, 0x1c, // vector
    0x01, 0x00, 0x00, 0x00, // one id
    0x01, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x5f, // 0x5f00000000000001
];

/// `ping#7abe77ec ping_id:long` with ping_id 7, by hand.
const PING: [u8; 12] = [
    0xec, 0x77, 0xbe, 0x7a, // ping
    0x07, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, // ping_id
];

#[test]
fn a_container_of_an_ack_and_a_request_is_the_specs_bytes() {
    let mut container = ContainerBuilder::new();
    container.push(0x5f00_0000_0000_0004, 2, &ACK).unwrap();
    container.push(0x5f00_0000_0000_0008, 3, &PING).unwrap();
    assert_eq!(container.len(), 2);
    let bytes = container.to_bytes();
    // msg_container#73f1f8dc messages:vector<%Message>: the count, then bare messages
    // (msg_id:long seqno:int bytes:int body:Object).
    let mut expected = vec![
        0xdc, 0xf8, 0xf1, 0x73, // msg_container
        0x02, 0x00, 0x00, 0x00, // two messages
        0x04, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x5f, // msg_id
        0x02, 0x00, 0x00, 0x00, // seqno 2
        0x14, 0x00, 0x00, 0x00, // bytes 20
    ];
    expected.extend_from_slice(&ACK);
    expected.extend_from_slice(&[
        0x08, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x5f, // msg_id
        0x03, 0x00, 0x00, 0x00, // seqno 3
        0x0c, 0x00, 0x00, 0x00, // bytes 12
    ]);
    expected.extend_from_slice(&PING);
    assert_eq!(bytes, expected);

    // The view reads back what was written.
    let read = MsgContainer::from_bytes(&bytes).unwrap();
    let messages: Vec<Message<'_>> = read.messages().collect();
    assert_eq!(messages.len(), 2);
    assert_eq!(
        (messages[0].msg_id, messages[0].seqno, messages[0].body),
        (0x5f00_0000_0000_0004, 2, &ACK[..])
    );
    assert_eq!(
        (messages[1].msg_id, messages[1].seqno, messages[1].body),
        (0x5f00_0000_0000_0008, 3, &PING[..])
    );
}

#[test]
fn a_message_header_is_the_specs_bytes_and_reads_back() {
    let mut out = Vec::new();
    write_message(&mut out, -2, 1, &PING).unwrap();
    let mut expected = vec![
        0xfe, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, // msg_id -2
        0x01, 0x00, 0x00, 0x00, // seqno
        0x0c, 0x00, 0x00, 0x00, // bytes
    ];
    expected.extend_from_slice(&PING);
    assert_eq!(out, expected);
    let message = Message::read(&mut Reader::new(&out)).unwrap();
    assert_eq!(
        (message.msg_id, message.seqno, message.body),
        (-2, 1, &PING[..])
    );
}

#[test]
fn an_empty_container_reads_back() {
    let bytes = ContainerBuilder::new().to_bytes();
    assert_eq!(bytes, [0xdc, 0xf8, 0xf1, 0x73, 0, 0, 0, 0]);
    assert!(MsgContainer::from_bytes(&bytes).unwrap().is_empty());
}

#[test]
fn at_most_1024_messages() {
    let mut container = ContainerBuilder::new();
    for n in 0..MAX_CONTAINER_MESSAGES {
        container.push(n as i64 * 4, 1, &PING).unwrap();
    }
    assert_eq!(
        container.push(0, 1, &PING).unwrap_err(),
        EnvelopeError::TooManyMessages
    );
    assert_eq!(container.len(), 1024);
    let bytes = container.to_bytes();
    assert_eq!(MsgContainer::from_bytes(&bytes).unwrap().len(), 1024);
}

#[test]
fn bodies_that_the_views_refuse_are_refused() {
    let mut container = ContainerBuilder::new();
    for (body, error) in [
        (&[][..], EnvelopeError::NotWholeWords { len: 0 }),
        (&PING[..10], EnvelopeError::NotWholeWords { len: 10 }),
        (&[0xec, 0x77][..], EnvelopeError::NotWholeWords { len: 2 }),
        (
            &[0xdc, 0xf8, 0xf1, 0x73, 0, 0, 0, 0][..],
            EnvelopeError::NestedContainer,
        ),
    ] {
        assert_eq!(container.push(1, 1, body).unwrap_err(), error);
        let mut out = vec![9];
        assert_eq!(write_message(&mut out, 1, 1, body).unwrap_err(), error);
        assert_eq!(out, [9], "nothing appended on error");
    }
    assert!(container.is_empty(), "nothing added on error");
    assert!(!EnvelopeError::NestedContainer.to_string().is_empty());
}

#[test]
fn a_container_of_a_container_builder_is_refused() {
    let mut inner = ContainerBuilder::new();
    inner.push(4, 1, &PING).unwrap();
    let mut outer = ContainerBuilder::new();
    assert_eq!(
        outer.push_object(8, 1, &inner).unwrap_err(),
        EnvelopeError::NestedContainer
    );
}

#[cfg(feature = "gzip")]
mod gzip {
    use tlgen_runtime::envelope::{gzip, GzipPacked, GzipPacker, RpcResult};
    use tlgen_runtime::{unpack, Deserializable};

    use super::PING;

    /// boolTrue#997275b5, packed at level 0 (a stored deflate block), byte by byte:
    /// the gzip member of RFC 1952 around a stored block of RFC 1951 (3.2.4), its CRC-32
    /// (0xcd08fb9b, the one Python's `gzip.compress` writes for these 4 bytes) and size.
    #[test]
    fn a_stored_gzip_packed_is_the_specs_bytes() {
        let packed = GzipPacker::new()
            .level(0)
            .pack(&[0xb5, 0x75, 0x72, 0x99])
            .unwrap();
        let expected = [
            0xa1, 0xcf, 0x72, 0x30, // gzip_packed
            27,   // packed_data: 27 bytes (1 + 27 = 28, no padding)
            0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0,
            0xff, // magic, deflate, no flags, no time, OS unknown
            0x01, 0x04, 0x00, 0xfb, 0xff, // final stored block, LEN 4, NLEN !4
            0xb5, 0x75, 0x72, 0x99, // boolTrue
            0x9b, 0xfb, 0x08, 0xcd, // CRC-32
            0x04, 0x00, 0x00, 0x00, // ISIZE
        ];
        assert_eq!(packed, expected);
        // The views read it back.
        let view = GzipPacked::from_bytes(&packed).unwrap();
        assert_eq!(view.packed_data, &expected[5..]);
        let mut buffer = Vec::new();
        assert!(bool::from_bytes(unpack(&packed, &mut buffer).unwrap()).unwrap());
    }

    /// A large request packed at the default level: framing as the spec says, content as
    /// given, and the result of an `rpc_result` holding it decodes through
    /// `unpack`.
    #[test]
    fn a_large_object_packs_smaller_and_reads_back() {
        // A `bytes` of 4000 repeated bytes after an id: compressible.
        let mut object = vec![0x11, 0x22, 0x33, 0x44, 0xfe, 0xa0, 0x0f, 0x00];
        object.extend_from_slice(&[0x61; 4000]);
        let packer = GzipPacker::new();
        let packed = packer.pack_if_smaller(&object).unwrap();
        assert!(packed.len() < 100, "{} bytes", packed.len());
        assert_eq!(packed[..4], [0xa1, 0xcf, 0x72, 0x30]);
        assert_eq!(packed.len() % 4, 0, "whole words");
        let mut buffer = Vec::new();
        assert_eq!(unpack(&packed, &mut buffer).unwrap(), object);
        // As the result of an rpc_result.
        let mut answer = vec![0x01, 0x6d, 0x5c, 0xf3];
        answer.extend(5i64.to_le_bytes());
        answer.extend_from_slice(&packed);
        let result = RpcResult::from_bytes(&answer).unwrap();
        assert_eq!(unpack(result.result, &mut Vec::new()).unwrap(), object);
    }

    #[test]
    fn the_threshold_decides() {
        // Below the default threshold (512): as it is.
        assert_eq!(GzipPacker::new().pack_if_smaller(&PING).unwrap(), &PING[..]);
        // A threshold of 0: still as it is when packing does not make it smaller.
        assert_eq!(
            GzipPacker::new()
                .threshold(0)
                .pack_if_smaller(&PING)
                .unwrap(),
            &PING[..]
        );
        let big = vec![0u8; 600];
        assert!(GzipPacker::new().pack_if_smaller(&big).unwrap().len() < 600);
        assert_eq!(
            GzipPacker::new()
                .threshold(601)
                .pack_if_smaller(&big)
                .unwrap(),
            &big[..]
        );
    }

    #[test]
    fn a_packed_object_is_not_packed_again() {
        let packed = GzipPacker::new().pack(&PING).unwrap();
        assert_eq!(
            GzipPacker::new().pack(&packed).unwrap_err(),
            tlgen_runtime::envelope::EnvelopeError::NestedPacked
        );
        let big = GzipPacker::new().pack(&vec![0u8; 4096]).unwrap();
        assert_eq!(
            GzipPacker::new()
                .threshold(0)
                .pack_if_smaller(&big)
                .unwrap(),
            &big[..]
        );
    }

    #[test]
    fn every_level_reads_back() {
        let object: Vec<u8> = (0..2048u32).flat_map(|n| (n % 251).to_le_bytes()).collect();
        for level in 0..=10 {
            let stream = gzip(&object, level);
            let packed = GzipPacker::new().level(level).pack(&object).unwrap();
            assert_eq!(GzipPacked::from_bytes(&packed).unwrap().packed_data, stream);
            assert_eq!(
                unpack(&packed, &mut Vec::new()).unwrap(),
                object,
                "level {level}"
            );
        }
    }
}
