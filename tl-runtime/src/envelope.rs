//! The MTProto envelope: the service objects that `mtproto.tl` leaves to be "parsed
//! manually", as zero-copy views of a decrypted message's bytes.
//!
//! ```text
//! message msg_id:long seqno:int bytes:int body:Object = Message;
//! msg_container#73f1f8dc messages:vector<%Message> = MessageContainer;
//! rpc_result#f35c6d01 req_msg_id:long result:Object = RpcResult;
//! gzip_packed#3072cfa1 packed_data:bytes = Object;
//! msg_copy#e06046b2 orig_message:Message = MessageCopy;
//! ```
//!
//! # The rules
//!
//! From [Service messages](https://core.telegram.org/mtproto/service_messages) and
//! [Serialization](https://core.telegram.org/mtproto/serialize):
//!
//! * A **container** "carries several messages": a bare vector (a count, then the items) of
//!   bare `message`s, each its `msg_id`, `seqno`, the length in `bytes` of its body's
//!   serialization, and the body. It "may not carry other simple containers", holds "at most
//!   1024 messages" ([`MAX_CONTAINER_MESSAGES`]), and may be empty (a server answers an HTTP
//!   long poll that way).
//! * An **RPC result** wraps the answer to a call: `req_msg_id` is the `msg_id` of the
//!   request, and `result` (the rest of the object) is the function's return value or an
//!   `rpc_error`. Its type is not on the wire: the caller knows it from the call it matched
//!   by `req_msg_id`, and decodes `result` afterwards with that call's
//!   [`RemoteCall::decode_response`](crate::RemoteCall::decode_response).
//! * A **packed object** (`gzip_packed`, see [`unpack`](crate::unpack)) may stand for any
//!   object; servers send it as the `result` of an `rpc_result`.
//! * A **message copy** (`msg_copy`) wraps a re-sent message; the spec notes it "is not used
//!   at this time".
//!
//! # Checks
//!
//! The views check what the definitions fix, so that a forged envelope fails here with an
//! offset into the input: each `bytes` must be a multiple of 4 (every TL serialization is),
//! at least 4 (a body starts with a constructor id) and within the input; a container's count
//! must be within [`MAX_CONTAINER_MESSAGES`] and its messages must take up the whole input;
//! a body that is itself a `msg_container` is refused ([`Scope::check`], the envelope rules
//! every decoder applies; [`Message::body_reader`] applies them to a body that is packed).
//! Nothing is allocated.
//!
//! What a body or result holds is not checked here: decoding it (by type, or through a
//! generated `Object`) checks it — a `bytes` that lies about its body then shows as
//! [`TrailingBytes`](crate::DecodeErrorKind::TrailingBytes) or
//! [`UnexpectedEnd`](crate::DecodeErrorKind::UnexpectedEnd) there.
//!
//! # Example
//!
//! A container (bytes written by hand from the definitions) holding the answer to a call:
//!
//! ```
//! use tlgen_runtime::envelope::{MsgContainer, RpcResult};
//! use tlgen_runtime::{Deserializable, Identifiable, RemoteCall};
//!
//! let mut bytes = vec![0xdc, 0xf8, 0xf1, 0x73]; // msg_container
//! bytes.extend(1u32.to_le_bytes()); // one message
//! bytes.extend(0x5f00_0000_0000_0001_i64.to_le_bytes()); // msg_id
//! bytes.extend(3i32.to_le_bytes()); // seqno
//! bytes.extend(20i32.to_le_bytes()); // bytes: the body's length
//! bytes.extend([0x01, 0x6d, 0x5c, 0xf3]); // body: rpc_result
//! bytes.extend(0x5f00_0000_0000_0000_i64.to_le_bytes()); // req_msg_id
//! bytes.extend(42i64.to_le_bytes()); // result: a `long`, as some call returns
//!
//! let container = MsgContainer::from_bytes(&bytes)?;
//! assert_eq!(container.len(), 1);
//! for message in container.messages() {
//!     assert_eq!((message.msg_id, message.seqno, message.body.len()), (0x5f00_0000_0000_0001, 3, 20));
//!     let answer = RpcResult::from_bytes(message.body)?;
//!     assert_eq!(answer.req_msg_id, 0x5f00_0000_0000_0000);
//!     // Matched by `req_msg_id` to a call whose `Return` is `long`:
//!     assert_eq!(i64::from_bytes(answer.result)?, 42);
//! }
//! # Ok::<(), tlgen_runtime::DecodeError>(())
//! ```

