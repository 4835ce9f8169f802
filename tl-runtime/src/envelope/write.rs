//! Writing the envelope a client sends: `message` headers, a `msg_container` batching
//! messages (a request with its `msgs_ack`), and `gzip_packed` (a large request packed).
//!
//! The writers enforce the rules the views check when reading (see the parent module), so
//! that what they write reads back: a body is a whole number of 4-byte words and at least
//! one (it starts with a constructor id), a container holds at most
//! [`MAX_CONTAINER_MESSAGES`] messages and none of them is a container, and a `gzip_packed`
//! never holds another one. A rule broken is an [`EnvelopeError`], never a panic.

use std::fmt;

use super::{MAX_CONTAINER_MESSAGES, MSG_CONTAINER_ID};
use crate::traits::Serializable;
use crate::write::{write_i32, write_i64, write_u32};

/// Why an envelope could not be written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum EnvelopeError {
    /// A message body that is not a whole number of 4-byte words, or is empty: every TL
    /// serialization is, and a body starts with a constructor id.
    NotWholeWords {
        /// The body's length in bytes.
        len: usize,
    },
    /// A body longer than the `bytes:int` field can say (2^31 − 1 bytes).
    TooLong {
        /// The body's length in bytes.
        len: usize,
    },
    /// A message body that is itself a `msg_container`: containers do not nest.
    NestedContainer,
    /// A container that already holds [`MAX_CONTAINER_MESSAGES`] messages.
    TooManyMessages,
    /// An object to pack that is itself a `gzip_packed`: readers refuse a packed object
    /// inside one.
    NestedPacked,
    /// A packed stream longer than a TL `bytes` can hold
    /// ([`MAX_BYTES_LEN`](crate::MAX_BYTES_LEN)).
    PackedTooLong {
        /// The gzip stream's length in bytes.
        len: usize,
    },
}

impl fmt::Display for EnvelopeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::NotWholeWords { len } => write!(
                f,
                "a message body of {len} bytes: a body is a whole number of 4-byte words, at \
                 least one"
            ),
            Self::TooLong { len } => write!(
                f,
                "a message body of {len} bytes is longer than `bytes:int` can say"
            ),
            Self::NestedContainer => {
                f.write_str("a message body is a msg_container: containers do not nest")
            }
            Self::TooManyMessages => write!(
                f,
                "a container holds at most {MAX_CONTAINER_MESSAGES} messages"
            ),
            Self::NestedPacked => f.write_str("the object to pack is already a gzip_packed"),
            Self::PackedTooLong { len } => write!(
                f,
                "the packed stream of {len} bytes is longer than a TL bytes value can hold"
            ),
        }
    }
}

impl std::error::Error for EnvelopeError {}

/// Checks a message body against the rules [`Message::read`](super::Message::read) checks;
/// its length as the `bytes` field.
fn checked_body(body: &[u8]) -> Result<i32, EnvelopeError> {
    let len = body.len();
    if len < 4 || len % 4 != 0 {
        return Err(EnvelopeError::NotWholeWords { len });
    }
    if body.get(..4) == Some(&MSG_CONTAINER_ID.to_le_bytes()[..]) {
        return Err(EnvelopeError::NestedContainer);
    }
    i32::try_from(len).map_err(|_| EnvelopeError::TooLong { len })
}

/// Appends a bare `message msg_id:long seqno:int bytes:int body:Object`: the header, with
/// `bytes` the body's length, then the body (a boxed serialization, as written by
/// [`Serializable::to_bytes`]).
///
/// The body is checked as [`Message::read`](super::Message::read) checks it; on error nothing
/// is appended.
pub fn write_message(
    out: &mut Vec<u8>,
    msg_id: i64,
    seqno: i32,
    body: &[u8],
) -> Result<(), EnvelopeError> {
    let bytes = checked_body(body)?;
    out.reserve(16 + body.len());
    write_i64(out, msg_id);
    write_i32(out, seqno);
    write_i32(out, bytes);
    out.extend_from_slice(body);
    Ok(())
}

