//! A bot written against `tlgen-types` with its default features: it decodes what Telegram sends
//! a bot, builds and encodes the calls a bot makes, and acts on the typed errors of three
//! methods. It exists to be compiled: `scripts/compile-time.sh` times its clean build and its
//! rebuild after a one-line change (of [`APP_VERSION`]) against the same bot written with
//! grammers-tl-types (`bench/client-grammers`).

/// The bindings the bot is written against: the whole-layer crate. `bench/client-subset`
/// compiles these same modules against bindings its `build.rs` generates.
use tlgen_types as tl;

mod calls;
mod inbox;
mod outcome;

pub use calls::{init_connection, requests, Chat};
pub use inbox::{message_texts, read_updates, user_names, Inbox};
pub use outcome::{after_payment, after_resolve, after_send, Next};

/// The application version sent in `initConnection` (the line the rebuild benchmark edits).
pub const APP_VERSION: &str = "1.0.0";
