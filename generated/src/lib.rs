//! Every constructor and function of Telegram's API (layer 230) and of MTProto, as Rust
//! types that encode to exactly the bytes Telegram expects and decode anything it sends.
//!
//! - [`types`]: one struct per constructor (`types::payments::PaymentResult`).
//! - [`enums`]: one enum per boxed type, whose variants hold those structs.
//! - [`functions`]: one struct per RPC function, implementing [`RemoteCall`].
//! - [`errors`]: typed RPC errors, per function and for the whole API.
//! - [`Object`]: decodes any boxed value by its constructor id.
//!
//! The wire rules, the depth limit and the UTF-8 policy are those of [`tl_runtime`].
//!
//! # Three ways to use it
//!
//! **1. Import this crate.** Build a request, serialize it, decode a response:
//!
//! ```
//! use tl_types::{enums, functions, types, Deserializable, Identifiable, RemoteCall, Serializable};
//!
//! let call = functions::payments::SendStarsForm {
//!     form_id: 42,
//!     invoice: enums::InputInvoice::Slug(types::InputInvoiceSlug { slug: "gift".into() }),
//! };
//! let bytes = call.to_bytes();
//! assert_eq!(bytes[..4], functions::payments::SendStarsForm::CONSTRUCTOR_ID.to_le_bytes());
//!
//! // Anything boxed can be decoded without knowing its type in advance:
//! let object = tl_types::Object::from_bytes(&bytes).unwrap();
//! assert_eq!(object.name(), "payments.sendStarsForm");
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
//! **2. Regenerate it from the command line.** After editing `schema/api.tl`:
//!
//! ```text
//! cargo run -p tl-cli -- generate          # rewrites generated/src/generated/
//! cargo run -p tl-cli -- generate --check  # CI: fails if generated/ is stale
//! ```
//!
//! **3. Generate your own bindings from `build.rs`** for any TL schema, with the same
//! generator, and include them:
//!
//! ```no_run
//! // build.rs, with tl-codegen as a build-dependency and tl-runtime as a dependency:
//! tl_codegen::Config::new()
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
//! - `serde`: `Serialize` and `Deserialize` on every type (off by default).

#![forbid(unsafe_code)]

#[rustfmt::skip]
mod generated;

pub use generated::*;
pub use tl_runtime::{
    BareDeserializable, BareSerializable, DecodeError, DecodeErrorKind, Deserializable,
    Identifiable, Reader, RemoteCall, RpcError, Serializable,
};
