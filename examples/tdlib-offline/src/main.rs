//! TDLib without a network, through tlgen-tdjson and the generated `tlgen-tdlib` bindings:
//!
//! 1. loads libtdjson from `TDJSON_PATH` (or the path given as the first argument);
//! 2. calls `getTextEntities` and `parseTextEntities` synchronously (`td_execute`);
//! 3. sends `setTdlibParameters` (test DC, a temporary directory) and prints the typed
//!    authorization-state updates up to `authorizationStateWaitPhoneNumber`;
//! 4. sends `testCall*` requests, all at once, and matches each answer by `@extra`.
//!
//! `bash scripts/fetch-native-libs.sh` fetches libtdjson (PyPI's `tdjson==1.8.61` wheel) and
//! prints the path; then `TDJSON_PATH=… cargo run -p tl-example-tdlib-offline`.

use std::error::Error;
use std::time::{Duration, Instant};

use tlgen_tdjson::Tdjson;
use tlgen_tdlib::{enums, functions, types, Object};

const WAIT: Duration = Duration::from_secs(60);

fn main() -> Result<(), Box<dyn Error>> {
    let tdjson = match std::env::args_os().nth(1) {
        Some(path) => Tdjson::load(path)?,
        None => Tdjson::from_env()?,
    };
    println!("loaded {}", tdjson.path().display());
    tdjson.execute(&functions::SetLogVerbosityLevel {
        new_verbosity_level: 1,
    })?;

    // Synchronous functions: td_execute, from any thread, typed answers.
    let enums::TextEntities::TextEntities(found) = tdjson.execute(&functions::GetTextEntities {
        text: "@telegram /start https://telegram.org".into(),
    })?
    else {
        return Err("unexpected answer".into());
    };
    for entity in &found.entities {
        println!(
            "getTextEntities: {}..+{} {:?}",
            entity.offset, entity.length, entity.r#type
        );
    }
    let parsed = tdjson.execute(&functions::ParseTextEntities {
        text: "*bold* and [a link](https://telegram.org)".into(),
        parse_mode: enums::TextParseMode::Markdown(types::TextParseModeMarkdown { version: 2 }),
    })?;
    println!("parseTextEntities: {parsed:?}");

    // One TDLib instance; its updates arrive typed.
    let directory =
        std::env::temp_dir().join(format!("tlgen-tdlib-offline-{}", std::process::id()));
    let client = tdjson.create_client();
    let parameters = client.send(&functions::SetTdlibParameters {
        use_test_dc: true,
        database_directory: directory.join("db").to_string_lossy().into_owned(),
        files_directory: directory.join("files").to_string_lossy().into_owned(),
        database_encryption_key: Vec::new(),
        use_file_database: false,
        use_chat_info_database: false,
        use_message_database: false,
        use_secret_chats: false,
        // Placeholders: get your own at https://my.telegram.org before going online.
        api_id: 12345,
        api_hash: "0123456789abcdef0123456789abcdef".into(),
        system_language_code: "en".into(),
        device_model: "tlgen-tdjson example".into(),
        system_version: String::new(),
        application_version: "0.1".into(),
    })?;
    let deadline = Instant::now() + WAIT;
    loop {
        let left = deadline.saturating_duration_since(Instant::now());
        let Some(update) = client.receive::<Object>(left)? else {
            return Err("no authorizationStateWaitPhoneNumber in time".into());
        };
        if let Object::UpdateAuthorizationState(update) = update {
            println!("authorization state: {:?}", update.authorization_state);
            if matches!(
                update.authorization_state,
                enums::AuthorizationState::WaitPhoneNumber(_)
            ) {
                break;
            }
        }
    }
    println!("setTdlibParameters: {:?}", parameters.wait_timeout(WAIT)?);

    // Requests in flight together; each answer finds its request by @extra.
    let square = client.send(&functions::TestSquareInt { x: 12 })?;
    let echo = client.send(&functions::TestCallString {
        x: "ünïcödé 🌍".into(),
    })?;
    let vector = client.send(&functions::TestCallVectorInt { x: vec![1, 2, 3] })?;
    let empty = client.send(&functions::TestCallEmpty {})?;
    println!("testCallEmpty: {:?}", empty.wait_timeout(WAIT)?);
    println!("testCallVectorInt: {:?}", vector.wait_timeout(WAIT)?);
    println!("testCallString: {:?}", echo.wait_timeout(WAIT)?);
    println!("testSquareInt: {:?}", square.wait_timeout(WAIT)?);

    client.close(WAIT)?;
    std::fs::remove_dir_all(&directory)?;
    Ok(())
}
