//! Generates `$OUT_DIR/tl.rs` from TON's `lite_api.tl`, which also declares
//! `adnl.message.query` and `adnl.message.answer`. The schema comes from the `tlgen-schema`
//! crate (feature `ton`: TON's file as published, GNU LGPL 2.0, see its `ton/README.md`), so
//! nothing is copied into this crate.

fn main() {
    println!("cargo:rerun-if-changed=build.rs"); // the input is a crate, not a file
    tlgen_codegen::Config::new()
        .schema_text("lite_api.tl", tlgen_schema::ton::LITE_API_TL)
        .compile_or_exit();
}
