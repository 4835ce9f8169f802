//! [`RpcError`]: the `rpc_error#2144ca19 error_code:int error_message:string`
//! object that Telegram answers a failed call with.

use core::fmt;

use crate::error::Result;
use crate::reader::Reader;
use crate::traits::{BareDeserializable, BareSerializable, Deserializable, Identifiable};
use crate::write;

/// Documented error messages that carry a number, with `%d` for the number.
///
/// Used by [`RpcError::new`]; generated crates pass their complete documented list to
/// [`RpcError::with_patterns`] instead.
pub const PARAMETERISED: &[&str] = &[
    "2FA_CONFIRM_WAIT_%d",
    "ALLOW_PAYMENT_REQUIRED_%d",
    "AUTH_RESTART_%d",
    "EMAIL_UNCONFIRMED_%d",
    "FILE_MIGRATE_%d",
    "FILE_PART_%d_MISSING",
    "FILE_REFERENCE_%d_EMPTY",
    "FILE_REFERENCE_%d_EXPIRED",
    "FILE_REFERENCE_%d_INVALID",
    "FLOOD_PREMIUM_WAIT_%d",
    "FLOOD_TEST_PHONE_WAIT_%d",
    "FLOOD_WAIT_%d",
    "INTERDC_%d_CALL_ERROR",
    "INTERDC_%d_CALL_RICH_ERROR",
    "NETWORK_MIGRATE_%d",
    "PASSWORD_TOO_FRESH_%d",
    "PHONE_MIGRATE_%d",
    "PREMIUM_SUB_ACTIVE_UNTIL_%d",
    "SESSION_TOO_FRESH_%d",
    "SLOWMODE_WAIT_%d",
    "STARGIFT_RESELL_TOO_EARLY_%d",
    "STARGIFT_TRANSFER_TOO_EARLY_%d",
    "STATS_MIGRATE_%d",
    "STORY_LIVE_ALREADY_%d",
    "STORY_SEND_FLOOD_MONTHLY_%d",
    "STORY_SEND_FLOOD_WEEKLY_%d",
    "TAKEOUT_INIT_DELAY_%d",
    "USER_MIGRATE_%d",
];

/// Name endings that make a trailing `_<digits>` a value even without a pattern.
const GENERIC_SUFFIXES: &[&str] = &["_WAIT", "_MIGRATE", "_DELAY", "_FRESH"];

/// The broad category of an RPC error, from its code.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ErrorClass {
    /// 303: the request must be repeated on another data center.
    SeeOther,
    /// 400: the request was malformed or had invalid arguments.
    BadRequest,
    /// 401: the session is not authorized.
    Unauthorized,
    /// 403: the action is not allowed.
    Forbidden,
    /// 404: the method or object was not found.
    NotFound,
    /// 406: the request cannot be fulfilled now; the error is usually shown to the user.
    NotAcceptable,
    /// 420: too many requests; wait before retrying.
    Flood,
    /// 500 or -500: a server-side error.
    Internal,
    /// Any other code (e.g. -503).
    Other(i32),
}

impl ErrorClass {
    /// The class of an error `code`.
    #[must_use]
    pub fn from_code(code: i32) -> Self {
        match code {
            303 => Self::SeeOther,
            400 => Self::BadRequest,
            401 => Self::Unauthorized,
            403 => Self::Forbidden,
            404 => Self::NotFound,
            406 => Self::NotAcceptable,
            420 => Self::Flood,
            500 | -500 => Self::Internal,
            other => Self::Other(other),
        }
    }
}

