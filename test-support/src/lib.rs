//! Helpers shared by the workspace's tests and benches, so that each exists once:
//!
//! - [`SplitMix64`]: the deterministic generator behind the sample bytes of the integration
//!   tests and the benchmark corpus;
//! - [`alloc`]: a counting global allocator for allocation tests;
//! - [`envelope`]: gzip streams and MTProto envelopes written from the specifications, and the
//!   one table of envelope-rule cases every decoder is tested with;
//! - [`snapshot`]: compare output with a checked-in file, `UPDATE_SNAPSHOTS=1` to rewrite it;
//! - [`BOT_FUNCTIONS`]: the 12 calls of issue 18's bot (also in `examples/bot-subset`, which
//!   users copy, and read from there by `scripts/compile-time.sh`).
//! - [`TDLIB_BOT_FUNCTIONS`]: the 12 TDLib functions of issue 26's bot (read by
//!   `scripts/compile-time.sh` for its `tdlib12` configuration).

pub mod alloc;
pub mod envelope;
mod rng;
pub mod snapshot;

pub use rng::SplitMix64;

/// The 12 Telegram functions a typical bot calls (issue 18): the subset tests and timings
/// generate their closure.
pub const BOT_FUNCTIONS: [&str; 12] = [
    "messages.sendMessage",
    "messages.getHistory",
    "updates.getDifference",
    "updates.getState",
    "users.getUsers",
    "auth.importBotAuthorization",
    "help.getConfig",
    "upload.getFile",
    "messages.editMessage",
    "messages.deleteMessages",
    "channels.getMessages",
    "messages.sendMedia",
];

/// The 12 TDLib functions a typical bot calls (issue 26): the TDLib subset's tests and timings
/// generate their closure from `td_api.tl`.
pub const TDLIB_BOT_FUNCTIONS: [&str; 12] = [
    "setTdlibParameters",
    "checkAuthenticationBotToken",
    "getMe",
    "getChat",
    "sendMessage",
    "editMessageText",
    "deleteMessages",
    "getMessage",
    "getChatHistory",
    "answerCallbackQuery",
    "getUser",
    "downloadFile",
];