/// A `msg_container#73f1f8dc messages:vector<%Message>` being built: messages are checked as
/// they are pushed, and the container is written boxed ([`Serializable`]).
///
/// The container's own `msg_id` and `seqno` go in the header of the message that carries it
/// (the encrypted message's), written by the caller.
///
/// ```
/// use tlgen_runtime::envelope::{ContainerBuilder, MsgContainer};
/// use tlgen_runtime::Serializable;
///
/// // msgs_ack#62d6b459 msg_ids:Vector<long> acknowledging one message, and a request
/// // (ping#7abe77ec ping_id:long) in one container.
/// let mut ack = vec![0x59, 0xb4, 0xd6, 0x62, 0x15, 0xc4, 0xb5, 0x1c, 1, 0, 0, 0];
/// ack.extend(0x5f00_0000_0000_0001_i64.to_le_bytes());
/// let mut ping = vec![0xec, 0x77, 0xbe, 0x7a];
/// ping.extend(7i64.to_le_bytes());
///
/// let mut container = ContainerBuilder::new();
/// container.push(0x5f00_0000_0000_0004, 2, &ack)?;
/// container.push(0x5f00_0000_0000_0008, 3, &ping)?;
/// let bytes = container.to_bytes();
///
/// let read = MsgContainer::from_bytes(&bytes)?;
/// let bodies: Vec<&[u8]> = read.messages().map(|m| m.body).collect();
/// assert_eq!(bodies, [&ack[..], &ping[..]]);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ContainerBuilder {
    /// The bare messages written so far.
    messages: Vec<u8>,
    /// How many.
    len: usize,
}

impl ContainerBuilder {
    /// An empty container (a valid one: a server answers an HTTP long poll with it).
    #[must_use]
    pub fn new() -> Self {
        Self::default()
    }

    /// Adds a message with this body (a boxed serialization); fails, adding nothing, when
    /// the container is full ([`MAX_CONTAINER_MESSAGES`]) or the body breaks a rule of
    /// [`write_message`].
    pub fn push(
        &mut self,
        msg_id: i64,
        seqno: i32,
        body: &[u8],
    ) -> Result<&mut Self, EnvelopeError> {
        if self.len >= MAX_CONTAINER_MESSAGES {
            return Err(EnvelopeError::TooManyMessages);
        }
        write_message(&mut self.messages, msg_id, seqno, body)?;
        self.len += 1;
        Ok(self)
    }

    /// [`push`](Self::push) with the boxed serialization of `body` (a function call,
    /// `msgs_ack`, …).
    pub fn push_object<T: Serializable + ?Sized>(
        &mut self,
        msg_id: i64,
        seqno: i32,
        body: &T,
    ) -> Result<&mut Self, EnvelopeError> {
        self.push(msg_id, seqno, &body.to_bytes())
    }

    /// The number of messages.
    #[must_use]
    pub fn len(&self) -> usize {
        self.len
    }

    /// Whether no message was pushed.
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.len == 0
    }
}

impl Serializable for ContainerBuilder {
    fn serialize(&self, out: &mut Vec<u8>) {
        out.reserve(8 + self.messages.len());
        write_u32(out, MSG_CONTAINER_ID);
        // At most MAX_CONTAINER_MESSAGES: fits.
        write_u32(out, u32::try_from(self.len).unwrap_or(u32::MAX));
        out.extend_from_slice(&self.messages);
    }
}

#[cfg(feature = "gzip")]
pub use packing::{gzip, GzipPacker, DEFAULT_PACK_THRESHOLD};

/// `gzip_packed` writing (the `gzip` feature).
#[cfg(feature = "gzip")]
mod packing {
    use std::borrow::Cow;

    use super::EnvelopeError;
    use crate::gzip::GZIP_PACKED_ID;
    use crate::write::{write_bytes, write_u32, MAX_BYTES_LEN};

    /// The size from which [`GzipPacker::pack_if_smaller`] packs by default: 512 bytes.
    ///
    /// Packing costs time at both ends and a small object gains nothing; clients pack what
    /// is larger than a few hundred bytes (Telethon and grammers use 512).
    pub const DEFAULT_PACK_THRESHOLD: usize = 512;