/// An error returned by Telegram for a remote call (`rpc_error#2144ca19`).
///
/// A number in the message is split out: `FLOOD_WAIT_30` has the
/// [`name`](Self::name) `FLOOD_WAIT` and the [`value`](Self::value) 30
/// (see [`RpcError::new`] for the rules); the message as received stays
/// available from [`message`](Self::message).
///
/// # Which `RpcError`
///
/// This one is the error to handle. A generated crate (such as `tlgen-types`) also has
/// `types::RpcError` and `enums::RpcError`, because `rpc_error` is a constructor of the
/// schema like any other: they are what `Object` or a decoder of the raw schema type
/// yields, with the two fields as sent. Each converts into this type with `.into()`
/// (generated with the crate's error types, splitting names by the crate's documented
/// patterns), and the answer to a call never needs them:
///
/// * [`RemoteCall::decode_response`](crate::RemoteCall::decode_response) gives this
///   `RpcError` for a failed call;
/// * [`TypedErrors::decode_typed_response`](crate::TypedErrors::decode_typed_response) gives
///   the method's own error enum, converted from this `RpcError`.
///
/// # Names and values
///
/// Some error messages carry a number, e.g. `FLOOD_WAIT_30` (wait 30 seconds)
/// or `FILE_PART_3_MISSING` (part 3 is missing). [`RpcError::new`] splits
/// such a message into a [`name`](RpcError::name) and a
/// [`value`](RpcError::value):
///
/// * A message matching one of the built-in patterns (or the
///   patterns given to [`RpcError::with_patterns`]) — where `%d` stands for
///   one or more ASCII digits that fit in a `u32` — gets the pattern with its
///   `_%d` removed as name and the number as value: `FLOOD_WAIT_30` →
///   `FLOOD_WAIT` / 30, `FILE_PART_3_MISSING` → `FILE_PART_MISSING` / 3,
///   `INTERDC_2_CALL_ERROR` → `INTERDC_CALL_ERROR` / 2.
///   Only patterns whose `%d` is a whole `_`-separated word are used; a
///   pattern like `PREVIOUS_CHAT_IMPORT_ACTIVE_WAIT_%dMIN` is ignored, so
///   `PREVIOUS_CHAT_IMPORT_ACTIVE_WAIT_5MIN` stays as it is.
/// * Otherwise a message ending in `_<digits>` whose part before that ends in
///   `_WAIT`, `_MIGRATE`, `_DELAY` or `_FRESH` is split the same way
///   (`SOME_NEW_WAIT_5` → `SOME_NEW_WAIT` / 5).
/// * Anything else is kept verbatim as the name, without a value: numbers
///   inside names (`MD5_CHECKSUM_INVALID`), digits not at the end
///   (`PREVIOUS_CHAT_IMPORT_ACTIVE_WAIT_5MIN`), and messages that are not
///   identifiers at all (`Timeout`, `Invalid msgs_ack query`).
///
/// The original message is always kept and returned by [`RpcError::message`].
///
/// ```
/// use tlgen_runtime::{ErrorClass, RpcError};
///
/// let error = RpcError::new(420, "FLOOD_WAIT_30");
/// assert_eq!((error.name.as_str(), error.value), ("FLOOD_WAIT", Some(30)));
/// assert_eq!(error.class(), ErrorClass::Flood);
/// assert_eq!(error.flood_wait_seconds(), Some(30));
/// assert_eq!(error.message(), "FLOOD_WAIT_30");
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct RpcError {
    /// The error code, e.g. 420 (negative codes such as -503 occur too).
    pub code: i32,
    /// The error name with any number taken out, e.g. `FLOOD_WAIT`.
    pub name: String,
    /// The number taken out of the message, e.g. 30 for `FLOOD_WAIT_30`.
    pub value: Option<u32>,
    /// The message exactly as received.
    message: String,
}

impl RpcError {
    /// Creates an error from its code and message, splitting a number out of the message.
    ///
    /// * A message matching a documented pattern (the `PARAMETERISED` list of this crate,
    ///   e.g. `FLOOD_WAIT_%d`, `FILE_PART_%d_MISSING`), where `%d` is one or more ASCII
    ///   digits fitting in a `u32`, gets the pattern without its `_%d` as name and the
    ///   number as value: `FILE_PART_3_MISSING` → `FILE_PART_MISSING` / 3.
    /// * Otherwise `<NAME>_<digits>` where `<NAME>` ends in `_WAIT`, `_MIGRATE`, `_DELAY` or
    ///   `_FRESH` is split the same way (`SOME_NEW_WAIT_5` → `SOME_NEW_WAIT` / 5).
    /// * Anything else is the name as it is, without a value (`MD5_CHECKSUM_INVALID`,
    ///   `PREVIOUS_CHAT_IMPORT_ACTIVE_WAIT_5MIN`, `Timeout`).
    ///
    /// ```
    /// use tlgen_runtime::RpcError;
    ///
    /// let e = RpcError::new(400, "FILE_PART_3_MISSING");
    /// assert_eq!((e.name.as_str(), e.value), ("FILE_PART_MISSING", Some(3)));
    /// let e = RpcError::new(400, "MD5_CHECKSUM_INVALID");
    /// assert_eq!((e.name.as_str(), e.value), ("MD5_CHECKSUM_INVALID", None));
    /// ```
    #[must_use]
    pub fn new(code: i32, message: &str) -> Self {
        Self::with_patterns(code, message, PARAMETERISED)
    }