use crate::error::{DecodeError, Result};
use crate::reader::Reader;

pub use crate::gzip::GZIP_PACKED_ID;
pub use crate::scope::{Scope, NESTED_CONTAINER};

/// The constructor id of `msg_container`.
pub const MSG_CONTAINER_ID: u32 = 0x73f1_f8dc;
/// The constructor id of `rpc_result`.
pub const RPC_RESULT_ID: u32 = 0xf35c_6d01;
/// The constructor id of `msg_copy`.
pub const MSG_COPY_ID: u32 = 0xe060_46b2;
/// The most messages a container holds ("MTProto container can have at most 1024 messages").
pub const MAX_CONTAINER_MESSAGES: usize = 1024;

/// The smallest bare `message`: `msg_id`, `seqno`, `bytes` and a body of one constructor id.
const MIN_MESSAGE: usize = 8 + 4 + 4 + 4;

/// `message msg_id:long seqno:int bytes:int body:Object = Message;` (bare): one message of a
/// container, its body not decoded.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Message<'a> {
    /// The message identifier.
    pub msg_id: i64,
    /// The message sequence number.
    pub seqno: i32,
    /// The body's serialization: exactly `bytes` bytes.
    pub body: &'a [u8],
    /// Where `body` starts in the input the message was read from.
    pub body_offset: usize,
}

impl<'a> Message<'a> {
    /// Reads a bare `message`, checking its `bytes` field (a multiple of 4, at least 4, within
    /// the input) and that its body is not a `msg_container`.
    pub fn read(reader: &mut Reader<'a>) -> Result<Self> {
        let msg_id = reader.read_i64()?;
        let seqno = reader.read_i32()?;
        let at = reader.position();
        let bytes = reader.read_i32()?;
        let len = match usize::try_from(bytes) {
            Ok(len) if len >= 4 && len % 4 == 0 && len <= reader.remaining() => len,
            _ => {
                let raw = usize::try_from(u32::from_le_bytes(bytes.to_le_bytes()));
                return Err(DecodeError::invalid_length(at, raw.unwrap_or(usize::MAX)));
            }
        };
        let body_offset = reader.position();
        let body = reader.read_raw(len)?;
        if let Ok(id) = Reader::new(body).peek_u32() {
            reader.scope().in_container().check(id, body_offset)?;
        }
        Ok(Self {
            msg_id,
            seqno,
            body,
            body_offset,
        })
    }

    /// The `bytes` field: the length of the body.
    #[must_use]
    pub fn bytes(&self) -> usize {
        self.body.len()
    }

    /// A reader over the body in a container's [`Scope`]: over its content, unpacked into
    /// `buffer`, when the body is a `gzip_packed` (a container inside is then refused, as
    /// it is in the body itself). Offsets of errors count in the body or its content.
    pub fn body_reader<'b>(&self, buffer: &'b mut Vec<u8>) -> Result<Reader<'b>>
    where
        'a: 'b,
    {
        Scope::new().in_container().open(self.body, buffer)
    }
}

/// `msg_container#73f1f8dc messages:vector<%Message>`: checked when read, iterated without
/// allocating.
#[derive(Debug, Clone)]
pub struct MsgContainer<'a> {
    /// The messages, after the count.
    messages: Reader<'a>,
    /// How many there are.
    len: usize,
}

impl<'a> MsgContainer<'a> {
    /// Reads a boxed container that takes up all of `bytes`.
    pub fn from_bytes(bytes: &'a [u8]) -> Result<Self> {
        let mut reader = Reader::new(bytes);
        let container = Self::deserialize(&mut reader)?;
        reader.finish()?;
        Ok(container)
    }

