//! The bot of `tl-client-ours`, the same source files, on bindings this crate's `build.rs`
//! generates for exactly the calls the bot makes, instead of the whole-layer `tlgen-types`.
//! `scripts/compile-time.sh` times its clean build and its rebuild after a one-line change
//! (of [`APP_VERSION`]) against the same bot on grammers-tl-types.

/// The bindings: the closure of the bot's calls in Telegram's layer, with typed errors.
#[allow(missing_docs, clippy::possible_missing_else)]
mod tl {
    include!(concat!(env!("OUT_DIR"), "/tl.rs"));

    pub use tlgen_runtime::{Deserializable, Serializable, TypedErrors};
}

#[path = "../../client-ours/src/calls.rs"]
mod calls;
#[path = "../../client-ours/src/inbox.rs"]
mod inbox;
#[path = "../../client-ours/src/outcome.rs"]
mod outcome;

pub use calls::{init_connection, requests, Chat};
pub use inbox::{message_texts, read_updates, user_names, Inbox};
pub use outcome::{after_payment, after_resolve, after_send, Next};

/// The application version sent in `initConnection` (the line the rebuild benchmark edits).
pub const APP_VERSION: &str = "1.0.0";
