//! The build.rs path: bindings for the Telegram Stars excerpt, through the library API.

fn main() {
    if let Err(e) = tl_codegen::Config::new()
        .schema("schema/stars.tl")
        .compile()
    {
        panic!("tl-codegen failed: {e}");
    }
}