    /// Reads a boxed container, checking every message header (see [`Message::read`]) and
    /// the count (at most [`MAX_CONTAINER_MESSAGES`], no more than the input can hold).
    pub fn deserialize(reader: &mut Reader<'a>) -> Result<Self> {
        expect(reader, MSG_CONTAINER_ID, "MessageContainer")?;
        let at = reader.position();
        let len = reader.read_vector_len()?;
        if len > MAX_CONTAINER_MESSAGES || len > reader.remaining() / MIN_MESSAGE {
            return Err(DecodeError::invalid_length(at, len));
        }
        let messages = reader.clone();
        for _ in 0..len {
            Message::read(reader)?;
        }
        Ok(Self { messages, len })
    }

    /// The number of messages.
    #[must_use]
    pub fn len(&self) -> usize {
        self.len
    }

    /// Whether the container is empty.
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    /// The messages, in order.
    pub fn messages(&self) -> Messages<'a> {
        Messages {
            reader: self.messages.clone(),
            left: self.len,
        }
    }
}

/// The messages of a [`MsgContainer`].
#[derive(Debug, Clone)]
pub struct Messages<'a> {
    reader: Reader<'a>,
    left: usize,
}

impl<'a> Iterator for Messages<'a> {
    type Item = Message<'a>;

    fn next(&mut self) -> Option<Message<'a>> {
        self.left = self.left.checked_sub(1)?;
        // Checked when the container was read: this cannot fail.
        Message::read(&mut self.reader).ok()
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        (self.left, Some(self.left))
    }
}

/// `rpc_result#f35c6d01 req_msg_id:long result:Object`: the answer to a call, its result not
/// decoded.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RpcResult<'a> {
    /// The `msg_id` of the request this answers.
    pub req_msg_id: i64,
    /// The result: the rest of the object (the return value, an `rpc_error` or a
    /// `gzip_packed`), for [`RemoteCall::decode_response`](crate::RemoteCall::decode_response).
    pub result: &'a [u8],
    /// Where `result` starts in the input.
    pub result_offset: usize,
}

impl<'a> RpcResult<'a> {
    /// Reads a boxed `rpc_result` from `bytes`; its result is everything after `req_msg_id`
    /// (at least a constructor id).
    pub fn from_bytes(bytes: &'a [u8]) -> Result<Self> {
        let mut reader = Reader::new(bytes);
        expect(&mut reader, RPC_RESULT_ID, "RpcResult")?;
        let req_msg_id = reader.read_i64()?;
        let result_offset = reader.position();
        reader.peek_u32()?;
        Ok(Self {
            req_msg_id,
            result: reader.remaining_bytes(),
            result_offset,
        })
    }
}

/// `gzip_packed#3072cfa1 packed_data:bytes`, not unpacked yet.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct GzipPacked<'a> {
    /// The gzip stream.
    pub packed_data: &'a [u8],
}

impl<'a> GzipPacked<'a> {
    /// Reads a boxed `gzip_packed` that takes up all of `bytes`.
    pub fn from_bytes(bytes: &'a [u8]) -> Result<Self> {
        let mut reader = Reader::new(bytes);
        expect(&mut reader, GZIP_PACKED_ID, "Object")?;
        let packed_data = reader.read_bytes()?;
        reader.finish()?;
        Ok(Self { packed_data })
    }
}

/// `msg_copy#e06046b2 orig_message:Message`: a re-sent message ("not used at this time").
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct MsgCopy<'a> {
    /// The original message.
    pub orig_message: Message<'a>,
}

impl<'a> MsgCopy<'a> {
    /// Reads a boxed `msg_copy` that takes up all of `bytes`.
    pub fn from_bytes(bytes: &'a [u8]) -> Result<Self> {
        let mut reader = Reader::new(bytes);
        expect(&mut reader, MSG_COPY_ID, "MessageCopy")?;
        let orig_message = Message::read(&mut reader)?;
        reader.finish()?;
        Ok(Self { orig_message })
    }
}

/// Reads a constructor id that must be `id`.
fn expect(reader: &mut Reader<'_>, id: u32, expected: &'static str) -> Result<()> {
    crate::boxed::expect_constructor(reader, id, expected)
}

mod write;
#[cfg(feature = "gzip")]
pub use write::{gzip, GzipPacker, DEFAULT_PACK_THRESHOLD};
pub use write::{write_message, ContainerBuilder, EnvelopeError};
