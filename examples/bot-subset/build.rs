//! Generates `$OUT_DIR/tl.rs`: the functions this bot calls from Telegram's API (layer
//! `tlgen_schema::LAYER`), and only the types they need.
//!
//! The schema and the documentation come from the `tlgen-schema` crate, in memory; the
//! subset is the closure of [`FUNCTIONS`]: every boxed type reachable from their params and
//! results, with all its constructors. Typed errors cover these functions and the global
//! errors (flood waits, migrations).

/// What the bot calls, by TL name.
const FUNCTIONS: [&str; 12] = [
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

fn main() {
    let docs = match tlgen_docs::load_dump(tlgen_schema::GETDOC_JSON) {
        Ok(docs) => docs,
        Err(e) => {
            eprintln!("error: the documentation dump of tlgen-schema: {e}");
            std::process::exit(1)
        }
    };
    let mut config = tlgen_codegen::Config::new();
    config
        .schema_text("api.tl", tlgen_schema::API_TL)
        .schema_text("mtproto.tl", tlgen_schema::MTPROTO_TL)
        .functions(FUNCTIONS)
        .docs(docs)
        // Faster; the output is only compiled (`cargo doc` still shows it).
        .pretty(false);
    config.compile_or_exit();
}
