//! Every constructor and function of Telegram's API (layer 230) and of MTProto, as Rust
//! types that encode to exactly the bytes Telegram expects and decode anything it sends.
//!
//! - [`types`]: one struct per constructor (`types::payments::PaymentResult`).
//! - [`enums`]: one enum per boxed type, whose variants hold those structs.
//! - [`functions`]: one struct per RPC function, implementing [`RemoteCall`].
//! - `errors`: typed RPC errors, per function and for the whole API (feature `errors`).
//! - `Object`: decodes any boxed value by its constructor id (feature `object`).
//! - `borrowed`: the types that hold text or bytes again, borrowing them from the input
//!   instead of copying (feature `borrowed`).
//!
//! The wire rules, the depth limit and the UTF-8 policy are those of [`tlgen_runtime`].
//!
//! # Three ways to use it
//!
//! **1. Import this crate.** Build a request, serialize it, decode a response:
//!
//! ```
//! use tlgen_types::{enums, functions, types, Deserializable, Identifiable, RemoteCall, Serializable};
//!
//! let call = functions::payments::SendStarsForm {
//!     form_id: 42,
//!     invoice: enums::InputInvoice::Slug(types::InputInvoiceSlug { slug: "gift".into() }),
//! };
//! let bytes = call.to_bytes();
//! assert_eq!(bytes[..4], functions::payments::SendStarsForm::CONSTRUCTOR_ID.to_le_bytes());
//!
//! // The response type is known statically:
//! fn returns<C: RemoteCall>(_: &C) -> &'static str { std::any::type_name::<C::Return>() }
//! assert!(returns(&call).ends_with("PaymentResult"));
//!
//! // Hostile input is an error with a byte offset, never a panic:
//! let err = enums::payments::PaymentResult::from_bytes(&bytes[..3]).unwrap_err();
//! assert_eq!(err.offset(), 0);
//! ```
//!
//! The answer to a call (the `result` of an `rpc_result`) is the return value or an
//! `rpc_error`; with the `errors` feature (on by default) it decodes straight into the
//! typed [`errors::Error`](crate::errors), a variant per known error:
//!
//! ```
//! # #[cfg(feature = "errors")] {
//! use tlgen_types::errors::Error;
//! use tlgen_types::{functions::payments::SendStarsForm, TypedErrors};
//!
//! // rpc_error#2144ca19 error_code:int error_message:string, as Telegram sends it:
//! let answer = b"\x19\xca\x44\x21\x90\x01\x00\x00\x0fBALANCE_TOO_LOW";
//! match SendStarsForm::decode_typed_response(answer).expect("well-formed") {
//!     Ok(result) => println!("paid: {result:?}"),
//!     Err(Error::BalanceTooLow) => println!("top up your Stars first"),
//!     Err(Error::FloodWait { value }) => println!("retry in {value} s"),
//!     Err(other) => println!("failed: {other}"),
//! }
//!
//! // An `rpc_error` already decoded as the generated type converts in one step:
//! use tlgen_types::{enums, Deserializable, RpcError};
//! let rpc_error = enums::RpcError::from_bytes(answer).expect("well-formed");
//! assert_eq!(Error::from(rpc_error), Error::BalanceTooLow);
//! # }
//! ```
//!
//! With the `method-errors` feature, each method with documented errors also has an enum of
//! exactly those errors (an exhaustive `match` notices when the documentation changes), then
//! `Global` for a known error not documented for it and `Other` for an unknown one; it
//! converts from `errors::Error`:
//!
//! ```
//! # #[cfg(feature = "method-errors")] {
//! use tlgen_types::errors::payments::SendStarsFormError;
//! use tlgen_types::errors::{Error, MethodError};
//! use tlgen_types::{functions::payments::SendStarsForm, RpcError, TypedErrors};
//!
//! let answer = b"\x19\xca\x44\x21\x90\x01\x00\x00\x0fBALANCE_TOO_LOW";
//! let outcome = SendStarsForm::decode_typed_response(answer).expect("well-formed");
//! let e = SendStarsFormError::from(outcome.unwrap_err());
//! assert_eq!(e, SendStarsFormError::BalanceTooLow);
//! // `code()`, `value()`, `to_error()` and `documented()` come from `errors::MethodError`:
//! assert_eq!(e.code(), 400);
//! let e: SendStarsFormError = RpcError::new(420, "FLOOD_WAIT_30").into();
//! assert_eq!(e, SendStarsFormError::Global(Error::FloodWait { value: 30 }));
//! # }
//! ```
//!
//! Which `RpcError`: [`RpcError`] (the runtime's, re-exported here) is the one to handle —
//! `decode_response` gives it, its name and number are split (`FLOOD_WAIT_30` →
//! `FLOOD_WAIT` / 30), and every error enum converts from it. [`types::RpcError`] and
//! [`enums::RpcError`] are the schema's `rpc_error` constructor and type like any other
//! (what `Object` or `enums::RpcError::from_bytes` yields, the two fields as sent); with the
//! `errors` feature they convert into [`RpcError`] and `errors::Error` with `.into()`.
//!
//! Real server bytes: a decrypted message is an envelope — a `msg_container` of `message`s,
//! an `rpc_result` whose `result` answers the call with its `req_msg_id` — read without
//! copying by [`envelope`]; the result is then decoded with the call's `decode_response`,
//! which unpacks a `gzip_packed` result transparently (feature `gzip`, on by default; see
//! [`unpack`] for the limits):
//!
//! ```
//! # #[cfg(feature = "gzip")] {
//! use tlgen_types::envelope::RpcResult;
//! use tlgen_types::{enums, functions::messages::GetHistory, types, RemoteCall};
//!
//! // rpc_result#f35c6d01 req_msg_id:long result:Object, the result a gzip_packed holding
//! // `messages.messagesNotModified#74535f21 count:int` (count 3), gzipped by Python:
//! let bytes = [
//!     0x01, 0x6d, 0x5c, 0xf3, 0x2a, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0xa1, 0xcf, 0x72, 0x30,
//!     0x1c, 0x1f, 0x8b, 0x08, 0x00, 0x00, 0x00, 0x00, 0x00, 0x02, 0x03, 0x53, 0x8c, 0x0f, 0x2e, 0x61,
//!     0x66, 0x60, 0x60, 0x00, 0x00, 0x47, 0xb7, 0x9e, 0x11, 0x08, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
//! ];
//! let answer = RpcResult::from_bytes(&bytes)?;
//! assert_eq!(answer.req_msg_id, 42); // the call we sent with this msg_id: messages.getHistory
//! let history = GetHistory::decode_response(answer.result)?.expect("not an rpc_error");
//! let not_modified = types::messages::MessagesNotModified { count: 3 };
//! assert_eq!(history, enums::messages::Messages::NotModified(not_modified));
//! # }
//! # Ok::<(), tlgen_types::DecodeError>(())
//! ```
//!
//! Anything boxed can be decoded without knowing its type in advance, with the `object`
//! feature:
//!
//! ```
//! # #[cfg(feature = "object")] {
//! use tlgen_types::{functions, Deserializable, Serializable};
//!
//! let bytes = functions::help::GetConfig {}.to_bytes();
//! let object = tlgen_types::Object::from_bytes(&bytes).unwrap();
//! assert_eq!(object.name(), "help.getConfig");
//! # }
//! ```
//!
//! To decode without copying strings and byte strings, the `borrowed` feature adds twins of
//! every type that holds them, whose `&str` and `&[u8]` fields point into the input (about
//! 1.6× faster to decode; the value lives as long as the input):
//!
//! ```
//! # #[cfg(feature = "borrowed")] {
//! use tlgen_types::{borrowed, decode_response_borrowed, DeserializableBorrowed, Serializable};
//!
//! let answer = b"\x19\xca\x44\x21\x90\x01\x00\x00\x0fBALANCE_TOO_LOW";
//! let borrowed::enums::RpcError::RpcError(error) =
//!     borrowed::enums::RpcError::from_bytes_borrowed(answer).expect("well-formed");
//! assert_eq!(error.error_message, "BALANCE_TOO_LOW"); // a `&str` into `answer`
//! assert_eq!(error.to_bytes(), answer);
//!
//! // The answer to payments.sendStarsForm, as the borrowed twin of its `Return` type
//! // (`borrowed::enums::payments::PaymentResult`) or the error sent instead:
//! use tlgen_types::{functions::payments::SendStarsForm, RemoteCallBorrowed};
//! let outcome = SendStarsForm::decode_response_borrowed(answer).expect("well-formed");
//! assert_eq!(outcome.unwrap_err().name, "BALANCE_TOO_LOW");
//! // The same for any borrowed type:
//! let outcome = decode_response_borrowed::<borrowed::enums::payments::PaymentResult>(answer);
//! assert!(outcome.expect("well-formed").is_err());
//! # }
//! ```
//!
//! Every struct and enum implements `Default`, so a constructor with many params is built
//! from the few that matter: numbers are 0, strings, byte strings and vectors empty, flags
//! `false`, optional params `None`, and a boxed type's default is its constructor with the
//! shallowest default (the first in schema order among equals):
//!
//! ```
//! use tlgen_types::{enums, types};
//!
//! let message = types::Message {
//!     id: 1,
//!     peer_id: enums::Peer::User(types::PeerUser { user_id: 42 }),
//!     date: 1_700_000_000,
//!     message: "hi".into(),
//!     ..Default::default() // the other 44 fields
//! };
//! assert!(message.reply_to.is_none() && message.entities.is_none() && !message.pinned);
//! // `messageEmpty` needs nothing; `message` would need a `Peer`:
//! assert_eq!(enums::Message::default(), enums::Message::Empty(types::MessageEmpty::default()));
//! assert_eq!(enums::Peer::default(), enums::Peer::User(types::PeerUser { user_id: 0 }));
//! ```
//!
//! Params that share one flag bit are present together, so they are one field: an
//! `Option` of a tuple. A value whose bytes could not be read back cannot be built:
//!
//! ```
//! use tlgen_types::{enums, types, Deserializable, Serializable};
//!
//! let stream = types::InputGroupCallStream {
//!     call: enums::InputGroupCall::Slug(types::InputGroupCallSlug { slug: "live".into() }),
//!     time_ms: 0,
//!     scale: 0,
//!     video_channel_and_video_quality: Some((1, 2)), // `flags.0?int` both
//! };
//! let bytes = stream.to_bytes();
//! assert_eq!(types::InputGroupCallStream::from_bytes(&bytes).unwrap(), stream);
//! ```
//!
//! ```compile_fail
//! # use tlgen_types::{enums, types};
//! let stream = types::InputGroupCallStream {
//!     call: enums::InputGroupCall::Slug(types::InputGroupCallSlug { slug: "live".into() }),
//!     time_ms: 0,
//!     scale: 0,
//!     video_channel: Some(5), // no such field: one without the other is not expressible
//!     video_quality: None,
//! };
//! ```
//!
//! **2. Regenerate it from the command line.** After editing `schema/api.tl`:
//!
//! ```text
//! cargo run -p tlgen-cli -- generate          # rewrites generated/src/generated/
//! cargo run -p tlgen-cli -- generate --check  # CI: fails if generated/ is stale
//! ```
//!
//! **3. Generate your own bindings from `build.rs`** for any TL schema, with the same
//! generator, and include them:
//!
//! ```no_run
//! // build.rs, with tl-codegen as a build-dependency and tlgen-runtime as a dependency:
//! tlgen_codegen::Config::new()
//!     .schema("schema/my.tl")
//!     .pretty(false) // faster; the output is only compiled
//!     .compile()
//!     .unwrap();
//! ```
//!
//! ```ignore
//! // src/lib.rs
//! include!(concat!(env!("OUT_DIR"), "/tl.rs"));
//! ```
//!
//! # Features
//!
//! Every constructor, type and function, with encoding and decoding of every type and
//! encoding of every function, is always compiled. On top of that:
//!
//! - `errors` (default): [`errors::Error`] and [`TypedErrors`] for every function
//!   (`decode_typed_response` answers `errors::Error`).
//! - `method-errors`: one error enum per method with documented errors
//!   (`errors::payments::SendStarsFormError`), the `errors::MethodError` trait, and
//!   `errors::documented_errors` / `documented_error`. Enables `errors`. About a third of the
//!   typed errors' compile time, hence opt-in.
//! - `object`: `Object`, which decodes any boxed value by its id, and the decoders of
//!   function calls (only `Object` needs them: servers do not send calls).
//! - `conversions`: `From`/`TryFrom` between each constructor struct and its type's enum.
//! - `borrowed`: the `borrowed` module, twins of the types and enums that hold a `string` or
//!   `bytes` somewhere, with `&'a str` / `&'a [u8]` fields borrowed from the input; decode
//!   them with [`DeserializableBorrowed`], or a function's answer with
//!   [`RemoteCallBorrowed`]. Decoding allocates only for vectors and boxed fields. Off by
//!   default: it adds about half of `types` and `enums` to the build.
//! - `serde`: `Serialize` and `Deserialize` on every type, as canonical TL-JSON (the mapping
//!   of `tlgen-dynamic`, the same JSON `tl-codegen decode` prints). Function calls deserialize
//!   with `object` on too (their decoders come with it). Off by default.
//!
//! The features are additive: turning one on never changes what another item means.

#![forbid(unsafe_code)]

#[rustfmt::skip]
mod generated;
#[cfg(feature = "serde")]
mod serde_support;

pub use generated::*;
pub use tlgen_runtime::{
    decode_response_borrowed, envelope, unpack, unpack_with_limit, BareDeserializable,
    BareDeserializableBorrowed, BareSerializable, DecodeError, DecodeErrorKind, Deserializable,
    DeserializableBorrowed, ErrorClass, GzipError, Identifiable, Reader, RemoteCall,
    RemoteCallBorrowed, RpcError, Serializable, TypedErrors,
};