    /// Like [`new`](Self::new), but splits the message with `patterns`
    /// (plus the generic `_WAIT`/`_MIGRATE`/`_DELAY`/`_FRESH` rule) instead of the
    /// built-in list.
    #[must_use]
    pub fn with_patterns(code: i32, message: &str, patterns: &[&str]) -> Self {
        let (name, value) = match split_message(message, patterns) {
            Some((name, value)) => (name, Some(value)),
            None => (message.to_owned(), None),
        };
        Self {
            code,
            name,
            value,
            message: message.to_owned(),
        }
    }

    /// Decodes a boxed `rpc_error` that takes up all of `bytes`.
    pub fn from_bytes(bytes: &[u8]) -> Result<Self> {
        <Self as Deserializable>::from_bytes(bytes)
    }

    /// The original error message, e.g. `FLOOD_WAIT_30`.
    #[must_use]
    pub fn message(&self) -> &str {
        &self.message
    }

    /// The class of the error code.
    #[must_use]
    pub fn class(&self) -> ErrorClass {
        ErrorClass::from_code(self.code)
    }

    /// The data center to repeat the call on, for a 303 `*_MIGRATE_%d` error.
    #[must_use]
    pub fn migrate_dc(&self) -> Option<u32> {
        if self.code == 303 && self.name.ends_with("_MIGRATE") {
            self.value
        } else {
            None
        }
    }

    /// The seconds to wait, for `FLOOD_WAIT_%d`, `FLOOD_PREMIUM_WAIT_%d` and `SLOWMODE_WAIT_%d`.
    #[must_use]
    pub fn flood_wait_seconds(&self) -> Option<u32> {
        match self.name.as_str() {
            "FLOOD_WAIT" | "FLOOD_PREMIUM_WAIT" | "SLOWMODE_WAIT" => self.value,
            _ => None,
        }
    }
}

/// Splits `message` into a name and a value, or `None` if it has no value.
fn split_message(message: &str, patterns: &[&str]) -> Option<(String, u32)> {
    patterns
        .iter()
        .find_map(|pattern| match_pattern(message, pattern))
        .or_else(|| match_generic(message))
}

/// Matches `message` against one `%d` pattern.
fn match_pattern(message: &str, pattern: &str) -> Option<(String, u32)> {
    let (prefix, suffix) = pattern.split_once("%d")?;
    // Exactly one `%d`, as a whole `_`-separated word.
    let word_before = prefix.is_empty() || prefix.ends_with('_');
    let word_after = suffix.is_empty() || suffix.starts_with('_');
    if !word_before || !word_after || suffix.contains("%d") {
        return None;
    }
    let value = parse_digits(message.strip_prefix(prefix)?.strip_suffix(suffix)?)?;
    let name = match prefix.strip_suffix('_') {
        Some(head) => format!("{head}{suffix}"),
        None => suffix.trim_start_matches('_').to_owned(),
    };
    // A pattern that is nothing but the number (`%d`, `_%d`) names nothing.
    (!name.is_empty()).then_some((name, value))
}

/// The generic rule: `<NAME>_<digits>` where `<NAME>` ends in a [`GENERIC_SUFFIXES`] entry.
fn match_generic(message: &str) -> Option<(String, u32)> {
    let (name, digits) = message.rsplit_once('_')?;
    if !GENERIC_SUFFIXES.iter().any(|end| name.ends_with(end)) {
        return None;
    }
    Some((name.to_owned(), parse_digits(digits)?))
}

/// Parses one or more ASCII digits as a `u32` (`None` on anything else or overflow).
fn parse_digits(digits: &str) -> Option<u32> {
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    digits.parse().ok()
}

impl fmt::Display for RpcError {
    /// Formats as e.g. `420 FLOOD_WAIT (value: 30)` or `400 PEER_ID_INVALID`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} {}", self.code, self.name)?;
        if let Some(value) = self.value {
            write!(f, " (value: {value})")?;
        }
        Ok(())
    }
}

impl std::error::Error for RpcError {}

impl Identifiable for RpcError {
    const CONSTRUCTOR_ID: u32 = 0x2144_ca19;
    const NAME: &'static str = "rpc_error";
}

/// Bare `rpc_error`: `error_code:int error_message:string`.
impl BareSerializable for RpcError {
    fn serialize_bare(&self, out: &mut Vec<u8>) {
        write::write_i32(out, self.code);
        write::write_string(out, &self.message);
    }
}

/// Bare `rpc_error`: `error_code:int error_message:string`.
impl BareDeserializable for RpcError {
    fn deserialize_bare(reader: &mut Reader<'_>) -> Result<Self> {
        let code = reader.read_i32()?;
        let message = reader.read_str()?;
        Ok(Self::new(code, message))
    }
}
