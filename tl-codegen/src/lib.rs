//! Generates Rust bindings from TL schemas.
