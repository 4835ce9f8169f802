//! Generates `$OUT_DIR/tl.rs`: the bindings of exactly the functions this bot calls (the
//! closure of [`FUNCTIONS`] in Telegram's layer, from `tlgen-schema`), with their typed errors.

/// Every function `tl-client-ours` builds, by TL name.
const FUNCTIONS: [&str; 23] = [
    "invokeWithLayer",
    "initConnection",
    "help.getConfig",
    "auth.importBotAuthorization",
    "bots.setBotCommands",
    "channels.getParticipants",
    "channels.joinChannel",
    "contacts.resolveUsername",
    "messages.deleteMessages",
    "messages.editMessage",
    "messages.forwardMessages",
    "messages.getDialogs",
    "messages.getHistory",
    "messages.getMessages",
    "messages.readHistory",
    "messages.sendMessage",
    "messages.setBotCallbackAnswer",
    "messages.setTyping",
    "payments.sendStarsForm",
    "updates.getDifference",
    "updates.getState",
    "upload.getFile",
    "users.getUsers",
];

fn main() {
    // The inputs are crates, not files: only a change of this script reruns it.
    println!("cargo:rerun-if-changed=build.rs");
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
        .pretty(false);
    config.compile_or_exit();
}
