//! Telegram TL types.