    /// One gzip member ([RFC 1952](https://www.rfc-editor.org/rfc/rfc1952)) holding `data`:
    /// the 10-byte header (`1f 8b`, deflate, no flags, no time, no extra flags, OS
    /// "unknown"), the raw deflate data at `level` (0–10, miniz_oxide's scale; 6 is zlib's
    /// default), then CRC-32 and the size modulo 2^32, little-endian.
    #[must_use]
    pub fn gzip(data: &[u8], level: u8) -> Vec<u8> {
        let deflated = miniz_oxide::deflate::compress_to_vec(data, level);
        let mut out = Vec::with_capacity(18 + deflated.len());
        out.extend_from_slice(&[0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 0xff]);
        out.extend_from_slice(&deflated);
        out.extend_from_slice(&crc32fast::hash(data).to_le_bytes());
        // ISIZE is the size modulo 2^32 (RFC 1952, 2.3.1): truncation is the rule.
        out.extend_from_slice(&(data.len() as u32).to_le_bytes());
        out
    }

    /// Writes `gzip_packed#3072cfa1 packed_data:bytes`: an object replaced by its gzipped
    /// serialization, as a client packs a large request
    /// ([Service messages, "Packed Object"](https://core.telegram.org/mtproto/service_messages#packed-object)).
    ///
    /// ```
    /// use tlgen_runtime::envelope::{GzipPacked, GzipPacker};
    ///
    /// let request = [0xec, 0x77, 0xbe, 0x7a, 7, 0, 0, 0, 0, 0, 0, 0]; // ping ping_id:7
    /// let packed = GzipPacker::new().pack(&request)?;
    /// let mut buffer = Vec::new();
    /// assert_eq!(tlgen_runtime::unpack(&packed, &mut buffer)?, request);
    /// assert!(GzipPacked::from_bytes(&packed).is_ok());
    /// // Below the threshold (512 bytes by default), the object goes as it is:
    /// assert_eq!(GzipPacker::new().pack_if_smaller(&request)?, &request[..]);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[derive(Debug, Clone, Copy, PartialEq, Eq)]
    pub struct GzipPacker {
        threshold: usize,
        level: u8,
    }

    impl Default for GzipPacker {
        fn default() -> Self {
            Self::new()
        }
    }

    impl GzipPacker {
        /// Threshold [`DEFAULT_PACK_THRESHOLD`], compression level 6.
        #[must_use]
        pub fn new() -> Self {
            Self {
                threshold: DEFAULT_PACK_THRESHOLD,
                level: 6,
            }
        }

        /// The smallest object [`pack_if_smaller`](Self::pack_if_smaller) packs.
        #[must_use]
        pub fn threshold(mut self, bytes: usize) -> Self {
            self.threshold = bytes;
            self
        }

        /// The deflate level, 0 (stored) to 10 (miniz_oxide's scale).
        #[must_use]
        pub fn level(mut self, level: u8) -> Self {
            self.level = level.min(10);
            self
        }

        /// The boxed `gzip_packed` holding `object` (a boxed serialization).
        pub fn pack(&self, object: &[u8]) -> Result<Vec<u8>, EnvelopeError> {
            if crate::gzip::is_gzip_packed(object) {
                return Err(EnvelopeError::NestedPacked);
            }
            let stream = gzip(object, self.level);
            if stream.len() > MAX_BYTES_LEN {
                return Err(EnvelopeError::PackedTooLong { len: stream.len() });
            }
            let mut out = Vec::with_capacity(stream.len() + 8);
            write_u32(&mut out, GZIP_PACKED_ID);
            write_bytes(&mut out, &stream);
            Ok(out)
        }

        /// `object` packed when it is at least the threshold long and packing makes it
        /// smaller; else `object` as it is.
        pub fn pack_if_smaller<'a>(
            &self,
            object: &'a [u8],
        ) -> Result<Cow<'a, [u8]>, EnvelopeError> {
            if object.len() < self.threshold || crate::gzip::is_gzip_packed(object) {
                return Ok(Cow::Borrowed(object));
            }
            let packed = self.pack(object)?;
            Ok(if packed.len() < object.len() {
                Cow::Owned(packed)
            } else {
                Cow::Borrowed(object)
            })
        }
    }
}
