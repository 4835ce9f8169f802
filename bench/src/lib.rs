//! Benchmark support: the deterministic corpus of realistic Telegram objects, and the
//! decoding of each sample as its static type with `tlgen-types`.
//!
//! The benchmarks themselves (`benches/codec.rs`) and the allocation counts
//! (`tests/allocations.rs`) compare this crate's decoding and encoding with
//! `grammers-tl-types` 0.11.0 on the same bytes; see `BENCHMARKS.md` at the workspace root.

pub mod corpus;
pub mod text_stats;

pub use corpus::{corpus, corpus_with, stats, Kind, Sample, Stats, TextMix};
pub use text_stats::{text_stats, TextStats};

use tlgen_runtime::{DecodeError, Deserializable, DeserializableBorrowed, Serializable};
use tlgen_types::{borrowed, enums};

/// A sample decoded with `tlgen-types`, as the static type of its [`Kind`].
///
/// The value is held inline, as `tlgen-types` holds its own variants: boxing it here would add
/// an allocation per decode that the crate itself does not make.
#[derive(Debug, Clone, PartialEq)]
#[allow(clippy::large_enum_variant)]
pub enum Value {
    /// `messages.Messages` (history pages).
    Messages(enums::messages::Messages),
    /// `Updates` (batches and short updates).
    Updates(enums::Updates),
    /// `Vector<User>`.
    Users(Vec<enums::User>),
}

impl Value {
    /// Decodes `bytes` as the type of `kind` (the whole input must be consumed).
    #[inline]
    pub fn decode(kind: Kind, bytes: &[u8]) -> Result<Self, DecodeError> {
        Ok(match kind {
            Kind::MessagesPage | Kind::ChannelMessagesPage => {
                Value::Messages(enums::messages::Messages::from_bytes(bytes)?)
            }
            Kind::Updates | Kind::UpdatesCombined | Kind::ShortMessage | Kind::ShortChatMessage => {
                Value::Updates(enums::Updates::from_bytes(bytes)?)
            }
            Kind::UserVector => Value::Users(Vec::<enums::User>::from_bytes(bytes)?),
        })
    }
}

impl Serializable for Value {
    #[inline]
    fn serialize(&self, out: &mut Vec<u8>) {
        match self {
            Value::Messages(x) => x.serialize(out),
            Value::Updates(x) => x.serialize(out),
            Value::Users(x) => x.serialize(out),
        }
    }
}

/// A sample decoded with `tlgen-types`' `borrowed` module: strings and byte strings point into
/// the sample's bytes.
#[derive(Debug, Clone)]
#[allow(clippy::large_enum_variant)]
pub enum BorrowedValue<'a> {
    /// `messages.Messages` (history pages).
    Messages(borrowed::enums::messages::Messages<'a>),
    /// `Updates` (batches and short updates).
    Updates(borrowed::enums::Updates<'a>),
    /// `Vector<User>`.
    Users(Vec<borrowed::enums::User<'a>>),
}

impl<'a> BorrowedValue<'a> {
    /// Decodes `bytes` as the type of `kind` (the whole input must be consumed).
    #[inline]
    pub fn decode(kind: Kind, bytes: &'a [u8]) -> Result<Self, DecodeError> {
        Ok(match kind {
            Kind::MessagesPage | Kind::ChannelMessagesPage => BorrowedValue::Messages(
                borrowed::enums::messages::Messages::from_bytes_borrowed(bytes)?,
            ),
            Kind::Updates | Kind::UpdatesCombined | Kind::ShortMessage | Kind::ShortChatMessage => {
                BorrowedValue::Updates(borrowed::enums::Updates::from_bytes_borrowed(bytes)?)
            }
            Kind::UserVector => {
                BorrowedValue::Users(Vec::<borrowed::enums::User>::from_bytes_borrowed(bytes)?)
            }
        })
    }
}

impl Serializable for BorrowedValue<'_> {
    #[inline]
    fn serialize(&self, out: &mut Vec<u8>) {
        match self {
            BorrowedValue::Messages(x) => x.serialize(out),
            BorrowedValue::Updates(x) => x.serialize(out),
            BorrowedValue::Users(x) => x.serialize(out),
        }
    }
}

/// The number of TL constructors (boxed objects, nested ones included; `Vector` and `Bool`
/// excluded) in an encoded value.
///
/// Every TL value is 4-byte aligned, so every constructor id sits at a multiple of 4: this
/// counts the aligned words that are a known constructor id of the schema. A word of a
/// `long`, `bytes` or `string` could collide with an id by chance (about 2,000 ids among 2³²
/// values: a handful of false positives per million words), which is negligible for a
/// per-object average.
pub fn count_constructors(bytes: &[u8]) -> usize {
    bytes
        .chunks_exact(4)
        .map(|w| u32::from_le_bytes([w[0], w[1], w[2], w[3]]))
        .filter(|&id| {
            id != tlgen_runtime::VECTOR_ID
                && id != tlgen_runtime::BOOL_TRUE_ID
                && id != tlgen_runtime::BOOL_FALSE_ID
                && tlgen_types::name_for_id(id).is_some()
        })
        .count()
}
