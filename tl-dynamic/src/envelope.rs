//! The MTProto envelope as [`Value`]s: `msg_container`, `message`, `rpc_result`, `msg_copy`
//! and `gzip_packed`, which `mtproto.tl` leaves to be "parsed manually" (see
//! `tlgen_runtime::envelope` for the rules and their sources).
//!
//! They are not definitions of the schema (`message` would clash with the API's own
//! `message` constructor): [`Schema::decode`](crate::Schema::decode) recognises their ids
//! wherever an object may stand (a [`Type::OBJECT`](crate::Type::OBJECT) value, an `Object`
//! or `!X` field) and yields a [`Value::Envelope`]; a `gzip_packed` is replaced by the object
//! it holds. In TL-JSON:
//!
//! ```text
//! {"_":"msg_container","messages":[{"_":"message","msg_id":"…","seqno":1,"bytes":28,"body":{…}}]}
//! {"_":"rpc_result","req_msg_id":"…","result":{…}}
//! {"_":"msg_copy","orig_message":{"_":"message",…}}
//! {"_":"gzip_packed","packed_data":"<base64>"}
//! {"_":"unknown","id":"0x330b4067","bytes":"<base64>"}
//! ```
//!
//! The envelope rules are the runtime's, applied after unpacking
//! ([`tlgen_runtime::Scope`]): no container inside a container, however deep the gzip
//! between them; no `gzip_packed` inside a packed object, directly or through a generic call;
//! one unpack budget for the whole decode.
//!
//! `unknown` is an object the schema does not know (e.g. of another layer), kept in place by
//! [`Schema::decode_tolerant`](crate::Schema::decode_tolerant): its id, and its bytes after
//! the id, which re-encode unchanged.
//!
//! `bytes` is derived when encoding (like flag words): the length of the body's encoding.
//! A `gzip_packed` is only ever the explicit raw form read from JSON or built by hand; it
//! encodes as given.

use crate::value::Value;

pub use tlgen_runtime::envelope::{
    GZIP_PACKED_ID, MAX_CONTAINER_MESSAGES, MSG_CONTAINER_ID, MSG_COPY_ID, RPC_RESULT_ID,
};

/// An MTProto service object that the schema does not define.
#[derive(Debug, Clone, PartialEq)]
pub enum Envelope {
    /// `msg_container#73f1f8dc messages:vector<%Message>`.
    Container(Box<[Message]>),
    /// `rpc_result#f35c6d01 req_msg_id:long result:Object`.
    RpcResult {
        /// The `msg_id` of the request this answers.
        req_msg_id: i64,
        /// The result, decoded by its constructor id.
        result: Value,
    },
    /// `msg_copy#e06046b2 orig_message:Message`.
    MsgCopy(Message),
    /// `gzip_packed#3072cfa1 packed_data:bytes`, as given (decoding unpacks it instead).
    GzipPacked(Box<[u8]>),
    /// An object that could not be decoded, kept as bytes: see
    /// [`Schema::decode_tolerant`](crate::Schema::decode_tolerant).
    Unknown {
        /// Its constructor id.
        id: u32,
        /// Its bytes after the id, up to the end of the message body or `gzip_packed`
        /// content holding it.
        bytes: Box<[u8]>,
    },
}

/// `message msg_id:long seqno:int bytes:int body:Object` (bare).
#[derive(Debug, Clone, PartialEq)]
pub struct Message {
    /// The message identifier.
    pub msg_id: i64,
    /// The sequence number.
    pub seqno: i32,
    /// The `bytes` field as decoded (re-derived when encoding).
    pub bytes: u32,
    /// The body, decoded by its constructor id.
    pub body: Value,
}

impl Envelope {
    /// The TL name: `msg_container`, `rpc_result`, `msg_copy` or `gzip_packed`.
    #[must_use]
    pub fn name(&self) -> &'static str {
        match self {
            Self::Container(_) => "msg_container",
            Self::RpcResult { .. } => "rpc_result",
            Self::MsgCopy(_) => "msg_copy",
            Self::GzipPacked(_) => "gzip_packed",
            Self::Unknown { .. } => "unknown",
        }
    }

    /// The constructor id.
    #[must_use]
    pub fn id(&self) -> u32 {
        match self {
            Self::Container(_) => MSG_CONTAINER_ID,
            Self::RpcResult { .. } => RPC_RESULT_ID,
            Self::MsgCopy(_) => MSG_COPY_ID,
            Self::GzipPacked(_) => GZIP_PACKED_ID,
            Self::Unknown { id, .. } => *id,
        }
    }
}
