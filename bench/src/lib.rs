//! Benchmark support: the deterministic corpus of realistic Telegram objects.
