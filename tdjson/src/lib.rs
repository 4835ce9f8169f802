//! A typed client for TDLib's and tonlib's JSON interfaces.
//!
//! The libraries are loaded at run time from a path you give or an environment variable
//! (`TDJSON_PATH`, `TONLIBJSON_PATH`); this crate never downloads or builds them. Requests and
//! answers are the types of bindings generated with `tl-codegen generate --json tdlib` (or
//! `tonlib`) — the checked-in `tlgen-tdlib` and `tlgen-tonlib` crates, or a subset of your own —
//! through `tlgen_runtime::json`'s [`TdFunction`] and [`TdJson`] traits:
//!
//! - [`Tdjson::execute`] / [`Tonlib::execute`]: a synchronous function, its typed `Return` or
//!   the library's `error` ([`Error::Td`]);
//! - [`TdClient::send`] / [`TonClient::send`]: a request whose answer is matched by `@extra`
//!   and arrives, typed, in a [`Pending`] (`wait`, `wait_timeout`);
//! - [`TdClient::receive`] / [`TonClient::receive`]: the next update, decoded as the bindings'
//!   `Object` (unknown constructors of a newer library decode to its `Unknown` variant);
//! - a raw layer with JSON text both ways (`execute_raw`, `send_raw`, `receive_raw`) for tools.
//!
//! Threads, not async: each library has a receive loop on a thread of its own (TDLib's
//! `td_receive` serves every client of the process and must not run on two threads at once,
//! so there is one loop per loaded libtdjson, routing by `@client_id`; each tonlib client has
//! its own). Everything else may be called from any thread; waiting blocks.
//!
//! ```no_run
//! use std::time::Duration;
//! use tlgen_tdjson::Tdjson;
//! use tlgen_tdlib::{functions, Object};
//!
//! let tdjson = Tdjson::from_env()?; // TDJSON_PATH=/path/to/libtdjson.so
//! let entities = tdjson.execute(&functions::GetTextEntities { text: "see https://telegram.org".into() })?;
//! println!("{entities:?}");
//!
//! let client = tdjson.create_client();
//! let answer = client.send(&functions::GetOption { name: "version".into() })?;
//! println!("{:?}", answer.wait_timeout(Duration::from_secs(10))?);
//! while let Some(update) = client.receive::<Object>(Duration::from_secs(1))? {
//!     println!("{update:?}");
//! }
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
#![deny(unsafe_code)]

mod error;
mod library;
mod route;
mod td;
mod ton;

pub use error::{Error, LoadError};
pub use route::Pending;
pub use td::{TdClient, Tdjson, TDJSON_PATH};
pub use tlgen_runtime::json::{TdError, TdFunction, TdJson};
pub use ton::{TonClient, Tonlib, TONLIBJSON_PATH};
