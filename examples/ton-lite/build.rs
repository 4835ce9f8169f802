//! Generates `$OUT_DIR/tl.rs` from TON's `lite_api.tl` (the repository's test fixture: TON's
//! file as published, LGPL 2.0, see its README), which also declares `adnl.message.query`
//! and `adnl.message.answer`.

fn main() {
    tlgen_codegen::Config::new()
        .schema("../../tl-parser/tests/fixtures/ton/lite_api.tl")
        .compile_or_exit();
}
