//! Generates `$OUT_DIR/tl.rs` from `schema/bot.tl`.
//!
//! `compile_or_exit` prints `cargo:rerun-if-changed` for the schema, writes the file only
//! when it changed, and on a schema error fails the build with `file:line:column` and a
//! snippet of the bad line instead of a panic.

fn main() {
    tlgen_codegen::Config::new()
        .schema("schema/bot.tl")
        .pretty(false) // faster; the output is only compiled (`cargo doc` still shows it)
        .compile_or_exit();
}
