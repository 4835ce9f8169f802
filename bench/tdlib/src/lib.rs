//! The corpus of the TDLib codec benchmark: real-shaped updates as TDLib 1.8.61 writes them
//! (`@type` first, fields in schema order, null objects left out, int64 as strings, doubles
//! with six decimals, non-ASCII as `\u` escapes).

/// One update per line: new message (text with entities, Cyrillic and an emoji), last
/// message, user, file, deleted messages, read inbox, user status, chat action, callback
/// query (bytes), option, authorization state.
pub const UPDATES: &str = include_str!("../updates.jsonl");
